//! XML files of Power Platform solutions, read into a small spanned tree.
//!
//! `roxmltree` does the parsing; its document borrows the text, so connlint copies what rules
//! need (element names, attributes, text) into an owned tree that keeps byte spans, like the
//! JSON reader's [`crate::json::Node`]. A document type declaration is refused: solution files
//! never have one, and it is how entity-expansion attacks ("billion laughs") start.

use crate::source::{LineIndex, Position, Span};

/// Largest number of XML nodes read from one file; far above any solution file, it keeps
/// memory bounded on hostile input.
pub const MAX_NODES: u32 = 1_000_000;

/// An element with its attributes, child elements and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element {
    /// The local name (without namespace prefix).
    pub name: Box<str>,
    /// From `<` of the start tag to `>` of the end tag.
    pub span: Span,
    /// The name in the start tag.
    pub name_span: Span,
    pub attributes: Vec<Attribute>,
    pub children: Vec<Element>,
    /// The element's text (its text and CDATA children joined, entities decoded), if any.
    pub text: Option<Text>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribute {
    pub name: Box<str>,
    pub value: Box<str>,
    /// The whole `name="value"`.
    pub span: Span,
    /// The value without its quotes.
    pub value_span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    pub value: Box<str>,
    /// The raw text between the tags (entities still escaped).
    pub span: Span,
}

impl Element {
    /// The first child element named `name` (ASCII case-insensitive: solution files are
    /// written by several tools).
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name.eq_ignore_ascii_case(name))
    }

    /// Every child element named `name`.
    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name.eq_ignore_ascii_case(name))
    }

    pub fn attribute(&self, name: &str) -> Option<&Attribute> {
        self.attributes.iter().find(|a| a.name.eq_ignore_ascii_case(name))
    }

    /// The element's text, trimmed, or `""`.
    pub fn text(&self) -> &str {
        self.text.as_ref().map_or("", |t| t.value.trim())
    }

    /// The span of the trimmed text, or an empty span just after the start tag when there is
    /// none (where a value would go).
    pub fn text_span(&self) -> Span {
        match &self.text {
            Some(text) => {
                let leading = (text.value.len() - text.value.trim_start().len()) as u32;
                let trailing = (text.value.len() - text.value.trim_end().len()) as u32;
                if text.value.len() as u32 == text.span.len() && text.span.len() >= leading + trailing {
                    Span::new(text.span.start + leading, text.span.end - trailing)
                } else {
                    text.span
                }
            }
            None => Span::empty(self.name_span.end),
        }
    }

    /// Every element below this one, depth first, this one first.
    pub fn descendants(&self) -> Vec<&Element> {
        let mut out = vec![self];
        let mut i = 0;
        while i < out.len() {
            let element = out[i];
            out.extend(element.children.iter());
            i += 1;
        }
        out
    }
}

/// Why an XML file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlError {
    pub span: Span,
    pub message: String,
}

/// A parsed XML file: its root element, or the error that stopped the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedXml {
    pub root: Option<Element>,
    pub error: Option<XmlError>,
}

/// Parses `text` (BOM already removed by [`crate::SourceFile`]).
pub fn parse(text: &str) -> ParsedXml {
    let options = roxmltree::ParsingOptions { allow_dtd: false, nodes_limit: MAX_NODES, ..Default::default() };
    match roxmltree::Document::parse_with_options(text, options) {
        Ok(document) => ParsedXml { root: Some(convert(document.root_element())), error: None },
        Err(error) => ParsedXml { root: None, error: Some(describe(text, &error)) },
    }
}

fn convert(node: roxmltree::Node<'_, '_>) -> Element {
    let range = node.range();
    // The name follows `<` directly.
    let name_start = range.start + 1;
    let qualified_len = node.tag_name().name().len() + node.tag_name().namespace().map_or(0, |_| prefix_len(node));
    let name_span = Span::new(name_start as u32, (name_start + qualified_len) as u32);
    let attributes = node
        .attributes()
        .map(|a| Attribute {
            name: a.name().into(),
            value: a.value().into(),
            span: to_span(a.range()),
            value_span: to_span(a.range_value()),
        })
        .collect();
    let mut children = Vec::new();
    let mut text: Option<Text> = None;
    for child in node.children() {
        if child.is_element() {
            children.push(convert(child));
        } else if child.is_text() {
            let value = child.text().unwrap_or_default();
            let span = to_span(child.range());
            match &mut text {
                Some(existing) => {
                    let mut joined = existing.value.to_string();
                    joined.push_str(value);
                    existing.value = joined.into();
                    existing.span.end = span.end;
                }
                None => text = Some(Text { value: value.into(), span }),
            }
        }
    }
    // Whitespace between child elements is layout, not text.
    if !children.is_empty() && text.as_ref().is_some_and(|t| t.value.trim().is_empty()) {
        text = None;
    }
    Element { name: node.tag_name().name().into(), span: to_span(range), name_span, attributes, children, text }
}

/// Length of `prefix:` in the element's start tag, when it has one.
fn prefix_len(node: roxmltree::Node<'_, '_>) -> usize {
    let source = node.document().input_text();
    let start = node.range().start + 1;
    let name = node.tag_name().name();
    source[start..].find(|c: char| c.is_whitespace() || c == '>' || c == '/').map_or(0, |end| end.saturating_sub(name.len()))
}

fn to_span(range: std::ops::Range<usize>) -> Span {
    Span::new(range.start as u32, range.end as u32)
}

fn describe(text: &str, error: &roxmltree::Error) -> XmlError {
    let pos = error.pos();
    let index = LineIndex::new(text);
    let mut offset = index.offset(text, Position { line: pos.row, column: pos.col }).unwrap_or(0);
    if matches!(error, roxmltree::Error::DtdDetected) {
        // roxmltree reports the start of the file; point at the declaration itself.
        offset = memchr::memmem::find(text.as_bytes(), b"<!DOCTYPE").map_or(offset, |o| o as u32);
    }
    let message = match error {
        roxmltree::Error::DtdDetected => {
            "the file has a document type declaration (`<!DOCTYPE`); solution files never do, and connlint does not expand entities"
                .to_string()
        }
        roxmltree::Error::NodesLimitReached => format!("the file has more than {MAX_NODES} XML nodes, too many to read"),
        // roxmltree ends its messages with the position, which the finding already shows.
        other => {
            let message = other.to_string();
            let suffix = format!(" at {}:{}", pos.row, pos.col);
            format!("not well-formed XML: {}", message.strip_suffix(&suffix).unwrap_or(&message))
        }
    };
    XmlError { span: Span::empty(offset), message }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_attributes_and_text_keep_their_spans() {
        let text = "<?xml version=\"1.0\"?>\n<Connector xmlns:xsi=\"x\">\n  <name a=\"1\">my_5Fconn</name>\n  <ops>[&quot;A&quot;]</ops>\n  <empty />\n</Connector>";
        let parsed = parse(text);
        assert_eq!(parsed.error, None);
        let root = parsed.root.unwrap();
        assert_eq!(&*root.name, "Connector");
        assert_eq!(&text[root.name_span.range()], "Connector");
        let name = root.child("NAME").unwrap();
        assert_eq!(name.text(), "my_5Fconn");
        assert_eq!(&text[name.text_span().range()], "my_5Fconn");
        let attribute = name.attribute("a").unwrap();
        assert_eq!(&text[attribute.span.range()], "a=\"1\"");
        assert_eq!(&text[attribute.value_span.range()], "1");
        let ops = root.child("ops").unwrap();
        assert_eq!(ops.text(), "[\"A\"]");
        // Decoded text differs in length from the raw text, so the raw span is kept whole.
        assert_eq!(&text[ops.text_span().range()], "[&quot;A&quot;]");
        let empty = root.child("empty").unwrap();
        assert_eq!(empty.text, None);
        assert_eq!(empty.text_span(), Span::empty(empty.name_span.end));
        assert_eq!(root.descendants().len(), 4);
    }

    #[test]
    fn prefixed_names_cover_the_prefix() {
        let text = "<a:root xmlns:a=\"u\"><a:child/></a:root>";
        let root = parse(text).root.unwrap();
        assert_eq!(&*root.name, "root");
        assert_eq!(&text[root.name_span.range()], "a:root");
    }

    #[test]
    fn a_doctype_is_refused_before_any_entity_is_expanded() {
        let text = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>\n<c>&lol2;</c>";
        let parsed = parse(text);
        assert!(parsed.root.is_none());
        let error = parsed.error.unwrap();
        assert!(error.message.contains("document type declaration"), "{}", error.message);
        assert_eq!(LineIndex::new(text).position(text, error.span.start).line, 2);
    }

    #[test]
    fn malformed_xml_is_an_error_at_its_position() {
        let text = "<a>\n  <b></c>\n</a>";
        let error = parse(text).error.unwrap();
        assert!(error.message.starts_with("not well-formed XML"), "{}", error.message);
        let position = LineIndex::new(text).position(text, error.span.start);
        assert_eq!(position.line, 2);
        assert!(parse("").error.is_some());
        assert!(parse("<a>").error.is_some());
    }
}
