//! The booking QR code scans: checked with zbarimg (Debian package
//! `zbar-tools`), a decoder nobody here wrote. `bash .ci/run` installs it.

use handout::layout::Element;
use handout::model::Rgb;
use image::RgbImage;
use std::path::{Path, PathBuf};
use std::process::Command;

use handout::layout::qr::qr_code;

const URL: &str = "https://example.org/book";
/// Raster resolution for the hand-drawn test image.
const PX_PER_PT: f32 = 4.0;

/// Run `zbarimg --quiet --raw PNG` and return what it decoded (one line per code).
fn zbarimg(png: &Path) -> String {
    let out = match Command::new("zbarimg")
        .args(["--quiet", "--raw"])
        .arg(png)
        .output()
    {
        Ok(out) => out,
        Err(e) => panic!(
            "cannot run zbarimg ({e}): install the Debian package zbar-tools \
             (`bash .ci/run` installs zbar-tools)"
        ),
    };
    assert!(
        out.status.success(),
        "zbarimg found no QR code in {} ({}): {}",
        png.display(),
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("zbarimg prints UTF-8")
}

/// Paint `elements` (rectangles only) onto a tinted canvas, like a page
/// background behind the code, with `margin` points all round.
fn rasterise(elements: &[Element], extent: f32, margin: f32) -> RgbImage {
    let side = ((extent + 2.0 * margin) * PX_PER_PT).round() as u32;
    let mut img = RgbImage::from_pixel(side, side, image::Rgb([0xe6, 0xf0, 0xfa]));
    let px = |v: f32| ((v + margin) * PX_PER_PT).round().clamp(0.0, side as f32) as u32;
    for e in elements {
        let Element::Rect {
            x, y, w, h, fill, ..
        } = *e
        else {
            panic!("the QR code should be rectangles only, got {e:?}");
        };
        let Rgb(r, g, b) = fill;
        for py in px(y)..px(y + h) {
            for qx in px(x)..px(x + w) {
                img.put_pixel(qx, py, image::Rgb([r, g, b]));
            }
        }
    }
    img
}

#[test]
fn generated_qr_code_scans() {
    let dir = tempfile::tempdir().unwrap();
    // About an inch, like on the leaflet: 72 pt.
    let size = 72.0;
    let elements =
        qr_code(URL, (0.0, 0.0), size, Rgb::INK, false).expect("the URL fits in a QR code");
    let png = dir.path().join("qr.png");
    rasterise(&elements, size, 18.0).save(&png).unwrap();
    assert_eq!(zbarimg(&png).trim_end(), URL);
}

/// Build `handout` with the repository's clinic and `extra` arguments, render
/// page `page` (0 = the last) to a PNG at 200 dpi and return what zbarimg reads on it.
fn scan_built_page(handout: &str, extra: &[&str], page: usize) -> String {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("x.pdf");
    let out = Command::new(env!("CARGO_BIN_EXE_handout"))
        .args(["build", handout, "--clinic", "clinic.toml", "-o"])
        .arg(&pdf)
        .args(extra)
        .current_dir(&root)
        .env("SOURCE_DATE_EPOCH", crate::common::TODAY_EPOCH)
        .output()
        .expect("the handout binary runs");
    assert!(
        out.status.success(),
        "handout build failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );

    let page = if page > 0 { page } else { page_count(&pdf) };
    let n = page.to_string();
    let status = Command::new("pdftoppm")
        .args(["-r", "200", "-png", "-f", &n, "-l", &n])
        .arg(&pdf)
        .arg(dir.path().join("page"))
        .status()
        .expect("pdftoppm runs (poppler-utils)");
    assert!(status.success(), "pdftoppm failed: {status}");
    // pdftoppm names it page-N.png, zero-padded to the page count's digits.
    let png = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "png"))
        .expect("pdftoppm wrote a PNG");
    zbarimg(&png)
}

fn page_count(pdf: &Path) -> usize {
    let out = Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .expect("pdfinfo runs (poppler-utils)");
    assert!(out.status.success(), "pdfinfo failed");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo reports the page count")
}

#[test]

fn qr_in_built_pdf_scans() {
    let found = scan_built_page("handouts/upper-back-pain-after-running.toml", &[], 0);
    assert!(found.contains(URL), "zbarimg read {found:?}");
}

#[test]

fn qr_on_trifold_back_panel_scans() {
    let found = scan_built_page(
        "handouts/neck-pain-at-your-desk.toml",
        &["--layout", "trifold"],
        1,
    );
    assert!(found.contains(URL), "zbarimg read {found:?}");
}

#[test]
fn qr_on_a_mirrored_right_to_left_page_scans() {
    for layout in [&[][..], &["--layout", "trifold"][..]] {
        let page = if layout.is_empty() { 0 } else { 1 };
        let found = scan_built_page("handouts/neck-pain-at-your-desk.ar.toml", layout, page);
        assert!(found.contains(URL), "zbarimg read {found:?}");
    }
}

#[test]
fn qr_beside_the_large_print_contact_lines_scans() {
    // Large print sets the code beside the contact lines, not under them.
    for handout in [
        "handouts/upper-back-pain-after-running.toml",
        "handouts/neck-pain-at-your-desk.ar.toml",
    ] {
        let found = scan_built_page(handout, &["--large-print"], 0);
        assert!(found.contains(URL), "{handout}: zbarimg read {found:?}");
    }
}
