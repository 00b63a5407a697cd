//! The cleaned article and its ledger.

use std::sync::Arc;

use serde::Serialize;

use crate::label::{Label, Reason};
use crate::meta::Meta;
use crate::page::{Block, BlockKind, InputKind};

/// One entry of the ledger: a run of consecutive blocks that left the body for one reason.
///
/// ```
/// use dechrome::clean;
/// let a = clean("Text of the article.\n\nShare this article\n");
/// let r = &a.removed()[0];
/// assert_eq!((r.rule(), r.lines(), r.text()), ("generic/share", (3, 3), "Share this article"));
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Removal {
    rule: String,
    label: &'static str,
    lines: [u32; 2],
    text: String,
}

impl Removal {
    /// The rule id (`set/rule`) or heuristic (`heuristic:name(score)`) that removed the run.
    ///
    /// ```
    /// # use dechrome::clean;
    /// assert_eq!(clean("x\n\nAdvertisement").removed()[0].rule(), "generic/advertisement");
    /// ```
    pub fn rule(&self) -> &str {
        &self.rule
    }

    /// What the run became: `chrome`, `meta`, `title` or `summary`.
    ///
    /// ```
    /// # use dechrome::clean;
    /// assert_eq!(clean("x\n\nAdvertisement").removed()[0].label(), "chrome");
    /// ```
    pub fn label(&self) -> &str {
        self.label
    }

    /// First and last input line of the run (one-based, inclusive).
    ///
    /// ```
    /// # use dechrome::clean;
    /// assert_eq!(clean("x\n\nAdvertisement").removed()[0].lines(), (3, 3));
    /// ```
    pub fn lines(&self) -> (u32, u32) {
        (self.lines[0], self.lines[1])
    }

    /// The first line of the removed text.
    ///
    /// ```
    /// # use dechrome::clean;
    /// assert_eq!(clean("x\n\nAdvertisement").removed()[0].text(), "Advertisement");
    /// ```
    pub fn text(&self) -> &str {
        &self.text
    }
}

/// A block with the label cleaning gave it. See [`Article::blocks`].
///
/// ```
/// use dechrome::{clean, Label};
/// let a = clean("Body text.\n\nAdvertisement\n");
/// let labels: Vec<Label> = a.blocks().map(|b| b.label()).collect();
/// assert_eq!(labels, [Label::Body, Label::Chrome]);
/// ```
#[derive(Clone, Copy, Debug)]
pub struct LabelledBlock<'a> {
    block: &'a Block,
    label: Label,
    reason: &'a Reason,
}

impl<'a> LabelledBlock<'a> {
    /// The block.
    ///
    /// ```
    /// # use dechrome::clean;
    /// let a = clean("Body.");
    /// assert_eq!(a.blocks().next().unwrap().block().text(), "Body.");
    /// ```
    pub fn block(&self) -> &'a Block {
        self.block
    }

    /// Its label.
    ///
    /// ```
    /// # use dechrome::{clean, Label};
    /// assert_eq!(clean("Body.").blocks().next().unwrap().label(), Label::Body);
    /// ```
    pub fn label(&self) -> Label {
        self.label
    }

    /// What decided the label.
    ///
    /// ```
    /// # use dechrome::{clean, Reason};
    /// assert_eq!(clean("Body.").blocks().next().unwrap().reason(), &Reason::Default);
    /// ```
    pub fn reason(&self) -> &'a Reason {
        self.reason
    }
}

/// The result of cleaning one page: title, summary, body, metadata and the ledger.
///
/// ```
/// use dechrome::clean;
/// let a = clean("An article paragraph.\n\nSubscribe to our newsletter\n");
/// assert_eq!(a.body(), "An article paragraph.");
/// assert_eq!(a.removed().len(), 1);
/// ```
#[derive(Clone, Debug)]
pub struct Article {
    pub(crate) input: InputKind,
    pub(crate) blocks: Vec<Block>,
    pub(crate) labels: Vec<(Label, Reason)>,
    pub(crate) title: Option<String>,
    pub(crate) summary: Option<String>,
    pub(crate) body: String,
    pub(crate) meta: Meta,
    pub(crate) site: Option<Arc<str>>,
}

impl Article {
    pub(crate) fn assemble(
        input: InputKind,
        blocks: Vec<Block>,
        labels: Vec<(Label, Reason)>,
        title: Option<String>,
        summary: Vec<String>,
        meta: Meta,
        site: Option<Arc<str>>,
    ) -> Article {
        let body = crate::render::body_text(&blocks, &labels);
        let summary = (!summary.is_empty()).then(|| summary.join("\n\n"));
        Article {
            input,
            blocks,
            labels,
            title,
            summary,
            body,
            meta,
            site,
        }
    }

    /// The title, when one was found.
    ///
    /// ```
    /// # use dechrome::clean;
    /// assert_eq!(clean("just text").title(), None);
    /// ```
    pub fn title(&self) -> Option<&str> {
        self.title.as_deref()
    }

    /// The summary or standfirst, when one was found.
    ///
    /// ```
    /// # use dechrome::{Cleaner, Options};
    /// let page = " date 2025-01-02 Left Menu\n\nTitle\n\nThe deck.\n\nDesk | Updated: 02-01-2025 10:00 IST | Created: 02-01-2025 09:00 IST\n\nBody.";
    /// let a = Cleaner::new().clean(page, &Options::default());
    /// assert_eq!((a.title(), a.summary()), (Some("Title"), Some("The deck.")));
    /// ```
    pub fn summary(&self) -> Option<&str> {
        self.summary.as_deref()
    }

    /// The article body as text: paragraphs separated by one blank line, the input's line
    /// breaks kept inside a paragraph, no trailing newline.
    ///
    /// ```
    /// # use dechrome::clean;
    /// assert_eq!(clean("One\ntwo\n\n\nThree\n").body(), "One\ntwo\n\nThree");
    /// ```
    pub fn body(&self) -> &str {
        &self.body
    }

    /// The metadata.
    ///
    /// ```
    /// # use dechrome::clean;
    /// assert!(clean("Body.").meta().is_empty());
    /// ```
    pub fn meta(&self) -> &Meta {
        &self.meta
    }

    /// Name of the site rule set that was applied, if any.
    ///
    /// ```
    /// # use dechrome::clean;
    /// assert_eq!(clean("Body.").site(), None);
    /// ```
    pub fn site(&self) -> Option<&str> {
        self.site.as_deref()
    }

    /// Whether the input was read as HTML or text.
    ///
    /// ```
    /// # use dechrome::{clean, InputKind};
    /// assert_eq!(clean("Body.").input_kind(), InputKind::Text);
    /// ```
    pub fn input_kind(&self) -> InputKind {
        self.input
    }

    /// Every block of the page, in order, with its label and reason.
    ///
    /// ```
    /// # use dechrome::clean;
    /// assert_eq!(clean("a\nb").blocks().len(), 2);
    /// ```
    pub fn blocks(&self) -> impl ExactSizeIterator<Item = LabelledBlock<'_>> {
        self.blocks
            .iter()
            .zip(&self.labels)
            .map(|(block, (label, reason))| LabelledBlock {
                block,
                label: *label,
                reason,
            })
    }

    /// The ledger: every run of blocks that is not body, with the rule or heuristic that took
    /// it out, in page order.
    ///
    /// ```
    /// # use dechrome::clean;
    /// let a = clean("Body.\n\nShare this article\nAdvertisement");
    /// let rules: Vec<_> = a.removed().iter().map(|r| r.rule().to_string()).collect();
    /// assert_eq!(rules, ["generic/share", "generic/advertisement"]);
    /// ```
    pub fn removed(&self) -> Vec<Removal> {
        self.runs()
            .map(|run| {
                let (label, reason) = &self.labels[run.first];
                Removal {
                    rule: reason.to_string(),
                    label: label.as_str(),
                    lines: run.lines,
                    text: self.blocks[run.first]
                        .line()
                        .lines()
                        .next()
                        .unwrap_or("")
                        .to_string(),
                }
            })
            .collect()
    }

    /// The runs of the ledger, in order: consecutive blocks that left the body with the same
    /// label and reason.
    fn runs(&self) -> impl Iterator<Item = Run> + '_ {
        let mut i = 0;
        // Every block has a label; `min` keeps a mismatch from ever indexing past either.
        let n = self.blocks.len().min(self.labels.len());
        std::iter::from_fn(move || {
            while i < n && self.labels[i].0 == Label::Body {
                i += 1;
            }
            if i >= n {
                return None;
            }
            let first = i;
            let mut last = first;
            while last + 1 < n && self.labels[last + 1] == self.labels[first] {
                last += 1;
            }
            i = last + 1;
            Some(Run {
                first,
                lines: [self.blocks[first].first_line, self.blocks[last].last_line],
            })
        })
    }

    /// Bytes of block text removed from the body (chrome and meta), and of all block text.
    ///
    /// ```
    /// # use dechrome::clean;
    /// let a = clean("Body.\n\nAdvertisement\n");
    /// assert_eq!(a.removed_bytes(), (13, 18));
    /// ```
    pub fn removed_bytes(&self) -> (usize, usize) {
        let mut removed = 0;
        let mut total = 0;
        for (b, (l, _)) in self.blocks.iter().zip(&self.labels) {
            total += b.line.len();
            if *l != Label::Body {
                removed += b.line.len();
            }
        }
        (removed, total)
    }

    /// Render as Markdown: `# title`, the summary, then the body with headings and lists.
    ///
    /// ```
    /// # use dechrome::clean;
    /// assert_eq!(clean("Para one.\n\n- item\n").to_markdown(), "Para one.\n\n- item\n");
    /// ```
    pub fn to_markdown(&self) -> String {
        crate::render::markdown(self)
    }

    /// Render as one line of JSON: title, summary, body, meta, site, input and the ledger.
    ///
    /// ```
    /// # use dechrome::clean;
    /// let json = clean("Body.").to_json();
    /// assert!(json.starts_with(r#"{"title":null,"summary":null,"body":"Body.""#));
    /// ```
    pub fn to_json(&self) -> String {
        let mut out = Vec::new();
        self.write_json(&mut out);
        // sonic-rs writes valid UTF-8 (it copies the strings whole, escapes as ASCII).
        String::from_utf8(out).expect("sonic-rs writes UTF-8")
    }

    /// Append [`to_json`](Self::to_json)'s bytes to `out`, without a string of their own (a
    /// JSONL line is written around them).
    ///
    /// ```
    /// # use dechrome::clean;
    /// let a = clean("Body.");
    /// let mut out = b"[".to_vec();
    /// a.write_json(&mut out);
    /// assert_eq!(out[1..], *a.to_json().as_bytes());
    /// ```
    pub fn write_json(&self, out: &mut Vec<u8>) {
        // Sized for the common case, so the buffer does not grow by copying: every block's
        // text is written once (in the body or in the ledger), plus the ledger's keys.
        let text: usize = self.blocks.iter().map(|b| b.line.len() + 2).sum();
        out.reserve(text + text / 8 + 256);
        sonic_rs::to_writer(&mut *out, &self.json()).expect("article JSON serialises");
    }

    fn json(&self) -> ArticleJson<'_> {
        ArticleJson {
            title: self.title.as_deref(),
            summary: self.summary.as_deref(),
            body: &self.body,
            meta: &self.meta,
            site: self.site.as_deref(),
            input: self.input.as_str(),
            removed: Ledger(self),
        }
    }

    pub(crate) fn body_blocks(&self) -> impl Iterator<Item = &Block> {
        self.blocks
            .iter()
            .zip(&self.labels)
            .filter(|(_, (l, _))| *l == Label::Body)
            .map(|(b, _)| b)
    }
}

#[derive(Serialize)]
struct ArticleJson<'a> {
    title: Option<&'a str>,
    summary: Option<&'a str>,
    body: &'a str,
    meta: &'a Meta,
    site: Option<&'a str>,
    input: &'static str,
    removed: Ledger<'a>,
}

/// A run of the ledger: its first block and its lines.
struct Run {
    first: usize,
    lines: [u32; 2],
}

/// The ledger as JSON, written from the article's labels without building a [`Removal`]
/// (and its two strings) per run: the same objects as `removed()` serialised.
struct Ledger<'a>(&'a Article);

/// One run of [`Ledger`], borrowing what [`Removal`] owns; the reason is written through its
/// `Display`.
#[derive(Serialize)]
struct RunJson<'a> {
    #[serde(serialize_with = "display")]
    rule: &'a Reason,
    label: &'static str,
    lines: [u32; 2],
    text: &'a str,
}

fn display<S: serde::Serializer>(r: &&Reason, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(*r)
}

impl Serialize for Ledger<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let a = self.0;
        let mut seq = s.serialize_seq(None)?;
        for run in a.runs() {
            let (label, reason) = &a.labels[run.first];
            seq.serialize_element(&RunJson {
                rule: reason,
                label: label.as_str(),
                lines: run.lines,
                text: a.blocks[run.first].line().lines().next().unwrap_or(""),
            })?;
        }
        seq.end()
    }
}

pub(crate) fn is_heading(b: &Block) -> Option<u8> {
    match b.kind {
        BlockKind::Heading(l) => Some(l),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    /// `to_json` writes the ledger from the labels directly: it must be `removed()`, serialised.
    #[test]
    fn json_ledger_is_removed_serialised() {
        let pages = crate::test_pages();
        for page in &pages {
            let a = crate::clean(page);
            let json: serde_json::Value = serde_json::from_str(&a.to_json()).unwrap();
            let removed = serde_json::to_value(a.removed()).unwrap();
            assert_eq!(json["removed"], removed);
        }
        assert!(pages.len() > 10);
        // Runs merge only equal neighbours: two reasons in a row are two entries.
        let a = crate::clean("Body text.\n\nAdvertisement\n\nShare this article\n\nMore body.");
        let rules: Vec<String> = a.removed().iter().map(|r| r.rule().to_string()).collect();
        assert_eq!(rules, ["generic/advertisement", "generic/share"]);
    }
}
