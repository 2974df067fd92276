//! Attacks through the binary, one row each: damaged fonts, devices and
//! pipes where files belong, oversized files, picture bombs, odd entries in
//! a handouts folder, patient copies, outputs that would destroy a file,
//! quadratic inputs, unprintable characters, dates and links. Every row
//! checks the exit status, the message and its FILE:LINE:COLUMN, that no file
//! was created or changed but the PDFs it should write, the time taken and,
//! for resource cases, the child's peak memory.
//!
//! A row is a few lines: a name, a `setup` that writes files into a fresh
//! library (the repository's fonts and logo, linked, and MINIMAL_CLINIC), the
//! arguments, and what to expect; `..ROW` fills in the rest.

use crate::common::*;
use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// No row may take longer, on a loaded machine.
const TIME_LIMIT: Duration = Duration::from_secs(30);
/// Peak resident memory of the child, for resource cases.
const MEMORY_LIMIT_KB: i64 = 500 * 1024;

const GOOD: &str = "title = \"Knee pain\"\nreviewed = 2026-11-01\n";

/// out/h.pdf before each row: a PDF an earlier build wrote (its metadata
/// names handout as the producer), which a build may replace.
const EARLIER_PDF: &[u8] = b"%PDF-1.7 previous good PDF <pdf:Producer>handout 0.1.0</pdf:Producer>";

struct Row {
    name: &'static str,
    /// Writes the case's files into the library.
    setup: fn(&Path),
    args: &'static [&'static str],
    status: i32,
    /// `FILE:LINE:COLUMN` (or `FILE` for a file as a whole) before ": error: ".
    place: &'static str,
    /// Words the message must contain.
    says: &'static str,
    /// A resource case: the child's peak memory is checked.
    memory: bool,
    /// Environment for the child besides SOURCE_DATE_EPOCH.
    env: &'static [(&'static str, &'static str)],
    /// The PDFs a successful row writes (others must stay as they were).
    writes: &'static [&'static str],
    /// Standard error stays under this many bytes (long lines clipped, at
    /// most 50 problems a file).
    stderr_under: usize,
    /// A case that must stay fast (linear) finishes within this.
    time: Duration,
    /// Peak memory a resource case may reach, in KB.
    memory_limit_kb: i64,
}

const ROW: Row = Row {
    name: "",
    setup: |_| {},
    args: &["build", "handouts/h.toml"],
    status: 1,
    place: "",
    says: "",
    memory: false,
    env: &[],
    writes: &[],
    stderr_under: 200_000,
    time: TIME_LIMIT,
    memory_limit_kb: MEMORY_LIMIT_KB,
};

fn rows() -> Vec<Row> {
    vec![
        // Fonts: damaged faces are refused at the clinic.toml line naming them.
        Row {
            name: "font cut in half",
            setup: |l| bad_regular(l, |f| f.truncate(f.len() / 2)),
            place: "clinic.toml:3:11",
            says: "font `fonts/Bad.ttf` is cut short: the file ends inside its `",
            ..ROW
        },
        Row {
            name: "font without hmtx",
            setup: |l| bad_regular(l, |f| rename_table(f, b"hmtx")),
            place: "clinic.toml:3:11",
            says: "lacks its `hmtx` table (the widths of its letters)",
            ..ROW
        },
        Row {
            name: "font without head",
            setup: |l| bad_regular(l, |f| rename_table(f, b"head")),
            place: "clinic.toml:3:11",
            says: "lacks its `head` table",
            ..ROW
        },
        Row {
            name: "font without hhea",
            setup: |l| bad_regular(l, |f| rename_table(f, b"hhea")),
            place: "clinic.toml:3:11",
            says: "lacks its `hhea` table",
            ..ROW
        },
        Row {
            name: "font without outlines",
            setup: |l| bad_regular(l, |f| rename_table(f, b"glyf")),
            place: "clinic.toml:3:11",
            says: "has no letter shapes",
            ..ROW
        },
        Row {
            name: "font with 0 units per em",
            setup: |l| bad_regular(l, |f| units_per_em(f, 0)),
            place: "clinic.toml:3:11",
            says: "gives its size as 0 units per em",
            ..ROW
        },
        Row {
            name: "font with 65535 units per em",
            setup: |l| bad_regular(l, |f| units_per_em(f, 65535)),
            place: "clinic.toml:3:11",
            says: "65535 units per em, where a working font has 16 to 16384",
            ..ROW
        },
        Row {
            name: "font with zero advances",
            setup: |l| bad_regular(l, |f| zero_advances(f)),
            place: "clinic.toml:3:11",
            says: "gives the letter \"A\" no width",
            ..ROW
        },
        Row {
            name: "font with an empty glyph for a used letter",
            setup: |l| bad_regular(l, |f| empty_glyph(f, 'e')),
            place: "clinic.toml:3:11",
            says: "its glyph for the character U+0065 \"e\" has no shape, so it would print as nothing",
            ..ROW
        },
        Row {
            name: "font is /dev/zero",
            setup: |l| regular_at(l, "/dev/zero"),
            place: "clinic.toml:3:11",
            says: "font `/dev/zero` cannot be read: it is a device, not a file",
            memory: true,
            ..ROW
        },
        Row {
            name: "font is /dev/urandom",
            setup: |l| regular_at(l, "/dev/urandom"),
            place: "clinic.toml:3:11",
            says: "font `/dev/urandom` cannot be read: it is a device, not a file",
            memory: true,
            ..ROW
        },
        Row {
            name: "font is a pipe",
            setup: |l| {
                fifo(&l.join("fonts/Pipe.ttf"));
                regular_at(l, "fonts/Pipe.ttf")
            },
            place: "clinic.toml:3:11",
            says: "it is a pipe (FIFO), not a file",
            ..ROW
        },
        Row {
            name: "font is a folder",
            setup: |l| {
                std::fs::create_dir(l.join("fonts/Dir.ttf")).unwrap();
                regular_at(l, "fonts/Dir.ttf")
            },
            place: "clinic.toml:3:11",
            says: "it is a folder, not a file",
            ..ROW
        },
        Row {
            name: "font over 32 MB",
            setup: |l| {
                sparse(&l.join("fonts/Big.ttf"), 33 << 20);
                regular_at(l, "fonts/Big.ttf")
            },
            place: "clinic.toml:3:11",
            says: "it is larger than 32 MB, the limit for a font",
            memory: true,
            ..ROW
        },
        Row {
            name: "fallback font cut in half",
            setup: |l| bad_fallback(l, |f| f.truncate(f.len() / 2)),
            place: "clinic.toml:7:13",
            says: "font `fonts/Bad.ttf` is cut short",
            ..ROW
        },
        Row {
            name: "fallback font a pipe",
            setup: |l| {
                fifo(&l.join("fonts/Pipe.ttf"));
                clinic(
                    l,
                    &format!("{MINIMAL_CLINIC}fallback = [\"fonts/Pipe.ttf\"]\n"),
                );
                write(l, "handouts/h.toml", GOOD);
            },
            place: "clinic.toml:7:13",
            says: "it is a pipe (FIFO), not a file",
            ..ROW
        },
        // A damaged fallback only a full read finds: an English handout never
        // reads it; a text that needs it says which font failed; check reports it.
        Row {
            name: "unused damaged fallback costs an English handout nothing",
            setup: |l| bad_fallback(l, |f| units_per_em(f, 0)),
            status: 0,
            ..ROW
        },
        Row {
            name: "needed damaged fallback",
            setup: |l| {
                bad_fallback(l, |f| units_per_em(f, 0));
                write(
                    l,
                    "handouts/h.toml",
                    "title = \"Knee pain ư\"\nreviewed = 2026-11-01\n",
                );
            },
            place: "handouts/h.toml:1:20",
            says: "the character U+01B0 \"ư\" needs a fallback font, but one cannot be loaded: clinic.toml:7:13: font `fonts/Bad.ttf` is damaged: it gives its size as 0 units per em",
            ..ROW
        },
        Row {
            name: "check reports a damaged fallback",
            setup: |l| bad_fallback(l, |f| units_per_em(f, 0)),
            args: &["check"],
            place: "clinic.toml:7:13",
            says: "0 units per em",
            ..ROW
        },
        // Unbounded reads: devices, pipes and oversized files where files belong.
        Row {
            name: "handout is /dev/zero",
            args: &["build", "/dev/zero"],
            place: "/dev/zero",
            says: "cannot read the file: it is a device, not a file",
            memory: true,
            ..ROW
        },
        Row {
            name: "handout is /dev/urandom",
            args: &["build", "/dev/urandom"],
            place: "/dev/urandom",
            says: "cannot read the file: it is a device, not a file",
            memory: true,
            ..ROW
        },
        Row {
            name: "handout is a pipe",
            setup: |l| fifo(&l.join("handouts/h.toml")),
            place: "handouts/h.toml",
            says: "cannot read the file: it is a pipe (FIFO), not a file",
            ..ROW
        },
        Row {
            name: "handout over 1 MB",
            setup: |l| {
                write(
                    l,
                    "handouts/h.toml",
                    &format!("{GOOD}#{}\n", "x".repeat(1 << 20)),
                );
            },
            place: "handouts/h.toml",
            says: "it is larger than 1 MB, the limit for a handout or clinic profile",
            memory: true,
            ..ROW
        },
        Row {
            name: "--clinic /dev/zero",
            args: &["build", "handouts/h.toml", "--clinic", "/dev/zero"],
            place: "/dev/zero",
            says: "cannot read the file: it is a device, not a file",
            memory: true,
            ..ROW
        },
        Row {
            name: "--clinic /dev/urandom",
            args: &["check", "--clinic", "/dev/urandom"],
            place: "/dev/urandom",
            says: "cannot read the file: it is a device, not a file",
            memory: true,
            ..ROW
        },
        Row {
            name: "--clinic a pipe",
            setup: |l| fifo(&l.join("pipe.toml")),
            args: &["build", "handouts/h.toml", "--clinic", "pipe.toml"],
            place: "pipe.toml",
            says: "it is a pipe (FIFO), not a file",
            ..ROW
        },
        Row {
            name: "clinic over 1 MB",
            setup: |l| clinic(l, &format!("{MINIMAL_CLINIC}#{}\n", "x".repeat(1 << 20))),
            place: "clinic.toml",
            says: "it is larger than 1 MB",
            memory: true,
            ..ROW
        },
        Row {
            name: "logo is /dev/zero",
            setup: |l| clinic(l, &format!("logo = \"/dev/zero\"\n{MINIMAL_CLINIC}")),
            place: "clinic.toml:1:8",
            says: "picture `/dev/zero` cannot be read: it is a device, not a file",
            memory: true,
            ..ROW
        },
        Row {
            name: "logo is /dev/urandom",
            setup: |l| clinic(l, &format!("logo = \"/dev/urandom\"\n{MINIMAL_CLINIC}")),
            place: "clinic.toml:1:8",
            says: "picture `/dev/urandom` cannot be read: it is a device",
            memory: true,
            ..ROW
        },
        Row {
            name: "logo is a pipe",
            setup: |l| {
                fifo(&l.join("assets/pipe.png"));
                clinic(l, &format!("logo = \"assets/pipe.png\"\n{MINIMAL_CLINIC}"))
            },
            place: "clinic.toml:1:8",
            says: "it is a pipe (FIFO), not a file",
            ..ROW
        },
        Row {
            name: "picture is /dev/urandom",
            setup: |l| picture_handout(l, &["/dev/urandom"]),
            place: "handouts/h.toml:7:9",
            says: "picture `/dev/urandom` cannot be read: it is a device, not a file",
            memory: true,
            ..ROW
        },
        Row {
            name: "picture over 20 MB",
            setup: |l| {
                sparse(&l.join("assets/big.png"), 21 << 20);
                picture_handout(l, &["../assets/big.png"])
            },
            place: "handouts/h.toml:7:9",
            says: "it is larger than 20 MB, the limit for a picture",
            memory: true,
            ..ROW
        },
        // Picture memory: pixels capped before decoding, files decoded once, a shared budget.
        Row {
            name: "PNG claiming 9000x9000 pixels",
            setup: |l| {
                std::fs::write(l.join("assets/bomb.png"), png_claiming(9000, 9000)).unwrap();
                picture_handout(l, &["../assets/bomb.png"])
            },
            place: "handouts/h.toml:7:9",
            says: "picture `../assets/bomb.png` is too large to decode safely (more than 12000 pixels a side, 50 million pixels",
            memory: true,
            ..ROW
        },
        Row {
            name: "2 KB JPEG claiming 243 MB of pixels",
            setup: |l| {
                std::fs::write(l.join("assets/bomb.jpg"), jpeg_claiming(9000, 9000)).unwrap();
                picture_handout(l, &["../assets/bomb.jpg"])
            },
            place: "handouts/h.toml:7:9",
            says: "is too large to decode safely",
            memory: true,
            ..ROW
        },
        Row {
            name: "12 hard links to one 121 MB picture are decoded once",
            setup: |l| big_pictures(l, 12, |from, to| std::fs::hard_link(from, to).unwrap()),
            status: 0,
            memory: true,
            ..ROW
        },
        Row {
            name: "4 copies of a 121 MB picture exceed the budget",
            setup: |l| {
                big_pictures(l, 4, |from, to| {
                    std::fs::copy(from, to).unwrap();
                })
            },
            place: "handouts/h.toml:19:9",
            says: "with the other pictures being printed, it would need more than 384 MB of memory",
            memory: true,
            ..ROW
        },
        // A batch reports what it cannot read instead of skipping it.
        Row {
            name: "dangling link in a batch",
            setup: |l| symlink("nowhere.toml", &l.join("handouts/gone.toml")),
            args: &["build"],
            place: "handouts/gone.toml",
            says: "cannot read the file: it is a link to `nowhere.toml`, which does not exist",
            ..ROW
        },
        Row {
            name: "pipe in a batch",
            setup: |l| fifo(&l.join("handouts/pipe.toml")),
            args: &["build"],
            place: "handouts/pipe.toml",
            says: "cannot read the file: it is a pipe (FIFO), not a file",
            ..ROW
        },
        Row {
            name: "folder named .toml in a batch",
            setup: |l| std::fs::create_dir_all(l.join("handouts/old.toml")).unwrap(),
            args: &["check"],
            place: "handouts/old.toml",
            says: "cannot read the file: it is a folder, not a file",
            ..ROW
        },
        Row {
            name: "upper-case .TOML in a batch is built",
            setup: |l| {
                write(l, "handouts/KNEE.TOML", GOOD);
            },
            args: &["build"],
            status: 0,
            ..ROW
        },
        // Patient copies never replace the shared leaflet.
        Row {
            name: "a patient copy is NAME.patient.pdf beside the shared NAME.pdf",
            args: &[
                "build",
                "handouts/h.toml",
                "--patient",
                "Jane Doe",
                "--note",
                "Call {clinic.name}.",
            ],
            status: 0,
            says: "built out/h.patient.pdf",
            writes: &["out/h.patient.pdf"],
            ..ROW
        },
        Row {
            name: "a patient copy of every handout at once",
            setup: |l| many(l, 3),
            args: &["build", "--patient", "Jane Doe"],
            status: 2,
            says: "--patient makes one patient's copy of one handout: name it",
            ..ROW
        },
        Row {
            name: "a blank patient name",
            args: &["build", "handouts/h.toml", "--patient", "  "],
            status: 2,
            says: "--patient needs the patient's name, but it is blank",
            ..ROW
        },
        Row {
            name: "markup in a patient name",
            args: &[
                "build",
                "handouts/h.toml",
                "--patient",
                "**Jane** {clinic.name}",
            ],
            status: 2,
            says: "--patient: the name holds the character \"*\"",
            ..ROW
        },
        Row {
            name: "a line break in a patient name",
            args: &["build", "handouts/h.toml", "--patient", "Jane\nDoe"],
            status: 2,
            says: "--patient: the name holds a line break",
            ..ROW
        },
        Row {
            name: "an unknown placeholder in the note",
            args: &[
                "build",
                "handouts/h.toml",
                "--patient",
                "Jane",
                "--note",
                "Fax {clinic.fax}",
            ],
            place: "command line",
            says: "--note: unknown placeholder {clinic.fax}",
            ..ROW
        },
        // Blank clinic details would print as gaps; links must be safe and scannable.
        Row {
            name: "an empty phone",
            setup: |l| clinic(l, &format!("phone = \"\"\n{MINIMAL_CLINIC}")),
            place: "clinic.toml:1:9",
            says: "`phone` is empty; write it, or delete the line",
            ..ROW
        },
        Row {
            name: "a blank email",
            setup: |l| clinic(l, &format!("email = \" \"\n{MINIMAL_CLINIC}")),
            place: "clinic.toml:1:9",
            says: "`email` is empty",
            ..ROW
        },
        Row {
            name: "an empty booking link",
            setup: |l| clinic(l, &format!("booking_url = \"\"\n{MINIMAL_CLINIC}")),
            place: "clinic.toml:1:15",
            says: "`booking_url` is empty",
            ..ROW
        },
        Row {
            name: "a booking link too long for a QR code",
            setup: |l| {
                clinic(
                    l,
                    &format!(
                        "booking_url = \"https://example.org/book?{}\"\n{MINIMAL_CLINIC}",
                        "a".repeat(400)
                    ),
                )
            },
            place: "clinic.toml:1:15",
            says: "too long for a QR code that scans from paper",
            ..ROW
        },
        Row {
            name: "a booking link that runs a script",
            setup: |l| {
                clinic(
                    l,
                    &format!("booking_url = \"javascript:alert(1)\"\n{MINIMAL_CLINIC}"),
                )
            },
            place: "clinic.toml:1:15",
            says: "a link to `javascript:` cannot be opened safely",
            ..ROW
        },
        // A header with no room once made line breaking loop without end.
        Row {
            name: "a logo 8 times as wide as it is tall ends (the header still overprints: issue 11)",
            setup: |l| {
                wide_logo(l);
            },
            status: 0,
            writes: &["out/h.pdf"],
            memory: true,
            ..ROW
        },
        Row {
            name: "a phone line of 60 characters ends",
            setup: |l| {
                clinic(
                    l,
                    &format!(
                        "phone = \"+1 (503) 555-0199 ext. 204, or (503) 555-0100 after hours\"\n{MINIMAL_CLINIC}"
                    ),
                )
            },
            status: 0,
            writes: &["out/h.pdf"],
            memory: true,
            ..ROW
        },
        // Error reports and markup stay linear and bounded.
        Row {
            name: "8,000 bad placeholders on one line",
            setup: |l| {
                write(
                    l,
                    "handouts/h.toml",
                    &format!("{GOOD}keywords = [{}]\n", vec!["\"{x}\""; 8000].join(", ")),
                );
            },
            place: "handouts/h.toml:3:14",
            says: "unknown placeholder {x}",
            stderr_under: 100_000,
            memory: true,
            ..ROW
        },
        Row {
            name: "40,000 empty items",
            setup: |l| {
                write(
                    l,
                    "handouts/h.toml",
                    &format!(
                        "{GOOD}[[section]]\nkind = \"causes\"\n{}",
                        "[[section.item]]\n".repeat(40_000)
                    ),
                );
            },
            args: &["check"],
            place: "handouts/h.toml:5:1",
            says: "this item has no words",
            stderr_under: 100_000,
            memory: true,
            ..ROW
        },
        Row {
            name: "100 KB of unpaired emphasis",
            setup: |l| {
                write(
                    l,
                    "handouts/h.toml",
                    &format!("{GOOD}summary = \"{}\"\n", "a * ".repeat(25_000)),
                );
            },
            args: &["check"],
            status: 0,
            memory: true,
            ..ROW
        },
        Row {
            name: "100 KB of unclosed links",
            setup: |l| {
                write(
                    l,
                    "handouts/h.toml",
                    &format!("{GOOD}summary = \"{}\"\n", "[a](".repeat(25_000)),
                );
            },
            args: &["check"],
            status: 0,
            memory: true,
            ..ROW
        },
        // Outputs never destroy what they should not.
        Row {
            name: "-o naming the handout itself",
            args: &["build", "handouts/h.toml", "-o", "handouts/h.toml"],
            status: 2,
            says: "this file exists and is not a PDF or web page this tool wrote, so it is not replaced",
            ..ROW
        },
        Row {
            name: "-o naming clinic.toml",
            args: &["build", "handouts/h.toml", "-o", "clinic.toml"],
            status: 2,
            says: "-o clinic.toml: this file exists and is not a PDF or web page",
            ..ROW
        },
        Row {
            name: "-o naming a font",
            args: &[
                "build",
                "handouts/h.toml",
                "-o",
                "fonts/AtkinsonHyperlegibleNext-Regular.ttf",
            ],
            status: 2,
            says: "this is a link; name the file itself",
            ..ROW
        },
        Row {
            name: "-o naming a device",
            args: &["build", "handouts/h.toml", "-o", "/dev/null"],
            status: 2,
            says: "this is not a file (a folder or a device)",
            ..ROW
        },
        Row {
            name: "-o naming a folder",
            args: &["build", "handouts/h.toml", "-o", "handouts"],
            status: 2,
            says: "this is not a file",
            ..ROW
        },
        Row {
            name: "two handouts with one PDF name",
            setup: |l| {
                write(l, "a/x.toml", GOOD);
                write(l, "b/x.toml", GOOD);
            },
            args: &["build", "a/x.toml", "b/x.toml"],
            status: 2,
            says: "a/x.toml and b/x.toml would both be written to out/x.pdf",
            ..ROW
        },
        Row {
            name: "a handout named twice is built once",
            args: &["build", "handouts", "handouts/h.toml"],
            status: 0,
            says: "built out/h.pdf",
            writes: &["out/h.pdf"],
            ..ROW
        },
        Row {
            name: "a killed build's temporary file is cleaned up",
            setup: |l| {
                write(l, "out/.h.pdf.4194305-0.partial", "%PDF-half");
            },
            status: 0,
            writes: &["out/h.pdf"],
            ..ROW
        },
        // Text that cannot be printed, and dates that are not.
        Row {
            name: "a bell character in the title",
            setup: |l| {
                write(
                    l,
                    "handouts/h.toml",
                    "title = \"Knee\\u0007 pain\"\nreviewed = 2026-11-01\n",
                );
            },
            place: "handouts/h.toml:1:14",
            says: "the invisible control character U+0007",
            ..ROW
        },
        Row {
            name: "an escape character in a summary",
            setup: |l| {
                write(
                    l,
                    "handouts/h.toml",
                    &format!("{GOOD}summary = \"\"\"\nRest.\n\\e[31m Ice.\"\"\"\n"),
                );
            },
            place: "handouts/h.toml:5:1",
            says: "the invisible control character U+001B",
            ..ROW
        },
        Row {
            name: "a DEL character in an item",
            setup: |l| {
                write(
                    l,
                    "handouts/h.toml",
                    &format!(
                        "{GOOD}[[section]]\nkind = \"causes\"\n[[section.item]]\ntext = \"Ice\\u007F\"\n"
                    ),
                );
            },
            place: "handouts/h.toml:6:12",
            says: "U+007F",
            ..ROW
        },
        Row {
            name: "a tab prints as a space",
            setup: |l| {
                write(
                    l,
                    "handouts/h.toml",
                    &format!("{GOOD}summary = \"Rest\\tyour knee.\"\n"),
                );
            },
            status: 0,
            writes: &["out/h.pdf"],
            ..ROW
        },
        Row {
            name: "a direction override in the title",
            setup: |l| {
                write(
                    l,
                    "handouts/h.toml",
                    "title = \"Knee \u{202e}niap\"\nreviewed = 2026-11-01\n",
                );
            },
            place: "handouts/h.toml:1:15",
            says: "`title`: this text holds the invisible direction control U+202E",
            ..ROW
        },
        Row {
            name: "review_months that overflows",
            setup: |l| {
                clinic(
                    l,
                    &format!("{MINIMAL_CLINIC}[policy]\nreview_months = 4294967295\n"),
                )
            },
            place: "clinic.toml:8:17",
            says: "must be a whole number of months from 1 to 120",
            ..ROW
        },
        Row {
            name: "review_months of zero",
            setup: |l| clinic(l, &format!("{MINIMAL_CLINIC}[policy]\nreview_months = 0\n")),
            place: "clinic.toml:8:17",
            says: "review_months is 0",
            ..ROW
        },
        Row {
            name: "a review date in the future",
            setup: |l| {
                write(
                    l,
                    "handouts/h.toml",
                    "title = \"Knee pain\"\nreviewed = 2099-01-01\n",
                );
            },
            args: &["build", "handouts/h.toml", "--allow-expired"],
            place: "handouts/h.toml:2:12",
            says: "`reviewed` is 2099-01-01, which is after today (2026-11-23)",
            ..ROW
        },
        Row {
            name: "SOURCE_DATE_EPOCH past the year 9999",
            env: &[("SOURCE_DATE_EPOCH", "99999999999999")],
            status: 2,
            says: "SOURCE_DATE_EPOCH is `99999999999999`, but it must be a number of seconds since 1970",
            ..ROW
        },
        Row {
            name: "SOURCE_DATE_EPOCH that is not a number",
            args: &["check"],
            env: &[("SOURCE_DATE_EPOCH", "yesterday")],
            status: 2,
            says: "SOURCE_DATE_EPOCH is `yesterday`",
            ..ROW
        },
        // Links a reader can open safely.
        Row {
            name: "a javascript: link",
            setup: |l| {
                write(
                    l,
                    "handouts/h.toml",
                    &format!("{GOOD}summary = \"See [this](javascript:alert(1)).\"\n"),
                );
            },
            place: "handouts/h.toml:3:23",
            says: "a link to `javascript:` cannot be opened safely from a leaflet",
            ..ROW
        },
        Row {
            name: "a file: link in an item",
            setup: |l| {
                write(
                    l,
                    "handouts/h.toml",
                    &format!(
                        "{GOOD}[[section]]\nkind = \"causes\"\n[[section.item]]\ntext = \"[notes](file:///etc/passwd)\"\n"
                    ),
                );
            },
            place: "handouts/h.toml:6:17",
            says: "a link to `file:`",
            ..ROW
        },
        Row {
            name: "an smb: link in an item title",
            setup: |l| {
                write(
                    l,
                    "handouts/h.toml",
                    &format!(
                        "{GOOD}[[section]]\nkind = \"causes\"\n[[section.item]]\ntitle = \"[share](smb://server/x)\"\n"
                    ),
                );
            },
            place: "handouts/h.toml:6:18",
            says: "a link to `smb:`",
            ..ROW
        },
        Row {
            name: "a link whose address holds parentheses",
            setup: |l| {
                write(
                    l,
                    "handouts/h.toml",
                    &format!(
                        "{GOOD}summary = \"Read [about knees](https://en.wikipedia.org/wiki/Knee_(joint)) today.\"\n"
                    ),
                );
            },
            status: 0,
            writes: &["out/h.pdf"],
            ..ROW
        },
        Row {
            name: "a title of 200 characters reads in poppler",
            setup: |l| {
                write(
                    l,
                    "handouts/h.toml",
                    &format!(
                        "title = \"{}\"\nreviewed = 2026-11-01\n",
                        "Knee pain and stairs ".repeat(10).trim()
                    ),
                );
            },
            status: 0,
            writes: &["out/h.pdf"],
            ..ROW
        },
        // One long paragraph costs its length, not its length squared (a
        // 200 KB one took 32 s and 485 MB as a sheet, over a minute as a
        // trifold): shaped once, broken once per width.
        Row {
            name: "one paragraph of 200 KB as a sheet",
            setup: |l| long_paragraph(l, 200_000),
            status: 0,
            writes: &["out/h.pdf"],
            memory: true,
            time: Duration::from_secs(5),
            memory_limit_kb: 300 * 1024,
            ..ROW
        },
        Row {
            name: "one paragraph of 200 KB as a trifold",
            setup: |l| long_paragraph(l, 200_000),
            args: &["build", "handouts/h.toml", "--layout", "trifold"],
            place: "handouts/h.toml:1:1",
            says: "this handout does not fit a trifold, even with body text at 10.5 pt",
            memory: true,
            time: Duration::from_secs(5),
            memory_limit_kb: 300 * 1024,
            ..ROW
        },
        // Clinic details longer than the page's chrome can hold.
        Row {
            name: "a phone line of 600 characters",
            setup: |l| {
                let phone = "(212) 555-0147, after hours (212) 555-0199; ".repeat(14);
                clinic(
                    l,
                    &format!("phone = \"{}\"\n{MINIMAL_CLINIC}", phone.trim()),
                );
            },
            place: "clinic.toml:1:9",
            says: "the phone line is too long to print on the band across the top of the first page: shorten `phone`",
            ..ROW
        },
        Row {
            name: "a clinic name of 600 characters",
            setup: |l| {
                let name = "Gramercy Pain Center ".repeat(29);
                let rest = MINIMAL_CLINIC.replacen("Test Clinic", name.trim(), 1);
                clinic(l, &rest);
            },
            place: "clinic.toml:1:8",
            says: "the clinic's name is too long to print on",
            ..ROW
        },
        Row {
            name: "a title of 2,000 characters",
            setup: |l| {
                let title = "Knee pain and stairs ".repeat(95);
                let text = format!("title = \"{}\"\nreviewed = 2026-11-01\n", title.trim());
                write(l, "handouts/h.toml", &text);
            },
            place: "handouts/h.toml:1:9",
            says: "the title is too long to print on the first page: shorten `title`",
            ..ROW
        },
        Row {
            name: "a trifold cover phone line of 300 characters",
            setup: |l| {
                let phone = "(212) 555-0147, after hours (212) 555-0199; ".repeat(7);
                clinic(
                    l,
                    &format!("phone = \"{}\"\n{MINIMAL_CLINIC}", phone.trim()),
                );
            },
            args: &["build", "handouts/h.toml", "--layout", "trifold"],
            place: "clinic.toml:1:9",
            says: "the phone line is too long to print on the trifold's front cover: shorten `phone`",
            ..ROW
        },
        // Issue 25, command line and output safety: a clinician's note and
        // a patient's name never reach a shared leaflet; only a PDF this
        // tool wrote is replaced; every stale temporary is cleaned.
        Row {
            name: "--note without --patient",
            args: &[
                "build",
                "handouts/h.toml",
                "--note",
                "Jane Doe: biopsy positive",
            ],
            status: 2,
            says: "error: --note is for a patient's own copy, never for the leaflet everyone is given",
            ..ROW
        },
        Row {
            name: "--note without --patient for the whole library",
            setup: |l| many(l, 2),
            args: &["build", "--note", "Jane Doe: biopsy positive"],
            status: 2,
            says: "--note is for a patient's own copy",
            ..ROW
        },
        Row {
            name: "--note without --patient to -o",
            args: &["build", "handouts/h.toml", "--note", "x", "-o", "x.pdf"],
            status: 2,
            says: "add --patient NAME",
            ..ROW
        },
        Row {
            name: "two handouts for one patient copy",
            setup: |l| many(l, 1),
            args: &[
                "build",
                "handouts/h.toml",
                "handouts/h000.toml",
                "--patient",
                "Jane",
            ],
            status: 2,
            says: "--patient makes one patient's copy of one handout, but 2 handouts were given",
            ..ROW
        },
        Row {
            name: "--patient naming no handout in a library of one",
            args: &["build", "--patient", "Jane Doe"],
            setup: |l| put(l, "handouts/h.toml", GOOD),
            status: 2,
            says: "--patient makes one patient's copy of one handout: name it",
            ..ROW
        },
        Row {
            name: "--patient with a folder of one handout",
            setup: |l| put(l, "handouts/h.toml", GOOD),
            args: &["build", "handouts", "--patient", "Jane Doe"],
            status: 2,
            says: "but a folder was given",
            ..ROW
        },
        Row {
            name: "a patient copy -o onto the shared leaflet",
            args: &[
                "build",
                "handouts/h.toml",
                "--patient",
                "Jane Doe",
                "-o",
                "out/h.pdf",
            ],
            status: 2,
            says: "a patient copy cannot be written to out/h.pdf: that is the name of the shared leaflet of handouts/h.toml",
            ..ROW
        },
        Row {
            name: "a patient copy -o onto the trifold leaflet, in other case",
            args: &[
                "build",
                "handouts/h.toml",
                "--patient",
                "Jane Doe",
                "-o",
                "out/H.Trifold.pdf",
            ],
            status: 2,
            says: "that is the name of the shared leaflet of handouts/h.toml",
            ..ROW
        },
        Row {
            name: "a patient copy -o onto another handout's large print, elsewhere",
            setup: |l| many(l, 1),
            args: &[
                "build",
                "handouts/h.toml",
                "--patient",
                "Jane Doe",
                "--note",
                "biopsy positive",
                "-o",
                "print/h000.large.pdf",
            ],
            status: 2,
            says: "the shared leaflet of handouts/h000.toml",
            ..ROW
        },
        Row {
            name: "a patient copy -o onto a web page's name",
            args: &[
                "build",
                "handouts/h.toml",
                "--patient",
                "Jane",
                "-o",
                "h.html",
            ],
            status: 2,
            says: "a patient copy cannot be written to h.html",
            ..ROW
        },
        Row {
            name: "a patient copy where a handout named h.patient puts its leaflet",
            setup: |l| put(l, "handouts/h.patient.toml", GOOD),
            args: &["build", "handouts/h.toml", "--patient", "Jane Doe"],
            status: 2,
            says: "the shared leaflet of handouts/h.patient.toml, which everyone is given; rename that handout",
            ..ROW
        },
        Row {
            name: "a patient copy with a note, as it should be",
            args: &[
                "build",
                "handouts/h.toml",
                "--patient",
                "Jane Doe",
                "--note",
                "Ice it.",
            ],
            status: 0,
            says: "built out/h.patient.pdf",
            writes: &["out/h.patient.pdf"],
            ..ROW
        },
        Row {
            name: "building a handout named like a patient copy",
            setup: |l| put(l, "handouts/h.patient.toml", GOOD),
            args: &["build"],
            place: "handouts/h.patient.toml",
            says: "a handout may not be named `h.patient`: names ending in `.patient` are kept for patient copies",
            ..ROW
        },
        Row {
            name: "checking a handout named like a patient copy",
            setup: |l| put(l, "handouts/h.PATIENT.toml", GOOD),
            args: &["check"],
            place: "handouts/h.PATIENT.toml",
            says: "names ending in `.patient` are kept for patient copies",
            ..ROW
        },
        Row {
            name: "new with a name ending in .patient",
            args: &["new", "knee.patient"],
            says: "error: a handout may not be named `knee.patient`",
            ..ROW
        },
        Row {
            name: "new translation ending in .patient",
            setup: |l| put(l, "handouts/h.toml", GOOD),
            args: &["new", "h.patient", "--from", "h"],
            says: "a handout may not be named `h.patient`",
            ..ROW
        },
        Row {
            name: "-o naming a PDF another program wrote",
            setup: |l| put(l, "consent.pdf", "%PDF-1.4\n"),
            args: &["build", "handouts/h.toml", "-o", "consent.pdf"],
            status: 2,
            says: "-o consent.pdf: this PDF was not made by handout, so it is not replaced",
            ..ROW
        },
        Row {
            name: "-o naming a large PDF another program wrote",
            setup: |l| {
                let mut pdf = b"%PDF-1.7\n".to_vec();
                pdf.resize(3 << 20, b'x');
                std::fs::write(l.join("scan.pdf"), pdf).unwrap();
            },
            args: &["build", "handouts/h.toml", "-o", "scan.pdf"],
            status: 2,
            says: "this PDF was not made by handout",
            ..ROW
        },
        Row {
            name: "a PDF another program wrote where --out-dir puts a leaflet",
            setup: |l| put(l, "print/h.pdf", "%PDF-1.4\nsomeone's form"),
            args: &["build", "handouts/h.toml", "--out-dir", "print"],
            place: "print/h.pdf",
            says: "this PDF was not made by handout, so it is not replaced",
            ..ROW
        },
        Row {
            name: "someone's notes where the leaflet goes",
            setup: |l| put(l, "out/h.pdf", "my notes"),
            place: "out/h.pdf",
            says: "this file exists and is not a PDF or web page this tool wrote, so it is not replaced",
            ..ROW
        },
        Row {
            name: "a PDF this tool wrote is replaced",
            setup: |l| {
                put(
                    l,
                    "handouts/h.toml",
                    "title = \"Old\"\nreviewed = 2026-11-01\n",
                );
                let built = command(l, &["build", "handouts/h.toml"]).status().unwrap();
                assert!(built.success());
                put(l, "handouts/h.toml", GOOD);
            },
            status: 0,
            writes: &["out/h.pdf"],
            ..ROW
        },
        Row {
            name: "stale temporaries of other outputs are cleaned",
            setup: |l| {
                put(l, "out/.other.pdf.4194305-0.partial", "%PDF-half");
                put(l, "out/.h.trifold.pdf.4194306-3.partial", "%PDF-half");
            },
            status: 0,
            writes: &["out/h.pdf"],
            ..ROW
        },
        // Inputs that slipped through (issue 25 B): picture chunks past the
        // limits, links from the clinic and the note, superlinear diagnostics,
        // escape sequences echoed, invisible colours, U+FFFC/FFFD, EXIF
        // orientation.
        Row {
            name: "a PNG whose colour profile inflates to 1 GB",
            setup: |l| bomb_pictures(l, 1, b"iCCP"),
            status: 0,
            writes: &["out/h.pdf"],
            memory: true,
            ..ROW
        },
        Row {
            name: "six PNGs whose colour profiles inflate to 1 GB each",
            setup: |l| bomb_pictures(l, 6, b"iCCP"),
            status: 0,
            writes: &["out/h.pdf"],
            memory: true,
            ..ROW
        },
        Row {
            name: "a PNG whose compressed text inflates to 1 GB",
            setup: |l| bomb_pictures(l, 2, b"zTXt"),
            status: 0,
            writes: &["out/h.pdf"],
            memory: true,
            ..ROW
        },
        Row {
            name: "a font with a letter moved 30,000 units out of its box",
            setup: |l| {
                let mut font = atkinson();
                let c = move_glyph(&mut font, 30_000);
                std::fs::write(l.join("fonts/Bad.ttf"), font).unwrap();
                regular_at(l, "fonts/Bad.ttf");
                let title = format!("title = \"Knee {c} pain\"\nreviewed = 2026-11-01\n");
                write(l, "handouts/h.toml", &title);
            },
            place: "clinic.toml:3:11",
            says: "is drawn far outside the box the font gives for all its letters",
            ..ROW
        },
        Row {
            name: "a font with an advance of 65,535 units",
            setup: |l| bad_regular(l, |f| advance(f, 'e', 65_535)),
            place: "clinic.toml:3:11",
            says: "its glyph for the character U+0065 \"e\" is many times wider than a letter can be",
            ..ROW
        },
        Row {
            name: "a font with an advance of 65,535 units for a letter of the clinic's name",
            setup: |l| bad_regular(l, |f| advance(f, 'T', 65_535)),
            place: "clinic.toml:3:11",
            says: "U+0054 \"T\" is many times wider",
            ..ROW
        },
        Row {
            name: "a booking link with letters other than English ones",
            setup: |l| clinic(l, &format!("booking_url = \"{BOOKING}\"\n{MINIMAL_CLINIC}")),
            status: 0,
            writes: &["out/h.pdf"],
            ..ROW
        },
        Row {
            name: "a booking link no browser could open",
            setup: |l| {
                clinic(
                    l,
                    &format!("booking_url = \"https://bü cher.example/\"\n{MINIMAL_CLINIC}"),
                )
            },
            place: "clinic.toml:1:15",
            says: "is not a web address a phone can open",
            ..ROW
        },
        Row {
            name: "a javascript: website",
            setup: |l| {
                clinic(
                    l,
                    &format!("website = \"javascript:alert(1)\"\n{MINIMAL_CLINIC}"),
                )
            },
            place: "clinic.toml:1:11",
            says: "`website`: a link to `javascript:` cannot be opened safely",
            ..ROW
        },
        Row {
            name: "a file: link in the disclaimer",
            setup: |l| {
                clinic(
                    l,
                    &format!(
                        "disclaimer = \"See [our rules](file:///etc/passwd).\"\n{MINIMAL_CLINIC}"
                    ),
                )
            },
            place: "clinic.toml:1:31",
            says: "`disclaimer`: a link to `file:`",
            ..ROW
        },
        Row {
            name: "a javascript: link in a per-language disclaimer",
            setup: |l| {
                clinic(
                    l,
                    &format!(
                        "{MINIMAL_CLINIC}[disclaimer]\nen = \"Fine.\"\nes = \"Ver [esto](JavaScript:alert(1)).\"\n"
                    ),
                )
            },
            args: &["check"],
            place: "clinic.toml:9:18",
            says: "a link to `javascript:`",
            ..ROW
        },
        Row {
            name: "a javascript: link in the note",
            args: &[
                "build",
                "handouts/h.toml",
                "--patient",
                "Jane",
                "--note",
                "See [this](javascript:alert(1))",
            ],
            status: 2,
            says: "error: --note: the link `javascript:alert(1)`: a link to `javascript:` cannot be opened",
            ..ROW
        },
        Row {
            name: "a file: link in the note",
            args: &[
                "build",
                "handouts/h.toml",
                "--patient",
                "Jane",
                "--note",
                "[x](file:///etc/passwd)",
            ],
            status: 2,
            says: "error: --note: the link `file:///etc/passwd`",
            ..ROW
        },
        Row {
            name: "a web link in the note is printed",
            args: &[
                "build",
                "handouts/h.toml",
                "--patient",
                "Jane",
                "--note",
                "See [our exercises](https://example.org/knees) or call [us](tel:+15035550199).",
            ],
            status: 0,
            writes: &["out/h.patient.pdf"],
            ..ROW
        },
        Row {
            name: "a control character on each of 166,000 lines",
            setup: |l| {
                let lines = "Ice\u{7}\n".repeat(166_000);
                write(
                    l,
                    "handouts/h.toml",
                    &format!("{GOOD}summary = \"\"\"\n{lines}\"\"\"\n"),
                );
            },
            args: &["check", "handouts/h.toml"],
            place: "handouts/h.toml:4:4",
            says: "an invisible control character (U+0007) is here",
            memory: true,
            time: Duration::from_secs(10),
            ..ROW
        },
        Row {
            name: "166,000 control characters are counted, not shown",
            setup: |l| {
                let lines = "Ice\u{7}\n".repeat(166_000);
                write(
                    l,
                    "handouts/h.toml",
                    &format!("{GOOD}summary = \"\"\"\n{lines}\"\"\"\n"),
                );
            },
            args: &["check", "handouts/h.toml"],
            says: "handouts/h.toml: and 165950 more problems not shown",
            time: Duration::from_secs(10),
            stderr_under: 60_000,
            ..ROW
        },
        Row {
            name: "250,000 unknown placeholders",
            setup: |l| {
                let text = "{x} ".repeat(250_000);
                write(
                    l,
                    "handouts/h.toml",
                    &format!("{GOOD}summary = \"{text}\"\n"),
                );
            },
            args: &["check", "handouts/h.toml"],
            place: "handouts/h.toml:3:12",
            says: "unknown placeholder {x}",
            memory: true,
            time: Duration::from_secs(10),
            ..ROW
        },
        Row {
            name: "250,000 unknown placeholders are counted, not shown",
            setup: |l| {
                let text = "{x} ".repeat(250_000);
                write(
                    l,
                    "handouts/h.toml",
                    &format!("{GOOD}summary = \"{text}\"\n"),
                );
            },
            says: "handouts/h.toml: and 249950 more problems not shown",
            time: Duration::from_secs(10),
            stderr_under: 60_000,
            ..ROW
        },
        Row {
            name: "a title that would retitle the terminal",
            setup: |l| {
                write(
                    l,
                    "handouts/h.toml",
                    "title = \"Knee \u{1b}]0;owned\u{7} pain\"\nreviewed = 2026-11-01\n",
                );
            },
            place: "handouts/h.toml:1:15",
            says: "an invisible control character (U+001B)",
            ..ROW
        },
        Row {
            name: "an escape sequence is shown escaped under the message",
            setup: |l| {
                write(
                    l,
                    "handouts/h.toml",
                    "title = \"Knee \u{1b}[2J\u{1b}]0;owned\u{7} pain\"\nreviewed = 2026-11-01\n",
                );
            },
            says: "1 | title = \"Knee \\u{1b}[2J\\u{1b}]0;owned\\u{7} pain\"",
            ..ROW
        },
        Row {
            name: "an escape sequence in a clinic name",
            setup: |l| {
                clinic(
                    l,
                    &MINIMAL_CLINIC.replace("Test Clinic", "Test\u{1b}[31m Clinic"),
                )
            },
            place: "clinic.toml:1:13",
            says: "U+001B",
            ..ROW
        },
        Row {
            name: "a white primary colour",
            setup: |l| {
                clinic(
                    l,
                    &format!("{MINIMAL_CLINIC}[colors]\nprimary = \"#FFFFFF\"\n"),
                )
            },
            place: "clinic.toml:8:11",
            says: "the primary colour gives headings and links on white a contrast of 1.0:1, below the 3:1",
            ..ROW
        },
        Row {
            name: "a pale yellow primary colour, in check too",
            setup: |l| {
                clinic(
                    l,
                    &format!("{MINIMAL_CLINIC}[colors]\nprimary = \"#FFD700\"\n"),
                )
            },
            args: &["check"],
            place: "clinic.toml:8:11",
            says: "a contrast of 1.4:1",
            ..ROW
        },
        Row {
            name: "a black accent colour under black list numbers",
            setup: |l| {
                clinic(
                    l,
                    &format!("{MINIMAL_CLINIC}[colors]\naccent = \"#000000\"\n"),
                )
            },
            place: "clinic.toml:8:10",
            says: "the accent colour gives list numbers on the accent colour a contrast of 1.",
            ..ROW
        },
        Row {
            name: "a mid-grey primary colour (3.9:1) builds",
            setup: |l| {
                clinic(
                    l,
                    &format!("{MINIMAL_CLINIC}[colors]\nprimary = \"#808080\"\n"),
                )
            },
            status: 0,
            writes: &["out/h.pdf"],
            ..ROW
        },
        Row {
            name: "an object replacement character in the title",
            setup: |l| {
                write(
                    l,
                    "handouts/h.toml",
                    "title = \"Knee \u{fffc} pain\"\nreviewed = 2026-11-01\n",
                );
            },
            place: "handouts/h.toml:1:15",
            says: "the object replacement character U+FFFC",
            ..ROW
        },
        Row {
            name: "a replacement character in an item",
            setup: |l| {
                write(
                    l,
                    "handouts/h.toml",
                    &format!(
                        "{GOOD}[[section]]\nkind = \"causes\"\n[[section.item]]\ntext = \"Caf\\uFFFD is fine\"\n"
                    ),
                );
            },
            place: "handouts/h.toml:6:12",
            says: "the replacement character U+FFFD",
            ..ROW
        },
        Row {
            name: "a replacement character in the clinic's address",
            setup: |l| {
                clinic(
                    l,
                    &format!("address = \"1 M\u{fffd}in St\"\n{MINIMAL_CLINIC}"),
                )
            },
            place: "clinic.toml:1:15",
            says: "U+FFFD",
            ..ROW
        },
        Row {
            name: "a phone photo turned by its EXIF orientation",
            setup: |l| {
                std::fs::write(l.join("assets/turned.jpg"), turned_jpeg(6)).unwrap();
                picture_handout(l, &["../assets/turned.jpg"]);
            },
            status: 0,
            writes: &["out/h.pdf"],
            ..ROW
        },
    ]
}

/// handouts/h.toml with one paragraph of `len` bytes.
fn long_paragraph(lib: &Path, len: usize) {
    let sentence = "Rest your knee and walk a little each day so it heals well. ";
    let text = sentence.repeat(len / sentence.len() + 1);
    let intro = format!(
        "[[section]]\nkind = \"text\"\nintro = \"{}\"\n",
        text[..len].trim()
    );
    write(lib, "handouts/h.toml", &format!("{GOOD}{intro}"));
}

#[test]
fn every_attack_is_refused_cleanly() {
    let failures: Vec<String> = rows().iter().filter_map(|row| attack(row).err()).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// A font replaced while a batch runs cannot kill the process (a memory map
/// of it would, with SIGBUS): the batch ends with an exit status.
#[test]
fn a_font_rewritten_during_a_batch_does_not_crash() {
    let lib = library(MINIMAL_CLINIC);
    let font = lib.path().join("fonts/Own.ttf");
    let original =
        std::fs::read(repo().join("fonts/AtkinsonHyperlegibleNext-Regular.ttf")).unwrap();
    std::fs::write(&font, &original).unwrap();
    clinic(
        lib.path(),
        &MINIMAL_CLINIC.replace("AtkinsonHyperlegibleNext-Regular.ttf", "Own.ttf"),
    );
    for i in 0..40 {
        write(lib.path(), &format!("handouts/h{i:02}.toml"), GOOD);
    }
    let mut child = command(lib.path(), &["build"]).spawn().unwrap();
    // Truncate the file in place (what corrupts a mapping), then restore it.
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() && started.elapsed() < TIME_LIMIT {
        let file = std::fs::OpenOptions::new().write(true).open(&font).unwrap();
        file.set_len(0).unwrap();
        file.set_len(original.len() as u64).unwrap();
        std::fs::write(&font, &original).unwrap();
    }
    let status = child.wait().unwrap();
    assert!(status.code().is_some(), "killed by a signal: {status:?}");
}

/// Ctrl-C stops a batch cleanly: status 130, what was built is whole, and no
/// temporary file is left.
#[test]
fn ctrl_c_stops_a_batch_cleanly() {
    let lib = library(MINIMAL_CLINIC);
    let dir = lib.path();
    many(dir, 300);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_handout"))
        .arg("build")
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", TODAY_EPOCH)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = child.stderr.take().unwrap();
    // Wait for the first PDF, then interrupt.
    let mut seen = Vec::new();
    let mut byte = [0u8; 1];
    while !String::from_utf8_lossy(&seen).contains("built ") {
        assert_eq!(stderr.read(&mut byte).unwrap(), 1, "the batch ended early");
        seen.push(byte[0]);
    }
    // SAFETY: signalling the child we spawned.
    assert_eq!(
        unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGINT) },
        0
    );
    stderr.read_to_end(&mut seen).unwrap();
    let status = child.wait().unwrap();
    let said = String::from_utf8_lossy(&seen);
    assert_eq!(status.code(), Some(130), "{said}");
    assert!(said.contains("interrupted: "), "{said}");
    let out: Vec<_> = std::fs::read_dir(dir.join("out"))
        .unwrap()
        .flatten()
        .collect();
    assert!(out.len() < 300, "the batch ran to the end");
    for entry in out {
        let name = entry.file_name().to_string_lossy().into_owned();
        assert!(
            name.ends_with(".pdf") && !name.starts_with('.'),
            "{name} left behind"
        );
        let bytes = std::fs::read(entry.path()).unwrap();
        assert!(
            bytes.ends_with(b"%%EOF\n") || bytes.ends_with(b"%%EOF"),
            "{name} is cut short"
        );
    }
}

/// Run one row in a fresh library; the error says what went wrong.
fn attack(row: &Row) -> Result<(), String> {
    let lib = library(MINIMAL_CLINIC);
    let root = lib.path();
    std::fs::create_dir_all(root.join("handouts")).unwrap();
    std::fs::create_dir_all(root.join("out")).unwrap();
    std::fs::write(root.join("out/h.pdf"), EARLIER_PDF).unwrap();
    (row.setup)(root);
    // Rows whose setup wrote no handout get the good one.
    if row.args.contains(&"handouts/h.toml")
        && std::fs::symlink_metadata(root.join("handouts/h.toml")).is_err()
    {
        write(root, "handouts/h.toml", GOOD);
    }
    let before = files(root);
    let run = run(root, row.args, row.env);
    let fail = |what: String| Err(format!("{}: {what}\n--- stderr:\n{}", row.name, run.stderr));
    let Some(run_status) = run.status else {
        return fail(format!("did not finish within {TIME_LIMIT:?} (killed)"));
    };
    if run_status != row.status {
        return fail(format!("exit status {run_status}, expected {}", row.status));
    }
    if run.elapsed > row.time {
        return fail(format!("took {:?}", run.elapsed));
    }
    // A terminal obeys escape sequences: no control character reaches it.
    if let Some(c) = run
        .stderr
        .chars()
        .find(|c| c.is_control() && !"\n\t".contains(*c))
    {
        return fail(format!("standard error holds U+{:04X} raw", c as u32));
    }
    if row.memory && run.peak_kb > row.memory_limit_kb {
        return fail(format!("peak memory {} MB", run.peak_kb / 1024));
    }
    if run.stderr.len() >= row.stderr_under || run.stderr.contains("panicked") {
        return fail(format!(
            "{} bytes on standard error, or a panic",
            run.stderr.len()
        ));
    }
    if !row.place.is_empty() {
        let prefix = format!("{}: error: ", row.place);
        let line = run.stderr.lines().find(|l| l.starts_with(&prefix));
        if !line.is_some_and(|l| l.contains(row.says)) {
            return fail(format!("no line starting `{prefix}` saying `{}`", row.says));
        }
    } else if !run.stderr.contains(row.says) {
        return fail(format!("standard error does not say `{}`", row.says));
    }
    let after = files(root);
    let written: Vec<PathBuf> = row.writes.iter().map(|w| root.join(w)).collect();
    for (path, bytes) in &after {
        let expected = written.contains(path);
        if path.to_string_lossy().ends_with(".partial") {
            return fail(format!("{} was left behind", path.display()));
        }
        if expected {
            if !bytes.starts_with(b"%PDF-") {
                return fail(format!("{} is not a PDF", path.display()));
            }
            assert_valid(path);
        } else if before.get(path) != Some(bytes) && !(row.status == 0 && row.writes.is_empty()) {
            return fail(format!("{} was created or changed", path.display()));
        }
    }
    for path in before.keys() {
        let temporary = path.to_string_lossy().ends_with(".partial");
        if !after.contains_key(path) && !temporary {
            return fail(format!("{} was removed", path.display()));
        }
    }
    if let Some(missing) = written.iter().find(|w| !after.contains_key(*w)) {
        return fail(format!("{} was not written", missing.display()));
    }
    match row.status {
        0 if row.args[0] == "build" && after == before => {
            fail("exit 0 but nothing was written".into())
        }
        _ => Ok(()),
    }
}

/// Every regular file under `root` (links not followed), with its bytes.
fn files(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut found = BTreeMap::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let entry = entry.unwrap();
            let kind = entry.file_type().unwrap();
            let path = entry.path();
            if kind.is_dir() {
                folders.push(path);
            } else if kind.is_file() {
                found.insert(path.clone(), std::fs::read(&path).unwrap());
            }
        }
    }
    found
}

struct Run {
    /// `None` when the child was killed for taking too long.
    status: Option<i32>,
    stderr: String,
    elapsed: Duration,
    peak_kb: i64,
}

fn command(dir: &Path, args: &[&str]) -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_handout"));
    command
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", TODAY_EPOCH)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped());
    command
}

/// Run the binary, killing it after [`TIME_LIMIT`]; its own peak memory
/// comes from wait4, which reports on that child alone.
// The child is reaped by wait4 below, which clippy does not see.
#[allow(clippy::zombie_processes)]
fn run(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let started = Instant::now();
    let mut child = command(dir, args)
        .envs(env.iter().copied())
        .spawn()
        .unwrap();
    let mut pipe = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        pipe.read_to_string(&mut text).map(|_| text)
    });
    let pid = child.id() as libc::pid_t;
    let mut killed = false;
    let (code, peak_kb) = loop {
        let mut status = 0;
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        // SAFETY: wait4 fills the two values we own; `pid` is our child, not yet reaped.
        let done = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        assert!(done >= 0, "wait4 failed");
        if done == pid {
            let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
            break (code, usage.ru_maxrss);
        }
        if !killed && started.elapsed() > TIME_LIMIT {
            child.kill().unwrap();
            killed = true;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    Run {
        status: code.filter(|_| !killed),
        stderr: reader.join().unwrap().unwrap(),
        elapsed: started.elapsed(),
        peak_kb,
    }
}

/// clinic.toml with a logo eight times as wide as it is tall.
fn wide_logo(lib: &Path) {
    image::RgbImage::from_pixel(800, 100, image::Rgb([11, 95, 165]))
        .save(lib.join("assets/wide.png"))
        .unwrap();
    let logo = "logo = \"assets/wide.png\"\nlogo_alt = \"Wide Clinic\"\nphone = \"+1 (503) 555-0199 ext. 204\"\n";
    clinic(lib, &format!("{logo}{MINIMAL_CLINIC}"));
}

/// `n` more good handouts beside handouts/h.toml.
fn many(lib: &Path, n: usize) {
    for i in 0..n {
        write(lib, &format!("handouts/h{i:03}.toml"), GOOD);
    }
}

fn clinic(lib: &Path, text: &str) {
    write(lib, "clinic.toml", text);
}

/// The clinic's regular face is `path`, as written in clinic.toml.
fn regular_at(lib: &Path, path: &str) {
    clinic(
        lib,
        &MINIMAL_CLINIC.replace("fonts/AtkinsonHyperlegibleNext-Regular.ttf", path),
    );
}

fn atkinson() -> Vec<u8> {
    std::fs::read(repo().join("fonts/AtkinsonHyperlegibleNext-Regular.ttf")).unwrap()
}

/// The clinic's regular face is Atkinson Regular damaged by `damage`.
fn bad_regular(lib: &Path, damage: fn(&mut Vec<u8>)) {
    let mut font = atkinson();
    damage(&mut font);
    std::fs::write(lib.join("fonts/Bad.ttf"), font).unwrap();
    regular_at(lib, "fonts/Bad.ttf");
}

/// The clinic's one fallback is Noto Sans damaged by `damage`.
fn bad_fallback(lib: &Path, damage: fn(&mut Vec<u8>)) {
    let mut font = std::fs::read(repo().join("fonts/NotoSans-Regular.ttf")).unwrap();
    damage(&mut font);
    std::fs::write(lib.join("fonts/Bad.ttf"), font).unwrap();
    clinic(
        lib,
        &format!("{MINIMAL_CLINIC}fallback = [\"fonts/Bad.ttf\"]\n"),
    );
}

/// Where a table of a font lies: (offset, length, offset of its directory record).
fn table(font: &[u8], tag: &[u8; 4]) -> (usize, usize, usize) {
    let count = usize::from(u16::from_be_bytes([font[4], font[5]]));
    let u32_at = |i: usize| u32::from_be_bytes(font[i..i + 4].try_into().unwrap()) as usize;
    (0..count)
        .map(|i| 12 + 16 * i)
        .find(|&r| &font[r..r + 4] == tag)
        .map(|r| (u32_at(r + 8), u32_at(r + 12), r))
        .expect("the font has the table")
}

fn put_u16(font: &mut [u8], at: usize, value: u16) {
    font[at..at + 2].copy_from_slice(&value.to_be_bytes());
}

fn u16_at(font: &[u8], at: usize) -> usize {
    usize::from(u16::from_be_bytes([font[at], font[at + 1]]))
}

fn units_per_em(font: &mut [u8], value: u16) {
    let head = table(font, b"head").0;
    put_u16(font, head + 18, value);
}

/// The table's directory entry gets another name, so the font lacks it.
fn rename_table(font: &mut [u8], tag: &[u8; 4]) {
    let (_, _, record) = table(font, tag);
    font[record..record + 4].copy_from_slice(b"zzzz");
}

/// Every advance width in hmtx set to zero.
fn zero_advances(font: &mut [u8]) {
    let metrics = u16_at(font, table(font, b"hhea").0 + 34);
    let hmtx = table(font, b"hmtx").0;
    for i in 0..metrics {
        put_u16(font, hmtx + 4 * i, 0);
    }
}

/// The glyph for `c` made empty in loca: it keeps its width, loses its shape.
fn empty_glyph(font: &mut [u8], c: char) {
    let face = handout::text::Face::from_bytes("f", font.to_vec()).unwrap();
    let glyph = face.font.charmap().map_unicode(c).unwrap().to_u32() as usize;
    let long = u16_at(font, table(font, b"head").0 + 50) == 1;
    let loca = table(font, b"loca").0;
    if long {
        let start = loca + 4 * glyph;
        let value: [u8; 4] = font[start..start + 4].try_into().unwrap();
        font[start + 4..start + 8].copy_from_slice(&value);
    } else {
        let start = loca + 2 * glyph;
        let value = u16_at(font, start) as u16;
        put_u16(font, start + 2, value);
    }
}

fn fifo(path: &Path) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let name = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: mkfifo reads the NUL-terminated path we own.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o644) }, 0, "mkfifo");
}

fn symlink(to: &str, path: &Path) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(to, path).unwrap();
}

/// A file of `len` bytes that takes no disk space.
fn sparse(path: &Path, len: u64) {
    std::fs::File::create(path).unwrap().set_len(len).unwrap();
}

/// A handout with one item per picture; item k's `image` is on line 7 + 4k, column 9.
fn picture_handout(lib: &Path, pictures: &[&str]) {
    let mut text = format!("{GOOD}[[section]]\nkind = \"causes\"\n");
    for picture in pictures {
        text += &format!(
            "[[section.item]]\ntext = \"Ice it.\"\nimage = \"{picture}\"\nimage_alt = \"An ice pack\"\n"
        );
    }
    write(lib, "handouts/h.toml", &text);
}

/// `count` pictures of 5500 x 5500 RGBA (121 MB decoded, a small file),
/// made from one by `make`, in one handout.
fn big_pictures(lib: &Path, count: usize, make: fn(&Path, &Path)) {
    static PNG: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    let png = PNG.get_or_init(|| {
        use image::ImageEncoder;
        let pixels = vec![200u8; 5500 * 5500 * 4];
        let mut out = Vec::new();
        let encoder = image::codecs::png::PngEncoder::new_with_quality(
            &mut out,
            image::codecs::png::CompressionType::Default,
            image::codecs::png::FilterType::NoFilter,
        );
        encoder
            .write_image(&pixels, 5500, 5500, image::ExtendedColorType::Rgba8)
            .unwrap();
        out
    });
    let first = lib.join("assets/big0.png");
    std::fs::write(&first, png).unwrap();
    let names: Vec<String> = (0..count)
        .map(|i| format!("../assets/big{i}.png"))
        .collect();
    for i in 1..count {
        make(&first, &lib.join(format!("assets/big{i}.png")));
    }
    picture_handout(lib, &names.iter().map(String::as_str).collect::<Vec<_>>());
}

/// A small PNG whose header claims `w` x `h` pixels.
fn png_claiming(w: u32, h: u32) -> Vec<u8> {
    let mut png = Vec::new();
    image::RgbaImage::new(4, 4)
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    // IHDR: length and type at 8, width and height at 16, its CRC at 29.
    png[16..20].copy_from_slice(&w.to_be_bytes());
    png[20..24].copy_from_slice(&h.to_be_bytes());
    let mut crc = flate2::Crc::new();
    crc.update(&png[12..29]);
    png[29..33].copy_from_slice(&crc.sum().to_be_bytes());
    png
}

/// A small JPEG whose frame header claims `w` x `h` pixels.
fn jpeg_claiming(w: u16, h: u16) -> Vec<u8> {
    let mut jpeg = Vec::new();
    image::RgbImage::new(16, 16)
        .write_to(
            &mut std::io::Cursor::new(&mut jpeg),
            image::ImageFormat::Jpeg,
        )
        .unwrap();
    // SOF0: FF C0, length (2), precision (1), height (2), width (2).
    let sof = jpeg.windows(2).position(|m| m == [0xff, 0xc0]).unwrap();
    jpeg[sof + 5..sof + 7].copy_from_slice(&h.to_be_bytes());
    jpeg[sof + 7..sof + 9].copy_from_slice(&w.to_be_bytes());
    assert!(jpeg.len() < 2500);
    jpeg
}

/// `text` written to `name` in the library (a row's setup).
fn put(lib: &Path, name: &str, text: &str) {
    write(lib, name, text);
}

/// Every attack on a shared leaflet in turn, then its text read back with
/// pdftotext: no patient's name and no note is on it.
#[test]
fn no_note_or_patient_name_reaches_a_shared_leaflet() {
    let lib = library(MINIMAL_CLINIC);
    let dir = lib.path();
    write(dir, "handouts/knee.toml", GOOD);
    write(dir, "handouts/knee.patient.toml", GOOD);
    let shared = |args: &[&str]| {
        let run = run(dir, args, &[]);
        assert_ne!(run.status, Some(0), "{args:?} succeeded");
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    };
    std::fs::remove_file(dir.join("handouts/knee.patient.toml")).unwrap();
    assert_eq!(run(dir, &["build"], &[]).status, Some(0));
    write(dir, "handouts/knee.patient.toml", GOOD);
    let leaflet = dir.join("out/knee.pdf");
    let before = std::fs::read(&leaflet).unwrap();
    let note = "Jane Doe: biopsy positive";
    shared(&["build", "handouts/knee.toml", "--note", note]);
    shared(&["build", "--note", note]);
    shared(&["build", "--patient", "Jane Doe", "--note", note]);
    for target in ["out/knee.pdf", "./out/KNEE.pdf", "out/knee.trifold.pdf"] {
        shared(&[
            "build",
            "handouts/knee.toml",
            "--patient",
            "Jane Doe",
            "--note",
            note,
            "-o",
            target,
        ]);
    }
    // The patient copy of knee is knee.patient.pdf: the name of the other
    // handout's shared leaflet.
    shared(&["build", "handouts/knee.toml", "--patient", "Jane Doe"]);
    assert_eq!(
        std::fs::read(&leaflet).unwrap(),
        before,
        "the leaflet changed"
    );
    for entry in std::fs::read_dir(dir.join("out")).unwrap().flatten() {
        let text = text_of(&entry.path());
        assert!(
            !text.contains("Jane") && !text.contains("biopsy"),
            "{}: {text}",
            entry.path().display()
        );
    }
}

/// A build running elsewhere (its process number means nothing here, as on
/// a network drive) holds its temporary's lock: a build beside it leaves
/// the file alone, and one of a process still running too.
#[test]
fn a_temporary_in_use_is_not_cleaned_away() {
    let lib = library(MINIMAL_CLINIC);
    let dir = lib.path();
    write(dir, "handouts/h.toml", GOOD);
    let held = write(dir, "out/.x.pdf.4194305-0.partial", "%PDF-under way");
    let writer = std::fs::File::open(&held).unwrap();
    writer.lock().unwrap();
    let running = format!("out/.y.pdf.{}-0.partial", std::process::id());
    let running = write(dir, &running, "%PDF-under way");
    let stale = write(dir, "out/.z.pdf.4194305-1.partial", "%PDF-half");
    let run = run(dir, &["build"], &[]);
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    assert!(held.exists(), "a temporary whose lock is held was removed");
    assert!(running.exists(), "a running build's temporary was removed");
    assert!(!stale.exists(), "a stale temporary was left");
    drop(writer);
}

/// Standard output closed early (`handout check | true`) or full
/// (`>/dev/full`): no panic; a closed pipe ends quietly with the status the
/// command would have had, a full one with a message and status 1.
#[test]
fn a_closed_or_full_output_ends_cleanly() {
    let lib = library(MINIMAL_CLINIC);
    let dir = lib.path();
    write(dir, "handouts/h.toml", GOOD);
    let commands: &[&[&str]] = &[
        &["check"],
        &["check", "--format", "json"],
        &["list"],
        &["list", "--format", "json"],
        &["completions", "bash"],
        &["man"],
        &["icons"],
        &["icons", "--format", "json"],
        &["--help"],
        &["new", "knee"],
    ];
    for args in commands {
        let normal = command(dir, args).status().unwrap().code();
        std::fs::remove_file(dir.join("handouts/knee.toml")).ok();
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let closed = command(dir, args).stdout(writer).output().unwrap();
        std::fs::remove_file(dir.join("handouts/knee.toml")).ok();
        let said = String::from_utf8_lossy(&closed.stderr);
        assert_eq!(
            closed.status.code(),
            normal,
            "{args:?} into a closed pipe: {said}"
        );
        assert!(
            !said.contains("panicked") && !said.contains("output"),
            "{args:?}: {said}"
        );
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let full = command(dir, args).stdout(full).output().unwrap();
        std::fs::remove_file(dir.join("handouts/knee.toml")).ok();
        let said = String::from_utf8_lossy(&full.stderr);
        assert_eq!(
            full.status.code(),
            Some(1),
            "{args:?} into a full disk: {said}"
        );
        assert!(
            said.contains("error: cannot write the output: No space left on device")
                && !said.contains("panicked"),
            "{args:?}: {said}"
        );
    }
}

/// Standard error closed early or full (`2>/dev/full`): what a command
/// says there is dropped, the command still ends with its own status (no
/// panic's 101), and a build still writes its PDF.
#[test]
fn a_closed_or_full_standard_error_changes_nothing_but_what_is_said() {
    let lib = library(MINIMAL_CLINIC);
    let dir = lib.path();
    write(dir, "handouts/h.toml", GOOD);
    write(dir, "handouts/bad.toml", "title = \"x\"\n[[section\n");
    let commands: &[&[&str]] = &[
        &["check"],
        &["build", "--out-dir", "out"],
        &[
            "build",
            "handouts/h.toml",
            "--out-dir",
            "out",
            "--note",
            "x",
        ],
        &["list", "--clinic", "missing.toml"],
        &["icons", "--sheet", "handouts/h.toml"],
    ];
    for args in commands {
        let normal = command(dir, args).output().unwrap();
        assert!(!normal.stderr.is_empty(), "{args:?} says nothing on stderr");
        assert_ne!(normal.status.code(), Some(0), "{args:?}");
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let closed = command(dir, args).stderr(writer).status().unwrap();
        assert_eq!(
            closed.code(),
            normal.status.code(),
            "{args:?}, stderr closed"
        );
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let full = command(dir, args).stderr(full).status().unwrap();
        assert_eq!(full.code(), normal.status.code(), "{args:?}, stderr full");
    }
    assert!(
        dir.join("out/h.pdf").is_file(),
        "the good handout was not built"
    );
}

/// `count` copies of a 64 x 64 PNG holding a `chunk` (iCCP or zTXt) whose
/// compressed data inflates to 1 GB, about 1 MB on disk, in one handout.
fn bomb_pictures(lib: &Path, count: usize, chunk: &[u8; 4]) {
    static DEFLATED: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    let deflated = DEFLATED.get_or_init(|| {
        use std::io::Write;
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        let zeros = vec![0u8; 1 << 20];
        for _ in 0..1024 {
            z.write_all(&zeros).unwrap();
        }
        z.finish().unwrap()
    });
    let mut png = Vec::new();
    image::RgbImage::from_pixel(64, 64, image::Rgb([11, 95, 165]))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    // A keyword, its NUL, compression method 0, then the zlib stream.
    let mut data = b"bomb\0\0".to_vec();
    data.extend_from_slice(deflated);
    let png = with_chunk(&png, chunk, &data);
    let names: Vec<String> = (0..count)
        .map(|i| format!("../assets/bomb{i}.png"))
        .collect();
    for name in &names {
        std::fs::write(lib.join("handouts").join(name), &png).unwrap();
    }
    picture_handout(lib, &names.iter().map(String::as_str).collect::<Vec<_>>());
}

/// `png` with a chunk of type `kind` holding `data` inserted after IHDR.
fn with_chunk(png: &[u8], kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
    let mut chunk = (data.len() as u32).to_be_bytes().to_vec();
    chunk.extend_from_slice(kind);
    chunk.extend_from_slice(data);
    let mut crc = flate2::Crc::new();
    crc.update(&chunk[4..]);
    chunk.extend_from_slice(&crc.sum().to_be_bytes());
    // Signature (8) and IHDR (4 + 4 + 13 + 4).
    let at = 33;
    [&png[..at], &chunk, &png[at..]].concat()
}

/// An EXIF block (TIFF, big-endian) saying the camera was held at `orientation`.
fn exif(orientation: u16) -> Vec<u8> {
    let mut tiff = b"MM\0\x2a\0\0\0\x08\0\x01".to_vec();
    // Tag 0x0112 (orientation), type SHORT, one value, padded; no next IFD.
    tiff.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1]);
    tiff.extend_from_slice(&orientation.to_be_bytes());
    tiff.extend_from_slice(&[0, 0, 0, 0, 0, 0]);
    tiff
}

/// A 160 x 80 JPEG, wider than tall as stored, whose EXIF says to turn it.
fn turned_jpeg(orientation: u16) -> Vec<u8> {
    let mut jpeg = Vec::new();
    image::RgbImage::from_fn(160, 80, |x, _| image::Rgb([(x % 256) as u8, 90, 160]))
        .write_to(
            &mut std::io::Cursor::new(&mut jpeg),
            image::ImageFormat::Jpeg,
        )
        .unwrap();
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend_from_slice(&exif(orientation));
    let mut segment = vec![0xff, 0xe1];
    segment.extend_from_slice(&(app1.len() as u16 + 2).to_be_bytes());
    segment.extend_from_slice(&app1);
    // After the start-of-image marker.
    [&jpeg[..2], &segment, &jpeg[2..]].concat()
}

/// The pictures of a PDF as `pdfimages -list` gives them: (width, height).
fn pdf_images(pdf: &Path) -> Vec<(u32, u32)> {
    let out = std::process::Command::new("pdfimages")
        .arg("-list")
        .arg(pdf)
        .output()
        .expect("pdfimages (poppler-utils) is installed");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .skip(2)
        .filter(|l| l.split_whitespace().nth(2) == Some("image"))
        .map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            (f[3].parse().unwrap(), f[4].parse().unwrap())
        })
        .collect()
}

/// A photo whose EXIF says it was taken turned prints upright: a JPEG (APP1)
/// and a PNG (eXIf), each stored 160 x 80, embed 80 x 160; unturned, 160 x 80.
#[test]
fn exif_orientation_turns_a_photo_upright() {
    let mut png = Vec::new();
    image::RgbImage::from_pixel(160, 80, image::Rgb([11, 95, 165]))
        .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    let cases = [
        ("turned.jpg", turned_jpeg(6), (80, 160)),
        ("left.jpg", turned_jpeg(8), (80, 160)),
        ("upside.jpg", turned_jpeg(3), (160, 80)),
        ("turned.png", with_chunk(&png, b"eXIf", &exif(6)), (80, 160)),
        ("plain.png", png.clone(), (160, 80)),
    ];
    for (name, bytes, size) in cases {
        let lib = library(MINIMAL_CLINIC);
        std::fs::write(lib.path().join("assets").join(name), bytes).unwrap();
        picture_handout(lib.path(), &[&format!("../assets/{name}")]);
        let run = run(lib.path(), &["build", "handouts/h.toml"], &[]);
        assert_eq!(run.status, Some(0), "{name}: {}", run.stderr);
        let pdf = lib.path().join("out/h.pdf");
        assert!(
            pdf_images(&pdf).contains(&size),
            "{name}: {:?}",
            pdf_images(&pdf)
        );
    }
}

/// The hmtx advance of the glyph for `c` set to `units`.
fn advance(font: &mut [u8], c: char, units: u16) {
    let face = handout::text::Face::from_bytes("f", font.to_vec()).unwrap();
    let glyph = face.font.charmap().map_unicode(c).unwrap().to_u32() as usize;
    let metrics = u16_at(font, table(font, b"hhea").0 + 34);
    assert!(glyph < metrics, "the glyph has its own advance");
    let hmtx = table(font, b"hmtx").0;
    put_u16(font, hmtx + 4 * glyph, units);
}

/// Some letter's outline moved `by` units to the right, points and all (its
/// first point's x is a two-byte delta the others follow); which letter.
fn move_glyph(font: &mut [u8], by: i16) -> char {
    let face = handout::text::Face::from_bytes("f", font.to_vec()).unwrap();
    let long = u16_at(font, table(font, b"head").0 + 50) == 1;
    let (loca, glyf) = (table(font, b"loca").0, table(font, b"glyf").0);
    let start = |g: usize| match long {
        true => {
            u32::from_be_bytes(font[loca + 4 * g..loca + 4 * g + 4].try_into().unwrap()) as usize
        }
        false => 2 * u16_at(font, loca + 2 * g),
    };
    for c in 'a'..='z' {
        let g = face.font.charmap().map_unicode(c).unwrap().to_u32() as usize;
        let at = glyf + start(g);
        let contours = u16_at(font, at);
        if contours == 0 || contours >= 0x8000 {
            continue;
        }
        let instructions = at + 10 + 2 * contours;
        let flags = instructions + 2 + u16_at(font, instructions);
        // Flag bit 1: x is one byte; bit 4 without bit 1: x repeats the last.
        if font[flags] & 0b1_0010 != 0 {
            continue;
        }
        let points = u16_at(font, at + 10 + 2 * (contours - 1)) + 1;
        let (mut i, mut read) = (flags, 0);
        while read < points {
            let repeat = if font[i] & 8 != 0 {
                i += 1;
                usize::from(font[i])
            } else {
                0
            };
            read += 1 + repeat;
            i += 1;
        }
        let x = i16::from_be_bytes([font[i], font[i + 1]]);
        font[i..i + 2].copy_from_slice(&(x + by).to_be_bytes());
        return c;
    }
    panic!("no letter starts with a two-byte x")
}

/// A booking address with a German host and path.
const BOOKING: &str = "https://bücher.example/termin buchen/für-sie";

/// Its QR code scans (zbarimg) to the address as a browser sends it, while
/// the page prints it as the clinic wrote it.
#[test]
fn a_booking_link_in_other_letters_scans_as_a_browser_sends_it() {
    let lib = library(&format!("booking_url = \"{BOOKING}\"\n{MINIMAL_CLINIC}"));
    write(lib.path(), "handouts/h.toml", GOOD);
    let run = run(lib.path(), &["build", "handouts/h.toml"], &[]);
    assert_eq!(run.status, Some(0), "{}", run.stderr);
    let pdf = lib.path().join("out/h.pdf");
    let page = lib.path().join("page");
    let status = std::process::Command::new("pdftoppm")
        .args(["-r", "200", "-png", "-singlefile"])
        .arg(&pdf)
        .arg(&page)
        .status()
        .expect("pdftoppm (poppler-utils) runs");
    assert!(status.success());
    let scan = std::process::Command::new("zbarimg")
        .args(["--quiet", "--raw"])
        .arg(page.with_extension("png"))
        .output()
        .expect("zbarimg (zbar-tools) runs");
    let found = String::from_utf8_lossy(&scan.stdout);
    assert_eq!(
        found.trim(),
        "https://xn--bcher-kva.example/termin%20buchen/f%C3%BCr-sie"
    );
    let text = std::process::Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        text.contains("bücher.example/termin buchen/für-sie"),
        "{text}"
    );
    // Printed once, as written: not followed by its encoded form.
    assert!(!text.contains("xn--"), "{text}");
}
