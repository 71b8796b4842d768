//! `keel init`: a small working site (English and Hebrew, one Markdown page, one YAML checklist)
//! with the default theme and interface strings built in, so a new user has something to edit.

use std::fs;
use std::io;
use std::path::Path;

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
        "themes/default/static/keel.css",
        include_str!("../themes/default/static/keel.css"),
    ),
    (
        "themes/default/static/keel.js",
        include_str!("../themes/default/static/keel.js"),
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

/// `keel new SECTION SLUG`: the same new page in every language of the site, with front matter
/// filled in (and the section's `_index.md` where it is missing). Writes nothing if any of the
/// files exists already.
pub fn new_page(
    root: &Path,
    section: &str,
    slug: &str,
    structured: bool,
) -> io::Result<Vec<std::path::PathBuf>> {
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
    if let Some(e) = loaded.problems.first() {
        return Err(io::Error::other(e.to_string()));
    }
    let today = String::from(crate::content::Date::today());
    let title = {
        let mut t = slug.replace('-', " ");
        t[..1].make_ascii_uppercase();
        t
    };
    let ext = if structured { "yaml" } else { "md" };
    let mut plan = Vec::new();
    for lang in &config.languages {
        let dir = root
            .join(crate::paths::CONTENT_DIR)
            .join(&lang.code)
            .join(section);
        let page = dir.join(format!("{slug}.{ext}"));
        for other in ["md", "yaml"] {
            let existing = dir.join(format!("{slug}.{other}"));
            if existing.exists() {
                return Err(io::Error::new(
                    io::ErrorKind::AlreadyExists,
                    format!("{} exists already", existing.display()),
                ));
            }
        }
        let text = if structured {
            format!(
                "title: {title}\nsummary: \"\"   # one sentence: what this page is for\nreviewed: {today}\nweight: 100\nkind: checklist\nchecklists:\n  - id: main\n    title: {title}\n    items:\n      - id: first-step\n        text: Write the first step, starting with a verb\n"
            )
        } else {
            format!(
                "---\ntitle: {title}\nsummary: \"\"   # one sentence: what this page is for\nreviewed: {today}\nweight: 100\n---\nWrite the page here. Checklist items are task lists with ids:\n\n- [ ] Write the first step, starting with a verb {{#first-step}}\n"
            )
        };
        plan.push((page, text));
        let index = dir.join("_index.md");
        if !index.exists() {
            let mut section_title = section.replace('-', " ");
            section_title[..1].make_ascii_uppercase();
            plan.push((
                index,
                format!("---\ntitle: {section_title}\nsummary: \"\"\nreviewed: {today}\n---\n"),
            ));
        }
    }
    let mut written = Vec::new();
    for (path, text) in plan {
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&path, text)?;
        written.push(path);
    }
    Ok(written)
}
