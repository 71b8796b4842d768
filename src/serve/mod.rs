//! `keel serve`: build into a private folder, serve it on loopback, watch the sources, rebuild on
//! change (only the changed page when that is enough), and reload open pages. A broken change keeps
//! the last good build online and shows the errors in the terminal and over the page.
//!
//! The build loop is synchronous (rayon inside) and runs on the calling thread; HTTP runs on a
//! small tokio runtime of its own ([`http`]), and file events come from a debounced watcher
//! ([`watch`]). Build results reach the open pages through a broadcast channel.

mod http;
mod watch;

use std::path::PathBuf;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::sync::broadcast;

use crate::diagnostics::Diagnostic;
use crate::site::{LoadOptions, Reload, Site};

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
    /// A good build: reload.
    Reload,
    /// A bad build: these errors, as a JSON array of diagnostics.
    Errors(String),
}

/// What the HTTP side shares with the build loop.
struct Shared {
    out: PathBuf,
    errors: Mutex<Vec<Diagnostic>>,
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

    fn set_errors(&self, errors: Vec<Diagnostic>) {
        let json = serde_json::to_string(&errors).unwrap_or_else(|_| "[]".into());
        let event = if errors.is_empty() {
            BuildEvent::Reload
        } else {
            BuildEvent::Errors(json)
        };
        *self.errors.lock().unwrap_or_else(|p| p.into_inner()) = errors;
        // No open page, no receiver: nothing to tell.
        let _ = self.events.send(event);
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
    let shared = Arc::new(Shared {
        out: tmp.path().to_path_buf(),
        errors: Mutex::new(Vec::new()),
        events: broadcast::channel(16).0,
        hosts: allowed_hosts(&opts.bind),
    });
    let mut builder = Builder {
        root: root.clone(),
        load: LoadOptions {
            drafts: opts.drafts,
        },
        site: None,
    };
    let (tx, rx) = mpsc::channel();
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

    while let Some(changed) = watch::next_changes(&rx) {
        watch::rewatch(&mut watcher, &root, &changed);
        builder.rebuild(&changed, &shared);
    }
    println!("\nStopped.");
    drop(watcher);
    // Open event streams never end by themselves: do not wait for them.
    runtime.shutdown_timeout(Duration::from_millis(200));
    drop(tmp);
    Ok(())
}

/// Builds the site into the preview folder, fully or only the pages a change touches.
struct Builder {
    root: PathBuf,
    load: LoadOptions,
    /// The last good site, kept for partial rebuilds.
    site: Option<Site>,
}

fn write_error(e: std::io::Error) -> Vec<Diagnostic> {
    vec![Diagnostic::error(
        "io",
        "keel serve",
        format!("cannot write the preview: {e}"),
    )]
}

impl Builder {
    fn full(&mut self, shared: &Shared) {
        let start = Instant::now();
        self.site = None;
        let result = crate::load(&self.root, &self.load).and_then(|site| {
            let mut files = crate::render_site(&site)?;
            for (path, file) in &site.files {
                let bytes = std::fs::read(file).map_err(write_error)?;
                files.push(crate::output::OutFile {
                    path: path.clone(),
                    bytes,
                });
            }
            crate::output::sync_dir(&shared.out, &files, None, true).map_err(write_error)?;
            Ok(site)
        });
        match result {
            Ok(site) => {
                let n = site.pages.len();
                self.report_warnings(&site.warnings);
                self.site = Some(site);
                println!("Built {n} pages in {} ms", start.elapsed().as_millis());
                shared.set_errors(Vec::new());
            }
            Err(diags) => self.fail(diags, shared),
        }
    }

    fn rebuild(&mut self, changed: &[PathBuf], shared: &Shared) {
        let start = Instant::now();
        // A file that came and went (an editor's or sed's temp file) and was never a page is
        // noise; a folder that held pages (content/ removed by a checkout) is not.
        let known = |p: &PathBuf| {
            let rel = p.strip_prefix(&self.root).unwrap_or(p);
            self.site
                .as_ref()
                .is_none_or(|s| s.pages.iter().any(|pg| pg.src.file.starts_with(rel)))
        };
        let changed: Vec<PathBuf> = changed
            .iter()
            .filter(|p| p.exists() || known(p))
            .cloned()
            .collect();
        if changed.is_empty() {
            return;
        }
        let partial = changed.iter().all(|p| {
            let rel = p.strip_prefix(&self.root).unwrap_or(p);
            rel.starts_with(crate::paths::CONTENT_DIR)
                && p.is_file()
                && p.extension()
                    .is_some_and(|e| e == "md" || e == "yaml" || e == "yml")
        });
        let Some(site) = self.site.as_mut().filter(|_| partial) else {
            return self.full(shared);
        };
        let mut which = Vec::new();
        for p in changed {
            let rel = p.strip_prefix(&self.root).unwrap_or(p.as_path());
            match crate::reload_file(site, rel) {
                Ok(Reload::Pages(pages)) => which.extend(pages),
                Ok(Reload::Full) => return self.full(shared),
                Err(diags) => return self.fail(diags, shared),
            }
        }
        let result = crate::render_pages(site, &which).and_then(|files| {
            crate::output::sync_dir(&shared.out, &files, None, false).map_err(write_error)
        });
        match result {
            Ok(stats) => {
                let warnings = site.warnings.clone();
                self.report_warnings(&warnings);
                println!(
                    "Rebuilt {} page{} ({} file{} written) in {} ms",
                    which.len(),
                    if which.len() == 1 { "" } else { "s" },
                    stats.written,
                    if stats.written == 1 { "" } else { "s" },
                    start.elapsed().as_millis()
                );
                shared.set_errors(Vec::new());
            }
            Err(diags) => self.fail(diags, shared),
        }
    }

    fn report_warnings(&self, warnings: &[Diagnostic]) {
        let mut sources = crate::paths::SourceLines::new(&self.root);
        for d in warnings {
            eprintln!("{}", sources.render(d));
        }
    }

    fn fail(&mut self, diags: Vec<Diagnostic>, shared: &Shared) {
        // The in-memory site may hold the broken page now; start from scratch next time.
        self.site = None;
        let mut sources = crate::paths::SourceLines::new(&self.root);
        for d in &diags {
            eprintln!("{}", sources.render(d));
        }
        let errors: Vec<Diagnostic> = diags.into_iter().filter(Diagnostic::is_error).collect();
        eprintln!(
            "Build failed with {} error{}; still serving the last good build.",
            errors.len(),
            if errors.len() == 1 { "" } else { "s" }
        );
        shared.set_errors(errors);
    }
}
