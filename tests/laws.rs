//! The laws of the reconciliation (DESIGN-NOTES, "Laws the implementation must obey"),
//! stated as property tests. Each test's doc comment is the law it checks.
//!
//! The dossiers here are small on purpose: one disputed event with two sides, a handful
//! of speakers (one nested in a party, one unattributed voice), figures on the nine keys
//! of whose × category, statements spread over days so that revisions happen, and
//! responsibility and timing claims. Small numbers make conflicts, agreements and
//! part-whole contradictions all likely.

use std::collections::BTreeMap;

use contested::reconcile::{Discrepancy, Policy, QuantityKey, Reconciler, Rule};
use contested::{
    Actor, ActorKind, Boundary, Category, Claim, ClaimBody, CountRange, Dossier, Estimate,
    EstimateKind, Event, EventKind, Measure, Statement, TimeWindow, Whose,
};
use proptest::prelude::*;

const SPEAKERS: [Option<&str>; 6] = [
    Some("armenia"),
    Some("am-mod"),
    Some("azerbaijan"),
    Some("agencies"),
    Some("russia"),
    None,
];

fn whose_of(i: u8) -> Whose {
    match i % 3 {
        0 => Whose::All,
        1 => Whose::party("armenia"),
        _ => Whose::party("azerbaijan"),
    }
}

fn category_of(i: u8) -> Category {
    match i % 3 {
        0 => Category::Any,
        1 => Category::Military,
        _ => Category::Civilian,
    }
}

fn small_estimate() -> impl Strategy<Value = Estimate> {
    prop_oneof![
        (0u64..30).prop_map(EstimateKind::Exact),
        (0u64..30).prop_map(EstimateKind::AtLeast),
        (0u64..30).prop_map(EstimateKind::AtMost),
        (1u64..30).prop_map(EstimateKind::FewerThan),
        (0u64..30).prop_map(EstimateKind::MoreThan),
        (0u64..20, 0u64..15).prop_map(|(a, w)| EstimateKind::Between(a, a + w)),
        (1u64..40).prop_map(EstimateKind::About),
    ]
    .prop_filter_map("satisfiable", |k| Estimate::new(k).ok())
}

#[derive(Debug, Clone)]
enum Body {
    Count(u8, u8, Estimate),
    Blame(bool),
    Onset(u8, u8),
}

fn body() -> impl Strategy<Value = Body> {
    prop_oneof![
        6 => (0u8..3, 0u8..3, small_estimate()).prop_map(|(w, c, e)| Body::Count(w, c, e)),
        1 => any::<bool>().prop_map(Body::Blame),
        1 => (0u8..6, 1u8..4).prop_map(|(h, len)| Body::Onset(h, len)),
    ]
}

/// (speaker index, day, hour, claims)
type StatementSpec = (usize, u8, u8, Vec<Body>);

fn statement_specs(max: usize) -> impl Strategy<Value = Vec<StatementSpec>> {
    prop::collection::vec(
        (
            0..SPEAKERS.len(),
            0u8..3,
            0u8..24,
            prop::collection::vec(body(), 1..4),
        ),
        0..max,
    )
}

fn at(day: u8, hour: u8) -> chrono::DateTime<chrono::FixedOffset> {
    let s = format!("2022-09-{:02}T{:02}:00:00+04:00", 13 + day, hour);
    s.parse().expect("constructed timestamps are valid")
}

fn statements(specs: &[StatementSpec]) -> Vec<Statement> {
    specs
        .iter()
        .enumerate()
        .map(|(i, (sp, day, hour, bodies))| {
            let made = TimeWindow::instant(at(*day, *hour));
            let mut s = match SPEAKERS[*sp] {
                Some(who) => Statement::new(format!("s{i}"), who, made),
                None => Statement::unattributed(format!("s{i}"), made).relayed_by("agencies"),
            };
            for (j, b) in bodies.iter().enumerate() {
                let id = format!("c{i}-{j}");
                let body = match b {
                    Body::Count(w, c, e) => ClaimBody::Count(contested::CountClaim::new(
                        Measure::Killed,
                        whose_of(*w),
                        category_of(*c),
                        e.clone(),
                    )),
                    Body::Blame(am) => ClaimBody::Responsibility {
                        initiator: if *am { "armenia" } else { "azerbaijan" }.into(),
                        against: None,
                        description: None,
                    },
                    Body::Onset(h, len) => ClaimBody::Timing {
                        boundary: Boundary::Onset,
                        window: TimeWindow::new(at(0, *h), at(0, h + len))
                            .expect("start before end"),
                    },
                };
                s = s.claim(Claim::new(id, "clash", body));
            }
            s
        })
        .collect()
}

fn dossier(stmts: &[Statement]) -> Dossier {
    let mut b = Dossier::builder()
        .actor(Actor::new("armenia", "Armenia", ActorKind::State))
        .actor(Actor::new("azerbaijan", "Azerbaijan", ActorKind::State))
        .actor(
            Actor::new(
                "am-mod",
                "Armenian Defense Ministry",
                ActorKind::GovernmentBody,
            )
            .part_of("armenia"),
        )
        .actor(Actor::new("agencies", "Agencies", ActorKind::Agency))
        .actor(Actor::new("russia", "Russia", ActorKind::State))
        .actor(Actor::new("observer", "A new observer", ActorKind::Outlet))
        .event(
            Event::new("clash", "Border clashes", EventKind::Clash)
                .with_side("armenia")
                .with_side("azerbaijan")
                .with_when(TimeWindow::new(at(0, 0), at(0, 23)).expect("a day is a window")),
        );
    for s in stmts {
        b = b.statement(s.clone());
    }
    b.build().expect("generated dossiers are valid")
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    /// Law 1: the order of statements never changes the result.
    #[test]
    fn law1_order_independence(
        (specs, order) in statement_specs(10).prop_flat_map(|s| {
            let n = s.len();
            (Just(s), Just((0..n).collect::<Vec<_>>()).prop_shuffle())
        })
    ) {
        let stmts = statements(&specs);
        let shuffled: Vec<Statement> = order.iter().map(|&i| stmts[i].clone()).collect();
        let a = Reconciler::new().reconcile(&dossier(&stmts));
        let b = Reconciler::new().reconcile(&dossier(&shuffled));
        prop_assert_eq!(a, b);
    }

    /// Law 2: reconciling A ∪ B equals merging the reconciliations of A and B.
    #[test]
    fn law2_partition_merge(specs in statement_specs(10), mask in prop::collection::vec(any::<bool>(), 10)) {
        let stmts = statements(&specs);
        let (a, b): (Vec<_>, Vec<_>) = stmts
            .iter()
            .cloned()
            .enumerate()
            .partition(|(i, _)| mask[*i]);
        let a: Vec<Statement> = a.into_iter().map(|(_, s)| s).collect();
        let b: Vec<Statement> = b.into_iter().map(|(_, s)| s).collect();
        let whole = Reconciler::new().reconcile(&dossier(&stmts));
        let merged = Reconciler::new()
            .reconcile(&dossier(&a))
            .merge(&Reconciler::new().reconcile(&dossier(&b)));
        prop_assert_eq!(whole, merged);
    }

    /// Law 3: the consensus lies inside what every live claim says now (its bearing: its
    /// range, or its floor when it is an earlier running count, raised to its voice's
    /// own earlier floor, or for a vaguer restatement the word it restates, inside its
    /// own range); the envelope contains every bearing.
    #[test]
    fn law3_containment(specs in statement_specs(12)) {
        let r = Reconciler::new().reconcile(&dossier(&statements(&specs)));
        for f in r.figures() {
            for reading in f.live() {
                let bearing = reading.bearing.expect("live readings bear on the figure");
                // A bearing only drops an upper bound or raises a floor to the voice's own
                // earlier count: never a count below what was said.
                prop_assert!(bearing.lo() >= reading.range.lo());
                if reading.restates.is_some() {
                    // A restatement only narrows its own words to the word it restates
                    // (then perhaps to that word's floor, never below its own).
                    prop_assert!(bearing.hi().is_none() || reading.range.contains_range(&bearing));
                } else {
                    prop_assert!(bearing.hi().is_none() || bearing.hi() == reading.range.hi());
                }
                prop_assert!(f.envelope.contains_range(&bearing));
                if let Some(c) = f.consensus {
                    prop_assert!(bearing.contains_range(&c), "{} not in {}", c, bearing);
                }
                if let Some(b) = f.bounds {
                    prop_assert!(bearing.contains_range(&b));
                }
            }
        }
    }

    /// Law 4: a numeric conflict is reported exactly when the consensus is empty.
    #[test]
    fn law4_conflict_iff_empty_consensus(specs in statement_specs(12)) {
        let r = Reconciler::new().reconcile(&dossier(&statements(&specs)));
        for f in r.figures() {
            let reported = r.discrepancies().iter().any(|d| {
                matches!(d, Discrepancy::NumericConflict { key, .. } if *key == f.key)
            });
            prop_assert_eq!(reported, f.consensus.is_none(), "key {}", f.key);
        }
    }

    /// Law 5: with every count read as stated (`Policy::per_speaker`), adding a claim
    /// (from a speaker with nothing to supersede) never widens the consensus and never
    /// narrows the envelope. Under the default policy a later count may turn earlier
    /// running counts into floors, which is the point of running tolls.
    #[test]
    fn law5_monotonicity(specs in statement_specs(10), w in 0u8..3, c in 0u8..3, e in small_estimate(), day in 0u8..3) {
        let mut stmts = statements(&specs);
        let as_stated = Reconciler::new().policy(Policy::per_speaker());
        let before = as_stated.reconcile(&dossier(&stmts));
        let claim = Claim::new("extra", "clash", ClaimBody::Count(contested::CountClaim::new(
            Measure::Killed, whose_of(w), category_of(c), e)));
        stmts.push(Statement::new("extra-s", "observer", TimeWindow::instant(at(day, 12))).claim(claim));
        let after = as_stated.reconcile(&dossier(&stmts));
        for f in before.figures() {
            let g = after.figure(&f.key).expect("keys are never lost");
            prop_assert!(g.envelope.contains_range(&f.envelope));
            match (f.consensus, g.consensus) {
                (Some(old), Some(new)) => prop_assert!(old.contains_range(&new)),
                (None, Some(_)) => prop_assert!(false, "consensus reappeared on {}", f.key),
                _ => {}
            }
        }
    }

    /// Law 7: as of t, statements made after t are ignored.
    #[test]
    fn law7_as_of(specs in statement_specs(10), day in 0u8..3, hour in 0u8..24) {
        let stmts = statements(&specs);
        let t = at(day, hour);
        let earlier: Vec<Statement> = stmts.iter().filter(|s| s.made_by(t)).cloned().collect();
        let as_of = Reconciler::new().as_of(t).reconcile(&dossier(&stmts));
        let only_earlier = Reconciler::new().as_of(t).reconcile(&dossier(&earlier));
        prop_assert_eq!(as_of, only_earlier);
    }

    /// Law 8: dossiers and reconciliations round-trip through JSON.
    #[test]
    fn law8_round_trips(specs in statement_specs(8)) {
        let d = dossier(&statements(&specs));
        prop_assert_eq!(&Dossier::from_json(&d.to_json()).expect("reloads"), &d);
        let r = Reconciler::new().reconcile(&d);
        let back: contested::reconcile::Reconciliation =
            serde_json::from_str(&r.to_json()).expect("reloads");
        prop_assert_eq!(back, r);
    }
}

// Law 6, by brute force on small tree-shaped networks: one sum `all = armenia +
// azerbaijan` (military killed), plus optional breakdowns of the sides' figures.

const MAX: u64 = 40;

#[derive(Debug, Clone)]
struct SmallClaim {
    whose: u8,
    estimate: Estimate,
}

fn small_claims() -> impl Strategy<Value = Vec<SmallClaim>> {
    prop::collection::vec(
        (0u8..3, small_estimate()).prop_map(|(whose, estimate)| SmallClaim { whose, estimate }),
        1..6,
    )
}

fn tree_dossier(claims: &[SmallClaim]) -> Dossier {
    // Each claim by its own speaker, so none supersedes another.
    let speakers = [
        "armenia",
        "azerbaijan",
        "agencies",
        "russia",
        "observer",
        "am-mod",
    ];
    let stmts: Vec<Statement> = claims
        .iter()
        .enumerate()
        .map(|(i, c)| {
            Statement::new(
                format!("s{i}"),
                speakers[i % speakers.len()],
                TimeWindow::instant(at(0, 12)),
            )
            .claim(Claim::count(
                format!("c{i}"),
                "clash",
                Measure::Killed,
                whose_of(c.whose),
                Category::Military,
                c.estimate.clone(),
            ))
        })
        .collect();
    dossier(&stmts)
}

/// Every assignment (all, armenia, azerbaijan) with all = armenia + azerbaijan and every
/// claim in `active` satisfied, counts up to `MAX`. A key whose claims (all of them, as
/// the reconciliation sees them) have no count in common is disputed and enters with
/// their envelope, as DESIGN.md's part-whole rules say.
fn solutions(claims: &[SmallClaim], active: &[bool]) -> Vec<[u64; 3]> {
    let envelope = |w: u8| {
        let rs: Vec<CountRange> = claims
            .iter()
            .filter(|c| c.whose % 3 == w)
            .map(|c| c.estimate.default_range())
            .collect();
        let meet = rs.iter().skip(1).try_fold(rs[0], |a, r| a.intersect(r));
        match meet {
            Some(_) => None,
            None => Some(rs.iter().skip(1).fold(rs[0], |a, r| a.hull(r))),
        }
    };
    let ranges: Vec<(u8, CountRange)> = claims
        .iter()
        .zip(active)
        .filter(|(_, on)| **on)
        .map(|(c, _)| {
            let w = c.whose % 3;
            (w, envelope(w).unwrap_or(c.estimate.default_range()))
        })
        .collect();
    let mut out = Vec::new();
    for am in 0..=MAX {
        for az in 0..=MAX {
            let v = [am + az, am, az];
            if ranges.iter().all(|(w, r)| r.contains(v[usize::from(*w)])) {
                out.push(v);
            }
        }
    }
    out
}

proptest! {
    #![proptest_config(config())]

    /// Law 6: propagation is sound (no integer solution is cut off) and a reported
    /// conflicting set is minimal (removing any one of its claims restores consistency).
    #[test]
    fn law6_propagation_sound_and_conflicts_minimal(claims in small_claims()) {
        let d = tree_dossier(&claims);
        let r = Reconciler::new().reconcile(&d);
        let all_on = vec![true; claims.len()];
        let sols = solutions(&claims, &all_on);
        let key = |w: u8| QuantityKey::new("clash", Measure::Killed, whose_of(w), Category::Military);
        let conflict = r.discrepancies().iter().find_map(|d| match d {
            Discrepancy::PartWholeConflict { claims, constraints } => Some((claims, constraints)),
            _ => None,
        });
        let numeric = r.discrepancies().iter().any(|d| matches!(d, Discrepancy::NumericConflict { .. }));
        if !sols.is_empty() {
            prop_assert!(conflict.is_none(), "a satisfiable dossier was called conflicting");
            let _ = numeric;
            for s in &sols {
                for w in 0..3u8 {
                    if let Some(f) = r.figure(&key(w)).filter(|f| f.consensus.is_some()) {
                        let b = f.bounds.expect("keys with a consensus in a satisfiable network have bounds");
                        prop_assert!(b.contains(s[usize::from(w)]), "solution {:?} cut off by {} on {}", s, b, f.key);
                    }
                }
            }
        }
        if let Some((cited, constraints)) = conflict {
            prop_assert!(constraints.iter().any(|c| c.rule == Rule::Sides));
            let index: BTreeMap<String, usize> = (0..claims.len()).map(|i| (format!("c{i}"), i)).collect();
            let set: Vec<usize> = cited.iter().map(|c| index[c.claim.as_str()]).collect();
            let mut active = vec![false; claims.len()];
            for &i in &set {
                active[i] = true;
            }
            // Sound: the cited claims cannot all hold (within the search bound, which
            // is enough: they conflict for every total).
            prop_assert!(solutions(&claims, &active).is_empty(), "cited set {:?} is satisfiable", set);
            // Minimal: dropping any one of them makes the rest satisfiable.
            for &i in &set {
                active[i] = false;
                prop_assert!(!solutions(&claims, &active).is_empty(), "set {:?} minus c{} still conflicts", set, i);
                active[i] = true;
            }
        }
    }
}
