//! The Markdown stage over the loaded site: every page's body, checklists and structured parts
//! rendered to HTML, with links resolved against the site. It runs once every page is linked, so
//! a link can name any page.

use std::cell::RefCell;

use rayon::prelude::*;

use super::resolver::Links;
use super::{Inject, Level, Page, PageBody, PageId, Role, Site, Structured};
use crate::checklist::{self, Checklist, IdSet, Item};
use crate::config::Direction;
use crate::content::{Format, InjectSrc, PageSrc};
use crate::diagnostics::{Diagnostic, locate};
use crate::markdown::{self, CalloutKind, CalloutLabels, Ctx};

/// Render the pages `which` (in parallel) and store the results. Diagnostics of fallback copies
/// are dropped: their source page reports them.
pub(super) fn render_bodies(site: &mut Site, which: &[PageId], diags: &mut Vec<Diagnostic>) {
    let results: Vec<(PageBody, Vec<Diagnostic>)> =
        which.par_iter().map(|&i| render(site, i)).collect();
    for (&i, (body, d)) in which.iter().zip(results) {
        let page = &mut site.pages[i];
        page.set_body(body);
        if page.fallback_from.is_none() {
            diags.extend(d);
        }
    }
}

/// What the Markdown stage makes of one page, and the problems it found.
fn render(site: &Site, id: PageId) -> (PageBody, Vec<Diagnostic>) {
    let page = &site.pages[id];
    let src = &page.src;
    let resolver = Links {
        site,
        page: id,
        lang: page.lang(),
        file: &src.file,
        refs: RefCell::new(Vec::new()),
    };
    let labels = callout_labels(site, page.lang());
    let ctx = Ctx {
        file: &src.file,
        line_offset: src.text[..src.body_offset].matches('\n').count(),
        col_offset: 0,
        rtl: is_rtl(site, page),
        root: markdown::ROOT_MARKER,
        links: &resolver,
        labels: &labels,
        raw_html: site.config.raw_html,
    };
    let mut diags = Vec::new();
    let mut body = match src.format {
        Format::Markdown => {
            let r = markdown::render(src.body(), &ctx, &mut IdSet::default());
            diags.extend(r.diagnostics);
            let mut anchors = r.anchors;
            let mut known: std::collections::HashSet<String> = anchors.iter().cloned().collect();
            for c in &r.checklists {
                if known.insert(c.id.clone()) {
                    anchors.push(c.id.clone());
                }
            }
            PageBody {
                html: r.html,
                checklists: r.checklists,
                anchors,
                ..PageBody::default()
            }
        }
        Format::Yaml => Yaml::new(&ctx, &src.text, &mut diags).page(&src.meta),
    };
    for c in &mut body.checklists {
        for item in &mut c.items {
            if let Some(role) = &item.role {
                item.role_name = Some(site.role_name(page.lang(), role));
            }
        }
    }
    for level in &mut body.structured.levels {
        level.page_names = level
            .page
            .iter()
            .map(|r| site.role_name(page.lang(), r))
            .collect();
    }
    body.anchor_refs = resolver.refs.into_inner();
    (body, diags)
}

/// Right to left when the page's language is, unless it shows a left-to-right language's text.
/// The callout labels of a language (`callout-note = …` in its strings).
fn callout_labels(site: &Site, lang: usize) -> CalloutLabels {
    CalloutLabels(CalloutKind::ALL.map(|k| {
        site.locales
            .text(lang, &format!("callout-{}", k.name()), None)
    }))
}

fn is_rtl(site: &Site, page: &Page) -> bool {
    let dir = |l: usize| site.locales.languages[l].dir;
    dir(page.lang()) == Direction::Rtl
        && page.fallback_from.is_none_or(|l| dir(l) == Direction::Rtl)
}

/// Renders the Markdown strings of a YAML page, each placed by finding it in the file.
struct Yaml<'c, 'd> {
    ctx: &'c Ctx<'c>,
    text: &'c str,
    diags: &'d mut Vec<Diagnostic>,
}

impl<'c, 'd> Yaml<'c, 'd> {
    fn new(ctx: &'c Ctx<'c>, text: &'c str, diags: &'d mut Vec<Diagnostic>) -> Self {
        Yaml { ctx, text, diags }
    }

    fn inline(&mut self, md: &str) -> String {
        markdown::render_inline(md, &yaml_ctx(self.ctx, self.text, md), self.diags)
    }

    fn page(mut self, m: &PageSrc) -> PageBody {
        // Reserve the YAML ids first so body headings cannot take them.
        let mut ids = IdSet::default();
        for c in m.checklists.iter().flatten() {
            ids.insert(&c.id);
            for i in &c.items {
                ids.insert(&i.id);
            }
        }
        let body = m.body.as_deref().map(|b| {
            let mut r = markdown::render(b, &yaml_ctx(self.ctx, self.text, b), &mut ids);
            self.diags.append(&mut r.diagnostics);
            r
        });
        let structured = self.structured(m);
        let checklists: Vec<Checklist> = m
            .checklists
            .iter()
            .flatten()
            .map(|c| self.checklist(c))
            .collect();
        let mut anchors: Vec<String> = checklists.iter().map(|c| c.id.clone()).collect();
        // Severity levels, message templates and form tables are headings of their own.
        anchors.extend(structured.levels.iter().map(|l| l.id.as_str().to_string()));
        anchors.extend(m.messages.iter().flatten().map(|t| t.id.clone()));
        anchors.extend(
            m.fields
                .iter()
                .flatten()
                .filter(|f| f.columns.is_some())
                .map(|f| f.id.clone()),
        );
        let (html, mut all) = match body {
            Some(r) => {
                anchors.extend(r.anchors);
                (r.html, r.checklists)
            }
            None => (String::new(), Vec::new()),
        };
        // Task lists in `body` come first, then the structured checklists.
        all.extend(checklists);
        PageBody {
            html,
            checklists: all,
            anchors,
            structured,
            anchor_refs: Vec::new(),
        }
    }

    fn structured(&mut self, m: &PageSrc) -> Structured {
        let scenario_html = m.scenario.as_deref().map(|s| {
            let ctx = yaml_ctx(self.ctx, self.text, s);
            let r = markdown::render(s, &ctx, &mut IdSet::default());
            self.diags.extend(r.diagnostics);
            r.html
        });
        let roles = m
            .roles
            .iter()
            .flatten()
            .map(|r| Role {
                id: r.id.clone(),
                duty_html: r.duty.as_deref().map(|d| self.inline(d)),
            })
            .collect();
        let injects = m
            .injects
            .iter()
            .flatten()
            .map(|InjectSrc { at, say, expect }| Inject {
                at: at.clone(),
                say_html: self.inline(say),
                expect_html: expect.as_deref().map(|e| self.inline(e)),
            })
            .collect();
        let evaluation = m
            .evaluation
            .iter()
            .flatten()
            .map(|e| self.inline(e))
            .collect();
        let debrief = m.debrief.iter().flatten().map(|e| self.inline(e)).collect();
        let levels = m
            .levels
            .iter()
            .flatten()
            .map(|l| Level {
                id: l.id,
                criteria: l.criteria.iter().map(|c| self.inline(c)).collect(),
                examples: l.examples.iter().map(|c| self.inline(c)).collect(),
                page: l.page.clone(),
                page_names: Vec::new(),
                meet: l.meet.as_deref().map(|t| self.inline(t)),
                update: l.update.as_deref().map(|t| self.inline(t)),
                approve: l.approve.as_deref().map(|t| self.inline(t)),
                declare: l.declare.as_deref().map(|t| self.inline(t)),
            })
            .collect();
        Structured {
            scenario_html,
            roles,
            injects,
            evaluation,
            debrief,
            levels,
        }
    }

    fn checklist(&mut self, c: &checklist::ChecklistSrc) -> Checklist {
        Checklist {
            id: c.id.clone(),
            title: c.title.clone(),
            phase: c.phase,
            from_markdown: false,
            start: None,
            mode: c.mode,
            when_html: c.when.as_deref().map(|w| self.inline(w)),
            live: false,
            items: c
                .items
                .iter()
                .map(|i| Item {
                    id: i.id.clone(),
                    html: self.inline(&i.text),
                    role: i.role.clone(),
                    role_name: None,
                    due: i.due.clone(),
                    due_minutes: i.due.as_deref().and_then(checklist::parse_due),
                    note_html: i.note.as_deref().map(|n| self.inline(n)),
                    kind: i.kind,
                })
                .collect(),
        }
    }
}

/// A context for a Markdown string taken from a YAML file: the parser keeps no spans, so the
/// string's first line is looked up in the file to place messages.
fn yaml_ctx<'a>(c: &Ctx<'a>, file_text: &str, value: &str) -> Ctx<'a> {
    let first = value.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let pos = if first.is_empty() {
        None
    } else {
        locate(file_text, first, 0)
    };
    let (line_offset, col_offset) = pos.map_or((0, 0), |p| (p.line - 1, p.column - 1));
    Ctx {
        file: c.file,
        line_offset,
        col_offset,
        rtl: c.rtl,
        root: c.root,
        links: c.links,
        labels: c.labels,
        raw_html: c.raw_html,
    }
}
