//! The checklist model shared by YAML pages and Markdown task lists, and the rules for ids.

use serde::{Deserialize, Serialize};

/// A checklist as written in a YAML page.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistSrc {
    pub id: String,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub phase: Option<Phase>,
    pub items: Vec<ItemSrc>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemSrc {
    pub id: String,
    pub text: String,
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default)]
    pub due: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub kind: ItemKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Phase {
    Prepare,
    Detect,
    Respond,
    Limit,
    Repair,
    Learn,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    #[default]
    Step,
    Pause,
    Decision,
}

/// A checklist ready for templates: text already rendered to HTML.
#[derive(Debug, Clone, Serialize)]
pub struct Checklist {
    pub id: String,
    pub title: Option<String>,
    pub phase: Option<Phase>,
    pub items: Vec<Item>,
    /// Written as a Markdown task list (placed inside the page text, under its own heading).
    pub from_markdown: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Item {
    pub id: String,
    pub html: String,
    pub role: Option<String>,
    /// Display name of the role in the page's language.
    pub role_name: Option<String>,
    pub due: Option<String>,
    /// `due` in minutes after the start, for timers.
    pub due_minutes: Option<u32>,
    pub note_html: Option<String>,
    pub kind: ItemKind,
}

/// An explicit id: `a-z`, `0-9` and `-`, starting with a letter or digit.
pub fn is_valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && id.len() <= 64
}

/// An id made from text: letters and digits of any script, lower-cased, other runs as `-`,
/// at most 48 characters.
pub fn slugify(text: &str) -> String {
    const MAX: usize = 48;
    let mut out = String::new();
    let mut len = 0;
    let mut dash = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        if !c.is_alphanumeric() {
            dash = true;
            continue;
        }
        let sep = dash && len > 0;
        if len + 1 + usize::from(sep) > MAX {
            break;
        }
        if sep {
            out.push('-');
            len += 1;
        }
        dash = false;
        out.push(c);
        len += 1;
    }
    if out.is_empty() { "item".into() } else { out }
}

/// Hands out unique ids within one page: a repeat gets `-2`, `-3` …
#[derive(Debug, Default)]
pub struct IdSet {
    seen: std::collections::HashSet<String>,
}

impl IdSet {
    /// Record an id; false when it was already taken.
    pub fn insert(&mut self, id: &str) -> bool {
        self.seen.insert(id.to_string())
    }

    pub fn unique(&mut self, base: String) -> String {
        if self.seen.insert(base.clone()) {
            return base;
        }
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|c| self.seen.insert(c.clone()))
            .unwrap_or(base)
    }
}

/// `T+0`, `T+15m`, `T+2h`, `T+1d`, `T+1h30m` → minutes.
pub fn parse_due(due: &str) -> Option<u32> {
    let rest = due.strip_prefix("T+")?;
    if rest == "0" {
        return Some(0);
    }
    let mut total: u32 = 0;
    let mut num = String::new();
    let mut any = false;
    for c in rest.chars() {
        if c.is_ascii_digit() {
            num.push(c);
            continue;
        }
        let n: u32 = num.parse().ok()?;
        num.clear();
        let unit = match c {
            'm' => 1,
            'h' => 60,
            'd' => 24 * 60,
            _ => return None,
        };
        total = total.checked_add(n.checked_mul(unit)?)?;
        any = true;
    }
    (num.is_empty() && any).then_some(total)
}

/// Split a trailing ` {#id}` off an item's text.
pub fn split_explicit_id(text: &str) -> (&str, Option<&str>) {
    let trimmed = text.trim_end();
    if let Some(open) = trimmed.rfind("{#")
        && trimmed.ends_with('}')
    {
        let id = &trimmed[open + 2..trimmed.len() - 1];
        if !id.is_empty() && !id.contains(char::is_whitespace) {
            return (trimmed[..open].trim_end(), Some(id));
        }
    }
    (text, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        assert!(is_valid_id("act-now"));
        assert!(is_valid_id("t15"));
        assert!(!is_valid_id("Act"));
        assert!(!is_valid_id("-a"));
        assert!(!is_valid_id("../x"));
        assert!(!is_valid_id(""));
    }

    #[test]
    fn slugs_keep_letters_of_any_script() {
        assert_eq!(
            slugify("Check the carrier's status!"),
            "check-the-carrier-s-status"
        );
        assert_eq!(slugify("בדקו את המלאי"), "בדקו-את-המלאי");
        assert_eq!(slugify("Sprawdź zwroty"), "sprawdź-zwroty");
        assert_eq!(slugify("!!!"), "item");
        assert_eq!(slugify(&"a ".repeat(100)).chars().count(), 47);
        assert!(!slugify(&"ab ".repeat(100)).ends_with('-'));
    }

    #[test]
    fn repeats_get_numbers() {
        let mut ids = IdSet::default();
        assert_eq!(ids.unique("a".into()), "a");
        assert_eq!(ids.unique("a".into()), "a-2");
        assert_eq!(ids.unique("a".into()), "a-3");
    }

    #[test]
    fn due_targets() {
        assert_eq!(parse_due("T+0"), Some(0));
        assert_eq!(parse_due("T+15m"), Some(15));
        assert_eq!(parse_due("T+2h"), Some(120));
        assert_eq!(parse_due("T+1h30m"), Some(90));
        assert_eq!(parse_due("T+1d"), Some(1440));
        assert_eq!(parse_due("15m"), None);
        assert_eq!(parse_due("T+15"), None);
        assert_eq!(parse_due("T+99999999999m"), None);
    }

    #[test]
    fn explicit_ids_are_split_off() {
        assert_eq!(
            split_explicit_id("Call the carrier {#call}"),
            ("Call the carrier", Some("call"))
        );
        assert_eq!(split_explicit_id("No id here"), ("No id here", None));
        assert_eq!(
            split_explicit_id("Braces {# not}"),
            ("Braces {# not}", None)
        );
    }
}
