//! What `build` and `watch` are to do, checked once before anything is
//! built: which handouts, how each is built, and the outputs each writes.
//! cli.rs turns flags into a [`Request`]; a [`Plan`] is that request checked
//! against the library; build.rs and watch.rs carry a plan out through one
//! function, [`crate::build::build_one`].

use crate::build::{BuildOptions, output_name, patient_name};
use crate::diagnostic::print_all;
use crate::formats::{Formats, targets};
use crate::layout::Layout;
use crate::library::{Library, today};
use crate::model::{Clinic, Paper, Shelf};
use std::path::{Path, PathBuf};

/// What the command line asks of `build` or `watch`, as given.
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub inputs: Vec<PathBuf>,
    pub clinic: Option<PathBuf>,
    /// `-o`: the one output file.
    pub output: Option<PathBuf>,
    pub out_dir: Option<PathBuf>,
    /// Default: the clinic's.
    pub paper: Option<Paper>,
    pub layout: Layout,
    pub large_print: bool,
    pub allow_expired: bool,
    pub patient: Option<String>,
    pub note: Option<String>,
    /// A PDF, a web page, or both.
    pub formats: Formats,
}

/// The kind of file an output is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Format {
    Pdf,
    /// One self-contained web page of the leaflet.
    Html,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Pdf => "pdf",
            Format::Html => "html",
        }
    }
}

/// One file a handout's build writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    pub format: Format,
    pub path: PathBuf,
}

/// One handout and the files it is built into.
#[derive(Debug, Clone)]
pub struct Job {
    pub source: PathBuf,
    pub outputs: Vec<Output>,
}

/// A request checked against its library: what is built, how, and where.
pub struct Plan {
    pub library: Library,
    pub clinic: Clinic,
    pub options: BuildOptions,
    pub jobs: Vec<Job>,
    /// The translations beside the handouts, read once for all of them.
    pub shelf: Shelf,
}

impl Plan {
    /// The plan for `build`; or, once said why not, the exit status (2 for
    /// a usage error, and 0 when there is nothing to build).
    pub fn new(request: &Request) -> Result<Plan, i32> {
        let patient = patient_flags(request).map_err(|m| usage(&m))?;
        let (library, clinic) = crate::library::open(request.clinic.as_deref())?;
        let mut files = library
            .handout_files(&request.inputs)
            .map_err(|d| print_all(&[d]))?;
        // A file named twice (a folder and a file in it) is built once.
        let mut seen = std::collections::HashSet::new();
        files.retain(|f| seen.insert(std::fs::canonicalize(f).unwrap_or_else(|_| f.clone())));
        if files.is_empty() {
            crate::console::say(format_args!(
                "no handouts found in {}: nothing to build (`handout new NAME` starts one)",
                places(&request.inputs)
            ));
            return Err(0);
        }
        if request.output.is_some() && files.len() != 1 {
            return Err(usage(&format!(
                "-o/--output names one file, but {} handouts were given; use --out-dir",
                files.len()
            )));
        }
        let plan = Plan::of(request, library, clinic, patient, &files);
        plan.check_outputs(request).map_err(|m| usage(&m))?;
        Ok(plan)
    }

    /// The plan for `watch` to rebuild `files` (the clinic is loaded again,
    /// since it may be what changed); or, once said why not, the exit status.
    pub fn rebuild(request: &Request, library: &Library, files: &[PathBuf]) -> Result<Plan, i32> {
        let library = library.clone();
        let clinic = crate::model::load_clinic(&library.clinic_path).map_err(|d| print_all(&d))?;
        Ok(Plan::of(request, library, clinic, None, files))
    }

    fn of(
        request: &Request,
        library: Library,
        clinic: Clinic,
        patient: Option<String>,
        files: &[PathBuf],
    ) -> Plan {
        let options = BuildOptions {
            paper: request.paper.unwrap_or(clinic.paper),
            patient,
            note: request.note.clone(),
            layout: request.layout,
            large_print: request.large_print,
            allow_expired: request.allow_expired,
            today: today(),
            formats: request.formats,
        };
        let out_dir = request.out_dir.clone().unwrap_or_else(|| library.out_dir());
        let jobs = files
            .iter()
            .map(|file| {
                let default = |format| out_dir.join(output_name(file, &options, format));
                let outputs = targets(request.output.as_deref(), default, request.formats);
                Job {
                    source: file.clone(),
                    outputs: outputs
                        .into_iter()
                        .map(|(format, path)| Output { format, path })
                        .collect(),
                }
            })
            .collect();
        Plan {
            library,
            clinic,
            options,
            jobs,
            shelf: Shelf::default(),
        }
    }

    /// The usage errors of where the outputs go: two handouts that would
    /// write one file, a patient copy where a shared leaflet goes, and `-o`
    /// naming what may not be replaced.
    fn check_outputs(&self, request: &Request) -> Result<(), String> {
        distinct_outputs(&self.jobs)?;
        if self.options.patient.is_some() {
            let handouts = self.library.handout_files(&[]).unwrap_or_default();
            for output in self.jobs.iter().flat_map(|j| &j.outputs) {
                let sources = self.jobs.iter().map(|j| &j.source);
                if let Some(shared) = sources.chain(&handouts).find(|s| shares(s, &output.path)) {
                    let fix = if request.output.is_some() {
                        "leave out -o (the copy is then named NAME.patient.pdf) or choose a name \
                         of its own"
                    } else {
                        "rename that handout: names ending in .patient are kept for patient copies"
                    };
                    return Err(format!(
                        "a patient copy cannot be written to {}: that is the name of the shared \
                         leaflet of {}, which everyone is given; {fix}",
                        output.path.display(),
                        shared.display()
                    ));
                }
            }
        }
        if request.output.is_some() {
            for output in self.jobs.iter().flat_map(|j| &j.outputs) {
                crate::output::replaceable(&output.path)
                    .map_err(|why| format!("-o {}: {why}", output.path.display()))?;
            }
        }
        Ok(())
    }
}

/// `--patient` and `--note`, checked: the patient's name as it is printed.
fn patient_flags(request: &Request) -> Result<Option<String>, String> {
    let patient = request.patient.as_deref().map(patient_name).transpose()?;
    if patient.is_none() && request.note.is_some() {
        return Err(
            "--note is for a patient's own copy, never for the leaflet everyone is given: \
             add --patient NAME and name one handout"
                .into(),
        );
    }
    if patient.is_some() && request.inputs.is_empty() {
        return Err(
            "--patient makes one patient's copy of one handout: name it, like \
             handout build handouts/NAME.toml --patient NAME"
                .into(),
        );
    }
    if patient.is_some() && request.inputs.iter().any(|p| p.is_dir()) {
        return Err(
            "--patient makes one patient's copy of one handout, but a folder was given: \
             name the handout file"
                .into(),
        );
    }
    if patient.is_some() && request.inputs.len() != 1 {
        return Err(format!(
            "--patient makes one patient's copy of one handout, but {} handouts were given",
            request.inputs.len()
        ));
    }
    if let Some(note) = &request.note {
        crate::model::note_links(note).map_err(|why| format!("--note: {why}"))?;
    }
    Ok(patient)
}

/// Whether `path` is, in any layout, the shared leaflet's name for the
/// handout file `source` (compared without case, as some disks do).
fn shares(source: &Path, path: &Path) -> bool {
    let (Some(stem), Some(name)) = (source.file_stem(), path.file_name()) else {
        return false;
    };
    let (stem, name) = (stem.to_string_lossy(), name.to_string_lossy());
    ["pdf", "trifold.pdf", "large.pdf", "html"]
        .iter()
        .any(|ending| name.eq_ignore_ascii_case(&format!("{stem}.{ending}")))
}

/// Two handouts that would write one file: the later would silently replace
/// the earlier, so the build is refused naming both.
fn distinct_outputs(jobs: &[Job]) -> Result<(), String> {
    let mut seen: std::collections::HashMap<&Path, &Path> = std::collections::HashMap::new();
    for job in jobs {
        for output in &job.outputs {
            if let Some(first) = seen.insert(&output.path, &job.source) {
                return Err(format!(
                    "{} and {} would both be written to {}; build them separately with --out-dir",
                    first.display(),
                    job.source.display(),
                    output.path.display()
                ));
            }
        }
    }
    Ok(())
}

/// The inputs as the user typed them, for a message.
fn places(inputs: &[PathBuf]) -> String {
    if inputs.is_empty() {
        return "handouts/".into();
    }
    let names: Vec<String> = inputs.iter().map(|p| p.display().to_string()).collect();
    names.join(", ")
}

/// A usage error (exit status 2), said in words.
fn usage(message: &str) -> i32 {
    crate::console::say(format_args!("error: {message}"));
    2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shared_leaflet_is_known_by_its_name_in_every_layout() {
        let source = Path::new("handouts/knee.toml");
        for name in [
            "out/knee.pdf",
            "x/KNEE.trifold.pdf",
            "knee.large.pdf",
            "knee.html",
        ] {
            assert!(shares(source, Path::new(name)), "{name}");
        }
        for name in ["out/knee.patient.pdf", "knee-2.pdf", "jane.pdf"] {
            assert!(!shares(source, Path::new(name)), "{name}");
        }
        // A handout named like a patient copy shares that copy's name.
        let odd = Path::new("handouts/knee.patient.toml");
        assert!(shares(odd, Path::new("out/knee.patient.pdf")));
    }
}
