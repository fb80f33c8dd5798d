//! The interval rules every figure is summarised by, on plain [`CountRange`]s, so that any
//! engine (the dossier reconciliation, a bulk pipeline, a user's own) applies the same rules.
//!
//! ```
//! use contested::CountRange;
//! use contested::reconcile::interval::{best_supported, consensus, envelope};
//!
//! let claims = [CountRange::exact(50), "45..=60".parse()?, CountRange::exact(70)];
//! assert_eq!(envelope(&claims).unwrap().to_string(), "45..=70");
//! assert_eq!(consensus(&claims), None); // 50 and 70 are disjoint
//! let best = best_supported(&claims).unwrap();
//! assert_eq!((best.range.to_string(), best.support), ("50".to_string(), 2));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use serde::{Deserialize, Serialize};

use crate::range::CountRange;

/// The envelope: from the lowest lower bound to the highest upper bound (Iraq Body
/// Count's minimum and maximum). `None` for no ranges.
///
/// It contains every range given.
///
/// ```
/// # use contested::CountRange;
/// # use contested::reconcile::interval::envelope;
/// assert_eq!(envelope(&[CountRange::exact(3), CountRange::at_least(9)]), Some(CountRange::at_least(3)));
/// ```
pub fn envelope(ranges: &[CountRange]) -> Option<CountRange> {
    let (first, rest) = ranges.split_first()?;
    Some(rest.iter().fold(*first, |acc, r| acc.hull(r)))
}

/// The consensus: the counts every range allows. `None` when two ranges are disjoint (a
/// numeric conflict) or no range is given.
///
/// It lies inside every range given.
///
/// ```
/// # use contested::CountRange;
/// # use contested::reconcile::interval::consensus;
/// assert_eq!(consensus(&[CountRange::at_least(49), CountRange::at_most(60)]).unwrap().to_string(), "49..=60");
/// ```
pub fn consensus(ranges: &[CountRange]) -> Option<CountRange> {
    let (first, rest) = ranges.split_first()?;
    rest.iter().try_fold(*first, |acc, r| acc.intersect(r))
}

/// The interval agreed by the most ranges (Marzullo's algorithm) and how many agree.
///
/// # Semantics
///
/// Among the maximal runs of counts covered by the greatest number of ranges, the lowest
/// is chosen, so the rule leans conservative when support ties. When the ranges have a
/// consensus, the best-supported interval is exactly that consensus.
///
/// ```
/// # use contested::CountRange;
/// # use contested::reconcile::interval::best_supported;
/// let b = best_supported(&[CountRange::exact(3), CountRange::exact(9)]).unwrap();
/// assert_eq!((b.range, b.support), (CountRange::exact(3), 1));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Support {
    /// The interval.
    pub range: CountRange,
    /// How many ranges contain it.
    pub support: usize,
}

/// See [`Support`]. `None` for no ranges. Runs in `O(n log n)`.
///
/// ```
/// # use contested::CountRange;
/// # use contested::reconcile::interval::best_supported;
/// assert_eq!(best_supported(&[]), None);
/// ```
pub fn best_supported(ranges: &[CountRange]) -> Option<Support> {
    best_supported_runs(ranges).into_iter().next()
}

/// Every interval with the highest support, lowest first: more than one when the best
/// support is tied between disjoint runs. Empty for no ranges.
///
/// ```
/// use contested::CountRange;
/// use contested::reconcile::interval::best_supported_runs;
///
/// let runs = best_supported_runs(&[CountRange::exact(4), CountRange::at_least(19)]);
/// assert_eq!(runs.len(), 2);
/// assert_eq!(runs[0].range, CountRange::exact(4));
/// ```
pub fn best_supported_runs(ranges: &[CountRange]) -> Vec<Support> {
    let weighted: Vec<(CountRange, u64)> = ranges.iter().map(|r| (*r, 1)).collect();
    best_supported_runs_weighted(&weighted)
}

/// As [`best_supported_runs`], each range counting its weight instead of one: the runs
/// with the highest total weight, lowest first, each with the number of ranges over it
/// as its support. A range of weight 0 supports nothing.
///
/// ```
/// use contested::CountRange;
/// use contested::reconcile::interval::best_supported_runs_weighted;
///
/// // Two weak voices say 50, one strong voice says 70.
/// let runs = best_supported_runs_weighted(&[(CountRange::exact(50), 300), (CountRange::exact(50), 300), (CountRange::exact(70), 900)]);
/// assert_eq!((runs[0].range, runs[0].support), (CountRange::exact(70), 1));
/// ```
pub fn best_supported_runs_weighted(ranges: &[(CountRange, u64)]) -> Vec<Support> {
    let mut points: Vec<(u128, i128, i8)> = Vec::with_capacity(ranges.len() * 2);
    for (r, w) in ranges.iter().filter(|(_, w)| *w > 0) {
        points.push((u128::from(r.lo()), i128::from(*w), 1));
        if let Some(h) = r.hi() {
            points.push((u128::from(h) + 1, -i128::from(*w), -1));
        }
    }
    points.sort_unstable();
    let (mut weight, mut count, mut best) = (0i128, 0usize, 0i128);
    let mut runs: Vec<(u128, Option<u128>, usize)> = Vec::new();
    let mut i = 0;
    while i < points.len() {
        let pos = points[i].0;
        while let Some(&(p, dw, dc)) = points.get(i) {
            if p != pos {
                break;
            }
            weight += dw;
            count = if dc > 0 {
                count + 1
            } else {
                count.saturating_sub(1)
            };
            i += 1;
        }
        let next = points.get(i).map(|p| p.0);
        if weight > 0 && weight > best {
            best = weight;
            runs.clear();
        }
        if weight > 0 && weight == best {
            runs.push((pos, next, count));
        }
    }
    runs.into_iter()
        .filter_map(|(lo, end, support)| {
            let lo = u64::try_from(lo).ok()?;
            let hi = end.map(|e| u64::try_from(e - 1).unwrap_or(u64::MAX));
            Some(Support {
                range: CountRange::new(lo, hi).ok()?,
                support,
            })
        })
        .collect()
}

pub(crate) fn lower_median(values: &mut [u64]) -> Option<u64> {
    if values.is_empty() {
        return None;
    }
    let mid = (values.len() - 1) / 2;
    let (_, m, _) = values.select_nth_unstable(mid);
    Some(*m)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(s: &str) -> CountRange {
        s.parse().unwrap()
    }

    #[test]
    fn touching_ranges_do_not_overlap() {
        let b = best_supported(&[r("1..=3"), r("4..=6")]).unwrap();
        assert_eq!(b.support, 1);
        assert_eq!(b.range, r("1..=3"));
    }

    #[test]
    fn unbounded_and_max_values() {
        let b = best_supported(&[r("5.."), CountRange::exact(u64::MAX)]).unwrap();
        assert_eq!(b.support, 2);
        assert_eq!(b.range, CountRange::exact(u64::MAX));
        let b = best_supported(&[r("5.."), r("7..")]).unwrap();
        assert_eq!(b.range, r("7.."));
    }

    #[test]
    fn majority_wins_over_outlier() {
        let b = best_supported(&[r("40..=60"), r("45..=55"), r("50..=52"), r("90..=99")]).unwrap();
        assert_eq!((b.range, b.support), (r("50..=52"), 3));
    }

    #[test]
    fn equals_consensus_when_there_is_one() {
        let rs = [r("1..=10"), r("5.."), r("0..=7")];
        assert_eq!(best_supported(&rs).unwrap().range, consensus(&rs).unwrap());
    }

    #[test]
    fn ties_go_to_the_lowest_run() {
        let b = best_supported(&[r("3"), r("9"), r("20..=30")]).unwrap();
        assert_eq!((b.range, b.support), (r("3"), 1));
        let b = best_supported(&[r("1..=5"), r("3..=4"), r("10..=12"), r("11..=20")]).unwrap();
        assert_eq!((b.range, b.support), (r("3..=4"), 2));
    }

    #[test]
    fn median() {
        assert_eq!(lower_median(&mut [5, 1, 9, 3]), Some(3));
        assert_eq!(lower_median(&mut [5, 1, 9]), Some(5));
        assert_eq!(lower_median(&mut [7, 1, 9, 3, 8]), Some(7));
        assert_eq!(lower_median(&mut []), None);
    }
}
