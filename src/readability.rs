//! Readability of handout text: Flesch-Kincaid grade, SMOG grade and Flesch
//! reading ease, with the hardest sentences for the `check` report.
//!
//! Text is measured in *units*: every title, heading and list item is a
//! sentence of its own, full stop or not, and a paragraph is split into
//! sentences at `.`, `!` and `?`. Syllables come from CMUdict with a
//! rule-based fallback. docs/readability.md explains the choices.

pub mod spanish;
mod syllables;

pub use self::syllables::syllables;

/// SMOG was calibrated on samples of 30 sentences; fewer make it unreliable,
/// which a report should say.
pub const SMOG_SENTENCES: usize = 30;

/// Sentences shorter than this are not named among the hardest.
const MIN_HARDEST_WORDS: usize = 6;

/// Counts for a run of text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub words: usize,
    pub sentences: usize,
    pub syllables: usize,
    /// Words of three syllables or more.
    pub polysyllables: usize,
}

impl std::ops::Add for Counts {
    type Output = Counts;

    fn add(self, other: Counts) -> Counts {
        Counts {
            words: self.words + other.words,
            sentences: self.sentences + other.sentences,
            syllables: self.syllables + other.syllables,
            polysyllables: self.polysyllables + other.polysyllables,
        }
    }
}

impl Counts {
    /// Words per sentence and syllables per word, which every formula
    /// weighs; none for text without words or sentences.
    pub fn rates(&self) -> Option<(f64, f64)> {
        (self.words > 0 && self.sentences > 0).then(|| {
            let words = self.words as f64;
            (words / self.sentences as f64, self.syllables as f64 / words)
        })
    }
}

/// Readability scores of a run of text, from its [`Counts`].
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Scores {
    pub words: usize,
    pub sentences: usize,
    /// US school grade.
    pub flesch_kincaid_grade: f64,
    /// US school grade; see [`SMOG_SENTENCES`].
    pub smog: f64,
    /// 0 (very hard) to 100 (very easy); plain language aims at 60 or more.
    pub flesch_reading_ease: f64,
}

/// Splits a paragraph into sentences, trimmed, at `.`, `!`, `?` or `…`
/// followed by a space or the end (with any closing quotes or brackets).
///
/// A full stop does not end a sentence inside a number (1.5), before a
/// lower-case word ("e.g. ice", "5 p.m. today"), or after a title or an
/// abbreviation that always goes on (Dr., Mr., Mrs., Ms., e.g., i.e., vs.).
/// Pieces without a letter or digit are dropped.
pub fn sentences(paragraph: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut start = 0;
    let mut chars = paragraph.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = chars.peek() {
            if !matches!(
                d,
                '.' | '!' | '?' | '…' | '"' | '\'' | '”' | '’' | ')' | ']'
            ) {
                break;
            }
            end = j + d.len_utf8();
            chars.next();
        }
        let rest = &paragraph[end..];
        let at_break = rest.is_empty() || rest.starts_with(char::is_whitespace);
        if at_break && (c != '.' || full_stop_ends(&paragraph[start..i], rest)) {
            push_sentence(&mut found, &paragraph[start..end]);
            start = end;
        }
    }
    push_sentence(&mut found, &paragraph[start..]);
    found
}

/// Abbreviations (lower case, without the final dot) after which a sentence
/// always goes on.
const NEVER_FINAL: [&str; 11] = [
    "dr", "mr", "mrs", "ms", "prof", "e.g", "i.e", "vs", "cf", "approx", "fig",
];

/// Whether a full stop after `before` and followed by `rest` ends a sentence.
fn full_stop_ends(before: &str, rest: &str) -> bool {
    let last = before.split_whitespace().next_back().unwrap_or("");
    let last = last.trim_start_matches(|c: char| !c.is_alphanumeric());
    if NEVER_FINAL.iter().any(|a| a.eq_ignore_ascii_case(last)) {
        return false;
    }
    // A lower-case word next means an abbreviation such as "etc." or "a.m.".
    !rest.trim_start().starts_with(char::is_lowercase)
}

fn push_sentence<'a>(found: &mut Vec<&'a str>, piece: &'a str) {
    let piece = piece.trim();
    if piece.chars().any(char::is_alphanumeric) {
        found.push(piece);
    }
}

/// Words of a sentence: runs of letters, digits, apostrophes and hyphens
/// ("isn't", "15-20", "well-known"), with a dot joining letters or digits
/// ("1.5", "e.g") and a comma joining digits ("1,500"). Leading and trailing
/// apostrophes and hyphens (quotes, dashes) are not part of a word. Web and
/// email addresses are not words a reader sounds out, so they do not count.
pub fn words(sentence: &str) -> Vec<&str> {
    sentence
        .split_whitespace()
        .filter(|token| !is_address(token))
        .flat_map(words_of_token)
        .collect()
}

/// `https://…`, `www.…` or `name@host`.
fn is_address(token: &str) -> bool {
    let token = token.trim_start_matches(['(', '[', '<', '"', '\'', '“']);
    token.contains("://") || token.starts_with("www.") || token.contains('@')
}

fn words_of_token(sentence: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut start = None;
    let mut prev = ' ';
    let mut chars = sentence.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map_or(' ', |&(_, d)| d);
        let joins = match c {
            '.' => prev.is_alphanumeric() && next.is_alphanumeric(),
            ',' => prev.is_numeric() && next.is_numeric(),
            _ => is_word_char(c),
        };
        match (joins, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                push_word(&mut found, &sentence[s..i]);
                start = None;
            }
            _ => {}
        }
        prev = c;
    }
    if let Some(s) = start {
        push_word(&mut found, &sentence[s..]);
    }
    found
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_joiner(c)
}

/// Apostrophes and hyphens: inside a word, never at its edges.
fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '\u{2010}' | '\u{2011}')
}

fn push_word<'a>(found: &mut Vec<&'a str>, run: &'a str) {
    let word = run.trim_matches(is_joiner);
    if word.chars().any(char::is_alphanumeric) {
        found.push(word);
    }
}

/// Counts a list of units (titles, headings, list items, paragraphs); each is
/// split with [`sentences`], so a unit without a full stop is one sentence.
pub fn counts(units: &[&str]) -> Counts {
    total(&counted(units))
}

/// Each sentence of the units with its own counts. A check counts every
/// sentence once, then adds them up by section and ranks them for the
/// hardest: counting syllables is most of a check's work.
pub fn counted<'a>(units: &[&'a str]) -> Vec<Counted<'a>> {
    counted_with(units, syllables)
}

/// A sentence and its counts.
pub type Counted<'a> = (&'a str, Counts);

/// Sentences with their scores, hardest first.
pub type Ranked<'a> = Vec<(&'a str, f64)>;

/// The counts of counted sentences added up.
pub fn total(counted: &[Counted]) -> Counts {
    counted
        .iter()
        .fold(Counts::default(), |sum, (_, c)| sum + *c)
}

/// [`counted`] with another language's syllable counter.
fn counted_with<'a>(units: &[&'a str], syllables: fn(&str) -> usize) -> Vec<Counted<'a>> {
    units
        .iter()
        .flat_map(|unit| sentences(unit))
        .map(|sentence| {
            let mut one = Counts {
                sentences: 1,
                ..Counts::default()
            };
            for word in words(sentence) {
                let count = syllables(word);
                one.words += 1;
                one.syllables += count;
                one.polysyllables += usize::from(count >= 3);
            }
            (sentence, one)
        })
        .collect()
}

/// Scores from counts; text without words or sentences scores zero.
///
/// - Flesch-Kincaid grade = 0.39 W/S + 11.8 Sy/W − 15.59
/// - SMOG grade = 1.0430 √(P × 30 / S) + 3.1291
/// - Flesch reading ease = 206.835 − 1.015 W/S − 84.6 Sy/W
///
/// (W words, S sentences, Sy syllables, P words of 3+ syllables.)
pub fn scores(c: &Counts) -> Scores {
    let mut scores = Scores {
        words: c.words,
        sentences: c.sentences,
        ..Scores::default()
    };
    let Some((words_per_sentence, syllables_per_word)) = c.rates() else {
        return scores;
    };
    scores.flesch_kincaid_grade = 0.39 * words_per_sentence + 11.8 * syllables_per_word - 15.59;
    scores.smog = 1.0430 * (c.polysyllables as f64 * 30.0 / c.sentences as f64).sqrt() + 3.1291;
    scores.flesch_reading_ease = 206.835 - 1.015 * words_per_sentence - 84.6 * syllables_per_word;
    scores
}

/// The hardest sentences of the units, each with its own Flesch-Kincaid
/// grade, hardest first (ties in text order), at most `n`.
pub fn hardest<'a>(units: &[&'a str], n: usize) -> Ranked<'a> {
    hardest_counted(&counted(units), n)
}

/// [`hardest`] among sentences already counted.
pub fn hardest_counted<'a>(counted: &[Counted<'a>], n: usize) -> Ranked<'a> {
    rank(
        counted,
        n,
        |c| scores(c).flesch_kincaid_grade,
        Hardest::Highest,
    )
}

/// Which end of a scale is hard to read.
enum Hardest {
    /// A grade: the higher, the harder.
    Highest,
    /// An ease score: the lower, the harder.
    Lowest,
}

/// The `n` hardest of the counted sentences worth naming, each with its
/// `score`, hardest first (ties in text order).
fn rank<'a>(
    counted: &[Counted<'a>],
    n: usize,
    score: impl Fn(&Counts) -> f64,
    hardest: Hardest,
) -> Ranked<'a> {
    let mut graded: Ranked<'a> = counted
        .iter()
        // A short heading can score a high grade on one long word, but there
        // is nothing in it to rewrite: rank only sentences an editor can split.
        .filter(|(_, one)| one.words >= MIN_HARDEST_WORDS)
        .map(|(sentence, one)| (*sentence, score(one)))
        .collect();
    match hardest {
        Hardest::Highest => graded.sort_by(|a, b| b.1.total_cmp(&a.1)),
        Hardest::Lowest => graded.sort_by(|a, b| a.1.total_cmp(&b.1)),
    }
    graded.truncate(n);
    graded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_add_up_over_units() {
        let a = ["Rest your back. Walk every day.", "Stretch slowly"];
        let b = ["Call us at once if the pain spreads to your arm."];
        let both: Vec<&str> = a.iter().chain(&b).copied().collect();
        assert_eq!(counts(&both), counts(&a) + counts(&b));
        assert_eq!(counts(&both).sentences, 4);
    }

    /// `actual` is `expected` to two decimals (scores worked out by hand).
    pub(super) fn close(actual: f64, expected: f64) {
        assert!(
            (actual - expected).abs() < 0.01,
            "{actual} is not {expected}"
        );
    }

    #[test]
    fn syllables_match_cmudict() {
        // Counts checked against cmudict 1.1.3 (first pronunciation). The
        // rules get the first group right; the second comes from the table.
        for (word, count) in [
            ("the", 1),
            ("every", 3), // EH1 V ER0 IY0
            ("running", 2),
            ("area", 3), // EH1 R IY0 AH0
            ("injury", 3),
            ("physical", 3),
            ("therapist", 3),
            ("ibuprofen", 4),
            ("acetaminophen", 6),
            ("inflammation", 4),
            ("flexibility", 5),
            ("shoulders", 2),
            ("dehydration", 4),
            ("hydrated", 3),
            ("cramping", 2),
            ("epidural", 4),
            ("make", 1),
            ("table", 2),
        ] {
            assert_eq!(syllables(word), count, "{word}");
            assert_eq!(self::syllables::fallback(word.as_bytes()), count, "{word}");
        }
        for (word, count) in [
            ("fire", 2),     // F AY1 ER0
            ("business", 2), // B IH1 Z N AH0 S
            ("created", 3),  // K R IY0 EY1 T AH0 D
            ("people", 2),
            ("abc", 3), // EY1 B IY2 S IY2
            ("hour", 2),
            ("recipe", 3),
            ("couldn't", 2),
        ] {
            assert_eq!(syllables(word), count, "{word}");
            assert_ne!(self::syllables::fallback(word.as_bytes()), count, "{word}");
        }
    }

    #[test]
    fn syllables_of_other_forms() {
        assert_eq!(syllables("Every"), 3, "case-insensitive");
        assert_eq!(syllables("THE"), 1);
        assert_eq!(syllables("patient's"), 2);
        assert_eq!(syllables("nurse’s"), 2, "typographic apostrophe");
        assert_eq!(syllables("well-known"), 2);
        assert_eq!(syllables("anti-inflammatory"), 2 + 5);
        assert_eq!(syllables("15-20"), 2, "one per digit group");
        assert_eq!(syllables("1.5"), 2);
        assert_eq!(syllables("2024"), 1);
        assert_eq!(syllables("3rd"), 1);
        assert_eq!(syllables("1990's"), 1);
        assert_eq!(syllables("B12"), 2);
        assert_eq!(syllables("naïve"), 2);
        assert_eq!(syllables("--"), 0);
    }

    #[test]
    fn splits_sentences() {
        assert_eq!(
            sentences("Rest for 1.5 days. Then walk! Does it hurt? Call us."),
            [
                "Rest for 1.5 days.",
                "Then walk!",
                "Does it hurt?",
                "Call us."
            ]
        );
        assert_eq!(
            sentences(
                "Ask Dr. Lee about pain relief, e.g. Tylenol. Use ice, heat, etc. as needed."
            ),
            [
                "Ask Dr. Lee about pain relief, e.g. Tylenol.",
                "Use ice, heat, etc. as needed."
            ]
        );
        assert_eq!(
            sentences("Stretch (gently). \"Stop if it hurts.\" Wait...  Then rest"),
            [
                "Stretch (gently).",
                "\"Stop if it hurts.\"",
                "Wait...",
                "Then rest"
            ]
        );
        assert_eq!(sentences("Warning signs"), ["Warning signs"]);
        assert!(sentences("  ... ").is_empty());
    }

    #[test]
    fn splits_words() {
        assert_eq!(
            words("15-20 minutes, isn't it"),
            ["15-20", "minutes", "isn't", "it"]
        );
        assert_eq!(
            words("Take 1.5 tablets (1,500 mg) - 'twice' a day — e.g. at 8."),
            [
                "Take", "1.5", "tablets", "1,500", "mg", "twice", "a", "day", "e.g", "at", "8"
            ]
        );
    }

    #[test]
    fn scores_by_hand() {
        // "The cat sat on the mat.": W 6, S 1, Sy 6, P 0.
        // FK = 0.39 × 6 + 11.8 × 1 − 15.59 = −1.45
        // SMOG = 1.0430 × √0 + 3.1291 = 3.1291
        // FRE = 206.835 − 1.015 × 6 − 84.6 × 1 = 116.145
        let c = counts(&["The cat sat on the mat."]);
        assert_eq!(
            c,
            Counts {
                words: 6,
                sentences: 1,
                syllables: 6,
                polysyllables: 0
            }
        );
        let s = scores(&c);
        close(s.flesch_kincaid_grade, -1.45);
        close(s.smog, 3.1291);
        close(s.flesch_reading_ease, 116.145);

        // A heading (no full stop) and a paragraph of two sentences:
        // "Physical therapy" = phys-i-cal(3) ther-a-py(3): W 2, Sy 6, P 2
        // "Your therapist will help." = your(1) ther-a-pist(3) will(1) help(1): W 4, Sy 6, P 1
        // "Take ibuprofen for inflammation." = take(1) i-bu-pro-fen(4) for(1)
        //   in-flam-ma-tion(4): W 4, Sy 10, P 2
        // Total W 10, S 3, Sy 22, P 5.
        // FK = 0.39 × 10/3 + 11.8 × 22/10 − 15.59 = 1.3 + 25.96 − 15.59 = 11.67
        // SMOG = 1.0430 × √(5 × 30 / 3) + 3.1291 = 1.0430 × 7.0711 + 3.1291 = 10.5043
        // FRE = 206.835 − 1.015 × 10/3 − 84.6 × 2.2 = 206.835 − 3.3833 − 186.12 = 17.3317
        let c = counts(&[
            "Physical therapy",
            "Your therapist will help. Take ibuprofen for inflammation.",
        ]);
        assert_eq!(
            c,
            Counts {
                words: 10,
                sentences: 3,
                syllables: 22,
                polysyllables: 5
            }
        );
        let s = scores(&c);
        close(s.flesch_kincaid_grade, 11.67);
        close(s.smog, 10.5043);
        close(s.flesch_reading_ease, 17.3317);
    }

    #[test]
    fn empty_text_scores_zero() {
        let s = scores(&counts(&["", "  "]));
        assert_eq!(s, Scores::default());
    }

    #[test]
    fn hardest_first() {
        let units = [
            "Rest. Dehydration causes inflammation of the tired muscles.",
            "Drink a glass of water now",
            "Epidural steroid injection",
        ];
        let hard = hardest(&units, 2);
        assert_eq!(hard.len(), 2);
        assert_eq!(
            hard[0].0,
            "Dehydration causes inflammation of the tired muscles."
        );
        // W 7; Sy 4 + 2 + 4 + 1 + 1 + 2 (ti-red, CMUdict) + 2 = 16:
        // 0.39 × 7 + 11.8 × 16/7 − 15.59 = 14.1114
        close(hard[0].1, 14.1114);
        // W 6, Sy 1 + 1 + 1 + 1 + 2 + 1 = 7: 0.39 × 6 + 11.8 × 7/6 − 15.59 = 0.5167
        assert_eq!(hard[1].0, "Drink a glass of water now");
        close(hard[1].1, 0.5167);
        // Short headings ("Rest.", the three-word title) are not named.
    }
}
