//! zlib compression for PDF streams, with one compressor reused across the
//! streams of a document (pictures and the rest): its buffers are large,
//! and setting them up costs more than compressing a small logo.

use flate2::{Compress, Compression, FlushCompress, Status};
use lopdf::{Object, Stream};

/// zlib's level 4 for the document's streams: level 6 (its default) takes
/// a quarter longer for 2% less.
pub const STREAMS: u32 = 4;

pub struct Deflater {
    compress: Compress,
    level: u32,
}

impl Default for Deflater {
    fn default() -> Deflater {
        let level = Compression::default();
        Deflater {
            compress: Compress::new(level, true),
            level: level.level(),
        }
    }
}

impl Deflater {
    /// Compress `stream` at the [`STREAMS`] level, unless it is compressed
    /// already, must not be, or would not get smaller (then it is left as
    /// it is, and marked so that no later pass tries again).
    pub fn pack(&mut self, stream: &mut Stream) {
        if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
            return;
        }
        match self
            .deflate(&stream.content, STREAMS)
            .filter(|p| p.len() < stream.content.len())
        {
            Some(packed) => {
                stream
                    .dict
                    .set("Filter", Object::Name(b"FlateDecode".to_vec()));
                stream.set_content(packed);
            }
            None => stream.allows_compression = false,
        }
    }

    /// `data` as a zlib stream at `level` 1 (fastest) to 9 (smallest), or
    /// `None` if compression failed.
    pub fn deflate(&mut self, data: &[u8], level: u32) -> Option<Vec<u8>> {
        self.compress.reset();
        if level != self.level {
            self.compress.set_level(Compression::new(level)).ok()?;
            self.level = level;
        }
        let mut packed = Vec::with_capacity(data.len() / 2 + 64);
        loop {
            let read = self.compress.total_in() as usize;
            match self
                .compress
                .compress_vec(&data[read..], &mut packed, FlushCompress::Finish)
                .ok()?
            {
                Status::StreamEnd => return Some(packed),
                _ => packed.reserve(packed.capacity().max(1024)),
            }
        }
    }
}
