//! Stage 5: laid-out pages to PDF bytes. Each page's content stream is
//! written here, marked for the tag tree; printpdf builds the document
//! around it (pages, pictures, link annotations); the finishing pass adds
//! the fonts, and what printpdf leaves out (the tag tree, XMP metadata and
//! output intent that PDF/UA-1 and PDF/A-2u ask for, document info,
//! language, outline) or randomises (file ID), so identical inputs give
//! identical bytes.

mod content;
mod deflate;
mod finish;
mod fonts;
mod image;
mod pack;
mod page;
mod stream_end;
mod structure;
mod tag_tree;
mod xmp;

pub use fonts::check_text;
pub use xmp::SIGNATURE;

use crate::layout::Document;
use crate::text::FaceId;
use printpdf::{PdfDocument, PdfSaveOptions};

/// Why a laid-out document cannot be printed as laid out: rather than print
/// blank text or leave a picture out, the build stops.
#[derive(Debug)]
pub enum Error {
    /// A face cannot print what was set in it; the problem follows "font `FILE`".
    Font { face: FaceId, problem: String },
    /// A picture could not be compressed.
    Picture,
}

/// The PDF file for `doc`, with the fonts its text was shaped with. The
/// pages are drawn on this core while another subsets the fonts and
/// compresses what is drawn (see [`pack`]).
pub fn pdf(doc: Document) -> Result<Vec<u8>, Error> {
    let fonts = doc.fonts;
    let embedded = fonts::embed(&doc, fonts)?;
    let size = (doc.width, doc.height);
    let (pages, doc) = doc.take_pages();
    let mut structure = structure::Structure::new(&doc.nodes);
    std::thread::scope(|scope| {
        let (send, receive) = std::sync::mpsc::channel();
        let packer = crate::beside::spawn(scope, || pack::pack(fonts, &embedded, receive));
        let canvas = Canvas {
            size,
            title: &doc.metadata.title,
            fonts: &embedded,
        };
        // The sender goes with the closure when drawing ends, which ends
        // the packer's stream of pages. A packer that has failed takes no
        // more; its error is met when it is joined.
        let drawn = draw(pages, canvas, &mut structure, move |content| {
            send.send(content).ok();
        });
        let packed = || packer.join();
        // A face that cannot be embedded is the first problem to report.
        let (pdf, mut images) = match drawn {
            Ok(drawn) => drawn,
            Err(e) => return Err(packed().err().unwrap_or(e)),
        };
        structure.in_reading_order();
        let options = PdfSaveOptions {
            optimize: false,
            subset_fonts: false,
            secure: false,
            image_optimization: None,
        };
        let mut warnings = Vec::new();
        let written = finish::Written {
            pdf: printpdf::to_lopdf_doc(&pdf, &options, &mut warnings),
            fonts: &embedded,
        };
        finish::finish(written, &doc, &structure, &mut images.deflater, packed)
    })
}

/// What every page is drawn with.
struct Canvas<'a> {
    size: (f32, f32),
    title: &'a str,
    fonts: &'a fonts::Embedded,
}

/// Draw each page into a printpdf document (pages, pictures, links) and the
/// tag tree, handing its content stream on to be `packed`.
fn draw(
    pages: Vec<crate::layout::Page>,
    canvas: Canvas,
    structure: &mut structure::Structure,
    mut packed: impl FnMut(Vec<u8>),
) -> Result<(PdfDocument, page::Images), Error> {
    let mut pdf = PdfDocument::new(canvas.title);
    let mut images = page::Images::default();
    for (index, p) in pages.into_iter().enumerate() {
        let target = page::Target { index, structure };
        let (page, content) =
            page::render(p, canvas.size, canvas.fonts, &mut images, &mut pdf, target)?;
        pdf.pages.push(page);
        packed(content);
    }
    Ok((pdf, images))
}
