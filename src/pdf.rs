//! `keel pdf`: print the print views to PDF with a Chromium that is already installed. Keel never
//! downloads a browser; without one it says how to install it.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::content::PageKind;
use crate::diagnostics::Diagnostic;
use crate::paths::view_path;
use crate::render::{bundles, has_print_view};
use crate::site::{LoadOptions, Site};

/// Paper size of the PDFs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Paper {
    /// ISO A4, 210 × 297 mm.
    A4,
    /// US Letter, 8.5 × 11 in.
    Letter,
}

/// What `keel pdf` prints and where.
#[derive(Debug, Clone)]
pub struct PdfOptions {
    /// Only this language.
    pub lang: Option<String>,
    /// Only this runbook or sheet: its slug (`payment-outage`) or content path (`drills/payment-outage`).
    pub runbook: Option<String>,
    /// Paper size.
    pub paper: Paper,
    /// Folder for the PDFs, one subfolder per language.
    pub out: PathBuf,
    /// The Chromium binary; default `KEEL_CHROMIUM`, or one on the PATH.
    pub chromium: Option<PathBuf>,
}

/// The Chromium to print with: the one given, `KEEL_CHROMIUM`, or one on the PATH.
pub fn find_chromium(explicit: Option<&Path>) -> Result<PathBuf, String> {
    if let Some(p) = explicit {
        return if p.is_file() {
            Ok(p.to_path_buf())
        } else {
            Err(format!("{} does not exist", p.display()))
        };
    }
    if let Some(p) = std::env::var_os("KEEL_CHROMIUM")
        .map(PathBuf::from)
        .filter(|p| p.is_file())
    {
        return Ok(p);
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    for dir in std::env::split_paths(&path) {
        for name in [
            "chromium",
            "chromium-browser",
            "google-chrome",
            "google-chrome-stable",
        ] {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Ok(candidate);
            }
        }
    }
    Err("no Chromium found on this machine".into())
}

/// Build the site into a temp folder and print the selected views. Returns the PDFs written.
pub fn export(root: &Path, opts: &PdfOptions) -> Result<Vec<PathBuf>, Vec<Diagnostic>> {
    check_out(root, &opts.out)?;
    let chromium = find_chromium(opts.chromium.as_deref()).map_err(|e| {
        vec![Diagnostic::error("no-chromium", "keel pdf", e).hint(
            "install Debian's Chromium (apt-get install chromium) or pass --chromium PATH; keel never downloads a browser",
        )]
    })?;
    let site = crate::load(root, &LoadOptions::default())?;
    let jobs = jobs(&site, opts)?;
    if jobs.is_empty() {
        return Err(vec![Diagnostic::error("nothing-to-print", "keel pdf", "no runbook or sheet matches")
            .hint("--runbook takes a slug such as payment-outage or a path such as drills/payment-outage")]);
    }
    print(root, &chromium, opts.paper, jobs)
}

/// PDFs never go among the sources: a PDF in `content/` would be a stray file, in `themes/` it
/// would be published.
fn check_out(root: &Path, out: &Path) -> Result<(), Vec<Diagnostic>> {
    let (Ok(root), Ok(out)) = (std::path::absolute(root), std::path::absolute(out)) else {
        return Ok(());
    };
    for dir in crate::paths::SOURCE_DIRS {
        if out.starts_with(root.join(dir)) {
            return Err(vec![
                Diagnostic::error(
                    "unsafe-output",
                    "keel pdf",
                    format!("--out {} is inside the site's {dir}/ folder", out.display()),
                )
                .hint("write the PDFs elsewhere, e.g. --out pdf"),
            ]);
        }
    }
    Ok(())
}

/// The print views to print (output path, PDF path) for the options.
fn jobs(site: &Site, opts: &PdfOptions) -> Result<Vec<(String, PathBuf)>, Vec<Diagnostic>> {
    let lang_filter = match &opts.lang {
        Some(code) => Some(site.locales.index_of(code).ok_or_else(|| {
            let known: Vec<&str> = site
                .locales
                .languages
                .iter()
                .map(|l| l.code.as_str())
                .collect();
            vec![
                Diagnostic::error(
                    "unknown-language",
                    "keel pdf",
                    format!("language `{code}` is not in keel.yaml"),
                )
                .hint(format!("use one of: {}", known.join(", "))),
            ]
        })?),
        None => None,
    };
    let mut jobs: Vec<(String, PathBuf)> = Vec::new();
    for page in &site.pages {
        if !has_print_view(page)
            || lang_filter.is_some_and(|l| l != page.lang())
            || page.fallback_from.is_some()
        {
            continue;
        }
        if let Some(want) = &opts.runbook
            && *want != page.src.slug
            && *want != page.src.content_path()
        {
            continue;
        }
        let code = &site.locales.languages[page.lang()].code;
        let name = page.src.content_path().replace('/', "-");
        jobs.push((
            view_path(&page.path, false),
            opts.out.join(code).join(format!("{name}.pdf")),
        ));
        if page.src.kind == PageKind::Runbook {
            jobs.push((
                view_path(&page.path, true),
                opts.out.join(code).join(format!("{name}-facilitator.pdf")),
            ));
        }
    }
    if opts.runbook.is_none() {
        for lang in 0..site.locales.languages.len() {
            if lang_filter.is_some_and(|l| l != lang) {
                continue;
            }
            let code = &site.locales.languages[lang].code;
            for b in bundles(site, lang) {
                let pdf = opts.out.join(code).join(format!("all-{}.pdf", b.name));
                jobs.push((b.path, pdf));
            }
        }
    }
    Ok(jobs)
}

/// Build the site into a temp folder and print each job with `chromium`.
fn print(
    root: &Path,
    chromium: &Path,
    paper: Paper,
    jobs: Vec<(String, PathBuf)>,
) -> Result<Vec<PathBuf>, Vec<Diagnostic>> {
    let io = |e: std::io::Error, what: &str| {
        vec![Diagnostic::error("io", what.to_string(), e.to_string())]
    };
    let tmp = tempfile::tempdir().map_err(|e| io(e, "temp folder"))?;
    let html = tmp.path().join("site");
    crate::build(root, Some(&html), &crate::BuildOptions::default())?;
    let size = match paper {
        Paper::A4 => "A4",
        Paper::Letter => "letter",
    };
    let css = html.join("print.css");
    let mut text = std::fs::read_to_string(&css).unwrap_or_default();
    text.push_str(&format!("\n@page {{ size: {size}; }}\n"));
    std::fs::write(&css, text).map_err(|e| io(e, "print.css"))?;
    let profile = tmp.path().join("profile");
    let mut written = Vec::new();
    for (view, pdf) in jobs {
        if let Some(dir) = pdf.parent() {
            std::fs::create_dir_all(dir).map_err(|e| io(e, &dir.display().to_string()))?;
        }
        let url = format!("file://{}", html.join(&view).display());
        let status = Command::new(chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-pdf-header-footer",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg(format!("--print-to-pdf={}", pdf.display()))
            .arg(&url)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .map_err(|e| io(e, &chromium.display().to_string()))?;
        if !status.success() || !pdf.is_file() {
            return Err(vec![
                Diagnostic::error(
                    "pdf-failed",
                    view,
                    format!("{} could not print this page", chromium.display()),
                )
                .hint(
                    "run the same command with a newer Chromium, or print the page from a browser",
                ),
            ]);
        }
        written.push(pdf);
    }
    Ok(written)
}
