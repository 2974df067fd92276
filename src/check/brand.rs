//! Warnings about the clinic's branding: colours that patients cannot read
//! against their background, and a logo too coarse for print.

use crate::contrast::ratio;
use crate::diagnostic::{Diagnostic, Severity};
use crate::layout::LOGO_HEIGHT;
use crate::layout::theme::contrast_pairs;
use crate::model::Clinic;
use crate::parse::Spanned;

/// A logo printed coarser than this looks blurred.
const MIN_LOGO_DPI: f32 = 150.0;

pub fn lint(clinic: &Clinic) -> Vec<Diagnostic> {
    let raw = &clinic.file;
    let at = |v: &Option<Spanned<String>>| v.as_ref().map_or(0, |s| s.span().start);
    let mut out = Vec::new();
    let offset = |key: &str| match key {
        "primary" => at(&raw.colors.primary),
        "accent" => at(&raw.colors.accent),
        _ => at(&raw.colors.warning),
    };
    for pair in contrast_pairs(&clinic.colors) {
        let (key, needed, used) = (pair.key, pair.needed, pair.used_for);
        let r = ratio(pair.foreground, pair.background);
        if r < needed {
            out.push(clinic.source.diagnostic(
                offset(key),
                Severity::Warning,
                "low-contrast",
                format!(
                    "the {key} colour gives {used} a contrast of {r:.1}:1, below the {needed}:1 that \
                     readers with low vision need (WCAG 2); choose a darker or lighter {key} colour"
                ),
            ));
        }
    }
    if let (Some(logo), Some(spec)) = (&clinic.logo, &raw.logo) {
        let dpi = logo.height() as f32 / (LOGO_HEIGHT / 72.0);
        if dpi < MIN_LOGO_DPI {
            out.push(clinic.source.diagnostic(
                spec.span().start,
                Severity::Warning,
                "coarse-logo",
                format!(
                    "the logo prints at {dpi:.0} dpi ({} pixels tall for {:.2} inches), so it will look \
                     blurred; use one at least {:.0} pixels tall",
                    logo.height(),
                    LOGO_HEIGHT / 72.0,
                    (MIN_LOGO_DPI * LOGO_HEIGHT / 72.0 * 2.0).ceil()
                ),
            ));
        }
    }
    out
}
