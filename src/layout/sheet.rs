//! The sheet layout: portrait pages with the clinic's header band and the
//! title across the first page, the body in two columns (one in large print
//! or when the clinic asks for it), and a footer with the review date and
//! "Page N of M" on every page.

use super::band::{Band, lay_above};
use super::chrome::{Crowded, Detail, Place, footer, footer_height, header_band};
use super::code_beside::CodeBeside;
use super::columns::{Columns, pages};
use super::compose::{Leaflet, Node, TextRole};
use super::copyfit::{Use, copyfit};
use super::flow::{Flow, Placed, Region, Spacing};
use super::frame::{Document, Page};
use super::pieces::Pieces;
use super::theme::{GUTTER, MARGIN, Theme};
use super::typeset::Typesetter;
use super::{Laid, Options, Refusal, metadata, paper_size};
use crate::model::{Clinic, Handout};

/// Room between the header band and the title, and the title and the columns.
const BAND_GAP: f32 = 16.0;

/// Lay out `leaflet`, composed from `handout` for `clinic`, as a sheet of
/// one or more pages; or what the first page or the chrome cannot hold.
pub fn sheet<'a>(
    handout: &Handout,
    clinic: &'a Clinic,
    leaflet: &Leaflet,
    options: &Options,
) -> Result<Laid<'a>, Refusal> {
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
        return Err(Crowded { detail, place }.into());
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

    let across = if options.large_print {
        1
    } else {
        clinic.columns
    };
    let columns = Columns::across(across, MARGIN, inner, (title_bottom + BAND_GAP, bottom));
    // In one column the code goes beside the contact lines: under them,
    // the contact panel alone takes most of a large-print page. Fitted at
    // the tightest spacing copyfitting may choose, so it never overhangs.
    let code = (columns.count == 1)
        .then(|| CodeBeside::take(&mut flow, columns.width, Spacing::at(-1.0)))
        .flatten();
    let full = columns.full();
    let mut body = columns.lay(&flow, full);
    // A closing too long to go with the contact block in one column goes
    // before it.
    if body.forced() > 0 && closing < contact {
        flow.pieces[contact - 1].keep_with_next = false;
        let apart = columns.lay(&flow, full);
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
        let pulled = columns.lay(&flow, full);
        // Unless that makes the block too tall for a page.
        if pulled.forced() <= body.forced() {
            body = pulled;
        } else {
            flow.pieces[closing - 1].keep_with_next = was;
        }
    }
    let measure = |placed: &Placed| columns.measure(&flow, placed, 0.0);
    let body = copyfit(&flow, body, |flow| columns.lay(flow, full), measure);
    let (body, foot) = match ending(&columns, &flow, closing, measure(&body)) {
        Some((head, placed, band)) => {
            let last = pages(&placed) - 1;
            let drawn = band.draw(last, MARGIN, band.top(&columns, &head, &placed));
            (head.draw(placed), Some((last, drawn)))
        }
        None => {
            let last = pages(&body) - 1;
            let lay = |at| Some(columns.lay(&flow, columns.end(last, at)));
            let balanced = columns.balance(&body, last, bottom, lay);
            let placed = balanced.map_or(body, |(placed, _)| placed);
            let drawn = code.as_ref().and_then(|c| c.draw(&flow, &placed));
            let foot = drawn.map(|(page, elements)| (page, (elements, Vec::new())));
            (flow.draw(placed), foot)
        }
    };
    let count = body.regions.last().map_or(1, |(r, _)| r.page + 1);
    let mut pages = vec![Page::default(); count];
    pages[0].extend(band);
    for (_, elements) in title.regions {
        pages[0].extend(elements);
    }
    for (r, elements) in body.regions {
        pages[r.page].extend(elements);
    }
    let mut outline = body.outline;
    if let Some((last, (elements, marks))) = foot {
        pages[last].extend(elements);
        outline.extend(marks);
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
        outline,
        metadata: metadata(handout, clinic, options),
        nodes: pieces.nodes,
    };
    // A sheet sets the body at the clinic's size.
    Ok(Laid::new(document, handout, None))
}

/// When the ending set in a column leaves the last page short (`used`),
/// the ending as a band across that page's foot (pieces `closing` on of
/// `flow`), if that uses the pages better: the flow before the ending,
/// placed with its last page above the band, and the band. Else the flow
/// is left at its spacing.
fn ending<'a>(
    columns: &Columns,
    flow: &Flow<'a>,
    closing: usize,
    used: Use,
) -> Option<(Flow<'a>, Placed, Band<'a>)> {
    if columns.count < 2 || used.fills() || closing == 0 {
        return None;
    }
    let inner = columns.width * columns.count as f32 + GUTTER * (columns.count - 1) as f32;
    let band = Band::new(flow, closing, inner);
    let head = flow.part(0..closing);
    let chosen = flow.spacing();
    let lay = |spacing| {
        flow.space(spacing);
        columns.lay(flow, columns.full())
    };
    let with_band = lay_above(columns, &head, &band, lay);
    flow.space(chosen);
    let (placed, with_band) = with_band?;
    with_band.beats(&used).then_some((head, placed, band))
}
