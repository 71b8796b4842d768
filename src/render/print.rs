//! Paper: every structured page (checklist, routine, runbook) gets a print view laid out as a
//! form; runbooks also get a facilitator packet with the injects, evaluation criteria and debrief;
//! each language gets bundles that print a whole set at once. Links on paper become numbered
//! footnotes with short URLs (see `footnotes`).

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use super::context::{InjectCtx, RoleCtx, injects_ctx, lang_ctx, roles_ctx, site_ctx};
use super::footnotes::footnote_links;
use super::forms::{FieldCtx, MessageCtx, fields_ctx, messages_ctx};
use super::theme::Theme;
use crate::checklist::Checklist;
use crate::content::{Date, IncidentSeverity, PageKind, Recurrence};
use crate::diagnostics::Diagnostic;
use crate::locale::LangId;
use crate::markdown;
use crate::output::{OutFile, Sink};
use crate::paths::{self, bundle_path, view_path};
use crate::site::{Page, PageId, Site};

/// A print bundle of one language: a folder under `<lang>/print/` printing pages of one kind.
struct BundleKind {
    name: &'static str,
    kind: PageKind,
    facilitator: bool,
}

const BUNDLES: [BundleKind; 5] = [
    BundleKind {
        name: "drills",
        kind: PageKind::Runbook,
        facilitator: false,
    },
    BundleKind {
        name: "drills-facilitator",
        kind: PageKind::Runbook,
        facilitator: true,
    },
    BundleKind {
        name: "routines",
        kind: PageKind::Routine,
        facilitator: false,
    },
    BundleKind {
        name: "checklists",
        kind: PageKind::Checklist,
        facilitator: false,
    },
    BundleKind {
        name: "forms",
        kind: PageKind::Form,
        facilitator: false,
    },
];

/// A print bundle with pages, for links from the site.
pub struct Bundle {
    /// Its folder under `<lang>/print/` (`drills`).
    pub name: &'static str,
    /// Its output path.
    pub path: String,
    /// How many forms it prints.
    pub count: usize,
}

/// One page as a paper form.
#[derive(Serialize)]
struct Form<'a> {
    /// Id for the bundle's table of contents.
    anchor: String,
    title: &'a str,
    summary: Option<&'a str>,
    kind: PageKind,
    severity: Option<IncidentSeverity>,
    version: Option<&'a str>,
    reviewed: Option<Date>,
    recurrence: Option<Recurrence>,
    /// Short URL of the web version, printed in the header and footer.
    web: String,
    scenario: Option<&'a str>,
    body: &'a str,
    roles: Vec<RoleCtx<'a>>,
    checklists: &'a [Checklist],
    /// Severity pages: the levels, as a card.
    levels: &'a [crate::site::Level],
    /// Message pages: the templates, as fill-in sheets.
    messages: Vec<MessageCtx<'a>>,
    /// Form pages: the fields, with writing space.
    fields: Vec<FieldCtx<'a>>,
    /// Facilitator packet only.
    injects: Vec<InjectCtx<'a>>,
    evaluation: &'a [String],
    debrief: &'a [String],
}

/// Does the page get a print view? Checklists, routines and runbooks do, and Markdown pages
/// with task lists.
pub fn has_print_view(page: &Page) -> bool {
    match page.src.kind {
        PageKind::Checklist
        | PageKind::Routine
        | PageKind::Runbook
        | PageKind::Severity
        | PageKind::Messages
        | PageKind::Form => true,
        PageKind::Page => !page.checklists.is_empty(),
        PageKind::Home | PageKind::Section => false,
    }
}

/// Whether a page is printed in the bundle of pages of `kind`: Markdown pages with task lists
/// go with the checklists; message sheets and the severity card with the forms.
fn in_bundle(page: &Page, kind: PageKind) -> bool {
    page.src.kind == kind
        || (kind == PageKind::Checklist && page.src.kind == PageKind::Page && has_print_view(page))
        || (kind == PageKind::Form
            && matches!(page.src.kind, PageKind::Messages | PageKind::Severity))
}

/// The print bundles of a language that have at least one page.
pub fn bundles(site: &Site, lang: LangId) -> Vec<Bundle> {
    let code = &site.locales.languages[lang].code;
    BUNDLES
        .iter()
        .map(|b| Bundle {
            name: b.name,
            path: bundle_path(code, b.name),
            count: members(site, lang, b.kind).len(),
        })
        .filter(|b| b.count > 0)
        .collect()
}

/// The pages of one kind in a language, in reading order (top-level pages first).
fn members(site: &Site, lang: LangId, kind: PageKind) -> Vec<PageId> {
    let mut v: Vec<PageId> = Vec::new();
    for s in std::iter::once(String::new()).chain(
        site.sections(lang)
            .iter()
            .copied()
            .map(|i| site.pages[i].src.section.clone()),
    ) {
        v.extend(
            site.section_pages(lang, &s)
                .iter()
                .copied()
                .filter(|&i| in_bundle(&site.pages[i], kind)),
        );
    }
    v
}

fn short_url(url: &str) -> String {
    let u = url.split_once("://").map_or(url, |(_, r)| r);
    u.trim_end_matches("index.html").to_string()
}

/// The id of a page's form in a bundle, which the bundle's contents link to.
fn anchor(page: &Page) -> String {
    page.src.key().replace('/', "-")
}

fn form<'a>(site: &'a Site, i: PageId, facilitator: bool) -> Form<'a> {
    let page = &site.pages[i];
    let m = page.meta();
    Form {
        anchor: anchor(page),
        title: page.title(),
        summary: m.summary.as_deref(),
        kind: page.src.kind,
        severity: m.severity,
        version: m.version.as_deref(),
        reviewed: m.reviewed,
        recurrence: m.recurrence,
        web: short_url(&format!("{}{}", site.config.base_url(), page.pretty_path())),
        scenario: page.structured.scenario_html.as_deref(),
        body: &page.html,
        roles: roles_ctx(site, page),
        checklists: &page.checklists,
        levels: &page.structured.levels,
        messages: messages_ctx(page),
        fields: fields_ctx(page),
        injects: if facilitator {
            injects_ctx(page)
        } else {
            Vec::new()
        },
        evaluation: if facilitator {
            &page.structured.evaluation
        } else {
            &[]
        },
        debrief: if facilitator {
            &page.structured.debrief
        } else {
            &[]
        },
    }
}

/// Every print view and bundle of the site.
pub fn render_all(site: &Site, theme: &Theme, sink: Sink) -> Vec<Diagnostic> {
    let all: Vec<PageId> = (0..site.pages.len()).collect();
    render_pages(site, theme, &all, sink)
}

/// One page's paper form, `partials/print-form.html` rendered once: the same `<article>` stands
/// in the page's own print view and in its language's bundle.
struct Article {
    page: PageId,
    facilitator: bool,
    html: String,
}

/// What the print templates get of a form: `partials/print-form.html` has it whole.
#[derive(Serialize)]
struct FormRef<'a> {
    anchor: String,
    title: &'a str,
    kind: PageKind,
    html: &'a str,
}

/// The print views of the pages `which`, and every bundle (they may hold those pages).
pub fn render_pages(site: &Site, theme: &Theme, which: &[PageId], sink: Sink) -> Vec<Diagnostic> {
    let mut selected = vec![false; site.pages.len()];
    for &i in which {
        selected[i] = true;
    }
    let mut wanted = selected.clone();
    let mut bundles: Vec<(LangId, usize)> = Vec::new();
    for lang in 0..site.locales.languages.len() {
        for (n, b) in BUNDLES.iter().enumerate() {
            let members = members(site, lang, b.kind);
            if !members.is_empty() {
                for &m in &members {
                    wanted[m] = true;
                }
                bundles.push((lang, n));
            }
        }
    }
    // Every form is rendered once, then placed in its view and in its bundle.
    let forms: Vec<(PageId, bool)> = (0..site.pages.len())
        .filter(|&i| wanted[i] && has_print_view(&site.pages[i]))
        .flat_map(|i| {
            let runbook = site.pages[i].src.kind == PageKind::Runbook;
            std::iter::once((i, false)).chain(runbook.then_some((i, true)))
        })
        .collect();
    let (articles, mut diags): (Vec<Article>, Vec<Diagnostic>) = forms
        .par_iter()
        .map(|&(page, facilitator)| article(site, theme, page, facilitator))
        .partition_map(|r| match r {
            Ok(a) => rayon::iter::Either::Left(a),
            Err(d) => rayon::iter::Either::Right(d),
        });
    let by_form: Articles = articles
        .iter()
        .map(|a| ((a.page, a.facilitator), a))
        .collect();
    if !diags.is_empty() {
        diags.dedup_by(|a, b| a.file == b.file && a.message == b.message);
        return diags;
    }
    // Bundles first: each is one long file, so they start while the many small views fill in
    // around them instead of trailing at the end on one core.
    let mut jobs: Vec<Job> = bundles
        .into_iter()
        .map(|(lang, bundle)| Job::Bundle { lang, bundle })
        .collect();
    jobs.extend(
        forms
            .iter()
            .filter(|&&(page, _)| selected[page])
            .map(|&(page, facilitator)| Job::View { page, facilitator }),
    );
    let mut diags: Vec<Diagnostic> = jobs
        .par_iter()
        .flat_map_iter(|job| match job.render(site, theme, &by_form) {
            Ok(files) => files
                .into_iter()
                .filter_map(|f| sink(f).err())
                .collect::<Vec<_>>(),
            Err(d) => vec![d],
        })
        .collect();
    diags.dedup_by(|a, b| a.file == b.file && a.message == b.message);
    diags
}

/// Render one page's form with the print templates' shared variables.
fn article(
    site: &Site,
    theme: &Theme,
    page: PageId,
    facilitator: bool,
) -> Result<Article, Diagnostic> {
    let p = &site.pages[page];
    let lang = p.lang();
    let mut ctx = Context::new();
    ctx.insert("site", &site_ctx(site, lang));
    ctx.insert("lang", &lang_ctx(&site.locales.languages[lang]));
    ctx.insert("f", &form(site, page, facilitator));
    ctx.insert("packet", packet(p.src.kind, facilitator));
    let mut html = theme.render(site, lang, "partials/print-form.html", &ctx)?;
    // Kept until the bundles are written: Tera's buffer is sized for much more.
    html.shrink_to_fit();
    Ok(Article {
        page,
        facilitator,
        html,
    })
}

fn form_ref<'a>(site: &'a Site, a: &'a Article) -> FormRef<'a> {
    let p = &site.pages[a.page];
    FormRef {
        anchor: anchor(p),
        title: p.title(),
        kind: p.src.kind,
        html: &a.html,
    }
}

type Articles<'a> = rustc_hash::FxHashMap<(PageId, bool), &'a Article>;

enum Job {
    View { page: PageId, facilitator: bool },
    Bundle { lang: LangId, bundle: usize },
}

/// What a print job's file says about itself: where it goes, its template and its footer.
struct Sheet {
    lang: LangId,
    path: String,
    template: &'static str,
    title: String,
    version: Option<String>,
    /// Short URL of the web version.
    web: String,
}

/// Which packet a form belongs to, for the template.
fn packet(kind: PageKind, facilitator: bool) -> &'static str {
    if facilitator {
        "facilitator"
    } else if kind == PageKind::Runbook {
        "participant"
    } else {
        "sheet"
    }
}

impl Job {
    fn sheet(&self, site: &Site) -> Sheet {
        match *self {
            Job::View { page, facilitator } => {
                let p = &site.pages[page];
                Sheet {
                    lang: p.lang(),
                    path: view_path(&p.path, facilitator),
                    template: "print.html",
                    title: p.title().to_string(),
                    version: p.meta().version.clone(),
                    web: short_url(&format!("{}{}", site.config.base_url(), p.pretty_path())),
                }
            }
            Job::Bundle { lang, bundle } => {
                let code = &site.locales.languages[lang].code;
                let name = BUNDLES[bundle].name;
                Sheet {
                    lang,
                    path: bundle_path(code, name),
                    template: "print-all.html",
                    title: site
                        .locales
                        .text(lang, &format!("print-bundle-{name}"), None),
                    version: None,
                    web: short_url(&format!("{}{code}/", site.config.base_url())),
                }
            }
        }
    }

    /// The job's own variables: its form (or forms), packet and the web page it prints.
    fn fill(&self, site: &Site, articles: &Articles, ctx: &mut Context) {
        match *self {
            Job::View { page, facilitator } => {
                let p = &site.pages[page];
                if let Some(a) = articles.get(&(page, facilitator)) {
                    ctx.insert("form", &form_ref(site, a));
                }
                ctx.insert("packet", packet(p.src.kind, facilitator));
                ctx.insert("web_path", &p.path);
                let other =
                    (p.src.kind == PageKind::Runbook).then(|| view_path(&p.path, !facilitator));
                ctx.insert("other_packet", &other);
            }
            Job::Bundle { lang, bundle } => {
                let b = &BUNDLES[bundle];
                let forms: Vec<FormRef> = members(site, lang, b.kind)
                    .into_iter()
                    .filter_map(|i| articles.get(&(i, b.facilitator)))
                    .map(|a| form_ref(site, a))
                    .collect();
                ctx.insert("forms", &forms);
                ctx.insert("packet", packet(b.kind, b.facilitator));
                let code = &site.locales.languages[lang].code;
                ctx.insert("web_path", &format!("{code}/index.html"));
            }
        }
    }

    fn render(
        &self,
        site: &Site,
        theme: &Theme,
        articles: &Articles,
    ) -> Result<Vec<OutFile>, Diagnostic> {
        let sheet = self.sheet(site);
        let lang = sheet.lang;
        let root = paths::root_prefix(&sheet.path);
        let mut ctx = Context::new();
        ctx.insert("site", &site_ctx(site, lang));
        ctx.insert("lang", &lang_ctx(&site.locales.languages[lang]));
        ctx.insert("root", &root);
        ctx.insert("title", &sheet.title);
        self.fill(site, articles, &mut ctx);
        // A bundle is megabytes: each pass's input is dropped as soon as its output exists (a
        // shadowed binding would live to the end of the function).
        let rooted = markdown::set_root(&theme.render(site, lang, sheet.template, &ctx)?, &root);
        drop(ctx);
        let page_url = format!("{}{}", site.config.base_url(), sheet.path);
        let heading = site.locales.text(lang, "print-links", None);
        let html = footnote_links(&rooted, &page_url, &heading);
        drop(rooted);
        let footer = footer_css(
            site,
            lang,
            &sheet.title,
            sheet.version.as_deref(),
            &sheet.web,
        );
        let css_path = format!("{}print-footer.css", paths::pretty(&sheet.path));
        Ok(vec![
            OutFile {
                path: sheet.path,
                bytes: html.into_bytes(),
            },
            OutFile {
                path: css_path,
                bytes: footer.into_bytes(),
            },
        ])
    }
}

/// `@page` rules with this view's footer on every sheet: title, version and short URL on one
/// side, "page X of Y" in the page's language on the other.
fn footer_css(site: &Site, lang: LangId, title: &str, version: Option<&str>, web: &str) -> String {
    let language = &site.locales.languages[lang];
    let rtl = language.dir == crate::config::Direction::Rtl;
    let mut args = fluent_bundle::FluentArgs::new();
    args.set("page", "\u{1}");
    args.set("pages", "\u{2}");
    let pages = site.locales.text(lang, "print-page-of", Some(&args));
    let pages = css_string(&pages)
        .replace('\u{1}', "\" counter(page) \"")
        .replace('\u{2}', "\" counter(pages) \"");
    let mut left = title.to_string();
    if let Some(v) = version {
        left.push_str(&format!(
            " · {} {v}",
            site.locales.text(lang, "version", None)
        ));
    }
    left.push_str(&format!(" · {web}"));
    let (start, end) = if rtl {
        ("right", "left")
    } else {
        ("left", "right")
    };
    let dir = language.dir.as_str();
    // A CSS string holds no markup: left-to-right runs (the address, a version) are isolated
    // with invisible marks, or "/example.org/…" would come out with its slash in front.
    let left = if rtl {
        markdown::isolate_ltr_marks(&left)
    } else {
        left
    };
    format!(
        "/* Generated by keel: the footer of this print view. */\n@page {{\n  @bottom-{start} {{ content: {}; direction: {dir}; font: 8pt system-ui, sans-serif; color: #444; }}\n  @bottom-{end} {{ content: {pages}; direction: {dir}; font: 8pt system-ui, sans-serif; color: #444; }}\n}}\n",
        css_string(&left)
    )
}

/// A CSS string literal.
fn css_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_strings_are_escaped() {
        assert_eq!(css_string("a \"b\" \\ c\nd"), "\"a \\\"b\\\" \\\\ c d\"");
    }
}
