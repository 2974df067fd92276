//! What `build` writes for each handout: a PDF, a web page, or both, and the
//! file each goes to.

pub use crate::plan::Format;
use std::path::{Path, PathBuf};

/// The outputs asked for, at least one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats {
    pub pdf: bool,
    pub html: bool,
}

impl Default for Formats {
    /// A PDF, as before there were web pages.
    fn default() -> Formats {
        Formats::PDF
    }
}

impl Formats {
    pub const PDF: Formats = Formats {
        pdf: true,
        html: false,
    };

    /// The formats named, in the order they are written.
    pub fn of(formats: &[Format]) -> Formats {
        Formats {
            pdf: formats.contains(&Format::Pdf),
            html: formats.contains(&Format::Html),
        }
    }

    pub fn each(self) -> impl Iterator<Item = Format> {
        [(self.pdf, Format::Pdf), (self.html, Format::Html)]
            .into_iter()
            .filter_map(|(on, f)| on.then_some(f))
    }
}

/// The files one handout is written to, a format each. `-o FILE` names the
/// file of the format its extension says (else the first format); the
/// other format takes the same name with its own extension.
pub fn targets(
    output: Option<&Path>,
    default: impl Fn(Format) -> PathBuf,
    formats: Formats,
) -> Vec<(Format, PathBuf)> {
    let Some(output) = output else {
        return formats.each().map(|f| (f, default(f))).collect();
    };
    let named = formats.each().find(|f| {
        output
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case(f.extension()))
    });
    formats
        .each()
        .map(|f| {
            let path = match named {
                Some(n) if n != f => output.with_extension(f.extension()),
                None if formats.each().next() != Some(f) => output.with_extension(f.extension()),
                _ => output.to_path_buf(),
            };
            (f, path)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_output_names_the_file_of_its_format() {
        let both = Formats {
            pdf: true,
            html: true,
        };
        let default = |f: Format| PathBuf::from(format!("out/a.{}", f.extension()));
        assert_eq!(
            targets(None, default, both),
            [
                (Format::Pdf, "out/a.pdf".into()),
                (Format::Html, "out/a.html".into())
            ]
        );
        let html = Formats::of(&[Format::Html]);
        assert_eq!(
            targets(Some(Path::new("x.html")), default, html),
            [(Format::Html, "x.html".into())]
        );
        assert_eq!(
            targets(Some(Path::new("x.html")), default, both),
            [
                (Format::Pdf, "x.pdf".into()),
                (Format::Html, "x.html".into())
            ]
        );
        assert_eq!(
            targets(Some(Path::new("x.pdf")), default, both),
            [
                (Format::Pdf, "x.pdf".into()),
                (Format::Html, "x.html".into())
            ]
        );
    }
}
