//! Every key of both file formats, the inline markup and the placeholders,
//! each checked in the PDF that the real binary writes.

use crate::common::*;
use std::path::Path;

/// A PNG picture of `w`×`h` pixels: opaque blue, or half-transparent.
fn png(path: &Path, w: u32, h: u32, alpha: u8) {
    image::RgbaImage::from_pixel(w, h, image::Rgba([20, 90, 160, alpha]))
        .save(path)
        .unwrap();
}

const FULL_CLINIC: &str = r##"name = "Harbor Clinic"
logo = "assets/logo.png"
logo_alt = "Harbor Clinic anchor logo"
phone = "(555) 010-2000"
email = "hello@harbor.example.org"
website = "https://harbor.example.org"
address = "9 Pier Road, Portsmouth"
booking_url = "https://harbor.example.org/appointments"
disclaimer = "Harbor disclaimer: ask your own doctor."
[colors]
primary = "#1F4E79"
accent = "#FFC20E"
warning = "#9C1C1C"
[fonts]
regular = "fonts/AtkinsonHyperlegibleNext-Regular.ttf"
bold = "fonts/AtkinsonHyperlegibleNext-Bold.ttf"
italic = "fonts/AtkinsonHyperlegibleNext-Italic.ttf"
bold_italic = "fonts/AtkinsonHyperlegibleNext-BoldItalic.ttf"
fallback = ["fonts/AtkinsonHyperlegibleNext-Regular.ttf"]
[page]
paper = "a4"
body_size = 14
[policy]
max_grade = 7
review_months = 12
"##;

const FULL_HANDOUT: &str = r#"title = "Caring for {clinic.name} patients"
subtitle = "Every key in one file"
language = "en-GB"
reviewed = 2026-10-15
next_review = 2099-01-01
summary = """
The main message, **bold** and *italic* and ***both***.

A second paragraph with {{braces}} and a [guide](https://guides.example.org/knees)."""
closing = "Call {clinic.phone}, write to {clinic.email}, visit {clinic.website} or {clinic.address}.{patient.name}"
keywords = ["knees", "harbor"]
translation_of = "care.toml"
source_reviewed = 2026-10-01

[[section]]
kind = "causes"
heading = "Why it happens"
intro = "Intro of the causes."
style = "bullets"

  [[section.item]]
  title = "Titled cause"
  text = "Text of the titled cause."

  [[section.item]]
  text = "A cause with text only."

[[section]]
kind = "prevention"
style = "numbered"

  [[section.item]]
  title = "A tip with a picture"
  text = "The picture sits beside this text."
  image = "../assets/tip.png"
  image_alt = "A blue square standing for a stretch"

[[section]]
kind = "self-care"

  [[section.item]]
  title = "Rest"

[[section]]
kind = "warning-signs"

  [[section.item]]
  text = "Sudden swelling."

[[section]]
kind = "treatments"

  [[section.item]]
  text = "Physical therapy."

[[section]]
kind = "text"
heading = "Free text"
intro = "The end."
"#;

fn full_library() -> (tempfile::TempDir, std::path::PathBuf) {
    let lib = library(FULL_CLINIC);
    png(&lib.path().join("assets/tip.png"), 1600, 1600, 255);
    // The file `translation_of` names must exist.
    write(
        lib.path(),
        "handouts/care.toml",
        "title = \"Care\"\nreviewed = 2026-10-01\n",
    );
    let file = write(lib.path(), "handouts/care-full.toml", FULL_HANDOUT);
    (lib, file)
}

fn build_in(lib: &Path, file: &Path, extra: &[&str]) -> std::path::PathBuf {
    let out = lib.join("out").join(format!(
        "{}.pdf",
        file.file_stem().unwrap().to_string_lossy()
    ));
    let mut args = vec!["build", file.to_str().unwrap()];
    args.extend_from_slice(extra);
    let run = handout(lib, &args);
    assert!(run.status.success(), "{}", stderr(&run));
    assert_valid(&out);
    out
}

#[test]
fn every_handout_and_clinic_key_reaches_the_pdf() {
    let (lib, file) = full_library();
    let pdf = build_in(lib.path(), &file, &[]);
    // Spaces dropped: a long address may break after a slash.
    let footers = ["Harbor Clinic · (555)", "Reviewed October 2026 · Page"];
    let text = text_without(&pdf, &footers)
        .split_whitespace()
        .collect::<String>();
    for expected in [
        "Caring for Harbor Clinic patients",
        "Every key in one file",
        "The main message, bold and italic and both.",
        "A second paragraph with {braces} and a guide (guides.example.org/knees).",
        "Why it happens",
        "Intro of the causes.",
        "Titled cause",
        "A cause with text only.",
        "How to prevent it",
        "A tip with a picture",
        "What you can do at home",
        "When to get help right away",
        "Treatments at Harbor Clinic",
        "Free text",
        "Call (555) 010-2000, write to hello@harbor.example.org, visit https://harbor.example.org or 9 Pier Road, Portsmouth.",
        "Harbor Clinic",
        "9 Pier Road, Portsmouth",
        "harbor.example.org",
        "Book online: harbor.example.org/appointments",
        "Harbor disclaimer: ask your own doctor.",
    ] {
        let expected: String = expected.split_whitespace().collect();
        assert!(text.contains(&expected), "missing {expected:?} in {text}");
    }
    // The review date is printed (in the footer), the default disclaimer is replaced.
    assert!(text_of(&pdf).contains("Reviewed October 2026"));
    assert!(!text.contains("doesnotreplaceadvice"));

    assert_eq!(
        info_value(&pdf, "Title"),
        "Caring for Harbor Clinic patients"
    );
    assert_eq!(info_value(&pdf, "Author"), "Harbor Clinic");
    assert_eq!(info_value(&pdf, "Subject"), "Every key in one file");
    assert_eq!(info_value(&pdf, "Keywords"), "knees, harbor");
    assert!(info_value(&pdf, "Page size").contains("(A4)"));
    // The PDF's date is SOURCE_DATE_EPOCH's (the tests' "today").
    assert!(info_value(&pdf, "CreationDate").contains("Nov 23"));

    let raw = uncompressed(&pdf);
    assert!(raw.contains("/Lang (en-GB)"));
    // On the Figure structure elements, where screen readers look.
    assert!(raw.contains("/Alt (Harbor Clinic anchor logo)"));
    assert!(raw.contains("/Alt (A blue square standing for a stretch)"));
    for uri in [
        "https://guides.example.org/knees",
        "https://harbor.example.org",
        "mailto:hello@harbor.example.org",
        "https://harbor.example.org/appointments",
    ] {
        assert!(raw.contains(&format!("/URI ({uri})")), "no link to {uri}");
    }
    // The brand colours are painted: primary (band, headings), accent, warning.
    for rgb in [
        "0.122 0.306 0.475 rg",
        "1 0.761 0.055 rg",
        "0.612 0.11 0.11 RG",
    ] {
        assert!(raw.contains(rgb), "colour {rgb} not used");
    }

    let faces: Vec<String> = fonts(&pdf).into_iter().map(|f| f.0).collect();
    for face in ["Regular", "Bold", "Italic", "BoldItalic"] {
        let suffix = format!("-{face}");
        assert!(
            faces.iter().any(|f| f.ends_with(&suffix)),
            "{face} not embedded: {faces:?}"
        );
    }
}

#[test]
fn pictures_are_downscaled_to_300_dpi_and_keep_transparency() {
    let (lib, file) = full_library();
    let pdf = build_in(lib.path(), &file, &[]);
    let list = tool("pdfimages", &["-list", pdf.to_str().unwrap()]);
    let rows: Vec<Vec<&str>> = list
        .lines()
        .skip(2)
        .map(|l| l.split_whitespace().collect())
        .collect();
    // The 1600 px tip picture prints at most 180 pt wide: 750 px at 300 dpi.
    let tip = rows
        .iter()
        .find(|r| r[2] == "image" && r[3].parse::<u32>().unwrap() > 300)
        .expect("the tip picture");
    let width: u32 = tip[3].parse().unwrap();
    assert!(
        (500..=750).contains(&width),
        "tip picture is {width} px wide"
    );
    let x_ppi: u32 = tip[12].parse().unwrap();
    assert!((295..=305).contains(&x_ppi), "tip picture at {x_ppi} ppi");
    // The logo keeps its alpha channel as a soft mask.
    assert!(
        rows.iter().any(|r| r[2] == "smask"),
        "no soft mask in {list}"
    );
    assert!(
        rows.iter().all(|r| r[8] != "no" || r[2] == "smask"),
        "uncompressed image in {list}"
    );
}

#[test]
fn body_size_sets_the_type_size() {
    let measure = |size: u32| {
        let lib = library(&format!("{MINIMAL_CLINIC}[page]\nbody_size = {size}\n"));
        let file = write(
            lib.path(),
            "handouts/a.toml",
            "title = \"T\"\nreviewed = 2026-11-01\nsummary = \"Measure me\"\n",
        );
        let pdf = build_in(lib.path(), &file, &[]);
        let pages = layout(&pdf);
        let word = pages[0]
            .2
            .iter()
            .flat_map(|l| &l.words)
            .find(|w| w.text == "Measure")
            .unwrap()
            .clone();
        word.y1 - word.y0
    };
    let ratio = measure(20) / measure(12);
    // The summary is set at 1.1 × body size either way.
    assert!((ratio - 20.0 / 12.0).abs() < 0.05, "ratio {ratio}");
}

#[test]
fn paper_comes_from_the_clinic_unless_the_command_line_says() {
    let (lib, file) = full_library();
    let pdf = build_in(lib.path(), &file, &[]);
    assert!(info_value(&pdf, "Page size").starts_with("595.276 x 841.89 pts (A4)"));
    let pdf = build_in(lib.path(), &file, &["--paper", "letter"]);
    assert!(info_value(&pdf, "Page size").starts_with("612 x 792 pts (letter)"));
    let lib = library(MINIMAL_CLINIC);
    let file = write(
        lib.path(),
        "handouts/a.toml",
        "title = \"T\"\nreviewed = 2026-11-01\n",
    );
    let pdf = build_in(lib.path(), &file, &[]);
    assert!(info_value(&pdf, "Page size").contains("(letter)"));
    let pdf = build_in(lib.path(), &file, &["--paper", "a4"]);
    assert!(info_value(&pdf, "Page size").contains("(A4)"));
}

#[test]
fn review_months_and_next_review_decide_expiry() {
    let handout = "title = \"Old\"\nreviewed = 2020-01-01\n";
    // 2020-01-01 + 24 months has passed: refused, unless overridden.
    let lib = library(MINIMAL_CLINIC);
    let file = write(lib.path(), "handouts/old.toml", handout);
    let run = handout_run(lib.path(), &file, &[]);
    assert_eq!(run.status.code(), Some(1));
    assert!(
        stderr(&run)
            .contains("old.toml:2:12: error: this handout was due for review on 2022-01-01"),
        "{}",
        stderr(&run)
    );
    assert!(!lib.path().join("out/old.pdf").exists());
    build_in(lib.path(), &file, &["--allow-expired"]);
    // A long review cycle keeps it current.
    let lib = library(&format!(
        "{MINIMAL_CLINIC}[policy]\nreview_months = 120\nmax_grade = 6\n"
    ));
    let file = write(lib.path(), "handouts/old.toml", handout);
    build_in(lib.path(), &file, &[]);
    // An explicit next_review wins over the policy.
    let file = write(
        lib.path(),
        "handouts/old.toml",
        &format!("{handout}next_review = 2021-01-01\n"),
    );
    let run = handout_run(lib.path(), &file, &[]);
    assert!(
        stderr(&run)
            .contains("old.toml:3:15: error: this handout was due for review on 2021-01-01"),
        "{}",
        stderr(&run)
    );
}

fn handout_run(lib: &Path, file: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["build", file.to_str().unwrap()];
    args.extend_from_slice(extra);
    handout(lib, &args)
}

#[test]
fn builds_every_handout_in_a_folder_into_out_dir() {
    let lib = library(MINIMAL_CLINIC);
    write(
        lib.path(),
        "handouts/a.toml",
        "title = \"A\"\nreviewed = 2026-11-01\n",
    );
    write(
        lib.path(),
        "handouts/b.toml",
        "title = \"B\"\nreviewed = 2026-11-01\n",
    );
    let run = handout(lib.path(), &["build"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(lib.path().join("out/a.pdf").is_file() && lib.path().join("out/b.pdf").is_file());
    let run = handout(lib.path(), &["build", "handouts", "--out-dir", "elsewhere"]);
    assert!(run.status.success());
    assert!(lib.path().join("elsewhere/a.pdf").is_file());
    // From a subfolder, clinic.toml is found by walking up.
    let run = handout(
        &lib.path().join("handouts"),
        &["build", "a.toml", "-o", "../one.pdf"],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    assert!(lib.path().join("one.pdf").is_file());
}

#[test]
fn usage_errors_exit_with_2() {
    let lib = library(MINIMAL_CLINIC);
    write(
        lib.path(),
        "handouts/a.toml",
        "title = \"A\"\nreviewed = 2026-11-01\n",
    );
    write(
        lib.path(),
        "handouts/b.toml",
        "title = \"B\"\nreviewed = 2026-11-01\n",
    );
    let run = handout(lib.path(), &["build", "-o", "x.pdf"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).contains("-o/--output names one file, but 2 handouts were given"));
    let run = handout(lib.path(), &["build", "--paper", "legal"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(!lib.path().join("x.pdf").exists() && !lib.path().join("out").exists());
}
