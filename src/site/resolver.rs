//! Internal links of a page's Markdown, resolved against the site: Keel's `@/crises/x.md#a` and
//! `@pl/…`, and the forms people bring from GitHub, MkDocs and Hugo: file links relative to the
//! page's file (`../during/foo.md#a`, `./foo.md`, `../during/`, `map.png`), links relative to
//! the page's URL (`../other/`), and site-absolute paths (`/en/crises/x/`, `/img/map.png`).

use std::cell::RefCell;
use std::path::Path;

use percent_encoding::percent_decode_str;

use super::{AnchorRef, OutputTarget, PageId, Site};
use crate::diagnostics::{Pos, did_you_mean};
use crate::locale::LangId;
use crate::markdown::{LinkKind, LinkResolver};

/// Resolves the links of one page and remembers its `#anchor` links for the anchor check.
pub(super) struct Links<'a> {
    pub(super) site: &'a Site,
    pub(super) page: PageId,
    pub(super) lang: LangId,
    pub(super) file: &'a Path,
    pub(super) refs: RefCell<Vec<AnchorRef>>,
}

impl LinkResolver for Links<'_> {
    fn resolve(&self, target: &str, pos: Pos) -> Result<String, String> {
        let rest = target.strip_prefix('@').unwrap_or(target);
        let (lang_part, path) = rest
            .split_once('/')
            .ok_or_else(|| format!("`{target}` is not a content link; write @/section/page.md"))?;
        let lang = if lang_part.is_empty() {
            self.lang
        } else {
            self.site.locales.index_of(lang_part).ok_or_else(|| {
                format!("`{target}` names language `{lang_part}`, which keel.yaml does not list")
            })?
        };
        let (path, anchor) = match path.split_once('#') {
            Some((p, a)) => (p, a),
            None => (path, ""),
        };
        let idx = self
            .site
            .find(lang, path)
            .ok_or_else(|| format!("`{target}` points to no page"))?;
        Ok(self.to_page(idx, anchor, pos))
    }

    fn resolve_url(&self, url: &str, kind: LinkKind, pos: Pos) -> Result<Option<String>, String> {
        if is_external(url) {
            return Ok(None);
        }
        let (path, fragment) = url.split_once('#').unwrap_or((url, ""));
        let path = path.split('?').next().unwrap_or_default();
        if path.is_empty() {
            // `#anchor` on this page.
            if !fragment.is_empty() {
                self.anchor_ref(self.page, fragment, pos);
            }
            return Ok(None);
        }
        let found = if path.starts_with('/') {
            self.site_absolute(path)
        } else {
            self.beside_file(path).or_else(|| self.beside_url(path))
        };
        match (found, kind) {
            (Some(Found::Page(i)), LinkKind::Link) => Ok(Some(self.to_page(i, fragment, pos))),
            (Some(Found::File(p)), _) => Ok(Some(with_fragment(p, fragment))),
            (Some(Found::Page(_)), LinkKind::Image) => {
                Err(format!("image `{url}` is a page, not a file"))
            }
            (None, _) => Err(self.not_found(url, path, kind)),
        }
    }
}

/// What a link names: a page, or a file by its output path.
enum Found {
    Page(PageId),
    File(String),
}

impl Links<'_> {
    fn to_page(&self, idx: PageId, anchor: &str, pos: Pos) -> String {
        let page = &self.site.pages[idx];
        if anchor.is_empty() {
            return page.path.clone();
        }
        self.anchor_ref(idx, anchor, pos);
        format!("{}#{anchor}", page.path)
    }

    fn anchor_ref(&self, target: PageId, anchor: &str, pos: Pos) {
        self.refs.borrow_mut().push(AnchorRef {
            file: self.file.to_path_buf(),
            pos,
            target,
            anchor: anchor.to_string(),
        });
    }

    /// A path from the output root: `/en/crises/x/`, `/img/map.png`. A base URL with a path
    /// (`https://example.org/runbooks/`) may be written in front.
    fn site_absolute(&self, path: &str) -> Option<Found> {
        let path = decode(path);
        let base = url::Url::parse(&self.site.config.base_url).ok();
        let prefix = base.as_ref().map_or("/", |b| b.path());
        let inside = path.strip_prefix(prefix).unwrap_or(&path);
        let inside = inside.trim_start_matches('/');
        match self.site.output_target(inside)? {
            OutputTarget::Page(i) => Some(Found::Page(i)),
            OutputTarget::File => Some(Found::File(inside.to_string())),
        }
    }

    /// A path relative to the page's file, as GitHub and MkDocs read it: `../during/foo.md`,
    /// `./foo.md`, `../during/`, `map.png`.
    fn beside_file(&self, path: &str) -> Option<Found> {
        let src = self.site.pages[self.page]
            .src
            .file
            .to_string_lossy()
            .replace('\\', "/");
        let joined = join(&src, path)?;
        let under = joined.strip_prefix(&format!("{}/", crate::paths::CONTENT_DIR))?;
        if self.site.files.contains_key(under) {
            return Some(Found::File(under.to_string()));
        }
        let (lang_code, rest) = under.split_once('/').unwrap_or((under, ""));
        let lang = self.site.locales.index_of(lang_code)?;
        // A fallback copy links to the pages of its own language where they exist.
        let same = lang == self.site.pages[self.page].src.lang;
        let found = (same && lang != self.lang)
            .then(|| self.site.find(self.lang, rest))
            .flatten()
            .or_else(|| self.site.find(lang, rest))?;
        Some(Found::Page(found))
    }

    /// A path relative to the page's URL, as Hugo reads it: `../other/`.
    fn beside_url(&self, path: &str) -> Option<Found> {
        let joined = join(&self.site.pages[self.page].path, path)?;
        match self.site.output_target(&joined)? {
            OutputTarget::Page(i) => Some(Found::Page(i)),
            OutputTarget::File => Some(Found::File(joined)),
        }
    }

    fn not_found(&self, url: &str, path: &str, kind: LinkKind) -> String {
        let what = match kind {
            LinkKind::Link => "link",
            LinkKind::Image => "image",
        };
        let src = self.site.pages[self.page]
            .src
            .file
            .to_string_lossy()
            .replace('\\', "/");
        let wanted = join(&src, path).unwrap_or_default();
        let wanted = wanted.trim_start_matches("content/");
        let lang = &self.site.locales.languages[self.lang].code;
        let pages = self.site.pages.iter().filter(|p| p.fallback_from.is_none());
        let candidates: Vec<String> = match kind {
            LinkKind::Link => pages
                .map(|p| p.src.file.to_string_lossy().replace('\\', "/"))
                .map(|f| f.trim_start_matches("content/").to_string())
                .chain(self.site.files.keys().cloned())
                .collect(),
            LinkKind::Image => self.site.files.keys().cloned().collect(),
        };
        let best = did_you_mean(wanted, candidates.iter().map(String::as_str))
            .or_else(|| did_you_mean(path, candidates.iter().map(String::as_str)));
        match best {
            Some(b) => format!("{what} `{url}` points to nothing in the site; closest: `{b}`"),
            None if wanted.starts_with(&format!("{lang}/")) || path.starts_with('/') => {
                format!("{what} `{url}` points to nothing in the site")
            }
            None => format!("{what} `{url}` points to nothing in the site (read as `{wanted}`)"),
        }
    }
}

/// `http:`, `mailto:`, `//host/…`: not Keel's to check.
fn is_external(url: &str) -> bool {
    if url.starts_with("//") {
        return true;
    }
    let scheme_end = url.find(':');
    let path_start = url.find(['/', '?', '#']);
    match (scheme_end, path_start) {
        (Some(c), Some(p)) => c < p,
        (Some(_), None) => true,
        (None, _) => false,
    }
}

/// `rel` resolved against the file or URL path `base` (both from the same root), with `.` and
/// `..` applied and percent-escapes decoded; `None` when it climbs above the root.
fn join(base: &str, rel: &str) -> Option<String> {
    let base = url::Url::parse("keel:/").ok()?.join(base).ok()?;
    let joined = base.join(rel).ok()?;
    // `..` past the root stays at the root in URL resolution; for a file path that is an escape.
    let depth = base.path().matches('/').count() - 1;
    let ups = rel
        .split('/')
        .take_while(|s| *s == ".." || *s == ".")
        .filter(|s| *s == "..")
        .count();
    if ups > depth {
        return None;
    }
    Some(decode(joined.path().trim_start_matches('/')))
}

fn decode(path: &str) -> String {
    percent_decode_str(path).decode_utf8_lossy().into_owned()
}

fn with_fragment(path: String, fragment: &str) -> String {
    if fragment.is_empty() {
        path
    } else {
        format!("{path}#{fragment}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_like_a_browser_and_refuses_to_climb_out() {
        let f = "content/en/crises/x.md";
        assert_eq!(
            join(f, "../during/foo.md").as_deref(),
            Some("content/en/during/foo.md")
        );
        assert_eq!(join(f, "./y.md").as_deref(), Some("content/en/crises/y.md"));
        assert_eq!(
            join(f, "map%201.png").as_deref(),
            Some("content/en/crises/map 1.png")
        );
        assert_eq!(join(f, "../../../../etc/passwd"), None);
        assert_eq!(
            join("en/crises/x/index.html", "../y/").as_deref(),
            Some("en/crises/y/")
        );
    }

    #[test]
    fn external_means_a_scheme_or_a_host() {
        for url in [
            "https://x.org/a",
            "mailto:a@b",
            "//cdn.example/x.png",
            "tel:+48",
        ] {
            assert!(is_external(url), "{url}");
        }
        for url in ["a.md", "../a.md#x:y", "/en/", "#top", "a/b:c"] {
            assert!(!is_external(url), "{url}");
        }
    }
}
