//! The sheet layout: portrait pages with the clinic's header band, title and
//! main message, sections, the warning-signs box, the contact block, and a
//! footer with the review date and "Page N of M" on every page.

use super::content::Content;
use super::flow::paginate;
use super::frame::{Document, Element, Page};
use super::typeset::TextStyle;
use super::{Options, metadata, paper_size};
use crate::markup::Span;
use crate::model::{Clinic, Handout, Rgb};

/// Distance from every page edge to anything drawn; twice what office printers need.
pub const MARGIN: f32 = 48.0;
const BAND_HEIGHT: f32 = 78.0;
/// The logo's printed height on the band.
pub const LOGO_HEIGHT: f32 = BAND_HEIGHT - 22.0;
const FOOTER_HEIGHT: f32 = 36.0;

/// Lay out `handout` for `clinic` as a sheet of one or more pages.
pub fn sheet(handout: &Handout, clinic: &Clinic, options: &Options) -> Document {
    let (width, height) = paper_size(options.paper);
    let first_top = MARGIN + BAND_HEIGHT + 22.0;
    let bottom = height - MARGIN - FOOTER_HEIGHT;
    let frame = (MARGIN, width - 2.0 * MARGIN);
    let mut c = Content::new(
        clinic,
        handout,
        frame,
        bottom - MARGIN,
        clinic.body_size,
        options.large_print,
    );
    c.title(handout);
    if let Some((name, date)) = &options.patient.name {
        c.prepared_for(name, *date, 10.0);
    }
    c.summary(handout, 20.0);
    c.note(&options.patient.note);
    for section in &handout.sections {
        c.section(section);
    }
    c.call_to_action(handout);
    let space = 1.4 * c.em();
    c.disclaimer(space);

    let flowed = paginate(std::mem::take(&mut c.blocks), &c.containers, |page| {
        (if page == 0 { first_top } else { MARGIN }, bottom)
    });
    let count = flowed.pages.len();
    let pages = flowed
        .pages
        .into_iter()
        .enumerate()
        .map(|(i, mut elements)| {
            if i == 0 {
                elements.splice(0..0, header_band(&c, width));
            }
            elements.extend(footer(&c, handout, (width, height), i + 1, count));
            Page { elements }
        })
        .collect();
    let document = Document {
        width,
        height,
        pages,
        outline: flowed.outline,
        metadata: metadata(handout, clinic, options),
    };
    if handout.writing.rtl {
        document.mirrored()
    } else {
        document
    }
}

/// The brand band across the top of the first page: logo, name, phone.
fn header_band(c: &Content, width: f32) -> Vec<Element> {
    let clinic = c.clinic;
    let (x, y, w, h) = (MARGIN, MARGIN, width - 2.0 * MARGIN, BAND_HEIGHT);
    let mut out = vec![Element::Rect {
        x,
        y,
        w,
        h,
        radius: 8.0,
        fill: clinic.colors.primary,
    }];
    let mut text_x = x + 18.0;
    if let Some(logo) = &clinic.logo {
        let lh = LOGO_HEIGHT;
        let lw = lh / logo.aspect();
        out.push(Element::Image {
            x: x + 14.0,
            y: y + 11.0,
            w: lw,
            h: lh,
            picture: logo.clone(),
            alt: clinic
                .logo_alt
                .clone()
                .unwrap_or_else(|| clinic.name.clone()),
        });
        text_x = x + 14.0 + lw + 14.0;
    }
    let name = TextStyle {
        size: 21.0,
        leading: 26.0,
        bold: true,
        italic: false,
        color: Rgb::WHITE,
    };
    let right = x + w - 18.0;
    let mut right_text: Vec<(String, TextStyle)> = Vec::new();
    if let Some(phone) = &clinic.phone {
        right_text.push((
            phone.clone(),
            TextStyle {
                size: 16.0,
                leading: 20.0,
                ..name
            },
        ));
    }
    if let Some(site) = &clinic.website {
        let plain = TextStyle {
            size: 12.0,
            leading: 16.0,
            bold: false,
            ..name
        };
        right_text.push((super::typeset::printed_address(site).to_string(), plain));
    }
    let right_width = right_text
        .iter()
        .map(|(t, s)| c.ts.width(&[Span::plain(t)], s))
        .fold(0.0, f32::max);
    let name_width = right - right_width - 16.0 - text_x;
    let name_lines = c.ts.lines(&[Span::plain(&clinic.name)], &name, name_width);
    let mut top = y + (h - name.leading * name_lines.len() as f32) / 2.0;
    for line in name_lines {
        out.extend(c.ts.line_elements(line, &name, text_x, top));
        top += name.leading;
    }
    let total: f32 = right_text.iter().map(|(_, s)| s.leading).sum();
    let mut top = y + (h - total) / 2.0;
    for (text, style) in &right_text {
        for line in c.ts.lines(&[Span::plain(text)], style, f32::INFINITY) {
            let lx = right - line.width;
            out.extend(c.ts.line_elements(line, style, lx, top));
        }
        top += style.leading;
    }
    out
}

/// Clinic and phone, review date, and "Page N of M", under a thin rule.
fn footer(
    c: &Content,
    h: &Handout,
    (width, height): (f32, f32),
    page: usize,
    count: usize,
) -> Vec<Element> {
    let (x, w) = (MARGIN, width - 2.0 * MARGIN);
    let rule_y = height - MARGIN - FOOTER_HEIGHT + 10.0;
    let style = TextStyle {
        leading: c.small.size * 1.3,
        ..c.small
    };
    let top = height - MARGIN - style.leading;
    let mut out = vec![Element::Rect {
        x,
        y: rule_y,
        w,
        h: 0.75,
        radius: 0.0,
        fill: Rgb(0xb8, 0xc0, 0xc8),
    }];
    let left = match &c.clinic.phone {
        Some(phone) => format!("{} · {phone}", c.clinic.name),
        None => c.clinic.name.clone(),
    };
    let right = format!(
        "{} · {}",
        c.words.reviewed(h.reviewed),
        c.words.page(page, count)
    );
    for (text, align) in [(left, 0.0), (right, 1.0)] {
        for line in c.ts.lines(&[Span::plain(&text)], &style, w / 2.0) {
            let lx = x + (w - line.width) * align;
            out.extend(c.ts.line_elements(line, &style, lx, top));
        }
    }
    out
}
