//! Paragraphs into lines: shape each styled run once (then break at as many
//! widths as asked), filling lines greedily at Unicode (UAX #14) break
//! opportunities, ragged. A word wider than the line (a long address) is
//! split where it fits, after a `/` or `-` if it can. Text mixing directions
//! is shaped per direction (UAX #9 levels) and each line is put in visual
//! order.

use super::cjk::{Mark, PunctStyle, among_characters, full_width, squeezes};
use super::justify::{MOST_PER_GAP, MOST_SQUEEZE};
use super::shape::{Glyph, shape};
use super::{FaceId, FontSet, Writing};
use compact_str::CompactString;
use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;
use std::ops::{Deref, Range};
use std::rc::Rc;
use unicode_bidi::{BidiClass, BidiInfo, Level, bidi_class};
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
    /// The characters this glyph stands for, in reading order (empty for
    /// the 2nd+ glyph of a cluster). Inline, not on the heap: a page sets
    /// thousands of glyphs, and each is copied from line to frame.
    pub text: CompactString,
}

/// Consecutive glyphs of one face, size and style on a line.
#[derive(Debug, Clone)]
pub struct Fragment<S> {
    pub face: FaceId,
    pub size: f32,
    /// Offset from the line's start, in points.
    pub x: f32,
    pub width: f32,
    /// Right to left: the glyphs, in visual order, read from the last.
    pub rtl: bool,
    pub glyphs: Vec<PlacedGlyph>,
    pub style: S,
}

/// A line's fragments run from the paragraph's start edge: left to right,
/// or for right-to-left writing, right to left (the layout is mirrored).
#[derive(Debug, Clone)]
pub struct Line<S> {
    pub fragments: Vec<Fragment<S>>,
    pub width: f32,
    /// The bytes of the runs' text this line sets; the next line starts at
    /// `range.end`.
    pub range: Range<usize>,
}

/// A shaped stretch of one run in one face and one embedding level.
struct Chunk {
    run: usize,
    face: FaceId,
    /// The run's size, times the face's scale (see `FontSet::scale`).
    size: f32,
    end: usize,
    /// UAX #9 embedding level: odd is right to left.
    level: u8,
}

struct Shaped {
    glyph: Glyph,
    chunk: usize,
    width: f32,
    /// Taken off `width` when the glyph ends a line (see `cjk::Squeeze`).
    end_shrink: f32,
    /// What a line too full may take off `width` when the glyph is not
    /// the line's last: a little of a character's side bearing (see
    /// `justify::MOST_SQUEEZE`).
    shrink: f32,
}

/// Styled runs shaped once, to be broken into lines at as many widths as a
/// caller tries (balancing a heading tries eight), and from any byte on (a
/// paragraph continued in the next column is not shaped again). The runs are
/// borrowed, or owned by a shaping kept for a whole layout.
pub struct ShapedText<'r, S: Clone> {
    runs: Cow<'r, [Run<S>]>,
    rtl: bool,
    /// Chinese or Japanese: lines may be justified to the character grid.
    cjk: Option<PunctStyle>,
    full: String,
    chunks: Vec<Chunk>,
    glyphs: Vec<Shaped>,
    /// The width of the glyphs before each glyph.
    prefix: Vec<f32>,
    /// The `shrink` of the glyphs before each glyph (empty unless the text
    /// is set on the character grid).
    shrinks: Vec<f32>,
    /// Break opportunities: where, what kind, and whether inside an address.
    breaks: Vec<(usize, BreakOpportunity, bool)>,
    /// Lines already broken, per width: where each breaking started, and
    /// its lines. Breaking from a line's start is the tail of the breaking
    /// it came from, so a paragraph continued column after column is broken
    /// once, not once a column.
    chains: RefCell<Chains>,
}

/// Breakings by width: the byte each started at, and its lines.
type Chains = HashMap<u32, Vec<(usize, Rc<[Range<usize>]>)>>;

/// The byte ranges of lines from one byte on: the tail of a breaking from
/// an earlier byte, shared rather than copied.
#[derive(Debug, Clone)]
pub struct Ranges {
    chain: Rc<[Range<usize>]>,
    first: usize,
}

impl Deref for Ranges {
    type Target = [Range<usize>];

    fn deref(&self) -> &[Range<usize>] {
        &self.chain[self.first..]
    }
}

impl Ranges {
    /// The tail of `chain`, lines broken from byte `start`, that breaking
    /// from `from` gives: where `from` is the start or end of one of them.
    fn tail(start: usize, chain: &Rc<[Range<usize>]>, from: usize) -> Option<Ranges> {
        let i = chain.partition_point(|r| r.start < from);
        let boundary = from == start
            || chain.get(i).is_some_and(|r| r.start == from)
            || (i > 0 && chain[i - 1].end == from);
        (from >= start && boundary).then(|| Ranges {
            chain: Rc::clone(chain),
            first: i,
        })
    }
}

impl<'r, S: Clone> ShapedText<'r, S> {
    pub fn new(
        fonts: &FontSet,
        runs: impl Into<Cow<'r, [Run<S>]>>,
        writing: &Writing,
    ) -> ShapedText<'r, S> {
        let runs = runs.into();
        let full: String = runs.iter().map(|r| r.text.as_str()).collect();
        let mut shaped = ShapedText {
            runs,
            rtl: writing.rtl,
            cjk: writing.cjk,
            full,
            chunks: Vec::new(),
            glyphs: Vec::new(),
            prefix: Vec::new(),
            shrinks: Vec::new(),
            breaks: Vec::new(),
            chains: RefCell::default(),
        };
        if shaped.full.trim().is_empty() {
            return shaped;
        }
        let phones = phone_numbers(&shaped.full);
        let levels = bidi_levels(&shaped.full, writing.rtl, &phones);
        let among = match writing.cjk {
            Some(_) => among_characters(&shaped.full),
            None => Vec::new(),
        };
        (shaped.chunks, shaped.glyphs) =
            shape_runs(fonts, &shaped.runs, levels.as_deref(), writing, &among);
        if let Some(style) = writing.cjk {
            shaped.squeeze_punctuation(style);
        }
        shaped.prefix.reserve(shaped.glyphs.len() + 1);
        shaped.prefix.push(0.0f32);
        for g in &shaped.glyphs {
            let before = shaped.prefix.last().copied().unwrap_or(0.0);
            shaped.prefix.push(before + g.width);
        }
        shaped.breaks = opportunities(&shaped.full, &phones, &writing.primary);
        shaped
    }

    /// The text of all the runs.
    pub fn text(&self) -> &str {
        &self.full
    }

    /// Full-width punctuation made narrower where marks meet, and ready to
    /// lose its blank at a line's end (see [`squeezes`]).
    fn squeeze_punctuation(&mut self, style: PunctStyle) {
        let marks: Vec<Mark> = (self.glyphs.iter().enumerate())
            .map(|(i, g)| {
                let continues = i > 0 && self.glyphs[i - 1].glyph.cluster == g.glyph.cluster;
                Mark {
                    c: self.full[g.glyph.cluster..]
                        .chars()
                        .next()
                        .filter(|_| !continues),
                    em: g.glyph.advance,
                    width: g.width,
                }
            })
            .collect();
        let squeezes = squeezes(&marks, style);
        for (i, squeeze) in squeezes.into_iter().enumerate() {
            let g = &self.glyphs[i];
            let c = self.full[g.glyph.cluster..].chars().next();
            let grid = c.is_some_and(is_cjk) && full_width(g.glyph.advance);
            // Not where the face changes: text extraction reads two faces
            // drawn over each other as two words, with a space between.
            let face_ends = self.glyphs.get(i + 1).is_some_and(|n| n.chunk != g.chunk);
            let shrink = if grid { MOST_SQUEEZE * g.width } else { 0.0 };
            let g = &mut self.glyphs[i];
            g.width -= squeeze.always;
            g.end_shrink = squeeze.at_line_end;
            g.shrink = if face_ends { 0.0 } else { shrink };
        }
        self.shrinks = std::iter::once(0.0)
            .chain(self.glyphs.iter().scan(0.0, |sum, g| {
                *sum += g.shrink;
                Some(*sum)
            }))
            .collect();
    }

    /// Words only, for titles and headings: in Chinese and Japanese, the
    /// breaks between two characters of one word are dropped (see
    /// [`super::words`]); other text keeps its breaks.
    pub fn between_words(mut self) -> Self {
        if self.cjk.is_some() && !self.breaks.is_empty() {
            let words = super::words::boundaries(&self.full);
            self.breaks.retain(|(at, kind, _)| {
                *kind == BreakOpportunity::Mandatory || words.binary_search(at).is_ok()
            });
        }
        self
    }

    /// The line of `range`, justified to `measure` when the text is set on
    /// the character grid (Chinese, Japanese) and more of its paragraph
    /// follows: the last line of a paragraph, or one before a line break,
    /// stays ragged.
    pub fn grid_line(&self, range: Range<usize>, measure: f32) -> Line<S> {
        let last = self.full[range.end..].trim().is_empty()
            || (self.breaks.binary_search_by_key(&range.end, |b| b.0))
                .is_ok_and(|i| self.breaks[i].1 == BreakOpportunity::Mandatory);
        let (first, end) = self.line_glyphs(&range);
        let drawn = self.glyph_at(self.trim_end(range.start, range.end));
        let mut line = self.line(range);
        if self.cjk.is_some() {
            // Glyphs in line order (left to right); squeezing is between
            // glyphs, so the last the line draws, and its space, keep theirs.
            let shrinks: Vec<f32> = (first..end)
                .map(|i| {
                    if i + 1 < drawn {
                        self.glyphs[i].shrink
                    } else {
                        0.0
                    }
                })
                .collect();
            super::justify::fit(&mut line, measure, &shrinks, last);
        }
        line
    }

    /// The text in lines no wider than `max_width` points.
    pub fn lines(&self, max_width: f32) -> Vec<Line<S>> {
        let ranges = self.ranges(0, max_width);
        ranges.iter().map(|r| self.line(r.clone())).collect()
    }

    /// The bytes each line sets, from byte `from` (a line's start) on, in
    /// lines no wider than `max_width` points: what [`ShapedText::lines`]
    /// gives, without building the lines, so a caller builds only those it
    /// places. Lines that would set nothing are left out.
    pub fn ranges(&self, from: usize, max_width: f32) -> Ranges {
        let key = max_width.to_bits();
        let known = self.chains.borrow().get(&key).and_then(|chains| {
            let mut tails = chains
                .iter()
                .map(|(start, c)| Ranges::tail(*start, c, from));
            tails.find_map(|t| t)
        });
        if let Some(tail) = known {
            return tail;
        }
        let chain: Rc<[Range<usize>]> = self.break_from(from, max_width).into();
        let mut chains = self.chains.borrow_mut();
        chains
            .entry(key)
            .or_default()
            .push((from, Rc::clone(&chain)));
        Ranges { chain, first: 0 }
    }

    /// Greedy breaking from byte `from`. Each line's breaking starts afresh
    /// at its first byte, so breaking from any line's start gives the lines
    /// after it.
    /// The widest stretch between two break opportunities from byte `from`
    /// on: lines narrower than this must cut a word.
    pub fn widest_word(&self, from: usize) -> f32 {
        let first = self.breaks.partition_point(|b| b.0 <= from);
        let mut start = from;
        let mut widest = 0.0_f32;
        for &(at, _, _) in &self.breaks[first..] {
            let end = self.trim_end(start, at);
            if end > start {
                let g = self.glyph_at(start);
                widest = widest.max(self.prefix[self.glyph_from(g, end)] - self.prefix[g]);
            }
            start = at;
        }
        widest
    }

    fn break_from(&self, from: usize, max_width: f32) -> Vec<Range<usize>> {
        let mut ranges = Vec::new();
        let mut start = from;
        // The last break that fits, and the last that fits outside a web
        // address: an address is broken only when it is wider than a line.
        let mut last_fit: Option<usize> = None;
        let mut last_whole: Option<usize> = None;
        // Whether the line to `last_fit` would be too loose to justify.
        let mut loose = false;
        let after = |at: usize| {
            let first = self.breaks.partition_point(|b| b.0 <= at);
            self.breaks[first..].iter().copied().peekable()
        };
        let mut breaks = after(from);
        // The glyphs a line starts at and runs to, moved forward break by
        // break rather than searched for.
        let mut glyphs = (self.glyph_at(from), self.glyph_at(from));
        while let Some(&(at, kind, in_address)) = breaks.peek() {
            // Nothing but spaces always fits, so a line of zero, negative or NaN
            // width still moves on (one word a line at worst) instead of looping.
            let end = self.trim_end(start, at);
            if self
                .glyphs
                .get(glyphs.0)
                .is_none_or(|g| g.glyph.cluster < start)
            {
                glyphs = (self.glyph_at(start), self.glyph_at(start));
            }
            glyphs.1 = self.glyph_from(glyphs.1.max(glyphs.0), end);
            let width = self.prefix[glyphs.1] - self.prefix[glyphs.0] - self.end_shrink(glyphs);
            let fits = end <= start || width <= max_width;
            // Rather than a line spread too thin, one that takes the next
            // character by setting its punctuation and characters closer.
            let squeezed = !fits && loose && width - self.squeeze(glyphs) <= max_width;
            if fits || squeezed {
                last_fit = Some(at);
                loose = fits && self.cjk.is_some() && max_width - width > MOST_PER_GAP * width;
                if !in_address {
                    last_whole = Some(at);
                }
                breaks.next();
                if kind == BreakOpportunity::Mandatory {
                    ranges.push(start..at);
                    start = at;
                    (last_fit, last_whole) = (None, None);
                }
            } else if let Some(fit) = last_whole.take().or(last_fit.take()) {
                ranges.push(start..fit);
                start = fit;
                (last_fit, last_whole) = (None, None);
                // Breaks inside an address passed over are tried again.
                breaks = after(fit);
            } else {
                let cut = self.emergency_cut(start, at, max_width);
                ranges.push(start..cut);
                start = cut;
            }
        }
        ranges.retain(|r| self.glyph_at(r.start) < self.glyph_at(self.trim_end(r.start, r.end)));
        ranges
    }
}

/// UAX #14 break opportunities, except inside phone numbers, and inside web
/// addresses: there a break at a hyphen would read as hyphenation, so they
/// break only after a slash (marked `true`); tailored for the `language`
/// (see [`tailored`]).
fn opportunities(
    full: &str,
    phones: &[Range<usize>],
    language: &str,
) -> Vec<(usize, BreakOpportunity, bool)> {
    let mut addresses = Vec::new();
    let mut offset = 0;
    for word in full.split(' ') {
        if is_address(word) {
            addresses.push(offset..offset + word.len());
        }
        offset += word.len() + 1;
    }
    let within =
        |ranges: &[Range<usize>], at: usize| ranges.iter().any(|r| at > r.start && at < r.end);
    linebreaks(full)
        .filter(|(at, _)| {
            !within(phones, *at) && (!within(&addresses, *at) || full[..*at].ends_with('/'))
        })
        .filter(|(at, kind)| *kind == BreakOpportunity::Mandatory || tailored(full, *at, language))
        .map(|(at, kind)| (at, kind, within(&addresses, at)))
        .collect()
}

/// Whether a line may break at `at` in `language`, where UAX #14 allows it.
/// Korean is written with spaces between words and breaks only there, never
/// between the syllables of a word (UAX #14's Korean tailoring, Hangul as
/// letters). French keeps the space before : ; ! ? and » and after « with
/// the mark, as a non-breaking space would. Outside Chinese and Japanese, a
/// word of Han, kana or Hangul (a language's own name, "繁體中文", in the
/// list of translations) is kept whole, as a word of any other script is.
fn tailored(full: &str, at: usize, language: &str) -> bool {
    let before = full[..at].chars().next_back();
    let after = full[at..].chars().next();
    let cjk_letter = |c: Option<char>| c.is_some_and(|c| c.is_alphabetic() && is_cjk(c));
    let grid = matches!(language, "zh" | "ja");
    if !grid && cjk_letter(before) && cjk_letter(after) {
        return false;
    }
    match language {
        "ko" => {
            before.is_some_and(char::is_whitespace)
                || !(before.is_some_and(is_hangul) || after.is_some_and(is_hangul))
        }
        "fr" => {
            let spaced = full[..at].trim_end_matches([' ', '\u{a0}', '\u{202f}']);
            let spaced = spaced.len() < at;
            let opens = full[..at].trim_end().ends_with('«');
            !(spaced && (opens || after.is_some_and(|c| ":;!?»".contains(c))))
        }
        _ => true,
    }
}

/// Hangul syllables and jamo.
fn is_hangul(c: char) -> bool {
    matches!(u32::from(c), 0x1100..=0x11FF | 0x3130..=0x318F | 0xA960..=0xA97F | 0xAC00..=0xD7AF | 0xD7B0..=0xD7FF)
}

/// Phone numbers ("(212) 555-0147", "+1 212 555 0147"): runs of at least
/// seven digits with single spaces, hyphens, dots and brackets between.
/// They are never broken across lines, and read left to right even in
/// right-to-left text.
fn phone_numbers(full: &str) -> Vec<Range<usize>> {
    let bytes = full.as_bytes();
    let part = |b: u8| b.is_ascii_digit() || matches!(b, b'(' | b')' | b'-' | b'.' | b'+');
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let starts = matches!(bytes[i], b'0'..=b'9' | b'(' | b'+')
            && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric());
        if !starts {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        let mut digits = 0;
        // A single space between two groups belongs to the number.
        let joins_groups = |i: usize| {
            bytes[i] == b' ' && bytes[i - 1] != b' ' && bytes.get(i + 1).is_some_and(|b| part(*b))
        };
        while i < bytes.len() && (part(bytes[i]) || joins_groups(i)) {
            digits += usize::from(bytes[i].is_ascii_digit());
            if bytes[i].is_ascii_digit() || bytes[i] == b')' {
                end = i + 1;
            }
            i += 1;
        }
        if digits >= 7 {
            found.push(start..end);
        }
        i = i.max(start + 1);
    }
    found
}

/// A web address, with or without its scheme: `https://x.org/a`, `x.org/a`.
fn is_address(word: &str) -> bool {
    let w = word.trim_start_matches('(');
    let domain = w.split('/').next().unwrap_or_default();
    w.contains("://") || w.starts_with("www.") || (w.contains('/') && domain.contains('.'))
}

/// The UAX #9 embedding level of each byte of `full`, or `None` when all of
/// it runs left to right (the common case, which skips the analysis). A
/// paragraph is right to left when the writing is and it has a letter of a
/// right-to-left script: a phone number or web address alone stays in order.
fn bidi_levels(full: &str, rtl: bool, phones: &[Range<usize>]) -> Option<Vec<Level>> {
    // Right-to-left letters start at U+0590 (Hebrew), so most text is
    // passed over without looking its characters up.
    let right_to_left =
        |c: char| u32::from(c) >= 0x0590 && matches!(bidi_class(c), BidiClass::R | BidiClass::AL);
    if !full.chars().any(right_to_left) {
        return None;
    }
    let base = if rtl { Level::rtl() } else { Level::ltr() };
    let mut levels = BidiInfo::new(full, Some(base)).levels;
    if rtl {
        // A phone number is one left-to-right unit: its groups keep their order.
        for phone in phones {
            levels[phone.clone()].fill(Level::new(2).expect("a valid level"));
        }
    }
    Some(levels)
}

/// Shape every run, split where the face drawing the characters or the
/// direction changes. Digits and marks `among` Chinese or Japanese
/// characters (byte ranges, in order) take the face of that script.
fn shape_runs<S>(
    fonts: &FontSet,
    runs: &[Run<S>],
    levels: Option<&[Level]>,
    writing: &Writing,
    among: &[Range<usize>],
) -> (Vec<Chunk>, Vec<Shaped>) {
    let among_cjk = |at: usize| {
        let i = among.partition_point(|r| r.end <= at);
        among.get(i).is_some_and(|r| r.start <= at)
    };
    let mut chunks = Vec::new();
    let mut glyphs = Vec::new();
    let mut base = 0;
    for (r, run) in runs.iter().enumerate() {
        let styled = fonts.styled(writing.family, run.bold, run.italic);
        let mut pieces: Vec<(usize, FaceId, u8)> = Vec::new();
        for (i, c) in run.text.char_indices() {
            let level = levels.map_or(0, |l| l[base + i].number());
            let current = pieces.last().map(|p| p.1);
            let face = match current {
                // A space beside Han or kana is set in the Latin face: a CJK
                // face draws it a full em wide.
                Some(_) if c.is_whitespace() && beside_cjk(&run.text, i) => {
                    fonts.for_char(c, run.bold, run.italic, 0).unwrap_or(styled)
                }
                // Spaces and punctuation stay in the face of the word they
                // follow, if it has them (a narrow no-break space may not).
                Some(face) if c.is_whitespace() && fonts.face(face).has_char(c) => face,
                _ if !c.is_whitespace() && among_cjk(base + i) => fonts
                    .for_char_in(c, run.bold, run.italic, [writing.script, writing.family, 0])
                    .unwrap_or(styled),
                Some(face) if !c.is_alphanumeric() && fonts.face(face).has_char(c) => face,
                _ => fonts
                    .for_char_in(c, run.bold, run.italic, [writing.family, 0, writing.script])
                    .unwrap_or(styled),
            };
            if pieces.last().is_none_or(|p| (p.1, p.2) != (face, level)) {
                pieces.push((i, face, level));
            }
        }
        for (k, &(from, face, level)) in pieces.iter().enumerate() {
            let to = pieces.get(k + 1).map_or(run.text.len(), |p| p.0);
            let chunk = chunks.len();
            let size = run.size * fonts.scale(face);
            chunks.push(Chunk {
                run: r,
                face,
                size,
                end: base + to,
                level,
            });
            let text = &run.text[from..to];
            let rtl = level % 2 == 1;
            let language = writing.language.as_ref();
            for glyph in shape(fonts.face(face), text, base + from, rtl, language) {
                glyphs.push(Shaped {
                    glyph,
                    chunk,
                    width: glyph.advance * size,
                    end_shrink: 0.0,
                    shrink: 0.0,
                });
            }
        }
        base += run.text.len();
    }
    (chunks, glyphs)
}

/// Han, kana, Hangul and CJK punctuation: set without spaces between words.
pub fn is_cjk(c: char) -> bool {
    matches!(u32::from(c), 0x2E80..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// Whether the whitespace at byte `i` of `text` touches a CJK character.
fn beside_cjk(text: &str, i: usize) -> bool {
    let before = text[..i].trim_end().chars().next_back();
    let after = text[i..].trim_start().chars().next();
    before.is_some_and(is_cjk) || after.is_some_and(is_cjk)
}

/// Put `items` (in logical order) into visual order, left to right, by their
/// embedding levels: UAX #9 rule L2.
fn visual_order<T>(items: &mut [T], level: impl Fn(&T) -> u8) {
    let (Some(min), Some(max)) = (
        items.iter().map(&level).min(),
        items.iter().map(&level).max(),
    ) else {
        return;
    };
    for at_least in ((min | 1)..=max).rev() {
        let mut i = 0;
        while i < items.len() {
            let start = i;
            while i < items.len() && level(&items[i]) >= at_least {
                i += 1;
            }
            items[start..i].reverse();
            i = i.max(start + 1);
        }
    }
}

impl<S: Clone> ShapedText<'_, S> {
    /// What glyphs `first..end` may give up to fit a line (all but the last).
    fn squeeze(&self, (first, end): (usize, usize)) -> f32 {
        match self.shrinks.get(end.saturating_sub(1)) {
            Some(to) if end > first => to - self.shrinks[first],
            _ => 0.0,
        }
    }

    /// What the last of glyphs `first..end` gives up at a line's end.
    fn end_shrink(&self, (first, end): (usize, usize)) -> f32 {
        if end > first {
            self.glyphs[end - 1].end_shrink
        } else {
            0.0
        }
    }

    /// Index of the first glyph at or after byte `at`.
    fn glyph_at(&self, at: usize) -> usize {
        self.glyphs.partition_point(|g| g.glyph.cluster < at)
    }

    /// [`Self::glyph_at`], searching forward from glyph `i` (at or before it).
    fn glyph_from(&self, mut i: usize, at: usize) -> usize {
        if i > 0 && self.glyphs[i - 1].glyph.cluster >= at {
            return self.glyph_at(at);
        }
        while self.glyphs.get(i).is_some_and(|g| g.glyph.cluster < at) {
            i += 1;
        }
        i
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

    /// The text between byte offsets, as a line: glyphs in visual order in
    /// each fragment, fragments from the start edge.
    pub fn line(&self, range: Range<usize>) -> Line<S> {
        let (runs, chunks) = (&self.runs, &self.chunks);
        let (first, end) = self.line_glyphs(&range);
        let last = self.glyph_at(self.trim_end(range.start, range.end));
        // The space it breaks at, when the line keeps it.
        let space = (end > last).then_some(last);
        // Stretches of glyphs from one chunk, in logical order.
        let mut stretches: Vec<Range<usize>> = Vec::new();
        for i in first..end {
            match stretches.last_mut() {
                Some(s) if self.glyphs[s.start].chunk == self.glyphs[i].chunk => s.end = i + 1,
                _ => stretches.push(i..i + 1),
            }
        }
        let level = |s: &Range<usize>| chunks[self.glyphs[s.start].chunk].level;
        visual_order(&mut stretches, level);
        if self.rtl {
            stretches.reverse();
        }
        let mut fragments: Vec<Fragment<S>> = Vec::new();
        let mut x = 0.0;
        for stretch in stretches {
            let chunk = &chunks[self.glyphs[stretch.start].chunk];
            let run = &runs[chunk.run];
            let rtl = chunk.level % 2 == 1;
            let mut f = Fragment {
                face: chunk.face,
                size: chunk.size,
                x,
                width: 0.0,
                rtl,
                glyphs: Vec::with_capacity(stretch.len()),
                style: run.style.clone(),
            };
            let mut place = |i: usize| {
                let Shaped { glyph, width, .. } = &self.glyphs[i];
                let width = match i {
                    _ if Some(i) == space => 0.0,
                    _ if i + 1 == last => width - self.glyphs[i].end_shrink,
                    _ => *width,
                };
                let text = self.cluster_text(i, first, chunk.end);
                f.glyphs.push(PlacedGlyph {
                    id: glyph.id,
                    x: f.width + glyph.x_offset * chunk.size,
                    advance: width,
                    y_offset: glyph.y_offset * chunk.size,
                    text,
                });
                f.width += width;
            };
            if rtl {
                stretch.rev().for_each(&mut place);
            } else {
                stretch.for_each(&mut place);
            }
            x += f.width;
            fragments.push(f);
        }
        Line {
            fragments,
            width: x,
            range,
        }
    }

    /// The glyphs a line of `range` sets, in logical order: its text's, and
    /// the space it breaks at (see [`Self::line_end_space`]).
    fn line_glyphs(&self, range: &Range<usize>) -> (usize, usize) {
        let to = self.trim_end(range.start, range.end);
        let (first, last) = (self.glyph_at(range.start), self.glyph_at(to));
        let space = self.line_end_space(to, range.end).filter(|_| first < last);
        (first, space.map_or(last, |s| s + 1))
    }

    /// The glyph of the space a line ending at byte `to` breaks at, when
    /// more text follows (`end`, where the next line starts, is not the
    /// end of the text). The line keeps it, of no width: its text then says
    /// where one word ends and the next begins, which text read through the
    /// tags would otherwise run together (ISO 32000-1 14.8.2.5). Chinese
    /// breaks between characters, with no space to keep.
    fn line_end_space(&self, to: usize, end: usize) -> Option<usize> {
        let c = self.full[to..end].chars().next()?;
        if end >= self.full.len() || matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}') {
            return None;
        }
        let i = self.glyph_at(to);
        let glyph = &self.glyphs.get(i)?.glyph;
        (glyph.cluster == to && glyph.id != 0).then_some(i)
    }

    /// The characters glyph `i` stands for: its cluster's, given to the
    /// cluster's first glyph (in logical order) on the line.
    fn cluster_text(&self, i: usize, line_start: usize, chunk_end: usize) -> CompactString {
        let Shaped { glyph, chunk, .. } = &self.glyphs[i];
        if i > line_start && self.glyphs[i - 1].glyph.cluster == glyph.cluster {
            return CompactString::default();
        }
        let next = self.glyphs[i + 1..]
            .iter()
            .find(|g| g.chunk != *chunk || g.glyph.cluster != glyph.cluster)
            .map_or(chunk_end, |g| {
                if g.chunk == *chunk {
                    g.glyph.cluster
                } else {
                    chunk_end
                }
            });
        CompactString::from(&self.full[glyph.cluster..next.max(glyph.cluster)])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Atkinson's regular face alone, for English text.
    fn atkinson() -> (FontSet, Writing) {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fonts/AtkinsonHyperlegibleNext-Regular.ttf"
        );
        let face = super::super::Face::from_bytes("f", std::fs::read(path).unwrap()).unwrap();
        let fonts = FontSet::new(vec![(face, [None, None, None])]);
        (fonts, Writing::new("en", 0))
    }

    fn plain(text: String) -> Run<()> {
        Run {
            text,
            bold: false,
            italic: false,
            size: 12.0,
            style: (),
        }
    }

    #[test]
    fn breaking_ends_at_any_width() {
        // A wide logo or a long phone line once left the header no width,
        // and breaking looped, growing memory until the process aborted.
        let (fonts, writing) = atkinson();
        let text = "Call +1 (503) 555-0199 ext. 204 today";
        let runs = [plain(text.to_string())];
        for width in [-50.0, 0.0, 1.0, f32::NAN] {
            let lines = ShapedText::new(&fonts, &runs, &writing).lines(width);
            let set: usize = lines.iter().map(|l| l.range.len()).sum();
            assert!(!lines.is_empty() && lines.len() <= text.len(), "{width}");
            assert!(set <= text.len());
        }
    }

    #[test]
    fn lines_as_wide_as_the_widest_word_cut_none() {
        let (fonts, writing) = atkinson();
        let runs = [plain("Scan unbelievably quickly".to_string())];
        let shaped = ShapedText::new(&fonts, runs.as_slice(), &writing);
        let widest = shaped.widest_word(0);
        let alone = [plain("unbelievably".to_string())];
        let word = ShapedText::new(&fonts, alone.as_slice(), &writing);
        assert!(
            (widest - word.lines(f32::INFINITY)[0].width).abs() < 0.5,
            "{widest}"
        );
        let words = |w: f32| -> Vec<String> {
            let ranges = shaped.ranges(0, w);
            ranges
                .iter()
                .map(|r| shaped.text()[r.clone()].trim().to_string())
                .collect()
        };
        assert_eq!(words(widest), ["Scan", "unbelievably", "quickly"]);
        // Any narrower cuts it.
        assert_ne!(words(widest - 1.0), ["Scan", "unbelievably", "quickly"]);
    }

    #[test]
    fn breaking_from_a_line_start_is_the_tail_of_the_breaking() {
        // A paragraph continued in the next column is not broken again:
        // its lines there must be those a fresh breaking from that byte gives.
        let (fonts, writing) = atkinson();
        let text = "See https://example.org/a-very-long/path/to-a-page/on-knees?x=1 \
                    or call (212) 555-0147. "
            .repeat(20);
        let runs = [plain(text)];
        let shaped = ShapedText::new(&fonts, runs.as_slice(), &writing);
        let all = shaped.ranges(0, 150.0).to_vec();
        assert!(all.len() > 20);
        for (i, line) in all.iter().enumerate() {
            let fresh = ShapedText::new(&fonts, runs.as_slice(), &writing);
            assert_eq!(&*fresh.ranges(line.start, 150.0), &all[i..], "line {i}");
            assert_eq!(&*shaped.ranges(line.start, 150.0), &all[i..], "line {i}");
        }
    }

    #[test]
    fn phone_numbers_are_found_whole() {
        let text = "Call (212) 555-0147 or +1 212 555 0148, not 911 or 2026.";
        let found: Vec<&str> = phone_numbers(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, ["(212) 555-0147", "+1 212 555 0148"]);
    }

    #[test]
    fn no_break_inside_a_phone_number() {
        let text = "Call (212) 555-0147 today";
        let breaks: Vec<usize> = opportunities(text, &phone_numbers(text), "en")
            .into_iter()
            .map(|(at, _, _)| at)
            .collect();
        assert_eq!(breaks, [5, 20, 25]);
    }

    fn breaks(text: &str, language: &str) -> Vec<usize> {
        opportunities(text, &[], language)
            .into_iter()
            .map(|(at, _, _)| at)
            .collect()
    }

    #[test]
    fn korean_breaks_at_spaces_only() {
        // "Rest your back, then walk." UAX #14 alone breaks between any two syllables.
        let text = "허리를 쉬게 한 뒤(10분) 걸으세요.";
        let starts: Vec<&str> = breaks(text, "ko").iter().map(|at| &text[*at..]).collect();
        assert_eq!(
            starts,
            [
                "쉬게 한 뒤(10분) 걸으세요.",
                "한 뒤(10분) 걸으세요.",
                "뒤(10분) 걸으세요.",
                "걸으세요.",
                ""
            ]
        );
        assert!(breaks(text, "zh").len() > starts.len());
    }

    #[test]
    fn chinese_words_stay_whole_outside_chinese_and_japanese_text() {
        let text = "Also available in: Español, 繁體中文、简体中文.";
        let inside = |language| {
            let names = text.find('繁').unwrap()..text.find('.').unwrap();
            breaks(text, language)
                .iter()
                .filter(|at| {
                    names.contains(at) && !text[..**at].ends_with('、') && **at != names.start
                })
                .count()
        };
        assert_eq!(inside("en"), 0);
        assert_eq!(inside("es"), 0);
        assert!(inside("zh") > 0, "Chinese text breaks between characters");
    }

    #[test]
    fn french_keeps_its_spaced_marks_with_their_words() {
        let text = "Appelez : « vite » ! Bien ?";
        let starts: Vec<&str> = breaks(text, "fr").iter().map(|at| &text[*at..]).collect();
        assert_eq!(starts, ["« vite » ! Bien ?", "Bien ?", ""]);
    }

    #[test]
    fn levels_put_runs_in_visual_order() {
        // Logical: Arabic (1), a number inside it (2), Arabic (1), Latin (2).
        let mut runs = [('a', 1), ('n', 2), ('b', 1), ('L', 2), ('M', 2)];
        visual_order(&mut runs, |r| r.1);
        let order: String = runs.iter().map(|r| r.0).collect();
        assert_eq!(order, "LMbna");
        // Left-to-right text with an Arabic phrase inside.
        let mut runs = [('x', 0), ('a', 1), ('b', 1), ('y', 0)];
        visual_order(&mut runs, |r| r.1);
        assert_eq!(runs.iter().map(|r| r.0).collect::<String>(), "xbay");
    }

    #[test]
    fn right_to_left_levels_only_where_needed() {
        assert!(bidi_levels("Plain English, 100%", false, &[]).is_none());
        assert!(bidi_levels("(212) 555-0147", true, &[]).is_none());
        let arabic = "مرحبا بكم";
        let levels = bidi_levels(arabic, true, &[]).unwrap();
        assert!(levels.iter().all(|l| l.is_rtl()));
        // In English text, an Arabic word is right to left, the rest not.
        let mixed = "Say مرحبا now";
        let levels = bidi_levels(mixed, false, &[]).unwrap();
        assert!(!levels[0].is_rtl() && levels[4].is_rtl());
    }
}
