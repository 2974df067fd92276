//! The trifold brochure: two landscape pages of three panels, in the order
//! that folds correctly when printed double-sided (flip on the short edge).
//!
//! Outside page: inner flap | back | front cover. Inside page: three panels.
//! The text flows through the inside panels, then the flap. The flap is a
//! little narrower so it tucks in without buckling. Nothing comes within
//! [`FOLD`] of a fold, so a fold a little off never cuts through text.

use super::compose::{Leaflet, Node, TextRole, compose};
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
const STEP: f32 = 0.5;
/// Panels the text flows through: three inside, then the flap.
const FLOW_PANELS: usize = 4;

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

/// Lay `handout` out as a trifold, stepping the body size down to fit; when
/// even the smallest size does not fit, how much is over.
pub fn trifold<'a>(
    handout: &Handout,
    clinic: &'a Clinic,
    options: &Options,
) -> Result<Document<'a>, Overflow> {
    let g = Geometry::new(options.paper);
    let leaflet = compose(handout, clinic, &options.patient);
    let ts = Typesetter::new(clinic, handout, false);
    let inside = g.panels(true);
    let outside = g.panels(false);
    // Flow panel k sits on: inside left, middle, right, then the outside flap.
    let places = [
        (1, inside[0]),
        (1, inside[1]),
        (1, inside[2]),
        (0, outside[0]),
    ];
    let (top, bottom) = g.region();
    let (geometry, places) = (&g, &places);
    let region = |bottom: f32| {
        move |i: usize| {
            // Past the flap: more flap-sized regions, to measure the overflow.
            let (page, panel) = places[i.min(FLOW_PANELS - 1)];
            let (x, width) = geometry.column(panel);
            Region {
                page: if i < FLOW_PANELS { page } else { i },
                x,
                width,
                top,
                bottom,
            }
        }
    };
    let mut size = clinic.body_size;
    let (flowed, theme, mut pieces_nodes) = loop {
        let theme = Theme::new(&clinic.colors, size, false);
        let mut pieces = Pieces::new(&ts, &theme);
        pieces.nodes(&leaflet.body);
        let flow = pieces.flow();
        let flowed = flow.run(region(bottom));
        let nodes = std::mem::take(&mut pieces.nodes);
        if flowed.regions.len() <= FLOW_PANELS {
            // Balanced: the shortest panels that still hold it all, so no
            // panel is left empty while another holds text.
            let (mut short, mut tall) = (top, bottom);
            while tall - short > 2.0 {
                let mid = (short + tall) / 2.0;
                if flow.run(region(mid)).regions.len() <= FLOW_PANELS {
                    tall = mid;
                } else {
                    short = mid;
                }
            }
            break (flow.run(region(tall)), theme, nodes);
        }
        if size - STEP < MIN_BODY {
            return Err(overflow(&flowed, &g, &theme));
        }
        size -= STEP;
    };
    let mut pages = vec![Page::default(), Page::default()];
    for (r, elements) in flowed.regions {
        pages[r.page].extend(elements);
    }
    let mut pieces = Pieces::new(&ts, &theme);
    pieces.nodes = std::mem::take(&mut pieces_nodes);
    let back = back(&leaflet, &mut pieces, &g, outside[1]);
    pages[0].extend(back);
    let cover = cover(&leaflet, &mut pieces, &g, outside[2]);
    pages[0].extend(cover);
    let outline = flowed.outline;
    let document = Document {
        fonts: &clinic.fonts,
        width: g.width,
        height: g.height,
        pages,
        outline,
        metadata: metadata(handout, clinic, options),
        nodes: pieces.nodes,
    };
    Ok(if handout.writing.rtl {
        document.mirrored()
    } else {
        document
    })
}

/// How far past the flap the text runs.
fn overflow(flowed: &Flowed, g: &Geometry, theme: &Theme) -> Overflow {
    let (top, bottom) = g.region();
    let over: f32 = flowed.regions[FLOW_PANELS..]
        .iter()
        .map(|(_, elements)| {
            let low = elements.iter().filter_map(|(e, _)| match e {
                Element::Text { baseline, .. } => Some(*baseline),
                _ => None,
            });
            low.fold(top, f32::max) - top + theme.body.leading / 2.0
        })
        .sum();
    Overflow {
        lines: (over / theme.body.leading).ceil() as usize,
        percent: over / (FLOW_PANELS as f32 * (bottom - top)) * 100.0,
    }
}

/// The back panel: contact block, review date and disclaimer.
fn back(
    leaflet: &Leaflet,
    pieces: &mut Pieces,
    g: &Geometry,
    panel: (f32, f32),
) -> Vec<(Element, Tag)> {
    pieces.nodes(std::slice::from_ref(&leaflet.contact));
    let reviewed = Node::Paragraph {
        role: TextRole::Body,
        text: vec![Span::bold(&leaflet.footer.reviewed)],
    };
    pieces.nodes(&[reviewed, leaflet.disclaimer.clone()]);
    single_panel(pieces, g, panel)
}

/// The front cover: the clinic's band with logo and name, then the title.
fn cover(
    leaflet: &Leaflet,
    pieces: &mut Pieces,
    g: &Geometry,
    panel: (f32, f32),
) -> Vec<(Element, Tag)> {
    let (ts, theme) = (pieces.ts, pieces.theme);
    let header = &leaflet.header;
    let (x, w) = g.column(panel);
    let (top, bottom) = g.region();
    let band = (g.height * 0.36).min(220.0);
    let mut out = vec![Element::Rect {
        x,
        y: top,
        w,
        h: band,
        radius: 8.0,
        fill: theme.colors.primary,
    }];
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
    if let Some(phone) = &header.phone {
        let style = TextStyle {
            color: theme.colors.primary,
            ..theme.band_phone
        };
        let lines = ts.balanced_lines(&[Span::plain(phone)], &style, w);
        let mut top = bottom - style.leading * lines.len() as f32;
        for line in lines {
            let lx = x + (w - line.width) / 2.0;
            out.extend(ts.line_elements(line, &style, lx, top));
            top += style.leading;
        }
    }
    let mut out: Vec<(Element, Tag)> = out.into_iter().map(|e| (e, Tag::Artifact)).collect();
    pieces.title_block(&leaflet.title);
    let drop = band.max(y - top) + 28.0;
    let title = single_panel(pieces, g, panel);
    out.extend(title.into_iter().map(|(e, t)| (e.shifted(0.0, drop), t)));
    out
}

/// The pieces so far, set in one panel.
fn single_panel(pieces: &mut Pieces, g: &Geometry, panel: (f32, f32)) -> Vec<(Element, Tag)> {
    let (x, width) = g.column(panel);
    let (top, bottom) = g.region();
    let flowed = pieces.flow().run(|i| Region {
        page: i,
        x,
        width,
        top,
        bottom,
    });
    flowed
        .regions
        .into_iter()
        .flat_map(|(_, elements)| elements)
        .collect()
}
