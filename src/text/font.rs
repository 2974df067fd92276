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

/// The fallback families a clinic names, each read when a text first needs
/// it: an English handout never reads the 9 MB Chinese face.
pub trait Fallbacks: Send + Sync {
    /// How many families there are.
    fn count(&self) -> usize;
    /// Family `i` (from 0), read and checked; the error holds every
    /// problem, at the clinic.toml line of each font.
    fn load(&self, i: usize) -> Result<FamilyFaces, Vec<Diagnostic>>;
    /// The problems of family `i` found without reading its glyphs.
    fn inspect(&self, i: usize) -> Vec<Diagnostic>;
    /// The code pages (OS/2 ulCodePageRange1) family `i`'s regular face
    /// says it serves, read without reading the face; 0 when unknown.
    fn code_pages(&self, i: usize) -> u32;
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
    /// Families 1 and on, each loaded on first use; family `1 + i` has
    /// the face numbers from [`FontSet::first_face`]`(i)`, four of them.
    fallbacks: Vec<OnceLock<Result<Faces, Vec<Diagnostic>>>>,
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
            let mut id_of = |face: Face| {
                faces.push(face);
                FaceId(first + faces.len() - 1)
            };
            let regular = id_of(regular);
            let [bold, italic, bold_italic] = others.map(|f| f.map(&mut id_of));
            let bold = bold.unwrap_or(regular);
            // Without an italic (Arabic and Chinese have none), emphasis is set
            // in bold rather than lost.
            let italic = italic.unwrap_or(bold);
            let bold_italic = bold_italic.unwrap_or(if bold != regular { bold } else { italic });
            ids.push([regular, bold, italic, bold_italic]);
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
        let own = Faces::new(families, 0);
        let first = own.faces.len();
        let fallbacks = rest
            .into_iter()
            .enumerate()
            .map(|(i, family)| OnceLock::from(Ok(Faces::new(vec![family], first + 4 * i))))
            .collect();
        FontSet {
            own,
            fallbacks,
            load: None,
        }
    }

    /// The clinic's own family, with fallbacks read when needed.
    pub fn lazy(own: FamilyFaces, load: Box<dyn Fallbacks>) -> FontSet {
        FontSet {
            own: Faces::new(vec![own], 0),
            fallbacks: (0..load.count()).map(|_| OnceLock::new()).collect(),
            load: Some(load),
        }
    }

    /// The number of fallback family `i`'s first face.
    fn first_face(&self, i: usize) -> usize {
        self.own.faces.len() + 4 * i
    }

    /// Fallback family `i`, loaded on first use, or why it cannot be.
    fn load_fallback(&self, i: usize) -> &Result<Faces, Vec<Diagnostic>> {
        self.fallbacks[i].get_or_init(|| {
            let load = self
                .load
                .as_ref()
                .expect("unloaded fallbacks have a loader");
            Ok(Faces::new(vec![load.load(i)?], self.first_face(i)))
        })
    }

    /// Fallback family `i`; none when it cannot be loaded (see
    /// [`FontSet::fallback_errors`]).
    fn fallback(&self, i: usize) -> Option<&Faces> {
        self.load_fallback(i).as_ref().ok()
    }

    /// Why fallback fonts cannot be loaded (loading every one now if need be).
    pub fn fallback_errors(&self) -> Vec<Diagnostic> {
        (0..self.fallbacks.len())
            .filter_map(|i| self.load_fallback(i).as_ref().err())
            .flatten()
            .cloned()
            .collect()
    }

    /// The problems of the fallback fonts found so far: in full for those a
    /// text needed, from their first bytes for the others, which stay unread.
    pub fn fallback_problems(&self) -> Vec<Diagnostic> {
        let mut found = Vec::new();
        for (i, family) in self.fallbacks.iter().enumerate() {
            match (family.get(), &self.load) {
                (Some(loaded), _) => {
                    found.extend(loaded.as_ref().err().into_iter().flatten().cloned())
                }
                (None, Some(load)) => found.extend(load.inspect(i)),
                (None, None) => {}
            }
        }
        found
    }

    pub fn face(&self, id: FaceId) -> &Face {
        match id.0.checked_sub(self.own.faces.len()) {
            None => &self.own.faces[id.0],
            Some(n) => {
                let i = n / 4;
                let family = self
                    .fallback(i)
                    .expect("fallback ids come from loaded fallbacks");
                &family.faces[id.0 - self.first_face(i)]
            }
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
            Some(i) => Some(self.fallback(i)?.families[0][style]),
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
    /// face when it is read, else from its file's header.
    fn code_pages(&self, f: usize) -> u32 {
        let i = f - 1;
        match (self.fallbacks[i].get(), &self.load) {
            (Some(Ok(family)), _) => family.faces[0].code_pages(),
            (None, Some(load)) => load.code_pages(i),
            _ => 0,
        }
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
        /// Noto Sans, then Noto Sans Arabic, counting the loads of each.
        struct Counted(Arc<[AtomicUsize; 2]>);
        impl Fallbacks for Counted {
            fn count(&self) -> usize {
                2
            }
            fn load(&self, i: usize) -> Result<FamilyFaces, Vec<Diagnostic>> {
                self.0[i].fetch_add(1, Ordering::SeqCst);
                let file = ["NotoSans-Regular.ttf", "NotoSansArabic-Regular.ttf"][i];
                Ok((face(file), [None, None, None]))
            }
            fn inspect(&self, i: usize) -> Vec<Diagnostic> {
                vec![Diagnostic::for_file(
                    std::path::Path::new("x"),
                    "unread",
                    format!("{i}"),
                )]
            }
            fn code_pages(&self, _: usize) -> u32 {
                0
            }
        }
        let loads = Arc::new([AtomicUsize::new(0), AtomicUsize::new(0)]);
        let own = (
            face("AtkinsonHyperlegibleNext-Regular.ttf"),
            [None, None, None],
        );
        let fonts = FontSet::lazy(own, Box::new(Counted(loads.clone())));
        let counts = || loads.each_ref().map(|n| n.load(Ordering::SeqCst));
        assert_eq!(fonts.families_for("Knee pain", "en"), (0, 0));
        assert_eq!(fonts.for_char('K', true, true, 0), Some(FaceId(0)));
        assert_eq!(counts(), [0, 0]);
        assert_eq!(fonts.families_for("Đau lưng", "vi"), (1, 1));
        assert_eq!(fonts.for_char('ư', false, false, 0), Some(FaceId(1)));
        assert_eq!(counts(), [1, 0], "Vietnamese leaves the Arabic face unread");
        // Unread families are inspected, not loaded.
        let problems = fonts.fallback_problems();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].message, "1");
        let arabic = fonts.for_char('م', false, false, 0).unwrap();
        assert!(fonts.face(arabic).name.starts_with("NotoSansArabic"));
        assert!(fonts.fallback_errors().is_empty());
        assert_eq!(counts(), [1, 1]);
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
            fn load(&self, i: usize) -> Result<FamilyFaces, Vec<Diagnostic>> {
                self.0[i].fetch_add(1, Ordering::SeqCst);
                Ok((face(FILES[i]), [None, None, None]))
            }
            fn inspect(&self, _: usize) -> Vec<Diagnostic> {
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
