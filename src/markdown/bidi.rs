//! Right-to-left text: each left-to-right phrase isolated whole, so it keeps its order inside
//! right-to-left text. What is left-to-right is decided by the Unicode Bidirectional
//! Algorithm's character classes (the `unicode-bidi` crate), so Polish, Portuguese, Cyrillic or
//! Greek words count as much as English ones, and the same code serves Arabic and Persian pages.
//!
//! A phrase runs from its first strong left-to-right letter to its last, with what lies between
//! (spaces, `/`, `(…)`, digits) as long as no right-to-left letter comes: isolates are neutral to
//! the paragraph around them, so a phrase cut into several would be laid out right to left,
//! piece by piece. At its edges a phrase keeps what is attached to it: `T+`, `15%`, `v1.2`,
//! `⌘P`, and brackets whose partner is inside.

use unicode_bidi::{BidiClass, bidi_class};

use super::escape::push_escaped;

/// What a character is to the phrase finder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A strong left-to-right letter.
    Ltr,
    /// A strong right-to-left letter (Hebrew, Arabic …).
    Rtl,
    /// White space and separators: a phrase never grows over them at its edges.
    Space,
    /// An opening bracket.
    Open,
    /// A closing bracket.
    Close,
    /// Sentence punctuation that belongs to the sentence, not to a word at its end: `.`, `,`,
    /// `:`, `;`, `!`, `?`, quotes, and the Arabic comma, semicolon, question mark and Urdu full
    /// stop.
    Stop,
    /// Digits, `+`, `-`, `%`, symbols …: kept with a phrase they touch.
    Weak,
}

/// Code points below this (Latin, Greek, Cyrillic, Hebrew, Arabic) have their kind looked up in
/// a table made once from `unicode_bidi`'s classes, instead of a binary search per letter.
const TABLE_END: u32 = 0x800;

static TABLE: std::sync::LazyLock<Vec<Kind>> = std::sync::LazyLock::new(|| {
    (0..TABLE_END)
        .map(|u| char::from_u32(u).map_or(Kind::Weak, classify))
        .collect()
});

fn kind(c: char) -> Kind {
    match TABLE.get(c as usize) {
        Some(&k) => k,
        None => classify(c),
    }
}

fn classify(c: char) -> Kind {
    match c {
        '(' | '[' | '{' => return Kind::Open,
        ')' | ']' | '}' => return Kind::Close,
        '.' | ',' | ':' | ';' | '!' | '?' | '"' | '\'' | '،' | '؛' | '؟' | '۔' => {
            return Kind::Stop;
        }
        _ => {}
    }
    match bidi_class(c) {
        BidiClass::L => Kind::Ltr,
        BidiClass::R | BidiClass::AL => Kind::Rtl,
        BidiClass::WS | BidiClass::S | BidiClass::B => Kind::Space,
        _ => Kind::Weak,
    }
}

/// Escape `text` and wrap each left-to-right phrase (names, SKUs, URLs, `T+15m`, a Polish
/// term) in one `<bdi>`, so it keeps its order inside right-to-left text.
pub fn isolate_ltr(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut done = 0;
    let mut i = 0;
    while let Some((start, end)) = next_phrase(text, i) {
        push_escaped(&mut out, &text[done..start], false);
        out.push_str("<bdi>");
        push_escaped(&mut out, &text[start..end], false);
        out.push_str("</bdi>");
        done = end;
        i = end;
    }
    push_escaped(&mut out, &text[done..], false);
    out
}

/// `text` with each left-to-right phrase between LRI and PDI (U+2066, U+2069), for where markup
/// cannot isolate anything: CSS `content:` strings such as a print view's running footer.
pub fn isolate_ltr_marks(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut done = 0;
    while let Some((start, end)) = next_phrase(text, done) {
        out.push_str(&text[done..start]);
        out.push('\u{2066}');
        out.push_str(&text[start..end]);
        out.push('\u{2069}');
        done = end;
    }
    out.push_str(&text[done..]);
    out
}

/// Whether `text` has a right-to-left letter.
pub fn has_rtl(text: &str) -> bool {
    text.chars().any(|c| kind(c) == Kind::Rtl)
}

/// Whether `text` has a left-to-right letter.
pub fn has_ltr(text: &str) -> bool {
    text.chars().any(|c| kind(c) == Kind::Ltr)
}

/// The next phrase at or after byte `from`: its byte range.
fn next_phrase(text: &str, from: usize) -> Option<(usize, usize)> {
    let rest = &text[from..];
    // Fast path: ASCII text without letters has no phrase.
    let first = rest
        .char_indices()
        .find(|&(_, c)| kind(c) == Kind::Ltr)
        .map(|(at, _)| from + at)?;
    // Up to the last left-to-right letter before a right-to-left one (or the end).
    let mut last = first;
    for (at, c) in text[first..].char_indices() {
        match kind(c) {
            Kind::Rtl => break,
            Kind::Ltr => last = first + at + c.len_utf8(),
            _ => {}
        }
    }
    // Attached to the end: digits, `+`, `%`, units, and closing brackets opened inside; a
    // trailing `.` or `:` stays outside.
    let mut open = net_open(&text[first..last]);
    let mut end = last;
    for (at, c) in text[last..].char_indices() {
        match kind(c) {
            Kind::Weak | Kind::Stop => {}
            Kind::Close if open > 0 => open -= 1,
            _ => break,
        }
        end = last + at + c.len_utf8();
    }
    while end > last {
        match text[..end].chars().next_back() {
            Some(c) if kind(c) == Kind::Stop => end -= c.len_utf8(),
            _ => break,
        }
    }
    // Attached to the start: `#`, `$`, `⌘`, digits (but not a hyphen joining a right-to-left
    // prefix such as `ב-`), and opening brackets closed inside.
    let mut closed = -net_open(&text[first..end]);
    let mut start = first;
    for (at, c) in text[from..first].char_indices().rev() {
        match kind(c) {
            Kind::Weak if c != '-' && c != '+' => {}
            Kind::Open if closed > 0 => closed -= 1,
            _ => break,
        }
        start = from + at;
    }
    Some((start, end))
}

/// Opening brackets in `s` minus closing ones.
fn net_open(s: &str) -> i64 {
    s.chars()
        .map(|c| match kind(c) {
            Kind::Open => 1,
            Kind::Close => -1,
            _ => 0,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrases(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let mut i = 0;
        while let Some((s, e)) = next_phrase(text, i) {
            out.push(&text[s..e]);
            i = e;
        }
        out
    }

    #[test]
    fn a_phrase_is_whole_from_its_first_letter_to_its_last() {
        assert_eq!(
            phrases("המונח zarządzanie kryzysowe בפולנית"),
            ["zarządzanie kryzysowe"]
        );
        assert_eq!(phrases("ספק BBM Logística בברזיל"), ["BBM Logística"]);
        assert_eq!(
            phrases("crisis team / crisis (incident lead) manager"),
            ["crisis team / crisis (incident lead) manager"]
        );
        assert_eq!(phrases("(of goods) return"), ["(of goods) return"]);
        assert_eq!(phrases("Сбой оплаты на сайте"), ["Сбой оплаты на сайте"]);
    }

    #[test]
    fn what_is_attached_stays_with_it() {
        assert_eq!(phrases("זמן T+"), ["T+"]);
        assert_eq!(phrases("יעד T+15m לכל שלב"), ["T+15m"]);
        assert_eq!(phrases("הדפיסו (Ctrl+P או ⌘P)"), ["Ctrl+P", "⌘P"]);
        assert_eq!(phrases("ב-Google Analytics כל יום."), ["Google Analytics"]);
        assert_eq!(phrases("גרסה v1.2 עכשיו"), ["v1.2"]);
        assert_eq!(phrases("ירידה של 15% ב-CTR."), ["CTR"]);
        assert_eq!(phrases("משקל 15kg בדיוק"), ["15kg"]);
        assert_eq!(phrases("בדקו את SKU-12 עכשיו"), ["SKU-12"]);
        assert_eq!(
            phrases("כתובת example.org/playbook/he/ באתר"),
            ["example.org/playbook/he/"]
        );
        assert_eq!(
            phrases("ראו https://example.org/a?b=1."),
            ["https://example.org/a?b=1"]
        );
        assert_eq!(phrases("מספר 12 בלבד"), Vec::<&str>::new());
    }

    #[test]
    fn arabic_and_persian_too() {
        assert_eq!(phrases("تأخير شحنة DHL Express اليوم"), ["DHL Express"]);
        assert_eq!(phrases("پرداخت با PayPal (آزمایشی)"), ["PayPal"]);
        assert_eq!(
            phrases("الهدف خلال T+15m، والتقرير بعد T+2h."),
            ["T+15m", "T+2h"]
        );
        assert_eq!(
            phrases("اضغط Ctrl+P وراجع status.example.com/carriers."),
            ["Ctrl+P", "status.example.com/carriers"]
        );
        assert_eq!(
            phrases("شريكنا BBM Logística، في البرتغال"),
            ["BBM Logística"]
        );
        assert_eq!(phrases("الرمز SKU-12 بوزن 15kg"), ["SKU-12", "15kg"]);
    }

    #[test]
    fn css_strings_get_marks() {
        assert_eq!(
            isolate_ltr_marks("תרגיל · example.org/playbook/he/"),
            "תרגיל · \u{2066}example.org/playbook/he/\u{2069}"
        );
    }

    #[test]
    fn output_is_escaped_and_isolated() {
        assert_eq!(
            isolate_ltr("בדקו <a> עכשיו"),
            "בדקו <bdi>&lt;a&gt;</bdi> עכשיו"
        );
        assert_eq!(isolate_ltr("שלום"), "שלום");
        assert_eq!(
            isolate_ltr("ב-Google Analytics כל יום"),
            "ב-<bdi>Google Analytics</bdi> כל יום"
        );
    }
}
