//! Writes a deterministic Keel site for benchmarks: N pages per language (en, pl, he) across ten
//! sections, Markdown pages of about 600 words (headings, lists, a task list, a table, internal
//! links) and YAML checklists, with the default theme and interface strings.
//!
//! cargo run --release --example gen_corpus -- --pages 1000 --out /dev/shm/corpus

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
    let _ = fs::remove_dir_all(&out);
    write(
        &out.join("keel.yaml"),
        "title:\n  en: Corpus\n  pl: Korpus\n  he: קורפוס\nbase_url: https://example.org/corpus/\ndefault_language: en\nlanguages:\n  - code: en\n  - code: pl\n  - code: he\ntheme: default\n",
    );
    for (path, text) in keel::starter::THEME_FILES {
        write(&out.join(path), text);
    }
    for (lang, words) in [("en", EN), ("pl", PL), ("he", HE)] {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        let root = out.join("content").join(lang);
        write(
            &root.join("_index.md"),
            &format!(
                "---\ntitle: {}\nsummary: {}\nreviewed: 2026-11-20\n---\n{}\n",
                words[0],
                sentence(&mut rng, words, 6),
                sentence(&mut rng, words, 30)
            ),
        );
        for sec in 0..SECTIONS {
            write(
                &root.join(format!("s{sec}/_index.md")),
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
                write(
                    &root.join(format!("s{sec}/{slug}.yaml")),
                    &yaml_page(&mut rng, words, i),
                );
            } else {
                write(
                    &root.join(format!("s{sec}/{slug}.md")),
                    &markdown_page(&mut rng, words, i, pages),
                );
            }
        }
    }
    println!("wrote {pages} pages per language to {}", out.display());
}
