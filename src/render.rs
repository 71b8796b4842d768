//! Render the loaded site with the theme's Tera templates into output files (path, bytes).
//! Templates get plain context objects documented in `docs/themes.md`; the interface-string
//! function `t(key=…, count=…)` is bound to the page's language.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Kwargs, State, Tera, Value};

use crate::checklist::Checklist;
use crate::content::{Date, PageKind, Recurrence, Severity};
use crate::diagnostics::{Diagnostic, Pos};
use crate::locale::Locales;
use crate::markdown::{escape, placeholder};
use crate::site::{Page, Site};

pub const TEMPLATES: [&str; 5] = [
    "page.html",
    "section.html",
    "home.html",
    "root.html",
    "404.html",
];

/// One file of output, relative to the output root.
pub struct OutFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

#[derive(Serialize)]
pub(crate) struct LangCtx<'a> {
    code: &'a str,
    name: &'a str,
    dir: &'a str,
    /// Root-relative path of the language's home page.
    home: String,
}

#[derive(Serialize)]
pub(crate) struct SiteCtx<'a> {
    title: &'a str,
    base_url: String,
    base_path: String,
    languages: Vec<LangCtx<'a>>,
    default_language: &'a str,
}

#[derive(Serialize)]
struct LinkCtx<'a> {
    title: &'a str,
    /// The section folder the page is in (`crises`), `""` at the top.
    section: &'a str,
    path: &'a str,
    summary: Option<&'a str>,
    kind: PageKind,
    current: bool,
    item_count: usize,
    reviewed: Option<Date>,
}

#[derive(Serialize)]
struct TranslationCtx<'a> {
    code: &'a str,
    name: &'a str,
    dir: &'a str,
    path: String,
    /// False when the page is not translated into this language yet.
    available: bool,
    current: bool,
}

#[derive(Serialize)]
struct AlternateCtx {
    hreflang: String,
    url: String,
}

#[derive(Serialize)]
pub(crate) struct RoleCtx<'a> {
    pub id: &'a str,
    pub name: String,
    pub duty: Option<&'a str>,
}

#[derive(Serialize)]
pub(crate) struct InjectCtx<'a> {
    pub at: &'a str,
    pub say: &'a str,
    pub expect: Option<&'a str>,
}

#[derive(Serialize)]
struct SectionCtx<'a> {
    #[serde(flatten)]
    link: LinkCtx<'a>,
    pages: Vec<LinkCtx<'a>>,
}

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
    severity: Option<Severity>,
    version: Option<&'a str>,
    scenario: Option<&'a str>,
    roles: Vec<RoleCtx<'a>>,
    injects: Vec<InjectCtx<'a>>,
    evaluation: &'a [String],
    debrief: &'a [String],
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

/// The theme's templates, one Tera instance per language so `t()` knows its language.
pub struct Theme {
    pub(crate) teras: Vec<Tera>,
    /// Templates under `cached/`, rendered once per language and section (see `SharedCtx`).
    cached: Vec<String>,
    /// Per language: the script's interface strings as JSON, computed once.
    script_strings: Vec<String>,
    pub static_dir: PathBuf,
}

impl Theme {
    pub fn load(site: &Site) -> Result<Theme, Vec<Diagnostic>> {
        let theme_dir = site.root.join("themes").join(&site.config.theme);
        let templates_dir = theme_dir.join("templates");
        let mut sources = Vec::new();
        let mut diags = Vec::new();
        for entry in walkdir::WalkDir::new(&templates_dir)
            .sort_by_file_name()
            .into_iter()
            .flatten()
        {
            let path = entry.path();
            if !entry.file_type().is_file()
                || crate::content::is_ignored(&entry.file_name().to_string_lossy())
            {
                continue;
            }
            let name = path
                .strip_prefix(&templates_dir)
                .unwrap_or(path)
                .to_string_lossy()
                .replace('\\', "/");
            match std::fs::read_to_string(path) {
                Ok(text) => sources.push((name, text)),
                Err(e) => diags.push(Diagnostic::error("io", rel(site, path), e.to_string())),
            }
        }
        let mut tera = Tera::default();
        tera.autoescape_on([".html", ".xml"]);
        tera.set_escape_fn(escape_attr);
        // Tera checks calls against the known functions as it parses; each language's Tera gets
        // its own `t()` below.
        tera.register_function("t", |_: Kwargs, _: &State| Value::none());
        if diags.is_empty()
            && let Err(e) =
                tera.add_raw_templates(sources.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        {
            diags.push(template_error(&templates_dir, site, "", &e));
        }
        for required in TEMPLATES.iter().chain(["partials/checklist.html"].iter()) {
            if diags.is_empty() && !sources.iter().any(|(n, _)| n == required) {
                diags.push(
                    Diagnostic::error(
                        "missing-template",
                        rel(site, &templates_dir),
                        format!("the theme has no `{required}`"),
                    )
                    .hint("copy it from themes/default/templates/"),
                );
            }
        }
        if !diags.is_empty() {
            return Err(diags);
        }
        let teras = (0..site.locales.languages.len())
            .map(|lang| {
                let mut t = tera.clone();
                let f = TFn {
                    locales: Arc::clone(&site.locales),
                    lang,
                    formatted: Default::default(),
                };
                t.register_function("t", move |kwargs: Kwargs, _: &State| f.call(&kwargs));
                t
            })
            .collect();
        let script_strings = (0..site.locales.languages.len())
            .map(|l| site.locales.script_strings(l))
            .collect();
        let cached = sources
            .iter()
            .filter(|(n, _)| n.starts_with("cached/"))
            .map(|(n, _)| n.clone())
            .collect();
        Ok(Theme {
            teras,
            cached,
            script_strings,
            static_dir: theme_dir.join("static"),
        })
    }
}

fn rel(site: &Site, path: &Path) -> PathBuf {
    path.strip_prefix(&site.root).unwrap_or(path).to_path_buf()
}

/// Turn a Tera error into a diagnostic naming the template, line and column where Tera knows them.
pub(crate) fn template_error(dir: &Path, site: &Site, name: &str, err: &tera::Error) -> Diagnostic {
    let (mut name, mut pos) = (name.to_string(), Pos::default());
    let message = match err.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            if !r.filename().is_empty() {
                name = r.filename().to_string();
            }
            let span = r.span();
            if span.start_line > 0 {
                pos = Pos::new(span.start_line, span.start_col + 1);
            }
            r.message().to_string()
        }
        _ => {
            let mut chain = vec![err.to_string()];
            let mut source = std::error::Error::source(err);
            while let Some(s) = source {
                chain.push(s.to_string());
                source = s.source();
            }
            chain.join(": ")
        }
    };
    Diagnostic::error(
        "template",
        rel(site, &dir.join(&name)),
        format!("template error: {message}"),
    )
    .at(pos)
    .hint("see https://keats.github.io/tera/docs/ for the template syntax")
}

/// Tera's default also escapes `/`, which makes every URL unreadable; quotes and markup
/// characters are what matter inside text and attribute values.
fn escape_attr(text: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let mut written = Ok(());
    crate::markdown::for_escaped(text, true, |piece| {
        if written.is_ok() {
            written = out.write_all(piece.as_bytes());
        }
    });
    written
}
struct TFn {
    locales: Arc<Locales>,
    lang: usize,
    /// Each distinct call (key and arguments), formatted once per build.
    formatted: std::sync::RwLock<rustc_hash::FxHashMap<String, Value>>,
}

impl TFn {
    fn call(&self, args: &Kwargs) -> tera::TeraResult<Value> {
        let key: &str = args.must_get("key")?;
        // Most calls repeat (the same key with the same count on page after page): each distinct
        // call is formatted once per build.
        let mut named: Vec<(&str, &Value)> = args
            .iter()
            .filter_map(|(k, v)| k.as_str().filter(|k| *k != "key").map(|k| (k, v)))
            .collect();
        named.sort_unstable_by_key(|(k, _)| *k);
        let mut call = key.to_string();
        for (name, value) in &named {
            call.push('\u{1f}');
            call.push_str(name);
            call.push('=');
            call.push_str(&value.to_string());
        }
        if let Some(v) = self
            .formatted
            .read()
            .ok()
            .and_then(|f| f.get(&call).cloned())
        {
            return Ok(v);
        }
        let v = self.format(key, &named);
        if let Ok(mut formatted) = self.formatted.write() {
            formatted.insert(call, v.clone());
        }
        Ok(v)
    }

    fn format(&self, key: &str, named: &[(&str, &Value)]) -> Value {
        if named.is_empty() {
            return Value::from(self.locales.text(self.lang, key, None));
        }
        let mut fargs = fluent_bundle::FluentArgs::new();
        for &(k, v) in named {
            let value = if let Some(n) = v.as_i64() {
                fluent_bundle::FluentValue::from(n)
            } else if let Some(n) = v.as_f64() {
                fluent_bundle::FluentValue::from(n)
            } else if let Some(s) = v.as_str() {
                fluent_bundle::FluentValue::from(s.to_string())
            } else {
                fluent_bundle::FluentValue::from(v.to_string())
            };
            fargs.set(k.to_string(), value);
        }
        Value::from(self.locales.text(self.lang, key, Some(&fargs)))
    }
}

/// Render every page plus the root language chooser, 404 page and sitemap.
/// Where rendered files go: written to a staging folder, collected, or dropped (`keel check`).
/// Called from many threads at once.
pub type Sink<'a> = &'a (dyn Fn(OutFile) -> Result<(), Diagnostic> + Sync);

/// Render every page plus the root language chooser, 404 page and sitemap into `sink`.
pub fn render(site: &Site, theme: &Theme, sink: Sink) -> Result<(), Vec<Diagnostic>> {
    let all: Vec<usize> = (0..site.pages.len()).collect();
    let mut diags = render_pages(site, theme, &all, sink)
        .err()
        .unwrap_or_default();
    for (template, path) in [("root.html", "index.html"), ("404.html", "404.html")] {
        let mut ctx = Context::new();
        ctx.insert("site", &site_ctx(site, site.locales.default));
        ctx.insert("root", "");
        let dir = site
            .root
            .join("themes")
            .join(&site.config.theme)
            .join("templates");
        let result = theme.teras[site.locales.default]
            .render(template, &ctx)
            .map_err(|e| template_error(&dir, site, template, &e))
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
    if let Err(d) = sink(OutFile {
        path: "sitemap.xml".into(),
        bytes: sitemap(site).into_bytes(),
    }) {
        diags.push(d);
    }
    crate::diagnostics::sort(&mut diags);
    diags.dedup_by(|a, b| a.file == b.file && a.message == b.message);
    if diags.is_empty() { Ok(()) } else { Err(diags) }
}

/// Render only the pages `which` (all of them, or the ones a changed file touched) into `sink`.
/// Each page goes to the sink as soon as it is rendered, so memory does not grow with the site.
pub fn render_pages(
    site: &Site,
    theme: &Theme,
    which: &[usize],
    sink: Sink,
) -> Result<(), Vec<Diagnostic>> {
    let mut diags: Vec<Diagnostic> = which
        .par_iter()
        .map_init(SharedCtx::default, |shared, &i| {
            render_page(site, theme, i, shared).and_then(sink).err()
        })
        .flatten()
        .collect();
    if diags.is_empty() {
        return Ok(());
    }
    crate::diagnostics::sort(&mut diags);
    diags.dedup_by(|a, b| a.file == b.file && a.message == b.message);
    Err(diags)
}

/// The part of a page's template context that only depends on its language and section
/// (`site`, `lang`, `nav`, `script_strings`). Pages come in source order, so a worker keeps it
/// from one page to the next instead of serialising it again for every page.
#[derive(Default)]
struct SharedCtx {
    key: Option<(usize, String)>,
    ctx: Context,
}

impl SharedCtx {
    fn get(
        &mut self,
        site: &Site,
        theme: &Theme,
        lang: usize,
        section: &str,
    ) -> Result<&mut Context, (tera::Error, String)> {
        if self
            .key
            .as_ref()
            .is_none_or(|(l, s)| *l != lang || s != section)
        {
            self.key = None;
            let nav: Vec<LinkCtx> = site
                .sections(lang)
                .iter()
                .map(|&s| LinkCtx {
                    current: site.pages[s].src.section == section,
                    ..link(site, s, usize::MAX)
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
            ctx.insert("root", crate::markdown::ROOT_MARKER);
            let mut cached = std::collections::BTreeMap::new();
            for name in &theme.cached {
                let html = theme.teras[lang]
                    .render(name, &ctx)
                    .map_err(|e| (e, name.clone()))?;
                let key = name.trim_start_matches("cached/").trim_end_matches(".html");
                cached.insert(key, html.trim_end().to_string());
            }
            ctx.insert("cached", &cached);
            self.ctx = ctx;
            self.key = Some((lang, section.to_string()));
        }
        Ok(&mut self.ctx)
    }
}

/// A runbook's roles with their names in the page's language.
pub(crate) fn roles_ctx<'a>(site: &Site, page: &'a Page) -> Vec<RoleCtx<'a>> {
    page.structured
        .roles
        .iter()
        .map(|(id, duty)| RoleCtx {
            id,
            name: site.role_name(page.lang(), id),
            duty: duty.as_deref(),
        })
        .collect()
}

pub(crate) fn injects_ctx(page: &Page) -> Vec<InjectCtx<'_>> {
    page.structured
        .injects
        .iter()
        .map(|(at, say, expect)| InjectCtx {
            at,
            say,
            expect: expect.as_deref(),
        })
        .collect()
}

pub(crate) fn site_ctx(site: &Site, lang: usize) -> SiteCtx<'_> {
    let code = &site.locales.languages[lang].code;
    let default_code = &site.locales.languages[site.locales.default].code;
    let title = site
        .config
        .title
        .get(code)
        .or_else(|| site.config.title.get(default_code))
        .map_or("", String::as_str);
    SiteCtx {
        title,
        base_url: site.config.base_url(),
        base_path: site.config.base_path(),
        languages: site.locales.languages.iter().map(|l| lang_ctx(l)).collect(),
        default_language: default_code,
    }
}

pub(crate) fn lang_ctx(l: &crate::locale::Language) -> LangCtx<'_> {
    LangCtx {
        code: &l.code,
        name: &l.name,
        dir: l.dir.as_str(),
        home: format!("{}/index.html", l.code),
    }
}

fn link<'a>(site: &'a Site, i: usize, current: usize) -> LinkCtx<'a> {
    let p = &site.pages[i];
    LinkCtx {
        title: p.title(),
        section: &p.src.section,
        path: &p.path,
        summary: p.meta().summary.as_deref(),
        kind: p.src.kind,
        current: i == current,
        item_count: p.item_count(),
        reviewed: p.meta().reviewed,
    }
}

fn render_page(
    site: &Site,
    theme: &Theme,
    i: usize,
    shared: &mut SharedCtx,
) -> Result<OutFile, Diagnostic> {
    let page = &site.pages[i];
    let lang = page.lang();
    let language = &site.locales.languages[lang];
    let tera = &theme.teras[lang];
    let key = page.src.key();
    let group = &site.groups[&key];
    let base = site.config.base_url();
    let source_page = page
        .fallback_from
        .and_then(|l| group[l])
        .map(|s| &site.pages[s]);

    let translations = site
        .locales
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
                current: l == lang,
            }
        })
        .collect();
    let real = site.translations(group);
    let alternates = if page.fallback_from.is_some() {
        Vec::new()
    } else {
        alternates(site, &real)
    };

    let mut breadcrumbs = vec![];
    if let Some(home) = site.find(lang, "") {
        breadcrumbs.push(link(site, home, i));
    }
    if !page.src.slug.is_empty()
        && !page.src.section.is_empty()
        && let Some(s) = site.find(lang, &format!("{}/", page.src.section))
    {
        breadcrumbs.push(link(site, s, i));
    }
    if page.src.kind != PageKind::Home {
        breadcrumbs.push(link(site, i, i));
    }

    let (mut prev, mut next) = (None, None);
    let mut children = Vec::new();
    let mut sections = Vec::new();
    match page.src.kind {
        PageKind::Home => {
            children = site
                .section_pages(lang, "")
                .iter()
                .copied()
                .map(|c| link(site, c, i))
                .collect();
            sections = site
                .sections(lang)
                .iter()
                .copied()
                .map(|s| SectionCtx {
                    link: link(site, s, i),
                    pages: site
                        .section_pages(lang, &site.pages[s].src.section)
                        .iter()
                        .copied()
                        .map(|c| link(site, c, i))
                        .collect(),
                })
                .collect();
        }
        PageKind::Section => {
            children = site
                .section_pages(lang, &page.src.section)
                .iter()
                .copied()
                .map(|c| link(site, c, i))
                .collect()
        }
        _ => {
            let siblings = site.section_pages(lang, &page.src.section);
            if let Some(pos) = siblings.iter().position(|&s| s == i) {
                prev = pos.checked_sub(1).map(|p| link(site, siblings[p], i));
                next = siblings.get(pos + 1).map(|&n| link(site, n, i));
            }
        }
    }
    let related = page
        .meta()
        .related
        .iter()
        .filter_map(|r| site.find(lang, r))
        .map(|r| link(site, r, i))
        .collect();
    let content_language = page
        .fallback_from
        .map_or(language, |l| &site.locales.languages[l]);
    let m = page.meta();
    let ctx_page = PageCtx {
        title: page.title(),
        summary: m.summary.as_deref(),
        kind: page.src.kind,
        key,
        path: &page.path,
        url: format!("{base}{}", page.pretty_path()),
        canonical: format!("{base}{}", source_page.unwrap_or(page).pretty_path()),
        content: String::new(),
        content_lang: &content_language.code,
        content_dir: content_language.dir.as_str(),
        checklists: &page.checklists,
        item_count: page.item_count(),
        updated: m.updated,
        reviewed: m.reviewed,
        recurrence: m.recurrence,
        severity: m.severity,
        version: m.version.as_deref(),
        scenario: page.structured.scenario_html.as_deref(),
        roles: roles_ctx(site, page),
        injects: injects_ctx(page),
        evaluation: &page.structured.evaluation,
        debrief: &page.structured.debrief,
        related,
        prev,
        next,
        breadcrumbs,
        translations,
        alternates,
        fallback_from: page
            .fallback_from
            .map(|l| lang_ctx(&site.locales.languages[l])),
        children,
        sections,
        print: crate::print::has_print_view(page).then(|| crate::print::view_path(page, false)),
        print_facilitator: (page.src.kind == PageKind::Runbook)
            .then(|| crate::print::view_path(page, true)),
        print_bundles: if page.src.kind == PageKind::Home {
            crate::print::bundles(site, lang)
                .into_iter()
                .map(|(name, path, count)| PrintBundleCtx { name, path, count })
                .collect()
        } else {
            Vec::new()
        },
    };
    let template_dir = site
        .root
        .join("themes")
        .join(&site.config.theme)
        .join("templates");
    let fail = |e: tera::Error, name: &str| {
        let mut d = template_error(&template_dir, site, name, &e);
        d.message = format!("{} (rendering {})", d.message, page.src.file.display());
        d
    };
    let ctx = shared
        .get(site, theme, lang, &page.src.section)
        .map_err(|(e, name)| {
            // The same for every page of a section: one error, not one per page.
            template_error(&template_dir, site, &name, &e)
                .hint("a template in cached/ sees site, lang, nav, root and section, but no page")
        })?;
    // A page that failed on this worker may have left its own variables behind.
    ctx.remove("checklist");
    ctx.insert("root", &page.root_prefix());
    let page_value = Value::try_from_serializable(&ctx_page).map_err(|e| fail(e, "page"))?;
    // Checklists written as Markdown task lists are rendered by the theme's partial and spliced in.
    let mut html = page.html.clone();
    if html.contains("<!--keel:checklist:") {
        ctx.insert_value("page", page_value.clone());
        let checklists = page_value
            .get_from_path("checklists")
            .and_then(Value::as_array);
        for n in 0..page.checklists.len() {
            let mark = placeholder(n);
            if !html.contains(&mark) {
                continue;
            }
            let checklist = checklists
                .and_then(|c| c.get(n))
                .cloned()
                .unwrap_or_else(Value::none);
            ctx.insert_value("checklist", checklist);
            let rendered = tera
                .render("partials/checklist.html", ctx)
                .map_err(|e| fail(e, "partials/checklist.html"))?;
            html = html.replacen(&mark, &rendered, 1);
        }
        ctx.remove("checklist");
        ctx.remove("page");
    }
    let mut page_map = page_value.into_map().unwrap_or_default();
    page_map.insert(
        tera::value::Key::String("content".into()),
        Value::from(html),
    );
    ctx.insert_value("page", Value::from(page_map));
    let template = match (&m.template, page.src.kind) {
        (Some(t), _) => t.as_str(),
        (None, PageKind::Home) => "home.html",
        (None, PageKind::Section) => "section.html",
        (None, _) => "page.html",
    };
    let out = tera.render(template, ctx).map_err(|e| fail(e, template))?;
    ctx.remove("page");
    let out = crate::markdown::set_root(&out, &page.root_prefix());
    let out = crate::print::footnote_links(
        &out,
        &format!("{base}{}", page.path),
        &site.locales.text(lang, "print-links", None),
    );
    Ok(OutFile {
        path: page.path.clone(),
        bytes: out.into_bytes(),
    })
}

fn alternates(site: &Site, real: &[usize]) -> Vec<AlternateCtx> {
    let base = site.config.base_url();
    let mut v: Vec<AlternateCtx> = real
        .iter()
        .map(|&t| {
            let p = &site.pages[t];
            AlternateCtx {
                hreflang: site.locales.languages[p.lang()].code.clone(),
                url: format!("{base}{}", p.pretty_path()),
            }
        })
        .collect();
    let default = real
        .iter()
        .find(|&&t| site.pages[t].lang() == site.locales.default)
        .or(real.first());
    if let Some(&d) = default {
        v.push(AlternateCtx {
            hreflang: "x-default".into(),
            url: format!("{base}{}", site.pages[d].pretty_path()),
        });
    }
    v
}

/// `sitemap.xml` with an hreflang alternate for every translation.
pub fn sitemap(site: &Site) -> String {
    let base = site.config.base_url();
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    let mut pages: Vec<&Page> = site
        .pages
        .iter()
        .filter(|p| p.fallback_from.is_none())
        .collect();
    pages.par_sort_unstable_by(|a, b| a.path.cmp(&b.path));
    // One entry per page, built on every core: at tens of thousands of pages this is not small.
    let entries: Vec<String> = pages
        .par_iter()
        .map(|page| {
            let mut out = String::with_capacity(512);
            out.push_str("  <url>\n    <loc>");
            out.push_str(&escape(&format!("{base}{}", page.pretty_path())));
            out.push_str("</loc>\n");
            if let Some(d) = page.meta().updated.or(page.meta().reviewed) {
                out.push_str(&format!("    <lastmod>{}</lastmod>\n", String::from(d)));
            }
            let group = &site.groups[&page.src.key()];
            let real = site.translations(group);
            if real.len() > 1 {
                for a in alternates(site, &real) {
                    out.push_str(&format!(
                        "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                        escape(&a.hreflang),
                        escape(&a.url)
                    ));
                }
            }
            out.push_str("  </url>\n");
            out
        })
        .collect();
    for entry in entries {
        out.push_str(&entry);
    }
    out.push_str("</urlset>\n");
    out
}
