//! Bulk reconciliation: millions of count readings on compact integer ids, summarised
//! with exactly the rules of [`figure`](super::figure).
//!
//! The rich [`Reconciler`](super::Reconciler) keeps every reading with its words, relay
//! and citation. This module keeps 32 bytes per reading (key, speaker, time, range) and
//! computes, per key, the figures that scale: **positions** (each speaker's live readings
//! and revisions), the **envelope**, the **consensus** and whether the key is in
//! **conflict**.
//!
//! # Rules (those of [`Policy::per_speaker`](super::Policy::per_speaker))
//!
//! - per key, per speaker, the readings with the latest `made` are live; ties at the same
//!   time are all live; earlier ones are superseded and counted as revisions;
//! - envelope = hull of the live ranges; consensus = their intersection;
//! - a key is in conflict exactly when its consensus is empty.
//!
//! # Engine
//!
//! [`BulkLedger`] stores readings in fixed 32 KiB blocks (no growth copies, no
//! over-allocation). [`BulkLedger::summarize`] consumes it: a counting pass and a scatter
//! of whole readings into coarse key buckets (freeing each block as it is read, so memory
//! stays at one copy), then per bucket a counting sort by key inside the CPU cache, a
//! small sort of each key's readings by speaker, and one pass. No allocation per reading,
//! no hash map. Summaries are merged through [`BulkState`] (the partition-merge law), and
//! with the `rayon` feature [`BulkLedger::summarize_parallel`] partitions by key range.
//!
//! ```
//! use contested::CountRange;
//! use contested::reconcile::bulk::{BulkLedger, BulkReading};
//!
//! let mut ledger = BulkLedger::new();
//! // key 0: speaker 1 revised 49.. to 50; speaker 2 says 45..=60.
//! ledger.push(BulkReading::new(0, 1, 10, CountRange::at_least(49)));
//! ledger.push(BulkReading::new(0, 1, 20, CountRange::exact(50)));
//! ledger.push(BulkReading::new(0, 2, 15, "45..=60".parse()?));
//! // key 1: two speakers disagree.
//! ledger.push(BulkReading::new(1, 1, 10, CountRange::exact(3)));
//! ledger.push(BulkReading::new(1, 2, 10, CountRange::exact(9)));
//! let s = ledger.summarize();
//! let k0 = s.key(0).unwrap();
//! assert_eq!((k0.live, k0.superseded, k0.speakers), (2, 1, 2));
//! assert_eq!(k0.envelope.to_string(), "45..=60");
//! assert_eq!(k0.consensus, Some(CountRange::exact(50)));
//! assert_eq!(s.key(1).unwrap().consensus, None);
//! assert_eq!((s.claims(), s.key_count(), s.conflicts(), s.revisions()), (5, 2, 1, 1));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::cmp::Ordering;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::dossier::Dossier;
use crate::error::RangeError;
use crate::estimate::Interpretation;
use crate::range::CountRange;
use crate::reconcile::evidence::{ClaimRecord, Evidence};
use crate::reconcile::figure::{QuantityKey, readings_by_key};

/// The compact upper bound standing for "unbounded above". `lo..` and `lo..=u64::MAX`
/// hold the same `u64` counts, so the bulk engine does not tell them apart and always
/// reports such a bound as unbounded.
const UNBOUNDED: u64 = u64::MAX;

/// Readings per ledger block: 1 024 × 32 bytes = 32 KiB.
const BLOCK: usize = 1 << 10;

/// Default number of key bits resolved inside one coarse bucket (2 048 keys per bucket).
const FINE_BITS: u32 = 11;

/// At most this many coarse buckets (2^16), whatever the key range.
const COARSE_BITS_MAX: u32 = 16;

/// Groups up to this size are sorted by insertion.
const INSERTION_MAX: usize = 24;

fn range_of(lo: u64, hi: u64) -> CountRange {
    if hi == UNBOUNDED {
        CountRange::at_least(lo)
    } else {
        // lo <= hi holds for every stored pair; the fallback is never taken.
        CountRange::new(lo, Some(hi)).unwrap_or(CountRange::at_least(lo))
    }
}

/// One count reading in compact form: key, speaker, time said, and range, in 32 bytes.
///
/// Keys and speakers are dense `u32` ids chosen by the caller (or by
/// [`BulkLedger::from_dossier`]); `made` is any `i64` ordering of statement times (Unix
/// seconds, or a rank). An upper bound of `u64::MAX` is read as unbounded (`lo..` and
/// `lo..=u64::MAX` hold the same counts).
///
/// # Invariant
///
/// `lo <= hi`; the constructors take a [`CountRange`] or check the bounds.
///
/// ```
/// use contested::CountRange;
/// use contested::reconcile::bulk::BulkReading;
///
/// let r = BulkReading::new(7, 2, 1_663_027_200, CountRange::at_least(49));
/// assert_eq!((r.key(), r.speaker(), r.made()), (7, 2, 1_663_027_200));
/// assert_eq!(r.range().to_string(), "49..");
/// assert_eq!(std::mem::size_of::<BulkReading>(), 32);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct BulkReading {
    key: u32,
    speaker: u32,
    made: i64,
    lo: u64,
    hi: u64,
}

const _: () = assert!(std::mem::size_of::<BulkReading>() == 32);

impl BulkReading {
    const ZERO: BulkReading = BulkReading {
        key: 0,
        speaker: 0,
        made: 0,
        lo: 0,
        hi: 0,
    };

    /// A reading of `range` on `key` by `speaker` at time `made`.
    ///
    /// ```
    /// # use contested::{CountRange, reconcile::bulk::BulkReading};
    /// assert_eq!(BulkReading::new(0, 0, 0, CountRange::exact(5)).range(), CountRange::exact(5));
    /// ```
    pub fn new(key: u32, speaker: u32, made: i64, range: CountRange) -> Self {
        BulkReading {
            key,
            speaker,
            made,
            lo: range.lo(),
            hi: range.hi().unwrap_or(UNBOUNDED),
        }
    }

    /// A reading of `lo..=hi` (`lo..` when `hi` is `None`).
    ///
    /// # Errors
    ///
    /// [`RangeError::Inverted`] when `hi < lo`.
    ///
    /// ```
    /// # use contested::reconcile::bulk::BulkReading;
    /// assert_eq!(BulkReading::from_bounds(0, 0, 0, 40, Some(60))?.range().to_string(), "40..=60");
    /// assert!(BulkReading::from_bounds(0, 0, 0, 60, Some(40)).is_err());
    /// # Ok::<(), contested::RangeError>(())
    /// ```
    pub fn from_bounds(
        key: u32,
        speaker: u32,
        made: i64,
        lo: u64,
        hi: Option<u64>,
    ) -> Result<Self, RangeError> {
        Ok(BulkReading::new(
            key,
            speaker,
            made,
            CountRange::new(lo, hi)?,
        ))
    }

    /// The key.
    ///
    /// ```
    /// # use contested::{CountRange, reconcile::bulk::BulkReading};
    /// assert_eq!(BulkReading::new(3, 0, 0, CountRange::UNKNOWN).key(), 3);
    /// ```
    pub const fn key(&self) -> u32 {
        self.key
    }

    /// The speaker.
    ///
    /// ```
    /// # use contested::{CountRange, reconcile::bulk::BulkReading};
    /// assert_eq!(BulkReading::new(0, 4, 0, CountRange::UNKNOWN).speaker(), 4);
    /// ```
    pub const fn speaker(&self) -> u32 {
        self.speaker
    }

    /// When it was said (larger is later).
    ///
    /// ```
    /// # use contested::{CountRange, reconcile::bulk::BulkReading};
    /// assert_eq!(BulkReading::new(0, 0, -5, CountRange::UNKNOWN).made(), -5);
    /// ```
    pub const fn made(&self) -> i64 {
        self.made
    }

    /// The range (an upper bound of `u64::MAX` comes back unbounded).
    ///
    /// ```
    /// # use contested::{CountRange, reconcile::bulk::BulkReading};
    /// let r = BulkReading::from_bounds(0, 0, 0, 1, Some(u64::MAX))?;
    /// assert_eq!(r.range(), CountRange::at_least(1));
    /// # Ok::<(), contested::RangeError>(())
    /// ```
    pub fn range(&self) -> CountRange {
        range_of(self.lo, self.hi)
    }
}

/// One speaker's position on one key: the latest time it spoke, its live readings
/// (aggregated) and how many earlier readings they revised.
///
/// Positions are the mergeable state of the bulk engine (see [`BulkState`]): two
/// positions of the same speaker on the same key combine into the position of the union
/// of their readings.
///
/// ```
/// use contested::CountRange;
/// use contested::reconcile::bulk::{BulkLedger, BulkReading};
///
/// let ledger: BulkLedger = [
///     BulkReading::new(0, 1, 10, CountRange::exact(49)),
///     BulkReading::new(0, 1, 20, CountRange::exact(50)),
///     BulkReading::new(0, 1, 20, "45..=55".parse()?),
/// ].into_iter().collect();
/// let state = ledger.state();
/// let p = &state.positions()[0];
/// assert_eq!((p.key, p.speaker, p.made, p.live, p.revisions), (0, 1, 20, 2, 1));
/// assert_eq!(p.envelope().to_string(), "45..=55");
/// assert_eq!(p.consensus(), Some(CountRange::exact(50)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct BulkPosition {
    /// The key.
    pub key: u32,
    /// The speaker.
    pub speaker: u32,
    /// The latest time the speaker spoke on the key.
    pub made: i64,
    /// How many readings made at that time (all live); saturates at `u32::MAX`.
    pub live: u32,
    /// How many earlier readings were superseded; saturates at `u32::MAX`.
    pub revisions: u32,
    hull_lo: u64,
    hull_hi: u64,
    // The intersection of the live ranges; (1, 0) when empty.
    meet_lo: u64,
    meet_hi: u64,
}

impl BulkPosition {
    /// The position of one reading: live, no revisions, its range as hull and
    /// intersection.
    ///
    /// ```
    /// # use contested::{CountRange, reconcile::bulk::{BulkPosition, BulkReading}};
    /// let p = BulkPosition::of(&BulkReading::new(3, 1, 10, CountRange::exact(7)));
    /// assert_eq!((p.key, p.speaker, p.made, p.live, p.revisions), (3, 1, 10, 1, 0));
    /// assert_eq!(p.consensus(), Some(CountRange::exact(7)));
    /// ```
    pub fn of(r: &BulkReading) -> Self {
        BulkPosition {
            key: r.key,
            speaker: r.speaker,
            made: r.made,
            live: 1,
            revisions: 0,
            hull_lo: r.lo,
            hull_hi: r.hi,
            meet_lo: r.lo,
            meet_hi: r.hi,
        }
    }

    /// Combines with the position of the same speaker on the same key over other,
    /// disjoint readings: the merge that [`BulkState::merge`] applies to equal (key,
    /// speaker) pairs. Commutative and associative; counts saturate at `u32::MAX`.
    /// The key and speaker of `o` are not checked.
    ///
    /// ```
    /// # use contested::{CountRange, reconcile::bulk::{BulkPosition, BulkReading}};
    /// let mut p = BulkPosition::of(&BulkReading::new(0, 1, 10, CountRange::at_least(49)));
    /// p.absorb(&BulkPosition::of(&BulkReading::new(0, 1, 20, CountRange::exact(50))));
    /// assert_eq!((p.made, p.live, p.revisions), (20, 1, 1));
    /// assert_eq!(p.envelope(), CountRange::exact(50));
    /// ```
    #[inline]
    pub fn absorb(&mut self, o: &BulkPosition) {
        match o.made.cmp(&self.made) {
            Ordering::Greater => {
                let older = self.revisions.saturating_add(self.live);
                *self = BulkPosition {
                    revisions: o.revisions.saturating_add(older),
                    ..*o
                };
            }
            Ordering::Equal => {
                self.live = self.live.saturating_add(o.live);
                self.revisions = self.revisions.saturating_add(o.revisions);
                self.hull_lo = self.hull_lo.min(o.hull_lo);
                self.hull_hi = self.hull_hi.max(o.hull_hi);
                self.meet_lo = self.meet_lo.max(o.meet_lo);
                self.meet_hi = self.meet_hi.min(o.meet_hi);
                if self.meet_lo > self.meet_hi {
                    (self.meet_lo, self.meet_hi) = (1, 0);
                }
            }
            Ordering::Less => {
                self.revisions = self
                    .revisions
                    .saturating_add(o.revisions)
                    .saturating_add(o.live);
            }
        }
    }

    /// A position from its parts, the inverse of reading the public fields,
    /// [`envelope`](Self::envelope) and [`consensus`](Self::consensus): this is the
    /// stable fixed-width form of a position (two `u32` ids, an `i64`, two `u32` counts
    /// and two ranges), for storing partial states outside the crate (a query engine's
    /// aggregate state, a file) and merging them later with [`absorb`](Self::absorb).
    ///
    /// ```
    /// # use contested::{CountRange, reconcile::bulk::{BulkLedger, BulkPosition, BulkReading}};
    /// let s = BulkLedger::from_vec(vec![
    ///     BulkReading::new(0, 1, 10, CountRange::exact(3)),
    ///     BulkReading::new(0, 1, 20, CountRange::at_least(4)),
    /// ]).state();
    /// let p = s.positions()[0];
    /// let back = BulkPosition::from_parts(p.key, p.speaker, p.made, p.live, p.revisions, p.envelope(), p.consensus());
    /// assert_eq!(back, p);
    /// ```
    pub fn from_parts(
        key: u32,
        speaker: u32,
        made: i64,
        live: u32,
        revisions: u32,
        envelope: CountRange,
        consensus: Option<CountRange>,
    ) -> Self {
        let (meet_lo, meet_hi) = match consensus {
            Some(c) => (c.lo(), c.hi().unwrap_or(UNBOUNDED)),
            None => (1, 0),
        };
        BulkPosition {
            key,
            speaker,
            made,
            live,
            revisions,
            hull_lo: envelope.lo(),
            hull_hi: envelope.hi().unwrap_or(UNBOUNDED),
            meet_lo,
            meet_hi,
        }
    }

    /// The hull of the speaker's live ranges.
    ///
    /// ```
    /// # use contested::{CountRange, reconcile::bulk::{BulkLedger, BulkReading}};
    /// let s = BulkLedger::from_vec(vec![BulkReading::new(0, 0, 0, CountRange::at_least(3))]).state();
    /// assert_eq!(s.positions()[0].envelope(), CountRange::at_least(3));
    /// ```
    pub fn envelope(&self) -> CountRange {
        range_of(self.hull_lo, self.hull_hi)
    }

    /// The intersection of the speaker's live ranges, `None` when they are disjoint.
    ///
    /// ```
    /// # use contested::{CountRange, reconcile::bulk::{BulkLedger, BulkReading}};
    /// let s = BulkLedger::from_vec(vec![
    ///     BulkReading::new(0, 0, 0, CountRange::exact(3)),
    ///     BulkReading::new(0, 0, 0, CountRange::exact(4)),
    /// ]).state();
    /// assert_eq!(s.positions()[0].consensus(), None);
    /// ```
    pub fn consensus(&self) -> Option<CountRange> {
        (self.meet_lo <= self.meet_hi).then(|| range_of(self.meet_lo, self.meet_hi))
    }
}

/// Everything the bulk engine computes for one key.
///
/// Counts saturate at `u32::MAX` (a key would need over four billion readings).
///
/// ```
/// use contested::CountRange;
/// use contested::reconcile::bulk::{BulkLedger, BulkReading};
///
/// let s = BulkLedger::from_vec(vec![
///     BulkReading::new(9, 0, 1, CountRange::exact(50)),
///     BulkReading::new(9, 1, 1, CountRange::at_least(49)),
/// ]).summarize();
/// let k = s.key(9).unwrap();
/// assert_eq!((k.key, k.live, k.superseded, k.speakers), (9, 2, 0, 2));
/// assert_eq!(k.envelope, CountRange::at_least(49));
/// assert!(!k.is_conflict());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct KeySummary {
    /// The key.
    pub key: u32,
    /// Live readings.
    pub live: u32,
    /// Superseded readings (revisions).
    pub superseded: u32,
    /// Distinct speakers.
    pub speakers: u32,
    /// The hull of the live ranges.
    pub envelope: CountRange,
    /// The intersection of the live ranges; `None` is a numeric conflict.
    pub consensus: Option<CountRange>,
}

impl KeySummary {
    /// The summary of one key from its positions (non-empty, all on `key`).
    fn of(key: u32, positions: &[BulkPosition]) -> Self {
        let mut live = 0u32;
        let mut superseded = 0u32;
        let (mut hull_lo, mut hull_hi) = (u64::MAX, 0u64);
        let (mut meet_lo, mut meet_hi) = (0u64, u64::MAX);
        for p in positions {
            live = live.saturating_add(p.live);
            superseded = superseded.saturating_add(p.revisions);
            hull_lo = hull_lo.min(p.hull_lo);
            hull_hi = hull_hi.max(p.hull_hi);
            meet_lo = meet_lo.max(p.meet_lo);
            meet_hi = meet_hi.min(p.meet_hi);
        }
        KeySummary {
            key,
            live,
            superseded,
            speakers: u32::try_from(positions.len()).unwrap_or(u32::MAX),
            envelope: range_of(hull_lo, hull_hi.max(hull_lo)),
            consensus: (meet_lo <= meet_hi).then(|| range_of(meet_lo, meet_hi)),
        }
    }

    /// The summary of one speaker's position on its key (one speaker).
    ///
    /// Folding the positions of a key's distinct speakers with [`absorb`](Self::absorb)
    /// gives the key's summary, as [`BulkState::finish`] computes it.
    ///
    /// ```
    /// # use contested::{CountRange, reconcile::bulk::{BulkPosition, BulkReading, KeySummary}};
    /// let k = KeySummary::of_position(&BulkPosition::of(&BulkReading::new(2, 0, 0, CountRange::exact(5))));
    /// assert_eq!((k.key, k.live, k.superseded, k.speakers), (2, 1, 0, 1));
    /// ```
    pub fn of_position(p: &BulkPosition) -> Self {
        KeySummary::of(p.key, std::slice::from_ref(p))
    }

    /// Combines with the summary of the same key over other speakers (disjoint from
    /// this one's): counts add (saturating at `u32::MAX`), envelopes hull, consensuses
    /// intersect. Commutative and associative. The key of `o` is not checked.
    ///
    /// ```
    /// # use contested::{CountRange, reconcile::bulk::{BulkPosition, BulkReading, KeySummary}};
    /// let of = |speaker, n| KeySummary::of_position(&BulkPosition::of(&BulkReading::new(0, speaker, 0, CountRange::exact(n))));
    /// let mut k = of(0, 3);
    /// k.absorb(&of(1, 9));
    /// assert_eq!((k.live, k.speakers), (2, 2));
    /// assert_eq!(k.envelope.to_string(), "3..=9");
    /// assert!(k.is_conflict());
    /// ```
    pub fn absorb(&mut self, o: &KeySummary) {
        self.live = self.live.saturating_add(o.live);
        self.superseded = self.superseded.saturating_add(o.superseded);
        self.speakers = self.speakers.saturating_add(o.speakers);
        self.envelope = self.envelope.hull(&o.envelope);
        self.consensus = match (self.consensus, o.consensus) {
            (Some(a), Some(b)) => a.intersect(&b),
            _ => None,
        };
    }

    /// A summary from its parts (the public fields), for rebuilding summaries stored
    /// outside the crate.
    ///
    /// ```
    /// # use contested::{CountRange, reconcile::bulk::{BulkLedger, BulkReading, KeySummary}};
    /// let s = BulkLedger::from_vec(vec![BulkReading::new(4, 0, 0, CountRange::exact(1))]).summarize();
    /// let k = s.keys()[0];
    /// assert_eq!(KeySummary::from_parts(k.key, k.live, k.superseded, k.speakers, k.envelope, k.consensus), k);
    /// ```
    pub fn from_parts(
        key: u32,
        live: u32,
        superseded: u32,
        speakers: u32,
        envelope: CountRange,
        consensus: Option<CountRange>,
    ) -> Self {
        KeySummary {
            key,
            live,
            superseded,
            speakers,
            envelope,
            consensus,
        }
    }

    /// Whether the live readings conflict (empty consensus).
    ///
    /// ```
    /// # use contested::{CountRange, reconcile::bulk::{BulkLedger, BulkReading}};
    /// let s = BulkLedger::from_vec(vec![
    ///     BulkReading::new(0, 0, 0, CountRange::exact(3)),
    ///     BulkReading::new(0, 1, 0, CountRange::exact(9)),
    /// ]).summarize();
    /// assert!(s.keys()[0].is_conflict());
    /// ```
    pub fn is_conflict(&self) -> bool {
        self.consensus.is_none()
    }
}

/// The bulk summary: one [`KeySummary`] per key that has readings, ordered by key, and
/// totals.
///
/// ```
/// use contested::CountRange;
/// use contested::reconcile::bulk::{BulkLedger, BulkReading};
///
/// let s = BulkLedger::from_vec(vec![BulkReading::new(4, 0, 0, CountRange::exact(1))]).summarize();
/// assert_eq!(s.keys().len(), 1);
/// assert_eq!(s.key(4).map(|k| k.live), Some(1));
/// assert_eq!(s.key(5), None);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize)]
pub struct BulkSummary {
    keys: Vec<KeySummary>,
    claims: u64,
    conflicts: u64,
    revisions: u64,
}

impl BulkSummary {
    /// Totals from per-key summaries (ordered by key).
    fn from_keys(keys: Vec<KeySummary>) -> Self {
        let mut claims = 0u64;
        let mut conflicts = 0u64;
        let mut revisions = 0u64;
        for k in &keys {
            claims = claims
                .saturating_add(u64::from(k.live))
                .saturating_add(u64::from(k.superseded));
            revisions = revisions.saturating_add(u64::from(k.superseded));
            conflicts = conflicts.saturating_add(u64::from(k.is_conflict()));
        }
        BulkSummary {
            keys,
            claims,
            conflicts,
            revisions,
        }
    }

    /// Every key's summary, ordered by key.
    ///
    /// ```
    /// # use contested::reconcile::bulk::BulkLedger;
    /// assert!(BulkLedger::new().summarize().keys().is_empty());
    /// ```
    pub fn keys(&self) -> &[KeySummary] {
        &self.keys
    }

    /// The per-key summaries, by value.
    ///
    /// ```
    /// # use contested::reconcile::bulk::BulkLedger;
    /// assert!(BulkLedger::new().summarize().into_keys().is_empty());
    /// ```
    pub fn into_keys(self) -> Vec<KeySummary> {
        self.keys
    }

    /// The summary of `key`, if it has readings.
    ///
    /// ```
    /// # use contested::reconcile::bulk::BulkLedger;
    /// assert_eq!(BulkLedger::new().summarize().key(0), None);
    /// ```
    pub fn key(&self, key: u32) -> Option<&KeySummary> {
        self.keys
            .binary_search_by_key(&key, |k| k.key)
            .ok()
            .and_then(|i| self.keys.get(i))
    }

    /// How many readings were summarised, live and superseded.
    ///
    /// ```
    /// # use contested::reconcile::bulk::BulkLedger;
    /// assert_eq!(BulkLedger::new().summarize().claims(), 0);
    /// ```
    pub fn claims(&self) -> u64 {
        self.claims
    }

    /// How many keys have readings.
    ///
    /// ```
    /// # use contested::reconcile::bulk::BulkLedger;
    /// assert_eq!(BulkLedger::new().summarize().key_count(), 0);
    /// ```
    pub fn key_count(&self) -> usize {
        self.keys.len()
    }

    /// How many keys are in numeric conflict (empty consensus).
    ///
    /// ```
    /// # use contested::reconcile::bulk::BulkLedger;
    /// assert_eq!(BulkLedger::new().summarize().conflicts(), 0);
    /// ```
    pub fn conflicts(&self) -> u64 {
        self.conflicts
    }

    /// How many readings were superseded by a later reading of their speaker.
    ///
    /// ```
    /// # use contested::reconcile::bulk::BulkLedger;
    /// assert_eq!(BulkLedger::new().summarize().revisions(), 0);
    /// ```
    pub fn revisions(&self) -> u64 {
        self.revisions
    }
}

/// The mergeable state of a bulk reconciliation: every (key, speaker) position, ordered.
///
/// A speaker's latest time, live count, hull and intersection of live ranges, and
/// revision count are all that the summary needs and all combine exactly, so for any
/// split of the readings into disjoint parts A and B:
/// `summarize(A ∪ B) == state(A).merge(state(B)).finish()` (the partition-merge law).
///
/// ```
/// use contested::CountRange;
/// use contested::reconcile::bulk::{BulkLedger, BulkReading};
///
/// let a = vec![BulkReading::new(0, 1, 10, CountRange::at_least(49))];
/// let b = vec![BulkReading::new(0, 1, 20, CountRange::exact(50)), BulkReading::new(0, 2, 5, CountRange::exact(70))];
/// let whole: Vec<_> = a.iter().chain(&b).copied().collect();
/// let merged = BulkLedger::from_vec(a).state().merge(BulkLedger::from_vec(b).state());
/// assert_eq!(merged.finish(), BulkLedger::from_vec(whole).summarize());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct BulkState {
    positions: Vec<BulkPosition>,
}

impl BulkState {
    /// The state of no readings.
    ///
    /// ```
    /// # use contested::reconcile::bulk::BulkState;
    /// assert!(BulkState::new().positions().is_empty());
    /// ```
    pub fn new() -> Self {
        BulkState::default()
    }

    /// Every position, ordered by key then speaker.
    ///
    /// ```
    /// # use contested::reconcile::bulk::BulkState;
    /// assert_eq!(BulkState::new().positions().len(), 0);
    /// ```
    pub fn positions(&self) -> &[BulkPosition] {
        &self.positions
    }

    /// The state of the union of the readings behind `self` and `other`, which must be
    /// disjoint (a reading in both counts twice). Linear in the number of positions.
    ///
    /// ```
    /// # use contested::{CountRange, reconcile::bulk::{BulkLedger, BulkReading, BulkState}};
    /// let s = BulkLedger::from_vec(vec![BulkReading::new(0, 0, 0, CountRange::exact(1))]).state();
    /// assert_eq!(s.clone().merge(BulkState::new()), s);
    /// ```
    pub fn merge(self, other: BulkState) -> BulkState {
        let mut out =
            Vec::with_capacity(self.positions.len().saturating_add(other.positions.len()));
        let mut a = self.positions.into_iter().peekable();
        let mut b = other.positions.into_iter().peekable();
        loop {
            let next = match (a.peek(), b.peek()) {
                (Some(x), Some(y)) => match (x.key, x.speaker).cmp(&(y.key, y.speaker)) {
                    Ordering::Less => a.next(),
                    Ordering::Greater => b.next(),
                    Ordering::Equal => match (a.next(), b.next()) {
                        (Some(mut x), Some(y)) => {
                            x.absorb(&y);
                            Some(x)
                        }
                        (x, y) => x.or(y),
                    },
                },
                (Some(_), None) => a.next(),
                (None, _) => b.next(),
            };
            match next {
                Some(p) => out.push(p),
                None => break,
            }
        }
        BulkState { positions: out }
    }

    /// The summary of the readings behind this state.
    ///
    /// ```
    /// # use contested::reconcile::bulk::BulkState;
    /// assert_eq!(BulkState::new().finish().claims(), 0);
    /// ```
    pub fn finish(&self) -> BulkSummary {
        let keys = self
            .positions
            .chunk_by(|x, y| x.key == y.key)
            .map(|ps| KeySummary::of(ps[0].key, ps))
            .collect();
        BulkSummary::from_keys(keys)
    }
}

/// Per-run tuning of the engine (tests shrink it to exercise every path on small input).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tuning {
    /// Key bits resolved inside a coarse bucket.
    pub(crate) fine_bits: u32,
    /// Buckets larger than this are sorted in place instead of scattered into scratch.
    pub(crate) scratch_min: usize,
    /// Aim for at least this many readings per coarse bucket.
    pub(crate) min_per_bucket: usize,
}

impl Default for Tuning {
    fn default() -> Self {
        Tuning {
            fine_bits: FINE_BITS,
            scratch_min: 1 << 16,
            min_per_bucket: 1 << 10,
        }
    }
}

/// How keys are split: coarse bucket = `key >> shift`.
#[derive(Debug, Clone, Copy)]
struct Plan {
    shift: u32,
    buckets: usize,
    scratch_limit: usize,
}

impl Plan {
    fn new(max_key: u32, len: usize, t: Tuning) -> Self {
        let bits = u32::BITS - max_key.leading_zeros();
        let per_len = (len / t.min_per_bucket.max(1)).max(1).ilog2();
        let coarse = bits
            .saturating_sub(t.fine_bits)
            .min(COARSE_BITS_MAX)
            .min(per_len);
        let shift = bits - coarse;
        let top = max_key.checked_shr(shift).unwrap_or(0);
        let buckets = usize::try_from(top).map_or(1, |b| b.saturating_add(1));
        Plan {
            shift,
            buckets,
            scratch_limit: t.scratch_min.max(len / 16),
        }
    }

    #[inline]
    fn bucket(&self, key: u32) -> usize {
        // key <= max_key, so this is < buckets.
        key.checked_shr(self.shift).unwrap_or(0) as usize
    }
}

/// Reused per-thread buffers.
#[derive(Debug, Default)]
struct Scratch {
    starts: Vec<usize>,
    buf: Vec<BulkReading>,
    positions: Vec<BulkPosition>,
}

/// Moves blocks of readings into coarse buckets, each a list of blocks. Every ledger
/// block, once read, is recycled as bucket storage, so the readings are held once
/// throughout: the only extra memory is each bucket's last, partly filled block (bucket
/// blocks start small and double up to a ledger block, so sparse buckets stay small).
fn partition(blocks: Vec<Vec<BulkReading>>, plan: &Plan) -> Vec<Vec<Vec<BulkReading>>> {
    let mut out: Vec<Vec<Vec<BulkReading>>> = (0..plan.buckets).map(|_| Vec::new()).collect();
    let mut open: Vec<Vec<BulkReading>> = (0..plan.buckets).map(|_| Vec::new()).collect();
    let mut pool: Vec<Vec<BulkReading>> = Vec::new();
    for mut block in blocks {
        for r in &block {
            let b = plan.bucket(r.key);
            let (Some(cur), Some(done)) = (open.get_mut(b), out.get_mut(b)) else {
                continue;
            };
            if cur.len() == cur.capacity() {
                let want = (cur.capacity() * 2).clamp(4, BLOCK);
                let fresh = match pool.pop() {
                    Some(p) if want == BLOCK => p,
                    other => {
                        pool.extend(other);
                        Vec::with_capacity(want)
                    }
                };
                let full = std::mem::replace(cur, fresh);
                if !full.is_empty() {
                    done.push(full);
                }
            }
            cur.push(*r);
        }
        block.clear();
        if block.capacity() == BLOCK {
            pool.push(block);
        }
    }
    for (done, cur) in out.iter_mut().zip(open) {
        if !cur.is_empty() {
            done.push(cur);
        }
    }
    out
}

fn sort_by_speaker(g: &mut [BulkReading]) {
    if g.len() > INSERTION_MAX {
        g.sort_unstable_by_key(|r| r.speaker);
        return;
    }
    for i in 1..g.len() {
        let mut j = i;
        while j > 0 && g[j - 1].speaker > g[j].speaker {
            g.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// Positions and summary of one key's readings, sorted by speaker.
#[inline]
fn visit_group<F: FnMut(&KeySummary, &[BulkPosition])>(
    g: &[BulkReading],
    positions: &mut Vec<BulkPosition>,
    visit: &mut F,
) {
    let Some(first) = g.first() else { return };
    positions.clear();
    for run in g.chunk_by(|a, b| a.speaker == b.speaker) {
        let mut p = BulkPosition::of(&run[0]);
        for r in &run[1..] {
            p.absorb(&BulkPosition::of(r));
        }
        positions.push(p);
    }
    visit(&KeySummary::of(first.key, positions), positions);
}

/// Summarises one coarse bucket, given as one or more pieces, key by key in order.
fn process_bucket<F: FnMut(&KeySummary, &[BulkPosition])>(
    mut pieces: Vec<Vec<BulkReading>>,
    plan: &Plan,
    s: &mut Scratch,
    visit: &mut F,
) {
    let len: usize = pieces.iter().map(Vec::len).sum();
    if len == 0 {
        return;
    }
    let width = 1usize.checked_shl(plan.shift).unwrap_or(usize::MAX);
    // The counting array costs at most one word per reading.
    if len <= plan.scratch_limit && len >= width {
        // Counting sort by the key's low bits into scratch (in cache), then each key.
        let mask = (width - 1) as u32;
        s.starts.clear();
        s.starts.resize(width + 1, 0);
        for r in pieces.iter().flatten() {
            s.starts[(r.key & mask) as usize + 1] += 1;
        }
        for i in 1..=width {
            s.starts[i] += s.starts[i - 1];
        }
        if s.buf.len() < len {
            // Every slot below len is written by the scatter; slots above are stale.
            s.buf.resize(len, BulkReading::ZERO);
        }
        {
            // Next free slot per key: starts[k] advances; starts[k + 1] is k's end after.
            let next = &mut s.starts;
            for r in pieces.iter().flatten() {
                let k = (r.key & mask) as usize;
                s.buf[next[k]] = *r;
                next[k] += 1;
            }
        }
        drop(pieces);
        // Now starts[k] is the end of key k (and the start of k + 1).
        let mut start = 0;
        for k in 0..width {
            let end = s.starts[k];
            if end > start {
                let g = &mut s.buf[start..end];
                sort_by_speaker(g);
                visit_group(g, &mut s.positions, visit);
            }
            start = end;
        }
    } else {
        // Large or sparse bucket: sort in place by (key, speaker).
        let mut all = match pieces.len() {
            1 => pieces.pop().unwrap_or_default(),
            _ => {
                let mut all = Vec::with_capacity(len);
                for p in &mut pieces {
                    all.append(p);
                    *p = Vec::new();
                }
                all
            }
        };
        all.sort_unstable_by_key(|r| (u64::from(r.key) << 32) | u64::from(r.speaker));
        for g in all.chunk_by(|a, b| a.key == b.key) {
            visit_group(g, &mut s.positions, visit);
        }
    }
}

/// An append-only store of [`BulkReading`]s in fixed 32 KiB blocks: growing never copies
/// and never over-allocates by more than one block.
///
/// ```
/// use contested::CountRange;
/// use contested::reconcile::bulk::{BulkLedger, BulkReading};
///
/// let mut ledger = BulkLedger::new();
/// ledger.push(BulkReading::new(0, 0, 0, CountRange::exact(1)));
/// ledger.extend((1..100).map(|k| BulkReading::new(k, 0, 0, CountRange::exact(2))));
/// assert_eq!(ledger.len(), 100);
/// assert!(ledger.memory_bytes() >= 100 * 32);
/// assert_eq!(ledger.summarize().key_count(), 100);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BulkLedger {
    blocks: Vec<Vec<BulkReading>>,
    len: usize,
    max_key: u32,
}

impl BulkLedger {
    /// An empty ledger.
    ///
    /// ```
    /// # use contested::reconcile::bulk::BulkLedger;
    /// assert!(BulkLedger::new().is_empty());
    /// ```
    pub fn new() -> Self {
        BulkLedger::default()
    }

    /// A ledger holding `readings`. Large vectors are cut into blocks from the back,
    /// shrinking the vector as they go, so the readings are held about once throughout.
    ///
    /// ```
    /// # use contested::{CountRange, reconcile::bulk::{BulkLedger, BulkReading}};
    /// let l = BulkLedger::from_vec(vec![BulkReading::new(0, 0, 0, CountRange::exact(1)); 3]);
    /// assert_eq!(l.len(), 3);
    /// ```
    pub fn from_vec(mut readings: Vec<BulkReading>) -> Self {
        let len = readings.len();
        let max_key = readings.iter().map(|r| r.key).max().unwrap_or(0);
        let mut blocks = Vec::with_capacity(len.div_ceil(BLOCK));
        let mut since_shrink = 0usize;
        while readings.len() > BLOCK {
            let tail = readings.split_off(readings.len() - BLOCK);
            blocks.push(tail);
            since_shrink += BLOCK;
            if since_shrink >= 8 * BLOCK {
                readings.shrink_to_fit();
                since_shrink = 0;
            }
        }
        if !readings.is_empty() {
            readings.shrink_to_fit();
            blocks.push(readings);
        }
        blocks.reverse();
        BulkLedger {
            blocks,
            len,
            max_key,
        }
    }

    /// Appends one reading.
    ///
    /// ```
    /// # use contested::{CountRange, reconcile::bulk::{BulkLedger, BulkReading}};
    /// let mut l = BulkLedger::new();
    /// l.push(BulkReading::new(0, 0, 0, CountRange::exact(1)));
    /// assert_eq!(l.len(), 1);
    /// ```
    #[inline]
    pub fn push(&mut self, r: BulkReading) {
        self.max_key = self.max_key.max(r.key);
        self.len += 1;
        if let Some(b) = self.blocks.last_mut()
            && b.len() < b.capacity()
        {
            b.push(r);
            return;
        }
        let mut b = Vec::with_capacity(BLOCK);
        b.push(r);
        self.blocks.push(b);
    }

    /// How many readings it holds.
    ///
    /// ```
    /// # use contested::reconcile::bulk::BulkLedger;
    /// assert_eq!(BulkLedger::new().len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether it holds no reading.
    ///
    /// ```
    /// # use contested::reconcile::bulk::BulkLedger;
    /// assert!(BulkLedger::new().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The bytes it has allocated (blocks and their table); at most one block (32 KiB)
    /// more than 32 bytes per reading.
    ///
    /// ```
    /// # use contested::{CountRange, reconcile::bulk::{BulkLedger, BulkReading}};
    /// let l: BulkLedger = (0..1_000_000).map(|k| BulkReading::new(k, 0, 0, CountRange::exact(1))).collect();
    /// assert!(l.memory_bytes() < 33 * 1_000_000);
    /// ```
    pub fn memory_bytes(&self) -> usize {
        let block_bytes: usize = self
            .blocks
            .iter()
            .map(|b| b.capacity() * std::mem::size_of::<BulkReading>())
            .sum();
        block_bytes
            + self.blocks.capacity() * std::mem::size_of::<Vec<BulkReading>>()
            + std::mem::size_of::<Self>()
    }

    /// Every reading, block by block (in no particular order across blocks).
    ///
    /// ```
    /// # use contested::{CountRange, reconcile::bulk::{BulkLedger, BulkReading}};
    /// let l = BulkLedger::from_vec(vec![BulkReading::new(2, 0, 0, CountRange::exact(1))]);
    /// assert_eq!(l.iter().map(|r| r.key()).sum::<u32>(), 2);
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = &BulkReading> {
        self.blocks.iter().flatten()
    }

    /// Calls `visit` once per key with readings, in key order, with the key's summary and
    /// its positions (one per speaker, ordered by speaker). Consumes the ledger, freeing
    /// its blocks as they are read; memory stays near one copy of the readings.
    ///
    /// ```
    /// use contested::CountRange;
    /// use contested::reconcile::bulk::{BulkLedger, BulkReading};
    ///
    /// let l = BulkLedger::from_vec(vec![
    ///     BulkReading::new(0, 7, 1, CountRange::exact(49)),
    ///     BulkReading::new(0, 7, 2, CountRange::exact(50)),
    /// ]);
    /// let mut seen = Vec::new();
    /// l.for_each_key(|k, ps| seen.push((k.key, ps[0].speaker, ps[0].revisions)));
    /// assert_eq!(seen, [(0, 7, 1)]);
    /// ```
    pub fn for_each_key<F: FnMut(&KeySummary, &[BulkPosition])>(self, visit: F) {
        self.for_each_key_tuned(Tuning::default(), visit);
    }

    pub(crate) fn for_each_key_tuned<F: FnMut(&KeySummary, &[BulkPosition])>(
        self,
        tuning: Tuning,
        mut visit: F,
    ) {
        if self.len == 0 {
            return;
        }
        let plan = Plan::new(self.max_key, self.len, tuning);
        let buckets = partition(self.blocks, &plan);
        let mut s = Scratch::default();
        for pieces in buckets {
            process_bucket(pieces, &plan, &mut s, &mut visit);
        }
    }

    /// Summarises every key (see the [module docs](self) for the rules). Consumes the
    /// ledger; clone it first to keep it.
    ///
    /// ```
    /// # use contested::{CountRange, reconcile::bulk::{BulkLedger, BulkReading}};
    /// let s = BulkLedger::from_vec(vec![BulkReading::new(0, 0, 0, CountRange::exact(1))]).summarize();
    /// assert_eq!(s.claims(), 1);
    /// ```
    pub fn summarize(self) -> BulkSummary {
        self.summarize_tuned(Tuning::default())
    }

    pub(crate) fn summarize_tuned(self, tuning: Tuning) -> BulkSummary {
        let mut keys = Vec::new();
        self.for_each_key_tuned(tuning, |k, _| keys.push(*k));
        BulkSummary::from_keys(keys)
    }

    /// The mergeable state: every (key, speaker) position. See [`BulkState`].
    ///
    /// ```
    /// # use contested::{CountRange, reconcile::bulk::{BulkLedger, BulkReading}};
    /// let s = BulkLedger::from_vec(vec![BulkReading::new(0, 0, 0, CountRange::exact(1))]).state();
    /// assert_eq!(s.positions().len(), 1);
    /// ```
    pub fn state(self) -> BulkState {
        let mut positions = Vec::new();
        self.for_each_key(|_, ps| positions.extend_from_slice(ps));
        BulkState { positions }
    }

    /// [`summarize`](Self::summarize) on rayon's thread pool, with the same result.
    ///
    /// The blocks are split between threads, each scattering its share into its own
    /// coarse key buckets; the buckets (disjoint key ranges) are then summarised in
    /// parallel and concatenated in key order. Merging per-key summaries of disjoint key
    /// ranges is the partition-merge law on a key partition, which needs no
    /// per-speaker state. Below 65 536 readings, or on one thread, it runs
    /// [`summarize`](Self::summarize).
    ///
    /// ```
    /// # use contested::{CountRange, reconcile::bulk::{BulkLedger, BulkReading}};
    /// let l: BulkLedger = (0..100_000u32).map(|i| BulkReading::new(i % 9_000, i % 7, i64::from(i % 3), CountRange::exact(u64::from(i % 5)))).collect();
    /// assert_eq!(l.clone().summarize_parallel(), l.summarize());
    /// ```
    #[cfg(feature = "rayon")]
    #[cfg_attr(docsrs, doc(cfg(feature = "rayon")))]
    pub fn summarize_parallel(self) -> BulkSummary {
        self.summarize_parallel_tuned(Tuning::default(), 1 << 16)
    }

    #[cfg(feature = "rayon")]
    pub(crate) fn summarize_parallel_tuned(self, tuning: Tuning, min_len: usize) -> BulkSummary {
        use rayon::prelude::*;

        let threads = rayon::current_num_threads();
        if self.len < min_len || threads < 2 {
            return self.summarize_tuned(tuning);
        }
        let plan = Plan::new(self.max_key, self.len, tuning);
        // Split the blocks into one owned share per thread, balanced by readings.
        let per_share = self.len.div_ceil(threads).max(1);
        let mut shares: Vec<Vec<Vec<BulkReading>>> = vec![Vec::new()];
        let mut filled = 0usize;
        for b in self.blocks {
            if filled >= per_share {
                shares.push(Vec::new());
                filled = 0;
            }
            filled += b.len();
            if let Some(s) = shares.last_mut() {
                s.push(b);
            }
        }
        let parts: Vec<Vec<Vec<Vec<BulkReading>>>> = shares
            .into_par_iter()
            .map(|blocks| partition(blocks, &plan))
            .collect();
        let mut per_bucket: Vec<Vec<Vec<BulkReading>>> = (0..plan.buckets)
            .map(|_| Vec::with_capacity(parts.len()))
            .collect();
        for part in parts {
            for (slot, pieces) in per_bucket.iter_mut().zip(part) {
                slot.extend(pieces);
            }
        }
        let keys: Vec<Vec<KeySummary>> = per_bucket
            .into_par_iter()
            .map_init(Scratch::default, |s, pieces| {
                let mut out = Vec::new();
                process_bucket(
                    pieces,
                    &plan,
                    s,
                    &mut |k: &KeySummary, _: &[BulkPosition]| out.push(*k),
                );
                out
            })
            .collect();
        BulkSummary::from_keys(keys.concat())
    }
}

impl Extend<BulkReading> for BulkLedger {
    fn extend<I: IntoIterator<Item = BulkReading>>(&mut self, iter: I) {
        for r in iter {
            self.push(r);
        }
    }
}

impl FromIterator<BulkReading> for BulkLedger {
    fn from_iter<I: IntoIterator<Item = BulkReading>>(iter: I) -> Self {
        let mut l = BulkLedger::new();
        l.extend(iter);
        l
    }
}

pub use super::evidence::Voice;

/// Who a bulk speaker id stands for: supersession is per speaker, and an unattributed
/// claim is attributed to its own statement (unattributed claims never supersede each
/// other), as in [`Policy::per_speaker`](super::Policy::per_speaker).
fn voice_of(rec: &ClaimRecord) -> Voice {
    rec.voice_under(super::Supersession::Speaker, false)
}

/// What the `u32` ids and `i64` times of a ledger built from a dossier stand for.
///
/// Key ids follow [`QuantityKey`] order (so bulk summaries come out in the order of
/// [`Reconciliation::figures`](super::Reconciliation::figures)); speaker ids follow
/// [`Voice`] order; `made` is the rank of the statement's time window (earliest start,
/// then latest end), so equal windows tie exactly as in the rich model.
///
/// ```
/// use contested::{Actor, ActorKind, Category, Claim, Dossier, Event, EventKind, Interpretation, Measure, Statement, TimeWindow, Whose};
/// use contested::reconcile::QuantityKey;
/// use contested::reconcile::bulk::{BulkLedger, Voice};
///
/// let at = |s: &str| TimeWindow::instant(s.parse().unwrap());
/// let d = Dossier::builder()
///     .actor(Actor::new("a", "A", ActorKind::State))
///     .event(Event::new("e", "E", EventKind::Clash))
///     .statement(Statement::new("s1", "a", at("2022-09-13T10:00:00Z"))
///         .claim(Claim::count("c1", "e", Measure::Killed, Whose::All, Category::Any, "49".parse()?)))
///     .build()?;
/// let (ledger, names) = BulkLedger::from_dossier(&d, &Interpretation::default())?;
/// let key = QuantityKey::new("e", Measure::Killed, Whose::All, Category::Any);
/// assert_eq!(names.key_id(&key), Some(0));
/// assert_eq!(names.key(0), Some(&key));
/// assert_eq!(names.voice(0), Some(&Voice::Speaker("a".into())));
/// assert_eq!(names.voice_id(&Voice::Speaker("a".into())), Some(0));
/// assert_eq!(names.made(0).map(|(from, _)| from.to_rfc3339()), Some("2022-09-13T10:00:00+00:00".into()));
/// assert_eq!(ledger.summarize().key(0).unwrap().live, 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Interner {
    keys: Vec<QuantityKey>,
    voices: Vec<Voice>,
    times: Vec<(DateTime<FixedOffset>, DateTime<FixedOffset>)>,
}

impl Interner {
    /// The key with id `id`.
    pub fn key(&self, id: u32) -> Option<&QuantityKey> {
        self.keys.get(usize::try_from(id).ok()?)
    }

    /// The id of `key`, if it has readings.
    pub fn key_id(&self, key: &QuantityKey) -> Option<u32> {
        let i = self.keys.binary_search(key).ok()?;
        u32::try_from(i).ok()
    }

    /// Every key, by id.
    pub fn keys(&self) -> &[QuantityKey] {
        &self.keys
    }

    /// The voice with speaker id `id`.
    pub fn voice(&self, id: u32) -> Option<&Voice> {
        self.voices.get(usize::try_from(id).ok()?)
    }

    /// The speaker id of `voice`.
    pub fn voice_id(&self, voice: &Voice) -> Option<u32> {
        let i = self.voices.binary_search(voice).ok()?;
        u32::try_from(i).ok()
    }

    /// The time window (earliest, latest) of rank `made`.
    pub fn made(&self, made: i64) -> Option<(DateTime<FixedOffset>, DateTime<FixedOffset>)> {
        self.times.get(usize::try_from(made).ok()?).copied()
    }
}

/// Why a dossier could not be turned into a bulk ledger.
///
/// ```
/// use contested::reconcile::bulk::BulkError;
///
/// use contested::reconcile::bulk::BulkIds;
///
/// let err = BulkError::TooMany { what: BulkIds::Keys };
/// assert_eq!(err.to_string(), "more than 2^32 distinct keys: bulk ids are u32");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BulkError {
    /// More distinct keys or speakers than `u32` ids can name.
    #[error("more than 2^32 distinct {what}: bulk ids are u32")]
    TooMany {
        /// Keys or speakers.
        what: BulkIds,
    },
}

/// What a bulk ledger numbers with `u32` ids ([`BulkError::TooMany`]).
///
/// ```
/// use contested::reconcile::bulk::BulkIds;
///
/// assert_eq!(BulkIds::Speakers.to_string(), "speakers");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum BulkIds {
    /// Quantity keys.
    Keys,
    /// Speakers.
    Speakers,
}

impl std::fmt::Display for BulkIds {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            BulkIds::Keys => "keys",
            BulkIds::Speakers => "speakers",
        })
    }
}

impl BulkLedger {
    /// The count readings of `dossier` (all statements) read under `how`, as a ledger,
    /// with the names behind its ids. Readings are those of the rich model, breakdown
    /// parts included, so `summarize` agrees with
    /// [`Reconciler`](super::Reconciler)'s figures on envelope, consensus and live /
    /// superseded counts.
    ///
    /// # Errors
    ///
    /// [`BulkError::TooMany`] with more than 2^32 keys or speakers.
    ///
    /// ```
    /// # use contested::{Dossier, Interpretation, reconcile::bulk::BulkLedger};
    /// let (l, names) = BulkLedger::from_dossier(&Dossier::default(), &Interpretation::default())?;
    /// assert!(l.is_empty() && names.keys().is_empty());
    /// # Ok::<(), contested::reconcile::bulk::BulkError>(())
    /// ```
    pub fn from_dossier(
        dossier: &Dossier,
        how: &Interpretation,
    ) -> Result<(BulkLedger, Interner), BulkError> {
        BulkLedger::from_evidence(&Evidence::gather(
            dossier,
            None,
            how.clone(),
            super::Policy::per_speaker(),
        ))
    }

    /// As [`from_dossier`](Self::from_dossier), from gathered evidence (which carries an
    /// as-of time and interpretation): `Reconciler::new().as_of(t).reconcile(&d).evidence()`.
    ///
    /// # Errors
    ///
    /// [`BulkError::TooMany`] with more than 2^32 keys or speakers.
    ///
    /// ```
    /// # use contested::{Dossier, reconcile::{Reconciler, bulk::BulkLedger}};
    /// let r = Reconciler::new().reconcile(&Dossier::default());
    /// let (l, _) = BulkLedger::from_evidence(r.evidence())?;
    /// assert!(l.is_empty());
    /// # Ok::<(), contested::reconcile::bulk::BulkError>(())
    /// ```
    pub fn from_evidence(ev: &Evidence) -> Result<(BulkLedger, Interner), BulkError> {
        let by_key = readings_by_key(ev);
        let mut voices: Vec<Voice> = ev.claims.iter().map(voice_of).collect();
        voices.sort_unstable();
        voices.dedup();
        let mut times: Vec<_> = ev.claims.iter().map(ClaimRecord::made_key).collect();
        times.sort_unstable();
        times.dedup();
        if u32::try_from(voices.len()).is_err() {
            return Err(BulkError::TooMany {
                what: BulkIds::Speakers,
            });
        }
        let mut ledger = BulkLedger::new();
        for (ki, (_, readings)) in by_key.iter().enumerate() {
            let key = u32::try_from(ki).map_err(|_| BulkError::TooMany {
                what: BulkIds::Keys,
            })?;
            for (reading, idx) in readings {
                let Some(rec) = ev.claims.get(*idx) else {
                    continue;
                };
                let speaker = voices
                    .binary_search(&voice_of(rec))
                    .ok()
                    .and_then(|i| u32::try_from(i).ok());
                let made = times
                    .binary_search(&rec.made_key())
                    .ok()
                    .and_then(|i| i64::try_from(i).ok());
                if let (Some(speaker), Some(made)) = (speaker, made) {
                    ledger.push(BulkReading::new(key, speaker, made, reading.range));
                }
            }
        }
        let keys = by_key.into_iter().map(|(k, _)| k).collect();
        Ok((
            ledger,
            Interner {
                keys,
                voices,
                times,
            },
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn reading() -> impl Strategy<Value = BulkReading> {
        (
            0u32..40,
            0u32..4,
            0i64..4,
            0u64..20,
            prop::option::weighted(0.8, 0u64..12),
        )
            .prop_map(|(key, speaker, made, lo, width)| BulkReading {
                key,
                speaker,
                made,
                lo,
                hi: width.map_or(UNBOUNDED, |w| lo + w),
            })
    }

    /// The rules written the obvious way: per key, per speaker, filter to the latest.
    fn naive(rs: &[BulkReading]) -> BulkSummary {
        use std::collections::BTreeMap;
        let mut by_key: BTreeMap<u32, Vec<BulkReading>> = BTreeMap::new();
        for r in rs {
            by_key.entry(r.key).or_default().push(*r);
        }
        let keys = by_key
            .into_iter()
            .map(|(key, rs)| {
                let mut latest: BTreeMap<u32, i64> = BTreeMap::new();
                for r in &rs {
                    let e = latest.entry(r.speaker).or_insert(r.made);
                    *e = (*e).max(r.made);
                }
                let live: Vec<CountRange> = rs
                    .iter()
                    .filter(|r| latest.get(&r.speaker) == Some(&r.made))
                    .map(BulkReading::range)
                    .collect();
                KeySummary {
                    key,
                    live: live.len() as u32,
                    superseded: (rs.len() - live.len()) as u32,
                    speakers: latest.len() as u32,
                    envelope: crate::reconcile::interval::envelope(&live).unwrap_or_default(),
                    consensus: crate::reconcile::interval::consensus(&live),
                }
            })
            .collect();
        BulkSummary::from_keys(keys)
    }

    fn tunings() -> [Tuning; 3] {
        [
            Tuning::default(),
            // Several coarse buckets, counting path.
            Tuning {
                fine_bits: 2,
                scratch_min: 1 << 16,
                min_per_bucket: 1,
            },
            // In-place sort path.
            Tuning {
                fine_bits: 3,
                scratch_min: 0,
                min_per_bucket: 1,
            },
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        #[test]
        fn matches_the_naive_rules(rs in prop::collection::vec(reading(), 0..120)) {
            let want = naive(&rs);
            for t in tunings() {
                prop_assert_eq!(&BulkLedger::from_vec(rs.clone()).summarize_tuned(t), &want);
            }
        }

        #[test]
        fn partition_merge(rs in prop::collection::vec(reading(), 0..120), mask in any::<u128>()) {
            let (a, b): (Vec<_>, Vec<_>) = rs.iter().enumerate().partition(|(i, _)| mask >> (i % 128) & 1 == 1);
            let a: Vec<BulkReading> = a.into_iter().map(|(_, r)| *r).collect();
            let b: Vec<BulkReading> = b.into_iter().map(|(_, r)| *r).collect();
            let merged = BulkLedger::from_vec(a).state().merge(BulkLedger::from_vec(b).state());
            prop_assert_eq!(merged.finish(), BulkLedger::from_vec(rs).summarize());
        }

        #[test]
        fn key_fold_and_parts_match_finish(rs in prop::collection::vec(reading(), 0..120)) {
            let state = BulkLedger::from_vec(rs.clone()).state();
            let mut folded: Vec<KeySummary> = Vec::new();
            for p in state.positions() {
                let q = BulkPosition::from_parts(p.key, p.speaker, p.made, p.live, p.revisions, p.envelope(), p.consensus());
                prop_assert_eq!(&q, p);
                let k = KeySummary::of_position(&q);
                match folded.last_mut() {
                    Some(last) if last.key == k.key => last.absorb(&k),
                    _ => folded.push(k),
                }
            }
            prop_assert_eq!(folded, BulkLedger::from_vec(rs).summarize().into_keys());
        }

        #[test]
        fn order_independent(rs in prop::collection::vec(reading(), 0..80)) {
            let mut rev = rs.clone();
            rev.reverse();
            prop_assert_eq!(BulkLedger::from_vec(rev).summarize(), BulkLedger::from_vec(rs).summarize());
        }
    }

    #[cfg(feature = "rayon")]
    proptest! {
        #![proptest_config(ProptestConfig::with_cases(50))]

        #[test]
        fn parallel_equals_sequential(rs in prop::collection::vec(reading(), 0..300)) {
            let want = naive(&rs);
            for t in tunings() {
                let mut l = BulkLedger::new();
                // Tiny blocks so that every thread gets a share.
                for chunk in rs.chunks(7) {
                    l.blocks.push(chunk.to_vec());
                }
                l.len = rs.len();
                l.max_key = rs.iter().map(|r| r.key).max().unwrap_or(0);
                prop_assert_eq!(&l.summarize_parallel_tuned(t, 0), &want);
            }
        }
    }

    #[test]
    fn from_vec_cuts_blocks_and_keeps_every_reading() {
        let rs: Vec<BulkReading> = (0..(3 * BLOCK + 5) as u32)
            .map(|i| BulkReading::new(i % 1000, i % 3, 0, CountRange::exact(1)))
            .collect();
        let l = BulkLedger::from_vec(rs.clone());
        assert_eq!(l.blocks.len(), 4);
        assert_eq!(l.len(), rs.len());
        let mut got: Vec<_> = l.iter().copied().collect();
        got.sort_by_key(|r| (r.key, r.speaker));
        let mut want = rs;
        want.sort_by_key(|r| (r.key, r.speaker));
        assert_eq!(got, want);
    }

    #[test]
    fn extreme_keys_and_bounds() {
        let rs = vec![
            BulkReading::new(u32::MAX, u32::MAX, i64::MAX, CountRange::exact(u64::MAX)),
            BulkReading::new(u32::MAX, u32::MAX, i64::MIN, CountRange::UNKNOWN),
            BulkReading::new(0, 0, 0, CountRange::at_least(u64::MAX)),
        ];
        let s = BulkLedger::from_vec(rs).summarize();
        assert_eq!(s.key_count(), 2);
        let k = s.key(u32::MAX).unwrap();
        assert_eq!((k.live, k.superseded), (1, 1));
        // u64::MAX..=u64::MAX holds the same counts as u64::MAX.. .
        assert_eq!(k.consensus, Some(CountRange::at_least(u64::MAX)));
    }
}
