//! Problems found in an input file, reported as `FILE:LINE:COLUMN: severity: message`
//! with the offending line and a caret under the spot.

use std::fmt;
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
    /// The offending line of the source, shown under the message.
    pub source_line: Option<String>,
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
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = self.file.display();
        if self.line == 0 {
            return write!(f, "{file}: {}: {}", self.severity, self.message);
        }
        write!(
            f,
            "{file}:{}:{}: {}: {}",
            self.line, self.column, self.severity, self.message
        )?;
        if let Some(line) = &self.source_line {
            let gutter = " ".repeat(self.line.to_string().len());
            let pad: String = line
                .chars()
                .take(self.column.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            write!(f, "\n{gutter} |\n{} | {line}\n{gutter} | {pad}^", self.line)?;
        }
        Ok(())
    }
}

/// The text of one input file, to turn byte offsets into lines and columns.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: PathBuf,
    pub text: String,
}

impl Source {
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        Source {
            path: path.into(),
            text: text.into(),
        }
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
        let line_start = self.text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let line_end = self.text[offset..]
            .find('\n')
            .map_or(self.text.len(), |i| offset + i);
        let line = self.text[..line_start].matches('\n').count() + 1;
        let column = self.text[line_start..offset].chars().count() + 1;
        Diagnostic {
            file: self.path.clone(),
            line,
            column,
            severity,
            code,
            message: message.into(),
            source_line: Some(
                self.text[line_start..line_end]
                    .trim_end_matches('\r')
                    .to_string(),
            ),
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

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
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
}
