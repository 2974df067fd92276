//! Shared helpers for the integration tests: run the real binary, and read
//! its PDFs back with tools nobody here wrote (poppler, qpdf).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root (where clinic.toml and the samples live).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn sample() -> PathBuf {
    repo().join("handouts/upper-back-pain-after-running.toml")
}

/// "Today" for every run of the binary (2026-11-23), so no test depends on
/// the clock: the fixtures, reviewed in 2026, never expire under it.
pub const TODAY_EPOCH: &str = "1795392000";

/// The date [`TODAY_EPOCH`] names.
pub fn today() -> handout::date::Date {
    handout::date::Date::from_days_since_epoch(TODAY_EPOCH.parse::<i64>().unwrap() / 86_400)
}

/// Run `handout ARGS...` in `dir`, on [`TODAY_EPOCH`]; fails the test when a
/// message uses programmer jargon.
pub fn handout(dir: &Path, args: &[&str]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_handout"))
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", TODAY_EPOCH)
        .output()
        .expect("the handout binary runs");
    crate::programmer_words::assert_plain(&out);
    out
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The run's standard error says `words`.
pub fn assert_says(out: &Output, words: &str) {
    assert!(stderr(out).contains(words), "{}", stderr(out));
}

/// Build `input` with the repository's clinic into `dir/NAME.pdf` (a
/// patient copy into `dir/NAME.patient.pdf`: never a shared leaflet's
/// name); panics on failure.
pub fn build(dir: &Path, input: &Path, extra: &[&str]) -> PathBuf {
    let copy = if extra.contains(&"--patient") {
        ".patient"
    } else {
        ""
    };
    let pdf = dir.join(format!(
        "{}{copy}.pdf",
        input.file_stem().unwrap().to_string_lossy()
    ));
    let clinic = repo().join("clinic.toml");
    let mut args = vec![
        "build",
        input.to_str().unwrap(),
        "--clinic",
        clinic.to_str().unwrap(),
        "-o",
        pdf.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let out = handout(dir, &args);
    assert!(out.status.success(), "build failed: {}", stderr(&out));
    assert_valid(&pdf);
    pdf
}

/// `qpdf --check` finds no damage, and poppler reads the text without complaint.
pub fn assert_valid(pdf: &Path) {
    let check = tool("qpdf", &["--check", pdf.to_str().unwrap()]);
    assert!(
        check.contains("No syntax or stream encoding errors"),
        "{check}"
    );
    let out = Command::new("pdftotext")
        .args([pdf.to_str().unwrap(), "/dev/null"])
        .output()
        .unwrap();
    assert!(
        out.stderr.is_empty(),
        "poppler complains: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Run an external tool and return its standard output; panics if it fails.
pub fn tool(program: &str, args: &[&str]) -> String {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} must be installed (bash .ci/run installs it): {e}"));
    assert!(
        out.status.success(),
        "{program} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The text in the order it is drawn, which is the reading order: poppler's
/// default mode guesses an order from positions and can read a line at the
/// top of the second column before the foot of the first.
pub fn text_of(pdf: &Path) -> String {
    let raw = tool("pdftotext", &["-raw", pdf.to_str().unwrap(), "-"]);
    let page = |page: &str| page.lines().map(logical).collect::<Vec<_>>().join("\n");
    raw.split('\u{c}')
        .map(page)
        .collect::<Vec<_>>()
        .join("\n\u{c}")
}

/// The text of page `page` (1-based) between `left` and `right`, in the
/// order it is drawn, as [`text_of`] reads it: one panel of a trifold.
pub fn text_between(pdf: &Path, page: usize, left: f32, right: f32) -> String {
    let (page, x, w) = (
        page.to_string(),
        left.round().to_string(),
        (right - left).round().to_string(),
    );
    let crop = [
        "-f", &page, "-l", &page, "-x", &x, "-y", "0", "-W", &w, "-H", "100000",
    ];
    let mut args = vec!["-raw"];
    args.extend(crop);
    args.extend([pdf.to_str().unwrap(), "-"]);
    let raw = tool("pdftotext", &args);
    raw.lines().map(logical).collect::<Vec<_>>().join("\n")
}

/// A right-to-left word drawn in pieces (marks, a full stop beside it) has
/// them left to right: each U+202B…U+202C group or stretch between groups,
/// in reverse.
fn reversed_pieces(word: &str) -> String {
    let mut pieces: Vec<String> = vec![String::new()];
    for c in word.chars() {
        if c == '\u{202B}' && !pieces.last().unwrap().is_empty() {
            pieces.push(String::new());
        }
        pieces.last_mut().unwrap().push(c);
        if c == '\u{202C}' {
            pieces.push(String::new());
        }
    }
    pieces.reverse();
    pieces.concat()
}

/// Raw mode gives a line's words left to right as drawn, right-to-left
/// words wrapped in U+202B…U+202C. In logical order the line's runs come
/// right to left, the words of a right-to-left run too, while a left-to-right
/// run (a phone number) keeps its order.
fn logical(line: &str) -> String {
    if !line.contains('\u{202B}') {
        return line.to_string();
    }
    let rtl = |w: &&str| w.contains('\u{202B}');
    let words: Vec<&str> = line.split(' ').filter(|w| !w.is_empty()).collect();
    let mut runs: Vec<Vec<String>> = Vec::new();
    for (i, word) in words.iter().enumerate() {
        let word = if rtl(word) {
            reversed_pieces(word)
        } else {
            word.to_string()
        };
        match runs.last_mut() {
            Some(run) if i > 0 && rtl(&words[i - 1]) == rtl(&words[i]) => run.push(word),
            _ => runs.push(vec![word]),
        }
    }
    runs.reverse();
    for run in &mut runs {
        if run[0].contains('\u{202B}') {
            run.reverse();
        }
    }
    let text = runs.concat().join(" ");
    text.replace(['\u{202B}', '\u{202C}'], "")
}

/// The text without the lines that start with one of `chrome` (footers,
/// which repeat on every page and may fall inside a sentence that runs on).
pub fn text_without(pdf: &Path, chrome: &[&str]) -> String {
    let text = text_of(pdf);
    let lines = text
        .lines()
        .filter(|l| !chrome.iter().any(|c| l.starts_with(c)));
    lines.collect::<Vec<_>>().join("\n")
}

/// `pdfinfo` as key/value pairs.
pub fn info(pdf: &Path) -> Vec<(String, String)> {
    tool("pdfinfo", &[pdf.to_str().unwrap()])
        .lines()
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}

pub fn info_value(pdf: &Path, key: &str) -> String {
    info(pdf)
        .into_iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v)
        .unwrap_or_default()
}

/// The document with streams uncompressed, as text, for looking at operators.
pub fn uncompressed(pdf: &Path) -> String {
    let out = Command::new("qpdf")
        .args([
            "--qdf",
            "--object-streams=disable",
            pdf.to_str().unwrap(),
            "-",
        ])
        .output()
        .expect("qpdf runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// (font name, embedded, subset) for every font `pdffonts` lists.
pub fn fonts(pdf: &Path) -> Vec<(String, bool, bool)> {
    tool("pdffonts", &[pdf.to_str().unwrap()])
        .lines()
        .skip(2)
        .map(|l| {
            let cols: Vec<&str> = l.split_whitespace().collect();
            let n = cols.len();
            (
                cols[0].to_string(),
                cols[n - 5] == "yes",
                cols[n - 4] == "yes",
            )
        })
        .collect()
}

/// Whitespace collapsed to single spaces.
/// Whitespace collapsed; a word or address broken after a hyphen or slash
/// at a line's end ("post-" / "running") joined again.
pub fn normalize(s: &str) -> String {
    let s = s.replace("-\n", "-").replace("/\n", "/");
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A word as `pdftotext -bbox-layout` places it.
#[derive(Debug, Clone)]
pub struct Word {
    pub text: String,
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

/// A text line: its words, in order.
#[derive(Debug, Clone)]
pub struct TextLine {
    pub words: Vec<Word>,
}

impl TextLine {
    pub fn text(&self) -> String {
        self.words
            .iter()
            .map(|w| w.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
    pub fn top(&self) -> f32 {
        self.words.iter().map(|w| w.y0).fold(f32::MAX, f32::min)
    }
    pub fn left(&self) -> f32 {
        self.words.iter().map(|w| w.x0).fold(f32::MAX, f32::min)
    }
}

/// Pages (width, height, lines) from `pdftotext -bbox-layout`.
pub fn layout(pdf: &Path) -> Vec<(f32, f32, Vec<TextLine>)> {
    let xml = tool("pdftotext", &["-bbox-layout", pdf.to_str().unwrap(), "-"]);
    let attr = |tag: &str, name: &str| -> f32 {
        let key = format!("{name}=\"");
        let start = tag.find(&key).unwrap() + key.len();
        tag[start..].split('"').next().unwrap().parse().unwrap()
    };
    let mut pages = Vec::new();
    for page in xml.split("<page ").skip(1) {
        let head = &page[..page.find('>').unwrap()];
        let (w, h) = (attr(head, "width"), attr(head, "height"));
        let mut lines = Vec::new();
        for line in page.split("<line ").skip(1) {
            let mut words = Vec::new();
            for word in line.split("<word ").skip(1) {
                let tag_end = word.find('>').unwrap();
                let tag = &word[..tag_end];
                let text = &word[tag_end + 1..word.find("</word>").unwrap()];
                let text = text
                    .replace("&amp;", "&")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&apos;", "'");
                words.push(Word {
                    text,
                    x0: attr(tag, "xMin"),
                    y0: attr(tag, "yMin"),
                    x1: attr(tag, "xMax"),
                    y1: attr(tag, "yMax"),
                });
            }
            lines.push(TextLine { words });
        }
        pages.push((w, h, lines));
    }
    pages
}

/// The sample handouts in handouts/, every language, in name order.
pub fn sample_handouts() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo().join("handouts"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

/// Write `text` to `dir/name` and return the path.
pub fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&path, text).unwrap();
    path
}

/// A clinic library in a temporary folder: the repository's fonts and logo
/// (linked, not copied: the CJK faces are megabytes), and `clinic.toml`.
pub fn library(clinic_toml: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["fonts", "assets"] {
        let from = repo().join(sub);
        std::fs::create_dir_all(dir.path().join(sub)).unwrap();
        for entry in std::fs::read_dir(&from).unwrap() {
            let entry = entry.unwrap();
            std::os::unix::fs::symlink(entry.path(), dir.path().join(sub).join(entry.file_name()))
                .unwrap();
        }
    }
    write(dir.path(), "clinic.toml", clinic_toml);
    dir
}

/// The smallest clinic profile that builds.
pub const MINIMAL_CLINIC: &str = r#"name = "Test Clinic"
[fonts]
regular = "fonts/AtkinsonHyperlegibleNext-Regular.ttf"
bold = "fonts/AtkinsonHyperlegibleNext-Bold.ttf"
italic = "fonts/AtkinsonHyperlegibleNext-Italic.ttf"
bold_italic = "fonts/AtkinsonHyperlegibleNext-BoldItalic.ttf"
"#;

/// The built-in words for a language, as shipped in src/model/words/.
pub fn words(language: &str) -> toml::Table {
    let path = repo().join(format!("src/model/words/{language}.toml"));
    toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// A text field as printed: placeholders filled, markup dropped.
pub fn printed(text: &str) -> String {
    let text = text
        .replace("{clinic.phone}", "(212) 555-0147")
        .replace("{clinic.name}", "Gramercy Pain Center");
    let mut out = String::new();
    let mut rest = text.as_str();
    // A link prints its label: [label](address).
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let (label, after) = rest[open + 1..].split_once("](").unwrap();
        out.push_str(label);
        rest = after.split_once(')').unwrap().1;
    }
    out.push_str(rest);
    out.replace('*', "")
}

/// Every text of a handout file in print order, default headings included.
pub fn expected_texts(file: &Path, language: &str) -> Vec<String> {
    let doc: toml::Table = toml::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    let words = words(language);
    let s = |v: &toml::Value| v.as_str().unwrap().to_string();
    let mut out: Vec<String> = ["title", "subtitle", "summary"]
        .iter()
        .filter_map(|k| doc.get(*k).map(s))
        .collect();
    for section in doc["section"].as_array().unwrap() {
        out.extend(section_texts(section, &words));
    }
    out.extend(doc.get("closing").map(s));
    out.iter().map(|t| printed(t)).collect()
}

/// A section's texts as written, its default heading from `words` filled in.
pub fn section_texts(section: &toml::Value, words: &toml::Table) -> Vec<String> {
    let s = |v: &toml::Value| v.as_str().unwrap().to_string();
    let heading = match section.get("heading") {
        Some(h) => s(h),
        None => {
            let key = section["kind"].as_str().unwrap().replace('-', "_");
            s(&words[&key]).replace("{clinic}", "Gramercy Pain Center")
        }
    };
    let mut out = vec![heading];
    out.extend(section.get("intro").map(s));
    for item in section
        .get("item")
        .and_then(|i| i.as_array())
        .into_iter()
        .flatten()
    {
        out.extend(["title", "text"].iter().filter_map(|k| item.get(*k).map(s)));
    }
    out
}

/// Whether two words are drawn over each other. Poppler's word boxes span
/// the font's whole ascent and descent (Arabic faces reserve room for stacked
/// marks), so boxes of neighbouring lines may touch; words overprint when
/// their boxes share area and more than a third of the lower box's height.
pub fn overlap(a: &Word, b: &Word) -> bool {
    let eps = 0.3;
    let shared = a.y1.min(b.y1) - a.y0.max(b.y0);
    let height = (a.y1 - a.y0).min(b.y1 - b.y0);
    a.x0 + eps < b.x1 && b.x0 + eps < a.x1 && shared > height / 3.0
}

/// The first two words of different lines drawn over each other.
pub fn overprinted(lines: &[TextLine]) -> Option<(&Word, &Word)> {
    let words: Vec<(usize, &Word)> = lines
        .iter()
        .enumerate()
        .flat_map(|(l, line)| line.words.iter().map(move |w| (l, w)))
        .collect();
    words.iter().enumerate().find_map(|(i, (la, a))| {
        let over = words[i + 1..]
            .iter()
            .find(|(lb, b)| la != lb && overlap(a, b));
        over.map(|(_, b)| (*a, *b))
    })
}

/// Text without white space and the direction marks poppler adds around
/// right-to-left words, to find it whatever the line breaks.
pub fn squeezed(text: &str) -> String {
    let mark = |c: char| matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
    text.chars()
        .filter(|c| !c.is_whitespace() && !mark(*c))
        .collect()
}

/// Reads the pages' text in order, finding one snippet after another.
pub struct Reader {
    pub pages: Vec<String>,
    /// The page and byte after the last snippet found.
    pub at: (usize, usize),
}

impl Reader {
    pub fn new(pdf: &Path) -> Reader {
        Reader::of(text_of(pdf).split('\u{c}').map(squeezed).collect())
    }

    /// A reader of texts already squeezed, one a page.
    pub fn of(pages: Vec<String>) -> Reader {
        Reader { pages, at: (0, 0) }
    }

    /// The page (1-based) of the next occurrence of `snippet`.
    pub fn find(&mut self, snippet: &str) -> Option<usize> {
        let (mut page, mut from) = self.at;
        while page < self.pages.len() {
            if let Some(i) = self.pages[page][from..].find(snippet) {
                self.at = (page, from + i + snippet.len());
                return Some(page + 1);
            }
            (page, from) = (page + 1, 0);
        }
        None
    }
}

/// Where the folds are: the flap is 4 pt narrower than a third, the other two
/// panels share the rest. Outside page: after the flap and after the back;
/// inside page: between equal panels, the flap's reverse on the right.
pub fn folds(width: f32, inside: bool) -> [f32; 2] {
    let flap = width / 3.0 - 4.0;
    let panel = (width - flap) / 2.0;
    if inside {
        [panel, 2.0 * panel]
    } else {
        [flap, flap + panel]
    }
}
