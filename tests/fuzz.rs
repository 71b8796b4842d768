//! Property tests: no input makes the content parsers or the Markdown stage panic.

use std::path::Path;

use keel::checklist::IdSet;
use keel::diagnostics::Pos;
use keel::markdown::{Ctx, LinkResolver, render};
use proptest::prelude::*;

struct AnyLink;
impl LinkResolver for AnyLink {
    fn resolve(&self, target: &str, _: Pos) -> Result<String, String> {
        if target.len().is_multiple_of(2) {
            Ok("en/x/index.html".into())
        } else {
            Err("no".into())
        }
    }
}

/// Text built from the pieces that matter to the parsers.
fn markdownish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("- [ ] ".to_string()),
        Just("- [x] ".to_string()),
        Just("{#".to_string()),
        Just("}".to_string()),
        Just(" role=".to_string()),
        Just(" due=T+".to_string()),
        Just("## ".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("[a](@/x.md#y)".to_string()),
        Just("<script>".to_string()),
        Just("`".to_string()),
        Just("|a|b|\n|-|-|\n".to_string()),
        Just("[^1]".to_string()),
        Just("עברית".to_string()),
        Just("zażółć".to_string()),
        Just("\u{202E}".to_string()),
        Just("\u{feff}".to_string()),
        Just("{#x\"y}".to_string()),
        Just("\n!!! tip \"T\"\n    ".to_string()),
        Just("\n???+ danger\n".to_string()),
        Just("    ".to_string()),
        Just("\n> [!WARNING]\n> ".to_string()),
        Just("\n```\n".to_string()),
        Just("<details><summary>s</summary>".to_string()),
        Just("<img src=x onerror=alert(1)>".to_string()),
        "[ -~]{0,8}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

fn yamlish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("title: ".to_string()),
        Just("checklists:\n".to_string()),
        Just("  - id: a\n".to_string()),
        Just("    items:\n".to_string()),
        Just("      - id: b\n        text: c\n".to_string()),
        Just("kind: runbook\n".to_string()),
        Just("due: T+5m\n".to_string()),
        Just("&a ".to_string()),
        Just("*a".to_string()),
        Just("[".to_string()),
        Just("{".to_string()),
        Just("---\n".to_string()),
        Just("\n".to_string()),
        Just(": ".to_string()),
        "[ -~]{0,8}",
        any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..30).prop_map(|v| v.concat())
}

/// The whole loading pipeline (parse, link, Markdown stage, every check) on one page of a site
/// with no theme: it must come back with diagnostics, never panic.
fn load_site(name: &str, bytes: &[u8]) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("keel.yaml"),
        "title: {en: T}\nbase_url: https://e.org/\ndefault_language: en\nlanguages: [{code: en}, {code: he}]\n",
    )
    .unwrap();
    for lang in ["en", "he"] {
        let file = dir.path().join("content").join(lang).join("ops").join(name);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(&file, bytes).unwrap();
    }
    let _ = keel::load(dir.path(), &keel::LoadOptions::default());
}

fn parse_in_site(name: &str, bytes: &[u8]) {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    let file = content.join("en").join("ops").join(name);
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, bytes).unwrap();
    let _ = keel::content::parse_file(dir.path(), &content, 0, &file);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn markdown_never_panics(md in markdownish(), rtl in any::<bool>()) {
        let ctx = Ctx { file: Path::new("t.md"), line_offset: 3, col_offset: 2, rtl, root: "../", links: &AnyLink, labels: keel::markdown::CalloutLabels::english(), raw_html: if rtl { keel::config::RawHtml::Escape } else { keel::config::RawHtml::Sanitize } };
        let _ = render(&md, &ctx, &mut IdSet::default());
    }

    #[test]
    fn markdown_pages_never_panic(front in yamlish(), body in markdownish()) {
        parse_in_site("page.md", format!("---\n{front}\n---\n{body}").as_bytes());
    }

    #[test]
    fn yaml_pages_never_panic(yaml in yamlish()) {
        parse_in_site("page.yaml", yaml.as_bytes());
    }

    #[test]
    fn loading_and_checking_never_panic(front in yamlish(), body in markdownish(), yaml in yamlish()) {
        load_site("page.md", format!("---\ntitle: t\n{front}\n---\n{body}").as_bytes());
        load_site("page.yaml", format!("title: t\n{yaml}").as_bytes());
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        parse_in_site("page.md", &bytes);
        parse_in_site("page.yaml", &bytes);
    }
}
