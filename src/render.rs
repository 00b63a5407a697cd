//! Text and Markdown rendering of the body.

use crate::article::{is_heading, Article};
use crate::label::{Label, Reason};
use crate::page::{Block, BlockKind};

/// Body text: paragraphs separated by a blank line, line breaks inside a paragraph kept.
pub(crate) fn body_text(blocks: &[Block], labels: &[(Label, Reason)]) -> String {
    // Sized once: the body lines and at most two newlines before each.
    let len: usize = blocks
        .iter()
        .zip(labels)
        .filter(|(_, (l, _))| *l == Label::Body)
        .map(|(b, _)| b.line.len() + 2)
        .sum();
    let mut out = String::with_capacity(len);
    let mut prev_para: Option<u32> = None;
    for (b, (l, _)) in blocks.iter().zip(labels) {
        if *l != Label::Body {
            continue;
        }
        match prev_para {
            None => {}
            Some(p) if p == b.para => out.push('\n'),
            Some(_) => out.push_str("\n\n"),
        }
        out.push_str(&b.line);
        prev_para = Some(b.para);
    }
    out
}

/// Markdown: `# title`, summary, then the body with headings and list items marked up.
pub(crate) fn markdown(a: &Article) -> String {
    let mut out = String::new();
    if let Some(t) = a.title() {
        out.push_str("# ");
        out.push_str(&t.replace('\n', " "));
        out.push_str("\n\n");
    }
    if let Some(s) = a.summary() {
        for (i, p) in s.split("\n\n").enumerate() {
            if i > 0 {
                out.push_str(">\n");
            }
            for line in p.lines() {
                out.push_str("> ");
                out.push_str(line);
                out.push('\n');
            }
        }
        out.push('\n');
    }
    // The text heuristics keep the headline in the body (ground truths include it) and also
    // make it the title: Markdown shows it once, as the `#` line.
    let body: Vec<&Block> = a.body_blocks().collect();
    let skip = a.title().map_or(0, |t| title_lead(&body, t));
    let mut prev: Option<&Block> = None;
    for &b in &body[skip..] {
        if let Some(p) = prev {
            let same_para = p.para == b.para;
            let both_items = p.kind == BlockKind::ListItem && b.kind == BlockKind::ListItem;
            if !(same_para || both_items) || is_heading(b).is_some() || is_heading(p).is_some() {
                out.push('\n');
            }
        }
        match (is_heading(b), b.kind) {
            (Some(level), _) => {
                let level = level.clamp(2, 6) as usize;
                out.push_str(&"#".repeat(level));
                out.push(' ');
                out.push_str(&b.text().replace('\n', " "));
            }
            (None, BlockKind::ListItem) => {
                let marker = b.marker().unwrap_or("-");
                let numbered = marker.ends_with(['.', ')'])
                    && marker[..marker.len() - 1]
                        .bytes()
                        .all(|c| c.is_ascii_digit());
                out.push_str(if numbered { marker } else { "-" });
                out.push(' ');
                out.push_str(&escape_line(b.text()));
            }
            (None, BlockKind::Preformatted) => {
                out.push_str("```\n");
                out.push_str(&b.line);
                out.push_str("\n```");
            }
            _ => {
                for (i, line) in b.line.split('\n').enumerate() {
                    if i > 0 {
                        out.push_str("  \n");
                    }
                    out.push_str(&escape_line(line));
                }
            }
        }
        out.push('\n');
        prev = Some(b);
    }
    out
}

/// How many leading body blocks (one paragraph) spell `title`, or 0.
fn title_lead(body: &[&Block], title: &str) -> usize {
    let title = title.replace('\n', " ");
    let Some(first) = body.first() else { return 0 };
    let mut text = String::new();
    for (i, b) in body
        .iter()
        .enumerate()
        .take_while(|(_, b)| b.para == first.para)
    {
        if i > 0 {
            text.push(' ');
        }
        text.push_str(&b.text().replace('\n', " "));
        if text == title {
            return i + 1;
        }
        if text.len() >= title.len() {
            break;
        }
    }
    0
}

/// Escape what would make a plain line start a Markdown construct.
fn escape_line(line: &str) -> std::borrow::Cow<'_, str> {
    let needs = line.starts_with(['#', '>', '-', '*', '+', '=', '|', '`'])
        || line.split_once(['.', ')']).is_some_and(|(n, _)| {
            !n.is_empty() && n.len() <= 9 && n.bytes().all(|c| c.is_ascii_digit())
        });
    if needs {
        std::borrow::Cow::Owned(format!("\\{line}"))
    } else {
        std::borrow::Cow::Borrowed(line)
    }
}

#[cfg(test)]
mod tests {
    use crate::{Cleaner, Options};

    /// The text heuristics keep the headline in the body and make it the title too; Markdown
    /// must not print it twice.
    #[test]
    fn markdown_shows_a_text_page_title_once() {
        let page =
            "Home | News | Sport\n\nCouncil approves new budget for schools\n\nBy Jane Doe\n\n\
            The council approved on Tuesday a new budget that will give the schools of the city \
            more money for teachers and books, the mayor said, adding that the plan had taken two \
            years to prepare and that it had the support of parents.\n\n\
            The vote was close, and the opposition said that the money would not be enough to \
            repair the buildings that need it most, and that it would ask the regional \
            government for a further grant next spring.\n";
        let a = Cleaner::new().clean(page, &Options::default());
        assert_eq!(a.title(), Some("Council approves new budget for schools"));
        assert!(a.body().starts_with("Council approves"), "{}", a.body());
        let md = a.to_markdown();
        assert_eq!(md.matches("Council approves new budget").count(), 1, "{md}");
        assert!(
            md.starts_with("# Council approves new budget for schools\n\nBy Jane Doe\n"),
            "{md}"
        );
    }
}
