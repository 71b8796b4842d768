//! The `keel` command line: a thin layer over the library.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use keel::diagnostics::Diagnostic;

#[derive(Parser)]
#[command(
    name = "keel",
    version,
    about = "Build multilingual crisis playbooks: interactive checklists and printable runbooks from YAML and Markdown."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum OutputFormat {
    Text,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (atomically: a failed build keeps the old output).
    Build {
        /// The site folder (with keel.yaml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site; default: `output_dir` from keel.yaml (public/).
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Include pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Replace the output folder even if it holds files keel did not write.
        #[arg(long)]
        force: bool,
    },
    /// Check every content file, string and template without writing anything; list every problem.
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Include pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// `text` for people; `json` prints one JSON object per diagnostic per line, for tools.
        #[arg(long, value_enum, default_value = "text")]
        format: OutputFormat,
        /// Fail (exit 1) on warnings too.
        #[arg(long)]
        strict: bool,
    },
    /// Write JSON Schemas for keel.yaml and the YAML content files (for editor validation).
    Schema {
        /// Folder to write into.
        #[arg(long, short, default_value = "schemas")]
        out: PathBuf,
    },
    /// Print runbooks, drill packets and routine sheets to PDF with an installed Chromium.
    Pdf {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Only this language (e.g. he).
        #[arg(long)]
        lang: Option<String>,
        /// Only this runbook or sheet: a slug (payment-outage) or a path (drills/payment-outage).
        #[arg(long)]
        runbook: Option<String>,
        /// Paper size.
        #[arg(long, value_enum, default_value = "a4")]
        paper: keel::pdf::Paper,
        /// Folder for the PDFs.
        #[arg(long, short, default_value = "pdf")]
        out: PathBuf,
        /// The Chromium binary (default: KEEL_CHROMIUM, or chromium on the PATH).
        #[arg(long)]
        chromium: Option<PathBuf>,
    },
    /// Build, serve on loopback and rebuild on every change, reloading open pages.
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Address to listen on (127.0.0.1, ::1, or 0.0.0.0 to share on the network).
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        /// Include pages marked `draft: true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Create a page in one language, front matter filled in: `keel new crises flood --lang ar`.
    ///
    /// The page is written in the default language, or in --lang; the other languages show it
    /// from there until it is translated. If another language has the page already, its text is
    /// copied as a draft to translate (checklist ids stay the same). A section's `_index.md` is
    /// written only when no language has one.
    New {
        /// Section folder (e.g. crises).
        section: String,
        /// Page name, used in the URL (e.g. flood).
        slug: String,
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The language to write the page in (a code from keel.yaml); default: default_language.
        #[arg(long, value_name = "CODE")]
        lang: Option<String>,
        /// Make a structured checklist page (.yaml) instead of Markdown.
        #[arg(long)]
        checklist: bool,
    },
    /// Bring an MkDocs, Hugo or Zola site, or a folder of Markdown, over into a Keel site.
    ///
    /// Writes content/<lang>/… (and keel.yaml, the theme and interface strings when the site
    /// has none), never replacing a file that exists and differs unless --force, then checks
    /// the site and prints what was mapped, left out, and what to look at, with file:line.
    Import {
        /// What the source is.
        #[arg(value_enum)]
        kind: keel::import::Kind,
        /// The source site's folder.
        src: PathBuf,
        /// The Keel site to write into (created when it has no keel.yaml).
        #[arg(long, default_value = ".")]
        into: PathBuf,
        /// Language of a single-language source, or the one language to take from a
        /// multilingual one (default: what the source says, else en).
        #[arg(long, value_name = "CODE")]
        lang: Option<String>,
        /// Replace files that exist and differ.
        #[arg(long)]
        force: bool,
    },
    /// Create a small working site in DIR to start from.
    Init {
        /// Folder to create (must be empty or not exist).
        dir: PathBuf,
    },
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Build {
            root,
            output,
            drafts,
            force,
        } => build(&root, output.as_deref(), drafts, force),
        Command::Check {
            root,
            drafts,
            format,
            strict,
        } => check(&root, drafts, format, strict),
        Command::Schema { out } => schema(&out),
        Command::Pdf {
            root,
            lang,
            runbook,
            paper,
            out,
            chromium,
        } => pdf(
            &root,
            &keel::pdf::PdfOptions {
                lang,
                runbook,
                paper,
                out,
                chromium,
            },
        ),
        Command::Serve {
            root,
            bind,
            port,
            open,
            drafts,
        } => serve(&keel::serve::ServeOptions {
            root,
            bind,
            port,
            open,
            drafts,
        }),
        Command::New {
            section,
            slug,
            root,
            lang,
            checklist,
        } => new(&root, &section, &slug, lang.as_deref(), checklist),
        Command::Init { dir } => init(&dir),
        Command::Import {
            kind,
            src,
            into,
            lang,
            force,
        } => import(keel::import::Options {
            kind,
            src,
            into,
            lang,
            force,
        }),
    }
}

fn build(root: &Path, output: Option<&Path>, drafts: bool, force: bool) -> ExitCode {
    let opts = keel::BuildOptions {
        load: keel::LoadOptions { drafts },
        force,
    };
    let report = match keel::build(root, output, &opts) {
        Ok(r) => r,
        Err(diags) => {
            return fail(
                root,
                &diags,
                "build failed; the previous output was left as it was",
            );
        }
    };
    print_diagnostics(root, &report.warnings);
    let per_lang: Vec<String> = report
        .pages
        .iter()
        .map(|(l, n)| format!("{l} {n}"))
        .collect();
    let total: usize = report.pages.iter().map(|(_, n)| n).sum();
    println!(
        "Built {total} pages ({}) into {} in {} ms; {} of {} files changed{}",
        per_lang.join(", "),
        report.output.display(),
        report.elapsed.as_millis(),
        report.written,
        report.files,
        warn_suffix(report.warnings.len())
    );
    ExitCode::SUCCESS
}

fn check(root: &Path, drafts: bool, format: OutputFormat, strict: bool) -> ExitCode {
    let start = std::time::Instant::now();
    let (diags, errors) = match keel::check(root, &keel::LoadOptions { drafts }) {
        Ok(warnings) => (warnings, false),
        Err(diags) => (diags, true),
    };
    let warnings = diags.iter().filter(|d| !d.is_error()).count();
    match format {
        OutputFormat::Json => {
            for d in &diags {
                println!("{}", serde_json::to_string(d).unwrap_or_default());
            }
        }
        OutputFormat::Text => {
            print_diagnostics(root, &diags);
            let n = diags.len() - warnings;
            eprintln!(
                "{} error{}, {} warning{} ({} ms)",
                n,
                if n == 1 { "" } else { "s" },
                warnings,
                if warnings == 1 { "" } else { "s" },
                start.elapsed().as_millis()
            );
        }
    }
    if errors || (strict && warnings > 0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn import(opts: keel::import::Options) -> ExitCode {
    let (plan, written) = match keel::import::run(&opts) {
        Ok(r) => r,
        Err(e) => return error(&e),
    };
    for note in &plan.notes {
        println!("{note}");
    }
    for kept in &written.kept {
        println!(
            "{}: kept: it exists and differs; left as it was (--force replaces it)",
            kept.display()
        );
    }
    for lang in &written.missing_languages {
        println!(
            "keel.yaml: check: add `- code: {lang}` to `languages` to publish the imported {lang} pages"
        );
    }
    println!(
        "{} pages and {} files planned; {} written, {} already the same, {} kept",
        plan.pages.len(),
        plan.files.len(),
        written.written.len(),
        written.unchanged,
        written.kept.len()
    );
    // The same check as `keel check`: what is left to fix, at file:line.
    check(&opts.into, false, OutputFormat::Text, false)
}

fn schema(out: &Path) -> ExitCode {
    match keel::schema::write(out) {
        Ok(files) => {
            for f in files {
                println!("{}", f.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => error(&e),
    }
}

fn pdf(root: &Path, opts: &keel::pdf::PdfOptions) -> ExitCode {
    match keel::pdf::export(root, opts) {
        Ok(files) => {
            for f in &files {
                println!("{}", f.display());
            }
            println!(
                "Printed {} PDF{} into {}",
                files.len(),
                if files.len() == 1 { "" } else { "s" },
                opts.out.display()
            );
            ExitCode::SUCCESS
        }
        Err(diags) => fail(root, &diags, "pdf failed"),
    }
}

fn serve(opts: &keel::serve::ServeOptions) -> ExitCode {
    match keel::serve::run(opts) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => error(&e),
    }
}

fn new(root: &Path, section: &str, slug: &str, lang: Option<&str>, checklist: bool) -> ExitCode {
    match keel::starter::new_page(root, section, slug, checklist, lang) {
        Ok(page) => {
            for f in &page.files {
                println!("created {}", f.display());
            }
            if let Some(from) = &page.copied_from {
                println!(
                    "copied from {} as a draft: translate it, then remove the `draft: true` line",
                    from.display()
                );
            }
            ExitCode::SUCCESS
        }
        // A name that cannot be a page, or a language the site does not have, is a mistake on
        // the command line.
        Err(e) if e.kind() == std::io::ErrorKind::InvalidInput => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
        Err(e) => error(&e),
    }
}

fn init(dir: &Path) -> ExitCode {
    match keel::starter::write(dir) {
        Ok(()) => {
            println!(
                "Created a Keel site in {}. Next: keel build --root {}",
                dir.display(),
                dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => error(&e),
    }
}

/// A problem that stops a command before it could look at content.
fn error(e: &dyn std::fmt::Display) -> ExitCode {
    eprintln!("error: {e}");
    ExitCode::from(1)
}

fn warn_suffix(n: usize) -> String {
    match n {
        0 => String::new(),
        1 => ", 1 warning".into(),
        n => format!(", {n} warnings"),
    }
}

fn fail(root: &Path, diags: &[Diagnostic], what: &str) -> ExitCode {
    print_diagnostics(root, diags);
    let errors = diags.iter().filter(|d| d.is_error()).count();
    eprintln!(
        "{what}: {errors} error{}",
        if errors == 1 { "" } else { "s" }
    );
    ExitCode::from(1)
}

fn print_diagnostics(root: &Path, diags: &[Diagnostic]) {
    let mut sources = keel::paths::SourceLines::new(root);
    for d in diags {
        eprintln!("{}", sources.render(d));
    }
}

// Rendering makes and drops many small strings on every thread; mimalloc handles that pattern
// with less work per allocation than glibc's allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
