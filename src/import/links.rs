//! Link destinations in Markdown, rewritten when the files they name were renamed or moved:
//! inline links and images `[x](dest)`, and reference definitions `[x]: dest`. Code is left as
//! it is.

/// `body` with every link destination passed through `f` (`None` keeps it).
pub fn rewrite(body: &str, mut f: impl FnMut(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(body.len());
    let mut fence: Option<&str> = None;
    for line in body.split_inclusive('\n') {
        let t = line.trim_start();
        let marker = ["```", "~~~"].into_iter().find(|m| t.starts_with(m));
        if let Some(m) = marker {
            fence = match fence {
                Some(open) if open == m => None,
                None => Some(m),
                other => other,
            };
            out.push_str(line);
            continue;
        }
        if fence.is_some() {
            out.push_str(line);
            continue;
        }
        if let Some(def) = reference(line) {
            let (start, end) = def;
            match f(&line[start..end]) {
                Some(new) => {
                    out.push_str(&line[..start]);
                    out.push_str(&new);
                    out.push_str(&line[end..]);
                }
                None => out.push_str(line),
            }
            continue;
        }
        inline(line, &mut f, &mut out);
    }
    out
}

/// The destinations of `](dest)` in one line, outside code spans.
fn inline(line: &str, f: &mut impl FnMut(&str) -> Option<String>, out: &mut String) {
    let mut done = 0;
    let mut i = 0;
    let mut in_code = false;
    let b = line.as_bytes();
    while i < b.len() {
        if b[i] == b'`' {
            in_code = !in_code;
        } else if !in_code && b[i] == b']' && b.get(i + 1) == Some(&b'(') {
            let start = i + 2;
            let end = line[start..]
                .find([')', ' ', '\t', '\n'])
                .map_or(line.len(), |e| start + e);
            if let Some(new) = f(&line[start..end]) {
                out.push_str(&line[done..start]);
                out.push_str(&new);
                done = end;
            }
            i = end;
            continue;
        }
        i += 1;
    }
    out.push_str(&line[done..]);
}

/// A reference definition `[label]: dest`: the destination's byte range in the line.
fn reference(line: &str) -> Option<(usize, usize)> {
    let t = line.trim_start();
    let indent = line.len() - t.len();
    if indent > 3 || !t.starts_with('[') || t.starts_with("[^") {
        return None;
    }
    let close = t.find("]:")?;
    let after = &t[close + 2..];
    let dest = after.trim_start();
    let start = indent + close + 2 + (after.len() - dest.len());
    let len = dest.find(char::is_whitespace).unwrap_or(dest.len());
    (len > 0).then_some((start, start + len))
}

/// Whether a destination names something inside the site by a relative path.
pub fn is_relative(dest: &str) -> bool {
    !(dest.is_empty()
        || dest.starts_with('#')
        || dest.starts_with('/')
        || dest.starts_with('@')
        || dest.contains("://")
        || dest.starts_with("mailto:")
        || dest.starts_with("tel:"))
}

/// `dest` (relative) joined to the folder `dir`, `..` and `.` resolved: `None` when it climbs
/// out of the root.
pub fn join(dir: &str, dest: &str) -> Option<String> {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for p in dest.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// The relative path from the folder `from_dir` to the file `to` (both from the same root).
pub fn relative(from_dir: &str, to: &str) -> String {
    let from: Vec<&str> = from_dir.split('/').filter(|p| !p.is_empty()).collect();
    let to_parts: Vec<&str> = to.split('/').filter(|p| !p.is_empty()).collect();
    let common = from
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let mut out: Vec<&str> = vec![".."; from.len() - common];
    out.extend(&to_parts[common..]);
    out.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn destinations_are_rewritten_outside_code() {
        let body = "See [a](a.md#x) and ![i](img/p.png \"t\").\n\n`[c](c.md)`\n\n```\n[d](d.md)\n```\n[ref]: b.md \"T\"\n";
        let out = rewrite(body, |d| Some(format!("<{d}>")));
        assert_eq!(
            out,
            "See [a](<a.md#x>) and ![i](<img/p.png> \"t\").\n\n`[c](c.md)`\n\n```\n[d](d.md)\n```\n[ref]: <b.md> \"T\"\n"
        );
    }

    #[test]
    fn paths_join_and_relate() {
        assert_eq!(
            join("during/payments", "../index.md").as_deref(),
            Some("during/index.md")
        );
        assert_eq!(join("", "../x.md"), None);
        assert_eq!(
            relative("during/payments", "during/index.md"),
            "../index.md"
        );
        assert_eq!(relative("", "a/b.md"), "a/b.md");
        assert!(is_relative("../a.md") && !is_relative("@/a.md") && !is_relative("https://x"));
    }
}
