//! The release model: every field a press officer fills in, as typed Rust data.
//!
//! This is the one shape that the store persists, the exporters render, the
//! JSON format serializes and the UI edits (through ts-rs bindings). The body
//! is kept as typed blocks and inline runs, never as an HTML string, so that
//! each exporter decides for itself how to escape and lay out text.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A press release, complete.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Release {
    /// Stable identifier (UUID v4), assigned when the release is created.
    pub id: String,
    /// "PRESS RELEASE", "MEDIA ADVISORY", ... (see `labels`) or free text.
    pub type_label: String,
    /// Optional reference symbol, e.g. "PR/2026/014".
    #[serde(default)]
    pub reference: String,
    /// BCP 47 language tag of the release text, e.g. "en-GB", "ar", "zh-Hans".
    pub language: String,
    pub timing: Timing,
    pub headline: String,
    #[serde(default)]
    pub subheadline: String,
    pub dateline: Dateline,
    /// Rich-text body. The first paragraph is the lead.
    pub body: Vec<Block>,
    /// Press contacts, in groups ("North America", "EMEA"); a release with
    /// one list of contacts has one group with a blank heading.
    #[serde(default)]
    pub contact_groups: Vec<ContactGroup>,
    /// "About <organization>" sections, one per partner.
    #[serde(default)]
    pub about: Vec<AboutSection>,
    /// Notes to editors as rich blocks: paragraphs and lists only. Where the
    /// house style numbers notes, each top-level paragraph is one note.
    #[serde(default)]
    pub notes_to_editors: Vec<Block>,
    pub end_mark: EndMark,
    /// The house style the release is laid out in (see `house_style`):
    /// "un", "ap", "uk-gov", "fr-gouv". Files and stored releases from
    /// before styles existed read as "un", the layout they were made with.
    #[serde(default = "default_house_style")]
    pub house_style: String,
    /// Set on a language version of another release: the source and the
    /// source version this text follows (see `translation`). Absent on
    /// other releases and in older files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub translation_of: Option<crate::translation::TranslationOf>,
    pub status: Status,
    /// Number of the latest immutable version (0 until the first snapshot).
    #[serde(default)]
    pub version: u32,
    /// The store's count of writes to this release. A save must carry the
    /// revision it was based on; a save based on an older one is refused as
    /// stale (another write came in between). Store-owned like `version`;
    /// ignored when a file is imported.
    #[serde(default)]
    pub revision: u32,
    /// RFC 3339 UTC timestamps.
    pub created_at: String,
    pub updated_at: String,
}

/// When the release may be published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
// ts-rs warns that it cannot parse deny_unknown_fields here; serde applies it.
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Timing {
    Immediate,
    /// Embargoed until a wall-clock time in a named IANA time zone.
    Embargoed {
        /// Local date-time, "YYYY-MM-DDTHH:MM".
        until: String,
        /// IANA zone name, e.g. "Europe/Zurich".
        time_zone: String,
        /// UTC offset, e.g. "+02:00": needed only when `until` happens twice
        /// in the zone (the hour the clocks go back), to say which one. See
        /// `embargo`. Absent in files written before it existed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[ts(optional)]
        offset: Option<String>,
    },
}

/// The dateline that opens the lead: "Bishkek, 17 May 2024 – ".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Dateline {
    pub city: String,
    /// State, province or country after the city where the style prints
    /// one: "Va." in "ARLINGTON, Va., Jan. 5, 2026". Empty in older files.
    #[serde(default)]
    pub region: String,
    /// ISO date, "YYYY-MM-DD".
    pub date: String,
    /// Wire service tag printed after the date, e.g. "PRNewswire" gives
    /// "… 2026 /PRNewswire/ --". Empty in older files.
    #[serde(default)]
    pub wire_tag: String,
}

fn default_house_style() -> String {
    crate::house_style::DEFAULT.to_string()
}

/// One block of the body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Block {
    Paragraph {
        content: Vec<Inline>,
    },
    BulletList {
        items: Vec<ListItem>,
    },
    OrderedList {
        items: Vec<ListItem>,
    },
    /// A heading inside the body (one level).
    Subheading {
        content: Vec<Inline>,
    },
    /// A quotation set apart; `speaker` (blank when none) is who said it.
    Quote {
        content: Vec<Inline>,
        #[serde(default)]
        speaker: String,
    },
    /// A picture the release carries itself (see [`Image`]).
    Image(Image),
}

/// A PNG or JPEG picture with its caption and alt text. The bytes travel in
/// the release, so every version keeps its own copy; `crate::image` checks
/// on entry that they are the picture the other fields describe.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Image {
    pub media_type: MediaType,
    /// The file's bytes, standard base64 with padding.
    pub data: String,
    /// Size in pixels, as read from the bytes.
    pub width: u32,
    pub height: u32,
    /// What the picture shows, for readers who cannot see it.
    #[serde(default)]
    pub alt: String,
    #[serde(default)]
    pub caption: String,
}

/// The kinds of picture a release may carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum MediaType {
    #[serde(rename = "image/png")]
    Png,
    #[serde(rename = "image/jpeg")]
    Jpeg,
}

impl MediaType {
    pub fn as_str(self) -> &'static str {
        match self {
            MediaType::Png => "image/png",
            MediaType::Jpeg => "image/jpeg",
        }
    }

    /// File name extension, as Word packages name their media.
    pub fn extension(self) -> &'static str {
        match self {
            MediaType::Png => "png",
            MediaType::Jpeg => "jpeg",
        }
    }
}

/// One "About" section: its heading (blank for the house style's "About")
/// and plain text in which blank lines separate paragraphs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(deny_unknown_fields)]
pub struct AboutSection {
    #[serde(default)]
    pub heading: String,
    pub text: String,
}

/// Contacts under one heading ("North America"); blank for none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(deny_unknown_fields)]
pub struct ContactGroup {
    #[serde(default)]
    pub heading: String,
    pub contacts: Vec<Contact>,
}

/// A list item: its own text, then any nested lists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct ListItem {
    pub content: Vec<Inline>,
    #[serde(default)]
    pub children: Vec<Block>,
}

/// A run of text with its marks. A "\n" inside `text` is a line break.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Inline {
    pub text: String,
    #[serde(default)]
    pub bold: bool,
    #[serde(default)]
    pub italic: bool,
    /// Link target. Exporters keep only http, https, mailto and tel targets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub link: Option<String>,
}

/// A press contact. An export needs at least one of name, e-mail, phone
/// or URL (a press office may give only a web form).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, Default)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub organization: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
    /// A web page or contact form, e.g. "https://example.org/press".
    #[serde(default)]
    pub url: String,
}

/// The mark that closes the release.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EndMark {
    /// `###`
    Hashes,
    /// `-ENDS-`
    Ends,
    /// `***`
    Stars,
    /// `-30-`, the North American newsroom mark.
    Thirty,
    /// `ENDS`, as UK government releases print it.
    EndsWord,
    /// `* *** *`, as UN press releases print it.
    SpacedStars,
    None,
}

impl EndMark {
    /// The text printed at the end of the release, if any.
    pub fn text(self) -> Option<&'static str> {
        match self {
            EndMark::Hashes => Some("###"),
            EndMark::Ends => Some("-ENDS-"),
            EndMark::Stars => Some("***"),
            EndMark::Thirty => Some("-30-"),
            EndMark::EndsWord => Some("ENDS"),
            EndMark::SpacedStars => Some("* *** *"),
            EndMark::None => None,
        }
    }

    pub const ALL: [EndMark; 7] = [
        EndMark::Hashes,
        EndMark::Ends,
        EndMark::Stars,
        EndMark::Thirty,
        EndMark::EndsWord,
        EndMark::SpacedStars,
        EndMark::None,
    ];

    /// The mark whose printed text is `text` (blank for none), e.g. when a
    /// reviewed Word file is read back.
    pub fn from_text(text: &str) -> Option<EndMark> {
        let t = text.trim();
        EndMark::ALL
            .into_iter()
            .find(|m| m.text().unwrap_or("") == t)
    }
}

/// Where the release stands in clearance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Draft,
    InClearance,
    Cleared,
    Published,
    Withdrawn,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Draft,
        Status::InClearance,
        Status::Cleared,
        Status::Published,
        Status::Withdrawn,
    ];

    /// Stable name used in the database and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::InClearance => "in_clearance",
            Status::Cleared => "cleared",
            Status::Published => "published",
            Status::Withdrawn => "withdrawn",
        }
    }

    /// Human label, as shown in the badge.
    pub fn label(self) -> &'static str {
        match self {
            Status::Draft => "Draft",
            Status::InClearance => "In clearance",
            Status::Cleared => "Cleared",
            Status::Published => "Published",
            Status::Withdrawn => "Withdrawn",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// Cleared, published and withdrawn text is frozen: editing it (or
    /// restoring an old version over it) starts with "Start new draft".
    /// [`crate::clearance::require_editable`] applies this rule.
    pub fn is_frozen(self) -> bool {
        matches!(
            self,
            Status::Cleared | Status::Published | Status::Withdrawn
        )
    }
}

impl Inline {
    pub fn plain(text: impl Into<String>) -> Inline {
        Inline {
            text: text.into(),
            bold: false,
            italic: false,
            link: None,
        }
    }
}

impl Block {
    pub fn paragraph(text: impl Into<String>) -> Block {
        Block::Paragraph {
            content: vec![Inline::plain(text)],
        }
    }
}

/// A new release id (UUID v4).
pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// Concatenated plain text of a run list, marks dropped.
pub fn inline_text(content: &[Inline]) -> String {
    content.iter().map(|i| i.text.as_str()).collect()
}

impl Release {
    /// A new, empty draft dated today, in English.
    pub fn new_draft(id: String, now_rfc3339: &str, today: &str) -> Release {
        Release {
            id,
            type_label: crate::labels::for_language("en").type_labels[0].to_string(),
            reference: String::new(),
            language: "en".to_string(),
            timing: Timing::Immediate,
            headline: String::new(),
            subheadline: String::new(),
            dateline: Dateline {
                city: String::new(),
                region: String::new(),
                date: today.to_string(),
                wire_tag: String::new(),
            },
            body: vec![Block::Paragraph { content: vec![] }],
            contact_groups: vec![],
            about: vec![],
            notes_to_editors: vec![],
            end_mark: EndMark::Hashes,
            house_style: default_house_style(),
            translation_of: None,
            status: Status::Draft,
            version: 0,
            revision: 0,
            created_at: now_rfc3339.to_string(),
            updated_at: now_rfc3339.to_string(),
        }
    }

    /// Plain text of the body, for full-text indexing.
    pub fn body_plain_text(&self) -> String {
        blocks_plain_text(&self.body)
    }

    /// Every contact, group by group.
    pub fn contacts(&self) -> impl Iterator<Item = &Contact> {
        self.contact_groups.iter().flat_map(|g| g.contacts.iter())
    }
}

/// Plain text of blocks, one line per paragraph, list item, subheading or
/// quote (with its speaker); an image gives its caption and alt text.
pub fn blocks_plain_text(blocks: &[Block]) -> String {
    let mut out = String::new();
    fn line(out: &mut String, s: &str) {
        if !s.is_empty() {
            out.push_str(s);
            out.push('\n');
        }
    }
    fn walk(blocks: &[Block], out: &mut String) {
        for b in blocks {
            match b {
                Block::Paragraph { content } | Block::Subheading { content } => {
                    line(out, &inline_text(content))
                }
                Block::Quote { content, speaker } => {
                    line(out, &inline_text(content));
                    line(out, speaker);
                }
                Block::Image(img) => {
                    line(out, &img.caption);
                    line(out, &img.alt);
                }
                Block::BulletList { items } | Block::OrderedList { items } => {
                    for it in items {
                        line(out, &inline_text(&it.content));
                        walk(&it.children, out);
                    }
                }
            }
        }
    }
    walk(blocks, &mut out);
    out
}
