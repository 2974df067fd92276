//! The words the tool prints itself (default headings, footer, contact box,
//! dates), per language: built-in tables for fifteen languages (seventeen
//! tables: Chinese has two scripts) in words/*.toml, under a handout's own
//! `[words]`.

use super::SectionKind;
use crate::date::Date;
use crate::diagnostic::{Diagnostic, Source};
use crate::parse::Spanned;
use crate::parse::words::WordsFile;
use std::sync::OnceLock;

/// The languages with built-in words, as BCP 47 tags.
pub const LANGUAGES: [&str; 17] = [
    "en", "es", "vi", "zh-Hans", "zh-Hant", "ru", "ar", "ko", "tl", "ht", "fr", "pl", "pt", "it",
    "de", "ja", "fa",
];

const TABLES: [&str; 17] = [
    include_str!("words/en.toml"),
    include_str!("words/es.toml"),
    include_str!("words/vi.toml"),
    include_str!("words/zh-Hans.toml"),
    include_str!("words/zh-Hant.toml"),
    include_str!("words/ru.toml"),
    include_str!("words/ar.toml"),
    include_str!("words/ko.toml"),
    include_str!("words/tl.toml"),
    include_str!("words/ht.toml"),
    include_str!("words/fr.toml"),
    include_str!("words/pl.toml"),
    include_str!("words/pt.toml"),
    include_str!("words/it.toml"),
    include_str!("words/de.toml"),
    include_str!("words/ja.toml"),
    include_str!("words/fa.toml"),
];

/// Other tags for a built-in table's language: Filipino is Tagalog.
const ALIASES: [(&str, &str); 1] = [("fil", "tl")];

/// Every key of a words table with the placeholders its text may use.
const KEYS: [(&str, &[&str]); 22] = [
    ("causes", &[]),
    ("prevention", &[]),
    ("self_care", &[]),
    ("warning_signs", &[]),
    ("treatments", &["clinic"]),
    ("text", &[]),
    ("reviewed", &["date"]),
    ("page", &["page", "pages"]),
    ("contact", &[]),
    ("book_online", &["address"]),
    ("scan_to_book", &[]),
    ("prepared_for", &["name", "date"]),
    ("note", &[]),
    ("disclaimer", &[]),
    ("key_points", &[]),
    ("notes", &[]),
    ("also_available", &["languages"]),
    ("language_name", &[]),
    ("urgent", &[]),
    ("months", &[]),
    ("month_year", &["month", "mm", "year"]),
    ("date", &["day", "dd", "month", "mm", "year"]),
];

/// The words for one handout.
#[derive(Debug, Clone)]
pub struct Words {
    /// Text of each key of [`KEYS`] but `months`, in that order.
    texts: Vec<String>,
    months: Vec<String>,
    /// The digits numbers are written in, zero first.
    digits: [char; 10],
}

impl Words {
    /// The words for the language `tag`: the handout's `own` over the
    /// clinic's disclaimer over the built-in words. Every key `needed` says is
    /// printed must have words; the errors name the missing ones.
    pub fn resolve(
        tag: &str,
        own: Option<&Spanned<WordsFile>>,
        clinic_disclaimer: Option<&str>,
        (source, at): (&Source, usize),
        needed: impl Fn(&str) -> bool,
    ) -> Result<Words, Vec<Diagnostic>> {
        let built_in = built_in(tag);
        let own_table = own.map(Spanned::get_ref);
        let mut errors = Vec::new();
        if let Some(own) = own_table {
            errors.extend(check_own(own, source));
        }
        let mut missing = Vec::new();
        let mut texts = Vec::new();
        let months = own_table
            .and_then(|w| w.months.as_ref())
            .or_else(|| built_in.and_then(|w| w.months.as_ref()))
            .map(|m| m.get_ref().clone());
        let digits = own_table
            .and_then(|w| w.digits.as_ref())
            .or_else(|| built_in.and_then(|w| w.digits.as_ref()))
            .and_then(|d| ten_digits(d.get_ref()))
            .unwrap_or(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
        for (key, _) in KEYS {
            if key == "months" {
                if months.is_none() {
                    missing.push(key);
                }
                continue;
            }
            let text = own_table
                .and_then(|w| text(w, key))
                .or_else(|| built_in.and_then(|w| text(w, key)));
            match text {
                Some(t) => texts.push(t.get_ref().trim().to_string()),
                None if needed(key) => missing.push(key),
                None => texts.push(String::new()),
            }
        }
        if !missing.is_empty() {
            let meant = crate::parse::language::meant(tag)
                .map(|l| format!(" (did you mean `{l}`?)"))
                .unwrap_or_default();
            let message = format!(
                "there are no built-in words for language `{tag}`{meant}; set {} under [words] in \
                 this handout, or write it in one of {}",
                missing.join(", "),
                LANGUAGES.join(", ")
            );
            let at = own.map_or(at, |w| w.span().start);
            errors.push(source.error(at, "missing-words", message));
        }
        match (months, errors.is_empty()) {
            (Some(months), true) if months.len() == 12 => {
                let mut words = Words {
                    texts,
                    months,
                    digits,
                };
                if let Some(text) = clinic_disclaimer {
                    words.prefer_clinics(own_table, text);
                }
                Ok(words)
            }
            _ => Err(errors),
        }
    }

    /// Every word, for font coverage and choice.
    pub fn all_text(&self) -> String {
        let mut all = self.texts.join(" ");
        for month in &self.months {
            all.push(' ');
            all.push_str(month);
        }
        all.push(' ');
        all.extend(self.digits);
        all
    }

    fn get(&self, key: &str) -> &str {
        &self.texts[Words::index(key)]
    }

    /// Where `key`'s text is in `texts`.
    fn index(key: &str) -> usize {
        KEYS.iter()
            .filter(|(k, _)| *k != "months")
            .position(|(k, _)| *k == key)
            .expect("a key of KEYS")
    }

    pub fn heading(&self, kind: SectionKind, clinic: &str) -> String {
        match kind {
            SectionKind::Treatments => fill(self.get("treatments"), &[("clinic", clinic)]),
            _ => self.get(kind_key(kind)).to_string(),
        }
    }

    /// "Reviewed November 2026".
    pub fn reviewed(&self, date: Date) -> String {
        fill(self.get("reviewed"), &[("date", &self.month_year(date))])
    }

    /// "Page 1 of 2".
    pub fn page(&self, page: usize, pages: usize) -> String {
        let (page, pages) = (self.number(page), self.number(pages));
        fill(self.get("page"), &[("page", &page), ("pages", &pages)])
    }

    /// "Prepared for NAME, November 24, 2026".
    pub fn prepared_for(&self, name: &str, date: Date) -> String {
        let date = self.date(date);
        fill(self.get("prepared_for"), &[("name", name), ("date", &date)])
    }

    pub fn contact(&self) -> &str {
        self.get("contact")
    }

    /// The words before and after the booking address ("Book online: {address}").
    pub fn book_online(&self) -> (&str, &str) {
        let words = self.get("book_online");
        words.split_once("{address}").unwrap_or((words, ""))
    }

    pub fn scan_to_book(&self) -> &str {
        self.get("scan_to_book")
    }

    pub fn note(&self) -> &str {
        self.get("note")
    }

    pub fn key_points(&self) -> &str {
        self.get("key_points")
    }

    /// "Also available in: Español, Tiếng Việt, and in large print. …",
    /// the names listed with the comma the sentence itself uses after
    /// them (Arabic's "،"), or in Chinese and Japanese "、".
    pub fn also_available(&self, languages: &[String]) -> String {
        let template = self.get("also_available");
        let after = template
            .split("{languages}")
            .nth(1)
            .and_then(|t| t.chars().next());
        let separator = match after {
            Some(c @ (',' | '،')) => format!("{c} "),
            _ if template.chars().any(crate::text::lines::is_cjk) => "、".to_string(),
            _ => ", ".to_string(),
        };
        fill(template, &[("languages", &languages.join(&separator))])
    }

    /// The handout's own, else the clinic's for the language, else the built-in one.
    pub fn disclaimer(&self) -> &str {
        self.get("disclaimer")
    }

    /// "Urgent advice:", which a screen reader says before the web page's
    /// warning box; none when the handout's language has no such words.
    pub fn urgent(&self) -> Option<&str> {
        Some(self.get("urgent")).filter(|w| !w.is_empty())
    }

    /// The language's name in itself ("Español"); none when unknown.
    pub fn language_name(&self) -> Option<&str> {
        Some(self.get("language_name")).filter(|w| !w.is_empty())
    }

    /// Use the clinic's disclaimer unless the handout has its own.
    fn prefer_clinics(&mut self, own: Option<&WordsFile>, clinic: &str) {
        if own.is_none_or(|w| w.disclaimer.is_none()) {
            let index = Words::index("disclaimer");
            self.texts[index] = clinic.to_string();
        }
    }

    /// "November 2026".
    pub fn month_year(&self, date: Date) -> String {
        fill(self.get("month_year"), &self.date_values(date))
    }

    /// "November 24, 2026".
    pub fn date(&self, date: Date) -> String {
        fill(self.get("date"), &self.date_values(date))
    }

    fn date_values(&self, d: Date) -> [(&'static str, String); 5] {
        [
            ("day", self.number(d.day)),
            ("dd", self.number(format!("{:02}", d.day))),
            (
                "month",
                self.digits_of(&self.months[usize::from(d.month) - 1]),
            ),
            ("mm", self.number(format!("{:02}", d.month))),
            ("year", self.number(d.year)),
        ]
    }

    /// A number in the language's digits.
    fn number(&self, n: impl std::fmt::Display) -> String {
        self.digits_of(&n.to_string())
    }

    /// `text` with its digits 0 to 9 in the language's own ("11月" stays
    /// as it is where the language writes 0 to 9).
    fn digits_of(&self, text: &str) -> String {
        text.chars()
            .map(|c| match c.to_digit(10) {
                Some(d) if c.is_ascii_digit() => self.digits[d as usize],
                _ => c,
            })
            .collect()
    }
}

/// The name of the language `tag` in that language ("Español"): a
/// handout's own `[words] language_name`, else the built-in one.
pub fn language_name(tag: &str, own: Option<&WordsFile>) -> Option<String> {
    let own = own.and_then(|w| w.language_name.as_ref());
    let name = own.or_else(|| built_in(tag).and_then(|w| w.language_name.as_ref()))?;
    Some(name.get_ref().trim().to_string()).filter(|n| !n.is_empty())
}

/// The key of a section kind's default heading.
pub fn kind_key(kind: SectionKind) -> &'static str {
    match kind {
        SectionKind::Causes => "causes",
        SectionKind::Prevention => "prevention",
        SectionKind::SelfCare => "self_care",
        SectionKind::WarningSigns => "warning_signs",
        SectionKind::Treatments => "treatments",
        SectionKind::Text => "text",
        SectionKind::Notes => "notes",
    }
}

/// The built-in table for a BCP 47 tag, matched on its language, and for
/// Chinese on its script or, failing that, its region. Each table is parsed
/// once per process, however many handouts a batch builds.
fn built_in(tag: &str) -> Option<&'static WordsFile> {
    static PARSED: [OnceLock<WordsFile>; 17] = [const { OnceLock::new() }; 17];
    let subtags = crate::text::writing::subtags(tag);
    let language = subtags.first()?.as_str();
    let language = ALIASES
        .iter()
        .find(|(alias, _)| *alias == language)
        .map_or(language, |(_, table)| *table);
    let name = if language == "zh" {
        let traditional = subtags.iter().skip(1).any(|s| {
            matches!(s.as_str(), "hant" | "tw" | "hk" | "mo")
                && !subtags.iter().any(|s| s == "hans")
        });
        if traditional { "zh-Hant" } else { "zh-Hans" }
    } else {
        language
    };
    let index = LANGUAGES.iter().position(|l| *l == name)?;
    Some(PARSED[index].get_or_init(|| toml::from_str(TABLES[index]).expect("built-in words parse")))
}

fn text<'a>(w: &'a WordsFile, key: &str) -> Option<&'a Spanned<String>> {
    match key {
        "causes" => w.causes.as_ref(),
        "prevention" => w.prevention.as_ref(),
        "self_care" => w.self_care.as_ref(),
        "warning_signs" => w.warning_signs.as_ref(),
        "treatments" => w.treatments.as_ref(),
        "text" => w.text.as_ref(),
        "reviewed" => w.reviewed.as_ref(),
        "page" => w.page.as_ref(),
        "contact" => w.contact.as_ref(),
        "book_online" => w.book_online.as_ref(),
        "scan_to_book" => w.scan_to_book.as_ref(),
        "prepared_for" => w.prepared_for.as_ref(),
        "note" => w.note.as_ref(),
        "disclaimer" => w.disclaimer.as_ref(),
        "key_points" => w.key_points.as_ref(),
        "notes" => w.notes.as_ref(),
        "also_available" => w.also_available.as_ref(),
        "language_name" => w.language_name.as_ref(),
        "urgent" => w.urgent.as_ref(),
        "month_year" => w.month_year.as_ref(),
        "date" => w.date.as_ref(),
        _ => None,
    }
}

/// Where in a handout's own words the character `c` is written, if it is.
pub fn span_with(own: &WordsFile, c: char) -> Option<std::ops::Range<usize>> {
    let texts = KEYS.iter().filter_map(|(key, _)| text(own, key));
    texts
        .map(|t| (t.get_ref().contains(c), t.span()))
        .chain(
            own.months
                .iter()
                .map(|m| (m.get_ref().iter().any(|m| m.contains(c)), m.span())),
        )
        .chain(
            own.digits
                .iter()
                .map(|d| (d.get_ref().contains(c), d.span())),
        )
        .find_map(|(has, span)| has.then_some(span))
}

/// `text` as ten decimal digits, zero first, if it is: Unicode puts each
/// script's digits in a run of ten.
fn ten_digits(text: &str) -> Option<[char; 10]> {
    use unicode_general_category::{GeneralCategory, get_general_category};
    let digits: Vec<char> = text.trim().chars().collect();
    let first = u32::from(*digits.first()?);
    let in_order = digits.iter().enumerate().all(|(i, d)| {
        u32::from(*d) == first + i as u32
            && get_general_category(*d) == GeneralCategory::DecimalNumber
    });
    (digits.len() == 10 && in_order).then(|| std::array::from_fn(|i| digits[i]))
}

/// A handout's own words: twelve months, ten digits, no empty text, and
/// only the placeholders each key fills.
fn check_own(own: &WordsFile, source: &Source) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    if let Some(digits) = &own.digits
        && ten_digits(digits.get_ref()).is_none()
    {
        let message = "`digits` must be the ten digits of the language, zero first, such as \
                       \"۰۱۲۳۴۵۶۷۸۹\"";
        errors.push(source.error(digits.span().start, "bad-words", message.to_string()));
    }
    if let Some(months) = &own.months
        && (months.get_ref().len() != 12 || months.get_ref().iter().any(|m| m.trim().is_empty()))
    {
        let message = format!(
            "`months` must name all twelve months, January first; it has {}",
            months.get_ref().len()
        );
        errors.push(source.error(months.span().start, "bad-words", message));
    }
    for (key, allowed) in KEYS {
        let Some(value) = text(own, key) else {
            continue;
        };
        if value.get_ref().trim().is_empty() {
            let message = format!("`{key}` is empty; leave it out to use the built-in words");
            errors.push(source.error(value.span().start, "bad-words", message));
        }
        for name in placeholders(value.get_ref()) {
            if !allowed.contains(&name) {
                let fills: Vec<String> = allowed.iter().map(|a| format!("{{{a}}}")).collect();
                let fills = if fills.is_empty() {
                    "none".to_string()
                } else {
                    fills.join(", ")
                };
                let at = source.find_in(&value.span(), &format!("{{{name}}}"));
                let message =
                    format!("`{key}` cannot fill {{{name}}}; the words it fills: {fills}");
                errors.push(source.error(at, "unknown-placeholder", message));
            }
        }
    }
    errors
}

/// The `{name}`s in a template.
fn placeholders(template: &str) -> impl Iterator<Item = &str> {
    template
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
}

/// `template` with each `{name}` replaced by its value.
fn fill<V: AsRef<str>>(template: &str, values: &[(&str, V)]) -> String {
    let mut out = template.to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value.as_ref());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(tag: &str) -> Words {
        let source = Source::new("x.toml", "");
        Words::resolve(tag, None, None, (&source, 0), |_| true).expect("built in")
    }

    #[test]
    fn other_languages_are_listed_with_the_sentences_own_comma() {
        let names = ["English".to_string(), "Español".to_string()];
        let said = |tag| words(tag).also_available(&names);
        assert!(said("en").starts_with("Also available in: English, Español, and"));
        assert!(said("ar").contains("English، Español، "), "{}", said("ar"));
        assert!(
            said("zh-Hans").contains("English、Español版本"),
            "{}",
            said("zh-Hans")
        );
    }

    #[test]
    fn every_built_in_table_has_every_key() {
        for tag in LANGUAGES {
            let table = built_in(tag).expect(tag);
            for (key, _) in KEYS {
                let present = key == "months" || text(table, key).is_some();
                assert!(present, "{tag} lacks {key}");
            }
            assert_eq!(
                table.months.as_ref().map(|m| m.get_ref().len()),
                Some(12),
                "{tag}"
            );
        }
    }

    #[test]
    fn tags_find_their_tables() {
        let date = Date::new(2026, 11, 24).unwrap();
        assert_eq!(words("en-GB").month_year(date), "November 2026");
        assert_eq!(words("es-MX").date(date), "24 de noviembre de 2026");
        assert_eq!(words("vi").month_year(date), "tháng 11 năm 2026");
        assert_eq!(words("zh").date(date), "2026年11月24日");
        assert_eq!(words("zh-TW").page(1, 2), "第1頁，共2頁");
        assert_eq!(words("zh-Hant-HK").page(1, 2), "第1頁，共2頁");
        assert_eq!(words("zh-Hans-HK").page(1, 2), "第1页，共2页");
        assert_eq!(
            words("ru").date(Date::new(2026, 3, 5).unwrap()),
            "05.03.2026"
        );
        assert_eq!(words("ar").page(2, 3), "صفحة 2 من 3");
        assert_eq!(words("ko").month_year(date), "2026년 11월");
        assert_eq!(words("ko").date(date), "2026년 11월 24일");
        assert_eq!(words("ja").date(date), "2026年11月24日");
        assert_eq!(words("fil").date(date), "Nobyembre 24, 2026");
        assert_eq!(words("pt-BR").date(date), "24 de novembro de 2026");
        assert_eq!(words("pt-PT").month_year(date), "novembro de 2026");
        assert_eq!(words("fr-CA").date(date), "24 novembre 2026");
        assert_eq!(words("de-AT").date(date), "24. November 2026");
        assert_eq!(words("pl").date(date), "24.11.2026 r.");
        assert_eq!(words("it").month_year(date), "novembre 2026");
        assert_eq!(words("ht").month_year(date), "novanm 2026");
        // Persian: its own month names and digits.
        assert_eq!(words("fa").date(date), "۲۴ نوامبر ۲۰۲۶");
        assert_eq!(words("fa-IR").page(2, 13), "صفحه ۲ از ۱۳");
    }

    #[test]
    fn digits_are_ten_in_a_row_zero_first() {
        assert_eq!(ten_digits("۰۱۲۳۴۵۶۷۸۹").map(|d| d[9]), Some('۹'));
        assert_eq!(ten_digits("0123456789").map(|d| d[0]), Some('0'));
        for wrong in ["123456789", "1234567890", "abcdefghij", "۰۱۲۳۴۵۶۷۸۹۰", ""] {
            assert_eq!(ten_digits(wrong), None, "{wrong}");
        }
    }

    #[test]
    fn templates_are_filled() {
        let en = words("en");
        let date = Date::new(2026, 11, 1).unwrap();
        assert_eq!(en.reviewed(date), "Reviewed November 2026");
        assert_eq!(
            en.prepared_for("Ana", date),
            "Prepared for Ana, November 1, 2026"
        );
        assert_eq!(
            en.heading(SectionKind::Treatments, "Gramercy"),
            "Treatments at Gramercy"
        );
    }
}
