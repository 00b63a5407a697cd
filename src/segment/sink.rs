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
}

impl LeanSink {
    pub(crate) fn new(html: Html) -> LeanSink {
        LeanSink {
            inner: HtmlTreeSink::new(html),
            comment: Cell::new(None),
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
        self.inner.create_element(name, attrs, flags)
    }

    fn create_comment(&self, _text: StrTendril) -> NodeId {
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
        self.inner.create_pi(target, data)
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        if self.is_comment(&child) || self.unrendered_space(parent, &child) {
            return;
        }
        // Text arrives as a slice of the parser's input chunk, and a text node holding it
        // keeps the whole chunk alive: a copy lets each chunk go once it is parsed (a large
        // page's input is otherwise held twice until the tree is dropped).
        let child = match child {
            NodeOrText::AppendText(t) if t.len() > 8 => {
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
        self.inner
            .append_doctype_to_document(name, public_id, system_id)
    }

    fn mark_script_already_started(&self, node: &NodeId) {
        self.inner.mark_script_already_started(node)
    }

    fn pop(&self, node: &NodeId) {
        self.inner.pop(node)
    }

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        self.inner.get_template_contents(target)
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        self.inner.same_node(x, y)
    }

    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.inner.set_quirks_mode(mode)
    }

    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        if self.is_comment(&new_node) {
            return;
        }
        self.inner.append_before_sibling(sibling, new_node)
    }

    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        self.inner.add_attrs_if_missing(target, attrs)
    }

    fn associate_with_form(
        &self,
        target: &NodeId,
        form: &NodeId,
        nodes: (&NodeId, Option<&NodeId>),
    ) {
        self.inner.associate_with_form(target, form, nodes)
    }

    fn remove_from_parent(&self, target: &NodeId) {
        self.inner.remove_from_parent(target)
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
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
        html5ever::driver::parse_document(LeanSink::new(Html::new_document()), Default::default())
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
