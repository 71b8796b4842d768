//! Message templates and working forms as written in a YAML page: a `kind: messages` page holds
//! templates with `{placeholders}` per channel; a `kind: form` page holds fields and tables to
//! fill in during an incident or a drill (decision log, contact sheet, after-action report).

use serde::{Deserialize, Serialize};

/// A blank a message template leaves for the team to fill: `{issue}`.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlaceholderSrc {
    /// The name used in templates between braces: `a-z`, `0-9`, `_` and `-`.
    pub id: String,
    /// What to fill in, in the page's language: "What is wrong, in the customer's words".
    pub label: String,
    /// An example value, shown in the empty field.
    #[serde(default)]
    pub example: Option<String>,
}

/// Where a message goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Channel {
    /// A banner or notice on the shop's own site.
    Banner,
    /// An e-mail to customers (may have a `subject`).
    Email,
    /// A text message: kept short.
    Sms,
    /// A post on social media.
    Social,
    /// What staff say on the phone.
    Phone,
    /// A status page entry.
    Status,
    /// A note to the shop's own staff.
    Staff,
}

/// One message template.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MessageSrc {
    /// Template id: the same in every language.
    pub id: String,
    /// Heading shown above the template.
    pub title: String,
    /// Where the message goes.
    pub channel: Channel,
    /// When to send it, as plain text: "as soon as the incident is declared".
    #[serde(default)]
    pub when: Option<String>,
    /// E-mail subject, with placeholders.
    #[serde(default)]
    pub subject: Option<String>,
    /// The message, plain text with `{placeholders}`; blank lines separate paragraphs.
    pub text: String,
}

impl MessageSrc {
    /// The placeholders the template uses, subject first, each once, in order of first use.
    pub fn slots(&self) -> Vec<&str> {
        let mut names = slots(self.subject.as_deref().unwrap_or(""));
        for s in slots(&self.text) {
            if !names.contains(&s) {
                names.push(s);
            }
        }
        names
    }
}

/// What a form field holds, which sets its input on screen and its shape on paper.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum FieldType {
    /// Free text (the default); `lines:` above 1 makes it a text area.
    #[default]
    Text,
    /// A date.
    Date,
    /// A time of day.
    Time,
    /// A number.
    Number,
    /// A phone number.
    Tel,
    /// An e-mail address.
    Email,
    /// A rating from 1 to 5.
    Scale,
}

/// One column of a form's table.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ColumnSrc {
    /// Column id: the same in every language.
    pub id: String,
    /// Column heading.
    pub label: String,
    /// What the column holds (default `text`).
    #[serde(default, rename = "type")]
    pub kind: FieldType,
}

/// The rows a table starts with: a number of blank rows, or one row per label (its first cell
/// filled in, e.g. "Payment provider" on a contact sheet).
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum RowsSrc {
    /// Blank rows on paper (on screen the team adds rows as it goes).
    Count(u32),
    /// One row per label, in order.
    Labels(Vec<String>),
}

/// One field of a form: a value, a text area, or a table when it has `columns`.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FieldSrc {
    /// Field id: the same in every language (it keys what was typed).
    pub id: String,
    /// The field's label or, for a table, its heading.
    pub label: String,
    /// A line of help under the label.
    #[serde(default)]
    pub hint: Option<String>,
    /// What the field holds (default `text`).
    #[serde(default, rename = "type")]
    pub kind: FieldType,
    /// Lines of writing space (default 1).
    #[serde(default)]
    pub lines: Option<u32>,
    /// A table: its columns.
    #[serde(default)]
    pub columns: Option<Vec<ColumnSrc>>,
    /// A table: its rows on paper (a number) or its fixed rows (labels).
    #[serde(default)]
    pub rows: Option<RowsSrc>,
}

/// A piece of a message template: text, or a placeholder to fill.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Part<'a> {
    /// Text kept as written.
    Text(&'a str),
    /// A `{placeholder}`: its name.
    Slot(&'a str),
}

/// A template cut into text and `{placeholder}`s, with each slot's byte offset. Braces around
/// anything but a name (`{ }`, `{a b}`) are text.
pub fn template_parts(text: &str) -> Vec<(usize, Part<'_>)> {
    let mut parts = Vec::new();
    let mut from = 0;
    let mut at = 0;
    while let Some(open) = text[at..].find('{').map(|i| at + i) {
        let name_end = text[open + 1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
            .map(|i| open + 1 + i);
        match name_end {
            Some(end) if end > open + 1 && text[end..].starts_with('}') => {
                if open > from {
                    parts.push((from, Part::Text(&text[from..open])));
                }
                parts.push((open, Part::Slot(&text[open + 1..end])));
                from = end + 1;
                at = end + 1;
            }
            _ => at = open + 1,
        }
    }
    if from < text.len() {
        parts.push((from, Part::Text(&text[from..])));
    }
    parts
}

/// The placeholders a template uses, in order of first use.
pub fn slots(text: &str) -> Vec<&str> {
    let mut seen: Vec<&str> = Vec::new();
    for (_, part) in template_parts(text) {
        if let Part::Slot(name) = part
            && !seen.contains(&name)
        {
            seen.push(name);
        }
    }
    seen
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_split_at_names_in_braces_only() {
        let parts: Vec<Part> = template_parts("Hi {name}, { } {a b} {next_update}.")
            .into_iter()
            .map(|(_, p)| p)
            .collect();
        assert_eq!(
            parts,
            [
                Part::Text("Hi "),
                Part::Slot("name"),
                Part::Text(", { } {a b} "),
                Part::Slot("next_update"),
                Part::Text("."),
            ]
        );
        assert_eq!(slots("{a} {b} {a}"), ["a", "b"]);
        assert_eq!(slots("no {"), Vec::<&str>::new());
        assert_eq!(slots("עדכון ב־{next_update}"), ["next_update"]);
    }
}
