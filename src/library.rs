//! A handout library on disk: clinic.toml, found by walking up from the
//! current folder as cargo finds Cargo.toml, and the handout files beside it.

use crate::date::Date;
use crate::diagnostic::Diagnostic;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub struct Library {
    pub clinic_path: PathBuf,
    /// The folder holding clinic.toml: handouts/ and out/ live here.
    pub root: PathBuf,
}

impl Library {
    /// The library of `--clinic FILE`, or of the nearest clinic.toml.
    pub fn locate(explicit: Option<&Path>) -> Result<Library, String> {
        let clinic_path = match explicit {
            Some(path) => path.to_path_buf(),
            None => {
                let cwd = std::env::current_dir().unwrap_or_default();
                let found = cwd
                    .ancestors()
                    .map(|d| d.join("clinic.toml"))
                    .find(|p| p.is_file());
                let found = found.ok_or(
                    "no clinic.toml in this folder or any folder above it; use --clinic FILE",
                )?;
                // Shown relative to where the user is, as they would type it.
                found
                    .strip_prefix(&cwd)
                    .map(Path::to_path_buf)
                    .unwrap_or(found)
            }
        };
        let root = clinic_path.parent().unwrap_or(Path::new("")).to_path_buf();
        Ok(Library { clinic_path, root })
    }

    /// Where PDFs go unless told otherwise.
    pub fn out_dir(&self) -> PathBuf {
        self.root.join("out")
    }

    pub fn handouts_dir(&self) -> PathBuf {
        self.root.join("handouts")
    }

    /// Handout files named by `inputs` (files as given, folders as their
    /// *.toml files, sorted), or every handout of the library.
    pub fn handout_files(&self, inputs: &[PathBuf]) -> Result<Vec<PathBuf>, Diagnostic> {
        let default = [self.handouts_dir()];
        if inputs.is_empty() && !default[0].is_dir() {
            return Err(Diagnostic::for_file(
                &default[0],
                "no-handouts",
                "there is no handouts/ folder beside clinic.toml; `handout new NAME` starts one \
                 with a handout to fill in",
            ));
        }
        let inputs = if inputs.is_empty() {
            &default[..]
        } else {
            inputs
        };
        let mut files = Vec::new();
        for input in inputs {
            if input.file_name().is_some_and(|n| n == "clinic.toml") {
                return Err(Diagnostic::for_file(
                    input,
                    "clinic-not-handout",
                    "this is the clinic profile, not a handout: name handout files such as \
                     handouts/NAME.toml, or leave out the file to use every handout in handouts/",
                ));
            }
            if !input.is_dir() {
                files.push(input.clone());
                continue;
            }
            let entries = std::fs::read_dir(input).map_err(|e| {
                let why = crate::model::io_reason(&e);
                Diagnostic::for_file(
                    input,
                    "unreadable-file",
                    format!("cannot read the folder: {why}"),
                )
            })?;
            // Every *.toml entry, whatever its case or type: a link to nothing
            // or a pipe is reported when read, not skipped unseen.
            let mut found: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.extension()
                        .is_some_and(|x| x.eq_ignore_ascii_case("toml"))
                })
                .collect();
            found.sort();
            files.extend(found);
        }
        Ok(files)
    }
}

/// Why a handout may not be named `name` (its file name without .toml):
/// patient copies are NAME.patient.pdf, so a handout whose name ends in
/// `.patient` would print its shared leaflet under a patient copy's name.
pub fn reserved_name(name: &str) -> Option<String> {
    let (_, last) = name.rsplit_once('.')?;
    last.eq_ignore_ascii_case("patient").then(|| {
        format!(
            "a handout may not be named `{name}`: names ending in `.patient` are kept for \
             patient copies (NAME.patient.pdf), and its leaflet would take one's name; rename \
             it, like {}-patient",
            &name[..name.len() - last.len() - 1]
        )
    })
}

/// The library and its clinic, loaded; or, after printing why not, the exit status.
pub fn open(explicit: Option<&Path>) -> Result<(Library, crate::model::Clinic), i32> {
    let library = Library::locate(explicit).map_err(|message| {
        crate::console::say(format_args!("error: {message}"));
        1
    })?;
    let clinic = crate::model::load_clinic(&library.clinic_path)
        .map_err(|diags| crate::diagnostic::print_all(&diags))?;
    Ok((library, clinic))
}

/// Today: SOURCE_DATE_EPOCH when it is set (tests and reproducible builds
/// set it), else the clock's date in UTC. An unusable SOURCE_DATE_EPOCH is
/// refused at start-up by [`check_source_date_epoch`].
pub fn today() -> Date {
    source_date_epoch().ok().flatten().unwrap_or_else(|| {
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        Date::from_days_since_epoch(secs / 86_400)
    })
}

/// The latest moment SOURCE_DATE_EPOCH may name: the end of 9999, so every
/// date prints with four digits.
const LATEST_EPOCH: i64 = 253_402_300_799;

/// SOURCE_DATE_EPOCH, the reproducible-builds convention for "now": `None`
/// when unset; an error in words when it is not seconds from 1970 to 9999.
pub fn source_date_epoch() -> Result<Option<Date>, String> {
    let Some(value) = std::env::var_os("SOURCE_DATE_EPOCH") else {
        return Ok(None);
    };
    let value = value.to_string_lossy();
    match value.trim().parse::<i64>() {
        Ok(secs) if (0..=LATEST_EPOCH).contains(&secs) => {
            Ok(Some(Date::from_days_since_epoch(secs / 86_400)))
        }
        _ => Err(format!(
            "SOURCE_DATE_EPOCH is `{value}`, but it must be a number of seconds since 1970 \
             (up to the year 9999); fix it or unset it"
        )),
    }
}
