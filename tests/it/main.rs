//! One integration-test binary (linking one per file cost most of a cold CI run).
//! Each module runs the real `handout` binary or the library through its public API.

mod check;
mod common;
mod errors;
mod flow;
mod formats;
mod languages;
mod layouts;
mod patient;
mod qr;
mod readability;
mod reproducible;
mod robustness;
mod sample;
mod schema;
mod workflow;
mod pages;
