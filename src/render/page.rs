//! One laid-out page to its content stream. Layout measures from the top-left;
//! PDF from the bottom-left, so every y is flipped here.

use super::content::Content;
use super::deflate::Deflater;
use super::fonts::Embedded;
use super::structure::{Mark, Structure};
use crate::layout::{Element, Page};
use crate::model::Rgb;
use crate::picture::Picture;
use printpdf::{
    Actions, BorderArray, LinkAnnotation, Op, PdfDocument, PdfPage, Pt, Rect, XObjectId,
};
use std::collections::BTreeMap;

/// A picture (by identity) at a printed size (width and height as f32 bits).
type ImageKey = (usize, u32, u32);

/// Pictures already added to the document, keyed by source and printed size,
/// so a logo repeated on several pages is embedded once.
#[derive(Default)]
pub struct Images {
    ids: BTreeMap<ImageKey, XObjectId>,
    /// The document's compressor, handed on to the finishing pass.
    pub deflater: Deflater,
}

/// Where a page is drawn: its index, the tag tree its content goes into.
pub struct Target<'s, 'a> {
    pub index: usize,
    pub structure: &'s mut Structure<'a>,
}

/// Draw a laid-out page: the page printpdf writes, holding the link
/// annotations, and its content stream.
pub fn render(
    page: Page,
    (width, height): (f32, f32),
    fonts: &Embedded,
    images: &mut Images,
    pdf: &mut PdfDocument,
    target: Target,
) -> Result<(PdfPage, Vec<u8>), super::Error> {
    let mut w = Writer::default();
    // printpdf is handed only the links: it writes their annotations, and
    // the drawing is this module's content stream.
    let mut links = Vec::new();
    let marks = target
        .structure
        .marks(target.index, &page.elements, &page.tags);
    for (element, mark) in page.elements.into_iter().zip(marks) {
        w.mark(mark);
        if !matches!(element, Element::Text { .. }) {
            w.end_text();
        }
        if !matches!(element, Element::Rect { radius: 0.0, .. }) {
            w.fill_path();
        }
        match element {
            Element::Image {
                x,
                y,
                w: iw,
                h,
                picture,
                ..
            } => {
                let id = images.add(&picture, iw, h, pdf)?;
                w.out.image(&id.0, round(x), round(height - y - h), iw, h);
            }
            Element::Link {
                x,
                y,
                w: lw,
                h,
                url,
            } => links.push(link(x, height - y - h, lw, h, url)),
            element => w.draw(element, height, fonts),
        }
    }
    w.fill_path();
    w.end_text();
    w.end_mark();
    let media = Rect::from_wh(Pt(width), Pt(height));
    let page = PdfPage {
        media_box: media.clone(),
        trim_box: media.clone(),
        crop_box: media,
        ops: links,
    };
    Ok((page, w.out.into_bytes()))
}

/// A link's annotation, its area from the bottom-left corner (x, y), with
/// no border drawn.
fn link(x: f32, y: f32, w: f32, h: f32, url: String) -> Op {
    let rect = Rect {
        x: Pt(x),
        y: Pt(y),
        width: Pt(w),
        height: Pt(h),
        mode: None,
        winding_order: None,
    };
    let border = BorderArray::Solid([0.0, 0.0, 0.0]);
    let link = LinkAnnotation::new(rect, Actions::Uri(url), Some(border), None, None);
    Op::LinkAnnotation { link }
}

/// The content stream with the text and colour state it has set, so that
/// runs of text share one text object and nothing is set twice.
#[derive(Default)]
struct Writer {
    out: Content,
    in_text: bool,
    /// Inside a marked-content sequence.
    marked: bool,
    font: Option<(crate::text::FaceId, f32)>,
    fill: Option<Rgb>,
    /// Square-cornered rectangles of the fill colour in a row (a QR code's
    /// modules, underlines) make one path, filled once.
    path: bool,
}

impl Writer {
    /// Draw an element made of the content stream's own operators, on a
    /// page `height` tall; pictures and links, which printpdf's document
    /// holds, are drawn by [`render`].
    fn draw(&mut self, element: Element, height: f32, fonts: &Embedded) {
        match element {
            Element::Text {
                x,
                baseline,
                face,
                size,
                color,
                glyphs,
                ..
            } => {
                let font = &fonts[&face];
                self.begin_text();
                self.set_font(face, size, &font.resource);
                self.fill(color);
                self.out.text_at(round(x), round(height - baseline));
                self.out.show(glyphs.iter().map(|g| font.code(g, size)));
            }
            Element::Rect {
                x,
                y,
                w,
                h,
                radius,
                fill,
            } => self.rect(fill, x, height - y - h, w, h, radius),
            Element::Frame {
                x,
                y,
                w,
                h,
                radius,
                width,
                color,
            } => {
                self.out.stroke_color(color);
                self.out.line_width(width);
                self.out.rounded_rect(x, height - y - h, w, h, radius);
                self.out.stroke();
            }
            Element::Disc { cx, cy, r, fill } => {
                self.fill(fill);
                let d = 2.0 * r;
                self.out.rounded_rect(cx - r, height - cy - r, d, d, r);
                self.out.fill();
            }
            Element::Icon {
                x,
                y,
                size,
                icon,
                color,
                ..
            } => {
                self.fill(color);
                self.out
                    .icon(icon.outline(), round(x), round(height - y), size);
            }
            Element::Image { .. } | Element::Link { .. } => {}
        }
    }

    /// Set the font unless it is set already.
    fn set_font(&mut self, face: crate::text::FaceId, size: f32, resource: &str) {
        if self.font != Some((face, size)) {
            self.font = Some((face, size));
            self.out.font(resource, size);
        }
    }

    /// A filled rectangle: square-cornered ones queued into one path,
    /// rounded ones filled at once.
    fn rect(&mut self, fill: Rgb, x: f32, y: f32, w: f32, h: f32, radius: f32) {
        if radius == 0.0 {
            self.queue_rect(fill, x, y, w, h);
        } else {
            self.fill(fill);
            self.out.rounded_rect(x, y, w, h, radius);
            self.out.fill();
        }
    }

    fn begin_text(&mut self) {
        if !self.in_text {
            self.out.begin_text();
            self.in_text = true;
        }
    }

    /// Start a marked-content sequence, ending the one before, unless the
    /// element goes on in the same one.
    fn mark(&mut self, mark: Mark) {
        if mark == Mark::Same {
            return;
        }
        self.fill_path();
        self.end_text();
        self.end_mark();
        self.marked = true;
        match mark {
            Mark::Content { tag, mcid } => self.out.begin_tagged(tag, mcid),
            _ => self.out.begin_artifact(),
        }
        // Set again inside: poppler reads a sequence's text with the font set in it.
        self.font = None;
    }

    fn end_mark(&mut self) {
        if self.marked {
            self.out.end_marked();
            self.marked = false;
        }
    }

    fn queue_rect(&mut self, fill: Rgb, x: f32, y: f32, w: f32, h: f32) {
        if self.fill != Some(fill) {
            self.fill_path();
            self.fill(fill);
        }
        self.out.rect(x, y, w, h);
        self.path = true;
    }

    fn fill_path(&mut self) {
        if self.path {
            self.out.fill();
            self.path = false;
        }
    }

    /// Shapes cannot be drawn inside a text object.
    fn end_text(&mut self) {
        if self.in_text {
            self.out.end_text();
            self.in_text = false;
        }
    }

    fn fill(&mut self, color: Rgb) {
        if self.fill != Some(color) {
            self.fill = Some(color);
            self.out.fill_color(color);
        }
    }
}

/// Positions to a hundredth of a point: finer is invisible and only lengthens the file.
fn round(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}

impl Images {
    /// The XObject for `picture` at a printed size.
    fn add(
        &mut self,
        picture: &Picture,
        w: f32,
        h: f32,
        pdf: &mut PdfDocument,
    ) -> Result<XObjectId, super::Error> {
        let key = (
            std::sync::Arc::as_ptr(&picture.image) as usize,
            w.to_bits(),
            h.to_bits(),
        );
        if let Some(id) = self.ids.get(&key) {
            return Ok(id.clone());
        }
        let pixels = picture.for_print(w, h);
        let id = XObjectId(format!("Im{}", self.ids.len()));
        let image = super::image::xobject(&pixels, &mut self.deflater)?;
        pdf.resources
            .xobjects
            .map
            .insert(id.clone(), printpdf::XObject::External(image));
        self.ids.insert(key, id.clone());
        Ok(id)
    }
}
