//! Rules a release must meet.
//!
//! Two kinds: [`on_entry`] applies wherever a release enters the core (a
//! save, an import, a file read, IPC) and refuses only what no release can
//! hold (a field over [`MAX_FIELD_BYTES`]); [`for_export`] applies before it
//! leaves the app (export, clearance, import) and refuses what no export can
//! render. Half-typed text (an empty contact name, an unfinished date) must
//! still save, so that nothing typed is lost; those wait for export.
//! [`timestamps`] is applied where a file is read: the store writes its own.

use crate::dates;
use crate::embargo;
use crate::error::{Error, Result};
use crate::model::{Block, Release, Timing};

/// Limits that keep one release within what Word and browsers handle well.
pub const MAX_FIELD_BYTES: usize = 4 * 1024 * 1024;

/// Checks every field that an export depends on and names the first problem.
pub fn for_export(r: &Release) -> Result<()> {
    on_entry(r)?;
    dates::parse_locale(&r.language)?;
    dates::parse_iso_date(&r.dateline.date)
        .map_err(|e| Error::Invalid(format!("dateline: {e}")))?;
    if let Timing::Embargoed {
        until,
        time_zone,
        offset,
    } = &r.timing
    {
        embargo::resolve(until, time_zone, offset.as_deref())?;
    }
    for (i, c) in r.contacts().enumerate() {
        let blank = |s: &str| s.trim().is_empty();
        if blank(&c.name) && blank(&c.email) && blank(&c.phone) && blank(&c.url) {
            return Err(Error::Invalid(format!(
                "contact {} has no name, e-mail, phone or web address: fill in at least one",
                i + 1
            )));
        }
    }
    Ok(())
}

/// What every release must meet to be stored: each field within
/// [`MAX_FIELD_BYTES`] (the body counts as one field).
pub fn on_entry(r: &Release) -> Result<()> {
    let mut fields: Vec<(String, usize)> = vec![
        ("id".into(), r.id.len()),
        ("type label".into(), r.type_label.len()),
        ("reference".into(), r.reference.len()),
        ("language".into(), r.language.len()),
        ("headline".into(), r.headline.len()),
        ("subheadline".into(), r.subheadline.len()),
        ("dateline city".into(), r.dateline.city.len()),
        ("dateline region".into(), r.dateline.region.len()),
        ("dateline date".into(), r.dateline.date.len()),
        ("dateline wire tag".into(), r.dateline.wire_tag.len()),
        ("house style".into(), r.house_style.len()),
        ("body".into(), body_bytes(&r.body)),
        ("created_at".into(), r.created_at.len()),
        ("updated_at".into(), r.updated_at.len()),
    ];
    if let Timing::Embargoed {
        until,
        time_zone,
        offset,
    } = &r.timing
    {
        fields.push(("embargo time".into(), until.len()));
        fields.push(("embargo time zone".into(), time_zone.len()));
        fields.push((
            "embargo offset".into(),
            offset.as_ref().map_or(0, String::len),
        ));
    }
    for (i, g) in r.contact_groups.iter().enumerate() {
        fields.push((format!("contact group {} heading", i + 1), g.heading.len()));
    }
    for (i, c) in r.contacts().enumerate() {
        let n = i + 1;
        fields.push((format!("contact {n} name"), c.name.len()));
        fields.push((format!("contact {n} title"), c.title.len()));
        fields.push((format!("contact {n} organization"), c.organization.len()));
        fields.push((format!("contact {n} email"), c.email.len()));
        fields.push((format!("contact {n} phone"), c.phone.len()));
        fields.push((format!("contact {n} URL"), c.url.len()));
    }
    for (i, a) in r.about.iter().enumerate() {
        // The first section keeps the name the single About had.
        let name = if i == 0 {
            "About".to_string()
        } else {
            format!("About section {}", i + 1)
        };
        fields.push((format!("{name} heading"), a.heading.len()));
        fields.push((name, a.text.len()));
    }
    fields.push(("notes to editors".into(), body_bytes(&r.notes_to_editors)));
    if let Some((name, len)) = fields.into_iter().find(|(_, len)| *len > MAX_FIELD_BYTES) {
        return Err(Error::Invalid(format!(
            "the {name} is {:.1} MB; a field may hold at most {} MB",
            len as f64 / (1024.0 * 1024.0),
            MAX_FIELD_BYTES / (1024 * 1024)
        )));
    }
    for (i, b) in r.body.iter().enumerate() {
        if let Block::Image(img) = b {
            crate::image::bytes(img).map_err(|source| Error::Image {
                place: format!("the picture in body block {}", i + 1),
                source,
            })?;
        }
    }
    notes_blocks(&r.notes_to_editors)?;
    list_children("body", &r.body)?;
    list_children("notes to editors", &r.notes_to_editors)
}

/// A list item's children are nested lists (and, as files before version 2
/// could have, paragraphs): a subheading, quote or picture inside a list
/// item has no place in Word's numbering or in an HTML list.
fn list_children(field: &str, blocks: &[Block]) -> Result<()> {
    for b in blocks {
        if let Block::BulletList { items } | Block::OrderedList { items } = b {
            for it in items {
                if let Some(other) = it.children.iter().find(|c| {
                    matches!(
                        c,
                        Block::Subheading { .. } | Block::Quote { .. } | Block::Image(_)
                    )
                }) {
                    let kind = match other {
                        Block::Subheading { .. } => "a subheading",
                        Block::Quote { .. } => "a quote",
                        _ => "a picture",
                    };
                    return Err(Error::Invalid(format!(
                        "{field}: a list item holds {kind}; list items hold only text and nested lists"
                    )));
                }
                list_children(field, &it.children)?;
            }
        }
    }
    Ok(())
}

/// Notes to editors hold paragraphs and lists, nothing set apart.
fn notes_blocks(blocks: &[Block]) -> Result<()> {
    for (i, b) in blocks.iter().enumerate() {
        let kind = match b {
            Block::Paragraph { .. } | Block::BulletList { .. } | Block::OrderedList { .. } => {
                continue
            }
            Block::Subheading { .. } => "a subheading",
            Block::Quote { .. } => "a quote",
            Block::Image(_) => "a picture",
        };
        return Err(Error::Invalid(format!(
            "notes to editors: block {} is {kind}; notes hold only paragraphs and lists",
            i + 1
        )));
    }
    Ok(())
}

/// Bytes of text and link targets in the body, nested lists included;
/// a picture counts its base64 data (its own limit is `image`'s).
fn body_bytes(blocks: &[Block]) -> usize {
    let runs = |c: &[crate::model::Inline]| -> usize {
        c.iter()
            .map(|i| i.text.len() + i.link.as_ref().map_or(0, String::len))
            .sum()
    };
    blocks
        .iter()
        .map(|b| match b {
            Block::Paragraph { content } | Block::Subheading { content } => runs(content),
            Block::Quote { content, speaker } => runs(content) + speaker.len(),
            Block::Image(img) => img.data.len() + img.alt.len() + img.caption.len(),
            Block::BulletList { items } | Block::OrderedList { items } => items
                .iter()
                .map(|it| runs(&it.content) + body_bytes(&it.children))
                .sum(),
        })
        .sum()
}

/// Checks that `created_at` and `updated_at` are RFC 3339 timestamps
/// ("2026-03-12T08:00:00Z"), naming the field. They end up in the Word
/// file's properties, where anything else breaks the file.
pub fn timestamps(r: &Release) -> Result<()> {
    for (name, value) in [("created_at", &r.created_at), ("updated_at", &r.updated_at)] {
        if !is_rfc3339(value) {
            let shown: String = value.chars().take(40).collect();
            return Err(Error::Format(format!(
                "\"{name}\" is {shown:?}, which is not an RFC 3339 timestamp such as 2026-03-12T08:00:00Z"
            )));
        }
    }
    Ok(())
}

/// RFC 3339 `date-time` (section 5.6), checked by shape and then by jiff for
/// real dates and times. jiff alone would also accept Temporal extensions
/// (time zone annotations, missing seconds) that other readers refuse.
fn is_rfc3339(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| {
        b.get(r.clone())
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
    };
    let at = |i: usize, c: &[u8]| b.get(i).is_some_and(|x| c.contains(x));
    let shape = digits(0..4)
        && at(4, b"-")
        && digits(5..7)
        && at(7, b"-")
        && digits(8..10)
        && at(10, b"Tt")
        && digits(11..13)
        && at(13, b":")
        && digits(14..16)
        && at(16, b":")
        && digits(17..19);
    if !shape {
        return false;
    }
    let mut i = 19;
    if at(i, b".") {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    let zone_ok = match b.get(i) {
        Some(b'Z' | b'z') => i + 1 == b.len(),
        Some(b'+' | b'-') => {
            i + 6 == b.len() && digits(i + 1..i + 3) && at(i + 3, b":") && digits(i + 4..i + 6)
        }
        _ => false,
    };
    zone_ok && s.to_ascii_uppercase().parse::<jiff::Timestamp>().is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sample;

    #[test]
    fn rfc3339_timestamps() {
        for ok in [
            "2026-03-12T08:00:00Z",
            "2026-03-12t08:00:00z",
            "2026-03-12T08:00:00.123456789Z",
            "2026-03-12T10:00:00+02:00",
            "2026-03-12T03:00:00-05:00",
        ] {
            assert!(is_rfc3339(ok), "{ok}");
        }
        for bad in [
            "",
            "2026-03-12",
            "2026-03-12T08:00Z",
            "2026-03-12 08:00:00Z",
            "2026-03-12T08:00:00",
            "2026-02-30T08:00:00Z",
            "2026-03-12T25:00:00Z",
            "2026-03-12T08:00:00.Z",
            "2026-03-12T08:00:00+0200",
            "2026-03-12T08:00:00+02:00[Europe/Zurich]",
            "2026-03-12T08:00:00Z\u{1}<&",
            "\u{1}<&2026-03-12T08:00:00Z",
            "２０２６-03-12T08:00:00Z",
        ] {
            assert!(!is_rfc3339(bad), "{bad:?}");
        }
        let mut r = sample::release();
        r.updated_at = "2026-03-12T08:00:00Z\u{7}<&".into();
        let e = timestamps(&r).unwrap_err().to_string();
        assert!(
            e.contains("\"updated_at\"") && e.contains("\\u{7}<&"),
            "{e}"
        );
    }

    #[test]
    fn a_field_over_the_limit_is_named() {
        let mut r = sample::release();
        assert!(on_entry(&r).is_ok());
        r.headline = "x".repeat(MAX_FIELD_BYTES);
        assert!(on_entry(&r).is_ok(), "the limit itself is allowed");
        r.headline.push('x');
        let e = on_entry(&r).unwrap_err().to_string();
        assert!(e.contains("the headline is 4.0 MB"), "{e}");
        let mut r = sample::release();
        r.contact_groups[0].contacts[0].phone = "9".repeat(MAX_FIELD_BYTES + 1);
        let e = for_export(&r).unwrap_err().to_string();
        assert!(e.contains("contact 1 phone"), "{e}");
        // The body counts as one field, however it is split.
        let mut r = sample::release();
        let half = "y".repeat(MAX_FIELD_BYTES / 2 + 1);
        r.body = vec![
            Block::paragraph(half.clone()),
            Block::BulletList {
                items: vec![crate::model::ListItem {
                    content: vec![crate::model::Inline::plain(half)],
                    children: vec![],
                }],
            },
        ];
        let e = on_entry(&r).unwrap_err().to_string();
        assert!(e.contains("the body is"), "{e}");
    }

    #[test]
    fn the_store_refuses_an_oversized_field_and_keeps_what_it_had() {
        let dir = tempfile::tempdir().unwrap();
        let (mut store, _) = crate::store::Store::open(dir.path()).unwrap();
        let mut r = sample::release();
        r.id = crate::model::new_id();
        let mut huge = r.clone();
        huge.about[0].text = "a".repeat(MAX_FIELD_BYTES + 1);
        let e = store.insert(&huge).unwrap_err().to_string();
        assert!(e.contains("the About is"), "{e}");
        assert!(store.get(&r.id).is_err(), "nothing inserted");
        store.insert(&r).unwrap();
        let e = store.save(&huge).unwrap_err().to_string();
        assert!(e.contains("the About is"), "{e}");
        assert_eq!(store.get(&r.id).unwrap().about, r.about);
    }

    #[test]
    fn a_contact_needs_one_way_to_reach_someone() {
        let mut r = sample::release();
        let c = &mut r.contact_groups[0].contacts[0];
        *c = crate::model::Contact {
            url: "https://nrc.example.org/press".into(),
            ..Default::default()
        };
        assert!(for_export(&r).is_ok(), "a web form alone is enough");
        r.contact_groups[0].contacts[0].url.clear();
        r.contact_groups[0].contacts[0].title = "Press office".into();
        let e = for_export(&r).unwrap_err().to_string();
        assert!(
            e.contains("contact 1 has no name, e-mail, phone or web address"),
            "{e}"
        );
    }

    #[test]
    fn a_picture_that_is_not_what_it_says_is_refused_by_place() {
        let mut r = sample::release();
        let mut img =
            crate::image::from_bytes(crate::image::tests::PNG_3X2, "alt", "caption").unwrap();
        img.height = 7;
        r.body.push(Block::Image(img));
        let n = r.body.len();
        let e = on_entry(&r).unwrap_err();
        assert_eq!(e.code(), crate::ErrorCode::Image);
        assert_eq!(
            e.to_string(),
            format!("the picture in body block {n}: the picture is marked 3×7 pixels but is 3×2")
        );
        r.body.pop();
        r.notes_to_editors.push(Block::Quote {
            content: vec![],
            speaker: String::new(),
        });
        let e = on_entry(&r).unwrap_err().to_string();
        assert!(
            e.contains("is a quote; notes hold only paragraphs and lists"),
            "{e}"
        );
    }
}
