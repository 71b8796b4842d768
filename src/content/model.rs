//! The typed model of a page's front matter or YAML file. Parsed strictly: an unknown key is an
//! error with a suggestion.

use serde::{Deserialize, Serialize};

use super::date::{Date, DateSchema};
use crate::checklist::ChecklistSrc;

/// Front matter of a Markdown page, or the whole of a YAML page. Keys that only make sense in a
/// structured page are optional so that one strict model serves both; `validate` rejects them in
/// Markdown.
#[derive(Debug, Clone, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PageSrc {
    pub title: String,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub weight: i64,
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
    #[serde(default)]
    pub translation_key: Option<String>,
    #[serde(default)]
    pub related: Vec<String>,
    #[serde(default)]
    pub template: Option<String>,
    // Structured pages only.
    #[serde(default)]
    pub kind: Option<StructuredKind>,
    #[serde(default)]
    pub body: Option<String>,
    #[serde(default)]
    pub recurrence: Option<Recurrence>,
    #[serde(default)]
    pub severity: Option<IncidentSeverity>,
    #[serde(default)]
    pub version: Option<String>,
    #[serde(default)]
    pub scenario: Option<String>,
    #[serde(default)]
    pub roles: Option<Vec<RoleSrc>>,
    #[serde(default)]
    pub checklists: Option<Vec<ChecklistSrc>>,
    #[serde(default)]
    pub injects: Option<Vec<InjectSrc>>,
    #[serde(default)]
    pub evaluation: Option<Vec<String>>,
    #[serde(default)]
    pub debrief: Option<Vec<String>>,
}

#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum StructuredKind {
    #[default]
    Checklist,
    Routine,
    Runbook,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Recurrence {
    Daily,
    Weekly,
    Monthly,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(rename = "Severity")]
/// How bad an incident a runbook is for (not a diagnostic's severity).
pub enum IncidentSeverity {
    Low,
    Medium,
    High,
    Critical,
}

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RoleSrc {
    pub id: String,
    #[serde(default)]
    pub duty: Option<String>,
}

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InjectSrc {
    pub at: String,
    pub say: String,
    #[serde(default)]
    pub expect: Option<String>,
}
