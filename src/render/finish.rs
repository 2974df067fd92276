//! The finishing pass over printpdf's output: the tag tree, document
//! information with its XMP twin, the sRGB output intent, the catalogue's
//! language and outline, and a file ID derived from the content (printpdf's
//! is random), so identical inputs give identical bytes.

use super::deflate::Deflater;
use super::fonts::{self, Embedded};
use super::pack::Packed;
use super::structure::{Kid, Structure};
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

/// The structure tree and what points back into it: each page's
/// /StructParents (with /Tabs /S, tab order following the tags), each link
/// annotation's /StructParent (with /Contents and the print flag), and the
/// parent tree from those keys back to the elements. Pages get a
/// transparency group in RGB when a picture has a soft mask.
fn struct_tree(pdf: &mut lopdf::Document, pages: &[ObjectId], structure: &Structure) -> ObjectId {
    let root = pdf.new_object_id();
    let ids: Vec<ObjectId> = structure
        .elems
        .iter()
        .map(|_| pdf.new_object_id())
        .collect();
    let soft_masks = pdf.objects.values().any(|o| match o {
        Object::Stream(s) => s.dict.has(b"SMask"),
        _ => false,
    });
    // Parent-tree keys: one per page, then one per link annotation.
    let mut per_page: Vec<Vec<Object>> = vec![Vec::new(); pages.len()];
    for (e, elem) in structure.elems.iter().enumerate() {
        for kid in &elem.kids {
            if let Kid::Content { page, mcid } = kid {
                let refs = &mut per_page[*page];
                let at = *mcid as usize;
                if refs.len() <= at {
                    refs.resize(at + 1, Object::Null);
                }
                refs[at] = Object::Reference(ids[e]);
            }
        }
    }
    let mut nums = Vec::new();
    for (i, refs) in per_page.into_iter().enumerate() {
        nums.push(Object::Integer(i as i64));
        nums.push(Object::Array(refs));
    }
    let mut annot_ids = std::collections::BTreeMap::new();
    for (i, &page) in pages.iter().enumerate() {
        let Ok(dict) = pdf.get_dictionary_mut(page) else {
            continue;
        };
        dict.set("StructParents", Object::Integer(i as i64));
        dict.set("Tabs", Object::Name(b"S".to_vec()));
        if soft_masks {
            dict.set(
                "Group",
                Dictionary::from_iter([
                    ("Type", Object::Name(b"Group".to_vec())),
                    ("S", Object::Name(b"Transparency".to_vec())),
                    ("CS", Object::Name(b"DeviceRGB".to_vec())),
                ]),
            );
        }
        let annots = match dict.get_mut(b"Annots") {
            Ok(Object::Array(annots)) => std::mem::take(annots),
            _ => Vec::new(),
        };
        let mut refs = Vec::with_capacity(annots.len());
        for (index, annot) in annots.into_iter().enumerate() {
            let Object::Dictionary(mut annot) = annot else {
                refs.push(annot);
                continue;
            };
            let found = structure
                .annots
                .iter()
                .find(|a| a.page == i && a.index == index);
            if let Some(a) = found {
                let key = pages.len() + annot_ids.len();
                annot.set("StructParent", Object::Integer(key as i64));
                annot.set("Contents", text(&a.contents));
                nums.push(Object::Integer(key as i64));
                nums.push(Object::Reference(ids[a.elem]));
            }
            annot.set("F", Object::Integer(4));
            let id = pdf.add_object(annot);
            annot_ids.insert((i, index), id);
            refs.push(Object::Reference(id));
        }
        if let Ok(dict) = pdf.get_dictionary_mut(page) {
            if refs.is_empty() {
                dict.remove(b"Annots");
            } else {
                dict.set("Annots", Object::Array(refs));
            }
        }
    }
    for (e, elem) in structure.elems.iter().enumerate() {
        let first_page = elem.kids.iter().find_map(|k| match k {
            Kid::Content { page, .. } => Some(*page),
            _ => None,
        });
        let kids = elem
            .kids
            .iter()
            .map(|kid| match kid {
                Kid::Elem(c) => Object::Reference(ids[*c]),
                Kid::Content { page, mcid } if Some(*page) == first_page => Object::Integer(*mcid),
                Kid::Content { page, mcid } => Object::Dictionary(Dictionary::from_iter([
                    ("Type", Object::Name(b"MCR".to_vec())),
                    ("Pg", Object::Reference(pages[*page])),
                    ("MCID", Object::Integer(*mcid)),
                ])),
                Kid::Annot { page, index } => {
                    let obj = annot_ids
                        .get(&(*page, *index))
                        .map_or(Object::Null, |id| Object::Reference(*id));
                    Object::Dictionary(Dictionary::from_iter([
                        ("Type", Object::Name(b"OBJR".to_vec())),
                        ("Obj", obj),
                        ("Pg", Object::Reference(pages[*page])),
                    ]))
                }
            })
            .collect();
        let parent = elem.parent.map_or(root, |p| ids[p]);
        let mut dict = Dictionary::from_iter([
            ("Type", Object::Name(b"StructElem".to_vec())),
            ("S", Object::Name(elem.role.as_bytes().to_vec())),
            ("P", Object::Reference(parent)),
            ("K", Object::Array(kids)),
        ]);
        if let Some(page) = first_page {
            dict.set("Pg", Object::Reference(pages[page]));
        }
        if let Some(alt) = &elem.alt {
            dict.set("Alt", text(alt));
        }
        if let Some(actual) = &elem.actual_text {
            dict.set("ActualText", text(actual));
        }
        if let Some(language) = &elem.language {
            dict.set("Lang", text(language));
        }
        pdf.objects.insert(ids[e], Object::Dictionary(dict));
    }
    let next_key = pages.len() + annot_ids.len();
    let parent_tree = pdf.add_object(Dictionary::from_iter([("Nums", Object::Array(nums))]));
    let root_dict = Dictionary::from_iter([
        ("Type", Object::Name(b"StructTreeRoot".to_vec())),
        ("K", Object::Reference(ids[0])),
        ("ParentTree", Object::Reference(parent_tree)),
        ("ParentTreeNextKey", Object::Integer(next_key as i64)),
    ]);
    pdf.objects.insert(root, Object::Dictionary(root_dict));
    root
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
