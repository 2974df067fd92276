//! Stream data that ends where its /Length says, whatever its last byte.
//! lopdf writes a single LF between a stream's data and `endstream`; when
//! the data's last byte is a CR (about one compressed stream in 256), a
//! strict reader takes that CR and the LF for one end of line, and finds
//! /Length one byte too long (ISO 19005-2 6.1.7.1). Every stream is given
//! CR LF there instead, which no reader can take for part of the data.

use lopdf::{Object, Stream};

/// End each stream of `pdf` with CR LF before `endstream`: a CR after the
/// data, not counted in /Length, before the LF lopdf writes. Done last,
/// just before the file is written.
pub fn end_with_crlf(pdf: &mut lopdf::Document) {
    for object in pdf.objects.values_mut() {
        if let Object::Stream(stream) = object {
            end(stream);
        }
    }
}

fn end(stream: &mut Stream) {
    let length = stream.content.len();
    stream.content.push(b'\r');
    stream.dict.set("Length", length as i64);
}

#[cfg(test)]
mod tests {
    use lopdf::{Dictionary, Object, Stream};

    /// The bytes a one-stream document is written as.
    fn written(data: &[u8]) -> Vec<u8> {
        let mut pdf = lopdf::Document::with_version("1.7");
        pdf.add_object(Object::Stream(Stream::new(
            Dictionary::new(),
            data.to_vec(),
        )));
        super::end_with_crlf(&mut pdf);
        let mut bytes = Vec::new();
        pdf.save_to(&mut bytes).unwrap();
        bytes
    }

    #[test]
    fn data_ending_in_a_carriage_return_keeps_its_length() {
        for data in [&b"abc\r"[..], b"abc\n", b"abc", b""] {
            let bytes = written(data);
            let mut expected = format!("/Length {}>>stream\n", data.len()).into_bytes();
            expected.extend_from_slice(data);
            expected.extend_from_slice(b"\r\nendstream");
            assert!(
                bytes.windows(expected.len()).any(|w| w == expected),
                "{data:?}: {}",
                String::from_utf8_lossy(&bytes)
            );
            // Read back, the stream is its data, no more and no less.
            let read = lopdf::Document::load_mem(&bytes).unwrap();
            let stream = read
                .objects
                .values()
                .find_map(|o| o.as_stream().ok())
                .unwrap();
            assert_eq!(stream.content, data);
        }
    }
}
