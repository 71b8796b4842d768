//! MkDocs: `mkdocs.yml` (`site_name`, `docs_dir`, `theme.language`, `nav`) and the Markdown of
//! `docs/`. The folder is read like a plain tree; the navigation then gives the order (as
//! `weight`) and the titles of pages and sections that have none of their own.

use std::path::Path;

use serde_yaml::{Mapping, Value};

use super::{Note, Page, Plan, tree};

/// The plan for the MkDocs site at `root`.
pub fn plan(root: &Path, lang: Option<&str>) -> Result<Plan, String> {
    let text = std::fs::read_to_string(root.join("mkdocs.yml"))
        .or_else(|_| std::fs::read_to_string(root.join("mkdocs.yaml")))
        .map_err(|_| format!("no mkdocs.yml in {}", root.display()))?;
    let config: Value = serde_yaml::from_str(&text).map_err(|e| format!("mkdocs.yml: {e}"))?;
    let docs_dir = config
        .get("docs_dir")
        .and_then(Value::as_str)
        .unwrap_or("docs")
        .trim_matches('/')
        .to_string();
    let lang = lang
        .map(str::to_string)
        .or_else(|| {
            config
                .get("theme")
                .and_then(|t| t.get("language"))
                .and_then(Value::as_str)
                .map(str::to_string)
        })
        .unwrap_or_else(|| "en".into());
    let mut plan = tree::plan(&root.join(&docs_dir), tree::Flavor::Markdown, Some(&lang))?;
    for n in &mut plan.notes {
        n.file = format!("{docs_dir}/{}", n.file);
    }
    if let Some(name) = config.get("site_name").and_then(Value::as_str) {
        plan.titles.insert(lang.clone(), name.to_string());
    }
    for key in [
        "theme",
        "plugins",
        "markdown_extensions",
        "extra",
        "extra_css",
        "extra_javascript",
    ] {
        if config.get(key).is_some() {
            plan.notes.push(Note::dropped(
                "mkdocs.yml",
                line_of(&text, key),
                format!(
                    "`{key}` is for MkDocs; Keel's theme, callouts and tables need no settings"
                ),
            ));
        }
    }
    if let Some(Value::Sequence(nav)) = config.get("nav") {
        let mut seen = Vec::new();
        order(nav, &lang, &docs_dir, &mut plan, &mut seen);
        for p in &mut plan.pages {
            if !seen.contains(&p.path)
                && !p.path.ends_with("/index.md")
                && p.path != format!("{lang}/index.md")
            {
                p.front
                    .insert(Value::String("weight".into()), Value::Number(10_000.into()));
                plan.notes.push(Note::mapped(
                    &format!(
                        "{docs_dir}/{}",
                        p.path.split_once('/').map_or("", |(_, r)| r)
                    ),
                    1,
                    "not in `nav`: listed after the pages that are",
                ));
            }
        }
        plan.notes.push(Note::mapped(
            "mkdocs.yml",
            line_of(&text, "nav"),
            "`nav` gives the order (weight) and the titles of pages without one",
        ));
    }
    Ok(plan)
}

/// Walk one level of `nav`: each page and section gets a weight by its place; sections and
/// pages without a title of their own get the one `nav` gives.
fn order(nav: &[Value], lang: &str, docs_dir: &str, plan: &mut Plan, seen: &mut Vec<String>) {
    for (i, entry) in nav.iter().enumerate() {
        let weight = (i as i64 + 1) * 10;
        let (title, value) = match entry {
            Value::String(path) => (None, Value::String(path.clone())),
            Value::Mapping(m) => match m.iter().next() {
                Some((Value::String(t), v)) => (Some(t.clone()), v.clone()),
                _ => continue,
            },
            _ => continue,
        };
        match value {
            Value::String(path) if !path.contains("://") => {
                let target = format!("{lang}/{}", path_of(&path));
                seen.push(target.clone());
                if let Some(p) = plan.pages.iter_mut().find(|p| p.path == target) {
                    set(p, weight, title.as_deref());
                    if title.is_some() {
                        let shown = format!("{docs_dir}/{path}");
                        plan.notes
                            .retain(|n| !(n.file == shown && n.what.starts_with("no title")));
                    }
                }
            }
            Value::Sequence(children) => {
                if let Some(folder) = folder_of(&children) {
                    seen.push(section(plan, lang, &folder, weight, title.as_deref()));
                }
                order(&children, lang, docs_dir, plan, seen);
            }
            _ => {}
        }
    }
}

/// A nav path as a Keel path, the same way the tree's files were named:
/// `during/Payment Outage.md` → `during/payment-outage.md`.
fn path_of(path: &str) -> String {
    tree::target(path, tree::Flavor::Markdown)
}

/// The folder a nav section stands for: the one all its pages share.
fn folder_of(children: &[Value]) -> Option<String> {
    let mut paths = Vec::new();
    collect(children, &mut paths);
    let first = paths.first()?;
    let mut common: Vec<&str> = first.split('/').collect();
    common.pop();
    for p in &paths {
        let dir: Vec<&str> = p.split('/').collect();
        let n = common
            .iter()
            .zip(&dir[..dir.len() - 1])
            .take_while(|(a, b)| a == b)
            .count();
        common.truncate(n);
    }
    (!common.is_empty()).then(|| common.join("/"))
}

fn collect(nav: &[Value], out: &mut Vec<String>) {
    for entry in nav {
        match entry {
            Value::String(p) => out.push(path_of(p)),
            Value::Mapping(m) => match m.iter().next().map(|(_, v)| v) {
                Some(Value::String(p)) if !p.contains("://") => out.push(path_of(p)),
                Some(Value::Sequence(s)) => collect(s, out),
                _ => {}
            },
            _ => {}
        }
    }
}

/// Give the section `folder` its place and title: on its index page, or on a new `_index.md`.
/// Returns the page's path.
fn section(plan: &mut Plan, lang: &str, folder: &str, weight: i64, title: Option<&str>) -> String {
    let index = format!("{lang}/{folder}/index.md");
    if let Some(p) = plan.pages.iter_mut().find(|p| p.path == index) {
        set(p, weight, title);
        return index;
    }
    let mut front = Mapping::new();
    front.insert(
        Value::String("title".into()),
        Value::String(title.unwrap_or(folder).to_string()),
    );
    front.insert(Value::String("weight".into()), Value::Number(weight.into()));
    plan.notes.push(Note::mapped("mkdocs.yml", 1, format!(
        "nav section \"{}\" has no index page: content/{lang}/{folder}/_index.md is made for it",
        title.unwrap_or(folder)
    )));
    let path = format!("{lang}/{folder}/_index.md");
    plan.pages.push(Page {
        path: path.clone(),
        front,
        body: String::new(),
        named_after_file: false,
    });
    path
}

/// A page's weight from the nav, and its title when it had none of its own.
fn set(p: &mut Page, weight: i64, title: Option<&str>) {
    p.front
        .insert(Value::String("weight".into()), Value::Number(weight.into()));
    if let Some(t) = title
        && p.named_after_file
    {
        p.front
            .insert(Value::String("title".into()), Value::String(t.to_string()));
        p.named_after_file = false;
    }
}

fn line_of(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| l.starts_with(key) && l[key.len()..].starts_with(':'))
        .map_or(1, |i| i + 1)
}
