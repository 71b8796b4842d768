//! Adding a language: Arabic (right to left, its own strings with all six plural forms), a region
//! tag that reads its base language's strings (`he-IL` → `i18n/he.ftl`), a language with no
//! content at all, and `keel new --lang`.

mod common;

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use common::*;

/// `keel check --format json`: exit code and (severity, code, file, message) of each diagnostic.
fn check(root: &Path) -> (i32, BTreeSet<(String, String, String, String)>) {
    let o = keel()
        .args(["check", "--format", "json", "--root"])
        .arg(root)
        .env("KEEL_TODAY", "2026-06-01")
        .output()
        .unwrap();
    let diags = String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            let s = |k: &str| v[k].as_str().unwrap_or_default().to_string();
            (s("severity"), s("code"), s("file"), s("message"))
        })
        .collect();
    (o.status.code().unwrap_or(-1), diags)
}

/// The value of a one-line message in an `.ftl` file.
fn ftl_string(file: &Path, id: &str) -> String {
    let text = fs::read_to_string(file).unwrap();
    let prefix = format!("{id} = ");
    text.lines()
        .find_map(|l| l.strip_prefix(&prefix))
        .unwrap_or_else(|| panic!("no `{id}` in {}", file.display()))
        .to_string()
}

/// The diagnostics a change adds to a site's, and whether it still checks without errors.
fn added_by(
    site: &Path,
    change: impl FnOnce(&Path),
) -> (i32, Vec<(String, String, String, String)>) {
    let (code, before) = check(site);
    assert_eq!(code, 0, "{before:?}");
    change(site);
    let (code, after) = check(site);
    let gone: Vec<_> = before.difference(&after).collect();
    assert!(gone.is_empty(), "diagnostics gone: {gone:?}");
    (code, after.difference(&before).cloned().collect())
}

#[test]
fn arabic_and_a_region_tag_build_right_to_left_in_their_own_strings() {
    let site = fixture("arabic");
    let out = site.path().join("out");
    let (code, _, stderr) = build(site.path(), &out);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("error"), "{stderr}");
    // he-IL reads i18n/he.ftl: no file is missing, no string either.
    assert!(!stderr.contains("missing-strings-file"), "{stderr}");
    assert!(!stderr.contains("missing-string"), "{stderr}");
    assert!(!stderr.contains("missing-title"), "{stderr}");

    for page in ["ar/index.html", "ar/ops/carrier-delay/index.html"] {
        let doc = parse(&out.join(page));
        assert_eq!(attr(&doc, "html", "lang"), ["ar"], "{page}");
        assert_eq!(attr(&doc, "html", "dir"), ["rtl"], "{page}");
    }
    let carrier = parse(&out.join("ar/ops/carrier-delay/index.html"));
    assert_eq!(texts(&carrier, "h1"), ["تأخر شركة الشحن"]);
    assert_eq!(
        texts(&carrier, ".lang-switcher [aria-current]"),
        ["العربية"]
    );
    assert_eq!(attr(&carrier, ".lang-switcher", "aria-label"), ["اللغات"]);
    // Three items: Arabic's "few" form; two: its "two" form.
    assert_eq!(texts(&carrier, ".page-progress"), ["3 مهام"]);
    assert_eq!(
        attr(&carrier, ".page-progress", "data-template"),
        ["في هذه الصفحة: أُنجز {done} من 3 مهام"]
    );
    let runbook = parse(&out.join("ar/ops/payment-outage/index.html"));
    assert_eq!(texts(&runbook, ".page-progress"), ["مهمتان"]);
    assert!(
        texts(&runbook, "body")[0].contains("قائد الاستجابة"),
        "role names come from ar.ftl"
    );
    // The site title in Arabic, and the switcher names Arabic in Arabic on every language's pages.
    assert!(
        fs::read_to_string(out.join("ar/index.html"))
            .unwrap()
            .contains("دليل حوادث المتجر")
    );
    for page in ["en/index.html", "he-IL/ops/carrier-delay/index.html"] {
        let doc = parse(&out.join(page));
        let names = texts(&doc, ".lang-switcher li");
        assert!(names.iter().any(|n| n == "العربية"), "{page}: {names:?}");
    }

    // he-IL: Hebrew strings from the repository's i18n/he.ftl, right to left.
    let he = site.path().join("i18n/he.ftl");
    for page in ["he-IL/ops/carrier-delay/index.html", "he-IL/index.html"] {
        let doc = parse(&out.join(page));
        assert_eq!(attr(&doc, "html", "lang"), ["he-IL"], "{page}");
        assert_eq!(attr(&doc, "html", "dir"), ["rtl"], "{page}");
        assert_eq!(
            attr(&doc, ".lang-switcher", "aria-label"),
            [ftl_string(&he, "languages-label")],
            "{page}"
        );
        assert_eq!(
            texts(&doc, ".lang-switcher [aria-current]"),
            [ftl_string(&he, "language-name")],
            "{page}"
        );
    }
    // he-IL has no home page of its own: it falls back to English under a banner.
    let home = parse(&out.join("he-IL/index.html"));
    let banner = texts(&home, ".untranslated-banner");
    assert_eq!(banner.len(), 1);
    // The language is named as a Hebrew sentence needs it, not as "English" pasted in.
    assert!(banner[0].contains("הגרסה האנגלית"), "{banner:?}");
    assert!(!banner[0].contains("English"), "{banner:?}");
}

#[test]
fn arabic_strings_have_all_six_plural_forms() {
    let site = fixture("arabic");
    let loaded = keel::config::Config::load(site.path()).unwrap();
    let mut diags = Vec::new();
    let l =
        keel::locale::Locales::load(site.path(), &loaded.config, &loaded.text, &mut diags).unwrap();
    assert!(diags.is_empty(), "{diags:?}");
    let ar = l.index_of("ar").unwrap();
    assert_eq!(
        // CLDR counts 103–110 as `few` too (n % 100 = 3..10), but intl_pluralrules 7.0.2 tests
        // n itself, so 103 comes out in the `other` form; no checklist is that long.
        [0, 1, 2, 3, 10, 11, 99, 100, 101].map(|n| l.count(ar, "items-count", n)),
        [
            "لا مهام",
            "مهمة واحدة",
            "مهمتان",
            "3 مهام",
            "10 مهام",
            "11 مهمة",
            "99 مهمة",
            "100 مهمة",
            "101 مهمة",
        ]
    );
    let he_il = l.index_of("he-IL").unwrap();
    assert_eq!(l.strings_files(he_il), [Path::new("i18n/he.ftl")]);
    assert_eq!(
        l.languages[he_il].name,
        l.text(he_il, "language-name", None)
    );
}

#[test]
fn a_region_file_comes_before_its_base_language_file() {
    let site = fixture("arabic");
    write(site.path(), "i18n/he-IL.ftl", "nav-label = ניווט בישראל\n");
    let out = site.path().join("out");
    let (code, _, stderr) = build(site.path(), &out);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("missing-string"), "{stderr}");
    let doc = parse(&out.join("he-IL/ops/carrier-delay/index.html"));
    assert_eq!(attr(&doc, ".site-nav", "aria-label"), ["ניווט בישראל"]);
    let he = site.path().join("i18n/he.ftl");
    assert_eq!(
        attr(&doc, ".lang-switcher", "aria-label"),
        [ftl_string(&he, "languages-label")]
    );
}

#[test]
fn a_language_with_no_content_builds_with_two_warnings() {
    let site = fixture("small");
    let (code, added) = added_by(site.path(), |root| {
        edit(
            root,
            "keel.yaml",
            "  - code: pl\n",
            "  - code: pl\n  - code: de\n",
        );
    });
    assert_eq!(code, 0, "{added:?}");
    let codes: Vec<(&str, &str, &str)> = added
        .iter()
        .map(|(s, c, f, _)| (s.as_str(), c.as_str(), f.as_str()))
        .collect();
    assert_eq!(
        codes,
        [
            ("warning", "missing-strings-file", "i18n/de.ftl"),
            ("warning", "missing-title", "keel.yaml"),
        ],
        "{added:?}"
    );
    assert!(added[0].3.contains("`de`"), "{added:?}");
    assert!(added[1].3.contains("`de`"), "{added:?}");

    let out = site.path().join("out");
    let (code, _, stderr) = build(site.path(), &out);
    assert_eq!(code, 0, "{stderr}");
    let home = parse(&out.join("de/index.html"));
    assert_eq!(attr(&home, "html", "lang"), ["de"]);
    assert_eq!(texts(&home, ".untranslated-banner").len(), 1);
    assert_eq!(texts(&home, ".lang-switcher [aria-current]"), ["Deutsch"]);
    assert!(out.join("de/ops/outage/index.html").is_file());

    // Both warnings go away once the file and the key they name are there.
    fs::copy(
        site.path().join("i18n/en.ftl"),
        site.path().join("i18n/de.ftl"),
    )
    .unwrap();
    edit(
        site.path(),
        "keel.yaml",
        "  pl: Próba\n",
        "  pl: Próba\n  de: Probe\n",
    );
    let (code, after) = check(site.path());
    assert_eq!(code, 0);
    let fixed: Vec<_> = after.iter().filter(|d| d.2.contains("de")).collect();
    assert!(fixed.is_empty(), "{fixed:?}");
}

#[test]
fn the_bundled_playbook_takes_a_new_language_with_two_warnings() {
    // Its home page has checklists, which a made-up Arabic home page used to be compared with.
    let site = tempfile::tempdir().unwrap();
    for dir in ["content", "themes", "i18n"] {
        copy_dir(&repo().join(dir), &site.path().join(dir));
    }
    fs::copy(repo().join("keel.yaml"), site.path().join("keel.yaml")).unwrap();
    let (code, added) = added_by(site.path(), |root| {
        edit(
            root,
            "keel.yaml",
            "  - code: pl\n",
            "  - code: pl\n  - code: ar\n",
        );
    });
    assert_eq!(code, 0, "{added:?}");
    let codes: Vec<&str> = added.iter().map(|d| d.1.as_str()).collect();
    assert_eq!(
        codes,
        ["missing-strings-file", "missing-title"],
        "{added:?}"
    );
}

#[test]
fn a_home_page_with_checklists_falls_back_or_is_made_up_without_an_id_error() {
    for mode in ["fallback", "omit"] {
        let site = fixture("small");
        let root = site.path();
        edit(
            root,
            "keel.yaml",
            "  - code: pl\n",
            "  - code: pl\n  - code: de\n",
        );
        edit(
            root,
            "keel.yaml",
            "untranslated: fallback",
            &format!("untranslated: {mode}"),
        );
        edit(
            root,
            "keel.yaml",
            "  pl: Próba\n",
            "  pl: Próba\n  de: Probe\n",
        );
        // Every written home page has the checklist; de has no home page of its own.
        for lang in ["en", "he", "pl"] {
            let file = format!("content/{lang}/_index.md");
            let home = fs::read_to_string(root.join(&file)).unwrap();
            write(
                root,
                &file,
                &format!("{home}\n## First {{#first}}\n\n- [ ] Breathe {{#breathe}}\n"),
            );
        }
        // One page of its own, so the language counts as started.
        write(
            root,
            "content/de/ops/outage.md",
            "---\ntitle: Ausfall\nsummary: Die Seite ist nicht erreichbar.\nreviewed: 2026-01-01\n---\n## Jetzt {#act-now}\n\n- [ ] Ausfall bestätigen {#confirm}\n- [ ] Banner zeigen {#banner}\n",
        );
        let (code, diags) = check(root);
        assert_eq!(code, 0, "{mode}: {diags:?}");
        assert!(
            !diags.iter().any(|d| d.1 == "translation-ids"),
            "{mode}: {diags:?}"
        );
        // The home page is a missing translation like any other page.
        assert!(
            diags.iter().any(|d| d.1 == "missing-translation"
                && d.2 == "content/en/_index.md"
                && d.3.contains("no de version")),
            "{mode}: {diags:?}"
        );
        let out = root.join("out");
        let (code, _, stderr) = build(root, &out);
        assert_eq!(code, 0, "{mode}: {stderr}");
        let home = fs::read_to_string(out.join("de/index.html")).unwrap();
        assert_eq!(home.contains("breathe"), mode == "fallback", "{mode}");
    }
}

#[test]
fn a_region_tag_without_any_strings_file_names_the_base_file() {
    let site = fixture("small");
    let (code, added) = added_by(site.path(), |root| {
        edit(
            root,
            "keel.yaml",
            "  - code: pl\n",
            "  - code: pl\n  - code: pt-BR\n",
        );
        edit(
            root,
            "keel.yaml",
            "  pl: Próba\n",
            "  pl: Próba\n  pt-BR: Ensaio\n",
        );
    });
    assert_eq!(code, 0);
    assert_eq!(added.len(), 1, "{added:?}");
    let (_, code, file, message) = &added[0];
    assert_eq!(
        (code.as_str(), file.as_str()),
        ("missing-strings-file", "i18n/pt.ftl")
    );
    assert!(message.contains("i18n/pt-BR.ftl, i18n/pt.ftl"), "{message}");
    let out = site.path().join("out");
    assert_eq!(build(site.path(), &out).0, 0);
    let doc = parse(&out.join("pt-BR/index.html"));
    assert_eq!(texts(&doc, ".lang-switcher [aria-current]"), ["Português"]);
}

#[test]
fn new_writes_only_the_language_asked_for() {
    let site = fixture("arabic");
    let root = site.path();
    let before = snapshot(&root.join("content"));
    let o = keel()
        .args(["new", "ops", "flood", "--lang", "ar", "--root"])
        .arg(root)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let after = snapshot(&root.join("content"));
    let new: Vec<&String> = after.keys().filter(|k| !before.contains_key(*k)).collect();
    assert_eq!(new, ["ar/ops/flood.md"]);
    assert!(
        before.iter().all(|(k, v)| after[k] == *v),
        "nothing else changes"
    );

    // A page other languages have is copied as a draft to translate, with the same ids.
    let o = keel()
        .args(["new", "ops", "payment-outage", "--lang", "he-IL", "--root"])
        .arg(root)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("as a draft"));
    let copy = fs::read_to_string(root.join("content/he-IL/ops/payment-outage.yaml")).unwrap();
    assert!(copy.starts_with("draft: true"), "{copy}");
    assert!(copy.contains("id: switch-backup"), "{copy}");

    // A new section: its index in that language only.
    let o = keel()
        .args([
            "new",
            "drills",
            "fire",
            "--checklist",
            "--lang",
            "ar",
            "--root",
        ])
        .arg(root)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(root.join("content/ar/drills/_index.md").is_file());
    assert!(root.join("content/ar/drills/fire.yaml").is_file());
    assert!(!root.join("content/en/drills").exists());

    let out = root.join("out");
    let (code, _, stderr) = build(root, &out);
    assert_eq!(code, 0, "{stderr}");
    // The other languages show the new page from Arabic.
    assert!(out.join("en/ops/flood/index.html").is_file());
    assert!(out.join("he-IL/drills/fire/index.html").is_file());

    // Without --lang: the default language. A language the site lacks is a usage error.
    let o = keel()
        .args(["new", "ops", "storm", "--root"])
        .arg(root)
        .output()
        .unwrap();
    assert!(o.status.success());
    assert!(root.join("content/en/ops/storm.md").is_file());
    assert!(!root.join("content/ar/ops/storm.md").exists());
    let o = keel()
        .args(["new", "ops", "hail", "--lang", "de", "--root"])
        .arg(root)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("en, ar, he-IL"));
    // The page exists in that language already.
    let o = keel()
        .args(["new", "ops", "flood", "--lang", "ar", "--root"])
        .arg(root)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn a_region_tag_as_the_default_language_reads_its_base_file() {
    let site = fixture("small");
    let root = site.path();
    fs::rename(root.join("content/en"), root.join("content/en-GB")).unwrap();
    edit(root, "keel.yaml", "  en: Fixture", "  en-GB: Fixture");
    edit(
        root,
        "keel.yaml",
        "default_language: en",
        "default_language: en-GB",
    );
    edit(root, "keel.yaml", "- code: en\n", "- code: en-GB\n");
    let out = root.join("out");
    let (code, _, stderr) = build(root, &out);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("missing-string"), "{stderr}");
    let page = fs::read_to_string(out.join("en-GB/ops/outage/index.html")).unwrap();
    // The theme's script strings come from en.ftl too.
    assert!(page.contains("\"mark-all\":\"Mark all done\""), "{page}");
    let doc = parse(&out.join("en-GB/index.html"));
    assert_eq!(texts(&doc, ".lang-switcher [aria-current]"), ["English"]);
}
