//! Content that is valid but risky in a drill: long checklists, runbooks without roles, reviews that are too old, translations older than their source.

use crate::content::{self, Format, PageKind};
use crate::diagnostics::{Diagnostic, key_pos, locate, locate_yaml_value};
use crate::site::{Page, Site};

/// Warnings about content that is valid but risky in a drill: long checklists, runbooks
/// without roles, reviews that are too old, translations older than their
/// source (by date: the source's `updated`, else `reviewed`, is later than the translation's).
pub fn check(site: &Site) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let limits = &site.config.check;
    let today = content::Date::today();
    for page in site
        .pages
        .iter()
        .filter(|p| p.fallback_from.is_none() && !p.src.generated)
    {
        let file = &page.src.file;
        for c in page
            .checklists
            .iter()
            .filter(|c| c.items.len() > limits.max_checklist_items)
        {
            let pos = match page.src.format {
                Format::Markdown => locate(&page.src.text, &format!("{{#{}", c.id), 0),
                Format::Yaml => locate_yaml_value(&page.src.text, "id", &c.id, 0),
            };
            diags.push(
                Diagnostic::warning("long-checklist", file, format!("checklist `{}` has {} items (more than {})", c.id, c.items.len(), limits.max_checklist_items))
                    .at(pos.unwrap_or_default())
                    .hint("split it into shorter blocks under their own headings; the limit is check.max_checklist_items in keel.yaml"),
            );
        }
        if page.src.kind == PageKind::Runbook && page.structured.roles.is_empty() {
            diags.push(
                Diagnostic::warning("runbook-no-roles", file, "this runbook names no roles")
                    .at(key_pos(&page.src.text, &["kind"]))
                    .hint(
                        "add `roles:` with who does what (il, comms, tech, cs, log, fin, scribe)",
                    ),
            );
        }
        if let Some(reviewed) = page.meta().reviewed
            && reviewed.plus_months(limits.review_max_age_months) < today
        {
            diags.push(
                Diagnostic::warning(
                    "stale-review",
                    file,
                    format!(
                        "last reviewed on {}, more than {} months ago",
                        String::from(reviewed),
                        limits.review_max_age_months
                    ),
                )
                .at(key_pos(&page.src.text, &["reviewed"]))
                .hint("check the page is still right, then set `reviewed:` to today"),
            );
        }
    }
    outdated(site, &mut diags);
    diags
}

/// A translation whose date (`updated`, else `reviewed`) is older than its source's.
fn outdated(site: &Site, diags: &mut Vec<Diagnostic>) {
    let default = site.locales.default;
    for group in site.groups.values() {
        let Some(source) = group[default]
            .map(|i| &site.pages[i])
            .filter(|p| p.fallback_from.is_none())
        else {
            continue;
        };
        let changed = |p: &Page| p.meta().updated.or(p.meta().reviewed);
        let Some(source_date) = changed(source) else {
            continue;
        };
        for page in group
            .iter()
            .flatten()
            .map(|&i| &site.pages[i])
            .filter(|p| p.lang() != default && p.fallback_from.is_none())
        {
            if changed(page).is_some_and(|d| d < source_date) {
                let key = if page.meta().updated.is_some() {
                    "updated"
                } else {
                    "reviewed"
                };
                diags.push(
                    Diagnostic::warning(
                        "outdated-translation",
                        &page.src.file,
                        format!(
                            "{} changed on {}, after this translation ({})",
                            source.src.file.display(),
                            String::from(source_date),
                            String::from(changed(page).unwrap_or(source_date))
                        ),
                    )
                    .at(key_pos(&page.src.text, &[key]))
                    .hint(format!(
                        "bring the translation up to date, then set `{key}:`"
                    )),
                );
            }
        }
    }
}
