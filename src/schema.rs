//! JSON Schemas for the two TOML formats, generated from the raw parse types.
//!
//! They are committed at schema/handout.schema.json and schema/clinic.schema.json
//! (tests/schema.rs keeps them in sync) and referenced from the sample files with a
//! `#:schema` line, so editors with a TOML language server (taplo / Even Better
//! TOML) offer completion, hover help and validation. TOML dates are strings of
//! format "date" there, as taplo sees them.

use crate::parse::clinic::ClinicFile;
use crate::parse::handout::HandoutFile;
use schemars::{JsonSchema, generate::SchemaSettings};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Value;

/// The JSON Schema of a handout file (handouts/NAME.toml), pretty-printed.
pub fn handout_schema() -> String {
    render::<HandoutFile>("handout file")
}

/// The JSON Schema of a clinic profile (clinic.toml), pretty-printed.
pub fn clinic_schema() -> String {
    render::<ClinicFile>("clinic profile")
}

fn render<T: JsonSchema>(title: &str) -> String {
    let generator = SchemaSettings::draft2020_12().into_generator();
    let mut schema = generator.into_root_schema_for::<T>();
    schema.insert("title".into(), title.into());
    let mut value = schema.to_value();
    tomlify(&mut value);
    let mut out = serde_json::to_string_pretty(&Sorted(&value)).expect("a schema serializes");
    out.push('\n');
    out
}

/// Fits schemars' output to TOML: TOML has no null, so the `null` that schemars
/// allows for every `Option` field goes (an absent key is how TOML says "none"),
/// and so do its Rust-only number formats ("double", "uint32"), which JSON Schema
/// does not define.
fn tomlify(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if let Some(Value::Array(types)) = map.get_mut("type") {
                types.retain(|t| t != "null");
                if types.len() == 1 {
                    let only = types.pop().unwrap();
                    map.insert("type".into(), only);
                }
            }
            if let Some(Value::Array(any_of)) = map.get_mut("anyOf") {
                any_of.retain(|s| s.get("type").is_none_or(|t| t != "null"));
                if let [Value::Object(_)] = any_of.as_slice() {
                    let Some(Value::Object(only)) = any_of.pop() else {
                        unreachable!()
                    };
                    map.remove("anyOf");
                    for (key, v) in only {
                        map.entry(key).or_insert(v);
                    }
                }
            }
            let numeric = matches!(
                map.get("type").and_then(Value::as_str),
                Some("number" | "integer")
            );
            if numeric {
                map.remove("format");
            }
            map.values_mut().for_each(tomlify);
        }
        Value::Array(items) => items.iter_mut().for_each(tomlify),
        _ => {}
    }
}

/// Serializes a JSON value with every object's keys in sorted order, whatever
/// map type serde_json was built with, so the committed files stay stable.
struct Sorted<'a>(&'a Value);

impl Serialize for Sorted<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Value::Object(map) => {
                let mut keys: Vec<&String> = map.keys().collect();
                keys.sort();
                let mut out = serializer.serialize_map(Some(keys.len()))?;
                for key in keys {
                    out.serialize_entry(key, &Sorted(&map[key]))?;
                }
                out.end()
            }
            Value::Array(items) => serializer.collect_seq(items.iter().map(Sorted)),
            other => other.serialize(serializer),
        }
    }
}
