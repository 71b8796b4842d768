//! The index build's search terms against the table `tests/browser/search-terms.test.mjs` checks
//! the theme's `site.js` against: one source of truth for how both sides fold and stem words.

#[test]
fn index_terms_match_the_shared_table() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/search-terms.tsv"
    );
    let table = std::fs::read_to_string(path).unwrap();
    let mut rows = 0;
    let mut wrong = Vec::new();
    for line in table
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
    {
        let mut cols = line.split('\t');
        let (lang, input) = (cols.next().unwrap(), cols.next().unwrap_or(""));
        let want: Vec<&str> = cols.next().unwrap_or("").split_whitespace().collect();
        let got = keel::render::index_terms(lang, input);
        if got != want {
            wrong.push(format!("{lang}\t{input}: want {want:?}, got {got:?}"));
        }
        rows += 1;
    }
    assert!(rows >= 40, "the table has {rows} rows");
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}
