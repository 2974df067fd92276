//! The language tag an editor probably meant when a handout's `language` is
//! not one the tool knows: country codes, three-letter codes and names are
//! the usual slips (`sp` for Spanish, `cn` for Chinese).

/// Common wrong tags (lowercase) and the tag each one means.
const MEANT: &[(&str, &str)] = &[
    ("sp", "es"),
    ("spa", "es"),
    ("esp", "es"),
    ("spanish", "es"),
    ("español", "es"),
    ("espanol", "es"),
    ("mx", "es"),
    ("eng", "en"),
    ("english", "en"),
    ("us", "en"),
    ("uk", "en"),
    ("gb", "en"),
    ("en-us", "en"),
    ("cn", "zh-Hans"),
    ("ch", "zh-Hans"),
    ("chi", "zh-Hans"),
    ("zho", "zh-Hans"),
    ("chinese", "zh-Hans"),
    ("zh", "zh-Hans"),
    ("zh-cn", "zh-Hans"),
    ("tw", "zh-Hant"),
    ("hk", "zh-Hant"),
    ("zh-tw", "zh-Hant"),
    ("zh-hk", "zh-Hant"),
    ("vn", "vi"),
    ("vie", "vi"),
    ("vietnamese", "vi"),
    ("rus", "ru"),
    ("russian", "ru"),
    ("ara", "ar"),
    ("arabic", "ar"),
    ("kr", "ko"),
    ("kor", "ko"),
    ("korean", "ko"),
    ("ko-kr", "ko"),
    ("tag", "tl"),
    ("tgl", "tl"),
    ("ph", "tl"),
    ("tagalog", "tl"),
    ("filipino", "tl"),
    ("hat", "ht"),
    ("haitian", "ht"),
    ("creole", "ht"),
    ("kreyol", "ht"),
    ("kreyòl", "ht"),
    ("fre", "fr"),
    ("fra", "fr"),
    ("french", "fr"),
    ("pol", "pl"),
    ("polish", "pl"),
    ("por", "pt"),
    ("br", "pt"),
    ("portuguese", "pt"),
    ("ita", "it"),
    ("italian", "it"),
    ("ger", "de"),
    ("deu", "de"),
    ("german", "de"),
    ("jp", "ja"),
    ("jpn", "ja"),
    ("japanese", "ja"),
    ("per", "fa"),
    ("fas", "fa"),
    ("ir", "fa"),
    ("farsi", "fa"),
    ("persian", "fa"),
];

/// The built-in language `tag` was probably meant as, if it is a known slip.
pub fn meant(tag: &str) -> Option<&'static str> {
    let tag = tag.trim().to_lowercase();
    MEANT
        .iter()
        .find(|(wrong, _)| *wrong == tag)
        .map(|(_, right)| *right)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slips_find_their_language() {
        assert_eq!(meant("sp"), Some("es"));
        assert_eq!(meant("Chinese"), Some("zh-Hans"));
        assert_eq!(meant("pt"), None);
        assert_eq!(meant("jp"), Some("ja"));
        assert_eq!(meant("Farsi"), Some("fa"));
    }
}
