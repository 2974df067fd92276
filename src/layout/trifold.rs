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
use super::flow::{Flowed, Region};
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
}

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
) -> Result<(Document<'a>, f32), Refusal> {
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
    Ok((document, folded.size))
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
    let theme = Theme::new(&clinic.colors, size, false);
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

    let (mut cover, title_bottom, phone_top) =
        cover(leaflet, &mut pieces, g, outside[2]).map_err(Refusal::Crowded)?;
    let body: &[Node] = &leaflet.body;
    // The main message and the key points go on the cover when they fit
    // under the title; else the key points alone, the main message then
    // opening the inside.
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
    let (x, width) = g.column(outside[2]);
    let room = Region {
        page: 0,
        x,
        width,
        top: title_bottom + theme.panel_gap(),
        bottom: phone_top - theme.panel_gap(),
    };
    let fits = |r: &std::ops::Range<usize>| {
        !r.is_empty() && height_of(ts, &theme, &body[r.clone()], width) <= room.bottom - room.top
    };
    let on_cover = [0..lead, lead.saturating_sub(1)..lead]
        .into_iter()
        .find(fits)
        .unwrap_or(0..0);
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
    let region = |limit: f32| {
        move |i: usize| {
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
                bottom: own.min(limit),
            }
        }
    };
    let most = if measure { usize::MAX } else { FLOW_PANELS + 1 };
    let mut placed = flow.place_within(region(bottom), most);
    let panels = placed.regions().count();
    if panels > FLOW_PANELS {
        return Err(Refusal::TooLong(overflow(&flow.draw(placed), top, &theme)));
    }
    if panels < FLOW_PANELS {
        // Balanced: the shortest panels that still hold it all in front of
        // the back, so no panel is left empty while another holds text.
        let fits = |limit| {
            let placed = flow.place_within(region(limit), FLOW_PANELS);
            placed.regions().count() < FLOW_PANELS
        };
        let (mut short, mut tall) = (top, bottom);
        while tall - short > 2.0 {
            let mid = (short + tall) / 2.0;
            if fits(mid) {
                tall = mid;
            } else {
                short = mid;
            }
        }
        placed = flow.place(region(tall));
    }
    let flowed = flow.draw(placed);

    let mut pages = vec![Page::default(), Page::default()];
    pages[0].extend(cover);
    for (r, elements) in flowed.regions {
        pages[r.page].extend(elements);
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
        let theme = Theme::new(&clinic.colors, size, false);
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
fn overflow(flowed: &Flowed, top: f32, theme: &Theme) -> Overflow {
    let over: f32 = flowed.regions[FLOW_PANELS..]
        .iter()
        .map(|(r, elements)| {
            let low = elements.iter().map(|(e, _)| e.bottom());
            low.fold(r.top, f32::max) - top
        })
        .sum();
    let room: f32 = flowed.regions[..FLOW_PANELS]
        .iter()
        .map(|(r, _)| r.bottom - r.top)
        .sum();
    Overflow {
        lines: (over / theme.body.leading).ceil() as usize,
        percent: over / room * 100.0,
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

/// The cover's elements, where its title block ends and where its phone starts.
type Cover = (Vec<(Element, Tag)>, f32, f32);

/// The front cover: the clinic's band with logo and name, the title block
/// under it, and the phone number at the foot; with where the title block
/// ends and the phone number starts. The band grows to hold a long name, up
/// to half the cover; the phone takes at most a quarter of it.
fn cover(
    leaflet: &Leaflet,
    pieces: &mut Pieces,
    g: &Geometry,
    panel: (f32, f32),
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
