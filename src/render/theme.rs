//! The theme: its Tera templates parsed once, one Tera instance per language so that the
//! interface-string function `t(key=…, count=…)` knows its language; template errors as
//! diagnostics with file, line and column.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use tera::{Kwargs, State, Tera, Value};

use crate::diagnostics::{Diagnostic, Pos};
use crate::locale::{LangId, Locales};
use crate::paths::{self, is_ignored};
use crate::site::Site;

/// Templates every theme must have.
pub const TEMPLATES: [&str; 5] = [
    "page.html",
    "section.html",
    "home.html",
    "root.html",
    "404.html",
];

/// The theme's templates, one Tera instance per language so `t()` knows its language.
pub struct Theme {
    pub(crate) teras: Vec<Tera>,
    /// Templates under `cached/`, rendered once per language and section (see `SharedCtx`).
    pub(super) cached: Vec<String>,
    /// Per language: the script's interface strings as JSON, computed once.
    pub(super) script_strings: Vec<String>,
    /// The theme's `static/` folder, copied into the output as it is.
    pub static_dir: PathBuf,
    /// The theme's `templates/` folder, for messages.
    pub templates_dir: PathBuf,
}

impl Theme {
    /// Read and parse the site theme's templates; every problem found is returned.
    pub fn load(site: &Site) -> Result<Theme, Vec<Diagnostic>> {
        let theme_dir = paths::theme_dir(&site.root, &site.config.theme);
        let templates_dir = theme_dir.join("templates");
        let mut sources = Vec::new();
        let mut diags = Vec::new();
        for entry in walkdir::WalkDir::new(&templates_dir)
            .sort_by_file_name()
            .into_iter()
            .flatten()
        {
            let path = entry.path();
            if !entry.file_type().is_file() || is_ignored(&entry.file_name().to_string_lossy()) {
                continue;
            }
            let name = path
                .strip_prefix(&templates_dir)
                .unwrap_or(path)
                .to_string_lossy()
                .replace('\\', "/");
            match paths::read_text_limited(path, paths::MAX_SOURCE_BYTES) {
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
            templates_dir,
        })
    }
}

impl Theme {
    /// Render template `name` in language `lang`, a failure as a diagnostic.
    pub fn render(
        &self,
        site: &Site,
        lang: LangId,
        name: &str,
        ctx: &tera::Context,
    ) -> Result<String, Diagnostic> {
        self.teras[lang]
            .render(name, ctx)
            .map_err(|e| self.error(site, name, &e))
    }

    /// A template error while rendering `name`.
    pub fn error(&self, site: &Site, name: &str, err: &tera::Error) -> Diagnostic {
        template_error(&self.templates_dir, site, name, err)
    }
}

fn rel(site: &Site, path: &Path) -> PathBuf {
    path.strip_prefix(&site.root).unwrap_or(path).to_path_buf()
}

/// Turn a Tera error into a diagnostic naming the template, line and column where Tera knows them.
fn template_error(dir: &Path, site: &Site, name: &str, err: &tera::Error) -> Diagnostic {
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

/// `t(key=…, …)` bound to one language.
struct TFn {
    locales: Arc<Locales>,
    lang: LangId,
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

    /// A value put into a right-to-left string: a left-to-right one ("English", a URL, a
    /// version) between FSI and PDI, so it cannot reorder the sentence around it. `code` is a
    /// selector (`{ $code -> [en] … }`) and `{done}` a blank for the script: both pass as they are.
    fn isolated(&self, name: &str, value: &str) -> String {
        let rtl = self.locales.languages[self.lang].dir == crate::config::Direction::Rtl;
        // `{done}` is a blank the theme's script fills in with a number.
        let blank = value.starts_with('{') && value.ends_with('}');
        if rtl && name != "code" && !blank && crate::markdown::has_ltr(value) {
            format!("\u{2068}{value}\u{2069}")
        } else {
            value.to_string()
        }
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
                fluent_bundle::FluentValue::from(self.isolated(k, s))
            } else {
                fluent_bundle::FluentValue::from(v.to_string())
            };
            fargs.set(k.to_string(), value);
        }
        Value::from(self.locales.text(self.lang, key, Some(&fargs)))
    }
}
