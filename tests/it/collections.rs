//! A font collection (.ttc, .otc) is read as its first face. A face with CFF
//! outlines (as Noto Sans CJK ships in collections) is embedded as CFF: as
//! TrueType, its text would not print.

use crate::common::*;

/// The shipped Chinese face wrapped as a one-face collection: its tables
/// move on by the 16 bytes of the collection's header.
fn cjk_collection() -> Vec<u8> {
    let mut face = std::fs::read(repo().join("fonts/NotoSansCJKsc-Regular.otf")).unwrap();
    assert_eq!(&face[..4], b"OTTO", "a face with CFF outlines");
    let tables = usize::from(u16::from_be_bytes([face[4], face[5]]));
    for table in 0..tables {
        let at = 12 + 16 * table + 8;
        let offset = u32::from_be_bytes(face[at..at + 4].try_into().unwrap()) + 16;
        face[at..at + 4].copy_from_slice(&offset.to_be_bytes());
    }
    let mut collection = b"ttcf".to_vec();
    for field in [0x0001_0000u32, 1, 16] {
        collection.extend_from_slice(&field.to_be_bytes());
    }
    collection.extend_from_slice(&face);
    collection
}

#[test]
fn a_cff_face_from_a_collection_prints_its_text() {
    let lib = library(&format!("{MINIMAL_CLINIC}fallback = [\"fonts/CJK.ttc\"]\n"));
    std::fs::write(lib.path().join("fonts/CJK.ttc"), cjk_collection()).unwrap();
    write(
        lib.path(),
        "handouts/h.toml",
        "title = \"颈部疼痛\"\nlanguage = \"zh-Hans\"\nreviewed = 2026-11-01\n",
    );
    let out = handout(lib.path(), &["build", "handouts/h.toml", "-o", "h.pdf"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let pdf = lib.path().join("h.pdf");
    tool("qpdf", &["--check", pdf.to_str().unwrap()]);
    // "(OT)" would be a whole OpenType font where a bare CFF program belongs.
    let cff = tool("pdffonts", &[pdf.to_str().unwrap()])
        .lines()
        .any(|l| l.contains("+CJK ") && l.contains("CID Type 0C ") && !l.contains("(OT)"));
    assert!(cff, "{}", tool("pdffonts", &[pdf.to_str().unwrap()]));
    assert!(text_of(&pdf).contains("颈部疼痛"), "{}", text_of(&pdf));
}
