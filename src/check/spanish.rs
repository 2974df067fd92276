//! Readability of a Spanish handout: Fernández-Huerta and Szigriszt-Pazos
//! for the whole handout and each section, with a warning wherever the
//! Szigriszt-Pazos score (read on the INFLESZ scale) is below the clinic's
//! `min_inflesz`, naming the hardest sentences.

use super::lints::{Measure, Units, per_section};
use crate::diagnostic::Diagnostic;
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

pub fn readability(
    h: &Handout,
    units: &Units,
    min_inflesz: f32,
    out: &mut Vec<Diagnostic>,
) -> SpanishReadability {
    let min = f64::from(min_inflesz);
    let measure = Measure {
        count: spanish::counted,
        hardest: spanish::hardest_counted,
        label: "",
    };
    let (whole, sections) = per_section(h, units, measure, out, |what, counts| {
        let scores = spanish::scores(counts);
        let too_hard = (scores.szigriszt_pazos < min).then(|| {
            format!(
                "{what} scores {:.1} on the INFLESZ scale (Szigriszt-Pazos, \"{}\"), below the \
                 clinic's target of {min_inflesz} (\"{}\")",
                scores.szigriszt_pazos,
                inflesz(scores.szigriszt_pazos),
                inflesz(min),
            )
        });
        (scores, too_hard)
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
