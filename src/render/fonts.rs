//! Font embedding: each face is subset to the glyphs the document uses (with
//! `subsetter`), renumbered, and handed to printpdf under a subset tag.

use crate::layout::{Document, Element};
use crate::text::{FaceId, FontSet};
use printpdf::{FontId, ParsedFont, PdfDocument, PdfFont};
use std::collections::BTreeMap;
use subsetter::GlyphRemapper;

/// A face as embedded: its PDF resource and the map from the face's glyph ids
/// to the subset's.
pub struct EmbeddedFace {
    pub id: FontId,
    pub remap: GlyphRemapper,
    /// Advance widths (in ems) that the PDF viewer will use for each subset glyph.
    pub widths: BTreeMap<u16, f32>,
}

pub type Embedded = BTreeMap<FaceId, EmbeddedFace>;

pub fn embed(doc: &Document, fonts: &FontSet, pdf: &mut PdfDocument) -> Embedded {
    let mut used: BTreeMap<FaceId, Vec<u16>> = BTreeMap::new();
    for element in doc.pages.iter().flat_map(|p| &p.elements) {
        if let Element::Text { face, glyphs, .. } = element {
            used.entry(*face)
                .or_default()
                .extend(glyphs.iter().map(|g| g.id));
        }
    }
    let mut out = Embedded::new();
    for (face_id, mut glyphs) in used {
        glyphs.sort_unstable();
        glyphs.dedup();
        let face = fonts.face(face_id);
        let mut remap = GlyphRemapper::new();
        for &g in &glyphs {
            remap.remap(g);
        }
        let (bytes, tag) = match subsetter::subset((*face.data).as_ref(), 0, &remap) {
            Ok(bytes) => (bytes, Some(subset_tag(&face.name, &glyphs))),
            // A face the subsetter cannot handle is embedded whole, with its own ids.
            Err(_) => {
                remap = GlyphRemapper::new_from_glyphs_sorted(
                    &(0..face.font.num_glyphs() as u16).collect::<Vec<_>>(),
                );
                ((*face.data).as_ref().to_vec(), None)
            }
        };
        let mut warnings = Vec::new();
        let Some(mut parsed) = ParsedFont::from_bytes(&bytes, 0, &mut warnings) else {
            continue;
        };
        if let Some((ascent, descent)) = extent(face, &glyphs) {
            parsed.font_metrics.ascent = ascent;
            parsed.font_metrics.descent = descent;
        }
        parsed.font_name = Some(match tag {
            Some(tag) => format!("{tag}+{}", face.name),
            None => face.name.clone(),
        });
        let upem = f32::from(parsed.units_per_em.max(1));
        // printpdf writes /W in whole thousandths of an em, truncated; kerning is measured against that.
        let widths = parsed
            .glyph_widths
            .iter()
            .map(|(g, w)| (*g, (f32::from(*w) * 1000.0 / upem).trunc() / 1000.0))
            .collect();
        let id = FontId(format!("F{}", face_id.0));
        pdf.resources
            .fonts
            .map
            .insert(id.clone(), PdfFont::new(parsed));
        out.insert(face_id, EmbeddedFace { id, remap, widths });
    }
    out
}

/// How far the subset's glyphs reach above and below the baseline, in font
/// units: the FontDescriptor's Ascent and Descent, which text extraction
/// uses as each line's height. Marks (no advance) are left out, as the PDF
/// specification asks; a face's own line metrics can be far taller (Arabic
/// faces leave room for stacked marks) and make lines seem to overlap.
/// TrueType faces only: they store each glyph's box, while a CFF face would
/// have to draw every glyph to measure it (its own metrics serve).
fn extent(face: &crate::text::Face, glyphs: &[u16]) -> Option<(i16, i16)> {
    use skrifa::MetadataProvider;
    use skrifa::instance::{LocationRef, Size};
    use skrifa::raw::TableProvider;
    let font = skrifa::FontRef::new((*face.data).as_ref()).ok()?;
    if font.glyf().is_err() {
        return None;
    }
    let metrics = font.glyph_metrics(Size::unscaled(), LocationRef::default());
    let (mut top, mut bottom) = (0.0f32, 0.0f32);
    for &g in glyphs {
        let id = skrifa::GlyphId::new(u32::from(g));
        if metrics.advance_width(id).unwrap_or(0.0) <= 0.0 {
            continue;
        }
        if let Some(b) = metrics.bounds(id) {
            top = top.max(b.y_max);
            bottom = bottom.min(b.y_min);
        }
    }
    (top > 0.0).then(|| (top.round() as i16, bottom.round() as i16))
}

/// Six capital letters naming a subset (ISO 32000 9.6.4), derived from its
/// contents so that the same glyphs always get the same tag.
fn subset_tag(name: &str, glyphs: &[u16]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |b: u8| h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    name.bytes().for_each(&mut eat);
    glyphs
        .iter()
        .flat_map(|g| g.to_be_bytes())
        .for_each(&mut eat);
    (0..6)
        .map(|i| (b'A' + ((h >> (i * 8)) % 26) as u8) as char)
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn subset_tags_are_stable_and_distinct() {
        let a = super::subset_tag("Face", &[1, 2, 3]);
        assert_eq!(a, super::subset_tag("Face", &[1, 2, 3]));
        assert_ne!(a, super::subset_tag("Face", &[1, 2, 4]));
        assert!(a.len() == 6 && a.chars().all(|c| c.is_ascii_uppercase()));
    }
}
