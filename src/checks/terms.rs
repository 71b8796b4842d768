//! One term per concept: a glossary page lists, for its language, the preferred term and the
//! variants to avoid (`terms:` in its front matter); a page of that language that uses a variant
//! gets a warning at the word.

use aho_corasick::{AhoCorasick, MatchKind};
use rayon::prelude::*;

use crate::content::TermSrc;
use crate::diagnostics::{Diagnostic, Pos};
use crate::site::{Page, Site};

/// Letters Hebrew writes onto the front of a word ("and", "the", "in", "to", "from", "that",
/// "as"): `וההודעה` is still `הודעה`.
const HEBREW_PREFIXES: &str = "ובהלמשכ";

/// At most this many prefix letters are taken as prefixes rather than part of another word.
const MAX_PREFIXES: usize = 3;

/// Warnings for every use of a variant a glossary of the page's language says to avoid.
pub fn check(site: &Site) -> Vec<Diagnostic> {
    let live = |p: &&Page| p.fallback_from.is_none() && !p.src.generated;
    let rules: Vec<(usize, Rules)> = site
        .pages
        .iter()
        .filter(live)
        .filter(|p| !p.meta().terms.is_empty())
        .filter_map(|p| Rules::new(&p.meta().terms).map(|r| (p.lang(), r)))
        .collect();
    if rules.is_empty() {
        return Vec::new();
    }
    site.pages
        .par_iter()
        .filter(live)
        // The glossary itself names the variants it warns about.
        .filter(|p| p.meta().terms.is_empty())
        .flat_map_iter(|page| {
            rules
                .iter()
                .filter(|(lang, _)| *lang == page.lang())
                .flat_map(|(_, r)| r.find(page))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// A glossary's variants, found in one pass over a page whatever their number.
struct Rules {
    matcher: AhoCorasick,
    /// For each pattern: the variant as written, and the term to use instead.
    patterns: Vec<(String, String)>,
}

impl Rules {
    fn new(terms: &[TermSrc]) -> Option<Rules> {
        let patterns: Vec<(String, String)> = terms
            .iter()
            .flat_map(|t| {
                t.avoid
                    .iter()
                    .map(|v| (v.trim().to_string(), t.prefer.clone()))
            })
            .filter(|(v, _)| !v.is_empty())
            .collect();
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(patterns.iter().map(|(v, _)| fold(v)))
            .ok()?;
        Some(Rules { matcher, patterns })
    }

    /// Every whole-word use of a variant in the page's source.
    fn find(&self, page: &Page) -> Vec<Diagnostic> {
        let text = &page.src.text;
        let folded = fold(text);
        self.matcher
            .find_iter(&folded)
            .filter(|m| is_whole_word(&folded, m.start(), m.end()))
            .map(|m| {
                let (variant, prefer) = &self.patterns[m.pattern().as_usize()];
                Diagnostic::warning(
                    "avoided-term",
                    &page.src.file,
                    format!(
                        "`{}`: the glossary's term is `{prefer}`",
                        &text[m.start()..m.end()]
                    ),
                )
                .at(Pos::of_offset(text, m.start()))
                .hint(format!(
                    "write `{prefer}`; the glossary lists `{variant}` as a variant to avoid"
                ))
            })
            .collect()
    }
}

/// Whether `word` (lower case) is in `text` (lower case) as a whole word.
pub(super) fn contains_word(text: &str, word: &str) -> bool {
    text.match_indices(word)
        .any(|(at, w)| is_whole_word(text, at, at + w.len()))
}

/// Lower case, one character for one character of the same length, so that offsets into the
/// folded text are offsets into the original.
fn fold(text: &str) -> String {
    text.chars()
        .map(|c| {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
                _ => c,
            }
        })
        .collect()
}

/// A match that is not the middle of a longer word: nothing word-like after it, and before it
/// either nothing word-like or, for Hebrew, a few prefix letters.
fn is_whole_word(text: &str, start: usize, end: usize) -> bool {
    let word = |c: char| c.is_alphanumeric() || c == '_';
    if text[end..].chars().next().is_some_and(word) {
        return false;
    }
    let mut before = text[..start].chars().rev();
    for _ in 0..=MAX_PREFIXES {
        match before.next() {
            None => return true,
            Some(c) if !word(c) => return true,
            Some(c) if HEBREW_PREFIXES.contains(c) && starts_hebrew(&text[start..]) => {}
            Some(_) => return false,
        }
    }
    false
}

fn starts_hebrew(text: &str) -> bool {
    text.chars()
        .next()
        .is_some_and(|c| ('\u{05d0}'..='\u{05ea}').contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_and_hebrew_prefixes() {
        let t = "crisis manager, crisis managers";
        assert!(is_whole_word(t, 0, 14));
        assert!(!is_whole_word(t, 16, 30));
        let h = fold("פרסמו את ההודעת המתנה");
        let at = h.find("הודעת").unwrap();
        assert!(is_whole_word(&h, at, h.len()));
        let h = "שלחוהודעת";
        let at = h.find("הודעת").unwrap();
        assert!(!is_whole_word(h, at, h.len()));
    }

    #[test]
    fn folding_keeps_offsets() {
        let t = "Zwroty i GWARANCJE — İstanbul";
        assert_eq!(fold(t).len(), t.len());
        assert!(fold(t).starts_with("zwroty i gwarancje"));
    }
}
