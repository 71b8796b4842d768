//! Hostile and careless input, one case per way a build could hurt its user: output folders that
//! hold someone's files, an `output_dir` that leaves the site, leftovers of killed builds, and
//! pages sized to show super-linear work (they would not finish if it were quadratic).

mod common;

use std::fs;

use common::*;

/// `keel check --root ROOT` with a deadline (a hang fails the test): exit code and stderr.
fn check(root: &std::path::Path) -> (Option<i32>, String) {
    let o = keel()
        .args(["check", "--root"])
        .arg(root)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

#[test]
fn a_folder_keel_did_not_write_is_never_replaced() {
    let site = fixture("small");
    let mine = site.path().join("mine");
    fs::create_dir(&mine).unwrap();
    fs::write(mine.join("keep.txt"), "hi").unwrap();
    let (code, _, stderr) = build(site.path(), &mine);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("error[unsafe-output]"), "{stderr}");
    assert!(
        stderr.contains("--force"),
        "the hint names the way out: {stderr}"
    );
    assert_eq!(fs::read_to_string(mine.join("keep.txt")).unwrap(), "hi");
    assert_eq!(
        fs::read_dir(site.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .contains("keel-new")
            })
            .count(),
        0,
        "no staging folder is left behind"
    );

    // With --force it is replaced, and from then on it is Keel's.
    let o = keel()
        .args(["build", "--force", "--root"])
        .arg(site.path())
        .arg("--output")
        .arg(&mine)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(!mine.join("keep.txt").exists());
    assert!(mine.join(".keel-output").is_file());
    let (code, _, stderr) = build(site.path(), &mine);
    assert_eq!(
        code, 0,
        "a folder Keel wrote is replaced without --force: {stderr}"
    );
}

#[test]
fn an_empty_folder_or_a_new_one_is_fine() {
    let site = fixture("small");
    let empty = site.path().join("empty");
    fs::create_dir(&empty).unwrap();
    assert_eq!(build(site.path(), &empty).0, 0);
    assert_eq!(build(site.path(), &site.path().join("new/deeper")).0, 0);
}

#[test]
fn output_dir_in_keel_yaml_stays_inside_the_site() {
    let parent = tempfile::tempdir().unwrap();
    let site = parent.path().join("site");
    copy_dir(fixture("small").path(), &site);
    let sibling = parent.path().join("sibling");
    fs::create_dir(&sibling).unwrap();
    fs::write(sibling.join("keep.txt"), "hi").unwrap();
    for dir in ["../sibling", "/tmp/keel-hostile-abs"] {
        let config = fs::read_to_string(site.join("keel.yaml")).unwrap();
        let config: String = config
            .lines()
            .filter(|l| !l.starts_with("output_dir"))
            .map(|l| format!("{l}\n"))
            .collect();
        fs::write(
            site.join("keel.yaml"),
            format!("{config}output_dir: {dir}\n"),
        )
        .unwrap();
        let o = keel()
            .args(["build", "--root"])
            .arg(&site)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{dir}: {stderr}");
        let line = config.lines().count() + 1;
        assert!(
            stderr.contains(&format!("keel.yaml:{line}:1: error[unsafe-output]")),
            "{dir}: {stderr}"
        );
        assert!(!std::path::Path::new("/tmp/keel-hostile-abs").exists());
    }
    assert_eq!(fs::read_to_string(sibling.join("keep.txt")).unwrap(), "hi");
    // The same folder given on the command line is the user's own choice.
    let o = keel()
        .args(["build", "--root"])
        .arg(&site)
        .arg("--output")
        .arg(parent.path().join("public"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn staging_folders_of_killed_builds_are_cleaned_up() {
    let site = fixture("small");
    let out = site.path().join("out");
    // A pid far above any pid_max: no such process.
    let dead = site.path().join(".out.keel-new-4294967290");
    let dead_old = site.path().join(".out.keel-old-4294967291");
    let other = site.path().join(".other.keel-new-4294967290");
    for d in [&dead, &dead_old, &other] {
        fs::create_dir_all(d.join("en")).unwrap();
        fs::write(d.join("en/index.html"), "half").unwrap();
    }
    assert_eq!(build(site.path(), &out).0, 0);
    assert!(!dead.exists() && !dead_old.exists());
    assert!(
        other.exists(),
        "only the leftovers of this output folder are touched"
    );
}

#[test]
fn fifty_thousand_equal_items_and_headings_take_linear_time() {
    let site = fixture("small");
    let mut page = String::from("---\ntitle: Many\nsummary: Repeats.\n---\n");
    for _ in 0..50_000 {
        page.push_str("## Same\n\n");
    }
    page.push_str("## List\n\n");
    // As many items as a page may hold: past that they are refused (see below).
    for _ in 0..keel::markdown::MAX_CHECKLIST_ITEMS {
        page.push_str("- [ ] Same step\n");
    }
    fs::write(site.path().join("content/en/ops/many.md"), page).unwrap();
    let (code, stderr) = check(site.path());
    assert_eq!(code, Some(0), "only warnings: {stderr}");
    assert!(
        stderr.contains("long-checklist"),
        "{}",
        &stderr[stderr.len().saturating_sub(500)..]
    );
    assert!(
        !stderr.contains("duplicate-id"),
        "generated ids never clash"
    );
}

#[test]
fn a_page_of_fifty_thousand_check_boxes_is_refused_at_the_first_one_too_many() {
    let site = fixture("small");
    let mut page = String::from("---\ntitle: Many\nsummary: Boxes.\n---\n");
    for _ in 0..50_000 {
        page.push_str("- [ ] Same step\n");
    }
    fs::write(site.path().join("content/en/ops/boxes.md"), page).unwrap();
    let (code, stderr) = check(site.path());
    assert_eq!(code, Some(1), "{stderr}");
    let line = 4 + keel::markdown::MAX_CHECKLIST_ITEMS + 1;
    assert!(
        stderr.contains(&format!(
            "content/en/ops/boxes.md:{line}:1: error[too-many-items]"
        )),
        "{stderr}"
    );
    assert_eq!(stderr.matches("too-many-items").count(), 1, "said once");
}

#[test]
fn text_in_many_pieces_and_thousands_of_checklists_take_linear_time() {
    // A line of backslash escapes is one parser event per character, and every task list leaves
    // a marker in the page: joining the pieces or the checklists by copying was quadratic (a
    // minute for this page).
    let site = fixture("small");
    let mut page = String::from("---\ntitle: Pieces\nsummary: Escapes.\n---\n");
    page.push_str(&"a\\*".repeat(400_000));
    page.push_str("\n\n");
    for _ in 0..keel::markdown::MAX_CHECKLIST_ITEMS {
        page.push_str("- [ ] Step\n\nBetween the lists.\n\n");
    }
    fs::write(site.path().join("content/en/ops/pieces.md"), &page).unwrap();
    let out = site.path().join("public");
    let (code, _, stderr) = build(site.path(), &out);
    assert_eq!(code, 0, "{stderr}");
    let html = fs::read_to_string(out.join("en/ops/pieces/index.html")).unwrap();
    assert_eq!(html.matches("a*").count(), 400_000);
    assert_eq!(
        html.matches("class=\"checklist\"").count(),
        keel::markdown::MAX_CHECKLIST_ITEMS
    );
    assert!(!html.contains("keel:checklist"), "every marker is replaced");
}

/// Peak resident memory of a build, in MiB, as `KEEL_TIMINGS` reports it (Linux only).
#[cfg(target_os = "linux")]
fn peak_mib(root: &std::path::Path) -> u64 {
    let o = keel()
        .env("KEEL_TIMINGS", "1")
        .args(["build", "--root"])
        .arg(root)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{stderr}");
    stderr
        .lines()
        .filter_map(|l| l.split("peak ").nth(1)?.split(' ').next()?.parse().ok())
        .max()
        .expect("KEEL_TIMINGS reports the peak")
}

#[cfg(target_os = "linux")]
#[test]
fn a_long_table_costs_memory_in_proportion_to_its_size() {
    // The body used to be held as a list of events three times over (2.8 GB for a 3.8 MB
    // table); now events stream from the parser to the HTML writer and only the parser's own
    // tree is held. The page is rendered twice (its fallback copy in the other language).
    let site = fixture("small");
    let mut page = String::from("---\ntitle: Stock\nsummary: Every SKU.\n---\n|a|b|\n|-|-|\n");
    page.push_str(&"|1|2|\n".repeat(300_000));
    let mib = page.len() as f64 / (1 << 20) as f64;
    fs::write(site.path().join("content/en/ops/stock.md"), &page).unwrap();
    // Three copies (en and the fallbacks in pl and he), each about 65× its size in the
    // parser's tree; the old way took over 700× per copy.
    let peak = peak_mib(site.path()) as f64;
    assert!(
        peak < 250.0 * mib + 64.0,
        "a {mib:.1} MiB table peaked at {peak} MiB"
    );
}

#[cfg(unix)]
#[test]
fn pipes_and_links_out_of_the_site_are_never_read() {
    let site = fixture("small");
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("secret.md");
    fs::write(&secret, "---\ntitle: SECRET-LINE\n---\nSECRET-BODY\n").unwrap();
    let ops = site.path().join("content/en/ops");
    std::os::unix::fs::symlink(&secret, ops.join("leak.md")).unwrap();
    std::os::unix::fs::symlink(outside.path().join("gone.md"), ops.join("dangling.md")).unwrap();
    std::os::unix::fs::symlink(ops.join("outage.md"), ops.join("inside.md")).unwrap();
    let fifo = ops.join("pipe.md");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let o = keel()
        .args(["check", "--format", "json", "--root"])
        .arg(site.path())
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(1), "{out}");
    let has = |code: &str, file: &str| {
        out.lines()
            .any(|l| l.contains(&format!("\"code\":\"{code}\"")) && l.contains(file))
    };
    assert!(has("symlink-outside", "content/en/ops/leak.md"), "{out}");
    assert!(has("broken-symlink", "content/en/ops/dangling.md"), "{out}");
    assert!(has("not-a-file", "content/en/ops/pipe.md"), "{out}");
    assert!(
        !out.contains("SECRET"),
        "nothing of the outside file is shown: {out}"
    );
    assert!(
        !has("symlink-outside", "inside.md") && !has("broken-symlink", "inside.md"),
        "a link to a file inside the site is read as a page: {out}"
    );
}

#[test]
fn interface_strings_cannot_break_out_of_their_script() {
    let site = fixture("small");
    let ftl = site.path().join("i18n/en.ftl");
    let text = fs::read_to_string(&ftl).unwrap();
    let (key, _) = text
        .lines()
        .find(|l| l.starts_with("js-"))
        .and_then(|l| l.split_once('='))
        .unwrap();
    let text: String = text
        .lines()
        .map(|l| {
            if l.starts_with(&format!("{key}=")) {
                format!("{key}= <!--<script>alert(1)</script>\n")
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    fs::write(&ftl, text).unwrap();
    let out = site.path().join("out");
    let (code, _, stderr) = build(site.path(), &out);
    assert_eq!(code, 0, "{stderr}");
    let html = fs::read_to_string(out.join("en/ops/outage/index.html")).unwrap();
    assert!(!html.contains("<!--<script>"), "the string is escaped");
    let doc = parse(&out.join("en/ops/outage/index.html"));
    assert!(
        doc.select(&sel("body main")).next().is_some(),
        "the page body survives"
    );
}

#[test]
fn yaml_aliases_are_refused_before_they_expand() {
    let site = fixture("small");
    // A 1 MB value copied by 6,000 aliases would take 6 GB to load.
    let mut page = format!(
        "title: Bomb\nkind: runbook\nsummary: &s \"{}\"\nevaluation:\n",
        "x".repeat(1 << 20)
    );
    for _ in 0..6_000 {
        page.push_str("  - *s\n");
    }
    fs::write(site.path().join("content/en/ops/bomb.yaml"), page).unwrap();
    let (code, stderr) = check(site.path());
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains("content/en/ops/bomb.yaml:5:5: error[yaml-alias]"),
        "{}",
        &stderr[..stderr.len().min(2000)]
    );
}

#[test]
fn bidi_controls_are_reported_and_left_out() {
    let site = fixture("small");
    fs::write(
        site.path().join("content/en/ops/invoice.md"),
        "---\ntitle: \"Invoice \u{202E}fdp.exe\"\nsummary: x\n---\nPay \u{2067}now\u{2069} please.\n",
    )
    .unwrap();
    let out = site.path().join("out");
    let (code, _, stderr) = build(site.path(), &out);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("content/en/ops/invoice.md:2:17: warning[bidi-control]"),
        "{stderr}"
    );
    // Keel isolates values in right-to-left interface strings itself (LRI/FSI … PDI, always
    // balanced); the content's own controls never reach the output.
    for file in html_files(&out) {
        let html = fs::read_to_string(&file).unwrap();
        assert!(
            !html
                .chars()
                .any(|c| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2067}')),
            "{} carries a bidi control",
            file.display()
        );
        let opened = html.matches(['\u{2066}', '\u{2068}']).count();
        let closed = html.matches('\u{2069}').count();
        assert_eq!(opened, closed, "{}: unbalanced isolates", file.display());
    }
    let page = fs::read_to_string(out.join("en/ops/invoice/index.html")).unwrap();
    assert!(
        page.contains("Invoice fdp.exe"),
        "the title is kept without the control"
    );
}

#[test]
fn a_table_thousands_of_columns_wide_is_refused_not_padded() {
    let site = fixture("small");
    let mut page = String::from("---\ntitle: Wide\nsummary: x\n---\nText.\n\n");
    page.push_str(&"|h".repeat(2_000));
    page.push_str("|\n");
    page.push_str(&"|-".repeat(2_000));
    page.push_str("|\n");
    for _ in 0..20_000 {
        page.push_str("|x\n");
    }
    fs::write(site.path().join("content/en/ops/wide.md"), page).unwrap();
    let (code, stderr) = check(site.path());
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains("content/en/ops/wide.md:7:1: error[table-too-wide]"),
        "{stderr}"
    );
}

#[test]
fn small_gaps_give_clear_answers() {
    let site = fixture("small");
    let ops = site.path().join("content/en/ops");
    // A byte-order mark before the front matter is not an error.
    let outage = fs::read_to_string(ops.join("outage.md")).unwrap();
    fs::write(ops.join("outage.md"), format!("\u{feff}{outage}")).unwrap();
    // A heading id that could break out of its attribute, and a slug that is only too long.
    fs::write(
        ops.join("ids.md"),
        "---\ntitle: Ids\nsummary: x\n---\n## Bad {#x\"y}\n",
    )
    .unwrap();
    let long = "a".repeat(70);
    fs::write(
        ops.join(format!("{long}.md")),
        "---\ntitle: Long\nsummary: x\n---\n",
    )
    .unwrap();
    // A file name with an escape sequence must not reach the terminal raw.
    fs::write(ops.join("evil\u{1b}[31m.md"), "x").unwrap();
    let (code, stderr) = check(site.path());
    assert_eq!(code, Some(1));
    // Read as front matter, not as a page without one (which would have no title).
    assert!(!stderr.contains("outage.md: error"), "{stderr}");
    assert!(!stderr.contains("outage.md:1:1: error"), "{stderr}");
    assert!(
        stderr.contains("content/en/ops/ids.md:5:1: error[bad-id]"),
        "{stderr}"
    );
    assert!(stderr.contains("longer than 64 characters"), "{stderr}");
    assert!(!stderr.contains('\u{1b}'), "{stderr}");
    assert!(stderr.contains("evil\\u{1b}[31m.md"), "{stderr}");

    // Usage mistakes exit 2; PDFs never go into content/.
    let site = fixture("small");
    let o = keel()
        .args(["new", "ops", "Bad Name", "--root"])
        .arg(site.path())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let o = keel()
        .args(["pdf", "--chromium", "/bin/true", "--root"])
        .arg(site.path())
        .arg("--out")
        .arg(site.path().join("content/en"))
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("unsafe-output"));
    assert!(!site.path().join("content/en/en").exists());
}

#[test]
fn huge_settings_strings_and_templates_are_refused_unread() {
    // Sparse files: a gigabyte on paper, nothing on disk; refused from their size alone.
    let huge = |path: &std::path::Path| {
        let f = fs::OpenOptions::new().append(true).open(path).unwrap();
        f.set_len(1 << 30).unwrap();
    };
    for file in [
        "keel.yaml",
        "i18n/en.ftl",
        "themes/default/templates/page.html",
    ] {
        let site = fixture("small");
        huge(&site.path().join(file));
        let (code, stderr) = check(site.path());
        assert_eq!(code, Some(1), "{file}: {stderr}");
        assert!(stderr.contains("larger than 4 MB"), "{file}: {stderr}");
    }
}

#[test]
fn raw_html_floods_and_deep_nesting_are_summed_up_and_refused() {
    let site = fixture("small");
    let ops = site.path().join("content/en/ops");
    // A hundred thousand handlers on one line: twenty warnings and a count, not a hundred
    // thousand, each printing a 2.5 MB line (that took a quarter of an hour).
    let wide = "<span onclick=x>a</span> ".repeat(100_000);
    fs::write(
        ops.join("wide.md"),
        format!("---\ntitle: Wide\nsummary: x\n---\n{wide}\n"),
    )
    .unwrap();
    // Two hundred thousand nested elements: the HTML parser's work grows with the square of
    // the depth, so the page is shown as text with an error.
    let deep = "<div>".repeat(200_000);
    fs::write(
        ops.join("deep.md"),
        format!("---\ntitle: Deep\nsummary: x\n---\n{deep}\n"),
    )
    .unwrap();
    let (code, stderr) = check(site.path());
    assert_eq!(code, Some(1));
    assert!(
        stderr.contains("content/en/ops/deep.md:5:1: error[html-too-deep]"),
        "{}",
        &stderr[..stderr.len().min(4000)]
    );
    let wide_warnings = stderr
        .lines()
        .filter(|l| l.starts_with("content/en/ops/wide.md:") && l.contains("[html-removed]"))
        .count();
    assert_eq!(wide_warnings, keel::diagnostics::MAX_REPEATS + 1);
    assert!(stderr.contains("and 99980 more like this in this file"));
    assert!(
        stderr.len() < 100_000,
        "long lines are shown as a window: {} bytes",
        stderr.len()
    );
}
