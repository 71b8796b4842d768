//! HTML escaping: one routine for text, attribute values and every value a template prints.

/// `text` with `& < > "` escaped.
pub fn escape(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    push_escaped(&mut s, text, false);
    s
}

/// Append `text` with `& < > "` escaped, and `'` too when `apostrophe` (attribute values may be
/// single-quoted; text between tags keeps its apostrophes).
pub(crate) fn push_escaped(out: &mut String, text: &str, apostrophe: bool) {
    for_escaped(text, apostrophe, |piece| out.push_str(piece));
}

/// Hand `text` to `put` escaped, as `push_escaped` describes, in pieces: unescaped stretches at
/// once and each entity on its own. Every value a template prints goes through here.
pub(crate) fn for_escaped(text: &str, apostrophe: bool, mut put: impl FnMut(&str)) {
    let mut from = 0;
    for (i, b) in text.bytes().enumerate() {
        let entity = match b {
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'&' => "&amp;",
            b'"' => "&quot;",
            b'\'' if apostrophe => "&#39;",
            _ => continue,
        };
        put(&text[from..i]);
        put(entity);
        from = i + 1;
    }
    put(&text[from..]);
}
