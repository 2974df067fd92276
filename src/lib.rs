//! `handout` turns patient handouts written in TOML into branded PDF leaflets.
//!
//! The pipeline is a chain of pure stages, one module each:
//! [`parse`] (TOML with spans) → [`model`] (validated handout and clinic) →
//! [`text`] (fonts, shaping, line breaking) → [`layout`] (positioned frames) →
//! [`render`] (frames to PDF bytes); [`html`] writes the same composed
//! leaflet as a web page. [`build`] strings them together for the CLI.

pub mod beside;
pub mod build;
pub mod check;
pub mod cli;
pub mod console;
pub mod contrast;
pub mod date;
pub mod diagnostic;
pub mod formats;
pub mod html;
pub mod icons;
pub mod init;
pub mod input;
pub mod interrupt;
pub mod layout;
pub mod library;
pub mod listing;
pub mod manual;
pub mod markup;
pub mod model;
pub mod output;
pub mod parse;
pub mod picture;
pub mod plan;
pub mod readability;
pub mod render;
pub mod scaffold;
pub mod schema;
pub mod text;
pub mod watch;
pub mod xml;
