//! The loaded site: config, languages, every page (with its translations linked and its Markdown
//! rendered), ready for the render stage. `Site::load` runs the whole validating pipeline; `build`
//! and `check` both start here.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::checklist::{self, Checklist, IdSet, Item};
use crate::config::{Config, Untranslated};
use crate::content::{self, Format, InjectSrc, PageKind, PageSrc, SourcePage};
use crate::diagnostics::{Diagnostic, Pos, locate};
use crate::locale::Locales;
use crate::markdown::{self, Ctx, LinkResolver};

#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    pub drafts: bool,
}

/// A page after the Markdown stage.
#[derive(Debug)]
pub struct Page {
    pub src: SourcePage,
    /// Set when this page shows another language's text because it is not translated yet.
    pub fallback_from: Option<usize>,
    /// Output path relative to the output root: `he/crises/payment-outage/index.html`.
    pub path: String,
    pub html: String,
    pub checklists: Vec<Checklist>,
    pub anchors: Vec<String>,
    pub structured: Structured,
    /// `#anchor` links from this page, checked once every page is rendered.
    anchor_refs: Vec<AnchorRef>,
}

/// What `Site::reload_file` did.
#[derive(Debug, PartialEq, Eq)]
pub enum Reload {
    /// Only these pages changed.
    Pages(Vec<usize>),
    /// Other pages may show the change: load everything again.
    Full,
}

/// The rendered parts of a YAML page beyond its checklists.
#[derive(Debug, Default)]
pub struct Structured {
    pub scenario_html: Option<String>,
    pub roles: Vec<(String, Option<String>)>,
    pub injects: Vec<(String, String, Option<String>)>,
    pub evaluation: Vec<String>,
    pub debrief: Vec<String>,
}

pub struct Site {
    pub root: PathBuf,
    pub config: Config,
    pub locales: std::sync::Arc<Locales>,
    pub pages: Vec<Page>,
    /// Translation key → page index per language.
    pub groups: BTreeMap<String, Vec<Option<usize>>>,
    /// (language, content path) → page index.
    pub by_path: HashMap<(usize, String), usize>,
    pub warnings: Vec<Diagnostic>,
    order: Order,
}

/// Reading order, computed once per load.
#[derive(Default)]
struct Order {
    /// Section index pages per language.
    sections: Vec<Vec<usize>>,
    /// (language, section) → its pages.
    pages: HashMap<(usize, String), Vec<usize>>,
}

impl Page {
    fn new(src: SourcePage, fallback_from: Option<usize>, path: String) -> Page {
        Page {
            src,
            fallback_from,
            path,
            html: String::new(),
            checklists: Vec::new(),
            anchors: Vec::new(),
            structured: Structured::default(),
            anchor_refs: Vec::new(),
        }
    }

    pub fn lang(&self) -> usize {
        self.src.lang
    }

    /// `../../` from this page's folder to the output root.
    pub fn root_prefix(&self) -> String {
        "../".repeat(self.path.matches('/').count())
    }

    /// URL path without `index.html`, for absolute URLs.
    pub fn pretty_path(&self) -> &str {
        self.path.trim_end_matches("index.html")
    }

    pub fn title(&self) -> &str {
        &self.src.meta.title
    }

    pub fn meta(&self) -> &PageSrc {
        &self.src.meta
    }

    pub fn item_count(&self) -> usize {
        self.checklists.iter().map(|c| c.items.len()).sum()
    }
}

pub fn output_path(lang: &str, section: &str, slug: &str) -> String {
    match (section, slug) {
        ("", "") => format!("{lang}/index.html"),
        (s, "") => format!("{lang}/{s}/index.html"),
        ("", p) => format!("{lang}/{p}/index.html"),
        (s, p) => format!("{lang}/{s}/{p}/index.html"),
    }
}

impl Site {
    /// Free the source texts: a one-shot build has checked them and only needs what was
    /// rendered from them (a third of a large site's memory). `keel serve` keeps them.
    pub fn drop_sources(&mut self) {
        for p in &mut self.pages {
            p.src.text = String::new();
        }
    }

    /// Load and validate everything. `Err` carries every error (and the warnings) found.
    pub fn load(root: &Path, opts: &LoadOptions) -> Result<Site, Vec<Diagnostic>> {
        let (config, config_text, mut diags) = Config::load(root)?;
        let locales = std::sync::Arc::new(
            Locales::load(root, &config, &config_text, &mut diags).ok_or_else(|| diags.clone())?,
        );
        let sources = content::load(root, &locales, opts.drafts, &mut diags);
        crate::timing("discovery and parsing");
        if !root
            .join("themes")
            .join(&config.theme)
            .join("templates")
            .is_dir()
        {
            diags.push(
                Diagnostic::error(
                    "no-theme",
                    crate::config::FILE_NAME,
                    format!("theme `{}` not found in themes/", config.theme),
                )
                .at(
                    crate::diagnostics::locate_yaml_value(&config_text, "theme", &config.theme, 0)
                        .unwrap_or_default(),
                )
                .hint("the theme's templates go in themes/<name>/templates/"),
            );
        }
        let mut site = Site {
            root: root.to_path_buf(),
            config,
            locales,
            pages: Vec::new(),
            groups: BTreeMap::new(),
            by_path: HashMap::new(),
            warnings: Vec::new(),
            order: Order::default(),
        };
        site.link(sources, &mut diags);
        site.index_order();
        crate::timing("linked");
        let all: Vec<usize> = (0..site.pages.len()).collect();
        site.render_some(&all, &mut diags);
        crate::timing("Markdown rendered");
        site.finish(diags)?;
        Ok(site)
    }

    /// The checks that look across pages, then the verdict: every error, or the warnings kept.
    fn finish(&mut self, mut diags: Vec<Diagnostic>) -> Result<(), Vec<Diagnostic>> {
        self.check_anchors(&mut diags);
        self.check_related(&mut diags);
        self.check_translations(&mut diags);
        self.check_quality(&mut diags);
        crate::diagnostics::sort(&mut diags);
        if diags.iter().any(Diagnostic::is_error) {
            return Err(diags);
        }
        self.warnings = diags;
        Ok(())
    }

    /// Index pages by path and key, reject clashes, and add fallback pages for missing translations.
    fn link(&mut self, sources: Vec<SourcePage>, diags: &mut Vec<Diagnostic>) {
        let n_langs = self.locales.languages.len();
        let mut sources = sources;
        sources.par_sort_by(|a, b| (a.lang, &a.file).cmp(&(b.lang, &b.file)));
        // Sections without `_index.md` and languages without a home page get a generated one.
        let mut wanted: Vec<(usize, String)> = (0..n_langs).map(|l| (l, String::new())).collect();
        for s in &sources {
            if !s.section.is_empty() {
                wanted.push((s.lang, s.section.clone()));
            }
        }
        wanted.sort();
        wanted.dedup();
        for (lang, section) in wanted {
            let exists = sources
                .iter()
                .any(|s| s.lang == lang && s.section == section && s.slug.is_empty());
            if !exists {
                sources.push(self.generated_index(lang, &section, &sources));
            }
        }
        let mut paths: HashMap<String, PathBuf> = HashMap::new();
        for src in sources {
            let lang_code = &self.locales.languages[src.lang].code;
            let path = output_path(lang_code, &src.section, &src.slug);
            if let Some(other) = paths.get(&path) {
                diags.push(
                    Diagnostic::error(
                        "duplicate-slug",
                        &src.file,
                        format!("this page and {} both become {path}", other.display()),
                    )
                    .hint("rename one of them; a .md and a .yaml page may not share a name"),
                );
                continue;
            }
            paths.insert(path.clone(), src.file.clone());
            let key = src.key();
            let group = self
                .groups
                .entry(key.clone())
                .or_insert_with(|| vec![None; n_langs]);
            if let Some(other) = group[src.lang] {
                diags.push(
                    Diagnostic::error(
                        "duplicate-key",
                        &src.file,
                        format!(
                            "translation key `{key}` is also used by {}",
                            self.pages[other].src.file.display()
                        ),
                    )
                    .at(locate(&src.text, "translation_key", 0).unwrap_or_default())
                    .hint("each page has one translation per language"),
                );
                continue;
            }
            let idx = self.pages.len();
            group[src.lang] = Some(idx);
            self.by_path.insert((src.lang, src.content_path()), idx);
            self.pages.push(Page::new(src, None, path));
        }
        self.add_fallbacks();
    }

    fn generated_index(&self, lang: usize, section: &str, sources: &[SourcePage]) -> SourcePage {
        // Borrow the title from another language's index if there is one.
        let title = sources
            .iter()
            .find(|s| s.section == section && s.slug.is_empty())
            .map(|s| s.meta.title.clone())
            .unwrap_or_else(|| {
                if section.is_empty() {
                    let code = &self.locales.languages[lang].code;
                    self.config
                        .title
                        .get(code)
                        .cloned()
                        .unwrap_or_else(|| code.clone())
                } else {
                    let mut t = section.replace('-', " ");
                    t[..1].make_ascii_uppercase();
                    t
                }
            });
        let code = &self.locales.languages[lang].code;
        let file = PathBuf::from(content::CONTENT_DIR)
            .join(code)
            .join(section)
            .join("_index.md");
        SourcePage {
            lang,
            section: section.to_string(),
            slug: String::new(),
            file,
            text: String::new(),
            text_hash: 0,
            generated: true,
            format: Format::Markdown,
            body_offset: 0,
            meta: PageSrc {
                title,
                ..PageSrc::default()
            },
            kind: if section.is_empty() {
                PageKind::Home
            } else {
                PageKind::Section
            },
        }
    }

    fn add_fallbacks(&mut self) {
        if self.config.untranslated != Untranslated::Fallback {
            return;
        }
        let default = self.locales.default;
        let keys: Vec<String> = self.groups.keys().cloned().collect();
        for key in keys {
            let group = self.groups[&key].clone();
            let Some(source) = group[default].or_else(|| group.iter().flatten().next().copied())
            else {
                continue;
            };
            for (lang, slot) in group.iter().enumerate() {
                if slot.is_some() {
                    continue;
                }
                let mut src = self.pages[source].src.clone();
                src.lang = lang;
                let path = output_path(&self.locales.languages[lang].code, &src.section, &src.slug);
                let idx = self.pages.len();
                self.by_path.insert((lang, src.content_path()), idx);
                self.groups.get_mut(&key).expect("key exists")[lang] = Some(idx);
                let from = self.pages[source].lang();
                self.pages.push(Page::new(src, Some(from), path));
            }
        }
    }

    /// Render the Markdown of the pages `which` (in parallel) and store the results.
    fn render_some(&mut self, which: &[usize], diags: &mut Vec<Diagnostic>) {
        type Out = (
            String,
            Vec<Checklist>,
            Vec<String>,
            Structured,
            Vec<Diagnostic>,
            Vec<AnchorRef>,
        );
        let results: Vec<Out> = which
            .par_iter()
            .map(|&i| self.render_page(&self.pages[i]))
            .collect();
        for (&i, (html, checklists, anchors, structured, d, refs)) in which.iter().zip(results) {
            let page = &mut self.pages[i];
            page.html = html;
            page.checklists = checklists;
            page.anchors = anchors;
            page.structured = structured;
            page.anchor_refs = refs;
            if page.fallback_from.is_none() {
                diags.extend(d);
            }
        }
    }

    /// Every `#anchor` link must name a heading or checklist of its target page.
    fn check_anchors(&self, diags: &mut Vec<Diagnostic>) {
        let found: Vec<Diagnostic> = self
            .pages
            .par_iter()
            .filter(|p| p.fallback_from.is_none())
            .flat_map_iter(|p| &p.anchor_refs)
            .filter_map(|r| {
                let target = &self.pages[r.target];
                (!target.anchors.iter().any(|a| a == &r.anchor)).then(|| {
                    Diagnostic::error(
                        "broken-anchor",
                        &r.file,
                        format!(
                            "{} has no heading or checklist with id `{}`",
                            target.src.file.display(),
                            r.anchor
                        ),
                    )
                    .at(r.pos)
                    .hint(format!("ids there: {}", target.anchors.join(", ")))
                })
            })
            .collect();
        diags.extend(found);
    }

    /// Re-read one changed content file (`content/…`, relative to the root). When only its text
    /// changed, just that page (and the fallback copies made from it) is rendered again and
    /// `Reload::Pages` lists them; when anything that other pages show or link changed (title,
    /// summary, order, translation key …), `Reload::Full` asks for a full load.
    pub fn reload_file(&mut self, file: &Path) -> Result<Reload, Vec<Diagnostic>> {
        let Some(idx) = self
            .pages
            .iter()
            .position(|p| p.fallback_from.is_none() && p.src.file == file)
        else {
            return Ok(Reload::Full);
        };
        let old = &self.pages[idx].src;
        let content = self.root.join(content::CONTENT_DIR);
        let (parsed, mut diags) =
            content::parse_file(&self.root, &content, old.lang, &self.root.join(file));
        if diags.iter().any(Diagnostic::is_error) {
            return Err(diags);
        }
        let Some(new) = parsed else {
            return Ok(Reload::Full);
        };
        let (a, b) = (&old.meta, &new.meta);
        let same_listing = a.title == b.title
            && a.summary == b.summary
            && a.weight == b.weight
            && a.draft == b.draft
            && a.translation_key == b.translation_key
            && a.related == b.related
            && a.template == b.template
            && a.reviewed == b.reviewed
            && a.updated == b.updated
            && old.kind == new.kind;
        if !same_listing {
            return Ok(Reload::Full);
        }
        let mut which = vec![idx];
        for (i, p) in self.pages.iter_mut().enumerate() {
            if p.fallback_from.is_some() && p.src.file == new.file {
                let lang = p.src.lang;
                p.src = new.clone();
                p.src.lang = lang;
                which.push(i);
            }
        }
        self.pages[idx].src = new;
        self.render_some(&which, &mut diags);
        self.finish(diags)?;
        Ok(Reload::Pages(which))
    }

    fn render_page(
        &self,
        page: &Page,
    ) -> (
        String,
        Vec<Checklist>,
        Vec<String>,
        Structured,
        Vec<Diagnostic>,
        Vec<AnchorRef>,
    ) {
        let src = &page.src;
        let lang = page.lang();
        let resolver = Links {
            site: self,
            lang,
            file: &src.file,
            refs: RefCell::new(Vec::new()),
        };
        let root = markdown::ROOT_MARKER;
        let rtl = self.locales.languages[src.lang].dir == crate::config::Direction::Rtl
            && page
                .fallback_from
                .is_none_or(|l| self.locales.languages[l].dir == crate::config::Direction::Rtl);
        let body_line = src.text[..src.body_offset].matches('\n').count();
        let ctx = Ctx {
            file: &src.file,
            line_offset: body_line,
            col_offset: 0,
            rtl,
            root,
            links: &resolver,
        };
        let mut ids = IdSet::default();
        let mut diags = Vec::new();
        let mut structured = Structured::default();
        let (html, mut checklists, mut anchors) = match src.format {
            Format::Markdown => {
                let r = markdown::render(src.body(), &ctx, &mut ids);
                diags.extend(r.diagnostics);
                (r.html, r.checklists, r.anchors)
            }
            Format::Yaml => {
                let m = &src.meta;
                // YAML strings are positioned by searching the file for them.
                let inline = |text: &str, diags: &mut Vec<Diagnostic>| {
                    markdown::render_inline(text, &yaml_ctx(&ctx, &src.text, text), diags)
                };
                // Reserve the YAML ids first so body headings cannot take them.
                for c in m.checklists.iter().flatten() {
                    ids.insert(&c.id);
                    for i in &c.items {
                        ids.insert(&i.id);
                    }
                }
                let body = m.body.as_deref().map(|b| {
                    let mut r = markdown::render(b, &yaml_ctx(&ctx, &src.text, b), &mut ids);
                    diags.append(&mut r.diagnostics);
                    r
                });
                structured.scenario_html = m.scenario.as_deref().map(|s| {
                    let r =
                        markdown::render(s, &yaml_ctx(&ctx, &src.text, s), &mut IdSet::default());
                    diags.extend(r.diagnostics);
                    r.html
                });
                structured.roles = m
                    .roles
                    .iter()
                    .flatten()
                    .map(|r| {
                        (
                            r.id.clone(),
                            r.duty.as_deref().map(|d| inline(d, &mut diags)),
                        )
                    })
                    .collect();
                structured.injects = m
                    .injects
                    .iter()
                    .flatten()
                    .map(|InjectSrc { at, say, expect }| {
                        (
                            at.clone(),
                            inline(say, &mut diags),
                            expect.as_deref().map(|e| inline(e, &mut diags)),
                        )
                    })
                    .collect();
                structured.evaluation = m
                    .evaluation
                    .iter()
                    .flatten()
                    .map(|e| inline(e, &mut diags))
                    .collect();
                structured.debrief = m
                    .debrief
                    .iter()
                    .flatten()
                    .map(|e| inline(e, &mut diags))
                    .collect();
                let mut checklists: Vec<Checklist> = Vec::new();
                let mut anchors: Vec<String> = Vec::new();
                for c in m.checklists.iter().flatten() {
                    anchors.push(c.id.clone());
                    checklists.push(Checklist {
                        id: c.id.clone(),
                        title: c.title.clone(),
                        phase: c.phase,
                        from_markdown: false,
                        items: c
                            .items
                            .iter()
                            .map(|i| Item {
                                id: i.id.clone(),
                                html: inline(&i.text, &mut diags),
                                role: i.role.clone(),
                                role_name: None,
                                due: i.due.clone(),
                                due_minutes: i.due.as_deref().and_then(checklist::parse_due),
                                note_html: i.note.as_deref().map(|n| inline(n, &mut diags)),
                                kind: i.kind,
                            })
                            .collect(),
                    });
                }
                let (html, body_checklists, body_anchors) = match body {
                    Some(r) => (r.html, r.checklists, r.anchors),
                    None => (String::new(), Vec::new(), Vec::new()),
                };
                anchors.extend(body_anchors);
                // Task lists in `body` come first, then the structured checklists.
                let mut all = body_checklists;
                all.extend(checklists);
                (html, all, anchors)
            }
        };
        for c in &mut checklists {
            for item in &mut c.items {
                if let Some(role) = &item.role {
                    item.role_name = Some(self.role_name(lang, role));
                }
            }
        }
        anchors.extend(
            checklists
                .iter()
                .filter(|c| src.format == Format::Markdown && !anchors.contains(&c.id))
                .map(|c| c.id.clone())
                .collect::<Vec<_>>(),
        );
        let refs = resolver.refs.into_inner();
        (html, checklists, anchors, structured, diags, refs)
    }

    /// The display name of a role id in a language (`role-il` in i18n), or the id itself.
    pub fn role_name(&self, lang: usize, role: &str) -> String {
        let key = format!("role-{role}");
        let name = self.locales.text(lang, &key, None);
        if name == key {
            self.locales.take_unknown();
            role.to_string()
        } else {
            name
        }
    }

    /// Translations must carry the same checklist and item ids as the default language (that is
    /// what shares a checklist's state between languages); a page missing in a language is a
    /// warning.
    fn check_translations(&self, diags: &mut Vec<Diagnostic>) {
        let found: Vec<Diagnostic> = self
            .groups
            .par_iter()
            .flat_map_iter(|(key, group)| self.check_group(key, group))
            .collect();
        diags.extend(found);
    }

    fn check_group(&self, key: &str, group: &[Option<usize>]) -> Vec<Diagnostic> {
        let mut diags = Vec::new();
        let default = self.locales.default;
        let real = self.translations(group);
        let Some(&reference) = real
            .iter()
            .find(|&&i| self.pages[i].lang() == default)
            .or(real.first())
        else {
            return diags;
        };
        let generated = |i: usize| self.pages[i].src.generated;
        if generated(reference) {
            return diags;
        }
        for (lang, slot) in group.iter().enumerate() {
            let missing =
                slot.is_none_or(|i| self.pages[i].fallback_from.is_some() || generated(i));
            if missing {
                let code = &self.locales.languages[lang].code;
                let src = &self.pages[reference].src;
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
        // (checklist id, item id or "" for the checklist itself), written `checklist/item`.
        let ids = |i: usize| -> Vec<(&str, &str)> {
            self.pages[i]
                .checklists
                .iter()
                .flat_map(|c| {
                    std::iter::once((c.id.as_str(), ""))
                        .chain(c.items.iter().map(|it| (c.id.as_str(), it.id.as_str())))
                })
                .collect()
        };
        let show = |(c, item): &(&str, &str)| {
            if item.is_empty() {
                c.to_string()
            } else {
                format!("{c}/{item}")
            }
        };
        let want = ids(reference);
        for &other in real.iter().filter(|&&i| i != reference) {
            let have = ids(other);
            if have == want {
                continue;
            }
            let missing: Vec<String> = want
                .iter()
                .filter(|id| !have.contains(id))
                .map(show)
                .collect();
            let extra: Vec<String> = have
                .iter()
                .filter(|id| !want.contains(id))
                .map(show)
                .collect();
            if missing.is_empty() && extra.is_empty() {
                continue;
            }
            let mut msg = format!(
                "checklist ids differ from {}",
                self.pages[reference].src.file.display()
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
                        &self.pages[other].src.text,
                        id.rsplit('/').next().unwrap_or(id),
                        0,
                    )
                })
                .unwrap_or_default();
            diags.push(
                Diagnostic::error("translation-ids", &self.pages[other].src.file, msg)
                    .at(pos)
                    .hint("use the same checklist and item ids in every language (written as checklist/item above)"),
            );
        }
        diags
    }

    /// Warnings about content that is valid but risky in a drill: long checklists, runbooks
    /// without roles or time targets, reviews that are too old, translations older than their
    /// source (by date: the source's `updated`, else `reviewed`, is later than the translation's).
    fn check_quality(&self, diags: &mut Vec<Diagnostic>) {
        let limits = &self.config.check;
        let today = content::Date::today();
        let line_of = |page: &Page, key: &str| {
            page.src
                .text
                .lines()
                .position(|l| l.starts_with(&format!("{key}:")))
                .map(|n| Pos::new(n + 1, 1))
                .unwrap_or_default()
        };
        for page in self
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
                    Format::Yaml => {
                        crate::diagnostics::locate_yaml_value(&page.src.text, "id", &c.id, 0)
                    }
                };
                diags.push(
                    Diagnostic::warning("long-checklist", file, format!("checklist `{}` has {} items (more than {})", c.id, c.items.len(), limits.max_checklist_items))
                        .at(pos.unwrap_or_default())
                        .hint("split it into shorter blocks under their own headings; the limit is check.max_checklist_items in keel.yaml"),
                );
            }
            if page.src.kind == PageKind::Runbook {
                if page.structured.roles.is_empty() {
                    diags.push(
                        Diagnostic::warning("runbook-no-roles", file, "this runbook names no roles")
                            .at(line_of(page, "kind"))
                            .hint("add `roles:` with who does what (il, comms, tech, cs, log, fin, scribe)"),
                    );
                }
                if !page
                    .checklists
                    .iter()
                    .flat_map(|c| &c.items)
                    .any(|i| i.due.is_some())
                {
                    diags.push(
                        Diagnostic::warning(
                            "runbook-no-times",
                            file,
                            "no step of this runbook has a time target",
                        )
                        .at(line_of(page, "kind"))
                        .hint("give steps a `due:` such as T+15m"),
                    );
                }
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
                    .at(line_of(page, "reviewed"))
                    .hint("check the page is still right, then set `reviewed:` to today"),
                );
            }
        }
        let default = self.locales.default;
        for group in self.groups.values() {
            let Some(source) = group[default]
                .map(|i| &self.pages[i])
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
                .map(|&i| &self.pages[i])
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
                        .at(line_of(page, key))
                        .hint(format!(
                            "bring the translation up to date, then set `{key}:`"
                        )),
                    );
                }
            }
        }
    }

    fn check_related(&self, diags: &mut Vec<Diagnostic>) {
        for page in self.pages.iter().filter(|p| p.fallback_from.is_none()) {
            for (n, rel) in page.src.meta.related.iter().enumerate() {
                if self.find(page.lang(), rel).is_none() {
                    let pos = locate(&page.src.text, rel, 0).unwrap_or_default();
                    let elsewhere =
                        (0..self.locales.languages.len()).find(|&l| self.find(l, rel).is_some());
                    if let Some(l) = elsewhere {
                        diags.push(
                            Diagnostic::warning("untranslated-link", &page.src.file, format!("related page `{rel}` exists only in other languages; it is not listed"))
                                .at(pos)
                                .hint(format!("translate content/{}/{rel} or remove it from `related`", self.locales.languages[l].code)),
                        );
                        continue;
                    }
                    diags.push(
                        Diagnostic::error("broken-link", &page.src.file, format!("related page `{rel}` does not exist"))
                            .at(pos)
                            .hint(format!("entry {} of `related`: write a content path such as crises/payment-outage", n + 1)),
                    );
                }
            }
        }
    }

    /// The pages of a translation group that are real translations (not fallback copies).
    pub fn translations(&self, group: &[Option<usize>]) -> Vec<usize> {
        group
            .iter()
            .flatten()
            .copied()
            .filter(|&i| self.pages[i].fallback_from.is_none())
            .collect()
    }

    /// Find a page by content path in a language: `crises/x`, `crises/x.md`, `crises/`, ``.
    pub fn find(&self, lang: usize, path: &str) -> Option<usize> {
        let p = path.trim_start_matches('/');
        let p = p
            .strip_suffix(".md")
            .or_else(|| p.strip_suffix(".yaml"))
            .or_else(|| p.strip_suffix(".yml"))
            .unwrap_or(p);
        let p = if p == content::INDEX {
            ""
        } else if let Some(section) = p.strip_suffix(&format!("/{}", content::INDEX)) {
            return self.by_path.get(&(lang, format!("{section}/"))).copied();
        } else {
            p
        };
        self.by_path
            .get(&(lang, p.to_string()))
            .or_else(|| self.by_path.get(&(lang, format!("{p}/"))))
            .copied()
    }

    /// Pages of one language in a section (not its index), in reading order.
    pub fn section_pages(&self, lang: usize, section: &str) -> &[usize] {
        self.order
            .pages
            .get(&(lang, section.to_string()))
            .map_or(&[], Vec::as_slice)
    }

    /// Section index pages of one language, in order.
    pub fn sections(&self, lang: usize) -> &[usize] {
        self.order.sections.get(lang).map_or(&[], Vec::as_slice)
    }

    /// Sort every section once, so navigation costs no more per page than the page itself.
    fn index_order(&mut self) {
        let mut order = Order {
            sections: vec![Vec::new(); self.locales.languages.len()],
            pages: HashMap::new(),
        };
        for (i, p) in self.pages.iter().enumerate() {
            if p.src.kind == PageKind::Section {
                order.sections[p.lang()].push(i);
            } else if !p.src.slug.is_empty() {
                order
                    .pages
                    .entry((p.lang(), p.src.section.clone()))
                    .or_default()
                    .push(i);
            }
        }
        for v in order.sections.iter_mut().chain(order.pages.values_mut()) {
            v.sort_by(|&a, &b| self.order_key(a).cmp(&self.order_key(b)));
        }
        self.order = order;
    }

    fn order_key(&self, i: usize) -> (i64, &str, &str) {
        let p = &self.pages[i];
        (
            p.src.meta.weight,
            p.src.meta.title.as_str(),
            p.src.slug.as_str(),
        )
    }

    pub fn page_counts(&self) -> Vec<(String, usize)> {
        self.locales
            .languages
            .iter()
            .enumerate()
            .map(|(l, lang)| {
                (
                    lang.code.clone(),
                    self.pages.iter().filter(|p| p.lang() == l).count(),
                )
            })
            .collect()
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
    }
}

#[derive(Debug)]
struct AnchorRef {
    file: PathBuf,
    pos: Pos,
    target: usize,
    anchor: String,
}

struct Links<'a> {
    site: &'a Site,
    lang: usize,
    file: &'a Path,
    refs: RefCell<Vec<AnchorRef>>,
}

impl LinkResolver for Links<'_> {
    fn resolve(&self, target: &str, pos: Pos) -> Result<String, String> {
        let rest = target.strip_prefix('@').unwrap_or(target);
        let (lang_part, path) = rest
            .split_once('/')
            .ok_or_else(|| format!("`{target}` is not a content link; write @/section/page.md"))?;
        let lang = if lang_part.is_empty() {
            self.lang
        } else {
            self.site.locales.index_of(lang_part).ok_or_else(|| {
                format!("`{target}` names language `{lang_part}`, which keel.yaml does not list")
            })?
        };
        let (path, anchor) = match path.split_once('#') {
            Some((p, a)) => (p, Some(a)),
            None => (path, None),
        };
        let idx = self
            .site
            .find(lang, path)
            .ok_or_else(|| format!("`{target}` points to no page"))?;
        let page = &self.site.pages[idx];
        match anchor {
            Some(a) if !a.is_empty() => {
                self.refs.borrow_mut().push(AnchorRef {
                    file: self.file.to_path_buf(),
                    pos,
                    target: idx,
                    anchor: a.to_string(),
                });
                Ok(format!("{}#{a}", page.path))
            }
            _ => Ok(page.path.clone()),
        }
    }
}
