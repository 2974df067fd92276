//! Stage 5: laid-out pages to PDF bytes. printpdf builds the page content and
//! resources; the finishing pass sets what printpdf leaves out or randomises
//! (document info, language, outline, file ID) so identical inputs give
//! identical bytes.

mod deflate;
mod finish;
mod fonts;
mod image;
mod page;

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
    let embedded = fonts::embed(&doc, fonts, &mut pdf)?;
    let mut images = page::Images::default();
    let size = (doc.width, doc.height);
    let (pages, doc) = doc.take_pages();
    pdf.pages = pages
        .into_iter()
        .map(|p| page::render(p, size, &embedded, &mut images, &mut pdf))
        .collect::<Result<_, _>>()?;
    let options = PdfSaveOptions {
        optimize: false,
        subset_fonts: false,
        secure: false,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    Ok(finish::finish(
        printpdf::to_lopdf_doc(&pdf, &options, &mut warnings),
        &doc,
    ))
}
