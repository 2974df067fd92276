//! The raw shape of a handout file (handouts/NAME.toml), as SPEC.md describes it.

use super::Spanned;
use serde::Deserialize;
use toml::value::Datetime;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HandoutFile {
    pub title: Spanned<String>,
    pub subtitle: Option<Spanned<String>>,
    pub language: Option<Spanned<String>>,
    pub reviewed: Spanned<Datetime>,
    pub next_review: Option<Spanned<Datetime>>,
    pub summary: Option<Spanned<String>>,
    pub closing: Option<Spanned<String>>,
    #[serde(default)]
    pub keywords: Vec<Spanned<String>>,
    pub translation_of: Option<Spanned<String>>,
    pub source_reviewed: Option<Spanned<Datetime>>,
    #[serde(default, rename = "section")]
    pub sections: Vec<Spanned<SectionFile>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionFile {
    pub kind: Spanned<SectionKind>,
    pub heading: Option<Spanned<String>>,
    pub intro: Option<Spanned<String>>,
    pub style: Option<Spanned<ListStyle>>,
    #[serde(default, rename = "item")]
    pub items: Vec<Spanned<ItemFile>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemFile {
    pub title: Option<Spanned<String>>,
    pub text: Option<Spanned<String>>,
    pub image: Option<Spanned<String>>,
    pub image_alt: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SectionKind {
    Causes,
    Prevention,
    SelfCare,
    WarningSigns,
    Treatments,
    Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ListStyle {
    Numbered,
    Bullets,
}
