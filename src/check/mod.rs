//! `handout check`: validate every handout, lint it and report its
//! readability; writes nothing. Errors stop printing; warnings advise.

mod brand;
pub mod jargon;
mod lints;
pub mod pemat;
mod report;
mod spanish;
mod trifold;

pub use lints::{Readability, stale};
pub use pemat::Pemat;
pub use report::Format;
pub use spanish::SpanishReadability;
pub use trifold::warning as trifold_warning;

use crate::date::Date;
use crate::diagnostic::print_all as print_diagnostics;
use crate::diagnostic::{Diagnostic, Severity};
use crate::library::{Library, today};
use crate::model::{Clinic, Handout, Shelf, load_clinic, load_handout};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub struct CheckRequest {
    pub inputs: Vec<PathBuf>,
    pub clinic: Option<PathBuf>,
    pub format: Format,
}

/// What `check` found in one file.
#[derive(Debug)]
pub struct FileReport {
    pub file: PathBuf,
    pub language: Option<String>,
    pub readability: Option<Readability>,
    /// For a Spanish handout, in place of `readability`.
    pub spanish: Option<SpanishReadability>,
    pub pemat: Option<Pemat>,
    pub diagnostics: Vec<Diagnostic>,
}

impl FileReport {
    fn count(&self, severity: Severity) -> usize {
        crate::diagnostic::count(&self.diagnostics, severity)
    }
}

/// Check one handout against its clinic.
pub fn check_file(path: &Path, clinic: &Clinic, today: Date, shelf: &Shelf) -> FileReport {
    match load_handout(path, clinic, None, shelf) {
        Ok(handout) => check_handout(&handout, clinic, today),
        Err(diagnostics) => FileReport {
            file: path.to_path_buf(),
            language: None,
            readability: None,
            spanish: None,
            pemat: None,
            diagnostics,
        },
    }
}

/// The lints and readability of a handout that loaded.
pub fn check_handout(handout: &Handout, clinic: &Clinic, today: Date) -> FileReport {
    let mut report = check_but_trifold(handout, clinic, today);
    report.diagnostics.extend(trifold::lint(handout, clinic));
    report
}

/// What [`check_handout`] finds but the trifold's body size: for a build
/// that folds the handout, and so knows it (see [`trifold_warning`]).
pub fn check_but_trifold(handout: &Handout, clinic: &Clinic, today: Date) -> FileReport {
    let mut diagnostics: Vec<Diagnostic> = handout
        .reviewed_in_future(today)
        .into_iter()
        .chain(handout.expired(today))
        .collect();
    diagnostics.extend(lints::translation(handout));
    diagnostics.extend(lints::kinds(handout));
    diagnostics.extend(lints::due_soon(handout, today));
    diagnostics.extend(lints::markup(handout));
    diagnostics.extend(lints::links(handout));
    let units = lints::Units::of(handout);
    diagnostics.extend(lints::disclaimer_language(handout));
    diagnostics.extend(lints::text_language(handout, &units));
    diagnostics.extend(lints::key_points(handout, &units));
    let language = &handout.writing.primary;
    // Sentence length counts words between spaces: not in Chinese, Japanese
    // or Thai, which write none, nor in Vietnamese, which spaces syllables.
    if spaces_words(language) && language != "vi" {
        diagnostics.extend(lints::long_sentences(handout, &units));
    }
    // The grade formulas (Flesch-Kincaid, SMOG) are for English only;
    // Spanish has its own.
    let readability = (language == "en")
        .then(|| lints::readability(handout, &units, clinic.max_grade, &mut diagnostics))
        .flatten();
    let spanish = (language == "es")
        .then(|| spanish::readability(handout, &units, clinic.min_inflesz, &mut diagnostics));
    let jargon = jargon::lint(handout, clinic);
    let pemat = pemat::score(handout, jargon::list(language).map(|_| jargon.len()));
    diagnostics.extend(jargon);
    FileReport {
        file: handout.path.clone(),
        language: Some(handout.language.clone()),
        readability,
        spanish,
        pemat: Some(pemat),
        diagnostics,
    }
}

/// How many warnings `check` gives a handout that loaded.
pub fn warning_count(handout: &Handout, clinic: &Clinic, today: Date) -> usize {
    check_handout(handout, clinic, today).count(Severity::Warning)
}

/// Whether a language writes spaces between words (or, in Vietnamese,
/// syllables): not Chinese, Japanese, Thai, Lao, Khmer or Burmese (Korean
/// spaces its words).
pub fn spaces_words(language: &str) -> bool {
    !matches!(language, "zh" | "ja" | "th" | "lo" | "km" | "my")
}

/// Run `handout check`; the exit status: 1 when anything has an error.
pub fn run(request: &CheckRequest) -> i32 {
    let library = match Library::locate(request.clinic.as_deref()) {
        Ok(l) => l,
        Err(message) => {
            crate::console::say(format_args!("error: {message}"));
            return 1;
        }
    };
    let clinic_report = |diagnostics| FileReport {
        file: library.clinic_path.clone(),
        language: None,
        readability: None,
        spanish: None,
        pemat: None,
        diagnostics,
    };
    let mut reports = Vec::new();
    match load_clinic(&library.clinic_path) {
        Err(diagnostics) => reports.push(clinic_report(diagnostics)),
        Ok(clinic) => {
            let files = match library.handout_files(&request.inputs) {
                Ok(files) => files,
                Err(d) => {
                    print_diagnostics(&[d]);
                    return 1;
                }
            };
            let (today, shelf) = (today(), Shelf::default());
            let handouts: Vec<FileReport> = files
                .iter()
                .map(|f| check_file(f, &clinic, today, &shelf))
                .collect();
            // The fallback fonts the handouts needed are read and checked by
            // now; the others are checked from their first bytes, unread.
            let mut found = clinic.fonts.fallback_problems();
            found.extend(brand::lint(&clinic));
            found.extend(lints::clinic_links(&clinic));
            if !found.is_empty() {
                reports.push(clinic_report(found));
            }
            reports.extend(handouts);
        }
    }
    let errors: usize = reports.iter().map(|r| r.count(Severity::Error)).sum();
    let warnings: usize = reports.iter().map(|r| r.count(Severity::Warning)).sum();
    crate::console::print(i32::from(errors > 0), |out| {
        report::print(out, request.format, &reports, errors, warnings)
    })
}
