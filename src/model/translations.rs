//! The other languages a handout is available in: the handout it
//! translates (or itself, for a source) and that source's translations in
//! the same folder, each current (made from the source's latest review).
//! Named by each language's own name, from its words.
//!
//! A [`Shelf`] reads each folder once: a batch of a hundred handouts asks
//! it a hundred times, and reading the folder each time made the batch
//! quadratic. One run (a build, a check, one round of watch) holds one.

use super::{read_source, words};
use crate::parse::from_toml;
use crate::parse::handout::HandoutFile;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// What the also-available line needs of one handout file on the shelf.
#[derive(Debug)]
struct Volume {
    path: PathBuf,
    /// The file this one translates, as it names it.
    translation_of: Option<String>,
    /// For a translation, the source's review it was made from.
    source_reviewed: Option<String>,
    reviewed: String,
    /// The language's name in itself, when known.
    language_name: Option<String>,
}

/// The handout files of each folder asked about, read once per run.
#[derive(Debug, Default)]
pub struct Shelf {
    folders: Mutex<HashMap<PathBuf, Arc<Vec<Volume>>>>,
}

impl Shelf {
    /// The names of the languages the handout at `path` (read as `file`) is
    /// also available in, in file-name order; none when its folder cannot
    /// be read.
    pub fn other_languages(&self, path: &Path, file: &HandoutFile) -> Vec<String> {
        let source_name = match &file.translation_of {
            Some(of) => of.get_ref().trim().to_string(),
            None => path
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned(),
        };
        let dir = path.parent().unwrap_or(Path::new(""));
        let source_path = dir.join(&source_name);
        let source_reviewed = match &file.translation_of {
            None => file.reviewed.get_ref().to_string(),
            Some(_) => match self.reviewed(&source_path) {
                Some(source) => source,
                None => return Vec::new(),
            },
        };
        let current = |v: &Volume| {
            v.translation_of.as_deref() == Some(source_name.as_str())
                && v.source_reviewed
                    .as_ref()
                    .is_some_and(|d| *d >= source_reviewed)
        };
        self.folder(dir)
            .iter()
            .filter(|v| v.path != path)
            .filter(|v| v.path == source_path || current(v))
            .filter_map(|v| v.language_name.clone())
            .collect()
    }

    /// The review date of the handout at `path`, when it is readable.
    fn reviewed(&self, path: &Path) -> Option<String> {
        let folder = self.folder(path.parent().unwrap_or(Path::new("")));
        let v = folder.iter().find(|v| v.path == path)?;
        Some(v.reviewed.clone())
    }

    /// The readable handouts of `dir`, sorted by file name.
    fn folder(&self, dir: &Path) -> Arc<Vec<Volume>> {
        let mut folders = self.folders.lock().unwrap_or_else(|e| e.into_inner());
        folders
            .entry(dir.to_path_buf())
            .or_insert_with(|| Arc::new(read_folder(dir)))
            .clone()
    }
}

fn read_folder(dir: &Path) -> Vec<Volume> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml") && p.is_file())
        .collect();
    files.sort();
    files.iter().filter_map(|p| volume(p)).collect()
}

fn volume(path: &Path) -> Option<Volume> {
    let source = read_source(path).ok()?;
    let f = from_toml::<HandoutFile>(&source).ok()?;
    let tag = f.language.as_ref().map_or("en", |l| l.get_ref().trim());
    Some(Volume {
        path: path.to_path_buf(),
        translation_of: f
            .translation_of
            .as_ref()
            .map(|of| of.get_ref().trim().to_string()),
        source_reviewed: f.source_reviewed.as_ref().map(|d| d.get_ref().to_string()),
        reviewed: f.reviewed.get_ref().to_string(),
        language_name: words::language_name(tag, f.words.as_ref().map(|w| w.get_ref())),
    })
}
