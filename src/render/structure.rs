//! The tag tree, built while the pages are drawn. Each leaflet node becomes a
//! structure element (the title the one H1, headings H2, panels Sect, lists L
//! of LI with Lbl and LBody, the QR code a Figure); each run of its drawing a
//! marked-content sequence; each picture a Figure with its alternative text;
//! each link a Link holding its annotation. What is not read (header band,
//! footer, panel backgrounds, rules, list discs, underlines) is an artifact.

use crate::layout::Element;
use crate::layout::frame::{Node, Role, Tag};

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
    node: Option<usize>,
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

#[derive(Clone, Copy, PartialEq)]
enum Target {
    Artifact,
    Elem(usize),
}

pub struct Structure<'a> {
    nodes: &'a [Node],
    pub elems: Vec<Elem>,
    pub annots: Vec<Annot>,
    of_node: Vec<Option<usize>>,
    /// A list item's LBody.
    body: Vec<Option<usize>>,
    /// The node whose content was drawn last: a heading met again after
    /// another node is the one a panel repeats where it continues.
    last: Option<usize>,
}

impl<'a> Structure<'a> {
    pub fn new(nodes: &'a [Node]) -> Structure<'a> {
        Structure {
            nodes,
            elems: vec![elem("Document", None, None, None)],
            annots: Vec::new(),
            of_node: vec![None; nodes.len()],
            body: vec![None; nodes.len()],
            last: None,
        }
    }

    /// How each of a page's elements is marked. Marked-content ids are
    /// numbered from 0 on each page.
    pub fn marks(&mut self, page: usize, elements: &[Element], tags: &[Tag]) -> Vec<Mark> {
        let mut marks = Vec::with_capacity(elements.len());
        let mut open: Option<Target> = None;
        let (mut mcid, mut links) = (0, 0);
        // The Link element holding a link's text, until its annotation comes.
        let mut pending_link = None;
        for (i, (element, tag)) in elements.iter().zip(tags).enumerate() {
            let target = match element {
                Element::Link { url, .. } => {
                    let elem = match pending_link.take() {
                        Some(elem) => elem,
                        None => {
                            let parent = self.container(*tag);
                            self.add("Link", parent, None)
                        }
                    };
                    self.elems[elem]
                        .kids
                        .push(Kid::Annot { page, index: links });
                    self.annots.push(Annot {
                        page,
                        index: links,
                        elem,
                        contents: crate::layout::typeset::printed_address(url).to_string(),
                    });
                    links += 1;
                    marks.push(Mark::Same);
                    continue;
                }
                Element::Image { alt, .. } | Element::Icon { alt: Some(alt), .. } => {
                    let parent = self.container(*tag);
                    Target::Elem(self.add("Figure", parent, Some(alt.clone())))
                }
                _ => self.target(i, elements, *tag, &mut pending_link),
            };
            if open == Some(target) {
                marks.push(Mark::Same);
                continue;
            }
            open = Some(target);
            marks.push(match target {
                Target::Artifact => Mark::Artifact,
                Target::Elem(e) => {
                    self.elems[e].kids.push(Kid::Content { page, mcid });
                    mcid += 1;
                    Mark::Content {
                        tag: self.elems[e].role,
                        mcid: mcid - 1,
                    }
                }
            });
        }
        marks
    }

    /// Where element `i` (not a link or a picture) goes.
    fn target(
        &mut self,
        i: usize,
        elements: &[Element],
        tag: Tag,
        pending_link: &mut Option<usize>,
    ) -> Target {
        let Tag::Node(n) = tag else {
            return Target::Artifact;
        };
        let role = self.nodes[n].role;
        if role == Role::Heading && self.of_node[n].is_some() && self.last != Some(n) {
            return Target::Artifact;
        }
        if role == Role::Figure {
            self.last = Some(n);
            return Target::Elem(self.node_elem(n));
        }
        let Element::Text {
            x,
            width,
            rtl,
            glyphs,
            ..
        } = &elements[i]
        else {
            return Target::Artifact;
        };
        self.last = Some(n);
        // A number centred on the disc before it is a list item's label.
        if role == Role::ListItem
            && let Some(Element::Disc { cx, r, .. }) = i.checked_sub(1).map(|p| &elements[p])
            && (x + width / 2.0 - cx).abs() <= *r
        {
            let item = self.node_elem(n);
            return Target::Elem(self.add("Lbl", item, None));
        }
        let container = self.container(tag);
        // A link's text is drawn, then its underline, then its clickable area.
        let linked = matches!(
            (elements.get(i + 1), elements.get(i + 2)),
            (Some(Element::Rect { .. }), Some(Element::Link { x: lx, .. })) if lx == x
        );
        let elem = if linked {
            let link = self.add("Link", container, None);
            *pending_link = Some(link);
            link
        } else if *rtl {
            // Glyphs are drawn in visual order; extraction needs logical.
            let text: String = glyphs.iter().rev().map(|g| g.text.as_str()).collect();
            let span = self.add("Span", container, None);
            self.elems[span].actual_text = Some(text);
            span
        } else {
            container
        };
        Target::Elem(elem)
    }

    /// The element that holds node content drawn with `tag`: a list item's
    /// LBody, a node's own element, or the root for chrome.
    fn container(&mut self, tag: Tag) -> usize {
        let Tag::Node(n) = tag else { return 0 };
        if self.nodes[n].role != Role::ListItem {
            return self.node_elem(n);
        }
        if let Some(body) = self.body[n] {
            return body;
        }
        let item = self.node_elem(n);
        let body = self.add("LBody", item, None);
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
        let alt = node.alt.clone();
        let parent = node.parent.map_or(0, |p| self.node_elem(p));
        let e = self.add(role, parent, alt);
        self.elems[e].language = self.nodes[n].language.clone();
        self.elems[e].node = Some(n);
        self.of_node[n] = Some(e);
        e
    }

    fn add(&mut self, role: &'static str, parent: usize, alt: Option<String>) -> usize {
        let e = self.elems.len();
        self.elems.push(elem(role, Some(parent), alt, None));
        self.elems[parent].kids.push(Kid::Elem(e));
        e
    }

    /// Put every element's kids in reading order: what is not a node (a
    /// label, a picture, a link) stays where it was drawn, before the
    /// nodes; nodes follow in the order they were composed, except that the
    /// title block comes first (a trifold composes its cover last).
    pub fn in_reading_order(&mut self) {
        let title = self.nodes.iter().position(|n| n.role == Role::Title);
        let in_title_block = |n: usize| {
            title.is_some_and(|t| {
                n >= t
                    && n <= t + 2
                    && self.nodes[t + 1..=n].iter().all(|node| {
                        node.parent.is_none()
                            && matches!(node.role, Role::Subtitle | Role::Paragraph)
                    })
            })
        };
        let rank: Vec<Option<(bool, usize)>> = self
            .elems
            .iter()
            .map(|e| e.node.map(|n| (!in_title_block(n), n)))
            .collect();
        for e in &mut self.elems {
            e.kids.sort_by_key(|k| match k {
                Kid::Elem(c) => rank[*c],
                _ => None,
            });
        }
    }
}

fn elem(
    role: &'static str,
    parent: Option<usize>,
    alt: Option<String>,
    actual_text: Option<String>,
) -> Elem {
    Elem {
        role,
        parent,
        kids: Vec::new(),
        alt,
        actual_text,
        language: None,
        node: None,
    }
}
