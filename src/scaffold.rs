//! `handout new NAME`: a commented skeleton handout with every section kind,
//! ready for an editor to fill in, that passes `handout check` as it stands.

use crate::date::Date;
use crate::library::Library;
use std::path::PathBuf;

const TEMPLATE: &str = r#"# {NAME}: a patient handout. Replace every line of text with your own.
# Short words and short sentences help patients: aim for grade 8 or below.
# Check it with `handout check`; build it with `handout build`.

title = "{TITLE}"                      # the question or topic, in plain words
subtitle = "What it is, what helps, and when to get help"
language = "en"
reviewed = {TODAY}                     # the day a clinician last checked this text
keywords = ["{NAME}"]

# The main message: two or three short sentences. A blank line starts a new paragraph.
summary = """
This leaflet explains what {TITLE_LOWER} is and what you can do about it.
Keep it and read it again when you need to."""

closing = "Call us at {clinic.phone} if you have questions."

[[section]]
kind = "causes"                        # heading defaults to "What causes it"
intro = "These things can cause it:"

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
intro = "Call 911 if you have chest pain or trouble breathing. Call us right away if you have:"

  [[section.item]]
  text = "A warning sign, in the patient's words"

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

/// Write handouts/NAME.toml; refuses to replace a file that exists.
pub fn new_handout(library: &Library, name: &str, today: Date) -> Result<PathBuf, String> {
    let valid = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !name.starts_with('-');
    if !valid {
        return Err(format!(
            "`{name}` cannot name a handout: use lowercase letters, digits and hyphens, like knee-pain"
        ));
    }
    let path = library.handouts_dir().join(format!("{name}.toml"));
    if path.exists() {
        return Err(format!(
            "{} already exists; choose another name",
            path.display()
        ));
    }
    let title = name.replace('-', " ");
    let mut chars = title.chars();
    let title: String = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    let text = TEMPLATE
        .replace("{NAME}", name)
        .replace("{TITLE_LOWER}", &name.replace('-', " "))
        .replace("{TITLE}", &title)
        .replace("{TODAY}", &today.to_string());
    std::fs::create_dir_all(library.handouts_dir()).map_err(|e| e.to_string())?;
    crate::output::write_atomic(&path, text.as_bytes()).map_err(|e| e.to_string())?;
    Ok(path)
}
