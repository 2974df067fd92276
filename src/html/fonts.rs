//! The clinic's faces for the page: each subset to the characters it draws
//! there (skera, the fontations port of HarfBuzz's subsetter, which keeps
//! the character map and kerning a browser needs) and embedded as WOFF2
//! (ttf2woff2). Faces with CFF outlines, which skera cannot subset yet (the
//! Chinese face), are named for the reader's own copy instead: a page
//! never asks the network for a font.

use super::nodes::{Chars, attr};
use crate::text::font::{Face, FaceId, FontSet};
use skrifa::MetadataProvider;
use skrifa::raw::collections::IntSet;
use skrifa::raw::types::{GlyphId, NameId, Tag};
use skrifa::raw::{FontRef, TableProvider};
use std::collections::BTreeMap;
use std::collections::BTreeSet;
use std::fmt::Write;

/// Brotli's effort. Measured on the sample (release build): at 9 a page
/// took 48 ms to make, at 5 it takes 2.6 ms and is 0.2 KB larger (39.8 KB).
const QUALITY: u8 = 5;

/// The styles in CSS terms: weight, style, and which characters they set.
const STYLES: [(bool, bool); 4] = [(false, false), (true, false), (false, true), (true, true)];

/// The characters each face draws, and the styles (bold, italic) it sets
/// them in, the first being the one it is declared for.
type Drawn = BTreeMap<FaceId, (BTreeSet<char>, Vec<(bool, bool)>)>;

/// The page's `@font-face` rules and the `font-family` list that uses them.
pub struct WebFonts {
    pub rules: String,
    pub families: String,
}

/// The fonts for a page set in `family` of `fonts` that prints `chars`.
pub fn web_fonts(fonts: &FontSet, family: usize, chars: &Chars) -> WebFonts {
    // Which face draws each character in each style: as in the PDF.
    let mut faces = Drawn::new();
    for (bold, italic) in STYLES {
        let set = match italic {
            false => &chars.upright,
            true if bold => &chars.bold_italic,
            true => &chars.italic,
        };
        for c in set.iter().filter(|c| !c.is_whitespace() && !c.is_control()) {
            if let Some(id) = fonts.for_char(*c, bold, italic, family) {
                let entry = faces.entry(id).or_default();
                entry.0.insert(*c);
                if !entry.1.contains(&(bold, italic)) {
                    entry.1.push((bold, italic));
                }
            }
        }
    }
    let mut used: Vec<usize> = vec![family];
    let mut rules = String::new();
    for (id, (set, styles)) in &faces {
        let f = fonts.family_of(*id);
        if !used.contains(&f) {
            used.push(f);
        }
        let src = source(fonts.face(*id), set);
        // A face that stands in for a missing style is declared once, for
        // the first style it sets; the browser derives the others.
        let (bold, italic) = styles[0];
        // Arabic is set larger to match the Latin x-height, as on paper.
        let scale = fonts.scale(*id);
        let adjust = if scale > 1.0 {
            format!(";size-adjust:{}%", (scale * 100.0).round())
        } else {
            String::new()
        };
        let _ = writeln!(
            rules,
            "@font-face{{font-family:hf{f};font-weight:{};font-style:{};font-display:swap{adjust};src:{src}}}",
            if bold { 700 } else { 400 },
            if italic { "italic" } else { "normal" },
        );
    }
    let mut families: String = used.iter().map(|f| format!("hf{f},")).collect();
    families.push_str("system-ui,sans-serif");
    WebFonts { rules, families }
}

/// The reader's own fonts, when the clinic asks for the smallest page
/// (`[web] fonts = "system"`): the platforms' interface faces, which cover
/// the reader's own language, then any sans-serif.
pub fn system_fonts() -> WebFonts {
    WebFonts {
        rules: String::new(),
        families: "system-ui,-apple-system,\"Segoe UI\",Roboto,\"Noto Sans\",Arial,sans-serif"
            .to_string(),
    }
}

/// The `src` of a face drawing `chars`: a WOFF2 subset inside the page, or
/// the reader's own copy of the face by name.
fn source(face: &Face, chars: &BTreeSet<char>) -> String {
    let embedded = (!face.cff)
        .then(|| subset(&face.data, chars))
        .flatten()
        .and_then(|ttf| ttf2woff2::encode(&ttf, ttf2woff2::BrotliQuality::from(QUALITY)).ok());
    match embedded {
        Some(woff2) => format!(
            "url(data:font/woff2;base64,{}) format(\"woff2\")",
            super::picture::base64(&woff2)
        ),
        None => local_names(face),
    }
}

/// `local()` for the face's full and PostScript names.
fn local_names(face: &Face) -> String {
    let font = FontRef::from_index(&face.data, 0).ok();
    let names: Vec<String> = [
        skrifa::string::StringId::FULL_NAME,
        skrifa::string::StringId::POSTSCRIPT_NAME,
    ]
    .into_iter()
    .filter_map(|id| {
        let name = font.as_ref()?.localized_strings(id).english_or_first()?;
        Some(format!("local(\"{}\")", attr(&name.to_string())))
    })
    .collect();
    if names.is_empty() {
        format!("local(\"{}\")", attr(&face.name))
    } else {
        names.join(",")
    }
}

/// The face in `data` cut down to `chars`, with the layout features a
/// browser applies by default (kerning, ligatures, Arabic joining) and no
/// hinting, which screens today do not use; none when it cannot be.
fn subset(data: &[u8], chars: &BTreeSet<char>) -> Option<Vec<u8>> {
    let font = FontRef::from_index(data, 0).ok()?;
    let unicodes: IntSet<u32> = chars.iter().map(|c| *c as u32).collect();
    let mut scripts = IntSet::<Tag>::empty();
    scripts.invert();
    let features: IntSet<Tag> = skera::DEFAULT_LAYOUT_FEATURES.iter().copied().collect();
    let mut names = IntSet::<NameId>::empty();
    names.insert_range(NameId::from(0)..=NameId::from(6));
    let mut languages = IntSet::<u16>::empty();
    languages.insert(0x0409);
    let plan = skera::Plan::new(
        &IntSet::<GlyphId>::empty(),
        &unicodes,
        &font,
        skera::SubsetFlags::SUBSET_FLAGS_NO_HINTING,
        &IntSet::empty(),
        &scripts,
        &features,
        &names,
        &languages,
    );
    let subset = skera::subset_font(&font, &plan).ok()?;
    // A subset without outlines would draw nothing: the reader's fonts do better.
    let outlines = FontRef::new(&subset).ok()?.glyf().is_ok();
    outlines.then_some(subset)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn face(file: &str) -> Face {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fonts/").to_string() + file;
        Face::from_bytes(file, std::fs::read(path).unwrap()).unwrap()
    }

    #[test]
    fn a_subset_keeps_the_characters_asked_for_and_no_others() {
        let atkinson = face("AtkinsonHyperlegibleNext-Regular.ttf");
        let chars: BTreeSet<char> = "Call us".chars().collect();
        let subset = subset(&atkinson.data, &chars).expect("a subset");
        let font = FontRef::new(&subset).unwrap();
        let map = font.charmap();
        assert!(map.map('C').is_some() && map.map('u').is_some());
        assert!(map.map('Z').is_none());
        assert!(subset.len() < atkinson.data.len() / 4);
        let woff2 = ttf2woff2::encode(&subset, ttf2woff2::BrotliQuality::from(QUALITY)).unwrap();
        assert_eq!(&woff2[..4], b"wOF2");
    }

    #[test]
    fn a_cff_face_is_named_not_embedded() {
        let cjk = face("NotoSansCJKsc-Regular.otf");
        let src = source(&cjk, &"中文".chars().collect());
        assert!(src.starts_with("local(\"Noto Sans CJK SC"), "{src}");
        assert!(!src.contains("data:"));
    }
}
