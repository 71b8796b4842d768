//! The typed model of a page's front matter or YAML file. Parsed strictly: an unknown key is an
//! error with a suggestion.

use serde::{Deserialize, Serialize};

use super::date::{Date, DateSchema};
use super::forms::{FieldSrc, MessageSrc, PlaceholderSrc};
use crate::checklist::ChecklistSrc;

/// Front matter of a Markdown page, or the whole of a YAML page. Keys that only make sense in a
/// structured page are optional so that one strict model serves both; `validate` rejects them in
/// Markdown.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PageSrc {
    /// The page's title. A Markdown page without one takes its first line's `# Heading`.
    #[serde(default)]
    pub title: String,
    /// A sentence on what the page is for, shown where pages are listed (`description` is
    /// accepted too, as MkDocs and Hugo write it).
    #[serde(default, alias = "description")]
    pub summary: Option<String>,
    /// Order inside the section, smaller first (default 0, then by title).
    #[serde(default)]
    pub weight: i64,
    /// `true` builds the page only with `keel build --drafts` (default `false`).
    #[serde(default)]
    pub draft: bool,
    /// Last real change, YYYY-MM-DD.
    #[serde(default)]
    #[schemars(with = "Option<DateSchema>")]
    pub updated: Option<Date>,
    /// When a person last checked the page is still right, YYYY-MM-DD.
    #[serde(default)]
    #[schemars(with = "Option<DateSchema>")]
    pub reviewed: Option<Date>,
    /// Links translations whose paths differ: give the translations the same key.
    #[serde(default)]
    pub translation_key: Option<String>,
    /// Other pages, by content path without extension, e.g. `crises/payment-outage`.
    #[serde(default)]
    pub related: Vec<String>,
    /// A theme template to render the page with instead of the usual one, e.g. `page.html`.
    #[serde(default)]
    pub template: Option<String>,
    // Structured pages only.
    /// Structured pages: `checklist` (default), `routine` or `runbook`.
    #[serde(default)]
    pub kind: Option<StructuredKind>,
    /// Structured pages: Markdown shown before the checklists.
    #[serde(default)]
    pub body: Option<String>,
    /// Routines (required there): when the state starts fresh: `daily`, `weekly` or `monthly`.
    #[serde(default)]
    pub recurrence: Option<Recurrence>,
    /// How bad an incident the page is for: `low`, `medium`, `high` or `critical` (runbooks and
    /// crisis pages name their level; it links to the severity page).
    #[serde(default)]
    pub severity: Option<IncidentSeverity>,
    /// Runbooks: the runbook's version, quoted, e.g. `"1.2"`.
    #[serde(default)]
    pub version: Option<String>,
    /// Runbooks: the situation the runbook starts from, in Markdown.
    #[serde(default)]
    pub scenario: Option<String>,
    /// Runbooks: the roles in the incident team and what each one does.
    #[serde(default)]
    pub roles: Option<Vec<RoleSrc>>,
    /// Structured pages: the checklists, in order.
    #[serde(default)]
    pub checklists: Option<Vec<ChecklistSrc>>,
    /// Runbooks, facilitator packet: news the facilitator gives the team during a drill.
    #[serde(default)]
    pub injects: Option<Vec<InjectSrc>>,
    /// Runbooks, facilitator packet: what a drill that went well shows.
    #[serde(default)]
    pub evaluation: Option<Vec<String>>,
    /// Runbooks, facilitator packet: questions for the debrief after a drill.
    #[serde(default)]
    pub debrief: Option<Vec<String>>,
    /// Severity pages: the levels, most severe first.
    #[serde(default)]
    pub levels: Option<Vec<LevelSrc>>,
    /// Message pages: the blanks the templates leave, each with its label.
    #[serde(default)]
    pub placeholders: Option<Vec<PlaceholderSrc>>,
    /// Message pages: the templates, per channel.
    #[serde(default)]
    pub messages: Option<Vec<MessageSrc>>,
    /// Form pages: the fields and tables, in order.
    #[serde(default)]
    pub fields: Option<Vec<FieldSrc>>,
    /// A glossary's rules for its language: the preferred term of a concept and the variants
    /// pages should not use (`keel check` warns where they do).
    #[serde(default)]
    pub terms: Vec<TermSrc>,
    /// Words search treats as the same, in the page's language, a group to a line:
    /// `[hejt, krytyka]`. Glossary variants (`terms`) count as synonyms too.
    #[serde(default)]
    pub synonyms: Vec<Vec<String>>,
}

/// One concept's preferred term and the variants to avoid, in the page's language.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TermSrc {
    /// The term to use.
    pub prefer: String,
    /// Other names for the same concept that pages should not use, each form written out.
    pub avoid: Vec<String>,
}

/// One severity level: what makes an incident this bad, and what it sets in motion.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LevelSrc {
    /// The level: critical, high, medium or low (the same words runbooks use).
    pub id: IncidentSeverity,
    /// What makes an incident this severe, as inline Markdown.
    pub criteria: Vec<String>,
    /// Incidents of this level, as inline Markdown.
    #[serde(default)]
    pub examples: Vec<String>,
    /// The roles called in (role ids: il, tech, comms …).
    #[serde(default)]
    pub page: Vec<String>,
    /// How often the team meets.
    #[serde(default)]
    pub meet: Option<String>,
    /// How often customers hear from the shop.
    #[serde(default)]
    pub update: Option<String>,
    /// Who approves what the shop says outside.
    #[serde(default)]
    pub approve: Option<String>,
    /// Who may declare an incident of this level.
    #[serde(default)]
    pub declare: Option<String>,
}

/// What a structured page is.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum StructuredKind {
    /// Checklists to work through (the default).
    #[default]
    Checklist,
    /// Checklists done again every period, starting fresh each time; set `recurrence`.
    Routine,
    /// An incident runbook: severity, scenario, roles and a facilitator packet.
    Runbook,
    /// The severity levels as a matrix: criteria, who is called, how often the team meets.
    Severity,
    /// Message templates with placeholders, per channel, filled in and copied in the browser.
    Messages,
    /// A working form (decision log, contact sheet, after-action report), filled in on screen
    /// or on paper.
    Form,
}

/// When a routine's state starts fresh.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Recurrence {
    /// Every day.
    Daily,
    /// Every week.
    Weekly,
    /// Every month.
    Monthly,
    /// Every three months (January, April, July, October).
    Quarterly,
    /// Every year.
    Yearly,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(rename = "Severity")]
/// How bad an incident a runbook is for (not a diagnostic's severity).
pub enum IncidentSeverity {
    /// Low severity.
    Low,
    /// Medium severity.
    Medium,
    /// High severity.
    High,
    /// Critical: the most severe.
    Critical,
}

impl IncidentSeverity {
    /// The level as written in YAML, which is also its id on the severity page.
    pub fn as_str(self) -> &'static str {
        match self {
            IncidentSeverity::Low => "low",
            IncidentSeverity::Medium => "medium",
            IncidentSeverity::High => "high",
            IncidentSeverity::Critical => "critical",
        }
    }
}

/// A role in a runbook's incident team.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleSrc {
    /// Role id: `il`, `comms`, `tech`, `cs`, `log`, `fin`, `scribe` or `mkt`; names come from i18n.
    pub id: String,
    /// What the role does in this incident, in inline Markdown (optional).
    #[serde(default)]
    pub duty: Option<String>,
}

/// Something the facilitator tells the team at a set time in a drill.
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InjectSrc {
    /// When, as a time target such as `T+10m`.
    pub at: String,
    /// What the facilitator says.
    pub say: String,
    /// What the team is expected to do (optional).
    #[serde(default)]
    pub expect: Option<String>,
}
