//! Spanish readability in `handout check`: Fernández-Huerta and
//! Szigriszt-Pazos (INFLESZ) from the rule-based syllable counter, against
//! the clinic's `min_inflesz`.

use crate::common::*;
use serde_json::Value;
use std::path::Path;

fn check_json(lib: &Path, file: &str) -> (Option<i32>, Value) {
    let out = handout(lib, &["check", "--format", "json", file]);
    let json = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
    (out.status.code(), json)
}

/// A title and one sentence, scored by hand in the unit tests of
/// src/readability/spanish.rs: W 14, S 2, Sy 21.
const SHORT: &str = r#"title = "Dolor de espalda"
language = "es"
reviewed = 2026-11-01
summary = "El río y el mar están muy lejos de la ciudad."
"#;

#[test]
fn a_short_text_scores_as_computed_by_hand() {
    let lib = library(MINIMAL_CLINIC);
    write(lib.path(), "handouts/corto.toml", SHORT);
    let (status, json) = check_json(lib.path(), "handouts/corto.toml");
    assert_eq!(status, Some(0), "{json:#}");
    let r = &json["files"][0]["readability"];
    assert_eq!(
        (r["words"].as_u64(), r["sentences"].as_u64()),
        (Some(14), Some(2))
    );
    // FH = 206.84 − 60 × 21/14 − 1.02 × 14/2 = 109.7
    // SP = 206.835 − 62.3 × 21/14 − 14/2 = 106.385
    assert!(
        (r["fernandez_huerta"].as_f64().unwrap() - 109.7).abs() < 0.06,
        "{r}"
    );
    assert!(
        (r["szigriszt_pazos"].as_f64().unwrap() - 106.385).abs() < 0.06,
        "{r}"
    );
    assert_eq!(r["inflesz"], "very easy");
    assert!(r.get("flesch_kincaid_grade").is_none(), "{r}");
}

#[test]
fn the_spanish_sample_gets_inflesz_scores_per_section() {
    let (status, json) = check_json(&repo(), "handouts/upper-back-pain-after-running.es.toml");
    assert_eq!(status, Some(0));
    let r = &json["files"][0]["readability"];
    let sp = r["szigriszt_pazos"].as_f64().unwrap();
    let fh = r["fernandez_huerta"].as_f64().unwrap();
    // Plain Spanish scores in the 60s to 70s; Fernández-Huerta runs a few
    // points above Szigriszt-Pazos on the same counts.
    assert!((55.0..85.0).contains(&sp) && fh > sp, "{r}");
    assert_eq!(r["sections"].as_array().unwrap().len(), 6);
    let out = handout(
        &repo(),
        &["check", "handouts/upper-back-pain-after-running.es.toml"],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("upper-back-pain-after-running.es.toml: INFLESZ ")
            && stdout.contains("(Fernández-Huerta)"),
        "{stdout}"
    );
}

#[test]
fn below_min_inflesz_warns_with_the_hardest_sentences() {
    let hard = r#"title = "Lumbalgia"
language = "es"
reviewed = 2026-11-01
summary = """
La sintomatología dolorosa lumbar frecuentemente se relaciona con alteraciones musculoesqueléticas degenerativas. Descanse."""

[[section]]
kind = "self-care"
intro = "Camine un poco cada día."
"#;
    let lib = library(MINIMAL_CLINIC);
    write(lib.path(), "handouts/h.toml", hard);
    let (_, json) = check_json(lib.path(), "handouts/h.toml");
    let warnings: Vec<&str> = json["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "reading-level")
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    // The handout as a whole is below 65; the short self-care section is not.
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert!(
        warnings[0].starts_with("this handout scores ")
            && warnings[0].contains("below the clinic's target of 65 (\"fairly easy\")")
            && warnings[0].contains("\"La sintomatología dolorosa lumbar"),
        "{}",
        warnings[0]
    );

    // A clinic may set its own target.
    let lenient = format!("{MINIMAL_CLINIC}\n[policy]\nmin_inflesz = 0\n");
    let lib = library(&lenient);
    write(lib.path(), "handouts/h.toml", hard);
    let (_, json) = check_json(lib.path(), "handouts/h.toml");
    assert!(
        !json["files"][0]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"] == "reading-level"),
        "{json:#}"
    );
}

#[test]
fn a_min_inflesz_off_the_scale_is_an_error_at_its_line() {
    let lib = library(&format!("{MINIMAL_CLINIC}\n[policy]\nmin_inflesz = 150\n"));
    write(lib.path(), "handouts/corto.toml", SHORT);
    let out = handout(lib.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert_says(
        &out,
        ":9:15: error: min_inflesz 150 is outside the INFLESZ scale",
    );
}
