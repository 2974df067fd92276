//! The raw shape of a `[words]` table: the words the tool prints itself, in
//! the handout's language. The built-in tables (src/model/words/*.toml) have
//! the same shape.

use super::Spanned;
use schemars::JsonSchema;
use serde::Deserialize;

/// The words handout prints itself (headings, footer, dates). Built in for
/// the fifteen languages of docs/languages.md, where any may be overridden; a
/// handout in another language sets them all. Words in braces are filled in.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WordsFile {
    /// Default heading of a `causes` section ("What causes it").
    #[schemars(with = "Option<String>")]
    pub causes: Option<Spanned<String>>,
    /// Default heading of a `prevention` section ("How to prevent it").
    #[schemars(with = "Option<String>")]
    pub prevention: Option<Spanned<String>>,
    /// Default heading of a `self-care` section ("What you can do at home").
    #[schemars(with = "Option<String>")]
    pub self_care: Option<Spanned<String>>,
    /// Default heading of a `warning-signs` section ("When to get help right away").
    #[schemars(with = "Option<String>")]
    pub warning_signs: Option<Spanned<String>>,
    /// Default heading of a `treatments` section ("Treatments at {clinic}").
    #[schemars(with = "Option<String>")]
    pub treatments: Option<Spanned<String>>,
    /// Default heading of a `text` section ("More information").
    #[schemars(with = "Option<String>")]
    pub text: Option<Spanned<String>>,
    /// The review date in the footer ("Reviewed {date}").
    #[schemars(with = "Option<String>")]
    pub reviewed: Option<Spanned<String>>,
    /// The page number in the footer ("Page {page} of {pages}").
    #[schemars(with = "Option<String>")]
    pub page: Option<Spanned<String>>,
    /// Heading of the contact box ("Contact us").
    #[schemars(with = "Option<String>")]
    pub contact: Option<Spanned<String>>,
    /// The booking address in the contact box ("Book online: {address}").
    #[schemars(with = "Option<String>")]
    pub book_online: Option<Spanned<String>>,
    /// Caption under the booking QR code ("Scan to book").
    #[schemars(with = "Option<String>")]
    pub scan_to_book: Option<Spanned<String>>,
    /// A patient's copy ("Prepared for {name}, {date}").
    #[schemars(with = "Option<String>")]
    pub prepared_for: Option<Spanned<String>>,
    /// Heading of a clinician's note ("A note from your care team").
    #[schemars(with = "Option<String>")]
    pub note: Option<Spanned<String>>,
    /// The disclaimer on the last page, unless clinic.toml sets one.
    #[schemars(with = "Option<String>")]
    pub disclaimer: Option<Spanned<String>>,
    /// Heading of the key points box ("Key points").
    #[schemars(with = "Option<String>")]
    pub key_points: Option<Spanned<String>>,
    /// Default heading of a `notes` section ("Questions for your care team").
    #[schemars(with = "Option<String>")]
    pub notes: Option<Spanned<String>>,
    /// The translations a library holds ("Also available in: {languages}, ...").
    #[schemars(with = "Option<String>")]
    pub also_available: Option<Spanned<String>>,
    /// The language's name in itself ("English", "Español"), for other
    /// leaflets' "also available" lines.
    #[schemars(with = "Option<String>")]
    pub language_name: Option<Spanned<String>>,
    /// What a screen reader hears before the warning-signs box of the web
    /// page ("Urgent advice:").
    #[schemars(with = "Option<String>")]
    pub urgent: Option<Spanned<String>>,
    /// The twelve month names, January first.
    #[schemars(with = "Option<[String; 12]>")]
    pub months: Option<Spanned<Vec<String>>>,
    /// A month, as the review date is printed ("{month} {year}"; also {mm}).
    #[schemars(with = "Option<String>")]
    pub month_year: Option<Spanned<String>>,
    /// A day ("{month} {day}, {year}"; also {dd} and {mm}, two digits).
    #[schemars(with = "Option<String>")]
    pub date: Option<Spanned<String>>,
    /// The ten digits, zero first, that dates and page numbers are written
    /// in ("۰۱۲۳۴۵۶۷۸۹" for Persian); 0 to 9 when not set.
    #[schemars(with = "Option<String>")]
    pub digits: Option<Spanned<String>>,
}
