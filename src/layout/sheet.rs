//! The sheet layout: portrait pages with the clinic's header band, title and
//! main message, sections, the warning-signs box, the contact block, and a
//! footer with the review date and "Page N of M" on every page.

use super::flow::{Block, Container, paginate};
use super::frame::{Document, Element, Metadata, Page};
use super::paper_size;
use super::typeset::{TextStyle, Typesetter};
use crate::date::Date;
use crate::markup::{Paragraph, Span};
use crate::model::{Clinic, Handout, Item, ListStyle, Paper, Rgb, Section, SectionKind, Words};

/// Distance from every page edge to anything drawn; twice what office printers need.
pub const MARGIN: f32 = 48.0;
const BAND_HEIGHT: f32 = 78.0;
/// The logo's printed height on the band.
pub const LOGO_HEIGHT: f32 = BAND_HEIGHT - 22.0;
const FOOTER_HEIGHT: f32 = 36.0;
/// Secondary text (footer, disclaimer), kept large enough to read.
const SMALL_SIZE: f32 = 11.0;
const MUTED: Rgb = Rgb(0x44, 0x4c, 0x55);

/// Lay out `handout` for `clinic` on `paper`; `date` goes into the metadata.
pub fn sheet(handout: &Handout, clinic: &Clinic, paper: Paper, date: Date) -> Document {
    let (width, height) = paper_size(paper);
    let body_size = clinic.body_size;
    let mut s = Sheet {
        ts: Typesetter {
            fonts: &clinic.fonts,
            website: clinic.website.as_deref(),
            link_color: clinic.colors.primary,
        },
        clinic,
        words: Words::for_language(&handout.language),
        width,
        height,
        body: TextStyle {
            size: body_size,
            leading: (body_size * 1.45).max(body_size + 2.0),
            bold: false,
            italic: false,
            color: Rgb::INK,
        },
        blocks: Vec::new(),
        containers: Vec::new(),
    };
    s.opening(handout);
    for section in &handout.sections {
        s.section(section);
    }
    s.closing(handout);

    let first_top = MARGIN + BAND_HEIGHT + 22.0;
    let bottom = height - MARGIN - FOOTER_HEIGHT;
    let flowed = paginate(std::mem::take(&mut s.blocks), &s.containers, |page| {
        (if page == 0 { first_top } else { MARGIN }, bottom)
    });
    let count = flowed.pages.len();
    let pages = flowed
        .pages
        .into_iter()
        .enumerate()
        .map(|(i, mut elements)| {
            if i == 0 {
                elements.splice(0..0, s.header_band());
            }
            elements.extend(s.footer(handout, i + 1, count));
            Page { elements }
        })
        .collect();
    Document {
        width,
        height,
        pages,
        outline: flowed.outline,
        metadata: Metadata {
            title: handout.title.clone(),
            author: clinic.name.clone(),
            subject: handout
                .subtitle
                .clone()
                .unwrap_or_else(|| handout.title.clone()),
            keywords: handout.keywords.clone(),
            language: handout.language.clone(),
            date,
        },
    }
}

struct Sheet<'a> {
    ts: Typesetter<'a>,
    clinic: &'a Clinic,
    words: &'static Words,
    width: f32,
    height: f32,
    body: TextStyle,
    blocks: Vec<Block>,
    containers: Vec<Container>,
}

impl Sheet<'_> {
    fn x0(&self) -> f32 {
        MARGIN
    }

    /// Width inside the margins.
    fn content_width(&self) -> f32 {
        self.width - 2.0 * MARGIN
    }

    fn em(&self) -> f32 {
        self.body.size
    }

    fn style(&self, size_factor: f32, leading_factor: f32) -> TextStyle {
        let size = self.body.size * size_factor;
        TextStyle {
            size,
            leading: size * leading_factor,
            ..self.body
        }
    }

    fn push(&mut self, blocks: Vec<Block>) {
        self.blocks.extend(blocks);
    }

    fn paragraphs(
        &mut self,
        paragraphs: &[Paragraph],
        style: &TextStyle,
        x: f32,
        width: f32,
        first_space: f32,
    ) {
        for (i, p) in paragraphs.iter().enumerate() {
            let space = if i == 0 {
                first_space
            } else {
                style.size * 0.6
            };
            let blocks = self.ts.blocks(p, style, x, width, space);
            self.push(blocks);
        }
    }

    /// Lines that must stay with what follows (titles, headings).
    fn kept(
        &self,
        text: &str,
        style: &TextStyle,
        x: f32,
        width: f32,
        space_before: f32,
    ) -> Vec<Block> {
        let lines = self.ts.balanced_lines(&[Span::plain(text)], style, width);
        let mut blocks = self.ts.blocks_of(lines, style, x, space_before);
        for b in &mut blocks {
            b.keep_with_next = true;
        }
        blocks
    }

    fn opening(&mut self, h: &Handout) {
        let (x, w) = (self.x0(), self.content_width());
        let title = self
            .style(2.1, 1.15)
            .bold()
            .with_color(self.clinic.colors.primary);
        let blocks = self.kept(&h.title, &title, x, w, 0.0);
        self.push(blocks);
        if let Some(sub) = &h.subtitle {
            let style = self.style(1.3, 1.3).with_color(MUTED);
            let blocks = self.kept(sub, &style, x, w, 4.0);
            self.push(blocks);
        }
        if let Some(last) = self.blocks.last_mut() {
            last.keep_with_next = false;
        }
        if !h.summary.is_empty() {
            let pad = 14.0;
            let c = self.container(Container {
                x,
                w,
                pad,
                fill: Some(self.clinic.colors.primary.tint(0.09)),
                border: None,
                bar: Some(self.clinic.colors.accent),
                radius: 0.0,
            });
            let style = self.style(1.1, 1.45);
            let start = self.blocks.len();
            self.paragraphs(&h.summary, &style, x + 22.0, w - 40.0, 20.0 + pad);
            self.contain(start, c);
        }
    }

    fn container(&mut self, c: Container) -> usize {
        self.containers.push(c);
        self.containers.len() - 1
    }

    /// Put the blocks from `start` on into container `c`; the block after
    /// them gets room for the panel's padding.
    fn contain(&mut self, start: usize, c: usize) {
        for b in &mut self.blocks[start..] {
            b.container = Some(c);
        }
    }

    fn heading(&mut self, text: &str, color: Rgb, x: f32, width: f32, space_before: f32) {
        let style = self.style(1.5, 1.2).bold().with_color(color);
        let mut blocks = self.kept(text, &style, x, width, space_before);
        if let Some(first) = blocks.first_mut() {
            first.bookmark = Some(text.to_string());
        }
        self.push(blocks);
        // A short accent rule under the heading; kept with it.
        self.push(vec![Block {
            height: 10.0,
            keep_with_next: true,
            elements: vec![Element::Rect {
                x,
                y: 3.0,
                w: 2.8 * self.em(),
                h: 3.0,
                radius: 1.5,
                fill: self.clinic.colors.accent,
            }],
            ..Block::default()
        }]);
    }

    fn section(&mut self, section: &Section) {
        if section.kind == SectionKind::WarningSigns {
            return self.warning_box(section);
        }
        let (x, w) = (self.x0(), self.content_width());
        self.heading(
            &section.heading,
            self.clinic.colors.primary,
            x,
            w,
            1.7 * self.em(),
        );
        let first_content = self.blocks.len();
        let body = self.body;
        self.paragraphs(&section.intro, &body, x, w, 0.0);
        self.items(section, x, w, self.clinic.colors.primary);
        // "At least two lines of what follows" even when the first paragraph is one line.
        if let Some(b) = self.blocks.get_mut(first_content) {
            b.keep_with_next = true;
        }
    }

    fn items(&mut self, section: &Section, x: f32, width: f32, bullet: Rgb) {
        for (n, item) in section.items.iter().enumerate() {
            let marker = match section.style {
                ListStyle::Numbered => Marker::Number(n + 1),
                ListStyle::Bullets => Marker::Bullet(bullet),
            };
            let space = if n == 0 && section.intro.is_empty() {
                0.2
            } else {
                0.75
            } * self.em();
            self.item(item, marker, x, width, space);
        }
    }

    fn item(&mut self, item: &Item, marker: Marker, x: f32, width: f32, space_before: f32) {
        let indent = 2.1 * self.em();
        let (tx, tw) = (x + indent, width - indent);
        let start = self.blocks.len();
        match &item.picture {
            None => {
                if let Some(title) = &item.title {
                    let mut blocks = self
                        .ts
                        .blocks(title, &self.body.bold(), tx, tw, space_before);
                    blocks.iter_mut().for_each(|b| b.keep_with_next = true);
                    self.push(blocks);
                }
                let gap = if item.title.is_some() {
                    2.0
                } else {
                    space_before
                };
                let body = self.body;
                self.paragraphs(&item.text, &body, tx, tw, gap);
                if item.title.is_some() && item.text.is_empty() {
                    if let Some(last) = self.blocks.last_mut() {
                        last.keep_with_next = false;
                    }
                }
            }
            Some((picture, alt)) => {
                let block = self.pictured_item(item, picture, alt, tx, tw, space_before);
                self.blocks.push(block);
            }
        }
        if let Some(first) = self.blocks.get_mut(start) {
            let markers = marker.elements(&self.ts, &self.body, x, self.clinic.colors.accent);
            first.elements.extend(markers);
        }
    }

    /// An item with its picture on the right, as one unbreakable block.
    fn pictured_item(
        &self,
        item: &Item,
        picture: &crate::picture::Picture,
        alt: &str,
        x: f32,
        width: f32,
        space_before: f32,
    ) -> Block {
        let gap = self.em();
        let mut pw = (width * 0.32).min(150.0);
        let mut ph = pw * picture.aspect();
        if ph > 170.0 {
            ph = 170.0;
            pw = ph / picture.aspect();
        }
        let text_width = width - pw - gap;
        let mut elements = Vec::new();
        let mut y = 0.0;
        let title = item.title.iter().map(|t| (t, self.body.bold()));
        let texts = item.text.iter().map(|t| (t, self.body));
        for (i, (para, style)) in title.chain(texts).enumerate() {
            if i > 0 && !(i == 1 && item.title.is_some()) {
                y += style.size * 0.6;
            }
            for line in self.ts.lines(para, &style, text_width) {
                elements.extend(self.ts.line_elements(line, &style, x, y));
                y += style.leading;
            }
        }
        elements.push(Element::Image {
            x: x + text_width + gap,
            y: 3.0,
            w: pw,
            h: ph,
            picture: picture.clone(),
            alt: alt.to_string(),
        });
        Block {
            height: y.max(ph + 6.0),
            space_before,
            elements,
            ..Block::default()
        }
    }

    fn warning_box(&mut self, section: &Section) {
        let color = self.clinic.colors.warning;
        let pad = 14.0;
        let (x, w) = (self.x0(), self.content_width());
        let c = self.container(Container {
            x,
            w,
            pad,
            fill: Some(color.tint(0.07)),
            border: Some((color, 2.5)),
            bar: None,
            radius: 8.0,
        });
        let (ix, iw) = (x + 18.0, w - 36.0);
        let start = self.blocks.len();
        self.heading(&section.heading, color, ix, iw, 1.7 * self.em() + pad);
        let body = self.body;
        self.paragraphs(&section.intro, &body, ix, iw, 0.0);
        self.items(section, ix, iw, color);
        self.contain(start, c);
        // Safety information reads as one piece: keep the box whole when it fits a page.
        let total: f32 = self.blocks[start..]
            .iter()
            .map(|b| b.height + b.space_before)
            .sum();
        if total < (self.height - 2.0 * MARGIN) * 0.6 {
            let end = self.blocks.len() - 1;
            self.blocks[start..end]
                .iter_mut()
                .for_each(|b| b.keep_with_next = true);
        }
        self.after_container(pad);
    }

    /// Room below a panel before whatever follows it.
    fn after_container(&mut self, pad: f32) {
        self.push(vec![Block {
            height: pad,
            ..Block::default()
        }]);
    }

    fn closing(&mut self, h: &Handout) {
        let (x, w) = (self.x0(), self.content_width());
        let style = self.style(1.1, 1.45).bold();
        let start = self.blocks.len();
        self.paragraphs(&h.closing, &style, x, w, 1.6 * self.em());
        self.contact_block(x, w);
        // The call to action reads with the contact details it points to.
        let end = self.blocks.len() - 1;
        self.blocks[start..end]
            .iter_mut()
            .for_each(|b| b.keep_with_next = true);
        let disclaimer = self
            .clinic
            .disclaimer
            .as_deref()
            .unwrap_or(self.words.disclaimer);
        let small = TextStyle {
            size: SMALL_SIZE,
            leading: SMALL_SIZE * 1.4,
            color: MUTED,
            ..self.body
        };
        let blocks = self.ts.blocks(
            &crate::markup::inline(disclaimer),
            &small,
            x,
            w,
            1.4 * self.em(),
        );
        self.push(blocks);
    }

    fn contact_block(&mut self, x: f32, w: f32) {
        let clinic = self.clinic;
        let pad = 14.0;
        let c = self.container(Container {
            x,
            w,
            pad,
            fill: Some(clinic.colors.primary.tint(0.09)),
            border: None,
            bar: None,
            radius: 8.0,
        });
        let (ix, iw) = (x + 18.0, w - 36.0);
        let start = self.blocks.len();
        let heading = self
            .style(1.25, 1.3)
            .bold()
            .with_color(clinic.colors.primary);
        let blocks = self.kept(self.words.contact, &heading, ix, iw, 1.2 * self.em() + pad);
        self.push(blocks);
        let mut lines: Vec<(Paragraph, TextStyle)> =
            vec![(vec![Span::bold(&clinic.name)], self.body)];
        if let Some(phone) = &clinic.phone {
            lines.push((vec![Span::bold(phone)], self.style(1.45, 1.3)));
        }
        let link = |url: &str, prefix: &str| Span {
            link: Some(format!("{prefix}{url}")),
            ..Span::plain(super::typeset::printed_address(url))
        };
        if let Some(address) = &clinic.address {
            lines.push((vec![Span::plain(address)], self.body));
        }
        if let Some(site) = &clinic.website {
            lines.push((vec![link(site, "")], self.body));
        }
        if let Some(email) = &clinic.email {
            lines.push((vec![link(email, "mailto:")], self.body));
        }
        if let Some(booking) = &clinic.booking_url {
            let label = Span::plain(format!("{}: ", self.words.book_online));
            lines.push((vec![label, link(booking, "")], self.body));
        }
        for (para, style) in lines {
            let blocks = self.ts.blocks(&para, &style, ix, iw, 0.0);
            self.push(blocks);
        }
        self.contain(start, c);
        let end = self.blocks.len() - 1;
        self.blocks[start..end]
            .iter_mut()
            .for_each(|b| b.keep_with_next = true);
        self.after_container(pad);
    }

    /// The brand band across the top of the first page: logo, name, phone.
    fn header_band(&self) -> Vec<Element> {
        let clinic = self.clinic;
        let (x, y, w, h) = (MARGIN, MARGIN, self.content_width(), BAND_HEIGHT);
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
            .map(|(t, s)| self.ts.width(&[Span::plain(t)], s))
            .fold(0.0, f32::max);
        let name_width = right - right_width - 16.0 - text_x;
        let name_lines = self
            .ts
            .lines(&[Span::plain(&clinic.name)], &name, name_width);
        let mut top = y + (h - name.leading * name_lines.len() as f32) / 2.0;
        for line in name_lines {
            out.extend(self.ts.line_elements(line, &name, text_x, top));
            top += name.leading;
        }
        let total: f32 = right_text.iter().map(|(_, s)| s.leading).sum();
        let mut top = y + (h - total) / 2.0;
        for (text, style) in &right_text {
            for line in self.ts.lines(&[Span::plain(text)], style, f32::INFINITY) {
                let lx = right - line.width;
                out.extend(self.ts.line_elements(line, style, lx, top));
            }
            top += style.leading;
        }
        out
    }

    /// Clinic and phone, review date, and "Page N of M", under a thin rule.
    fn footer(&self, h: &Handout, page: usize, count: usize) -> Vec<Element> {
        let (x, w) = (MARGIN, self.content_width());
        let rule_y = self.height - MARGIN - FOOTER_HEIGHT + 10.0;
        let style = TextStyle {
            size: SMALL_SIZE,
            leading: SMALL_SIZE * 1.3,
            bold: false,
            italic: false,
            color: MUTED,
        };
        let top = self.height - MARGIN - style.leading;
        let mut out = vec![Element::Rect {
            x,
            y: rule_y,
            w,
            h: 0.75,
            radius: 0.0,
            fill: Rgb(0xb8, 0xc0, 0xc8),
        }];
        let left = match &self.clinic.phone {
            Some(phone) => format!("{} · {phone}", self.clinic.name),
            None => self.clinic.name.clone(),
        };
        let right = format!(
            "{} {} · {} {page} {} {count}",
            self.words.reviewed,
            h.reviewed.month_year(),
            self.words.page,
            self.words.of
        );
        for (text, align) in [(left, 0.0), (right, 1.0)] {
            for line in self.ts.lines(&[Span::plain(&text)], &style, w / 2.0) {
                let lx = x + (w - line.width) * align;
                out.extend(self.ts.line_elements(line, &style, lx, top));
            }
        }
        out
    }
}

/// What stands before a list item.
enum Marker {
    Number(usize),
    Bullet(Rgb),
}

impl Marker {
    /// Elements for the marker beside a first line that starts at `top` = 0.
    fn elements(&self, ts: &Typesetter, body: &TextStyle, x: f32, accent: Rgb) -> Vec<Element> {
        let center_y = ts.baseline(body) - 0.36 * body.size;
        match self {
            Marker::Bullet(color) => vec![Element::Disc {
                cx: x + 0.7 * body.size,
                cy: center_y,
                r: 0.2 * body.size,
                fill: *color,
            }],
            Marker::Number(n) => {
                let r = 0.78 * body.size;
                let style = TextStyle {
                    size: body.size * 0.95,
                    color: Rgb::INK,
                    ..body.bold()
                };
                let text = [Span::plain(n.to_string())];
                let mut out = vec![Element::Disc {
                    cx: x + r,
                    cy: center_y,
                    r,
                    fill: accent,
                }];
                for line in ts.lines(&text, &style, f32::INFINITY) {
                    let top = center_y - ts.baseline(&style) + 0.36 * style.size;
                    let lx = x + r - line.width / 2.0;
                    out.extend(ts.line_elements(line, &style, lx, top));
                }
                out
            }
        }
    }
}
