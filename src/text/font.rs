//! Font faces: the clinic's four styles plus fallbacks, parsed once with skrifa.

use std::sync::{Arc, Mutex};

use harfrust::{Direction, Script, ShapePlan};
use skrifa::font::Font;

/// A shaping plan and the direction and script it was made for.
type Plan = (Direction, Option<Script>, Arc<ShapePlan>);

/// One face loaded from a TTF/OTF file.
pub struct Face {
    /// PostScript-style name for the PDF, without spaces.
    pub name: String,
    pub data: Arc<Vec<u8>>,
    pub font: Font,
    /// Above the baseline, in ems.
    pub ascender: f32,
    /// Below the baseline, in ems (negative).
    pub descender: f32,
    /// Height of capitals, in ems.
    pub cap_height: f32,
    pub units_per_em: f32,
    /// Shaping plans by direction and script: building one costs more than
    /// shaping a paragraph with it.
    plans: Mutex<Vec<Plan>>,
    /// Coverage of ASCII, looked up once: most text is ASCII, and the cmap
    /// lookup per character costs more than shaping it.
    ascii: [bool; 128],
}

impl Face {
    /// Parse a face; the error is a sentence for editors.
    pub fn from_bytes(name: &str, data: Vec<u8>) -> Result<Face, String> {
        let data = Arc::new(data);
        let blob: Arc<dyn AsRef<[u8]> + Send + Sync> = data.clone();
        let font = Font::new(blob, 0).ok_or("is not a TrueType or OpenType font")?;
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

    /// The shaping plan for text in `direction` and `script`, made once.
    pub fn plan(&self, direction: Direction, script: Option<Script>) -> Arc<ShapePlan> {
        let mut plans = self.plans.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, _, plan)) = plans
            .iter()
            .find(|(d, s, _)| *d == direction && *s == script)
        {
            return plan.clone();
        }
        let plan = Arc::new(ShapePlan::new(&self.font, direction, script, None, &[]));
        plans.push((direction, script, plan.clone()));
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

/// The faces a clinic configured: four styles (missing ones borrow from their
/// neighbours) and fallbacks for characters the main faces lack.
pub struct FontSet {
    faces: Vec<Face>,
    styles: [FaceId; 4],
    fallbacks: Vec<FaceId>,
}

impl FontSet {
    /// `styles` holds regular, bold, italic and bold italic; only regular is required.
    pub fn new(regular: Face, others: [Option<Face>; 3], fallbacks: Vec<Face>) -> FontSet {
        let mut faces = vec![regular];
        let mut id_of = |face: Option<Face>| {
            face.map(|f| {
                faces.push(f);
                FaceId(faces.len() - 1)
            })
        };
        let [bold, italic, bold_italic] = others;
        let (bold, italic, bold_italic) = (id_of(bold), id_of(italic), id_of(bold_italic));
        let regular = FaceId(0);
        let bold = bold.unwrap_or(regular);
        let italic = italic.unwrap_or(regular);
        let bold_italic = bold_italic.unwrap_or(if bold != regular { bold } else { italic });
        let fallbacks = fallbacks
            .into_iter()
            .map(|f| id_of(Some(f)).expect("some"))
            .collect();
        FontSet {
            faces,
            styles: [regular, bold, italic, bold_italic],
            fallbacks,
        }
    }

    pub fn face(&self, id: FaceId) -> &Face {
        &self.faces[id.0]
    }

    pub fn faces(&self) -> impl Iterator<Item = (FaceId, &Face)> {
        self.faces.iter().enumerate().map(|(i, f)| (FaceId(i), f))
    }

    /// The face for a style, before looking at coverage.
    pub fn styled(&self, bold: bool, italic: bool) -> FaceId {
        self.styles[usize::from(bold) + 2 * usize::from(italic)]
    }

    /// The face that draws `c` in a style: the styled face, else the first
    /// fallback that has it, else `None`.
    pub fn for_char(&self, c: char, bold: bool, italic: bool) -> Option<FaceId> {
        let styled = self.styled(bold, italic);
        std::iter::once(styled)
            .chain(self.fallbacks.iter().copied())
            .find(|id| self.face(*id).has_char(c))
    }
}
