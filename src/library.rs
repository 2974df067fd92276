//! A handout library on disk: clinic.toml, found by walking up from the
//! current folder as cargo finds Cargo.toml, and the handout files beside it.

use crate::date::Date;
use crate::diagnostic::Diagnostic;
use std::path::{Path, PathBuf};

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
            let mut found: Vec<PathBuf> = entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file())
                .collect();
            found.sort();
            files.extend(found);
        }
        Ok(files)
    }
}

/// The library and its clinic, loaded; or, after printing why not, the exit status.
pub fn open(explicit: Option<&Path>) -> Result<(Library, crate::model::Clinic), i32> {
    let library = Library::locate(explicit).map_err(|message| {
        eprintln!("error: {message}");
        1
    })?;
    let clinic = crate::model::load_clinic(&library.clinic_path)
        .map_err(|diags| crate::build::report(&diags))?;
    Ok((library, clinic))
}

/// Today's date in UTC.
pub fn today() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    Date::from_days_since_epoch(secs / 86_400)
}
