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

use crate::site::Page;

/// A lint pass, and what a preview rebuild may take for granted about it.
pub struct Check {
    /// The pass over the whole site.
    pub run: fn(&Site) -> Vec<Diagnostic>,
    /// The same pass for one page, when the pass looks at nothing but each page on its own: a
    /// rebuild after one page changed runs it for that page.
    pub page: Option<fn(&Page) -> Vec<Diagnostic>>,
    /// The pass only ever warns, so it cannot stop a build: a preview may serve a change
    /// before it runs.
    pub warns_only: bool,
}

const fn across(run: fn(&Site) -> Vec<Diagnostic>, warns_only: bool) -> Check {
    Check {
        run,
        page: None,
        warns_only,
    }
}

/// Every check, in the order they are listed here.
pub const CHECKS: [Check; 7] = [
    Check {
        run: fields::check,
        page: Some(fields::of_page),
        warns_only: false,
    },
    across(anchors::check, false),
    across(related::check, false),
    across(translations::check, false),
    across(quality::check, true),
    across(live::check, true),
    across(terms::check, true),
];

/// Run every check.
pub fn run(site: &Site) -> Vec<Diagnostic> {
    CHECKS.iter().flat_map(|c| (c.run)(site)).collect()
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
