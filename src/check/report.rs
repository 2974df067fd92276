//! `check`'s output: diagnostics on standard error and a readability report
//! on standard output for people, or one JSON object for machines.

use super::FileReport;
use super::pemat::{Pemat, Scale};
use crate::diagnostic::Severity;
use serde_json::{Value, json};
use std::io::{self, Write};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
}

/// The report to `out`; the problems, for people, to standard error.
pub fn print(
    out: &mut dyn Write,
    format: Format,
    reports: &[FileReport],
    errors: usize,
    warnings: usize,
) -> io::Result<()> {
    match format {
        Format::Human => human(out, reports, errors, warnings),
        Format::Json => writeln!(out, "{}", json(reports, errors, warnings)),
    }
}

fn human(
    out: &mut dyn Write,
    reports: &[FileReport],
    errors: usize,
    warnings: usize,
) -> io::Result<()> {
    for report in reports {
        crate::diagnostic::print_all(&report.diagnostics);
        if let Some(r) = &report.readability {
            english(out, report, r)?;
        } else if let Some(s) = &report.spanish {
            spanish(out, report, s)?;
        } else if let Some(language) = &report.language
            && (language == "en" || language.starts_with("en-"))
        {
            writeln!(
                out,
                "{}: readability not measured: there is no text beyond the title",
                report.file.display()
            )?;
        } else if let Some(language) = &report.language {
            writeln!(
                out,
                "{}: readability not measured: no formula is built in for `{language}` (only for \
                 English and Spanish); ask a reader of the language to judge it",
                report.file.display()
            )?;
        }
        if let Some(p) = &report.pemat {
            writeln!(out, "  {}", pemat_line(p))?;
        }
    }
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    crate::console::say(format_args!(
        "{}, {}",
        plural(errors, "error"),
        plural(warnings, "warning")
    ));
    Ok(())
}

/// The English readability summary: grades for the handout and sections.
fn english(out: &mut dyn Write, report: &FileReport, r: &super::Readability) -> io::Result<()> {
    writeln!(
        out,
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
    )?;
    for s in &r.sections {
        writeln!(
            out,
            "  {:>5.1} {:>5.1}  {}",
            s.flesch_kincaid_grade, s.smog, s.heading
        )?;
    }
    Ok(())
}

/// The Spanish readability summary: INFLESZ score, handout and sections.
fn spanish(
    out: &mut dyn Write,
    report: &FileReport,
    s: &super::SpanishReadability,
) -> io::Result<()> {
    writeln!(
        out,
        "{}: INFLESZ {:.1} (Szigriszt-Pazos, \"{}\"), {:.1} (Fernández-Huerta); {} words in {} sentences",
        report.file.display(),
        s.szigriszt_pazos,
        crate::readability::spanish::inflesz(s.szigriszt_pazos),
        s.fernandez_huerta,
        s.words,
        s.sentences
    )?;
    for section in &s.sections {
        writeln!(
            out,
            "  {:>5.1} {:>5.1}  {}",
            section.szigriszt_pazos, section.fernandez_huerta, section.heading
        )?;
    }
    Ok(())
}

/// One line: both PEMAT-P percentages, the items not met, and those a
/// person must judge.
fn pemat_line(p: &Pemat) -> String {
    let percent = |scale| {
        p.percent(scale)
            .map_or("not judged".to_string(), |n| format!("{n}%"))
    };
    let ids = |items: Vec<&str>| {
        if items.is_empty() {
            "none".to_string()
        } else {
            items.join(", ")
        }
    };
    format!(
        "PEMAT-P: understandability {}, actionability {} (items a program can judge; 70% passes); \
         not met: {}; for a person to judge: {}",
        percent(Scale::Understandability),
        percent(Scale::Actionability),
        ids(p.unmet().map(|i| i.id).collect()),
        ids(p.for_a_person().map(|i| i.id).collect()),
    )
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
            let spanish = r.spanish.as_ref().map(|s| {
                json!({
                    "words": s.words,
                    "sentences": s.sentences,
                    "fernandez_huerta": round(s.fernandez_huerta),
                    "szigriszt_pazos": round(s.szigriszt_pazos),
                    "inflesz": crate::readability::spanish::inflesz(s.szigriszt_pazos),
                    "sections": s.sections.iter().map(|s| json!({
                        "heading": s.heading,
                        "fernandez_huerta": round(s.fernandez_huerta),
                        "szigriszt_pazos": round(s.szigriszt_pazos),
                    })).collect::<Vec<_>>(),
                })
            });
            let pemat = r.pemat.as_ref().map(|p| {
                json!({
                    "understandability": p.percent(Scale::Understandability),
                    "actionability": p.percent(Scale::Actionability),
                    "items": p.items.iter().map(|i| json!({
                        "id": i.id,
                        "scale": match i.scale {
                            Scale::Understandability => "understandability",
                            Scale::Actionability => "actionability",
                        },
                        "met": i.met,
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
                "readability": readability.or(spanish),
                "pemat": pemat,
                "diagnostics": diagnostics,
            })
        })
        .collect();
    json!({ "files": files, "errors": errors, "warnings": warnings })
}
