//! `handout icons`: the bundled pictograms' names, one a line (or as JSON
//! with their categories and titles), or a contact sheet PDF to browse.

use super::all;
use crate::check::Format;
use std::path::Path;

/// Run `handout icons`; the exit status.
pub fn run(format: Format, sheet: Option<&Path>, clinic: Option<&Path>) -> i32 {
    match sheet {
        Some(path) => write_sheet(path, clinic),
        None => crate::console::print(0, |out| match format {
            Format::Human => all().iter().try_for_each(|i| writeln!(out, "{}", i.name)),
            Format::Json => writeln!(out, "{}", json()),
        }),
    }
}

fn json() -> serde_json::Value {
    let icons = all()
        .iter()
        .map(|i| serde_json::json!({"name": i.name, "category": i.category, "title": i.title}));
    serde_json::Value::Array(icons.collect())
}

/// The contact sheet in the clinic's colour and fonts, written to `path`
/// as a build writes a PDF: whole or not at all, and never over a file
/// that is not a PDF.
fn write_sheet(path: &Path, clinic: Option<&Path>) -> i32 {
    let (_, clinic) = match crate::library::open(clinic) {
        Ok(opened) => opened,
        Err(status) => return status,
    };
    if let Err(why) = crate::output::replaceable(path) {
        crate::console::say(format_args!("error: {}: {why}", path.display()));
        return 1;
    }
    let doc = super::sheet::contact_sheet(&clinic, crate::library::today());
    let pages = doc.pages.len();
    let bytes = match crate::render::pdf(doc) {
        Ok(bytes) => bytes,
        Err(e) => return crate::diagnostic::print_all(&[clinic.print_problem(path, e)]),
    };
    let written =
        crate::output::write_atomic(path, &bytes).map_err(|e| crate::model::io_reason(&e));
    match written {
        Ok(()) => crate::console::print(0, |out| {
            let count = all().len();
            writeln!(
                out,
                "wrote {} ({count} pictograms on {pages} pages)",
                path.display()
            )
        }),
        Err(why) => {
            crate::console::say(format_args!("error: {}: {why}", path.display()));
            1
        }
    }
}
