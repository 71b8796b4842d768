//! What templates see of message templates and working forms: templates cut into text and
//! blanks with the blanks' labels, and form fields with their columns and rows, shared by the
//! web page (fill in, copy, export) and the print view (a sheet to fill in by hand).

use serde::Serialize;

use crate::content::{Channel, FieldSrc, FieldType, Part, PlaceholderSrc, RowsSrc, template_parts};
use crate::site::Page;

/// Blank rows a table gets on paper when it says none.
const DEFAULT_ROWS: u32 = 8;

/// Rows shown at most (`keel check` reports a table with more).
const MAX_ROWS: usize = 100;

/// One message template.
#[derive(Serialize)]
pub struct MessageCtx<'a> {
    id: &'a str,
    title: &'a str,
    channel: Channel,
    when: Option<&'a str>,
    subject: Option<Vec<PartCtx<'a>>>,
    /// Paragraphs, each cut into text and blanks.
    paragraphs: Vec<Vec<PartCtx<'a>>>,
    /// The blanks the template uses, in order, with their labels (for its fill-in form).
    slots: Vec<SlotCtx<'a>>,
    /// The template as written, for the script that fills it.
    source: &'a str,
    source_subject: Option<&'a str>,
}

/// A piece of a template: text, or a blank with its label.
#[derive(Serialize)]
struct PartCtx<'a> {
    text: Option<&'a str>,
    slot: Option<&'a str>,
    label: Option<&'a str>,
}

/// A placeholder as a form field.
#[derive(Serialize)]
struct SlotCtx<'a> {
    id: &'a str,
    label: &'a str,
    example: Option<&'a str>,
}

/// The page's message templates, ready to render.
pub fn messages_ctx(page: &Page) -> Vec<MessageCtx<'_>> {
    let m = page.meta();
    let placeholders = m.placeholders.as_deref().unwrap_or_default();
    let slot = |name: &str| placeholders.iter().find(|p| p.id == name);
    m.messages
        .as_deref()
        .unwrap_or_default()
        .iter()
        .map(|msg| {
            let names = msg.slots();
            MessageCtx {
                id: &msg.id,
                title: &msg.title,
                channel: msg.channel,
                when: msg.when.as_deref(),
                subject: msg.subject.as_deref().map(|t| parts(t, placeholders)),
                paragraphs: msg
                    .text
                    .trim_end()
                    .split("\n\n")
                    .map(|p| parts(p.trim_matches('\n'), placeholders))
                    .collect(),
                slots: names
                    .into_iter()
                    .map(|n| SlotCtx {
                        id: n,
                        label: slot(n).map_or(n, |p| p.label.as_str()),
                        example: slot(n).and_then(|p| p.example.as_deref()),
                    })
                    .collect(),
                source: msg.text.trim_end(),
                source_subject: msg.subject.as_deref(),
            }
        })
        .collect()
}

/// A template's text cut into text and blanks, each blank with its label.
fn parts<'a>(text: &'a str, placeholders: &'a [PlaceholderSrc]) -> Vec<PartCtx<'a>> {
    template_parts(text)
        .into_iter()
        .map(|(_, p)| match p {
            Part::Text(t) => PartCtx {
                text: Some(t),
                slot: None,
                label: None,
            },
            Part::Slot(s) => PartCtx {
                text: None,
                slot: Some(s),
                label: Some(
                    placeholders
                        .iter()
                        .find(|p| p.id == s)
                        .map_or(s, |p| p.label.as_str()),
                ),
            },
        })
        .collect()
}

/// One field of a form.
#[derive(Serialize)]
pub struct FieldCtx<'a> {
    id: &'a str,
    label: &'a str,
    hint: Option<&'a str>,
    kind: FieldType,
    lines: u32,
    /// A table's columns; empty for a single field.
    columns: Vec<ColumnCtx<'a>>,
    /// A table's rows on paper: the first cell's label, empty for a blank row.
    rows: Vec<&'a str>,
    /// Whether the rows are fixed (labelled) rather than added as the team goes.
    fixed_rows: bool,
}

#[derive(Serialize)]
struct ColumnCtx<'a> {
    id: &'a str,
    label: &'a str,
    kind: FieldType,
}

/// The page's form fields, ready to render.
pub fn fields_ctx(page: &Page) -> Vec<FieldCtx<'_>> {
    page.meta()
        .fields
        .as_deref()
        .unwrap_or_default()
        .iter()
        .map(field_ctx)
        .collect()
}

fn field_ctx(f: &FieldSrc) -> FieldCtx<'_> {
    let columns: Vec<ColumnCtx> = f
        .columns
        .iter()
        .flatten()
        .map(|c| ColumnCtx {
            id: &c.id,
            label: &c.label,
            kind: c.kind,
        })
        .collect();
    let (rows, fixed_rows) = match &f.rows {
        Some(RowsSrc::Labels(labels)) => (
            labels.iter().take(MAX_ROWS).map(String::as_str).collect(),
            true,
        ),
        Some(RowsSrc::Count(n)) => (vec![""; (*n as usize).min(MAX_ROWS)], false),
        None if !columns.is_empty() => (vec![""; DEFAULT_ROWS as usize], false),
        None => (Vec::new(), false),
    };
    FieldCtx {
        id: &f.id,
        label: &f.label,
        hint: f.hint.as_deref(),
        kind: f.kind,
        lines: f.lines.unwrap_or(1).max(1),
        columns,
        rows,
        fixed_rows,
    }
}
