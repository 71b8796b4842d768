//! `keel.yaml`: the site settings. Parsed strictly: an unknown key is an error with a suggestion.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::diagnostics::{self, Diagnostic, locate_yaml_value};

/// Name of the settings file at the site root.
pub const FILE_NAME: &str = "keel.yaml";

/// Site settings: the file `keel.yaml` at the site root.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Site title per language code.
    pub title: BTreeMap<String, String>,
    /// Absolute URL the site is published under; may carry a sub-path.
    pub base_url: String,
    /// Code of the main language, used for missing pages and strings; must be in `languages`.
    pub default_language: String,
    /// The site's languages, each with a folder under `content/`; at least one.
    pub languages: Vec<LanguageConfig>,
    /// Folder under `themes/` whose templates and static files are used (default `default`).
    #[serde(default = "default_theme")]
    pub theme: String,
    /// What to do with a page that is missing in a language.
    #[serde(default)]
    pub untranslated: Untranslated,
    /// Folder the site is built into, relative to the site root (default `public`).
    #[serde(default = "default_output")]
    pub output_dir: String,
    /// What becomes of HTML written in Markdown: kept through an allowlist (`sanitize`, the
    /// default) or shown as text (`escape`).
    #[serde(default)]
    pub raw_html: RawHtml,
    /// Limits for the warnings of `keel check` and `keel build`.
    #[serde(default)]
    pub check: CheckConfig,
}

/// Limits for the warnings of `keel check` and `keel build`.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct CheckConfig {
    /// A checklist with more items than this gets a `long-checklist` warning.
    pub max_checklist_items: usize,
    /// A page whose `reviewed` date is older than this many months gets a `stale-review` warning.
    pub review_max_age_months: u32,
}

impl Default for CheckConfig {
    fn default() -> Self {
        CheckConfig {
            max_checklist_items: 9,
            review_max_age_months: 12,
        }
    }
}

/// One language of the site.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LanguageConfig {
    /// BCP 47 tag; also the folder name under `content/` and the URL prefix.
    pub code: String,
    /// Name of the language in itself, for the switcher. Defaults to its `language-name` string,
    /// else Keel's own name for the language (`ar`: العربية), else the code.
    pub name: Option<String>,
    /// Override of the direction derived from the tag.
    pub dir: Option<Direction>,
}

/// Text direction of a language.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Left to right (`ltr`), as in English or Polish.
    Ltr,
    /// Right to left (`rtl`), as in Hebrew or Arabic.
    Rtl,
}

impl Direction {
    /// The value for HTML's `dir` attribute: `ltr` or `rtl`.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

/// Missing translations are either rendered from the default language under a banner in the
/// reader's language (`fallback`), or left out (`omit`): the switcher then says so.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Untranslated {
    /// Render the default language's page under a banner (the default).
    #[default]
    Fallback,
    /// Leave the page out; the language switcher says it is missing.
    Omit,
}

/// What becomes of HTML written in Markdown (`<details>`, `<kbd>`, a table).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum RawHtml {
    /// Keep structural and text tags and safe attributes; scripts, event handlers, `style`,
    /// iframes, forms and `javascript:`/`data:` URLs are removed, with a warning (the default).
    #[default]
    Sanitize,
    /// Show every tag as text.
    Escape,
}

fn default_theme() -> String {
    "default".into()
}

fn default_output() -> String {
    "public".into()
}

/// A `keel.yaml` that parses, with its text (to place later problems) and what validation found.
pub struct LoadedConfig {
    /// The settings.
    pub config: Config,
    /// The file's text.
    pub text: String,
    /// Problems validation found (errors, and warnings such as `missing-title`); later stages
    /// report theirs too.
    pub problems: Vec<Diagnostic>,
}

impl Config {
    /// Read and validate `keel.yaml` under `root`.
    pub fn load(root: &Path) -> Result<LoadedConfig, Vec<Diagnostic>> {
        let path = root.join(FILE_NAME);
        let shown = Path::new(FILE_NAME);
        let text = match crate::paths::read_limited(&path, crate::paths::MAX_SOURCE_BYTES) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(t) => t,
                Err(_) => {
                    return Err(vec![
                        Diagnostic::error("not-utf8", shown, "file is not valid UTF-8")
                            .hint("save the file as UTF-8"),
                    ]);
                }
            },
            Err(e) if e.kind() == std::io::ErrorKind::FileTooLarge => {
                return Err(vec![
                    Diagnostic::error("file-too-large", shown, format!("{FILE_NAME} is {e}"))
                        .hint("keel.yaml holds a few settings; check it is the right file"),
                ]);
            }
            Err(e) => {
                return Err(vec![
                    Diagnostic::error("no-config", shown, format!("cannot read {FILE_NAME}: {e}"))
                        .hint("run keel in a site folder, pass --root DIR, or create one with `keel init DIR`"),
                ]);
            }
        };
        if let Some(pos) = diagnostics::alias_pos(&text) {
            return Err(vec![
                Diagnostic::error(
                    "yaml-alias",
                    shown,
                    "YAML aliases (`*name`) are not allowed",
                )
                .at(pos)
                .hint("write the value out where it is needed"),
            ]);
        }
        let config: Config = serde_yaml::from_str(&text)
            .map_err(|e| vec![diagnostics::from_yaml_error(&e, shown, 0)])?;
        let problems = config.validate(&text);
        Ok(LoadedConfig {
            config,
            text,
            problems,
        })
    }

    fn validate(&self, text: &str) -> Vec<Diagnostic> {
        let file = Path::new(FILE_NAME);
        let mut errors = Vec::new();
        let at =
            |key: &str, value: &str| locate_yaml_value(text, key, value, 0).unwrap_or_default();
        if self.languages.is_empty() {
            errors.push(
                Diagnostic::error("no-languages", file, "`languages` is empty")
                    .hint("list at least one language, e.g. `languages: [{code: en}]`"),
            );
        }
        let codes: Vec<&str> = self.languages.iter().map(|l| l.code.as_str()).collect();
        for (i, code) in codes.iter().enumerate() {
            if codes[..i].contains(code) {
                errors.push(
                    Diagnostic::error(
                        "duplicate-language",
                        file,
                        format!("language `{code}` is listed twice"),
                    )
                    .at(locate_yaml_value(text, "code", code, 1).unwrap_or_default()),
                );
            }
        }
        if !codes.contains(&self.default_language.as_str()) {
            errors.push(
                Diagnostic::error(
                    "unknown-language",
                    file,
                    format!(
                        "default_language `{}` is not in `languages`",
                        self.default_language
                    ),
                )
                .at(at("default_language", &self.default_language))
                .hint(format!("use one of: {}", codes.join(", "))),
            );
        }
        for code in self.title.keys() {
            if !codes.contains(&code.as_str()) {
                let mut d = Diagnostic::error(
                    "unknown-language",
                    file,
                    format!("title is given for `{code}`, which is not in `languages`"),
                )
                .at(at(code, self.title[code].as_str()));
                if let Some(best) = diagnostics::did_you_mean(code, codes.iter().copied()) {
                    d = d.hint(format!("did you mean `{best}`?"));
                }
                errors.push(d);
            }
        }
        // A language without a title shows the default language's: say so, once per language.
        let default_title = self.title.get(&self.default_language);
        for (i, code) in codes.iter().enumerate() {
            if self.title.contains_key(*code) || codes[..i].contains(code) {
                continue;
            }
            let message = if *code == self.default_language {
                format!("no site title for the default language `{code}`")
            } else if let Some(t) = default_title {
                format!(
                    "no site title for `{code}`: the {} title `{t}` is used",
                    self.default_language
                )
            } else {
                format!("no site title for `{code}`")
            };
            errors.push(
                Diagnostic::warning("missing-title", file, message)
                    .at(diagnostics::key_pos(text, &["title"]))
                    .hint(format!(
                        "add `{code}: …` under `title:` in {FILE_NAME}: the site's name in that language"
                    )),
            );
        }
        let url_ok = (self.base_url.starts_with("https://")
            || self.base_url.starts_with("http://"))
            && self.base_url.len() > "https://".len();
        if !url_ok {
            errors.push(
                Diagnostic::error(
                    "bad-base-url",
                    file,
                    format!(
                        "base_url `{}` is not an absolute http(s) URL",
                        self.base_url
                    ),
                )
                .at(at("base_url", &self.base_url))
                .hint("write it like https://example.org/playbook/"),
            );
        }
        if self.theme.is_empty() || self.theme.contains(['/', '\\']) || self.theme.starts_with('.')
        {
            errors.push(
                Diagnostic::error(
                    "bad-theme",
                    file,
                    format!("theme `{}` is not a folder name", self.theme),
                )
                .at(at("theme", &self.theme))
                .hint("name a folder under themes/, e.g. `theme: default`"),
            );
        }
        errors
    }

    /// `base_url` with exactly one trailing slash.
    pub fn base_url(&self) -> String {
        format!("{}/", self.base_url.trim_end_matches('/'))
    }

    /// The path part of `base_url` (`/playbook/`), for pages that cannot use relative links.
    pub fn base_path(&self) -> String {
        let after_scheme = self.base_url.split_once("://").map_or("", |(_, r)| r);
        let path = after_scheme.find('/').map_or("", |i| &after_scheme[i..]);
        format!("/{}/", path.trim_matches('/')).replace("//", "/")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(yaml: &str) -> Result<Config, Vec<Diagnostic>> {
        let c: Config = serde_yaml::from_str(yaml)
            .map_err(|e| vec![diagnostics::from_yaml_error(&e, Path::new("keel.yaml"), 0)])?;
        let errs: Vec<Diagnostic> = c
            .validate(yaml)
            .into_iter()
            .filter(Diagnostic::is_error)
            .collect();
        if errs.is_empty() { Ok(c) } else { Err(errs) }
    }

    #[test]
    fn base_path_keeps_the_sub_path() {
        let c = parse("title: {en: T}\nbase_url: https://example.org/playbook\ndefault_language: en\nlanguages: [{code: en}]\n").unwrap();
        assert_eq!(c.base_path(), "/playbook/");
        assert_eq!(c.base_url(), "https://example.org/playbook/");
        let c = parse("title: {en: T}\nbase_url: https://example.org\ndefault_language: en\nlanguages: [{code: en}]\n").unwrap();
        assert_eq!(c.base_path(), "/");
    }

    #[test]
    fn unknown_key_suggests_the_closest() {
        let errs = parse("title: {en: T}\nbase_url: https://e.org/\ndefault_langauge: en\nlanguages: [{code: en}]\n").unwrap_err();
        assert_eq!(errs[0].code, "unknown-key");
        assert_eq!(errs[0].line, 3);
        assert!(
            errs[0]
                .hint
                .as_deref()
                .unwrap()
                .contains("did you mean `default_language`"),
            "{:?}",
            errs[0]
        );
    }

    #[test]
    fn a_language_without_a_title_is_one_warning() {
        let yaml = "title:\n  en: Playbook\nbase_url: https://e.org/\ndefault_language: en\nlanguages: [{code: en}, {code: ar}]\n";
        let c: Config = serde_yaml::from_str(yaml).unwrap();
        let diags = c.validate(yaml);
        assert_eq!(diags.len(), 1, "{diags:?}");
        let d = &diags[0];
        assert_eq!((d.code, d.is_error(), d.line), ("missing-title", false, 1));
        assert_eq!(
            d.message,
            "no site title for `ar`: the en title `Playbook` is used"
        );
        assert!(
            d.hint
                .as_deref()
                .unwrap()
                .contains("add `ar: …` under `title:`")
        );
    }

    #[test]
    fn default_language_must_be_listed() {
        let errs = parse("title: {en: T}\nbase_url: https://e.org/\ndefault_language: pl\nlanguages: [{code: en}]\n").unwrap_err();
        assert_eq!(errs[0].code, "unknown-language");
        assert_eq!(errs[0].line, 3);
    }
}
