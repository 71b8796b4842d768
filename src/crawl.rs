//! The last line of defence for "never call a broken site clean": after rendering, every
//! `href` and `src` of every HTML file in the output that stays inside the site must name a file
//! of the output, and its `#anchor` an id in that file. The Markdown stage already reports the
//! links it sees at file:line:col; this pass catches what it cannot see (templates, raw HTML).
//!
//! Every HTML file of the output passes through here, so what is kept of it is small: URLs and
//! paths are interned (the same `../../en/index.html` stands in thousands of pages), and ids are
//! kept as 64-bit hashes (a false match is a one-in-2^64 chance per id).

use std::collections::HashSet;
use std::hash::BuildHasher;
use std::sync::{Arc, Mutex};

use rustc_hash::{FxBuildHasher, FxHashMap, FxHashSet};

use crate::diagnostics::{Diagnostic, MAX_REPEATS, Pos, locate};
use crate::site::Site;

/// What the output holds, recorded as files are written (from any thread).
pub struct Crawl {
    state: Mutex<State>,
    /// The path of the site's base URL (`/playbook/`): where `/…` URLs start.
    base_path: String,
}

/// Strings stored once, named by number.
#[derive(Default)]
struct Names {
    ids: FxHashMap<Arc<str>, u32>,
    /// The same strings by number: shared with `ids`, so each is stored once.
    all: Vec<Arc<str>>,
}

impl Names {
    fn id(&mut self, s: &str) -> u32 {
        if let Some(&n) = self.ids.get(s) {
            return n;
        }
        let n = u32::try_from(self.all.len()).unwrap_or(u32::MAX);
        let s: Arc<str> = s.into();
        self.all.push(Arc::clone(&s));
        self.ids.insert(s, n);
        n
    }

    fn get(&self, s: &str) -> Option<u32> {
        self.ids.get(s).copied()
    }

    fn name(&self, n: u32) -> &str {
        &self.all[n as usize]
    }
}

#[derive(Default)]
struct State {
    names: Names,
    /// Every file of the output, by name.
    files: FxHashSet<u32>,
    /// HTML file → its ids and the internal URLs it uses (resolved from the output root).
    html: FxHashMap<u32, Scan>,
}

#[derive(Default)]
struct Scan {
    /// Hashes of the file's ids.
    ids: FxHashSet<u64>,
    /// (URL as written, path from the output root, fragment), all names.
    links: Vec<(u32, u32, u32)>,
}

/// One internal URL of a file as found, before its strings are interned.
struct Found<'a> {
    written: std::borrow::Cow<'a, str>,
    path: String,
    fragment: String,
}

fn id_hash(id: &str) -> u64 {
    FxBuildHasher.hash_one(id)
}

impl Crawl {
    /// A crawl of the output of `site`.
    pub fn new(site: &Site) -> Crawl {
        let base_path = url::Url::parse(&site.config.base_url)
            .map_or_else(|_| "/".to_string(), |u| u.path().to_string());
        Crawl {
            state: Mutex::default(),
            base_path,
        }
    }

    /// Note a file of the output; HTML files are read for their ids and links.
    pub fn record(&self, path: &str, bytes: &[u8]) {
        let scan = path
            .ends_with(".html")
            .then(|| scan(path, bytes, &self.base_path));
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        let file = state.names.id(path);
        state.files.insert(file);
        if let Some((ids, found)) = scan {
            let links = found
                .iter()
                .map(|f| {
                    (
                        state.names.id(&f.written),
                        state.names.id(&f.path),
                        state.names.id(&f.fragment),
                    )
                })
                .collect();
            state.html.insert(file, Scan { ids, links });
        }
    }

    /// Every internal URL of the output that names nothing, as errors placed in the page's
    /// source file where the URL can be found there.
    pub fn dead_links(self, site: &Site) -> Vec<Diagnostic> {
        let state = self.state.into_inner().unwrap_or_else(|p| p.into_inner());
        let names = &state.names;
        let mut out = Vec::new();
        let mut paths: Vec<(&str, &Scan)> = state
            .html
            .iter()
            .map(|(&f, s)| (names.name(f), s))
            .collect();
        paths.sort_unstable_by_key(|&(p, _)| p);
        for (from, scan) in paths {
            let mut seen = HashSet::new();
            let mut found: Vec<(&str, String)> = Vec::new();
            for &(written, path, fragment) in &scan.links {
                let Some(target) = existing(&state, names.name(path)) else {
                    if seen.insert(written) {
                        found.push((names.name(written), "names no file of the output".into()));
                    }
                    continue;
                };
                let fragment = names.name(fragment);
                let anchored = !fragment.is_empty() && names.name(target).ends_with(".html");
                if anchored
                    && state
                        .html
                        .get(&target)
                        .is_some_and(|t| !t.ids.contains(&id_hash(fragment)))
                    && seen.insert(written)
                {
                    found.push((
                        names.name(written),
                        format!("has no id `{fragment}` in {}", names.name(target)),
                    ));
                }
            }
            if !found.is_empty() {
                out.extend(dead(site, from, &found));
            }
        }
        out
    }
}

/// The output file a path names: itself, or the `index.html` of the folder.
fn existing(state: &State, path: &str) -> Option<u32> {
    let is_file = |p: &str| state.names.get(p).filter(|n| state.files.contains(n));
    if path.is_empty() || path.ends_with('/') {
        is_file(&format!("{path}index.html"))
    } else {
        is_file(path).or_else(|| is_file(&format!("{path}/index.html")))
    }
}

/// The dead URLs of one output file, placed in the page's source (read once). From
/// [`MAX_REPEATS`] on, one more says how many there are besides: placing each would mean searching
/// the source once per URL.
fn dead(site: &Site, from: &str, found: &[(&str, String)]) -> Vec<Diagnostic> {
    let page = site
        .pages
        .iter()
        .find(|p| p.path == from && p.fallback_from.is_none());
    let (file, text) = match page {
        Some(p) => (
            p.src.file.clone(),
            std::fs::read_to_string(site.root.join(&p.src.file)).ok(),
        ),
        None => (std::path::PathBuf::from(from), None),
    };
    let mut out: Vec<Diagnostic> = found
        .iter()
        .take(MAX_REPEATS - 1)
        .map(|(written, why)| {
            let d = Diagnostic::error(
                "dead-link",
                &file,
                format!("`{written}` in the output file {from} {why}"),
            )
            .hint("fix the link in the page or template that writes it");
            match text.as_deref().and_then(|t| place(t, written)) {
                Some(p) => d.at(p),
                None => d,
            }
        })
        .collect();
    if found.len() >= MAX_REPEATS {
        out.push(
            Diagnostic::error(
                "dead-link",
                &file,
                format!(
                    "and {} more dead URLs in the output file {from}",
                    found.len() - (MAX_REPEATS - 1)
                ),
            )
            .hint("the first ones are shown above; fix those and look again"),
        );
    }
    out
}

/// Where `url` is written in a page's source: the first place it stands as a whole URL (an
/// attribute value, a link's destination), else its first appearance anywhere. A short URL
/// such as `x` would otherwise be placed on the first word that contains it, front matter
/// included.
fn place(text: &str, url: &str) -> Option<Pos> {
    let whole = text.match_indices(url).find(|&(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + url.len()..].chars().next();
        matches!(before, Some('"' | '\'' | '=' | '(' | '<'))
            && after.is_none_or(|c| matches!(c, '"' | '\'' | ')' | '>') || c.is_whitespace())
    });
    match whole {
        Some((at, _)) => Some(Pos::of_offset(text, at)),
        None => locate(text, url, 0),
    }
}

/// The ids (hashed) and internal URLs of one HTML file at output path `path`. The bytes are
/// Keel's own output, so tags and quotes are found byte by byte; only values are read as text.
fn scan<'a>(path: &str, html: &'a [u8], base_path: &str) -> (FxHashSet<u64>, Vec<Found<'a>>) {
    let mut ids = FxHashSet::default();
    let mut links = Vec::new();
    let base = url::Url::parse("keel:/")
        .ok()
        .and_then(|b| b.join(path).ok());
    let mut seen: FxHashSet<&[u8]> = FxHashSet::default();
    for (name, value) in attributes(html) {
        let Ok(value_str) = std::str::from_utf8(value) else {
            continue;
        };
        if name == b"id" {
            ids.insert(id_hash(&unescape(value_str)));
        } else if seen.insert(value) {
            let written = unescape(value_str);
            if let Some((path, fragment)) =
                base.as_ref().and_then(|b| resolve(b, &written, base_path))
            {
                links.push(Found {
                    written,
                    path,
                    fragment,
                });
            }
        }
    }
    (ids, links)
}

/// `id`, `href` and `src` attributes written as ` name="value"` (how Keel's writers, templates
/// and the HTML cleaner quote them), inside tags only: text that shows a tag (`&lt;img
/// src="…"`) names nothing, and neither do comments or `<script>` bodies.
fn attributes(html: &[u8]) -> impl Iterator<Item = (&[u8], &[u8])> {
    tags(html).flat_map(|tag| {
        memchr::memchr_iter(b'=', tag).filter_map(move |at| {
            if tag.get(at + 1) != Some(&b'"') {
                return None;
            }
            let name_start = tag[..at].iter().rposition(u8::is_ascii_whitespace)? + 1;
            let name = &tag[name_start..at];
            if !matches!(name, b"id" | b"href" | b"src") {
                return None;
            }
            let rest = &tag[at + 2..];
            let end = memchr::memchr(b'"', rest)?;
            Some((name, &rest[..end]))
        })
    })
}

/// The start tags of `html` (`<a href="…" id="x">`), quoted values read whole.
fn tags(html: &[u8]) -> impl Iterator<Item = &[u8]> {
    let mut i = 0;
    std::iter::from_fn(move || {
        loop {
            i += memchr::memchr(b'<', html.get(i..)?)?;
            let rest = &html[i..];
            if rest.starts_with(b"<!--") {
                i += memchr::memmem::find(rest, b"-->").map_or(rest.len(), |e| e + 3);
                continue;
            }
            if !rest.get(1).is_some_and(u8::is_ascii_alphabetic) {
                i += 1;
                continue;
            }
            let end = tag_end(rest);
            let tag = &rest[..end];
            i += end;
            if tag.len() > 7 && tag[..7].eq_ignore_ascii_case(b"<script") {
                // A script's body is not HTML: skip to its end.
                i += memchr::memmem::find(&html[i..], b"</script").unwrap_or(html.len() - i);
            }
            return Some(tag);
        }
    })
}

/// Where the tag at the start of `rest` ends: after its `>`, quoted values skipped whole.
fn tag_end(rest: &[u8]) -> usize {
    let mut j = 1;
    while let Some(k) = memchr::memchr3(b'"', b'\'', b'>', &rest[j..]) {
        let at = j + k;
        if rest[at] == b'>' {
            return at + 1;
        }
        match memchr::memchr(rest[at], &rest[at + 1..]) {
            Some(close) => j = at + 1 + close + 1,
            None => return rest.len(),
        }
    }
    rest.len()
}

/// An internal URL resolved from an output file (`base`, its `keel:/` URL): its path from the
/// output root and its fragment. `None` for external URLs, bare `#` and same-file `#anchor`s of scripts.
fn resolve(base: &url::Url, url: &str, base_path: &str) -> Option<(String, String)> {
    if url.is_empty() || url == "#" || url.starts_with("//") {
        return None;
    }
    let scheme = url.find(':');
    let path_start = url.find(['/', '?', '#']);
    if scheme.is_some_and(|c| path_start.is_none_or(|p| c < p)) {
        return None;
    }
    // A site-absolute URL counts from the base URL's path.
    let joined = match url.strip_prefix(base_path) {
        Some(rest) if url.starts_with('/') => base.join(&format!("/{rest}")),
        _ => base.join(url),
    }
    .ok()?;
    let fragment = joined.fragment().unwrap_or("").to_string();
    let path = percent_encoding::percent_decode_str(joined.path().trim_start_matches('/'))
        .decode_utf8_lossy()
        .into_owned();
    Some((path, fragment))
}

fn unescape(value: &str) -> std::borrow::Cow<'_, str> {
    if !value.contains('&') {
        return value.into();
    }
    value
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dead_url_is_placed_where_it_stands_as_a_url() {
        let md = "---\ntitle: Map\nsummary: x\n---\nThe map, x marks it.\n<img src=x alt=\"Map\">\n<a href=\"map\">m</a>\n";
        assert_eq!(place(md, "x"), Some(Pos::new(6, 10)));
        assert_eq!(place(md, "map"), Some(Pos::new(7, 10)));
        // Written some other way: its first appearance.
        assert_eq!(
            place("see [a]: ../b.md here", "../b.md"),
            Some(Pos::new(1, 10))
        );
        assert_eq!(place("nothing", "x.png"), None);
    }

    #[test]
    fn finds_what_a_page_links_and_names() {
        let (ids, links) = scan(
            "en/a/index.html",
            r##"<h2 id="act">x</h2><a href="../b/index.html#go">b</a><img src="map.png"><a href="https://x.org/">x</a><a href="#">js</a><a class="x" href="#act">top</a><p title="a>b">&lt;img src="shown.png"&gt; <!-- <a href="c.html"> --></p><script>x = '<a href="s.html">'</script><p>שלום <b id="he">ב</b></p>"##.as_bytes(),
            "/",
        );
        assert!(ids.contains(&id_hash("act")) && ids.contains(&id_hash("he")));
        assert_eq!(ids.len(), 2);
        let links: Vec<(&str, &str)> = links
            .iter()
            .map(|f| (f.path.as_str(), f.fragment.as_str()))
            .collect();
        assert_eq!(
            links,
            [
                ("en/b/index.html", "go"),
                ("en/a/map.png", ""),
                ("en/a/index.html", "act")
            ]
        );
    }
}
