//! JSON accepts what `Display` prints (issue 11, item 7): hedges, urges, channel kinds,
//! `whose` and every named enum load from their printed words; free text stays free.

use contested::{
    ActorKind, Boundary, ChannelKind, ClaimKind, CountStatus, EventKind, Form, Hedge, Measure,
    Nesting, Occurrence, Urge, Whose,
};
use proptest::prelude::*;
use serde::de::DeserializeOwned;

fn from_words<T: DeserializeOwned>(words: String) -> T {
    serde_json::from_value(serde_json::Value::String(words)).unwrap()
}

fn named_round_trip<T>(all: &[T])
where
    T: DeserializeOwned + std::fmt::Display + PartialEq + std::fmt::Debug + Clone,
{
    for v in all {
        assert_eq!(&from_words::<T>(v.to_string()), v);
    }
}

#[test]
fn every_named_value_loads_from_its_display() {
    named_round_trip(&Hedge::NAMED);
    named_round_trip(&Urge::NAMED);
    named_round_trip(&ChannelKind::NAMED);
    named_round_trip(ActorKind::ALL);
    named_round_trip(Nesting::ALL);
    named_round_trip(Measure::ALL);
    named_round_trip(Boundary::ALL);
    named_round_trip(ClaimKind::ALL);
    named_round_trip(Form::ALL);
    named_round_trip(EventKind::ALL);
    named_round_trip(Occurrence::ALL);
    named_round_trip(CountStatus::ALL);
    named_round_trip(&[Whose::All, Whose::party("armenia"), Whose::party("all")]);
}

proptest! {
    #[test]
    fn free_words_load_as_free_text(t in "[a-z][a-z ]{0,20}[a-z]") {
        prop_assume!(Hedge::NAMED.iter().all(|h| !h.to_string().eq_ignore_ascii_case(&t)));
        prop_assume!(Urge::NAMED.iter().all(|u| !u.to_string().eq_ignore_ascii_case(&t)));
        prop_assume!(!["de_escalation", "implement_agreements"].contains(&t.as_str()));
        let h: Hedge = from_words(t.clone());
        prop_assert_eq!(&h, &Hedge::Other(t.clone()));
        let u: Urge = from_words(t.clone());
        prop_assert_eq!(&u, &Urge::Other(t.clone()));
        // Written back as the tagged object, which reads back the same.
        let back: Hedge = serde_json::from_str(&serde_json::to_string(&h)?)?;
        prop_assert_eq!(back, h);
    }
}

#[test]
fn a_statement_with_plain_hedges_loads() {
    let json = r#"{"id":"s","made":{"earliest":"2020-01-08T10:00:00+03:00","latest":"2020-01-08T10:00:00+03:00"},
        "form":"unattributed","hedges":["Reportedly","according to sources"]}"#;
    let s: contested::Statement = serde_json::from_str(json).unwrap();
    assert_eq!(
        s.hedges,
        [
            Hedge::Reportedly,
            Hedge::Other("according to sources".into())
        ]
    );
    // A wrong type is still refused.
    let bad = json.replace(r#"["Reportedly","according to sources"]"#, "[3]");
    assert!(serde_json::from_str::<contested::Statement>(&bad).is_err());
}
