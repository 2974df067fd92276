//! A font file checked before it is used: a damaged font must be refused with
//! a reason, never print blank, stacked or missing text. Each error is a
//! clause that follows "font `FILE`".

use skrifa::raw::types::{GlyphId, Tag};
use skrifa::raw::{FontRef, TableProvider};

/// The tables text cannot be set without, and what each holds.
const REQUIRED: [(&[u8; 4], &str); 5] = [
    (b"head", "its header"),
    (b"hhea", "its line spacing"),
    (b"hmtx", "the widths of its letters"),
    (b"maxp", "its glyph count"),
    (b"cmap", "which letter is which glyph"),
];

/// Units per em a working font may have (the OpenType specification's range).
const UNITS_PER_EM: std::ops::RangeInclusive<u16> = 16..=16384;

/// Bytes from a font file's start that hold the table directory of a font
/// with up to 256 tables (real fonts have a few dozen).
pub const DIRECTORY_BYTES: usize = 12 + 16 * 256;

/// What the first bytes of a font file (see [`DIRECTORY_BYTES`]) and its
/// length tell without reading the rest: that it is a font, not cut short,
/// with the tables text needs. A cheap check for fonts read only later.
pub fn check_start(start: &[u8], len: u64) -> Result<(), String> {
    const MAGIC: [&[u8; 4]; 4] = [b"\0\x01\0\0", b"OTTO", b"true", b"ttcf"];
    if !MAGIC.iter().any(|m| start.starts_with(*m)) {
        return Err(NOT_A_FONT.into());
    }
    match FontRef::from_index(start, 0) {
        Ok(font) => check_directory(&font, len),
        // A directory past the first bytes (a collection) waits for the full check.
        Err(_) => Ok(()),
    }
}

const NOT_A_FONT: &str = "is not a TrueType or OpenType font";

/// The code pages (OS/2 ulCodePageRange1) a font says it serves, read
/// from its table directory in `start` and its OS/2 table alone, so a
/// 9 MB face need not be read to learn it is not the Japanese one.
pub fn code_pages_unread(
    start: &[u8],
    read: impl FnOnce(u64, u64) -> Result<Vec<u8>, String>,
) -> Option<u32> {
    use skrifa::raw::FontRead;
    let font = FontRef::from_index(start, 0).ok()?;
    let records = font.table_directory().table_records();
    let os2 = records.iter().find(|r| r.tag() == Tag::new(b"OS/2"))?;
    let bytes = read(u64::from(os2.offset()), u64::from(os2.length())).ok()?;
    let table = skrifa::raw::tables::os2::Os2::read(skrifa::raw::FontData::new(&bytes)).ok()?;
    table.ul_code_page_range_1()
}

/// Every table lies inside the file, and the ones text needs are there.
fn check_directory(font: &FontRef, len: u64) -> Result<(), String> {
    let records = font.table_directory().table_records();
    for record in records {
        let end = u64::from(record.offset()) + u64::from(record.length());
        if end > len {
            return Err(format!(
                "is cut short: the file ends inside its `{}` table; copy or download the font again",
                record.tag()
            ));
        }
    }
    let has = |tag: &[u8; 4]| records.iter().any(|r| r.tag() == Tag::new(tag));
    if let Some((tag, what)) = REQUIRED.iter().find(|(tag, _)| !has(tag)) {
        return Err(format!(
            "is damaged: it lacks its `{}` table ({what}), so it cannot set text",
            Tag::new(tag)
        ));
    }
    if !(has(b"glyf") && has(b"loca") || has(b"CFF ") || has(b"CFF2")) {
        return Err(
            "has no letter shapes (no `glyf` and `loca`, `CFF` or `CFF2` table), so it cannot draw text"
                .into(),
        );
    }
    Ok(())
}

/// Check the structure and metrics of the font in `data`.
pub fn check(data: &[u8]) -> Result<(), String> {
    let font = FontRef::from_index(data, 0).map_err(|_| NOT_A_FONT.to_string())?;
    let table = |tag: &[u8; 4]| font.table_data(Tag::new(tag)).map(|d| d.as_bytes());
    check_header(&font, data.len() as u64, table)?;
    letters_advance(&font)
}

/// The small tables that say how large the font is, which [`check_header`]
/// reads: a few dozen bytes each, whatever the size of the font.
const HEADER_TABLES: [&[u8; 4]; 3] = [b"head", b"hhea", b"maxp"];

/// What [`check`] finds from the table directory and the header tables
/// alone: a font not yet needed is checked this far without reading its
/// glyphs (a Chinese face is 9 MB). `read(offset, length)` reads part of
/// the file, whose first bytes are `start` (see [`DIRECTORY_BYTES`]).
pub fn check_unread(
    start: &[u8],
    len: u64,
    mut read: impl FnMut(u64, u64) -> Result<Vec<u8>, String>,
) -> Result<(), String> {
    check_start(start, len)?;
    let Ok(font) = FontRef::from_index(start, 0) else {
        // A collection: its directory lies further on; the full check will tell.
        return Ok(());
    };
    let mut tables = Vec::new();
    for record in font.table_directory().table_records() {
        if HEADER_TABLES.iter().any(|t| record.tag() == Tag::new(t)) {
            let bytes = read(u64::from(record.offset()), u64::from(record.length()))?;
            tables.push((record.tag(), bytes));
        }
    }
    let table = |tag: &[u8; 4]| {
        tables
            .iter()
            .find(|(t, _)| *t == Tag::new(tag))
            .map(|(_, bytes)| bytes.as_slice())
    };
    check_header(&font, len, table)
}

/// The directory, sizes and counts: everything but the letters. `font`'s
/// table directory is read, and of its tables only those `table` gives
/// (the [`HEADER_TABLES`]); the others count by their length.
fn check_header<'a>(
    font: &FontRef,
    len: u64,
    table: impl Fn(&[u8; 4]) -> Option<&'a [u8]>,
) -> Result<(), String> {
    use skrifa::raw::tables::{head::Head, hhea::Hhea, maxp::Maxp};
    use skrifa::raw::{FontData, FontRead};
    check_directory(font, len)?;
    let length = |tag: &[u8; 4]| {
        let records = font.table_directory().table_records();
        let record = records.iter().find(|r| r.tag() == Tag::new(tag));
        record.map(|r| r.length() as usize)
    };
    let read = |tag: &'static [u8; 4]| FontData::new(table(tag).unwrap_or_default());
    let head = Head::read(read(b"head")).map_err(damaged("head"))?;
    let upem = head.units_per_em();
    if !UNITS_PER_EM.contains(&upem) {
        return Err(format!(
            "is damaged: it gives its size as {upem} units per em, where a working font has 16 to 16384"
        ));
    }
    let glyphs = Maxp::read(read(b"maxp"))
        .map_err(damaged("maxp"))?
        .num_glyphs();
    if glyphs < 2 {
        return Err("holds no glyphs".into());
    }
    let metrics = Hhea::read(read(b"hhea"))
        .map_err(damaged("hhea"))?
        .number_of_h_metrics();
    let hmtx_len = length(b"hmtx").unwrap_or(0);
    if metrics == 0 || metrics > glyphs || hmtx_len < 4 * usize::from(metrics) {
        return Err("is damaged: its `hmtx` table (letter widths) is too short".into());
    }
    if length(b"glyf").is_some() {
        // One offset per glyph and one past the last, of 2 or 4 bytes.
        let offset = if head.index_to_loc_format() == 1 {
            4
        } else {
            2
        };
        let offsets = length(b"loca").unwrap_or(0) / offset;
        if offsets < usize::from(glyphs) + 1 {
            return Err("is damaged: its `loca` table (where each glyph is) is too short".into());
        }
    }
    Ok(())
}

/// The error for a table that cannot be read.
fn damaged<E>(table: &'static str) -> impl Fn(E) -> String {
    move |_| format!("is damaged: its `{table}` table cannot be read")
}

/// The letters the font has must move the pen: with no width, every glyph of
/// a line prints on top of the one before. A face without Latin letters
/// (Arabic, Chinese) must advance for some character it maps.
fn letters_advance(font: &FontRef) -> Result<(), String> {
    let cmap = font
        .cmap()
        .map_err(|_| "is damaged: its `cmap` table cannot be read")?;
    let hmtx = font
        .hmtx()
        .map_err(|_| "is damaged: its `hmtx` table cannot be read")?;
    let advance = |g: GlyphId| hmtx.advance(g).unwrap_or(0);
    let mut latin = ('A'..='Z')
        .chain('a'..='z')
        .filter_map(|c| cmap.map_codepoint(c).map(|g| (c, g)))
        .peekable();
    if latin.peek().is_some() {
        return match latin.find(|(_, g)| advance(*g) == 0) {
            Some((c, _)) => Err(format!(
                "is damaged: it gives the letter \"{c}\" no width, so letters would print on top of each other"
            )),
            None => Ok(()),
        };
    }
    let advances = cmap
        .best_subtable()
        .is_some_and(|(_, _, subtable)| subtable.iter().take(256).any(|(_, g)| advance(g) > 0));
    if advances {
        Ok(())
    } else {
        Err(
            "is damaged: its letters have no width, so they would print on top of each other"
                .into(),
        )
    }
}
