//! Search: each language gets a sharded index under `<lang>/search/`, every file a script (so it
//! loads from `file://`, where `fetch` does not): `index.js` says how many pages there are, where
//! each term shard starts and the language's synonyms; `t-N.js` holds the postings of a range of
//! terms; `d-N.js` the title, section, path, summary and start of the text of a few pages, loaded
//! only for the results shown. A query fetches the shards of its words and nothing else.
//!
//! Scores are BM25 with field weights (title, headings, checklist items, summary, body: BM25F's
//! weighted term frequency), saturated and normalised by page length at build time, so the
//! browser multiplies by the term's rarity and adds.

use rustc_hash::FxHashMap as HashMap;

use rayon::prelude::*;

use super::search_terms::{TERM_CACHE, TermCache, each_word};
use crate::locale::LangId;
use crate::output::OutFile;
use crate::site::{PageId, Site};

/// Characters of each page's text kept for result snippets.
const SNIPPET_TEXT: usize = 700;

/// Pages per document file: a query loads the files of the results it shows.
const DOCS_PER_FILE: usize = 8;

/// A term shard is closed once it holds about this many bytes.
const SHARD_BYTES: usize = 12 * 1024;

/// A term found on more pages keeps only its best-scoring ones: so common a word says little,
/// and its postings would otherwise fill the shard a query fetches.
const MAX_POSTINGS: usize = 500;

/// Field weights (BM25F): a word in the title counts as much as eight in the body.
const W_TITLE: u32 = 8;
const W_HEADING: u32 = 4;
const W_SUMMARY: u32 = 3;
const W_ITEM: u32 = 2;
const W_BODY: u32 = 1;

/// BM25's saturation and length normalisation.
const K1: f64 = 1.2;
const B: f64 = 0.75;

/// `<lang>/search-index.js` for every language, or only for `languages` (a preview rebuild after
/// a few pages changed). Languages are built in parallel: each one's sorting and writing would
/// otherwise leave a core idle.
pub fn render(site: &Site, languages: Option<&[LangId]>) -> Vec<OutFile> {
    let all: Vec<Vec<OutFile>> = site
        .locales
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
            index(site, lang, code, &pages)
        })
        .collect();
    all.into_iter().flatten().collect()
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

/// One page's entry: the document (title, section, path, summary, snippet text), its terms with
/// their weighted frequencies, and its length in words.
struct Doc {
    fields: [String; 5],
    /// The page's terms with their weighted frequency, split into the shards of the postings.
    terms: Vec<Vec<(String, u32)>>,
    len: u32,
}

/// The postings are split by term hash so that folding pages into them runs on every core.
const SHARDS: usize = 16;

fn shard_of(term: &str) -> usize {
    use std::hash::BuildHasher as _;
    (rustc_hash::FxBuildHasher.hash_one(term) % SHARDS as u64) as usize
}

/// The text of every `<h1>`–`<h6>` in rendered HTML, one heading after another.
fn headings(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(at) = rest.find("<h") {
        let after = &rest[at + 2..];
        let level = after.as_bytes().first().copied().unwrap_or(0);
        if !(b'1'..=b'6').contains(&level) {
            rest = after;
            continue;
        }
        let close = format!("</h{}>", level as char);
        let Some(end) = after.find(&close) else {
            break;
        };
        push_text(&mut out, &after[..end]);
        out.push(' ');
        rest = &after[end..];
    }
    out
}

/// What a structured page shows beyond its body and checklists: severity levels, message
/// templates, form fields. Indexed like checklist items.
fn structured_text(page: &crate::site::Page, out: &mut String) {
    let mut push = |t: &str| {
        push_text(out, t);
        out.push(' ');
    };
    for l in &page.structured.levels {
        for t in l.criteria.iter().chain(&l.examples) {
            push(t);
        }
        for t in [&l.meet, &l.update, &l.approve, &l.declare]
            .into_iter()
            .flatten()
        {
            push(t);
        }
    }
    let m = page.meta();
    for t in m.messages.iter().flatten() {
        push(&t.title);
        push(&t.text);
    }
    for p in m.placeholders.iter().flatten() {
        push(&p.label);
    }
    for f in m.fields.iter().flatten() {
        push(&f.label);
        for c in f.columns.iter().flatten() {
            push(&c.label);
        }
        if let Some(crate::content::RowsSrc::Labels(rows)) = &f.rows {
            for r in rows {
                push(r);
            }
        }
    }
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
    let heads = headings(&page.html);
    let mut items = String::new();
    structured_text(page, &mut items);
    for c in &page.checklists {
        if let Some(t) = &c.title {
            items.push_str(t);
            items.push(' ');
        }
        for item in &c.items {
            push_text(&mut items, &item.html);
        }
    }
    let base = code.split('-').next().unwrap_or("");
    let mut shards: Vec<Vec<(String, u32)>> = vec![Vec::new(); SHARDS];
    let mut len = 0u32;
    TERM_CACHE.with_borrow_mut(|caches| {
        if !caches.contains_key(base) {
            caches.insert(base.to_string(), TermCache::default());
        }
        let Some(cache) = caches.get_mut(base) else {
            return;
        };
        let mut freq: HashMap<u32, u32> = HashMap::default();
        let mut in_title: Vec<u32> = Vec::new();
        each_word(page.title(), |word| {
            in_title.extend_from_slice(cache.terms(base, word))
        });
        for (text, weight) in [
            (page.title(), W_TITLE),
            (heads.as_str(), W_HEADING),
            (summary.as_str(), W_SUMMARY),
            (items.as_str(), W_ITEM),
            (body.as_str(), W_BODY),
        ] {
            each_word(text, |word| {
                len += 1;
                // A word's variants (Hebrew prefixes off, endings cut) are one occurrence each.
                for &term in cache.terms(base, word) {
                    *freq.entry(term).or_insert(0) += weight;
                }
            });
        }
        for (n, f) in freq {
            let term = &cache.names[n as usize];
            // The title's words are marked apart from their frequency (the top bit), so that
            // saturation cannot flatten a title match into one more mention in the text.
            let f = if in_title.contains(&n) {
                f | TITLE_FLAG
            } else {
                f
            };
            shards[shard_of(term)].push((term.to_string(), f));
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
        len,
    }
}

/// The language's synonyms, from the glossary's terms (a preferred term and its variants) and
/// any page's `synonyms:` groups: each one-word member's first index term → the index terms of
/// the other members.
fn synonyms(site: &Site, lang: LangId, base: &str) -> Vec<(String, Vec<String>)> {
    let mut groups: Vec<Vec<&str>> = Vec::new();
    for p in site
        .pages
        .iter()
        .filter(|p| p.lang() == lang && p.fallback_from.is_none())
    {
        let m = p.meta();
        for t in &m.terms {
            let mut g = vec![t.prefer.as_str()];
            g.extend(t.avoid.iter().map(String::as_str));
            groups.push(g);
        }
        for g in &m.synonyms {
            groups.push(g.iter().map(String::as_str).collect());
        }
    }
    let mut map: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for g in &groups {
        let terms: Vec<Vec<String>> = g
            .iter()
            .map(|w| super::search_terms::index_terms(base, w))
            .collect();
        for (n, own) in terms.iter().enumerate() {
            let mut words = 0;
            each_word(g[n], |_| words += 1);
            // A phrase is found through its words; only a single word leads to the others.
            let (1, Some(key)) = (words, own.first()) else {
                continue;
            };
            let entry = map.entry(key.clone()).or_default();
            for (k, other) in terms.iter().enumerate() {
                if k != n {
                    entry.extend(other.iter().cloned());
                }
            }
        }
    }
    map.into_iter()
        .map(|(k, mut v)| {
            v.sort();
            v.dedup();
            v.retain(|t| *t != k);
            (k, v)
        })
        .filter(|(_, v)| !v.is_empty())
        .collect()
}

/// Marks a term that is in the page's title (on the weighted frequency, cleared before scoring).
const TITLE_FLAG: u32 = 1 << 31;

/// What a term in the title adds to its score, beyond its weighted frequency.
const TITLE_BONUS: u32 = 120;

/// A term's saturated, length-normalised frequency in a page, as an integer (BM25 without idf),
/// plus the title's bonus.
fn tf_score(f: u32, len: u32, avg: f64) -> u32 {
    let bonus = if f & TITLE_FLAG != 0 { TITLE_BONUS } else { 0 };
    let f = f64::from(f & !TITLE_FLAG);
    let norm = K1 * (1.0 - B + B * f64::from(len.max(1)) / avg.max(1.0));
    (100.0 * f * (K1 + 1.0) / (f + norm)).round() as u32 + bonus
}

fn index(site: &Site, lang: LangId, code: &str, pages: &[PageId]) -> Vec<OutFile> {
    // Pages are read in parallel a chunk at a time and folded into the postings at once, so the
    // per-page term maps never all exist together (memory stays flat on large sites). Each shard
    // of the postings takes its terms of the chunk on its own thread.
    type Postings = HashMap<String, Vec<(u32, u32)>>;
    /// One shard's terms of each page in a chunk: (page number, terms with frequencies).
    type ShardTerms = Vec<(u32, Vec<(String, u32)>)>;
    let mut docs: Vec<[String; 5]> = Vec::with_capacity(pages.len());
    let mut lens: Vec<u32> = Vec::with_capacity(pages.len());
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
            lens.push(doc.len);
        }
        shards
            .par_iter_mut()
            .zip(by_shard)
            .for_each(|(postings, docs)| {
                for (d, terms) in docs {
                    for (term, f) in terms {
                        postings.entry(term).or_default().push((d, f));
                    }
                }
            });
    }
    let avg = lens.iter().map(|&l| f64::from(l)).sum::<f64>() / lens.len().max(1) as f64;
    let mut terms: Vec<(String, Vec<(u32, u32)>)> = shards.into_iter().flatten().collect();
    terms.par_iter_mut().for_each(|(_, postings)| {
        for p in postings.iter_mut() {
            p.1 = tf_score(p.1, lens[p.0 as usize], avg);
        }
        if postings.len() > MAX_POSTINGS {
            postings.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            postings.truncate(MAX_POSTINGS);
            postings.sort_unstable_by_key(|p| p.0);
        }
    });
    terms.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let dir = format!("{code}/search");
    let js_code = json_str(code);
    let mut files = Vec::new();
    // Term shards: consecutive terms until a shard is full; the index says where each starts.
    let mut starts: Vec<&str> = Vec::new();
    let mut out = String::new();
    let flush = |out: &mut String, files: &mut Vec<OutFile>, n: usize| {
        out.push_str("});\n");
        files.push(OutFile {
            path: format!("{dir}/t-{n}.js"),
            bytes: std::mem::take(out).into_bytes(),
        });
    };
    for (term, postings) in &terms {
        if out.is_empty() {
            starts.push(term);
            out.push_str("KeelSearch.terms(");
            out.push_str(&js_code);
            out.push(',');
            let mut num = itoa::Buffer::new();
            out.push_str(num.format(starts.len() - 1));
            out.push_str(",{");
        } else {
            out.push(',');
        }
        out.push_str(&json_str(term));
        out.push_str(":[");
        for (k, (d, s)) in postings.iter().enumerate() {
            if k > 0 {
                out.push(',');
            }
            let mut num = itoa::Buffer::new();
            out.push_str(num.format(*d));
            out.push(',');
            out.push_str(num.format(*s));
        }
        out.push(']');
        if out.len() >= SHARD_BYTES {
            flush(&mut out, &mut files, starts.len() - 1);
        }
    }
    if !out.is_empty() {
        flush(&mut out, &mut files, starts.len() - 1);
    }
    // Documents, a few to a file.
    for (n, chunk) in docs.chunks(DOCS_PER_FILE).enumerate() {
        let mut out = String::from("KeelSearch.docs(");
        out.push_str(&js_code);
        out.push(',');
        out.push_str(itoa::Buffer::new().format(n));
        out.push_str(",[");
        for (k, fields) in chunk.iter().enumerate() {
            out.push_str(if k == 0 { "[" } else { ",[" });
            for (j, f) in fields.iter().enumerate() {
                if j > 0 {
                    out.push(',');
                }
                out.push_str(&json_str(f));
            }
            out.push(']');
        }
        out.push_str("]);\n");
        files.push(OutFile {
            path: format!("{dir}/d-{n}.js"),
            bytes: out.into_bytes(),
        });
    }
    // The index: page count, shard starts, synonyms; and the files for the offline cache.
    let base = code.split('-').next().unwrap_or("");
    let syn: serde_json::Map<String, serde_json::Value> = synonyms(site, lang, base)
        .into_iter()
        .map(|(k, v)| (k, serde_json::Value::from(v)))
        .collect();
    let meta = serde_json::json!({
        "lang": code,
        "n": docs.len(),
        "perFile": DOCS_PER_FILE,
        "starts": starts,
        "synonyms": syn,
    });
    let meta = serde_json::to_string(&meta)
        .unwrap_or_else(|_| "{}".into())
        .replace("</", "<\\/");
    let total: usize = files.iter().map(|f| f.bytes.len()).sum();
    let list: Vec<String> = if total <= OFFLINE_ALL_BYTES {
        files
            .iter()
            .filter_map(|f| f.path.strip_prefix(&format!("{dir}/")).map(str::to_string))
            .collect()
    } else {
        Vec::new()
    };
    files.push(OutFile {
        path: format!("{dir}/index.js"),
        bytes: format!("KeelSearch.meta({meta});\n").into_bytes(),
    });
    files.push(OutFile {
        path: format!("{dir}/files.json"),
        bytes: serde_json::to_string(&list)
            .unwrap_or_default()
            .into_bytes(),
    });
    files
}

/// A language whose whole index is this small is cached for offline use at the first visit;
/// a larger one keeps the shards its readers have used.
const OFFLINE_ALL_BYTES: usize = 4 * 1024 * 1024;

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
