//! Internal links of a page's Markdown (`@/crises/x.md#a`, `@pl/…`), resolved against the site.

use std::cell::RefCell;
use std::path::Path;

use super::{AnchorRef, Site};
use crate::diagnostics::Pos;
use crate::locale::LangId;
use crate::markdown::LinkResolver;

/// Resolves the links of one page and remembers its `#anchor` links for the anchor check.
pub(super) struct Links<'a> {
    pub(super) site: &'a Site,
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
            Some((p, a)) => (p, Some(a)),
            None => (path, None),
        };
        let idx = self
            .site
            .find(lang, path)
            .ok_or_else(|| format!("`{target}` points to no page"))?;
        let page = &self.site.pages[idx];
        match anchor {
            Some(a) if !a.is_empty() => {
                self.refs.borrow_mut().push(AnchorRef {
                    file: self.file.to_path_buf(),
                    pos,
                    target: idx,
                    anchor: a.to_string(),
                });
                Ok(format!("{}#{a}", page.path))
            }
            _ => Ok(page.path.clone()),
        }
    }
}
