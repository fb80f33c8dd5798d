//! The JSON Schema files in docs/schema/ are current, accept every example dossier, and
//! reject a misspelled field; the reconciliation schema accepts what `to_json` writes. Run with `CONTESTED_WRITE_SCHEMA=1` to regenerate them.
#![cfg(feature = "schema")]

use std::path::Path;

use serde_json::Value;

fn check_file(name: &str, text: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("docs/schema")
        .join(name);
    if std::env::var_os("CONTESTED_WRITE_SCHEMA").is_some() {
        std::fs::write(&path, format!("{text}\n")).expect("docs/schema is writable");
        return;
    }
    let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        on_disk == format!("{text}\n"),
        "{} is stale: regenerate with `CONTESTED_WRITE_SCHEMA=1 cargo test --all-features --test schema`",
        path.display()
    );
}

#[test]
fn schema_files_are_current() {
    check_file("dossier.json", &contested::schema::dossier());
    check_file("statement.json", &contested::schema::statement());
    check_file("reconciliation.json", &contested::schema::reconciliation());
}

fn validator(schema: &str) -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(schema).expect("the schema is JSON");
    jsonschema::draft202012::new(&schema).expect("the schema is valid 2020-12")
}

fn examples() -> Vec<(String, Value)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("examples/data exists") {
        let path = entry.expect("readable").path();
        if path.extension().is_some_and(|e| e == "json") {
            let text = std::fs::read_to_string(&path).expect("readable");
            out.push((
                path.display().to_string(),
                serde_json::from_str(&text).expect("JSON"),
            ));
        }
    }
    assert!(!out.is_empty());
    out
}

#[test]
fn every_example_dossier_is_valid_against_the_schema() {
    let v = validator(&contested::schema::dossier());
    for (name, doc) in examples() {
        let errors: Vec<String> = v
            .iter_errors(&doc)
            .map(|e| format!("{} at {}", e, e.instance_path))
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
    }
}

#[test]
fn every_statement_of_the_seed_is_valid_against_the_statement_schema() {
    let v = validator(&contested::schema::statement());
    for (name, doc) in examples() {
        for s in doc["statements"].as_array().into_iter().flatten() {
            let errors: Vec<String> = v.iter_errors(s).map(|e| e.to_string()).collect();
            assert!(errors.is_empty(), "{name} {}: {errors:#?}", s["id"]);
        }
    }
}

#[test]
fn a_misspelled_field_is_rejected_by_the_schema_too() {
    let v = validator(&contested::schema::dossier());
    let (_, seed) = examples().remove(0);
    for pointer in [
        "",
        "/actors/0",
        "/events/0",
        "/statements/0",
        "/statements/0/claims/0",
        "/statements/0/claims/0/count",
        "/mediators/0",
    ] {
        let mut doc = seed.clone();
        doc.pointer_mut(pointer)
            .and_then(Value::as_object_mut)
            .expect("an object")
            .insert("breakdwon".into(), Value::Null);
        assert!(!v.is_valid(&doc), "a typo at {pointer} passed the schema");
    }
    let mut doc = seed;
    doc["statements"][0]["claims"][0]["count"]["measure"] = "two words".into();
    assert!(!v.is_valid(&doc), "an unknown measure passed the schema");
}

#[test]
fn every_example_reconciliation_is_valid_against_the_reconciliation_schema() {
    use contested::reconcile::Reconciler;
    let v = validator(&contested::schema::reconciliation());
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data");
    let mut seen = 0;
    let files = std::fs::read_dir(&root)
        .and_then(|top| Ok(top.chain(std::fs::read_dir(root.join("cases"))?)))
        .expect("examples/data and its cases exist");
    for entry in files {
        let path = entry.expect("readable").path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let dossier = contested::Dossier::from_json_file(&path).expect("a valid dossier");
        // As `contested reconcile --json` does, with and without an as-of time.
        for reconciler in [
            Reconciler::new(),
            Reconciler::new().as_of("2022-09-14T00:00:00Z".parse().expect("a time")),
        ] {
            let out: Value =
                serde_json::from_str(&reconciler.reconcile(&dossier).to_json()).expect("JSON");
            let errors: Vec<String> = v
                .iter_errors(&out)
                .map(|e| format!("{} at {}", e, e.instance_path))
                .take(10)
                .collect();
            assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
        }
        seen += 1;
    }
    assert!(seen > 0);
}

#[test]
fn the_reconciliation_schema_rejects_a_renamed_field_and_a_wrong_type() {
    use contested::reconcile::Reconciler;
    let v = validator(&contested::schema::reconciliation());
    let seed = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/data/armenia_azerbaijan_2022-09-13.json");
    let dossier = contested::Dossier::from_json_file(&seed).expect("the seed");
    let out: Value =
        serde_json::from_str(&Reconciler::new().reconcile(&dossier).to_json()).expect("JSON");
    assert!(v.is_valid(&out));
    let mut renamed = out.clone();
    let figures = renamed["figures"].take();
    renamed["figure"] = figures;
    assert!(!v.is_valid(&renamed), "a renamed top-level field passed");
    let mut wrong = out;
    wrong["figures"][0]["key"] = "armenia killed".into();
    assert!(!v.is_valid(&wrong), "a key given as a string passed");
}

#[test]
fn descriptions_leave_out_the_rust_examples_of_the_doc_comments() {
    for schema in [
        contested::schema::dossier(),
        contested::schema::statement(),
        contested::schema::reconciliation(),
    ] {
        assert!(!schema.contains("```"), "a code block in a description");
        assert!(
            !schema.contains("# Ok::<"),
            "a doctest line in a description"
        );
    }
}

#[test]
fn every_field_of_the_reconciliation_and_its_evidence_is_described() {
    let schema: Value = serde_json::from_str(&contested::schema::reconciliation()).expect("JSON");
    for (what, props) in [
        ("Reconciliation", &schema["properties"]),
        ("Evidence", &schema["$defs"]["Evidence"]["properties"]),
    ] {
        for (name, p) in props.as_object().expect("properties") {
            assert!(
                p.get("description").is_some(),
                "{what}.{name} has no description"
            );
        }
    }
}
