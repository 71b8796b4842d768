//! The pipeline runs one way: every module of `src/` imports only modules below it in `LAYERS`,
//! and no two files of one folder import each other in a cycle. Read from the `crate::…` and
//! `super::…` paths in the source, so a new import that points up fails here.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The top-level modules, lowest first. `paths` (where files are and go, bounded reads) needs
/// nothing of the crate, so the stages that read files stand on it. `output` (where files go) sits low: `render` hands it
/// files, and it needs nothing but paths and diagnostics.
const LAYERS: &[&str] = &[
    "timing",
    "diagnostics",
    "paths",
    "config",
    "locale",
    "output",
    "checklist",
    "content",
    "markdown",
    "site",
    "checks",
    "render",
    "crawl",
    "manifest",
    "lib",
    "schema",
    "starter",
    "import",
    "pdf",
    "serve",
    "main",
];

fn sources() -> Vec<PathBuf> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(&src)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.path().to_path_buf())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .collect();
    files.sort();
    files
}

/// `src/render/pages.rs` → ["render", "pages"]; `src/site/mod.rs` → ["site"]; `src/lib.rs` → ["lib"].
fn module_of(file: &Path) -> Vec<String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let rel = file.strip_prefix(&src).unwrap();
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The code of a file without comments and string literals (a path in a doc comment or a
/// message is not an import).
fn code(text: &str) -> String {
    text.lines()
        .map(|l| {
            let l = match l.find("//") {
                Some(i) => &l[..i],
                None => l,
            };
            let mut out = String::new();
            let mut in_str = false;
            let mut prev = ' ';
            for c in l.chars() {
                if c == '"' && prev != '\\' {
                    in_str = !in_str;
                } else if !in_str {
                    out.push(c);
                }
                prev = c;
            }
            out
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Module paths a file names: `crate::a::b` and `super::x`, resolved to absolute module paths.
/// Grouped imports (`crate::{a, b::c}`) count each member.
fn references(module: &[String], text: &str) -> BTreeSet<Vec<String>> {
    let code = code(text);
    let mut found = BTreeSet::new();
    // The module `super` refers to: the parent of the file's module (a `mod.rs` is its folder's).
    let parent: Vec<String> = module[..module.len().saturating_sub(1)].to_vec();
    for (prefix, base) in [("crate::", Vec::new()), ("super::", parent)] {
        let mut rest = code.as_str();
        while let Some(i) = rest.find(prefix) {
            let boundary = rest[..i]
                .chars()
                .last()
                .is_none_or(|c| !c.is_alphanumeric() && c != '_');
            rest = &rest[i + prefix.len()..];
            if !boundary {
                continue;
            }
            let names: Vec<&str> = if rest.starts_with('{') {
                let end = rest.find('}').unwrap_or(rest.len());
                rest[1..end].split(',').map(str::trim).collect()
            } else {
                vec![rest]
            };
            for name in names {
                let head: String = name
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !head.is_empty() && head != "self" {
                    let mut path = base.clone();
                    path.push(head);
                    found.insert(path);
                }
            }
        }
    }
    found
}

#[test]
fn imports_point_down_the_pipeline() {
    let mut wrong = Vec::new();
    for file in sources() {
        let module = module_of(&file);
        let top = &module[0];
        let rank = LAYERS
            .iter()
            .position(|l| l == top)
            .unwrap_or_else(|| panic!("{top} (from {}) is not in LAYERS", file.display()));
        let text = std::fs::read_to_string(&file).unwrap();
        for target in references(&module, &text) {
            // A name that is no module is an item of the crate root (lib.rs).
            let to = LAYERS
                .iter()
                .position(|l| *l == target[0])
                .unwrap_or_else(|| LAYERS.iter().position(|l| *l == "lib").unwrap());
            if to > rank {
                wrong.push(format!(
                    "{} imports {} from above",
                    file.display(),
                    target.join("::")
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}

#[test]
fn files_of_a_folder_import_each_other_without_cycles() {
    // Edges between sibling files (src/render/pages.rs → src/render/print.rs), by module path.
    let mut edges: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    let files: Vec<(Vec<String>, String)> = sources()
        .into_iter()
        .map(|f| (module_of(&f), std::fs::read_to_string(&f).unwrap()))
        .collect();
    let known: BTreeSet<Vec<String>> = files.iter().map(|(m, _)| m.clone()).collect();
    for (module, text) in &files {
        for target in references(module, text) {
            // The longest known module the path names.
            let mut t = target.clone();
            while !t.is_empty() && !known.contains(&t) {
                t.pop();
            }
            let siblings = t.len() == module.len()
                && t.len() > 1
                && t[..t.len() - 1] == module[..module.len() - 1]
                && &t != module;
            if siblings {
                edges.entry(module.clone()).or_default().insert(t);
            }
        }
    }
    for start in edges.keys() {
        let mut stack = vec![(start.clone(), vec![start.clone()])];
        while let Some((at, path)) = stack.pop() {
            for next in edges.get(&at).into_iter().flatten() {
                assert!(
                    next != start,
                    "import cycle: {}",
                    path.iter()
                        .chain([next])
                        .map(|m| m.join("::"))
                        .collect::<Vec<_>>()
                        .join(" → ")
                );
                if !path.contains(next) {
                    let mut p = path.clone();
                    p.push(next.clone());
                    stack.push((next.clone(), p));
                }
            }
        }
    }
}

#[test]
fn the_checker_sees_imports() {
    let refs = references(
        &["render".into(), "pages".into()],
        "use crate::{paths::x, site::Site};\nuse super::print;\n// crate::serve\nlet s = \"crate::pdf\";",
    );
    let names: Vec<String> = refs.iter().map(|r| r.join("::")).collect();
    assert_eq!(names, ["paths", "render::print", "site"]);
}
