//! The trifold brochure: two landscape pages of three panels, in the order
//! that folds correctly when printed double-sided (flip on the short edge).
//!
//! Outside page: inner flap | back | front cover. Inside page: three panels.
//! Each panel is laid out at its own width. The text flows through the
//! inside panels, the flap, then the back above its contact block. The flap
//! is a little narrower so it tucks in without buckling. Nothing comes
//! within [`FOLD`] of a fold, so a fold a little off never cuts through text.

use super::chrome::{Crowded, Detail, Place};
use super::compose::{Leaflet, Node, PanelRole, TextRole};
use super::flow::{Flowed, Placed, Region};
use super::frame::{Document, Element, Page, Tag};
use super::pieces::Pieces;
use super::theme::Theme;
use super::typeset::{TextStyle, Typesetter};
use super::{Options, metadata, paper_size};
use crate::markup::Span;
use crate::model::{Clinic, Handout};

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
/// The white left on the cover between its text and the phone number, as
/// a share of the cover's height; the rest goes to the colour band.
const COVER_WHITE: f32 = 0.1;

/// Why a handout cannot be folded into a trifold.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Refusal {
    /// The body does not fit at the smallest size.
    TooLong(Overflow),
    /// The contact block, review date and disclaimer alone are taller than
    /// the back panel, by about this many lines of fine print.
    BackTooFull(usize),
    /// The clinic's name or phone, or the title, is too long for the cover.
    Crowded(Crowded),
}

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

/// The smallest body size every patient reads with ease.
const READABLE: f32 = 12.0;

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
    outline: Vec<super::frame::Bookmark>,
    nodes: Vec<super::frame::Node>,
}

/// Lay `handout` out as a trifold, with the body size it was set at: the
/// largest that fits, in half points from the clinic's, up to [`MAX_BODY`]
/// and down to [`MIN_BODY`] (found by bisection).
pub fn trifold<'a>(
    handout: &Handout,
    clinic: &'a Clinic,
    leaflet: &Leaflet,
    options: &Options,
) -> Result<(Document<'a>, BodySize), Refusal> {
    let g = Geometry::new(options.paper);
    let ts = Typesetter::new(clinic, handout, false);
    let up = ((MAX_BODY - clinic.body_size) / STEP).floor().max(0.0);
    let largest = clinic.body_size + up * STEP;
    let steps = ((largest - MIN_BODY) / STEP).floor().max(0.0) as usize;
    let size = |step: usize| largest - step as f32 * STEP;
    // Only the smallest size measures how far a text too long runs over.
    let attempt = |step: usize| fold(&g, leaflet, &ts, clinic, (size(step), step == steps));
    // The largest size that fits: sizes that fit form a run from the smallest up.
    let folded = match attempt(0) {
        Ok(folded) => folded,
        Err(_) => {
            let last = attempt(steps)?;
            let (mut over, mut fits) = (0, steps);
            while fits - over > 1 {
                let mid = (over + fits) / 2;
                if attempt(mid).is_ok() {
                    fits = mid;
                } else {
                    over = mid;
                }
            }
            if fits == steps { last } else { attempt(fits)? }
        }
    };
    let document = Document {
        fonts: &clinic.fonts,
        width: g.width,
        height: g.height,
        pages: folded.pages,
        outline: folded.outline,
        metadata: metadata(handout, clinic, options),
        nodes: folded.nodes,
    };
    let document = if handout.writing.rtl {
        document.mirrored()
    } else {
        document
    };
    let cut =
        (folded.size < READABLE).then(|| match fold(&g, leaflet, &ts, clinic, (READABLE, true)) {
            Err(Refusal::TooLong(over)) => Some(words_to_cut(&leaflet.body, over)),
            _ => None,
        });
    let size = BodySize {
        size: folded.size,
        cut: cut.flatten(),
    };
    Ok((document, size))
}

/// How many of the words in `body` at least to cut so it no longer runs
/// `over`: the overflow's share of the text's whole height, in words.
fn words_to_cut(body: &[Node], over: Overflow) -> usize {
    (words_in(body) as f32 * over.share).ceil() as usize
}

/// The words a reader reads in `nodes`, counted as readability counts them.
fn words_in(nodes: &[Node]) -> usize {
    let count = |text: &str| crate::readability::words(text).len();
    let spans = |spans: &[Span]| spans.iter().map(|s| count(&s.text)).sum::<usize>();
    let node = |node: &Node| match node {
        Node::Panel {
            heading, children, ..
        } => heading.as_deref().map_or(0, count) + words_in(children),
        Node::Heading { text, .. } => count(text),
        Node::Lines(_) => 0,
        Node::Paragraph { text, .. } => spans(text),
        Node::List { items, .. } => items
            .iter()
            .flat_map(|i| &i.paragraphs)
            .map(|p| spans(p))
            .sum(),
        Node::Qr { caption, .. } => count(caption),
        Node::Foreign { node, .. } => words_in(std::slice::from_ref(node)),
    };
    nodes.iter().map(node).sum()
}

/// The trifold at body size `size`, in reading order: the cover (with the
/// main message when it fits under the title), the inside panels, the flap,
/// and the back, where the contact block, review date and disclaimer sit at
/// the foot with any body text left over above them. Unless `measure`d, a
/// text too long is set only until it is clearly over.
fn fold(
    g: &Geometry,
    leaflet: &Leaflet,
    ts: &Typesetter,
    clinic: &Clinic,
    (size, measure): (f32, bool),
) -> Result<Folded, Refusal> {
    let theme = Theme::new(&clinic.colors, size, false).spaced_for(ts.script_scale());
    let inside = g.panels(true);
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

    let grow = cover_growth(leaflet, ts, &theme, g, outside[2])?;
    let (mut cover, title_bottom, phone_top) =
        cover(leaflet, &mut pieces, g, outside[2], grow).map_err(Refusal::Crowded)?;
    let body: &[Node] = &leaflet.body;
    let (x, width) = g.column(outside[2]);
    let room = Region {
        page: 0,
        x,
        width,
        top: title_bottom + theme.panel_gap(),
        bottom: phone_top - theme.panel_gap(),
    };
    let on_cover = on_cover(leaflet, ts, &theme, width, room.bottom - room.top);
    if !on_cover.is_empty() {
        pieces.nodes(&body[on_cover.clone()]);
        // Measured to fit: unbounded, as for the back's foot.
        let room = Region {
            bottom: f32::MAX,
            ..room
        };
        let flowed = pieces.flow().run(|_| room);
        cover.extend(flowed.regions.into_iter().flat_map(|(_, e)| e));
    }
    pieces.nodes(&body[..on_cover.start]);
    pieces.nodes(&body[on_cover.end..]);
    let flow = pieces.flow();
    let places = [
        (1, inside[0]),
        (1, inside[1]),
        (1, inside[2]),
        (0, outside[0]),
        (0, outside[1]),
    ];
    let above_foot = foot_top - theme.panel_gap();
    // `past_flap`: the flap is passed over, its text set on the back instead;
    // `side_end`: where the inside's last panel ends.
    let regions = |limit: f32, past_flap: bool, side_end: f32| {
        move |i: usize| {
            let i = if past_flap && i >= INSIDE { i + 1 } else { i };
            // Past the back: more back-sized regions, to measure the overflow.
            let (page, panel) = places[i.min(FLOW_PANELS - 1)];
            let (x, width) = g.column(panel);
            let own = if i + 1 >= FLOW_PANELS {
                above_foot
            } else {
                bottom
            };
            Region {
                page: if i < FLOW_PANELS { page } else { i },
                x,
                width,
                top,
                bottom: own
                    .min(limit)
                    .min(if i + 1 == INSIDE { side_end } else { f32::MAX }),
            }
        }
    };
    // No paragraph and no box on both sides of the sheet: what the inside's
    // last panel would split with the flap or back starts on the outside.
    let place = |limit: f32, past_flap: bool, most: usize| {
        let mut side_end = f32::MAX;
        loop {
            let placed = flow.place_within(regions(limit, past_flap, side_end), most);
            match flow.continued_from(&placed, INSIDE - 1) {
                Some(y) if y < side_end && y > top => side_end = y,
                _ => return placed,
            }
        }
    };
    let most = if measure { usize::MAX } else { FLOW_PANELS + 1 };
    let mut placed = place(bottom, false, most);
    let panels = placed.regions().count();
    let mut closing_on_back = false;
    if panels > FLOW_PANELS {
        return Err(Refusal::TooLong(overflow(&flow.draw(placed), &theme)));
    }
    if panels < FLOW_PANELS {
        let fitted = |limit, most| place(limit, false, most);
        let limit = fill_limit(&flow, &fitted, panels <= INSIDE, (top, bottom));
        placed = place(limit, false, usize::MAX);
        // A few lines alone on the flap (the closing, most often) go on
        // to the back, above the contact block they lead to.
        let flap = INSIDE;
        let stub = |placed| (flow.end(placed, flap) - top) / (bottom - top) < FLAP_STUB;
        if placed.regions().count() == flap + 1 && stub(&placed) {
            let on_back = place(limit, true, flap + 2);
            if on_back.regions().count() == flap + 1 {
                placed = on_back;
                closing_on_back = true;
            }
        }
    }
    let flowed = flow.draw(placed);

    let mut pages = vec![Page::default(), Page::default()];
    pages[0].extend(cover);
    for (i, (r, elements)) in flowed.regions.into_iter().enumerate() {
        if closing_on_back && i == INSIDE {
            // Just above the contact block it leads to.
            let low = elements.iter().map(|(e, _)| e.bottom());
            let dy = (above_foot - low.fold(r.top, f32::max)).max(0.0);
            pages[r.page].extend(elements.into_iter().map(|(e, t)| (e.shifted(0.0, dy), t)));
        } else {
            pages[r.page].extend(elements);
        }
    }
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
        outline: flowed.outline,
        nodes: pieces.nodes,
    })
}

/// How low the panels in front of the back may be filled. A text that fits
/// the inside panels is balanced over them, the flap left for what follows.
/// A longer one fills each inside panel to [`FILL`] of its height before any
/// goes on to the flap: the lowest limit that does so, so the flap holds as
/// much as it can; else the full height (top-down).
fn fill_limit(
    flow: &super::flow::Flow,
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

/// How much taller the cover's colour band is set than it needs to be: the
/// white under the title (and the summary, when it fits there) but
/// [`COVER_WHITE`] of the cover, so no bare band is taller than a fifth of it.
fn cover_growth(
    leaflet: &Leaflet,
    ts: &Typesetter,
    theme: &Theme,
    g: &Geometry,
    panel: (f32, f32),
) -> Result<f32, Refusal> {
    // Set once to measure, on pieces thrown away: the real cover tags its text.
    let mut scratch = Pieces::new(ts, theme);
    let (_, title_bottom, phone_top) =
        cover(leaflet, &mut scratch, g, panel, 0.0).map_err(Refusal::Crowded)?;
    let (_, width) = g.column(panel);
    let gap = theme.panel_gap();
    let room = phone_top - title_bottom - 2.0 * gap;
    let lead = on_cover(leaflet, ts, theme, width, room);
    let used = if lead.is_empty() {
        0.0
    } else {
        height_of(ts, theme, &leaflet.body[lead], width) + gap
    };
    let (top, bottom) = g.region();
    let white = phone_top - title_bottom - used;
    Ok((white - COVER_WHITE * (bottom - top)).max(0.0))
}

/// The leading panels set on the cover under the title: the main message
/// and the key points when both fit in `room`, else the key points alone
/// (the main message then opens the inside), else none.
fn on_cover(
    leaflet: &Leaflet,
    ts: &Typesetter,
    theme: &Theme,
    width: f32,
    room: f32,
) -> std::ops::Range<usize> {
    let body = &leaflet.body;
    let lead = body
        .iter()
        .take_while(|n| {
            matches!(
                n,
                Node::Panel {
                    role: PanelRole::Summary | PanelRole::KeyPoints,
                    ..
                }
            )
        })
        .count();
    let fits = |r: &std::ops::Range<usize>| {
        !r.is_empty() && height_of(ts, theme, &body[r.clone()], width) <= room
    };
    [0..lead, lead.saturating_sub(1)..lead]
        .into_iter()
        .find(fits)
        .unwrap_or(0..0)
}

/// The cover's elements, where its title block ends and where its phone starts.
type Cover = (Vec<(Element, Tag)>, f32, f32);

/// The front cover: the clinic's band with logo and name, the title block
/// under it, and the phone number at the foot; with where the title block
/// ends and the phone number starts. The band grows to hold a long name, up
/// to half the cover, and then by `grow`; the phone takes at most a quarter
/// of the cover.
fn cover(
    leaflet: &Leaflet,
    pieces: &mut Pieces,
    g: &Geometry,
    panel: (f32, f32),
    grow: f32,
) -> Result<Cover, Crowded> {
    let (ts, theme) = (pieces.ts, pieces.theme);
    let header = &leaflet.header;
    let (x, w) = g.column(panel);
    let (top, bottom) = g.region();
    let crowded = |detail| Crowded {
        detail,
        place: Place::Cover,
    };
    // A lower band leaves the key points room under the title.
    let key_points = leaflet.body.iter().any(|n| {
        matches!(
            n,
            Node::Panel {
                role: PanelRole::KeyPoints,
                ..
            }
        )
    });
    let mut band = (if key_points { 0.26 } else { 0.36 } * g.height).min(220.0);
    let name = TextStyle {
        size: 18.0,
        leading: 22.0,
        ..theme.band_name
    };
    let name_lines = ts.balanced_lines(&[Span::plain(&header.name)], &name, w - 24.0);
    let name_height = name.leading * name_lines.len() as f32;
    let logo = header.logo.as_ref().map(|(logo, alt)| {
        let mut h = (band * 0.45).min(90.0);
        let mut lw = h / logo.aspect();
        if lw > w - 24.0 {
            lw = w - 24.0;
            h = lw * logo.aspect();
        }
        (logo, alt, lw, h)
    });
    let logo_height = logo.map_or(0.0, |l| l.3 + 12.0);
    band = band.max(logo_height + name_height + 16.0);
    if band > (bottom - top) / 2.0 {
        return Err(crowded(Detail::Name));
    }
    band += grow;
    let mut out = vec![Element::Rect {
        x,
        y: top,
        w,
        h: band,
        radius: 8.0,
        fill: theme.colors.primary,
    }];
    let mut y = top + ((band - logo_height - name_height) / 2.0).max(8.0);
    if let Some((picture, alt, lw, lh)) = logo {
        out.push(Element::Image {
            x: x + (w - lw) / 2.0,
            y,
            w: lw,
            h: lh,
            picture: picture.clone(),
            alt: alt.clone(),
        });
        y += lh + 12.0;
    }
    for line in name_lines {
        let lx = x + (w - line.width) / 2.0;
        out.extend(ts.line_elements(line, &name, lx, y));
        y += name.leading;
    }
    // The phone number at the foot of the cover: the one thing to find fast.
    let mut phone_top = bottom;
    if let Some(phone) = &header.phone {
        let style = TextStyle {
            color: theme.colors.primary,
            ..theme.band_phone
        };
        let lines = ts.balanced_lines(&[Span::plain(phone)], &style, w);
        phone_top = bottom - style.leading * lines.len() as f32;
        if phone_top - top < (bottom - top) * 0.75 {
            return Err(crowded(Detail::Phone));
        }
        let mut top = phone_top;
        for line in lines {
            let lx = x + (w - line.width) / 2.0;
            out.extend(ts.line_elements(line, &style, lx, top));
            top += style.leading;
        }
    }
    let logo_alt = header.logo.as_ref().map(|(_, alt)| alt.as_str());
    let mut out: Vec<(Element, Tag)> = pieces.band(out, logo_alt).collect();
    pieces.title_block(&leaflet.title);
    let title_top = band.max(y - top) + top + 28.0;
    let title = pieces.flow().run(|i| Region {
        page: i,
        x,
        width: w,
        top: title_top,
        bottom: phone_top - theme.panel_gap(),
    });
    if title.regions.len() > 1 {
        return Err(crowded(Detail::Title));
    }
    let elements = title.regions.into_iter().flat_map(|(_, e)| e);
    let title: Vec<(Element, Tag)> = elements.collect();
    let title_bottom = title
        .iter()
        .map(|(e, _)| e.bottom())
        .fold(title_top, f32::max);
    out.extend(title);
    Ok((out, title_bottom, phone_top))
}
