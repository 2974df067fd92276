//! The mistakes editors really make, each answered at its line and column in
//! plain words that say what to write instead; every error of a file in one
//! run; and wrong types of every kind, whose messages programmer_words.rs scans.

use crate::common::*;

struct Mistake {
    name: &'static str,
    /// The handout file's text.
    handout: &'static str,
    /// `LINE:COLUMN` of the error in handouts/h.toml.
    place: &'static str,
    /// Words the message must contain.
    says: &'static str,
}

const MISTAKES: &[Mistake] = &[
    Mistake {
        name: "quoted date",
        handout: "title = \"K\"\nreviewed = \"2026-10-15\"\n",
        place: "2:12",
        says: "dates are written without quotes: reviewed = 2026-10-15",
    },
    Mistake {
        name: "section kind shortened",
        handout: "title = \"K\"\nreviewed = 2026-10-15\n[[section]]\nkind = \"warning\"\n",
        place: "4:8",
        says: "unknown value `warning` (did you mean `warning-signs`?)",
    },
    Mistake {
        name: "day first",
        handout: "title = \"K\"\nreviewed = 15/10/2026\n",
        place: "2:12",
        says: "write dates as year-month-day, without quotes: reviewed = 2026-10-15",
    },
    Mistake {
        name: "curly quotes",
        handout: "title = \u{201c}Back pain\u{201d}\nreviewed = 2026-10-15\n",
        place: "1:9",
        says: "curly quotes (\u{201c}), which TOML does not read; use straight quotes: title = \"Back pain\"",
    },
    Mistake {
        name: "apostrophe in single quotes",
        handout: "title = 'Don't run'\nreviewed = 2026-10-15\n",
        place: "1:13",
        says: "put text that has an apostrophe in double quotes: title = \"Don't run\"",
    },
    Mistake {
        name: "quote mark in double quotes",
        handout: "title = \"Say \"stop\" now\"\nreviewed = 2026-10-15\n",
        place: "1:14",
        says: "write \\\" for a quote mark inside text, or put the text in single quotes: title = 'Say \"stop\" now'",
    },
    Mistake {
        name: "unclosed triple quotes",
        handout: "title = \"K\"\nreviewed = 2026-10-15\nsummary = \"\"\"\nRest your back.\n\n[[section]]\nkind = \"causes\"\n",
        place: "3:11",
        says: "this text starts with \"\"\" but is never closed; add \"\"\" where it ends",
    },
    Mistake {
        name: "misspelt section list",
        handout: "title = \"K\"\nreviewed = 2026-10-15\n\n[[sections]]\nkind = \"causes\"\n\n  [[section.item]]\n  text = \"x\"\n",
        place: "4:3",
        says: "unknown key `sections` (did you mean `section`?)",
    },
    Mistake {
        name: "single brackets",
        handout: "title = \"K\"\nreviewed = 2026-10-15\n[[section]]\nkind = \"causes\"\n[section]\nkind = \"prevention\"\n",
        place: "5:2",
        says: "[section] has single brackets, but `section` is a list (it was started with [[section]] on line 3): start each one with [[section]]",
    },
    Mistake {
        name: "only single brackets",
        handout: "title = \"K\"\nreviewed = 2026-10-15\n[section]\nkind = \"causes\"\n",
        place: "3:1",
        says: "write [[section]] with double brackets",
    },
    Mistake {
        name: "duplicate key",
        handout: "title = \"K\"\nreviewed = 2026-10-15\nsubtitle = \"a\"\nsubtitle = \"b\"\n",
        place: "4:1",
        says: "`subtitle` is set twice (first on line 3); keep one of them",
    },
    Mistake {
        name: "control character",
        handout: "title = \"Knee\u{7} pain\"\nreviewed = 2026-10-15\n",
        place: "1:14",
        says: "an invisible control character (U+0007) is here; delete it",
    },
    Mistake {
        name: "windows path",
        handout: "title = \"K\"\nreviewed = 2026-10-15\n[[section]]\nkind = \"causes\"\n[[section.item]]\ntext = \"x\"\nimage = \"..\\assets\\logo.png\"\nimage_alt = \"Logo\"\n",
        place: "7:12",
        says: "write paths with forward slashes: \"../assets/logo.png\"",
    },
    Mistake {
        name: "windows path in single quotes",
        handout: "title = \"K\"\nreviewed = 2026-10-15\n[[section]]\nkind = \"causes\"\n[[section.item]]\ntext = \"x\"\nimage = '..\\assets\\logo.png'\nimage_alt = \"Logo\"\n",
        place: "7:9",
        says: "picture `..\\assets\\logo.png` cannot be read: no such file; write paths with forward slashes: \"../assets/logo.png\"",
    },
    Mistake {
        name: "keywords as one text",
        handout: "title = \"K\"\nreviewed = 2026-10-15\nkeywords = \"knee, pain\"\n",
        place: "3:12",
        says: "`keywords` is a list: write it in square brackets, each entry in quotes: keywords = [\"knee\", \"pain\"]",
    },
    Mistake {
        name: "title a number",
        handout: "title = 5\nreviewed = 2026-10-15\n",
        place: "1:9",
        says: "`title` must be text in double quotes; here it is the number 5",
    },
    Mistake {
        name: "section kind a list",
        handout: "title = \"K\"\nreviewed = 2026-10-15\n[[section]]\nkind = [\"causes\"]\n",
        place: "4:8",
        says: "`kind` must be",
    },
];

/// Mistakes in clinic.toml, after the minimal profile's lines.
const CLINIC_MISTAKES: &[Mistake] = &[
    Mistake {
        name: "body size with a unit",
        handout: "[page]\nbody_size = \"14pt\"\n",
        place: "8:13",
        says: "`body_size` must be a number, without quotes or a unit, like body_size = 14",
    },
    Mistake {
        name: "negative review interval",
        handout: "[policy]\nreview_months = -6\n",
        place: "8:17",
        says: "`review_months` must be a whole number from 1 to 120, without quotes; here it is the number -6",
    },
    Mistake {
        name: "key set again in a table written twice",
        handout: "[page]\nbody_size = 13\n[page]\nbody_size = 14\n",
        place: "10:1",
        says: "`body_size` is set twice (first on line 8); keep one of them",
    },
    Mistake {
        name: "colour not text",
        handout: "[colors]\nprimary = 5\n",
        place: "8:11",
        says: "`primary` must be text in double quotes; here it is the number 5",
    },
];

const GOOD: &str = "title = \"Knee pain\"\nreviewed = 2026-11-01\n";

/// Build `handout` with `clinic_extra` after the minimal clinic; stderr and exit status.
fn build_with(clinic_extra: &str, handout_text: &str) -> (String, Option<i32>) {
    let lib = library(&format!("{MINIMAL_CLINIC}{clinic_extra}"));
    write(lib.path(), "handouts/h.toml", handout_text);
    let out = handout(lib.path(), &["build", "handouts/h.toml"]);
    (stderr(&out), out.status.code())
}

fn assert_reported(m: &Mistake, file: &str, err: &str, status: Option<i32>) {
    assert_eq!(status, Some(1), "{}: {err}", m.name);
    let prefix = format!("{file}:{}: error: ", m.place);
    assert!(
        err.contains(&prefix),
        "{}: expected {prefix:?} in\n{err}",
        m.name
    );
    assert!(
        err.contains(m.says),
        "{}: expected {:?} in\n{err}",
        m.name,
        m.says
    );
}

#[test]
fn each_common_mistake_is_answered_at_its_place_in_plain_words() {
    for m in MISTAKES {
        let (err, status) = build_with("", m.handout);
        assert_reported(m, "handouts/h.toml", &err, status);
    }
    for m in CLINIC_MISTAKES {
        let (err, status) = build_with(m.handout, GOOD);
        assert_reported(m, "clinic.toml", &err, status);
    }
}

/// Lines of `err` that start a diagnostic (`FILE:LINE:COLUMN: error: ...`).
fn errors_in(err: &str) -> Vec<&str> {
    err.lines().filter(|l| l.contains(": error: ")).collect()
}

/// Building `text` fails (exit 1) with one error line for each of
/// `expected`, found by `matches(line, expected)`, and no other.
fn assert_errors(text: &str, expected: &[&str], matches: fn(&str, &str) -> bool) {
    let (err, status) = build_with("", text);
    assert_eq!(status, Some(1));
    let errors = errors_in(&err);
    for want in expected {
        assert!(
            errors.iter().any(|l| matches(l, want)),
            "{want} not in\n{err}"
        );
    }
    assert_eq!(errors.len(), expected.len(), "{err}");
}

#[test]
fn every_misspelt_key_and_the_missing_title_in_one_run() {
    let text = "titel = \"Knee\"\nreviewed = 2026-11-01\nsubtitel = \"x\"\nkeywrods = [\"knee\"]\n\
                [[section]]\nkind = \"causes\"\n  [[section.item]]\n  txt = \"x\"\n";
    let expected = [
        "handouts/h.toml:1:1: error: unknown key `titel` (did you mean `title`?)",
        "handouts/h.toml:1:1: error: required key `title` is missing",
        "handouts/h.toml:3:1: error: unknown key `subtitel` (did you mean `subtitle`?)",
        "handouts/h.toml:4:1: error: unknown key `keywrods` (did you mean `keywords`?)",
        "handouts/h.toml:8:3: error: unknown key `txt` (did you mean `text`?)",
    ];
    assert_errors(text, &expected, |line, want| line.starts_with(want));
}

#[test]
fn every_broken_line_in_one_run() {
    let text = "title = \u{201c}Knee\u{201d}\nreviewed = 15/10/2026\nsubtitle = \"ok\"\nclosing = 'Don't wait'\n";
    let places = ["h.toml:1:9: ", "h.toml:2:12: ", "h.toml:4:15: "];
    assert_errors(text, &places, |line, place| line.contains(place));
}

#[test]
fn every_unknown_placeholder_of_a_text_is_reported() {
    let text = "title = \"K\"\nreviewed = 2026-11-01\nsummary = \"Call {phone} or fax {clinic.fax}, not {phone}.\"\n";
    let expected = [
        "handouts/h.toml:3:17: error: unknown placeholder {phone} (did you mean {clinic.phone}?)",
        "handouts/h.toml:3:32: error: unknown placeholder {clinic.fax}; known ones",
        "handouts/h.toml:3:50: error: unknown placeholder {phone} (did you mean {clinic.phone}?)",
    ];
    assert_errors(text, &expected, |line, want| line.starts_with(want));
}

#[test]
fn every_character_no_font_draws_is_reported() {
    let text = "title = \"Knee \u{6f22} pain\"\nreviewed = 2026-11-01\nsummary = \"Rest \u{5b57} and \u{6f22}.\"\n";
    let (err, status) = build_with("", text);
    assert_eq!(status, Some(1));
    for expected in [
        "handouts/h.toml:1:15: error: no configured font can draw the character U+6F22",
        "handouts/h.toml:3:17: error: no configured font can draw the character U+5B57",
        "handouts/h.toml:3:23: error: no configured font can draw the character U+6F22",
    ] {
        assert!(err.contains(expected), "{expected} not in\n{err}");
    }
}

#[test]
fn no_message_uses_programmer_words() {
    let mut inputs: Vec<(String, String)> = MISTAKES
        .iter()
        .map(|m| (String::new(), m.handout.to_string()))
        .collect();
    inputs.extend(
        CLINIC_MISTAKES
            .iter()
            .map(|m| (m.handout.to_string(), GOOD.to_string())),
    );
    // (The case without a place needs a library errors.rs sets up.)
    inputs.extend(
        crate::errors::CASES
            .iter()
            .filter(|c| !c.place.is_empty())
            .map(|c| {
                (
                    c.clinic_extra.to_string(),
                    String::from_utf8_lossy(c.handout).into_owned(),
                )
            }),
    );
    // Wrong types for every kind of value the two files hold.
    for (key, value) in [
        ("subtitle", "[1]"),
        ("keywords", "5"),
        ("next_review", "true"),
        ("language", "2026-10-15"),
        ("section", "\"causes\""),
        ("words", "\"en\""),
    ] {
        inputs.push((
            String::new(),
            format!("title = \"K\"\nreviewed = 2026-11-01\n{key} = {value}\n"),
        ));
    }
    for (key, value) in [
        (
            "fallback",
            "\"fonts/NotoSans-Regular.ttf\"\n[policy]\nmax_grade = \"eight\"",
        ),
        ("bold", "[\"fonts/x.ttf\"]"),
        ("fallback", "[[1]]"),
    ] {
        inputs.push((format!("{key} = {value}\n"), GOOD.to_string()));
    }
    // `handout` (common.rs) fails the test on any programmer word in a message.
    for (clinic_extra, text) in &inputs {
        let (err, status) = build_with(clinic_extra, text);
        assert_eq!(status, Some(1), "{err}");
    }
}
