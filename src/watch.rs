//! `handout watch`: rebuild a handout whenever it is saved, printing the
//! problems that save brought, so an editor sees each change as a PDF within
//! a second without rereading the ones already shown. Each rebuild is made
//! as `build` makes it (a plan, then [`build_one`]), so it writes only what
//! `build` would.
//!
//! Files are polled for their modification time rather than watched through
//! the operating system: it needs no extra dependency, and it also works on the
//! network drives clinics keep shared folders on, where change events are not
//! delivered.

use crate::build::build_one;
use crate::console;
use crate::library::Library;
use crate::plan::{Plan, Request};
use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

const POLL: Duration = Duration::from_millis(300);

/// What is known of one watched file.
#[derive(Default)]
struct Watched {
    modified: Option<SystemTime>,
    /// The problems printed for it last, so a save prints only new ones.
    shown: BTreeSet<String>,
}

/// Watch the request's handouts (default: the library's) until interrupted
/// or until no one reads what it prints.
pub fn run(request: &Request) -> i32 {
    let library = match Library::locate(request.clinic.as_deref()) {
        Ok(l) => l,
        Err(message) => {
            crate::console::say(format_args!("error: {message}"));
            return 1;
        }
    };
    match watch(request, &library) {
        Ok(never) => match never {},
        Err(e) => console::failed(&e, 0),
    }
}

/// The polling loop; it ends only when standard output fails.
fn watch(request: &Request, library: &Library) -> io::Result<std::convert::Infallible> {
    let mut clinic_seen = Watched::default();
    let mut watched: BTreeMap<PathBuf, Watched> = BTreeMap::new();
    // Why the handouts cannot be listed, said once until they can again.
    let mut missing: Option<String> = None;
    console::emit(|out| writeln!(out, "watching for changes; press Ctrl-C to stop"))?;
    loop {
        std::thread::sleep(POLL);
        let clinic_changed = changed(&mut clinic_seen, &library.clinic_path);
        // A folder moved away for a moment (a sync, a rename) is waited for.
        let files = match library.handout_files(&request.inputs) {
            Ok(files) => files,
            Err(d) => {
                let why = d.to_string();
                if missing.as_ref() != Some(&why) {
                    crate::console::say(format_args!("{why}"));
                    console::emit(|out| writeln!(out, "waiting for the handouts to come back"))?;
                    missing = Some(why);
                }
                continue;
            }
        };
        if missing.take().is_some() {
            console::emit(|out| writeln!(out, "the handouts are back; watching again"))?;
        }
        // A file named on the command line is listed even once deleted.
        let files: Vec<PathBuf> = files.into_iter().filter(|f| f.exists()).collect();
        let gone: Vec<PathBuf> = watched
            .keys()
            .filter(|f| !files.contains(f))
            .cloned()
            .collect();
        for file in gone {
            watched.remove(&file);
            console::emit(|out| {
                writeln!(
                    out,
                    "{} was deleted; its PDF is left in place",
                    file.display()
                )
            })?;
        }
        let edited: Vec<PathBuf> = files
            .into_iter()
            .filter(|f| changed(watched.entry(f.clone()).or_default(), f) || clinic_changed)
            .collect();
        if !edited.is_empty() {
            rebuild(request, library, &edited, &mut watched)?;
        }
    }
}

/// Whether `path` was modified since last seen (a new file counts).
fn changed(seen: &mut Watched, path: &Path) -> bool {
    let Ok(modified) = std::fs::metadata(path).and_then(|m| m.modified()) else {
        return false;
    };
    seen.modified.replace(modified) != Some(modified)
}

/// Build the edited files as `build` would, printing each one's new problems.
fn rebuild(
    request: &Request,
    library: &Library,
    files: &[PathBuf],
    watched: &mut BTreeMap<PathBuf, Watched>,
) -> io::Result<()> {
    let Ok(plan) = Plan::rebuild(request, library, files) else {
        // The clinic's problems are printed; its next save is watched for.
        return Ok(());
    };
    for job in &plan.jobs {
        let (outputs, diagnostics) = match build_one(&plan, job) {
            Ok(written) => (written.outputs, written.checked),
            Err(diagnostics) => (Vec::new(), diagnostics),
        };
        let now: BTreeSet<String> = diagnostics.iter().map(ToString::to_string).collect();
        let entry = watched.entry(job.source.clone()).or_default();
        let old = now.intersection(&entry.shown).count();
        for d in &diagnostics {
            let text = d.to_string();
            if !entry.shown.contains(&text) {
                crate::console::say(format_args!("{text}"));
            }
        }
        entry.shown = now;
        let file = job.source.display();
        console::emit(|out| {
            if old > 0 {
                let s = if old == 1 { "" } else { "s" };
                writeln!(out, "{file}: {old} problem{s} shown before still to fix")?;
            }
            if outputs.is_empty() {
                writeln!(out, "{file}: not rebuilt, see the errors above")?;
            }
            outputs
                .iter()
                .try_for_each(|o| writeln!(out, "rebuilt {}", o.path.display()))
        })?;
    }
    Ok(())
}
