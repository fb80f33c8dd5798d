//! Counts over time: the order of the policy, and the three sweeps the running-toll
//! rules need (DESIGN.md, "Running tolls"), each O(n log n).

use std::collections::HashSet;

use chrono::{DateTime, FixedOffset};

use crate::reconcile::evidence::Cite;
use crate::reconcile::figure::{Reading, Status};
use crate::reconcile::policy::Order;
use crate::when::TimeWindow;

/// The time order of the policy: the sort key of a reading's as-of window.
pub(crate) fn when(r: &Reading) -> (DateTime<FixedOffset>, DateTime<FixedOffset>) {
    (r.as_of.earliest(), r.as_of.latest())
}

/// Whether `a` certainly comes before `b` under `order`.
pub(crate) fn before(order: Order, a: &TimeWindow, b: &TimeWindow) -> bool {
    match order {
        Order::Strict => a.latest() < b.earliest(),
        Order::ByStart => (a.earliest(), a.latest()) < (b.earliest(), b.latest()),
    }
}

/// For each reading (sorted by voice), the highest floor among the earlier, uncorrected
/// counts of its own voice (0 when none): per voice, counts sorted by end with a running
/// maximum, and a binary search per count, so O(n log n).
pub(crate) fn own_floors(readings: &[(Reading, usize)], order: Order) -> Vec<u64> {
    let mut out = vec![0; readings.len()];
    let mut i = 0;
    while i < readings.len() {
        let mut j = i + 1;
        while j < readings.len() && readings[j].0.voice == readings[i].0.voice {
            j += 1;
        }
        // A voice's only count has no earlier one: its floor stays 0.
        if j - i == 1 {
            i = j;
            continue;
        }
        let mut ends: Vec<(&Reading, u64)> = readings[i..j]
            .iter()
            .map(|(r, _)| r)
            .filter(|r| !matches!(r.status, Status::Corrected { .. }))
            .map(|r| (r, r.range.lo()))
            .collect();
        ends.sort_by_key(|(r, _)| match order {
            Order::Strict => (r.as_of.latest(), r.as_of.latest()),
            Order::ByStart => when(r),
        });
        for k in 1..ends.len() {
            ends[k].1 = ends[k].1.max(ends[k - 1].1);
        }
        for (slot, (r, _)) in out[i..j].iter_mut().zip(&readings[i..j]) {
            let n = ends.partition_point(|(e, _)| before(order, &e.as_of, &r.as_of));
            *slot = n.checked_sub(1).map_or(0, |k| ends[k].1);
        }
        i = j;
    }
    out
}

/// For each reading, a later reading (by the policy's order) whose floor is at or above
/// its own, the highest such floor: a count that could continue it. Readings sorted by
/// start with a suffix maximum of floors and one binary search each: O(n log n).
pub(crate) fn successors<'r>(rs: &[&'r Reading], order: Order) -> Vec<Option<&'r Reading>> {
    // One reading comes after none (most keys have one).
    if rs.len() < 2 {
        return vec![None; rs.len()];
    }
    let mut by_start: Vec<&Reading> = rs.to_vec();
    by_start.sort_by_key(|r| when(r));
    let mut best: Vec<Option<&Reading>> = vec![None; by_start.len() + 1];
    for k in (0..by_start.len()).rev() {
        let r = by_start[k];
        best[k] = match best[k + 1] {
            Some(b) if b.range.lo() >= r.range.lo() => Some(b),
            _ => Some(r),
        };
    }
    rs.iter()
        .map(|r| {
            // The first reading that certainly comes after r; all later ones do too
            // under either order (both are monotone in the start).
            let k = by_start.partition_point(|o| !before(order, &r.as_of, &o.as_of));
            best[k].filter(|b| b.range.lo() >= r.range.lo())
        })
        .collect()
}

/// The readings some count about the same time (an overlapping as-of window) disagrees
/// with (no count in common). Offline two-dimensional dominance with two Fenwick trees
/// (the highest floor and the lowest ceiling among windows that overlap): O(n log n).
pub(crate) fn same_time_disagreement(rs: &[&Reading]) -> HashSet<Cite> {
    let n = rs.len();
    // A reading never disagrees with itself alone (most keys have one).
    if n < 2 {
        return HashSet::new();
    }
    // Windows overlap when o.start <= r.end and o.end >= r.start. Insert readings by
    // start while start <= the query's end; ask among those with end >= the query's start,
    // a suffix over end ranks, kept as a prefix over reversed ranks.
    let mut ends: Vec<DateTime<FixedOffset>> = rs.iter().map(|r| r.as_of.latest()).collect();
    ends.sort_unstable();
    let rev_rank = |t: DateTime<FixedOffset>| n - ends.partition_point(|e| *e < t);
    let mut by_start: Vec<usize> = (0..n).collect();
    by_start.sort_by_key(|&i| rs[i].as_of.earliest());
    let mut by_end: Vec<usize> = (0..n).collect();
    by_end.sort_by_key(|&i| rs[i].as_of.latest());
    let mut max_lo = vec![0u64; n + 1];
    let mut min_hi = vec![u64::MAX; n + 1];
    let mut out = HashSet::new();
    let mut p = 0;
    for &q in &by_end {
        let r = rs[q];
        while p < n && rs[by_start[p]].as_of.earliest() <= r.as_of.latest() {
            let o = rs[by_start[p]];
            // 1-based position of o's end among the reversed ranks.
            let mut i = n - ends.partition_point(|e| *e < o.as_of.latest());
            let (lo, hi) = (o.range.lo(), o.range.hi().unwrap_or(u64::MAX));
            while i <= n {
                max_lo[i] = max_lo[i].max(lo);
                min_hi[i] = min_hi[i].min(hi);
                i += i & i.wrapping_neg();
            }
            p += 1;
        }
        // Those with end >= r.start: reversed ranks 1..=rev_rank(r.start).
        let mut i = rev_rank(r.as_of.earliest());
        let (mut lo, mut hi) = (0u64, u64::MAX);
        while i > 0 {
            lo = lo.max(max_lo[i]);
            hi = hi.min(min_hi[i]);
            i -= i & i.wrapping_neg();
        }
        if lo > r.range.hi().unwrap_or(u64::MAX) || hi < r.range.lo() {
            out.insert(r.cite.clone());
        }
    }
    out
}
