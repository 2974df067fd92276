//! Stage 4: the model laid out into pages of positioned elements. Layout
//! measures everything before it commits to a page (see [`flow`]).

pub mod flow;
pub mod frame;
mod sheet;
pub mod typeset;

pub use frame::{Bookmark, Document, Element, Metadata, Page};
pub use sheet::{LOGO_HEIGHT, MARGIN, sheet};

use crate::model::Paper;

/// Page width and height in points.
pub fn paper_size(paper: Paper) -> (f32, f32) {
    match paper {
        Paper::Letter => (612.0, 792.0),
        Paper::A4 => (595.276, 841.89),
    }
}
