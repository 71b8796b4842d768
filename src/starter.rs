//! `keel init`: a small working site (English and Hebrew, one Markdown page, one YAML checklist)
//! with the default theme and interface strings built in, so a new user has something to edit;
//! `keel new`: a new page in one language.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The default theme and interface strings, compiled in. `tests/starter.rs` checks this list
/// matches the files in the repository.
pub const THEME_FILES: &[(&str, &str)] = &[
    (
        "themes/default/templates/base.html",
        include_str!("../themes/default/templates/base.html"),
    ),
    (
        "themes/default/templates/page.html",
        include_str!("../themes/default/templates/page.html"),
    ),
    (
        "themes/default/templates/section.html",
        include_str!("../themes/default/templates/section.html"),
    ),
    (
        "themes/default/templates/home.html",
        include_str!("../themes/default/templates/home.html"),
    ),
    (
        "themes/default/templates/root.html",
        include_str!("../themes/default/templates/root.html"),
    ),
    (
        "themes/default/templates/404.html",
        include_str!("../themes/default/templates/404.html"),
    ),
    (
        "themes/default/templates/cached/masthead.html",
        include_str!("../themes/default/templates/cached/masthead.html"),
    ),
    (
        "themes/default/templates/cached/nav.html",
        include_str!("../themes/default/templates/cached/nav.html"),
    ),
    (
        "themes/default/templates/partials/checklist.html",
        include_str!("../themes/default/templates/partials/checklist.html"),
    ),
    (
        "themes/default/templates/print.html",
        include_str!("../themes/default/templates/print.html"),
    ),
    (
        "themes/default/templates/print-all.html",
        include_str!("../themes/default/templates/print-all.html"),
    ),
    (
        "themes/default/templates/partials/print-form.html",
        include_str!("../themes/default/templates/partials/print-form.html"),
    ),
    (
        "themes/default/templates/partials/print-head.html",
        include_str!("../themes/default/templates/partials/print-head.html"),
    ),
    (
        "themes/default/templates/partials/meta.html",
        include_str!("../themes/default/templates/partials/meta.html"),
    ),
    (
        "themes/default/templates/partials/messages.html",
        include_str!("../themes/default/templates/partials/messages.html"),
    ),
    (
        "themes/default/templates/partials/form-fields.html",
        include_str!("../themes/default/templates/partials/form-fields.html"),
    ),
    (
        "themes/default/static/keel.css",
        include_str!("../themes/default/static/keel.css"),
    ),
    (
        "themes/default/static/keel.js",
        include_str!("../themes/default/static/keel.js"),
    ),
    (
        "themes/default/static/forms.js",
        include_str!("../themes/default/static/forms.js"),
    ),
    (
        "themes/default/static/print.css",
        include_str!("../themes/default/static/print.css"),
    ),
    (
        "themes/default/static/site.js",
        include_str!("../themes/default/static/site.js"),
    ),
    (
        "themes/default/static/lang-redirect.js",
        include_str!("../themes/default/static/lang-redirect.js"),
    ),
    ("i18n/en.ftl", include_str!("../i18n/en.ftl")),
    ("i18n/he.ftl", include_str!("../i18n/he.ftl")),
    ("i18n/pl.ftl", include_str!("../i18n/pl.ftl")),
];

const SITE_FILES: &[(&str, &str)] = &[
    (
        "keel.yaml",
        "title:\n  en: My Playbook\n  he: המדריך שלי\nbase_url: https://example.org/\ndefault_language: en\nlanguages:\n  - code: en\n  - code: he\ntheme: default\nuntranslated: fallback\n",
    ),
    (
        "content/en/_index.md",
        "---\ntitle: My Playbook\nsummary: What our team does when something goes wrong.\nreviewed: 2026-01-01\n---\nStart with the [first-hour checklist](@/guide/first-hour.md).\n",
    ),
    (
        "content/en/guide/_index.md",
        "---\ntitle: Guide\nsummary: Checklists for the team.\nreviewed: 2026-01-01\n---\n",
    ),
    (
        "content/en/guide/first-hour.md",
        "---\ntitle: The first hour\nsummary: What to do as soon as a problem is reported.\nreviewed: 2026-01-01\nrelated: [guide/daily]\n---\nKeep calm and work through the list.\n\n## Act now {#act-now}\n\n- [ ] Name who leads the response {#name-lead}\n- [ ] Tell customers what is happening {#tell-customers}\n",
    ),
    (
        "content/en/guide/daily.yaml",
        "title: Daily routine\nsummary: A few minutes every morning.\nreviewed: 2026-01-01\nkind: routine\nrecurrence: daily\nchecklists:\n  - id: morning\n    title: Every morning\n    items:\n      - id: orders\n        text: Check **new orders**\n        role: cs\n      - id: stock\n        text: Check stock of best-sellers\n        role: log\n",
    ),
    (
        "content/he/_index.md",
        "---\ntitle: המדריך שלי\nsummary: מה הצוות שלנו עושה כשמשהו משתבש.\nreviewed: 2026-01-01\n---\nהתחילו ב[רשימת השעה הראשונה](@/guide/first-hour.md).\n",
    ),
    (
        "content/he/guide/first-hour.md",
        "---\ntitle: השעה הראשונה\nsummary: מה עושים מיד כשמדווחת תקלה.\nreviewed: 2026-01-01\n---\nשומרים על קור רוח ועוברים על הרשימה.\n\n## פועלים עכשיו {#act-now}\n\n- [ ] קבעו מי מוביל את הטיפול {#name-lead}\n- [ ] עדכנו את הלקוחות במה שקורה {#tell-customers}\n",
    ),
];

/// Write the starter site into `dir`, which must not exist yet or be empty.
pub fn write(dir: &Path) -> io::Result<()> {
    if dir.exists() && fs::read_dir(dir)?.next().is_some() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{} is not empty; choose a new folder", dir.display()),
        ));
    }
    for (path, text) in SITE_FILES.iter().chain(THEME_FILES) {
        let target = dir.join(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(target, text)?;
    }
    Ok(())
}

/// What `keel new` wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPage {
    /// The files created: the page, and the section's `_index.md` when no language had one.
    pub files: Vec<PathBuf>,
    /// The same page in another language, whose text was copied as a draft to translate.
    pub copied_from: Option<PathBuf>,
}

/// The forms a page `slug` of a section can take, relative to the section folder.
fn page_forms(slug: &str) -> Vec<PathBuf> {
    ["md", "yaml", "yml"]
        .iter()
        .flat_map(|ext| {
            [
                PathBuf::from(format!("{slug}.{ext}")),
                Path::new(slug).join(format!("index.{ext}")),
            ]
        })
        .collect()
}

/// `keel new SECTION SLUG [--lang CODE]`: the new page in one language (the default language
/// unless `lang` names another), with front matter filled in; the other languages show it from
/// there until it is translated. When another language has the page already, its text is copied
/// as a draft (`draft: true`) to translate, so the checklist ids stay the same. The section's
/// `_index.md` is written, in that language only, when no language has one; an existing one is
/// never changed. Writes nothing if the page exists in that language.
pub fn new_page(
    root: &Path,
    section: &str,
    slug: &str,
    structured: bool,
    lang: Option<&str>,
) -> io::Result<NewPage> {
    let invalid = |what: &str, v: &str| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("`{v}` is not a valid {what}: use lower-case a-z, 0-9 and -"),
        )
    };
    if !crate::paths::is_valid_slug(section) || section == crate::paths::PRINT_DIR {
        return Err(invalid("section name", section));
    }
    if !crate::paths::is_valid_slug(slug) || slug == crate::paths::PRINT_DIR {
        return Err(invalid("page name", slug));
    }
    let loaded = crate::config::Config::load(root).map_err(|d| {
        io::Error::other(
            d.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n"),
        )
    })?;
    let config = loaded.config;
    if let Some(e) = loaded.problems.iter().find(|d| d.is_error()) {
        return Err(io::Error::other(e.to_string()));
    }
    let code = lang.unwrap_or(&config.default_language);
    let codes: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
    if !codes.contains(&code) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "`{code}` is not a language of this site; keel.yaml lists {} (add it to `languages` first)",
                codes.join(", ")
            ),
        ));
    }
    let content = root.join(crate::paths::CONTENT_DIR);
    let dir = content.join(code).join(section);
    for form in page_forms(slug) {
        let existing = dir.join(&form);
        if existing.exists() {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!("{} exists already", existing.display()),
            ));
        }
    }
    // The page in another language, the default one first.
    let others = std::iter::once(config.default_language.as_str())
        .chain(codes.iter().copied())
        .filter(|c| *c != code);
    let source = others
        .flat_map(|c| {
            let section_dir = content.join(c).join(section);
            page_forms(slug)
                .into_iter()
                .map(move |form| (section_dir.join(&form), form))
        })
        .find(|(path, _)| path.is_file());
    let today = String::from(crate::content::Date::today());
    let mut plan = Vec::new();
    match &source {
        Some((from, form)) => {
            let yaml = form.extension().is_some_and(|e| e != "md");
            plan.push((dir.join(form), as_draft(&fs::read_to_string(from)?, yaml)));
        }
        None => {
            let title = {
                let mut t = slug.replace('-', " ");
                t[..1].make_ascii_uppercase();
                t
            };
            let (ext, text) = if structured {
                (
                    "yaml",
                    format!(
                        "title: {title}\nsummary: \"\"   # one sentence: what this page is for\nreviewed: {today}\nweight: 100\nkind: checklist\nchecklists:\n  - id: main\n    title: {title}\n    items:\n      - id: first-step\n        text: Write the first step, starting with a verb\n"
                    ),
                )
            } else {
                (
                    "md",
                    format!(
                        "---\ntitle: {title}\nsummary: \"\"   # one sentence: what this page is for\nreviewed: {today}\nweight: 100\n---\nWrite the page here. Checklist items are task lists with ids:\n\n- [ ] Write the first step, starting with a verb {{#first-step}}\n"
                    ),
                )
            };
            plan.push((dir.join(format!("{slug}.{ext}")), text));
        }
    }
    let has_index = codes.iter().any(|c| {
        let d = content.join(c).join(section);
        d.join("_index.md").exists() || d.join("index.md").exists()
    });
    if !has_index {
        let mut section_title = section.replace('-', " ");
        section_title[..1].make_ascii_uppercase();
        plan.push((
            dir.join("_index.md"),
            format!("---\ntitle: {section_title}\nsummary: \"\"\nreviewed: {today}\n---\n"),
        ));
    }
    let mut files = Vec::new();
    for (path, text) in plan {
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&path, text)?;
        files.push(path);
    }
    Ok(NewPage {
        files,
        copied_from: source.map(|(from, _)| from),
    })
}

/// `text` (a page in another language) marked `draft: true`, so that it is built only with
/// `--drafts` until it is translated and the line removed.
fn as_draft(text: &str, yaml: bool) -> String {
    const DRAFT: &str = "draft: true   # translate this page, then remove this line\n";
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let is_marker = |l: &str| l.trim_end() == "---";
    // Where the keys are: all of a YAML page, the front matter of a Markdown page.
    let (start, end) = if yaml {
        let start = usize::from(lines.first().is_some_and(|l| is_marker(l)));
        (start, lines.len())
    } else if lines.first().is_some_and(|l| is_marker(l)) {
        let end = (1..lines.len())
            .find(|&i| is_marker(lines[i]))
            .unwrap_or(lines.len());
        (1, end)
    } else {
        return format!("---\n{DRAFT}---\n{text}");
    };
    let mut out = String::with_capacity(text.len() + DRAFT.len());
    for (i, line) in lines.iter().enumerate() {
        if i == start {
            out.push_str(DRAFT);
        }
        let old_draft = (start..end).contains(&i) && line.starts_with("draft:");
        if !old_draft {
            out.push_str(line);
        }
    }
    if start >= lines.len() {
        out.push_str(DRAFT);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::as_draft;

    #[test]
    fn a_copy_to_translate_is_a_draft() {
        assert_eq!(
            as_draft(
                "---\ntitle: A\ndraft: false\n---\ndraft: in the body\n",
                false
            ),
            "---\ndraft: true   # translate this page, then remove this line\ntitle: A\n---\ndraft: in the body\n"
        );
        assert_eq!(
            as_draft("# A\n\nText\n", false),
            "---\ndraft: true   # translate this page, then remove this line\n---\n# A\n\nText\n"
        );
        assert_eq!(
            as_draft("title: A\ndraft: true\nkind: checklist\n", true),
            "draft: true   # translate this page, then remove this line\ntitle: A\nkind: checklist\n"
        );
        assert_eq!(
            as_draft("---\ntitle: A\n", true),
            "---\ndraft: true   # translate this page, then remove this line\ntitle: A\n"
        );
    }
}
