//! `handout init`: start a library in a folder, so every other command works
//! there at once: a commented clinic.toml, handouts/, assets/, schema/ and
//! fonts/.
//!
//! The Atkinson and Noto Sans (Latin, Cyrillic, Arabic) faces are built into
//! the binary, about 2.7 MB, so an installed `handout` needs nothing beside
//! it. The Chinese, Korean and Japanese faces are 22 MB, six times the rest
//! of the binary, and few clinics print them; they are copied from the
//! source tree the binary was built from when it is still there, and
//! otherwise named as an optional step, with their fallback lines left
//! commented out.

use crate::diagnostic::Diagnostic;
use std::path::{Path, PathBuf};

/// The faces every library gets: (file name, bytes).
const FONTS: &[(&str, &[u8])] = &[
    (
        "AtkinsonHyperlegibleNext-Regular.ttf",
        include_bytes!("../fonts/AtkinsonHyperlegibleNext-Regular.ttf"),
    ),
    (
        "AtkinsonHyperlegibleNext-Bold.ttf",
        include_bytes!("../fonts/AtkinsonHyperlegibleNext-Bold.ttf"),
    ),
    (
        "AtkinsonHyperlegibleNext-Italic.ttf",
        include_bytes!("../fonts/AtkinsonHyperlegibleNext-Italic.ttf"),
    ),
    (
        "AtkinsonHyperlegibleNext-BoldItalic.ttf",
        include_bytes!("../fonts/AtkinsonHyperlegibleNext-BoldItalic.ttf"),
    ),
    (
        "NotoSans-Regular.ttf",
        include_bytes!("../fonts/NotoSans-Regular.ttf"),
    ),
    (
        "NotoSans-Bold.ttf",
        include_bytes!("../fonts/NotoSans-Bold.ttf"),
    ),
    (
        "NotoSans-Italic.ttf",
        include_bytes!("../fonts/NotoSans-Italic.ttf"),
    ),
    (
        "NotoSans-BoldItalic.ttf",
        include_bytes!("../fonts/NotoSans-BoldItalic.ttf"),
    ),
    (
        "NotoSansArabic-Regular.ttf",
        include_bytes!("../fonts/NotoSansArabic-Regular.ttf"),
    ),
    (
        "NotoSansArabic-Bold.ttf",
        include_bytes!("../fonts/NotoSansArabic-Bold.ttf"),
    ),
    ("OFL.txt", include_bytes!("../fonts/OFL.txt")),
    ("OFL-Noto.txt", include_bytes!("../fonts/OFL-Noto.txt")),
    ("README.md", include_bytes!("../fonts/README.md")),
];

/// The Chinese, Korean and Japanese faces and their licence, copied when
/// the source tree is at hand.
const CJK_FONTS: [&str; 7] = [
    "NotoSansCJKsc-Regular.otf",
    "NotoSansCJKsc-Bold.otf",
    "NotoSansCJKkr-Regular.otf",
    "NotoSansCJKkr-Bold.otf",
    "NotoSansCJKjp-Regular.otf",
    "NotoSansCJKjp-Bold.otf",
    "OFL-NotoCJK.txt",
];

/// Their fallback lines: Korean first, so that a Korean handout never reads
/// the larger Chinese faces; Japanese after Chinese.
const CJK_FALLBACKS: [&str; 3] = ["kr", "sc", "jp"];

const CLINIC: &str = r##"#:schema ./schema/clinic.schema.json
# The clinic's profile: every handout is printed with these details.
# Replace the example values with your own; paths are relative to this file.
# Check your changes with `handout check`.

name = "Your Clinic Name"              # printed in the header of every page
# logo = "assets/logo.png"             # PNG or JPEG, put it in assets/
# logo_alt = "Your Clinic Name logo"   # says what the logo shows, for readers who cannot see it
phone = "(555) 010-0100"
# email = "care@example.org"
# website = "https://example.org"      # always with https://
# address = "1 Main Street, Town, ST 00000"
# booking_url = "https://example.org/book"   # printed as a QR code patients can scan
# disclaimer = "..."                   # a default exists in each built-in language

[colors]                               # #RRGGBB; `handout check` says when text on them is hard to read
primary = "#0B5FA5"                    # header band, headings
accent = "#F2A900"                     # rules, list numbers
warning = "#B3261E"                    # the "When to get help right away" box

[fonts]                                # in fonts/, with their licences
regular = "fonts/AtkinsonHyperlegibleNext-Regular.ttf"
bold = "fonts/AtkinsonHyperlegibleNext-Bold.ttf"
italic = "fonts/AtkinsonHyperlegibleNext-Italic.ttf"
bold_italic = "fonts/AtkinsonHyperlegibleNext-BoldItalic.ttf"
# For letters Atkinson lacks: Vietnamese and Cyrillic, Arabic and
# Persian, Korean, Chinese, Japanese.
fallback = [
  { regular = "fonts/NotoSans-Regular.ttf", bold = "fonts/NotoSans-Bold.ttf", italic = "fonts/NotoSans-Italic.ttf", bold_italic = "fonts/NotoSans-BoldItalic.ttf" },
  { regular = "fonts/NotoSansArabic-Regular.ttf", bold = "fonts/NotoSansArabic-Bold.ttf" },
{CJK}]

[page]
paper = "letter"                       # letter | a4
body_size = 13                         # pt; do not go below 12

[policy]
max_grade = 8                          # readability target (US school grade)
review_months = 24                     # months between clinical reviews
"##;

/// Start a library in `dir`; the lines to print, or why not.
pub fn run(dir: &Path) -> Result<Vec<String>, Diagnostic> {
    let clinic = dir.join("clinic.toml");
    if clinic.exists() {
        return Err(Diagnostic::for_file(
            &clinic,
            "library-exists",
            "a library is already here; `handout init` changes nothing in it",
        ));
    }
    for folder in ["handouts", "assets"] {
        std::fs::create_dir_all(dir.join(folder)).map_err(|e| unwritable(&dir.join(folder), e))?;
    }
    write_new(
        dir.join("schema/clinic.schema.json"),
        crate::schema::clinic_schema().as_bytes(),
    )?;
    write_new(
        dir.join("schema/handout.schema.json"),
        crate::schema::handout_schema().as_bytes(),
    )?;
    for (name, bytes) in FONTS {
        write_new(dir.join("fonts").join(name), bytes)?;
    }
    let cjk = copy_cjk_fonts(dir)?;
    write_new(
        clinic,
        CLINIC.replace("{CJK}", &cjk_fallbacks(cjk)).as_bytes(),
    )?;
    let mut said = vec![
        "started a handout library: clinic.toml, handouts/, assets/, fonts/, schema/".to_string(),
    ];
    if !cjk {
        said.push(
            "the Chinese, Korean and Japanese fonts are not built into handout: to print them, \
             copy the NotoSansCJK files from the fonts/ folder of the handout source into \
             fonts/, and remove the # before their lines in clinic.toml"
                .to_string(),
        );
    }
    said.push(
        "next: put your clinic's details in clinic.toml, then `handout new NAME` writes a handout \
         to fill in"
            .to_string(),
    );
    Ok(said)
}

/// Why `init` could not write a file or folder.
fn unwritable(path: &Path, e: std::io::Error) -> Diagnostic {
    Diagnostic::for_file(
        path,
        "unwritable-file",
        format!("cannot write it: {}", crate::model::io_reason(&e)),
    )
}

/// Write a file of the new library, with its folder; a file already there
/// is kept as it is.
fn write_new(path: PathBuf, bytes: &[u8]) -> Result<(), Diagnostic> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| unwritable(parent, e))?;
    }
    if path.exists() {
        return Ok(());
    }
    std::fs::write(&path, bytes).map_err(|e| unwritable(&path, e))
}

/// Copy the Chinese, Korean and Japanese faces into `dir`/fonts when the
/// source tree the binary was built from still holds them all; whether it did.
fn copy_cjk_fonts(dir: &Path) -> Result<bool, Diagnostic> {
    let tree = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts");
    if !CJK_FONTS.iter().all(|f| tree.join(f).is_file()) {
        return Ok(false);
    }
    for name in CJK_FONTS {
        let bytes = std::fs::read(tree.join(name)).map_err(|e| unwritable(&tree.join(name), e))?;
        write_new(dir.join("fonts").join(name), &bytes)?;
    }
    Ok(true)
}

/// clinic.toml's fallback lines for the CJK faces: commented out when the
/// faces were not copied.
fn cjk_fallbacks(copied: bool) -> String {
    CJK_FALLBACKS
        .iter()
        .map(|region| {
            let line = format!(
                "{{ regular = \"fonts/NotoSansCJK{region}-Regular.otf\", bold = \
                 \"fonts/NotoSansCJK{region}-Bold.otf\" }},\n"
            );
            if copied {
                format!("  {line}")
            } else {
                format!("# {line}")
            }
        })
        .collect()
}
