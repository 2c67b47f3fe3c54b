//! Plain-text export, for e-mail and wire services.
//!
//! Paragraphs separated by blank lines, lists with "- " and "1. ", links as
//! "text (url)", subheadings on their own, quotes indented with the
//! speaker after a dash, a picture as its caption (or alt text) in square
//! brackets, the timing line where the house style puts it, the closing
//! blocks in the style's order.
//! Optional wrapping at N columns (never inside a word) and CRLF endings.

use super::view::{Item, Run, View};
use super::Options;
use crate::house_style::Section;

pub fn render(v: &View, opts: &Options) -> String {
    let mut blocks: Vec<String> = Vec::new();
    if v.style.timing_on_top {
        blocks.extend(v.timing_line.clone());
    }
    let mut top = v.type_label.clone();
    if !v.reference.is_empty() {
        top = if top.is_empty() {
            v.reference.clone()
        } else {
            format!("{top}\n{}", v.reference)
        };
    }
    if !top.is_empty() {
        blocks.push(top);
    }
    if !v.style.timing_on_top {
        blocks.extend(v.timing_line.clone());
    }
    if !v.headline.is_empty() {
        blocks.push(v.headline.clone());
    }
    if !v.subheadline.is_empty() {
        blocks.push(v.subheadline.clone());
    }
    let mut items = v.items.iter().peekable();
    if v.has_lead() {
        if let Some(Item::Paragraph(runs)) = items.next() {
            blocks.push(format!("{}{}", v.dateline, runs_plain(runs)));
        }
    } else {
        blocks.push(v.dateline_alone());
    }
    push_items(items, &mut blocks);
    for section in v.sections {
        match section {
            Section::Contacts if !v.contact_groups.is_empty() => {
                let mut c = vec![v.labels.contact_heading.to_string()];
                for g in &v.contact_groups {
                    if !g.heading.is_empty() {
                        c.push(g.heading.clone());
                    }
                    c.extend(g.contacts.iter().map(|c| c.line(v.labels.comma)));
                }
                blocks.push(c.join("\n"));
            }
            Section::About => {
                for a in &v.about {
                    blocks.push(a.heading.clone());
                    blocks.extend(a.paragraphs.iter().cloned());
                }
            }
            Section::Notes if !v.notes.is_empty() => {
                let mut n = vec![v.labels.notes_to_editors.to_string()];
                for note in &v.notes {
                    let (lead, rest) = note.lead();
                    if let Some(runs) = lead {
                        n.push(format!("{}{}", note.marker(), runs_plain(runs)));
                    }
                    let mut sub = Vec::new();
                    push_items(rest.iter(), &mut sub);
                    n.extend(sub);
                }
                blocks.push(n.join("\n"));
            }
            Section::EndMark => blocks.extend(v.end_mark.map(str::to_string)),
            _ => {}
        }
    }
    let text = blocks
        .iter()
        .map(|b| {
            if opts.wrap > 0 {
                wrap_block(b, opts.wrap)
            } else {
                b.clone()
            }
        })
        .collect::<Vec<_>>()
        .join("\n\n");
    let mut out = text;
    out.push('\n');
    if opts.crlf {
        out = out.replace('\n', "\r\n");
    }
    out
}

/// Body items as text blocks; consecutive list items make one block.
fn push_items<'a>(items: impl Iterator<Item = &'a Item>, blocks: &mut Vec<String>) {
    let mut list: Vec<String> = Vec::new();
    for item in items {
        if !matches!(item, Item::ListItem { .. }) && !list.is_empty() {
            blocks.push(list.join("\n"));
            list.clear();
        }
        match item {
            Item::Paragraph(runs) | Item::Subheading(runs) => {
                let t = runs_plain(runs);
                if !t.trim().is_empty() {
                    blocks.push(t);
                }
            }
            Item::Quote { runs, speaker } => {
                let mut q = format!(
                    "{QUOTE_INDENT}{}",
                    runs_plain(runs).replace('\n', &format!("\n{QUOTE_INDENT}"))
                );
                if !speaker.is_empty() {
                    q.push_str(&format!("\n{QUOTE_INDENT}— {speaker}"));
                }
                blocks.push(q);
            }
            Item::Picture(p) => {
                let text = if p.caption.is_empty() {
                    &p.alt
                } else {
                    &p.caption
                };
                if !text.is_empty() {
                    blocks.push(format!("[{text}]"));
                }
            }
            Item::ListItem { path, index, runs } => {
                let indent = "   ".repeat(path.len().saturating_sub(1));
                let marker = if path.last().copied().unwrap_or(false) {
                    format!("{}. ", index + 1)
                } else {
                    "- ".into()
                };
                list.push(format!("{indent}{marker}{}", runs_plain(runs)));
            }
        }
    }
    if !list.is_empty() {
        blocks.push(list.join("\n"));
    }
}

/// Quotes are set apart by this indent (wrapping keeps it).
const QUOTE_INDENT: &str = "    ";

fn runs_plain(runs: &[Run]) -> String {
    let mut s = String::new();
    for r in runs {
        s.push_str(&r.text);
        if let Some(link) = &r.link {
            let shown = link.strip_prefix("mailto:").unwrap_or(link);
            if shown != r.text.trim() {
                s.push_str(&format!(" ({link})"));
            }
        }
    }
    s
}

/// Wraps each line of a block at `width` columns, counting characters;
/// continuation lines of a list item are indented under its text.
fn wrap_block(block: &str, width: usize) -> String {
    block
        .lines()
        .map(|line| {
            let indent: String = {
                let lead = line.len() - line.trim_start().len();
                let rest = &line[lead..];
                let marker = if rest.starts_with("- ") {
                    2
                } else {
                    rest.find(". ")
                        .filter(|&i| i <= 3 && rest[..i].chars().all(|c| c.is_ascii_digit()))
                        .map(|i| i + 2)
                        .unwrap_or(0)
                };
                " ".repeat(lead + marker)
            };
            let mut out = String::new();
            let mut col = 0;
            for (i, word) in line.split(' ').enumerate() {
                let w = word.chars().count();
                if i > 0 {
                    if col + 1 + w > width && col > indent.len() {
                        out.push('\n');
                        out.push_str(&indent);
                        col = indent.len();
                    } else {
                        out.push(' ');
                        col += 1;
                    }
                }
                out.push_str(word);
                col += w;
            }
            out
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::view;
    use crate::sample;

    #[test]
    fn reads_like_the_seed() {
        let r = sample::release();
        let t = render(&view::build(&r).unwrap(), &Options::default());
        // The UN style prints no timing line for an immediate release.
        assert!(
            t.starts_with("PRESS RELEASE\nNRC/PR/2026/07\n\nNorthern Rivers"),
            "{t}"
        );
        assert!(t.contains("\n\nPort Aurel, 12 March 2026 – The Northern Rivers Commission"));
        assert!(t.contains("- issue warnings by text message"));
        assert!(t.contains("the Commission’s website (https://nrc.example.org/forecasts)"));
        assert!(t.contains("For more information, please contact:\nAna Corvell, Communications Officer, Northern Rivers Commission, press@nrc.example.org, +99 21 555 0142"));
        assert!(t.ends_with("\n\n###\n"));
    }

    #[test]
    fn wraps_and_uses_crlf() {
        let r = sample::release();
        let opts = Options {
            wrap: 40,
            crlf: true,
            ..Options::default()
        };
        let t = render(&view::build(&r).unwrap(), &opts);
        assert!(t.contains("\r\n"));
        assert!(!t.replace("\r\n", "").contains('\n'));
        for line in t.split("\r\n") {
            let long_word = line.split(' ').any(|w| w.chars().count() > 40);
            assert!(line.chars().count() <= 40 || long_word, "{line}");
        }
    }
}
