//! Keel: a static-site generator for multilingual crisis playbooks and checklists.
//!
//! A build flows through the modules in this order, each importing only the ones before it:
//! [`timing`] → [`diagnostics`] → [`paths`] → [`config`] → [`locale`] → [`output`] (where files go) →
//! [`checklist`] → [`content`] → [`markdown`] → [`site`] (loads, links, runs the Markdown stage)
//! → [`checks`] (lint passes over the site) → [`render`] (one file per output) → [`crawl`] (every
//! internal URL of the output checked) → [`manifest`] (the no-op rebuild) → this file's
//! [`build`] and [`check`], with [`serve`], [`pdf`], [`starter`] and the CLI on top.
//! `tests/layering.rs` keeps it that way.

pub mod checklist;
pub mod checks;
pub mod config;
pub mod content;
pub mod crawl;
pub mod diagnostics;
pub mod import;
pub mod locale;
pub mod manifest;
pub mod markdown;
pub mod output;
pub mod paths;
pub mod pdf;
pub mod render;
pub mod schema;
pub mod serve;
pub mod site;
pub mod starter;
pub mod timing;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use diagnostics::Diagnostic;
use output::OutFile;
use site::PageId;
pub use site::{LoadOptions, Reload, Site};

/// What a successful build did.
#[derive(Debug)]
pub struct BuildReport {
    /// The output folder.
    pub output: PathBuf,
    /// Pages per language (code, count).
    pub pages: Vec<(String, usize)>,
    /// Files in the output.
    pub files: usize,
    /// Files whose bytes changed; the rest were identical to the previous output.
    pub written: usize,
    /// Wall time of the build.
    pub elapsed: Duration,
    /// The warnings found.
    pub warnings: Vec<Diagnostic>,
}

/// Load the site under `root`, run the Markdown stage and every check. `Err` carries every error
/// (and the warnings) found; `Ok` keeps the warnings in [`Site::warnings`].
pub fn load(root: &Path, opts: &LoadOptions) -> Result<Site, Vec<Diagnostic>> {
    let (mut site, diags) = Site::load(root, opts)?;
    checks::finish(&mut site, diags)?;
    Ok(site)
}

/// Re-read one changed content file of a loaded site and run the checks again (see
/// [`Site::reload_file`]).
pub fn reload_file(site: &mut Site, file: &Path) -> Result<Reload, Vec<Diagnostic>> {
    let (reload, diags) = site.reload_file(file)?;
    if reload != Reload::Full {
        checks::finish(site, diags)?;
    }
    Ok(reload)
}

/// How to build.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// What to load.
    pub load: LoadOptions,
    /// Replace the output folder even when it holds files Keel did not write.
    pub force: bool,
}

/// Load, render and write the site under `root` into `output` (default: `output_dir` from
/// keel.yaml, which must lie inside `root`). Pages are written as they are rendered, into a new
/// folder that replaces the old output only when everything succeeded, and only when the old
/// one is Keel's (see [`output::MARKER`]), empty, or `force` is set.
pub fn build(
    root: &Path,
    output: Option<&Path>,
    opts: &BuildOptions,
) -> Result<BuildReport, Vec<Diagnostic>> {
    let start = Instant::now();
    timing::start(start);
    // Taken before anything is read, so a source saved during this build changes the next
    // build's fingerprint and that build is not skipped.
    let planned = output
        .map(Path::to_path_buf)
        .or_else(|| planned_output(root));
    let fingerprint = planned.as_deref().map(|out| {
        let today = String::from(content::Date::today());
        let what = format!("{:?} {} {today}", opts.load, absolute(out).display());
        manifest::fingerprint(root, &what)
    });
    if let (Some(out), Some(f)) = (&planned, fingerprint)
        && let Some(report) = unchanged(out, f, start)
    {
        return Ok(report);
    }
    let mut site = load(root, &opts.load)?;
    site.drop_sources();
    timing::stage("load, parse, link, Markdown");
    let output = match output {
        Some(o) => o.to_path_buf(),
        None => root.join(config_output(&site.config, root)?),
    };
    // Only a fingerprint of what was actually built may be recorded.
    let fingerprint = fingerprint.filter(|_| planned.as_deref() == Some(output.as_path()));
    let staging = output::Staging::new(root, &output, opts.force).map_err(|d| vec![d])?;
    let crawl = crawl::Crawl::new(&site);
    render::render(&site, None, &|f| {
        crawl.record(&f.path, &f.bytes);
        staging.put(&f.path, &f.bytes)
    })?;
    timing::stage("search indexes");
    for (path, file) in &site.files {
        let bytes = std::fs::read(file)
            .map_err(|e| vec![Diagnostic::error("io", file, format!("cannot read: {e}"))])?;
        crawl.record(path, &[]);
        staging.put(path, &bytes).map_err(|d| vec![d])?;
    }
    dead_links(crawl, &site)?;
    let pages = site.page_counts();
    let clean = fingerprint.filter(|_| site.warnings.is_empty());
    let list = manifest::Manifest::of_folder(staging.dir(), clean, pages.clone()).map_err(|e| {
        vec![Diagnostic::error(
            "io",
            &output,
            format!("cannot list output: {e}"),
        )]
    })?;
    // No manifest while the folder is swapped: one killed in between means a full build next.
    manifest::Manifest::remove(&output);
    let stats = staging.commit().map_err(|d| vec![d])?;
    // Without a manifest the next build is a full one, so failing to write it is no error.
    let _ = list.write(&output);
    timing::stage("output committed");
    Ok(BuildReport {
        output,
        pages,
        files: stats.files,
        written: stats.written,
        elapsed: start.elapsed(),
        warnings: site.warnings,
    })
}

/// The no-op rebuild: when the output's manifest has the fingerprint of today's inputs and
/// every file it lists is as the build left it, the output is already what this build would
/// write (see [`manifest`]).
fn unchanged(output: &Path, fingerprint: u64, start: Instant) -> Option<BuildReport> {
    let list = manifest::Manifest::read(output)?;
    if list.fingerprint != Some(fingerprint) || !list.intact(output) {
        return None;
    }
    timing::stage("output unchanged");
    Some(BuildReport {
        output: output.to_path_buf(),
        pages: list.pages.clone(),
        files: list.file_count(),
        written: 0,
        elapsed: start.elapsed(),
        warnings: Vec::new(),
    })
}

/// The output folder keel.yaml names, read ahead of the build for the no-op check; `None` when
/// keel.yaml does not load, which the build then reports.
fn planned_output(root: &Path) -> Option<PathBuf> {
    let loaded = config::Config::load(root).ok()?;
    Some(root.join(config_output(&loaded.config, root).ok()?))
}

/// `path` made absolute against the working folder, so `public` and `./public` are one output.
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// `output_dir` of keel.yaml, refused when it leaves the site folder: a cloned site must not be
/// able to point a plain `keel build` at someone's other files.
fn config_output<'a>(config: &'a config::Config, root: &Path) -> Result<&'a str, Vec<Diagnostic>> {
    let dir = config.output_dir.as_str();
    let inside = !dir.is_empty()
        && Path::new(dir).components().all(|c| {
            matches!(
                c,
                std::path::Component::Normal(_) | std::path::Component::CurDir
            )
        });
    if inside {
        return Ok(dir);
    }
    let text = std::fs::read_to_string(root.join(config::FILE_NAME)).unwrap_or_default();
    Err(vec![
        Diagnostic::error(
            "unsafe-output",
            config::FILE_NAME,
            format!("output_dir `{dir}` is outside the site folder"),
        )
        .at(diagnostics::key_pos(&text, &["output_dir"]))
        .hint("use a folder inside the site such as `public`, or pass --output DIR to keel build"),
    ])
}

/// Load the site and render it in memory: every check a build makes, without writing.
pub fn check(root: &Path, opts: &LoadOptions) -> Result<Vec<Diagnostic>, Vec<Diagnostic>> {
    let site = load(root, opts)?;
    let crawl = crawl::Crawl::new(&site);
    render::render(&site, None, &|f| {
        crawl.record(&f.path, &f.bytes);
        Ok(())
    })?;
    for path in site.files.keys() {
        crawl.record(path, &[]);
    }
    dead_links(crawl, &site)?;
    Ok(site.warnings)
}

/// Fail on dead internal URLs in the output, keeping the warnings with the errors.
fn dead_links(crawl: crawl::Crawl, site: &Site) -> Result<(), Vec<Diagnostic>> {
    let mut dead = crawl.dead_links(site);
    if dead.is_empty() {
        return Ok(());
    }
    diagnostics::sort(&mut dead);
    dead.extend(site.warnings.iter().cloned());
    Err(dead)
}

/// Render every output file of a loaded site in memory.
pub fn render_site(site: &Site) -> Result<Vec<OutFile>, Vec<Diagnostic>> {
    collect(site, None)
}

/// Render only what the pages `which` produce (their web pages and print views) and the print
/// bundles: the rebuild after one file changed.
pub fn render_pages(site: &Site, which: &[PageId]) -> Result<Vec<OutFile>, Vec<Diagnostic>> {
    collect(site, Some(which))
}

fn collect(site: &Site, which: Option<&[PageId]>) -> Result<Vec<OutFile>, Vec<Diagnostic>> {
    let files = std::sync::Mutex::new(Vec::new());
    render::render(site, which, &|f| {
        files.lock().unwrap_or_else(|p| p.into_inner()).push(f);
        Ok(())
    })?;
    Ok(files.into_inner().unwrap_or_else(|p| p.into_inner()))
}
