//! Stage 3: text on real font data — faces, shaping with harfrust, lines
//! broken at Unicode break opportunities and put in bidirectional order.

pub mod cjk;
pub mod font;
pub mod font_check;
pub mod justify;
pub mod language;
pub mod lines;
pub mod shape;
pub mod words;
pub mod writing;

pub use font::{Face, FaceId, Fallbacks, Family, FamilyFaces, FontSet, Origin};
pub use lines::{Fragment, Line, PlacedGlyph, Ranges, Run, ShapedText};
pub use writing::Writing;
