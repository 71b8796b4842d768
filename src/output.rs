//! Atomic output: everything is written into a fresh folder beside the output folder, which is
//! swapped in only when the whole build succeeded. A failed build leaves the old output untouched.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use crate::diagnostics::Diagnostic;
use crate::paths::{is_contained, is_ignored};

/// One file of output, relative to the output root.
pub struct OutFile {
    /// `he/crises/payment-outage/index.html`; never leaves the output root.
    pub path: String,
    /// The file's contents.
    pub bytes: Vec<u8>,
}

/// Where rendered files go: written to a staging folder, collected, or dropped (`keel check`).
/// Called from many threads at once.
pub type Sink<'a> = &'a (dyn Fn(OutFile) -> Result<(), Diagnostic> + Sync);

/// What writing a whole site did.
#[derive(Debug, Default, Clone, Copy)]
pub struct WriteStats {
    /// Files in the new output.
    pub files: usize,
    /// Files whose bytes changed (or are new) and were written.
    pub written: usize,
    /// Files identical to the previous output, linked instead of written.
    pub unchanged: usize,
    /// Total size of the output files, in bytes.
    pub bytes: u64,
}

/// What an in-place update did.
#[derive(Debug, Default, Clone, Copy)]
pub struct SyncStats {
    /// Files whose bytes changed (or are new) and were written.
    pub written: usize,
    /// Files already identical, left alone.
    pub unchanged: usize,
    /// Files no longer produced, removed (only with `prune`).
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
        // A reader of the preview gets the old file or the new one, never half of one.
        let name = target
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into());
        let tmp = target.with_file_name(format!(".{name}.keel-tmp"));
        fs::write(&tmp, bytes)?;
        fs::rename(&tmp, &target)?;
        stats.written += 1;
        Ok(())
    };
    if let Some(dir) = static_dir.filter(|d| d.is_dir()) {
        for entry in walkdir::WalkDir::new(dir).follow_links(false) {
            let entry = entry.map_err(io::Error::other)?;
            if entry.file_type().is_file() && !is_ignored(&entry.file_name().to_string_lossy()) {
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

/// The file that marks a folder as written by `keel build`, which may therefore replace it.
pub const MARKER: &str = ".keel-output";
const MARKER_TEXT: &str =
    "This folder was written by `keel build`, which replaces all of it on the next build.\n";

/// Keel replaces only a folder it wrote (it holds [`MARKER`]), an empty one, or with `force` any
/// folder: never a user's files by surprise.
fn check_replaceable(output: &Path, shown: &Path, force: bool) -> Result<(), Diagnostic> {
    let Ok(meta) = fs::symlink_metadata(output) else {
        return Ok(());
    };
    if !meta.is_dir() {
        return Err(Diagnostic::error(
            "unsafe-output",
            shown,
            "the output path exists and is not a folder",
        )
        .hint("choose an output folder such as public/"));
    }
    let ours = output.join(MARKER).is_file();
    let empty = fs::read_dir(output).is_ok_and(|mut d| d.next().is_none());
    if ours || empty || force {
        return Ok(());
    }
    Err(Diagnostic::error(
        "unsafe-output",
        shown,
        format!(
            "{} holds files that keel did not write; a build would replace all of them",
            shown.display()
        ),
    )
    .hint("choose another output folder, empty this one, or pass --force to replace it"))
}

/// Staging folders of builds that were killed (their process is gone) are Keel's own: remove
/// them, so they do not pile up. Only where `/proc` tells which processes live.
fn remove_leftovers(parent: &Path, name: &str) {
    if !Path::new("/proc/self").is_dir() {
        return;
    }
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().to_string();
        let pid = [".keel-new-", ".keel-old-"].iter().find_map(|kind| {
            file.strip_prefix(&format!(".{name}{kind}"))
                .and_then(|p| p.parse::<u32>().ok())
        });
        if let Some(pid) = pid
            && pid != std::process::id()
            && !Path::new(&format!("/proc/{pid}")).exists()
        {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// Write `files` and the theme's static folder into `output`, atomically.
pub fn write_site(
    root: &Path,
    output: &Path,
    files: &[OutFile],
    static_dir: &Path,
) -> Result<WriteStats, Diagnostic> {
    let staging = Staging::new(root, output, false)?;
    staging.put_static(static_dir)?;
    for f in files {
        staging.put(&f.path, &f.bytes)?;
    }
    staging.commit()
}

/// A new output folder being filled beside the old one. Files can be put from many threads; a
/// file whose bytes equal the old output's is hard-linked instead of written, so an unchanged
/// rebuild writes no file contents and keeps every file's modification time. `commit` swaps the
/// folder in; dropping it uncommitted removes it and leaves the old output as it was.
pub struct Staging {
    output: PathBuf,
    dir: PathBuf,
    old: PathBuf,
    previous: Option<PathBuf>,
    shown: PathBuf,
    written: AtomicUsize,
    linked: AtomicUsize,
    bytes: AtomicU64,
    committed: bool,
}

impl Staging {
    /// Create an empty staging folder beside `output`; refuses an output that is unsafe to replace.
    pub fn new(root: &Path, output: &Path, force: bool) -> Result<Staging, Diagnostic> {
        check_output_location(root, output)?;
        let shown = output.strip_prefix(root).unwrap_or(output).to_path_buf();
        check_replaceable(output, &shown, force)?;
        let parent = output
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let name = output
            .file_name()
            .map_or_else(|| "public".into(), |n| n.to_string_lossy().to_string());
        let pid = std::process::id();
        let dir = parent.join(format!(".{name}.keel-new-{pid}"));
        let old = parent.join(format!(".{name}.keel-old-{pid}"));
        remove_leftovers(parent, &name);
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(parent)
            .and_then(|()| fs::create_dir(&dir))
            .and_then(|()| fs::write(dir.join(MARKER), MARKER_TEXT))
            .map_err(|e| io_error(&shown, &e))?;
        let previous = output.is_dir().then(|| output.to_path_buf());
        Ok(Staging {
            output: output.to_path_buf(),
            dir,
            old,
            previous,
            shown,
            written: AtomicUsize::new(0),
            linked: AtomicUsize::new(0),
            bytes: AtomicU64::new(0),
            committed: false,
        })
    }

    /// The staging folder, to list what was put there.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Add one file (`rel` is relative to the output root and may not leave it).
    pub fn put(&self, rel: &str, bytes: &[u8]) -> Result<(), Diagnostic> {
        if !is_contained(rel) {
            return Err(Diagnostic::error(
                "unsafe-path",
                rel,
                "output path leaves the output folder",
            )
            .hint("this is a bug in the theme or Keel; please report it"));
        }
        let target = self.dir.join(rel);
        let fail = |e: io::Error| io_error(&self.shown.join(rel), &e);
        if let Some(dir) = target.parent() {
            fs::create_dir_all(dir).map_err(fail)?;
        }
        self.bytes.fetch_add(bytes.len() as u64, Ordering::Relaxed);
        if let Some(prev) = self.previous.as_ref().map(|p| p.join(rel))
            && fs::metadata(&prev).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
            && fs::read(&prev).is_ok_and(|old| old == bytes)
            && fs::hard_link(&prev, &target).is_ok()
        {
            self.linked.fetch_add(1, Ordering::Relaxed);
            return Ok(());
        }
        fs::write(&target, bytes).map_err(fail)?;
        self.written.fetch_add(1, Ordering::Relaxed);
        Ok(())
    }

    /// Add every file of the theme's static folder.
    pub fn put_static(&self, from: &Path) -> Result<(), Diagnostic> {
        if !from.is_dir() {
            return Ok(());
        }
        for entry in walkdir::WalkDir::new(from)
            .follow_links(false)
            .sort_by_file_name()
        {
            let entry = entry.map_err(|e| io_error(from, &io::Error::other(e)))?;
            if !entry.file_type().is_file() || is_ignored(&entry.file_name().to_string_lossy()) {
                continue;
            }
            let rel = entry
                .path()
                .strip_prefix(from)
                .unwrap_or(entry.path())
                .to_string_lossy()
                .replace('\\', "/");
            let bytes = fs::read(entry.path()).map_err(|e| io_error(entry.path(), &e))?;
            self.put(&rel, &bytes)?;
        }
        Ok(())
    }

    /// Swap the new folder in.
    pub fn commit(mut self) -> Result<WriteStats, Diagnostic> {
        swap_in(&self.dir, &self.output, &self.old).map_err(|e| io_error(&self.shown, &e))?;
        self.committed = true;
        let written = self.written.load(Ordering::Relaxed);
        let unchanged = self.linked.load(Ordering::Relaxed);
        Ok(WriteStats {
            files: written + unchanged,
            written,
            unchanged,
            bytes: self.bytes.load(Ordering::Relaxed),
        })
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

fn io_error(path: &Path, e: &io::Error) -> Diagnostic {
    Diagnostic::error("io", path, format!("cannot write output: {e}"))
        .hint("check that the output folder's parent is writable and the disk is not full")
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
    for inner in crate::paths::SOURCE_DIRS {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_keeps_the_old_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        fs::create_dir(&out).unwrap();
        fs::write(out.join(MARKER), "").unwrap();
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
    fn unchanged_files_are_linked_not_written() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let files = |b: &str| {
            vec![
                OutFile {
                    path: "a.html".into(),
                    bytes: b"same".to_vec(),
                },
                OutFile {
                    path: "b.html".into(),
                    bytes: b.as_bytes().to_vec(),
                },
            ]
        };
        let s = write_site(dir.path(), &out, &files("one"), Path::new("/none")).unwrap();
        assert_eq!((s.written, s.unchanged), (2, 0));
        let mtime = fs::metadata(out.join("a.html"))
            .unwrap()
            .modified()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        let s = write_site(dir.path(), &out, &files("two"), Path::new("/none")).unwrap();
        assert_eq!((s.written, s.unchanged), (1, 1));
        assert_eq!(
            fs::metadata(out.join("a.html"))
                .unwrap()
                .modified()
                .unwrap(),
            mtime
        );
        assert_eq!(fs::read_to_string(out.join("b.html")).unwrap(), "two");
    }

    #[test]
    fn refuses_to_replace_the_site() {
        let dir = tempfile::tempdir().unwrap();
        assert!(write_site(dir.path(), dir.path(), &[], Path::new("/x")).is_err());
        assert!(write_site(&dir.path().join("site"), dir.path(), &[], Path::new("/x")).is_err());
    }
}
