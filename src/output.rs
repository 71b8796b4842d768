//! Atomic output: everything is written into a fresh folder beside the output folder, which is
//! swapped in only when the whole build succeeded. A failed build leaves the old output untouched.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use crate::diagnostics::Diagnostic;
use crate::render::OutFile;

#[derive(Debug, Default, Clone, Copy)]
pub struct WriteStats {
    pub files: usize,
    pub bytes: u64,
}

/// What an in-place update did.
#[derive(Debug, Default, Clone, Copy)]
pub struct SyncStats {
    pub written: usize,
    pub unchanged: usize,
    pub removed: usize,
}

/// Update `out` in place so it holds exactly `files` plus the theme's static folder: write only
/// files whose bytes changed, remove the ones no longer produced. Used by `keel serve`, whose
/// output folder is its own; with `prune` false the other files are left alone (a partial
/// rebuild).
pub fn sync_dir(
    out: &Path,
    files: &[OutFile],
    static_dir: Option<&Path>,
    prune: bool,
) -> io::Result<SyncStats> {
    let mut stats = SyncStats::default();
    let mut keep = std::collections::HashSet::new();
    let mut write = |rel: &Path, bytes: &[u8], stats: &mut SyncStats| -> io::Result<()> {
        let target = out.join(rel);
        keep.insert(target.clone());
        if fs::read(&target).is_ok_and(|old| old == bytes) {
            stats.unchanged += 1;
            return Ok(());
        }
        if let Some(dir) = target.parent() {
            fs::create_dir_all(dir)?;
        }
        fs::write(&target, bytes)?;
        stats.written += 1;
        Ok(())
    };
    if let Some(dir) = static_dir.filter(|d| d.is_dir()) {
        for entry in walkdir::WalkDir::new(dir).follow_links(false) {
            let entry = entry.map_err(io::Error::other)?;
            if entry.file_type().is_file()
                && !crate::content::is_ignored(&entry.file_name().to_string_lossy())
            {
                let rel = entry.path().strip_prefix(dir).map_err(io::Error::other)?;
                write(rel, &fs::read(entry.path())?, &mut stats)?;
            }
        }
    }
    for f in files {
        if !is_contained(&f.path) {
            return Err(io::Error::other(format!(
                "output path {} leaves the output folder",
                f.path
            )));
        }
        write(Path::new(&f.path), &f.bytes, &mut stats)?;
    }
    if prune {
        for entry in walkdir::WalkDir::new(out)
            .contents_first(true)
            .into_iter()
            .filter_map(Result::ok)
        {
            let p = entry.path();
            if entry.file_type().is_file() && !keep.contains(p) {
                fs::remove_file(p)?;
                stats.removed += 1;
            } else if entry.file_type().is_dir() && p != out {
                let _ = fs::remove_dir(p); // only succeeds when empty
            }
        }
    }
    Ok(stats)
}

/// Is `rel` a plain relative path that stays inside the folder it is joined to?
pub fn is_contained(rel: &str) -> bool {
    !rel.is_empty()
        && Path::new(rel)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

/// Write `files` and the theme's static folder into `output`, atomically.
pub fn write_site(
    root: &Path,
    output: &Path,
    files: &[OutFile],
    static_dir: &Path,
) -> Result<WriteStats, Diagnostic> {
    check_output_location(root, output)?;
    let parent = output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "public".into());
    let pid = std::process::id();
    let staging = parent.join(format!(".{name}.keel-new-{pid}"));
    let old = parent.join(format!(".{name}.keel-old-{pid}"));
    let shown = |p: &Path| p.strip_prefix(root).unwrap_or(p).to_path_buf();
    let fail = |e: io::Error, p: &Path| {
        Diagnostic::error("io", shown(p), format!("cannot write output: {e}"))
            .hint("check that the output folder's parent is writable and the disk is not full")
    };
    let _ = fs::remove_dir_all(&staging);
    let result = (|| -> Result<WriteStats, Diagnostic> {
        fs::create_dir_all(parent).map_err(|e| fail(e, parent))?;
        fs::create_dir(&staging).map_err(|e| fail(e, &staging))?;
        let mut stats = copy_static(static_dir, &staging).map_err(|e| fail(e, static_dir))?;
        for f in files {
            if !is_contained(&f.path) {
                return Err(Diagnostic::error(
                    "unsafe-path",
                    &f.path,
                    "output path leaves the output folder",
                )
                .hint("this is a bug in the theme or Keel; please report it"));
            }
            let target = staging.join(&f.path);
            if let Some(dir) = target.parent() {
                fs::create_dir_all(dir).map_err(|e| fail(e, dir))?;
            }
            fs::write(&target, &f.bytes).map_err(|e| fail(e, &target))?;
            stats.files += 1;
            stats.bytes += f.bytes.len() as u64;
        }
        Ok(stats)
    })();
    let stats = match result {
        Ok(s) => s,
        Err(d) => {
            let _ = fs::remove_dir_all(&staging);
            return Err(d);
        }
    };
    swap_in(&staging, output, &old).map_err(|e| {
        let _ = fs::remove_dir_all(&staging);
        fail(e, output)
    })?;
    Ok(stats)
}

/// Replace `output` by `staging`. Between the two renames there is a moment with no output
/// folder, never one with a half-written folder.
fn swap_in(staging: &Path, output: &Path, old: &Path) -> io::Result<()> {
    let _ = fs::remove_dir_all(old);
    let had_old = match fs::symlink_metadata(output) {
        Ok(m) if m.is_dir() => {
            fs::rename(output, old)?;
            true
        }
        Ok(_) => {
            return Err(io::Error::other(
                "the output path exists and is not a folder",
            ));
        }
        Err(_) => false,
    };
    if let Err(e) = fs::rename(staging, output) {
        if had_old {
            let _ = fs::rename(old, output);
        }
        return Err(e);
    }
    if had_old {
        let _ = fs::remove_dir_all(old);
    }
    Ok(())
}

/// Refuse to replace the site itself or a folder that holds it.
fn check_output_location(root: &Path, output: &Path) -> Result<(), Diagnostic> {
    let canon_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let canon_out = absolute(output);
    if canon_root.starts_with(&canon_out) || canon_out == canon_root {
        return Err(Diagnostic::error(
            "unsafe-output",
            output,
            "the output folder would replace the site folder or one that contains it",
        )
        .hint("choose an output folder such as public/"));
    }
    for inner in ["content", "themes", "i18n"] {
        if canon_out.starts_with(canon_root.join(inner)) {
            return Err(Diagnostic::error(
                "unsafe-output",
                output,
                format!("the output folder is inside {inner}/"),
            )
            .hint("choose an output folder such as public/"));
        }
    }
    Ok(())
}

fn absolute(p: &Path) -> PathBuf {
    if let Ok(c) = p.canonicalize() {
        return c;
    }
    // Not there yet: resolve the parent, keep the name.
    match (p.parent(), p.file_name()) {
        (Some(parent), Some(name)) if !parent.as_os_str().is_empty() => absolute(parent).join(name),
        _ => std::env::current_dir()
            .map(|d| d.join(p))
            .unwrap_or_else(|_| p.to_path_buf()),
    }
}

fn copy_static(from: &Path, to: &Path) -> io::Result<WriteStats> {
    let mut stats = WriteStats::default();
    if !from.is_dir() {
        return Ok(stats);
    }
    for entry in walkdir::WalkDir::new(from)
        .follow_links(false)
        .sort_by_file_name()
    {
        let entry = entry.map_err(io::Error::other)?;
        if crate::content::is_ignored(&entry.file_name().to_string_lossy()) && entry.depth() > 0 {
            continue;
        }
        let rel = entry.path().strip_prefix(from).map_err(io::Error::other)?;
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target)?;
        } else if entry.file_type().is_file() {
            stats.bytes += fs::copy(entry.path(), &target)?;
            stats.files += 1;
        }
    }
    Ok(stats)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside() {
        assert!(is_contained("en/index.html"));
        assert!(!is_contained("../x"));
        assert!(!is_contained("/etc/passwd"));
        assert!(!is_contained("en/../../x"));
        assert!(!is_contained(""));
    }

    #[test]
    fn a_failed_write_keeps_the_old_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        fs::create_dir(&out).unwrap();
        fs::write(out.join("old.html"), "old").unwrap();
        let bad = [OutFile {
            path: "../evil".into(),
            bytes: vec![],
        }];
        assert!(write_site(dir.path(), &out, &bad, Path::new("/nonexistent")).is_err());
        assert_eq!(fs::read_to_string(out.join("old.html")).unwrap(), "old");
        let entries: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(entries.len(), 1, "staging folder removed");
        let good = [OutFile {
            path: "en/index.html".into(),
            bytes: b"new".to_vec(),
        }];
        write_site(dir.path(), &out, &good, Path::new("/nonexistent")).unwrap();
        assert!(!out.join("old.html").exists());
        assert_eq!(
            fs::read_to_string(out.join("en/index.html")).unwrap(),
            "new"
        );
    }

    #[test]
    fn sync_writes_only_what_changed_and_prunes_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path();
        let files = |a: &str| {
            vec![
                OutFile {
                    path: "en/index.html".into(),
                    bytes: a.as_bytes().to_vec(),
                },
                OutFile {
                    path: "x.css".into(),
                    bytes: b"x".to_vec(),
                },
            ]
        };
        fs::create_dir_all(out.join("old")).unwrap();
        fs::write(out.join("old/stale.html"), "stale").unwrap();
        let s = sync_dir(out, &files("a"), None, true).unwrap();
        assert_eq!((s.written, s.unchanged, s.removed), (2, 0, 1));
        assert!(!out.join("old").exists());
        let s = sync_dir(out, &files("a"), None, true).unwrap();
        assert_eq!((s.written, s.unchanged, s.removed), (0, 2, 0));
        let s = sync_dir(out, &files("b")[..1], None, false).unwrap();
        assert_eq!((s.written, s.unchanged, s.removed), (1, 0, 0));
        assert!(out.join("x.css").exists());
    }

    #[test]
    fn refuses_to_replace_the_site() {
        let dir = tempfile::tempdir().unwrap();
        assert!(write_site(dir.path(), dir.path(), &[], Path::new("/x")).is_err());
        assert!(write_site(&dir.path().join("site"), dir.path(), &[], Path::new("/x")).is_err());
    }
}
