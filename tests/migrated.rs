//! Runbooks as people bring them from MkDocs, GitHub and Hugo (`tests/fixtures/migrated`):
//! relative file links with anchors, reference links, page-URL links, site-absolute paths,
//! images beside pages, in a page folder and in `static/`. The site builds untouched, a crawler
//! over the output finds nothing dead, and every form of broken link fails with file:line:col.

mod common;

use std::collections::HashSet;
use std::fs;
use std::path::Path;

use common::*;

/// Every internal `href`/`src` of every HTML file under `out`, as (page, URL), with the ids of
/// each page, found the way a browser on file:// would.
fn dead_links(out: &Path) -> Vec<String> {
    let mut dead = Vec::new();
    for page in html_files(out) {
        let doc = parse(&page);
        for (selector, name) in [
            ("a[href]", "href"),
            ("img[src]", "src"),
            ("link[href]", "href"),
            ("script[src]", "src"),
        ] {
            for url in attr(&doc, selector, name) {
                if url.contains(':')
                    || url.starts_with('#')
                    || url.starts_with("//")
                    || url.starts_with('/')
                {
                    continue;
                }
                let target = resolve(&page, &url);
                let file = if target.is_dir() {
                    target.join("index.html")
                } else {
                    target
                };
                if !file.is_file() {
                    dead.push(format!("{}: {url}", page.display()));
                    continue;
                }
                if let Some(anchor) = url
                    .split_once('#')
                    .map(|(_, a)| a)
                    .filter(|a| !a.is_empty())
                {
                    let ids: HashSet<String> =
                        attr(&parse(&file), "[id]", "id").into_iter().collect();
                    if !ids.contains(anchor) {
                        dead.push(format!("{}: {url} (no id)", page.display()));
                    }
                }
            }
        }
    }
    dead
}

#[test]
fn a_migrated_runbook_set_builds_untouched_and_nothing_in_it_is_dead() {
    let site = fixture("migrated");
    let out = site.path().join("public");
    let (code, _, stderr) = build(site.path(), &out);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(dead_links(&out), Vec::<String>::new());
    for f in [
        "en/during/payment-outage/diagram.png",
        "en/shared/map.png",
        "img/logo.png",
    ] {
        assert!(out.join(f).is_file(), "{f} is copied");
    }
    let doc = parse(&out.join("en/before/checklist/index.html"));
    let hrefs = attr(&doc, "main a[href]", "href");
    for want in [
        "../../../en/during/payment-outage/index.html#switch-payments",
        "../../../en/during/carrier-delay/index.html#call-the-carrier",
        "../../../en/index.html",
    ] {
        assert!(hrefs.iter().any(|h| h == want), "{want} in {hrefs:?}");
    }
    assert_eq!(
        attr(&doc, "main img", "src"),
        ["../../../en/shared/map.png"]
    );
    // The Hebrew fallback copy of a page folder shows the English page's image.
    let he = parse(&out.join("he/during/payment-outage/index.html"));
    assert_eq!(
        attr(&he, "main img", "src"),
        ["../../../en/during/payment-outage/diagram.png"]
    );
}

#[test]
fn every_form_of_broken_link_or_image_fails_at_its_place() {
    // (Markdown line, code, column): each link on line 5 of a new page.
    let cases = [
        ("See [x](../during/no-such.md).", "broken-link", 5),
        (
            "See [x](../during/carrier-delay.md#no-such-heading).",
            "broken-anchor",
            5,
        ),
        ("See [x](no-such/).", "broken-link", 5),
        ("See [x][r].\n\n[r]: ../nowhere.md", "broken-link", 5),
        ("See [x](/en/no-such-page/).", "broken-link", 5),
        ("See [x](#no-such-heading).", "broken-anchor", 5),
        ("Look: ![map](no-such.png)", "missing-image", 7),
        ("Look: ![map](/img/no-such.png)", "missing-image", 7),
        ("Look: ![map](../shared/mapp.png)", "missing-image", 7),
        (
            "Look: ![map](../during/carrier-delay.md)",
            "missing-image",
            7,
        ),
    ];
    for (md, code, col) in cases {
        let site = fixture("migrated");
        let page = format!("---\ntitle: Broken\nsummary: One bad link.\n---\n{md}\n");
        fs::write(site.path().join("content/en/before/broken.md"), page).unwrap();
        let o = keel()
            .args(["check", "--root"])
            .arg(site.path())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(1), "{md}: {stderr}");
        let at = format!("content/en/before/broken.md:5:{col}: error[{code}]");
        assert!(stderr.contains(&at), "{md}: want {at} in {stderr}");
        let out = site.path().join("public");
        let (b, _, _) = build(site.path(), &out);
        assert_eq!(b, 1, "build fails too: {md}");
        assert!(!out.exists(), "and writes nothing");
    }
}

#[test]
fn a_missing_image_names_the_closest_file_and_alt_text_is_asked_for() {
    let site = fixture("migrated");
    let page = "---\ntitle: Hints\nsummary: Typos.\n---\n![map](../shared/mapp.png)\n\n![](../shared/map.png)\n";
    fs::write(site.path().join("content/en/before/hints.md"), page).unwrap();
    let o = keel()
        .args(["check", "--root"])
        .arg(site.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("closest: `en/shared/map.png`"), "{stderr}");
    assert!(
        stderr.contains("content/en/before/hints.md:7:1: warning[image-no-alt]"),
        "{stderr}"
    );
}

#[test]
fn a_dead_link_a_template_writes_is_caught_in_the_output() {
    let site = fixture("migrated");
    let base = site.path().join("themes/default/templates/base.html");
    let html = fs::read_to_string(&base).unwrap();
    let html = html.replacen(
        "</footer>",
        "<a href=\"{{ root }}nowhere/\">x</a></footer>",
        1,
    );
    assert!(
        html.contains("nowhere"),
        "the template has a footer to add to"
    );
    fs::write(&base, html).unwrap();
    let o = keel()
        .args(["check", "--root"])
        .arg(site.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("error[dead-link]"), "{stderr}");
}
