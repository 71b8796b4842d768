//! HTML written in Markdown, kept through an allowlist. ammonia (html5ever underneath) does the
//! cleaning, over the whole rendered body so that a `<details>` opened in one HTML block and
//! closed in another stays one element. A small scan of each piece of raw HTML, with the same
//! lists, says what will be removed and where, for the warnings.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// Tags kept: structure, text and tables. Everything else goes (its text stays).
const TAGS: &[&str] = &[
    "a",
    "abbr",
    "article",
    "aside",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "section",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "var",
    "wbr",
];

/// Tags removed together with everything inside them.
const GONE_WITH_CONTENT: &[&str] = &[
    "script", "style", "iframe", "object", "embed", "noscript", "template", "textarea", "select",
    "svg", "math", "frameset", "noembed",
];

/// Attributes kept on any kept tag.
const ATTRIBUTES: &[&str] = &[
    "class",
    "id",
    "dir",
    "lang",
    "title",
    "role",
    "aria-label",
    "aria-hidden",
];

/// Attributes kept on particular tags.
const TAG_ATTRIBUTES: &[(&str, &[&str])] = &[
    ("a", &["href", "hreflang"]),
    ("img", &["src", "alt", "width", "height", "loading"]),
    ("td", &["colspan", "rowspan", "headers"]),
    ("th", &["colspan", "rowspan", "headers", "scope", "abbr"]),
    ("ol", &["start", "reversed", "type"]),
    ("li", &["value"]),
    ("details", &["open"]),
    ("time", &["datetime"]),
    ("data", &["value"]),
    ("q", &["cite"]),
    ("blockquote", &["cite"]),
    ("del", &["cite", "datetime"]),
    ("ins", &["cite", "datetime"]),
    ("col", &["span"]),
    ("colgroup", &["span"]),
];

/// URL schemes kept in `href` and `src`; relative URLs are kept too. `keel` is the marker Keel
/// itself writes for the way back to the output root (see `ROOT_MARKER`).
const SCHEMES: &[&str] = &["http", "https", "mailto", "tel", "keel"];

/// Attributes whose value is a URL.
const URL_ATTRIBUTES: &[&str] = &["href", "src", "cite", "action", "formaction", "poster"];

static CLEANER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(builder);

/// A cleaner with Keel's allowlist; relative URLs are kept as they are.
fn builder<'a>() -> ammonia::Builder<'a> {
    let mut b = ammonia::Builder::empty();
    b.tags(TAGS.iter().copied().collect())
        .clean_content_tags(GONE_WITH_CONTENT.iter().copied().collect())
        .generic_attributes(ATTRIBUTES.iter().copied().collect())
        .tag_attributes(
            TAG_ATTRIBUTES
                .iter()
                .map(|&(t, a)| (t, a.iter().copied().collect::<HashSet<_>>()))
                .collect::<HashMap<_, _>>(),
        )
        .url_schemes(SCHEMES.iter().copied().collect())
        .url_relative(ammonia::UrlRelative::PassThrough)
        .link_rel(None)
        // Keel marks where checklists go with comments.
        .strip_comments(false);
    b
}

/// `html` with everything outside the allowlist removed, and the relative URLs of raw HTML
/// that name a page or file of the site replaced as `rewrites` says.
pub fn clean(html: &str, rewrites: &HashMap<String, String>) -> String {
    if rewrites.is_empty() {
        return CLEANER.clean(html).to_string();
    }
    let mut b = builder();
    b.url_relative(ammonia::UrlRelative::Custom(Box::new(rewriter(
        rewrites.clone(),
    ))));
    b.clean(html).to_string()
}

/// What ammonia calls with each relative URL: the rewritten one, or the URL as it is.
fn rewriter(
    rewrites: HashMap<String, String>,
) -> impl for<'u> Fn(&'u str) -> Option<std::borrow::Cow<'u, str>> + Send + Sync {
    move |url| {
        Some(match rewrites.get(url) {
            Some(to) => to.clone().into(),
            None => url.into(),
        })
    }
}

/// What the scan of one piece of raw HTML found.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Found {
    /// What will be removed: where in the piece, and a sentence saying it.
    pub removed: Vec<(usize, String)>,
    /// `id`s given to kept tags: targets for `#anchor` links.
    pub ids: Vec<String>,
    /// Relative URLs kept: where in the piece, whether an image's, and the URL as written.
    pub urls: Vec<(usize, bool, String)>,
}

/// Scan state carried from one piece of an HTML block to the next: inside `<script>` and the
/// like nothing is a tag until the element closes.
#[derive(Debug, Default)]
pub struct Scan {
    inside: Option<String>,
    /// Elements open so far, and the most ever open at once.
    depth: usize,
    /// The deepest nesting seen.
    pub deepest: usize,
}

/// Raw HTML nested deeper than this is shown as text instead: the HTML parser checks the open
/// elements at every tag, so its time grows with the square of the depth (200,000 nested
/// `<div>`s would take minutes).
pub const MAX_DEPTH: usize = 512;

/// Elements that never hold anything, so never open a level.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

impl Scan {
    /// Scan one piece of raw HTML (a line of an HTML block, or one inline tag).
    pub fn piece(&mut self, raw: &str) -> Found {
        let mut found = Found::default();
        let b = raw.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if let Some(name) = &self.inside {
                let close = format!("</{name}");
                match find_ci(&raw[i..], &close) {
                    Some(at) => {
                        self.inside = None;
                        i += at + close.len();
                    }
                    None => break,
                }
                continue;
            }
            let Some(lt) = memchr::memchr(b'<', &b[i..]) else {
                break;
            };
            i += lt;
            if raw[i..].starts_with("<!--") {
                i = raw[i..].find("-->").map_or(b.len(), |e| i + e + 3);
                continue;
            }
            let closing = b.get(i + 1) == Some(&b'/');
            let start = i + 1 + usize::from(closing);
            let name_len = b[start..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-')
                .count();
            if name_len == 0 || !b[start].is_ascii_alphabetic() {
                i += 1;
                continue;
            }
            let name = raw[start..start + name_len].to_ascii_lowercase();
            let (end, attrs) = attributes(raw, start + name_len);
            let self_closing = raw[..end].ends_with("/>");
            if closing {
                self.depth = self.depth.saturating_sub(1);
            } else {
                if !self_closing && !VOID.contains(&name.as_str()) {
                    self.depth += 1;
                    self.deepest = self.deepest.max(self.depth);
                }
                self.tag(i, &name, &attrs, &mut found);
            }
            i = end;
        }
        found
    }

    fn tag(&mut self, at: usize, name: &str, attrs: &[(usize, String, String)], found: &mut Found) {
        if GONE_WITH_CONTENT.contains(&name) {
            found
                .removed
                .push((at, format!("`<{name}>` is removed with its content")));
            self.inside = Some(name.to_string());
            return;
        }
        if !TAGS.contains(&name) {
            found
                .removed
                .push((at, format!("`<{name}>` is removed (its text stays)")));
            return;
        }
        let own = TAG_ATTRIBUTES
            .iter()
            .find(|(t, _)| *t == name)
            .map_or(&[][..], |(_, a)| a);
        for (pos, attr, value) in attrs {
            if !ATTRIBUTES.contains(&attr.as_str()) && !own.contains(&attr.as_str()) {
                found.removed.push((
                    *pos,
                    format!("the `{attr}` attribute of `<{name}>` is removed"),
                ));
            } else if URL_ATTRIBUTES.contains(&attr.as_str()) && !url_kept(name, attr, value) {
                found.removed.push((
                    *pos,
                    format!("the URL `{}` of `<{name} {attr}>` is removed", short(value)),
                ));
            } else if attr == "id" && !value.is_empty() {
                found.ids.push(value.clone());
            } else if matches!(attr.as_str(), "href" | "src")
                && !value.contains('&')
                && matches!(
                    url::Url::parse(value.trim()),
                    Err(url::ParseError::RelativeUrlWithoutBase)
                )
            {
                found.urls.push((*pos, attr == "src", value.clone()));
            }
        }
    }
}

/// Whether ammonia keeps this URL: relative, or with an allowed scheme. A value with character
/// references (`&#106;avascript:`, `javascript&colon;`) is read the way the cleaner reads it,
/// by asking the cleaner.
fn url_kept(tag: &str, attr: &str, value: &str) -> bool {
    if value.contains('&') {
        let html = format!("<{tag} {attr}=\"{}\">", value.replace('"', "&quot;"));
        return CLEANER
            .clean(&html)
            .to_string()
            .contains(&format!(" {attr}="));
    }
    match url::Url::parse(value.trim()) {
        Ok(u) => SCHEMES.contains(&u.scheme()),
        Err(url::ParseError::RelativeUrlWithoutBase) => true,
        Err(_) => false,
    }
}

fn short(value: &str) -> String {
    let mut s: String = value.chars().take(40).collect();
    if s.len() < value.len() {
        s.push('…');
    }
    s
}

/// The attributes of a tag whose name ends at `from`: (offset, lower-case name, value), and
/// where the tag ends.
fn attributes(raw: &str, from: usize) -> (usize, Vec<(usize, String, String)>) {
    let b = raw.as_bytes();
    let mut out = Vec::new();
    let mut i = from;
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        if i >= b.len() {
            return (i, out);
        }
        if b[i] == b'>' {
            return (i + 1, out);
        }
        let start = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let name = raw[start..i].to_ascii_lowercase();
        let mut value = String::new();
        let mut j = i;
        while j < b.len() && b[j].is_ascii_whitespace() {
            j += 1;
        }
        if j < b.len() && b[j] == b'=' {
            j += 1;
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            if j < b.len() && (b[j] == b'"' || b[j] == b'\'') {
                let q = b[j];
                let end = memchr::memchr(q, &b[j + 1..]).map_or(b.len(), |e| j + 1 + e);
                value = raw[j + 1..end].to_string();
                j = (end + 1).min(b.len());
            } else {
                let s = j;
                while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' {
                    j += 1;
                }
                value = raw[s..j].to_string();
            }
            i = j;
        }
        out.push((start, name, value));
    }
}

/// Where `needle` (ASCII) starts in `hay`, ignoring ASCII case.
fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.len();
    hay.as_bytes()
        .windows(n)
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_and_removed() {
        let html = clean(
            "<table><tr><td colspan=2 onclick=\"x()\">a</td></tr></table>\
             <details open><summary>More</summary><kbd>Ctrl</kbd></details>\
             <script>alert(1)</script><img src=x onerror=alert(1) alt=\"\">\
             <a href=\"javascript:alert(1)\">j</a><a href=\"keel:root/en/\">k</a>\
             <p style=\"color:red\">s</p><iframe src=\"https://e.com\">f</iframe><!--keel:checklist:0-->",
            &HashMap::new(),
        );
        assert_eq!(
            html,
            "<table><tbody><tr><td colspan=\"2\">a</td></tr></tbody></table>\
             <details open=\"\"><summary>More</summary><kbd>Ctrl</kbd></details>\
             <img src=\"x\" alt=\"\">\
             <a>j</a><a href=\"keel:root/en/\">k</a>\
             <p>s</p><!--keel:checklist:0-->"
        );
    }

    #[test]
    fn relative_urls_are_rewritten_as_told() {
        let rewrites = HashMap::from([(
            "../shared/map.png".to_string(),
            "keel:root/en/shared/map.png".to_string(),
        )]);
        let html = clean(
            "<img src=\"../shared/map.png\" alt=\"m\"><a href=\"#top\">t</a>",
            &rewrites,
        );
        assert_eq!(
            html,
            "<img src=\"keel:root/en/shared/map.png\" alt=\"m\"><a href=\"#top\">t</a>"
        );
        let found = Scan::default().piece("<img src='../shared/map.png'><a href=https://x.org>");
        assert_eq!(found.urls, [(5, true, "../shared/map.png".to_string())]);
    }

    #[test]
    fn the_scan_names_what_goes_and_where() {
        let mut scan = Scan::default();
        let found = scan.piece("<img src=x onerror=alert(1)> <a href='javascript:x' id=top>");
        assert_eq!(
            found.removed,
            [
                (
                    11,
                    "the `onerror` attribute of `<img>` is removed".to_string()
                ),
                (
                    32,
                    "the URL `javascript:x` of `<a href>` is removed".to_string()
                ),
            ]
        );
        assert_eq!(found.ids, ["top"]);
        // Character references hide nothing: each of these is removed, so each is said.
        let found = Scan::default().piece(
            "<a href=\"java&#x09;script:a()\">a</a><a href=\"&#106;avascript:b()\">b</a>\
             <a href='javascript&colon;c()'>c</a><img src=\"data&colon;x\"><a href=\"a&amp;b.html\">ok</a>",
        );
        assert_eq!(found.removed.len(), 4, "{:?}", found.removed);
        assert!(found.removed.iter().all(|(_, m)| m.contains("URL")));
        // A script spanning pieces: what is inside it is not read as tags.
        let first = scan.piece("<script>if (a<b) {");
        assert_eq!(first.removed.len(), 1);
        assert!(scan.piece("<iframe>").removed.is_empty());
        assert!(
            scan.piece("}</SCRIPT><form>").removed[0]
                .1
                .contains("`<form>`")
        );
        assert!(scan.piece("<!-- <script> -->").removed.is_empty());
    }
}
