//! The clinic profile: validated clinic.toml with its fonts and logo loaded.

use super::read_source;
use crate::diagnostic::{Diagnostic, Source};
use crate::input::{self, Kind};
use crate::parse::clinic::{ClinicFile, DisclaimerFile, FallbackFile, Paper, WebFonts};
use crate::parse::{Spanned, from_toml};
use crate::picture::Picture;
use crate::text::{Face, Fallbacks, Family, FamilyFaces, FontSet, Origin, font_check};
use std::path::{Path, PathBuf};

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    pub const WHITE: Rgb = Rgb(255, 255, 255);
    /// Body text: near-black reads softer than pure black and still passes 15:1.
    pub const INK: Rgb = Rgb(0x1a, 0x1a, 0x1a);

    /// `#RRGGBB`.
    pub fn parse(s: &str) -> Option<Rgb> {
        let hex = s.strip_prefix('#').filter(|h| h.len() == 6)?;
        let v = u32::from_str_radix(hex, 16).ok()?;
        Some(Rgb((v >> 16) as u8, (v >> 8) as u8, v as u8))
    }

    /// This colour mixed with white; `amount` 0 is white, 1 is the colour.
    pub fn tint(self, amount: f32) -> Rgb {
        let mix = |c: u8| (255.0 - (255.0 - f32::from(c)) * amount).round() as u8;
        Rgb(mix(self.0), mix(self.1), mix(self.2))
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Colors {
    /// Header band and headings.
    pub primary: Rgb,
    /// Rules and list numbers.
    pub accent: Rgb,
    /// The warning-signs box.
    pub warning: Rgb,
}

pub struct Clinic {
    pub source: Source,
    /// The file as written, with the position of every value, for lints.
    pub file: ClinicFile,
    pub name: String,
    pub logo: Option<Picture>,
    pub logo_alt: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub address: Option<String>,
    pub booking_url: Option<String>,
    pub disclaimer: Disclaimer,
    pub colors: Colors,
    pub fonts: FontSet,
    pub paper: Paper,
    /// Body type size in points.
    pub body_size: f32,
    /// Columns of body text on a sheet (1 or 2).
    pub columns: usize,
    pub max_grade: f32,
    /// The lowest Szigriszt-Pazos (INFLESZ) score a Spanish handout may have.
    pub min_inflesz: f32,
    /// Words never flagged as jargon, lower-cased.
    pub allow_words: Vec<String>,
    pub review_months: u32,
    /// Warning and phone pictograms where a handout gives none.
    pub default_icons: bool,
    /// Name a handout's translations on its leaflet.
    pub also_available: bool,
    /// The web page's fonts: the clinic's, embedded, or the reader's own.
    pub web_fonts: WebFonts,
    /// Item pictures, decoded once however many handouts use them.
    pub pictures: crate::picture::Cache,
}

/// The clinic's own disclaimer, if it wrote one.
#[derive(Debug, Clone)]
pub enum Disclaimer {
    None,
    /// For handouts in every language.
    All(String),
    /// By language tag.
    PerLanguage(Vec<(String, String)>),
}

impl Disclaimer {
    /// The clinic's text for a handout in the language `tag`: under that
    /// tag, else under its language subtag ("es" for "es-MX").
    pub fn for_language(&self, tag: &str) -> Option<&str> {
        match self {
            Disclaimer::None => None,
            Disclaimer::All(text) => Some(text),
            Disclaimer::PerLanguage(texts) => {
                let language = crate::text::writing::subtags(tag).swap_remove(0);
                let find = |want: &str| texts.iter().find(|(t, _)| t.eq_ignore_ascii_case(want));
                find(tag)
                    .or_else(|| find(&language))
                    .map(|(_, text)| text.as_str())
            }
        }
    }
}

/// Months between reviews: at least one, and no handout goes ten years unread.
const REVIEW_MONTHS: std::ops::RangeInclusive<u32> = 1..=120;

/// The largest QR code that still scans from the printed contact box: version
/// 10 (57 modules) is about 0.4 mm a module there.
const MAX_QR_VERSION: i16 = 10;

/// The booking code's error correction: level M, readable with 15% of it
/// damaged (a crease, a smudge), the level the layout draws it at.
pub const QR_CORRECTION: qrcode::EcLevel = qrcode::EcLevel::M;

/// Whether the booking address makes a QR code that scans from paper.
fn booking_code(url: &str) -> Result<(), String> {
    // The version the layout's code will take, from the encoding alone:
    // drawing the code (its masks scored) would cost a fifth of a millisecond.
    let version = qrcode::bits::encode_auto(url.as_bytes(), QR_CORRECTION)
        .ok()
        .map(|bits| match bits.version() {
            qrcode::Version::Normal(v) | qrcode::Version::Micro(v) => v,
        });
    match version {
        Some(v) if v <= MAX_QR_VERSION => Ok(()),
        _ => Err(format!(
            "`booking_url` is {} characters, too long for a QR code that scans from paper; \
             use a shorter address (up to about 200 characters)",
            url.chars().count()
        )),
    }
}

/// The health-literacy floor and a ceiling past which a sheet stops being one.
const BODY_SIZES: std::ops::RangeInclusive<f64> = 12.0..=24.0;

/// Read, validate and load clinic.toml: every problem found, or the clinic.
pub fn load_clinic(path: &Path) -> Result<Clinic, Vec<Diagnostic>> {
    let source = read_source(path).map_err(|d| vec![d])?;
    let file: ClinicFile = from_toml(&source)?;
    let dir = path.parent().unwrap_or(Path::new("")).to_path_buf();
    let mut errors = Vec::new();
    check_details(&source, &file, &mut errors);
    check_links(&source, &file, &mut errors);
    check_booking_url(&source, &file, &mut errors);
    check_review_months(&source, &file, &mut errors);
    let colors = brand_colors(&source, &file, &mut errors);
    check_contrast(&source, &file, &colors, &mut errors);
    let sizes = Sizes::check(&source, &file, &mut errors);
    let fonts = load_fonts(&source, &dir, &file, &mut errors);
    let pictures = crate::picture::Cache::default();
    let logo = file.logo.as_ref().and_then(|spec| {
        load_picture(&source, &dir, spec, &pictures)
            .map_err(|d| errors.push(d))
            .ok()
    });
    if let Some(fonts) = &fonts {
        check_coverage(&source, &file, fonts, &mut errors);
    }
    match (fonts, errors.is_empty()) {
        (Some(fonts), true) => Ok(Clinic::new(
            source,
            file,
            Loaded {
                colors,
                sizes,
                fonts,
                logo,
                pictures,
            },
        )),
        _ => Err(errors),
    }
}

/// What loading worked out beyond the file's own words: its checked
/// colours and sizes, and the fonts and logo it names, read.
struct Loaded {
    colors: Colors,
    sizes: Sizes,
    fonts: FontSet,
    logo: Option<Picture>,
    pictures: crate::picture::Cache,
}

impl Clinic {
    /// The clinic from a file found free of errors, its defaults filled in.
    fn new(source: Source, file: ClinicFile, loaded: Loaded) -> Clinic {
        let text = |v: &Option<Spanned<String>>| v.as_ref().map(|s| s.get_ref().trim().to_string());
        let policy = &file.policy;
        Clinic {
            name: file.name.get_ref().trim().to_string(),
            logo: loaded.logo,
            logo_alt: text(&file.logo_alt),
            phone: text(&file.phone),
            email: text(&file.email),
            website: text(&file.website),
            address: text(&file.address),
            booking_url: text(&file.booking_url),
            disclaimer: Disclaimer::from_file(file.disclaimer.as_ref().map(|d| d.get_ref())),
            colors: loaded.colors,
            fonts: loaded.fonts,
            paper: file
                .page
                .paper
                .as_ref()
                .map_or(Paper::Letter, |p| *p.get_ref()),
            body_size: loaded.sizes.body_size,
            columns: loaded.sizes.columns,
            max_grade: policy
                .max_grade
                .as_ref()
                .map_or(8.0, |g| *g.get_ref() as f32),
            min_inflesz: loaded.sizes.min_inflesz,
            allow_words: policy
                .allow_words
                .iter()
                .map(|w| w.get_ref().trim().to_lowercase())
                .collect(),
            review_months: policy.review_months.as_ref().map_or(24, |m| *m.get_ref()),
            default_icons: policy.default_icons.as_ref().is_none_or(|b| *b.get_ref()),
            also_available: policy.also_available.as_ref().is_none_or(|b| *b.get_ref()),
            web_fonts: file
                .web
                .fonts
                .as_ref()
                .map(|f| *f.get_ref())
                .unwrap_or_default(),
            pictures: loaded.pictures,
            source,
            file,
        }
    }
}

impl Disclaimer {
    /// The disclaimer as clinic.toml writes it, trimmed.
    fn from_file(file: Option<&DisclaimerFile>) -> Disclaimer {
        match file {
            None => Disclaimer::None,
            Some(DisclaimerFile::All(text)) => Disclaimer::All(text.trim().to_string()),
            Some(DisclaimerFile::PerLanguage(texts)) => Disclaimer::PerLanguage(
                texts
                    .iter()
                    .map(|(tag, text)| (tag.clone(), text.trim().to_string()))
                    .collect(),
            ),
        }
    }
}

/// Every text of a disclaimer: the one for all languages, or each language's.
fn disclaimer_texts(disclaimer: &DisclaimerFile) -> Vec<&String> {
    match disclaimer {
        DisclaimerFile::All(text) => vec![text],
        DisclaimerFile::PerLanguage(texts) => texts.values().collect(),
    }
}

/// The clinic's printed details: a blank one would print as a gap ("Call
/// us at  today"), a control character not at all.
fn check_details(source: &Source, file: &ClinicFile, errors: &mut Vec<Diagnostic>) {
    let details = [
        ("name", Some(&file.name)),
        ("phone", file.phone.as_ref()),
        ("email", file.email.as_ref()),
        ("website", file.website.as_ref()),
        ("address", file.address.as_ref()),
        ("booking_url", file.booking_url.as_ref()),
        ("logo_alt", file.logo_alt.as_ref()),
    ];
    for (key, value) in details {
        let Some(value) = value else { continue };
        if value.get_ref().trim().is_empty() {
            let message = format!("`{key}` is empty; write it, or delete the line to leave it off");
            errors.push(source.error(value.span().start, "empty-text", message));
        } else if let Some((at, why)) = super::text_problem(value.get_ref(), true) {
            let c = value.get_ref()[at..].chars().next().expect("a character");
            let at = super::locate_char(source, &value.span(), c);
            errors.push(source.error(at, "bad-character", why));
        }
    }
}

/// The booking address is a link a leaflet may open, short enough for its
/// QR code to scan.
fn check_booking_url(source: &Source, file: &ClinicFile, errors: &mut Vec<Diagnostic>) {
    let Some(url) = &file.booking_url else {
        return;
    };
    if let Err(why) = super::link_target(url.get_ref().trim()) {
        errors.push(source.error(
            url.span().start,
            "bad-link",
            format!("`booking_url`: {why}"),
        ));
    } else if let Err(why) =
        super::address::encoded(url.get_ref().trim()).and_then(|u| booking_code(&u))
    {
        errors.push(source.error(url.span().start, "bad-booking-url", why));
    }
}

fn check_review_months(source: &Source, file: &ClinicFile, errors: &mut Vec<Diagnostic>) {
    within(
        &file.policy.review_months,
        |m| REVIEW_MONTHS.contains(m),
        "bad-review-months",
        |m| {
            format!(
                "review_months is {m}, but must be a whole number of months from 1 to 120 (10 years)"
            )
        },
        source,
        errors,
    );
}

/// A number clinic.toml sets, if it is set and `allowed`; one outside is an
/// error at its value, `why` saying so.
fn within<'a, T>(
    value: &'a Option<Spanned<T>>,
    allowed: impl Fn(&T) -> bool,
    code: &'static str,
    why: impl Fn(&T) -> String,
    source: &Source,
    errors: &mut Vec<Diagnostic>,
) -> Option<&'a T> {
    let value = value.as_ref()?;
    if allowed(value.get_ref()) {
        return Some(value.get_ref());
    }
    errors.push(source.error(value.span().start, code, why(value.get_ref())));
    None
}

/// The brand colours, each the default where unset or not written as
/// #RRGGBB (an error).
fn brand_colors(source: &Source, file: &ClinicFile, errors: &mut Vec<Diagnostic>) -> Colors {
    let mut color = |v: &Option<Spanned<String>>, default: Rgb| match v {
        None => default,
        Some(s) => Rgb::parse(s.get_ref()).unwrap_or_else(|| {
            errors.push(source.error(
                s.span().start,
                "bad-color",
                format!(
                    "colour `{}` is not written as #RRGGBB (for example #0B5FA5)",
                    s.get_ref()
                ),
            ));
            default
        }),
    };
    Colors {
        primary: color(&file.colors.primary, Rgb(0x0b, 0x5f, 0xa5)),
        accent: color(&file.colors.accent, Rgb(0xf2, 0xa9, 0x00)),
        warning: color(&file.colors.warning, Rgb(0xb3, 0x26, 0x1e)),
    }
}

/// The clinic's numbers for type and readability, each the default where
/// unset or out of range (an error).
struct Sizes {
    body_size: f32,
    min_inflesz: f32,
    columns: usize,
}

impl Sizes {
    fn check(source: &Source, file: &ClinicFile, errors: &mut Vec<Diagnostic>) -> Sizes {
        let body_size = within(
            &file.page.body_size,
            |s| BODY_SIZES.contains(s),
            "bad-body-size",
            |s| format!("body_size {s} pt is outside 12 to 24 pt; patients need at least 12 pt"),
            source,
            errors,
        );
        let min_inflesz = within(
            &file.policy.min_inflesz,
            |s| (0.0..=100.0).contains(s),
            "bad-min-inflesz",
            |s| {
                format!(
                    "min_inflesz {s} is outside the INFLESZ scale, 0 to 100 (65 is \"fairly easy\")"
                )
            },
            source,
            errors,
        );
        let columns = within(
            &file.page.columns,
            |c| matches!(c, 1 | 2),
            "bad-columns",
            |c| format!("columns = {c} is not 1 or 2"),
            source,
            errors,
        );
        Sizes {
            body_size: body_size.map_or(12.0, |s| *s as f32),
            min_inflesz: min_inflesz.map_or(65.0, |s| *s as f32),
            columns: columns.map_or(2, |c| *c as usize),
        }
    }
}

/// The clinic's own family, read now, with its fallbacks to read when a
/// text first needs them; None when the own family cannot be read.
fn load_fonts(
    source: &Source,
    dir: &Path,
    file: &ClinicFile,
    errors: &mut Vec<Diagnostic>,
) -> Option<FontSet> {
    let fonts_file = file.fonts.get_ref();
    let own: FamilySpec = (
        fonts_file.regular.clone(),
        [
            &fonts_file.bold,
            &fonts_file.italic,
            &fonts_file.bold_italic,
        ]
        .map(Clone::clone),
    );
    let own = load_family(source, dir, &own)
        .map_err(|mut e| errors.append(&mut e))
        .ok();
    let fallbacks: Vec<FamilySpec> = fonts_file
        .fallback
        .iter()
        .map(|f| match f.get_ref() {
            FallbackFile::Face(path) => (Spanned::new(f.span(), path.clone()), [None, None, None]),
            FallbackFile::Family(f) => (
                f.regular.clone(),
                [&f.bold, &f.italic, &f.bold_italic].map(Clone::clone),
            ),
        })
        .collect();
    // Fallbacks are read when a text first needs them; their files'
    // directories are checked now, which costs next to nothing.
    for spec in fallbacks.iter().flat_map(family_specs) {
        if let Err(d) = check_unread_font(source, dir, spec, false) {
            errors.push(d);
        }
    }
    own.map(|own| {
        let files = FallbackFiles {
            source: source.clone(),
            dir: dir.to_path_buf(),
            families: fallbacks,
        };
        FontSet::lazy(own, Box::new(files))
    })
}

/// Every printed detail and disclaimer drawn by some font of the clinic's:
/// a character none has would print as an empty box.
fn check_coverage(
    source: &Source,
    file: &ClinicFile,
    fonts: &FontSet,
    errors: &mut Vec<Diagnostic>,
) {
    let printed = [
        &Some(file.name.clone()),
        &file.phone,
        &file.email,
        &file.website,
        &file.address,
    ];
    let disclaimers = file.disclaimer.iter().flat_map(|d| {
        disclaimer_texts(d.get_ref())
            .into_iter()
            .map(|t| (t.as_str(), d.span()))
    });
    let values = printed
        .into_iter()
        .flatten()
        .map(|v| (v.get_ref().as_str(), v.span()));
    for (value, span) in values.chain(disclaimers) {
        if let Some(c) = super::uncovered(fonts, value, 0) {
            let at = source.find_in(&span, &c.to_string());
            errors.push(source.error(
                at,
                "uncovered-character",
                super::uncovered_message(fonts, c),
            ));
        }
    }
}

fn resolve(dir: &Path, spec: &Spanned<String>) -> PathBuf {
    dir.join(spec.get_ref())
}

/// A family's font files as clinic.toml names them: regular, then bold,
/// italic and bold italic when given.
type FamilySpec = (Spanned<String>, [Option<Spanned<String>>; 3]);

fn family_specs(family: &FamilySpec) -> impl Iterator<Item = &Spanned<String>> {
    std::iter::once(&family.0).chain(family.1.iter().flatten())
}

/// Every face of a family, or every problem with them.
fn load_family(
    source: &Source,
    dir: &Path,
    (regular, others): &FamilySpec,
) -> Result<FamilyFaces, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut face = |spec: &Spanned<String>| {
        load_face(source, dir, spec)
            .map_err(|d| errors.push(d))
            .ok()
    };
    let regular = face(regular);
    let others = others
        .each_ref()
        .map(|spec| spec.as_ref().and_then(&mut face));
    match regular {
        Some(regular) if errors.is_empty() => Ok((regular, others)),
        _ => Err(errors),
    }
}

fn font_unreadable(source: &Source, spec: &Spanned<String>, e: &input::ReadError) -> Diagnostic {
    let name = spec.get_ref();
    let message = format!("font `{name}` cannot be read: {e}{}", slash_hint(name));
    source.error(spec.span().start, e.code(), message)
}

/// A font file checked without reading its glyphs: from its first bytes,
/// that it names a font with all its tables present; with `header`, from
/// its header tables too (size, glyph count).
fn check_unread_font(
    source: &Source,
    dir: &Path,
    spec: &Spanned<String>,
    header: bool,
) -> Result<(), Diagnostic> {
    let unreadable = |e| font_unreadable(source, spec, &e);
    let file = input::locate(&resolve(dir, spec), Kind::Font).map_err(unreadable)?;
    let start = file
        .read_start(font_check::DIRECTORY_BYTES as u64)
        .map_err(unreadable)?;
    let checked = if header {
        let read = |at, len| {
            file.read_at(at, len)
                .map_err(|e| format!("cannot be read: {e}"))
        };
        font_check::check_unread(&start, file.size(), read)
    } else {
        font_check::check_start(&start, file.size())
    };
    checked.map_err(|why| {
        let message = format!("font `{}` {why}", spec.get_ref());
        source.error(spec.span().start, "bad-font", message)
    })
}

/// The fallback families as clinic.toml names them, read when needed.
struct FallbackFiles {
    source: Source,
    dir: PathBuf,
    families: Vec<FamilySpec>,
}

impl FallbackFiles {
    /// The font of style `style` (regular, bold, italic, bold italic) of
    /// family `i`; [`Fallbacks::styles`] says which there are.
    fn style(&self, i: usize, style: usize) -> &Spanned<String> {
        let (regular, others) = &self.families[i];
        match style {
            0 => regular,
            s => others[s - 1]
                .as_ref()
                .expect("only styles with a font are read"),
        }
    }
}

impl Fallbacks for FallbackFiles {
    fn count(&self) -> usize {
        self.families.len()
    }

    fn styles(&self, i: usize) -> Family<bool> {
        let others = &self.families[i].1;
        [
            true,
            others[0].is_some(),
            others[1].is_some(),
            others[2].is_some(),
        ]
    }

    fn load(&self, i: usize, style: usize) -> Result<Face, Diagnostic> {
        load_face(&self.source, &self.dir, self.style(i, style))
    }

    fn inspect(&self, i: usize, style: usize) -> Vec<Diagnostic> {
        let spec = self.style(i, style);
        check_unread_font(&self.source, &self.dir, spec, true)
            .err()
            .into_iter()
            .collect()
    }

    fn code_pages(&self, i: usize) -> u32 {
        let Some(regular) = family_specs(&self.families[i]).next() else {
            return 0;
        };
        let Ok(file) = input::locate(&resolve(&self.dir, regular), Kind::Font) else {
            return 0;
        };
        let Ok(start) = file.read_start(font_check::DIRECTORY_BYTES as u64) else {
            return 0;
        };
        let read = |at, len| file.read_at(at, len).map_err(|e| e.to_string());
        font_check::code_pages_unread(&start, read).unwrap_or(0)
    }
}

fn load_face(source: &Source, dir: &Path, spec: &Spanned<String>) -> Result<Face, Diagnostic> {
    let at = spec.span().start;
    let path = resolve(dir, spec);
    // Read, not memory-mapped: a font file replaced during a batch must not
    // crash the process.
    let bytes = input::read(&path, Kind::Font).map_err(|e| font_unreadable(source, spec, &e))?;
    let name = path
        .file_stem()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    let origin = Origin {
        file: spec.get_ref().clone(),
        at,
    };
    Face::from_bytes(&name, bytes)
        .map(|face| face.named(origin))
        .map_err(|why| source.error(at, "bad-font", format!("font `{}` {why}", spec.get_ref())))
}

impl Clinic {
    /// Why the handout at `file` could not be printed; a font's problem at
    /// the clinic.toml line that names the font.
    pub fn print_problem(&self, file: &Path, e: crate::render::Error) -> Diagnostic {
        match e {
            crate::render::Error::Font { face, problem } => {
                let origin = &self.fonts.face(face).origin;
                let message = format!("font `{}` {problem}", origin.file);
                self.source.error(origin.at, "bad-font", message)
            }
            crate::render::Error::Picture => Diagnostic::for_file(
                file,
                "print-failed",
                "a picture could not be compressed into the PDF; the computer may be short of memory",
            ),
        }
    }
}

/// A Windows path (`..\assets\logo.png`) names no file here: say how to
/// write it.
fn slash_hint(name: &str) -> String {
    if name.contains('\\') {
        format!(
            "; write paths with forward slashes: \"{}\"",
            name.replace('\\', "/")
        )
    } else {
        String::new()
    }
}

/// Load and decode a picture named in a TOML file, relative to that file's
/// folder; a file decoded before (under any name) is not decoded again.
pub(super) fn load_picture(
    source: &Source,
    dir: &Path,
    spec: &Spanned<String>,
    cache: &crate::picture::Cache,
) -> Result<Picture, Diagnostic> {
    let at = spec.span().start;
    let name = spec.get_ref();
    let unreadable = |e: input::ReadError| {
        let message = format!("picture `{name}` cannot be read: {e}{}", slash_hint(name));
        source.error(at, e.code(), message)
    };
    let file = input::locate(&resolve(dir, spec), Kind::Picture).map_err(unreadable)?;
    if let Some(picture) = cache.get(file.identity()) {
        return Ok(picture);
    }
    let bytes = file.read().map_err(unreadable)?;
    cache
        .decode(file.identity(), &bytes)
        .map_err(|why| source.error(at, "bad-picture", format!("picture `{name}` {why}")))
}

/// The website and every link the disclaimer writes open only what a
/// leaflet may (web, e-mail, phone): each printed link becomes a clickable
/// action in every PDF.
fn check_links(source: &Source, file: &ClinicFile, errors: &mut Vec<Diagnostic>) {
    if let Some(site) = &file.website
        && let Err(why) = super::link_target(site.get_ref().trim())
    {
        errors.push(source.error(site.span().start, "bad-link", format!("`website`: {why}")));
    }
    let Some(disclaimer) = &file.disclaimer else {
        return;
    };
    for text in disclaimer_texts(disclaimer.get_ref()) {
        let paragraphs = crate::markup::paragraphs(text);
        for url in paragraphs
            .iter()
            .flatten()
            .filter_map(|s| s.link.as_deref())
        {
            if let Err(why) = super::link_target(url) {
                // A [disclaimer] table's span is its header: its texts follow.
                let after = disclaimer.span().start..source.text.len();
                let at = source.find_in(&after, url);
                errors.push(source.error(at, "bad-link", format!("`disclaimer`: {why}")));
            }
        }
    }
}

/// A brand colour whose text would print nearly invisible (below 3:1
/// against its background, WCAG's floor even for large text) is refused at
/// its line; `check` warns about one below the 4.5:1 body text needs.
fn check_contrast(
    source: &Source,
    file: &ClinicFile,
    colors: &Colors,
    errors: &mut Vec<Diagnostic>,
) {
    let mut refused = Vec::new();
    for pair in crate::layout::theme::contrast_pairs(colors) {
        let r = crate::contrast::ratio(pair.foreground, pair.background);
        if refused.contains(&pair.key) {
            continue;
        }
        let set = match pair.key {
            "primary" => &file.colors.primary,
            "accent" => &file.colors.accent,
            _ => &file.colors.warning,
        };
        let (Some(set), true) = (set, r < crate::contrast::LARGE) else {
            continue;
        };
        let (key, used) = (pair.key, pair.used_for);
        let message = format!(
            "the {key} colour gives {used} a contrast of {r:.1}:1, below the {}:1 that any \
             reader needs, so that text would be nearly invisible; choose a darker or lighter \
             {key} colour",
            crate::contrast::LARGE
        );
        errors.push(source.error(set.span().start, "low-contrast", message));
        refused.push(pair.key);
    }
}
