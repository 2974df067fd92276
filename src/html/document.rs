//! The page around the leaflet: `<html lang dir>`, the header band with the
//! clinic's logo and how to reach it, the leaflet in `<main>`, and the review
//! date and disclaimer in `<footer>`. One file: styles, fonts and pictures
//! inside it, no script.

use super::fonts::{system_fonts, web_fonts};
use super::nodes::{Writer, attr, safe_link};
use super::palette::Scheme;
use super::picture::{LOGO_HEIGHT, data_uri, width_at};
use crate::layout::compose::{Header, Leaflet};
use crate::model::{Clinic, Handout};
use crate::parse::clinic::WebFonts;
use std::fmt::Write;

const STYLE: &str = include_str!("style.css");

/// What marks a page as one this tool wrote: a build may replace it.
pub(super) const GENERATOR: &str = "<meta name=\"generator\" content=\"handout\">";

/// The whole page for `leaflet`, composed from `handout` for `clinic`;
/// `urgent` is what a screen reader hears before the warning box's heading.
pub fn document(handout: &Handout, clinic: &Clinic, leaflet: &Leaflet, urgent: &str) -> String {
    let mut w = Writer::new(clinic.phone.as_deref(), urgent);
    header(&mut w, &leaflet.header, clinic.website.as_deref());
    w.out.push_str("<main class=\"wrap\">\n<h1>");
    w.text(&leaflet.title.title);
    w.out.push_str("</h1>\n");
    if let Some(subtitle) = &leaflet.title.subtitle {
        w.out.push_str("<p class=\"subtitle\">");
        w.text(subtitle);
        w.out.push_str("</p>\n");
    }
    if let Some(prepared) = &leaflet.title.prepared_for {
        w.out.push_str("<p class=\"prepared\">");
        w.text(prepared);
        w.out.push_str("</p>\n");
    }
    w.nodes(&leaflet.body);
    w.node(&leaflet.contact);
    w.out.push_str("</main>\n<footer class=\"wrap\">\n<p>");
    w.text(&leaflet.footer.reviewed);
    w.out.push_str("</p>\n");
    w.node(&leaflet.disclaimer);
    w.out.push_str("</footer>\n");

    let fonts = match clinic.web_fonts {
        WebFonts::Embedded => web_fonts(&clinic.fonts, handout.writing.family, &w.chars),
        WebFonts::System => system_fonts(),
    };
    let mut page = String::with_capacity(w.out.len() + fonts.rules.len() + STYLE.len() + 1024);
    let dir = if handout.writing.rtl { "rtl" } else { "ltr" };
    let _ = write!(
        page,
        "<!DOCTYPE html>\n<html lang=\"{}\" dir=\"{dir}\">\n<head>\n<meta charset=\"utf-8\">\n\
         {GENERATOR}\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} | {}</title>\n",
        attr(&handout.language),
        attr(&handout.title),
        attr(&clinic.name),
    );
    if let Some(subtitle) = &handout.subtitle {
        let _ = writeln!(
            page,
            "<meta name=\"description\" content=\"{}\">",
            attr(subtitle)
        );
    }
    let (light, dark) = (Scheme::light(&clinic.colors), Scheme::dark(&clinic.colors));
    let _ = write!(
        page,
        "<meta name=\"color-scheme\" content=\"light dark\">\n<style>\n{}:root{{{}--font:{}}}\n\
         @media (prefers-color-scheme:dark){{:root{{{}}}}}\n@media print{{:root{{{}}}}}\n{STYLE}</style>\n\
         </head>\n<body>\n",
        fonts.rules,
        light.properties(),
        fonts.families,
        dark.properties(),
        light.properties(),
    );
    page.push_str(&w.out);
    page.push_str("</body>\n</html>\n");
    page
}

/// The clinic's band: logo, name, and its phone and website as links.
fn header(w: &mut Writer, header: &Header, website: Option<&str>) {
    w.out
        .push_str("<header class=\"band\">\n<div class=\"wrap\">\n");
    if let Some((logo, alt)) = &header.logo {
        // Beside the clinic's name, a logo that only says the name again
        // is not read out twice.
        let alt = if alt.trim() == header.name.trim() {
            ""
        } else {
            alt
        };
        let _ = writeln!(
            w.out,
            "<img src=\"{}\" alt=\"{}\" width=\"{}\" height=\"{LOGO_HEIGHT}\">",
            data_uri(logo, width_at(logo, LOGO_HEIGHT)),
            attr(alt),
            width_at(logo, LOGO_HEIGHT),
        );
    }
    w.out.push_str("<p class=\"clinic\">");
    w.text(&header.name);
    w.out.push_str("</p>\n");
    if header.phone.is_some() || header.website.is_some() {
        w.out.push_str("<p class=\"reach\">");
        if let Some(phone) = &header.phone {
            w.phone_link(phone);
        }
        if let (Some(shown), Some(url)) = (&header.website, website) {
            let url = if safe_link(url) {
                url.to_string()
            } else {
                format!("https://{url}")
            };
            let _ = write!(w.out, "<a href=\"{}\">", attr(&url));
            w.text(shown);
            w.out.push_str("</a>");
        }
        w.out.push_str("</p>\n");
    }
    w.out.push_str("</div>\n</header>\n");
}
