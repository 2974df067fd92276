//! The sample's whole build, as the front desk runs it: median wall time of
//! `handout build FILE -o x.pdf` (whole process), the peak memory of one such
//! process, the PDF's size, and the in-process time per handout.
//!
//! The same for the sample's web page (`-o x.html`), beside the PDF's.
//!
//! Then a batch: the samples repeated to 100 handouts, built by one process,
//! as PDFs and as PDFs and web pages together.
//! Last, adversarial input (1 MB of unpaired markup, 40,000 errors) at two
//! sizes, to show the time grows linearly.
//!
//! When `typst` is on PATH, the same content is timed through Typst side by
//! side (benches/typst/ writes it as a Typst document).
//!
//! Run with `cargo bench`. Budgets (SPEC.md): one handout about 7 ms median
//! on an idle machine, under 40 MB peak, under 60 KB; 100 handouts under
//! 0.4 s, with web pages under 0.8 s. `handout check` of the sample is timed too: it reads only the
//! fonts the sample needs.

use handout::build::{BuildOptions, build_pdf, render_handout};
use handout::formats::{Format, Formats};
use handout::library::today;
use handout::model::{load_clinic, load_handout};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

mod typst;

const RUNS: usize = 60;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let sample = root.join("handouts/upper-back-pain-after-running.toml");
    let clinic = root.join("clinic.toml");
    let out = std::env::temp_dir().join(format!("handout-bench-{}.pdf", std::process::id()));
    let args = [
        "build",
        sample.to_str().unwrap(),
        "--clinic",
        clinic.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ];

    let times = timed_runs(Command::new(env!("CARGO_BIN_EXE_handout")).args(args));
    // The largest child so far: only builds of the sample have run.
    let build_peak = peak_child_rss_kb();
    let size = std::fs::metadata(&out).unwrap().len();
    let checks = timed_runs(
        Command::new(env!("CARGO_BIN_EXE_handout")).args(["check", args[1], args[2], args[3]]),
    );
    std::fs::remove_file(&out).ok();
    let page = out.with_extension("html");
    let page_args = [
        args[0],
        args[1],
        args[2],
        args[3],
        "-o",
        page.to_str().unwrap(),
    ];
    let page_times = timed_runs(Command::new(env!("CARGO_BIN_EXE_handout")).args(page_args));
    let page_size = std::fs::metadata(&page).unwrap().len();
    std::fs::remove_file(&page).ok();

    let clinic = load_clinic(&clinic).unwrap();
    let options = BuildOptions::sheet(clinic.paper, today());
    let mut inner: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            build_pdf(&sample, &clinic, &options).unwrap();
            start.elapsed()
        })
        .collect();
    inner.sort();
    let html = BuildOptions {
        formats: Formats::of(&[Format::Html]),
        ..options.clone()
    };
    let mut inner_html: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            let handout = load_handout(&sample, &clinic, None, &Default::default()).unwrap();
            render_handout(&handout, &clinic, &html).unwrap();
            start.elapsed()
        })
        .collect();
    inner_html.sort();

    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("sample build, whole process ({RUNS} runs):");
    println!(
        "  median {:.2} ms, fastest {:.2} ms, 90th percentile {:.2} ms",
        ms(times[RUNS / 2]),
        ms(times[0]),
        ms(times[RUNS * 9 / 10])
    );
    println!("  peak memory {:.1} MB", build_peak as f64 / 1024.0);
    println!("  PDF size {:.1} KB ({size} bytes)", size as f64 / 1024.0);
    println!(
        "in process, per handout (fonts and logo loaded once): median {:.2} ms",
        ms(inner[RUNS / 2])
    );
    println!(
        "sample web page, whole process: median {:.2} ms, page {:.1} KB (fonts and logo inside); \
         in process: median {:.2} ms",
        ms(page_times[RUNS / 2]),
        page_size as f64 / 1024.0,
        ms(inner_html[RUNS / 2])
    );
    println!(
        "sample check, whole process: median {:.2} ms",
        ms(checks[RUNS / 2])
    );

    side_by_side(root, &sample, times[RUNS / 2]);
    batch(root, "pdf");
    batch(root, "pdf,html");
    linear(root);
}

/// The times of `RUNS` whole-process runs of `command`, fastest first.
fn timed_runs(command: &mut Command) -> Vec<Duration> {
    let mut times: Vec<Duration> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            let out = command.output().unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            start.elapsed()
        })
        .collect();
    times.sort();
    times
}

/// Typst on the same content, fonts and logo, when it is installed
/// (`cargo install typst-cli`); `ours` is our median for the sample.
fn side_by_side(root: &Path, sample: &Path, ours: Duration) {
    let Ok(version) = Command::new("typst").arg("--version").output() else {
        println!("typst side by side: typst is not on PATH (cargo install typst-cli)");
        return;
    };
    let dir = std::env::temp_dir().join(format!("handout-typst-{}", std::process::id()));
    let fonts = dir.join("fonts");
    std::fs::create_dir_all(&fonts).unwrap();
    // Only the faces the sample uses, as our build reads only those.
    for face in ["Regular", "Bold", "Italic", "BoldItalic"] {
        let name = format!("AtkinsonHyperlegibleNext-{face}.ttf");
        std::fs::copy(root.join("fonts").join(&name), fonts.join(&name)).unwrap();
    }
    std::fs::copy(root.join("assets/logo.png"), dir.join("logo.png")).unwrap();
    let read = |path: &Path| -> toml::Table {
        toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
    };
    let source = typst::source(&read(sample), &read(&root.join("clinic.toml")), "logo.png");
    std::fs::write(dir.join("sample.typ"), source).unwrap();
    let theirs = timed_runs(
        Command::new("typst")
            .current_dir(&dir)
            .args(["compile", "--ignore-system-fonts", "--font-path", "fonts"])
            .args(["sample.typ", "sample.pdf"]),
    )[RUNS / 2];
    let size = std::fs::metadata(dir.join("sample.pdf")).unwrap().len();
    std::fs::remove_dir_all(&dir).ok();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "typst side by side ({}, same content, whole process, {RUNS} runs):",
        String::from_utf8_lossy(&version.stdout).trim()
    );
    println!(
        "  typst median {:.2} ms, PDF {:.1} KB; handout {:.2} ms: {:.1} times faster",
        ms(theirs),
        size as f64 / 1024.0,
        ms(ours),
        theirs.as_secs_f64() / ours.as_secs_f64()
    );
}

/// The start of every adversarial handout.
const HEAD: &str = "title = \"Knee pain\"\nreviewed = 2026-11-01\n";

/// An adversarial input: its name, and the handout of about so many bytes.
type Case = (&'static str, fn(usize) -> String);

/// Adversarial inputs at two sizes: time that doubles with the size is
/// linear; quadratic work would quadruple it.
fn linear(root: &Path) {
    let cases: [Case; 3] = [
        ("unpaired emphasis `a * `", |bytes| {
            format!("{HEAD}summary = \"{}\"\n", "a * ".repeat(bytes / 4))
        }),
        ("unclosed links `[a](`", |bytes| {
            format!("{HEAD}summary = \"{}\"\n", "[a](".repeat(bytes / 4))
        }),
        ("empty items (one error each)", |bytes| {
            let items = "[[section.item]]\n".repeat(bytes / 17);
            format!("{HEAD}[[section]]\nkind = \"causes\"\n{items}")
        }),
    ];
    let dir = std::env::temp_dir().join(format!("handout-linear-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let clinic = root.join("clinic.toml");
    println!("adversarial input, `handout check` whole process (half size, full size):");
    for (name, make) in cases {
        let mut line = format!("  {name}:");
        // 340,000 bytes of empty items is 20,000 errors; 680,000 is 40,000.
        for bytes in [500_000, 1_000_000] {
            let file = dir.join("h.toml");
            std::fs::write(&file, make(bytes)).unwrap();
            let start = Instant::now();
            Command::new(env!("CARGO_BIN_EXE_handout"))
                .args([
                    "check",
                    file.to_str().unwrap(),
                    "--clinic",
                    clinic.to_str().unwrap(),
                ])
                .env("SOURCE_DATE_EPOCH", "1795392000")
                .output()
                .unwrap();
            let ms = start.elapsed().as_secs_f64() * 1000.0;
            line.push_str(&format!(" {} KB {ms:.0} ms;", bytes / 1000));
        }
        println!("{line}");
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// 100 handouts (the samples in every language, repeated) in one process,
/// written in `formats`.
fn batch(root: &Path, formats: &str) {
    const COPIES: usize = 100;
    const BATCH_RUNS: usize = 7;
    let dir = std::env::temp_dir().join(format!("handout-batch-{}", std::process::id()));
    let (input, output) = (dir.join("handouts"), dir.join("out"));
    std::fs::create_dir_all(&input).unwrap();
    let mut samples: Vec<_> = std::fs::read_dir(root.join("handouts"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    samples.sort();
    // A translation names its source relative to itself; the copies name the original.
    let sources = format!("translation_of = \"{}/", root.join("handouts").display());
    for i in 0..COPIES {
        let sample = &samples[i % samples.len()];
        let text = std::fs::read_to_string(sample).unwrap();
        let text = text.replace("translation_of = \"", &sources);
        std::fs::write(input.join(format!("h{i:03}.toml")), text).unwrap();
    }
    let clinic = root.join("clinic.toml");
    let args = [
        "build",
        input.to_str().unwrap(),
        "--clinic",
        clinic.to_str().unwrap(),
        "--out-dir",
        output.to_str().unwrap(),
        "--format",
        formats,
    ];
    let mut times: Vec<Duration> = (0..BATCH_RUNS)
        .map(|_| {
            let start = Instant::now();
            let out = Command::new(env!("CARGO_BIN_EXE_handout"))
                .args(args)
                .output()
                .unwrap();
            assert!(out.status.success(), "the batch failed");
            start.elapsed()
        })
        .collect();
    times.sort();
    let built = std::fs::read_dir(&output).unwrap().count();
    std::fs::remove_dir_all(&dir).ok();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "batch of {COPIES} handouts as {formats} ({built} files), whole process \
         ({BATCH_RUNS} runs, {cores} cores):"
    );
    println!(
        "  median {:.0} ms, fastest {:.0} ms",
        ms(times[BATCH_RUNS / 2]),
        ms(times[0])
    );
    println!(
        "  peak memory {:.1} MB",
        peak_child_rss_kb() as f64 / 1024.0
    );
}

/// The largest resident set of any finished child process, in KiB.
fn peak_child_rss_kb() -> i64 {
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: getrusage fills the struct we own; RUSAGE_CHILDREN covers waited-for children.
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    usage.ru_maxrss
}
