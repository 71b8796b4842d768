//! Bad input gives a clear error naming file:line, a non-zero exit, and leaves the previous
//! output folder exactly as it was.

mod common;

use std::fs;

use common::*;

/// Build once, break the site with `breakage`, build again: the second build must fail with
/// `expected` in its output, and the output folder must be unchanged.
fn assert_fails_cleanly(breakage: impl FnOnce(&std::path::Path), expected: &[&str]) {
    let site = fixture("small");
    let out = site.path().join("public");
    assert_eq!(build(site.path(), &out).0, 0);
    let before = snapshot(&out);
    breakage(site.path());
    let (code, _, stderr) = build(site.path(), &out);
    assert_eq!(code, 1, "{stderr}");
    for e in expected {
        assert!(stderr.contains(e), "expected `{e}` in:\n{stderr}");
    }
    assert_eq!(
        snapshot(&out),
        before,
        "a failed build must leave the output untouched"
    );
    let leftovers: Vec<_> = fs::read_dir(site.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("keel-") && !n.ends_with(".keel-manifest"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "no staging folders left: {leftovers:?}"
    );
}

#[test]
fn broken_yaml_names_file_and_line() {
    assert_fails_cleanly(
        |root| {
            let f = root.join("content/en/ops/daily.yaml");
            let text = fs::read_to_string(&f)
                .unwrap()
                .replace("        role: log", "      role: [log");
            fs::write(f, text).unwrap();
        },
        &["content/en/ops/daily.yaml:16:", "error[yaml-syntax]"],
    );
}

#[test]
fn unknown_front_matter_key_suggests_the_right_one() {
    assert_fails_cleanly(
        |root| {
            let f = root.join("content/pl/ops/outage.md");
            let text = fs::read_to_string(&f)
                .unwrap()
                .replace("summary:", "sumary:");
            fs::write(f, text).unwrap();
        },
        &[
            "content/pl/ops/outage.md:3:1: error[unknown-key]: unknown key `sumary`",
            "did you mean `summary`?",
        ],
    );
}

#[test]
fn invalid_language_tag_names_the_config_line() {
    assert_fails_cleanly(
        |root| {
            let f = root.join("keel.yaml");
            let text = fs::read_to_string(&f)
                .unwrap()
                .replace("- code: pl", "- code: p!l");
            fs::write(f, text).unwrap();
        },
        &[
            "keel.yaml:10:11: error[invalid-language]",
            "`p!l` is not a valid BCP 47 language tag",
        ],
    );
}

#[test]
fn unknown_config_key_suggests_the_right_one() {
    assert_fails_cleanly(
        |root| {
            let f = root.join("keel.yaml");
            let text = fs::read_to_string(&f).unwrap().replace("theme:", "theem:");
            fs::write(f, text).unwrap();
        },
        &[
            "keel.yaml:11:1: error[unknown-key]: unknown key `theem`",
            "did you mean `theme`?",
        ],
    );
}

#[test]
fn broken_internal_link_and_anchor_are_reported() {
    assert_fails_cleanly(
        |root| {
            let f = root.join("content/en/_index.md");
            let text = fs::read_to_string(&f)
                .unwrap()
                .replace("#act-now", "#act-later")
                .replace("@pl/ops/outage.md", "@pl/ops/nope.md");
            fs::write(f, text).unwrap();
        },
        &[
            "content/en/_index.md:6:7: error[broken-anchor]",
            "content/en/_index.md:6:55: error[broken-link]: `@pl/ops/nope.md` points to no page",
        ],
    );
}

#[test]
fn duplicate_checklist_ids_are_reported_where_they_repeat() {
    assert_fails_cleanly(
        |root| {
            let f = root.join("content/en/ops/daily.yaml");
            let text = fs::read_to_string(&f)
                .unwrap()
                .replace("id: stock", "id: orders");
            fs::write(f, text).unwrap();
        },
        &["content/en/ops/daily.yaml:14:13: error[duplicate-id]: id `orders` is used twice"],
    );
}

#[test]
fn template_errors_name_the_template() {
    assert_fails_cleanly(
        |root| {
            let f = root.join("themes/default/templates/section.html");
            let text = fs::read_to_string(&f)
                .unwrap()
                .replace("{% endfor %}", "{% endfo %}");
            fs::write(f, text).unwrap();
        },
        &["themes/default/templates/section.html", "error[template]"],
    );
}

#[test]
fn all_errors_are_reported_not_just_the_first() {
    let site = fixture("small");
    for (file, from, to) in [
        ("content/en/ops/outage.md", "summary:", "sumary:"),
        ("content/he/ops/outage.md", "title:", "titel:"),
    ] {
        let f = site.path().join(file);
        fs::write(&f, fs::read_to_string(&f).unwrap().replace(from, to)).unwrap();
    }
    let (code, _, stderr) = build(site.path(), &site.path().join("public"));
    assert_eq!(code, 1);
    assert!(
        stderr.contains("content/en/ops/outage.md:3:1")
            && stderr.contains("content/he/ops/outage.md:2:1"),
        "{stderr}"
    );
    assert!(!site.path().join("public").exists());
}

#[test]
fn odd_files_never_panic() {
    let site = fixture("small");
    let dir = site.path().join("content/en/ops");
    fs::write(dir.join("empty.md"), "").unwrap();
    fs::write(dir.join("binary.md"), [0xff, 0xfe, 0x00, 0x41]).unwrap();
    fs::write(dir.join("empty.yaml"), "").unwrap();
    fs::write(
        dir.join("nested.yaml"),
        "title: x\nchecklists: ".to_string() + &"[".repeat(2000),
    )
    .unwrap();
    fs::write(dir.join("Bad Name.md"), "---\ntitle: x\n---\n").unwrap();
    fs::write(dir.join(".hidden.md"), "not read").unwrap();
    // An alias bomb: nine-fold nesting, eleven levels deep.
    let mut bomb = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
    for i in 1..12 {
        bomb.push_str(&format!(
            "a{i}: &a{i} [{}]\n",
            vec![format!("*a{}", i - 1); 9].join(", ")
        ));
    }
    fs::write(dir.join("bomb.yaml"), format!("title: t\n{bomb}")).unwrap();
    fs::write(
        dir.join("huge.md"),
        format!("---\ntitle: x\n---\n{}", "a".repeat(5 << 20)),
    )
    .unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink("..", site.path().join("content/en/loop")).unwrap();
    fs::write(dir.join("outage.md~"), "not read").unwrap();
    let (code, _, stderr) = build(site.path(), &site.path().join("public"));
    assert_eq!(code, 1, "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    for f in [
        "empty.md",
        "binary.md:1:",
        "empty.yaml",
        "nested.yaml",
        "Bad Name.md",
    ] {
        assert!(stderr.contains(f), "{f} missing in:\n{stderr}");
    }
    assert!(!stderr.contains(".hidden.md") && !stderr.contains("outage.md~"));
}

#[test]
fn usage_errors_exit_with_2() {
    keel().arg("frobnicate").assert().code(2);
    keel().args(["build", "--no-such-flag"]).assert().code(2);
}

#[test]
fn translations_with_different_checklist_ids_are_errors() {
    assert_fails_cleanly(
        |root| {
            let f = root.join("content/he/ops/outage.md");
            let text = fs::read_to_string(&f)
                .unwrap()
                .replace("{#banner}", "{#banner-he}");
            fs::write(f, text).unwrap();
        },
        &[
            "content/he/ops/outage.md:11:20:",
            "error[translation-ids]: ids differ from content/en/ops/outage.md; missing: act-now/banner; extra: act-now/banner-he",
        ],
    );
}

#[test]
fn a_broken_cached_fragment_is_one_error_with_what_it_can_see() {
    assert_fails_cleanly(
        |root| {
            fs::write(
                root.join("themes/default/templates/cached/nav.html"),
                "<nav>{{ page.title }}</nav>",
            )
            .unwrap();
        },
        &[
            "themes/default/templates/cached/nav.html:1:9: error[template]",
            "Variable `page` is not defined",
            "sees site, lang, nav, root and section, but no page",
            ": 1 error",
        ],
    );
}
