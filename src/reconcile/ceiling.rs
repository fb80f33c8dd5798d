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
use super::evidence::{Cite, Evidence};
use super::figure::{Figure, QuantityKey, Reading};

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

/// Sets every figure's [`Figure::ceilings`]: for each of its wholes that has a figure,
/// each current count of the whole that is bounded above, not denied, not a breakdown's
/// part, and by an origin that gives no current count of this key, when some of this
/// key's current counts are above it. At most [`MATCHES_SHOWN`] per figure, lowest
/// first. Linear in the figures: each key has a bounded number of wholes
/// ([`wholes::pairs`](super::wholes::pairs)), and each whole's counts are scanned once per part (times the
/// part's counts, for the origin check: both are one key's counts).
pub(crate) fn attach(ev: &Evidence, figures: &mut [Figure], pairs: &[(usize, usize)]) {
    if !ev.policy.wholes_cap_parts {
        return;
    }
    let mut found: Vec<(usize, Vec<Ceiling>)> = Vec::new();
    let mut ceilings: Vec<Ceiling> = Vec::new();
    let mut current = usize::MAX;
    let mut flush = |i: usize, ceilings: &mut Vec<Ceiling>| {
        if !ceilings.is_empty() {
            ceilings.sort_by(|a, b| {
                (a.at_most, &a.by.claim, &a.whole).cmp(&(b.at_most, &b.by.claim, &b.whole))
            });
            ceilings.truncate(MATCHES_SHOWN);
            found.push((i, std::mem::take(ceilings)));
        }
    };
    for &(i, j) in pairs {
        if i != current {
            flush(current, &mut ceilings);
            current = i;
        }
        let (part, whole) = (&figures[i], &figures[j]);
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
        // The lowest ceiling among the whole's counts is at least the consensus's
        // (unbounded: none has one), or the envelope's floor in a dispute.
        let lowest = match whole.consensus {
            Some(c) => c.hi(),
            None => Some(whole.envelope.lo()),
        };
        if !lowest.is_some_and(below) {
            continue;
        }
        let grows = ev.only_grows(&part.key.measure);
        for c in whole.live() {
            let Some(at_most) = c.bearing.and_then(|b| b.hi()) else {
                continue;
            };
            if !below(at_most)
                || c.part_of_breakdown.is_some()
                || whole.denied.iter().any(|(d, _)| *d == c.cite.claim)
                || part.live().any(|r| r.origin == c.origin)
            {
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
            }
        }
    }
    flush(current, &mut ceilings);
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
