//! The sources watcher: file events, filtered down to the files a build reads and grouped into
//! bursts, so that a save (an editor that writes a temp file and renames it, or writes the file in
//! place) or a change of many files at once (a checkout, a copy) causes one rebuild.
//!
//! A burst ends when no event has come for a while. How long depends on what it holds: one file
//! that was written and closed (or renamed into place) is an editor's save, done the moment it
//! is closed, and is built after [`SETTLE`]; anything else (several files, a folder, a file still
//! open for writing, a removal) waits for [`QUIET`], in case more is coming. A file that comes
//! and goes within the burst (the temp file of `sed -i`, vim's `4913`) is no change at all.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, CreateKind, ModifyKind, RenameMode};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

use crate::config::FILE_NAME;
use crate::paths::{SOURCE_DIRS, is_ignored};

/// How long a burst must be quiet before it is built, unless it is a single save: long enough
/// for a write-then-rename or a checkout to finish.
const QUIET: Duration = Duration::from_millis(50);
/// How long a single save (one file, written and closed) must be quiet: time for the rest of an
/// editor's save (removing its backup, setting permissions) to arrive.
const SETTLE: Duration = Duration::from_millis(5);

/// What the build loop waits for.
pub(super) enum Signal {
    /// A file event under a source folder (only paths the build reads).
    Event(Event),
    /// A request waits for files a fast rebuild left for later.
    Wanted,
    /// Ctrl-C.
    Stop,
}

/// The running watcher; dropping it stops watching.
pub(super) type Watcher = RecommendedWatcher;

/// Watch content/, themes/, i18n/ and keel.yaml under `root` (absolute), sending the relevant
/// events to `tx`.
pub(super) fn start(root: &Path, tx: Sender<Signal>) -> Result<Watcher, String> {
    let base = root.to_path_buf();
    let handler = move |result: notify::Result<Event>| {
        // Watch errors (a folder that went away, a full inotify table) are not worth a rebuild.
        let Ok(mut event) = result else { return };
        // Reads (the build's own among them) change nothing; a close after writing ends a save.
        if let EventKind::Access(kind) = event.kind
            && kind != AccessKind::Close(AccessMode::Write)
        {
            return;
        }
        if event.need_rescan() {
            // Events were lost: build everything again (keel.yaml is never a partial rebuild).
            event.paths = vec![base.join(FILE_NAME)];
            event.kind = EventKind::Any;
        }
        event.paths.retain(|p| is_relevant(&base, p));
        if !event.paths.is_empty() {
            let _ = tx.send(Signal::Event(event));
        }
    };
    let mut watcher =
        notify::recommended_watcher(handler).map_err(|e| format!("cannot watch files: {e}"))?;
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

/// One path of a burst.
#[derive(Debug)]
struct Seen {
    path: PathBuf,
    /// It did not exist when the burst began (created or renamed here first).
    created: bool,
    /// Its last event left it complete: closed after writing, or renamed into place.
    written: bool,
    /// Created and gone again within the burst: a temp file, no change.
    gone: bool,
}

/// The events since the last build, path by path.
#[derive(Debug, Default)]
pub(super) struct Burst {
    seen: Vec<Seen>,
    last: Option<Instant>,
    /// When its first event came.
    first: Option<Instant>,
}

impl Burst {
    /// Take in one event that came `at`.
    pub(super) fn add(&mut self, event: &Event, at: Instant) {
        self.last = Some(at);
        self.first.get_or_insert(at);
        match event.kind {
            // Both names of a rename, where a platform reports them together.
            EventKind::Modify(ModifyKind::Name(RenameMode::Both)) => {
                let from = ModifyKind::Name(RenameMode::From);
                let to = ModifyKind::Name(RenameMode::To);
                for (p, kind) in event.paths.iter().zip([from, to]) {
                    self.path(p, EventKind::Modify(kind));
                }
            }
            kind => {
                for p in &event.paths {
                    self.path(p, kind);
                }
            }
        }
    }

    fn path(&mut self, path: &Path, kind: EventKind) {
        let i = match self.seen.iter().position(|s| s.path == path) {
            Some(i) => i,
            None => {
                self.seen.push(Seen {
                    path: path.to_path_buf(),
                    created: matches!(
                        kind,
                        EventKind::Create(_) | EventKind::Modify(ModifyKind::Name(RenameMode::To))
                    ),
                    // A change of permissions or times alone leaves nothing to wait for.
                    written: matches!(kind, EventKind::Modify(ModifyKind::Metadata(_))),
                    gone: false,
                });
                self.seen.len() - 1
            }
        };
        let s = &mut self.seen[i];
        match kind {
            EventKind::Access(AccessKind::Close(AccessMode::Write))
            | EventKind::Modify(ModifyKind::Name(RenameMode::To)) => {
                s.written = true;
                s.gone = false;
            }
            EventKind::Modify(ModifyKind::Metadata(_)) => {}
            EventKind::Modify(ModifyKind::Name(RenameMode::From)) | EventKind::Remove(_) => {
                s.written = false;
                s.gone = s.created;
            }
            EventKind::Create(CreateKind::Folder) => {
                s.written = false;
                s.gone = false;
            }
            _ => s.written = false,
        }
    }

    /// Nothing has happened since the last build.
    pub(super) fn is_empty(&self) -> bool {
        self.seen.is_empty()
    }

    /// When the burst is over, if no more events come.
    fn ends(&self) -> Option<Instant> {
        let live: Vec<&Seen> = self.seen.iter().filter(|s| !s.gone).collect();
        let quiet = match live.as_slice() {
            [one] if one.written => SETTLE,
            [] => SETTLE,
            _ => QUIET,
        };
        self.last.map(|t| t + quiet)
    }

    /// The paths that changed, each once, in the order they first changed; the burst starts again.
    fn take(&mut self) -> Vec<PathBuf> {
        self.last = None;
        self.first = None;
        std::mem::take(&mut self.seen)
            .into_iter()
            .filter(|s| !s.gone)
            .map(|s| s.path)
            .collect()
    }
}

/// The events as they arrive, and the burst they make.
pub(super) struct Changes {
    rx: Receiver<Signal>,
    burst: Burst,
    stopped: bool,
    /// A request waits for the build loop.
    wanted: bool,
    /// When the first event of the last burst returned came.
    began: Option<Instant>,
}

impl Changes {
    pub(super) fn new(rx: Receiver<Signal>) -> Changes {
        Changes {
            rx,
            burst: Burst::default(),
            stopped: false,
            wanted: false,
            began: None,
        }
    }

    fn take_in(&mut self, signal: Signal) {
        match signal {
            Signal::Event(e) => self.burst.add(&e, Instant::now()),
            Signal::Wanted => self.wanted = true,
            Signal::Stop => self.stopped = true,
        }
    }

    /// When the first event of the last burst [`Changes::next`] returned came (the start of a
    /// rebuild's time, for `KEEL_TIMINGS`).
    pub(super) fn began(&self) -> Option<Instant> {
        self.began
    }

    /// Without waiting: has a change (or Ctrl-C) come since the last build? Work that can wait
    /// stops for it.
    pub(super) fn waiting(&mut self) -> bool {
        loop {
            match self.rx.try_recv() {
                Ok(signal) => self.take_in(signal),
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => self.stopped = true,
            }
        }
        self.stopped || !self.burst.is_empty()
    }

    /// Wait for the next burst to end and return its changed paths, or no paths when a request
    /// waits for the build loop (and no burst is under way); `None` on Ctrl-C.
    pub(super) fn next(&mut self) -> Option<Vec<PathBuf>> {
        loop {
            if self.stopped {
                return None;
            }
            if self.wanted && self.burst.is_empty() {
                self.wanted = false;
                return Some(Vec::new());
            }
            let signal = match self.burst.ends() {
                None => self.rx.recv().map_err(|_| RecvTimeoutError::Disconnected),
                Some(end) => {
                    let now = Instant::now();
                    if now >= end {
                        self.began = self.burst.first;
                        let changed = self.burst.take();
                        if changed.is_empty() {
                            continue;
                        }
                        return Some(changed);
                    }
                    self.rx.recv_timeout(end - now)
                }
            };
            match signal {
                Ok(signal) => self.take_in(signal),
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => self.stopped = true,
            }
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
    use notify::event::{DataChange, MetadataKind, RemoveKind};

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

    const WRITE: EventKind = EventKind::Modify(ModifyKind::Data(DataChange::Any));
    const CLOSE: EventKind = EventKind::Access(AccessKind::Close(AccessMode::Write));
    const CREATE: EventKind = EventKind::Create(CreateKind::File);
    const FROM: EventKind = EventKind::Modify(ModifyKind::Name(RenameMode::From));
    const TO: EventKind = EventKind::Modify(ModifyKind::Name(RenameMode::To));
    const REMOVE: EventKind = EventKind::Remove(RemoveKind::File);

    fn burst(events: &[(EventKind, &str)]) -> Burst {
        let mut b = Burst::default();
        let t = Instant::now();
        for (kind, p) in events {
            b.add(&Event::new(*kind).add_path(PathBuf::from(p)), t);
        }
        b
    }

    fn quiet(b: &Burst) -> Duration {
        b.ends().unwrap() - b.last.unwrap()
    }

    #[test]
    fn a_save_in_place_is_built_at_once() {
        let mut b = burst(&[(WRITE, "/s/content/a.md"), (CLOSE, "/s/content/a.md")]);
        assert_eq!(quiet(&b), SETTLE);
        assert_eq!(b.take(), vec![PathBuf::from("/s/content/a.md")]);
        assert!(b.is_empty() && b.ends().is_none());
    }

    #[test]
    fn a_file_still_open_for_writing_is_waited_for() {
        let b = burst(&[(WRITE, "/s/content/a.md")]);
        assert_eq!(quiet(&b), QUIET);
        let b = burst(&[(CREATE, "/s/content/a.md")]);
        assert_eq!(quiet(&b), QUIET);
    }

    #[test]
    fn a_temp_file_renamed_into_place_is_one_save() {
        // sed -i, and editors that save atomically.
        let mut b = burst(&[
            (CREATE, "/s/content/sedX1"),
            (WRITE, "/s/content/sedX1"),
            (CLOSE, "/s/content/sedX1"),
            (FROM, "/s/content/sedX1"),
            (TO, "/s/content/a.md"),
        ]);
        assert_eq!(quiet(&b), SETTLE);
        assert_eq!(b.take(), vec![PathBuf::from("/s/content/a.md")]);
        // The same rename reported as one event with both names.
        let mut b = burst(&[(CREATE, "/s/content/t"), (CLOSE, "/s/content/t")]);
        b.add(
            &Event::new(EventKind::Modify(ModifyKind::Name(RenameMode::Both)))
                .add_path("/s/content/t".into())
                .add_path("/s/content/a.md".into()),
            Instant::now(),
        );
        assert_eq!(quiet(&b), SETTLE);
        assert_eq!(b.take(), vec![PathBuf::from("/s/content/a.md")]);
    }

    #[test]
    fn vims_save_is_one_save() {
        // The file moved to its backup (ignored, so not seen here), written anew, a test file
        // created and removed.
        let mut b = burst(&[
            (CREATE, "/s/content/4913"),
            (CLOSE, "/s/content/4913"),
            (REMOVE, "/s/content/4913"),
            (FROM, "/s/content/a.md"),
            (CREATE, "/s/content/a.md"),
            (WRITE, "/s/content/a.md"),
            (CLOSE, "/s/content/a.md"),
            (
                EventKind::Modify(ModifyKind::Metadata(MetadataKind::Any)),
                "/s/content/a.md",
            ),
        ]);
        assert_eq!(quiet(&b), SETTLE);
        assert_eq!(b.take(), vec![PathBuf::from("/s/content/a.md")]);
    }

    #[test]
    fn several_files_or_a_removal_wait_for_quiet() {
        let b = burst(&[
            (WRITE, "/s/content/a.md"),
            (CLOSE, "/s/content/a.md"),
            (WRITE, "/s/content/b.md"),
            (CLOSE, "/s/content/b.md"),
        ]);
        assert_eq!(quiet(&b), QUIET);
        let b = burst(&[(REMOVE, "/s/content/a.md")]);
        assert_eq!(quiet(&b), QUIET);
        let b = burst(&[(FROM, "/s/content/a.md"), (TO, "/s/content/b.md")]);
        assert_eq!(quiet(&b), QUIET);
        let b = burst(&[(EventKind::Create(CreateKind::Folder), "/s/content/x")]);
        assert_eq!(quiet(&b), QUIET);
    }

    #[test]
    fn a_burst_in_batches_is_one_change() {
        let (tx, rx) = std::sync::mpsc::channel();
        let a = PathBuf::from("/site/content/a.md");
        let b = PathBuf::from("/site/content/b.md");
        let event = |kind, p: &PathBuf| Signal::Event(Event::new(kind).add_path(p.clone()));
        for (kind, p) in [
            (WRITE, &a),
            (WRITE, &b),
            (CLOSE, &b),
            (CLOSE, &a),
            (WRITE, &a),
        ] {
            tx.send(event(kind, p)).unwrap();
        }
        let mut changes = Changes::new(rx);
        assert_eq!(changes.next(), Some(vec![a, b]));
        tx.send(Signal::Stop).unwrap();
        assert!(changes.waiting());
        assert_eq!(changes.next(), None);
    }

    #[test]
    fn a_temp_file_alone_is_no_change() {
        let (tx, rx) = std::sync::mpsc::channel();
        let t = PathBuf::from("/site/content/sedX1");
        let a = PathBuf::from("/site/content/a.md");
        for kind in [CREATE, CLOSE, REMOVE] {
            tx.send(Signal::Event(Event::new(kind).add_path(t.clone())))
                .unwrap();
        }
        let mut changes = Changes::new(rx);
        assert!(changes.waiting());
        let sender = std::thread::spawn(move || {
            std::thread::sleep(QUIET);
            tx.send(Signal::Event(Event::new(CLOSE).add_path(a)))
                .unwrap();
            // Kept open: a closed channel stops the loop.
            tx
        });
        assert_eq!(
            changes.next(),
            Some(vec![PathBuf::from("/site/content/a.md")])
        );
        drop(sender.join().unwrap());
    }
}
