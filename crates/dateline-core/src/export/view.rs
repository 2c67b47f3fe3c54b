//! The release as every exporter sees it: cleaned, laid out in house order,
//! with dates localized and unsafe links dropped.
//!
//! All user text passes through [`crate::clean`] here and only here, so the
//! DOCX, HTML and text exporters cannot disagree about what is safe. The
//! order is the one a press office expects: type label, reference, timing,
//! headline, subheadline, dateline + lead, body, contacts, About, notes to
//! editors, end mark.

use crate::clean;
use crate::dates;
use crate::error::Result;
use crate::labels::{self, Labels, Script};
use crate::model::{Block, Inline, Release, Timing};
use crate::validate;

/// A run of cleaned text; `link` is present only for safe targets.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    pub link: Option<String>,
}

/// A body element in reading order, with lists flattened into items that
/// know their depth and kind, which is what Word numbering and the HTML
/// template both want.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Paragraph(Vec<Run>),
    /// A list item; `path` holds, for each enclosing list from the outside
    /// in, whether it is ordered.
    ListItem {
        path: Vec<bool>,
        index: usize,
        runs: Vec<Run>,
    },
}

/// One contact, cleaned; `parts` are the non-blank fields in house order.
#[derive(Debug, Clone, PartialEq)]
pub struct ContactView {
    pub name: String,
    pub title: String,
    pub organization: String,
    pub email: String,
    pub phone: String,
}

impl ContactView {
    /// "Name, Title, Organization, email, phone" with blanks left out,
    /// joined by the language's comma.
    pub fn line(&self, comma: &str) -> String {
        [
            &self.name,
            &self.title,
            &self.organization,
            &self.email,
            &self.phone,
        ]
        .into_iter()
        .filter(|s| !s.is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join(comma)
    }
}

pub struct View {
    pub language: String,
    pub script: Script,
    pub labels: &'static Labels,
    pub type_label: String,
    pub reference: String,
    /// "EMBARGOED UNTIL 09:00 (Europe/Zurich), 4 June 2026" or "FOR IMMEDIATE RELEASE".
    pub timing_line: String,
    /// RFC 3339 instant of the embargo, if any.
    pub embargo_instant: Option<String>,
    pub headline: String,
    pub subheadline: String,
    pub city: String,
    /// Localized date, "17 May 2024".
    pub date_text: String,
    /// ISO date, "2024-05-17".
    pub date_iso: String,
    /// "Bishkek, 17 May 2024 – "
    pub dateline: String,
    pub items: Vec<Item>,
    pub contacts: Vec<ContactView>,
    pub about: Vec<String>,
    pub notes: Vec<String>,
    pub end_mark: Option<&'static str>,
    /// Plain text of the body, for descriptions and JSON-LD.
    pub body_text: String,
    /// Problems the user should know about (dropped links).
    pub warnings: Vec<String>,
    pub version: u32,
    pub id: String,
    pub status_label: &'static str,
}

impl View {
    /// "DRAFT – v3 – not for distribution" on draft exports, in the release's language.
    pub fn draft_mark(&self, mode: super::ExportMode) -> Option<String> {
        (mode == super::ExportMode::Draft).then(|| {
            format!(
                "{} – v{} – {}",
                self.labels.draft_mark, self.version, self.labels.not_for_distribution
            )
        })
    }

    pub fn is_rtl(&self) -> bool {
        self.script == Script::RightToLeft
    }

    /// True when the body opens with a paragraph, which is then the lead and
    /// carries the dateline; otherwise the dateline stands alone before it.
    pub fn has_lead(&self) -> bool {
        matches!(self.items.first(), Some(Item::Paragraph(_)))
    }
}

/// Builds the view of a release. Fails only on values no export can render
/// (an invalid date, language tag or time zone), naming the field.
pub fn build(r: &Release) -> Result<View> {
    validate::for_export(r)?;
    let language = clean::line(&r.language);
    let labels = labels::for_language(&language);
    let script = labels::script_of(&language);
    let ymd = dates::parse_iso_date(&r.dateline.date)?;
    let date_text = dates::long_date(ymd, &language)?;
    let city = clean::line(&r.dateline.city);
    let dateline = if city.is_empty() {
        format!("{date_text} – ")
    } else {
        format!("{city}{}{date_text} – ", labels.comma)
    };
    let (timing_line, embargo_instant) = match &r.timing {
        Timing::Immediate => (labels.immediate.to_string(), None),
        Timing::Embargoed { until, time_zone } => {
            let z = validate::embargo_instant(until, time_zone)?;
            let d = dates::long_date(
                dates::Ymd {
                    year: i32::from(z.year()),
                    month: z.month() as u8,
                    day: z.day() as u8,
                },
                &language,
            )?;
            (
                format!(
                    "{} {:02}:{:02} ({}), {}",
                    labels.embargoed_until,
                    z.hour(),
                    z.minute(),
                    clean::line(time_zone),
                    d
                ),
                Some(z.timestamp().to_string()),
            )
        }
    };
    let mut warnings = Vec::new();
    let mut items = Vec::new();
    flatten(&r.body, &mut Vec::new(), &mut items, &mut warnings);
    let body_text = items
        .iter()
        .map(|i| match i {
            Item::Paragraph(runs) | Item::ListItem { runs, .. } => runs_text(runs),
        })
        .filter(|s| !s.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    let contacts = r
        .contacts
        .iter()
        .map(|c| ContactView {
            name: clean::line(&c.name),
            title: clean::line(&c.title),
            organization: clean::line(&c.organization),
            email: clean::line(&c.email),
            phone: clean::line(&c.phone),
        })
        .filter(|c| !c.name.is_empty())
        .collect();
    let about = paragraphs(&r.about);
    let notes = r
        .notes_to_editors
        .iter()
        .map(|n| clean::text(n).trim().to_string())
        .filter(|n| !n.is_empty())
        .collect();
    Ok(View {
        language,
        script,
        labels,
        type_label: clean::line(&r.type_label),
        reference: clean::line(&r.reference),
        timing_line,
        embargo_instant,
        headline: clean::line(&r.headline),
        subheadline: clean::line(&r.subheadline),
        city,
        date_text,
        date_iso: r.dateline.date.trim().to_string(),
        dateline,
        items,
        contacts,
        about,
        notes,
        end_mark: r.end_mark.text(),
        body_text,
        warnings,
        version: r.version,
        id: r.id.clone(),
        status_label: r.status.label(),
    })
}

/// Splits free text into paragraphs at blank lines.
fn paragraphs(s: &str) -> Vec<String> {
    let cleaned = clean::text(s);
    cleaned
        .split("\n\n")
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

pub fn runs_text(runs: &[Run]) -> String {
    runs.iter().map(|r| r.text.as_str()).collect()
}

fn runs(content: &[Inline], warnings: &mut Vec<String>) -> Vec<Run> {
    content
        .iter()
        .filter_map(|i| {
            let text = clean::text(&i.text).into_owned();
            if text.is_empty() {
                return None;
            }
            let link = match &i.link {
                None => None,
                Some(target) => {
                    let safe = clean::safe_link(target);
                    if safe.is_none() {
                        let shown: String = clean::line(target).chars().take(60).collect();
                        warnings.push(format!(
                            "The link on \"{}\" was removed: \"{shown}\" is not an http, https, mailto or tel address.",
                            text.chars().take(40).collect::<String>()
                        ));
                    }
                    safe
                }
            };
            Some(Run { text, bold: i.bold, italic: i.italic, link })
        })
        .collect()
}

fn flatten(
    blocks: &[Block],
    path: &mut Vec<bool>,
    out: &mut Vec<Item>,
    warnings: &mut Vec<String>,
) {
    for b in blocks {
        match b {
            Block::Paragraph { content } => out.push(Item::Paragraph(runs(content, warnings))),
            Block::BulletList { items } | Block::OrderedList { items } => {
                path.push(matches!(b, Block::OrderedList { .. }));
                for (index, it) in items.iter().enumerate() {
                    out.push(Item::ListItem {
                        path: path.clone(),
                        index,
                        runs: runs(&it.content, warnings),
                    });
                    flatten(&it.children, path, out, warnings);
                }
                path.pop();
            }
        }
    }
}
