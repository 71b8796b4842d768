//! Search and offline use. Each language gets a compact search index as a script
//! (`<lang>/search-index.js`, loadable from `file://` where `fetch` is not) and a service worker
//! (`<lang>/sw.js`) that keeps that language's pages and assets for offline use, versioned by a
//! hash of the build's inputs.
//!
//! Terms are normalised the same way here and in the theme's `site.js`: lower case; Polish
//! letters folded to ASCII (`płatność` → `platnosc`); Hebrew points (niqqud) removed and final
//! letters folded (`ם` → `מ`); then a light suffix stemmer for Polish and English, and for Hebrew
//! each word is also indexed without one or two of the prefix letters ה ו ב ל מ ש כ.

use std::collections::{BTreeMap, HashMap};

use crate::content::PageKind;
use crate::render::OutFile;
use crate::site::Site;

/// Pages precached by a language's service worker; more are cached as they are visited.
const PRECACHE_LIMIT: usize = 400;
/// Characters of each page's text kept for result snippets.
const SNIPPET_TEXT: usize = 1200;

/// Lower-case and fold one character; `None` drops it (Hebrew points and cantillation).
fn fold_char(c: char) -> Option<char> {
    Some(match c {
        '\u{0591}'..='\u{05BD}'
        | '\u{05BF}'
        | '\u{05C1}'
        | '\u{05C2}'
        | '\u{05C4}'
        | '\u{05C5}'
        | '\u{05C7}'
        | '\u{05F3}'
        | '\u{05F4}' => return None,
        'ą' | 'Ą' => 'a',
        'ć' | 'Ć' => 'c',
        'ę' | 'Ę' => 'e',
        'ł' | 'Ł' => 'l',
        'ń' | 'Ń' => 'n',
        'ó' | 'Ó' => 'o',
        'ś' | 'Ś' => 's',
        'ź' | 'Ź' | 'ż' | 'Ż' => 'z',
        'ך' => 'כ',
        'ם' => 'מ',
        'ן' => 'נ',
        'ף' => 'פ',
        'ץ' => 'צ',
        c => c.to_lowercase().next().unwrap_or(c),
    })
}

/// Words of `text`, folded.
pub fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        match fold_char(c) {
            None => {}
            Some(f) if f.is_alphanumeric() => word.push(f),
            Some(_) if !word.is_empty() => out.push(std::mem::take(&mut word)),
            Some(_) => {}
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

const PL_SUFFIXES: [&str; 21] = [
    "ami", "ach", "ego", "emu", "ich", "ych", "imi", "ymi", "owi", "om", "ow", "ie", "ia", "ii",
    "ej", "a", "e", "i", "o", "u", "y",
];
const HE_PREFIXES: &str = "הובלמשכ";

fn stem(lang: &str, word: &str) -> String {
    let chars = word.chars().count();
    match lang.split('-').next().unwrap_or("") {
        "pl" => {
            for s in PL_SUFFIXES {
                if word.ends_with(s) && chars - s.chars().count() >= 4 {
                    return word[..word.len() - s.len()].to_string();
                }
            }
            word.to_string()
        }
        "en" => {
            if chars > 4 && word.ends_with("ies") {
                format!("{}y", &word[..word.len() - 3])
            } else if chars > 5 && word.ends_with("ing") {
                word[..word.len() - 3].to_string()
            } else if chars > 4 && word.ends_with("ed") {
                word[..word.len() - 2].to_string()
            } else if chars > 3 && word.ends_with('s') && !word.ends_with("ss") {
                word[..word.len() - 1].to_string()
            } else {
                word.to_string()
            }
        }
        _ => word.to_string(),
    }
}

/// The index terms of one folded word: its stem and, in Hebrew, the word without one or two
/// prefix letters.
pub fn variants(lang: &str, word: &str) -> Vec<String> {
    let mut v = vec![stem(lang, word)];
    if lang.split('-').next() == Some("he") {
        let chars: Vec<char> = word.chars().collect();
        let mut cut = 0;
        while cut < 2 && chars.len() - cut >= 4 && HE_PREFIXES.contains(chars[cut]) {
            cut += 1;
            v.push(chars[cut..].iter().collect());
        }
    }
    v.dedup();
    v
}

/// Plain text of rendered HTML (tags dropped, the few entities we emit decoded).
fn plain_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// FNV-1a: a stable hash for cache versions (the standard library's may change between releases).
fn fnv(hash: &mut u64, bytes: &[u8]) {
    for b in bytes {
        *hash ^= u64::from(*b);
        *hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
}

/// `<lang>/search-index.js` and `<lang>/sw.js` for every language. `theme_files` are the theme's
/// files (`static/keel.css`, `templates/base.html` …): they go into the cache version, and the
/// static scripts and styles are precached.
pub fn render(site: &Site, theme_files: &[(String, Vec<u8>)]) -> Vec<OutFile> {
    let mut version: u64 = 0xcbf2_9ce4_8422_2325;
    fnv(&mut version, env!("CARGO_PKG_VERSION").as_bytes());
    for (name, bytes) in theme_files {
        fnv(&mut version, name.as_bytes());
        fnv(&mut version, bytes);
    }
    for p in &site.pages {
        fnv(&mut version, p.path.as_bytes());
        fnv(&mut version, p.src.text.as_bytes());
    }
    let mut files = Vec::new();
    for (lang, language) in site.locales.languages.iter().enumerate() {
        let code = &language.code;
        let pages: Vec<usize> = site
            .pages
            .iter()
            .enumerate()
            .filter(|(_, p)| p.lang() == lang && p.fallback_from.is_none())
            .map(|(i, _)| i)
            .collect();
        files.push(OutFile {
            path: format!("{code}/search-index.js"),
            bytes: index(site, code, &pages).into_bytes(),
        });
        files.push(OutFile {
            path: format!("{code}/sw.js"),
            bytes: service_worker(site, lang, version, theme_files).into_bytes(),
        });
    }
    files
}

fn index(site: &Site, code: &str, pages: &[usize]) -> String {
    let mut docs = Vec::new();
    let mut terms: BTreeMap<String, Vec<(usize, u32)>> = BTreeMap::new();
    for (d, &i) in pages.iter().enumerate() {
        let page = &site.pages[i];
        let section = if page.src.section.is_empty() || page.src.slug.is_empty() {
            String::new()
        } else {
            site.find(page.lang(), &format!("{}/", page.src.section))
                .map(|s| site.pages[s].title().to_string())
                .unwrap_or_default()
        };
        let summary = page.meta().summary.clone().unwrap_or_default();
        let mut body = plain_text(&page.html);
        for c in &page.checklists {
            if !c.from_markdown {
                body.push(' ');
                body.push_str(c.title.as_deref().unwrap_or(""));
            }
            for item in c.items.iter().filter(|_| !c.from_markdown) {
                body.push(' ');
                body.push_str(&plain_text(&item.html));
            }
        }
        if let Some(s) = &page.structured.scenario_html {
            body = format!("{} {body}", plain_text(s));
        }
        let mut scores: HashMap<String, u32> = HashMap::new();
        for (text, weight) in [
            (page.title(), 8u32),
            (summary.as_str(), 3),
            (body.as_str(), 1),
        ] {
            for word in tokens(text) {
                for v in variants(code, &word) {
                    let s = scores.entry(v).or_default();
                    *s = (*s + weight).min(60);
                }
            }
        }
        for (term, score) in scores {
            terms.entry(term).or_default().push((d, score));
        }
        let snippet: String = body.chars().take(SNIPPET_TEXT).collect();
        docs.push(serde_json::json!([
            page.title(),
            section,
            page.path,
            summary,
            snippet
        ]));
    }
    let terms: serde_json::Map<String, serde_json::Value> = terms
        .into_iter()
        .map(|(t, mut v)| {
            v.sort();
            (
                t,
                serde_json::Value::Array(
                    v.into_iter()
                        .map(|(d, s)| serde_json::json!([d, s]))
                        .collect(),
                ),
            )
        })
        .collect();
    let data = serde_json::json!({ "lang": code, "docs": docs, "terms": terms });
    format!(
        "window.KEEL_SEARCH_INDEX = {};\n",
        serde_json::to_string(&data)
            .unwrap_or_default()
            .replace("</", "<\\/")
    )
}

fn service_worker(
    site: &Site,
    lang: usize,
    version: u64,
    theme_files: &[(String, Vec<u8>)],
) -> String {
    let code = &site.locales.languages[lang].code;
    // URLs relative to the worker, which lives in `<lang>/`.
    let mut urls: Vec<String> = vec!["./".into(), "search-index.js".into()];
    urls.extend(
        theme_files
            .iter()
            .filter_map(|(n, _)| n.strip_prefix("static/"))
            .filter(|n| n.ends_with(".css") || n.ends_with(".js"))
            .map(|n| format!("../{n}")),
    );
    let mut pages: Vec<&str> = site
        .pages
        .iter()
        .filter(|p| p.lang() == lang && p.src.kind != PageKind::Home)
        .map(|p| p.path.strip_prefix(&format!("{code}/")).unwrap_or(&p.path))
        .collect();
    pages.sort_by_key(|p| (p.matches('/').count(), *p));
    urls.extend(
        pages
            .into_iter()
            .take(PRECACHE_LIMIT)
            .map(|p| p.trim_end_matches("index.html").to_string()),
    );
    let urls = serde_json::to_string(&urls).unwrap_or_else(|_| "[]".into());
    format!(
        r#"// Generated by keel: keeps this language's pages and assets for offline use.
// The cache name carries the build's version, so a rebuilt site replaces the old copies.
const CACHE = "keel-{code}-{version:016x}";
const PRECACHE = {urls};
self.addEventListener("install", (event) => {{
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(PRECACHE.map((u) => new URL(u, self.location).href))).then(() => self.skipWaiting()));
}});
self.addEventListener("activate", (event) => {{
  event.waitUntil(caches.keys().then((keys) => Promise.all(keys.filter((k) => k.startsWith("keel-{code}-") && k !== CACHE).map((k) => caches.delete(k)))).then(() => self.clients.claim()));
}});
// Network first, so readers see the latest build when online; the cache when offline.
self.addEventListener("fetch", (event) => {{
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    fetch(request)
      .then((response) => {{
        if (response.ok) {{
          const copy = response.clone();
          caches.open(CACHE).then((cache) => cache.put(request, copy));
        }}
        return response;
      }})
      .catch(() => caches.match(request, {{ ignoreSearch: true }}).then((hit) => hit || caches.match(new URL("./", self.location).href)))
  );
}});
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polish_folds_diacritics_and_inflections() {
        let v = |w: &str| {
            tokens(w)
                .iter()
                .flat_map(|t| variants("pl", t))
                .collect::<Vec<_>>()
        };
        assert_eq!(v("płatności"), v("platnosci"));
        assert_eq!(v("płatności"), v("płatność"));
        assert_eq!(v("zwrót"), v("zwrot"));
        assert_eq!(v("zwrotu"), v("zwroty"));
        assert_eq!(v("awarii"), v("awaria"));
    }

    #[test]
    fn hebrew_drops_points_and_prefixes() {
        assert_eq!(tokens("שָׁלוֹם עולם"), ["שלומ", "עולמ"]);
        let he = |w: &str| {
            tokens(w)
                .iter()
                .flat_map(|t| variants("he", t))
                .collect::<Vec<_>>()
        };
        assert!(
            he("בתשלום").contains(&tokens("תשלום")[0]),
            "{:?}",
            he("בתשלום")
        );
        assert!(
            he("ובתשלומים").contains(&tokens("תשלומים")[0]),
            "{:?}",
            he("ובתשלומים")
        );
        assert_eq!(
            variants("he", "מה"),
            ["מה"],
            "short words keep their letters"
        );
    }

    #[test]
    fn english_stems_lightly() {
        assert_eq!(stem("en", "payments"), "payment");
        assert_eq!(stem("en", "deliveries"), "delivery");
        assert_eq!(stem("en", "process"), "process");
    }

    #[test]
    fn text_is_extracted_from_html() {
        assert_eq!(
            plain_text("<p>A &amp; <b>B</b></p>\n<ul><li>c</li></ul>"),
            "A & B c"
        );
    }
}
