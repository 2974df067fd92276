//! The other languages a handout is available in: the handout it
//! translates (or itself, for a source) and that source's translations in
//! the same folder, each current (made from the source's latest review).
//! Named by each language's own name, from its words.

use super::{read_source, words};
use crate::parse::from_toml;
use crate::parse::handout::HandoutFile;
use std::path::{Path, PathBuf};

/// The names of the languages the handout at `path` (read as `file`) is
/// also available in, in file-name order; none when its folder cannot be read.
pub fn other_languages(path: &Path, file: &HandoutFile) -> Vec<String> {
    let dir = path.parent().unwrap_or(Path::new(""));
    let own_name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let source_name = match &file.translation_of {
        Some(of) => of.get_ref().trim().to_string(),
        None => own_name.clone().unwrap_or_default(),
    };
    let parsed = |p: &Path| {
        let source = read_source(p).ok()?;
        from_toml::<HandoutFile>(&source).ok()
    };
    let source_path = dir.join(&source_name);
    let source_reviewed = if file.translation_of.is_none() {
        file.reviewed.get_ref().to_string()
    } else {
        match parsed(&source_path) {
            Some(source) => source.reviewed.get_ref().to_string(),
            None => return Vec::new(),
        }
    };
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file())
        .filter(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()) != own_name)
        .collect();
    files.sort();
    let mut names = Vec::new();
    for other in files {
        let Some(f) = parsed(&other) else { continue };
        let is_source = other == source_path;
        let current = f.translation_of.as_ref().is_some_and(|of| {
            of.get_ref().trim() == source_name
                && f.source_reviewed
                    .as_ref()
                    .is_some_and(|d| d.get_ref().to_string() >= source_reviewed)
        });
        if !is_source && !current {
            continue;
        }
        let tag = f.language.as_ref().map_or("en", |l| l.get_ref().trim());
        let own = f.words.as_ref().map(|w| w.get_ref());
        if let Some(name) = words::language_name(tag, own) {
            names.push(name);
        }
    }
    names
}
