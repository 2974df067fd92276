//! The raw shape of a clinic profile (clinic.toml), as SPEC.md describes it.

use super::Spanned;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClinicFile {
    pub name: Spanned<String>,
    pub logo: Option<Spanned<String>>,
    pub logo_alt: Option<Spanned<String>>,
    pub phone: Option<Spanned<String>>,
    pub email: Option<Spanned<String>>,
    pub website: Option<Spanned<String>>,
    pub address: Option<Spanned<String>>,
    pub booking_url: Option<Spanned<String>>,
    pub disclaimer: Option<Spanned<String>>,
    #[serde(default)]
    pub colors: ColorsFile,
    pub fonts: Spanned<FontsFile>,
    #[serde(default)]
    pub page: PageFile,
    #[serde(default)]
    pub policy: PolicyFile,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColorsFile {
    pub primary: Option<Spanned<String>>,
    pub accent: Option<Spanned<String>>,
    pub warning: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FontsFile {
    pub regular: Spanned<String>,
    pub bold: Option<Spanned<String>>,
    pub italic: Option<Spanned<String>>,
    pub bold_italic: Option<Spanned<String>>,
    #[serde(default)]
    pub fallback: Vec<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageFile {
    pub paper: Option<Spanned<Paper>>,
    pub body_size: Option<Spanned<f64>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    Letter,
    A4,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicyFile {
    pub max_grade: Option<Spanned<f64>>,
    pub review_months: Option<Spanned<u32>>,
}
