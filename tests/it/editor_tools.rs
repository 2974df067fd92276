//! A new editor's path: `init` starts a library, `new --from` a translation,
//! `list` alerts a scheduled job, `check` warns about what prints wrong,
//! and the hints point at what was meant.

use crate::common::*;
use serde_json::Value;

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn init_starts_a_library_every_command_works_in() {
    let dir = tempfile::tempdir().unwrap();
    let out = handout(dir.path(), &["init"]);
    assert!(out.status.success(), "{}", stderr(&out));
    for path in [
        "clinic.toml",
        "schema/clinic.schema.json",
        "schema/handout.schema.json",
        "fonts/AtkinsonHyperlegibleNext-Regular.ttf",
        "fonts/NotoSans-Regular.ttf",
        "fonts/OFL.txt",
    ] {
        assert!(dir.path().join(path).is_file(), "{path} missing");
    }
    assert!(dir.path().join("handouts").is_dir() && dir.path().join("assets").is_dir());
    let clinic = std::fs::read_to_string(dir.path().join("clinic.toml")).unwrap();
    assert!(clinic.starts_with("#:schema ./schema/clinic.schema.json\n") && clinic.contains("# "));
    // The bundled fonts are the repository's, byte for byte.
    assert_eq!(
        std::fs::read(dir.path().join("fonts/AtkinsonHyperlegibleNext-Bold.ttf")).unwrap(),
        std::fs::read(repo().join("fonts/AtkinsonHyperlegibleNext-Bold.ttf")).unwrap()
    );
    // An empty library: check is clean, build says nothing was found.
    let check = handout(dir.path(), &["check"]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    let build = handout(dir.path(), &["build"]);
    assert_says(&build, "no handouts found in handouts/");
    let list = handout(dir.path(), &["list"]);
    assert_eq!(list.status.code(), Some(0));
    assert_says(&list, "no handouts found: nothing to list");
    // A handout written there builds with the library's own fonts.
    write(
        dir.path(),
        "handouts/knee.toml",
        "title = \"Knee pain\"\nreviewed = 2026-11-01\nsummary = \"Rest your knee.\"\n",
    );
    let build = handout(dir.path(), &["build"]);
    assert!(build.status.success(), "{}", stderr(&build));
    assert!(normalize(&text_of(&dir.path().join("out/knee.pdf"))).contains("Knee pain"));
    // A second init changes nothing.
    let again = handout(dir.path(), &["init"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("a library is already here"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("clinic.toml")).unwrap(),
        clinic
    );
}

#[test]
fn new_writes_the_schema_line_and_from_starts_a_translation() {
    let lib = library(&format!("phone = \"(555) 010-1000\"\n{MINIMAL_CLINIC}"));
    std::fs::create_dir_all(lib.path().join("schema")).unwrap();
    std::fs::copy(
        repo().join("schema/handout.schema.json"),
        lib.path().join("schema/handout.schema.json"),
    )
    .unwrap();
    write(
        lib.path(),
        "handouts/knee.toml",
        "# Knee pain\ntitle = \"Knee pain\"\nreviewed = 2026-10-01\nnext_review = 2027-10-01\nsummary = \"Rest your knee.\"\n",
    );
    // A country code or a name for the language is a slip, caught here
    // rather than by `check` once the translation is written.
    let slip = handout(lib.path(), &["new", "knee.sp", "--from", "knee"]);
    assert_eq!(slip.status.code(), Some(1), "{}", stderr(&slip));
    assert_says(&slip, "did you mean `es`");
    assert!(!lib.path().join("handouts/knee.sp.toml").exists());
    let out = handout(lib.path(), &["new", "knee.es", "--from", "knee"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(lib.path().join("handouts/knee.es.toml")).unwrap();
    let file: toml::Table = toml::from_str(&text).unwrap();
    assert_eq!(file["language"].as_str(), Some("es"));
    assert_eq!(file["translation_of"].as_str(), Some("knee.toml"));
    assert_eq!(file["source_reviewed"].to_string(), "2026-10-01");
    assert!(!file.contains_key("next_review"), "{text}");
    assert_eq!(file["summary"].as_str(), Some("Rest your knee."));
    assert!(
        text.contains("# Knee pain"),
        "the source's comments stay: {text}"
    );
    let new = handout(lib.path(), &["new", "elbow"]);
    assert!(new.status.success());
    let skeleton = std::fs::read_to_string(lib.path().join("handouts/elbow.toml")).unwrap();
    assert!(skeleton.starts_with("#:schema ../schema/handout.schema.json\n"));
    // Replacing every placeholder text makes it a handout build accepts.
    let filled: String = skeleton
        .lines()
        .filter(|l| {
            !l.trim_start().starts_with("intro")
                && !l.trim_start().starts_with("text")
                && !l.trim_start().starts_with("title = \"First")
        })
        .map(|l| format!("{l}\n"))
        .collect::<String>()
        .replace(
            "Write the main message here, in two or three short sentences.",
            "Rest the elbow.",
        )
        .replace(
            "  [[section.item]]\n",
            "  [[section.item]]\n  text = \"Ice it.\"\n",
        );
    write(lib.path(), "handouts/elbow.toml", &filled);
    let build = handout(lib.path(), &["build", "handouts/elbow.toml"]);
    assert!(build.status.success(), "{}\n{filled}", stderr(&build));
}

#[test]
fn list_takes_paths_prints_json_and_alerts_on_expired() {
    let lib = library(MINIMAL_CLINIC);
    write(
        lib.path(),
        "handouts/fresh.toml",
        "title = \"Fresh\"\nreviewed = 2026-11-01\n",
    );
    write(
        lib.path(),
        "handouts/fresh.es.toml",
        "title = \"Fresco\"\nlanguage = \"es\"\nreviewed = 2026-11-01\ntranslation_of = \"fresh.toml\"\nsource_reviewed = 2026-01-01\n",
    );
    write(
        lib.path(),
        "old/old.toml",
        "title = \"Old\"\nreviewed = 2001-01-01\n",
    );
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_handout"))
            .args(args)
            .current_dir(lib.path())
            .env("SOURCE_DATE_EPOCH", "1795000000")
            .output()
            .unwrap();
        crate::programmer_words::assert_plain(&out);
        (out.status.code(), stdout(&out))
    };
    let (status, text) = run(&["list"]);
    assert_eq!(status, Some(0), "{text}");
    assert!(
        text.lines()
            .any(|l| l.contains("fresh.es.toml") && l.contains("stale translation")),
        "{text}"
    );
    let (status, json) = run(&["list", "old", "--format", "json"]);
    assert_eq!(status, Some(1));
    let json: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(json["handouts"][0]["status"], "expired");
    assert_eq!(json["handouts"][0]["file"], "old/old.toml");
    assert_eq!(json["handouts"][0]["next_review"], "2003-01-01");
    // No handouts/ folder: said plainly, not a fake row.
    std::fs::remove_dir_all(lib.path().join("handouts")).unwrap();
    let out = handout(lib.path(), &["list"]);
    assert_eq!(out.status.code(), Some(1));
    assert_says(&out, "there is no handouts/ folder beside clinic.toml");
    assert!(!stdout(&out).contains("invalid"));
}

/// `check --format json` of one handout, run on 2026-11-19.
fn check_codes(clinic: &str, text: &str) -> (Vec<String>, Value) {
    let lib = library(clinic);
    write(lib.path(), "handouts/h.toml", text);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_handout"))
        .args(["check", "--format", "json"])
        .current_dir(lib.path())
        .env("SOURCE_DATE_EPOCH", "1795000000")
        .output()
        .unwrap();
    crate::programmer_words::assert_plain(&out);
    let json: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let codes = json["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["diagnostics"].as_array().unwrap().clone())
        .map(|d| {
            format!(
                "{}:{}:{}",
                d["code"].as_str().unwrap(),
                d["line"],
                d["column"]
            )
        })
        .collect();
    (codes, json)
}

const BODY: &str = "summary = \"Rest your knee. Ice helps.\"\n[[section]]\nkind = \"self-care\"\n[[section.item]]\ntext = \"Rest it.\"\n[[section]]\nkind = \"warning-signs\"\n[[section.item]]\ntext = \"Fever.\"\n";

#[test]
fn check_warns_about_what_would_print_wrong() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "",
            "title = \"Knee\"\nreviewed = 2026-11-01\nclosing = \"Call **now.\"\n",
            "markup-as-text:3:17",
        ),
        (
            "",
            "title = \"Knee\"\nreviewed = 2026-11-01\nclosing = \"See [our site] (https://example.org).\"\n",
            "markup-as-text:3:25",
        ),
        (
            "",
            "title = \"Knee **pain**\"\nreviewed = 2026-11-01\n",
            "markup-as-text:1:15",
        ),
        (
            "",
            "title = \"Knee\"\nreviewed = 2026-11-01\nclosing = \"See [our site](http://example.org).\"\n",
            "link-not-https:3:27",
        ),
        (
            "website = \"example.org\"\n",
            "title = \"Knee\"\nreviewed = 2026-11-01\n",
            "link-not-https:1:11",
        ),
        (
            "booking_url = \"http://example.org/book\"\n",
            "title = \"Knee\"\nreviewed = 2026-11-01\n",
            "link-not-https:1:15",
        ),
        (
            "",
            "title = \"Knee\"\nreviewed = 2026-11-01\nnext_review = 2026-12-20\n",
            "review-due:3:15",
        ),
        (
            "",
            "title = \"Knee pain\"\nlanguage = \"es\"\nreviewed = 2026-11-01\nclosing = \"Rest your knee and put ice on it for the first two days. Call us if the pain does not go away.\"\n",
            "text-language:2:12",
        ),
        (
            "disclaimer = \"This leaflet is for information and does not replace the advice of your doctor.\"\n",
            "title = \"Rodilla\"\nlanguage = \"es\"\nreviewed = 2026-11-01\n",
            "disclaimer-language:2:12",
        ),
    ];
    for (clinic_extra, text, expected) in cases {
        let (codes, json) = check_codes(
            &format!("{clinic_extra}{MINIMAL_CLINIC}"),
            &format!("{text}{BODY}"),
        );
        assert!(
            codes.iter().any(|c| c == expected),
            "{expected} not in {codes:?}\n{json:#}"
        );
    }
    // A clean handout gets none of them.
    let (codes, _) = check_codes(
        MINIMAL_CLINIC,
        &format!(
            "title = \"Knee\"\nreviewed = 2026-11-01\nclosing = \"See [our site](https://example.org).\"\n{BODY}"
        ),
    );
    assert!(
        !codes.iter().any(|c| [
            "markup-as-text",
            "link-not-https",
            "review-due",
            "disclaimer-language"
        ]
        .iter()
        .any(|k| c.starts_with(k))),
        "{codes:?}"
    );
}

#[test]
fn hints_say_what_was_meant() {
    let (codes, json) = check_codes(
        MINIMAL_CLINIC,
        "title = \"K\"\nreviewed = 2026-11-01\nsummary = \"Call {phone}.\"\nclosing = \"Fax {clinic.fax}.\"\n",
    );
    let messages = json.to_string();
    assert!(
        messages.contains("unknown placeholder {phone} (did you mean {clinic.phone}?)"),
        "{messages}"
    );
    assert!(
        messages.contains("unknown placeholder {clinic.fax}; known ones"),
        "{messages}"
    );
    assert_eq!(codes.len(), 2, "{codes:?}");
    let (_, json) = check_codes(
        MINIMAL_CLINIC,
        "title = \"K\"\nlanguage = \"sp\"\nreviewed = 2026-11-01\n",
    );
    assert!(
        json.to_string()
            .contains("language `sp` (did you mean `es`?)"),
        "{json}"
    );
    let (codes, json) = check_codes(
        MINIMAL_CLINIC,
        &format!("title = \"K\"\nreviewed = 2026-11-01\nnext_review = 2026-10-01\n{BODY}"),
    );
    assert_eq!(codes, ["review-order:3:15"], "{json:#}");
    assert!(
        json.to_string()
            .contains("`next_review` (2026-10-01) is before `reviewed` (2026-11-01)")
    );
    // The clinic profile given as a handout.
    let lib = library(MINIMAL_CLINIC);
    std::fs::create_dir_all(lib.path().join("handouts")).unwrap();
    let out = handout(lib.path(), &["build", "clinic.toml"]);
    assert_eq!(out.status.code(), Some(1));
    assert_says(
        &out,
        "clinic.toml: error: this is the clinic profile, not a handout",
    );
}

#[test]
fn a_title_alone_gets_no_grade_and_addresses_are_not_words() {
    let lib = library(MINIMAL_CLINIC);
    write(
        lib.path(),
        "handouts/t.toml",
        "title = \"Knee pain\"\nreviewed = 2026-11-01\n",
    );
    let out = handout(lib.path(), &["check"]);
    assert!(
        stdout(&out).contains("readability not measured: there is no text beyond the title"),
        "{}",
        stdout(&out)
    );
    assert!(!stdout(&out).contains("grade"));
    assert_eq!(
        handout::readability::words("Book at https://example.org/book-an-appointment today."),
        ["Book", "at", "today"]
    );
    assert_eq!(
        handout::readability::words("Mail care@example.org or see www.example.org."),
        ["Mail", "or", "see"]
    );
}

#[test]
fn build_counts_warnings_and_points_to_check() {
    let lib = library(MINIMAL_CLINIC);
    write(
        lib.path(),
        "handouts/h.toml",
        "title = \"Knee\"\nreviewed = 2026-11-01\n",
    );
    let out = handout(lib.path(), &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    // No actions and no warning-signs section: two warnings.
    assert_says(&out, "2 warnings: run handout check to read them");
}

#[test]
fn the_manual_documents_every_subcommand_the_formats_and_exit_statuses() {
    let man = handout(&repo(), &["man"]);
    assert!(man.status.success());
    let man = stdout(&man);
    for command in [
        "BUILD",
        "CHECK",
        "INIT",
        "NEW",
        "WATCH",
        "LIST",
        "COMPLETIONS",
        "MAN",
    ] {
        assert!(
            man.contains(&format!(".SH \"HANDOUT {command}\"")),
            "no {command} in the manual"
        );
    }
    for text in [
        "\\-\\-allow\\-expired",
        "\\-\\-from",
        "\\-\\-large\\-print",
        ".SH FILES",
        ".SH \"EXIT STATUS\"",
        "clinic.toml",
        "\\fB130\\fR",
    ] {
        assert!(man.contains(text), "no {text} in the manual");
    }
    // Every key of both files and of their tables, from the schemas; the
    // printed words a [words] table may set are in the README.
    for schema in ["clinic", "handout"] {
        let path = repo().join(format!("schema/{schema}.schema.json"));
        let json: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let mut objects = vec![&json];
        objects.extend(
            json["$defs"]
                .as_object()
                .into_iter()
                .flatten()
                .filter(|(name, _)| *name != "WordsFile")
                .map(|(_, def)| def),
        );
        for object in objects {
            for key in object["properties"]
                .as_object()
                .into_iter()
                .flat_map(|p| p.keys())
            {
                let roff = key.replace('-', "\\-");
                assert!(
                    man.contains(&roff),
                    "the manual does not name `{key}` of {schema}.toml"
                );
            }
        }
    }
}
