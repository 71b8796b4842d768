//! Languages and interface strings. A language is a BCP 47 tag (unic-langid) whose text direction
//! follows from the tag unless `keel.yaml` overrides it. Interface strings are Fluent messages in
//! `i18n/<code>.ftl`, so plurals follow CLDR rules. A region or script tag falls back to its base
//! language's file (`he-IL` reads `i18n/he-IL.ftl` if there is one, then `i18n/he.ftl`), and a
//! message missing in all of them falls back to the default language.

mod autonyms;

pub use autonyms::autonym;

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
    /// The language's name in itself: `name` in `keel.yaml`, else its `language-name` string,
    /// else [`autonym`], else the code.
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

/// One `.ftl` file loaded for a language.
struct StringsFile {
    /// `i18n/<tag>.ftl`, as shown in messages.
    file: PathBuf,
    bundle: Bundle,
}

/// The site's languages and their interface strings.
pub struct Locales {
    /// The languages, in the order of `keel.yaml`.
    pub languages: Vec<Language>,
    /// Index of the default language in `languages`.
    pub default: usize,
    /// Per language, its strings files in the order they are asked (`he-IL.ftl`, `he.ftl`).
    bundles: Vec<Vec<StringsFile>>,
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
        for i in 0..locales.languages.len() {
            if config.languages[i].name.is_some() {
                continue;
            }
            let own = locales.lookup(i, "language-name", None);
            let lang = &mut locales.languages[i];
            lang.name = own
                .or_else(|| autonym(lang.id.language.as_str()).map(str::to_string))
                .unwrap_or_else(|| lang.code.clone());
        }
        locales.report_missing(root, diags);
        Some(locales)
    }

    /// A `missing-string` warning for each message of the default language that a language's
    /// strings files lack (once per set of files: `he` and `he-IL` may share `he.ftl`).
    fn report_missing(&mut self, root: &Path, diags: &mut Vec<Diagnostic>) {
        let default_code = &self.languages[self.default].code;
        // The default language's messages, from each of its files (`en-US.ftl`, then `en.ftl`).
        let default_files: Vec<PathBuf> = self.bundles[self.default]
            .iter()
            .map(|f| f.file.clone())
            .collect();
        let mut ids: Vec<String> = Vec::new();
        let mut seen = BTreeSet::new();
        for file in &default_files {
            let text = std::fs::read_to_string(root.join(file)).unwrap_or_default();
            ids.extend(
                message_ids(&text)
                    .into_iter()
                    .filter(|id| seen.insert(id.clone())),
            );
        }
        self.ids = ids.clone();
        let default_file = default_files
            .first()
            .cloned()
            .unwrap_or_else(|| strings_file(default_code));
        let mut reported: BTreeSet<Vec<&Path>> = BTreeSet::new();
        for (i, chain) in self.bundles.iter().enumerate() {
            let files: Vec<&Path> = chain.iter().map(|f| f.file.as_path()).collect();
            let shares_default = files.iter().any(|f| default_files.iter().any(|d| d == f));
            if i == self.default || files.is_empty() || shares_default {
                continue;
            }
            let Some(&file) = files.first() else {
                continue;
            };
            if !reported.insert(files.clone()) {
                continue;
            }
            // A check's word lists (`lint-*`) are the language's own or none: another
            // language's words would find nothing, so a missing list is not a problem.
            for id in ids.iter().filter(|id| !id.starts_with(LINT_PREFIX)) {
                if !chain.iter().any(|f| f.bundle.has_message(id)) {
                    diags.push(
                        Diagnostic::warning(
                            "missing-string",
                            file,
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

    /// The string `key` from the first of the language's own files that has it.
    fn lookup(&self, lang: LangId, key: &str, args: Option<&FluentArgs>) -> Option<String> {
        self.bundles[lang].iter().find_map(|f| {
            let pattern = f.bundle.get_message(key)?.value()?;
            let mut errors = Vec::new();
            Some(
                f.bundle
                    .format_pattern(pattern, args, &mut errors)
                    .into_owned(),
            )
        })
    }

    /// The strings files a language reads, most specific first (`i18n/he-IL.ftl`,
    /// `i18n/he.ftl`); empty when it has none and uses the default language's.
    pub fn strings_files(&self, lang: LangId) -> Vec<&Path> {
        self.bundles[lang]
            .iter()
            .map(|f| f.file.as_path())
            .collect()
    }

    /// The string `key` from the language's own files only: for words a check looks for in the
    /// language's text, where another language's words would be no use.
    pub fn own_text(&self, lang: LangId, key: &str) -> Option<String> {
        self.lookup(lang, key, None)
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
    /// script, with `{week}`, `{quarter}`, `{done}`, `{count}` and `{elapsed}` left for the script to fill.
    /// Safe inside `<script type="application/json">`: every `<` is escaped.
    pub fn script_strings(&self, lang: LangId) -> String {
        let mut args = FluentArgs::new();
        for name in ["week", "quarter", "done", "count", "elapsed"] {
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

/// Strings that are word lists for `keel check` in the language, not interface text.
const LINT_PREFIX: &str = "lint-";

/// `i18n/<tag>.ftl`.
fn strings_file(tag: &str) -> PathBuf {
    PathBuf::from(I18N_DIR).join(format!("{tag}.ftl"))
}

/// The tags whose strings files a language reads, most specific first: `zh-Hant-TW`, `zh-Hant`,
/// `zh`.
fn fallback_tags(code: &str) -> Vec<&str> {
    let mut tags = vec![code];
    let mut tag = code;
    while let Some((up, _)) = tag.rsplit_once('-') {
        tags.push(up);
        tag = up;
    }
    tags
}

/// A language's strings: `i18n/<code>.ftl`, then the files of its shorter tags (`he-IL`, then
/// `he`), each that exists. Problems go to `diags`; a language with none of them gets one
/// `missing-strings-file` warning naming the file to create.
fn load_bundle(
    root: &Path,
    lang: &Language,
    default_language: &str,
    diags: &mut Vec<Diagnostic>,
) -> Vec<StringsFile> {
    let tags = fallback_tags(&lang.code);
    let mut chain = Vec::new();
    for tag in &tags {
        let file = strings_file(tag);
        match crate::paths::read_text_limited(&root.join(&file), crate::paths::MAX_SOURCE_BYTES) {
            Ok(text) => chain.push(StringsFile {
                bundle: parse_bundle(lang, &file, text, diags),
                file,
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => diags.push(Diagnostic::error("io", &file, e.to_string())),
        }
    }
    if chain.is_empty() {
        diags.push(missing_strings_file(&lang.code, &tags, default_language));
    }
    chain
}

/// The warning for a language without any strings file: which file to create, from which.
fn missing_strings_file(code: &str, tags: &[&str], default_language: &str) -> Diagnostic {
    let file = strings_file(code);
    let base = tags.last().copied().unwrap_or(code);
    if code == default_language {
        return Diagnostic::warning(
            "missing-strings-file",
            &file,
            format!(
                "no interface strings for the default language `{code}`: create {}",
                file.display()
            ),
        )
        .hint(
            "copy the .ftl file of another language (`keel init` writes en.ftl) and translate it",
        );
    }
    let tried = if tags.len() > 1 {
        format!(
            " (looked for {})",
            tags.iter()
                .map(|t| strings_file(t).display().to_string())
                .collect::<Vec<_>>()
                .join(", ")
        )
    } else {
        String::new()
    };
    Diagnostic::warning(
        "missing-strings-file",
        strings_file(base),
        format!(
            "no interface strings for `{code}`{tried}: the {default_language} strings are used"
        ),
    )
    .hint(format!(
        "copy i18n/{default_language}.ftl to {} and translate it",
        strings_file(base).display()
    ))
}

/// Parse one `.ftl` text into a bundle for `lang` (whose plural rules it then follows).
fn parse_bundle(lang: &Language, file: &Path, text: String, diags: &mut Vec<Diagnostic>) -> Bundle {
    let mut bundle = Bundle::new_concurrent(vec![lang.id.clone()]);
    // Directional isolation is done in HTML (`<bdi>`), not with invisible marks.
    bundle.set_use_isolating(false);
    let resource = match FluentResource::try_new(text.clone()) {
        Ok(r) => r,
        Err((r, errors)) => {
            for e in errors {
                diags.push(
                    Diagnostic::error(
                        "fluent-syntax",
                        file,
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
            diags.push(Diagnostic::error("fluent-duplicate", file, e.to_string()));
        }
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
