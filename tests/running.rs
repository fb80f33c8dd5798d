//! Running tolls: each rule of DESIGN.md's "Running tolls" on a small hand-made dossier,
//! the laws as property tests, and the bad input the rules bring.

use contested::reconcile::{AsOfRule, Discrepancy, Policy, QuantityKey, Reconciler, Status, Voice};
use contested::{
    Actor, ActorKind, Category, Claim, ClaimBody, CountClaim, CountStatus, Dossier, Event,
    EventKind, Measure, Problem, Statement, TimeWindow, Whose,
};
use proptest::prelude::*;

fn day(d: u32) -> TimeWindow {
    TimeWindow::new(
        format!("2008-08-{d:02}T00:00:00+04:00").parse().unwrap(),
        format!("2008-08-{d:02}T23:59:59+04:00").parse().unwrap(),
    )
    .unwrap()
}

fn at(d: u32, h: u32) -> TimeWindow {
    TimeWindow::instant(
        format!("2008-08-{d:02}T{h:02}:00:00+04:00")
            .parse()
            .unwrap(),
    )
}

fn killed(id: &str, whose: &str, words: &str) -> Claim {
    Claim::count(
        id,
        "war",
        Measure::Killed,
        Whose::party(whose),
        Category::Any,
        words.parse().unwrap(),
    )
}

fn key(whose: &str) -> QuantityKey {
    QuantityKey::new("war", Measure::Killed, Whose::party(whose), Category::Any)
}

fn base() -> contested::DossierBuilder {
    Dossier::builder()
        .actor(Actor::new("georgia", "Georgia", ActorKind::State))
        .actor(
            Actor::new("ge-mod", "Defence Ministry", ActorKind::GovernmentBody).part_of("georgia"),
        )
        .actor(
            Actor::new("ge-health", "Health Ministry", ActorKind::GovernmentBody)
                .part_of("georgia"),
        )
        .actor(Actor::new("ge-gov", "Government", ActorKind::GovernmentBody).part_of("georgia"))
        .actor(Actor::new("russia", "Russia", ActorKind::State))
        .actor(Actor::new("agency", "An agency", ActorKind::Agency))
        .actor(Actor::new("hrw", "Human Rights Watch", ActorKind::Ngo))
        .event(
            Event::new("war", "War", EventKind::Clash)
                .with_side("georgia")
                .with_side("russia"),
        )
}

fn numeric_conflict(r: &contested::reconcile::Reconciliation, k: &QuantityKey) -> bool {
    r.discrepancies()
        .iter()
        .any(|d| matches!(d, Discrepancy::NumericConflict { key, .. } if key == k))
}

/// A party's own toll revised by several of its organs is one series: the latest count
/// is current, the first-day count is not the conservative figure, nothing conflicts.
#[test]
fn a_party_series_across_organs_is_revision_not_conflict() {
    let d = base()
        .statement(Statement::new("s1", "ge-health", day(13)).claim(killed("c1", "georgia", "175")))
        .statement(Statement::new("s2", "ge-health", day(16)).claim(killed("c2", "georgia", "182")))
        .statement(Statement::new("s3", "ge-gov", day(19)).claim(killed("c3", "georgia", "215")))
        .statement(Statement::new("s4", "ge-mod", day(24)).claim(killed(
            "c4",
            "georgia",
            "238 (interim)",
        )))
        .build()
        .unwrap();
    let r = Reconciler::new().reconcile(&d);
    let f = r.figure(&key("georgia")).unwrap();
    assert_eq!(f.positions.len(), 1);
    assert_eq!(f.positions[0].voice, Voice::Party("georgia".into()));
    assert_eq!(f.positions[0].current, ["c4".into()]);
    assert_eq!(f.positions[0].history.len(), 4);
    assert_eq!((f.low, f.best, f.high), (238, 238, Some(238)));
    assert!(r.discrepancies().is_empty(), "{:?}", r.discrepancies());
    // Under the per-speaker rule the organs are separate voices: 175 and 215 conflict.
    let per_speaker = Reconciler::new()
        .policy(Policy::per_speaker())
        .reconcile(&d);
    assert!(numeric_conflict(&per_speaker, &key("georgia")));
}

/// A count known only to the day does not sort before a timed count of that day: both
/// are current, and two counts of one voice that cannot be ordered are read as a
/// running count over that time, not as a conflict.
#[test]
fn a_day_does_not_sort_before_a_time_of_that_day() {
    let d = base()
        .statement(
            Statement::new("timed", "ge-mod", at(13, 10)).claim(killed("t", "georgia", "62")),
        )
        .statement(
            Statement::new("daily", "ge-health", day(13)).claim(killed("dd", "georgia", "64")),
        )
        .build()
        .unwrap();
    let r = Reconciler::new().reconcile(&d);
    let f = r.figure(&key("georgia")).unwrap();
    assert_eq!(f.live().count(), 2);
    assert!(f.positions[0].current.len() == 2);
    // Both are as of the same time: they conflict, honestly, until a link orders them.
    assert!(numeric_conflict(&r, &key("georgia")));
    // A revision link orders them.
    let linked = base()
        .statement(
            Statement::new("timed", "ge-mod", at(13, 10)).claim(killed("t", "georgia", "62")),
        )
        .statement(
            Statement::new("daily", "ge-health", day(13))
                .revising("timed")
                .claim(killed("dd", "georgia", "64")),
        )
        .build()
        .unwrap();
    let r = Reconciler::new().reconcile(&linked);
    let f = r.figure(&key("georgia")).unwrap();
    assert_eq!(
        f.live().map(|x| x.cite.claim.as_str()).collect::<Vec<_>>(),
        ["dd"]
    );
    assert!(r.discrepancies().is_empty());
}

/// An agency's first-day snapshot gives way to the parties' later counts.
#[test]
fn an_early_third_party_snapshot_gives_way() {
    let d = base()
        .statement(Statement::new("ag", "agency", day(8)).claim(killed("ag-k", "georgia", "4")))
        .statement(Statement::new("ge", "ge-mod", day(10)).claim(killed("ge-k", "georgia", "11")))
        .build()
        .unwrap();
    let r = Reconciler::new().reconcile(&d);
    let f = r.figure(&key("georgia")).unwrap();
    let ag = f
        .readings
        .iter()
        .find(|x| x.cite.claim.as_str() == "ag-k")
        .unwrap();
    assert_eq!(ag.status, Status::Overtaken { by: "ge-k".into() });
    assert_eq!(f.low, 11);
    assert!(r.discrepancies().is_empty());
    // Turned off, the snapshot stays live, and as an earlier running count bears only
    // its floor: still no conflict.
    let kept = Reconciler::new()
        .policy(Policy::default().with_snapshots_give_way(false))
        .reconcile(&d);
    let f = kept.figure(&key("georgia")).unwrap();
    assert_eq!(f.live().count(), 2);
    assert!(kept.discrepancies().is_empty());
}

/// A snapshot that disagrees with a count about the same time stays live: the dispute
/// is not hidden by a later count.
#[test]
fn a_disputed_snapshot_stays_live() {
    let d = base()
        .statement(Statement::new("hrw", "hrw", day(13)).claim(killed(
            "h",
            "georgia",
            "between 10 and 50",
        )))
        .statement(Statement::new("ru", "russia", day(13)).claim(killed(
            "r",
            "georgia",
            "more than 200",
        )))
        .statement(Statement::new("ge", "ge-mod", day(20)).claim(killed("g", "georgia", "215")))
        .build()
        .unwrap();
    let r = Reconciler::new().reconcile(&d);
    let f = r.figure(&key("georgia")).unwrap();
    let h = f
        .readings
        .iter()
        .find(|x| x.cite.claim.as_str() == "h")
        .unwrap();
    assert!(h.status.is_live());
    // It was a position in a dispute of its day, not a tally waiting to grow: it keeps
    // its upper bound, so the later 215 does not hide the dispute.
    assert_eq!(h.bearing, Some("10..=50".parse().unwrap()));
    assert!(numeric_conflict(&r, &key("georgia")));
}

/// Organs of one party giving different counts on one day are a tally, not a dispute:
/// the earlier ones are floors on the party's later count, and there is no conflict.
#[test]
fn one_partys_organs_differing_on_a_day_are_a_tally() {
    let d = base()
        .statement(Statement::new("h1", "ge-health", day(13)).claim(killed("a", "russia", "3")))
        .statement(Statement::new("h2", "ge-mod", day(13)).claim(killed("b", "russia", "10")))
        .statement(Statement::new("h3", "ge-gov", day(15)).claim(killed("c", "russia", "19")))
        .build()
        .unwrap();
    let r = Reconciler::new().reconcile(&d);
    let f = r.figure(&key("russia")).unwrap();
    for id in ["a", "b"] {
        let x = f
            .readings
            .iter()
            .find(|x| x.cite.claim.as_str() == id)
            .unwrap();
        assert_eq!(x.bearing.and_then(|b| b.hi()), None, "{id}");
    }
    assert!(!numeric_conflict(&r, &key("russia")));
}

/// Two parties' current positions about the same day that cannot both hold conflict.
#[test]
fn current_positions_of_two_parties_on_one_day_conflict() {
    let d = base()
        .statement(Statement::new("ge", "ge-mod", day(13)).claim(killed("g", "georgia", "15")))
        .statement(Statement::new("ru", "russia", day(13)).claim(killed(
            "r",
            "georgia",
            "more than 200",
        )))
        .build()
        .unwrap();
    let r = Reconciler::new().reconcile(&d);
    assert!(numeric_conflict(&r, &key("georgia")));
}

/// An explicit correction supersedes and explains the fall; without it, a growing count
/// that falls is a decrease.
#[test]
fn a_stated_correction_explains_a_fall_and_an_unstated_one_is_reported() {
    let corrected = base()
        .statement(Statement::new("s1", "russia", day(13)).claim(killed("c1", "russia", "74")))
        .statement(
            Statement::new("s2", "russia", day(20))
                .revising("s1")
                .claim(killed("c2", "russia", "64")),
        )
        .build()
        .unwrap();
    let r = Reconciler::new().reconcile(&corrected);
    let f = r.figure(&key("russia")).unwrap();
    assert_eq!(f.readings[0].status, Status::Corrected { by: "c2".into() });
    assert!(r.discrepancies().is_empty(), "{:?}", r.discrepancies());

    let unstated = base()
        .statement(Statement::new("s1", "russia", day(13)).claim(killed("c1", "russia", "74")))
        .statement(Statement::new("s2", "russia", day(20)).claim(killed("c2", "russia", "64")))
        .build()
        .unwrap();
    let r = Reconciler::new().reconcile(&unstated);
    assert!(r.discrepancies().iter().any(|d| matches!(
        d,
        Discrepancy::Decrease { earlier, later, same_voice: true, .. }
            if earlier.claim.as_str() == "c1" && later.claim.as_str() == "c2"
    )));
    // Missing people can be found: no decrease for a measure that can fall.
    let missing = |id: &str, n: &str| {
        Claim::new(
            id,
            "war",
            ClaimBody::Count(CountClaim::new(
                Measure::Missing,
                Whose::party("russia"),
                Category::Any,
                n.parse().unwrap(),
            )),
        )
    };
    let found = base()
        .statement(Statement::new("s1", "russia", day(13)).claim(missing("m1", "19")))
        .statement(Statement::new("s2", "russia", day(20)).claim(missing("m2", "3")))
        .build()
        .unwrap();
    assert!(
        Reconciler::new()
            .reconcile(&found)
            .discrepancies()
            .is_empty()
    );
}

/// A final figure below an earlier floor is a discrepancy; a final figure keeps its
/// upper bound against later counts.
#[test]
fn a_final_figure_below_an_earlier_floor() {
    let d = base()
        .statement(Statement::new("ag", "agency", day(10)).claim(killed(
            "a",
            "russia",
            "at least 80",
        )))
        .statement(Statement::new("ru", "russia", day(20)).claim(killed(
            "f",
            "russia",
            "67 (final)",
        )))
        .build()
        .unwrap();
    let r = Reconciler::new().reconcile(&d);
    // The agency's snapshot has no continuation (the later count is lower), so it stays
    // live, and the two cannot hold together now: a numeric conflict citing both.
    assert!(r.discrepancies().iter().any(|d| matches!(
        d,
        Discrepancy::NumericConflict { claims, .. }
            if claims.iter().any(|c| c.claim.as_str() == "a")
                && claims.iter().any(|c| c.claim.as_str() == "f")
    )));
    // When the agency's own later word replaces its 80, the final 67 still falls below
    // that earlier floor: a decrease across voices.
    let revised = base()
        .statement(Statement::new("ag", "agency", day(10)).claim(killed(
            "a",
            "russia",
            "at least 80",
        )))
        .statement(Statement::new("ag2", "agency", day(12)).claim(killed(
            "a2",
            "russia",
            "between 60 and 100",
        )))
        .statement(Statement::new("ru", "russia", day(20)).claim(killed(
            "f",
            "russia",
            "67 (final)",
        )))
        .build()
        .unwrap();
    let r2 = Reconciler::new().reconcile(&revised);
    assert!(
        r2.discrepancies().iter().any(|d| matches!(
            d,
            Discrepancy::Decrease { same_voice: false, earlier, later, .. }
                if earlier.claim.as_str() == "a" && later.claim.as_str() == "f"
        )),
        "{:?}",
        r2.discrepancies()
    );
    let f = r.figure(&key("russia")).unwrap();
    assert_eq!(
        f.readings
            .iter()
            .find(|x| x.cite.claim.as_str() == "f")
            .unwrap()
            .count_status,
        CountStatus::Final
    );
}

/// No disagreement is reported twice. An agency's "at least 200" (a snapshot) gives way
/// to Georgia's later claim of 471 Russian dead; Human Rights Watch's later "between 10
/// and 50" is below both. It is in the numeric conflict with the 471 that carries the
/// agency's count on, so it is not reported again as a decrease from the agency's 200
/// (Al-Ahli: the European official's "10 to 50" against the ministry's 471 and the
/// Palestinian foreign ministry's overtaken "hundreds"). With nothing current as high,
/// the fall is reported as a decrease.
#[test]
fn a_decrease_already_in_the_conflict_is_not_reported_twice() {
    let d = |agency_later: Option<&str>, georgia: Option<&str>| {
        let mut b = base().statement(Statement::new("ag", "agency", day(10)).claim(killed(
            "a",
            "russia",
            "at least 200",
        )));
        if let Some(w) = agency_later {
            b = b.statement(
                Statement::new("ag2", "agency", day(11)).claim(killed("a2", "russia", w)),
            );
        }
        if let Some(w) = georgia {
            b = b
                .statement(Statement::new("ge", "ge-mod", day(11)).claim(killed("g", "russia", w)));
        }
        b.statement(Statement::new("hr", "hrw", day(12)).claim(killed(
            "h",
            "russia",
            "between 10 and 50",
        )))
        .build()
        .unwrap()
    };
    let decrease = |r: &contested::reconcile::Reconciliation| {
        r.discrepancies().iter().any(|x| {
            matches!(
                x,
                Discrepancy::Decrease { earlier, later, .. }
                    if earlier.claim.as_str() == "a" && later.claim.as_str() == "h"
            )
        })
    };
    let r = Reconciler::new().reconcile(&d(None, Some("471")));
    let agency = r
        .figure(&key("russia"))
        .unwrap()
        .readings
        .iter()
        .find(|x| x.cite.claim.as_str() == "a")
        .unwrap();
    assert!(matches!(agency.status, Status::Overtaken { .. }));
    assert!(r.discrepancies().iter().any(|x| matches!(
        x,
        Discrepancy::NumericConflict { claims, .. }
            if claims.iter().any(|c| c.claim.as_str() == "g")
                && claims.iter().any(|c| c.claim.as_str() == "h")
    )));
    assert!(!decrease(&r), "{:?}", r.discrepancies());
    // The agency's own later word, "between 20 and 40", replaces its 200: nothing
    // current carries the 200 on, HRW's count agrees with the current ones, and the
    // fall from 200 is reported.
    let r = Reconciler::new().reconcile(&d(Some("between 20 and 40"), None));
    assert!(r.figure(&key("russia")).unwrap().consensus.is_some());
    assert!(decrease(&r), "{:?}", r.discrepancies());
}

/// A voice that repeats its revised-down figure fell once. Georgia's defence ministry
/// counts 323 of its dead, then its health ministry 283, then its government 283 again:
/// one decrease, from the 323 to the first 283.
#[test]
fn a_repeated_fall_is_one_decrease() {
    let d = base()
        .statement(Statement::new("a", "ge-mod", day(10)).claim(killed("a", "georgia", "323")))
        .statement(Statement::new("b", "ge-health", day(12)).claim(killed("b", "georgia", "283")))
        .statement(Statement::new("c", "ge-gov", day(14)).claim(killed("c", "georgia", "283")))
        .build()
        .unwrap();
    let r = Reconciler::new().reconcile(&d);
    let falls: Vec<(&str, &str)> = r
        .discrepancies()
        .iter()
        .filter_map(|x| match x {
            Discrepancy::Decrease { earlier, later, .. } => {
                Some((earlier.claim.as_str(), later.claim.as_str()))
            }
            _ => None,
        })
        .collect();
    assert_eq!(falls, [("a", "b")]);
}

/// "Certainly made by t" sees a day-long statement only once the day is over.
#[test]
fn certainly_made_waits_for_the_end_of_the_window() {
    let d = base()
        .statement(Statement::new("s", "ge-mod", day(13)).claim(killed("c", "georgia", "15")))
        .build()
        .unwrap();
    let noon = "2008-08-13T12:00:00+04:00".parse().unwrap();
    assert_eq!(
        Reconciler::new().as_of(noon).reconcile(&d).figures().len(),
        1
    );
    assert!(
        Reconciler::new()
            .as_of(noon)
            .certainly_made()
            .reconcile(&d)
            .figures()
            .is_empty()
    );
    let r = Reconciler::new()
        .as_of(noon)
        .policy(Policy::default().with_as_of(AsOfRule::CertainlyMade))
        .reconcile(&d);
    assert!(r.figures().is_empty());
}

/// An explicit as-of on the claim is the time the count is about.
#[test]
fn an_explicit_as_of_orders_counts() {
    let as_of_13 = ClaimBody::Count(
        CountClaim::new(
            Measure::Killed,
            Whose::party("russia"),
            Category::Any,
            "74".parse().unwrap(),
        )
        .with_as_of(day(13)),
    );
    // Said on the 20th, but as of the 13th: the count said on the 15th is later.
    let d = base()
        .statement(Statement::new("s1", "russia", day(20)).claim(Claim::new("c1", "war", as_of_13)))
        .statement(Statement::new("s2", "russia", day(15)).claim(killed("c2", "russia", "80")))
        .build()
        .unwrap();
    let r = Reconciler::new().reconcile(&d);
    let f = r.figure(&key("russia")).unwrap();
    assert_eq!(f.positions[0].current, ["c2".into()]);
}

#[test]
fn revision_links_must_point_backwards_and_never_cycle() {
    let later = base()
        .statement(
            Statement::new("s1", "russia", day(13))
                .revising("s2")
                .claim(killed("c1", "russia", "1")),
        )
        .statement(Statement::new("s2", "russia", day(20)).claim(killed("c2", "russia", "2")))
        .build()
        .unwrap_err();
    let e = &later.errors()[0];
    assert_eq!(e.path, "statements[0].revises[0]");
    assert!(matches!(e.problem, Problem::RevisesLater { .. }));

    let cycle = base()
        .statement(Statement::new("s1", "russia", day(13)).revising("s2"))
        .statement(Statement::new("s2", "russia", day(13)).revising("s1"))
        .build()
        .unwrap_err();
    assert!(
        cycle
            .errors()
            .iter()
            .any(|e| matches!(&e.problem, Problem::LinkCycle { cycle, .. } if cycle.len() == 3))
    );

    let missing = base()
        .statement(Statement::new("s1", "russia", day(13)).citing("nowhere"))
        .build()
        .unwrap_err();
    assert_eq!(missing.errors()[0].path, "statements[0].cites[0]");
}

#[test]
fn a_status_that_contradicts_the_estimate_is_refused() {
    let open_final = base()
        .statement(Statement::new("s1", "russia", day(13)).claim(killed(
            "c1",
            "russia",
            "at least 64 (final)",
        )))
        .build()
        .unwrap_err();
    assert_eq!(
        open_final.errors()[0].path,
        "statements[0].claims[0].count.status"
    );
    // Why, as a value to match on, not a string.
    assert!(matches!(
        open_final.errors()[0].problem,
        Problem::StatusContradiction {
            why: contested::StatusConflict::OpenEndedFinal,
            ..
        }
    ));
    let json = r#"{"actors": [{"id": "a", "name": "A", "kind": "state"}],
        "events": [{"id": "e", "name": "E", "kind": "clash"}],
        "statements": [{"id": "s", "speaker": "a", "form": "paraphrase",
            "made": {"earliest": "2008-08-13T00:00:00Z", "latest": "2008-08-13T00:00:00Z"},
            "claims": [{"id": "c", "event": "e", "count": {"measure": "killed", "whose": "all",
                "category": "any", "estimate": "19 so far", "status": "final"}}]}]}"#;
    let err = Dossier::from_json(json).unwrap_err();
    let contested::LoadError::Invalid(errs) = &err else {
        panic!("{err}")
    };
    assert!(matches!(
        errs.errors()[0].problem,
        Problem::StatusContradiction {
            why: contested::StatusConflict::WordsSayOtherwise,
            ..
        }
    ));
    let err = err.to_string();
    assert!(
        err.contains("statements[0].claims[0].count.status")
            && err.contains("the words say otherwise"),
        "{err}"
    );
}

/// One party's count of its own dead, given by `organ` on day `d`.
#[derive(Debug, Clone)]
struct Count {
    organ: usize,
    d: u32,
    n: u64,
}

fn counts() -> impl Strategy<Value = Vec<Count>> {
    prop::collection::vec(
        (0usize..3, 1u32..28, 0u64..500).prop_map(|(organ, d, n)| Count { organ, d, n }),
        1..8,
    )
}

fn series(cs: &[Count], order: &[usize]) -> Dossier {
    let organs = ["ge-mod", "ge-health", "ge-gov"];
    order
        .iter()
        .fold(base(), |b, &i| {
            let c = &cs[i];
            b.statement(
                Statement::new(format!("s{i}"), organs[c.organ], day(c.d)).claim(killed(
                    &format!("c{i}"),
                    "georgia",
                    &c.n.to_string(),
                )),
            )
        })
        .build()
        .unwrap()
}

proptest! {
    /// Appending a later, larger running count of a growing measure from the same party
    /// never creates a conflict.
    #[test]
    fn a_later_larger_count_never_creates_a_conflict(cs in counts(), organ in 0usize..3, extra in 0u64..100) {
        let order: Vec<usize> = (0..cs.len()).collect();
        let before = Reconciler::new().reconcile(&series(&cs, &order));
        let max = cs.iter().map(|c| c.n).max().unwrap_or(0);
        let mut more = cs.clone();
        more.push(Count { organ, d: 28, n: max + extra });
        let order: Vec<usize> = (0..more.len()).collect();
        let after = Reconciler::new().reconcile(&series(&more, &order));
        let conflicts = |r: &contested::reconcile::Reconciliation| r.discrepancies().iter()
            .filter(|d| matches!(d, Discrepancy::NumericConflict { .. } | Discrepancy::Decrease { .. })).count();
        prop_assert!(conflicts(&after) <= conflicts(&before));
        prop_assert!(!numeric_conflict(&after, &key("georgia")));
    }

    /// A series read in any statement order gives the same result.
    #[test]
    fn a_series_in_any_order_reads_the_same(
        (cs, order) in counts().prop_flat_map(|cs| {
            let n = cs.len();
            (Just(cs), Just((0..n).collect::<Vec<_>>()).prop_shuffle())
        })
    ) {
        let sorted: Vec<usize> = (0..cs.len()).collect();
        prop_assert_eq!(
            Reconciler::new().reconcile(&series(&cs, &sorted)),
            Reconciler::new().reconcile(&series(&cs, &order))
        );
    }

    /// "Certainly made by t" never sees more than "may have been made by t".
    #[test]
    fn certainly_made_sees_no_more(cs in counts(), d in 1u32..29, h in 0u32..24) {
        let order: Vec<usize> = (0..cs.len()).collect();
        let dossier = series(&cs, &order);
        let t = format!("2008-08-{d:02}T{h:02}:00:00+04:00").parse().unwrap();
        let may = Reconciler::new().as_of(t).reconcile(&dossier);
        let certain = Reconciler::new().as_of(t).certainly_made().reconcile(&dossier);
        let ids = |r: &contested::reconcile::Reconciliation| r.evidence().claims().iter()
            .map(|c| c.claim.clone()).collect::<std::collections::BTreeSet<_>>();
        prop_assert!(ids(&certain).is_subset(&ids(&may)));
    }

    /// An explicit revision link never points forwards: a dossier with links loads
    /// exactly when every link points to a statement that may have been made earlier.
    #[test]
    fn revision_links_never_point_forwards(cs in counts(), links in prop::collection::vec((0usize..8, 0usize..8), 0..6)) {
        let order: Vec<usize> = (0..cs.len()).collect();
        let mut stmts: Vec<Statement> = series(&cs, &order).statements().to_vec();
        let n = stmts.len();
        let links: Vec<(usize, usize)> = links.into_iter().map(|(a, b)| (a % n, b % n)).filter(|(a, b)| a != b).collect();
        for &(a, b) in &links {
            let target = stmts[b].id.clone();
            stmts[a] = stmts[a].clone().revising(target);
        }
        let built = stmts.iter().cloned().fold(base(), |b, s| b.statement(s)).build();
        let forwards = links.iter().any(|&(a, b)| stmts[b].made.earliest() > stmts[a].made.latest());
        match built {
            Ok(d) => {
                prop_assert!(!forwards);
                for s in d.statements() {
                    for t in &s.revises {
                        let earlier = d.statement(t).expect("links resolve");
                        prop_assert!(earlier.made.earliest() <= s.made.latest());
                    }
                }
            }
            Err(e) => {
                let cycle = e.errors().iter().any(|x| matches!(x.problem, Problem::LinkCycle { .. }));
                prop_assert!(forwards || cycle);
            }
        }
    }
}

/// The best figure comes from what bears in full: two earlier counts, now floors, do not
/// pull it below the interval they are counted as supporting.
#[test]
fn floors_do_not_pull_the_best_figure_out_of_its_interval() {
    let d = base()
        .statement(Statement::new("ru", "russia", day(8)).claim(killed(
            "ru-k",
            "georgia",
            "between 10 and 50",
        )))
        .statement(Statement::new("ge", "ge-mod", day(8)).claim(killed("ge-k", "georgia", "20")))
        .statement(Statement::new("hrw", "hrw", day(10)).claim(killed(
            "hrw-k",
            "georgia",
            "between 100 and 300",
        )))
        .statement(Statement::new("ag", "agency", day(10)).claim(killed("ag-k", "georgia", "1000")))
        .build()
        .unwrap();
    let r = Reconciler::new().reconcile(&d);
    let f = r.figure(&key("georgia")).unwrap();
    assert!(numeric_conflict(&r, &key("georgia")));
    assert_eq!(f.best_supported.range.to_string(), "100..=300");
    assert_eq!(f.best, 200);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Law (rule 7, by brute force): a live count keeps its upper bound exactly when it
    /// is not earlier than the latest live count, when nothing could continue it (no
    /// other live count that does not come before it, and does not repeat what its
    /// origin said before, has a floor at or above its own, strictly above for the same
    /// origin), or when a live count of another origin on the same day has no count in
    /// common with it.
    #[test]
    fn running_floors_spare_counts_in_a_same_day_dispute(
        counts in prop::collection::vec((0usize..5, 8u32..=11, 0u64..40, 0u64..20), 1..8)
    ) {
        let speakers = ["ge-mod", "ge-health", "russia", "agency", "hrw"];
        let mut b = base();
        for (i, (s, d, lo, w)) in counts.iter().enumerate() {
            b = b.statement(Statement::new(format!("s{i}"), speakers[*s], day(*d)).claim(
                killed(&format!("c{i}"), "georgia", &format!("between {lo} and {}", lo + w)),
            ));
        }
        let r = Reconciler::new().reconcile(&b.build().unwrap());
        let f = r.figure(&key("georgia")).unwrap();
        let live: Vec<_> = f.live().collect();
        let latest = live.iter().map(|x| x.as_of.earliest()).max().unwrap();
        for x in &live {
            let earlier = x.as_of.earliest() < latest;
            let disputed = live.iter().any(|o| {
                o.origin != x.origin
                    && o.as_of.earliest() == x.as_of.earliest()
                    && o.range.intersect(&x.range).is_none()
            });
            // A repetition: its origin had said as much, certainly before it.
            let repeat = |o: &contested::reconcile::Reading| {
                f.readings.iter().any(|p| {
                    p.origin == o.origin
                        && p.as_of.latest() < o.as_of.earliest()
                        && p.range.lo() >= o.range.lo()
                })
            };
            let continued = live.iter().any(|o| {
                o.cite != x.cite
                    && o.as_of.latest() >= x.as_of.earliest()
                    && !repeat(o)
                    && if o.origin == x.origin {
                        o.range.lo() > x.range.lo()
                    } else {
                        o.range.lo() >= x.range.lo()
                    }
            });
            let keeps = !earlier || !continued || disputed;
            prop_assert_eq!(
                x.bearing.unwrap().hi().is_some(),
                keeps,
                "{} earlier {} continued {} disputed {}", x.cite.claim, earlier, continued, disputed
            );
        }
    }
}

/// Rule 8: a voice's vaguer restatement ("hundreds" years after "300") bears as the
/// figure it restates, so the voice's 300 still conflicts with another voice's "about
/// 600"; with the rule off, the vague words agree with everyone.
#[test]
fn a_vaguer_restatement_keeps_the_figure_it_restates() {
    let d = base()
        .statement(Statement::new("s1", "ge-health", day(10)).claim(killed("c1", "georgia", "300")))
        .statement(Statement::new("s2", "agency", day(12)).claim(killed(
            "c2",
            "georgia",
            "about 600",
        )))
        .statement(
            Statement::new("s3", "ge-gov", day(28)).claim(killed("c3", "georgia", "hundreds")),
        )
        .build()
        .unwrap();
    let r = Reconciler::new().reconcile(&d);
    let f = r.figure(&key("georgia")).unwrap();
    let c3 = f
        .readings
        .iter()
        .find(|x| x.cite.claim.as_str() == "c3")
        .unwrap();
    assert_eq!(c3.restates.as_ref().map(|c| c.as_str()), Some("c1"));
    assert_eq!(c3.bearing.map(|b| b.to_string()), Some("300".to_owned()));
    assert!(numeric_conflict(&r, &key("georgia")), "{r}");
    assert!(r.to_string().contains("restates c1: bears now as 300"));
    let off = Reconciler::new()
        .policy(Policy::default().with_restatements_keep(false))
        .reconcile(&d);
    assert!(!numeric_conflict(&off, &key("georgia")), "{off}");
    // An open-ended or different later figure is a revision, as before.
    for later in ["at least 200", "400"] {
        let d = base()
            .statement(
                Statement::new("s1", "ge-health", day(10)).claim(killed("c1", "georgia", "300")),
            )
            .statement(
                Statement::new("s3", "ge-gov", day(28)).claim(killed("c3", "georgia", later)),
            )
            .build()
            .unwrap();
        let r = Reconciler::new().reconcile(&d);
        let f = r.figure(&key("georgia")).unwrap();
        assert!(f.readings.iter().all(|x| x.restates.is_none()), "{later}");
    }
}

proptest! {
    /// Rule 8 as a law: whatever bounded words strictly containing a voice's figure it
    /// uses later, the voice's position is still that figure; and a restatement never
    /// widens what the figure allows (the envelope of the live bearings).
    #[test]
    fn a_restatement_never_widens_its_voices_figure(
        lo in 0u64..500, width in 0u64..50, below in 0u64..50, above in 1u64..500, left in any::<bool>(),
    ) {
        let said = if width == 0 { lo.to_string() } else { format!("between {lo} and {}", lo + width) };
        let (vlo, vhi) = if left { (lo.saturating_sub(below + 1), lo + width) } else { (lo.saturating_sub(below), lo + width + above) };
        prop_assume!(vlo < lo || vhi > lo + width);
        let vague = format!("between {vlo} and {vhi}");
        let d = base()
            .statement(Statement::new("s1", "ge-health", day(10)).claim(killed("c1", "georgia", &said)))
            .statement(Statement::new("s2", "ge-gov", day(20)).claim(killed("c2", "georgia", &vague)))
            .build()
            .unwrap();
        let r = Reconciler::new().reconcile(&d);
        let f = r.figure(&key("georgia")).unwrap();
        prop_assert_eq!(f.envelope, f.readings[0].range);
        prop_assert_eq!(f.low, lo);
        prop_assert_eq!(f.high, Some(lo + width));
    }
}

/// Rule 9: an adversary's claim is an earlier count only for its own voice. Russia's
/// "200" Georgian dead followed by Georgia's own "5" is a disagreement, not a decrease;
/// Russia lowering its own claim to "50" is one.
#[test]
fn an_adversary_claim_is_no_toll_another_voice_revises() {
    let decreases = |r: &contested::reconcile::Reconciliation| -> Vec<(String, String, bool)> {
        r.discrepancies()
            .iter()
            .filter_map(|d| match d {
                Discrepancy::Decrease {
                    earlier,
                    later,
                    same_voice,
                    ..
                } => Some((
                    earlier.claim.to_string(),
                    later.claim.to_string(),
                    *same_voice,
                )),
                _ => None,
            })
            .collect()
    };
    let d = base()
        .statement(Statement::new("s1", "russia", day(10)).claim(killed("ru1", "georgia", "200")))
        .statement(Statement::new("s2", "ge-health", day(12)).claim(killed("ge1", "georgia", "5")))
        .statement(
            Statement::new("s3", "ge-health", day(20)).claim(killed("ge2", "georgia", "110")),
        )
        .build()
        .unwrap();
    let r = Reconciler::new().reconcile(&d);
    assert!(decreases(&r).is_empty(), "{r}");
    assert!(numeric_conflict(&r, &key("georgia")));
    let d = base()
        .statement(Statement::new("s1", "russia", day(10)).claim(killed("ru1", "georgia", "200")))
        .statement(Statement::new("s2", "russia", day(12)).claim(killed("ru2", "georgia", "50")))
        .build()
        .unwrap();
    let r = Reconciler::new().reconcile(&d);
    assert_eq!(decreases(&r), [("ru1".to_owned(), "ru2".to_owned(), true)]);
}

/// Rule 7: a count below what its own origin said before is that origin disagreeing with
/// itself, not a running count that later counts continue. Russia's investigators' 162
/// after its diplomats' "at least 2,000" stays 162 beside a later third count of 365, so
/// the low end is the documented 162, not the 365 the floor would have let win.
#[test]
fn a_fall_within_one_origin_is_no_floor() {
    let d = base()
        .actor(
            Actor::new("ru-mfa", "Foreign Ministry", ActorKind::GovernmentBody).part_of("russia"),
        )
        .actor(
            Actor::new(
                "ru-ic",
                "Investigative Committee",
                ActorKind::GovernmentBody,
            )
            .part_of("russia"),
        )
        .statement(Statement::new("s1", "ru-mfa", day(10)).claim(killed(
            "mfa",
            "georgia",
            "at least 2000",
        )))
        .statement(Statement::new("s2", "ru-ic", day(20)).claim(killed("ic", "georgia", "162")))
        .statement(Statement::new("s3", "hrw", day(28)).claim(killed("ngo", "georgia", "365")))
        .build()
        .unwrap();
    let r = Reconciler::new().reconcile(&d);
    let f = r.figure(&key("georgia")).unwrap();
    let ic = f
        .readings
        .iter()
        .find(|x| x.cite.claim.as_str() == "ic")
        .unwrap();
    assert_eq!(ic.bearing, Some(ic.range), "{r}");
    assert_eq!(f.low, 162);
    assert_eq!(f.best, 365);
}

/// Rule 8 with rule 5: a word a statement has since corrected is not restated. "Between 3
/// and 9" after a "7" that another statement corrected bears as its own words.
#[test]
fn a_corrected_word_is_not_restated() {
    let d = base()
        .statement(Statement::new("s1", "ge-health", day(10)).claim(killed("c1", "georgia", "7")))
        .statement(Statement::new("s2", "ge-gov", day(20)).claim(killed(
            "c2",
            "georgia",
            "between 3 and 9",
        )))
        .statement(
            Statement::new("s3", "hrw", day(15))
                .revising("s1")
                .claim(killed("c3", "georgia", "6")),
        )
        .build()
        .unwrap();
    let r = Reconciler::new().reconcile(&d);
    let f = r.figure(&key("georgia")).unwrap();
    let c2 = f
        .readings
        .iter()
        .find(|x| x.cite.claim.as_str() == "c2")
        .unwrap();
    assert!(c2.restates.is_none(), "{r}");
    assert_eq!(c2.bearing.map(|b| b.to_string()), Some("3..=9".to_owned()));
}

/// A day `offset` days after 8 August 2008 (the war below ran from the 8th to the 12th).
fn after_start(offset: u32) -> TimeWindow {
    let start: chrono::DateTime<chrono::FixedOffset> = "2008-08-08T00:00:00+04:00".parse().unwrap();
    let d = start + chrono::TimeDelta::days(i64::from(offset));
    TimeWindow::new(d, d + chrono::TimeDelta::seconds(86_399)).unwrap()
}

proptest! {
    /// Rule 12 as a law: a count is settled exactly when it was made more than the
    /// policy's days after its event ended (never with `None`), and a settled count is
    /// never a snapshot that gives way nor made a floor by a later count: it bears what
    /// it said.
    #[test]
    fn a_settled_count_is_never_a_snapshot_nor_a_floor(
        counts in proptest::collection::vec((0usize..4, 0u32..120, 0u64..500), 1..8),
        settle in proptest::option::of(0u32..60),
    ) {
        let speakers = ["ge-mod", "ge-health", "agency", "hrw"];
        let war = Event::new("war", "War", EventKind::Clash)
            .with_side("georgia")
            .with_side("russia")
            .with_when(
                TimeWindow::new(
                    "2008-08-08T00:00:00+04:00".parse().unwrap(),
                    "2008-08-12T23:59:59+04:00".parse().unwrap(),
                )
                .unwrap(),
            );
        let d = counts
            .iter()
            .enumerate()
            .fold(
                Dossier::builder()
                    .actor(Actor::new("georgia", "Georgia", ActorKind::State))
                    .actor(Actor::new("ge-mod", "Defence Ministry", ActorKind::GovernmentBody).part_of("georgia"))
                    .actor(Actor::new("ge-health", "Health Ministry", ActorKind::GovernmentBody).part_of("georgia"))
                    .actor(Actor::new("russia", "Russia", ActorKind::State))
                    .actor(Actor::new("agency", "An agency", ActorKind::Agency))
                    .actor(Actor::new("hrw", "Human Rights Watch", ActorKind::Ngo))
                    .event(war),
                |b, (i, &(who, offset, n))| {
                    b.statement(
                        Statement::new(format!("s{i}"), speakers[who], after_start(offset))
                            .claim(killed(&format!("c{i}"), "georgia", &n.to_string())),
                    )
                },
            )
            .build()
            .unwrap();
        let r = Reconciler::new()
            .policy(Policy::default().with_settles_after(settle))
            .reconcile(&d);
        let end: chrono::DateTime<chrono::FixedOffset> = "2008-08-12T23:59:59+04:00".parse().unwrap();
        for f in r.figures() {
            for rd in &f.readings {
                let expected = settle.is_some_and(|days| {
                    rd.as_of.earliest() > end + chrono::TimeDelta::days(i64::from(days))
                });
                prop_assert_eq!(rd.settled, expected, "{}", rd.cite.claim);
                if rd.settled {
                    prop_assert!(!matches!(rd.status, Status::Overtaken { .. }), "{:?}", rd.status);
                    if let Some(b) = rd.bearing {
                        prop_assert_eq!(b.hi(), rd.range.hi(), "{} bears {}", rd.cite.claim, b);
                    }
                }
            }
        }
    }
}

/// Rule 12 on the case it decides (Galwan 2020): China's admission of 4 dead, eight
/// months after the clash, is not "4 or more" beside the later third-party figures; the
/// dispute is reported and the admission is the low end. With counts never settling,
/// the admission became a running floor and the dispute vanished.
#[test]
fn a_late_admission_is_a_position_not_a_running_floor() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/data/cases/galwan_2020.json"
    ))
    .unwrap();
    let d = Dossier::from_json(&text).unwrap();
    let k = QuantityKey::new(
        "galwan-clash",
        Measure::Killed,
        Whose::party("china"),
        Category::Military,
    );
    let r = Reconciler::new().reconcile(&d);
    let f = r.figure(&k).unwrap();
    assert!(f.consensus.is_none(), "{f}");
    assert_eq!((f.low, f.best, f.high), (4, 45, None), "{f}");
    assert!(r.discrepancies().iter().any(|x| matches!(
        x,
        Discrepancy::NumericConflict { key, .. } if *key == k
    )));
    let never = Reconciler::new()
        .policy(Policy::default().with_settles_after(None))
        .reconcile(&d);
    let f = never.figure(&k).unwrap();
    assert_eq!(f.consensus.map(|c| c.to_string()).as_deref(), Some("45.."));
}
