//! How a handout's language is written: its direction, the language its
//! glyph forms follow, and the font family that sets it.

use super::cjk::PunctStyle;
use harfrust::Language;

#[derive(Debug, Clone)]
pub struct Writing {
    /// Right to left (Arabic, Hebrew, Persian, Urdu): lines are set from the
    /// right edge and the page is laid out as a mirror image.
    pub rtl: bool,
    /// For language-specific glyph forms (`locl`), such as Traditional
    /// Chinese forms from a face drawn for Simplified.
    pub language: Option<Language>,
    /// Index of the font family the text is set in (see `FontSet::families_for`).
    pub family: usize,
    /// Index of the family for the letters `family` lacks, tried before the
    /// other fallbacks (see `FontSet::families_for`); 0 for none.
    pub script: usize,
    /// The language subtag, lower-cased: "es" for "es-MX".
    pub primary: String,
    /// Chinese and Japanese: set on the character grid, with punctuation
    /// of this style (see `cjk`).
    pub cjk: Option<PunctStyle>,
}

/// The subtags of a BCP 47 tag, lower-cased: "zh-Hant-TW" → zh, hant, tw.
pub fn subtags(tag: &str) -> Vec<String> {
    tag.split(['-', '_']).map(str::to_ascii_lowercase).collect()
}

/// Languages written right to left, by primary subtag.
const RTL_LANGUAGES: [&str; 9] = ["ar", "he", "fa", "ur", "yi", "ps", "sd", "ug", "dv"];

impl Writing {
    /// How text in the BCP 47 language `tag` is written, in `family`.
    pub fn new(tag: &str, family: usize) -> Writing {
        let subtags = subtags(tag);
        let primary = subtags.first().cloned().unwrap_or_default();
        let script = subtags.iter().skip(1).find(|s| s.len() == 4);
        let rtl = match script.map(String::as_str) {
            Some("arab" | "hebr" | "thaa" | "syrc" | "nkoo" | "adlm") => true,
            Some(_) => false,
            None => RTL_LANGUAGES.contains(&primary.as_str()),
        };
        Writing {
            rtl,
            language: tag.parse().ok(),
            family,
            script: 0,
            cjk: PunctStyle::of(&subtags),
            primary,
        }
    }

    /// With `script` the family for letters of other scripts.
    pub fn with_script(self, script: usize) -> Writing {
        Writing { script, ..self }
    }
}

#[cfg(test)]
mod tests {
    use super::Writing;

    #[test]
    fn direction_follows_the_language_and_its_script() {
        assert!(Writing::new("ar", 0).rtl);
        assert!(Writing::new("ar-EG", 0).rtl);
        assert!(Writing::new("fa", 0).rtl);
        assert!(!Writing::new("en", 0).rtl);
        assert!(!Writing::new("zh-Hant", 0).rtl);
        // Azerbaijani in Latin letters, and in Arabic ones.
        assert!(!Writing::new("az-Latn", 0).rtl);
        assert!(Writing::new("az-Arab", 0).rtl);
    }
}
