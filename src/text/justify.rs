//! Chinese and Japanese lines justified to the column: the room a full line
//! leaves before the column's end edge is shared out between its
//! characters, so every full line ends at the same edge as on a page of
//! squared paper. Latin words and numbers inside keep their own spacing.

use super::lines::is_cjk;
use super::{Line, PlacedGlyph};

/// The most space added between two characters, in ems. Text extraction
/// (poppler's, screen readers') reads a gap of a tenth of an em between two
/// characters as a space between words, and Chinese has none: a line that
/// would need more is left ragged (one that ends before a phone number,
/// which never breaks).
pub const MOST_PER_GAP: f32 = 0.09;

/// The most a character's advance gives up, in ems, when a line would
/// otherwise be left too loose to justify: a line takes one character more
/// (one a closing mark may not start the next line without) by setting its
/// characters a little closer. Not the blank half of a punctuation mark
/// inside the line, as the Japanese rules would first: text extraction
/// reads the next character drawn over the mark's em as a line of its own.
pub const MOST_SQUEEZE: f32 = 0.04;

/// Fit `line` (set left to right) to `measure` points. One too wide gives
/// up what its glyphs may (`shrinks`, in line order), in proportion; one
/// too narrow, unless it is its paragraph's `last`, is spread (see
/// [`spread`]).
pub fn fit<S>(line: &mut Line<S>, measure: f32, shrinks: &[f32], last: bool) {
    let room = measure - line.width;
    if line.fragments.iter().any(|f| f.rtl) {
        return;
    }
    if room < 0.0 {
        let total: f32 = shrinks.iter().sum();
        if total > 0.0 {
            let ratio = (-room / total).min(1.0);
            let mut shrinks = shrinks.iter();
            adjust(line, |_| -ratio * shrinks.next().copied().unwrap_or(0.0));
        }
    } else if !last {
        spread(line, room);
    }
}

/// Spread `room` points over the gaps of `line`: each gap beside a Han
/// character, kana or CJK punctuation mark takes an equal share. Only gaps
/// within a fragment: where the face changes (bold, a link), extraction
/// breaks the word anyway, and a wider gap there reads as a space.
fn spread<S>(line: &mut Line<S>, room: f32) {
    let Some(size) = line.fragments.iter().map(|f| f.size).reduce(f32::max) else {
        return;
    };
    let mut gaps: Vec<bool> = line
        .fragments
        .iter()
        .flat_map(|f| gaps(&f.glyphs))
        .collect();
    // The line's last glyph that draws something takes no space after it.
    let glyphs = line.fragments.iter().flat_map(|f| &f.glyphs);
    if let Some(end) = glyphs.collect::<Vec<_>>().iter().rposition(|g| !blank(g)) {
        gaps[end..].fill(false);
    }
    let count = gaps.iter().filter(|g| **g).count();
    if count == 0 || room / count as f32 > MOST_PER_GAP * size {
        return;
    }
    let share = room / count as f32;
    let mut gaps = gaps.into_iter();
    adjust(line, |_| {
        if gaps.next() == Some(true) {
            share
        } else {
            0.0
        }
    });
}

/// Add `delta(glyph)` to each glyph's advance, in line order, moving what
/// follows.
fn adjust<S>(line: &mut Line<S>, mut delta: impl FnMut(&PlacedGlyph) -> f32) {
    let mut x = 0.0;
    for fragment in &mut line.fragments {
        fragment.x = x;
        let mut added = 0.0;
        for glyph in &mut fragment.glyphs {
            glyph.x += added;
            let d = delta(glyph);
            glyph.advance += d;
            added += d;
        }
        fragment.width += added;
        x += fragment.width;
    }
    line.width = x;
}

/// Whether a glyph draws nothing a reader sees: a space, or the second
/// glyph of a cluster.
fn blank(glyph: &PlacedGlyph) -> bool {
    glyph.text.chars().all(char::is_whitespace)
}

/// For each glyph of a fragment, whether space may be added after it:
/// between it and the next cluster when either is CJK.
fn gaps(glyphs: &[PlacedGlyph]) -> Vec<bool> {
    let first_char = |g: &PlacedGlyph| g.text.chars().next();
    let mut out = vec![false; glyphs.len()];
    // The character of the cluster the glyph belongs to.
    let mut current = None;
    for (i, glyph) in glyphs.iter().enumerate() {
        current = first_char(glyph).or(current);
        let Some(next) = glyphs.get(i + 1).and_then(first_char) else {
            continue;
        };
        out[i] = current.is_some_and(is_cjk) || is_cjk(next);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{FaceId, Fragment};

    fn line(text: &str) -> Line<()> {
        let glyphs: Vec<PlacedGlyph> = text
            .chars()
            .enumerate()
            .map(|(i, c)| PlacedGlyph {
                id: 1,
                x: 10.0 * i as f32,
                advance: 10.0,
                y_offset: 0.0,
                text: c.to_string().into(),
            })
            .collect();
        let width = 10.0 * glyphs.len() as f32;
        Line {
            fragments: vec![Fragment {
                face: FaceId(0),
                size: 10.0,
                x: 0.0,
                width,
                rtl: false,
                glyphs,
                style: (),
            }],
            width,
            range: 0..text.len(),
        }
    }

    #[test]
    fn room_is_shared_between_characters_but_not_inside_numbers() {
        let mut set = line("每30分钟");
        fit(&mut set, 52.4, &[0.0; 5], false);
        let round = |x: f32| (x * 100.0).round() / 100.0;
        let glyphs = &set.fragments[0].glyphs;
        let advances: Vec<f32> = glyphs.iter().map(|g| round(g.advance)).collect();
        // Gaps after 每, 0 and 分: not between 3 and 0, nor after the last.
        assert_eq!(advances, [10.8, 10.0, 10.8, 10.8, 10.0]);
        assert!((set.width - 52.4).abs() < 1e-4);
        let xs: Vec<f32> = glyphs.iter().map(|g| round(g.x)).collect();
        assert_eq!(xs, [0.0, 10.8, 20.8, 31.6, 42.4]);
    }

    #[test]
    fn a_line_too_short_to_spread_evenly_stays_ragged() {
        let mut set = line("看 https://example.org");
        fit(&mut set, 400.0, &[0.0; 21], false);
        assert_eq!(set.width, 210.0);
        // A tenth of an em a gap would read as a space between words.
        let mut set = line("每30分钟");
        fit(&mut set, 53.0, &[0.0; 5], false);
        assert_eq!(set.width, 50.0);
        // The last line of a paragraph is not spread at all.
        fit(&mut set, 52.0, &[0.0; 5], true);
        assert_eq!(set.width, 50.0);
    }

    #[test]
    fn a_line_too_full_gives_up_what_its_glyphs_may_in_proportion() {
        let mut set = line("说，好。");
        fit(&mut set, 37.0, &[0.4, 5.0, 0.4, 0.0], true);
        let advances: Vec<f32> = set.fragments[0].glyphs.iter().map(|g| g.advance).collect();
        assert!((set.width - 37.0).abs() < 1e-4, "{advances:?}");
        assert!(
            advances[1] < 8.0 && advances[0] > 9.5 && advances[3] == 10.0,
            "{advances:?}"
        );
    }
}
