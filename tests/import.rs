//! `keel import`: an MkDocs, a bilingual Hugo and a bilingual Zola site
//! (`tests/fixtures/import/`), and a plain Markdown folder, brought over into new Keel sites.
//! Each builds with nothing dead in it (the build checks every link and image of its output),
//! keeps the source's order and titles, links translations, and says what it left out where.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::*;

/// `keel import KIND SRC --into INTO [extra]`: exit code and what it printed.
fn import(kind: &str, src: &Path, into: &Path, extra: &[&str]) -> (Option<i32>, String) {
    let o = keel()
        .args(["import", kind])
        .arg(src)
        .arg("--into")
        .arg(into)
        .args(extra)
        .output()
        .unwrap();
    let out = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    (o.status.code(), out)
}

/// Import the fixture `name` into a new folder and build it; returns the site and its output.
fn imported(kind: &str, name: &str) -> (tempfile::TempDir, PathBuf, String) {
    let site = tempfile::tempdir().unwrap();
    let src = repo().join("tests/fixtures/import").join(name);
    let (code, report) = import(kind, &src, site.path(), &[]);
    assert_eq!(code, Some(0), "{report}");
    assert!(report.contains("0 errors"), "{report}");
    let out = site.path().join("public");
    let (code, _, stderr) = build(site.path(), &out);
    assert_eq!(code, 0, "{stderr}");
    (site, out, report)
}

/// The link texts of `selector`'s links, in order.
fn link_texts(page: &Path, selector: &str) -> Vec<String> {
    texts(&parse(page), selector)
}

#[test]
fn mkdocs_keeps_its_nav_order_titles_images_and_callouts() {
    let (_site, out, report) = imported("mkdocs", "mkdocs");
    assert_eq!(
        link_texts(&out.join("en/index.html"), ".site-nav a"),
        ["During an incident", "After", "About"]
    );
    assert_eq!(
        link_texts(&out.join("en/during/index.html"), ".cards a"),
        ["Payment outage", "Carrier delay", "Payments deep dive"]
    );
    // A page without a heading takes its title from `nav`.
    let declines = parse(&out.join("en/during/payments/card-declines/index.html"));
    assert_eq!(texts(&declines, "main h1"), ["Card declines"]);
    let outage = parse(&out.join("en/during/payment-outage/index.html"));
    assert_eq!(
        attr(&outage, "main img", "src"),
        ["../../../en/img/payment-flow.png"]
    );
    assert!(out.join("en/img/payment-flow.png").is_file());
    assert_eq!(outage.select(&sel("aside.callout-warning")).count(), 1);
    assert_eq!(outage.select(&sel("details.callout")).count(), 1);
    // Theme-only front matter is left out, and said so at its line.
    for line in [
        "docs/during/payment-outage.md:3: left out: `hide`",
        "docs/during/payment-outage.md:5: left out: `icon`",
        "docs/during/payment-outage.md:6: left out: `tags`",
    ] {
        assert!(report.contains(line), "{line} in {report}");
    }
}

#[test]
fn hugo_keeps_weights_and_links_translations_by_key_and_names_its_shortcodes() {
    let (_site, out, report) = imported("hugo", "hugo");
    assert_eq!(
        link_texts(&out.join("en/runbooks/index.html"), ".cards a"),
        ["Payment outage", "Site down", "Carrier delay"]
    );
    // `translationKey` links pages whose file names differ.
    let carrier = parse(&out.join("en/runbooks/carrier-delay/index.html"));
    assert_eq!(
        attr(&carrier, ".lang-switcher a[hreflang=pl]", "href"),
        ["../../../pl/runbooks/opoznienie-przewoznika/index.html"]
    );
    let pl = parse(&out.join("pl/runbooks/payment-outage/index.html"));
    assert_eq!(pl.root_element().value().attr("lang"), Some("pl"));
    assert!(
        report.contains("content/runbooks/site-down.md:9: check: shortcode `alert`"),
        "{report}"
    );
    assert!(
        report.contains("content/runbooks/site-down.md:19: check: shortcode `notice`"),
        "{report}"
    );
}

#[test]
fn zola_keeps_weights_maps_at_links_and_reports_extra() {
    let (_site, out, report) = imported("zola", "zola");
    assert_eq!(
        link_texts(&out.join("en/playbook/index.html"), ".cards a"),
        ["Price error", "Payment outage", "Supplier shutdown"]
    );
    let he = parse(&out.join("he/playbook/payment-outage/index.html"));
    assert_eq!(he.root_element().value().attr("dir"), Some("rtl"));
    assert_eq!(
        attr(&he, ".lang-switcher a[hreflang=en]", "href"),
        ["../../../en/playbook/payment-outage/index.html"]
    );
    assert!(
        report.contains(
            "content/playbook/payment-outage.md:7: left out: `[extra]` (owner, severity)"
        ),
        "{report}"
    );
}

#[test]
fn importing_twice_changes_nothing_and_an_edited_file_is_kept() {
    let site = tempfile::tempdir().unwrap();
    let src = repo().join("tests/fixtures/import/zola");
    assert_eq!(import("zola", &src, site.path(), &[]).0, Some(0));
    let page = site.path().join("content/en/playbook/price-error.md");
    let (_, again) = import("zola", &src, site.path(), &[]);
    assert!(again.contains("0 written"), "{again}");
    fs::write(&page, "---\ntitle: Mine\n---\nMy own words.\n").unwrap();
    let (_, kept) = import("zola", &src, site.path(), &[]);
    assert!(
        kept.contains("content/en/playbook/price-error.md: kept: it exists and differs"),
        "{kept}"
    );
    assert_eq!(
        fs::read_to_string(&page).unwrap(),
        "---\ntitle: Mine\n---\nMy own words.\n"
    );
    let (_, forced) = import("zola", &src, site.path(), &["--force"]);
    assert!(forced.contains("1 written"), "{forced}");
    assert!(
        fs::read_to_string(&page)
            .unwrap()
            .contains("title: Price error")
    );
}

#[test]
fn a_plain_markdown_folder_takes_its_titles_from_headings_and_keel_names() {
    let src = tempfile::tempdir().unwrap();
    let write = |p: &str, t: &str| write(src.path(), p, t);
    write(
        "README.md",
        "# Our runbooks\n\nStart with [the outage guide](Guides/Site%20Outage.md#first-steps).\n",
    );
    write(
        "Guides/Site Outage.md",
        "# Site outage\n\n## First steps\n\nCall the host. Back to [the start](../README.md).\n",
    );
    // Deeper than Keel's four levels of sections: joined into the fourth, links follow.
    write(
        "a/b/c/d/e/f/Deep.md",
        "# Deep page\n\nUp to [the start](../../../../../../README.md).\n",
    );
    write(
        "Guides/More.md",
        "# More\n\nSee [the deep page](../a/b/c/d/e/f/Deep.md).\n",
    );
    let site = tempfile::tempdir().unwrap();
    let (code, report) = import("markdown", src.path(), site.path(), &["--lang", "pl"]);
    assert_eq!(code, Some(0), "{report}");
    assert!(
        report.contains(
            "Guides/Site Outage.md:1: mapped: written as content/pl/guides/site-outage.md"
        ),
        "{report}"
    );
    let out = site.path().join("public");
    let (code, _, stderr) = build(site.path(), &out);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        report.contains("written as content/pl/a/b/c/d-e-f/deep.md"),
        "{report}"
    );
    assert!(out.join("pl/a/b/c/d-e-f/deep/index.html").is_file());
    let guide = parse(&out.join("pl/guides/site-outage/index.html"));
    assert_eq!(texts(&guide, "main h1"), ["Site outage"]);
    let home = parse(&out.join("pl/index.html"));
    assert_eq!(texts(&home, "main h1"), ["Our runbooks"]);
    assert!(
        attr(&home, "main a[href]", "href")
            .contains(&"../pl/guides/site-outage/index.html#first-steps".to_string())
    );
}

#[test]
fn a_file_that_is_not_text_or_too_large_is_reported_not_fatal() {
    let src = tempfile::tempdir().unwrap();
    fs::write(src.path().join("ok.md"), "# Fine\n\nText.\n").unwrap();
    fs::write(src.path().join("binary.md"), [0xff, 0xfe, 0x00, 0x41]).unwrap();
    let big = "x".repeat((keel::paths::MAX_SOURCE_BYTES + 1) as usize);
    fs::write(src.path().join("huge.md"), big).unwrap();
    let site = tempfile::tempdir().unwrap();
    let (code, report) = import("markdown", src.path(), site.path(), &[]);
    assert_eq!(code, Some(0), "{report}");
    assert!(
        report.contains("binary.md:1: check: not brought over"),
        "{report}"
    );
    assert!(
        report.contains("huge.md:1: check: not brought over"),
        "{report}"
    );
    assert!(site.path().join("content/en/ok.md").is_file());
    assert!(!site.path().join("content/en/binary.md").exists());
}
