//! Stage 1: TOML text to raw, span-carrying structures. Nothing is checked here
//! beyond what the file's shape demands; [`crate::model`] validates.

pub mod clinic;
pub mod handout;
pub mod language;
mod shape;
mod syntax;
pub mod words;

use crate::diagnostic::{Diagnostic, Source};
use serde::de::DeserializeOwned;

pub use toml::Spanned;

/// Deserialize `source` into `T`, reporting every TOML syntax error of the
/// file or, when it has none, every unknown key, wrong value and missing key.
pub fn from_toml<T: DeserializeOwned>(source: &Source) -> Result<T, Vec<Diagnostic>> {
    let (root, errors) = toml::de::DeTable::parse_recoverable(&source.text);
    if !errors.is_empty() {
        return Err(syntax::diagnostics(source, &errors));
    }
    shape::read(source, root)
}

/// `(name, true)` for a `[[name]]` line, `(name, false)` for a `[name]` line.
fn header(line: &str) -> Option<(&str, bool)> {
    let line = line.split('#').next()?.trim();
    if let Some(inner) = line.strip_prefix("[[").and_then(|l| l.strip_suffix("]]")) {
        return Some((inner.trim(), true));
    }
    let inner = line.strip_prefix('[')?.strip_suffix(']')?;
    Some((inner.trim(), false))
}

/// The candidate nearest to `word`, if it is near enough to be a typo, or
/// else the one candidate `word` is a shortening of (`warning` for
/// `warning-signs`).
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let typo = candidates
        .iter()
        .map(|c| (strsim::damerau_levenshtein(word, c), *c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c);
    typo.or_else(|| {
        let word = word.to_lowercase();
        let shortened = |c: &&&str| {
            word.len() >= 4 && (c.starts_with(word.as_str()) || c.split('-').any(|p| p == word))
        };
        let mut found = candidates.iter().filter(shortened);
        match (found.next(), found.next()) {
            (Some(only), None) => Some(*only),
            _ => None,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn far_off_words_get_no_hint() {
        assert_eq!(closest("colour", &["title", "kind"]), None);
        assert_eq!(
            closest("self_care", &["self-care", "causes"]),
            Some("self-care")
        );
    }

    #[test]
    fn a_shortened_value_names_the_whole_one() {
        let kinds = [
            "causes",
            "prevention",
            "self-care",
            "warning-signs",
            "treatments",
        ];
        assert_eq!(closest("warning", &kinds), Some("warning-signs"));
        assert_eq!(closest("signs", &kinds), Some("warning-signs"));
        // Too short, or shared by two, to be sure.
        assert_eq!(closest("war", &kinds), None);
        assert_eq!(closest("care", &["self-care", "aftercare-care"]), None);
    }
}
