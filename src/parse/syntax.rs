//! TOML syntax errors in an editor's words: what is wrong at the spot, and
//! how to write it instead. The parser recovers after an error, so one run
//! reports every broken line.

use crate::diagnostic::{Diagnostic, Source};
use std::ops::Range;

/// The parser's errors as diagnostics, one per line (its later complaints on
/// a line follow from the first), in the order of the file; past the shown
/// few only counted.
pub fn diagnostics(source: &Source, errors: &[toml::de::Error]) -> Vec<Diagnostic> {
    let mut found: Vec<(Range<usize>, &str)> = errors
        .iter()
        .map(|e| (e.span().unwrap_or(0..0), e.message()))
        .collect();
    found.sort_by_key(|(span, _)| span.start);
    let mut out: Vec<Diagnostic> = Vec::new();
    let mut last_line = None;
    for (span, message) in found {
        let line = source.line_of(span.start);
        if last_line.replace(line) == Some(line) {
            continue;
        }
        crate::diagnostic::push_capped(&mut out, || {
            let (at, code, message) = explain(&source.text, span, message);
            source.error(at, code, message)
        });
    }
    out
}

/// Where to point, a code and a message for one parser error.
fn explain(text: &str, span: Range<usize>, message: &str) -> (usize, &'static str, String) {
    let start = floor(text, span.start.min(text.len()));
    let end = floor(text, span.end.clamp(start, text.len()));
    let line = Line::around(text, start);
    if let Some(c) = text[start..].chars().next().filter(|c| invisible(*c)) {
        return (
            start,
            "control-character",
            format!(
                "an invisible control character (U+{:04X}) is here; delete it (retype the \
                 words around it if your editor does not show it)",
                c as u32
            ),
        );
    }
    if message.starts_with("duplicate key") {
        return (
            start,
            "duplicate-key",
            duplicate(text, &line, &text[start..end]),
        );
    }
    if message.starts_with("string values must be quoted") {
        return (
            start,
            "toml-syntax",
            unquoted(line.key(text), &text[start..end]),
        );
    }
    if message.starts_with("unexpected key or value")
        && let Some((at, message)) = quote_inside(text, &line, start)
    {
        return (at, "toml-syntax", message);
    }
    if message.starts_with("missing escaped value")
        || message.starts_with("too few unicode value digits")
        || message.starts_with("invalid escape")
    {
        let at = if text[..start].ends_with('\\') {
            start - 1
        } else {
            start
        };
        return (at, "toml-syntax", backslash(line.value(text)));
    }
    for (kind, quotes) in [("basic", "\"\"\""), ("literal", "'''")] {
        if message.starts_with(&format!("invalid multi-line {kind} string"))
            && let Some(opening) = text[..start].rfind(quotes)
        {
            let message = format!(
                "this text starts with {quotes} but is never closed; add {quotes} where it ends"
            );
            return (opening, "toml-syntax", message);
        }
    }
    if message.starts_with("invalid basic string") || message.starts_with("invalid literal string")
    {
        let quote = if message.contains("basic") { '"' } else { '\'' };
        let message = format!("this text is not closed: add the missing `{quote}` at its end");
        return (start, "toml-syntax", message);
    }
    let said = message.split(", expected").next().unwrap_or(message);
    let message = format!(
        "this line is not written the way TOML files are ({said}); each line is `key = value`, \
         `[table]`, `[[list entry]]` or a # comment"
    );
    (start, "toml-syntax", message)
}

/// Characters that show as nothing in most editors; tabs and line ends are fine.
fn invisible(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// The source line around an offset.
struct Line {
    start: usize,
    end: usize,
}

impl Line {
    fn around(text: &str, at: usize) -> Line {
        let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        Line { start, end }
    }

    fn text<'a>(&self, text: &'a str) -> &'a str {
        text[self.start..self.end].trim_end_matches('\r')
    }

    /// What stands before the `=` on this line, if it is a `key = value` line.
    fn key<'a>(&self, text: &'a str) -> Option<&'a str> {
        let line = self.text(text);
        let (key, _) = line.split_once('=')?;
        Some(key.trim()).filter(|k| !k.is_empty() && !k.starts_with('['))
    }

    /// What follows the `=` on this line, trimmed.
    fn value<'a>(&self, text: &'a str) -> &'a str {
        let line = self.text(text);
        line.split_once('=').map_or(line, |(_, v)| v).trim()
    }

    fn header<'a>(&self, text: &'a str) -> Option<(&'a str, bool)> {
        super::header(self.text(text))
    }
}

/// A key or table set twice: name it and the line where it was first set.
fn duplicate(text: &str, line: &Line, found: &str) -> String {
    let name = found.trim_matches(|c| c == '"' || c == '\'');
    let number = |offset: usize| text[..offset].matches('\n').count() + 1;
    if let Some((header, false)) = line.header(text) {
        let list = format!("[[{header}]]");
        if let Some(first) = text[..line.start].find(&list) {
            return format!(
                "[{header}] has single brackets, but `{header}` is a list (it was started with \
                 {list} on line {}): start each one with {list}",
                number(first)
            );
        }
        let first = text[..line.start].find(&format!("[{header}]"));
        let place = first.map_or_else(String::new, |at| format!(" (first on line {})", number(at)));
        return format!(
            "the table [{header}] appears twice{place}; put its keys under one [{header}]"
        );
    }
    // The first setting is above this line, after the table header that holds
    // both; or, when that is a [table] written twice, in its earlier copy.
    let same_key = |l: &Line| {
        l.key(text)
            .is_some_and(|k| k.trim_matches(|c| c == '"' || c == '\'') == name)
    };
    let mut at = line.start;
    let mut first = None;
    let mut table = None;
    while at > 0 {
        let above = Line::around(text, at - 1);
        if let Some(header) = above.header(text) {
            table = Some(header);
            break;
        }
        if same_key(&above) {
            first = Some(number(above.start));
        }
        at = above.start;
    }
    if first.is_none()
        && let Some((header, false)) = table
    {
        let mut inside = false;
        let mut start = 0;
        while start < at {
            let l = Line::around(text, start);
            if let Some(h) = l.header(text) {
                inside = h == (header, false);
            } else if inside && same_key(&l) {
                first = Some(number(l.start));
                break;
            }
            start = l.end + 1;
        }
    }
    let place = first.map_or_else(String::new, |n| format!(" (first on line {n})"));
    format!("`{name}` is set twice{place}; keep one of them")
}

/// A value that is neither a number, a date nor text in straight quotes.
fn unquoted(key: Option<&str>, found: &str) -> String {
    let key = key.unwrap_or("key");
    const CURLY: &[char] = &['“', '”', '„', '‟', '‘', '’', '‚', '‛', '«', '»'];
    if found.starts_with(CURLY) {
        let inner = found.trim_matches(CURLY);
        return format!(
            "the text is in curly quotes ({}), which TOML does not read; use straight quotes: \
             {key} = \"{inner}\"",
            found.chars().next().unwrap_or('“')
        );
    }
    if let Some(hint) = date_hint(found) {
        return format!("write dates as year-month-day, without quotes: {key} = {hint}");
    }
    if found.starts_with(|c: char| c.is_ascii_digit()) {
        let number: String = found
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        return format!(
            "`{found}` is not a number: write a number without its unit ({key} = {number}), or \
             put text in double quotes"
        );
    }
    format!("text must be in double quotes: {key} = \"{found}\"")
}

/// `15/10/2026` (or with dots or dashes) as a date to write instead.
fn date_hint(found: &str) -> Option<String> {
    let parts: Vec<u32> = found
        .split(['/', '.', '-'])
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let [a, b, year] = parts[..] else {
        return None;
    };
    if !(1000..=9999).contains(&year) || a == 0 || b == 0 || a.max(b) > 31 {
        return None;
    }
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let month_name = |m: u32| MONTHS.get(m as usize - 1).copied();
    Some(match (a > 12, b > 12) {
        (true, false) => format!("{year}-{b:02}-{a:02}"),
        (false, true) => format!("{year}-{a:02}-{b:02}"),
        (false, false) => format!(
            "{year}-{b:02}-{a:02} for {a} {}, or {year}-{a:02}-{b:02} for {} {b}",
            month_name(b)?,
            month_name(a)?
        ),
        (true, true) => return None,
    })
}

/// The quote mark inside `'Don't'` or `"Say "hi""` that ended the text early.
fn quote_inside(text: &str, line: &Line, at: usize) -> Option<(usize, String)> {
    let quote = text[..at]
        .chars()
        .next_back()
        .filter(|c| matches!(c, '\'' | '"'))?;
    let key = line.key(text)?;
    let value = line.value(text);
    if !value.starts_with(quote) {
        return None;
    }
    let inner = value.trim_matches(quote);
    let message = if quote == '\'' {
        format!(
            "the apostrophe here ends the text, which starts with '; put text that has an \
             apostrophe in double quotes: {key} = \"{inner}\""
        )
    } else if !inner.contains('\'') {
        format!(
            "the \" here ends the text; write \\\" for a quote mark inside text, or put the text in \
             single quotes: {key} = '{inner}'"
        )
    } else {
        "the \" here ends the text; write \\\" for a quote mark inside text".to_string()
    };
    Some((at - 1, message))
}

/// A backslash in "…" text, usually a Windows path.
fn backslash(value: &str) -> String {
    let inner = value.trim_matches('"');
    if inner.contains(['.', '/']) || inner.matches('\\').count() > 1 {
        return format!(
            "a backslash starts a special character in \"…\" text; write paths with forward \
             slashes: \"{}\"",
            inner.replace('\\', "/")
        );
    }
    "a backslash starts a special character in \"…\" text; write \\\\ for a backslash itself"
        .to_string()
}

fn floor(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_become_year_month_day() {
        assert_eq!(date_hint("15/10/2026").as_deref(), Some("2026-10-15"));
        assert_eq!(date_hint("10/15/2026").as_deref(), Some("2026-10-15"));
        assert_eq!(
            date_hint("5.10.2026").as_deref(),
            Some("2026-10-05 for 5 October, or 2026-05-10 for May 10")
        );
        assert_eq!(date_hint("Monday"), None);
    }
}
