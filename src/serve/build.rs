//! The preview's builds. A full build at the start and after any change other pages may show.
//! After a page's text changed, the fast path: re-read that file, run the checks that can stop a
//! build, render and serve its web pages, and tell the open pages. The rest waits:
//!
//! - the checks that only warn run next, while no other change is waiting;
//! - print views and bundles, search indexes and service workers are made when a request needs
//!   one of their files ([`Shared::await_fresh`]), or at once when a print view is open in a
//!   browser; until then the preview keeps the previous ones, and never serves them.
//!
//! Every file served is what a full build of the sources would hold.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Instant;

use super::templates::Templates;
use super::watch::Changes;
use super::{Shared, Stage, Stale};
use crate::checks::CHECKS;
use crate::content::PageKind;
use crate::diagnostics::{self, Diagnostic};
use crate::output::{self, OutFile, Sink};
use crate::paths::{self, CONTENT_DIR, SourceLines, is_contained};
use crate::render::{self, Theme};
use crate::site::{LoadOptions, PageId, Reload, Site};

/// Builds the site into the preview folder, fully or only what a change touches.
pub(super) struct Builder {
    root: PathBuf,
    load: LoadOptions,
    /// The last good build, kept for fast rebuilds; `None` after a failure (start again).
    last: Option<Last>,
}

/// A good build, what it found, and what it has left for later.
struct Last {
    site: Site,
    /// The theme's templates, parsed once: a change to the theme is a full build.
    theme: Theme,
    /// What loading found (the warnings of each file), and what each check of [`CHECKS`] found,
    /// kept apart so that a rebuild runs again only what a change can alter.
    loading: Vec<Diagnostic>,
    checks: Vec<Vec<Diagnostic>>,
    /// The checks that only warn have not run since the last change (a rebuild runs them after
    /// the changed page is served; should one report an error, the build fails then, and the
    /// files served since the last complete build are put back).
    checks_behind: bool,
    /// The print bundles are behind, and the print views of these pages.
    print_behind: Option<Vec<PageId>>,
    /// The service workers are behind, and the search indexes of these pages' languages.
    indexes_behind: Option<Vec<PageId>>,
    /// The last rebuild failed: the preview still serves the build before it. `site` holds the
    /// sources as they are (but for `unreadable`), so the next change picks up from here.
    broken: bool,
    /// Files whose last version could not be read (a YAML syntax error), with the errors: the
    /// site still has the version before.
    unreadable: Vec<(PathBuf, Vec<Diagnostic>)>,
    /// Pages changed since the preview last published their web pages.
    unpublished: Vec<PageId>,
    /// What each file replaced since everything was last up to date held (`None`: it did not
    /// exist), to put back if what was left for later fails.
    undo: Vec<(String, Option<Vec<u8>>)>,
}

/// What the fast path did: how many pages it rendered, which files it wrote.
struct Rebuilt {
    pages: usize,
    written: Vec<String>,
}

/// Tell the editor what a fast rebuild did, mark what it left for later (`behind`), then reload
/// the pages that show its files: in that order, so a reloaded print view is not served stale.
fn announce(
    done: Rebuilt,
    what: &str,
    start: Instant,
    shared: &Shared,
    behind: impl FnOnce(&mut Stale),
) {
    println!(
        "Rebuilt {} page{}{what} ({} file{} written) in {} ms",
        done.pages,
        plural(done.pages),
        done.written.len(),
        plural(done.written.len()),
        start.elapsed().as_millis()
    );
    shared.stale(behind);
    shared.reload(Some(done.written));
}

fn write_error(e: std::io::Error) -> Vec<Diagnostic> {
    vec![Diagnostic::error(
        "io",
        "keel serve",
        format!("cannot write the preview: {e}"),
    )]
}

/// Run `stage` with a sink that collects the files it makes.
fn collect(
    stage: impl FnOnce(Sink) -> Result<(), Vec<Diagnostic>>,
) -> Result<Vec<OutFile>, Vec<Diagnostic>> {
    let files = Mutex::new(Vec::new());
    stage(&|f| {
        files.lock().unwrap_or_else(|p| p.into_inner()).push(f);
        Ok(())
    })?;
    Ok(files.into_inner().unwrap_or_else(|p| p.into_inner()))
}

/// Write the files whose bytes changed into the preview folder (each swapped in whole) and
/// return their paths; `undo` keeps what each one held before, the first time it is replaced.
fn publish(
    out: &Path,
    files: Vec<OutFile>,
    undo: &mut Vec<(String, Option<Vec<u8>>)>,
) -> Result<Vec<String>, Vec<Diagnostic>> {
    let changed: Vec<OutFile> = files
        .into_iter()
        .filter(|f| {
            // A path that leaves the folder is `sync_dir`'s to refuse.
            if !is_contained(&f.path) {
                return true;
            }
            let old = fs::read(out.join(&f.path)).ok();
            if old.as_deref() == Some(f.bytes.as_slice()) {
                return false;
            }
            if !undo.iter().any(|(p, _)| *p == f.path) {
                undo.push((f.path.clone(), old));
            }
            true
        })
        .collect();
    output::sync_dir(out, &changed, None, false).map_err(write_error)?;
    Ok(changed.into_iter().map(|f| f.path).collect())
}

/// Put back what `undo` says the files held.
fn restore(out: &Path, undo: Vec<(String, Option<Vec<u8>>)>) {
    for (path, old) in undo {
        match old {
            Some(bytes) => {
                let _ = output::sync_dir(out, &[OutFile { path, bytes }], None, false);
            }
            None => {
                let _ = fs::remove_file(out.join(path));
            }
        }
    }
}

/// Every diagnostic of a site, sorted; `Err` with all of them when one is an error.
fn verdict(loading: &[Diagnostic], checks: &[Vec<Diagnostic>]) -> Result<(), Vec<Diagnostic>> {
    if !loading
        .iter()
        .chain(checks.iter().flatten())
        .any(Diagnostic::is_error)
    {
        return Ok(());
    }
    let mut all: Vec<Diagnostic> = loading.to_vec();
    all.extend(checks.iter().flatten().cloned());
    diagnostics::sort(&mut all);
    Err(all)
}

/// Print diagnostics with their source lines.
fn report(root: &Path, diags: &[Diagnostic]) {
    let mut sources = SourceLines::new(root);
    for d in diags {
        eprintln!("{}", sources.render(d));
    }
}

/// `s` after a count other than one.
fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Add `i` to `pages` unless it is there.
fn add(pages: &mut Vec<PageId>, i: PageId) {
    if !pages.contains(&i) {
        pages.push(i);
    }
}

/// The paths of `files`.
fn paths_of(files: &[OutFile]) -> HashSet<String> {
    files.iter().map(|f| f.path.clone()).collect()
}

impl Last {
    /// Load and check the site, render all of it and write it into `out`, replacing what was
    /// there: the steps and verdict of [`crate::load`] and [`crate::render_site`], with each
    /// check's findings kept apart. Also returns the paths of the print files and of the index
    /// files.
    fn build(
        root: &Path,
        opts: &LoadOptions,
        out: &Path,
    ) -> Result<(Last, [HashSet<String>; 2]), Vec<Diagnostic>> {
        let (mut site, loading) = Site::load(root, opts)?;
        let checks: Vec<Vec<Diagnostic>> = CHECKS.iter().map(|c| (c.run)(&site)).collect();
        verdict(&loading, &checks)?;
        crate::timing::stage("checks");
        let theme = Theme::load(&site)?;
        let mut files = collect(|sink| render::render_web(&site, &theme, None, sink))?;
        crate::timing::stage("pages rendered");
        let print = collect(|sink| render::render_print(&site, &theme, None, sink))?;
        crate::timing::stage("print views");
        let indexes = collect(|sink| render::render_indexes(&site, None, sink))?;
        render::unknown_strings(&site)?;
        crate::timing::stage("search indexes");
        let owned = [paths_of(&print), paths_of(&indexes)];
        files.extend(print);
        files.extend(indexes);
        for (path, file) in &site.files {
            let bytes = fs::read(file).map_err(write_error)?;
            files.push(OutFile {
                path: path.clone(),
                bytes,
            });
        }
        output::sync_dir(out, &files, None, true).map_err(write_error)?;
        crate::timing::stage("written");
        let mut all = loading.clone();
        all.extend(checks.iter().flatten().cloned());
        diagnostics::sort(&mut all);
        site.warnings = all;
        let last = Last {
            site,
            theme,
            loading,
            checks,
            checks_behind: false,
            print_behind: None,
            indexes_behind: None,
            undo: Vec::new(),
            broken: false,
            unreadable: Vec::new(),
            unpublished: Vec::new(),
        };
        Ok((last, owned))
    }

    /// The fast path for the changed content files `changed` (relative to the root): reload
    /// them, check, render and publish their web pages (and those of pages changed while the
    /// site was broken). `Ok(None)` when other pages may show the change (a full build is
    /// needed). On `Err` the site is broken until a rebuild succeeds.
    fn fast(
        &mut self,
        changed: &[PathBuf],
        out: &Path,
    ) -> Result<Option<Rebuilt>, Vec<Diagnostic>> {
        let mut which: Vec<PageId> = Vec::new();
        for rel in changed {
            self.unreadable.retain(|(f, _)| f != rel);
            match self.site.reload_file(rel) {
                Err(diags) => self.unreadable.push((rel.clone(), diags)),
                Ok((Reload::Full, _)) => return Ok(None),
                Ok((Reload::Pages(pages), diags)) => {
                    self.loading.retain(|d| d.file != *rel);
                    self.loading.extend(diags);
                    which.extend(pages);
                }
            }
        }
        self.broken = true;
        for &i in &which {
            add(&mut self.unpublished, i);
        }
        crate::timing::stage("files reloaded");
        // The per-page checks for the changed pages; the checks across pages (anchors, related
        // pages, translations) in full, as they are quick; the ones that only warn after serving.
        for (n, c) in CHECKS.iter().enumerate() {
            if let Some(page) = c.page {
                let found = &mut self.checks[n];
                found.retain(|d| !changed.contains(&d.file));
                found.extend(which.iter().flat_map(|&i| page(&self.site.pages[i])));
            } else if !c.warns_only {
                self.checks[n] = (c.run)(&self.site);
            }
        }
        if self.unreadable.is_empty() {
            verdict(&self.loading, &self.checks)?;
        } else {
            let mut loading = self.loading.clone();
            loading.extend(self.unreadable.iter().flat_map(|(_, d)| d.iter().cloned()));
            verdict(&loading, &self.checks)?;
        }
        crate::timing::stage("checks");
        let which = self.unpublished.clone();
        let (site, theme) = (&self.site, &self.theme);
        let files = collect(|sink| render::render_web(site, theme, Some(&which), sink))?;
        render::unknown_strings(site)?;
        crate::timing::stage("web pages rendered");
        let written = publish(out, files, &mut self.undo)?;
        crate::timing::stage("web pages written");
        self.broken = false;
        self.unpublished.clear();
        self.checks_behind = true;
        for &i in &which {
            if render::has_print_view(&self.site.pages[i]) {
                add(self.print_behind.get_or_insert_default(), i);
            }
            add(self.indexes_behind.get_or_insert_default(), i);
        }
        Ok(Some(Rebuilt {
            pages: which.len(),
            written,
        }))
    }

    /// The checks that only warn, and the warnings of the whole site printed.
    fn warn_checks(&mut self, root: &Path) -> Result<(), Vec<Diagnostic>> {
        for (n, c) in CHECKS.iter().enumerate() {
            if c.warns_only {
                self.checks[n] = (c.run)(&self.site);
            }
        }
        verdict(&self.loading, &self.checks)?;
        self.checks_behind = false;
        let mut all = self.loading.clone();
        all.extend(self.checks.iter().flatten().cloned());
        diagnostics::sort(&mut all);
        report(root, &all);
        self.site.warnings = all;
        crate::timing::stage("checks that warn");
        Ok(())
    }

    /// Bring a stage's files up to date: the files it made (to publish) and the files it no
    /// longer makes, from those it made before (`owned`).
    fn catch_up(
        &mut self,
        stage: Stage,
        owned: &HashSet<String>,
    ) -> Result<(Vec<OutFile>, Vec<String>), Vec<Diagnostic>> {
        let (site, theme) = (&self.site, &self.theme);
        match stage {
            Stage::Print => {
                let pages = self.print_behind.take().unwrap_or_default();
                let files = collect(|sink| render::render_print(site, theme, Some(&pages), sink))?;
                render::unknown_strings(site)?;
                Ok((files, Vec::new()))
            }
            Stage::Indexes => {
                let pages = self.indexes_behind.take().unwrap_or_default();
                let files = collect(|sink| render::render_indexes(site, Some(&pages), sink))?;
                render::unknown_strings(site)?;
                // A language's indexes are made whole: what they no longer hold (a term shard
                // fewer) goes, as it would from a full build.
                let made = paths_of(&files);
                let folders: Vec<String> = pages
                    .iter()
                    .map(|&i| format!("{}/", site.locales.languages[site.pages[i].lang()].code))
                    .collect();
                let gone = owned
                    .iter()
                    .filter(|p| !made.contains(*p) && folders.iter().any(|f| p.starts_with(f)))
                    .cloned()
                    .collect();
                Ok((files, gone))
            }
        }
    }

    /// Nothing is left for later.
    fn up_to_date(&self) -> bool {
        !self.checks_behind && self.print_behind.is_none() && self.indexes_behind.is_none()
    }
}

/// What a changed source file is to a rebuild.
enum Kind {
    /// A page's file (`content/…`, relative to the root): the fast path.
    Page(PathBuf),
    /// A template of the site's theme (its name under `templates/`).
    Template(String),
    /// A file copied as it is (its output path).
    Copy(String),
    /// A file the build does not read (another theme's).
    Nothing,
    /// Anything else: a full build.
    Other,
}

/// The template a web page is rendered with (as `render::pages` picks it).
fn page_template(page: &crate::site::Page) -> &str {
    match (&page.meta().template, page.src.kind) {
        (Some(t), _) => t.as_str(),
        (None, PageKind::Home) => "home.html",
        (None, PageKind::Section) => "section.html",
        (None, _) => "page.html",
    }
}

/// The templates print views and bundles are rendered with (as `render::print` picks them).
const PRINT_VIEW: &str = "print.html";
const PRINT_BUNDLE: &str = "print-all.html";
/// Rendered by Keel once per form and placed in both print templates (see `render::print`).
const PRINT_FORM: &str = "partials/print-form.html";
/// Templates every web page reads besides its own: the checklist partial and the fragments in
/// `cached/`; and those only a full render of the web pages makes (the language chooser, 404).
const EVERY_PAGE: &str = "partials/checklist.html";
const ROOT_PAGES: [&str; 2] = ["root.html", "404.html"];

impl Last {
    /// What the changed file `path` (absolute) is to a rebuild.
    fn kind_of(&self, root: &Path, path: &Path) -> Kind {
        let rel = path.strip_prefix(root).unwrap_or(path);
        if !path.is_file() {
            return Kind::Other;
        }
        let theme_dir = paths::theme_dir(Path::new(""), &self.site.config.theme);
        if rel.starts_with(CONTENT_DIR)
            && path
                .extension()
                .is_some_and(|e| e == "md" || e == "yaml" || e == "yml")
        {
            return Kind::Page(rel.to_path_buf());
        }
        if let Ok(t) = rel.strip_prefix(theme_dir.join("templates")) {
            return Kind::Template(t.to_string_lossy().replace('\\', "/"));
        }
        if let Some((out, _)) = self.site.files.iter().find(|(_, f)| *f == path) {
            return Kind::Copy(out.clone());
        }
        if rel.starts_with(paths::THEMES_DIR) && !rel.starts_with(&theme_dir) {
            return Kind::Nothing;
        }
        Kind::Other
    }

    /// Parse the theme again, render the web pages that use the changed `templates` and copy
    /// the `copies` (output paths); the print views that use them are left behind (to be made
    /// next), and the service workers. Returns how many pages were rendered and the files
    /// written.
    fn retheme(
        &mut self,
        templates: &HashSet<String>,
        copies: &[String],
        out: &Path,
    ) -> Result<Rebuilt, Vec<Diagnostic>> {
        let mut files = Vec::new();
        for path in copies {
            let bytes = fs::read(&self.site.files[path]).map_err(write_error)?;
            files.push(OutFile {
                path: path.clone(),
                bytes,
            });
        }
        let mut rendered = 0;
        if !templates.is_empty() {
            self.theme = Theme::load(&self.site)?;
            let t = Templates::read(&self.theme.templates_dir);
            let every: Vec<&str> = std::iter::once(EVERY_PAGE)
                .chain(t.names().filter(|n| n.starts_with("cached/")))
                .collect();
            let reaches = |root: &str| t.reaches(root, templates);
            // A changed template that none of the known templates reads may be read in ways
            // not known here: everything is rendered again.
            let mut roots: HashSet<&str> = self.site.pages.iter().map(page_template).collect();
            roots.extend(every.iter().copied());
            roots.extend(ROOT_PAGES);
            roots.extend([PRINT_VIEW, PRINT_BUNDLE, PRINT_FORM]);
            let unknown = templates.iter().any(|c| {
                !roots
                    .iter()
                    .any(|r| t.reaches(r, &std::iter::once(c.clone()).collect()))
            });
            let all_pages = unknown || every.iter().any(|r| reaches(r));
            let which: Option<Vec<PageId>> = if unknown || ROOT_PAGES.iter().any(|r| reaches(r)) {
                None
            } else {
                Some(
                    (0..self.site.pages.len())
                        .filter(|&i| all_pages || reaches(page_template(&self.site.pages[i])))
                        .collect(),
                )
            };
            rendered = which.as_ref().map_or(self.site.pages.len(), Vec::len);
            if rendered > 0 {
                let (site, theme) = (&self.site, &self.theme);
                files.extend(collect(|sink| {
                    render::render_web(site, theme, which.as_deref(), sink)
                })?);
                render::unknown_strings(site)?;
            }
            if unknown || reaches(PRINT_VIEW) || reaches(PRINT_FORM) {
                let views = (0..self.site.pages.len())
                    .filter(|&i| render::has_print_view(&self.site.pages[i]));
                let behind = self.print_behind.get_or_insert_default();
                for i in views {
                    add(behind, i);
                }
            } else if reaches(PRINT_BUNDLE) {
                self.print_behind.get_or_insert_default();
            }
        }
        // The service workers' cache version is a hash of the theme's files.
        self.indexes_behind.get_or_insert_default();
        let written = publish(out, files, &mut self.undo)?;
        Ok(Rebuilt {
            pages: rendered,
            written,
        })
    }
}

impl Builder {
    pub(super) fn new(root: PathBuf, load: LoadOptions) -> Builder {
        Builder {
            root,
            load,
            last: None,
        }
    }

    /// Build everything again.
    pub(super) fn full(&mut self, shared: &Shared) {
        let start = Instant::now();
        crate::timing::start(start);
        self.last = None;
        match Last::build(&self.root, &self.load, &shared.out) {
            Ok((last, [print, indexes])) => {
                report(&self.root, &last.site.warnings);
                println!(
                    "Built {} pages in {} ms",
                    last.site.pages.len(),
                    start.elapsed().as_millis()
                );
                self.last = Some(last);
                shared.stale(|s| s.reset(print, indexes));
                shared.reload(None);
            }
            Err(diags) => self.fail(diags, shared),
        }
    }

    /// Build what the changed files (absolute paths) touch.
    pub(super) fn rebuild(&mut self, changed: &[PathBuf], shared: &Shared) {
        let start = Instant::now();
        // A file that came and went (an editor's or sed's temp file) and was never a page is
        // noise; a folder that held pages (content/ removed by a checkout) is not.
        let known = |p: &PathBuf| {
            let rel = p.strip_prefix(&self.root).unwrap_or(p);
            self.last
                .as_ref()
                .is_none_or(|l| l.site.pages.iter().any(|pg| pg.src.file.starts_with(rel)))
        };
        let changed: Vec<PathBuf> = changed
            .iter()
            .filter(|p| p.exists() || known(p))
            .cloned()
            .collect();
        if changed.is_empty() {
            return;
        }
        let Some(last) = self.last.as_mut() else {
            return self.full(shared);
        };
        let kinds: Vec<Kind> = changed
            .iter()
            .map(|p| last.kind_of(&self.root, p))
            .filter(|k| !matches!(k, Kind::Nothing))
            .collect();
        if kinds.is_empty() {
            return;
        }
        if kinds.iter().any(|k| matches!(k, Kind::Other)) {
            return self.full(shared);
        }
        let (pages, theme): (Vec<Kind>, Vec<Kind>) =
            kinds.into_iter().partition(|k| matches!(k, Kind::Page(_)));
        if !pages.is_empty() && !theme.is_empty() {
            return self.full(shared);
        }
        if pages.is_empty() {
            return self.theme_change(theme, start, shared);
        }
        let rel: Vec<PathBuf> = pages
            .into_iter()
            .filter_map(|k| match k {
                Kind::Page(p) => Some(p),
                _ => None,
            })
            .collect();
        match last.fast(&rel, &shared.out) {
            Ok(Some(done)) => {
                let print = last.print_behind.is_some();
                announce(done, "", start, shared, |s| s.behind(print, false));
            }
            Ok(None) => self.full(shared),
            // The site holds the sources as they are: the fix is a fast rebuild too.
            Err(diags) => self.report_failure(diags, shared),
        }
    }

    /// After changes to the theme (`Kind::Template`, `Kind::Copy`): the theme parsed again and
    /// what uses the changed templates rendered again (web pages now, print views next), the
    /// changed files copied; the service workers' cache version follows.
    fn theme_change(&mut self, kinds: Vec<Kind>, start: Instant, shared: &Shared) {
        let Some(last) = self.last.as_mut().filter(|l| !l.broken) else {
            return self.full(shared);
        };
        let mut templates = HashSet::new();
        let mut copies = Vec::new();
        for k in kinds {
            match k {
                Kind::Template(t) => {
                    templates.insert(t);
                }
                Kind::Copy(path) => copies.push(path),
                Kind::Page(_) | Kind::Other | Kind::Nothing => {}
            }
        }
        match last.retheme(&templates, &copies, &shared.out) {
            Ok(done) => {
                let print = last.print_behind.is_some();
                announce(done, " for the theme", start, shared, |s| {
                    s.behind(print, true)
                });
            }
            Err(diags) => self.fail(diags, shared),
        }
    }

    /// Do what the fast path left for later, a step at a time while no change is waiting: the
    /// stages requests wait for first, then the checks that only warn.
    pub(super) fn catch_up(&mut self, changes: &mut Changes, shared: &Shared) {
        loop {
            // Nothing is made from a broken site: the preview shows the build before.
            let Some(last) = self.last.as_mut().filter(|l| !l.broken) else {
                return;
            };
            if changes.waiting() {
                return;
            }
            let wanted = shared.stale(|s| s.wanted());
            let result = match wanted {
                Some((stage, owned)) => {
                    let start = Instant::now();
                    crate::timing::start(start);
                    last.catch_up(stage, &owned).and_then(|(files, gone)| {
                        let made = paths_of(&files);
                        let written = publish(&shared.out, files, &mut last.undo)?;
                        for p in &gone {
                            let _ = fs::remove_file(shared.out.join(p));
                        }
                        println!(
                            "Brought the {} up to date ({} file{} written) in {} ms",
                            stage.name(),
                            written.len(),
                            plural(written.len()),
                            start.elapsed().as_millis()
                        );
                        shared.stale(|s| s.fresh(stage, made, &gone));
                        Ok(written)
                    })
                }
                None if last.checks_behind => last.warn_checks(&self.root).map(|()| Vec::new()),
                None => return,
            };
            match result {
                Ok(written) => {
                    if last.up_to_date() {
                        last.undo.clear();
                    }
                    if !written.is_empty() {
                        shared.reload(Some(written));
                    }
                }
                Err(diags) => {
                    restore(&shared.out, std::mem::take(&mut last.undo));
                    return self.fail(diags, shared);
                }
            }
        }
    }

    /// A build failed in a way the kept site cannot follow: start from scratch next time.
    fn fail(&mut self, diags: Vec<Diagnostic>, shared: &Shared) {
        self.last = None;
        self.report_failure(diags, shared);
    }

    /// Print the errors of a failed build and show them over the open pages.
    fn report_failure(&mut self, diags: Vec<Diagnostic>, shared: &Shared) {
        report(&self.root, &diags);
        let errors: Vec<Diagnostic> = diags.into_iter().filter(Diagnostic::is_error).collect();
        eprintln!(
            "Build failed with {} error{}; still serving the last good build.",
            errors.len(),
            plural(errors.len())
        );
        // Requests waiting for a stage get the last good build's files.
        shared.stale(|s| s.settle());
        shared.set_errors(errors);
    }
}
