//! Which language a passage is written in, told from its letters and its
//! commonest words: enough to notice a clinic's English disclaimer on a
//! Spanish handout, for the editor (a warning) and for screen readers
//! (the passage's /Lang).

/// Words that mark a text as written in one of the built-in languages with
/// Latin letters; other scripts are told apart by their letters.
const MARKERS: [(&str, &[&str]); 3] = [
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
];

/// The language `text` is clearly written in, when that is not `primary`
/// (the primary subtag of the document's language).
pub fn other_than(text: &str, primary: &str) -> Option<&'static str> {
    guess(text).filter(|written| *written != primary)
}

/// The built-in language a text is written in, when it is clear.
fn guess(text: &str) -> Option<&'static str> {
    let letters =
        |range: std::ops::RangeInclusive<char>| text.chars().filter(|c| range.contains(c)).count();
    for (language, range) in [
        ("zh", '\u{4e00}'..='\u{9fff}'),
        ("ru", '\u{0400}'..='\u{04ff}'),
        ("ar", '\u{0600}'..='\u{06ff}'),
    ] {
        if letters(range) * 2 > text.chars().filter(|c| c.is_alphabetic()).count() {
            return Some(language);
        }
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
