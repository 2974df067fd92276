//! `handout new NAME`: a commented skeleton handout with every section kind,
//! for an editor to fill in; and `handout new NAME.LANG --from NAME`, a
//! translation to make from a handout. The skeleton's instructions are not
//! leaflet text: `check` reports each one left in and `build` refuses them.

use crate::date::Date;
use crate::diagnostic::{Diagnostic, Source};
use crate::library::Library;
use crate::parse::Spanned;
use crate::parse::handout::HandoutFile;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Every `summary`, `intro` and item `title`/`text` here is an instruction
/// to the editor, found by [`unfinished`] until it is replaced.
const TEMPLATE: &str = r#"{SCHEMA}# {NAME}: a patient handout. Replace every text below with your own:
# `handout check` lists the ones still to write, and `handout build` waits for them.
# Short words and short sentences help patients: aim for grade 8 or below.

title = "{TITLE}"                      # the question or topic, in plain words
subtitle = "What it is, what helps, and when to get help"
language = "en"
reviewed = {TODAY}                  # the day a clinician last checked this text
keywords = ["{NAME}"]

# The main message, printed first. A blank line starts a new paragraph.
summary = """
Write the main message here, in two or three short sentences."""

closing = "Call us at {clinic.phone} if you have questions."

[[section]]
kind = "causes"                        # heading defaults to "What causes it"
intro = "Say in one sentence what can cause it."

  [[section.item]]
  title = "First cause"
  text = "Say in one or two short sentences how it causes the problem."

[[section]]
kind = "prevention"                    # heading defaults to "How to prevent it"

  [[section.item]]
  title = "First tip"
  text = "Say what to do, how often, and for how long."

[[section]]
kind = "self-care"                     # heading defaults to "What you can do at home"

  [[section.item]]
  title = "First step"
  text = "Say what to do at home, one step at a time."

[[section]]
kind = "warning-signs"                 # printed in a box: "When to get help right away"
intro = "Say when to call 911 and when to call us, for this condition."

  [[section.item]]
  text = "A warning sign, in the patient's words."

[[section]]
kind = "treatments"                    # heading defaults to "Treatments at" and the clinic's name

  [[section.item]]
  title = "First treatment"
  text = "Say what it is and how it helps."

[[section]]
kind = "text"
heading = "More about {TITLE_LOWER}"
intro = "Add anything else patients should know here, or delete this section."
"#;

/// Where a handout finds the schema, from handouts/.
const SCHEMA_LINE: &str = "#:schema ../schema/handout.schema.json\n";

/// Write handouts/NAME.toml; refuses to replace a file that exists.
pub fn new_handout(library: &Library, name: &str, today: Date) -> Result<PathBuf, String> {
    check_name(name)?;
    let path = target(library, name)?;
    let title = name.replace('-', " ");
    let mut chars = title.chars();
    let title: String = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    let schema = if library.root.join("schema/handout.schema.json").is_file() {
        SCHEMA_LINE
    } else {
        ""
    };
    let text = TEMPLATE
        .replace("{SCHEMA}", schema)
        .replace("{NAME}", name)
        .replace("{TITLE_LOWER}", &name.replace('-', " "))
        .replace("{TITLE}", &title)
        .replace("{TODAY}", &today.to_string());
    write_new(library, &path, &text)
}

/// Write handouts/NAME.LANG.toml from handouts/SOURCE.toml: the source's text
/// to translate, with `language`, `translation_of` and `source_reviewed` set.
pub fn new_translation(
    library: &Library,
    name: &str,
    source_name: &str,
    today: Date,
) -> Result<PathBuf, String> {
    let (base, language) = name.rsplit_once('.').ok_or_else(|| {
        format!("`{name}` does not say the language: name a translation NAME.LANG, like {source_name}.es")
    })?;
    if let Some(why) = crate::library::reserved_name(name) {
        return Err(why);
    }
    check_name(base)?;
    if language.is_empty()
        || !language
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-')
    {
        return Err(format!(
            "`{language}` is not a language tag such as es, vi or zh-Hant"
        ));
    }
    if let Some(tag) = crate::parse::language::meant(language).filter(|tag| *tag != language) {
        return Err(format!(
            "`{language}` is not a language tag; did you mean `{tag}`? Name the translation {base}.{tag}"
        ));
    }
    let source_name = source_name.trim_end_matches(".toml");
    let source_path = library.handouts_dir().join(format!("{source_name}.toml"));
    let source = crate::model::read_source(&source_path).map_err(|d| {
        format!(
            "{}, the handout to translate: {}",
            source_path.display(),
            d.message
        )
    })?;
    let file: HandoutFile = crate::parse::from_toml(&source).map_err(|ds| {
        let first = ds.first().map(ToString::to_string).unwrap_or_default();
        format!(
            "fix {} before translating it:\n{first}",
            source_path.display()
        )
    })?;
    if file.translation_of.is_some() {
        return Err(format!(
            "{} is itself a translation; translate its source instead",
            source_path.display()
        ));
    }
    let path = target(library, name)?;
    let text = translation_text(&source.text, &file, source_name, language, today);
    write_new(library, &path, &text)
}

/// The source's text with the keys of a translation set: every edit is made
/// at a value's place, so the source's comments and layout stay.
fn translation_text(
    text: &str,
    file: &HandoutFile,
    source_name: &str,
    language: &str,
    today: Date,
) -> String {
    let reviewed = file.reviewed.span();
    let line_end = text[reviewed.end..]
        .find('\n')
        .map_or(text.len(), |i| reviewed.end + i + 1);
    let mut added = format!(
        "translation_of = \"{source_name}.toml\"   # the source, relative to this file\n\
         source_reviewed = {}   # the source's review this was translated from\n",
        file.reviewed.get_ref()
    );
    if file.language.is_none() {
        added.insert_str(0, &format!("language = \"{language}\"\n"));
    }
    // Edits from the end of the file backwards, so earlier places stay valid.
    let mut edits: Vec<(std::ops::Range<usize>, String)> = vec![
        (line_end..line_end, added),
        (reviewed.clone(), today.to_string()),
    ];
    if let Some(l) = &file.language {
        edits.push((l.span(), format!("\"{language}\"")));
    }
    if let Some(next) = &file.next_review {
        edits.push((whole_line(text, next.span()), String::new()));
    }
    // At one place, a removal goes before an insertion, so it cannot take the inserted text.
    edits.sort_by_key(|(range, _)| std::cmp::Reverse((range.start, range.end)));
    let mut out = text.to_string();
    for (range, replacement) in edits {
        out.replace_range(range, &replacement);
    }
    // After the `#:schema` line, which must stay first.
    let at = if out.starts_with("#:schema") {
        out.find('\n').map_or(out.len(), |i| i + 1)
    } else {
        0
    };
    out.insert_str(
        at,
        &format!(
            "# Translation of {source_name}.toml into `{language}`: translate every text below.\n"
        ),
    );
    out
}

/// The lines holding `span`, with their line end.
fn whole_line(text: &str, span: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let end = text[span.end..]
        .find('\n')
        .map_or(text.len(), |i| span.end + i + 1);
    start..end
}

fn check_name(name: &str) -> Result<(), String> {
    if let Some(why) = crate::library::reserved_name(name) {
        return Err(why);
    }
    let valid = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !name.starts_with('-');
    if valid {
        Ok(())
    } else {
        Err(format!(
            "`{name}` cannot name a handout: use lowercase letters, digits and hyphens, like knee-pain"
        ))
    }
}

/// handouts/NAME.toml, unless it exists.
fn target(library: &Library, name: &str) -> Result<PathBuf, String> {
    let path = library.handouts_dir().join(format!("{name}.toml"));
    if path.exists() {
        return Err(format!(
            "{} already exists; choose another name",
            path.display()
        ));
    }
    Ok(path)
}

fn write_new(library: &Library, path: &Path, text: &str) -> Result<PathBuf, String> {
    std::fs::create_dir_all(library.handouts_dir()).map_err(|e| e.to_string())?;
    crate::output::write_atomic(path, text.as_bytes()).map_err(|e| e.to_string())?;
    Ok(path.to_path_buf())
}

/// The skeleton's instructions, as [`TEMPLATE`] writes them.
fn instructions() -> &'static [String] {
    static TEXTS: OnceLock<Vec<String>> = OnceLock::new();
    TEXTS.get_or_init(|| {
        let text = TEMPLATE
            .replace("{SCHEMA}", "")
            .replace("{TODAY}", "2026-01-01");
        let file: HandoutFile = toml::from_str(&text).expect("the skeleton is a handout");
        texts(&file)
            .into_iter()
            .map(|t| t.get_ref().trim().to_string())
            .collect()
    })
}

/// The texts of a handout that the skeleton fills with instructions.
fn texts(file: &HandoutFile) -> Vec<&Spanned<String>> {
    let mut out: Vec<&Spanned<String>> = file.summary.iter().collect();
    for section in &file.sections {
        let section = section.get_ref();
        out.extend(&section.intro);
        for item in &section.items {
            out.extend(&item.get_ref().title);
            out.extend(&item.get_ref().text);
        }
    }
    out
}

/// An error at each skeleton instruction left in a handout.
pub fn unfinished(source: &Source, file: &HandoutFile) -> Vec<Diagnostic> {
    let instructions = instructions();
    texts(file)
        .into_iter()
        .filter(|t| instructions.iter().any(|i| i == t.get_ref().trim()))
        .map(|t| {
            source.error(
                t.span().start,
                "unfinished",
                "placeholder text from `handout new`: replace it with this handout's own words, \
                 or delete it, before it can be printed",
            )
        })
        .collect()
}
