//! What a second core does while the first draws the pages: subset each
//! face's program and compress it, then compress each page's content
//! stream as it is drawn. On one core this was a third of rendering.

use super::Error;
use super::deflate::Deflater;
use super::fonts::{self, Embedded};
use crate::text::FontSet;
use lopdf::{Dictionary, Stream};
use std::sync::mpsc::Receiver;

/// Streams ready for the finishing pass.
pub struct Packed {
    /// Each face's program, in the order of the faces.
    pub programs: Vec<Stream>,
    /// Each page's content stream, in page order.
    pub contents: Vec<Stream>,
}

/// The programs of the faces in `embedded`, then the content streams that
/// arrive on `contents` until it closes.
pub fn pack(
    fonts: &FontSet,
    embedded: &Embedded,
    contents: Receiver<Vec<u8>>,
) -> Result<Packed, Error> {
    let mut deflater = Deflater::default();
    let mut programs = Vec::with_capacity(embedded.len());
    for (&id, face) in embedded {
        let mut program = fonts::program(fonts, id, face)?;
        deflater.pack(&mut program);
        programs.push(program);
    }
    let contents = contents
        .into_iter()
        .map(|content| {
            let mut stream = Stream::new(Dictionary::new(), content);
            deflater.pack(&mut stream);
            stream
        })
        .collect();
    Ok(Packed { programs, contents })
}
