//! What layout produces: pages of positioned elements, in points from the
//! page's top-left corner. No PDF types here; [`crate::render`] draws these.

use crate::date::Date;
use crate::model::Rgb;
use crate::picture::Picture;
use crate::text::{FaceId, FontSet, PlacedGlyph};

#[derive(Debug, Clone)]
pub enum Element {
    /// Glyphs of one face on one baseline, `width` long, in visual order;
    /// `rtl` when they are read from the right.
    Text {
        x: f32,
        baseline: f32,
        width: f32,
        rtl: bool,
        face: FaceId,
        size: f32,
        color: Rgb,
        glyphs: Vec<PlacedGlyph>,
    },
    /// A filled rectangle, with rounded corners when `radius` > 0.
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        radius: f32,
        fill: Rgb,
    },
    /// A rectangle's outline.
    Frame {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        radius: f32,
        width: f32,
        color: Rgb,
    },
    Disc {
        cx: f32,
        cy: f32,
        r: f32,
        fill: Rgb,
    },
    Image {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        picture: Picture,
        /// What the picture shows, for readers who cannot see it.
        alt: String,
    },
    /// A bundled pictogram `size` square, top-left at (`x`, `y`), filled in
    /// `color`. With `alt` it stands alone (a figure); without, it repeats
    /// the words beside it and is decoration.
    Icon {
        x: f32,
        y: f32,
        size: f32,
        icon: &'static crate::icons::Icon,
        color: Rgb,
        alt: Option<String>,
    },
    /// A clickable area.
    Link {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        url: String,
    },
}

impl Element {
    /// The same element moved by (dx, dy).
    pub fn shifted(mut self, dx: f32, dy: f32) -> Element {
        match &mut self {
            Element::Text { x, baseline, .. } => (*x += dx, *baseline += dy),
            Element::Rect { x, y, .. }
            | Element::Frame { x, y, .. }
            | Element::Image { x, y, .. }
            | Element::Link { x, y, .. } => (*x += dx, *y += dy),
            Element::Disc { cx, cy, .. } => (*cx += dx, *cy += dy),
            Element::Icon { x, y, .. } => (*x += dx, *y += dy),
        };
        self
    }

    /// The lowest point the element draws.
    pub fn bottom(&self) -> f32 {
        match self {
            Element::Text { baseline, size, .. } => baseline + size * 0.3,
            Element::Rect { y, h, .. }
            | Element::Frame { y, h, .. }
            | Element::Image { y, h, .. }
            | Element::Link { y, h, .. } => y + h,
            Element::Disc { cy, r, .. } => cy + r,
            Element::Icon { y, size, .. } => y + size,
        }
    }

    /// The element's place in a page `page_width` wide seen in a mirror;
    /// what it draws (glyphs, pictures) is not reversed.
    pub fn mirrored(mut self, page_width: f32) -> Element {
        match &mut self {
            Element::Text { x, width: w, .. }
            | Element::Rect { x, w, .. }
            | Element::Frame { x, w, .. }
            | Element::Image { x, w, .. }
            | Element::Link { x, w, .. } => *x = page_width - *x - *w,
            Element::Disc { cx, .. } => *cx = page_width - *cx,
            Element::Icon { x, size, .. } => *x = page_width - *x - *size,
        }
        self
    }
}

/// What a leaflet node is, for tagging the PDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Title,
    Subtitle,
    Heading,
    Paragraph,
    List,
    ListItem,
    Figure,
    /// A panel: the main message, a note, the warning box, the contact block.
    Panel,
}

/// Which node of the leaflet an element draws, and what it is to that
/// node; the page's chrome (header, footer) and decoration (panel
/// backgrounds) are artifacts. The layout says this of everything it
/// places, so tagging never guesses from the drawing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tag {
    Artifact,
    Node(Item),
}

/// An element's place in the structure: node `node` (an index into
/// [`Document::nodes`]), the part of it the element draws, and where it
/// comes in reading order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Item {
    pub node: usize,
    pub part: Part,
    /// The piece of its flow the element sets and the byte of the piece's
    /// text its line starts at: a node's content is read in this order,
    /// whatever page each part of it is drawn on (a trifold's inside is
    /// page 2, and its flap, read after it, page 1).
    pub at: (usize, usize),
}

/// What an element is to its node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The node's text or drawing; a list item's body.
    Content,
    /// A list item's label: its number.
    Label,
    /// The text of a link.
    Link,
    /// The clickable area of the link whose text was placed just before it.
    LinkArea,
    /// A picture (its alternative text is on the element).
    Picture,
    /// Drawn for the eye only: a bullet, an underline, a rule under a heading.
    Decoration,
}

impl Tag {
    /// The whole of node `node`, before it is placed.
    pub fn node(node: usize) -> Tag {
        Tag::Node(Item {
            node,
            part: Part::Content,
            at: (0, 0),
        })
    }

    /// This tag's node as an element of part `part`, placed at `at`.
    pub fn placed(self, part: Part, at: (usize, usize)) -> Tag {
        match self {
            Tag::Node(item) => Tag::Node(Item { part, at, ..item }),
            Tag::Artifact => Tag::Artifact,
        }
    }
}

/// A node of the leaflet's structure tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub role: Role,
    pub parent: Option<usize>,
    /// What a figure drawn as shapes (the QR code) shows, for readers who cannot see it.
    pub alt: Option<String>,
    /// The language of a passage not in the document's.
    pub language: Option<String>,
}

/// A page's elements, each with its tag; a node starts at its first
/// element and ends at its last.
#[derive(Debug, Clone, Default)]
pub struct Page {
    pub elements: Vec<Element>,
    pub tags: Vec<Tag>,
}

impl Page {
    pub fn push(&mut self, element: Element, tag: Tag) {
        self.elements.push(element);
        self.tags.push(tag);
    }

    pub fn extend(&mut self, elements: impl IntoIterator<Item = (Element, Tag)>) {
        for (element, tag) in elements {
            self.push(element, tag);
        }
    }

    /// Chrome: drawn on the page but not part of the text.
    pub fn artifacts(&mut self, elements: impl IntoIterator<Item = Element>) {
        self.extend(elements.into_iter().map(|e| (e, Tag::Artifact)));
    }
}

/// An outline (bookmark) entry.
#[derive(Debug, Clone)]
pub struct Bookmark {
    pub title: String,
    /// 0-based page index.
    pub page: usize,
    /// The heading's top, in points from the page top.
    pub top: f32,
}

#[derive(Debug, Clone)]
pub struct Metadata {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub keywords: Vec<String>,
    pub language: String,
    /// Creation date written into the PDF, so identical inputs give identical bytes.
    pub date: Date,
}

#[derive(Clone)]
pub struct Document<'a> {
    /// The fonts the text was shaped with.
    pub fonts: &'a FontSet,
    pub width: f32,
    pub height: f32,
    pub pages: Vec<Page>,
    pub outline: Vec<Bookmark>,
    pub metadata: Metadata,
    /// The structure tree the pages' tags point into.
    pub nodes: Vec<Node>,
}

impl<'a> Document<'a> {
    /// For right-to-left writing: every page laid out as its mirror image, so
    /// text starts at the right, markers sit right of their items and a
    /// trifold's panels fold the other way. Lines were set from their start
    /// edge (see `text::Line`), so they come out right-aligned.
    pub fn mirrored(mut self) -> Document<'a> {
        let width = self.width;
        for page in &mut self.pages {
            let elements = std::mem::take(&mut page.elements);
            page.elements = elements.into_iter().map(|e| e.mirrored(width)).collect();
        }
        self
    }

    /// The pages, moved out so their glyphs can be consumed, and the rest.
    pub fn take_pages(mut self) -> (Vec<Page>, Document<'a>) {
        (std::mem::take(&mut self.pages), self)
    }
}
