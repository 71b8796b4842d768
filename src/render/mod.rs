//! The outputs, each its own file: web pages (`pages`), print views and bundles (`print`, with
//! links as footnotes in `footnotes`), search indexes (`search`, terms in `search_terms`), the
//! offline service workers (`offline`) and the sitemap. Templates get the context objects of
//! `context`, documented in `docs/themes.md`.

mod calendar;
mod context;
mod footnotes;
mod forms;
mod offline;
mod pages;
mod print;
mod search;
mod search_terms;
mod sitemap;
mod theme;

use std::path::Path;

pub use print::has_print_view;
pub use print::{Bundle, bundles};
pub use search_terms::index_terms;
pub use theme::{TEMPLATES, Theme};

use crate::diagnostics::{self, Diagnostic};
use crate::locale::{self, LangId};
use crate::output::{OutFile, Sink};
use crate::paths::{self, is_ignored};
use crate::site::{PageId, Site};

/// Render every output of the site into `sink`, or with `which` only what those pages produce
/// (their web pages and print views), the print bundles and their languages' search indexes:
/// the rebuild after a few files changed.
pub fn render(site: &Site, which: Option<&[PageId]>, sink: Sink) -> Result<(), Vec<Diagnostic>> {
    let theme = Theme::load(site)?;
    crate::timing::stage("templates parsed");
    render_with(site, &theme, which, sink)
}

/// [`render`] with the theme already loaded (`keel serve` keeps it between rebuilds): the three
/// stages below, in turn, then the check for interface strings no language has.
pub fn render_with(
    site: &Site,
    theme: &Theme,
    which: Option<&[PageId]>,
    sink: Sink,
) -> Result<(), Vec<Diagnostic>> {
    render_web(site, theme, which, sink)?;
    crate::timing::stage("pages rendered and written");
    render_print(site, theme, which, sink)?;
    crate::timing::stage("print views");
    render_indexes(site, which, sink)?;
    unknown_strings(site)
}

/// The web pages `which` and their calendar files; with `None` every page, the language chooser,
/// the 404 page and the sitemap too. A preview rebuild serves these first and makes the rest
/// ([`render_print`], [`render_indexes`]) after.
pub fn render_web(
    site: &Site,
    theme: &Theme,
    which: Option<&[PageId]>,
    sink: Sink,
) -> Result<(), Vec<Diagnostic>> {
    let mut diags = match which {
        None => {
            let mut d = pages::render_all(site, theme, sink);
            if let Err(e) = sink(OutFile {
                path: "sitemap.xml".into(),
                bytes: sitemap::sitemap(site).into_bytes(),
            }) {
                d.push(e);
            }
            d
        }
        Some(w) => pages::render_pages(site, theme, w, sink),
    };
    let pages: Vec<usize> = match which {
        None => (0..site.pages.len()).collect(),
        Some(w) => w.to_vec(),
    };
    for f in calendar::files(site, pages.into_iter()) {
        if let Err(e) = sink(f) {
            diags.push(e);
        }
    }
    verdict(&mut diags)
}

/// The print views of the pages `which` (or of every page) and every print bundle (they may
/// hold those pages).
pub fn render_print(
    site: &Site,
    theme: &Theme,
    which: Option<&[PageId]>,
    sink: Sink,
) -> Result<(), Vec<Diagnostic>> {
    let diags = match which {
        None => print::render_all(site, theme, sink),
        Some(w) => print::render_pages(site, theme, w, sink),
    };
    if !diags.is_empty() {
        return Err(diags);
    }
    Ok(())
}

/// The service workers, and the search indexes of the languages of the pages `which` (of every
/// language with `None`): they depend on every page, so they are built after the pages, and the
/// two never hold memory at the same time. After a few pages changed, only their languages'
/// indexes can differ.
pub fn render_indexes(
    site: &Site,
    which: Option<&[PageId]>,
    sink: Sink,
) -> Result<(), Vec<Diagnostic>> {
    let languages: Option<Vec<LangId>> = which.map(|w| {
        let mut l: Vec<LangId> = w.iter().map(|&i| site.pages[i].lang()).collect();
        l.sort_unstable();
        l.dedup();
        l
    });
    let theme_dir = paths::theme_dir(&site.root, &site.config.theme);
    let files = offline::render(site, &theme_files(&theme_dir))
        .into_iter()
        .chain(search::render(site, languages.as_deref()));
    for f in files {
        sink(f).map_err(|d| vec![d])?;
    }
    Ok(())
}

/// Sorted, one diagnostic per file and message: the same template error on every page is one.
fn verdict(diags: &mut Vec<Diagnostic>) -> Result<(), Vec<Diagnostic>> {
    if diags.is_empty() {
        return Ok(());
    }
    diagnostics::sort(diags);
    diags.dedup_by(|a, b| a.file == b.file && a.message == b.message);
    Err(std::mem::take(diags))
}

/// A template asked for strings no language has: the page would show the raw key. Run after
/// the stages above (what they rendered asked for the strings).
pub fn unknown_strings(site: &Site) -> Result<(), Vec<Diagnostic>> {
    let unknown = site.locales.take_unknown();
    if unknown.is_empty() {
        return Ok(());
    }
    let default = &site.locales.languages[site.locales.default].code;
    let file = format!("{}/{default}.ftl", locale::I18N_DIR);
    Err(unknown
        .into_iter()
        .map(|k| {
            Diagnostic::error(
                "unknown-string",
                &file,
                format!("interface string `{k}` is used by the theme but defined nowhere"),
            )
            .hint(format!("add `{k} = …` to every i18n/<lang>.ftl"))
        })
        .collect())
}

/// The theme's files by path inside the theme (`static/keel.css`), for cache versions.
fn theme_files(theme_dir: &Path) -> Vec<(String, Vec<u8>)> {
    walkdir::WalkDir::new(theme_dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && !is_ignored(&e.file_name().to_string_lossy()))
        .filter_map(|e| {
            let name = e
                .path()
                .strip_prefix(theme_dir)
                .ok()?
                .to_string_lossy()
                .replace('\\', "/");
            Some((name, std::fs::read(e.path()).ok()?))
        })
        .collect()
}
