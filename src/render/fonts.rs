//! Font embedding: each face is subset to the glyphs the document uses (with
//! `subsetter`, which renumbers them, so a glyph's new id is its code and
//! its CID) and written as a Type 0 font with Identity-H encoding: the
//! subset program, the widths the viewer assumes, and a ToUnicode map from
//! each code to the text it stands for.

use super::Error;
use crate::layout::{Document, Element};
use crate::text::{FaceId, FontSet, PlacedGlyph};
use compact_str::CompactString;
use lopdf::{Dictionary, Object, ObjectId, Stream};
use rustc_hash::FxHashMap;
use std::collections::{BTreeMap, BTreeSet};
use subsetter::GlyphRemapper;

/// A face as embedded: its resource name, its codes and widths, and the
/// PDF objects that carry it.
pub struct EmbeddedFace {
    /// The name pages use for it (`F0`).
    pub resource: String,
    remap: GlyphRemapper,
    /// Advance widths by code, in thousandths of an em, as the PDF says them.
    widths: Vec<u16>,
    /// The subset tag and face name (`ABCDEF+Face`).
    base_font: String,
    /// CFF outlines (an OpenType `OTTO` face), not TrueType ones.
    cff: bool,
    /// The text of each code, as copied from the page.
    text: BTreeMap<u16, CompactString>,
    descriptor: Descriptor,
}

/// The FontDescriptor's metrics, in thousandths of an em.
struct Descriptor {
    ascent: i64,
    descent: i64,
    cap_height: i64,
    bbox: [i64; 4],
    italic_angle: i64,
    stem_v: i64,
}

pub type Embedded = BTreeMap<FaceId, EmbeddedFace>;

impl EmbeddedFace {
    /// A placed glyph's code and the TJ adjustment (thousandths of an em)
    /// that puts the next glyph where shaping (kerning) put it rather than
    /// where the viewer's width would.
    pub fn code(&self, g: &PlacedGlyph, size: f32) -> (u16, f32) {
        let code = self.remap.get(g.id).unwrap_or(0);
        let nominal = f32::from(self.widths.get(usize::from(code)).copied().unwrap_or(0));
        let adjust = nominal - g.advance / size * 1000.0;
        let adjust = if adjust.abs() < 0.05 {
            0.0
        } else {
            (adjust * 100.0).round() / 100.0
        };
        (code, adjust)
    }
}

/// Embed every face `doc` uses. A glyph that would print as nothing (a
/// letter without a shape, or one no font has) is an error, never blank text.
pub fn embed(doc: &Document, fonts: &FontSet) -> Result<Embedded, Error> {
    // Hashed while thousands of glyphs are looked up; ordered once per face.
    let mut used: BTreeMap<FaceId, FxHashMap<u16, CompactString>> = BTreeMap::new();
    for element in doc.pages.iter().flat_map(|p| &p.elements) {
        if let Element::Text {
            face, glyphs, rtl, ..
        } = element
        {
            let seen = used.entry(*face).or_default();
            for g in glyphs {
                let text = seen.entry(g.id).or_default();
                if text.is_empty() {
                    // Extraction reverses right-to-left glyphs' characters
                    // along with the glyphs, so a ligature's (lam-alef) are
                    // given reversed.
                    *text = if *rtl {
                        g.text.chars().rev().collect()
                    } else {
                        g.text.clone()
                    };
                }
            }
        }
    }
    used.into_iter()
        .map(|(face_id, glyphs)| {
            let glyphs = glyphs.into_iter().collect();
            Ok((face_id, embed_face(fonts, face_id, glyphs)?))
        })
        .collect()
}

fn embed_face(
    fonts: &FontSet,
    face_id: FaceId,
    mut glyphs: BTreeMap<u16, CompactString>,
) -> Result<EmbeddedFace, Error> {
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
    name_textless(face, &mut glyphs);
    let ids: Vec<u16> = glyphs.keys().copied().collect();
    let mut remap = GlyphRemapper::new();
    for &g in &ids {
        remap.remap(g);
    }
    let cff = face.cff;
    let upem = face.units_per_em;
    let thousandths = |units: f32| (units * 1000.0 / upem).round() as i64;
    let advances = face.font.glyph_metrics();
    let mut widths = vec![0; remap.num_gids() as usize];
    let mut text = BTreeMap::new();
    for (g, t) in glyphs {
        let code = remap.get(g).unwrap_or(0);
        let advance = advances.h_advance(skrifa::GlyphId::new(u32::from(g)));
        widths[usize::from(code)] = thousandths(advance).clamp(0, i64::from(u16::MAX)) as u16;
        text.insert(code, t);
    }
    let metrics = face.font.metrics();
    let measured = (!cff).then(|| extent(face, &ids)).flatten();
    let (ascent, descent) = measured.unwrap_or((face.ascender * upem, face.descender * upem));
    let b = &metrics.bounds;
    let italic_angle = face
        .font
        .style_metrics()
        .italic_angle
        .map_or(0.0, |a| a.to_f32());
    // No table holds the stem width: estimate it from the weight, as PDF
    // producers do (about 88 at regular, 166 at bold).
    let weight = face.font.default_attributes().weight.value();
    Ok(EmbeddedFace {
        resource: format!("F{}", face_id.0),
        base_font: format!("{}+{}", subset_tag(&face.name, &ids), face.name),
        remap,
        widths,
        cff,
        text,
        descriptor: Descriptor {
            ascent: thousandths(ascent),
            descent: thousandths(descent),
            cap_height: thousandths(face.cap_height * upem),
            bbox: [b.x_min, b.y_min, b.x_max, b.y_max].map(|v| thousandths(v.to_f32())),
            italic_angle: italic_angle.round() as i64,
            stem_v: 50 + (weight / 65.0).powi(2).round() as i64,
        },
    })
}

/// Give each glyph that carries no text of its own (the second glyph of a
/// cluster) a character the face maps to it, so that every code has
/// Unicode text, as PDF/A-2u asks; U+FFFD where the face has none.
fn name_textless(face: &crate::text::Face, glyphs: &mut BTreeMap<u16, CompactString>) {
    let textless: BTreeSet<u16> = glyphs
        .iter()
        .filter(|(_, t)| t.is_empty())
        .map(|(g, _)| *g)
        .collect();
    if textless.is_empty() {
        return;
    }
    for (c, g) in face.font.charmap().unicodes() {
        let g = g.to_u32() as u16;
        if textless.contains(&g)
            && let Some(text) = glyphs.get_mut(&g)
            && text.is_empty()
            && let Some(c) = char::from_u32(c)
        {
            text.push(c);
        }
    }
    for text in glyphs.values_mut().filter(|t| t.is_empty()) {
        text.push('\u{FFFD}');
    }
}

/// The font program of `face` (embedded from face `id` of `fonts`), subset
/// to its glyphs: TrueType outlines, or a bare CFF table. Subsetting is the
/// slow part of embedding, done while the pages are drawn (see `pack`).
pub fn program(fonts: &FontSet, id: FaceId, face: &EmbeddedFace) -> Result<Stream, Error> {
    let cannot = || Error::Font {
        face: id,
        problem: "cannot be embedded in a PDF; try another copy of it".into(),
    };
    let subset = subsetter::subset(&fonts.face(id).data, 0, &face.remap).map_err(|_| cannot())?;
    if !face.cff {
        let dict = Dictionary::from_iter([("Length1", Object::Integer(subset.len() as i64))]);
        return Ok(Stream::new(dict, subset));
    }
    let sfnt = skrifa::raw::FontRef::new(&subset).map_err(|_| cannot())?;
    let cff = sfnt
        .table_data(skrifa::Tag::new(b"CFF "))
        .ok_or_else(cannot)?;
    let dict = Dictionary::from_iter([("Subtype", Object::Name(b"CIDFontType0C".to_vec()))]);
    Ok(Stream::new(dict, cff.as_bytes().to_vec()))
}

/// Add `face`'s objects to `pdf`, with its `program`: the Type 0 font the
/// pages name.
pub fn write(face: &EmbeddedFace, program: Stream, pdf: &mut lopdf::Document) -> ObjectId {
    let name = || Object::Name(face.base_font.clone().into_bytes());
    let (subtype, file_key) = if face.cff {
        ("CIDFontType0", "FontFile3")
    } else {
        ("CIDFontType2", "FontFile2")
    };
    let file = pdf.add_object(program);
    let d = &face.descriptor;
    let italic = d.italic_angle != 0;
    // Flags: nonsymbolic (the standard Latin set), italic when slanted.
    let flags = 32 | if italic { 64 } else { 0 };
    let descriptor = pdf.add_object(Dictionary::from_iter([
        ("Type", Object::Name(b"FontDescriptor".to_vec())),
        ("FontName", name()),
        ("Flags", Object::Integer(flags)),
        (
            "FontBBox",
            Object::Array(d.bbox.map(Object::Integer).to_vec()),
        ),
        ("ItalicAngle", Object::Integer(d.italic_angle)),
        ("Ascent", Object::Integer(d.ascent)),
        ("Descent", Object::Integer(d.descent)),
        ("CapHeight", Object::Integer(d.cap_height)),
        ("StemV", Object::Integer(d.stem_v)),
        (file_key, Object::Reference(file)),
    ]));
    let mut cid_font = Dictionary::from_iter([
        ("Type", Object::Name(b"Font".to_vec())),
        ("Subtype", Object::Name(subtype.as_bytes().to_vec())),
        ("BaseFont", name()),
        (
            "CIDSystemInfo",
            Object::Dictionary(Dictionary::from_iter([
                ("Registry", Object::string_literal("Adobe")),
                ("Ordering", Object::string_literal("Identity")),
                ("Supplement", Object::Integer(0)),
            ])),
        ),
        ("FontDescriptor", Object::Reference(descriptor)),
        ("DW", Object::Integer(1000)),
        ("W", widths(&face.widths)),
    ]);
    if !face.cff {
        cid_font.set("CIDToGIDMap", Object::Name(b"Identity".to_vec()));
    }
    let to_unicode = pdf.add_object(Stream::new(Dictionary::new(), to_unicode(&face.text)));
    pdf.add_object(Dictionary::from_iter([
        ("Type", Object::Name(b"Font".to_vec())),
        ("Subtype", Object::Name(b"Type0".to_vec())),
        ("BaseFont", name()),
        ("Encoding", Object::Name(b"Identity-H".to_vec())),
        (
            "DescendantFonts",
            Object::Array(vec![Object::Dictionary(cid_font)]),
        ),
        ("ToUnicode", Object::Reference(to_unicode)),
    ]))
}

/// /W: the widths from code 0 on, as one run.
fn widths(widths: &[u16]) -> Object {
    let run = widths
        .iter()
        .map(|w| Object::Integer(i64::from(*w)))
        .collect();
    Object::Array(vec![Object::Integer(0), Object::Array(run)])
}

/// A ToUnicode CMap from each two-byte code to its text in UTF-16BE.
fn to_unicode(text: &BTreeMap<u16, CompactString>) -> Vec<u8> {
    let mut out = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    let entries: Vec<(&u16, &CompactString)> = text.iter().filter(|(_, t)| !t.is_empty()).collect();
    // At most 100 mappings to a block (PDF 32000 9.10.3).
    for block in entries.chunks(100) {
        out.push_str(&format!("{} beginbfchar\n", block.len()));
        for (code, t) in block {
            let units: String = t.encode_utf16().map(|u| format!("{u:04X}")).collect();
            out.push_str(&format!("<{code:04X}> <{units}>\n"));
        }
        out.push_str("endbfchar\n");
    }
    out.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    out.into_bytes()
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

/// Whether the faces `text` would be set in draw each of its letters soundly,
/// as printing checks them: a damaged font (a letter many times too wide)
/// makes any text seem too long, and is the fault to report.
pub fn check_text(fonts: &FontSet, text: &str, family: usize) -> Result<(), Error> {
    for c in text.chars().filter(|c| visible(*c)) {
        for bold in [false, true] {
            let Some(id) = fonts.for_char(c, bold, false, family) else {
                continue;
            };
            let face = fonts.face(id);
            let Some(g) = face.font.charmap().map_unicode(c) else {
                continue;
            };
            let g = u16::try_from(g.to_u32()).unwrap_or(0);
            check_glyph(face, g, c).map_err(|problem| Error::Font { face: id, problem })?;
        }
    }
    Ok(())
}

/// Glyph `g`, standing for the visible character `c`, prints as something.
fn check_glyph(face: &crate::text::Face, g: u16, c: char) -> Result<(), String> {
    let character = format!("the character U+{:04X} \"{c}\"", c as u32);
    if g == 0 || u32::from(g) >= face.font.num_glyphs() {
        return Err(format!(
            "has no glyph for {character}, which would print as an empty box"
        ));
    }
    use crate::text::font::GlyphFault;
    let fault = match face.draws(g) {
        Ok(()) => return Ok(()),
        Err(GlyphFault::Empty) => "has no shape, so it would print as nothing",
        Err(GlyphFault::OutsideItsBox) => {
            "is drawn far outside the box the font gives for all its letters, so it would \
             print in the wrong place or off the page"
        }
        Err(GlyphFault::TooWide) => {
            "is many times wider than a letter can be, so it would push the line over \
             what follows"
        }
    };
    Err(format!(
        "is damaged: its glyph for {character} {fault}; copy or download the font again"
    ))
}

/// How far the subset's glyphs reach above and below the baseline, in font
/// units: the FontDescriptor's Ascent and Descent, which text extraction
/// uses as each line's height. Marks (no advance) are left out, as the PDF
/// specification asks; a face's own line metrics can be far taller (Arabic
/// faces leave room for stacked marks) and make lines seem to overlap.
/// TrueType faces only: they store each glyph's box, while a CFF face would
/// have to draw every glyph to measure it (its own metrics serve).
fn extent(face: &crate::text::Face, glyphs: &[u16]) -> Option<(f32, f32)> {
    let metrics = face.font.glyph_metrics();
    let (mut top, mut bottom) = (0.0f32, 0.0f32);
    for &g in glyphs {
        let id = skrifa::GlyphId::new(u32::from(g));
        if metrics.h_advance(id) <= 0.0 {
            continue;
        }
        if let Some(e) = metrics.extents(id) {
            top = top.max(e.y_bearing);
            bottom = bottom.min(e.y_bearing - e.height);
        }
    }
    (top > 0.0).then(|| (top.round(), bottom.round()))
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
