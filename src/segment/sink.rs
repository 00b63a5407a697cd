//! A tree sink that builds `scraper`'s document with fewer nodes.
//!
//! A node of scraper's tree takes 256 bytes, and on news pages the tree is most of the
//! memory a page costs (a 10 MB page builds about 250,000 nodes). Two kinds of node never
//! reach dechrome's output, so they are never built:
//!
//! - comments (the segmenter reads no comment, and selectors cannot match one);
//! - whitespace-only text directly inside `html`, `head`, tables and their row groups and
//!   rows, lists, `select`, `colgroup` and `dl`, when it comes first or right after a block,
//!   row, cell or item: a space there separates nothing (after a block, a browser drops it
//!   at the start of the next line). A space after inline content is kept, since misplaced
//!   inline content does occur in lists and tables.
//!
//! Everything else is passed to [`scraper::HtmlTreeSink`] unchanged. Element ordinals, text
//! and block structure are the same as with the plain sink (checked by the tests below and by
//! comparing every output over the evaluation sets).

use std::borrow::Cow;
use std::cell::Cell;

use ego_tree::NodeId;
use html5ever::tendril::StrTendril;
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{local_name, ns, Attribute, QualName};
use scraper::{Html, HtmlTreeSink};

pub(crate) struct LeanSink {
    inner: HtmlTreeSink,
    /// The one node every comment is given as its handle; it is never attached.
    comment: Cell<Option<NodeId>>,
    /// The element the parser has just created, while nothing else has happened to the tree
    /// since but its insertion (see [`LeanSink::take_opened`]).
    opened: Cell<Option<NodeId>>,
    /// Whether text is copied out of the parser's input chunks (see [`LeanSink::append`]).
    copy_text: bool,
}

/// An element the parser has just created and inserted (see [`LeanSink::take_opened`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Opened {
    /// In the HTML namespace (not SVG or MathML).
    pub(crate) html: bool,
    pub(crate) name: html5ever::LocalName,
    /// The raw-text element it is, if its text is never read (see [`raw_text_of`]).
    pub(crate) raw: Option<RawText>,
}

/// A raw-text element whose text dechrome never reads, and so need not be parsed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RawText {
    /// `<script>`: script data, ended by `</script` (with escape states after `<!--`).
    Script,
    /// `<style>`, `<noscript>`, `<iframe>`: RAWTEXT, ended by the first `</` and the element's
    /// name.
    Rawtext(&'static str),
}

impl RawText {
    /// The element's name, as its end tag spells it (in lower case).
    pub(crate) fn name(self) -> &'static str {
        match self {
            RawText::Script => "script",
            RawText::Rawtext(n) => n,
        }
    }
}

/// Whether the parser switches to a raw-text state after creating this element, and the
/// element's text is never read (the segmenter skips their subtrees): HTML `script` (but JSON,
/// which the metadata reader parses), `style`, `noscript` (scripting is on, the parser's
/// default) and `iframe`. (`noembed`, `noframes` and `xmp` are raw text too, but the segmenter
/// reads their text, and `title` and `textarea` hold RCDATA.) Every HTML element of those
/// names html5ever's tree builder creates is followed by the switch (`parse_raw_data`, or
/// `to_raw_text_mode` for scripts), whatever the insertion mode; in foreign content they are
/// SVG or MathML elements and are not matched here. The names are those of `raw::NAMES`.
fn raw_text_of(name: &QualName, attrs: &[(QualName, StrTendril)]) -> Option<RawText> {
    if name.ns != ns!(html) {
        return None;
    }
    Some(match name.local {
        local_name!("script") => {
            let json = attrs.iter().any(|(name, value)| {
                name.local == local_name!("type")
                    && value
                        .as_bytes()
                        .windows(4)
                        .any(|w| w.eq_ignore_ascii_case(b"json"))
            });
            if json {
                return None;
            }
            RawText::Script
        }
        local_name!("style") => RawText::Rawtext("style"),
        local_name!("noscript") => RawText::Rawtext("noscript"),
        local_name!("iframe") => RawText::Rawtext("iframe"),
        _ => return None,
    })
}

/// Pages larger than this have their text copied out of the parser's input chunks.
const COPY_TEXT_ABOVE: usize = 1 << 20;

impl LeanSink {
    /// A sink for a page of `input_len` bytes.
    pub(crate) fn new(html: Html, input_len: usize) -> LeanSink {
        LeanSink {
            inner: HtmlTreeSink::new(html),
            comment: Cell::new(None),
            opened: Cell::new(None),
            copy_text: input_len > COPY_TEXT_ABOVE,
        }
    }

    /// The element the parser has just opened, if the last thing that happened to the tree is
    /// that element's creation and insertion. Fed input that ends with the `>` of a start tag
    /// the tokenizer read in its data state, this tells what the tree builder made of the tag:
    /// when it opened a raw-text, RCDATA or PLAINTEXT element, the tokenizer has switched to
    /// that state and consumed nothing of the content (any character of it would have been
    /// appended to the element, which clears this). Clears it.
    pub(crate) fn take_opened(&self) -> Option<Opened> {
        let id = self.opened.take()?;
        let html = self.inner.0.borrow();
        let el = html.tree.get(id)?.value().as_element()?;
        Some(Opened {
            html: el.name.ns == ns!(html),
            name: el.name.local.clone(),
            raw: raw_text_of(&el.name, &el.attrs),
        })
    }

    /// Something happened to the tree other than the insertion of the element just created.
    fn touched(&self) {
        self.opened.set(None);
    }

    /// An insertion: the element just created going into the tree keeps it open; anything
    /// else clears it.
    fn inserting(&self, child: &NodeOrText<NodeId>) {
        match (child, self.opened.get()) {
            (NodeOrText::AppendNode(id), Some(opened)) if *id == opened => {}
            _ => self.touched(),
        }
    }

    fn is_comment(&self, child: &NodeOrText<NodeId>) -> bool {
        matches!(child, NodeOrText::AppendNode(id) if Some(*id) == self.comment.get())
    }

    /// Whether `text` is whitespace appended to an element whose whitespace is not rendered.
    fn unrendered_space(&self, parent: &NodeId, child: &NodeOrText<NodeId>) -> bool {
        let NodeOrText::AppendText(text) = child else {
            return false;
        };
        if !text
            .bytes()
            .all(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c'))
        {
            return false;
        }
        let html = self.inner.0.borrow();
        let Some(node) = html.tree.get(*parent) else {
            return false;
        };
        let Some(el) = node.value().as_element() else {
            return false;
        };
        if el.name.ns != ns!(html)
            || !matches!(
                el.name.local,
                local_name!("html")
                    | local_name!("head")
                    | local_name!("table")
                    | local_name!("thead")
                    | local_name!("tbody")
                    | local_name!("tfoot")
                    | local_name!("tr")
                    | local_name!("ul")
                    | local_name!("ol")
                    | local_name!("dl")
                    | local_name!("select")
                    | local_name!("colgroup")
            )
        {
            return false;
        }
        // Misplaced inline content does occur in those (text and links straight inside a
        // `ul`), and a space between two inline pieces separates words: the space is left out
        // only at the start or right after a child that is a block, row, cell or item.
        match node.last_child() {
            None => true,
            Some(last) => last.value().as_element().is_some_and(|e| {
                matches!(
                    e.name.local,
                    local_name!("li")
                        | local_name!("tr")
                        | local_name!("td")
                        | local_name!("th")
                        | local_name!("thead")
                        | local_name!("tbody")
                        | local_name!("tfoot")
                        | local_name!("caption")
                        | local_name!("colgroup")
                        | local_name!("col")
                        | local_name!("dt")
                        | local_name!("dd")
                        | local_name!("head")
                        | local_name!("body")
                        | local_name!("title")
                        | local_name!("meta")
                        | local_name!("link")
                        | local_name!("script")
                        | local_name!("style")
                        | local_name!("option")
                        | local_name!("optgroup")
                        | local_name!("table")
                        | local_name!("ul")
                        | local_name!("ol")
                        | local_name!("dl")
                        | local_name!("div")
                        | local_name!("p")
                )
            }),
        }
    }
}

impl TreeSink for LeanSink {
    type Output = Html;
    type Handle = NodeId;
    type ElemName<'a> = <HtmlTreeSink as TreeSink>::ElemName<'a>;

    fn finish(self) -> Html {
        // The shared comment node stays an orphan in the arena: no walk from the root meets it.
        self.inner.finish()
    }

    fn parse_error(&self, msg: Cow<'static, str>) {
        self.inner.parse_error(msg)
    }

    fn get_document(&self) -> NodeId {
        self.inner.get_document()
    }

    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Self::ElemName<'a> {
        self.inner.elem_name(target)
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> NodeId {
        let id = self.inner.create_element(name, attrs, flags);
        self.opened.set(Some(id));
        id
    }

    fn create_comment(&self, _text: StrTendril) -> NodeId {
        self.touched();
        match self.comment.get() {
            Some(id) => id,
            None => {
                let id = self.inner.create_comment(StrTendril::new());
                self.comment.set(Some(id));
                id
            }
        }
    }

    fn create_pi(&self, target: StrTendril, data: StrTendril) -> NodeId {
        self.touched();
        self.inner.create_pi(target, data)
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        self.inserting(&child);
        if self.is_comment(&child) || self.unrendered_space(parent, &child) {
            return;
        }
        // Text arrives as a slice of the parser's input chunk, and a text node holding it
        // keeps the whole chunk alive: a copy lets each chunk go once it is parsed (a large
        // page's input is otherwise held twice until the tree is dropped). On a page of
        // ordinary size the chunks cost less than the copies.
        let child = match child {
            NodeOrText::AppendText(t) if self.copy_text && t.len() > 8 => {
                NodeOrText::AppendText(StrTendril::from_slice(&t))
            }
            other => other,
        };
        self.inner.append(parent, child)
    }

    fn append_based_on_parent_node(
        &self,
        element: &NodeId,
        prev_element: &NodeId,
        child: NodeOrText<NodeId>,
    ) {
        self.inserting(&child);
        if self.is_comment(&child) {
            return;
        }
        self.inner
            .append_based_on_parent_node(element, prev_element, child)
    }

    fn append_doctype_to_document(
        &self,
        name: StrTendril,
        public_id: StrTendril,
        system_id: StrTendril,
    ) {
        self.touched();
        self.inner
            .append_doctype_to_document(name, public_id, system_id)
    }

    fn mark_script_already_started(&self, node: &NodeId) {
        self.touched();
        self.inner.mark_script_already_started(node)
    }

    fn pop(&self, node: &NodeId) {
        // Only the element just opened leaving the stack tells that the tree builder did not
        // keep it open. Another one may leave it after the insertion (the head, which the tree
        // builder puts back on its stack for a script or style sheet after `</head>`) with
        // nothing happening to the tree.
        if self.opened.get() == Some(*node) {
            self.touched();
        }
        self.inner.pop(node)
    }

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        self.inner.get_template_contents(target)
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        self.inner.same_node(x, y)
    }

    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.touched();
        self.inner.set_quirks_mode(mode)
    }

    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        self.inserting(&new_node);
        if self.is_comment(&new_node) {
            return;
        }
        self.inner.append_before_sibling(sibling, new_node)
    }

    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        self.touched();
        self.inner.add_attrs_if_missing(target, attrs)
    }

    fn associate_with_form(
        &self,
        target: &NodeId,
        form: &NodeId,
        nodes: (&NodeId, Option<&NodeId>),
    ) {
        // The tree builder associates a form control with its form between creating and
        // inserting it: nothing else happens to the tree (scraper keeps no association).
        if self.opened.get() != Some(*target) {
            self.touched();
        }
        self.inner.associate_with_form(target, form, nodes)
    }

    fn remove_from_parent(&self, target: &NodeId) {
        self.touched();
        self.inner.remove_from_parent(target)
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        self.touched();
        self.inner.reparent_children(node, new_parent)
    }

    fn is_mathml_annotation_xml_integration_point(&self, handle: &NodeId) -> bool {
        self.inner
            .is_mathml_annotation_xml_integration_point(handle)
    }

    fn set_current_line(&self, line_number: u64) {
        self.inner.set_current_line(line_number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use html5ever::tendril::TendrilSink;

    fn lean(src: &str) -> Html {
        html5ever::driver::parse_document(
            LeanSink::new(Html::new_document(), src.len()),
            Default::default(),
        )
        .one(src)
    }

    fn texts(h: &Html) -> Vec<String> {
        h.tree
            .root()
            .descendants()
            .filter_map(|n| n.value().as_text().map(|t| t.to_string()))
            .collect()
    }

    #[test]
    fn comments_and_unrendered_space_are_left_out() {
        let src = "<html>\n<head>\n<title>T</title>\n</head>\n<body><!-- c --><ul>\n <li>a</li>\n <li>b</li><!-- x -->\n</ul><table>\n<tr>\n<td> d </td>\n</tr>\n</table></body></html>";
        let plain = Html::parse_document(src);
        let h = lean(src);
        assert!(h.tree.nodes().count() < plain.tree.nodes().count());
        assert!(!h
            .root_element()
            .descendants()
            .any(|n| n.value().is_comment()));
        // The text is all there, in order.
        let solid = |h: &Html| -> Vec<String> {
            texts(h)
                .into_iter()
                .filter(|t| !t.trim().is_empty())
                .collect()
        };
        assert_eq!(solid(&h), ["T", "a", "b", " d "]);
        assert_eq!(solid(&h), solid(&plain));
        // Elements are the same, in the same order.
        let names = |h: &Html| -> Vec<String> {
            h.root_element()
                .descendants()
                .filter_map(|n| n.value().as_element().map(|e| e.name().to_string()))
                .collect()
        };
        assert_eq!(names(&h), names(&plain));
    }

    #[test]
    fn space_between_inline_elements_is_kept() {
        // A space inside a `div` or `li` can separate words: it stays.
        let h = lean("<div><b>a</b> <i>b</i></div><ul><li><b>c</b> <i>d</i></li></ul>");
        let t = texts(&h);
        assert_eq!(t, ["a", " ", "b", "c", " ", "d"]);
        // Misplaced inline content in a list: the space between two links stays.
        let h = lean("<ul><li>x</li> <a>y</a>\n<a>z</a></ul>");
        assert_eq!(texts(&h), ["x", "y", "\n", "z"]);
        // Text on both sides of a comment that is left out becomes one text node, its space
        // kept.
        let h = lean("<p>e <!-- x -->f</p>");
        assert_eq!(texts(&h), ["e f"]);
    }
}
