//! The finishing pass over printpdf's output: document information, the
//! catalogue's language and outline, and a file ID derived from the content
//! (printpdf's is random), so identical inputs give identical bytes.

use super::deflate::Deflater;
use crate::layout::Document;
use lopdf::{Dictionary, Object, ObjectId, StringFormat};

const LEVEL: u32 = 6;

/// Finish `pdf` and write it out.
pub fn finish(mut pdf: lopdf::Document, doc: &Document) -> Vec<u8> {
    set_info(&mut pdf, doc);
    let outline = outline(&mut pdf, doc);
    if let Ok(catalog) = pdf.catalog_mut() {
        catalog.set("Lang", text(&doc.metadata.language));
        catalog.set(
            "ViewerPreferences",
            Dictionary::from_iter([("DisplayDocTitle", Object::Boolean(true))]),
        );
        catalog.remove(b"Outlines");
        catalog.set("PageMode", Object::Name(b"UseNone".to_vec()));
        if let Some(outline) = outline {
            catalog.set("Outlines", outline);
            catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
        }
    }
    compress(&mut pdf);
    write_with_id(pdf)
}

fn set_info(pdf: &mut lopdf::Document, doc: &Document) {
    let m = &doc.metadata;
    let d = m.date;
    let date = format!("D:{:04}{:02}{:02}000000Z", d.year, d.month, d.day);
    let info = Dictionary::from_iter([
        ("Title", text(&m.title)),
        ("Author", text(&m.author)),
        ("Subject", text(&m.subject)),
        ("Keywords", text(&m.keywords.join(", "))),
        ("Creator", text("handout")),
        (
            "Producer",
            text(concat!(
                "handout ",
                env!("CARGO_PKG_VERSION"),
                " with printpdf"
            )),
        ),
        ("CreationDate", Object::string_literal(date.clone())),
        ("ModDate", Object::string_literal(date)),
    ]);
    // Replaced in place: deleting printpdf's and adding ours left a gap in the
    // object numbers, so the cross-reference table had two subsections, and
    // poppler's pdftotext then failed to find the trailer once the title was
    // over 128 characters.
    match pdf.trailer.get(b"Info") {
        Ok(Object::Reference(id)) => {
            let id = *id;
            pdf.objects.insert(id, Object::Dictionary(info));
        }
        _ => {
            let id = pdf.add_object(info);
            pdf.trailer.set("Info", Object::Reference(id));
        }
    }
}

/// One outline entry per section, in reading order, each opening its page at
/// the heading.
fn outline(pdf: &mut lopdf::Document, doc: &Document) -> Option<ObjectId> {
    if doc.outline.is_empty() {
        return None;
    }
    let pages = pdf.get_pages();
    let root = pdf.new_object_id();
    let ids: Vec<ObjectId> = doc.outline.iter().map(|_| pdf.new_object_id()).collect();
    for (i, (mark, id)) in doc.outline.iter().zip(&ids).enumerate() {
        let page = pages.get(&(mark.page as u32 + 1)).copied()?;
        let top = (doc.height - mark.top + 6.0).min(doc.height);
        let mut entry = Dictionary::from_iter([
            ("Title", text(&mark.title)),
            ("Parent", Object::Reference(root)),
            (
                "Dest",
                Object::Array(vec![
                    Object::Reference(page),
                    Object::Name(b"XYZ".to_vec()),
                    Object::Null,
                    Object::Real(top),
                    Object::Null,
                ]),
            ),
        ]);
        if i > 0 {
            entry.set("Prev", Object::Reference(ids[i - 1]));
        }
        if let Some(next) = ids.get(i + 1) {
            entry.set("Next", Object::Reference(*next));
        }
        pdf.objects.insert(*id, Object::Dictionary(entry));
    }
    let root_dict = Dictionary::from_iter([
        ("Type", Object::Name(b"Outlines".to_vec())),
        ("First", Object::Reference(ids[0])),
        ("Last", Object::Reference(*ids.last()?)),
        ("Count", Object::Integer(ids.len() as i64)),
    ]);
    pdf.objects.insert(root, Object::Dictionary(root_dict));
    Some(root)
}

/// A PDF text string: plain when ASCII, else UTF-16BE with a byte-order mark.
fn text(s: &str) -> Object {
    if s.is_ascii() {
        return Object::string_literal(s);
    }
    let mut bytes = vec![0xfe, 0xff];
    bytes.extend(s.encode_utf16().flat_map(u16::to_be_bytes));
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// Deflate every stream not yet compressed, with one compressor reset between
/// streams (its buffers are large; allocating them per stream costs page
/// faults). zlib's default level: lopdf's own pass uses the slowest, which
/// costs a third of the build for 0.3% of the size.
fn compress(pdf: &mut lopdf::Document) {
    let mut deflater = Deflater::new(LEVEL);
    for object in pdf.objects.values_mut() {
        let Object::Stream(stream) = object else {
            continue;
        };
        if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        if let Some(packed) = deflater
            .deflate(&stream.content)
            .filter(|p| p.len() < stream.content.len())
        {
            stream
                .dict
                .set("Filter", Object::Name(b"FlateDecode".to_vec()));
            stream.set_content(packed);
        }
    }
}

/// Write the file with a trailer /ID that is a hash of the file itself:
/// written once with a placeholder ID, which is then replaced by the hash.
fn write_with_id(mut pdf: lopdf::Document) -> Vec<u8> {
    const LEN: usize = 16;
    let placeholder = Object::String(vec![0; LEN], StringFormat::Hexadecimal);
    pdf.trailer
        .set("ID", Object::Array(vec![placeholder.clone(), placeholder]));
    let mut bytes = Vec::new();
    pdf.save_to(&mut bytes)
        .expect("writing to memory cannot fail");
    let hash = [
        fnv1a(&bytes, 0xcbf2_9ce4_8422_2325),
        fnv1a(&bytes, 0x6c62_272e_07bb_0142),
    ];
    let hex: String = hash.iter().map(|h| format!("{h:016X}")).collect();
    // The trailer comes last: overwrite its two placeholders in place, byte for byte.
    let zeros = vec![b'0'; 2 * LEN];
    let mut at = bytes
        .windows(3)
        .rposition(|w| w == b"/ID")
        .expect("the trailer has an /ID");
    for _ in 0..2 {
        let found = bytes[at..]
            .windows(zeros.len())
            .position(|w| w == zeros.as_slice());
        let start = at + found.expect("the /ID holds two placeholders");
        bytes[start..start + zeros.len()].copy_from_slice(hex.as_bytes());
        at = start + zeros.len();
    }
    bytes
}

fn fnv1a(data: &[u8], seed: u64) -> u64 {
    data.iter().fold(seed, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}
