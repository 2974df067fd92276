//! The content every layout flows: title, main message, sections with their
//! items, the warning-signs box, the call to action and contact block, the
//! disclaimer — as measured blocks for [`super::flow`], inside a frame (x and
//! width) that the layout chooses.

use super::flow::{Block, Container};
use super::frame::Element;
use super::typeset::{TextStyle, Typesetter};
use crate::markup::{Paragraph, Span};
use crate::model::{Clinic, Handout, Item, ListStyle, Rgb, Section, SectionKind, Words};

/// Secondary text (footer, disclaimer), kept large enough to read.
const SMALL_SIZE: f32 = 11.0;
/// Secondary text in large print.
const LARGE_SMALL_SIZE: f32 = 14.0;
/// The health-literacy figure for large print.
pub const LARGE_PRINT_SIZE: f32 = 18.0;
pub const MUTED: Rgb = Rgb(0x44, 0x4c, 0x55);

pub struct Content<'a> {
    pub ts: Typesetter<'a>,
    pub clinic: &'a Clinic,
    pub words: &'a Words,
    /// Left edge and width of the column the content flows in.
    pub frame: (f32, f32),
    /// Height of one page or panel of flow, for keeping boxes whole.
    pub flow_height: f32,
    pub body: TextStyle,
    /// Footer and disclaimer.
    pub small: TextStyle,
    pub blocks: Vec<Block>,
    pub containers: Vec<Container>,
}

impl<'a> Content<'a> {
    /// Content for `clinic` at `body_size`; `large_print` sets 18 pt or more
    /// and turns italics into bold.
    pub fn new(
        clinic: &'a Clinic,
        handout: &'a Handout,
        frame: (f32, f32),
        flow_height: f32,
        body_size: f32,
        large_print: bool,
    ) -> Content<'a> {
        let size = if large_print {
            body_size.max(LARGE_PRINT_SIZE)
        } else {
            body_size
        };
        let body = TextStyle {
            size,
            leading: (size * 1.45).max(size + 2.0),
            bold: false,
            italic: false,
            color: Rgb::INK,
        };
        let small_size = if large_print {
            LARGE_SMALL_SIZE
        } else {
            SMALL_SIZE
        };
        Content {
            ts: Typesetter {
                fonts: &clinic.fonts,
                website: clinic.website.as_deref(),
                link_color: clinic.colors.primary,
                italic_as_bold: large_print,
                writing: &handout.writing,
            },
            clinic,
            words: &handout.words,
            frame,
            flow_height,
            body,
            small: TextStyle {
                size: small_size,
                leading: small_size * 1.4,
                color: MUTED,
                ..body
            },
            blocks: Vec::new(),
            containers: Vec::new(),
        }
    }

    fn x0(&self) -> f32 {
        self.frame.0
    }

    /// Width of the frame the content flows in.
    pub fn content_width(&self) -> f32 {
        self.frame.1
    }

    pub fn em(&self) -> f32 {
        self.body.size
    }

    pub fn style(&self, size_factor: f32, leading_factor: f32) -> TextStyle {
        let size = self.body.size * size_factor;
        TextStyle {
            size,
            leading: size * leading_factor,
            ..self.body
        }
    }

    pub fn push(&mut self, blocks: Vec<Block>) {
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
    pub fn kept(
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

    /// The title and subtitle, kept together.
    pub fn title(&mut self, h: &Handout) {
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
    }

    /// "Prepared for NAME on DATE", under the title of a patient's copy.
    pub fn prepared_for(&mut self, name: &str, date: crate::date::Date, space_before: f32) {
        let (x, w) = (self.x0(), self.content_width());
        let text = self.words.prepared_for(name, date);
        let style = self.body.bold().with_color(MUTED);
        let blocks = self
            .ts
            .blocks(&[Span::plain(text)], &style, x, w, space_before);
        self.push(blocks);
    }

    /// The clinician's note, in a box of its own.
    pub fn note(&mut self, paragraphs: &[Paragraph]) {
        if paragraphs.is_empty() {
            return;
        }
        let (x, w) = (self.x0(), self.content_width());
        let pad = 14.0;
        let c = self.container(Container {
            x,
            w,
            pad,
            fill: None,
            border: Some((self.clinic.colors.primary, 2.0)),
            bar: None,
            radius: 8.0,
        });
        let (ix, iw) = (x + 16.0, w - 32.0);
        let start = self.blocks.len();
        let heading = self.body.bold().with_color(self.clinic.colors.primary);
        let blocks = self.kept(self.words.note(), &heading, ix, iw, 1.2 * self.em() + pad);
        self.push(blocks);
        let body = self.body;
        self.paragraphs(paragraphs, &body, ix, iw, 2.0);
        self.contain(start, c);
        self.after_container(pad);
    }

    /// The main message, in a tinted panel with an accent bar.
    pub fn summary(&mut self, h: &Handout, space_before: f32) {
        if h.summary.is_empty() {
            return;
        }
        let (x, w) = (self.x0(), self.content_width());
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
        let inset = 16.0 + 0.5 * self.em();
        self.paragraphs(
            &h.summary,
            &style,
            x + inset,
            w - inset - 12.0,
            space_before + pad,
        );
        self.contain(start, c);
        self.after_container(pad);
    }

    pub fn container(&mut self, c: Container) -> usize {
        self.containers.push(c);
        self.containers.len() - 1
    }

    /// Put the blocks from `start` on into container `c`; the block after
    /// them gets room for the panel's padding.
    pub fn contain(&mut self, start: usize, c: usize) {
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

    pub fn section(&mut self, section: &Section) {
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
                if item.title.is_some()
                    && item.text.is_empty()
                    && let Some(last) = self.blocks.last_mut()
                {
                    last.keep_with_next = false;
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
        if total < self.flow_height * 0.6 {
            let end = self.blocks.len() - 1;
            self.blocks[start..end]
                .iter_mut()
                .for_each(|b| b.keep_with_next = true);
        }
        self.after_container(pad);
    }

    /// Room below a panel before whatever follows it.
    pub fn after_container(&mut self, pad: f32) {
        self.push(vec![Block {
            height: pad,
            ..Block::default()
        }]);
    }

    /// The closing call to action, in bold.
    pub fn closing(&mut self, h: &Handout) {
        let (x, w) = (self.x0(), self.content_width());
        let style = self.style(1.1, 1.45).bold();
        self.paragraphs(&h.closing, &style, x, w, 1.6 * self.em());
    }

    /// The call to action, kept with the contact block that follows it.
    pub fn call_to_action(&mut self, h: &Handout) {
        let (x, w) = (self.x0(), self.content_width());
        let start = self.blocks.len();
        self.closing(h);
        self.contact_block(x, w, true);
        // The call to action reads with the contact details it points to.
        let end = self.blocks.len() - 1;
        self.blocks[start..end]
            .iter_mut()
            .for_each(|b| b.keep_with_next = true);
    }

    /// The disclaimer (see `Words::disclaimer`), in secondary type.
    pub fn disclaimer(&mut self, space_before: f32) {
        let text = self.words.disclaimer();
        let (x, w, small) = (self.x0(), self.content_width(), self.small);
        let blocks = self
            .ts
            .blocks(&crate::markup::inline(text), &small, x, w, space_before);
        self.push(blocks);
    }

    /// The contact details in a tinted box; with a booking link, its QR code
    /// beside them (`qr_beside`) or, in a narrow column, below them.
    pub fn contact_block(&mut self, x: f32, w: f32, qr_beside: bool) {
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
        let qr = clinic.booking_url.as_deref().and_then(|url| self.qr(url));
        let (ix, mut iw) = (x + 18.0, w - 36.0);
        if let (Some((_, size)), true) = (&qr, qr_beside) {
            iw -= size + 18.0;
        }
        let start = self.blocks.len();
        let heading = self
            .style(1.25, 1.3)
            .bold()
            .with_color(clinic.colors.primary);
        let blocks = self.kept(
            self.words.contact(),
            &heading,
            ix,
            iw,
            1.2 * self.em() + pad,
        );
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
            let (before, after) = self.words.book_online();
            let spans = [Span::plain(before), link(booking, ""), Span::plain(after)];
            let spans = spans.into_iter().filter(|s| !s.text.is_empty()).collect();
            lines.push((spans, self.body));
        }
        for (para, style) in lines {
            let blocks = self.ts.blocks(&para, &style, ix, iw, 0.0);
            self.push(blocks);
        }
        if let Some((elements, size)) = qr {
            let height: f32 = elements.iter().map(element_bottom).fold(0.0, f32::max);
            if qr_beside {
                // Top-right of the box, level with the heading.
                let qr_x = x + w - 18.0 - size;
                self.blocks[start]
                    .elements
                    .extend(elements.into_iter().map(|e| e.shifted(qr_x, 0.0)));
            } else {
                let qr_x = x + (w - size) / 2.0;
                let elements = elements.into_iter().map(|e| e.shifted(qr_x, 0.0)).collect();
                self.push(vec![Block {
                    height,
                    space_before: 10.0,
                    elements,
                    ..Block::default()
                }]);
            }
        }
        self.contain(start, c);
        let end = self.blocks.len() - 1;
        self.blocks[start..end]
            .iter_mut()
            .for_each(|b| b.keep_with_next = true);
        self.after_container(pad);
    }
}

impl Content<'_> {
    /// A booking QR code with its caption, at the origin, and its side; the
    /// code is drawn as shapes so it prints sharp.
    fn qr(&self, url: &str) -> Option<(Vec<Element>, f32)> {
        let size = QR_SIZE;
        let mut elements =
            super::qr::qr_code(url, (0.0, 0.0), size, Rgb::INK, self.ts.writing.rtl)?;
        let caption = self.small.bold().with_color(Rgb::INK);
        // Centred under the code, at most 14 pt past either side of it (a
        // box's padding is 18 pt), on as many lines as the words need.
        let lines = self.ts.balanced_lines(
            &[Span::plain(self.words.scan_to_book())],
            &caption,
            size + 28.0,
        );
        for (i, line) in lines.into_iter().enumerate() {
            let lx = (size - line.width) / 2.0;
            let top = size + 2.0 + i as f32 * caption.leading;
            elements.extend(self.ts.line_elements(line, &caption, lx, top));
        }
        Some((elements, size))
    }
}

/// The lowest point of an element, for sizing the block that holds it.
fn element_bottom(e: &Element) -> f32 {
    match e {
        Element::Text { baseline, size, .. } => baseline + size * 0.3,
        Element::Rect { y, h, .. }
        | Element::Frame { y, h, .. }
        | Element::Image { y, h, .. }
        | Element::Link { y, h, .. } => y + h,
        Element::Disc { cy, r, .. } => cy + r,
    }
}

/// A QR code this wide (1.1 in) scans from a phone held at reading distance.
const QR_SIZE: f32 = 80.0;

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
