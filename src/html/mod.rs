//! The leaflet as one accessible web page (`build --format html`): a second
//! consumer of the composed [`Leaflet`], beside the PDF layouts. The page is
//! one file with its styles, fonts and pictures inside: no script, and no
//! request to anything outside it.

mod document;
mod fonts;
pub mod index;
mod nodes;
mod palette;
mod pictogram;
mod picture;

/// Whether the first bytes of a file are those of a page this tool wrote:
/// a build may replace it.
pub fn ours(head: &[u8]) -> bool {
    head.starts_with(b"<!DOCTYPE html>\n<html")
        && String::from_utf8_lossy(head).contains(document::GENERATOR)
}

use crate::diagnostic::Diagnostic;
use crate::layout::compose::{Leaflet, Node, PanelRole};
use crate::model::{Clinic, Handout};

/// The web page of `leaflet`, composed from `handout` for `clinic`. The
/// warning box needs the words a screen reader says before its heading
/// ("Urgent advice:"): a language without built-in words must set them.
pub fn page(handout: &Handout, clinic: &Clinic, leaflet: &Leaflet) -> Result<String, Diagnostic> {
    let warns = leaflet.body.iter().any(|n| {
        matches!(
            n,
            Node::Panel {
                role: PanelRole::Warning,
                ..
            }
        )
    });
    let urgent = match handout.words.urgent() {
        Some(words) => words,
        None if !warns => "",
        None => {
            let file = &handout.file;
            let at = file
                .words
                .as_ref()
                .map(|w| w.span().start)
                .or_else(|| file.language.as_ref().map(|l| l.span().start))
                .unwrap_or(0);
            let message = format!(
                "the web page tells screen reader users that the warning box is urgent, but there \
                 are no built-in words for language `{}`; set `urgent` under [words] in this \
                 handout (in English: \"Urgent advice:\")",
                handout.language
            );
            return Err(handout.source.error(at, "missing-words", message));
        }
    };
    Ok(document::document(handout, clinic, leaflet, urgent))
}
