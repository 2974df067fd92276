//! `handout icons --sheet`: a contact sheet of every bundled pictogram with
//! its name under it, by category, in the clinic's colour and fonts, for an
//! editor to browse. Tagged like a leaflet: the title an H1, each category
//! an H2, each name a paragraph; the pictograms, which their names say in
//! words, are artifacts.

use super::{Icon, all};
use crate::date::Date;
use crate::layout::frame::{Node, Role, Tag};
use crate::layout::theme::{MARGIN, Theme};
use crate::layout::typeset::{TextStyle, Typesetter};
use crate::layout::{Bookmark, Document, Element, Metadata, Page, paper_size};
use crate::markup::Span;
use crate::model::{Clinic, Rgb};
use crate::text::Writing;

/// The pictogram's side on the sheet, and the narrowest cell around it.
const ICON: f32 = 40.0;
const CELL: f32 = 86.0;
const TITLE: &str = "Pictograms for handouts";

/// The contact sheet, dated `date`.
pub fn contact_sheet(clinic: &Clinic, date: Date) -> Document<'_> {
    let (width, height) = paper_size(clinic.paper);
    let writing = Writing::new("en", 0);
    let ts = Typesetter {
        fonts: &clinic.fonts,
        website: None,
        link_color: clinic.colors.primary,
        italic_as_bold: false,
        writing: &writing,
    };
    let theme = Theme::new(&clinic.colors, clinic.body_size, false);
    let mut sheet = Sheet {
        ts: &ts,
        pages: vec![Page::default()],
        nodes: Vec::new(),
        outline: Vec::new(),
        y: MARGIN,
        bottom: height - MARGIN,
    };
    let title = sheet.node(Role::Title);
    sheet.text(TITLE, &theme.title, MARGIN, title);
    sheet.y += 8.0;
    let inner = width - 2.0 * MARGIN;
    let columns = ((inner / CELL).floor() as usize).max(1);
    let cell = inner / columns as f32;
    let name_style = theme.small.with_color(Rgb::INK);
    let mut categories: Vec<&str> = all().iter().map(|i| i.category).collect();
    categories.sort_unstable();
    categories.dedup();
    for category in categories {
        let icons: Vec<&Icon> = all().iter().filter(|i| i.category == category).collect();
        let heading = theme.heading.with_color(clinic.colors.primary);
        sheet.room(heading.leading + row_height(&name_style) + 12.0);
        sheet.y += 12.0;
        let h = sheet.node(Role::Heading);
        let label = category.replace('-', " ");
        let label = label[..1].to_uppercase() + &label[1..];
        sheet.outline.push(Bookmark {
            title: label.clone(),
            page: sheet.pages.len() - 1,
            top: sheet.y,
        });
        sheet.text(&label, &heading, MARGIN, h);
        for row in icons.chunks(columns) {
            sheet.room(row_height(&name_style));
            for (i, icon) in row.iter().enumerate() {
                let x = MARGIN + i as f32 * cell;
                sheet.cell(icon, (x, cell), &name_style, clinic.colors.primary);
            }
            sheet.y += row_height(&name_style);
        }
    }
    Document {
        fonts: &clinic.fonts,
        width,
        height,
        pages: sheet.pages,
        outline: sheet.outline,
        metadata: Metadata {
            title: TITLE.to_string(),
            author: clinic.name.clone(),
            subject: format!("The {} pictograms `icon` can name", all().len()),
            keywords: vec!["pictograms".into()],
            language: "en".into(),
            date,
        },
        nodes: sheet.nodes,
    }
}

/// A row: the pictogram, a gap, two lines of name and room under them.
fn row_height(name: &TextStyle) -> f32 {
    ICON + 4.0 + 2.0 * name.leading + 8.0
}

/// The sheet being filled, page by page, from the top.
struct Sheet<'a> {
    ts: &'a Typesetter<'a>,
    pages: Vec<Page>,
    nodes: Vec<Node>,
    outline: Vec<Bookmark>,
    y: f32,
    bottom: f32,
}

impl Sheet<'_> {
    fn node(&mut self, role: Role) -> Tag {
        self.nodes.push(Node {
            role,
            parent: None,
            alt: None,
            language: None,
        });
        Tag::node(self.nodes.len() - 1)
    }

    /// A new page unless `height` more fits on this one.
    fn room(&mut self, height: f32) {
        if self.y + height > self.bottom {
            self.pages.push(Page::default());
            self.y = MARGIN;
        }
    }

    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("a page at least")
    }

    /// One line of `text` at the left margin `x`, moving down past it.
    fn text(&mut self, text: &str, style: &TextStyle, x: f32, tag: Tag) {
        for line in self.ts.lines(&[Span::plain(text)], style, f32::INFINITY) {
            let elements = self.ts.line_elements(line, style, x, self.y);
            self.page().extend(elements.into_iter().map(|e| (e, tag)));
            self.y += style.leading;
        }
    }

    /// A pictogram centred in the cell at `x`, `width` wide, its name under it.
    fn cell(&mut self, icon: &'static Icon, (x, width): (f32, f32), style: &TextStyle, ink: Rgb) {
        let y = self.y;
        let picture = Element::Icon {
            x: x + (width - ICON) / 2.0,
            y,
            size: ICON,
            icon,
            color: ink,
            alt: None,
        };
        self.page().push(picture, Tag::Artifact);
        let tag = self.node(Role::Paragraph);
        let mut top = y + ICON + 4.0;
        for line in self.ts.lines(&[Span::plain(icon.name)], style, width - 4.0) {
            let lx = x + (width - line.width) / 2.0;
            let elements = self.ts.line_elements(line, style, lx, top);
            self.page().extend(elements.into_iter().map(|e| (e, tag)));
            top += style.leading;
        }
    }
}
