//! Pictures (logo, item images): decoded once with `image`, within limits, and
//! resampled to 300 dpi at the size they are printed.

use image::{DynamicImage, ImageReader, imageops::FilterType};
use std::collections::HashMap;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Print resolution: more is invisible on paper, less looks soft.
pub const PRINT_DPI: f32 = 300.0;
/// A picture decoding to more than this is refused (a "decompression bomb").
const MAX_DECODED_BYTES: u64 = 256 * 1024 * 1024;
const MAX_SIDE: u32 = 12_000;

#[derive(Debug, Clone)]
pub struct Picture {
    pub image: Arc<DynamicImage>,
}

/// Pixels ready for the page, 8 bits per channel.
#[derive(Debug, Clone, PartialEq)]
pub struct PrintPixels {
    pub width: u32,
    pub height: u32,
    /// RGB or RGBA rows, top to bottom.
    pub data: Vec<u8>,
    pub has_alpha: bool,
}

impl Picture {
    /// Decode PNG or JPEG bytes; the error is a sentence for editors.
    pub fn decode(bytes: &[u8]) -> Result<Picture, String> {
        let mut reader = ImageReader::new(Cursor::new(bytes))
            .with_guessed_format()
            .map_err(|e| e.to_string())?;
        match reader.format() {
            Some(image::ImageFormat::Png | image::ImageFormat::Jpeg) => {}
            _ => return Err("is not a PNG or JPEG picture".into()),
        }
        let mut limits = image::Limits::default();
        limits.max_alloc = Some(MAX_DECODED_BYTES);
        limits.max_image_width = Some(MAX_SIDE);
        limits.max_image_height = Some(MAX_SIDE);
        reader.limits(limits);
        let image = reader.decode().map_err(|e| match e {
            image::ImageError::Limits(_) => format!(
                "is too large to decode safely (more than {MAX_SIDE} pixels a side or {} MB of pixels)",
                MAX_DECODED_BYTES / 1024 / 1024
            ),
            other => format!("cannot be decoded: {other}"),
        })?;
        Ok(Picture {
            image: Arc::new(image),
        })
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
    /// source is finer, never upscaled; transparency kept when present.
    pub fn for_print(&self, width_pt: f32, height_pt: f32) -> PrintPixels {
        let target_w = (width_pt / 72.0 * PRINT_DPI).ceil() as u32;
        let target_h = (height_pt / 72.0 * PRINT_DPI).ceil() as u32;
        let img = &*self.image;
        let resized;
        let img = if img.width() > target_w.max(1) || img.height() > target_h.max(1) {
            resized = img.resize_exact(target_w.max(1), target_h.max(1), FilterType::Lanczos3);
            &resized
        } else {
            img
        };
        let (data, has_alpha) = match img {
            DynamicImage::ImageRgb8(rgb) => (rgb.as_raw().clone(), false),
            _ if !img.color().has_alpha() => (img.to_rgb8().into_raw(), false),
            _ => {
                let rgba = img.to_rgba8();
                if rgba.pixels().any(|p| p.0[3] < 255) {
                    (rgba.into_raw(), true)
                } else {
                    // An alpha channel that is opaque everywhere need not be embedded.
                    (DynamicImage::ImageRgba8(rgba).to_rgb8().into_raw(), false)
                }
            }
        };
        PrintPixels {
            width: img.width(),
            height: img.height(),
            data,
            has_alpha,
        }
    }
}

/// Pictures decoded once per batch: handouts that share a picture share its
/// decoding.
#[derive(Default)]
pub struct Cache(Mutex<HashMap<PathBuf, Picture>>);

impl Cache {
    /// The picture at `path`, from the cache or from `load`.
    pub fn get_or_load<E>(
        &self,
        path: &Path,
        load: impl FnOnce() -> Result<Picture, E>,
    ) -> Result<Picture, E> {
        let key = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        if let Some(picture) = self.0.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
            return Ok(picture.clone());
        }
        let picture = load()?;
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(key, picture.clone());
        Ok(picture)
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
        assert_eq!((px.width, px.height, px.has_alpha), (300, 150, true));
        assert_eq!(px.data.len(), 300 * 150 * 4);
    }

    #[test]
    fn small_pictures_are_not_upscaled_and_opaque_alpha_is_dropped() {
        let pic = Picture::decode(&png(40, 20, 255)).unwrap();
        let px = pic.for_print(144.0, 72.0);
        assert_eq!((px.width, px.height, px.has_alpha), (40, 20, false));
    }

    #[test]
    fn the_cache_decodes_a_file_once() {
        let cache = Cache::default();
        let path = Path::new("/nonexistent/picture.png");
        let mut loads = 0;
        for _ in 0..3 {
            let pic = cache.get_or_load(path, || {
                loads += 1;
                Picture::decode(&png(4, 4, 255))
            });
            assert_eq!(pic.unwrap().width(), 4);
        }
        assert_eq!(loads, 1);
    }

    #[test]
    fn garbage_is_refused() {
        assert!(Picture::decode(b"not a picture").is_err());
    }
}
