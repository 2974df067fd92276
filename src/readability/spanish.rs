//! Spanish readability: Fernández-Huerta and Szigriszt-Pazos, read on the
//! INFLESZ scale (Barrio-Cantalejo et al., 2008), from syllables counted by
//! rule. Sentences and words are split as for English (see the parent module).
//!
//! Spanish spelling shows how a word is said, so rules count its syllables
//! exactly: every group of vowels is one syllable except where two vowels are
//! said apart (hiatus): two open vowels ("le-er", "po-e-ta"), or an open vowel
//! beside an accented í or ú ("rí-o", "pa-ís"). Closed vowels (i, u, ü and a
//! final y) glide into their neighbours: diphthongs ("ciu-dad", "hue-vo") and
//! triphthongs ("buey", "es-tu-diáis"). An h between vowels separates them, as
//! in writing ("a-ho-ra"). As in the English counter, a group of digits is one
//! syllable.

use super::{Counted, Counts, Hardest, Ranked, counted_with, rank, total};

/// Spanish readability scores of a run of text.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Scores {
    pub words: usize,
    pub sentences: usize,
    /// 0 (very hard) to 100 (very easy), Fernández-Huerta's adaptation of
    /// Flesch reading ease.
    pub fernandez_huerta: f64,
    /// 0 to 100, Szigriszt-Pazos's perspicuity, the score the INFLESZ scale reads.
    pub szigriszt_pazos: f64,
}

/// Syllables in one Spanish word; case and accents as written.
pub fn syllables(word: &str) -> usize {
    let lower: Vec<char> = word.chars().flat_map(char::to_lowercase).collect();
    let mut total = 0;
    // Hyphens, apostrophes and dots only separate the parts of a word.
    for part in lower.split(|c| !c.is_alphanumeric()) {
        let mut rest = part;
        while let Some(first) = rest.first() {
            let digits = first.is_numeric();
            let run = rest
                .iter()
                .position(|c| c.is_numeric() != digits)
                .unwrap_or(rest.len());
            total += if digits {
                1
            } else {
                letter_syllables(&rest[..run])
            };
            rest = &rest[run..];
        }
    }
    total
}

/// What a letter is to a syllable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Vowel {
    /// a, e, o, with or without an accent.
    Open,
    /// i, u, ü and a y said as a vowel: they glide into a neighbour.
    Closed(char),
    /// í and ú: said apart from an open vowel beside them.
    Stressed,
}

fn vowel(c: char, next: Option<char>) -> Option<Vowel> {
    match c {
        'a' | 'e' | 'o' | 'á' | 'é' | 'ó' | 'à' | 'è' | 'ò' => Some(Vowel::Open),
        'i' | 'ï' => Some(Vowel::Closed('i')),
        'u' | 'ü' => Some(Vowel::Closed('u')),
        'í' | 'ú' => Some(Vowel::Stressed),
        // "y" before a vowel is a consonant ("yo", "ayuda"); alone or after
        // a vowel it is said as i ("y", "hoy", "muy").
        'y' if next.is_some_and(|n| vowel(n, None).is_some()) => None,
        'y' => Some(Vowel::Closed('i')),
        _ => None,
    }
}

/// Whether two vowels side by side are said in two syllables.
fn hiatus(a: Vowel, b: Vowel) -> bool {
    match (a, b) {
        (Vowel::Open, Vowel::Open) => true,
        (Vowel::Stressed, Vowel::Open) | (Vowel::Open, Vowel::Stressed) => true,
        // "chiita": the same closed vowel twice.
        (Vowel::Closed(x), Vowel::Closed(y)) => x == y,
        _ => false,
    }
}

fn letter_syllables(letters: &[char]) -> usize {
    let mut nuclei = 0;
    let mut previous = None;
    for (i, &c) in letters.iter().enumerate() {
        let this = vowel(c, letters.get(i + 1).copied());
        match (previous, this) {
            (None, Some(_)) => nuclei += 1,
            (Some(a), Some(b)) if hiatus(a, b) => nuclei += 1,
            _ => {}
        }
        previous = this;
    }
    // Abbreviations without vowels ("km", "Sr") are said as one at least.
    nuclei.max(1)
}

/// Counts a list of units, each title, heading and item a sentence of its own.
pub fn counts(units: &[&str]) -> Counts {
    total(&counted(units))
}

/// Each sentence of the units with its own counts.
pub fn counted<'a>(units: &[&'a str]) -> Vec<Counted<'a>> {
    counted_with(units, syllables)
}

/// Scores from counts; text without words or sentences scores zero.
///
/// - Fernández-Huerta = 206.84 − 60 Sy/W − 1.02 W/S
/// - Szigriszt-Pazos = 206.835 − 62.3 Sy/W − W/S
pub fn scores(c: &Counts) -> Scores {
    let mut scores = Scores {
        words: c.words,
        sentences: c.sentences,
        ..Scores::default()
    };
    let Some((words_per_sentence, syllables_per_word)) = c.rates() else {
        return scores;
    };
    scores.fernandez_huerta = 206.84 - 60.0 * syllables_per_word - 1.02 * words_per_sentence;
    scores.szigriszt_pazos = 206.835 - 62.3 * syllables_per_word - words_per_sentence;
    scores
}

/// The band of the INFLESZ scale a Szigriszt-Pazos score falls in.
pub fn inflesz(score: f64) -> &'static str {
    match score {
        s if s < 40.0 => "very hard",
        s if s < 55.0 => "somewhat hard",
        s if s < 65.0 => "normal",
        s if s <= 80.0 => "fairly easy",
        _ => "very easy",
    }
}

/// The hardest sentences of the units, each with its own Szigriszt-Pazos
/// score, lowest (hardest) first, at most `n`.
pub fn hardest<'a>(units: &[&'a str], n: usize) -> Ranked<'a> {
    hardest_counted(&counted(units), n)
}

/// [`hardest`] among sentences already counted.
pub fn hardest_counted<'a>(counted: &[Counted<'a>], n: usize) -> Ranked<'a> {
    rank(counted, n, |c| scores(c).szigriszt_pazos, Hardest::Lowest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::readability::tests::close;

    #[test]
    fn syllables_counted_by_hand() {
        for (word, count) in [
            // The examples.
            ("ahora", 3), // a-ho-ra: h parts the vowels
            ("río", 2),   // rí-o: accented í
            ("leer", 2),  // le-er: two open vowels
            ("músculos", 3),
            ("guion", 1), // one syllable since the 2010 spelling rules
            // Plain syllables.
            ("la", 1),
            ("el", 1),
            ("dolor", 2),
            ("correr", 2),
            ("parte", 2),
            ("espalda", 3),
            ("semana", 3),
            ("zapatos", 3),
            ("rodilla", 3),
            ("tobillo", 3),
            ("muscular", 3),
            ("medicina", 4),
            ("ibuprofeno", 5),
            ("paracetamol", 5),
            // Diphthongs.
            ("después", 2),
            ("ciudad", 2),
            ("cuidado", 3),
            ("huevo", 2),
            ("agua", 2),
            ("aire", 2),
            ("reina", 2),
            ("causa", 2),
            ("fiebre", 2),
            ("hielo", 2),
            ("cuello", 2),
            ("aunque", 2),
            ("hacia", 2),
            ("prevención", 3),
            ("ejercicio", 4),
            ("tratamiento", 4),
            ("entrenamiento", 5),
            ("huir", 1),
            ("construido", 3),
            ("cuídate", 3),     // closed vowels glide even with an accent
            ("lingüística", 4), // lin-güís-ti-ca
            ("pingüino", 3),
            // Triphthongs.
            ("buey", 1),
            ("Uruguay", 3),
            ("estudiáis", 3),
            ("limpiéis", 2),
            ("averigüéis", 4),
            // Hiatus.
            ("poeta", 3),
            ("caer", 2),
            ("teatro", 3),
            ("océano", 4),
            ("aéreo", 4),
            ("país", 2),
            ("maíz", 2),
            ("día", 2),
            ("vía", 2),
            ("tenía", 3),
            ("hacía", 3),
            ("período", 4),
            ("baúl", 2),
            ("ataúd", 3),
            ("aún", 2),
            ("oído", 3),
            ("reúne", 3),
            ("acentúa", 4),
            ("prohibido", 4),
            ("búho", 2),
            ("chiita", 3),
            // u after q and g is silent, and glides anyway.
            ("que", 1),
            ("quiero", 2),
            ("guerra", 2),
            // y: a consonant before a vowel, a vowel otherwise.
            ("y", 1),
            ("yo", 1),
            ("ayuda", 3),
            ("hoy", 1),
            ("muy", 1),
            ("rey", 1),
        ] {
            assert_eq!(syllables(word), count, "{word}");
        }
    }

    #[test]
    fn syllables_of_other_forms() {
        assert_eq!(syllables("AHORA"), 3, "case-insensitive");
        assert_eq!(syllables("Río"), 2);
        assert_eq!(syllables("ítem"), 2);
        assert_eq!(syllables("anti-inflamatorio"), 2 + 5); // in-fla-ma-to-rio
        assert_eq!(syllables("15-20"), 2, "one per digit group");
        assert_eq!(syllables("km"), 1);
    }

    #[test]
    fn scores_by_hand() {
        // "El perro come carne." el(1) pe-rro(2) co-me(2) car-ne(2): W 4, Sy 7
        // "La casa es azul." la(1) ca-sa(2) es(1) a-zul(2): W 4, Sy 6
        // W 8, S 2, Sy 13:
        // FH = 206.84 − 60 × 13/8 − 1.02 × 4 = 206.84 − 97.5 − 4.08 = 105.26
        // SP = 206.835 − 62.3 × 1.625 − 4 = 206.835 − 101.2375 − 4 = 101.5975
        let c = counts(&["El perro come carne. La casa es azul."]);
        assert_eq!((c.words, c.sentences, c.syllables), (8, 2, 13));
        let s = scores(&c);
        close(s.fernandez_huerta, 105.26);
        close(s.szigriszt_pazos, 101.5975);

        // "Tome el medicamento después de comer." to-me(2) el(1)
        // me-di-ca-men-to(5) des-pués(2) de(1) co-mer(2): W 6, Sy 13
        // "Llame a su médico si tiene fiebre." lla-me(2) a(1) su(1)
        // mé-di-co(3) si(1) tie-ne(2) fie-bre(2): W 7, Sy 12
        // W 13, S 2, Sy 25:
        // FH = 206.84 − 60 × 25/13 − 1.02 × 6.5 = 206.84 − 115.3846 − 6.63 = 84.8254
        // SP = 206.835 − 62.3 × 25/13 − 6.5 = 206.835 − 119.8077 − 6.5 = 80.5273
        let c =
            counts(&["Tome el medicamento después de comer. Llame a su médico si tiene fiebre."]);
        assert_eq!((c.words, c.sentences, c.syllables), (13, 2, 25));
        let s = scores(&c);
        close(s.fernandez_huerta, 84.8254);
        close(s.szigriszt_pazos, 80.5273);

        // A heading of its own, and a sentence with a hiatus and diphthongs:
        // "Dolor de espalda" do-lor(2) de(1) es-pal-da(3): W 3, Sy 6
        // "El río y el mar están muy lejos de la ciudad." el(1) rí-o(2) y(1)
        // el(1) mar(1) es-tán(2) muy(1) le-jos(2) de(1) la(1) ciu-dad(2): W 11, Sy 15
        // W 14, S 2, Sy 21:
        // FH = 206.84 − 60 × 1.5 − 1.02 × 7 = 206.84 − 90 − 7.14 = 109.7
        // SP = 206.835 − 62.3 × 1.5 − 7 = 206.835 − 93.45 − 7 = 106.385
        let c = counts(&[
            "Dolor de espalda",
            "El río y el mar están muy lejos de la ciudad.",
        ]);
        assert_eq!((c.words, c.sentences, c.syllables), (14, 2, 21));
        let s = scores(&c);
        close(s.fernandez_huerta, 109.7);
        close(s.szigriszt_pazos, 106.385);
    }

    #[test]
    fn empty_text_scores_zero() {
        assert_eq!(scores(&counts(&[" "])), Scores::default());
    }

    #[test]
    fn inflesz_bands() {
        assert_eq!(inflesz(35.0), "very hard");
        assert_eq!(inflesz(40.0), "somewhat hard");
        assert_eq!(inflesz(60.0), "normal");
        assert_eq!(inflesz(65.0), "fairly easy");
        assert_eq!(inflesz(80.0), "fairly easy");
        assert_eq!(inflesz(80.5), "very easy");
    }

    #[test]
    fn hardest_first() {
        let units = [
            "Corra despacio. La deshidratación puede provocar calambres musculares dolorosos.",
            "Beba un vaso de agua ahora mismo",
        ];
        let hard = hardest(&units, 2);
        assert_eq!(
            hard[0].0,
            "La deshidratación puede provocar calambres musculares dolorosos."
        );
        assert_eq!(hard[1].0, "Beba un vaso de agua ahora mismo");
        assert!(hard[0].1 < hard[1].1);
    }
}
