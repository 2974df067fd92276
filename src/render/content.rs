//! A page's content stream, written as bytes. printpdf would take one heap
//! object per glyph and per path point, turn them into lopdf objects and
//! then into bytes; a leaflet page is thousands of glyphs, so that was a
//! sixth of a build. This writes the operators once, with numbers to the
//! precision a printer can show.

use crate::model::Rgb;

#[derive(Default)]
pub struct Content {
    bytes: Vec<u8>,
}

impl Content {
    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }

    fn op(&mut self, op: &str) {
        self.bytes.extend_from_slice(op.as_bytes());
        self.bytes.push(b'\n');
    }

    fn num(&mut self, v: f32) {
        number(&mut self.bytes, v);
        self.bytes.push(b' ');
    }

    fn nums(&mut self, values: &[f32]) {
        for &v in values {
            self.num(v);
        }
    }

    fn name(&mut self, name: &str) {
        self.bytes.push(b'/');
        self.bytes.extend_from_slice(name.as_bytes());
        self.bytes.push(b' ');
    }

    /// A marked-content sequence tagged `tag`, tied to the tag tree by `mcid`.
    pub fn begin_tagged(&mut self, tag: &str, mcid: i64) {
        self.name(tag);
        self.bytes.extend_from_slice(b"<</MCID ");
        self.bytes.extend_from_slice(mcid.to_string().as_bytes());
        self.op(">> BDC");
    }

    /// A sequence that is not read: decoration and page furniture.
    pub fn begin_artifact(&mut self) {
        self.op("/Artifact BMC");
    }

    pub fn end_marked(&mut self) {
        self.op("EMC");
    }

    pub fn begin_text(&mut self) {
        self.op("BT");
    }

    pub fn end_text(&mut self) {
        self.op("ET");
    }

    pub fn font(&mut self, resource: &str, size: f32) {
        self.name(resource);
        self.num(size);
        self.op("Tf");
    }

    /// Move the text origin to (`x`, `y`).
    pub fn text_at(&mut self, x: f32, y: f32) {
        self.nums(&[1.0, 0.0, 0.0, 1.0, x, y]);
        self.op("Tm");
    }

    /// Show glyphs by their two-byte codes; each a code and, where shaping
    /// moved the next glyph from where the viewer would put it, the
    /// adjustment in thousandths of an em (positive moves left). Codes are
    /// written as literal strings, two bytes a glyph rather than hex's
    /// four: half the bytes to write and to compress.
    pub fn show(&mut self, glyphs: impl Iterator<Item = (u16, f32)>) {
        self.bytes.push(b'[');
        let mut open = false;
        for (code, adjust) in glyphs {
            if !open {
                self.bytes.push(b'(');
                open = true;
            }
            for byte in code.to_be_bytes() {
                // A bare CR would be read as a line end, and parentheses
                // and backslashes delimit and escape.
                match byte {
                    b'(' | b')' | b'\\' => self.bytes.extend_from_slice(&[b'\\', byte]),
                    b'\r' => self.bytes.extend_from_slice(b"\\r"),
                    _ => self.bytes.push(byte),
                }
            }
            if adjust != 0.0 {
                self.bytes.extend_from_slice(b") ");
                number(&mut self.bytes, adjust);
                open = false;
            }
        }
        if open {
            self.bytes.push(b')');
        }
        self.op("] TJ");
    }

    pub fn fill_color(&mut self, c: Rgb) {
        self.nums(&channels(c));
        self.op("rg");
    }

    pub fn stroke_color(&mut self, c: Rgb) {
        self.nums(&channels(c));
        self.op("RG");
    }

    pub fn line_width(&mut self, width: f32) {
        self.num(width);
        self.op("w");
    }

    /// A rectangle's path, bottom-left at (`x`, `y`).
    pub fn rect(&mut self, x: f32, y: f32, w: f32, h: f32) {
        self.nums(&[x, y, w, h]);
        self.op("re");
    }

    /// A rectangle's path with corners rounded by `r`: lines and quarter
    /// circles as cubic Béziers.
    pub fn rounded_rect(&mut self, x: f32, y: f32, w: f32, h: f32, r: f32) {
        let r = r.min(w / 2.0).min(h / 2.0).max(0.0);
        if r == 0.0 {
            return self.rect(x, y, w, h);
        }
        // Control-point distance for a quarter circle.
        let k = r * 0.552_284_8;
        let (x1, y1) = (x + w, y + h);
        self.nums(&[x + r, y]);
        self.op("m");
        for (line, curve) in [
            ([x1 - r, y], [x1 - r + k, y, x1, y + r - k, x1, y + r]),
            ([x1, y1 - r], [x1, y1 - r + k, x1 - r + k, y1, x1 - r, y1]),
            ([x + r, y1], [x + r - k, y1, x, y1 - r + k, x, y1 - r]),
            ([x, y + r], [x, y + r - k, x + r - k, y, x + r, y]),
        ] {
            self.nums(&line);
            self.op("l");
            self.nums(&curve);
            self.op("c");
        }
        self.op("h");
    }

    pub fn fill(&mut self) {
        self.op("f");
    }

    pub fn stroke(&mut self) {
        self.op("S");
    }

    /// A pictogram's shapes filled in the current colour, scaled from its
    /// box to `size` points with its top-left corner at (`x`, `top`): the
    /// box's y runs down, so the scale turns it over. Points to a tenth of
    /// the box's unit: a twentieth of a point at the sizes printed, finer
    /// than print shows.
    pub fn icon(&mut self, outline: &crate::icons::Outline, x: f32, top: f32, size: f32) {
        use crate::icons::Segment;
        let s = size / crate::icons::BOX;
        self.op("q");
        self.nums(&[s, 0.0, 0.0, -s, x, top]);
        self.op("cm");
        for shape in &outline.shapes {
            for segment in &shape.segments {
                match *segment {
                    Segment::Move(p) => self.point(p, "m"),
                    Segment::Line(p) => self.point(p, "l"),
                    Segment::Cubic(a, b, p) => {
                        self.point(a, "");
                        self.point(b, "");
                        self.point(p, "c");
                    }
                    Segment::Close => self.op("h"),
                }
            }
            self.op(if shape.even_odd { "f*" } else { "f" });
        }
        self.op("Q");
    }

    /// A pictogram's point, then `op` when it ends an operation.
    fn point(&mut self, p: crate::icons::Point, op: &str) {
        self.nums(&[(p.x * 10.0).round() / 10.0, (p.y * 10.0).round() / 10.0]);
        if !op.is_empty() {
            self.op(op);
        }
    }

    /// Draw image `resource` into the box at (`x`, `y`), `w` by `h`.
    pub fn image(&mut self, resource: &str, x: f32, y: f32, w: f32, h: f32) {
        self.op("q");
        self.nums(&[w, 0.0, 0.0, h, x, y]);
        self.op("cm");
        self.name(resource);
        self.op("Do");
        self.op("Q");
    }
}

/// Colour channels from 0 to 1, to a thousandth.
fn channels(c: Rgb) -> [f32; 3] {
    [c.0, c.1, c.2].map(|v| f32::from(v) / 255.0)
}

/// `v` to three decimals at most, without trailing zeros: "12", "0.5",
/// "-3.25". Finer is invisible in print and only lengthens the file.
pub fn number(out: &mut Vec<u8>, v: f32) {
    let thousandths = (f64::from(v) * 1000.0).round() as i64;
    if thousandths < 0 {
        out.push(b'-');
    }
    let t = thousandths.unsigned_abs();
    digits(out, t / 1000);
    let frac = t % 1000;
    if frac != 0 {
        out.push(b'.');
        let places = [frac / 100, frac / 10 % 10, frac % 10];
        let last = places.iter().rposition(|d| *d != 0).unwrap_or(0);
        out.extend(places[..=last].iter().map(|d| b'0' + *d as u8));
    }
}

/// The decimal digits of `n`, without allocating.
fn digits(out: &mut Vec<u8>, n: u64) {
    let mut buf = [0u8; 20];
    let mut at = buf.len();
    let mut n = n;
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&buf[at..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(v: f32) -> String {
        let mut out = Vec::new();
        number(&mut out, v);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn numbers_are_short_and_exact_to_a_thousandth() {
        assert_eq!(written(12.0), "12");
        assert_eq!(written(0.5), "0.5");
        assert_eq!(written(-3.25), "-3.25");
        assert_eq!(written(0.043), "0.043");
        assert_eq!(written(7.005), "7.005");
        assert_eq!(written(-0.0004), "0");
        assert_eq!(written(590.2201), "590.22");
        assert_eq!(written(1_234_567.0), "1234567");
        assert_eq!(written(-0.5), "-0.5");
    }

    #[test]
    fn glyph_runs_break_only_where_adjusted() {
        let mut c = Content::default();
        c.show([(3, 0.0), (0x14, 9.0), (0x28, 0.0)].into_iter());
        assert_eq!(c.into_bytes(), b"[(\0\x03\0\x14) 9(\0\\()] TJ\n");
    }

    #[test]
    fn glyph_codes_escape_what_literal_strings_read_specially() {
        let mut c = Content::default();
        c.show([(0x0d29, 0.0), (0x5c0a, 0.0)].into_iter());
        assert_eq!(c.into_bytes(), b"[(\\r\\)\\\\\n)] TJ\n");
    }

    #[test]
    fn rounded_rect_closes_its_path() {
        let mut c = Content::default();
        c.rounded_rect(0.0, 0.0, 10.0, 10.0, 2.0);
        let s = String::from_utf8(c.into_bytes()).unwrap();
        assert!(s.starts_with("2 0 m\n8 0 l\n"));
        assert_eq!(s.matches(" c\n").count(), 4);
        assert!(s.ends_with("h\n"));
    }
}
