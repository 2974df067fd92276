//! The raw shape of a handout file (handouts/NAME.toml), as SPEC.md describes it.
//!
//! The doc comments on the fields become the "description"s of
//! schema/handout.schema.json (see [`crate::schema`]), which editors show on hover.

use super::Spanned;
use schemars::JsonSchema;
use serde::Deserialize;
use toml::value::Datetime;

/// A patient handout: one file per handout and language (handouts/NAME.toml,
/// handouts/NAME.es.toml, ...).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HandoutFile {
    /// Required. The handout's title.
    #[schemars(with = "String")]
    pub title: Spanned<String>,
    /// Optional. A subtitle shown under the title.
    #[schemars(with = "Option<String>")]
    pub subtitle: Option<Spanned<String>>,
    /// BCP 47 language tag, default "en".
    #[schemars(with = "Option<String>", extend("default" = "en"))]
    pub language: Option<Spanned<String>>,
    /// Required: date of the last clinical review (YYYY-MM-DD).
    #[schemars(with = "String", extend("format" = "date"))]
    pub reviewed: Spanned<Datetime>,
    /// Optional: date of the next review; default reviewed + policy.review_months.
    #[schemars(with = "Option<String>", extend("format" = "date"))]
    pub next_review: Option<Spanned<Datetime>>,
    /// Optional: the main message, shown first and prominently.
    #[schemars(with = "Option<String>")]
    pub summary: Option<Spanned<String>>,
    /// Optional call to action at the end of the handout.
    #[schemars(with = "Option<String>")]
    pub closing: Option<Spanned<String>>,
    /// Optional: 2 to 5 short sentences, printed in a "Key points" box on
    /// page 1 after the summary (and on a trifold's cover).
    #[schemars(with = "Option<Vec<String>>", extend("minItems" = 2, "maxItems" = 5))]
    pub key_points: Option<Spanned<Vec<Spanned<String>>>>,
    /// Optional keywords for the PDF metadata.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub keywords: Vec<Spanned<String>>,
    /// For a translation: the source handout's file name, e.g. "NAME.toml".
    #[schemars(with = "Option<String>")]
    pub translation_of: Option<Spanned<String>>,
    /// For a translation: the source's `reviewed` date it was translated from.
    #[schemars(with = "Option<String>", extend("format" = "date"))]
    pub source_reviewed: Option<Spanned<Datetime>>,
    /// Words `check` does not flag as jargon in this handout, on top of the
    /// clinic's `[policy] allow_words`.
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub allow_words: Vec<Spanned<String>>,
    /// The words the tool prints itself, for a language without built-in
    /// ones or to override those.
    #[serde(default)]
    #[schemars(with = "Option<super::words::WordsFile>")]
    pub words: Option<Spanned<super::words::WordsFile>>,
    /// The handout's sections, in the order they appear.
    #[serde(default, rename = "section")]
    #[schemars(with = "Vec<SectionFile>")]
    pub sections: Vec<Spanned<SectionFile>>,
}

/// One section of a handout ([[section]]).
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SectionFile {
    /// Required. causes | prevention | self-care | warning-signs | treatments | text | notes
    #[schemars(with = "SectionKind")]
    pub kind: Spanned<SectionKind>,
    /// Optional: each kind has a default per language.
    #[schemars(with = "Option<String>")]
    pub heading: Option<Spanned<String>>,
    /// Optional paragraph(s) before the items.
    #[schemars(with = "Option<String>")]
    pub intro: Option<Spanned<String>>,
    /// Optional: numbered or bullets; default per kind.
    #[schemars(with = "Option<ListStyle>")]
    pub style: Option<Spanned<ListStyle>>,
    /// Optional: a bundled pictogram beside the heading (`handout icons` lists them).
    #[schemars(with = "Option<String>")]
    pub icon: Option<Spanned<String>>,
    /// For kind = "notes": how many ruled lines to write on, 1 to 20; default 5.
    #[schemars(with = "Option<u8>", extend("minimum" = 1, "maximum" = 20, "default" = 5))]
    pub lines: Option<Spanned<i64>>,
    /// The section's items ([[section.item]]).
    #[serde(default, rename = "item")]
    #[schemars(with = "Vec<ItemFile>")]
    pub items: Vec<Spanned<ItemFile>>,
}

/// One item of a section ([[section.item]]): title and/or text, at least one.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemFile {
    /// The item's title, drawn in bold; title and/or text, at least one.
    #[schemars(with = "Option<String>")]
    pub title: Option<Spanned<String>>,
    /// The item's text; title and/or text, at least one.
    #[schemars(with = "Option<String>")]
    pub text: Option<Spanned<String>>,
    /// Optional picture (PNG/JPEG) beside the text, relative to this file.
    #[schemars(with = "Option<String>")]
    pub image: Option<Spanned<String>>,
    /// Alternative text for the picture; required with image.
    #[schemars(with = "Option<String>")]
    pub image_alt: Option<Spanned<String>>,
    /// Optional: a bundled pictogram beside the title (`handout icons` lists them).
    #[schemars(with = "Option<String>")]
    pub icon: Option<Spanned<String>>,
    /// What the pictogram shows, for an item without a title (where it stands
    /// alone); default its English name in an English handout.
    #[schemars(with = "Option<String>")]
    pub icon_alt: Option<Spanned<String>>,
}

/// What a section is about: causes | prevention | self-care | warning-signs |
/// treatments | text | notes (ruled lines to write on).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum SectionKind {
    Causes,
    Prevention,
    SelfCare,
    WarningSigns,
    Treatments,
    Text,
    Notes,
}

/// How a section's items are listed: numbered | bullets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ListStyle {
    Numbered,
    Bullets,
}
