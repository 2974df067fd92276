//! The trifold brochure: two landscape pages of three panels, in the order
//! that folds correctly when printed double-sided (flip on the short edge).
//!
//! Outside page: inner flap | back | front cover. Inside page: three panels.
//! The text flows through the inside panels, then the flap. The flap is a
//! little narrower so it tucks in without buckling. Nothing comes within
//! [`FOLD`] of a fold, so a fold a little off never cuts through text.

use super::content::Content;
use super::flow::{Flowed, paginate};
use super::frame::{Bookmark, Document, Element, Page};
use super::typeset::TextStyle;
use super::{Options, PatientCopy, metadata, paper_size};
use crate::markup::Span;
use crate::model::{Clinic, Handout, Rgb};

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

    /// The content column of a panel: clear of the page edge and the folds.
    fn column(&self, (left, right): (f32, f32)) -> (f32, f32) {
        let l = if left == 0.0 { EDGE } else { FOLD };
        let r = if right >= self.width { EDGE } else { FOLD };
        (left + l, right - left - l - r)
    }

    /// The narrowest column: the flowing text is set to this width everywhere.
    fn flow_width(&self) -> f32 {
        self.flap - EDGE - FOLD
    }

    fn region(&self) -> (f32, f32) {
        (EDGE, self.height - EDGE)
    }
}

/// Lay `handout` out as a trifold, stepping the body size down to fit; when
/// even the smallest size does not fit, how much is over.
pub fn trifold(
    handout: &Handout,
    clinic: &Clinic,
    options: &Options,
) -> Result<Document, Overflow> {
    let g = Geometry::new(options.paper);
    let mut size = clinic.body_size;
    let (flowed, body) = loop {
        let (flowed, body) = flow(handout, clinic, &options.patient, &g, size);
        if flowed.pages.len() <= FLOW_PANELS {
            break (flowed, body);
        }
        if size - STEP < MIN_BODY {
            return Err(overflow(&flowed, &g, &body));
        }
        size -= STEP;
    };
    let inside = g.panels(true);
    let outside = g.panels(false);
    // Flow panel k sits on: inside left, middle, right, then the outside flap.
    let places = [
        (1, inside[0]),
        (1, inside[1]),
        (1, inside[2]),
        (0, outside[0]),
    ];
    let mut pages = vec![Page::default(), Page::default()];
    for (k, elements) in flowed.pages.into_iter().enumerate() {
        let (page, panel) = places[k];
        let x = g.column(panel).0;
        pages[page]
            .elements
            .extend(elements.into_iter().map(|e| e.shifted(x, 0.0)));
    }
    pages[0]
        .elements
        .extend(back(handout, clinic, &g, outside[1], body.size));
    pages[0].elements.extend(cover(
        handout,
        clinic,
        &options.patient,
        &g,
        outside[2],
        body.size,
    ));
    let outline = flowed
        .outline
        .into_iter()
        .map(|b| Bookmark {
            page: places[b.page].0,
            ..b
        })
        .collect();
    let document = Document {
        width: g.width,
        height: g.height,
        pages,
        outline,
        metadata: metadata(handout, clinic, options),
    };
    Ok(if handout.writing.rtl {
        document.mirrored()
    } else {
        document
    })
}

/// The flowing text at one body size: main message, sections, call to action.
fn flow(
    handout: &Handout,
    clinic: &Clinic,
    patient: &PatientCopy,
    g: &Geometry,
    size: f32,
) -> (Flowed, TextStyle) {
    let (top, bottom) = g.region();
    let mut c = Content::new(
        clinic,
        handout,
        (0.0, g.flow_width()),
        bottom - top,
        size,
        false,
    );
    c.summary(handout, 0.0);
    c.note(&patient.note);
    for section in &handout.sections {
        c.section(section);
    }
    c.closing(handout);
    let body = c.body;
    (
        paginate(std::mem::take(&mut c.blocks), &c.containers, |_| g.region()),
        body,
    )
}

/// How far past the flap the text runs.
fn overflow(flowed: &Flowed, g: &Geometry, body: &TextStyle) -> Overflow {
    let (top, bottom) = g.region();
    let over: f32 = flowed.pages[FLOW_PANELS..]
        .iter()
        .map(|elements| {
            let low = elements.iter().filter_map(|e| match e {
                Element::Text { baseline, .. } => Some(*baseline),
                _ => None,
            });
            low.fold(top, f32::max) - top + body.leading / 2.0
        })
        .sum();
    Overflow {
        lines: (over / body.leading).ceil() as usize,
        percent: over / (FLOW_PANELS as f32 * (bottom - top)) * 100.0,
    }
}

/// The back panel: contact block, review date and disclaimer.
fn back(
    handout: &Handout,
    clinic: &Clinic,
    g: &Geometry,
    panel: (f32, f32),
    size: f32,
) -> Vec<Element> {
    let (x, w) = g.column(panel);
    let mut c = panel_content(handout, clinic, g, w, size);
    c.contact_block(0.0, w, false);
    let reviewed = c.words.reviewed(handout.reviewed);
    let style = c.body.bold();
    let blocks =
        c.ts.blocks(&[Span::plain(reviewed)], &style, 0.0, w, c.em());
    c.push(blocks);
    let space = c.em();
    c.disclaimer(space);
    single_panel(c, g, x)
}

/// The front cover: the clinic's band with logo and name, then the title.
fn cover(
    handout: &Handout,
    clinic: &Clinic,
    patient: &PatientCopy,
    g: &Geometry,
    panel: (f32, f32),
    size: f32,
) -> Vec<Element> {
    let (x, w) = g.column(panel);
    let (top, bottom) = g.region();
    let band = (g.height * 0.36).min(220.0);
    let mut out = vec![Element::Rect {
        x,
        y: top,
        w,
        h: band,
        radius: 8.0,
        fill: clinic.colors.primary,
    }];
    let mut c = panel_content(handout, clinic, g, w, size);
    let name = TextStyle {
        size: 18.0,
        leading: 22.0,
        bold: true,
        italic: false,
        color: Rgb::WHITE,
    };
    let name_lines =
        c.ts.balanced_lines(&[Span::plain(&clinic.name)], &name, w - 24.0);
    let name_height = name.leading * name_lines.len() as f32;
    let logo = clinic.logo.as_ref().map(|logo| {
        let h = (band * 0.45).min(90.0);
        (logo, h / logo.aspect(), h)
    });
    let logo_height = logo.map_or(0.0, |l| l.2 + 12.0);
    let mut y = top + (band - logo_height - name_height) / 2.0;
    if let Some((picture, lw, lh)) = logo {
        let alt = clinic
            .logo_alt
            .clone()
            .unwrap_or_else(|| clinic.name.clone());
        out.push(Element::Image {
            x: x + (w - lw) / 2.0,
            y,
            w: lw,
            h: lh,
            picture: picture.clone(),
            alt,
        });
        y += lh + 12.0;
    }
    for line in name_lines {
        let lx = x + (w - line.width) / 2.0;
        out.extend(c.ts.line_elements(line, &name, lx, y));
        y += name.leading;
    }
    // The phone number at the foot of the cover: the one thing to find fast.
    if let Some(phone) = &clinic.phone {
        let style = TextStyle {
            size: 16.0,
            leading: 20.0,
            color: clinic.colors.primary,
            ..name
        };
        for line in c.ts.lines(&[Span::plain(phone)], &style, w) {
            let lx = x + (w - line.width) / 2.0;
            out.extend(c.ts.line_elements(line, &style, lx, bottom - style.leading));
        }
    }
    c.title(handout);
    if let Some((name, date)) = &patient.name {
        c.prepared_for(name, *date, 10.0);
    }
    let title = single_panel(c, g, x);
    let drop = band + 28.0;
    out.extend(title.into_iter().map(|e| e.shifted(0.0, drop)));
    out
}

/// Content for one panel `w` wide.
fn panel_content<'a>(
    handout: &'a Handout,
    clinic: &'a Clinic,
    g: &Geometry,
    w: f32,
    size: f32,
) -> Content<'a> {
    let (top, bottom) = g.region();
    Content::new(clinic, handout, (0.0, w), bottom - top, size, false)
}

/// Flow content that must fit one panel, placed at `x`.
fn single_panel(c: Content, g: &Geometry, x: f32) -> Vec<Element> {
    let Content {
        blocks, containers, ..
    } = c;
    let flowed = paginate(blocks, &containers, |_| g.region());
    flowed
        .pages
        .into_iter()
        .flatten()
        .map(|e| e.shifted(x, 0.0))
        .collect()
}
