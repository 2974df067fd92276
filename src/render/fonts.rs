//! Font embedding: each face is subset to the glyphs the document uses (with
//! `subsetter`), renumbered, and handed to printpdf under a subset tag.

use super::Error;
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

/// Embed every face `doc` uses. A glyph that would print as nothing (a
/// letter without a shape, or one no font has) is an error, never blank text.
pub fn embed(doc: &Document, fonts: &FontSet, pdf: &mut PdfDocument) -> Result<Embedded, Error> {
    let mut used: BTreeMap<FaceId, BTreeMap<u16, &str>> = BTreeMap::new();
    for element in doc.pages.iter().flat_map(|p| &p.elements) {
        if let Element::Text { face, glyphs, .. } = element {
            let seen = used.entry(*face).or_default();
            for g in glyphs {
                let text = seen.entry(g.id).or_insert(&g.text);
                if text.is_empty() {
                    *text = &g.text;
                }
            }
        }
    }
    let mut out = Embedded::new();
    for (face_id, glyphs) in used {
        let face = fonts.face(face_id);
        let problem = |problem: String| Error::Font {
            face: face_id,
            problem,
        };
        for (&g, text) in &glyphs {
            if let Some(c) = text.chars().find(|c| visible(*c)) {
                check_glyph(face, g, c).map_err(problem)?;
            }
        }
        let glyphs: Vec<u16> = glyphs.into_keys().collect();
        let mut remap = GlyphRemapper::new();
        for &g in &glyphs {
            remap.remap(g);
        }
        let (bytes, tag) = match subsetter::subset(&face.data, 0, &remap) {
            Ok(bytes) => (bytes, Some(subset_tag(&face.name, &glyphs))),
            // A face the subsetter cannot handle is embedded whole, with its own ids.
            Err(_) => {
                remap = GlyphRemapper::new_from_glyphs_sorted(
                    &(0..face.font.num_glyphs() as u16).collect::<Vec<_>>(),
                );
                (face.data.to_vec(), None)
            }
        };
        let mut warnings = Vec::new();
        let mut parsed = ParsedFont::from_bytes(&bytes, 0, &mut warnings)
            .ok_or_else(|| problem("cannot be embedded in a PDF; try another copy of it".into()))?;
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
    Ok(out)
}

/// Whether `c` prints as ink: not a space, a control or a character that
/// only steers shaping or breaking (Unicode's default-ignorable ones).
fn visible(c: char) -> bool {
    !c.is_whitespace()
        && !c.is_control()
        && !matches!(c,
            '\u{ad}' | '\u{34f}' | '\u{61c}' | '\u{115f}'..='\u{1160}' | '\u{17b4}'..='\u{17b5}'
            | '\u{180b}'..='\u{180f}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{206f}' | '\u{3164}' | '\u{fe00}'..='\u{fe0f}' | '\u{feff}'
            | '\u{ffa0}' | '\u{fff0}'..='\u{fff8}' | '\u{e0000}'..='\u{e0fff}')
}

/// Glyph `g`, standing for the visible character `c`, prints as something.
fn check_glyph(face: &crate::text::Face, g: u16, c: char) -> Result<(), String> {
    let character = format!("the character U+{:04X} \"{c}\"", c as u32);
    if g == 0 || u32::from(g) >= face.font.num_glyphs() {
        return Err(format!(
            "has no glyph for {character}, which would print as an empty box"
        ));
    }
    if !face.draws(g) {
        return Err(format!(
            "is damaged: its glyph for {character} has no shape, so it would print as nothing; \
             copy or download the font again"
        ));
    }
    Ok(())
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
    let font = skrifa::FontRef::new(&face.data).ok()?;
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
