//! A handout: validated handouts/NAME.toml with placeholders filled, markup
//! parsed and pictures decoded.

use super::clinic::load_picture;
use super::{
    Clinic, ListStyle, SectionKind, Words, date, read_source, uncovered, uncovered_chars,
    uncovered_message, without_invisibles,
};
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Source};
use crate::icons::Icon;
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
    /// Two to five short sentences to remember, each one line of markup.
    pub key_points: Vec<Paragraph>,
    pub closing: Vec<Paragraph>,
    pub keywords: Vec<String>,
    pub sections: Vec<Section>,
    /// The names of the other languages the library holds it in, current
    /// and drawable, when the clinic says to print them.
    pub also_available: Vec<String>,
}

pub struct Section {
    pub kind: SectionKind,
    pub heading: String,
    pub intro: Vec<Paragraph>,
    pub style: ListStyle,
    pub items: Vec<Item>,
    /// A pictogram beside the heading.
    pub icon: Option<&'static Icon>,
    /// Ruled lines to write on (a notes section; 0 for the others).
    pub lines: usize,
}

pub struct Item {
    pub title: Option<Paragraph>,
    pub text: Vec<Paragraph>,
    /// A picture beside the item, with its alternative text.
    pub picture: Option<(Picture, String)>,
    pub icon: Option<ItemIcon>,
}

/// A pictogram at the start of an item.
pub struct ItemIcon {
    pub icon: &'static Icon,
    /// What it shows, when it stands alone (the item has no title beside
    /// it); `None` when it repeats the title's words.
    pub alt: Option<String>,
}

/// Ruled lines a notes section has unless it says.
pub const NOTES_LINES: usize = 5;
/// More than a page of lines is not a handout.
const MAX_NOTES_LINES: i64 = 20;
/// A key point is one short sentence.
const KEY_POINT_WORDS: usize = 25;

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

/// Read and validate one handout against its clinic; `shelf` knows its
/// folder's translations.
pub fn load_handout(
    path: &Path,
    clinic: &Clinic,
    patient: Option<&str>,
    shelf: &super::Shelf,
) -> Result<Handout, Vec<Diagnostic>> {
    let name = path.file_stem().unwrap_or_default().to_string_lossy();
    if let Some(why) = crate::library::reserved_name(&name) {
        return Err(vec![Diagnostic::for_file(path, "reserved-name", why)]);
    }
    let source = read_source(path).map_err(|d| vec![d])?;
    let file: HandoutFile = from_toml(&source)?;
    let language = file
        .language
        .as_ref()
        .map_or_else(|| "en".to_string(), |l| l.get_ref().trim().to_string());
    let mut v = Validator::new(&source, &file, path, &language, clinic, patient);
    if let Some(tag) = &file.language {
        v.check_language(tag);
    }
    let also_available = also_available(path, &file, clinic, shelf, v.family);
    let words = v.words(&file, &language, clinic, !also_available.is_empty());
    let dates = v.review_dates(&file, clinic.review_months);
    v.check_translation_of(&file);
    let content = v.content(&file, words.as_ref(), &clinic.name);
    match (content, dates, words, v.errors.is_empty()) {
        (Some(content), Some((reviewed, next_review)), Some(words), true) => {
            let writing = content.writing(&language, &words, &clinic.fonts);
            Ok(Handout {
                writing,
                words,
                path: path.to_path_buf(),
                source,
                title: content.title,
                subtitle: content.subtitle,
                language,
                reviewed,
                next_review,
                summary: content.summary,
                key_points: content.key_points,
                closing: content.closing,
                keywords: content.keywords,
                sections: content.sections,
                also_available,
                file,
            })
        }
        _ => Err(v.errors),
    }
}

/// The names of the handout's other languages to print, when the clinic
/// prints them. A name no font of the clinic's can draw (asking `family`
/// first) is left out, not an error: the handout itself is fine.
fn also_available(
    path: &Path,
    file: &HandoutFile,
    clinic: &Clinic,
    shelf: &super::Shelf,
    family: usize,
) -> Vec<String> {
    if !clinic.also_available {
        return Vec::new();
    }
    let mut names = shelf.other_languages(path, file);
    names.retain(|name| uncovered(&clinic.fonts, name, family).is_none());
    names
}

/// What a handout prints, validated: its title, texts and sections.
struct Content {
    title: String,
    subtitle: Option<String>,
    summary: Vec<Paragraph>,
    key_points: Vec<Paragraph>,
    closing: Vec<Paragraph>,
    keywords: Vec<String>,
    sections: Vec<Section>,
}

impl Content {
    /// The writing of `language` in the font family that sets all the
    /// handout prints, its words included.
    fn writing(&self, language: &str, words: &Words, fonts: &FontSet) -> Writing {
        let printed = printed_text(
            &self.title,
            &self.subtitle,
            [&self.summary, &self.key_points, &self.closing],
            &self.sections,
            words,
        );
        let (family, script) = fonts.families_for(&printed, language);
        Writing::new(language, family).with_script(script)
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
        "key_points" => file.key_points.is_some(),
        "causes" | "prevention" | "self_care" | "warning_signs" | "treatments" | "text"
        | "notes" => file.sections.iter().any(|s| {
            let s = s.get_ref();
            s.heading.is_none() && super::words::kind_key(*s.kind.get_ref()) == key
        }),
        // "Also available" only when there are translations (see load_handout);
        // the language's own name is printed on the others; the web page is
        // still to come.
        "also_available" | "language_name" | "urgent" => false,
        _ => true,
    }
}

/// All the text a handout prints, to choose the font family that sets it.
fn printed_text(
    title: &str,
    subtitle: &Option<String>,
    blocks: [&[Paragraph]; 3],
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
    /// The handout is in English, the language of the pictograms' names.
    english: bool,
    /// The font family that serves the handout's language, asked first
    /// whether it draws a character (see [`FontSet::serving`]).
    family: usize,
    fonts: &'a FontSet,
    pictures: &'a crate::picture::Cache,
    dir: PathBuf,
    values: BTreeMap<&'static str, String>,
    errors: Vec<Diagnostic>,
}

impl<'a> Validator<'a> {
    /// A validator for the handout `file` read from `path`, its placeholders
    /// filled from the clinic and patient; the errors start with the
    /// scaffold's parts left unfinished.
    fn new(
        source: &'a Source,
        file: &HandoutFile,
        path: &Path,
        language: &str,
        clinic: &'a Clinic,
        patient: Option<&str>,
    ) -> Validator<'a> {
        Validator {
            english: crate::text::writing::subtags(language)
                .first()
                .is_some_and(|l| l == "en"),
            family: clinic.fonts.serving(language).unwrap_or(0),
            source,
            fonts: &clinic.fonts,
            pictures: &clinic.pictures,
            dir: path.parent().unwrap_or(Path::new("")).to_path_buf(),
            values: placeholder_values(clinic, patient),
            errors: crate::scaffold::unfinished(source, file),
        }
    }

    /// The words the tool prints in the handout's language, from its
    /// [words] and the built-in ones, each drawable; `also_available` when
    /// the handout names its translations.
    fn words(
        &mut self,
        file: &HandoutFile,
        language: &str,
        clinic: &Clinic,
        also_available: bool,
    ) -> Option<Words> {
        let language_at = file.language.as_ref().map_or(0, |l| l.span().start);
        let words = Words::resolve(
            language,
            file.words.as_ref(),
            clinic.disclaimer.for_language(language),
            (self.source, language_at),
            |key| needed_word(key, file, clinic) || (key == "also_available" && also_available),
        )
        .map_err(|mut errors| self.errors.append(&mut errors))
        .ok();
        if let Some(words) = &words {
            self.check_words_drawn(words, file.words.as_ref(), language_at);
        }
        words
    }

    /// When the handout was last reviewed and is next due: `next_review`,
    /// else `review_months` after the review. `source_reviewed` is checked
    /// too.
    fn review_dates(&mut self, file: &HandoutFile, review_months: u32) -> Option<(Date, Date)> {
        let reviewed = self.date(&file.reviewed, "reviewed");
        let next_review = match &file.next_review {
            Some(d) => self.date(d, "next_review"),
            None => reviewed.map(|r| r.add_months(review_months)),
        };
        if let Some(d) = &file.source_reviewed {
            self.date(d, "source_reviewed");
        }
        reviewed.zip(next_review)
    }

    /// `translation_of` names a file beside this one.
    fn check_translation_of(&mut self, file: &HandoutFile) {
        if let Some(of) = &file.translation_of
            && !self.dir.join(of.get_ref()).is_file()
        {
            let message = format!(
                "the source handout `{}` does not exist; `translation_of` names the file this one translates, relative to it",
                of.get_ref()
            );
            self.error(of.span().start, "missing-source", message);
        }
    }

    /// Everything the handout prints, each part checked (all of them, to
    /// report every problem); None without a title.
    fn content(
        &mut self,
        file: &HandoutFile,
        words: Option<&Words>,
        clinic_name: &str,
    ) -> Option<Content> {
        let title = self.line(&file.title, "title");
        let subtitle = file
            .subtitle
            .as_ref()
            .and_then(|s| self.line(s, "subtitle"));
        let summary = self.paragraphs(file.summary.as_ref());
        let key_points = self.key_points(file.key_points.as_ref());
        let closing = self.paragraphs(file.closing.as_ref());
        let keywords = file
            .keywords
            .iter()
            .filter_map(|k| self.line(k, "keywords"))
            .collect();
        let sections = file
            .sections
            .iter()
            .map(|s| self.section(s, words, clinic_name))
            .collect();
        Some(Content {
            title: title?,
            subtitle,
            summary,
            key_points,
            closing,
            keywords,
            sections,
        })
    }

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
                let missing = uncovered_chars(self.fonts, &text, self.family);
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
        if let Some(c) = uncovered(self.fonts, &words.all_text(), self.family) {
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
            icon: s.icon.as_ref().and_then(|i| self.icon(i)),
            lines: self.lines(s.lines.as_ref(), kind),
        }
    }

    /// The bundled pictogram `name` names, or an error with the nearest name.
    fn icon(&mut self, name: &Spanned<String>) -> Option<&'static Icon> {
        let wanted = name.get_ref().trim();
        let found = crate::icons::find(wanted);
        if found.is_none() {
            let hint = crate::icons::nearest(wanted)
                .map(|n| format!(" (did you mean `{n}`?)"))
                .unwrap_or_default();
            let message = format!(
                "there is no pictogram called `{wanted}`{hint}; `handout icons` lists them all"
            );
            self.error(name.span().start, "unknown-icon", message);
        }
        found
    }

    /// How many ruled lines a section draws: a notes section's `lines`,
    /// within bounds; `lines` on any other kind is a mistake.
    fn lines(&mut self, lines: Option<&Spanned<i64>>, kind: SectionKind) -> usize {
        let notes = kind == SectionKind::Notes;
        let Some(lines) = lines else {
            return if notes { NOTES_LINES } else { 0 };
        };
        let n = *lines.get_ref();
        let at = lines.span().start;
        if !notes {
            let message = "`lines` is only for a section of kind = \"notes\" (lines to write on)";
            self.error(at, "lines-not-notes", message.into());
            return 0;
        }
        if !(1..=MAX_NOTES_LINES).contains(&n) {
            let message =
                format!("`lines` is {n}; give from 1 to {MAX_NOTES_LINES} lines to write on");
            self.error(at, "lines-out-of-range", message);
            return NOTES_LINES;
        }
        n as usize
    }

    /// The key points: 2 to 5, each one short sentence of markup.
    fn key_points(&mut self, list: Option<&Spanned<Vec<Spanned<String>>>>) -> Vec<Paragraph> {
        let Some(list) = list else {
            return Vec::new();
        };
        let n = list.get_ref().len();
        if !(2..=5).contains(&n) {
            let message = format!(
                "`key_points` has {n}; give 2 to 5 short sentences, the things a patient must remember"
            );
            self.error(list.span().start, "key-points-count", message);
        }
        let mut points = Vec::new();
        for point in list.get_ref() {
            let Some(text) = self.expand(point) else {
                continue;
            };
            let words = text.split_whitespace().count();
            let at = point.span().start;
            if words == 0 {
                self.error(
                    at,
                    "empty-text",
                    "this key point is empty; write a short sentence or remove it".into(),
                );
            } else if words > KEY_POINT_WORDS {
                let message = format!(
                    "this key point is {words} words long; keep each to one short sentence of \
                     {KEY_POINT_WORDS} words or fewer"
                );
                self.error(at, "key-point-long", message);
            } else {
                let parsed = crate::markup::inline(text.trim());
                self.check_links(point, std::slice::from_ref(&parsed));
                points.push(parsed);
            }
        }
        points
    }

    /// An item's pictogram: beside a title it repeats the title's words;
    /// alone, it needs words of its own in the handout's language.
    fn item_icon(&mut self, i: &ItemFile) -> Option<ItemIcon> {
        if let (None, Some(alt)) = (&i.icon, &i.icon_alt) {
            let message = "`icon_alt` is set but there is no `icon`".into();
            self.error(alt.span().start, "alt-without-icon", message);
        }
        let name = i.icon.as_ref()?;
        let icon = self.icon(name)?;
        if i.title.is_some() {
            return Some(ItemIcon { icon, alt: None });
        }
        let alt = match &i.icon_alt {
            Some(alt) if !alt.get_ref().trim().is_empty() => alt.get_ref().trim().to_string(),
            _ if self.english => icon.english(),
            _ => {
                let message = "this pictogram has no title beside it, so it needs `icon_alt`: a \
                               few words in the handout's language saying what it shows"
                    .into();
                self.error(name.span().start, "missing-alt", message);
                return None;
            }
        };
        Some(ItemIcon {
            icon,
            alt: Some(alt),
        })
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
            icon: self.item_icon(i),
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
