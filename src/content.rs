//! Content discovery and parsing: walk `content/<lang>/<section>/`, read front matter and YAML
//! pages into typed models (strict: unknown keys are errors), and validate what can be checked
//! within one file. Linking pages to each other happens in `site`.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Deserializer, Serialize};
use walkdir::WalkDir;

use crate::checklist::{self, ChecklistSrc};
use crate::diagnostics::{self, Diagnostic, Pos, locate_yaml_value};
use crate::locale::Locales;

pub const CONTENT_DIR: &str = "content";
pub const INDEX: &str = "_index";
/// Larger content files are refused rather than read (a page this size is a mistake).
pub const MAX_FILE_BYTES: u64 = 4 << 20;

/// Front matter of a Markdown page, or the whole of a YAML page. Keys that only make sense in a
/// structured page are optional so that one strict model serves both; `validate` rejects them in
/// Markdown.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PageSrc {
    pub title: String,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub weight: i64,
    #[serde(default)]
    pub draft: bool,
    /// Last real change, YYYY-MM-DD.
    #[serde(default)]
    #[schemars(with = "Option<DateSchema>")]
    pub updated: Option<Date>,
    /// When a person last checked the page is still right, YYYY-MM-DD.
    #[serde(default)]
    #[schemars(with = "Option<DateSchema>")]
    pub reviewed: Option<Date>,
    #[serde(default)]
    pub translation_key: Option<String>,
    #[serde(default)]
    pub related: Vec<String>,
    #[serde(default)]
    pub template: Option<String>,
    // Structured pages only.
    #[serde(default)]
    pub kind: Option<StructuredKind>,
    #[serde(default)]
    pub body: Option<String>,
    #[serde(default)]
    pub recurrence: Option<Recurrence>,
    #[serde(default)]
    pub severity: Option<Severity>,
    #[serde(default)]
    pub version: Option<String>,
    #[serde(default)]
    pub scenario: Option<String>,
    #[serde(default)]
    pub roles: Option<Vec<RoleSrc>>,
    #[serde(default)]
    pub checklists: Option<Vec<ChecklistSrc>>,
    #[serde(default)]
    pub injects: Option<Vec<InjectSrc>>,
    #[serde(default)]
    pub evaluation: Option<Vec<String>>,
    #[serde(default)]
    pub debrief: Option<Vec<String>>,
}

#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum StructuredKind {
    #[default]
    Checklist,
    Routine,
    Runbook,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Recurrence {
    Daily,
    Weekly,
    Monthly,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Low,
    Medium,
    High,
    Critical,
}

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleSrc {
    pub id: String,
    #[serde(default)]
    pub duty: Option<String>,
}

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InjectSrc {
    pub at: String,
    pub say: String,
    #[serde(default)]
    pub expect: Option<String>,
}

/// How a date looks in the JSON Schema: a string `YYYY-MM-DD`.
#[derive(schemars::JsonSchema)]
#[schemars(transparent)]
#[allow(dead_code)]
struct DateSchema(#[schemars(regex(pattern = r"^\d{4}-\d{2}-\d{2}$"))] String);

/// A calendar date written `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(into = "String")]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl std::str::FromStr for Date {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("`{s}` is not a date; write YYYY-MM-DD, e.g. 2026-11-20");
        let parts: Vec<&str> = s.split('-').collect();
        let [y, m, d] = parts.as_slice() else {
            return Err(bad());
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(bad());
        }
        let (year, month, day): (u16, u8, u8) = (
            y.parse().map_err(|_| bad())?,
            m.parse().map_err(|_| bad())?,
            d.parse().map_err(|_| bad())?,
        );
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return Err(bad());
        }
        Ok(Date { year, month, day })
    }
}

impl Date {
    /// Today (UTC), or `KEEL_TODAY` when set (`YYYY-MM-DD`), so checks that depend on the date
    /// can be reproduced.
    pub fn today() -> Date {
        if let Some(d) = std::env::var("KEEL_TODAY")
            .ok()
            .and_then(|t| t.parse().ok())
        {
            return d;
        }
        let days = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() / 86_400) as i64;
        // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
        Date { year, month, day }
    }

    /// The same day `months` later (clamped to the month's length).
    pub fn plus_months(self, months: u32) -> Date {
        let total = u32::from(self.month) - 1 + months;
        let year = self.year + (total / 12) as u16;
        let month = (total % 12 + 1) as u8;
        let max = days_in_month(year, month);
        Date {
            year,
            month,
            day: self.day.min(max),
        }
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 31,
    }
}

impl From<Date> for String {
    fn from(d: Date) -> String {
        format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        let s = String::deserialize(de)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Yaml,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PageKind {
    Home,
    Section,
    Page,
    Checklist,
    Routine,
    Runbook,
}

/// One parsed content file.
#[derive(Debug, Clone)]
pub struct SourcePage {
    pub lang: usize,
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
    pub format: Format,
    /// Byte offset of the Markdown body (Markdown pages).
    pub body_offset: usize,
    pub meta: PageSrc,
    pub kind: PageKind,
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

    pub fn body(&self) -> &str {
        &self.text[self.body_offset..]
    }
}

/// Is this file name one an editor or the OS leaves behind, or one we were told to skip?
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with('#')
        || [".swp", ".swx", ".tmp", ".bak", ".orig"]
            .iter()
            .any(|e| name.ends_with(e))
        || (name.starts_with('_') && name != "_index.md")
}

/// A slug or section name: `a-z`, `0-9`, `-`. Keeps URLs stable and output paths inside the folder.
pub fn is_valid_slug(s: &str) -> bool {
    checklist::is_valid_id(s)
}

/// Find and parse every content file. Errors and warnings go to `diags`.
pub fn load(
    root: &Path,
    locales: &Locales,
    drafts: bool,
    diags: &mut Vec<Diagnostic>,
) -> Vec<SourcePage> {
    let content = root.join(CONTENT_DIR);
    let mut found: Vec<(usize, PathBuf)> = Vec::new();
    let codes: Vec<&str> = locales.languages.iter().map(|l| l.code.as_str()).collect();
    if !content.is_dir() {
        diags.push(
            Diagnostic::error("no-content", CONTENT_DIR, "there is no content folder")
                .hint("create content/<lang>/_index.md, or start from `keel init DIR`"),
        );
        return Vec::new();
    }
    let walker = WalkDir::new(&content)
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
        let path = entry.path();
        let shown = rel(root, path);
        let name = entry.file_name().to_string_lossy().to_string();
        let depth = entry.depth();
        if entry.file_type().is_dir() {
            if depth == 1 && !codes.contains(&name.as_str()) {
                let mut d = Diagnostic::error(
                    "unknown-language",
                    &shown,
                    format!("content folder `{name}` is not a language listed in keel.yaml"),
                );
                d = match diagnostics::did_you_mean(&name, codes.iter().copied()) {
                    Some(best) => d.hint(format!(
                        "did you mean `{best}`? Or add `{name}` to `languages` in keel.yaml"
                    )),
                    None => d.hint(format!(
                        "add `{name}` to `languages` in keel.yaml, or rename the folder"
                    )),
                };
                diags.push(d);
            } else if depth == 2 && !is_valid_slug(&name) {
                diags.push(
                    Diagnostic::error(
                        "bad-slug",
                        &shown,
                        format!("section folder `{name}` is not a valid name"),
                    )
                    .hint("use lower-case a-z, 0-9 and -, e.g. `crises`"),
                );
            } else if depth > 2 {
                diags.push(
                    Diagnostic::error("nested-section", &shown, "sections are one level deep")
                        .hint("move the pages up to content/<lang>/<section>/"),
                );
            }
            continue;
        }
        if depth == 1 {
            diags.push(
                Diagnostic::warning(
                    "stray-file",
                    &shown,
                    "files directly under content/ are ignored",
                )
                .hint("put pages under content/<lang>/"),
            );
            continue;
        }
        if depth > 3 || entry.file_type().is_symlink() && !path.is_file() {
            continue;
        }
        let lang_dir = path
            .strip_prefix(&content)
            .ok()
            .and_then(|p| p.iter().next())
            .map(|s| s.to_string_lossy().to_string());
        let Some(lang) = lang_dir.and_then(|l| locales.index_of(&l)) else {
            continue;
        };
        if depth == 3 {
            let section = path
                .parent()
                .and_then(|p| p.file_name())
                .map(|s| s.to_string_lossy().to_string())
                .unwrap_or_default();
            if !is_valid_slug(&section) {
                continue;
            }
        }
        if name.ends_with(".md") || name.ends_with(".yaml") || name.ends_with(".yml") {
            found.push((lang, path.to_path_buf()));
        } else {
            diags.push(
                Diagnostic::warning(
                    "stray-file",
                    &shown,
                    "not a content file (.md or .yaml); ignored",
                )
                .hint("only Markdown and YAML pages are read from content/"),
            );
        }
    }
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

fn rel(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// Read and parse one file; never panics, whatever the bytes.
pub fn parse_file(
    root: &Path,
    content: &Path,
    lang: usize,
    path: &Path,
) -> (Option<SourcePage>, Vec<Diagnostic>) {
    let file = rel(root, path);
    if std::fs::metadata(path).is_ok_and(|m| m.len() > MAX_FILE_BYTES) {
        return (
            None,
            vec![
                Diagnostic::error(
                    "file-too-large",
                    &file,
                    format!("file is larger than {} MB", MAX_FILE_BYTES >> 20),
                )
                .hint("split the page; a playbook page should be short"),
            ],
        );
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            return (
                None,
                vec![
                    Diagnostic::error("io", &file, format!("cannot read: {e}"))
                        .hint("the file vanished or is not readable"),
                ],
            );
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let pos = Pos::of_offset(
                &String::from_utf8_lossy(e.as_bytes()),
                e.utf8_error().valid_up_to(),
            );
            return (
                None,
                vec![
                    Diagnostic::error("not-utf8", &file, "file is not valid UTF-8")
                        .at(pos)
                        .hint("save the file as UTF-8"),
                ],
            );
        }
    };
    let rel_parts: Vec<String> = path
        .strip_prefix(content)
        .map(|p| p.iter().map(|s| s.to_string_lossy().to_string()).collect())
        .unwrap_or_default();
    let (section, name) = match rel_parts.as_slice() {
        [_, name] => (String::new(), name.clone()),
        [_, section, name] => (section.clone(), name.clone()),
        _ => return (None, vec![]),
    };
    let (stem, format) = if let Some(s) = name.strip_suffix(".md") {
        (s.to_string(), Format::Markdown)
    } else {
        let s = name.trim_end_matches(".yaml").trim_end_matches(".yml");
        (s.to_string(), Format::Yaml)
    };
    let mut diags = Vec::new();
    let slug = if stem == INDEX {
        String::new()
    } else {
        stem.clone()
    };
    if section == crate::print::PRINT_DIR || (section.is_empty() && slug == crate::print::PRINT_DIR)
    {
        diags.push(
            Diagnostic::error(
                "reserved-name",
                &file,
                format!("`{}` is reserved for print views", crate::print::PRINT_DIR),
            )
            .hint("rename the page or section"),
        );
        return (None, diags);
    }
    if !slug.is_empty() && !is_valid_slug(&slug) {
        diags.push(
            Diagnostic::error(
                "bad-slug",
                &file,
                format!("`{stem}` is not a valid page name"),
            )
            .hint("file names become URLs: use lower-case a-z, 0-9 and -, e.g. payment-outage.md"),
        );
        return (None, diags);
    }
    if stem == INDEX && format == Format::Yaml {
        diags.push(
            Diagnostic::error("bad-slug", &file, "section pages are `_index.md`")
                .hint("rename the file to _index.md"),
        );
        return (None, diags);
    }
    let (yaml, line_offset, body_offset) = match format {
        Format::Yaml => (text.as_str(), 0, text.len()),
        Format::Markdown => match split_front_matter(&text) {
            Some(parts) => parts,
            None => {
                diags.push(
                    Diagnostic::error(
                        "no-front-matter",
                        &file,
                        "a Markdown page must start with front matter between `---` lines",
                    )
                    .at(Pos::new(1, 1))
                    .hint("start the file with ---, a line `title: …`, and ---"),
                );
                return (None, diags);
            }
        },
    };
    let meta: PageSrc = match serde_yaml::from_str(yaml) {
        Ok(m) => m,
        Err(e) => {
            diags.push(diagnostics::from_yaml_error(&e, &file, line_offset));
            return (None, diags);
        }
    };
    let kind = match (format, section.is_empty(), slug.is_empty()) {
        (Format::Markdown, true, true) => PageKind::Home,
        (Format::Markdown, false, true) => PageKind::Section,
        (Format::Markdown, _, false) => PageKind::Page,
        (Format::Yaml, _, _) => match meta.kind.unwrap_or_default() {
            StructuredKind::Checklist => PageKind::Checklist,
            StructuredKind::Routine => PageKind::Routine,
            StructuredKind::Runbook => PageKind::Runbook,
        },
    };
    let page = SourcePage {
        lang,
        section,
        slug,
        file: file.clone(),
        text_hash: hash_text(&text),
        text,
        generated: false,
        format,
        body_offset,
        meta,
        kind,
    };
    validate(&page, &mut diags);
    (Some(page), diags)
}

/// Split `---\nyaml\n---\nbody` into (yaml, lines before yaml, body offset).
fn split_front_matter(text: &str) -> Option<(&str, usize, usize)> {
    let start = if text.starts_with("---\n") {
        4
    } else if text.starts_with("---\r\n") {
        5
    } else {
        return None;
    };
    let mut offset = start;
    for line in text[start..].split_inclusive('\n') {
        let l = line.trim_end_matches(['\n', '\r']);
        if l == "---" || l == "..." {
            return Some((&text[start..offset], 1, offset + line.len()));
        }
        offset += line.len();
    }
    None
}

fn validate(page: &SourcePage, diags: &mut Vec<Diagnostic>) {
    let m = &page.meta;
    let file = &page.file;
    let text = &page.text;
    let at_key = |key: &str| {
        text.lines()
            .position(|l| l.starts_with(&format!("{key}:")))
            .map(|n| Pos::new(n + 1, 1))
            .unwrap_or_default()
    };
    if m.title.trim().is_empty() {
        diags.push(
            Diagnostic::error("empty-title", file, "`title` is empty")
                .at(at_key("title"))
                .hint("give the page a title"),
        );
    }
    if let Some(key) = &m.translation_key
        && !is_valid_slug(&key.replace('/', "-"))
    {
        diags.push(
            Diagnostic::error(
                "bad-id",
                file,
                format!("translation_key `{key}` must use a-z, 0-9, - and /"),
            )
            .at(at_key("translation_key")),
        );
    }
    let structured_only: [(&str, bool); 11] = [
        ("kind", m.kind.is_some()),
        ("body", m.body.is_some()),
        ("recurrence", m.recurrence.is_some()),
        ("severity", m.severity.is_some()),
        ("version", m.version.is_some()),
        ("scenario", m.scenario.is_some()),
        ("roles", m.roles.is_some()),
        ("checklists", m.checklists.is_some()),
        ("injects", m.injects.is_some()),
        ("evaluation", m.evaluation.is_some()),
        ("debrief", m.debrief.is_some()),
    ];
    if page.format == Format::Markdown {
        for (key, present) in structured_only {
            if present {
                diags.push(
                    Diagnostic::error("misplaced-key", file, format!("`{key}` belongs in a structured (.yaml) page"))
                        .at(at_key(key).shifted(0))
                        .hint("write checklists in Markdown as task lists, or move the page to a .yaml file"),
                );
            }
        }
        return;
    }
    let runbook_only = [
        "severity",
        "version",
        "scenario",
        "roles",
        "injects",
        "evaluation",
        "debrief",
    ];
    for (key, present) in structured_only {
        if !present {
            continue;
        }
        let wrong = (runbook_only.contains(&key) && page.kind != PageKind::Runbook)
            || (key == "recurrence" && page.kind != PageKind::Routine);
        if wrong {
            let needs = if key == "recurrence" {
                "routine"
            } else {
                "runbook"
            };
            diags.push(
                Diagnostic::error(
                    "misplaced-key",
                    file,
                    format!("`{key}` is only used in pages with `kind: {needs}`"),
                )
                .at(at_key(key))
                .hint(format!("set `kind: {needs}` or remove `{key}`")),
            );
        }
    }
    if page.kind == PageKind::Routine && m.recurrence.is_none() {
        diags.push(
            Diagnostic::error("missing-key", file, "a routine needs `recurrence`")
                .at(at_key("kind"))
                .hint("add `recurrence: daily`, `weekly` or `monthly`"),
        );
    }
    let mut ids = checklist::IdSet::default();
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut check_id = |id: &str, what: &str, diags: &mut Vec<Diagnostic>| {
        let nth = *seen
            .entry(id.to_string())
            .and_modify(|n| *n += 1)
            .or_insert(0);
        // Found only for an error: this runs for every id of every page.
        let pos = || locate_yaml_value(text, "id", id, nth).unwrap_or_default();
        if !checklist::is_valid_id(id) {
            diags.push(
                Diagnostic::error("bad-id", file, format!("{what} id `{id}` is not valid"))
                    .at(pos())
                    .hint("use lower-case a-z, 0-9 and -, e.g. call-carrier"),
            );
        } else if !ids.insert(id) {
            diags.push(
                Diagnostic::error("duplicate-id", file, format!("id `{id}` is used twice in this page"))
                    .at(pos())
                    .hint("checklist and item ids must be unique within a page; keep them the same in every language"),
            );
        }
    };
    for c in m.checklists.iter().flatten() {
        check_id(&c.id, "checklist", diags);
        if c.items.is_empty() {
            diags.push(
                Diagnostic::error(
                    "empty-checklist",
                    file,
                    format!("checklist `{}` has no items", c.id),
                )
                .at(locate_yaml_value(text, "id", &c.id, 0).unwrap_or_default()),
            );
        }
        for item in &c.items {
            check_id(&item.id, "item", diags);
            if let Some(due) = &item.due
                && checklist::parse_due(due).is_none()
            {
                diags.push(
                    Diagnostic::error("bad-due", file, format!("`{due}` is not a time target"))
                        .at(locate_yaml_value(text, "due", due, 0).unwrap_or_default())
                        .hint("write T+0, T+15m, T+2h or T+1d"),
                );
            }
        }
    }
    for role in m.roles.iter().flatten() {
        if !checklist::is_valid_id(&role.id) {
            diags.push(
                Diagnostic::error(
                    "bad-id",
                    file,
                    format!("role id `{}` is not valid", role.id),
                )
                .at(locate_yaml_value(text, "id", &role.id, 0).unwrap_or_default())
                .hint("use a role id such as il, comms, tech, cs, log, fin, scribe"),
            );
        }
    }
    for inject in m.injects.iter().flatten() {
        if checklist::parse_due(&inject.at).is_none() {
            diags.push(
                Diagnostic::error(
                    "bad-due",
                    file,
                    format!("`{}` is not a time target", inject.at),
                )
                .at(locate_yaml_value(text, "at", &inject.at, 0).unwrap_or_default())
                .hint("write T+0, T+15m, T+2h or T+1d"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert!("2026-02-29".parse::<Date>().is_err());
        assert!("2024-02-29".parse::<Date>().is_ok());
        assert!("2026-13-01".parse::<Date>().is_err());
        assert!("26-1-1".parse::<Date>().is_err());
        assert_eq!(
            String::from("2026-11-20".parse::<Date>().unwrap()),
            "2026-11-20"
        );
    }

    #[test]
    fn front_matter_is_split() {
        let t = "---\ntitle: x\n---\nbody\n";
        let (yaml, lines, body) = split_front_matter(t).unwrap();
        assert_eq!(yaml, "title: x\n");
        assert_eq!(lines, 1);
        assert_eq!(&t[body..], "body\n");
        assert!(split_front_matter("title: x\n").is_none());
        assert!(split_front_matter("---\ntitle: x\n").is_none());
    }

    #[test]
    fn editor_files_are_ignored() {
        for n in [
            ".page.md.swp",
            "page.md~",
            "#page.md#",
            ".DS_Store",
            "_draft.md",
            "x.tmp",
        ] {
            assert!(is_ignored(n), "{n}");
        }
        assert!(!is_ignored("_index.md"));
        assert!(!is_ignored("page.md"));
    }
}
