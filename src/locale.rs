//! Languages and interface strings. A language is a BCP 47 tag (unic-langid) whose text direction
//! follows from the tag unless `keel.yaml` overrides it. Interface strings are Fluent messages in
//! `i18n/<code>.ftl`, so plurals follow CLDR rules; a message missing in one language falls back to
//! the default language.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use unic_langid::{CharacterDirection, LanguageIdentifier};

use crate::config::{Config, Direction};
use crate::diagnostics::{Diagnostic, Pos, locate_yaml_value};

pub use crate::paths::I18N_DIR;

/// A language's index in [`Locales::languages`] (the order of `keel.yaml`).
pub type LangId = usize;

/// One language of the site, with its parsed tag and direction.
#[derive(Debug, Clone)]
pub struct Language {
    /// The tag as written in `keel.yaml`: folder name and URL prefix.
    pub code: String,
    /// The parsed BCP 47 tag.
    pub id: LanguageIdentifier,
    /// Text direction: from the tag unless `keel.yaml` sets `dir`.
    pub dir: Direction,
    /// The language's name in itself.
    pub name: String,
}

/// Parse a tag and derive its direction (`he`, `he-IL`, `ar`, `fa`, `ku-Arab` are right-to-left).
pub fn parse_tag(code: &str) -> Result<(LanguageIdentifier, Direction), String> {
    let id: LanguageIdentifier = code
        .parse()
        .map_err(|e| format!("`{code}` is not a valid BCP 47 language tag ({e})"))?;
    if !id.to_string().eq_ignore_ascii_case(code) {
        return Err(format!("`{code}` is not in canonical form; write `{id}`"));
    }
    let dir = match id.character_direction() {
        CharacterDirection::RTL => Direction::Rtl,
        _ => Direction::Ltr,
    };
    Ok((id, dir))
}

type Bundle = FluentBundle<FluentResource>;

/// The site's languages and their interface strings.
pub struct Locales {
    /// The languages, in the order of `keel.yaml`.
    pub languages: Vec<Language>,
    /// Index of the default language in `languages`.
    pub default: usize,
    bundles: Vec<Bundle>,
    /// Keys a template asked for that no language defines; reported after rendering.
    unknown: Mutex<BTreeSet<String>>,
    /// Message ids of the default language, in file order.
    ids: Vec<String>,
}

impl std::fmt::Debug for Locales {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Locales")
            .field("languages", &self.languages)
            .finish()
    }
}

impl Locales {
    /// Parse every language of the config and load its strings. Errors and warnings are pushed to
    /// `diags`; `None` means the languages themselves are unusable.
    pub fn load(
        root: &Path,
        config: &Config,
        config_text: &str,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<Locales> {
        let mut languages = Vec::new();
        let mut ok = true;
        for (i, lc) in config.languages.iter().enumerate() {
            match parse_tag(&lc.code) {
                Ok((id, dir)) => languages.push(Language {
                    code: lc.code.clone(),
                    id,
                    dir: lc.dir.unwrap_or(dir),
                    name: lc.name.clone().unwrap_or_default(),
                }),
                Err(msg) => {
                    ok = false;
                    let nth = config.languages[..i]
                        .iter()
                        .filter(|l| l.code == lc.code)
                        .count();
                    diags.push(
                        Diagnostic::error("invalid-language", crate::config::FILE_NAME, msg)
                            .at(locate_yaml_value(config_text, "code", &lc.code, nth)
                                .unwrap_or_default())
                            .hint("use a tag such as en, pl, he or he-IL"),
                    );
                }
            }
        }
        if !ok {
            return None;
        }
        let default = languages
            .iter()
            .position(|l| l.code == config.default_language)?;
        let bundles = languages
            .iter()
            .map(|lang| load_bundle(root, lang, &config.default_language, diags))
            .collect();
        let mut locales = Locales {
            languages,
            default,
            bundles,
            unknown: Mutex::new(BTreeSet::new()),
            ids: Vec::new(),
        };
        for lang in &mut locales.languages {
            if lang.name.is_empty() {
                lang.name = lang.code.clone();
            }
        }
        for i in 0..locales.languages.len() {
            if let Some(name) = locales.lookup(i, "language-name", None) {
                let lang = &mut locales.languages[i];
                if config.languages[i].name.is_none() {
                    lang.name = name;
                }
            }
        }
        locales.report_missing(root, diags);
        Some(locales)
    }

    fn report_missing(&mut self, root: &Path, diags: &mut Vec<Diagnostic>) {
        let default_code = &self.languages[self.default].code;
        let default_file = PathBuf::from(I18N_DIR).join(format!("{default_code}.ftl"));
        let default_text = std::fs::read_to_string(root.join(&default_file)).unwrap_or_default();
        let ids = message_ids(&default_text);
        self.ids = ids.clone();
        for (i, lang) in self.languages.iter().enumerate() {
            if i == self.default {
                continue;
            }
            let file = PathBuf::from(I18N_DIR).join(format!("{}.ftl", lang.code));
            if !root.join(&file).exists() {
                continue;
            }
            for id in &ids {
                if !self.bundles[i].has_message(id) {
                    diags.push(
                        Diagnostic::warning(
                            "missing-string",
                            &file,
                            format!("interface string `{id}` is missing; the {default_code} text is used"),
                        )
                        .hint(format!("add `{id} = …` (see {})", default_file.display())),
                    );
                }
            }
        }
    }

    /// Index of the language with this code, if the site has it.
    pub fn index_of(&self, code: &str) -> Option<usize> {
        self.languages.iter().position(|l| l.code == code)
    }

    fn lookup(&self, lang: LangId, key: &str, args: Option<&FluentArgs>) -> Option<String> {
        let bundle = &self.bundles[lang];
        let pattern = bundle.get_message(key)?.value()?;
        let mut errors = Vec::new();
        Some(
            bundle
                .format_pattern(pattern, args, &mut errors)
                .into_owned(),
        )
    }

    /// The string `key` in language `lang`, else in the default language, else the key itself
    /// (remembered and reported as a warning by the build).
    pub fn text(&self, lang: LangId, key: &str, args: Option<&FluentArgs>) -> String {
        self.lookup(lang, key, args)
            .or_else(|| self.lookup(self.default, key, args))
            .unwrap_or_else(|| {
                self.unknown
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .insert(key.to_string());
                key.to_string()
            })
    }

    /// A count string such as "3 of 9 done", with the plural form the language needs.
    pub fn count(&self, lang: LangId, key: &str, count: i64) -> String {
        let mut args = FluentArgs::new();
        args.set("count", FluentValue::from(count));
        self.text(lang, key, Some(&args))
    }

    /// The `js-*` strings of a language as a JSON object (`{"note": "Note", …}`) for the theme's
    /// script, with `{week}`, `{done}`, `{count}` and `{elapsed}` left for the script to fill.
    /// Safe inside `<script type="application/json">`: every `<` is escaped.
    pub fn script_strings(&self, lang: LangId) -> String {
        let mut args = FluentArgs::new();
        for name in ["week", "done", "count", "elapsed"] {
            args.set(name, FluentValue::from(format!("{{{name}}}")));
        }
        let map: std::collections::BTreeMap<&str, String> = self
            .ids
            .iter()
            .filter_map(|id| {
                id.strip_prefix("js-")
                    .map(|short| (short, self.text(lang, id, Some(&args))))
            })
            .collect();
        serde_json::to_string(&map)
            .unwrap_or_else(|_| "{}".into())
            // Inside a script element `</script` ends it and `<!--` starts an escape that can
            // swallow the rest of the page: no `<` at all, as JSON allows.
            .replace('<', "\\u003c")
    }

    /// Keys asked for that no language defines, since the last call.
    pub fn take_unknown(&self) -> Vec<String> {
        std::mem::take(&mut *self.unknown.lock().unwrap_or_else(|p| p.into_inner()))
            .into_iter()
            .collect()
    }
}

/// One language's strings from `i18n/<code>.ftl`; problems go to `diags`.
fn load_bundle(
    root: &Path,
    lang: &Language,
    default_language: &str,
    diags: &mut Vec<Diagnostic>,
) -> Bundle {
    let mut bundle = Bundle::new_concurrent(vec![lang.id.clone()]);
    // Directional isolation is done in HTML (`<bdi>`), not with invisible marks.
    bundle.set_use_isolating(false);
    let file = PathBuf::from(I18N_DIR).join(format!("{}.ftl", lang.code));
    match crate::paths::read_text_limited(&root.join(&file), crate::paths::MAX_SOURCE_BYTES) {
        Ok(text) => {
            let resource = match FluentResource::try_new(text.clone()) {
                Ok(r) => r,
                Err((r, errors)) => {
                    for e in errors {
                        diags.push(
                            Diagnostic::error(
                                "fluent-syntax",
                                &file,
                                format!("Fluent syntax error: {}", e.kind),
                            )
                            .at(Pos::of_offset(&text, e.pos.start))
                            .hint("see https://projectfluent.org/fluent/guide/ for the syntax"),
                        );
                    }
                    r
                }
            };
            if let Err(errors) = bundle.add_resource(resource) {
                for e in errors {
                    diags.push(Diagnostic::error("fluent-duplicate", &file, e.to_string()));
                }
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => diags.push(
            Diagnostic::warning(
                "missing-strings-file",
                &file,
                "no interface strings for this language",
            )
            .hint(format!(
                "copy i18n/{}.ftl and translate it",
                default_language
            )),
        ),
        Err(e) => diags.push(Diagnostic::error("io", &file, e.to_string())),
    }
    bundle
}

/// Message ids defined in an `.ftl` text (terms and comments left out).
fn message_ids(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| l.starts_with(|c: char| c.is_ascii_alphabetic()))
        .filter_map(|l| l.split_once('='))
        .map(|(id, _)| id.trim().to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direction_follows_the_tag() {
        for rtl in ["he", "he-IL", "ar", "fa", "ur", "yi"] {
            assert_eq!(parse_tag(rtl).unwrap().1, Direction::Rtl, "{rtl}");
        }
        for ltr in ["en", "pl", "en-GB", "pl-PL", "ru"] {
            assert_eq!(parse_tag(ltr).unwrap().1, Direction::Ltr, "{ltr}");
        }
    }

    #[test]
    fn bad_tags_are_rejected() {
        assert!(parse_tag("english!").is_err());
        assert!(parse_tag("").is_err());
        assert!(parse_tag("e").is_err());
    }

    #[test]
    fn plural_forms_follow_cldr() {
        let mut bundle = Bundle::new_concurrent(vec!["pl".parse().unwrap()]);
        bundle.set_use_isolating(false);
        let ftl = "n = { $count ->\n [one] { $count } pozycja\n [few] { $count } pozycje\n *[many] { $count } pozycji\n}\n";
        bundle
            .add_resource(FluentResource::try_new(ftl.into()).unwrap())
            .unwrap();
        let say = |n: i64| {
            let mut args = FluentArgs::new();
            args.set("count", FluentValue::from(n));
            let p = bundle.get_message("n").unwrap().value().unwrap();
            bundle
                .format_pattern(p, Some(&args), &mut vec![])
                .into_owned()
        };
        assert_eq!(say(1), "1 pozycja");
        assert_eq!(say(2), "2 pozycje");
        assert_eq!(say(5), "5 pozycji");
        assert_eq!(say(22), "22 pozycje");
        assert_eq!(say(12), "12 pozycji");
    }
}
