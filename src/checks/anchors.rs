//! `#anchor` links: each must name a heading or checklist of the page it points to.

use rayon::prelude::*;

use crate::diagnostics::Diagnostic;
use crate::site::Site;

/// Every `#anchor` link must name a heading or checklist of its target page.
pub fn check(site: &Site) -> Vec<Diagnostic> {
    site.pages
        .par_iter()
        .filter(|p| p.fallback_from.is_none())
        .flat_map_iter(|p| &p.anchor_refs)
        .filter_map(|r| {
            let target = &site.pages[r.target];
            (!target.anchors.iter().any(|a| a == &r.anchor)).then(|| {
                Diagnostic::error(
                    "broken-anchor",
                    &r.file,
                    format!(
                        "{} has no heading or checklist with id `{}`",
                        target.src.file.display(),
                        r.anchor
                    ),
                )
                .at(r.pos)
                .hint(format!("ids there: {}", target.anchors.join(", ")))
            })
        })
        .collect()
}
