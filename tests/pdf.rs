//! `keel pdf` prints with an installed Chromium and says clearly when there is none.

mod common;

use common::*;

fn chromium_or_skip() -> bool {
    if std::path::Path::new("/usr/bin/chromium").is_file()
        && std::process::Command::new("pdfinfo")
            .arg("-v")
            .output()
            .is_ok()
    {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI is set but Chromium or poppler-utils is missing; .ci/run installs them"
    );
    eprintln!("skipping: Chromium or poppler-utils is not installed");
    false
}

#[test]
fn pdf_prints_one_runbook_in_one_language() {
    if !chromium_or_skip() {
        return;
    }
    let site = fixture("small");
    let out = site.path().join("pdf");
    let pdf = |args: &[&str]| {
        let o = keel()
            .arg("pdf")
            .args(args)
            .arg("--root")
            .arg(site.path())
            .arg("--out")
            .arg(&out)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    };
    let paper = |file: &str| {
        let info = std::process::Command::new("pdfinfo")
            .arg(out.join(file))
            .output()
            .unwrap();
        String::from_utf8_lossy(&info.stdout).into_owned()
    };
    pdf(&["--lang", "en", "--runbook", "drill", "--paper", "letter"]);
    assert!(paper("en/ops-drill.pdf").contains("(letter)"));
    assert!(paper("en/ops-drill-facilitator.pdf").contains("(letter)"));
    assert!(!out.join("he").exists(), "only the language asked for");
    pdf(&["--lang", "he", "--runbook", "ops/daily"]);
    assert!(paper("he/ops-daily.pdf").contains("(A4)"));
}

#[test]
fn pdf_without_chromium_says_how_to_get_one() {
    let site = fixture("small");
    let o = keel()
        .args(["pdf", "--chromium", "/nonexistent/chromium", "--root"])
        .arg(site.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("error[no-chromium]")
            && err.contains("apt-get install chromium")
            && err.contains("never downloads"),
        "{err}"
    );
}
