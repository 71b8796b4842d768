//! One `Diagnostic` type for every stage: severity, code, file, line, column, message, hint.
//! Stages collect diagnostics instead of stopping at the first; `build`, `check` and `serve` render
//! the same list for people (text) or tools (JSON).

use std::fmt;
use std::path::PathBuf;

use serde::Serialize;

mod yaml;
pub use yaml::{alias_pos, from_yaml_error, key_pos, locate_yaml_value};

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A problem that makes the build fail.
    Error,
    /// A problem that is reported but does not stop the build.
    Warning,
}

/// One problem found in the site: what, where, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Stable, documented code such as `yaml-syntax` or `unknown-key`.
    pub code: &'static str,
    /// Path as shown to the user (relative to the site root where possible).
    pub file: PathBuf,
    /// 1-based; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based, counted in characters; 0 when unknown.
    pub column: usize,
    /// What is wrong.
    pub message: String,
    /// How to fix it, when known.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error about `file`, with no position or hint yet.
    pub fn error(code: &'static str, file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            file: file.into(),
            line: 0,
            column: 0,
            message: message.into(),
            hint: None,
        }
    }

    /// A warning about `file`, with no position or hint yet.
    pub fn warning(
        code: &'static str,
        file: impl Into<PathBuf>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, file, message)
        }
    }

    /// Set the line and column.
    pub fn at(mut self, pos: Pos) -> Self {
        self.line = pos.line;
        self.column = pos.column;
        self
    }

    /// Add a hint on how to fix the problem.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Whether this is an error rather than a warning.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Compiler-style text: the location, the message, the source line with a marker, the hint.
    /// `source` is the file's text when it is at hand.
    pub fn render(&self, source: Option<&str>) -> String {
        self.render_line(
            source
                .filter(|_| self.line > 0)
                .and_then(|s| s.lines().nth(self.line - 1)),
        )
    }

    /// [`render`](Self::render) with the source line itself at hand. A long line is shown as a
    /// window around the column, so a minified file does not fill the terminal.
    pub fn render_line(&self, line: Option<&str>) -> String {
        let mut out = format!("{self}\n");
        if let Some(line) = line.filter(|_| self.line > 0) {
            let (shown, column) = window(line, self.column);
            let number = self.line.to_string();
            let pad = " ".repeat(number.len());
            out.push_str(&format!("{pad} |\n{number} | {shown}\n"));
            if column > 0 {
                let marker: String = shown
                    .chars()
                    .take(column - 1)
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                out.push_str(&format!("{pad} | {marker}^\n"));
            }
        }
        if let Some(hint) = &self.hint {
            out.push_str(&format!("  = hint: {hint}\n"));
        }
        // Names and messages may quote a file name with escape sequences: keep them inert.
        if out
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t')
        {
            out = out
                .chars()
                .flat_map(|c| match c {
                    '\n' | '\t' => vec![c],
                    c if c.is_control() => c.escape_default().collect(),
                    c => vec![c],
                })
                .collect();
        }
        out
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A file name may hold escape sequences or newlines: never hand them to the terminal.
        let file: String = self
            .file
            .display()
            .to_string()
            .chars()
            .flat_map(|c| {
                let escaped: Vec<char> = if c.is_control() {
                    c.escape_default().collect()
                } else {
                    vec![c]
                };
                escaped
            })
            .collect();
        match (self.line, self.column) {
            (0, _) => write!(f, "{file}: ")?,
            (l, 0) => write!(f, "{file}:{l}: ")?,
            (l, c) => write!(f, "{file}:{l}:{c}: ")?,
        }
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{severity}[{}]: {}", self.code, self.message)
    }
}

/// A position in a file, 1-based.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pos {
    /// The line, from 1.
    pub line: usize,
    /// The column, from 1, counted in characters.
    pub column: usize,
}

impl Pos {
    /// A position from its line and column.
    pub fn new(line: usize, column: usize) -> Self {
        Pos { line, column }
    }

    /// Position of a byte offset in `text`.
    pub fn of_offset(text: &str, offset: usize) -> Self {
        let offset = offset.min(text.len());
        let before = &text[..floor_char_boundary(text, offset)];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        Pos::new(line, before[line_start..].chars().count() + 1)
    }

    /// `of_offset` for a text whose line starts (`0` and every offset after a `\n`) are known.
    pub fn in_lines(text: &str, line_starts: &[usize], offset: usize) -> Self {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = line_starts.partition_point(|&s| s <= offset).max(1);
        let start = line_starts.get(line - 1).copied().unwrap_or(0).min(offset);
        Pos::new(line, text[start..offset].chars().count() + 1)
    }

    /// The same position seen from a text that starts `lines` lines further down.
    pub fn shifted(self, lines: usize) -> Self {
        Pos::new(self.line + lines, self.column)
    }
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Where `needle` stands in `text` for the `nth` time (0-based), if at all.
/// Used for problems found after parsing, when the parser has no spans left (a duplicate id, a tag
/// that does not parse): the value's text in the file is where the editor has to look.
pub fn locate(text: &str, needle: &str, nth: usize) -> Option<Pos> {
    text.match_indices(needle)
        .nth(nth)
        .map(|(i, _)| Pos::of_offset(text, i))
}

/// The closest candidate to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// At most this many characters of a source line are shown under a message.
const SHOWN_CHARS: usize = 120;

/// The part of `line` shown around `column` (1-based, in characters), and the column in it.
fn window(line: &str, column: usize) -> (std::borrow::Cow<'_, str>, usize) {
    if line.len() <= SHOWN_CHARS {
        return (line.into(), column);
    }
    let total = line.chars().count();
    if total <= SHOWN_CHARS {
        return (line.into(), column);
    }
    let start = column
        .saturating_sub(1 + SHOWN_CHARS / 2)
        .min(total - SHOWN_CHARS);
    let end = start + SHOWN_CHARS;
    let mut shown = String::new();
    if start > 0 {
        shown.push('…');
    }
    shown.extend(line.chars().skip(start).take(SHOWN_CHARS));
    if end < total {
        shown.push('…');
    }
    let column = if column == 0 {
        0
    } else {
        column - start + usize::from(start > 0)
    };
    (shown.into(), column)
}

/// One file reports at most this many problems of one kind; the rest are counted in one more.
/// A generated page with a hundred thousand `onclick`s needs the first few and the number, not
/// a hundred thousand messages (each printing its source line).
pub const MAX_REPEATS: usize = 20;

/// Sort by file, then position, errors first at the same spot; drop exact repeats, and keep
/// [`MAX_REPEATS`] of one code and severity per file, with a last one saying how many more.
pub fn sort(diags: &mut Vec<Diagnostic>) {
    diags.sort_by(|a, b| {
        (&a.file, a.line, a.column, a.severity, &a.message)
            .cmp(&(&b.file, b.line, b.column, b.severity, &b.message))
    });
    diags.dedup();
    cap_repeats(diags);
}

fn cap_repeats(diags: &mut Vec<Diagnostic>) {
    let mut seen: std::collections::HashMap<(PathBuf, &'static str, Severity), usize> =
        std::collections::HashMap::new();
    for d in diags.iter() {
        *seen
            .entry((d.file.clone(), d.code, d.severity))
            .or_default() += 1;
    }
    if seen.values().all(|&n| n <= MAX_REPEATS) {
        return;
    }
    let mut kept = std::collections::HashMap::new();
    diags.retain_mut(|d| {
        let key = (d.file.clone(), d.code, d.severity);
        let total = seen[&key];
        let n = kept.entry(key).or_insert(0usize);
        *n += 1;
        if *n == MAX_REPEATS + 1 {
            // Stands for the rest, at the first of them.
            d.message = format!("and {} more like this in this file", total - MAX_REPEATS);
            d.hint = Some("the first ones are shown above; fix those and look again".into());
        }
        *n <= MAX_REPEATS + 1
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_line_is_shown_around_the_column() {
        let line = format!("{}<b onclick=x>{}", "a".repeat(5000), "z".repeat(5000));
        let d = Diagnostic::warning("html-removed", "a.md", "x").at(Pos::new(1, 5004));
        let out = d.render_line(Some(&line));
        let shown = out.lines().nth(2).unwrap();
        assert!(
            shown.starts_with("1 | …a") && shown.ends_with("z…"),
            "{shown}"
        );
        assert!(shown.chars().count() < 130);
        let marker = out.lines().nth(3).unwrap();
        let col = marker.chars().count() - 4;
        assert_eq!(shown.chars().nth(3 + col), Some('o'), "{shown}\n{marker}");
    }

    #[test]
    fn a_flood_of_one_kind_is_summed_up() {
        let mut diags: Vec<Diagnostic> = (1..=500)
            .map(|n| {
                Diagnostic::warning("html-removed", "a.md", format!("n{n}")).at(Pos::new(n, 1))
            })
            .chain([Diagnostic::error("broken-link", "a.md", "x").at(Pos::new(3, 1))])
            .collect();
        sort(&mut diags);
        assert_eq!(diags.len(), MAX_REPEATS + 2);
        let last = diags.last().unwrap();
        assert_eq!(
            (last.line, last.message.as_str()),
            (21, "and 480 more like this in this file")
        );
        assert!(diags.iter().any(|d| d.code == "broken-link"));
    }

    #[test]
    fn offsets_become_positions() {
        let text = "ab\ncdé\nf";
        assert_eq!(Pos::of_offset(text, 0), Pos::new(1, 1));
        assert_eq!(Pos::of_offset(text, 3), Pos::new(2, 1));
        assert_eq!(Pos::of_offset(text, 8), Pos::new(3, 1));
        assert_eq!(Pos::of_offset(text, 6), Pos::new(2, 3));
        let starts = [0, 3, 8];
        for offset in 0..=text.len() + 2 {
            assert_eq!(
                Pos::in_lines(text, &starts, offset),
                Pos::of_offset(text, offset),
                "{offset}"
            );
        }
    }

    #[test]
    fn suggestions_pick_the_closest_key() {
        assert_eq!(did_you_mean("titel", ["title", "summary"]), Some("title"));
        assert_eq!(did_you_mean("zzz", ["title", "summary"]), None);
    }

    #[test]
    fn render_marks_the_column() {
        let d = Diagnostic::error("x", "a.md", "bad")
            .at(Pos::new(2, 3))
            .hint("fix it");
        let out = d.render(Some("one\ntwo three\n"));
        assert!(out.starts_with("a.md:2:3: error[x]: bad\n"));
        assert!(out.contains("2 | two three\n  |   ^\n"));
        assert!(out.contains("hint: fix it"));
    }
}
