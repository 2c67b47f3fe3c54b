//! Applying a review: the accepted changes are written into the release's
//! fields, as a new version whose reason names the file and the reviewers,
//! and each reviewer gets a clearance-log entry ("returned in Word") with
//! their comments in its note. One transaction: all of it or nothing.
//!
//! A field is rewritten only when an accepted change touches it, and only
//! if the officer has not edited that field since the version the file was
//! made from (otherwise the two edits would silently overwrite each other).
//! Body paragraphs no accepted change touches keep their stored runs (marks
//! and links exactly as they were); touched paragraphs are rebuilt from the
//! file's runs, keeping bold, italic and links as Word shows them.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{analyze, field_texts, stored_view, view, ChangeKind, Field, ViewPara};
use crate::clearance::{Decision, NewClearanceEntry};
use crate::error::{Error, Result};
use crate::model::{
    AboutSection, Block, Contact, ContactGroup, EndMark, Image, Inline, ListItem, Release,
};
use crate::store::{self, Store};
use crate::{clean, labels, versions};

/// What the officer decided. Everything not accepted is rejected.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct ApplyRequest {
    /// The file's name, recorded in the version reason and the log.
    pub file_name: String,
    /// Ids of changes to accept (tracked or untracked).
    pub accept: Vec<u32>,
    /// Accept every tracked change by these reviewers.
    pub accept_authors: Vec<String>,
    /// Accept every tracked change. Untracked edits are taken in only by id,
    /// never in bulk: they are what nobody saw being made.
    pub accept_all: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ApplyOutcome {
    pub release: Release,
    /// The new version, or the current one when nothing was accepted.
    pub version: u32,
    pub accepted: u32,
    pub rejected: u32,
    pub reviewers: Vec<String>,
    /// Accepted changes that could not be written, and why.
    pub warnings: Vec<String>,
}

impl Store {
    /// Applies a reviewed file to release `into`; see the module doc.
    pub fn apply_review(
        &mut self,
        bytes: Vec<u8>,
        into: &str,
        req: &ApplyRequest,
    ) -> Result<ApplyOutcome> {
        apply(self, bytes, into, req)
    }
}

fn apply(
    store: &mut Store,
    bytes: Vec<u8>,
    into: &str,
    req: &ApplyRequest,
) -> Result<ApplyOutcome> {
    let a = analyze(store, bytes, Some(into))?;
    let changes = &a.review.changes;
    for id in &req.accept {
        if *id as usize >= changes.len() {
            return Err(Error::Invalid(format!("this file has no change #{id}")));
        }
    }
    let accepted: Vec<bool> = changes
        .iter()
        .map(|c| {
            req.accept.contains(&c.id)
                || (c.kind != ChangeKind::Untracked
                    && (req.accept_all || req.accept_authors.contains(&c.author)))
        })
        .collect();
    let mut touched: BTreeSet<Field> = BTreeSet::new();
    for (c, ok) in changes.iter().zip(&accepted) {
        if !*ok {
            continue;
        }
        match c.field {
            Some(f) => {
                touched.insert(f);
            }
            None => {
                return Err(Error::Invalid(format!(
                    "change #{} is in a paragraph that could not be placed in a field; reject it, or copy it in by hand",
                    c.id
                )))
            }
        }
    }
    // Untracked edits of a field go together, and must not be dropped while
    // tracked changes to the same text are taken in.
    for f in &touched {
        let of_field = |kind_untracked: bool| {
            changes
                .iter()
                .zip(&accepted)
                .filter(move |(c, _)| {
                    c.field == Some(*f) && (c.kind == ChangeKind::Untracked) == kind_untracked
                })
                .map(|(_, ok)| *ok)
        };
        let untracked: Vec<bool> = of_field(true).collect();
        if untracked.is_empty() {
            continue;
        }
        // All accepted: the file's text is taken for this field, as it reads.
        if untracked.iter().any(|ok| !ok) {
            if untracked.iter().any(|ok| *ok) {
                return Err(Error::Invalid(format!(
                    "{} has several edits made with Track Changes off: accept all of them or none",
                    f.as_str()
                )));
            }
            if of_field(false).any(|ok| ok) {
                return Err(Error::Invalid(format!(
                    "{} was also edited with Track Changes off; accept those edits too, or reject its tracked changes and make them in Dateline",
                    f.as_str()
                )));
            }
        }
    }

    let mut warnings = Vec::new();
    let of_rev = &a.change_of_rev;
    let acc = |rev: usize| {
        of_rev
            .get(rev)
            .and_then(|c| accepted.get(*c as usize))
            .copied()
            .unwrap_or(false)
    };
    let paras = view(&a.doc, &a.fields, &acc);
    // The "City, date – " run is rendered from the dateline fields.
    if a.doc
        .paras
        .iter()
        .flat_map(|p| &p.segs)
        .any(|s| s.dateline && s.revs.iter().any(|r| acc(*r)))
    {
        warnings.push(
            "changes to the dateline (city and date) were not applied: set them in the editor"
                .into(),
        );
    }
    let stored_paras = stored_view(&a.stored)?;

    let current = store.get(into)?;
    if current.status.is_frozen() {
        return Err(Error::Frozen(format!(
            "version {} is {} and can't be changed; start a new draft, then import the file again",
            current.version,
            current.status.label().to_lowercase()
        )));
    }
    let current_texts = field_texts(&stored_view(&current)?);
    let from_texts = field_texts(&stored_paras);
    let mut next = current.clone();
    for f in &touched {
        if current_texts.get(f) != from_texts.get(f) {
            return Err(Error::Invalid(format!(
                "{} was edited in Dateline since v{} was sent for review; apply the changes to it by hand",
                f.as_str(),
                a.stored.version
            )));
        }
        let of_field: Vec<&ViewPara> = paras.iter().filter(|p| p.field == Some(*f)).collect();
        let stored_of_field: Vec<&ViewPara> = stored_paras
            .iter()
            .filter(|p| p.field == Some(*f))
            .collect();
        // The heading our export adds ("About …") is not part of the field.
        let content: Vec<&ViewPara> = match (f.has_heading(), stored_of_field.first()) {
            (true, Some(h)) if of_field.first().is_some_and(|p| p.text() == h.text()) => {
                of_field[1..].to_vec()
            }
            _ => of_field.clone(),
        };
        let texts: Vec<String> = content.iter().map(|p| p.text()).collect();
        match f {
            Field::TypeLabel => next.type_label = texts.join(" "),
            Field::Reference => next.reference = texts.join(" "),
            Field::Headline => next.headline = texts.join(" "),
            Field::Subheadline => next.subheadline = texts.join(" "),
            Field::About => {
                // The heading the export printed for a section without one.
                let default = crate::house_style::find(&current.house_style)
                    .map(|st| st.labels(&current.language).about)
                    .unwrap_or(labels::for_language(&current.language).about);
                next.about = rebuild_about(&content, default);
            }
            Field::NotesToEditors => {
                next.notes_to_editors = rebuild_body(&current.notes_to_editors, &content, true)
            }
            Field::Contacts => {
                let comma = labels::for_language(&current.language).comma;
                next.contact_groups = rebuild_contacts(&current, &content, comma);
            }
            Field::Body => next.body = rebuild_body(&current.body, &content, false),
            Field::EndMark => match EndMark::from_text(&texts.join("")) {
                Some(m) => next.end_mark = m,
                None => warnings.push(format!(
                    "the end mark \"{}\" is not one Dateline knows ({}); it was left as it was",
                    texts.join("").trim(),
                    EndMark::ALL
                        .iter()
                        .filter_map(|m| m.text())
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            },
            Field::Timing => warnings.push(
                "changes to the embargo line were not applied: set the timing in the editor".into(),
            ),
        }
    }

    let reviewers = a.review.reviewers.clone();
    let n_accepted = accepted.iter().filter(|x| **x).count() as u32;
    let n_rejected = accepted.len() as u32 - n_accepted;
    let file = clean::line(&req.file_name);
    let reason = format!(
        "review {} from {}: {n_accepted} accepted, {n_rejected} rejected",
        if file.is_empty() {
            "file"
        } else {
            file.as_str()
        },
        if reviewers.is_empty() {
            "no named reviewer".to_string()
        } else {
            reviewers.join(", ")
        }
    );
    let now = store::now();
    let changed = !versions::same_text(&next, &current);
    let comments = &a.review.comments;
    let from_version = a.stored.version;
    let (release, version) = store.in_transaction(|tx| {
        let mut version = current.version;
        // The file was compared with the release as read above; if anything
        // wrote it since (the command line, another window), refuse rather
        // than overwrite that write.
        if store::load_in(tx, into)?.revision != current.revision {
            return Err(Error::Stale);
        }
        if changed {
            next.updated_at = now.clone();
            store::write_row(tx, &mut next, None)?;
            version = versions::snapshot_in(tx, into, &reason, &now)?;
        }
        for reviewer in &reviewers {
            let mine: Vec<String> = comments
                .iter()
                .flat_map(|c| {
                    let own = (c.author == *reviewer).then(|| {
                        format!(
                            "on “{}”: {}{}",
                            c.anchor,
                            c.text,
                            if c.resolved { " (resolved)" } else { "" }
                        )
                    });
                    own.into_iter().chain(
                        c.replies
                            .iter()
                            .filter(|r| r.author == *reviewer)
                            .map(|r| format!("reply on “{}”: {}", c.anchor, r.text)),
                    )
                })
                .collect();
            let n = a
                .review
                .changes
                .iter()
                .filter(|c| c.author == *reviewer && c.kind != ChangeKind::Untracked)
                .count();
            let mut note = format!("{file}: {n} tracked changes");
            if !mine.is_empty() {
                note.push_str("; comments: ");
                note.push_str(&mine.join(" | "));
            }
            // A file exported before the first snapshot was made from v0,
            // which has no row to refer to: log against the version now current.
            let logged = if from_version == 0 {
                version.max(1)
            } else {
                from_version
            };
            match versions::get_version_in(tx, into, logged) {
                Ok(_) => {}
                Err(Error::VersionNotFound { .. }) => {
                    versions::snapshot_in(tx, into, &reason, &now)?;
                }
                Err(e) => return Err(e),
            }
            crate::clearance::insert_entry_in(
                tx,
                into,
                &NewClearanceEntry {
                    version: logged,
                    reviewer: reviewer.clone(),
                    role: String::new(),
                    decision: Decision::ReturnedInWord,
                    note,
                },
                &now,
            )?;
        }
        Ok((store::load_in(tx, into)?, version))
    })?;
    Ok(ApplyOutcome {
        version,
        release,
        accepted: n_accepted,
        rejected: n_rejected,
        reviewers,
        warnings,
    })
}

/// "3. Text" → "Text": our export numbers the notes to editors.
fn strip_number(t: &str) -> String {
    let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
    match t[digits..].strip_prefix(". ") {
        Some(rest) if digits > 0 => rest.to_string(),
        _ => t.to_string(),
    }
}

/// Paragraphs in the "Contact Group" style open a group; contact lines map
/// onto the stored contacts in order.
fn rebuild_contacts(current: &Release, paras: &[&ViewPara], comma: &str) -> Vec<ContactGroup> {
    let old: Vec<&Contact> = current.contacts().collect();
    let mut groups: Vec<ContactGroup> = Vec::new();
    let mut n = 0;
    for p in paras {
        if style_key(p) == "contactgroup" {
            groups.push(ContactGroup {
                heading: p.text().trim().to_string(),
                contacts: vec![],
            });
            continue;
        }
        let text = p.text();
        if text.trim().is_empty() {
            continue;
        }
        if groups.is_empty() {
            groups.push(ContactGroup::default());
        }
        let c = parse_contact(&text, comma, old.get(n).copied());
        n += 1;
        if let Some(g) = groups.last_mut() {
            g.contacts.push(c);
        }
    }
    groups
}

/// Paragraphs in the "About Heading" style open a section; the style's own
/// "About" as a heading means the section had none of its own.
fn rebuild_about(paras: &[&ViewPara], default_heading: &str) -> Vec<AboutSection> {
    let mut out: Vec<AboutSection> = Vec::new();
    for p in paras {
        let text = p.text().trim().to_string();
        if style_key(p) == "aboutheading" {
            out.push(AboutSection {
                heading: if text == default_heading {
                    String::new()
                } else {
                    text
                },
                text: String::new(),
            });
            continue;
        }
        if text.is_empty() {
            continue;
        }
        if out.is_empty() {
            out.push(AboutSection::default());
        }
        if let Some(a) = out.last_mut() {
            if !a.text.is_empty() {
                a.text.push_str("\n\n");
            }
            a.text.push_str(&text);
        }
    }
    out
}

/// A paragraph's style name without case, spaces or punctuation.
fn style_key(p: &ViewPara) -> String {
    p.style_name
        .as_deref()
        .unwrap_or("")
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A contact line back into its parts: positionally onto the stored
/// contact's non-blank parts when the count matches, else by shape (an
/// address with @ is the e-mail, a mostly-digit part the phone).
fn parse_contact(line: &str, comma: &str, old: Option<&Contact>) -> Contact {
    let sep = comma.trim();
    let parts: Vec<String> = line
        .split(if sep.is_empty() { "," } else { sep })
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    if let Some(old) = old {
        let slots = [
            !old.name.is_empty(),
            !old.title.is_empty(),
            !old.organization.is_empty(),
            !old.email.is_empty(),
            !old.phone.is_empty(),
            !old.url.is_empty(),
        ];
        if slots.iter().filter(|s| **s).count() == parts.len() {
            let mut values = parts.iter().cloned();
            let mut take = |present: bool| {
                if present {
                    values.next().unwrap_or_default()
                } else {
                    String::new()
                }
            };
            return Contact {
                name: take(slots[0]),
                title: take(slots[1]),
                organization: take(slots[2]),
                email: take(slots[3]),
                phone: take(slots[4]),
                url: take(slots[5]),
            };
        }
    }
    let mut c = Contact::default();
    let mut rest = Vec::new();
    for (i, p) in parts.into_iter().enumerate() {
        let digits = p.chars().filter(|c| c.is_ascii_digit()).count();
        if i == 0 {
            c.name = p;
        } else if p.contains('@') && c.email.is_empty() {
            c.email = p;
        } else if digits * 2 > p.chars().count() && c.phone.is_empty() {
            c.phone = p;
        } else if p.contains("://") && c.url.is_empty() {
            c.url = p;
        } else {
            rest.push(p);
        }
    }
    let mut rest = rest.into_iter();
    c.title = rest.next().unwrap_or_default();
    c.organization = rest.collect::<Vec<_>>().join(", ");
    c
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ItemKind {
    Paragraph,
    List {
        ordered: bool,
    },
    Subheading,
    Quote,
    /// "— Speaker" after a quote.
    Speaker,
    /// A picture's paragraph; the picture itself is never read back from
    /// the file: the stored one is kept (reviewers change words).
    Picture,
    Caption,
}

struct FlatItem {
    kind: ItemKind,
    level: u8,
    /// Separates two lists of one kind that follow each other (own numbering).
    group: String,
    content: Vec<Inline>,
    /// An accepted change altered it (file items only).
    touched: bool,
    /// The stored picture, for [`ItemKind::Picture`].
    image: Option<Image>,
}

impl FlatItem {
    fn new(kind: ItemKind, content: Vec<Inline>) -> FlatItem {
        FlatItem {
            kind,
            level: 0,
            group: String::new(),
            content,
            touched: false,
            image: None,
        }
    }
}

/// The stored body, flattened like the export lays it out.
fn flatten(blocks: &[Block], level: u8, out: &mut Vec<FlatItem>) {
    for (n, b) in blocks.iter().enumerate() {
        match b {
            Block::Paragraph { content } => {
                out.push(FlatItem::new(ItemKind::Paragraph, content.clone()))
            }
            Block::Subheading { content } => {
                out.push(FlatItem::new(ItemKind::Subheading, content.clone()))
            }
            Block::Quote { content, speaker } => {
                out.push(FlatItem::new(ItemKind::Quote, content.clone()));
                if !speaker.trim().is_empty() {
                    out.push(FlatItem::new(
                        ItemKind::Speaker,
                        vec![Inline::plain(format!("{SPEAKER_DASH}{speaker}"))],
                    ));
                }
            }
            Block::Image(img) => {
                let mut item = FlatItem::new(ItemKind::Picture, vec![]);
                item.image = Some(img.clone());
                out.push(item);
                if !img.caption.trim().is_empty() {
                    out.push(FlatItem::new(
                        ItemKind::Caption,
                        vec![Inline::plain(img.caption.clone())],
                    ));
                }
            }
            Block::BulletList { items } | Block::OrderedList { items } => {
                let ordered = matches!(b, Block::OrderedList { .. });
                for it in items {
                    out.push(FlatItem {
                        kind: ItemKind::List { ordered },
                        level,
                        group: format!("stored-{level}-{n}"),
                        content: it.content.clone(),
                        touched: false,
                        image: None,
                    });
                    flatten(&it.children, level + 1, out);
                }
            }
        }
    }
}

fn plain(content: &[Inline]) -> String {
    content.iter().map(|i| clean::text(&i.text)).collect()
}

/// What the export puts before a quote's speaker.
const SPEAKER_DASH: &str = "— ";

/// Rebuilds the body (or the notes to editors, `notes`, whose paragraphs
/// carry the note numbers our export adds) from the accepted paragraphs.
/// Untouched paragraphs whose text lines up with a stored one keep the
/// stored runs; pictures are the stored ones, in order.
fn rebuild_body(stored: &[Block], paras: &[&ViewPara], notes: bool) -> Vec<Block> {
    let mut old = Vec::new();
    flatten(stored, 0, &mut old);
    let old_texts: Vec<String> = old.iter().map(|i| plain(&i.content)).collect();
    let mut stored_pictures = old.iter().filter_map(|i| i.image.clone());
    let mut new: Vec<FlatItem> = Vec::new();
    for p in paras {
        let mut content = runs_to_inlines(p);
        // The dateline stands alone when the body opens with a list.
        if content.is_empty() && p.runs.iter().any(|s| s.dateline) {
            continue;
        }
        let kind = match style_key(p).as_str() {
            "listbullet" | "notesbullet" => ItemKind::List { ordered: false },
            "listnumber" | "notesnumber" => ItemKind::List { ordered: true },
            "bodysubheading" => ItemKind::Subheading,
            "quote" => ItemKind::Quote,
            "quotespeaker" => ItemKind::Speaker,
            "figure" => ItemKind::Picture,
            "caption" => ItemKind::Caption,
            _ if p.num.is_some() => ItemKind::List { ordered: false },
            _ => ItemKind::Paragraph,
        };
        if notes && kind == ItemKind::Paragraph {
            if let Some(first) = content.first_mut() {
                first.text = strip_number(&first.text);
            }
        }
        let image = if kind == ItemKind::Picture {
            // A picture a reviewer added has no stored picture: dropped.
            match stored_pictures.next() {
                Some(img) => Some(img),
                None => continue,
            }
        } else {
            None
        };
        let (group, level) = p.num.clone().unwrap_or_default();
        new.push(FlatItem {
            kind,
            level: if matches!(kind, ItemKind::List { .. }) {
                level
            } else {
                0
            },
            group,
            content,
            touched: p.touched,
            image,
        });
    }
    let new_texts: Vec<String> = new.iter().map(|i| plain(&i.content)).collect();
    for op in similar::capture_diff_slices(similar::Algorithm::Myers, &old_texts, &new_texts) {
        if let similar::DiffOp::Equal {
            old_index,
            new_index,
            len,
        } = op
        {
            for k in 0..len {
                if !new[new_index + k].touched {
                    new[new_index + k].content = old[old_index + k].content.clone();
                }
            }
        }
    }
    let mut i = 0;
    build(&new, &mut i, 0)
}

fn runs_to_inlines(p: &ViewPara) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::new();
    for s in p.runs.iter().filter(|s| !s.dateline && !s.text.is_empty()) {
        match out.last_mut() {
            Some(last) if (last.bold, last.italic, &last.link) == (s.bold, s.italic, &s.link) => {
                last.text.push_str(&s.text)
            }
            _ => out.push(Inline {
                text: s.text.clone(),
                bold: s.bold,
                italic: s.italic,
                link: s.link.clone(),
            }),
        }
    }
    out
}

/// Flat items back into nested blocks: a list item's deeper items are its children.
fn build(items: &[FlatItem], i: &mut usize, level: u8) -> Vec<Block> {
    let mut out = Vec::new();
    while *i < items.len() {
        let item = &items[*i];
        if level > 0 && !matches!(item.kind, ItemKind::List { .. }) {
            break;
        }
        match item.kind {
            ItemKind::Paragraph | ItemKind::Subheading | ItemKind::Caption => {
                let content = item.content.clone();
                out.push(if item.kind == ItemKind::Subheading {
                    Block::Subheading { content }
                } else {
                    // A caption with no picture before it reads as text.
                    Block::Paragraph { content }
                });
                *i += 1;
            }
            ItemKind::Quote => {
                *i += 1;
                let speaker = match items.get(*i) {
                    Some(next) if next.kind == ItemKind::Speaker => {
                        *i += 1;
                        speaker_of(&next.content)
                    }
                    _ => String::new(),
                };
                out.push(Block::Quote {
                    content: item.content.clone(),
                    speaker,
                });
            }
            ItemKind::Speaker => {
                // A speaker line whose quote is gone keeps its words.
                out.push(Block::Paragraph {
                    content: item.content.clone(),
                });
                *i += 1;
            }
            ItemKind::Picture => {
                *i += 1;
                if let Some(mut img) = item.image.clone() {
                    img.caption = match items.get(*i) {
                        Some(next) if next.kind == ItemKind::Caption => {
                            *i += 1;
                            plain(&next.content).trim().to_string()
                        }
                        _ => String::new(),
                    };
                    out.push(Block::Image(img));
                }
            }
            ItemKind::List { ordered } => {
                if item.level < level {
                    break;
                }
                let group = item.group.clone();
                let mut list = Vec::new();
                while *i < items.len() {
                    let it = &items[*i];
                    if it.kind != (ItemKind::List { ordered })
                        || it.level.max(level) != level
                        || it.group != group
                    {
                        break;
                    }
                    *i += 1;
                    let children = build(items, i, level + 1);
                    list.push(ListItem {
                        content: it.content.clone(),
                        children,
                    });
                }
                if list.is_empty() {
                    // A deeper item with no parent at this level: lift it.
                    let it = &items[*i];
                    *i += 1;
                    list.push(ListItem {
                        content: it.content.clone(),
                        children: build(items, i, level + 1),
                    });
                }
                out.push(if ordered {
                    Block::OrderedList { items: list }
                } else {
                    Block::BulletList { items: list }
                });
            }
        }
    }
    out
}

/// "— Ana Corvell" → "Ana Corvell".
fn speaker_of(content: &[Inline]) -> String {
    let t = plain(content);
    let t = t.trim();
    t.strip_prefix(SPEAKER_DASH.trim_end())
        .unwrap_or(t)
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_note_numbers_only() {
        assert_eq!(strip_number("3. Text"), "Text");
        assert_eq!(strip_number("2024. Text"), "Text");
        assert_eq!(strip_number("Text 3. x"), "Text 3. x");
        assert_eq!(strip_number("3.Text"), "3.Text");
    }

    #[test]
    fn contact_lines_map_onto_the_stored_parts() {
        let old = Contact {
            name: "Ana".into(),
            email: "ana@example.org".into(),
            ..Default::default()
        };
        let c = parse_contact("Ana Corvell, ana.c@example.org", ", ", Some(&old));
        assert_eq!(c.name, "Ana Corvell");
        assert_eq!(c.email, "ana.c@example.org");
        let c = parse_contact(
            "Lea Moss, Press officer, lea@example.org, +41 22 000 00 00",
            ", ",
            None,
        );
        assert_eq!(
            (
                c.name.as_str(),
                c.title.as_str(),
                c.email.as_str(),
                c.phone.as_str()
            ),
            (
                "Lea Moss",
                "Press officer",
                "lea@example.org",
                "+41 22 000 00 00"
            )
        );
    }
}
