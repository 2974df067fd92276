//! Shaping with harfrust: characters to positioned glyphs, kerning included.

use super::Face;
use harfrust::{Buffer, ShapeOptions, ShaperFont};

/// A shaped glyph. Distances are in ems, so one shaping serves every size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Glyph {
    pub id: u16,
    pub advance: f32,
    pub x_offset: f32,
    pub y_offset: f32,
    /// Byte offset, in the shaped text, of the character this glyph starts.
    pub cluster: usize,
}

/// Shape `text` left to right with the face's default features (kerning,
/// ligatures). Clusters are offset by `base` so callers can shape slices of a
/// larger string and keep absolute positions.
pub fn shape(face: &Face, text: &str, base: usize) -> Vec<Glyph> {
    let shaper = ShaperFont::new(&face.font);
    let mut buffer = Buffer::new();
    buffer.push_str(text);
    buffer.guess_segment_properties();
    let plan = face.plan(buffer.direction(), buffer.script());
    if harfrust::shape(&shaper, &mut buffer, ShapeOptions::new().plan(Some(&plan))).is_err() {
        return Vec::new();
    }
    let upem = face.units_per_em;
    buffer
        .glyph_infos()
        .iter()
        .zip(buffer.glyph_positions())
        .map(|(info, pos)| Glyph {
            id: u16::try_from(info.glyph_id).unwrap_or(0),
            advance: pos.x_advance as f32 / upem,
            x_offset: pos.x_offset as f32 / upem,
            y_offset: pos.y_offset as f32 / upem,
            cluster: base + info.cluster as usize,
        })
        .collect()
}
