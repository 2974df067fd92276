//! Stage 3: text on real font data — faces, shaping with harfrust, and lines
//! broken at Unicode break opportunities.

pub mod font;
pub mod lines;
pub mod shape;

pub use font::{Face, FaceId, FontSet};
pub use lines::{Fragment, Line, PlacedGlyph, Run, break_lines};
