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

/// Build `text` as a handout file; any outcome but a panic is fine.
fn build_text(bytes: &[u8]) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.toml");
    std::fs::write(&path, bytes).unwrap();
    let options = BuildOptions {
        paper: Paper::Letter,
        allow_expired: true,
        today: Date::new(2026, 11, 24).unwrap(),
    };
    if let Ok(built) = build_pdf(&path, clinic(), &options) {
        assert!(built.bytes.starts_with(b"%PDF-"));
    }
}

/// A TOML basic string holding `s`.
fn quoted(s: &str) -> String {
    format!("{s:?}").replace("\\'", "'")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_in_every_field(title in "\\PC{1,40}", body in "\\PC{0,300}", item in "[ -~\u{a0}-\u{17f}]{0,200}") {
        let text = format!(
            "title = {}\nreviewed = 2026-11-01\nsummary = {}\nclosing = {}\n[[section]]\nkind = \"causes\"\nintro = {}\n[[section.item]]\ntitle = {}\ntext = {}\n",
            quoted(&title), quoted(&body), quoted(&item), quoted(&body), quoted(&item), quoted(&body)
        );
        build_text(text.as_bytes());
    }

    #[test]
    fn long_unbreakable_words(word in "[a-z/.\\-]{100,400}") {
        build_text(format!("title = \"T\"\nreviewed = 2026-11-01\nsummary = \"{word} {word}\"\n").as_bytes());
    }

    #[test]
    fn arbitrary_bytes_as_a_handout(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        build_text(&bytes);
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
