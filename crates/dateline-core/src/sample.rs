//! Sample releases, all fictional: the one a new user sees on first start,
//! and generated ones for tests and benchmarks (long, hostile).

use crate::file_format;
use crate::model::*;

/// The bundled first-start sample, as written in `assets/samples/`.
pub const WELCOME_JSON: &str = include_str!("../../../assets/samples/welcome.dateline.json");

/// Every bundled sample: (file name, JSON text).
pub const CORPUS: [(&str, &str); 15] = [
    ("welcome", WELCOME_JSON),
    (
        "en-embargo-lists",
        include_str!("../../../assets/samples/en-embargo-lists.dateline.json"),
    ),
    (
        "fr",
        include_str!("../../../assets/samples/fr.dateline.json"),
    ),
    (
        "ru",
        include_str!("../../../assets/samples/ru.dateline.json"),
    ),
    (
        "ar",
        include_str!("../../../assets/samples/ar.dateline.json"),
    ),
    (
        "zh",
        include_str!("../../../assets/samples/zh.dateline.json"),
    ),
    (
        "es",
        include_str!("../../../assets/samples/es.dateline.json"),
    ),
    (
        "he",
        include_str!("../../../assets/samples/he.dateline.json"),
    ),
    (
        "fa",
        include_str!("../../../assets/samples/fa.dateline.json"),
    ),
    (
        "ur",
        include_str!("../../../assets/samples/ur.dateline.json"),
    ),
    // One release per built-in house style (see `house_style`).
    (
        "style-un",
        include_str!("../../../assets/samples/style-un.dateline.json"),
    ),
    (
        "style-ap",
        include_str!("../../../assets/samples/style-ap.dateline.json"),
    ),
    (
        "style-uk-gov",
        include_str!("../../../assets/samples/style-uk-gov.dateline.json"),
    ),
    (
        "style-fr-gouv",
        include_str!("../../../assets/samples/style-fr-gouv.dateline.json"),
    ),
    // Every shape of the release model v2: subheadings, quotes with and
    // without a speaker, a picture, two About sections, grouped contacts
    // (one only a web form, one only an e-mail), notes with a list.
    (
        "blocks",
        include_str!("../../../assets/samples/blocks.dateline.json"),
    ),
];

/// The welcome sample. The bundled file is checked by tests, so parsing it
/// cannot fail in a shipped build; a default draft is the fallback anyway.
pub fn release() -> Release {
    file_format::from_str(WELCOME_JSON).unwrap_or_else(|_| {
        Release::new_draft(
            "5b0f4a1e-7c2d-4e59-9a53-0c6f2d1e8a01".into(),
            "2026-03-12T08:00:00Z",
            "2026-03-12",
        )
    })
}

/// Every bundled sample, parsed; a sample that does not parse is skipped
/// (the corpus test fails on it).
pub fn corpus() -> Vec<(&'static str, Release)> {
    CORPUS
        .iter()
        .filter_map(|(name, json)| file_format::from_str(json).ok().map(|r| (*name, r)))
        .collect()
}

/// The welcome sample with its body repeated to `paragraphs` paragraphs.
pub fn long(paragraphs: usize) -> Release {
    let mut r = release();
    r.id = format!("00000000-0000-4000-8000-{paragraphs:012}");
    let source: Vec<Block> = r
        .body
        .iter()
        .filter(|b| matches!(b, Block::Paragraph { .. }))
        .cloned()
        .collect();
    r.body = (0..paragraphs)
        .map(|i| source[i % source.len()].clone())
        .collect();
    r
}

/// Text that has broken exports elsewhere: XML-illegal controls, markup,
/// entities, bidi overrides, joiners, emoji sequences, combining marks.
pub const HOSTILE: &str = "AT&T Q&A <Draft> ]]> &amp; \"q\" 'a' \u{0}\u{1}\u{8}\u{B}\u{C}\u{E}\u{1F}\u{FFFE}\u{FFFF} \r\n line\rnext 👩‍👩‍👧 🇰🇬 e\u{301} \u{202E}evil\u{202C} \u{200B}\u{200C}\u{200D}\u{FEFF} \u{2028}\u{2029} مرحبا Latin <script>alert(1)</script> <img src=x onerror=alert(1)>";

/// A release whose every text field is full of [`HOSTILE`] text.
pub fn hostile() -> Release {
    let h = HOSTILE.to_string();
    let mut r = release();
    r.id = "00000000-0000-4000-8000-0000000bad00".into();
    r.type_label = h.clone();
    r.reference = h.clone();
    r.headline = h.clone();
    r.subheadline = h.clone();
    r.dateline.city = h.clone();
    r.dateline.region = h.clone();
    r.dateline.wire_tag = h.clone();
    r.body = vec![
        Block::Paragraph {
            content: vec![
                Inline::plain(h.clone()),
                Inline {
                    text: h.clone(),
                    bold: true,
                    italic: true,
                    link: Some("https://example.org/?a=1&b=<2>\"'".into()),
                },
                Inline {
                    text: h.clone(),
                    bold: false,
                    italic: false,
                    link: Some("javascript:alert(1)".into()),
                },
            ],
        },
        Block::BulletList {
            items: vec![ListItem {
                content: vec![Inline::plain(h.clone())],
                children: vec![Block::OrderedList {
                    items: vec![ListItem {
                        content: vec![Inline::plain(h.clone())],
                        children: vec![],
                    }],
                }],
            }],
        },
    ];
    r.body.extend([
        Block::Subheading {
            content: vec![Inline::plain(h.clone())],
        },
        Block::Quote {
            content: vec![Inline::plain(h.clone())],
            speaker: h.clone(),
        },
        Block::Image(Image {
            alt: h.clone(),
            caption: h.clone(),
            ..tiny_png()
        }),
    ]);
    r.contact_groups = vec![ContactGroup {
        heading: h.clone(),
        contacts: vec![Contact {
            name: h.clone(),
            title: h.clone(),
            organization: h.clone(),
            email: h.clone(),
            phone: h.clone(),
            url: h.clone(),
        }],
    }];
    r.about = vec![
        AboutSection {
            heading: String::new(),
            text: h.clone(),
        },
        AboutSection {
            heading: h.clone(),
            text: h.clone(),
        },
    ];
    r.notes_to_editors = vec![
        Block::paragraph(h.clone()),
        Block::BulletList {
            items: vec![ListItem {
                content: vec![Inline {
                    text: h.clone(),
                    bold: false,
                    italic: false,
                    link: Some("javascript:alert(1)".into()),
                }],
                children: vec![],
            }],
        },
        Block::paragraph(h),
    ];
    r
}

/// A 1×1 PNG picture (a blue dot), for tests and hostile releases.
pub fn tiny_png() -> Image {
    Image {
        media_type: MediaType::Png,
        data: "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABAQMAAAAl21bKAAAAA1BMVEUfTnn3I3KEAAAACklEQVQI12NgAAAAAgAB4iG8MwAAAABJRU5ErkJggg=="
            .into(),
        width: 1,
        height: 1,
        alt: String::new(),
        caption: String::new(),
    }
}
