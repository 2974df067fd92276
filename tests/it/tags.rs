//! Tagged text that every reader gets right: the tag tree, read back with
//! poppler's `pdfinfo -struct-text`, holds every word of the handout whole
//! and in reading order (a line end carries its space, so no two words run
//! together), right-to-left text is in logical order in its /ActualText,
//! a paragraph split across a trifold's pages is read start first, tags
//! come from what the layout placed (a list item's picture is a Figure in
//! its body), and a stream whose data ends in a carriage return keeps its
//! /Length exact.

use crate::accessible::{Elem, broken_rules, string, struct_elems, tag_tree};
use crate::common::*;
use page_validation::ValidationProfile;
use std::path::Path;

/// A letter of a right-to-left script: poppler reads those in drawing order.
fn right_to_left(c: char) -> bool {
    matches!(u32::from(c), 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF)
}

/// White space as one space, ends trimmed: where lines break is not text.
fn spaced(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of a tag tree: runs of one element as they are, each block
/// element set apart by a line end (the end of a paragraph separates words).
fn tree_text(elem: &Elem, out: &mut String) {
    out.push_str(&elem.text);
    for kid in &elem.kids {
        let inline = kid.role.is_empty() || matches!(kid.role.as_str(), "Link" | "Span");
        if !inline {
            out.push('\n');
        }
        tree_text(kid, out);
    }
}

/// Each of `expected`, in order, whole in `pdf`'s tag tree: what is not.
/// Texts with right-to-left letters are read from the /ActualText of the
/// Span elements instead, piece by piece between left-to-right runs.
pub fn missing_from_tags(pdf: &Path, expected: &[String]) -> Vec<String> {
    let mut text = String::new();
    tree_text(&tag_tree(pdf), &mut text);
    let text = spaced(&text);
    let mut spans = None;
    let mut missing = Vec::new();
    let mut at = 0;
    for e in expected.iter().map(|e| spaced(e)) {
        if e.chars().any(right_to_left) {
            let spans = spans.get_or_insert_with(|| logical_spans(pdf));
            let pieces = e.split(|c: char| c.is_ascii_alphanumeric());
            let pieces = pieces.map(|p| p.trim_matches(|c: char| !right_to_left(c)));
            missing.extend(
                pieces
                    .filter(|p| !p.is_empty() && !spans.contains(p))
                    .map(|p| format!("{}: right to left: {p}", pdf.display())),
            );
            continue;
        }
        match text[at..].find(&e) {
            Some(i) => at += i + e.len(),
            None => missing.push(format!("{}: not whole and in order: {e}", pdf.display())),
        }
    }
    missing
}

/// The /ActualText of every Span in the order of the tag tree, white space
/// as one space.
fn logical_spans(pdf: &Path) -> String {
    let json = tool(
        "qpdf",
        &["--json=2", "--json-key=qpdf", pdf.to_str().unwrap()],
    );
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let objects = &json["qpdf"][1];
    let trailer = &objects["trailer"]["value"];
    let catalog = &objects[format!("obj:{}", trailer["/Root"].as_str().unwrap())]["value"];
    let root = &objects[format!("obj:{}", catalog["/StructTreeRoot"].as_str().unwrap())];
    let mut out = String::new();
    spans_within(objects, &root["value"]["/K"], &mut out);
    spaced(&out)
}

/// The /ActualText of the Spans under `kids` (a reference, or an array of
/// them and of marked content), in order.
fn spans_within(objects: &serde_json::Value, kids: &serde_json::Value, out: &mut String) {
    let kids = match kids.as_array() {
        Some(kids) => kids.clone(),
        None => vec![kids.clone()],
    };
    for kid in kids.iter().filter_map(|k| k.as_str()) {
        let elem = &objects[format!("obj:{kid}")]["value"];
        if elem["/Type"] != "/StructElem" {
            continue;
        }
        if elem["/S"] == "/Span" {
            out.push_str(&string(&elem["/ActualText"]));
        }
        spans_within(objects, &elem["/K"], out);
    }
}

/// The handout's language, as its file says.
fn language(file: &Path) -> String {
    let doc: toml::Table = toml::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    doc.get("language")
        .and_then(|l| l.as_str())
        .unwrap_or("en")
        .to_string()
}

/// What a sample's PDF gets wrong: its words not whole or not in order in
/// the tag tree.
pub fn sample_words_missing(pdf: &Path, file: &Path) -> Vec<String> {
    missing_from_tags(pdf, &expected_texts(file, &language(file)))
}

/// PDF/UA-1 and PDF/A-2u rules `pdf` breaks.
fn nonconforming(pdf: &Path) -> Vec<String> {
    [ValidationProfile::PdfUa1, ValidationProfile::PdfA2u]
        .into_iter()
        .flat_map(|profile| broken_rules(pdf, profile))
        .collect()
}

#[test]
fn a_line_end_carries_its_space_and_a_chinese_one_none() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = build(dir.path(), &sample(), &[]);
    let tree = tool("pdfinfo", &["-struct-text", pdf.to_str().unwrap()]);
    // The words the issue found run together, line end by line end.
    assert!(tree.contains("a common ailment that many runners experience at some point"));
    assert!(!tree.contains("ailmentthat"), "{tree}");
    // The plain text poppler reads off the page has no doubled spaces.
    let plain = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    assert!(!plain.contains("  ") && !plain.contains(" \n"), "{plain}");
    let file = repo().join("handouts/neck-pain-at-your-desk.zh-Hans.toml");
    let pdf = build(dir.path(), &file, &[]);
    let tree = tool("pdfinfo", &["-struct-text", pdf.to_str().unwrap()]);
    let chars: Vec<char> = tree.chars().collect();
    let spaced_han = chars
        .windows(3)
        .any(|w| han(w[0]) && w[1] == ' ' && han(w[2]));
    assert!(!spaced_han, "a space between Chinese characters: {tree}");
    assert!(sample_words_missing(&pdf, &file).is_empty());
}

fn han(c: char) -> bool {
    matches!(u32::from(c), 0x4E00..=0x9FFF)
}

/// Build `handouts/h.toml` (written from `text`) in library `dir` with
/// `args`; the PDF, checked with qpdf and poppler.
fn build_text(dir: &Path, text: &str, args: &[&str]) -> std::path::PathBuf {
    let file = write(dir, "handouts/h.toml", text);
    build(dir, &file, args)
}

/// `pixels` (RGB, `width` wide) as a PNG in the library's assets.
fn picture(dir: &Path, name: &str, width: u32, pixels: Vec<u8>) {
    let height = pixels.len() as u32 / 3 / width;
    let image = image::RgbImage::from_raw(width, height, pixels).unwrap();
    image.save(dir.join("assets").join(name)).unwrap();
}

#[test]
fn a_paragraph_at_the_end_of_a_trifolds_inside_moves_whole_onto_its_flap() {
    let dir = library(MINIMAL_CLINIC);
    // Eight paragraphs of 40 words fill the inside panels and run onto the
    // flap; the paragraph at the inside's end would cross the sheet.
    let paragraphs: Vec<String> = (0..8)
        .map(|i| {
            let words: Vec<String> = (0..40).map(|j| format!("part{i}word{j}")).collect();
            words.join(" ") + "."
        })
        .collect();
    let text = format!(
        "title = \"Crossing\"\nreviewed = 2026-11-01\n[[section]]\nkind = \"self-care\"\n\
         intro = \"\"\"\n{}\n\"\"\"\n",
        paragraphs.join("\n\n")
    );
    let pdf = build_text(dir.path(), &text, &["--layout", "trifold"]);
    let flap = text_between(&pdf, 1, 0.0, folds(792.0, false)[0]);
    assert!(
        flap.contains("word0 "),
        "no paragraph starts on the flap: {flap}"
    );
    // No paragraph has content on both pages.
    let crossing = struct_elems(&pdf).into_iter().find(|e| {
        let kids = e["/K"].as_array().cloned().unwrap_or_default();
        e["/S"] == "/P"
            && kids
                .iter()
                .any(|k| k["/Type"] == "/MCR" && k["/Pg"] != e["/Pg"])
    });
    assert!(crossing.is_none(), "{crossing:?} crosses the sheet");
    let missing = missing_from_tags(&pdf, &paragraphs);
    assert!(missing.is_empty(), "{missing:#?}");
    assert!(nonconforming(&pdf).is_empty());
}

#[test]
fn an_item_with_a_picture_is_tagged_as_the_layout_placed_it() {
    let dir = library(MINIMAL_CLINIC);
    picture(dir.path(), "ice.png", 40, vec![90; 40 * 30 * 3]);
    let text = "title = \"Knee pain\"\nreviewed = 2026-11-01\n\
        [[section]]\nkind = \"self-care\"\nstyle = \"numbered\"\n\
        [[section.item]]\ntitle = \"Ice it\"\ntext = \"Hold a cold pack on it.\"\n\
        image = \"../assets/ice.png\"\nimage_alt = \"An ice pack on a knee\"\n\
        [[section.item]]\ntext = \"Rest it.\"\n\
        [[section]]\nkind = \"causes\"\nstyle = \"bullets\"\n\
        [[section.item]]\ntext = \"A fall.\"\nimage = \"../assets/ice.png\"\n\
        image_alt = \"Someone slipping on ice\"\n";
    for args in [&[][..], &["--layout", "trifold"]] {
        let pdf = build_text(dir.path(), text, args);
        let tree = tag_tree(&pdf);
        let lists: Vec<&Elem> = tree.all().into_iter().filter(|e| e.role == "L").collect();
        assert_eq!(lists.len(), 2, "{tree:#?}");
        let roles = |e: &Elem| e.kids.iter().map(|k| k.role.clone()).collect::<Vec<_>>();
        // A number is the item's label; the picture is in its body, before its text.
        let numbered = &lists[0].kids[0];
        assert_eq!(roles(numbered), ["Lbl", "LBody"], "{args:?}");
        assert_eq!(numbered.kids[0].text_within(), "1");
        let body = &numbered.kids[1];
        assert_eq!(roles(body)[0], "Figure", "{body:#?}");
        assert_eq!(
            spaced(&body.text_within()),
            "Ice it. Hold a cold pack on it."
        );
        // A bullet is decoration: the item is its body alone.
        let bulleted = &lists[1].kids[0];
        assert_eq!(roles(bulleted), ["LBody"], "{args:?}");
        assert!(roles(&bulleted.kids[0]).contains(&"Figure".to_string()));
        let alts: Vec<String> = struct_elems(&pdf)
            .iter()
            .filter(|e| e["/S"] == "/Figure")
            .map(|e| string(&e["/Alt"]))
            .collect();
        for alt in ["An ice pack on a knee", "Someone slipping on ice"] {
            assert!(alts.iter().any(|a| a == alt), "{alts:?}");
        }
        assert!(nonconforming(&pdf).is_empty(), "{:?}", nonconforming(&pdf));
    }
}

#[test]
fn a_stream_whose_data_ends_in_a_carriage_return_conforms() {
    let dir = library(MINIMAL_CLINIC);
    // A compressed stream ends in the low byte of its Adler-32 sum's first
    // half, 1 plus the sum of the data's bytes: one pixel (4, 4, 4) sums to
    // 12, so the picture's compressed pixels end in 13, a carriage return.
    picture(dir.path(), "dot.png", 1, vec![4, 4, 4]);
    let text = "title = \"Knee pain\"\nreviewed = 2026-11-01\n\
        [[section]]\nkind = \"self-care\"\n[[section.item]]\ntext = \"Rest it.\"\n\
        image = \"../assets/dot.png\"\nimage_alt = \"A grey dot\"\n";
    let pdf = build_text(dir.path(), text, &[]);
    let read = lopdf::Document::load(&pdf).unwrap();
    let dot = read.objects.values().find_map(|o| {
        let stream = o.as_stream().ok()?;
        let width = stream.dict.get(b"Width").and_then(|w| w.as_i64()).ok()?;
        (width == 1 && stream.dict.has(b"ColorSpace")).then_some(stream)
    });
    let dot = dot.expect("the picture's stream");
    assert_eq!(dot.content.last(), Some(&b'\r'), "{:?}", dot.content);
    let bytes = std::fs::read(&pdf).unwrap();
    let ends = |end: &[u8]| bytes.windows(end.len()).filter(|w| *w == end).count();
    // Every stream's data ends with CR LF before endstream, not counted in /Length.
    assert_eq!(ends(b"endstream"), ends(b"\r\nendstream"));
    assert!(ends(b"\r\r\nendstream") >= 1);
    assert!(nonconforming(&pdf).is_empty(), "{:?}", nonconforming(&pdf));
}

/// The languages a generated handout is written in, and letters to make
/// its words from: for Chinese and Arabic, the characters of the samples
/// (the bundled Chinese face is a subset).
const LANGUAGES: [&str; 7] = ["en", "es", "vi", "ru", "zh-Hans", "zh-Hant", "ar"];

fn alphabet(language: &str) -> Vec<char> {
    let sample = |name: &str, keep: fn(char) -> bool| -> Vec<char> {
        let text = std::fs::read_to_string(repo().join("handouts").join(name)).unwrap();
        let mut chars: Vec<char> = text.chars().filter(|c| keep(*c)).collect();
        chars.sort_unstable();
        chars.dedup();
        chars
    };
    match language {
        "en" => ('a'..='z').collect(),
        "es" => "abcdefghijlmnopqrstuvyzáéíóúñü".chars().collect(),
        "vi" => "abcdeghiklmnopqrstuvxyăâđêôơưàáạảãầấậẩẫềếệểễọốồộổỗớờợởỡụúùủũứừựửữ"
            .chars()
            .collect(),
        "ru" => ('а'..='я').collect(),
        "ar" => sample("neck-pain-at-your-desk.ar.toml", |c| {
            ('\u{621}'..='\u{64a}').contains(&c)
        }),
        _ => sample("neck-pain-at-your-desk.zh-Hans.toml", han),
    }
}

/// A generated paragraph: its markup and its text as printed; with
/// `links`, some words are links (a title takes no markup).
fn paragraph(language: &str, words: &[(usize, u32)], links: bool) -> (String, String) {
    let letters = alphabet(language);
    let chinese = language.starts_with("zh");
    let mut markup = Vec::new();
    let mut printed = Vec::new();
    for (k, &(len, seed)) in words.iter().enumerate() {
        if links && seed % 11 == 0 {
            // A link whose label is its address, which prints as it is.
            let address = format!("example.org/p{k}");
            markup.push(format!(" [{address}](https://{address}) "));
            printed.push(format!(" {address} "));
            continue;
        }
        let mut state = seed;
        let word: String = (0..len)
            .map(|_| {
                state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                letters[(state >> 8) as usize % letters.len()]
            })
            .collect();
        let gap = if chinese { "，" } else { " " };
        markup.push(format!("{word}{gap}"));
        printed.push(format!("{word}{gap}"));
    }
    let end = if chinese { "。" } else { "." };
    let ended = |s: String| s.trim().trim_end_matches('，').to_string() + end;
    (ended(markup.concat()), ended(printed.concat()))
}

fn quoted(s: &str) -> String {
    format!("{s:?}")
}

/// Words: a length (long ones wider than a trifold's column) and a seed.
fn words(max: usize) -> impl Strategy<Value = Vec<(usize, u32)>> {
    proptest::collection::vec((prop_oneof![1usize..8, 8usize..40], any::<u32>()), 1..max)
}

use proptest::prelude::*;

proptest! {
    // A fixed seed, so that every CI run tries the same cases.
    #![proptest_config(ProptestConfig {
        cases: 6,
        rng_seed: proptest::test_runner::RngSeed::Fixed(24),
        ..ProptestConfig::default()
    })]

    #[test]
    fn generated_handouts_read_whole_through_their_tags(
        language in 0..LANGUAGES.len(),
        layout in 0usize..3,
        a4 in any::<bool>(),
        title in words(5),
        summary in words(40),
        items in proptest::collection::vec((words(25), any::<bool>()), 1..4),
        bullets in proptest::collection::vec(words(15), 0..3),
    ) {
        let language = LANGUAGES[language];
        let clinic = std::fs::read_to_string(repo().join("clinic.toml")).unwrap();
        let dir = library(&clinic);
        picture(dir.path(), "ice.png", 30, vec![120; 30 * 20 * 3]);
        let (title_markup, title) = paragraph(language, &title, false);
        let (summary_markup, summary) = paragraph(language, &summary, true);
        let mut text = format!(
            "title = {}\nlanguage = \"{language}\"\nreviewed = 2026-11-01\nsummary = {}\n\
             [[section]]\nkind = \"self-care\"\nstyle = \"numbered\"\n",
            quoted(title_markup.trim_end_matches(['.', '。'])),
            quoted(&summary_markup)
        );
        let mut expected = vec![title.trim_end_matches(['.', '。']).to_string(), summary];
        for (k, (item, with_picture)) in items.iter().enumerate() {
            let (markup, printed) = paragraph(language, item, true);
            text += &format!("[[section.item]]\ntext = {}\n", quoted(&markup));
            if *with_picture {
                text += &format!("image = \"../assets/ice.png\"\nimage_alt = \"Picture {k}\"\n");
            }
            expected.push(printed);
        }
        if !bullets.is_empty() {
            text += "[[section]]\nkind = \"causes\"\nstyle = \"bullets\"\n";
        }
        for item in &bullets {
            let (markup, printed) = paragraph(language, item, true);
            text += &format!("[[section.item]]\ntext = {}\n", quoted(&markup));
            expected.push(printed);
        }
        // In an Arabic paragraph, the full stop after a text of addresses
        // alone is a right-to-left piece, which poppler gives in drawing
        // order, before the address.
        if language == "ar" {
            for e in &mut expected {
                if !e.chars().any(right_to_left) {
                    *e = e.trim_end_matches('.').to_string();
                }
            }
        }
        let file = write(dir.path(), "handouts/h.toml", &text);
        let paper = if a4 { "a4" } else { "letter" };
        let mut args = vec!["--paper", paper];
        args.extend(match layout {
            0 => &[][..],
            1 => &["--large-print"][..],
            _ => &["--layout", "trifold"][..],
        });
        let pdf = dir.path().join("h.pdf");
        let mut run = vec!["build", file.to_str().unwrap(), "-o", pdf.to_str().unwrap()];
        run.extend(&args);
        let out = handout(dir.path(), &run);
        // A trifold too long for its panels is refused, and that is tested elsewhere.
        prop_assume!(out.status.success() || !stderr(&out).contains("does not fit a trifold"));
        prop_assert!(out.status.success(), "{}\n{text}", stderr(&out));
        assert_valid(&pdf);
        let missing = missing_from_tags(&pdf, &expected);
        prop_assert!(missing.is_empty(), "{missing:#?}\n{text}");
        let broken = nonconforming(&pdf);
        prop_assert!(broken.is_empty(), "{broken:#?}\n{text}");
    }
}
