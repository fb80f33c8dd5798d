//! Counts at different times in the part-whole sums (DESIGN.md, "Running tolls", rule 7,
//! across keys; `reconcile::stale`): a sum holds at one time, so a count of a growing
//! measure certainly earlier than a count of a whole or part of its key enters the sums
//! as its floor, and the sums, which hold at the later time, raise its figure but
//! never lower it. Checked against an oracle written from the rule on two-statement
//! dossiers.

use contested::reconcile::{Discrepancy, Policy, QuantityKey, Reconciler};
use contested::{
    Actor, ActorKind, Category, Claim, Dossier, Event, EventKind, Measure, Statement, TimeWindow,
    Whose,
};
use proptest::prelude::*;

fn count(id: &str, measure: Measure, whose: Whose, category: Category, words: &str) -> Claim {
    Claim::count(id, "war", measure, whose, category, words.parse().unwrap())
}

/// Words for `lo..=hi` (`hi` `None`: unbounded).
fn words(lo: u64, hi: Option<u64>) -> String {
    match hi {
        Some(h) if h == lo => format!("{lo}"),
        Some(h) => format!("between {lo} and {h}"),
        None => format!("at least {lo}"),
    }
}

fn range() -> impl Strategy<Value = (u64, Option<u64>)> {
    (1u64..60, prop::option::of(0u64..60)).prop_map(|(a, b)| match b {
        Some(b) => (a.min(b), Some(a.max(b))),
        None => (a, None),
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// A count of everyone's dead and one of a side's soldiers, by two voices on two
    /// days: the earlier enters the sums as its floor exactly when it is bounded, the
    /// measure only grows, the other is certainly later and running floors are on; and
    /// a later part above an earlier whole is then no part-whole conflict.
    #[test]
    fn an_earlier_count_is_a_floor_in_the_sums(
        (wlo, whi) in range(), (plo, phi) in range(),
        wday in 1u32..4, pday in 1u32..4, grows in any::<bool>(), floors in any::<bool>(),
    ) {
        let measure = if grows { Measure::Killed } else { Measure::Missing };
        let day = |d: u32| TimeWindow::day(2008, 8, d).unwrap();
        let d = Dossier::builder()
            .actor(Actor::new("georgia", "Georgia", ActorKind::State))
            .actor(Actor::new("un", "UN", ActorKind::Intergovernmental))
            .event(Event::new("war", "War", EventKind::War).with_side("georgia"))
            .statement(Statement::new("w", "un", day(wday)).claim(count(
                "whole", measure.clone(), Whose::All, Category::Any, &words(wlo, whi),
            )))
            .statement(Statement::new("p", "georgia", day(pday)).claim(count(
                "part", measure.clone(), Whose::party("georgia"), Category::Military, &words(plo, phi),
            )))
            .build()
            .unwrap();
        let r = Reconciler::new()
            .policy(Policy::default().with_running_floors(floors))
            .reconcile(&d);
        let figure = |whose: Whose, category: Category| {
            r.figure(&QuantityKey::new("war", measure.clone(), whose, category)).unwrap()
        };
        let whole = figure(Whose::All, Category::Any);
        let part = figure(Whose::party("georgia"), Category::Military);
        let on = grows && floors;
        prop_assert_eq!(!whole.floors_in_sums.is_empty(), on && whi.is_some() && pday > wday);
        prop_assert_eq!(!part.floors_in_sums.is_empty(), on && phi.is_some() && wday > pday);
        let part_whole = r.discrepancies().iter().any(|x| matches!(x, Discrepancy::PartWholeConflict { .. }));
        if on && pday > wday {
            prop_assert!(!part_whole, "{:?}", r.discrepancies());
        }
        // The sums hold later and the measure only grows: they raise the earlier whole
        // to the later part's floor, and when that floor is above the whole's ceiling
        // the whole was outrun (its high is the sums', unbounded here: nobody counted
        // the other parts). They never lower a figure.
        if on && pday > wday && let Some(whi) = whi {
            prop_assert_eq!(whole.low, wlo.max(plo));
            prop_assert_eq!(whole.high, if plo > whi { None } else { Some(whi) });
            prop_assert_eq!(whole.raised_by_sums.is_some(), plo > wlo);
            prop_assert!(whole.low <= whole.best && whole.high.is_none_or(|h| whole.best <= h));
        } else {
            prop_assert!(whole.raised_by_sums.is_none());
        }
        // An earlier part is raised by nothing: the other parts of the whole are
        // unknown, so the whole's later count bounds the part from above only.
        prop_assert!(part.raised_by_sums.is_none());
    }
}
