//! Message templates and working forms, each page on its own: a template uses only the
//! placeholders the page defines, ids are valid and unique, and tables stay printable.

use std::collections::HashSet;

use crate::checklist::is_valid_id;
use crate::content::{PageKind, RowsSrc, SourcePage};
use crate::diagnostics::{Diagnostic, did_you_mean, key_pos, locate, locate_yaml_value};

/// More blank rows than this do not fit on paper, and a hostile number would not fit in memory.
pub const MAX_ROWS: u32 = 100;

/// Problems in one page's templates or form fields.
pub fn page(page: &SourcePage, diags: &mut Vec<Diagnostic>) {
    match page.kind {
        PageKind::Messages => messages(page, diags),
        PageKind::Form => form(page, diags),
        _ => {}
    }
}

fn messages(page: &SourcePage, diags: &mut Vec<Diagnostic>) {
    let (file, text) = (&page.file, &page.text);
    let m = &page.meta;
    let templates = m.messages.as_deref().unwrap_or_default();
    if templates.is_empty() {
        diags.push(
            Diagnostic::error("missing-key", file, "a messages page needs `messages`")
                .at(key_pos(text, &["kind"]))
                .hint("list the templates: `- id: holding` with `title`, `channel` and `text`"),
        );
    }
    let defined: Vec<&str> = m
        .placeholders
        .iter()
        .flatten()
        .map(|p| p.id.as_str())
        .collect();
    unique_ids(page, "placeholder", defined.iter().copied(), diags);
    unique_ids(
        page,
        "template",
        templates.iter().map(|t| t.id.as_str()),
        diags,
    );
    let mut reported = HashSet::new();
    for t in templates {
        for name in t.slots() {
            if defined.contains(&name) || !reported.insert(name) {
                continue;
            }
            let mut d = Diagnostic::error(
                "unknown-placeholder",
                file,
                format!(
                    "template `{}` uses `{{{name}}}`, which `placeholders` does not define",
                    t.id
                ),
            )
            .at(locate(text, &format!("{{{name}}}"), 0).unwrap_or_default());
            d = match did_you_mean(name, defined.iter().copied()) {
                Some(near) => d.hint(format!("did you mean `{{{near}}}`?")),
                None => d.hint(format!(
                    "add `- id: {name}` with a `label` under `placeholders`"
                )),
            };
            diags.push(d);
        }
    }
}

fn form(page: &SourcePage, diags: &mut Vec<Diagnostic>) {
    let (file, text) = (&page.file, &page.text);
    let fields = page.meta.fields.as_deref().unwrap_or_default();
    if fields.is_empty() {
        diags.push(
            Diagnostic::error("missing-key", file, "a form needs `fields`")
                .at(key_pos(text, &["kind"]))
                .hint("list the fields: `- id: incident` with a `label`; give a table `columns`"),
        );
    }
    unique_ids(page, "field", fields.iter().map(|f| f.id.as_str()), diags);
    for f in fields {
        if let Some(columns) = &f.columns {
            unique_ids(page, "column", columns.iter().map(|c| c.id.as_str()), diags);
        }
        let rows = match &f.rows {
            Some(RowsSrc::Count(n)) => *n as usize,
            Some(RowsSrc::Labels(l)) => l.len(),
            None => 0,
        };
        if rows > MAX_ROWS as usize {
            diags.push(
                Diagnostic::error("too-many-rows", file, format!("table `{}` has {rows} rows (at most {MAX_ROWS})", f.id))
                    .at(locate_yaml_value(text, "id", &f.id, 0).unwrap_or_default())
                    .hint("on screen the team adds rows as it goes; give paper a page or two of blank rows"),
            );
        }
        if f.rows.is_some() && f.columns.is_none() {
            diags.push(
                Diagnostic::error(
                    "misplaced-key",
                    file,
                    format!("field `{}` has `rows` but no `columns`", f.id),
                )
                .at(locate_yaml_value(text, "id", &f.id, 0).unwrap_or_default())
                .hint("give the table its `columns`, or remove `rows`"),
            );
        }
    }
}

/// Ids that are valid and used once among their kind.
fn unique_ids<'a>(
    page: &SourcePage,
    what: &str,
    ids: impl Iterator<Item = &'a str>,
    diags: &mut Vec<Diagnostic>,
) {
    let mut seen = HashSet::new();
    for id in ids {
        let pos = || locate_yaml_value(&page.text, "id", id, 0).unwrap_or_default();
        if !is_valid_id(id) {
            diags.push(
                Diagnostic::error(
                    "bad-id",
                    &page.file,
                    format!("{what} id `{id}` is not valid"),
                )
                .at(pos())
                .hint("use lower-case a-z, 0-9, - and _, e.g. next_update"),
            );
        } else if !seen.insert(id) {
            diags.push(
                Diagnostic::error(
                    "duplicate-id",
                    &page.file,
                    format!("{what} id `{id}` is used twice"),
                )
                .at(pos())
                .hint("each id once in the page, and the same in every language"),
            );
        }
    }
}
