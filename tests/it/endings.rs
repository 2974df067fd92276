//! How a sheet ends: in one column (large print, `[page] columns = 1`) the
//! booking QR code stands beside the contact lines and the closing stays on
//! the contact panel's page; a band ending leaves no hole above it, and the
//! page before it has level columns. Measured on the built PDF: its text
//! with `pdftotext -bbox-layout`, the code from its tagged figure's drawing,
//! bare stretches from the printed page.

use crate::common::*;
use crate::page_use::{LEVEL, MOST_BARE, band_hole, columns_apart, rasters};
use std::path::Path;

/// A box on a page, in points from its top-left corner.
#[derive(Debug, Clone, Copy)]
struct Box {
    left: f32,
    top: f32,
    right: f32,
    bottom: f32,
}

/// The booking QR code on each page of `pdf` that has one: the rectangles
/// drawn inside a tagged Figure (the logo is an image, not rectangles).
fn code_boxes(pdf: &Path) -> Vec<(usize, Box)> {
    let heights: Vec<f32> = layout(pdf).iter().map(|(_, h, _)| *h).collect();
    let qdf = uncompressed(pdf);
    let mut boxes = Vec::new();
    for chunk in qdf.split("%% Contents for page ").skip(1) {
        let page: usize = chunk.split_whitespace().next().unwrap().parse().unwrap();
        let height = heights[page - 1];
        for figure in chunk.split("/Figure <<").skip(1) {
            let drawing = &figure[..figure.find("EMC").unwrap()];
            let rects = drawing.lines().filter_map(|l| l.strip_suffix(" re"));
            let mut found: Option<Box> = None;
            for rect in rects {
                let n: Vec<f32> = rect.split(' ').map(|v| v.parse().unwrap()).collect();
                let (x, y, w, h) = (n[0], n[1], n[2], n[3]);
                let this = Box {
                    left: x,
                    right: x + w,
                    top: height - (y + h),
                    bottom: height - y,
                };
                found = Some(found.map_or(this, |b| Box {
                    left: b.left.min(this.left),
                    right: b.right.max(this.right),
                    top: b.top.min(this.top),
                    bottom: b.bottom.max(this.bottom),
                }));
            }
            boxes.extend(found.map(|b| (page - 1, b)));
        }
    }
    boxes
}

/// The page and line of `pdf` that starts with `start`.
fn line_starting(pages: &[(f32, f32, Vec<TextLine>)], start: &str) -> (usize, TextLine) {
    pages
        .iter()
        .enumerate()
        .find_map(|(p, (_, _, lines))| {
            let line = lines.iter().find(|l| l.text().starts_with(start))?;
            Some((p, line.clone()))
        })
        .unwrap_or_else(|| panic!("no line starts with {start:?}"))
}

/// The closing and the contact panel on one page, the last, and the code
/// beside the contact lines: level with them, clear of their right ends.
fn assert_code_beside_contact_lines(pdf: &Path, what: &str) {
    let pages = layout(pdf);
    let (closing, _) = line_starting(&pages, "Don't let upper back pain");
    let (contact, heading) = line_starting(&pages, "Contact us");
    let (booking_page, booking) = line_starting(&pages, "Book online");
    let last = pages.len() - 1;
    assert_eq!(
        (closing, contact, booking_page),
        (last, last, last),
        "{what}: the closing, the contact panel and the last page part"
    );
    let codes = code_boxes(pdf);
    let [(page, code)] = codes[..] else {
        panic!("{what}: one QR code expected, found {codes:?}");
    };
    assert_eq!(
        page, last,
        "{what}: the code is not on the contact panel's page"
    );
    let lines = &pages[last].2;
    let panel = lines
        .iter()
        .filter(|l| l.top() >= heading.top() && l.top() <= booking.top());
    // The right end of the contact lines level with the code (its caption,
    // wider than the code, is under it).
    let right = panel
        .flat_map(|l| &l.words)
        .filter(|w| w.y0 < code.bottom && w.y1 > code.top)
        .map(|w| w.x1)
        .fold(0.0, f32::max);
    let lines_bottom = booking.words.iter().map(|w| w.y1).fold(0.0, f32::max);
    eprintln!(
        "{what}: code {:.0}-{:.0} pt down, {:.0}-{:.0} across; contact lines {:.0}-{:.0} down, to {right:.0} across",
        code.top,
        code.bottom,
        code.left,
        code.right,
        heading.top(),
        lines_bottom
    );
    assert!(
        code.top < lines_bottom && code.bottom > heading.top(),
        "{what}: the code is not level with the contact lines"
    );
    assert!(
        code.bottom <= lines_bottom + 1.0,
        "{what}: the code reaches below the contact lines (set under them)"
    );
    assert!(
        code.left > right,
        "{what}: the code overlaps the contact lines"
    );
}

#[test]
fn large_print_sets_the_code_beside_the_contact_lines_and_the_closing_with_them() {
    // The English back-pain large print ended with the contact panel and
    // fine print alone on its last page, the code under the contact lines.
    let dir = tempfile::tempdir().unwrap();
    let file = repo().join("handouts/upper-back-pain-after-running.toml");
    let pdf = build(dir.path(), &file, &["--large-print"]);
    assert_code_beside_contact_lines(&pdf, "large print");
}

#[test]
fn a_one_column_sheet_sets_the_code_beside_the_contact_lines() {
    let clinic = std::fs::read_to_string(repo().join("clinic.toml")).unwrap();
    assert!(
        clinic.contains("\n[page]\n"),
        "clinic.toml has a [page] table"
    );
    let lib = library(&clinic.replace("\n[page]\n", "\n[page]\ncolumns = 1\n"));
    let text = std::fs::read_to_string(repo().join("handouts/upper-back-pain-after-running.toml"));
    let file = write(lib.path(), "back.toml", &text.unwrap());
    let pdf = lib.path().join("back.pdf");
    let out = handout(
        lib.path(),
        &["build", file.to_str().unwrap(), "-o", pdf.to_str().unwrap()],
    );
    assert!(out.status.success(), "build failed: {}", stderr(&out));
    assert_code_beside_contact_lines(&pdf, "one column");
}

#[test]
fn a_band_ending_goes_under_the_text_rather_than_leave_a_hole_above_it() {
    // The Chinese neck-pain A4 sheet ends in a band: at the page's foot it
    // left two short columns at the top and about 40% bare in the middle.
    let dir = tempfile::tempdir().unwrap();
    let file = repo().join("handouts/neck-pain-at-your-desk.zh-Hans.toml");
    let pdf = build(dir.path(), &file, &["--paper", "a4"]);
    let pages = layout(&pdf);
    let last = pages.len() - 1;
    assert!(last > 0, "the sheet fits one page: no band to test");
    // A band: the code's caption beside the booking line, on the right half.
    let (w, _, _) = pages[last];
    let (p, caption) = line_starting(&pages, "扫码预约");
    let (q, booking) = line_starting(&pages, "在线预约");
    assert!(
        (p, q) == (last, last) && caption.left() > w / 2.0 && caption.top() < booking.top(),
        "the ending is not a band with the code beside the contact lines"
    );
    let rasters = rasters(&pdf);
    let hole = band_hole(&rasters[last]);
    eprintln!("zh-Hans A4 last page: {hole:.2} of the text area bare between text and band");
    assert!(
        hole <= MOST_BARE,
        "{hole:.2} of the last page bare above the band"
    );
    // The page before: its two columns end level (they ended 124 pt apart).
    let apart = columns_apart(&rasters[last - 1]);
    eprintln!("zh-Hans A4 page {last}: columns end {apart:.0} pt apart");
    assert!(
        apart <= LEVEL,
        "page {last}'s columns end {apart:.0} pt apart"
    );
}
