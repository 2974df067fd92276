//! The tag tree, built while the pages are drawn. Each leaflet node becomes a
//! structure element (the title the one H1, headings H2, panels Sect, lists L
//! of LI with Lbl and LBody, the QR code a Figure); each run of its drawing a
//! marked-content sequence; each picture a Figure with its alternative text;
//! each link a Link holding its annotation. What is not read (header band,
//! footer, panel backgrounds, rules, list discs, underlines) is an artifact.
//! Which is which, and in what order it is read, is what the layout said of
//! each element it placed (its [`Tag`]): nothing is guessed from the drawing.

use crate::layout::Element;
use crate::layout::frame::{Item, Node, Part, Role, Tag};

/// What a structure element holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Kid {
    Elem(usize),
    /// A marked-content sequence on a page (0-based).
    Content {
        page: usize,
        mcid: i64,
    },
    /// The `index`th link annotation of a page.
    Annot {
        page: usize,
        index: usize,
    },
}

#[derive(Debug)]
pub struct Elem {
    pub role: &'static str,
    /// `None` for the Document element at the root.
    pub parent: Option<usize>,
    pub kids: Vec<Kid>,
    pub alt: Option<String>,
    /// Logical-order text of right-to-left content, for assistive
    /// technology (on the element only: poppler's pdftotext would take it
    /// from the content stream too and read the line reversed twice).
    pub actual_text: Option<String>,
    /// The language of a passage not in the document's.
    pub language: Option<String>,
    /// Where it comes in reading order among its parent's kids.
    at: Key,
}

/// How an element's drawing is marked in the page's content stream.
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    /// Inside the same marked-content sequence as the element before.
    Same,
    Artifact,
    /// A new tagged sequence.
    Content {
        tag: &'static str,
        mcid: i64,
    },
}

/// A link annotation and the element that holds it.
pub struct Annot {
    pub page: usize,
    pub index: usize,
    pub elem: usize,
    /// What the link leads to, said in words.
    pub contents: String,
}

/// Where something comes in reading order: the node, piece and byte the
/// layout placed it at (see [`Item::at`]).
type Key = (usize, usize, usize);

pub struct Structure<'a> {
    nodes: &'a [Node],
    pub elems: Vec<Elem>,
    pub annots: Vec<Annot>,
    /// Each element's kids' places in reading order, beside `Elem::kids`.
    keys: Vec<Vec<Key>>,
    of_node: Vec<Option<usize>>,
    /// A list item's LBody and Lbl.
    body: Vec<Option<usize>>,
    label: Vec<Option<usize>>,
    /// The Link element whose text was placed last, for the link area
    /// placed after it.
    link: Option<usize>,
}

impl<'a> Structure<'a> {
    pub fn new(nodes: &'a [Node]) -> Structure<'a> {
        Structure {
            nodes,
            elems: vec![elem("Document", None, None)],
            annots: Vec::new(),
            keys: vec![Vec::new()],
            of_node: vec![None; nodes.len()],
            body: vec![None; nodes.len()],
            label: vec![None; nodes.len()],
            link: None,
        }
    }

    /// How each of a page's elements is marked, from the tag the layout
    /// gave it. Marked-content ids are numbered from 0 on each page.
    pub fn marks(&mut self, page: usize, elements: &[Element], tags: &[Tag]) -> Vec<Mark> {
        let mut marks = Vec::with_capacity(elements.len());
        // The element the open marked-content sequence belongs to (`None`: an artifact).
        let mut open: Option<Option<usize>> = None;
        let (mut mcid, mut links) = (0, 0);
        for (element, tag) in elements.iter().zip(tags) {
            let item = match tag {
                Tag::Node(item) if item.part != Part::Decoration => Some(*item),
                _ => None,
            };
            if let Element::Link { url, .. } = element {
                self.annotate(page, links, url, item);
                links += 1;
                marks.push(Mark::Same);
                continue;
            }
            let target = item.map(|item| self.target(item, element));
            if open == Some(target) {
                marks.push(Mark::Same);
                continue;
            }
            open = Some(target);
            marks.push(match (target, item) {
                (Some(e), Some(item)) => {
                    self.push(e, Kid::Content { page, mcid }, key(item));
                    mcid += 1;
                    Mark::Content {
                        tag: self.elems[e].role,
                        mcid: mcid - 1,
                    }
                }
                _ => Mark::Artifact,
            });
        }
        marks
    }

    /// The element that holds `element`, drawn as `item`.
    fn target(&mut self, item: Item, element: &Element) -> usize {
        let n = item.node;
        match item.part {
            Part::Label => {
                if let Some(label) = self.label[n] {
                    return label;
                }
                let li = self.node_elem(n);
                let label = self.add("Lbl", li, key(item));
                self.label[n] = Some(label);
                label
            }
            Part::Picture => {
                let container = self.container(n, item);
                let figure = self.add("Figure", container, key(item));
                if let Element::Image { alt, .. } | Element::Icon { alt: Some(alt), .. } = element {
                    self.elems[figure].alt = Some(alt.clone());
                }
                figure
            }
            Part::Link => {
                let container = self.container(n, item);
                let link = self.add("Link", container, key(item));
                self.link = Some(link);
                link
            }
            Part::Content | Part::LinkArea | Part::Decoration => {
                let container = self.container(n, item);
                match element {
                    // Glyphs are drawn in visual order; extraction needs logical.
                    Element::Text {
                        rtl: true, glyphs, ..
                    } if self.nodes[n].role != Role::Figure => {
                        let span = self.add("Span", container, key(item));
                        let text = glyphs.iter().rev().map(|g| g.text.as_str()).collect();
                        self.elems[span].actual_text = Some(text);
                        span
                    }
                    _ => container,
                }
            }
        }
    }

    /// A link annotation, held by the Link element of the link text placed
    /// just before it; an area without one gets its own.
    fn annotate(&mut self, page: usize, index: usize, url: &str, item: Option<Item>) {
        let elem = match (self.link, item) {
            (
                Some(link),
                Some(Item {
                    part: Part::LinkArea,
                    ..
                }),
            ) => link,
            (_, Some(item)) => {
                let container = self.container(item.node, item);
                self.add("Link", container, key(item))
            }
            (_, None) => self.add("Link", 0, (usize::MAX, 0, 0)),
        };
        let at = self.elems[elem].at;
        self.push(elem, Kid::Annot { page, index }, at);
        self.annots.push(Annot {
            page,
            index,
            elem,
            contents: crate::layout::typeset::printed_address(url).to_string(),
        });
    }

    /// The element that holds node `n`'s content: a list item's LBody, or
    /// the node's own element.
    fn container(&mut self, n: usize, item: Item) -> usize {
        if self.nodes[n].role != Role::ListItem {
            return self.node_elem(n);
        }
        if let Some(body) = self.body[n] {
            return body;
        }
        let li = self.node_elem(n);
        let body = self.add("LBody", li, key(item));
        self.body[n] = Some(body);
        body
    }

    fn node_elem(&mut self, n: usize) -> usize {
        if let Some(e) = self.of_node[n] {
            return e;
        }
        let node = &self.nodes[n];
        let role = match node.role {
            Role::Title => "H1",
            Role::Heading => "H2",
            Role::Subtitle | Role::Paragraph => "P",
            Role::List => "L",
            Role::ListItem => "LI",
            Role::Figure => "Figure",
            Role::Panel => "Sect",
        };
        let (alt, language) = (node.alt.clone(), node.language.clone());
        let parent = node.parent.map_or(0, |p| self.node_elem(p));
        let e = self.add(role, parent, (n, 0, 0));
        self.elems[e].alt = alt;
        self.elems[e].language = language;
        self.of_node[n] = Some(e);
        e
    }

    fn add(&mut self, role: &'static str, parent: usize, at: Key) -> usize {
        let e = self.elems.len();
        let mut new = elem(role, Some(parent), None);
        new.at = at;
        self.elems.push(new);
        self.keys.push(Vec::new());
        self.push(parent, Kid::Elem(e), at);
        e
    }

    fn push(&mut self, e: usize, kid: Kid, at: Key) {
        self.elems[e].kids.push(kid);
        self.keys[e].push(at);
    }

    /// Put every element's kids in reading order, as the layout placed
    /// them: by node, then by piece and byte within a node; what shares a
    /// place (a label and the body beside it) stays in drawing order.
    pub fn in_reading_order(&mut self) {
        for (elem, keys) in self.elems.iter_mut().zip(&self.keys) {
            let mut kids: Vec<(Key, Kid)> = keys.iter().copied().zip(elem.kids.drain(..)).collect();
            kids.sort_by_key(|(at, _)| *at);
            elem.kids = kids.into_iter().map(|(_, kid)| kid).collect();
        }
    }
}

/// Where `item` comes in reading order.
fn key(item: Item) -> Key {
    (item.node, item.at.0, item.at.1)
}

fn elem(role: &'static str, parent: Option<usize>, alt: Option<String>) -> Elem {
    Elem {
        role,
        parent,
        kids: Vec::new(),
        alt,
        actual_text: None,
        language: None,
        at: (0, 0, 0),
    }
}
