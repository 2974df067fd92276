//! Page chrome: the clinic's header band on the first page and the footer on
//! every page. Both wrap what does not fit on one line, so nothing is ever
//! squeezed to nothing or drawn over something else, whatever the clinic's
//! name, phone, website or logo; what would take more than its share of the
//! page is refused as [`Crowded`].

use super::compose::{Footer, Header};
use super::frame::Element;
use super::theme::{LOGO_HEIGHT, MARGIN, RULE, Theme};
use super::typeset::{TextStyle, Typesetter};
use crate::markup::Span;
use crate::text::Line;

type Lines = Vec<Line<super::typeset::Ink>>;

/// Room between the band's edge and what is on it.
const BAND_PAD: (f32, f32) = (18.0, 11.0);
const BAND_MIN_HEIGHT: f32 = 66.0;
/// The logo never takes more than this share of the band.
const LOGO_SHARE: f32 = 0.3;
/// The phone and website never take more than this share of what is left.
const CONTACT_SHARE: f32 = 0.42;
/// The header band takes at most this share of the page's height, the
/// footer this share: the rest is the handout's.
const BAND_SHARE: f32 = 0.25;
const FOOTER_SHARE: f32 = 0.15;

/// Text the page cannot hold where it goes: which, and where.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Crowded {
    pub detail: Detail,
    pub place: Place,
}

/// The clinic detail, or the handout's title, that is too long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    Name,
    Phone,
    Website,
    Title,
}

/// Where on the page it did not fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// The band across the top of a sheet's first page.
    Header,
    /// The foot of every page.
    Footer,
    /// Under the header band, on a sheet's first page.
    FirstPage,
    /// A trifold's front cover.
    Cover,
}

impl Place {
    /// Where, in words.
    pub fn words(self) -> &'static str {
        match self {
            Place::Header => "the band across the top of the first page",
            Place::Footer => "the footer at the foot of every page",
            Place::FirstPage => "the first page",
            Place::Cover => "the trifold's front cover",
        }
    }
}

/// Of the clinic's name and phone, printed together, the longer.
pub fn longer(header: &Header) -> Detail {
    match &header.phone {
        Some(phone) if phone.chars().count() > header.name.chars().count() => Detail::Phone,
        _ => Detail::Name,
    }
}

/// The brand band across the top of the first page, `width` wide at
/// (`x`, `y`): logo, name, phone and website; and its height, at most
/// [`BAND_SHARE`] of `page_height`.
pub fn header_band(
    ts: &Typesetter,
    theme: &Theme,
    header: &Header,
    (x, y, width): (f32, f32, f32),
    page_height: f32,
) -> Result<(Vec<Element>, f32), Crowded> {
    let inner = width - 2.0 * BAND_PAD.0;
    let logo = header.logo.as_ref().map(|(picture, alt)| {
        let mut h = LOGO_HEIGHT;
        let mut w = h / picture.aspect();
        if w > inner * LOGO_SHARE {
            w = inner * LOGO_SHARE;
            h = w * picture.aspect();
        }
        (picture, alt, w, h)
    });
    let text_x = x + BAND_PAD.0 + logo.map_or(0.0, |l| l.2 + 14.0);
    let rest = x + width - BAND_PAD.0 - text_x;
    let right: Vec<(Lines, TextStyle, Detail)> = [
        (header.phone.as_ref(), theme.band_phone, Detail::Phone),
        (header.website.as_ref(), theme.band_site, Detail::Website),
    ]
    .into_iter()
    .filter_map(|(text, style, detail)| {
        let lines = ts.balanced_lines(&[Span::plain(text?)], &style, rest * CONTACT_SHARE);
        Some((lines, style, detail))
    })
    .collect();
    let right_width = right
        .iter()
        .flat_map(|(lines, _, _)| lines.iter().map(|l| l.width))
        .fold(0.0, f32::max);
    let height_of = |(lines, s, _): &(Lines, TextStyle, Detail)| lines.len() as f32 * s.leading;
    let right_height: f32 = right.iter().map(height_of).sum();
    let name_width = rest - right_width - if right.is_empty() { 0.0 } else { 16.0 };
    let name = &theme.band_name;
    let name_lines = ts.balanced_lines(&[Span::plain(&header.name)], name, name_width);
    let name_height = name_lines.len() as f32 * name.leading;
    let content = name_height.max(right_height).max(logo.map_or(0.0, |l| l.3));
    let h = (content + 2.0 * BAND_PAD.1).max(BAND_MIN_HEIGHT);
    if h > page_height * BAND_SHARE {
        let tallest = right
            .iter()
            .max_by(|a, b| height_of(a).total_cmp(&height_of(b)));
        let detail = match tallest {
            Some(t) if height_of(t) > name_height => t.2,
            _ => Detail::Name,
        };
        let place = Place::Header;
        return Err(Crowded { detail, place });
    }
    let mut out = vec![Element::Rect {
        x,
        y,
        w: width,
        h,
        radius: 8.0,
        fill: theme.colors.primary,
    }];
    if let Some((picture, alt, w, lh)) = logo {
        out.push(Element::Image {
            x: x + 14.0,
            y: y + (h - lh) / 2.0,
            w,
            h: lh,
            picture: picture.clone(),
            alt: alt.clone(),
        });
    }
    let mut top = y + (h - name_height) / 2.0;
    for line in name_lines {
        out.extend(ts.line_elements(line, name, text_x, top));
        top += name.leading;
    }
    let end = x + width - BAND_PAD.0;
    let mut top = y + (h - right_height) / 2.0;
    for (lines, style, _) in right {
        for line in lines {
            let lx = end - line.width;
            out.extend(ts.line_elements(line, &style, lx, top));
            top += style.leading;
        }
    }
    Ok((out, h))
}

/// The footer's two texts: the clinic, and the review date with the page.
fn footer_texts(footer: &Footer, page: usize, count: usize) -> [String; 2] {
    [
        footer.clinic.clone(),
        format!("{} · {}", footer.reviewed, footer.page(page, count)),
    ]
}

/// Lines of the footer: both texts on one row when they fit side by side,
/// else each on rows of its own.
fn footer_rows(
    ts: &Typesetter,
    theme: &Theme,
    texts: &[String; 2],
    width: f32,
) -> (Vec<(Lines, f32)>, usize) {
    let style = &theme.small;
    let widths = texts.clone().map(|t| ts.width(&[Span::plain(t)], style));
    if widths[0] + widths[1] + 2.0 * theme.em() <= width {
        let rows = texts
            .iter()
            .zip([0.0, 1.0])
            .map(|(t, align)| (ts.lines(&[Span::plain(t)], style, width), align))
            .collect();
        return (rows, 1);
    }
    // Stacked, the clinic's name and phone each start a row of their own
    // when they do not fit one together, rather than wrap mid-phrase.
    let rows: Vec<(Lines, f32)> = texts
        .iter()
        .zip(widths)
        .flat_map(|(t, w)| t.splitn(if w > width { usize::MAX } else { 1 }, " · "))
        .map(|t| (ts.lines(&[Span::plain(t)], style, width), 0.0))
        .collect();
    let count = rows.iter().map(|(l, _)| l.len()).sum();
    (rows, count)
}

/// The footer's height for a document of up to 99 pages, rule included:
/// at most [`FOOTER_SHARE`] of `page_height`, or the longer of the clinic's
/// name and phone is refused.
pub fn footer_height(
    ts: &Typesetter,
    theme: &Theme,
    (header, footer): (&Header, &Footer),
    width: f32,
    page_height: f32,
) -> Result<f32, Crowded> {
    let (_, rows) = footer_rows(ts, theme, &footer_texts(footer, 99, 99), width);
    // The rule sits 8 pt above the footer's text, the body 7 pt above the rule.
    let height = rows as f32 * theme.small.leading + 15.0;
    if height > page_height * FOOTER_SHARE {
        let detail = longer(header);
        return Err(Crowded {
            detail,
            place: Place::Footer,
        });
    }
    Ok(height)
}

/// Clinic and phone, review date, and "Page N of M", under a thin rule,
/// at the foot of a page `(width, height)`.
pub fn footer(
    ts: &Typesetter,
    theme: &Theme,
    footer: &Footer,
    (width, height): (f32, f32),
    page: usize,
    count: usize,
) -> Vec<Element> {
    let (x, w) = (MARGIN, width - 2.0 * MARGIN);
    let texts = footer_texts(footer, page, count);
    let (rows, n) = footer_rows(ts, theme, &texts, w);
    let style = &theme.small;
    let mut top = height - MARGIN - n as f32 * style.leading;
    let mut out = vec![Element::Rect {
        x,
        y: top - 8.0,
        w,
        h: 0.75,
        radius: 0.0,
        fill: RULE,
    }];
    let side_by_side = n == 1;
    for (lines, align) in rows {
        for line in lines {
            let lx = x + (w - line.width) * align;
            out.extend(ts.line_elements(line, style, lx, top));
            if !side_by_side {
                top += style.leading;
            }
        }
    }
    out
}
