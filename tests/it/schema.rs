//! The JSON Schemas in schema/ match the Rust types, accept every shipped sample
//! and reject the mistakes editors should see underlined.

use handout::schema::{clinic_schema, handout_schema};
use serde_json::Value;
use std::path::PathBuf;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// TOML as taplo hands it to a JSON Schema: dates and times become strings.
fn to_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.into_iter().map(to_json).collect()),
        toml::Value::Table(table) => {
            Value::Object(table.into_iter().map(|(k, v)| (k, to_json(v))).collect())
        }
    }
}

fn toml_to_json(text: &str) -> Value {
    to_json(toml::from_str::<toml::Value>(text).expect("valid TOML"))
}

fn validator(schema: &str) -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(schema).expect("the schema is JSON");
    assert!(
        jsonschema::meta::is_valid(&schema),
        "not a valid JSON Schema"
    );
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles")
}

fn errors(validator: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

#[test]
fn committed_schemas_match_the_rust_types() {
    let update = std::env::var_os("UPDATE_SCHEMA").is_some();
    let mut stale = Vec::new();
    for (path, generated) in [
        ("schema/handout.schema.json", handout_schema()),
        ("schema/clinic.schema.json", clinic_schema()),
    ] {
        let file = repo().join(path);
        if std::fs::read_to_string(&file).ok().as_deref() == Some(generated.as_str()) {
            continue;
        }
        if update {
            std::fs::create_dir_all(file.parent().unwrap()).unwrap();
            std::fs::write(&file, generated).unwrap();
        } else {
            stale.push(path);
        }
    }
    assert!(
        stale.is_empty(),
        "{} out of date with the Rust types in src/parse/; \
         regenerate with `UPDATE_SCHEMA=1 cargo test --profile ci --test it schema::`",
        stale.join(" and ")
    );
}

#[test]
fn the_schemas_say_what_they_are() {
    for (text, title) in [
        (handout_schema(), "handout file"),
        (clinic_schema(), "clinic profile"),
    ] {
        assert!(text.ends_with("}\n"));
        let schema: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(schema["title"], title);
        assert_eq!(
            schema["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
        assert_eq!(schema["additionalProperties"], false);
    }
    let handout: Value = serde_json::from_str(&handout_schema()).unwrap();
    assert_eq!(handout["properties"]["reviewed"]["format"], "date");
    assert_eq!(
        handout["required"],
        serde_json::json!(["title", "reviewed"])
    );
}

fn samples() -> Vec<(PathBuf, &'static str)> {
    let mut found: Vec<(PathBuf, &'static str)> = std::fs::read_dir(repo().join("handouts"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .map(|p| (p, "handout"))
        .collect();
    found.sort();
    assert!(!found.is_empty(), "no handouts/*.toml");
    found.push((repo().join("tests/fixtures/long-handout.toml"), "handout"));
    found.push((repo().join("clinic.toml"), "clinic"));
    found
}

#[test]
fn every_shipped_sample_validates_and_points_at_its_schema() {
    let handouts = validator(&handout_schema());
    let clinic = validator(&clinic_schema());
    for (path, kind) in samples() {
        let text = std::fs::read_to_string(&path).unwrap();
        let validator = if kind == "clinic" { &clinic } else { &handouts };
        let found = errors(validator, &toml_to_json(&text));
        assert!(found.is_empty(), "{}: {found:#?}", path.display());

        // The first line tells taplo where the schema is, relative to the file.
        let first = text.lines().next().unwrap_or_default();
        let target = first
            .strip_prefix("#:schema ")
            .unwrap_or_else(|| panic!("{}: no `#:schema` first line", path.display()));
        let schema_file = path.parent().unwrap().join(target.trim());
        assert_eq!(
            std::fs::canonicalize(&schema_file).ok(),
            std::fs::canonicalize(repo().join(format!("schema/{kind}.schema.json"))).ok(),
            "{}: `{first}` does not lead to schema/{kind}.schema.json",
            path.display()
        );
    }
}

const HANDOUT: &str = r#"title = "Neck pain"
reviewed = 2026-11-01

[[section]]
kind = "causes"
style = "bullets"

  [[section.item]]
  title = "Screens too low"
"#;

const CLINIC: &str = r##"name = "Clinic"

[colors]
primary = "#0B5FA5"

[fonts]
regular = "fonts/Regular.ttf"
"##;

/// `text` breaks `schema` with an error at the JSON pointer `at` whose message
/// contains `says`.
fn rejected(schema: &str, text: &str, at: &str, says: &str) {
    let found = errors(&validator(schema), &toml_to_json(text));
    assert!(
        found
            .iter()
            .any(|e| e.starts_with(&format!("{at}: ")) && e.contains(says)),
        "expected an error at `{at}` saying `{says}`, got {found:#?}\n{text}"
    );
}

#[test]
fn the_minimal_files_are_accepted() {
    assert_eq!(
        errors(&validator(&handout_schema()), &toml_to_json(HANDOUT)),
        Vec::<String>::new()
    );
    assert_eq!(
        errors(&validator(&clinic_schema()), &toml_to_json(CLINIC)),
        Vec::<String>::new()
    );
}

#[test]
fn an_unknown_handout_key_is_rejected() {
    let text = HANDOUT.replace("title = \"Neck pain\"", "titel = \"Neck pain\"");
    rejected(&handout_schema(), &text, "", "'titel' was unexpected");
    let text = HANDOUT.replace("style = ", "stlye = ");
    rejected(
        &handout_schema(),
        &text,
        "/section/0",
        "'stlye' was unexpected",
    );
    let text = format!("{HANDOUT}  picture = \"a.png\"\n");
    rejected(
        &handout_schema(),
        &text,
        "/section/0/item/0",
        "'picture' was unexpected",
    );
}

#[test]
fn a_wrong_section_kind_is_rejected() {
    let text = HANDOUT.replace("\"causes\"", "\"symptoms\"");
    rejected(&handout_schema(), &text, "/section/0/kind", "\"symptoms\"");
}

#[test]
fn a_wrong_list_style_or_date_is_rejected() {
    let text = HANDOUT.replace("\"bullets\"", "\"letters\"");
    rejected(&handout_schema(), &text, "/section/0/style", "\"letters\"");
    let text = HANDOUT.replace("2026-11-01", "\"November 2026\"");
    rejected(&handout_schema(), &text, "/reviewed", "\"November 2026\"");
}

#[test]
fn a_bad_clinic_colour_is_rejected() {
    let text = CLINIC.replace("#0B5FA5", "#12345");
    rejected(&clinic_schema(), &text, "/colors/primary", "\"#12345\"");
}

#[test]
fn bad_clinic_keys_and_values_are_rejected() {
    for (extra, at, says) in [
        ("[page]\npaper = \"legal\"\n", "/page/paper", "\"legal\""),
        ("[page]\nbody_size = 9\n", "/page/body_size", "9"),
        (
            "[policy]\nreview_months = 0\n",
            "/policy/review_months",
            "0",
        ),
        (
            "[colours]\nprimary = \"#000000\"\n",
            "",
            "'colours' was unexpected",
        ),
    ] {
        rejected(&clinic_schema(), &format!("{CLINIC}{extra}"), at, says);
    }
    let text = CLINIC.replace("regular = \"fonts/Regular.ttf\"", "");
    rejected(
        &clinic_schema(),
        &text,
        "/fonts",
        "\"regular\" is a required",
    );
}
