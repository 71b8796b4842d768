//! `related` entries: each must name a page; one that exists only in other languages is left
//! out with a warning.

use crate::diagnostics::{Diagnostic, Pos, key_pos, locate};
use crate::site::Site;

/// Every `related` entry names a page of the same language.
pub fn check(site: &Site) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for page in site.pages.iter().filter(|p| p.fallback_from.is_none()) {
        for (n, rel) in page.src.meta.related.iter().enumerate() {
            if site.find(page.lang(), rel).is_none() {
                let pos = entry_pos(&page.src.text, rel);
                let elsewhere =
                    (0..site.locales.languages.len()).find(|&l| site.find(l, rel).is_some());
                if let Some(l) = elsewhere {
                    diags.push(
                        Diagnostic::warning("untranslated-link", &page.src.file, format!("related page `{rel}` exists only in other languages; it is not listed"))
                            .at(pos)
                            .hint(format!("translate content/{}/{rel} or remove it from `related`", site.locales.languages[l].code)),
                    );
                    continue;
                }
                diags.push(
                    Diagnostic::error(
                        "broken-link",
                        &page.src.file,
                        format!("related page `{rel}` does not exist"),
                    )
                    .at(pos)
                    .hint(format!(
                        "entry {} of `related`: write a content path such as crises/payment-outage",
                        n + 1
                    )),
                );
            }
        }
    }
    diags
}

/// Where a `related` entry is written: its first occurrence at or after the `related:` key (the
/// same text may stand earlier, in the title or summary).
fn entry_pos(text: &str, entry: &str) -> Pos {
    let key = key_pos(text, &["related"]);
    if key.line == 0 {
        return locate(text, entry, 0).unwrap_or_default();
    }
    let from: usize = text
        .split_inclusive('\n')
        .take(key.line - 1)
        .map(str::len)
        .sum();
    match text[from..].find(entry) {
        Some(i) => Pos::of_offset(text, from + i),
        None => key,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_found_after_the_key() {
        let text = "---\ntitle: See ops/a first\nrelated: [ops/b, ops/a]\n---\n";
        assert_eq!(entry_pos(text, "ops/a"), Pos::new(3, 18));
        assert_eq!(entry_pos(text, "ops/b"), Pos::new(3, 11));
    }
}
