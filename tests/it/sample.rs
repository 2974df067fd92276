//! The shipped sample, built through the real binary and read back with
//! qpdf and poppler: valid, Letter, fonts embedded and subset, every sentence
//! in order, metadata and bookmarks set, and small.

use crate::common::*;

fn sample_pdf() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let pdf = build(dir.path(), &sample(), &[]);
    (dir, pdf)
}

#[test]
fn is_a_valid_letter_pdf_under_60_kb() {
    let (_dir, pdf) = sample_pdf();
    let check = tool("qpdf", &["--check", pdf.to_str().unwrap()]);
    assert!(
        check.contains("No syntax or stream encoding errors"),
        "{check}"
    );
    assert!(info_value(&pdf, "Page size").starts_with("612 x 792 pts (letter)"));
    let size = std::fs::metadata(&pdf).unwrap().len();
    assert!(size < 60 * 1024, "the sample PDF is {size} bytes");
}

#[test]
fn every_font_is_embedded_and_subset() {
    let (_dir, pdf) = sample_pdf();
    let fonts = fonts(&pdf);
    assert!(fonts.len() >= 2, "{fonts:?}");
    for (name, embedded, subset) in fonts {
        assert!(embedded && subset, "{name} is not embedded and subset");
        let (tag, face) = name.split_once('+').expect("a subset tag");
        assert!(
            tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()),
            "{name}"
        );
        // Noto Sans only for the letters of "Tiếng Việt" in "Also available in".
        assert!(
            face.starts_with("AtkinsonHyperlegibleNext-") || face == "NotoSans-Regular",
            "{name}"
        );
    }
}

#[test]
fn metadata_language_and_bookmarks_are_set() {
    let (_dir, pdf) = sample_pdf();
    assert_eq!(
        info_value(&pdf, "Title"),
        "Why Do You Feel Upper Back Pain After Running?"
    );
    assert_eq!(info_value(&pdf, "Author"), "Gramercy Pain Center");
    assert_eq!(
        info_value(&pdf, "Subject"),
        "Causes, prevention and self-care"
    );
    assert_eq!(
        info_value(&pdf, "Keywords"),
        "running, upper back pain, posture, self-care"
    );
    assert!(uncompressed(&pdf).contains("/Lang (en)"));

    let json = tool(
        "qpdf",
        &["--json", "--json-key=outlines", pdf.to_str().unwrap()],
    );
    let titles: Vec<&str> = json
        .lines()
        .filter_map(|l| l.trim().strip_prefix("\"title\": \""))
        .map(|t| t.trim_end_matches(['"', ',']))
        .collect();
    assert_eq!(
        titles,
        [
            "What causes upper back pain after running",
            "How to prevent it",
            "Looking after your back at home",
            "When to get help right away",
            "Treatments at Gramercy Pain Center",
            "Manage your upper back pain at Gramercy Pain Center",
        ]
    );
}

fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for word in text.split(' ') {
        current.push_str(word);
        if word.ends_with(['.', '?', '!', ':']) {
            out.push(std::mem::take(&mut current));
        } else {
            current.push(' ');
        }
    }
    if !current.trim().is_empty() {
        out.push(current.trim().to_string());
    }
    out
}

#[test]
fn pdftotext_returns_every_sentence_in_order() {
    let (_dir, pdf) = sample_pdf();
    let text = text_without(
        &pdf,
        &["Gramercy Pain Center · ", "Reviewed November 2026 · Page"],
    );
    let text = normalize(&text);
    let mut at = 0;
    let mut checked = 0;
    for expected in expected_texts(&sample(), "en").iter().map(|t| normalize(t)) {
        for sentence in sentences(&expected) {
            match text[at..].find(&sentence) {
                Some(i) => at += i + sentence.len(),
                None => panic!(
                    "not found in order: {sentence:?}\nafter: {:?}",
                    &text[at..(at + 200).min(text.len())]
                ),
            }
            checked += 1;
        }
    }
    assert!(checked > 80, "only {checked} sentences checked");
}

#[test]
fn every_page_has_the_footer_and_the_last_the_disclaimer() {
    let (_dir, pdf) = sample_pdf();
    let text = text_of(&pdf);
    let pages: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    let n = pages.len();
    assert!(n >= 2);
    for (i, page) in pages.iter().enumerate() {
        assert!(
            page.contains("Gramercy Pain Center · (212) 555-0147"),
            "page {}",
            i + 1
        );
        assert!(
            page.contains(&format!("Reviewed November 2026 · Page {} of {n}", i + 1)),
            "page {}",
            i + 1
        );
        assert_eq!(
            normalize(page).contains("does not replace advice"),
            i + 1 == n,
            "disclaimer on page {}",
            i + 1
        );
    }
}
