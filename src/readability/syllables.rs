//! Syllable counting: the CMUdict table in `data/syllables.txt`, then rules.
//!
//! The table holds only the CMUdict words whose count the rules below get
//! wrong (about 7% of the dictionary), so together they give the CMUdict
//! count for every dictionary word and a rule-based guess for the rest.
//! `data/make-syllables.py` builds the table with a Python copy of these
//! rules: change both together and regenerate.

use std::sync::LazyLock;

/// The exceptions table's entries: lines of "word count", sorted by word,
/// found once past the file's comment lines.
static ENTRIES: LazyLock<&str> = LazyLock::new(|| {
    let mut text = include_str!("../../data/syllables.txt");
    while let Some(comment) = text.strip_prefix('#') {
        text = comment.split_once('\n').map_or("", |(_, rest)| rest);
    }
    text
});

/// CMUdict's count for `word` when the rules get it wrong. The sorted text
/// is halved until the word's line is found: nothing is built or allocated
/// (a map of the 8,700 words cost a build as much as counting a handout).
fn lookup(word: &str) -> Option<u8> {
    let entries: &str = &ENTRIES;
    let text = entries.as_bytes();
    // Whole lines in text[low..high] are still to be searched. The halving
    // lands on any byte; line ends and spaces are ASCII, so the text can be
    // cut as a string at them.
    let (mut low, mut high) = (0, text.len());
    while low < high {
        let middle = (low + high) / 2;
        let start = text[low..middle]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(low, |at| low + at + 1);
        let end = middle + text[middle..].iter().position(|&b| b == b'\n')?;
        let (entry, count) = entries[start..end].split_once(' ')?;
        match entry.cmp(word) {
            std::cmp::Ordering::Equal => return count.parse().ok(),
            std::cmp::Ordering::Less => low = end + 1,
            std::cmp::Ordering::Greater => high = start,
        }
    }
    None
}

/// Syllables in one word ("isn't", "15-20", "patient's").
///
/// Letters are counted as CMUdict says (vowel sounds of the first
/// pronunciation) and, for words not in it, by rule. Case does not matter.
/// Parts joined by hyphens or dots are counted apart and added up
/// ("well-known" = 2); a group of digits counts as one syllable ("15-20" = 2,
/// "1.5" = 2), with an ordinal or plural ending ("3rd", "1990s") part of it.
/// A possessive 's adds a syllable only after a hissing sound ("boss's").
pub fn syllables(word: &str) -> usize {
    let mut total = 0;
    let mut after_digits = false;
    let mut letters = String::new();
    for (kind, text) in runs(word) {
        match kind {
            Kind::Digit => total += 1,
            Kind::Letter => {
                letters.clear();
                letters.extend(text.chars().filter_map(fold));
                let ending = matches!(letters.as_str(), "st" | "nd" | "rd" | "th" | "s" | "'s");
                if !(after_digits && ending) && letters.bytes().any(|b| b != b'\'') {
                    total += letter_syllables(&letters);
                }
            }
            Kind::Other => {}
        }
        after_digits = kind == Kind::Digit;
    }
    total
}

/// What a character is to [`syllables`]: hyphens, dots and the like only
/// separate the parts of a word.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Digit,
    /// Letters and apostrophes.
    Letter,
    Other,
}

fn kind(c: char) -> Kind {
    if c.is_numeric() {
        Kind::Digit
    } else if c.is_alphabetic() || c == '\'' || c == '’' {
        Kind::Letter
    } else {
        Kind::Other
    }
}

/// The longest stretches of characters of one kind in a word, in order.
fn runs(word: &str) -> impl Iterator<Item = (Kind, &str)> {
    let mut rest = word;
    std::iter::from_fn(move || {
        let first = kind(rest.chars().next()?);
        let end = rest.find(|c| kind(c) != first).unwrap_or(rest.len());
        let (run, tail) = rest.split_at(end);
        rest = tail;
        Some((first, run))
    })
}

/// Lower-cases a letter to the ASCII the rules know: accented Latin vowels
/// lose their accent (naïve, anæmia), the typographic apostrophe becomes '\'',
/// and other letters are dropped.
fn fold(c: char) -> Option<char> {
    let c = c.to_lowercase().next()?;
    Some(match c {
        'a'..='z' | '\'' => c,
        '’' => '\'',
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'è' | 'é' | 'ê' | 'ë' | 'æ' | 'œ' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ý' | 'ÿ' => 'y',
        'ç' => 'c',
        'ñ' => 'n',
        'ß' => 's',
        _ => return None,
    })
}

/// A lower-case ASCII word with apostrophes: the table, else the rules.
fn letter_syllables(word: &str) -> usize {
    lookup(word).map_or_else(|| fallback(word.as_bytes()), usize::from)
}

// The rules below mirror `fallback` in data/make-syllables.py rule by rule.

const SIBILANT_ENDS: [&[u8]; 9] = [b"s", b"x", b"z", b"ch", b"sh", b"ce", b"ge", b"se", b"ze"];

/// Suffixes before which a stem's final e is silent: lately, careless, statement.
const E_SUFFIXES: [&[u8]; 12] = [
    b"ly", b"ful", b"fully", b"less", b"lessly", b"ness", b"ment", b"ments", b"man", b"men",
    b"woman", b"women",
];

/// Syllables of a lower-case word of ASCII letters and apostrophes, by rule.
pub(super) fn fallback(word: &[u8]) -> usize {
    let letters = |w: &[u8]| {
        w.iter()
            .copied()
            .filter(|&b| b != b'\'')
            .collect::<Vec<u8>>()
    };
    match word.strip_suffix(b"'s") {
        // boss's adds a syllable, cat's does not.
        Some(stem) => core(&letters(stem)) + usize::from(ends_with_any(stem, &SIBILANT_ENDS)),
        None => core(&letters(word)),
    }
}

/// Syllables of a lower-case word of ASCII letters: vowel groups, corrected
/// for silent and syllabic endings.
fn core(w: &[u8]) -> usize {
    let size = w.len();
    let mut silent = 0;
    if silent_final_e(w) {
        silent += 1;
    } else if size > 3
        && w.ends_with(b"es")
        && is_consonant(w, size - 3)
        && !ends_with_any(
            w,
            &[b"ses", b"xes", b"zes", b"ches", b"shes", b"ces", b"ges"],
        )
        && !syllabic_l_or_r(w, size - 2)
    {
        silent += 1; // makes, but boxes, faces, tables, acres
    } else if size > 3
        && w.ends_with(b"ed")
        && is_consonant(w, size - 3)
        && !matches!(w[size - 3], b't' | b'd')
        && !syllabic_l_or_r(w, size - 2)
    {
        silent += 1; // walked, called, but needed, tabled
    } else if E_SUFFIXES
        .iter()
        .any(|s| w.ends_with(s) && silent_final_e(&w[..size - s.len()]))
    {
        silent += 1;
    }
    if size > 4 && ends_with_any(w, &[b"que", b"gue"]) {
        silent += 1; // unique, fatigue: the u is silent too
    }
    if w.ends_with(b"ically") {
        silent += 1; // basically: -ic-ly
    }
    // The m is syllabic: autism, spasm.
    let syllabic_m = ends_with_any(w, &[b"ism", b"isms", b"asm", b"asms", b"ysm", b"ysms"]);
    (vowel_groups(w) + usize::from(syllabic_m))
        .saturating_sub(silent)
        .max(1)
}

fn vowel_groups(w: &[u8]) -> usize {
    let mut n = 0;
    let mut prev = false;
    for i in 0..w.len() {
        let vowel = is_vowel(w, i);
        if vowel && (!prev || hiatus(w, i)) {
            n += 1;
        }
        prev = vowel;
    }
    n
}

fn is_aeiou(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// a e i o u, and y unless it starts a syllable (yes, player).
fn is_vowel(w: &[u8], i: usize) -> bool {
    match w[i] {
        b'a' | b'e' | b'i' | b'o' | b'u' => true,
        b'y' => {
            let next_is_vowel = w.get(i + 1).is_some_and(|&b| is_aeiou(b));
            let after_vowel = i > 0 && is_aeiou(w[i - 1]);
            !(next_is_vowel && (i == 0 || after_vowel))
        }
        _ => false,
    }
}

fn is_consonant(w: &[u8], i: usize) -> bool {
    i < w.len() && !is_vowel(w, i)
}

/// Two adjacent vowels `w[i - 1]`, `w[i]` that belong to different syllables.
fn hiatus(w: &[u8], i: usize) -> bool {
    let (a, b) = (w[i - 1], w[i]);
    let (before, after) = (&w[..i - 1], &w[i + 1..]);
    match (a, b) {
        (b'i', b'a' | b'o' | b'u') => {
            if b == b'a' && after.starts_with(b"t") {
                return true; // associate, initiate
            }
            // After t, c, s, x, g, sh the i of -ia, -ion, -ious only softens the
            // consonant (special, nation, religious, fashion), but physiotherapy,
            // ratio, calcium split.
            if ends_with_any(before, &[b"t", b"c", b"s", b"x", b"g", b"sh"])
                && (b == b'a' || after.starts_with(b"n") || after.starts_with(b"u"))
            {
                return false;
            }
            !(b == b'o' && ends_with_any(before, &[b"n", b"ll"])) // union, million
        }
        // easier, earliest, diet
        (b'i', b'e') => matches!(after, b"r" | b"rs" | b"st" | b"t" | b"ts"),
        // flyer, embryo; video, neon, geology
        (b'y', _) | (b'e', b'o') => true,
        // actual, duo; but quality, guard
        (b'u', b'a' | b'o') => !ends_with_any(before, &[b"q", b"g"]),
        // fluent, cruel; but blue, blues, continued, queen, guess
        (b'u', b'e') => {
            !ends_with_any(before, &[b"q", b"g"])
                && !matches!(after, b"" | b"s" | b"d")
                && !is_aeiou(after[0])
        }
        // area, idea; but sea, tea
        (b'e', b'a') if after.is_empty() => (0..i - 1).any(|j| is_vowel(w, j)),
        // being, going, saying
        _ => b == b'i' && after.starts_with(b"ng"),
    }
}

/// `w[..end]` ends in consonant + l or r, as in table, acre (not ll, rr, wl).
fn syllabic_l_or_r(w: &[u8], end: usize) -> bool {
    end >= 2
        && matches!(w[end - 1], b'l' | b'r')
        && is_consonant(w, end - 2)
        && !matches!(w[end - 2], b'l' | b'r' | b'w')
}

/// make, bike; but table, acre, the, free.
fn silent_final_e(w: &[u8]) -> bool {
    let n = w.len();
    n > 2 && w.ends_with(b"e") && is_consonant(w, n - 2) && !syllabic_l_or_r(w, n - 1)
}

fn ends_with_any(w: &[u8], endings: &[&[u8]]) -> bool {
    endings.iter().any(|e| w.ends_with(e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fallback_rules() {
        for (word, count) in [
            ("make", 1),
            ("table", 2),
            ("acre", 2),
            ("makes", 1),
            ("boxes", 2),
            ("walked", 1),
            ("needed", 2),
            ("lately", 2),
            ("statement", 2),
            ("nation", 2),
            ("media", 3),
            ("associate", 4),
            ("video", 3),
            ("actual", 3),
            ("fluent", 2),
            ("continued", 3),
            ("idea", 3),
            ("going", 2),
            ("player", 2),
            ("flyer", 2),
            ("autism", 3),
            ("unique", 2),
            ("basically", 3),
            ("boss's", 2),
            ("cat's", 1),
            ("hmm", 1),
        ] {
            assert_eq!(fallback(word.as_bytes()), count, "{word}");
        }
    }

    #[test]
    fn table_holds_only_exceptions() {
        let mut previous = "";
        for line in ENTRIES.lines() {
            let (word, count) = line.split_once(' ').unwrap();
            let count: u8 = count.parse().unwrap();
            assert!(
                previous < word,
                "{previous} before {word}: the halving needs order"
            );
            assert_ne!(fallback(word.as_bytes()), usize::from(count), "{word}");
            assert_eq!(lookup(word), Some(count), "{word}");
            previous = word;
        }
        assert!(ENTRIES.lines().count() > 8_000);
        for absent in ["", "a", "cat", "zzzz", "aaa'"] {
            assert_eq!(lookup(absent), None, "{absent}");
        }
    }
}
