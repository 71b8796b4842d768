//! Web pages: every page through its template (`home.html`, `section.html`, `page.html` or its
//! own), with navigation, translations and checklists; the root language chooser and the 404
//! page.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Value};

use super::context::{
    AlternateCtx, InjectCtx, LangCtx, LinkCtx, RoleCtx, SectionCtx, TranslationCtx, alternates,
    injects_ctx, lang_ctx, link, links, roles_ctx, site_ctx,
};
use super::footnotes::footnote_links;
use super::print;
use super::theme::Theme;
use crate::checklist::Checklist;
use crate::content::{Date, IncidentSeverity, PageKind, Recurrence};
use crate::diagnostics::Diagnostic;
use crate::locale::LangId;
use crate::markdown::{self, CHECKLIST_MARK};
use crate::output::{OutFile, Sink};
use crate::paths::view_path;
use crate::site::{Page, PageId, Site};

/// What a page's template sees as `page`; documented in `docs/themes.md`.
#[derive(Serialize)]
struct PageCtx<'a> {
    title: &'a str,
    summary: Option<&'a str>,
    kind: PageKind,
    /// Translation key: the same in every language (checklist state is stored under it).
    key: String,
    path: &'a str,
    url: String,
    canonical: String,
    content: String,
    content_lang: &'a str,
    content_dir: &'a str,
    checklists: &'a [Checklist],
    item_count: usize,
    updated: Option<Date>,
    reviewed: Option<Date>,
    recurrence: Option<Recurrence>,
    severity: Option<IncidentSeverity>,
    /// The language's severity page, where the level is explained (a runbook links to it).
    severity_page: Option<String>,
    version: Option<&'a str>,
    scenario: Option<&'a str>,
    roles: Vec<RoleCtx<'a>>,
    injects: Vec<InjectCtx<'a>>,
    evaluation: &'a [String],
    debrief: &'a [String],
    /// Severity levels (severity pages).
    levels: &'a [crate::site::Level],
    /// Message templates (message pages).
    messages: Vec<super::forms::MessageCtx<'a>>,
    /// Form fields (form pages).
    fields: Vec<super::forms::FieldCtx<'a>>,
    related: Vec<LinkCtx<'a>>,
    prev: Option<LinkCtx<'a>>,
    next: Option<LinkCtx<'a>>,
    breadcrumbs: Vec<LinkCtx<'a>>,
    translations: Vec<TranslationCtx<'a>>,
    alternates: Vec<AlternateCtx>,
    fallback_from: Option<LangCtx<'a>>,
    /// Pages of a section (section pages) or sections with their pages (home).
    children: Vec<LinkCtx<'a>>,
    sections: Vec<SectionCtx<'a>>,
    /// Print view (paper form) of a structured page, and a runbook's facilitator packet.
    print: Option<String>,
    /// The routine's calendar file, for "add to calendar".
    calendar: Option<String>,
    print_facilitator: Option<String>,
    /// Home page: the language's print bundles.
    print_bundles: Vec<PrintBundleCtx>,
}

#[derive(Serialize)]
struct PrintBundleCtx {
    name: &'static str,
    path: String,
    count: usize,
}

/// Render every page plus the root language chooser and the 404 page into `sink`.
pub fn render_all(site: &Site, theme: &Theme, sink: Sink) -> Vec<Diagnostic> {
    let all: Vec<PageId> = (0..site.pages.len()).collect();
    let mut diags = render_pages(site, theme, &all, sink);
    for (template, path) in [("root.html", "index.html"), ("404.html", "404.html")] {
        let mut ctx = Context::new();
        ctx.insert("site", &site_ctx(site, site.locales.default));
        ctx.insert("root", "");
        let result = theme
            .render(site, site.locales.default, template, &ctx)
            .and_then(|html| {
                sink(OutFile {
                    path: path.into(),
                    bytes: html.into_bytes(),
                })
            });
        if let Err(d) = result {
            diags.push(d);
        }
    }
    diags
}

/// Render only the pages `which` (all of them, or the ones a changed file touched) into `sink`.
/// Each page goes to the sink as soon as it is rendered, so memory does not grow with the site.
pub fn render_pages(site: &Site, theme: &Theme, which: &[PageId], sink: Sink) -> Vec<Diagnostic> {
    which
        .par_iter()
        .map_init(SharedCtx::default, |shared, &i| {
            render_page(site, theme, i, shared).and_then(sink).err()
        })
        .flatten()
        .collect()
}

/// The part of a page's template context that only depends on its language and section
/// (`site`, `lang`, `nav`, `script_strings`, `cached`). Pages come in source order, so a worker
/// keeps it from one page to the next instead of serialising it again for every page.
#[derive(Default)]
struct SharedCtx {
    key: Option<(LangId, String)>,
    ctx: Context,
}

impl SharedCtx {
    fn get(
        &mut self,
        site: &Site,
        theme: &Theme,
        lang: LangId,
        page: &Page,
    ) -> Result<&mut Context, Diagnostic> {
        // Pages at the root of a language are each their own place in the navigation.
        let place = match (page.src.section.as_str(), page.src.slug.as_str()) {
            ("", slug) => slug,
            (section, _) => section,
        };
        let same = |(l, s): &(LangId, String)| *l == lang && s == place;
        if !self.key.as_ref().is_some_and(same) {
            self.key = None;
            self.ctx = shared_ctx(site, theme, lang, &page.src.section, place)?;
            self.key = Some((lang, place.to_string()));
        }
        Ok(&mut self.ctx)
    }
}

fn shared_ctx(
    site: &Site,
    theme: &Theme,
    lang: LangId,
    section: &str,
    place: &str,
) -> Result<Context, Diagnostic> {
    // The top-level sections and the pages at the root of the language; the one the page is
    // in is current (the place of a root page is its own name).
    let top = place.split('/').next().unwrap_or("");
    let nav: Vec<LinkCtx> = site
        .listing(lang, "")
        .into_iter()
        .map(|s| {
            let p = &site.pages[s].src;
            let current = if p.slug.is_empty() {
                p.section == top
            } else {
                p.slug == place
            };
            LinkCtx {
                current: current && !top.is_empty(),
                ..link(site, s, usize::MAX)
            }
        })
        .collect();
    let mut ctx = Context::new();
    ctx.insert("site", &site_ctx(site, lang));
    ctx.insert("lang", &lang_ctx(&site.locales.languages[lang]));
    ctx.insert("nav", &nav);
    ctx.insert("section", section);
    ctx.insert("script_strings", &theme.script_strings[lang]);
    // Like Hugo's partialCached: the same for every page of a section, so rendered once.
    // Links in them get the page's real root prefix when the page is written.
    ctx.insert("root", markdown::ROOT_MARKER);
    let mut cached = BTreeMap::new();
    for name in &theme.cached {
        // The same for every page of a section: one error, not one per page.
        let html = theme.render(site, lang, name, &ctx).map_err(|d| {
            d.hint("a template in cached/ sees site, lang, nav, root and section, but no page")
        })?;
        let key = name.trim_start_matches("cached/").trim_end_matches(".html");
        cached.insert(key, html.trim_end().to_string());
    }
    ctx.insert("cached", &cached);
    Ok(ctx)
}

/// One page through its template, post-processed for its place in the output.
fn render_page(
    site: &Site,
    theme: &Theme,
    i: PageId,
    shared: &mut SharedCtx,
) -> Result<OutFile, Diagnostic> {
    let page = &site.pages[i];
    let lang = page.lang();
    let fail = |e: tera::Error, name: &str| {
        let mut d = theme.error(site, name, &e);
        d.message = format!("{} (rendering {})", d.message, page.src.file.display());
        d
    };
    let ctx = shared.get(site, theme, lang, page)?;
    // A page that failed on this worker may have left its own variables behind.
    ctx.remove("checklist");
    ctx.insert("root", &page.root_prefix());
    let page_value =
        Value::try_from_serializable(&page_ctx(site, i)).map_err(|e| fail(e, "page"))?;
    let html = splice_checklists(theme, lang, page, &page_value, ctx)
        .map_err(|(e, name)| fail(e, name))?;
    let mut page_map = page_value.into_map().unwrap_or_default();
    page_map.insert(
        tera::value::Key::String("content".into()),
        Value::from(html),
    );
    ctx.insert_value("page", Value::from(page_map));
    let template = match (&page.meta().template, page.src.kind) {
        (Some(t), _) => t.as_str(),
        (None, PageKind::Home) => "home.html",
        (None, PageKind::Section) => "section.html",
        (None, _) => "page.html",
    };
    let out = theme.teras[lang]
        .render(template, ctx)
        .map_err(|e| fail(e, template))?;
    ctx.remove("page");
    let out = markdown::set_root(&out, &page.root_prefix());
    let out = footnote_links(
        &out,
        &format!("{}{}", site.config.base_url(), page.path),
        &site.locales.text(lang, "print-links", None),
    );
    Ok(OutFile {
        path: page.path.clone(),
        bytes: out.into_bytes(),
    })
}

/// The page's HTML with each Markdown task list replaced by the theme's checklist partial, in
/// one pass over the HTML (a page may hold thousands of checklists).
fn splice_checklists(
    theme: &Theme,
    lang: LangId,
    page: &Page,
    page_value: &Value,
    ctx: &mut Context,
) -> Result<String, (tera::Error, &'static str)> {
    let src = page.html.as_str();
    let finder = memchr::memmem::Finder::new(CHECKLIST_MARK);
    if finder.find(src.as_bytes()).is_none() {
        return Ok(page.html.clone());
    }
    ctx.insert_value("page", page_value.clone());
    let checklists = page_value
        .get_from_path("checklists")
        .and_then(Value::as_array);
    let mut html = String::with_capacity(src.len());
    let mut from = 0;
    for at in finder.find_iter(src.as_bytes()) {
        let rest = &src[at + CHECKLIST_MARK.len()..];
        let Some((n, tail)) = rest.split_once("-->") else {
            continue;
        };
        let Ok(n) = n.parse::<usize>() else {
            continue;
        };
        if n >= page.checklists.len() {
            continue;
        }
        html.push_str(&src[from..at]);
        let checklist = checklists
            .and_then(|c| c.get(n))
            .cloned()
            .unwrap_or_else(Value::none);
        ctx.insert_value("checklist", checklist);
        let rendered = theme.teras[lang]
            .render("partials/checklist.html", ctx)
            .map_err(|e| (e, "partials/checklist.html"))?;
        html.push_str(&rendered);
        from = src.len() - tail.len();
    }
    html.push_str(&src[from..]);
    ctx.remove("checklist");
    ctx.remove("page");
    Ok(html)
}

/// Where a page sits among the others: previous and next in its section, its children.
#[derive(Default)]
struct Nav<'a> {
    prev: Option<LinkCtx<'a>>,
    next: Option<LinkCtx<'a>>,
    children: Vec<LinkCtx<'a>>,
    sections: Vec<SectionCtx<'a>>,
}

fn nav(site: &Site, i: PageId) -> Nav<'_> {
    let page = &site.pages[i];
    let lang = page.lang();
    let mut nav = Nav::default();
    match page.src.kind {
        PageKind::Home => {
            nav.children = links(site, site.section_pages(lang, ""), i);
            nav.sections = site
                .subsections(lang, "")
                .iter()
                .map(|&s| SectionCtx {
                    link: link(site, s, i),
                    pages: links(site, &site.listing(lang, &site.pages[s].src.section), i),
                })
                .collect();
        }
        PageKind::Section => nav.children = links(site, &site.listing(lang, &page.src.section), i),
        _ => {
            let siblings = site.section_pages(lang, &page.src.section);
            if let Some(pos) = siblings.iter().position(|&s| s == i) {
                nav.prev = pos.checked_sub(1).map(|p| link(site, siblings[p], i));
                nav.next = siblings.get(pos + 1).map(|&n| link(site, n, i));
            }
        }
    }
    nav
}

fn breadcrumbs(site: &Site, i: PageId) -> Vec<LinkCtx<'_>> {
    let page = &site.pages[i];
    let lang = page.lang();
    let mut crumbs = vec![];
    if let Some(home) = site.find(lang, "") {
        crumbs.push(link(site, home, i));
    }
    // Every section the page is in, outermost first: `ops`, `ops/payments`.
    let section = &page.src.section;
    let mut ends: Vec<usize> = section.match_indices('/').map(|(at, _)| at).collect();
    ends.push(section.len());
    if page.src.slug.is_empty() {
        // A section's own index is the last crumb, added below.
        ends.pop();
    }
    for end in ends.into_iter().filter(|&e| e > 0) {
        if let Some(s) = site.find(lang, &format!("{}/", &section[..end])) {
            crumbs.push(link(site, s, i));
        }
    }
    if page.src.kind != PageKind::Home {
        crumbs.push(link(site, i, i));
    }
    crumbs
}

/// The language switcher: every language, with the page's translation where there is one.
fn translations<'a>(
    site: &'a Site,
    page: &Page,
    group: &[Option<PageId>],
) -> Vec<TranslationCtx<'a>> {
    site.locales
        .languages
        .iter()
        .enumerate()
        .map(|(l, lc)| {
            let target = group[l].map(|t| &site.pages[t]);
            TranslationCtx {
                code: &lc.code,
                name: &lc.name,
                dir: lc.dir.as_str(),
                path: target.map_or_else(|| format!("{}/index.html", lc.code), |t| t.path.clone()),
                available: target.is_some_and(|t| t.fallback_from.is_none()),
                current: l == page.lang(),
            }
        })
        .collect()
}

fn page_ctx(site: &Site, i: PageId) -> PageCtx<'_> {
    let page = &site.pages[i];
    let lang = page.lang();
    let key = page.src.key();
    let group = &site.groups[&key];
    let base = site.config.base_url();
    let source_page = page
        .fallback_from
        .and_then(|l| group[l])
        .map(|s| &site.pages[s]);
    let alternates = if page.fallback_from.is_some() {
        Vec::new()
    } else {
        alternates(site, &site.translations(group))
    };
    let related: Vec<PageId> = page
        .meta()
        .related
        .iter()
        .filter_map(|r| site.find(lang, r))
        .collect();
    let content_language = &site.locales.languages[page.fallback_from.unwrap_or(lang)];
    let Nav {
        prev,
        next,
        children,
        sections,
    } = nav(site, i);
    let m = page.meta();
    PageCtx {
        title: page.title(),
        summary: m.summary.as_deref(),
        kind: page.src.kind,
        url: format!("{base}{}", page.pretty_path()),
        canonical: format!("{base}{}", source_page.unwrap_or(page).pretty_path()),
        key,
        path: &page.path,
        content: String::new(),
        content_lang: &content_language.code,
        content_dir: content_language.dir.as_str(),
        checklists: &page.checklists,
        item_count: page.item_count(),
        updated: m.updated,
        reviewed: m.reviewed,
        recurrence: m.recurrence,
        severity: m.severity,
        severity_page: m.severity.and_then(|_| {
            site.pages
                .iter()
                .find(|p| p.lang() == page.lang() && p.src.kind == PageKind::Severity)
                .map(|p| p.path.clone())
        }),
        version: m.version.as_deref(),
        scenario: page.structured.scenario_html.as_deref(),
        roles: roles_ctx(site, page),
        injects: injects_ctx(page),
        evaluation: &page.structured.evaluation,
        debrief: &page.structured.debrief,
        levels: &page.structured.levels,
        messages: super::forms::messages_ctx(page),
        fields: super::forms::fields_ctx(page),
        related: links(site, &related, i),
        prev,
        next,
        breadcrumbs: breadcrumbs(site, i),
        translations: translations(site, page, group),
        alternates,
        fallback_from: page
            .fallback_from
            .map(|l| lang_ctx(&site.locales.languages[l])),
        children,
        sections,
        print: print::has_print_view(page).then(|| view_path(&page.path, false)),
        calendar: super::calendar::has_calendar(page).then(|| super::calendar::path(page)),
        print_facilitator: (page.src.kind == PageKind::Runbook)
            .then(|| view_path(&page.path, true)),
        print_bundles: if page.src.kind == PageKind::Home {
            print_bundles(site, lang)
        } else {
            Vec::new()
        },
    }
}

fn print_bundles(site: &Site, lang: LangId) -> Vec<PrintBundleCtx> {
    print::bundles(site, lang)
        .into_iter()
        .map(|b| PrintBundleCtx {
            name: b.name,
            path: b.path,
            count: b.count,
        })
        .collect()
}
