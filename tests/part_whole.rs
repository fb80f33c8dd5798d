//! Part-whole sums that chain, disputed keys that enter as envelopes, the unknown
//! category, partial breakdowns (DESIGN.md, "Part-whole propagation").

use contested::reconcile::{Discrepancy, QuantityKey, Reconciler, Reconciliation};
use contested::{
    Actor, ActorKind, BreakdownPart, Category, Claim, ClaimBody, CountClaim, Dossier, Estimate,
    Event, EventKind, Measure, Statement, TimeWindow, Whose,
};

fn t() -> TimeWindow {
    TimeWindow::instant("2020-01-08T10:00:00Z".parse().unwrap())
}

fn count(id: &str, m: Measure, whose: Whose, cat: Category, words: &str) -> Claim {
    Claim::count(id, "e", m, whose, cat, words.parse().unwrap())
}

fn base() -> contested::DossierBuilder {
    Dossier::builder()
        .actor(Actor::new("am", "Armenia", ActorKind::State))
        .actor(Actor::new("az", "Azerbaijan", ActorKind::State))
        .actor(Actor::new("agency", "Agency", ActorKind::Agency))
        .event(
            Event::new("e", "E", EventKind::Clash)
                .with_side("am")
                .with_side("az"),
        )
}

fn derived(r: &Reconciliation, key: &str) -> Option<String> {
    r.derived()
        .iter()
        .find(|d| d.key.to_string() == key)
        .map(|d| d.bounds.to_string())
}

#[test]
fn sums_chain_through_derived_figures() {
    // "148 killed or missing, including 4 civilians killed and 3 civilians missing".
    let d = base()
        .statement(
            Statement::new("s", "am", t())
                .claim(count(
                    "kom",
                    Measure::KilledOrMissing,
                    Whose::party("am"),
                    Category::Any,
                    "148",
                ))
                .claim(count(
                    "kc",
                    Measure::Killed,
                    Whose::party("am"),
                    Category::Civilian,
                    "4",
                ))
                .claim(count(
                    "mc",
                    Measure::Missing,
                    Whose::party("am"),
                    Category::Civilian,
                    "3",
                )),
        )
        .build()
        .unwrap();
    let r = Reconciler::new().reconcile(&d);
    assert_eq!(
        derived(&r, "e/killed_or_missing/am/civilian").as_deref(),
        Some("7")
    );
    assert_eq!(
        derived(&r, "e/killed_or_missing/am/military").as_deref(),
        Some("141")
    );
    assert!(r.to_string().contains("DERIVED FIGURES"));
}

#[test]
fn a_total_and_one_part_give_the_other() {
    // "23 dead including 8 soldiers".
    let d = base()
        .statement(
            Statement::new("s", "agency", t())
                .claim(count(
                    "all",
                    Measure::Killed,
                    Whose::All,
                    Category::Any,
                    "23",
                ))
                .claim(count(
                    "mil",
                    Measure::Killed,
                    Whose::All,
                    Category::Military,
                    "8",
                )),
        )
        .build()
        .unwrap();
    let r = Reconciler::new().reconcile(&d);
    assert_eq!(derived(&r, "e/killed/all/civilian").as_deref(), Some("15"));
}

#[test]
fn a_disputed_key_enters_as_its_envelope_and_is_not_settled_by_arithmetic() {
    // Armenia says 5, Azerbaijan says Armenia lost 30: disputed. The total 40 and
    // Azerbaijan's own 20 would settle it at 20 if arithmetic could; it must not.
    let d = base()
        .statement(Statement::new("s1", "am", t()).claim(count(
            "am-own",
            Measure::Killed,
            Whose::party("am"),
            Category::Any,
            "5",
        )))
        .statement(Statement::new("s2", "az", t()).claim(count(
            "az-am",
            Measure::Killed,
            Whose::party("am"),
            Category::Any,
            "30",
        )))
        .statement(Statement::new("s3", "az", t()).claim(count(
            "az-own",
            Measure::Killed,
            Whose::party("az"),
            Category::Any,
            "20",
        )))
        .statement(Statement::new("s4", "agency", t()).claim(count(
            "total",
            Measure::Killed,
            Whose::All,
            Category::Any,
            "between 25 and 50",
        )))
        .build()
        .unwrap();
    let r = Reconciler::new().reconcile(&d);
    let am = QuantityKey::new("e", Measure::Killed, Whose::party("am"), Category::Any);
    assert!(
        r.disputed()
            .iter()
            .any(|(k, e)| *k == am && e.to_string() == "5..=30")
    );
    assert!(
        !r.discrepancies()
            .iter()
            .any(|x| matches!(x, Discrepancy::PartWholeConflict { .. }))
    );
    assert!(r.figure(&am).unwrap().bounds.is_none());
    // The total stays consistent with the dispute: 25..=50 = 5..=30 + 20.
    let total = r
        .figure(&QuantityKey::new(
            "e",
            Measure::Killed,
            Whose::All,
            Category::Any,
        ))
        .unwrap();
    assert_eq!(total.bounds.unwrap().to_string(), "25..=50");
}

#[test]
fn the_unknown_category_joins_the_sum_where_it_is_counted() {
    let d = base()
        .statement(
            Statement::new("s", "agency", t())
                .claim(count(
                    "any",
                    Measure::Killed,
                    Whose::All,
                    Category::Any,
                    "30",
                ))
                .claim(count(
                    "mil",
                    Measure::Killed,
                    Whose::All,
                    Category::Military,
                    "10",
                ))
                .claim(count(
                    "civ",
                    Measure::Killed,
                    Whose::All,
                    Category::Civilian,
                    "12",
                ))
                .claim(count(
                    "unk",
                    Measure::Killed,
                    Whose::All,
                    Category::Unknown,
                    "8",
                )),
        )
        .build()
        .unwrap();
    let r = Reconciler::new().reconcile(&d);
    assert!(r.discrepancies().is_empty(), "{:?}", r.discrepancies());
    // Without the unknown, 30 = 10 + 12 would be a part-whole conflict.
    let without = base()
        .statement(
            Statement::new("s", "agency", t())
                .claim(count(
                    "any",
                    Measure::Killed,
                    Whose::All,
                    Category::Any,
                    "30",
                ))
                .claim(count(
                    "mil",
                    Measure::Killed,
                    Whose::All,
                    Category::Military,
                    "10",
                ))
                .claim(count(
                    "civ",
                    Measure::Killed,
                    Whose::All,
                    Category::Civilian,
                    "12",
                )),
        )
        .build()
        .unwrap();
    let r = Reconciler::new().reconcile(&without);
    assert!(
        r.discrepancies()
            .iter()
            .any(|x| matches!(x, Discrepancy::PartWholeConflict { .. }))
    );
}

#[test]
fn a_partial_breakdown_is_a_floor_not_a_conflict() {
    let partial = CountClaim::new(
        Measure::Killed,
        Whose::All,
        Category::Any,
        Estimate::exact(40),
    )
    .with_part(BreakdownPart::new("market", Estimate::exact(10)))
    .with_part(BreakdownPart::new("school", Estimate::exact(7)))
    .partial();
    let d = base()
        .statement(Statement::new("s", "agency", t()).claim(Claim::new(
            "c",
            "e",
            ClaimBody::Count(partial.clone()),
        )))
        .build()
        .unwrap();
    let r = Reconciler::new().reconcile(&d);
    assert!(r.discrepancies().is_empty(), "{:?}", r.discrepancies());
    assert!(
        r.derived()
            .iter()
            .any(|x| x.key.category == Category::unit("rest of c") && x.bounds.to_string() == "23")
    );
    // The same parts as a complete breakdown contradict the total.
    let mut full = partial;
    full.partial = false;
    let d = base()
        .statement(Statement::new("s", "agency", t()).claim(Claim::new(
            "c",
            "e",
            ClaimBody::Count(full),
        )))
        .build()
        .unwrap();
    let r = Reconciler::new().reconcile(&d);
    assert!(
        r.discrepancies()
            .iter()
            .any(|x| matches!(x, Discrepancy::PartWholeConflict { .. }))
    );
    // And in JSON.
    let json = r#"{"actors": [{"id": "a", "name": "A", "kind": "agency"}],
        "events": [{"id": "e", "name": "E", "kind": "clash"}],
        "statements": [{"id": "s", "speaker": "a", "form": "paraphrase",
            "made": {"earliest": "2020-01-08T10:00:00Z", "latest": "2020-01-08T10:00:00Z"},
            "claims": [{"id": "c", "event": "e", "count": {"measure": "killed", "whose": "all",
                "category": "any", "estimate": "40", "partial": true,
                "breakdown": [{"unit": "market", "estimate": "10"}]}}]}]}"#;
    let r = Reconciler::new().reconcile(&Dossier::from_json(json).unwrap());
    assert!(r.discrepancies().is_empty());
}

fn with_parts(id: &str, unit: &str, words: &str, parts: &[(&str, &str)]) -> Claim {
    let mut c = CountClaim::new(
        Measure::Killed,
        Whose::All,
        Category::unit(unit),
        words.parse().unwrap(),
    );
    for (u, w) in parts {
        c = c.with_part(BreakdownPart::new(*u, w.parse().unwrap()));
    }
    Claim::new(id, "e", ClaimBody::Count(c))
}

#[test]
fn a_cycle_of_breakdowns_is_a_conflict_naming_its_own_sums() {
    // X = Y + W and Y = X + Z with W, Z at least 1: no solution, though interval
    // propagation alone only creeps the bounds upwards and never empties them.
    let d = base()
        .statement(
            Statement::new("s", "agency", t())
                .claim(with_parts(
                    "cx",
                    "x",
                    "at most 1000",
                    &[("y", "at most 1000"), ("w", "at least 1")],
                ))
                .claim(with_parts(
                    "cy",
                    "y",
                    "at most 1000",
                    &[("x", "at most 1000"), ("z", "at least 1")],
                )),
        )
        .build()
        .unwrap();
    let r = Reconciler::new().reconcile(&d);
    let conflict = r
        .discrepancies()
        .iter()
        .find_map(|x| match x {
            Discrepancy::PartWholeConflict {
                constraints,
                claims,
                ..
            } => Some((constraints, claims)),
            _ => None,
        })
        .expect("the cycle is a part-whole conflict");
    let ids: Vec<String> = conflict.1.iter().map(|c| c.claim.to_string()).collect();
    assert_eq!(ids, ["cx", "cy"]);
    assert_eq!(conflict.0.len(), 2, "{:?}", conflict.0);
    // Nothing is derived from a network with no solution.
    assert!(r.derived().is_empty(), "{:?}", r.derived());
}

#[test]
fn a_grid_of_sides_and_categories_gets_exact_bounds() {
    // 10 killed in all, 5 of each side, 5 military in all, and one side's military at
    // most 1: the other side's civilians are at most 1 too (5 - (5 - m) = m), which
    // interval propagation cannot see.
    let k =
        |id: &str, whose: Whose, cat: Category, w: &str| count(id, Measure::Killed, whose, cat, w);
    let d = base()
        .statement(
            Statement::new("s", "agency", t())
                .claim(k("t", Whose::All, Category::Any, "10"))
                .claim(k("am", Whose::party("am"), Category::Any, "5"))
                .claim(k("az", Whose::party("az"), Category::Any, "5"))
                .claim(k("mil", Whose::All, Category::Military, "5"))
                .claim(k(
                    "ammil",
                    Whose::party("am"),
                    Category::Military,
                    "at most 1",
                )),
        )
        .build()
        .unwrap();
    let r = Reconciler::new().reconcile(&d);
    assert!(r.discrepancies().is_empty(), "{:?}", r.discrepancies());
    assert_eq!(
        derived(&r, "e/killed/az/civilian").as_deref(),
        Some("0..=1")
    );
    assert_eq!(
        derived(&r, "e/killed/az/military").as_deref(),
        Some("4..=5")
    );
    let check = r
        .constraints()
        .iter()
        .find(|c| c.constraint.whole.to_string() == "e/killed/all/any")
        .unwrap();
    assert_eq!(check.exactness, contested::reconcile::Exactness::Flow);
}

#[test]
fn figures_tied_through_a_key_nobody_reported_still_contradict() {
    // "At most 5 killed in all" and "at least 10 of Armenia's soldiers killed": tied
    // through the total over the sides and Armenia's any = military + civilian, though
    // nobody reported Armenia's dead of any category.
    let d = base()
        .statement(
            Statement::new("s", "agency", t())
                .claim(count(
                    "t",
                    Measure::Killed,
                    Whose::All,
                    Category::Any,
                    "at most 5",
                ))
                .claim(count(
                    "m",
                    Measure::Killed,
                    Whose::party("am"),
                    Category::Military,
                    "at least 10",
                )),
        )
        .build()
        .unwrap();
    let r = Reconciler::new().reconcile(&d);
    let (constraints, claims) = r
        .discrepancies()
        .iter()
        .find_map(|x| match x {
            Discrepancy::PartWholeConflict {
                constraints,
                claims,
                ..
            } => Some((constraints, claims)),
            _ => None,
        })
        .expect("a part-whole conflict");
    let ids: Vec<String> = claims.iter().map(|c| c.claim.to_string()).collect();
    assert_eq!(ids, ["m", "t"]);
    let sums: Vec<String> = constraints.iter().map(|c| c.to_string()).collect();
    // Either path between them explains it: through Armenia's dead of any category,
    // or through all military dead.
    let via_party = [
        "e/killed/all/any = e/killed/am/any + e/killed/az/any",
        "e/killed/am/any = e/killed/am/military + e/killed/am/civilian",
    ];
    let via_category = [
        "e/killed/all/any = e/killed/all/military + e/killed/all/civilian",
        "e/killed/all/military = e/killed/am/military + e/killed/az/military",
    ];
    assert!(sums == via_party || sums == via_category, "{sums:?}");
    // One figure alone ties nothing: no sum, nothing derived.
    let d = base()
        .statement(Statement::new("s", "agency", t()).claim(count(
            "t",
            Measure::Killed,
            Whose::All,
            Category::Any,
            "at most 5",
        )))
        .build()
        .unwrap();
    let r = Reconciler::new().reconcile(&d);
    assert!(r.constraints().is_empty());
    assert!(r.derived().is_empty());
}

mod minimal_sets {
    use super::*;
    use proptest::prelude::*;

    /// Claims by one agency over the whose × category grid of one two-sided event
    /// (plus, sometimes, the killed-or-missing plane): at most one claim per key.
    fn grid_claims() -> impl Strategy<Value = Vec<(Measure, Whose, Category, String)>> {
        let whose = prop_oneof![
            Just(Whose::All),
            Just(Whose::party("am")),
            Just(Whose::party("az"))
        ];
        let category = prop_oneof![
            Just(Category::Any),
            Just(Category::Military),
            Just(Category::Civilian)
        ];
        let measure = prop_oneof![
            4 => Just(Measure::Killed),
            1 => Just(Measure::Missing),
            1 => Just(Measure::KilledOrMissing)
        ];
        let words = prop_oneof![
            (0u64..=12).prop_map(|n| n.to_string()),
            (0u64..=12).prop_map(|n| format!("at least {n}")),
            (0u64..=12).prop_map(|n| format!("at most {n}")),
        ];
        proptest::collection::vec((measure, whose, category, words), 1..=7).prop_map(|v| {
            let mut seen = std::collections::BTreeSet::new();
            v.into_iter()
                .filter(|(m, w, c, _)| seen.insert((m.clone(), w.clone(), c.clone())))
                .collect()
        })
    }

    fn dossier(claims: &[(Measure, Whose, Category, String)]) -> Dossier {
        let mut s = Statement::new("s", "agency", t());
        for (i, (m, w, c, words)) in claims.iter().enumerate() {
            s = s.claim(count(
                &format!("c{i}"),
                m.clone(),
                w.clone(),
                c.clone(),
                words,
            ));
        }
        base().statement(s).build().unwrap()
    }

    fn conflicts(d: &Dossier) -> Vec<Vec<String>> {
        Reconciler::new()
            .reconcile(d)
            .discrepancies()
            .iter()
            .filter_map(|x| match x {
                Discrepancy::PartWholeConflict { claims, .. } => {
                    Some(claims.iter().map(|c| c.claim.to_string()).collect())
                }
                _ => None,
            })
            .collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        /// Every part-whole conflict names a set of claims that cannot hold together on
        /// its own, and from which dropping any one claim leaves no conflict.
        #[test]
        fn conflicting_sets_are_irreducible(claims in grid_claims()) {
            let d = dossier(&claims);
            for set in conflicts(&d) {
                let only: Vec<_> = claims
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| set.contains(&format!("c{i}")))
                    .map(|(_, c)| c.clone())
                    .collect();
                // Renumbered, the set alone still conflicts.
                prop_assert!(!conflicts(&dossier(&only)).is_empty(), "{set:?} alone holds");
                for drop in 0..only.len() {
                    let mut fewer = only.clone();
                    fewer.remove(drop);
                    prop_assert!(
                        conflicts(&dossier(&fewer)).is_empty(),
                        "{set:?} less its claim {drop} still conflicts"
                    );
                }
            }
        }
    }
}
