//! Writing checks on a release: spelling (Hunspell dictionaries through
//! `spellbook`), English grammar (`harper-core`) and the house-style rules
//! of a named style (UN, AP), all returning the same [`Finding`] shape.
//!
//! Checks read the release and never change it; a finding's `suggestion`
//! is a deterministic replacement of `start..end` the UI may apply in one
//! click. Offsets count Unicode scalar values (chars) in the field's text,
//! as [`fields`] lays it out.

#[cfg(feature = "grammar")]
pub mod grammar;
pub mod office;
pub mod spelling;
pub mod style;
mod text;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{inline_text, Block, Release};
pub use style::Style;

/// One problem found in one field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Finding {
    /// Stable rule name, e.g. "spelling", "grammar", "percent", "dates".
    pub rule: String,
    /// Where: "headline", "subheadline", "dateline.city", "dateline.date",
    /// "body.0", "body.1.items.0", "about", "notes_to_editors.0",
    /// "contacts", "contacts.0.title", "contacts.0.organization", or
    /// "language" (no dictionary for it).
    pub field: String,
    /// Char offsets into the field's text, end exclusive. Both 0 for a
    /// finding about the field as a whole (e.g. no contact).
    pub start: u32,
    pub end: u32,
    pub message: String,
    /// A deterministic replacement for `start..end`, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub suggestion: Option<String>,
    /// Candidates to choose from (spelling), best first; not applied
    /// without the officer choosing.
    #[serde(default)]
    pub alternatives: Vec<String>,
}

impl Finding {
    pub(crate) fn new(rule: &str, field: &str, span: (usize, usize), message: String) -> Finding {
        Finding {
            rule: rule.to_string(),
            field: field.to_string(),
            start: span.0 as u32,
            end: span.1 as u32,
            message,
            suggestion: None,
            alternatives: Vec::new(),
        }
    }

    pub(crate) fn fix(mut self, suggestion: impl Into<String>) -> Finding {
        self.suggestion = Some(suggestion.into());
        self
    }
}

/// What the editor shows after a check: the findings, and the counts the
/// officer watches while writing (kept here so the UI has no rules of its
/// own about what a word is or how long a headline may be).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Report {
    pub findings: Vec<Finding>,
    /// Words in the officer's text: headline, subheadline, body, about and
    /// notes (a word is a run of non-space characters with a letter or digit).
    pub words: u32,
    /// Characters (Unicode scalar values) in the same text, spaces included.
    pub characters: u32,
    pub headline_characters: u32,
    /// The house style's longest headline.
    pub headline_max: u32,
}

/// One checkable piece of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub path: String,
    pub text: String,
    /// Prose fields get the grammar and the style rules; titles and the
    /// city are checked for spelling only.
    pub prose: bool,
}

/// Every text field of the release, in editor order. A paragraph's runs
/// are joined, so a word split across bold and plain text is one word.
pub fn fields(r: &Release) -> Vec<Field> {
    let mut out = Vec::new();
    let mut push = |path: String, text: String, prose: bool| {
        if !text.trim().is_empty() {
            out.push(Field { path, text, prose });
        }
    };
    push("headline".into(), r.headline.clone(), true);
    push("subheadline".into(), r.subheadline.clone(), true);
    push("dateline.city".into(), r.dateline.city.clone(), false);
    let mut body = Vec::new();
    blocks(&r.body, "body", &mut body);
    for (path, text) in body {
        push(path, text, true);
    }
    for (i, a) in r.about.iter().enumerate() {
        push(format!("about.{i}"), a.text.clone(), true);
    }
    let mut notes = Vec::new();
    blocks(&r.notes_to_editors, "notes_to_editors", &mut notes);
    for (path, text) in notes {
        push(path, text, true);
    }
    // Contacts are numbered across their groups, as the editor numbers them.
    for (i, c) in r.contacts().enumerate() {
        push(format!("contacts.{i}.title"), c.title.clone(), false);
        push(
            format!("contacts.{i}.organization"),
            c.organization.clone(),
            false,
        );
    }
    out
}

fn blocks(blocks: &[Block], prefix: &str, out: &mut Vec<(String, String)>) {
    for (i, b) in blocks.iter().enumerate() {
        let path = format!("{prefix}.{i}");
        match b {
            // A quote's text is the one paragraph inside its blockquote
            // (body.ts); a picture's caption and alt text are not prose.
            Block::Paragraph { content }
            | Block::Subheading { content }
            | Block::Quote { content, .. } => out.push((path, inline_text(content))),
            Block::Image(_) => {}
            Block::BulletList { items } | Block::OrderedList { items } => {
                for (j, item) in items.iter().enumerate() {
                    let item_path = format!("{path}.items.{j}");
                    out.push((item_path.clone(), inline_text(&item.content)));
                    self::blocks(&item.children, &format!("{item_path}.children"), out);
                }
            }
        }
    }
}

/// Runs every check: spelling in the release's language (with the office
/// dictionary's words and the contacts' names accepted), English grammar
/// and the style's rules. Findings come in field order, then by offset.
pub struct Checker {
    spelling: spelling::Dictionaries,
    #[cfg(feature = "grammar")]
    grammar: grammar::Grammar,
}

/// Whether this build has Harper's grammar checks (the `grammar` feature:
/// the app always, the static command line not; see Cargo.toml).
pub const HAS_GRAMMAR: bool = cfg!(feature = "grammar");

impl Checker {
    /// Dictionaries are looked for in `dir` (see [`spelling::dictionary_dir`]).
    pub fn new(dir: std::path::PathBuf) -> Checker {
        Checker {
            spelling: spelling::Dictionaries::new(dir),
            #[cfg(feature = "grammar")]
            grammar: grammar::Grammar::default(),
        }
    }

    pub fn check(&mut self, r: &Release, style: &Style, office_words: &[String]) -> Vec<Finding> {
        let fields = fields(r);
        let mut out = self.spelling.check(r, &fields, office_words);
        #[cfg(feature = "grammar")]
        if text::is_english(&r.language) {
            out.extend(self.grammar.check(&r.language, &fields));
        }
        out.extend(style::check(r, &fields, style));
        // Findings about the release as a whole first, then the fields.
        let order: Vec<&str> = [
            "language",
            "contacts",
            "headline",
            "dateline.city",
            "dateline.date",
        ]
        .into_iter()
        .chain(fields.iter().map(|f| f.path.as_str()))
        .collect();
        let rank = |f: &Finding| {
            order
                .iter()
                .position(|p| *p == f.field)
                .unwrap_or(usize::MAX)
        };
        out.sort_by(|a, b| {
            (rank(a), a.start, a.end, &a.rule).cmp(&(rank(b), b.start, b.end, &b.rule))
        });
        out
    }
}

impl Checker {
    /// The findings and the counts, for the editor.
    pub fn report(&mut self, r: &Release, style: &Style, office_words: &[String]) -> Report {
        let findings = self.check(r, style, office_words);
        let (mut words, mut characters) = (0, 0);
        for f in fields(r) {
            // Titles and organizations of contacts are not the release's text.
            if f.path.starts_with("contacts.") || f.path == "dateline.city" {
                continue;
            }
            words += f
                .text
                .split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count();
            characters += f.text.chars().count();
        }
        Report {
            findings,
            words: words as u32,
            characters: characters as u32,
            headline_characters: r.headline.trim().chars().count() as u32,
            headline_max: style.headline_max as u32,
        }
    }
}

/// Findings as text, one a line: "field start-end rule: message (fix: ...)".
pub fn to_text(findings: &[Finding]) -> String {
    let mut out = String::new();
    for f in findings {
        out.push_str(&format!(
            "{} {}-{} {}: {}",
            f.field, f.start, f.end, f.rule, f.message
        ));
        if let Some(s) = &f.suggestion {
            out.push_str(&format!(" (fix: \"{s}\")"));
        } else if !f.alternatives.is_empty() {
            out.push_str(&format!(" (try: {})", f.alternatives.join(", ")));
        }
        out.push('\n');
    }
    let n = findings.len();
    out.push_str(&match n {
        0 => "no findings\n".to_string(),
        1 => "1 finding\n".to_string(),
        n => format!("{n} findings\n"),
    });
    out
}
