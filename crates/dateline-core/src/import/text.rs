//! Plain text: finding the encoding, and cutting the text into paragraphs.
//!
//! Encodings: UTF-8 (with or without a byte-order mark), UTF-16 LE/BE (by
//! their byte-order mark), and, for text that is not UTF-8, the two legacy
//! Windows code pages press offices' old files come in: Windows-1252
//! (Western) and Windows-1251 (Cyrillic), told apart by `chardetng` (the
//! detector Firefox uses). Anything else is refused rather than guessed.
//!
//! Paragraphs are separated by blank lines. Inside a paragraph, lines that
//! were wrapped at a fixed width (e-mail) are joined again; short lines
//! (a contact block, a type label over a reference) keep their breaks.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1251, WINDOWS_1252};

use super::{BlockKind, Document, ImportError};
use crate::model::Inline;

/// Bytes to text, refusing binary data and unknown encodings.
pub fn decode(bytes: &[u8]) -> Result<String, ImportError> {
    if let Some((enc, bom)) = Encoding::for_bom(bytes) {
        return decode_with(enc, &bytes[bom..]);
    }
    refuse_binary(bytes)?;
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(normalise_newlines(s));
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let guess = det.guess(None, chardetng::Utf8Detection::Allow);
    if guess == WINDOWS_1252 || guess == WINDOWS_1251 {
        decode_with(guess, bytes)
    } else {
        Err(ImportError::UnknownEncoding {
            detail: format!(
                "it is not UTF-8, and looks like {}, which is not one of UTF-16, Windows-1252 or Windows-1251",
                guess.name()
            ),
        })
    }
}

/// Like [`decode`], but a web page's own `<meta charset>` is believed
/// first, except over bytes that are valid UTF-8 (a page saved again as
/// UTF-8 often keeps its old declaration; legacy text is almost never
/// valid UTF-8 by chance).
pub fn decode_html(bytes: &[u8]) -> Result<String, ImportError> {
    if Encoding::for_bom(bytes).is_none() && std::str::from_utf8(bytes).is_err() {
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_lowercase();
        if let Some(i) = head.find("charset=") {
            let label: String = head[i + 8..]
                .trim_start_matches(['"', '\''])
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect();
            if let Some(enc) = Encoding::for_label(label.as_bytes()) {
                if enc != UTF_16LE && enc != UTF_16BE {
                    refuse_binary(bytes)?;
                    return decode_with(enc, bytes);
                }
            }
        }
    }
    decode(bytes)
}

fn decode_with(enc: &'static Encoding, bytes: &[u8]) -> Result<String, ImportError> {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(ImportError::UnknownEncoding {
            detail: format!("it has bytes that are not valid {}", enc.name()),
        });
    }
    if enc == UTF_16LE || enc == UTF_16BE || enc == UTF_8 {
        // A UTF-16 file can hide binary data too.
        if text.chars().any(|c| c == '\0') {
            return Err(ImportError::Binary {
                detail: "it contains NUL characters".into(),
            });
        }
    }
    Ok(normalise_newlines(&text))
}

/// Text files have no NUL bytes and few control characters; anything else
/// (an image, a PDF, an old .doc) is refused here rather than shown as
/// garbage in the fields.
fn refuse_binary(bytes: &[u8]) -> Result<(), ImportError> {
    if bytes.starts_with(b"%PDF") {
        return Err(ImportError::Binary {
            detail: "it is a PDF".into(),
        });
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(ImportError::Binary {
            detail: "it is an old Word (.doc) or other Office container; save it as .docx".into(),
        });
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return Err(ImportError::Binary {
            detail: "it is a zip package; if it is a Word file, name it .docx".into(),
        });
    }
    let sample = &bytes[..bytes.len().min(64 << 10)];
    if sample.contains(&0) {
        return Err(ImportError::Binary {
            detail: "it contains NUL bytes (UTF-16 text needs its byte-order mark)".into(),
        });
    }
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
        .count();
    if controls * 100 > sample.len() {
        return Err(ImportError::Binary {
            detail: format!(
                "{controls} control bytes in its first {} bytes",
                sample.len()
            ),
        });
    }
    Ok(())
}

fn normalise_newlines(s: &str) -> String {
    s.replace("\r\n", "\n").replace('\r', "\n")
}

/// A list item's marker: "- ", "* ", "• ", "1. ", "2) ". Returns whether it
/// is numbered and the text after it.
pub fn list_marker(line: &str) -> Option<(bool, &str)> {
    let t = line.trim_start();
    // "* *** *" and "***" are end marks, not list items.
    if t.chars().all(|c| c == '*' || c == ' ') {
        return None;
    }
    for m in ["- ", "* ", "• ", "· ", "▪ ", "– ", "o "] {
        if let Some(rest) = t.strip_prefix(m) {
            if m == "o " && !line.starts_with(' ') {
                continue;
            }
            return Some((false, rest.trim_start()));
        }
    }
    let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
    if (1..=2).contains(&digits) {
        let rest = &t[digits..];
        if let Some(r) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return Some((true, r.trim_start()));
        }
    }
    None
}

/// Joins the lines of a paragraph that were wrapped at a fixed width.
/// Lines are kept apart when they are short and unequal (a contact block)
/// or carry e-mail addresses (one contact per line).
pub fn unwrap_lines(lines: &[&str]) -> Vec<String> {
    if lines.len() < 2 {
        return lines.iter().map(|l| l.trim().to_string()).collect();
    }
    let lens: Vec<usize> = lines.iter().map(|l| l.trim().chars().count()).collect();
    let max = lens.iter().copied().max().unwrap_or(0);
    // A line ending in a colon is a heading ("Media contact:"), and a
    // two-line block whose first line ends a sentence is two lines.
    let ends = |l: &str| l.trim_end().ends_with([':', '：']);
    let two_sentences = lines.len() == 2 && lines[0].trim_end().ends_with(['.', '!', '?', '。']);
    // Lines with an e-mail address are contact lines, unless every break
    // falls inside a sentence ("… may also / be sent to media@…").
    let mid_sentence = lines.windows(2).all(|w| {
        let prev = w[0].trim_end();
        let next = w[1].trim_start();
        prev.ends_with(|c: char| c.is_alphanumeric() || c == ')')
            && next.starts_with(|c: char| c.is_lowercase() || c == '(')
            && !next
                .split_whitespace()
                .next()
                .is_some_and(|t| t.contains('@'))
    });
    let wrapped = (50..=100).contains(&max)
        && lens[..lens.len() - 1].iter().all(|&l| l * 10 >= max * 7)
        && !lines.iter().any(|l| ends(l))
        && (mid_sentence || !lines.iter().any(|l| l.contains('@')))
        && !two_sentences;
    if wrapped {
        vec![lines.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ")]
    } else if max > 100 {
        // Long unwrapped lines are paragraphs of their own (text pasted
        // from a web page or Word has one paragraph per line).
        lines.iter().map(|l| l.trim().to_string()).collect()
    } else {
        vec![lines
            .iter()
            .map(|l| l.trim())
            .collect::<Vec<_>>()
            .join("\n")]
    }
}

/// Cuts decoded plain text into paragraphs and list items.
pub fn read(text: &str) -> Document {
    let mut doc = Document::default();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for chunk in split_blank(text) {
        let lines: Vec<&str> = chunk.lines().collect();
        let mut plain: Vec<&str> = Vec::new();
        let mut i = 0;
        while i < lines.len() {
            if let Some((ordered, rest)) = list_marker(lines[i]) {
                flush(&mut doc, &mut plain);
                let indent = lines[i].len() - lines[i].trim_start().len();
                let mut item = rest.trim().to_string();
                // Continuation lines of a wrapped item are indented.
                while i + 1 < lines.len()
                    && list_marker(lines[i + 1]).is_none()
                    && lines[i + 1].starts_with(' ')
                {
                    i += 1;
                    item.push(' ');
                    item.push_str(lines[i].trim());
                }
                doc.push(
                    BlockKind::ListItem {
                        ordered,
                        level: ((indent + 1) / 3).min(8) as u8,
                    },
                    vec![Inline::plain(item)],
                );
            } else {
                plain.push(lines[i]);
            }
            i += 1;
        }
        flush(&mut doc, &mut plain);
    }
    doc
}

fn flush(doc: &mut Document, lines: &mut Vec<&str>) {
    for p in unwrap_lines(lines) {
        doc.push(BlockKind::Paragraph, vec![Inline::plain(p)]);
    }
    lines.clear();
}

fn split_blank(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        } else {
            if !cur.is_empty() {
                cur.push('\n');
            }
            cur.push_str(line.trim_end());
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_the_encodings_offices_use() {
        let s = "Genève, le 21 juillet 2023 – Communiqué";
        assert_eq!(decode(s.as_bytes()).unwrap(), s);
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(s.as_bytes());
        assert_eq!(decode(&bom).unwrap(), s);
        let long = format!("{s}. Les « partenaires » se réjouissent de l’accord conclu à Genève, où l’été a été chaud.");
        let (w, _, _) = WINDOWS_1252.encode(&long);
        assert!(decode(&w).unwrap().starts_with(s));
        let ru = "Бишкек, 17 мая 2024 года – Министерство сообщило о новой программе поддержки фермеров в регионах.";
        let (c, _, _) = WINDOWS_1251.encode(ru);
        assert_eq!(decode(&c).unwrap(), ru);
        let mut le = vec![0xFF, 0xFE];
        le.extend(s.encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(decode(&le).unwrap(), s);
        let mut be = vec![0xFE, 0xFF];
        be.extend(s.encode_utf16().flat_map(|u| u.to_be_bytes()));
        assert_eq!(decode(&be).unwrap(), s);
        assert_eq!(decode(b"a\r\nb\rc").unwrap(), "a\nb\nc");
    }

    #[test]
    fn refuses_binary_and_unknown_encodings() {
        let bin: Vec<u8> = (0..=255u8).cycle().take(4000).collect();
        assert!(matches!(decode(&bin), Err(ImportError::Binary { .. })));
        assert!(matches!(
            decode(b"%PDF-1.7 ..."),
            Err(ImportError::Binary { .. })
        ));
        // Shift_JIS Japanese: neither UTF-8 nor a supported code page.
        let (sj, _, _) = encoding_rs::SHIFT_JIS
            .encode("報道発表：新しい協力協定が締結されました。東京で記者会見が行われます。");
        assert!(
            matches!(decode(&sj), Err(ImportError::UnknownEncoding { .. })),
            "{:?}",
            decode(&sj)
        );
    }

    #[test]
    fn joins_wrapped_lines_and_keeps_short_ones() {
        let doc = read("PRESS RELEASE\nPR/2026/014\n\nThe ministry announced today that a new programme of\nsupport for farmers will open in all regions from June,\nwith grants for irrigation.\n\n- one\n- two\n   1. nested\n");
        let texts: Vec<String> = doc.blocks.iter().map(|b| b.text()).collect();
        assert_eq!(texts[0], "PRESS RELEASE\nPR/2026/014");
        assert!(
            texts[1].starts_with("The ministry announced today that a new programme of support")
        );
        assert_eq!(
            doc.blocks[2].kind,
            BlockKind::ListItem {
                ordered: false,
                level: 0
            }
        );
        assert_eq!(
            doc.blocks[4].kind,
            BlockKind::ListItem {
                ordered: true,
                level: 1
            }
        );
    }
}
