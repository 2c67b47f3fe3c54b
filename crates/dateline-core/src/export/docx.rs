//! Word export for clearance: named styles for every field, real numbering
//! and hyperlinks, a header with the organization and the DRAFT mark, a
//! "Page X of Y" footer, and metadata that ties the file to its release.
//!
//! docx-rs builds the document parts; [`super::ooxml`] then closes the gaps
//! docx-rs 0.4.22 leaves (schema order, theme, Track Changes, core and custom
//! properties, run-level language and direction, compression) and writes the
//! package. Hyperlink ids are given here, before docx-rs writes.

use docx_rs::{
    AbstractNumbering, AlignmentType, BreakType, Docx, Footer, Header, Hyperlink, HyperlinkData,
    HyperlinkType, IndentLevel, Level, LevelJc, LevelOverride, LevelText, LineSpacing, NumPages,
    NumberFormat, Numbering, NumberingId, PageMargin, PageNum, Paragraph, Pic, Run, RunFonts,
    Start, Style, StyleType,
};

use super::ooxml::{self, Metadata, Review};
use super::view::{self, Item, View};
use super::{ExportMode, Options, Paper};
use crate::error::Result;
use crate::house_style::Section;
use crate::labels::Script;
use crate::model::Release;

/// Paragraph styles, as (style id, name shown in Word's Styles pane).
pub const PARAGRAPH_STYLES: [(&str, &str); 21] = [
    ("ReleaseType", "Release Type"),
    ("Reference", "Reference"),
    ("Embargo", "Embargo"),
    ("Headline", "Headline"),
    ("Subheadline", "Subheadline"),
    ("BodyText", "Body Text"),
    ("ListBullet", "List Bullet"),
    ("ListNumber", "List Number"),
    ("Contact", "Contact"),
    ("About", "About"),
    ("NotesToEditors", "Notes to Editors"),
    ("EndMark", "End Mark"),
    ("BodySubheading", "Body Subheading"),
    ("Quote", "Quote"),
    ("QuoteSpeaker", "Quote Speaker"),
    ("Figure", "Figure"),
    ("Caption", "Caption"),
    ("ContactGroup", "Contact Group"),
    ("AboutHeading", "About Heading"),
    ("NotesBullet", "Notes Bullet"),
    ("NotesNumber", "Notes Number"),
];
/// The character style of the dateline inside the lead paragraph.
pub const DATELINE_STYLE: (&str, &str) = ("Dateline", "Dateline");

// docx-rs already defines abstract numbering 1 and num 1 (decimal); ours
// start above them.
const BULLET_ABSTRACT: usize = 10;
const NUMBER_ABSTRACT: usize = 11;
const BULLET_NUM: usize = 10;

/// The body size the other sizes were drawn at, in half-points: each
/// paragraph style keeps its proportion to the house style's body size.
const BODY_SIZE: usize = 22;

/// Twentieths of a point in a millimetre.
const TWIPS_PER_MM: f32 = 1440.0 / 25.4;

pub fn render(v: &View, r: &Release, opts: &Options) -> Result<Vec<u8>> {
    let t = &v.style.typography;
    let fonts = fonts_for(v, &t.body_font);
    let body = half_points(t.body_size_pt);
    let mut docx = Docx::new().default_fonts(fonts).default_size(body);
    docx = add_styles(docx, v);
    docx = add_numbering_definitions(docx);
    let (w, h) = match opts.paper.unwrap_or(t.paper) {
        Paper::A4 => (11906, 16838),
        Paper::Letter => (12240, 15840),
    };
    let twips = |mm: f32| (mm * TWIPS_PER_MM).round() as i32;
    let m = t.margins_mm;
    docx = docx.page_size(w, h).page_margin(
        PageMargin::new()
            .top(twips(m.top))
            .bottom(twips(m.bottom))
            .left(twips(m.left))
            .right(twips(m.right))
            // The header and footer sit halfway into the top and bottom margins.
            .header(twips(m.top / 2.0))
            .footer(twips(m.bottom / 2.0)),
    );
    docx = docx.header(header(v, opts)).footer(footer(v));

    let rtl = v.is_rtl();
    let para = |style: &str| {
        let mut p = Paragraph::new().style(style);
        if rtl {
            p.property = p.property.clone().bidi(true);
        }
        p
    };
    let text_para = |style: &str, text: &str| para(style).add_run(text_run(text));

    let timing = v
        .timing_line
        .as_deref()
        .map(|line| text_para("Embargo", line));
    if v.style.timing_on_top {
        docx = timing.clone().into_iter().fold(docx, Docx::add_paragraph);
    }
    if !v.type_label.is_empty() {
        docx = docx.add_paragraph(text_para("ReleaseType", &v.type_label));
    }
    if !v.reference.is_empty() {
        docx = docx.add_paragraph(text_para("Reference", &v.reference));
    }
    if !v.style.timing_on_top {
        docx = timing.into_iter().fold(docx, Docx::add_paragraph);
    }
    docx = docx.add_paragraph(text_para("Headline", &v.headline));
    if !v.subheadline.is_empty() {
        docx = docx.add_paragraph(text_para("Subheadline", &v.subheadline));
    }

    let dateline_run = || Run::new().style(DATELINE_STYLE.0).add_text(&v.dateline);
    if !v.has_lead() {
        docx = docx.add_paragraph(para("BodyText").add_run(dateline_run()));
    }
    let mut w = BodyWriter {
        rtl,
        links: 0,
        next_num: BULLET_NUM + 1,
        ordered_nums: Vec::new(),
        pictures: 0,
    };
    for (i, item) in v.items.iter().enumerate() {
        let dateline = (i == 0 && v.has_lead()).then(dateline_run);
        docx = w.item(docx, item, dateline, "BodyText", None);
    }
    for section in v.sections {
        match section {
            Section::Contacts if !v.contact_groups.is_empty() => {
                docx = docx.add_paragraph(
                    para("Contact").add_run(text_run(v.labels.contact_heading).bold()),
                );
                for g in &v.contact_groups {
                    if !g.heading.is_empty() {
                        docx =
                            docx.add_paragraph(para("ContactGroup").add_run(text_run(&g.heading)));
                    }
                    for c in &g.contacts {
                        docx = docx.add_paragraph(text_para("Contact", &c.line(v.labels.comma)));
                    }
                }
            }
            Section::About => {
                for a in &v.about {
                    docx = docx.add_paragraph(para("AboutHeading").add_run(text_run(&a.heading)));
                    for p in &a.paragraphs {
                        docx = docx.add_paragraph(text_para("About", p));
                    }
                }
            }
            Section::Notes if !v.notes.is_empty() => {
                docx = docx.add_paragraph(
                    para("NotesToEditors").add_run(text_run(v.labels.notes_to_editors).bold()),
                );
                for note in &v.notes {
                    let marker = note.marker();
                    for (i, item) in note.items.iter().enumerate() {
                        let number = (i == 0).then_some(marker.as_str());
                        docx = w.item(docx, item, None, "NotesToEditors", number);
                    }
                }
            }
            Section::EndMark => {
                if let Some(mark) = v.end_mark {
                    docx = docx.add_paragraph(text_para("EndMark", mark));
                }
            }
            _ => {}
        }
    }

    let meta = Metadata {
        title: v.headline.clone(),
        subject: v.type_label.clone(),
        keywords: [v.type_label.as_str(), v.reference.as_str(), v.city.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", "),
        description: v.subheadline.clone(),
        creator: crate::clean::line(&opts.author),
        language: v.language.clone(),
        created: ooxml::timestamp("created_at", &r.created_at)?,
        modified: ooxml::timestamp("updated_at", &r.updated_at)?,
        release_id: r.id.clone(),
        version: r.version,
        status: r.status.as_str().to_string(),
    };
    // Only a clearance copy goes to reviewers; a final copy opens plain.
    let review = match opts.mode {
        ExportMode::Draft => Review {
            track_changes: opts.track_changes,
            // Locking only makes sense with tracking on, as the dialog shows.
            protect: opts.track_changes && opts.protect_for_tracked_changes,
        },
        ExportMode::Final => Review::default(),
    };
    // Alt texts of the pictures in document order: the logo in the header
    // is in another part, so the document's pictures are the body's.
    let alts: Vec<String> = v
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Picture(p) => Some(p.alt.clone()),
            _ => None,
        })
        .collect();
    ooxml::package(docx.build(), &meta, v.script, review, &alts)
}

/// Writes body items (and the items of notes to editors) with their
/// numbering, hyperlink ids and picture ids counted across the document.
struct BodyWriter {
    rtl: bool,
    links: usize,
    next_num: usize,
    /// The `w:num` of each open ordered list, outermost first.
    ordered_nums: Vec<usize>,
    pictures: usize,
}

/// Widest picture, in EMU (16 cm, inside the narrowest text width).
const MAX_PICTURE_WIDTH_EMU: u64 = 5_760_000;
/// EMU per pixel at 96 dpi.
const EMU_PER_PX: u64 = 9_525;

impl BodyWriter {
    fn para(&self, style: &str) -> Paragraph {
        let mut p = Paragraph::new().style(style);
        if self.rtl {
            p.property = p.property.clone().bidi(true);
        }
        p
    }

    /// `paragraph_style` is the style of plain paragraphs ("BodyText", or
    /// "NotesToEditors" in the notes, whose lists have their own styles);
    /// `prefix` is a note's number.
    fn item(
        &mut self,
        docx: Docx,
        item: &Item,
        dateline: Option<Run>,
        paragraph_style: &str,
        prefix: Option<&str>,
    ) -> Docx {
        let in_notes = paragraph_style != "BodyText";
        match item {
            Item::Paragraph(runs) => {
                let mut p = self.para(paragraph_style);
                if let Some(d) = dateline {
                    p = p.add_run(d);
                }
                if let Some(n) = prefix.filter(|n| !n.is_empty()) {
                    p = p.add_run(text_run(n));
                }
                docx.add_paragraph(add_runs(p, runs, &mut self.links))
            }
            Item::Subheading(runs) => {
                docx.add_paragraph(add_runs(self.para("BodySubheading"), runs, &mut self.links))
            }
            Item::Quote { runs, speaker } => {
                let docx = docx.add_paragraph(add_runs(self.para("Quote"), runs, &mut self.links));
                if speaker.is_empty() {
                    docx
                } else {
                    docx.add_paragraph(
                        self.para("QuoteSpeaker")
                            .add_run(text_run(&format!("— {speaker}"))),
                    )
                }
            }
            Item::Picture(p) => {
                self.pictures += 1;
                let w = u64::from(p.width) * EMU_PER_PX;
                let h = u64::from(p.height) * EMU_PER_PX;
                let (w, h) = if w > MAX_PICTURE_WIDTH_EMU {
                    (MAX_PICTURE_WIDTH_EMU, h * MAX_PICTURE_WIDTH_EMU / w)
                } else {
                    (w, h)
                };
                // Our own relationship id, so that two exports of the same
                // release give the same bytes; `ooxml` adds the alt text
                // and names JPEG media by their kind.
                let pic = Pic::new_with_dimensions(p.bytes.clone(), p.width, p.height)
                    .id(format!("rIdPicture{}", self.pictures))
                    .size(w as u32, h.max(1) as u32);
                let docx =
                    docx.add_paragraph(self.para("Figure").add_run(Run::new().add_image(pic)));
                if p.caption.is_empty() {
                    docx
                } else {
                    docx.add_paragraph(self.para("Caption").add_run(text_run(&p.caption)))
                }
            }
            Item::ListItem { path, index, runs } => {
                let depth = path.len();
                let level = depth.saturating_sub(1).min(8);
                let ordered = path.last().copied().unwrap_or(false);
                let mut docx = docx;
                let num = if ordered {
                    self.ordered_nums.truncate(depth);
                    if *index == 0 || self.ordered_nums.len() < depth {
                        // A new ordered list restarts at 1: its own w:num.
                        let id = self.next_num;
                        self.next_num += 1;
                        docx = docx.add_numbering(
                            Numbering::new(id, NUMBER_ABSTRACT)
                                .add_override(LevelOverride::new(level).start(1)),
                        );
                        self.ordered_nums.resize(depth, 0);
                        self.ordered_nums[depth - 1] = id;
                    }
                    self.ordered_nums[depth - 1]
                } else {
                    BULLET_NUM
                };
                let style = match (in_notes, ordered) {
                    (true, true) => "NotesNumber",
                    (true, false) => "NotesBullet",
                    (false, true) => "ListNumber",
                    (false, false) => "ListBullet",
                };
                let p = self
                    .para(style)
                    .numbering(NumberingId::new(num), IndentLevel::new(level));
                docx.add_paragraph(add_runs(p, runs, &mut self.links))
            }
        }
    }
}

/// The house style's fonts for Latin (`latin`), complex-script and East
/// Asian text in the release's language.
fn fonts_for(v: &View, latin: &str) -> RunFonts {
    let t = &v.style.typography;
    let base = RunFonts::new()
        .ascii(latin)
        .hi_ansi(latin)
        .cs(&t.complex_font);
    match v.script {
        Script::EastAsian => base.east_asia(v.style.east_asian_font(&v.language)),
        Script::RightToLeft | Script::Latin => base.east_asia(latin),
    }
}

/// Points to Word's half-points.
fn half_points(pt: f32) -> usize {
    (pt * 2.0).round().max(1.0) as usize
}

/// A run whose "\n" become line breaks.
fn text_run(text: &str) -> Run {
    let mut run = Run::new();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        if !line.is_empty() {
            run = run.add_text(line);
        }
    }
    run
}

/// `links` counts the hyperlinks written so far: each gets the relationship
/// id `rIdLinkN` here, in document order, instead of docx-rs's process-wide
/// counter (which would give a second export of the same release other
/// bytes). Nothing rewrites ids afterwards, so text that looks like an id
/// stays as typed.
fn add_runs(mut p: Paragraph, runs: &[view::Run], links: &mut usize) -> Paragraph {
    for r in runs {
        let mut run = text_run(&r.text);
        if r.bold {
            run = run.bold();
        }
        if r.italic {
            run = run.italic();
        }
        p = match &r.link {
            Some(url) => {
                let mut link = Hyperlink::new(url.clone(), HyperlinkType::External);
                if let HyperlinkData::External { rid, .. } = &mut link.link {
                    *links += 1;
                    *rid = format!("rIdLink{links}");
                }
                p.add_hyperlink(link.add_run(run.style("Hyperlink")))
            }
            None => p.add_run(run),
        };
    }
    p
}

fn spacing(before: u32, after: u32) -> LineSpacing {
    LineSpacing::new().before(before).after(after)
}

fn add_styles(docx: Docx, v: &View) -> Docx {
    let t = &v.style.typography;
    let body = half_points(t.body_size_pt);
    // A size drawn against the 11 pt body, scaled to the style's body.
    let size = |half: usize| (half * body + BODY_SIZE / 2) / BODY_SIZE;
    let heading_fonts = fonts_for(v, &t.heading_font);
    let (accent, text, embargo) = (&t.accent_color, &t.text_color, &t.embargo_color);
    let p = |id: &str, name: &str| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .q_format(true)
    };
    let mut title = p("Title", "Title")
        .size(half_points(t.headline_size_pt) * 3 / 2)
        .fonts(heading_fonts.clone());
    title.paragraph_property = title.paragraph_property.clone().keep_next(true);
    let mut headline = p("Headline", "Headline")
        .based_on("Title")
        .next("Subheadline")
        .size(half_points(t.headline_size_pt))
        .fonts(heading_fonts.clone())
        .bold()
        .color(text)
        .line_spacing(spacing(120, 160))
        .outline_lvl(0);
    headline.paragraph_property = headline
        .paragraph_property
        .clone()
        .keep_next(true)
        .keep_lines(true);
    let mut sub = p("Subheadline", "Subheadline")
        .based_on("Normal")
        .size(size(26))
        .italic()
        .color(text)
        .line_spacing(spacing(0, 280));
    sub.paragraph_property = sub.paragraph_property.clone().keep_next(true);
    let body_text = p("BodyText", "Body Text")
        .based_on("Normal")
        .size(body)
        .color(text)
        .line_spacing(spacing(0, 200).line(276));
    let styles = [
        p("ReleaseType", "Release Type")
            .based_on("Normal")
            .fonts(heading_fonts.clone())
            .size(size(22))
            .bold()
            .color(accent)
            .line_spacing(spacing(0, 40)),
        p("Reference", "Reference")
            .based_on("Normal")
            .size(size(18))
            .color("555555")
            .line_spacing(spacing(0, 40)),
        p("Embargo", "Embargo")
            .based_on("Normal")
            .fonts(heading_fonts.clone())
            .size(size(18))
            .bold()
            .color(embargo)
            .line_spacing(spacing(0, 240)),
        headline,
        sub,
        body_text,
        p("ListBullet", "List Bullet")
            .based_on("BodyText")
            .line_spacing(spacing(0, 80)),
        p("ListNumber", "List Number")
            .based_on("BodyText")
            .line_spacing(spacing(0, 80)),
        p("Contact", "Contact")
            .based_on("Normal")
            .size(size(20))
            .line_spacing(spacing(0, 40)),
        p("About", "About")
            .based_on("Normal")
            .size(size(18))
            .color(text)
            .line_spacing(spacing(160, 80)),
        p("NotesToEditors", "Notes to Editors")
            .based_on("Normal")
            .size(size(18))
            .color(text)
            .line_spacing(spacing(80, 60)),
        p("BodySubheading", "Body Subheading")
            .based_on("BodyText")
            .next("BodyText")
            .size(24)
            .bold()
            .color("1F4E79")
            .line_spacing(spacing(240, 120))
            .outline_lvl(1),
        p("Quote", "Quote")
            .based_on("BodyText")
            .italic()
            .indent(Some(720), None, Some(720), None),
        p("QuoteSpeaker", "Quote Speaker")
            .based_on("BodyText")
            .indent(Some(720), None, Some(720), None)
            .line_spacing(spacing(0, 240)),
        p("Figure", "Figure")
            .based_on("BodyText")
            .next("Caption")
            .align(AlignmentType::Center)
            .line_spacing(spacing(120, 60)),
        p("Caption", "Caption")
            .based_on("Normal")
            .size(18)
            .italic()
            .color("555555")
            .align(AlignmentType::Center)
            .line_spacing(spacing(0, 240)),
        p("ContactGroup", "Contact Group")
            .based_on("Contact")
            .bold()
            .line_spacing(spacing(120, 40)),
        p("AboutHeading", "About Heading").based_on("About").bold(),
        p("NotesBullet", "Notes Bullet")
            .based_on("NotesToEditors")
            .line_spacing(spacing(0, 40)),
        p("NotesNumber", "Notes Number")
            .based_on("NotesToEditors")
            .line_spacing(spacing(0, 40)),
        p("EndMark", "End Mark")
            .based_on("Normal")
            .bold()
            .align(AlignmentType::Center)
            .line_spacing(spacing(360, 0)),
        p("Header", "header").based_on("Normal").size(size(18)),
        p("Footer", "footer")
            .based_on("Normal")
            .size(size(16))
            .color("555555")
            .align(AlignmentType::Center),
        title,
        Style::new(DATELINE_STYLE.0, StyleType::Character)
            .name(DATELINE_STYLE.1)
            .bold()
            .q_format(true),
        Style::new("Hyperlink", StyleType::Character)
            .name("Hyperlink")
            .color(accent)
            .underline("single"),
    ];
    styles.into_iter().fold(docx, |d, s| d.add_style(s))
}

fn add_numbering_definitions(docx: Docx) -> Docx {
    let bullets = ["•", "◦", "▪"];
    // Each level indents 0.5 in further, with the marker hanging 0.25 in.
    let level = |lvl: usize, format: &str, text: String| {
        Level::new(
            lvl,
            Start::new(1),
            NumberFormat::new(format),
            LevelText::new(text),
            LevelJc::new("left"),
        )
        .indent(
            Some(720 * (lvl as i32 + 1)),
            Some(docx_rs::SpecialIndentType::Hanging(360)),
            None,
            None,
        )
    };
    let mut bullet = AbstractNumbering::new(BULLET_ABSTRACT);
    let mut number = AbstractNumbering::new(NUMBER_ABSTRACT);
    for lvl in 0..9usize {
        bullet = bullet.add_level(level(lvl, "bullet", bullets[lvl % 3].to_string()));
        let format = ["decimal", "lowerLetter", "lowerRoman"][lvl % 3];
        number = number.add_level(level(lvl, format, format!("%{}.", lvl + 1)));
    }
    docx.add_abstract_numbering(bullet)
        .add_abstract_numbering(number)
        .add_numbering(Numbering::new(BULLET_NUM, BULLET_ABSTRACT))
}

fn header(v: &View, opts: &Options) -> Header {
    let mut top = Paragraph::new().style("Header");
    if v.is_rtl() {
        top.property = top.property.clone().bidi(true);
    }
    let t = &v.style.typography;
    if let Some(png) = opts
        .logo_png
        .as_ref()
        .filter(|_| t.logo)
        .and_then(|b| png_size(b).map(|s| (b, s)))
    {
        let (bytes, (w, h)) = png;
        // The style's height, width by aspect ratio; EMU = 36,000 per mm.
        let h_emu = (t.logo_height_mm * 36_000.0).round() as u32;
        let w_emu = (u64::from(h_emu) * u64::from(w) / u64::from(h.max(1))) as u32;
        let pic = Pic::new_with_dimensions(bytes.clone(), w, h)
            .id("rIdLogo")
            .size(w_emu, h_emu);
        top = top
            .add_run(Run::new().add_image(pic))
            .add_run(Run::new().add_text("  "));
    }
    let org = crate::clean::line(&opts.organization);
    if !org.is_empty() {
        top = top.add_run(
            Run::new()
                .add_text(org)
                .bold()
                .color(&t.accent_color)
                .size(half_points(t.body_size_pt) * 10 / 11),
        );
    }
    let mut header = Header::new().add_paragraph(top);
    if let Some(mark) = v.draft_mark(opts.mode) {
        header = header.add_paragraph(
            Paragraph::new()
                .style("Header")
                .align(AlignmentType::Right)
                .add_run(Run::new().add_text(mark).bold().color("B00020").size(20)),
        );
    }
    header
}

fn footer(v: &View) -> Footer {
    Footer::new().add_paragraph(
        Paragraph::new()
            .style("Footer")
            // "Page 1 of 3"; languages that write "1 / 3" have no word for "Page".
            .add_run(Run::new().add_text(if v.labels.page.is_empty() {
                String::new()
            } else {
                format!("{} ", v.labels.page)
            }))
            .add_page_num(PageNum::new())
            .add_run(Run::new().add_text(format!(" {} ", v.labels.of)))
            .add_num_pages(NumPages::new()),
    )
}

/// Width and height of a PNG from its IHDR chunk.
pub(crate) fn png_size(b: &[u8]) -> Option<(u32, u32)> {
    if b.len() < 24 || !b.starts_with(b"\x89PNG\r\n\x1a\n") || &b[12..16] != b"IHDR" {
        return None;
    }
    let w = u32::from_be_bytes([b[16], b[17], b[18], b[19]]);
    let h = u32::from_be_bytes([b[20], b[21], b[22], b[23]]);
    (w > 0 && h > 0 && w < 10_000 && h < 10_000).then_some((w, h))
}
