//! `related` entries: each must name a page; one that exists only in other languages is left
//! out with a warning.

use crate::diagnostics::{Diagnostic, locate};
use crate::site::Site;

/// Every `related` entry names a page of the same language.
pub fn check(site: &Site) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for page in site.pages.iter().filter(|p| p.fallback_from.is_none()) {
        for (n, rel) in page.src.meta.related.iter().enumerate() {
            if site.find(page.lang(), rel).is_none() {
                let pos = locate(&page.src.text, rel, 0).unwrap_or_default();
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
