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
use printpdf::{PdfDocument, PdfSaveOptions};

/// The PDF file for `doc`.
pub fn pdf(doc: Document) -> Vec<u8> {
    let fonts = doc.fonts;
    let mut pdf = PdfDocument::new(&doc.metadata.title);
    let embedded = fonts::embed(&doc, fonts, &mut pdf);
    let mut images = page::Images::default();
    let size = (doc.width, doc.height);
    let (pages, doc) = doc.take_pages();
    pdf.pages = pages
        .into_iter()
        .map(|p| page::render(p, size, &embedded, &mut images, &mut pdf))
        .collect();
    let options = PdfSaveOptions {
        optimize: false,
        subset_fonts: false,
        secure: false,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    finish::finish(printpdf::to_lopdf_doc(&pdf, &options, &mut warnings), &doc)
}
