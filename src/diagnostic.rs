//! Problems found in an input file, reported as `FILE:LINE:COLUMN: severity: message`
//! with the offending line and a caret under the spot.

use std::fmt;
use std::io::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: PathBuf,
    /// 1-based; 0 when the problem has no place inside the file (it is missing, say).
    pub line: usize,
    /// 1-based, counted in characters.
    pub column: usize,
    pub severity: Severity,
    /// A stable identifier for machines, such as `unknown-key`.
    pub code: &'static str,
    pub message: String,
    /// The offending line of the source, shown under the message (clipped
    /// around the column when long).
    pub source_line: Option<String>,
    /// The caret's column within `source_line`.
    pub caret: usize,
    /// Problems of this file found after this one but not described: past
    /// [`SHOWN_PER_FILE`] only their number is kept, so a file with 250,000
    /// of them costs no more to check than one with fifty. (32 bits keep a
    /// diagnostic small enough to return in a `Result`.)
    pub also: u32,
}

impl Diagnostic {
    /// A problem with a file as a whole (it cannot be read, say).
    pub fn for_file(file: &Path, code: &'static str, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.to_path_buf(),
            line: 0,
            column: 0,
            severity: Severity::Error,
            code,
            message: message.into(),
            source_line: None,
            caret: 0,
            also: 0,
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = self.file.display();
        let message = visible(&self.message);
        if self.line == 0 {
            return write!(f, "{file}: {}: {message}", self.severity);
        }
        write!(
            f,
            "{file}:{}:{}: {}: {message}",
            self.line, self.column, self.severity
        )?;
        if let Some(line) = &self.source_line {
            let gutter = " ".repeat(self.line.to_string().len());
            // The caret stands under the escaped text as shown.
            let before: String = line.chars().take(self.caret.saturating_sub(1)).collect();
            let pad: String = visible(&before)
                .chars()
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            write!(
                f,
                "\n{gutter} |\n{} | {}\n{gutter} | {pad}^",
                self.line,
                visible(line)
            )?;
        }
        Ok(())
    }
}

/// `text` as a terminal may show it: control characters (an escape sequence
/// would retitle or recolour the terminal) and direction controls (which
/// reorder what follows) written as `\u{1b}`; tabs and line breaks kept.
pub fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    let hidden = |c: char| {
        (c.is_control() && !matches!(c, '\t' | '\n'))
            || crate::model::is_direction_control(c)
            || matches!(c, '\u{2028}' | '\u{2029}')
    };
    if !text.contains(hidden) {
        return text.into();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if hidden(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out.into()
}

/// The text of one input file, to turn byte offsets into lines and columns.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: PathBuf,
    pub text: String,
    /// Byte offset of each line's start, so locating a problem costs a
    /// binary search, not a scan of the file (40,000 errors stay linear).
    line_starts: Vec<usize>,
}

/// A source line longer than this is shown clipped around the column: a
/// 100 KB line repeated under every error would flood the terminal.
const SHOWN_LINE_CHARS: usize = 150;

impl Source {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        let text = text.into();
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Source {
            path: path.into(),
            text,
            line_starts,
        }
    }

    /// The 1-based line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset)
    }

    /// An error at byte `offset` of this file.
    pub fn error(
        &self,
        offset: usize,
        code: &'static str,
        message: impl Into<String>,
    ) -> Diagnostic {
        self.diagnostic(offset, Severity::Error, code, message)
    }

    pub fn diagnostic(
        &self,
        offset: usize,
        severity: Severity,
        code: &'static str,
        message: impl Into<String>,
    ) -> Diagnostic {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let index = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let line_start = self.line_starts[index];
        let line_end = self
            .line_starts
            .get(index + 1)
            .map_or(self.text.len(), |next| next - 1);
        let line = self.text[line_start..line_end].trim_end_matches('\r');
        let before = &self.text[line_start..offset.min(line_start + line.len())];
        let column = before.chars().count() + 1;
        let (shown, shown_column) = clip(line, column);
        Diagnostic {
            file: self.path.clone(),
            line: index + 1,
            column,
            severity,
            code,
            message: message.into(),
            source_line: Some(shown),
            caret: shown_column,
            also: 0,
        }
    }

    /// Where `needle` starts inside the source range `within`, or the range's start.
    /// Used to point into a string value, whose decoded text may differ from its source.
    pub fn find_in(&self, within: &Range<usize>, needle: &str) -> usize {
        self.text
            .get(within.clone())
            .and_then(|s| s.find(needle))
            .map_or(within.start, |i| within.start + i)
    }
}

/// At most [`SHOWN_LINE_CHARS`] of `line` around `column`, with "…" where
/// text was left out; and the column within what is shown.
fn clip(line: &str, column: usize) -> (String, usize) {
    let total = line.chars().count();
    if total <= SHOWN_LINE_CHARS {
        return (line.to_string(), column);
    }
    let first = column
        .saturating_sub(SHOWN_LINE_CHARS / 2)
        .min(total - SHOWN_LINE_CHARS);
    let mut shown: String = line.chars().skip(first).take(SHOWN_LINE_CHARS).collect();
    let mut caret = column - first;
    if first > 0 {
        shown.insert(0, '…');
        caret += 1;
    }
    if first + SHOWN_LINE_CHARS < total {
        shown.push('…');
    }
    (shown, caret)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Diagnostics printed for one file before the rest are only counted.
pub const SHOWN_PER_FILE: usize = 50;

/// Add the problem `make` describes to one file's list; past
/// [`SHOWN_PER_FILE`] it is only counted, and `make` is not called.
pub fn push_capped(list: &mut Vec<Diagnostic>, make: impl FnOnce() -> Diagnostic) {
    let full = list.len() >= SHOWN_PER_FILE;
    match list.last_mut() {
        Some(last) if full => last.also += 1,
        _ => list.push(make()),
    }
}

/// Problems in `diags`, with those only counted: as errors when the
/// described one is an error.
pub fn count(diags: &[Diagnostic], severity: Severity) -> usize {
    diags
        .iter()
        .filter(|d| d.severity == severity)
        .map(|d| 1 + d.also as usize)
        .sum()
}

/// Print diagnostics to standard error, at most [`SHOWN_PER_FILE`] a file and
/// then how many more; the exit status for them (1 when any is an error).
pub fn print_all(diags: &[Diagnostic]) -> i32 {
    let mut shown: Vec<(&Path, usize)> = Vec::new();
    let mut hidden: Vec<(&Path, usize)> = Vec::new();
    let mut out = std::io::stderr().lock();
    for d in diags {
        let count = match shown.iter_mut().find(|(f, _)| *f == d.file) {
            Some((_, n)) => n,
            None => {
                shown.push((&d.file, 0));
                &mut shown.last_mut().expect("just pushed").1
            }
        };
        let unshown = if *count < SHOWN_PER_FILE {
            *count += 1;
            // A closed standard error (a pipe to `head`) must not stop the build.
            writeln!(out, "{d}").ok();
            d.also as usize
        } else {
            1 + d.also as usize
        };
        if unshown > 0 {
            match hidden.iter_mut().find(|(f, _)| *f == d.file) {
                Some((_, n)) => *n += unshown,
                None => hidden.push((&d.file, unshown)),
            }
        }
    }
    for (file, n) in hidden {
        let noun = if n == 1 { "problem" } else { "problems" };
        writeln!(
            out,
            "{}: and {n} more {noun} not shown; fix these first",
            file.display()
        )
        .ok();
    }
    i32::from(diags.iter().any(|d| d.severity == Severity::Error))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_lines_and_columns() {
        let src = Source::new("a.toml", "title = \"x\"\nreviewed = 2026-13-01\n");
        let d = src.error(23, "bad-date", "no such month");
        assert_eq!((d.line, d.column), (2, 12));
        assert_eq!(
            d.to_string(),
            "a.toml:2:12: error: no such month\n  |\n2 | reviewed = 2026-13-01\n  |            ^"
        );
    }

    #[test]
    fn control_characters_are_shown_escaped() {
        let src = Source::new("a.toml", "title = \"\u{1b}]0;owned\u{7}x\"\n");
        let d = src.error(18, "bad-character", "holds \u{1b}[31m");
        assert_eq!(
            d.to_string(),
            "a.toml:1:19: error: holds \\u{1b}[31m\n  |\n1 | title = \"\\u{1b}]0;owned\\u{7}x\"\n  |                        ^"
        );
    }
}
