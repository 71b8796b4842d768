//! Where things are and where they go: the site's folders, which file names are sources, and the
//! output path of every page and print view. Every stage asks here, so a reserved name or a URL
//! scheme is decided in one place.

use std::path::{Component, Path, PathBuf};

/// The calendar file beside a routine page (`en/routines/weekly/routine.ics`).
pub const CALENDAR_FILE: &str = "routine.ics";

/// The content folder under the site root: `content/<lang>/<section>/<slug>.md`.
pub const CONTENT_DIR: &str = "content";
/// The themes folder under the site root: `themes/<name>/templates/`, `themes/<name>/static/`.
pub const THEMES_DIR: &str = "themes";
/// The folders of a site's sources: what `keel serve` watches and no output may go into.
pub const SOURCE_DIRS: [&str; 4] = [CONTENT_DIR, THEMES_DIR, I18N_DIR, STATIC_DIR];
/// Files copied to the output as they are: the site's `static/`, and a theme's.
pub const STATIC_DIR: &str = "static";
/// The folder of interface strings: `i18n/<code>.ftl`.
pub const I18N_DIR: &str = "i18n";
/// A section's (or a language's home) page: `_index.md`.
pub const INDEX: &str = "_index";
/// Folder name of the print views, under a page and under a language. Reserved in content.
pub const PRINT_DIR: &str = "print";

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

/// A file or folder name under `content/` that can be a URL as it is: a slug that may also hold
/// `_` (`payment_outage.md`, as many wikis and GitHub repositories name files).
pub fn is_valid_name(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        && s.len() <= 64
}

/// An id or translation key part: `a-z`, `0-9` and `-`, starting with a letter or digit, at most 64
/// bytes. Keeps URLs stable and output paths inside the folder.
pub fn is_valid_slug(s: &str) -> bool {
    is_valid_name(s) && !s.contains('_')
}

/// The theme folder `themes/<name>` under `root`.
pub fn theme_dir(root: &Path, theme: &str) -> PathBuf {
    root.join(THEMES_DIR).join(theme)
}

/// The output path of a page, relative to the output root: `he/crises/payment-outage/index.html`.
pub fn output_path(lang: &str, section: &str, slug: &str) -> String {
    match (section, slug) {
        ("", "") => format!("{lang}/index.html"),
        (s, "") => format!("{lang}/{s}/index.html"),
        ("", p) => format!("{lang}/{p}/index.html"),
        (s, p) => format!("{lang}/{s}/{p}/index.html"),
    }
}

/// `../../` from the folder of the output file `path` to the output root.
pub fn root_prefix(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// An output path without `index.html`, for absolute URLs.
pub fn pretty(path: &str) -> &str {
    path.trim_end_matches("index.html")
}

/// The print view under the page at output path `page` (`he/drills/x/print/index.html`), or
/// with `facilitator` a runbook's facilitator packet.
pub fn view_path(page: &str, facilitator: bool) -> String {
    let dir = pretty(page);
    if facilitator {
        format!("{dir}{PRINT_DIR}/facilitator/index.html")
    } else {
        format!("{dir}{PRINT_DIR}/index.html")
    }
}

/// A language's print bundle `name` (`he/print/drills/index.html`).
pub fn bundle_path(lang: &str, name: &str) -> String {
    format!("{lang}/{PRINT_DIR}/{name}/index.html")
}

/// Source files (keel.yaml, interface strings, templates, pages) larger than this are refused.
pub const MAX_SOURCE_BYTES: u64 = 4 << 20;

/// The bytes of a regular file of at most `limit` bytes; at most `limit + 1` bytes are ever
/// read, whatever the file claims its size is. A pipe or device is refused, never opened.
pub fn read_limited(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    use std::io::{Error, ErrorKind, Read as _};
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(Error::new(ErrorKind::InvalidInput, "not a regular file"));
    }
    let too_large = || {
        Error::new(
            ErrorKind::FileTooLarge,
            format!("larger than {} MB", limit >> 20),
        )
    };
    if meta.len() > limit {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)?
        .take(limit + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_large());
    }
    Ok(bytes)
}

/// [`read_limited`] for a UTF-8 text.
pub fn read_text_limited(path: &Path, limit: u64) -> std::io::Result<String> {
    String::from_utf8(read_limited(path, limit)?)
        .map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidData, "not valid UTF-8"))
}

/// The text of the file a diagnostic names, to show its line: only when it names a line, and
/// never more than [`MAX_SOURCE_BYTES`] (the file may be the gigabyte it complains about).
pub fn source_of(root: &Path, d: &crate::diagnostics::Diagnostic) -> Option<String> {
    if d.line == 0 {
        return None;
    }
    read_text_limited(&root.join(&d.file), MAX_SOURCE_BYTES).ok()
}

/// Renders diagnostics with their source lines, reading each file once and finding a line
/// without scanning the file again: diagnostics come sorted by file, and a file with many
/// problems would otherwise be read once per problem.
pub struct SourceLines<'r> {
    root: &'r Path,
    /// The file last read, its text (if it could be read) and where its lines start.
    current: Option<(PathBuf, Option<String>, Vec<usize>)>,
}

impl<'r> SourceLines<'r> {
    /// Source lines of the files under `root`.
    pub fn new(root: &'r Path) -> Self {
        SourceLines {
            root,
            current: None,
        }
    }

    /// `d` as text for the terminal, with its source line when there is one.
    pub fn render(&mut self, d: &crate::diagnostics::Diagnostic) -> String {
        if d.line == 0 {
            return d.render_line(None);
        }
        if self.current.as_ref().is_none_or(|(f, _, _)| *f != d.file) {
            let text = source_of(self.root, d);
            let starts = text.as_deref().map_or_else(Vec::new, |t| {
                std::iter::once(0)
                    .chain(memchr::memchr_iter(b'\n', t.as_bytes()).map(|i| i + 1))
                    .collect()
            });
            self.current = Some((d.file.clone(), text, starts));
        }
        let line = self.current.as_ref().and_then(|(_, text, starts)| {
            let text = text.as_deref()?;
            let start = *starts.get(d.line - 1)?;
            let end = starts.get(d.line).map_or(text.len(), |&e| e - 1);
            Some(text[start..end].trim_end_matches('\r'))
        });
        d.render_line(line)
    }
}

/// Is `rel` a plain relative path that stays inside the folder it is joined to?
pub fn is_contained(rel: &str) -> bool {
    !rel.is_empty()
        && Path::new(rel)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn paths_stay_inside() {
        assert!(is_contained("en/index.html"));
        assert!(!is_contained("../x"));
        assert!(!is_contained("/etc/passwd"));
        assert!(!is_contained("en/../../x"));
        assert!(!is_contained(""));
    }

    #[test]
    fn print_views_sit_under_their_page() {
        let page = output_path("he", "drills", "x");
        assert_eq!(page, "he/drills/x/index.html");
        assert_eq!(view_path(&page, false), "he/drills/x/print/index.html");
        assert_eq!(
            view_path(&page, true),
            "he/drills/x/print/facilitator/index.html"
        );
        assert_eq!(root_prefix(&page), "../../../");
    }
}
