//! zlib compression for PDF streams, with one compressor reused across
//! streams: its buffers are large, and allocating them per stream costs page
//! faults.

use flate2::{Compress, Compression, FlushCompress, Status};

pub struct Deflater(Compress);

impl Deflater {
    /// `level` 1 (fastest) to 9 (smallest).
    pub fn new(level: u32) -> Deflater {
        Deflater(Compress::new(Compression::new(level), true))
    }

    /// `data` as a zlib stream, or `None` if compression failed.
    pub fn deflate(&mut self, data: &[u8]) -> Option<Vec<u8>> {
        self.0.reset();
        let mut packed = Vec::with_capacity(data.len() / 2 + 64);
        loop {
            let read = self.0.total_in() as usize;
            match self
                .0
                .compress_vec(&data[read..], &mut packed, FlushCompress::Finish)
                .ok()?
            {
                Status::StreamEnd => return Some(packed),
                _ => packed.reserve(packed.capacity().max(1024)),
            }
        }
    }
}
