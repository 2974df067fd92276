//! Warnings (and the translation error) about one handout: readability above
//! the clinic's target, long sentences, missing sections, translations.

use crate::diagnostic::{Diagnostic, Severity, Source};
use crate::markup::{Paragraph, plain_text};
use crate::model::{Handout, SectionKind};
use crate::parse::handout::HandoutFile;
use crate::parse::{Spanned, from_toml};
use crate::readability::{self, Counted, Counts, Ranked, total};

/// Sentences longer than this are hard to follow (plain-language guides).
const MAX_SENTENCE_WORDS: usize = 25;
/// How many of the hardest sentences a readability warning names.
const HARDEST: usize = 3;

/// Readability of a handout and of each section.
#[derive(Debug, Clone, PartialEq)]
pub struct Readability {
    pub words: usize,
    pub sentences: usize,
    pub flesch_kincaid_grade: f64,
    pub smog: f64,
    pub sections: Vec<SectionReadability>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SectionReadability {
    pub heading: String,
    pub flesch_kincaid_grade: f64,
    pub smog: f64,
}

/// The plain text of a handout in units, each title, heading, paragraph and
/// list item one of its own: made once for every lint that reads the text.
pub struct Units {
    /// The title, subtitle, summary, key points and closing.
    pub opening: Vec<String>,
    /// One group per section.
    pub sections: Vec<Vec<String>>,
}

impl Units {
    pub fn of(h: &Handout) -> Units {
        let text = |ps: &[Paragraph]| ps.iter().map(|p| plain_text(p)).collect::<Vec<_>>();
        let mut opening = vec![h.title.clone()];
        opening.extend(h.subtitle.clone());
        opening.extend(text(&h.summary));
        opening.extend(text(&h.key_points));
        opening.extend(text(&h.closing));
        let sections = h
            .sections
            .iter()
            .map(|s| {
                let mut units = vec![s.heading.clone()];
                units.extend(text(&s.intro));
                for item in &s.items {
                    units.extend(item.title.as_deref().map(plain_text));
                    units.extend(text(&item.text));
                }
                units
            })
            .collect();
        Units { opening, sections }
    }

    /// Every unit, the opening first.
    pub fn all(&self) -> Vec<&str> {
        self.opening
            .iter()
            .chain(self.sections.iter().flatten())
            .map(String::as_str)
            .collect()
    }
}

/// How a language's readability is measured: the counts of each sentence
/// of a list of text units, and the hardest of counted sentences, hardest
/// first, each with its score (see [`readability::hardest_counted`]), named
/// after `label` ("grade ").
pub(super) struct Measure<'l> {
    pub count: for<'a> fn(&[&'a str]) -> Vec<Counted<'a>>,
    pub hardest: for<'a> fn(&[Counted<'a>], usize) -> Ranked<'a>,
    pub label: &'l str,
}

/// A score for the whole handout and one for each section (with its
/// heading), from `score`, which is given what it scores ("this handout",
/// "the section \"Causes\"") and its counts. Where it also says why the
/// text is too hard, that is a warning at the text, naming its hardest
/// sentences with their scores. Each unit is counted once: the handout's
/// counts are its sections' and its opening's added up.
pub(super) fn per_section<S>(
    h: &Handout,
    units: &Units,
    measure: Measure,
    out: &mut Vec<Diagnostic>,
    mut score: impl FnMut(&str, &Counts) -> (S, Option<String>),
) -> (S, Vec<(String, S)>) {
    let Measure {
        count,
        hardest,
        label,
    } = measure;
    let mut scored = |at: usize, what: &str, counts: &Counts, counted: &[Counted]| {
        let (scores, too_hard) = score(what, counts);
        if let Some(why) = too_hard {
            let named: Vec<String> = hardest(counted, HARDEST)
                .into_iter()
                .map(|(s, value)| format!("\"{s}\" ({label}{value:.1})"))
                .collect();
            let message = format!("{why}; hardest sentences: {}", named.join(", "));
            out.push(
                h.source
                    .diagnostic(at, Severity::Warning, "reading-level", message),
            );
        }
        scores
    };
    fn strs(units: &[String]) -> Vec<&str> {
        units.iter().map(String::as_str).collect()
    }
    let section_counted: Vec<Vec<Counted>> =
        units.sections.iter().map(|u| count(&strs(u))).collect();
    let mut whole_counted = count(&strs(&units.opening));
    whole_counted.extend(section_counted.iter().flatten());
    let whole = scored(
        h.file.title.span().start,
        "this handout",
        &total(&whole_counted),
        &whole_counted,
    );
    let sections = h
        .sections
        .iter()
        .zip(&h.file.sections)
        .zip(&section_counted)
        // A heading alone (a notes section's, over lines to write on) is no text to grade.
        .filter(|((section, _), _)| !section.intro.is_empty() || !section.items.is_empty())
        .map(|((section, spanned), counted)| {
            let what = format!("the section \"{}\"", section.heading);
            let scores = scored(spanned.span().start, &what, &total(counted), counted);
            (section.heading.clone(), scores)
        })
        .collect();
    (whole, sections)
}

/// Scores for the whole handout and each section, with a warning wherever
/// a grade is above the clinic's target; none for a handout with no text
/// beyond its title, whose grade would say nothing.
pub fn readability(
    h: &Handout,
    units: &Units,
    max_grade: f32,
    out: &mut Vec<Diagnostic>,
) -> Option<Readability> {
    let beyond_title: Vec<&str> = units.opening[1..]
        .iter()
        .chain(units.sections.iter().flatten())
        .map(String::as_str)
        .collect();
    if beyond_title
        .iter()
        .all(|u| readability::words(u).is_empty())
    {
        return None;
    }
    let max = f64::from(max_grade);
    let measure = Measure {
        count: readability::counted,
        hardest: readability::hardest_counted,
        label: "grade ",
    };
    let (whole, sections) = per_section(h, units, measure, out, |what, counts| {
        let scores = readability::scores(counts);
        // SMOG is only meaningful from 30 sentences on.
        let smog_counts = scores.sentences >= readability::SMOG_SENTENCES && scores.smog > max;
        let too_hard = (scores.flesch_kincaid_grade > max || smog_counts).then(|| {
            format!(
                "{what} reads at grade {:.1} (Flesch-Kincaid) and {:.1} (SMOG), above the clinic's \
                 target of grade {max_grade}",
                scores.flesch_kincaid_grade, scores.smog,
            )
        });
        (scores, too_hard)
    });
    Some(Readability {
        words: whole.words,
        sentences: whole.sentences,
        flesch_kincaid_grade: whole.flesch_kincaid_grade,
        smog: whole.smog,
        sections: sections
            .into_iter()
            .map(|(heading, scores)| SectionReadability {
                heading,
                flesch_kincaid_grade: scores.flesch_kincaid_grade,
                smog: scores.smog,
            })
            .collect(),
    })
}

/// A warning for each sentence over 25 words, at the sentence.
pub fn long_sentences(h: &Handout, units: &Units) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for unit in units.all() {
        for sentence in readability::sentences(unit) {
            let words = readability::words(sentence).len();
            if words > MAX_SENTENCE_WORDS {
                out.push(h.source.diagnostic(
                    locate(&h.source, sentence),
                    Severity::Warning,
                    "long-sentence",
                    format!("this sentence has {words} words; split it so no sentence has more than {MAX_SENTENCE_WORDS}"),
                ));
            }
        }
    }
    out
}

/// Where a sentence starts in the source, found by its first words (line
/// breaks in the file may differ from the spaces in the text).
fn locate(source: &Source, sentence: &str) -> usize {
    let words: Vec<&str> = sentence.split_whitespace().collect();
    (1..=words.len().min(6))
        .rev()
        .find_map(|n| source.text.find(&words[..n].join(" ")))
        .unwrap_or(0)
}

/// A handout should tell patients what to do, and when to get help.
pub fn kinds(h: &Handout) -> Vec<Diagnostic> {
    let raw = &h.file;
    let has = |kinds: &[SectionKind]| h.sections.iter().any(|s| kinds.contains(&s.kind));
    let mut out = Vec::new();
    let at = raw.title.span().start;
    let actions = [
        SectionKind::Causes,
        SectionKind::Prevention,
        SectionKind::SelfCare,
        SectionKind::Treatments,
    ];
    if !has(&actions) {
        out.push(h.source.diagnostic(
            at,
            Severity::Warning,
            "no-actions",
            "this handout has no causes, prevention, self-care or treatments section; give patients \
             at least one thing they can do",
        ));
    }
    if !has(&[SectionKind::WarningSigns]) {
        out.push(h.source.diagnostic(
            at,
            Severity::Warning,
            "no-warning-signs",
            "this handout has no warning-signs section; say clearly when to call the clinic and \
             when to call emergency services",
        ));
    }
    out
}

/// Past this many words a handout needs its key points pulled out.
const KEY_POINTS_FROM: usize = 600;

/// A long handout without `key_points`: patients remember a few things, and
/// the CDC Clear Communication Index asks for them up front.
pub fn key_points(h: &Handout, units: &Units) -> Option<Diagnostic> {
    if !h.key_points.is_empty() || !crate::check::spaces_words(&h.writing.primary) {
        return None;
    }
    let words: usize = units
        .all()
        .iter()
        .map(|u| u.split_whitespace().count())
        .sum();
    (words > KEY_POINTS_FROM).then(|| {
        h.source.diagnostic(
            h.file.title.span().start,
            Severity::Warning,
            "no-key-points",
            format!(
                "this handout is {words} words long; add `key_points` = [\"...\", \"...\"], \
                 2 to 5 short sentences a patient should remember, printed in a box on page 1"
            ),
        )
    })
}

/// Whether `h` translates an older review of its source than the source's last.
pub fn stale(h: &Handout) -> bool {
    translation(h).iter().any(|d| d.code == "stale-translation")
}

/// A translation made from an older
/// review of its source, or with different sections, is out of date.
pub fn translation(h: &Handout) -> Vec<Diagnostic> {
    let raw = &h.file;
    let Some(of) = &raw.translation_of else {
        return Vec::new();
    };
    let at = of.span().start;
    let path = h
        .path
        .parent()
        .unwrap_or(std::path::Path::new(""))
        .join(of.get_ref());
    // The model already refused a source that does not exist.
    let Ok(source) = crate::model::read_source(&path) else {
        return Vec::new();
    };
    let Ok(original) = from_toml::<HandoutFile>(&source) else {
        let message = format!(
            "the source handout `{}` has errors; check it first",
            of.get_ref()
        );
        return vec![h.source.error(at, "bad-source", message)];
    };
    let mut out = Vec::new();
    let date = |d: &Spanned<toml::value::Datetime>| d.get_ref().to_string();
    match &raw.source_reviewed {
        None => out.push(h.source.diagnostic(
            at,
            Severity::Warning,
            "no-source-reviewed",
            format!("set `source_reviewed` to the `reviewed` date of `{}` this translation was made from", of.get_ref()),
        )),
        Some(sr) if date(sr) < date(&original.reviewed) => out.push(h.source.diagnostic(
            sr.span().start,
            Severity::Warning,
            "stale-translation",
            format!(
                "this translation was made from the {} review of `{}`, but the source was reviewed again on {}; update the translation",
                date(sr),
                of.get_ref(),
                date(&original.reviewed)
            ),
        )),
        Some(_) => {}
    }
    let kinds = |f: &HandoutFile| {
        f.sections
            .iter()
            .map(|s| *s.get_ref().kind.get_ref())
            .collect::<Vec<_>>()
    };
    if kinds(raw) != kinds(&original) {
        out.push(h.source.diagnostic(
            at,
            Severity::Warning,
            "mismatched-translation",
            format!("this translation's sections differ from those of `{}`; a section may be missing or moved", of.get_ref()),
        ));
    }
    out
}

/// Every text value of a handout as written, with the key that holds it.
fn raw_texts(raw: &HandoutFile) -> Vec<(&'static str, &Spanned<String>)> {
    let mut out: Vec<(&'static str, &Spanned<String>)> = vec![("title", &raw.title)];
    out.extend(raw.subtitle.iter().map(|s| ("subtitle", s)));
    out.extend(raw.summary.iter().map(|s| ("summary", s)));
    out.extend(raw.closing.iter().map(|s| ("closing", s)));
    for section in &raw.sections {
        let s = section.get_ref();
        out.extend(s.heading.iter().map(|h| ("heading", h)));
        out.extend(s.intro.iter().map(|i| ("intro", i)));
        for item in &s.items {
            out.extend(item.get_ref().title.iter().map(|t| ("title", t)));
            out.extend(item.get_ref().text.iter().map(|t| ("text", t)));
        }
    }
    out
}

/// Markup that will print as typed: `**` left unpaired, a link written
/// `[label] (address)`, and any markup in a title, subtitle or heading,
/// which prints as asterisks and goes into the PDF's properties or bookmarks.
pub fn markup(h: &Handout) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut warn = |value: &Spanned<String>, needle: &str, message: String| {
        let at = h.source.find_in(&value.span(), needle);
        out.push(
            h.source
                .diagnostic(at, Severity::Warning, "markup-as-text", message),
        );
    };
    for (key, value) in raw_texts(&h.file) {
        let text = value.get_ref();
        let line_only = matches!(key, "subtitle" | "heading") || std::ptr::eq(value, &h.file.title);
        if line_only {
            let marked = crate::markup::inline(text)
                .iter()
                .any(|s| s.bold || s.italic || s.link.is_some());
            if let Some(mark) = ["**", "*", "["]
                .into_iter()
                .find(|m| marked && text.contains(m))
            {
                // Where else the line goes: the document's properties or its bookmarks.
                let also = match key {
                    "heading" => "PDF's bookmarks",
                    "subtitle" => "PDF's description",
                    _ => "PDF's title",
                };
                let message = format!(
                    "`{key}` is printed as written, so this markup shows as {mark} on the page and \
                     in the {also}; write plain words here"
                );
                warn(value, mark, message);
            }
            continue;
        }
        let spans = crate::markup::paragraphs(text);
        if spans.iter().flatten().any(|s| s.text.contains("**")) {
            warn(
                value,
                "**",
                "this ** is printed as two asterisks: bold text needs a ** before and after it"
                    .into(),
            );
        }
        if let Some(at) = text.find("] (")
            && text[..at].contains('[')
        {
            warn(
                value,
                "] (",
                "a link is written [label](https://...) with no space between ] and (; as it \
                 stands the brackets are printed"
                    .into(),
            );
        }
    }
    out
}

/// Link addresses that do not start with https://, in a handout's text.
pub fn links(h: &Handout) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (_, value) in raw_texts(&h.file) {
        for span in crate::markup::paragraphs(value.get_ref()).iter().flatten() {
            if let Some(address) = &span.link
                && !address.starts_with("https://")
            {
                let at = h.source.find_in(&value.span(), address);
                out.push(h.source.diagnostic(
                    at,
                    Severity::Warning,
                    "link-not-https",
                    not_https(address),
                ));
            }
        }
    }
    out
}

/// The clinic's `website` and `booking_url` must open as typed into a phone.
pub fn clinic_links(clinic: &crate::model::Clinic) -> Vec<Diagnostic> {
    let raw = &clinic.file;
    [&raw.website, &raw.booking_url]
        .into_iter()
        .flatten()
        .filter(|v| !v.get_ref().trim().starts_with("https://"))
        .map(|v| {
            clinic.source.diagnostic(
                v.span().start,
                Severity::Warning,
                "link-not-https",
                not_https(v.get_ref().trim()),
            )
        })
        .collect()
}

fn not_https(address: &str) -> String {
    let host = address
        .trim_start_matches("http://")
        .trim_start_matches("//");
    let why = if address.starts_with("http://") {
        "browsers warn patients that http:// pages are not secure"
    } else {
        "without it the PDF cannot open it as a link"
    };
    format!("`{address}` does not start with https://; write https://{host}: {why}")
}

/// A handout whose review falls due soon, so it is reviewed before it expires.
pub fn due_soon(h: &Handout, today: crate::date::Date) -> Option<Diagnostic> {
    let days = h.next_review.days_since_epoch() - today.days_since_epoch();
    if !(0..=crate::listing::DUE_DAYS).contains(&days) {
        return None;
    }
    let at = h
        .file
        .next_review
        .as_ref()
        .unwrap_or(&h.file.reviewed)
        .span()
        .start;
    Some(h.source.diagnostic(
        at,
        Severity::Warning,
        "review-due",
        format!(
            "this handout is due for review on {} (in {days} days); after that date it cannot be \
             printed until a clinician reviews it",
            h.next_review
        ),
    ))
}

/// A handout whose text reads as another language than it says it is in:
/// a translation started with `handout new --from` and not yet translated
/// would print the source's words under the translation's language.
pub fn text_language(h: &Handout, units: &Units) -> Option<Diagnostic> {
    in_other_language(h, &units.all().join(" "), "text-language", |written| {
        format!(
            "this handout says it is in `{}`, but its text is written in `{written}`: \
             translate it before it is printed, or set language = \"{written}\"",
            h.language
        )
    })
}

/// The clinic's disclaimer printed on a handout in another language.
pub fn disclaimer_language(h: &Handout) -> Option<Diagnostic> {
    in_other_language(h, h.words.disclaimer(), "disclaimer-language", |written| {
        format!(
            "the disclaimer printed on this `{}` handout is written in `{written}`; give \
             clinic.toml a [disclaimer] table with a text for `{}`, or set `disclaimer` \
             under [words] here",
            h.language, h.language
        )
    })
}

/// A warning at the handout's `language` key when `text` is clearly
/// written in another language, saying `message` of the one it is in.
fn in_other_language(
    h: &Handout,
    text: &str,
    code: &'static str,
    message: impl FnOnce(&str) -> String,
) -> Option<Diagnostic> {
    let written = crate::text::language::other_than(text, &h.writing.primary)?;
    let at = h.file.language.as_ref().map_or(0, |l| l.span().start);
    Some(
        h.source
            .diagnostic(at, Severity::Warning, code, message(written)),
    )
}
