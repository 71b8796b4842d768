//! Unit tests of the Markdown stage.

use super::*;

struct NoLinks;
impl LinkResolver for NoLinks {
    fn resolve(&self, target: &str, _: Pos) -> Result<String, String> {
        match target {
            "@/a.md" => Ok("en/a/index.html".into()),
            _ => Err(format!("no page {target}")),
        }
    }
}

fn ctx<'a>(src: &'a str, rtl: bool) -> Ctx<'a> {
    let _ = src;
    Ctx {
        file: Path::new("t.md"),
        line_offset: 0,
        col_offset: 0,
        rtl,
        root: "../../",
        links: &NoLinks,
        labels: CalloutLabels::english(),
        raw_html: RawHtml::Sanitize,
    }
}

fn go(src: &str) -> Rendered {
    render(src, &ctx(src, false), &mut IdSet::default())
}

#[test]
fn headings_get_ids() {
    let r = go("# Hello world\n\n## Act now {#act-now}\n\n## Hello world\n");
    assert!(
        r.html.contains("<h1 id=\"hello-world\">Hello world</h1>"),
        "{}",
        r.html
    );
    assert!(r.html.contains("<h2 id=\"act-now\">Act now</h2>"));
    assert!(
        r.html.contains("<h2 id=\"hello-world-1\">"),
        "as GitHub numbers repeats"
    );
    assert_eq!(r.anchors, ["hello-world", "act-now", "hello-world-1"]);
}

#[test]
fn task_lists_become_checklists() {
    let r = go(
        "## Act now {#act-now}\n\n- [ ] Call the *carrier* {#call role=log due=T+5m kind=pause}\n- [x] Check stock\n  more detail\n\nAfter.\n",
    );
    assert_eq!(r.checklists.len(), 1);
    let c = &r.checklists[0];
    assert_eq!(c.id, "act-now");
    assert_eq!(c.title.as_deref(), Some("Act now"));
    assert_eq!(c.items[0].id, "call");
    assert_eq!(c.items[0].html, "Call the <em>carrier</em>");
    assert_eq!(c.items[0].role.as_deref(), Some("log"));
    assert_eq!(c.items[0].due_minutes, Some(5));
    assert_eq!(c.items[0].kind, checklist::ItemKind::Pause);
    assert_eq!(c.items[1].id, "check-stock-more-detail");
    assert!(r.html.contains(&placeholder(0)));
    assert!(!r.html.contains("<ul>"));
    assert!(r.html.contains("<p>After.</p>"));
}

#[test]
fn untitled_task_lists_are_numbered() {
    let r = go("- [ ] a\n\ntext\n\n- [ ] b\n");
    let ids: Vec<_> = r.checklists.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["checklist-1", "checklist-2"]);
}

#[test]
fn loose_task_lists_keep_notes() {
    let r = go("- [ ] First {#first}\n\n  A note.\n\n- [ ] Second {#second}\n");
    let c = &r.checklists[0];
    assert_eq!(c.items[0].id, "first");
    assert_eq!(c.items[0].html, "First");
    assert_eq!(c.items[0].note_html.as_deref(), Some("<p>A note.</p>"));
    assert_eq!(c.items[1].id, "second");
}

#[test]
fn duplicate_item_ids_are_errors() {
    let r = go("- [ ] a {#x}\n- [ ] b {#x}\n");
    assert_eq!(r.diagnostics.len(), 1);
    assert_eq!(r.diagnostics[0].code, "duplicate-id");
    assert_eq!(r.diagnostics[0].line, 2);
}

#[test]
fn internal_links_resolve_or_report() {
    let r = go("See [a](@/a.md) and\n[b](@/missing.md).\n");
    assert!(
        r.html.contains("href=\"../../en/a/index.html\""),
        "{}",
        r.html
    );
    assert_eq!(r.diagnostics.len(), 1);
    assert_eq!(r.diagnostics[0].code, "broken-link");
    assert_eq!((r.diagnostics[0].line, r.diagnostics[0].column), (2, 1));
}

#[test]
fn raw_html_is_shown_as_text_when_escaped() {
    let src = "<script>alert(1)</script>\n\nHi <b onclick=x>there</b>\n";
    let ctx = Ctx {
        raw_html: RawHtml::Escape,
        ..ctx(src, false)
    };
    let r = render(src, &ctx, &mut IdSet::default());
    assert!(!r.html.contains("<script>"), "{}", r.html);
    assert!(!r.html.contains("<b "));
    assert!(r.html.contains("&lt;script&gt;"));
    assert!(r.diagnostics.is_empty());
}

#[test]
fn raw_html_is_cleaned_and_what_goes_is_reported() {
    let r = go(
        "<details>\n<summary>More</summary>\n\nHi <kbd onclick=x>Ctrl</kbd> <a id=\"here\"></a>\n\n</details>\n\n<script>\nalert(1)\n</script>\n",
    );
    assert_eq!(
        r.html,
        "<details>\n<summary>More</summary>\n<p>Hi <kbd>Ctrl</kbd> <a id=\"here\"></a></p>\n</details>\n\n"
    );
    let found: Vec<(&str, usize, usize)> = r
        .diagnostics
        .iter()
        .map(|d| (d.code, d.line, d.column))
        .collect();
    assert_eq!(found, [("html-removed", 4, 9), ("html-removed", 8, 1)]);
    assert!(r.anchors.contains(&"here".to_string()));
}

#[test]
fn javascript_links_are_not_dangerous_by_default() {
    // pulldown-cmark drops no URLs itself; we only make sure quoting holds.
    let r = go("[x](\"onmouseover=alert(1))\n");
    assert!(!r.html.contains("\" onmouseover"));
}

#[test]
fn dangerous_urls_are_refused() {
    let r = go(
        "[a](javascript:alert(1)) [b](JAVASCRIPT:x) ![c](data:text/html,x) [ok](https://e.org) [rel](../x/) [m](mailto:a@b.c)\n",
    );
    assert_eq!(
        r.diagnostics
            .iter()
            .filter(|d| d.code == "unsafe-link")
            .count(),
        3,
        "{:?}",
        r.diagnostics
    );
    assert!(!r.html.to_lowercase().contains("javascript:"), "{}", r.html);
    assert!(!r.html.contains("data:text"));
    assert!(r.html.contains("href=\"https://e.org\""));
    assert!(r.html.contains("href=\"../x/\""));
}

#[test]
fn latin_runs_are_isolated_in_rtl() {
    assert_eq!(
        isolate_ltr("בדקו את SKU-12 עכשיו"),
        "בדקו את <bdi>SKU-12</bdi> עכשיו"
    );
    assert_eq!(
        isolate_ltr("ב-Google Analytics כל יום"),
        "ב-<bdi>Google Analytics</bdi> כל יום"
    );
    assert_eq!(isolate_ltr("שעה 12"), "שעה 12");
    assert_eq!(isolate_ltr("<a>"), "<bdi>&lt;a&gt;</bdi>");
    let src = "טקסט `code` ו-NPS";
    let r = render(src, &ctx(src, true), &mut IdSet::default());
    assert!(
        r.html.contains("<code dir=\"ltr\">code</code>"),
        "{}",
        r.html
    );
    assert!(r.html.contains("<bdi>NPS</bdi>"));
}

#[test]
fn inline_rendering_has_no_paragraph() {
    let src = "Call *now*";
    let mut d = vec![];
    assert_eq!(
        render_inline(src, &ctx(src, false), &mut d),
        "Call <em>now</em>"
    );
}

#[test]
fn github_alerts_become_labelled_callouts() {
    let r = go("> [!WARNING]\n> Stop the *sale*.\n\n> plain quote\n");
    assert!(
        r.html.contains("<aside class=\"callout callout-warning\" role=\"note\">\n<p class=\"callout-title\">Warning</p>\n<p>Stop the <em>sale</em>.</p>\n</aside>"),
        "{}",
        r.html
    );
    assert!(
        r.html
            .contains("<blockquote>\n<p>plain quote</p>\n</blockquote>"),
        "{}",
        r.html
    );
}

#[test]
fn admonitions_become_callouts_and_details() {
    let md = "!!! danger \"Do not refund twice\"\n    Check the *ledger*.\n\n??? tip\n    Hidden.\n\n???+ note \"\"\n    Open.\n";
    let r = go(md);
    assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
    assert!(
        r.html.contains("<aside class=\"callout callout-caution callout-danger\" role=\"note\">\n<p class=\"callout-title\">Do not refund twice</p>\n<p>Check the <em>ledger</em>.</p>\n</aside>"),
        "{}",
        r.html
    );
    assert!(r.html.contains("<details class=\"callout callout-tip\">\n<summary class=\"callout-title\">Tip</summary>\n<p>Hidden.</p>\n</details>"), "{}", r.html);
    assert!(r.html.contains("<details class=\"callout callout-note\" open>\n<summary class=\"callout-title\">Note</summary>"), "{}", r.html);
}

#[test]
fn messages_inside_admonitions_point_at_the_written_line() {
    let md = "Intro\n\n!!! sparkle\n    See [x](@/nowhere.md).\n\n> [!DANGER]\n> text\n";
    let r = go(md);
    let found: Vec<(&str, usize, usize)> = r
        .diagnostics
        .iter()
        .map(|d| (d.code, d.line, d.column))
        .collect();
    assert_eq!(
        found,
        [
            ("unknown-callout", 3, 1),
            ("broken-link", 4, 9),
            ("unknown-callout", 6, 1)
        ]
    );
}

#[test]
fn ordered_task_lists_keep_their_numbers() {
    let r = go("## Steps\n\n3. [ ] Call the carrier\n4. [ ] Tell support\n\n- [ ] Unordered\n");
    assert_eq!(r.checklists[0].start, Some(3));
    assert_eq!(r.checklists[0].items.len(), 2);
    assert_eq!(r.checklists[1].start, None);
}

#[test]
fn blocks_without_right_to_left_letters_are_isolated_whole() {
    let src = "- **crisis** team\n- צוות **crisis**\n\n| he | en |\n|---|---|\n| צוות | *crisis* team |\n\n## Incident *lead*\n";
    let r = render(src, &ctx(src, true), &mut IdSet::default());
    for want in [
        "<li><bdi><strong>crisis</strong> team</bdi></li>",
        "<li>צוות <strong><bdi>crisis</bdi></strong></li>",
        "<td><bdi><em>crisis</em> team</bdi></td>",
        "<td>צוות</td>",
        "<h2 id=\"incident-lead\"><bdi>Incident <em>lead</em></bdi></h2>",
    ] {
        assert!(r.html.contains(want), "{want} in {}", r.html);
    }
}
