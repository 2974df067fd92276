//! The tag tree written into the PDF: one StructElem per element of the
//! [`Structure`], and what points back into it: each page's
//! /StructParents (with /Tabs /S, tab order following the tags), each link
//! annotation's /StructParent (with /Contents and the print flag), and the
//! parent tree from those keys back to the elements.

use super::finish::text;
use super::structure::{Elem, Kid, Structure};
use lopdf::{Dictionary, Object, ObjectId};
use std::collections::BTreeMap;

/// Write the structure tree; its root. Pages get a transparency group in
/// RGB when a picture has a soft mask.
pub(super) fn struct_tree(
    pdf: &mut lopdf::Document,
    pages: &[ObjectId],
    structure: &Structure,
) -> ObjectId {
    let root = pdf.new_object_id();
    let ids = structure
        .elems
        .iter()
        .map(|_| pdf.new_object_id())
        .collect();
    let tree = Tree {
        root,
        ids,
        pages,
        structure,
    };
    let soft_masks = pdf.objects.values().any(|o| match o {
        Object::Stream(s) => s.dict.has(b"SMask"),
        _ => false,
    });
    let mut parents = Parents {
        nums: tree.page_keys(),
        annots: BTreeMap::new(),
    };
    for (i, &page) in pages.iter().enumerate() {
        let Some(annots) = tag_page(pdf, page, i, soft_masks) else {
            continue;
        };
        let refs = parents.link_annots(pdf, &tree, i, annots);
        if let Ok(dict) = pdf.get_dictionary_mut(page) {
            if refs.is_empty() {
                dict.remove(b"Annots");
            } else {
                dict.set("Annots", Object::Array(refs));
            }
        }
    }
    for (e, elem) in structure.elems.iter().enumerate() {
        let dict = tree.elem(elem, &parents.annots);
        pdf.objects.insert(tree.ids[e], Object::Dictionary(dict));
    }
    let next_key = pages.len() + parents.annots.len();
    let parent_tree = pdf.add_object(Dictionary::from_iter([(
        "Nums",
        Object::Array(parents.nums),
    )]));
    let root_dict = Dictionary::from_iter([
        ("Type", Object::Name(b"StructTreeRoot".to_vec())),
        ("K", Object::Reference(tree.ids[0])),
        ("ParentTree", Object::Reference(parent_tree)),
        ("ParentTreeNextKey", Object::Integer(next_key as i64)),
    ]);
    pdf.objects.insert(root, Object::Dictionary(root_dict));
    root
}

/// The tree's objects: its root, one per element (numbered before any is
/// written, as kids and parents refer to each other), and the pages.
struct Tree<'a> {
    root: ObjectId,
    ids: Vec<ObjectId>,
    pages: &'a [ObjectId],
    structure: &'a Structure<'a>,
}

/// The parent tree as it is built: key, element, key, element…; and the
/// object each link annotation became, by (page, index).
struct Parents {
    nums: Vec<Object>,
    annots: BTreeMap<(usize, usize), ObjectId>,
}

/// Mark page number `key` as tagged and take its annotations out; None when
/// the page is not a dictionary.
fn tag_page(
    pdf: &mut lopdf::Document,
    page: ObjectId,
    key: usize,
    soft_masks: bool,
) -> Option<Vec<Object>> {
    let dict = pdf.get_dictionary_mut(page).ok()?;
    dict.set("StructParents", Object::Integer(key as i64));
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
    Some(match dict.get_mut(b"Annots") {
        Ok(Object::Array(annots)) => std::mem::take(annots),
        _ => Vec::new(),
    })
}

impl Tree<'_> {
    /// The parent tree's page entries: key `i` lists page `i`'s marked
    /// content by MCID, each the element it belongs to.
    fn page_keys(&self) -> Vec<Object> {
        let mut per_page: Vec<Vec<Object>> = vec![Vec::new(); self.pages.len()];
        for (e, elem) in self.structure.elems.iter().enumerate() {
            for kid in &elem.kids {
                if let Kid::Content { page, mcid } = kid {
                    let refs = &mut per_page[*page];
                    let at = *mcid as usize;
                    if refs.len() <= at {
                        refs.resize(at + 1, Object::Null);
                    }
                    refs[at] = Object::Reference(self.ids[e]);
                }
            }
        }
        let mut nums = Vec::new();
        for (i, refs) in per_page.into_iter().enumerate() {
            nums.push(Object::Integer(i as i64));
            nums.push(Object::Array(refs));
        }
        nums
    }

    /// An element's StructElem, its kids referred to by object, MCID or
    /// annotation; `annots` is where each link annotation was written.
    fn elem(&self, elem: &Elem, annots: &BTreeMap<(usize, usize), ObjectId>) -> Dictionary {
        let first_page = elem.kids.iter().find_map(|k| match k {
            Kid::Content { page, .. } => Some(*page),
            _ => None,
        });
        let kids = elem
            .kids
            .iter()
            .map(|kid| self.kid(kid, first_page, annots))
            .collect();
        let parent = elem.parent.map_or(self.root, |p| self.ids[p]);
        let mut dict = Dictionary::from_iter([
            ("Type", Object::Name(b"StructElem".to_vec())),
            ("S", Object::Name(elem.role.as_bytes().to_vec())),
            ("P", Object::Reference(parent)),
            ("K", Object::Array(kids)),
        ]);
        if let Some(page) = first_page {
            dict.set("Pg", Object::Reference(self.pages[page]));
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
        dict
    }

    /// One kid of an element: content on the element's own page (/Pg) by
    /// bare MCID, content on another page by reference.
    fn kid(
        &self,
        kid: &Kid,
        first_page: Option<usize>,
        annots: &BTreeMap<(usize, usize), ObjectId>,
    ) -> Object {
        match kid {
            Kid::Elem(c) => Object::Reference(self.ids[*c]),
            Kid::Content { page, mcid } if Some(*page) == first_page => Object::Integer(*mcid),
            Kid::Content { page, mcid } => Object::Dictionary(Dictionary::from_iter([
                ("Type", Object::Name(b"MCR".to_vec())),
                ("Pg", Object::Reference(self.pages[*page])),
                ("MCID", Object::Integer(*mcid)),
            ])),
            Kid::Annot { page, index } => {
                let obj = annots
                    .get(&(*page, *index))
                    .map_or(Object::Null, |id| Object::Reference(*id));
                Object::Dictionary(Dictionary::from_iter([
                    ("Type", Object::Name(b"OBJR".to_vec())),
                    ("Obj", obj),
                    ("Pg", Object::Reference(self.pages[*page])),
                ]))
            }
        }
    }
}

impl Parents {
    /// Write page `page`'s link annotations as objects of their own, each
    /// printable and, when a Link element holds it, keyed in the parent
    /// tree and described in words; the page's new /Annots.
    fn link_annots(
        &mut self,
        pdf: &mut lopdf::Document,
        tree: &Tree,
        page: usize,
        annots: Vec<Object>,
    ) -> Vec<Object> {
        let mut refs = Vec::with_capacity(annots.len());
        for (index, annot) in annots.into_iter().enumerate() {
            let Object::Dictionary(mut annot) = annot else {
                refs.push(annot);
                continue;
            };
            let found = tree
                .structure
                .annots
                .iter()
                .find(|a| a.page == page && a.index == index);
            if let Some(a) = found {
                let key = tree.pages.len() + self.annots.len();
                annot.set("StructParent", Object::Integer(key as i64));
                annot.set("Contents", text(&a.contents));
                self.nums.push(Object::Integer(key as i64));
                self.nums.push(Object::Reference(tree.ids[a.elem]));
            }
            annot.set("F", Object::Integer(4));
            let id = pdf.add_object(annot);
            self.annots.insert((page, index), id);
            refs.push(Object::Reference(id));
        }
        refs
    }
}
