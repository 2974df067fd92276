//! The command line: flags parsed with clap, then handed to the commands.

use crate::build::{self, BuildRequest};
use crate::model::Paper;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

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
    /// Build PDF leaflets from handout files or folders (default: handouts/)
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
        /// Paper size (default: the clinic's)
        #[arg(long, value_enum)]
        paper: Option<Paper>,
        /// Build a handout even when its review date has passed
        #[arg(long)]
        allow_expired: bool,
    },
}

/// Parse the command line and run; the process exit status.
pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    match cli.command {
        Command::Build {
            paths,
            output,
            out_dir,
            clinic,
            paper,
            allow_expired,
        } => build::run(&BuildRequest {
            inputs: paths,
            output,
            out_dir,
            clinic,
            paper,
            allow_expired,
        }),
    }
}
