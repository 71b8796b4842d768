//! Callouts: GitHub alerts (`> [!NOTE]`, parsed by pulldown-cmark) and MkDocs admonitions
//! (`!!! tip "Title"` with an indented body, `??? note` and `???+ note` collapsible).
//!
//! pulldown-cmark knows nothing of admonitions, so before parsing each one is rewritten as a
//! block quote: the header line becomes `>` and every body line loses its four spaces of
//! indentation and gains `> `. The parser then closes the callout exactly where a quote would
//! close, however its body is nested. The rewrite remembers where each of its lines came from,
//! so every message still points at the line and column the author wrote.

/// The kinds of callout, GitHub's five; MkDocs' types map onto them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CalloutKind {
    /// Background worth knowing.
    Note,
    /// A better way to do something.
    Tip,
    /// Something the reader must not miss.
    Important,
    /// A risk that needs attention now.
    Warning,
    /// An action with harmful consequences.
    Caution,
}

impl CalloutKind {
    /// Every kind, in the order of [`CalloutLabels`].
    pub const ALL: [CalloutKind; 5] = [
        CalloutKind::Note,
        CalloutKind::Tip,
        CalloutKind::Important,
        CalloutKind::Warning,
        CalloutKind::Caution,
    ];

    /// The lower-case name used in class names and interface string keys (`callout-tip`).
    pub fn name(self) -> &'static str {
        match self {
            CalloutKind::Note => "note",
            CalloutKind::Tip => "tip",
            CalloutKind::Important => "important",
            CalloutKind::Warning => "warning",
            CalloutKind::Caution => "caution",
        }
    }

    /// The kind GitHub's parser found.
    pub fn from_github(kind: pulldown_cmark::BlockQuoteKind) -> Self {
        use pulldown_cmark::BlockQuoteKind as K;
        match kind {
            K::Note => CalloutKind::Note,
            K::Tip => CalloutKind::Tip,
            K::Important => CalloutKind::Important,
            K::Warning => CalloutKind::Warning,
            K::Caution => CalloutKind::Caution,
        }
    }

    /// The kind an MkDocs admonition type stands for (the types of Python-Markdown and of
    /// Material for MkDocs), or `None` when Keel does not know it.
    pub fn from_mkdocs(kind: &str) -> Option<Self> {
        Some(match kind.to_ascii_lowercase().as_str() {
            "note" | "abstract" | "summary" | "tldr" | "info" | "todo" | "example" | "quote"
            | "cite" | "seealso" => CalloutKind::Note,
            "tip" | "hint" | "success" | "check" | "done" | "question" | "help" | "faq" => {
                CalloutKind::Tip
            }
            "important" | "attention" => CalloutKind::Important,
            "warning" => CalloutKind::Warning,
            "caution" | "danger" | "error" | "failure" | "fail" | "missing" | "bug" => {
                CalloutKind::Caution
            }
            _ => return None,
        })
    }
}

/// The label shown on each kind of callout without a title of its own, in the page's language.
#[derive(Debug, Clone)]
pub struct CalloutLabels(pub [String; 5]);

impl CalloutLabels {
    /// The label of `kind`.
    pub fn get(&self, kind: CalloutKind) -> &str {
        &self.0[kind as usize]
    }
}

impl CalloutLabels {
    /// The English labels, for Markdown rendered outside a site.
    pub fn english() -> &'static Self {
        static ENGLISH: std::sync::OnceLock<CalloutLabels> = std::sync::OnceLock::new();
        ENGLISH.get_or_init(|| {
            CalloutLabels(["Note", "Tip", "Important", "Warning", "Caution"].map(String::from))
        })
    }
}

/// One MkDocs admonition, found before parsing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Admonition {
    /// Where its block quote starts in the rewritten text.
    pub at: usize,
    /// Where its header starts in the original text.
    pub src: usize,
    /// Its kind; `None` for a type Keel does not know (shown as a note, and warned about).
    pub kind: Option<CalloutKind>,
    /// The type as written (`danger`).
    pub name: String,
    /// The quoted title: `None` when there is none, `Some("")` for `""` (no title bar).
    pub title: Option<String>,
    /// `??? ` is collapsed, `???+` open; `!!!` is not collapsible.
    pub collapsible: Option<bool>,
}

/// A body with its admonitions rewritten as block quotes.
#[derive(Debug, Default)]
pub struct Rewritten {
    /// The text pulldown-cmark parses.
    pub text: String,
    /// The admonitions, by where their quote starts in `text`.
    pub admonitions: Vec<Admonition>,
    /// For each line of `text`: where it starts, where its content starts (after the added
    /// `> ` markers), and where that content is in the original.
    lines: Vec<(usize, usize, usize)>,
}

impl Rewritten {
    /// The offset in the original text of offset `at` of the rewritten one.
    pub fn original(&self, at: usize) -> usize {
        let i = self.lines.partition_point(|l| l.0 <= at).saturating_sub(1);
        match self.lines.get(i) {
            Some(&(_, content, src)) => src + at.saturating_sub(content),
            None => at,
        }
    }

    /// The admonition whose block quote starts at `at` in the rewritten text.
    pub fn admonition_at(&self, at: usize) -> Option<&Admonition> {
        self.admonitions
            .binary_search_by_key(&at, |a| a.at)
            .ok()
            .map(|i| &self.admonitions[i])
    }
}

/// Admonitions nest this deep at most; a header further in is left as text. Each level is one
/// call deeper and two bytes more per line, so unbounded nesting could exhaust the stack.
pub const MAX_NESTING: usize = 8;

/// A line of the text being rewritten: what is left of it after the enclosing admonitions'
/// indentation, and where that starts in the original.
#[derive(Clone, Copy)]
struct Line<'a> {
    text: &'a str,
    src: usize,
}

/// Rewrite the admonitions of `md`, or `None` when it has none (the common case costs one scan).
pub fn rewrite(md: &str) -> Option<Rewritten> {
    let may_have = md
        .split('\n')
        .any(|l| l.starts_with("!!!") || l.starts_with("???"));
    if !may_have {
        return None;
    }
    let mut lines = Vec::new();
    let mut at = 0;
    for text in md.strip_suffix('\n').unwrap_or(md).split('\n') {
        lines.push(Line { text, src: at });
        at += text.len() + 1;
    }
    let mut out = Rewritten::default();
    rewrite_lines(&lines, "", 0, &mut out);
    // A body ends where the original text does: no newline is added past it.
    if !md.ends_with('\n') && out.text.ends_with('\n') {
        out.text.pop();
    }
    if out.admonitions.is_empty() {
        return None;
    }
    Some(out)
}

fn rewrite_lines(lines: &[Line], prefix: &str, depth: usize, out: &mut Rewritten) {
    let mut fence: Option<(u8, usize)> = None;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        i += 1;
        if let Some(open) = fence {
            if fence_marker(line.text).is_some_and(|(c, n)| c == open.0 && n >= open.1) {
                fence = None;
            }
            push_line(out, prefix, line);
            continue;
        }
        if let Some(marker) = fence_marker(line.text) {
            fence = Some(marker);
            push_line(out, prefix, line);
            continue;
        }
        let Some(header) = parse_header(line.text).filter(|_| depth < MAX_NESTING) else {
            push_line(out, prefix, line);
            continue;
        };
        let body_end = body_end(lines, i);
        let at = out.text.len() + prefix.len();
        out.admonitions.push(Admonition {
            at,
            src: line.src,
            kind: CalloutKind::from_mkdocs(header.name),
            name: header.name.to_string(),
            title: header.title.map(str::to_string),
            collapsible: header.collapsible,
        });
        push_line(
            out,
            &format!("{prefix}>"),
            Line {
                text: "",
                src: line.src,
            },
        );
        let body: Vec<Line> = lines[i..body_end].iter().map(|&l| dedent(l)).collect();
        rewrite_lines(&body, &format!("{prefix}> "), depth + 1, out);
        // A blank line ends the quote, so text right below the body is not pulled into it.
        let next = lines.get(body_end).map_or(line.src, |l| l.src);
        push_line(
            out,
            prefix,
            Line {
                text: "",
                src: next,
            },
        );
        i = body_end;
    }
}

/// Append one line: the quote markers, then the line's own text.
fn push_line(out: &mut Rewritten, prefix: &str, line: Line) {
    let start = out.text.len();
    out.text.push_str(prefix);
    let content = out.text.len();
    out.text.push_str(line.text);
    out.text.push('\n');
    out.lines.push((start, content, line.src));
}

/// Where the body starting at `from` ends: after its last line indented by four spaces (or a
/// tab), blank lines between them included.
fn body_end(lines: &[Line], from: usize) -> usize {
    let mut end = from;
    for (j, l) in lines.iter().enumerate().skip(from) {
        if l.text.trim().is_empty() {
            continue;
        }
        if l.text.starts_with("    ") || l.text.starts_with('\t') {
            end = j + 1;
        } else {
            break;
        }
    }
    end
}

fn dedent(line: Line) -> Line {
    let cut = if line.text.starts_with("    ") {
        4
    } else if line.text.starts_with('\t') {
        1
    } else {
        // A blank line, perhaps with fewer spaces.
        line.text.len() - line.text.trim_start_matches(' ').len()
    };
    Line {
        text: &line.text[cut..],
        src: line.src + cut,
    }
}

/// A code fence opening or closing on this line: its character and length.
fn fence_marker(line: &str) -> Option<(u8, usize)> {
    let t = line.trim_start_matches(' ');
    if line.len() - t.len() > 3 {
        return None;
    }
    let c = *t.as_bytes().first()?;
    if c != b'`' && c != b'~' {
        return None;
    }
    let n = t.bytes().take_while(|&b| b == c).count();
    (n >= 3).then_some((c, n))
}

struct Header<'a> {
    name: &'a str,
    title: Option<&'a str>,
    collapsible: Option<bool>,
}

/// `!!! type "Title"`, `??? type`, `???+ type inline end "Title"`.
fn parse_header(line: &str) -> Option<Header<'_>> {
    let (collapsible, rest) = if let Some(r) = line.strip_prefix("???+") {
        (Some(true), r)
    } else if let Some(r) = line.strip_prefix("???") {
        (Some(false), r)
    } else {
        (None, line.strip_prefix("!!!")?)
    };
    if !rest.starts_with([' ', '\t']) {
        return None;
    }
    let rest = rest.trim();
    let name_len = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .unwrap_or(rest.len());
    if name_len == 0 {
        return None;
    }
    let (name, rest) = rest.split_at(name_len);
    // Extra class names (`inline end`) only place the box in MkDocs; the title is quoted.
    let title = rest
        .find('"')
        .and_then(|q| rest[q + 1..].rfind('"').map(|e| &rest[q + 1..q + 1 + e]));
    Some(Header {
        name,
        title,
        collapsible,
    })
}

/// A plain quote whose first text is `[!SOMETHING]`: an alert type GitHub does not have.
/// Returns the word, for a warning.
pub fn unknown_alert(first_text: &str) -> Option<&str> {
    let word = first_text.strip_prefix("[!")?.split(']').next()?;
    (!word.is_empty() && word.chars().all(|c| c.is_ascii_alphabetic())).then_some(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_left_alone() {
        assert!(rewrite("# Title\n\nText with !!! inside.\n").is_none());
        assert!(rewrite("!!!not-a-header\n").is_none());
    }

    #[test]
    fn a_header_and_its_body_become_a_quote() {
        let md = "Intro\n\n!!! tip \"Call first\"\n    Ring the carrier.\n\n    - one\n        - nested\nAfter\n";
        let r = rewrite(md).unwrap();
        assert_eq!(
            r.text,
            "Intro\n\n>\n> Ring the carrier.\n> \n> - one\n>     - nested\n\nAfter\n"
        );
        let a = &r.admonitions[0];
        assert_eq!(a.kind, Some(CalloutKind::Tip));
        assert_eq!(a.title.as_deref(), Some("Call first"));
        assert_eq!(a.collapsible, None);
        assert_eq!(r.admonition_at(a.at), Some(a));
        // "Ring" maps back to column 5 of its original line.
        let ring = r.text.find("Ring").unwrap();
        assert_eq!(r.original(ring), md.find("Ring").unwrap());
        assert_eq!(
            r.original(r.text.find("After").unwrap()),
            md.find("After").unwrap()
        );
    }

    #[test]
    fn collapsible_nested_and_fenced() {
        let md =
            "???+ danger\n    Outer\n\n    ??? note \"\"\n        Inner\n\n```\n!!! note\n```\n";
        let r = rewrite(md).unwrap();
        assert_eq!(r.admonitions.len(), 2);
        assert_eq!(r.admonitions[0].collapsible, Some(true));
        assert_eq!(r.admonitions[0].kind, Some(CalloutKind::Caution));
        assert_eq!(r.admonitions[1].collapsible, Some(false));
        assert_eq!(r.admonitions[1].title.as_deref(), Some(""));
        assert!(r.text.contains("> > Inner"), "{}", r.text);
        assert!(r.text.ends_with("```\n!!! note\n```\n"), "{}", r.text);
        assert_eq!(
            r.original(r.text.find("Inner").unwrap()),
            md.find("Inner").unwrap()
        );
    }

    #[test]
    fn nesting_stops_at_the_limit() {
        let md: String = (0..50)
            .map(|i| format!("{}!!! note\n", "    ".repeat(i)))
            .collect();
        let r = rewrite(&md).unwrap();
        assert_eq!(r.admonitions.len(), MAX_NESTING);
    }

    #[test]
    fn unknown_types_are_kept_for_a_warning() {
        let r = rewrite("!!! sparkle\n    Body").unwrap();
        assert_eq!(r.admonitions[0].kind, None);
        assert_eq!(r.admonitions[0].name, "sparkle");
        assert_eq!(r.text, ">\n> Body\n");
        assert_eq!(unknown_alert("[!DANGER]"), Some("DANGER"));
        assert_eq!(unknown_alert("[!] x"), None);
    }
}
