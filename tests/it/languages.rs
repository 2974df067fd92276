//! Shipped handouts in seven of the languages with built-in words (the
//! others: fifteen.rs), built by the binary
//! and read back with poppler: every text and default heading comes back in
//! order, every font is embedded and subset, /Lang is the handout's language.
//! Then what is particular to a script: Chinese line breaks, Arabic
//! right-to-left layout, and a language the tool has no words for.

use crate::common::*;
use std::path::{Path, PathBuf};

/// Each language and a shipped handout written in it.
const SAMPLES: [(&str, &str); 7] = [
    ("en", "neck-pain-at-your-desk.toml"),
    ("es", "upper-back-pain-after-running.es.toml"),
    ("vi", "upper-back-pain-after-running.vi.toml"),
    ("zh-Hans", "neck-pain-at-your-desk.zh-Hans.toml"),
    ("zh-Hant", "neck-pain-at-your-desk.zh-Hant.toml"),
    ("ru", "neck-pain-at-your-desk.ru.toml"),
    ("ar", "neck-pain-at-your-desk.ar.toml"),
];

/// Chinese and Arabic are compared without spaces: Chinese has none between
/// words but pdftotext cannot tell a line break from one, and in right-to-left
/// lines poppler moves spaces, and a full stop next to a number, around.
fn spaceless(language: &str) -> bool {
    language.starts_with("zh") || language == "ar"
}

/// Text for comparing: no bidi controls (poppler adds them) or footer
/// separators, whitespace collapsed, or removed for `spaceless` languages.
fn comparable(text: &str, language: &str) -> String {
    let text: String = text
        .chars()
        .filter(|c| !matches!(c, '·' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
        .filter(|c| language != "ar" || *c != '.')
        .collect();
    if spaceless(language) {
        text.split_whitespace().collect()
    } else {
        normalize(&text)
    }
}

/// Sentences (or clauses), split after the marks that end them in these languages.
fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        current.push(c);
        let ends = matches!(c, '。' | '！' | '？' | '：' | '；')
            || (matches!(c, '.' | '?' | '!' | ':' | '؟')
                && chars.peek().is_none_or(|n| n.is_whitespace()));
        if ends {
            out.push(std::mem::take(&mut current).trim().to_string());
        }
    }
    out.push(current.trim().to_string());
    out.retain(|s| !s.is_empty());
    out
}

fn build_sample(dir: &Path, name: &str) -> PathBuf {
    build(dir, &repo().join("handouts").join(name), &[])
}

#[test]
fn every_language_comes_back_whole_and_in_order() {
    let dir = tempfile::tempdir().unwrap();
    for (language, name) in SAMPLES {
        let pdf = build_sample(dir.path(), name);
        // Footers repeat on every page and may fall inside a text that runs on.
        let text: String = text_of(&pdf)
            .lines()
            .filter(|l| !l.contains('·'))
            .collect::<Vec<_>>()
            .join("\n");
        let text = comparable(&text, language);
        let mut at = 0;
        let mut checked = 0;
        for expected in expected_texts(&repo().join("handouts").join(name), language) {
            for sentence in sentences(&expected) {
                let sentence = comparable(&sentence, language);
                match text[at..].find(&sentence) {
                    Some(i) => at += i + sentence.len(),
                    None => panic!(
                        "{language}: not found in order: {sentence:?}\nafter: {:?}",
                        text[at..].chars().take(120).collect::<String>()
                    ),
                }
                checked += 1;
            }
        }
        assert!(checked > 30, "{language}: only {checked} sentences checked");
    }
}

#[test]
fn footers_and_the_disclaimer_are_in_the_handouts_language() {
    let dir = tempfile::tempdir().unwrap();
    for (language, name) in SAMPLES {
        let pdf = build_sample(dir.path(), name);
        let words = words(language);
        let pages: usize = info_value(&pdf, "Pages").parse().unwrap();
        let text = comparable(&text_of(&pdf), language);
        let page = words["page"].as_str().unwrap();
        for n in 1..=pages {
            let footer = page
                .replace("{page}", &n.to_string())
                .replace("{pages}", &pages.to_string());
            let footer = comparable(&footer, language);
            assert!(text.contains(&footer), "{language}: no {footer:?}");
        }
        let disclaimer = comparable(words["disclaimer"].as_str().unwrap(), language);
        assert!(text.contains(&disclaimer), "{language}: no disclaimer");
    }
}

#[test]
fn review_dates_are_written_the_languages_way() {
    let dir = tempfile::tempdir().unwrap();
    for (language, name, reviewed) in [
        (
            "en",
            "neck-pain-at-your-desk.toml",
            "Reviewed November 2026",
        ),
        (
            "es",
            "upper-back-pain-after-running.es.toml",
            "Revisado en noviembre de 2026",
        ),
        (
            "vi",
            "upper-back-pain-after-running.vi.toml",
            "Được xem xét vào tháng 11 năm 2026",
        ),
        (
            "zh-Hans",
            "neck-pain-at-your-desk.zh-Hans.toml",
            "审核日期：2026年11月",
        ),
        (
            "zh-Hant",
            "neck-pain-at-your-desk.zh-Hant.toml",
            "審核日期：2026年11月",
        ),
        (
            "ru",
            "neck-pain-at-your-desk.ru.toml",
            "Проверено: ноябрь 2026 г.",
        ),
        (
            "ar",
            "neck-pain-at-your-desk.ar.toml",
            "تمت المراجعة: نوفمبر 2026",
        ),
    ] {
        let pdf = build_sample(dir.path(), name);
        let text = comparable(&text_of(&pdf), language);
        assert!(
            text.contains(&comparable(reviewed, language)),
            "{language}: no {reviewed:?}"
        );
    }
}

#[test]
fn fonts_are_embedded_subset_and_chosen_per_script() {
    let dir = tempfile::tempdir().unwrap();
    for (language, name) in SAMPLES {
        let pdf = build_sample(dir.path(), name);
        let fonts = fonts(&pdf);
        for (font, embedded, subset) in &fonts {
            assert!(
                *embedded && *subset,
                "{language}: {font} is not embedded and subset"
            );
        }
        let families: Vec<&str> = fonts
            .iter()
            .map(|(f, _, _)| f.split_once('+').unwrap().1.split('-').next().unwrap())
            .collect();
        // Each also names its translations in their own scripts, on its
        // last page: the neck pain leaflets in Arabic, Chinese, English and
        // Russian, the back pain ones in English, Spanish and Vietnamese.
        let expected: &[&str] = match language {
            "es" => &["AtkinsonHyperlegibleNext", "NotoSans"],
            // Letters Atkinson lacks: the whole handout in one design.
            "vi" => &["NotoSans"],
            _ => &[
                "AtkinsonHyperlegibleNext",
                "NotoSans",
                "NotoSansArabic",
                "NotoSansCJKsc",
            ],
        };
        let mut found = families.clone();
        found.sort_unstable();
        found.dedup();
        assert_eq!(found, expected, "{language}");
        let raw = uncompressed(&pdf);
        assert!(
            raw.contains(&format!("/Lang ({language})")),
            "{language}: /Lang"
        );
    }
}

#[test]
fn the_english_sample_stays_within_its_size_budget() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = build(dir.path(), &sample(), &[]);
    let size = std::fs::metadata(&pdf).unwrap().len();
    assert!(size < 60_000, "{size} bytes");
    // The fallback faces are configured but only Noto Sans is used, for
    // "Tiếng Việt" in "Also available in".
    assert!(
        fonts(&pdf)
            .iter()
            .all(|(f, _, _)| f.contains("Atkinson") || f.ends_with("+NotoSans-Regular"))
    );
}

#[test]
fn chinese_breaks_between_characters_but_never_before_closing_punctuation() {
    let dir = tempfile::tempdir().unwrap();
    for name in [
        "neck-pain-at-your-desk.zh-Hans.toml",
        "neck-pain-at-your-desk.zh-Hant.toml",
    ] {
        let pdf = build_sample(dir.path(), name);
        let lines: Vec<String> = layout(&pdf)
            .into_iter()
            .flat_map(|(_, _, lines)| lines)
            .map(|l| l.text())
            .collect();
        let wrapped = lines
            .windows(2)
            .filter(|w| {
                let (a, b) = (w[0].chars().last(), w[1].chars().next());
                a.is_some_and(is_han) && b.is_some_and(is_han)
            })
            .count();
        assert!(wrapped > 0, "{name}: no line breaks between two characters");
        for line in &lines {
            let first = line.chars().next().unwrap();
            assert!(
                !"，。、；：？！）」』”".contains(first),
                "{name}: line starts with {first}: {line}"
            );
        }
    }
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

#[test]
fn arabic_is_set_right_to_left() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = build_sample(dir.path(), "neck-pain-at-your-desk.ar.toml");
    let pages = layout(&pdf);
    let (width, _, lines) = &pages[0];
    let arabic = |l: &&TextLine| {
        l.text()
            .chars()
            .any(|c| ('\u{0600}'..='\u{06ff}').contains(&c))
    };
    let body: Vec<&TextLine> = lines
        .iter()
        .filter(arabic)
        .filter(|l| !l.text().contains('·'))
        .collect();
    assert!(body.len() > 10);
    // Right-aligned in each of the two columns: lines end at a handful of
    // right edges (text, text past list markers, text in panels of two
    // insets, list items in a panel) but start all over.
    let right = |l: &TextLine| l.words.iter().map(|w| w.x1).fold(0.0, f32::max);
    let left = |l: &TextLine| l.words.iter().map(|w| w.x0).fold(f32::MAX, f32::min);
    let edges = |column: &[&&TextLine], edge: &dyn Fn(&TextLine) -> f32| {
        let mut edges: Vec<i32> = column.iter().map(|l| edge(l).round() as i32).collect();
        edges.sort_unstable();
        edges.dedup_by(|a, b| (*a - *b).abs() <= 2);
        edges
    };
    let in_right_column = |l: &&&TextLine| right(l) > width / 2.0;
    let (first, second): (Vec<&&TextLine>, Vec<&&TextLine>) =
        body.iter().partition(in_right_column);
    for column in [&first, &second] {
        assert!(column.len() > 4, "{} lines in a column", column.len());
        let rights = edges(column, &right);
        let lefts = edges(column, &left);
        assert!(
            rights.len() <= 6 && lefts.len() > rights.len(),
            "right edges {rights:?}, left {lefts:?}"
        );
    }
    // The list numbers sit right of their items; the header's logo side is
    // the right, so the clinic's phone is on the left.
    let marker = lines
        .iter()
        .flat_map(|l| &l.words)
        .find(|w| w.text == "1")
        .expect("a list number");
    let column = if marker.x1 > width / 2.0 {
        &first
    } else {
        &second
    };
    let items_right = column.iter().map(|l| right(l)).fold(0.0, f32::max);
    assert!(marker.x0 > items_right - 30.0, "marker at {}", marker.x0);
    let phone = lines
        .iter()
        .flat_map(|l| &l.words)
        .find(|w| w.text == "555-0147")
        .expect("the phone number");
    assert!(phone.x1 < width / 2.0, "phone at {}", phone.x0);
}

#[test]
fn a_language_without_built_in_words_builds_with_its_own() {
    let lib = library(MINIMAL_CLINIC);
    let words = r#"
[words]
causes = "Oorzaken"
reviewed = "Herzien in {date}"
page = "Pagina {page} van {pages}"
contact = "Contact"
prepared_for = "Gemaakt voor {name}, {date}"
note = "Een bericht van uw zorgteam"
disclaimer = "Deze folder geeft algemene informatie."
months = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"]
month_year = "{month} {year}"
date = "{day} {month} {year}"
"#;
    let body = "title = \"Knieklachten\"\nlanguage = \"nl\"\nreviewed = 2026-11-01\n\
                [[section]]\nkind = \"causes\"\n[[section.item]]\ntext = \"Een val.\"\n";
    write(lib.path(), "handouts/knie.toml", &format!("{body}{words}"));
    let out = handout(lib.path(), &["build", "handouts/knie.toml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pdf = lib.path().join("out/knie.pdf");
    assert_valid(&pdf);
    let text = normalize(&text_of(&pdf));
    for expected in [
        "Oorzaken",
        "Herzien in november 2026 · Pagina 1 van 1",
        "Deze folder geeft algemene informatie.",
    ] {
        assert!(text.contains(expected), "no {expected:?} in {text}");
    }
    assert!(uncompressed(&pdf).contains("/Lang (nl)"));

    // Without the words it cannot print, the error names each one and nothing is written.
    let short = words
        .replace("causes = \"Oorzaken\"\n", "")
        .replace("note = \"Een bericht van uw zorgteam\"\n", "");
    write(lib.path(), "handouts/knie.toml", &format!("{body}{short}"));
    std::fs::remove_file(&pdf).unwrap();
    let out = handout(lib.path(), &["build", "handouts/knie.toml"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("handouts/knie.toml:"), "{err}");
    assert!(
        err.contains(
            "there are no built-in words for language `nl`; set causes, note under [words]"
        ),
        "{err}"
    );
    assert!(!pdf.exists());
}

#[test]
fn a_handout_may_override_built_in_words() {
    let lib = library(MINIMAL_CLINIC);
    let handout_text = "title = \"Dolor de rodilla\"\nlanguage = \"es\"\nreviewed = 2026-11-01\n\
                        [words]\ndisclaimer = \"Consulte siempre a su médico.\"\n\
                        [[section]]\nkind = \"self-care\"\n[[section.item]]\ntext = \"Descanse.\"\n";
    write(lib.path(), "handouts/rodilla.toml", handout_text);
    let out = handout(lib.path(), &["build", "handouts/rodilla.toml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = normalize(&text_of(&lib.path().join("out/rodilla.pdf")));
    assert!(text.contains("Consulte siempre a su médico."), "{text}");
    assert!(
        !text.contains("Este folleto ofrece información general"),
        "{text}"
    );
    assert!(text.contains("Qué puede hacer en casa"), "{text}");
}

#[test]
fn a_long_qr_caption_takes_two_lines_without_overlapping() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = build_sample(dir.path(), "upper-back-pain-after-running.es.toml");
    let words: Vec<Word> = layout(&pdf)
        .into_iter()
        .flat_map(|(_, _, lines)| lines)
        .flat_map(|l| l.words)
        .collect();
    let first = words
        .iter()
        .find(|w| w.text == "Escanee")
        .expect("the caption");
    // The caption's last word: the nearest "cita" that is not above the
    // caption's first (the booking line "Pida una cita en línea" is above
    // the code).
    let last = words
        .iter()
        .filter(|w| w.text == "cita" && w.y0 > first.y0 - 1.0 && (w.x0 - first.x0).abs() < 80.0)
        .min_by(|a, b| a.y0.total_cmp(&b.y0))
        .expect("the caption's last word");
    assert!(
        last.y0 >= first.y1 - 0.5,
        "caption lines overlap: {first:?} {last:?}"
    );
}

#[test]
fn the_clinics_disclaimer_is_chosen_by_language() {
    let clinic = format!(
        "{MINIMAL_CLINIC}fallback = [\"fonts/NotoSans-Regular.ttf\"]\n\
         [disclaimer]\nen = \"Ask your own doctor.\"\nes = \"Consulte a su médico.\"\n"
    );
    let lib = library(&clinic);
    let source = |language: &str, extra: &str| {
        format!("title = \"K\"\nlanguage = \"{language}\"\nreviewed = 2026-11-01\n{extra}")
    };
    write(lib.path(), "handouts/en.toml", &source("en-US", ""));
    write(lib.path(), "handouts/es.toml", &source("es-MX", ""));
    write(lib.path(), "handouts/vi.toml", &source("vi", ""));
    let own = "[words]\ndisclaimer = \"Solo para esta hoja.\"\n";
    write(lib.path(), "handouts/own.toml", &source("es", own));
    let out = handout(lib.path(), &["build"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = |name: &str| normalize(&text_of(&lib.path().join(format!("out/{name}.pdf"))));
    assert!(text("en").contains("Ask your own doctor."));
    assert!(text("es").contains("Consulte a su médico."));
    let vi = comparable(words("vi")["disclaimer"].as_str().unwrap(), "vi");
    assert!(text("vi").contains(&vi), "{}", text("vi"));
    assert!(text("own").contains("Solo para esta hoja."));
    assert!(!text("own").contains("Consulte a su médico."));
}

#[test]
fn a_narrow_qr_caption_never_cuts_a_word() {
    // "Отсканируйте" is wider than the code in large print: the caption
    // widens to hold it (it was set "Отсканиру / йте").
    let dir = tempfile::tempdir().unwrap();
    for extra in [&[][..], &["--large-print"][..], &["--paper", "a4"][..]] {
        let sub = dir.path().join(extra.join(""));
        std::fs::create_dir_all(&sub).unwrap();
        let file = repo().join("handouts/neck-pain-at-your-desk.ru.toml");
        let pdf = build(&sub, &file, extra);
        let words: Vec<String> = layout(&pdf)
            .into_iter()
            .flat_map(|(_, _, lines)| lines)
            .flat_map(|l| l.words)
            .map(|w| w.text)
            .collect();
        assert!(
            words.iter().any(|w| w.starts_with("Отсканируйте")),
            "{extra:?}: the caption's first word is cut: {words:?}"
        );
        assert!(!words.iter().any(|w| w == "Отсканиру"), "{extra:?}");
    }
}
