//! A quick guess at how full a trifold's panels would be, from the
//! characters of its text and no typesetting: enough to tell a handout
//! far under or far over the panels from one whose size only a fold can
//! tell (see [`super::smaller_than_readable`]).

use super::{FLOW_PANELS, Geometry};
use crate::layout::compose::{Leaflet, Node};
use crate::layout::theme::Theme;
use crate::markup::Span;
use unicode_linebreak::{BreakClass, break_property};

/// The average advance of a character of running text, in ems: about half
/// an em for Latin, Cyrillic or Arabic letters; a Chinese, Japanese or
/// Korean character is a whole em.
const NARROW: f32 = 0.5;
/// The lines of space a block of text takes besides its own lines: the gap
/// after a paragraph or item, and a heading's room and rule.
const TEXT_GAP: f32 = 0.5;
const HEADING_GAP: f32 = 2.0;
/// Room the body has besides the flow panels' full height: the back
/// above its foot is about half a panel.
const BACK_SHARE: f32 = 0.5;

/// Each block of text in `nodes` (a heading, a paragraph, a list item's
/// paragraph, a caption), as its runs, with whether it is a heading.
pub(super) fn blocks<'n>(nodes: &'n [Node], out: &mut Vec<(bool, Vec<&'n str>)>) {
    let spans = |spans: &'n [Span]| spans.iter().map(|s| s.text.as_str()).collect();
    for node in nodes {
        match node {
            Node::Panel {
                heading, children, ..
            } => {
                out.extend(heading.as_deref().map(|h| (true, vec![h])));
                blocks(children, out);
            }
            Node::Heading { text, .. } => out.push((true, vec![text.as_str()])),
            Node::Lines(_) => {}
            Node::Paragraph { text, .. } => out.push((false, spans(text))),
            Node::List { items, .. } => {
                let paragraphs = items.iter().flat_map(|i| &i.paragraphs);
                out.extend(paragraphs.map(|p| (false, spans(p))));
            }
            Node::Qr { caption, .. } => out.push((false, vec![caption.as_str()])),
            Node::Foreign { node, .. } => blocks(std::slice::from_ref(node), out),
        }
    }
}

/// The guessed share of the flow panels the body fills at `theme`'s size.
pub(super) fn fill(leaflet: &Leaflet, g: &Geometry, theme: &Theme) -> f32 {
    let (_, width) = g.column(g.panels(true)[1]);
    let (top, bottom) = g.region();
    let size = theme.body.size;
    let mut found = Vec::new();
    blocks(&leaflet.body, &mut found);
    let lines: f32 = found
        .iter()
        .map(|(heading, runs)| {
            let ems: f32 = runs.iter().flat_map(|r| r.chars()).map(advance).sum();
            let scale = if *heading {
                theme.heading.size / size
            } else {
                1.0
            };
            let set = (ems * size * scale / width).ceil() * scale;
            set + if *heading { HEADING_GAP } else { TEXT_GAP }
        })
        .sum();
    let room = (FLOW_PANELS as f32 - 1.0 + BACK_SHARE) * (bottom - top) / theme.body.leading;
    lines / room
}

/// A character's advance in ems, guessed from its line-breaking class.
fn advance(c: char) -> f32 {
    match break_property(c as u32) {
        BreakClass::Ideographic | BreakClass::HangulLvSyllable | BreakClass::HangulLvtSyllable => {
            1.0
        }
        _ => NARROW,
    }
}
