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

/// For each of `group`, the highest floor among the group's uncorrected counts that
/// certainly come before it (`None`: there is none): counts sorted by the end of the
/// window with a running maximum, and a binary search per count, so O(n log n).
fn floors_before(group: &[&Reading], order: Order) -> Vec<Option<u64>> {
    let mut ends: Vec<(&Reading, u64)> = group
        .iter()
        .copied()
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
    group
        .iter()
        .map(|r| {
            let n = ends.partition_point(|(e, _)| before(order, &e.as_of, &r.as_of));
            n.checked_sub(1).map(|k| ends[k].1)
        })
        .collect()
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
        let group: Vec<&Reading> = readings[i..j].iter().map(|(r, _)| r).collect();
        for (slot, floor) in out[i..j].iter_mut().zip(floors_before(&group, order)) {
            *slot = floor.unwrap_or(0);
        }
        i = j;
    }
    out
}

/// Each reading's origin as a number (first seen, first numbered), so the sweeps below
/// compare and group origins without comparing their ids.
pub(crate) fn origin_ids(rs: &[&Reading]) -> Vec<usize> {
    let mut ids: foldhash::HashMap<&crate::reconcile::evidence::Origin, usize> =
        foldhash::HashMap::default();
    rs.iter()
        .map(|r| {
            let next = ids.len();
            *ids.entry(&r.origin).or_insert(next)
        })
        .collect()
}

/// For each reading, whether it repeats its origin: the origin (a party, an outlet) had
/// already given a count with a floor at or above this one's, certainly before it (a
/// corrected count aside). A repetition is no sign that a toll grew: India's "1 F-16"
/// of April 2019 repeats its February claim and continues nobody's count.
pub(crate) fn repeats(rs: &[&Reading], origin: &[usize], order: Order) -> Vec<bool> {
    origin_floors(rs, origin, order)
        .into_iter()
        .zip(rs)
        .map(|(floor, r)| floor.is_some_and(|f| f >= r.range.lo()))
        .collect()
}

/// For each reading, the highest floor its origin gave, certainly before it (a corrected
/// count aside; `None`: none). Per origin, counts sorted by the end of the window with a
/// running maximum of floors and a binary search each: O(n log n).
pub(crate) fn origin_floors(rs: &[&Reading], origin: &[usize], order: Order) -> Vec<Option<u64>> {
    let mut out = vec![None; rs.len()];
    if rs.len() < 2 {
        return out;
    }
    let mut idx: Vec<usize> = (0..rs.len()).collect();
    idx.sort_by_key(|&i| origin[i]);
    for group in idx.chunk_by(|&a, &b| origin[a] == origin[b]) {
        if group.len() < 2 {
            continue;
        }
        let members: Vec<&Reading> = group.iter().map(|&i| rs[i]).collect();
        for (&i, floor) in group.iter().zip(floors_before(&members, order)) {
            out[i] = floor;
        }
    }
    out
}

/// For each reading, whether another reading that does not certainly come before it (by
/// the policy's order: later, or about the same time) has a floor at or above its own: a
/// count that could continue it, so the toll may have grown from it. Readings sorted by
/// the end of the window (or by the window, under `ByStart`) with a suffix maximum of
/// floors kept with the runner-up from another reading, and one binary search each:
/// O(n log n).
pub(crate) fn continuable(
    rs: &[&Reading],
    origin: &[usize],
    order: Order,
    eligible: &[bool],
) -> Vec<bool> {
    let n = rs.len();
    if n < 2 {
        return vec![false; n];
    }
    let key = |r: &Reading| match order {
        Order::Strict => (r.as_of.latest(), r.as_of.latest()),
        Order::ByStart => when(r),
    };
    let mut idx: Vec<usize> = (0..n).collect();
    idx.sort_by_key(|&i| key(rs[i]));
    // Suffix best floor and the best of another origin, each with its origin.
    let mut top: Vec<Top2> = vec![[(0, NONE); 2]; n + 1];
    for k in (0..n).rev() {
        let i = idx[k];
        let mut t = top[k + 1];
        if eligible[i] {
            // `push` keeps a strictly better value; an equal floor must count too.
            let v = rs[i].range.lo();
            if t[0].1 == NONE {
                t[0] = (v, origin[i]);
            } else {
                push(&mut t, v, origin[i], |x, y| x >= y);
            }
        }
        top[k] = t;
    }
    (0..n)
        .map(|i| {
            let r = rs[i];
            // The first reading that does not certainly come before r.
            let k = match order {
                Order::Strict => {
                    idx.partition_point(|&o| rs[o].as_of.latest() < r.as_of.earliest())
                }
                Order::ByStart => idx.partition_point(|&o| when(rs[o]) < when(r)),
            };
            let t = top[k];
            let lo = r.range.lo();
            // Another origin at or above r's floor, or r's own origin strictly above it
            // (an equal count of one origin is no growth, nor is r itself).
            if t[0].1 == NONE {
                false
            } else if t[0].1 != origin[i] {
                t[0].0 >= lo
            } else {
                t[0].0 > lo || (t[1].1 != NONE && t[1].0 >= lo)
            }
        })
        .collect()
}

/// For each reading, a later reading (by the policy's order) whose floor is at or above
/// its own, the highest such floor: a count that could continue it. Readings sorted by
/// start with a suffix maximum of floors and one binary search each: O(n log n).
pub(crate) fn successors<'r>(
    rs: &[&'r Reading],
    order: Order,
    eligible: &[bool],
) -> Vec<Option<&'r Reading>> {
    // One reading comes after none (most keys have one).
    if rs.len() < 2 {
        return vec![None; rs.len()];
    }
    let mut by_start: Vec<(&Reading, bool)> =
        rs.iter().copied().zip(eligible.iter().copied()).collect();
    by_start.sort_by_key(|(r, _)| when(r));
    let mut best: Vec<Option<&Reading>> = vec![None; by_start.len() + 1];
    for k in (0..by_start.len()).rev() {
        let (r, ok) = by_start[k];
        best[k] = match best[k + 1] {
            _ if !ok => best[k + 1],
            Some(b) if b.range.lo() >= r.range.lo() => Some(b),
            _ => Some(r),
        };
    }
    rs.iter()
        .map(|r| {
            // The first reading that certainly comes after r; all later ones do too
            // under either order (both are monotone in the start).
            let k = by_start.partition_point(|(o, _)| !before(order, &r.as_of, &o.as_of));
            best[k].filter(|b| b.range.lo() >= r.range.lo())
        })
        .collect()
}

/// The readings some count about the same time (an overlapping as-of window) disagrees
/// with (no count in common). Offline two-dimensional dominance with two Fenwick trees
/// (the highest floor and the lowest ceiling among windows that overlap): O(n log n).
pub(crate) fn same_time_disagreement(rs: &[&Reading]) -> HashSet<Cite> {
    rs.iter()
        .zip(disagreement(rs, None))
        .filter(|(_, d)| *d)
        .map(|(r, _)| r.cite.clone())
        .collect()
}

/// [`same_time_disagreement`] counting only counts of another origin: a party's organs
/// giving different running counts on one day are a tally, not a dispute. Each Fenwick
/// node keeps its best value and the best of another origin, so the query stays
/// O(log n). One flag per reading, in order.
pub(crate) fn same_time_dispute(rs: &[&Reading], origin: &[usize]) -> Vec<bool> {
    disagreement(rs, Some(origin))
}

/// The best value and the best of another origin (`NONE`: no origin yet).
type Top2 = [(u64, usize); 2];
const NONE: usize = usize::MAX;

/// Adds `(v, o)` to `t`, where `better(x, y)` says `x` beats `y`.
fn push(t: &mut Top2, v: u64, o: usize, better: fn(u64, u64) -> bool) {
    if o == t[0].1 {
        if better(v, t[0].0) {
            t[0].0 = v;
        }
    } else if better(v, t[0].0) {
        t[1] = t[0];
        t[0] = (v, o);
    } else if better(v, t[1].0) {
        t[1] = (v, o);
    }
}

fn disagreement(rs: &[&Reading], origins: Option<&[usize]>) -> Vec<bool> {
    let n = rs.len();
    // A reading never disagrees with itself alone (most keys have one).
    if n < 2 {
        return vec![false; n];
    }
    // Without origins every reading is of one origin and is compared with the best of all.
    let one = vec![0; if origins.is_some() { 0 } else { n }];
    let origin = origins.unwrap_or(&one);
    let more: fn(u64, u64) -> bool = |x, y| x > y;
    let less: fn(u64, u64) -> bool = |x, y| x < y;
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
    let mut max_lo: Vec<Top2> = vec![[(0, NONE); 2]; n + 1];
    let mut min_hi: Vec<Top2> = vec![[(u64::MAX, NONE); 2]; n + 1];
    let mut out = vec![false; n];
    let mut p = 0;
    for &q in &by_end {
        let r = rs[q];
        while p < n && rs[by_start[p]].as_of.earliest() <= r.as_of.latest() {
            let o = rs[by_start[p]];
            let oo = origin[by_start[p]];
            // 1-based position of o's end among the reversed ranks.
            let mut i = n - ends.partition_point(|e| *e < o.as_of.latest());
            let (lo, hi) = (o.range.lo(), o.range.hi().unwrap_or(u64::MAX));
            while i <= n {
                push(&mut max_lo[i], lo, oo, more);
                push(&mut min_hi[i], hi, oo, less);
                i += i & i.wrapping_neg();
            }
            p += 1;
        }
        // Those with end >= r.start: reversed ranks 1..=rev_rank(r.start).
        let mut i = rev_rank(r.as_of.earliest());
        let mut los: Top2 = [(0, NONE); 2];
        let mut his: Top2 = [(u64::MAX, NONE); 2];
        while i > 0 {
            for &(v, o) in &max_lo[i] {
                if o != NONE {
                    push(&mut los, v, o, more);
                }
            }
            for &(v, o) in &min_hi[i] {
                if o != NONE {
                    push(&mut his, v, o, less);
                }
            }
            i -= i & i.wrapping_neg();
        }
        // r is compared with the best of another origin (with origins).
        let pick = |t: &Top2| {
            if origins.is_some() && t[0].1 == origin[q] {
                t[1].0
            } else {
                t[0].0
            }
        };
        let (lo, hi) = (pick(&los), pick(&his));
        out[q] = lo > r.range.hi().unwrap_or(u64::MAX) || hi < r.range.lo();
    }
    out
}
