//! Copyfitting: a sheet whose last page would be mostly bare, or with a page
//! before it half bare (what follows was kept whole and moved on), is set
//! again: tighter when that saves a page, looser so that its text spreads
//! over the pages it needs. Only spacing and pictures change, never the type
//! size; each try is one more placement of lines already broken.

use super::flow::{Flow, Placed, Spacing};

/// The last page is at least this much used, or the sheet is a page shorter.
pub const LAST_PAGE_USE: f32 = 0.4;
/// Every page before the last is at least this much used.
pub const PAGE_USE: f32 = 0.55;
/// What spreading aims at: a little over the least, as the printed page is
/// measured a little differently from the layout's own count.
const MARGIN: f32 = 0.08;
/// A setting is kept as set when it clears the least by this much: a page
/// used just at the least by the layout's count may print a hair under it.
const CLEAR: f32 = 0.01;
/// Halvings of the spacing searched for.
const STEPS: usize = 5;

/// How much of its pages a placement uses.
#[derive(Debug, Clone, Copy)]
pub struct Use {
    pub pages: usize,
    /// The least used page before the last (1 when there is none).
    pub least: f32,
    pub last: f32,
}

impl Use {
    fn enough(&self, margin: f32) -> bool {
        self.pages < 2 || (self.last >= LAST_PAGE_USE + margin && self.least >= PAGE_USE + margin)
    }

    /// Whether the pages are used as much as they must be.
    pub fn fills(&self) -> bool {
        self.enough(CLEAR)
    }

    /// Whether this setting is better than `other`: fewer pages, then
    /// filling them, then a fuller last page.
    pub fn beats(&self, other: &Use) -> bool {
        let rank = |u: &Use| (std::cmp::Reverse(u.pages), u.fills());
        match rank(self).cmp(&rank(other)) {
            std::cmp::Ordering::Equal => {
                self.last > other.last && self.least >= other.least.min(PAGE_USE)
            }
            order => order.is_gt(),
        }
    }
}

/// A placement, the spacing it was set at (see [`Spacing::at`]), and what it measures.
struct Try {
    placed: Placed,
    s: f32,
    used: Use,
}

/// `placed` (set as the theme sets it), or a tighter or looser setting of
/// `flow` when a page would be used less than [`PAGE_USE`] or the last less
/// than [`LAST_PAGE_USE`]. `lay` places the flow at its current spacing;
/// `measure` tells how much a placement uses its pages. The flow is left at
/// the spacing chosen.
pub fn copyfit(
    flow: &Flow,
    placed: Placed,
    lay: impl Fn(&Flow) -> Placed,
    measure: impl Fn(&Placed) -> Use,
) -> Placed {
    let used = measure(&placed);
    if used.enough(CLEAR) {
        return placed;
    }
    let forced = placed.forced();
    let at = |s: f32| {
        flow.space(Spacing::at(s));
        let placed = lay(flow);
        let used = measure(&placed);
        Try { placed, s, used }
    };
    let as_set = Try {
        placed,
        s: 0.0,
        used,
    };
    // Tight enough to save a page, then between that and as set; else
    // between as set and loose. Pages fill as the text loosens, until
    // it needs one more.
    let tight = at(-1.0);
    let saves = tight.used.pages < used.pages && tight.placed.forced() <= forced;
    let (pages, mut under, mut over) = if saves {
        (tight.used.pages, tight, as_set)
    } else {
        (used.pages, as_set, at(1.0))
    };
    let keeps = |t: &Try| t.used.pages == pages && t.placed.forced() <= forced;
    let enough = |t: &Try| !keeps(t) || t.used.enough(MARGIN);
    if !enough(&under) && enough(&over) {
        for _ in 0..STEPS {
            let t = at((under.s + over.s) / 2.0);
            if enough(&t) {
                over = t;
            } else {
                under = t;
            }
        }
    }
    let chosen = if keeps(&over) && !(enough(&under) && keeps(&under)) {
        over
    } else {
        under
    };
    flow.space(Spacing::at(chosen.s));
    chosen.placed
}
