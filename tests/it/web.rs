//! The web page (`build --format html`): every sample and a patient copy of
//! it, in every language, read in headless Chromium (Debian's package)
//! with axe-core (tests/web/check.js, run with node): no WCAG 2.x A or AA
//! violation in the light or dark scheme or at 320 CSS px, no sideways
//! scrolling at 320 px, no request and no script, and the page's language,
//! headings and text as the handout has them.

use crate::common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The browser's report on each of `pages` (see tests/web/check.js).
fn browser_reports(pages: &[PathBuf]) -> Vec<Value> {
    let web = repo().join("tests/web");
    assert!(
        web.join("node_modules/axe-core").is_dir(),
        "the page checks need `npm ci` in tests/web and the chromium package (bash .ci/run installs both)"
    );
    let out = Command::new("node")
        .arg(web.join("check.js"))
        .args(pages)
        .output()
        .expect("node runs (bash .ci/run installs it)");
    assert!(out.status.success(), "{}", stderr(&out));
    let reports: Vec<Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(reports.len(), pages.len());
    reports
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap_or_default().to_string())
        .collect()
}

/// What the browser found wrong that no page may have.
fn faults(report: &Value) -> Vec<String> {
    let mut faults = Vec::new();
    for key in ["violations", "darkViolations", "narrowViolations"] {
        if report[key].as_array().is_some_and(|v| !v.is_empty()) {
            faults.push(format!("{key}: {:#}", report[key]));
        }
    }
    let narrow = &report["narrow"];
    if narrow["scrollWidth"].as_f64() > narrow["clientWidth"].as_f64() {
        faults.push(format!("scrolls sideways at 320 px: {narrow}"));
    }
    if report["requests"].as_array().is_none_or(|r| !r.is_empty()) {
        faults.push(format!("requests: {}", report["requests"]));
    }
    if report["scripts"].as_u64() != Some(0) {
        faults.push(format!("scripts: {}", report["scripts"]));
    }
    faults
}

/// The handout's language tag, as its file says.
fn language_of(file: &Path) -> String {
    let doc: toml::Table = toml::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    doc.get("language")
        .and_then(|l| l.as_str())
        .unwrap_or("en")
        .to_string()
}

/// Every check a leaflet's page must pass, for the handout `file`.
fn assert_leaflet(file: &Path, page: &Path, report: &Value) {
    let name = page.display();
    let faults = faults(report);
    assert!(faults.is_empty(), "{name}:\n{}", faults.join("\n"));
    let language = language_of(file);
    assert_eq!(report["lang"], language.as_str(), "{name}");
    let dir = if language == "ar" { "rtl" } else { "ltr" };
    assert_eq!(report["dir"], dir, "{name}");
    assert_eq!(
        strings(&report["landmarks"]),
        ["header", "main", "footer"],
        "{name}"
    );
    // One h1, the title; an h2 per section, in order.
    let texts = expected_texts(file, &language);
    assert_eq!(strings(&report["h1"]), [texts[0].clone()], "{name}");
    let doc: toml::Table = toml::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    let words = words(&language);
    let h2 = strings(&report["h2"]);
    let mut at = 0;
    for section in doc["section"].as_array().unwrap() {
        let heading = &section_texts(section, &words)[0];
        match h2[at..].iter().position(|h| h.ends_with(heading.as_str())) {
            Some(i) => at += i + 1,
            None => panic!("{name}: no h2 {heading:?} in order in {h2:?}"),
        }
    }
    // The warning box is announced as urgent, in the handout's language.
    assert_eq!(
        strings(&report["urgent"]),
        [words["urgent"].as_str().unwrap()],
        "{name}"
    );
    // Every word of the handout, in order.
    let text = squeezed(report["text"].as_str().unwrap());
    let mut from = 0;
    for expected in &texts {
        let expected = squeezed(expected);
        match text[from..].find(&expected) {
            Some(i) => from += i + expected.len(),
            None => panic!("{name}: {expected:?} is missing or out of order"),
        }
    }
    assert!(
        strings(&report["tel"]).contains(&"tel:2125550147".to_string()),
        "{name}: no tel: link to the clinic"
    );
    assert!(report["lists"].as_u64() > Some(1), "{name}: real lists");
    assert!(
        strings(&report["svgs"])
            .iter()
            .any(|s| s.contains("example.org/book")),
        "{name}: the booking code's name"
    );
    assert!(strings(&report["images"]).len() == 1, "{name}: the logo");
    assert_pictograms(&doc, report, &name.to_string());
    // Chinese is set flush to the character grid, as in the PDF.
    let align = if language.starts_with("zh") {
        "justify"
    } else {
        "start"
    };
    assert_eq!(report["textAlign"], align, "{name}");
    assert!(
        report["smallestText"].as_f64() >= Some(16.0),
        "{name}: text under 16 px"
    );
}

/// The handout's pictograms (`icon` on sections and items), the warning
/// box's and the contact block's, each inline SVG drawn at a readable size,
/// hidden beside words or named when alone.
fn assert_pictograms(doc: &toml::Table, report: &Value, name: &str) {
    let sections = doc["section"].as_array().unwrap();
    let mut expected = 1; // the phone beside "Contact us"
    for section in sections {
        let warns = section.get("kind").and_then(|k| k.as_str()) == Some("warning-signs");
        expected += usize::from(section.get("icon").is_some() || warns);
        let items = section.get("item").and_then(|i| i.as_array());
        expected += items.map_or(0, |i| i.iter().filter(|i| i.get("icon").is_some()).count());
    }
    let drawn = report["pictograms"].as_array().unwrap();
    assert_eq!(drawn.len(), expected, "{name}: pictograms {drawn:?}");
    for p in drawn {
        assert!(p["paths"].as_u64() > Some(0), "{name}: an empty pictogram");
        assert!(
            p["width"].as_f64() >= Some(24.0),
            "{name}: a pictogram under 24 px"
        );
        let named = p["label"].as_str().is_some_and(|l| !l.trim().is_empty());
        assert!(p["hidden"].as_bool() == Some(true) || named, "{name}: {p}");
    }
}

#[test]
fn every_sample_and_patient_copy_is_an_accessible_page_in_every_language() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("out");
    let clinic = repo().join("clinic.toml");
    let (clinic, out) = (clinic.to_str().unwrap(), out_dir.to_str().unwrap());
    let handouts = repo().join("handouts");
    let folder = ["build", handouts.to_str().unwrap(), "--clinic", clinic];
    let run = handout(
        dir.path(),
        &[&folder[..], &["--format", "html", "--out-dir", out]].concat(),
    );
    assert!(run.status.success(), "{}", stderr(&run));
    let samples = sample_handouts();
    let mut pages = Vec::new();
    for file in &samples {
        let args = [
            "build",
            file.to_str().unwrap(),
            "--clinic",
            clinic,
            "--format",
            "html",
            "--out-dir",
            out,
            "--patient",
            "Jane Doe",
            "--note",
            "Take the **stretches** slowly.",
        ];
        let run = handout(dir.path(), &args);
        assert!(run.status.success(), "{}", stderr(&run));
        let stem = file.file_stem().unwrap().to_string_lossy();
        pages.push(out_dir.join(format!("{stem}.html")));
        pages.push(out_dir.join(format!("{stem}.patient.html")));
    }
    pages.push(out_dir.join("index.html"));
    let reports = browser_reports(&pages);
    for (i, file) in samples.iter().enumerate() {
        let (shared, copy) = (&reports[2 * i], &reports[2 * i + 1]);
        assert_leaflet(file, &pages[2 * i], shared);
        assert_leaflet(file, &pages[2 * i + 1], copy);
        let text = copy["text"].as_str().unwrap();
        assert!(
            text.contains("Jane Doe") && text.contains("Take the stretches slowly."),
            "{text}"
        );
        assert!(!shared["text"].as_str().unwrap().contains("Jane Doe"));
        // A Latin-script page, its fonts and logo included, stays small.
        let size = std::fs::metadata(&pages[2 * i]).unwrap().len();
        if ["en", "es", "vi"].contains(&language_of(file).as_str()) {
            assert!(size < 200_000, "{}: {size} bytes", pages[2 * i].display());
        }
    }
    // The index: every leaflet by its title, in its language.
    let index = reports.last().unwrap();
    let faults = faults(index);
    assert!(faults.is_empty(), "index.html:\n{}", faults.join("\n"));
    assert_eq!(strings(&index["h1"]), ["Gramercy Pain Center"]);
    let links = strings(&index["links"]);
    let text = index["text"].as_str().unwrap();
    for file in &samples {
        let stem = file.file_stem().unwrap().to_string_lossy();
        assert!(links.contains(&format!("{stem}.html")), "{links:?}");
        let title = &expected_texts(file, &language_of(file))[0];
        assert!(text.contains(title.as_str()), "{title} not in the index");
        let language = words(&language_of(file))["language_name"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(text.contains(&language), "{language} not in the index");
    }
    assert!(
        strings(&index["foreign"]).contains(&"ar".to_string()),
        "each title is marked with its language"
    );
}

#[test]
fn formats_name_their_files_and_replace_only_their_own() {
    let lib = library(MINIMAL_CLINIC);
    write(
        lib.path(),
        "handouts/knee.toml",
        "title = \"Knee care\"\nreviewed = 2026-11-01\n[[section]]\nkind = \"warning-signs\"\n\
         intro = \"Call us if it swells.\"\n",
    );
    let dir = lib.path();
    let ok = |args: &[&str]| {
        let run = handout(dir, args);
        assert!(run.status.success(), "{args:?}: {}", stderr(&run));
        stderr(&run)
    };
    let said = ok(&["build", "--format", "pdf,html", "--layout", "trifold"]);
    assert!(
        said.contains("built out/knee.trifold.pdf (2 pages)\nbuilt out/knee.html\n"),
        "{said}"
    );
    assert_valid(&dir.join("out/knee.trifold.pdf"));
    assert!(
        dir.join("out/index.html").is_file(),
        "a folder gets an index"
    );
    let page = std::fs::read_to_string(dir.join("out/knee.html")).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\" dir=\"ltr\">"));
    assert!(page.contains("<h1>Knee care</h1>") && !page.contains("<script"));
    // -o FILE.html is a web page; no PDF is written beside it, nor an index.
    ok(&["build", "handouts/knee.toml", "-o", "one.html"]);
    assert!(
        std::fs::read_to_string(dir.join("one.html"))
            .unwrap()
            .contains("Knee care")
    );
    assert!(!dir.join("one.pdf").exists() && !dir.join("index.html").exists());
    // Both formats with -o: the other takes the same name.
    ok(&[
        "build",
        "handouts/knee.toml",
        "--format",
        "html,pdf",
        "-o",
        "two.pdf",
    ]);
    assert_valid(&dir.join("two.pdf"));
    assert!(dir.join("two.html").is_file());
    // A page this tool wrote is replaced; one someone wrote is not.
    ok(&["build", "handouts/knee.toml", "-o", "one.html"]);
    write(
        dir,
        "mine.html",
        "<!DOCTYPE html>\n<html><p>The clinic's own page</p></html>\n",
    );
    let refused = handout(dir, &["build", "handouts/knee.toml", "-o", "mine.html"]);
    assert_eq!(refused.status.code(), Some(2));
    assert_says(
        &refused,
        "-o mine.html: this file exists and is not a PDF or web page this tool wrote",
    );
    assert!(
        std::fs::read_to_string(dir.join("mine.html"))
            .unwrap()
            .contains("clinic's own")
    );
}

#[test]
fn a_language_without_urgent_words_must_set_them_for_a_page() {
    let lib = library(MINIMAL_CLINIC);
    let words = "[words]\nreviewed = \"Herzien {date}\"\npage = \"Pagina {page} van {pages}\"\n\
                 contact = \"Contact\"\nprepared_for = \"Voor {name}, {date}\"\nnote = \"Notitie\"\n\
                 disclaimer = \"Deze folder geeft algemene informatie.\"\nmonth_year = \"{month} {year}\"\n\
                 date = \"{day} {month} {year}\"\nmonths = [\"januari\", \"februari\", \"maart\", \
                 \"april\", \"mei\", \"juni\", \"juli\", \"augustus\", \"september\", \"oktober\", \
                 \"november\", \"december\"]\n";
    let handout_text = format!(
        "title = \"Knie\"\nlanguage = \"nl\"\nreviewed = 2026-11-01\n[[section]]\n\
         kind = \"warning-signs\"\nheading = \"Wanneer hulp vragen\"\nintro = \"Bel ons als het opzwelt.\"\n{words}"
    );
    write(lib.path(), "handouts/knie.toml", &handout_text);
    // The PDF needs no such words.
    let pdf = handout(lib.path(), &["build"]);
    assert!(pdf.status.success(), "{}", stderr(&pdf));
    let page = handout(lib.path(), &["build", "--format", "html"]);
    assert_eq!(page.status.code(), Some(1));
    assert_says(
        &page,
        "handouts/knie.toml:8:1: error: the web page tells screen reader users that the warning \
         box is urgent, but there are no built-in words for language `nl`; set `urgent` under [words]",
    );
    assert!(!lib.path().join("out/knie.html").exists());
    // With them, it builds.
    write(
        lib.path(),
        "handouts/knie.toml",
        &format!("{handout_text}urgent = \"Dringend advies:\"\n"),
    );
    let page = handout(lib.path(), &["build", "--format", "html"]);
    assert!(page.status.success(), "{}", stderr(&page));
    let html = std::fs::read_to_string(lib.path().join("out/knie.html")).unwrap();
    assert!(
        html.contains(
            "<span class=\"visually-hidden\">Dringend advies: </span>Wanneer hulp vragen"
        )
    );
}

#[test]
fn an_items_picture_is_inside_the_page_with_its_alternative_text() {
    let lib = library(MINIMAL_CLINIC);
    write(
        lib.path(),
        "handouts/stretch.toml",
        "title = \"Stretches\"\nreviewed = 2026-11-01\n[[section]]\nkind = \"self-care\"\n\
         [[section.item]]\ntitle = \"Shoulder stretch\"\ntext = \"Hold it for ten seconds.\"\n\
         image = \"../assets/logo.png\"\nimage_alt = \"A person stretching one shoulder\"\n",
    );
    let run = handout(
        lib.path(),
        &["build", "handouts/stretch.toml", "-o", "stretch.html"],
    );
    assert!(run.status.success(), "{}", stderr(&run));
    let page = lib.path().join("stretch.html");
    let html = std::fs::read_to_string(&page).unwrap();
    let item = html.split("<li>").nth(1).expect("a list item");
    assert!(
        item.starts_with("<img class=\"figure\" src=\"data:image/png;base64,")
            && item.contains("alt=\"A person stretching one shoulder\""),
        "{item}"
    );
    let report = &browser_reports(&[page])[0];
    let faults = faults(report);
    assert!(faults.is_empty(), "{}", faults.join("\n"));
    assert_eq!(
        strings(&report["images"]),
        ["A person stretching one shoulder"]
    );
}

#[test]
fn a_leaflet_named_index_keeps_its_page() {
    let lib = library(MINIMAL_CLINIC);
    for name in ["index", "knee"] {
        let text = format!("title = \"{name} care\"\nreviewed = 2026-11-01\n");
        write(lib.path(), &format!("handouts/{name}.toml"), &text);
    }
    let run = handout(lib.path(), &["build", "--format", "html"]);
    assert!(run.status.success(), "{}", stderr(&run));
    assert_says(
        &run,
        "no index.html written: a handout named index.toml has that name",
    );
    let page = std::fs::read_to_string(lib.path().join("out/index.html")).unwrap();
    assert!(page.contains("<h1>index care</h1>"), "{page}");
}

/// `[web] fonts = "system"`: the page names the reader's own fonts and
/// embeds none, so it is far smaller, and is as accessible; an unknown
/// choice is an error at its clinic.toml line.
#[test]
fn a_clinic_may_ask_for_the_readers_own_fonts() {
    let lib = library(&format!("{MINIMAL_CLINIC}[web]\nfonts = \"system\"\n"));
    let text = "title = \"Knee care\"\nreviewed = 2026-11-01\n\
                [[section]]\nkind = \"self-care\"\n[[section.item]]\ntitle = \"Rest\"\n\
                text = \"Rest your knee for a day or two.\"\n";
    write(lib.path(), "handouts/knee.toml", text);
    let run = handout(lib.path(), &["build", "--format", "html"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let page = lib.path().join("out/knee.html");
    let system = std::fs::read_to_string(&page).unwrap();
    assert!(!system.contains("@font-face") && !system.contains("font/woff2"));
    assert!(system.contains("--font:system-ui,"), "no system stack");
    let report = &browser_reports(std::slice::from_ref(&page))[0];
    let faults = faults(report);
    assert!(faults.is_empty(), "{}", faults.join("\n"));

    let embedded = library(MINIMAL_CLINIC);
    write(embedded.path(), "handouts/knee.toml", text);
    let run = handout(embedded.path(), &["build", "--format", "html"]);
    assert!(run.status.success(), "{}", stderr(&run));
    let fonts = std::fs::read_to_string(embedded.path().join("out/knee.html")).unwrap();
    assert!(fonts.contains("@font-face") && fonts.contains("font/woff2"));
    assert!(
        system.len() * 2 < fonts.len(),
        "{} vs {}",
        system.len(),
        fonts.len()
    );

    let wrong = library(&format!("{MINIMAL_CLINIC}[web]\nfonts = \"cloud\"\n"));
    write(wrong.path(), "handouts/knee.toml", text);
    let run = handout(wrong.path(), &["build", "--format", "html"]);
    assert_eq!(run.status.code(), Some(1));
    assert_says(&run, "clinic.toml:8:9: error:");
    assert_says(&run, "embedded, system");
}
