//! What layout produces: pages of positioned elements, in points from the
//! page's top-left corner. No PDF types here; [`crate::render`] draws these.

use crate::date::Date;
use crate::model::Rgb;
use crate::picture::Picture;
use crate::text::{FaceId, PlacedGlyph};

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
        };
        self
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
        }
        self
    }
}

#[derive(Debug, Clone, Default)]
pub struct Page {
    pub elements: Vec<Element>,
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

#[derive(Debug, Clone)]
pub struct Document {
    pub width: f32,
    pub height: f32,
    pub pages: Vec<Page>,
    pub outline: Vec<Bookmark>,
    pub metadata: Metadata,
}

impl Document {
    /// For right-to-left writing: every page laid out as its mirror image, so
    /// text starts at the right, markers sit right of their items and a
    /// trifold's panels fold the other way. Lines were set from their start
    /// edge (see `text::Line`), so they come out right-aligned.
    pub fn mirrored(mut self) -> Document {
        let width = self.width;
        for page in &mut self.pages {
            let elements = std::mem::take(&mut page.elements);
            page.elements = elements.into_iter().map(|e| e.mirrored(width)).collect();
        }
        self
    }

    /// The pages, moved out so their glyphs can be consumed, and the rest.
    pub fn take_pages(mut self) -> (Vec<Page>, Document) {
        (std::mem::take(&mut self.pages), self)
    }
}
