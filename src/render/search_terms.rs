//! Search terms: how text becomes index terms, the same way in the index build and in the
//! theme's `site.js` (both are tested against `tests/fixtures/search-terms.tsv`).
//!
//! Lower case; Polish letters folded to ASCII (`płatność` → `platnosc`); Hebrew points (niqqud)
//! removed and final letters folded (`ם` → `מ`); then a light suffix stemmer for Polish and
//! English, and for Hebrew each word is also indexed without one or two of the prefix letters
//! ה ו ב ל מ ש כ.

use rustc_hash::FxHashMap as HashMap;

/// The index terms of `text` in a language (`pl`, `he-IL` …), word by word, as the index build
/// makes them.
pub fn index_terms(lang: &str, text: &str) -> Vec<String> {
    let base = lang.split('-').next().unwrap_or("");
    let mut out = Vec::new();
    each_word(text, |w| {
        word_terms_into(base, w, &mut String::new(), &mut |t| {
            out.push(t.to_string())
        })
    });
    out
}

/// Lower-case and fold one character; `None` drops it (Hebrew points and cantillation).
fn fold_char(c: char) -> Option<char> {
    if c.is_ascii() {
        return Some(c.to_ascii_lowercase());
    }
    Some(match c {
        '\u{0591}'..='\u{05BD}'
        | '\u{05BF}'
        | '\u{05C1}'
        | '\u{05C2}'
        | '\u{05C4}'
        | '\u{05C5}'
        | '\u{05C7}'
        | '\u{05F3}'
        | '\u{05F4}' => return None,
        'ą' | 'Ą' => 'a',
        'ć' | 'Ć' => 'c',
        'ę' | 'Ę' => 'e',
        'ł' | 'Ł' => 'l',
        'ń' | 'Ń' => 'n',
        'ó' | 'Ó' => 'o',
        'ś' | 'Ś' => 's',
        'ź' | 'Ź' | 'ż' | 'Ż' => 'z',
        'ך' => 'כ',
        'ם' => 'מ',
        'ן' => 'נ',
        'ף' => 'פ',
        'ץ' => 'צ',
        // Hebrew has no case.
        c @ '\u{05D0}'..='\u{05EA}' => c,
        c => c.to_lowercase().next().unwrap_or(c),
    })
}

/// Whether a folded character belongs to a word. Hebrew letters and ASCII are decided without
/// the Unicode tables (the index build asks this for every character of the site).
fn is_word_char(c: char) -> bool {
    match c {
        'a'..='z' | '0'..='9' | '\u{05D0}'..='\u{05EA}' => true,
        c if c.is_ascii() => false,
        c => c.is_alphanumeric(),
    }
}

/// Call `f` with every folded word of `text`, without allocating per word: the index build sees
/// every word of the site.
pub(super) fn each_word(text: &str, mut f: impl FnMut(&str)) {
    let mut word = String::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // ASCII (most of English and Polish, and the markup-free gaps in Hebrew) byte by byte.
        let b = bytes[i];
        let folded = if b.is_ascii() {
            i += 1;
            Some(b.to_ascii_lowercase() as char)
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            i += c.len_utf8();
            fold_char(c)
        };
        match folded {
            None => {}
            Some(x) if is_word_char(x) => word.push(x),
            Some(_) => {
                if !word.is_empty() {
                    f(&word);
                }
                word.clear();
            }
        }
    }
    if !word.is_empty() {
        f(&word);
    }
}

/// Call `f` with the index terms of one folded word (`base` is the language without region).
fn word_terms_into(base: &str, word: &str, scratch: &mut String, f: &mut dyn FnMut(&str)) {
    match base {
        "pl" | "en" => {
            let chars = if word.is_ascii() {
                word.len()
            } else {
                word.chars().count()
            };
            if base == "en" && chars > 4 && word.ends_with("ies") {
                scratch.clear();
                scratch.push_str(&word[..word.len() - 3]);
                scratch.push('y');
                f(scratch);
            } else {
                f(stem_str(base, word, chars));
            }
        }
        "he" => {
            // The word, then without one, two or three prefix letters (וכשה…), each also
            // without a plural, construct or possessive ending: בתשלומי → תשלומי → תשלומ.
            let mut rest = word;
            let mut left = word.chars().count();
            for cut in 0..=HE_MAX_PREFIXES {
                if cut > 0 {
                    match rest.chars().next() {
                        Some(c) if left > HE_MIN_STEM && is_he_prefix(c) => {
                            rest = &rest[c.len_utf8()..];
                            left -= 1;
                        }
                        _ => break,
                    }
                }
                f(rest);
                if let Some(stem) = he_stem(rest, left) {
                    f(stem);
                }
            }
        }
        _ => f(word),
    }
}

/// One language's words and terms as a worker thread has met them. Most words of a site recur
/// on page after page; each is folded into terms once, and a page's scores are kept by term
/// number rather than by string.
#[derive(Default)]
pub(super) struct TermCache {
    /// A folded word → its terms, as a range of `word_terms`.
    words: HashMap<Box<str>, (u32, u32)>,
    word_terms: Vec<u32>,
    /// Term number → term, and back.
    pub(super) names: Vec<Box<str>>,
    numbers: HashMap<Box<str>, u32>,
}

impl TermCache {
    pub(super) fn terms(&mut self, base: &str, word: &str) -> &[u32] {
        let TermCache {
            words,
            word_terms,
            names,
            numbers,
        } = self;
        let (from, to) = match words.get(word) {
            Some(&range) => range,
            None => {
                let from = word_terms.len() as u32;
                word_terms_into(base, word, &mut String::new(), &mut |term| {
                    let n = *numbers.entry(term.into()).or_insert_with(|| {
                        names.push(term.into());
                        names.len() as u32 - 1
                    });
                    word_terms.push(n);
                });
                let range = (from, word_terms.len() as u32);
                words.insert(word.into(), range);
                range
            }
        };
        &word_terms[from as usize..to as usize]
    }
}

thread_local! {
    /// Per worker thread, per language.
    pub(super) static TERM_CACHE: std::cell::RefCell<HashMap<String, TermCache>> = Default::default();
}

/// Polish endings of nouns, adjectives and verbs (folded: `ów` is `ow`), longest first; cut
/// when at least four letters stay.
const PL_SUFFIXES: [&str; 45] = [
    "owania", "owanie", "owaniu", "owego", "owych", "owymi", "owemu", "ujemy", "ujesz", "owac",
    "iami", "iach", "iom", "ami", "ach", "ego", "emu", "ich", "ych", "imi", "ymi", "owi", "owa",
    "owe", "owy", "iem", "uje", "uja", "ac", "ic", "yc", "em", "om", "ow", "ie", "ia", "ii", "ej",
    "ym", "a", "e", "i", "o", "u", "y",
];

/// Hebrew prefix letters taken off a word, at most: וכש (and when), שב (that in), מה (from the).
const HE_MAX_PREFIXES: usize = 3;
/// Letters a Hebrew word keeps at least, after its prefixes and its ending are cut.
const HE_MIN_STEM: usize = 3;
/// Hebrew endings, longest first (final letters are already folded: ים is written ימ): plural
/// ים/ות, construct and possessive י/ת, feminine ה.
const HE_SUFFIXES: [&str; 5] = ["ימ", "ות", "י", "ת", "ה"];

/// A Hebrew word without its ending, if it has one and enough letters stay.
fn he_stem(word: &str, chars: usize) -> Option<&str> {
    HE_SUFFIXES
        .iter()
        .find(|s| word.ends_with(*s) && chars >= s.chars().count() + HE_MIN_STEM)
        .map(|s| &word[..word.len() - s.len()])
}
/// Hebrew prefix letters (and, the, in, to, from, that, as): ו ה ב ל מ ש כ.
fn is_he_prefix(c: char) -> bool {
    matches!(c, 'ה' | 'ו' | 'ב' | 'ל' | 'מ' | 'ש' | 'כ')
}

/// The stems that only cut a suffix; `chars` is the word's length in characters.
fn stem_str<'a>(base: &str, word: &'a str, chars: usize) -> &'a str {
    let cut = match base {
        // Suffixes are ASCII; compared by hand, since this runs for every Polish word of the site.
        "pl" => {
            let w = word.as_bytes();
            PL_SUFFIXES
                .iter()
                .map(|s| s.as_bytes())
                .find(|s| {
                    chars >= s.len() + 4
                        && w[w.len() - s.len()..]
                            .iter()
                            .zip(s.iter())
                            .all(|(a, b)| a == b)
                })
                .map_or(0, <[u8]>::len)
        }
        "en" if chars > 5 && word.ends_with("ing") => 3,
        "en" if chars > 4 && word.ends_with("ed") => 2,
        "en" if chars > 3 && word.ends_with('s') && !word.ends_with("ss") => 1,
        _ => 0,
    };
    &word[..word.len() - cut]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        each_word(text, |w| out.push(w.to_string()));
        out
    }

    /// Every index term of `text`, in order, as the index build makes them.
    fn terms(lang: &str, text: &str) -> Vec<String> {
        let mut out = Vec::new();
        each_word(text, |w| {
            word_terms_into(lang, w, &mut String::new(), &mut |t| {
                out.push(t.to_string())
            })
        });
        out
    }

    #[test]
    fn polish_folds_diacritics_and_inflections() {
        let v = |w: &str| terms("pl", w);
        assert_eq!(v("płatności"), v("platnosci"));
        assert_eq!(v("płatności"), v("płatność"));
        assert_eq!(v("zwrót"), v("zwrot"));
        assert_eq!(v("zwrotu"), v("zwroty"));
        assert_eq!(v("awarii"), v("awaria"));
        assert_eq!(
            terms("pl", "Płatności i zwroty, ZWRÓT!"),
            ["platnosc", "i", "zwrot", "zwrot"]
        );
    }

    #[test]
    fn hebrew_drops_points_and_prefixes() {
        assert_eq!(words("שָׁלוֹם עולם"), ["שלומ", "עולמ"]);
        let he = |w: &str| terms("he", w);
        assert!(he("ובתשלומים").contains(&"תשלומ".to_string()));
        assert_eq!(he("וכשהתשלום").len(), 4, "three prefixes at most");
        assert!(
            he("תשלומי").contains(&"תשלומ".to_string()),
            "construct form"
        );
        assert!(
            he("בתשלום").contains(&words("תשלום")[0]),
            "{:?}",
            he("בתשלום")
        );
        assert_eq!(he("מה"), ["מה"], "short words keep their letters");
    }

    #[test]
    fn english_stems_lightly() {
        assert_eq!(terms("en", "payments"), ["payment"]);
        assert_eq!(terms("en", "Deliveries"), ["delivery"]);
        assert_eq!(terms("en", "process"), ["process"]);
    }
}
