//! Bringing in releases written elsewhere: plain text, Markdown, Word files
//! and web pages, turned into Dateline's fields.
//!
//! Three stages, each in its own file:
//! 1. a reader per source format (`text`, `markdown`, `docx`, `html`) turns
//!    the bytes into a [`Document`]: a flat list of paragraphs with their
//!    kind (heading, list item, quote) and inline marks, nothing else;
//! 2. [`recognise`] finds the parts of a press release in it (type label,
//!    timing, headline, dateline, lead, contacts, …), each with a confidence,
//!    as a [`recognise::Recognised`];
//! 3. [`recognise::Recognised::to_release`] maps that onto today's
//!    [`Release`]. When the release model grows, only that mapping changes.
//!
//! Bad input is refused before anything is recognised, with an
//! [`ImportError`] naming the problem; nothing is saved by this module (the
//! store saves, all or nothing, see [`batch`]).

pub mod batch;
pub mod docx;
pub mod html;
pub mod markdown;
pub mod months;
pub mod recognise;
pub mod text;

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{Inline, Release};

/// Largest file the importer reads. A long release with its photos
/// embedded in a Word file is a few MB; 20 MB leaves room for that and keeps
/// a wrong pick (a video, a disk image) from being read into memory.
pub const MAX_FILE_BYTES: u64 = 20 << 20;

/// Why a file could not be imported. Nothing was saved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize, Deserialize, TS)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum ImportError {
    #[error("the file is empty")]
    Empty,
    #[error(
        "the file has no text that could be read as a press release (no headline or body found)"
    )]
    NoText,
    #[error("the file is {size} bytes; files over {limit} bytes are not imported")]
    TooLarge { size: u64, limit: u64 },
    #[error("this is a binary file, not text ({detail})")]
    Binary { detail: String },
    #[error(
        "the text's encoding could not be recognised ({detail}); save it as UTF-8 and try again"
    )]
    UnknownEncoding { detail: String },
    #[error("this Word file is password-protected (encrypted); remove the password in Word (File › Info › Protect Document) and import it again")]
    Encrypted,
    #[error("this Word file cannot be read: {detail}")]
    BadDocx { detail: String },
    #[error(
        "\"{extension}\" files are not imported; use .txt, .md, .docx, .html or .dateline.json"
    )]
    Unsupported { extension: String },
}

/// The kind of one source paragraph, as its format marked it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum BlockKind {
    Paragraph,
    /// A heading; level 1 is the title.
    Heading {
        level: u8,
    },
    /// A list item; `level` 0 is the outermost list.
    ListItem {
        ordered: bool,
        level: u8,
    },
    Quote,
}

/// One paragraph of the source, with its marks. A "\n" inside a run is a
/// line break inside the paragraph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SourceBlock {
    pub kind: BlockKind,
    pub runs: Vec<Inline>,
    /// The paragraph style's name in a Word file, lower case ("title",
    /// "subtitle", "headline"); empty elsewhere. A hint for the recogniser.
    #[serde(default)]
    pub style: String,
}

impl SourceBlock {
    pub fn text(&self) -> String {
        crate::model::inline_text(&self.runs)
    }
}

/// What a reader gives the recogniser.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    pub blocks: Vec<SourceBlock>,
}

impl Document {
    /// Adds a block, merging neighbouring runs with the same marks and
    /// dropping blocks with no visible text.
    pub fn push(&mut self, kind: BlockKind, runs: Vec<Inline>) {
        self.push_styled(kind, runs, String::new())
    }

    /// [`Document::push`] with a Word paragraph style name.
    pub fn push_styled(&mut self, kind: BlockKind, runs: Vec<Inline>, style: String) {
        let mut merged: Vec<Inline> = Vec::new();
        for r in runs {
            if r.text.is_empty() {
                continue;
            }
            match merged.last_mut() {
                Some(last)
                    if last.bold == r.bold && last.italic == r.italic && last.link == r.link =>
                {
                    last.text.push_str(&r.text)
                }
                _ => merged.push(r),
            }
        }
        // Non-breaking and other odd spaces read as spaces; lines are trimmed.
        for r in &mut merged {
            r.text = r
                .text
                .chars()
                .map(|c| match c {
                    '\u{a0}' | '\u{202f}' | '\u{2007}' | '\t' => ' ',
                    c => c,
                })
                .filter(|c| !matches!(c, '\u{200b}' | '\u{feff}' | '\u{ad}'))
                .collect();
        }
        if let Some(first) = merged.first_mut() {
            first.text = first.text.trim_start().to_string();
        }
        if let Some(last) = merged.last_mut() {
            last.text = last.text.trim_end().to_string();
        }
        merged.retain(|r| !r.text.is_empty());
        if merged.iter().any(|r| !r.text.trim().is_empty()) {
            self.blocks.push(SourceBlock {
                kind,
                runs: merged,
                style,
            });
        }
    }
}

/// The source formats the importer reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SourceFormat {
    DatelineJson,
    Text,
    Markdown,
    Docx,
    Html,
}

impl SourceFormat {
    /// The format a file name says it is in.
    pub fn from_name(name: &str) -> Result<SourceFormat, ImportError> {
        let lower = name.to_lowercase();
        if lower.ends_with(crate::file_format::EXTENSION) {
            return Ok(SourceFormat::DatelineJson);
        }
        let ext = lower.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
        Ok(match ext {
            "txt" | "text" => SourceFormat::Text,
            "md" | "markdown" => SourceFormat::Markdown,
            "docx" => SourceFormat::Docx,
            "html" | "htm" | "xhtml" => SourceFormat::Html,
            _ => {
                return Err(ImportError::Unsupported {
                    extension: if ext.is_empty() {
                        "(no extension)".into()
                    } else {
                        format!(".{ext}")
                    },
                })
            }
        })
    }
}

/// Reads a source into a [`Document`]. `.dateline.json` is not a document:
/// use [`import_bytes`].
pub fn read_document(format: SourceFormat, bytes: &[u8]) -> Result<Document, ImportError> {
    check_size(bytes.len() as u64)?;
    if bytes.is_empty() {
        return Err(ImportError::Empty);
    }
    let doc = match format {
        SourceFormat::Text | SourceFormat::DatelineJson => text::read(&text::decode(bytes)?),
        SourceFormat::Markdown => markdown::read(&text::decode(bytes)?),
        SourceFormat::Html => html::read(&text::decode_html(bytes)?),
        SourceFormat::Docx => docx::read(bytes)?,
    };
    if doc.blocks.is_empty() {
        return Err(ImportError::Empty);
    }
    Ok(doc)
}

fn check_size(size: u64) -> Result<(), ImportError> {
    if size > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge {
            size,
            limit: MAX_FILE_BYTES,
        });
    }
    Ok(())
}

/// What an import produced, before anything is saved.
#[derive(Debug, Clone)]
pub struct Imported {
    pub release: Release,
    /// `None` for a `.dateline.json` file, which is read as it is.
    pub recognised: Option<recognise::Recognised>,
}

/// Turns a file's bytes into a release (not saved). `name` is the file name,
/// which says the format.
pub fn import_bytes(name: &str, bytes: &[u8], now: &str) -> crate::Result<Imported> {
    let format = SourceFormat::from_name(name)?;
    if format == SourceFormat::DatelineJson {
        check_size(bytes.len() as u64)?;
        if bytes.is_empty() {
            return Err(ImportError::Empty.into());
        }
        let text = std::str::from_utf8(bytes)
            .map_err(|_| crate::Error::Format(format!("{name} is not UTF-8 text")))?;
        return Ok(Imported {
            release: crate::file_format::from_str(text)?,
            recognised: None,
        });
    }
    let doc = read_document(format, bytes)?;
    let recognised = recognise::recognise(&doc);
    let release = recognised.to_release(crate::model::new_id(), now)?;
    Ok(Imported {
        release,
        recognised: Some(recognised),
    })
}

/// Reads a file and turns it into a release (not saved).
pub fn import_path(path: &Path, now: &str) -> crate::Result<Imported> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // Refuse unsupported names before reading anything.
    SourceFormat::from_name(&name)?;
    let meta = std::fs::metadata(path).map_err(|e| crate::Error::read(path, e))?;
    if !meta.is_file() {
        return Err(crate::Error::Invalid(format!(
            "{} is not a file",
            path.display()
        )));
    }
    check_size(meta.len())?;
    let bytes = std::fs::read(path).map_err(|e| crate::Error::read(path, e))?;
    import_bytes(&name, &bytes, now)
}

/// Turns pasted text into a release (not saved).
pub fn import_pasted(text: &str, now: &str) -> crate::Result<Imported> {
    import_bytes("pasted.txt", text.as_bytes(), now)
}

/// What the import screen shows before anything is saved: the release the
/// file would become, what was recognised where (with confidences), and
/// the fields to check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ImportPreview {
    pub release: Release,
    /// `None` for a `.dateline.json` file.
    pub recognised: Option<recognise::Recognised>,
    /// Fields recognised with low confidence, by their `.dateline.json` name.
    pub unsure: Vec<String>,
    /// The file name, or "pasted text"; recorded in the first version.
    pub source_name: String,
}

impl Imported {
    pub fn preview(self, source_name: String) -> ImportPreview {
        let unsure = self
            .recognised
            .as_ref()
            .map(|r| r.unsure().into_iter().map(str::to_string).collect())
            .unwrap_or_default();
        ImportPreview {
            release: self.release,
            recognised: self.recognised,
            unsure,
            source_name,
        }
    }
}
