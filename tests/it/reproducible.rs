//! Identical inputs give byte-identical PDFs — across processes and within
//! one — and a failed build never touches the previous good PDF.

use crate::common::*;
use handout::build::{BuildOptions, build_pdf};
use handout::date::Date;
use handout::model::{Paper, load_clinic};

#[test]
fn two_runs_write_identical_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let a = build(dir.path(), &sample(), &[]);
    let first = std::fs::read(&a).unwrap();
    std::fs::remove_file(&a).unwrap();
    let second = std::fs::read(build(dir.path(), &sample(), &[])).unwrap();
    assert!(first == second, "the two builds differ");
}

#[test]
fn one_process_building_several_pdfs_repeats_itself_exactly() {
    let clinic = load_clinic(&repo().join("clinic.toml")).unwrap();
    let options = BuildOptions::sheet(Paper::Letter, Date::new(2026, 11, 24).unwrap());
    let long = repo().join("tests/fixtures/long-handout.toml");
    let first = build_pdf(&sample(), &clinic, &options).unwrap().bytes;
    let other = build_pdf(&long, &clinic, &options).unwrap().bytes;
    let again = build_pdf(&sample(), &clinic, &options).unwrap().bytes;
    assert!(
        first == again,
        "building another handout in between changed the bytes"
    );
    assert!(first != other);
    let a4 = build_pdf(
        &sample(),
        &clinic,
        &BuildOptions {
            paper: Paper::A4,
            ..options
        },
    )
    .unwrap()
    .bytes;
    assert!(a4 != first);
}

#[test]
fn source_date_epoch_sets_the_pdf_dates() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("x.pdf");
    let clinic = repo().join("clinic.toml");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_handout"))
        .args([
            "build",
            sample().to_str().unwrap(),
            "--clinic",
            clinic.to_str().unwrap(),
            "-o",
            pdf.to_str().unwrap(),
        ])
        .env("SOURCE_DATE_EPOCH", "1800000000")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        info_value(&pdf, "CreationDate").contains("Jan 15 00:00:00 2027"),
        "{}",
        info_value(&pdf, "CreationDate")
    );
}

#[test]
fn a_failed_build_leaves_the_previous_pdf_untouched() {
    let lib = library(MINIMAL_CLINIC);
    let file = write(
        lib.path(),
        "handouts/h.toml",
        "title = \"Knee pain\"\nreviewed = 2026-11-01\n",
    );
    let run = handout(lib.path(), &["build"]);
    assert!(run.status.success());
    let good = std::fs::read(lib.path().join("out/h.pdf")).unwrap();
    std::fs::write(
        &file,
        "title = \"Knee pain\"\nreviewed = 2026-11-01\nsummary = \"{oops}\"\n",
    )
    .unwrap();
    let run = handout(lib.path(), &["build"]);
    assert_eq!(run.status.code(), Some(1));
    assert_eq!(std::fs::read(lib.path().join("out/h.pdf")).unwrap(), good);
    assert_eq!(
        std::fs::read_dir(lib.path().join("out")).unwrap().count(),
        1,
        "temporary files left behind"
    );
}
