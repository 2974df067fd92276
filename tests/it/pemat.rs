//! PEMAT-P in `handout check`: the items a program can judge, scored; the
//! others listed for a person; one line per handout for people.

use crate::common::*;
use serde_json::Value;
use std::path::Path;

fn pemat(dir: &Path, file: &str) -> Value {
    let out = handout(dir, &["check", "--format", "json", file]);
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    json["files"][0]["pemat"].clone()
}

fn met(p: &Value, id: &str) -> Value {
    p["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .unwrap_or_else(|| panic!("no item {id}: {p}"))["met"]
        .clone()
}

#[test]
fn the_sample_report_shows_the_pemat_line() {
    let out = handout(&repo(), &["check", sample().to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout
        .lines()
        .find(|l| l.trim_start().starts_with("PEMAT-P: "))
        .unwrap_or_else(|| panic!("{stdout}"));
    // The sample has jargon, so "everyday words" is not met: 6 of 7 (its
    // key points are a summary).
    assert!(
        line.contains("understandability 86%, actionability 100%")
            && line.contains("not met: everyday-words;")
            && line.contains("for a person to judge: medical-terms-defined, active-voice"),
        "{line}"
    );

    let p = pemat(&repo(), sample().to_str().unwrap());
    assert_eq!(p["understandability"], 86);
    assert_eq!(met(&p, "summary"), true);
    assert_eq!(p["actionability"], 100);
    assert_eq!(met(&p, "main-message-first"), true);
    assert_eq!(met(&p, "everyday-words"), false);
    assert_eq!(met(&p, "when-to-get-help"), true);
    assert_eq!(
        met(&p, "active-voice"),
        Value::Null,
        "a person must judge it"
    );
}

#[test]
fn a_plain_handout_meets_every_item_a_program_can_judge() {
    let p = pemat(&repo(), "tests/fixtures/plain-language.toml");
    assert_eq!(
        (p["understandability"].as_u64(), p["actionability"].as_u64()),
        (Some(100), Some(100)),
        "{p:#}"
    );
}

#[test]
fn a_bare_handout_misses_the_main_message_actions_and_help() {
    let lib = library(MINIMAL_CLINIC);
    write(
        lib.path(),
        "handouts/bare.toml",
        "title = \"Back pain\"\nreviewed = 2026-11-01\n\n[[section]]\nkind = \"text\"\nintro = \"Back pain is common. It is 50% more common in people who sit all day.\"\n",
    );
    let p = pemat(lib.path(), "handouts/bare.toml");
    for id in [
        "purpose-clear",
        "main-message-first",
        "no-calculations",
        "short-sections",
        "visual-cues",
        "action-identified",
        "addresses-reader",
        "steps-broken-down",
        "when-to-get-help",
    ] {
        assert_eq!(met(&p, id), false, "{id}: {p:#}");
    }
    assert_eq!(met(&p, "everyday-words"), true);
    // Of 6 understandability items, only everyday words is met: 1/6 = 17%.
    assert_eq!(p["understandability"], 17);
    assert_eq!(p["actionability"], 0);
}

#[test]
fn languages_without_a_word_list_leave_everyday_words_to_a_person() {
    let p = pemat(&repo(), "handouts/upper-back-pain-after-running.vi.toml");
    assert_eq!(met(&p, "everyday-words"), Value::Null);
    assert_eq!(met(&p, "addresses-reader"), Value::Null);
    assert!(p["understandability"].as_u64().is_some());
}
