//! Lint passes over the loaded site: free functions `fn(&Site) -> Vec<Diagnostic>`, each about one
//! thing, run after the Markdown stage so they can look across pages.

mod anchors;
mod fields;
mod forms;
mod live;
mod quality;
mod related;
mod terms;
mod translations;

use crate::diagnostics::{self, Diagnostic};
use crate::site::Site;

pub use fields::page as page_fields;

/// Every check, in the order they are listed here.
pub const CHECKS: [fn(&Site) -> Vec<Diagnostic>; 7] = [
    fields::check,
    anchors::check,
    related::check,
    translations::check,
    quality::check,
    live::check,
    terms::check,
];

/// Run every check.
pub fn run(site: &Site) -> Vec<Diagnostic> {
    CHECKS.iter().flat_map(|check| check(site)).collect()
}

/// The verdict on a loaded site: `diags` (what loading found) and what the checks find, sorted;
/// every error, or the site with its warnings kept.
pub fn finish(site: &mut Site, mut diags: Vec<Diagnostic>) -> Result<(), Vec<Diagnostic>> {
    diags.extend(run(site));
    diagnostics::sort(&mut diags);
    if diags.iter().any(Diagnostic::is_error) {
        return Err(diags);
    }
    site.warnings = diags;
    Ok(())
}
