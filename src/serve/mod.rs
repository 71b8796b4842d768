//! `keel serve`: build into a private folder, serve it on loopback, watch the sources, rebuild on
//! change (only the changed page when that is enough), and reload open pages. A broken change keeps
//! the last good build online and shows the errors in the terminal and over the page.
//!
//! The build loop is synchronous (rayon inside) and runs on the calling thread; HTTP runs on a
//! small tokio runtime of its own ([`http`]), and file events come from a debounced watcher
//! ([`watch`]). Build results reach the open pages through a broadcast channel.

mod build;
mod http;
mod templates;
mod watch;

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use tokio::sync::broadcast;

use crate::diagnostics::Diagnostic;
use crate::site::LoadOptions;

pub use http::{Target, inject, resolve};

/// What `keel serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site's folder (the one with `keel.yaml`).
    pub root: PathBuf,
    /// Address to listen on: an IPv4 or IPv6 literal (`::1`) or a host name.
    pub bind: String,
    /// Port to listen on.
    pub port: u16,
    /// Open the preview in a browser once it is up.
    pub open: bool,
    /// Include draft pages.
    pub drafts: bool,
}

/// What a build tells the open pages.
#[derive(Debug, Clone)]
enum BuildEvent {
    /// A good build: reload the pages with these output paths (`en/x/index.html`), or every
    /// page (`None`).
    Reload(Option<Vec<String>>),
    /// A bad build: these errors, as a JSON array of diagnostics.
    Errors(String),
}

/// The outputs a fast rebuild leaves for later, until a request needs them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    /// Print views and bundles.
    Print,
    /// Search indexes and service workers.
    Indexes,
}

impl Stage {
    const ALL: [Stage; 2] = [Stage::Print, Stage::Indexes];

    fn name(self) -> &'static str {
        match self {
            Stage::Print => "print views and bundles",
            Stage::Indexes => "search indexes and service workers",
        }
    }
}

/// One stage's files in the preview folder.
#[derive(Default)]
struct StageFiles {
    /// The output paths it makes (`en/crises/x/print/index.html`).
    paths: HashSet<String>,
    /// They are older than the sources.
    behind: bool,
    /// A request, or a page open in a browser, waits for them.
    wanted: bool,
}

/// Which files of the preview folder are older than the sources, and who waits for them.
#[derive(Default)]
struct Stale {
    stages: [StageFiles; 2],
    /// Pages open in a browser (output path → how many), from their event streams.
    open: HashMap<String, usize>,
}

impl Stale {
    /// After a full build: everything is up to date; these are the stages' files.
    fn reset(&mut self, print: HashSet<String>, indexes: HashSet<String>) {
        for (s, paths) in self.stages.iter_mut().zip([print, indexes]) {
            *s = StageFiles {
                paths,
                behind: false,
                wanted: false,
            };
        }
    }

    /// After a fast rebuild: the indexes are behind, and the print files too if `print` (and
    /// wanted at once if `now`). A stage with a page open in a browser is wanted at once, so
    /// that page reloads with the change.
    fn behind(&mut self, print: bool, now: bool) {
        let open = &self.open;
        for (stage, s) in Stage::ALL.iter().zip(&mut self.stages) {
            if *stage == Stage::Indexes || print {
                s.behind = true;
                s.wanted |= open.keys().any(|p| s.paths.contains(p));
            }
            if *stage == Stage::Print && print {
                s.wanted |= now;
            }
        }
    }

    /// The first stage that is behind and wanted, with its paths (a stage wanted but no longer
    /// behind is wanted no more).
    fn wanted(&mut self) -> Option<(Stage, HashSet<String>)> {
        for (stage, s) in Stage::ALL.iter().zip(&mut self.stages) {
            if s.wanted && s.behind {
                return Some((*stage, s.paths.clone()));
            }
            s.wanted = false;
        }
        None
    }

    /// A stage is up to date: it made `made`, and no longer makes `gone`.
    fn fresh(&mut self, stage: Stage, made: HashSet<String>, gone: &[String]) {
        let s = &mut self.stages[stage as usize];
        s.paths.extend(made);
        for p in gone {
            s.paths.remove(p);
        }
        s.behind = false;
        s.wanted = false;
    }

    /// After a failed build: nothing is made until the next good one, so nothing is waited for.
    fn settle(&mut self) {
        for s in &mut self.stages {
            s.behind = false;
            s.wanted = false;
        }
    }

    /// The stage whose files are behind and hold `path`.
    fn behind_for(&self, path: &str) -> Option<Stage> {
        Stage::ALL
            .into_iter()
            .zip(&self.stages)
            .find(|(_, s)| s.behind && s.paths.contains(path))
            .map(|(stage, _)| stage)
    }
}

/// How long a request waits for a stage to be brought up to date before it gets the old file.
const STALE_WAIT: Duration = Duration::from_secs(30);

/// What the HTTP side shares with the build loop.
struct Shared {
    out: PathBuf,
    /// `out`, canonical, as the paths of requested files are.
    out_real: PathBuf,
    errors: Mutex<Vec<Diagnostic>>,
    stale: Mutex<Stale>,
    /// Signalled when a stage is brought up to date (or given up).
    freshened: Condvar,
    /// Wakes the build loop for a stage a request waits for.
    wake: mpsc::Sender<watch::Signal>,
    events: broadcast::Sender<BuildEvent>,
    /// `Host` headers the server answers (lower case), or `None` when it listens on every
    /// address: a page elsewhere cannot reach the preview through a name that resolves to
    /// loopback (DNS rebinding).
    hosts: Option<Vec<String>>,
}

/// The host names a server bound to `bind` answers to: that address, and loopback by name and
/// number (a `Host` header's port is not compared). `None` for 0.0.0.0 and ::, where any name
/// may lead to it.
fn allowed_hosts(bind: &str) -> Option<Vec<String>> {
    let ip: Option<std::net::IpAddr> = bind.parse().ok();
    if ip.is_some_and(|ip| ip.is_unspecified()) {
        return None;
    }
    let own = if bind.contains(':') {
        format!("[{bind}]")
    } else {
        bind.to_string()
    };
    Some(
        [own.as_str(), "localhost", "127.0.0.1", "[::1]"]
            .iter()
            .map(|h| h.to_ascii_lowercase())
            .collect(),
    )
}

impl Shared {
    fn errors(&self) -> Vec<Diagnostic> {
        self.errors
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// A bad build: show its errors.
    fn set_errors(&self, errors: Vec<Diagnostic>) {
        let json = serde_json::to_string(&errors).unwrap_or_else(|_| "[]".into());
        *self.errors.lock().unwrap_or_else(|p| p.into_inner()) = errors;
        // No open page, no receiver: nothing to tell.
        let _ = self.events.send(BuildEvent::Errors(json));
    }

    /// Look at or change what is stale; waiting requests look again afterwards.
    fn stale<T>(&self, f: impl FnOnce(&mut Stale) -> T) -> T {
        let result = f(&mut self.stale.lock().unwrap_or_else(|p| p.into_inner()));
        self.freshened.notify_all();
        result
    }

    /// Before the file at output path `path` is served: if a fast rebuild left it behind, have
    /// the build loop bring its stage up to date, and wait for that.
    fn await_fresh(&self, path: &str) {
        let deadline = Instant::now() + STALE_WAIT;
        let mut stale = self.stale.lock().unwrap_or_else(|p| p.into_inner());
        while let Some(stage) = stale.behind_for(path) {
            let s = &mut stale.stages[stage as usize];
            if !s.wanted {
                s.wanted = true;
                let _ = self.wake.send(watch::Signal::Wanted);
            }
            let now = Instant::now();
            if now >= deadline {
                return;
            }
            stale = self
                .freshened
                .wait_timeout(stale, deadline - now)
                .unwrap_or_else(|p| p.into_inner())
                .0;
        }
    }

    /// A page at output path `path` is open in a browser (`true`) or was closed.
    fn opened(&self, path: &str, open: bool) {
        let mut stale = self.stale.lock().unwrap_or_else(|p| p.into_inner());
        let n = stale.open.entry(path.to_string()).or_insert(0);
        if open {
            *n += 1;
        } else {
            *n = n.saturating_sub(1);
            if *n == 0 {
                stale.open.remove(path);
            }
        }
    }

    /// A good build (or a step of one) that wrote the files `written`, or everything (`None`).
    fn reload(&self, written: Option<Vec<String>>) {
        self.errors
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clear();
        let _ = self.events.send(BuildEvent::Reload(written));
    }
}

/// Run until Ctrl-C. Returns an error message for problems that stop the preview from starting.
pub fn run(opts: &ServeOptions) -> Result<(), String> {
    if opts.bind != "localhost" && opts.bind.parse::<std::net::IpAddr>().is_err() {
        return Err(format!(
            "`{}` is not an IP address: use --bind 127.0.0.1, ::1, or 0.0.0.0 to share on the network",
            opts.bind
        ));
    }
    // File events carry absolute paths; compare them with an absolute root.
    let root = opts
        .root
        .canonicalize()
        .map_err(|e| format!("cannot open {}: {e}", opts.root.display()))?;
    let tmp = tempfile::Builder::new()
        .prefix("keel-serve-")
        .tempdir()
        .map_err(|e| format!("cannot create a temp folder: {e}"))?;
    let (tx, rx) = mpsc::channel();
    let shared = Arc::new(Shared {
        out: tmp.path().to_path_buf(),
        out_real: tmp
            .path()
            .canonicalize()
            .map_err(|e| format!("cannot open the temp folder: {e}"))?,
        errors: Mutex::new(Vec::new()),
        stale: Mutex::new(Stale::default()),
        freshened: Condvar::new(),
        wake: tx.clone(),
        events: broadcast::channel(16).0,
        hosts: allowed_hosts(&opts.bind),
    });
    let mut builder = build::Builder::new(
        root.clone(),
        LoadOptions {
            drafts: opts.drafts,
        },
    );
    {
        let tx = tx.clone();
        ctrlc::set_handler(move || {
            let _ = tx.send(watch::Signal::Stop);
        })
        .map_err(|e| format!("cannot handle Ctrl-C: {e}"))?;
    }
    // Watch before building and serving, so no save can be missed.
    let mut watcher = watch::start(&root, tx)?;

    builder.full(&shared);

    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("keel-http")
        .enable_io()
        .enable_time()
        .build()
        .map_err(|e| format!("cannot start the HTTP server: {e}"))?;
    let addr = if opts.bind.contains(':') {
        format!("[{}]:{}", opts.bind, opts.port)
    } else {
        format!("{}:{}", opts.bind, opts.port)
    };
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(&addr))
        .map_err(|e| format!("cannot listen on {addr}: {e} (is the port in use? pass --port)"))?;
    // `--port 0` asks the system for a free port: say the one it gave.
    let addr = listener.local_addr().map_or(addr, |a| a.to_string());
    runtime.spawn(http::serve(listener, Arc::clone(&shared)));
    let url = format!("http://{addr}/");
    println!("Serving {} at {url} (Ctrl-C to stop)", root.display());
    if opts.open && opener::open_browser(&url).is_err() {
        eprintln!("could not open a browser; visit {url}");
    }

    let mut changes = watch::Changes::new(rx);
    loop {
        // What a fast rebuild left for later is made while no change is waiting.
        builder.catch_up(&mut changes, &shared);
        let Some(changed) = changes.next() else { break };
        watch::rewatch(&mut watcher, &root, &changed);
        if !changed.is_empty()
            && let Some(began) = changes.began()
        {
            // With KEEL_TIMINGS, a rebuild's times count from the first event of its burst.
            crate::timing::start(began);
            crate::timing::stage("changes settled");
        }
        builder.rebuild(&changed, &shared);
    }
    println!("\nStopped.");
    drop(watcher);
    // Open event streams never end by themselves: do not wait for them.
    runtime.shutdown_timeout(Duration::from_millis(200));
    drop(tmp);
    Ok(())
}
