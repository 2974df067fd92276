//! `handout build`: find the clinic, validate each handout, lay it out, render
//! it and write it atomically. A bad file is reported and skipped; the others
//! are still built.

use crate::date::Date;
use crate::diagnostic::Diagnostic;
use crate::layout::{self, Layout};
use crate::library::today;
use crate::model::{Clinic, Handout, Paper, load_handout};
use crate::output::write_atomic;
use crate::render;
use std::path::{Path, PathBuf};

/// What to build, as the command line says it.
#[derive(Debug, Clone, Default)]
pub struct BuildRequest {
    pub inputs: Vec<PathBuf>,
    pub patient: Option<String>,
    pub note: Option<String>,
    pub layout: Layout,
    pub large_print: bool,
    pub output: Option<PathBuf>,
    pub out_dir: Option<PathBuf>,
    pub clinic: Option<PathBuf>,
    pub paper: Option<Paper>,
    pub allow_expired: bool,
}

/// How one handout is built.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub paper: Paper,
    /// A patient copy: fills {patient.name} and prints "Prepared for".
    pub patient: Option<String>,
    /// A clinician's note, printed in its own box.
    pub note: Option<String>,
    pub layout: Layout,
    /// Body at 18 pt or more, no italics; sheet layout only.
    pub large_print: bool,
    pub allow_expired: bool,
    /// The day the build runs, for review-date checks.
    pub today: Date,
}

impl BuildOptions {
    /// A sheet on `paper`, refusing expired handouts.
    pub fn sheet(paper: Paper, today: Date) -> BuildOptions {
        BuildOptions {
            paper,
            patient: None,
            note: None,
            layout: Layout::Sheet,
            large_print: false,
            allow_expired: false,
            today,
        }
    }
}

/// A finished PDF.
pub struct Built {
    pub bytes: Vec<u8>,
    pub pages: usize,
}

/// Build one handout file into PDF bytes.
pub fn build_pdf(
    path: &Path,
    clinic: &Clinic,
    options: &BuildOptions,
) -> Result<Built, Vec<Diagnostic>> {
    let handout = load_handout(path, clinic, options.patient.as_deref())?;
    render_handout(&handout, clinic, options)
}

/// A handout already loaded (with `options.patient` filled in) to PDF bytes.
pub fn render_handout(
    handout: &Handout,
    clinic: &Clinic,
    options: &BuildOptions,
) -> Result<Built, Vec<Diagnostic>> {
    if let Some(expired) = handout
        .expired(options.today)
        .filter(|_| !options.allow_expired)
    {
        return Err(vec![expired]);
    }
    let layout_options = layout::Options {
        paper: options.paper,
        large_print: options.large_print,
        date: pdf_date(handout),
        patient: patient_copy(options, clinic)?,
    };
    let doc = match options.layout {
        Layout::Sheet => layout::sheet(handout, clinic, &layout_options),
        Layout::Trifold => layout::trifold(handout, clinic, &layout_options)
            .map_err(|over| vec![too_long_for_trifold(handout, over)])?,
    };
    Ok(Built {
        pages: doc.pages.len(),
        bytes: render::pdf(doc),
    })
}

/// The "Prepared for" line and the clinician's note, checked like any text.
fn patient_copy(
    options: &BuildOptions,
    clinic: &Clinic,
) -> Result<layout::PatientCopy, Vec<Diagnostic>> {
    let date = source_date().unwrap_or(options.today);
    let mut errors = Vec::new();
    for (flag, text) in [("--patient", &options.patient), ("--note", &options.note)] {
        let Some(c) = text
            .as_deref()
            .and_then(|t| crate::model::uncovered(&clinic.fonts, t))
        else {
            continue;
        };
        let message = format!("{flag}: {}", crate::model::uncovered_message(c));
        errors.push(Diagnostic::for_file(
            Path::new("command line"),
            "uncovered-character",
            message,
        ));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(layout::PatientCopy {
        name: options.patient.clone().map(|n| (n, date)),
        note: options
            .note
            .as_deref()
            .map(crate::markup::paragraphs)
            .unwrap_or_default(),
    })
}

fn too_long_for_trifold(h: &Handout, over: layout::Overflow) -> Diagnostic {
    h.source.error(
        0,
        "does-not-fit",
        format!(
            "this handout does not fit a trifold, even with body text at {} pt: about {} lines \
             ({:.0}%) too long; shorten it, or print it as a sheet (leave out --layout trifold)",
            layout::MIN_TRIFOLD_BODY,
            over.lines,
            over.percent.max(1.0)
        ),
    )
}

/// The date stamped into the PDF: SOURCE_DATE_EPOCH when set, else the review date.
fn pdf_date(h: &Handout) -> Date {
    source_date().unwrap_or(h.reviewed)
}

/// SOURCE_DATE_EPOCH, the reproducible-builds convention for "now".
fn source_date() -> Option<Date> {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()?
        .trim()
        .parse::<i64>()
        .ok()?;
    Some(Date::from_days_since_epoch(secs.div_euclid(86_400)))
}

/// Run `handout build`; the exit status.
pub fn run(request: &BuildRequest) -> i32 {
    let (library, clinic) = match crate::library::open(request.clinic.as_deref()) {
        Ok(opened) => opened,
        Err(status) => return status,
    };
    let files = match library.handout_files(&request.inputs) {
        Ok(f) => f,
        Err(d) => return report(&[d]),
    };
    if request.output.is_some() && files.len() != 1 {
        eprintln!(
            "error: -o/--output names one file, but {} handouts were given; use --out-dir",
            files.len()
        );
        return 2;
    }
    let options = BuildOptions {
        paper: request.paper.unwrap_or(clinic.paper),
        patient: request.patient.clone(),
        note: request.note.clone(),
        layout: request.layout,
        large_print: request.large_print,
        allow_expired: request.allow_expired,
        today: today(),
    };
    let out_dir = request.out_dir.clone().unwrap_or_else(|| library.out_dir());
    let target = |file: &Path| {
        let name = || out_dir.join(pdf_name(file, &options));
        request.output.clone().unwrap_or_else(name)
    };
    let build_one = |file: &PathBuf| -> Result<(PathBuf, usize), Vec<Diagnostic>> {
        let target = target(file);
        let built = build_pdf(file, &clinic, &options)?;
        write_atomic(&target, &built.bytes).map_err(|e| {
            let why = format!("cannot write the PDF: {}", crate::model::io_reason(&e));
            vec![Diagnostic::for_file(&target, "write-failed", why)]
        })?;
        Ok((target, built.pages))
    };
    let started = std::time::Instant::now();
    let mut progress = Progress::new(files.len());
    let mut failed = 0;
    parallel(&files, build_one, |result| match result {
        Ok((target, pages)) => progress.built(&target, pages),
        Err(diags) => {
            progress.clear();
            report(&diags);
            failed += 1;
            progress.failed();
        }
    });
    progress.finish();
    if files.len() > 1 {
        let seconds = started.elapsed().as_secs_f64();
        eprintln!(
            "{} built, {failed} failed in {seconds:.2} s",
            files.len() - failed
        );
    }
    i32::from(failed > 0)
}

/// The PDF's file name for a handout file: NAME.pdf, NAME.trifold.pdf or
/// NAME.large.pdf.
pub fn pdf_name(file: &Path, options: &BuildOptions) -> String {
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    let suffix = match (options.layout, options.large_print) {
        (Layout::Trifold, _) => ".trifold",
        (Layout::Sheet, true) => ".large",
        (Layout::Sheet, false) => "",
    };
    format!("{stem}{suffix}.pdf")
}

/// Print diagnostics to standard error; the exit status for them.
pub fn report(diags: &[Diagnostic]) -> i32 {
    for d in diags {
        eprintln!("{d}");
    }
    i32::from(
        diags
            .iter()
            .any(|d| d.severity == crate::diagnostic::Severity::Error),
    )
}

/// Run `work` on every item on all cores; `done` sees each result, on this
/// thread, as it arrives.
fn parallel<T: Sync, R: Send>(items: &[T], work: impl Fn(&T) -> R + Sync, mut done: impl FnMut(R)) {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len().max(1));
    if workers == 1 {
        // One file (the front desk's usual case) needs no threads.
        items.iter().for_each(|item| done(work(item)));
        return;
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let tx = tx.clone();
            let (next, work) = (&next, &work);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    if tx.send(work(item)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        for result in rx {
            done(result);
        }
    });
}

/// Progress of a batch: a bar redrawn in place on a terminal, one plain line
/// per file otherwise (logs, CI).
struct Progress {
    total: usize,
    done: usize,
    terminal: bool,
}

impl Progress {
    fn new(total: usize) -> Progress {
        use std::io::IsTerminal;
        Progress {
            total,
            done: 0,
            terminal: total > 1 && std::io::stderr().is_terminal(),
        }
    }

    fn built(&mut self, target: &Path, pages: usize) {
        self.done += 1;
        if self.terminal {
            self.draw();
        } else {
            let noun = if pages == 1 { "page" } else { "pages" };
            eprintln!("built {} ({pages} {noun})", target.display());
        }
    }

    fn failed(&mut self) {
        self.done += 1;
        if self.terminal {
            self.draw();
        }
    }

    fn draw(&self) {
        const WIDTH: usize = 30;
        let filled = WIDTH * self.done / self.total.max(1);
        eprint!(
            "\r[{}{}] {}/{}",
            "#".repeat(filled),
            ".".repeat(WIDTH - filled),
            self.done,
            self.total
        );
    }

    /// Wipe the bar so a message can take the line.
    fn clear(&self) {
        if self.terminal {
            eprint!("\r{}\r", " ".repeat(50));
        }
    }

    fn finish(&self) {
        if self.terminal {
            eprintln!();
        }
    }
}
