//! `handout build`: find the clinic, validate each handout, lay it out, render
//! it and write it atomically. A bad file is reported and skipped; the others
//! are still built.

use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::layout;
use crate::model::{Clinic, Handout, Paper, load_clinic, load_handout};
use crate::output::write_atomic;
use crate::render;
use std::path::{Path, PathBuf};

/// What to build, as the command line says it.
#[derive(Debug, Clone, Default)]
pub struct BuildRequest {
    pub inputs: Vec<PathBuf>,
    pub output: Option<PathBuf>,
    pub out_dir: Option<PathBuf>,
    pub clinic: Option<PathBuf>,
    pub paper: Option<Paper>,
    pub allow_expired: bool,
}

/// How one handout is built.
#[derive(Debug, Clone, Copy)]
pub struct BuildOptions {
    pub paper: Paper,
    pub allow_expired: bool,
    /// The day the build runs, for review-date checks.
    pub today: Date,
}

/// A finished PDF.
pub struct Built {
    pub bytes: Vec<u8>,
    pub pages: usize,
}

/// Build one handout file into PDF bytes.
pub fn build_pdf(
    path: &Path,
    clinic: &Clinic,
    options: &BuildOptions,
) -> Result<Built, Vec<Diagnostic>> {
    let handout = load_handout(path, clinic, None)?;
    if !options.allow_expired && handout.next_review < options.today {
        return Err(vec![expired(&handout)]);
    }
    let doc = layout::sheet(&handout, clinic, options.paper, pdf_date(&handout));
    Ok(Built {
        pages: doc.pages.len(),
        bytes: render::pdf(doc, &clinic.fonts),
    })
}

fn expired(h: &Handout) -> Diagnostic {
    h.source.error(
        h.review_at,
        "expired",
        format!(
            "this handout was due for review on {} and must not be printed until it is reviewed \
             (update `reviewed`, or build with --allow-expired)",
            h.next_review
        ),
    )
}

/// The date stamped into the PDF: SOURCE_DATE_EPOCH when set, else the review date.
fn pdf_date(h: &Handout) -> Date {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .map_or(h.reviewed, |secs| {
            Date::from_days_since_epoch(secs.div_euclid(86_400))
        })
}

/// Today's date in UTC.
pub fn today() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    Date::from_days_since_epoch(secs / 86_400)
}

/// The nearest clinic.toml in `start` or a folder above it.
pub fn find_clinic(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|d| d.join("clinic.toml"))
        .find(|p| p.is_file())
}

/// Handout files named by `inputs`: files as given, folders as their *.toml files.
pub fn collect_inputs(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, Diagnostic> {
    let mut files = Vec::new();
    for input in inputs {
        if input.is_dir() {
            let entries = std::fs::read_dir(input).map_err(|e| {
                Diagnostic::for_file(
                    input,
                    "unreadable-file",
                    format!("cannot read the folder: {}", crate::model::io_reason(&e)),
                )
            })?;
            let mut found: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file())
                .collect();
            found.sort();
            files.extend(found);
        } else {
            files.push(input.clone());
        }
    }
    Ok(files)
}

/// Run `handout build`; the exit status.
pub fn run(request: &BuildRequest) -> i32 {
    let cwd = std::env::current_dir().unwrap_or_default();
    let found =
        || find_clinic(&cwd).map(|p| p.strip_prefix(&cwd).map(Path::to_path_buf).unwrap_or(p));
    let Some(clinic_path) = request.clinic.clone().or_else(found) else {
        eprintln!("error: no clinic.toml in this folder or any folder above it; use --clinic FILE");
        return 1;
    };
    let base = clinic_path.parent().unwrap_or(Path::new("")).to_path_buf();
    let clinic = match load_clinic(&clinic_path) {
        Ok(c) => c,
        Err(diags) => return report(&diags),
    };
    let inputs = if request.inputs.is_empty() {
        vec![base.join("handouts")]
    } else {
        request.inputs.clone()
    };
    let files = match collect_inputs(&inputs) {
        Ok(f) => f,
        Err(d) => return report(&[d]),
    };
    if request.output.is_some() && files.len() != 1 {
        eprintln!(
            "error: -o/--output names one file, but {} handouts were given; use --out-dir",
            files.len()
        );
        return 2;
    }
    let options = BuildOptions {
        paper: request.paper.unwrap_or(clinic.paper),
        allow_expired: request.allow_expired,
        today: today(),
    };
    let out_dir = request.out_dir.clone().unwrap_or_else(|| base.join("out"));
    let mut failed = 0;
    for file in &files {
        let target = request.output.clone().unwrap_or_else(|| {
            let stem = file
                .file_stem()
                .map(|s| s.to_string_lossy())
                .unwrap_or_default();
            out_dir.join(format!("{stem}.pdf"))
        });
        let written = build_pdf(file, &clinic, &options).and_then(|built| {
            write_atomic(&target, &built.bytes)
                .map(|()| built)
                .map_err(|e| {
                    vec![Diagnostic::for_file(
                        &target,
                        "write-failed",
                        format!("cannot write the PDF: {}", crate::model::io_reason(&e)),
                    )]
                })
        });
        match written {
            Ok(built) => eprintln!("built {} ({} pages)", target.display(), built.pages),
            Err(diags) => {
                report(&diags);
                failed += 1;
            }
        }
    }
    if files.len() > 1 {
        eprintln!("{} built, {failed} failed", files.len() - failed);
    }
    i32::from(failed > 0)
}

/// Print diagnostics to standard error; the exit status for them.
fn report(diags: &[Diagnostic]) -> i32 {
    for d in diags {
        eprintln!("{d}");
    }
    i32::from(
        diags
            .iter()
            .any(|d| d.severity == crate::diagnostic::Severity::Error),
    )
}
