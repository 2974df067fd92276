//! The bundled pictograms (Health Icons, see data/icons/README.md): looked
//! up by name, and parsed from SVG into filled outlines with usvg the first
//! time one is drawn, so a handout pays only for the pictograms it uses.

use std::sync::OnceLock;
use tiny_skia_path::PathSegment;

/// One pictogram: its name in handouts, the category it is listed under,
/// its English title and its SVG source.
pub struct Icon {
    pub name: &'static str,
    pub category: &'static str,
    pub title: &'static str,
    svg: &'static str,
    outline: OnceLock<Outline>,
}

macro_rules! icon {
    ($name:literal, $category:literal, $title:literal) => {
        Icon {
            name: $name,
            category: $category,
            title: $title,
            svg: include_str!(concat!("../../data/icons/", $category, "/", $name, ".svg")),
            outline: std::sync::OnceLock::new(),
        }
    };
}

pub mod command;
mod set;
mod sheet;

/// The side of the square every pictogram is drawn in, in its own units.
pub const BOX: f32 = 48.0;

/// A point in the pictogram's box, y downwards.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub x: f32,
    pub y: f32,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Segment {
    Move(Point),
    Line(Point),
    Cubic(Point, Point, Point),
    Close,
}

/// One filled shape; `even_odd` when its holes are cut by the even-odd rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    pub segments: Vec<Segment>,
    pub even_odd: bool,
}

/// What a pictogram draws: shapes filled in one colour, in a [`BOX`] square.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Outline {
    pub shapes: Vec<Shape>,
}

/// Every bundled pictogram, sorted by name.
pub fn all() -> &'static [Icon] {
    &set::ICONS
}

/// The pictogram called `name`.
pub fn find(name: &str) -> Option<&'static Icon> {
    let icons = all();
    icons
        .binary_search_by(|icon| icon.name.cmp(name))
        .ok()
        .map(|i| &icons[i])
}

/// The name nearest `name`, for "did you mean".
pub fn nearest(name: &str) -> Option<&'static str> {
    let names: Vec<&'static str> = all().iter().map(|i| i.name).collect();
    crate::parse::closest(name, &names)
}

impl Icon {
    /// Its name in words, for a pictogram that stands alone in an English
    /// handout: "blood-drop" is "Blood drop".
    pub fn english(&self) -> String {
        let words = self.name.replace('-', " ");
        let mut chars = words.chars();
        chars
            .next()
            .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
    }

    /// The pictogram's shapes, parsed on first use. The bundled files are
    /// checked by a test, so a file usvg could not read would draw nothing
    /// rather than stop a build.
    pub fn outline(&self) -> &Outline {
        self.outline.get_or_init(|| {
            usvg::Tree::from_str(self.svg, &usvg::Options::default())
                .map(|tree| outline_of(&tree))
                .unwrap_or_default()
        })
    }
}

impl std::fmt::Debug for Icon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name)
    }
}

/// The filled paths of a parsed SVG, transforms applied, quadratic curves
/// raised to cubic (PDF draws only cubic ones).
fn outline_of(tree: &usvg::Tree) -> Outline {
    let mut shapes = Vec::new();
    let mut stack = vec![tree.root()];
    while let Some(group) = stack.pop() {
        for node in group.children() {
            match node {
                usvg::Node::Group(g) => stack.push(g),
                usvg::Node::Path(path) if path.is_visible() => {
                    let Some(fill) = path.fill() else { continue };
                    let Some(data) = path.data().clone().transform(path.abs_transform()) else {
                        continue;
                    };
                    shapes.push(Shape {
                        segments: segments(&data),
                        even_odd: fill.rule() == usvg::FillRule::EvenOdd,
                    });
                }
                _ => {}
            }
        }
    }
    Outline { shapes }
}

fn segments(path: &tiny_skia_path::Path) -> Vec<Segment> {
    let at = |p: tiny_skia_path::Point| Point { x: p.x, y: p.y };
    let mut last = Point { x: 0.0, y: 0.0 };
    let mut out = Vec::with_capacity(path.len());
    for segment in path.segments() {
        let s = match segment {
            PathSegment::MoveTo(p) => Segment::Move(at(p)),
            PathSegment::LineTo(p) => Segment::Line(at(p)),
            PathSegment::QuadTo(c, p) => {
                // The cubic through the same curve: controls two thirds of
                // the way from each end to the quadratic's one.
                let (c, p) = (at(c), at(p));
                let third = |a: Point, b: Point| Point {
                    x: a.x + (b.x - a.x) * 2.0 / 3.0,
                    y: a.y + (b.y - a.y) * 2.0 / 3.0,
                };
                Segment::Cubic(third(last, c), third(p, c), p)
            }
            PathSegment::CubicTo(a, b, p) => Segment::Cubic(at(a), at(b), at(p)),
            PathSegment::Close => Segment::Close,
        };
        last = match s {
            Segment::Move(p) | Segment::Line(p) | Segment::Cubic(_, _, p) => p,
            Segment::Close => last,
        };
        out.push(s);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_pictogram_is_found_by_name_and_draws_filled_shapes() {
        assert!(all().len() >= 100);
        assert!(all().windows(2).all(|w| w[0].name < w[1].name));
        for icon in all() {
            assert!(std::ptr::eq(find(icon.name).unwrap(), icon));
            let outline = icon.outline();
            assert!(!outline.shapes.is_empty(), "{} draws nothing", icon.name);
            for shape in &outline.shapes {
                assert!(matches!(shape.segments.first(), Some(Segment::Move(_))));
                for s in &shape.segments {
                    if let Segment::Move(p) | Segment::Line(p) | Segment::Cubic(_, _, p) = s {
                        let inside = |v: f32| (-0.5..=BOX + 0.5).contains(&v);
                        assert!(inside(p.x) && inside(p.y), "{}: {p:?}", icon.name);
                    }
                }
            }
        }
    }

    #[test]
    fn a_near_miss_is_offered_the_name_meant() {
        assert_eq!(nearest("excercise"), Some("exercise"));
        assert_eq!(nearest("phon"), Some("phone"));
        assert!(find("excercise").is_none());
        assert_eq!(
            find("blood-drop").map(Icon::english).as_deref(),
            Some("Blood drop")
        );
    }

    #[test]
    fn a_quadratic_curve_becomes_the_same_cubic() {
        let mut b = tiny_skia_path::PathBuilder::new();
        b.move_to(0.0, 0.0);
        b.quad_to(3.0, 3.0, 6.0, 0.0);
        let s = segments(&b.finish().unwrap());
        let p = |x, y| Point { x, y };
        assert_eq!(s[1], Segment::Cubic(p(2.0, 2.0), p(4.0, 2.0), p(6.0, 0.0)));
    }
}
