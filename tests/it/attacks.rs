//! What a clinic (or an attacker) can do to the tool, one row each: the exit
//! status, the message at FILE:LINE:COLUMN, nothing created or changed that
//! should not be, a time bound and, per process, a peak-memory bound.

use crate::common::*;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A handout that builds.
const GOOD: &str = "title = \"Knee pain\"\nreviewed = 2026-11-01\n";

/// Generous: a row that takes this long has gone quadratic or hung.
const TIME_LIMIT: Duration = Duration::from_secs(20);
/// Peak resident memory of the one `handout` process a row runs.
const MEMORY_LIMIT_KB: i64 = 500 * 1024;

struct Case {
    name: &'static str,
    /// Writes the row's files into a library that already holds the minimal
    /// clinic.toml, fonts/ and assets/ (linked from the repository).
    setup: fn(&Path),
    /// The command line, run in the library's folder.
    args: &'static [&'static str],
    /// Extra environment (SOURCE_DATE_EPOCH is set for every row).
    env: &'static [(&'static str, &'static str)],
    status: i32,
    /// Words standard error must contain; for errors with a place, that
    /// place (FILE:LINE:COLUMN) must start the line.
    says: &'static str,
    at: Option<&'static str>,
    /// Files (relative to the library) that must exist afterwards; every
    /// other file the row did not write must be unchanged, and no other
    /// file may appear.
    writes: &'static [&'static str],
}

fn handout(dir: &Path, text: &str) {
    write(dir, "handouts/h.toml", text);
}

/// Top-level clinic keys go before MINIMAL_CLINIC's [fonts] table: line 1.
fn clinic_first(dir: &Path, keys: &str) {
    write(dir, "clinic.toml", &format!("{keys}{MINIMAL_CLINIC}"));
    handout(dir, GOOD);
}

fn clinic_with(dir: &Path, extra: &str) {
    write(dir, "clinic.toml", &format!("{MINIMAL_CLINIC}{extra}"));
    handout(dir, GOOD);
}

/// `n` copies of a handout under different names.
fn many(dir: &Path, n: usize) {
    for i in 0..n {
        write(dir, &format!("handouts/h{i:03}.toml"), GOOD);
    }
}

const CASES: &[Case] = &[
    // Patient copies never replace the shared leaflet.
    Case {
        name: "a patient copy is NAME.patient.pdf beside the shared NAME.pdf",
        setup: |d| {
            handout(d, GOOD);
            write(d, "out/h.pdf", "%PDF-1.7 the shared leaflet");
        },
        args: &["build", "handouts/h.toml", "--patient", "Jane Doe", "--note", "Call {clinic.name}."],
        env: &[],
        status: 0,
        says: "built out/h.patient.pdf",
        at: None,
        writes: &["out/h.patient.pdf"],
    },
    Case {
        name: "a patient copy of every handout at once",
        setup: |d| many(d, 3),
        args: &["build", "--patient", "Jane Doe"],
        env: &[],
        status: 2,
        says: "--patient makes one patient's copy of one handout, but 3 handouts were given",
        at: None,
        writes: &[],
    },
    Case {
        name: "a blank patient name",
        setup: |d| handout(d, GOOD),
        args: &["build", "handouts/h.toml", "--patient", "  "],
        env: &[],
        status: 2,
        says: "--patient needs the patient's name, but it is blank",
        at: None,
        writes: &[],
    },
    Case {
        name: "markup in a patient name",
        setup: |d| handout(d, GOOD),
        args: &["build", "handouts/h.toml", "--patient", "**Jane** {clinic.name}"],
        env: &[],
        status: 2,
        says: "--patient: the name holds the character \"*\"",
        at: None,
        writes: &[],
    },
    Case {
        name: "a line break in a patient name",
        setup: |d| handout(d, GOOD),
        args: &["build", "handouts/h.toml", "--patient", "Jane\nDoe"],
        env: &[],
        status: 2,
        says: "--patient: the name holds a line break",
        at: None,
        writes: &[],
    },
    Case {
        name: "an unknown placeholder in the note",
        setup: |d| handout(d, GOOD),
        args: &["build", "handouts/h.toml", "--patient", "Jane", "--note", "Fax {clinic.fax}"],
        env: &[],
        status: 1,
        says: "--note: unknown placeholder {clinic.fax}",
        at: None,
        writes: &[],
    },
    // Blank clinic details would print as gaps.
    Case {
        name: "an empty phone",
        setup: |d| clinic_first(d, "phone = \"\"\n"),
        args: &["build"],
        env: &[],
        status: 1,
        says: "`phone` is empty; write it, or delete the line",
        at: Some("clinic.toml:1:9"),
        writes: &[],
    },
    Case {
        name: "a blank email",
        setup: |d| clinic_first(d, "email = \" \"\n"),
        args: &["build"],
        env: &[],
        status: 1,
        says: "`email` is empty",
        at: Some("clinic.toml:1:9"),
        writes: &[],
    },
    Case {
        name: "an empty booking link",
        setup: |d| clinic_first(d, "booking_url = \"\"\n"),
        args: &["build"],
        env: &[],
        status: 1,
        says: "`booking_url` is empty",
        at: Some("clinic.toml:1:15"),
        writes: &[],
    },
    Case {
        name: "a booking link too long for a QR code",
        setup: |d| {
            let url = format!("https://example.org/book?{}", "a".repeat(400));
            clinic_first(d, &format!("booking_url = \"{url}\"\n"));
        },
        args: &["build"],
        env: &[],
        status: 1,
        says: "too long for a QR code that scans from paper",
        at: Some("clinic.toml:1:15"),
        writes: &[],
    },
    Case {
        name: "a booking link that runs a script",
        setup: |d| clinic_first(d, "booking_url = \"javascript:alert(1)\"\n"),
        args: &["build"],
        env: &[],
        status: 1,
        says: "a link to `javascript:` cannot be opened safely",
        at: Some("clinic.toml:1:15"),
        writes: &[],
    },
    // Quadratic error reports and markup.
    Case {
        name: "8,000 bad placeholders on one line",
        setup: |d| {
            let keywords = vec!["\"{x}\""; 8000].join(", ");
            handout(d, &format!("{GOOD}keywords = [{keywords}]\n"));
        },
        args: &["build"],
        env: &[],
        status: 1,
        says: "and 7950 more problems not shown",
        at: Some("handouts/h.toml:3:14"),
        writes: &[],
    },
    Case {
        name: "40,000 empty items",
        setup: |d| {
            let items = "[[section.item]]\n".repeat(40_000);
            handout(d, &format!("{GOOD}[[section]]\nkind = \"causes\"\n{items}"));
        },
        args: &["check"],
        env: &[],
        status: 1,
        says: "this item has no words",
        at: Some("handouts/h.toml:5:1"),
        writes: &[],
    },
    Case {
        name: "a megabyte of unpaired emphasis",
        setup: |d| handout(d, &format!("{GOOD}summary = \"{}\"\n", "a * ".repeat(25_000))),
        args: &["check"],
        env: &[],
        status: 0,
        says: "",
        at: None,
        writes: &[],
    },
    Case {
        name: "a hundred kilobytes of unclosed links",
        setup: |d| handout(d, &format!("{GOOD}summary = \"{}\"\n", "[a](".repeat(25_000))),
        args: &["check"],
        env: &[],
        status: 0,
        says: "",
        at: None,
        writes: &[],
    },
    // Outputs never destroy what they should not.
    Case {
        name: "-o naming the handout itself",
        setup: |d| handout(d, GOOD),
        args: &["build", "handouts/h.toml", "-o", "handouts/h.toml"],
        env: &[],
        status: 2,
        says: "this file exists and is not a PDF, so it is not replaced",
        at: None,
        writes: &[],
    },
    Case {
        name: "-o naming clinic.toml",
        setup: |d| handout(d, GOOD),
        args: &["build", "handouts/h.toml", "-o", "clinic.toml"],
        env: &[],
        status: 2,
        says: "-o clinic.toml: this file exists and is not a PDF",
        at: None,
        writes: &[],
    },
    Case {
        name: "-o naming a font",
        setup: |d| handout(d, GOOD),
        args: &["build", "handouts/h.toml", "-o", "fonts/AtkinsonHyperlegibleNext-Regular.ttf"],
        env: &[],
        status: 2,
        says: "this is a link; name the file itself",
        at: None,
        writes: &[],
    },
    Case {
        name: "-o naming a device",
        setup: |d| handout(d, GOOD),
        args: &["build", "handouts/h.toml", "-o", "/dev/null"],
        env: &[],
        status: 2,
        says: "this is not a file (a folder or a device)",
        at: None,
        writes: &[],
    },
    Case {
        name: "-o naming a folder",
        setup: |d| handout(d, GOOD),
        args: &["build", "handouts/h.toml", "-o", "handouts"],
        env: &[],
        status: 2,
        says: "this is not a file",
        at: None,
        writes: &[],
    },
    Case {
        name: "two handouts with one PDF name",
        setup: |d| {
            write(d, "a/x.toml", GOOD);
            write(d, "b/x.toml", GOOD);
        },
        args: &["build", "a/x.toml", "b/x.toml"],
        env: &[],
        status: 2,
        says: "a/x.toml and b/x.toml would both be written to out/x.pdf",
        at: None,
        writes: &[],
    },
    Case {
        name: "a handout named twice is built once",
        setup: |d| handout(d, GOOD),
        args: &["build", "handouts", "handouts/h.toml"],
        env: &[],
        status: 0,
        says: "built out/h.pdf",
        at: None,
        writes: &["out/h.pdf"],
    },
    Case {
        name: "a killed build's temporary file is cleaned up",
        setup: |d| {
            handout(d, GOOD);
            // PID 4194305 is above Linux's limit: that build is gone.
            write(d, "out/.h.pdf.4194305-0.partial", "%PDF-half");
        },
        args: &["build"],
        env: &[],
        status: 0,
        says: "built out/h.pdf",
        at: None,
        writes: &["out/h.pdf"],
    },
    // Text that cannot be printed, and dates that are not.
    Case {
        name: "a bell character in the title",
        setup: |d| handout(d, "title = \"Knee\\u0007 pain\"\nreviewed = 2026-11-01\n"),
        args: &["build"],
        env: &[],
        status: 1,
        says: "the invisible control character U+0007",
        at: Some("handouts/h.toml:1:14"),
        writes: &[],
    },
    Case {
        name: "an escape character in a summary",
        setup: |d| handout(d, &format!("{GOOD}summary = \"\"\"\nRest.\n\\e[31m Ice.\"\"\"\n")),
        args: &["build"],
        env: &[],
        status: 1,
        says: "the invisible control character U+001B",
        at: Some("handouts/h.toml:5:1"),
        writes: &[],
    },
    Case {
        name: "a DEL character in an item",
        setup: |d| {
            let text = format!("{GOOD}[[section]]\nkind = \"causes\"\n[[section.item]]\ntext = \"Ice\\u007F\"\n");
            handout(d, &text);
        },
        args: &["build"],
        env: &[],
        status: 1,
        says: "U+007F",
        at: Some("handouts/h.toml:6:12"),
        writes: &[],
    },
    Case {
        name: "a tab prints as a space",
        setup: |d| handout(d, &format!("{GOOD}summary = \"Rest\\tyour knee.\"\n")),
        args: &["build"],
        env: &[],
        status: 0,
        says: "built out/h.pdf",
        at: None,
        writes: &["out/h.pdf"],
    },
    Case {
        name: "a direction override in the title",
        setup: |d| handout(d, "title = \"Knee \u{202e}niap\"\nreviewed = 2026-11-01\n"),
        args: &["build"],
        env: &[],
        status: 1,
        says: "`title`: this text holds the invisible direction control U+202E",
        at: Some("handouts/h.toml:1:15"),
        writes: &[],
    },
    Case {
        name: "review_months that overflows",
        setup: |d| clinic_with(d, "[policy]\nreview_months = 4294967295\n"),
        args: &["build"],
        env: &[],
        status: 1,
        says: "must be a whole number of months from 1 to 120",
        at: Some("clinic.toml:8:17"),
        writes: &[],
    },
    Case {
        name: "review_months of zero",
        setup: |d| clinic_with(d, "[policy]\nreview_months = 0\n"),
        args: &["build"],
        env: &[],
        status: 1,
        says: "review_months is 0",
        at: Some("clinic.toml:8:17"),
        writes: &[],
    },
    Case {
        name: "a review date in the future",
        setup: |d| handout(d, "title = \"Knee pain\"\nreviewed = 2099-01-01\n"),
        args: &["build", "--allow-expired"],
        env: &[],
        status: 1,
        says: "`reviewed` is 2099-01-01, which is after today (2026-11-23)",
        at: Some("handouts/h.toml:2:12"),
        writes: &[],
    },
    Case {
        name: "SOURCE_DATE_EPOCH past the year 9999",
        setup: |d| handout(d, GOOD),
        args: &["build"],
        env: &[("SOURCE_DATE_EPOCH", "99999999999999")],
        status: 2,
        says: "SOURCE_DATE_EPOCH is `99999999999999`, but it must be a number of seconds since 1970",
        at: None,
        writes: &[],
    },
    Case {
        name: "SOURCE_DATE_EPOCH that is not a number",
        setup: |d| handout(d, GOOD),
        args: &["check"],
        env: &[("SOURCE_DATE_EPOCH", "yesterday")],
        status: 2,
        says: "SOURCE_DATE_EPOCH is `yesterday`",
        at: None,
        writes: &[],
    },
    // Links a reader can open safely.
    Case {
        name: "a javascript: link",
        setup: |d| handout(d, &format!("{GOOD}summary = \"See [this](javascript:alert(1)).\"\n")),
        args: &["build"],
        env: &[],
        status: 1,
        says: "a link to `javascript:` cannot be opened safely from a leaflet",
        at: Some("handouts/h.toml:3:23"),
        writes: &[],
    },
    Case {
        name: "a file: link in an item",
        setup: |d| {
            let text = format!("{GOOD}[[section]]\nkind = \"causes\"\n[[section.item]]\ntext = \"[notes](file:///etc/passwd)\"\n");
            handout(d, &text);
        },
        args: &["build"],
        env: &[],
        status: 1,
        says: "a link to `file:`",
        at: Some("handouts/h.toml:6:17"),
        writes: &[],
    },
    Case {
        name: "an smb: link in an item title",
        setup: |d| {
            let text = format!("{GOOD}[[section]]\nkind = \"causes\"\n[[section.item]]\ntitle = \"[share](smb://server/x)\"\n");
            handout(d, &text);
        },
        args: &["build"],
        env: &[],
        status: 1,
        says: "a link to `smb:`",
        at: Some("handouts/h.toml:6:18"),
        writes: &[],
    },
    Case {
        name: "a link whose address holds parentheses",
        setup: |d| {
            let text = format!("{GOOD}summary = \"Read [about knees](https://en.wikipedia.org/wiki/Knee_(joint)) today.\"\n");
            handout(d, &text);
        },
        args: &["build"],
        env: &[],
        status: 0,
        says: "built out/h.pdf",
        at: None,
        writes: &["out/h.pdf"],
    },
    Case {
        name: "a title of 200 characters",
        setup: |d| handout(d, &format!("title = \"{}\"\nreviewed = 2026-11-01\n", "Knee pain and stairs ".repeat(10).trim())),
        args: &["build"],
        env: &[],
        status: 0,
        says: "built out/h.pdf",
        at: None,
        writes: &["out/h.pdf"],
    },
];

/// Every file under `dir` (links not followed) with its bytes, or its kind.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let path = entry.path();
            let kind = entry.file_type().unwrap();
            let rel = path.strip_prefix(dir).unwrap().to_path_buf();
            if kind.is_dir() {
                stack.push(path);
            } else if kind.is_file() {
                out.push((rel, std::fs::read(&path).unwrap()));
            } else {
                out.push((rel, format!("{kind:?}").into_bytes()));
            }
        }
    }
    out.sort();
    out
}

/// What one run of the binary did.
pub struct Run {
    pub status: i32,
    pub stderr: String,
    pub elapsed: Duration,
    /// Peak resident memory of that one process, from wait4's rusage.
    pub max_rss_kb: i64,
}

/// Run `handout ARGS` in `dir` on the tests' "today" (2026-11-23) and
/// `env`, measuring this process alone.
pub fn run_measured(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_handout"))
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", TODAY_EPOCH)
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the handout binary runs");
    let mut pipe = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut s = Vec::new();
        pipe.read_to_end(&mut s).unwrap();
        s
    });
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: rusage is plain data, filled by wait4 for the child we spawned.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid, "wait4 failed");
    let stderr = String::from_utf8_lossy(&reader.join().unwrap()).into_owned();
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        128 + libc::WTERMSIG(status)
    };
    Run {
        status: code,
        stderr,
        elapsed: started.elapsed(),
        max_rss_kb: usage.ru_maxrss,
    }
}

#[test]
fn nothing_a_clinic_does_hangs_crashes_loses_text_or_leaks_a_patient_copy() {
    assert!(CASES.len() >= 30);
    let mut failures = Vec::new();
    for case in CASES {
        let lib = library(MINIMAL_CLINIC);
        let dir = lib.path();
        (case.setup)(dir);
        let before = snapshot(dir);
        let run = run_measured(dir, case.args, case.env);
        let mut wrong = Vec::new();
        if run.status != case.status {
            wrong.push(format!("exit status {} (expected {})", run.status, case.status));
        }
        if !run.stderr.contains(case.says) {
            wrong.push(format!("message lacks {:?}", case.says));
        }
        if let Some(at) = case.at {
            let prefix = format!("{at}: error: ");
            if !run.stderr.lines().any(|l| l.starts_with(&prefix)) {
                wrong.push(format!("no error at {at}"));
            }
        }
        if run.stderr.contains("panicked") || run.stderr.len() > 200_000 {
            wrong.push(format!("{} bytes on standard error, or a panic", run.stderr.len()));
        }
        if run.elapsed > TIME_LIMIT {
            wrong.push(format!("took {:?}", run.elapsed));
        }
        if run.max_rss_kb > MEMORY_LIMIT_KB {
            wrong.push(format!("peak memory {} MB", run.max_rss_kb / 1024));
        }
        let after = snapshot(dir);
        for (path, bytes) in &before {
            let now = after.iter().find(|(p, _)| p == path);
            let written = case.writes.iter().any(|w| Path::new(w) == path);
            let cleaned = path.to_string_lossy().ends_with(".partial");
            match now {
                None if !cleaned => wrong.push(format!("{} was removed", path.display())),
                Some((_, b)) if b != bytes && !written => {
                    wrong.push(format!("{} was changed", path.display()))
                }
                _ => {}
            }
        }
        for (path, bytes) in &after {
            let known = before.iter().any(|(p, _)| p == path);
            let written = case.writes.iter().any(|w| Path::new(w) == path);
            if !known && !written {
                wrong.push(format!("{} appeared", path.display()));
            }
            if written && !bytes.starts_with(b"%PDF-") {
                wrong.push(format!("{} is not a PDF", path.display()));
            }
            if path.to_string_lossy().ends_with(".partial") {
                wrong.push(format!("{} was left behind", path.display()));
            }
        }
        for w in case.writes {
            if !after.iter().any(|(p, _)| p == Path::new(w)) {
                wrong.push(format!("{w} was not written"));
            }
            if w.ends_with(".pdf") {
                assert_valid(&dir.join(w));
            }
        }
        if !wrong.is_empty() {
            let head: String = run.stderr.chars().take(600).collect();
            failures.push(format!("{}: {}\n  stderr: {head}", case.name, wrong.join("; ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Ctrl-C stops a batch cleanly: status 130, what was built is whole, and no
/// temporary file is left.
#[test]
fn ctrl_c_stops_a_batch_cleanly() {
    let lib = library(MINIMAL_CLINIC);
    let dir = lib.path();
    many(dir, 300);
    let mut child = Command::new(env!("CARGO_BIN_EXE_handout"))
        .arg("build")
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", TODAY_EPOCH)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = child.stderr.take().unwrap();
    // Wait for the first PDF, then interrupt.
    let mut seen = Vec::new();
    let mut byte = [0u8; 1];
    while !String::from_utf8_lossy(&seen).contains("built ") {
        assert_eq!(stderr.read(&mut byte).unwrap(), 1, "the batch ended early");
        seen.push(byte[0]);
    }
    // SAFETY: signalling the child we spawned.
    assert_eq!(unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGINT) }, 0);
    stderr.read_to_end(&mut seen).unwrap();
    let status = child.wait().unwrap();
    let said = String::from_utf8_lossy(&seen);
    assert_eq!(status.code(), Some(130), "{said}");
    assert!(said.contains("interrupted: "), "{said}");
    let out: Vec<_> = std::fs::read_dir(dir.join("out")).unwrap().flatten().collect();
    assert!(out.len() < 300, "the batch ran to the end");
    for entry in out {
        let name = entry.file_name().to_string_lossy().into_owned();
        assert!(name.ends_with(".pdf") && !name.starts_with('.'), "{name} left behind");
        let bytes = std::fs::read(entry.path()).unwrap();
        assert!(bytes.ends_with(b"%%EOF\n") || bytes.ends_with(b"%%EOF"), "{name} is cut short");
    }
}
