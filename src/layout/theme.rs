//! Every size, pad, tint and colour of a leaflet, in one place. Layout code
//! asks the theme; `check` reads the colour pairs patients must be able to
//! read from [`contrast_pairs`].

use super::typeset::TextStyle;
use crate::contrast;
use crate::model::{Colors, Rgb};

/// Distance from every page edge to anything drawn: half an inch, twice the
/// 18 pt office printers need.
pub const MARGIN: f32 = 36.0;
/// The logo's printed height on the header band.
pub const LOGO_HEIGHT: f32 = 46.0;
/// The health-literacy figure for large print.
pub const LARGE_PRINT_SIZE: f32 = 18.0;
/// Nothing in large print is smaller than this.
pub const LARGE_PRINT_MIN: f32 = 16.0;
/// Secondary text (footer, disclaimer, captions), kept large enough to read.
const SMALL_SIZE: f32 = 11.0;
/// Muted text: subtitles, the footer, the disclaimer.
pub const MUTED: Rgb = Rgb(0x44, 0x4c, 0x55);
/// The thin rule over the footer.
pub const RULE: Rgb = Rgb(0xb8, 0xc0, 0xc8);
/// A QR code this wide (1.1 in) scans from a phone held at reading distance.
pub const QR_SIZE: f32 = 80.0;
/// Between two columns of a sheet.
pub const GUTTER: f32 = 20.0;
/// The longest line, in ems: about 70 characters of a hyperlegible face,
/// the top of the 50-70 that readers with low vision manage best.
pub const MAX_MEASURE_EM: f32 = 33.0;
/// Tints of the clinic's colours behind panels.
const PANEL_TINT: f32 = 0.09;
const WARNING_TINT: f32 = 0.07;

/// A panel's look: fill, border, the bar down its start edge, its corners.
#[derive(Debug, Clone, Copy)]
pub struct PanelStyle {
    /// Between the panel's edge and its content, above and below.
    pub pad: f32,
    /// Between the panel's edge and its content, at the sides.
    pub inset: f32,
    pub fill: Option<Rgb>,
    pub border: Option<(Rgb, f32)>,
    pub bar: Option<Rgb>,
    pub radius: f32,
    /// The colour of the panel's heading and list markers.
    pub ink: Rgb,
}

/// Sizes and colours for one leaflet at one body size.
#[derive(Debug, Clone)]
pub struct Theme {
    pub colors: Colors,
    pub large_print: bool,
    pub body: TextStyle,
    /// Footer, disclaimer, QR caption.
    pub small: TextStyle,
    pub title: TextStyle,
    pub subtitle: TextStyle,
    pub heading: TextStyle,
    /// The main message, a little larger than the body.
    pub lead: TextStyle,
    pub closing: TextStyle,
    pub contact_heading: TextStyle,
    /// The phone number in the contact block: the one thing to find fast.
    pub contact_phone: TextStyle,
    /// The clinic's name on the header band and the trifold's cover.
    pub band_name: TextStyle,
    pub band_phone: TextStyle,
    pub band_site: TextStyle,
}

impl Theme {
    /// The theme for `colors` with body text at `body_size`; large print sets
    /// 18 pt or more and nothing under 16 pt.
    pub fn new(colors: &Colors, body_size: f32, large_print: bool) -> Theme {
        let size = if large_print {
            body_size.max(LARGE_PRINT_SIZE)
        } else {
            body_size
        };
        let body = TextStyle {
            size,
            // 1.3 is inside the 1.2-1.5 that reads comfortably, and more
            // than size + 2 pt (HEALTH-LITERACY.md).
            leading: (size * 1.3).max(size + 2.0),
            bold: false,
            italic: false,
            color: Rgb::INK,
        };
        let scaled = |factor: f32, leading: f32| TextStyle {
            size: size * factor,
            leading: size * factor * leading,
            ..body
        };
        let floor = |s: f32| {
            if large_print {
                s.max(LARGE_PRINT_MIN)
            } else {
                s
            }
        };
        let fixed = |s: f32, leading: f32| TextStyle {
            size: floor(s),
            leading: floor(s) * leading,
            ..body
        };
        Theme {
            colors: *colors,
            large_print,
            body,
            small: TextStyle {
                color: MUTED,
                ..fixed(SMALL_SIZE, 1.35)
            },
            title: scaled(2.1, 1.12).bold().with_color(colors.primary),
            subtitle: scaled(1.3, 1.3).with_color(MUTED),
            heading: scaled(1.3, 1.2).bold().with_color(colors.primary),
            lead: scaled(1.05, 1.32),
            closing: scaled(1.1, 1.32).bold(),
            contact_heading: scaled(1.25, 1.3).bold().with_color(colors.primary),
            contact_phone: scaled(1.3, 1.3).bold(),
            band_name: TextStyle {
                color: Rgb::WHITE,
                bold: true,
                ..fixed(21.0, 1.2)
            },
            band_phone: TextStyle {
                color: Rgb::WHITE,
                bold: true,
                ..fixed(16.0, 1.25)
            },
            band_site: TextStyle {
                color: Rgb::WHITE,
                ..fixed(12.0, 1.3)
            },
        }
    }

    /// The theme for a handout whose script is set `scale` times larger
    /// than its size (Arabic, see `FontSet::scale`): each style's leading no
    /// tighter than 1.2 times and 2 pt more than that larger size
    /// (HEALTH-LITERACY.md), so enlarged letters never crowd the line
    /// above.
    pub fn spaced_for(mut self, scale: f32) -> Theme {
        if scale <= 1.0 {
            return self;
        }
        for style in [
            &mut self.body,
            &mut self.small,
            &mut self.title,
            &mut self.subtitle,
            &mut self.heading,
            &mut self.lead,
            &mut self.closing,
            &mut self.contact_heading,
            &mut self.contact_phone,
            &mut self.band_name,
            &mut self.band_phone,
            &mut self.band_site,
        ] {
            let size = style.size * scale;
            style.leading = style.leading.max(1.2 * size).max(size + 2.0);
        }
        self
    }

    pub fn em(&self) -> f32 {
        self.body.size
    }

    /// Space between paragraphs.
    pub fn paragraph_gap(&self) -> f32 {
        0.5 * self.em()
    }

    /// Space above a section heading.
    pub fn heading_gap(&self) -> f32 {
        1.15 * self.em()
    }

    /// Space between list items.
    pub fn item_gap(&self) -> f32 {
        0.35 * self.em()
    }

    /// Space above a panel.
    pub fn panel_gap(&self) -> f32 {
        1.1 * self.em()
    }

    /// Room for a list item's marker before its text.
    pub fn item_indent(&self) -> f32 {
        1.9 * self.em()
    }

    /// A list item's pictogram: two ems square, beside the first two lines.
    pub fn pictogram(&self) -> f32 {
        2.0 * self.em()
    }

    /// Between lines to write on: 0.37 in at 12 pt, the spacing of
    /// wide-ruled paper, and wider for the larger hand of large print.
    pub fn write_in_spacing(&self) -> f32 {
        2.2 * self.em()
    }

    /// The short accent rule under a section heading: its width and the
    /// room it takes below the heading.
    pub fn heading_rule(&self) -> (f32, f32) {
        (2.8 * self.em(), 9.0)
    }

    /// The main message: tinted, with the accent bar.
    pub fn summary_panel(&self) -> PanelStyle {
        PanelStyle {
            pad: 12.0,
            inset: 12.0 + 0.3 * self.em(),
            fill: Some(self.colors.primary.tint(PANEL_TINT)),
            border: None,
            bar: Some(self.colors.accent),
            radius: 0.0,
            ink: self.colors.primary,
        }
    }

    /// The clinician's note: outlined in the clinic's colour.
    pub fn note_panel(&self) -> PanelStyle {
        PanelStyle {
            pad: 12.0,
            inset: 14.0,
            fill: None,
            border: Some((self.colors.primary, 2.0)),
            bar: None,
            radius: 8.0,
            ink: self.colors.primary,
        }
    }

    /// The warning-signs box: the warning colour, strongly outlined.
    pub fn warning_panel(&self) -> PanelStyle {
        PanelStyle {
            pad: 12.0,
            inset: 14.0,
            fill: Some(self.colors.warning.tint(WARNING_TINT)),
            border: Some((self.colors.warning, 2.5)),
            bar: None,
            radius: 8.0,
            ink: self.colors.warning,
        }
    }

    /// The key points: tinted and outlined in the clinic's colour.
    pub fn key_points_panel(&self) -> PanelStyle {
        PanelStyle {
            pad: 12.0,
            inset: 14.0,
            fill: Some(self.colors.primary.tint(PANEL_TINT)),
            border: Some((self.colors.primary, 1.5)),
            bar: None,
            radius: 8.0,
            ink: self.colors.primary,
        }
    }

    /// The contact block: tinted.
    pub fn contact_panel(&self) -> PanelStyle {
        PanelStyle {
            pad: 12.0,
            inset: 14.0,
            fill: Some(self.colors.primary.tint(PANEL_TINT)),
            border: None,
            bar: None,
            radius: 8.0,
            ink: self.colors.primary,
        }
    }
}

/// A pair of colours a patient must be able to tell apart, as `check` reports it.
pub struct ContrastPair {
    /// The clinic.toml `[colors]` key that sets the pair.
    pub key: &'static str,
    pub foreground: Rgb,
    pub background: Rgb,
    /// The WCAG 2 ratio the text needs.
    pub needed: f64,
    /// What the pair is used for, in words.
    pub used_for: &'static str,
}

/// Every colour pair the theme prints text in that the clinic chooses.
pub fn contrast_pairs(colors: &Colors) -> Vec<ContrastPair> {
    let pair = |key, foreground, background, needed, used_for| ContrastPair {
        key,
        foreground,
        background,
        needed,
        used_for,
    };
    vec![
        pair(
            "primary",
            colors.primary,
            Rgb::WHITE,
            contrast::BODY,
            "headings and links on white",
        ),
        pair(
            "primary",
            Rgb::WHITE,
            colors.primary,
            contrast::BODY,
            "white text on the header band",
        ),
        pair(
            "accent",
            Rgb::INK,
            colors.accent,
            contrast::BODY,
            "list numbers on the accent colour",
        ),
        pair(
            "warning",
            colors.warning,
            colors.warning.tint(WARNING_TINT),
            contrast::LARGE,
            "the warning box's heading on its tinted background",
        ),
    ]
}
