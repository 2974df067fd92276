//! Stage 2: raw files validated into the model the layout works from. Every
//! problem is collected as a diagnostic pointing into the file it came from.

pub mod address;
mod clinic;
mod handout;
mod words;

pub use clinic::{Clinic, Colors, Disclaimer, QR_CORRECTION, Rgb, load_clinic};
pub use handout::{Handout, Item, ItemIcon, Section, expand_note, load_handout, note_links};
pub use translations::Shelf;
pub use words::Words;
mod translations;

pub use crate::parse::clinic::Paper;
pub use crate::parse::handout::{ListStyle, SectionKind};

use crate::date::Date;
use crate::diagnostic::{Diagnostic, Source};
use crate::parse::Spanned;
use std::path::Path;

/// Read a UTF-8 text file; a missing file or a bad byte is a diagnostic.
pub fn read_source(path: &Path) -> Result<Source, Diagnostic> {
    let bytes = crate::input::read(path, crate::input::Kind::Text)
        .map_err(|e| Diagnostic::for_file(path, e.code(), format!("cannot read the file: {e}")))?;
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

/// The first character of `text` that no configured font can draw,
/// asking `family` first (the one that serves the text's language), so
/// that no family before it is read only to learn it lacks the text.
pub fn uncovered(fonts: &crate::text::FontSet, text: &str, family: usize) -> Option<char> {
    undrawable(fonts, text, family).next()
}

/// Every character of `text` that no configured font can draw, each once,
/// in order, so an editor fixes them all in one go.
pub fn uncovered_chars(fonts: &crate::text::FontSet, text: &str, family: usize) -> Vec<char> {
    let mut seen = std::collections::BTreeSet::new();
    undrawable(fonts, text, family)
        .filter(|c| seen.insert(*c))
        .collect()
}

fn undrawable<'a>(
    fonts: &'a crate::text::FontSet,
    text: &'a str,
    family: usize,
) -> impl Iterator<Item = char> + 'a {
    // Joiners only steer shaping; they are never drawn.
    let drawn =
        |c: &char| !c.is_whitespace() && !c.is_control() && !matches!(c, '\u{200c}' | '\u{200d}');
    text.chars()
        .filter(drawn)
        .filter(move |c| fonts.for_char(*c, false, false, family).is_none())
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

/// Direction controls (embeddings, overrides, isolates). In a one-line field
/// they make the PDF's title read differently from the page, so they are
/// refused there.
pub fn is_direction_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// A character named for an editor: "the control character U+0007".
pub fn describe_char(c: char) -> String {
    let code = c as u32;
    match c {
        '\n' | '\r' => "a line break".into(),
        c if c.is_control() => format!("the invisible control character U+{code:04X}"),
        c if is_direction_control(c) => {
            format!("the invisible direction control U+{code:04X}")
        }
        '\u{fffc}' => "the object replacement character U+FFFC (a picture left behind by a \
                        word processor), which prints as a box"
            .into(),
        '\u{fffd}' => {
            "the replacement character U+FFFD \"\u{fffd}\", which marks letters lost when \
                        the text was copied or converted (retype the word)"
                .into()
        }
        '\u{fff9}'..='\u{fffb}' => format!("the invisible annotation mark U+{code:04X}"),
        c => format!("the character \"{c}\" (U+{code:04X})"),
    }
}

/// The first character of a text value that cannot be printed: its byte
/// offset and why. Control characters print as empty boxes or nothing
/// (tabs and line breaks are allowed: they print as spaces), U+FFFC and
/// U+FFFD as a box and "\u{fffd}"; in a one-line
/// field direction controls are refused too.
pub fn text_problem(text: &str, one_line: bool) -> Option<(usize, String)> {
    let refused = |c: char| match c {
        '\t' => false,
        '\n' | '\r' => false,
        c if c.is_control() => true,
        // Markers of something missing: they print as a box or "\u{fffd}".
        '\u{fff9}'..='\u{fffd}' => true,
        c => one_line && is_direction_control(c),
    };
    let (at, c) = text.char_indices().find(|&(_, c)| refused(c))?;
    let why = format!(
        "this text holds {}, which cannot be printed; delete it (it often comes with text \
         copied from another program)",
        describe_char(c)
    );
    Some((at, why))
}

/// Where character `c` of a string value is written in the source: as
/// itself, or as a TOML escape such as `\u0007`.
pub fn locate_char(source: &Source, span: &std::ops::Range<usize>, c: char) -> usize {
    let code = c as u32;
    let escapes = [
        c.to_string(),
        format!("\\u{code:04X}"),
        format!("\\u{code:04x}"),
        format!("\\U{code:08X}"),
        format!("\\U{code:08x}"),
        match c {
            '\u{8}' => "\\b".into(),
            '\u{c}' => "\\f".into(),
            '\u{1b}' => "\\e".into(),
            '\n' => "\\n".into(),
            '\r' => "\\r".into(),
            _ => String::new(),
        },
    ];
    escapes
        .iter()
        .filter(|e| !e.is_empty())
        .filter_map(|e| source.text.get(span.clone())?.find(e.as_str()))
        .min()
        .map_or(span.start, |i| span.start + i)
}

/// A link's address checked: web, e-mail and phone links only. Anything
/// else (javascript:, file:, smb:) would run or open something on the
/// reader's computer. An address without a scheme ("example.org/x", even
/// "example.org:8080") is a web address.
pub fn link_target(url: &str) -> Result<(), String> {
    let scheme = url.split_once(':').map(|(s, _)| s).filter(|s| {
        s.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-".contains(c))
    });
    match scheme.map(str::to_ascii_lowercase).as_deref() {
        None | Some("https" | "http" | "mailto" | "tel") => Ok(()),
        Some(other) => Err(format!(
            "a link to `{other}:` cannot be opened safely from a leaflet; links may start with \
             https://, http://, mailto: or tel:"
        )),
    }
}
