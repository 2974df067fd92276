//! Patient copies: "Prepared for", {patient.name} and the clinician's note,
//! with the name kept out of file names, logs and PDF metadata.

use crate::common::*;

const HANDOUT: &str = r#"title = "Knee care"
subtitle = "After your visit"
keywords = ["knee"]
reviewed = 2026-11-01
summary = "Dear {patient.name}, this is your plan."
[[section]]
kind = "self-care"
heading = "At home"
[[section.item]]
text = "Rest your knee."
"#;

#[test]
fn a_patient_copy_names_the_patient_only_on_the_page() {
    let lib = library(MINIMAL_CLINIC);
    write(lib.path(), "handouts/knee.toml", HANDOUT);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_handout"))
        .args([
            "build",
            "handouts/knee.toml",
            "--patient",
            "Jane Q. Doe",
            "--note",
            "Ice it **twice a day**.\n\nSee you Monday.",
        ])
        .current_dir(lib.path())
        .env("SOURCE_DATE_EPOCH", TODAY_EPOCH)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    // The copy never takes the shared leaflet's name.
    assert!(!lib.path().join("out/knee.pdf").exists());
    let pdf = lib.path().join("out/knee.patient.pdf");
    assert_valid(&pdf);
    let text = normalize(&text_of(&pdf));
    assert!(
        text.contains("Knee care After your visit Prepared for Jane Q. Doe, November 23, 2026"),
        "{text}"
    );
    assert!(
        text.contains("Dear Jane Q. Doe, this is your plan."),
        "{text}"
    );
    // The note comes after the main message and before the first section.
    let note = text
        .find("A note from your care team Ice it twice a day. See you Monday.")
        .expect("the note");
    assert!(text.find("this is your plan").unwrap() < note && note < text.find("At home").unwrap());

    // Nowhere but on the page: not in the metadata, the outline, the file name or the log.
    let raw = uncompressed(&pdf);
    assert!(
        !raw.contains("Jane"),
        "the name is in the PDF's objects outside the page text"
    );
    assert!(info(&pdf).iter().all(|(_, v)| !v.contains("Jane")));
    let names: Vec<String> = std::fs::read_dir(lib.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["knee.patient.pdf"]);
    assert!(
        !stderr(&out).contains("Jane") && !String::from_utf8_lossy(&out.stdout).contains("Jane")
    );
}

#[test]
fn the_patient_name_may_not_go_where_metadata_comes_from() {
    let lib = library(MINIMAL_CLINIC);
    write(
        lib.path(),
        "handouts/knee.toml",
        &HANDOUT.replace(
            "title = \"Knee care\"",
            "title = \"Knee care for {patient.name}\"",
        ),
    );
    let out = handout(
        lib.path(),
        &["build", "handouts/knee.toml", "--patient", "Jane"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out)
            .contains("handouts/knee.toml:1:24: error: {patient.name} cannot be used in `title`"),
        "{}",
        stderr(&out)
    );
    assert!(!lib.path().join("out").exists());
}

#[test]
fn a_note_with_a_character_no_font_draws_is_refused() {
    let lib = library(MINIMAL_CLINIC);
    write(lib.path(), "handouts/knee.toml", HANDOUT);
    let out = handout(
        lib.path(),
        &[
            "build",
            "handouts/knee.toml",
            "--patient",
            "Jane",
            "--note",
            "Take 1 tablet → twice",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    assert_says(
        &out,
        "--note: no configured font can draw the character U+2192",
    );
    assert!(!lib.path().join("out").exists());
}

#[test]
fn the_prepared_for_line_is_a_box_on_page_one() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = build(dir.path(), &sample(), &["--patient", "Jane Doe"]);
    let pages = layout(&pdf);
    let line = pages[0]
        .2
        .iter()
        .find(|l| l.text().starts_with("Prepared for Jane Doe"))
        .expect("the Prepared for line on page 1");
    let (top, bottom) = (
        line.top(),
        line.words.iter().map(|w| w.y1).fold(0.0, f32::max),
    );
    let (page, _, _) = crate::page_use::raster(&pdf, 0);
    // A border across the page just above the line and just below it.
    let edge =
        |from: f32, to: f32| (0..=((to - from) as usize)).any(|d| page.across(from + d as f32));
    assert!(edge(top - 16.0, top - 1.0), "no box edge above the line");
    assert!(
        edge(bottom + 1.0, bottom + 16.0),
        "no box edge below the line"
    );
}

/// The lines of `pdf` that are pieces of the disclaimer `text`: (page, left
/// edge, page width).
fn disclaimer_lines(pdf: &std::path::Path, text: &str) -> Vec<(usize, f32, f32)> {
    let text = normalize(text);
    let mut found = Vec::new();
    for (p, (w, _, lines)) in layout(pdf).into_iter().enumerate() {
        for line in lines {
            let line_text = normalize(&line.text());
            if line_text.len() > 8 && text.contains(&line_text) {
                found.push((p, line.left(), w));
            }
        }
    }
    found
}

#[test]
fn a_patient_copys_disclaimer_is_never_split_across_columns_or_pages() {
    let dir = tempfile::tempdir().unwrap();
    let disclaimers = [
        ("upper-back-pain-after-running.es.toml", "es"),
        ("upper-back-pain-after-running.toml", "en"),
        ("neck-pain-at-your-desk.toml", "en"),
    ];
    let patient = [
        "--patient",
        "Maria Lopez",
        "--note",
        "Walk 20 minutes a day.",
    ];
    for (file, language) in disclaimers {
        let words: toml::Table = toml::from_str(
            &std::fs::read_to_string(repo().join(format!("src/model/words/{language}.toml")))
                .unwrap(),
        )
        .unwrap();
        let text = words["disclaimer"].as_str().unwrap();
        for extra in [&[][..], &["--large-print"][..], &["--paper", "a4"][..]] {
            let sub = dir.path().join(format!("{file}{}", extra.join("")));
            std::fs::create_dir_all(&sub).unwrap();
            let args = [&patient[..], extra].concat();
            let pdf = build(&sub, &repo().join("handouts").join(file), &args);
            let lines = disclaimer_lines(&pdf, text);
            assert!(lines.len() >= 2, "{file} {extra:?}: disclaimer not found");
            let (page, left, w) = lines[0];
            for (p, l, _) in &lines {
                let column = |x: f32| x >= w / 2.0;
                assert!(
                    *p == page && column(*l) == column(left),
                    "{file} {extra:?}: the disclaimer splits: {lines:?}"
                );
            }
        }
    }
}
