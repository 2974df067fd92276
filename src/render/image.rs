//! Pictures as PDF image XObjects: RGB pixels deflated, transparency as a
//! soft mask. Encoded here rather than by printpdf so that the compression
//! level suits pictures: flat artwork like a logo packs as well at a fast
//! level as at a slow one.

use super::deflate::Deflater;
use crate::picture::PrintPixels;
use printpdf::{DictItem, ExternalStream, ExternalXObject, Px};
use std::collections::BTreeMap;

const LEVEL: u32 = 3;

pub fn xobject(px: &PrintPixels, deflater: &mut Deflater) -> Result<ExternalXObject, super::Error> {
    let mut dict = image_dict(px, "DeviceRGB");
    if let Some(alpha) = &px.alpha {
        let mask = ExternalStream {
            dict: image_dict(px, "DeviceGray"),
            content: deflater
                .deflate(alpha, LEVEL)
                .ok_or(super::Error::Picture)?,
            compress: false,
        };
        dict.insert("SMask".into(), DictItem::Stream { stream: mask });
    }
    Ok(ExternalXObject {
        stream: ExternalStream {
            dict,
            content: deflater
                .deflate(&px.color, LEVEL)
                .ok_or(super::Error::Picture)?,
            compress: false,
        },
        width: Some(Px(px.width as usize)),
        height: Some(Px(px.height as usize)),
        dpi: None,
    })
}

fn image_dict(px: &PrintPixels, color_space: &str) -> BTreeMap<String, DictItem> {
    let name = |s: &str| DictItem::Name(s.as_bytes().to_vec());
    BTreeMap::from([
        ("Type".to_string(), name("XObject")),
        ("Subtype".to_string(), name("Image")),
        ("Width".to_string(), DictItem::Int(i64::from(px.width))),
        ("Height".to_string(), DictItem::Int(i64::from(px.height))),
        ("ColorSpace".to_string(), name(color_space)),
        ("BitsPerComponent".to_string(), DictItem::Int(8)),
        ("Filter".to_string(), name("FlateDecode")),
    ])
}
