//! Stage 1: TOML text to raw, span-carrying structures. Nothing is checked here
//! beyond what the file's shape demands; [`crate::model`] validates.

pub mod clinic;
pub mod handout;
pub mod words;

use crate::diagnostic::{Diagnostic, Source};
use serde::de::DeserializeOwned;

pub use toml::Spanned;

/// Deserialize `source` into `T`, turning a TOML or shape error into a diagnostic
/// at the spot it names.
pub fn from_toml<T: DeserializeOwned>(source: &Source) -> Result<T, Diagnostic> {
    toml::from_str(&source.text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        let (code, message) = explain(e.message());
        source.error(offset, code, message)
    })
}

/// Rephrase the TOML library's messages for editors, and suggest the key or
/// value they probably meant.
fn explain(message: &str) -> (&'static str, String) {
    let message = message.trim();
    for (prefix, code, what) in [
        ("unknown field", "unknown-key", "unknown key"),
        ("unknown variant", "unknown-value", "unknown value"),
    ] {
        if let Some(rest) = message.strip_prefix(prefix) {
            let found = backticked(rest).next().unwrap_or_default();
            let expected: Vec<&str> = backticked(rest).skip(1).collect();
            let mut text = format!("{what} `{found}`");
            if let Some(best) = closest(found, &expected) {
                text.push_str(&format!(" (did you mean `{best}`?)"));
            }
            if !expected.is_empty() {
                text.push_str(&format!("; expected one of: {}", expected.join(", ")));
            }
            return (code, text);
        }
    }
    if let Some(rest) = message.strip_prefix("missing field") {
        let field = backticked(rest).next().unwrap_or_default();
        return ("missing-key", format!("required key `{field}` is missing"));
    }
    if message.starts_with("invalid type") {
        return (
            "wrong-type",
            message.replace("invalid type", "wrong type of value"),
        );
    }
    if message.starts_with("invalid basic string")
        || message.starts_with("invalid multiline basic string")
    {
        return (
            "toml-syntax",
            "this text is not closed: add the missing `\"` (or `\"\"\"`)".to_string(),
        );
    }
    ("toml-syntax", message.to_string())
}

fn backticked(s: &str) -> impl Iterator<Item = &str> {
    s.split('`').skip(1).step_by(2)
}

/// The candidate nearest to `word`, if it is near enough to be a typo.
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::damerau_levenshtein(word, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_get_a_hint() {
        let (code, msg) = explain("unknown field `titel`, expected one of `title`, `subtitle`");
        assert_eq!(code, "unknown-key");
        assert_eq!(
            msg,
            "unknown key `titel` (did you mean `title`?); expected one of: title, subtitle"
        );
    }

    #[test]
    fn far_off_words_get_no_hint() {
        assert_eq!(closest("colour", &["title", "kind"]), None);
        assert_eq!(
            closest("self_care", &["self-care", "causes"]),
            Some("self-care")
        );
    }
}
