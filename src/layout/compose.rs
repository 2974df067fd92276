//! What a leaflet prints, decided once for every layout: the handout, the
//! clinic and a patient's copy composed into a tree of [`Node`]s. Where each
//! node goes, and how big it is, is for the layouts and the theme to say.

use super::PatientCopy;
use super::typeset::printed_address;
use crate::icons::Icon;
use crate::markup::{Paragraph, Span, inline};
use crate::model::{Clinic, Handout, ListStyle, SectionKind};
use crate::picture::Picture;

/// A leaflet: its title block, the flowing body, the contact block and the
/// disclaimer, and the page chrome (header and footer).
#[derive(Debug, Clone)]
pub struct Leaflet<'a> {
    pub title: TitleBlock,
    /// The main message, the patient's note, the sections, the call to action.
    pub body: Vec<Node>,
    /// The clinic's contact details (a [`Node::Panel`] of role Contact).
    pub contact: Node,
    /// The other languages it is available in, for the last page.
    pub also_available: Option<Node>,
    pub disclaimer: Node,
    pub header: Header,
    pub footer: Footer<'a>,
}

#[derive(Debug, Clone)]
pub struct TitleBlock {
    pub title: String,
    pub subtitle: Option<String>,
    /// "Prepared for NAME on DATE", on a patient's copy.
    pub prepared_for: Option<String>,
}

/// The brand on the first page (or the trifold's cover).
#[derive(Debug, Clone)]
pub struct Header {
    pub name: String,
    pub phone: Option<String>,
    /// The clinic's website as printed, without its scheme.
    pub website: Option<String>,
    pub logo: Option<(Picture, String)>,
}

/// The foot of every page.
#[derive(Debug, Clone)]
pub struct Footer<'a> {
    /// The clinic's name and phone.
    pub clinic: String,
    /// "Reviewed November 2026".
    pub reviewed: String,
    /// The handout's words, for "Page N of M".
    pub words: &'a crate::model::Words,
}

impl Footer<'_> {
    /// "Page N of M" in the handout's words.
    pub fn page(&self, page: usize, pages: usize) -> String {
        self.words.page(page, pages)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PanelRole {
    /// The main message.
    Summary,
    /// The clinician's note on a patient's copy.
    Note,
    /// When to get help right away.
    Warning,
    /// How to reach the clinic.
    Contact,
    /// The few things to remember, after the main message.
    KeyPoints,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextRole {
    Body,
    /// Text that introduces the list after it (ends in ":").
    LeadIn,
    /// The main message.
    Lead,
    /// The closing call to action.
    Closing,
    /// The clinic's name, address and links in the contact block.
    Contact,
    /// The phone number in the contact block.
    Phone,
    /// Secondary text: the disclaimer.
    Fine,
}

#[derive(Debug, Clone)]
pub struct ListItem {
    /// The title run in, in bold, before the first paragraph.
    pub paragraphs: Vec<Paragraph>,
    /// A picture beside the text, with what it shows.
    pub figure: Option<(Picture, String)>,
    /// A pictogram at the start of the item.
    pub icon: Option<Pictogram>,
}

/// A bundled pictogram; `alt` says what it shows when it stands alone,
/// and is `None` when the words beside it say the same.
#[derive(Debug, Clone)]
pub struct Pictogram {
    pub icon: &'static Icon,
    pub alt: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Node {
    /// A box around its children, with an optional heading that a box
    /// broken across columns repeats.
    Panel {
        role: PanelRole,
        heading: Option<String>,
        /// A pictogram beside the heading.
        icon: Option<&'static Icon>,
        children: Vec<Node>,
    },
    /// A section heading, in the outline, with a pictogram beside it.
    Heading {
        text: String,
        icon: Option<&'static Icon>,
    },
    /// Ruled lines to write on, this many.
    Lines(usize),
    Paragraph {
        role: TextRole,
        text: Paragraph,
    },
    List {
        style: ListStyle,
        items: Vec<ListItem>,
    },
    /// A code to scan for the booking page, with its caption.
    Qr {
        url: String,
        caption: String,
    },
    /// A passage in another language than the handout's (a clinic's
    /// English disclaimer on a Spanish handout), so a screen reader speaks
    /// it in its own.
    Foreign {
        language: String,
        node: Box<Node>,
    },
}

/// The leaflet for `handout` from `clinic`, for `patient` when it is a copy.
pub fn compose<'a>(handout: &'a Handout, clinic: &Clinic, patient: &PatientCopy) -> Leaflet<'a> {
    let words = &handout.words;
    Leaflet {
        title: TitleBlock {
            title: handout.title.clone(),
            subtitle: handout.subtitle.clone(),
            prepared_for: patient
                .name
                .as_ref()
                .map(|(name, date)| words.prepared_for(name, *date)),
        },
        body: body(handout, clinic, patient),
        contact: contact(clinic, handout, default_icon(clinic, "phone")),
        also_available: (!handout.also_available.is_empty()).then(|| Node::Paragraph {
            role: TextRole::Fine,
            text: vec![Span::plain(words.also_available(&handout.also_available))],
        }),
        disclaimer: in_language(
            Node::Paragraph {
                role: TextRole::Fine,
                text: inline(words.disclaimer()),
            },
            words.disclaimer(),
            &handout.writing.primary,
        ),
        header: header(clinic),
        footer: Footer {
            clinic: match &clinic.phone {
                Some(phone) => format!("{} · {phone}", clinic.name),
                None => clinic.name.clone(),
            },
            reviewed: words.reviewed(handout.reviewed),
            words,
        },
    }
}

/// The bundled pictogram `name` where a handout gives none, when the
/// clinic wants them.
fn default_icon(clinic: &Clinic, name: &str) -> Option<&'static Icon> {
    clinic
        .default_icons
        .then(|| crate::icons::find(name))
        .flatten()
}

/// The flowing body: the main message, key points, the patient's note, the
/// sections and the closing call to action.
fn body(handout: &Handout, clinic: &Clinic, patient: &PatientCopy) -> Vec<Node> {
    let mut body = Vec::new();
    if !handout.summary.is_empty() {
        body.push(Node::Panel {
            role: PanelRole::Summary,
            heading: None,
            icon: None,
            children: paragraphs(&handout.summary, TextRole::Lead),
        });
    }
    if !handout.key_points.is_empty() {
        body.push(key_points(handout));
    }
    if !patient.note.is_empty() {
        body.push(Node::Panel {
            role: PanelRole::Note,
            heading: Some(handout.words.note().to_string()),
            icon: None,
            children: paragraphs(&patient.note, TextRole::Body),
        });
    }
    for section in &handout.sections {
        body.extend(section_nodes(section, clinic));
    }
    body.extend(paragraphs(&handout.closing, TextRole::Closing));
    body
}

/// A section's nodes: the warning signs as a box, the others under a
/// heading.
fn section_nodes(section: &crate::model::Section, clinic: &Clinic) -> Vec<Node> {
    let mut children = paragraphs(&section.intro, TextRole::Body);
    if !section.items.is_empty() {
        if let Some(Node::Paragraph { role, text }) = children.last_mut()
            && ends_with_colon(text)
        {
            *role = TextRole::LeadIn;
        }
        children.push(Node::List {
            style: section.style,
            items: section.items.iter().map(item).collect(),
        });
    }
    if section.lines > 0 {
        children.push(Node::Lines(section.lines));
    }
    if section.kind == SectionKind::WarningSigns {
        return vec![Node::Panel {
            role: PanelRole::Warning,
            heading: Some(section.heading.clone()),
            icon: section.icon.or_else(|| default_icon(clinic, "warning")),
            children,
        }];
    }
    let heading = Node::Heading {
        text: section.heading.clone(),
        icon: section.icon,
    };
    std::iter::once(heading).chain(children).collect()
}

/// The clinic's brand on the first page.
fn header(clinic: &Clinic) -> Header {
    Header {
        name: clinic.name.clone(),
        phone: clinic.phone.clone(),
        website: clinic
            .website
            .as_deref()
            .map(|w| printed_address(w).to_string()),
        logo: clinic.logo.clone().map(|logo| {
            let alt = clinic
                .logo_alt
                .clone()
                .unwrap_or_else(|| clinic.name.clone());
            (logo, alt)
        }),
    }
}

fn paragraphs(paragraphs: &[Paragraph], role: TextRole) -> Vec<Node> {
    paragraphs
        .iter()
        .map(|p| Node::Paragraph {
            role,
            text: p.clone(),
        })
        .collect()
}

fn ends_with_colon(text: &Paragraph) -> bool {
    let last = text.iter().rev().find(|s| !s.text.trim().is_empty());
    last.is_some_and(|s| s.text.trim_end().ends_with([':', '：']))
}

/// An item's title runs in, in bold, before its text ("**Ice.** Put a pack
/// on…"), so it takes no line of its own.
fn item(item: &crate::model::Item) -> ListItem {
    let mut paragraphs = item.text.clone();
    if let Some(title) = &item.title {
        let mut lead: Paragraph = title
            .iter()
            .map(|s| Span {
                bold: true,
                ..s.clone()
            })
            .collect();
        let ends = lead
            .last()
            .and_then(|s| s.text.trim_end().chars().next_back());
        let separator = match ends {
            Some(c) if c.is_ascii_punctuation() || "。：！？".contains(c) => " ",
            Some(c) if crate::text::lines::is_cjk(c) => "：",
            _ => ". ",
        };
        match paragraphs.first_mut() {
            Some(first) => {
                let (mark, space) = separator.split_at(separator.trim_end().len());
                lead.push(Span::bold(mark));
                lead.push(Span::plain(space));
                lead.retain(|s| !s.text.is_empty());
                lead.append(first);
                *first = lead;
            }
            None => paragraphs.push(lead),
        }
    }
    ListItem {
        paragraphs,
        figure: item.picture.clone(),
        icon: item.icon.as_ref().map(|i| Pictogram {
            icon: i.icon,
            alt: i.alt.clone(),
        }),
    }
}

/// The key points: a box headed "Key points" holding a bulleted list.
fn key_points(handout: &Handout) -> Node {
    let items = handout.key_points.iter().map(|point| ListItem {
        paragraphs: vec![point.clone()],
        figure: None,
        icon: None,
    });
    Node::Panel {
        role: PanelRole::KeyPoints,
        heading: Some(handout.words.key_points().to_string()),
        icon: None,
        children: vec![Node::List {
            style: ListStyle::Bullets,
            items: items.collect(),
        }],
    }
}

/// The contact block: name, phone, address, website, email, booking link
/// and its QR code, with a pictogram beside its heading.
fn contact(clinic: &Clinic, handout: &Handout, icon: Option<&'static Icon>) -> Node {
    let words = &handout.words;
    let line = |role, text| Node::Paragraph { role, text };
    let link = |url: &str, prefix: &str| Span {
        link: Some(format!("{prefix}{url}")),
        ..Span::plain(printed_address(url))
    };
    let mut children = vec![line(TextRole::Contact, vec![Span::bold(&clinic.name)])];
    if let Some(phone) = &clinic.phone {
        children.push(line(TextRole::Phone, vec![Span::bold(phone)]));
    }
    if let Some(address) = &clinic.address {
        let address = postal_codes_kept(address);
        children.push(line(TextRole::Contact, vec![Span::plain(address)]));
    }
    if let Some(site) = &clinic.website {
        children.push(line(TextRole::Contact, vec![link(site, "")]));
    }
    if let Some(email) = &clinic.email {
        children.push(line(TextRole::Contact, vec![link(email, "mailto:")]));
    }
    if let Some(booking) = &clinic.booking_url {
        let (before, after) = words.book_online();
        // Printed as written; scanned and clicked as a browser sends it.
        let sent = crate::model::address::encoded(booking).unwrap_or_else(|_| booking.clone());
        let address = Span {
            link: Some(sent.clone()),
            ..Span::plain(printed_address(booking))
        };
        let spans = [Span::plain(before), address, Span::plain(after)];
        let spans = spans.into_iter().filter(|s| !s.text.is_empty()).collect();
        children.push(line(TextRole::Contact, spans));
        children.push(Node::Qr {
            url: sent,
            caption: words.scan_to_book().to_string(),
        });
    }
    Node::Panel {
        role: PanelRole::Contact,
        heading: Some(words.contact().to_string()),
        icon,
        children,
    }
}

/// What the booking code says to someone who cannot see it: its caption
/// and the address it opens.
pub fn qr_alt(url: &str, caption: &str) -> String {
    format!("{caption}: {}", printed_address(url))
}

/// `address` with a no-break space between a state and its postal code
/// ("NY 10003"), so a line never ends between them.
fn postal_codes_kept(address: &str) -> String {
    let state = |w: &str| {
        let w = w.trim_start_matches(',');
        w.len() == 2 && w.bytes().all(|b| b.is_ascii_uppercase())
    };
    let code = |w: &str| w.len() >= 5 && w.bytes().take(5).all(|b| b.is_ascii_digit());
    let words: Vec<&str> = address.split(' ').collect();
    let mut out = String::with_capacity(address.len() + 2);
    for (i, word) in words.iter().enumerate() {
        if i > 0 {
            let keep = state(words[i - 1]) && code(word);
            out.push(if keep { '\u{a0}' } else { ' ' });
        }
        out.push_str(word);
    }
    out
}

/// `node`, marked as written in another language when its `text` clearly
/// is in one other than the handout's `primary` language.
fn in_language(node: Node, text: &str, primary: &str) -> Node {
    match crate::text::language::other_than(text, primary) {
        Some(language) => Node::Foreign {
            language: language.to_string(),
            node: Box::new(node),
        },
        None => node,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{load_clinic, load_handout};
    use std::path::Path;

    fn sample(name: &str) -> (Clinic, Handout) {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let clinic = load_clinic(&root.join("clinic.toml")).unwrap_or_else(|e| panic!("{e:?}"));
        let handout = load_handout(
            &root.join("handouts").join(name),
            &clinic,
            None,
            &Default::default(),
        )
        .unwrap_or_else(|e| panic!("{e:?}"));
        (clinic, handout)
    }

    fn text(p: &Paragraph) -> String {
        p.iter().map(|s| s.text.as_str()).collect()
    }

    #[test]
    fn a_leaflet_prints_the_handout_the_clinic_and_the_patient() {
        let (clinic, handout) = sample("neck-pain-at-your-desk.toml");
        let note = vec![inline("Take the stretches slowly.")];
        let date = handout.reviewed;
        let patient = PatientCopy {
            name: Some(("Jane Doe".into(), date)),
            note,
        };
        let leaflet = compose(&handout, &clinic, &patient);
        assert_eq!(leaflet.title.title, handout.title);
        assert!(
            leaflet
                .title
                .prepared_for
                .as_deref()
                .is_some_and(|p| p.contains("Jane Doe"))
        );
        // The main message first, its key points, then the patient's note.
        let roles: Vec<Option<PanelRole>> = leaflet
            .body
            .iter()
            .map(|n| match n {
                Node::Panel { role, .. } => Some(*role),
                _ => None,
            })
            .collect();
        assert_eq!(
            roles[..3],
            [
                Some(PanelRole::Summary),
                Some(PanelRole::KeyPoints),
                Some(PanelRole::Note)
            ]
        );
        // Default headings; the warning signs are a box with its heading.
        let headings: Vec<&str> = leaflet
            .body
            .iter()
            .filter_map(|n| match n {
                Node::Heading { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect();
        assert!(
            headings.contains(&"Treatments at Gramercy Pain Center"),
            "{headings:?}"
        );
        let warning = leaflet.body.iter().find_map(|n| match n {
            Node::Panel {
                role: PanelRole::Warning,
                heading,
                children,
                ..
            } => Some((heading, children)),
            _ => None,
        });
        let (heading, children) = warning.expect("the warning box");
        assert_eq!(heading.as_deref(), Some("When to get help right away"));
        // Its intro ends in ":" and leads into the list; the phone is filled in.
        match &children[0] {
            Node::Paragraph { role, text: t } => {
                assert_eq!(*role, TextRole::LeadIn);
                assert!(text(t).contains("(212) 555-0147"));
            }
            other => panic!("{other:?}"),
        }
        // An item's title runs in, in bold, before its text.
        let first_list = leaflet.body.iter().find_map(|n| match n {
            Node::List { items, .. } => Some(items),
            _ => None,
        });
        let first = &first_list.expect("a list")[0].paragraphs[0];
        assert!(text(first).starts_with("Looking down. "), "{}", text(first));
        assert!(first[0].bold);
        // The contact block ends with the booking link's QR code; the footer
        // names the clinic and its phone.
        let Node::Panel {
            role: PanelRole::Contact,
            children,
            ..
        } = &leaflet.contact
        else {
            panic!("the contact block");
        };
        assert!(matches!(children.last(), Some(Node::Qr { url, .. }) if url.ends_with("/book")));
        assert_eq!(
            leaflet.footer.clinic,
            "Gramercy Pain Center · (212) 555-0147"
        );
    }

    #[test]
    fn a_state_keeps_its_postal_code() {
        let kept = postal_codes_kept("123 Example Street, New York, NY 10003-1234");
        assert_eq!(kept, "123 Example Street, New York, NY\u{a0}10003-1234");
        // Not a state and a code: left as written.
        let other = "Unit 12 AB 123, Toronto ON M5V 2T6";
        assert_eq!(postal_codes_kept(other), other);
    }

    #[test]
    fn a_passage_in_another_language_is_marked_with_it() {
        let english =
            "This leaflet is for information and does not replace the advice of your doctor.";
        let fine = || Node::Paragraph {
            role: TextRole::Fine,
            text: inline(english),
        };
        let plain = |n: &Node| matches!(n, Node::Paragraph { role: TextRole::Fine, text } if text == &inline(english));
        match in_language(fine(), english, "es") {
            Node::Foreign { language, node } => assert!(language == "en" && plain(&node)),
            other => panic!("{other:?}"),
        }
        assert!(plain(&in_language(fine(), english, "en")));
        // Too short to tell: left as the handout's.
        assert!(plain(&in_language(fine(), "OK.", "es")));
    }
}
