//! The loaded site: config, languages and every page, with translations linked and the Markdown
//! stage run. `Site` loads, links and answers queries (`find`, `translations`, `sections` …);
//! the checks over it are free functions in `checks`, the outputs are made in `render`.

mod body;
mod files;
mod link;
mod page;
mod reload;
mod resolver;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use page::{AnchorRef, Inject, Level, Page, PageBody, PageId, Role, Structured};
pub use reload::Reload;

use crate::config::Config;
use crate::content::{self, PageKind};
use crate::diagnostics::{Diagnostic, locate_yaml_value};
use crate::locale::{LangId, Locales};
use crate::paths::{self, INDEX};

/// What to load.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Include pages marked `draft: true`.
    pub drafts: bool,
}

/// What an output path names (see [`Site::output_target`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputTarget {
    /// A page: links may carry an `#anchor` into it.
    Page(PageId),
    /// Any other file.
    File,
}

/// A translation group: the page of each language, by language index.
pub type Group = Vec<Option<PageId>>;

/// The loaded site.
pub struct Site {
    /// The site folder (with keel.yaml).
    pub root: PathBuf,
    /// keel.yaml.
    pub config: Config,
    /// Languages and interface strings.
    pub locales: Arc<Locales>,
    /// Every page, fallback copies included.
    pub pages: Vec<Page>,
    /// Translation key → page index per language.
    pub groups: BTreeMap<String, Group>,
    /// (language, content path) → page index.
    pub by_path: HashMap<(LangId, String), PageId>,
    /// The warnings of the last load (set by [`crate::load`] once the checks have run).
    pub warnings: Vec<Diagnostic>,
    /// Files copied to the output as they are, by output path: static folders and the files
    /// beside the pages.
    pub files: BTreeMap<String, PathBuf>,
    /// Output path (`en/crises/x/index.html`) → page.
    by_output: HashMap<String, PageId>,
    order: Order,
}

/// Reading order, computed once per load.
#[derive(Default)]
struct Order {
    /// Section index pages per language.
    sections: Vec<Vec<PageId>>,
    /// (language, section) → its pages.
    pages: HashMap<(LangId, String), Vec<PageId>>,
    /// (language, section) → the index pages of the sections nested right inside it; `""`
    /// holds the top-level sections.
    subsections: HashMap<(LangId, String), Vec<PageId>>,
}

impl Site {
    /// Free the source texts: a one-shot build has checked them and only needs what was
    /// rendered from them (a third of a large site's memory). `keel serve` keeps them.
    pub fn drop_sources(&mut self) {
        for p in &mut self.pages {
            p.src.text = String::new();
        }
    }

    /// Load, link and run the Markdown stage, with every problem found on the way. `Err` only
    /// when there is no site to speak of (keel.yaml or its languages unusable); the checks across
    /// pages are [`crate::checks`]'s, and [`crate::load`] runs both.
    pub fn load(
        root: &Path,
        opts: &LoadOptions,
    ) -> Result<(Site, Vec<Diagnostic>), Vec<Diagnostic>> {
        let loaded = Config::load(root)?;
        let (config, config_text, mut diags) = (loaded.config, loaded.text, loaded.problems);
        let locales = Arc::new(
            Locales::load(root, &config, &config_text, &mut diags).ok_or_else(|| diags.clone())?,
        );
        let mut assets = Vec::new();
        let sources = content::load(root, &locales, opts.drafts, &mut diags, &mut assets);
        crate::timing::stage("discovery and parsing");
        if !paths::theme_dir(root, &config.theme)
            .join("templates")
            .is_dir()
        {
            diags.push(
                Diagnostic::error(
                    "no-theme",
                    crate::config::FILE_NAME,
                    format!("theme `{}` not found in themes/", config.theme),
                )
                .at(locate_yaml_value(&config_text, "theme", &config.theme, 0).unwrap_or_default())
                .hint("the theme's templates go in themes/<name>/templates/"),
            );
        }
        let config_theme = config.theme.clone();
        let mut site = Site {
            root: root.to_path_buf(),
            config,
            locales,
            pages: Vec::new(),
            groups: BTreeMap::new(),
            by_path: HashMap::new(),
            warnings: Vec::new(),
            files: files::copied_files(root, &config_theme, assets),
            by_output: HashMap::new(),
            order: Order::default(),
        };
        site.link(sources, &mut diags);
        site.index_order();
        site.by_output = (site.pages.iter().enumerate())
            .map(|(i, p)| (p.path.clone(), i))
            .collect();
        crate::timing::stage("linked");
        let all: Vec<PageId> = (0..site.pages.len()).collect();
        body::render_bodies(&mut site, &all, &mut diags);
        crate::timing::stage("Markdown rendered");
        Ok((site, diags))
    }

    /// The display name of a role id in a language (`role-il` in i18n), or the id itself.
    pub fn role_name(&self, lang: LangId, role: &str) -> String {
        let key = format!("role-{role}");
        let name = self.locales.text(lang, &key, None);
        if name == key {
            self.locales.take_unknown();
            role.to_string()
        } else {
            name
        }
    }

    /// The pages of a translation group that are real translations (not fallback copies).
    pub fn translations(&self, group: &[Option<PageId>]) -> Vec<PageId> {
        group
            .iter()
            .flatten()
            .copied()
            .filter(|&i| self.pages[i].fallback_from.is_none())
            .collect()
    }

    /// Find a page by content path in a language: `crises/x`, `crises/x.md`, `crises/`, ``.
    pub fn find(&self, lang: LangId, path: &str) -> Option<PageId> {
        let p = path.trim_start_matches('/');
        let p = p
            .strip_suffix(".md")
            .or_else(|| p.strip_suffix(".yaml"))
            .or_else(|| p.strip_suffix(".yml"))
            .unwrap_or(p);
        // `_index` (Hugo, Zola) and `index` (MkDocs) at the top of a language: its home page.
        let p = if p == INDEX || p == "index" {
            ""
        } else if let Some(section) = p.strip_suffix(&format!("/{}", INDEX)) {
            return self.by_path.get(&(lang, format!("{section}/"))).copied();
        } else {
            p
        };
        // `x`, a section `x/`, or a page folder's `x/index`.
        let bare = p.strip_suffix("/index").unwrap_or(p).trim_end_matches('/');
        [p.to_string(), format!("{bare}/"), bare.to_string()]
            .into_iter()
            .find_map(|k| self.by_path.get(&(lang, k)).copied())
    }

    /// Pages of one language in a section (not its index), in reading order.
    pub fn section_pages(&self, lang: LangId, section: &str) -> &[PageId] {
        self.order
            .pages
            .get(&(lang, section.to_string()))
            .map_or(&[], Vec::as_slice)
    }

    /// What an output path names: a page (`en/x/index.html`, `en/x/`, `en/x`), or a copied
    /// file, or something Keel always writes (the language chooser, 404 page, sitemap, print
    /// views). `None` when nothing in the output has that path.
    pub fn output_target(&self, path: &str) -> Option<OutputTarget> {
        let path = path.trim_start_matches('/');
        let dir_index = |p: &str| {
            if p.is_empty() || p.ends_with('/') {
                format!("{p}index.html")
            } else {
                format!("{p}/index.html")
            }
        };
        for candidate in [path.to_string(), dir_index(path)] {
            if let Some(&i) = self.by_output.get(&candidate) {
                return Some(OutputTarget::Page(i));
            }
            if self.files.contains_key(&candidate)
                || ["index.html", "404.html", "sitemap.xml"].contains(&candidate.as_str())
                || self.is_print_view(&candidate)
                || self.is_calendar(&candidate)
            {
                return Some(OutputTarget::File);
            }
        }
        None
    }

    /// `…/routine.ics` beside a routine page.
    fn is_calendar(&self, path: &str) -> bool {
        let Some(dir) = path.strip_suffix(paths::CALENDAR_FILE) else {
            return false;
        };
        self.by_output
            .get(&format!("{dir}index.html"))
            .is_some_and(|&i| self.pages[i].src.kind == PageKind::Routine)
    }

    /// `…/print/index.html` under a page that has print views, or a language's print bundle.
    fn is_print_view(&self, path: &str) -> bool {
        let marker = format!("/{}/", paths::PRINT_DIR);
        let Some(at) = path.find(&marker) else {
            return false;
        };
        let page = format!("{}/index.html", &path[..at]);
        let in_language = !path[..at].contains('/');
        in_language || self.by_output.contains_key(&page)
    }

    /// Section index pages of one language, nested ones included, in order.
    pub fn sections(&self, lang: LangId) -> &[PageId] {
        self.order.sections.get(lang).map_or(&[], Vec::as_slice)
    }

    /// The index pages of the sections right inside `section` (`""`: the top-level ones).
    pub fn subsections(&self, lang: LangId, section: &str) -> &[PageId] {
        self.order
            .subsections
            .get(&(lang, section.to_string()))
            .map_or(&[], Vec::as_slice)
    }

    /// What a section lists, in reading order: the sections nested right inside it and its
    /// pages, together (`""`: the top-level sections and the pages at the root of a language).
    pub fn listing(&self, lang: LangId, section: &str) -> Vec<PageId> {
        let mut v: Vec<PageId> = self.subsections(lang, section).to_vec();
        v.extend_from_slice(self.section_pages(lang, section));
        v.sort_by(|&a, &b| self.order_key(a).cmp(&self.order_key(b)));
        v
    }

    /// The section `section` sits in: `""` for `crises`, `ops` for `ops/payments`.
    pub fn parent_section(section: &str) -> &str {
        section.rsplit_once('/').map_or("", |(up, _)| up)
    }

    /// Sort every section once, so navigation costs no more per page than the page itself.
    fn index_order(&mut self) {
        let mut order = Order {
            sections: vec![Vec::new(); self.locales.languages.len()],
            pages: HashMap::new(),
            subsections: HashMap::new(),
        };
        for (i, p) in self.pages.iter().enumerate() {
            if p.src.kind == PageKind::Section {
                order.sections[p.lang()].push(i);
                let parent = Site::parent_section(&p.src.section).to_string();
                order
                    .subsections
                    .entry((p.lang(), parent))
                    .or_default()
                    .push(i);
            } else if !p.src.slug.is_empty() {
                order
                    .pages
                    .entry((p.lang(), p.src.section.clone()))
                    .or_default()
                    .push(i);
            }
        }
        for v in order
            .sections
            .iter_mut()
            .chain(order.pages.values_mut())
            .chain(order.subsections.values_mut())
        {
            v.sort_by(|&a, &b| self.order_key(a).cmp(&self.order_key(b)));
        }
        self.order = order;
    }

    fn order_key(&self, i: PageId) -> (i64, &str, &str) {
        let p = &self.pages[i];
        (
            p.src.meta.weight,
            p.src.meta.title.as_str(),
            p.src.slug.as_str(),
        )
    }

    /// Pages per language (code, count), fallback copies included.
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
