//! Routines in a calendar: one iCalendar file (RFC 5545) per routine page, a repeating all-day
//! event with the routine's title and a link back, so a team can put "weekly routine" in the
//! calendar it already reads. Written by hand: one event with an RRULE is a few lines, and the
//! rules that matter (CRLF, escaping, folding at 75 octets) are tested here.

use crate::content::{PageKind, Recurrence};
use crate::output::OutFile;
use crate::site::{Page, Site};

use crate::paths::CALENDAR_FILE;

/// Whether `page` has a calendar file.
pub fn has_calendar(page: &Page) -> bool {
    page.src.kind == PageKind::Routine && page.meta().recurrence.is_some()
}

/// The calendar file's output path for `page` (`en/routines/weekly/routine.ics`).
pub fn path(page: &Page) -> String {
    format!("{}{CALENDAR_FILE}", crate::paths::pretty(&page.path))
}

/// The calendar files of the pages that have one.
pub fn files(site: &Site, pages: impl Iterator<Item = usize>) -> Vec<OutFile> {
    pages
        .filter(|&i| has_calendar(&site.pages[i]))
        .map(|i| {
            let page = &site.pages[i];
            OutFile {
                path: path(page),
                bytes: ics(site, page).into_bytes(),
            }
        })
        .collect()
}

fn ics(site: &Site, page: &Page) -> String {
    let meta = page.meta();
    let rule = match meta.recurrence {
        Some(Recurrence::Daily) => "FREQ=DAILY",
        Some(Recurrence::Weekly) => "FREQ=WEEKLY",
        Some(Recurrence::Monthly) => "FREQ=MONTHLY",
        Some(Recurrence::Quarterly) => "FREQ=MONTHLY;INTERVAL=3",
        Some(Recurrence::Yearly) => "FREQ=YEARLY",
        None => "",
    };
    // The same bytes on every build: the dates come from the page, not the clock.
    let day = meta.reviewed.or(meta.updated).map_or_else(
        || "20260101".to_string(),
        |d| format!("{:04}{:02}{:02}", d.year, d.month, d.day),
    );
    let url = format!(
        "{}{}",
        site.config.base_url(),
        crate::paths::pretty(&page.path)
    );
    let host = url::Url::parse(&url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_else(|| "keel".into());
    // The language the text is in: a fallback copy's is its source's.
    let lang = &site.locales.languages[page.fallback_from.unwrap_or(page.lang())].code;
    let mut description = meta.summary.clone().unwrap_or_default();
    if !description.is_empty() {
        description.push_str("\n\n");
    }
    description.push_str(&url);
    let lines = [
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".into(),
        "PRODID:-//Keel//Routine calendar//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        "BEGIN:VEVENT".into(),
        format!(
            "UID:{}-{}@{host}",
            page.src.key().replace('/', "-"),
            site.locales.languages[page.lang()].code
        ),
        format!("DTSTAMP:{day}T000000Z"),
        format!("DTSTART;VALUE=DATE:{day}"),
        format!("RRULE:{rule}"),
        format!("SUMMARY;LANGUAGE={lang}:{}", text(page.title())),
        format!("DESCRIPTION;LANGUAGE={lang}:{}", text(&description)),
        format!("URL:{url}"),
        "TRANSP:TRANSPARENT".into(),
        "END:VEVENT".into(),
        "END:VCALENDAR".into(),
    ];
    lines.iter().map(|l| fold(l)).collect()
}

/// A TEXT value: backslash, `;`, `,` and newlines escaped (RFC 5545, 3.3.11).
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// One content line, folded so no line is longer than 75 octets (never inside a character),
/// each ending in CRLF (RFC 5545, 3.1).
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_at_75_octets_without_cutting_a_character() {
        let line = format!("SUMMARY:{}", "שגרה שבועית ".repeat(10));
        let folded = fold(&line);
        for l in folded.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{} octets: {l}", l.len());
        }
        let unfolded = folded.replace("\r\n ", "");
        assert_eq!(unfolded, format!("{line}\r\n"));
    }

    #[test]
    fn text_values_are_escaped() {
        assert_eq!(text("a, b; c\\d\ne"), "a\\, b\\; c\\\\d\\ne");
    }
}
