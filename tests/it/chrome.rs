//! Header, footer and cover against clinic details of every length: names
//! and phone lines of 10 to 120 characters, in every layout, paper and
//! sample language, either build with no word drawn over another and none
//! outside the printable page, or are refused at their clinic.toml line.

use crate::common::*;
use std::path::{Path, PathBuf};
use std::process::Output;

/// Lengths swept, names and phone lines paired: a name of 57 to 64
/// characters with a phone line of 51 to 55 once put the footer's two halves
/// on top of each other.
const NAMES: [usize; 6] = [10, 30, 57, 64, 90, 120];
const PHONES: [usize; 6] = [120, 90, 55, 51, 30, 10];
/// Nothing is drawn nearer the paper's edge than office printers reach.
const PRINTER_MARGIN: f32 = 18.0;

const NAME: &str = "Gramercy Pain Center for Sports Medicine and Rehabilitation of Lower \
                    Manhattan and Brooklyn Heights Physical Therapy and Family Practice Group";
const PHONE: &str = "(212) 555-0147, after hours and weekends (212) 555-0199, or text us at \
                     (212) 555-0100 from 8 am to 6 pm on weekdays and Saturdays";

/// The first `n` characters of `text`, without a space at the end.
fn cut(text: &str, n: usize) -> String {
    text.chars()
        .take(n)
        .collect::<String>()
        .trim_end()
        .to_string()
}

/// The repository's clinic.toml with this name and phone line (lines 3 and
/// 6) and, for one column, `columns = 1`.
fn clinic_toml(name: &str, phone: &str, one_column: bool) -> String {
    let original = std::fs::read_to_string(repo().join("clinic.toml")).unwrap();
    let mut out = String::new();
    for line in original.lines() {
        let line = match line {
            l if l.starts_with("name = ") => format!("name = \"{name}\""),
            l if l.starts_with("phone = ") => format!("phone = \"{phone}\""),
            "[page]" if one_column => "[page]\ncolumns = 1".to_string(),
            l => l.to_string(),
        };
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// One build of every sample: the clinic's name and phone lengths, and the
/// build's options.
struct Case {
    name: usize,
    phone: usize,
    one_column: bool,
    args: Vec<&'static str>,
}

/// Every length of name and of phone, in every layout, letter and A4 in
/// turn; one column on two of them.
fn cases() -> Vec<Case> {
    let layouts: [&[&str]; 3] = [&[], &["--large-print"], &["--layout", "trifold"]];
    let mut cases = Vec::new();
    for (i, (&name, &phone)) in NAMES.iter().zip(&PHONES).enumerate() {
        for (l, layout) in layouts.iter().enumerate() {
            let mut args = layout.to_vec();
            if (i + l) % 2 == 1 {
                args.extend(["--paper", "a4"]);
            }
            let one_column = l == 0 && i % 3 == 1;
            cases.push(Case {
                name,
                phone,
                one_column,
                args,
            });
        }
    }
    cases
}

/// Build every sample for `case` in a library of its own.
fn run(case: &Case) -> (tempfile::TempDir, Output) {
    let (name, phone) = (cut(NAME, case.name), cut(PHONE, case.phone));
    let lib = library(&clinic_toml(&name, &phone, case.one_column));
    for file in sample_handouts() {
        let to = lib.path().join("handouts").join(file.file_name().unwrap());
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(&file, to).unwrap();
    }
    let mut args = vec!["build", "--out-dir", "out"];
    args.extend(&case.args);
    let out = handout(lib.path(), &args);
    (lib, out)
}

/// What is wrong with a built PDF: words over each other or past the
/// printable page.
fn problems(pdf: &Path) -> Option<String> {
    for (p, (w, h, lines)) in layout(pdf).iter().enumerate() {
        let words: Vec<&Word> = lines.iter().flat_map(|l| &l.words).collect();
        for (i, a) in words.iter().enumerate() {
            let m = PRINTER_MARGIN;
            if a.x0 < m || a.y0 < m || a.x1 > w - m || a.y1 > h - m {
                return Some(format!("page {}: {a:?} is outside the page", p + 1));
            }
            if let Some(b) = words[i + 1..].iter().find(|b| overlap(a, b)) {
                return Some(format!("page {}: {a:?} overprints {b:?}", p + 1));
            }
        }
    }
    None
}

/// Each sample of a case is a good PDF, or refused at the clinic.toml line
/// of the name or phone (a trifold also refuses a handout too long for it).
fn judge(case: &Case, lib: &Path, out: &Output) -> Vec<String> {
    let said = stderr(out);
    let refused = said.lines().any(|l| {
        (l.starts_with("clinic.toml:3:") || l.starts_with("clinic.toml:6:"))
            && l.contains("too long to print")
    });
    let mut found = Vec::new();
    for file in sample_handouts() {
        let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
        let pdfs: Vec<PathBuf> = std::fs::read_dir(lib.join("out"))
            .map(|d| d.flatten().map(|e| e.path()).collect())
            .unwrap_or_default();
        let pdf = pdfs.iter().find(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            let variant = name.strip_prefix(&stem);
            variant.is_some_and(|v| [".pdf", ".large.pdf", ".trifold.pdf"].contains(&v))
        });
        let what = format!(
            "name of {} and phone of {} characters, {:?}{}, {stem}",
            case.name,
            case.phone,
            case.args,
            if case.one_column { ", one column" } else { "" }
        );
        match pdf {
            Some(pdf) => {
                if let Some(problem) = problems(pdf) {
                    found.push(format!("{what}: {problem}"));
                }
            }
            None => {
                let too_long = said.contains(&format!(
                    "{stem}.toml:1:1: error: this handout does not fit a trifold"
                ));
                if !refused && !too_long {
                    found.push(format!(
                        "{what}: no PDF, and no error at the clinic.toml line:\n{said}"
                    ));
                }
            }
        }
    }
    // Clinic details as long as many real clinics' build on a sheet.
    let ordinary = case.name <= 64 && case.phone <= 64;
    if ordinary && refused && !case.args.contains(&"trifold") {
        found.push(format!(
            "{:?}: ordinary details refused:\n{said}",
            case.args
        ));
    }
    found
}

#[test]
fn clinic_details_of_any_length_never_overprint() {
    let cases = cases();
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(4);
    let chunks: Vec<&[Case]> = cases.chunks(cases.len().div_ceil(threads)).collect();
    let found: Vec<String> = std::thread::scope(|s| {
        let handles: Vec<_> = chunks
            .iter()
            .map(|chunk| {
                s.spawn(move || {
                    let mut found = Vec::new();
                    for case in *chunk {
                        let (lib, out) = run(case);
                        found.extend(judge(case, lib.path(), &out));
                    }
                    found
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    assert!(found.is_empty(), "{}", found.join("\n"));
}
