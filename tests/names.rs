//! Display and FromStr round-trip for every vocabulary enum, and agree with JSON.

use std::fmt::Display;
use std::str::FromStr;

use contested::{
    ActorKind, Boundary, ContextRelation, EventKind, Form, Hedge, Measure, Nesting, Occurrence,
    Precision, TieKind, Urge,
};

fn round_trip<T>(all: &[T])
where
    T: Display + FromStr + PartialEq + std::fmt::Debug + serde::Serialize,
    <T as FromStr>::Err: std::fmt::Debug,
{
    for v in all {
        let text = v.to_string();
        assert_eq!(&text.parse::<T>().expect("parses back"), v);
        assert_eq!(&text.to_uppercase().parse::<T>().expect("ignores case"), v);
        let json = serde_json::to_string(v).expect("serializes");
        assert_eq!(json, format!("{text:?}"), "Display and JSON agree");
    }
}

#[test]
fn vocabulary_round_trips() {
    round_trip(ActorKind::ALL);
    round_trip(Nesting::ALL);
    round_trip(EventKind::ALL);
    round_trip(Occurrence::ALL);
    round_trip(ContextRelation::ALL);
    round_trip(Form::ALL);
    round_trip(TieKind::ALL);
    round_trip(Measure::ALL);
    round_trip(Boundary::ALL);
}

#[test]
fn unknown_names_are_errors_naming_the_input() {
    let err = "bombardment".parse::<EventKind>().expect_err("unknown");
    assert_eq!(err.to_string(), "unknown EventKind \"bombardment\"");
    assert!("".parse::<ActorKind>().is_err());
    assert!("fortnight".parse::<Precision>().is_err());
}

#[test]
fn open_vocabularies_keep_other_words() {
    for h in [
        Hedge::Reportedly,
        Hedge::Allegedly,
        Hedge::Other("so they say".into()),
    ] {
        assert_eq!(h.to_string().parse::<Hedge>(), Ok(h));
    }
    for u in [
        Urge::Restraint,
        Urge::ImplementAgreements,
        Urge::Other("a truce".into()),
    ] {
        assert_eq!(u.to_string().parse::<Urge>(), Ok(u));
    }
}
