//! Ceilings: a voice's count of a whole is its word on each part (DESIGN.md, "Who is
//! speaking", rule 7), against an oracle written from the rule on two-statement
//! dossiers, and on the Balakot pattern.

use contested::reconcile::{Discrepancy, Policy, QuantityKey, Reconciler};
use contested::{
    Actor, ActorKind, Category, Claim, Dossier, Event, EventKind, Measure, Statement, TimeWindow,
    Whose,
};
use proptest::prelude::*;

fn day(d: u32) -> TimeWindow {
    TimeWindow::day(2019, 2, d).unwrap()
}

fn base() -> contested::DossierBuilder {
    Dossier::builder()
        .actor(Actor::new("india", "India", ActorKind::State))
        .actor(Actor::new("pakistan", "Pakistan", ActorKind::State))
        .actor(Actor::new("pk-ispr", "ISPR", ActorKind::ArmedForce).part_of("pakistan"))
        .actor(Actor::new("jem", "JeM", ActorKind::ArmedGroup))
        .actor(Actor::new("wire", "Wire", ActorKind::Agency))
        .event(
            Event::new("strike", "Strike", EventKind::AerialAttack)
                .with_side("india")
                .with_side("pakistan")
                .with_side("jem"),
        )
}

fn count(id: &str, measure: Measure, whose: Whose, category: Category, words: &str) -> Claim {
    Claim::count(
        id,
        "strike",
        measure,
        whose,
        category,
        words.parse().unwrap(),
    )
}

/// Words for `lo..=hi` (`hi` `None`: unbounded).
fn words(lo: u64, hi: Option<u64>) -> String {
    match hi {
        Some(h) if h == lo => format!("{lo}"),
        Some(h) if lo == 0 => format!("at most {h}"),
        Some(h) => format!("between {lo} and {h}"),
        None => format!("at least {lo}"),
    }
}

fn range() -> impl Strategy<Value = (u64, Option<u64>)> {
    (0u64..40, prop::option::of(0u64..40)).prop_map(|(a, b)| match b {
        Some(b) => (a.min(b), Some(a.max(b))),
        None => (a, None),
    })
}

const SPEAKERS: [&str; 5] = ["india", "pakistan", "pk-ispr", "jem", "wire"];

fn party(speaker: &str) -> &str {
    if speaker == "pk-ispr" {
        "pakistan"
    } else {
        speaker
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// One count of a whole and one of its part, by any two speakers, on any two days,
    /// of a measure that only grows or one that can fall: there is a ceiling exactly
    /// when the rule says so, and the part's low is then at most the ceiling.
    #[test]
    fn a_whole_caps_a_part_exactly_when_the_rule_says(
        w in 0usize..5, p in 0usize..5,
        (wlo, whi) in range(), (plo, phi) in range(),
        wday in 1u32..4, pday in 1u32..4,
        grows in any::<bool>(), whole_is_all in any::<bool>(), on in any::<bool>(),
    ) {
        let measure = if grows { Measure::Killed } else { Measure::Missing };
        // The whole: everyone's dead of any kind, or the JeM's of any kind; the part:
        // the JeM's fighters.
        let whole_whose = if whole_is_all { Whose::All } else { Whose::party("jem") };
        let d = base()
            .statement(Statement::new("sw", SPEAKERS[w], day(wday)).claim(count(
                "whole", measure.clone(), whole_whose.clone(), Category::Any, &words(wlo, whi),
            )))
            .statement(Statement::new("sp", SPEAKERS[p], day(pday)).claim(count(
                "part", measure.clone(), Whose::party("jem"), Category::Military, &words(plo, phi),
            )))
            .build()
            .unwrap();
        let r = Reconciler::new()
            .policy(Policy::default().with_wholes_cap_parts(on))
            .reconcile(&d);
        let part = r
            .figure(&QuantityKey::new("strike", measure, Whose::party("jem"), Category::Military))
            .unwrap();
        let timely = pday <= wday && (grows || pday == wday);
        let expected = on
            && party(SPEAKERS[w]) != party(SPEAKERS[p])
            && whi.is_some_and(|u| plo > u)
            && timely;
        prop_assert_eq!(!part.ceilings.is_empty(), expected, "{}", part);
        let ceiling_conflict = r.discrepancies().iter().any(|x| matches!(x, Discrepancy::CeilingConflict { .. }));
        let part_whole = r.discrepancies().iter().any(|x| matches!(x, Discrepancy::PartWholeConflict { .. }));
        if let Some(c) = part.ceilings.first() {
            prop_assert_eq!(Some(c.at_most), whi);
            prop_assert_eq!(c.by.claim.as_str(), "whole");
            prop_assert_eq!(part.low, c.at_most.max(part.admitted.unwrap_or(0)).min(plo));
            prop_assert!(ceiling_conflict);
            // The dispute is not settled by the sums: no part-whole conflict either.
            prop_assert!(!part_whole);
        } else {
            prop_assert!(!ceiling_conflict);
        }
    }
}

/// Pakistan's "no casualties or damage" of 26 February 2019: everyone's dead, 0.
fn no_casualties() -> Statement {
    Statement::new("b1", "pk-ispr", day(26)).claim(count(
        "none",
        Measure::Killed,
        Whose::All,
        Category::Any,
        "0",
    ))
}

/// Balakot, 26 February 2019: Pakistan's "no casualties" against unattributed reports
/// of more than 300 militants killed. The militants' figure is in conflict and its low
/// is Pakistan's word, 0; a later count (a week on, of a toll that only grows) is not
/// capped by it; and the party's own word on the part is not capped by its own whole.
#[test]
fn no_casualties_caps_the_militants_killed_that_day() {
    let jem = QuantityKey::new(
        "strike",
        Measure::Killed,
        Whose::party("jem"),
        Category::Military,
    );
    let d = base()
        .statement(no_casualties())
        .statement(Statement::new("b4", "wire", day(26)).claim(count(
            "300",
            Measure::Killed,
            Whose::party("jem"),
            Category::Military,
            "more than 300",
        )))
        .build()
        .unwrap();
    let r = Reconciler::new().reconcile(&d);
    let f = r.figure(&jem).unwrap();
    assert_eq!(f.ceilings.len(), 1);
    assert_eq!(f.ceilings[0].above[0].claim, "300".into());
    assert_eq!((f.low, f.best, f.high), (0, 301, None));
    assert_eq!(f.conservative_by[0].claim, "none".into());
    assert!(
        r.to_string()
            .contains("puts the whole strike/killed/all/any at most at 0")
    );
    // Off, the same dossier is a part-whole conflict and the low is the report's.
    let off = Reconciler::new()
        .policy(Policy::default().with_wholes_cap_parts(false))
        .reconcile(&d);
    assert_eq!(off.figure(&jem).unwrap().low, 301);
    assert!(
        off.discrepancies()
            .iter()
            .any(|x| matches!(x, Discrepancy::PartWholeConflict { .. }))
    );

    // A week later the toll may have grown: no ceiling on it.
    let later = base()
        .statement(no_casualties())
        .statement(
            Statement::new("b19", "india", TimeWindow::day(2019, 3, 3).unwrap()).claim(count(
                "250",
                Measure::Killed,
                Whose::party("jem"),
                Category::Military,
                "more than 250",
            )),
        )
        .build()
        .unwrap();
    let r = Reconciler::new().reconcile(&later);
    assert!(r.figure(&jem).unwrap().ceilings.is_empty());

    // Pakistan's own count of the part is its word on it, whatever it said of the whole.
    let own = base()
        .statement(no_casualties())
        .statement(Statement::new("b2", "pakistan", day(26)).claim(count(
            "two",
            Measure::Killed,
            Whose::party("jem"),
            Category::Military,
            "2",
        )))
        .build()
        .unwrap();
    let r = Reconciler::new().reconcile(&own);
    assert!(r.figure(&jem).unwrap().ceilings.is_empty());
}
