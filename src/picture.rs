//! Pictures (logo, item images): decoded once with `image`, within limits, and
//! resampled to 300 dpi at the size they are printed.

use image::metadata::Orientation;
use image::{DynamicImage, ImageBuffer, ImageDecoder, ImageReader, imageops::FilterType};
use std::collections::HashMap;
use std::io::Cursor;
use std::sync::{Arc, Mutex};

/// Print resolution: more is invisible on paper, less looks soft.
pub const PRINT_DPI: f32 = 300.0;
/// A picture up to this much finer than 300 dpi is kept as it is:
/// resampling it would cost time and some sharpness for a few kilobytes.
const RESAMPLE_ABOVE: f32 = 1.5;
/// A picture with more pixels is refused before decoding: more than a
/// 48-megapixel phone camera takes, and ten times what a printed page needs.
pub const MAX_PIXELS: u64 = 50_000_000;
/// A picture decoding to more than this is refused (a "decompression bomb").
const MAX_DECODED_BYTES: u64 = 256 * 1024 * 1024;
const MAX_SIDE: u32 = 12_000;
/// The decoded pictures of one run, together, may take this much memory:
/// ten 12-megapixel photos, and room left under 500 MB for the rest.
pub const BUDGET: u64 = 384 * 1024 * 1024;

#[derive(Debug, Clone)]
pub struct Picture {
    pub image: Arc<DynamicImage>,
    /// Its pixels at each print size asked for: a batch prints the clinic's
    /// logo on every handout, and resamples it once.
    prints: Arc<Mutex<Prints>>,
}

/// A picture's pixels by the print size (width, height in pixels) asked for.
type Prints = HashMap<(u32, u32), Arc<PrintPixels>>;

/// Pixels ready for the page, 8 bits per channel, as a PDF takes them:
/// colour and transparency apart.
#[derive(Debug, Clone, PartialEq)]
pub struct PrintPixels {
    pub width: u32,
    pub height: u32,
    /// RGB rows, top to bottom.
    pub color: Vec<u8>,
    /// The alpha channel, when some pixel is not opaque.
    pub alpha: Option<Vec<u8>>,
}

impl Picture {
    /// Decode PNG or JPEG bytes; the error is a clause for editors that
    /// follows "picture `FILE`".
    pub fn decode(bytes: &[u8]) -> Result<Picture, String> {
        Picture::decode_within(bytes, |_| Ok(()))
    }

    /// Decode after checking the picture's size from its header, and after
    /// `reserve` has agreed to the memory its pixels will take; turned the
    /// way its camera says it was held (EXIF orientation).
    fn decode_within(
        bytes: &[u8],
        reserve: impl FnOnce(u64) -> Result<(), String>,
    ) -> Result<Picture, String> {
        let reader = ImageReader::new(Cursor::new(bytes))
            .with_guessed_format()
            .map_err(|e| e.to_string())?;
        let image = match reader.format() {
            Some(image::ImageFormat::Png) => decode_png(bytes, reserve)?,
            Some(image::ImageFormat::Jpeg) => decode_jpeg(reader, reserve)?,
            _ => return Err("is not a PNG or JPEG picture".into()),
        };
        Ok(Picture {
            image: Arc::new(image),
            prints: Arc::default(),
        })
    }

    /// Memory the decoded pixels take.
    fn bytes(&self) -> u64 {
        self.image.as_bytes().len() as u64
    }

    pub fn width(&self) -> u32 {
        self.image.width()
    }

    pub fn height(&self) -> u32 {
        self.image.height()
    }

    /// Height over width.
    pub fn aspect(&self) -> f32 {
        self.height() as f32 / self.width() as f32
    }

    /// The pixels for a print size in points: downscaled to 300 dpi when the
    /// source is much finer, never upscaled; transparency kept when present.
    pub fn for_print(&self, width_pt: f32, height_pt: f32) -> Arc<PrintPixels> {
        let target_w = (width_pt / 72.0 * PRINT_DPI).ceil() as u32;
        let target_h = (height_pt / 72.0 * PRINT_DPI).ceil() as u32;
        let target = (target_w.max(1), target_h.max(1));
        let mut prints = self.prints.lock().unwrap_or_else(|e| e.into_inner());
        let pixels = prints
            .entry(target)
            .or_insert_with(|| Arc::new(self.resampled(target)));
        Arc::clone(pixels)
    }

    /// The pixels at `target_w` × `target_h` or fewer.
    fn resampled(&self, (target_w, target_h): (u32, u32)) -> PrintPixels {
        let img = &*self.image;
        let resized;
        let finer = |source: u32, target: u32| source as f32 > RESAMPLE_ABOVE * target as f32;
        let img = if finer(img.width(), target_w) || finer(img.height(), target_h) {
            // Lanczos works in floats over the whole source: a fast box filter
            // first brings a large picture to twice the target, bounding that.
            let halfway = (img.width() > 2 * target_w || img.height() > 2 * target_h)
                .then(|| img.thumbnail_exact(2 * target_w, 2 * target_h));
            let from = halfway.as_ref().unwrap_or(img);
            resized = from.resize_exact(target_w, target_h, FilterType::Lanczos3);
            &resized
        } else {
            img
        };
        let (color, alpha) = match img {
            DynamicImage::ImageRgb8(rgb) => (rgb.as_raw().clone(), None),
            _ if !img.color().has_alpha() => (img.to_rgb8().into_raw(), None),
            DynamicImage::ImageRgba8(rgba) => split(rgba.as_raw()),
            _ => split(img.to_rgba8().as_raw()),
        };
        PrintPixels {
            width: img.width(),
            height: img.height(),
            color,
            alpha,
        }
    }
}

/// Why a picture is refused for its size.
fn too_large() -> String {
    format!(
        "is too large to decode safely (more than {MAX_SIDE} pixels a side, {} million pixels \
         or {} MB decoded); print needs far fewer: scale it down to at most 3000 pixels a side",
        MAX_PIXELS / 1_000_000,
        MAX_DECODED_BYTES >> 20
    )
}

fn too_many_pixels((w, h): (u32, u32)) -> bool {
    w > MAX_SIDE || h > MAX_SIDE || u64::from(w) * u64::from(h) > MAX_PIXELS
}

/// Refuse a picture of `w` × `h` pixels taking `bytes` decoded before any
/// is decoded, else ask `reserve` for the memory: twice its pixels when it
/// must be turned, which makes a turned copy.
fn within_limits(
    (w, h): (u32, u32),
    bytes: u64,
    orientation: Orientation,
    reserve: impl FnOnce(u64) -> Result<(), String>,
) -> Result<(), String> {
    if too_many_pixels((w, h)) || bytes > MAX_DECODED_BYTES {
        return Err(too_large());
    }
    let copies = if orientation == Orientation::NoTransforms {
        1
    } else {
        2
    };
    reserve(copies * bytes)
}

/// A PNG's pixels, 8 bits a channel. Only the pixels and the orientation
/// are read: compressed text and colour profiles (iTXt, zTXt, iCCP) could
/// inflate to gigabytes from a small file, and are skipped unread.
fn decode_png(
    bytes: &[u8],
    reserve: impl FnOnce(u64) -> Result<(), String>,
) -> Result<DynamicImage, String> {
    let unreadable = |e: png::DecodingError| match e {
        png::DecodingError::LimitsExceeded => too_large(),
        other => format!("cannot be decoded: {other}"),
    };
    // The decoder's own buffers (a row or two, an EXIF chunk) stay under
    // png's default limit; the pixels are counted below.
    let mut decoder = png::Decoder::new_with_limits(Cursor::new(bytes), png::Limits::default());
    decoder.set_ignore_text_chunk(true);
    decoder.set_ignore_iccp_chunk(true);
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    // Its size is refused from the header alone, before any chunk is read.
    let header = decoder.read_header_info().map_err(unreadable)?;
    if too_many_pixels(header.size()) {
        return Err(too_large());
    }
    let mut reader = decoder.read_info().map_err(unreadable)?;
    let size = reader.info().size();
    let orientation = (reader.info().exif_metadata.as_deref())
        .and_then(Orientation::from_exif_chunk)
        .unwrap_or(Orientation::NoTransforms);
    let length = reader.output_buffer_size().ok_or_else(too_large)?;
    within_limits(size, length as u64, orientation, reserve)?;
    let mut pixels = vec![0; length];
    let frame = reader.next_frame(&mut pixels).map_err(unreadable)?;
    pixels.truncate(frame.buffer_size());
    let (w, h) = (frame.width, frame.height);
    let image = match frame.color_type {
        png::ColorType::Grayscale => {
            ImageBuffer::from_raw(w, h, pixels).map(DynamicImage::ImageLuma8)
        }
        png::ColorType::GrayscaleAlpha => {
            ImageBuffer::from_raw(w, h, pixels).map(DynamicImage::ImageLumaA8)
        }
        png::ColorType::Rgb => ImageBuffer::from_raw(w, h, pixels).map(DynamicImage::ImageRgb8),
        png::ColorType::Rgba => ImageBuffer::from_raw(w, h, pixels).map(DynamicImage::ImageRgba8),
        // Expanded to RGB above.
        png::ColorType::Indexed => None,
    };
    let mut image = image.ok_or("cannot be decoded: its pixels do not match its size")?;
    image.apply_orientation(orientation);
    Ok(image)
}

/// A JPEG's pixels, within the limits.
fn decode_jpeg(
    mut reader: ImageReader<Cursor<&[u8]>>,
    reserve: impl FnOnce(u64) -> Result<(), String>,
) -> Result<DynamicImage, String> {
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(MAX_DECODED_BYTES);
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    reader.limits(limits);
    let unreadable = |e: image::ImageError| match e {
        image::ImageError::Limits(_) => too_large(),
        other => format!("cannot be decoded: {other}"),
    };
    let mut decoder = reader.into_decoder().map_err(unreadable)?;
    // A damaged EXIF block only loses the turn, not the picture.
    let orientation = decoder.orientation().unwrap_or(Orientation::NoTransforms);
    within_limits(
        decoder.dimensions(),
        decoder.total_bytes(),
        orientation,
        reserve,
    )?;
    let mut image = DynamicImage::from_decoder(decoder).map_err(unreadable)?;
    image.apply_orientation(orientation);
    Ok(image)
}

/// RGBA bytes as RGB and alpha, in one pass and without a copy of the
/// whole: the first touch of fresh memory is much of a picture's cost. An
/// alpha channel that is opaque everywhere need not be embedded.
fn split(rgba: &[u8]) -> (Vec<u8>, Option<Vec<u8>>) {
    let mut color = Vec::with_capacity(rgba.len() / 4 * 3);
    let mut alpha = Vec::with_capacity(rgba.len() / 4);
    for p in rgba.chunks_exact(4) {
        color.extend_from_slice(&p[..3]);
        alpha.push(p[3]);
    }
    let opaque = alpha.iter().all(|a| *a == 255);
    (color, (!opaque).then_some(alpha))
}

/// A file's identity on disk (device and inode): hard and symbolic links to
/// one picture are one picture.
pub type FileId = (u64, u64);

/// The pictures of one run: each file decoded once, all of them within
/// [`BUDGET`]. A picture no handout holds any more is dropped when a new one
/// needs its room.
pub struct Cache {
    budget: u64,
    pictures: Mutex<Pictures>,
}

impl Default for Cache {
    fn default() -> Cache {
        Cache {
            budget: BUDGET,
            pictures: Mutex::default(),
        }
    }
}

#[derive(Default)]
struct Pictures {
    by_file: HashMap<FileId, Picture>,
    /// Bytes of the pictures kept, and of those being decoded.
    held: u64,
}

impl Cache {
    /// The picture of file `id`, if it was decoded before.
    pub fn get(&self, id: FileId) -> Option<Picture> {
        self.lock().by_file.get(&id).cloned()
    }

    /// Decode the bytes of file `id` within the run's budget, and keep it.
    pub fn decode(&self, id: FileId, bytes: &[u8]) -> Result<Picture, String> {
        let mut reserved = 0;
        let decoded = Picture::decode_within(bytes, |size| {
            self.reserve(size)?;
            reserved = size;
            Ok(())
        });
        let mut pictures = self.lock();
        pictures.held -= reserved;
        let picture = decoded?;
        // Another thread may have decoded the same file meanwhile: share its.
        if let Some(kept) = pictures.by_file.get(&id) {
            return Ok(kept.clone());
        }
        pictures.held += picture.bytes();
        pictures.by_file.insert(id, picture.clone());
        Ok(picture)
    }

    /// Room for `size` more bytes, made by dropping pictures no one holds.
    fn reserve(&self, size: u64) -> Result<(), String> {
        let mut pictures = self.lock();
        while pictures.held + size > self.budget {
            let unused = pictures
                .by_file
                .iter()
                .find(|(_, p)| Arc::strong_count(&p.image) == 1)
                .map(|(id, _)| *id);
            let Some(id) = unused else {
                return Err(format!(
                    "cannot be decoded: with the other pictures being printed, it would need \
                     more than {} MB of memory; use smaller pictures (300 dpi at the printed \
                     size is enough)",
                    self.budget >> 20
                ));
            };
            let dropped = pictures.by_file.remove(&id).expect("found above");
            pictures.held -= dropped.bytes();
        }
        pictures.held += size;
        Ok(())
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Pictures> {
        self.pictures.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{ImageFormat, Rgba, RgbaImage};

    fn png(w: u32, h: u32, alpha: u8) -> Vec<u8> {
        let img = RgbaImage::from_pixel(w, h, Rgba([10, 20, 30, alpha]));
        let mut out = Cursor::new(Vec::new());
        img.write_to(&mut out, ImageFormat::Png).unwrap();
        out.into_inner()
    }

    #[test]
    fn downscales_to_300_dpi_and_keeps_alpha() {
        let pic = Picture::decode(&png(1200, 600, 128)).unwrap();
        let px = pic.for_print(72.0, 36.0);
        assert_eq!((px.width, px.height), (300, 150));
        assert_eq!(px.color.len(), 300 * 150 * 3);
        assert!(px.alpha.as_ref().is_some_and(|a| a.len() == 300 * 150));
    }

    #[test]
    fn a_picture_a_little_finer_than_300_dpi_is_kept_as_it_is() {
        let pic = Picture::decode(&png(400, 200, 128)).unwrap();
        let px = pic.for_print(72.0, 36.0);
        assert_eq!((px.width, px.height), (400, 200));
    }

    #[test]
    fn small_pictures_are_not_upscaled_and_opaque_alpha_is_dropped() {
        let pic = Picture::decode(&png(40, 20, 255)).unwrap();
        let px = pic.for_print(144.0, 72.0);
        assert_eq!((px.width, px.height, px.alpha.is_none()), (40, 20, true));
        assert_eq!(px.color.len(), 40 * 20 * 3);
    }

    #[test]
    fn the_cache_decodes_a_file_once() {
        let cache = Cache::default();
        let first = cache.decode((1, 7), &png(4, 4, 255)).unwrap();
        let again = cache.get((1, 7)).unwrap();
        assert!(Arc::ptr_eq(&first.image, &again.image));
        assert!(cache.get((1, 8)).is_none());
    }

    #[test]
    fn pictures_share_a_budget_and_unused_ones_make_room() {
        // Room for one 10x10 RGBA picture (400 bytes), not two.
        let cache = Cache {
            budget: 600,
            pictures: Mutex::default(),
        };
        let held = cache.decode((1, 1), &png(10, 10, 128)).unwrap();
        let refused = cache.decode((1, 2), &png(10, 10, 128)).unwrap_err();
        assert!(
            refused.contains("other pictures being printed"),
            "{refused}"
        );
        drop(held);
        cache.decode((1, 2), &png(10, 10, 128)).unwrap();
        assert!(cache.get((1, 1)).is_none());
    }

    #[test]
    fn a_picture_with_too_many_pixels_is_refused_before_decoding() {
        // 8000 x 7000 pixels of one colour: a small file, 224 MB decoded.
        let img = image::GrayImage::new(8000, 7000);
        let mut out = Cursor::new(Vec::new());
        img.write_to(&mut out, ImageFormat::Png).unwrap();
        let cache = Cache::default();
        let err = cache.decode((1, 1), out.get_ref()).unwrap_err();
        assert!(err.contains("50 million pixels"), "{err}");
        assert_eq!(cache.lock().held, 0);
    }

    #[test]
    fn garbage_is_refused() {
        assert!(Picture::decode(b"not a picture").is_err());
    }
}
