//! The checklist model shared by YAML pages and Markdown task lists, and the rules for ids.

use serde::{Deserialize, Serialize};

/// A checklist as written in a YAML page.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChecklistSrc {
    /// Checklist id: `a-z`, `0-9` and `-`, unique in the page and the same in every language.
    pub id: String,
    /// Heading shown above the checklist (optional).
    #[serde(default)]
    pub title: Option<String>,
    /// Incident phase the checklist belongs to (optional).
    #[serde(default)]
    pub phase: Option<Phase>,
    /// How the list is used: `read-do` (read a step, do it) or `do-confirm` (do from memory,
    /// then confirm with the list). Shown on screen and on paper.
    #[serde(default)]
    pub mode: Option<Mode>,
    /// When to start the list, as inline Markdown: "the checkout error rate passes 5 %".
    #[serde(default)]
    pub when: Option<String>,
    /// The checklist's items, in order.
    pub items: Vec<ItemSrc>,
}

/// How a checklist is used, in the words of aviation checklists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Mode {
    /// Read each step, then do it: for what is rare or must go in order.
    ReadDo,
    /// Do the steps from memory, then go through the list to confirm none was missed.
    DoConfirm,
}

/// One item of a checklist in a YAML page.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemSrc {
    /// Item id: `a-z`, `0-9` and `-`, unique in the page and the same in every language.
    pub id: String,
    /// What to do, as inline Markdown.
    pub text: String,
    /// Id of the role that carries out the item, e.g. `tech` (optional).
    #[serde(default)]
    pub role: Option<String>,
    /// Time target after the start (optional): `T+0`, `T+15m`, `T+2h`, `T+1d`.
    #[serde(default)]
    pub due: Option<String>,
    /// More detail shown with the item, in Markdown (optional); for a decision, the options.
    #[serde(default)]
    pub note: Option<String>,
    /// What sort of item it is: `step` (default), `pause` or `decision`.
    #[serde(default)]
    pub kind: ItemKind,
}

/// The incident phase a checklist belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Phase {
    /// Before an incident: getting ready for one.
    Prepare,
    /// Noticing the incident and confirming it.
    Detect,
    /// The first response once the incident is confirmed.
    Respond,
    /// Limiting the damage and keeping it from spreading.
    Limit,
    /// Repairing the cause and returning to normal service.
    Repair,
    /// After the incident: reviewing it and learning from it.
    Learn,
}

/// What sort of checklist item it is.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    /// An ordinary action (the default).
    #[default]
    Step,
    /// A point where the team stops and checks before going on.
    Pause,
    /// A point where the incident lead chooses between options (written in `note`).
    Decision,
}

/// A checklist ready for templates: text already rendered to HTML.
#[derive(Debug, Clone, Serialize)]
pub struct Checklist {
    /// The checklist's id, unique in the page.
    pub id: String,
    /// Heading shown above the checklist, if any.
    pub title: Option<String>,
    /// Incident phase the checklist belongs to, if given.
    pub phase: Option<Phase>,
    /// The items, in order.
    pub items: Vec<Item>,
    /// Written as a Markdown task list (placed inside the page text, under its own heading).
    pub from_markdown: bool,
    /// Written as an ordered task list (`1. [ ] …`): the number of its first item.
    pub start: Option<u64>,
    /// How the list is used, if said.
    pub mode: Option<Mode>,
    /// When to start it, rendered to inline HTML.
    pub when_html: Option<String>,
    /// Worked through during the incident itself (see [`is_live`]); set when the page is linked.
    pub live: bool,
}

/// Whether a checklist is worked through during a live incident: every checklist of a runbook,
/// and any in one of the incident's own phases (preparing and learning happen with time to
/// think). Live lists say their mode and time every step, and come first on a phone.
pub fn is_live(in_runbook: bool, phase: Option<Phase>) -> bool {
    in_runbook
        || matches!(
            phase,
            Some(Phase::Detect | Phase::Respond | Phase::Limit | Phase::Repair)
        )
}

/// One checklist item ready for templates: text already rendered to HTML.
#[derive(Debug, Clone, Serialize)]
pub struct Item {
    /// The item's id, unique in the page.
    pub id: String,
    /// The item text rendered to inline HTML.
    pub html: String,
    /// Id of the role that carries out the item, if any.
    pub role: Option<String>,
    /// Display name of the role in the page's language.
    pub role_name: Option<String>,
    /// Time target as written (`T+15m`), if any.
    pub due: Option<String>,
    /// `due` in minutes after the start, for timers.
    pub due_minutes: Option<u32>,
    /// The note rendered to HTML, if any.
    pub note_html: Option<String>,
    /// Whether the item is a step, a pause or a decision.
    pub kind: ItemKind,
}

/// An explicit id: `a-z`, `0-9`, `-` and `_`, starting with a letter or digit (MkDocs and
/// GitHub anchors such as `{#refund_policy}` keep working).
pub fn is_valid_id(id: &str) -> bool {
    crate::paths::is_valid_name(id)
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

/// A heading's id as GitHub makes it, so links written for GitHub (or MkDocs, which follows it
/// closely) keep working: lower-cased, punctuation dropped, each space a `-`, no length limit.
/// Letters and digits of any script, `-` and `_` stay.
pub fn heading_slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() || c == '-' || c == '_' {
            out.push(c);
        } else if c == ' ' {
            out.push('-');
        }
    }
    if out.is_empty() {
        "section".into()
    } else {
        out
    }
}

/// Hands out unique ids within one page: a repeat gets `-2`, `-3` …
#[derive(Debug, Default, Clone)]
pub struct IdSet {
    seen: std::collections::HashSet<String>,
    /// For each base that repeated, the next number to try: a page with thousands of equal
    /// headings or items costs linear time, not quadratic.
    next: std::collections::HashMap<String, usize>,
}

impl IdSet {
    /// Record an id; false when it was already taken.
    pub fn insert(&mut self, id: &str) -> bool {
        self.seen.insert(id.to_string())
    }

    /// Record and return `base`, or when it is taken the first free `base-2`, `base-3` …
    pub fn unique(&mut self, base: String) -> String {
        self.unique_from(base, 2)
    }

    /// Record and return `base`, or when it is taken the first free `base-1`, `base-2` …, as
    /// GitHub numbers repeated headings.
    pub fn unique_heading(&mut self, base: String) -> String {
        self.unique_from(base, 1)
    }

    fn unique_from(&mut self, base: String, first: usize) -> String {
        if self.seen.insert(base.clone()) {
            return base;
        }
        let n = self.next.entry(base.clone()).or_insert(first);
        loop {
            let candidate = format!("{base}-{n}");
            *n += 1;
            if self.seen.insert(candidate.clone()) {
                return candidate;
            }
        }
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

/// What a Markdown task item may say about itself in a trailing `{#id role=… due=… kind=…}`.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ItemAttrs {
    /// The explicit id, after `#`.
    pub id: Option<String>,
    /// `role=`: a role id.
    pub role: Option<String>,
    /// `due=`: a time target such as `T+15m`.
    pub due: Option<String>,
    /// `kind=`: `step`, `pause` or `decision`.
    pub kind: Option<ItemKind>,
    /// Attributes that are not understood, for an error message.
    pub unknown: Vec<String>,
}

/// Split a trailing `{#id key=value …}` off an item's text. Text without one is returned whole.
pub fn split_attrs(text: &str) -> (&str, Option<ItemAttrs>) {
    let trimmed = text.trim_end();
    let Some(open) = trimmed.rfind('{') else {
        return (text, None);
    };
    if !trimmed.ends_with('}') {
        return (text, None);
    }
    let inner = &trimmed[open + 1..trimmed.len() - 1];
    if !inner.trim_start().starts_with('#') {
        return (text, None);
    }
    let mut attrs = ItemAttrs::default();
    for token in inner.split_whitespace() {
        if let Some(id) = token.strip_prefix('#') {
            if id.is_empty() {
                return (text, None);
            }
            attrs.id = Some(id.to_string());
            continue;
        }
        match token.split_once('=') {
            Some(("role", v)) => attrs.role = Some(v.to_string()),
            Some(("due", v)) => attrs.due = Some(v.to_string()),
            Some(("kind", "step")) => attrs.kind = Some(ItemKind::Step),
            Some(("kind", "pause")) => attrs.kind = Some(ItemKind::Pause),
            Some(("kind", "decision")) => attrs.kind = Some(ItemKind::Decision),
            _ => attrs.unknown.push(token.to_string()),
        }
    }
    (trimmed[..open].trim_end(), Some(attrs))
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
        assert!(is_valid_id("refund_policy"));
        assert!(!is_valid_id("_x"));
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
        assert_eq!(
            heading_slug("Step 1: Call the carrier's hotline"),
            "step-1-call-the-carriers-hotline"
        );
        assert_eq!(heading_slug("A & B"), "a--b");
        assert_eq!(
            heading_slug("snake_case and dashes-here"),
            "snake_case-and-dashes-here"
        );
        assert_eq!(heading_slug("שלב 2: בדקו את המלאי"), "שלב-2-בדקו-את-המלאי");
        assert_eq!(heading_slug(&"long ".repeat(30)).len(), 149);
        let mut ids = IdSet::default();
        let got: Vec<String> = (0..3).map(|_| ids.unique_heading("faq".into())).collect();
        assert_eq!(got, ["faq", "faq-1", "faq-2"]);
        assert_eq!(slugify(&"a ".repeat(100)).chars().count(), 47);
        assert!(!slugify(&"ab ".repeat(100)).ends_with('-'));
    }

    #[test]
    fn repeats_get_numbers() {
        let mut ids = IdSet::default();
        assert_eq!(ids.unique("a".into()), "a");
        assert_eq!(ids.unique("a".into()), "a-2");
        assert!(ids.insert("a-3"));
        assert_eq!(ids.unique("a".into()), "a-4", "a taken number is skipped");
        assert_eq!(ids.unique("a-2".into()), "a-2-2");
        for _ in 0..50_000 {
            ids.unique("b".into());
        }
        assert_eq!(ids.unique("b".into()), "b-50001");
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
        let (text, attrs) =
            split_attrs("Call the carrier {#call role=log due=T+15m kind=decision}");
        assert_eq!(text, "Call the carrier");
        let attrs = attrs.unwrap();
        assert_eq!(attrs.id.as_deref(), Some("call"));
        assert_eq!(attrs.role.as_deref(), Some("log"));
        assert_eq!(attrs.due.as_deref(), Some("T+15m"));
        assert_eq!(attrs.kind, Some(ItemKind::Decision));
        assert_eq!(
            split_attrs("x {#a colour=red}").1.unwrap().unknown,
            ["colour=red"]
        );
        assert_eq!(
            split_attrs("Call the carrier {#call}").0,
            "Call the carrier"
        );
        assert_eq!(split_attrs("No id here"), ("No id here", None));
        assert_eq!(split_attrs("Braces {# not}"), ("Braces {# not}", None));
        assert_eq!(split_attrs("Set {a} here"), ("Set {a} here", None));
    }
}
