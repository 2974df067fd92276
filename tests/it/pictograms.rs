//! Pictograms, key points, write-in lines and the note of other languages,
//! through the binary: `handout icons` and its contact sheet, an item's or
//! a section's pictogram drawn as vector paths, and their tags.

use crate::accessible::{broken_rules, figure_alts};
use crate::common::*;
use page_validation::ValidationProfile;
use std::path::Path;

/// The PDF conforms to PDF/UA-1 and PDF/A-2u, and every Figure says what it shows.
pub fn assert_accessible(pdf: &Path) {
    let mut broken = broken_rules(pdf, ValidationProfile::PdfUa1);
    broken.extend(broken_rules(pdf, ValidationProfile::PdfA2u));
    assert!(broken.is_empty(), "{}", broken.join("\n"));
    let alts = figure_alts(pdf);
    assert!(alts.iter().all(|a| !a.trim().is_empty()), "{alts:?}");
}

/// The raster images in `pdf`, as `pdfimages -list` lists them.
pub fn images(pdf: &Path) -> usize {
    let list = tool("pdfimages", &["-list", pdf.to_str().unwrap()]);
    list.lines().skip(2).count()
}

#[test]
fn icons_lists_a_hundred_names_and_json_gives_their_categories() {
    let dir = tempfile::tempdir().unwrap();
    let out = handout(dir.path(), &["icons"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let names: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    assert!(names.len() >= 100, "{}", names.len());
    for wanted in [
        "warning", "phone", "exercise", "walking", "pill", "doctor", "cane",
    ] {
        assert!(names.iter().any(|n| n == wanted), "no {wanted}");
    }
    let out = handout(dir.path(), &["icons", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let icons = json.as_array().unwrap();
    assert_eq!(icons.len(), names.len());
    let category = |name: &str| {
        let icon = icons.iter().find(|i| i["name"] == name).unwrap();
        icon["category"].as_str().unwrap().to_string()
    };
    assert_eq!(category("warning"), "warning");
    assert_eq!(category("cane"), "walking-aids");
    assert_eq!(category("hot-meal"), "food-and-drink");
}

#[test]
fn the_contact_sheet_shows_every_pictogram_with_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("icons.pdf");
    let clinic = repo().join("clinic.toml");
    let args = ["icons", "--sheet", pdf.to_str().unwrap(), "--clinic"];
    let out = handout(
        dir.path(),
        &[&args[..], &[clinic.to_str().unwrap()]].concat(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_valid(&pdf);
    let listed = handout(dir.path(), &["icons"]).stdout;
    // A long name breaks after a hyphen, onto a second line.
    let text = text_of(&pdf).replace("-\n", "-");
    let words: Vec<&str> = text.split_whitespace().collect();
    for name in String::from_utf8(listed).unwrap().lines() {
        assert!(words.contains(&name), "{name} is not on the sheet");
    }
    // Drawn as paths, not pictures: as many filled outlines as pictograms.
    assert_eq!(images(&pdf), 0);
    let content = uncompressed(&pdf);
    assert!(content.matches(" cm\n").count() >= 100);
    assert_accessible(&pdf);
    // Never over a file that is not a PDF.
    let notes = write(dir.path(), "notes.txt", "keep me");
    let out = handout(
        dir.path(),
        &[
            "icons",
            "--sheet",
            notes.to_str().unwrap(),
            "--clinic",
            clinic.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert_says(&out, "not a PDF");
    assert_eq!(std::fs::read_to_string(&notes).unwrap(), "keep me");
}

/// Text of page `page` (1-based).
fn page_text(pdf: &Path, page: usize) -> String {
    let page = page.to_string();
    let args = [
        "-layout",
        "-f",
        &page,
        "-l",
        &page,
        pdf.to_str().unwrap(),
        "-",
    ];
    tool("pdftotext", &args)
}

/// A handout in a fresh library with the minimal clinic, `extra` added to
/// its clinic.toml; the library and the handout's path.
fn handout_with(toml: &str, clinic_extra: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = library(&format!("{MINIMAL_CLINIC}{clinic_extra}"));
    let file = write(dir.path(), "handouts/h.toml", toml);
    (dir, file)
}

const HEAD: &str = "title = \"Knee care\"\nreviewed = 2026-11-01\n";

/// Build `file` in its library with `args`; the PDF.
fn built(dir: &Path, file: &Path, args: &[&str]) -> std::path::PathBuf {
    let pdf = dir.join("out.pdf");
    let mut all = vec!["build", file.to_str().unwrap(), "-o", pdf.to_str().unwrap()];
    all.extend_from_slice(args);
    let out = handout(dir, &all);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_valid(&pdf);
    pdf
}

/// Pictogram drawings in a page's content: the scale-and-flip each opens with.
fn pictograms(pdf: &Path) -> usize {
    let content = uncompressed(pdf);
    content
        .lines()
        .filter(|l| l.ends_with(" cm") && l.split(' ').nth(3).is_some_and(|d| d.starts_with('-')))
        .count()
}

#[test]
fn an_items_pictogram_is_drawn_as_vector_paths_beside_it() {
    let body = |icon: &str| {
        format!(
            "{HEAD}[[section]]\nkind = \"self-care\"\n  [[section.item]]\n  title = \"Walk\"\n  \
             text = \"Walk for ten minutes a day.\"\n{icon}"
        )
    };
    let off = "[policy]\ndefault_icons = false\n";
    let (dir, plain) = handout_with(&body(""), off);
    let without = pictograms(&built(dir.path(), &plain, &[]));
    let (dir, file) = handout_with(
        &body("  icon = \"walking\"\n"),
        "[policy]\ndefault_icons = false\n",
    );
    let pdf = built(dir.path(), &file, &[]);
    assert_eq!(pictograms(&pdf), without + 1);
    assert_eq!(images(&pdf), 0, "a pictogram is no raster image");
    // Beside a title it repeats the title's words: no Figure for it.
    assert!(figure_alts(&pdf).is_empty(), "{:?}", figure_alts(&pdf));
    assert!(text_of(&pdf).contains("Walk. Walk for ten minutes"));
    assert_accessible(&pdf);
    // In large print and right to left too.
    let pdf = built(dir.path(), &file, &["--large-print"]);
    assert_eq!(pictograms(&pdf), 1);
    assert_accessible(&pdf);
}

#[test]
fn a_pictogram_alone_is_a_figure_with_words_in_the_handouts_language() {
    let item = "[[section]]\nkind = \"self-care\"\n  [[section.item]]\n  text = \"Walk every day.\"\n  icon = \"walking\"\n";
    let (dir, file) = handout_with(&format!("{HEAD}{item}"), "");
    let pdf = built(dir.path(), &file, &[]);
    assert_eq!(figure_alts(&pdf), ["Walking"]);
    assert_accessible(&pdf);
    // In Spanish the English name will not do: icon_alt is asked for.
    let spanish = format!("{HEAD}language = \"es\"\n{item}");
    let (dir, file) = handout_with(&spanish, "");
    let out = handout(dir.path(), &["build", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_says(
        &out,
        "h.toml:8:10: error: this pictogram has no title beside it, so it needs `icon_alt`",
    );
    let given = spanish + "  icon_alt = \"Una persona que camina\"\n";
    let (dir, file) = handout_with(&given, "");
    let pdf = built(dir.path(), &file, &[]);
    assert_eq!(figure_alts(&pdf), ["Una persona que camina"]);
}

#[test]
fn an_unknown_pictogram_is_an_error_at_its_line_with_the_name_meant() {
    let toml = format!(
        "{HEAD}[[section]]\nkind = \"prevention\"\nicon = \"excercise\"\n  [[section.item]]\n  \
         title = \"Move\"\n  icon = \"phon\"\n"
    );
    let (dir, file) = handout_with(&toml, "");
    let out = handout(dir.path(), &["build", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert_says(
        &out,
        "h.toml:5:8: error: there is no pictogram called `excercise` (did you mean `exercise`?)",
    );
    assert_says(
        &out,
        "h.toml:8:10: error: there is no pictogram called `phon` (did you mean `phone`?)",
    );
    assert!(
        !dir.path().join("out").exists(),
        "no PDF for a broken handout"
    );
}

#[test]
fn the_warning_box_and_contact_block_carry_pictograms_unless_switched_off() {
    let toml = format!(
        "{HEAD}[[section]]\nkind = \"warning-signs\"\n  [[section.item]]\n  text = \"Fever\"\n"
    );
    let with_phone = |extra: &str| {
        let clinic = MINIMAL_CLINIC.replace("[fonts]", "phone = \"555-0100\"\n[fonts]");
        let dir = library(&format!("{clinic}{extra}"));
        let file = write(dir.path(), "handouts/h.toml", &toml);
        (dir, file)
    };
    let (dir, file) = with_phone("");
    let pdf = built(dir.path(), &file, &[]);
    let content = uncompressed(&pdf);
    // The warning pictogram in the warning colour, before the box's heading.
    assert_eq!(pictograms(&pdf), 2, "warning and phone");
    assert!(
        content.contains("0.702 0.149 0.118 rg\nq"),
        "not in the warning colour"
    );
    assert_accessible(&pdf);
    let (dir, file) = with_phone("[policy]\ndefault_icons = false\n");
    assert_eq!(pictograms(&built(dir.path(), &file, &[])), 0);
}

#[test]
fn key_points_come_first_on_the_sheet_and_on_the_trifold_cover() {
    let sample = repo().join("handouts/neck-pain-at-your-desk.toml");
    let dir = tempfile::tempdir().unwrap();
    let pdf = build(dir.path(), &sample, &[]);
    let first = page_text(&pdf, 1);
    let squeezed = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let at = |s: &str| {
        squeezed(&first)
            .find(s)
            .unwrap_or_else(|| panic!("{s} not on page 1"))
    };
    assert!(at("Key points") > at("Neck pain is common"));
    assert!(at("Get up and move every 30 minutes.") < at("What causes it"));
    assert_accessible(&pdf);
    // Tagged as a section with its heading and a list.
    let tree = tool("pdfinfo", &["-struct-text", pdf.to_str().unwrap()]);
    let boxed = "  Sect\n    H2 (block)\n      \"Key points\"\n    L (block)\n      LI (block)\n        \
                 LBody (block)\n          \"Raise your screen to eye level.\"";
    assert!(tree.contains(boxed), "{tree}");
    let trifold = build(dir.path(), &sample, &["--layout", "trifold"]);
    // The cover is the outside page's right-hand panel.
    let (width, _) = (792.0, 612.0);
    let cover = text_between(&trifold, 1, width * 2.0 / 3.0, width);
    assert!(squeezed(&cover).contains("Key points"), "{cover}");
    assert!(
        squeezed(&cover).contains("Get up and move every 30 minutes."),
        "{cover}"
    );
    assert_accessible(&trifold);
}

#[test]
fn key_points_are_two_to_five_short_sentences() {
    for (points, message) in [
        (
            "[\"Rest.\"]",
            "h.toml:3:14: error: `key_points` has 1; give 2 to 5",
        ),
        (
            "[\"Rest.\", \"one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty twenty-one twenty-two twenty-three twenty-four twenty-five twenty-six.\"]",
            "error: this key point is 26 words long",
        ),
    ] {
        let (dir, file) = handout_with(&format!("{HEAD}key_points = {points}\n"), "");
        let out = handout(dir.path(), &["build", file.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1));
        assert_says(&out, message);
    }
}

#[test]
fn a_notes_section_draws_lines_to_write_on() {
    let toml = format!("{HEAD}[[section]]\nkind = \"notes\"\nlines = 4\n");
    let (dir, file) = handout_with(&toml, "");
    let pdf = built(dir.path(), &file, &[]);
    assert!(text_of(&pdf).contains("Questions for your care team"));
    let content = uncompressed(&pdf);
    // Each rule a thin filled rectangle the width of the column, not tagged.
    let rules = |content: &str| content.lines().filter(|l| l.ends_with(" 1 re")).count();
    assert_eq!(rules(&content), 4);
    assert_accessible(&pdf);
    let large = built(dir.path(), &file, &["--large-print"]);
    assert_eq!(rules(&uncompressed(&large)), 4);
    // The default is 5; out of bounds, or on another kind, an error at `lines`.
    let (dir, file) = handout_with(&format!("{HEAD}[[section]]\nkind = \"notes\"\n"), "");
    assert_eq!(rules(&uncompressed(&built(dir.path(), &file, &[]))), 5);
    for (section, message) in [
        (
            "kind = \"notes\"\nlines = 0",
            "h.toml:5:9: error: `lines` is 0; give from 1 to 20",
        ),
        (
            "kind = \"notes\"\nlines = 500",
            "h.toml:5:9: error: `lines` is 500",
        ),
        (
            "kind = \"causes\"\nlines = 3",
            "h.toml:5:9: error: `lines` is only for a section of kind = \"notes\"",
        ),
    ] {
        let (dir, file) = handout_with(&format!("{HEAD}[[section]]\n{section}\n"), "");
        let out = handout(dir.path(), &["build", file.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1));
        assert_says(&out, message);
    }
}

#[test]
fn a_leaflet_names_its_current_translations_in_their_own_words() {
    let dir = tempfile::tempdir().unwrap();
    let handouts = repo().join("handouts");
    let english = build(
        dir.path(),
        &handouts.join("upper-back-pain-after-running.toml"),
        &[],
    );
    let pages = text_of(&english);
    let last = pages
        .split('\u{c}')
        .rfind(|p| !p.trim().is_empty())
        .unwrap();
    let last = last.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        last.contains(
            "Also available in: Español, Tiếng Việt, and in large print. Ask us for a copy."
        ),
        "{last}"
    );
    let spanish = build(
        dir.path(),
        &handouts.join("upper-back-pain-after-running.es.toml"),
        &[],
    );
    let text = text_of(&spanish)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        text.contains("También disponible en: English, Tiếng Việt, y en letra grande."),
        "{text}"
    );
    // On a trifold, on the back panel.
    let trifold = build(
        dir.path(),
        &handouts.join("neck-pain-at-your-desk.toml"),
        &["--layout", "trifold"],
    );
    let back = text_between(&trifold, 1, 792.0 / 3.0, 792.0 * 2.0 / 3.0);
    let back = back.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        back.contains("Also available in:") && back.contains("Русский"),
        "{back}"
    );
    assert_accessible(&trifold);
}

#[test]
fn only_current_translations_are_named_and_the_clinic_can_say_none() {
    let clinic = MINIMAL_CLINIC.to_string();
    let dir = library(&clinic);
    let source = format!("{HEAD}[[section]]\nkind = \"causes\"\nintro = \"Knees hurt.\"\n");
    let file = write(dir.path(), "handouts/knee.toml", &source);
    let translation = |reviewed: &str| {
        format!(
            "title = \"Rodilla\"\nlanguage = \"es\"\nreviewed = 2026-11-01\ntranslation_of = \"knee.toml\"\n\
             source_reviewed = {reviewed}\n[[section]]\nkind = \"causes\"\nintro = \"Duele.\"\n"
        )
    };
    write(
        dir.path(),
        "handouts/knee.es.toml",
        &translation("2026-11-01"),
    );
    // A stale Russian translation is not offered.
    let stale = translation("2025-01-01").replace("language = \"es\"", "language = \"ru\"");
    write(dir.path(), "handouts/knee.ru.toml", &stale);
    let text = text_of(&built(dir.path(), &file, &[]));
    assert!(
        text.contains("Also available in: Español, and in large print."),
        "{text}"
    );
    assert!(!text.contains("Русский"), "{text}");
    let dir = library(&format!("{clinic}[policy]\nalso_available = false\n"));
    let file = write(dir.path(), "handouts/knee.toml", &source);
    write(
        dir.path(),
        "handouts/knee.es.toml",
        &translation("2026-11-01"),
    );
    assert!(!text_of(&built(dir.path(), &file, &[])).contains("Also available"));
}

#[test]
fn check_counts_key_points_notes_and_pictograms_and_asks_a_long_handout_for_key_points() {
    // Over 600 words; with everything, or with none of key points, a
    // pictogram on a step, and lines to write on.
    let text = "Walk a little each day and rest your knee when it hurts. ".repeat(55);
    let knee = |all: bool| {
        let (points, icon, notes) = if all {
            (
                "key_points = [\"Walk each day.\", \"Rest when it hurts.\"]\n",
                "  icon = \"walking\"\n",
                "[[section]]\nkind = \"notes\"\n",
            )
        } else {
            ("", "", "")
        };
        format!(
            "{HEAD}{points}summary = \"Knee pain gets better.\"\n[[section]]\nkind = \"self-care\"\n  \
             [[section.item]]\n  title = \"Walk\"\n  text = \"{text}\"\n{icon}{notes}"
        )
    };
    let long = knee(false);
    let (dir, file) = handout_with(&long, "");
    let out = handout(
        dir.path(),
        &["check", "--format", "json", file.to_str().unwrap()],
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let codes: Vec<&str> = json["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"no-key-points"), "{codes:?}");
    let met = |json: &serde_json::Value, id: &str| {
        let items = json["files"][0]["pemat"]["items"]
            .as_array()
            .unwrap()
            .clone();
        items.into_iter().find(|i| i["id"] == id).unwrap()["met"].clone()
    };
    assert_eq!(met(&json, "tangible-tool"), serde_json::Value::Null);
    assert_eq!(
        met(&json, "visual-aids-for-action"),
        serde_json::Value::Null
    );
    let with = knee(true);
    let (dir, file) = handout_with(&with, "");
    let out = handout(
        dir.path(),
        &["check", "--format", "json", file.to_str().unwrap()],
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!String::from_utf8_lossy(&out.stdout).contains("no-key-points"));
    for id in [
        "main-message-first",
        "summary",
        "tangible-tool",
        "visual-aids-for-action",
    ] {
        assert_eq!(met(&json, id), true, "{id}");
    }
}
