//! Search: each language gets a compact index as a script (`<lang>/search-index.js`, loadable
//! from `file://` where `fetch` is not): every page's title, section, path, summary and the start
//! of its text, and the postings of its terms (see `search_terms`).

use rustc_hash::FxHashMap as HashMap;

use rayon::prelude::*;

use super::search_terms::{TERM_CACHE, TermCache, each_word};
use crate::locale::LangId;
use crate::output::OutFile;
use crate::site::{PageId, Site};

/// Characters of each page's text kept for result snippets.
const SNIPPET_TEXT: usize = 1200;

/// `<lang>/search-index.js` for every language, or only for `languages` (a preview rebuild after
/// a few pages changed). Languages are built in parallel: each one's sorting and writing would
/// otherwise leave a core idle.
pub fn render(site: &Site, languages: Option<&[LangId]>) -> Vec<OutFile> {
    site.locales
        .languages
        .par_iter()
        .enumerate()
        .filter(|(lang, _)| languages.is_none_or(|l| l.contains(lang)))
        .map(|(lang, language)| {
            let code = &language.code;
            let pages: Vec<PageId> = site
                .pages
                .iter()
                .enumerate()
                .filter(|(_, p)| p.lang() == lang && p.fallback_from.is_none())
                .map(|(i, _)| i)
                .collect();
            OutFile {
                path: format!("{code}/search-index.js"),
                bytes: index(site, code, &pages).into_bytes(),
            }
        })
        .collect()
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

fn document(site: &Site, code: &str, i: PageId) -> Doc {
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

fn index(site: &Site, code: &str, pages: &[PageId]) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

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
