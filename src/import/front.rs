//! Front matter as other tools write it (YAML between `---`, TOML between `+++`), mapped onto
//! Keel's keys; what has no Keel meaning is dropped and said.

use serde_yaml::{Mapping, Value};

use super::Note;

/// A source page split: its metadata (empty when it has none), the line its keys start on, and
/// its body.
pub struct Split<'a> {
    pub meta: Mapping,
    pub body: &'a str,
    /// Lines before the body in the source.
    pub body_line: usize,
}

/// Split `text` (from `file`, for the notes) into metadata and body.
pub fn split<'a>(text: &'a str, file: &str, notes: &mut Vec<Note>) -> Split<'a> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for (fence, toml) in [("---", false), ("+++", true)] {
        let Some(rest) = text
            .strip_prefix(fence)
            .and_then(|r| r.strip_prefix('\n').or_else(|| r.strip_prefix("\r\n")))
        else {
            continue;
        };
        let mut at = 0;
        for line in rest.split_inclusive('\n') {
            if line.trim_end() == fence {
                let raw = &rest[..at];
                let body = &rest[at + line.len()..];
                let meta = parse(raw, toml, file, notes);
                return Split {
                    meta,
                    body,
                    body_line: 2 + raw.matches('\n').count(),
                };
            }
            at += line.len();
        }
    }
    Split {
        meta: Mapping::new(),
        body: text,
        body_line: 1,
    }
}

fn parse(raw: &str, toml: bool, file: &str, notes: &mut Vec<Note>) -> Mapping {
    let parsed: Result<Value, String> = if toml {
        raw.parse::<toml::Table>()
            .map(|t| from_toml(toml::Value::Table(t)))
            .map_err(|e| e.to_string())
    } else {
        serde_yaml::from_str(raw).map_err(|e| e.to_string())
    };
    match parsed {
        Ok(Value::Mapping(m)) => m,
        Ok(Value::Null) => Mapping::new(),
        Ok(_) => {
            notes.push(Note::check(
                file,
                2,
                "the front matter is not a list of keys; left out",
            ));
            Mapping::new()
        }
        Err(e) => {
            let first = e.lines().next().unwrap_or("").to_string();
            notes.push(Note::check(
                file,
                2,
                format!("the front matter does not parse ({first}); left out"),
            ));
            Mapping::new()
        }
    }
}

/// A TOML value as YAML; dates become `YYYY-MM-DD…` strings.
pub(super) fn from_toml(v: toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::Number(i.into()),
        toml::Value::Float(f) => Value::Number(f.into()),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Sequence(a.into_iter().map(from_toml).collect()),
        toml::Value::Table(t) => Value::Mapping(
            t.into_iter()
                .map(|(k, v)| (Value::String(k), from_toml(v)))
                .collect(),
        ),
    }
}

/// Keel's front matter from another tool's: the keys Keel knows under their Keel names, the
/// rest dropped with a note on the line that has them.
pub fn map(meta: &Mapping, text: &str, file: &str, notes: &mut Vec<Note>) -> Mapping {
    let mut out = Mapping::new();
    for (k, v) in meta {
        let Some(key) = k.as_str() else { continue };
        let line = key_line(text, key);
        let keel = match key {
            "title" => Some("title"),
            "description" | "summary" => Some("summary"),
            "weight" => Some("weight"),
            "draft" => Some("draft"),
            "translationKey" | "translation_key" => Some("translation_key"),
            "lastmod" | "updated" | "date" => Some("updated"),
            _ => None,
        };
        let Some(keel) = keel else {
            let what = match (key, v) {
                ("extra", Value::Mapping(m)) => format!(
                    "`[extra]` ({}) has no Keel meaning; left out",
                    m.keys()
                        .filter_map(Value::as_str)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                _ => format!("`{key}` has no Keel meaning; left out"),
            };
            notes.push(Note::dropped(file, line, what));
            continue;
        };
        let value = match keel {
            "updated" => match v.as_str().and_then(day) {
                Some(d) => Value::String(d),
                None => {
                    notes.push(Note::dropped(
                        file,
                        line,
                        format!("`{key}` is not a date Keel reads; left out"),
                    ));
                    continue;
                }
            },
            "translation_key" => match v.as_str().map(key_slug) {
                Some(k) if !k.is_empty() => Value::String(k),
                _ => continue,
            },
            "weight" if !v.is_i64() => {
                notes.push(Note::dropped(
                    file,
                    line,
                    format!("`{key}` is not a whole number; left out"),
                ));
                continue;
            }
            _ => v.clone(),
        };
        // `date` and `lastmod` may both be there: the later key wins, as in Hugo.
        out.insert(Value::String(keel.into()), value);
    }
    out
}

/// `2024-05-01T10:00:00Z` → `2024-05-01`.
fn day(s: &str) -> Option<String> {
    let d = s.get(..10)?;
    let ok = d.len() == 10
        && d.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    ok.then(|| d.to_string())
}

/// A translation key as Keel takes it: lower-case a-z, 0-9, `-` and `/`.
fn key_slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.trim().chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() || c == '/' {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// The line of `text` where `key` is set (1 when it cannot be found).
fn key_line(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| {
            let l = l.trim_start_matches('[');
            l.starts_with(key) && l[key.len()..].trim_start().starts_with([':', '=', ']'])
        })
        .map_or(1, |i| i + 1)
}

/// The body's first line when it is a `# Heading` (read as Keel reads a page without a title):
/// its text, and the body without it.
pub fn take_h1(body: &str) -> Option<(String, &str)> {
    crate::content::heading_title(body).map(|(title, _, end)| (title, &body[end..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn toml_and_yaml_map_onto_keel_keys() {
        let mut notes = Vec::new();
        let text = "+++\ntitle = \"Outage\"\nweight = 20\ndate = 2024-05-01T10:00:00Z\ntranslationKey = \"Pay Ments\"\n[extra]\nseverity = \"high\"\n+++\nBody\n";
        let s = split(text, "a.md", &mut notes);
        assert_eq!(s.body, "Body\n");
        let m = map(&s.meta, text, "a.md", &mut notes);
        let get = |k: &str| m.get(Value::String(k.into())).cloned();
        assert_eq!(get("title"), Some(Value::String("Outage".into())));
        assert_eq!(get("updated"), Some(Value::String("2024-05-01".into())));
        assert_eq!(
            get("translation_key"),
            Some(Value::String("pay-ments".into()))
        );
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].line, 6);
        assert!(
            notes[0].what.contains("`[extra]` (severity)"),
            "{}",
            notes[0].what
        );
        let y = "---\ndescription: D\nhide: [toc]\n---\n# Title\n\nText\n";
        let s = split(y, "b.md", &mut notes);
        let m = map(&s.meta, y, "b.md", &mut notes);
        assert_eq!(
            m.get(Value::String("summary".into())),
            Some(&Value::String("D".into()))
        );
        assert_eq!(notes.last().unwrap().line, 3);
        assert_eq!(
            take_h1(s.body).map(|(t, b)| (t, b.to_string())),
            Some(("Title".into(), "\nText\n".into()))
        );
    }
}
