//! Warnings about the clinic's branding: colours that patients cannot read
//! against their background, and a logo too coarse for print.

use crate::contrast::{self, ratio};
use crate::diagnostic::{Diagnostic, Severity};
use crate::layout::LOGO_HEIGHT;
use crate::model::{Clinic, Rgb};
use crate::parse::Spanned;

/// A logo printed coarser than this looks blurred.
const MIN_LOGO_DPI: f32 = 150.0;

pub fn lint(clinic: &Clinic) -> Vec<Diagnostic> {
    let raw = &clinic.file;
    let at = |v: &Option<Spanned<String>>| v.as_ref().map_or(0, |s| s.span().start);
    let c = &clinic.colors;
    // (colour key, where, foreground, background, ratio needed, what it is used for)
    let pairs = [
        (
            "primary",
            at(&raw.colors.primary),
            c.primary,
            Rgb::WHITE,
            contrast::BODY,
            "headings and links on white",
        ),
        (
            "primary",
            at(&raw.colors.primary),
            Rgb::WHITE,
            c.primary,
            contrast::BODY,
            "white text on the header band",
        ),
        (
            "accent",
            at(&raw.colors.accent),
            Rgb::INK,
            c.accent,
            contrast::BODY,
            "list numbers on the accent colour",
        ),
        (
            "warning",
            at(&raw.colors.warning),
            c.warning,
            c.warning.tint(0.07),
            contrast::LARGE,
            "the warning box's heading on its tinted background",
        ),
    ];
    let mut out = Vec::new();
    for (key, offset, fg, bg, needed, used) in pairs {
        let r = ratio(fg, bg);
        if r < needed {
            out.push(clinic.source.diagnostic(
                offset,
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
