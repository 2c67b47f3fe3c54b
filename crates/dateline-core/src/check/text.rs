//! Splitting field text into the words the spelling check looks at, with
//! char offsets. URLs, e-mail addresses, anything with a digit and
//! ALL-CAPS acronyms are left out: no dictionary knows them.

/// Is the language tag English ("en", "en-GB", "en-US", ...)?
pub(crate) fn is_english(tag: &str) -> bool {
    let t = tag.trim().to_ascii_lowercase();
    t == "en" || t.starts_with("en-") || t.starts_with("en_")
}

/// A word and its char span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// Letters and marks (Arabic vowel signs are marks) make up words.
fn is_word_char(c: char) -> bool {
    c.is_alphabetic() || matches!(c, '\u{0300}'..='\u{036F}' | '\u{064B}'..='\u{065F}' | '\u{0670}')
}

/// The words of `text` to spell-check. Hyphenated compounds are split into
/// their parts; apostrophes inside a word are kept ("don't", "l'eau").
pub(crate) fn words(text: &str) -> Vec<Word> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    // Whitespace-separated chunks first, so a URL or an address is
    // skipped whole rather than word by word.
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && !chars[i].is_whitespace() {
            i += 1;
        }
        let chunk: String = chars[start..i].iter().collect();
        if is_address(&chunk) {
            continue;
        }
        chunk_words(&chars[start..i], start, &mut out);
    }
    out
}

fn is_address(chunk: &str) -> bool {
    let lower = chunk.to_lowercase();
    lower.contains("://")
        || lower.starts_with("www.")
        || lower.contains("www.")
        || chunk.contains('@')
}

fn chunk_words(chars: &[char], offset: usize, out: &mut Vec<Word>) {
    let mut i = 0;
    while i < chars.len() {
        if !is_word_char(chars[i]) && !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len()
            && (is_word_char(chars[i])
                || chars[i].is_ascii_digit()
                || (is_apostrophe(chars[i])
                    && i + 1 < chars.len()
                    && is_word_char(chars[i + 1])
                    && i > start))
        {
            i += 1;
        }
        let w: String = chars[start..i].iter().collect();
        if keep(&w) {
            out.push(Word {
                text: w,
                start: offset + start,
                end: offset + i,
            });
        }
    }
}

/// Numbers, words with digits ("COVID-19" parts, "G20") and acronyms are
/// not dictionary words.
fn keep(w: &str) -> bool {
    if w.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    let letters: Vec<char> = w.chars().filter(|c| c.is_alphabetic()).collect();
    let all_caps = letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase());
    !all_caps
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<String> {
        words(s).into_iter().map(|w| w.text).collect()
    }

    #[test]
    fn skips_urls_emails_numbers_and_acronyms() {
        assert_eq!(
            texts("See https://example.org/a-b or mail press@example.org: UNICEF gave 42 G20 well-known don't"),
            ["See", "or", "mail", "gave", "well", "known", "don't"]
        );
    }

    #[test]
    fn offsets_are_chars() {
        let w = words("Café élan");
        assert_eq!((w[1].start, w[1].end), (5, 9));
    }
}
