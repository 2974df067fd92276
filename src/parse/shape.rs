//! A parsed TOML document read into the file types, reporting every unknown
//! key, wrong value and missing key of a file in one run, in an editor's
//! words. serde stops at the first problem, so each problem's entry is taken
//! out of the document and the rest is read again.

use super::closest;
use crate::diagnostic::{Diagnostic, Source};
use serde::de::DeserializeOwned;
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeTable, DeValue, Deserializer};

/// More rounds than diagnostics are ever shown for one file.
const MAX_ROUNDS: usize = 60;

/// One problem found, before it becomes a diagnostic.
struct Problem {
    at: usize,
    code: &'static str,
    message: String,
    /// The key whose value was wrong, and the key an unknown one was probably meant as.
    key: Option<String>,
    meant: Option<String>,
}

/// An entry taken out of the document: its key, its value, and the span of
/// the table that held it.
struct Removed<'i> {
    key: String,
    value: DeValue<'i>,
    table: Range<usize>,
}

pub fn read<T: DeserializeOwned>(
    source: &Source,
    mut root: Spanned<DeTable<'_>>,
) -> Result<T, Vec<Diagnostic>> {
    let mut problems: Vec<Problem> = Vec::new();
    // (table span, key) of entries taken out, so their absence is not a second error.
    let mut taken: Vec<(Range<usize>, String)> = Vec::new();
    for _ in 0..MAX_ROUNDS {
        let error = match T::deserialize(Deserializer::from(root.clone())) {
            Ok(value) if problems.is_empty() => return Ok(value),
            Ok(_) => break,
            Err(e) => e,
        };
        let span = error.span().unwrap_or(0..0);
        let message = error.message().trim();
        let root_span = root.span();
        let removed = remove(root.get_mut(), root_span, &span);
        if let Some(field) = message.strip_prefix("missing field") {
            let field = backticked(field).next().unwrap_or_default().to_string();
            if !taken.contains(&(span.clone(), field.clone())) {
                problems.push(Problem {
                    at: span.start,
                    code: "missing-key",
                    message: format!("required key `{field}` is missing"),
                    key: None,
                    meant: None,
                });
            }
            // Without the table that lacks it (a section, say), the rest can still be read.
            if removed.is_none() {
                break;
            }
            continue;
        }
        let Some(removed) = removed else {
            problems.push(Problem {
                at: span.start,
                code: "wrong-type",
                message: message.to_string(),
                key: None,
                meant: None,
            });
            break;
        };
        problems.push(explain(source, span.start, message, &removed));
        taken.push((removed.table, removed.key));
    }
    // A list entry that follows from a misspelt key (`[[sections]]` leaves its
    // `[[section.item]]` without a section) is not a problem of its own.
    let meant: Vec<String> = problems.iter().filter_map(|p| p.meant.clone()).collect();
    problems
        .retain(|p| p.code != "wrong-type" || p.key.as_ref().is_none_or(|k| !meant.contains(k)));
    problems.sort_by_key(|p| p.at);
    Err(problems
        .into_iter()
        .map(|p| source.error(p.at, p.code, p.message))
        .collect())
}

/// Take out the entry (or list element) whose key or value is at `span`.
fn remove<'i>(
    table: &mut DeTable<'i>,
    table_span: Range<usize>,
    span: &Range<usize>,
) -> Option<Removed<'i>> {
    let hit = table
        .iter()
        .find(|(k, v)| k.span() == *span || v.span() == *span)
        .map(|(k, _)| k.get_ref().to_string());
    if let Some(key) = hit {
        let (_, value) = table.remove_entry(key.as_str())?;
        return Some(Removed {
            key,
            value: value.into_inner(),
            table: table_span,
        });
    }
    for (key, value) in table.iter_mut() {
        let value_span = value.span();
        match value.get_mut() {
            DeValue::Table(inner) => {
                if let Some(r) = remove(inner, value_span, span) {
                    return Some(r);
                }
            }
            DeValue::Array(items) => {
                if let Some(i) = items.iter().position(|item| item.span() == *span) {
                    let mut kept = toml::de::DeArray::new();
                    let mut value = None;
                    for (n, item) in std::mem::replace(items, toml::de::DeArray::new())
                        .into_iter()
                        .enumerate()
                    {
                        if n == i {
                            value = Some(item.into_inner());
                        } else {
                            kept.push(item);
                        }
                    }
                    *items = kept;
                    return value.map(|value| Removed {
                        key: key.get_ref().to_string(),
                        value,
                        table: value_span,
                    });
                }
                for item in items.iter_mut() {
                    let item_span = item.span();
                    if let DeValue::Table(inner) = item.get_mut()
                        && let Some(r) = remove(inner, item_span, span)
                    {
                        return Some(r);
                    }
                }
            }
            _ => {}
        }
    }
    None
}

/// One serde error about `removed`, in an editor's words.
fn explain(source: &Source, at: usize, message: &str, removed: &Removed) -> Problem {
    let key = removed.key.as_str();
    for (prefix, code, what) in [
        ("unknown field", "unknown-key", "unknown key"),
        ("unknown variant", "unknown-value", "unknown value"),
    ] {
        if let Some(rest) = message.strip_prefix(prefix) {
            let found = backticked(rest).next().unwrap_or_default();
            let expected: Vec<&str> = backticked(rest).skip(1).collect();
            let best = closest(found, &expected);
            let mut text = format!("{what} `{found}`");
            if let Some(best) = best {
                text.push_str(&format!(" (did you mean `{best}`?)"));
            }
            if !expected.is_empty() {
                text.push_str(&format!("; expected one of: {}", expected.join(", ")));
            }
            return Problem {
                at,
                code,
                message: text,
                key: Some(key.to_string()),
                meant: best.filter(|_| code == "unknown-key").map(str::to_string),
            };
        }
    }
    let expected = message.rsplit(", expected ").next().unwrap_or_default();
    Problem {
        at,
        code: "wrong-type",
        message: wrong_value(source, at, key, expected, &removed.value),
        key: Some(key.to_string()),
        meant: None,
    }
}

/// What `key` should hold, said with an example built from what it holds.
fn wrong_value(source: &Source, at: usize, key: &str, expected: &str, found: &DeValue) -> String {
    let text = found.as_str();
    match expected {
        "a TOML datetime" => match text {
            Some(t) if t.trim().parse::<toml::value::Datetime>().is_ok() => {
                format!("dates are written without quotes: {key} = {}", t.trim())
            }
            _ => format!(
                "`{key}` must be a date written year-month-day, without quotes, like {key} = \
                 2026-10-15"
            ),
        },
        "f64" | "f32" => {
            let number = text.map(leading_number).filter(|n| !n.is_empty());
            let example = number.unwrap_or_else(|| "12".into());
            format!("`{key}` must be a number, without quotes or a unit, like {key} = {example}")
        }
        "u8" | "u16" | "u32" | "u64" | "i8" | "i16" | "i32" | "i64" | "usize" => {
            let range = match key {
                "review_months" => " from 1 to 120",
                _ => "",
            };
            format!(
                "`{key}` must be a whole number{range}, without quotes; here it is {}",
                describe(found)
            )
        }
        "a sequence" => match (text, header(source, at)) {
            (Some(t), _) => {
                let items: Vec<String> = t
                    .split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(|s| format!("\"{s}\""))
                    .collect();
                format!(
                    "`{key}` is a list: write it in square brackets, each entry in quotes: \
                     {key} = [{}]",
                    items.join(", ")
                )
            }
            (None, Some((name, false))) if name == key => format!(
                "write [[{key}]] with double brackets: each entry of `{key}` starts with [[{key}]]"
            ),
            (None, Some((name, true))) if name != key => format!(
                "[[{name}]] belongs to a [[{key}]], but there is none above it; add a [[{key}]] \
                 line before it"
            ),
            _ => format!(
                "`{key}` must be a list in square brackets; here it is {}",
                describe(found)
            ),
        },
        e if e.contains("string") => format!(
            "`{key}` must be text in double quotes; here it is {}",
            describe(found)
        ),
        "a boolean" => format!(
            "`{key}` must be true or false; here it is {}",
            describe(found)
        ),
        e if e.starts_with("struct") || e.contains("map") => format!(
            "`{key}` must be a table: a line [{key}] with its keys below it; here it is {}",
            describe(found)
        ),
        other => format!("`{key}` must be {other}; here it is {}", describe(found)),
    }
}

/// A value as an editor would name it.
fn describe(value: &DeValue) -> String {
    match value {
        DeValue::String(s) => format!("the text \"{s}\""),
        DeValue::Integer(n) => format!("the number {n}"),
        DeValue::Float(n) => format!("the number {n}"),
        DeValue::Boolean(b) => format!("{b}"),
        DeValue::Datetime(d) => format!("the date {d}"),
        DeValue::Array(_) => "a list".into(),
        DeValue::Table(_) => "a table".into(),
    }
}

/// "14pt" → "14".
fn leading_number(text: &str) -> String {
    text.trim()
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect()
}

/// The table header on the line at `at`, if it is one.
fn header(source: &Source, at: usize) -> Option<(String, bool)> {
    let start = source.text[..at].rfind('\n').map_or(0, |i| i + 1);
    let line = source.text[start..].lines().next()?;
    super::header(line).map(|(name, double)| (name.to_string(), double))
}

fn backticked(s: &str) -> impl Iterator<Item = &str> {
    s.split('`').skip(1).step_by(2)
}
