//! The raw shape of a clinic profile (clinic.toml), as SPEC.md describes it.
//!
//! The doc comments on the fields become the "description"s of
//! schema/clinic.schema.json (see [`crate::schema`]), which editors show on hover.

use super::Spanned;
use schemars::JsonSchema;
use serde::Deserialize;

/// The clinic's profile: name, contact, logo, colours, fonts, policy.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClinicFile {
    /// Required. The clinic's name.
    #[schemars(with = "String")]
    pub name: Spanned<String>,
    /// Optional logo, PNG or JPEG, relative to this file.
    #[schemars(with = "Option<String>")]
    pub logo: Option<Spanned<String>>,
    /// Alternative text for the logo.
    #[schemars(with = "Option<String>")]
    pub logo_alt: Option<Spanned<String>>,
    /// The clinic's phone number.
    #[schemars(with = "Option<String>")]
    pub phone: Option<Spanned<String>>,
    /// The clinic's email address.
    #[schemars(with = "Option<String>")]
    pub email: Option<Spanned<String>>,
    /// The clinic's website.
    #[schemars(with = "Option<String>")]
    pub website: Option<Spanned<String>>,
    /// The clinic's postal address.
    #[schemars(with = "Option<String>")]
    pub address: Option<Spanned<String>>,
    /// Optional: printed as a QR code + short text.
    #[schemars(with = "Option<String>")]
    pub booking_url: Option<Spanned<String>>,
    /// Optional: one text for every handout, or a table of texts by language
    /// tag; a handout in a language it does not give gets that language's default.
    #[schemars(with = "Option<DisclaimerFile>")]
    pub disclaimer: Option<Spanned<DisclaimerFile>>,
    /// Brand colours, hex #RRGGBB.
    #[serde(default)]
    pub colors: ColorsFile,
    /// Required. TTF/OTF files; bold/italic fall back sensibly.
    #[schemars(with = "FontsFile")]
    pub fonts: Spanned<FontsFile>,
    /// Paper size and body text size.
    #[serde(default)]
    pub page: PageFile,
    /// Readability target and review interval.
    #[serde(default)]
    pub policy: PolicyFile,
    /// The web page (`build --format html`).
    #[serde(default)]
    pub web: WebFile,
}

/// Brand colours, hex #RRGGBB.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ColorsFile {
    /// Header band, headings (#RRGGBB).
    #[schemars(
        with = "Option<String>",
        regex(pattern = r"^#[0-9A-Fa-f]{6}$"),
        extend("default" = "#0B5FA5")
    )]
    pub primary: Option<Spanned<String>>,
    /// Rules, list numbers (#RRGGBB).
    #[schemars(
        with = "Option<String>",
        regex(pattern = r"^#[0-9A-Fa-f]{6}$"),
        extend("default" = "#F2A900")
    )]
    pub accent: Option<Spanned<String>>,
    /// The warning-signs box (#RRGGBB).
    #[schemars(
        with = "Option<String>",
        regex(pattern = r"^#[0-9A-Fa-f]{6}$"),
        extend("default" = "#B3261E")
    )]
    pub warning: Option<Spanned<String>>,
}

/// TTF/OTF files; bold/italic fall back sensibly.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FontsFile {
    /// Required. The regular face (TTF/OTF).
    #[schemars(with = "String")]
    pub regular: Spanned<String>,
    /// The bold face (TTF/OTF).
    #[schemars(with = "Option<String>")]
    pub bold: Option<Spanned<String>>,
    /// The italic face (TTF/OTF).
    #[schemars(with = "Option<String>")]
    pub italic: Option<Spanned<String>>,
    /// The bold italic face (TTF/OTF).
    #[schemars(with = "Option<String>")]
    pub bold_italic: Option<Spanned<String>>,
    /// For characters (scripts) the main faces lack, in order of preference:
    /// each a font file, or a family table with `regular` and optionally
    /// `bold`, `italic` and `bold_italic`.
    #[serde(default)]
    #[schemars(with = "Vec<FallbackFile>")]
    pub fallback: Vec<Spanned<FallbackFile>>,
}

/// The clinic's disclaimer: one text, or one per language.
#[derive(Debug, JsonSchema)]
#[schemars(untagged)]
pub enum DisclaimerFile {
    /// Printed on every handout, whatever its language.
    All(String),
    /// By the handouts' language tags ("en", "es", "zh-Hant").
    PerLanguage(std::collections::BTreeMap<String, String>),
}

impl<'de> Deserialize<'de> for DisclaimerFile {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Text;
        impl<'de> serde::de::Visitor<'de> for Text {
            type Value = DisclaimerFile;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a text, or a table of texts by language tag")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<DisclaimerFile, E> {
                Ok(DisclaimerFile::All(text.to_string()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<DisclaimerFile, A::Error> {
                let texts = serde::de::value::MapAccessDeserializer::new(map);
                Deserialize::deserialize(texts).map(DisclaimerFile::PerLanguage)
            }
        }
        d.deserialize_any(Text)
    }
}

/// A fallback font: one file for every style, or a family of styles.
#[derive(Debug, JsonSchema)]
#[schemars(untagged)]
pub enum FallbackFile {
    /// One face (TTF/OTF), used for every style.
    Face(String),
    /// A family: `regular` and optionally `bold`, `italic`, `bold_italic`.
    Family(FamilyFile),
}

// By hand rather than `#[serde(untagged)]`, which loses the positions
// (`Spanned`) inside a family and gives editors a vague error.
impl<'de> Deserialize<'de> for FallbackFile {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Entry;
        impl<'de> serde::de::Visitor<'de> for Entry {
            type Value = FallbackFile;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(
                    "a font file, or a table with `regular` and optionally `bold`, `italic`, \
                     `bold_italic`",
                )
            }
            fn visit_str<E: serde::de::Error>(self, path: &str) -> Result<FallbackFile, E> {
                Ok(FallbackFile::Face(path.to_string()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<FallbackFile, A::Error> {
                let family = serde::de::value::MapAccessDeserializer::new(map);
                FamilyFile::deserialize(family).map(FallbackFile::Family)
            }
        }
        d.deserialize_any(Entry)
    }
}

/// A fallback family's faces (TTF/OTF).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FamilyFile {
    /// Required. The regular face.
    #[schemars(with = "String")]
    pub regular: Spanned<String>,
    /// The bold face.
    #[schemars(with = "Option<String>")]
    pub bold: Option<Spanned<String>>,
    /// The italic face.
    #[schemars(with = "Option<String>")]
    pub italic: Option<Spanned<String>>,
    /// The bold italic face.
    #[schemars(with = "Option<String>")]
    pub bold_italic: Option<Spanned<String>>,
}

/// Paper size and body text size.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PageFile {
    /// letter | a4
    #[schemars(with = "Option<Paper>", extend("default" = "letter"))]
    pub paper: Option<Spanned<Paper>>,
    /// Body text size in pt; health-literacy floor is 12.
    #[schemars(with = "Option<f64>", range(min = 12, max = 24), extend("default" = 12))]
    pub body_size: Option<Spanned<f64>>,
    /// Columns of body text on a sheet: 2 (default) or 1; large print has one.
    #[schemars(with = "Option<u8>", range(min = 1, max = 2), extend("default" = 2))]
    pub columns: Option<Spanned<i64>>,
}

/// The web page (`build --format html`).
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WebFile {
    /// embedded: the clinic's fonts, subset, inside the page (default);
    /// system: the reader's own fonts, for the smallest page.
    #[schemars(with = "Option<WebFonts>", extend("default" = "embedded"))]
    pub fonts: Option<Spanned<WebFonts>>,
}

/// Where a web page's fonts come from: embedded | system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum WebFonts {
    #[default]
    Embedded,
    System,
}

/// Paper size: letter | a4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    Letter,
    A4,
}

/// Readability target and review interval.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PolicyFile {
    /// Readability target (US school grade).
    #[schemars(with = "Option<f64>", extend("default" = 8))]
    pub max_grade: Option<Spanned<f64>>,
    /// Default gap between reviews, in months.
    #[schemars(with = "Option<u32>", range(min = 1), extend("default" = 24))]
    pub review_months: Option<Spanned<u32>>,
    /// Spanish readability target: the lowest Szigriszt-Pazos score on the
    /// INFLESZ scale (0-100, higher is easier; 65 is "fairly easy").
    #[schemars(with = "Option<f64>", range(min = 0, max = 100), extend("default" = 65))]
    pub min_inflesz: Option<Spanned<f64>>,
    /// Words `check` does not flag as jargon in any handout (a drug name the
    /// clinic uses on purpose, say).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub allow_words: Vec<Spanned<String>>,
    /// A warning pictogram on the warning-signs box and a phone on the
    /// contact block, where a handout gives none.
    #[schemars(with = "Option<bool>", extend("default" = true))]
    pub default_icons: Option<Spanned<bool>>,
    /// Name the library's translations of a handout on its last page.
    #[schemars(with = "Option<bool>", extend("default" = true))]
    pub also_available: Option<Spanned<bool>>,
}
