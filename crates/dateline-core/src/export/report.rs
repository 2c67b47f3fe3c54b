//! Clearance paperwork: the "changes since vN" page and the clearance sheet,
//! as HTML (askama, escaped) or DOCX (docx-rs, packaged by `ooxml`).
//!
//! Both are a title, the release headline and a list of sections, each with
//! word-level changes or a table, so one small model serves both formats.

use askama::Template;
use docx_rs::{Docx, Paragraph, Run, Table, TableCell, TableRow};

use super::ooxml::{self, Metadata};
use super::ExportFormat;
use crate::clean;
use crate::clearance::ClearanceEntry;
use crate::diff::{DiffKind, DiffPart, ReleaseDiff};
use crate::error::{Error, Result};
use crate::labels::Script;
use crate::model::Release;
use crate::versions::VersionSummary;

struct Section {
    heading: String,
    parts: Vec<DiffPart>,
    columns: Vec<&'static str>,
    rows: Vec<Vec<String>>,
    note: String,
}

#[derive(Template)]
#[template(path = "report.html")]
struct Report {
    title: String,
    headline: String,
    sections: Vec<Section>,
}

/// "Changes from vA to vB": changed fields with their word-level changes.
pub fn changes(
    r: &Release,
    d: &ReleaseDiff,
    format: ExportFormat,
    author: &str,
) -> Result<Vec<u8>> {
    let mut sections: Vec<Section> = d
        .fields
        .iter()
        .filter(|f| f.changed)
        .map(|f| Section {
            heading: f.field.clone(),
            parts: f
                .parts
                .iter()
                .map(|p| DiffPart {
                    kind: p.kind,
                    text: clean::text(&p.text).into_owned(),
                })
                .collect(),
            columns: vec![],
            rows: vec![],
            note: String::new(),
        })
        .collect();
    let unchanged = d.fields.iter().filter(|f| !f.changed).count();
    sections.push(Section {
        heading: "Unchanged".into(),
        parts: vec![],
        columns: vec![],
        rows: vec![],
        note: format!("{unchanged} fields did not change."),
    });
    render(
        r,
        format!("Changes from v{} to v{}", d.from, d.to),
        sections,
        format,
        author,
    )
}

/// The clearance sheet: version history and the clearance log as tables.
pub fn clearance_sheet(
    r: &Release,
    versions: &[VersionSummary],
    log: &[ClearanceEntry],
    format: ExportFormat,
    author: &str,
) -> Result<Vec<u8>> {
    let sections = vec![
        Section {
            heading: "Versions".into(),
            parts: vec![],
            columns: vec!["Version", "Time (UTC)", "Status", "Reason"],
            rows: versions
                .iter()
                .map(|v| {
                    vec![
                        format!("v{}", v.version),
                        clean::line(&v.created_at),
                        v.status.label().into(),
                        clean::text(&v.reason).into_owned(),
                    ]
                })
                .collect(),
            note: if versions.is_empty() {
                "No versions yet.".into()
            } else {
                String::new()
            },
        },
        Section {
            heading: "Clearance log".into(),
            parts: vec![],
            columns: vec![
                "Time (UTC)",
                "Version",
                "Reviewer",
                "Role",
                "Decision",
                "Note",
            ],
            rows: log
                .iter()
                .map(|e| {
                    let version = if e.stale {
                        format!("v{} (stale: text changed since)", e.version)
                    } else {
                        format!("v{}", e.version)
                    };
                    vec![
                        clean::line(&e.created_at),
                        version,
                        clean::line(&e.reviewer),
                        clean::line(&e.role),
                        e.decision.label().into(),
                        clean::text(&e.note).into_owned(),
                    ]
                })
                .collect(),
            note: if log.is_empty() {
                "No clearance entries yet.".into()
            } else {
                String::new()
            },
        },
    ];
    render(
        r,
        format!(
            "Clearance sheet – {} (now {}, v{})",
            clean::line(&r.type_label),
            r.status.label(),
            r.version
        ),
        sections,
        format,
        author,
    )
}

fn render(
    r: &Release,
    title: String,
    sections: Vec<Section>,
    format: ExportFormat,
    author: &str,
) -> Result<Vec<u8>> {
    let headline = clean::line(&r.headline);
    match format {
        ExportFormat::Html => Report {
            title,
            headline,
            sections,
        }
        .render()
        .map(String::into_bytes)
        .map_err(|e| Error::Render(e.to_string())),
        ExportFormat::Docx => docx(r, &title, &headline, &sections, author),
        ExportFormat::Txt | ExportFormat::HtmlFragment => Err(Error::Invalid(
            "this report is available as docx or html".into(),
        )),
    }
}

fn docx(
    r: &Release,
    title: &str,
    headline: &str,
    sections: &[Section],
    author: &str,
) -> Result<Vec<u8>> {
    let mut d = Docx::new()
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text(title).bold().size(32)))
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text(headline).italic()));
    for s in sections {
        d = d.add_paragraph(
            Paragraph::new().add_run(Run::new().add_text(&s.heading).bold().size(26)),
        );
        if !s.parts.is_empty() {
            let mut p = Paragraph::new();
            for part in &s.parts {
                let run = Run::new().add_text(&part.text);
                p = p.add_run(match part.kind {
                    DiffKind::Equal => run,
                    DiffKind::Insert => run.underline("single").color("1A7F37"),
                    DiffKind::Delete => run.strike().color("B00020"),
                });
            }
            d = d.add_paragraph(p);
        }
        if !s.rows.is_empty() {
            let cell = |t: &str, bold: bool| {
                let run = Run::new().add_text(t);
                TableCell::new().add_paragraph(Paragraph::new().add_run(if bold {
                    run.bold()
                } else {
                    run
                }))
            };
            let mut rows = vec![TableRow::new(
                s.columns.iter().map(|c| cell(c, true)).collect(),
            )];
            rows.extend(
                s.rows
                    .iter()
                    .map(|row| TableRow::new(row.iter().map(|c| cell(c, false)).collect())),
            );
            d = d.add_table(Table::new(rows));
        }
        if !s.note.is_empty() {
            d = d.add_paragraph(
                Paragraph::new().add_run(Run::new().add_text(&s.note).color("666666")),
            );
        }
    }
    let meta = Metadata {
        title: title.to_string(),
        subject: headline.to_string(),
        keywords: "clearance".into(),
        description: String::new(),
        creator: clean::line(author),
        language: "en".into(),
        created: ooxml::timestamp("created_at", &r.created_at)?,
        modified: ooxml::timestamp("updated_at", &r.updated_at)?,
        release_id: r.id.clone(),
        version: r.version,
        status: r.status.as_str().into(),
    };
    // Paperwork for the file, not a copy for review: no Track Changes.
    ooxml::package(
        d.build(),
        &meta,
        Script::Latin,
        ooxml::Review::default(),
        &[],
    )
}
