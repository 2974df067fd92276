//! Readability of a Spanish handout: Fernández-Huerta and Szigriszt-Pazos
//! for the whole handout and each section, with a warning wherever the
//! Szigriszt-Pazos score (read on the INFLESZ scale) is below the clinic's
//! `min_inflesz`, naming the hardest sentences.

use super::lints::{HARDEST, per_section, units};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Handout;
use crate::readability::spanish::{self, inflesz};

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
    let min = f64::from(min_inflesz);
    let (whole, sections) = per_section(h, &units(h), |at, what, units| {
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
    });
    SpanishReadability {
        words: whole.words,
        sentences: whole.sentences,
        fernandez_huerta: whole.fernandez_huerta,
        szigriszt_pazos: whole.szigriszt_pazos,
        sections: sections
            .into_iter()
            .map(|(heading, scores)| SpanishSection {
                heading,
                fernandez_huerta: scores.fernandez_huerta,
                szigriszt_pazos: scores.szigriszt_pazos,
            })
            .collect(),
    }
}
