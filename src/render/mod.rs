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
mod page;
mod structure;
mod xmp;

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

/// The PDF file for `doc`, with the fonts its text was shaped with.
pub fn pdf(doc: Document) -> Result<Vec<u8>, Error> {
    let fonts = doc.fonts;
    let mut pdf = PdfDocument::new(&doc.metadata.title);
    let embedded = fonts::embed(&doc, fonts)?;
    let mut images = page::Images::default();
    let size = (doc.width, doc.height);
    let (pages, doc) = doc.take_pages();
    let mut structure = structure::Structure::new(&doc.nodes);
    let (pages, contents): (Vec<_>, Vec<_>) = pages
        .into_iter()
        .enumerate()
        .map(|(index, p)| {
            let target = page::Target {
                index,
                structure: &mut structure,
            };
            page::render(p, size, &embedded, &mut images, &mut pdf, target)
        })
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .unzip();
    pdf.pages = pages;
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
        contents,
        fonts: &embedded,
    };
    Ok(finish::finish(
        written,
        &doc,
        &structure,
        &mut images.deflater,
    ))
}
