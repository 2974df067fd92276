//! The booking QR code beside the contact panel's lines rather than under
//! them, so the panel is as tall as the taller of the two instead of both.
//! A sheet's band ending sets it so, and so does a one-column sheet, whose
//! contact panel with the code under its lines would take most of a page.

use super::flow::{Content, Flow, Placed, Region, Spacing};
use super::frame::{Element, Part, Tag};

/// Between the QR code and the contact lines beside it.
const GAP: f32 = 16.0;

/// The booking QR code taken out of its panel's column of lines, to be
/// drawn level with the panel's first line at its end edge.
pub struct CodeBeside {
    elements: Vec<Element>,
    width: f32,
    height: f32,
    tag: Tag,
    /// Its piece in the flow (now a spacer that keeps the panel as tall as
    /// the code) and the first piece of its panel.
    piece: usize,
    first: usize,
    /// From the panel's edge to its lines.
    inset: f32,
}

impl CodeBeside {
    /// Take the QR code out of `flow`'s contact panel, leaving room for it
    /// at the end edge of the panel's lines, and keep the panel as tall as
    /// the code when its lines are set `width` wide at `spacing` (the
    /// tightest the flow will be set at: looser lines only make the panel
    /// taller). `None` when the flow has no code in a panel.
    pub fn take(flow: &mut Flow, width: f32, spacing: Spacing) -> Option<CodeBeside> {
        let piece = flow
            .pieces
            .iter()
            .position(|p| p.container.is_some() && matches!(p.content, Content::Fixed { .. }))?;
        let c = &flow.containers[flow.pieces[piece].container?];
        let (first, inset) = (c.pieces.0, c.style.inset);
        let p = &mut flow.pieces[piece];
        let Content::Fixed {
            width: code_width,
            height,
            elements,
        } = std::mem::replace(&mut p.content, spacer(0.0))
        else {
            unreachable!("the piece found is a drawing")
        };
        p.space_before = 0.0;
        for q in &mut flow.pieces[first..piece] {
            q.indent.1 += code_width + GAP;
        }
        let code = CodeBeside {
            elements,
            width: code_width,
            height,
            tag: flow.pieces[piece].tag,
            piece,
            first,
            inset,
        };
        let lines = code.lines_height(flow, width, spacing);
        if lines < code.height {
            flow.pieces[piece].content = spacer(code.height - lines);
        }
        Some(code)
    }

    /// The height of the panel's lines beside the code, set `width` wide.
    fn lines_height(&self, flow: &Flow, width: f32, spacing: Spacing) -> f32 {
        let panel = flow.part(self.first..self.piece + 1);
        panel.space(spacing);
        let placed = panel.place(|page| Region {
            page,
            x: 0.0,
            width,
            top: 0.0,
            bottom: 10_000.0,
        });
        let top = |p| panel.top_of(&placed, p).map_or(0.0, |(_, y)| y);
        top(self.piece - self.first) - top(0)
    }

    /// The code's elements where `placed` sets its panel in `flow`, with
    /// the page they go on.
    pub fn draw(&self, flow: &Flow, placed: &Placed) -> Option<(usize, Vec<(Element, Tag)>)> {
        let (r, y) = flow.top_of(placed, self.first)?;
        let region = placed.region(r);
        let left = region.x + region.width - self.inset - self.width;
        let tag = self.tag.placed(Part::Content, (self.piece, 0));
        let drawn = self
            .elements
            .iter()
            .map(|e| (e.clone().shifted(left, y), tag));
        Some((region.page, drawn.collect()))
    }
}

/// An empty drawing `height` tall.
fn spacer(height: f32) -> Content {
    Content::Fixed {
        width: 0.0,
        height,
        elements: Vec::new(),
    }
}
