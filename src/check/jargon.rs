//! Jargon: medical and bureaucratic words many patients do not know, each
//! flagged where it is written, with an everyday word to use instead. The
//! word lists are data, one per language, in data/jargon/ (their sources are
//! named there).
//!
//! Words are found in the file's own text (inside each string's span), so a
//! warning points at the word as the editor wrote it. Placeholders and link
//! addresses are skipped; so are proper names (a capitalised word inside a
//! sentence, or a run of capitalised words), the clinic's name, and words the
//! clinic or the handout allows with `allow_words`.

use crate::diagnostic::{Diagnostic, Severity, Source};
use crate::model::{Clinic, Handout};
use crate::parse::Spanned;
use rustc_hash::FxHashMap;
use std::collections::HashSet;
use std::sync::OnceLock;

/// One entry of a word list: the forms it matches and what to write instead.
#[derive(Debug)]
struct Entry {
    /// Lower case; a form of several words is a phrase.
    forms: Vec<String>,
    alternatives: Vec<String>,
}

/// A word list, indexed by the first word of each form.
#[derive(Debug)]
pub struct List {
    entries: Vec<Entry>,
    /// First word → (the form's words, its entry), longest form first;
    /// looked up for every word of a handout.
    by_first: FxHashMap<String, Vec<(Vec<String>, usize)>>,
}

impl List {
    fn parse(text: &str) -> List {
        let mut entries = Vec::new();
        let mut by_first: FxHashMap<String, Vec<(Vec<String>, usize)>> = FxHashMap::default();
        let lines = text.lines().map(str::trim);
        for line in lines.filter(|l| !l.is_empty() && !l.starts_with('#')) {
            let Some((forms, alternatives)) = line.split_once(" = ") else {
                continue;
            };
            let split = |s: &str| -> Vec<String> {
                s.split(';')
                    .map(|f| f.trim().to_lowercase())
                    .filter(|f| !f.is_empty())
                    .collect()
            };
            let entry = Entry {
                forms: split(forms),
                alternatives: alternatives
                    .split(';')
                    .map(|a| a.trim().to_string())
                    .collect(),
            };
            for form in &entry.forms {
                let words: Vec<String> = form.split_whitespace().map(String::from).collect();
                by_first
                    .entry(words[0].clone())
                    .or_default()
                    .push((words, entries.len()));
            }
            entries.push(entry);
        }
        for forms in by_first.values_mut() {
            forms.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
        }
        List { entries, by_first }
    }

    /// How many entries the list has.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The everyday alternatives for a word or phrase, if the list has it.
    pub fn alternatives(&self, term: &str) -> Option<&[String]> {
        let words: Vec<String> = term.split_whitespace().map(str::to_lowercase).collect();
        let forms = self.by_first.get(words.first()?)?;
        forms
            .iter()
            .find(|(form, _)| *form == words)
            .map(|(_, entry)| self.entries[*entry].alternatives.as_slice())
    }
}

/// The word list for a language subtag ("en", "es"), if there is one.
pub fn list(language: &str) -> Option<&'static List> {
    static EN: OnceLock<List> = OnceLock::new();
    static ES: OnceLock<List> = OnceLock::new();
    match language {
        "en" => Some(EN.get_or_init(|| List::parse(include_str!("../../data/jargon/en.txt")))),
        "es" => Some(ES.get_or_init(|| List::parse(include_str!("../../data/jargon/es.txt")))),
        _ => None,
    }
}

/// A warning at each jargon word of the handout, once per word and section
/// (the opening, title to closing, counts as one); none for a language
/// without a word list.
pub fn lint(h: &Handout, clinic: &Clinic) -> Vec<Diagnostic> {
    let Some(list) = list(&h.writing.primary) else {
        return Vec::new();
    };
    let allowed: HashSet<String> = clinic
        .allow_words
        .iter()
        .cloned()
        .chain(
            h.file
                .allow_words
                .iter()
                .map(|w| w.get_ref().trim().to_lowercase()),
        )
        .collect();
    let finder = Finder {
        list,
        source: &h.source,
        allowed: &allowed,
        clinic_name: &clinic.name,
    };
    let mut out = Vec::new();
    for group in fields(h) {
        let mut warned = HashSet::new();
        for (field, line) in group {
            finder.find(field, line, &mut warned, &mut out);
        }
    }
    out
}

/// The handout's text fields as written, grouped by section (the opening
/// first), each marked true when it is a one-line field (title, heading).
fn fields(h: &Handout) -> Vec<Vec<(&Spanned<String>, bool)>> {
    let f = &h.file;
    let mut opening = vec![(&f.title, true)];
    opening.extend(f.subtitle.iter().map(|s| (s, true)));
    opening.extend(f.summary.iter().map(|s| (s, false)));
    opening.extend(f.closing.iter().map(|s| (s, false)));
    let mut groups = vec![opening];
    for section in &f.sections {
        let s = section.get_ref();
        let mut group: Vec<(&Spanned<String>, bool)> = Vec::new();
        group.extend(s.heading.iter().map(|h| (h, true)));
        group.extend(s.intro.iter().map(|i| (i, false)));
        for item in &s.items {
            let item = item.get_ref();
            group.extend(item.title.iter().map(|t| (t, true)));
            group.extend(item.text.iter().map(|t| (t, false)));
        }
        groups.push(group);
    }
    groups
}

struct Finder<'a> {
    list: &'a List,
    source: &'a Source,
    allowed: &'a HashSet<String>,
    clinic_name: &'a str,
}

impl Finder<'_> {
    /// Warn at each listed word of one field not yet warned of in its section.
    fn find(
        &self,
        field: &Spanned<String>,
        line: bool,
        warned: &mut HashSet<usize>,
        out: &mut Vec<Diagnostic>,
    ) {
        let span = field.span();
        let raw = &self.source.text[span.clone()];
        let tokens = tokens(raw);
        let lower: Vec<String> = tokens.iter().map(|t| t.text.to_lowercase()).collect();
        // In Title Case the capitals say nothing about names.
        let title_case = line
            && tokens
                .iter()
                .filter(|t| t.text.chars().count() >= 4)
                .all(|t| t.text.starts_with(char::is_uppercase));
        let names: Vec<std::ops::Range<usize>> = raw
            .match_indices(self.clinic_name)
            .map(|(at, name)| at..at + name.len())
            .collect();
        let mut i = 0;
        while i < tokens.len() {
            let Some((len, entry)) = self.entry_at(&tokens, &lower, i) else {
                i += 1;
                continue;
            };
            let token = &tokens[i];
            let matched = &raw[token.start..tokens[i + len - 1].end];
            let skip = warned.contains(&entry)
                || self.is_allowed(entry, &matched.to_lowercase())
                || names.iter().any(|n| n.contains(&token.start))
                || (!title_case && proper_name(&tokens, i));
            if !skip {
                warned.insert(entry);
                out.push(self.warning(span.start + token.start, matched, len > 1, entry));
            }
            i += len;
        }
    }

    /// The longest form of the list that starts at token `i`: its length in
    /// words, and its entry. A phrase does not run across sentences.
    fn entry_at(&self, tokens: &[Token], lower: &[String], i: usize) -> Option<(usize, usize)> {
        let forms = self.list.by_first.get(&lower[i])?;
        forms.iter().find_map(|(words, entry)| {
            let end = i + words.len();
            let fits = end <= tokens.len()
                && lower[i..end] == words[..]
                && tokens[i + 1..end].iter().all(|t| !t.sentence_start);
            fits.then_some((words.len(), *entry))
        })
    }

    fn is_allowed(&self, entry: usize, matched: &str) -> bool {
        self.allowed.contains(matched)
            || self.list.entries[entry]
                .forms
                .iter()
                .any(|f| self.allowed.contains(f))
    }

    fn warning(&self, at: usize, matched: &str, phrase: bool, entry: usize) -> Diagnostic {
        let alternatives: Vec<String> = self.list.entries[entry]
            .alternatives
            .iter()
            .map(|a| format!("\"{a}\""))
            .collect();
        let try_these = match alternatives.split_last() {
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
            None => String::new(),
        };
        let matched = matched.split_whitespace().collect::<Vec<_>>().join(" ");
        let message = if phrase {
            format!("\"{matched}\" is a long way to say {try_these}")
        } else {
            format!("\"{matched}\" is a word many readers do not know; try {try_these}")
        };
        self.source
            .diagnostic(at, Severity::Warning, "jargon", message)
    }
}

/// A word of a field as written: byte range in the field's source text.
#[derive(Debug)]
struct Token<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    /// First word of a sentence (or of the field).
    sentence_start: bool,
}

/// The words of a string's source text: runs of letters, joined by inner
/// apostrophes and hyphens. Escapes (\n, \"), `{placeholders}` and link
/// addresses (`](...)`) are not words.
fn tokens<'a>(raw: &'a str) -> Vec<Token<'a>> {
    let mut found = Vec::new();
    let mut sentence_start = true;
    let mut chars = raw.char_indices().peekable();
    let mut word: Option<usize> = None;
    let close = |found: &mut Vec<Token<'a>>, start: usize, end: usize, first: &mut bool| {
        found.push(Token {
            start,
            end,
            text: &raw[start..end],
            sentence_start: *first,
        });
        *first = false;
    };
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, d)| d);
        let joins = matches!(c, '\'' | '’' | '-') && next.is_some_and(char::is_alphabetic);
        if c.is_alphabetic() || (word.is_some() && joins) {
            word.get_or_insert(i);
            continue;
        }
        if let Some(start) = word.take() {
            close(&mut found, start, i, &mut sentence_start);
        }
        let skip_to = |chars: &mut std::iter::Peekable<std::str::CharIndices>, end: char| {
            for (_, d) in chars.by_ref() {
                if d == end {
                    break;
                }
            }
        };
        match c {
            '\\' => {
                let escape = chars.next().map(|(_, e)| e);
                let hex = match escape {
                    Some('u') => 4,
                    Some('U') => 8,
                    _ => 0,
                };
                if hex > 0 {
                    chars.nth(hex - 1);
                }
                // "\n\n" in a one-line string is a paragraph break.
                if escape == Some('n') {
                    sentence_start = true;
                }
            }
            '{' => skip_to(&mut chars, '}'),
            ']' if next == Some('(') => skip_to(&mut chars, ')'),
            '.' | '!' | '?' | ':' | '¿' | '¡' => sentence_start = true,
            _ => {}
        }
    }
    if let Some(start) = word {
        close(&mut found, start, raw.len(), &mut sentence_start);
    }
    found
}

/// Whether the word at `i` is part of a proper name: capitalised inside a
/// sentence, or at its start with a capitalised word right after. Words in
/// capitals ("NSAID") are abbreviations, not names.
fn proper_name(tokens: &[Token], i: usize) -> bool {
    let capitalised = |t: &Token| {
        t.text.starts_with(char::is_uppercase) && t.text.chars().any(char::is_lowercase)
    };
    if !capitalised(&tokens[i]) {
        return false;
    }
    !tokens[i].sentence_start
        || tokens
            .get(i + 1)
            .is_some_and(|next| !next.sentence_start && capitalised(next))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(raw: &str) -> Vec<(&str, bool)> {
        tokens(raw)
            .into_iter()
            .map(|t| (t.text, t.sentence_start))
            .collect()
    }

    #[test]
    fn tokens_skip_markup_placeholders_and_escapes() {
        assert_eq!(
            words(
                r#""Call {clinic.phone}. See [our page](https://example.org/edema) now\nIt's over-the-counter.""#
            ),
            [
                ("Call", true),
                ("See", true),
                ("our", false),
                ("page", false),
                ("now", false),
                ("It's", true),
                ("over-the-counter", false),
            ]
        );
        assert_eq!(words("\"\\u00e9dema\""), [("dema", true)]);
    }

    #[test]
    fn names_are_capitalised_inside_a_sentence() {
        let t = tokens("Ask for Dr Lee. Physical Therapy Associates can help. Edema is swelling");
        let names: Vec<&str> = (0..t.len())
            .filter(|&i| proper_name(&t, i))
            .map(|i| t[i].text)
            .collect();
        assert_eq!(names, ["Dr", "Lee", "Physical", "Therapy", "Associates"]);
    }

    #[test]
    fn the_lists_parse_with_their_sizes() {
        let en = list("en").unwrap();
        assert!(en.len() >= 300, "{}", en.len());
        assert_eq!(en.alternatives("edema").unwrap(), ["swelling"]);
        assert_eq!(en.alternatives("Utilized").unwrap(), ["use"]);
        assert_eq!(en.alternatives("prior to").unwrap(), ["before"]);
        let es = list("es").unwrap();
        assert!(es.len() >= 80, "{}", es.len());
        assert_eq!(es.alternatives("cefalea").unwrap(), ["dolor de cabeza"]);
        assert!(list("vi").is_none());
    }
}
