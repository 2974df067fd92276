//! `handout list`: one line per handout with its review status, the ones
//! due soonest first, so editors see what needs reviewing.

use crate::date::Date;
use crate::model::{Clinic, load_handout};
use std::path::PathBuf;

/// A review is "due" this many days ahead of its date.
const DUE_DAYS: i64 = 60;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub file: PathBuf,
    pub language: String,
    pub title: String,
    pub reviewed: Option<Date>,
    pub next_review: Option<Date>,
    pub status: &'static str,
}

pub fn entries(files: &[PathBuf], clinic: &Clinic, today: Date) -> Vec<Entry> {
    let mut out: Vec<Entry> = files
        .iter()
        .map(|file| match load_handout(file, clinic, None) {
            Ok(h) => {
                let days_left = h.next_review.days_since_epoch() - today.days_since_epoch();
                let status = match days_left {
                    d if d < 0 => "expired",
                    d if d <= DUE_DAYS => "due",
                    _ => "ok",
                };
                Entry {
                    file: file.clone(),
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
            [
                e.file.display().to_string(),
                e.language.clone(),
                date(e.reviewed),
                date(e.next_review),
                e.status.to_string(),
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
