//! The last line of defence for "never call a broken site clean": after rendering, every
//! `href` and `src` of every HTML file in the output that stays inside the site must name a file
//! of the output, and its `#anchor` an id in that file. The Markdown stage already reports the
//! links it sees at file:line:col; this pass catches what it cannot see (templates, raw HTML).

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

use crate::diagnostics::{Diagnostic, MAX_REPEATS, Pos, locate};
use crate::site::Site;

/// What the output holds, recorded as files are written (from any thread).
pub struct Crawl {
    state: Mutex<State>,
    /// The path of the site's base URL (`/playbook/`): where `/…` URLs start.
    base_path: String,
}

#[derive(Default)]
struct State {
    files: HashSet<String>,
    /// HTML file → its ids and the internal URLs it uses (resolved from the output root).
    html: HashMap<String, Scan>,
}

#[derive(Default)]
struct Scan {
    ids: HashSet<String>,
    /// (URL as written, path from the output root, fragment).
    links: Vec<(String, String, String)>,
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
            .then(|| scan(path, &String::from_utf8_lossy(bytes), &self.base_path));
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        state.files.insert(path.to_string());
        if let Some(scan) = scan {
            state.html.insert(path.to_string(), scan);
        }
    }

    /// Every internal URL of the output that names nothing, as errors placed in the page's
    /// source file where the URL can be found there.
    pub fn dead_links(self, site: &Site) -> Vec<Diagnostic> {
        let state = self.state.into_inner().unwrap_or_else(|p| p.into_inner());
        let mut out = Vec::new();
        let mut paths: Vec<&String> = state.html.keys().collect();
        paths.sort();
        for from in paths {
            let mut seen = HashSet::new();
            let mut found: Vec<(&str, String)> = Vec::new();
            for (written, path, fragment) in &state.html[from].links {
                let Some(target) = existing(&state.files, path) else {
                    if seen.insert(written) {
                        found.push((written, "names no file of the output".into()));
                    }
                    continue;
                };
                let anchored = !fragment.is_empty() && target.ends_with(".html");
                if anchored
                    && state
                        .html
                        .get(&target)
                        .is_some_and(|t| !t.ids.contains(fragment))
                    && seen.insert(written)
                {
                    found.push((written, format!("has no id `{fragment}` in {target}")));
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
fn existing(files: &HashSet<String>, path: &str) -> Option<String> {
    let candidates = if path.is_empty() || path.ends_with('/') {
        vec![format!("{path}index.html")]
    } else {
        vec![path.to_string(), format!("{path}/index.html")]
    };
    candidates.into_iter().find(|c| files.contains(c))
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

/// The ids and internal URLs of one HTML file at output path `path`.
fn scan(path: &str, html: &str, base_path: &str) -> Scan {
    let mut s = Scan::default();
    for (name, value) in attributes(html) {
        match name {
            "id" => {
                s.ids.insert(unescape(value));
            }
            "href" | "src" => {
                let url = unescape(value);
                if let Some((p, f)) = resolve(path, &url, base_path) {
                    s.links.push((url, p, f));
                }
            }
            _ => {}
        }
    }
    s
}

/// `id`, `href` and `src` attributes written as ` name="value"` (how Keel's writers, templates
/// and the HTML cleaner quote them), inside tags only: text that shows a tag (`&lt;img
/// src="…"`) names nothing, and neither do comments or `<script>` bodies.
fn attributes(html: &str) -> impl Iterator<Item = (&str, &str)> {
    tags(html).flat_map(|tag| {
        memchr::memmem::find_iter(tag.as_bytes(), "=\"").filter_map(move |at| {
            let name_start = tag[..at].rfind(|c: char| c.is_ascii_whitespace())? + 1;
            let name = &tag[name_start..at];
            if !matches!(name, "id" | "href" | "src") {
                return None;
            }
            let rest = &tag[at + 2..];
            let end = rest.find('"')?;
            Some((name, &rest[..end]))
        })
    })
}

/// The start tags of `html` (`<a href="…" id="x">`), quoted values read whole.
fn tags(html: &str) -> impl Iterator<Item = &str> {
    let b = html.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        loop {
            i += memchr::memchr(b'<', b.get(i..)?)?;
            let rest = &html[i..];
            if rest.starts_with("<!--") {
                i += rest.find("-->").map_or(rest.len(), |e| e + 3);
                continue;
            }
            if !rest.as_bytes().get(1).is_some_and(u8::is_ascii_alphabetic) {
                i += 1;
                continue;
            }
            let mut quote = None;
            let end = rest
                .bytes()
                .enumerate()
                .skip(1)
                .find_map(|(j, c)| match (quote, c) {
                    (None, b'"' | b'\'') => {
                        quote = Some(c);
                        None
                    }
                    (Some(q), c) if c == q => {
                        quote = None;
                        None
                    }
                    (None, b'>') => Some(j + 1),
                    _ => None,
                });
            let end = end.unwrap_or(rest.len());
            let tag = &rest[..end];
            i += end;
            if tag.len() > 7 && tag.as_bytes()[..7].eq_ignore_ascii_case(b"<script") {
                // A script's body is not HTML: skip to its end.
                i += html[i..].find("</script").unwrap_or(html.len() - i);
            }
            return Some(tag);
        }
    })
}

/// An internal URL resolved from the output file `from`: its path from the output root and its
/// fragment. `None` for external URLs, bare `#` and same-file `#anchor`s of scripts.
fn resolve(from: &str, url: &str, base_path: &str) -> Option<(String, String)> {
    if url.is_empty() || url == "#" || url.starts_with("//") {
        return None;
    }
    let scheme = url.find(':');
    let path_start = url.find(['/', '?', '#']);
    if scheme.is_some_and(|c| path_start.is_none_or(|p| c < p)) {
        return None;
    }
    let base = url::Url::parse("keel:/").ok()?.join(from).ok()?;
    // A site-absolute URL counts from the base URL's path.
    let url = match url.strip_prefix(base_path) {
        Some(rest) if url.starts_with('/') => format!("/{rest}"),
        _ => url.to_string(),
    };
    let joined = base.join(&url).ok()?;
    let fragment = joined.fragment().unwrap_or("").to_string();
    let path = percent_encoding::percent_decode_str(joined.path().trim_start_matches('/'))
        .decode_utf8_lossy()
        .into_owned();
    Some((path, fragment))
}

fn unescape(value: &str) -> String {
    if !value.contains('&') {
        return value.to_string();
    }
    value
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
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
        let s = scan(
            "en/a/index.html",
            r##"<h2 id="act">x</h2><a href="../b/index.html#go">b</a><img src="map.png"><a href="https://x.org/">x</a><a href="#">js</a><a class="x" href="#act">top</a><p title="a>b">&lt;img src="shown.png"&gt; <!-- <a href="c.html"> --></p><script>x = '<a href="s.html">'</script><p>שלום <b id="he">ב</b></p>"##,
            "/",
        );
        assert!(s.ids.contains("act") && s.ids.contains("he"));
        let links: Vec<(&str, &str)> = s
            .links
            .iter()
            .map(|(_, p, f)| (p.as_str(), f.as_str()))
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
