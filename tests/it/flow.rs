//! A long handout flows over several pages with headings kept with their text,
//! no single line of a paragraph stranded, and nothing outside the margins —
//! all read back from the PDF with `pdftotext -bbox-layout`.

use crate::common::*;
use std::path::PathBuf;

const MARGIN: f32 = 36.0;

fn long_pdf(extra: &[&str]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let pdf = build(
        dir.path(),
        &repo().join("tests/fixtures/long-handout.toml"),
        extra,
    );
    (dir, pdf)
}

/// Every paragraph of the fixture, in order, as printed text.
fn paragraphs() -> Vec<String> {
    let doc: toml::Table = toml::from_str(
        &std::fs::read_to_string(repo().join("tests/fixtures/long-handout.toml")).unwrap(),
    )
    .unwrap();
    let mut fields = vec![doc["summary"].as_str().unwrap().to_string()];
    for section in doc["section"].as_array().unwrap() {
        if let Some(intro) = section.get("intro") {
            fields.push(intro.as_str().unwrap().to_string());
        }
        for item in section
            .get("item")
            .and_then(|i| i.as_array())
            .into_iter()
            .flatten()
        {
            // The title runs in before the text: "Title. Text".
            let title = item.get("title").and_then(|t| t.as_str());
            let text = item.get("text").and_then(|t| t.as_str());
            match (title, text) {
                (Some(title), Some(text))
                    if title.ends_with(|c: char| c.is_ascii_punctuation()) =>
                {
                    fields.push(format!("{title} {text}"))
                }
                (Some(title), Some(text)) => fields.push(format!("{title}. {text}")),
                (title, text) => fields.extend(title.or(text).map(str::to_string)),
            }
        }
    }
    fields
        .iter()
        .flat_map(|f| {
            f.split("\n\n")
                .map(|p| normalize(&p.replace("{clinic.phone}", "(212) 555-0147")))
                .collect::<Vec<_>>()
        })
        .filter(|p| !p.is_empty())
        .collect()
}

/// Body lines in reading order with their page, without header band and
/// footer: the left column top to bottom, then the right.
fn body_lines(pdf: &std::path::Path) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (p, (w, h, mut lines)) in layout(pdf).into_iter().enumerate() {
        lines.retain(|line| {
            let footer = line.top() > h - MARGIN - 30.0;
            let band = p == 0 && line.top() < MARGIN + 80.0;
            !footer && !band
        });
        lines.sort_by(|a, b| {
            let column = |l: &TextLine| l.left() >= w / 2.0;
            (column(a), a.top())
                .partial_cmp(&(column(b), b.top()))
                .unwrap()
        });
        // A list number, drawn apart from its item's text, is not the text.
        let number = |w: &Word| w.text.chars().all(|c| c.is_ascii_digit());
        for mut line in lines {
            let apart = line.words.len() < 2 || line.words[1].x0 - line.words[0].x1 > 8.0;
            if number(&line.words[0]) && apart {
                line.words.remove(0);
            }
            if !line.words.is_empty() {
                out.push((p, line.text()));
            }
        }
    }
    out
}

#[test]
fn nothing_is_drawn_outside_the_margins() {
    for paper in ["letter", "a4"] {
        let (_dir, pdf) = long_pdf(&["--paper", paper]);
        let pages = layout(&pdf);
        assert!(
            pages.len() >= 3,
            "the long handout should take 3+ pages, got {}",
            pages.len()
        );
        for (p, (w, h, lines)) in pages.iter().enumerate() {
            for word in lines.iter().flat_map(|l| &l.words) {
                let inside = word.x0 >= MARGIN - 0.5
                    && word.x1 <= w - MARGIN + 0.5
                    && word.y0 >= MARGIN - 0.5
                    && word.y1 <= h - MARGIN + 0.5;
                assert!(
                    inside,
                    "{paper} page {}: {word:?} is outside the margins",
                    p + 1
                );
            }
        }
    }
}

/// The section headings of the fixture as printed, defaults included, and the
/// contact block's.
fn headings() -> Vec<String> {
    let doc: toml::Table = toml::from_str(
        &std::fs::read_to_string(repo().join("tests/fixtures/long-handout.toml")).unwrap(),
    )
    .unwrap();
    let mut out: Vec<String> = doc["section"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| match (s.get("heading"), s["kind"].as_str().unwrap()) {
            (Some(h), _) => h.as_str().unwrap().to_string(),
            (None, "warning-signs") => "When to get help right away".into(),
            (None, "treatments") => "Treatments at Gramercy Pain Center".into(),
            (None, kind) => panic!("give the {kind} section of the fixture a heading"),
        })
        .collect();
    out.push("Contact us".into());
    out
}

#[test]
fn headings_keep_with_two_lines_of_what_follows() {
    let (_dir, pdf) = long_pdf(&[]);
    let lines = body_lines(&pdf);
    for heading in headings() {
        // A heading may take two or three lines of its column.
        let (i, n) = (0..lines.len())
            .flat_map(|i| (1..=3).map(move |n| (i, n)))
            .find(|&(i, n)| {
                let joined: Vec<&str> = lines[i..(i + n).min(lines.len())]
                    .iter()
                    .map(|l| l.1.as_str())
                    .collect();
                joined.join(" ") == heading
            })
            .unwrap_or_else(|| panic!("{heading:?} not found"));
        let page = lines[i + n - 1].0;
        let following = lines[i + n..].iter().take_while(|l| l.0 == page).count();
        assert!(
            following >= 2,
            "heading {heading:?} on page {} is followed by {following} lines",
            page + 1
        );
    }
}

#[test]
fn no_paragraph_leaves_a_single_line_on_a_page() {
    let (_dir, pdf) = long_pdf(&[]);
    let lines = body_lines(&pdf);
    let mut splits = 0;
    for para in paragraphs() {
        // From the top each time: a box may float past the text after it.
        let mut at = (0..lines.len())
            .find(|&i| para.starts_with(&lines[i].1))
            .unwrap_or_else(|| panic!("paragraph not found: {para:?}"));
        let mut rest = para.as_str();
        let mut pages = Vec::new();
        while !rest.is_empty() {
            let (page, text) = &lines[at];
            assert!(
                rest.starts_with(text.as_str()),
                "{text:?} interrupts {para:?}"
            );
            rest = rest[text.len()..].trim_start();
            pages.push(*page);
            at += 1;
        }
        if pages.first() != pages.last() {
            splits += 1;
            let first = pages.iter().filter(|p| **p == pages[0]).count();
            let last = pages.len() - first;
            assert!(
                first >= 2 && last >= 2,
                "{para:?} splits {first}+{last} lines across pages"
            );
        }
    }
    assert!(
        splits >= 1,
        "no paragraph crossed a page, so nothing was tested"
    );
}

#[test]
fn a_word_wider_than_the_line_is_broken_inside_the_margins() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!(
        "https://example.org/{}",
        "very-long-path-segment/".repeat(12)
    );
    let file = write(
        dir.path(),
        "url.toml",
        &format!(
            "title = \"Long address\"\nreviewed = 2026-11-01\nsummary = \"Read [this page]({url}) and {url} today.\"\n"
        ),
    );
    let pdf = build(dir.path(), &file, &[]);
    let (w, _, lines) = &layout(&pdf)[0];
    for word in lines.iter().flat_map(|l| &l.words) {
        assert!(word.x1 <= w - MARGIN + 0.5, "{word:?} overflows");
    }
    let text = normalize(&text_of(&pdf)).replace(' ', "");
    assert!(
        text.contains(&url.replace(' ', "")),
        "the address is not all there"
    );
}
