//! Paragraphs into lines: shape each styled run once, then fill lines greedily
//! at Unicode (UAX #14) break opportunities, ragged right. A word wider than the
//! line (a long address) is split where it fits, after a `/` or `-` if it can.

use super::shape::{Glyph, shape};
use super::{FaceId, FontSet};
use unicode_linebreak::{BreakOpportunity, linebreaks};

/// Styled input text. `S` is whatever the caller needs back on each fragment
/// (colour, link target).
#[derive(Debug, Clone)]
pub struct Run<S> {
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    pub size: f32,
    pub style: S,
}

/// A glyph placed within its fragment; distances in points.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedGlyph {
    pub id: u16,
    pub x: f32,
    pub advance: f32,
    pub y_offset: f32,
    /// The characters this glyph stands for (empty for the 2nd+ glyph of a cluster).
    pub text: String,
}

/// Consecutive glyphs of one face, size and style on a line.
#[derive(Debug, Clone)]
pub struct Fragment<S> {
    pub face: FaceId,
    pub size: f32,
    /// Offset from the line's start, in points.
    pub x: f32,
    pub width: f32,
    pub glyphs: Vec<PlacedGlyph>,
    pub style: S,
}

#[derive(Debug, Clone)]
pub struct Line<S> {
    pub fragments: Vec<Fragment<S>>,
    pub width: f32,
}

/// A shaped stretch of one run in one face.
struct Chunk {
    run: usize,
    face: FaceId,
    end: usize,
}

struct Shaped {
    glyph: Glyph,
    chunk: usize,
    width: f32,
}

/// Break `runs` into lines no wider than `max_width` points.
pub fn break_lines<S: Clone>(fonts: &FontSet, runs: &[Run<S>], max_width: f32) -> Vec<Line<S>> {
    let full: String = runs.iter().map(|r| r.text.as_str()).collect();
    if full.trim().is_empty() {
        return Vec::new();
    }
    let (chunks, glyphs) = shape_runs(fonts, runs);
    let mut prefix = Vec::with_capacity(glyphs.len() + 1);
    prefix.push(0.0f32);
    for g in &glyphs {
        prefix.push(prefix.last().copied().unwrap_or(0.0) + g.width);
    }
    let para = Para {
        full: &full,
        glyphs: &glyphs,
        prefix: &prefix,
    };

    let mut lines = Vec::new();
    let mut start = 0;
    let mut last_fit: Option<usize> = None;
    let mut breaks = opportunities(&full).into_iter().peekable();
    while let Some(&(at, kind)) = breaks.peek() {
        if para.width(start, para.trim_end(start, at)) <= max_width {
            last_fit = Some(at);
            breaks.next();
            if kind == BreakOpportunity::Mandatory {
                lines.push(para.line(runs, &chunks, start, at));
                start = at;
                last_fit = None;
            }
        } else if let Some(fit) = last_fit.take() {
            lines.push(para.line(runs, &chunks, start, fit));
            start = fit;
        } else {
            let cut = para.emergency_cut(start, at, max_width);
            lines.push(para.line(runs, &chunks, start, cut));
            start = cut;
        }
    }
    lines.retain(|l| !l.fragments.is_empty());
    lines
}

/// UAX #14 break opportunities, except inside web addresses: there a break
/// at a hyphen would read as hyphenation, so they break only after a slash.
fn opportunities(full: &str) -> Vec<(usize, BreakOpportunity)> {
    let mut addresses = Vec::new();
    let mut offset = 0;
    for word in full.split(' ') {
        if is_address(word) {
            addresses.push(offset..offset + word.len());
        }
        offset += word.len() + 1;
    }
    linebreaks(full)
        .filter(|(at, _)| {
            let inside = addresses.iter().any(|r| *at > r.start && *at < r.end);
            !inside || full[..*at].ends_with('/')
        })
        .collect()
}

/// A web address, with or without its scheme: `https://x.org/a`, `x.org/a`.
fn is_address(word: &str) -> bool {
    let w = word.trim_start_matches('(');
    let domain = w.split('/').next().unwrap_or_default();
    w.contains("://") || w.starts_with("www.") || (w.contains('/') && domain.contains('.'))
}

/// Shape every run, split where the face drawing the characters changes.
fn shape_runs<S>(fonts: &FontSet, runs: &[Run<S>]) -> (Vec<Chunk>, Vec<Shaped>) {
    let mut chunks = Vec::new();
    let mut glyphs = Vec::new();
    let mut base = 0;
    for (r, run) in runs.iter().enumerate() {
        let styled = fonts.styled(run.bold, run.italic);
        let mut pieces: Vec<(usize, FaceId)> = Vec::new();
        for (i, c) in run.text.char_indices() {
            let face = if c.is_whitespace() {
                pieces.last().map_or(styled, |p| p.1)
            } else {
                fonts.for_char(c, run.bold, run.italic).unwrap_or(styled)
            };
            if pieces.last().is_none_or(|p| p.1 != face) {
                pieces.push((i, face));
            }
        }
        for (k, &(from, face)) in pieces.iter().enumerate() {
            let to = pieces.get(k + 1).map_or(run.text.len(), |p| p.0);
            let chunk = chunks.len();
            chunks.push(Chunk {
                run: r,
                face,
                end: base + to,
            });
            for glyph in shape(fonts.face(face), &run.text[from..to], base + from) {
                glyphs.push(Shaped {
                    glyph,
                    chunk,
                    width: glyph.advance * run.size,
                });
            }
        }
        base += run.text.len();
    }
    (chunks, glyphs)
}

struct Para<'a> {
    full: &'a str,
    glyphs: &'a [Shaped],
    prefix: &'a [f32],
}

impl Para<'_> {
    /// Index of the first glyph at or after byte `at`.
    fn glyph_at(&self, at: usize) -> usize {
        self.glyphs.partition_point(|g| g.glyph.cluster < at)
    }

    fn width(&self, from: usize, to: usize) -> f32 {
        self.prefix[self.glyph_at(to)] - self.prefix[self.glyph_at(from)]
    }

    /// `to` moved back over trailing spaces, which hang past the line end.
    fn trim_end(&self, from: usize, to: usize) -> usize {
        from + self.full[from..to].trim_end().len()
    }

    /// Where to split a word that is wider than a whole line.
    fn emergency_cut(&self, from: usize, to: usize, max_width: f32) -> usize {
        let first = self.glyph_at(from);
        let mut fits = None;
        // Best break per kind of preceding character: a slash, other URL punctuation.
        let mut after_slash = None;
        let mut after_punct = None;
        for g in &self.glyphs[first..self.glyph_at(to)] {
            let at = g.glyph.cluster;
            if at == from {
                continue;
            }
            let width = self.width(from, at);
            if width > max_width {
                break;
            }
            fits = Some(at);
            if width >= max_width * 0.4 {
                match self.full[..at].chars().next_back() {
                    Some('/') => after_slash = Some(at),
                    Some('-' | '.' | '?' | '&' | '=' | '_') => after_punct = Some(at),
                    _ => {}
                }
            }
        }
        let next_char = from + self.full[from..].chars().next().map_or(1, char::len_utf8);
        after_slash
            .or(after_punct)
            .or(fits)
            .unwrap_or(next_char.min(to))
    }

    fn line<S: Clone>(&self, runs: &[Run<S>], chunks: &[Chunk], from: usize, to: usize) -> Line<S> {
        let to = self.trim_end(from, to);
        let (first, last) = (self.glyph_at(from), self.glyph_at(to));
        let mut fragments: Vec<Fragment<S>> = Vec::new();
        let mut x = 0.0;
        for i in first..last {
            let Shaped {
                glyph,
                chunk,
                width,
            } = &self.glyphs[i];
            let c = &chunks[*chunk];
            let run = &runs[c.run];
            let next_cluster = self.glyphs[i + 1..]
                .iter()
                .find(|g| g.chunk != *chunk || g.glyph.cluster != glyph.cluster)
                .map_or(c.end, |g| {
                    if g.chunk == *chunk {
                        g.glyph.cluster
                    } else {
                        c.end
                    }
                });
            let repeat = i > first && self.glyphs[i - 1].glyph.cluster == glyph.cluster;
            let text = if repeat {
                String::new()
            } else {
                self.full[glyph.cluster..next_cluster.max(glyph.cluster)].to_string()
            };
            let same = i > first && self.glyphs[i - 1].chunk == *chunk;
            if !same {
                fragments.push(Fragment {
                    face: c.face,
                    size: run.size,
                    x,
                    width: 0.0,
                    glyphs: Vec::new(),
                    style: run.style.clone(),
                });
            }
            let f = fragments.last_mut().expect("pushed above");
            f.glyphs.push(PlacedGlyph {
                id: glyph.id,
                x: f.width + glyph.x_offset * run.size,
                advance: *width,
                y_offset: glyph.y_offset * run.size,
                text,
            });
            f.width += width;
            x += width;
        }
        Line {
            fragments,
            width: x,
        }
    }
}
