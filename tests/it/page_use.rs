//! Page use, measured from the printed pages: each page rendered by poppler
//! (`pdftoppm`), a stretch of a column counting as used when anything is
//! printed in it: lines, pictures, boxes and rules alike. White between lines
//! and paragraphs is part of the set text; only a bare band taller than
//! [`GAP`] counts as unused.

use crate::common::*;
use std::path::Path;

/// Pixels per point of the rendering (36 dpi): two points a pixel row.
pub const SCALE: f32 = 0.5;
/// A bare stretch up to this tall (points) is spacing inside the text: the
/// white above a large-print heading (its 21 pt gap and the lines' own
/// white above and below) is about 30 pt; two lines of 13 pt are 34.
pub const GAP: f32 = 36.0;
/// Page margin (points): the text area starts here.
const MARGIN: f32 = 36.0;
/// The footer's rule sits this far under the text area.
const ABOVE_RULE: f32 = 7.0;

/// A page as printed: grey levels, one byte a pixel, row by row.
pub struct Raster {
    pub width: usize,
    pub height: usize,
    pixels: Vec<u8>,
}

impl Raster {
    fn inked(&self, x: usize, y: usize) -> bool {
        self.pixels[y * self.width + x] < 250
    }

    /// Whether anything is printed in row `y` between `left` and `right` (pixels).
    fn row_inked(&self, y: usize, left: usize, right: usize) -> bool {
        (left..right.min(self.width)).any(|x| self.inked(x, y))
    }

    /// Whether row `y` (points) is printed across nine tenths of the page
    /// between its margins: a rule or the edge of a box.
    pub fn across(&self, y: f32) -> bool {
        let px = |pt: f32| (pt * SCALE) as usize;
        let (left, right) = (px(MARGIN), self.width - px(MARGIN));
        let n = (left..right).filter(|&x| self.inked(x, px(y))).count();
        n * 10 >= (right - left) * 9
    }

    /// The top of the footer's rule (points): the lowest row above the
    /// bottom margin printed across nine tenths of the text width.
    pub fn footer_rule(&self) -> Option<f32> {
        let from = self.height - (MARGIN * SCALE) as usize;
        (0..from)
            .rev()
            .map(|y| y as f32 / SCALE)
            .find(|&y| self.across(y))
    }

    /// The tallest bare stretch of `area` (points) with print above and
    /// below it: a hole in the page, not the white where its text ends.
    pub fn tallest_hole(&self, area: Area) -> f32 {
        let (top, bottom, left, right) = self.pixels_of(area);
        let inked: Vec<usize> = (top..bottom)
            .filter(|&y| self.row_inked(y, left, right))
            .collect();
        let tallest = inked.windows(2).map(|w| w[1] - w[0] - 1).max();
        tallest.unwrap_or(0) as f32 / SCALE
    }

    /// The lowest printed row of `area` (points from the page's top).
    pub fn ink_bottom(&self, area: Area) -> Option<f32> {
        let (top, bottom, left, right) = self.pixels_of(area);
        let y = (top..bottom)
            .rev()
            .find(|&y| self.row_inked(y, left, right))?;
        Some((y + 1) as f32 / SCALE)
    }

    /// `area`'s top, bottom, left and right edges in pixels.
    fn pixels_of(&self, area: Area) -> (usize, usize, usize, usize) {
        let px = |pt: f32| ((pt * SCALE).round() as usize).min(self.height);
        let left = (area.left * SCALE) as usize;
        let right = ((area.right * SCALE).ceil() as usize).min(self.width);
        (px(area.top), px(area.bottom), left, right)
    }

    /// The share of `area`'s height that is used: printed rows, and bare
    /// stretches no taller than [`GAP`] between them or the area's edges.
    pub fn used(&self, area: Area) -> f32 {
        let (top, bottom, left, right) = self.pixels_of(area);
        if bottom <= top {
            return 0.0;
        }
        let gap = (GAP * SCALE) as usize;
        let mut used = 0;
        // A bare stretch begins at `bare`; the area's top edge counts as print.
        let mut bare = top;
        for y in top..bottom {
            if self.row_inked(y, left, right) {
                let stretch = y - bare;
                used += if stretch <= gap { stretch + 1 } else { 1 };
                bare = y + 1;
            }
        }
        if bottom - bare <= gap {
            used += bottom - bare;
        }
        used as f32 / (bottom - top) as f32
    }
}

/// A stretch of a page, in points from its top-left corner.
#[derive(Debug, Clone, Copy)]
pub struct Area {
    pub left: f32,
    pub right: f32,
    pub top: f32,
    pub bottom: f32,
}

/// Every page of `pdf` as poppler prints it, in grey.
pub fn rasters(pdf: &Path) -> Vec<Raster> {
    let dir = tempfile::tempdir().unwrap();
    let prefix = dir.path().join("page");
    let dpi = (72.0 * SCALE).to_string();
    tool(
        "pdftoppm",
        &[
            "-r",
            &dpi,
            "-gray",
            "-png",
            pdf.to_str().unwrap(),
            prefix.to_str().unwrap(),
        ],
    );
    let mut files: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    // page-1.png ... or page-01.png: the number after the last hyphen.
    let number = |p: &std::path::PathBuf| -> usize {
        let stem = p.file_stem().unwrap().to_string_lossy().into_owned();
        stem.rsplit('-').next().unwrap().parse().unwrap()
    };
    files.sort_by_key(number);
    files
        .iter()
        .map(|f| {
            let image = image::open(f).unwrap().to_luma8();
            Raster {
                width: image.width() as usize,
                height: image.height() as usize,
                pixels: image.into_raw(),
            }
        })
        .collect()
}

/// The text area of a sheet's page between `left` and `right` (points):
/// from the top margin to the footer.
pub fn text_area(page: &Raster, (left, right): (f32, f32)) -> Area {
    let h = page.height as f32 / SCALE;
    let rule = page.footer_rule().unwrap_or(h - MARGIN);
    Area {
        left,
        right,
        top: MARGIN,
        bottom: rule - ABOVE_RULE,
    }
}

/// Page use of a sheet set in `columns` (one or two): per column (the
/// halves of the page, or its whole width), the share of the text area
/// (margin to footer) that is used, averaged over the columns. A one-column
/// page is not measured by halves, where its short lines (a balanced
/// heading, a paragraph's last line) would count as bare.
pub fn sheet_use(pdf: &Path, columns: usize) -> Vec<f32> {
    rasters(pdf)
        .iter()
        .map(|page| {
            let width = page.width as f32 / SCALE / columns as f32;
            let half = |c: usize| (c as f32 * width, (c + 1) as f32 * width);
            let used = (0..columns).map(|c| page.used(text_area(page, half(c))));
            used.sum::<f32>() / columns as f32
        })
        .collect()
}

/// A page of `pdf` as poppler prints it, and its size in points.
pub fn raster(pdf: &Path, page: usize) -> (Raster, f32, f32) {
    let page = rasters(pdf).swap_remove(page);
    let (w, h) = (page.width as f32 / SCALE, page.height as f32 / SCALE);
    (page, w, h)
}

/// The tallest bare band of one trifold panel's text column (as for
/// [`panel_use`]), as a share of the column's height.
pub fn panel_bare(page: &Raster, (left, right): (f32, f32)) -> f32 {
    let area = panel_column(page, (left, right));
    let px = |pt: f32| ((pt * SCALE).round() as usize).min(page.height);
    let (top, bottom) = (px(area.top), px(area.bottom));
    let (l, r) = ((area.left * SCALE) as usize, (area.right * SCALE) as usize);
    let (mut tallest, mut run) = (0, 0);
    for y in top..bottom {
        run = if page.row_inked(y, l, r) { 0 } else { run + 1 };
        tallest = tallest.max(run);
    }
    tallest as f32 / (bottom - top) as f32
}

/// The text column of a trifold panel: clear of the page edge's 30 pt and
/// a fold's 20 pt, between 30 pt margins top and bottom.
fn panel_column(page: &Raster, (left, right): (f32, f32)) -> Area {
    let (w, h) = (page.width as f32 / SCALE, page.height as f32 / SCALE);
    let inset = |edge: bool| if edge { 30.0 } else { 20.0 };
    Area {
        left: left + inset(left <= 0.0),
        right: right - inset(right >= w - 1.0),
        top: 30.0,
        bottom: h - 30.0,
    }
}

/// Page use of one trifold panel, `left` to `right`: the share of its text
/// column that is used.
pub fn panel_use(page: &Raster, panel: (f32, f32)) -> f32 {
    page.used(panel_column(page, panel))
}

/// The sheet variants the measures hold for, and their columns.
pub const SHEETS: [(&str, &[&str], usize); 3] = [
    ("letter", &[], 2),
    ("a4", &["--paper", "a4"], 2),
    ("large print", &["--large-print"], 1),
];

#[test]
fn a_column_half_printed_is_half_used() {
    // Lines 6 px (12 pt) tall every 9 px over the top half of a column,
    // then bare: the spacing between the lines counts, the bare half not.
    let (width, height) = (100, 200);
    let mut pixels = vec![255u8; width * height];
    for y in (0..height / 2).filter(|y| y % 9 < 6) {
        pixels[y * width..y * width + 60].fill(0);
    }
    let page = Raster {
        width,
        height,
        pixels,
    };
    let area = |left, right| Area {
        left,
        right,
        top: 0.0,
        bottom: height as f32 / SCALE,
    };
    let used = page.used(area(0.0, 200.0));
    assert!((used - 0.5).abs() < 0.02, "{used}");
    // Nothing printed in the right of it.
    assert_eq!(page.used(area(130.0, 200.0)), 0.0);
}

#[test]
fn a_bare_band_is_unused_and_spacing_between_lines_is_used() {
    // One page: the header band and title at the top, then nothing but a
    // short summary; the rest of the page is bare.
    let dir = tempfile::tempdir().unwrap();
    let file = write(
        dir.path(),
        "short.toml",
        "title = \"Short\"\nreviewed = 2026-11-01\nsummary = \"One short line.\"\n",
    );
    let pdf = build(dir.path(), &file, &[]);
    let (page, w, h) = raster(&pdf, 0);
    let rule = page.footer_rule().expect("the footer's rule");
    assert!(rule > h - 90.0 && rule < h - MARGIN, "rule at {rule}");
    let full = |top, bottom| Area {
        left: 0.0,
        right: w,
        top,
        bottom,
    };
    // The header band is printed solid: wholly used.
    assert!(page.used(full(MARGIN, MARGIN + 40.0)) > 0.99);
    // Under the last line of the contact block and disclaimer the page is
    // bare, but for their own lines; the whole page is far from used.
    let share = sheet_use(&pdf, 2)[0];
    assert!(share > 0.2 && share < 0.95, "{share}");
}
/// The sheets measured: every sample as each sheet variant, and the
/// English and Spanish samples as patient copies (a "Prepared for" box and a
/// note) on Letter and in large print.
pub fn sheets() -> Vec<(String, Vec<&'static str>, usize, std::path::PathBuf)> {
    const PATIENT: [&str; 4] = [
        "--patient",
        "Maria Lopez",
        "--note",
        "Walk 20 minutes a day.",
    ];
    let mut sheets = Vec::new();
    for (variant, args, columns) in SHEETS {
        for file in sample_handouts() {
            sheets.push((variant.to_string(), args.to_vec(), columns, file));
        }
    }
    let patients = sample_handouts().into_iter().filter(|f| {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        name.split('.').count() == 2 || name.contains(".es.")
    });
    for file in patients {
        for (variant, args, columns) in [SHEETS[0], SHEETS[2]] {
            let args = [args, &PATIENT[..]].concat();
            sheets.push((format!("{variant} patient"), args, columns, file.clone()));
        }
    }
    sheets
}

#[test]
fn every_sheet_page_but_the_last_is_used_and_the_last_enough() {
    let dir = tempfile::tempdir().unwrap();
    let mut report = String::new();
    let mut failures = Vec::new();
    for (n, (variant, args, columns, file)) in sheets().into_iter().enumerate() {
        let sub = dir.path().join(n.to_string());
        std::fs::create_dir_all(&sub).unwrap();
        let pdf = build(&sub, &file, &args);
        let shares = sheet_use(&pdf, columns);
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let percents: Vec<String> = shares.iter().map(|s| format!("{:.0}", s * 100.0)).collect();
        report += &format!("{variant:20} {name:40} {}\n", percents.join(" "));
        let last = shares.len() - 1;
        for (p, share) in shares.iter().enumerate() {
            // A one-page sheet cannot be a page shorter.
            let needed = match (p < last, shares.len()) {
                (true, _) => 0.55,
                (false, 1) => 0.0,
                (false, _) => 0.40,
            };
            if *share < needed {
                let page = p + 1;
                failures.push(format!("{variant} {name} page {page}: {share:.2}"));
            }
        }
    }
    eprintln!("page use (%), page by page:\n{report}");
    assert!(failures.is_empty(), "{failures:#?}");
}

/// The most of a last page's text area left bare between its text and a
/// band ending under it.
pub const MOST_BARE: f32 = 0.25;
/// How far apart two balanced columns may end (points): about one step of
/// [`steps`] (three 13 pt lines and the gap above), kept whole.
pub const LEVEL: f32 = 64.0;

/// The tallest bare stretch of `page`'s text area between print, as a
/// share of the text area's height.
pub fn band_hole(page: &Raster) -> f32 {
    let area = text_area(page, (MARGIN, page.width as f32 / SCALE - MARGIN));
    page.tallest_hole(area) / (area.bottom - area.top)
}

/// How far apart (points) the two columns of `page` end.
pub fn columns_apart(page: &Raster) -> f32 {
    let half = page.width as f32 / SCALE / 2.0;
    let end = |side| page.ink_bottom(text_area(page, side)).unwrap_or(MARGIN);
    (end((0.0, half)) - end((half, 2.0 * half))).abs()
}

/// A handout of `items` like steps under one heading, with a closing.
fn steps(items: usize) -> String {
    let mut toml = String::from(
        "title = \"Steps\"\nreviewed = 2026-11-01\n\
         closing = \"Call us at {clinic.phone} to book a visit.\"\n\n\
         [[section]]\nkind = \"self-care\"\n",
    );
    for i in 1..=items {
        toml += &format!(
            "\n[[section.item]]\ntitle = \"Step {i}\"\ntext = \"Do this gentle thing for a \
             few minutes each day, and stop if it hurts more than it did before you began.\"\n"
        );
    }
    toml
}

#[test]
fn an_ending_that_would_leave_the_last_page_bare_becomes_a_band_across_it() {
    // Handouts of every length from one that just fits a page to one that
    // fills two: each last page is used enough, and where the ending set in
    // a column would leave it bare, the ending spans the page.
    let dir = tempfile::tempdir().unwrap();
    let (mut failures, mut bands) = (Vec::new(), 0);
    for items in 12..=22 {
        let file = write(dir.path(), &format!("steps-{items}.toml"), &steps(items));
        let pdf = build(dir.path(), &file, &[]);
        let shares = sheet_use(&pdf, 2);
        let last = shares.len() - 1;
        for (p, share) in shares.iter().enumerate() {
            let needed = if p < last {
                0.55
            } else if last == 0 {
                0.0
            } else {
                0.40
            };
            if *share < needed {
                failures.push(format!("{items} items, page {}: {share:.2}", p + 1));
            }
        }
        let (w, _, lines) = layout(&pdf).swap_remove(last);
        let line = |start: &str| lines.iter().find(|l| l.text().starts_with(start)).cloned();
        let disclaimer = line("This leaflet gives").expect("the disclaimer");
        let right = disclaimer.words.iter().map(|w| w.x1).fold(0.0, f32::max);
        if right - disclaimer.left() > w / 2.0 {
            bands += 1;
            // The QR code's caption beside the contact lines, not under them.
            let caption = line("Scan to book").expect("the caption");
            let booking = line("Book online").expect("the booking line");
            assert!(
                caption.top() < booking.top() && caption.left() > booking.left() + w / 2.0,
                "{items} items: the code is not beside the contact lines"
            );
            let pages = rasters(&pdf);
            let hole = band_hole(&pages[last]);
            eprintln!("{items} items: last page {hole:.2} bare between text and band");
            if hole > MOST_BARE {
                failures.push(format!("{items} items: {hole:.2} bare above the band"));
            }
            // Text moved on to the last page leaves the page before's
            // columns level, not its last column short.
            let apart = columns_apart(&pages[last - 1]);
            eprintln!("{items} items: page {last}'s columns end {apart:.0} pt apart");
            if apart > LEVEL {
                failures.push(format!(
                    "{items} items: page {last}'s columns {apart} pt apart"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
    assert!(bands >= 1, "no length needed a band: nothing tested");
}
