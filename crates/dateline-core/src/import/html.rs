//! Web pages, through html5ever (by way of `dom_query`): the text of the
//! release and its structure, nothing else. Scripts, styles, forms and
//! embedded objects are skipped, never run or kept; only `href` survives
//! as a link target. When the page has an `<article>` or `<main>`, only that
//! is read, which leaves a newsroom's menus and footers out.

use dom_query::{Document as Html, NodeRef};

use super::{BlockKind, Document};
use crate::model::Inline;

const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "head", "nav", "form", "button", "select",
    "textarea", "svg", "math", "iframe", "object", "embed", "canvas", "video", "audio", "img",
    "picture",
];
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "address",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "dl",
    "dt",
    "dd",
    "figure",
    "figcaption",
    "hr",
    "center",
    "body",
];

pub fn read(text: &str) -> Document {
    let html = Html::from(text);
    let root = html
        .select("article")
        .nodes()
        .first()
        .cloned()
        .or_else(|| html.select("main").nodes().first().cloned())
        .or_else(|| html.body())
        .unwrap_or_else(|| html.root());
    let mut w = Walker {
        doc: Document::default(),
        runs: Vec::new(),
        bold: 0,
        italic: 0,
        link: None,
        lists: Vec::new(),
        kind: BlockKind::Paragraph,
    };
    w.walk(&root);
    w.flush();
    w.doc
}

struct Walker {
    doc: Document,
    runs: Vec<Inline>,
    bold: u32,
    italic: u32,
    link: Option<String>,
    lists: Vec<bool>,
    kind: BlockKind,
}

impl Walker {
    fn flush(&mut self) {
        let runs = std::mem::take(&mut self.runs);
        self.doc.push(self.kind, runs);
    }

    fn walk(&mut self, node: &NodeRef) {
        for child in node.children() {
            if child.is_text() {
                // HTML collapses white space.
                let raw = child.text().to_string();
                let mut t = String::new();
                let mut space = false;
                for c in raw.chars() {
                    if c.is_whitespace() && c != '\u{a0}' {
                        space = true;
                    } else {
                        // A space between words, also across an element
                        // boundary ("<b>board</b> met").
                        let after_text = !t.is_empty()
                            || self
                                .runs
                                .last()
                                .is_some_and(|r| !r.text.ends_with([' ', '\n']));
                        if space && after_text {
                            t.push(' ');
                        }
                        space = false;
                        t.push(c);
                    }
                }
                if space && !t.is_empty() {
                    t.push(' ');
                }
                if !t.is_empty() {
                    self.runs.push(Inline {
                        text: t,
                        bold: self.bold > 0,
                        italic: self.italic > 0,
                        link: self.link.clone(),
                    });
                }
                continue;
            }
            if !child.is_element() {
                continue;
            }
            let name = child
                .node_name()
                .map(|n| n.to_ascii_lowercase())
                .unwrap_or_default();
            let name = name.as_str();
            if SKIP.contains(&name) {
                continue;
            }
            match name {
                "br" => self.runs.push(Inline::plain("\n")),
                "b" | "strong" => {
                    self.bold += 1;
                    self.walk(&child);
                    self.bold -= 1;
                }
                "i" | "em" | "cite" => {
                    self.italic += 1;
                    self.walk(&child);
                    self.italic -= 1;
                }
                "a" => {
                    let outer = self.link.take();
                    self.link = child
                        .attr("href")
                        .map(|h| h.trim().to_string())
                        .filter(|h| {
                            let l = h.to_ascii_lowercase();
                            ["http://", "https://", "mailto:", "tel:"]
                                .iter()
                                .any(|p| l.starts_with(p))
                        });
                    self.walk(&child);
                    self.link = outer;
                }
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                    self.block(
                        &child,
                        BlockKind::Heading {
                            level: name[1..].parse().unwrap_or(2),
                        },
                    );
                }
                "blockquote" => self.block(&child, BlockKind::Quote),
                "ul" | "ol" => {
                    self.flush();
                    self.lists.push(name == "ol");
                    self.walk(&child);
                    self.flush();
                    self.lists.pop();
                }
                "li" => {
                    let kind = BlockKind::ListItem {
                        ordered: self.lists.last().copied().unwrap_or(false),
                        level: self.lists.len().saturating_sub(1).min(8) as u8,
                    };
                    self.block(&child, kind);
                }
                n if BLOCKS.contains(&n) => {
                    let kind = if matches!(self.kind, BlockKind::Quote | BlockKind::ListItem { .. })
                    {
                        self.kind
                    } else {
                        BlockKind::Paragraph
                    };
                    self.block(&child, kind);
                }
                _ => self.walk(&child),
            }
        }
    }

    fn block(&mut self, node: &NodeRef, kind: BlockKind) {
        self.flush();
        let outer = self.kind;
        self.kind = kind;
        self.walk(node);
        self.flush();
        self.kind = outer;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_text_and_drops_scripts() {
        let doc = read(
            r#"<html><head><title>x</title><style>p{}</style></head><body>
            <nav>Home | News</nav><article><h1>Headline</h1>
            <p>GENEVA, 1 June 2026 – The <b>board</b> met <a href="javascript:alert(1)">here</a> and
            <a href="https://example.org/a">there</a>.<script>document.write('evil')</script></p>
            <ul><li>one<ul><li>two</li></ul></li></ul><blockquote>Quoted</blockquote>
            <p>Jane Doe<br>jane@example.org</p></article></body></html>"#,
        );
        let texts: Vec<String> = doc.blocks.iter().map(|b| b.text()).collect();
        assert_eq!(texts[0], "Headline");
        assert_eq!(
            texts[1],
            "GENEVA, 1 June 2026 – The board met here and there."
        );
        assert!(doc.blocks[1]
            .runs
            .iter()
            .all(|r| r.link.as_deref() != Some("javascript:alert(1)")));
        assert!(!texts
            .iter()
            .any(|t| t.contains("evil") || t.contains("Home")));
        assert_eq!(
            doc.blocks[3].kind,
            BlockKind::ListItem {
                ordered: false,
                level: 1
            }
        );
        assert_eq!(doc.blocks[4].kind, BlockKind::Quote);
        assert_eq!(texts[5], "Jane Doe\njane@example.org");
    }
}
