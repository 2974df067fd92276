//! No message the tool prints uses a word only a programmer knows: every run
//! of the binary through `common::handout` is scanned, so every diagnostic
//! the suite provokes is checked, in both the human and the JSON form.

use serde_json::Value;
use std::process::Output;

/// Words only a programmer knows, as whole words (case ignored).
const JARGON: &[&str] = &[
    "map",
    "sequence",
    "datetime",
    "f64",
    "f32",
    "u8",
    "u32",
    "u64",
    "i64",
    "usize",
    "struct",
    "string",
    "variant",
    "serde",
    "invalid type",
    "deserialize",
];

/// The jargon words in `message`, leaving out what it quotes from the
/// editor's own file (`...` and "..."), which may hold any word.
pub fn jargon_in(message: &str) -> Vec<String> {
    let mut own = String::new();
    let mut quote = None;
    for c in message.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '`' || c == '"' => quote = Some(c),
            None => own.push(c),
        }
    }
    let lower = own.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '_')
        .filter(|w| !w.is_empty())
        .collect();
    JARGON
        .iter()
        .filter(|j| {
            let parts: Vec<&str> = j.split(' ').collect();
            words.windows(parts.len()).any(|w| w == parts.as_slice())
        })
        .map(|j| j.to_string())
        .collect()
}

/// The messages of a run: each `FILE:LINE:COLUMN: error|warning: ...` and
/// `error: ...` line of its standard error (not the file's line shown under
/// it), and every "message" of JSON on its standard output.
fn messages(out: &Output) -> Vec<String> {
    let mut found: Vec<String> = String::from_utf8_lossy(&out.stderr)
        .lines()
        .filter_map(|l| {
            ["error: ", "warning: "]
                .iter()
                .find_map(|s| l.split_once(s).map(|(_, m)| m.to_string()))
        })
        .collect();
    fn walk(v: &Value, found: &mut Vec<String>) {
        match v {
            Value::Object(map) => map.iter().for_each(|(k, v)| match v {
                Value::String(s) if k == "message" => found.push(s.clone()),
                _ => walk(v, found),
            }),
            Value::Array(items) => items.iter().for_each(|v| walk(v, found)),
            _ => {}
        }
    }
    if let Ok(json) = serde_json::from_slice::<Value>(&out.stdout) {
        walk(&json, &mut found);
    }
    found
}

/// Panics when a message of this run uses programmer jargon.
pub fn assert_plain(out: &Output) {
    for message in messages(out) {
        let found = jargon_in(&message);
        assert!(
            found.is_empty(),
            "programmer words {found:?} in a message: {message}"
        );
    }
}

#[test]
fn the_jargon_scan_catches_programmer_words() {
    assert_eq!(
        jargon_in("wrong type: expected a TOML datetime"),
        ["datetime"]
    );
    assert_eq!(
        jargon_in("invalid type: map, expected u32"),
        ["map", "u32", "invalid type"]
    );
    assert!(jargon_in("a list in square brackets, like keywords = [\"a\"]").is_empty());
    // What the editor wrote is theirs, not ours.
    assert!(jargon_in("unknown key `map` (did you mean `name`?)").is_empty());
}

#[test]
fn messages_are_found_in_both_forms() {
    use std::os::unix::process::ExitStatusExt;
    let out = Output {
        status: std::process::ExitStatus::from_raw(0),
        stdout: br#"{"files": [{"diagnostics": [{"message": "expected a struct"}]}]}"#.to_vec(),
        stderr: b"h.toml:1:2: error: a sequence\n  |\n1 | map = 1\nerror: f64\n".to_vec(),
    };
    assert_eq!(messages(&out), ["a sequence", "f64", "expected a struct"]);
}
