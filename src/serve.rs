//! `keel serve`: build into a private folder, serve it on loopback, watch the sources, rebuild on
//! change (only the changed page when that is enough), and reload open pages. A broken change keeps
//! the last good build online and shows the errors in the terminal and over the page.

use std::fs;
use std::io::{self, Read, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};
use std::net::{TcpListener, TcpStream};

use crate::diagnostics::Diagnostic;
use crate::site::{LoadOptions, Reload, Site};

const LIVE_JS: &str = include_str!("serve/livereload.js");
const LIVE_CSS: &str = include_str!("serve/livereload.css");
/// Paths of the preview's own endpoints; content can never produce them (no `_` folders).
const PREFIX: &str = "/__keel/";

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: String,
    pub port: u16,
    pub open: bool,
    pub drafts: bool,
}

/// What the HTTP threads share with the build loop.
struct Shared {
    out: PathBuf,
    errors: Mutex<Vec<Diagnostic>>,
    clients: Mutex<Vec<Sender<String>>>,
}

impl Shared {
    fn broadcast(&self, event: &str, data: &str) {
        let msg = format!("event: {event}\ndata: {data}\n\n");
        let mut clients = self.clients.lock().unwrap_or_else(|p| p.into_inner());
        clients.retain(|c| c.send(msg.clone()).is_ok());
    }

    fn set_errors(&self, errors: Vec<Diagnostic>) {
        let json = serde_json::to_string(&errors).unwrap_or_else(|_| "[]".into());
        *self.errors.lock().unwrap_or_else(|p| p.into_inner()) = errors.clone();
        if errors.is_empty() {
            self.broadcast("reload", "{}");
        } else {
            self.broadcast("errors", &json);
        }
    }
}

/// Run until Ctrl-C. Returns an error message for problems that stop the preview from starting.
pub fn run(opts: &ServeOptions) -> Result<(), String> {
    // File events carry absolute paths; compare them with an absolute root.
    let root = opts
        .root
        .canonicalize()
        .map_err(|e| format!("cannot open {}: {e}", opts.root.display()))?;
    let opts = &ServeOptions {
        root,
        ..opts.clone()
    };
    let tmp = tempfile::Builder::new()
        .prefix("keel-serve-")
        .tempdir()
        .map_err(|e| format!("cannot create a temp folder: {e}"))?;
    let shared = Arc::new(Shared {
        out: tmp.path().to_path_buf(),
        errors: Mutex::new(Vec::new()),
        clients: Mutex::new(Vec::new()),
    });
    let mut builder = Builder {
        root: opts.root.clone(),
        load: LoadOptions {
            drafts: opts.drafts,
        },
        site: None,
    };
    // Watch before building and serving, so no save can be missed.
    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = Arc::clone(&stop);
        ctrlc::set_handler(move || stop.store(true, Ordering::SeqCst))
            .map_err(|e| format!("cannot handle Ctrl-C: {e}"))?;
    }
    let (tx, rx) = mpsc::channel();
    let mut watcher =
        notify::recommended_watcher(tx).map_err(|e| format!("cannot watch files: {e}"))?;
    for dir in ["content", "themes", "i18n"] {
        let p = opts.root.join(dir);
        if p.is_dir() {
            watcher
                .watch(&p, RecursiveMode::Recursive)
                .map_err(|e| format!("cannot watch {}: {e}", p.display()))?;
        }
    }
    watcher
        .watch(&opts.root, RecursiveMode::NonRecursive)
        .map_err(|e| format!("cannot watch {}: {e}", opts.root.display()))?;

    builder.full(&shared);

    let addr = if opts.bind.contains(':') {
        format!("[{}]:{}", opts.bind, opts.port)
    } else {
        format!("{}:{}", opts.bind, opts.port)
    };
    let listener = TcpListener::bind(&addr)
        .map_err(|e| format!("cannot listen on {addr}: {e} (is the port in use? pass --port)"))?;
    let url = format!("http://{addr}/");
    println!("Serving {} at {url} (Ctrl-C to stop)", opts.root.display());
    if opts.open {
        open_browser(&url);
    }
    {
        let shared = Arc::clone(&shared);
        // One thread per connection: the event streams stay open for as long as a page does, and
        // must never hold up the requests of another page.
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let shared = Arc::clone(&shared);
                std::thread::spawn(move || handle(stream, &shared));
            }
        });
    }

    while !stop.load(Ordering::SeqCst) {
        let changed = collect_changes(&rx, &opts.root, &stop);
        if !changed.is_empty() {
            builder.rebuild(&changed, &shared);
        }
    }
    println!("\nStopped.");
    drop(watcher);
    drop(tmp);
    Ok(())
}

/// Wait for file events, then keep collecting until things have been quiet for a moment, so an
/// editor that writes several files (or a temp file and a rename) causes one rebuild.
fn collect_changes(
    rx: &Receiver<notify::Result<notify::Event>>,
    root: &Path,
    stop: &AtomicBool,
) -> Vec<PathBuf> {
    let mut changed: Vec<PathBuf> = Vec::new();
    let mut deadline: Option<Instant> = None;
    loop {
        let wait = deadline.map_or(Duration::from_millis(200), |d| {
            d.saturating_duration_since(Instant::now())
        });
        match rx.recv_timeout(wait) {
            Ok(Ok(event)) => {
                if matches!(event.kind, notify::EventKind::Access(_)) {
                    continue;
                }
                for p in event.paths {
                    if is_relevant(root, &p) && !changed.contains(&p) {
                        changed.push(p);
                        deadline = Some(Instant::now() + Duration::from_millis(120));
                    }
                }
            }
            Ok(Err(_)) => {}
            Err(RecvTimeoutError::Timeout) => {
                if deadline.is_some() || stop.load(Ordering::SeqCst) {
                    return changed;
                }
            }
            Err(RecvTimeoutError::Disconnected) => return changed,
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
        .any(|c| crate::paths::is_ignored(&c.to_string_lossy()) && c != "_index.md")
    {
        return false;
    }
    let first = rel
        .iter()
        .next()
        .map(|c| c.to_string_lossy().to_string())
        .unwrap_or_default();
    matches!(first.as_str(), "content" | "themes" | "i18n")
        || rel == Path::new(crate::config::FILE_NAME)
}

struct Builder {
    root: PathBuf,
    load: LoadOptions,
    /// The last good site, kept for partial rebuilds.
    site: Option<Site>,
}

impl Builder {
    fn full(&mut self, shared: &Shared) {
        let start = Instant::now();
        self.site = None;
        let result = crate::load(&self.root, &self.load).and_then(|site| {
            let files = crate::render_site(&site)?;
            let theme_static = self
                .root
                .join("themes")
                .join(&site.config.theme)
                .join("static");
            crate::output::sync_dir(&shared.out, &files, Some(&theme_static), true).map_err(
                |e| {
                    vec![Diagnostic::error(
                        "io",
                        "keel serve",
                        format!("cannot write the preview: {e}"),
                    )]
                },
            )?;
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
        // A file that came and went (an editor's or sed's temp file) and was never a page is noise.
        let known = |p: &PathBuf| {
            let rel = p.strip_prefix(&self.root).unwrap_or(p);
            self.site
                .as_ref()
                .is_none_or(|s| s.pages.iter().any(|pg| pg.src.file == rel))
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
            crate::output::sync_dir(&shared.out, &files, None, false).map_err(|e| {
                vec![Diagnostic::error(
                    "io",
                    "keel serve",
                    format!("cannot write the preview: {e}"),
                )]
            })
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
        for d in warnings {
            let source = fs::read_to_string(self.root.join(&d.file)).ok();
            eprintln!("{}", d.render(source.as_deref()));
        }
    }

    fn fail(&mut self, diags: Vec<Diagnostic>, shared: &Shared) {
        // The in-memory site may hold the broken page now; start from scratch next time.
        self.site = None;
        for d in &diags {
            let source = fs::read_to_string(self.root.join(&d.file)).ok();
            eprintln!("{}", d.render(source.as_deref()));
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

fn open_browser(url: &str) {
    let cmd = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(cmd).arg(url).spawn().is_err() {
        eprintln!("could not open a browser; visit {url}");
    }
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "svg" => "image/svg+xml; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// Map a request path to a file inside `out`. `Err(status)` for paths that try to leave it.
pub fn resolve(out: &Path, raw_path: &str) -> Result<Target, u16> {
    let path = raw_path.split(['?', '#']).next().unwrap_or("/");
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .map_err(|_| 400u16)?;
    if decoded.contains('\0') || decoded.contains('\\') {
        return Err(400);
    }
    let mut file = out.to_path_buf();
    for seg in decoded.split('/') {
        match seg {
            "" | "." => {}
            ".." => return Err(400),
            s => {
                // A segment must stay one normal path component.
                if Path::new(s).components().count() != 1
                    || !matches!(Path::new(s).components().next(), Some(Component::Normal(_)))
                {
                    return Err(400);
                }
                file.push(s);
            }
        }
    }
    if file.is_dir() {
        if !decoded.ends_with('/') {
            return Ok(Target::Redirect(format!("{decoded}/")));
        }
        file.push("index.html");
    }
    let Ok(real) = file.canonicalize() else {
        return Ok(Target::NotFound);
    };
    let root = out.canonicalize().map_err(|_| 500u16)?;
    if !real.starts_with(&root) || !real.is_file() {
        return Ok(Target::NotFound);
    }
    Ok(Target::File(real))
}

#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    File(PathBuf),
    Redirect(String),
    NotFound,
}

/// A response: status, content type, extra headers, body.
struct Reply {
    status: u16,
    ctype: &'static str,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn new(status: u16, ctype: &'static str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            status,
            ctype,
            headers: Vec::new(),
            body: body.into(),
        }
    }

    fn text(status: u16, body: &str) -> Reply {
        Reply::new(status, "text/plain; charset=utf-8", body)
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        431 => "Request Header Fields Too Large",
        _ => "Error",
    }
}

/// Read one request from the connection, answer it, close. Only GET and HEAD.
fn handle(mut stream: TcpStream, shared: &Shared) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut head = Vec::new();
    let mut buf = [0u8; 2048];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
        if head.len() > 16 * 1024 {
            let _ = write_reply(&mut stream, Reply::text(431, "request too large"), false);
            return;
        }
    }
    let text = String::from_utf8_lossy(&head);
    let mut parts = text.lines().next().unwrap_or("").split_whitespace();
    let (method, target) = (
        parts.next().unwrap_or(""),
        parts.next().unwrap_or("/").to_string(),
    );
    let head_only = method == "HEAD";
    if method != "GET" && !head_only {
        let mut r = Reply::text(405, "method not allowed");
        r.headers.push(("Allow", "GET, HEAD".into()));
        let _ = write_reply(&mut stream, r, false);
        return;
    }
    if target.split('?').next() == Some("/__keel/events") {
        return events(stream, shared);
    }
    let _ = write_reply(&mut stream, respond_to(&target, shared), head_only);
}

/// Every response is uncached (the preview changes under the reader) and closes its connection.
fn write_reply(stream: &mut TcpStream, reply: Reply, head_only: bool) -> io::Result<()> {
    let mut out = format!(
        "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n",
        reply.status,
        reason(reply.status),
        reply.ctype,
        reply.body.len()
    );
    for (name, value) in &reply.headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str("\r\n");
    stream.write_all(out.as_bytes())?;
    if !head_only {
        stream.write_all(&reply.body)?;
    }
    stream.flush()
}

fn respond_to(url: &str, shared: &Shared) -> Reply {
    if let Some(own) = url.strip_prefix(PREFIX) {
        return match own.split('?').next().unwrap_or("") {
            "livereload.js" => Reply::new(200, "text/javascript; charset=utf-8", LIVE_JS),
            "livereload.css" => Reply::new(200, "text/css; charset=utf-8", LIVE_CSS),
            "status" => {
                let errors = shared
                    .errors
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .clone();
                Reply::new(
                    200,
                    "application/json; charset=utf-8",
                    serde_json::to_string(&errors).unwrap_or_else(|_| "[]".into()),
                )
            }
            _ => Reply::text(404, "not found"),
        };
    }
    let (status, file) = match resolve(&shared.out, url) {
        Ok(Target::File(f)) => (200, f),
        Ok(Target::Redirect(to)) => {
            let mut r = Reply::text(301, "");
            r.headers.push(("Location", to));
            return r;
        }
        Ok(Target::NotFound) => (404, shared.out.join("404.html")),
        Err(code) => return Reply::text(code, "bad request"),
    };
    let Ok(mut bytes) = fs::read(&file) else {
        return Reply::text(404, "not found");
    };
    let ctype = content_type(&file);
    if ctype.starts_with("text/html") {
        let errors = shared
            .errors
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone();
        bytes = inject(&String::from_utf8_lossy(&bytes), &errors).into_bytes();
    }
    Reply::new(status, ctype, bytes)
}

/// Add the live-reload script (and the error overlay while the build is broken) to a page.
/// Only `keel serve` does this; built output never carries it.
pub fn inject(html: &str, errors: &[Diagnostic]) -> String {
    let mut extra = format!(
        "<link rel=\"stylesheet\" href=\"{PREFIX}livereload.css\"><script src=\"{PREFIX}livereload.js\" defer></script>"
    );
    if !errors.is_empty() {
        extra.push_str(&overlay(errors));
    }
    // Tells the site script not to register the offline service worker in the preview.
    let html = match html.find("</head>") {
        Some(i) => format!(
            "{}<meta name=\"keel-serve\" content=\"preview\">{}",
            &html[..i],
            &html[i..]
        ),
        None => html.to_string(),
    };
    match html.rfind("</body>") {
        Some(i) => format!("{}{extra}{}", &html[..i], &html[i..]),
        None => format!("{html}{extra}"),
    }
}

fn overlay(errors: &[Diagnostic]) -> String {
    let esc = crate::markdown::escape;
    let mut out = String::from(
        "<div id=\"keel-overlay\" role=\"alert\" dir=\"ltr\" lang=\"en\"><h2>Build failed: the page shows the last good build</h2><ol>",
    );
    for d in errors {
        let place = match (d.line, d.column) {
            (0, _) => esc(&d.file.display().to_string()),
            (l, 0) => format!("{}:{l}", esc(&d.file.display().to_string())),
            (l, c) => format!("{}:{l}:{c}", esc(&d.file.display().to_string())),
        };
        out.push_str(&format!("<li><code class=\"where\">{place}</code> <span class=\"code\">{}</span> <span class=\"message\">{}</span>", esc(d.code), esc(&d.message)));
        if let Some(h) = &d.hint {
            out.push_str(&format!("<div class=\"hint\">{}</div>", esc(h)));
        }
        out.push_str("</li>");
    }
    out.push_str("</ol></div>");
    out
}

/// Server-sent events: `reload` after a good build, `errors` (JSON diagnostics) after a bad one,
/// and a comment every 15 s that keeps the stream open and notices a closed tab.
fn events(mut stream: TcpStream, shared: &Shared) {
    let (tx, rx) = mpsc::channel::<String>();
    shared
        .clients
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .push(tx);
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\nConnection: close\r\n\r\nretry: 500\n\n";
    if stream
        .write_all(head.as_bytes())
        .and_then(|()| stream.flush())
        .is_err()
    {
        return;
    }
    loop {
        let msg = match rx.recv_timeout(Duration::from_secs(15)) {
            Ok(m) => m,
            Err(RecvTimeoutError::Timeout) => ": keep-alive\n\n".to_string(),
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if stream
            .write_all(msg.as_bytes())
            .and_then(|()| stream.flush())
            .is_err()
        {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_leave_the_output() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        fs::create_dir_all(out.join("en")).unwrap();
        fs::write(out.join("en/index.html"), "x").unwrap();
        fs::write(dir.path().join("secret.txt"), "s").unwrap();
        assert_eq!(
            resolve(&out, "/en/"),
            Ok(Target::File(
                out.join("en/index.html").canonicalize().unwrap()
            ))
        );
        assert_eq!(resolve(&out, "/en"), Ok(Target::Redirect("/en/".into())));
        assert_eq!(resolve(&out, "/nope.html"), Ok(Target::NotFound));
        for bad in [
            "/../secret.txt",
            "/en/../../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E%2Fsecret.txt",
            "/..%2fsecret.txt",
            "/en/..%5c..%5csecret.txt",
            "/%00",
            "/%ff",
        ] {
            assert!(matches!(resolve(&out, bad), Err(400)), "{bad}");
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("secret.txt"), out.join("link.txt"))
                .unwrap();
            assert_eq!(resolve(&out, "/link.txt"), Ok(Target::NotFound));
        }
    }

    #[test]
    fn injection_adds_script_and_overlay() {
        let html = inject("<html><body><p>x</p></body></html>", &[]);
        assert!(html.contains("/__keel/livereload.js"));
        assert!(!html.contains("keel-overlay"));
        let d = Diagnostic::error("yaml-syntax", "content/en/a.yaml", "bad <thing>")
            .at(crate::diagnostics::Pos::new(3, 7));
        let html = inject("<html><body></body></html>", &[d]);
        assert!(html.contains("content/en/a.yaml:3:7"));
        assert!(html.contains("bad &lt;thing&gt;"));
    }
}
