//! The parser's events as the renderer wants them: text runs joined, bidi controls dropped and
//! tables too wide to keep left out, one event at a time so a body is never held twice.

use std::collections::VecDeque;
use std::ops::Range;

use pulldown_cmark::{CowStr, Event, OffsetIter, Tag, TagEnd};

/// An event and the byte range of the Markdown it came from.
pub type Spanned<'a> = (Event<'a>, Range<usize>);

/// Tables wider than this are refused: every short row is padded to the header's width, so a
/// wide header makes output (and time) grow with rows × columns.
pub const MAX_TABLE_COLUMNS: usize = 64;

/// Cleaned events, with lookahead for the renderer to decide what a list is.
pub struct Events<'a> {
    parser: OffsetIter<'a>,
    /// Events read ahead of the caller, in order.
    ahead: VecDeque<Spanned<'a>>,
    /// The next event from the parser, read to see whether it continues a text run.
    held: Option<Spanned<'a>>,
    /// Where each table too wide to keep started.
    pub too_wide: Vec<usize>,
}

impl<'a> Events<'a> {
    pub fn new(parser: OffsetIter<'a>) -> Self {
        Events {
            parser,
            ahead: VecDeque::new(),
            held: None,
            too_wide: Vec::new(),
        }
    }

    /// The `n`th event from here (0 is the next), read ahead if need be.
    pub fn peek(&mut self, n: usize) -> Option<&Event<'a>> {
        while self.ahead.len() <= n {
            let e = self.read()?;
            self.ahead.push_back(e);
        }
        self.ahead.get(n).map(|(e, _)| e)
    }

    /// One event from the parser, cleaned, with the text runs that follow it joined on.
    fn read(&mut self) -> Option<Spanned<'a>> {
        let (mut event, mut range) = self.held.take().or_else(|| self.next_kept())?;
        if let Event::Text(text) = &mut event {
            // Joined in one growing String: joining by copying would be quadratic in the number
            // of pieces (a line of backslash escapes is one piece per character).
            let mut joined: Option<String> = None;
            loop {
                match self.next_kept() {
                    Some((Event::Text(more), r)) => {
                        joined
                            .get_or_insert_with(|| text.to_string())
                            .push_str(&more);
                        range.end = r.end;
                    }
                    other => {
                        self.held = other;
                        break;
                    }
                }
            }
            if let Some(joined) = joined {
                *text = CowStr::from(joined);
            }
        }
        Some((event, range))
    }

    /// The parser's next event that is kept, with bidi controls removed from its text.
    fn next_kept(&mut self) -> Option<Spanned<'a>> {
        loop {
            let (mut event, range) = self.parser.next()?;
            match &mut event {
                Event::Start(Tag::Table(columns)) if columns.len() > MAX_TABLE_COLUMNS => {
                    self.too_wide.push(range.start);
                    self.skip_table();
                    continue;
                }
                Event::Text(t) | Event::Code(t) => {
                    // Bidi controls could hide or reorder text; isolation is Keel's job.
                    if let std::borrow::Cow::Owned(clean) = crate::content::without_bidi_controls(t)
                    {
                        *t = CowStr::from(clean);
                    }
                }
                _ => {}
            }
            return Some((event, range));
        }
    }

    fn skip_table(&mut self) {
        for (event, _) in self.parser.by_ref() {
            if matches!(event, Event::End(TagEnd::Table)) {
                break;
            }
        }
    }

    /// The events up to and including the `End` that closes a `Start` just taken.
    pub fn until_end(&mut self) -> Vec<Spanned<'a>> {
        let mut depth = 1usize;
        let mut out = Vec::new();
        for spanned in self.by_ref() {
            match spanned.0 {
                Event::Start(_) => depth += 1,
                Event::End(_) => depth -= 1,
                _ => {}
            }
            out.push(spanned);
            if depth == 0 {
                break;
            }
        }
        out
    }
}

impl<'a> Iterator for Events<'a> {
    type Item = Spanned<'a>;

    fn next(&mut self) -> Option<Spanned<'a>> {
        self.ahead.pop_front().or_else(|| self.read())
    }
}
