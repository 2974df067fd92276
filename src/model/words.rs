//! The words the tool prints itself, per language. English is built in.

use super::SectionKind;

pub struct Words {
    pub causes: &'static str,
    pub prevention: &'static str,
    pub self_care: &'static str,
    pub warning_signs: &'static str,
    /// Followed by the clinic's name.
    pub treatments_at: &'static str,
    pub text: &'static str,
    pub reviewed: &'static str,
    pub page: &'static str,
    pub of: &'static str,
    pub contact: &'static str,
    pub book_online: &'static str,
    pub scan_to_book: &'static str,
    pub prepared_for: &'static str,
    pub note: &'static str,
    pub disclaimer: &'static str,
}

pub const ENGLISH: Words = Words {
    causes: "What causes it",
    prevention: "How to prevent it",
    self_care: "What you can do at home",
    warning_signs: "When to get help right away",
    treatments_at: "Treatments at",
    text: "More information",
    reviewed: "Reviewed",
    page: "Page",
    of: "of",
    contact: "Contact us",
    book_online: "Book online",
    scan_to_book: "Scan to book",
    prepared_for: "Prepared for",
    note: "A note from your care team",
    disclaimer: "This leaflet gives general information. It does not replace advice from your \
                 doctor or care team about your own health. In an emergency, call 911.",
};

impl Words {
    /// The words for a BCP 47 language tag.
    pub fn for_language(_language: &str) -> &'static Words {
        &ENGLISH
    }

    pub fn default_heading(&self, kind: SectionKind, clinic: &str) -> String {
        match kind {
            SectionKind::Causes => self.causes.into(),
            SectionKind::Prevention => self.prevention.into(),
            SectionKind::SelfCare => self.self_care.into(),
            SectionKind::WarningSigns => self.warning_signs.into(),
            SectionKind::Treatments => format!("{} {clinic}", self.treatments_at),
            SectionKind::Text => self.text.into(),
        }
    }
}
