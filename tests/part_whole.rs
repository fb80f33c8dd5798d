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

/// Whose, over a two-sided event (`am`, `az`) and everyone: for the grid strategies.
fn grid_whose() -> impl proptest::strategy::Strategy<Value = Whose> {
    use proptest::prelude::*;
    prop_oneof![
        Just(Whose::All),
        Just(Whose::party("am")),
        Just(Whose::party("az"))
    ]
}

/// Any, military or civilian: for the grid strategies.
fn grid_category() -> impl proptest::strategy::Strategy<Value = Category> {
    use proptest::prelude::*;
    prop_oneof![
        Just(Category::Any),
        Just(Category::Military),
        Just(Category::Civilian)
    ]
}

mod minimal_sets {
    use super::*;
    use proptest::prelude::*;

    /// Claims by one agency over the whose × category grid of one two-sided event
    /// (plus, sometimes, the killed-or-missing plane): at most one claim per key.
    fn grid_claims() -> impl Strategy<Value = Vec<(Measure, Whose, Category, String)>> {
        let (whose, category) = (grid_whose(), grid_category());
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

/// The three-way grid (measures × sides × categories), where a key sits in three sums
/// and the sums are neither a tree nor a network, against brute force over its eight
/// cells (killed or missing, of one side, military or civilian).
mod three_way_grid {
    use super::*;
    use contested::reconcile::Exactness;
    use proptest::prelude::*;

    /// Index 0 is the sum of 1 and 2 in each dimension.
    fn key(m: usize, w: usize, c: usize) -> QuantityKey {
        key_in(&Measure::KilledOrMissing, m, w, c)
    }

    /// As `key`, with `whole` as the measure of index 0 (a measure that is the sum of
    /// killed and missing).
    pub(super) fn key_in(whole: &Measure, m: usize, w: usize, c: usize) -> QuantityKey {
        let measure = [whole.clone(), Measure::Killed, Measure::Missing][m].clone();
        let whose = [Whose::All, Whose::party("am"), Whose::party("az")][w].clone();
        let category = [Category::Any, Category::Military, Category::Civilian][c].clone();
        QuantityKey::new("e", measure, whose, category)
    }

    /// The cells a key sums: those whose index in each dimension it covers.
    pub(super) fn cells(m: usize, w: usize, c: usize) -> Vec<usize> {
        let covers = |k: usize, i: usize| k == 0 || k == i + 1;
        (0..8)
            .filter(|&x| covers(m, x / 4) && covers(w, (x / 2) % 2) && covers(c, x % 2))
            .collect()
    }

    /// A claim: its key, its kind (0 exact, 1 at most, 2 at least) and its number.
    pub(super) type GridClaim = ((usize, usize, usize), u8, u64);

    fn grid_claims(kinds: std::ops::RangeInclusive<u8>) -> impl Strategy<Value = Vec<GridClaim>> {
        let k = (0usize..3, 0usize..3, 0usize..3);
        proptest::collection::vec((k, kinds, 0u64..=3), 2..=7).prop_map(|v| {
            let mut seen = std::collections::BTreeSet::new();
            v.into_iter().filter(|(k, _, _)| seen.insert(*k)).collect()
        })
    }

    fn dossier(claims: &[GridClaim]) -> Dossier {
        dossier_in(&Measure::KilledOrMissing, base(), claims)
    }

    /// As `dossier`, with `whole` as the measure of index 0, on `builder`.
    pub(super) fn dossier_in(
        whole: &Measure,
        builder: contested::DossierBuilder,
        claims: &[GridClaim],
    ) -> Dossier {
        let mut s = Statement::new("s", "agency", t());
        for (i, &((m, w, c), kind, n)) in claims.iter().enumerate() {
            let words = match kind {
                0 => n.to_string(),
                1 => format!("at most {n}"),
                _ => format!("at least {n}"),
            };
            let k = key_in(whole, m, w, c);
            s = s.claim(Claim::count(
                format!("c{i}"),
                "e",
                k.measure,
                k.whose,
                k.category,
                words.parse().unwrap(),
            ));
        }
        builder.statement(s).build().unwrap()
    }

    /// Every assignment of `0..=top` to the cells satisfying the claims, pruned on the
    /// claims' upper bounds.
    pub(super) fn solutions(claims: &[GridClaim], top: u64) -> Vec<[u64; 8]> {
        // Each claim as the mask of its cells.
        let masks: Vec<(u8, u8, u64)> = claims
            .iter()
            .map(|&((m, w, c), kind, n)| {
                (cells(m, w, c).iter().fold(0u8, |a, &i| a | 1 << i), kind, n)
            })
            .collect();
        let sum = |x: &[u64; 8], mask: u8| {
            (0..8)
                .filter(|i| mask >> i & 1 == 1)
                .map(|i| x[i])
                .sum::<u64>()
        };
        fn go(
            masks: &[(u8, u8, u64)],
            sum: &dyn Fn(&[u64; 8], u8) -> u64,
            top: u64,
            x: &mut [u64; 8],
            i: usize,
            out: &mut Vec<[u64; 8]>,
        ) {
            if i == 8 {
                let fits = masks.iter().all(|&(mask, kind, n)| {
                    let v = sum(x, mask);
                    match kind {
                        0 => v == n,
                        1 => v <= n,
                        _ => v >= n,
                    }
                });
                if fits {
                    out.push(*x);
                }
                return;
            }
            for v in 0..=top {
                x[i] = v;
                // Cells not yet set are 0, so an upper bound exceeded stays exceeded.
                if masks
                    .iter()
                    .any(|&(mask, kind, n)| kind != 2 && sum(x, mask) > n)
                {
                    break;
                }
                go(masks, sum, top, x, i + 1, out);
            }
            x[i] = 0;
        }
        let mut out = Vec::new();
        go(&masks, &sum, top, &mut [0; 8], 0, &mut out);
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]
        /// A grid is a part-whole conflict exactly when no assignment of counts to its
        /// cells satisfies every claim, and every key of its sums gets exactly the least
        /// and greatest value it takes in one. Cells up to the largest number claimed
        /// suffice: lowering a cell that is in no claimed key at its lower bound keeps a
        /// solution, so the least and greatest values of a key are taken where every cell
        /// outside it is at most that number, and every cell inside it too unless one is
        /// under no claim with an upper bound (then the key has none).
        #[test]
        fn grid_is_exact_against_brute_force(claims in grid_claims(0..=2)) {
            let d = dossier(&claims);
            let r = Reconciler::new().reconcile(&d);
            let top = claims.iter().map(|c| c.2).max().unwrap_or(0);
            let all = solutions(&claims, top);
            let conflict = r.discrepancies().iter().any(|x| matches!(x, Discrepancy::PartWholeConflict { .. }));
            let exact = r.constraints().iter().all(|c| c.exactness != Exactness::Bounds);
            // Only keys with no upper bound can leave a grid to propagation's bounds
            // (the search is complete on bounded domains).
            let open = r.constraints().iter().any(|c| {
                std::iter::once(&c.whole).chain(&c.parts).any(|b| b.is_some_and(|b| b.hi().is_none()))
            });
            prop_assert!(exact || open, "propagation's bounds on a bounded grid");
            if conflict || exact {
                prop_assert_eq!(conflict, all.is_empty(), "conflict {} with {} solutions", conflict, all.len());
            }
            if all.is_empty() {
                return Ok(());
            }
            for check in r.constraints() {
                let keys = std::iter::once(&check.constraint.whole).chain(&check.constraint.parts);
                let got = std::iter::once(&check.whole).chain(&check.parts);
                for (k, b) in keys.zip(got) {
                    let Some(b) = b else { continue };
                    let (m, w, c) = (0..27).map(|i| (i / 9, (i / 3) % 3, i % 3)).find(|&(m, w, c)| key(m, w, c) == *k).unwrap();
                    let value = |x: &[u64; 8]| cells(m, w, c).iter().map(|&i| x[i]).sum::<u64>();
                    let lo = all.iter().map(value).min().unwrap();
                    let hi = all.iter().map(value).max().unwrap();
                    // No upper bound: a cell of it under no claim with one (raise it).
                    let open = cells(m, w, c).iter().any(|&i| {
                        !claims.iter().any(|&((m, w, c), kind, _)| kind != 2 && cells(m, w, c).contains(&i))
                    });
                    if check.exactness == Exactness::Bounds {
                        prop_assert!(b.lo() <= lo && b.hi().is_none_or(|h| h >= hi), "{} = {} misses {}..={}", k, b, lo, hi);
                    } else {
                        prop_assert_eq!(b.lo(), lo, "{} low ({:?})", k, check.exactness);
                        prop_assert_eq!(b.hi(), (!open).then_some(hi), "{} high ({:?})", k, check.exactness);
                    }
                }
            }
        }
    }
}

/// A derived measure whole (killed or missing, which nobody reports) whose parts are
/// linked by a defined measure: its range is the exact range of the sum over the group's
/// solutions, not the sum of the parts' bounds. Where the defined measure is the same sum
/// its row gives the range (exact as the group is, here a tree); where it sums more, the
/// search finds it.
#[test]
fn a_derived_whole_of_linked_parts_is_exact() {
    use contested::reconcile::Exactness;
    let reconcile = |parts: &[&str], wounded: Option<&str>| {
        let mut s = Statement::new("s", "agency", t())
            .claim(count(
                "c0",
                Measure::defined("dm"),
                Whose::All,
                Category::Any,
                "10",
            ))
            .claim(count(
                "c1",
                Measure::Killed,
                Whose::All,
                Category::Any,
                "at most 8",
            ))
            .claim(count(
                "c2",
                Measure::Missing,
                Whose::All,
                Category::Any,
                "at most 7",
            ));
        if let Some(w) = wounded {
            s = s.claim(count("c3", Measure::Wounded, Whose::All, Category::Any, w));
        }
        let d = base()
            .measure(contested::MeasureDef::new("dm").sum_of(parts.iter().copied()))
            .statement(s)
            .build()
            .unwrap();
        let r = Reconciler::new().reconcile(&d);
        let check = r
            .constraints()
            .iter()
            .find(|c| c.constraint.whole.measure == Measure::KilledOrMissing)
            .expect("the derived sum is checked")
            .clone();
        (derived(&r, "e/killed_or_missing/all/any"), check.exactness)
    };
    // Killed 3..=8 and missing 2..=7 each, but always 10 together (the sum of their
    // bounds, 5..=15, was what was derived before, marked as bounds only).
    assert_eq!(
        reconcile(&["killed", "missing"], None),
        (Some("10".into()), Exactness::Tree)
    );
    // dm = killed + missing + wounded with at most 2 wounded: killed or missing is 8 to
    // 10 (the sum of the bounds: 1..=15, with killed 1..=8 and missing 0..=7).
    assert_eq!(
        reconcile(&["killed", "missing", "wounded"], Some("at most 2")),
        (Some("8..=10".into()), Exactness::Search)
    );
}

/// Derived measure wholes on the three-way grid with a defined measure `dm` = killed +
/// missing in place of killed or missing: nobody reports killed or missing, so each of
/// its keys whose two parts are reported is derived after solving, and `dm`'s sums link
/// the parts. Against brute force over the grid's eight cells.
mod derived_wholes {
    use super::three_way_grid::{GridClaim, cells, dossier_in, key_in, solutions};
    use super::*;
    use contested::reconcile::Exactness;
    use proptest::prelude::*;

    /// Claims on a few (whose, category) pairs, each pair on a non-empty subset of the
    /// three measures (so both parts of a derived whole are often reported together).
    fn claims() -> impl Strategy<Value = Vec<GridClaim>> {
        let claim = (0u8..=2, 0u64..=3);
        proptest::collection::vec(
            (
                (0usize..3, 0usize..3),
                1u8..8,
                [claim.clone(), claim.clone(), claim],
            ),
            1..=4,
        )
        .prop_map(|v| {
            let mut seen = std::collections::BTreeSet::new();
            let mut out = Vec::new();
            for ((w, c), mask, kinds) in v {
                if !seen.insert((w, c)) {
                    continue;
                }
                for (m, (kind, n)) in kinds.into_iter().enumerate() {
                    if mask >> m & 1 == 1 {
                        out.push(((m, w, c), kind, n));
                    }
                }
            }
            out
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        /// A derived whole's range is the exact range of its value over the integer
        /// solutions whenever it is labelled exact, and contains it otherwise; on a grid
        /// whose keys all have a ceiling it is always labelled exact. Cells up to the
        /// largest number claimed suffice, as in `grid_is_exact_against_brute_force`
        /// (a derived whole sums the cells of a key of the grid).
        #[test]
        fn derived_wholes_are_exact_against_brute_force(claims in claims()) {
            let dm = Measure::defined("dm");
            let builder = base().measure(contested::MeasureDef::new("dm").sum_of(["killed", "missing"]));
            let r = Reconciler::new().reconcile(&dossier_in(&dm, builder, &claims));
            let top = claims.iter().map(|c| c.2).max().unwrap_or(0);
            let all = solutions(&claims, top);
            let open = r.constraints().iter().any(|c| {
                std::iter::once(&c.whole).chain(&c.parts).any(|b| b.is_some_and(|b| b.hi().is_none()))
            });
            for check in r.constraints() {
                let whole = &check.constraint.whole;
                if whole.measure != Measure::KilledOrMissing {
                    continue;
                }
                // Derived only from parts whose groups have solutions.
                prop_assert!(!all.is_empty(), "{} derived with no solution", whole);
                let w = check.whole.expect("a derived whole has bounds");
                let (_, wi, ci) = (0..9)
                    .map(|i| (0, i / 3, i % 3))
                    .find(|&(m, wi, ci)| key_in(&Measure::KilledOrMissing, m, wi, ci) == *whole)
                    .unwrap();
                let value = |x: &[u64; 8]| cells(0, wi, ci).iter().map(|&i| x[i]).sum::<u64>();
                let lo = all.iter().map(value).min().unwrap();
                let hi = all.iter().map(value).max().unwrap();
                // No upper bound: a cell of it under no claim with one.
                let unbounded = cells(0, wi, ci).iter().any(|&i| {
                    !claims.iter().any(|&((m, w, c), kind, _)| kind != 2 && cells(m, w, c).contains(&i))
                });
                let exact = CountRangeOf(lo, (!unbounded).then_some(hi));
                if check.exactness == Exactness::Bounds {
                    prop_assert!(open, "{} left to bounds on a bounded grid", whole);
                    prop_assert!(w.lo() <= lo && w.hi().is_none_or(|h| h >= hi), "{} = {} misses {:?}", whole, w, exact);
                } else {
                    prop_assert_eq!(CountRangeOf(w.lo(), w.hi()), exact, "{} ({:?})", whole, check.exactness);
                }
                // The derived figure is the check's whole.
                if w != contested::CountRange::UNKNOWN {
                    prop_assert_eq!(derived(&r, &whole.to_string()), Some(w.to_string()));
                }
            }
        }
    }

    /// A range as (low, high), for messages.
    #[derive(Debug, PartialEq, Eq)]
    struct CountRangeOf(u64, Option<u64>);
}

/// The sums a part-whole conflict cites, through the public API only: the claims it
/// names cannot hold under those sums alone, and dropping any one of the sums lets them.
mod irreducible_sums {
    use super::*;
    use proptest::prelude::*;

    type Grid = (Measure, Whose, Category, String);

    /// Claims over whose × category × measure (killed, missing, killed or missing) by
    /// one agency, at most one per key: trees, networks and the three-way grid.
    fn claims() -> impl Strategy<Value = Vec<Grid>> {
        let (whose, category) = (grid_whose(), grid_category());
        let measure = prop_oneof![
            2 => Just(Measure::Killed),
            1 => Just(Measure::Missing),
            1 => Just(Measure::KilledOrMissing)
        ];
        let words = prop_oneof![
            (0u64..=9).prop_map(|n| (n, Some(n))),
            (0u64..=9).prop_map(|n| (n, None)),
            (0u64..=9).prop_map(|n| (0, Some(n))),
        ];
        proptest::collection::vec((measure, whose, category, words), 2..=7).prop_map(|v| {
            let mut seen = std::collections::BTreeSet::new();
            v.into_iter()
                .filter(|(m, w, c, _)| seen.insert((m.clone(), w.clone(), c.clone())))
                .map(|(m, w, c, (lo, hi))| {
                    let words = match hi {
                        Some(h) if h == lo => lo.to_string(),
                        Some(h) => format!("at most {h}"),
                        None => format!("at least {lo}"),
                    };
                    (m, w, c, words)
                })
                .collect()
        })
    }

    /// A claim's range, from its words.
    fn range(words: &str) -> (u64, Option<u64>) {
        match words.split_once(' ') {
            None => {
                let n = words.parse().unwrap();
                (n, Some(n))
            }
            Some(_) if words.starts_with("at most ") => (0, Some(words[8..].parse().unwrap())),
            Some(_) => (words[9..].parse().unwrap(), None),
        }
    }

    /// Whether some assignment of `0..=top` to the keys satisfies every bound and sum:
    /// depth-first over the keys, a key fixed as soon as a sum leaves it the only one
    /// unset (so only the free keys are enumerated).
    fn solvable(
        keys: &[QuantityKey],
        bounds: &[(u64, Option<u64>)],
        sums: &[(usize, Vec<usize>)],
        top: u64,
    ) -> bool {
        fn go(
            x: &mut Vec<Option<u64>>,
            bounds: &[(u64, Option<u64>)],
            sums: &[(usize, Vec<usize>)],
            top: u64,
        ) -> bool {
            // Forced keys first.
            let mut forced: Vec<usize> = Vec::new();
            loop {
                let mut progress = false;
                for (w, ps) in sums {
                    let unset: Vec<usize> = std::iter::once(*w)
                        .chain(ps.iter().copied())
                        .filter(|&k| x[k].is_none())
                        .collect();
                    let parts: i128 = ps.iter().filter_map(|&p| x[p]).map(i128::from).sum();
                    let value = match unset.as_slice() {
                        [] => {
                            if i128::from(x[*w].unwrap()) != parts {
                                forced.iter().for_each(|&k| x[k] = None);
                                return false;
                            }
                            continue;
                        }
                        // A key named twice is not forced by one sum.
                        [k] if std::iter::once(w).chain(ps).filter(|&&j| j == *k).count() == 1 => {
                            if k == w {
                                parts
                            } else {
                                i128::from(x[*w].unwrap()) - parts
                            }
                        }
                        _ => continue,
                    };
                    let k = unset[0];
                    let (lo, hi) = bounds[k];
                    if value < i128::from(lo) || hi.is_some_and(|h| value > i128::from(h)) {
                        forced.iter().for_each(|&k| x[k] = None);
                        return false;
                    }
                    x[k] = Some(u64::try_from(value).unwrap());
                    forced.push(k);
                    progress = true;
                }
                if !progress {
                    break;
                }
            }
            let found = match (0..x.len()).find(|&k| x[k].is_none()) {
                None => true,
                Some(k) => {
                    let (lo, hi) = bounds[k];
                    (lo..=hi.unwrap_or(top).min(top)).any(|v| {
                        x[k] = Some(v);
                        let ok = go(x, bounds, sums, top);
                        x[k] = None;
                        ok
                    })
                }
            };
            forced.iter().for_each(|&k| x[k] = None);
            found
        }
        go(&mut vec![None; keys.len()], bounds, sums, top)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        /// Every part-whole conflict cites an irreducible set of sums: its claims have no
        /// solution under the cited sums, and with any one sum dropped they have one.
        /// Counts are tried up to one more than the sum of every number claimed: an
        /// infeasible system has no solution there either, and a solution found there is
        /// one.
        #[test]
        fn cited_sums_are_irreducible(claims in claims()) {
            let mut s = Statement::new("s", "agency", t());
            for (i, (m, w, c, words)) in claims.iter().enumerate() {
                s = s.claim(count(&format!("c{i}"), m.clone(), w.clone(), c.clone(), words));
            }
            let d = base().statement(s).build().unwrap();
            let r = Reconciler::new().reconcile(&d);
            let top: u64 = claims.iter().map(|c| { let (lo, hi) = range(&c.3); hi.unwrap_or(lo) }).sum::<u64>() + 1;
            for x in r.discrepancies() {
                let Discrepancy::PartWholeConflict { constraints, claims: cited, .. } = x else {
                    continue;
                };
                prop_assert!(!constraints.is_empty());
                let mut keys: Vec<QuantityKey> = Vec::new();
                let index = |k: &QuantityKey, keys: &mut Vec<QuantityKey>| {
                    keys.iter().position(|j| j == k).unwrap_or_else(|| {
                        keys.push(k.clone());
                        keys.len() - 1
                    })
                };
                let sums: Vec<(usize, Vec<usize>)> = constraints
                    .iter()
                    .map(|c| (index(&c.whole, &mut keys), c.parts.iter().map(|p| index(p, &mut keys)).collect()))
                    .collect();
                let mut bounds = vec![(0, None); keys.len()];
                for cite in cited {
                    let i: usize = cite.claim.to_string()[1..].parse().unwrap();
                    let (m, w, c, words) = &claims[i];
                    let k = index(&QuantityKey::new("e", m.clone(), w.clone(), c.clone()), &mut keys);
                    bounds.resize(keys.len(), (0, None));
                    let (lo, hi): (u64, Option<u64>) = range(words);
                    let (blo, bhi): (u64, Option<u64>) = bounds[k];
                    bounds[k] = (blo.max(lo), match (bhi, hi) { (Some(a), Some(b)) => Some(a.min(b)), (a, b) => a.or(b) });
                }
                prop_assert!(!solvable(&keys, &bounds, &sums, top), "{:?} hold under {:?}", cited, constraints);
                for (drop, sum) in constraints.iter().enumerate() {
                    let mut fewer = sums.clone();
                    fewer.remove(drop);
                    prop_assert!(
                        solvable(&keys, &bounds, &fewer, top),
                        "{:?} still conflict without {}", cited, sum
                    );
                }
            }
        }
    }
}
