//! The template context objects shared by web pages, print views and the sitemap, documented in
//! `docs/themes.md`.

use serde::Serialize;

use crate::content::{Date, PageKind};
use crate::locale::{LangId, Language};
use crate::site::{Page, PageId, Site};

#[derive(Serialize)]
pub(super) struct LangCtx<'a> {
    pub(super) code: &'a str,
    pub(super) name: &'a str,
    pub(super) dir: &'a str,
    /// Root-relative path of the language's home page.
    pub(super) home: String,
}

#[derive(Serialize)]
pub(super) struct SiteCtx<'a> {
    pub(super) title: &'a str,
    pub(super) base_url: String,
    pub(super) base_path: String,
    pub(super) languages: Vec<LangCtx<'a>>,
    pub(super) default_language: &'a str,
}

#[derive(Serialize)]
pub(super) struct LinkCtx<'a> {
    pub(super) title: &'a str,
    /// The section folder the page is in (`crises`), `""` at the top.
    pub(super) section: &'a str,
    pub(super) path: &'a str,
    pub(super) summary: Option<&'a str>,
    pub(super) kind: PageKind,
    pub(super) current: bool,
    pub(super) item_count: usize,
    pub(super) reviewed: Option<Date>,
}

#[derive(Serialize)]
pub(super) struct TranslationCtx<'a> {
    pub(super) code: &'a str,
    pub(super) name: &'a str,
    pub(super) dir: &'a str,
    pub(super) path: String,
    /// False when the page is not translated into this language yet.
    pub(super) available: bool,
    pub(super) current: bool,
}

#[derive(Serialize)]
pub(super) struct AlternateCtx {
    pub(super) hreflang: String,
    pub(super) url: String,
}

#[derive(Serialize)]
pub(super) struct RoleCtx<'a> {
    pub(super) id: &'a str,
    pub(super) name: String,
    pub(super) duty: Option<&'a str>,
}

#[derive(Serialize)]
pub(super) struct InjectCtx<'a> {
    pub(super) at: &'a str,
    pub(super) say: &'a str,
    pub(super) expect: Option<&'a str>,
}

#[derive(Serialize)]
pub(super) struct SectionCtx<'a> {
    #[serde(flatten)]
    pub(super) link: LinkCtx<'a>,
    pub(super) pages: Vec<LinkCtx<'a>>,
}

/// A runbook's roles with their names in the page's language.
pub(super) fn roles_ctx<'a>(site: &Site, page: &'a Page) -> Vec<RoleCtx<'a>> {
    page.structured
        .roles
        .iter()
        .map(|r| RoleCtx {
            id: &r.id,
            name: site.role_name(page.lang(), &r.id),
            duty: r.duty_html.as_deref(),
        })
        .collect()
}

/// A drill's injects.
pub(super) fn injects_ctx(page: &Page) -> Vec<InjectCtx<'_>> {
    page.structured
        .injects
        .iter()
        .map(|i| InjectCtx {
            at: &i.at,
            say: &i.say_html,
            expect: i.expect_html.as_deref(),
        })
        .collect()
}

pub(super) fn site_ctx(site: &Site, lang: LangId) -> SiteCtx<'_> {
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

pub(super) fn lang_ctx(l: &Language) -> LangCtx<'_> {
    LangCtx {
        code: &l.code,
        name: &l.name,
        dir: l.dir.as_str(),
        home: format!("{}/index.html", l.code),
    }
}

pub(super) fn link<'a>(site: &'a Site, i: PageId, current: PageId) -> LinkCtx<'a> {
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

/// Links to the pages `ids`, as seen from page `current`.
pub(super) fn links<'a>(site: &'a Site, ids: &[PageId], current: PageId) -> Vec<LinkCtx<'a>> {
    ids.iter().map(|&c| link(site, c, current)).collect()
}

/// The hreflang alternates of a page that has the translations `real`, `x-default` last.
pub(super) fn alternates(site: &Site, real: &[PageId]) -> Vec<AlternateCtx> {
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
