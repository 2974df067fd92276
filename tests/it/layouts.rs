//! The trifold brochure and large print, checked from the PDFs themselves.

use crate::common::*;

/// Within this of a fold, nothing may be printed (the rule).
const FOLD_CLEARANCE: f32 = 9.0;

fn short_sample() -> std::path::PathBuf {
    repo().join("handouts/neck-pain-at-your-desk.toml")
}

#[test]
fn a_trifold_is_two_landscape_pages_with_every_word_in_one_panel() {
    for paper in ["letter", "a4"] {
        let dir = tempfile::tempdir().unwrap();
        let pdf = build(
            dir.path(),
            &short_sample(),
            &["--layout", "trifold", "--paper", paper],
        );
        let pages = layout(&pdf);
        assert_eq!(pages.len(), 2, "{paper}");
        let mut words = 0;
        for (p, (w, h, lines)) in pages.iter().enumerate() {
            assert!(w > h, "{paper} page {} is not landscape", p + 1);
            let folds = folds(*w, p == 1);
            for word in lines.iter().flat_map(|l| &l.words) {
                words += 1;
                for fold in folds {
                    let clear =
                        word.x1 <= fold - FOLD_CLEARANCE || word.x0 >= fold + FOLD_CLEARANCE;
                    assert!(
                        clear,
                        "{paper} page {}: {word:?} is within {FOLD_CLEARANCE} pt of the fold at {fold}",
                        p + 1
                    );
                }
                let inside = word.x0 >= 18.0
                    && word.x1 <= w - 18.0
                    && word.y0 >= 18.0
                    && word.y1 <= h - 18.0;
                assert!(
                    inside,
                    "{paper} page {}: {word:?} is too near the edge",
                    p + 1
                );
            }
        }
        assert!(words > 300, "only {words} words");
        let size = info_value(&pdf, "Page size");
        assert!(
            size.starts_with(if paper == "a4" {
                "841.89 x 595.276"
            } else {
                "792 x 612"
            }),
            "{size}"
        );
    }
}

#[test]
fn the_front_cover_holds_the_title_and_the_text_reads_in_fold_order() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = build(dir.path(), &short_sample(), &["--layout", "trifold"]);
    let pages = layout(&pdf);
    let (w, _, outside) = &pages[0];
    let cover_left = folds(*w, false)[1];
    let on_cover: String = outside
        .iter()
        .filter(|l| l.words[0].x0 > cover_left)
        .map(|l| l.text())
        .collect::<Vec<_>>()
        .join(" ");
    for words in [
        "Neck Pain",
        "at Your Desk",
        "Simple ways to",
        "Gramercy Pain Center",
    ] {
        assert!(
            on_cover.contains(words),
            "{words:?} not on the cover: {on_cover}"
        );
    }
    let back: String = outside
        .iter()
        .filter(|l| l.words[0].x0 > folds(*w, false)[0] && l.words[0].x0 < cover_left)
        .map(|l| l.text())
        .collect::<Vec<_>>()
        .join(" ");
    for words in [
        "Contact us",
        "(212) 555-0147",
        "Reviewed November 2026",
        "does not replace advice",
    ] {
        assert!(back.contains(words), "{words:?} not on the back: {back}");
    }
    // Inside, left to right: the main message starts and the call to action
    // ends the body; the warning signs, set apart, fill the flap (the
    // outside page's left panel) the short text does not reach.
    let (w, _, inside) = &pages[1];
    let panel_of = |x: f32| folds(*w, true).iter().filter(|f| x > **f).count();
    let first = inside
        .iter()
        .find(|l| l.text().starts_with("Neck pain is common"))
        .expect("the summary");
    assert_eq!(panel_of(first.words[0].x0), 0);
    let call = inside
        .iter()
        .find(|l| l.text().ends_with("book a visit."))
        .expect("the call to action");
    assert_eq!(panel_of(call.words[0].x0), 2);
    let flap: Vec<String> = outside
        .iter()
        .filter(|l| l.words[0].x1 < folds(*w, false)[0])
        .map(|l| l.text())
        .collect();
    assert!(
        flap.first().is_some_and(|l| l.starts_with("When to get")),
        "the warning box should open the flap: {flap:?}"
    );
    assert!(
        flap.join(" ").ends_with("Pain that lasts more than a week"),
        "{flap:?}"
    );
}

#[test]
fn a_handout_too_long_for_a_trifold_fails_and_says_by_how_much() {
    let lib = library(MINIMAL_CLINIC);
    std::fs::copy(sample(), lib.path().join("long.toml")).unwrap();
    let text = std::fs::read_to_string(lib.path().join("long.toml"))
        .unwrap()
        .replace("{clinic.phone}", "us");
    std::fs::write(lib.path().join("long.toml"), text).unwrap();
    let out = handout(lib.path(), &["build", "long.toml", "--layout", "trifold"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("long.toml:1:1: error: this handout does not fit a trifold, even with body text at 10.5 pt: about"), "{err}");
    assert!(
        err.contains("lines (") && err.contains("%) too long"),
        "{err}"
    );
    assert!(!lib.path().join("out").exists(), "nothing may be written");
}

#[test]
fn large_print_sets_body_text_at_18_pt_and_drops_italics() {
    let lib = library(MINIMAL_CLINIC);
    let file = write(
        lib.path(),
        "handouts/lp.toml",
        "title = \"Large\"\nreviewed = 2026-11-01\nsummary = \"Rest *gently* and measure me.\"\n[[section]]\nkind = \"self-care\"\n[[section.item]]\ntext = \"Walk *every* day.\"\n",
    );
    let run = |extra: &[&str]| {
        let mut args = vec!["build", file.to_str().unwrap()];
        args.extend_from_slice(extra);
        let out = handout(lib.path(), &args);
        assert!(out.status.success(), "{}", stderr(&out));
    };
    run(&[]);
    run(&["--large-print"]);
    let normal = lib.path().join("out/lp.pdf");
    let large = lib.path().join("out/lp.large.pdf");
    assert_valid(&large);
    let height = |pdf: &std::path::Path, text: &str| {
        let pages = layout(pdf);
        let word = pages[0]
            .2
            .iter()
            .flat_map(|l| &l.words)
            .find(|w| w.text == text)
            .unwrap()
            .clone();
        word.y1 - word.y0
    };
    // The minimal clinic sets 12 pt; large print sets 18 pt or more.
    for word in ["measure", "Walk"] {
        let ratio = height(&large, word) / height(&normal, word);
        assert!(ratio >= 18.0 / 12.0 - 0.02, "{word}: {ratio}");
    }
    // Nothing smaller than 14 pt anywhere (footer, disclaimer included).
    let raw = uncompressed(&large);
    let sizes: Vec<f32> = raw
        .lines()
        .filter(|l| l.ends_with(" Tf"))
        .filter_map(|l| l.split_whitespace().nth(1)?.parse().ok())
        .collect();
    assert!(!sizes.is_empty());
    assert!(sizes.iter().all(|s| *s >= 14.0), "{sizes:?}");
    let faces: Vec<String> = fonts(&large).into_iter().map(|f| f.0).collect();
    assert!(faces.iter().all(|f| !f.contains("Italic")), "{faces:?}");
    assert!(
        fonts(&normal).iter().any(|f| f.0.contains("Italic")),
        "the normal build should use italics"
    );
}

#[test]
fn large_print_with_a_trifold_is_a_usage_error() {
    let out = handout(
        &repo(),
        &[
            "build",
            "--large-print",
            "--layout",
            "trifold",
            "-o",
            "/nonexistent/x.pdf",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("large print needs room a trifold does not have"));
}

#[test]
fn layouts_name_their_files_in_the_output_folder() {
    let lib = library(MINIMAL_CLINIC);
    write(
        lib.path(),
        "handouts/short.toml",
        "title = \"Short\"\nreviewed = 2026-11-01\nsummary = \"Rest.\"\n",
    );
    for args in [
        &["build", "--layout", "trifold"][..],
        &["build", "--large-print"],
        &["build"],
    ] {
        let out = handout(lib.path(), args);
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let mut names: Vec<String> = std::fs::read_dir(lib.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["short.large.pdf", "short.pdf", "short.trifold.pdf"]);
}

/// The short sample with `extra` more sentences in a section of its own.
fn padded_short_sample(extra: usize) -> String {
    let base = std::fs::read_to_string(short_sample()).unwrap();
    let sentence = "Walk for ten minutes after lunch to ease a stiff neck. ";
    format!(
        "{}\n[[section]]\nkind = \"text\"\nheading = \"More to try\"\nintro = \"{}\"\n",
        base.replace("{clinic.phone}", "us"),
        sentence.repeat(extra).trim_end()
    )
}

#[test]
fn a_trifold_steps_its_body_down_in_half_points_and_says_so() {
    let lib = library(MINIMAL_CLINIC);
    let mut said = None;
    // About 400 words and 11 more a sentence: 1,100 to 1,500 words.
    for extra in [60, 70, 80, 90, 100] {
        write(lib.path(), "neck.toml", &padded_short_sample(extra));
        let out = handout(lib.path(), &["build", "neck.toml", "--layout", "trifold"]);
        if out.status.success() && stderr(&out).contains("body text at") {
            said = Some(stderr(&out));
            let pdf = lib.path().join("out/neck.trifold.pdf");
            assert_valid(&pdf);
            // Nothing is lost at the smaller size.
            assert!(normalize(&text_of(&pdf)).contains("Walk for ten minutes after lunch"));
            break;
        }
    }
    let said = said.expect("some length steps the body down");
    let size: f32 = said
        .split("body text at ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|size| size.parse().ok())
        .unwrap_or_else(|| panic!("{said}"));
    assert!(
        (10.5..12.0).contains(&size) && (size * 2.0).fract() == 0.0,
        "{said}"
    );
    assert!(said.contains("pt to fit the trifold"), "{said}");
    // `check` says the same, from the same fit.
    let checked = stderr(&handout(lib.path(), &["check", "neck.toml"]));
    let cut = said.split("to fit the trifold").nth(1).unwrap();
    let cut = cut.split(')').next().unwrap();
    assert!(
        checked.contains(&format!(
            "warning: as a trifold, the body text would be set at {size} pt to fit{cut}\n"
        )),
        "{checked}\nnot as the build said: {said}"
    );
}

#[test]
fn a_disclaimer_too_long_for_the_back_panel_is_an_error_at_its_line() {
    let notice = "This leaflet gives general information and does not replace advice. ".repeat(40);
    let lib = library(&format!("disclaimer = \"{notice}\"\n{MINIMAL_CLINIC}"));
    write(lib.path(), "neck.toml", &padded_short_sample(0));
    let out = handout(lib.path(), &["build", "neck.toml", "--layout", "trifold"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("clinic.toml:1:14: error: the trifold's back panel cannot hold"),
        "{err}"
    );
    assert!(
        err.contains("lines too long; shorten the disclaimer"),
        "{err}"
    );
    assert!(!lib.path().join("out").exists(), "nothing may be written");
    // As a sheet the same handout builds: the disclaimer flows like text.
    let out = handout(lib.path(), &["build", "neck.toml"]);
    assert!(out.status.success(), "{}", stderr(&out));
}
