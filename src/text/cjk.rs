//! Chinese and Japanese punctuation widths (W3C clreq 3.1.6, jlreq 3.1): a
//! full-width mark draws its ink in one half or the middle of its em, and
//! the blank part may be taken away where two marks meet or where a line
//! ends, so a comma at a line's end does not leave a half-em hole before
//! the column's edge.

use super::lines::is_cjk;
use std::ops::Range;

/// Which standard sets a language's punctuation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PunctStyle {
    /// GB/T 15834 (mainland China): commas and stops sit in the lower left.
    Gb,
    /// Taiwan and Hong Kong: commas and stops sit in the centre, and are
    /// never compressed.
    Cns,
    /// JIS X 4051 (Japan): like GB, but ？ and ！ are centred.
    Jis,
}

impl PunctStyle {
    /// The style for a language by its lower-cased BCP 47 subtags ("zh",
    /// "hant"); none for languages other than Chinese and Japanese.
    pub fn of(subtags: &[String]) -> Option<PunctStyle> {
        let traditional = subtags
            .iter()
            .skip(1)
            .any(|s| matches!(s.as_str(), "hant" | "tw" | "hk" | "mo"));
        match subtags.first().map(String::as_str) {
            Some("zh") if traditional => Some(PunctStyle::Cns),
            Some("zh") => Some(PunctStyle::Gb),
            Some("ja") => Some(PunctStyle::Jis),
            _ => None,
        }
    }
}

/// The blank parts of a full-width punctuation mark, before and after its
/// ink, as fractions of its width (clreq appendix A.3); none for other
/// characters.
pub fn blanks(c: char, style: PunctStyle) -> (f32, f32) {
    use PunctStyle::*;
    let stops = matches!(c, '，' | '。' | '．' | '、' | '：' | '；');
    match c {
        _ if stops && style == Cns => (0.25, 0.25),
        _ if stops => (0.0, 0.5),
        '？' | '！' if style == Gb => (0.0, 0.5),
        '”' | '’' | '》' | '）' | '』' | '」' | '】' | '〗' | '〕' | '〉' | '］' | '｝' => {
            (0.0, 0.5)
        }
        '“' | '‘' | '《' | '（' | '『' | '「' | '【' | '〖' | '〔' | '〈' | '［' | '｛' => {
            (0.5, 0.0)
        }
        '・' | '·' => (0.25, 0.25),
        _ => (0.0, 0.0),
    }
}

/// The stretches of `text` between letters (digits, punctuation) that
/// touch a Han character or kana: "30" in "每30分钟". They are drawn in the
/// Chinese or Japanese face, not in the clinic's Latin one, whose digits
/// (a slashed zero) and marks are of another design and size.
pub fn among_characters(text: &str) -> Vec<Range<usize>> {
    let mut found = Vec::new();
    let mut before: Option<char> = None;
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices().chain([(text.len(), 'a')]) {
        if !c.is_alphabetic() {
            start = start.or(Some(i));
            continue;
        }
        if let Some(from) = start.take() {
            let after = (i < text.len()).then_some(c);
            if before.is_some_and(is_cjk) || after.is_some_and(is_cjk) {
                found.push(from..i);
            }
        }
        before = Some(c);
    }
    found
}

/// Whether a glyph of `advance` ems is full width: only those have a blank
/// half (Latin quotation marks share code points with Chinese ones).
pub fn full_width(advance: f32) -> bool {
    (0.9..=1.1).contains(&advance)
}

/// How much of a glyph's advance, in points, punctuation rules take away.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Squeeze {
    /// Taken always: the blanks where two marks meet ("。」" or "）（")
    /// make half an em between them, not a whole one.
    pub always: f32,
    /// Taken too when the glyph ends a line: the rest of its blank after
    /// the ink, so the ink, not the blank, meets the column's edge.
    pub at_line_end: f32,
}

/// A glyph as the rules see it: the character it starts (none for a
/// second glyph of a cluster), its advance in ems and in points.
#[derive(Debug, Clone, Copy)]
pub struct Mark {
    pub c: Option<char>,
    pub em: f32,
    pub width: f32,
}

/// What each of `marks` (in logical order) gives up, in `style`: two marks
/// that meet lose half an em between them (clreq 3.1.6.1; never in the
/// Taiwanese style, whose marks are centred), and a mark whose blank is
/// after its ink may lose what is left of it at a line's end.
pub fn squeezes(marks: &[Mark], style: PunctStyle) -> Vec<Squeeze> {
    let blank = |m: &Mark| match m.c {
        Some(c) if full_width(m.em) => blanks(c, style),
        _ => (0.0, 0.0),
    };
    let mut out = vec![Squeeze::default(); marks.len()];
    for (i, mark) in marks.iter().enumerate() {
        let (_, after) = blank(mark);
        if let Some(next) = marks.get(i + 1).filter(|_| style != PunctStyle::Cns) {
            let (before_next, _) = blank(next);
            let is_mark = |b: (f32, f32)| b.0 + b.1 > 0.0;
            if is_mark(blank(mark)) && is_mark(blank(next)) && after + before_next >= 0.5 {
                // Taking it from this advance moves the next mark's ink just
                // as taking it from the next mark's blank would.
                out[i].always = 0.5 * mark.width;
            }
        }
        if after >= 0.5 {
            out[i].at_line_end = (after * mark.width - out[i].always).max(0.0);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_style_follows_the_language_and_region() {
        let style = |tag: &str| PunctStyle::of(&crate::text::writing::subtags(tag));
        assert_eq!(style("zh-Hans"), Some(PunctStyle::Gb));
        assert_eq!(style("zh"), Some(PunctStyle::Gb));
        assert_eq!(style("zh-Hant"), Some(PunctStyle::Cns));
        assert_eq!(style("zh-TW"), Some(PunctStyle::Cns));
        assert_eq!(style("ja"), Some(PunctStyle::Jis));
        assert_eq!(style("ko"), None);
        assert_eq!(style("en"), None);
    }

    #[test]
    fn marks_have_their_blank_on_the_side_away_from_their_ink() {
        assert_eq!(blanks('，', PunctStyle::Gb), (0.0, 0.5));
        assert_eq!(blanks('，', PunctStyle::Cns), (0.25, 0.25));
        assert_eq!(blanks('「', PunctStyle::Jis), (0.5, 0.0));
        assert_eq!(blanks('？', PunctStyle::Jis), (0.0, 0.0));
        assert_eq!(blanks('字', PunctStyle::Gb), (0.0, 0.0));
    }

    #[test]
    fn digits_and_marks_touching_chinese_are_found() {
        let text = "每30分钟, call (212) 555-0147 or 打911。Done.";
        let found: Vec<&str> = among_characters(text)
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(found, ["30", ", ", " ", "911。"]);
        assert!(among_characters("Call 911.").is_empty());
    }

    fn marks(text: &str) -> Vec<Mark> {
        let width = |c: char| if c.is_ascii() { 0.5 } else { 1.0 };
        text.chars()
            .map(|c| Mark {
                c: Some(c),
                em: width(c),
                width: 10.0 * width(c),
            })
            .collect()
    }

    #[test]
    fn marks_that_meet_share_half_an_em_and_a_line_end_takes_the_rest() {
        let squeezed = squeezes(&marks("说。」好，"), PunctStyle::Gb);
        let always: Vec<f32> = squeezed.iter().map(|s| s.always).collect();
        let at_end: Vec<f32> = squeezed.iter().map(|s| s.at_line_end).collect();
        assert_eq!(always, [0.0, 5.0, 0.0, 0.0, 0.0]);
        assert_eq!(at_end, [0.0, 0.0, 5.0, 0.0, 5.0]);
        // Centred Taiwanese marks keep their width; a closing bracket may still
        // lose its blank at a line's end.
        let squeezed = squeezes(&marks("說。」"), PunctStyle::Cns);
        assert!(squeezed.iter().all(|s| s.always == 0.0));
        assert_eq!(squeezed[1].at_line_end, 0.0);
        assert_eq!(squeezed[2].at_line_end, 5.0);
        // A Latin comma is not full width: nothing to take.
        assert!(
            squeezes(&marks("a,"), PunctStyle::Gb)
                .iter()
                .all(|s| *s == Squeeze::default())
        );
    }
}
