//! Text to lines: styled spans into runs, broken to a width, and lines into
//! positioned elements.

use super::frame::{Element, Part};
use super::theme::MAX_MEASURE_EM;
use crate::markup::Span;
use crate::model::{Clinic, Handout, Rgb};
use crate::text::lines::is_cjk;
use crate::text::{FontSet, Line, Ranges, Run, ShapedText, Writing};
use std::borrow::Cow;

/// How a piece of text looks.
#[derive(Debug, Clone, Copy)]
pub struct TextStyle {
    pub size: f32,
    /// Baseline to baseline.
    pub leading: f32,
    pub bold: bool,
    pub italic: bool,
    pub color: Rgb,
}

impl TextStyle {
    pub fn with_color(self, color: Rgb) -> TextStyle {
        TextStyle { color, ..self }
    }

    pub fn bold(self) -> TextStyle {
        TextStyle { bold: true, ..self }
    }
}

/// What each fragment carries from markup to the page.
#[derive(Debug, Clone, PartialEq)]
pub struct Ink {
    pub color: Rgb,
    pub link: Option<String>,
}

pub struct Typesetter<'a> {
    pub fonts: &'a FontSet,
    /// Links here are not spelt out on paper: the leaflet shows the website anyway.
    pub website: Option<&'a str>,
    pub link_color: Rgb,
    /// Large print has no italics: emphasis is set in bold instead.
    pub italic_as_bold: bool,
    pub writing: &'a Writing,
}

impl<'a> Typesetter<'a> {
    /// The typesetter for `handout` in `clinic`'s fonts; large print has no italics.
    pub fn new(clinic: &'a Clinic, handout: &'a Handout, large_print: bool) -> Typesetter<'a> {
        Typesetter {
            fonts: &clinic.fonts,
            website: clinic.website.as_deref(),
            link_color: clinic.colors.primary,
            italic_as_bold: large_print,
            writing: &handout.writing,
        }
    }

    /// Styled spans as runs for the line breaker; a link whose label is not
    /// its address gets the address after it, in brackets.
    pub fn runs(&self, spans: &[Span], style: &TextStyle) -> Vec<Run<Ink>> {
        let mut runs = Vec::with_capacity(spans.len());
        for span in spans {
            let run = |text: String, link: Option<String>| Run {
                text,
                bold: style.bold || span.bold || (self.italic_as_bold && span.italic),
                italic: !self.italic_as_bold && (style.italic || span.italic),
                size: style.size,
                style: Ink {
                    color: if link.is_some() {
                        self.link_color
                    } else {
                        style.color
                    },
                    link,
                },
            };
            runs.push(run(span.text.clone(), span.link.clone()));
            if let Some(url) = &span.link {
                let shown = printed_address(url);
                let own_site = self.website.is_some_and(|w| printed_address(w) == shown);
                let label = span.text.trim();
                // A label in other letters is the address a browser sends.
                let is_address = label == shown
                    || label == url
                    || crate::model::address::encoded(label)
                        .is_ok_and(|sent| printed_address(&sent) == shown);
                if !own_site && !is_address {
                    runs.push(run(format!(" ({shown})"), Some(url.clone())));
                }
            }
        }
        runs
    }

    /// Break styled spans into lines of at most `width` points, and never
    /// longer than comfortable reading allows (about 70 characters).
    pub fn lines(&self, spans: &[Span], style: &TextStyle, width: f32) -> Vec<Line<Ink>> {
        self.break_runs(&self.runs(spans, style), style, width, false)
    }

    /// Lines of even length (for titles and headings).
    pub fn balanced_lines(&self, spans: &[Span], style: &TextStyle, width: f32) -> Vec<Line<Ink>> {
        self.break_runs(&self.runs(spans, style), style, width, true)
    }

    /// How much larger than its size the handout's script is set (Arabic,
    /// see `FontSet::scale`): its lines need that much more room.
    pub fn script_scale(&self) -> f32 {
        let (family, script) = (self.writing.family, self.writing.script);
        let scale = |f: usize| self.fonts.scale(self.fonts.styled(f, false, false));
        scale(family).max(scale(script))
    }

    /// `runs` in lines (see [`Typesetter::breaks`]).
    fn break_runs(
        &self,
        runs: &[Run<Ink>],
        style: &TextStyle,
        width: f32,
        balanced: bool,
    ) -> Vec<Line<Ink>> {
        let shaped = self.shape(runs);
        let shaped = if balanced {
            shaped.between_words()
        } else {
            shaped
        };
        let ranges = self.breaks(&shaped, style, width, 0, balanced);
        ranges.iter().map(|r| shaped.line(r.clone())).collect()
    }

    /// `runs` shaped, to be broken with [`Typesetter::breaks`].
    pub fn shape<'r>(&self, runs: impl Into<Cow<'r, [Run<Ink>]>>) -> ShapedText<'r, Ink> {
        ShapedText::new(self.fonts, runs, self.writing)
    }

    /// The bytes of each line of `shaped` from byte `from` (a line's start)
    /// on, in lines at most `width` wide (and never over the longest
    /// comfortable measure). `balanced` lines are of even length: the
    /// narrowest width that needs no more lines, so no word is left alone on
    /// the last. Text without spaces between words (Chinese) never ends on a
    /// single character.
    pub fn breaks(
        &self,
        shaped: &ShapedText<Ink>,
        style: &TextStyle,
        width: f32,
        from: usize,
        balanced: bool,
    ) -> Ranges {
        let width = self.measure(style, width);
        let set = |w: f32| shaped.ranges(from, w);
        let lines = set(width);
        if lines.len() < 2 {
            return lines;
        }
        if balanced {
            // Never narrower than the widest word: balancing a narrow
            // caption must not cut "Отсканируйте" in two.
            let least = (width / lines.len() as f32).max(shaped.widest_word(from));
            let (mut lo, mut hi) = (least.min(width), width);
            for _ in 0..6 {
                let mid = (lo + hi) / 2.0;
                if set(mid).len() > lines.len() {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            return set(hi);
        }
        let lone = |lines: &Ranges| {
            let last = lines.last().map_or("", |l| &shaped.text()[l.clone()]);
            let mut letters = last.chars().filter(|c| c.is_alphanumeric());
            letters.next().is_some_and(is_cjk) && letters.next().is_none()
        };
        let mut narrower = width;
        let mut lines = lines;
        // A lone last character: take a character off the lines before,
        // narrowing a quarter em at a time, so that only the lines that
        // were full lose one (a justified line then spreads one em, not two).
        for _ in 0..16 {
            if !lone(&lines) {
                break;
            }
            narrower -= style.size / 4.0;
            let tried = set(narrower);
            if tried.len() > lines.len() + 1 {
                break;
            }
            lines = tried;
        }
        lines
    }

    /// The width lines of `style` are broken at in a space `width` wide:
    /// never over the longest comfortable measure.
    pub fn measure(&self, style: &TextStyle, width: f32) -> f32 {
        width.min(style.size * MAX_MEASURE_EM)
    }

    /// The elements of one line whose box starts at (`x`, `top`).
    pub fn line_elements(
        &self,
        line: Line<Ink>,
        style: &TextStyle,
        x: f32,
        top: f32,
    ) -> Vec<Element> {
        let parts = self.line_parts(line, style, x, top);
        parts.into_iter().map(|(e, _)| e).collect()
    }

    /// The elements of one line, each with what it is to the text: a
    /// link's text, underline and clickable area are told apart here.
    pub fn line_parts(
        &self,
        line: Line<Ink>,
        style: &TextStyle,
        x: f32,
        top: f32,
    ) -> Vec<(Element, Part)> {
        let baseline = top + self.baseline(style);
        let mut out = Vec::new();
        for f in line.fragments {
            let text = Element::Text {
                x: x + f.x,
                baseline,
                width: f.width,
                rtl: f.rtl,
                face: f.face,
                size: f.size,
                color: f.style.color,
                glyphs: f.glyphs,
            };
            let Some(url) = f.style.link else {
                out.push((text, Part::Content));
                continue;
            };
            out.push((text, Part::Link));
            let underline = f.size * 0.07;
            let rect = Element::Rect {
                x: x + f.x,
                y: baseline + f.size * 0.12,
                w: f.width,
                h: underline,
                radius: 0.0,
                fill: f.style.color,
            };
            out.push((rect, Part::Decoration));
            let area = Element::Link {
                x: x + f.x,
                y: top,
                w: f.width,
                h: style.leading,
                url,
            };
            out.push((area, Part::LinkArea));
        }
        out
    }

    /// Distance from a line box's top to its baseline: the glyphs' extent
    /// centred in the leading.
    pub fn baseline(&self, style: &TextStyle) -> f32 {
        let face = self
            .fonts
            .face(self.fonts.styled(self.writing.family, false, false));
        let extent = (face.ascender - face.descender) * style.size;
        (style.leading - extent) / 2.0 + face.ascender * style.size
    }

    /// Width of a single line of text (no wrapping, whatever its length:
    /// not capped at the reading measure as [`Typesetter::lines`] is).
    pub fn width(&self, spans: &[Span], style: &TextStyle) -> f32 {
        let shaped = self.shape(self.runs(spans, style));
        let lines = shaped.lines(f32::INFINITY);
        lines.iter().map(|l| l.width).fold(0.0, f32::max)
    }
}

/// An address as printed: without the scheme or a trailing slash.
pub fn printed_address(url: &str) -> &str {
    let bare = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .or_else(|| url.strip_prefix("mailto:"))
        .unwrap_or(url);
    bare.trim_end_matches('/')
}
