//! Interface strings from the repository's `i18n/` files, with CLDR plural forms.

mod common;

use keel::config::Config;
use keel::locale::Locales;

fn locales() -> (Locales, Vec<keel::diagnostics::Diagnostic>) {
    let root = common::repo();
    let loaded = Config::load(&root).unwrap();
    let (config, text, errors) = (loaded.config, loaded.text, loaded.problems);
    assert!(errors.is_empty(), "{errors:?}");
    let mut diags = Vec::new();
    let l = Locales::load(&root, &config, &text, &mut diags).unwrap();
    (l, diags)
}

#[test]
fn polish_and_hebrew_plurals_come_out_right() {
    let (l, _) = locales();
    let pl = l.index_of("pl").unwrap();
    let he = l.index_of("he").unwrap();
    let en = l.index_of("en").unwrap();
    let say = |lang, n| l.count(lang, "items-count", n);
    assert_eq!(
        [1, 2, 5, 22].map(|n| say(pl, n)),
        ["1 pozycja", "2 pozycje", "5 pozycji", "22 pozycje"]
    );
    assert_eq!(say(pl, 12), "12 pozycji");
    assert_eq!(
        [1, 2, 5, 22].map(|n| say(he, n)),
        ["פריט אחד", "שני פריטים", "5 פריטים", "22 פריטים"]
    );
    assert_eq!([1, 2].map(|n| say(en, n)), ["1 item", "2 items"]);
}

#[test]
fn every_language_has_every_string() {
    let (_, diags) = locales();
    assert!(diags.is_empty(), "{diags:?}");
}

#[test]
fn a_missing_string_falls_back_and_warns() {
    let site = common::fixture("small");
    let pl = site.path().join("i18n/pl.ftl");
    let text = std::fs::read_to_string(&pl)
        .unwrap()
        .replace("related = Powiązane strony\n", "");
    std::fs::write(&pl, text).unwrap();
    let out = site.path().join("out");
    let (code, _, stderr) = common::build(site.path(), &out);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains(
            "i18n/pl.ftl: warning[missing-string]: interface string `related` is missing"
        ),
        "{stderr}"
    );
    let page = std::fs::read_to_string(out.join("pl/ops/outage/index.html")).unwrap();
    assert!(page.contains("Related pages"), "falls back to English");
}

#[test]
fn direction_comes_from_the_tag_and_can_be_overridden() {
    let site = common::fixture("small");
    let cfg = site.path().join("keel.yaml");
    let text = std::fs::read_to_string(&cfg)
        .unwrap()
        .replace("- code: pl", "- code: pl\n    dir: rtl");
    std::fs::write(&cfg, text).unwrap();
    let out = site.path().join("out");
    assert_eq!(common::build(site.path(), &out).0, 0);
    let doc = common::parse(&out.join("pl/index.html"));
    assert_eq!(common::attr(&doc, "html", "dir"), ["rtl"]);
}
