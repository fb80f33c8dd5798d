//! JSON Schema (draft 2020-12) of the documents users write: a dossier, and a statement
//! (one item of a dossier's `statements`, or one JSON Lines record); and of the one the
//! library writes, a reconciliation ([`reconciliation`]). Feature `schema`.
//!
//! The schemas are derived with [`schemars`] from the same types serde reads, so they
//! follow the Rust model; only [`Claim`] and [`Estimate`], whose serde is hand-written,
//! have hand-written schemas here. The generated files live in `docs/schema/`, and a test
//! fails when they are stale.
//!
//! A schema accepts the *shape* a file must have (every field name, every vocabulary
//! word, no unknown fields); what it cannot express, such as references between items or
//! an estimate phrase's grammar in full, is left to [`Dossier::from_json`], which checks
//! everything.
//!
//! ```
//! let schema: serde_json::Value = serde_json::from_str(&contested::schema::dossier())?;
//! assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
//! assert_eq!(schema["additionalProperties"], false);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::borrow::Cow;

use schemars::generate::SchemaSettings;
use schemars::transform::RecursiveTransform;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde_json::{Map, Value};

use crate::claim::{Claim, ClaimBody};
use crate::dossier::Dossier;
use crate::estimate::Estimate;
use crate::reconcile::Reconciliation;
use crate::statement::Statement;

fn root<T: JsonSchema>() -> String {
    pretty(settings().into_generator().into_root_schema_for::<T>())
}

/// Draft 2020-12, with the Rust examples of the doc comments left out of descriptions:
/// an editor shows a description on hover, where a page of Rust helps no one.
fn settings() -> SchemaSettings {
    SchemaSettings::draft2020_12().with_transform(RecursiveTransform(without_examples))
}

fn without_examples(schema: &mut Schema) {
    let Some(Value::String(text)) = schema.get_mut("description") else {
        return;
    };
    let mut kept = Vec::new();
    let mut in_code = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
        } else if !in_code {
            kept.push(line);
        }
    }
    let trimmed = kept.join("\n").trim().to_owned();
    if trimmed.is_empty() {
        schema.remove("description");
    } else {
        *text = trimmed;
    }
}

fn pretty(schema: Schema) -> String {
    // A schema of plain values always serializes.
    serde_json::to_string_pretty(&schema).unwrap_or_default()
}

/// The JSON Schema of a dossier file, pretty-printed.
///
/// ```
/// let schema = contested::schema::dossier();
/// assert!(schema.contains("\"statements\""));
/// ```
pub fn dossier() -> String {
    root::<Dossier>()
}

/// The JSON Schema of one statement: an item of a dossier's `statements`, or one JSON
/// Lines record, pretty-printed.
///
/// ```
/// let schema = contested::schema::statement();
/// assert!(schema.contains("\"speaker\""));
/// ```
pub fn statement() -> String {
    root::<Statement>()
}

/// The JSON Schema of a reconciliation as [`Reconciliation::to_json`] writes it (and
/// `contested reconcile --json` prints it), pretty-printed: a contract for tools that
/// read the output. It describes what is written, so fields left out when empty are
/// optional.
///
/// ```
/// let schema: serde_json::Value = serde_json::from_str(&contested::schema::reconciliation())?;
/// assert!(schema["required"].as_array().is_some_and(|r| r.contains(&"figures".into())));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn reconciliation() -> String {
    pretty(
        settings()
            .for_serialize()
            .into_generator()
            .into_root_schema_for::<Reconciliation>(),
    )
}

impl JsonSchema for Estimate {
    fn schema_name() -> Cow<'static, str> {
        "Estimate".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "minLength": 1,
            "description": "A quantity phrase, kept as written. Grammar (case-insensitive; \
                numbers are digits with optional comma thousands separators): `N`; \
                `at least N`, `N or more`, `no fewer than N`, `no less than N`; \
                `more than N`, `over N`, `exceeds N`, `in excess of N`; `at most N`, \
                `no more than N`; `up to N`; `fewer than N`, `less than N`, `under N`; \
                `between A and B`, `A to B`, `A-B`, `A–B`; `about N`, `around N`, \
                `roughly N`, `approximately N`, `some N`, `circa N`, `c. N`, `~N`; \
                `nearly N`, `almost N`; `a dozen`, `dozens`, `scores`, `tens`, `hundreds`, \
                `thousands`; `best N (A to B)` for a best guess within a range (UCDP's \
                best, low and high). See contested::estimate for the ranges.",
            "examples": ["50", "at least 49", "about 100", "between 40 and 60", "dozens", "best 100 (95 to 110)"]
        })
    }
}

impl JsonSchema for crate::relative::Ratio {
    fn schema_name() -> Cow<'static, str> {
        "Ratio".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "minLength": 1,
            "description": "A relative phrase (case-insensitive): an optional comparison \
                (`about`, `at least`, `at most`, `more than`, `less than` and their \
                synonyms), a factor (`the same as`, `double`, `twice`, `triple`, `half`, \
                `a third`, `a quarter`, `two thirds`, `N times`, `N-fold`, `N percent`, \
                `N/D`; N in digits, a decimal, a fraction or words), then optionally \
                `of`, `as many as`, `as much as` or `that of`. See contested::relative.",
            "examples": ["more than double", "half", "a third of", "at least 3 times", "about twice as many as"]
        })
    }
}

impl JsonSchema for Claim {
    fn schema_name() -> Cow<'static, str> {
        "Claim".into()
    }

    /// `{"id", "event", "<kind>": {...}}` with exactly one kind key: the kinds' schemas are
    /// taken from [`ClaimBody`]'s derived (externally tagged) schema.
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let body = ClaimBody::json_schema(generator);
        let mut properties = Map::new();
        properties.insert(
            "id".into(),
            generator.subschema_for::<crate::id::ClaimId>().into(),
        );
        properties.insert(
            "event".into(),
            generator.subschema_for::<crate::id::EventId>().into(),
        );
        let mut one_of = Vec::new();
        let variants = body
            .get("oneOf")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        for variant in variants {
            let Some(Value::Object(props)) = variant.get("properties") else {
                continue;
            };
            for (kind, schema) in props {
                properties.insert(kind.clone(), schema.clone());
                one_of.push(serde_json::json!({ "required": [kind] }));
            }
        }
        json_schema!({
            "description": "One proposition about one event: its id, its event, and exactly \
                one kind key (count, responsibility, action, timing, denial, mediation_credit, relative).",
            "type": "object",
            "properties": properties,
            "required": ["id", "event"],
            "oneOf": one_of,
            "additionalProperties": false
        })
    }
}

impl<T: JsonSchema> JsonSchema for crate::reconcile::Shared<T> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }

    /// Serialized as the value inside.
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        T::json_schema(generator)
    }
}

impl<T: JsonSchema> JsonSchema for crate::objects::ObjectOnly<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }

    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }

    fn schema_id() -> Cow<'static, str> {
        T::schema_id()
    }

    /// The schema of `T`, which is an object already: the array form is what it refuses.
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        T::json_schema(generator)
    }
}
