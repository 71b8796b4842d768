//! Runbooks as people bring them from MkDocs, GitHub and Hugo (`tests/fixtures/migrated`):
//! relative file links with anchors, reference links, page-URL links, site-absolute paths,
//! images beside pages, in a page folder and in `static/`. The site builds untouched, a crawler
//! over the output finds nothing dead, and every form of broken link fails with file:line:col.
//! Its storefront-down page (en and he) has every kind of callout and raw HTML, safe and not.

mod common;

use std::collections::HashSet;
use std::fs;
use std::path::Path;

use common::*;
use scraper::{ElementRef, Html};

/// `keel check --root ROOT`: its exit code and what it printed.
fn check(root: &Path) -> (Option<i32>, String) {
    let o = keel().args(["check", "--root"]).arg(root).output().unwrap();
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

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
        "en/during/storefront-down/status.png",
        "he/during/storefront-down/status.png",
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
        ("<img src=\"no-such.png\" alt=\"m\">", "missing-image", 6),
        ("See <a href=\"../nowhere.md\">x</a>.", "broken-link", 8),
    ];
    for (md, code, col) in cases {
        let site = fixture("migrated");
        let page = format!("---\ntitle: Broken\nsummary: One bad link.\n---\n{md}\n");
        fs::write(site.path().join("content/en/before/broken.md"), page).unwrap();
        let (status, stderr) = check(site.path());
        assert_eq!(status, Some(1), "{md}: {stderr}");
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
    let (status, stderr) = check(site.path());
    assert_eq!(status, Some(1), "{stderr}");
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
    let (status, stderr) = check(site.path());
    assert_eq!(status, Some(1), "{stderr}");
    assert!(stderr.contains("error[dead-link]"), "{stderr}");
}

/// The page with the callouts and the raw HTML, as written.
const STOREFRONT: &str = "content/{lang}/during/storefront-down/index.md";

/// The labels `i18n/<lang>.ftl` gives the five kinds, in the order note, tip, important,
/// warning, caution.
fn labels(lang: &str) -> Vec<String> {
    let ftl = fs::read_to_string(repo().join(format!("i18n/{lang}.ftl"))).unwrap();
    ["note", "tip", "important", "warning", "caution"]
        .iter()
        .map(|kind| {
            let key = format!("callout-{kind} = ");
            ftl.lines()
                .find_map(|l| l.strip_prefix(&key))
                .unwrap_or_else(|| panic!("{key} in {lang}.ftl"))
                .trim()
                .to_string()
        })
        .collect()
}

/// The text of an element, whitespace squeezed.
fn text(e: ElementRef) -> String {
    e.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The one element `selector` matches.
fn one<'a>(doc: &'a Html, selector: &str) -> ElementRef<'a> {
    let s = sel(selector);
    let found: Vec<ElementRef> = doc.select(&s).collect();
    assert_eq!(found.len(), 1, "one {selector}");
    found[0]
}

/// An element's classes, sorted, space-separated.
fn classes(e: ElementRef) -> String {
    sorted(&e.value().classes().collect::<Vec<_>>().join(" "))
}

fn sorted(classes: &str) -> String {
    let mut c: Vec<&str> = classes.split_whitespace().collect();
    c.sort_unstable();
    c.join(" ")
}

/// The title of a callout: its `.callout-title` child.
fn title(callout: ElementRef) -> String {
    let t = callout
        .children()
        .filter_map(ElementRef::wrap)
        .find(|c| c.value().classes().any(|c| c == "callout-title"))
        .unwrap_or_else(|| panic!("a title in {}", callout.html()));
    text(t)
}

/// The built storefront-down page of each language.
fn storefront(out: &Path, lang: &str) -> Html {
    parse(&out.join(format!("{lang}/during/storefront-down/index.html")))
}

#[test]
fn callouts_have_their_kind_role_and_the_label_of_the_pages_language() {
    let site = fixture("migrated");
    let out = site.path().join("public");
    let (code, _, stderr) = build(site.path(), &out);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("unknown-callout"), "{stderr}");
    // (language, the titles the author wrote: !!! tip, ??? note, !!! warning, the nested note,
    // !!! example)
    let written = [
        (
            "en",
            [
                "Check the obvious first",
                "Where the logs are",
                "Before you fail over",
                "Replica lag",
                "Restart the web tier",
            ],
        ),
        (
            "he",
            [
                "קודם כול הדברים הפשוטים",
                "איפה הלוגים",
                "לפני מעבר ל-failover",
                "פיגור ב-replica",
                "אתחול שכבת ה-web",
            ],
        ),
    ];
    for (lang, [tip, logs, warning, nested, example]) in written {
        let label = labels(lang);
        let doc = storefront(&out, lang);
        let article = one(&doc, "main article");
        assert_eq!(article.value().attr("lang"), Some(lang));
        // Boxes at the top of the body, in the order written; nested ones are inside these.
        let boxes: Vec<ElementRef> = doc.select(&sel(".content > .callout")).collect();
        let seen: Vec<(&str, String, String)> = boxes
            .iter()
            .map(|b| (b.value().name(), classes(*b), title(*b)))
            .collect();
        let want: Vec<(&str, String, String)> = [
            ("aside", "callout callout-note", label[0].as_str()),
            ("aside", "callout callout-tip", &label[1]),
            ("aside", "callout callout-important", &label[2]),
            ("aside", "callout callout-warning", &label[3]),
            ("aside", "callout callout-caution", &label[4]),
            ("aside", "callout callout-tip", tip),
            ("aside", "callout callout-caution callout-danger", &label[4]),
            ("details", "callout callout-note", logs),
            ("details", "callout callout-tip", &label[1]),
            ("aside", "callout callout-warning", warning),
            ("aside", "callout callout-note callout-example", example),
        ]
        .into_iter()
        .map(|(name, c, t)| (name, sorted(c), t.to_string()))
        .collect();
        assert_eq!(seen, want, "{lang}");
        if lang == "en" {
            assert_eq!(label[3], "Warning");
        }
        // Every box that is not collapsible is a note to assistive technology.
        for b in doc.select(&sel(".content aside.callout")) {
            assert_eq!(b.value().attr("role"), Some("note"), "{}", b.html());
        }
        // ??? is collapsed, ???+ open; the summary is the title.
        let details: Vec<ElementRef> = doc.select(&sel(".content details.callout")).collect();
        assert_eq!(details[0].value().attr("open"), None, "??? is collapsed");
        assert!(details[1].value().attr("open").is_some(), "???+ is open");
        for d in &details {
            let first = d.children().find_map(ElementRef::wrap).unwrap();
            assert_eq!(first.value().name(), "summary");
            assert!(first.value().classes().any(|c| c == "callout-title"));
        }
        // The nested note is inside the warning, not after it.
        let inner = one(
            &doc,
            ".content > aside.callout-warning > aside.callout-note",
        );
        assert_eq!(title(inner), nested);
        // A list and a code fence in an admonition's body stay Markdown.
        let ex = one(&doc, ".content aside.callout-example");
        assert_eq!(ex.select(&sel("ol > li")).count(), 2, "{lang}");
        let code = one(
            &doc,
            ".content aside.callout-example pre > code.language-sh",
        );
        assert_eq!(text(code), "kubectl rollout restart deployment/web");
        // No callout is left as the quote the parser saw, and no marker is left as text.
        assert_eq!(doc.select(&sel(".content blockquote")).count(), 0, "{lang}");
        let body = text(one(&doc, ".content"));
        for marker in ["[!NOTE]", "[!WARNING]", "!!!", "???"] {
            assert!(!body.contains(marker), "{lang}: {marker} in {body}");
        }
    }
    // Hebrew titles isolate their Latin words, so "failover" keeps its place in the line.
    let he = storefront(&out, "he");
    let bdi: Vec<String> = he
        .select(&sel(".content aside.callout-warning > .callout-title bdi"))
        .map(text)
        .collect();
    assert_eq!(bdi, ["failover"]);
    assert_eq!(one(&he, "html").value().attr("dir"), Some("rtl"));
}

#[test]
fn raw_html_keeps_tables_details_kbd_and_sup_and_drops_what_would_run() {
    let site = fixture("migrated");
    let out = site.path().join("public");
    let (code, _, stderr) = build(site.path(), &out);
    assert_eq!(code, 0, "{stderr}");
    for (lang, on_call, escalation, cto, alt, wiki) in [
        (
            "en",
            "On call",
            "Escalation path",
            "Call the CTO only when the whole shop is down.",
            "The status page during the last outage",
            "the status history",
        ),
        (
            "he",
            "כוננות",
            "מסלול הסלמה",
            "מתקשרים ל-CTO רק כשהחנות כולה למטה.",
            "דף הסטטוס בזמן התקלה האחרונה",
            "היסטוריית סטטוס",
        ),
    ] {
        let file = out.join(format!("{lang}/during/storefront-down/index.html"));
        let html = fs::read_to_string(&file).unwrap();
        let doc = Html::parse_document(&html);
        // The table, with its colspan.
        let th = one(&doc, ".content table th");
        assert_eq!(th.value().attr("colspan"), Some("2"));
        assert_eq!(text(th), on_call);
        assert_eq!(doc.select(&sel(".content table td")).count(), 2);
        // <details> opened in one HTML block and closed in another holds the Markdown between.
        let details = one(&doc, ".content > details:not(.callout)");
        assert_eq!(
            text(one(&doc, ".content > details:not(.callout) > summary")),
            escalation
        );
        assert_eq!(details.select(&sel("ol > li")).count(), 2);
        assert_eq!(details.select(&sel("li > strong")).count(), 1);
        assert_eq!(text(details.select(&sel("p")).next().unwrap()), cto);
        // Inline tags.
        let kbd: Vec<String> = doc.select(&sel(".content p kbd")).map(text).collect();
        assert_eq!(kbd, ["Ctrl", "F5"], "{lang}");
        assert_eq!(text(one(&doc, ".content p sup")), "3");
        // The script is gone with its text; the handler and the javascript: URL too.
        assert_eq!(doc.select(&sel(".content script")).count(), 0);
        for gone in ["alert(1)", "onerror", "javascript:"] {
            assert!(
                !html.contains(gone),
                "{lang}: {gone} left in {}",
                file.display()
            );
        }
        let img = one(&doc, ".content img");
        assert_eq!(img.value().attr("alt"), Some(alt));
        // Rewritten like a Markdown image: a path from the output root, relative.
        let src = format!("../../../{lang}/during/storefront-down/status.png");
        assert_eq!(img.value().attr("src"), Some(src.as_str()));
        assert_eq!(img.value().attrs().count(), 2, "{}", img.html());
        let a = doc
            .select(&sel(".content a"))
            .find(|a| text(*a) == wiki)
            .expect("the link's text stays");
        assert_eq!(a.value().attr("href"), None, "{}", a.html());
        // Every script of the page is the theme's own.
        for s in doc.select(&sel("script")) {
            assert!(
                s.value().attr("src").is_some() || !text(s).contains("alert"),
                "{}",
                s.html()
            );
        }
    }
}

#[test]
fn keel_check_says_what_raw_html_loses_at_its_line_and_column_and_the_build_goes_on() {
    let site = fixture("migrated");
    let (status, stderr) = check(site.path());
    assert_eq!(status, Some(0), "warnings only: {stderr}");
    // (language, column of the javascript: link's href: the Hebrew text before it is shorter)
    for (lang, href_col) in [("en", 21), ("he", 19)] {
        let file = STOREFRONT.replace("{lang}", lang);
        for (line, col, what) in [
            (69, 1, "`<script>` is removed with its content"),
            (71, 23, "the `onerror` attribute of `<img>` is removed"),
            (
                73,
                href_col,
                "the URL `javascript:alert(1)` of `<a href>` is removed",
            ),
        ] {
            let want = format!("{file}:{line}:{col}: warning[html-removed]: {what}");
            assert!(stderr.contains(&want), "want {want} in {stderr}");
        }
        // The columns point at what the author wrote there.
        let md = fs::read_to_string(site.path().join(&file)).unwrap();
        let lines: Vec<&str> = md.lines().collect();
        let at =
            |line: usize, col: usize| -> String { lines[line - 1].chars().skip(col - 1).collect() };
        assert!(at(69, 1).starts_with("<script>"));
        assert!(at(71, 23).starts_with("onerror="));
        assert!(at(73, href_col).starts_with("href=\"javascript:"));
    }
    assert_eq!(
        stderr.matches("warning[html-removed]").count(),
        6,
        "{stderr}"
    );
    // Nothing else in the page is reported: the table, details, kbd and sup are kept.
    assert!(
        !stderr.contains("<table>") && !stderr.contains("<kbd>"),
        "{stderr}"
    );

    let out = site.path().join("public");
    let (code, _, stderr) = build(site.path(), &out);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stderr.matches("warning[html-removed]").count(),
        6,
        "{stderr}"
    );
    assert!(out.join("en/during/storefront-down/index.html").is_file());
    // With --strict the warnings fail the check.
    let strict = keel()
        .args(["check", "--strict", "--root"])
        .arg(site.path())
        .output()
        .unwrap();
    assert_eq!(strict.status.code(), Some(1));
}

#[test]
fn with_raw_html_escape_every_tag_is_shown_as_text() {
    let site = fixture("migrated");
    let config = site.path().join("keel.yaml");
    let yaml = fs::read_to_string(&config).unwrap();
    fs::write(&config, format!("{yaml}raw_html: escape\n")).unwrap();
    let out = site.path().join("public");
    let (code, _, stderr) = build(site.path(), &out);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        !stderr.contains("html-removed"),
        "nothing is removed: {stderr}"
    );
    for lang in ["en", "he"] {
        let doc = storefront(&out, lang);
        for tag in [
            "table",
            "kbd",
            "sup",
            "script",
            "img",
            "details:not(.callout)",
        ] {
            assert_eq!(
                doc.select(&sel(&format!(".content {tag}"))).count(),
                0,
                "{lang}: no <{tag}> element"
            );
        }
        let body = text(one(&doc, ".content"));
        for shown in [
            "<th colspan=\"2\">",
            "<summary>",
            "</details>",
            "<kbd>Ctrl</kbd>",
            "10<sup>3</sup>",
            "<script>alert(1)</script>",
            "onerror=\"alert(1)\"",
            "<a href=\"javascript:alert(1)\">",
        ] {
            assert!(body.contains(shown), "{lang}: {shown} shown in {body}");
        }
        // The callouts are Keel's own markup, not the author's HTML: they stay.
        assert_eq!(doc.select(&sel(".content .callout")).count(), 12, "{lang}");
        assert_eq!(doc.select(&sel(".content details.callout")).count(), 2);
    }
}

#[test]
fn an_unknown_callout_type_is_a_warning_at_its_place_and_shown_as_a_note() {
    let site = fixture("migrated");
    let page = "---\ntitle: Odd\nsummary: Odd types.\n---\nIntro.\n\n!!! sparkle \"Shiny\"\n    Body.\n\n> [!DANGER]\n> Stop.\n";
    fs::write(site.path().join("content/en/before/odd.md"), page).unwrap();
    let (status, stderr) = check(site.path());
    assert_eq!(status, Some(0), "{stderr}");
    for line in [7, 10] {
        let at = format!("content/en/before/odd.md:{line}:1: warning[unknown-callout]");
        assert!(stderr.contains(&at), "want {at} in {stderr}");
    }
    let out = site.path().join("public");
    let (code, _, stderr) = build(site.path(), &out);
    assert_eq!(code, 0, "{stderr}");
    let doc = parse(&out.join("en/before/odd/index.html"));
    let shiny = one(&doc, ".content aside.callout");
    assert_eq!(classes(shiny), "callout callout-note callout-sparkle");
    assert_eq!(title(shiny), "Shiny");
    // GitHub has no DANGER alert: the quote stays a quote.
    assert_eq!(text(one(&doc, ".content blockquote")), "[!DANGER] Stop.");
}

#[test]
fn nested_sections_github_pages_and_root_pages_find_their_place() {
    let site = fixture("migrated");
    let out = site.path().join("public");
    let (code, _, stderr) = build(site.path(), &out);
    assert_eq!(code, 0, "{stderr}");
    // A page without front matter takes its `# Heading` as the title, and says so.
    assert!(
        stderr.contains(
            "content/en/during/payments/card_declines.md:1:1: warning[title-from-heading]"
        ),
        "{stderr}"
    );
    let page = parse(&out.join("en/during/payments/card_declines/index.html"));
    assert_eq!(texts(&page, "main h1"), ["Card declines at checkout"]);
    assert_eq!(
        texts(&page, ".breadcrumbs li"),
        [
            "Store runbooks",
            "During",
            "Payments",
            "Card declines at checkout"
        ]
    );
    // An ordered task list keeps its numbers.
    assert_eq!(page.select(&sel("main ol.items > li.item")).count(), 3);
    assert!(
        attr(&page, "main ol.items", "start").is_empty(),
        "starts at 1"
    );
    // A relative URL in raw HTML is rewritten like a Markdown one.
    assert_eq!(
        attr(&page, "main img", "src"),
        ["../../../../en/shared/map.png"]
    );
    assert!(
        attr(&page, "main a[href]", "href").contains(
            &"../../../../en/during/payment-outage/index.html#switch-payments".to_string()
        )
    );
    // The Markdown checklist page prints, and goes into the checklists bundle.
    assert!(
        out.join("en/during/payments/card_declines/print/index.html")
            .is_file()
    );
    let bundle = parse(&out.join("en/print/checklists/index.html"));
    assert!(texts(&bundle, ".form h1").contains(&"Card declines at checkout".to_string()));
    // The folder's `index.md` (MkDocs) is its section page and lists the page; `description`
    // is the summary.
    let section = parse(&out.join("en/during/payments/index.html"));
    assert_eq!(texts(&section, ".cards a"), ["Card declines at checkout"]);
    assert_eq!(
        attr(&section, "meta[name=description]", "content"),
        ["When money stops moving, start here."]
    );
    // The nested section is listed in its parent; a `_` page at the root is in the navigation.
    let during = parse(&out.join("en/during/index.html"));
    assert!(texts(&during, ".cards a").contains(&"Payments".to_string()));
    let home = parse(&out.join("en/index.html"));
    assert!(texts(&home, ".site-nav a").contains(&"About these runbooks".to_string()));
    assert!(out.join("en/about_us/index.html").is_file());
}
