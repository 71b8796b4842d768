//! The preview's HTTP side: the built files (HTML with the live-reload script injected), the
//! preview's own endpoints under `/__keel/`, and server-sent events after each build. GET and HEAD
//! only, nothing cached, nothing outside the output folder.

use std::convert::Infallible;
use std::fs;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use tokio_stream::StreamExt;
use tokio_stream::wrappers::BroadcastStream;

use super::{BuildEvent, Shared};
use crate::diagnostics::Diagnostic;
use crate::markdown::escape;

const LIVE_JS: &str = include_str!("livereload.js");
const LIVE_CSS: &str = include_str!("livereload.css");
/// Paths of the preview's own endpoints; content can never produce them (no `_` folders).
const PREFIX: &str = "/__keel/";
const TEXT: &str = "text/plain; charset=utf-8";
const JS: &str = "text/javascript; charset=utf-8";
const CSS: &str = "text/css; charset=utf-8";
const JSON: &str = "application/json; charset=utf-8";
/// What a redirect's Location encodes again (non-ASCII is always encoded).
const LOCATION: &AsciiSet = &CONTROLS.add(b' ');

/// Serve `shared.out` on `listener` until the runtime stops.
pub(super) async fn serve(listener: tokio::net::TcpListener, shared: Arc<Shared>) {
    if let Err(e) = axum::serve(listener, router(shared)).await {
        eprintln!("the preview server stopped: {e}");
    }
}

fn router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route(
            "/__keel/livereload.js",
            get(|| async { reply(200, JS, LIVE_JS) }),
        )
        .route(
            "/__keel/livereload.css",
            get(|| async { reply(200, CSS, LIVE_CSS) }),
        )
        .route("/__keel/status", get(status))
        .route("/__keel/events", get(events))
        .fallback(site_file)
        // Layers wrap what is above them: methods are checked first, and every answer, errors
        // included, is marked uncacheable.
        .layer(middleware::from_fn(get_and_head_only))
        .layer(middleware::from_fn_with_state(
            Arc::clone(&shared),
            known_host,
        ))
        .layer(middleware::map_response(no_store))
        .with_state(shared)
}

fn reply(status: u16, ctype: &str, body: impl Into<Body>) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let ctype = HeaderValue::from_str(ctype)
        .unwrap_or_else(|_| HeaderValue::from_static("application/octet-stream"));
    (status, [(header::CONTENT_TYPE, ctype)], body.into()).into_response()
}

/// The preview changes under the reader: nothing may be cached.
async fn no_store(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// Requests must name the server by an address it listens on (see `Shared::hosts`).
async fn known_host(State(shared): State<Arc<Shared>>, request: Request, next: Next) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::to_ascii_lowercase);
    let known = match (&shared.hosts, host) {
        (None, _) => true,
        (Some(hosts), Some(h)) => hosts.contains(&host_name(&h).to_string()),
        (Some(_), None) => false,
    };
    if known {
        return next.run(request).await;
    }
    reply(
        403,
        TEXT,
        "unknown Host: open the preview at the address keel serve printed",
    )
}

/// `localhost:1111` → `localhost`, `[::1]:1111` → `[::1]`.
fn host_name(host: &str) -> &str {
    match host.rfind(':') {
        Some(i) if !host[i..].contains(']') => &host[..i],
        _ => host,
    }
}

async fn get_and_head_only(request: Request, next: Next) -> Response {
    if request.method() == Method::GET || request.method() == Method::HEAD {
        return next.run(request).await;
    }
    let mut r = reply(405, TEXT, "method not allowed");
    r.headers_mut()
        .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
    r
}

/// The current build errors, as a JSON array of diagnostics (empty while the build is good).
async fn status(State(shared): State<Arc<Shared>>) -> Response {
    let json = serde_json::to_string(&shared.errors()).unwrap_or_else(|_| "[]".into());
    reply(200, JSON, json)
}

/// Server-sent events: `reload` after a good build (`{"paths": [...]}` when it wrote only those
/// output files, `{}` after a full build), `errors` (JSON diagnostics) after a bad one,
/// and a comment every 15 s that keeps the stream open and notices a closed tab.
async fn events(State(shared): State<Arc<Shared>>, uri: Uri) -> impl IntoResponse {
    // The page that listens (`?page=/en/x/`): while it is open, what it shows is kept up to date.
    let page = uri
        .query()
        .unwrap_or("")
        .split('&')
        .find_map(|kv| kv.strip_prefix("page="))
        .and_then(|v| percent_encoding::percent_decode_str(v).decode_utf8().ok())
        .map(|p| output_path(&p));
    let open = page.map(|path| OpenPage::new(Arc::clone(&shared), path));
    let retry = tokio_stream::once(Event::default().retry(Duration::from_millis(500)));
    // A page that fell behind by more than the channel holds skips to the newest builds.
    let builds = BroadcastStream::new(shared.events.subscribe()).filter_map(|e| match e.ok()? {
        BuildEvent::Reload(None) => Some(Event::default().event("reload").data("{}")),
        BuildEvent::Reload(Some(paths)) => {
            let json = serde_json::json!({ "paths": paths }).to_string();
            Some(Event::default().event("reload").data(json))
        }
        BuildEvent::Errors(json) => Some(Event::default().event("errors").data(json)),
    });
    let stream = retry.chain(builds).map(move |e| {
        // The stream owns the open page: it is closed when the stream ends.
        let _ = &open;
        Ok::<_, Infallible>(e)
    });
    let sse: Sse<_> = Sse::new(stream).keep_alive(
        KeepAlive::new()
            .interval(Duration::from_secs(15))
            .text("keep-alive"),
    );
    (
        [(header::CONTENT_TYPE, "text/event-stream; charset=utf-8")],
        sse,
    )
}

/// A page open in a browser, for as long as its event stream lasts.
struct OpenPage {
    shared: Arc<Shared>,
    path: String,
}

impl OpenPage {
    fn new(shared: Arc<Shared>, path: String) -> OpenPage {
        shared.opened(&path, true);
        OpenPage { shared, path }
    }
}

impl Drop for OpenPage {
    fn drop(&mut self) {
        self.shared.opened(&self.path, false);
    }
}

/// The output path a URL path names: `/en/x/` → `en/x/index.html`.
fn output_path(url: &str) -> String {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let mut p = path.trim_start_matches('/').to_string();
    if p.is_empty() || p.ends_with('/') {
        p.push_str("index.html");
    }
    p
}

/// Everything else: a file of the build, its folder's redirect, or the site's 404 page.
async fn site_file(State(shared): State<Arc<Shared>>, uri: Uri) -> Response {
    let path = uri.path().to_string();
    if path.starts_with(PREFIX) {
        return reply(404, TEXT, "not found");
    }
    tokio::task::spawn_blocking(move || respond_to(&path, &shared))
        .await
        .unwrap_or_else(|_| reply(500, TEXT, "internal error"))
}

fn respond_to(url: &str, shared: &Shared) -> Response {
    let (status, file) = match resolve(&shared.out, url) {
        Ok(Target::File(f)) => (200, f),
        Ok(Target::Redirect(to)) => {
            // `to` is decoded: encode it again for the header (and so no header can be split).
            let location = utf8_percent_encode(&to, LOCATION).to_string();
            return (
                StatusCode::MOVED_PERMANENTLY,
                [
                    (header::LOCATION, location),
                    (header::CONTENT_TYPE, TEXT.into()),
                ],
            )
                .into_response();
        }
        Ok(Target::NotFound) => (404, shared.out.join("404.html")),
        Err(code) => return reply(code, TEXT, "bad request"),
    };
    // A print view, bundle or index file that a fast rebuild left for later is made first.
    if let Ok(rel) = file.strip_prefix(&shared.out_real) {
        shared.await_fresh(&rel.to_string_lossy().replace('\\', "/"));
    }
    let Ok(bytes) = fs::read(&file) else {
        return reply(404, TEXT, "not found");
    };
    let ctype = content_type(&file);
    if ctype.starts_with("text/html") {
        let html = inject(&String::from_utf8_lossy(&bytes), &shared.errors());
        return reply(status, &ctype, html);
    }
    reply(status, &ctype, bytes)
}

/// The Content-Type for a file: mime_guess, with `; charset=utf-8` on textual types (all output
/// is UTF-8), and the types a browser should get where mime_guess answers otherwise.
fn content_type(path: &Path) -> String {
    let guess = mime_guess::from_path(path).first_raw();
    let essence = match guess.unwrap_or("application/octet-stream") {
        "text/xml" => "application/xml",
        "application/javascript" => "text/javascript",
        // Shown, not downloaded.
        "text/markdown" | "text/x-markdown" => "text/plain",
        t => t,
    };
    let textual = essence.starts_with("text/")
        || matches!(essence, "application/json" | "application/xml")
        || essence.ends_with("+xml")
        || essence.ends_with("+json");
    if textual {
        format!("{essence}; charset=utf-8")
    } else {
        essence.to_string()
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

/// Where [`resolve`] sends a request path.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// A file inside the output folder (canonical path).
    File(PathBuf),
    /// A folder asked for without its trailing slash: redirect to this (decoded) path.
    Redirect(String),
    /// Nothing there, or something that resolves outside the output folder.
    NotFound,
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
    let esc = escape;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_names_drop_their_port() {
        assert_eq!(host_name("localhost:1111"), "localhost");
        assert_eq!(host_name("[::1]:1111"), "[::1]");
        assert_eq!(host_name("[::1]"), "[::1]");
        assert_eq!(host_name("127.0.0.1"), "127.0.0.1");
    }

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

    #[test]
    fn content_types_name_their_charset() {
        for (file, ctype) in [
            ("a.html", "text/html; charset=utf-8"),
            ("a.css", "text/css; charset=utf-8"),
            ("a.js", "text/javascript; charset=utf-8"),
            ("a.mjs", "text/javascript; charset=utf-8"),
            ("sitemap.xml", "application/xml; charset=utf-8"),
            ("a.json", "application/json; charset=utf-8"),
            ("a.svg", "image/svg+xml; charset=utf-8"),
            ("a.txt", "text/plain; charset=utf-8"),
            ("a.md", "text/plain; charset=utf-8"),
            ("a.csv", "text/csv; charset=utf-8"),
            ("a.webmanifest", "application/manifest+json; charset=utf-8"),
            ("a.png", "image/png"),
            ("a.woff2", "font/woff2"),
            ("a.unknown-thing", "application/octet-stream"),
        ] {
            assert_eq!(content_type(Path::new(file)), ctype, "{file}");
        }
    }
}
