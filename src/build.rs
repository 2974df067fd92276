//! `handout build`: find the clinic, validate each handout, lay it out, render
//! it and write it atomically. A bad file is reported and skipped; the others
//! are still built.

use crate::console::say;
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Severity, print_all};
use crate::formats::Formats;
use crate::layout::compose::{Leaflet, compose};
use crate::layout::{self, BodySize, Layout};
use crate::library::source_date_epoch;
use crate::model::{Clinic, Handout, Paper, Shelf, load_handout};
use crate::output::{replaceable, write_atomic};
use crate::plan::{Format, Job, Output, Plan, Request};
use crate::render;
use std::path::Path;

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
    /// A PDF, a web page, or both.
    pub formats: Formats,
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
            formats: Formats::PDF,
        }
    }
}

/// A finished PDF.
pub struct Built {
    pub bytes: Vec<u8>,
    pub pages: usize,
    /// What the reader of the build's output should know (a smaller body size).
    pub note: Option<String>,
    /// A trifold's body size, when it is below 12 pt.
    pub small_type: Option<layout::BodySize>,
}

/// One handout's outputs, made from one composed leaflet: those
/// `options.formats` asks for.
pub struct Outputs {
    pub pdf: Option<Built>,
    pub html: Option<String>,
}

impl Outputs {
    /// The bytes of the output in `format`, if it was made.
    pub fn bytes(&self, format: Format) -> Option<&[u8]> {
        match format {
            Format::Pdf => self.pdf.as_ref().map(|p| p.bytes.as_slice()),
            Format::Html => self.html.as_ref().map(|h| h.as_bytes()),
        }
    }
}

/// Build one handout file into PDF bytes.
pub fn build_pdf(
    path: &Path,
    clinic: &Clinic,
    options: &BuildOptions,
) -> Result<Built, Vec<Diagnostic>> {
    let shelf = Shelf::default();
    let handout = load_handout(path, clinic, options.patient.as_deref(), &shelf)?;
    let leaflet = leaflet(&handout, clinic, options)?;
    render_pdf(&handout, clinic, &leaflet, options)
}

/// A handout already loaded (with `options.patient` filled in), composed
/// once and made into each output `options.formats` asks for.
pub fn render_handout(
    handout: &Handout,
    clinic: &Clinic,
    options: &BuildOptions,
) -> Result<Outputs, Vec<Diagnostic>> {
    let leaflet = leaflet(handout, clinic, options)?;
    let pdf = match options.formats.pdf {
        true => Some(render_pdf(handout, clinic, &leaflet, options)?),
        false => None,
    };
    let html = match options.formats.html {
        true => Some(crate::html::page(handout, clinic, &leaflet).map_err(|d| vec![d])?),
        false => None,
    };
    Ok(Outputs { pdf, html })
}

/// The leaflet a handout prints, for a patient when it is a copy: what every
/// output shows. An expired handout, or one reviewed in the future, has none.
fn leaflet<'a>(
    handout: &'a Handout,
    clinic: &Clinic,
    options: &BuildOptions,
) -> Result<Leaflet<'a>, Vec<Diagnostic>> {
    if let Some(future) = handout.reviewed_in_future(options.today) {
        return Err(vec![future]);
    }
    if let Some(expired) = handout
        .expired(options.today)
        .filter(|_| !options.allow_expired)
    {
        return Err(vec![expired]);
    }
    Ok(compose(handout, clinic, &patient_copy(options, clinic)?))
}

/// The composed `leaflet` laid out and rendered as a PDF.
fn render_pdf(
    handout: &Handout,
    clinic: &Clinic,
    leaflet: &Leaflet,
    options: &BuildOptions,
) -> Result<Built, Vec<Diagnostic>> {
    let layout_options = layout::Options {
        paper: options.paper,
        large_print: options.large_print,
        date: pdf_date(handout),
    };
    let laid = options.layout.lay_out()(handout, clinic, leaflet, &layout_options)
        .map_err(|refusal| vec![refused(handout, clinic, refusal)])?;
    let (doc, small_type) = (laid.document, laid.body.filter(BodySize::small));
    // Below 12 pt some patients will struggle: say so, and what it takes
    // to print at 12 pt.
    let note = small_type.map(|size| {
        let cut = size.cut_advice();
        format!("body text at {} pt to fit the trifold{cut}", size.size)
    });
    let pages = doc.pages.len();
    let bytes = render::pdf(doc).map_err(|e| vec![clinic.print_problem(&handout.path, e)])?;
    Ok(Built {
        pages,
        bytes,
        note,
        small_type,
    })
}

/// The "Prepared for" line and the clinician's note, checked like any text:
/// the note's placeholders are filled, and what no font can draw is an error.
fn patient_copy(
    options: &BuildOptions,
    clinic: &Clinic,
) -> Result<layout::PatientCopy, Vec<Diagnostic>> {
    let command_line = |code, message: String| {
        vec![Diagnostic::for_file(
            Path::new("command line"),
            code,
            message,
        )]
    };
    let note = match options.note.as_deref() {
        None => None,
        Some(text) => Some(
            crate::model::expand_note(text, clinic, options.patient.as_deref())
                .map_err(|why| command_line("bad-note", format!("--note: {why}")))?,
        ),
    };
    for (flag, text) in [("--patient", &options.patient), ("--note", &note)] {
        if let Some(c) = text
            .as_deref()
            .and_then(|t| crate::model::uncovered(&clinic.fonts, t, 0))
        {
            let message = format!(
                "{flag}: {}",
                crate::model::uncovered_message(&clinic.fonts, c)
            );
            return Err(command_line("uncovered-character", message));
        }
    }
    Ok(layout::PatientCopy {
        name: options.patient.clone().map(|n| (n, options.today)),
        note: note
            .as_deref()
            .map(crate::markup::paragraphs)
            .unwrap_or_default(),
    })
}

/// The patient's name as `--patient` gives it, checked: it is printed as
/// plain text on one line, so markup, braces, line breaks and direction
/// controls are refused rather than interpreted.
pub fn patient_name(name: &str) -> Result<String, String> {
    let name = name.trim();
    if name.is_empty() {
        return Err("--patient needs the patient's name, but it is blank".into());
    }
    if name.chars().count() > 100 {
        return Err("--patient: the name is over 100 characters; type just the name".into());
    }
    // Markup, braces and line breaks would be interpreted; the rest is what
    // no one-line text may hold.
    let interpreted = name
        .char_indices()
        .find(|(_, c)| matches!(c, '*' | '[' | ']' | '{' | '}' | '\t' | '\n' | '\r'));
    let unprintable = crate::model::text_problem(name, true)
        .and_then(|(at, _)| Some((at, name[at..].chars().next()?)));
    if let Some((_, c)) = interpreted.into_iter().chain(unprintable).min() {
        return Err(format!(
            "--patient: the name holds {}; type the name on one line, as it should be printed",
            crate::model::describe_char(c)
        ));
    }
    Ok(name.to_string())
}

/// Why the layout could not hold the handout, at the line to change.
fn refused(h: &Handout, clinic: &Clinic, refusal: layout::Refusal) -> Diagnostic {
    match refusal {
        layout::Refusal::TooLong(over) => h.source.error(
            0,
            "does-not-fit",
            format!(
                "this handout does not fit a trifold, even with body text at {} pt: about {} lines \
                 ({:.0}%) too long; shorten it, or print it as a sheet (leave out --layout trifold)",
                layout::MIN_TRIFOLD_BODY,
                over.lines,
                over.percent.max(1.0)
            ),
        ),
        layout::Refusal::Crowded(c) => crowded(h, clinic, c),
        layout::Refusal::BackTooFull(lines) => clinic.source.error(
            clinic.file.disclaimer.as_ref().map_or(0, |d| d.span().start),
            "back-too-full",
            format!(
                "the trifold's back panel cannot hold the contact details and the disclaimer: \
                 about {lines} lines too long; shorten the disclaimer, or print the handout as \
                 a sheet (leave out --layout trifold)"
            ),
        ),
    }
}

/// Text the page cannot hold, at its clinic.toml or handout line; or the
/// damaged font that made it seem too long.
fn crowded(h: &Handout, clinic: &Clinic, c: layout::Crowded) -> Diagnostic {
    let texts = [Some(&clinic.name), clinic.phone.as_ref(), Some(&h.title)];
    for text in texts.into_iter().flatten() {
        let family = h.writing.family;
        if let Err(e) = crate::render::check_text(&clinic.fonts, text, family) {
            return clinic.print_problem(&h.path, e);
        }
    }
    let f = &clinic.file;
    let (source, at, what, key) = match c.detail {
        layout::Detail::Name => (&clinic.source, Some(f.name.span()), "clinic's name", "name"),
        layout::Detail::Phone => (
            &clinic.source,
            f.phone.as_ref().map(|p| p.span()),
            "phone line",
            "phone",
        ),
        layout::Detail::Website => (
            &clinic.source,
            f.website.as_ref().map(|w| w.span()),
            "website",
            "website",
        ),
        layout::Detail::Title => (&h.source, Some(h.file.title.span()), "title", "title"),
    };
    source.error(
        at.map_or(0, |s| s.start),
        "too-long-for-page",
        format!(
            "the {what} is too long to print on {}: shorten `{key}`",
            c.place.words()
        ),
    )
}

/// The date stamped into the PDF: SOURCE_DATE_EPOCH when set, else the review
/// date, so the same inputs give the same bytes whatever day it is.
fn pdf_date(h: &Handout) -> Date {
    source_date_epoch().ok().flatten().unwrap_or(h.reviewed)
}

/// A handout built and its outputs written.
pub struct Written {
    pub outputs: Vec<Output>,
    /// The PDF's pages, when a PDF was made.
    pub pages: Option<usize>,
    /// What the reader of the build's output should know (a smaller body size).
    pub note: Option<String>,
    /// What `check` says of the handout (its warnings), found beside the
    /// layout.
    pub checked: Vec<Diagnostic>,
    /// Its line on a folder's index.html, when a web page was made.
    pub entry: Option<crate::html::index::Entry>,
}

/// Build one handout of `plan` and write its outputs: the one way `build`
/// and `watch` make a leaflet, composed once whatever its outputs. An
/// output is written only where nothing is, or an output this tool wrote.
pub fn build_one(plan: &Plan, job: &Job) -> Result<Written, Vec<Diagnostic>> {
    let (clinic, options) = (&plan.clinic, &plan.options);
    let patient = options.patient.as_deref();
    let handout = load_handout(&job.source, clinic, patient, &plan.shelf)?;
    // `check`'s lints (readability, jargon) are a fifth of the work of a
    // build, so they run beside the layout and rendering (in a batch, after
    // them, and only for a handout that built).
    // A trifold's body size is the layout's to tell, not the lints' to fold
    // again.
    let folds = options.layout == Layout::Trifold && options.formats.pdf;
    let (mut checked, built) = std::thread::scope(|scope| {
        let checking = crate::beside::spawn(scope, || {
            let today = options.today;
            let report = match folds {
                true => crate::check::check_but_trifold(&handout, clinic, today),
                false => crate::check::check_handout(&handout, clinic, today),
            };
            report.diagnostics
        });
        let built = render_handout(&handout, clinic, options);
        let checked = if built.is_ok() {
            checking.join()
        } else {
            Vec::new()
        };
        (checked, built)
    });
    let built = built?;
    let small_type = built.pdf.as_ref().and_then(|p| p.small_type);
    checked.extend(small_type.map(|size| crate::check::trifold_warning(&handout, &size)));
    for output in &job.outputs {
        write_output(output, built.bytes(output.format).unwrap_or_default())?;
    }
    let page = job.outputs.iter().find(|o| o.format == Format::Html);
    Ok(Written {
        outputs: job.outputs.clone(),
        pages: built.pdf.as_ref().map(|p| p.pages),
        note: built.pdf.and_then(|p| p.note),
        checked,
        entry: page.map(|page| index_entry(&handout, &page.path)),
    })
}

/// Write `bytes` to `output` atomically, unless something there is not an
/// output a build wrote before.
fn write_output(output: &Output, bytes: &[u8]) -> Result<(), Vec<Diagnostic>> {
    let cannot_write = |why: String| vec![Diagnostic::for_file(&output.path, "write-failed", why)];
    replaceable(&output.path).map_err(cannot_write)?;
    let what = match output.format {
        Format::Pdf => "the PDF",
        Format::Html => "the web page",
    };
    write_atomic(&output.path, bytes).map_err(|e| {
        cannot_write(format!(
            "cannot write {what}: {}",
            crate::model::io_reason(&e)
        ))
    })
}

fn index_entry(handout: &Handout, page: &Path) -> crate::html::index::Entry {
    crate::html::index::Entry {
        file: page
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        title: handout.title.clone(),
        language: handout.language.clone(),
        language_name: handout.words.language_name().map(str::to_string),
        rtl: handout.writing.rtl,
    }
}

/// A folder built as web pages gets index.html beside them, listing every
/// leaflet that built, for the clinic's site; a single leaflet, `-o` or a
/// patient's copy does not. Whether it could be written.
fn write_index(
    plan: &Plan,
    request: &Request,
    mut entries: Vec<crate::html::index::Entry>,
) -> bool {
    let folder = request.inputs.is_empty() || request.inputs.iter().any(|p| p.is_dir());
    if !folder || request.output.is_some() || plan.options.patient.is_some() || entries.is_empty() {
        return true;
    }
    entries.sort_by(|a, b| a.file.cmp(&b.file));
    // A handout named index.toml has that page already: it is not replaced.
    if entries
        .iter()
        .any(|e| e.file.eq_ignore_ascii_case("index.html"))
    {
        say(format_args!(
            "no index.html written: a handout named index.toml has that name; rename it to \
             list the leaflets"
        ));
        return true;
    }
    let out_dir = request
        .out_dir
        .clone()
        .unwrap_or_else(|| plan.library.out_dir());
    let index = Output {
        format: Format::Html,
        path: out_dir.join("index.html"),
    };
    let page = crate::html::index::index(&plan.clinic, &entries);
    match write_output(&index, page.as_bytes()) {
        Ok(()) => {
            say(format_args!("built {}", index.path.display()));
            true
        }
        Err(diags) => {
            print_all(&diags);
            false
        }
    }
}

/// Run `handout build`; the exit status.
pub fn run(request: &Request) -> i32 {
    let plan = match Plan::new(request) {
        Ok(plan) => plan,
        Err(status) => return status,
    };
    let jobs = &plan.jobs;
    let interrupted = crate::interrupt::watch();
    let started = std::time::Instant::now();
    let mut progress = Progress::new(jobs.len());
    let (mut built, mut failed, mut warnings) = (0, 0, 0);
    let mut entries = Vec::new();
    let build = |job: &Job| build_one(&plan, job);
    parallel(jobs, interrupted, build, |result| match result {
        Ok(done) => {
            built += 1;
            warnings += done
                .checked
                .iter()
                .filter(|d| d.severity == Severity::Warning)
                .count();
            progress.built(&done);
            entries.extend(done.entry);
        }
        Err(diags) => {
            progress.clear();
            print_all(&diags);
            failed += 1;
            progress.failed();
        }
    });
    progress.finish();
    let seconds = started.elapsed().as_secs_f64();
    if crate::interrupt::requested(interrupted) {
        let left = jobs.len() - built - failed;
        say(format_args!(
            "interrupted: {built} built, {failed} failed, {left} not started"
        ));
        return 130;
    }
    if !write_index(&plan, request, entries) {
        failed += 1;
    }
    if jobs.len() > 1 {
        say(format_args!(
            "{built} built, {failed} failed in {seconds:.2} s"
        ));
    }
    if warnings > 0 {
        let s = if warnings == 1 { "" } else { "s" };
        say(format_args!(
            "{warnings} warning{s}: run handout check to read them"
        ));
    }
    i32::from(failed > 0)
}

/// The file name of a handout's output: the PDF's (see [`pdf_name`]), or
/// its web page's, NAME.html (NAME.patient.html for a patient copy), which
/// is one page whatever the layout.
pub fn output_name(file: &Path, options: &BuildOptions, format: Format) -> String {
    match format {
        Format::Pdf => pdf_name(file, options),
        Format::Html => {
            let stem = file
                .file_stem()
                .map(|s| s.to_string_lossy())
                .unwrap_or_default();
            let copy = if options.patient.is_some() {
                ".patient"
            } else {
                ""
            };
            format!("{stem}{copy}.html")
        }
    }
}

/// The PDF's file name for a handout file: NAME.pdf, NAME.trifold.pdf or
/// NAME.large.pdf, with `.patient` before `.pdf` for a patient copy.
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
    // A patient copy never takes the shared leaflet's name, nor the patient's.
    let copy = if options.patient.is_some() {
        ".patient"
    } else {
        ""
    };
    format!("{stem}{suffix}{copy}.pdf")
}

/// Run `work` on every item on all cores; `done` sees each result, on this
/// thread, as it arrives. Once `stop` is set (Ctrl-C) no new item is started;
/// those under way finish, so no PDF is left half written.
fn parallel<T: Sync, R: Send>(
    items: &[T],
    stop: &std::sync::atomic::AtomicBool,
    work: impl Fn(&T) -> R + Sync,
    mut done: impl FnMut(R),
) {
    use std::sync::atomic::Ordering;
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len().max(1));
    if workers == 1 {
        // One file (the front desk's usual case) needs no threads.
        for item in items {
            if stop.load(Ordering::Relaxed) {
                break;
            }
            done(work(item));
        }
        return;
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let tx = tx.clone();
            let (next, work) = (&next, &work);
            scope.spawn(move || {
                crate::beside::crowded();
                while !stop.load(Ordering::Relaxed) {
                    let i = next.fetch_add(1, Ordering::Relaxed);
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

    fn built(&mut self, done: &Written) {
        self.done += 1;
        let note = done
            .note
            .as_ref()
            .map(|n| format!("; {n}"))
            .unwrap_or_default();
        for output in &done.outputs {
            let target = &output.path;
            let pages = done.pages.filter(|_| output.format == Format::Pdf);
            if self.terminal {
                if !note.is_empty() && pages.is_some() {
                    self.clear();
                    say(format_args!("{}{note}", target.display()));
                }
            } else if let Some(pages) = pages {
                let noun = if pages == 1 { "page" } else { "pages" };
                say(format_args!(
                    "built {} ({pages} {noun}{note})",
                    target.display()
                ));
            } else {
                say(format_args!("built {}", target.display()));
            }
        }
        if self.terminal {
            self.draw();
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
        crate::console::tell(format_args!(
            "\r[{}{}] {}/{}",
            "#".repeat(filled),
            ".".repeat(WIDTH - filled),
            self.done,
            self.total
        ));
    }

    /// Wipe the bar so a message can take the line.
    fn clear(&self) {
        if self.terminal {
            crate::console::tell(format_args!("\r{}\r", " ".repeat(50)));
        }
    }

    fn finish(&self) {
        if self.terminal {
            crate::console::tell(format_args!("\n"));
        }
    }
}
