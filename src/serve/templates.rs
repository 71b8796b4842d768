//! Which templates a template reads (`extends`, `include`, `import`), so that a change to one
//! re-renders only what uses it. Read from the template sources: a template that names another
//! by anything but a quoted name is taken to read them all.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::paths::is_ignored;

/// What one template reads.
#[derive(Debug)]
enum Reads {
    /// These templates, by name.
    These(Vec<String>),
    /// A name it computes: any of them.
    Any,
}

/// The theme's templates and what each reads.
#[derive(Debug, Default)]
pub(super) struct Templates {
    reads: HashMap<String, Reads>,
}

impl Templates {
    /// Read the templates under `dir` (the theme's `templates/`).
    pub(super) fn read(dir: &Path) -> Templates {
        let mut reads = HashMap::new();
        for entry in walkdir::WalkDir::new(dir).into_iter().flatten() {
            if !entry.file_type().is_file() || is_ignored(&entry.file_name().to_string_lossy()) {
                continue;
            }
            let Ok(name) = entry.path().strip_prefix(dir) else {
                continue;
            };
            let name = name.to_string_lossy().replace('\\', "/");
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            reads.insert(name, reads_of(&text));
        }
        Templates { reads }
    }

    /// Every template's name.
    pub(super) fn names(&self) -> impl Iterator<Item = &str> {
        self.reads.keys().map(String::as_str)
    }

    /// The templates rendering `root` reads, itself included; `None` when that cannot be told.
    fn closure(&self, root: &str) -> Option<HashSet<&str>> {
        let mut seen: HashSet<&str> = HashSet::new();
        let mut todo = vec![root];
        while let Some(t) = todo.pop() {
            let Some((name, reads)) = self.reads.get_key_value(t) else {
                // Not a template of the theme (Tera will say so when it renders).
                continue;
            };
            if !seen.insert(name.as_str()) {
                continue;
            }
            match reads {
                Reads::These(names) => todo.extend(names.iter().map(String::as_str)),
                Reads::Any => return None,
            }
        }
        Some(seen)
    }

    /// Does rendering `root` read one of the `changed` templates?
    pub(super) fn reaches(&self, root: &str, changed: &HashSet<String>) -> bool {
        self.closure(root)
            .is_none_or(|c| changed.iter().any(|t| c.contains(t.as_str())))
    }
}

/// The templates one template's source names in `{% extends %}`, `{% include %}` and
/// `{% import %}`.
fn reads_of(text: &str) -> Reads {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("{%") {
        let tag = &rest[at + 2..];
        let Some(end) = tag.find("%}") else { break };
        rest = &tag[end + 2..];
        let inner = tag[..end].trim_matches(|c: char| c == '-' || c == '+' || c.is_whitespace());
        let (word, args) = inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
        if !matches!(word, "extends" | "include" | "import") {
            continue;
        }
        let mut other = String::new();
        let mut chars = args.chars();
        while let Some(c) = chars.next() {
            if c == '"' || c == '\'' {
                let name: String = chars.by_ref().take_while(|&d| d != c).collect();
                names.push(name);
            } else {
                other.push(c);
            }
        }
        // What else may stand beside the names: a list's brackets and commas, `ignore missing`,
        // `as name` after an import.
        let mut words = other
            .split(|c: char| c.is_whitespace() || c == '[' || c == ']' || c == ',')
            .filter(|w| !w.is_empty());
        let plain = loop {
            match words.next() {
                None => break true,
                Some("ignore" | "missing") => {}
                Some("as") if word == "import" => {
                    words.next();
                }
                Some(_) => break false,
            }
        };
        if !plain {
            return Reads::Any;
        }
    }
    Reads::These(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn theme(files: &[(&str, &str)]) -> Templates {
        Templates {
            reads: files
                .iter()
                .map(|(n, t)| (n.to_string(), reads_of(t)))
                .collect(),
        }
    }

    fn set(names: &[&str]) -> HashSet<String> {
        names.iter().map(|n| n.to_string()).collect()
    }

    #[test]
    fn a_template_reaches_what_it_extends_includes_and_imports() {
        let t = theme(&[
            ("base.html", "<html>{% block body %}{% endblock %}"),
            (
                "page.html",
                "{% extends \"base.html\" %}{%- include 'partials/meta.html' -%}",
            ),
            ("partials/meta.html", "{% import \"macros.html\" as m %}"),
            ("macros.html", ""),
            (
                "print.html",
                "{% include [\"partials/head.html\", \"x.html\"] ignore missing %}",
            ),
            ("partials/head.html", ""),
        ]);
        assert!(t.reaches("page.html", &set(&["base.html"])));
        assert!(t.reaches("page.html", &set(&["macros.html"])));
        assert!(!t.reaches("page.html", &set(&["print.html"])));
        assert!(!t.reaches("print.html", &set(&["base.html"])));
        assert!(t.reaches("print.html", &set(&["partials/head.html"])));
    }

    #[test]
    fn a_computed_name_reaches_everything() {
        let t = theme(&[
            (
                "page.html",
                "{% include \"partials/\" ~ page.kind ~ \".html\" %}",
            ),
            ("partials/runbook.html", ""),
        ]);
        assert!(t.reaches("page.html", &set(&["partials/runbook.html"])));
        assert!(t.reaches("page.html", &set(&["anything.html"])));
    }

    #[test]
    fn the_default_theme_is_read() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
        let t = Templates::read(&dir);
        assert!(t.reaches("page.html", &set(&["base.html"])));
        assert!(!t.reaches("page.html", &set(&["print.html"])));
        assert!(!t.reaches("print.html", &set(&["page.html"])));
        // The print form is rendered by Keel itself, not included: serve treats it as a root.
        assert!(!t.reaches("print-all.html", &set(&["page.html"])));
        assert!(t.reaches(
            "partials/print-form.html",
            &set(&["partials/print-form.html"])
        ));
        assert!(!t.reaches("section.html", &set(&["page.html"])));
    }
}
