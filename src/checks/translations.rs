//! Translations: a page missing in a language is a warning; translations must carry the same
//! checklist and item ids (that is what shares a checklist's state between languages), the same
//! message templates with the same placeholders, and the same form fields.

use std::path::PathBuf;

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, locate};
use crate::site::{PageId, Site};

/// Translations must carry the same checklist and item ids as the default language (that is
/// what shares a checklist's state between languages); a page missing in a language is a
/// warning.
///
/// A language with no pages of its own yet (just added to `keel.yaml`) is not reported page by
/// page: all of it is shown from the default language, or left out. Once it has a page, each page
/// still missing is a warning.
pub fn check(site: &Site) -> Vec<Diagnostic> {
    let mut started = vec![false; site.locales.languages.len()];
    for p in &site.pages {
        if p.fallback_from.is_none() && !p.src.generated {
            started[p.lang()] = true;
        }
    }
    site.groups
        .par_iter()
        .flat_map_iter(|(key, group)| check_group(site, key, group, &started))
        .collect()
}

fn check_group(
    site: &Site,
    key: &str,
    group: &[Option<PageId>],
    started: &[bool],
) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let default = site.locales.default;
    let generated = |i: PageId| site.pages[i].src.generated;
    if group[default].is_some_and(generated) {
        return diags;
    }
    // A generated index page (a section or home page no file was written for) has no content to
    // compare: it is a missing translation, never one with other ids.
    let real: Vec<PageId> = site
        .translations(group)
        .into_iter()
        .filter(|&i| !generated(i))
        .collect();
    let Some(&reference) = real
        .iter()
        .find(|&&i| site.pages[i].lang() == default)
        .or(real.first())
    else {
        return diags;
    };
    for (lang, slot) in group.iter().enumerate() {
        let missing = slot.is_none_or(|i| site.pages[i].fallback_from.is_some() || generated(i));
        if missing && started[lang] {
            let code = &site.locales.languages[lang].code;
            let src = &site.pages[reference].src;
            let rel = src.file.iter().skip(2).collect::<PathBuf>();
            diags.push(
                Diagnostic::warning(
                    "missing-translation",
                    &src.file,
                    format!("`{key}` has no {code} version"),
                )
                .hint(format!("write content/{code}/{}", rel.display())),
            );
        }
    }
    let ids = |i: PageId| shared_ids(&site.pages[i]);
    let show = |(c, item): &(&str, &str)| {
        if item.is_empty() {
            c.to_string()
        } else {
            format!("{c}/{item}")
        }
    };
    let want = ids(reference);
    // Sets, so that checklists of thousands of items compare in linear time.
    let want_set: std::collections::HashSet<&(&str, &str)> = want.iter().collect();
    for &other in real.iter().filter(|&&i| i != reference) {
        let have = ids(other);
        if have == want {
            continue;
        }
        let have_set: std::collections::HashSet<&(&str, &str)> = have.iter().collect();
        let missing: Vec<String> = want
            .iter()
            .filter(|id| !have_set.contains(id))
            .map(show)
            .collect();
        let extra: Vec<String> = have
            .iter()
            .filter(|id| !want_set.contains(id))
            .map(show)
            .collect();
        if missing.is_empty() && extra.is_empty() {
            continue;
        }
        let mut msg = format!(
            "ids differ from {}",
            site.pages[reference].src.file.display()
        );
        if !missing.is_empty() {
            msg.push_str(&format!("; missing: {}", missing.join(", ")));
        }
        if !extra.is_empty() {
            msg.push_str(&format!("; extra: {}", extra.join(", ")));
        }
        let pos = extra
            .first()
            .and_then(|id| {
                locate(
                    &site.pages[other].src.text,
                    id.rsplit('/').next().unwrap_or(id),
                    0,
                )
            })
            .unwrap_or_default();
        diags.push(
            Diagnostic::error("translation-ids", &site.pages[other].src.file, msg)
                .at(pos)
                .hint("use the same checklist and item ids (written checklist/item above), template ids and placeholders (template/placeholder), and form field and column ids (field/column) in every language"),
        );
    }
    diags
}

/// What keys a page's state and must match between languages: (checklist, item or "" for the
/// checklist itself), (template, placeholder it uses) and (form field, column), written `a/b`.
fn shared_ids(page: &crate::site::Page) -> Vec<(&str, &str)> {
    let checklists = page.checklists.iter().flat_map(|c| {
        std::iter::once((c.id.as_str(), ""))
            .chain(c.items.iter().map(|it| (c.id.as_str(), it.id.as_str())))
    });
    let m = page.meta();
    let messages = m.messages.iter().flatten().flat_map(|msg| {
        let mut slots = msg.slots();
        slots.sort_unstable();
        std::iter::once((msg.id.as_str(), ""))
            .chain(slots.into_iter().map(|s| (msg.id.as_str(), s)))
    });
    let fields = m.fields.iter().flatten().flat_map(|f| {
        std::iter::once((f.id.as_str(), "")).chain(
            f.columns
                .iter()
                .flatten()
                .map(|c| (f.id.as_str(), c.id.as_str())),
        )
    });
    checklists.chain(messages).chain(fields).collect()
}
