//! Carrying a plan out. A file that exists is never replaced unless it is the same already
//! (then nothing is written: importing twice changes nothing) or `--force` says so; a site
//! without `keel.yaml` gets one, with the default theme and interface strings.

use std::path::{Path, PathBuf};

use serde_yaml::Value;

use super::Plan;

/// What writing did.
#[derive(Debug, Default)]
pub struct Written {
    /// Files written, from the site folder.
    pub written: Vec<PathBuf>,
    /// Files that were there already with the same bytes.
    pub unchanged: usize,
    /// Files that were there with other bytes and were left as they were.
    pub kept: Vec<PathBuf>,
    /// Languages of the plan that the existing `keel.yaml` does not list.
    pub missing_languages: Vec<String>,
}

/// Write `plan` into the site folder `into`.
pub fn write(plan: &Plan, into: &Path, force: bool) -> Result<Written, String> {
    let mut w = Written::default();
    let config = into.join(crate::config::FILE_NAME);
    if config.exists() {
        let text = std::fs::read_to_string(&config).unwrap_or_default();
        let listed: Vec<String> = serde_yaml::from_str::<Value>(&text)
            .ok()
            .and_then(|v| v.get("languages").cloned())
            .and_then(|l| l.as_sequence().cloned())
            .unwrap_or_default()
            .iter()
            .filter_map(|l| l.get("code").and_then(Value::as_str).map(str::to_string))
            .collect();
        w.missing_languages = plan
            .languages
            .iter()
            .filter(|l| !listed.contains(l))
            .cloned()
            .collect();
    } else {
        put(into, "keel.yaml", keel_yaml(plan).as_bytes(), force, &mut w)?;
        for (path, text) in crate::starter::THEME_FILES {
            put(into, path, text.as_bytes(), false, &mut w)?;
        }
    }
    for page in &plan.pages {
        let text = page_text(page);
        put(
            into,
            &format!("content/{}", page.path),
            text.as_bytes(),
            force,
            &mut w,
        )?;
    }
    for (path, from) in &plan.files {
        let bytes =
            std::fs::read(from).map_err(|e| format!("cannot read {}: {e}", from.display()))?;
        put(into, &format!("content/{path}"), &bytes, force, &mut w)?;
    }
    Ok(w)
}

/// Write one file unless it is there already.
fn put(into: &Path, path: &str, bytes: &[u8], force: bool, w: &mut Written) -> Result<(), String> {
    let target = into.join(path);
    if let Ok(old) = std::fs::read(&target) {
        if old == bytes {
            w.unchanged += 1;
            return Ok(());
        }
        if !force {
            w.kept.push(PathBuf::from(path));
            return Ok(());
        }
    }
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    // Written beside and renamed: an interrupted import leaves the old file or the new one.
    let dir = target.parent().unwrap_or(into);
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .map_err(|e| format!("cannot write in {}: {e}", dir.display()))?;
    std::io::Write::write_all(&mut tmp, bytes)
        .map_err(|e| format!("cannot write {}: {e}", target.display()))?;
    tmp.persist(&target)
        .map_err(|e| format!("cannot write {}: {}", target.display(), e.error))?;
    w.written.push(PathBuf::from(path));
    Ok(())
}

fn page_text(page: &super::Page) -> String {
    let yaml = if page.front.is_empty() {
        String::new()
    } else {
        serde_yaml::to_string(&page.front).unwrap_or_default()
    };
    let body = page.body.trim_start_matches('\n');
    format!("---\n{yaml}---\n{body}")
}

fn keel_yaml(plan: &Plan) -> String {
    let mut s = String::from(
        "# Written by `keel import`; see docs/content.md for every setting.\ntitle:\n",
    );
    for lang in &plan.languages {
        let title = plan
            .titles
            .get(lang)
            .cloned()
            .unwrap_or_else(|| "Runbooks".into());
        s.push_str(&format!("  {lang}: {}\n", yaml_string(&title)));
    }
    s.push_str("base_url: https://example.org/\n");
    s.push_str(&format!(
        "default_language: {}\nlanguages:\n",
        plan.languages[0]
    ));
    for lang in &plan.languages {
        s.push_str(&format!("  - code: {lang}\n"));
    }
    s.push_str("theme: default\nuntranslated: fallback\n");
    s
}

fn yaml_string(s: &str) -> String {
    serde_yaml::to_string(s)
        .unwrap_or_default()
        .trim_end()
        .to_string()
}
