//! Link and image destinations: which URLs Keel publishes, and rewriting one.

use pulldown_cmark::Tag;

/// The same link or image with another destination.
pub(super) fn with_dest<'a>(tag: &Tag<'a>, dest: String) -> Tag<'a> {
    match tag {
        Tag::Link {
            link_type,
            title,
            id,
            ..
        } => Tag::Link {
            link_type: *link_type,
            dest_url: dest.into(),
            title: title.clone(),
            id: id.clone(),
        },
        Tag::Image {
            link_type,
            title,
            id,
            ..
        } => Tag::Image {
            link_type: *link_type,
            dest_url: dest.into(),
            title: title.clone(),
            id: id.clone(),
        },
        other => other.clone(),
    }
}

/// Relative URLs, anchors and the http, https, mailto and tel schemes. `javascript:`, `data:`
/// and the rest could run code or hide content, so they are refused.
pub(super) fn is_safe_url(url: &str) -> bool {
    let scheme_end = url.find(':');
    let path_start = url.find(['/', '?', '#']);
    match (scheme_end, path_start) {
        (None, _) => true,
        (Some(c), Some(p)) if p < c => true,
        (Some(c), _) => {
            let scheme = url[..c].trim().to_ascii_lowercase();
            matches!(scheme.as_str(), "http" | "https" | "mailto" | "tel")
        }
    }
}

/// Where a link or image points (empty for any other tag).
pub(super) fn link_dest<'t>(tag: &'t Tag) -> &'t str {
    match tag {
        Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. } => dest_url,
        _ => "",
    }
}
