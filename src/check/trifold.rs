//! Whether a handout folds into a trifold at a size every patient reads
//! with ease: when the body would be set below 12 pt to fit, `check` says
//! at which size and how many words to cut, as the build would, from the
//! same layout.

use crate::diagnostic::{Diagnostic, Severity};
use crate::layout::{BodySize, PatientCopy, compose::compose, smaller_than_readable};
use crate::model::{Clinic, Handout};

/// The warning for a handout a trifold on the clinic's paper sets below
/// 12 pt. A handout no trifold holds at all gets none: the build says so,
/// and as a sheet it prints.
pub fn lint(handout: &Handout, clinic: &Clinic) -> Option<Diagnostic> {
    let leaflet = compose(handout, clinic, &PatientCopy::default());
    let size = smaller_than_readable(handout, clinic, &leaflet, clinic.paper)?;
    Some(warning(handout, &size))
}

/// The warning for a handout a trifold sets at `size`, below 12 pt.
pub fn warning(handout: &Handout, size: &BodySize) -> Diagnostic {
    handout.source.diagnostic(
        handout.file.title.span().start,
        Severity::Warning,
        "trifold-small-type",
        format!(
            "as a trifold, the body text would be set at {} pt to fit{}",
            size.size,
            size.cut_advice()
        ),
    )
}
