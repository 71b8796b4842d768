//! Checks of one page's fields together: keys that belong to another kind of page, a routine
//! without a recurrence, ids that are invalid or repeated, time targets that do not parse.

use std::collections::HashMap;

use rayon::prelude::*;

use crate::checklist::{self, IdSet};
use crate::content::{Format, PageKind, PageSrc, SourcePage};
use crate::diagnostics::{Diagnostic, key_pos, locate_yaml_value};
use crate::paths::is_valid_slug;
use crate::site::{Page, Site};

/// Keys that only a structured (.yaml) page may have.
const STRUCTURED_ONLY: [&str; 14] = [
    "kind",
    "body",
    "recurrence",
    "version",
    "scenario",
    "roles",
    "checklists",
    "injects",
    "evaluation",
    "debrief",
    "levels",
    "placeholders",
    "messages",
    "fields",
];

/// Keys that only a runbook may have. (`severity` is any page's: a crisis page names its level.)
const RUNBOOK_ONLY: [&str; 6] = [
    "version",
    "scenario",
    "roles",
    "injects",
    "evaluation",
    "debrief",
];

/// Every page's fields, checked on every core.
pub fn check(site: &Site) -> Vec<Diagnostic> {
    site.pages.par_iter().flat_map_iter(of_page).collect()
}

/// One page's fields; nothing for the copies Keel made (fallbacks, generated pages), whose
/// source is checked where it stands.
pub fn of_page(p: &Page) -> Vec<Diagnostic> {
    if p.fallback_from.is_some() || p.src.generated {
        return Vec::new();
    }
    page(&p.src)
}

/// The problems of one page's fields.
fn page(page: &SourcePage) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    names(page, &mut diags);
    bidi_controls(page, &mut diags);
    placement(page, &mut diags);
    if page.format == Format::Yaml {
        ids(page, &mut diags);
        times(page, &mut diags);
        super::forms::page(page, &mut diags);
    }
    diags
}

fn names(page: &SourcePage, diags: &mut Vec<Diagnostic>) {
    let (m, file, text) = (&page.meta, &page.file, &page.text);
    if m.title.trim().is_empty() {
        diags.push(
            Diagnostic::error("empty-title", file, "the page has no title")
                .at(key_pos(text, &["title"]))
                .hint("add `title: …` to the front matter, or start a Markdown page with a `# Title` line"),
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
            .at(key_pos(text, &["translation_key"])),
        );
    }
}

/// Invisible direction controls: removed from the output, but the editor should know.
fn bidi_controls(page: &SourcePage, diags: &mut Vec<Diagnostic>) {
    // Every control starts with the byte E2; most pages have none.
    if !page.text.as_bytes().contains(&0xE2) {
        return;
    }
    let Some((at, c)) = page
        .text
        .char_indices()
        .find(|&(_, c)| crate::content::is_bidi_control(c))
    else {
        return;
    };
    diags.push(
        Diagnostic::warning(
            "bidi-control",
            &page.file,
            format!(
                "invisible direction control U+{:04X} in the text; it is left out of the site",
                c as u32
            ),
        )
        .at(crate::diagnostics::Pos::of_offset(&page.text, at))
        .hint("delete it: Keel isolates left-to-right text in right-to-left pages itself"),
    );
}

/// Which structured-only keys the page has.
fn present(m: &PageSrc) -> [bool; 14] {
    [
        m.kind.is_some(),
        m.body.is_some(),
        m.recurrence.is_some(),
        m.version.is_some(),
        m.scenario.is_some(),
        m.roles.is_some(),
        m.checklists.is_some(),
        m.injects.is_some(),
        m.evaluation.is_some(),
        m.debrief.is_some(),
        m.levels.is_some(),
        m.placeholders.is_some(),
        m.messages.is_some(),
        m.fields.is_some(),
    ]
}

/// Keys in a kind of page that has no use for them.
fn placement(page: &SourcePage, diags: &mut Vec<Diagnostic>) {
    let (file, text) = (&page.file, &page.text);
    let keys = STRUCTURED_ONLY.iter().zip(present(&page.meta));
    for (&key, _) in keys.filter(|(_, present)| *present) {
        if page.format == Format::Markdown {
            diags.push(
                Diagnostic::error(
                    "misplaced-key",
                    file,
                    format!("`{key}` belongs in a structured (.yaml) page"),
                )
                .at(key_pos(text, &[key]))
                .hint(
                    "write checklists in Markdown as task lists, or move the page to a .yaml file",
                ),
            );
            continue;
        }
        let needs = if key == "recurrence" && page.kind != PageKind::Routine {
            "routine"
        } else if key == "levels" && page.kind != PageKind::Severity {
            "severity"
        } else if matches!(key, "placeholders" | "messages") && page.kind != PageKind::Messages {
            "messages"
        } else if key == "fields" && page.kind != PageKind::Form {
            "form"
        } else if RUNBOOK_ONLY.contains(&key) && page.kind != PageKind::Runbook {
            "runbook"
        } else {
            continue;
        };
        diags.push(
            Diagnostic::error(
                "misplaced-key",
                file,
                format!("`{key}` is only used in pages with `kind: {needs}`"),
            )
            .at(key_pos(text, &[key]))
            .hint(format!("set `kind: {needs}` or remove `{key}`")),
        );
    }
    if page.format == Format::Yaml
        && page.kind == PageKind::Routine
        && page.meta.recurrence.is_none()
    {
        diags.push(
            Diagnostic::error("missing-key", file, "a routine needs `recurrence`")
                .at(key_pos(text, &["kind"]))
                .hint("add `recurrence: daily`, `weekly`, `monthly`, `quarterly` or `yearly`"),
        );
    }
    if page.kind == PageKind::Severity {
        let levels = page.meta.levels.as_deref().unwrap_or_default();
        if levels.is_empty() {
            diags.push(
                Diagnostic::error("missing-key", file, "a severity page needs `levels`")
                    .at(key_pos(text, &["kind"]))
                    .hint("list the levels, most severe first: `- id: critical` with `criteria`"),
            );
        }
        for (i, l) in levels.iter().enumerate() {
            if levels[..i].iter().any(|o| o.id == l.id) {
                diags.push(
                    Diagnostic::error("duplicate-id", file, "this level is listed twice")
                        .at(key_pos(text, &["levels", &i.to_string()]))
                        .hint("each of critical, high, medium and low once"),
                );
            }
        }
    }
}

/// Checklist, item and role ids: valid, and unique within the page.
fn ids(page: &SourcePage, diags: &mut Vec<Diagnostic>) {
    let (file, text) = (&page.file, &page.text);
    let mut ids = IdSet::default();
    let mut seen: HashMap<String, usize> = HashMap::new();
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
                    .hint("use lower-case a-z, 0-9, - and _, e.g. call-carrier"),
            );
        } else if !ids.insert(id) {
            diags.push(
                Diagnostic::error("duplicate-id", file, format!("id `{id}` is used twice in this page"))
                    .at(pos())
                    .hint("checklist and item ids must be unique within a page; keep them the same in every language"),
            );
        }
    };
    for c in page.meta.checklists.iter().flatten() {
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
        }
    }
    for role in page.meta.roles.iter().flatten() {
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
}

/// Time targets of items (`due`) and injects (`at`).
fn times(page: &SourcePage, diags: &mut Vec<Diagnostic>) {
    let (file, text) = (&page.file, &page.text);
    let m = &page.meta;
    let dues = m
        .checklists
        .iter()
        .flatten()
        .flat_map(|c| &c.items)
        .filter_map(|i| i.due.as_deref().map(|d| ("due", d)));
    let ats = m.injects.iter().flatten().map(|i| ("at", i.at.as_str()));
    for (key, due) in dues.chain(ats) {
        if checklist::parse_due(due).is_none() {
            diags.push(
                Diagnostic::error("bad-due", file, format!("`{due}` is not a time target"))
                    .at(locate_yaml_value(text, key, due, 0).unwrap_or_default())
                    .hint("write T+0, T+15m, T+2h or T+1d"),
            );
        }
    }
}
