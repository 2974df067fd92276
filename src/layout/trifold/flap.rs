//! The flap is read second, beside the first inside panel, when the cover
//! is opened. A short handout that leaves it bare, or holding a few lines,
//! sets a box there instead (the warning signs, the key points or the
//! clinician's note) and spreads the rest over the inside panels, when
//! that leaves the least-used panel better used. The box's structure nodes
//! keep their place in the author's order; only where it is drawn moves.

use super::{INSIDE, Panels, fill_limit};
use crate::layout::compose::{Node, PanelRole};
use crate::layout::flow::{Flow, Placed, Spacing};
use crate::layout::frame::{Bookmark, Page};
use crate::layout::pieces::Pieces;

/// The boxes that read on their own, away from the text around them.
const APART: [PanelRole; 3] = [PanelRole::Warning, PanelRole::KeyPoints, PanelRole::Note];

/// The spacings tried for the text once the box is out of it, loosest
/// first (see [`Spacing::at`]): a short text spread over the inside panels
/// rather than leave their lower part bare. The last is as the theme sets it.
const LOOSER: [f32; 5] = [1.0, 0.75, 0.5, 0.25, 0.0];

/// The body laid out with a box on the flap.
pub(super) struct Apart<'a> {
    /// The structure so far, the box's nodes in their place.
    pieces: Pieces<'a>,
    inside: (Flow<'a>, Placed),
    boxed: (Flow<'a>, Placed),
    /// How many of the inside's bookmarks come before the box's.
    before: usize,
    /// The share used of the least-used inside panel or the flap.
    least: f32,
}

/// The body with a box set apart on the flap, when one leaves the
/// least-used of the inside panels and the flap better used than the
/// flowing layout does (`flowing`: its flow, its placement, and whether its
/// last lines went on the back); of those, the best.
pub(super) fn set_apart<'a>(
    base: &Pieces<'a>,
    rest: &[&Node],
    panels: &Panels,
    (flow, placed, on_back): (&Flow, &Placed, bool),
) -> Option<Apart<'a>> {
    let count = placed.regions().count();
    if count > INSIDE + 1 {
        return None;
    }
    let flap = (count > INSIDE && !on_back).then(|| panels.used(flow, placed, INSIDE));
    let least = least_used(panels, flow, placed, flap.unwrap_or(0.0));
    let boxes = rest
        .iter()
        .enumerate()
        .filter(|(_, node)| matches!(node, Node::Panel { role, .. } if APART.contains(role)));
    boxes
        .filter_map(|(i, _)| apart(base, rest, i, panels))
        .filter(|a| a.least > least)
        .max_by(|a, b| a.least.total_cmp(&b.least))
}

/// The least used of the inside panels (a panel left out: unused) and the
/// flap, which uses `flap` of its height.
fn least_used(panels: &Panels, flow: &Flow, placed: &Placed, flap: f32) -> f32 {
    let count = placed.regions().count();
    let used = |r| match r < count {
        true => panels.used(flow, placed, r),
        false => 0.0,
    };
    (0..INSIDE).map(used).fold(flap, f32::min)
}

/// `rest` with its box `i` on the flap and the others balanced over the
/// inside panels, if the box fits the flap and the others the inside.
fn apart<'a>(base: &Pieces<'a>, rest: &[&Node], i: usize, panels: &Panels) -> Option<Apart<'a>> {
    let mut pieces = base.clone();
    let add = |pieces: &mut Pieces, nodes: &[&Node]| {
        for node in nodes {
            pieces.nodes(std::slice::from_ref(*node));
        }
    };
    add(&mut pieces, &rest[..i]);
    let before = pieces
        .pieces
        .iter()
        .filter(|p| p.bookmark.is_some())
        .count();
    let boxed = pieces.set_apart(std::slice::from_ref(rest[i]));
    add(&mut pieces, &rest[i + 1..]);
    let inside = pieces.flow();
    let (top, bottom) = (panels.top, panels.bottom);
    let fitted = |limit, most| panels.place(&inside, limit, false, most);
    let on_flap = || boxed.place_within(|i| panels.region(INSIDE + i, bottom, false, bottom), 2);
    // The loosest spacing at which the text fits the inside and the box the flap.
    let fits = |s: &f32| {
        inside.space(Spacing::at(*s));
        boxed.space(Spacing::at(*s));
        fitted(bottom, INSIDE + 1).regions().count() <= INSIDE && on_flap().regions().count() == 1
    };
    // Found, the flows keep the spacing it set.
    LOOSER.iter().find(|s| fits(s))?;
    let limit = fill_limit(&inside, &fitted, true, (top, bottom));
    let placed = fitted(limit, usize::MAX);
    let on_flap = on_flap();
    let least = least_used(panels, &inside, &placed, panels.used(&boxed, &on_flap, 0));
    Some(Apart {
        pieces,
        inside: (inside, placed),
        boxed: (boxed, on_flap),
        before,
        least,
    })
}

impl<'a> Apart<'a> {
    /// The inside and the box drawn on `pages`; the structure so far, and
    /// the outline in the author's order.
    pub(super) fn draw(self, panels: &Panels, pages: &mut [Page]) -> (Pieces<'a>, Vec<Bookmark>) {
        let (inside, placed) = self.inside;
        let mut outline = panels.draw(&inside, placed, false, pages);
        let (boxed, on_flap) = self.boxed;
        let flowed = boxed.draw(on_flap);
        for (r, elements) in flowed.regions {
            pages[r.page].extend(elements);
        }
        outline.splice(self.before..self.before, flowed.outline);
        (self.pieces, outline)
    }
}
