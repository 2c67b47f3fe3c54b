//! The one place where user text is made safe for every export format.
//!
//! Pasted text carries characters that XML 1.0 forbids (Word's U+000B soft
//! break, form feeds, stray NULs, U+FFFE/U+FFFF). docx-rs writes them through
//! unfiltered and Word then refuses the whole file, so every exporter passes
//! text through [`text`] before handing it to a writer. Escaping itself is
//! left to the writers (docx-rs/our XML writer, askama), which escape exactly
//! once; this module never produces entities, so nothing is double-escaped.
//!
//! Unpaired surrogates cannot exist in a Rust `String`: serde_json turns a
//! lone `\uD800` from JavaScript into an error or U+FFFD at the IPC boundary,
//! so they are handled before text reaches here.

use std::borrow::Cow;

/// True for characters XML 1.0 allows (tab, LF and CR among the controls).
pub fn is_xml_char(c: char) -> bool {
    matches!(c,
        '\u{9}' | '\u{A}' | '\u{D}'
        | '\u{20}'..='\u{D7FF}'
        | '\u{E000}'..='\u{FFFD}'
        | '\u{10000}'..='\u{10FFFF}')
}

/// Cleans one piece of user text for export:
/// - `\r\n` and a lone `\r` become `\n`;
/// - U+000B (Word's soft line break) becomes `\n`, which exporters render as a line break;
/// - every other character XML 1.0 forbids is removed.
pub fn text(s: &str) -> Cow<'_, str> {
    if s.chars().all(|c| is_xml_char(c) && c != '\r') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\u{B}' => out.push('\n'),
            c if is_xml_char(c) => out.push(c),
            _ => {}
        }
    }
    Cow::Owned(out)
}

/// Like [`text`], then folds every line break and run of white space into one
/// space: for single-line fields such as a headline, a property or a file name.
pub fn line(s: &str) -> String {
    text(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Link schemes that exports keep. Anything else is dropped and the link text stays.
const SAFE_SCHEMES: [&str; 4] = ["http:", "https:", "mailto:", "tel:"];

/// Returns the link target if it is safe to publish, else `None`.
///
/// The target must start, with no leading white space or invisible
/// characters, with one of http, https, mailto or tel, compared without
/// regard to case. Obfuscations such as `java\tscript:`, `%20javascript:` or
/// a leading U+200B therefore never match a safe scheme and are dropped.
pub fn safe_link(target: &str) -> Option<String> {
    let cleaned = text(target);
    let t = cleaned.as_ref();
    if t.is_empty() || t.chars().any(|c| c.is_control() || c.is_whitespace()) {
        return None;
    }
    let lower = t.to_ascii_lowercase();
    if !SAFE_SCHEMES.iter().any(|s| lower.starts_with(s)) {
        return None;
    }
    if lower.starts_with("http") && !(lower.starts_with("http://") || lower.starts_with("https://"))
    {
        return None;
    }
    if t.chars().any(|c| matches!(c, '\u{2000}'..='\u{200F}' | '\u{FEFF}' | '\u{2028}'..='\u{202E}' | '\u{2060}'..='\u{2064}'))
    {
        return None;
    }
    Some(encode_url(t))
}

/// Percent-encodes the ASCII characters a URL may not contain (quotes,
/// angle brackets, braces, pipes, backslashes...), leaving valid escapes,
/// reserved characters and non-ASCII text (an IRI) as they are, so that a
/// pasted address becomes a valid `href` and Word hyperlink.
fn encode_url(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    let bytes = t.as_bytes();
    for (i, c) in t.char_indices() {
        let keep = c.is_ascii_alphanumeric()
            || "-._~:/?#[]@!$&'()*+,;=".contains(c)
            || !c.is_ascii()
            || (c == '%'
                && bytes.len() > i + 2
                && bytes[i + 1].is_ascii_hexdigit()
                && bytes[i + 2].is_ascii_hexdigit());
        if keep {
            out.push(c);
        } else {
            out.push_str(&format!("%{:02X}", c as u32));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_xml_illegal_characters() {
        let s = "a\u{0}b\u{8}c\u{C}d\u{E}e\u{1F}f\u{FFFE}g\u{FFFF}h";
        assert_eq!(text(s), "abcdefgh");
    }

    #[test]
    fn maps_vertical_tab_to_line_break_and_normalizes_cr() {
        assert_eq!(text("one\u{B}two\r\nthree\rfour"), "one\ntwo\nthree\nfour");
    }

    #[test]
    fn keeps_tab_emoji_and_bidi_text() {
        let s = "a\tb 👩\u{200D}👩\u{200D}👧 🇰🇬 e\u{301} \u{202E} مرحبا";
        assert_eq!(text(s), s);
    }

    #[test]
    fn never_produces_entities() {
        assert_eq!(
            text("AT&T Q&A <Draft> &amp; ]]>"),
            "AT&T Q&A <Draft> &amp; ]]>"
        );
    }

    #[test]
    fn line_folds_whitespace() {
        assert_eq!(line("  a\n b\u{B}\tc  "), "a b c");
    }

    #[test]
    fn safe_links() {
        for ok in [
            "https://example.org/a?b=1&c=2",
            "http://example.org",
            "mailto:press@example.org",
            "tel:+41227000000",
            "HTTPS://EXAMPLE.ORG",
        ] {
            assert_eq!(safe_link(ok).as_deref(), Some(ok), "{ok}");
        }
        assert_eq!(
            safe_link("https://example.org/\"><script>?q=a|b&x={y}%20").as_deref(),
            Some("https://example.org/%22%3E%3Cscript%3E?q=a%7Cb&x=%7By%7D%20")
        );
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            "%20javascript:alert(1)",
            "java\tscript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "vbscript:msgbox(1)",
            "file:///etc/passwd",
            "\u{2000}javascript:alert(1)",
            "\u{200B}https://example.org",
            "\u{FEFF}https://example.org",
            " https://example.org",
            "https:example.org",
            "",
            "/relative",
        ] {
            assert_eq!(safe_link(bad), None, "{bad:?}");
        }
    }
}
