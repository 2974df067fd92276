//! Bad input: each case gets a clear error naming file, line and column, exit
//! status 1, and no PDF is written or changed.

use crate::common::*;

const GOOD: &str = "title = \"Knee pain\"\nreviewed = 2026-11-01\n";

pub(crate) struct Case {
    name: &'static str,
    /// Appended to the minimal clinic profile.
    pub(crate) clinic_extra: &'static str,
    /// The handout file's bytes.
    pub(crate) handout: &'static [u8],
    /// `FILE:LINE:COLUMN: error: ` prefix expected on standard error.
    pub(crate) place: &'static str,
    /// Words the message must contain.
    says: &'static str,
}

pub(crate) const CASES: &[Case] = &[
    Case { name: "toml syntax", clinic_extra: "", handout: b"title = \"Knee\nreviewed = 2026-11-01\n", place: "handouts/h.toml:1:14", says: "this text is not closed" },
    Case { name: "unknown top key", clinic_extra: "", handout: b"titel = \"Knee\"\nreviewed = 2026-11-01\n", place: "handouts/h.toml:1:1", says: "unknown key `titel` (did you mean `title`?)" },
    Case { name: "unknown section key", clinic_extra: "", handout: b"title = \"K\"\nreviewed = 2026-11-01\n[[section]]\nkind = \"causes\"\nheadng = \"x\"\n", place: "handouts/h.toml:5:1", says: "did you mean `heading`?" },
    Case { name: "unknown item key", clinic_extra: "", handout: b"title = \"K\"\nreviewed = 2026-11-01\n[[section]]\nkind = \"causes\"\n[[section.item]]\ntext = \"x\"\nimg = \"a.png\"\n", place: "handouts/h.toml:7:1", says: "unknown key `img`" },
    Case { name: "missing title", clinic_extra: "", handout: b"reviewed = 2026-11-01\n", place: "handouts/h.toml:1:1", says: "required key `title` is missing" },
    Case { name: "missing reviewed", clinic_extra: "", handout: b"title = \"K\"\n", place: "handouts/h.toml:1:1", says: "required key `reviewed` is missing" },
    Case { name: "impossible date", clinic_extra: "", handout: b"title = \"K\"\nreviewed = 2026-02-30\n", place: "handouts/h.toml:2:12", says: "date" },
    Case { name: "date with a time", clinic_extra: "", handout: b"title = \"K\"\nreviewed = 2026-02-03T10:00:00\n", place: "handouts/h.toml:2:12", says: "must be a date like 2026-11-01, without a time" },
    Case { name: "wrong type", clinic_extra: "", handout: b"title = 5\nreviewed = 2026-11-01\n", place: "handouts/h.toml:1:9", says: "`title` must be text in double quotes; here it is the number 5" },
    Case { name: "unknown placeholder", clinic_extra: "", handout: b"title = \"K\"\nreviewed = 2026-11-01\nsummary = \"Call {clinic.phnoe} now\"\n", place: "handouts/h.toml:3:17", says: "unknown placeholder {clinic.phnoe} (did you mean {clinic.phone}?)" },
    Case { name: "placeholder the clinic lacks", clinic_extra: "", handout: b"title = \"K\"\nreviewed = 2026-11-01\nclosing = \"Mail {clinic.email}\"\n", place: "handouts/h.toml:3:17", says: "{clinic.email} is used here but clinic.toml does not set it" },
    Case { name: "lone brace", clinic_extra: "", handout: b"title = \"K {\"\nreviewed = 2026-11-01\n", place: "handouts/h.toml:1:12", says: "write {{ or }} for a literal brace" },
    Case { name: "empty item", clinic_extra: "", handout: b"title = \"K\"\nreviewed = 2026-11-01\n[[section]]\nkind = \"causes\"\n[[section.item]]\n[[section.item]]\ntext = \"x\"\n", place: "handouts/h.toml:5:1", says: "this item has no words" },
    Case { name: "empty text", clinic_extra: "", handout: b"title = \"K\"\nreviewed = 2026-11-01\n[[section]]\nkind = \"causes\"\n[[section.item]]\ntext = \"  \"\n", place: "handouts/h.toml:6:8", says: "this text is empty" },
    Case { name: "unknown section kind", clinic_extra: "", handout: b"title = \"K\"\nreviewed = 2026-11-01\n[[section]]\nkind = \"self_care\"\n", place: "handouts/h.toml:4:8", says: "unknown value `self_care` (did you mean `self-care`?)" },
    Case { name: "unknown style", clinic_extra: "", handout: b"title = \"K\"\nreviewed = 2026-11-01\n[[section]]\nkind = \"causes\"\nstyle = \"numbers\"\n", place: "handouts/h.toml:5:9", says: "did you mean `numbered`?" },
    Case { name: "missing picture", clinic_extra: "", handout: b"title = \"K\"\nreviewed = 2026-11-01\n[[section]]\nkind = \"causes\"\n[[section.item]]\ntext = \"x\"\nimage = \"../assets/none.png\"\nimage_alt = \"x\"\n", place: "handouts/h.toml:7:9", says: "picture `../assets/none.png` cannot be read: no such file" },
    Case { name: "corrupt picture", clinic_extra: "", handout: b"title = \"K\"\nreviewed = 2026-11-01\n[[section]]\nkind = \"causes\"\n[[section.item]]\ntext = \"x\"\nimage = \"../fonts/OFL.txt\"\nimage_alt = \"x\"\n", place: "handouts/h.toml:7:9", says: "is not a PNG or JPEG picture" },
    Case { name: "missing alt text", clinic_extra: "", handout: b"title = \"K\"\nreviewed = 2026-11-01\n[[section]]\nkind = \"causes\"\n[[section.item]]\ntext = \"x\"\nimage = \"../assets/logo.png\"\n", place: "handouts/h.toml:7:9", says: "a picture needs `image_alt`" },
    Case { name: "alt without picture", clinic_extra: "", handout: b"title = \"K\"\nreviewed = 2026-11-01\n[[section]]\nkind = \"causes\"\n[[section.item]]\ntext = \"x\"\nimage_alt = \"x\"\n", place: "handouts/h.toml:7:13", says: "`image_alt` is set but there is no `image`" },
    Case { name: "bad language tag", clinic_extra: "", handout: b"title = \"K\"\nlanguage = \"english please\"\nreviewed = 2026-11-01\n", place: "handouts/h.toml:2:12", says: "is not a language tag" },
    Case { name: "not utf-8", clinic_extra: "", handout: b"title = \"Caf\xe9\"\nreviewed = 2026-11-01\n", place: "handouts/h.toml:1:13", says: "not UTF-8" },
    Case { name: "uncovered character", clinic_extra: "", handout: "title = \"Knee pain 漢\"\nreviewed = 2026-11-01\n".as_bytes(), place: "handouts/h.toml:1:20", says: "no configured font can draw the character U+6F22 \"漢\"" },
    Case { name: "missing translation source", clinic_extra: "", handout: b"title = \"K\"\nreviewed = 2026-11-01\ntranslation_of = \"knee.toml\"\nsource_reviewed = 2026-11-01\n", place: "handouts/h.toml:3:18", says: "the source handout `knee.toml` does not exist" },
    Case { name: "empty file", clinic_extra: "", handout: b"", place: "handouts/h.toml:1:1", says: "required key `title` is missing" },
    Case { name: "bad colour", clinic_extra: "[colors]\nprimary = \"#12345\"\n", handout: GOOD.as_bytes(), place: "clinic.toml:8:11", says: "colour `#12345` is not written as #RRGGBB" },
    Case { name: "bad paper", clinic_extra: "[page]\npaper = \"legal\"\n", handout: GOOD.as_bytes(), place: "clinic.toml:8:9", says: "unknown value `legal`" },
    Case { name: "body too small", clinic_extra: "[page]\nbody_size = 9\n", handout: GOOD.as_bytes(), place: "clinic.toml:8:13", says: "patients need at least 12 pt" },
    Case { name: "unknown clinic key", clinic_extra: "[colours]\nprimary = \"#000000\"\n", handout: GOOD.as_bytes(), place: "clinic.toml:7:2", says: "unknown key `colours` (did you mean `colors`?)" },
    Case { name: "missing fallback font", clinic_extra: "fallback = [\"fonts/Missing.ttf\"]\n", handout: GOOD.as_bytes(), place: "clinic.toml:7:13", says: "font `fonts/Missing.ttf` cannot be read: no such file" },
    Case { name: "corrupt font", clinic_extra: "fallback = [\"fonts/OFL.txt\"]\n", handout: GOOD.as_bytes(), place: "clinic.toml:7:13", says: "font `fonts/OFL.txt` is not a TrueType or OpenType font" },
    Case { name: "language without built-in words", clinic_extra: "", handout: b"title = \"K\"\nlanguage = \"nl\"\nreviewed = 2026-11-01\n", place: "handouts/h.toml:2:12", says: "there are no built-in words for language `nl`; set reviewed, page, contact, prepared_for, note, disclaimer, months, month_year, date under [words]" },
    Case { name: "words missing some", clinic_extra: "", handout: b"title = \"K\"\nlanguage = \"nl\"\nreviewed = 2026-11-01\n[words]\npage = \"P\xc3\xa1gina {page} de {pages}\"\n", place: "handouts/h.toml:4:1", says: "set reviewed, contact, prepared_for" },
    Case { name: "words placeholder", clinic_extra: "", handout: b"title = \"K\"\nreviewed = 2026-11-01\n[words]\npage = \"Page {pagina}\"\n", place: "handouts/h.toml:4:14", says: "`page` cannot fill {pagina}; the words it fills: {page}, {pages}" },
    Case { name: "words months", clinic_extra: "", handout: b"title = \"K\"\nreviewed = 2026-11-01\n[words]\nmonths = [\"enero\"]\n", place: "handouts/h.toml:4:10", says: "`months` must name all twelve months, January first; it has 1" },
    Case { name: "words digits", clinic_extra: "", handout: b"title = \"K\"\nreviewed = 2026-11-01\n[words]\ndigits = \"123456789\"\n", place: "handouts/h.toml:4:10", says: "`digits` must be the ten digits of the language, zero first" },
    Case { name: "unknown words key", clinic_extra: "", handout: b"title = \"K\"\nreviewed = 2026-11-01\n[words]\npgae = \"x\"\n", place: "handouts/h.toml:4:1", says: "unknown key `pgae` (did you mean `page`?)" },
    Case { name: "words no font draws", clinic_extra: "", handout: "title = \"K\"\nreviewed = 2026-11-01\n[words]\ncontact = \"\u{95ee} us\"\n".as_bytes(), place: "handouts/h.toml:4:12", says: "no configured font can draw the character U+95EE" },
    Case { name: "bad fallback entry", clinic_extra: "fallback = [42]\n", handout: GOOD.as_bytes(), place: "clinic.toml:7:13", says: "a font file, or a table with `regular`" },
    Case { name: "fallback family key", clinic_extra: "fallback = [{ regular = \"fonts/NotoSans-Regular.ttf\", blod = \"fonts/NotoSans-Bold.ttf\" }]\n", handout: GOOD.as_bytes(), place: "clinic.toml:7:55", says: "unknown key `blod` (did you mean `bold`?)" },
    Case { name: "fallback family missing face", clinic_extra: "fallback = [{ regular = \"fonts/NotoSans-Regular.ttf\", bold = \"fonts/Nope.ttf\" }]\n", handout: GOOD.as_bytes(), place: "clinic.toml:7:62", says: "font `fonts/Nope.ttf` cannot be read: no such file" },
    Case { name: "disclaimer not text", clinic_extra: "[disclaimer]\nen = 5\n", handout: GOOD.as_bytes(), place: "clinic.toml:8:6", says: "`en` must be text in double quotes; here it is the number 5" },
    Case { name: "empty word", clinic_extra: "", handout: b"title = \"K\"\nreviewed = 2026-11-01\n[words]\ncontact = \" \"\n", place: "handouts/h.toml:4:11", says: "`contact` is empty; leave it out to use the built-in words" },
    Case { name: "missing logo", clinic_extra: "", handout: GOOD.as_bytes(), place: "", says: "" },
];

/// Run one case in a fresh library that already holds a good PDF for the
/// handout, and check the error and that the PDF is untouched.
fn run(case: &Case) {
    let lib = library(&format!("{MINIMAL_CLINIC}{}", case.clinic_extra));
    let handout_path = lib.path().join("handouts/h.toml");
    std::fs::create_dir_all(handout_path.parent().unwrap()).unwrap();
    std::fs::create_dir_all(lib.path().join("out")).unwrap();
    std::fs::write(lib.path().join("out/h.pdf"), b"previous good PDF").unwrap();
    std::fs::write(&handout_path, case.handout).unwrap();

    let out = handout(lib.path(), &["build", "handouts/h.toml"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{}: {err}", case.name);
    let prefix = format!("{}: error: ", case.place);
    assert!(
        err.contains(&prefix),
        "{}: expected {prefix:?} in\n{err}",
        case.name
    );
    assert!(
        err.contains(case.says),
        "{}: expected {:?} in\n{err}",
        case.name,
        case.says
    );
    // The offending line is shown with a caret under the spot.
    assert!(
        err.contains(" | ") && err.contains('^'),
        "{}: no source line in\n{err}",
        case.name
    );
    assert!(!err.contains("panicked"), "{}: {err}", case.name);
    assert_eq!(
        std::fs::read(lib.path().join("out/h.pdf")).unwrap(),
        b"previous good PDF",
        "{}",
        case.name
    );
    let leftovers = std::fs::read_dir(lib.path().join("out")).unwrap().count();
    assert_eq!(leftovers, 1, "{}: files left in out/", case.name);
}

#[test]
fn every_broken_input_is_reported_at_its_place() {
    for case in CASES.iter().filter(|c| !c.place.is_empty()) {
        run(case);
    }
    assert!(CASES.len() >= 25);
}

#[test]
fn a_missing_or_corrupt_logo_points_into_clinic_toml() {
    for (logo, says) in [
        ("assets/nope.png", "cannot be read: no such file"),
        ("fonts/OFL.txt", "is not a PNG or JPEG picture"),
    ] {
        let lib = library(&format!("logo = \"{logo}\"\n{MINIMAL_CLINIC}"));
        write(lib.path(), "handouts/h.toml", GOOD);
        let out = handout(lib.path(), &["build"]);
        assert_eq!(out.status.code(), Some(1));
        let expected = format!("clinic.toml:1:8: error: picture `{logo}` {says}");
        assert!(stderr(&out).contains(&expected), "{}", stderr(&out));
        assert!(!lib.path().join("out").exists());
    }
}

#[test]
fn an_oversized_picture_is_refused_before_decoding() {
    // A tiny PNG whose header claims 20000 × 20000 pixels (1.6 GB decoded).
    let lib = library(MINIMAL_CLINIC);
    let mut png = Vec::new();
    png.extend_from_slice(b"\x89PNG\r\n\x1a\n");
    let mut ihdr = b"IHDR".to_vec();
    ihdr.extend_from_slice(&20_000u32.to_be_bytes());
    ihdr.extend_from_slice(&20_000u32.to_be_bytes());
    ihdr.extend_from_slice(&[8, 6, 0, 0, 0]);
    png.extend_from_slice(&13u32.to_be_bytes());
    png.extend_from_slice(&ihdr);
    png.extend_from_slice(&crc32(&ihdr).to_be_bytes());
    std::fs::write(lib.path().join("assets/huge.png"), &png).unwrap();
    write(
        lib.path(),
        "handouts/h.toml",
        "title = \"K\"\nreviewed = 2026-11-01\n[[section]]\nkind = \"causes\"\n[[section.item]]\ntext = \"x\"\nimage = \"../assets/huge.png\"\nimage_alt = \"x\"\n",
    );
    let out = handout(lib.path(), &["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(
            "handouts/h.toml:7:9: error: picture `../assets/huge.png` is too large to decode safely"
        ),
        "{}",
        stderr(&out)
    );
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xffff_ffffu32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[test]
fn a_batch_builds_the_good_files_and_reports_the_bad() {
    let lib = library(MINIMAL_CLINIC);
    write(lib.path(), "handouts/a.toml", GOOD);
    write(lib.path(), "handouts/b.toml", "title = \"B\"\n");
    write(lib.path(), "handouts/c.toml", GOOD);
    let out = handout(lib.path(), &["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(lib.path().join("out/a.pdf").is_file() && lib.path().join("out/c.pdf").is_file());
    assert!(!lib.path().join("out/b.pdf").exists());
    assert!(
        stderr(&out).contains("handouts/b.toml:1:1: error: required key `reviewed` is missing")
    );
    assert!(stderr(&out).contains("2 built, 1 failed in "));
    // Not a terminal: a plain line per PDF, for logs.
    assert!(
        stderr(&out).contains("built out/a.pdf (1 page)")
            && stderr(&out).contains("built out/c.pdf (1 page)"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn no_clinic_toml_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "h.toml", GOOD);
    let out = handout(dir.path(), &["build", "h.toml"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no clinic.toml in this folder or any folder above it"));
}
