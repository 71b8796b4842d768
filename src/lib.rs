//! Keel: a static-site generator for multilingual crisis playbooks and checklists.
//!
//! The pipeline runs one way: [`config`] → [`locale`] → [`content`] → [`markdown`] (inside
//! [`site::Site::load`]) → [`render`] → [`output`]. `build` and `check` share all of it; `check`
//! only stops before writing.

pub mod checklist;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod locale;
pub mod markdown;
pub mod output;
pub mod pdf;
pub mod print;
pub mod render;
pub mod schema;
pub mod serve;
pub mod site;
pub mod starter;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use diagnostics::Diagnostic;
pub use site::{LoadOptions, Site};

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    pub output: PathBuf,
    pub pages: Vec<(String, usize)>,
    pub files: usize,
    pub elapsed: Duration,
    pub warnings: Vec<Diagnostic>,
}

/// Load, render and write the site under `root` into `output` (default: `output_dir` from
/// keel.yaml, relative to `root`).
pub fn build(
    root: &Path,
    output: Option<&Path>,
    opts: &LoadOptions,
) -> Result<BuildReport, Vec<Diagnostic>> {
    let start = Instant::now();
    let site = Site::load(root, opts)?;
    let files = render_site(&site)?;
    let output = output.map_or_else(|| root.join(&site.config.output_dir), Path::to_path_buf);
    let theme_static = root.join("themes").join(&site.config.theme).join("static");
    let stats = output::write_site(root, &output, &files, &theme_static).map_err(|d| vec![d])?;
    Ok(BuildReport {
        output,
        pages: site.page_counts(),
        files: stats.files,
        elapsed: start.elapsed(),
        warnings: site.warnings,
    })
}

/// Load the site and render it in memory: every check a build makes, without writing.
pub fn check(root: &Path, opts: &LoadOptions) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
    let site = Site::load(root, opts)?;
    render_site(&site)?;
    Ok(site.warnings)
}

/// Render every output file of a loaded site in memory.
pub fn render_site(site: &Site) -> Result<Vec<render::OutFile>, Vec<Diagnostic>> {
    render_with(site, None)
}

/// Render only what the pages `which` produce (their web pages and print views) and the print
/// bundles: the rebuild after one file changed.
pub fn render_pages(site: &Site, which: &[usize]) -> Result<Vec<render::OutFile>, Vec<Diagnostic>> {
    render_with(site, Some(which))
}

fn render_with(
    site: &Site,
    which: Option<&[usize]>,
) -> Result<Vec<render::OutFile>, Vec<Diagnostic>> {
    let theme = render::Theme::load(site)?;
    let mut files = match which {
        None => render::render(site, &theme)?,
        Some(w) => render::render_pages(site, &theme, w)?,
    };
    files.extend(match which {
        None => print::render(site, &theme)?,
        Some(w) => print::render_pages(site, &theme, w)?,
    });
    let unknown = site.locales.take_unknown();
    if !unknown.is_empty() {
        // A template asked for strings no language has: the page would show the raw key.
        let file = format!(
            "{}/{}.ftl",
            locale::I18N_DIR,
            site.locales.languages[site.locales.default].code
        );
        return Err(unknown
            .into_iter()
            .map(|k| {
                Diagnostic::error(
                    "unknown-string",
                    &file,
                    format!("interface string `{k}` is used by the theme but defined nowhere"),
                )
                .hint(format!("add `{k} = …` to every i18n/<lang>.ftl"))
            })
            .collect());
    }
    Ok(files)
}
