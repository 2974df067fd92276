//! Warnings (and the translation error) about one handout: readability above
//! the clinic's target, long sentences, missing sections, translations.

use crate::diagnostic::{Diagnostic, Severity, Source};
use crate::markup::{Paragraph, plain_text};
use crate::model::{Handout, SectionKind};
use crate::parse::handout::HandoutFile;
use crate::parse::{Spanned, from_toml};
use crate::readability;

/// Sentences longer than this are hard to follow (plain-language guides).
const MAX_SENTENCE_WORDS: usize = 25;
/// How many of the hardest sentences a readability warning names.
pub(super) const HARDEST: usize = 3;

/// Readability of a handout and of each section.
#[derive(Debug, Clone, PartialEq)]
pub struct Readability {
    pub words: usize,
    pub sentences: usize,
    pub flesch_kincaid_grade: f64,
    pub smog: f64,
    pub sections: Vec<SectionReadability>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SectionReadability {
    pub heading: String,
    pub flesch_kincaid_grade: f64,
    pub smog: f64,
}

/// The text units of a handout, each title, heading and list item a unit of
/// its own: the opening, then one group per section, then the closing.
pub(super) fn units(h: &Handout) -> (Vec<String>, Vec<Vec<String>>) {
    let text = |ps: &[Paragraph]| ps.iter().map(|p| plain_text(p)).collect::<Vec<_>>();
    let mut opening = vec![h.title.clone()];
    opening.extend(h.subtitle.clone());
    opening.extend(text(&h.summary));
    opening.extend(text(&h.closing));
    let sections = h
        .sections
        .iter()
        .map(|s| {
            let mut units = vec![s.heading.clone()];
            units.extend(text(&s.intro));
            for item in &s.items {
                units.extend(item.title.as_deref().map(plain_text));
                units.extend(text(&item.text));
            }
            units
        })
        .collect();
    (opening, sections)
}

/// Scores for the whole handout and each section, with a warning wherever
/// a grade is above the clinic's target.
pub fn readability(h: &Handout, max_grade: f32, out: &mut Vec<Diagnostic>) -> Readability {
    let raw = &h.file;
    let (opening, sections) = units(h);
    let all: Vec<&str> = opening
        .iter()
        .chain(sections.iter().flatten())
        .map(String::as_str)
        .collect();
    let whole = readability::scores(&readability::counts(&all));
    let max = f64::from(max_grade);
    let mut warn = |at: usize, what: &str, scores: &readability::Scores, units: &[&str]| {
        // SMOG is only meaningful from 30 sentences on.
        let smog_counts = scores.sentences >= readability::SMOG_SENTENCES && scores.smog > max;
        if scores.flesch_kincaid_grade > max || smog_counts {
            let hardest: Vec<String> = readability::hardest(units, HARDEST)
                .into_iter()
                .map(|(s, grade)| format!("\"{s}\" (grade {grade:.1})"))
                .collect();
            out.push(h.source.diagnostic(
                at,
                Severity::Warning,
                "reading-level",
                format!(
                    "{what} reads at grade {:.1} (Flesch-Kincaid) and {:.1} (SMOG), above the clinic's \
                     target of grade {max_grade}; hardest sentences: {}",
                    scores.flesch_kincaid_grade,
                    scores.smog,
                    hardest.join(", ")
                ),
            ));
        }
    };
    warn(raw.title.span().start, "this handout", &whole, &all);
    let sections = h
        .sections
        .iter()
        .zip(&raw.sections)
        .zip(&sections)
        .map(|((section, spanned), units)| {
            let units: Vec<&str> = units.iter().map(String::as_str).collect();
            let scores = readability::scores(&readability::counts(&units));
            warn(
                spanned.span().start,
                &format!("the section \"{}\"", section.heading),
                &scores,
                &units,
            );
            SectionReadability {
                heading: section.heading.clone(),
                flesch_kincaid_grade: scores.flesch_kincaid_grade,
                smog: scores.smog,
            }
        })
        .collect();
    Readability {
        words: whole.words,
        sentences: whole.sentences,
        flesch_kincaid_grade: whole.flesch_kincaid_grade,
        smog: whole.smog,
        sections,
    }
}

/// A warning for each sentence over 25 words, at the sentence.
pub fn long_sentences(h: &Handout) -> Vec<Diagnostic> {
    let (opening, sections) = units(h);
    let mut out = Vec::new();
    for unit in opening.iter().chain(sections.iter().flatten()) {
        for sentence in readability::sentences(unit) {
            let words = readability::words(sentence).len();
            if words > MAX_SENTENCE_WORDS {
                out.push(h.source.diagnostic(
                    locate(&h.source, sentence),
                    Severity::Warning,
                    "long-sentence",
                    format!("this sentence has {words} words; split it so no sentence has more than {MAX_SENTENCE_WORDS}"),
                ));
            }
        }
    }
    out
}

/// Where a sentence starts in the source, found by its first words (line
/// breaks in the file may differ from the spaces in the text).
fn locate(source: &Source, sentence: &str) -> usize {
    let words: Vec<&str> = sentence.split_whitespace().collect();
    (1..=words.len().min(6))
        .rev()
        .find_map(|n| source.text.find(&words[..n].join(" ")))
        .unwrap_or(0)
}

/// A handout should tell patients what to do, and when to get help.
pub fn kinds(h: &Handout) -> Vec<Diagnostic> {
    let raw = &h.file;
    let has = |kinds: &[SectionKind]| h.sections.iter().any(|s| kinds.contains(&s.kind));
    let mut out = Vec::new();
    let at = raw.title.span().start;
    let actions = [
        SectionKind::Causes,
        SectionKind::Prevention,
        SectionKind::SelfCare,
        SectionKind::Treatments,
    ];
    if !has(&actions) {
        out.push(h.source.diagnostic(
            at,
            Severity::Warning,
            "no-actions",
            "this handout has no causes, prevention, self-care or treatments section; give patients \
             at least one thing they can do",
        ));
    }
    if !has(&[SectionKind::WarningSigns]) {
        out.push(h.source.diagnostic(
            at,
            Severity::Warning,
            "no-warning-signs",
            "this handout has no warning-signs section; say clearly when to call the clinic and \
             when to call emergency services",
        ));
    }
    out
}

/// A translation made from an older
/// review of its source, or with different sections, is out of date.
pub fn translation(h: &Handout) -> Vec<Diagnostic> {
    let raw = &h.file;
    let Some(of) = &raw.translation_of else {
        return Vec::new();
    };
    let at = of.span().start;
    let path = h
        .path
        .parent()
        .unwrap_or(std::path::Path::new(""))
        .join(of.get_ref());
    // The model already refused a source that does not exist.
    let Ok(source) = crate::model::read_source(&path) else {
        return Vec::new();
    };
    let Ok(original) = from_toml::<HandoutFile>(&source) else {
        let message = format!(
            "the source handout `{}` has errors; check it first",
            of.get_ref()
        );
        return vec![h.source.error(at, "bad-source", message)];
    };
    let mut out = Vec::new();
    let date = |d: &Spanned<toml::value::Datetime>| d.get_ref().to_string();
    match &raw.source_reviewed {
        None => out.push(h.source.diagnostic(
            at,
            Severity::Warning,
            "no-source-reviewed",
            format!("set `source_reviewed` to the `reviewed` date of `{}` this translation was made from", of.get_ref()),
        )),
        Some(sr) if date(sr) < date(&original.reviewed) => out.push(h.source.diagnostic(
            sr.span().start,
            Severity::Warning,
            "stale-translation",
            format!(
                "this translation was made from the {} review of `{}`, but the source was reviewed again on {}; update the translation",
                date(sr),
                of.get_ref(),
                date(&original.reviewed)
            ),
        )),
        Some(_) => {}
    }
    let kinds = |f: &HandoutFile| {
        f.sections
            .iter()
            .map(|s| *s.get_ref().kind.get_ref())
            .collect::<Vec<_>>()
    };
    if kinds(raw) != kinds(&original) {
        out.push(h.source.diagnostic(
            at,
            Severity::Warning,
            "mismatched-translation",
            format!("this translation's sections differ from those of `{}`; a section may be missing or moved", of.get_ref()),
        ));
    }
    out
}
