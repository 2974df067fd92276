//! A handout: validated handouts/NAME.toml with placeholders filled, markup
//! parsed and pictures decoded.

use super::clinic::load_picture;
use super::{
    Clinic, ListStyle, SectionKind, Words, date, read_source, uncovered, uncovered_chars,
    uncovered_message, without_invisibles,
};
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Source};
use crate::markup::{Paragraph, PlaceholderError, expand_placeholders, paragraphs};
use crate::parse::handout::{HandoutFile, ItemFile, SectionFile};
use crate::parse::words::WordsFile;
use crate::parse::{Spanned, from_toml};
use crate::picture::Picture;
use crate::text::{FontSet, Writing};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub struct Handout {
    pub path: PathBuf,
    pub source: Source,
    /// The file as written, with the position of every value, for lints.
    pub file: HandoutFile,
    pub title: String,
    pub subtitle: Option<String>,
    /// BCP 47 tag.
    pub language: String,
    /// Direction, glyph forms and font family of the language.
    pub writing: Writing,
    /// The words the tool prints itself, in the handout's language.
    pub words: Words,
    pub reviewed: Date,
    pub next_review: Date,
    pub summary: Vec<Paragraph>,
    pub closing: Vec<Paragraph>,
    pub keywords: Vec<String>,
    pub sections: Vec<Section>,
}

pub struct Section {
    pub kind: SectionKind,
    pub heading: String,
    pub intro: Vec<Paragraph>,
    pub style: ListStyle,
    pub items: Vec<Item>,
}

pub struct Item {
    pub title: Option<Paragraph>,
    pub text: Vec<Paragraph>,
    /// A picture beside the item, with its alternative text.
    pub picture: Option<(Picture, String)>,
}

impl Handout {
    /// A review date after today is a typo (2062 for 2026) that would keep the
    /// handout from ever expiring: an error, whatever --allow-expired says.
    pub fn reviewed_in_future(&self, today: Date) -> Option<Diagnostic> {
        (self.reviewed > today).then(|| {
            self.source.error(
                self.file.reviewed.span().start,
                "future-review",
                format!(
                    "`reviewed` is {}, which is after today ({today}); write the date of the \
                     last clinical review",
                    self.reviewed
                ),
            )
        })
    }

    /// The error that stops printing once the review date has passed; it
    /// points at the date that decides it.
    pub fn expired(&self, today: Date) -> Option<Diagnostic> {
        let decides = self
            .file
            .next_review
            .as_ref()
            .unwrap_or(&self.file.reviewed);
        if self.next_review < self.reviewed {
            let message = format!(
                "`next_review` ({}) is before `reviewed` ({}); set the next review after the last \
                 one, or leave `next_review` out to use the clinic's review interval",
                self.next_review, self.reviewed
            );
            return Some(
                self.source
                    .error(decides.span().start, "review-order", message),
            );
        }
        (self.next_review < today).then(|| {
            self.source.error(
                decides.span().start,
                "expired",
                format!(
                    "this handout was due for review on {} and must not be printed until it is \
                     reviewed (update `reviewed`, or build with --allow-expired)",
                    self.next_review
                ),
            )
        })
    }
}

/// Read and validate one handout against its clinic.
pub fn load_handout(
    path: &Path,
    clinic: &Clinic,
    patient: Option<&str>,
) -> Result<Handout, Vec<Diagnostic>> {
    let name = path.file_stem().unwrap_or_default().to_string_lossy();
    if let Some(why) = crate::library::reserved_name(&name) {
        return Err(vec![Diagnostic::for_file(path, "reserved-name", why)]);
    }
    let source = read_source(path).map_err(|d| vec![d])?;
    let file: HandoutFile = from_toml(&source)?;
    let mut v = Validator {
        source: &source,
        fonts: &clinic.fonts,
        pictures: &clinic.pictures,
        dir: path.parent().unwrap_or(Path::new("")).to_path_buf(),
        values: placeholder_values(clinic, patient),
        errors: crate::scaffold::unfinished(&source, &file),
    };
    let language = file
        .language
        .as_ref()
        .map_or_else(|| "en".to_string(), |l| l.get_ref().trim().to_string());
    if let Some(tag) = &file.language {
        v.check_language(tag);
    }
    let language_at = file.language.as_ref().map_or(0, |l| l.span().start);
    let words = Words::resolve(
        &language,
        file.words.as_ref(),
        clinic.disclaimer.for_language(&language),
        (&source, language_at),
        |key| needed_word(key, &file, clinic),
    )
    .map_err(|mut errors| v.errors.append(&mut errors))
    .ok();
    if let Some(words) = &words {
        v.check_words_drawn(words, file.words.as_ref(), language_at);
    }
    let reviewed = v.date(&file.reviewed, "reviewed");
    let next_review = match &file.next_review {
        Some(d) => v.date(d, "next_review"),
        None => reviewed.map(|r| r.add_months(clinic.review_months)),
    };
    if let Some(d) = &file.source_reviewed {
        v.date(d, "source_reviewed");
    }
    if let Some(of) = &file.translation_of
        && !v.dir.join(of.get_ref()).is_file()
    {
        let message = format!(
            "the source handout `{}` does not exist; `translation_of` names the file this one translates, relative to it",
            of.get_ref()
        );
        v.error(of.span().start, "missing-source", message);
    }
    let title = v.line(&file.title, "title");
    let subtitle = file.subtitle.as_ref().and_then(|s| v.line(s, "subtitle"));
    let summary = v.paragraphs(file.summary.as_ref());
    let closing = v.paragraphs(file.closing.as_ref());
    let keywords = file
        .keywords
        .iter()
        .filter_map(|k| v.line(k, "keywords"))
        .collect();
    let sections: Vec<Section> = file
        .sections
        .iter()
        .map(|s| v.section(s, words.as_ref(), &clinic.name))
        .collect();

    match (title, reviewed, next_review, words, v.errors.is_empty()) {
        (Some(title), Some(reviewed), Some(next_review), Some(words), true) => {
            let printed = printed_text(&title, &subtitle, [&summary, &closing], &sections, &words);
            let (family, script) = clinic.fonts.families_for(&printed);
            let writing = Writing::new(&language, family).with_script(script);
            Ok(Handout {
                writing,
                words,
                path: path.to_path_buf(),
                source,
                title,
                subtitle,
                language,
                reviewed,
                next_review,
                summary,
                closing,
                keywords,
                sections,
                file,
            })
        }
        _ => Err(v.errors),
    }
}

/// Whether a handout prints the word `key` of its [`Words`].
fn needed_word(key: &str, file: &HandoutFile, clinic: &Clinic) -> bool {
    match key {
        "book_online" | "scan_to_book" => clinic.booking_url.is_some(),
        "disclaimer" => {
            let language = file.language.as_ref().map_or("en", |l| l.get_ref().trim());
            clinic.disclaimer.for_language(language).is_none()
        }
        "causes" | "prevention" | "self_care" | "warning_signs" | "treatments" | "text" => {
            file.sections.iter().any(|s| {
                let s = s.get_ref();
                s.heading.is_none() && super::words::kind_key(*s.kind.get_ref()) == key
            })
        }
        // Not printed yet: key points, write-in lines, "also available" and
        // the web page are still to come.
        "key_points" | "notes" | "also_available" | "language_name" | "urgent" => false,
        _ => true,
    }
}

/// All the text a handout prints, to choose the font family that sets it.
fn printed_text(
    title: &str,
    subtitle: &Option<String>,
    blocks: [&[Paragraph]; 2],
    sections: &[Section],
    words: &Words,
) -> String {
    let mut out = format!("{title} {}", subtitle.as_deref().unwrap_or_default());
    let mut add = |paragraphs: &[Paragraph]| {
        for span in paragraphs.iter().flatten() {
            out.push(' ');
            out.push_str(&span.text);
        }
    };
    blocks.into_iter().for_each(&mut add);
    for section in sections {
        add(&[vec![crate::markup::Span::plain(section.heading.as_str())]]);
        add(&section.intro);
        for item in &section.items {
            add(item.title.as_slice());
            add(&item.text);
        }
    }
    out.push_str(&words.all_text());
    out
}

/// Every placeholder a text may use.
const PLACEHOLDERS: [&str; 6] = [
    "clinic.name",
    "clinic.phone",
    "clinic.website",
    "clinic.email",
    "clinic.address",
    "patient.name",
];

/// Why `{name}` cannot be filled, with a hint at what was meant.
fn unknown_placeholder(name: &str) -> String {
    if PLACEHOLDERS.contains(&name) {
        let key = name.trim_start_matches("clinic.");
        return format!(
            "{{{name}}} is used here but clinic.toml does not set it: add {key} = \"...\" to \
             clinic.toml, or take {{{name}}} out of this text"
        );
    }
    // Compared by the part after the dot, so `{phone}` finds `{clinic.phone}`
    // and `{clinic.fax}` finds nothing rather than `{clinic.name}`.
    let (prefix, field) = name.rsplit_once('.').unwrap_or(("", name));
    let fields: Vec<&str> = PLACEHOLDERS
        .iter()
        .filter(|p| prefix.is_empty() || p.starts_with(&format!("{prefix}.")))
        .filter_map(|p| p.split_once('.').map(|(_, f)| f))
        .collect();
    let hint = crate::parse::closest(field, &fields)
        .and_then(|f| PLACEHOLDERS.iter().find(|p| p.ends_with(&format!(".{f}"))))
        .map(|k| format!(" (did you mean {{{k}}}?)"))
        .unwrap_or_default();
    let known: Vec<String> = PLACEHOLDERS.iter().map(|k| format!("{{{k}}}")).collect();
    format!(
        "unknown placeholder {{{name}}}{hint}; known ones are {}",
        known.join(", ")
    )
}

/// A clinician's `--note`: clinic placeholders and the patient's name filled,
/// or why not in words.
pub fn expand_note(text: &str, clinic: &Clinic, patient: Option<&str>) -> Result<String, String> {
    if let Some((_, why)) = super::text_problem(text, false) {
        return Err(why);
    }
    let note =
        expand_placeholders(text, &placeholder_values(clinic, patient)).map_err(|e| match e {
            PlaceholderError::Unknown { name, .. } => unknown_placeholder(&name),
            PlaceholderError::Unbalanced { .. } => {
                "a `{` or `}` without its partner; write {{ or }} for a literal brace".into()
            }
        })?;
    note_links(&note)?;
    Ok(note)
}

/// The note prints like a handout's text: its links follow the same rules.
/// Checked on the command line as written, before any handout is read, and
/// again once its placeholders are filled.
pub fn note_links(note: &str) -> Result<(), String> {
    for url in paragraphs(note)
        .iter()
        .flatten()
        .filter_map(|s| s.link.as_deref())
    {
        super::link_target(url).map_err(|why| format!("the link `{url}`: {why}"))?;
    }
    Ok(())
}

/// What each `{placeholder}` stands for. Clinic details that are not set are
/// left out, so using them is an error rather than a blank in print.
fn placeholder_values<'a>(clinic: &Clinic, patient: Option<&str>) -> BTreeMap<&'a str, String> {
    let mut values = BTreeMap::from([
        ("clinic.name", clinic.name.clone()),
        ("patient.name", patient.unwrap_or_default().to_string()),
    ]);
    for (key, value) in [
        ("clinic.phone", &clinic.phone),
        ("clinic.website", &clinic.website),
        ("clinic.email", &clinic.email),
        ("clinic.address", &clinic.address),
    ] {
        if let Some(v) = value {
            values.insert(key, v.clone());
        }
    }
    values
}

struct Validator<'a> {
    source: &'a Source,
    fonts: &'a FontSet,
    pictures: &'a crate::picture::Cache,
    dir: PathBuf,
    values: BTreeMap<&'static str, String>,
    errors: Vec<Diagnostic>,
}

impl Validator<'_> {
    fn error(&mut self, offset: usize, code: &'static str, message: String) {
        let source = self.source;
        crate::diagnostic::push_capped(&mut self.errors, || source.error(offset, code, message));
    }

    fn date(&mut self, value: &Spanned<toml::value::Datetime>, key: &str) -> Option<Date> {
        date(self.source, value, key)
            .map_err(|d| self.errors.push(d))
            .ok()
    }

    fn check_language(&mut self, tag: &Spanned<String>) {
        let t = tag.get_ref();
        let ok = !t.is_empty()
            && t.split('-').all(|p| {
                (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric())
            })
            && t.split('-')
                .next()
                .is_some_and(|p| p.len() <= 3 && p.chars().all(|c| c.is_ascii_alphabetic()));
        if !ok {
            self.error(
                tag.span().start,
                "bad-language",
                format!("`{t}` is not a language tag such as \"en\", \"es\" or \"zh-Hant\""),
            );
        }
    }

    /// A text field with placeholders filled, or `None` after reporting why not.
    fn expand(&mut self, value: &Spanned<String>) -> Option<String> {
        let err = match expand_placeholders(value.get_ref(), &self.values) {
            Ok(text) => {
                if let Some((at, why)) = super::text_problem(&text, false) {
                    let c = text[at..].chars().next().expect("a character");
                    let at = super::locate_char(self.source, &value.span(), c);
                    self.error(at, "bad-character", why);
                    return None;
                }
                let text = without_invisibles(text).replace('\t', " ");
                let missing = uncovered_chars(self.fonts, &text);
                for c in &missing {
                    let at = self.source.find_in(&value.span(), &c.to_string());
                    self.error(at, "uncovered-character", uncovered_message(self.fonts, *c));
                }
                return missing.is_empty().then_some(text);
            }
            Err(err) => err,
        };
        // Every bad placeholder of the text, not only the first: each search
        // starts after the one before, so the same name twice is found twice.
        let span = value.span();
        let text = value.get_ref();
        let (mut from, mut search) = (0, span.clone());
        let mut next = Some(err);
        while let Some(err) = next {
            let resume = match &err {
                PlaceholderError::Unbalanced { offset } => offset + 1,
                PlaceholderError::Unknown { name, offset } => offset + name.len() + 2,
            };
            if self.errors.len() >= crate::diagnostic::SHOWN_PER_FILE {
                // Past the cap only counted: no message made, no place found.
                self.error(0, "unknown-placeholder", String::new());
            } else {
                let (needle, message) = match err {
                    PlaceholderError::Unbalanced { offset } => (
                        text[from + offset..from + offset + 1].to_string(),
                        "a `{` or `}` without its partner; write {{ or }} for a literal brace"
                            .to_string(),
                    ),
                    PlaceholderError::Unknown { name, .. } => {
                        (format!("{{{name}"), unknown_placeholder(&name))
                    }
                };
                let at = self.source.find_in(&search, &needle);
                self.error(at, "unknown-placeholder", message);
                search = (at + needle.len()).min(span.end)..span.end;
            }
            from += resume;
            next = expand_placeholders(&text[from..], &self.values).err();
        }
        None
    }

    /// A one-line field (title, heading): placeholders filled, whitespace tidied.
    /// These lines also go into the PDF's metadata and outline, so a patient's
    /// name may not appear in them.
    fn line(&mut self, value: &Spanned<String>, key: &str) -> Option<String> {
        if value.get_ref().contains("{patient.name}") {
            let at = self.source.find_in(&value.span(), "{patient.name}");
            let message = format!(
                "{{patient.name}} cannot be used in `{key}`: it goes into the PDF's metadata and \
                 bookmarks, which must never hold a patient's name; use it in the text instead"
            );
            self.error(at, "patient-in-metadata", message);
            return None;
        }
        if let Some((at, why)) = super::text_problem(value.get_ref(), true) {
            let c = value.get_ref()[at..].chars().next().expect("a character");
            let at = super::locate_char(self.source, &value.span(), c);
            self.error(at, "bad-character", format!("`{key}`: {why}"));
            return None;
        }
        let text = self.expand(value)?;
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if text.is_empty() {
            self.error(
                value.span().start,
                "empty-text",
                format!("`{key}` is empty"),
            );
            return None;
        }
        Some(text)
    }

    fn paragraphs(&mut self, value: Option<&Spanned<String>>) -> Vec<Paragraph> {
        let Some(value) = value else {
            return Vec::new();
        };
        let parsed = self.expand(value).map_or_else(Vec::new, |t| paragraphs(&t));
        self.check_links(value, &parsed);
        parsed
    }

    /// Every link's address is one a reader can open safely.
    fn check_links(&mut self, value: &Spanned<String>, parsed: &[Paragraph]) {
        for url in parsed.iter().flatten().filter_map(|s| s.link.as_deref()) {
            if let Err(why) = super::link_target(url) {
                let at = self.source.find_in(&value.span(), url);
                self.error(at, "bad-link", why);
            }
        }
    }

    /// The words the tool prints must be drawable too: an uncovered
    /// character is reported at the handout's own word, else at `language`.
    fn check_words_drawn(&mut self, words: &Words, own: Option<&Spanned<WordsFile>>, at: usize) {
        if let Some(c) = uncovered(self.fonts, &words.all_text()) {
            let place = own
                .and_then(|w| super::words::span_with(w.get_ref(), c))
                .map_or(at, |span| self.source.find_in(&span, &c.to_string()));
            self.error(
                place,
                "uncovered-character",
                uncovered_message(self.fonts, c),
            );
        }
    }

    fn section(
        &mut self,
        spanned: &Spanned<SectionFile>,
        words: Option<&Words>,
        clinic: &str,
    ) -> Section {
        let s = spanned.get_ref();
        let kind = *s.kind.get_ref();
        let heading = match (&s.heading, words) {
            (Some(h), _) => self.line(h, "heading").unwrap_or_default(),
            (None, Some(words)) => words.heading(kind, clinic),
            (None, None) => String::new(),
        };
        let style = s
            .style
            .as_ref()
            .map_or(default_style(kind), |st| *st.get_ref());
        let items = s.items.iter().map(|i| self.item(i)).collect();
        Section {
            kind,
            heading,
            intro: self.paragraphs(s.intro.as_ref()),
            style,
            items,
        }
    }

    fn item(&mut self, spanned: &Spanned<ItemFile>) -> Item {
        let i = spanned.get_ref();
        // None: not given; Some(None): could not be expanded (already reported).
        let title = i
            .title
            .as_ref()
            .map(|t| self.expand(t).map(|t| crate::markup::inline(t.trim())));
        let text = i.text.as_ref().map(|t| {
            let parsed = self.expand(t).map(|t| paragraphs(&t));
            self.check_links(t, parsed.as_deref().unwrap_or_default());
            parsed
        });
        if let (Some(t), Some(Some(parsed))) = (&i.title, &title) {
            self.check_links(t, std::slice::from_ref(parsed));
        }
        if i.title.is_none() && i.text.is_none() {
            self.error(
                spanned.span().start,
                "empty-item",
                "this item has no words: give it a `title`, a `text` or both".into(),
            );
        }
        let empty_title = matches!(&title, Some(Some(t)) if t.is_empty());
        let empty_text = matches!(&text, Some(Some(t)) if t.is_empty());
        for (field, empty) in [(&i.title, empty_title), (&i.text, empty_text)] {
            if let (Some(f), true) = (field, empty) {
                self.error(
                    f.span().start,
                    "empty-text",
                    "this text is empty; write something or remove the key".into(),
                );
            }
        }
        let picture = match (&i.image, &i.image_alt) {
            (Some(image), Some(alt)) if !alt.get_ref().trim().is_empty() => {
                load_picture(self.source, &self.dir, image, self.pictures)
                    .map_err(|d| self.errors.push(d))
                    .ok()
                    .map(|p| (p, alt.get_ref().trim().to_string()))
            }
            (Some(image), _) => {
                self.error(
                    image.span().start,
                    "missing-alt",
                    "a picture needs `image_alt`: a few words saying what it shows, for readers who cannot see it".into(),
                );
                None
            }
            (None, Some(alt)) => {
                self.error(
                    alt.span().start,
                    "alt-without-image",
                    "`image_alt` is set but there is no `image`".into(),
                );
                None
            }
            (None, None) => None,
        };
        Item {
            title: title.flatten().filter(|t| !t.is_empty()),
            text: text.flatten().unwrap_or_default(),
            picture,
        }
    }
}

/// Steps read best numbered; lists of things, as bullets.
fn default_style(kind: SectionKind) -> ListStyle {
    match kind {
        SectionKind::Prevention | SectionKind::SelfCare => ListStyle::Numbered,
        _ => ListStyle::Bullets,
    }
}
