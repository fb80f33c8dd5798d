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
    // Claims are read by hand (src/claim.rs), which reports an unknown key at the claim
    // itself rather than at the key; the message still names it.
    rejects(
        "/statements/0/claims/0",
        "evnt",
        "statements[0].claims[0]",
        "event",
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
