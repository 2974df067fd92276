//! A sheet's ending (the closing, the contact block, the disclaimer and the
//! other languages) as a band across the foot of its last page, the booking
//! QR code beside the contact lines rather than under them. Set in one
//! column, that block can fill a column of the last page and leave the
//! other bare; across the page it uses both, and the text above it is
//! balanced over the columns.

use super::code_beside::CodeBeside;
use super::columns::{Columns, End, pages};
use super::copyfit::Use;
use super::flow::{Flow, Placed, Region, Spacing};
use super::frame::{Bookmark, Element, Tag};

/// Between the text above the band and the band.
const ABOVE: f32 = 16.0;
/// The most of the text area left bare between the text and a band at
/// the page's foot.
const HOLE: f32 = 0.25;

/// The ending set across the text width, ready to draw on the last page.
pub struct Band<'a> {
    flow: Flow<'a>,
    width: f32,
    code: Option<CodeBeside>,
    pub height: f32,
}

impl<'a> Band<'a> {
    /// Pieces `from` on of `flow`, set `width` wide at the theme's spacing.
    pub fn new(flow: &Flow<'a>, from: usize, width: f32) -> Band<'a> {
        let mut flow = flow.part(from..flow.pieces.len());
        flow.space(Spacing::AS_SET);
        let code = CodeBeside::take(&mut flow, width, Spacing::AS_SET);
        let mut band = Band {
            flow,
            width,
            code,
            height: 0.0,
        };
        band.height = band.flow.end(&band.place(0, 0.0, 0.0), 0);
        band
    }

    /// Where the band's top goes on the last page of `placed`, the head
    /// set in `columns`: at the page's foot, or right under the text when
    /// the foot would leave more than [`HOLE`] of the text area bare
    /// between them. A bare stretch mid-page reads as a hole; at the foot,
    /// as where the document ends.
    pub fn top(&self, columns: &Columns, head: &Flow, placed: &Placed) -> f32 {
        let last = pages(placed) - 1;
        let on_last = (0..placed.regions().count()).filter(|&r| placed.region(r).page == last);
        let text = on_last
            .map(|r| head.end(placed, r))
            .fold(columns.top_of(last), f32::max);
        let foot = columns.bottom - self.height;
        let bare = foot - ABOVE - text;
        if bare > HOLE * (columns.bottom - columns.top) {
            text + ABOVE
        } else {
            foot
        }
    }

    /// The band placed from `top` of page `page`, its left edge at `x`.
    fn place(&self, page: usize, x: f32, top: f32) -> Placed {
        let region = Region {
            page,
            x,
            width: self.width,
            top,
            bottom: top + 10_000.0,
        };
        self.flow.place(|_| region)
    }

    /// The band's elements with its top at `top` of page `page`, its left
    /// edge at `x`; and its outline entries.
    pub fn draw(&self, page: usize, x: f32, top: f32) -> (Vec<(Element, Tag)>, Vec<Bookmark>) {
        let placed = self.place(page, x, top);
        let code = self.code.as_ref().and_then(|c| c.draw(&self.flow, &placed));
        let flowed = self.flow.draw(placed);
        let mut elements: Vec<_> = flowed.regions.into_iter().flat_map(|(_, e)| e).collect();
        elements.extend(code.into_iter().flat_map(|(_, e)| e));
        (elements, flowed.outline)
    }
}

/// Spacings tried between the column setting's and the loosest.
const STEPS: usize = 4;

/// Where the last page's text may start in `body` (set with the ending in
/// a column): where it starts there, then ever earlier where the last
/// column of the page before may end (whole paragraphs and items move on).
fn starts(body: &Placed) -> Vec<(usize, usize)> {
    let last = pages(body) - 1;
    let on = |page| (0..body.regions().count()).filter(move |&r| body.region(r).page == page);
    let Some(start) = on(last).find_map(|r| body.text_start(r)) else {
        return Vec::new();
    };
    let before = last.checked_sub(1).and_then(|page| on(page).next_back());
    let earlier = before.map(|r| body.breaks(r)).unwrap_or_default();
    std::iter::once(start)
        .chain(earlier.into_iter().rev())
        .collect()
}

/// The body of a sheet ended by a band: `head` (the pieces before the
/// ending) placed as `lay` places the whole flow at a spacing, with the
/// ending in a column, until its last page; there balanced in columns that
/// end above `band` at the page's foot. Spread from the head's spacing
/// towards the loosest, the last page starting where [`starts`] says,
/// until the pages are used enough; with what that measures. `None` when
/// the text of the last page does not fit above the band.
pub fn lay_above(
    columns: &Columns,
    head: &Flow,
    band: &Band,
    lay: impl Fn(Spacing) -> Placed,
) -> Option<(Placed, Use)> {
    let ceiling = columns.bottom - band.height - ABOVE;
    // The head from `from` on the last page, its columns ending at `at`.
    let above = |body: &Placed, from, at| {
        let last = pages(body) - 1;
        let end = columns.end(last, at);
        let placed = head.place_again(body, from, |i| columns.region(i, end))?;
        (pages(&placed) == last + 1 && columns.top_of(last) < ceiling).then_some(placed)
    };
    let measure = |placed: &Placed| columns.measure(head, placed, band.height);
    // Each spacing's placement with the ending in a column, and where its
    // last page may start.
    let from = head.spacing().lines;
    let spacings =
        (0..=STEPS).map(|step| Spacing::at(from + (1.0 - from) * step as f32 / STEPS as f32));
    let bodies: Vec<_> = spacings.map(|s| (s, lay(s))).collect();
    let most = bodies
        .iter()
        .map(|(_, b)| starts(b).len())
        .max()
        .unwrap_or(0);
    // Spread before moving text on; the least moved that uses the pages
    // enough (every text moved on leaves a hole at the foot of the page
    // before), or else the best.
    let mut tried = Vec::new();
    for k in 0..most {
        for (spacing, body) in &bodies {
            head.space(*spacing);
            let Some(&start) = starts(body).get(k) else {
                continue;
            };
            if let Some(placed) = above(body, start, ceiling) {
                let used = measure(&placed);
                tried.push((placed, used, *spacing, start, body));
            }
        }
    }
    let chosen = (tried.iter().position(|t| t.1.fills())).or_else(|| {
        let best = |b: usize, i: usize| if tried[i].1.beats(&tried[b].1) { i } else { b };
        (0..tried.len()).reduce(best)
    })?;
    let (placed, used, spacing, start, body) = tried.swap_remove(chosen);
    head.space(spacing);
    // Evening out the page before moves no text between pages, so it may
    // only cost a hair of the measure; never the pass.
    let keeps = |evened: &Placed| measure(evened).fills() || !used.fills();
    let placed = even_out(columns, head, body, placed, (start, ceiling), keeps);
    let used = measure(&placed);
    Some((placed, used))
}

/// `placed`, the head with its last page starting at `start` of `body`
/// (see [`starts`]), with the columns of its last two pages balanced, the
/// last page's ending above `ceiling`: the page before first (if that
/// `keeps` the pages used enough), as the text moved on to the last page
/// can leave its last column short.
fn even_out(
    columns: &Columns,
    head: &Flow,
    body: &Placed,
    placed: Placed,
    (start, ceiling): ((usize, usize), f32),
    keeps: impl Fn(&Placed) -> bool,
) -> Placed {
    let last = pages(&placed) - 1;
    let text_on = |p: &Placed, page| {
        let r = p.regions().position(|r| r.page == page)?;
        p.text_start(r)
    };
    // The head placed again from `from` with its columns ending at `end`,
    // the page before the last holding at least the text before `start`.
    let lay = |from, end: End| {
        let p = head.place_again(body, from, |i| columns.region(i, end))?;
        (pages(&p) == last + 1 && text_on(&p, last) >= Some(start)).then_some(p)
    };
    let before = last.checked_sub(1).and_then(|page| {
        let from = text_on(body, page)?;
        let at = |before| End {
            before,
            ..columns.end(last, ceiling)
        };
        let (p, before) = columns.balance(&placed, page, columns.bottom, |b| lay(from, at(b)))?;
        (text_on(&p, last) == Some(start) && keeps(&p)).then_some((p, from, before))
    });
    let (placed, from, before) = before.unwrap_or((placed, start, columns.bottom));
    let end = |at| End {
        before,
        ..columns.end(last, at)
    };
    let balanced = columns.balance(&placed, last, ceiling, |at| lay(from, end(at)));
    balanced.map_or(placed, |(p, _)| p)
}
