//! Writes a deterministic Keel site for benchmarks: N pages per language (en, pl, he) across ten
//! sections, Markdown pages of about 600 words (headings, lists, a task list, a table, internal
//! links) and YAML checklists, with the default theme and interface strings.
//!
//! cargo run --release --example gen_corpus -- --pages 1000 --out /dev/shm/corpus
//!
//! With `--zola`, the same words as a Zola 0.22 site instead (config.toml, `page.pl.md`
//! translations, TOML front matter, minimal templates, no search index), for a side-by-side
//! benchmark: Keel's task-item attributes are left out and its YAML checklist pages become
//! Markdown pages with the same headings and items.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

const SECTIONS: usize = 10;

const EN: &[&str] = &[
    "order",
    "customer",
    "carrier",
    "payment",
    "stock",
    "refund",
    "team",
    "incident",
    "checkout",
    "supplier",
    "review",
    "message",
    "delay",
    "banner",
    "update",
    "backup",
    "warehouse",
    "parcel",
    "support",
    "price",
    "campaign",
    "drill",
    "report",
    "weekly",
];
const PL: &[&str] = &[
    "zamówienie",
    "klient",
    "kurier",
    "płatność",
    "zapasy",
    "zwrot",
    "zespół",
    "awaria",
    "koszyk",
    "dostawca",
    "opinia",
    "komunikat",
    "opóźnienie",
    "baner",
    "aktualizacja",
    "kopia",
    "magazyn",
    "przesyłka",
    "wsparcie",
    "cena",
    "kampania",
    "ćwiczenie",
    "raport",
    "tydzień",
];
const HE: &[&str] = &[
    "הזמנה",
    "לקוח",
    "שליח",
    "תשלום",
    "מלאי",
    "זיכוי",
    "צוות",
    "תקלה",
    "קופה",
    "ספק",
    "חוות",
    "הודעה",
    "עיכוב",
    "באנר",
    "עדכון",
    "גיבוי",
    "מחסן",
    "חבילה",
    "תמיכה",
    "מחיר",
    "קמפיין",
    "תרגיל",
    "דוח",
    "שבועי",
];

/// xorshift64*: deterministic and dependency-free.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn sentence(rng: &mut Rng, words: &[&str], n: usize) -> String {
    let mut s = String::new();
    for i in 0..n {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(words[rng.below(words.len())]);
    }
    s.push('.');
    s
}

fn page_path(i: usize) -> (usize, String) {
    (i % SECTIONS, format!("p-{i:06}"))
}

fn markdown_page(rng: &mut Rng, words: &[&str], i: usize, pages: usize) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "---\ntitle: {} {i}\nsummary: {}\nweight: {i}\nreviewed: 2026-11-20\n---",
        words[i % words.len()],
        sentence(rng, words, 8)
    );
    for h in 0..4 {
        let _ = writeln!(
            s,
            "## {} {h} {{#part-{h}}}\n",
            words[rng.below(words.len())]
        );
        for _ in 0..2 {
            let mut para = String::new();
            for _ in 0..6 {
                let n = 6 + rng.below(6);
                para.push_str(&sentence(rng, words, n));
                para.push(' ');
            }
            let target = rng.below(pages);
            let (sec, slug) = page_path(if target % 10 == 9 { target - 1 } else { target });
            let _ = writeln!(
                s,
                "{para}[{}](@/s{sec}/{slug}.md#part-1).\n",
                words[rng.below(words.len())]
            );
        }
        if h == 1 {
            for k in 0..5 {
                let _ = writeln!(s, "- {}", sentence(rng, words, 5 + k));
            }
            s.push('\n');
        }
    }
    let _ = writeln!(s, "## {} {{#act-now}}\n", words[3]);
    for k in 0..6 {
        let _ = writeln!(s, "- [ ] {} {{#step-{k} role=il}}", sentence(rng, words, 6));
    }
    let _ = writeln!(
        s,
        "\n| {} | {} | {} |\n|---|---|---|",
        words[0], words[1], words[2]
    );
    for _ in 0..4 {
        let _ = writeln!(
            s,
            "| {} | {} | {} |",
            words[rng.below(words.len())],
            rng.below(1000),
            words[rng.below(words.len())]
        );
    }
    s
}

fn yaml_page(rng: &mut Rng, words: &[&str], i: usize) -> String {
    let mut s = format!(
        "title: {} {i}\nsummary: \"{}\"\nweight: {i}\nreviewed: 2026-11-20\nkind: checklist\nbody: |\n  {}\nchecklists:\n",
        words[i % words.len()],
        sentence(rng, words, 8),
        sentence(rng, words, 20)
    );
    for c in 0..2 {
        let _ = writeln!(
            s,
            "  - id: list-{c}\n    title: {}\n    items:",
            words[rng.below(words.len())]
        );
        for k in 0..6 {
            let _ = writeln!(
                s,
                "      - id: c{c}-item-{k}\n        text: \"{}\"\n        role: cs",
                sentence(rng, words, 7)
            );
        }
    }
    s
}

/// The Markdown page as Zola takes it: TOML front matter, links to the language's own files,
/// no Keel attributes on task items.
fn zola_markdown(keel: &str, lang: &str) -> String {
    let (front, body) = keel
        .strip_prefix("---\n")
        .and_then(|r| r.split_once("\n---\n"))
        .unwrap_or(("", keel));
    let mut out = String::from("+++\n");
    for line in front.lines() {
        let Some((k, v)) = line.split_once(": ") else {
            continue;
        };
        match k {
            "title" => {
                let _ = writeln!(out, "title = {v:?}");
            }
            "summary" => {
                let _ = writeln!(out, "description = {v:?}");
            }
            "weight" => {
                let _ = writeln!(out, "weight = {v}");
            }
            _ => {}
        }
    }
    out.push_str("+++\n");
    let suffix = if lang == "en" {
        String::new()
    } else {
        format!(".{lang}")
    };
    for line in body.lines() {
        let line = match line.find(" {#step-") {
            Some(at) => &line[..at],
            None => line,
        };
        out.push_str(&line.replace(".md#part-1)", &format!("{suffix}.md#part-1)")));
        out.push('\n');
    }
    out
}

/// A YAML checklist page's words as a Zola Markdown page.
fn zola_checklist(yaml: &str) -> String {
    let field = |key: &str| {
        yaml.lines()
            .find_map(|l| l.strip_prefix(key))
            .unwrap_or("")
            .trim_matches('"')
            .to_string()
    };
    let mut out = format!(
        "+++\ntitle = {:?}\ndescription = {:?}\nweight = {}\n+++\n",
        field("title: "),
        field("summary: "),
        field("weight: ")
    );
    for line in yaml.lines() {
        let t = line.trim();
        if let Some(title) = t
            .strip_prefix("title: ")
            .filter(|_| line.starts_with("    "))
        {
            let _ = writeln!(out, "\n## {title}\n");
        } else if let Some(text) = t.strip_prefix("text: ") {
            let _ = writeln!(out, "- [ ] {}", text.trim_matches('"'));
        } else if line.starts_with("  ") && !line.starts_with("   ") && !t.starts_with('-') {
            let _ = writeln!(out, "{t}\n");
        }
    }
    out
}

const ZOLA_CONFIG: &str = "base_url = \"https://example.org/corpus\"\ntitle = \"Corpus\"\ndefault_language = \"en\"\nbuild_search_index = false\ncompile_sass = false\n\n[markdown]\n\n[languages.pl]\ntitle = \"Korpus\"\n\n[languages.he]\ntitle = \"קורפוס\"\n";
const ZOLA_TEMPLATES: [(&str, &str); 3] = [
    (
        "templates/index.html",
        "<!DOCTYPE html><html lang=\"{{ lang }}\"><head><meta charset=\"utf-8\"><title>{{ config.title }}</title></head><body><main>{{ section.content | safe }}<ul>{% for s in section.subsections %}<li>{{ s }}</li>{% endfor %}</ul></main></body></html>\n",
    ),
    (
        "templates/section.html",
        "<!DOCTYPE html><html lang=\"{{ lang }}\"><head><meta charset=\"utf-8\"><title>{{ section.title }}</title></head><body><main><h1>{{ section.title }}</h1><ul>{% for p in section.pages %}<li><a href=\"{{ p.permalink }}\">{{ p.title }}</a></li>{% endfor %}</ul></main></body></html>\n",
    ),
    (
        "templates/page.html",
        "<!DOCTYPE html><html lang=\"{{ lang }}\"><head><meta charset=\"utf-8\"><title>{{ page.title }}</title></head><body><main><h1>{{ page.title }}</h1>{{ page.content | safe }}</main></body></html>\n",
    ),
];

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().expect("parent")).expect("create dir");
    fs::write(path, text).expect("write");
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let pages: usize = arg("--pages").and_then(|p| p.parse().ok()).unwrap_or(1000);
    let out = PathBuf::from(arg("--out").unwrap_or_else(|| "corpus".into()));
    let zola = args.iter().any(|a| a == "--zola");
    let _ = fs::remove_dir_all(&out);
    if zola {
        write(&out.join("config.toml"), ZOLA_CONFIG);
        for (path, text) in ZOLA_TEMPLATES {
            write(&out.join(path), text);
        }
    }
    // Where a page goes: Keel's `content/<lang>/…` or Zola's `content/…[.lang].md`.
    let place = |lang: &str, rel: &str, text: &str| {
        if zola {
            let (stem, ext) = rel.rsplit_once('.').unwrap_or((rel, "md"));
            let name = if lang == "en" {
                format!("{stem}.md")
            } else {
                format!("{stem}.{lang}.md")
            };
            let text = if ext == "yaml" {
                zola_checklist(text)
            } else {
                zola_markdown(text, lang)
            };
            write(&out.join("content").join(name), &text);
        } else {
            write(&out.join("content").join(lang).join(rel), text);
        }
    };
    if !zola {
        write(
            &out.join("keel.yaml"),
            "title:\n  en: Corpus\n  pl: Korpus\n  he: קורפוס\nbase_url: https://example.org/corpus/\ndefault_language: en\nlanguages:\n  - code: en\n  - code: pl\n  - code: he\ntheme: default\n",
        );
        for (path, text) in keel::starter::THEME_FILES {
            write(&out.join(path), text);
        }
    }
    for (lang, words) in [("en", EN), ("pl", PL), ("he", HE)] {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        place(
            lang,
            "_index.md",
            &format!(
                "---\ntitle: {}\nsummary: {}\nreviewed: 2026-11-20\n---\n{}\n",
                words[0],
                sentence(&mut rng, words, 6),
                sentence(&mut rng, words, 30)
            ),
        );
        for sec in 0..SECTIONS {
            place(
                lang,
                &format!("s{sec}/_index.md"),
                &format!(
                    "---\ntitle: {} {sec}\nsummary: {}\nweight: {sec}\nreviewed: 2026-11-20\n---\n",
                    words[sec],
                    sentence(&mut rng, words, 6)
                ),
            );
        }
        for i in 0..pages {
            let (sec, slug) = page_path(i);
            // Every tenth page is a structured checklist; links only ever point at Markdown pages.
            if i % 10 == 9 {
                place(
                    lang,
                    &format!("s{sec}/{slug}.yaml"),
                    &yaml_page(&mut rng, words, i),
                );
            } else {
                place(
                    lang,
                    &format!("s{sec}/{slug}.md"),
                    &markdown_page(&mut rng, words, i, pages),
                );
            }
        }
    }
    println!("wrote {pages} pages per language to {}", out.display());
}
