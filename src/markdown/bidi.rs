//! Right-to-left text: runs of Latin script isolated so they keep their order.

use super::escape::push_escaped;

/// Escape `text` and wrap runs of Latin script (names, SKUs, URLs, `T+15m`) in `<bdi>`, so they
/// keep their order inside right-to-left text.
pub fn isolate_ltr(text: &str) -> String {
    // Byte-wise: ASCII letters, digits and joiners never occur inside a multi-byte character, so
    // every run boundary found here is a character boundary.
    const JOINERS: &[u8] = b"-_./:+@#%&=?', ";
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + 16);
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_alphanumeric() {
            let start = i;
            while i < bytes.len() && !bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
            push_escaped(&mut out, &text[start..i], false);
            continue;
        }
        // A run: ASCII letters/digits and joiners, spaces allowed between Latin words.
        let start = i;
        let mut end = i;
        let mut j = i;
        while j < bytes.len() {
            if bytes[j].is_ascii_alphanumeric() {
                j += 1;
                end = j;
            } else if JOINERS.contains(&bytes[j]) {
                j += 1;
            } else {
                break;
            }
        }
        let run = &text[start..end];
        let latin = run.bytes().any(|b| b.is_ascii_alphabetic());
        if latin {
            out.push_str("<bdi>");
        }
        push_escaped(&mut out, run, false);
        if latin {
            out.push_str("</bdi>");
        }
        i = end;
    }
    out
}
