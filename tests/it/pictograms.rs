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
