//! `keel import`: an MkDocs, Hugo or Zola site, or a plain folder of Markdown, written as a Keel
//! site (or as one more language of an existing one), with a report of what was mapped, what was
//! left out and what a person should look at. Each source kind makes a [`Plan`]; one writer
//! carries every plan out, never replacing a file it did not write unless told to, and the
//! result is checked with the same `keel check` as any site.

mod front;
mod links;
mod mkdocs;
mod tree;
mod write;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde_yaml::Mapping;

pub use write::Written;

/// The kind of site to bring over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    /// `mkdocs.yml` and `docs/`.
    Mkdocs,
    /// `hugo.toml` (or `config.toml`, `hugo.yaml`) and `content/`.
    Hugo,
    /// `config.toml` and `content/`, TOML front matter.
    Zola,
    /// A folder of Markdown files, as on GitHub.
    Markdown,
}

/// What to import and where.
#[derive(Debug, Clone)]
pub struct Options {
    /// The kind of source.
    pub kind: Kind,
    /// The source site's folder.
    pub src: PathBuf,
    /// The Keel site to write (created when it has no `keel.yaml`).
    pub into: PathBuf,
    /// The language of a single-language source (default: what the source says, else `en`).
    pub lang: Option<String>,
    /// Replace files that exist and differ.
    pub force: bool,
}

/// What the import has to write, made by one source kind.
#[derive(Debug, Default)]
pub struct Plan {
    /// The site title per language.
    pub titles: BTreeMap<String, String>,
    /// The languages, default first.
    pub languages: Vec<String>,
    /// The pages to write.
    pub pages: Vec<Page>,
    /// The other files to copy (images, PDFs …), by path below `content/`.
    pub files: Vec<(String, PathBuf)>,
    /// What the report says.
    pub notes: Vec<Note>,
}

/// One page to write.
#[derive(Debug)]
pub struct Page {
    /// Its path below `content/`: `en/during/payment-outage.md`.
    pub path: String,
    /// Its front matter, in Keel's keys.
    pub front: Mapping,
    /// Its Markdown body.
    pub body: String,
    /// Its title was made from the file name, for want of one: a navigation may give a better.
    pub named_after_file: bool,
}

/// One line of the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// What kind of line it is.
    pub kind: NoteKind,
    /// The source file, from the source folder.
    pub file: String,
    /// Its line (1-based).
    pub line: usize,
    /// What happened.
    pub what: String,
}

/// The kinds of report line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NoteKind {
    /// Something a person must look at.
    Check,
    /// Something left out on purpose (theme-only front matter …).
    Dropped,
    /// How something was brought over (a rename, an order from the navigation).
    Mapped,
}

impl Note {
    fn check(file: &str, line: usize, what: impl Into<String>) -> Note {
        Note::new(NoteKind::Check, file, line, what)
    }

    fn dropped(file: &str, line: usize, what: impl Into<String>) -> Note {
        Note::new(NoteKind::Dropped, file, line, what)
    }

    fn mapped(file: &str, line: usize, what: impl Into<String>) -> Note {
        Note::new(NoteKind::Mapped, file, line, what)
    }

    fn new(kind: NoteKind, file: &str, line: usize, what: impl Into<String>) -> Note {
        Note {
            kind,
            file: file.to_string(),
            line,
            what: what.into(),
        }
    }
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.kind {
            NoteKind::Check => "check",
            NoteKind::Dropped => "left out",
            NoteKind::Mapped => "mapped",
        };
        write!(f, "{}:{}: {label}: {}", self.file, self.line, self.what)
    }
}

/// Read the source and make its plan.
pub fn plan(opts: &Options) -> Result<Plan, String> {
    if !opts.src.is_dir() {
        return Err(format!("{} is not a folder", opts.src.display()));
    }
    let mut plan = match opts.kind {
        Kind::Mkdocs => mkdocs::plan(&opts.src, opts.lang.as_deref())?,
        Kind::Hugo => tree::plan(&opts.src, tree::Flavor::Hugo, opts.lang.as_deref())?,
        Kind::Zola => tree::plan(&opts.src, tree::Flavor::Zola, opts.lang.as_deref())?,
        Kind::Markdown => tree::plan(&opts.src, tree::Flavor::Markdown, opts.lang.as_deref())?,
    };
    plan.notes
        .sort_by(|a, b| (a.kind, &a.file, a.line).cmp(&(b.kind, &b.file, b.line)));
    Ok(plan)
}

/// Plan and write: what was written, kept and noted.
pub fn run(opts: &Options) -> Result<(Plan, Written), String> {
    let plan = plan(opts)?;
    let written = write::write(&plan, &opts.into, opts.force)?;
    Ok((plan, written))
}

/// A name as a Keel file or folder name: lower-case, spaces and other signs as `-`.
fn keel_name(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() || c == '_' || c == '.' {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// A source file's path with `/` separators, from the source folder.
fn rel(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}
