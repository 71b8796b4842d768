//! Runs the browser tests in `tests/browser/` (Node's test runner driving Debian's Chromium through
//! playwright-core). Without Chromium they are skipped, except under CI, where that is a failure.

use std::path::{Path, PathBuf};
use std::process::Command;

fn chromium() -> Option<PathBuf> {
    let candidates = [
        std::env::var("KEEL_CHROMIUM").ok(),
        Some("/usr/bin/chromium".into()),
    ];
    candidates
        .into_iter()
        .flatten()
        .map(PathBuf::from)
        .find(|p| p.is_file())
}

fn require(what: &str) {
    if std::env::var_os("CI").is_some() {
        panic!("CI is set and {what}; .ci/run installs it");
    }
    eprintln!(
        "skipping browser tests: {what} (install Debian's chromium and run `npm ci` in tests/browser)"
    );
}

#[test]
fn browser_tests() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = repo.join("tests/browser");
    let Some(chromium) = chromium() else {
        return require("Chromium is not installed");
    };
    if !dir.join("node_modules/playwright-core").is_dir() {
        let ok = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&dir)
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            return require("playwright-core could not be installed");
        }
    }
    let output = repo.join("target/test-output");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(".test.mjs"))
        .collect();
    files.sort();
    let out = Command::new("node")
        .args(["--test", "--test-reporter=spec", "--test-concurrency=1"])
        .args(&files)
        .env("KEEL_BIN", env!("CARGO_BIN_EXE_keel"))
        .env("KEEL_REPO", repo)
        .env("KEEL_CHROMIUM", &chromium)
        .env("KEEL_TEST_OUTPUT", &output)
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    println!("{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        out.status.success(),
        "browser tests failed (screenshots and logs in {})",
        output.display()
    );
}
