//! Standard output, where a command prints its result. A reader that stops
//! reading (`handout list | head -1`) is no error: the rest is dropped and
//! the command ends quietly, as other command-line tools do. Output that
//! cannot be written (a full disk) is said on standard error, exit status 1.
//! Standard error, where a command says what happened, may be closed or
//! full too: what cannot be said there is dropped, never a panic.

use std::io::{self, Write};

/// Write with `write` to standard output and flush it; then `status`, or
/// the exit status once a failure has been said.
pub fn print(status: i32, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> i32 {
    match emit(write) {
        Ok(()) => status,
        Err(e) => failed(&e, status),
    }
}

/// Write with `write` to standard output and flush it.
pub fn emit(write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    let mut out = io::stdout().lock();
    write(&mut out)?;
    out.flush()
}

/// The exit status once standard output failed with `e`: `status` when the
/// reader went away, else 1 after saying why.
pub fn failed(e: &io::Error, status: i32) -> i32 {
    if e.kind() == io::ErrorKind::BrokenPipe {
        return status;
    }
    let why = crate::model::io_reason(e);
    // Standard error may be gone too; there is then no one to tell.
    writeln!(io::stderr(), "error: cannot write the output: {why}").ok();
    1
}

/// Say `line` on standard error, in one write: unbuffered, each piece of a
/// formatted line would be a system call of its own.
pub fn say(line: std::fmt::Arguments) {
    tell(format_args!("{line}\n"));
}

/// Write `text` to standard error as it is (a progress bar redrawn in
/// place); when standard error is closed or full there is no one to tell.
pub fn tell(text: std::fmt::Arguments) {
    io::stderr().write_all(text.to_string().as_bytes()).ok();
}
