//! `handout check`, `new` and `list` through the real binary.

use crate::common::*;
use serde_json::Value;

fn check_json(dir: &std::path::Path, args: &[&str]) -> (Option<i32>, Value) {
    let mut all = vec!["check", "--format", "json"];
    all.extend_from_slice(args);
    let out = handout(dir, &all);
    let json = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
    (out.status.code(), json)
}

fn codes(file: &Value) -> Vec<String> {
    file["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn every_shipped_sample_checks_without_errors_and_reports_readability() {
    let (status, json) = check_json(&repo(), &[]);
    assert_eq!(status, Some(0), "{json:#}");
    assert_eq!(json["errors"], 0);
    let files = json["files"].as_array().unwrap();
    let sample = files
        .iter()
        .find(|f| {
            f["file"]
                .as_str()
                .unwrap()
                .ends_with("upper-back-pain-after-running.toml")
        })
        .unwrap();
    assert_eq!(sample["language"], "en");
    let r = &sample["readability"];
    assert!(r["words"].as_u64().unwrap() > 1000, "{r}");
    assert!(r["sentences"].as_u64().unwrap() > 60, "{r}");
    let fk = r["flesch_kincaid_grade"].as_f64().unwrap();
    let smog = r["smog"].as_f64().unwrap();
    assert!(
        (5.0..14.0).contains(&fk) && (7.0..15.0).contains(&smog),
        "{r}"
    );
    assert_eq!(r["sections"].as_array().unwrap().len(), 6);
    assert_eq!(r["sections"][3]["heading"], "When to get help right away");

    let human = handout(&repo(), &["check"]);
    let stdout = String::from_utf8_lossy(&human.stdout);
    assert!(
        stdout.contains("upper-back-pain-after-running.toml: grade"),
        "{stdout}"
    );
    assert!(stderr(&human).contains("0 errors"));
}

#[test]
fn the_long_fixture_checks_clean_at_a_low_grade() {
    let (status, json) = check_json(&repo(), &["tests/fixtures/long-handout.toml"]);
    assert_eq!(status, Some(0));
    let file = &json["files"][0];
    let mut found = codes(file);
    // Medical words lift SMOG in a long treatments section; nothing else is flagged.
    found.retain(|c| c != "reading-level");
    assert!(found.is_empty(), "{file:#}");
    assert!(
        file["readability"]["flesch_kincaid_grade"]
            .as_f64()
            .unwrap()
            < 8.0
    );
}

#[test]
fn errors_come_with_line_column_and_code_in_json() {
    let lib = library(MINIMAL_CLINIC);
    write(
        lib.path(),
        "handouts/a.toml",
        "title = \"A\"\nreviewed = 2026-11-01\nsumary = \"x\"\n",
    );
    let (status, json) = check_json(lib.path(), &[]);
    assert_eq!(status, Some(1));
    assert_eq!(json["errors"], 1);
    let d = &json["files"][0]["diagnostics"][0];
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(3), Some(1))
    );
    assert_eq!(d["severity"], "error");
    assert_eq!(d["code"], "unknown-key");
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("did you mean `summary`?")
    );
    assert!(!lib.path().join("out").exists(), "check must write nothing");
}

#[test]
fn an_expired_handout_is_an_error_naming_the_date() {
    let lib = library(MINIMAL_CLINIC);
    write(
        lib.path(),
        "handouts/a.toml",
        "title = \"A\"\nreviewed = 2020-03-01\n",
    );
    let out = handout(lib.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out)
            .contains("handouts/a.toml:2:12: error: this handout was due for review on 2022-03-01"),
        "{}",
        stderr(&out)
    );
}

const GOOD_SECTIONS: &str = "[[section]]\nkind = \"self-care\"\n[[section.item]]\ntext = \"Rest your knee.\"\n[[section]]\nkind = \"warning-signs\"\n[[section.item]]\ntext = \"Call us if it swells.\"\n";

#[test]
fn warns_about_missing_sections_and_long_sentences() {
    let lib = library(MINIMAL_CLINIC);
    let long = "This sentence goes on and on with many small words so that it has far more than twenty five words in it for sure today and tomorrow.";
    write(
        lib.path(),
        "handouts/a.toml",
        &format!(
            "title = \"A\"\nreviewed = 2026-11-01\nsummary = \"\"\"\nShort one.\n{long}\"\"\"\n"
        ),
    );
    let (status, json) = check_json(lib.path(), &[]);
    assert_eq!(status, Some(0), "warnings alone do not fail");
    let file = &json["files"][0];
    let mut found = codes(file);
    found.sort();
    assert_eq!(found, ["long-sentence", "no-actions", "no-warning-signs"]);
    let long_d = file["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "long-sentence")
        .unwrap();
    assert_eq!(
        (long_d["line"].as_u64(), long_d["column"].as_u64()),
        (Some(5), Some(1))
    );
    assert!(long_d["message"].as_str().unwrap().contains("has 27 words"));
}

#[test]
fn a_reading_level_above_the_target_names_the_hardest_sentences() {
    let lib = library(&format!("{MINIMAL_CLINIC}[policy]\nmax_grade = 4\n"));
    let text = "Musculoskeletal inflammation necessitates comprehensive physiotherapeutic intervention. Rest well.";
    write(
        lib.path(),
        "handouts/a.toml",
        &format!("title = \"A\"\nreviewed = 2026-11-01\nsummary = \"{text}\"\n{GOOD_SECTIONS}"),
    );
    let (_, json) = check_json(lib.path(), &[]);
    let d = json["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "reading-level")
        .expect("a reading-level warning");
    let message = d["message"].as_str().unwrap();
    assert!(
        message.contains("above the clinic's target of grade 4"),
        "{message}"
    );
    assert!(message.contains("\"Musculoskeletal inflammation necessitates comprehensive physiotherapeutic intervention.\""), "{message}");
    assert_eq!(d["line"], 1);
}

#[test]
fn brand_colours_with_poor_contrast_and_a_coarse_logo_are_flagged() {
    let lib = library(&format!(
        "logo = \"assets/small.png\"\n{MINIMAL_CLINIC}[colors]\nprimary = \"#808080\"\n"
    ));
    image::RgbaImage::from_pixel(40, 40, image::Rgba([255, 255, 255, 255]))
        .save(lib.path().join("assets/small.png"))
        .unwrap();
    write(
        lib.path(),
        "handouts/a.toml",
        &format!("title = \"A\"\nreviewed = 2026-11-01\n{GOOD_SECTIONS}"),
    );
    let (status, json) = check_json(lib.path(), &[]);
    assert_eq!(status, Some(0));
    let clinic = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["file"].as_str().unwrap().ends_with("clinic.toml"))
        .unwrap();
    let diags = clinic["diagnostics"].as_array().unwrap();
    let contrast: Vec<&Value> = diags
        .iter()
        .filter(|d| d["code"] == "low-contrast")
        .collect();
    // 40 pixels over the 46 pt (0.64 in) logo height: 63 dpi.
    // Mid grey (3.9:1) is readable only as large text, both ways: as headings
    // on white and behind the white header text (below 3:1 is an error: attacks.rs).
    assert_eq!(contrast.len(), 2, "{diags:#?}");
    assert_eq!(
        (contrast[0]["line"].as_u64(), contrast[0]["column"].as_u64()),
        (Some(9), Some(11))
    );
    assert!(
        contrast[0]["message"]
            .as_str()
            .unwrap()
            .contains("headings and links on white a contrast of 3.9:1")
    );
    assert!(
        contrast[1]["message"]
            .as_str()
            .unwrap()
            .contains("white text on the header band a contrast of 3.9:1")
    );
    let logo = diags
        .iter()
        .find(|d| d["code"] == "coarse-logo")
        .expect("a logo warning");
    assert_eq!(logo["line"], 1);
    assert!(
        logo["message"]
            .as_str()
            .unwrap()
            .contains("prints at 63 dpi")
    );
}

#[test]
fn translations_are_checked_against_their_source() {
    let lib = library(MINIMAL_CLINIC);
    write(
        lib.path(),
        "handouts/knee.toml",
        &format!("title = \"Knee\"\nreviewed = 2026-11-01\n{GOOD_SECTIONS}"),
    );
    let translation = |source_reviewed: &str, sections: &str| {
        format!(
            "title = \"Rodilla\"\nlanguage = \"es\"\nreviewed = 2026-11-10\ntranslation_of = \"knee.toml\"\nsource_reviewed = {source_reviewed}\n{sections}"
        )
    };
    let spanish = GOOD_SECTIONS
        .replace("self-care\"\n", "self-care\"\nheading = \"En casa\"\n")
        .replace(
            "warning-signs\"\n",
            "warning-signs\"\nheading = \"Ayuda urgente\"\n",
        );
    let cases = [
        (translation("2026-11-01", &spanish), vec![]),
        (
            translation("2026-10-01", &spanish),
            vec!["stale-translation"],
        ),
        (
            translation(
                "2026-11-01",
                "[[section]]\nkind = \"warning-signs\"\nheading = \"Ayuda\"\n",
            ),
            vec!["mismatched-translation", "no-actions"],
        ),
        (
            translation("2026-11-01", &spanish).replace("knee.toml", "elbow.toml"),
            vec!["missing-source"],
        ),
    ];
    for (text, expected) in cases {
        write(lib.path(), "handouts/knee.es.toml", &text);
        let (_, json) = check_json(lib.path(), &["handouts/knee.es.toml"]);
        let mut found = codes(&json["files"][0]);
        found.retain(|c| c != "reading-level");
        found.sort();
        assert_eq!(found, expected, "{text}");
    }
}

#[test]
fn new_writes_a_skeleton_that_check_calls_unfinished_and_never_overwrites() {
    let lib = library(&format!("phone = \"(555) 010-1000\"\n{MINIMAL_CLINIC}"));
    let out = handout(lib.path(), &["new", "knee-pain"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let path = lib.path().join("handouts/knee-pain.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    for kind in [
        "causes",
        "prevention",
        "self-care",
        "warning-signs",
        "treatments",
        "text",
    ] {
        assert!(
            text.contains(&format!("kind = \"{kind}\"")),
            "no {kind} section"
        );
    }
    // Every placeholder text is an error until replaced, and nothing else is.
    let (status, json) = check_json(lib.path(), &[]);
    assert_eq!(status, Some(1));
    let mut found = codes(&json["files"][0]);
    found.dedup();
    assert_eq!(found, ["unfinished"], "{json:#}");
    let out = handout(lib.path(), &["build"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(!lib.path().join("out/knee-pain.pdf").exists());

    std::fs::write(&path, "edited").unwrap();
    let again = handout(lib.path(), &["new", "knee-pain"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("already exists"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "edited");
    let bad = handout(lib.path(), &["new", "Knee Pain"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("use lowercase letters, digits and hyphens"));
}

#[test]
fn list_shows_review_status_soonest_first() {
    let lib = library(MINIMAL_CLINIC);
    let today = today();
    let soon = today.add_months(1);
    write(
        lib.path(),
        "handouts/fresh.toml",
        &format!("title = \"Fresh\"\nreviewed = {today}\n"),
    );
    write(
        lib.path(),
        "handouts/old.toml",
        "title = \"Old\"\nreviewed = 2001-01-01\n",
    );
    write(
        lib.path(),
        "handouts/soon.toml",
        &format!(
            "title = \"Soon\"\nlanguage = \"es\"\nreviewed = 2001-01-01\nnext_review = {soon}\n"
        ),
    );
    write(lib.path(), "handouts/broken.toml", "title = \"Broken\"\n");
    let out = handout(lib.path(), &["list"]);
    // Expired and invalid handouts make a scheduled job alert.
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].starts_with("FILE")
            && lines[0].contains("NEXT REVIEW")
            && lines[0].contains("STATUS")
    );
    let order: Vec<(&str, &str)> = lines[1..]
        .iter()
        .map(|l| {
            let cols: Vec<&str> = l.split_whitespace().collect();
            let file = cols[0].rsplit('/').next().unwrap();
            let status = ["invalid", "expired", "due", "ok"]
                .into_iter()
                .find(|s| cols.contains(s))
                .unwrap();
            (file, status)
        })
        .collect();
    assert_eq!(
        order,
        [
            ("broken.toml", "invalid"),
            ("old.toml", "expired"),
            ("soon.toml", "due"),
            ("fresh.toml", "ok")
        ]
    );
    assert!(lines[3].contains(" es ") && lines[3].contains(&soon.to_string()));
}
