//! Content discovery and parsing: walk `content/<lang>/<section>/` and read front matter and
//! YAML pages into typed models (strict: unknown keys are errors). Linking pages to each other
//! happens in `site`; checks that look at a page's fields together happen in `checks`.

mod date;
mod forms;
mod model;
mod parse;

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;
use walkdir::WalkDir;

pub use date::Date;
pub use forms::{
    Channel, ColumnSrc, FieldSrc, FieldType, MessageSrc, Part, PlaceholderSrc, RowsSrc, slots,
    template_parts,
};
pub use model::{
    IncidentSeverity, InjectSrc, LevelSrc, PageSrc, Recurrence, RoleSrc, StructuredKind, TermSrc,
};
pub use parse::{heading_title, parse_file};

use crate::diagnostics::{self, Diagnostic};
use crate::locale::{LangId, Locales};
use crate::paths::{CONTENT_DIR, is_ignored, is_valid_name};

/// How a content file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A `.md` file: YAML front matter and a Markdown body.
    Markdown,
    /// A `.yaml` or `.yml` file: a structured page.
    Yaml,
}

/// What kind of page a content file is, which decides its template and views.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PageKind {
    /// A language's home page (`content/<lang>/_index.md`).
    Home,
    /// A section page (`content/<lang>/<section>/_index.md`).
    Section,
    /// An ordinary Markdown page.
    Page,
    /// A structured page with `kind: checklist`.
    Checklist,
    /// A structured page with `kind: routine`: checklists whose state starts fresh each period.
    Routine,
    /// A structured page with `kind: runbook`: an incident runbook with a facilitator packet.
    Runbook,
    /// A structured page with `kind: severity`: the severity levels as a matrix.
    Severity,
    /// A structured page with `kind: messages`: message templates to fill in and copy.
    Messages,
    /// A structured page with `kind: form`: a working form to fill in.
    Form,
}

/// One parsed content file.
#[derive(Debug, Clone)]
pub struct SourcePage {
    /// The page's language.
    pub lang: LangId,
    /// `""` for pages at the top of a language (the home page).
    pub section: String,
    /// `""` for `_index` pages.
    pub slug: String,
    /// Relative to the site root, as shown in messages.
    pub file: PathBuf,
    /// The file's text; emptied by [`crate::Site::drop_sources`] once a build has loaded it.
    pub text: String,
    /// A hash of `text` (for the offline cache's version), kept when the text is dropped.
    pub text_hash: u64,
    /// No file behind it: a section or home page Keel made up.
    pub generated: bool,
    /// Whether the file is Markdown or YAML.
    pub format: Format,
    /// Byte offset of the Markdown body (Markdown pages).
    pub body_offset: usize,
    /// The front matter, or the whole YAML page.
    pub meta: PageSrc,
    /// What kind of page it is.
    pub kind: PageKind,
}

/// Is `c` a bidi embedding, override or isolate control (U+202A–U+202E, U+2066–U+2069)? In
/// content they only hide or reorder text ("Invoice \u{202E}fdp.exe"); Keel isolates text itself.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` without bidi controls (see [`is_bidi_control`]), borrowed when it has none.
pub fn without_bidi_controls(text: &str) -> std::borrow::Cow<'_, str> {
    // Every control is encoded as E2 80 AA–AE or E2 81 A6–A9.
    if !text.as_bytes().contains(&0xE2) || !text.chars().any(is_bidi_control) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(text.chars().filter(|&c| !is_bidi_control(c)).collect())
}

/// A stable, fast hash of a source text (the same on every run of the same Keel).
pub fn hash_text(text: &str) -> u64 {
    use std::hash::{BuildHasher as _, Hasher as _};
    let mut h = rustc_hash::FxBuildHasher.build_hasher();
    h.write(text.as_bytes());
    h.finish()
}

impl SourcePage {
    /// The path used by `@/` links and `related`: `""`, `crises/`, `crises/payment-outage`.
    pub fn content_path(&self) -> String {
        match (self.section.as_str(), self.slug.as_str()) {
            ("", "") => String::new(),
            (s, "") => format!("{s}/"),
            ("", p) => p.to_string(),
            (s, p) => format!("{s}/{p}"),
        }
    }

    /// What links translations: `translation_key`, else the content path.
    pub fn key(&self) -> String {
        self.meta
            .translation_key
            .clone()
            .unwrap_or_else(|| self.content_path())
    }

    /// The Markdown body after the front matter; empty for YAML pages.
    pub fn body(&self) -> &str {
        &self.text[self.body_offset..]
    }
}

/// A file beside the pages (an image, a PDF …), copied to the output at the same path below
/// `content/`: `content/en/drills/map.png` becomes `en/drills/map.png`.
#[derive(Debug, Clone)]
pub struct Asset {
    /// Its path in the output (and below `content/`), with `/` separators.
    pub path: String,
    /// Where it is on disk.
    pub file: PathBuf,
}

/// Find and parse every content file. Errors and warnings go to `diags`; the files that are not
/// pages go to `assets`.
pub fn load(
    root: &Path,
    locales: &Locales,
    drafts: bool,
    diags: &mut Vec<Diagnostic>,
    assets: &mut Vec<Asset>,
) -> Vec<SourcePage> {
    let content = root.join(CONTENT_DIR);
    if !content.is_dir() {
        diags.push(
            Diagnostic::error("no-content", CONTENT_DIR, "there is no content folder")
                .hint("create content/<lang>/_index.md, or start from `keel init DIR`"),
        );
        return Vec::new();
    }
    let found = discover(root, &content, locales, diags, assets);
    let results: Vec<(Option<SourcePage>, Vec<Diagnostic>)> = found
        .par_iter()
        .map(|(lang, path)| parse_file(root, &content, *lang, path))
        .collect();
    let mut pages = Vec::with_capacity(results.len());
    for (page, d) in results {
        diags.extend(d);
        if let Some(p) = page
            && (drafts || !p.meta.draft)
        {
            pages.push(p);
        }
    }
    pages
}

/// Walk `content/` for page files (language, path), reporting folders and files that cannot be
/// pages.
fn discover(
    root: &Path,
    content: &Path,
    locales: &Locales,
    diags: &mut Vec<Diagnostic>,
    assets: &mut Vec<Asset>,
) -> Vec<(LangId, PathBuf)> {
    let codes: Vec<&str> = locales.languages.iter().map(|l| l.code.as_str()).collect();
    let mut found = Vec::new();
    let walker = WalkDir::new(content)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy()));
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| rel(root, p))
                    .unwrap_or_else(|| PathBuf::from(CONTENT_DIR));
                diags.push(Diagnostic::error("io", path, format!("cannot read: {e}")));
                continue;
            }
        };
        if entry.file_type().is_dir() {
            if let Some(d) = check_folder(root, &entry, &codes) {
                diags.push(d);
            }
            continue;
        }
        match classify_file(root, content, &entry, locales) {
            Ok(Found::Page(lang, path)) => found.push((lang, path)),
            Ok(Found::Asset(path)) => assets.push(Asset {
                path,
                file: entry.path().to_path_buf(),
            }),
            Ok(Found::Nothing) => {}
            Err(d) => diags.push(d),
        }
    }
    found
}

/// A folder of `content/` that is not a language (depth 1) or a valid section (depth 2).
fn check_folder(root: &Path, entry: &walkdir::DirEntry, codes: &[&str]) -> Option<Diagnostic> {
    let shown = rel(root, entry.path());
    let name = entry.file_name().to_string_lossy().to_string();
    match entry.depth() {
        1 if !codes.contains(&name.as_str()) => {
            let d = Diagnostic::error(
                "unknown-language",
                &shown,
                format!("content folder `{name}` is not a language listed in keel.yaml"),
            );
            Some(
                match diagnostics::did_you_mean(&name, codes.iter().copied()) {
                    Some(best) => d.hint(format!(
                        "did you mean `{best}`? Or add `{name}` to `languages` in keel.yaml"
                    )),
                    None => d.hint(format!(
                        "add `{name}` to `languages` in keel.yaml, or rename the folder"
                    )),
                },
            )
        }
        d if d > MAX_SECTION_DEPTH + 1 => Some(
            Diagnostic::error(
                "nested-section",
                &shown,
                format!("sections nest at most {MAX_SECTION_DEPTH} folders deep"),
            )
            .hint("move these pages up: nobody finds a page six folders down during an incident"),
        ),
        d if d >= 2 && !is_valid_name(&name) => Some(
            Diagnostic::error(
                "bad-slug",
                &shown,
                format!("folder `{name}` is not a valid name"),
            )
            .hint("folder names become URLs: use lower-case a-z, 0-9, - and _, e.g. `crises`"),
        ),
        _ => None,
    }
}

/// What a file of `content/` is.
enum Found {
    /// A page to parse: its language and path.
    Page(LangId, PathBuf),
    /// A file to copy beside the pages: its path below `content/`.
    Asset(String),
    /// Nothing to do (its folder was reported, or it lies outside every language).
    Nothing,
}

/// The name of a page folder's page: `content/<lang>/<section>/<page>/index.md`. Beside other
/// pages it is instead the index of its folder, as in MkDocs.
pub const PAGE_FOLDER_INDEX: &str = "index.md";

/// How many folders deep sections may nest below a language (`content/en/a/b/c/d/page.md`).
pub const MAX_SECTION_DEPTH: usize = 4;

/// Whether `folder` (holding an `index.md`) is a page folder: no other page anywhere inside it.
/// Otherwise it is a section whose index is that `index.md`.
pub fn is_page_folder(folder: &Path) -> bool {
    let others = WalkDir::new(folder)
        .min_depth(1)
        .max_depth(MAX_SECTION_DEPTH + 1)
        .into_iter()
        .filter_entry(|e| !is_ignored(&e.file_name().to_string_lossy()))
        .filter_map(Result::ok)
        .any(|e| {
            let name = e.file_name().to_string_lossy();
            e.file_type().is_file()
                && !(e.depth() == 1 && name == PAGE_FOLDER_INDEX)
                && is_page_name(&name)
        });
    !others
}

fn is_page_name(name: &str) -> bool {
    name.ends_with(".md") || name.ends_with(".yaml") || name.ends_with(".yml")
}

/// A file of `content/`: a page, a file beside the pages, nothing, or a problem.
fn classify_file(
    root: &Path,
    content: &Path,
    entry: &walkdir::DirEntry,
    locales: &Locales,
) -> Result<Found, Diagnostic> {
    let path = entry.path();
    let shown = rel(root, path);
    let name = entry.file_name().to_string_lossy();
    let depth = entry.depth();
    if depth == 1 {
        return Err(Diagnostic::warning(
            "stray-file",
            &shown,
            "files directly under content/ are ignored",
        )
        .hint("put pages under content/<lang>/"));
    }
    if depth > MAX_SECTION_DEPTH + 2 {
        return Ok(Found::Nothing);
    }
    if entry.file_type().is_symlink() {
        check_symlink(root, path, &shown)?;
    }
    let parts: Vec<String> = path
        .strip_prefix(content)
        .map(|p| p.iter().map(|s| s.to_string_lossy().to_string()).collect())
        .unwrap_or_default();
    let Some(lang) = parts.first().and_then(|l| locales.index_of(l)) else {
        return Ok(Found::Nothing);
    };
    // Folders with bad names were reported when they were entered.
    if parts[1..parts.len() - 1].iter().any(|f| !is_valid_name(f)) {
        return Ok(Found::Nothing);
    }
    if is_page_name(&name) {
        return Ok(Found::Page(lang, path.to_path_buf()));
    }
    if !std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
        return Err(Diagnostic::error(
            "not-a-file",
            &shown,
            "not a regular file (a pipe, socket or device); never read",
        )
        .hint("remove it from content/"));
    }
    Ok(Found::Asset(parts.join("/")))
}

/// A symlinked page is read only when it points to a file inside the site: a link must not
/// publish (or quote in a message) a file from elsewhere on the machine.
fn check_symlink(root: &Path, path: &Path, shown: &Path) -> Result<(), Diagnostic> {
    let target = std::fs::canonicalize(path).map_err(|e| {
        Diagnostic::warning(
            "broken-symlink",
            shown,
            format!("symbolic link that leads nowhere ({e}); ignored"),
        )
        .hint("point the link at an existing file inside the site, or remove it")
    })?;
    let root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    if !target.starts_with(&root) {
        return Err(Diagnostic::error(
            "symlink-outside",
            shown,
            "symbolic link to a file outside the site folder; not read",
        )
        .hint("copy the file into the site instead of linking to it"));
    }
    if !target.is_file() {
        return Err(Diagnostic::warning(
            "broken-symlink",
            shown,
            "symbolic link to something that is not a file; ignored",
        )
        .hint("only files can be pages"));
    }
    Ok(())
}

fn rel(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}
