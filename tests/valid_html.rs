//! Every HTML file Keel writes is valid, checked by the Nu HTML Checker (`vnu-jar` from npm, run
//! on Java): the bundled playbook, the migrated runbook set (raw HTML, callouts and nested
//! sections are where invalid markup would come from) and the Arabic and he-IL fixture.
//! Without Java or the checker the test is skipped, except under CI, where that is a failure.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

fn vnu() -> Option<PathBuf> {
    let jar = repo().join("tests/browser/node_modules/vnu-jar/build/dist/vnu.jar");
    let java = Command::new("java")
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success());
    (java && jar.is_file()).then_some(jar)
}

/// The checker's errors for every HTML file under each of `dirs`, one line each.
fn errors(jar: &Path, dirs: &[&Path]) -> Vec<String> {
    let o = Command::new("java")
        .arg("-jar")
        .arg(jar)
        .args(["--errors-only", "--skip-non-html"])
        .args(dirs)
        .output()
        .unwrap();
    String::from_utf8_lossy(&o.stderr)
        .lines()
        .map(str::to_string)
        .filter(|l| !l.trim().is_empty())
        .collect()
}

#[test]
fn the_output_is_valid_html() {
    let Some(jar) = vnu() else {
        assert!(
            std::env::var_os("CI").is_none(),
            "CI is set and Java or vnu-jar is missing; .ci/run installs them"
        );
        eprintln!("skipping: install Java and run `npm ci` in tests/browser");
        return;
    };
    let bundled = tempfile::tempdir().unwrap();
    let (code, _, stderr) = build(&repo(), bundled.path());
    assert_eq!(code, 0, "{stderr}");
    let migrated = fixture("migrated");
    let out = migrated.path().join("public");
    let (code, _, stderr) = build(migrated.path(), &out);
    assert_eq!(code, 0, "{stderr}");
    let arabic = fixture("arabic");
    let arabic_out = arabic.path().join("public");
    let (code, _, stderr) = build(arabic.path(), &arabic_out);
    assert_eq!(code, 0, "{stderr}");
    let found = errors(&jar, &[bundled.path(), &out, &arabic_out]);
    assert!(found.is_empty(), "{}", found.join("\n"));
}
