//! JSON Schemas for `keel.yaml` and the YAML content files, generated from the same Rust types
//! that parse them, so editors (VS Code's YAML extension) validate and complete what Keel reads.

use std::path::{Path, PathBuf};

/// (file name, schema) for every schema Keel publishes.
pub fn schemas() -> Vec<(&'static str, String)> {
    let mut config = schemars::schema_for!(crate::config::Config);
    config.insert("title".into(), "Keel site settings (keel.yaml)".into());
    let mut page = schemars::schema_for!(crate::content::PageSrc);
    page.insert(
        "title".into(),
        "Keel structured page (content/<lang>/<section>/<slug>.yaml) or front matter".into(),
    );
    [("keel.schema.json", config), ("page.schema.json", page)]
        .into_iter()
        .map(|(name, schema)| {
            (
                name,
                serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n",
            )
        })
        .collect()
}

/// Write the schemas into `dir`.
pub fn write(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    schemas()
        .into_iter()
        .map(|(name, text)| {
            let path = dir.join(name);
            std::fs::write(&path, text)?;
            Ok(path)
        })
        .collect()
}
