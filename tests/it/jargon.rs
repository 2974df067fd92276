//! `handout check` flags jargon at the word, with an everyday alternative:
//! 30 known terms in a fixture of our own, once per word and section, not
//! in names, and not when `allow_words` allows them.

use crate::common::*;
use serde_json::Value;
use std::path::Path;

/// (term as written, the sentence it is in, the first alternative offered).
const TERMS: [(&str, &str, &str); 30] = [
    (
        "edema",
        "Your edema should go down in a few days.",
        "swelling",
    ),
    ("abdomen", "Rub the cream on your abdomen.", "belly"),
    ("medication", "Take this medication with food.", "medicine"),
    (
        "prior to",
        "Rest for an hour prior to a long walk.",
        "before",
    ),
    ("utilize", "We utilize a soft brace for the knee.", "use"),
    ("adequate", "Get adequate sleep each night.", "enough"),
    (
        "hypertension",
        "Salt can make hypertension worse.",
        "high blood pressure",
    ),
    ("physician", "Ask your physician about the test.", "doctor"),
    ("administer", "A nurse will administer the shot.", "give"),
    ("ailment", "This ailment is common in runners.", "illness"),
    (
        "susceptible",
        "Older people are more susceptible to falls.",
        "likely to get",
    ),
    (
        "Incorporate",
        "Incorporate a short walk into each day.",
        "add",
    ),
    (
        "inflammation",
        "Cold packs help the inflammation go down.",
        "swelling",
    ),
    (
        "in order to",
        "Stretch slowly in order to avoid a strain.",
        "to",
    ),
    (
        "approximately",
        "The pain lasts approximately two days.",
        "about",
    ),
    (
        "Discontinue",
        "Discontinue the pills if you get a rash.",
        "stop",
    ),
    (
        "analgesic",
        "An analgesic can dull the pain.",
        "pain medicine",
    ),
    (
        "Dyspnea",
        "Dyspnea means you are short of breath.",
        "shortness of breath",
    ),
    (
        "Fatigue",
        "Fatigue is normal after the treatment.",
        "tiredness",
    ),
    (
        "nausea",
        "Some people feel nausea at first.",
        "feeling sick to your stomach",
    ),
    ("laceration", "Keep the laceration clean and dry.", "cut"),
    (
        "contusion",
        "A contusion turns blue, then yellow.",
        "bruise",
    ),
    ("ambulate", "Try to ambulate around the room.", "walk"),
    ("ingest", "Do not ingest the gel.", "swallow"),
    ("Elevate", "Elevate your leg on a pillow.", "raise"),
    ("subsequently", "We will subsequently call you.", "later"),
    ("sufficient", "Drink sufficient water every day.", "enough"),
    (
        "hydration",
        "Good hydration helps your muscles.",
        "drinking enough water",
    ),
    (
        "obtain",
        "You can obtain the form at the front desk.",
        "get",
    ),
    ("numerous", "There are numerous ways to stay fit.", "many"),
];

/// The line of the first sentence in [`terms_fixture`].
const FIRST_LINE: usize = 6;

/// A handout with one sentence per line, each holding one term.
fn terms_fixture() -> String {
    let mut toml = String::from(
        "title = \"Terms\"\nreviewed = 2026-11-01\n[[section]]\nkind = \"self-care\"\nintro = \"\"\"\n",
    );
    for (_, sentence, _) in TERMS {
        toml.push_str(sentence);
        toml.push('\n');
    }
    toml.push_str("\"\"\"\n");
    toml
}

/// `check --format json` of one file in a library; its jargon diagnostics.
fn jargon(lib: &Path, file: &str) -> Vec<Value> {
    let out = handout(lib, &["check", "--format", "json", file]);
    let json: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
    assert_eq!(json["errors"], 0, "{json:#}");
    json["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "jargon")
        .cloned()
        .collect()
}

fn at(d: &Value) -> (u64, u64) {
    (d["line"].as_u64().unwrap(), d["column"].as_u64().unwrap())
}

#[test]
fn thirty_known_terms_are_flagged_at_their_place_with_an_alternative() {
    let lib = library(MINIMAL_CLINIC);
    write(lib.path(), "handouts/terms.toml", &terms_fixture());
    let found = jargon(lib.path(), "handouts/terms.toml");
    assert_eq!(found.len(), TERMS.len(), "{found:#?}");
    for (i, (term, sentence, alternative)) in TERMS.iter().enumerate() {
        let column = sentence.find(term).unwrap() + 1;
        let d = &found[i];
        assert_eq!(
            at(d),
            ((FIRST_LINE + i) as u64, column as u64),
            "{term}: {d}"
        );
        let message = d["message"].as_str().unwrap();
        assert!(message.starts_with(&format!("\"{term}\" ")), "{message}");
        assert!(message.contains(&format!("\"{alternative}\"")), "{message}");
        assert_eq!(d["severity"], "warning");
    }
    assert_eq!(
        found[0]["message"],
        "\"edema\" is a word many readers do not know; try \"swelling\""
    );
    assert_eq!(
        found[3]["message"],
        "\"prior to\" is a long way to say \"before\""
    );

    // People read them on standard error at FILE:LINE:COLUMN.
    let out = handout(lib.path(), &["check", "handouts/terms.toml"]);
    assert!(
        stderr(&out).contains(&format!(
            "handouts/terms.toml:{FIRST_LINE}:6: warning: \"edema\" is a word many readers do not know; try \"swelling\""
        )),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_plain_language_handout_gets_no_flag() {
    let out = handout(
        &repo(),
        &[
            "check",
            "--format",
            "json",
            "tests/fixtures/plain-language.toml",
        ],
    );
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let file = &json["files"][0];
    let codes: Vec<&str> = file["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(codes.is_empty(), "{file:#}");
}

#[test]
fn once_per_word_and_section_inflections_titles_and_names() {
    let lib = library(MINIMAL_CLINIC);
    let text = r#"title = "Swelling At Home"
reviewed = 2026-11-01
summary = "Visit the Edema Clinic for help. We utilize ice. Nurses utilized heat."

[[section]]
kind = "self-care"
intro = "Staff utilized cold packs. Edema goes down with rest. Edema may come back."

[[section]]
kind = "warning-signs"
heading = "When Edema Gets Worse"

  [[section.item]]
  text = "Sudden edema in one leg"
"#;
    write(lib.path(), "handouts/h.toml", text);
    let found = jargon(lib.path(), "handouts/h.toml");
    let places: Vec<(u64, u64, &str)> = found
        .iter()
        .map(|d| {
            let (line, column) = at(d);
            let word = d["message"].as_str().unwrap().split('"').nth(1).unwrap();
            (line, column, word)
        })
        .collect();
    assert_eq!(
        places,
        [
            // "Edema Clinic" is a name; "utilized" is the same word as "utilize".
            (3, 48, "utilize"),
            // A new section: warned again, once each.
            (7, 16, "utilized"),
            (7, 37, "Edema"),
            // A heading in Title Case is no name; the item repeats the word.
            (11, 17, "Edema"),
        ]
    );
}

#[test]
fn allow_words_in_the_clinic_or_the_handout_silence_a_word() {
    let text = "title = \"Rest\"\nreviewed = 2026-11-01\n{ALLOW}\nsummary = \"This ailment is common. Take your medications. Ask your physician.\"\n";
    let flagged = |clinic: &str, allow: &str| -> Vec<String> {
        let lib = library(clinic);
        write(
            lib.path(),
            "handouts/h.toml",
            &text.replace("{ALLOW}", allow),
        );
        jargon(lib.path(), "handouts/h.toml")
            .iter()
            .map(|d| {
                d["message"]
                    .as_str()
                    .unwrap()
                    .split('"')
                    .nth(1)
                    .unwrap()
                    .to_string()
            })
            .collect()
    };
    assert_eq!(
        flagged(MINIMAL_CLINIC, ""),
        ["ailment", "medications", "physician"]
    );
    // The handout allows a word; the clinic allows another (any of its forms).
    let clinic = format!("{MINIMAL_CLINIC}\n[policy]\nallow_words = [\"Medication\"]\n");
    assert_eq!(
        flagged(&clinic, "allow_words = [\"ailment\"]"),
        ["physician"]
    );
}

#[test]
fn a_clinic_name_is_not_jargon_even_in_a_title() {
    let clinic = MINIMAL_CLINIC.replace("Test Clinic", "Hypertension Care Center");
    let lib = library(&clinic);
    write(
        lib.path(),
        "handouts/h.toml",
        "title = \"Hypertension Care Center Tips\"\nreviewed = 2026-11-01\nsummary = \"Hypertension can be treated.\"\n",
    );
    let found = jargon(lib.path(), "handouts/h.toml");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(at(&found[0]), (3, 12));
}

#[test]
fn spanish_handouts_use_the_spanish_list() {
    let lib = library(MINIMAL_CLINIC);
    write(
        lib.path(),
        "handouts/h.toml",
        "title = \"Dolor\"\nlanguage = \"es\"\nreviewed = 2026-11-01\nsummary = \"Si tiene cefalea, tome un analgésico.\"\n",
    );
    let found = jargon(lib.path(), "handouts/h.toml");
    let messages: Vec<&str> = found
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        messages,
        [
            "\"cefalea\" is a word many readers do not know; try \"dolor de cabeza\"",
            "\"analgésico\" is a word many readers do not know; try \"medicina para el dolor\"",
        ]
    );
    assert_eq!(at(&found[1]), (4, 38));
}
