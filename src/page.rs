//! The segmented page: an ordered list of blocks, whatever the input was.

use std::ops::Range;

/// What kind of input a page came from.
///
/// ```
/// use dechrome::InputKind;
/// assert_eq!(InputKind::Html.as_str(), "html");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum InputKind {
    /// Raw HTML.
    Html,
    /// Page text, as a scraper or a text renderer (w3m, inscriptis, …) produced it.
    Text,
}

impl InputKind {
    /// The lowercase name used in JSON output and on the command line.
    ///
    /// ```
    /// # use dechrome::InputKind;
    /// assert_eq!(InputKind::Text.as_str(), "text");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            InputKind::Html => "html",
            InputKind::Text => "text",
        }
    }
}

/// The structural kind of a block.
///
/// ```
/// use dechrome::BlockKind;
/// assert_eq!(BlockKind::Heading(2).as_str(), "heading");
/// assert_eq!(BlockKind::parse("list-item"), Some(BlockKind::ListItem));
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BlockKind {
    /// A heading, with its level (1–6).
    Heading(u8),
    /// A paragraph of running text (HTML `<p>` and the like).
    Paragraph,
    /// A list item (HTML `<li>`, or a text line that starts with a bullet or number).
    ListItem,
    /// A table cell or row.
    TableCell,
    /// Preformatted text (HTML `<pre>`).
    Preformatted,
    /// A plain line of page text, or an HTML text run of no more specific kind.
    Line,
}

impl BlockKind {
    /// The name rule files use for this kind (`kind = "list-item"`).
    ///
    /// ```
    /// # use dechrome::BlockKind;
    /// assert_eq!(BlockKind::TableCell.as_str(), "table-cell");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            BlockKind::Heading(_) => "heading",
            BlockKind::Paragraph => "paragraph",
            BlockKind::ListItem => "list-item",
            BlockKind::TableCell => "table-cell",
            BlockKind::Preformatted => "preformatted",
            BlockKind::Line => "line",
        }
    }

    /// Parse a kind name as written in rule files; headings parse as level 0 ("any level").
    ///
    /// ```
    /// # use dechrome::BlockKind;
    /// assert_eq!(BlockKind::parse("heading"), Some(BlockKind::Heading(0)));
    /// assert_eq!(BlockKind::parse("nope"), None);
    /// ```
    pub fn parse(s: &str) -> Option<BlockKind> {
        Some(match s {
            "heading" => BlockKind::Heading(0),
            "paragraph" => BlockKind::Paragraph,
            "list-item" => BlockKind::ListItem,
            "table-cell" => BlockKind::TableCell,
            "preformatted" => BlockKind::Preformatted,
            "line" => BlockKind::Line,
            _ => return None,
        })
    }

    /// Whether `self` satisfies a kind written in a rule (`Heading(0)` matches any level).
    pub(crate) fn satisfies(self, wanted: BlockKind) -> bool {
        match (self, wanted) {
            (BlockKind::Heading(_), BlockKind::Heading(0)) => true,
            (a, b) => a == b,
        }
    }
}

/// HTML-only features of a block. Filled by the HTML segmenter.
#[allow(dead_code)] // read by selector rules and HTML heuristics as they land
#[derive(Clone, Debug, Default)]
pub(crate) struct HtmlFeatures {
    /// Tag name of the block-level element the text run belongs to.
    pub(crate) tag: String,
    /// Landmark ancestors, as a bit set of [`Landmark`] flags.
    pub(crate) landmarks: u16,
    /// Lowercased class and id tokens of the element and its ancestors (nearest first),
    /// separated by single spaces.
    pub(crate) tokens: String,
    /// Characters of text inside links, over all characters.
    pub(crate) link_density: f32,
    /// A CSS path of the element (`html > body > div#main > p`).
    pub(crate) css_path: String,
    /// Index of the element's node in the parsed document, for selector rules.
    pub(crate) node: usize,
}

/// One unit of page text: a line of text input, or a block-level text run of HTML.
///
/// ```
/// use dechrome::{InputKind, Page};
/// let page = Page::from_text("Title\n\n  • First point\nsecond line\n");
/// let b = &page.blocks()[1];
/// assert_eq!(b.text(), "First point");
/// assert_eq!(b.line(), "• First point");
/// assert_eq!(b.lines(), (3, 3));
/// assert_eq!(b.kind().as_str(), "list-item");
/// assert_eq!(page.blocks()[2].paragraph(), b.paragraph());
/// ```
#[derive(Clone, Debug)]
pub struct Block {
    /// Normalised text, bullet marker included (the form that is written out).
    pub(crate) line: String,
    /// Byte offset in `line` where the content starts (after a bullet or number marker).
    pub(crate) content: u32,
    pub(crate) kind: BlockKind,
    pub(crate) span: Range<usize>,
    pub(crate) first_line: u32,
    pub(crate) last_line: u32,
    /// Paragraph index: blocks of one paragraph share it (text: no blank line between them).
    pub(crate) para: u32,
    /// Leading indentation in the input, in characters.
    pub(crate) indent: u16,
    /// Runs of three or more spaces inside the line (text input): column gaps of a table
    /// layout that a renderer laid side by side.
    pub(crate) gaps: u16,
    pub(crate) html: Option<Box<HtmlFeatures>>,
}

impl Block {
    /// The block's normalised text without its bullet or number marker: what rules match.
    ///
    /// ```
    /// # use dechrome::Page;
    /// assert_eq!(Page::from_text("  • Country:").blocks()[0].text(), "Country:");
    /// ```
    pub fn text(&self) -> &str {
        &self.line[self.content as usize..]
    }

    /// The block's normalised text as written out, bullet marker included.
    ///
    /// ```
    /// # use dechrome::Page;
    /// assert_eq!(Page::from_text("  1. One").blocks()[0].line(), "1. One");
    /// ```
    pub fn line(&self) -> &str {
        &self.line
    }

    /// The bullet or number marker, when the block has one.
    ///
    /// ```
    /// # use dechrome::Page;
    /// assert_eq!(Page::from_text("* item").blocks()[0].marker(), Some("*"));
    /// assert_eq!(Page::from_text("item").blocks()[0].marker(), None);
    /// ```
    pub fn marker(&self) -> Option<&str> {
        let m = self.line[..self.content as usize].trim_end();
        (!m.is_empty()).then_some(m)
    }

    /// The structural kind.
    ///
    /// ```
    /// # use dechrome::{BlockKind, Page};
    /// assert_eq!(Page::from_html("<h2>Sub</h2>").blocks()[0].kind(), BlockKind::Heading(2));
    /// ```
    pub fn kind(&self) -> BlockKind {
        self.kind
    }

    /// Byte span of the block in the (decoded) input.
    ///
    /// ```
    /// # use dechrome::Page;
    /// let src = "a\n\nbc\n";
    /// let page = Page::from_text(src);
    /// assert_eq!(&src[page.blocks()[1].span()], "bc");
    /// ```
    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }

    /// First and last input line of the block, one-based and inclusive.
    ///
    /// ```
    /// # use dechrome::Page;
    /// assert_eq!(Page::from_text("\n\nx").blocks()[0].lines(), (3, 3));
    /// ```
    pub fn lines(&self) -> (u32, u32) {
        (self.first_line, self.last_line)
    }

    /// Paragraph index; consecutive blocks with the same index form one paragraph.
    ///
    /// ```
    /// # use dechrome::Page;
    /// let p = Page::from_text("a\nb\n\nc");
    /// assert_eq!(p.blocks().iter().map(|b| b.paragraph()).collect::<Vec<_>>(), [0, 0, 1]);
    /// ```
    pub fn paragraph(&self) -> u32 {
        self.para
    }

    /// Leading indentation of the line in the input, in characters (text input).
    ///
    /// ```
    /// # use dechrome::Page;
    /// assert_eq!(Page::from_text("   x").blocks()[0].indent(), 3);
    /// ```
    pub fn indent(&self) -> u16 {
        self.indent
    }

    /// Number of whitespace-separated words of the content.
    ///
    /// ```
    /// # use dechrome::Page;
    /// assert_eq!(Page::from_text("- two words").blocks()[0].word_count(), 2);
    /// ```
    pub fn word_count(&self) -> usize {
        // Maximal runs of bytes other than ' ' (what `split(' ')` gives, empty pieces left
        // out), counted as their starts: a byte loop the compiler vectorises.
        let b = self.text().as_bytes();
        let Some(&first) = b.first() else { return 0 };
        usize::from(first != b' ')
            + b.windows(2)
                .map(|w| usize::from(w[0] == b' ' && w[1] != b' '))
                .sum::<usize>()
    }

    /// HTML tag of the element the block came from (HTML input only).
    ///
    /// ```
    /// # use dechrome::Page;
    /// assert_eq!(Page::from_html("<p>x</p>").blocks()[0].tag(), Some("p"));
    /// assert_eq!(Page::from_text("x").blocks()[0].tag(), None);
    /// ```
    pub fn tag(&self) -> Option<&str> {
        self.html.as_ref().map(|h| h.tag.as_str())
    }

    /// CSS path of the element the block came from (HTML input only).
    ///
    /// ```
    /// # use dechrome::Page;
    /// let p = Page::from_html("<div id='main'><p>x</p></div>");
    /// assert!(p.blocks()[0].css_path().unwrap().ends_with("p"));
    /// ```
    pub fn css_path(&self) -> Option<&str> {
        self.html.as_ref().map(|h| h.css_path.as_str())
    }

    /// Share of the block's characters inside links (HTML input only).
    ///
    /// ```
    /// # use dechrome::Page;
    /// let p = Page::from_html("<p><a href='/'>all link</a></p>");
    /// assert_eq!(p.blocks()[0].link_density(), Some(1.0));
    /// ```
    pub fn link_density(&self) -> Option<f32> {
        self.html.as_ref().map(|h| h.link_density)
    }
}

/// A page segmented into blocks.
///
/// ```
/// use dechrome::Page;
/// let page = Page::from_text("One\nTwo\n\nThree");
/// assert_eq!(page.blocks().len(), 3);
/// assert_eq!(page.blocks()[2].paragraph(), 1);
/// ```
pub struct Page {
    pub(crate) kind: InputKind,
    pub(crate) blocks: Vec<Block>,
    /// Lines of the input that were wrapped by a renderer at this column, when detected.
    pub(crate) wrap_width: Option<u16>,
    /// The parsed document, kept for selector rules (HTML input only).
    #[allow(dead_code)] // read by selector matching in segment::html
    pub(crate) dom: Option<crate::segment::html::Dom>,
    /// Metadata found while segmenting (HTML `<meta>`, JSON-LD, `<title>`), in insertion order.
    pub(crate) found_meta: Vec<(String, String)>,
}

impl std::fmt::Debug for Page {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Page")
            .field("kind", &self.kind)
            .field("blocks", &self.blocks)
            .finish_non_exhaustive()
    }
}

impl Page {
    /// Free the parsed HTML tree: once selector rules have run, the blocks and the per-element
    /// records are all that is needed. Selector rules match nothing on a page without its tree.
    pub(crate) fn drop_tree(&mut self) {
        if let Some(dom) = &mut self.dom {
            dom.html = None;
        }
    }

    /// Segment page text: one block per non-empty line, blank lines separating paragraphs.
    ///
    /// ```
    /// # use dechrome::Page;
    /// assert_eq!(Page::from_text("a\n\n\nb").blocks().len(), 2);
    /// ```
    pub fn from_text(text: &str) -> Page {
        crate::segment::text::segment(text)
    }

    /// Segment raw HTML: one block per block-level text run.
    ///
    /// ```
    /// # use dechrome::{InputKind, Page};
    /// let page = Page::from_html("<p>Hello <b>world</b></p><ul><li>item</li></ul>");
    /// assert_eq!(page.input_kind(), InputKind::Html);
    /// ```
    pub fn from_html(html: &str) -> Page {
        // Any selector may be applied to the page later: every attribute is kept.
        crate::segment::html::segment(html, &crate::segment::html::Prune::comments())
    }

    /// The kind of input the page came from.
    ///
    /// ```
    /// # use dechrome::{InputKind, Page};
    /// assert_eq!(Page::from_text("x").input_kind(), InputKind::Text);
    /// ```
    pub fn input_kind(&self) -> InputKind {
        self.kind
    }

    /// The blocks, in input order.
    ///
    /// ```
    /// # use dechrome::Page;
    /// assert_eq!(Page::from_text("x").blocks()[0].line(), "x");
    /// ```
    pub fn blocks(&self) -> &[Block] {
        &self.blocks
    }

    /// The column at which a text renderer wrapped long lines, when one was detected.
    ///
    /// ```
    /// # use dechrome::Page;
    /// assert_eq!(Page::from_text("short").wrap_width(), None);
    /// ```
    pub fn wrap_width(&self) -> Option<u16> {
        self.wrap_width
    }
}
