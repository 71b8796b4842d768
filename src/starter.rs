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
