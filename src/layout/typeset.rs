//! Paragraphs to blocks: lines broken to a width, each line a block, with the
//! keep rules that stop a single line being stranded at a page's top or bottom.

use super::flow::Block;
use super::frame::Element;
use crate::markup::Span;
use crate::model::Rgb;
use crate::text::{FontSet, Line, Run, Writing, break_lines};

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

/// The longest line, in ems: about 70 characters of a hyperlegible face,
/// the top of the 50-70 that readers with low vision manage best.
const MAX_MEASURE_EM: f32 = 33.0;

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

impl Typesetter<'_> {
    /// Break styled spans into lines of at most `width` points, and never
    /// longer than comfortable reading allows (about 70 characters).
    pub fn lines(&self, spans: &[Span], style: &TextStyle, width: f32) -> Vec<Line<Ink>> {
        let width = width.min(style.size * MAX_MEASURE_EM);
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
                if !own_site && span.text.trim() != shown && span.text.trim() != url {
                    runs.push(run(format!(" ({shown})"), Some(url.clone())));
                }
            }
        }
        break_lines(self.fonts, &runs, width, self.writing)
    }

    /// Lines of even length (for titles and headings): the narrowest width
    /// that still needs no more lines, so no word is left alone on the last.
    pub fn balanced_lines(&self, spans: &[Span], style: &TextStyle, width: f32) -> Vec<Line<Ink>> {
        let lines = self.lines(spans, style, width);
        if lines.len() < 2 {
            return lines;
        }
        let (mut lo, mut hi) = (width / lines.len() as f32, width);
        for _ in 0..6 {
            let mid = (lo + hi) / 2.0;
            if self.lines(spans, style, mid).len() > lines.len() {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        self.lines(spans, style, hi)
    }

    /// One block per line, at `x`; the first gets `space_before`.
    pub fn blocks(
        &self,
        spans: &[Span],
        style: &TextStyle,
        x: f32,
        width: f32,
        space_before: f32,
    ) -> Vec<Block> {
        self.blocks_of(self.lines(spans, style, width), style, x, space_before)
    }

    /// Blocks for lines already broken, with the keep rules between them.
    pub fn blocks_of(
        &self,
        lines: Vec<Line<Ink>>,
        style: &TextStyle,
        x: f32,
        space_before: f32,
    ) -> Vec<Block> {
        let n = lines.len();
        let mut blocks: Vec<Block> = lines
            .into_iter()
            .enumerate()
            .map(|(i, line)| Block {
                // A break after line i leaves i+1 lines above it and n-i-1 below:
                // both must be at least two.
                keep_with_next: i + 1 < n && (i + 1 < 2 || n - i - 1 < 2),
                ..self.line_block(line, style, x)
            })
            .collect();
        if let Some(first) = blocks.first_mut() {
            first.space_before = space_before;
        }
        blocks
    }

    /// A block holding one line of text, as tall as the leading.
    pub fn line_block(&self, line: Line<Ink>, style: &TextStyle, x: f32) -> Block {
        Block {
            height: style.leading,
            elements: self.line_elements(line, style, x, 0.0),
            ..Block::default()
        }
    }

    /// The elements of one line whose box starts at (`x`, `top`).
    pub fn line_elements(
        &self,
        line: Line<Ink>,
        style: &TextStyle,
        x: f32,
        top: f32,
    ) -> Vec<Element> {
        let baseline = top + self.baseline(style);
        let mut out = Vec::new();
        for f in line.fragments {
            out.push(Element::Text {
                x: x + f.x,
                baseline,
                width: f.width,
                rtl: f.rtl,
                face: f.face,
                size: f.size,
                color: f.style.color,
                glyphs: f.glyphs,
            });
            if let Some(url) = f.style.link {
                let underline = f.size * 0.07;
                out.push(Element::Rect {
                    x: x + f.x,
                    y: baseline + f.size * 0.12,
                    w: f.width,
                    h: underline,
                    radius: 0.0,
                    fill: f.style.color,
                });
                out.push(Element::Link {
                    x: x + f.x,
                    y: top,
                    w: f.width,
                    h: style.leading,
                    url,
                });
            }
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

    /// Width of a single line of text (no wrapping).
    pub fn width(&self, spans: &[Span], style: &TextStyle) -> f32 {
        self.lines(spans, style, f32::INFINITY)
            .iter()
            .map(|l| l.width)
            .fold(0.0, f32::max)
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
