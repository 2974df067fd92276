//! The command line: flags parsed with clap, then handed to the commands.

use crate::build;
use crate::check::{self, CheckRequest, Format as ReportFormat};
use crate::console;
use crate::formats::Formats;
use crate::layout::Layout;
use crate::library::{Library, today};
use crate::listing;
use crate::model::Paper;
use crate::plan::Format;
use crate::plan::Request;
use crate::scaffold;
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use std::path::{Path, PathBuf};

#[derive(Parser)]
#[command(
    name = "handout",
    version,
    about = "Branded, print-ready patient handouts from TOML"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build PDF leaflets and web pages from handout files or folders (default: handouts/)
    Build {
        /// Handout files or folders of them
        paths: Vec<PathBuf>,
        /// Output file (one input only)
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Folder for the PDFs (default: out/ beside clinic.toml)
        #[arg(long, value_name = "DIR")]
        out_dir: Option<PathBuf>,
        /// Clinic profile (default: the nearest clinic.toml)
        #[arg(long, value_name = "FILE")]
        clinic: Option<PathBuf>,
        #[command(flatten)]
        page: PageFlags,
        /// Build a handout even when its review date has passed
        #[arg(long)]
        allow_expired: bool,
        /// A patient copy: fills {patient.name} and prints "Prepared for NAME"
        #[arg(long, value_name = "NAME")]
        patient: Option<String>,
        /// A clinician's note for a patient copy (with --patient), printed in
        /// its own box after the main message
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        #[command(flatten)]
        output_format: OutputFormat,
    },
    /// Validate, lint and report readability; writes nothing
    Check {
        /// Handout files or folders of them (default: handouts/)
        paths: Vec<PathBuf>,
        /// Clinic profile (default: the nearest clinic.toml)
        #[arg(long, value_name = "FILE")]
        clinic: Option<PathBuf>,
        /// Output for people or for machines
        #[arg(long, value_enum, default_value = "human")]
        format: FormatArg,
    },
    /// Start a library in this folder: clinic.toml, handouts/, assets/, fonts/, schema/
    Init,
    /// Write handouts/NAME.toml: a commented skeleton with every section kind
    New {
        /// File name without .toml: lowercase letters, digits and hyphens
        /// (NAME.LANG with --from, like knee-pain.es)
        name: String,
        /// Start a translation of handouts/SOURCE.toml instead of a skeleton
        #[arg(long, value_name = "SOURCE")]
        from: Option<String>,
        /// Clinic profile (default: the nearest clinic.toml)
        #[arg(long, value_name = "FILE")]
        clinic: Option<PathBuf>,
    },
    /// Rebuild handouts whenever they are saved, printing the problems each save brings
    Watch {
        /// Handout files or folders of them (default: handouts/)
        paths: Vec<PathBuf>,
        /// Clinic profile (default: the nearest clinic.toml)
        #[arg(long, value_name = "FILE")]
        clinic: Option<PathBuf>,
        #[command(flatten)]
        page: PageFlags,
        #[command(flatten)]
        output_format: OutputFormat,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell)
    Completions { shell: clap_complete::Shell },
    /// Print the manual page (roff) with every subcommand, for `man -l -` or /usr/share/man/man1
    Man,
    /// One line per handout: file, language, review dates and status, soonest first;
    /// exit status 1 when any handout is expired or has errors
    List {
        /// Handout files or folders of them (default: handouts/)
        paths: Vec<PathBuf>,
        /// Clinic profile (default: the nearest clinic.toml)
        #[arg(long, value_name = "FILE")]
        clinic: Option<PathBuf>,
        /// Output for people or for machines
        #[arg(long, value_enum, default_value = "human")]
        format: FormatArg,
    },
    /// The bundled pictograms `icon` can name, one a line; --sheet FILE.pdf prints them all
    Icons {
        /// Names only, or as JSON with each one's category and title
        #[arg(long, value_enum, default_value = "human")]
        format: FormatArg,
        /// Write a contact sheet PDF: every pictogram with its name, by category
        #[arg(long, value_name = "FILE.pdf")]
        sheet: Option<PathBuf>,
        /// Clinic profile for the sheet's colour and fonts (default: the nearest clinic.toml)
        #[arg(long, value_name = "FILE")]
        clinic: Option<PathBuf>,
    },
}

/// How a leaflet is laid out: the flags `build` and `watch` share.
#[derive(Args)]
struct PageFlags {
    /// Paper size (default: the clinic's)
    #[arg(long, value_enum)]
    paper: Option<PaperArg>,
    /// Portrait sheet, or a landscape brochure folded in three
    #[arg(long, value_enum, default_value = "sheet")]
    layout: LayoutArg,
    /// Body at 18 pt or more, single column, no italics (sheet layout)
    #[arg(long)]
    large_print: bool,
}

/// `--paper`: the command line's names for [`Paper`].
#[derive(Clone, Copy, ValueEnum)]
enum PaperArg {
    Letter,
    A4,
}

impl From<PaperArg> for Paper {
    fn from(paper: PaperArg) -> Paper {
        match paper {
            PaperArg::Letter => Paper::Letter,
            PaperArg::A4 => Paper::A4,
        }
    }
}

/// `--layout`: the command line's names for [`Layout`].
#[derive(Clone, Copy, PartialEq, ValueEnum)]
enum LayoutArg {
    /// Portrait pages.
    Sheet,
    /// A landscape sheet folded in three.
    Trifold,
}

impl From<LayoutArg> for Layout {
    fn from(layout: LayoutArg) -> Layout {
        match layout {
            LayoutArg::Sheet => Layout::Sheet,
            LayoutArg::Trifold => Layout::Trifold,
        }
    }
}

/// `--format` of `check` and `list`: the command line's names for [`ReportFormat`].
#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Human,
    Json,
}

impl From<FormatArg> for ReportFormat {
    fn from(format: FormatArg) -> ReportFormat {
        match format {
            FormatArg::Human => ReportFormat::Human,
            FormatArg::Json => ReportFormat::Json,
        }
    }
}

/// `--format` of `build` and `watch`: what each handout is written as.
#[derive(Args)]
struct OutputFormat {
    /// pdf (default), html (one self-contained, accessible web page), or both: pdf,html
    #[arg(
        long = "format",
        value_enum,
        value_delimiter = ',',
        value_name = "FORMAT"
    )]
    formats: Vec<FormatName>,
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
enum FormatName {
    Pdf,
    Html,
}

impl OutputFormat {
    /// The formats asked for; without `--format`, a web page when `-o`
    /// names an .html file, else a PDF.
    fn formats(&self, output: Option<&Path>) -> Formats {
        let named: Vec<Format> = self
            .formats
            .iter()
            .map(|f| match f {
                FormatName::Pdf => Format::Pdf,
                FormatName::Html => Format::Html,
            })
            .collect();
        let html_file = output
            .and_then(Path::extension)
            .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"));
        match named.is_empty() {
            false => Formats::of(&named),
            true if html_file => Formats::of(&[Format::Html]),
            true => Formats::PDF,
        }
    }
}

impl PageFlags {
    /// A request for leaflets laid out as these flags say.
    fn request(&self) -> Request {
        Request {
            paper: self.paper.map(Paper::from),
            layout: self.layout.into(),
            large_print: self.large_print,
            ..Request::default()
        }
    }

    /// The usage error for large print on a trifold, which has no room for it.
    fn conflict(&self) -> Option<i32> {
        (self.large_print && self.layout == LayoutArg::Trifold).then(|| {
            crate::console::say(format_args!(
                "error: large print needs room a trifold does not have; use --large-print \
                 with the sheet layout (leave out --layout trifold)"
            ));
            2
        })
    }
}

/// Parse the command line and run; the process exit status.
pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return not_run(&e),
    };
    if let Err(message) = crate::library::source_date_epoch() {
        crate::console::say(format_args!("error: {message}"));
        return 2;
    }
    cli.command.run()
}

/// The exit status when clap stops before a command: 2 for a usage
/// error, 0 for --help and --version, which clap reports the same way.
fn not_run(e: &clap::Error) -> i32 {
    let status = if e.use_stderr() { 2 } else { 0 };
    // --help and --version go to standard output.
    match e.print() {
        Err(io) if !e.use_stderr() => console::failed(&io, status),
        _ => status,
    }
}

impl Command {
    /// Run this subcommand; the process exit status.
    fn run(self) -> i32 {
        match self {
            Command::Build {
                paths,
                output,
                out_dir,
                clinic,
                page,
                allow_expired,
                patient,
                note,
                output_format,
            } => page.conflict().unwrap_or_else(|| {
                build::run(&Request {
                    formats: output_format.formats(output.as_deref()),
                    inputs: paths,
                    output,
                    out_dir,
                    clinic,
                    allow_expired,
                    patient,
                    note,
                    ..page.request()
                })
            }),
            Command::Check {
                paths,
                clinic,
                format,
            } => check::run(&CheckRequest {
                inputs: paths,
                clinic,
                format: format.into(),
            }),
            Command::Init => init(),
            Command::New { name, from, clinic } => new(&name, from.as_deref(), clinic.as_deref()),
            Command::List {
                paths,
                clinic,
                format,
            } => listing::run(&paths, clinic.as_deref(), format.into()),
            Command::Icons {
                format,
                sheet,
                clinic,
            } => crate::icons::command::run(format.into(), sheet.as_deref(), clinic.as_deref()),
            Command::Watch {
                paths,
                clinic,
                page,
                output_format,
            } => page.conflict().unwrap_or_else(|| {
                crate::watch::run(&Request {
                    formats: output_format.formats(None),
                    inputs: paths,
                    clinic,
                    ..page.request()
                })
            }),
            Command::Completions { shell } => completions(shell),
            Command::Man => console::print(0, |out| crate::manual::render(Cli::command(), out)),
        }
    }
}

/// The shell's completion script, written whole and then printed: the
/// generator cannot report a closed output, only stop the program.
fn completions(shell: clap_complete::Shell) -> i32 {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "handout", &mut script);
    console::print(0, |out| out.write_all(&script))
}

fn init() -> i32 {
    match crate::init::run(Path::new(".")) {
        Ok(lines) => console::print(0, |out| lines.iter().try_for_each(|l| writeln!(out, "{l}"))),
        Err(d) => crate::diagnostic::print_all(&[d]),
    }
}

fn new(name: &str, from: Option<&str>, clinic: Option<&Path>) -> i32 {
    let written = Library::locate(clinic).and_then(|library| match from {
        Some(source) => scaffold::new_translation(&library, name, source, today()),
        None => scaffold::new_handout(&library, name, today()),
    });
    match written {
        Ok(path) => console::print(0, |out| writeln!(out, "wrote {}", path.display())),
        Err(message) => {
            crate::console::say(format_args!("error: {message}"));
            1
        }
    }
}
