//! Builds real sites into temp dirs and inspects the output with an HTML parser.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use common::*;

/// Language of an output page, from its path under the output root.
fn page_lang(out: &Path, page: &Path) -> String {
    page.strip_prefix(out)
        .unwrap()
        .iter()
        .next()
        .unwrap()
        .to_string_lossy()
        .into_owned()
}

/// The checks every built site must pass; `langs` lists (code, dir).
fn assert_site_is_sound(out: &Path, langs: &[(&str, &str)]) {
    let pages = html_files(out);
    assert!(!pages.is_empty());
    let mut alternates: BTreeMap<String, BTreeSet<(String, String)>> = BTreeMap::new();
    for page in &pages {
        let rel = page
            .strip_prefix(out)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let doc = parse(page);
        let Some((code, dir)) = langs
            .iter()
            .find(|(c, _)| rel.starts_with(&format!("{c}/")))
        else {
            continue; // root chooser, 404
        };
        let html = doc.select(&sel("html")).next().unwrap();
        assert_eq!(html.value().attr("lang"), Some(*code), "{rel}");
        assert_eq!(html.value().attr("dir"), Some(*dir), "{rel}");
        // Every relative link resolves to a file, as it must on file://.
        for href in attr(&doc, "a[href], link[rel=stylesheet], script[src]", "href")
            .into_iter()
            .chain(attr(&doc, "script[src]", "src"))
        {
            if href.starts_with("http") || href.starts_with('#') || href.starts_with("mailto:") {
                continue;
            }
            assert!(
                resolve(page, &href).is_file(),
                "{rel}: link {href} points nowhere"
            );
        }
        // The switcher goes to the same page in the other language (or its home).
        for a in doc.select(&sel(".lang-switcher a")) {
            let target_lang = a.value().attr("hreflang").unwrap();
            let target = resolve(page, a.value().attr("href").unwrap());
            assert_eq!(page_lang(out, &target), target_lang, "{rel}");
            let target_doc = parse(&target);
            let target_html = target_doc.select(&sel("html")).next().unwrap();
            assert_eq!(target_html.value().attr("lang"), Some(target_lang));
        }
        let set: BTreeSet<(String, String)> = doc
            .select(&sel("link[rel=alternate][hreflang]"))
            .map(|l| {
                (
                    l.value().attr("hreflang").unwrap().to_string(),
                    l.value().attr("href").unwrap().to_string(),
                )
            })
            .collect();
        if !set.is_empty() {
            alternates.insert(rel, set);
        }
    }
    // hreflang sets are symmetric: each page listed as an alternate lists the same set.
    let base = "https://example.org/";
    for (rel, set) in &alternates {
        for (lang, url) in set {
            if lang == "x-default" {
                continue;
            }
            let path = url.split_once(base).map(|(_, p)| p).unwrap_or(url);
            let path = path
                .trim_start_matches("sub/")
                .trim_start_matches("playbook/");
            let other = format!("{path}index.html");
            assert_eq!(
                alternates.get(&other),
                Some(set),
                "{rel} lists {other} but their hreflang sets differ"
            );
        }
    }
    // The sitemap lists every page that is not a fallback copy.
    let sitemap = fs::read_to_string(out.join("sitemap.xml")).unwrap();
    for page in &pages {
        let rel = page
            .strip_prefix(out)
            .unwrap()
            .to_string_lossy()
            .replace("index.html", "");
        if !langs.iter().any(|(c, _)| rel.starts_with(&format!("{c}/"))) {
            continue;
        }
        let doc = parse(page);
        let fallback = doc.select(&sel("meta[name=robots]")).next().is_some();
        assert_eq!(
            sitemap.contains(&format!("/{rel}</loc>")),
            !fallback,
            "sitemap and {rel}"
        );
    }
}

#[test]
fn fixture_site_builds_with_direction_switcher_hreflang_and_sitemap() {
    let site = fixture("small");
    let out = site.path().join("out");
    let (code, stdout, stderr) = build(site.path(), &out);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("Built ") && stdout.contains("en 5") && stdout.contains("he 5"),
        "{stdout}"
    );
    for lang in ["en", "he", "pl"] {
        assert!(out.join(lang).join("index.html").is_file());
    }
    assert_site_is_sound(&out, &[("en", "ltr"), ("he", "rtl"), ("pl", "ltr")]);
}

#[test]
fn checklists_render_as_labelled_checkboxes_with_stable_ids() {
    let site = fixture("small");
    let out = site.path().join("out");
    assert_eq!(build(site.path(), &out).0, 0);
    for lang in ["en", "he", "pl"] {
        let doc = parse(&out.join(lang).join("ops/outage/index.html"));
        let items = attr(&doc, "[data-checklist=act-now] [data-item]", "data-item");
        assert_eq!(items, ["confirm", "banner"], "{lang}");
        for input in doc.select(&sel("[data-checklist] input[type=checkbox]")) {
            assert!(input.value().attr("disabled").is_none());
            let label = input
                .ancestors()
                .filter_map(scraper::ElementRef::wrap)
                .any(|e| e.value().name() == "label");
            assert!(label, "every checkbox sits in a label");
        }
    }
    let doc = parse(&out.join("en/ops/daily/index.html"));
    assert_eq!(
        attr(&doc, "[data-checklist=morning]", "data-recurrence"),
        ["daily"]
    );
    let roles: Vec<String> = doc
        .select(&sel(".role"))
        .map(|e| e.text().collect())
        .collect();
    assert_eq!(roles, ["Customer service", "Logistics"]);
    let he = parse(&out.join("he/ops/daily/index.html"));
    let roles: Vec<String> = he
        .select(&sel(".role"))
        .map(|e| e.text().collect())
        .collect();
    assert_eq!(roles, ["שירות לקוחות", "לוגיסטיקה ותפעול"]);
}

#[test]
fn missing_translations_fall_back_with_a_banner() {
    let site = fixture("small");
    let out = site.path().join("out");
    assert_eq!(build(site.path(), &out).0, 0);
    // pl has no daily routine and nobody but en has the drill.
    let doc = parse(&out.join("pl/ops/daily/index.html"));
    let html = doc.select(&sel("html")).next().unwrap();
    assert_eq!(html.value().attr("lang"), Some("pl"));
    let banner: String = doc
        .select(&sel(".untranslated-banner"))
        .next()
        .expect("banner")
        .text()
        .collect();
    assert!(
        banner.contains("nie jest jeszcze przetłumaczona"),
        "{banner}"
    );
    assert_eq!(attr(&doc, "article", "lang"), ["en"]);
    assert!(
        doc.select(&sel("link[rel=alternate][hreflang]"))
            .next()
            .is_none()
    );
    // The real pages do not claim a Polish version of the routine.
    let en = parse(&out.join("en/ops/daily/index.html"));
    let langs = attr(&en, "link[rel=alternate]", "hreflang");
    assert_eq!(langs, ["en", "he", "x-default"]);
    let switch: Vec<String> = en
        .select(&sel(".lang-switcher li"))
        .map(|e| e.text().collect())
        .collect();
    assert!(switch[2].contains("not translated yet"), "{switch:?}");
}

#[test]
fn omitted_translations_send_the_switcher_home() {
    let site = fixture("small");
    let cfg = site.path().join("keel.yaml");
    fs::write(
        &cfg,
        fs::read_to_string(&cfg)
            .unwrap()
            .replace("untranslated: fallback", "untranslated: omit"),
    )
    .unwrap();
    let out = site.path().join("out");
    assert_eq!(build(site.path(), &out).0, 0);
    assert!(!out.join("pl/ops/daily/index.html").exists());
    let en = parse(&out.join("en/ops/daily/index.html"));
    let pl_link = attr(&en, ".lang-switcher a[hreflang=pl]", "href");
    assert_eq!(pl_link, ["../../../pl/index.html"]);
    assert_site_is_sound(&out, &[("en", "ltr"), ("he", "rtl"), ("pl", "ltr")]);
}

#[test]
fn markdown_features_links_and_escaping() {
    let site = fixture("small");
    let out = site.path().join("out");
    assert_eq!(build(site.path(), &out).0, 0);
    let home = fs::read_to_string(out.join("en/index.html")).unwrap();
    assert!(
        home.contains("href=\"../en/ops/outage/index.html#act-now\""),
        "{home}"
    );
    assert!(home.contains("href=\"../pl/ops/outage/index.html\""));
    let outage = fs::read_to_string(out.join("en/ops/outage/index.html")).unwrap();
    assert!(
        !outage.contains("<script>alert") && !outage.contains("alert(1)"),
        "a script in content is removed with its content"
    );
    assert!(outage.contains("Intro with  raw HTML."), "{outage}");
    let he = fs::read_to_string(out.join("he/index.html")).unwrap();
    assert!(
        he.contains("<bdi>SKU-12</bdi>"),
        "Latin runs are isolated in RTL text"
    );
    assert!(he.contains("<code dir=\"ltr\">code</code>"));
    let drill = parse(&out.join("en/ops/drill/index.html"));
    assert_eq!(
        attr(&drill, "[data-item=decide]", "class"),
        ["item kind-decision"]
    );
    assert_eq!(attr(&drill, "[data-item=declare]", "data-due"), ["5"]);
    let root = parse(&out.join("index.html"));
    assert_eq!(
        attr(&root, "[data-languages] a", "href"),
        ["en/index.html", "he/index.html", "pl/index.html"]
    );
    assert!(out.join("404.html").is_file());
    let not_found = fs::read_to_string(out.join("404.html")).unwrap();
    assert!(
        not_found.contains("href=\"/sub/he/\""),
        "404 links work at any depth under base_url"
    );
}

#[test]
fn two_builds_are_byte_identical() {
    let site = fixture("small");
    let (a, b) = (site.path().join("a"), site.path().join("b"));
    assert_eq!(build(site.path(), &a).0, 0);
    assert_eq!(build(site.path(), &b).0, 0);
    assert_eq!(snapshot(&a), snapshot(&b));
}

#[test]
fn bundled_playbook_builds_cleanly() {
    let out = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = build(&repo(), out.path());
    assert_eq!(code, 0, "{stderr}");
    assert!(
        !stderr.contains("warning"),
        "the bundled site builds without warnings:\n{stderr}"
    );
    assert!(stdout.contains("Built"));
    assert_site_is_sound(out.path(), &[("en", "ltr"), ("he", "rtl"), ("pl", "ltr")]);
}

#[test]
fn init_writes_a_site_that_builds() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    keel().arg("init").arg(&site).assert().success();
    let (code, _, stderr) = build(&site, &site.join("public"));
    assert_eq!(code, 0, "{stderr}");
    assert!(site.join("public/he/guide/first-hour/index.html").is_file());
    // A second init into a non-empty folder refuses.
    keel().arg("init").arg(&site).assert().failure();
}

#[test]
fn the_starter_embeds_every_theme_file() {
    let mut on_disk: Vec<String> = walkdir::WalkDir::new(repo().join("themes/default"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(repo())
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    on_disk.extend(["i18n/en.ftl", "i18n/he.ftl", "i18n/pl.ftl"].map(String::from));
    on_disk.sort();
    let mut embedded: Vec<String> = keel::starter::THEME_FILES
        .iter()
        .map(|(p, _)| p.to_string())
        .collect();
    embedded.sort();
    assert_eq!(embedded, on_disk);
}

#[test]
fn drafts_are_built_only_on_request() {
    let site = fixture("small");
    fs::write(
        site.path().join("content/en/ops/plan.md"),
        "---\ntitle: Plan\nsummary: Not ready.\ndraft: true\n---\nDraft.\n",
    )
    .unwrap();
    let out = site.path().join("out");
    assert_eq!(build(site.path(), &out).0, 0);
    assert!(!out.join("en/ops/plan/index.html").exists());
    let o = keel()
        .args(["build", "--drafts", "--root"])
        .arg(site.path())
        .arg("--output")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success());
    assert!(out.join("en/ops/plan/index.html").is_file());
}

#[test]
fn translation_key_links_pages_with_different_paths() {
    let site = fixture("small");
    let page = |title: &str| {
        format!("---\ntitle: {title}\nsummary: s\ntranslation_key: escalation\n---\nText.\n")
    };
    fs::write(
        site.path().join("content/en/ops/escalation.md"),
        page("Escalation"),
    )
    .unwrap();
    fs::write(
        site.path().join("content/pl/ops/eskalacja.md"),
        page("Eskalacja"),
    )
    .unwrap();
    let out = site.path().join("out");
    let (code, _, stderr) = build(site.path(), &out);
    assert_eq!(code, 0, "{stderr}");
    let en = parse(&out.join("en/ops/escalation/index.html"));
    assert_eq!(
        attr(&en, ".lang-switcher a[hreflang=pl]", "href"),
        ["../../../pl/ops/eskalacja/index.html"]
    );
    let alternates = attr(&en, "link[rel=alternate]", "hreflang");
    assert_eq!(alternates, ["en", "pl", "x-default"]);
}

#[test]
fn an_unchanged_rebuild_writes_nothing() {
    let site = fixture("small");
    let out = site.path().join("out");
    assert_eq!(build(site.path(), &out).0, 0);
    let page = out.join("en/ops/outage/index.html");
    let before = fs::metadata(&page).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(30));
    let (code, stdout, _) = build(site.path(), &out);
    assert_eq!(code, 0);
    assert!(stdout.contains("; 0 of "), "{stdout}");
    assert_eq!(
        fs::metadata(&page).unwrap().modified().unwrap(),
        before,
        "the file was not rewritten"
    );
    let f = site.path().join("content/en/ops/outage.md");
    fs::write(
        &f,
        fs::read_to_string(&f)
            .unwrap()
            .replace("Intro with", "New intro with"),
    )
    .unwrap();
    let (_, stdout, _) = build(site.path(), &out);
    // The page, the one term shard and the one document file of its language's search index
    // that hold it, and the three service workers (new cache version).
    assert!(
        stdout.contains("; 6 of "),
        "only the edited page and what indexes it change: {stdout}"
    );
}

#[test]
fn a_no_op_rebuild_trusts_the_manifest_only_while_sources_and_output_are_as_left() {
    // The bundled playbook builds without warnings, so its build records a fingerprint.
    let site = tempfile::tempdir().unwrap();
    for dir in ["content", "themes", "i18n"] {
        common::copy_dir(&repo().join(dir), &site.path().join(dir));
    }
    fs::copy(repo().join("keel.yaml"), site.path().join("keel.yaml")).unwrap();
    let out = site.path().join("out");
    let (code, _, stderr) = build(site.path(), &out);
    assert_eq!(code, 0, "{stderr}");
    let manifest = fs::read_to_string(site.path().join(".out.keel-manifest")).unwrap();
    assert!(
        manifest.contains("\nfingerprint "),
        "a clean build records its inputs"
    );
    assert!(
        manifest.contains(" en/crises/payment-outage/index.html\n"),
        "{manifest}"
    );
    let before = common::snapshot(&out);
    // Nothing changed (a touched file with the same bytes is no change): nothing is written.
    let f = site.path().join("content/en/crises/payment-outage.md");
    fs::write(&f, fs::read(&f).unwrap()).unwrap();
    let (code, stdout, _) = build(site.path(), &out);
    assert_eq!(code, 0);
    assert!(stdout.contains("; 0 of "), "{stdout}");
    assert!(common::snapshot(&out) == before, "not a byte changed");
    // A file of the output edited by hand: the build writes it again.
    let page = out.join("en/crises/payment-outage/index.html");
    fs::write(&page, "edited by hand").unwrap();
    let (code, stdout, _) = build(site.path(), &out);
    assert_eq!(code, 0);
    assert!(!stdout.contains("; 0 of "), "{stdout}");
    assert!(
        common::snapshot(&out) == before,
        "the output is whole again"
    );
    // A source changed: the build renders again and fails on what is wrong with it.
    let text = fs::read_to_string(&f).unwrap();
    fs::write(&f, format!("{text}\nSee [the map](@/nowhere.md).\n")).unwrap();
    let (code, _, stderr) = build(site.path(), &out);
    assert_ne!(code, 0, "a changed source is checked again");
    assert!(stderr.contains("nowhere"), "{stderr}");
}

#[test]
fn a_rebuild_of_one_page_redoes_only_its_languages_search_index() {
    let dir = fixture("small");
    let site = keel::load(dir.path(), &keel::LoadOptions::default()).unwrap();
    let by_path = |files: Vec<keel::output::OutFile>| -> BTreeMap<String, Vec<u8>> {
        files.into_iter().map(|f| (f.path, f.bytes)).collect()
    };
    let full = by_path(keel::render_site(&site).unwrap());
    let he = site
        .pages
        .iter()
        .position(|p| p.path.starts_with("he/ops/") && p.fallback_from.is_none())
        .expect("a Hebrew page in ops/");
    let partial = by_path(keel::render_pages(&site, &[he]).unwrap());
    assert!(partial.contains_key("he/search/index.js"));
    assert!(!partial.contains_key("en/search/index.js"));
    assert!(!partial.contains_key("pl/search/index.js"));
    for lang in ["en", "he", "pl"] {
        assert!(
            partial.contains_key(&format!("{lang}/sw.js")),
            "{lang}/sw.js"
        );
    }
    // Whatever the partial rebuild writes is what a full build writes.
    for (path, bytes) in &partial {
        assert_eq!(Some(bytes), full.get(path), "{path}");
    }
}

#[test]
fn cached_fragments_get_each_pages_prefix_and_section() {
    let dir = fixture("small");
    let out = dir.path().join("public");
    let (code, _, err) = build(dir.path(), &out);
    assert_eq!(code, 0, "{err}");
    for page in html_files(&out) {
        let rel = page
            .strip_prefix(&out)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let doc = parse(&page);
        let Some(nav) = doc.select(&sel("nav.site-nav")).next() else {
            continue;
        };
        // Every section link resolves from this page's depth.
        for a in nav.select(&sel("a")) {
            let href = a.value().attr("href").unwrap();
            let target = page.parent().unwrap().join(href);
            assert!(target.is_file(), "{rel}: {href}");
        }
        // The current section is marked on its own pages only.
        let section = rel.split('/').nth(1).filter(|s| !s.ends_with(".html"));
        let current: Vec<&str> = nav
            .select(&sel("a[aria-current=page]"))
            .map(|a| a.value().attr("href").unwrap())
            .collect();
        match section {
            Some(s) => {
                assert_eq!(current.len(), 1, "{rel}: {current:?}");
                assert!(
                    current[0].contains(&format!("{s}/index.html")),
                    "{rel}: {current:?}"
                );
            }
            None => assert!(current.is_empty(), "{rel}: {current:?}"),
        }
    }
}

#[test]
fn routines_come_with_a_calendar_file_quarterly_and_yearly_included() {
    let site = fixture("small");
    let daily = site.path().join("content/en/ops/daily.yaml");
    let text = fs::read_to_string(&daily).unwrap();
    fs::write(
        &daily,
        text.replace("recurrence: daily", "recurrence: quarterly"),
    )
    .unwrap();
    let out = site.path().join("out");
    let (code, _, stderr) = build(site.path(), &out);
    assert_eq!(code, 0, "{stderr}");
    let page = parse(&out.join("en/ops/daily/index.html"));
    assert_eq!(
        attr(&page, ".recurrence a[download]", "href"),
        ["../../../en/ops/daily/routine.ics"]
    );
    let ics = fs::read_to_string(out.join("en/ops/daily/routine.ics")).unwrap();
    assert!(
        ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"),
        "{ics}"
    );
    assert!(
        ics.contains("\r\nRRULE:FREQ=MONTHLY;INTERVAL=3\r\n"),
        "{ics}"
    );
    assert!(ics.contains("\r\nUID:ops-daily-en@"), "{ics}");
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
        assert!(!line.contains('\n'), "bare LF in {line:?}");
    }
    // The Hebrew copy names itself in Hebrew and says which language its text is in.
    let he = fs::read_to_string(out.join("he/ops/daily/routine.ics")).unwrap();
    assert!(he.contains("SUMMARY;LANGUAGE=he:"), "{he}");
}

#[test]
fn a_checklist_says_how_it_is_used_and_when_to_start_on_screen_and_on_paper() {
    let site = fixture("small");
    let drill = site.path().join("content/en/ops/drill.yaml");
    let text = fs::read_to_string(&drill).unwrap();
    fs::write(
        &drill,
        text.replacen(
            "    phase: respond\n",
            "    phase: respond\n    mode: read-do\n    when: \"the checkout error rate passes **5 %**\"\n",
            1,
        ),
    )
    .unwrap();
    let outage = site.path().join("content/en/ops/outage.md");
    let md = fs::read_to_string(&outage).unwrap();
    let md = md.replacen(
        "## Act now {#act-now}",
        "## Act now {#act-now mode=do-confirm}",
        1,
    );
    fs::write(&outage, md).unwrap();
    let out = site.path().join("out");
    let (code, _, stderr) = build(site.path(), &out);
    assert_eq!(code, 0, "{stderr}");
    for file in ["en/ops/drill/index.html", "en/ops/drill/print/index.html"] {
        let doc = parse(&out.join(file));
        assert_eq!(
            texts(&doc, ".checklist-when"),
            ["Start when: the checkout error rate passes 5 %"],
            "{file}"
        );
        assert_eq!(texts(&doc, ".checklist-mode-read-do").len(), 1, "{file}");
    }
    let page = parse(&out.join("en/ops/outage/index.html"));
    assert_eq!(
        texts(&page, ".checklist-mode-do-confirm"),
        ["Do–confirm: do the steps from memory, then check here that none was missed."]
    );
}

#[test]
fn the_severity_levels_are_a_matrix_in_every_language() {
    let out = tempfile::tempdir().unwrap();
    let (code, _, stderr) = build(&repo(), out.path());
    assert_eq!(code, 0, "{stderr}");
    for (lang, critical, row) in [
        ("en", "Critical", "Who is called"),
        ("he", "קריטית", "את מי מזעיקים"),
        ("pl", "Krytyczna", "Kogo wzywamy"),
    ] {
        let doc = parse(
            &out.path()
                .join(format!("{lang}/reference/severity/index.html")),
        );
        let heads = texts(&doc, ".severity-matrix thead th");
        assert_eq!(heads.len(), 4, "{lang}: {heads:?}");
        assert_eq!(heads[0], critical, "{lang}");
        assert!(
            texts(&doc, ".severity-matrix tbody th").contains(&row.to_string()),
            "{lang}"
        );
        // Roles are named in the page's language, not by their ids.
        let called = texts(&doc, ".severity-matrix tbody tr:nth-child(3) td");
        assert!(
            !called[0].contains("il,") && !called[0].is_empty(),
            "{lang}: {called:?}"
        );
        // A runbook's level links to where the level is explained.
        let drill = parse(
            &out.path()
                .join(format!("{lang}/drills/payment-outage/index.html")),
        );
        let href = attr(&drill, ".runbook-meta .severity a", "href");
        assert_eq!(href.len(), 1, "{lang}");
        let want = format!("../../../{lang}/reference/severity/index.html#");
        assert!(href[0].starts_with(&want), "{href:?}");
    }
}

#[test]
fn message_templates_and_working_forms_are_on_screen_and_on_paper_in_every_language() {
    let out = tempfile::tempdir().unwrap();
    let (code, _, stderr) = build(&repo(), out.path());
    assert_eq!(code, 0, "{stderr}");
    let o = out.path();
    for lang in ["en", "he", "pl"] {
        let doc = parse(&o.join(format!("{lang}/reference/messages/index.html")));
        let templates = attr(&doc, "section.message", "data-message");
        assert!(templates.len() >= 8, "{lang}: {templates:?}");
        assert!(templates.contains(&"holding-banner".to_string()), "{lang}");
        // Each blank is a labelled field, and the text names the blank until it is filled.
        let inputs = attr(&doc, "#holding-banner input[data-slot]", "id");
        assert!(!inputs.is_empty(), "{lang}");
        for id in &inputs {
            assert_eq!(
                attr(&doc, &format!("label[for='{id}']"), "for").len(),
                1,
                "{lang}: {id}"
            );
        }
        let text = texts(&doc, "#holding-banner .message-text").join(" ");
        assert!(
            !text.contains("{issue}") && text.contains('['),
            "{lang}: {text}"
        );
        // On paper each blank is a line to write on, labelled.
        let sheet = parse(&o.join(format!("{lang}/reference/messages/print/index.html")));
        assert!(
            texts(&sheet, ".message-sheet .fill-label").len() >= templates.len(),
            "{lang}"
        );
        // The forms: on screen with their fields, on paper with their tables.
        for form in ["decision-log", "contact-sheet", "after-action", "feedback"] {
            let web = parse(&o.join(format!("{lang}/forms/{form}/index.html")));
            assert_eq!(
                attr(&web, "form.work-form", "data-form").len(),
                1,
                "{lang} {form}"
            );
            let print = parse(&o.join(format!("{lang}/forms/{form}/print/index.html")));
            assert!(
                !texts(&print, ".form-table, .form-field").is_empty(),
                "{lang} {form}: nothing to fill in on paper"
            );
        }
        let log = parse(&o.join(format!("{lang}/forms/decision-log/print/index.html")));
        let cols = texts(&log, ".fill-table thead th");
        assert_eq!(cols.len(), 6, "{lang}: {cols:?}");
        assert!(
            texts(&log, ".fill-table tbody tr").len() >= 10,
            "{lang}: blank rows"
        );
        let contacts = parse(&o.join(format!("{lang}/forms/contact-sheet/print/index.html")));
        assert!(
            texts(&contacts, ".fill-table tbody th").len() >= 7,
            "{lang}: contact rows"
        );
        // The severity levels print as a card, and the forms have a bundle of their own.
        let card = parse(&o.join(format!("{lang}/reference/severity/print/index.html")));
        assert_eq!(texts(&card, ".severity-table thead th").len(), 4, "{lang}");
        assert!(
            o.join(format!("{lang}/print/forms/index.html")).is_file(),
            "{lang}"
        );
    }
}

#[test]
fn facilitator_packets_have_inject_cards_and_participant_packets_no_answer_key() {
    let out = tempfile::tempdir().unwrap();
    let (code, _, stderr) = build(&repo(), out.path());
    assert_eq!(code, 0, "{stderr}");
    for lang in ["en", "he", "pl"] {
        let dir = out
            .path()
            .join(format!("{lang}/drills/payment-outage/print"));
        let facilitator = parse(&dir.join("facilitator/index.html"));
        let cards = texts(&facilitator, ".inject-card");
        let injects = texts(&facilitator, ".injects-table tbody tr");
        assert!(!cards.is_empty(), "{lang}");
        assert_eq!(cards.len(), injects.len(), "{lang}: one card per inject");
        // Nor does the drill's web page, which participants read during the drill.
        let web = parse(
            &out.path()
                .join(format!("{lang}/drills/payment-outage/index.html")),
        );
        assert!(
            texts(&web, "details.facilitator, .injects, #injects").is_empty(),
            "{lang}"
        );
        assert_eq!(
            attr(&web, ".facilitator-pointer a", "href").len(),
            1,
            "{lang}"
        );
        let participant = parse(&dir.join("index.html"));
        for answer in [".injects", ".inject-cards", ".evaluation", ".debrief"] {
            assert!(
                texts(&participant, answer).is_empty(),
                "{lang}: {answer} in the participant packet"
            );
        }
    }
}
