//! Format version 1: the release shape before issue 13 (one About text,
//! notes as plain lines, one list of contacts each with a name, a body of
//! paragraphs and lists). Kept only to read old files and database rows and
//! convert them to the current model ([`ReleaseV1::into_current`]); nothing
//! writes it except tests.

use serde::{Deserialize, Serialize};

use crate::model::{
    AboutSection, Block, Contact, ContactGroup, Dateline, EndMark, Inline, ListItem, Release,
    Status, Timing,
};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReleaseV1 {
    pub id: String,
    pub type_label: String,
    #[serde(default)]
    pub reference: String,
    pub language: String,
    pub timing: Timing,
    pub headline: String,
    #[serde(default)]
    pub subheadline: String,
    pub dateline: Dateline,
    pub body: Vec<BlockV1>,
    #[serde(default)]
    pub contacts: Vec<ContactV1>,
    #[serde(default)]
    pub about: String,
    #[serde(default)]
    pub notes_to_editors: Vec<String>,
    pub end_mark: EndMark,
    #[serde(default = "default_house_style")]
    pub house_style: String,
    pub status: Status,
    #[serde(default)]
    pub version: u32,
    #[serde(default)]
    pub revision: u32,
    pub created_at: String,
    pub updated_at: String,
}

fn default_house_style() -> String {
    crate::house_style::DEFAULT.to_string()
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum BlockV1 {
    Paragraph { content: Vec<Inline> },
    BulletList { items: Vec<ListItemV1> },
    OrderedList { items: Vec<ListItemV1> },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ListItemV1 {
    pub content: Vec<Inline>,
    #[serde(default)]
    pub children: Vec<BlockV1>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactV1 {
    pub name: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub organization: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub phone: String,
}

impl BlockV1 {
    fn into_current(self) -> Block {
        let items = |items: Vec<ListItemV1>| {
            items
                .into_iter()
                .map(|it| ListItem {
                    content: it.content,
                    children: it.children.into_iter().map(BlockV1::into_current).collect(),
                })
                .collect()
        };
        match self {
            BlockV1::Paragraph { content } => Block::Paragraph { content },
            BlockV1::BulletList { items: i } => Block::BulletList { items: items(i) },
            BlockV1::OrderedList { items: i } => Block::OrderedList { items: items(i) },
        }
    }
}

impl ReleaseV1 {
    /// The same release in the current model: the contacts become one group
    /// without a heading, the About text one section without a heading (the
    /// style's "About" is printed, as before), each note one paragraph.
    /// Blank values stay blank rather than being dropped, so nothing typed
    /// is lost on the way.
    pub fn into_current(self) -> Release {
        let contact_groups = if self.contacts.is_empty() {
            vec![]
        } else {
            vec![ContactGroup {
                heading: String::new(),
                contacts: self
                    .contacts
                    .into_iter()
                    .map(|c| Contact {
                        name: c.name,
                        title: c.title,
                        organization: c.organization,
                        email: c.email,
                        phone: c.phone,
                        url: String::new(),
                    })
                    .collect(),
            }]
        };
        let about = if self.about.is_empty() {
            vec![]
        } else {
            vec![AboutSection {
                heading: String::new(),
                text: self.about,
            }]
        };
        let notes_to_editors = self
            .notes_to_editors
            .into_iter()
            .map(|n| Block::Paragraph {
                content: if n.is_empty() {
                    vec![]
                } else {
                    vec![Inline::plain(n)]
                },
            })
            .collect();
        Release {
            id: self.id,
            type_label: self.type_label,
            reference: self.reference,
            language: self.language,
            timing: self.timing,
            headline: self.headline,
            subheadline: self.subheadline,
            dateline: self.dateline,
            body: self.body.into_iter().map(BlockV1::into_current).collect(),
            contact_groups,
            about,
            translation_of: None,
            notes_to_editors,
            end_mark: self.end_mark,
            house_style: self.house_style,
            status: self.status,
            version: self.version,
            revision: self.revision,
            created_at: self.created_at,
            updated_at: self.updated_at,
        }
    }
}
