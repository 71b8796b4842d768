//! The sources watcher: debounced file events, filtered down to the files a build reads, so a burst
//! of saves (an editor that writes a temp file and renames it, or several files at once) causes one
//! rebuild.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

use notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use crate::config::FILE_NAME;
use crate::paths::{SOURCE_DIRS, is_ignored};

/// How long a file must be quiet before its events are passed on: long enough for an editor's
/// write-then-rename, short enough that a save shows up at once.
const QUIET: Duration = Duration::from_millis(50);
/// How often the debouncer looks for files that have gone quiet.
const TICK: Duration = Duration::from_millis(10);

/// What the build loop waits for.
pub(super) enum Signal {
    /// Source files that changed (absolute paths, each once).
    Changed(Vec<PathBuf>),
    /// Ctrl-C.
    Stop,
}

/// The running watcher; dropping it stops watching.
pub(super) type Watcher = Debouncer<RecommendedWatcher, RecommendedCache>;

/// Watch content/, themes/, i18n/ and keel.yaml under `root` (absolute), sending the relevant
/// changes to `tx`.
pub(super) fn start(root: &Path, tx: Sender<Signal>) -> Result<Watcher, String> {
    let base = root.to_path_buf();
    let handler = move |result: DebounceEventResult| {
        // Watch errors (a folder that went away, a full inotify table) are not worth a rebuild.
        let Ok(events) = result else { return };
        let mut changed: Vec<PathBuf> = Vec::new();
        for event in events {
            if matches!(event.kind, EventKind::Access(_)) {
                continue;
            }
            for p in &event.paths {
                if is_relevant(&base, p) && !changed.contains(p) {
                    changed.push(p.clone());
                }
            }
        }
        if !changed.is_empty() {
            let _ = tx.send(Signal::Changed(changed));
        }
    };
    let mut watcher = new_debouncer(QUIET, Some(TICK), handler)
        .map_err(|e| format!("cannot watch files: {e}"))?;
    for dir in SOURCE_DIRS {
        let p = root.join(dir);
        if p.is_dir() {
            watcher
                .watch(&p, RecursiveMode::Recursive)
                .map_err(|e| format!("cannot watch {}: {e}", p.display()))?;
        }
    }
    watcher
        .watch(root, RecursiveMode::NonRecursive)
        .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
    Ok(watcher)
}

/// Watch a source folder again when it was recreated (`rm -rf content && cp -r … content`, a
/// `git checkout` of another branch): the old watch went with the old folder.
pub(super) fn rewatch(watcher: &mut Watcher, root: &Path, changed: &[PathBuf]) {
    for dir in SOURCE_DIRS {
        let p = root.join(dir);
        if changed.contains(&p) && p.is_dir() {
            let _ = watcher.watch(&p, RecursiveMode::Recursive);
        }
    }
}

/// Wait for the next changes; `None` on Ctrl-C. The debouncer lets each file settle on its own,
/// so the files of one burst can arrive in batches a tick apart: take every batch that follows
/// within half the quiet period, so they make one rebuild.
pub(super) fn next_changes(rx: &Receiver<Signal>) -> Option<Vec<PathBuf>> {
    let Ok(Signal::Changed(mut changed)) = rx.recv() else {
        return None;
    };
    loop {
        match rx.recv_timeout(QUIET / 2) {
            Ok(Signal::Changed(more)) => {
                for p in more {
                    if !changed.contains(&p) {
                        changed.push(p);
                    }
                }
            }
            Ok(Signal::Stop) | Err(RecvTimeoutError::Disconnected) => return None,
            Err(RecvTimeoutError::Timeout) => return Some(changed),
        }
    }
}

/// Sources only: content, themes, strings and keel.yaml; no editor swap or temp files.
fn is_relevant(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    if rel
        .iter()
        .any(|c| is_ignored(&c.to_string_lossy()) && c != "_index.md")
    {
        return false;
    }
    let first = rel
        .iter()
        .next()
        .map(|c| c.to_string_lossy().to_string())
        .unwrap_or_default();
    SOURCE_DIRS.contains(&first.as_str()) || rel == Path::new(FILE_NAME)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_sources_are_relevant() {
        let root = Path::new("/site");
        assert!(is_relevant(root, Path::new("/site/content/en/a.md")));
        assert!(is_relevant(root, Path::new("/site/content/en/_index.md")));
        assert!(is_relevant(
            root,
            Path::new("/site/themes/default/page.html")
        ));
        assert!(is_relevant(root, Path::new("/site/i18n/en.ftl")));
        assert!(is_relevant(root, Path::new("/site/keel.yaml")));
        assert!(!is_relevant(root, Path::new("/site/content/en/.a.md.swp")));
        assert!(!is_relevant(root, Path::new("/site/content/en/a.md~")));
        assert!(!is_relevant(root, Path::new("/site/out/index.html")));
        assert!(!is_relevant(root, Path::new("/site/README.md")));
        assert!(!is_relevant(root, Path::new("/elsewhere/content/a.md")));
    }

    #[test]
    fn a_burst_in_batches_is_one_change() {
        let (tx, rx) = std::sync::mpsc::channel();
        let a = PathBuf::from("/site/content/a.md");
        let b = PathBuf::from("/site/content/b.md");
        tx.send(Signal::Changed(vec![a.clone()])).unwrap();
        tx.send(Signal::Changed(vec![b.clone(), a.clone()]))
            .unwrap();
        assert_eq!(next_changes(&rx), Some(vec![a, b]));
        tx.send(Signal::Stop).unwrap();
        assert_eq!(next_changes(&rx), None);
    }
}
