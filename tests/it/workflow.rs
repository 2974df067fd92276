//! The editor's tools: `watch` rebuilds on save, and shell completions and
//! a man page come from the command-line definition.

use crate::common::*;
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

#[test]
fn completions_and_man_page_come_from_the_cli() {
    let bash = handout(&repo(), &["completions", "bash"]);
    let bash = String::from_utf8_lossy(&bash.stdout);
    assert!(
        bash.contains("_handout()") && bash.contains("--large-print") && bash.contains("watch")
    );
    let zsh = handout(&repo(), &["completions", "zsh"]);
    assert!(String::from_utf8_lossy(&zsh.stdout).starts_with("#compdef handout"));
    let man = handout(&repo(), &["man"]);
    let man = String::from_utf8_lossy(&man.stdout);
    assert!(
        man.starts_with(".ie") && man.contains(".TH handout 1"),
        "{}",
        &man[..200.min(man.len())]
    );
    assert!(man.contains("build") && man.contains("check"));
}

#[test]
fn watch_rebuilds_the_web_page_too() {
    let lib = library(MINIMAL_CLINIC);
    write(
        lib.path(),
        "handouts/a.toml",
        "title = \"A\"\nreviewed = 2026-11-01\n",
    );
    let watching = Watching::start(lib.path(), &["watch", "--format", "pdf,html"]);
    let pdf = watching.wait_for("rebuilt out/a.pdf");
    let page = watching.wait_for("rebuilt out/a.html");
    assert!(pdf.is_some() && page.is_some(), "no rebuild of both");
    assert_valid(&lib.path().join("out/a.pdf"));
    let page = std::fs::read_to_string(lib.path().join("out/a.html")).unwrap();
    assert!(page.contains("<h1>A</h1>"), "{page}");
}

#[test]
fn watch_rebuilds_on_save_and_reports_problems() {
    let lib = library(MINIMAL_CLINIC);
    let file = write(
        lib.path(),
        "handouts/a.toml",
        "title = \"A\"\nreviewed = 2026-11-01\n",
    );
    let watching = Watching::start(lib.path(), &["watch", "--layout", "trifold"]);
    let wait_for = |needle: &str| watching.wait_for(needle);
    let save = |text: &str| {
        // Past the file system's timestamp granularity, so the save is seen.
        std::thread::sleep(Duration::from_millis(1100));
        std::fs::write(&file, text).unwrap();
    };
    let first = wait_for("rebuilt out/a.trifold.pdf");
    // Saving a mistake reports it, at its line, and keeps the last good PDF.
    save("title = \"A\"\nreviewed = 2026-11-01\nsumary = \"x\"\n");
    let error = wait_for("handouts/a.toml:3:1: error: unknown key `sumary`");
    save("title = \"A again\"\nreviewed = 2026-11-01\n");
    let again = wait_for("rebuilt out/a.trifold.pdf");
    let text_again = normalize(&text_of(&lib.path().join("out/a.trifold.pdf")));
    // A save that keeps the same two warnings does not print them again.
    save("title = \"A again\"\nreviewed = 2026-11-01\n# a comment\n");
    let quiet = wait_for("handouts/a.toml: 2 problems shown before still to fix");
    std::fs::remove_file(&file).unwrap();
    let deleted = wait_for("handouts/a.toml was deleted; its PDF is left in place");
    drop(watching);
    let first = first.expect("no first build");
    let error = error.expect("the mistake was not reported");
    // Its warnings may arrive after its "rebuilt" line (see below), but
    // before the next save's error.
    assert!(
        first.iter().chain(&error).any(|l| l.contains("warning: ")),
        "the first build shows its warnings: {first:?} {error:?}"
    );
    let again = again.expect("no rebuild after the fix");
    assert!(text_again.contains("A again"), "{text_again}");
    // Standard error and output arrive in either order, so the fix's two
    // warnings may come after its "rebuilt" line: they are counted over both
    // saves, and the second save adds none.
    let quiet = quiet.expect("no note of the problems shown before");
    let warnings = again
        .iter()
        .chain(&quiet)
        .filter(|l| l.contains("warning: "))
        .count();
    assert_eq!(warnings, 2, "warnings shown again: {again:?} {quiet:?}");
    assert!(deleted.is_some(), "the deletion was not reported");
}

/// `watch` leaves alone what `build` would (someone's notes where its PDF
/// goes), says why as `build` does, and waits for a folder that is moved
/// away for a moment.
#[test]
fn watch_protects_what_build_protects_and_waits_for_its_folder() {
    let lib = library(MINIMAL_CLINIC);
    let dir = lib.path();
    let file = write(
        dir,
        "handouts/a.toml",
        "title = \"A\"\nreviewed = 2026-11-01\n",
    );
    let notes = write(dir, "out/a.pdf", "my notes");
    let watching = Watching::start(dir, &["watch"]);
    let refused = watching
        .wait_for("out/a.pdf: error: this file exists and is not a PDF or web page this tool wrote, so it is not replaced");
    // The error comes on standard error, the note on standard output: in
    // either order.
    let not_rebuilt = "handouts/a.toml: not rebuilt, see the errors above";
    let skipped = refused
        .as_ref()
        .is_some_and(|before| before.iter().any(|l| l.contains(not_rebuilt)))
        || watching.wait_for(not_rebuilt).is_some();
    let notes_kept = std::fs::read(&notes).unwrap() == b"my notes";
    std::fs::remove_file(&notes).unwrap();
    std::fs::rename(dir.join("handouts"), dir.join("away")).unwrap();
    let waiting = watching.wait_for("waiting for the handouts to come back");
    std::fs::rename(dir.join("away"), dir.join("handouts")).unwrap();
    let back = watching.wait_for("the handouts are back; watching again");
    std::thread::sleep(Duration::from_millis(1100));
    std::fs::write(&file, "title = \"A again\"\nreviewed = 2026-11-01\n").unwrap();
    let rebuilt = watching.wait_for("rebuilt out/a.pdf");
    drop(watching);
    assert!(refused.is_some() && skipped, "the notes were not protected");
    assert!(notes_kept, "the notes were overwritten");
    assert!(
        waiting.is_some() && back.is_some(),
        "the folder's absence ended the watch"
    );
    assert!(rebuilt.is_some(), "no rebuild after the folder came back");
    assert!(text_of(&dir.join("out/a.pdf")).contains("A again"));
}

/// A `handout watch` running in a library, its lines read as they come.
struct Watching {
    child: std::process::Child,
    lines: mpsc::Receiver<String>,
}

impl Watching {
    fn start(dir: &std::path::Path, args: &[&str]) -> Watching {
        let mut child = Command::new(env!("CARGO_BIN_EXE_handout"))
            .args(args)
            .current_dir(dir)
            .env("SOURCE_DATE_EPOCH", TODAY_EPOCH)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let (tx, lines) = mpsc::channel();
        for stream in [
            Box::new(child.stdout.take().unwrap()) as Box<dyn std::io::Read + Send>,
            Box::new(child.stderr.take().unwrap()),
        ] {
            let tx = tx.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    let _ = tx.send(line);
                }
            });
        }
        Watching { child, lines }
    }

    /// The lines printed up to the one holding `needle`, or None after 20 s.
    fn wait_for(&self, needle: &str) -> Option<Vec<String>> {
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        let mut seen = Vec::new();
        while let Some(left) = deadline.checked_duration_since(std::time::Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) if line.contains(needle) => return Some(seen),
                Ok(line) => seen.push(line),
                Err(_) => break,
            }
        }
        None
    }
}

impl Drop for Watching {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}
