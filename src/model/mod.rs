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
    let bytes = crate::input::read(path, crate::input::Kind::Text).map_err(|e| {
        Diagnostic::for_file(path, e.code(), format!("cannot read the file: {e}"))
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

pub use crate::input::io_reason;

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
    // Joiners only steer shaping; they are never drawn.
    let drawn =
        |c: &char| !c.is_whitespace() && !c.is_control() && !matches!(c, '\u{200c}' | '\u{200d}');
    text.chars()
        .filter(drawn)
        .find(|c| fonts.for_char(*c, false, false, 0).is_none())
}

/// `text` without characters that only hint at breaks and are never printed:
/// soft hyphens (we do not hyphenate), zero-width spaces, word joiners, BOMs.
fn without_invisibles(mut text: String) -> String {
    text.retain(|c| !matches!(c, '\u{ad}' | '\u{200b}' | '\u{2060}' | '\u{feff}'));
    text
}

/// Why `c` cannot be drawn: no font has it, or the fallback fonts that might
/// cannot be loaded (said with their clinic.toml line).
pub fn uncovered_message(fonts: &crate::text::FontSet, c: char) -> String {
    let character = format!("the character U+{:04X} \"{c}\"", c as u32);
    match fonts.fallback_errors().first() {
        Some(d) => format!(
            "{character} needs a fallback font, but one cannot be loaded: {}:{}:{}: {}",
            d.file.display(),
            d.line,
            d.column,
            d.message
        ),
        None => format!(
            "no configured font can draw {character}; replace it, or add a font that has it \
             to `fallback` under [fonts] in clinic.toml"
        ),
    }
}
