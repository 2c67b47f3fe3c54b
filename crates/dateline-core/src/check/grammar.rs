//! English grammar from Harper (`harper-core`, Apache-2.0, offline), in the
//! dialect of the release's language tag (British for "en" and "en-GB").
//!
//! Harper's own spell check is turned off: spelling is Hunspell's job (see
//! `spelling`), with the office dictionary and the contacts' names, so a
//! word is never flagged twice by two dictionaries that disagree.

use std::collections::HashMap;

use harper_core::linting::{LintGroup, Suggestion};
use harper_core::spell::FstDictionary;
use harper_core::{Dialect, Document};

use super::{Field, Finding};

/// Harper's rules that overlap ours or the spelling check, or that go
/// against both house styles (UN and AP write "a, b and c", without the
/// serial comma).
const OFF: &[&str] = &["SpellCheck", "SentenceCapitalization", "OxfordComma"];

/// One lint group per dialect, built on first use (building one takes a
/// few milliseconds; it is reused for every check after).
#[derive(Default)]
pub struct Grammar {
    groups: HashMap<u8, LintGroup>,
}

/// The Harper dialect for an English language tag.
pub fn dialect(tag: &str) -> Dialect {
    let t = tag.trim().to_ascii_uppercase().replace('_', "-");
    match t.split('-').nth(1) {
        Some("US") => Dialect::American,
        Some("CA") => Dialect::Canadian,
        Some("AU") | Some("NZ") => Dialect::Australian,
        Some("IN") => Dialect::Indian,
        _ => Dialect::British,
    }
}

impl Grammar {
    /// Grammar findings for the prose fields.
    pub fn check(&mut self, language: &str, fields: &[Field]) -> Vec<Finding> {
        let d = dialect(language);
        let group = self.groups.entry(d as u8).or_insert_with(|| {
            let mut g = LintGroup::new_curated(FstDictionary::curated(), d);
            for rule in OFF {
                g.config.set_rule_enabled(*rule, false);
            }
            g
        });
        let mut out = Vec::new();
        for field in fields.iter().filter(|f| f.prose) {
            let chars: Vec<char> = field.text.chars().collect();
            let doc = Document::new_plain_english_curated(&field.text);
            for (rule, lints) in group.organized_lints(&doc) {
                for lint in lints {
                    let (start, end) = (lint.span.start, lint.span.end.min(chars.len()));
                    let mut f = Finding::new(
                        "grammar",
                        &field.path,
                        (start, end),
                        format!("{} ({rule})", lint.message),
                    );
                    let original: String = chars[start.min(end)..end].iter().collect();
                    let fixes: Vec<String> = lint
                        .suggestions
                        .iter()
                        .map(|s| match s {
                            Suggestion::ReplaceWith(c) => c.iter().collect(),
                            Suggestion::InsertAfter(c) => {
                                format!("{original}{}", c.iter().collect::<String>())
                            }
                            Suggestion::Remove => String::new(),
                        })
                        .collect();
                    // One suggestion is a fix; several are choices.
                    if fixes.len() == 1 {
                        f.suggestion = fixes.into_iter().next();
                    } else {
                        f.alternatives = fixes;
                    }
                    out.push(f);
                }
            }
        }
        out
    }
}
