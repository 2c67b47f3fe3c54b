//! Word counts, the way an editor (and Word) counts them in every script.
//!
//! Chinese and Japanese are written without spaces, so splitting on spaces
//! would count a whole Chinese paragraph as one word. Each Han, Hiragana or
//! Katakana character counts as one instead, as Word's count does; every
//! other script counts runs of letters and digits between spaces and
//! punctuation (Korean separates its words with spaces, so it counts words).
//! The script of a character comes from ICU4X's Unicode data, not a table of
//! ranges kept here.

use icu::properties::props::Script;
use icu::properties::CodePointMapData;

use crate::model::{inline_text, Block, Release};

/// True for the characters that count one each.
fn counts_alone(c: char) -> bool {
    matches!(
        CodePointMapData::<Script>::new().get(c),
        Script::Han | Script::Hiragana | Script::Katakana
    )
}

/// The number of words in `text`.
pub fn count(text: &str) -> usize {
    let mut n = 0;
    let mut in_word = false;
    for c in text.chars() {
        if counts_alone(c) {
            n += 1;
            in_word = false;
        } else if c.is_alphanumeric() || (in_word && is_joiner(c)) {
            if !in_word {
                n += 1;
                in_word = true;
            }
        } else if !is_mark(c) {
            in_word = false;
        }
    }
    n
}

/// Characters inside a word that do not end it: "don't", "e-mail", "3.5",
/// the zero-width joiner and non-joiner of Persian and Urdu.
fn is_joiner(c: char) -> bool {
    matches!(
        c,
        '\'' | '’' | '-' | '‐' | '.' | ',' | '\u{200C}' | '\u{200D}' | '\u{00AD}'
    )
}

/// Combining marks (Arabic vowel signs, Hebrew points, accents typed
/// separately) belong to the letter before them.
fn is_mark(c: char) -> bool {
    use icu::properties::props::GeneralCategory;
    use icu::properties::props::GeneralCategoryGroup;
    GeneralCategoryGroup::Mark.contains(CodePointMapData::<GeneralCategory>::new().get(c))
}

/// The words of a release's text: headline, subheadline and body, the part
/// an officer is asked to keep to a length.
pub fn of_release(r: &Release) -> usize {
    fn blocks(bs: &[Block]) -> usize {
        bs.iter()
            .map(|b| match b {
                Block::Paragraph { content } | Block::Subheading { content } => {
                    count(&inline_text(content))
                }
                Block::Quote { content, speaker } => count(&inline_text(content)) + count(speaker),
                Block::Image(image) => count(&image.caption),
                Block::BulletList { items } | Block::OrderedList { items } => items
                    .iter()
                    .map(|i| count(&inline_text(&i.content)) + blocks(&i.children))
                    .sum(),
            })
            .sum()
    }
    count(&r.headline) + count(&r.subheadline) + blocks(&r.body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaced_scripts_count_words() {
        assert_eq!(count("The Lakeshore Authority opened 2 labs."), 6);
        assert_eq!(count("l’Office régional, e-mail: 3.5 %"), 4);
        assert_eq!(count("افتتحت هيئة المياه الساحلية اليوم"), 5);
        // Vowel signs stay inside their word.
        assert_eq!(count("مَدْرَسَة جديدة"), 2);
        // Persian's zero-width non-joiner is inside a word.
        assert_eq!(count("می\u{200C}خواهم بروم"), 2);
        assert_eq!(count("Лесная служба открыла центр"), 4);
        assert_eq!(count("해안 수자원청이 새 정수장을 열었다"), 5);
        assert_eq!(count("  \n — ! "), 0);
    }

    #[test]
    fn chinese_and_japanese_count_characters() {
        assert_eq!(count("海岸水务局今天开放新水厂"), 12);
        // Punctuation does not count; a Latin word and a number inside do.
        assert_eq!(count("水务局（CWA）开放了2座水厂。"), 11);
        assert_eq!(count("ひらがなとカタカナ"), 9);
    }

    #[test]
    fn a_release_counts_its_headline_and_body() {
        let r = crate::sample::release();
        let by_hand = count(&r.headline) + count(&r.subheadline) + count(&r.body_plain_text());
        assert_eq!(of_release(&r), by_hand);
        assert!(of_release(&r) > 50);
    }
}
