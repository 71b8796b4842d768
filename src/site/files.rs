//! Files copied to the output as they are: the theme's `static/`, the site's own `static/`
//! (which wins over the theme's, as in Zola and Hugo) and the files beside the pages in
//! `content/` (which win over both, being the most specific).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::content::Asset;
use crate::paths::{self, STATIC_DIR, is_ignored};

/// Output path → file on disk, for every file copied as-is.
pub(super) fn copied_files(
    root: &Path,
    theme: &str,
    assets: Vec<Asset>,
) -> BTreeMap<String, PathBuf> {
    let mut files = BTreeMap::new();
    for dir in [
        paths::theme_dir(root, theme).join(STATIC_DIR),
        root.join(STATIC_DIR),
    ] {
        walk(&dir, &mut files);
    }
    for a in assets {
        files.insert(a.path, a.file);
    }
    files
}

fn walk(dir: &Path, files: &mut BTreeMap<String, PathBuf>) {
    if !dir.is_dir() {
        return;
    }
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored(&e.file_name().to_string_lossy()));
    for entry in walker.filter_map(Result::ok) {
        if !entry.file_type().is_file() {
            continue;
        }
        if let Ok(rel) = entry.path().strip_prefix(dir) {
            let rel = rel.to_string_lossy().replace('\\', "/");
            files.insert(rel, entry.path().to_path_buf());
        }
    }
}
