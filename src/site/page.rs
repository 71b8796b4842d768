//! A page of the loaded site: its source, where it is written, and what the Markdown stage made
//! of it.

use crate::checklist::Checklist;
use crate::content::{PageSrc, SourcePage};
use crate::diagnostics::Pos;
use crate::locale::LangId;
use crate::paths;

/// A page's index in [`super::Site::pages`].
pub type PageId = usize;

/// A page after the Markdown stage.
#[derive(Debug)]
pub struct Page {
    /// The parsed file (for a fallback page: a copy of the other language's).
    pub src: SourcePage,
    /// Set when this page shows another language's text because it is not translated yet.
    pub fallback_from: Option<LangId>,
    /// Output path relative to the output root: `he/crises/payment-outage/index.html`.
    pub path: String,
    /// The body as HTML, with `<!--keel:checklist:N-->` where Markdown checklist N goes.
    pub html: String,
    /// Every checklist of the page: task lists of the body first, then YAML checklists.
    pub checklists: Vec<Checklist>,
    /// Ids `#anchor` links may name: headings and checklists.
    pub anchors: Vec<String>,
    /// The rendered parts of a YAML page beyond its checklists.
    pub structured: Structured,
    /// `#anchor` links from this page, checked once every page is rendered.
    pub anchor_refs: Vec<AnchorRef>,
}

/// The rendered parts of a YAML page beyond its checklists.
#[derive(Debug, Default)]
pub struct Structured {
    /// The drill's scenario, as HTML.
    pub scenario_html: Option<String>,
    /// Who takes part.
    pub roles: Vec<Role>,
    /// Facilitator injects, in time order as written.
    pub injects: Vec<Inject>,
    /// Evaluation criteria, inline HTML.
    pub evaluation: Vec<String>,
    /// Debrief questions, inline HTML.
    pub debrief: Vec<String>,
    /// Severity levels, most severe first (severity pages).
    pub levels: Vec<Level>,
}

/// One severity level ready for templates: text as inline HTML, roles by name.
#[derive(Debug, serde::Serialize)]
pub struct Level {
    /// critical, high, medium or low.
    pub id: crate::content::IncidentSeverity,
    /// What makes an incident this severe.
    pub criteria: Vec<String>,
    /// Incidents of this level.
    pub examples: Vec<String>,
    /// Role ids called in; their names are filled in with the page's language.
    pub page: Vec<String>,
    /// The names of those roles.
    pub page_names: Vec<String>,
    /// How often the team meets.
    pub meet: Option<String>,
    /// How often customers hear from the shop.
    pub update: Option<String>,
    /// Who approves what the shop says outside.
    pub approve: Option<String>,
    /// Who may declare it.
    pub declare: Option<String>,
}

/// A runbook role.
#[derive(Debug)]
pub struct Role {
    /// The role id (`il`, `comms` …); its name comes from the interface strings.
    pub id: String,
    /// What the role does, inline HTML.
    pub duty_html: Option<String>,
}

/// A facilitator inject of a drill.
#[derive(Debug)]
pub struct Inject {
    /// When: a time target such as `T+15m`.
    pub at: String,
    /// What the facilitator says, inline HTML.
    pub say_html: String,
    /// What the team is expected to do, inline HTML.
    pub expect_html: Option<String>,
}

/// An `#anchor` link to another page, checked when every page's anchors are known.
#[derive(Debug)]
pub struct AnchorRef {
    /// The file the link is written in.
    pub file: std::path::PathBuf,
    /// Where in that file.
    pub pos: Pos,
    /// The page linked to.
    pub target: PageId,
    /// The id after `#`.
    pub anchor: String,
}

/// What the Markdown stage makes of one page.
#[derive(Debug, Default)]
pub struct PageBody {
    /// See [`Page::html`].
    pub html: String,
    /// See [`Page::checklists`].
    pub checklists: Vec<Checklist>,
    /// See [`Page::anchors`].
    pub anchors: Vec<String>,
    /// See [`Page::structured`].
    pub structured: Structured,
    /// See [`Page::anchor_refs`].
    pub anchor_refs: Vec<AnchorRef>,
}

impl Page {
    pub(crate) fn new(src: SourcePage, fallback_from: Option<LangId>, path: String) -> Page {
        Page {
            src,
            fallback_from,
            path,
            html: String::new(),
            checklists: Vec::new(),
            anchors: Vec::new(),
            structured: Structured::default(),
            anchor_refs: Vec::new(),
        }
    }

    /// Store what the Markdown stage made of the page.
    pub fn set_body(&mut self, body: PageBody) {
        self.html = body.html;
        self.checklists = body.checklists;
        let runbook = self.src.kind == crate::content::PageKind::Runbook;
        for c in &mut self.checklists {
            c.live = crate::checklist::is_live(runbook, c.phase);
        }
        self.anchors = body.anchors;
        self.structured = body.structured;
        self.anchor_refs = body.anchor_refs;
    }

    /// The page's language.
    pub fn lang(&self) -> LangId {
        self.src.lang
    }

    /// `../../` from this page's folder to the output root.
    pub fn root_prefix(&self) -> String {
        paths::root_prefix(&self.path)
    }

    /// URL path without `index.html`, for absolute URLs.
    pub fn pretty_path(&self) -> &str {
        paths::pretty(&self.path)
    }

    /// The page's title.
    pub fn title(&self) -> &str {
        &self.src.meta.title
    }

    /// The page's front matter (or YAML).
    pub fn meta(&self) -> &PageSrc {
        &self.src.meta
    }

    /// Checklist items on the page, all checklists together.
    pub fn item_count(&self) -> usize {
        self.checklists.iter().map(|c| c.items.len()).sum()
    }
}
