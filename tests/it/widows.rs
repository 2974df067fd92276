//! No page or column of any sample sheet (Letter, A4, large print, patient
//! copies; but Arabic, see below) begins or ends with a single line of a paragraph: every
//! paragraph and list item, the closing and the fine print included, that
//! runs on from one column to the next leaves at least two lines on each
//! side. Paragraphs are read from the tag tree (`pdfinfo -struct-text`),
//! their lines found on the page with `pdftotext -bbox-layout`.

use crate::common::*;
use crate::page_use::sheets;
use std::path::Path;

/// The text of each paragraph and list item body of `pdf`, in reading
/// order, without white space (Chinese is set without it).
fn paragraphs(pdf: &Path) -> Vec<String> {
    let tree = tool("pdfinfo", &["-struct-text", pdf.to_str().unwrap()]);
    let mut paragraphs = Vec::new();
    // The open paragraph and the indentation of its element.
    let mut open: Option<(usize, String)> = None;
    for line in tree.lines() {
        let depth = line.len() - line.trim_start().len();
        let text = line.trim();
        if let Some((d, _)) = &open
            && depth <= *d
        {
            paragraphs.extend(open.take().map(|(_, t)| t));
        }
        if let Some((_, t)) = &mut open {
            if let Some(quoted) = text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
                t.extend(quoted.chars().filter(|c| !c.is_whitespace()));
            }
        } else if text == "P (block)" || text == "LBody (block)" {
            open = Some((depth, String::new()));
        }
    }
    paragraphs.extend(open.map(|(_, t)| t));
    paragraphs.retain(|p| !p.is_empty());
    paragraphs
}

/// A printed line: where it comes in reading order (page, column, top)
/// and its text without white space.
struct Printed {
    at: (usize, usize, i64),
    text: String,
}

/// The body lines of `pdf` set in `columns` (left to right). A list number
/// drawn apart from its item is not the item's text.
fn printed(pdf: &Path, columns: usize) -> Vec<Printed> {
    let mut out = Vec::new();
    for (p, (w, _, lines)) in layout(pdf).into_iter().enumerate() {
        for mut line in lines {
            let column = usize::from(columns > 1 && line.left() >= w / 2.0);
            let number = |w: &Word| w.text.chars().all(|c| c.is_ascii_digit() || c == '•');
            let apart = line.words.len() < 2 || line.words[1].x0 - line.words[0].x1 > 8.0;
            if number(&line.words[0]) && apart {
                line.words.remove(0);
            }
            if line.words.is_empty() {
                continue;
            }
            let text: String = line.text().chars().filter(|c| !c.is_whitespace()).collect();
            let at = (p, column, (line.top() * 10.0) as i64);
            out.push(Printed { at, text });
        }
    }
    out.sort_by_key(|l| l.at);
    out
}

/// The (page, column) of each line of `paragraph`, each line the first
/// unused one after the one before that goes on with the paragraph; `None`
/// when it is not found whole.
fn lines_of(paragraph: &str, lines: &[Printed], used: &mut [bool]) -> Option<Vec<(usize, usize)>> {
    let mut rest = paragraph;
    let mut after = None;
    let mut found = Vec::new();
    while !rest.is_empty() {
        let next = (0..lines.len()).find(|&i| {
            !used[i]
                && after.is_none_or(|a| i > a)
                && !lines[i].text.is_empty()
                && rest.starts_with(&lines[i].text)
        })?;
        used[next] = true;
        rest = &rest[lines[next].text.len()..];
        found.push((lines[next].at.0, lines[next].at.1));
        after = Some(next);
    }
    Some(found)
}

#[test]
fn no_column_begins_or_ends_with_one_line_of_a_paragraph() {
    let dir = tempfile::tempdir().unwrap();
    let (mut splits, mut checked, mut missing) = (0, 0, Vec::new());
    let mut failures = Vec::new();
    for (n, (variant, args, columns, file)) in sheets().into_iter().enumerate() {
        let sub = dir.path().join(n.to_string());
        std::fs::create_dir_all(&sub).unwrap();
        let pdf = build(&sub, &file, &args);
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        // pdftotext gives Arabic lines in visual order, which cannot be
        // matched with the tag tree's text.
        if name.contains(".ar.") {
            continue;
        }
        let lines = printed(&pdf, columns);
        let mut used = vec![false; lines.len()];
        for paragraph in paragraphs(&pdf) {
            let Some(found) = lines_of(&paragraph, &lines, &mut used) else {
                missing.push(format!("{variant} {name}: {paragraph}"));
                continue;
            };
            checked += 1;
            let mut runs: Vec<usize> = Vec::new();
            for (i, place) in found.iter().enumerate() {
                match runs.last_mut() {
                    Some(run) if i > 0 && found[i - 1] == *place => *run += 1,
                    _ => runs.push(1),
                }
            }
            if runs.len() > 1 {
                splits += 1;
                if runs[0] < 2 || runs[runs.len() - 1] < 2 {
                    failures.push(format!("{variant} {name}: {runs:?} lines of {paragraph}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
    assert!(missing.is_empty(), "not found on the page: {missing:#?}");
    assert!(
        splits >= 10,
        "only {splits} of {checked} paragraphs run on: nothing tested"
    );
}
