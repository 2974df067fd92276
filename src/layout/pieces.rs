//! A composed leaflet's nodes as flow pieces: each node kind gets its style
//! and spacing from the theme and its keep rules (see [`super::flow`]):
//! a heading keeps with two lines, a lead-in ending in ":" with the first
//! item, the warning box and the contact block stay whole when they fit.

use super::compose::{ListItem, Node, PanelRole, Pictogram, TextRole, TitleBlock};
use super::flow::{Container, Content, Figure, Flow, Piece};
use super::frame::{self, Element, Part, Role, Tag};
use super::theme::{PanelStyle, QR_SIZE, Theme};
use super::typeset::{TextStyle, Typesetter};
use crate::markup::{Paragraph, Span};
use crate::model::{ListStyle, Rgb};

/// What came before a piece, for the space above it.
#[derive(Clone, Copy, PartialEq)]
enum Prev {
    Start,
    Heading,
    Text,
    /// A panel with this padding.
    Panel(f32),
}

/// The panel a piece is in: its container, the side insets and its ink.
#[derive(Clone, Copy)]
struct Within {
    container: Option<usize>,
    indent: f32,
    ink: Rgb,
}

#[derive(Clone)]
pub struct Pieces<'a> {
    pub ts: &'a Typesetter<'a>,
    pub theme: &'a Theme,
    pub pieces: Vec<Piece>,
    pub containers: Vec<Container>,
    /// The structure tree, shared by every flow of one document.
    pub nodes: Vec<frame::Node>,
    prev: Prev,
}

impl<'a> Pieces<'a> {
    pub fn new(ts: &'a Typesetter<'a>, theme: &'a Theme) -> Pieces<'a> {
        Pieces {
            ts,
            theme,
            pieces: Vec::new(),
            containers: Vec::new(),
            nodes: Vec::new(),
            prev: Prev::Start,
        }
    }

    /// The pieces so far as a flow, keeping the structure tree for the next.
    pub fn flow(&mut self) -> Flow<'a> {
        self.prev = Prev::Start;
        Flow::new(
            self.ts,
            std::mem::take(&mut self.pieces),
            std::mem::take(&mut self.containers),
        )
    }

    fn tag(&mut self, role: Role, parent: Option<usize>) -> Tag {
        self.nodes.push(frame::Node {
            role,
            parent,
            alt: None,
            language: None,
        });
        Tag::node(self.nodes.len() - 1)
    }

    fn parent(tag: Tag) -> Option<usize> {
        match tag {
            Tag::Node(item) => Some(item.node),
            Tag::Artifact => None,
        }
    }

    fn text(&self, spans: &[Span], style: TextStyle, tag: Tag) -> Piece {
        Piece::new(
            Content::Text {
                runs: self.ts.runs(spans, &style),
                style,
                balanced: false,
                rule: None,
                figure: None,
            },
            tag,
        )
    }

    fn push(&mut self, mut piece: Piece, within: Within, gap: f32, prev: Prev) {
        piece.pad_before = match self.prev {
            Prev::Panel(pad) if within.container.is_none() => pad,
            _ => 0.0,
        };
        piece.space_before = gap + piece.pad_before;
        piece.indent.0 += within.indent;
        piece.indent.1 += within.indent;
        piece.container = within.container;
        self.pieces.push(piece);
        self.prev = prev;
    }

    /// `nodes` as a flow of their own, set apart from the pieces so far (a
    /// box on a trifold's flap): their structure nodes come in the author's
    /// order, and the pieces after them go on as if they were not there.
    pub fn set_apart(&mut self, nodes: &[Node]) -> Flow<'a> {
        let pieces = std::mem::take(&mut self.pieces);
        let containers = std::mem::take(&mut self.containers);
        let prev = self.prev;
        self.prev = Prev::Start;
        self.nodes(nodes);
        let apart = self.flow();
        (self.pieces, self.containers, self.prev) = (pieces, containers, prev);
        apart
    }

    /// The clinic's band (header or cover) as placed: its logo, if it has
    /// one, a figure read first with its alternative text; the rest, there
    /// for the eye and on every leaflet, artifacts.
    pub fn band(
        &mut self,
        elements: Vec<Element>,
        logo: Option<&str>,
    ) -> impl Iterator<Item = (Element, Tag)> + use<> {
        let tag = logo.map(|alt| {
            let tag = self.tag(Role::Figure, None);
            if let Some(node) = self.nodes.last_mut() {
                node.alt = Some(alt.to_string());
            }
            tag
        });
        elements.into_iter().map(move |e| match (&e, tag) {
            (Element::Image { .. }, Some(tag)) => (e, tag),
            _ => (e, Tag::Artifact),
        })
    }

    /// The title, subtitle and a patient's "Prepared for" box, kept together.
    pub fn title_block(&mut self, t: &TitleBlock) {
        let theme = self.theme;
        let top = Within {
            container: None,
            indent: 0.0,
            ink: theme.colors.primary,
        };
        let lines = [
            (Some(&t.title), theme.title, Role::Title, 0.0),
            (t.subtitle.as_ref(), theme.subtitle, Role::Subtitle, 4.0),
        ];
        for (text, style, role, gap) in lines {
            let Some(text) = text else { continue };
            let tag = self.tag(role, None);
            let mut piece = self.text(&[Span::plain(text)], style, tag);
            if let Content::Text { balanced, .. } = &mut piece.content {
                *balanced = true;
            }
            piece.keep_lines = true;
            piece.keep_with_next = true;
            self.push(piece, top, gap, Prev::Text);
        }
        if let Some(text) = &t.prepared_for {
            self.prepared_for(text);
        }
        if let Some(last) = self.pieces.last_mut() {
            last.keep_with_next = false;
        }
    }

    /// "Prepared for NAME, DATE" in bold, in a box outlined in the clinic's
    /// colour: a patient's copy is told apart at a glance.
    fn prepared_for(&mut self, text: &str) {
        let theme = self.theme;
        let style = PanelStyle {
            pad: 8.0,
            ..theme.note_panel()
        };
        let tag = self.tag(Role::Panel, None);
        let c = self.containers.len();
        let within = Within {
            container: Some(c),
            indent: style.inset,
            ink: style.ink,
        };
        let ptag = self.tag(Role::Paragraph, Self::parent(tag));
        let body = theme.body.bold().with_color(Rgb::INK);
        let mut piece = self.text(&[Span::plain(text)], body, ptag);
        piece.keep_lines = true;
        self.push(piece, within, 12.0 + style.pad, Prev::Text);
        let first = self.pieces.len() - 1;
        self.containers.push(Container {
            style,
            pieces: (first, first),
            heading: None,
            whole: true,
            float: false,
            tag,
        });
    }

    /// Nodes at the top level of the flow.
    pub fn nodes(&mut self, nodes: &[Node]) {
        let top = Within {
            container: None,
            indent: 0.0,
            ink: self.theme.colors.primary,
        };
        for node in nodes {
            self.node(node, top, None);
        }
    }

    fn node(&mut self, node: &Node, within: Within, parent: Option<usize>) {
        let theme = self.theme;
        match node {
            Node::Heading { text, icon } => {
                let tag = self.tag(Role::Heading, parent);
                let style = theme.heading.with_color(within.ink);
                let mut piece = self.text(&[Span::plain(text)], style, tag);
                beside_heading(&mut piece, *icon, &style);
                let (w, room) = theme.heading_rule();
                if let Content::Text { balanced, rule, .. } = &mut piece.content {
                    *balanced = true;
                    *rule = Some((w, room, theme.colors.accent));
                }
                piece.keep_lines = true;
                piece.keep_with_next = true;
                piece.bookmark = Some(text.clone());
                let gap = if self.prev == Prev::Start {
                    0.0
                } else {
                    theme.heading_gap()
                };
                self.push(piece, within, gap, Prev::Heading);
            }
            Node::Paragraph { role, text } => {
                let tag = self.tag(Role::Paragraph, parent);
                let style = self.style_of(*role);
                let mut piece = self.text(text, style, tag);
                piece.keep_with_next = *role == TextRole::LeadIn;
                piece.keep_single = self.prev == Prev::Heading;
                let gap = match (self.prev, role) {
                    (Prev::Start | Prev::Heading, _) => 0.0,
                    (_, TextRole::Closing) => theme.heading_gap(),
                    (_, TextRole::Fine) => theme.panel_gap(),
                    (_, TextRole::Contact | TextRole::Phone) => 0.0,
                    _ => theme.paragraph_gap(),
                };
                self.push(piece, within, gap, Prev::Text);
            }
            Node::List { style, items } => {
                let tag = self.tag(Role::List, parent);
                // Items line up: with one pictogram, every item leaves room for one.
                let room = items
                    .iter()
                    .any(|i| i.icon.is_some())
                    .then(|| theme.pictogram() + 0.5 * theme.em());
                for (n, item) in items.iter().enumerate() {
                    let marker = (*style, room.unwrap_or(0.0));
                    self.item(item, marker, n, within, Self::parent(tag));
                }
            }
            Node::Lines(count) => {
                let content = Content::Rules {
                    count: *count,
                    spacing: theme.write_in_spacing(),
                    color: super::theme::MUTED,
                };
                // Lines to write on are not read: an artifact.
                let piece = Piece::new(content, Tag::Artifact);
                self.push(piece, within, theme.paragraph_gap(), Prev::Text);
            }
            Node::Panel {
                role,
                heading,
                icon,
                children,
            } => self.panel(*role, (heading.as_deref(), *icon), children, parent),
            Node::Foreign { language, node } => {
                let first = self.nodes.len();
                self.node(node, within, parent);
                if let Some(n) = self.nodes.get_mut(first) {
                    n.language = Some(language.clone());
                }
            }
            Node::Qr { url, caption } => {
                let tag = self.tag(Role::Figure, parent);
                if let Some(node) = self.nodes.last_mut() {
                    node.alt = Some(super::compose::qr_alt(url, caption));
                }
                if let Some((elements, width, height)) = self.qr(url, caption) {
                    let mut piece = Piece::new(
                        Content::Fixed {
                            width,
                            height,
                            elements,
                        },
                        tag,
                    );
                    piece.keep_lines = true;
                    self.push(piece, within, 10.0, Prev::Text);
                }
            }
        }
    }

    fn style_of(&self, role: TextRole) -> TextStyle {
        let t = self.theme;
        match role {
            TextRole::Body | TextRole::LeadIn | TextRole::Contact => t.body,
            TextRole::Lead => t.lead,
            TextRole::Closing => t.closing,
            TextRole::Phone => t.contact_phone,
            TextRole::Fine => t.small,
        }
    }

    /// A list item; `room` is the width its list leaves for pictograms.
    fn item(
        &mut self,
        item: &ListItem,
        (style, room): (ListStyle, f32),
        n: usize,
        within: Within,
        parent: Option<usize>,
    ) {
        let theme = self.theme;
        let tag = self.tag(Role::ListItem, parent);
        let marker = match style {
            ListStyle::Numbered => Marker::Number(n + 1),
            ListStyle::Bullets => Marker::Bullet(within.ink),
        };
        let indent = theme.item_indent() + room;
        for (i, paragraph) in item.paragraphs.iter().enumerate() {
            let mut piece = self.text(paragraph, theme.body, tag);
            piece.indent.0 = indent;
            if i == 0 {
                piece.marker = marker.elements(self.ts, &theme.body, -indent, theme.colors.accent);
                if let Some(Pictogram { icon, alt }) = &item.icon {
                    // Alone, a picture with its words; beside a title, decoration.
                    let part = if alt.is_some() {
                        Part::Picture
                    } else {
                        Part::Decoration
                    };
                    let pictogram = Element::Icon {
                        x: -room,
                        y: 0.0,
                        size: theme.pictogram(),
                        icon,
                        color: within.ink,
                        alt: alt.clone(),
                    };
                    piece.marker.push((pictogram, part));
                }
                if let (Some((picture, alt)), Content::Text { figure, .. }) =
                    (&item.figure, &mut piece.content)
                {
                    *figure = Some(Figure {
                        picture: picture.clone(),
                        alt: alt.clone(),
                    });
                }
            }
            let gap = match (i, self.prev) {
                (0, Prev::Heading) => 0.2 * theme.em(),
                (0, _) => theme.item_gap(),
                _ => 0.3 * theme.em(),
            };
            piece.keep_single = self.prev == Prev::Heading;
            self.push(piece, within, gap, Prev::Text);
        }
        if n == 0 && item.paragraphs.is_empty() {
            self.prev = Prev::Text;
        }
    }

    fn panel(
        &mut self,
        role: PanelRole,
        (heading, icon): (Option<&str>, Option<&'static crate::icons::Icon>),
        children: &[Node],
        parent: Option<usize>,
    ) {
        let theme = self.theme;
        let style: PanelStyle = match role {
            PanelRole::Summary => theme.summary_panel(),
            PanelRole::Note => theme.note_panel(),
            PanelRole::Warning => theme.warning_panel(),
            PanelRole::Contact => theme.contact_panel(),
            PanelRole::KeyPoints => theme.key_points_panel(),
        };
        let tag = self.tag(Role::Panel, parent);
        let first = self.pieces.len();
        let c = self.containers.len();
        let within = Within {
            container: Some(c),
            indent: style.inset,
            ink: style.ink,
        };
        let gap = match self.prev {
            Prev::Start => 0.0,
            Prev::Heading => 0.3 * theme.em(),
            _ => theme.panel_gap(),
        };
        // The panel's first piece takes the space above the panel.
        let before = self.prev;
        let mut heading_piece = None;
        if let Some(text) = heading {
            let htag = self.tag(Role::Heading, Self::parent(tag));
            let hstyle = match role {
                PanelRole::Warning => theme.heading,
                PanelRole::Contact => theme.contact_heading,
                _ => theme.body.bold(),
            }
            .with_color(style.ink);
            let mut piece = self.text(&[Span::plain(text)], hstyle, htag);
            beside_heading(&mut piece, icon, &hstyle);
            if let Content::Text { balanced, rule, .. } = &mut piece.content {
                *balanced = true;
                if role == PanelRole::Warning {
                    let (w, room) = theme.heading_rule();
                    *rule = Some((w, room, theme.colors.accent));
                }
            }
            piece.keep_lines = true;
            piece.keep_with_next = true;
            if role == PanelRole::Warning {
                piece.bookmark = Some(text.to_string());
            }
            heading_piece = Some(self.pieces.len());
            self.push(piece, within, 0.0, Prev::Heading);
        }
        for child in children {
            self.node(child, within, Self::parent(tag));
        }
        if self.pieces.len() == first {
            return;
        }
        let pads = style.pad
            + match before {
                Prev::Panel(pad) => pad,
                _ => 0.0,
            };
        self.pieces[first].space_before = gap + pads;
        self.pieces[first].pad_before = pads;
        self.containers.push(Container {
            style,
            pieces: (first, self.pieces.len() - 1),
            heading: heading_piece,
            whole: matches!(
                role,
                PanelRole::Warning | PanelRole::Contact | PanelRole::KeyPoints
            ),
            float: role == PanelRole::Warning,
            tag,
        });
        self.prev = Prev::Panel(style.pad);
    }

    /// A booking QR code with its caption centred under it, and the
    /// drawing's width and height; the code is drawn as shapes so it prints sharp.
    fn qr(&self, url: &str, caption: &str) -> Option<(Vec<Element>, f32, f32)> {
        let size = QR_SIZE;
        let style = self.theme.small.bold().with_color(Rgb::INK);
        // As wide as the code and its margin, or as the caption's longest
        // word: a word is never broken ("Отсканиру / йте").
        let word = |w: &str| self.ts.lines(&[Span::plain(w)], &style, f32::INFINITY);
        let words = caption.split_whitespace().flat_map(word);
        let width = words.map(|l| l.width).fold(size + 28.0, f32::max);
        let at = ((width - size) / 2.0, 0.0);
        let mut elements = super::qr::qr_code(url, at, size, Rgb::INK, self.ts.writing.rtl)?;
        let lines = self
            .ts
            .balanced_lines(&[Span::plain(caption)], &style, width);
        let mut top = size + 2.0;
        for line in lines {
            let lx = (width - line.width) / 2.0;
            elements.extend(self.ts.line_elements(line, &style, lx, top));
            top += style.leading;
        }
        Some((elements, width, top))
    }
}

/// A heading's pictogram at its start edge, centred on its first line, in
/// its colour; the words beside it say what it shows, so it is decoration.
fn beside_heading(piece: &mut Piece, icon: Option<&'static crate::icons::Icon>, style: &TextStyle) {
    let Some(icon) = icon else { return };
    let size = 1.5 * style.size;
    let room = size + 0.4 * style.size;
    piece.indent.0 += room;
    let pictogram = Element::Icon {
        x: -room,
        y: (style.leading - size) / 2.0,
        size,
        icon,
        color: style.color,
        alt: None,
    };
    piece.marker.push((pictogram, Part::Decoration));
}

/// What stands before a list item.
enum Marker {
    Number(usize),
    Bullet(Rgb),
}

impl Marker {
    /// Elements for the marker beside a first line whose top is at 0: a
    /// number is the item's label, a bullet and the disc behind a number
    /// decoration.
    fn elements(
        &self,
        ts: &Typesetter,
        body: &TextStyle,
        x: f32,
        accent: Rgb,
    ) -> Vec<(Element, Part)> {
        let center_y = ts.baseline(body) - 0.36 * body.size;
        match self {
            Marker::Bullet(color) => {
                let disc = Element::Disc {
                    cx: x + 0.7 * body.size,
                    cy: center_y,
                    r: 0.2 * body.size,
                    fill: *color,
                };
                vec![(disc, Part::Decoration)]
            }
            Marker::Number(n) => {
                let r = 0.72 * body.size;
                let style = TextStyle {
                    size: body.size * 0.9,
                    color: Rgb::INK,
                    ..body.bold()
                };
                let text: Paragraph = vec![Span::plain(n.to_string())];
                let disc = Element::Disc {
                    cx: x + r,
                    cy: center_y,
                    r,
                    fill: accent,
                };
                let mut out = vec![(disc, Part::Decoration)];
                for line in ts.lines(&text, &style, f32::INFINITY) {
                    let top = center_y - ts.baseline(&style) + 0.36 * style.size;
                    let lx = x + r - line.width / 2.0;
                    let label = ts.line_elements(line, &style, lx, top);
                    out.extend(label.into_iter().map(|e| (e, Part::Label)));
                }
                out
            }
        }
    }
}
