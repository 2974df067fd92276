//! Font faces: the clinic's four styles plus fallbacks, parsed once with skrifa.

use std::sync::{Arc, Mutex};

use harfrust::{Direction, Language, Script, ShapePlan};
use skrifa::font::Font;

/// What a shaping plan is made for.
type PlanKey = (Direction, Option<Script>, Option<Language>);

/// A font file's bytes: read into memory, or mapped from disk so that a large
/// face (CJK) costs only the pages a document touches.
pub type FontData = Arc<dyn AsRef<[u8]> + Send + Sync>;

/// One face loaded from a TTF/OTF file.
pub struct Face {
    /// PostScript-style name for the PDF, without spaces.
    pub name: String,
    pub data: FontData,
    pub font: Font,
    /// Above the baseline, in ems.
    pub ascender: f32,
    /// Below the baseline, in ems (negative).
    pub descender: f32,
    /// Height of capitals, in ems.
    pub cap_height: f32,
    pub units_per_em: f32,
    /// Shaping plans by direction, script and language: building one costs
    /// more than shaping a paragraph with it.
    plans: Mutex<Vec<(PlanKey, Arc<ShapePlan>)>>,
    /// Coverage of ASCII, looked up once: most text is ASCII, and the cmap
    /// lookup per character costs more than shaping it.
    ascii: [bool; 128],
}

impl Face {
    /// Parse a face; the error is a sentence for editors.
    pub fn from_bytes(name: &str, data: Vec<u8>) -> Result<Face, String> {
        Face::from_data(name, Arc::new(data))
    }

    /// Parse a face from bytes in memory or mapped from a file.
    pub fn from_data(name: &str, data: FontData) -> Result<Face, String> {
        let font = Font::new(data.clone(), 0).ok_or("is not a TrueType or OpenType font")?;
        if !font.charmap().has_unicode() {
            return Err("has no Unicode character map, so it cannot draw text".into());
        }
        if font.num_glyphs() < 2 {
            return Err("holds no glyphs".into());
        }
        let metrics = font.metrics();
        let upem = f32::from(metrics.units_per_em.max(16));
        let line = if metrics.use_typo_metrics {
            metrics.typo_line.or(metrics.hhea_line)
        } else {
            metrics.hhea_line.or(metrics.typo_line)
        };
        let (ascender, descender) = line.map_or((0.8 * upem, -0.2 * upem), |l| {
            (l.ascender.to_f32(), l.descender.to_f32())
        });
        let charmap = font.charmap();
        let ascii = std::array::from_fn(|c| charmap.map_unicode(c as u32).is_some());
        let cap_height = metrics.cap_height.map_or(0.7 * upem, |c| c.to_f32());
        let name: String = name
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        Ok(Face {
            name: if name.is_empty() { "Font".into() } else { name },
            data,
            ascender: ascender / upem,
            descender: descender / upem,
            cap_height: cap_height / upem,
            units_per_em: upem,
            font,
            plans: Mutex::new(Vec::new()),
            ascii,
        })
    }

    /// The shaping plan for text in a direction, script and language, made once.
    pub fn plan(&self, key: PlanKey) -> Arc<ShapePlan> {
        let mut plans = self.plans.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, plan)) = plans.iter().find(|(k, _)| *k == key) {
            return plan.clone();
        }
        let (direction, script, language) = &key;
        let plan = ShapePlan::new(&self.font, *direction, *script, language.as_ref(), &[]);
        let plan = Arc::new(plan);
        plans.push((key, plan.clone()));
        plan
    }

    pub fn has_char(&self, c: char) -> bool {
        match self.ascii.get(c as usize) {
            Some(covered) => *covered,
            None => self.font.charmap().map_unicode(c).is_some(),
        }
    }
}

/// Index of a face in its [`FontSet`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FaceId(pub usize);

/// A face in four styles: regular, bold, italic, bold italic.
pub type Family<F> = [F; 4];

/// The faces a clinic configured: its own family, then fallback families for
/// the characters (scripts) it lacks. A family's missing styles borrow from
/// their neighbours: bold from regular, italic from bold.
pub struct FontSet {
    faces: Vec<Face>,
    families: Vec<Family<FaceId>>,
}

impl FontSet {
    /// `families[0]` is the clinic's own; in each, only regular is required.
    pub fn new(families: Vec<(Face, [Option<Face>; 3])>) -> FontSet {
        let mut faces = Vec::new();
        let mut ids = Vec::with_capacity(families.len());
        for (regular, others) in families {
            let mut id_of = |face: Option<Face>| {
                face.map(|f| {
                    faces.push(f);
                    FaceId(faces.len() - 1)
                })
            };
            let regular = id_of(Some(regular)).expect("some");
            let [bold, italic, bold_italic] = others.map(&mut id_of);
            let bold = bold.unwrap_or(regular);
            // Without an italic (Arabic and Chinese have none), emphasis is set
            // in bold rather than lost.
            let italic = italic.unwrap_or(bold);
            let bold_italic = bold_italic.unwrap_or(if bold != regular { bold } else { italic });
            ids.push([regular, bold, italic, bold_italic]);
        }
        FontSet {
            faces,
            families: ids,
        }
    }

    pub fn face(&self, id: FaceId) -> &Face {
        &self.faces[id.0]
    }

    /// A family's face for a style, before looking at coverage.
    pub fn styled(&self, family: usize, bold: bool, italic: bool) -> FaceId {
        self.families[family][usize::from(bold) + 2 * usize::from(italic)]
    }

    /// The face that draws `c` in a style: `family`'s, else the first other
    /// family's that has it, else `None`.
    pub fn for_char(&self, c: char, bold: bool, italic: bool, family: usize) -> Option<FaceId> {
        std::iter::once(family)
            .chain((0..self.families.len()).filter(|f| *f != family))
            .map(|f| self.styled(f, bold, italic))
            .find(|id| self.face(*id).has_char(c))
    }

    /// The family to set a text in: the first whose regular face has every
    /// letter of it, so that no word mixes two designs (Vietnamese letters
    /// the clinic's face lacks); else the clinic's own, with fallbacks filling
    /// in other scripts.
    pub fn family_for(&self, text: &str) -> usize {
        (0..self.families.len())
            .find(|f| {
                let face = self.face(self.styled(*f, false, false));
                text.chars()
                    .filter(|c| c.is_alphabetic())
                    .all(|c| face.has_char(c))
            })
            .unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn face(file: &str) -> Face {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fonts/").to_string() + file;
        Face::from_bytes(file, std::fs::read(path).unwrap()).unwrap()
    }

    fn set() -> FontSet {
        let atkinson = face("AtkinsonHyperlegibleNext-Regular.ttf");
        let noto = face("NotoSans-Regular.ttf");
        let arabic = (
            face("NotoSansArabic-Regular.ttf"),
            [Some(face("NotoSansArabic-Bold.ttf")), None, None],
        );
        FontSet::new(vec![
            (atkinson, [None, None, None]),
            (noto, [None, None, None]),
            arabic,
        ])
    }

    #[test]
    fn a_family_without_italics_sets_emphasis_in_bold() {
        let fonts = set();
        assert_eq!(fonts.styled(2, false, true), fonts.styled(2, true, false));
        assert_eq!(fonts.styled(2, true, true), fonts.styled(2, true, false));
        assert_ne!(fonts.styled(2, false, true), fonts.styled(2, false, false));
    }

    #[test]
    fn letters_choose_the_family_and_other_scripts_fall_back() {
        let fonts = set();
        assert_eq!(fonts.family_for("Knee pain"), 0);
        // Vietnamese: Atkinson lacks ư, so the whole text goes to Noto Sans.
        assert_eq!(fonts.family_for("Đau lưng"), 1);
        // Arabic: no family has every letter; the clinic's stays, Arabic falls back.
        assert_eq!(fonts.family_for("Gramercy مرحبا"), 0);
        let arabic = fonts.for_char('م', false, false, 0).unwrap();
        assert_eq!(arabic, fonts.styled(2, false, false));
        assert_eq!(
            fonts.for_char('G', false, false, 0),
            Some(fonts.styled(0, false, false))
        );
        assert_eq!(fonts.for_char('漢', false, false, 0), None);
    }
}
