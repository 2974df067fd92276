//! PEMAT-P, the AHRQ Patient Education Materials Assessment Tool for print:
//! the items a program can judge from the file are scored, and those a person
//! must judge are listed. A material passes at 70% on each scale.

use crate::markup::{Paragraph, plain_text};
use crate::model::{Handout, ListStyle, SectionKind};
use crate::readability::{sentences, words};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    Understandability,
    Actionability,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub id: &'static str,
    pub scale: Scale,
    /// None: a person must judge it.
    pub met: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pemat {
    pub items: Vec<Item>,
}

impl Pemat {
    /// The share of the judged items on a scale that are met, in whole per
    /// cent; None when a program can judge none of them.
    pub fn percent(&self, scale: Scale) -> Option<u32> {
        let judged: Vec<bool> = self
            .items
            .iter()
            .filter(|i| i.scale == scale)
            .filter_map(|i| i.met)
            .collect();
        let met = judged.iter().filter(|m| **m).count();
        (!judged.is_empty()).then(|| (100.0 * met as f64 / judged.len() as f64).round() as u32)
    }

    /// Items judged and not met.
    pub fn unmet(&self) -> impl Iterator<Item = &Item> {
        self.items.iter().filter(|i| i.met == Some(false))
    }

    /// Items a person must judge.
    pub fn for_a_person(&self) -> impl Iterator<Item = &Item> {
        self.items.iter().filter(|i| i.met.is_none())
    }
}

/// Sections longer than this many items, or paragraphs longer than this many
/// sentences, are not "short sections" (PEMAT user's guide: chunk the text).
const MAX_ITEMS: usize = 7;
const MAX_PARAGRAPH_SENTENCES: usize = 5;

/// Words that address the reader, by language subtag.
fn reader_words(language: &str) -> Option<&'static [&'static str]> {
    match language {
        "en" => Some(&["you", "your", "yours", "yourself"]),
        "es" => Some(&[
            "usted", "ustedes", "su", "sus", "le", "les", "tú", "tu", "tus", "te",
        ]),
        _ => None,
    }
}

/// Words that ask a reader to calculate (PEMAT item 8).
const CALCULATIONS: [&str; 8] = [
    "%",
    "percent",
    "per cent",
    "calculate",
    "multiply",
    "divide",
    "por ciento",
    "calcul",
];

/// Score a handout. `jargon` is the number of jargon warnings, None when the
/// language has no word list.
pub fn score(h: &Handout, jargon: Option<usize>) -> Pemat {
    let mut items = understandability(h, jargon);
    items.extend(actionability(h));
    Pemat { items }
}

/// The sections that tell the reader what to do.
const ACTIONS: [SectionKind; 2] = [SectionKind::Prevention, SectionKind::SelfCare];

/// Each paragraph's plain text.
fn plain(ps: &[Paragraph]) -> Vec<String> {
    ps.iter().map(|p| plain_text(p)).collect()
}

/// The handout's running text: the summary, each section's intro and
/// items, and the closing, paragraph by paragraph.
fn paragraphs(h: &Handout) -> Vec<String> {
    let mut paragraphs = plain(&h.summary);
    for s in &h.sections {
        paragraphs.extend(plain(&s.intro));
        for item in &s.items {
            paragraphs.extend(plain(&item.text));
        }
    }
    paragraphs.extend(plain(&h.closing));
    paragraphs
}

/// All the handout's words, lower-cased, for phrases anywhere in it: the
/// title, summary, item titles and `paragraphs`.
fn all_text(h: &Handout, paragraphs: &[String]) -> String {
    let mut all = vec![h.title.clone()];
    all.extend(plain(&h.summary));
    for s in &h.sections {
        all.extend(
            s.items
                .iter()
                .filter_map(|i| i.title.as_ref().map(|t| plain_text(t))),
        );
    }
    all.extend(paragraphs.iter().cloned());
    all.join(" ").to_lowercase()
}

/// PEMAT-P's understandability items, in the tool's order.
fn understandability(h: &Handout, jargon: Option<usize>) -> Vec<Item> {
    use Scale::Understandability as U;
    let paragraphs = paragraphs(h);
    let all = all_text(h, &paragraphs);
    vec![
        item(
            "purpose-clear",
            U,
            super::spaces_words(&h.writing.primary).then(|| purpose_clear(h)),
        ),
        item(
            "main-message-first",
            U,
            Some(!h.summary.is_empty() || !h.key_points.is_empty()),
        ),
        item("everyday-words", U, jargon.map(|n| n == 0)),
        item("medical-terms-defined", U, None),
        item("active-voice", U, None),
        item("numbers-clear", U, None),
        item(
            "no-calculations",
            U,
            Some(!CALCULATIONS.iter().any(|c| all.contains(c))),
        ),
        item("short-sections", U, Some(short_sections(h, &paragraphs))),
        item("informative-headings", U, None),
        item("logical-sequence", U, None),
        item("visual-cues", U, Some(visual_cues(h))),
        item("no-distractions", U, None),
        item("visual-aids", U, None),
        // Key points summarise; without them, a person judges whether the
        // closing does.
        item("summary", U, (!h.key_points.is_empty()).then_some(true)),
    ]
}

/// PEMAT-P's actionability items, in the tool's order.
fn actionability(h: &Handout) -> Vec<Item> {
    use Scale::Actionability as A;
    let has = |kinds: &[SectionKind]| {
        h.sections
            .iter()
            .any(|s| kinds.contains(&s.kind) && !s.items.is_empty())
    };
    let has_kind = |kind| h.sections.iter().any(|s| s.kind == kind);
    vec![
        item("action-identified", A, Some(has(&ACTIONS))),
        item("addresses-reader", A, addresses_reader(h)),
        item(
            "steps-broken-down",
            A,
            Some(h.sections.iter().any(|s| {
                ACTIONS.contains(&s.kind) && s.style == ListStyle::Numbered && s.items.len() >= 2
            })),
        ),
        item(
            "when-to-get-help",
            A,
            Some(has(&[SectionKind::WarningSigns])),
        ),
        // Lines to write questions on are a tool; other tools a person judges.
        item(
            "tangible-tool",
            A,
            has_kind(SectionKind::Notes).then_some(true),
        ),
        // Pictograms beside the steps; a person judges pictures otherwise.
        item(
            "visual-aids-for-action",
            A,
            h.sections
                .iter()
                .filter(|s| ACTIONS.contains(&s.kind))
                .any(|s| s.items.iter().any(|i| i.icon.is_some()))
                .then_some(true),
        ),
    ]
}

/// Sections with headings of their own, none long: two or more headings,
/// no two alike, no section over [`MAX_ITEMS`] items, no paragraph over
/// [`MAX_PARAGRAPH_SENTENCES`] sentences.
fn short_sections(h: &Handout, paragraphs: &[String]) -> bool {
    let headings: Vec<&str> = h.sections.iter().map(|s| s.heading.as_str()).collect();
    headings.len() >= 2
        && (1..headings.len()).all(|i| !headings[..i].contains(&headings[i]))
        && h.sections.iter().all(|s| s.items.len() <= MAX_ITEMS)
        && paragraphs
            .iter()
            .all(|p| sentences(p).len() <= MAX_PARAGRAPH_SENTENCES)
}

/// Cues draw the eye to key points: bold words in the running text, or a
/// section that lists two or more items.
fn visual_cues(h: &Handout) -> bool {
    let bold = h
        .summary
        .iter()
        .chain(h.sections.iter().flat_map(|s| &s.intro))
        .chain(
            h.sections
                .iter()
                .flat_map(|s| s.items.iter().flat_map(|i| &i.text)),
        )
        .flatten()
        .any(|span| span.bold);
    bold || h.sections.iter().any(|s| s.items.len() >= 2)
}

/// Whether the action and warning sections speak to the reader ("you");
/// None in a language without a list of such words.
fn addresses_reader(h: &Handout) -> Option<bool> {
    let own = reader_words(&h.writing.primary)?;
    let action_text: Vec<String> = h
        .sections
        .iter()
        .filter(|s| ACTIONS.contains(&s.kind) || s.kind == SectionKind::WarningSigns)
        .flat_map(|s| {
            let items = s.items.iter().flat_map(|i| plain(&i.text));
            plain(&s.intro).into_iter().chain(items)
        })
        .collect();
    Some(
        action_text
            .iter()
            .flat_map(|t| words(t))
            .any(|w| own.contains(&w.to_lowercase().as_str())),
    )
}

fn item(id: &'static str, scale: Scale, met: Option<bool>) -> Item {
    Item { id, scale, met }
}

/// The purpose is clear early: the summary's first sentence names the topic
/// of the title (shares a word of four letters or more with it).
fn purpose_clear(h: &Handout) -> bool {
    let content = |s: &str| -> Vec<String> {
        words(s)
            .into_iter()
            .filter(|w| w.chars().count() >= 4)
            .map(str::to_lowercase)
            .collect()
    };
    let title = content(&h.title);
    let first = h
        .summary
        .first()
        .map(|p| plain_text(p))
        .and_then(|p| sentences(&p).first().map(|s| content(s)))
        .unwrap_or_default();
    first.iter().any(|w| title.contains(w))
}
