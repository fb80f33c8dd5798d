//! Relays as a graph with channels (issue 11, item 5): old linear lists keep their
//! meaning, parallel outlets of one origin are one voice, bad references are refused
//! with a JSON path, and the JSON form round-trips.

use contested::reconcile::{Corroboration, Origin, QuantityKey, Reconciler, Status};
use contested::relay::{distance, parents};
use contested::{
    Actor, ActorKind, Category, Channel, ChannelKind, Claim, Dossier, Event, EventKind, Measure,
    Problem, Relay, RelayFrom, Statement, TimeWindow, Whose,
};

fn at(h: u32) -> TimeWindow {
    TimeWindow::instant(format!("2020-01-08T{h:02}:00:00+03:00").parse().unwrap())
}

fn killed(id: &str, words: &str) -> Claim {
    Claim::count(
        id,
        "strike",
        Measure::Killed,
        Whose::party("usa"),
        Category::Military,
        words.parse().unwrap(),
    )
}

fn key() -> QuantityKey {
    QuantityKey::new(
        "strike",
        Measure::Killed,
        Whose::party("usa"),
        Category::Military,
    )
}

fn base() -> contested::DossierBuilder {
    ["reuters", "afp", "tass", "irib", "ap"]
        .iter()
        .fold(Dossier::builder(), |b, o| {
            b.actor(Actor::new(*o, *o, ActorKind::Outlet))
        })
        .actor(Actor::new("iran", "Iran", ActorKind::State))
        .actor(Actor::new("usa", "United States", ActorKind::State))
        .actor(Actor::new("irgc", "IRGC", ActorKind::ArmedForce).part_of("iran"))
        .event(Event::new("strike", "Strike", EventKind::Other))
}

#[test]
fn an_old_linear_list_is_a_chain_and_writes_back_unchanged() {
    let json = r#"{"id":"s","speaker":"irgc","made":{"earliest":"2020-01-08T10:00:00+03:00","latest":"2020-01-08T10:00:00+03:00"},"form":"paraphrase","relay":["irib","reuters","afp"]}"#;
    let s: Statement = serde_json::from_str(json).unwrap();
    assert_eq!(parents(&s.relay), [None, Some(0), Some(1)]);
    assert_eq!(distance(&s.relay), 3);
    let back = serde_json::to_value(&s).unwrap();
    assert_eq!(back["relay"], serde_json::json!(["irib", "reuters", "afp"]));
}

#[test]
fn the_seed_writes_back_byte_for_byte_in_its_relays() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/data/armenia_azerbaijan_2022-09-13.json"
    );
    let d = Dossier::from_json(&std::fs::read_to_string(path).unwrap()).unwrap();
    let v: serde_json::Value = serde_json::from_str(&d.to_json()).unwrap();
    for s in v["statements"].as_array().unwrap() {
        for r in s["relay"].as_array().into_iter().flatten() {
            assert!(r.is_string(), "a chain link stays a bare id: {r}");
        }
    }
}

#[test]
fn parallel_outlets_with_channels_load_and_round_trip() {
    let json = r#"{
        "actors": [{"id":"iran","name":"Iran","kind":"state"},
                   {"id":"irgc","name":"IRGC","kind":"armed_force","part_of":"iran"},
                   {"id":"irib","name":"IRIB","kind":"outlet"},
                   {"id":"reuters","name":"Reuters","kind":"agency"},
                   {"id":"afp","name":"AFP","kind":"agency"}],
        "events": [{"id":"strike","name":"Strike","kind":"other"}],
        "statements": [{
            "id":"s","speaker":"irgc","made":{"earliest":"2020-01-08T10:00:00+03:00","latest":"2020-01-08T10:00:00+03:00"},"form":"paraphrase",
            "channel": {"kind":"state TV","url":"https://example.org/irib","published":"2020-01-08T10:05:00+03:00"},
            "relay": ["irib",
                      {"outlet":"reuters","from":"irib","channel":"wire"},
                      {"outlet":"afp","from":0,"channel":{"kind":"Wire"}}]
        }]
    }"#;
    let d = Dossier::from_json(json).unwrap();
    let s = &d.statements()[0];
    assert_eq!(
        s.channel.as_ref().map(|c| c.kind.clone()),
        Some(ChannelKind::StateTv)
    );
    assert_eq!(parents(&s.relay), [None, Some(0), Some(0)]);
    assert_eq!(
        contested::relay::describe(&s.relay, 8),
        "irib > reuters | irib > afp"
    );
    let again = Dossier::from_json(&d.to_json()).unwrap();
    assert_eq!(again, d);
}

#[test]
fn unknown_fields_and_positional_relays_are_refused() {
    for relay in [
        r#"{"outlet":"irib","via":"tv"}"#,
        r#"["irib"]"#,
        r#"{"outlet":"irib","channel":{"kind":"wire","link":"x"}}"#,
        r#"{"outlet":"irib","from":-1}"#,
    ] {
        let json = format!(
            r#"{{"id":"s","speaker":"irgc","made":{{"earliest":"2020-01-08T10:00:00+03:00","latest":"2020-01-08T10:00:00+03:00"}},"form":"paraphrase","relay":[{relay}]}}"#
        );
        assert!(
            serde_json::from_str::<Statement>(&json).is_err(),
            "accepted {relay}"
        );
    }
}

#[test]
fn a_relay_of_a_later_or_missing_relay_is_refused_with_its_path() {
    for (from, want) in [
        (RelayFrom::Index(1), "1"),
        (RelayFrom::Index(7), "7"),
        (RelayFrom::Outlet("afp".into()), "`afp`"),
    ] {
        let mut bad = Relay::new("reuters");
        bad.from = Some(from);
        let err = base()
            .statement(
                Statement::new("s", "irgc", at(10))
                    .with_relay(bad)
                    .relayed_by("afp"),
            )
            .build()
            .unwrap_err();
        let e = &err.errors()[0];
        assert_eq!(e.path, "statements[0].relay[0].from");
        match &e.problem {
            Problem::RelayFromUnknown { from, outlet, .. } => {
                assert_eq!((from.as_str(), outlet.as_str()), (want, "reuters"))
            }
            p => panic!("{p:?}"),
        }
    }
    // An unknown outlet in the object form is reported at its `outlet`.
    let err = base()
        .statement(Statement::new("s", "irgc", at(10)).with_relay(Relay::of_origin("cnn")))
        .build()
        .unwrap_err();
    assert_eq!(err.errors()[0].path, "statements[0].relay[0].outlet");
}

#[test]
fn parallel_outlets_of_one_origin_are_one_voice() {
    // The IRGC's figure carried in parallel by three outlets: one voice, single source.
    let d = base()
        .statement(
            Statement::new("s", "irgc", at(10))
                .with_channel(Channel::new(ChannelKind::StateTv))
                .with_relay(Relay::of_origin("irib"))
                .with_relay(Relay::of_origin("tass"))
                .with_relay(Relay::new("afp").from_outlet("irib"))
                .about("strike")
                .claim(killed("c", "80")),
        )
        .build()
        .unwrap();
    let r = Reconciler::new().reconcile(&d);
    let f = r.figure(&key()).unwrap();
    assert_eq!(
        f.corroboration,
        Corroboration::SingleSource {
            origin: Origin::Party("iran".into())
        }
    );
    // An unattributed report carried in parallel is the voice of its first carrier.
    let d = base()
        .statement(
            Statement::unattributed("u", at(11))
                .with_relay(Relay::of_origin("reuters"))
                .with_relay(Relay::of_origin("ap"))
                .about("strike")
                .claim(killed("c", "80")),
        )
        .build()
        .unwrap();
    let f = Reconciler::new().reconcile(&d);
    let f = f.figure(&key()).unwrap();
    assert_eq!(
        f.corroboration,
        Corroboration::SingleSource {
            origin: Origin::Party("reuters".into())
        }
    );
}

#[test]
fn copies_keep_the_version_fewest_hops_from_the_speaker() {
    // Two outlets' versions of one IRGC statement, encoded as two statements: the chain
    // irib > reuters > afp is three hops; tass and ap in parallel are one hop each.
    let d = base()
        .statement(
            Statement::new("s1", "irgc", at(10))
                .relayed_by("irib")
                .relayed_by("reuters")
                .relayed_by("afp")
                .about("strike")
                .claim(killed("far", "80")),
        )
        .statement(
            Statement::new("s2", "irgc", at(10))
                .with_relay(Relay::of_origin("tass"))
                .with_relay(Relay::of_origin("ap"))
                .about("strike")
                .claim(killed("near", "80")),
        )
        .build()
        .unwrap();
    let r = Reconciler::new().reconcile(&d);
    let f = r.figure(&key()).unwrap();
    let status = |c: &str| {
        f.readings
            .iter()
            .find(|x| x.cite.claim.as_str() == c)
            .map(|x| x.status.clone())
            .unwrap()
    };
    assert_eq!(status("near"), Status::Live);
    assert_eq!(status("far"), Status::Copy { of: "near".into() });
}

#[test]
fn readings_share_their_statements_relays() {
    let d = base()
        .statement(
            Statement::new("s", "irgc", at(10))
                .with_relay(Relay::of_origin("irib"))
                .with_relay(Relay::of_origin("tass"))
                .about("strike")
                .claim(killed("a", "80"))
                .claim(Claim::count(
                    "b",
                    "strike",
                    Measure::Wounded,
                    Whose::party("usa"),
                    Category::Military,
                    "200".parse().unwrap(),
                )),
        )
        .build()
        .unwrap();
    let r = Reconciler::new().reconcile(&d);
    let relays: Vec<_> = r
        .figures()
        .iter()
        .flat_map(|f| &f.readings)
        .map(|x| &x.relay)
        .collect();
    assert_eq!(relays.len(), 2);
    assert!(contested::reconcile::Shared::ptr_eq(relays[0], relays[1]));
    // The text report shows both paths.
    assert!(r.to_string().contains("via irib | tass"), "{r}");
}

#[test]
fn free_words_for_a_channel_are_kept() {
    let c: Channel = serde_json::from_str(r#""embassy press review""#).unwrap();
    assert_eq!(c.kind, ChannelKind::Other("embassy press review".into()));
    for k in ChannelKind::NAMED {
        assert_eq!(k.to_string().parse::<ChannelKind>().unwrap(), k);
        let back: ChannelKind = serde_json::from_str(&serde_json::to_string(&k).unwrap()).unwrap();
        assert_eq!(back, k);
    }
}

/// A count of `measure` about the USA's soldiers at the strike.
fn count(id: &str, measure: Measure, n: u64) -> Claim {
    Claim::count(
        id,
        "strike",
        measure,
        Whose::party("usa"),
        Category::Military,
        n.to_string().parse().unwrap(),
    )
}

fn relabels(r: &contested::reconcile::Reconciliation) -> Vec<(String, String, String)> {
    r.discrepancies()
        .iter()
        .filter_map(|d| match d {
            contested::reconcile::Discrepancy::RelabeledRelay {
                claim,
                cited,
                measure,
                ..
            } => Some((
                claim.claim.to_string(),
                cited.claim.to_string(),
                measure.to_string(),
            )),
            _ => None,
        })
        .collect()
}

/// A relay that gives a cited figure as a count of another measure (PTI's "35 dead and
/// injured" for the US assessment's 35 dead, Galwan 2020) is reported; one that keeps
/// the measure, or whose cited statement also counts the relay's measure, is not.
#[test]
fn a_relay_that_changes_what_is_counted_is_reported() {
    let origin = Statement::new("us", "usa", at(9)).claim(count("us-k", Measure::Killed, 35));
    let relabelled = Statement::new("pti", "irib", at(10))
        .citing("us")
        .claim(count("pti-c", Measure::Casualties, 35));
    let d = base()
        .statement(origin.clone())
        .statement(relabelled.clone())
        .build()
        .unwrap();
    let r = Reconciler::new().reconcile(&d);
    assert_eq!(
        relabels(&r),
        [("pti-c".to_owned(), "us-k".to_owned(), "killed".to_owned())]
    );
    assert!(
        r.to_string()
            .contains("relabeled relay on strike/casualties/usa/military")
    );
    // Set aside from the casualty figure: its only testimony is the 35 dead.
    let casualties = QuantityKey::new(
        "strike",
        Measure::Casualties,
        Whose::party("usa"),
        Category::Military,
    );
    let rd = &r.figure(&casualties).unwrap().readings[0];
    assert_eq!(rd.status, Status::Relabeled { of: "us-k".into() });
    let kept = Reconciler::new()
        .policy(contested::reconcile::Policy::default().with_relabels_set_aside(false))
        .reconcile(&d);
    assert!(
        kept.figure(&casualties).unwrap().readings[0]
            .status
            .is_live()
    );
    // The same measure: a relay, not a relabelling.
    let kept = Statement::new("pti", "irib", at(10))
        .citing("us")
        .claim(count("pti-c", Measure::Killed, 35));
    let d = base()
        .statement(origin.clone())
        .statement(kept)
        .build()
        .unwrap();
    assert!(relabels(&Reconciler::new().reconcile(&d)).is_empty());
    // The origin counted casualties too: the relay may be taking that figure.
    let both = origin.claim(count("us-c", Measure::Casualties, 35));
    let d = base()
        .statement(both)
        .statement(relabelled)
        .build()
        .unwrap();
    assert!(relabels(&Reconciler::new().reconcile(&d)).is_empty());
}

proptest::proptest! {
    /// The rule as a law: a citing count is reported as relabelled exactly when the
    /// cited statement has a count of the same people with the same figure and another
    /// measure, and none of the citing count's own measure; once per such measure (the
    /// first count of it, by claim id).
    #[test]
    fn a_relabel_is_reported_exactly_when_the_measure_changed(
        origin in proptest::collection::vec((0usize..3, 0u64..4), 1..4),
        relayed in (0usize..3, 0u64..4),
    ) {
        let measures = [Measure::Killed, Measure::Wounded, Measure::Casualties];
        let o = origin.iter().enumerate().fold(
            Statement::new("o", "usa", at(9)),
            |s, (i, &(m, n))| s.claim(count(&format!("o{i}"), measures[m].clone(), n)),
        );
        let d = base()
            .statement(o)
            .statement(
                Statement::new("rel", "irib", at(10))
                    .citing("o")
                    .claim(count("rel-c", measures[relayed.0].clone(), relayed.1)),
            )
            .build()
            .unwrap();
        let r = Reconciler::new().reconcile(&d);
        let counts_own = origin.iter().any(|&(m, _)| m == relayed.0);
        let mut expected: Vec<(String, String, String)> = if counts_own {
            Vec::new()
        } else {
            // One finding per measure: the first cited count of it with the figure.
            let mut seen = Vec::new();
            origin
                .iter()
                .enumerate()
                .filter(|&(_, &(m, n))| m != relayed.0 && n == relayed.1)
                .filter(|&(_, &(m, _))| {
                    let first = !seen.contains(&m);
                    seen.push(m);
                    first
                })
                .map(|(i, &(m, _))| ("rel-c".to_owned(), format!("o{i}"), measures[m].to_string()))
                .collect()
        };
        let mut got = relabels(&r);
        expected.sort();
        got.sort();
        // Set aside exactly when reported.
        let set_aside = r.figures().iter().flat_map(|f| &f.readings).any(|x| {
            x.cite.claim.as_str() == "rel-c" && matches!(x.status, Status::Relabeled { .. })
        });
        proptest::prop_assert_eq!(set_aside, !expected.is_empty());
        proptest::prop_assert_eq!(got, expected);
    }
}
