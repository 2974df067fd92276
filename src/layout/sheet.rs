//! The sheet layout: portrait pages with the clinic's header band and the
//! title across the first page, the body in two columns (one in large print
//! or when the clinic asks for it), and a footer with the review date and
//! "Page N of M" on every page.

use super::chrome::{Crowded, Detail, Place, footer, footer_height, header_band};
use super::compose::{Leaflet, Node, TextRole};
use super::copyfit::{Use, copyfit};
use super::flow::{Flow, Placed, Region};
use super::frame::{Document, Page};
use super::pieces::Pieces;
use super::theme::{GUTTER, MARGIN, Theme};
use super::typeset::Typesetter;
use super::{Options, metadata, paper_size};
use crate::model::{Clinic, Handout};

/// Pages of a placed body.
fn pages(placed: &Placed) -> usize {
    placed.regions().last().map_or(1, |r| r.page + 1)
}

/// Room between the header band and the title, and the title and the columns.
const BAND_GAP: f32 = 16.0;

/// Lay out `leaflet`, composed from `handout` for `clinic`, as a sheet of
/// one or more pages; or what the first page or the chrome cannot hold.
pub fn sheet<'a>(
    handout: &Handout,
    clinic: &'a Clinic,
    leaflet: &Leaflet,
    options: &Options,
) -> Result<Document<'a>, Crowded> {
    let (width, height) = paper_size(options.paper);
    let ts = Typesetter::new(clinic, handout, options.large_print);
    let theme = Theme::new(&clinic.colors, clinic.body_size, options.large_print)
        .spaced_for(ts.script_scale());
    let inner = width - 2.0 * MARGIN;
    let band_at = (MARGIN, MARGIN, inner);
    let (band, band_height) = header_band(&ts, &theme, &leaflet.header, band_at, height)?;
    let chrome = (&leaflet.header, &leaflet.footer);
    let bottom = height - MARGIN - footer_height(&ts, &theme, chrome, inner, height)?;

    let mut pieces = Pieces::new(&ts, &theme);
    let logo_alt = leaflet.header.logo.as_ref().map(|(_, alt)| alt.as_str());
    let band = pieces.band(band, logo_alt);
    pieces.title_block(&leaflet.title);
    let title_top = MARGIN + band_height + BAND_GAP;
    let title = pieces.flow().run(|i| Region {
        page: i,
        x: MARGIN,
        width: inner,
        top: title_top,
        bottom,
    });
    if title.regions.len() > 1 {
        let (detail, place) = (Detail::Title, Place::FirstPage);
        return Err(Crowded { detail, place });
    }
    let title_bottom = title
        .regions
        .first()
        .and_then(|(_, elements)| elements.iter().map(|(e, _)| e.bottom()).reduce(f32::max))
        .unwrap_or(title_top);

    pieces.nodes(&leaflet.body);
    let contact = pieces.pieces.len();
    // The closing, the contact block and the disclaimer are one block:
    // never split, and never apart.
    let closings = leaflet.body.iter().rev();
    let closings = closings.take_while(|n| {
        matches!(
            n,
            Node::Paragraph {
                role: TextRole::Closing,
                ..
            }
        )
    });
    let closing = contact - closings.count();
    for piece in &mut pieces.pieces[closing..] {
        piece.keep_lines = true;
        piece.keep_with_next = true;
    }
    pieces.nodes(std::slice::from_ref(&leaflet.contact));
    // The disclaimer ends the flow, under the contact block and kept with
    // it: fine print never stands alone on a page.
    let disclaimer = pieces.pieces.len();
    pieces.nodes(std::slice::from_ref(&leaflet.disclaimer));
    // The other languages end the last page, under the fine print and kept
    // with it: a line alone in a column reads as a stray.
    let also = pieces.pieces.len();
    pieces.nodes(leaflet.also_available.as_slice());
    let mut flow = pieces.flow();
    flow.floats = true;
    if let Some(last) = disclaimer.checked_sub(1) {
        flow.pieces[last].keep_with_next = true;
    }
    if also < flow.pieces.len() {
        flow.pieces[also - 1].keep_with_next = true;
    }
    for piece in &mut flow.pieces[disclaimer..] {
        piece.keep_lines = true;
    }

    let columns = if options.large_print {
        1
    } else {
        clinic.columns.max(1)
    };
    let column = (inner - GUTTER * (columns - 1) as f32) / columns as f32;
    let first_top = title_bottom + BAND_GAP;
    let top_of = |page: usize| if page == 0 { first_top } else { MARGIN };
    // Columns end at `bottom`, and on page `short` at `limit`.
    let lay = |flow: &Flow, (short, limit): (usize, f32)| {
        flow.place(|i| {
            let page = i / columns;
            Region {
                page,
                x: MARGIN + (i % columns) as f32 * (column + GUTTER),
                width: column,
                top: top_of(page),
                bottom: if page == short { limit } else { bottom },
            }
        })
    };
    let full = (usize::MAX, bottom);
    let mut body = lay(&flow, full);
    // A closing too long to go with the contact block in one column goes
    // before it.
    if body.forced() > 0 && closing < contact {
        flow.pieces[contact - 1].keep_with_next = false;
        let apart = lay(&flow, full);
        if apart.forced() < body.forced() {
            body = apart;
        } else {
            flow.pieces[contact - 1].keep_with_next = true;
        }
    }
    // The last page never holds only the closing and contact block: if it
    // would, the end of what comes before goes with them.
    let last_page_starts = |body: &Placed| {
        let last = pages(body) - 1;
        let first = body.regions().position(|r| r.page == last);
        first.and_then(|r| body.start(r))
    };
    if closing > 0 && last_page_starts(&body).is_some_and(|p| p >= closing) {
        let was = std::mem::replace(&mut flow.pieces[closing - 1].keep_with_next, true);
        let pulled = lay(&flow, full);
        // Unless that makes the block too tall for a page.
        if pulled.forced() <= body.forced() {
            body = pulled;
        } else {
            flow.pieces[closing - 1].keep_with_next = was;
        }
    }
    // Page use as the printed page measures it: per column, the share of
    // the text area (from the top margin) its content reaches down.
    let measure = |placed: &Placed| {
        let count = pages(placed);
        let mut used = vec![0.0; count];
        for r in 0..placed.regions().count() {
            let share = (flow.end(placed, r) - MARGIN) / (bottom - MARGIN);
            used[placed.region(r).page] += share.clamp(0.0, 1.0) / columns as f32;
        }
        let last = used.pop().unwrap_or(0.0);
        let least = used.into_iter().fold(1.0, f32::min);
        Use {
            pages: count,
            least,
            last,
        }
    };
    let body = copyfit(&flow, body, |flow| lay(flow, full), measure);
    // The last page's columns balanced: the shortest columns that keep the
    // page count and split no panel, so the last column is not left empty
    // while the first is full.
    let mut body = body;
    let last = pages(&body) - 1;
    if columns > 1 {
        let (mut short, mut tall) = (top_of(last), bottom);
        while tall - short > 2.0 {
            let mid = (short + tall) / 2.0;
            let balanced = lay(&flow, (last, mid));
            let kept =
                balanced.continued() <= body.continued() && balanced.forced() <= body.forced();
            if pages(&balanced) == last + 1 && kept {
                tall = mid;
            } else {
                short = mid;
            }
        }
        body = lay(&flow, (last, tall));
    }
    let count = pages(&body);
    let body = flow.draw(body);
    let mut pages = vec![Page::default(); count];
    pages[0].extend(band);
    for (_, elements) in title.regions {
        pages[0].extend(elements);
    }
    for (r, elements) in body.regions {
        pages[r.page].extend(elements);
    }
    for (i, page) in pages.iter_mut().enumerate() {
        let chrome = footer(&ts, &theme, &leaflet.footer, (width, height), i + 1, count);
        page.artifacts(chrome);
    }
    let document = Document {
        fonts: &clinic.fonts,
        width,
        height,
        pages,
        outline: body.outline,
        metadata: metadata(handout, clinic, options),
        nodes: pieces.nodes,
    };
    Ok(if handout.writing.rtl {
        document.mirrored()
    } else {
        document
    })
}
