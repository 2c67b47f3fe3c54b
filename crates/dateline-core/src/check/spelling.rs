//! Spelling through `spellbook` (MPL-2.0) and Hunspell dictionaries read at
//! run time (never embedded: they would add megabytes to the CLI), from
//! `DATELINE_DICTIONARIES` or the installed folder (`crate::install`: Debian's
//! `hunspell-en-gb`, `-en-us`, `-fr`, `-es`, `-ru`, `-ar`).
//!
//! A missing or unreadable dictionary is one finding naming the file that
//! was looked for, never a panic; the other checks still run.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use spellbook::Dictionary;

use super::text::words;
use super::{Field, Finding};
use crate::model::Release;

/// Where dictionaries are read from: `DATELINE_DICTIONARIES` when set,
/// otherwise where the installer put them ([`crate::install`]).
pub fn dictionary_dir() -> PathBuf {
    match std::env::var_os("DATELINE_DICTIONARIES") {
        Some(d) if !d.is_empty() => PathBuf::from(d),
        _ => crate::install::dictionary_dir(),
    }
}

/// The dictionary file stem for a language tag: the region's own when it
/// is installed ("fr-CA" -> fr_CA), else the language's default. A bare
/// "en" is British, as `dates::long_date` treats it.
pub fn dictionary_name(tag: &str, dir: &Path) -> String {
    let tag = tag.trim().replace('_', "-");
    let mut parts = tag.split('-');
    let lang = parts.next().unwrap_or("").to_ascii_lowercase();
    if let Some(region) = parts.find(|p| p.len() == 2 && p.chars().all(|c| c.is_ascii_alphabetic()))
    {
        let name = format!("{lang}_{}", region.to_ascii_uppercase());
        if dir.join(format!("{name}.dic")).exists() {
            return name;
        }
    }
    match lang.as_str() {
        "en" => "en_GB".into(),
        "es" => "es_ES".into(),
        "ru" => "ru_RU".into(),
        "de" => "de_DE".into(),
        "pt" => "pt_PT".into(),
        "it" => "it_IT".into(),
        other => other.to_string(),
    }
}

/// Loaded dictionaries by file stem; a failure is remembered too, so a
/// missing dictionary is looked for once per checker.
pub struct Dictionaries {
    dir: PathBuf,
    loaded: HashMap<String, Result<Arc<Dictionary>, String>>,
    /// Suggestions by (dictionary, word), kept between checks: computing
    /// them is Hunspell's slow part, and a re-check after a keystroke meets
    /// the same misspellings again.
    suggestions: HashMap<(String, String), Vec<String>>,
}

/// Past this many cached suggestions the cache starts again.
const SUGGESTION_CACHE: usize = 10_000;

impl Dictionaries {
    pub fn new(dir: PathBuf) -> Dictionaries {
        Dictionaries {
            dir,
            loaded: HashMap::new(),
            suggestions: HashMap::new(),
        }
    }

    /// The dictionary for a language tag, or a message naming what is missing.
    pub fn get(&mut self, tag: &str) -> Result<Arc<Dictionary>, String> {
        let name = dictionary_name(tag, &self.dir);
        let dir = &self.dir;
        self.loaded
            .entry(name.clone())
            .or_insert_with(|| load(dir, &name).map(Arc::new))
            .clone()
    }

    /// Spelling findings for every field, in the release's language.
    pub fn check(
        &mut self,
        r: &Release,
        fields: &[Field],
        office_words: &[String],
    ) -> Vec<Finding> {
        let dict = match self.get(&r.language) {
            Ok(d) => d,
            Err(message) => return vec![Finding::new("dictionary", "language", (0, 0), message)],
        };
        let accepted = Accepted::new(r, office_words);
        let name = dictionary_name(&r.language, &self.dir);
        if self.suggestions.len() > SUGGESTION_CACHE {
            self.suggestions.clear();
        }
        let mut out = Vec::new();
        for field in fields {
            for w in words(&field.text) {
                if accepted.contains(&w.text) || correct(&dict, &w.text) {
                    continue;
                }
                let alternatives = self
                    .suggestions
                    .entry((name.clone(), w.text.clone()))
                    .or_insert_with(|| suggest(&dict, &w.text))
                    .clone();
                let mut f = Finding::new(
                    "spelling",
                    &field.path,
                    (w.start, w.end),
                    format!("\"{}\" is not in the {name} dictionary", w.text),
                );
                f.alternatives = alternatives;
                out.push(f);
            }
        }
        out
    }
}

fn load(dir: &Path, name: &str) -> Result<Dictionary, String> {
    let read = |ext: &str| {
        let path = dir.join(format!("{name}.{ext}"));
        std::fs::read_to_string(&path)
            .map(|s| s.trim_start_matches('\u{feff}').to_string())
            .map_err(|e| {
                format!(
                    "no spelling dictionary \"{name}\" for this language: could not read {} ({e}); \
                     install it (e.g. the hunspell package for the language) or set DATELINE_DICTIONARIES",
                    path.display()
                )
            })
    };
    let aff = read("aff")?;
    let dic = read("dic")?;
    Dictionary::new(&aff, &dic).map_err(|e| {
        format!(
            "the spelling dictionary \"{name}\" in {} could not be read: {e}",
            dir.display()
        )
    })
}

/// Typographic apostrophes are checked as the dictionaries spell them.
fn correct(dict: &Dictionary, word: &str) -> bool {
    dict.check(word) || (word.contains('\u{2019}') && dict.check(&word.replace('\u{2019}', "'")))
}

fn suggest(dict: &Dictionary, word: &str) -> Vec<String> {
    let mut out = Vec::new();
    dict.suggest(word, &mut out);
    out.truncate(5);
    out
}

/// Words never flagged: the office dictionary's and the contacts' names.
struct Accepted {
    words: HashSet<String>,
}

impl Accepted {
    fn new(r: &Release, office_words: &[String]) -> Accepted {
        let mut words = HashSet::new();
        for w in office_words {
            words.insert(w.trim().to_lowercase());
        }
        for c in r.contacts() {
            for w in super::text::words(&c.name) {
                words.insert(w.text.to_lowercase());
            }
        }
        Accepted { words }
    }

    fn contains(&self, w: &str) -> bool {
        let lower = w.to_lowercase();
        // A possessive of a name: "Amara's".
        let stem = lower
            .strip_suffix("'s")
            .or_else(|| lower.strip_suffix("\u{2019}s"))
            .unwrap_or(&lower);
        self.words.contains(&lower) || self.words.contains(stem)
    }
}
