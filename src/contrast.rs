//! WCAG 2.x contrast between two colours, the check behind "brand colours
//! must stay readable" (HEALTH-LITERACY.md).

use crate::model::Rgb;

/// Body text needs this ratio against its background (WCAG SC 1.4.3).
pub const BODY: f64 = 4.5;
/// Large text (18 pt, or 14 pt bold) needs this.
pub const LARGE: f64 = 3.0;

/// Relative luminance of an sRGB colour.
fn luminance(c: Rgb) -> f64 {
    let linear = |v: u8| {
        let v = f64::from(v) / 255.0;
        if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * linear(c.0) + 0.7152 * linear(c.1) + 0.0722 * linear(c.2)
}

/// The contrast ratio, from 1 (none) to 21 (black on white).
pub fn ratio(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_ratios() {
        assert!((ratio(Rgb(0, 0, 0), Rgb::WHITE) - 21.0).abs() < 1e-9);
        assert!((ratio(Rgb::WHITE, Rgb::WHITE) - 1.0).abs() < 1e-9);
        // #767676 on white is the classic 4.54:1.
        assert!((ratio(Rgb(0x76, 0x76, 0x76), Rgb::WHITE) - 4.54).abs() < 0.01);
        // The sample's amber accent on white fails even large text.
        assert!(ratio(Rgb(0xf2, 0xa9, 0x00), Rgb::WHITE) < LARGE);
    }
}
