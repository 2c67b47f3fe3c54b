//! The release as every exporter sees it: cleaned, laid out in house order,
//! with dates localized and unsafe links dropped.
//!
//! All user text passes through [`crate::clean`] here and only here, so the
//! DOCX, HTML and text exporters cannot disagree about what is safe. The
//! order is: type label, reference, headline, subheadline, dateline + lead,
//! body, then contacts, About, notes to editors and end mark in the order of
//! the release's house style ([`crate::house_style`]), which also decides
//! the phrases, the dateline form, and whether and where the timing line
//! stands.

use crate::clean;
use crate::dates;
use crate::embargo;
use crate::error::{Error, Result};
use crate::house_style::{self, DateForm, HouseStyle, Section};
use crate::labels::{self, Labels, Script};
use crate::model::{Block, Inline, MediaType, Release, Timing};
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
    Subheading(Vec<Run>),
    /// A quotation; `speaker` is blank when none is named.
    Quote {
        runs: Vec<Run>,
        speaker: String,
    },
    Picture(Picture),
}

/// A picture, its bytes checked (`crate::image`), its texts cleaned.
#[derive(Debug, Clone, PartialEq)]
pub struct Picture {
    pub media_type: MediaType,
    pub bytes: Vec<u8>,
    pub width: u32,
    pub height: u32,
    pub alt: String,
    pub caption: String,
}

impl Picture {
    /// The picture as a `data:` URI, for a self-contained HTML page.
    pub fn data_uri(&self) -> String {
        use base64::Engine;
        format!(
            "data:{};base64,{}",
            self.media_type.as_str(),
            base64::engine::general_purpose::STANDARD.encode(&self.bytes)
        )
    }
}

/// One contact, cleaned.
#[derive(Debug, Clone, PartialEq)]
pub struct ContactView {
    pub name: String,
    pub title: String,
    pub organization: String,
    pub email: String,
    pub phone: String,
    pub url: String,
}

/// A group of contacts; `heading` is blank for none.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupView {
    pub heading: String,
    pub contacts: Vec<ContactView>,
}

/// An About section; `heading` is the release's or the style's "About".
#[derive(Debug, Clone, PartialEq)]
pub struct AboutView {
    pub heading: String,
    pub paragraphs: Vec<String>,
}

/// One note to editors: a paragraph (numbered where the style numbers
/// notes) and the lists that follow it.
#[derive(Debug, Clone, PartialEq)]
pub struct NoteView {
    /// 1-based; `None` where the style does not number notes.
    pub number: Option<usize>,
    pub items: Vec<Item>,
}

impl NoteView {
    /// The note's opening runs, and the items after them.
    pub fn lead(&self) -> (Option<&[Run]>, &[Item]) {
        match self.items.split_first() {
            Some((Item::Paragraph(runs), rest)) => (Some(runs.as_slice()), rest),
            _ => (None, &self.items),
        }
    }

    /// "1. " or nothing.
    pub fn marker(&self) -> String {
        self.number.map(|n| format!("{n}. ")).unwrap_or_default()
    }
}

impl ContactView {
    /// "Name, Title, Organization, email, phone, URL" with blanks left out,
    /// joined by the language's comma.
    pub fn line(&self, comma: &str) -> String {
        [
            &self.name,
            &self.title,
            &self.organization,
            &self.email,
            &self.phone,
            &self.url,
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
    /// The language's phrases as the house style has them.
    pub labels: Labels,
    pub style: HouseStyle,
    pub type_label: String,
    pub reference: String,
    /// "EMBARGOED UNTIL 09:00 (UTC+02:00, Europe/Zurich), 4 June 2026", or
    /// "FOR IMMEDIATE RELEASE" where the style prints one, or nothing.
    pub timing_line: Option<String>,
    /// The embargo instant with its offset, "2026-06-04T09:00:00+02:00", if any.
    pub embargo_instant: Option<String>,
    pub headline: String,
    pub subheadline: String,
    pub city: String,
    /// Localized date in the style's form, "17 May 2024", "Jan. 5, 2026".
    pub date_text: String,
    /// ISO date, "2024-05-17".
    pub date_iso: String,
    /// What comes before the date: "Bishkek, ", "ARLINGTON, Va., ", "Paris, le ".
    pub dateline_place: String,
    /// The same in pieces, for HTML, which isolates each name on its own
    /// (a Latin city in an Arabic release must not carry the comma or the
    /// day number across to its side): the city and region as printed,
    /// each followed by `dateline_comma`, then `date_prefix` ("le ").
    pub dateline_names: Vec<String>,
    pub dateline_comma: String,
    pub date_prefix: String,
    /// What follows the date: " – ", " /PRNewswire/ -- ", or "" for a
    /// dateline on its own line.
    pub dateline_tail: String,
    /// The whole dateline, "Bishkek, 17 May 2024 – ".
    pub dateline: String,
    pub items: Vec<Item>,
    pub contact_groups: Vec<GroupView>,
    pub about: Vec<AboutView>,
    pub notes: Vec<NoteView>,
    /// The blocks after the body, in the style's order.
    pub sections: [Section; 4],
    pub end_mark: Option<&'static str>,
    /// Plain text of the body, for descriptions and JSON-LD.
    pub body_text: String,
    /// Problems the user should know about (dropped links, phrases or type
    /// label not in the release's language).
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
    /// carries the dateline; otherwise (or when the style sets the dateline
    /// on its own line) the dateline stands alone before it.
    pub fn has_lead(&self) -> bool {
        self.style.dateline.inline && matches!(self.items.first(), Some(Item::Paragraph(_)))
    }

    /// The dateline standing alone, without the dash that would lead into text.
    pub fn dateline_alone(&self) -> String {
        let tail = self.dateline_tail.trim_end_matches([' ', '–', '-', '—']);
        format!("{}{}{tail}", self.dateline_place, self.date_text)
    }
}

/// Builds the view of a release. Fails only on values no export can render
/// (an invalid date, language tag or time zone), naming the field.
pub fn build(r: &Release) -> Result<View> {
    build_in(r, None)
}

/// [`build`] in the built-in house style named `style` instead of the
/// release's own.
pub fn build_in(r: &Release, style: Option<&str>) -> Result<View> {
    let name = style.unwrap_or(&r.house_style);
    let style = house_style::find(name).ok_or_else(|| {
        Error::Invalid(format!(
            "house_style: \"{}\" is not a house style Dateline knows ({})",
            clean::line(name),
            house_style::names()
        ))
    })?;
    build_with(r, style)
}

/// [`build`] in a given house style (an office's own, or `--style`).
pub fn build_with(r: &Release, style: &HouseStyle) -> Result<View> {
    validate::for_export(r)?;
    // Every style read from a file or the database was checked already;
    // checking here too keeps a style built in code from putting an
    // unchecked font name or colour into the Word XML or the page's CSS.
    style.check()?;
    let language = clean::line(&r.language);
    let labels = style.labels(&language);
    let script = labels::script_of(&language);
    let ymd = dates::parse_iso_date(&r.dateline.date)?;
    let date_text = match style.dateline.date_form {
        DateForm::Ap if labels::primary_subtag(&language) == "en" => {
            house_style::ap_date(ymd.month, ymd.day, ymd.year)
                .ok_or_else(|| Error::Invalid(format!("dateline.date: {}", r.dateline.date)))?
        }
        _ => dates::long_date(ymd, &language)?,
    };
    let city = clean::line(&r.dateline.city);
    let dateline_names: Vec<String> = [
        if style.dateline.city_upper {
            city.to_uppercase()
        } else {
            city.clone()
        },
        clean::line(&r.dateline.region),
    ]
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect();
    let date_prefix = style.date_prefix(&language).to_string();
    let dateline_comma = labels.comma.to_string();
    let dateline_place = dateline_names
        .iter()
        .map(|s| format!("{s}{}", labels.comma))
        .collect::<String>()
        + &date_prefix;
    let wire_tag = clean::line(&r.dateline.wire_tag);
    let wire_tag = wire_tag.trim_matches('/').trim();
    let dateline_tail = if wire_tag.is_empty() || !style.dateline.wire_tag {
        style.dateline.dash.clone()
    } else {
        format!(" /{wire_tag}/{}", style.dateline.dash)
    };
    let dateline = format!("{dateline_place}{date_text}{dateline_tail}");
    let (timing_line, embargo_instant) = match &r.timing {
        Timing::Immediate => (
            style.immediate_line.then(|| labels.immediate.to_string()),
            None,
        ),
        Timing::Embargoed {
            until,
            time_zone,
            offset,
        } => {
            let e = embargo::resolve(until, time_zone, offset.as_deref())?;
            let z = &e.zoned;
            let d = dates::long_date(
                dates::Ymd {
                    year: i32::from(z.year()),
                    month: z.month() as u8,
                    day: z.day() as u8,
                },
                &language,
            )?;
            (
                Some(format!(
                    "{} {} ({}), {d}",
                    labels.embargoed_until,
                    e.clock(),
                    zone_with_offset(&clean::line(time_zone), &e.offset),
                )),
                Some(e.iso()),
            )
        }
    };
    let end_mark = style.end_mark(r.end_mark);
    let mut warnings: Vec<String> = labels::missing_phrases_warning(&language)
        .into_iter()
        .chain(labels::type_label_warning(&r.type_label, &language))
        .chain((end_mark != r.end_mark).then(|| {
            format!(
                "The end mark \"{}\" is not used in the {} style; this export ends with \"{}\".",
                r.end_mark.text().unwrap_or("none"),
                style.name,
                end_mark.text().unwrap_or("no end mark")
            )
        }))
        .collect();
    let mut items = Vec::new();
    flatten(&r.body, &mut Vec::new(), &mut items, &mut warnings)?;
    let body_text = items
        .iter()
        .map(|i| match i {
            Item::Paragraph(runs) | Item::ListItem { runs, .. } | Item::Subheading(runs) => {
                runs_text(runs)
            }
            Item::Quote { runs, speaker } => format!("{} {speaker}", runs_text(runs)),
            Item::Picture(p) => p.caption.clone(),
        })
        .filter(|s| !s.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    let contact_groups = r
        .contact_groups
        .iter()
        .map(|g| GroupView {
            heading: clean::line(&g.heading),
            contacts: g
                .contacts
                .iter()
                .map(|c| ContactView {
                    name: clean::line(&c.name),
                    title: clean::line(&c.title),
                    organization: clean::line(&c.organization),
                    email: clean::line(&c.email),
                    phone: clean::line(&c.phone),
                    url: clean::line(&c.url),
                })
                .filter(|c| {
                    !(c.name.is_empty()
                        && c.email.is_empty()
                        && c.phone.is_empty()
                        && c.url.is_empty())
                })
                .collect(),
        })
        .filter(|g| !g.contacts.is_empty())
        .collect();
    let about = r
        .about
        .iter()
        .map(|a| {
            let heading = clean::line(&a.heading);
            AboutView {
                heading: if heading.is_empty() {
                    labels.about.to_string()
                } else {
                    heading
                },
                paragraphs: paragraphs(&a.text),
            }
        })
        .filter(|a| !a.paragraphs.is_empty())
        .collect();
    let notes = notes(&r.notes_to_editors, style.notes_numbered, &mut warnings)?;
    Ok(View {
        language,
        script,
        labels,
        style: style.clone(),
        type_label: clean::line(&r.type_label),
        reference: clean::line(&r.reference),
        timing_line,
        embargo_instant,
        headline: clean::line(&r.headline),
        subheadline: clean::line(&r.subheadline),
        city,
        date_text,
        date_iso: r.dateline.date.trim().to_string(),
        dateline_place,
        dateline_names,
        dateline_comma,
        date_prefix,
        dateline_tail,
        dateline,
        items,
        contact_groups,
        about,
        notes,
        sections: style.order,
        end_mark: end_mark.text(),
        body_text,
        warnings,
        version: r.version,
        id: r.id.clone(),
        status_label: r.status.label(),
    })
}

/// "UTC+02:00, Europe/Zurich": the offset makes the time unambiguous (the
/// zone alone does not, the night the clocks go back), the zone says whose
/// clock it is. A zone that is UTC itself is just "UTC".
fn zone_with_offset(zone: &str, offset: &str) -> String {
    let is_utc = [
        "UTC",
        "Etc/UTC",
        "Etc/UCT",
        "UCT",
        "Zulu",
        "Etc/Zulu",
        "Universal",
    ]
    .iter()
    .any(|u| u.eq_ignore_ascii_case(zone));
    if is_utc && offset == "+00:00" {
        "UTC".to_string()
    } else {
        format!("UTC{offset}, {zone}")
    }
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

/// Splits the notes into notes: each top-level paragraph opens one, and
/// the lists after it belong to it. Blank paragraphs are left out.
fn notes(blocks: &[Block], numbered: bool, warnings: &mut Vec<String>) -> Result<Vec<NoteView>> {
    let mut items = Vec::new();
    flatten(blocks, &mut Vec::new(), &mut items, warnings)?;
    let mut out: Vec<NoteView> = Vec::new();
    for item in items {
        match item {
            Item::Paragraph(runs) if runs_text(&runs).trim().is_empty() => {}
            Item::Paragraph(_) => out.push(NoteView {
                number: None,
                items: vec![item],
            }),
            _ => match out.last_mut() {
                Some(note) => note.items.push(item),
                None => out.push(NoteView {
                    number: None,
                    items: vec![item],
                }),
            },
        }
    }
    if numbered {
        for (i, n) in out.iter_mut().enumerate() {
            n.number = Some(i + 1);
        }
    }
    Ok(out)
}

fn flatten(
    blocks: &[Block],
    path: &mut Vec<bool>,
    out: &mut Vec<Item>,
    warnings: &mut Vec<String>,
) -> Result<()> {
    for (i, b) in blocks.iter().enumerate() {
        match b {
            Block::Paragraph { content } => out.push(Item::Paragraph(runs(content, warnings))),
            Block::Subheading { content } => {
                let runs = runs(content, warnings);
                if !runs_text(&runs).trim().is_empty() {
                    out.push(Item::Subheading(runs));
                }
            }
            Block::Quote { content, speaker } => out.push(Item::Quote {
                runs: runs(content, warnings),
                speaker: clean::line(speaker),
            }),
            Block::Image(img) => {
                // Checked on entry already; checked again because the
                // bytes are what goes out.
                let bytes = crate::image::bytes(img).map_err(|source| Error::Image {
                    place: format!("the picture in block {}", i + 1),
                    source,
                })?;
                out.push(Item::Picture(Picture {
                    media_type: img.media_type,
                    bytes,
                    width: img.width,
                    height: img.height,
                    alt: clean::line(&img.alt),
                    caption: clean::line(&img.caption),
                }));
            }
            Block::BulletList { items } | Block::OrderedList { items } => {
                path.push(matches!(b, Block::OrderedList { .. }));
                for (index, it) in items.iter().enumerate() {
                    out.push(Item::ListItem {
                        path: path.clone(),
                        index,
                        runs: runs(&it.content, warnings),
                    });
                    flatten(&it.children, path, out, warnings)?;
                }
                path.pop();
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;
    use crate::export::{self, ExportFormat, Options};
    use crate::sample;

    fn embargoed(until: &str, offset: Option<&str>) -> Release {
        let mut r = sample::release();
        r.timing = Timing::Embargoed {
            until: until.into(),
            time_zone: "Europe/Zurich".into(),
            offset: offset.map(String::from),
        };
        r
    }

    fn all_formats(r: &Release) -> (String, String, String) {
        let render = |f| export::render(r, f, &Options::default()).unwrap();
        let docx = render(ExportFormat::Docx);
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
        let mut doc = String::new();
        z.by_name("word/document.xml")
            .unwrap()
            .read_to_string(&mut doc)
            .unwrap();
        let html = String::from_utf8(render(ExportFormat::Html)).unwrap();
        let text = String::from_utf8(render(ExportFormat::Txt)).unwrap();
        (doc, html, text)
    }

    #[test]
    fn every_output_says_which_of_two_identical_times_is_meant() {
        for (offset, utc) in [("+02:00", "00:30:00Z"), ("+01:00", "01:30:00Z")] {
            let r = embargoed("2026-10-25T02:30", Some(offset));
            let line =
                format!("EMBARGOED UNTIL 02:30 (UTC{offset}, Europe/Zurich), 25 October 2026");
            let (doc, html, text) = all_formats(&r);
            assert!(doc.contains(&line), "docx: {offset}");
            assert!(text.contains(&format!("\n\n{line}\n\n")), "text: {text}");
            let time = format!("<time datetime=\"2026-10-25T02:30:00{offset}\">{line}</time>");
            assert!(html.contains(&time), "html: {offset}");
            let instant: jiff::Timestamp = format!("2026-10-25T02:30:00{offset}").parse().unwrap();
            assert_eq!(instant.to_string(), format!("2026-10-25T{utc}"));
        }
        // Without a choice, or in the spring gap, nothing is exported.
        for r in [
            embargoed("2026-10-25T02:30", None),
            embargoed("2026-03-29T02:30", None),
        ] {
            for f in [ExportFormat::Docx, ExportFormat::Html, ExportFormat::Txt] {
                assert!(export::render(&r, f, &Options::default()).is_err());
            }
        }
    }

    #[test]
    fn an_ordinary_embargo_carries_its_offset_too() {
        let (doc, html, text) = all_formats(&embargoed("2026-06-04T09:00", None));
        let line = "EMBARGOED UNTIL 09:00 (UTC+02:00, Europe/Zurich), 4 June 2026";
        assert!(doc.contains(line) && text.contains(&format!("\n\n{line}\n\n")));
        assert!(html.contains("<time datetime=\"2026-06-04T09:00:00+02:00\">"));
        assert!(html.contains("\"datePublished\":\"2026-06-04T09:00:00+02:00\""));
        let mut r = embargoed("2026-06-04T09:00", None);
        r.timing = Timing::Embargoed {
            until: "2026-06-04T09:00".into(),
            time_zone: "UTC".into(),
            offset: None,
        };
        assert!(build(&r)
            .unwrap()
            .timing_line
            .unwrap()
            .starts_with("EMBARGOED UNTIL 09:00 (UTC), 4 June 2026"));
    }

    #[test]
    fn a_german_release_speaks_german() {
        let mut r = embargoed("2026-06-04T09:00", None);
        r.language = "de".into();
        r.type_label = "PRESSEMITTEILUNG".into();
        let v = build(&r).unwrap();
        assert!(v.warnings.is_empty(), "{:?}", v.warnings);
        let (doc, html, text) = all_formats(&r);
        let line = "SPERRFRIST BIS 09:00 (UTC+02:00, Europe/Zurich), 4. Juni 2026";
        for (name, out) in [("docx", &doc), ("html", &html), ("text", &text)] {
            assert!(out.contains(line), "{name}: timing");
            assert!(
                out.contains("Für weitere Informationen wenden Sie sich bitte an:"),
                "{name}: contact heading"
            );
            assert!(out.contains("Über uns"), "{name}: About");
            assert!(
                !out.contains("EMBARGOED") && !out.contains("please contact"),
                "{name}"
            );
        }
        assert!(text.contains("Port Aurel, 12. März 2026 – "), "{text}");
        r.timing = Timing::Immediate;
        // The UN style prints no line for an immediate release, AP does.
        let (doc, html, text) = all_formats(&r);
        for out in [&doc, &html, &text] {
            assert!(!out.contains("ZUR SOFORTIGEN VERÖFFENTLICHUNG"));
        }
        r.house_style = "ap".into();
        let (doc, html, text) = all_formats(&r);
        for out in [&doc, &html, &text] {
            assert!(out.contains("ZUR SOFORTIGEN VERÖFFENTLICHUNG"));
        }
    }

    #[test]
    fn english_phrases_and_type_labels_in_another_language_are_warned_about() {
        let mut r = sample::release();
        r.language = "de".into();
        let w = build(&r).unwrap().warnings;
        assert!(
            w.iter()
                .any(|w| w.contains("\"PRESS RELEASE\"") && w.contains("PRESSEMITTEILUNG")),
            "{w:?}"
        );
        r.language = "th".into();
        let w = build(&r).unwrap().warnings;
        assert!(
            w.iter()
                .any(|w| w.contains("no house phrases for the language \"th\"")),
            "{w:?}"
        );
    }
}
