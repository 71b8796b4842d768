//! Search and offline use. Each language gets a compact search index as a script
//! (`<lang>/search-index.js`, loadable from `file://` where `fetch` is not) and a service worker
//! (`<lang>/sw.js`) that keeps that language's pages and assets for offline use, versioned by a
//! hash of the build's inputs.
//!
//! Terms are normalised the same way here and in the theme's `site.js`: lower case; Polish
//! letters folded to ASCII (`płatność` → `platnosc`); Hebrew points (niqqud) removed and final
//! letters folded (`ם` → `מ`); then a light suffix stemmer for Polish and English, and for Hebrew
//! each word is also indexed without one or two of the prefix letters ה ו ב ל מ ש כ.

use rustc_hash::FxHashMap as HashMap;

use rayon::prelude::*;

use crate::content::PageKind;
use crate::render::OutFile;
use crate::site::Site;

/// Pages precached by a language's service worker; more are cached as they are visited.
const PRECACHE_LIMIT: usize = 400;
/// Characters of each page's text kept for result snippets.
const SNIPPET_TEXT: usize = 1200;

/// Lower-case and fold one character; `None` drops it (Hebrew points and cantillation).
fn fold_char(c: char) -> Option<char> {
    if c.is_ascii() {
        return Some(c.to_ascii_lowercase());
    }
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
        // Hebrew has no case.
        c @ '\u{05D0}'..='\u{05EA}' => c,
        c => c.to_lowercase().next().unwrap_or(c),
    })
}

/// Whether a folded character belongs to a word. Hebrew letters and ASCII are decided without
/// the Unicode tables (the index build asks this for every character of the site).
fn is_word_char(c: char) -> bool {
    match c {
        'a'..='z' | '0'..='9' | '\u{05D0}'..='\u{05EA}' => true,
        c if c.is_ascii() => false,
        c => c.is_alphanumeric(),
    }
}

/// Call `f` with every folded word of `text`, without allocating per word: the index build sees
/// every word of the site.
fn each_word(text: &str, mut f: impl FnMut(&str)) {
    let mut word = String::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // ASCII (most of English and Polish, and the markup-free gaps in Hebrew) byte by byte.
        let b = bytes[i];
        let folded = if b.is_ascii() {
            i += 1;
            Some(b.to_ascii_lowercase() as char)
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            i += c.len_utf8();
            fold_char(c)
        };
        match folded {
            None => {}
            Some(x) if is_word_char(x) => word.push(x),
            Some(_) => {
                if !word.is_empty() {
                    f(&word);
                }
                word.clear();
            }
        }
    }
    if !word.is_empty() {
        f(&word);
    }
}

/// Call `f` with the index terms of one folded word (`base` is the language without region).
fn word_terms_into(base: &str, word: &str, scratch: &mut String, f: &mut dyn FnMut(&str)) {
    match base {
        "pl" | "en" => {
            let chars = if word.is_ascii() {
                word.len()
            } else {
                word.chars().count()
            };
            if base == "en" && chars > 4 && word.ends_with("ies") {
                scratch.clear();
                scratch.push_str(&word[..word.len() - 3]);
                scratch.push('y');
                f(scratch);
            } else {
                f(stem_str(base, word, chars));
            }
        }
        "he" => {
            f(word);
            let mut rest = word;
            let mut left = word.chars().count();
            for _ in 0..2 {
                match rest.chars().next() {
                    Some(c) if left >= 4 && is_he_prefix(c) => {
                        rest = &rest[c.len_utf8()..];
                        left -= 1;
                        f(rest);
                    }
                    _ => break,
                }
            }
        }
        _ => f(word),
    }
}

/// One language's words and terms as a worker thread has met them. Most words of a site recur
/// on page after page; each is folded into terms once, and a page's scores are kept by term
/// number rather than by string.
#[derive(Default)]
struct TermCache {
    /// A folded word → its terms, as a range of `word_terms`.
    words: HashMap<Box<str>, (u32, u32)>,
    word_terms: Vec<u32>,
    /// Term number → term, and back.
    names: Vec<Box<str>>,
    numbers: HashMap<Box<str>, u32>,
}

impl TermCache {
    fn terms(&mut self, base: &str, word: &str) -> &[u32] {
        let TermCache {
            words,
            word_terms,
            names,
            numbers,
        } = self;
        let (from, to) = match words.get(word) {
            Some(&range) => range,
            None => {
                let from = word_terms.len() as u32;
                word_terms_into(base, word, &mut String::new(), &mut |term| {
                    let n = *numbers.entry(term.into()).or_insert_with(|| {
                        names.push(term.into());
                        names.len() as u32 - 1
                    });
                    word_terms.push(n);
                });
                let range = (from, word_terms.len() as u32);
                words.insert(word.into(), range);
                range
            }
        };
        &word_terms[from as usize..to as usize]
    }
}

thread_local! {
    /// Per worker thread, per language.
    static TERM_CACHE: std::cell::RefCell<HashMap<String, TermCache>> = Default::default();
}

const PL_SUFFIXES: [&str; 21] = [
    "ami", "ach", "ego", "emu", "ich", "ych", "imi", "ymi", "owi", "om", "ow", "ie", "ia", "ii",
    "ej", "a", "e", "i", "o", "u", "y",
];
/// Hebrew prefix letters (and, the, in, to, from, that, as): ו ה ב ל מ ש כ.
fn is_he_prefix(c: char) -> bool {
    matches!(c, 'ה' | 'ו' | 'ב' | 'ל' | 'מ' | 'ש' | 'כ')
}

/// The stems that only cut a suffix; `chars` is the word's length in characters.
fn stem_str<'a>(base: &str, word: &'a str, chars: usize) -> &'a str {
    let cut = match base {
        // Suffixes are ASCII; compared by hand, since this runs for every Polish word of the site.
        "pl" => {
            let w = word.as_bytes();
            PL_SUFFIXES
                .iter()
                .map(|s| s.as_bytes())
                .find(|s| {
                    chars >= s.len() + 4
                        && w[w.len() - s.len()..]
                            .iter()
                            .zip(s.iter())
                            .all(|(a, b)| a == b)
                })
                .map_or(0, <[u8]>::len)
        }
        "en" if chars > 5 && word.ends_with("ing") => 3,
        "en" if chars > 4 && word.ends_with("ed") => 2,
        "en" if chars > 3 && word.ends_with('s') && !word.ends_with("ss") => 1,
        _ => 0,
    };
    &word[..word.len() - cut]
}

/// Append the text of rendered HTML to `out`: tags dropped, whitespace collapsed, the few
/// entities the renderer emits decoded.
fn push_text(out: &mut String, html: &str) {
    let mut space = !out.is_empty();
    let mut rest = html;
    loop {
        let end = memchr::memchr(b'<', rest.as_bytes()).unwrap_or(rest.len());
        push_run(out, &rest[..end], &mut space);
        if end == rest.len() {
            break;
        }
        // A tag separates words.
        space = true;
        match memchr::memchr(b'>', &rest.as_bytes()[end..]) {
            Some(close) => rest = &rest[end + close + 1..],
            None => break,
        }
    }
}

/// Text between tags: words copied a run at a time, whitespace collapsed, entities decoded.
fn push_run(out: &mut String, text: &str, space: &mut bool) {
    let bytes = text.as_bytes();
    let mut word_start: Option<usize> = None;
    let flush = |out: &mut String, from: Option<usize>, to: usize, space: &mut bool| {
        if let Some(from) = from {
            if *space && !out.is_empty() {
                out.push(' ');
            }
            *space = false;
            out.push_str(&text[from..to]);
        }
    };
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // Whitespace is ASCII or one of the few Unicode spaces, whose UTF-8 starts with one of
        // these bytes; any other character is part of a word and needs no decoding.
        let width = if b.is_ascii_whitespace() {
            1
        } else if matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xE3) {
            let c = text[i..].chars().next().unwrap_or('x');
            if c.is_whitespace() { c.len_utf8() } else { 0 }
        } else {
            0
        };
        if width > 0 {
            flush(out, word_start.take(), i, space);
            *space = true;
            i += width;
            continue;
        }
        if b == b'&' {
            flush(out, word_start.take(), i, space);
            let entity = [
                ("&amp;", '&'),
                ("&lt;", '<'),
                ("&gt;", '>'),
                ("&quot;", '"'),
                ("&#39;", '\''),
            ]
            .into_iter()
            .find(|(e, _)| text[i..].starts_with(e));
            if *space && !out.is_empty() {
                out.push(' ');
            }
            *space = false;
            match entity {
                Some((e, decoded)) => {
                    out.push(decoded);
                    i += e.len();
                }
                None => {
                    out.push('&');
                    i += 1;
                }
            }
            continue;
        }
        if word_start.is_none() {
            word_start = Some(i);
        }
        i += 1;
    }
    flush(out, word_start, text.len(), space);
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
///
/// `languages` limits the search indexes to those languages (a preview rebuild after one page
/// changed); every service worker is written, since the version covers the whole site.
pub fn render(
    site: &Site,
    theme_files: &[(String, Vec<u8>)],
    languages: Option<&[usize]>,
) -> Vec<OutFile> {
    let mut version: u64 = 0xcbf2_9ce4_8422_2325;
    fnv(&mut version, env!("CARGO_PKG_VERSION").as_bytes());
    for (name, bytes) in theme_files {
        fnv(&mut version, name.as_bytes());
        fnv(&mut version, bytes);
    }
    for p in &site.pages {
        fnv(&mut version, p.path.as_bytes());
        fnv(&mut version, &p.src.text_hash.to_le_bytes());
    }
    // Languages in parallel too: each one's sorting and writing would otherwise leave a core idle.
    let per_language: Vec<Vec<OutFile>> = site
        .locales
        .languages
        .par_iter()
        .enumerate()
        .map(|(lang, language)| {
            let code = &language.code;
            let pages: Vec<usize> = site
                .pages
                .iter()
                .enumerate()
                .filter(|(_, p)| p.lang() == lang && p.fallback_from.is_none())
                .map(|(i, _)| i)
                .collect();
            let mut files = vec![OutFile {
                path: format!("{code}/sw.js"),
                bytes: service_worker(site, lang, version, theme_files).into_bytes(),
            }];
            if languages.is_none_or(|l| l.contains(&lang)) {
                files.push(OutFile {
                    path: format!("{code}/search-index.js"),
                    bytes: index(site, code, &pages).into_bytes(),
                });
            }
            files
        })
        .collect();
    per_language.into_iter().flatten().collect()
}

/// One page's entry: the document (title, section, path, summary, snippet text) and its terms.
struct Doc {
    fields: [String; 5],
    /// The page's terms with their scores, split into the shards of the postings.
    terms: Vec<Vec<(String, u32)>>,
}

/// The postings are split by term hash so that folding pages into them runs on every core.
const SHARDS: usize = 16;

fn shard_of(term: &str) -> usize {
    use std::hash::BuildHasher as _;
    (rustc_hash::FxBuildHasher.hash_one(term) % SHARDS as u64) as usize
}

fn document(site: &Site, code: &str, i: usize) -> Doc {
    let page = &site.pages[i];
    let section = if page.src.section.is_empty() || page.src.slug.is_empty() {
        String::new()
    } else {
        site.find(page.lang(), &format!("{}/", page.src.section))
            .map(|s| site.pages[s].title().to_string())
            .unwrap_or_default()
    };
    let summary = page.meta().summary.clone().unwrap_or_default();
    let mut body = String::new();
    if let Some(s) = &page.structured.scenario_html {
        push_text(&mut body, s);
    }
    push_text(&mut body, &page.html);
    for c in page.checklists.iter().filter(|c| !c.from_markdown) {
        body.push(' ');
        body.push_str(c.title.as_deref().unwrap_or(""));
        for item in &c.items {
            push_text(&mut body, &item.html);
        }
    }
    let base = code.split('-').next().unwrap_or("");
    let mut shards: Vec<Vec<(String, u32)>> = vec![Vec::new(); SHARDS];
    TERM_CACHE.with_borrow_mut(|caches| {
        if !caches.contains_key(base) {
            caches.insert(base.to_string(), TermCache::default());
        }
        let Some(cache) = caches.get_mut(base) else {
            return;
        };
        let mut scores: HashMap<u32, u32> = HashMap::default();
        for (text, weight) in [
            (page.title(), 8u32),
            (summary.as_str(), 3),
            (body.as_str(), 1),
        ] {
            each_word(text, |word| {
                for &term in cache.terms(base, word) {
                    let s = scores.entry(term).or_insert(0);
                    *s = (*s + weight).min(60);
                }
            });
        }
        for (term, score) in scores {
            let term = &cache.names[term as usize];
            shards[shard_of(term)].push((term.to_string(), score));
        }
    });
    let cut = body
        .char_indices()
        .nth(SNIPPET_TEXT)
        .map_or(body.len(), |(i, _)| i);
    let snippet = body[..cut].to_string();
    Doc {
        fields: [
            page.title().to_string(),
            section,
            page.path.clone(),
            summary,
            snippet,
        ],
        terms: shards,
    }
}

fn index(site: &Site, code: &str, pages: &[usize]) -> String {
    // Pages are read in parallel a chunk at a time and folded into the postings at once, so the
    // per-page term maps never all exist together (memory stays flat on large sites). Each shard
    // of the postings takes its terms of the chunk on its own thread.
    type Postings = HashMap<String, Vec<(u32, u32)>>;
    /// One shard's terms of each page in a chunk: (page number, terms with scores).
    type ShardTerms = Vec<(u32, Vec<(String, u32)>)>;
    let mut docs: Vec<[String; 5]> = Vec::with_capacity(pages.len());
    let mut shards: Vec<Postings> = (0..SHARDS).map(|_| Postings::default()).collect();
    for chunk in pages.chunks(256) {
        let parsed: Vec<Doc> = chunk.par_iter().map(|&i| document(site, code, i)).collect();
        let mut by_shard: Vec<ShardTerms> = (0..SHARDS)
            .map(|_| Vec::with_capacity(parsed.len()))
            .collect();
        for doc in parsed {
            let d = docs.len() as u32;
            for (s, terms) in doc.terms.into_iter().enumerate() {
                by_shard[s].push((d, terms));
            }
            docs.push(doc.fields);
        }
        shards
            .par_iter_mut()
            .zip(by_shard)
            .for_each(|(postings, docs)| {
                for (d, terms) in docs {
                    for (term, score) in terms {
                        postings.entry(term).or_default().push((d, score));
                    }
                }
            });
    }
    let mut terms: Vec<(String, Vec<(u32, u32)>)> = shards.into_iter().flatten().collect();
    terms.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    // Written by hand: building a serde_json::Value of this size costs more than the rest.
    let mut out = String::with_capacity(64 * 1024);
    out.push_str("window.KEEL_SEARCH_INDEX = {\"lang\":");
    out.push_str(&json_str(code));
    out.push_str(",\"docs\":[");
    for (n, fields) in docs.iter().enumerate() {
        out.push_str(if n == 0 { "[" } else { ",[" });
        for (k, f) in fields.iter().enumerate() {
            if k > 0 {
                out.push(',');
            }
            out.push_str(&json_str(f));
        }
        out.push(']');
    }
    out.push_str("],\"terms\":{");
    for (n, (term, postings)) in terms.iter().enumerate() {
        if n > 0 {
            out.push(',');
        }
        out.push_str(&json_str(term));
        out.push_str(":[");
        for (k, (d, s)) in postings.iter().enumerate() {
            if k > 0 {
                out.push(',');
            }
            let mut num = itoa::Buffer::new();
            out.push('[');
            out.push_str(num.format(*d));
            out.push(',');
            out.push_str(num.format(*s));
            out.push(']');
        }
        out.push(']');
    }
    out.push_str("}};\n");
    out
}

/// A JSON string literal that is also safe inside a script (`</` escaped).
fn json_str(s: &str) -> String {
    // Most terms and titles need no escaping at all.
    if !s
        .bytes()
        .any(|b| b < 0x20 || matches!(b, b'"' | b'\\' | b'/' | 0x7f))
    {
        let mut out = String::with_capacity(s.len() + 2);
        out.push('"');
        out.push_str(s);
        out.push('"');
        return out;
    }
    serde_json::to_string(s)
        .unwrap_or_else(|_| "\"\"".into())
        .replace("</", "<\\/")
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

    fn words(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        each_word(text, |w| out.push(w.to_string()));
        out
    }

    /// Every index term of `text`, in order, as the index build makes them.
    fn terms(lang: &str, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        each_word(text, |w| {
            word_terms_into(lang, w, &mut String::new(), &mut |t| {
                out.push(t.to_string())
            })
        });
        out
    }

    #[test]
    fn polish_folds_diacritics_and_inflections() {
        let v = |w: &str| terms("pl", w);
        assert_eq!(v("płatności"), v("platnosci"));
        assert_eq!(v("płatności"), v("płatność"));
        assert_eq!(v("zwrót"), v("zwrot"));
        assert_eq!(v("zwrotu"), v("zwroty"));
        assert_eq!(v("awarii"), v("awaria"));
        assert_eq!(
            terms("pl", "Płatności i zwroty, ZWRÓT!"),
            ["platnosc", "i", "zwrot", "zwrot"]
        );
    }

    #[test]
    fn hebrew_drops_points_and_prefixes() {
        assert_eq!(words("שָׁלוֹם עולם"), ["שלומ", "עולמ"]);
        let he = |w: &str| terms("he", w);
        assert_eq!(he("ובתשלומים"), ["ובתשלומימ", "בתשלומימ", "תשלומימ"]);
        assert!(
            he("בתשלום").contains(&words("תשלום")[0]),
            "{:?}",
            he("בתשלום")
        );
        assert_eq!(he("מה"), ["מה"], "short words keep their letters");
    }

    #[test]
    fn english_stems_lightly() {
        assert_eq!(terms("en", "payments"), ["payment"]);
        assert_eq!(terms("en", "Deliveries"), ["delivery"]);
        assert_eq!(terms("en", "process"), ["process"]);
    }

    #[test]
    fn text_is_extracted_from_html() {
        let mut out = String::new();
        push_text(&mut out, "<p>A &amp; <b>B</b></p>\n<ul><li>c</li></ul>");
        push_text(&mut out, "<p>d&lt;e</p>");
        assert_eq!(out, "A & B c d<e");
        let mut out = String::new();
        push_text(&mut out, "<p>zwrót\u{00A0}środków\u{2009}שלום</p>  ok");
        assert_eq!(out, "zwrót środków שלום ok");
    }
}
