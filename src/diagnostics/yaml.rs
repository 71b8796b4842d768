//! Positions in YAML texts. serde_yaml keeps no spans once a value is parsed, so problems found
//! after parsing (a bad id, a key in the wrong kind of page) are placed by finding the key or the
//! value in the text again: the place an editor has to look.

use std::path::Path;

use super::{Diagnostic, Pos, did_you_mean, locate};

/// Where the first alias (`*name`) of a YAML text stands, if it has one. Content may not use
/// aliases: each one copies its anchor's value, so a page of a megabyte with a few thousand of
/// them would take gigabytes to load. A text without `&` defines no anchor, so it is not parsed
/// here (an alias without an anchor is serde_yaml's error to report).
pub fn alias_pos(yaml: &str) -> Option<Pos> {
    if !yaml.as_bytes().contains(&b'&') {
        return None;
    }
    for event in saphyr_parser::Parser::new_from_str(yaml) {
        match event {
            Ok((saphyr_parser::Event::Alias(_), span)) => {
                return Some(Pos::new(span.start.line(), span.start.col() + 1));
            }
            Ok(_) => {}
            Err(_) => return None,
        }
    }
    None
}

/// Where the key at `path` is written in a YAML text: `["reviewed"]`, or
/// `["checklists", "1", "items", "0", "due"]` (numbers index sequences). The text may be a
/// Markdown page, whose front matter ends at its second `---` line. Block style only; a path that
/// cannot be followed to its end gives the position of the deepest part found, or `Pos::default()`.
pub fn key_pos(text: &str, path: &[&str]) -> Pos {
    let lines: Vec<&str> = front_matter_lines(text);
    let mut scope = 0..lines.len();
    let mut found = Pos::default();
    for seg in path {
        let hit = match seg.parse::<usize>() {
            Ok(n) => nth_item(&lines, scope.clone(), n),
            Err(_) => key_in(&lines, scope.clone(), seg),
        };
        let Some((line, col)) = hit else {
            break;
        };
        found = Pos::new(line + 1, col + 1);
        // An item's first key is on its dash line; a key's children start below it.
        let from = if lines[line][col..].starts_with('-') {
            line
        } else {
            line + 1
        };
        scope = from..block_end(&lines, line, col);
    }
    found
}

/// The lines of `text` that can hold YAML keys: all of a YAML page, the front matter of a
/// Markdown page (its `---` lines kept blank so line numbers stay right).
fn front_matter_lines(text: &str) -> Vec<&str> {
    let mut lines: Vec<&str> = text.lines().collect();
    if lines.first().is_some_and(|l| l.trim_end() == "---") {
        lines[0] = "";
        if let Some(end) = lines
            .iter()
            .skip(1)
            .position(|l| matches!(l.trim_end(), "---" | "..."))
        {
            lines.truncate(end + 1);
        }
    }
    lines
}

/// Column where a line's content starts, a sequence dash counting as indentation.
fn content_col(line: &str) -> usize {
    let indent = line.len() - line.trim_start().len();
    let rest = &line[indent..];
    match rest.strip_prefix("- ") {
        Some(r) => indent + 2 + (r.len() - r.trim_start().len()),
        None => indent,
    }
}

fn is_blank(line: &str) -> bool {
    let t = line.trim_start();
    t.is_empty() || t.starts_with('#')
}

/// The first line (from `scope`) whose content is `key:` at the scope's outermost column.
fn key_in(lines: &[&str], scope: std::ops::Range<usize>, key: &str) -> Option<(usize, usize)> {
    let mut outer: Option<usize> = None;
    for n in scope {
        let line = lines[n];
        if is_blank(line) {
            continue;
        }
        let col = content_col(line);
        let outer = *outer.get_or_insert(col);
        if col == outer && line[col..].starts_with(key) && line[col + key.len()..].starts_with(':')
        {
            return Some((n, col));
        }
    }
    None
}

/// The `n`-th `- ` item of the outermost sequence in `scope`: its line and the dash's column.
fn nth_item(lines: &[&str], scope: std::ops::Range<usize>, n: usize) -> Option<(usize, usize)> {
    let mut dash_col: Option<usize> = None;
    let mut seen = 0;
    for i in scope {
        let line = lines[i];
        let indent = line.len() - line.trim_start().len();
        if is_blank(line) || !line[indent..].starts_with('-') {
            continue;
        }
        if *dash_col.get_or_insert(indent) != indent {
            continue;
        }
        if seen == n {
            return Some((i, indent));
        }
        seen += 1;
    }
    None
}

/// The line after the block that starts at `line` with its key or dash at `col`.
fn block_end(lines: &[&str], line: usize, col: usize) -> usize {
    let dash = lines[line][col..].starts_with('-');
    for (i, l) in lines.iter().enumerate().skip(line + 1) {
        if is_blank(l) {
            continue;
        }
        let indent = l.len() - l.trim_start().len();
        // An item ends at anything as far left as its dash; a key's sequence may sit at its column.
        let ends = if dash {
            indent <= col
        } else {
            indent < col || (indent == col && !l[indent..].starts_with('-'))
        };
        if ends {
            return i;
        }
    }
    lines.len()
}

/// Position of a YAML key with this value (`id: x`, `- id: x`, `code: "x"` …), else of the value.
pub fn locate_yaml_value(text: &str, key: &str, value: &str, nth: usize) -> Option<Pos> {
    let mut found = 0;
    for (n, line) in text.lines().enumerate() {
        let trimmed = line.trim_start().trim_start_matches("- ").trim_start();
        let Some(rest) = trimmed.strip_prefix(key) else {
            continue;
        };
        let Some(rest) = rest.trim_start().strip_prefix(':') else {
            continue;
        };
        let v = rest.trim().trim_matches(|c| c == '"' || c == '\'');
        if v == value {
            if found == nth {
                let col = line
                    .find(value)
                    .map_or(1, |i| line[..i].chars().count() + 1);
                return Some(Pos::new(n + 1, col));
            }
            found += 1;
        }
    }
    locate(text, value, nth)
}

/// A quote, `[` or `{` never closed: the parser notices only where the text ends or the next
/// key starts, often many lines below, but names where the value began. Point there.
fn unclosed(raw: &str, file: &Path, line_offset: usize) -> Option<Diagnostic> {
    const KINDS: [(&str, &str, &str); 3] = [
        (
            ", while scanning a quoted scalar at line ",
            "a quoted value is never closed",
            "end the value with the quote mark it starts with, on the same line, or drop the quotes",
        ),
        (
            ", while parsing a flow sequence at line ",
            "a `[` list is never closed",
            "end the list with `]`, or write one `- item` per line",
        ),
        (
            ", while parsing a flow mapping at line ",
            "a `{` mapping is never closed",
            "end it with `}`, or write one `key: value` per line",
        ),
    ];
    let (at, what, hint) = KINDS
        .iter()
        .find_map(|&(marker, what, hint)| raw.split_once(marker).map(|(_, at)| (at, what, hint)))?;
    let (line, column) = at.split_once(" column ")?;
    let line: usize = line.trim().parse().ok()?;
    let column: usize = column.trim().parse().ok()?;
    Some(
        Diagnostic::error("yaml-syntax", file, what)
            .at(Pos::new(line, column).shifted(line_offset))
            .hint(hint),
    )
}

/// Turn a serde_yaml error into a diagnostic positioned in the file. `line_offset` is the number
/// of lines before the YAML text inside the file (front matter starts after its `---`).
pub fn from_yaml_error(err: &serde_yaml::Error, file: &Path, line_offset: usize) -> Diagnostic {
    let pos = err
        .location()
        .map(|l| Pos::new(l.line(), l.column()).shifted(line_offset))
        .unwrap_or_default();
    let raw = err.to_string();
    if let Some(d) = unclosed(&raw, file, line_offset) {
        return d;
    }
    // serde_yaml appends " at line L column C"; we print the position ourselves.
    let text = raw.split(" at line ").next().unwrap_or(&raw).to_string();
    if let Some((field, expected)) = parse_unknown_field(&text) {
        let mut d =
            Diagnostic::error("unknown-key", file, format!("unknown key `{field}`")).at(pos);
        let hint = match did_you_mean(&field, expected.iter().map(String::as_str)) {
            Some(best) => format!(
                "did you mean `{best}`? Valid keys here: {}",
                expected.join(", ")
            ),
            None => format!("valid keys here: {}", expected.join(", ")),
        };
        d = d.hint(hint);
        return d;
    }
    if let Some(field) = text
        .split("missing field `")
        .nth(1)
        .and_then(|r| r.split('`').next())
    {
        return Diagnostic::error(
            "missing-key",
            file,
            format!("missing required key `{field}`"),
        )
        .at(pos)
        .hint(format!("add `{field}:` here"));
    }
    let code = if text.contains("invalid type") || text.contains("unknown variant") {
        "wrong-type"
    } else {
        "yaml-syntax"
    };
    let hint = if code == "yaml-syntax" {
        "check indentation and quoting; a value with `: ` or starting with `@`, `*` or `&` needs quotes"
    } else {
        "see docs/content.md for the expected value"
    };
    Diagnostic::error(code, file, text).at(pos).hint(hint)
}

/// `unknown field `x`, expected one of `a`, `b`` → (x, [a, b]).
fn parse_unknown_field(msg: &str) -> Option<(String, Vec<String>)> {
    let rest = msg.split("unknown field `").nth(1)?;
    let (field, rest) = rest.split_once('`')?;
    let expected = rest
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect();
    Some((field.to_string(), expected))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_values_are_located() {
        let text = "items:\n  - id: a\n  - id: b\n  - id: a\n";
        assert_eq!(locate_yaml_value(text, "id", "a", 1), Some(Pos::new(4, 9)));
    }

    #[test]
    fn aliases_are_found() {
        let yaml = "summary: &s big\nevaluation:\n  - x\n  - *s\n";
        assert_eq!(alias_pos(yaml), Some(Pos::new(4, 5)));
        assert_eq!(alias_pos("a: 'x & y'\nb: \"*not\"\n"), None);
        assert_eq!(alias_pos("a: |\n  *text & more\n"), None);
        assert_eq!(alias_pos("text: no anchors here\n"), None);
    }

    #[test]
    fn key_paths_are_followed() {
        let text = "title: T\nkind: runbook\nchecklists:\n  - id: a\n    items:\n      - id: x\n      - id: y\n        due: T+5\n  - id: b\n    title: B\nreviewed: 2020-01-01\n";
        assert_eq!(key_pos(text, &["kind"]), Pos::new(2, 1));
        assert_eq!(key_pos(text, &["reviewed"]), Pos::new(11, 1));
        assert_eq!(
            key_pos(text, &["checklists", "1", "title"]),
            Pos::new(10, 5)
        );
        assert_eq!(
            key_pos(text, &["checklists", "0", "items", "1", "due"]),
            Pos::new(8, 9)
        );
        assert_eq!(key_pos(text, &["checklists", "0", "id"]), Pos::new(4, 5));
        assert_eq!(key_pos(text, &["nothing"]), Pos::default());
        let md = "---\ntitle: T\nreviewed: 2020-01-01\n---\nreviewed: not a key\n";
        assert_eq!(key_pos(md, &["reviewed"]), Pos::new(3, 1));
        assert_eq!(
            key_pos("---\ntitle: T\n---\nsummary: x\n", &["summary"]),
            Pos::default()
        );
    }
}
