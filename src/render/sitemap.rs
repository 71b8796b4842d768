//! `sitemap.xml`: every page with its hreflang alternates.

use rayon::prelude::*;

use super::context::alternates;
use crate::markdown::escape;
use crate::site::{Page, Site};

/// `sitemap.xml` with an hreflang alternate for every translation.
pub fn sitemap(site: &Site) -> String {
    let base = site.config.base_url();
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    let mut pages: Vec<&Page> = site
        .pages
        .iter()
        .filter(|p| p.fallback_from.is_none())
        .collect();
    pages.par_sort_unstable_by(|a, b| a.path.cmp(&b.path));
    // One entry per page, built on every core: at tens of thousands of pages this is not small.
    let entries: Vec<String> = pages
        .par_iter()
        .map(|page| {
            let mut out = String::with_capacity(512);
            out.push_str("  <url>\n    <loc>");
            out.push_str(&escape(&format!("{base}{}", page.pretty_path())));
            out.push_str("</loc>\n");
            if let Some(d) = page.meta().updated.or(page.meta().reviewed) {
                out.push_str(&format!("    <lastmod>{}</lastmod>\n", String::from(d)));
            }
            let group = &site.groups[&page.src.key()];
            let real = site.translations(group);
            if real.len() > 1 {
                for a in alternates(site, &real) {
                    out.push_str(&format!(
                        "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                        escape(&a.hreflang),
                        escape(&a.url)
                    ));
                }
            }
            out.push_str("  </url>\n");
            out
        })
        .collect();
    for entry in entries {
        out.push_str(&entry);
    }
    out.push_str("</urlset>\n");
    out
}
