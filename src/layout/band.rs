//! A sheet's ending (the closing, the contact block, the disclaimer and the
//! other languages) as a band across the foot of its last page, the booking
//! QR code beside the contact lines rather than under them. Set in one
//! column, that block can fill a column of the last page and leave the
//! other bare; across the page it uses both, and the text above it is
//! balanced over the columns.

use super::columns::{Columns, End, pages};
use super::copyfit::Use;
use super::flow::{Content, Flow, Placed, Region, Spacing};
use super::frame::{Bookmark, Element, Part, Tag};

/// Between the QR code and the contact lines beside it.
const QR_GAP: f32 = 16.0;
/// Between the text above the band and the band.
const ABOVE: f32 = 16.0;

/// The booking QR code, drawn beside its panel's lines.
struct Beside {
    elements: Vec<Element>,
    width: f32,
    height: f32,
    tag: Tag,
    /// Its piece in the band's flow (now a spacer that keeps the panel
    /// as tall as the code) and the first piece of its panel.
    piece: usize,
    first: usize,
    /// From the panel's edge to its lines.
    inset: f32,
}

/// The ending set across the text width, ready to draw at the foot of a page.
pub struct Band<'a> {
    flow: Flow<'a>,
    width: f32,
    qr: Option<Beside>,
    pub height: f32,
}

impl<'a> Band<'a> {
    /// Pieces `from` on of `flow`, set `width` wide at the theme's spacing.
    pub fn new(flow: &Flow<'a>, from: usize, width: f32) -> Band<'a> {
        let flow = flow.part(from..flow.pieces.len());
        flow.space(Spacing::AS_SET);
        let mut band = Band {
            flow,
            width,
            qr: None,
            height: 0.0,
        };
        band.qr = band.code_beside();
        band.height = band.fit();
        band
    }

    /// Take the QR code out of the contact panel's column of lines, leaving
    /// room for it at their end edge.
    fn code_beside(&mut self) -> Option<Beside> {
        let flow = &mut self.flow;
        let piece = flow
            .pieces
            .iter()
            .position(|p| p.container.is_some() && matches!(p.content, Content::Fixed { .. }))?;
        let c = &flow.containers[flow.pieces[piece].container?];
        let (first, inset) = (c.pieces.0, c.style.inset);
        let spacer = Content::Fixed {
            width: 0.0,
            height: 0.0,
            elements: Vec::new(),
        };
        let p = &mut flow.pieces[piece];
        let Content::Fixed {
            width,
            height,
            elements,
        } = std::mem::replace(&mut p.content, spacer)
        else {
            unreachable!("the piece found is a drawing")
        };
        p.space_before = 0.0;
        for q in &mut flow.pieces[first..piece] {
            q.indent.1 += width + QR_GAP;
        }
        let tag = flow.pieces[piece].tag;
        Some(Beside {
            elements,
            width,
            height,
            tag,
            piece,
            first,
            inset,
        })
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

    /// The band's height, its panel made as tall as the code beside its lines.
    fn fit(&mut self) -> f32 {
        let mut placed = self.place(0, 0.0, 0.0);
        if let Some(qr) = &self.qr
            && let (Some((_, top)), Some((_, end))) = (
                self.flow.top_of(&placed, qr.first),
                self.flow.top_of(&placed, qr.piece),
            )
            && end - top < qr.height
        {
            self.flow.pieces[qr.piece].content = Content::Fixed {
                width: 0.0,
                height: qr.height - (end - top),
                elements: Vec::new(),
            };
            placed = self.place(0, 0.0, 0.0);
        }
        self.flow.end(&placed, 0)
    }

    /// The band's elements with its top at `top` of page `page`, its left
    /// edge at `x`; and its outline entries.
    pub fn draw(&self, page: usize, x: f32, top: f32) -> (Vec<(Element, Tag)>, Vec<Bookmark>) {
        let placed = self.place(page, x, top);
        let qr_top = self
            .qr
            .as_ref()
            .and_then(|qr| self.flow.top_of(&placed, qr.first));
        let flowed = self.flow.draw(placed);
        let mut elements: Vec<_> = flowed.regions.into_iter().flat_map(|(_, e)| e).collect();
        if let (Some(qr), Some((_, y))) = (&self.qr, qr_top) {
            let left = x + self.width - qr.inset - qr.width;
            let tag = qr.tag.placed(Part::Content, (qr.piece, 0));
            let drawn = qr
                .elements
                .iter()
                .map(|e| (e.clone().shifted(left, y), tag));
            elements.extend(drawn);
        }
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
        let end = End { page: last, at };
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
    let (placed, _, spacing, start, body) = tried.swap_remove(chosen);
    head.space(spacing);
    let last = pages(&placed) - 1;
    let balanced = |end: End| above(body, start, end.at).filter(|p| pages(p) == last + 1);
    let placed = columns.balance(placed, ceiling, balanced);
    let used = measure(&placed);
    Some((placed, used))
}
