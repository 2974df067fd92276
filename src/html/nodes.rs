//! A composed leaflet's nodes as HTML elements. Every node kind is a match
//! arm of [`Writer::node`]: a new kind of node is one arm more here.

use super::{pictogram, picture};
use crate::icons::Icon;
use crate::layout::compose::{ListItem, Node, PanelRole, TextRole, qr_alt};
use crate::markup::{Paragraph, Span};
use crate::model::ListStyle;
use crate::xml::escape_into;
use std::collections::BTreeSet;
use std::fmt::Write;

/// The characters a page prints, by the faces that draw them: every
/// character may be set in regular or bold (headings, the title, bold
/// runs); only those in italic runs need the italic faces.
#[derive(Default)]
pub struct Chars {
    pub upright: BTreeSet<char>,
    pub italic: BTreeSet<char>,
    pub bold_italic: BTreeSet<char>,
}

/// Writes nodes as HTML into `out`, noting the characters it prints.
pub struct Writer<'a> {
    pub out: String,
    pub chars: Chars,
    /// The clinic's phone as printed: wherever it appears it is a `tel:` link.
    phone: Option<&'a str>,
    /// "Urgent advice:", heard before the warning box's heading.
    urgent: &'a str,
    /// Ids given to headings so far, for `aria-labelledby`.
    ids: usize,
}

impl<'a> Writer<'a> {
    pub fn new(phone: Option<&'a str>, urgent: &'a str) -> Writer<'a> {
        Writer {
            out: String::with_capacity(16 * 1024),
            chars: Chars::default(),
            phone,
            urgent,
            ids: 0,
        }
    }

    /// Nodes in order; a section heading opens a `<section>` that runs to
    /// the next heading or box.
    pub fn nodes(&mut self, nodes: &[Node]) {
        let mut open = false;
        for node in nodes {
            let starts = matches!(node, Node::Heading { .. } | Node::Panel { .. });
            if starts && open {
                self.out.push_str("</section>\n");
                open = false;
            }
            if let Node::Heading { text, icon } = node {
                let id = self.id();
                let _ = write!(
                    self.out,
                    "<section aria-labelledby=\"{id}\">\n<h2 id=\"{id}\">"
                );
                self.icon(*icon);
                self.text(text);
                self.out.push_str("</h2>\n");
                open = true;
            } else {
                self.node(node);
            }
        }
        if open {
            self.out.push_str("</section>\n");
        }
    }

    pub fn node(&mut self, node: &Node) {
        match node {
            Node::Heading { text, icon } => {
                self.out.push_str("<h2>");
                self.icon(*icon);
                self.text(text);
                self.out.push_str("</h2>\n");
            }
            Node::Paragraph { role, text } => self.paragraph(*role, text),
            Node::List { style, items } => self.list(*style, items),
            Node::Panel {
                role,
                heading,
                icon,
                children,
            } => self.panel(*role, (heading.as_deref(), *icon), children),
            // Lines to write on are for the printed sheet: a screen has none.
            Node::Lines(_) => {}
            Node::Qr { url, caption } => self.qr(url, caption),
            Node::Foreign { language, node } => {
                let _ = write!(self.out, "<div lang=\"{}\">", attr(language));
                self.node(node);
                self.out.push_str("</div>\n");
            }
        }
    }

    fn paragraph(&mut self, role: TextRole, text: &Paragraph) {
        let class = match role {
            TextRole::Body | TextRole::Contact => "",
            TextRole::LeadIn => " class=\"lead-in\"",
            TextRole::Lead => " class=\"lead\"",
            TextRole::Closing => " class=\"closing\"",
            TextRole::Phone => " class=\"phone\"",
            TextRole::Fine => " class=\"fine\"",
        };
        let _ = write!(self.out, "<p{class}>");
        self.spans(text);
        self.out.push_str("</p>\n");
    }

    fn list(&mut self, style: ListStyle, items: &[ListItem]) {
        let tag = match style {
            ListStyle::Numbered => "ol",
            ListStyle::Bullets => "ul",
        };
        let _ = writeln!(self.out, "<{tag}>");
        for item in items {
            self.out.push_str("<li>");
            if let Some(p) = &item.icon {
                self.out.push_str(&pictogram::svg(p.icon, p.alt.as_deref()));
            }
            if let Some((picture, alt)) = &item.figure {
                let _ = write!(
                    self.out,
                    "<img class=\"figure\" src=\"{}\" alt=\"{}\" width=\"{}\" height=\"{}\">",
                    picture::data_uri(picture, picture::FIGURE_WIDTH),
                    attr(alt),
                    picture::FIGURE_WIDTH,
                    picture::height_at(picture, picture::FIGURE_WIDTH),
                );
                self.note(alt, false, false);
            }
            match item.paragraphs.as_slice() {
                [one] => self.spans(one),
                many => {
                    for p in many {
                        self.out.push_str("<p>");
                        self.spans(p);
                        self.out.push_str("</p>");
                    }
                }
            }
            self.out.push_str("</li>\n");
        }
        let _ = writeln!(self.out, "</{tag}>");
    }

    /// A box: the warning signs as a care card whose heading a screen
    /// reader announces as urgent (the NHS.UK pattern); the main message,
    /// the clinician's note and the contact details as boxes of their own.
    fn panel(
        &mut self,
        role: PanelRole,
        (heading, icon): (Option<&str>, Option<&'static Icon>),
        children: &[Node],
    ) {
        let class = match role {
            PanelRole::Summary => "summary",
            PanelRole::Note => "note",
            PanelRole::Warning => "care-card urgent",
            PanelRole::Contact => "contact",
            PanelRole::KeyPoints => "key-points",
        };
        match heading {
            Some(heading) => {
                let id = self.id();
                let _ = write!(
                    self.out,
                    "<section class=\"{class}\" aria-labelledby=\"{id}\">\n<h2 id=\"{id}\">"
                );
                self.icon(icon);
                if role == PanelRole::Warning {
                    self.out.push_str("<span class=\"visually-hidden\">");
                    self.text(self.urgent);
                    self.out.push_str(" </span>");
                }
                self.text(heading);
                // A clinician types the note in whatever language and
                // direction the patient reads: the browser tells which.
                let dir = if role == PanelRole::Note {
                    " dir=\"auto\""
                } else {
                    ""
                };
                let _ = write!(self.out, "</h2>\n<div class=\"card-body\"{dir}>\n");
                self.nodes(children);
                self.out.push_str("</div>\n</section>\n");
            }
            None => {
                let _ = writeln!(self.out, "<div class=\"{class}\">");
                self.nodes(children);
                self.out.push_str("</div>\n");
            }
        }
    }

    /// The booking code, small, beside its link: it is for paper, but a
    /// reader on a computer can scan it with a phone.
    fn qr(&mut self, url: &str, caption: &str) {
        let Some(svg) = picture::qr_svg(url, &qr_alt(url, caption)) else {
            return;
        };
        self.out.push_str("<figure class=\"qr\">");
        self.out.push_str(&svg);
        self.out.push_str("<figcaption>");
        self.text(caption);
        self.out.push_str("</figcaption></figure>\n");
    }

    /// Styled runs: bold, italic and links as elements; the clinic's phone,
    /// wherever it appears outside a link, as a `tel:` link.
    pub fn spans(&mut self, spans: &[Span]) {
        for span in spans {
            let (open, close) = match (span.bold, span.italic) {
                (true, true) => ("<strong><em>", "</em></strong>"),
                (true, false) => ("<strong>", "</strong>"),
                (false, true) => ("<em>", "</em>"),
                (false, false) => ("", ""),
            };
            self.out.push_str(open);
            match span.link.as_deref().filter(|l| safe_link(l)) {
                Some(link) => {
                    let shown = crate::layout::typeset::printed_address(link);
                    let class = if span.text.trim() == shown {
                        ""
                    } else {
                        " class=\"ext\""
                    };
                    let _ = write!(self.out, "<a href=\"{}\"{class}>", attr(link));
                    self.styled(&span.text, span.bold, span.italic);
                    self.out.push_str("</a>");
                }
                None => self.with_phone(&span.text, span.bold, span.italic),
            }
            self.out.push_str(close);
        }
    }

    fn with_phone(&mut self, text: &str, bold: bool, italic: bool) {
        let Some(phone) = self.phone.filter(|p| !p.is_empty()) else {
            return self.styled(text, bold, italic);
        };
        let mut rest = text;
        while let Some(at) = rest.find(phone) {
            self.styled(&rest[..at], bold, italic);
            self.phone_link(phone);
            rest = &rest[at + phone.len()..];
        }
        self.styled(rest, bold, italic);
    }

    /// The clinic's phone as a link that dials it, kept left to right in a
    /// right-to-left page ("(212) 555-0147", not "555-0147 (212)").
    pub fn phone_link(&mut self, phone: &str) {
        let _ = write!(self.out, "<a href=\"tel:{}\" dir=\"ltr\">", tel(phone));
        self.text(phone);
        self.out.push_str("</a>");
    }

    /// Text in upright faces.
    pub fn text(&mut self, text: &str) {
        self.styled(text, false, false);
    }

    fn styled(&mut self, text: &str, bold: bool, italic: bool) {
        self.note(text, bold, italic);
        escape_into(&mut self.out, text);
    }

    /// Record the characters of `text` for the fonts.
    pub fn note(&mut self, text: &str, bold: bool, italic: bool) {
        let set = match (italic, bold) {
            (false, _) => &mut self.chars.upright,
            (true, false) => &mut self.chars.italic,
            (true, true) => &mut self.chars.bold_italic,
        };
        set.extend(text.chars());
    }

    /// A pictogram beside a heading: decoration, as the heading says it.
    fn icon(&mut self, icon: Option<&'static Icon>) {
        if let Some(icon) = icon {
            self.out.push_str(&pictogram::svg(icon, None));
        }
    }

    fn id(&mut self) -> String {
        self.ids += 1;
        format!("h{}", self.ids)
    }
}

/// A phone number as a `tel:` address: its digits, and a leading `+`.
pub fn tel(phone: &str) -> String {
    let plus = phone.trim_start().starts_with('+');
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    if plus { format!("+{digits}") } else { digits }
}

/// Addresses a page may link to: the web, email and phone. The model
/// refuses others; this keeps a page safe whatever reaches it.
pub fn safe_link(link: &str) -> bool {
    let lower = link.to_ascii_lowercase();
    ["https://", "http://", "mailto:", "tel:"]
        .iter()
        .any(|scheme| lower.starts_with(scheme))
}

/// `text` escaped for an attribute value in double quotes.
pub fn attr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markup::inline;

    #[test]
    fn markup_becomes_elements_and_the_phone_a_link() {
        let mut w = Writer::new(Some("(212) 555-0147"), "Urgent advice:");
        let text =
            inline("Call **(212) 555-0147** or see [our <site>](https://example.org/a?b=1&c=2).");
        w.paragraph(TextRole::Body, &text);
        assert_eq!(
            w.out,
            "<p>Call <strong><a href=\"tel:2125550147\" dir=\"ltr\">(212) 555-0147</a></strong> or see \
             <a href=\"https://example.org/a?b=1&amp;c=2\" class=\"ext\">our &lt;site&gt;</a>.</p>\n"
        );
        assert!(w.chars.upright.contains(&'<'));
    }

    #[test]
    fn a_warning_box_is_announced_as_urgent() {
        let mut w = Writer::new(None, "Urgent advice:");
        w.panel(
            PanelRole::Warning,
            (Some("When to get help"), None),
            &[Node::Paragraph {
                role: TextRole::Body,
                text: inline("Call 911."),
            }],
        );
        assert!(w.out.contains(
            "<h2 id=\"h1\"><span class=\"visually-hidden\">Urgent advice: </span>When to get help</h2>"
        ));
        assert!(
            w.out
                .starts_with("<section class=\"care-card urgent\" aria-labelledby=\"h1\">")
        );
    }

    #[test]
    fn only_safe_addresses_are_links() {
        assert!(safe_link("HTTPS://example.org") && safe_link("mailto:a@b.org"));
        assert!(!safe_link("javascript:alert(1)") && !safe_link("data:text/html,x"));
        assert_eq!(tel("+1 (212) 555-0147"), "+12125550147");
    }
}
