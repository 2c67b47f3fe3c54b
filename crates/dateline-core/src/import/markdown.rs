//! Markdown, through `pulldown-cmark`: headings, lists, block quotes, bold,
//! italic and links become the same paragraphs a Word file gives. Raw HTML
//! inside the Markdown is dropped, never interpreted.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::{BlockKind, Document};
use crate::model::Inline;

pub fn read(text: &str) -> Document {
    let mut doc = Document::default();
    let mut runs: Vec<Inline> = Vec::new();
    let (mut bold, mut italic) = (0u32, 0u32);
    let mut link: Option<String> = None;
    // Each open list: whether it is numbered.
    let mut lists: Vec<bool> = Vec::new();
    let mut quote = 0u32;
    let mut heading: Option<u8> = None;
    let kind = |heading: Option<u8>, lists: &[bool], quote: u32| {
        if let Some(level) = heading {
            BlockKind::Heading { level }
        } else if let Some(&ordered) = lists.last() {
            BlockKind::ListItem {
                ordered,
                level: (lists.len() - 1).min(8) as u8,
            }
        } else if quote > 0 {
            BlockKind::Quote
        } else {
            BlockKind::Paragraph
        }
    };
    let flush = |doc: &mut Document, runs: &mut Vec<Inline>, k: BlockKind| {
        if runs.is_empty() {
            return;
        }
        // Soft breaks were kept as "\n": join them back when the paragraph
        // was only wrapped, keep them when its lines are a structure.
        let text: String = runs.iter().map(|r| r.text.as_str()).collect();
        let lines: Vec<&str> = text.split('\n').collect();
        if lines.len() > 1
            && super::text::unwrap_lines(&lines).len() == 1
            && !super::text::unwrap_lines(&lines)[0].contains('\n')
        {
            for r in runs.iter_mut() {
                r.text = r.text.replace('\n', " ");
            }
        }
        doc.push(k, std::mem::take(runs));
    };
    for ev in Parser::new(text) {
        match ev {
            Event::Start(Tag::Heading { level, .. }) => {
                flush(&mut doc, &mut runs, kind(heading, &lists, quote));
                heading = Some(level as u8);
            }
            Event::End(TagEnd::Heading(_)) => {
                flush(&mut doc, &mut runs, kind(heading, &lists, quote));
                heading = None;
            }
            Event::Start(Tag::List(first)) => {
                flush(&mut doc, &mut runs, kind(heading, &lists, quote));
                lists.push(first.is_some());
            }
            Event::End(TagEnd::List(_)) => {
                flush(&mut doc, &mut runs, kind(heading, &lists, quote));
                lists.pop();
            }
            Event::Start(Tag::Item) | Event::End(TagEnd::Item) => {
                flush(&mut doc, &mut runs, kind(heading, &lists, quote))
            }
            Event::Start(Tag::BlockQuote(_)) => {
                flush(&mut doc, &mut runs, kind(heading, &lists, quote));
                quote += 1;
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                flush(&mut doc, &mut runs, kind(heading, &lists, quote));
                quote = quote.saturating_sub(1);
            }
            Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph) => {
                flush(&mut doc, &mut runs, kind(heading, &lists, quote))
            }
            Event::Start(Tag::Strong) => bold += 1,
            Event::End(TagEnd::Strong) => bold = bold.saturating_sub(1),
            Event::Start(Tag::Emphasis) => italic += 1,
            Event::End(TagEnd::Emphasis) => italic = italic.saturating_sub(1),
            Event::Start(Tag::Link { dest_url, .. }) => link = Some(dest_url.to_string()),
            Event::End(TagEnd::Link) => link = None,
            Event::Text(t) | Event::Code(t) => runs.push(Inline {
                text: t.to_string(),
                bold: bold > 0,
                italic: italic > 0,
                link: link.clone(),
            }),
            Event::SoftBreak | Event::HardBreak => runs.push(Inline::plain("\n")),
            Event::Rule => flush(&mut doc, &mut runs, kind(heading, &lists, quote)),
            // Raw HTML, footnotes, math, images: not text of the release.
            _ => {}
        }
    }
    flush(&mut doc, &mut runs, kind(heading, &lists, quote));
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_structure_and_marks() {
        let doc = read("# Headline here\n\nLead with **bold** and [a link](https://example.org).\n\n- one\n  1. sub\n\n> A quote\n\n<script>alert(1)</script>\n");
        assert_eq!(doc.blocks[0].kind, BlockKind::Heading { level: 1 });
        assert!(doc.blocks[1]
            .runs
            .iter()
            .any(|r| r.bold && r.text == "bold"));
        assert!(doc.blocks[1]
            .runs
            .iter()
            .any(|r| r.link.as_deref() == Some("https://example.org")));
        assert_eq!(
            doc.blocks[2].kind,
            BlockKind::ListItem {
                ordered: false,
                level: 0
            }
        );
        assert_eq!(
            doc.blocks[3].kind,
            BlockKind::ListItem {
                ordered: true,
                level: 1
            }
        );
        assert_eq!(doc.blocks[4].kind, BlockKind::Quote);
        assert!(!doc.blocks.iter().any(|b| b.text().contains("alert")));
    }
}
