//! A bundled pictogram as inline SVG: the outline the PDF draws, written as
//! path data and filled with the text's colour (`currentColor`), so it takes
//! the brand colour beside an item, the warning colour in the care card and
//! follows the dark scheme.

use super::nodes::attr;
use crate::icons::{BOX, Icon, Segment};
use std::fmt::Write;

/// `icon` as an `<svg>` element: an image named `alt` when it stands alone,
/// else hidden from screen readers (the words beside it say the same).
pub fn svg(icon: &Icon, alt: Option<&str>) -> String {
    let mut out = String::with_capacity(1024);
    let role = match alt {
        Some(alt) => format!("role=\"img\" aria-label=\"{}\"", attr(alt)),
        None => "aria-hidden=\"true\"".to_string(),
    };
    let _ = write!(
        out,
        "<svg class=\"icon\" {role} focusable=\"false\" viewBox=\"0 0 {BOX} {BOX}\">"
    );
    for shape in &icon.outline().shapes {
        let rule = if shape.even_odd {
            " fill-rule=\"evenodd\""
        } else {
            ""
        };
        let _ = write!(out, "<path{rule} d=\"{}\"/>", path_data(&shape.segments));
    }
    out.push_str("</svg>");
    out
}

/// SVG path data for `segments`, to a hundredth of the 48-unit box (a
/// pictogram is at most a few dozen pixels across).
fn path_data(segments: &[Segment]) -> String {
    let mut d = String::new();
    let n = |v: f32| {
        let v = (v * 100.0).round() / 100.0;
        format!("{v}")
    };
    for s in segments {
        match s {
            Segment::Move(p) => write!(d, "M{} {}", n(p.x), n(p.y)),
            Segment::Line(p) => write!(d, "L{} {}", n(p.x), n(p.y)),
            Segment::Cubic(a, b, p) => write!(
                d,
                "C{} {} {} {} {} {}",
                n(a.x),
                n(a.y),
                n(b.x),
                n(b.y),
                n(p.x),
                n(p.y)
            ),
            Segment::Close => write!(d, "Z"),
        }
        .expect("writing to a String");
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pictogram_beside_words_is_hidden_and_one_alone_is_named() {
        let phone = crate::icons::find("phone").unwrap();
        let hidden = svg(phone, None);
        assert!(hidden.starts_with("<svg class=\"icon\" aria-hidden=\"true\""));
        assert!(hidden.contains("<path") && hidden.contains(" d=\"M"));
        let named = svg(phone, Some("Call \"us\""));
        assert!(named.contains("role=\"img\" aria-label=\"Call &quot;us&quot;\""));
    }

    #[test]
    fn path_data_is_rounded_to_hundredths() {
        let p = |x, y| crate::icons::Point { x, y };
        let d = path_data(&[
            Segment::Move(p(1.0, 2.004)),
            Segment::Line(p(3.333_33, 4.0)),
            Segment::Close,
        ]);
        assert_eq!(d, "M1 2L3.33 4Z");
    }
}
