//! Fonts a handout does not use cost nothing: fallback families are read one
//! at a time, when a text needs them, by `build` and by `check` alike.
//!
//! The clinic here falls back to Noto Sans, then to Noto Sans Arabic with
//! every width zeroed, a fault that only reading the whole font finds: the
//! Arabic face is reported exactly when a handout needs it.

use crate::common::*;
use std::path::Path;

/// The face `file` of fonts/ with its `hmtx` table (letter widths) all zeros.
pub fn widthless(file: &str) -> Vec<u8> {
    let mut font = std::fs::read(repo().join("fonts").join(file)).unwrap();
    let u32_at = |f: &[u8], i: usize| u32::from_be_bytes(f[i..i + 4].try_into().unwrap()) as usize;
    let tables = usize::from(u16::from_be_bytes([font[4], font[5]]));
    let record = (0..tables)
        .map(|i| 12 + 16 * i)
        .find(|&r| &font[r..r + 4] == b"hmtx")
        .expect("the font has widths");
    let (at, len) = (u32_at(&font, record + 8), u32_at(&font, record + 12));
    font[at..at + len].fill(0);
    font
}

fn library_with_bad_arabic(title: &str) -> tempfile::TempDir {
    let lib = library(&format!(
        "{MINIMAL_CLINIC}fallback = [\"fonts/NotoSans-Regular.ttf\", \"fonts/Arabic.ttf\"]\n"
    ));
    std::fs::write(
        lib.path().join("fonts/Arabic.ttf"),
        widthless("NotoSansArabic-Regular.ttf"),
    )
    .unwrap();
    write(
        lib.path(),
        "handouts/h.toml",
        &format!("title = \"{title}\"\nreviewed = 2026-11-01\n"),
    );
    lib
}

fn output(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let out = handout(dir, args);
    let text = String::from_utf8_lossy(&out.stdout).into_owned() + &stderr(&out);
    (out.status.code(), text)
}

#[test]
fn english_and_vietnamese_handouts_never_read_the_arabic_fallback() {
    for title in ["Knee pain", "Đau lưng"] {
        let lib = library_with_bad_arabic(title);
        for args in [&["check"][..], &["build"]] {
            let (status, text) = output(lib.path(), args);
            assert_eq!(status, Some(0), "{title}, {args:?}: {text}");
            assert!(!text.contains("Arabic.ttf"), "{title}, {args:?}: {text}");
        }
    }
}

#[test]
fn a_handout_that_needs_the_fallback_reads_it_and_gets_its_fault() {
    let lib = library_with_bad_arabic("ألم الرقبة");
    for args in [&["check"][..], &["build"]] {
        let (status, text) = output(lib.path(), args);
        assert_eq!(status, Some(1), "{args:?}: {text}");
        assert!(
            text.contains("clinic.toml:7:")
                && text.contains("font `fonts/Arabic.ttf` is damaged")
                && text.contains("no width"),
            "{args:?}: {text}"
        );
    }
}

/// A clinic lists its Chinese face before its Japanese one, and the Chinese
/// face here is damaged in a way only reading it whole finds: a Japanese
/// handout never reads it (the Japanese face says it serves Japanese), and
/// a Chinese one does, and says so.
#[test]
fn a_japanese_handout_never_reads_a_chinese_face_listed_before_its_own() {
    let lib = library(&format!(
        "{MINIMAL_CLINIC}fallback = [\"fonts/Chinese.otf\", \"fonts/NotoSansCJKjp-Regular.otf\"]\n"
    ));
    std::fs::write(
        lib.path().join("fonts/Chinese.otf"),
        widthless("NotoSansCJKsc-Regular.otf"),
    )
    .unwrap();
    for (language, title, good) in [
        ("ja", "首の痛みを和らげる", true),
        ("zh-Hans", "颈部疼痛", false),
    ] {
        let text =
            format!("title = \"{title}\"\nlanguage = \"{language}\"\nreviewed = 2026-11-01\n");
        write(lib.path(), "handouts/h.toml", &text);
        for args in [&["check"][..], &["build"]] {
            let (status, said) = output(lib.path(), args);
            let read = said.contains("Chinese.otf");
            assert_eq!(read, !good, "{language}, {args:?}: {said}");
            assert_eq!(
                status,
                Some(if good { 0 } else { 1 }),
                "{language}, {args:?}: {said}"
            );
        }
    }
}
