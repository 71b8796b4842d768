//! Reading one content file: its bytes, where it sits (language, section, slug), its front matter
//! or YAML parsed into [`PageSrc`]. Never panics, whatever the bytes.

use std::path::{Path, PathBuf};

use super::{Format, PageKind, PageSrc, SourcePage, StructuredKind, hash_text};
use crate::diagnostics::{self, Diagnostic, Pos};
use crate::locale::LangId;
use crate::paths::{self, INDEX, MAX_SOURCE_BYTES, PRINT_DIR, is_valid_name};

/// Where a file sits under `content/<lang>/`: its section, slug and format.
struct Place {
    section: String,
    slug: String,
    format: Format,
}

/// Read and parse one file: the page, or `None` with the reasons.
pub fn parse_file(
    root: &Path,
    content: &Path,
    lang: LangId,
    path: &Path,
) -> (Option<SourcePage>, Vec<Diagnostic>) {
    let file = super::rel(root, path);
    let text = match read_text(path, &file) {
        Ok(t) => t,
        Err(d) => return (None, vec![d]),
    };
    let place = match place(content, path, &file) {
        Ok(Some(p)) => p,
        Ok(None) => return (None, vec![]),
        Err(d) => return (None, vec![d]),
    };
    let mut diags = Vec::new();
    let (mut meta, mut body_offset) = match parse_meta(&text, place.format, &file) {
        Ok(m) => m,
        // The keys that do parse are kept, so the rest of the page is checked in the same run
        // (the build fails on the errors all the same).
        Err((d, Some(kept))) => {
            let (mut meta, body) = *kept;
            diags = d;
            if meta.title.is_empty() {
                meta.title = file_stem(&file);
            }
            (meta, body)
        }
        Err((d, None)) => return (None, d),
    };
    if place.format == Format::Markdown
        && meta.title.is_empty()
        && let Some((title, start, end)) = heading_title(&text[body_offset..])
    {
        diags.push(
            Diagnostic::warning(
                "title-from-heading",
                &file,
                "no `title` in the front matter; the first heading is the title",
            )
            .at(Pos::of_offset(&text, body_offset + start))
            .hint(format!("add `title: {title}` to the front matter")),
        );
        meta.title = title;
        body_offset += end;
    }
    let kind = kind_of(&place, &meta);
    let page = SourcePage {
        lang,
        section: place.section,
        slug: place.slug,
        file,
        text_hash: hash_text(&text),
        text,
        generated: false,
        format: place.format,
        body_offset,
        meta,
        kind,
    };
    (Some(page), diags)
}

/// The text of a body's first line when it is a `# Heading` (blank lines before it allowed),
/// and where the line starts and ends: a page brought from MkDocs or GitHub names itself so.
pub fn heading_title(body: &str) -> Option<(String, usize, usize)> {
    let skipped = body.len() - body.trim_start_matches(['\n', '\r', ' ']).len();
    let skipped = body[..skipped].rfind('\n').map_or(0, |n| n + 1);
    let rest = &body[skipped..];
    let line_end = rest.find('\n').map_or(rest.len(), |n| n + 1);
    let line = rest[..line_end].trim_end();
    let text = line.strip_prefix("# ")?;
    // A closing run of `#` and an explicit `{#id}` are not part of the title.
    let text = match text.rfind(" {#") {
        Some(at) if text.ends_with('}') => &text[..at],
        _ => text,
    };
    let text = text.trim_end_matches('#').trim();
    (!text.is_empty()).then(|| (text.to_string(), skipped, skipped + line_end))
}

/// The file's text: refused when it is not a regular file (a FIFO would block for ever, a device
/// never ends), too large, unreadable or not UTF-8 (see [`paths::read_limited`]).
fn read_text(path: &Path, file: &PathBuf) -> Result<String, Diagnostic> {
    use std::io::ErrorKind;
    let mut bytes = paths::read_limited(path, MAX_SOURCE_BYTES).map_err(|e| match e.kind() {
        ErrorKind::InvalidInput => Diagnostic::error(
            "not-a-file",
            file,
            "not a regular file (a pipe, socket or device); not read",
        )
        .hint("content files must be ordinary files"),
        ErrorKind::FileTooLarge => Diagnostic::error(
            "file-too-large",
            file,
            format!("file is larger than {} MB", MAX_SOURCE_BYTES >> 20),
        )
        .hint("split the page; a playbook page should be short"),
        _ => Diagnostic::error("io", file, format!("cannot read: {e}"))
            .hint("the file vanished or is not readable"),
    })?;
    // A byte-order mark some editors write: invisible, and not part of the front matter.
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|e| {
        let pos = Pos::of_offset(
            &String::from_utf8_lossy(e.as_bytes()),
            e.utf8_error().valid_up_to(),
        );
        Diagnostic::error("not-utf8", file, "file is not valid UTF-8")
            .at(pos)
            .hint("save the file as UTF-8")
    })
}

/// Section, slug and format from the path; `Ok(None)` for files too deep to be pages.
fn place(content: &Path, path: &Path, file: &PathBuf) -> Result<Option<Place>, Diagnostic> {
    let parts: Vec<String> = path
        .strip_prefix(content)
        .map(|p| p.iter().map(|s| s.to_string_lossy().to_string()).collect())
        .unwrap_or_default();
    let Some((name, folders)) = parts.get(1..).and_then(<[String]>::split_last) else {
        return Ok(None);
    };
    if folders.len() > super::MAX_SECTION_DEPTH {
        return Ok(None);
    }
    let (section, name) = if name == super::PAGE_FOLDER_INDEX {
        match path.parent().filter(|_| !folders.is_empty()) {
            // A page folder (`<section>/<page>/index.md` and the files it shows) is the page
            // `<section>/<page>`, as Hugo reads it.
            Some(folder) if super::is_page_folder(folder) => {
                let (page, up) = folders.split_last().unwrap_or((&parts[0], &[]));
                (up.join("/"), format!("{page}.md"))
            }
            // Beside other pages, `index.md` is the index of its folder, as MkDocs reads it.
            _ => (folders.join("/"), format!("{INDEX}.md")),
        }
    } else {
        (folders.join("/"), name.clone())
    };
    let (stem, format) = match name.strip_suffix(".md") {
        Some(s) => (s.to_string(), Format::Markdown),
        None => {
            let s = name.trim_end_matches(".yaml").trim_end_matches(".yml");
            (s.to_string(), Format::Yaml)
        }
    };
    let slug = if stem == INDEX {
        String::new()
    } else {
        stem.clone()
    };
    if section.split('/').any(|f| f == PRINT_DIR) || (section.is_empty() && slug == PRINT_DIR) {
        return Err(Diagnostic::error(
            "reserved-name",
            file,
            format!("`{PRINT_DIR}` is reserved for print views"),
        )
        .hint("rename the page or section"));
    }
    if !slug.is_empty() && !is_valid_name(&slug) {
        let why = if slug.len() > 64 {
            format!("`{stem}` is longer than 64 characters")
        } else {
            format!("`{stem}` is not a valid page name")
        };
        return Err(Diagnostic::error("bad-slug", file, why).hint(
            "file names become URLs: use lower-case a-z, 0-9, - and _, e.g. payment-outage.md",
        ));
    }
    if stem == INDEX && format == Format::Yaml {
        return Err(
            Diagnostic::error("bad-slug", file, "section pages are `_index.md`")
                .hint("rename the file to _index.md"),
        );
    }
    Ok(Some(Place {
        section,
        slug,
        format,
    }))
}

/// The page's metadata and the byte offset of its Markdown body.
/// A front matter's mistakes, and what its sound keys make when there is anything to keep.
type MetaErrors = (Vec<Diagnostic>, Option<Box<(PageSrc, usize)>>);

fn parse_meta(text: &str, format: Format, file: &PathBuf) -> Result<(PageSrc, usize), MetaErrors> {
    let front = match format {
        Format::Yaml => FrontMatter {
            yaml: text,
            line_offset: 0,
            body_offset: text.len(),
        },
        // No front matter: a Markdown file as GitHub or MkDocs have it, all body.
        Format::Markdown => split_front_matter(text).unwrap_or(FrontMatter {
            yaml: "",
            line_offset: 0,
            body_offset: 0,
        }),
    };
    if let Some(pos) = diagnostics::alias_pos(front.yaml) {
        return Err((
            vec![
                Diagnostic::error(
                    "yaml-alias",
                    file,
                    "YAML aliases (`*name`) are not allowed in content",
                )
                .at(pos.shifted(front.line_offset))
                .hint(
                    "write the value out where it is needed; an alias copies its anchor's whole value",
                ),
            ],
            None,
        ));
    }
    if front.yaml.trim().is_empty() {
        return Ok((PageSrc::default(), front.body_offset));
    }
    let mut meta: PageSrc = serde_yaml::from_str(front.yaml).map_err(|e| {
        let first = value_error(
            diagnostics::from_yaml_error(&e, file, front.line_offset),
            &front,
        );
        let (all, sound) = every_error(first, &front, file);
        let kept = serde_yaml::from_str::<PageSrc>(&sound).ok().map(|mut m| {
            strip_controls(&mut m);
            Box::new((m, front.body_offset))
        });
        (all, kept)
    })?;
    strip_controls(&mut meta);
    Ok((meta, front.body_offset))
}

/// serde stops at a file's first mistake. To report them all in one run, each top-level key
/// (a line at column 0 and the indented lines below it) is parsed again on its own. Returns the
/// mistakes, and the keys that parse on their own.
fn every_error(first: Diagnostic, front: &FrontMatter, file: &Path) -> (Vec<Diagnostic>, String) {
    let mut found = vec![first];
    let mut starts: Vec<usize> = Vec::new();
    let mut at = 0;
    for line in front.yaml.split_inclusive('\n') {
        if line.starts_with(|c: char| !c.is_whitespace() && c != '#' && c != '-') {
            starts.push(at);
        }
        at += line.len();
    }
    starts.push(front.yaml.len());
    let mut sound = String::new();
    for w in starts.windows(2) {
        let chunk = &front.yaml[w[0]..w[1]];
        let Err(e) = serde_yaml::from_str::<PageSrc>(chunk) else {
            sound.push_str(chunk);
            continue;
        };
        let part = FrontMatter {
            yaml: chunk,
            line_offset: front.line_offset + front.yaml[..w[0]].matches('\n').count(),
            body_offset: 0,
        };
        let d = value_error(
            diagnostics::from_yaml_error(&e, file, part.line_offset),
            &part,
        );
        let known = found
            .iter()
            .any(|f| (f.line, f.code, &f.message) == (d.line, d.code, &d.message));
        if d.code != "missing-key" && !known {
            found.push(d);
        }
    }
    found.sort_by_key(|d| (d.line, d.column));
    (found, sound)
}

/// A file's name without its extension, as a stand-in title.
fn file_stem(file: &Path) -> String {
    file.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// serde_yaml places an error of a value's own parser (a date) at the start of its mapping: put
/// it on the value, with a code and hint of its own.
fn value_error(mut d: Diagnostic, front: &FrontMatter) -> Diagnostic {
    let Some(value) = d
        .message
        .strip_prefix('`')
        .and_then(|m| m.split_once("` is not a date"))
        .map(|(v, _)| v.to_string())
    else {
        return d;
    };
    d.code = "bad-date";
    d.hint = Some("write the date as YYYY-MM-DD, e.g. 2026-11-20".into());
    if let Some(pos) = diagnostics::locate(front.yaml, &value, 0) {
        d = d.at(pos.shifted(front.line_offset));
    }
    d
}

/// Bidi controls out of the strings templates print as they are (the rest is Markdown, which
/// drops them itself); `checks` warns about them.
fn strip_controls(meta: &mut PageSrc) {
    let strip = |s: &mut String| {
        if let std::borrow::Cow::Owned(clean) = super::without_bidi_controls(s) {
            *s = clean;
        }
    };
    strip(&mut meta.title);
    meta.summary.as_mut().map(strip);
    meta.version.as_mut().map(strip);
    for c in meta.checklists.iter_mut().flatten() {
        c.title.as_mut().map(strip);
    }
}

fn kind_of(place: &Place, meta: &PageSrc) -> PageKind {
    match (
        place.format,
        place.section.is_empty(),
        place.slug.is_empty(),
    ) {
        (Format::Markdown, true, true) => PageKind::Home,
        (Format::Markdown, false, true) => PageKind::Section,
        (Format::Markdown, _, false) => PageKind::Page,
        (Format::Yaml, _, _) => match meta.kind.unwrap_or_default() {
            StructuredKind::Checklist => PageKind::Checklist,
            StructuredKind::Routine => PageKind::Routine,
            StructuredKind::Runbook => PageKind::Runbook,
            StructuredKind::Severity => PageKind::Severity,
            StructuredKind::Messages => PageKind::Messages,
            StructuredKind::Form => PageKind::Form,
        },
    }
}

/// The YAML of a page and where it sits in the file.
#[derive(Debug, PartialEq, Eq)]
struct FrontMatter<'a> {
    yaml: &'a str,
    /// Lines of the file before the YAML.
    line_offset: usize,
    /// Where the Markdown body starts.
    body_offset: usize,
}

/// Split `---\nyaml\n---\nbody`.
fn split_front_matter(text: &str) -> Option<FrontMatter<'_>> {
    let start = if text.starts_with("---\n") {
        4
    } else if text.starts_with("---\r\n") {
        5
    } else {
        return None;
    };
    let mut offset = start;
    for line in text[start..].split_inclusive('\n') {
        let l = line.trim_end_matches(['\n', '\r']);
        if l == "---" || l == "..." {
            return Some(FrontMatter {
                yaml: &text[start..offset],
                line_offset: 1,
                body_offset: offset + line.len(),
            });
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_split() {
        let t = "---\ntitle: x\n---\nbody\n";
        let front = split_front_matter(t).unwrap();
        assert_eq!(front.yaml, "title: x\n");
        assert_eq!(front.line_offset, 1);
        assert_eq!(&t[front.body_offset..], "body\n");
        assert!(split_front_matter("title: x\n").is_none());
        assert!(split_front_matter("---\ntitle: x\n").is_none());
    }
}
