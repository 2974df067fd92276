//! `check`'s output: diagnostics on standard error and a readability report
//! on standard output for people, or one JSON object for machines.

use super::FileReport;
use crate::diagnostic::Severity;
use serde_json::{Value, json};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Human,
    Json,
}

pub fn print(format: Format, reports: &[FileReport], errors: usize, warnings: usize) {
    match format {
        Format::Human => human(reports, errors, warnings),
        Format::Json => println!("{}", json(reports, errors, warnings)),
    }
}

fn human(reports: &[FileReport], errors: usize, warnings: usize) {
    for report in reports {
        for d in &report.diagnostics {
            eprintln!("{d}");
        }
        let Some(r) = &report.readability else {
            match &report.language {
                Some(l) if l == "en" || l.starts_with("en-") => println!(
                    "{}: readability not measured: there is no text beyond the title",
                    report.file.display()
                ),
                Some(language) => println!(
                    "{}: readability not measured: the grade formulas are for English, this is `{language}`",
                    report.file.display()
                ),
                None => {}
            }
            continue;
        };
        println!(
            "{}: grade {:.1} (Flesch-Kincaid), {:.1} (SMOG); {} words in {} sentences{}",
            report.file.display(),
            r.flesch_kincaid_grade,
            r.smog,
            r.words,
            r.sentences,
            if r.sentences < crate::readability::SMOG_SENTENCES {
                "; SMOG is meant for 30 sentences or more"
            } else {
                ""
            }
        );
        for s in &r.sections {
            println!(
                "  {:>5.1} {:>5.1}  {}",
                s.flesch_kincaid_grade, s.smog, s.heading
            );
        }
    }
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    eprintln!(
        "{}, {}",
        plural(errors, "error"),
        plural(warnings, "warning")
    );
}

/// One JSON object, as SPEC.md's "Machine-readable output" shows.
fn json(reports: &[FileReport], errors: usize, warnings: usize) -> Value {
    let round = |v: f64| (v * 10.0).round() / 10.0;
    let files: Vec<Value> = reports
        .iter()
        .map(|r| {
            let readability = r.readability.as_ref().map(|r| {
                json!({
                    "words": r.words,
                    "sentences": r.sentences,
                    "flesch_kincaid_grade": round(r.flesch_kincaid_grade),
                    "smog": round(r.smog),
                    "sections": r.sections.iter().map(|s| json!({
                        "heading": s.heading,
                        "flesch_kincaid_grade": round(s.flesch_kincaid_grade),
                        "smog": round(s.smog),
                    })).collect::<Vec<_>>(),
                })
            });
            let diagnostics: Vec<Value> = r
                .diagnostics
                .iter()
                .map(|d| {
                    json!({
                        "line": d.line,
                        "column": d.column,
                        "severity": match d.severity { Severity::Error => "error", Severity::Warning => "warning" },
                        "code": d.code,
                        "message": d.message,
                    })
                })
                .collect();
            json!({
                "file": r.file.display().to_string(),
                "language": r.language,
                "readability": readability,
                "diagnostics": diagnostics,
            })
        })
        .collect();
    json!({ "files": files, "errors": errors, "warnings": warnings })
}
