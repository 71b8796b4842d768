//! Links on paper: every link inside `<main>` gets a number, and the targets are listed as short
//! URLs at the end; the stylesheet hides both on screen.

use std::fmt::Write as _;

use crate::markdown::{escape, push_escaped};

/// Number every link inside `<main>` and list the targets as short URLs at its end, for paper.
/// On screen the markers and the list are hidden by the stylesheet.
pub fn footnote_links(html: &str, page_url: &str, heading: &str) -> String {
    use memchr::memmem::Finder;
    use std::sync::LazyLock;
    // Built once: every page and every link goes through these searches.
    static MAIN: LazyLock<Finder> = LazyLock::new(|| Finder::new("<main"));
    static MAIN_END: LazyLock<memchr::memmem::FinderRev> =
        LazyLock::new(|| memchr::memmem::FinderRev::new("</main>"));
    static OPEN: LazyLock<Finder> = LazyLock::new(|| Finder::new("<a "));
    static CLOSE: LazyLock<Finder> = LazyLock::new(|| Finder::new("</a>"));
    let (Some(start), Some(end)) = (MAIN.find(html.as_bytes()), MAIN_END.rfind(html.as_bytes()))
    else {
        return html.to_string();
    };
    let mut out = String::with_capacity(html.len() + 512);
    out.push_str(&html[..start]);
    let region = &html[start..end];
    // Numbered by target URL; most pages repeat the same few hrefs, resolved once each.
    let mut numbers: rustc_hash::FxHashMap<String, usize> = Default::default();
    let mut by_href: rustc_hash::FxHashMap<&str, Option<usize>> = Default::default();
    let mut notes: Vec<String> = Vec::new();
    let mut rest = region;
    while let Some(pos) = OPEN.find(rest.as_bytes()) {
        let Some(close) = CLOSE.find(&rest.as_bytes()[pos..]).map(|c| pos + c + 4) else {
            break;
        };
        out.push_str(&rest[..close]);
        let tag = &rest[pos..close];
        let n = match attr_value(tag, "href") {
            Some(href) if !tag.contains("data-no-footnote") => {
                *by_href.entry(href).or_insert_with(|| {
                    (!href.starts_with('#') && !href.starts_with("mailto:")).then(|| {
                        let href: std::borrow::Cow<str> = if href.contains("&amp;") {
                            href.replace("&amp;", "&").into()
                        } else {
                            href.into()
                        };
                        let url = note_url(page_url, &href);
                        *numbers.entry(url.clone()).or_insert_with(|| {
                            notes.push(url);
                            notes.len()
                        })
                    })
                })
            }
            _ => None,
        };
        if let Some(n) = n {
            out.push_str("<sup class=\"link-ref\">[");
            out.push_str(itoa::Buffer::new().format(n));
            out.push_str("]</sup>");
        }
        rest = &rest[close..];
    }
    out.push_str(rest);
    if !notes.is_empty() {
        let _ = write!(
            out,
            "<section class=\"link-notes\"><h2>{}</h2><ol>",
            escape(heading)
        );
        for n in &notes {
            out.push_str("<li dir=\"ltr\">");
            push_escaped(&mut out, n, false);
            out.push_str("</li>");
        }
        out.push_str("</ol></section>\n");
    }
    out.push_str(&html[end..]);
    out
}

/// The raw (still escaped) value of attribute `name` in an opening tag.
fn attr_value<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut from = 0;
    while let Some(i) = tag[from..].find(name) {
        let at = from + i;
        from = at + name.len();
        if tag[..at].ends_with(' ') && tag[from..].starts_with("=\"") {
            let start = from + 2;
            return Some(&tag[start..start + tag[start..].find('"')?]);
        }
    }
    None
}

/// The short URL (no scheme, no `index.html`) a footnote shows for `href` on the page at
/// `page_url`, relative hrefs resolved against it; built in one allocation, since every link of
/// every page comes through here.
fn note_url(page_url: &str, href: &str) -> String {
    let mut url = if href.contains("://") {
        href.split_once("://").map_or(href, |(_, r)| r).to_string()
    } else {
        let rest = page_url.split_once("://").map_or(page_url, |(_, r)| r);
        resolve(rest, href)
    };
    while url.ends_with("index.html") {
        url.truncate(url.len() - "index.html".len());
    }
    url
}

/// `host/path…` of a relative `href` (its `#fragment` dropped) from the page at `base`
/// (`host/dir/page`).
fn resolve(base: &str, href: &str) -> String {
    let href = href.split('#').next().unwrap_or(href);
    let (host, path) = base.split_once('/').unwrap_or((base, ""));
    let mut parts: Vec<&str> = Vec::with_capacity(16);
    parts.extend(path.split('/'));
    parts.pop();
    for seg in href.split('/') {
        match seg {
            "." | "" => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let mut out = String::with_capacity(base.len() + href.len());
    out.push_str(host);
    out.push('/');
    for (n, part) in parts.iter().enumerate() {
        if n > 0 {
            out.push('/');
        }
        out.push_str(part);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_become_numbered_notes() {
        let html = "<nav><a href=\"x\">nav</a></nav><main><p><a href=\"../b/index.html#s\">B</a> and <a href=\"https://ex.org/p\">P</a> and <a href=\"../b/index.html\">B again</a> <a href=\"#top\">top</a></p></main>";
        let out = footnote_links(html, "https://example.org/pb/en/a/index.html", "Links");
        assert!(
            out.starts_with("<nav><a href=\"x\">nav</a></nav>"),
            "links outside main are left alone"
        );
        assert!(out.contains(">B</a><sup class=\"link-ref\">[1]</sup>"));
        assert!(out.contains(">P</a><sup class=\"link-ref\">[2]</sup>"));
        assert!(out.contains(">B again</a><sup class=\"link-ref\">[1]</sup>"));
        assert!(
            out.contains("<li dir=\"ltr\">example.org/pb/en/b/</li><li dir=\"ltr\">ex.org/p</li>")
        );
        assert!(!out.contains("top</a><sup"));
    }

    #[test]
    fn footnote_urls_are_short_absolute_urls() {
        let page = "https://e.org/pb/en/a/index.html";
        for (href, want) in [
            ("../../he/index.html", "e.org/pb/he/"),
            ("x/index.html#a", "e.org/pb/en/a/x/"),
            ("./", "e.org/pb/en/a"),
            ("../b/c.pdf", "e.org/pb/en/b/c.pdf"),
            ("https://other.org/a/index.html", "other.org/a/"),
            ("http://x.org/p?a=1&b=2#f", "x.org/p?a=1&b=2#f"),
        ] {
            assert_eq!(note_url(page, href), want, "{href}");
        }
    }
}
