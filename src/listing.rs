//! `handout list`: one line per handout with its review status, the ones
//! due soonest first, so editors see what needs reviewing; its exit status
//! tells a scheduled job when a handout has expired or has errors.

use crate::check::Format;
use crate::date::Date;
use crate::library::today;
use crate::model::{Clinic, Shelf, load_handout};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

/// A review is "due" this many days ahead of its date.
pub const DUE_DAYS: i64 = 60;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub file: PathBuf,
    pub language: String,
    pub title: String,
    pub reviewed: Option<Date>,
    pub next_review: Option<Date>,
    /// invalid | expired | due | ok
    pub status: &'static str,
    /// A translation made from an older review of its source.
    pub stale: bool,
}

impl Entry {
    /// Whether a scheduled job should alert someone.
    pub fn alarming(&self) -> bool {
        matches!(self.status, "invalid" | "expired")
    }
}

/// Run `handout list`; the exit status: 1 when any handout is expired or
/// invalid, so a scheduled job can alert someone.
pub fn run(inputs: &[PathBuf], clinic: Option<&Path>, format: Format) -> i32 {
    let (library, clinic) = match crate::library::open(clinic) {
        Ok(opened) => opened,
        Err(status) => return status,
    };
    let files = match library.handout_files(inputs) {
        Ok(files) => files,
        Err(d) => return crate::diagnostic::print_all(&[d]),
    };
    if files.is_empty() && matches!(format, Format::Human) {
        crate::console::say(format_args!(
            "no handouts found: nothing to list (`handout new NAME` starts one)"
        ));
        return 0;
    }
    let entries = entries(&files, &clinic, today());
    let status = i32::from(entries.iter().any(Entry::alarming));
    crate::console::print(status, |out| match format {
        Format::Human => write!(out, "{}", table(&entries)),
        Format::Json => writeln!(out, "{}", json(&entries)),
    })
}

pub fn entries(files: &[PathBuf], clinic: &Clinic, today: Date) -> Vec<Entry> {
    let shelf = Shelf::default();
    let mut out: Vec<Entry> = files
        .iter()
        .map(|file| match load_handout(file, clinic, None, &shelf) {
            Ok(h) => {
                let days_left = h.next_review.days_since_epoch() - today.days_since_epoch();
                let status = match days_left {
                    d if d < 0 => "expired",
                    d if d <= DUE_DAYS => "due",
                    _ => "ok",
                };
                Entry {
                    file: file.clone(),
                    stale: crate::check::stale(&h),
                    language: h.language,
                    title: h.title,
                    reviewed: Some(h.reviewed),
                    next_review: Some(h.next_review),
                    status,
                }
            }
            Err(_) => Entry {
                file: file.clone(),
                language: String::new(),
                title: "(has errors: run handout check)".into(),
                reviewed: None,
                next_review: None,
                status: "invalid",
                stale: false,
            },
        })
        .collect();
    // Files with errors first, then the soonest review.
    out.sort_by_key(|e| (e.next_review.is_some(), e.next_review, e.file.clone()));
    out
}

/// The entries as an aligned table.
pub fn table(entries: &[Entry]) -> String {
    let date = |d: Option<Date>| d.map_or_else(|| "-".to_string(), |d| d.to_string());
    let rows: Vec<[String; 6]> = entries
        .iter()
        .map(|e| {
            let status = if e.stale {
                format!("{}, stale translation", e.status)
            } else {
                e.status.to_string()
            };
            [
                e.file.display().to_string(),
                e.language.clone(),
                date(e.reviewed),
                date(e.next_review),
                status,
                e.title.clone(),
            ]
        })
        .collect();
    let header = [
        "FILE",
        "LANGUAGE",
        "REVIEWED",
        "NEXT REVIEW",
        "STATUS",
        "TITLE",
    ]
    .map(String::from);
    let all: Vec<&[String; 6]> = std::iter::once(&header).chain(&rows).collect();
    let widths: Vec<usize> = (0..6)
        .map(|i| all.iter().map(|r| r[i].chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for row in all {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}

/// The entries as one JSON object, for scripts.
pub fn json(entries: &[Entry]) -> Value {
    let date = |d: Option<Date>| d.map(|d| d.to_string());
    let handouts: Vec<Value> = entries
        .iter()
        .map(|e| {
            json!({
                "file": e.file.display().to_string(),
                "language": (!e.language.is_empty()).then_some(&e.language),
                "title": (e.status != "invalid").then_some(&e.title),
                "reviewed": date(e.reviewed),
                "next_review": date(e.next_review),
                "status": e.status,
                "stale_translation": e.stale,
            })
        })
        .collect();
    json!({ "handouts": handouts })
}
