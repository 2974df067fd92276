//! Font faces: the clinic's four styles plus fallbacks, read into memory,
//! checked and parsed once with skrifa. Fallback faces are loaded only when a
//! text needs a character the clinic's own family lacks: a 9 MB Chinese face
//! costs an English handout nothing.

use std::sync::{Arc, Mutex, OnceLock};

use harfrust::{Direction, Language, Script, ShapePlan};
use rustc_hash::FxHashSet;
use skrifa::font::Font;

use crate::diagnostic::Diagnostic;

/// What a shaping plan is made for.
type PlanKey = (Direction, Option<Script>, Option<Language>);

/// Where clinic.toml names a face: the file as written and the byte offset
/// of that value, so that a problem found later points there.
#[derive(Debug, Clone, Default)]
pub struct Origin {
    pub file: String,
    pub at: usize,
}

/// One face loaded from a TTF/OTF file.
pub struct Face {
    /// PostScript-style name for the PDF, without spaces.
    pub name: String,
    pub data: Arc<Vec<u8>>,
    pub font: Font,
    pub origin: Origin,
    /// Above the baseline, in ems.
    pub ascender: f32,
    /// Below the baseline, in ems (negative).
    pub descender: f32,
    /// Height of capitals, in ems.
    pub cap_height: f32,
    /// Height of lower-case letters (OS/2 sxHeight), in ems, when the face
    /// says.
    pub x_height: Option<f32>,
    pub units_per_em: f32,
    /// CFF outlines rather than TrueType ones, as subsetter sees the face
    /// (a collection's first face may be either): a PDF embeds them apart.
    pub cff: bool,
    /// Shaping plans by direction, script and language: building one costs
    /// more than shaping a paragraph with it.
    plans: Mutex<Vec<(PlanKey, Arc<ShapePlan>)>>,
    /// Coverage of ASCII, looked up once: most text is ASCII, and the cmap
    /// lookup per character costs more than shaping it.
    ascii: [bool; 128],
    /// Glyphs found to have a shape: each is checked once per process, not
    /// once per handout of a batch (a Chinese glyph's outline is a program
    /// to run).
    drawn: Mutex<FxHashSet<u16>>,
}

impl Face {
    /// Check and parse a face; the error is a clause for editors that
    /// follows "font `FILE`".
    pub fn from_bytes(name: &str, data: Vec<u8>) -> Result<Face, String> {
        super::font_check::check(&data)?;
        let data = Arc::new(data);
        let shared: Arc<dyn AsRef<[u8]> + Send + Sync> = data.clone();
        let font = Font::new(shared, 0).ok_or("is not a TrueType or OpenType font")?;
        if !font.charmap().has_unicode() {
            return Err("has no Unicode character map, so it cannot draw text".into());
        }
        let metrics = font.metrics();
        let upem = f32::from(metrics.units_per_em);
        let line = if metrics.use_typo_metrics {
            metrics.typo_line.or(metrics.hhea_line)
        } else {
            metrics.hhea_line.or(metrics.typo_line)
        };
        let (ascender, descender) = line.map_or((0.8 * upem, -0.2 * upem), |l| {
            (l.ascender.to_f32(), l.descender.to_f32())
        });
        if ascender <= descender {
            return Err("is damaged: its line height is zero or less".into());
        }
        let charmap = font.charmap();
        let ascii = std::array::from_fn(|c| charmap.map_unicode(c as u32).is_some());
        let cap_height = metrics.cap_height.map_or(0.7 * upem, |c| c.to_f32());
        let x_height = metrics.x_height.map(|x| x.to_f32()).filter(|x| *x > 0.0);
        let cff = skrifa::FontRef::from_index(&data, 0)
            .is_ok_and(|f| f.table_data(skrifa::Tag::new(b"CFF ")).is_some());
        let name: String = name
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        Ok(Face {
            name: if name.is_empty() { "Font".into() } else { name },
            data,
            origin: Origin::default(),
            ascender: ascender / upem,
            descender: descender / upem,
            cap_height: cap_height / upem,
            x_height: x_height.map(|x| x / upem),
            units_per_em: upem,
            cff,
            font,
            plans: Mutex::new(Vec::new()),
            ascii,
            drawn: Mutex::default(),
        })
    }

    /// This face as named in clinic.toml.
    pub fn named(self, origin: Origin) -> Face {
        Face { origin, ..self }
    }

    /// Whether glyph `id` prints where it stands: a damaged font can map a
    /// letter to an empty glyph (it prints as nothing), draw it far outside
    /// the box its `head` table says every glyph keeps to (it prints off
    /// the page), or give it an advance of many ems (the line runs over
    /// what follows). Each glyph is drawn once per process.
    pub fn draws(&self, id: u16) -> Result<(), GlyphFault> {
        let lock = || self.drawn.lock().unwrap_or_else(|e| e.into_inner());
        if lock().contains(&id) {
            return Ok(());
        }
        let gid = skrifa::GlyphId::new(u32::from(id));
        let glyph = self.font.outline_glyphs().get(gid);
        let extents = glyph.and_then(|g| g.extents().ok());
        let Some(e) = extents.filter(|e| e.width > 0.0 || e.height > 0.0) else {
            return Err(GlyphFault::Empty);
        };
        let upem = self.units_per_em;
        let bounds = self.font.metrics().bounds;
        // Half an em of slack: a font's box is often rounded, or a little stale.
        let slack = upem / 2.0;
        let outside = e.x_bearing < bounds.x_min.to_f32() - slack
            || e.x_bearing + e.width > bounds.x_max.to_f32() + slack
            || e.y_bearing > bounds.y_max.to_f32() + slack
            || e.y_bearing - e.height < bounds.y_min.to_f32() - slack;
        if outside {
            return Err(GlyphFault::OutsideItsBox);
        }
        if self.font.glyph_metrics().h_advance(gid) > MAX_ADVANCE_EMS * upem {
            return Err(GlyphFault::TooWide);
        }
        lock().insert(id);
        Ok(())
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

    /// The code pages (OS/2 ulCodePageRange1) the face says it serves.
    pub fn code_pages(&self) -> u32 {
        use skrifa::raw::TableProvider;
        skrifa::FontRef::from_index(&self.data, 0)
            .and_then(|f| f.os2())
            .ok()
            .and_then(|t| t.ul_code_page_range_1())
            .unwrap_or(0)
    }

    pub fn has_char(&self, c: char) -> bool {
        match self.ascii.get(c as usize) {
            Some(covered) => *covered,
            None => self.font.charmap().map_unicode(c).is_some(),
        }
    }
}

/// The most a fallback face is enlarged to match the clinic's x-height:
/// Noto Sans Arabic's letters are a third smaller than Atkinson's at one
/// size, but its tall letters and marks need the line room they have, and
/// a page of Arabic set much larger no longer holds what it did (13 pt
/// Arabic is set at 14 pt).
const MOST_SCALE: f32 = 1.08;

/// Index of a face in its [`FontSet`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FaceId(pub usize);

/// The widest advance a glyph may have, in ems: the widest real glyphs
/// (Arabic ligatures such as U+FDFD) take about four.
const MAX_ADVANCE_EMS: f32 = 8.0;

/// Why a glyph cannot be printed, found by [`Face::draws`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GlyphFault {
    /// No outline: it would print as nothing.
    Empty,
    /// Drawn far outside the font's own bounding box.
    OutsideItsBox,
    /// An advance of more than [`MAX_ADVANCE_EMS`].
    TooWide,
}

/// A face in four styles: regular, bold, italic, bold italic.
pub type Family<F> = [F; 4];

/// A face in four styles, as loaded: regular, then bold, italic and bold
/// italic when the clinic has them.
pub type FamilyFaces = (Face, [Option<Face>; 3]);

/// The fallback families a clinic names, each face read when a text first
/// needs it: an English handout never reads the 9 MB Chinese face, and one
/// that needs a Vietnamese letter in its fine print reads only the regular
/// face of the family that has it.
pub trait Fallbacks: Send + Sync {
    /// How many families there are.
    fn count(&self) -> usize;
    /// Which styles of family `i` (from 0) have a file of their own:
    /// regular (always), bold, italic, bold italic.
    fn styles(&self, i: usize) -> Family<bool>;
    /// Style `style` of family `i`, read and checked; its problem at the
    /// clinic.toml line of its font.
    fn load(&self, i: usize, style: usize) -> Result<Face, Diagnostic>;
    /// The problems of style `style` of family `i` found without reading
    /// its glyphs.
    fn inspect(&self, i: usize, style: usize) -> Vec<Diagnostic>;
    /// The code pages (OS/2 ulCodePageRange1) family `i`'s regular face
    /// says it serves, read without reading the face; 0 when unknown.
    fn code_pages(&self, i: usize) -> u32;
}

/// The style whose face sets each style of a family that has files for
/// `has`: its own, else a neighbour's: bold from regular; without an
/// italic (Arabic and Chinese have none), emphasis in bold rather than lost.
fn stand_ins(has: Family<bool>) -> Family<usize> {
    let bold = if has[1] { 1 } else { 0 };
    let italic = if has[2] { 2 } else { bold };
    let bold_italic = match (has[3], bold) {
        (true, _) => 3,
        (false, 0) => italic,
        (false, bold) => bold,
    };
    [0, bold, italic, bold_italic]
}

/// A fallback family: its faces, each read on first use.
struct Fallback {
    /// The style whose face sets each style (see [`stand_ins`]).
    stand_ins: Family<usize>,
    faces: Family<OnceLock<Result<Face, Diagnostic>>>,
    /// The code pages its regular face says it serves, learnt once a run.
    code_pages: OnceLock<u32>,
}

/// The code page (OS/2 ulCodePageRange1 bit) of the language of `tag` whose
/// fonts draw the same characters in their own forms: Japanese kanji from a
/// Japanese face rather than a Chinese face listed before it.
fn code_page(tag: &str) -> Option<u32> {
    let subtags = super::writing::subtags(tag);
    let bit = match subtags.first().map(String::as_str)? {
        "ja" => 17,
        "ko" => 19,
        "zh" if subtags
            .iter()
            .any(|s| s == "hant" || s == "tw" || s == "hk") =>
        {
            20
        }
        "zh" => 18,
        _ => return None,
    };
    Some(1 << bit)
}

/// The faces a clinic configured: its own family, then fallback families for
/// the characters (scripts) it lacks. A family's missing styles borrow from
/// their neighbours: bold from regular, italic from bold.
pub struct FontSet {
    /// The clinic's own family: family 0, faces numbered from 0.
    own: Faces,
    /// Families 1 and on; style `s` of family `1 + i` is face number
    /// [`FontSet::first_face`]`(i) + s`.
    fallbacks: Vec<Fallback>,
    load: Option<Box<dyn Fallbacks>>,
}

/// Faces and the families they form.
struct Faces {
    faces: Vec<Face>,
    families: Vec<Family<FaceId>>,
}

impl Faces {
    /// `families` with their faces numbered from `first`.
    fn new(families: Vec<FamilyFaces>, first: usize) -> Faces {
        let mut faces = Vec::new();
        let mut ids = Vec::with_capacity(families.len());
        for (regular, others) in families {
            let has = [
                true,
                others[0].is_some(),
                others[1].is_some(),
                others[2].is_some(),
            ];
            let mut number = [0; 4];
            for (style, face) in std::iter::once(Some(regular)).chain(others).enumerate() {
                if let Some(face) = face {
                    number[style] = first + faces.len();
                    faces.push(face);
                }
            }
            ids.push(stand_ins(has).map(|style| FaceId(number[style])));
        }
        Faces {
            faces,
            families: ids,
        }
    }
}

impl FontSet {
    /// `families[0]` is the clinic's own; in each, only regular is required.
    pub fn new(mut families: Vec<FamilyFaces>) -> FontSet {
        let rest = families.split_off(1.min(families.len()));
        let fallbacks = rest
            .into_iter()
            .map(|(regular, others)| {
                let has = [
                    true,
                    others[0].is_some(),
                    others[1].is_some(),
                    others[2].is_some(),
                ];
                let [bold, italic, bold_italic] = others;
                let read =
                    |f: Option<Face>| f.map_or_else(OnceLock::new, |f| OnceLock::from(Ok(f)));
                Fallback {
                    stand_ins: stand_ins(has),
                    faces: [Some(regular), bold, italic, bold_italic].map(read),
                    code_pages: OnceLock::new(),
                }
            })
            .collect();
        FontSet {
            own: Faces::new(families, 0),
            fallbacks,
            load: None,
        }
    }

    /// The clinic's own family, with fallbacks read when needed.
    pub fn lazy(own: FamilyFaces, load: Box<dyn Fallbacks>) -> FontSet {
        let fallbacks = (0..load.count())
            .map(|i| Fallback {
                stand_ins: stand_ins(load.styles(i)),
                faces: Default::default(),
                code_pages: OnceLock::new(),
            })
            .collect();
        FontSet {
            own: Faces::new(vec![own], 0),
            fallbacks,
            load: Some(load),
        }
    }

    /// The number of fallback family `i`'s first face.
    fn first_face(&self, i: usize) -> usize {
        self.own.faces.len() + 4 * i
    }

    /// Style `style` of fallback family `i`, loaded on first use, or why it
    /// cannot be.
    fn load_fallback(&self, i: usize, style: usize) -> &Result<Face, Diagnostic> {
        self.fallbacks[i].faces[style].get_or_init(|| {
            let load = self
                .load
                .as_ref()
                .expect("unloaded fallbacks have a loader");
            load.load(i, style)
        })
    }

    /// The styles of fallback family `i` that have faces of their own.
    fn own_styles(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let stand_ins = self.fallbacks[i].stand_ins;
        (0..4).filter(move |s| stand_ins[*s] == *s)
    }

    /// Why fallback fonts cannot be loaded (loading every one now if need be).
    pub fn fallback_errors(&self) -> Vec<Diagnostic> {
        (0..self.fallbacks.len())
            .flat_map(|i| self.own_styles(i).map(move |s| (i, s)))
            .filter_map(|(i, s)| self.load_fallback(i, s).as_ref().err())
            .cloned()
            .collect()
    }

    /// The problems of the fallback fonts found so far: in full for those a
    /// text needed, from their first bytes for the others, which stay unread.
    pub fn fallback_problems(&self) -> Vec<Diagnostic> {
        let mut found = Vec::new();
        for i in 0..self.fallbacks.len() {
            for s in self.own_styles(i) {
                match (self.fallbacks[i].faces[s].get(), &self.load) {
                    (Some(loaded), _) => found.extend(loaded.as_ref().err().cloned()),
                    (None, Some(load)) => found.extend(load.inspect(i, s)),
                    (None, None) => {}
                }
            }
        }
        found
    }

    pub fn face(&self, id: FaceId) -> &Face {
        match id.0.checked_sub(self.own.faces.len()) {
            None => &self.own.faces[id.0],
            Some(n) => self
                .load_fallback(n / 4, n % 4)
                .as_ref()
                .expect("fallback ids come from loaded fallbacks"),
        }
    }

    /// How much larger than the text's size face `id` is set, so that its
    /// lower-case letters stand as tall as the clinic's own (Arabic beside
    /// Latin would look a size smaller): its x-height against the clinic's
    /// regular face's, never smaller, at most [`MOST_SCALE`]. The clinic's
    /// own faces, and faces that give no x-height, are set at size.
    pub fn scale(&self, id: FaceId) -> f32 {
        if self.family_of(id) == 0 {
            return 1.0;
        }
        let own = self.own.faces[0].x_height;
        match (own, self.face(id).x_height) {
            (Some(own), Some(face)) => (own / face).clamp(1.0, MOST_SCALE),
            _ => 1.0,
        }
    }

    /// The family face `id` belongs to: 0 for the clinic's own, then the
    /// fallbacks in order.
    pub fn family_of(&self, id: FaceId) -> usize {
        match id.0.checked_sub(self.own.faces.len()) {
            None => 0,
            Some(n) => 1 + n / 4,
        }
    }

    /// A family's face for a style, before looking at coverage.
    pub fn styled(&self, family: usize, bold: bool, italic: bool) -> FaceId {
        self.style_of(family, bold, italic)
            .expect("fallback families come from loaded fallbacks")
    }

    /// A family's face for a style; none for a fallback that cannot be loaded.
    fn style_of(&self, family: usize, bold: bool, italic: bool) -> Option<FaceId> {
        let style = usize::from(bold) + 2 * usize::from(italic);
        match family.checked_sub(1) {
            None => Some(self.own.families[0][style]),
            Some(i) => {
                let style = self.fallbacks[i].stand_ins[style];
                self.load_fallback(i, style).as_ref().ok()?;
                Some(FaceId(self.first_face(i) + style))
            }
        }
    }

    /// The first fallback family whose fonts say they serve `language`'s
    /// code page (only Chinese, Japanese and Korean are told apart so), read
    /// from their files' headers.
    pub fn serving(&self, language: &str) -> Option<usize> {
        let page = code_page(language)?;
        (1..self.family_count()).find(|f| self.code_pages(*f) & page != 0)
    }

    /// The code pages family `f`'s regular face says it serves, from the
    /// face when it is read, else from its file's header; once a run, not
    /// once a handout of a batch.
    fn code_pages(&self, f: usize) -> u32 {
        let i = f - 1;
        let family = &self.fallbacks[i];
        *family
            .code_pages
            .get_or_init(|| match (family.faces[0].get(), &self.load) {
                (Some(Ok(regular)), _) => regular.code_pages(),
                (None, Some(load)) => load.code_pages(i),
                _ => 0,
            })
    }

    /// Families: the clinic's own and its fallbacks, loaded or not.
    fn family_count(&self) -> usize {
        1 + self.fallbacks.len()
    }

    /// The face that draws `c` in a style: `family`'s, else the first other
    /// family's that has it, else `None`. Fallbacks are loaded only when the
    /// clinic's own family lacks `c`.
    pub fn for_char(&self, c: char, bold: bool, italic: bool, family: usize) -> Option<FaceId> {
        self.for_char_in(c, bold, italic, [family, 0])
    }

    /// The face that draws `c` in a style: the first of `first` families
    /// that has it, else the first other family's. Fallbacks are loaded only
    /// when the families before them lack `c`.
    pub fn for_char_in<const N: usize>(
        &self,
        c: char,
        bold: bool,
        italic: bool,
        first: [usize; N],
    ) -> Option<FaceId> {
        let has = |f: usize| {
            let id = self.style_of(f, bold, italic)?;
            self.face(id).has_char(c).then_some(id)
        };
        let firsts = (0..N)
            .filter(|i| !first[..*i].contains(&first[*i]))
            .map(|i| first[i]);
        let rest = (1..self.family_count()).filter(|f| !first.contains(f));
        firsts.chain(rest).find_map(has)
    }

    /// The families to set a text in: `(family, script)`. `script` is the
    /// first fallback that has every letter the clinic's own family lacks, so
    /// that Japanese kana and kanji come from the Japanese face rather than
    /// its kanji from a Chinese face listed before it. `family` is that one
    /// too when it has every other letter as well, so that no word mixes two
    /// designs (Vietnamese letters the clinic's face lacks); else the
    /// clinic's own, with fallbacks filling in other scripts. Both are 0 when
    /// the clinic's family has every letter: then no fallback is read, nor
    /// any after `script` (an Arabic handout never reads the Chinese face).
    /// Families whose fonts say they serve `language`'s code page are tried
    /// first, so a Japanese handout never reads the Chinese face either.
    pub fn families_for(&self, text: &str, language: &str) -> (usize, usize) {
        let own = self.face(self.styled(0, false, false));
        let lacking: Vec<char> = text
            .chars()
            .filter(|c| c.is_alphabetic() && !own.has_char(*c))
            .collect();
        if lacking.is_empty() {
            return (0, 0);
        }
        let has_all = |f: usize, letters: &[char]| {
            self.style_of(f, false, false)
                .is_some_and(|id| letters.iter().all(|c| self.face(id).has_char(*c)))
        };
        let serving = self.serving(language);
        let rest = (1..self.family_count()).filter(|f| Some(*f) != serving);
        let Some(script) = serving
            .into_iter()
            .chain(rest)
            .find(|f| has_all(*f, &lacking))
        else {
            return (0, 0);
        };
        let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
        (if has_all(script, &letters) { script } else { 0 }, script)
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
    fn fallbacks_are_loaded_once_each_and_only_when_a_text_needs_them() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        type Loads = [[AtomicUsize; 2]; 2];
        /// Noto Sans (regular and bold), then Noto Sans Arabic (regular),
        /// counting the loads of each face.
        struct Counted(Arc<Loads>);
        impl Fallbacks for Counted {
            fn count(&self) -> usize {
                2
            }
            fn styles(&self, i: usize) -> Family<bool> {
                [true, i == 0, false, false]
            }
            fn load(&self, i: usize, style: usize) -> Result<Face, Diagnostic> {
                self.0[i][style].fetch_add(1, Ordering::SeqCst);
                let files = [
                    ["NotoSans-Regular.ttf", "NotoSans-Bold.ttf"],
                    ["NotoSansArabic-Regular.ttf", ""],
                ];
                Ok(face(files[i][style]))
            }
            fn inspect(&self, i: usize, style: usize) -> Vec<Diagnostic> {
                let x = std::path::Path::new("x");
                vec![Diagnostic::for_file(x, "unread", format!("{i}{style}"))]
            }
            fn code_pages(&self, _: usize) -> u32 {
                0
            }
        }
        let loads: Arc<Loads> = Arc::default();
        let own = (
            face("AtkinsonHyperlegibleNext-Regular.ttf"),
            [None, None, None],
        );
        let fonts = FontSet::lazy(own, Box::new(Counted(loads.clone())));
        let counts = || {
            loads
                .each_ref()
                .map(|f| f.each_ref().map(|n| n.load(Ordering::SeqCst)))
        };
        assert_eq!(fonts.families_for("Knee pain", "en"), (0, 0));
        assert_eq!(fonts.for_char('K', true, true, 0), Some(FaceId(0)));
        assert_eq!(counts(), [[0, 0], [0, 0]]);
        assert_eq!(fonts.families_for("Đau lưng", "vi"), (1, 1));
        assert_eq!(fonts.for_char('ư', false, false, 0), Some(FaceId(1)));
        assert_eq!(counts(), [[1, 0], [0, 0]], "only the regular face is read");
        assert_eq!(fonts.for_char('ư', true, false, 0), Some(FaceId(2)));
        assert_eq!(
            counts(),
            [[1, 1], [0, 0]],
            "then the bold, when bold text needs it"
        );
        // Unread faces are inspected, not loaded.
        let problems = fonts.fallback_problems();
        let said: Vec<&str> = problems.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(said, ["10"]);
        let arabic = fonts.for_char('م', false, false, 0).unwrap();
        assert!(fonts.face(arabic).name.starts_with("NotoSansArabic"));
        assert!(fonts.fallback_errors().is_empty());
        assert_eq!(counts(), [[1, 1], [1, 0]]);
    }

    #[test]
    fn a_japanese_text_reads_the_face_that_serves_japanese_first() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        const FILES: [&str; 2] = ["NotoSansCJKsc-Regular.otf", "NotoSansCJKjp-Regular.otf"];
        fn bytes(i: usize) -> Vec<u8> {
            let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fonts/").to_string() + FILES[i];
            std::fs::read(path).unwrap()
        }
        struct Counted(Arc<[AtomicUsize; 2]>);
        impl Fallbacks for Counted {
            fn count(&self) -> usize {
                2
            }
            fn styles(&self, _: usize) -> Family<bool> {
                [true, false, false, false]
            }
            fn load(&self, i: usize, _: usize) -> Result<Face, Diagnostic> {
                self.0[i].fetch_add(1, Ordering::SeqCst);
                Ok(face(FILES[i]))
            }
            fn inspect(&self, _: usize, _: usize) -> Vec<Diagnostic> {
                Vec::new()
            }
            fn code_pages(&self, i: usize) -> u32 {
                let data = bytes(i);
                let read = |at: u64, len: u64| Ok(data[at as usize..(at + len) as usize].to_vec());
                super::super::font_check::code_pages_unread(&data[..4108], read).unwrap()
            }
        }
        let own = (
            face("AtkinsonHyperlegibleNext-Regular.ttf"),
            [None, None, None],
        );
        let loads = Arc::new([AtomicUsize::new(0), AtomicUsize::new(0)]);
        let fonts = FontSet::lazy(own, Box::new(Counted(loads.clone())));
        let counts = || loads.each_ref().map(|n| n.load(Ordering::SeqCst));
        // "Rest your neck": kana and a kanji both faces have.
        assert_eq!(fonts.families_for("首を休めましょう", "ja"), (2, 2));
        assert_eq!(
            counts(),
            [0, 1],
            "the Chinese face listed first stays unread"
        );
        let (_, chinese) = fonts.families_for("休息", "zh-Hans");
        assert_eq!(chinese, 1, "Chinese keeps the clinic's order");
    }

    #[test]
    fn arabic_is_enlarged_to_the_latin_x_height_and_no_further() {
        let fonts = set();
        let arabic = fonts.styled(2, false, false);
        // Noto Sans Arabic's x-height is 0.374 em, Atkinson's 0.496.
        assert_eq!(fonts.scale(arabic), MOST_SCALE);
        // Noto Sans's is larger than Atkinson's: not shrunk.
        assert_eq!(fonts.scale(fonts.styled(1, false, false)), 1.0);
        assert_eq!(fonts.scale(fonts.styled(0, true, false)), 1.0);
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
        assert_eq!(fonts.families_for("Knee pain", "en"), (0, 0));
        // Vietnamese: Atkinson lacks ư, so the whole text goes to Noto Sans.
        assert_eq!(fonts.families_for("Đau lưng", "vi"), (1, 1));
        // Arabic: no family has every letter; the clinic's stays, Arabic falls back.
        assert_eq!(fonts.families_for("Gramercy مرحبا", "ar"), (0, 2));
        let arabic = fonts.for_char('م', false, false, 0).unwrap();
        assert_eq!(arabic, fonts.styled(2, false, false));
        assert_eq!(
            fonts.for_char('G', false, false, 0),
            Some(fonts.styled(0, false, false))
        );
        assert_eq!(fonts.for_char('漢', false, false, 0), None);
    }
}
