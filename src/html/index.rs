//! `index.html` for a folder built as web pages: every leaflet by its title,
//! in its language, for a clinic's web site.

use super::nodes::attr;
use super::palette::Scheme;
use crate::model::Clinic;
use crate::xml::escape_into;
use std::fmt::Write;

/// One leaflet on the index.
pub struct Entry {
    /// The page's file name, beside index.html.
    pub file: String,
    pub title: String,
    /// BCP 47 tag.
    pub language: String,
    /// The language's name in itself ("Español"), when known.
    pub language_name: Option<String>,
    pub rtl: bool,
}

/// The index of `entries` (in the order given) for `clinic`. The page is in
/// the language most of its leaflets are in; each title is marked with its own.
pub fn index(clinic: &Clinic, entries: &[Entry]) -> String {
    let lang = most_common(entries.iter().map(|e| e.language.as_str())).unwrap_or("en");
    let light = Scheme::light(&clinic.colors);
    let dark = Scheme::dark(&clinic.colors);
    let mut page = String::new();
    let _ = write!(
        page,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n{}\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"color-scheme\" content=\"light dark\">\n<title>{}</title>\n<style>\n\
         :root{{{}--font:system-ui,sans-serif}}\n@media (prefers-color-scheme:dark){{:root{{{}}}}}\n\
         {}</style>\n</head>\n<body>\n<main class=\"wrap\">\n<h1>",
        attr(lang),
        super::document::GENERATOR,
        attr(&clinic.name),
        light.properties(),
        dark.properties(),
        include_str!("style.css"),
    );
    escape_into(&mut page, &clinic.name);
    page.push_str("</h1>\n<ul class=\"leaflets\">\n");
    for e in entries {
        let dir = if e.rtl { " dir=\"rtl\"" } else { "" };
        let _ = write!(
            page,
            "<li><a href=\"{}\" hreflang=\"{}\" lang=\"{}\"{dir}>",
            attr(&href(&e.file)),
            attr(&e.language),
            attr(&e.language),
        );
        escape_into(&mut page, &e.title);
        page.push_str("</a>");
        let name = e.language_name.as_deref().unwrap_or(&e.language);
        let _ = write!(page, " <span lang=\"{}\"{dir}>(", attr(&e.language));
        escape_into(&mut page, name);
        page.push_str(")</span></li>\n");
    }
    page.push_str("</ul>\n</main>\n</body>\n</html>\n");
    page
}

/// A file name as a relative address: characters that mean something in
/// an address are percent-encoded.
fn href(file: &str) -> String {
    let mut out = String::new();
    for b in file.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

fn most_common<'a>(items: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for item in items {
        match counts.iter_mut().find(|(i, _)| *i == item) {
            Some((_, n)) => *n += 1,
            None => counts.push((item, 1)),
        }
    }
    // The first of the most common, so the answer does not depend on sorting.
    let most = counts.iter().map(|(_, n)| *n).max()?;
    counts.iter().find(|(_, n)| *n == most).map(|(i, _)| *i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_safe_addresses() {
        assert_eq!(href("knee pain#1.es.html"), "knee%20pain%231.es.html");
        assert_eq!(most_common(["es", "en", "en"].into_iter()), Some("en"));
        assert_eq!(most_common(["es", "en"].into_iter()), Some("es"));
    }
}
