//! Ceilings: a voice's count of a whole is also its word on each part.
//!
//! "No casualties or damage", said of everyone the strike could have killed, says that
//! none of the militants the other side claims to have killed died. The part-whole sums
//! check the figures, which merge every voice; when the whole is itself disputed it
//! enters them as the envelope of its counts, and the party's denial of the part is
//! lost. A [`Ceiling`] keeps it: a voice's bounded count of a whole, set against the
//! counts of a part by voices of other origins that it leaves no room for (DESIGN.md,
//! "Who is speaking", rule 7; [`Policy::wholes_cap_parts`](super::Policy::wholes_cap_parts)).
//!
//! ```
//! use contested::{Actor, ActorKind, Category, Claim, Dossier, Event, EventKind, Measure,
//!     Statement, TimeWindow, Whose};
//! use contested::reconcile::{Discrepancy, QuantityKey, Reconciler};
//!
//! let day = TimeWindow::day(2019, 2, 26)?;
//! let killed = |id: &str, whose: Whose, category: Category, n: &str| {
//!     Claim::count(id, "strike", Measure::Killed, whose, category, n.parse().unwrap())
//! };
//! let d = Dossier::builder()
//!     .actor(Actor::new("pakistan", "Pakistan", ActorKind::State))
//!     .actor(Actor::new("india", "India", ActorKind::State))
//!     .actor(Actor::new("jem", "JeM", ActorKind::ArmedGroup))
//!     .event(Event::new("strike", "Strike", EventKind::AerialAttack).with_side("india").with_side("jem"))
//!     .statement(Statement::new("pk", "pakistan", day.clone())
//!         .claim(killed("none", Whose::All, Category::Any, "0")))
//!     .statement(Statement::new("in", "india", day)
//!         .claim(killed("many", Whose::party("jem"), Category::Military, "more than 300")))
//!     .build()?;
//! let r = Reconciler::new().reconcile(&d);
//! let jem = r.figure(&QuantityKey::new("strike", Measure::Killed, Whose::party("jem"), Category::Military)).unwrap();
//! assert_eq!(jem.ceilings[0].by.claim, "none".into());
//! assert_eq!((jem.low, jem.best), (0, 301)); // Pakistan's word puts the low at 0
//! assert!(r.discrepancies().iter().any(|x| matches!(x, Discrepancy::CeilingConflict { .. })));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use serde::{Deserialize, Serialize};

use super::discrepancy::MATCHES_SHOWN;
use std::collections::HashMap;

use super::evidence::{Cite, Evidence, Origin};
use super::figure::{Figure, QuantityKey, Reading};
use crate::id::ClaimId;

/// A voice's count of a whole that leaves no room for some current counts of a part,
/// given by voices of other origins: the voice's word on the part is "at most
/// `at_most`".
///
/// ```
/// # use contested::reconcile::Reconciler;
/// let r = Reconciler::new().reconcile(&contested::Dossier::default());
/// assert!(r.figures().iter().all(|f| f.ceilings.iter().all(|c| !c.above.is_empty())));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Ceiling {
    /// The whole's key.
    pub whole: QuantityKey,
    /// The current count of the whole.
    pub by: Cite,
    /// Its upper bound, and so the most the part can be on that voice's word.
    pub at_most: u64,
    /// The part's current counts whose floor is above `at_most`, said no later than the
    /// count of the whole (for a measure that only grows) or at a time it may have been
    /// said (for one that can fall); never empty.
    pub above: Vec<Cite>,
}

/// Whether `part`, a count of a part, may be as of no later than `whole`, a count of
/// the whole (`grows`: the measure only grows, so a later count of the part can be
/// higher than an earlier whole), or as of a time `whole` may be as of too.
fn timely(part: &Reading, whole: &Reading, grows: bool) -> bool {
    part.as_of.earliest() <= whole.as_of.latest()
        && (grows || whole.as_of.earliest() <= part.as_of.latest())
}

/// How many of a whole's bounded counts, lowest first, are examined for each of its
/// parts: a part's own origin's counts of the whole and counts said too early or late
/// for it are skipped, and past this many the rest of the whole's counts are not
/// looked at for that part (so a part whose origin gave the lowest 32 counts of the
/// whole may miss a ceiling above them). It bounds the work per (part, whole) pair
/// whatever the number of counts of the whole.
const EXAMINED: usize = 4 * MATCHES_SHOWN;

/// Sets every figure's [`Figure::ceilings`]: for each of its wholes that has a figure,
/// each current count of the whole that is bounded above, not denied, not a breakdown's
/// part, and by an origin that gives no current count of this key, when some of this
/// key's current counts are above it. At most [`MATCHES_SHOWN`] per figure, lowest
/// first.
///
/// Cost: each whole's candidate counts are sorted once (`W log W` for `W` counts), each
/// part's origins once, and each (part, whole) pair examines at most [`EXAMINED`]
/// candidates, each against the part's counts: linear in the counts times a constant,
/// with a bounded number of wholes per key ([`wholes::pairs`](super::wholes::pairs)).
pub(crate) fn attach(ev: &Evidence, figures: &mut [Figure], pairs: &[(usize, usize)]) {
    if !ev.policy.wholes_cap_parts {
        return;
    }
    // Each whole's candidates, `(ceiling, reading)`, lowest first: made once per whole.
    let mut candidates: HashMap<usize, Vec<(u64, usize)>> = HashMap::new();
    let mut found: Vec<(usize, Vec<Ceiling>)> = Vec::new();
    for run in pairs.chunk_by(|a, b| a.0 == b.0) {
        let i = run[0].0;
        let part = &figures[i];
        // Only a count with a floor above 0 can be above a ceiling, and only a ceiling
        // below the highest floor of the part's counts can have any above it. That floor
        // is known without reading the counts again (a reading is hundreds of bytes, and
        // this pass would touch every one of them): it is the consensus's floor when the
        // counts agree, and no more than the envelope's ceiling when they do not.
        let top = match part.consensus {
            Some(c) => Some(c.lo()),
            None => part.envelope.hi(),
        };
        let below = |u: u64| top.is_none_or(|t| u < t);
        let mut origins: Option<Vec<&Origin>> = None;
        let mut ceilings: Vec<Ceiling> = Vec::new();
        for &(_, j) in run {
            let whole = &figures[j];
            // The lowest ceiling among the whole's counts is at least the consensus's
            // (unbounded: none has one), or the envelope's floor in a dispute.
            let lowest = match whole.consensus {
                Some(c) => c.hi(),
                None => Some(whole.envelope.lo()),
            };
            if !lowest.is_some_and(below) {
                continue;
            }
            let origins = origins.get_or_insert_with(|| {
                let mut o: Vec<&Origin> = part.live().map(|r| &r.origin).collect();
                o.sort_unstable();
                o.dedup();
                o
            });
            let list = candidates.entry(j).or_insert_with(|| {
                // `denied` is sorted by claim.
                let denied = |c: &ClaimId| whole.denied.binary_search_by(|(d, _)| d.cmp(c)).is_ok();
                let mut c: Vec<(u64, usize)> = whole
                    .readings
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| c.status.is_live() && c.part_of_breakdown.is_none())
                    .filter(|(_, c)| !denied(&c.cite.claim))
                    .filter_map(|(n, c)| c.bearing.and_then(|b| b.hi()).map(|u| (u, n)))
                    .collect();
                c.sort_unstable();
                c
            });
            let grows = ev.only_grows(&part.key.measure);
            let mut kept = 0;
            for &(at_most, n) in list.iter().take_while(|(u, _)| below(*u)).take(EXAMINED) {
                let c = &whole.readings[n];
                if origins.binary_search(&&c.origin).is_ok() {
                    continue;
                }
                let above: Vec<Cite> = part
                    .live()
                    .filter(|r| r.bearing.is_some_and(|b| b.lo() > at_most))
                    .filter(|r| timely(r, c, grows))
                    .map(|r| r.cite.clone())
                    .collect();
                if !above.is_empty() {
                    ceilings.push(Ceiling {
                        whole: whole.key.clone(),
                        by: c.cite.clone(),
                        at_most,
                        above,
                    });
                    kept += 1;
                    if kept == MATCHES_SHOWN {
                        break;
                    }
                }
            }
        }
        if !ceilings.is_empty() {
            ceilings.sort_by(|a, b| {
                (a.at_most, &a.by.claim, &a.whole).cmp(&(b.at_most, &b.by.claim, &b.whole))
            });
            ceilings.truncate(MATCHES_SHOWN);
            found.push((i, ceilings));
        }
    }
    for (i, c) in found {
        figures[i].ceilings = c;
    }
}

/// Lowers a figure's low to its lowest ceiling, never below what its party itself
/// admits (an admission of one's own losses outweighs another's total); the ceilings at
/// that value are then the conservative figure's reason.
pub(crate) fn lower(f: &mut Figure) {
    let Some(u) = f.ceilings.iter().map(|c| c.at_most).min() else {
        return;
    };
    let low = u.max(f.admitted.unwrap_or(0));
    if low < f.low {
        f.low = low;
        f.conservative_by = if low == u {
            f.ceilings
                .iter()
                .filter(|c| c.at_most == u)
                .map(|c| c.by.clone())
                .collect()
        } else {
            f.live()
                .filter(|r| r.bearing.is_some_and(|b| b.lo() == low))
                .map(|r| r.cite.clone())
                .collect()
        };
    }
}
