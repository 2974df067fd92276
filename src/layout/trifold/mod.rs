//! The trifold brochure: two landscape pages of three panels, in the order
//! that folds correctly when printed double-sided (flip on the short edge).
//!
//! Outside page: inner flap | back | front cover. Inside page: three panels.
//! Each panel is laid out at its own width. The text flows through the
//! inside panels, the flap, then the back above its contact block; a text
//! too short to reach the flap leaves it to a box (see [`flap`]). The flap
//! is a little narrower so it tucks in without buckling. Nothing comes
//! within [`FOLD`] of a fold, so a fold a little off never cuts through text.

use super::compose::{Leaflet, Node, TextRole};
use super::flow::{Flow, Flowed, Placed, Region};
use super::frame::{Bookmark, Document, Element, Page, Tag};
use super::pieces::Pieces;
use super::theme::Theme;
use super::typeset::Typesetter;
use super::{Laid, Options, Refusal, metadata, paper_size};
use crate::markup::Span;
use crate::model::{Clinic, Handout};

mod cover;
use cover::front;
mod flap;
mod guess;

/// Room between a page edge and the content; office printers need 18 pt.
const EDGE: f32 = 30.0;
/// Room between a fold and the content; folding by hand is off by a few points.
pub const FOLD: f32 = 20.0;
/// The flap is this much narrower than the other panels.
const FLAP_INSET: f32 = 4.0;
/// The body steps down from the clinic's size to fit, but never below this.
pub const MIN_BODY: f32 = 10.5;
/// A short handout steps up to this to fill its panels rather than leave
/// their lower part blank: the size recommended for older readers, and about
/// the largest that keeps 30 characters to a panel's line.
const MAX_BODY: f32 = 14.0;
const STEP: f32 = 0.5;
/// Panels the text flows through: three inside, the flap, then the back
/// above its contact block.
const FLOW_PANELS: usize = 5;
/// The inside panels, first in the flow.
const INSIDE: usize = 3;
/// Each inside panel is filled to this share of its height before the text
/// goes on to the flap.
const FILL: f32 = 0.86;
/// The steps the inside panels' limit is raised by to fill them (points).
const FILL_STEP: f32 = 4.0;
/// Text on the flap filling less than this share of it is a stub.
const FLAP_STUB: f32 = 0.25;

/// How much a handout is over a trifold at the smallest body size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Overflow {
    /// Lines of body text that do not fit.
    pub lines: usize,
    /// The overflow as a share of the space there is.
    pub percent: f32,
    /// The overflow as a share of the height the whole text takes.
    pub share: f32,
}

/// The body size a trifold was set at.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BodySize {
    pub size: f32,
    /// Set below [`READABLE`]: how many words at least to cut to print at
    /// it, the words of the height the text runs over by at that size (where
    /// pages break may ask for more).
    pub cut: Option<usize>,
}

/// How much of a trifold a fold at one size sets.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Pass {
    /// Only whether the text fits matters: the panels are neither filled
    /// top-down nor balanced, and no box is set apart on the flap.
    Fits,
    /// The trifold as printed; a text too long is set only until it is
    /// clearly over.
    Print,
    /// As printed, and a text too long set whole to measure its overflow.
    Measure,
}

/// The smallest body size every patient reads with ease.
const READABLE: f32 = 12.0;
/// A handout whose characters would fill less than this share of the
/// panels at [`READABLE`] (by [`guess::fill`]) fits at that size: on the
/// samples and fixtures the guess comes out 15–25% under the fold's measure.
const GUESS_UNDER: f32 = 0.7;
/// A handout guessed to fill more than this does not fit even at
/// [`MIN_BODY`], which holds about 1.3 times what 12 pt does.
const GUESS_OVER: f32 = 1.5;

/// Panel edges of one landscape page.
struct Geometry {
    width: f32,
    height: f32,
    flap: f32,
    panel: f32,
}

impl Geometry {
    fn new(paper: crate::model::Paper) -> Geometry {
        let (height, width) = paper_size(paper);
        let flap = width / 3.0 - FLAP_INSET;
        Geometry {
            width,
            height,
            flap,
            panel: (width - flap) / 2.0,
        }
    }

    /// Left and right edges of the panels: outside page (flap, back, cover)
    /// and inside page (left, middle, right, the flap's reverse).
    fn panels(&self, inside: bool) -> [(f32, f32); 3] {
        let (f, p, w) = (self.flap, self.panel, self.width);
        if inside {
            [(0.0, p), (p, 2.0 * p), (2.0 * p, w)]
        } else {
            [(0.0, f), (f, f + p), (f + p, w)]
        }
    }

    /// The content column of a panel, its left edge and width: clear of
    /// the page edge and the folds.
    fn column(&self, (left, right): (f32, f32)) -> (f32, f32) {
        let l = if left == 0.0 { EDGE } else { FOLD };
        let r = if right >= self.width { EDGE } else { FOLD };
        (left + l, right - left - l - r)
    }

    fn region(&self) -> (f32, f32) {
        (EDGE, self.height - EDGE)
    }
}

/// A trifold laid out at one body size.
struct Folded {
    size: f32,
    pages: Vec<Page>,
    outline: Vec<Bookmark>,
    nodes: Vec<super::frame::Node>,
}

/// The body sizes a trifold may be set at: in half points from the
/// clinic's, up to [`MAX_BODY`] and down to [`MIN_BODY`], largest first.
struct Sizes {
    largest: f32,
    /// The index of the smallest.
    steps: usize,
}

impl Sizes {
    fn new(clinic: &Clinic) -> Sizes {
        let up = ((MAX_BODY - clinic.body_size) / STEP).floor().max(0.0);
        let largest = clinic.body_size + up * STEP;
        let steps = ((largest - MIN_BODY) / STEP).floor().max(0.0) as usize;
        Sizes { largest, steps }
    }

    fn size(&self, step: usize) -> f32 {
        self.largest - step as f32 * STEP
    }

    /// The step of the smallest size of at least [`READABLE`], if any.
    fn smallest_readable(&self) -> Option<usize> {
        let steps = ((self.largest - READABLE) / STEP).floor();
        (steps >= 0.0).then_some(steps as usize)
    }
}

/// What a trifold is set with: its panels, typesetter and clinic.
struct Folder<'a> {
    g: Geometry,
    ts: Typesetter<'a>,
    clinic: &'a Clinic,
}

impl<'a> Folder<'a> {
    fn new(handout: &'a Handout, clinic: &'a Clinic, paper: crate::model::Paper) -> Folder<'a> {
        Folder {
            g: Geometry::new(paper),
            ts: Typesetter::new(clinic, handout, false),
            clinic,
        }
    }

    fn fold(&self, leaflet: &Leaflet, size: f32, pass: Pass) -> Result<Folded, Refusal> {
        fold(&self.g, leaflet, &self.ts, self.clinic, (size, pass))
    }

    /// The trifold at the largest size that fits, from step `first` down
    /// (found by bisection: sizes that fit form a run from the smallest up).
    fn fit(&self, leaflet: &Leaflet, first: usize) -> Result<Folded, Refusal> {
        let sizes = Sizes::new(self.clinic);
        // Only the smallest size measures how far a text too long runs over.
        let attempt = |step: usize| {
            let pass = if step == sizes.steps {
                Pass::Measure
            } else {
                Pass::Print
            };
            self.fold(leaflet, sizes.size(step), pass)
        };
        let folds = |step: usize| self.fold(leaflet, sizes.size(step), Pass::Fits).is_ok();
        let tried = attempt(first);
        if tried.is_ok() || first >= sizes.steps {
            return tried;
        }
        let last = attempt(sizes.steps)?;
        let (mut over, mut fits) = (first, sizes.steps);
        while fits - over > 1 {
            let mid = (over + fits) / 2;
            if folds(mid) {
                fits = mid;
            } else {
                over = mid;
            }
        }
        if fits == sizes.steps {
            Ok(last)
        } else {
            attempt(fits)
        }
    }

    /// The body size of a trifold set at `size`, with the words to cut to
    /// print it at [`READABLE`] when it is smaller.
    fn body_size(&self, leaflet: &Leaflet, size: f32) -> BodySize {
        let cut = (size < READABLE).then(|| match self.fold(leaflet, READABLE, Pass::Measure) {
            Err(Refusal::TooLong(over)) => Some(words_to_cut(&leaflet.body, over)),
            _ => None,
        });
        BodySize {
            size,
            cut: cut.flatten(),
        }
    }
}

/// Lay `handout` out as a trifold, with the body size it was set at: the
/// largest that fits, in half points from the clinic's, up to [`MAX_BODY`]
/// and down to [`MIN_BODY`].
pub fn trifold<'a>(
    handout: &Handout,
    clinic: &'a Clinic,
    leaflet: &Leaflet,
    options: &Options,
) -> Result<Laid<'a>, Refusal> {
    let folder = Folder::new(handout, clinic, options.paper);
    let folded = folder.fit(leaflet, 0)?;
    let size = folder.body_size(leaflet, folded.size);
    let g = &folder.g;
    let document = Document {
        fonts: &clinic.fonts,
        width: g.width,
        height: g.height,
        pages: folded.pages,
        outline: folded.outline,
        metadata: metadata(handout, clinic, options),
        nodes: folded.nodes,
    };
    Ok(Laid::new(document, handout, Some(size)))
}

/// The body size [`trifold`] would set `handout` at on `paper`, when that
/// is below [`READABLE`] and a trifold holds it at all: what `check` says.
/// A guess from its characters passes over a handout far under or far over
/// the panels; else the one size that decides it is tried first, so a
/// handout that fits at 12 pt costs one quick fold.
pub fn smaller_than_readable(
    handout: &Handout,
    clinic: &Clinic,
    leaflet: &Leaflet,
    paper: crate::model::Paper,
) -> Option<BodySize> {
    let folder = Folder::new(handout, clinic, paper);
    let theme = Theme::new(&clinic.colors, READABLE, false).spaced_for(folder.ts.script_scale());
    if !(GUESS_UNDER..=GUESS_OVER).contains(&guess::fill(leaflet, &folder.g, &theme)) {
        return None;
    }
    let sizes = Sizes::new(clinic);
    let first = match sizes.smallest_readable() {
        // The largest size that fits is at least any size that fits.
        Some(readable)
            if folder
                .fold(leaflet, sizes.size(readable), Pass::Fits)
                .is_ok() =>
        {
            return None;
        }
        Some(readable) => readable + 1,
        None => 0,
    };
    let folded = folder.fit(leaflet, first).ok()?;
    Some(folder.body_size(leaflet, folded.size))
}

impl BodySize {
    /// Set smaller than [`READABLE`]: some patients will struggle.
    pub fn small(&self) -> bool {
        self.size < READABLE
    }

    /// What it takes to print at [`READABLE`], for a message: "; cut at
    /// least N words to print it at 12 pt", or nothing.
    pub fn cut_advice(&self) -> String {
        self.cut.map_or(String::new(), |words| {
            format!("; cut at least {words} words to print it at {READABLE} pt")
        })
    }
}

/// How many of the words in `body` at least to cut so it no longer runs
/// `over`: the overflow's share of the text's whole height, in words.
fn words_to_cut(body: &[Node], over: Overflow) -> usize {
    (words_in(body) as f32 * over.share).ceil() as usize
}

/// The words a reader reads in `nodes`, counted as readability counts them.
fn words_in(nodes: &[Node]) -> usize {
    let mut found = Vec::new();
    guess::blocks(nodes, &mut found);
    let runs = found.iter().flat_map(|(_, runs)| runs);
    runs.map(|text| crate::readability::words(text).len()).sum()
}

/// The trifold at body size `size`, in reading order: the cover (with the
/// main message when it fits under the title), the inside panels, the flap,
/// and the back, where the contact block, review date and disclaimer sit at
/// the foot with any body text left over above them; as much of it as
/// `pass` asks for.
fn fold(
    g: &Geometry,
    leaflet: &Leaflet,
    ts: &Typesetter,
    clinic: &Clinic,
    (size, pass): (f32, Pass),
) -> Result<Folded, Refusal> {
    let theme = Theme::new(&clinic.colors, size, false).spaced_for(ts.script_scale());
    let outside = g.panels(false);
    let (top, bottom) = g.region();
    // The back's foot is measured first, so the body knows the room above it.
    // The note of other languages gives way to a long disclaimer.
    let (back_x, back_width) = g.column(outside[1]);
    let fit = |foot: Vec<Node>| {
        fit_foot(ts, clinic, &foot, back_width, size, (top, bottom)).map(|fitted| (foot, fitted))
    };
    let (foot, (foot_theme, foot_top)) = match fit(back_foot(leaflet, true)) {
        Err(_) if leaflet.also_available.is_some() => fit(back_foot(leaflet, false))?,
        fitted => fitted?,
    };
    let mut pieces = Pieces::new(ts, &theme);
    let (mut pages, rest) = front(leaflet, &mut pieces, g)?;
    let panels = Panels {
        g,
        top,
        bottom,
        above_foot: foot_top - theme.panel_gap(),
    };
    let base = pieces.clone();
    for node in &rest {
        pieces.nodes(std::slice::from_ref(*node));
    }
    let flow = pieces.flow();
    let (placed, closing_on_back) = flowing(&panels, &flow, pass, &theme)?;
    let flowed = (&flow, &placed, closing_on_back);
    let apart = (pass != Pass::Fits).then(|| flap::set_apart(&base, &rest, &panels, flowed));
    let laid = match apart.flatten() {
        Some(apart) => {
            let (set, outline) = apart.draw(&panels, &mut pages);
            pieces = set;
            outline
        }
        None => panels.draw(&flow, placed, closing_on_back, &mut pages),
    };
    pieces.theme = &foot_theme;
    pieces.nodes(&foot);
    // Measured to end at the bottom: no bound, so rounding can never push
    // its last line into a second region drawn over the first.
    let foot = pieces.flow().run(|i| Region {
        page: i,
        x: back_x,
        width: back_width,
        top: foot_top,
        bottom: f32::MAX,
    });
    pages[0].extend(foot.regions.into_iter().flat_map(|(_, e)| e));
    Ok(Folded {
        size,
        pages,
        outline: laid,
        nodes: pieces.nodes,
    })
}

/// The body flowed through the inside panels, the flap and the back, and
/// whether the few lines that would stand alone on the flap go on the back.
fn flowing(
    panels: &Panels,
    flow: &Flow,
    pass: Pass,
    theme: &Theme,
) -> Result<(Placed, bool), Refusal> {
    let (top, bottom) = (panels.top, panels.bottom);
    let most = match pass {
        Pass::Measure => usize::MAX,
        Pass::Fits | Pass::Print => FLOW_PANELS + 1,
    };
    let placed = panels.place(flow, bottom, false, most);
    let count = placed.regions().count();
    if count > FLOW_PANELS {
        return Err(Refusal::TooLong(overflow(&flow.draw(placed), theme)));
    }
    if count == FLOW_PANELS || pass == Pass::Fits {
        return Ok((placed, false));
    }
    let fitted = |limit, most| panels.place(flow, limit, false, most);
    let limit = fill_limit(flow, &fitted, count <= INSIDE, (top, bottom));
    let placed = panels.place(flow, limit, false, usize::MAX);
    // A few lines alone on the flap (the closing, most often) go on
    // to the back, above the contact block they lead to.
    let flap = INSIDE;
    let stub = |placed| (flow.end(placed, flap) - top) / (bottom - top) < FLAP_STUB;
    if placed.regions().count() == flap + 1 && stub(&placed) {
        let on_back = panels.place(flow, limit, true, flap + 2);
        if on_back.regions().count() == flap + 1 {
            return Ok((on_back, true));
        }
    }
    Ok((placed, false))
}

/// Where the body flows: the three inside panels, the flap, then the back
/// above its foot.
struct Panels<'g> {
    g: &'g Geometry,
    top: f32,
    bottom: f32,
    /// Where the back's foot (contact block, disclaimer) leaves off, less a gap.
    above_foot: f32,
}

impl Panels<'_> {
    /// The flow's region `i`, as (page, panel): past the back, more
    /// back-sized regions, to measure an overflow.
    fn place_of(&self, i: usize) -> (usize, (f32, f32)) {
        let (inside, outside) = (self.g.panels(true), self.g.panels(false));
        let places = [
            (1, inside[0]),
            (1, inside[1]),
            (1, inside[2]),
            (0, outside[0]),
            (0, outside[1]),
        ];
        places[i.min(FLOW_PANELS - 1)]
    }

    /// The flow's region `i`, ending by `limit`, the flap passed over (its
    /// text set on the back instead) when `past_flap`; the inside's last
    /// panel ends by `side_end`.
    fn region(&self, i: usize, limit: f32, past_flap: bool, side_end: f32) -> Region {
        let i = if past_flap && i >= INSIDE { i + 1 } else { i };
        let (page, panel) = self.place_of(i);
        let (x, width) = self.g.column(panel);
        let own = if i + 1 >= FLOW_PANELS {
            self.above_foot
        } else {
            self.bottom
        };
        let side = if i + 1 == INSIDE { side_end } else { f32::MAX };
        Region {
            page: if i < FLOW_PANELS { page } else { i },
            x,
            width,
            top: self.top,
            bottom: own.min(limit).min(side),
        }
    }

    /// `flow` placed in at most `most` regions. No paragraph and no box on
    /// both sides of the sheet: what the inside's last panel would split
    /// with the flap or back starts on the outside.
    fn place(&self, flow: &Flow, limit: f32, past_flap: bool, most: usize) -> Placed {
        let mut side_end = f32::MAX;
        loop {
            let regions = |i| self.region(i, limit, past_flap, side_end);
            let placed = flow.place_within(regions, most);
            match flow.continued_from(&placed, INSIDE - 1) {
                Some(y) if y < side_end && y > self.top => side_end = y,
                _ => return placed,
            }
        }
    }

    /// The share of a panel's height that region `r` of `placed` uses.
    fn used(&self, flow: &Flow, placed: &Placed, r: usize) -> f32 {
        (flow.end(placed, r) - self.top) / (self.bottom - self.top)
    }

    /// `placed` drawn on `pages`, the last lines just above the back's foot
    /// when they go on the back in place of the flap; the outline.
    fn draw(
        &self,
        flow: &Flow,
        placed: Placed,
        closing_on_back: bool,
        pages: &mut [Page],
    ) -> Vec<Bookmark> {
        let flowed = flow.draw(placed);
        for (i, (r, elements)) in flowed.regions.into_iter().enumerate() {
            if closing_on_back && i == INSIDE {
                // Just above the contact block it leads to.
                let low = elements.iter().map(|(e, _)| e.bottom());
                let dy = (self.above_foot - low.fold(r.top, f32::max)).max(0.0);
                pages[r.page].extend(elements.into_iter().map(|(e, t)| (e.shifted(0.0, dy), t)));
            } else {
                pages[r.page].extend(elements);
            }
        }
        flowed.outline
    }
}

/// How low the panels in front of the back may be filled. A text that fits
/// the inside panels is balanced over them, the flap left for what follows.
/// A longer one fills each inside panel to [`FILL`] of its height before any
/// goes on to the flap: the lowest limit that does so, so the flap holds as
/// much as it can; else the full height (top-down).
fn fill_limit(
    flow: &Flow,
    place: &impl Fn(f32, usize) -> Placed,
    inside_only: bool,
    (top, bottom): (f32, f32),
) -> f32 {
    let panels = if inside_only { INSIDE } else { FLOW_PANELS - 1 };
    let fits = |limit| place(limit, panels + 1).regions().count() <= panels;
    let (mut short, mut tall) = (top, bottom);
    while tall - short > 2.0 {
        let mid = (short + tall) / 2.0;
        if fits(mid) {
            tall = mid;
        } else {
            short = mid;
        }
    }
    if inside_only {
        return tall;
    }
    let full = |limit: f32| {
        let placed = place(limit, FLOW_PANELS);
        let count = placed.regions().count();
        let used = |r| (flow.end(&placed, r) - top) / (bottom - top);
        count < FLOW_PANELS && count > INSIDE && (0..INSIDE).all(|r| used(r) >= FILL)
    };
    let mut limit = tall;
    while limit < bottom {
        if full(limit) {
            return limit;
        }
        limit += FILL_STEP;
    }
    bottom
}

/// The theme the back's foot is set in, and where the foot starts: the
/// body's, or when the foot is taller than the back panel at that size, the
/// largest smaller one down to [`MIN_BODY`] at which it fits. A long
/// disclaimer makes the contact block smaller, not the whole handout.
fn fit_foot(
    ts: &Typesetter,
    clinic: &Clinic,
    foot: &[Node],
    width: f32,
    size: f32,
    (top, bottom): (f32, f32),
) -> Result<(Theme, f32), Refusal> {
    let mut size = size;
    loop {
        let theme = Theme::new(&clinic.colors, size, false).spaced_for(ts.script_scale());
        let foot_top = bottom - height_of(ts, &theme, foot, width);
        if foot_top >= top {
            return Ok((theme, foot_top));
        }
        if size - STEP < MIN_BODY {
            let lines = ((top - foot_top) / theme.small.leading).ceil() as usize;
            return Err(Refusal::BackTooFull(lines));
        }
        size -= STEP;
    }
}

/// The height `nodes` take, set `width` wide.
fn height_of(ts: &Typesetter, theme: &Theme, nodes: &[Node], width: f32) -> f32 {
    let mut pieces = Pieces::new(ts, theme);
    pieces.nodes(nodes);
    let flowed = pieces.flow().run(|i| Region {
        page: i,
        x: 0.0,
        width,
        top: 0.0,
        bottom: f32::MAX,
    });
    flowed.ends.iter().sum()
}

/// How far past the back the text runs.
fn overflow(flowed: &Flowed, theme: &Theme) -> Overflow {
    let used = |regions: &[(Region, Vec<(Element, Tag)>)]| -> f32 {
        let used = |(r, elements): &(Region, Vec<(Element, Tag)>)| {
            let low = elements.iter().map(|(e, _)| e.bottom());
            low.fold(r.top, f32::max) - r.top
        };
        regions.iter().map(used).sum()
    };
    let over = used(&flowed.regions[FLOW_PANELS..]);
    let room: f32 = flowed.regions[..FLOW_PANELS]
        .iter()
        .map(|(r, _)| r.bottom - r.top)
        .sum();
    Overflow {
        lines: (over / theme.body.leading).ceil() as usize,
        percent: over / room * 100.0,
        share: over / (used(&flowed.regions[..FLOW_PANELS]) + over),
    }
}

/// The back panel's foot: contact block, review date, the other languages
/// and disclaimer.
fn back_foot(leaflet: &Leaflet, also_available: bool) -> Vec<Node> {
    let reviewed = Node::Paragraph {
        role: TextRole::Body,
        text: vec![Span::bold(&leaflet.footer.reviewed)],
    };
    let mut foot = vec![leaflet.contact.clone(), reviewed];
    foot.extend(leaflet.also_available.clone().filter(|_| also_available));
    foot.push(leaflet.disclaimer.clone());
    foot
}
