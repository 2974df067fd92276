//! A sheet's body columns: where each region of the flow goes, how much of
//! its pages a placement uses, and the last page's columns balanced.

use super::copyfit::Use;
use super::flow::{Flow, Placed, Region};
use super::theme::{GUTTER, MARGIN};

/// The columns of a sheet's pages, in points from the page's top-left.
pub struct Columns {
    pub count: usize,
    /// The left edge of the first column.
    pub x: f32,
    /// One column's width.
    pub width: f32,
    /// Where the columns start on page 1 (under the title) and on the others.
    pub first_top: f32,
    pub top: f32,
    /// Where the columns end (above the footer).
    pub bottom: f32,
}

/// Where the columns end: at `at` on page `page` and every page after it,
/// at `before` on the page before it, at the columns' bottom before that.
#[derive(Debug, Clone, Copy)]
pub struct End {
    pub page: usize,
    pub at: f32,
    pub before: f32,
}

/// Pages of a placed body.
pub fn pages(placed: &Placed) -> usize {
    placed.regions().last().map_or(1, |r| r.page + 1)
}

impl Columns {
    /// `count` columns across `inner` points from `x`.
    pub fn across(count: usize, x: f32, inner: f32, (first_top, bottom): (f32, f32)) -> Columns {
        let count = count.max(1);
        Columns {
            count,
            x,
            width: (inner - GUTTER * (count - 1) as f32) / count as f32,
            first_top,
            top: MARGIN,
            bottom,
        }
    }

    /// Columns that end at their bottom on every page.
    pub fn full(&self) -> End {
        self.end(usize::MAX, self.bottom)
    }

    /// Columns that end at `at` from page `page` on, at their bottom before.
    pub fn end(&self, page: usize, at: f32) -> End {
        End {
            page,
            at,
            before: self.bottom,
        }
    }

    pub fn top_of(&self, page: usize) -> f32 {
        if page == 0 { self.first_top } else { self.top }
    }

    /// Region `i` of the columns, page after page, ending them at `end`.
    pub fn region(&self, i: usize, end: End) -> Region {
        let page = i / self.count;
        Region {
            page,
            x: self.x + (i % self.count) as f32 * (self.width + GUTTER),
            width: self.width,
            top: self.top_of(page),
            bottom: if page >= end.page {
                end.at
            } else if page + 1 == end.page {
                end.before
            } else {
                self.bottom
            },
        }
    }

    /// Place `flow` in the columns, ending them at `end`.
    pub fn lay(&self, flow: &Flow, end: End) -> Placed {
        flow.place(|i| self.region(i, end))
    }

    /// Page use as the printed page measures it: per column, the share of
    /// the text area (from the top margin) its content reaches down, and
    /// `foot` (a band across the last page's foot) in every column.
    pub fn measure(&self, flow: &Flow, placed: &Placed, foot: f32) -> Use {
        let count = pages(placed);
        let area = self.bottom - self.top;
        let mut used = vec![0.0; count];
        for r in 0..placed.regions().count() {
            let share = (flow.end(placed, r) - self.top) / area;
            used[placed.region(r).page] += share.clamp(0.0, 1.0) / self.count as f32;
        }
        let last = used.pop().unwrap_or(0.0) + foot / area;
        let least = used.into_iter().fold(1.0, f32::min);
        Use {
            pages: count,
            least,
            last: last.min(1.0),
        }
    }

    /// Page `page`'s columns of `body` balanced: the shortest columns (no
    /// lower than `ceiling`) that keep the page count and split no panel,
    /// so the last column is not left short while the first is full; and
    /// where they end. `lay` places the body with that page's columns
    /// ending at a height, or says it cannot. `None` when no height does.
    pub fn balance(
        &self,
        body: &Placed,
        page: usize,
        ceiling: f32,
        lay: impl Fn(f32) -> Option<Placed>,
    ) -> Option<(Placed, f32)> {
        let kept = |balanced: &Placed| {
            pages(balanced) == pages(body)
                && balanced.continued() <= body.continued()
                && balanced.forced() <= body.forced()
        };
        let (mut short, mut tall) = (self.top_of(page), ceiling);
        let mut best = None;
        while self.count > 1 && tall - short > 2.0 {
            let mid = (short + tall) / 2.0;
            match lay(mid).filter(kept) {
                Some(balanced) => (tall, best) = (mid, Some(balanced)),
                None => short = mid,
            }
        }
        best.map(|balanced| (balanced, tall))
    }
}
