//! One integration-test binary (linking one per file cost most of a cold CI run).
//! Each module runs the real `handout` binary or the library through its public API.

mod accessible;
mod attacks;
mod breaks;
mod check;
mod chrome;
mod collections;
mod common;
mod editor_errors;
mod editor_tools;
mod errors;
mod fifteen;
mod floats;
mod flow;
mod fold;
mod formats;
mod jargon;
mod languages;
mod layouts;
mod lazy_fonts;
mod page_use;
mod pages;
mod patient;
mod pemat;
mod pictograms;
mod programmer_words;
mod qr;
mod readability;
mod reproducible;
mod robustness;
mod sample;
mod schema;
mod spanish;
mod tags;
mod web;
mod workflow;
