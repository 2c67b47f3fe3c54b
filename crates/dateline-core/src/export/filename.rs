//! Safe default file names for exports: "YYYY-MM-DD slug vN DRAFT.docx".
//!
//! `sanitize-filename` with its Windows rules always on removes reserved
//! characters and names (CON, NUL, LPT9...), so a file named on Linux can be
//! opened by a reviewer on Windows. The name is also cut to a byte budget on
//! a character boundary, since file systems limit bytes, not characters.

use crate::clean;

/// Most file systems allow 255 bytes per name; keep room for the suffix.
const MAX_STEM_BYTES: usize = 120;

/// Turns free text into a safe file-name stem; falls back to "release".
pub fn safe_stem(text: &str) -> String {
    let line = clean::line(text);
    let opts = sanitize_filename::Options {
        windows: true,
        truncate: true,
        replacement: "",
    };
    let mut s = sanitize_filename::sanitize_with_options(line, opts);
    // Trailing dots and spaces are stripped by Windows and confuse readers.
    s = s
        .trim_matches(|c: char| c == '.' || c.is_whitespace())
        .to_string();
    let mut cut = String::new();
    for c in s.chars() {
        if cut.len() + c.len_utf8() > MAX_STEM_BYTES {
            break;
        }
        cut.push(c);
    }
    let cut = cut
        .trim_end_matches(|c: char| c == '.' || c.is_whitespace())
        .to_string();
    let check = sanitize_filename::sanitize_with_options(
        &cut,
        sanitize_filename::Options {
            windows: true,
            truncate: true,
            replacement: "",
        },
    );
    if cut.is_empty() || check != cut || is_reserved(&cut) {
        "release".to_string()
    } else {
        cut
    }
}

fn is_reserved(stem: &str) -> bool {
    let base = stem
        .split('.')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_uppercase();
    matches!(base.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || (base.len() == 4
            && (base.starts_with("COM") || base.starts_with("LPT"))
            && base.as_bytes()[3].is_ascii_digit())
}

/// A short slug of the headline: its first words, at most ~60 bytes.
pub fn slug(headline: &str) -> String {
    let mut out = String::new();
    for w in clean::line(headline).split(' ') {
        if !out.is_empty() && out.len() + w.len() + 1 > 60 {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// "2024-05-17 Head of office concludes visit v3 DRAFT.docx"; final exports drop "DRAFT".
pub fn export_name(
    date: &str,
    headline: &str,
    version: u32,
    draft: bool,
    kind: super::ExportFormat,
) -> String {
    let mut stem = format!("{} {}", date.trim(), slug(headline));
    if version > 0 {
        stem.push_str(&format!(" v{version}"));
    }
    if draft {
        stem.push_str(" DRAFT");
    }
    stem.push_str(kind.name_suffix());
    format!("{}.{}", safe_stem(&stem), kind.extension())
}

/// Sanitizes a name the user typed (e.g. on the command line), keeping its extension.
pub fn sanitize_user_name(name: &str) -> String {
    let (stem, ext) = match name.rsplit_once('.') {
        Some((s, e))
            if !s.is_empty()
                && !e.is_empty()
                && e.len() <= 8
                && e.chars().all(|c| c.is_ascii_alphanumeric()) =>
        {
            (s, Some(e))
        }
        _ => (name, None),
    };
    let stem = safe_stem(stem);
    match ext {
        Some(e) => format!("{stem}.{}", e.to_ascii_lowercase()),
        None => stem,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::ExportFormat;

    #[test]
    fn clearance_names() {
        assert_eq!(
            export_name(
                "2024-05-17",
                "Head of office concludes visit",
                3,
                true,
                ExportFormat::Docx
            ),
            "2024-05-17 Head of office concludes visit v3 DRAFT.docx"
        );
        assert_eq!(
            export_name("2024-05-17", "A: b/c?", 4, false, ExportFormat::Docx),
            "2024-05-17 A bc v4.docx"
        );
    }

    #[test]
    fn fragment_names_do_not_clash_with_pages() {
        assert_eq!(
            export_name("2024-05-17", "A", 4, false, ExportFormat::HtmlFragment),
            "2024-05-17 A v4 fragment.html"
        );
    }

    #[test]
    fn hostile_names() {
        for (input, expected) in [
            ("CON", "release"),
            ("nul.docx", "release.docx"),
            ("LPT9", "release"),
            ("report.", "report"),
            ("a:b*?.docx", "ab.docx"),
            ("../../x", "x"),
            ("\u{0}\u{1}///", "release"),
            ("", "release"),
        ] {
            assert_eq!(sanitize_user_name(input), expected, "{input:?}");
        }
        let long = "é".repeat(300);
        let s = sanitize_user_name(&format!("{long}.docx"));
        assert!(s.len() <= MAX_STEM_BYTES + 5, "{}", s.len());
        assert!(s.ends_with(".docx"));
    }
}
