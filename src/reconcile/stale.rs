//! Counts at different times in the part-whole sums.
//!
//! A sum holds at one time. A count of a growing measure bounds the toll from above
//! only as of its own time, so a count of a whole that is certainly earlier than a
//! count of one of its parts (or the other way round) cannot cap it: Georgia's 157
//! civilians wounded of 16 August 2008 subtracted from its "more than 2,000" wounded of
//! 2023 made at least 1,844 soldiers wounded, a figure nobody gave; Iran's "tens" of US
//! casualties of 9 January set against the Pentagon's 110 wounded of 21 February made a
//! part-whole conflict the analyst does not see. Such a count enters the sums as its
//! floor ([`Figure::floors_in_sums`]): what it said then still holds as a floor, since
//! the toll only grows. Within one key, the running-toll rules already decide which
//! counts are floors (DESIGN.md, "Running tolls", rule 7); this carries rule 7 across
//! the sums, under the same switch ([`Policy::running_floors`](super::Policy::running_floors)).
//!
//! ```
//! use contested::{Actor, ActorKind, Category, Claim, Dossier, Event, EventKind, Measure,
//!     Statement, TimeWindow, Whose};
//! use contested::reconcile::{Discrepancy, QuantityKey, Reconciler};
//!
//! let wounded = |id: &str, category: Category, n: &str| {
//!     Claim::count(id, "war", Measure::Wounded, Whose::party("georgia"), category, n.parse().unwrap())
//! };
//! let d = Dossier::builder()
//!     .actor(Actor::new("georgia", "Georgia", ActorKind::State))
//!     .event(Event::new("war", "War", EventKind::War).with_side("georgia"))
//!     .statement(Statement::new("early", "georgia", TimeWindow::day(2008, 8, 16)?)
//!         .claim(wounded("civilians", Category::Civilian, "157")))
//!     .statement(Statement::new("late", "georgia", TimeWindow::day(2023, 8, 8)?)
//!         .claim(wounded("all", Category::Any, "more than 2,000")))
//!     .build()?;
//! let r = Reconciler::new().reconcile(&d);
//! let civilians = r.figure(&QuantityKey::new("war", Measure::Wounded, Whose::party("georgia"), Category::Civilian)).unwrap();
//! assert_eq!(civilians.floors_in_sums[0].0, "civilians".into());
//! assert_eq!(civilians.floors_in_sums[0].1.claim, "all".into()); // the later count
//! // So no soldiers' figure is made by subtracting 2008's civilians from 2023's total.
//! assert!(r.derived().iter().all(|d| d.key.category != Category::Military));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::cmp::Reverse;

use chrono::{DateTime, FixedOffset};

use super::evidence::{Cite, Evidence};
use super::figure::{Figure, Reading};
use crate::id::ClaimId;

/// Whether a live count can lose its ceiling to a later count of a related key: it has
/// one, and it does not close its series (stated final or settled).
fn capping(r: &Reading) -> bool {
    r.status.is_live() && !r.closes_series() && r.bearing.is_some_and(|b| b.hi().is_some())
}

/// Sets every figure's [`Figure::floors_in_sums`]: its current counts, bounded above
/// and not final, that are certainly earlier (their as-of window ends before the other's
/// begins) than some current count of one of its wholes or parts, when both keys'
/// measures only grow. Linear in the figures, their readings and the pairs: each
/// figure's latest count is found once, and each key has a bounded number of wholes
/// ([`wholes::pairs`](super::wholes::pairs)).
pub(crate) fn attach(ev: &Evidence, figures: &mut [Figure], pairs: &[(usize, usize)]) {
    if !ev.policy.running_floors {
        return;
    }
    // Each figure's current count with the latest start, when its measure only grows
    // (`None`: it does not, or it has no current count), found when first needed: its
    // start and its index among the figure's readings.
    type Latest = Option<(DateTime<FixedOffset>, usize)>;
    let mut latest: Vec<Option<Latest>> = vec![None; figures.len()];
    let mut start = |i: usize, figures: &[Figure]| {
        *latest[i].get_or_insert_with(|| {
            let f = &figures[i];
            if !ev.only_grows(&f.key.measure) {
                return None;
            }
            f.readings
                .iter()
                .enumerate()
                .filter(|(_, r)| r.status.is_live())
                .map(|(n, r)| (r.as_of.earliest(), n))
                .max()
        })
    };
    // For each figure, the latest current count of a related key (its whole or a part):
    // its start, and its figure and reading (ties: the first figure, then reading). One
    // pass over the pairs, then one over each figure's readings: linear, however many
    // parts a whole has.
    type Later = (DateTime<FixedOffset>, Reverse<usize>, Reverse<usize>);
    let mut later: Vec<Option<Later>> = vec![None; figures.len()];
    for &(i, j) in pairs {
        let (Some((part_at, pn)), Some((whole_at, wn))) = (start(i, figures), start(j, figures))
        else {
            continue;
        };
        for (k, candidate) in [
            (i, (whole_at, Reverse(j), Reverse(wn))),
            (j, (part_at, Reverse(i), Reverse(pn))),
        ] {
            if later[k].is_none_or(|l| candidate > l) {
                later[k] = Some(candidate);
            }
        }
    }
    let found: Vec<(usize, Vec<(ClaimId, Cite)>)> = later
        .iter()
        .enumerate()
        .filter_map(|(k, l)| {
            let (at, Reverse(other), Reverse(n)) = (*l)?;
            let stale: Vec<(ClaimId, Cite)> = figures[k]
                .live()
                .filter(|r| capping(r) && r.as_of.latest() < at)
                .map(|r| {
                    (
                        r.cite.claim.clone(),
                        figures[other].readings[n].cite.clone(),
                    )
                })
                .collect();
            (!stale.is_empty()).then_some((k, stale))
        })
        .collect();
    for (k, mut stale) in found {
        stale.sort();
        figures[k].floors_in_sums = stale;
    }
}
