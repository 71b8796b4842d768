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
pub mod search;
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
    /// Files whose bytes changed; the rest were identical to the previous output.
    pub written: usize,
    pub elapsed: Duration,
    pub warnings: Vec<Diagnostic>,
}

/// Load, render and write the site under `root` into `output` (default: `output_dir` from
/// keel.yaml, relative to `root`). Pages are written as they are rendered, into a new folder
/// that replaces the old output only when everything succeeded.
pub fn build(
    root: &Path,
    output: Option<&Path>,
    opts: &LoadOptions,
) -> Result<BuildReport, Vec<Diagnostic>> {
    let start = Instant::now();
    *TIMING_START.lock().unwrap_or_else(|p| p.into_inner()) = Some(start);
    let mut site = Site::load(root, opts)?;
    site.drop_sources();
    timing("load, parse, link, Markdown");
    let output = output.map_or_else(|| root.join(&site.config.output_dir), Path::to_path_buf);
    let staging = output::Staging::new(root, &output).map_err(|d| vec![d])?;
    render_with(&site, None, &|f| staging.put(&f.path, &f.bytes))?;
    timing("search indexes");
    let theme_static = root.join("themes").join(&site.config.theme).join("static");
    staging.put_static(&theme_static).map_err(|d| vec![d])?;
    let stats = staging.commit().map_err(|d| vec![d])?;
    timing("output committed");
    Ok(BuildReport {
        output,
        pages: site.page_counts(),
        files: stats.files,
        written: stats.written,
        elapsed: start.elapsed(),
        warnings: site.warnings,
    })
}

/// The theme's files by path inside the theme (`static/keel.css`), for cache versions.
fn theme_files(theme_dir: &Path) -> Vec<(String, Vec<u8>)> {
    walkdir::WalkDir::new(theme_dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_type().is_file() && !content::is_ignored(&e.file_name().to_string_lossy())
        })
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

static TIMING_START: std::sync::Mutex<Option<Instant>> = std::sync::Mutex::new(None);

/// With `KEEL_TIMINGS` set, print how long the build took up to each stage (for profiling).
pub(crate) fn timing(stage: &str) {
    if std::env::var_os("KEEL_TIMINGS").is_some() {
        let start = *TIMING_START.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(start) = start {
            // Resident memory now (Linux), for the memory side of the benchmark.
            let rss = std::fs::read_to_string("/proc/self/statm")
                .ok()
                .and_then(|s| s.split_whitespace().nth(1)?.parse::<u64>().ok())
                .map_or(String::new(), |pages| {
                    format!("  ({} MiB)", (pages * 4096) >> 20)
                });
            // CPU time of all threads so far (user + system, in clock ticks of 10 ms): against the
            // wall time it shows how well a stage keeps the cores busy.
            let cpu = std::fs::read_to_string("/proc/self/stat")
                .ok()
                .and_then(|s| {
                    let f: Vec<u64> = s
                        .rsplit(')')
                        .next()?
                        .split_whitespace()
                        .skip(11)
                        .take(2)
                        .filter_map(|v| v.parse().ok())
                        .collect();
                    (f.len() == 2).then(|| format!("  cpu {:>6} ms", (f[0] + f[1]) * 10))
                })
                .unwrap_or_default();
            eprintln!("{:>6} ms{cpu}  {stage}{rss}", start.elapsed().as_millis());
        }
    }
}

/// Load the site and render it in memory: every check a build makes, without writing.
pub fn check(root: &Path, opts: &LoadOptions) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
    let site = Site::load(root, opts)?;
    render_with(&site, None, &|_| Ok(()))?;
    Ok(site.warnings)
}

/// Render every output file of a loaded site in memory.
pub fn render_site(site: &Site) -> Result<Vec<render::OutFile>, Vec<Diagnostic>> {
    collect(site, None)
}

/// Render only what the pages `which` produce (their web pages and print views) and the print
/// bundles: the rebuild after one file changed.
pub fn render_pages(site: &Site, which: &[usize]) -> Result<Vec<render::OutFile>, Vec<Diagnostic>> {
    collect(site, Some(which))
}

fn collect(site: &Site, which: Option<&[usize]>) -> Result<Vec<render::OutFile>, Vec<Diagnostic>> {
    let files = std::sync::Mutex::new(Vec::new());
    render_with(site, which, &|f| {
        files.lock().unwrap_or_else(|p| p.into_inner()).push(f);
        Ok(())
    })?;
    Ok(files.into_inner().unwrap_or_else(|p| p.into_inner()))
}

fn render_with(
    site: &Site,
    which: Option<&[usize]>,
    sink: render::Sink,
) -> Result<(), Vec<Diagnostic>> {
    let theme = render::Theme::load(site)?;
    timing("templates parsed");
    match which {
        None => {
            render::render(site, &theme, sink)?;
            timing("pages rendered and written");
            print::render(site, &theme, sink)?;
            timing("print views");
        }
        Some(w) => {
            render::render_pages(site, &theme, w, sink)?;
            print::render_pages(site, &theme, w, sink)?;
        }
    }
    // The search indexes and service workers depend on every page; built after the pages so the
    // two never hold memory at the same time.
    let theme_dir = site.root.join("themes").join(&site.config.theme);
    // After a few pages changed, only their languages' indexes can differ.
    let languages: Option<Vec<usize>> = which.map(|w| {
        let mut l: Vec<usize> = w.iter().map(|&i| site.pages[i].lang()).collect();
        l.sort_unstable();
        l.dedup();
        l
    });
    for f in search::render(site, &theme_files(&theme_dir), languages.as_deref()) {
        sink(f).map_err(|d| vec![d])?;
    }
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
    Ok(())
}
