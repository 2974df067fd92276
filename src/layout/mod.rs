//! Stage 4: the model laid out into pages of positioned elements. Layout
//! measures everything before it commits to a page (see [`flow`]).

mod band;
mod chrome;
mod code_beside;
mod columns;
pub mod compose;
mod copyfit;
pub mod flow;
pub mod frame;
mod pieces;
pub mod qr;
mod sheet;
pub mod theme;
mod trifold;
pub mod typeset;

pub use chrome::{Crowded, Detail, Place};
pub use frame::{Bookmark, Document, Element, Metadata, Page};
pub use sheet::sheet;
pub use theme::{LOGO_HEIGHT, MARGIN};
pub use trifold::{
    BodySize, MIN_BODY as MIN_TRIFOLD_BODY, Refusal, smaller_than_readable, trifold,
};

use crate::date::Date;
use crate::model::{Clinic, Handout, Paper};

/// The layouts a handout can take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layout {
    /// Portrait pages.
    #[default]
    Sheet,
    /// A landscape sheet folded in three.
    Trifold,
}

/// What makes a copy a particular patient's.
#[derive(Debug, Clone, Default)]
pub struct PatientCopy {
    /// "Prepared for NAME" and the day it was printed.
    pub name: Option<(String, Date)>,
    /// The clinician's note, printed in a box after the main message.
    pub note: Vec<crate::markup::Paragraph>,
}

/// How to lay a handout out.
#[derive(Debug, Clone)]
pub struct Options {
    pub paper: Paper,
    /// Body at 18 pt or more, no italics (sheet only).
    pub large_print: bool,
    /// Written into the PDF's metadata.
    pub date: Date,
}

/// Page width and height in points, portrait.
pub fn paper_size(paper: Paper) -> (f32, f32) {
    match paper {
        Paper::Letter => (612.0, 792.0),
        Paper::A4 => (595.276, 841.89),
    }
}

fn metadata(handout: &Handout, clinic: &Clinic, options: &Options) -> Metadata {
    Metadata {
        title: handout.title.clone(),
        author: clinic.name.clone(),
        subject: handout
            .subtitle
            .clone()
            .unwrap_or_else(|| handout.title.clone()),
        keywords: handout.keywords.clone(),
        language: handout.language.clone(),
        date: options.date,
    }
}
