//! Markdown to HTML with pulldown-cmark. On top of CommonMark (tables, footnotes, strikethrough,
//! task lists, heading ids) this stage gives every heading an id, turns task lists into checklist
//! items, resolves `@/…` links to relative URLs, renders GitHub alerts and MkDocs admonitions as
//! callouts, keeps raw HTML through an allowlist (or shows it as text), and isolates left-to-right runs inside right-to-left text.

use std::collections::VecDeque;
use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};

mod bidi;
mod callouts;
mod escape;
mod events;
mod raw_html;
mod urls;

pub use bidi::{has_ltr, has_rtl, isolate_ltr, isolate_ltr_marks};
use callouts::Rewritten;
pub use callouts::{CalloutKind, CalloutLabels};
pub use escape::escape;
pub(crate) use escape::{for_escaped, push_escaped};
pub use events::MAX_TABLE_COLUMNS;
use events::{Events, Spanned};
use urls::{is_safe_url, link_dest, with_dest};

use crate::checklist::{self, Checklist, IdSet, Item};
use crate::config::RawHtml;
use crate::diagnostics::{Diagnostic, Pos};

/// Resolves an internal link target (`@/crises/x.md#a`, `@pl/…`) for the page being rendered.
pub trait LinkResolver {
    /// A path relative to the output root (`he/crises/x/index.html#a`), or a message saying why not.
    fn resolve(&self, target: &str, pos: Pos) -> Result<String, String>;

    /// A link or image written as a URL (`../during/foo.md#a`, `/img/map.png`, `#top`):
    /// `Ok(Some(path))` to rewrite it to a path from the output root, `Ok(None)` to leave it as
    /// written (external), `Err` with a message when it points to nothing.
    fn resolve_url(&self, url: &str, kind: LinkKind, pos: Pos) -> Result<Option<String>, String> {
        let _ = (url, kind, pos);
        Ok(None)
    }
}

/// Whether a URL is a link's or an image's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkKind {
    /// `[text](url)`: may name a page or a file.
    Link,
    /// `![alt](url)`: must name a file.
    Image,
}

/// What the markdown stage needs to know about the page it renders.
pub struct Ctx<'a> {
    /// The file being rendered, as shown in messages.
    pub file: &'a Path,
    /// Where the Markdown text starts in its file: lines above it, and columns before each of
    /// its lines (the indentation of a YAML block).
    pub line_offset: usize,
    /// Columns before each line of the Markdown text (see `line_offset`).
    pub col_offset: usize,
    /// The page's language is right-to-left: left-to-right runs get isolated.
    pub rtl: bool,
    /// Relative prefix from the page to the output root (`../../`).
    pub root: &'a str,
    /// Resolves the page's `@/…` links.
    pub links: &'a dyn LinkResolver,
    /// Callout labels in the page's language.
    pub labels: &'a CalloutLabels,
    /// What becomes of HTML in the Markdown.
    pub raw_html: RawHtml,
}

/// A rendered Markdown body.
#[derive(Debug, Default)]
pub struct Rendered {
    /// HTML with `<!--keel:checklist:N-->` where checklist N goes.
    pub html: String,
    /// Checklists made from the task lists, in order: N in the placeholders.
    pub checklists: Vec<Checklist>,
    /// Ids of headings (targets for `#anchor` links).
    pub anchors: Vec<String>,
    /// Problems found while rendering, such as links that point nowhere.
    pub diagnostics: Vec<Diagnostic>,
}

/// Stands for the way back to the output root in rendered Markdown. The page is rendered once and
/// can appear at several depths (its web page, its print views, a print bundle), so the real
/// relative prefix is put in when each output file is written: see [`set_root`].
pub const ROOT_MARKER: &str = "keel:root/";

/// Replace [`ROOT_MARKER`] with the relative prefix of the file being written.
pub fn set_root(html: &str, root: &str) -> String {
    static FINDER: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(ROOT_MARKER));
    let mut out = String::with_capacity(html.len());
    let mut from = 0;
    for at in FINDER.find_iter(html.as_bytes()) {
        out.push_str(&html[from..at]);
        out.push_str(root);
        from = at + ROOT_MARKER.len();
    }
    out.push_str(&html[from..]);
    out
}

/// Task list items one page's Markdown may hold. Each item costs about a kilobyte in the
/// template's view of the page, so a page of nothing but check boxes (eight bytes each) would
/// otherwise take a hundred times its size in memory.
pub const MAX_CHECKLIST_ITEMS: usize = 5_000;

/// The marker left in [`Rendered::html`] where checklist `n` goes: this, `n`, then `-->`.
pub const CHECKLIST_MARK: &str = "<!--keel:checklist:";

/// The marker left in [`Rendered::html`] where checklist `n` goes.
pub fn placeholder(n: usize) -> String {
    format!("{CHECKLIST_MARK}{n}-->")
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
}

/// Render a Markdown body. `ids` is shared with the rest of the page so anchors stay unique.
pub fn render(md: &str, ctx: &Ctx, ids: &mut IdSet) -> Rendered {
    // Raw HTML too deep to clean means rendering again from the ids as they were.
    let ids_before = (ctx.raw_html == RawHtml::Sanitize
        && memchr::memchr(b'<', md.as_bytes()).is_some())
    .then(|| ids.clone());
    let rewritten = callouts::rewrite(md);
    let parsed = rewritten.as_ref().map_or(md, |r| r.text.as_str());
    let mut r = Renderer {
        ctx,
        md,
        ids,
        out: Rendered::default(),
        last_heading: None,
        in_code: false,
        image: None,
        items: 0,
        line_starts: std::cell::OnceCell::new(),
        last_pos: std::cell::Cell::new(None),
        rewritten: rewritten.as_ref(),
        quotes: Vec::new(),
        raw_seen: 0,
        scan: raw_html::Scan::default(),
        plain: false,
        rewrites: std::collections::HashMap::new(),
    };
    let mut events = Events::new(Parser::new_ext(parsed, options()).into_offset_iter());
    let mut html = String::new();
    // One pass: events stream from the parser to the HTML writer; only a heading or one
    // checklist item is ever held.
    html::push_html(
        &mut html,
        Blocks {
            events: &mut events,
            r: &mut r,
            queue: VecDeque::new(),
        },
    );
    let wide: Vec<Diagnostic> = events
        .too_wide
        .iter()
        .map(|&at| {
            Diagnostic::error(
                "table-too-wide",
                ctx.file,
                format!("a table with more than {MAX_TABLE_COLUMNS} columns is left out"),
            )
            .at(r.pos(&(at..at)))
            .hint("split it into narrower tables, or link to a spreadsheet")
        })
        .collect();
    r.out.diagnostics.splice(0..0, wide);
    if r.scan.deepest > raw_html::MAX_DEPTH {
        let deepest = r.scan.deepest;
        drop(r);
        if let Some(before) = ids_before {
            *ids = before;
        }
        return too_deep(md, ctx, ids, deepest);
    }
    r.out.html = if r.raw_seen > 0 {
        raw_html::clean(&html, &r.rewrites)
    } else {
        html
    };
    r.out
}

/// A body whose raw HTML nests too deep to clean in reasonable time: rendered again with its
/// HTML shown as text, and an error saying why.
fn too_deep(md: &str, ctx: &Ctx, ids: &mut IdSet, depth: usize) -> Rendered {
    let escaped = Ctx {
        raw_html: RawHtml::Escape,
        ..*ctx
    };
    let mut r = render(md, &escaped, ids);
    r.diagnostics.insert(
        0,
        Diagnostic::error(
            "html-too-deep",
            ctx.file,
            format!(
                "raw HTML nested {depth} elements deep (more than {}); it is shown as text",
                raw_html::MAX_DEPTH
            ),
        )
        .at(Pos::new(ctx.line_offset + 1, 1))
        .hint("close the elements you open; generated HTML belongs in a file beside the page"),
    );
    r
}

/// The output events of a body, made block by block as the HTML writer asks for them.
struct Blocks<'r, 'a, 'i> {
    events: &'r mut Events<'a>,
    r: &'r mut Renderer<'a, 'i>,
    queue: VecDeque<Event<'a>>,
}

impl<'a> Iterator for Blocks<'_, 'a, '_> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        loop {
            if let Some(event) = self.queue.pop_front() {
                return Some(event);
            }
            let (event, range) = self.events.next()?;
            match event {
                Event::Start(Tag::Heading {
                    level, id, attrs, ..
                }) => {
                    let mut inner = self.events.until_end();
                    inner.pop();
                    let list = self.r.heading_list_attrs(&attrs, &range);
                    self.r.heading(level, id, &range, inner, &mut self.queue);
                    if let Some(h) = &mut self.r.last_heading {
                        h.2 = list;
                    }
                }
                Event::Start(Tag::List(start)) if is_task_list(self.events) => {
                    let n = self.r.out.checklists.len();
                    let mut checklist = self.r.task_list(self.events, n);
                    checklist.start = start;
                    self.r.out.checklists.push(checklist);
                    self.queue
                        .push_back(Event::Html(format!("{}\n", placeholder(n)).into()));
                    self.r.last_heading = None;
                }
                Event::Start(Tag::BlockQuote(kind)) => {
                    let event = self.r.quote_start(kind, &range, self.events);
                    self.queue.push_back(event);
                }
                // A list item holding only text (a tight list) is a leaf block too; one with
                // paragraphs or lists inside goes on as usual.
                Event::Start(Tag::Item) if self.r.ctx.rtl && item_is_leaf(self.events) => {
                    let mut inner = self.events.until_end();
                    let end = inner.pop();
                    self.queue.push_back(Event::Start(Tag::Item));
                    self.r.leaf_block(inner, &mut self.queue);
                    if let Some((e, r)) = end {
                        let e = self.r.inline(e, &r);
                        self.queue.push_back(e);
                    }
                }
                Event::Start(tag @ (Tag::Paragraph | Tag::TableCell)) if self.r.ctx.rtl => {
                    let mut inner = self.events.until_end();
                    let end = inner.pop();
                    self.queue.push_back(Event::Start(tag));
                    self.r.leaf_block(inner, &mut self.queue);
                    if let Some((e, r)) = end {
                        let e = self.r.inline(e, &r);
                        self.queue.push_back(e);
                    }
                }
                Event::End(TagEnd::BlockQuote(kind)) => {
                    let event = match self.r.quotes.pop().flatten() {
                        Some(close) => Event::Html(close.into()),
                        None => Event::End(TagEnd::BlockQuote(kind)),
                    };
                    self.queue.push_back(event);
                }
                other => {
                    let event = self.r.inline(other, &range);
                    self.queue.push_back(event);
                }
            }
        }
    }
}

/// Render one line of inline Markdown (checklist text, a role's duty) without a wrapping `<p>`.
pub fn render_inline(md: &str, ctx: &Ctx, diags: &mut Vec<Diagnostic>) -> String {
    let mut ids = IdSet::default();
    let rendered = render(md, ctx, &mut ids);
    diags.extend(rendered.diagnostics);
    let html = rendered.html.trim_end();
    match html
        .strip_prefix("<p>")
        .and_then(|h| h.strip_suffix("</p>"))
    {
        Some(inner) if !inner.contains("<p>") => inner.to_string(),
        _ => html.to_string(),
    }
}

/// What a heading says about the task list under it.
#[derive(Default)]
struct ListAttrs {
    mode: Option<checklist::Mode>,
    phase: Option<checklist::Phase>,
}

const MODE_HINT: (&str, &str) = (
    "mode",
    "write mode=read-do (read a step, do it) or mode=do-confirm (do, then confirm)",
);
const PHASE_HINT: (&str, &str) = (
    "phase",
    "write phase= one of prepare, detect, respond, limit, repair, learn",
);

fn parse_mode(value: &str) -> Option<checklist::Mode> {
    match value {
        "read-do" => Some(checklist::Mode::ReadDo),
        "do-confirm" => Some(checklist::Mode::DoConfirm),
        _ => None,
    }
}

fn parse_phase(value: &str) -> Option<checklist::Phase> {
    use checklist::Phase::*;
    Some(match value {
        "prepare" => Prepare,
        "detect" => Detect,
        "respond" => Respond,
        "limit" => Limit,
        "repair" => Repair,
        "learn" => Learn,
        _ => return None,
    })
}

struct Renderer<'c, 'i> {
    ctx: &'c Ctx<'c>,
    md: &'c str,
    ids: &'i mut IdSet,
    out: Rendered,
    /// The last heading's id, text, and what it says about the task list under it
    /// (`{#id mode=read-do phase=respond}`).
    last_heading: Option<(String, String, ListAttrs)>,
    in_code: bool,
    /// Inside an image: where it starts, and whether it has alt text so far.
    image: Option<(Range<usize>, bool)>,
    /// Task list items seen so far, kept or not.
    items: usize,
    line_starts: std::cell::OnceCell<Vec<usize>>,
    /// The last position computed, and its offset.
    last_pos: std::cell::Cell<Option<(usize, Pos)>>,
    /// The body as parsed, when admonitions were rewritten: ranges are in its text.
    rewritten: Option<&'c Rewritten>,
    /// For each open block quote, what closes it: `None` for a plain quote.
    quotes: Vec<Option<&'static str>>,
    /// Pieces of raw HTML kept so far: the output they are in must be cleaned.
    raw_seen: usize,
    /// Reads raw HTML for what the cleaning will remove.
    scan: raw_html::Scan,
    /// Inside a block isolated whole: its text needs no isolates of its own.
    plain: bool,
    /// Relative URLs in raw HTML and what they become, as Markdown links would.
    rewrites: std::collections::HashMap<String, String>,
}

impl Renderer<'_, '_> {
    fn pos(&self, range: &Range<usize>) -> Pos {
        let at = self
            .rewritten
            .map_or(range.start, |r| r.original(range.start));
        self.pos_at(at)
    }

    /// The position of byte `at` of the body as written.
    fn pos_at(&self, at: usize) -> Pos {
        // Every `@/` link records where it is, so line starts are found once per body.
        let starts = self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(memchr::memchr_iter(b'\n', self.md.as_bytes()).map(|i| i + 1))
                .collect()
        });
        // Columns are counted in characters from the line's start; counting on from the last
        // position asked for keeps a long line with many problems linear, not quadratic.
        let at = at.min(self.md.len());
        let line = starts.partition_point(|&s| s <= at).max(1);
        let p = match self.last_pos.get() {
            Some((from, p))
                if p.line == line
                    && from <= at
                    && self.md.is_char_boundary(from)
                    && self.md.is_char_boundary(at) =>
            {
                Pos::new(line, p.column + self.md[from..at].chars().count())
            }
            _ => Pos::in_lines(self.md, starts, at),
        };
        self.last_pos.set(Some((at, p)));
        Pos::new(
            p.line + self.ctx.line_offset,
            p.column + self.ctx.col_offset,
        )
    }

    /// What a heading says about the task list under it: `{#act-now mode=do-confirm phase=respond}`.
    fn heading_list_attrs(
        &mut self,
        attrs: &[(CowStr, Option<CowStr>)],
        range: &Range<usize>,
    ) -> ListAttrs {
        let mut list = ListAttrs::default();
        for (key, value) in attrs {
            let value = value.as_deref().unwrap_or("");
            match key.as_ref() {
                "mode" => list.mode = self.heading_attr(value, range, parse_mode, MODE_HINT),
                "phase" => list.phase = self.heading_attr(value, range, parse_phase, PHASE_HINT),
                _ => {}
            }
        }
        list
    }

    /// One `key=value` of a heading, parsed, or an error at the heading.
    fn heading_attr<T>(
        &mut self,
        value: &str,
        range: &Range<usize>,
        parse: fn(&str) -> Option<T>,
        (what, hint): (&str, &str),
    ) -> Option<T> {
        let parsed = parse(value);
        if parsed.is_none() {
            self.out.diagnostics.push(
                Diagnostic::error(
                    "bad-attribute",
                    self.ctx.file,
                    format!("`{value}` is not a checklist {what}"),
                )
                .at(self.pos(range))
                .hint(hint),
            );
        }
        parsed
    }

    /// A heading: its id (explicit and checked, or made from its text), then its content.
    fn heading<'a>(
        &mut self,
        level: HeadingLevel,
        explicit: Option<CowStr<'a>>,
        range: &Range<usize>,
        inner: Vec<Spanned<'a>>,
        out: &mut VecDeque<Event<'a>>,
    ) {
        let text: String = inner
            .iter()
            .filter_map(|(e, _)| match e {
                Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                _ => None,
            })
            .collect();
        let id = match explicit {
            Some(explicit) => {
                if !checklist::is_valid_id(&explicit) {
                    self.out.diagnostics.push(
                        Diagnostic::error(
                            "bad-id",
                            self.ctx.file,
                            format!("heading id `{}` is not valid", explicit.escape_debug()),
                        )
                        .at(self.pos(range))
                        .hint("use lower-case a-z, 0-9, - and _, e.g. {#act-now}"),
                    );
                } else if !self.ids.insert(&explicit) {
                    self.out.diagnostics.push(
                        Diagnostic::error(
                            "duplicate-id",
                            self.ctx.file,
                            format!("id `{explicit}` is used twice in this page"),
                        )
                        .at(self.pos(range))
                        .hint("ids must be unique within a page"),
                    );
                }
                explicit.to_string()
            }
            None => self.ids.unique_heading(checklist::heading_slug(&text)),
        };
        let n = heading_number(level);
        out.push_back(Event::Html(format!("<h{n} id=\"{}\">", escape(&id)).into()));
        if self.ctx.rtl {
            self.leaf_block(inner, out);
        } else {
            for (e, r) in inner {
                let e = self.inline(e, &r);
                out.push_back(e);
            }
        }
        out.push_back(Event::Html(format!("</h{n}>\n").into()));
        self.out.anchors.push(id.clone());
        self.last_heading = Some((id, text, ListAttrs::default()));
    }

    fn inline<'a>(&mut self, event: Event<'a>, range: &Range<usize>) -> Event<'a> {
        match event {
            Event::Start(Tag::CodeBlock(_)) => {
                self.in_code = true;
                event
            }
            Event::End(TagEnd::CodeBlock) => {
                self.in_code = false;
                event
            }
            Event::Start(tag @ Tag::Link { .. }) if link_dest(&tag).starts_with('@') => {
                let dest = match self.ctx.links.resolve(link_dest(&tag), self.pos(range)) {
                    Ok(path) => format!("{}{}", self.ctx.root, path),
                    Err(msg) => {
                        self.out.diagnostics.push(
                            Diagnostic::error("broken-link", self.ctx.file, msg)
                                .at(self.pos(range))
                                .hint("link to a content path such as @/crises/payment-outage.md#act-now"),
                        );
                        "#".to_string()
                    }
                };
                Event::Start(with_dest(&tag, dest))
            }
            Event::Start(tag @ (Tag::Link { .. } | Tag::Image { .. }))
                if !is_safe_url(link_dest(&tag)) =>
            {
                self.out.diagnostics.push(
                    Diagnostic::error("unsafe-link", self.ctx.file, format!("`{}` is not a link Keel will publish", link_dest(&tag)))
                        .at(self.pos(range))
                        .hint("links may be relative, #anchors, @/content paths, or use http, https, mailto or tel"),
                );
                Event::Start(with_dest(&tag, "#".into()))
            }
            Event::Start(tag @ (Tag::Link { .. } | Tag::Image { .. })) => {
                let kind = if matches!(tag, Tag::Image { .. }) {
                    self.image = Some((range.clone(), false));
                    LinkKind::Image
                } else {
                    LinkKind::Link
                };
                self.url(tag, kind, range)
            }
            Event::End(TagEnd::Image) => {
                if let Some((at, false)) = self.image.take() {
                    self.out.diagnostics.push(
                        Diagnostic::warning("image-no-alt", self.ctx.file, "an image without alt text")
                            .at(self.pos(&at))
                            .hint("say what the image shows for people who cannot see it: ![Map of the warehouse](map.png)"),
                    );
                }
                event
            }
            Event::Html(raw) | Event::InlineHtml(raw) if self.ctx.raw_html == RawHtml::Escape => {
                Event::Text(raw)
            }
            Event::Html(ref raw) | Event::InlineHtml(ref raw) => {
                self.raw_seen += 1;
                self.scan_raw(raw, range.start);
                event
            }
            Event::Text(text) | Event::Code(text)
                if matches!(self.image, Some((_, false))) && !text.trim().is_empty() =>
            {
                self.image = self.image.take().map(|(r, _)| (r, true));
                self.inline(Event::Text(text), range)
            }
            Event::Text(text) if self.ctx.rtl && !self.in_code && !self.plain => {
                Event::Html(isolate_ltr(&text).into())
            }
            Event::Code(code) if self.ctx.rtl => {
                Event::Html(format!("<code dir=\"ltr\">{}</code>", escape(&code)).into())
            }
            other => other,
        }
    }

    /// The inline content of a paragraph, heading or table cell on a right-to-left page. When
    /// it holds no right-to-left letter at all (an English term, a Polish column of a
    /// glossary), it is isolated whole, so markup inside it (`**crisis** team`) cannot cut it
    /// into pieces laid out right to left; otherwise each phrase is isolated where it stands.
    fn leaf_block<'a>(&mut self, inner: Vec<Spanned<'a>>, out: &mut VecDeque<Event<'a>>) {
        let texts = || {
            inner.iter().filter_map(|(e, _)| match e {
                Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                _ => None,
            })
        };
        let whole = !texts().any(has_rtl) && texts().any(has_ltr);
        if whole {
            out.push_back(Event::Html("<bdi>".into()));
            self.plain = true;
        }
        for (e, r) in inner {
            let e = self.inline(e, &r);
            out.push_back(e);
        }
        if whole {
            self.plain = false;
            out.push_back(Event::Html("</bdi>".into()));
        }
    }

    /// A block quote opening: a callout's box when it is a GitHub alert or an admonition, the
    /// quote as it is otherwise. What will close it goes on `quotes`.
    fn quote_start<'a>(
        &mut self,
        kind: Option<pulldown_cmark::BlockQuoteKind>,
        range: &Range<usize>,
        events: &mut Events<'a>,
    ) -> Event<'a> {
        let admonition = self.rewritten.and_then(|r| r.admonition_at(range.start));
        let (kind, title, collapsible, extra) = match (admonition, kind) {
            (Some(a), _) => {
                let kind = a.kind.unwrap_or_else(|| {
                    self.unknown_callout(&a.name, a.src);
                    CalloutKind::Note
                });
                let extra = (a.name.to_ascii_lowercase() != kind.name())
                    .then(|| a.name.to_ascii_lowercase());
                (kind, a.title.clone(), a.collapsible, extra)
            }
            (None, Some(k)) => (CalloutKind::from_github(k), None, None, None),
            (None, None) => {
                if let (Some(Event::Start(Tag::Paragraph)), Some(Event::Text(t))) =
                    (events.peek(0).cloned(), events.peek(1))
                    && let Some(word) = callouts::unknown_alert(t)
                {
                    let word = word.to_string();
                    self.unknown_callout(
                        &word,
                        self.rewritten
                            .map_or(range.start, |r| r.original(range.start)),
                    );
                }
                self.quotes.push(None);
                return Event::Start(Tag::BlockQuote(None));
            }
        };
        let title = title.unwrap_or_else(|| self.ctx.labels.get(kind).to_string());
        let title = if self.ctx.rtl {
            isolate_ltr(&title)
        } else {
            escape(&title)
        };
        let class = match extra {
            Some(extra) => format!("callout callout-{} callout-{extra}", kind.name()),
            None => format!("callout callout-{}", kind.name()),
        };
        let (open, close) = match collapsible {
            Some(open) => {
                let label = if title.is_empty() {
                    escape(self.ctx.labels.get(kind))
                } else {
                    title
                };
                let open = if open { " open" } else { "" };
                (
                    format!(
                        "<details class=\"{class}\"{open}>\n<summary class=\"callout-title\">{label}</summary>\n"
                    ),
                    "</details>\n",
                )
            }
            None if title.is_empty() => (
                format!("<aside class=\"{class}\" role=\"note\">\n"),
                "</aside>\n",
            ),
            None => (
                format!(
                    "<aside class=\"{class}\" role=\"note\">\n<p class=\"callout-title\">{title}</p>\n"
                ),
                "</aside>\n",
            ),
        };
        self.quotes.push(Some(close));
        Event::Html(open.into())
    }

    /// Warn about what the cleaning will take out of this piece of raw HTML, and note its ids.
    fn scan_raw(&mut self, raw: &str, at: usize) {
        let found = self.scan.piece(raw);
        for (off, msg) in found.removed {
            let pos = self.pos(&(at + off..at + off));
            self.out.diagnostics.push(
                Diagnostic::warning("html-removed", self.ctx.file, msg)
                    .at(pos)
                    .hint("Keel keeps structural and text HTML only (raw_html: sanitize in keel.yaml); write this part in Markdown, or leave it out"),
            );
        }
        self.out.anchors.extend(found.ids);
        for (off, image, url) in found.urls {
            let pos = self.pos(&(at + off..at + off));
            let kind = if image {
                LinkKind::Image
            } else {
                LinkKind::Link
            };
            match self.ctx.links.resolve_url(&url, kind, pos) {
                Ok(Some(path)) => {
                    let to = format!("{}{path}", self.ctx.root);
                    self.rewrites.insert(url, to);
                }
                Ok(None) => {}
                Err(msg) => self.bad_url(kind, msg, pos),
            }
        }
    }

    fn unknown_callout(&mut self, name: &str, at: usize) {
        let pos = self.pos_at(at);
        self.out.diagnostics.push(
            Diagnostic::warning("unknown-callout", self.ctx.file, format!("`{name}` is not a callout type Keel knows; it is shown as a note"))
                .at(pos)
                .hint("use note, tip, important, warning or caution (MkDocs types such as danger, info or example work too)"),
        );
    }

    /// A link or image with a URL: rewritten to the output when it names a page or file of the
    /// site, left alone when external, reported when it names nothing.
    fn url<'a>(&mut self, tag: Tag<'a>, kind: LinkKind, range: &Range<usize>) -> Event<'a> {
        let pos = self.pos(range);
        match self.ctx.links.resolve_url(link_dest(&tag), kind, pos) {
            Ok(Some(path)) => Event::Start(with_dest(&tag, format!("{}{path}", self.ctx.root))),
            Ok(None) => Event::Start(tag),
            Err(msg) => {
                self.bad_url(kind, msg, pos);
                Event::Start(tag)
            }
        }
    }

    /// A link or image that names nothing in the site.
    fn bad_url(&mut self, kind: LinkKind, msg: String, pos: Pos) {
        let (code, hint) = match kind {
            LinkKind::Link => (
                "broken-link",
                "link to a page's file (../during/foo.md#anchor), a page's path (/en/crises/x/) or @/crises/x.md",
            ),
            LinkKind::Image => (
                "missing-image",
                "put the image beside the page or in static/, and check the spelling",
            ),
        };
        self.out.diagnostics.push(
            Diagnostic::error(code, self.ctx.file, msg)
                .at(pos)
                .hint(hint),
        );
    }

    /// A task list, its `Start` just taken: read up to its `End`, one item at a time.
    fn task_list<'a>(&mut self, events: &mut Events<'a>, n: usize) -> Checklist {
        let (id, title, list) = match self.last_heading.take() {
            Some((id, text, list)) => (id, Some(text), list),
            None => (
                self.ids.unique(format!("checklist-{}", n + 1)),
                None,
                ListAttrs::default(),
            ),
        };
        let mut items = Vec::new();
        while let Some((event, range)) = events.next() {
            match event {
                Event::Start(Tag::Item) => {
                    let mut inner = events.until_end();
                    self.items += 1;
                    if self.items > MAX_CHECKLIST_ITEMS {
                        self.too_many_items(&range);
                        continue;
                    }
                    inner.pop();
                    items.push(self.task_item(inner, &range));
                }
                Event::Start(_) => drop(events.until_end()),
                Event::End(_) => break,
                _ => {}
            }
        }
        Checklist {
            id,
            title,
            phase: list.phase,
            items,
            from_markdown: true,
            start: None,
            mode: list.mode,
            when_html: None,
            live: false,
        }
    }

    /// Said once, at the first item over the limit.
    fn too_many_items(&mut self, range: &Range<usize>) {
        if self.items == MAX_CHECKLIST_ITEMS + 1 {
            let pos = self.pos(range);
            self.out.diagnostics.push(
                Diagnostic::error(
                    "too-many-items",
                    self.ctx.file,
                    format!("more than {MAX_CHECKLIST_ITEMS} checklist items in one page; the rest are left out"),
                )
                .at(pos)
                .hint("split the page: nobody works through a list this long during an incident"),
            );
        }
    }

    fn task_item<'a>(&mut self, ev: Vec<Spanned<'a>>, range: &Range<usize>) -> Item {
        let mut ev: Vec<Spanned<'a>> = ev
            .into_iter()
            .filter(|(e, _)| !matches!(e, Event::TaskListMarker(_)))
            .collect();
        // Loose lists wrap the text in a paragraph; the first paragraph is the item's text.
        let split = if matches!(ev.first(), Some((Event::Start(Tag::Paragraph), _))) {
            let end = matching_end(&ev, 0);
            ev.remove(end);
            ev.remove(0);
            end - 1
        } else {
            ev.iter()
                .position(|(e, _)| matches!(e, Event::Start(t) if is_block(t)))
                .unwrap_or(ev.len())
        };
        let mut attrs = checklist::ItemAttrs::default();
        if let Some((Event::Text(t), _)) = ev[..split].last() {
            let (text, found) = checklist::split_attrs(t);
            if let Some(found) = found {
                attrs = found;
                let text = CowStr::from(text.to_string());
                ev[split - 1].0 = Event::Text(text);
            }
        }
        let pos = self.pos(range);
        for bad in &attrs.unknown {
            self.out.diagnostics.push(
                Diagnostic::error("bad-attribute", self.ctx.file, format!("`{bad}` is not an item attribute"))
                    .at(pos)
                    .hint("write {#id role=tech due=T+15m kind=decision}; kind is step, pause or decision"),
            );
        }
        if let Some(due) = attrs
            .due
            .as_deref()
            .filter(|d| checklist::parse_due(d).is_none())
        {
            self.out.diagnostics.push(
                Diagnostic::error(
                    "bad-due",
                    self.ctx.file,
                    format!("`{due}` is not a time target"),
                )
                .at(pos)
                .hint("write T+0, T+15m, T+2h or T+1d"),
            );
        }
        let plain: String = ev[..split]
            .iter()
            .filter_map(|(e, _)| match e {
                Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                Event::SoftBreak | Event::HardBreak => Some(" "),
                _ => None,
            })
            .collect();
        let id = match attrs.id {
            Some(id) => {
                if !checklist::is_valid_id(&id) {
                    self.out.diagnostics.push(
                        Diagnostic::error(
                            "bad-id",
                            self.ctx.file,
                            format!("`{id}` is not a valid item id"),
                        )
                        .at(pos)
                        .hint("use lower-case a-z, 0-9, - and _, e.g. {#call-carrier}"),
                    );
                }
                if !self.ids.insert(&id) {
                    self.out.diagnostics.push(
                        Diagnostic::error(
                            "duplicate-id",
                            self.ctx.file,
                            format!("id `{id}` is used twice in this page"),
                        )
                        .at(pos)
                        .hint("ids must be unique within a page"),
                    );
                }
                id
            }
            None => self.ids.unique(checklist::slugify(&plain)),
        };
        let note_events = ev.split_off(split);
        let raw_before = self.raw_seen;
        let mut html = self.events_to_html(ev);
        let mut note = self.events_to_html(note_events);
        if self.raw_seen > raw_before {
            html = raw_html::clean(&html, &self.rewrites);
            note = raw_html::clean(&note, &self.rewrites);
        }
        Item {
            id,
            html: html.trim().to_string(),
            role: attrs.role,
            role_name: None,
            due_minutes: attrs.due.as_deref().and_then(checklist::parse_due),
            due: attrs.due,
            note_html: (!note.trim().is_empty()).then(|| note.trim().to_string()),
            kind: attrs.kind.unwrap_or_default(),
        }
    }

    fn events_to_html<'a>(&mut self, ev: Vec<Spanned<'a>>) -> String {
        let mut s = String::new();
        let out: Vec<Event<'a>> = ev.into_iter().map(|(e, r)| self.inline(e, &r)).collect();
        html::push_html(&mut s, out.into_iter());
        s
    }
}

fn is_block(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::List(_)
            | Tag::CodeBlock(_)
            | Tag::BlockQuote(_)
            | Tag::Table(_)
            | Tag::Heading { .. }
            | Tag::HtmlBlock
    )
}

/// Whether the list item whose `Start` was just taken holds only inline content. Reads ahead
/// only to the first block inside it, so nested lists are not read twice.
fn item_is_leaf(events: &mut Events) -> bool {
    let mut depth = 0usize;
    for k in 0.. {
        match events.peek(k) {
            None => return false,
            Some(Event::Start(t)) if is_block(t) => return false,
            Some(Event::Start(_)) => depth += 1,
            Some(Event::End(_)) if depth == 0 => return true,
            Some(Event::End(_)) => depth -= 1,
            _ => {}
        }
    }
    false
}

/// Whether the list whose `Start` was just taken is a task list: its first item starts with a
/// check box.
fn is_task_list(events: &mut Events) -> bool {
    matches!(events.peek(0), Some(Event::Start(Tag::Item)))
        && match events.peek(1) {
            Some(Event::TaskListMarker(_)) => true,
            Some(Event::Start(Tag::Paragraph)) => {
                matches!(events.peek(2), Some(Event::TaskListMarker(_)))
            }
            _ => false,
        }
}

/// Index of the `End` that closes the `Start` at `i`.
fn matching_end(ev: &[Spanned], i: usize) -> usize {
    let mut depth = 0usize;
    for (j, (e, _)) in ev.iter().enumerate().skip(i) {
        match e {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return j;
                }
            }
            _ => {}
        }
    }
    ev.len() - 1
}

fn heading_number(level: HeadingLevel) -> u8 {
    level as u8
}

#[cfg(test)]
mod tests;
