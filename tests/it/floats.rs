//! A warning box kept whole that does not fit what is left of a column
//! floats to the top of the next, while the text after it fills the gap;
//! the tag tree still reads it where the author put it.

use crate::common::*;
use crate::page_use::sheet_use;

/// Causes long enough that the warning box after them does not fit under
/// them, then a short self-care section.
fn handout() -> String {
    let sentence = "Sitting for a long time with your head forward puts strain on the small muscles of your neck and upper back. ";
    let long = sentence.repeat(5);
    let causes = [long.trim(), long.trim(), sentence.repeat(5).trim()].join("\n\n");
    let mut toml = format!(
        "title = \"Float test\"\nreviewed = 2026-11-01\n\n[[section]]\nkind = \"causes\"\nheading = \"Why it hurts\"\nintro = \"\"\"{causes}\"\"\"\n\n[[section]]\nkind = \"warning-signs\"\nintro = \"Call us right away if you have:\"\n"
    );
    for i in 1..=6 {
        toml += &format!(
            "\n  [[section.item]]\n  text = \"Warning sign number {i} that needs a doctor soon.\"\n"
        );
    }
    let walk = "Walk for ten minutes every hour. ".repeat(12);
    toml += &format!(
        "\n[[section]]\nkind = \"self-care\"\nheading = \"Looking after yourself\"\nintro = \"{}\"\n",
        walk.trim()
    );
    toml
}

#[test]
fn a_warning_box_that_does_not_fit_floats_and_the_text_after_fills_the_gap() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "float.toml", &handout());
    let pdf = build(dir.path(), &file, &[]);
    // The box's heading, beside its pictogram, may take two lines.
    let text = text_of(&pdf).replace('\n', " ");
    let at = |s: &str| text.find(s).unwrap_or_else(|| panic!("{s:?} not found"));
    // On paper the self-care section comes first, filling page 1.
    assert!(at("Looking after yourself") < at("When to get help right away"));
    let box_page = text[..at("When to get help right away")]
        .matches('\u{c}')
        .count();
    let last_sign = text[..at("Warning sign number 6")].matches('\u{c}').count();
    assert_eq!(box_page, last_sign, "the box is split");
    assert!(sheet_use(&pdf, 2)[0] >= 0.55, "page 1 is half bare");
    // Read through the tags, the box comes where the author put it.
    let tags = tool("pdfinfo", &["-struct-text", pdf.to_str().unwrap()]);
    let tagged = |s: &str| tags.find(s).unwrap_or_else(|| panic!("{s:?} not tagged"));
    assert!(tagged("When to get") < tagged("Looking after yourself"));
    assert!(tagged("Warning sign number 6") < tagged("Walk for ten minutes"));
}

#[test]
fn what_follows_a_floated_box_is_set_below_it() {
    // A French neck-pain leaflet whose warning box floats to page 2, where
    // the next treatment item was once drawn over the box's foot.
    let dir = tempfile::tempdir().unwrap();
    let fixture = repo().join("tests/fixtures/float-under-box.fr.toml");
    let pdf = build(dir.path(), &fixture, &[]);
    let pages = layout(&pdf);
    let (_, _, lines) = &pages[1];
    let foot = lines
        .iter()
        .position(|l| l.text() == "semaine")
        .expect("the box's last line on page 2");
    let box_end = lines[foot].words.iter().map(|w| w.y1).fold(0.0, f32::max);
    let under = lines
        .iter()
        .find(|l| l.text().starts_with("Kinésithérapie"))
        .expect("the item after the box");
    // The box's padding (12 pt) and a gap lie between its text and what follows.
    assert!(
        under.top() - box_end >= 14.0,
        "text {:.1} pt under the box's last line",
        under.top() - box_end
    );
}

/// A section never goes on after a floated box: on A4 the neck-pain sheet's
/// warning box moves to page 2, and the treatments section that would have
/// filled the gap (its heading at the foot of page 1, its list under the
/// box, where it read as warning signs) follows the box whole instead.
#[test]
fn a_floated_box_never_comes_between_a_section_and_its_rest() {
    let dir = tempfile::tempdir().unwrap();
    for name in [
        "neck-pain-at-your-desk.toml",
        "neck-pain-at-your-desk.ru.toml",
    ] {
        let file = repo().join("handouts").join(name);
        let pdf = build(dir.path(), &file, &["--paper", "a4"]);
        let pages = layout(&pdf);
        let page_of = |start: &str| {
            pages
                .iter()
                .position(|(_, _, lines)| {
                    lines.iter().any(|l| squeezed(&l.text()).starts_with(start))
                })
                .unwrap_or_else(|| panic!("{name}: no line starts {start:?}"))
        };
        let words = words(if name.contains(".ru.") { "ru" } else { "en" });
        let heading = words["treatments"]
            .as_str()
            .unwrap()
            .replace("{clinic}", "");
        let heading = squeezed(heading.trim());
        let first_item = if name.contains(".ru.") {
            "Лечебнаяфизкультура"
        } else {
            "Physicaltherapy"
        };
        assert_eq!(
            page_of(&heading),
            page_of(first_item),
            "{name}: the treatments split around the box"
        );
    }
}
