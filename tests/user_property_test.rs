//! Properties a user of `contested` might state about their own use of it, written only
//! against the public API and `contested::strategy`.
#![cfg(feature = "proptest")]

use std::collections::BTreeMap;

use contested::reconcile::QuantityKey;
use contested::strategy::*;
use contested::{CountRange, Dossier, Estimate, EstimateKind, TimeWindow};
use proptest::prelude::*;

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 64,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn any_dossier_round_trips_through_json(d in any::<Dossier>()) {
        let json = d.to_json();
        let again = Dossier::from_json(&json)?;
        prop_assert_eq!(&again, &d);
        // And the text is stable: writing it again gives the same bytes.
        prop_assert_eq!(again.to_json(), json);
    }

    #[test]
    fn generated_dossiers_rebuild_through_the_builder(
        d in dossier(DossierShape::default().actors(0..=10).statements(0..=8))
    ) {
        prop_assert_eq!(d.to_builder().build()?, d);
    }

    #[test]
    fn exact_and_about_ranges_contain_their_number(e in any::<Estimate>()) {
        match e.kind() {
            EstimateKind::Exact(n) | EstimateKind::About(n) => {
                prop_assert!(e.default_range().contains(n), "{} -> {}", e, e.default_range());
            }
            _ => {}
        }
        prop_assert_eq!(e.to_string().parse::<Estimate>()?, e);
    }

    #[test]
    fn count_ranges_survive_text_and_json(r in any::<CountRange>()) {
        prop_assert_eq!(r.to_string().parse::<CountRange>()?, r);
        prop_assert_eq!(serde_json::from_str::<CountRange>(&serde_json::to_string(&r)?)?, r);
    }

    #[test]
    fn sums_of_ranges_are_sound(a in count_range(), b in count_range(), x in count(), y in count()) {
        // Pick members of each range, and their sum must lie in a.plus(b) unless it overflows.
        let x = a.hi().map_or(a.lo().saturating_add(x), |h| a.lo() + x % (h - a.lo()).saturating_add(1).max(1));
        let y = b.hi().map_or(b.lo().saturating_add(y), |h| b.lo() + y % (h - b.lo()).saturating_add(1).max(1));
        prop_assume!(a.contains(x) && b.contains(y));
        if let Some(s) = x.checked_add(y) {
            prop_assert!(a.plus(&b).contains(s));
        }
    }

    #[test]
    fn overlaps_of_windows_agree_both_ways(a in any::<TimeWindow>(), b in any::<TimeWindow>()) {
        prop_assert_eq!(a.overlap(&b), b.overlap(&a));
        if let Some(o) = a.overlap(&b) {
            prop_assert!(a.contains(o.earliest()) && b.contains(o.latest()));
        }
    }

    #[test]
    fn every_actor_belongs_to_a_root_party(d in dossier(DossierShape::default().actors(1..=12))) {
        for a in d.actors() {
            let party = d.party_of(&a.id).unwrap();
            prop_assert!(party.part_of.is_none());
            // Walking up part_of by hand reaches the same party.
            let mut cur = a;
            while let Some(p) = &cur.part_of {
                cur = d.actor(p).unwrap();
            }
            prop_assert_eq!(&cur.id, &party.id);
        }
    }

    #[test]
    fn relay_chains_never_loop(d in dossier(DossierShape::default().actors(0..=8))) {
        for s in d.statements() {
            let mut seen: Vec<_> = s.speaker.iter().collect();
            for r in s.outlets() {
                prop_assert!(!seen.contains(&r), "{} relayed twice in {}", r, s.id);
                seen.push(r);
            }
            // Every relay relays the origin or an earlier relay.
            prop_assert!(contested::relay::parents(&s.relay).iter().enumerate().all(|(i, p)| p.is_none_or(|j| j < i)));
        }
    }

    #[test]
    fn consistent_claims_contain_the_hidden_truth(
        (d, truth) in dossier_with_truth(DossierShape::default().events(1..=3).conflict(Conflict::Consistent))
    ) {
        let mut consensus: BTreeMap<QuantityKey, CountRange> = BTreeMap::new();
        for (_, c) in d.claims() {
            let (Some(key), Some(count)) = (QuantityKey::of(c), c.body.count()) else { continue };
            let t = truth.get(&key).unwrap();
            let r = count.estimate.default_range();
            prop_assert!(r.contains(t), "{}: {} does not hold {}", c.id, count.estimate, t);
            let so_far = consensus.entry(key).or_insert(CountRange::UNKNOWN);
            *so_far = so_far.intersect(&r).unwrap();
        }
        prop_assert!(truth.conflict().is_none());
    }

    #[test]
    fn conflicting_dossiers_have_one_disjoint_pair(
        (d, truth) in dossier_with_truth(DossierShape::default().conflict(Conflict::Conflicting))
    ) {
        let (a, b) = truth.conflict().unwrap();
        let (_, ca) = d.claim(a).unwrap();
        let (_, cb) = d.claim(b).unwrap();
        prop_assert_eq!(QuantityKey::of(ca), QuantityKey::of(cb));
        let key = QuantityKey::of(ca).unwrap();
        let t = truth.get(&key).unwrap();
        let ra = ca.body.count().unwrap().estimate.default_range();
        let rb = cb.body.count().unwrap().estimate.default_range();
        prop_assert!(ra.contains(t) && !rb.contains(t));
        prop_assert_eq!(ra.intersect(&rb), None);
        // Every other count claim holds its truth.
        for (_, c) in d.claims().filter(|(_, c)| &c.id != b) {
            if let (Some(k), Some(count)) = (QuantityKey::of(c), c.body.count()) {
                prop_assert!(count.estimate.default_range().contains(truth.get(&k).unwrap()));
            }
        }
    }

    #[test]
    fn estimates_around_a_truth_hold_it(
        (t, e) in count().prop_flat_map(|t| (Just(t), estimate_containing(t)))
    ) {
        prop_assert!(e.default_range().contains(t), "{} does not hold {}", e, t);
    }
}

#[test]
fn utc_plus_four_is_the_usual_offset() {
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let mut plus_four = 0;
    for _ in 0..200 {
        let w = time_window().new_tree(&mut runner).unwrap().current();
        if w.earliest().offset().local_minus_utc() == 4 * 3600 {
            plus_four += 1;
        }
    }
    assert!(plus_four > 40, "{plus_four} of 200 in UTC+4");
    assert!(plus_four < 200, "other offsets must appear too");
}
