//! Denials of allegations the dossier does not record (issue 11, item 3): a denial may
//! describe the allegation instead of naming a claim; reconciliation pairs it with the
//! claims that fit, or reports it with nothing to pair.

use contested::reconcile::{Discrepancy, Reconciler};
use contested::{
    Actor, ActorKind, Allegation, Category, Claim, ClaimBody, ClaimKind, Dossier, Event, EventKind,
    Measure, Problem, Statement, TimeWindow, Whose,
};

fn at(d: u32) -> TimeWindow {
    TimeWindow::instant(format!("2019-02-{d:02}T12:00:00+05:00").parse().unwrap())
}

fn deny(id: &str, allegation: Allegation) -> Claim {
    Claim::new(
        id,
        "dogfight",
        ClaimBody::Denial {
            denies: None,
            allegation: Some(allegation),
            wording: Some("false".into()),
        },
    )
}

fn jets(id: &str, whose: &str, words: &str) -> Claim {
    Claim::count(
        id,
        "dogfight",
        Measure::AircraftLost,
        Whose::party(whose),
        Category::Military,
        words.parse().unwrap(),
    )
}

fn base() -> contested::DossierBuilder {
    Dossier::builder()
        .actor(Actor::new("india", "India", ActorKind::State))
        .actor(Actor::new("in-mod", "Indian MoD", ActorKind::GovernmentBody).part_of("india"))
        .actor(Actor::new("pakistan", "Pakistan", ActorKind::State))
        .actor(Actor::new("ispr", "ISPR", ActorKind::ArmedForce).part_of("pakistan"))
        .actor(Actor::new("reuters", "Reuters", ActorKind::Agency))
        .event(Event::new(
            "dogfight",
            "Aerial engagement",
            EventKind::Other,
        ))
}

/// The denial findings: (denying claim, matches, total matching).
fn denials(d: &Dossier) -> Vec<(String, Vec<String>, usize)> {
    Reconciler::new()
        .reconcile(d)
        .discrepancies()
        .iter()
        .filter_map(|x| match x {
            Discrepancy::Denial {
                by,
                matches,
                matching,
                ..
            } => Some((
                by.claim.to_string(),
                matches.iter().map(|c| c.claim.to_string()).collect(),
                *matching,
            )),
            _ => None,
        })
        .collect()
}

#[test]
fn an_allegation_nobody_recorded_is_a_denial_with_nothing_to_pair() {
    let d = base()
        .statement(
            Statement::new("p1", "ispr", at(27))
                .about("dogfight")
                .claim(deny(
                    "p1-deny",
                    Allegation::new()
                        .quoting("a Pakistani F-16 was shot down")
                        .by("india")
                        .of_measure(Measure::AircraftLost),
                )),
        )
        .build()
        .unwrap();
    assert_eq!(denials(&d), [("p1-deny".to_owned(), vec![], 0)]);
    let text = Reconciler::new().reconcile(&d).to_string();
    assert!(
        text.contains(
            "denies an allegation by india of a count of aircraft_lost (\"a Pakistani F-16 was shot down\"), which no claim records"
        ),
        "{text}"
    );
}

#[test]
fn it_pairs_with_the_alleger_s_matching_claims_only() {
    let d = base()
        // India's MoD: one F-16 downed; and a count of its own losses.
        .statement(
            Statement::new("i1", "in-mod", at(28))
                .about("dogfight")
                .claim(jets("i1-f16", "pakistan", "1"))
                .claim(jets("i1-own", "india", "1")),
        )
        // Reuters (not India) says the same: not the alleger named.
        .statement(
            Statement::new("r1", "reuters", at(28))
                .about("dogfight")
                .claim(jets("r1-f16", "pakistan", "1")),
        )
        .statement(
            Statement::new("p1", "ispr", at(28))
                .about("dogfight")
                .claim(deny(
                    "p1-deny",
                    Allegation::new()
                        .by("india")
                        .of_measure(Measure::AircraftLost),
                ))
                // A denial of "whatever anyone said of the engagement's blame": no such claim.
                .claim(deny(
                    "p1-deny-blame",
                    Allegation::new().of_kind(ClaimKind::Responsibility),
                )),
        )
        .build()
        .unwrap();
    let found = denials(&d);
    // India's two aircraft counts fit (kind and measure, India's party); Reuters's does
    // not (not India).
    assert!(found.contains(&(
        "p1-deny".to_owned(),
        vec!["i1-f16".to_owned(), "i1-own".to_owned()],
        2
    )));
    assert!(found.contains(&("p1-deny-blame".to_owned(), vec![], 0)));
}

#[test]
fn with_no_alleger_named_any_other_party_earlier_fits_but_never_the_denier_s_own() {
    let d = base()
        .statement(
            Statement::new("p0", "ispr", at(26))
                .about("dogfight")
                .claim(jets("p0-own", "india", "2")),
        )
        .statement(
            Statement::new("r1", "reuters", at(27))
                .about("dogfight")
                .claim(jets("r1", "pakistan", "1")),
        )
        .statement(
            Statement::new("p1", "ispr", at(27))
                .about("dogfight")
                .claim(deny(
                    "p1-deny",
                    Allegation::new().of_measure(Measure::AircraftLost),
                )),
        )
        // Said after the denial: not what it denied.
        .statement(
            Statement::new("i9", "in-mod", at(28))
                .about("dogfight")
                .claim(jets("i9", "pakistan", "1")),
        )
        .build()
        .unwrap();
    assert_eq!(
        denials(&d),
        [("p1-deny".to_owned(), vec!["r1".to_owned()], 1)]
    );
}

#[test]
fn a_denial_must_name_a_claim_or_an_allegation_and_a_known_alleger() {
    let err = base()
        .statement(
            Statement::new("p1", "ispr", at(27))
                .about("dogfight")
                .claim(Claim::new(
                    "p1-deny",
                    "dogfight",
                    ClaimBody::Denial {
                        denies: None,
                        allegation: None,
                        wording: None,
                    },
                )),
        )
        .build()
        .unwrap_err();
    assert_eq!(err.errors()[0].path, "statements[0].claims[0].denial");
    assert!(matches!(
        err.errors()[0].problem,
        Problem::EmptyDenial { .. }
    ));

    let err = base()
        .statement(
            Statement::new("p1", "ispr", at(27))
                .about("dogfight")
                .claim(deny("p1-deny", Allegation::new().by("bbc"))),
        )
        .build()
        .unwrap_err();
    assert_eq!(
        err.errors()[0].path,
        "statements[0].claims[0].denial.allegation.by"
    );
}

#[test]
fn json_carries_the_allegation_and_refuses_unknown_fields() {
    let ok = r#"{"id":"c","event":"dogfight","denial":{"allegation":{"quote":"shot down","by":"india","kind":"count","measure":"aircraft_lost"}}}"#;
    let c: Claim = serde_json::from_str(ok).unwrap();
    assert_eq!(serde_json::to_string(&c).unwrap(), ok);
    let bad = r#"{"id":"c","event":"dogfight","denial":{"allegation":{"words":"shot down"}}}"#;
    assert!(serde_json::from_str::<Claim>(bad).is_err());
    // The old form is unchanged.
    let old = r#"{"id":"c","event":"dogfight","denial":{"denies":"x"}}"#;
    let c: Claim = serde_json::from_str(old).unwrap();
    assert_eq!(serde_json::to_string(&c).unwrap(), old);
}
