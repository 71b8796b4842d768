//! `keel serve` against a temp copy of the fixture site: pages, live rebuilds, the error overlay,
//! recovery, correct HTTP and no way out of the output folder. Also `keel new`.

mod common;

use std::io::{BufRead, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

struct Served {
    child: Child,
    port: u16,
    _site: tempfile::TempDir,
    root: std::path::PathBuf,
    /// What the server printed so far.
    said: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start() -> Served {
    let site = fixture("small");
    let root = site.path().to_path_buf();
    // Port 0: the server takes a free port and says which, so parallel tests never share one.
    let mut child = Command::new(env!("CARGO_BIN_EXE_keel"))
        .args(["serve", "--port", "0", "--root"])
        .arg(&root)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let mut before = Vec::new();
    let port: u16 = loop {
        let line = lines
            .next()
            .expect("the server says where it listens")
            .unwrap();
        if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            break digits.parse().unwrap();
        }
        before.push(line);
    };
    // Keep reading what it prints, so a full pipe never blocks it.
    let said = std::sync::Arc::new(std::sync::Mutex::new(before));
    {
        let said = std::sync::Arc::clone(&said);
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                said.lock().unwrap().push(line);
            }
        });
    }
    let served = Served {
        child,
        port,
        _site: site,
        root,
        said,
    };
    wait_for(&served, "/en/", |status, _| status == 200);
    served
}

/// A raw HTTP/1.1 request, so paths reach the server exactly as written.
fn request(s: &Served, method: &str, path: &str) -> (u16, String, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", s.port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (status, head.to_lowercase(), body.to_string())
}

fn get(s: &Served, path: &str) -> (u16, String) {
    let (status, _, body) = request(s, "GET", path);
    (status, body)
}

fn wait_for(s: &Served, path: &str, ok: impl Fn(u16, &str) -> bool) -> String {
    let start = Instant::now();
    loop {
        if let Ok(mut stream) = TcpStream::connect(("127.0.0.1", s.port)) {
            drop(stream.flush());
            let (status, body) = get(s, path);
            if ok(status, &body) {
                return body;
            }
        }
        assert!(
            start.elapsed() < Duration::from_secs(8),
            "timed out waiting for {path}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn edit(s: &Served, file: &str, from: &str, to: &str) {
    let path = s.root.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from} not in {file}");
    std::fs::write(path, text.replace(from, to)).unwrap();
}

#[test]
fn edits_show_up_errors_overlay_and_recovery() {
    let s = start();
    let (status, body) = get(&s, "/en/ops/outage/");
    assert_eq!(status, 200);
    assert!(
        body.contains("/__keel/livereload.js"),
        "serve injects the reload script"
    );
    edit(
        &s,
        "content/en/ops/outage.md",
        "Intro with",
        "Freshly edited intro with",
    );
    wait_for(&s, "/en/ops/outage/", |_, b| {
        b.contains("Freshly edited intro")
    });

    edit(
        &s,
        "content/en/ops/daily.yaml",
        "        role: log",
        "      role: [log",
    );
    let broken = wait_for(&s, "/en/ops/daily/", |_, b| b.contains("keel-overlay"));
    assert!(
        broken.contains("content/en/ops/daily.yaml:16:7"),
        "the overlay names file, line and column"
    );
    assert!(broken.contains("yaml-syntax"));
    assert!(
        broken.contains("Check <strong>orders</strong>"),
        "the last good page still serves"
    );
    let (_, status_json) = get(&s, "/__keel/status");
    assert!(status_json.contains("\"line\":16"), "{status_json}");

    edit(
        &s,
        "content/en/ops/daily.yaml",
        "      role: [log",
        "        role: log",
    );
    wait_for(&s, "/en/ops/daily/", |_, b| !b.contains("keel-overlay"));
    // A title change is shown by other pages too: the section page lists it.
    edit(
        &s,
        "content/en/ops/outage.md",
        "title: Outage",
        "title: Site outage",
    );
    wait_for(&s, "/en/ops/", |_, b| b.contains("Site outage"));
}

#[test]
fn http_is_correct_and_stays_inside_the_output() {
    let s = start();
    for (path, ctype) in [
        ("/en/", "text/html; charset=utf-8"),
        ("/keel.css", "text/css; charset=utf-8"),
        ("/keel.js", "text/javascript; charset=utf-8"),
        ("/sitemap.xml", "application/xml; charset=utf-8"),
    ] {
        let (status, head, _) = request(&s, "GET", path);
        assert_eq!(status, 200, "{path}");
        assert!(
            head.contains(&format!("content-type: {ctype}")),
            "{path}: {head}"
        );
        assert!(head.contains("cache-control: no-store"), "{path}");
    }
    let (status, head, body) = request(&s, "HEAD", "/en/");
    assert_eq!(status, 200);
    assert!(head.contains("content-type: text/html"));
    assert!(body.is_empty(), "HEAD has no body");
    let (status, head, _) = request(&s, "GET", "/en");
    assert_eq!(status, 301);
    assert!(head.contains("location: /en/"));
    let (status, body) = get(&s, "/no/such/page/");
    assert_eq!(status, 404);
    assert!(body.contains("Page not found"), "the site's 404 page");
    for bad in [
        "/../Cargo.toml",
        "/../keel.yaml",
        "/%2e%2e/keel.yaml",
        "/%2E%2E%2Fkeel.yaml",
        "/en/..%2f..%2fkeel.yaml",
        "/..%5ckeel.yaml",
        "/%c0%ae%c0%ae/keel.yaml",
    ] {
        let (status, body) = get(&s, bad);
        assert!(status == 400 || status == 404, "{bad}: {status}");
        assert!(!body.contains("default_language"), "{bad} leaked keel.yaml");
    }
    let (status, _, _) = request(&s, "POST", "/en/");
    assert_eq!(status, 405);
}

#[test]
fn a_page_being_rebuilt_is_never_served_half_written() {
    let s = start();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let port = s.port;
    let reader = {
        let stop = std::sync::Arc::clone(&stop);
        std::thread::spawn(move || {
            let mut bad = Vec::new();
            let mut seen = 0;
            while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else {
                    continue;
                };
                let _ = write!(
                    stream,
                    "GET /en/ops/outage/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                );
                let mut raw = String::new();
                let _ = stream.read_to_string(&mut raw);
                seen += 1;
                if raw.starts_with("HTTP/1.1 200") && !raw.trim_end().ends_with("</html>") {
                    bad.push(raw.len());
                }
            }
            (seen, bad)
        })
    };
    let path = s.root.join("content/en/ops/outage.md");
    let text = std::fs::read_to_string(&path).unwrap();
    for i in 0..12 {
        let body = format!(
            "{text}\n\nRewrite {i} {}\n",
            "padding ".repeat(2000 * (i % 3))
        );
        std::fs::write(&path, body).unwrap();
        std::thread::sleep(Duration::from_millis(150));
    }
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    let (seen, bad) = reader.join().unwrap();
    assert!(seen > 20, "the reader kept reading ({seen})");
    assert!(bad.is_empty(), "short pages served: {bad:?}");
}

#[test]
fn a_recreated_content_folder_is_watched_again() {
    let s = start();
    let content = s.root.join("content");
    let saved = s.root.join("saved");
    common::copy_dir(&content, &saved);
    // What `git checkout` of another branch does to a folder.
    std::fs::remove_dir_all(&content).unwrap();
    wait_for(&s, "/en/ops/outage/", |_, b| b.contains("keel-overlay"));
    common::copy_dir(&saved, &content);
    wait_for(&s, "/en/ops/outage/", |_, b| !b.contains("keel-overlay"));
    edit(
        &s,
        "content/en/ops/outage.md",
        "Intro with",
        "Watched again, intro with",
    );
    wait_for(&s, "/en/ops/outage/", |_, b| b.contains("Watched again"));
}

/// Every file a fresh `keel build` of the site makes, as the preview serves it now (pages with
/// the live-reload script added): the preview must hold exactly what a full build would.
fn assert_serves_a_full_build(s: &Served) {
    let out = tempfile::tempdir().unwrap();
    let (code, _, err) = common::build(&s.root, out.path());
    assert_eq!(code, 0, "{err}");
    let built = common::snapshot(out.path());
    for (path, bytes) in &built {
        if path == keel::output::MARKER {
            continue;
        }
        let url: String = path
            .bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
                    (b as char).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect();
        let (status, served) = get(s, &format!("/{url}"));
        assert_eq!(status, 200, "{path}");
        let text = String::from_utf8_lossy(bytes);
        let want = if path.ends_with(".html") {
            keel::serve::inject(&text, &[])
        } else {
            text.into_owned()
        };
        assert!(served == want, "{path} differs from a full build");
    }
}

#[test]
fn after_each_kind_of_edit_the_preview_serves_what_a_full_build_makes() {
    let s = start();
    // Text only: the fast path (the page first; print views and search indexes when asked).
    edit(
        &s,
        "content/en/ops/outage.md",
        "Intro with",
        "Quickly edited intro with",
    );
    wait_for(&s, "/en/ops/outage/", |_, b| {
        b.contains("Quickly edited intro")
    });
    assert_serves_a_full_build(&s);
    // A page the other languages show as a fallback copy.
    edit(
        &s,
        "content/en/ops/drill.yaml",
        "The payment provider fails.",
        "The card processor fails.",
    );
    wait_for(&s, "/pl/ops/drill/", |_, b| {
        b.contains("The card processor")
    });
    assert_serves_a_full_build(&s);
    // One more checklist item: the section page shows how many there are.
    edit(
        &s,
        "content/en/ops/drill.yaml",
        "        kind: decision\n",
        "        kind: decision\n      - id: inform\n        text: Inform the team\n        due: T+20m\n",
    );
    wait_for(&s, "/en/ops/drill/", |_, b| b.contains("Inform the team"));
    assert_serves_a_full_build(&s);
}

/// Wait for the server to print a line that starts with `start`; the line.
fn wait_said(s: &Served, start: &str) -> String {
    let t = Instant::now();
    loop {
        let found = s
            .said
            .lock()
            .unwrap()
            .iter()
            .rev()
            .find(|l| l.starts_with(start))
            .cloned();
        if let Some(line) = found {
            s.said.lock().unwrap().clear();
            return line;
        }
        assert!(
            t.elapsed() < Duration::from_secs(8),
            "the server never said {start}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The number after `word` in `line` ("Rebuilt 12 pages" → 12 after "Rebuilt").
fn number_after(line: &str, word: &str) -> usize {
    line.split_whitespace()
        .skip_while(|w| *w != word)
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no number after {word} in {line}"))
}

#[test]
fn a_template_change_renders_again_only_what_uses_it() {
    let s = start();
    let total = number_after(&wait_said(&s, "Built "), "Built");
    // A print template: no web page is rendered again; the print views are.
    edit(
        &s,
        "themes/default/templates/print.html",
        "</body>",
        "<p>Printed by the preview test</p></body>",
    );
    let line = wait_said(&s, "Rebuilt ");
    assert_eq!(number_after(&line, "Rebuilt"), 0, "{line}");
    wait_for(&s, "/en/ops/outage/print/", |_, b| {
        b.contains("Printed by the preview test")
    });
    assert_serves_a_full_build(&s);
    // The page template: only the pages rendered with it (not home or section pages), and no
    // print view.
    edit(
        &s,
        "themes/default/templates/page.html",
        "{% include \"partials/meta.html\" %}",
        "{% include \"partials/meta.html\" %}<p>Shown by the preview test</p>",
    );
    let line = wait_said(&s, "Rebuilt ");
    let pages = number_after(&line, "Rebuilt");
    assert!(pages > 0 && pages < total, "{line} of {total}");
    wait_for(&s, "/en/ops/outage/", |_, b| {
        b.contains("Shown by the preview test")
    });
    assert_serves_a_full_build(&s);
    // A static file: copied, nothing rendered (the service workers' cache version follows).
    let css = s.root.join("themes/default/static/keel.css");
    let text = std::fs::read_to_string(&css).unwrap();
    std::fs::write(
        &css,
        format!("{text}\n/* restyled by the preview test */\n"),
    )
    .unwrap();
    let line = wait_said(&s, "Rebuilt ");
    assert_eq!(number_after(&line, "Rebuilt"), 0, "{line}");
    wait_for(&s, "/keel.css", |_, b| {
        b.contains("restyled by the preview test")
    });
    assert_serves_a_full_build(&s);
}

#[test]
fn while_the_site_is_broken_nothing_new_is_served_and_the_fix_serves_it_all() {
    let s = start();
    let served = |path: &str| get(&s, path).1;
    // A file that does not parse, then an edit of another page: the build is still broken,
    // so the last good build keeps serving.
    edit(
        &s,
        "content/en/ops/daily.yaml",
        "        role: log",
        "      role: [log",
    );
    wait_for(&s, "/en/ops/daily/", |_, b| b.contains("keel-overlay"));
    edit(
        &s,
        "content/en/ops/outage.md",
        "Intro with",
        "Meanwhile, intro with",
    );
    std::thread::sleep(Duration::from_millis(400));
    let page = served("/en/ops/outage/");
    assert!(page.contains("keel-overlay"), "still broken");
    assert!(!page.contains("Meanwhile"), "the last good build serves");
    // A broken link on a page that parses.
    edit(
        &s,
        "content/en/ops/outage.md",
        "raw HTML.",
        "raw HTML, [see](@/ops/nowhere.md).",
    );
    std::thread::sleep(Duration::from_millis(400));
    assert!(served("/en/ops/outage/").contains("keel-overlay"));
    // Fixed one at a time: the overlay goes only with the last error, and then everything
    // changed meanwhile is served.
    edit(
        &s,
        "content/en/ops/daily.yaml",
        "      role: [log",
        "        role: log",
    );
    let status = wait_for(&s, "/__keel/status", |_, b| !b.contains("yaml-syntax"));
    assert!(status.contains("ops/nowhere"), "{status}");
    edit(
        &s,
        "content/en/ops/outage.md",
        ", [see](@/ops/nowhere.md).",
        ".",
    );
    wait_for(&s, "/en/ops/outage/", |_, b| {
        b.contains("Meanwhile, intro") && !b.contains("keel-overlay")
    });
    let line = wait_said(&s, "Rebuilt ");
    assert!(
        line.starts_with("Rebuilt "),
        "the fix is a fast rebuild: {line}"
    );
    assert_serves_a_full_build(&s);
}

#[test]
fn an_open_print_view_is_kept_up_to_date() {
    let s = start();
    // The event stream of a print view open in a browser.
    let mut stream = TcpStream::connect(("127.0.0.1", s.port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(8)))
        .unwrap();
    write!(
        stream,
        "GET /__keel/events?page=%2Fen%2Fops%2Foutage%2Fprint%2F HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    )
    .unwrap();
    let mut lines = std::io::BufReader::new(stream).lines();
    // The stream is open once its first event (the retry time) has come.
    while !lines.next().unwrap().unwrap().starts_with("retry:") {}
    edit(
        &s,
        "content/en/ops/outage.md",
        "Post a banner",
        "Post a status banner",
    );
    let start = Instant::now();
    loop {
        let line = lines.next().expect("events until the print view").unwrap();
        if line.starts_with("data:") && line.contains("en/ops/outage/print/index.html") {
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(8), "no reload");
    }
    let (_, body) = get(&s, "/en/ops/outage/print/");
    assert!(body.contains("Post a status banner"));
}

#[test]
fn a_bind_address_that_is_no_address_says_so() {
    let o = common::keel()
        .args(["serve", "--bind", "badname", "--root"])
        .arg(fixture("small").path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr.contains("not an IP address"), "{stderr}");
    assert!(!stderr.contains("port in use"), "{stderr}");
}

#[test]
fn only_its_own_host_names_are_answered() {
    let s = start();
    for host in ["127.0.0.1", "localhost:1", "LOCALHOST", "[::1]"] {
        assert_eq!(request_host(&s, host).0, 200, "{host}");
    }
    for host in [
        "evil.example",
        "evil.example:1111",
        "127.0.0.1.evil.example",
    ] {
        let (status, body) = request_host(&s, host);
        assert_eq!(status, 403, "{host}");
        assert!(!body.contains("\"code\""), "no diagnostics for {host}");
    }
}

/// GET /__keel/status with a given Host header.
fn request_host(s: &Served, host: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", s.port)).unwrap();
    write!(
        stream,
        "GET /__keel/status HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = String::new();
    let _ = stream.read_to_string(&mut raw);
    let status = raw
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (status, raw)
}

#[test]
fn new_creates_the_page_in_one_language() {
    let site = fixture("small");
    let ops_index = |lang: &str| {
        std::fs::read_to_string(site.path().join(format!("content/{lang}/ops/_index.md"))).ok()
    };
    let indexes_before: Vec<_> = ["en", "he", "pl"].map(ops_index).into();
    keel()
        .args(["new", "ops", "flood", "--root"])
        .arg(site.path())
        .assert()
        .success();
    let text = std::fs::read_to_string(site.path().join("content/en/ops/flood.md")).unwrap();
    assert!(text.starts_with("---\ntitle: Flood\n"), "{text}");
    assert!(text.contains("reviewed: 20"));
    // The other languages show it from English; no file of theirs is written or changed.
    for lang in ["he", "pl"] {
        assert!(
            !site
                .path()
                .join(format!("content/{lang}/ops/flood.md"))
                .exists()
        );
    }
    assert_eq!(indexes_before, ["en", "he", "pl"].map(ops_index));
    let (code, _, stderr) = build(site.path(), &site.path().join("out"));
    assert_eq!(code, 0, "{stderr}");
    assert!(site.path().join("out/he/ops/flood/index.html").is_file());
    keel()
        .args(["new", "ops", "flood", "--root"])
        .arg(site.path())
        .assert()
        .failure();
    keel()
        .args(["new", "ops", "Bad Name", "--root"])
        .arg(site.path())
        .assert()
        .failure();
    keel()
        .args(["new", "drills", "fire", "--checklist", "--root"])
        .arg(site.path())
        .assert()
        .success();
    // A new section gets its index in the page's language only.
    assert!(site.path().join("content/en/drills/_index.md").is_file());
    assert!(!site.path().join("content/pl/drills").exists());
    let (code, _, stderr) = build(site.path(), &site.path().join("out"));
    assert_eq!(code, 0, "{stderr}");
}
