//! Linking: every page indexed by output path, content path and translation key; clashes
//! rejected; generated index pages for sections (and home pages) that no language wrote one for,
//! or every language's missing one under `untranslated: omit`; fallback copies for pages missing
//! in a language.

use std::collections::HashMap;
use std::path::PathBuf;

use rayon::prelude::*;

use super::{Page, Site};
use crate::config::Untranslated;
use crate::content::{Format, PageKind, PageSrc, SourcePage};
use crate::diagnostics::{Diagnostic, locate};
use crate::locale::LangId;
use crate::paths::{self, output_path};

impl Site {
    /// Index pages by path and key, reject clashes, and add fallback pages for missing translations.
    pub(super) fn link(&mut self, sources: Vec<SourcePage>, diags: &mut Vec<Diagnostic>) {
        let n_langs = self.locales.languages.len();
        let mut sources = sources;
        sources.par_sort_by(|a, b| (a.lang, &a.file).cmp(&(b.lang, &b.file)));
        // Sections without `_index.md` and languages without a home page get a generated one.
        let mut wanted: Vec<(usize, String)> = (0..n_langs).map(|l| (l, String::new())).collect();
        for s in &sources {
            // A nested section `a/b` needs `a` too.
            let mut section = s.section.as_str();
            while !section.is_empty() {
                wanted.push((s.lang, section.to_string()));
                section = section.rsplit_once('/').map_or("", |(up, _)| up);
            }
        }
        wanted.sort();
        wanted.dedup();
        // With `untranslated: fallback` an index page written in another language is shown from
        // there like any other missing page (add_fallbacks); only a section or home page that no
        // language has a file for is made up.
        let fallback = self.config.untranslated == Untranslated::Fallback;
        let written: std::collections::HashSet<&str> = sources
            .iter()
            .filter(|s| s.slug.is_empty())
            .map(|s| s.section.as_str())
            .collect();
        let mut made = Vec::new();
        for (lang, section) in wanted {
            let exists = sources
                .iter()
                .any(|s| s.lang == lang && s.section == section && s.slug.is_empty());
            let falls_back = fallback && written.contains(section.as_str());
            if !exists && !falls_back {
                made.push(self.generated_index(lang, &section, &sources));
            }
        }
        sources.extend(made);
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

    fn generated_index(&self, lang: LangId, section: &str, sources: &[SourcePage]) -> SourcePage {
        // Borrow the title and weight from another language's index if there is one (a written
        // one: a made-up home page has the title of its own language).
        let other = sources
            .iter()
            .find(|s| s.section == section && s.slug.is_empty() && !s.generated);
        // Else the section comes where its first page would: `weight` on pages orders a
        // folder of them among its neighbours too.
        let weight = other.map(|s| s.meta.weight).unwrap_or_else(|| {
            sources
                .iter()
                .filter(|s| s.lang == lang && s.section == section)
                .map(|s| s.meta.weight)
                .min()
                .unwrap_or(0)
        });
        let title = other.map(|s| s.meta.title.clone()).unwrap_or_else(|| {
            if section.is_empty() {
                let code = &self.locales.languages[lang].code;
                self.config
                    .title
                    .get(code)
                    .cloned()
                    .unwrap_or_else(|| code.clone())
            } else {
                let name = section.rsplit('/').next().unwrap_or(section);
                let mut t = name.replace(['-', '_'], " ");
                t[..1].make_ascii_uppercase();
                t
            }
        });
        let code = &self.locales.languages[lang].code;
        let file = PathBuf::from(paths::CONTENT_DIR)
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
                weight,
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
}
