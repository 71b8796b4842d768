//! Paper: every structured page (checklist, routine, runbook) gets a print view laid out as a
//! form; runbooks also get a facilitator packet with the injects, evaluation criteria and debrief;
//! each language gets bundles that print a whole set at once. Links on paper become numbered
//! footnotes with short URLs.

use std::fmt::Write as _;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::checklist::Checklist;
use crate::content::{Date, PageKind, Recurrence, Severity};
use crate::diagnostics::Diagnostic;
use crate::render::{
    InjectCtx, OutFile, RoleCtx, Sink, Theme, injects_ctx, lang_ctx, roles_ctx, site_ctx,
    template_error,
};
use crate::site::{Page, Site};

/// Folder name of the print views, under a page and under a language. Reserved in content.
pub const PRINT_DIR: &str = "print";

/// The print bundles of one language: (folder under `<lang>/print/`, page kinds, facilitator?).
const BUNDLES: [(&str, PageKind, bool); 4] = [
    ("drills", PageKind::Runbook, false),
    ("drills-facilitator", PageKind::Runbook, true),
    ("routines", PageKind::Routine, false),
    ("checklists", PageKind::Checklist, false),
];

/// One page as a paper form.
#[derive(Serialize)]
struct Form<'a> {
    /// Id for the bundle's table of contents.
    anchor: String,
    title: &'a str,
    summary: Option<&'a str>,
    kind: PageKind,
    severity: Option<Severity>,
    version: Option<&'a str>,
    reviewed: Option<Date>,
    recurrence: Option<Recurrence>,
    /// Short URL of the web version, printed in the header and footer.
    web: String,
    scenario: Option<&'a str>,
    body: &'a str,
    roles: Vec<RoleCtx<'a>>,
    checklists: &'a [Checklist],
    /// Facilitator packet only.
    injects: Vec<InjectCtx<'a>>,
    evaluation: &'a [String],
    debrief: &'a [String],
}

pub fn has_print_view(page: &Page) -> bool {
    matches!(
        page.src.kind,
        PageKind::Checklist | PageKind::Routine | PageKind::Runbook
    )
}

/// Output path of a page's print view (`he/drills/x/print/index.html`), facilitator or not.
pub fn view_path(page: &Page, facilitator: bool) -> String {
    let dir = page.path.trim_end_matches("index.html");
    if facilitator {
        format!("{dir}{PRINT_DIR}/facilitator/index.html")
    } else {
        format!("{dir}{PRINT_DIR}/index.html")
    }
}

/// The print bundles of a language that have at least one page, for links from the site.
pub fn bundles(site: &Site, lang: usize) -> Vec<(&'static str, String, usize)> {
    let code = &site.locales.languages[lang].code;
    BUNDLES
        .iter()
        .map(|(name, kind, _)| {
            (
                *name,
                format!("{code}/{PRINT_DIR}/{name}/index.html"),
                members(site, lang, *kind).len(),
            )
        })
        .filter(|(_, _, n)| *n > 0)
        .collect()
}

fn members(site: &Site, lang: usize, kind: PageKind) -> Vec<usize> {
    let mut v: Vec<usize> = Vec::new();
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
                .filter(|&i| site.pages[i].src.kind == kind),
        );
    }
    v
}

fn short_url(url: &str) -> String {
    let u = url.split_once("://").map_or(url, |(_, r)| r);
    u.trim_end_matches("index.html").to_string()
}

fn form<'a>(site: &'a Site, i: usize, facilitator: bool) -> Form<'a> {
    let page = &site.pages[i];
    let m = page.meta();
    Form {
        anchor: page.src.key().replace('/', "-"),
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
pub fn render(site: &Site, theme: &Theme, sink: Sink) -> Result<(), Vec<Diagnostic>> {
    let all: Vec<usize> = (0..site.pages.len()).collect();
    render_pages(site, theme, &all, sink)
}

/// The print views of the pages `which`, and every bundle (they may hold those pages).
pub fn render_pages(
    site: &Site,
    theme: &Theme,
    which: &[usize],
    sink: Sink,
) -> Result<(), Vec<Diagnostic>> {
    // Bundles first: each is one long render, so they start while the many small views fill in
    // around them instead of trailing at the end on one core.
    let mut jobs: Vec<Job> = Vec::new();
    for lang in 0..site.locales.languages.len() {
        for (n, (_, kind, _)) in BUNDLES.iter().enumerate() {
            if !members(site, lang, *kind).is_empty() {
                jobs.push(Job::Bundle { lang, bundle: n });
            }
        }
    }
    for &i in which {
        let page = &site.pages[i];
        if !has_print_view(page) {
            continue;
        }
        jobs.push(Job::View {
            page: i,
            facilitator: false,
        });
        if page.src.kind == PageKind::Runbook {
            jobs.push(Job::View {
                page: i,
                facilitator: true,
            });
        }
    }
    let mut diags: Vec<Diagnostic> = jobs
        .par_iter()
        .flat_map_iter(|job| match job.render(site, theme) {
            Ok(files) => files
                .into_iter()
                .filter_map(|f| sink(f).err())
                .collect::<Vec<_>>(),
            Err(d) => vec![d],
        })
        .collect();
    diags.dedup_by(|a, b| a.file == b.file && a.message == b.message);
    if diags.is_empty() { Ok(()) } else { Err(diags) }
}

enum Job {
    View { page: usize, facilitator: bool },
    Bundle { lang: usize, bundle: usize },
}

impl Job {
    fn render(&self, site: &Site, theme: &Theme) -> Result<Vec<OutFile>, Diagnostic> {
        let (lang, path, template, title, version, web) = match *self {
            Job::View { page, facilitator } => {
                let p = &site.pages[page];
                let web = short_url(&format!("{}{}", site.config.base_url(), p.pretty_path()));
                (
                    p.lang(),
                    view_path(p, facilitator),
                    "print.html",
                    p.title().to_string(),
                    p.meta().version.clone(),
                    web,
                )
            }
            Job::Bundle { lang, bundle } => {
                let code = &site.locales.languages[lang].code;
                let name = BUNDLES[bundle].0;
                let title = site
                    .locales
                    .text(lang, &format!("print-bundle-{name}"), None);
                let web = short_url(&format!("{}{code}/", site.config.base_url()));
                (
                    lang,
                    format!("{code}/{PRINT_DIR}/{name}/index.html"),
                    "print-all.html",
                    title,
                    None,
                    web,
                )
            }
        };
        let language = &site.locales.languages[lang];
        let root = "../".repeat(path.matches('/').count());
        let mut ctx = Context::new();
        ctx.insert("site", &site_ctx(site, lang));
        ctx.insert("lang", &lang_ctx(language));
        ctx.insert("root", &root);
        ctx.insert("title", &title);
        match *self {
            Job::View { page, facilitator } => {
                let p = &site.pages[page];
                ctx.insert("form", &form(site, page, facilitator));
                ctx.insert(
                    "packet",
                    if facilitator {
                        "facilitator"
                    } else if p.src.kind == PageKind::Runbook {
                        "participant"
                    } else {
                        "sheet"
                    },
                );
                ctx.insert("web_path", &p.path);
                let other = (p.src.kind == PageKind::Runbook).then(|| view_path(p, !facilitator));
                ctx.insert("other_packet", &other);
            }
            Job::Bundle { lang, bundle } => {
                let (_, kind, facilitator) = BUNDLES[bundle];
                let forms: Vec<Form> = members(site, lang, kind)
                    .into_iter()
                    .map(|i| form(site, i, facilitator))
                    .collect();
                ctx.insert("forms", &forms);
                ctx.insert(
                    "packet",
                    if facilitator {
                        "facilitator"
                    } else if kind == PageKind::Runbook {
                        "participant"
                    } else {
                        "sheet"
                    },
                );
                ctx.insert("web_path", &format!("{}/index.html", language.code));
            }
        }
        let dir = site
            .root
            .join("themes")
            .join(&site.config.theme)
            .join("templates");
        let html = theme.teras[lang]
            .render(template, &ctx)
            .map_err(|e| template_error(&dir, site, template, &e))?;
        let html = crate::markdown::set_root(&html, &root);
        let page_url = format!("{}{}", site.config.base_url(), path);
        let heading = site.locales.text(lang, "print-links", None);
        let html = footnote_links(&html, &page_url, &heading);
        let footer = footer_css(site, lang, &title, version.as_deref(), &web);
        let css_path = format!("{}print-footer.css", path.trim_end_matches("index.html"));
        Ok(vec![
            OutFile {
                path,
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
fn footer_css(site: &Site, lang: usize, title: &str, version: Option<&str>, web: &str) -> String {
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

/// Number every link inside `<main>` and list the targets as short URLs at its end, for paper.
/// On screen the markers and the list are hidden by the stylesheet.
pub fn footnote_links(html: &str, page_url: &str, heading: &str) -> String {
    use memchr::memmem::Finder;
    use std::sync::LazyLock;
    // Built once: every page and every link goes through these searches.
    static MAIN: LazyLock<Finder> = LazyLock::new(|| Finder::new("<main"));
    static MAIN_END: LazyLock<memchr::memmem::FinderRev> =
        LazyLock::new(|| memchr::memmem::FinderRev::new("</main>"));
    static OPEN: LazyLock<Finder> = LazyLock::new(|| Finder::new("<a "));
    static CLOSE: LazyLock<Finder> = LazyLock::new(|| Finder::new("</a>"));
    let (Some(start), Some(end)) = (MAIN.find(html.as_bytes()), MAIN_END.rfind(html.as_bytes()))
    else {
        return html.to_string();
    };
    let mut out = String::with_capacity(html.len() + 512);
    out.push_str(&html[..start]);
    let region = &html[start..end];
    // Numbered by target URL; most pages repeat the same few hrefs, resolved once each.
    let mut numbers: rustc_hash::FxHashMap<String, usize> = Default::default();
    let mut by_href: rustc_hash::FxHashMap<&str, Option<usize>> = Default::default();
    let mut notes: Vec<String> = Vec::new();
    let mut rest = region;
    while let Some(pos) = OPEN.find(rest.as_bytes()) {
        let Some(close) = CLOSE.find(&rest.as_bytes()[pos..]).map(|c| pos + c + 4) else {
            break;
        };
        out.push_str(&rest[..close]);
        let tag = &rest[pos..close];
        let n = match attr_value(tag, "href") {
            Some(href) if !tag.contains("data-no-footnote") => {
                *by_href.entry(href).or_insert_with(|| {
                    (!href.starts_with('#') && !href.starts_with("mailto:")).then(|| {
                        let href: std::borrow::Cow<str> = if href.contains("&amp;") {
                            href.replace("&amp;", "&").into()
                        } else {
                            href.into()
                        };
                        let url = note_url(page_url, &href);
                        *numbers.entry(url.clone()).or_insert_with(|| {
                            notes.push(url);
                            notes.len()
                        })
                    })
                })
            }
            _ => None,
        };
        if let Some(n) = n {
            out.push_str("<sup class=\"link-ref\">[");
            out.push_str(itoa::Buffer::new().format(n));
            out.push_str("]</sup>");
        }
        rest = &rest[close..];
    }
    out.push_str(rest);
    if !notes.is_empty() {
        let _ = write!(
            out,
            "<section class=\"link-notes\"><h2>{}</h2><ol>",
            crate::markdown::escape(heading)
        );
        for n in &notes {
            out.push_str("<li dir=\"ltr\">");
            crate::markdown::push_escaped(&mut out, n, false);
            out.push_str("</li>");
        }
        out.push_str("</ol></section>\n");
    }
    out.push_str(&html[end..]);
    out
}

/// The raw (still escaped) value of attribute `name` in an opening tag.
fn attr_value<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut from = 0;
    while let Some(i) = tag[from..].find(name) {
        let at = from + i;
        from = at + name.len();
        if tag[..at].ends_with(' ') && tag[from..].starts_with("=\"") {
            let start = from + 2;
            return Some(&tag[start..start + tag[start..].find('"')?]);
        }
    }
    None
}

/// The short URL (no scheme, no `index.html`) a footnote shows for `href` on the page at
/// `page_url`, relative hrefs resolved against it; built in one allocation, since every link of
/// every page comes through here.
fn note_url(page_url: &str, href: &str) -> String {
    let mut url = if href.contains("://") {
        href.split_once("://").map_or(href, |(_, r)| r).to_string()
    } else {
        let rest = page_url.split_once("://").map_or(page_url, |(_, r)| r);
        resolve(rest, href)
    };
    while url.ends_with("index.html") {
        url.truncate(url.len() - "index.html".len());
    }
    url
}

/// `host/path…` of a relative `href` (its `#fragment` dropped) from the page at `base`
/// (`host/dir/page`).
fn resolve(base: &str, href: &str) -> String {
    let href = href.split('#').next().unwrap_or(href);
    let (host, path) = base.split_once('/').unwrap_or((base, ""));
    let mut parts: Vec<&str> = Vec::with_capacity(16);
    parts.extend(path.split('/'));
    parts.pop();
    for seg in href.split('/') {
        match seg {
            "." | "" => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let mut out = String::with_capacity(base.len() + href.len());
    out.push_str(host);
    out.push('/');
    for (n, part) in parts.iter().enumerate() {
        if n > 0 {
            out.push('/');
        }
        out.push_str(part);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_become_numbered_notes() {
        let html = "<nav><a href=\"x\">nav</a></nav><main><p><a href=\"../b/index.html#s\">B</a> and <a href=\"https://ex.org/p\">P</a> and <a href=\"../b/index.html\">B again</a> <a href=\"#top\">top</a></p></main>";
        let out = footnote_links(html, "https://example.org/pb/en/a/index.html", "Links");
        assert!(
            out.starts_with("<nav><a href=\"x\">nav</a></nav>"),
            "links outside main are left alone"
        );
        assert!(out.contains(">B</a><sup class=\"link-ref\">[1]</sup>"));
        assert!(out.contains(">P</a><sup class=\"link-ref\">[2]</sup>"));
        assert!(out.contains(">B again</a><sup class=\"link-ref\">[1]</sup>"));
        assert!(
            out.contains("<li dir=\"ltr\">example.org/pb/en/b/</li><li dir=\"ltr\">ex.org/p</li>")
        );
        assert!(!out.contains("top</a><sup"));
    }

    #[test]
    fn footnote_urls_are_short_absolute_urls() {
        let page = "https://e.org/pb/en/a/index.html";
        for (href, want) in [
            ("../../he/index.html", "e.org/pb/he/"),
            ("x/index.html#a", "e.org/pb/en/a/x/"),
            ("./", "e.org/pb/en/a"),
            ("../b/c.pdf", "e.org/pb/en/b/c.pdf"),
            ("https://other.org/a/index.html", "other.org/a/"),
            ("http://x.org/p?a=1&b=2#f", "x.org/p?a=1&b=2#f"),
        ] {
            assert_eq!(note_url(page, href), want, "{href}");
        }
    }

    #[test]
    fn css_strings_are_escaped() {
        assert_eq!(css_string("a \"b\" \\ c\nd"), "\"a \\\"b\\\" \\\\ c d\"");
    }
}
