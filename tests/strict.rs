//! Unknown fields are errors everywhere, with the JSON path and the closest known name.
//! A typo must never load silently with different figures.

use contested::ingest::{IngestError, JsonLines};
use contested::{Dossier, LoadError};
use serde_json::{Value, json};

const SEED: &str = include_str!("../examples/data/armenia_azerbaijan_2022-09-13.json");

/// The seed with `key: value` added to the object at `pointer` (a JSON Pointer).
fn seed_with(pointer: &str, key: &str, value: Value) -> String {
    let mut v: Value = serde_json::from_str(SEED).expect("the seed is JSON");
    v.pointer_mut(pointer)
        .and_then(Value::as_object_mut)
        .unwrap_or_else(|| panic!("no object at {pointer}"))
        .insert(key.to_owned(), value);
    serde_json::to_string_pretty(&v).expect("serializable")
}

fn load_error(text: &str) -> (String, String) {
    match Dossier::from_json(text) {
        Err(err @ LoadError::Json { .. }) => {
            let LoadError::Json { ref path, .. } = err else {
                unreachable!()
            };
            (path.clone(), err.to_string())
        }
        Err(other) => panic!("expected a JSON error, got {other}"),
        Ok(_) => panic!("a misspelled field loaded silently"),
    }
}

#[track_caller]
fn rejects(pointer: &str, typo: &str, path: &str, hint: &str) {
    let (got_path, message) = load_error(&seed_with(pointer, typo, json!("x")));
    assert_eq!(got_path, path, "{message}");
    let want = format!("unknown field `{typo}`, did you mean `{hint}`?");
    assert!(message.contains(&want), "{message}\nwants {want}");
}

#[test]
fn dossier() {
    rejects("", "mediator", "mediator", "mediators");
}

#[test]
fn actor() {
    rejects("/actors/2", "part-of", "actors[2].part-of", "part_of");
}

#[test]
fn event() {
    rejects("/events/0", "side", "events[0].side", "sides");
}

#[test]
fn context_link() {
    rejects(
        "/events/0/context/0",
        "relatoin",
        "events[0].context[0].relatoin",
        "relation",
    );
}

#[test]
fn time_window() {
    rejects("/events/0/when", "latst", "events[0].when.latst", "latest");
}

#[test]
fn statement() {
    rejects("/statements/0", "relays", "statements[0].relays", "relay");
    rejects("/statements/0", "hedge", "statements[0].hedge", "hedges");
}

#[test]
fn claim() {
    // Claims are read by hand (src/claim.rs); an unknown key is still placed at the key
    // inside the claim's path, as for every other record.
    rejects(
        "/statements/0/claims/0",
        "evnt",
        "statements[0].claims[0].evnt",
        "event",
    );
    rejects(
        "/statements/2/claims/1",
        "mediation-credit",
        "statements[2].claims[1].mediation-credit",
        "mediation_credit",
    );
}

#[test]
fn count_claim() {
    rejects(
        "/statements/0/claims/0/count",
        "breakdwon",
        "statements[0].claims[0].count.breakdwon",
        "breakdown",
    );
}

#[test]
fn breakdown_part() {
    let mut v: Value = serde_json::from_str(SEED).unwrap();
    v["statements"][0]["claims"][0]["count"]["breakdown"] =
        json!([{"unit": "3rd battalion", "estimate": "10", "estimat": "12"}]);
    let (path, message) = load_error(&v.to_string());
    assert_eq!(path, "statements[0].claims[0].count.breakdown[0].estimat");
    assert!(message.contains("did you mean `estimate`?"), "{message}");
}

#[test]
fn other_claim_kinds() {
    rejects(
        "/statements/2/claims/1/responsibility",
        "initator",
        "statements[2].claims[1].responsibility.initator",
        "initiator",
    );
    rejects(
        "/statements/2/claims/2/action",
        "targt",
        "statements[2].claims[2].action.targt",
        "target",
    );
    rejects(
        "/statements/2/claims/0/timing",
        "boundry",
        "statements[2].claims[0].timing.boundry",
        "boundary",
    );
    rejects(
        "/statements/10/claims/1/mediation_credit",
        "credit",
        "statements[10].claims[1].mediation_credit.credit",
        "credited",
    );
}

#[test]
fn mediator_and_its_parts() {
    rejects("/mediators/0", "tie", "mediators[0].tie", "ties");
    rejects(
        "/mediators/0/appeals/0",
        "urge",
        "mediators[0].appeals[0].urge",
        "urged",
    );
    rejects(
        "/mediators/0/deployments/0",
        "rol",
        "mediators[0].deployments[0].rol",
        "role",
    );
    rejects(
        "/mediators/0/ties/0",
        "kinds",
        "mediators[0].ties[0].kinds",
        "kind",
    );
}

#[test]
fn json_lines_record() {
    let made = r#"{"earliest":"2022-09-13T10:00:00Z","latest":"2022-09-13T10:00:00Z"}"#;
    let line = format!(
        "{{\"id\":\"s\",\"speaker\":\"a\",\"made\":{made},\"form\":\"paraphrase\",\"hedge\":[]}}\n"
    );
    match JsonLines::new(line.as_bytes()).next() {
        Some(Err(IngestError::Json {
            line,
            path,
            message,
            ..
        })) => {
            assert_eq!((line, path.as_str()), (1, "hedge"));
            assert_eq!(message, "unknown field `hedge`, did you mean `hedges`?");
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn the_seed_and_its_round_trip_still_load() {
    let d = Dossier::from_json(SEED).expect("the seed is strict-clean");
    assert_eq!(Dossier::from_json(&d.to_json()).expect("round trip"), d);
}

/// Every JSON Pointer to an object inside `v` (not the root).
fn object_pointers(v: &Value, at: &str, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            if !at.is_empty() {
                out.push(at.to_owned());
            }
            for (k, child) in m {
                object_pointers(child, &format!("{at}/{k}"), out);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                object_pointers(child, &format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn positional_arrays_are_refused_everywhere() {
    // serde's struct derive also reads `[v1, v2, ...]` as the fields in order; every
    // object of a dossier, written as the array of its values, must be refused with the
    // path of the array (issue 12): windows, counts, breakdown parts, claim kinds too.
    let files = [
        SEED,
        include_str!("../examples/data/cases/georgia_2008.json"),
    ];
    let mut checked = 0;
    for text in files {
        let doc: Value = serde_json::from_str(text).expect("JSON");
        let mut pointers = Vec::new();
        object_pointers(&doc, "", &mut pointers);
        for pointer in pointers {
            let mut v = doc.clone();
            let slot = v.pointer_mut(&pointer).expect("there");
            let values: Vec<Value> = slot
                .as_object()
                .expect("an object")
                .values()
                .cloned()
                .collect();
            *slot = Value::Array(values);
            match Dossier::from_json(&v.to_string()) {
                Err(LoadError::Json { path, message, .. }) => {
                    let want = pointer[1..].split('/').fold(String::new(), |p, s| {
                        if s.bytes().all(|b| b.is_ascii_digit()) {
                            format!("{p}[{s}]")
                        } else if p.is_empty() {
                            s.to_owned()
                        } else {
                            format!("{p}.{s}")
                        }
                    });
                    assert!(path.starts_with(&want), "{pointer}: {path}: {message}");
                    // A one-key object is an enum's tag (`"whose": {"party": "x"}`): serde
                    // refuses its array form in its own words. Records say "sequence".
                    let tag = doc
                        .pointer(&pointer)
                        .and_then(Value::as_object)
                        .is_some_and(|m| m.len() == 1);
                    assert!(
                        tag || (path == want && message.contains("invalid type: sequence")),
                        "{pointer}: {path}: {message}"
                    );
                }
                Err(other) => panic!("{pointer}: {other}"),
                Ok(_) => panic!("{pointer}: a positional array loaded"),
            }
            checked += 1;
        }
    }
    assert!(checked > 100, "{checked}");
}

#[test]
fn a_positional_json_lines_record_with_a_positional_window_is_refused() {
    let record = r#"{"id":"s","speaker":"a","made":["2022-09-13T12:00:00Z","2022-09-13T12:00:00Z"],"form":"paraphrase"}"#;
    let err = JsonLines::new(record.as_bytes())
        .next()
        .expect("a line")
        .unwrap_err();
    assert!(err.to_string().contains("invalid type: sequence"), "{err}");
    assert_eq!(err.path(), Some("made"), "{err}");
}

#[test]
fn defaults_in_json_are_the_defaults_in_rust() {
    // `form` left out reads as `Statement::new` sets it: paraphrase.
    let made = contested::TimeWindow::instant("2022-09-13T12:00:00Z".parse().expect("a time"));
    let built = contested::Statement::new("s", "a", made);
    let mut v = serde_json::to_value(&built).expect("serializable");
    assert!(
        v.as_object_mut()
            .expect("an object")
            .remove("form")
            .is_some()
    );
    let read: contested::Statement =
        serde_json::from_value(v.clone()).expect("form may be left out");
    assert_eq!(read, built);
    // The same in a dossier and in a JSON Lines record.
    let dossier = json!({"actors": [{"id": "a", "name": "A", "kind": "state"}], "statements": [v]});
    let d = Dossier::from_json(&dossier.to_string()).expect("valid");
    assert_eq!(d.statements()[0], built);
    let line = format!("{v}\n");
    let from_line = JsonLines::new(line.as_bytes())
        .next()
        .expect("a line")
        .expect("valid");
    assert_eq!(from_line, built);
}
