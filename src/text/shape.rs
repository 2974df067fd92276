//! Shaping with harfrust: characters to positioned glyphs, kerning included.

use super::Face;
use harfrust::{Buffer, BufferFlags, ClusterLevel, Direction, Language, ShapeOptions, ShaperFont};

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

/// Shape `text`, all of one direction, with the face's default features
/// (kerning, ligatures, Arabic joining) and its forms for `language` (Chinese
/// Traditional glyphs from a Simplified face). Glyphs come back in logical
/// order, whatever the direction. Clusters are offset by `base` so callers can
/// shape slices of a larger string and keep absolute positions.
pub fn shape(
    face: &Face,
    text: &str,
    base: usize,
    rtl: bool,
    language: Option<&Language>,
) -> Vec<Glyph> {
    let shaper = ShaperFont::new(&face.font);
    let mut buffer = Buffer::new();
    buffer.push_str(text);
    // A mark keeps its own cluster, so text extraction gets it from its own
    // glyph rather than from the letter it sits on.
    buffer.set_cluster_level(ClusterLevel::MonotoneCharacters);
    buffer.set_direction(if rtl {
        Direction::RightToLeft
    } else {
        Direction::LeftToRight
    });
    buffer.set_language(language.cloned());
    buffer.guess_segment_properties();
    if keeps_joiners(face, text) {
        buffer.set_flags(BufferFlags::PRESERVE_DEFAULT_IGNORABLES);
    }
    let plan = face.plan((buffer.direction(), buffer.script(), language.cloned()));
    if harfrust::shape(&shaper, &mut buffer, ShapeOptions::new().plan(Some(&plan))).is_err() {
        return Vec::new();
    }
    let upem = face.units_per_em;
    let mut glyphs: Vec<Glyph> = buffer
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
        .collect();
    if rtl {
        // Shaped right to left, the glyphs are in visual order.
        glyphs.reverse();
    }
    glyphs
}

/// Whether `text` has a zero-width (non-)joiner, as Persian writes between
/// the parts of a word (می‌شود), and the face has a glyph for each. The
/// shaper would otherwise draw it as the face's space glyph with no width,
/// and that glyph can stand for only one text when copied from the PDF:
/// then either the joiner or the spaces would come back wrong.
fn keeps_joiners(face: &Face, text: &str) -> bool {
    let joiners: Vec<char> = text
        .chars()
        .filter(|c| matches!(c, '\u{200c}' | '\u{200d}'))
        .collect();
    !joiners.is_empty() && joiners.iter().all(|c| face.has_char(*c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn face(file: &str) -> Face {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fonts/").to_string() + file;
        Face::from_bytes("f", std::fs::read(path).unwrap()).unwrap()
    }

    #[test]
    fn traditional_chinese_takes_its_own_glyph_forms_from_one_face() {
        let cjk = face("NotoSansCJKsc-Regular.otf");
        // 骨 (bone) is drawn differently in mainland and Taiwanese usage.
        let glyph = |tag: &str| shape(&cjk, "骨", 0, false, tag.parse().ok().as_ref())[0].id;
        assert_ne!(glyph("zh-Hans"), glyph("zh-Hant"));
        assert_eq!(glyph("zh-Hans"), glyph("zh"));
    }

    #[test]
    fn a_zero_width_non_joiner_keeps_its_own_glyph() {
        let arabic = face("NotoSansArabic-Regular.ttf");
        let space = shape(&arabic, " ", 0, true, None)[0].id;
        let glyphs = shape(&arabic, "می\u{200c}شود", 0, true, None);
        let joiner = glyphs
            .iter()
            .find(|g| g.cluster == 4)
            .expect("the joiner's glyph");
        assert_ne!(joiner.id, space);
        assert_eq!(joiner.advance, 0.0);
    }

    #[test]
    fn right_to_left_text_is_joined_and_returned_in_logical_order() {
        let arabic = face("NotoSansArabic-Regular.ttf");
        let glyphs = shape(&arabic, "لا بد", 0, true, None);
        // Lam and alef join into one glyph; clusters run forwards.
        assert_eq!(glyphs.len(), 4, "{glyphs:?}");
        let clusters: Vec<usize> = glyphs.iter().map(|g| g.cluster).collect();
        assert_eq!(clusters, [0, 4, 5, 7]);
    }
}
