//! The finishing pass over printpdf's output: the tag tree, document
//! information with its XMP twin, the sRGB output intent, the catalogue's
//! language and outline, and a file ID derived from the content (printpdf's
//! is random), so identical inputs give identical bytes.

use super::deflate::Deflater;
use super::fonts::{self, Embedded};
use super::pack::Packed;
use super::structure::Structure;
use super::tag_tree::struct_tree;
use super::xmp;
use crate::layout::Document;
use lopdf::{Dictionary, Object, ObjectId, Stream, StringFormat};

const CREATOR: &str = "handout";
const PRODUCER: &str = concat!("handout ", env!("CARGO_PKG_VERSION"), " with printpdf");

/// The colour space of every colour drawn (DeviceRGB): a compact sRGB
/// profile (CC0, from saucecontrol/Compact-ICC-Profiles).
const SRGB: &[u8] = include_bytes!("../../assets/sRGB-v2-magic.icc");

/// What printpdf made of the document, and what this stage puts into it.
pub struct Written<'a> {
    pub pdf: lopdf::Document,
    pub fonts: &'a Embedded,
}

/// Finish the document and write it out. The fonts' programs and the
/// pages' content streams come `packed` on another core, and are waited
/// for last.
pub fn finish(
    written: Written,
    doc: &Document,
    structure: &Structure,
    deflater: &mut Deflater,
    packed: impl FnOnce() -> Result<Packed, super::Error>,
) -> Result<Vec<u8>, super::Error> {
    let mut pdf = written.pdf;
    pdf.version = "1.7".into();
    // printpdf's page objects, in page order.
    let pages: Vec<ObjectId> = pdf.get_pages().into_values().collect();
    set_info(&mut pdf, doc);
    let outline = outline(&mut pdf, &pages, doc);
    let tree = struct_tree(&mut pdf, &pages, structure);
    let info = xmp::Info {
        metadata: &doc.metadata,
        creator: CREATOR,
        producer: PRODUCER,
    };
    let metadata = Stream::new(
        Dictionary::from_iter([
            ("Type", Object::Name(b"Metadata".to_vec())),
            ("Subtype", Object::Name(b"XML".to_vec())),
        ]),
        xmp::packet(&info).into_bytes(),
    )
    .with_compression(false);
    let metadata = pdf.add_object(metadata);
    let intent = output_intent(&mut pdf);
    if let Ok(catalog) = pdf.catalog_mut() {
        catalog.set("StructTreeRoot", tree);
        catalog.set(
            "MarkInfo",
            Dictionary::from_iter([("Marked", Object::Boolean(true))]),
        );
        catalog.set("Metadata", metadata);
        catalog.set("OutputIntents", Object::Array(vec![intent]));
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
    fill_pages(&mut pdf, &pages, packed()?, written.fonts);
    compress(&mut pdf, deflater);
    super::stream_end::end_with_crlf(&mut pdf);
    Ok(write_with_id(pdf))
}

/// Put each page's content stream in place of printpdf's empty one, and
/// the fonts into the font resources every page shares.
fn fill_pages(pdf: &mut lopdf::Document, pages: &[ObjectId], packed: Packed, fonts: &Embedded) {
    let Packed { programs, contents } = packed;
    let mut shared_fonts = None;
    for (page, content) in pages.iter().zip(contents) {
        let Ok(dict) = pdf.get_dictionary(*page) else {
            continue;
        };
        let stream = dict.get(b"Contents").and_then(Object::as_reference);
        let resources = dict
            .get(b"Resources")
            .and_then(Object::as_reference)
            .and_then(|r| pdf.get_dictionary(r));
        if let Ok(Object::Reference(id)) = resources.and_then(|r| r.get(b"Font")) {
            shared_fonts = Some(*id);
        }
        if let Ok(stream) = stream {
            pdf.objects.insert(stream, Object::Stream(content));
        }
    }
    let entries: Vec<(String, ObjectId)> = fonts
        .values()
        .zip(programs)
        .map(|(face, program)| (face.resource.clone(), fonts::write(face, program, pdf)))
        .collect();
    if let Some(Ok(dict)) = shared_fonts.map(|id| pdf.get_dictionary_mut(id)) {
        for (name, id) in entries {
            dict.set(name, Object::Reference(id));
        }
    }
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
        ("Creator", text(CREATOR)),
        ("Producer", text(PRODUCER)),
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
fn outline(pdf: &mut lopdf::Document, pages: &[ObjectId], doc: &Document) -> Option<ObjectId> {
    if doc.outline.is_empty() {
        return None;
    }
    let root = pdf.new_object_id();
    let ids: Vec<ObjectId> = doc.outline.iter().map(|_| pdf.new_object_id()).collect();
    for (i, (mark, id)) in doc.outline.iter().zip(&ids).enumerate() {
        let page = pages.get(mark.page).copied()?;
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

/// The PDF/A output intent: colours are sRGB.
fn output_intent(pdf: &mut lopdf::Document) -> Object {
    let profile = Stream::new(
        Dictionary::from_iter([("N", Object::Integer(3))]),
        SRGB.to_vec(),
    );
    let profile = pdf.add_object(profile);
    let name = Object::string_literal("sRGB IEC61966-2.1");
    Object::Dictionary(Dictionary::from_iter([
        ("Type", Object::Name(b"OutputIntent".to_vec())),
        ("S", Object::Name(b"GTS_PDFA1".to_vec())),
        ("OutputConditionIdentifier", name.clone()),
        ("Info", name),
        (
            "RegistryName",
            Object::string_literal("http://www.color.org"),
        ),
        ("DestOutputProfile", Object::Reference(profile)),
    ]))
}

/// A PDF text string: plain when ASCII, else UTF-16BE with a byte-order mark.
pub(super) fn text(s: &str) -> Object {
    if s.is_ascii() {
        return Object::string_literal(s);
    }
    let mut bytes = vec![0xfe, 0xff];
    bytes.extend(s.encode_utf16().flat_map(u16::to_be_bytes));
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// Deflate every stream not yet compressed, with the document's compressor
/// (lopdf's own pass uses the slowest level, a third of the build for 0.3%
/// of the size).
fn compress(pdf: &mut lopdf::Document, deflater: &mut Deflater) {
    for object in pdf.objects.values_mut() {
        if let Object::Stream(stream) = object {
            deflater.pack(stream);
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
