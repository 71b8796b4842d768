//! Checklists a team works through during a live incident: every one says how it is used
//! (read-do or do-confirm) and when each step is due; a page that names a severity level has
//! one; and a list of alternatives is written as a decision, not as steps to tick in turn.
//!
//! Which checklists are live is `checklist::is_live`.

use rayon::prelude::*;

use super::terms::contains_word;
use crate::checklist::{Checklist, ItemKind};
use crate::content::{Format, PageKind};
use crate::diagnostics::{Diagnostic, Pos, key_pos, locate, locate_yaml_value};
use crate::site::{Page, Site};

/// Items a list needs before it reads as a set of alternatives rather than a pair of steps.
const MIN_ALTERNATIVES: usize = 3;

/// Warnings about live-incident checklists.
pub fn check(site: &Site) -> Vec<Diagnostic> {
    site.pages
        .par_iter()
        .filter(|p| p.fallback_from.is_none() && !p.src.generated)
        .flat_map_iter(|page| {
            let words = Words::of(site, page);
            let mut diags = Vec::new();
            for c in &page.checklists {
                if c.live {
                    untimed(page, c, &mut diags);
                }
                if let Some(d) = alternatives(page, c, &words) {
                    diags.push(d);
                }
            }
            incident_without_live_list(page, &mut diags);
            diags
        })
        .collect()
}

/// A live checklist without a mode, or with steps that have no time target.
fn untimed(page: &Page, c: &Checklist, diags: &mut Vec<Diagnostic>) {
    let file = &page.src.file;
    if c.mode.is_none() {
        let hint = match page.src.format {
            Format::Markdown => format!(
                "say how the list is used on its heading: `{{#{} mode=read-do}}` (read a step, do it) or mode=do-confirm (do from memory, then confirm)",
                c.id
            ),
            Format::Yaml => "add `mode: read-do` (read a step, do it) or `mode: do-confirm` (do from memory, then confirm)".into(),
        };
        diags.push(
            Diagnostic::warning(
                "live-without-mode",
                file,
                format!(
                    "live checklist `{}` does not say whether it is read-do or do-confirm",
                    c.id
                ),
            )
            .at(checklist_pos(page, c))
            .hint(hint),
        );
    }
    let untimed: Vec<_> = c.items.iter().filter(|i| i.due.is_none()).collect();
    if let Some(first) = untimed.first() {
        let hint = match page.src.format {
            Format::Markdown => {
                "add `due=T+15m` (minutes, hours or days after the start) to each step's `{#id …}`"
            }
            Format::Yaml => {
                "add `due: T+15m` (minutes, hours or days after the start) to each item"
            }
        };
        diags.push(
            Diagnostic::warning(
                "live-without-times",
                file,
                format!(
                    "{} of {} steps of live checklist `{}` have no time target, the first `{}`",
                    untimed.len(),
                    c.items.len(),
                    c.id,
                    first.id
                ),
            )
            .at(item_pos(page, &first.id).unwrap_or_else(|| checklist_pos(page, c)))
            .hint(hint),
        );
    }
}

/// A page that names its severity level (a crisis page) but has nothing to work through live.
fn incident_without_live_list(page: &Page, diags: &mut Vec<Diagnostic>) {
    if page.meta().severity.is_none()
        || page.src.kind == PageKind::Runbook
        || page.checklists.is_empty()
        || page.checklists.iter().any(|c| c.live)
    {
        return;
    }
    let hint = match page.src.format {
        Format::Markdown => {
            "give the first-response list an incident phase and a mode: `## Act now {#act-now mode=read-do phase=respond}`"
        }
        Format::Yaml => "give the first-response checklist `phase: respond` and a `mode:`",
    };
    diags.push(
        Diagnostic::warning(
            "incident-without-live-list",
            &page.src.file,
            "this page names a severity level, but none of its checklists is for the live incident",
        )
        .at(key_pos(&page.src.text, &["severity"]))
        .hint(hint),
    );
}

/// The language's words for "choose one of" and "or …", from its strings file.
struct Words {
    choice: Vec<String>,
    starts: Vec<String>,
}

impl Words {
    fn of(site: &Site, page: &Page) -> Words {
        let list = |key| {
            site.locales
                .own_text(page.lang(), key)
                .map(|s| {
                    s.split(',')
                        .map(|w| w.trim().to_lowercase())
                        .filter(|w| !w.is_empty())
                        .collect()
                })
                .unwrap_or_default()
        };
        Words {
            choice: list("lint-choice-words"),
            starts: list("lint-alternative-starts"),
        }
    }
}

/// A list whose items are alternatives: introduced as a choice, or with items that start
/// "or …". One decision item with the options in its note is what the team needs instead.
fn alternatives(page: &Page, c: &Checklist, words: &Words) -> Option<Diagnostic> {
    if c.items.len() < MIN_ALTERNATIVES || c.items.iter().any(|i| i.kind == ItemKind::Decision) {
        return None;
    }
    let lead = lead_in(page, c).to_lowercase();
    let introduced = words.choice.iter().any(|w| contains_word(&lead, w));
    let starting = c
        .items
        .iter()
        .filter(|i| {
            let text = plain(&i.html).to_lowercase();
            words.starts.iter().any(|w| {
                text.strip_prefix(w.as_str())
                    .is_some_and(|rest| rest.starts_with(|ch: char| !ch.is_alphanumeric()))
            })
        })
        .count();
    if !introduced && starting < 2 {
        return None;
    }
    let hint = match page.src.format {
        Format::Markdown => {
            "if only one of them is done, write one item `{#id kind=decision}` that names the options, then the steps that follow the choice"
        }
        Format::Yaml => {
            "if only one of them is done, write one item with `kind: decision` and the options in its `note`, then the steps that follow the choice"
        }
    };
    Some(
        Diagnostic::warning(
            "alternatives-as-steps",
            &page.src.file,
            format!("the items of checklist `{}` read as alternatives to choose from, not steps to do in turn", c.id),
        )
        .at(checklist_pos(page, c))
        .hint(hint),
    )
}

/// What introduces a checklist: its title and `when`, and in Markdown the text between the
/// heading above it and its first item.
fn lead_in(page: &Page, c: &Checklist) -> String {
    let mut lead = c.title.clone().unwrap_or_default();
    if let Some(when) = &c.when_html {
        lead.push(' ');
        lead.push_str(&plain(when));
    }
    if page.src.format == Format::Markdown
        && let Some(first) = c.items.first().and_then(|i| item_pos(page, &i.id))
    {
        let lines: Vec<&str> = page.src.text.lines().take(first.line - 1).collect();
        let above = lines
            .iter()
            .rev()
            .take_while(|l| !l.trim_start().starts_with('#'))
            .copied()
            .collect::<Vec<_>>();
        for line in above.into_iter().rev() {
            lead.push(' ');
            lead.push_str(line);
        }
    }
    lead
}

/// HTML without its tags, for looking at the words.
fn plain(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for ch in html.chars() {
        match ch {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => out.push(ch),
            _ => {}
        }
    }
    out
}

fn checklist_pos(page: &Page, c: &Checklist) -> Pos {
    let text = &page.src.text;
    match page.src.format {
        Format::Markdown => {
            locate_attr(text, &c.id).or_else(|| c.items.first().and_then(|i| item_pos(page, &i.id)))
        }
        Format::Yaml => locate_yaml_value(text, "id", &c.id, 0),
    }
    .unwrap_or_default()
}

fn item_pos(page: &Page, id: &str) -> Option<Pos> {
    let text = &page.src.text;
    match page.src.format {
        Format::Markdown => locate_attr(text, id),
        Format::Yaml => locate_yaml_value(text, "id", id, 0),
    }
}

/// Where `{#id}` or `{#id …}` is written (not `{#id-more}`).
fn locate_attr(text: &str, id: &str) -> Option<Pos> {
    locate(text, &format!("{{#{id}}}"), 0).or_else(|| locate(text, &format!("{{#{id} "), 0))
}
