//! Field-by-field comparison of two versions of a release, with word-level
//! changes inside each field (the `similar` crate). Unchanged fields are
//! reported as such, so the UI and the "changes since vN" exports can
//! collapse them.

use serde::{Deserialize, Serialize};
use similar::{ChangeTag, TextDiff};
use ts_rs::TS;

use crate::model::{inline_text, Block, Release, Timing};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DiffKind {
    Equal,
    Insert,
    Delete,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DiffPart {
    pub kind: DiffKind,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FieldDiff {
    /// The field's label, as in the editor.
    pub field: String,
    pub changed: bool,
    pub parts: Vec<DiffPart>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReleaseDiff {
    pub from: u32,
    pub to: u32,
    pub fields: Vec<FieldDiff>,
}

/// Each field of a release as comparable text, in editor order.
pub fn fields(r: &Release) -> Vec<(&'static str, String)> {
    let timing = match &r.timing {
        Timing::Immediate => "For immediate release".to_string(),
        Timing::Embargoed {
            until,
            time_zone,
            offset,
        } => match offset {
            Some(o) => format!("Embargoed until {until} (UTC{o}, {time_zone})"),
            None => format!("Embargoed until {until} ({time_zone})"),
        },
    };
    let mut body = String::new();
    blocks_text(&r.body, 0, &mut body);
    // Each group's heading on its own line, then its contacts; a URL-only
    // contact shows as its URL.
    let mut contacts: Vec<String> = Vec::new();
    for g in &r.contact_groups {
        if !g.heading.trim().is_empty() {
            contacts.push(format!("[{}]", g.heading));
        }
        contacts.extend(g.contacts.iter().map(|c| {
            [
                &c.name,
                &c.title,
                &c.organization,
                &c.email,
                &c.phone,
                &c.url,
            ]
            .into_iter()
            .filter(|s| !s.trim().is_empty())
            .cloned()
            .collect::<Vec<_>>()
            .join(", ")
        }));
    }
    let about: Vec<String> = r
        .about
        .iter()
        .map(|a| {
            if a.heading.trim().is_empty() {
                a.text.clone()
            } else {
                format!("[{}]\n{}", a.heading, a.text)
            }
        })
        .collect();
    let mut notes = String::new();
    blocks_text(&r.notes_to_editors, 0, &mut notes);
    vec![
        ("Type", r.type_label.clone()),
        ("Reference", r.reference.clone()),
        ("Language", r.language.clone()),
        ("Embargoed until", timing),
        ("Headline", r.headline.clone()),
        ("Subheadline", r.subheadline.clone()),
        ("City", r.dateline.city.clone()),
        ("Date", r.dateline.date.clone()),
        ("Body", body.trim_end().to_string()),
        ("Contacts", contacts.join("\n")),
        ("About", about.join("\n\n")),
        ("Notes to editors", notes.trim_end().to_string()),
        ("End mark", r.end_mark.text().unwrap_or("none").to_string()),
    ]
}

fn blocks_text(blocks: &[Block], depth: usize, out: &mut String) {
    let indent = "  ".repeat(depth);
    for b in blocks {
        match b {
            Block::Paragraph { content } => {
                out.push_str(&indent);
                out.push_str(&inline_text(content));
                out.push('\n');
            }
            Block::Subheading { content } => {
                out.push_str(&format!("{indent}## {}\n", inline_text(content)));
            }
            Block::Quote { content, speaker } => {
                out.push_str(&format!("{indent}> {}\n", inline_text(content)));
                if !speaker.trim().is_empty() {
                    out.push_str(&format!("{indent}> — {speaker}\n"));
                }
            }
            Block::Image(img) => {
                // The picture's bytes are not text; a changed picture shows
                // as its size and a short fingerprint of its data.
                let tail: String = img.data.chars().rev().take(8).collect();
                out.push_str(&format!(
                    "{indent}[picture {}×{} …{tail}] {}\n",
                    img.width, img.height, img.caption
                ));
                if !img.alt.trim().is_empty() {
                    out.push_str(&format!("{indent}[alt] {}\n", img.alt));
                }
            }
            Block::BulletList { items } | Block::OrderedList { items } => {
                let ordered = matches!(b, Block::OrderedList { .. });
                for (i, it) in items.iter().enumerate() {
                    let marker = if ordered {
                        format!("{}. ", i + 1)
                    } else {
                        "- ".to_string()
                    };
                    out.push_str(&indent);
                    out.push_str(&marker);
                    out.push_str(&inline_text(&it.content));
                    out.push('\n');
                    blocks_text(&it.children, depth + 1, out);
                }
            }
        }
    }
}

/// Word-level diff of two strings, consecutive parts of one kind merged.
pub fn words(old: &str, new: &str) -> Vec<DiffPart> {
    let diff = TextDiff::from_words(old, new);
    let mut parts: Vec<DiffPart> = Vec::new();
    for change in diff.iter_all_changes() {
        let kind = match change.tag() {
            ChangeTag::Equal => DiffKind::Equal,
            ChangeTag::Insert => DiffKind::Insert,
            ChangeTag::Delete => DiffKind::Delete,
        };
        let text = change.value();
        match parts.last_mut() {
            Some(last) if last.kind == kind => last.text.push_str(text),
            _ => parts.push(DiffPart {
                kind,
                text: text.to_string(),
            }),
        }
    }
    parts
}

/// Compares two versions field by field.
pub fn compare(old: &Release, new: &Release) -> ReleaseDiff {
    let fields = fields(old)
        .into_iter()
        .zip(fields(new))
        .map(|((name, a), (_, b))| {
            let changed = a != b;
            let parts = if changed {
                words(&a, &b)
            } else if a.is_empty() {
                vec![]
            } else {
                vec![DiffPart {
                    kind: DiffKind::Equal,
                    text: a,
                }]
            };
            FieldDiff {
                field: name.to_string(),
                changed,
                parts,
            }
        })
        .collect();
    ReleaseDiff {
        from: old.version,
        to: new.version,
        fields,
    }
}

/// Like [`compare`], with the body compared paragraph by paragraph (a list
/// item is a paragraph too): each run of changed paragraphs is its own
/// field, "Body ¶3" or "Body ¶3–4" (numbered in the new text), and each
/// unchanged paragraph an unchanged one. A translator updating a language
/// version sees exactly which paragraphs of the source changed.
pub fn compare_paragraphs(old: &Release, new: &Release) -> ReleaseDiff {
    let mut d = compare(old, new);
    let Some(at) = d.fields.iter().position(|f| f.field == "Body") else {
        return d;
    };
    let text = |r: &Release| {
        let mut t = String::new();
        blocks_text(&r.body, 0, &mut t);
        t
    };
    let (a, b) = (text(old), text(new));
    let lines = TextDiff::from_lines(&a, &b);
    let olds: Vec<&str> = lines.iter_old_slices().collect();
    let news: Vec<&str> = lines.iter_new_slices().collect();
    let joined = |xs: &[&str]| xs.concat().trim_end().to_string();
    let mut body = Vec::new();
    for op in lines.ops() {
        let (o, n) = (op.old_range(), op.new_range());
        if op.tag() == similar::DiffTag::Equal {
            for (i, line) in n.clone().zip(&news[n.clone()]) {
                body.push(FieldDiff {
                    field: format!("Body ¶{}", i + 1),
                    changed: false,
                    parts: vec![DiffPart {
                        kind: DiffKind::Equal,
                        text: line.trim_end().to_string(),
                    }],
                });
            }
            continue;
        }
        let field = match n.len() {
            0 => format!("Body, removed after ¶{}", n.start),
            1 => format!("Body ¶{}", n.start + 1),
            _ => format!("Body ¶{}–{}", n.start + 1, n.end),
        };
        body.push(FieldDiff {
            field,
            changed: true,
            parts: words(&joined(&olds[o]), &joined(&news[n])),
        });
    }
    d.fields.splice(at..=at, body);
    d
}

/// The comparison as text: changed fields only, deletions in [-...-] and
/// insertions in {+...+}, for the command line.
pub fn to_text(d: &ReleaseDiff) -> String {
    let mut out = format!("Changes from v{} to v{}\n", d.from, d.to);
    let unchanged = d.fields.iter().filter(|f| !f.changed).count();
    for f in d.fields.iter().filter(|f| f.changed) {
        out.push_str(&format!("\n{}:\n", f.field));
        for p in &f.parts {
            match p.kind {
                DiffKind::Equal => out.push_str(&p.text),
                DiffKind::Delete => out.push_str(&format!("[-{}-]", p.text)),
                DiffKind::Insert => out.push_str(&format!("{{+{}+}}", p.text)),
            }
        }
        out.push('\n');
    }
    out.push_str(&format!("\n{unchanged} unchanged fields\n"));
    out
}

impl crate::store::Store {
    /// Compares two stored versions of a release.
    pub fn diff_versions(&self, id: &str, from: u32, to: u32) -> crate::Result<ReleaseDiff> {
        let a = self.get_version(id, from)?;
        let b = self.get_version(id, to)?;
        Ok(compare(&a, &b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Contact, ListItem};
    use crate::sample;

    fn changed(d: &ReleaseDiff) -> Vec<&str> {
        d.fields
            .iter()
            .filter(|f| f.changed)
            .map(|f| f.field.as_str())
            .collect()
    }

    #[test]
    fn identical_versions_have_no_changes() {
        let r = sample::release();
        assert!(changed(&compare(&r, &r)).is_empty());
    }

    #[test]
    fn changed_field_has_word_level_parts() {
        let a = sample::release();
        let mut b = a.clone();
        b.headline = b.headline.replace("opens", "inaugurates");
        let d = compare(&a, &b);
        assert_eq!(changed(&d), ["Headline"]);
        let h = &d
            .fields
            .iter()
            .find(|f| f.field == "Headline")
            .unwrap()
            .parts;
        assert!(h.contains(&DiffPart {
            kind: DiffKind::Delete,
            text: "opens".into()
        }));
        assert!(h.contains(&DiffPart {
            kind: DiffKind::Insert,
            text: "inaugurates".into()
        }));
    }

    #[test]
    fn added_and_removed_fields_lists_and_contacts() {
        let a = sample::release();
        let mut b = a.clone();
        b.subheadline.clear();
        b.reference = "NEW/REF".into();
        b.contact_groups[0].contacts.push(Contact {
            name: "Lea Moss".into(),
            ..Default::default()
        });
        b.body.push(Block::BulletList {
            items: vec![ListItem {
                content: vec![crate::Inline::plain("new point")],
                children: vec![],
            }],
        });
        let d = compare(&a, &b);
        assert_eq!(
            changed(&d),
            ["Reference", "Subheadline", "Body", "Contacts"]
        );
        let body = &d.fields.iter().find(|f| f.field == "Body").unwrap().parts;
        assert!(body
            .iter()
            .any(|p| p.kind == DiffKind::Insert && p.text.contains("new point")));
        let sub = &d
            .fields
            .iter()
            .find(|f| f.field == "Subheadline")
            .unwrap()
            .parts;
        assert!(sub.iter().all(|p| p.kind == DiffKind::Delete));
    }

    #[test]
    fn paragraphs_are_compared_one_by_one() {
        let mut a = sample::release();
        a.body = ["One.", "Two.", "Three.", "Four.", "Five."]
            .map(Block::paragraph)
            .to_vec();
        let mut b = a.clone();
        b.body = ["One, changed.", "Two.", "Three and", "four.", "Five."]
            .map(Block::paragraph)
            .to_vec();
        let d = compare_paragraphs(&a, &b);
        assert_eq!(changed(&d), ["Body ¶1", "Body ¶3–4"]);
        let unchanged: Vec<&str> = d
            .fields
            .iter()
            .filter(|f| f.field.starts_with("Body") && !f.changed)
            .map(|f| f.field.as_str())
            .collect();
        assert_eq!(unchanged, ["Body ¶2", "Body ¶5"]);
        let mut c = a.clone();
        c.body.remove(1);
        assert_eq!(
            changed(&compare_paragraphs(&a, &c)),
            ["Body, removed after ¶1"]
        );
        // Nothing else about the comparison changes.
        assert!(compare_paragraphs(&a, &a).fields.iter().all(|f| !f.changed));
        assert!(!d.fields.iter().any(|f| f.field == "Body"));
    }

    #[test]
    fn about_sections_contact_groups_and_notes_are_compared() {
        let a = sample::release();
        let mut b = a.clone();
        b.about.push(crate::AboutSection {
            heading: "About Lakeside Trust".into(),
            text: "A fictional partner.".into(),
        });
        b.contact_groups.push(crate::ContactGroup {
            heading: "EMEA".into(),
            contacts: vec![Contact {
                url: "https://example.org/press".into(),
                ..Default::default()
            }],
        });
        b.notes_to_editors.push(Block::paragraph("A new note."));
        let d = compare(&a, &b);
        assert_eq!(changed(&d), ["Contacts", "About", "Notes to editors"]);
        let inserted = |field: &str| -> String {
            d.fields
                .iter()
                .find(|f| f.field == field)
                .unwrap()
                .parts
                .iter()
                .filter(|p| p.kind == DiffKind::Insert)
                .map(|p| p.text.clone())
                .collect()
        };
        assert!(inserted("About").contains("About Lakeside Trust"));
        assert!(inserted("Contacts").contains("[EMEA]"));
        assert!(inserted("Contacts").contains("https://example.org/press"));
        assert!(inserted("Notes to editors").contains("A new note."));
    }
}
