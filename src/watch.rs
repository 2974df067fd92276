//! `handout watch`: rebuild a handout whenever it is saved, printing the
//! problems that save brought, so an editor sees each change as a PDF within
//! a second without rereading the ones already shown.
//!
//! Files are polled for their modification time rather than watched through
//! the operating system: it needs no extra dependency, and it also works on the
//! network drives clinics keep shared folders on, where change events are not
//! delivered.

use crate::build::{BuildOptions, output_name, render_handout};
use crate::check::check_handout;
use crate::diagnostic::Severity;
use crate::layout::Layout;
use crate::library::{Library, today};
use crate::model::{Paper, load_clinic, load_handout};
use crate::output::write_atomic;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

const POLL: Duration = Duration::from_millis(300);

/// How the watched handouts are built, as `build` takes it.
#[derive(Debug, Clone, Copy)]
pub struct WatchOptions {
    pub layout: Layout,
    pub large_print: bool,
    /// Default: the clinic's.
    pub paper: Option<Paper>,
    /// A PDF, a web page, or both.
    pub formats: crate::formats::Formats,
}

/// What is known of one watched file.
#[derive(Default)]
struct Watched {
    modified: Option<SystemTime>,
    /// The problems printed for it last, so a save prints only new ones.
    shown: BTreeSet<String>,
}

/// Watch `inputs` (default: the library's handouts) until interrupted.
pub fn run(inputs: &[PathBuf], clinic: Option<&Path>, options: WatchOptions) -> i32 {
    let library = match Library::locate(clinic) {
        Ok(l) => l,
        Err(message) => {
            eprintln!("error: {message}");
            return 1;
        }
    };
    let mut clinic_seen = Watched::default();
    let mut watched: BTreeMap<PathBuf, Watched> = BTreeMap::new();
    println!("watching for changes; press Ctrl-C to stop");
    loop {
        let clinic_changed = changed(&mut clinic_seen, &library.clinic_path);
        let files = match library.handout_files(inputs) {
            // A file named on the command line is listed even once deleted.
            Ok(files) => files.into_iter().filter(|f| f.exists()).collect::<Vec<_>>(),
            Err(d) => {
                eprintln!("{d}");
                return 1;
            }
        };
        let gone: Vec<PathBuf> = watched
            .keys()
            .filter(|f| !files.contains(f))
            .cloned()
            .collect();
        for file in gone {
            watched.remove(&file);
            println!("{} was deleted; its PDF is left in place", file.display());
        }
        let edited: Vec<PathBuf> = files
            .into_iter()
            .filter(|f| changed(watched.entry(f.clone()).or_default(), f) || clinic_changed)
            .collect();
        if !edited.is_empty() {
            rebuild(&library, &edited, &mut watched, options);
        }
        std::thread::sleep(POLL);
    }
}

/// Whether `path` was modified since last seen (a new file counts).
fn changed(seen: &mut Watched, path: &Path) -> bool {
    let Ok(modified) = std::fs::metadata(path).and_then(|m| m.modified()) else {
        return false;
    };
    seen.modified.replace(modified) != Some(modified)
}

/// Check and build the edited files; the clinic is reloaded each time, since
/// it may be what changed.
fn rebuild(
    library: &Library,
    files: &[PathBuf],
    watched: &mut BTreeMap<PathBuf, Watched>,
    options: WatchOptions,
) {
    let clinic = match load_clinic(&library.clinic_path) {
        Ok(c) => c,
        Err(diags) => {
            diags.iter().for_each(|d| eprintln!("{d}"));
            return;
        }
    };
    let today = today();
    let build = BuildOptions {
        layout: options.layout,
        large_print: options.large_print,
        formats: options.formats,
        ..BuildOptions::sheet(options.paper.unwrap_or(clinic.paper), today)
    };
    for file in files {
        // Loaded once, then checked and built.
        let loaded = load_handout(file, &clinic, None);
        let mut diagnostics = match &loaded {
            Ok(handout) => check_handout(handout, &clinic, today).diagnostics,
            Err(diagnostics) => diagnostics.clone(),
        };
        let errors = diagnostics.iter().any(|d| d.severity == Severity::Error);
        let mut built = Vec::new();
        if let Some(handout) = loaded.ok().filter(|_| !errors) {
            match render_handout(&handout, &clinic, &build) {
                Ok(outputs) => {
                    for format in options.formats.each() {
                        let target = library.out_dir().join(output_name(file, &build, format));
                        let bytes = outputs.bytes(format).unwrap_or_default();
                        match write_atomic(&target, bytes) {
                            Ok(()) => built.push(target.display().to_string()),
                            Err(e) => eprintln!("{}: cannot write it: {e}", target.display()),
                        }
                    }
                }
                Err(diags) => diagnostics.extend(diags),
            }
        }
        let now: BTreeSet<String> = diagnostics.iter().map(ToString::to_string).collect();
        let entry = watched.entry(file.clone()).or_default();
        let old = now.intersection(&entry.shown).count();
        for d in &diagnostics {
            let text = d.to_string();
            if !entry.shown.contains(&text) {
                eprintln!("{text}");
            }
        }
        if old > 0 {
            let s = if old == 1 { "" } else { "s" };
            println!(
                "{}: {old} problem{s} shown before still to fix",
                file.display()
            );
        }
        entry.shown = now;
        if built.is_empty() {
            println!("{}: not rebuilt, see the errors above", file.display());
        } else {
            println!("rebuilt {}", built.join(", "));
        }
    }
}
