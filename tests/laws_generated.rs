//! The laws again, over whole dossiers from the public strategies (`contested::strategy`):
//! many actors and events, nesting, relay chains, every claim kind, denials, mediators.
//! `tests/laws.rs` holds the same laws on small, dense cases and law 6 by brute force;
//! here law 6 is checked against the strategies' hidden truth instead: a consistent
//! dossier's true counts satisfy every claim and sum, so propagation must keep them and
//! report no conflict.
#![cfg(feature = "proptest")]

use std::collections::BTreeMap;

use contested::reconcile::{Discrepancy, Policy, QuantityKey, Reconciler, Reconciliation};
use contested::strategy::{Conflict, DossierShape, dossier, dossier_with_truth, policy};
use contested::{ClaimBody, ClaimId, Dossier, DossierBuilder, Statement, StatementId};
use proptest::prelude::*;

fn config() -> ProptestConfig {
    ProptestConfig::with_cases(96)
}

fn shape() -> DossierShape {
    DossierShape::default()
        .actors(2..=8)
        .events(1..=4)
        .statements(0..=10)
        .claims_per_statement(0..=4)
}

/// The dossier with its statements in a deterministic shuffle drawn from `seed`.
fn shuffled(d: &Dossier, seed: u64) -> Dossier {
    let mut stmts = d.statements().to_vec();
    let mut x = seed | 1;
    for i in (1..stmts.len()).rev() {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        stmts.swap(i, (x % (i as u64 + 1)) as usize);
    }
    with_statements(d, &stmts, true).expect("same statements, same validity")
}

/// The dossier's actors, events and defined measures, with no statements.
fn frame(d: &Dossier) -> DossierBuilder {
    let mut b = Dossier::builder();
    for m in d.measures() {
        b = b.measure(m.clone());
    }
    for a in d.actors() {
        b = b.actor(a.clone());
    }
    for e in d.events() {
        b = b.event(e.clone());
    }
    b
}

fn with_statements(d: &Dossier, statements: &[Statement], mediators: bool) -> Option<Dossier> {
    let mut b = frame(d);
    for s in statements {
        b = b.statement(s.clone());
    }
    if mediators {
        for m in d.mediators() {
            b = b.mediator(m.clone());
        }
    }
    b.build().ok()
}

/// Groups of statements that must stay together: a denial with the claim it denies, a
/// statement with those it revises or cites.
fn linked_groups(d: &Dossier) -> Vec<Vec<Statement>> {
    let owner: BTreeMap<&ClaimId, &StatementId> = d.claims().map(|(s, c)| (&c.id, &s.id)).collect();
    let ids: Vec<&StatementId> = d.statements().iter().map(|s| &s.id).collect();
    let mut group: Vec<usize> = (0..ids.len()).collect();
    fn find(g: &mut [usize], mut x: usize) -> usize {
        while g[x] != x {
            x = g[x];
        }
        x
    }
    for (i, s) in d.statements().iter().enumerate() {
        for c in &s.claims {
            if let ClaimBody::Denial {
                denies: Some(denies),
                ..
            } = &c.body
                && let Some(&target) = owner.get(denies)
                && let Some(j) = ids.iter().position(|id| *id == target)
            {
                let (a, b) = (find(&mut group, i), find(&mut group, j));
                group[a] = b;
            }
        }
    }
    // Revision and citation links travel with their targets too.
    for (i, s) in d.statements().iter().enumerate() {
        for target in s.revises.iter().chain(&s.cites) {
            if let Some(j) = d.statements().iter().position(|t| t.id == *target) {
                let (a, b) = (find(&mut group, i), find(&mut group, j));
                group[a] = b;
            }
        }
    }
    let mut out: BTreeMap<usize, Vec<Statement>> = BTreeMap::new();
    for (i, s) in d.statements().iter().enumerate() {
        let r = find(&mut group, i);
        out.entry(r).or_default().push(s.clone());
    }
    out.into_values().collect()
}

/// Laws 3 and 4 on one reconciliation: every live bearing lies within what its reading
/// said (a vaguer restatement within its own words) and holds the consensus, the
/// envelope holds every bearing, and a numeric conflict is reported exactly when the
/// consensus is empty.
fn containment_and_conflict_hold(r: &Reconciliation) -> Result<(), TestCaseError> {
    for f in r.figures() {
        for x in f.live() {
            let bearing = x.bearing.expect("live readings bear on the figure");
            prop_assert!(bearing.lo() >= x.range.lo());
            if x.restates.is_some() {
                // A vaguer restatement bears as the word it restates, inside its own.
                prop_assert!(bearing.hi().is_none() || x.range.contains_range(&bearing));
            } else {
                prop_assert!(bearing.hi().is_none() || bearing.hi() == x.range.hi());
            }
            prop_assert!(f.envelope.contains_range(&bearing));
            if let Some(c) = f.consensus {
                prop_assert!(bearing.contains_range(&c));
            }
        }
        let reported = r
            .discrepancies()
            .iter()
            .any(|d| matches!(d, Discrepancy::NumericConflict { key, .. } if *key == f.key));
        prop_assert_eq!(reported, f.consensus.is_none());
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    /// Law 1: the order of statements never changes the result.
    #[test]
    fn order_independence(d in dossier(shape()), seed in any::<u64>()) {
        let shuffled = shuffled(&d, seed);
        prop_assert_eq!(Reconciler::new().reconcile(&d), Reconciler::new().reconcile(&shuffled));
    }

    /// Laws 1, 3 and 4 hold under every reading policy a user can set, not only the
    /// default: statement order changes nothing, every live bearing holds the
    /// consensus, a numeric conflict is reported exactly when the consensus is empty,
    /// and the best figure lies within low and high.
    #[test]
    fn the_laws_hold_under_every_policy(d in dossier(shape()), p in policy(), seed in any::<u64>()) {
        let shuffled = shuffled(&d, seed);
        let r = Reconciler::new().policy(p).reconcile(&d);
        prop_assert_eq!(&r, &Reconciler::new().policy(p).reconcile(&shuffled));
        for f in r.figures() {
            prop_assert!(f.low <= f.best && f.high.is_none_or(|h| f.best <= h), "{f}");
        }
        containment_and_conflict_hold(&r)?;
    }

    /// Ceilings: a ceiling is a current count of one of the key's wholes, bounded
    /// above by `at_most`, by an origin with no current count of the key, below the
    /// floor of every count it cites; the key's low is at most the ceiling (or what its
    /// party admits); each is reported as a ceiling conflict; and there are none when
    /// the policy reads no ceilings.
    #[test]
    fn a_ceiling_is_a_voices_word_on_a_part(d in dossier(shape()), p in policy()) {
        let r = Reconciler::new().policy(p).reconcile(&d);
        for f in r.figures() {
            prop_assert!(p.wholes_cap_parts || f.ceilings.is_empty());
            for c in &f.ceilings {
                let whole = r.figure(&c.whole).expect("a ceiling's whole has a figure");
                let by = whole.live().find(|x| x.cite == c.by).expect("a current count");
                prop_assert_eq!(by.bearing.and_then(|b| b.hi()), Some(c.at_most));
                prop_assert!(f.live().all(|x| x.origin != by.origin));
                prop_assert!(!c.above.is_empty());
                for a in &c.above {
                    let x = f.live().find(|x| x.cite == *a).expect("a current count");
                    prop_assert!(x.bearing.is_some_and(|b| b.lo() > c.at_most));
                }
                prop_assert!(f.low <= c.at_most.max(f.admitted.unwrap_or(0)), "{}", f);
                let reported = r.discrepancies().iter().any(|x| matches!(
                    x,
                    Discrepancy::CeilingConflict { key, ceiling } if *key == f.key && ceiling == c
                ));
                prop_assert!(reported);
            }
        }
    }

    /// Counts at different times in the sums: a count that entered the sums as its
    /// floor is a current count of its figure, bounded above and not final, of a measure
    /// that only grows, certainly earlier than a current count of a whole or part of its
    /// key; there are none when earlier running counts are not read as floors; and such a
    /// figure is never narrowed by the sums, only raised to what they put below it.
    #[test]
    fn a_count_enters_the_sums_as_its_floor_only_when_a_related_count_is_later(d in dossier(shape()), p in policy()) {
        let r = Reconciler::new().policy(p).reconcile(&d);
        for f in r.figures() {
            prop_assert!(p.running_floors || f.floors_in_sums.is_empty());
            if f.floors_in_sums.is_empty() {
                prop_assert!(f.raised_by_sums.is_none());
                continue;
            }
            prop_assert!(contested::measure::only_grows(r.evidence().measures(), &f.key.measure));
            // One entry per count, sorted by claim (the sums look counts up in it).
            prop_assert!(f.floors_in_sums.windows(2).all(|w| w[0].0 < w[1].0));
            for (c, later) in &f.floors_in_sums {
                let x = f.live().find(|x| x.cite.claim == *c).expect("a current count");
                prop_assert!(x.bearing.is_some_and(|b| b.hi().is_some()));
                prop_assert_ne!(x.count_status, contested::CountStatus::Final);
                // The later count is a current count of another key of the event.
                let y = r
                    .figures()
                    .iter()
                    .filter(|g| g.key != f.key && g.key.event == f.key.event)
                    .find_map(|g| g.live().find(|y| y.cite == *later))
                    .expect("the later count is a current count of a related key");
                prop_assert!(y.as_of.earliest() > x.as_of.latest(), "{} is not later than {}", later.claim, c);
            }
            if let (Some(b), Some(c)) = (f.bounds, f.consensus) {
                prop_assert_eq!(b, c, "{} was narrowed by sums that hold at a later time", f);
            }
            // The later sums only raise it: to their low, above the figure's own, and
            // past its high only when its counts were outrun.
            if let (Some(raised), Some(c)) = (f.raised_by_sums, f.consensus) {
                prop_assert_eq!(f.low, raised.lo());
                prop_assert!(raised.lo() > c.lo());
                let outrun = c.hi().is_some_and(|h| h < raised.lo());
                prop_assert_eq!(f.high, if outrun { raised.hi() } else { c.hi() }, "{}", f);
                prop_assert!(f.best >= f.low);
            }
        }
    }

    /// Law 2: reconciling A ∪ B equals merging the reconciliations of A and B.
    #[test]
    fn partition_merge(d in dossier(shape().mediators(0..=0)), mask in prop::collection::vec(any::<bool>(), 16)) {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        for (i, g) in linked_groups(&d).into_iter().enumerate() {
            if mask[i % mask.len()] { a.extend(g) } else { b.extend(g) }
        }
        let da = with_statements(&d, &a, false).expect("denials travel with their targets");
        let db = with_statements(&d, &b, false).expect("denials travel with their targets");
        let whole = Reconciler::new().reconcile(&d);
        let merged = Reconciler::new().reconcile(&da).merge(&Reconciler::new().reconcile(&db));
        prop_assert_eq!(whole, merged);
    }

    /// Laws 3 and 4: consensus inside and envelope around every live claim; a numeric
    /// conflict exactly when the consensus is empty.
    #[test]
    fn containment_and_conflict(d in dossier(shape())) {
        let r = Reconciler::new().reconcile(&d);
        containment_and_conflict_hold(&r)?;
    }

    /// Law 6 against the hidden truth: in a consistent dossier every claim and every
    /// part-whole sum holds at the true counts, so no conflict is reported and every
    /// figure's bounds keep the truth.
    #[test]
    fn consistent_dossiers_keep_the_truth((d, truth) in dossier_with_truth(shape().conflict(Conflict::Consistent))) {
        let r = Reconciler::new().reconcile(&d);
        prop_assert!(
            !r.discrepancies().iter().any(|x| matches!(
                x,
                Discrepancy::NumericConflict { .. }
                    | Discrepancy::PartWholeConflict { .. }
                    | Discrepancy::CeilingConflict { .. }
            )),
            "{:?}", r.discrepancies()
        );
        for (key, value) in truth.iter() {
            let f = r.figure(key).expect("every claimed key has a figure");
            let b = f.bounds.expect("consistent figures have bounds");
            prop_assert!(b.contains(value), "{} = {} cut off by {}", key, value, b);
            prop_assert!(f.low <= value);
            prop_assert!(f.high.is_none_or(|h| value <= h));
        }
    }

    /// The best figure lies in the best-supported interval, within low and high, unless
    /// the low / high range (raised to an admission, narrowed by part-whole bounds)
    /// leaves none of that interval; and it is always within low and high.
    #[test]
    fn the_best_figure_lies_in_the_best_supported_interval(d in dossier(shape())) {
        let r = Reconciler::new().reconcile(&d);
        for f in r.figures() {
            prop_assert!(f.low <= f.best && f.high.is_none_or(|h| f.best <= h), "{f}");
            let Ok(range) = contested::CountRange::new(f.low, f.high) else { continue };
            if let Some(within) = f.best_supported.range.intersect(&range) {
                prop_assert!(within.contains(f.best), "{}: best {} outside {}", f.key, f.best, within);
            }
        }
    }

    /// The conflicting pair the strategy plants is reported on its key when counts are
    /// read as stated (under the default policy an earlier running count may only be a
    /// floor on a later one: see tests/laws_running.rs).
    #[test]
    fn planted_conflicts_are_found((d, truth) in dossier_with_truth(shape().statements(1..=10).conflict(Conflict::Conflicting))) {
        let (a, b) = truth.conflict().expect("a planted pair");
        let key = d.claim(a).and_then(|(_, c)| QuantityKey::of(c)).expect("a count claim");
        let r = Reconciler::new().policy(Policy::per_speaker()).reconcile(&d);
        let f = r.figure(&key).expect("figure");
        // Supersession may retire one of the pair; if both are live they conflict.
        let live: Vec<&ClaimId> = f.live().map(|x| &x.cite.claim).collect();
        if live.contains(&a) && live.contains(&b) {
            prop_assert!(f.consensus.is_none());
            let cited = r.discrepancies().iter().any(|x| match x {
                Discrepancy::NumericConflict { key: k, claims, .. } => {
                    *k == key && claims.iter().any(|c| &c.claim == a) && claims.iter().any(|c| &c.claim == b)
                }
                _ => false,
            });
            prop_assert!(cited);
        }
    }

    /// Law 7: as of t, nothing said after t is seen, and the result equals reconciling
    /// only what was said by t.
    #[test]
    fn as_of_ignores_later_statements(d in dossier(shape().mediators(0..=0)), pick in any::<prop::sample::Index>()) {
        let times: Vec<_> = d.statements().iter().map(|s| s.made.earliest()).collect();
        prop_assume!(!times.is_empty());
        let t = times[pick.index(times.len())];
        let r = Reconciler::new().as_of(t).reconcile(&d);
        for rec in r.evidence().claims() {
            prop_assert!(rec.made.earliest() <= t);
        }
        let earlier: Vec<Statement> = d.statements().iter().filter(|s| s.made_by(t)).cloned().collect();
        if let Some(e) = with_statements(&d, &earlier, false) {
            prop_assert_eq!(r, Reconciler::new().as_of(t).reconcile(&e));
        }
    }

    /// Law 8: reconciliations round-trip through JSON.
    #[test]
    fn reconciliation_round_trips(d in dossier(shape())) {
        let r = Reconciler::new().reconcile(&d);
        let back: contested::reconcile::Reconciliation = serde_json::from_str(&r.to_json()).expect("reloads");
        prop_assert_eq!(back, r);
    }
}
