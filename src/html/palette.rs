//! The clinic's colours for a screen, light and dark: each brand colour is
//! darkened (light scheme) or lightened (dark scheme) only as far as WCAG AA
//! contrast needs, so the page keeps the brand and stays readable.

use crate::contrast::{BODY, ratio};
use crate::model::{Colors, Rgb};

/// Page colours of one scheme.
pub struct Scheme {
    pub background: Rgb,
    pub ink: Rgb,
    /// Secondary text (review date, disclaimer).
    pub muted: Rgb,
    /// Headings, links and list numbers: the primary colour, readable.
    pub brand: Rgb,
    /// The header band and the text on it.
    pub band: (Rgb, Rgb),
    /// The warning box's heading strip and the text on it.
    pub warning: (Rgb, Rgb),
    /// Rules and the warning box's border: the colours as the clinic chose them.
    pub accent: Rgb,
    pub warning_rule: Rgb,
    /// The main message's box, a tint of the primary colour.
    pub tint: Rgb,
}

impl Scheme {
    pub fn light(colors: &Colors) -> Scheme {
        let background = Rgb::WHITE;
        let tint = mix(colors.primary, background, 0.92);
        Scheme {
            background,
            ink: Rgb::INK,
            muted: Rgb(0x4f, 0x4f, 0x4f),
            brand: readable(colors.primary, &[background, tint], Rgb(0, 0, 0)),
            band: band(colors.primary),
            warning: band(colors.warning),
            accent: colors.accent,
            warning_rule: colors.warning,
            tint,
        }
    }

    pub fn dark(colors: &Colors) -> Scheme {
        let background = Rgb(0x15, 0x17, 0x1a);
        let tint = mix(colors.primary, background, 0.78);
        Scheme {
            background,
            ink: Rgb(0xec, 0xed, 0xee),
            muted: Rgb(0xb4, 0xb7, 0xbc),
            brand: readable(colors.primary, &[background, tint], Rgb::WHITE),
            band: band(colors.primary),
            warning: band(colors.warning),
            accent: colors.accent,
            warning_rule: readable(colors.warning, &[background], Rgb::WHITE),
            tint,
        }
    }

    /// The scheme as CSS custom properties.
    pub fn properties(&self) -> String {
        let pairs = [
            ("bg", self.background),
            ("ink", self.ink),
            ("muted", self.muted),
            ("brand", self.brand),
            ("band", self.band.0),
            ("band-ink", self.band.1),
            ("warn", self.warning.0),
            ("warn-ink", self.warning.1),
            ("accent", self.accent),
            ("warn-rule", self.warning_rule),
            ("tint", self.tint),
        ];
        pairs
            .iter()
            .map(|(name, c)| format!("--{name}:{};", hex(*c)))
            .collect()
    }
}

/// `#rrggbb`.
pub fn hex(c: Rgb) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

/// `a` moved towards `b` by `t` (0 to 1).
fn mix(a: Rgb, b: Rgb, t: f64) -> Rgb {
    let m = |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * t).round() as u8;
    Rgb(m(a.0, b.0), m(a.1, b.1), m(a.2, b.2))
}

/// `color`, moved towards `toward` in small steps until body text in it
/// reads on each of `backgrounds`.
fn readable(color: Rgb, backgrounds: &[Rgb], toward: Rgb) -> Rgb {
    (0..=20)
        .map(|step| mix(color, toward, f64::from(step) / 20.0))
        .find(|c| backgrounds.iter().all(|b| ratio(*c, *b) >= BODY))
        .unwrap_or(toward)
}

/// A band of `color` with the text that reads on it: white where it can,
/// else near-black; a colour neither reads on is darkened until white does.
fn band(color: Rgb) -> (Rgb, Rgb) {
    if ratio(Rgb::WHITE, color) >= BODY {
        (color, Rgb::WHITE)
    } else if ratio(Rgb::INK, color) >= BODY {
        (color, Rgb::INK)
    } else {
        let darker = readable(color, &[Rgb::WHITE], Rgb(0, 0, 0));
        (darker, Rgb::WHITE)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_colour_reads_on_its_background() {
        // The sample's blue, an amber that fails on white, and a pale grey.
        for primary in [
            Rgb(0x0b, 0x5f, 0xa5),
            Rgb(0xf2, 0xa9, 0x00),
            Rgb(0xdd, 0xdd, 0xdd),
        ] {
            let colors = Colors {
                primary,
                accent: primary,
                warning: primary,
            };
            for s in [Scheme::light(&colors), Scheme::dark(&colors)] {
                for (ink, on) in [
                    (s.ink, s.background),
                    (s.muted, s.background),
                    (s.brand, s.background),
                    (s.ink, s.tint),
                    (s.brand, s.tint),
                    (s.band.1, s.band.0),
                    (s.warning.1, s.warning.0),
                ] {
                    assert!(ratio(ink, on) >= BODY, "{ink:?} on {on:?}");
                }
            }
        }
        // A colour that already reads is kept as the clinic chose it.
        let blue = Rgb(0x0b, 0x5f, 0xa5);
        assert_eq!(readable(blue, &[Rgb::WHITE], Rgb(0, 0, 0)), blue);
    }
}
