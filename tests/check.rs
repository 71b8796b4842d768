//! `keel check`: one fixture change per diagnostic kind, asserting the code, file, line, column
//! and exit code that an editor (or a CI job reading `--format json`) sees.

mod common;

use std::fs;
use std::path::Path;

use common::*;

#[derive(Debug)]
struct Diag {
    severity: String,
    code: String,
    file: String,
    line: u64,
    column: u64,
}

fn check(root: &Path, extra: &[&str]) -> (i32, Vec<Diag>) {
    let o = keel()
        .args(["check", "--format", "json"])
        .args(extra)
        .arg("--root")
        .arg(root)
        .env("KEEL_TODAY", "2026-11-24")
        .output()
        .unwrap();
    let diags = String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| {
            let v: serde_json::Value =
                serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}"));
            Diag {
                severity: v["severity"].as_str().unwrap().into(),
                code: v["code"].as_str().unwrap().into(),
                file: v["file"].as_str().unwrap().into(),
                line: v["line"].as_u64().unwrap(),
                column: v["column"].as_u64().unwrap(),
            }
        })
        .collect();
    (o.status.code().unwrap_or(-1), diags)
}

type Change = fn(&Path);

/// (what, change, severity, code, file, line, column); line/column 0 = not asserted.
const CASES: &[(&str, Change, &str, &str, &str, u64, u64)] = &[
    (
        "a quote never closed is reported where it opens, not where the text ends",
        |r| {
            write(
                r,
                "content/en/ops/quote.md",
                &format!(
                    "---\ntitle: \"Payment outage\nsummary: s\n{}---\nx\n",
                    "weight: 1\n".repeat(25)
                ),
            )
        },
        "error",
        "yaml-syntax",
        "content/en/ops/quote.md",
        2,
        8,
    ),
    (
        "a page without a title takes its first heading",
        |r| write(r, "content/en/ops/plain.md", "\n# Carrier delay\n\nText.\n"),
        "warning",
        "title-from-heading",
        "content/en/ops/plain.md",
        2,
        1,
    ),
    (
        "a date that is no date, placed on the value",
        |r| {
            edit(
                r,
                "content/en/ops/outage.md",
                "title: Outage\n",
                "title: Outage\nupdated: 2026-02-30\n",
            )
        },
        "error",
        "bad-date",
        "content/en/ops/outage.md",
        3,
        10,
    ),
    (
        "yaml syntax",
        |r| {
            edit(
                r,
                "content/en/ops/daily.yaml",
                "        role: log",
                "      role: [log",
            )
        },
        "error",
        "yaml-syntax",
        "content/en/ops/daily.yaml",
        16,
        7,
    ),
    (
        "front matter syntax, position in the file",
        |r| {
            edit(
                r,
                "content/pl/ops/outage.md",
                "weight: 10",
                "weight: 10: 20",
            )
        },
        "error",
        "yaml-syntax",
        "content/pl/ops/outage.md",
        4,
        11,
    ),
    (
        "unknown key",
        |r| edit(r, "content/pl/ops/outage.md", "summary:", "sumary:"),
        "error",
        "unknown-key",
        "content/pl/ops/outage.md",
        3,
        1,
    ),
    (
        "wrong type",
        |r| {
            edit(
                r,
                "content/en/ops/daily.yaml",
                "kind: routine",
                "kind: routin",
            )
        },
        "error",
        "wrong-type",
        "content/en/ops/daily.yaml",
        5,
        7,
    ),
    (
        "no title and no heading to take it from",
        |r| write(r, "content/en/ops/untitled.md", "---\nsummary: s\n---\nx\n"),
        "error",
        "empty-title",
        "content/en/ops/untitled.md",
        0,
        0,
    ),
    (
        "duplicate checklist id",
        |r| edit(r, "content/en/ops/daily.yaml", "id: stock", "id: orders"),
        "error",
        "duplicate-id",
        "content/en/ops/daily.yaml",
        14,
        13,
    ),
    (
        "duplicate slug",
        |r| {
            write(
                r,
                "content/en/ops/outage.yaml",
                "title: x\nsummary: s\nchecklists: []\n",
            )
        },
        "error",
        "duplicate-slug",
        "content/en/ops/outage.yaml",
        0,
        0,
    ),
    (
        "invalid language tag",
        |r| edit(r, "keel.yaml", "- code: pl", "- code: p!l"),
        "error",
        "invalid-language",
        "keel.yaml",
        10,
        11,
    ),
    (
        "broken link",
        |r| {
            edit(
                r,
                "content/en/_index.md",
                "@pl/ops/outage.md",
                "@pl/ops/nope.md",
            )
        },
        "error",
        "broken-link",
        "content/en/_index.md",
        6,
        53,
    ),
    (
        "broken anchor",
        |r| edit(r, "content/en/_index.md", "#act-now", "#act-later"),
        "error",
        "broken-anchor",
        "content/en/_index.md",
        6,
        7,
    ),
    (
        "broken related page",
        |r| {
            edit(
                r,
                "content/he/ops/outage.md",
                "related: [ops/daily]",
                "related: [ops/nightly]",
            )
        },
        "error",
        "broken-link",
        "content/he/ops/outage.md",
        6,
        11,
    ),
    (
        "unsafe link",
        |r| {
            edit(
                r,
                "content/en/ops/outage.md",
                "Intro with",
                "[x](javascript:alert(1)) Intro with",
            )
        },
        "error",
        "unsafe-link",
        "content/en/ops/outage.md",
        8,
        1,
    ),
    (
        "template error",
        |r| {
            edit(
                r,
                "themes/default/templates/section.html",
                "{% endfor %}",
                "{% endfo %}",
            )
        },
        "error",
        "template",
        "themes/default/templates/section.html",
        12,
        4,
    ),
    (
        "fluent syntax",
        |r| {
            edit(
                r,
                "i18n/pl.ftl",
                "related = Powiązane strony",
                "related = { $x",
            )
        },
        "error",
        "fluent-syntax",
        "i18n/pl.ftl",
        0,
        0,
    ),
    (
        "translation ids differ",
        |r| edit(r, "content/he/ops/outage.md", "{#banner}", "{#banner-he}"),
        "error",
        "translation-ids",
        "content/he/ops/outage.md",
        11,
        20,
    ),
    (
        "bad time target",
        |r| edit(r, "content/en/ops/drill.yaml", "due: T+5m", "due: soon"),
        "error",
        "bad-due",
        "content/en/ops/drill.yaml",
        0,
        0,
    ),
    (
        "bad slug",
        |r| write(r, "content/en/ops/Big Outage.md", "---\ntitle: x\n---\n"),
        "error",
        "bad-slug",
        "content/en/ops/Big Outage.md",
        0,
        0,
    ),
    (
        "missing string",
        |r| edit(r, "i18n/pl.ftl", "related = Powiązane strony\n", ""),
        "warning",
        "missing-string",
        "i18n/pl.ftl",
        0,
        0,
    ),
    (
        "missing translation",
        |_| {},
        "warning",
        "missing-translation",
        "content/en/ops/daily.yaml",
        0,
        0,
    ),
    (
        "long checklist",
        |r| {
            write(
                r,
                "content/en/ops/long.md",
                &format!(
                    "---\ntitle: Long\nsummary: s\n---\n## All {{#all}}\n\n{}",
                    (1..=10)
                        .map(|i| format!("- [ ] Step {i} {{#s{i}}}\n"))
                        .collect::<String>()
                ),
            )
        },
        "warning",
        "long-checklist",
        "content/en/ops/long.md",
        5,
        8,
    ),
    (
        "runbook without roles",
        |r| {
            edit(
                r,
                "content/en/ops/drill.yaml",
                "roles:\n  - id: il\n    duty: Leads.\n",
                "",
            )
        },
        "warning",
        "runbook-no-roles",
        "content/en/ops/drill.yaml",
        5,
        1,
    ),
    (
        "a live checklist (a runbook's) with steps that have no time target",
        |r| {
            edit(r, "content/en/ops/drill.yaml", "        due: T+15m\n", "");
        },
        "warning",
        "live-without-times",
        "content/en/ops/drill.yaml",
        21,
        13,
    ),
    (
        "a live checklist (phase respond) that does not say read-do or do-confirm",
        |r| {
            write(
                r,
                "content/en/ops/now.md",
                "---\ntitle: Now\nseverity: high\n---\n## Act now {#act-now phase=respond}\n\n- [ ] Call the provider {#call due=T+5m}\n",
            )
        },
        "warning",
        "live-without-mode",
        "content/en/ops/now.md",
        5,
        12,
    ),
    (
        "a page naming its severity with no live checklist",
        |r| {
            write(
                r,
                "content/en/ops/calm.md",
                "---\ntitle: Calm\nseverity: medium\n---\n## Later {#later}\n\n- [ ] Review the plan {#review}\n",
            )
        },
        "warning",
        "incident-without-live-list",
        "content/en/ops/calm.md",
        3,
        1,
    ),
    (
        "a list of alternatives written as steps",
        |r| {
            write(
                r,
                "content/en/ops/choose.md",
                "---\ntitle: Choose\n---\n## Contain {#contain}\n\nChoose one of these:\n\n- [ ] Pause checkout {#pause}\n- [ ] Pull the campaign {#pull}\n- [ ] Stop the product {#stop}\n",
            )
        },
        "warning",
        "alternatives-as-steps",
        "content/en/ops/choose.md",
        4,
        12,
    ),
    (
        "a message template using a placeholder the page does not define",
        |r| {
            write(
                r,
                "content/en/ops/messages.yaml",
                "title: Messages\nkind: messages\nplaceholders:\n  - id: issue\n    label: What is wrong\nmessages:\n  - id: banner\n    title: Banner\n    channel: banner\n    text: We know that {isue}.\n",
            )
        },
        "error",
        "unknown-placeholder",
        "content/en/ops/messages.yaml",
        10,
        24,
    ),
    (
        "a translated template with other placeholders",
        |r| {
            let page = |text: &str| {
                format!(
                    "title: M\nkind: messages\nplaceholders:\n  - id: issue\n    label: L\n  - id: next_update\n    label: N\nmessages:\n  - id: banner\n    title: B\n    channel: banner\n    text: \"{text}\"\n"
                )
            };
            write(
                r,
                "content/en/ops/messages.yaml",
                &page("{issue}, next {next_update}"),
            );
            write(r, "content/he/ops/messages.yaml", &page("{issue}"));
        },
        "error",
        "translation-ids",
        "content/he/ops/messages.yaml",
        0,
        0,
    ),
    (
        "a page using a variant its language's glossary says to avoid",
        |r| {
            write(
                r,
                "content/he/ops/terms.md",
                "---\ntitle: מונחים\nterms:\n  - prefer: הודעת ביניים\n    avoid: [הודעת המתנה]\n---\nמילון.\n",
            );
            edit(
                r,
                "content/he/ops/outage.md",
                "\n---\n",
                "\n---\nפרסמו את ההודעת המתנה.\n",
            );
        },
        "warning",
        "avoided-term",
        "content/he/ops/outage.md",
        8,
        11,
    ),
    (
        "stale review",
        |r| {
            edit(
                r,
                "content/pl/ops/outage.md",
                "reviewed: 2026-01-01",
                "reviewed: 2025-01-01",
            )
        },
        "warning",
        "stale-review",
        "content/pl/ops/outage.md",
        5,
        1,
    ),
    (
        "translation older than its source",
        |r| {
            edit(
                r,
                "content/en/ops/outage.md",
                "reviewed: 2026-01-01",
                "reviewed: 2026-01-01\nupdated: 2026-06-01",
            )
        },
        "warning",
        "outdated-translation",
        "content/he/ops/outage.md",
        5,
        1,
    ),
];

#[test]
fn every_diagnostic_kind_is_reported_where_it_is() {
    let mut failures = Vec::new();
    for (what, change, severity, code, file, line, column) in CASES {
        let site = fixture("small");
        change(site.path());
        let (exit, diags) = check(site.path(), &[]);
        let found = diags.iter().find(|d| d.code == *code && d.file == *file);
        let Some(d) = found else {
            failures.push(format!("{what}: no {code} in {file}; got {diags:?}"));
            continue;
        };
        if d.severity != *severity || (*line > 0 && (d.line, d.column) != (*line, *column)) {
            failures.push(format!(
                "{what}: expected {severity} at {line}:{column}, got {d:?}"
            ));
        }
        let expected_exit = if *severity == "error" { 1 } else { 0 };
        if exit != expected_exit {
            failures.push(format!("{what}: exit {exit}, expected {expected_exit}"));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn every_problem_in_a_front_matter_is_reported_in_one_run() {
    let site = fixture("small");
    write(
        site.path(),
        "content/en/ops/many.md",
        "---\ntitle: Many\nsummry: x\nweight: heavy\nreviewed: 2026-13-45\ntags: [a]\ndescription: fine\n---\nSee [x](@/nowhere.md).\n",
    );
    let (exit, diags) = check(site.path(), &[]);
    assert_eq!(exit, 1);
    let found: Vec<(&str, u64, u64)> = diags
        .iter()
        .filter(|d| d.file == "content/en/ops/many.md" && d.severity == "error")
        .map(|d| (d.code.as_str(), d.line, d.column))
        .collect();
    assert_eq!(
        found,
        [
            ("unknown-key", 3, 1),
            ("wrong-type", 4, 9),
            ("bad-date", 5, 11),
            ("unknown-key", 6, 1),
            // The body is checked in the same run, with the keys that parse.
            ("broken-link", 9, 5)
        ]
    );
}

#[test]
fn strict_fails_on_warnings_and_text_output_shows_the_source() {
    let site = fixture("small");
    assert_eq!(
        check(site.path(), &[]).0,
        0,
        "the fixture has only warnings"
    );
    assert_eq!(check(site.path(), &["--strict"]).0, 1);
    edit(
        site.path(),
        "content/pl/ops/outage.md",
        "summary:",
        "sumary:",
    );
    let o = keel()
        .args(["check", "--root"])
        .arg(site.path())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("content/pl/ops/outage.md:3:1: error[unknown-key]: unknown key `sumary`\n  |\n3 | sumary: Sklep nie działa.\n  | ^\n  = hint: did you mean `summary`?"), "{err}");
}

#[test]
fn check_writes_nothing() {
    let site = fixture("small");
    let before = snapshot(site.path());
    keel()
        .args(["check", "--root"])
        .arg(site.path())
        .assert()
        .success();
    assert_eq!(snapshot(site.path()), before);
}

#[test]
fn the_bundled_playbook_checks_clean() {
    let (exit, diags) = check(&repo(), &["--strict"]);
    assert_eq!(exit, 0, "{diags:?}");
    assert!(diags.is_empty(), "{diags:?}");
}

#[test]
fn committed_schemas_are_up_to_date() {
    for (name, text) in keel::schema::schemas() {
        let committed = fs::read_to_string(repo().join("schemas").join(name)).unwrap_or_default();
        assert_eq!(
            committed, text,
            "schemas/{name} is stale: run `cargo run -- schema`"
        );
    }
}

#[test]
fn schemas_describe_the_content_files() {
    let (_, page) = keel::schema::schemas()
        .into_iter()
        .find(|(n, _)| *n == "page.schema.json")
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(&page).unwrap();
    assert_eq!(v["additionalProperties"], false, "unknown keys are errors");
    for key in [
        "title",
        "summary",
        "reviewed",
        "checklists",
        "injects",
        "recurrence",
    ] {
        assert!(v["properties"][key].is_object(), "{key}");
    }
    // A Markdown page may take its title from its first `# Heading`: checked by `keel check`.
    assert!(v["required"].is_null(), "{}", v["required"]);
}
