//! The Word round trip: reads a clearance copy that reviewers returned with
//! tracked changes and comments, says field by field what they changed, and
//! applies the changes the officer accepts as a new version.
//!
//! - [`package`] opens the file defensively (encrypted, macro, oversized and
//!   DOCTYPE-bearing files are refused);
//! - [`reader`] turns its XML into paragraphs of revision-tagged text;
//! - this module places paragraphs in release fields by style **name**,
//!   groups revisions into changes, threads comments, finds the release and
//!   version the file was made from, and finds edits made with Track Changes
//!   off by comparing the file (every change rejected) with that version;
//! - [`apply`] writes the accepted changes back.
//!
//! What Word does that this handles is written up in docs/ROUND_TRIP.md.

pub mod apply;
pub mod package;
pub mod reader;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::export::{self, ExportFormat};
use crate::model::Release;
use crate::search::ReleaseQuery;
use crate::store::Store;

pub use package::Limits;
use reader::{Doc, RevKind};

/// Why a file cannot be read as a review. Nothing is changed when one occurs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReviewError {
    #[error("this is not a Word document (.docx): {0}")]
    NotDocx(String),
    #[error("this Word file is password-protected (encrypted); ask the reviewer to remove the password (File › Info › Protect Document) and send it again")]
    Encrypted,
    #[error(
        "this Word file contains macros (.docm); save it as a plain Word document (.docx) first"
    )]
    Macros,
    #[error("this Word file is too large to read safely: {0}")]
    TooLarge(String),
    #[error(
        "this Word file contains a DOCTYPE or entity declarations, which Dateline refuses: {0}"
    )]
    Doctype(String),
    #[error("this Word file is damaged: {part}: {detail}")]
    Malformed { part: String, detail: String },
    #[error("this file was made from release {found}, not from the release it is being imported into ({expected})")]
    OtherRelease { expected: String, found: String },
    #[error("this file says it was made from version {found} of the release, but this database knows only up to version {known}")]
    NewerVersion { found: u32, known: u32 },
    #[error("this file was made from release {0}, which is not in this database")]
    UnknownRelease(String),
    #[error("Dateline could not tell which release this file was made from: it has no Dateline properties and its text matches no stored release")]
    NoMatch,
}

/// A release field, by its name in the `.dateline.json` format. `Timing` is
/// the embargo line, rendered from the structured timing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    TypeLabel,
    Reference,
    Timing,
    Headline,
    Subheadline,
    Body,
    Contacts,
    About,
    NotesToEditors,
    EndMark,
}

impl Field {
    pub fn as_str(self) -> &'static str {
        match self {
            Field::TypeLabel => "type_label",
            Field::Reference => "reference",
            Field::Timing => "timing",
            Field::Headline => "headline",
            Field::Subheadline => "subheadline",
            Field::Body => "body",
            Field::Contacts => "contacts",
            Field::About => "about",
            Field::NotesToEditors => "notes_to_editors",
            Field::EndMark => "end_mark",
        }
    }

    /// Fields whose first paragraph is a heading our export adds
    /// ("For more information", "Notes to editors"). About sections carry
    /// their own headings, in the "About Heading" style.
    fn has_heading(self) -> bool {
        matches!(self, Field::Contacts | Field::NotesToEditors)
    }
}

/// The field of a paragraph style, by the style's name as Word shows it.
/// Compared without case, spaces or punctuation, because LibreOffice and
/// localized Words keep the name but not always its exact spelling of ids.
pub fn field_of_style(name: &str) -> Option<Field> {
    let key: String = name
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    Some(match key.as_str() {
        "releasetype" => Field::TypeLabel,
        "reference" => Field::Reference,
        "embargo" => Field::Timing,
        "headline" => Field::Headline,
        "subheadline" => Field::Subheadline,
        // LibreOffice calls Word's "Body Text" "Text Body" in some versions.
        "bodytext" | "textbody" | "listbullet" | "listnumber" | "bodysubheading" | "quote"
        | "quotespeaker" | "figure" | "caption" => Field::Body,
        "contact" | "contactgroup" => Field::Contacts,
        "about" | "aboutheading" => Field::About,
        "notestoeditors" | "notesbullet" | "notesnumber" => Field::NotesToEditors,
        "endmark" => Field::EndMark,
        _ => return None,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    Insert,
    Delete,
    Move,
    Format,
    /// Text that differs from the stored version without a tracked change.
    Untracked,
}

/// One change a reviewer made, in one field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Change {
    /// Stable within one reading of the file; used to accept or reject it.
    pub id: u32,
    /// `None` when the paragraph could not be placed in a field.
    pub field: Option<Field>,
    pub kind: ChangeKind,
    /// "Author" when the reviewer removed personal information.
    pub author: String,
    /// RFC 3339 as Word writes it; absent when personal information was removed.
    pub date: Option<String>,
    /// The inserted, deleted or moved text ("¶" for a paragraph break); for a
    /// format change, the text reformatted; for an untracked edit, the new text.
    pub text: String,
    /// Untracked edits: the stored text this edit replaces.
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub old_text: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Reply {
    pub author: String,
    pub date: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Comment {
    pub field: Option<Field>,
    pub author: String,
    pub date: Option<String>,
    pub text: String,
    /// The commented text (empty for a comment on a point).
    pub anchor: String,
    pub replies: Vec<Reply>,
    /// Marked done ("Resolve") in Word.
    pub resolved: bool,
}

/// A paragraph whose style names no field and whose neighbours don't agree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Unplaced {
    /// Position among the document's paragraphs, from 0.
    pub paragraph: u32,
    /// Its style name (or id when the style is not defined), if any.
    pub style: Option<String>,
    pub text: String,
}

/// How the file was matched to its release.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MatchedBy {
    /// The custom properties Dateline wrote.
    Properties,
    /// The text; the officer must confirm.
    Content,
}

/// A reviewed file, read and compared.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Review {
    pub release_id: String,
    pub version: u32,
    pub matched_by: MatchedBy,
    /// True when the officer must confirm the release and version.
    pub needs_confirmation: bool,
    /// The file's last editor (core properties), to whom untracked edits are attributed.
    pub last_editor: Option<String>,
    pub changes: Vec<Change>,
    pub comments: Vec<Comment>,
    pub unplaced: Vec<Unplaced>,
    /// Everyone who made a tracked change or a comment, in order of appearance.
    pub reviewers: Vec<String>,
}

/// A read file with everything needed to apply it.
pub(crate) struct Analysis {
    pub doc: Doc,
    /// The field of each paragraph.
    pub fields: Vec<Option<Field>>,
    /// The change each revision belongs to.
    pub change_of_rev: Vec<u32>,
    pub review: Review,
    /// The stored version the file was made from.
    pub stored: Release,
}

/// The largest reviewed file read from disk. Word files of a press release
/// are well under a megabyte; images can make them a few.
pub const MAX_FILE_BYTES: u64 = 64 << 20;

/// Reads a reviewed file from disk, refusing one too large to be a release.
pub fn read_path(path: &Path) -> Result<Vec<u8>> {
    let len = std::fs::metadata(path)
        .map_err(|e| Error::read(path, e))?
        .len();
    if len > MAX_FILE_BYTES {
        return Err(ReviewError::TooLarge(format!(
            "the file is {} MB (at most {} MB are read)",
            len >> 20,
            MAX_FILE_BYTES >> 20
        ))
        .into());
    }
    std::fs::read(path).map_err(|e| Error::read(path, e))
}

impl Store {
    /// Reads a reviewed Word file and compares it with the version it was
    /// made from. `into` is the release the officer is importing into, if
    /// any; a file from another release is then refused.
    pub fn read_review(&self, bytes: Vec<u8>, into: Option<&str>) -> Result<Review> {
        Ok(analyze(self, bytes, into)?.review)
    }
}

/// Everything up to the comparison, for [`Store::read_review`] and [`apply`].
pub(crate) fn analyze(store: &Store, bytes: Vec<u8>, into: Option<&str>) -> Result<Analysis> {
    let doc = reader::read(bytes, Limits::default())?;
    let fields = place(&doc);
    let (changes, change_of_rev) = group_changes(&doc, &fields);
    let comments = thread_comments(&doc, &fields);
    let unplaced = doc
        .paras
        .iter()
        .enumerate()
        .filter(|(i, p)| fields[*i].is_none() && !p.all_text().trim().is_empty())
        .map(|(i, p)| Unplaced {
            paragraph: i as u32,
            style: p.style_name.clone().or_else(|| p.style_id.clone()),
            text: p.all_text(),
        })
        .collect();

    let (stored, matched_by) = find_source(store, &doc, &fields, into)?;
    let mut reviewers: Vec<String> = Vec::new();
    for a in changes.iter().map(|c| &c.author).chain(
        comments
            .iter()
            .flat_map(|c| std::iter::once(&c.author).chain(c.replies.iter().map(|r| &r.author))),
    ) {
        if !a.is_empty() && !reviewers.contains(a) {
            reviewers.push(a.clone());
        }
    }
    let mut review = Review {
        release_id: stored.id.clone(),
        version: stored.version,
        matched_by,
        needs_confirmation: matched_by == MatchedBy::Content,
        last_editor: doc.props.last_modified_by.clone(),
        changes,
        comments,
        unplaced,
        reviewers,
    };
    let untracked = untracked_changes(&doc, &fields, &stored, review.changes.len() as u32)?;
    review.changes.extend(untracked);
    Ok(Analysis {
        doc,
        fields,
        change_of_rev,
        review,
        stored,
    })
}

/// Places every paragraph in a field: by style name, else by its neighbours
/// when the placed paragraphs before and after it agree.
fn place(doc: &Doc) -> Vec<Option<Field>> {
    let by_style: Vec<Option<Field>> = doc
        .paras
        .iter()
        .map(|p| {
            p.style_name
                .as_deref()
                .and_then(field_of_style)
                // A file without styles.xml names: try the id.
                .or_else(|| p.style_id.as_deref().and_then(field_of_style))
        })
        .collect();
    let mut out = by_style.clone();
    for i in 0..out.len() {
        if out[i].is_some() {
            continue;
        }
        let before = by_style[..i].iter().rev().flatten().next();
        let after = by_style[i + 1..].iter().flatten().next();
        if before.is_some() && before == after {
            out[i] = before.copied();
        }
    }
    out
}

/// Groups revisions into changes: adjacent revisions of one kind, author and
/// date in one paragraph are one change (Word splits a typed word into one
/// revision per run), and both halves of a move are one change, whose text
/// is the text where it went.
fn group_changes(doc: &Doc, fields: &[Option<Field>]) -> (Vec<Change>, Vec<u32>) {
    let mut changes: Vec<Change> = Vec::new();
    // Text of each move's source half, used when it has no destination.
    let mut from_text: Vec<String> = Vec::new();
    let mut of_rev: Vec<Option<u32>> = vec![None; doc.revs.len()];
    let mut by_move: HashMap<String, u32> = HashMap::new();
    let mut attach = |rev: usize, text: &str, field: Option<Field>, last: &mut Option<u32>| {
        let r = &doc.revs[rev];
        let kind = match r.kind {
            RevKind::Insert => ChangeKind::Insert,
            RevKind::Delete => ChangeKind::Delete,
            RevKind::MoveFrom | RevKind::MoveTo => ChangeKind::Move,
            RevKind::Format => ChangeKind::Format,
        };
        let id = of_rev[rev].or_else(|| match (&r.move_name, *last) {
            (Some(name), _) if kind == ChangeKind::Move => by_move.get(name).copied(),
            (_, Some(id)) => {
                let c = &changes[id as usize];
                (c.kind == kind && c.author == r.author && c.date == r.date && c.field == field)
                    .then_some(id)
            }
            _ => None,
        });
        let id = id.unwrap_or_else(|| {
            let id = changes.len() as u32;
            changes.push(Change {
                id,
                field,
                kind,
                author: r.author.clone(),
                date: r.date.clone(),
                text: String::new(),
                old_text: None,
            });
            from_text.push(String::new());
            if let (ChangeKind::Move, Some(name)) = (kind, &r.move_name) {
                by_move.insert(name.clone(), id);
            }
            id
        });
        if r.kind == RevKind::MoveFrom {
            from_text[id as usize].push_str(text);
        } else {
            changes[id as usize].text.push_str(text);
        }
        of_rev[rev] = Some(id);
        *last = Some(id);
    };
    for (i, p) in doc.paras.iter().enumerate() {
        let field = fields[i];
        let mut last: Option<u32> = None;
        if let Some(rev) = p.format_rev {
            attach(rev, &p.all_text(), field, &mut None);
        }
        for seg in &p.segs {
            if seg.revs.is_empty() {
                last = None;
            }
            for &rev in &seg.revs {
                attach(rev, &seg.text, field, &mut last);
            }
            if let Some(rev) = seg.format_rev {
                attach(rev, &seg.text, field, &mut None);
            }
        }
        if let Some(rev) = p.mark_rev {
            attach(rev, "¶", field, &mut last);
        }
    }
    for (c, from) in changes.iter_mut().zip(from_text) {
        if c.text.is_empty() {
            c.text = from;
        }
    }
    let of_rev = of_rev.into_iter().map(|c| c.unwrap_or(u32::MAX)).collect();
    (changes, of_rev)
}

fn thread_comments(doc: &Doc, fields: &[Option<Field>]) -> Vec<Comment> {
    let by_para_id: HashMap<&str, &reader::RawComment> = doc
        .comments
        .iter()
        .filter_map(|c| c.para_id.as_deref().map(|p| (p, c)))
        .collect();
    let parent_of = |c: &reader::RawComment| -> Option<&str> {
        let ex = doc.comments_ex.get(c.para_id.as_deref()?)?;
        let parent = ex.parent.as_deref()?;
        by_para_id.contains_key(parent).then_some(parent)
    };
    let resolved = |c: &reader::RawComment| {
        c.para_id
            .as_deref()
            .and_then(|p| doc.comments_ex.get(p))
            .is_some_and(|e| e.done)
    };
    let mut out = Vec::new();
    for c in doc.comments.iter().filter(|c| parent_of(c).is_none()) {
        let anchor = doc.anchors.get(&c.id);
        let field = anchor
            .and_then(|a| a.paragraph)
            .and_then(|p| fields.get(p).copied().flatten());
        let replies = doc
            .comments
            .iter()
            .filter(|r| r.para_id.is_some() && parent_of(r) == c.para_id.as_deref())
            .map(|r| Reply {
                author: r.author.clone(),
                date: r.date.clone(),
                text: r.text.clone(),
            })
            .collect();
        out.push(Comment {
            field,
            author: c.author.clone(),
            date: c.date.clone(),
            text: c.text.clone(),
            anchor: anchor.map(|a| a.text.clone()).unwrap_or_default(),
            replies,
            resolved: resolved(c),
        });
    }
    out
}

/// A paragraph of text as it reads with some changes accepted.
#[derive(Debug, Clone)]
pub(crate) struct ViewPara {
    pub field: Option<Field>,
    pub style_name: Option<String>,
    pub num: Option<(String, u8)>,
    pub runs: Vec<reader::Seg>,
    /// True when an accepted change altered this paragraph's text or marks.
    pub touched: bool,
}

impl ViewPara {
    pub fn text(&self) -> String {
        self.runs.iter().map(|s| s.text.as_str()).collect()
    }
}

/// The document as it reads when the revisions for which `accepted` is true
/// are accepted and all others rejected. A paragraph whose mark is gone joins
/// the next paragraph of the same field (Word keeps the later paragraph's
/// properties); across fields the paragraphs stay apart.
pub(crate) fn view(
    doc: &Doc,
    fields: &[Option<Field>],
    accepted: &dyn Fn(usize) -> bool,
) -> Vec<ViewPara> {
    let visible = |rev: usize| match doc.revs[rev].kind {
        RevKind::Insert | RevKind::MoveTo => accepted(rev),
        RevKind::Delete | RevKind::MoveFrom => !accepted(rev),
        RevKind::Format => true,
    };
    let mut out = Vec::new();
    let mut carry: Vec<reader::Seg> = Vec::new();
    let mut carry_touched = false;
    for (i, p) in doc.paras.iter().enumerate() {
        let mut runs = std::mem::take(&mut carry);
        let mut touched = std::mem::take(&mut carry_touched);
        for seg in &p.segs {
            if seg.revs.iter().any(|&r| accepted(r)) {
                touched = true;
            }
            if !seg.revs.iter().all(|&r| visible(r)) {
                continue;
            }
            let mut s = seg.clone();
            if let Some(r) = seg.format_rev {
                if accepted(r) {
                    touched = true;
                } else {
                    s.bold = seg.old_bold;
                    s.italic = seg.old_italic;
                }
            }
            runs.push(s);
        }
        let mark_present = p.mark_rev.is_none_or(visible);
        if p.mark_rev.is_some_and(accepted) {
            touched = true;
        }
        let next_same = fields.get(i + 1).is_some_and(|f| *f == fields[i]);
        if !mark_present && next_same {
            carry = runs;
            carry_touched = touched;
            continue;
        }
        out.push(ViewPara {
            field: fields[i],
            style_name: p.style_name.clone(),
            num: p.num.clone(),
            runs,
            touched,
        });
    }
    out
}

/// Paragraph texts by field, headings kept.
pub(crate) fn field_texts(paras: &[ViewPara]) -> BTreeMap<Field, Vec<String>> {
    let mut out: BTreeMap<Field, Vec<String>> = BTreeMap::new();
    for p in paras {
        if let Some(f) = p.field {
            out.entry(f).or_default().push(p.text());
        }
    }
    out
}

/// The stored version as our exporter writes it, read back by this reader:
/// the baseline the reviewed file is compared with. Going through the same
/// export means headings, the dateline and note numbers line up by
/// construction.
pub(crate) fn stored_view(r: &Release) -> Result<Vec<ViewPara>> {
    let bytes = export::render(r, ExportFormat::Docx, &export::Options::default())?;
    let doc = reader::read(bytes, Limits::default())?;
    let fields = place(&doc);
    Ok(view(&doc, &fields, &|_| false))
}

/// Differences between the file with every change rejected and the stored
/// version: edits made with Track Changes off.
fn untracked_changes(
    doc: &Doc,
    fields: &[Option<Field>],
    stored: &Release,
    first_id: u32,
) -> Result<Vec<Change>> {
    let base = field_texts(&view(doc, fields, &|_| false));
    let before = field_texts(&stored_view(stored)?);
    let author = doc
        .props
        .last_modified_by
        .clone()
        .unwrap_or_else(|| "unknown".into());
    let mut out = Vec::new();
    let keys: BTreeSet<Field> = base.keys().chain(before.keys()).copied().collect();
    for f in keys {
        let new = base.get(&f).map(|v| v.join("\n")).unwrap_or_default();
        let old = before.get(&f).map(|v| v.join("\n")).unwrap_or_default();
        if new == old {
            continue;
        }
        for (ins, del) in hunks(&old, &new) {
            out.push(Change {
                id: first_id + out.len() as u32,
                field: Some(f),
                kind: ChangeKind::Untracked,
                author: author.clone(),
                date: None,
                text: ins,
                old_text: Some(del),
            });
        }
    }
    Ok(out)
}

/// Word-level differences as (inserted, deleted) pairs, one per run of
/// consecutive non-equal parts.
fn hunks(old: &str, new: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut cur: Option<(String, String)> = None;
    for p in crate::diff::words(old, new) {
        match p.kind {
            crate::diff::DiffKind::Equal => out.extend(cur.take()),
            crate::diff::DiffKind::Insert => {
                cur.get_or_insert_with(Default::default).0.push_str(&p.text)
            }
            crate::diff::DiffKind::Delete => {
                cur.get_or_insert_with(Default::default).1.push_str(&p.text)
            }
        }
    }
    out.extend(cur);
    out
}

/// Finds the stored version the file was made from: by the custom
/// properties, else by content (the officer must then confirm).
fn find_source(
    store: &Store,
    doc: &Doc,
    fields: &[Option<Field>],
    into: Option<&str>,
) -> Result<(Release, MatchedBy)> {
    if let Some(id) = doc.props.release_id.as_deref().filter(|s| !s.is_empty()) {
        if let Some(expected) = into {
            if expected != id {
                return Err(ReviewError::OtherRelease {
                    expected: expected.to_string(),
                    found: id.to_string(),
                }
                .into());
            }
        }
        let current = match store.get(id) {
            Ok(r) => r,
            Err(Error::NotFound(_)) => return Err(ReviewError::UnknownRelease(id.into()).into()),
            Err(e) => return Err(e),
        };
        if let Some(v) = doc
            .props
            .version
            .as_deref()
            .and_then(|v| v.parse::<u32>().ok())
        {
            if v > current.version {
                return Err(ReviewError::NewerVersion {
                    found: v,
                    known: current.version,
                }
                .into());
            }
            let stored = if v == 0 {
                // Exported before the first snapshot: the draft itself.
                current
            } else {
                store.get_version(id, v)?
            };
            return Ok((stored, MatchedBy::Properties));
        }
        return best_match(store, doc, fields, Some(id));
    }
    best_match(store, doc, fields, into)
}

/// How many stored versions are exported and compared in full when a file
/// is matched by content (after a cheap plain-text ranking).
const CONTENT_MATCH_FINALISTS: usize = 5;

/// The stored version whose text is closest to the file's (every change
/// rejected): exact equality of every field wins, else the highest word
/// similarity above one half.
///
/// Exporting every version of every release would take minutes on a large
/// store, so candidates come from a full-text search for the file's
/// headline and opening words plus the most recent releases; their versions
/// are ranked on plain text, and only the best few are exported and
/// compared field by field.
fn best_match(
    store: &Store,
    doc: &Doc,
    fields: &[Option<Field>],
    only: Option<&str>,
) -> Result<(Release, MatchedBy)> {
    let base = field_texts(&view(doc, fields, &|_| false));
    let flat = |t: &BTreeMap<Field, Vec<String>>| {
        t.iter()
            .map(|(f, v)| format!("{}\n{}", f.as_str(), v.join("\n")))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let want = flat(&base);
    let ids: Vec<String> = match only {
        Some(id) => vec![id.to_string()],
        None => {
            let first = |f: Field, words: usize| {
                base.get(&f)
                    .and_then(|v| v.iter().find(|p| !p.trim().is_empty()))
                    .map(|p| {
                        p.split_whitespace()
                            .take(words)
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                    .unwrap_or_default()
            };
            let mut ids: Vec<String> = Vec::new();
            for (text, limit) in [
                (first(Field::Headline, 12), 10),
                (first(Field::Body, 12), 10),
                (String::new(), 20),
            ] {
                let q = ReleaseQuery {
                    text,
                    limit,
                    sort: crate::search::Sort::Relevance,
                    ..ReleaseQuery::default()
                };
                for s in store.list(&q)? {
                    if !ids.contains(&s.id) {
                        ids.push(s.id);
                    }
                }
            }
            ids
        }
    };
    let want_plain: String = base
        .values()
        .flatten()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join("\n");
    let mut ranked: Vec<(f32, Release)> = Vec::new();
    for id in ids {
        let mut candidates = vec![store.get(&id)?];
        for v in store.list_versions(&id)? {
            candidates.push(store.get_version(&id, v.version)?);
        }
        for r in candidates {
            let plain = format!("{}\n{}", r.headline, r.body_plain_text());
            let score = similar::TextDiff::from_words(&plain, &want_plain).ratio();
            ranked.push((score, r));
        }
    }
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut best: Option<(f32, Release)> = None;
    for (_, r) in ranked.into_iter().take(CONTENT_MATCH_FINALISTS) {
        // A version that no longer exports (it failed validation) can't be the source.
        let Ok(view) = stored_view(&r) else { continue };
        let have = flat(&field_texts(&view));
        let score = if have == want {
            1.0
        } else {
            similar::TextDiff::from_words(&have, &want).ratio()
        };
        if best.as_ref().is_none_or(|(s, _)| score > *s) {
            best = Some((score, r));
        }
    }
    match best {
        Some((score, r)) if score > 0.5 => Ok((r, MatchedBy::Content)),
        _ => Err(ReviewError::NoMatch.into()),
    }
}

/// The review as readable text, for the command line.
pub fn to_text(r: &Review) -> String {
    let mut out = format!("Release {} v{}", r.release_id, r.version);
    if r.needs_confirmation {
        out.push_str(" (matched by content: confirm before applying)");
    }
    out.push('\n');
    if !r.reviewers.is_empty() {
        out.push_str(&format!("Reviewers: {}\n", r.reviewers.join(", ")));
    }
    let field = |f: Option<Field>| f.map(Field::as_str).unwrap_or("(unplaced)");
    let mut by_field: BTreeMap<Option<Field>, Vec<&Change>> = BTreeMap::new();
    for c in &r.changes {
        by_field.entry(c.field).or_default().push(c);
    }
    out.push_str(&format!("\n{} changes\n", r.changes.len()));
    for (f, cs) in by_field {
        out.push_str(&format!("\n{}:\n", field(f)));
        for c in cs {
            let kind = match c.kind {
                ChangeKind::Insert => "inserted",
                ChangeKind::Delete => "deleted",
                ChangeKind::Move => "moved",
                ChangeKind::Format => "formatted",
                ChangeKind::Untracked => "untracked",
            };
            let when = c.date.as_deref().unwrap_or("no date");
            let text = match &c.old_text {
                Some(old) if !old.is_empty() => format!("\"{old}\" → \"{}\"", c.text),
                _ => format!("\"{}\"", c.text),
            };
            out.push_str(&format!(
                "  #{} {kind} by {} ({when}): {text}\n",
                c.id, c.author
            ));
        }
    }
    out.push_str(&format!("\n{} comments\n", r.comments.len()));
    for c in &r.comments {
        let state = if c.resolved { " [resolved]" } else { "" };
        out.push_str(&format!(
            "  {} on {} \"{}\"{state}: {}\n",
            c.author,
            field(c.field),
            c.anchor,
            c.text
        ));
        for reply in &c.replies {
            out.push_str(&format!("    reply by {}: {}\n", reply.author, reply.text));
        }
    }
    if !r.unplaced.is_empty() {
        out.push_str(&format!(
            "\n{} paragraphs could not be placed in a field:\n",
            r.unplaced.len()
        ));
        for u in &r.unplaced {
            out.push_str(&format!(
                "  #{} ({}): {}\n",
                u.paragraph,
                u.style.as_deref().unwrap_or("no style"),
                u.text
            ));
        }
    }
    out
}
