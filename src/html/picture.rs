//! Pictures for the page, inside it: the logo and item pictures as `data:`
//! addresses at twice the size they are shown (sharp on phone screens),
//! and the booking code as inline SVG.

use crate::layout::Element;
use crate::layout::qr::{modules_across, qr_code};
use crate::model::Rgb;
use crate::picture::Picture;
use image::{DynamicImage, ImageFormat, imageops::FilterType};
use std::fmt::Write;

/// CSS pixels an item's picture is at most shown at.
pub const FIGURE_WIDTH: u32 = 240;
/// CSS pixels the logo is shown high in the page's header.
pub const LOGO_HEIGHT: u32 = 56;

/// `picture` as a `data:` address, `width` CSS pixels wide: PNG where it
/// has transparency, else JPEG (a photo as PNG would be several times larger).
pub fn data_uri(picture: &Picture, width: u32) -> String {
    let image = &*picture.image;
    let pixels = (2 * width).min(image.width()).max(1);
    let scaled;
    let image = if pixels < image.width() {
        let height = (u64::from(pixels) * u64::from(image.height()) / u64::from(image.width()))
            .max(1) as u32;
        scaled = image.resize_exact(pixels, height, FilterType::Triangle);
        &scaled
    } else {
        image
    };
    let (format, mime, image) = if image.color().has_alpha() {
        (ImageFormat::Png, "image/png", image.clone())
    } else {
        (
            ImageFormat::Jpeg,
            "image/jpeg",
            DynamicImage::ImageRgb8(image.to_rgb8()),
        )
    };
    let mut bytes = std::io::Cursor::new(Vec::new());
    // Encoding pixels already decoded into memory cannot fail.
    image
        .write_to(&mut bytes, format)
        .expect("encoding a decoded picture");
    format!("data:{mime};base64,{}", base64(bytes.get_ref()))
}

/// The height `picture` takes when shown `width` CSS pixels wide.
pub fn height_at(picture: &Picture, width: u32) -> u32 {
    (width as f32 * picture.aspect()).round().max(1.0) as u32
}

/// The width `picture` takes when shown `height` CSS pixels high.
pub fn width_at(picture: &Picture, height: u32) -> u32 {
    (height as f32 / picture.aspect()).round().max(1.0) as u32
}

/// The booking code for `url` as an SVG image named `alt`, one unit a
/// module; none when the address is too long for a code.
pub fn qr_svg(url: &str, alt: &str) -> Option<String> {
    let across = modules_across(url)?;
    let elements = qr_code(url, (0.0, 0.0), across as f32, Rgb::INK, false)?;
    let mut path = String::new();
    // The first rectangle is the white square behind the code.
    for element in elements.iter().skip(1) {
        if let Element::Rect { x, y, w, h, .. } = element {
            let _ = write!(path, "M{x} {y}h{w}v{h}h-{w}z");
        }
    }
    Some(format!(
        "<svg role=\"img\" aria-label=\"{}\" viewBox=\"0 0 {across} {across}\" \
         width=\"112\" height=\"112\"><rect width=\"{across}\" height=\"{across}\" \
         fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>",
        super::nodes::attr(alt)
    ))
}

/// Bytes as standard base64, for a `data:` address.
pub fn base64(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_booking_code_is_an_svg_image_with_its_name() {
        let svg = qr_svg("https://example.org/book", "Scan to book: example.org/book").unwrap();
        assert!(svg.starts_with("<svg role=\"img\" aria-label=\"Scan to book: example.org/book\""));
        assert!(svg.contains("viewBox=\"0 0 33 33\""));
        assert!(qr_svg(&"x".repeat(4000), "too long").is_none());
    }
}
