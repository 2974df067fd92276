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
pub use theme::{LOGO_HEIGHT, MARGIN};
pub use trifold::{BodySize, MIN_BODY as MIN_TRIFOLD_BODY, Overflow, smaller_than_readable};

use crate::date::Date;
use crate::model::{Clinic, Handout, Paper};
use compose::Leaflet;

/// The layouts a handout can take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layout {
    /// Portrait pages.
    #[default]
    Sheet,
    /// A landscape sheet folded in three.
    Trifold,
}

/// The one interface of the PDF layouts: a composed leaflet (from
/// `handout`, for `clinic`) laid out on paper, or why it cannot be.
pub type LayOut = for<'a> fn(&Handout, &'a Clinic, &Leaflet, &Options) -> Result<Laid<'a>, Refusal>;

impl Layout {
    /// This layout's way of laying a leaflet out.
    pub fn lay_out(self) -> LayOut {
        match self {
            Layout::Sheet => sheet::sheet,
            Layout::Trifold => trifold::trifold,
        }
    }
}

/// A leaflet laid out: its pages, and the body size the layout chose
/// when it chose one (a trifold sets the largest that fits).
pub struct Laid<'a> {
    pub document: Document<'a>,
    pub body: Option<BodySize>,
}

impl<'a> Laid<'a> {
    /// `document` as `handout` reads: mirrored in a right-to-left language.
    fn new(document: Document<'a>, handout: &Handout, body: Option<BodySize>) -> Laid<'a> {
        let document = if handout.writing.rtl {
            document.mirrored()
        } else {
            document
        };
        Laid { document, body }
    }
}

/// Why a leaflet cannot be laid out.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Refusal {
    /// The clinic's name or phone, or the title, is too long for where it
    /// goes.
    Crowded(Crowded),
    /// The body does not fit a trifold at the smallest size.
    TooLong(Overflow),
    /// The contact block, review date and disclaimer alone are taller than
    /// a trifold's back panel, by about this many lines of fine print.
    BackTooFull(usize),
}

impl From<Crowded> for Refusal {
    fn from(c: Crowded) -> Refusal {
        Refusal::Crowded(c)
    }
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
