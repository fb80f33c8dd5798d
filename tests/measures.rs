//! User-defined measures (issue 11, item 2): a dossier-level registry, validated so that
//! names are new, parts resolve and sums never cycle.

use contested::measure::{MeasureRef, resolve};
use contested::{Dossier, Measure, MeasureDef, Problem};

fn errors(defs: Vec<MeasureDef>) -> Vec<(String, Problem)> {
    defs.into_iter()
        .fold(Dossier::builder(), |b, m| b.measure(m))
        .build()
        .map(|_| Vec::new())
        .unwrap_or_else(|e| {
            e.errors()
                .iter()
                .map(|e| (e.path.clone(), e.problem.clone()))
                .collect()
        })
}

#[test]
fn a_registry_loads_from_json_strictly() {
    let json = r#"{"measures":[
        {"name":"seriously_injured","description":"injured, hospitalised"},
        {"name":"killed_or_seriously_injured","sum_of":["killed","seriously_injured"]}]}"#;
    let d = Dossier::from_json(json).unwrap();
    assert_eq!(d.measures().len(), 2);
    assert_eq!(
        resolve(d.measures(), "seriously_injured"),
        Some(MeasureRef::Defined(0))
    );
    assert_eq!(
        resolve(d.measures(), "killed"),
        Some(MeasureRef::BuiltIn(Measure::Killed))
    );
    assert_eq!(Dossier::from_json(&d.to_json()).unwrap(), d);
    // Unknown fields and positional arrays are refused.
    assert!(Dossier::from_json(r#"{"measures":[{"name":"x","parts":["a","b"]}]}"#).is_err());
    assert!(Dossier::from_json(r#"{"measures":[["x"]]}"#).is_err());
    // A dossier without a registry writes none.
    assert!(!Dossier::default().to_json().contains("measures"));
}

#[test]
fn every_problem_has_its_path() {
    let got = errors(vec![
        MeasureDef::new("Bad Name"),
        MeasureDef::new("killed"),
        MeasureDef::new("dup"),
        MeasureDef::new("dup"),
        MeasureDef::new("short").sum_of(["killed"]),
        MeasureDef::new("twice").sum_of(["killed", "killed"]),
        MeasureDef::new("selfish").sum_of(["selfish", "killed"]),
        MeasureDef::new("unknown_part").sum_of(["killed", "nothing"]),
    ]);
    let at = |path: &str| {
        got.iter()
            .find(|(p, _)| p == path)
            .map(|(_, pr)| pr.clone())
            .unwrap_or_else(|| panic!("nothing at {path}: {got:?}"))
    };
    assert!(matches!(
        at("measures[0].name"),
        Problem::MalformedMeasure { .. }
    ));
    assert!(matches!(
        at("measures[1].name"),
        Problem::BuiltInMeasure { .. }
    ));
    assert!(matches!(
        at("measures[3].name"),
        Problem::DuplicateId {
            kind: contested::IdKind::Measure,
            ..
        }
    ));
    assert!(matches!(at("measures[4].sum_of"), Problem::ShortSum { .. }));
    assert!(matches!(
        at("measures[5].sum_of[1]"),
        Problem::RepeatedPart { .. }
    ));
    assert!(matches!(
        at("measures[6].sum_of[0]"),
        Problem::RepeatedPart { .. }
    ));
    assert!(matches!(
        at("measures[7].sum_of[1]"),
        Problem::UnknownMeasure { .. }
    ));
}

#[test]
fn a_cycle_through_three_sums_is_named() {
    let got = errors(vec![
        MeasureDef::new("a").sum_of(["killed", "b"]),
        MeasureDef::new("b").sum_of(["c", "wounded"]),
        MeasureDef::new("c").sum_of(["missing", "a"]),
    ]);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].0, "measures[0].sum_of[1]");
    assert_eq!(
        got[0].1,
        Problem::MeasureCycle {
            cycle: vec!["a".into(), "b".into(), "c".into(), "a".into()]
        }
    );
}

#[test]
fn a_long_chain_of_sums_is_accepted() {
    // m_k = m_{k-1} + killed: 20,000 nested sums, no cycle; one pass.
    let mut defs = vec![MeasureDef::new("m0")];
    for k in 1..20_000 {
        defs.push(
            MeasureDef::new(format!("m{k}")).sum_of([format!("m{}", k - 1), "killed".into()]),
        );
    }
    // The search visits each measure and part once (no wall-clock assert: a quadratic
    // search would make this test take minutes, which the suite's time shows).
    assert!(errors(defs).is_empty());
}

// ---------------------------------------------------------------- counting a defined measure

mod counted {
    use contested::reconcile::{Discrepancy, Policy, Reconciler, Reconciliation};
    use contested::{
        Actor, ActorKind, Allegation, Category, Claim, ClaimBody, Dossier, Event, EventKind,
        Measure, MeasureDef, Problem, Quantity, RelativeClaim, Statement, TimeWindow, Whose,
    };

    fn at(day: u32) -> TimeWindow {
        TimeWindow::instant(format!("2024-03-{day:02}T10:00:00Z").parse().unwrap())
    }

    fn count(id: &str, m: Measure, whose: Whose, words: &str) -> Claim {
        Claim::count(id, "e", m, whose, Category::Any, words.parse().unwrap())
    }

    fn ksi() -> Measure {
        Measure::defined("killed_or_seriously_injured")
    }

    fn si() -> Measure {
        Measure::defined("seriously_injured")
    }

    fn base() -> contested::DossierBuilder {
        Dossier::builder()
            .actor(Actor::new("police", "Police", ActorKind::Agency))
            .actor(Actor::new("ngo", "NGO", ActorKind::Agency))
            .event(Event::new("e", "E", EventKind::Clash))
            .measure(MeasureDef::new("seriously_injured"))
            .measure(
                MeasureDef::new("killed_or_seriously_injured")
                    .sum_of(["killed", "seriously_injured"]),
            )
    }

    fn derived(r: &Reconciliation, key: &str) -> Option<String> {
        r.derived()
            .iter()
            .find(|d| d.key.to_string() == key)
            .map(|d| d.bounds.to_string())
    }

    #[test]
    fn a_claim_counts_a_defined_measure_and_it_round_trips() {
        let d = base()
            .statement(Statement::new("s", "police", at(1)).claim(count(
                "k",
                ksi(),
                Whose::All,
                "12",
            )))
            .build()
            .unwrap();
        let json = d.to_json();
        assert!(
            json.contains(r#""measure": "killed_or_seriously_injured""#),
            "{json}"
        );
        assert_eq!(Dossier::from_json(&json).unwrap(), d);
        let r = Reconciler::new().reconcile(&d);
        let f = &r.figures()[0];
        assert_eq!(f.key.to_string(), "e/killed_or_seriously_injured/all/any");
    }

    #[test]
    fn a_measure_the_dossier_does_not_define_is_refused_where_it_is_named() {
        let err = base()
            .statement(
                Statement::new("s", "police", at(1))
                    .claim(count("k", Measure::defined("kiled"), Whose::All, "12"))
                    .claim(Claim::new(
                        "r",
                        "e",
                        ClaimBody::Relative(RelativeClaim::new(
                            si(),
                            Whose::All,
                            Category::Any,
                            "half".parse().unwrap(),
                            Quantity::new(
                                Measure::defined("wounded_badly"),
                                Whose::All,
                                Category::Any,
                            ),
                        )),
                    ))
                    .claim(Claim::new(
                        "d",
                        "e",
                        ClaimBody::Denial {
                            denies: None,
                            allegation: Some(
                                Allegation::new().of_measure(Measure::defined("torched")),
                            ),
                            wording: None,
                        },
                    )),
            )
            .build()
            .unwrap_err();
        let got: Vec<(String, Problem)> = err
            .errors()
            .iter()
            .map(|e| (e.path.clone(), e.problem.clone()))
            .collect();
        let unknown = |name: &str| Problem::UnknownMeasure { name: name.into() };
        assert_eq!(
            got,
            vec![
                (
                    "statements[0].claims[0].count.measure".into(),
                    unknown("kiled")
                ),
                (
                    "statements[0].claims[1].relative.of.measure".into(),
                    unknown("wounded_badly")
                ),
                (
                    "statements[0].claims[2].denial.allegation.measure".into(),
                    unknown("torched")
                ),
            ]
        );
        // From JSON too, with the same path.
        let json = r#"{"actors":[{"id":"p","name":"P","kind":"agency"}],
            "events":[{"id":"e","name":"E","kind":"clash"}],
            "statements":[{"id":"s","speaker":"p","made":{"earliest":"2024-03-01T10:00:00Z","latest":"2024-03-01T10:00:00Z"},
              "claims":[{"id":"k","event":"e","count":{"measure":"kiled","whose":"all","category":"any","estimate":"3"}}]}]}"#;
        let err = Dossier::from_json(json).unwrap_err().to_string();
        assert!(
            err.contains("statements[0].claims[0].count.measure: unknown measure `kiled`"),
            "{err}"
        );
    }

    #[test]
    fn a_defined_sum_chains_like_a_built_in_one() {
        // "12 killed or seriously injured, 5 of them killed": 7 seriously injured.
        let d = base()
            .statement(
                Statement::new("s", "police", at(1))
                    .claim(count("ksi", ksi(), Whose::All, "12"))
                    .claim(count("k", Measure::Killed, Whose::All, "5")),
            )
            .build()
            .unwrap();
        let r = Reconciler::new().reconcile(&d);
        assert_eq!(
            derived(&r, "e/seriously_injured/all/any").as_deref(),
            Some("7")
        );
        assert!(r.discrepancies().is_empty(), "{:?}", r.discrepancies());
    }

    #[test]
    fn a_part_above_its_defined_whole_is_a_part_whole_conflict() {
        let d = base()
            .statement(Statement::new("s", "police", at(1)).claim(count(
                "ksi",
                ksi(),
                Whose::All,
                "12",
            )))
            .statement(Statement::new("t", "ngo", at(1)).claim(count(
                "k",
                Measure::Killed,
                Whose::All,
                "at least 15",
            )))
            .build()
            .unwrap();
        // The claims a reconciliation's first discrepancy of `kind` cites.
        let cited = |r: &Reconciliation, kind: &str| -> Vec<String> {
            r.discrepancies()
                .iter()
                .find(|x| x.kind_name() == kind)
                .unwrap_or_else(|| panic!("a {kind}"))
                .cites()
                .iter()
                .map(|c| c.claim.to_string())
                .collect()
        };
        // Without ceilings, the sum finds the conflict.
        let r = Reconciler::new()
            .policy(Policy::default().with_wholes_cap_parts(false))
            .reconcile(&d);
        assert_eq!(cited(&r, "part_whole_conflict"), ["k", "ksi"]);
        // With them (the default), the police's 12 in all is their word on the killed.
        let r = Reconciler::new().reconcile(&d);
        assert_eq!(cited(&r, "ceiling_conflict"), ["ksi", "k"]);
    }

    #[test]
    fn a_whole_nobody_reported_is_derived_from_all_its_parts() {
        // A three-part defined sum: derived only when every part is reported.
        let held = |arrested: Option<&str>| {
            let mut s = Statement::new("s", "police", at(1))
                .claim(count("d", Measure::Detained, Whose::All, "4"))
                .claim(count("c", Measure::Captured, Whose::All, "2"));
            if let Some(words) = arrested {
                s = s.claim(count("a", Measure::defined("arrested"), Whose::All, words));
            }
            let d = Dossier::builder()
                .actor(Actor::new("police", "Police", ActorKind::Agency))
                .event(Event::new("e", "E", EventKind::Clash))
                .measure(MeasureDef::new("arrested"))
                .measure(MeasureDef::new("held").sum_of(["detained", "captured", "arrested"]))
                .statement(s)
                .build()
                .unwrap();
            derived(&Reconciler::new().reconcile(&d), "e/held/all/any")
        };
        assert_eq!(held(Some("10 to 20")).as_deref(), Some("16..=26"));
        assert_eq!(held(None), None);
    }

    fn falls(def: MeasureDef) -> bool {
        let m = Measure::defined(def.name.clone());
        let d = Dossier::builder()
            .actor(Actor::new("police", "Police", ActorKind::Agency))
            .event(Event::new("e", "E", EventKind::Clash))
            .measure(MeasureDef::new("seriously_injured").growing(true))
            .measure(def)
            .statement(Statement::new("s1", "police", at(1)).claim(count(
                "a",
                m.clone(),
                Whose::All,
                "30",
            )))
            .statement(Statement::new("s2", "police", at(2)).claim(count("b", m, Whose::All, "20")))
            .build()
            .unwrap();
        Reconciler::new()
            .reconcile(&d)
            .discrepancies()
            .iter()
            .any(|x| matches!(x, Discrepancy::Decrease { .. }))
    }

    #[test]
    fn a_fall_is_a_decrease_only_for_a_defined_measure_that_only_grows() {
        // A toll-like measure says so; a stock (people held) can fall.
        assert!(falls(MeasureDef::new("bodies_handed_over").growing(true)));
        assert!(!falls(MeasureDef::new("held_at_checkpoints")));
        // A sum of measures that only grow only grows, whatever its definition says.
        assert!(falls(
            MeasureDef::new("ksi").sum_of(["killed", "seriously_injured"])
        ));
        assert!(!falls(
            MeasureDef::new("kom2").sum_of(["killed", "missing"])
        ));
    }

    #[test]
    fn a_relative_claim_may_compare_defined_measures() {
        let d = base()
            .statement(
                Statement::new("s", "police", at(1))
                    .claim(count("si", si(), Whose::All, "40"))
                    .claim(Claim::new(
                        "r",
                        "e",
                        ClaimBody::Relative(RelativeClaim::new(
                            Measure::Killed,
                            Whose::All,
                            Category::Any,
                            "half".parse().unwrap(),
                            Quantity::new(si(), Whose::All, Category::Any),
                        )),
                    ))
                    .claim(count("k", Measure::Killed, Whose::All, "30")),
            )
            .build()
            .unwrap();
        let r = Reconciler::new().reconcile(&d);
        assert!(
            r.discrepancies()
                .iter()
                .any(|x| matches!(x, Discrepancy::RelativeConflict { .. })),
            "{:?}",
            r.discrepancies()
        );
    }
}
