//! No input makes handout panic: arbitrary text in every text field, arbitrary
//! bytes as a handout, a picture or a font. Property tests with a bounded
//! number of cases, so CI stays fast.

use handout::build::{BuildOptions, build_pdf};
use handout::date::Date;
use handout::model::{Clinic, Paper, load_clinic};
use handout::picture::Picture;
use handout::text::Face;
use proptest::prelude::*;
use std::sync::OnceLock;

fn clinic() -> &'static Clinic {
    static CLINIC: OnceLock<Clinic> = OnceLock::new();
    CLINIC.get_or_init(|| {
        load_clinic(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("clinic.toml")).unwrap()
    })
}

/// Build `bytes` as a handout file: the problems, if it did not build. Any
/// outcome but a panic is fine.
fn build_text(bytes: &[u8]) -> Result<(), String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.toml");
    std::fs::write(&path, bytes).unwrap();
    let options = BuildOptions {
        allow_expired: true,
        ..BuildOptions::sheet(Paper::Letter, Date::new(2026, 11, 24).unwrap())
    };
    match build_pdf(&path, clinic(), &options) {
        Ok(built) => {
            assert!(built.bytes.starts_with(b"%PDF-"));
            Ok(())
        }
        Err(diags) => Err(diags
            .iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join("\n")),
    }
}

/// A TOML basic string holding `s`.
fn quoted(s: &str) -> String {
    let mut out = String::from('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn any_unicode_in_a_field_is_built_or_refused_cleanly(title in "\\PC{1,40}", body in "\\PC{0,300}") {
        let text = format!("title = {}\nreviewed = 2026-11-01\nsummary = {}\n", quoted(&title), quoted(&body));
        let _ = build_text(text.as_bytes());
    }

    /// Text the fonts cover, markup characters included but no braces (which
    /// would be placeholders): every such handout must build.
    #[test]
    fn covered_text_in_every_field_always_builds(
        title in "[ -z\u{a0}-\u{b4}\u{b6}-\u{ff}]{0,40}[a-z]",
        body in "[ -z\u{a0}-\u{b4}\u{b6}-\u{ff}\n]{0,400}",
        item in "[ -z\u{a0}-\u{b4}\u{b6}-\u{ff}]{0,200}[a-z]",
    ) {
        let text = format!(
            "title = {}\nreviewed = 2026-11-01\nsummary = {}\nclosing = {}\n[[section]]\nkind = \"causes\"\nintro = {}\n[[section.item]]\ntitle = {}\ntext = {}\n",
            quoted(&title), quoted(&body), quoted(&item), quoted(&body), quoted(&item), quoted(&item)
        );
        let built = build_text(text.as_bytes());
        prop_assert!(built.is_ok(), "{}", built.unwrap_err());
    }

    #[test]
    fn long_unbreakable_words(word in "[a-z/.\\-]{100,400}") {
        let text = format!("title = \"T\"\nreviewed = 2026-11-01\nsummary = \"{word} {word}\"\n");
        let built = build_text(text.as_bytes());
        prop_assert!(built.is_ok(), "{}", built.unwrap_err());
    }

    #[test]
    fn arbitrary_bytes_as_a_handout(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = build_text(&bytes);
    }

    #[test]
    fn arbitrary_bytes_as_a_picture(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        png.extend_from_slice(&bytes);
        let _ = Picture::decode(&bytes);
        let _ = Picture::decode(&png);
    }

    #[test]
    fn arbitrary_bytes_as_a_font(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let mut ttf = vec![0, 1, 0, 0];
        ttf.extend_from_slice(&bytes);
        let _ = Face::from_bytes("x", bytes);
        let _ = Face::from_bytes("x", ttf);
    }
}
