//! Partial reloads for `keel serve`: re-read one changed file and redo only the pages it makes.

use std::path::Path;

use super::{Site, body};
use crate::content;
use crate::diagnostics::Diagnostic;
use crate::paths::CONTENT_DIR;

/// What `Site::reload_file` did.
#[derive(Debug, PartialEq, Eq)]
pub enum Reload {
    /// Only these pages changed.
    Pages(Vec<super::PageId>),
    /// Other pages may show the change: load everything again.
    Full,
}

impl Site {
    /// Re-read one changed content file (`content/…`, relative to the root). When only its text
    /// changed, just that page (and the fallback copies made from it) is rendered again and
    /// `Reload::Pages` lists them; when anything that other pages show or link changed (title,
    /// summary, order, translation key, how many checklist items it has, whether it has a print
    /// view …), `Reload::Full` asks for a full load. The cross-page checks are the caller's to
    /// run again ([`crate::reload_file`] does).
    pub fn reload_file(
        &mut self,
        file: &Path,
    ) -> Result<(Reload, Vec<Diagnostic>), Vec<Diagnostic>> {
        let Some(idx) = self
            .pages
            .iter()
            .position(|p| p.fallback_from.is_none() && p.src.file == file)
        else {
            return Ok((Reload::Full, Vec::new()));
        };
        let old = &self.pages[idx].src;
        let content = self.root.join(CONTENT_DIR);
        let (parsed, mut diags) =
            content::parse_file(&self.root, &content, old.lang, &self.root.join(file));
        if diags.iter().any(Diagnostic::is_error) {
            return Err(diags);
        }
        let Some(new) = parsed else {
            return Ok((Reload::Full, Vec::new()));
        };
        let (a, b) = (&old.meta, &new.meta);
        let same_listing = a.title == b.title
            && a.summary == b.summary
            && a.weight == b.weight
            && a.draft == b.draft
            && a.translation_key == b.translation_key
            && a.related == b.related
            && a.template == b.template
            && a.reviewed == b.reviewed
            && a.updated == b.updated
            && old.kind == new.kind
            && old.generated == new.generated;
        if !same_listing {
            return Ok((Reload::Full, Vec::new()));
        }
        // Section listings and neighbours show a page's item count, and whether a Markdown page
        // has a checklist decides whether it has a print view (and so the home page's count of
        // pages in the print bundles): both are known once the body is rendered.
        let shown = |p: &super::Page| (p.item_count(), p.checklists.is_empty());
        let before = shown(&self.pages[idx]);
        let mut which = vec![idx];
        for (i, p) in self.pages.iter_mut().enumerate() {
            if p.fallback_from.is_some() && p.src.file == new.file {
                let lang = p.src.lang;
                p.src = new.clone();
                p.src.lang = lang;
                which.push(i);
            }
        }
        self.pages[idx].src = new;
        body::render_bodies(self, &which, &mut diags);
        if shown(&self.pages[idx]) != before {
            return Ok((Reload::Full, Vec::new()));
        }
        Ok((Reload::Pages(which), diags))
    }
}
