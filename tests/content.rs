//! The bundled playbook: the same pages and checklist ids in every language, every page dated and
//! summarised, each language written in its own script, and every drill within three clicks of
//! the home page.

mod common;

use std::collections::{BTreeSet, HashMap, VecDeque};
use std::fs;
use std::path::{Path, PathBuf};

use common::*;
use keel::content::PageKind;

const LANGS: [&str; 3] = ["en", "he", "pl"];

fn site() -> keel::Site {
    match keel::load(&repo(), &keel::LoadOptions::default()) {
        Ok(s) => s,
        Err(d) => panic!(
            "the bundled site has errors:\n{}",
            d.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        ),
    }
}

#[test]
fn every_page_exists_in_every_language_with_the_same_checklist_ids() {
    let site = site();
    assert!(site.warnings.is_empty(), "{:#?}", site.warnings);
    for (key, group) in &site.groups {
        let ids: Vec<Vec<(String, Vec<String>)>> = group
            .iter()
            .map(|slot| {
                let page =
                    &site.pages[slot.unwrap_or_else(|| panic!("{key} is missing a language"))];
                assert!(
                    page.fallback_from.is_none(),
                    "{key} is not translated into {}",
                    site.locales.languages[page.lang()].code
                );
                assert!(
                    !page.src.text.is_empty(),
                    "{key} has no _index.md in {}",
                    site.locales.languages[page.lang()].code
                );
                page.checklists
                    .iter()
                    .map(|c| (c.id.clone(), c.items.iter().map(|i| i.id.clone()).collect()))
                    .collect()
            })
            .collect();
        for other in &ids[1..] {
            let a: BTreeSet<_> = ids[0].iter().collect();
            let b: BTreeSet<_> = other.iter().collect();
            assert_eq!(a, b, "checklist ids of {key} differ between languages");
        }
    }
}

#[test]
fn every_page_has_a_summary_and_a_review_date() {
    let site = site();
    for page in &site.pages {
        let f = page.src.file.display();
        assert!(
            page.meta()
                .summary
                .as_deref()
                .is_some_and(|s| !s.trim().is_empty()),
            "{f} has no summary"
        );
        assert!(page.meta().reviewed.is_some(), "{f} has no reviewed date");
    }
}

#[test]
fn the_inventory_is_complete() {
    let site = site();
    for (lang, code) in LANGS.iter().enumerate() {
        let pages: Vec<_> = site
            .pages
            .iter()
            .filter(|p| site.locales.languages[p.lang()].code == *code && p.fallback_from.is_none())
            .collect();
        assert!(pages.len() >= 70, "{code}: only {} pages", pages.len());
        let printable = pages
            .iter()
            .filter(|p| {
                matches!(
                    p.src.kind,
                    PageKind::Runbook | PageKind::Routine | PageKind::Checklist
                )
            })
            .count();
        assert!(
            printable >= 18,
            "{code}: only {printable} printable runbooks and sheets"
        );
        let count = |section: &str| {
            site.section_pages(lang, section)
                .iter()
                .copied()
                .filter(|&i| site.pages[i].fallback_from.is_none())
                .count()
        };
        assert_eq!(count("crises"), 21, "{code}: crisis categories");
        assert_eq!(count("cases"), 10, "{code}: case pages");
        assert_eq!(
            count("routines"),
            6,
            "{code}: routine pages, quarterly and yearly among them"
        );
        assert_eq!(count("drills"), 13, "{code}: drill kit and twelve drills");
        assert_eq!(count("forms"), 4, "{code}: working forms");
        assert_eq!(count("strategy"), 7, "{code}: lifecycle pages");
        assert_eq!(count("processes"), 7, "{code}: process pages");
        assert_eq!(
            count("reference"),
            6,
            "{code}: reference pages (severity levels and message templates among them)"
        );
    }
    for routine in [
        "routines/daily",
        "routines/weekly",
        "routines/monthly",
        "routines/quarterly",
        "routines/yearly",
    ] {
        for lang in 0..LANGS.len() {
            let p = &site.pages[site.find(lang, routine).unwrap()];
            assert_eq!(p.src.kind, PageKind::Routine, "{routine}");
        }
    }
    for &i in site.section_pages(0, "drills") {
        assert_eq!(
            site.pages[i].src.kind,
            PageKind::Runbook,
            "{}",
            site.pages[i].src.file.display()
        );
    }
}

#[test]
fn checklist_blocks_are_short_and_items_are_actions() {
    let site = site();
    for page in &site.pages {
        for c in &page.checklists {
            let limit = 9;
            assert!(
                c.items.len() <= limit,
                "{}: checklist {} has {} items",
                page.src.file.display(),
                c.id,
                c.items.len()
            );
        }
    }
}

/// The text a reader sees in the article of each built page of `lang`.
fn article_texts(out: &Path, lang: &str) -> Vec<(PathBuf, String)> {
    html_files(&out.join(lang))
        .into_iter()
        // Print views repeat the web pages' text around short URLs.
        .filter(|p| !p.components().any(|c| c.as_os_str() == "print"))
        .map(|p| {
            let doc = parse(&p);
            // Tables are left out: the glossary's table is trilingual on purpose.
            let in_table = |n: &ego_tree::NodeRef<scraper::Node>| {
                n.ancestors()
                    .any(|a| a.value().as_element().is_some_and(|e| e.name() == "table"))
            };
            let text: String = doc
                .select(&sel("main article"))
                .flat_map(|a| a.descendants())
                .filter(|n| !in_table(n))
                .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
                .collect();
            (p, text)
        })
        .collect()
}

#[test]
fn each_language_is_written_in_its_own_script() {
    let out = tempfile::tempdir().unwrap();
    let (code, _, stderr) = build(&repo(), out.path());
    assert_eq!(code, 0, "{stderr}");
    for (page, text) in article_texts(out.path(), "he") {
        let hebrew = text
            .chars()
            .filter(|c| ('\u{05d0}'..='\u{05ea}').contains(c))
            .count();
        let latin = text.chars().filter(char::is_ascii_alphabetic).count();
        assert!(
            hebrew > 3 * latin,
            "{}: {hebrew} Hebrew letters, {latin} Latin",
            page.display()
        );
    }
    for (page, text) in article_texts(out.path(), "pl") {
        assert!(
            text.chars().any(|c| "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ".contains(c)),
            "{}: no Polish diacritics",
            page.display()
        );
    }
}

#[test]
fn every_drill_is_at_most_three_clicks_from_home() {
    let out = tempfile::tempdir().unwrap();
    assert_eq!(build(&repo(), out.path()).0, 0);
    for lang in LANGS {
        let home = out.path().join(lang).join("index.html");
        let mut depth: HashMap<PathBuf, usize> = HashMap::from([(home.clone(), 0)]);
        let mut queue = VecDeque::from([home]);
        while let Some(page) = queue.pop_front() {
            let d = depth[&page];
            if d == 3 {
                continue;
            }
            let doc = parse(&page);
            // Only links in the page's own language count: the reader stays in Hebrew (or Polish).
            for href in attr(&doc, "main a[href], nav.site-nav a[href]", "href") {
                if href.starts_with("http") || href.starts_with('#') {
                    continue;
                }
                let target = resolve(&page, &href);
                if target.starts_with(out.path().join(lang))
                    && target.is_file()
                    && !depth.contains_key(&target)
                {
                    depth.insert(target.clone(), d + 1);
                    queue.push_back(target);
                }
            }
        }
        for drill in fs::read_dir(out.path().join(lang).join("drills")).unwrap() {
            let page = drill.unwrap().path().join("index.html");
            if page.is_file() {
                assert!(
                    depth.contains_key(&page),
                    "{lang}: {} is more than three clicks from home",
                    page.display()
                );
            }
        }
    }
}

#[test]
fn every_drill_has_both_packets_in_every_language() {
    let out = tempfile::tempdir().unwrap();
    assert_eq!(build(&repo(), out.path()).0, 0);
    for lang in LANGS {
        let drills = out.path().join(lang).join("drills");
        let mut n = 0;
        for entry in fs::read_dir(&drills).unwrap() {
            let dir = entry.unwrap().path();
            if !dir.join("index.html").is_file() || dir.file_name().unwrap() == "print" {
                continue;
            }
            n += 1;
            for packet in ["print/index.html", "print/facilitator/index.html"] {
                let page = dir.join(packet);
                assert!(page.is_file(), "{} is missing", page.display());
                let doc = parse(&page);
                assert_eq!(attr(&doc, "html", "lang"), [lang]);
                assert!(
                    doc.select(&sel(".roles-table")).next().is_some(),
                    "{}: roles table",
                    page.display()
                );
                assert!(doc.select(&sel(".sign-off")).next().is_some());
                let injects = doc.select(&sel(".injects-table")).next().is_some();
                assert_eq!(
                    injects,
                    packet.contains("facilitator"),
                    "{}: injects only for the facilitator",
                    page.display()
                );
            }
        }
        assert_eq!(n, 13, "{lang}: drill kit and twelve drills");
        for bundle in ["drills", "drills-facilitator", "routines"] {
            assert!(
                out.path()
                    .join(lang)
                    .join("print")
                    .join(bundle)
                    .join("index.html")
                    .is_file(),
                "{lang}: print-all {bundle}"
            );
        }
    }
}
