//! The no-op rebuild: a build leaves a manifest beside its output (`.public.keel-manifest` for
//! `public/`, so the output itself stays byte-for-byte reproducible), with a fingerprint of
//! everything the build read (keel.yaml and the source folders, byte for byte; the options, the
//! output folder, today's date for the review checks, and the keel binary itself) and the size
//! and modification time of every file it wrote. When the next build finds the same fingerprint
//! and every file as it was left, the output is already what the build would write, so it is
//! left alone: no file is read back, rendered or written.
//!
//! Only a build without warnings records a fingerprint: the warnings of a skipped build would
//! otherwise have to be kept and replayed, and a site with warnings is one being worked on.

use std::fs;
use std::hash::{DefaultHasher, Hasher};
use std::io;
use std::path::Path;
use std::time::UNIX_EPOCH;

use crate::config;
use crate::paths::SOURCE_DIRS;

/// Where the manifest of the output folder `output` is kept: beside it, like the staging folder.
pub fn path_for(output: &Path) -> std::path::PathBuf {
    let name = output
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().to_string());
    output
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join(format!(".{name}.keel-manifest"))
}

/// The fingerprint of a build's inputs. `what` names everything besides the files that shapes
/// the output (options, output folder, date).
pub fn fingerprint(root: &Path, what: &str) -> u64 {
    let mut h = DefaultHasher::new();
    h.write(env!("CARGO_PKG_VERSION").as_bytes());
    // A rebuilt keel of the same version may write other bytes: the binary is an input too.
    if let Some(m) = std::env::current_exe()
        .ok()
        .and_then(|e| fs::metadata(e).ok())
    {
        h.write_u64(m.len());
        h.write_u128(mtime(&m));
    }
    h.write(what.as_bytes());
    file_into(&mut h, root, Path::new(config::FILE_NAME));
    for dir in SOURCE_DIRS {
        let mut files: Vec<_> = walkdir::WalkDir::new(root.join(dir))
            .follow_links(true)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| e.into_path())
            .collect();
        files.sort();
        for f in files {
            let rel = f.strip_prefix(root).unwrap_or(&f).to_path_buf();
            file_into(&mut h, root, &rel);
        }
    }
    h.finish()
}

fn file_into(h: &mut DefaultHasher, root: &Path, rel: &Path) {
    h.write(rel.to_string_lossy().as_bytes());
    h.write_u8(0);
    // Streamed, so a huge file in a source folder costs no memory (SipHash hashes a stream the
    // same however it is cut into writes).
    let copied = fs::File::open(root.join(rel)).and_then(|mut f| io::copy(&mut f, &mut Sink(h)));
    match copied {
        Ok(len) => h.write_u64(len),
        Err(_) => h.write_u8(1),
    }
}

/// A hasher as an `io::Write`, for `io::copy`.
struct Sink<'a>(&'a mut DefaultHasher);

impl io::Write for Sink<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn mtime(m: &fs::Metadata) -> u128 {
    m.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos())
}

/// What a build left: its fingerprint (when it had no warnings), its page counts, its files.
pub struct Manifest {
    /// The inputs' fingerprint; `None` when the build had warnings.
    pub fingerprint: Option<u64>,
    /// Pages per language, as the build reported them.
    pub pages: Vec<(String, usize)>,
    /// (path from the output root, size, modification time in ns) of every file.
    files: Vec<(String, u64, u128)>,
}

impl Manifest {
    /// The manifest of the folder `dir` as it is now.
    pub fn of_folder(
        dir: &Path,
        fingerprint: Option<u64>,
        pages: Vec<(String, usize)>,
    ) -> io::Result<Manifest> {
        let mut files = Vec::new();
        for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
            let e = e.map_err(io::Error::other)?;
            if !e.file_type().is_file() {
                continue;
            }
            let rel = e.path().strip_prefix(dir).unwrap_or(e.path());
            let rel = rel.to_string_lossy().replace('\\', "/");
            // The output marker is written afresh by every build.
            if rel == crate::output::MARKER {
                continue;
            }
            let m = e.metadata().map_err(io::Error::other)?;
            files.push((rel, m.len(), mtime(&m)));
        }
        Ok(Manifest {
            fingerprint,
            pages,
            files,
        })
    }

    /// The manifest as text: a header line each, then one line per file.
    pub fn to_text(&self) -> String {
        let mut out = String::from("# Written by keel: what the last build left here.\n");
        if let Some(f) = self.fingerprint {
            out.push_str(&format!("fingerprint {f:016x}\n"));
        }
        for (lang, n) in &self.pages {
            out.push_str(&format!("pages {lang} {n}\n"));
        }
        for (path, len, t) in &self.files {
            out.push_str(&format!("file {len} {t} {path}\n"));
        }
        out
    }

    /// Keep this as the manifest of the output folder `output`.
    pub fn write(&self, output: &Path) -> io::Result<()> {
        fs::write(path_for(output), self.to_text())
    }

    /// Forget the manifest of `output` (before the folder is replaced).
    pub fn remove(output: &Path) {
        let _ = fs::remove_file(path_for(output));
    }

    /// Read the manifest of an output folder; `None` when there is none or it is unreadable.
    pub fn read(output: &Path) -> Option<Manifest> {
        let text = fs::read_to_string(path_for(output)).ok()?;
        let mut m = Manifest {
            fingerprint: None,
            pages: Vec::new(),
            files: Vec::new(),
        };
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let (kind, rest) = line.split_once(' ')?;
            match kind {
                "fingerprint" => m.fingerprint = Some(u64::from_str_radix(rest, 16).ok()?),
                "pages" => {
                    let (lang, n) = rest.split_once(' ')?;
                    m.pages.push((lang.to_string(), n.parse().ok()?));
                }
                "file" => {
                    let mut parts = rest.splitn(3, ' ');
                    let len = parts.next()?.parse().ok()?;
                    let t = parts.next()?.parse().ok()?;
                    m.files.push((parts.next()?.to_string(), len, t));
                }
                _ => return None,
            }
        }
        Some(m)
    }

    /// How many files the build left.
    pub fn file_count(&self) -> usize {
        self.files.len()
    }

    /// Whether every file is still there with its size and modification time.
    pub fn intact(&self, output: &Path) -> bool {
        self.files.iter().all(|(path, len, t)| {
            fs::metadata(output.join(path)).is_ok_and(|m| m.len() == *len && mtime(&m) == *t)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manifest_reads_back_and_sees_a_changed_file() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = &tmp.path().join("public");
        fs::create_dir_all(dir.join("en")).unwrap();
        fs::write(dir.join("en/index.html"), "<p>x</p>").unwrap();
        let m = Manifest::of_folder(dir, Some(42), vec![("en".into(), 1)]).unwrap();
        m.write(dir).unwrap();
        assert!(tmp.path().join(".public.keel-manifest").is_file());
        let back = Manifest::read(dir).unwrap();
        assert_eq!(back.fingerprint, Some(42));
        assert_eq!(back.pages, [("en".to_string(), 1)]);
        assert_eq!(back.file_count(), 1);
        assert!(back.intact(dir));
        fs::write(dir.join("en/index.html"), "<p>edited</p>").unwrap();
        assert!(!back.intact(dir));
    }

    #[test]
    fn the_fingerprint_follows_the_sources() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("content")).unwrap();
        fs::write(dir.path().join("content/a.md"), "a").unwrap();
        let before = fingerprint(dir.path(), "opts");
        assert_eq!(before, fingerprint(dir.path(), "opts"));
        assert_ne!(before, fingerprint(dir.path(), "other opts"));
        fs::write(dir.path().join("content/a.md"), "b").unwrap();
        assert_ne!(before, fingerprint(dir.path(), "opts"));
    }
}
