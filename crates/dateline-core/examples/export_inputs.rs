//! Writes the inputs of the CLI-vs-pandoc comparison into OUTDIR:
//! `<name>.dateline.json` (for `dateline export`) and `<name>.md` (the same
//! text as Markdown, for pandoc), for the typical release (the welcome sample)
//! and for `sample::long(n)` with n = 100, 1000, 10000 paragraphs.
//!
//!     cargo run --release -p dateline-core --example export_inputs -- OUTDIR

use std::fmt::Write as _;
use std::path::PathBuf;

use dateline_core::model::*;
use dateline_core::{file_format, sample};

fn inline_md(content: &[Inline]) -> String {
    let mut s = String::new();
    for i in content {
        let mut t = i.text.replace('\n', "  \n");
        if i.bold && i.italic {
            t = format!("***{t}***");
        } else if i.bold {
            t = format!("**{t}**");
        } else if i.italic {
            t = format!("*{t}*");
        }
        if let Some(l) = &i.link {
            t = format!("[{t}]({l})");
        }
        s.push_str(&t);
    }
    s
}

fn blocks_md(blocks: &[Block], indent: usize, out: &mut String) {
    for b in blocks {
        match b {
            Block::Paragraph { content } => {
                let _ = writeln!(out, "{}\n", inline_md(content));
            }
            Block::Subheading { content } => {
                let _ = writeln!(out, "## {}\n", inline_md(content));
            }
            Block::Quote { content, speaker } => {
                let _ = writeln!(out, "> {}\n>\n> — {speaker}\n", inline_md(content));
            }
            Block::Image(img) => {
                let _ = writeln!(out, "{}\n", img.caption);
            }
            Block::BulletList { items } | Block::OrderedList { items } => {
                let ordered = matches!(b, Block::OrderedList { .. });
                for (k, it) in items.iter().enumerate() {
                    let mark = if ordered {
                        format!("{}.", k + 1)
                    } else {
                        "-".into()
                    };
                    let _ = writeln!(
                        out,
                        "{}{} {}",
                        " ".repeat(indent),
                        mark,
                        inline_md(&it.content)
                    );
                    let mut sub = String::new();
                    blocks_md(&it.children, indent + 4, &mut sub);
                    out.push_str(&sub);
                }
                out.push('\n');
            }
        }
    }
}

/// The release as Markdown, with the same text the exporters print.
fn to_markdown(r: &Release) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{}\n", r.type_label);
    if !r.reference.is_empty() {
        let _ = writeln!(out, "{}\n", r.reference);
    }
    match &r.timing {
        Timing::Immediate => out.push_str("FOR IMMEDIATE RELEASE\n\n"),
        Timing::Embargoed {
            until, time_zone, ..
        } => {
            let _ = writeln!(out, "EMBARGOED UNTIL {until} ({time_zone})\n");
        }
    }
    let _ = writeln!(out, "# {}\n", r.headline);
    if !r.subheadline.is_empty() {
        let _ = writeln!(out, "## {}\n", r.subheadline);
    }
    let _ = write!(out, "**{}, {}** – ", r.dateline.city, r.dateline.date);
    blocks_md(&r.body, 0, &mut out);
    if let Some(m) = r.end_mark.text() {
        let _ = writeln!(out, "{}\n", m.replace('#', "\\#").replace('*', "\\*"));
    }
    if r.contacts().next().is_some() {
        out.push_str("## Contacts\n\n");
        for c in r.contacts() {
            let _ = writeln!(
                out,
                "{}, {}, {}, {}, {}\n",
                c.name, c.title, c.organization, c.email, c.phone
            );
        }
    }
    if !r.about.is_empty() {
        out.push_str("## About\n\n");
        for a in &r.about {
            let _ = writeln!(out, "{}\n", a.text);
        }
    }
    if !r.notes_to_editors.is_empty() {
        out.push_str("## Notes to editors\n\n");
        blocks_md(&r.notes_to_editors, 0, &mut out);
    }
    out
}

fn main() {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .expect("usage: export_inputs OUTDIR"),
    );
    std::fs::create_dir_all(&dir).unwrap();
    let mut items = vec![("typical".to_string(), sample::release())];
    for n in [100usize, 1000, 10000] {
        items.push((format!("long{n}"), sample::long(n)));
    }
    for (name, r) in items {
        std::fs::write(
            dir.join(format!("{name}.dateline.json")),
            file_format::to_string(&r).unwrap(),
        )
        .unwrap();
        std::fs::write(dir.join(format!("{name}.md")), to_markdown(&r)).unwrap();
    }
    println!(
        "export_inputs: wrote typical, long100, long1000, long10000 to {}",
        dir.display()
    );
}
