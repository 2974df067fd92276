//! `handout watch`: rebuild a handout whenever it is saved, printing its
//! problems, so an editor sees each change as a PDF within a second.
//!
//! Files are polled for their modification time rather than watched through
//! the operating system: it needs no extra dependency, and it also works on the
//! network drives clinics keep shared folders on, where change events are not
//! delivered.

use crate::build::{BuildOptions, pdf_name, render_handout};
use crate::check::check_handout;
use crate::diagnostic::Severity;
use crate::library::{Library, today};
use crate::model::{load_clinic, load_handout};
use crate::output::write_atomic;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

const POLL: Duration = Duration::from_millis(300);

/// Watch `inputs` (default: the library's handouts) until interrupted.
pub fn run(inputs: &[PathBuf], clinic: Option<&Path>) -> i32 {
    let library = match Library::locate(clinic) {
        Ok(l) => l,
        Err(message) => {
            eprintln!("error: {message}");
            return 1;
        }
    };
    let mut seen: BTreeMap<PathBuf, SystemTime> = BTreeMap::new();
    println!("watching for changes; press Ctrl-C to stop");
    loop {
        let clinic_changed = changed(&mut seen, &library.clinic_path);
        let files = match library.handout_files(inputs) {
            Ok(files) => files,
            Err(d) => {
                eprintln!("{d}");
                return 1;
            }
        };
        let edited: Vec<&PathBuf> = files
            .iter()
            .filter(|f| changed(&mut seen, f) || clinic_changed)
            .collect();
        if !edited.is_empty() {
            rebuild(&library, &edited);
        }
        std::thread::sleep(POLL);
    }
}

/// Whether `path` was modified since last seen (a new file counts).
fn changed(seen: &mut BTreeMap<PathBuf, SystemTime>, path: &Path) -> bool {
    let Ok(modified) = std::fs::metadata(path).and_then(|m| m.modified()) else {
        return false;
    };
    seen.insert(path.to_path_buf(), modified) != Some(modified)
}

/// Check and build the edited files; the clinic is reloaded each time, since
/// it may be what changed.
fn rebuild(library: &Library, files: &[&PathBuf]) {
    let clinic = match load_clinic(&library.clinic_path) {
        Ok(c) => c,
        Err(diags) => {
            diags.iter().for_each(|d| eprintln!("{d}"));
            return;
        }
    };
    let today = today();
    for file in files {
        // Loaded once, then checked and built.
        let loaded = load_handout(file, &clinic, None);
        let diagnostics = match &loaded {
            Ok(handout) => check_handout(handout, &clinic, today).diagnostics,
            Err(diagnostics) => diagnostics.clone(),
        };
        diagnostics.iter().for_each(|d| eprintln!("{d}"));
        let errors = diagnostics.iter().any(|d| d.severity == Severity::Error);
        let Some(handout) = loaded.ok().filter(|_| !errors) else {
            println!("{}: not rebuilt, see the errors above", file.display());
            continue;
        };
        let options = BuildOptions::sheet(clinic.paper, today);
        let target = library.out_dir().join(pdf_name(file, &options));
        match render_handout(&handout, &clinic, &options).map(|b| write_atomic(&target, &b.bytes)) {
            Ok(Ok(())) => println!("rebuilt {}", target.display()),
            Ok(Err(e)) => eprintln!("{}: cannot write the PDF: {e}", target.display()),
            Err(diags) => diags.iter().for_each(|d| eprintln!("{d}")),
        }
    }
}
