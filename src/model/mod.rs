//! Stage 2: raw files validated into the model the layout works from. Every
//! problem is collected as a diagnostic pointing into the file it came from.

mod clinic;
mod handout;
mod words;

pub use clinic::{Clinic, Colors, Disclaimer, Rgb, load_clinic};
pub use handout::{Handout, Item, Section, load_handout};
pub use words::Words;

pub use crate::parse::clinic::Paper;
pub use crate::parse::handout::{ListStyle, SectionKind};

use crate::date::Date;
use crate::diagnostic::{Diagnostic, Source};
use crate::parse::Spanned;
use std::path::Path;

/// Read a UTF-8 text file; a missing file or a bad byte is a diagnostic.
pub fn read_source(path: &Path) -> Result<Source, Diagnostic> {
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostic::for_file(
            path,
            "unreadable-file",
            format!("cannot read the file: {}", io_reason(&e)),
        )
    })?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Source::new(path, text)),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let source = Source::new(path, text);
            let offset = String::from_utf8_lossy(&bytes[..valid]).len();
            Err(source.error(
                offset,
                "not-utf8",
                "the file is not UTF-8 text here; save it as UTF-8 in your editor",
            ))
        }
    }
}

/// An I/O error in words, without Rust's "(os error 2)".
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => {
            let s = e.to_string();
            s.split(" (os error").next().unwrap_or(&s).to_string()
        }
    }
}

/// A TOML date that must be a plain calendar date.
fn date(
    source: &Source,
    value: &Spanned<toml::value::Datetime>,
    key: &str,
) -> Result<Date, Diagnostic> {
    let dt = value.get_ref();
    let plain = dt.date.filter(|_| dt.time.is_none() && dt.offset.is_none());
    plain
        .and_then(|d| Date::new(d.year, d.month, d.day))
        .ok_or_else(|| {
            source.error(
                value.span().start,
                "bad-date",
                format!("`{key}` must be a date like 2026-11-01, without a time"),
            )
        })
}

/// The first character of `text` that no configured font can draw.
pub fn uncovered(fonts: &crate::text::FontSet, text: &str) -> Option<char> {
    undrawable(fonts, text).next()
}

/// Every character of `text` that no configured font can draw, each once,
/// in order, so an editor fixes them all in one go.
pub fn uncovered_chars(fonts: &crate::text::FontSet, text: &str) -> Vec<char> {
    let mut seen = std::collections::BTreeSet::new();
    undrawable(fonts, text).filter(|c| seen.insert(*c)).collect()
}

fn undrawable<'a>(
    fonts: &'a crate::text::FontSet,
    text: &'a str,
) -> impl Iterator<Item = char> + 'a {
    // Joiners only steer shaping; they are never drawn.
    let drawn =
        |c: &char| !c.is_whitespace() && !c.is_control() && !matches!(c, '\u{200c}' | '\u{200d}');
    text.chars()
        .filter(drawn)
        .filter(|c| fonts.for_char(*c, false, false, 0).is_none())
}

/// `text` without characters that only hint at breaks and are never printed:
/// soft hyphens (we do not hyphenate), zero-width spaces, word joiners, BOMs.
fn without_invisibles(mut text: String) -> String {
    text.retain(|c| !matches!(c, '\u{ad}' | '\u{200b}' | '\u{2060}' | '\u{feff}'));
    text
}

pub fn uncovered_message(c: char) -> String {
    format!(
        "no configured font can draw the character U+{:04X} \"{c}\"; replace it, or add a font \
         that has it to `fallback` under [fonts] in clinic.toml",
        c as u32
    )
}
