//! Which language a passage is written in, told from its letters and its
//! commonest words: enough to notice a clinic's English disclaimer on a
//! Spanish handout, for the editor (a warning) and for screen readers
//! (the passage's /Lang).

/// Words that mark a text as written in one of the built-in languages with
/// Latin letters: common short words, each frequent in its language and rare
/// in the others; other scripts are told apart by their letters.
const MARKERS: [(&str, &[&str]); 10] = [
    (
        "en",
        &[
            "the", "and", "of", "you", "your", "is", "not", "for", "this", "with",
        ],
    ),
    (
        "es",
        &[
            "el", "la", "los", "las", "de", "y", "que", "no", "su", "para", "con", "es",
        ],
    ),
    (
        "vi",
        &[
            "và", "của", "không", "là", "này", "cho", "bạn", "với", "được",
        ],
    ),
    (
        "fr",
        &[
            "le", "les", "des", "et", "est", "pas", "vous", "votre", "une", "du", "au", "dans",
        ],
    ),
    (
        "de",
        &[
            "der", "die", "das", "und", "ist", "nicht", "sie", "ihr", "ihre", "ein", "eine", "mit",
            "zu", "den",
        ],
    ),
    (
        "it",
        &[
            "il", "di", "che", "non", "per", "gli", "della", "del", "è", "sono", "può", "suo",
        ],
    ),
    (
        "pt",
        &[
            "o", "os", "do", "da", "dos", "das", "não", "em", "um", "seu", "sua", "você", "é", "ao",
        ],
    ),
    (
        "pl",
        &[
            "i", "w", "na", "nie", "się", "z", "jest", "to", "że", "lub", "jeśli", "od", "ani",
            "pod", "dla", "oraz", "jak",
        ],
    ),
    (
        "tl",
        &[
            "ang", "ng", "mga", "sa", "at", "ay", "ito", "kung", "hindi", "mo", "iyong", "na",
        ],
    ),
    (
        "ht",
        &[
            "ou", "nan", "ak", "pou", "se", "li", "pa", "yo", "ki", "gen", "w", "lè",
        ],
    ),
];

/// The language `text` is clearly written in, when that is not `primary`
/// (the primary subtag of the document's language). Japanese writes with
/// Han characters too, so Han alone is not other than Japanese.
pub fn other_than(text: &str, primary: &str) -> Option<&'static str> {
    guess(text).filter(|written| *written != primary && !(*written == "zh" && primary == "ja"))
}

/// The built-in language a text is written in, when it is clear.
fn guess(text: &str) -> Option<&'static str> {
    let count =
        |within: &dyn Fn(u32) -> bool| text.chars().filter(|c| within(u32::from(*c))).count();
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let kana = count(&|c| matches!(c, 0x3040..=0x30FF | 0x31F0..=0x31FF));
    let hangul = count(&|c| matches!(c, 0x1100..=0x11FF | 0x3130..=0x318F | 0xAC00..=0xD7AF));
    let han = count(&|c| matches!(c, 0x4E00..=0x9FFF));
    let arabic = count(&|c| matches!(c, 0x0600..=0x06FF));
    let cyrillic = count(&|c| matches!(c, 0x0400..=0x04FF));
    if hangul * 2 > letters {
        return Some("ko");
    }
    // Japanese mixes kana with kanji; Chinese has no kana.
    if kana > 0 && (kana + han) * 2 > letters {
        return Some("ja");
    }
    if han * 2 > letters {
        return Some("zh");
    }
    if cyrillic * 2 > letters {
        return Some("ru");
    }
    if arabic * 2 > letters {
        return arabic_script(text);
    }
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphabetic()).collect();
    let score = |markers: &[&str]| words.iter().filter(|w| markers.contains(w)).count();
    let mut scores: Vec<(usize, &str)> = MARKERS.iter().map(|(l, m)| (score(m), *l)).collect();
    scores.sort();
    match scores.as_slice() {
        [.., (second, _), (best, language)] if *best >= 3 && *best >= 2 * *second => Some(language),
        _ => None,
    }
}

/// Persian or Arabic, told by the letters only one of them writes: Persian
/// پ چ ژ گ and its own forms of kaf and yeh (ک ی), Arabic's ك ي and ة.
/// Neither when a passage has none of them.
fn arabic_script(text: &str) -> Option<&'static str> {
    let has = |letters: &str| text.chars().any(|c| letters.contains(c));
    match (has("پچژگکی"), has("كية")) {
        (true, false) => Some("fa"),
        (false, true) => Some("ar"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every built-in table's words read as its own language, or as none.
    #[test]
    fn built_in_words_read_as_their_own_language() {
        for (tag, words) in [
            ("es", include_str!("../model/words/es.toml")),
            ("en", include_str!("../model/words/en.toml")),
            ("vi", include_str!("../model/words/vi.toml")),
            ("zh", include_str!("../model/words/zh-Hans.toml")),
            ("ru", include_str!("../model/words/ru.toml")),
            ("ar", include_str!("../model/words/ar.toml")),
            ("ko", include_str!("../model/words/ko.toml")),
            ("tl", include_str!("../model/words/tl.toml")),
            ("ht", include_str!("../model/words/ht.toml")),
            ("fr", include_str!("../model/words/fr.toml")),
            ("pl", include_str!("../model/words/pl.toml")),
            ("pt", include_str!("../model/words/pt.toml")),
            ("it", include_str!("../model/words/it.toml")),
            ("de", include_str!("../model/words/de.toml")),
            ("ja", include_str!("../model/words/ja.toml")),
            ("fa", include_str!("../model/words/fa.toml")),
        ] {
            let table: toml::Table = toml::from_str(words).unwrap();
            let disclaimer = table["disclaimer"].as_str().unwrap();
            assert_eq!(guess(disclaimer), Some(tag), "{tag}: {disclaimer}");
            for (key, value) in &table {
                let Some(text) = value.as_str() else { continue };
                let read = other_than(text, tag);
                assert_eq!(read, None, "{tag}: {key} reads as {read:?}");
            }
        }
    }

    #[test]
    fn scripts_and_words_tell_languages_apart() {
        let en = "Rest your back for a day or two. Walk a little each day, and call us if the pain is not better.";
        assert_eq!(other_than(en, "ko"), Some("en"));
        assert_eq!(other_than("허리를 쉬게 하세요.", "ko"), None);
        assert_eq!(other_than("腰を休めてください。", "ja"), None);
        assert_eq!(other_than("腰痛", "ja"), None, "Han alone may be Japanese");
        assert_eq!(other_than("腰を休めてください。", "zh"), Some("ja"));
        assert_eq!(other_than("کمر خود را استراحت دهید.", "ar"), Some("fa"));
        assert_eq!(other_than("العلاج", "fa"), None, "no letter of either alone");
        assert_eq!(
            other_than("أرح ظهرك لمدة يوم أو يومين في المنزل.", "fa"),
            Some("ar")
        );
        let fr = "Reposez votre dos pendant un jour ou deux. Marchez un peu chaque jour et appelez-nous si la douleur ne passe pas.";
        assert_eq!(other_than(fr, "es"), Some("fr"));
    }
}
