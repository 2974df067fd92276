//! One laid-out page to printpdf operations. Layout measures from the top-left;
//! PDF from the bottom-left, so every y is flipped here.

use super::deflate::Deflater;
use super::fonts::Embedded;
use super::structure::{Mark, Structure};
use crate::layout::{Element, Page};
use crate::model::Rgb;
use crate::picture::Picture;
use crate::text::PlacedGlyph;
use printpdf::{
    Actions, BorderArray, Codepoint, Color, DictItem, LinePoint, LinkAnnotation, Op, PaintMode,
    PdfDocument, PdfFontHandle, PdfPage, Point, Polygon, PolygonRing, Pt, Rect, TextItem,
    TextMatrix, WindingOrder, XObjectId, XObjectTransform,
};
use std::collections::BTreeMap;

/// A picture (by identity) at a printed size (width and height as f32 bits).
type ImageKey = (usize, u32, u32);

/// Pictures already added to the document, keyed by source and printed size,
/// so a logo repeated on several pages is embedded once.
#[derive(Default)]
pub struct Images {
    ids: BTreeMap<ImageKey, (XObjectId, (u32, u32))>,
    /// The document's compressor, handed on to the finishing pass.
    pub deflater: Deflater,
}

/// Where a page is drawn: its index, the tag tree its content goes into.
pub struct Target<'s, 'a> {
    pub index: usize,
    pub structure: &'s mut Structure<'a>,
}

pub fn render(
    page: Page,
    (width, height): (f32, f32),
    fonts: &Embedded,
    images: &mut Images,
    pdf: &mut PdfDocument,
    target: Target,
) -> Result<PdfPage, super::Error> {
    let mut w = Writer::default();
    let marks = target
        .structure
        .marks(target.index, &page.elements, &page.tags);
    for (element, mark) in page.elements.into_iter().zip(marks) {
        w.mark(mark);
        if !matches!(element, Element::Text { .. }) {
            w.end_text();
        }
        if !matches!(element, Element::Rect { radius: 0.0, .. }) {
            w.flush_rects();
        }
        match element {
            Element::Text {
                x,
                baseline,
                face,
                size,
                color,
                glyphs,
                rtl,
                ..
            } => {
                let font = &fonts[&face];
                w.begin_text();
                if w.font != Some((face, size)) {
                    w.font = Some((face, size));
                    let font = PdfFontHandle::External(font.id.clone());
                    w.ops.push(Op::SetFont {
                        font,
                        size: Pt(size),
                    });
                }
                w.fill(color);
                let at = TextMatrix::Translate(Pt(round(x)), Pt(round(height - baseline)));
                w.ops.push(Op::SetTextMatrix { matrix: at });
                let glyphs = TextItem::GlyphIds(codepoints(glyphs, size, rtl, font));
                w.ops.push(Op::ShowText {
                    items: vec![glyphs],
                });
            }
            Element::Rect {
                x,
                y,
                w: rw,
                h,
                radius,
                fill,
            } => {
                let rect = rounded_rect(x, height - y - h, rw, h, radius, PaintMode::Fill);
                if radius == 0.0 {
                    w.queue_rect(fill, rect);
                } else {
                    w.fill(fill);
                    w.ops.push(Op::DrawPolygon { polygon: rect });
                }
            }
            Element::Frame {
                x,
                y,
                w: rw,
                h,
                radius,
                width,
                color,
            } => {
                w.ops.push(Op::SetOutlineColor {
                    col: color_of(color),
                });
                w.ops.push(Op::SetOutlineThickness { pt: Pt(width) });
                let polygon = rounded_rect(x, height - y - h, rw, h, radius, PaintMode::Stroke);
                w.ops.push(Op::DrawPolygon { polygon });
            }
            Element::Disc { cx, cy, r, fill } => {
                w.fill(fill);
                let d = 2.0 * r;
                let polygon = rounded_rect(cx - r, height - cy - r, d, d, r, PaintMode::Fill);
                w.ops.push(Op::DrawPolygon { polygon });
            }
            Element::Image {
                x,
                y,
                w: iw,
                h,
                picture,
                ..
            } => {
                let (id, px_w, px_h) = images.add(&picture, iw, h, pdf)?;
                let transform = XObjectTransform {
                    translate_x: Some(Pt(round(x))),
                    translate_y: Some(Pt(round(height - y - h))),
                    scale_x: Some(iw / px_w as f32),
                    scale_y: Some(h / px_h as f32),
                    dpi: Some(72.0),
                    ..XObjectTransform::default()
                };
                w.ops.push(Op::UseXobject { id, transform });
            }
            Element::Link {
                x,
                y,
                w: lw,
                h,
                url,
            } => {
                let rect = Rect {
                    x: Pt(x),
                    y: Pt(height - y - h),
                    width: Pt(lw),
                    height: Pt(h),
                    mode: None,
                    winding_order: None,
                };
                let border = BorderArray::Solid([0.0, 0.0, 0.0]);
                let link = LinkAnnotation::new(rect, Actions::Uri(url), Some(border), None, None);
                w.ops.push(Op::LinkAnnotation { link });
            }
        }
    }
    w.flush_rects();
    w.end_text();
    w.end_mark();
    let media = Rect::from_wh(Pt(width), Pt(height));
    Ok(PdfPage {
        media_box: media.clone(),
        trim_box: media.clone(),
        crop_box: media,
        ops: w.ops,
    })
}

/// Page operations with the text and colour state they set, so that runs of
/// text share one text object and nothing is set twice.
#[derive(Default)]
struct Writer {
    ops: Vec<Op>,
    in_text: bool,
    /// Inside a marked-content sequence.
    marked: bool,
    font: Option<(crate::text::FaceId, f32)>,
    fill: Option<Rgb>,
    /// Square-cornered rectangles of one colour in a row (a QR code's
    /// modules, underlines), drawn as one path.
    rects: Option<(Rgb, Polygon)>,
}

impl Writer {
    fn begin_text(&mut self) {
        if !self.in_text {
            self.ops.push(Op::StartTextSection);
            self.in_text = true;
        }
    }

    /// Start a marked-content sequence, ending the one before, unless the
    /// element goes on in the same one.
    fn mark(&mut self, mark: Mark) {
        let op = match mark {
            Mark::Same => return,
            Mark::Artifact => Op::BeginMarkedContent {
                tag: "Artifact".into(),
            },
            Mark::Content { tag, mcid } => Op::BeginMarkedContentWithProperties {
                tag: tag.into(),
                properties: DictItem::Dict {
                    map: BTreeMap::from([("MCID".to_string(), DictItem::Int(mcid))]),
                },
            },
        };
        self.flush_rects();
        self.end_text();
        self.end_mark();
        self.marked = true;
        self.ops.push(op);
        // Set again inside: poppler reads a sequence's text with the font set in it.
        self.font = None;
    }

    fn end_mark(&mut self) {
        if self.marked {
            self.ops.push(Op::EndMarkedContent);
            self.marked = false;
        }
    }

    fn queue_rect(&mut self, fill: Rgb, rect: Polygon) {
        match &mut self.rects {
            Some((color, path)) if *color == fill => path.rings.extend(rect.rings),
            _ => {
                self.flush_rects();
                self.rects = Some((fill, rect));
            }
        }
    }

    fn flush_rects(&mut self) {
        if let Some((color, polygon)) = self.rects.take() {
            self.fill(color);
            self.ops.push(Op::DrawPolygon { polygon });
        }
    }

    /// Shapes cannot be drawn inside a text object.
    fn end_text(&mut self) {
        if self.in_text {
            self.ops.push(Op::EndTextSection);
            self.in_text = false;
        }
    }

    fn fill(&mut self, color: Rgb) {
        if self.fill != Some(color) {
            self.fill = Some(color);
            self.ops.push(Op::SetFillColor {
                col: color_of(color),
            });
        }
    }
}

/// Positions to a hundredth of a point: finer is invisible and only lengthens the file.
fn round(v: f32) -> f32 {
    (v * 100.0).round() / 100.0
}

/// Glyph ids in the subset, with TJ adjustments wherever shaping (kerning)
/// moved a glyph from the width the PDF viewer will assume, and the text
/// each stands for (its ToUnicode entry).
fn codepoints(
    glyphs: Vec<PlacedGlyph>,
    size: f32,
    rtl: bool,
    font: &super::fonts::EmbeddedFace,
) -> Vec<Codepoint> {
    glyphs
        .into_iter()
        .map(|g| {
            let gid = font.remap.get(g.id).unwrap_or(0);
            let nominal = font.widths.get(&gid).copied().unwrap_or(0.0);
            let adjust = (nominal - g.advance / size) * 1000.0;
            let offset = if adjust.abs() < 0.05 {
                0.0
            } else {
                (adjust * 100.0).round() / 100.0
            };
            // Extraction reverses right-to-left glyphs' characters along
            // with the glyphs, so a ligature's (lam-alef) are given reversed.
            let text = if rtl && g.text.chars().nth(1).is_some() {
                g.text.chars().rev().collect()
            } else {
                g.text
            };
            // A glyph that carries no text of its own (the second glyph of
            // a cluster) gets the font's character for it: PDF/A-2u wants
            // every glyph mapped to Unicode.
            Codepoint {
                gid,
                offset,
                cid: (!text.is_empty()).then_some(text),
            }
        })
        .collect()
}

fn color_of(c: Rgb) -> Color {
    let channel = |v: u8| (f32::from(v) / 255.0 * 1000.0).round() / 1000.0;
    Color::Rgb(printpdf::Rgb {
        r: channel(c.0),
        g: channel(c.1),
        b: channel(c.2),
        icc_profile: None,
    })
}

/// A rectangle (PDF coordinates, bottom-left at x, y) with corners rounded by
/// `r`, as a closed path of lines and cubic Béziers.
fn rounded_rect(x: f32, y: f32, w: f32, h: f32, r: f32, mode: PaintMode) -> Polygon {
    let r = r.min(w / 2.0).min(h / 2.0).max(0.0);
    // Control-point distance for a quarter circle.
    let k = r * 0.552_284_8;
    let pt = |px: f32, py: f32, bezier: bool| LinePoint {
        p: Point {
            x: Pt(px),
            y: Pt(py),
        },
        bezier,
    };
    let (x1, y1) = (x + w, y + h);
    let mut points = vec![pt(x + r, y, false), pt(x1 - r, y, false)];
    if r > 0.0 {
        points.extend([
            pt(x1 - r + k, y, true),
            pt(x1, y + r - k, true),
            pt(x1, y + r, false),
            pt(x1, y1 - r, false),
            pt(x1, y1 - r + k, true),
            pt(x1 - r + k, y1, true),
            pt(x1 - r, y1, false),
            pt(x + r, y1, false),
            pt(x + r - k, y1, true),
            pt(x, y1 - r + k, true),
            pt(x, y1 - r, false),
            pt(x, y + r, false),
            pt(x, y + r - k, true),
            pt(x + r - k, y, true),
            pt(x + r, y, false),
        ]);
    } else {
        points.extend([pt(x1, y1, false), pt(x, y1, false)]);
    }
    Polygon {
        rings: vec![PolygonRing { points }],
        mode,
        winding_order: WindingOrder::NonZero,
    }
}

impl Images {
    /// The XObject for `picture` at a printed size, with its pixel size.
    fn add(
        &mut self,
        picture: &Picture,
        w: f32,
        h: f32,
        pdf: &mut PdfDocument,
    ) -> Result<(XObjectId, u32, u32), super::Error> {
        let key = (
            std::sync::Arc::as_ptr(&picture.image) as usize,
            w.to_bits(),
            h.to_bits(),
        );
        if let Some((id, (px_w, px_h))) = self.ids.get(&key) {
            return Ok((id.clone(), *px_w, *px_h));
        }
        let pixels = picture.for_print(w, h);
        let id = XObjectId(format!("Im{}", self.ids.len()));
        let image = super::image::xobject(&pixels, &mut self.deflater)?;
        pdf.resources
            .xobjects
            .map
            .insert(id.clone(), printpdf::XObject::External(image));
        self.ids
            .insert(key, (id.clone(), (pixels.width, pixels.height)));
        Ok((id, pixels.width, pixels.height))
    }
}
