//! Readability of a Spanish handout: Fernández-Huerta and Szigriszt-Pazos
//! for the whole handout and each section, with a warning wherever the
//! Szigriszt-Pazos score (read on the INFLESZ scale) is below the clinic's
//! `min_inflesz`, naming the hardest sentences.

use super::lints::{HARDEST, units};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Handout;
use crate::readability::spanish::{self, Scores, inflesz};

#[derive(Debug, Clone, PartialEq)]
pub struct SpanishReadability {
    pub words: usize,
    pub sentences: usize,
    pub fernandez_huerta: f64,
    pub szigriszt_pazos: f64,
    pub sections: Vec<SpanishSection>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SpanishSection {
    pub heading: String,
    pub fernandez_huerta: f64,
    pub szigriszt_pazos: f64,
}

pub fn readability(h: &Handout, min_inflesz: f32, out: &mut Vec<Diagnostic>) -> SpanishReadability {
    let (opening, sections) = units(h);
    let all: Vec<&str> = opening
        .iter()
        .chain(sections.iter().flatten())
        .map(String::as_str)
        .collect();
    let min = f64::from(min_inflesz);
    let mut warn = |at: usize, what: &str, units: &[&str]| -> Scores {
        let scores = spanish::scores(&spanish::counts(units));
        if scores.szigriszt_pazos < min {
            let hardest: Vec<String> = spanish::hardest(units, HARDEST)
                .into_iter()
                .map(|(s, score)| format!("\"{s}\" ({score:.1})"))
                .collect();
            out.push(h.source.diagnostic(
                at,
                Severity::Warning,
                "reading-level",
                format!(
                    "{what} scores {:.1} on the INFLESZ scale (Szigriszt-Pazos, \"{}\"), below the \
                     clinic's target of {min_inflesz} (\"{}\"); hardest sentences: {}",
                    scores.szigriszt_pazos,
                    inflesz(scores.szigriszt_pazos),
                    inflesz(min),
                    hardest.join(", ")
                ),
            ));
        }
        scores
    };
    let whole = warn(h.file.title.span().start, "this handout", &all);
    let sections = h
        .sections
        .iter()
        .zip(&h.file.sections)
        .zip(&sections)
        .map(|((section, spanned), units)| {
            let units: Vec<&str> = units.iter().map(String::as_str).collect();
            let what = format!("the section \"{}\"", section.heading);
            let scores = warn(spanned.span().start, &what, &units);
            SpanishSection {
                heading: section.heading.clone(),
                fernandez_huerta: scores.fernandez_huerta,
                szigriszt_pazos: scores.szigriszt_pazos,
            }
        })
        .collect();
    SpanishReadability {
        words: whole.words,
        sentences: whole.sentences,
        fernandez_huerta: whole.fernandez_huerta,
        szigriszt_pazos: whole.szigriszt_pazos,
        sections,
    }
}
