//! The trifold's front cover: the clinic's colour band with logo and name,
//! the title block, the main message or key points when they fit under
//! it, and the phone number at the foot.

use super::{Geometry, height_of};
use crate::layout::Refusal;
use crate::layout::chrome::{Crowded, Detail, Place};
use crate::layout::compose::{Leaflet, Node, PanelRole};
use crate::layout::flow::Region;
use crate::layout::frame::{Element, Page, Tag};
use crate::layout::pieces::Pieces;
use crate::layout::theme::Theme;
use crate::layout::typeset::{TextStyle, Typesetter};
use crate::markup::Span;

/// The white left on the cover between its text and the phone number, as
/// a share of the cover's height; the rest goes to the colour band.
const COVER_WHITE: f32 = 0.1;

/// The two pages with the cover set (and the main message on it when it
/// fits), and the body nodes left for the panels.
pub(super) fn front<'l>(
    leaflet: &'l Leaflet,
    pieces: &mut Pieces,
    g: &Geometry,
) -> Result<(Vec<Page>, Vec<&'l Node>), Refusal> {
    let (ts, theme) = (pieces.ts, pieces.theme);
    let outside = g.panels(false);
    let grow = cover_growth(leaflet, ts, theme, g, outside[2])?;
    let (mut cover, title_bottom, phone_top) =
        cover(leaflet, pieces, g, outside[2], grow).map_err(Refusal::Crowded)?;
    let body: &[Node] = &leaflet.body;
    let (x, width) = g.column(outside[2]);
    let room = Region {
        page: 0,
        x,
        width,
        top: title_bottom + theme.panel_gap(),
        bottom: phone_top - theme.panel_gap(),
    };
    let on_cover = on_cover(leaflet, ts, theme, width, room.bottom - room.top);
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
    let rest = body[..on_cover.start].iter().chain(&body[on_cover.end..]);
    let mut pages = vec![Page::default(), Page::default()];
    pages[0].extend(cover);
    Ok((pages, rest.collect()))
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
