//! The clinic profile: validated clinic.toml with its fonts and logo loaded.

use super::{io_reason, read_source};
use crate::diagnostic::{Diagnostic, Source};
use crate::parse::clinic::{ClinicFile, DisclaimerFile, FallbackFile, Paper};
use crate::parse::{Spanned, from_toml};
use crate::picture::Picture;
use crate::text::{Face, FontSet};
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
    pub review_months: u32,
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

/// Larger "fonts" are refused before parsing: even a full CJK face is smaller.
const MAX_FONT_BYTES: usize = 64 << 20;

/// The health-literacy floor and a ceiling past which a sheet stops being one.
const BODY_SIZES: std::ops::RangeInclusive<f64> = 12.0..=24.0;

/// Read, validate and load clinic.toml: every problem found, or the clinic.
pub fn load_clinic(path: &Path) -> Result<Clinic, Vec<Diagnostic>> {
    let source = read_source(path).map_err(|d| vec![d])?;
    let file: ClinicFile = from_toml(&source).map_err(|d| vec![d])?;
    let dir = path.parent().unwrap_or(Path::new("")).to_path_buf();
    let mut errors = Vec::new();

    let text = |v: &Option<Spanned<String>>| v.as_ref().map(|s| s.get_ref().trim().to_string());
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
    let colors = Colors {
        primary: color(&file.colors.primary, Rgb(0x0b, 0x5f, 0xa5)),
        accent: color(&file.colors.accent, Rgb(0xf2, 0xa9, 0x00)),
        warning: color(&file.colors.warning, Rgb(0xb3, 0x26, 0x1e)),
    };

    let body_size = match &file.page.body_size {
        None => 12.0,
        Some(s) if BODY_SIZES.contains(s.get_ref()) => *s.get_ref() as f32,
        Some(s) => {
            errors.push(source.error(
                s.span().start,
                "bad-body-size",
                format!(
                    "body_size {} pt is outside 12 to 24 pt; patients need at least 12 pt",
                    s.get_ref()
                ),
            ));
            12.0
        }
    };

    let columns = match &file.page.columns {
        None => 2,
        Some(c) if matches!(c.get_ref(), 1 | 2) => *c.get_ref() as usize,
        Some(c) => {
            errors.push(source.error(
                c.span().start,
                "bad-columns",
                format!("columns = {} is not 1 or 2", c.get_ref()),
            ));
            2
        }
    };

    let fonts_file = file.fonts.get_ref();
    let mut face = |spec: &Spanned<String>| -> Option<Face> {
        load_face(&source, &dir, spec)
            .map_err(|d| errors.push(d))
            .ok()
    };
    let mut family = |regular: &Spanned<String>, styles: [&Option<Spanned<String>>; 3]| {
        let regular = face(regular);
        let others = styles.map(|spec| spec.as_ref().and_then(&mut face));
        regular.map(|r| (r, others))
    };
    let own = family(
        &fonts_file.regular,
        [
            &fonts_file.bold,
            &fonts_file.italic,
            &fonts_file.bold_italic,
        ],
    );
    let fallbacks: Vec<_> = fonts_file
        .fallback
        .iter()
        .filter_map(|f| match f.get_ref() {
            FallbackFile::Face(path) => {
                let path = Spanned::new(f.span(), path.clone());
                family(&path, [&None, &None, &None])
            }
            FallbackFile::Family(f) => family(&f.regular, [&f.bold, &f.italic, &f.bold_italic]),
        })
        .collect();

    let logo = file.logo.as_ref().and_then(|spec| {
        load_picture(&source, &dir, spec, &crate::picture::Cache::default())
            .map_err(|d| errors.push(d))
            .ok()
    });

    let fonts = own.map(|own| FontSet::new(std::iter::once(own).chain(fallbacks).collect()));
    if let Some(fonts) = &fonts {
        let printed = [
            &Some(file.name.clone()),
            &file.phone,
            &file.email,
            &file.website,
            &file.address,
        ];
        let disclaimers = file.disclaimer.iter().flat_map(|d| {
            let texts: Vec<&String> = match d.get_ref() {
                DisclaimerFile::All(text) => vec![text],
                DisclaimerFile::PerLanguage(texts) => texts.values().collect(),
            };
            texts.into_iter().map(|t| (t.as_str(), d.span()))
        });
        let values = printed
            .into_iter()
            .flatten()
            .map(|v| (v.get_ref().as_str(), v.span()));
        for (value, span) in values.chain(disclaimers) {
            if let Some(c) = super::uncovered(fonts, value) {
                let at = source.find_in(&span, &c.to_string());
                errors.push(source.error(at, "uncovered-character", super::uncovered_message(c)));
            }
        }
    }

    match (fonts, errors.is_empty()) {
        (Some(fonts), true) => Ok(Clinic {
            name: file.name.get_ref().trim().to_string(),
            logo,
            logo_alt: text(&file.logo_alt),
            phone: text(&file.phone),
            email: text(&file.email),
            website: text(&file.website),
            address: text(&file.address),
            booking_url: text(&file.booking_url),
            disclaimer: match file.disclaimer.as_ref().map(|d| d.get_ref()) {
                None => Disclaimer::None,
                Some(DisclaimerFile::All(text)) => Disclaimer::All(text.trim().to_string()),
                Some(DisclaimerFile::PerLanguage(texts)) => Disclaimer::PerLanguage(
                    texts
                        .iter()
                        .map(|(tag, text)| (tag.clone(), text.trim().to_string()))
                        .collect(),
                ),
            },
            colors,
            fonts,
            paper: file
                .page
                .paper
                .as_ref()
                .map_or(Paper::Letter, |p| *p.get_ref()),
            body_size,
            columns,
            max_grade: file
                .policy
                .max_grade
                .as_ref()
                .map_or(8.0, |g| *g.get_ref() as f32),
            review_months: file
                .policy
                .review_months
                .as_ref()
                .map_or(24, |m| *m.get_ref()),
            pictures: Default::default(),
            source,
            file,
        }),
        _ => Err(errors),
    }
}

fn resolve(dir: &Path, spec: &Spanned<String>) -> PathBuf {
    dir.join(spec.get_ref())
}

fn load_face(source: &Source, dir: &Path, spec: &Spanned<String>) -> Result<Face, Diagnostic> {
    let at = spec.span().start;
    let path = resolve(dir, spec);
    let unreadable = |e: std::io::Error| {
        source.error(
            at,
            "missing-file",
            format!(
                "font `{}` cannot be read: {}",
                spec.get_ref(),
                io_reason(&e)
            ),
        )
    };
    let file = std::fs::File::open(&path).map_err(unreadable)?;
    // Mapped, not read: a CJK face is megabytes, of which a leaflet uses a few pages.
    // SAFETY: font files are not changed while a build runs; if one were,
    // the worst outcome is wrong glyphs or a failed build.
    let bytes = unsafe { memmap2::Mmap::map(&file) }.map_err(unreadable)?;
    if bytes.len() > MAX_FONT_BYTES {
        let message = format!(
            "font `{}` is over {} MB; use a subset or a single-script font",
            spec.get_ref(),
            MAX_FONT_BYTES >> 20
        );
        return Err(source.error(at, "bad-font", message));
    }
    let name = path
        .file_stem()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    Face::from_data(&name, std::sync::Arc::new(bytes))
        .map_err(|why| source.error(at, "bad-font", format!("font `{}` {why}", spec.get_ref())))
}

/// Load and decode a picture named in a TOML file, relative to that file's folder.
pub(super) fn load_picture(
    source: &Source,
    dir: &Path,
    spec: &Spanned<String>,
    cache: &crate::picture::Cache,
) -> Result<Picture, Diagnostic> {
    let path = resolve(dir, spec);
    cache.get_or_load(&path, || decode_picture(source, &path, spec))
}

fn decode_picture(
    source: &Source,
    path: &Path,
    spec: &Spanned<String>,
) -> Result<Picture, Diagnostic> {
    let at = spec.span().start;
    let bytes = std::fs::read(path).map_err(|e| {
        source.error(
            at,
            "missing-file",
            format!(
                "picture `{}` cannot be read: {}",
                spec.get_ref(),
                io_reason(&e)
            ),
        )
    })?;
    Picture::decode(&bytes).map_err(|why| {
        source.error(
            at,
            "bad-picture",
            format!("picture `{}` {why}", spec.get_ref()),
        )
    })
}
