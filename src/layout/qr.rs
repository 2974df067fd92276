//! A booking link as a QR code, drawn as vector shapes (never a raster), so it prints sharp at any size.

use super::Element;
use crate::model::QR_CORRECTION;
use crate::model::Rgb;
use qrcode::{Color, QrCode};
use std::sync::{Arc, Mutex};

/// Light modules around the code that scanners need to find its edges.
const QUIET_ZONE: usize = 4;

/// The code for `text`, encoded once a run: a batch prints its clinic's
/// booking code on every handout, and encoding one (scoring eight masks)
/// costs a tenth of a page's layout. A few texts are kept, the latest last.
fn encoded(text: &str) -> Option<Arc<QrCode>> {
    const KEPT: usize = 4;
    static CODES: Mutex<Vec<(String, Option<Arc<QrCode>>)>> = Mutex::new(Vec::new());
    let mut codes = CODES.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((_, code)) = codes.iter().find(|(t, _)| t == text) {
        return code.clone();
    }
    let code = QrCode::with_error_correction_level(text, QR_CORRECTION)
        .ok()
        .map(Arc::new);
    if codes.len() == KEPT {
        codes.remove(0);
    }
    codes.push((text.to_string(), code.clone()));
    code
}

/// How many modules across the code for `text` is, quiet zone included;
/// none when the text is too long for a code.
pub fn modules_across(text: &str) -> Option<usize> {
    Some(encoded(text)?.width() + 2 * QUIET_ZONE)
}

/// The modules of a QR code for `text`, as filled rectangles: a square of side `size` points with its top-left at (x, y), including the 4-module quiet zone (white), dark modules in `dark`. Adjacent dark modules in a row are merged into one rectangle to keep the PDF small. Error correction as the clinic's check expects ([`QR_CORRECTION`]). Returns None if the text is too long for a QR code.
///
/// `flipped` draws the code reversed left to right, for a page that will be
/// mirrored whole (right-to-left writing) and so turn it the right way round.
pub fn qr_code(
    text: &str,
    (x, y): (f32, f32),
    size: f32,
    dark: Rgb,
    flipped: bool,
) -> Option<Vec<Element>> {
    let code = encoded(text)?;
    let width = code.width();
    let dark_at = |col: usize, row: usize| {
        let col = if flipped { width - 1 - col } else { col };
        code[(col, row)] == Color::Dark
    };
    let module = size / (width + 2 * QUIET_ZONE) as f32;
    // Each edge from its own index (not by accumulating), so rounding never
    // drifts and neighbouring runs share exactly the same edge.
    let at = |origin: f32, i: usize| origin + (QUIET_ZONE + i) as f32 * module;

    let mut elements = vec![Element::Rect {
        x,
        y,
        w: size,
        h: size,
        radius: 0.0,
        fill: Rgb::WHITE,
    }];
    for row in 0..width {
        let top = at(y, row);
        let h = at(y, row + 1) - top;
        let mut col = 0;
        while col < width {
            if !dark_at(col, row) {
                col += 1;
                continue;
            }
            let start = col;
            while col < width && dark_at(col, row) {
                col += 1;
            }
            let left = at(x, start);
            elements.push(Element::Rect {
                x: left,
                y: top,
                w: at(x, col) - left,
                h,
                radius: 0.0,
                fill: dark,
            });
        }
    }
    Some(elements)
}

#[cfg(test)]
mod tests {
    use super::*;

    const URL: &str = "https://example.org/book";

    #[test]
    fn each_text_is_encoded_once_a_run() {
        let first = encoded(URL).unwrap();
        assert!(Arc::ptr_eq(&first, &encoded(URL).unwrap()));
        let other = encoded("https://example.org/other").unwrap();
        assert!(!Arc::ptr_eq(&first, &other));
        assert!(
            encoded(&"x".repeat(4000)).is_none(),
            "too long for any code"
        );
    }

    fn rect(e: &Element) -> (f32, f32, f32, f32, Rgb) {
        match *e {
            Element::Rect {
                x, y, w, h, fill, ..
            } => (x, y, w, h, fill),
            ref other => panic!("expected only rectangles, got {other:?}"),
        }
    }

    fn close(a: f32, b: f32) -> bool {
        (a - b).abs() < 1e-3
    }

    #[test]
    fn first_element_is_the_white_quiet_zone_square() {
        let elements = qr_code(URL, (30.0, 40.0), 99.0, Rgb::INK, false).unwrap();
        assert_eq!(rect(&elements[0]), (30.0, 40.0, 99.0, 99.0, Rgb::WHITE));
        assert!(elements[1..].iter().all(|e| rect(e).4 == Rgb::INK));
    }

    #[test]
    fn known_url_is_version_2_with_25_modules() {
        // Version 2: 25 modules plus 2 × 4 quiet zone = 33 modules across.
        let (x0, y0, size) = (30.0, 40.0, 99.0);
        let module = size / 33.0;
        let elements = qr_code(URL, (x0, y0), size, Rgb::INK, false).unwrap();
        let dark: Vec<_> = elements[1..].iter().map(rect).collect();
        let left = dark.iter().map(|r| r.0).fold(f32::MAX, f32::min);
        let top = dark.iter().map(|r| r.1).fold(f32::MAX, f32::min);
        let right = dark.iter().map(|r| r.0 + r.2).fold(f32::MIN, f32::max);
        let bottom = dark.iter().map(|r| r.1 + r.3).fold(f32::MIN, f32::max);
        // Finder patterns fill three corners, so the dark modules span the
        // whole code, 4 modules in from each side of the square.
        assert!(close(left, x0 + 4.0 * module), "left {left}");
        assert!(close(top, y0 + 4.0 * module), "top {top}");
        assert!(close(right, x0 + 29.0 * module), "right {right}");
        assert!(close(bottom, y0 + 29.0 * module), "bottom {bottom}");
        assert!(close((right - left) / module, 25.0));
        // Every run is one module high and a whole number of modules wide.
        for &(_, _, w, h, _) in &dark {
            assert!(close(h, module), "height {h}");
            let n = w / module;
            assert!(close(n, n.round()) && n >= 1.0, "width {w}");
        }
    }

    #[test]
    fn all_rects_lie_inside_the_square() {
        let (x0, y0, size) = (12.5, 700.0, 72.0);
        let elements = qr_code(URL, (x0, y0), size, Rgb::INK, false).unwrap();
        for e in &elements {
            let (x, y, w, h, _) = rect(e);
            assert!(w > 0.0 && h > 0.0);
            assert!(x >= x0 && y >= y0, "{e:?}");
            assert!(
                x + w <= x0 + size + 1e-3 && y + h <= y0 + size + 1e-3,
                "{e:?}"
            );
        }
    }

    #[test]
    fn dark_runs_are_merged_and_do_not_overlap() {
        let elements = qr_code(URL, (0.0, 0.0), 33.0, Rgb::INK, false).unwrap();
        let dark: Vec<_> = elements[1..].iter().map(rect).collect();
        let code = QrCode::with_error_correction_level(URL, QR_CORRECTION).unwrap();
        let modules = code
            .to_colors()
            .iter()
            .filter(|&&c| c == Color::Dark)
            .count();
        // One module per point: widths add up to the dark module count.
        let area: f32 = dark.iter().map(|r| r.2).sum();
        assert!(close(area, modules as f32));
        assert!(dark.len() < modules, "runs were not merged");
        // No two runs in a row touch: they would have been one.
        for (i, a) in dark.iter().enumerate() {
            for b in &dark[i + 1..] {
                if close(a.1, b.1) {
                    assert!(a.0 + a.2 < b.0 - 0.5 || b.0 + b.2 < a.0 - 0.5);
                }
            }
        }
    }

    #[test]
    fn a_flipped_code_reads_true_once_its_page_is_mirrored() {
        let (page, x, size) = (612.0, 30.0, 99.0);
        let plain: Vec<_> = qr_code(URL, (x, 40.0), size, Rgb::INK, false)
            .unwrap()
            .iter()
            .map(rect)
            .collect();
        let flipped = qr_code(URL, (page - x - size, 40.0), size, Rgb::INK, true).unwrap();
        let mut mirrored: Vec<_> = flipped
            .into_iter()
            .map(|e| rect(&e.mirrored(page)))
            .collect();
        let mut plain = plain;
        let key = |r: &(f32, f32, f32, f32, Rgb)| ((r.1 * 100.0) as i64, (r.0 * 100.0) as i64);
        plain.sort_by_key(key);
        mirrored.sort_by_key(key);
        assert_eq!(plain.len(), mirrored.len());
        for (a, b) in plain.iter().zip(&mirrored) {
            assert!(
                close(a.0, b.0) && close(a.1, b.1) && close(a.2, b.2) && close(a.3, b.3),
                "{a:?} {b:?}"
            );
        }
    }

    #[test]
    fn overly_long_text_returns_none() {
        // Version 40 at level M holds at most 2331 bytes.
        assert!(qr_code(&"x".repeat(4000), (0.0, 0.0), 100.0, Rgb::INK, false).is_none());
    }
}
