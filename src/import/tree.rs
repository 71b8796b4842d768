//! Sites that are a tree of Markdown files: Hugo and Zola (`content/`, `_index.md`, a language
//! in the file name: `page.pl.md`, or Hugo's content folder per language) and a plain folder
//! as on GitHub. The tree keeps its shape; names become Keel names, links follow them.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde_yaml::{Mapping, Value};

use super::{Note, Page, Plan, front, keel_name, links, rel};

/// Which tool wrote the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    /// Hugo: `hugo.toml`/`config.toml`/`hugo.yaml`, shortcodes `{{< … >}}`.
    Hugo,
    /// Zola: `config.toml`, `@/` links, shortcodes `{{ name() }}`.
    Zola,
    /// A folder of Markdown: `README.md` is a folder's index.
    Markdown,
}

/// One source file of the tree.
struct Source {
    /// From the content folder, with the language suffix still in it (`runbooks/a.pl.md`).
    src: String,
    file: PathBuf,
    lang: String,
    /// Where it goes, below `content/<lang>/`.
    target: String,
}

/// The plan for the tree at `root`.
pub fn plan(root: &Path, flavor: Flavor, lang: Option<&str>) -> Result<Plan, String> {
    let mut plan = Plan::default();
    let (config, config_file) = config(root, flavor)?;
    let site = Site::read(&config, flavor, lang);
    plan.languages = site.languages.clone();
    plan.titles = site.titles.clone();
    let content = match flavor {
        Flavor::Markdown => root.to_path_buf(),
        _ => root.join("content"),
    };
    if !content.is_dir() {
        return Err(format!("{} has no content/ folder", root.display()));
    }
    if let Some(f) = &config_file {
        plan.notes.push(Note::mapped(
            f,
            1,
            format!(
                "languages {} (default {}), titles from the configuration",
                site.languages.join(", "),
                site.languages[0]
            ),
        ));
    }
    let sources = walk(&content, &site, flavor, &mut plan);
    let by_src: HashMap<&str, &Source> = sources.iter().map(|s| (s.src.as_str(), s)).collect();
    for s in &sources {
        if !s.src.ends_with(".md") {
            continue;
        }
        let shown = format!("{}{}", prefix(flavor), s.src);
        // The same limit as a build's: a page Keel would refuse is not brought over.
        let text = match crate::paths::read_text_limited(&s.file, crate::paths::MAX_SOURCE_BYTES) {
            Ok(t) => t,
            Err(e) => {
                plan.notes
                    .push(Note::check(&shown, 1, format!("not brought over: {e}")));
                continue;
            }
        };
        let split = front::split(&text, &shown, &mut plan.notes);
        let mut meta = front::map(&split.meta, &text, &shown, &mut plan.notes);
        let mut body = refs(split.body, flavor);
        shortcodes(&body, split.body_line, flavor, &shown, &mut plan.notes);
        let title_key = Value::String("title".into());
        match front::take_h1(&body) {
            Some((h1, rest))
                if !meta.contains_key(&title_key)
                    || meta.get(&title_key) == Some(&Value::String(h1.clone())) =>
            {
                meta.insert(title_key.clone(), Value::String(h1));
                body = rest.to_string();
            }
            _ => {}
        }
        let named_after_file = !meta.contains_key(&title_key);
        if named_after_file {
            let name = s
                .target
                .rsplit('/')
                .nth(usize::from(s.target.ends_with("index.md")))
                .unwrap_or("");
            let title = humane(name.trim_end_matches(".md"));
            plan.notes.push(Note::check(
                &shown,
                1,
                format!("no title: named \"{title}\" after the file"),
            ));
            meta.insert(title_key, Value::String(title));
        }
        let body = links::rewrite(&body, |dest| link(dest, s, &by_src, &site, flavor));
        plan.pages.push(Page {
            path: format!("{}/{}", s.lang, s.target),
            front: title_first(meta),
            body,
            named_after_file,
        });
    }
    Ok(plan)
}

fn prefix(flavor: Flavor) -> &'static str {
    match flavor {
        Flavor::Markdown => "",
        _ => "content/",
    }
}

/// The site's configuration file, as YAML, and its name.
fn config(root: &Path, flavor: Flavor) -> Result<(Value, Option<String>), String> {
    let names: &[&str] = match flavor {
        Flavor::Hugo => &[
            "hugo.toml",
            "hugo.yaml",
            "hugo.yml",
            "config.toml",
            "config.yaml",
        ],
        Flavor::Zola => &["config.toml", "zola.toml"],
        Flavor::Markdown => &[],
    };
    for name in names {
        let path = root.join(name);
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let value = if name.ends_with(".toml") {
            text.parse::<toml::Table>()
                .map(|t| front::from_toml(toml::Value::Table(t)))
                .map_err(|e| format!("{name}: {e}"))?
        } else {
            serde_yaml::from_str(&text).map_err(|e| format!("{name}: {e}"))?
        };
        return Ok((value, Some(name.to_string())));
    }
    match flavor {
        Flavor::Markdown => Ok((Value::Null, None)),
        _ => Err(format!("no {} in {}", names.join(" or "), root.display())),
    }
}

/// What the configuration says of languages.
struct Site {
    /// Default first.
    languages: Vec<String>,
    titles: std::collections::BTreeMap<String, String>,
    /// Hugo's content folder per language (`content/pl`), from the content folder.
    dirs: HashMap<String, String>,
}

impl Site {
    fn read(config: &Value, flavor: Flavor, only: Option<&str>) -> Site {
        let get = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
        let default = match flavor {
            Flavor::Hugo => get(config, "defaultContentLanguage"),
            Flavor::Zola => get(config, "default_language"),
            Flavor::Markdown => None,
        }
        .or_else(|| only.map(str::to_string))
        .unwrap_or_else(|| "en".into());
        let mut langs: Vec<(i64, String)> = vec![(i64::MIN, default.clone())];
        let mut titles = std::collections::BTreeMap::new();
        let mut dirs = HashMap::new();
        if let Some(t) = get(config, "title") {
            titles.insert(default.clone(), t);
        }
        if let Some(Value::Mapping(table)) = config.get("languages") {
            for (code, v) in table {
                let Some(code) = code.as_str() else { continue };
                if code != default {
                    let weight = v.get("weight").and_then(Value::as_i64).unwrap_or(0);
                    langs.push((weight, code.to_string()));
                }
                if let Some(t) = get(v, "title") {
                    titles.insert(code.to_string(), t);
                }
                if let Some(d) = get(v, "contentDir") {
                    let d = d
                        .trim_start_matches("content/")
                        .trim_matches('/')
                        .to_string();
                    dirs.insert(code.to_string(), d);
                }
            }
        }
        langs.sort();
        let mut languages: Vec<String> = langs.into_iter().map(|(_, c)| c).collect();
        if let Some(only) = only {
            languages.retain(|l| l == only);
            if languages.is_empty() {
                languages.push(only.to_string());
            }
        }
        Site {
            languages,
            titles,
            dirs,
        }
    }
}

/// Every file of the content folder, with its language and Keel path.
fn walk(content: &Path, site: &Site, flavor: Flavor, plan: &mut Plan) -> Vec<Source> {
    let mut out = Vec::new();
    let walker = walkdir::WalkDir::new(content)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let n = e.file_name().to_string_lossy();
            e.depth() == 0
                || !(n.starts_with('.') || n == "node_modules" || n == "public" || n == "site")
        });
    for entry in walker.filter_map(Result::ok) {
        if !entry.file_type().is_file() {
            continue;
        }
        let src = rel(content, entry.path());
        let (lang, inner) = language_of(&src, site);
        let Some(lang) = lang else { continue };
        let target = target(&inner, flavor);
        if target != inner {
            plan.notes.push(Note::mapped(
                &format!("{}{src}", prefix(flavor)),
                1,
                format!("written as content/{lang}/{target}"),
            ));
        }
        if src.ends_with(".md") {
            out.push(Source {
                src,
                file: entry.path().to_path_buf(),
                lang,
                target,
            });
        } else {
            // A file beside pages goes beside every language's copy of them.
            for l in &site.languages {
                plan.files
                    .push((format!("{l}/{target}"), entry.path().to_path_buf()));
            }
        }
    }
    out
}

/// A file's language and its path without the language: `a.pl.md` → (`pl`, `a.md`); Hugo's
/// folder per language: `pl/a.md` → (`pl`, `a.md`). `None` for a language not imported.
fn language_of(src: &str, site: &Site) -> (Option<String>, String) {
    for (lang, dir) in &site.dirs {
        if let Some(rest) = src.strip_prefix(&format!("{dir}/")) {
            let keep = site.languages.contains(lang);
            return (keep.then(|| lang.clone()), rest.to_string());
        }
    }
    if let Some(stem) = src.strip_suffix(".md")
        && let Some((base, code)) = stem.rsplit_once('.')
        && !code.contains('/')
        && (site.languages.contains(&code.to_string()) || looks_like_language(code))
    {
        let keep = site.languages.iter().any(|l| l == code);
        return (keep.then(|| code.to_string()), format!("{base}.md"));
    }
    let default = site.languages.first().cloned();
    (default, src.to_string())
}

/// `fr`, `pt-br`: a suffix that names a language the site does not import.
fn looks_like_language(code: &str) -> bool {
    let base = code.split('-').next().unwrap_or("");
    (2..=3).contains(&base.len()) && base.bytes().all(|b| b.is_ascii_lowercase())
}

/// The Keel path of a source path: every name a Keel name; `README.md` a folder's index;
/// folders deeper than Keel's sections go joined into the deepest one (`a/b/c/d/e/f/x.md` →
/// `a/b/c/d-e-f/x.md`), and links follow.
pub(super) fn target(src: &str, flavor: Flavor) -> String {
    let mut parts: Vec<String> = src.split('/').map(keel_name).collect();
    if let Some(last) = parts.last_mut()
        && flavor == Flavor::Markdown
        && last == "readme.md"
    {
        *last = "index.md".into();
    }
    let max = crate::content::MAX_SECTION_DEPTH;
    if parts.len() > max + 1 {
        let name = parts.pop().unwrap_or_default();
        let joined = parts[max - 1..].join("-");
        parts.truncate(max - 1);
        parts.push(joined);
        parts.push(name);
    }
    parts.join("/")
}

/// `runbooks/site-down` → "Site down".
fn humane(name: &str) -> String {
    let mut t = name.replace(['-', '_'], " ");
    if let Some(first) = t.get(..1) {
        let up = first.to_uppercase();
        t.replace_range(..1, &up);
    }
    t
}

/// Hugo's `{{< ref "x.md" >}}` and `{{< relref "x.md" >}}` in links, as plain paths.
fn refs(body: &str, flavor: Flavor) -> String {
    if flavor != Flavor::Hugo || !body.contains("ref \"") {
        return body.to_string();
    }
    let mut out = body.to_string();
    for (open, close) in [("{{< ", " >}}"), ("{{% ", " %}}")] {
        for name in ["relref", "ref"] {
            let start = format!("{open}{name} \"");
            while let Some(at) = out.find(&start) {
                let from = at + start.len();
                let Some(q) = out[from..].find('"') else {
                    break;
                };
                let path = out[from..from + q].to_string();
                let Some(end) = out[from + q..].find(close) else {
                    break;
                };
                out.replace_range(at..from + q + end + close.len(), &path);
            }
        }
    }
    out
}

/// Shortcodes Keel cannot render: said with their line.
fn shortcodes(body: &str, first_line: usize, flavor: Flavor, file: &str, notes: &mut Vec<Note>) {
    let marks: &[&str] = match flavor {
        Flavor::Hugo => &["{{<", "{{%"],
        Flavor::Zola => &["{{ ", "{% "],
        Flavor::Markdown => &[],
    };
    for (i, line) in body.lines().enumerate() {
        for m in marks {
            if let Some(at) = line.find(m) {
                let name: String = line[at + m.len()..]
                    .trim_start_matches(['/', ' '])
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '-')
                    .collect();
                if line[at + m.len()..].trim_start().starts_with('/') {
                    continue;
                }
                notes.push(Note::check(file, first_line + i, format!(
                    "shortcode `{name}` is not something Keel renders; it shows as text: write it in Markdown (a callout: `> [!NOTE]`)"
                )));
            }
        }
    }
}

/// A link destination pointing at a page or file of the tree, pointed at where it now is.
fn link(
    dest: &str,
    page: &Source,
    by_src: &HashMap<&str, &Source>,
    site: &Site,
    flavor: Flavor,
) -> Option<String> {
    let (path, anchor) = dest.split_once('#').map_or((dest, ""), |(p, a)| (p, a));
    let anchor = if anchor.is_empty() {
        String::new()
    } else {
        format!("#{anchor}")
    };
    if flavor == Flavor::Zola
        && let Some(p) = path.strip_prefix("@/")
    {
        // Zola names a file of content/; Keel's `@/` is the page's own language, `@pl/` another.
        let target = by_src.get(p)?;
        let inner = target.target.as_str();
        return Some(
            if target.lang == page.lang || target.lang == site.languages[0] {
                format!("@/{inner}{anchor}")
            } else {
                format!("@{}/{inner}{anchor}", target.lang)
            },
        );
    }
    if !links::is_relative(path) || path.is_empty() {
        return None;
    }
    let dir = page.src.rsplit_once('/').map_or("", |(d, _)| d);
    // GitHub writes a space in a file name as `%20`.
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()?;
    let src = links::join(dir, &decoded)?;
    let target = by_src.get(src.as_str()).copied().or_else(|| {
        // A link to a folder (`../during/`) names its index page.
        ["_index.md", "index.md", "README.md"].iter().find_map(|i| {
            by_src
                .get(format!("{}/{i}", src.trim_end_matches('/')).as_str())
                .copied()
        })
    })?;
    let page_dir = format!(
        "{}/{}",
        page.lang,
        page.target.rsplit_once('/').map_or("", |(d, _)| d)
    );
    let to = format!("{}/{}", target.lang, target.target);
    let new = links::relative(&page_dir, &to);
    let old = format!("{path}{anchor}");
    let new = format!("{new}{anchor}");
    (new != old).then_some(new)
}

/// The front matter with `title` first, as people read it.
fn title_first(meta: Mapping) -> Mapping {
    let mut out = Mapping::new();
    for key in ["title", "summary", "weight"] {
        if let Some(v) = meta.get(key) {
            out.insert(Value::String(key.into()), v.clone());
        }
    }
    for (k, v) in meta {
        if !out.contains_key(&k) {
            out.insert(k, v);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(dirs: &[(&str, &str)]) -> Site {
        Site {
            languages: vec!["en".into(), "pl".into()],
            titles: Default::default(),
            dirs: dirs
                .iter()
                .map(|(l, d)| (l.to_string(), d.to_string()))
                .collect(),
        }
    }

    #[test]
    fn a_language_comes_from_the_file_name_or_its_content_folder() {
        let names = site(&[]);
        assert_eq!(
            language_of("runbooks/a.pl.md", &names),
            (Some("pl".into()), "runbooks/a.md".into())
        );
        assert_eq!(
            language_of("runbooks/a.md", &names),
            (Some("en".into()), "runbooks/a.md".into())
        );
        // A language the site does not import is left out, not read as English.
        assert_eq!(language_of("runbooks/a.fr.md", &names).0, None);
        // A dot that is not a language stays in the name.
        assert_eq!(
            language_of("v1.2.md", &names),
            (Some("en".into()), "v1.2.md".into())
        );
        let dirs = site(&[("en", "english"), ("pl", "polski")]);
        assert_eq!(
            language_of("polski/a.md", &dirs),
            (Some("pl".into()), "a.md".into())
        );
    }

    #[test]
    fn deep_folders_are_joined_into_the_fourth() {
        assert_eq!(
            target("A/b/c/d/e/f/X Y.md", Flavor::Hugo),
            "a/b/c/d-e-f/x-y.md"
        );
        assert_eq!(target("docs/README.md", Flavor::Markdown), "docs/index.md");
    }
}
