//! Decreases: a count of a measure that only grows below an earlier count of its key,
//! with no stated correction (DESIGN.md, "Running tolls", rule 9).

use chrono::{DateTime, FixedOffset};
use foldhash::HashMap;

use crate::range::CountRange;
use crate::reconcile::discrepancy::Discrepancy;
use crate::reconcile::evidence::Cite;
use crate::reconcile::figure::{Figure, Reading, Source, Status};
use crate::reconcile::policy::Order;
use crate::reconcile::series::before;

/// Later counts below an earlier count of a measure that only grows, without a stated
/// correction: for each count, the earlier count (not corrected) with the highest floor,
/// when that floor is above the count. One sweep over the counts sorted by start and by
/// end, so O(n log n) with at most one finding per count. Called only for a measure that
/// only grows.
pub(crate) fn decreases(f: &Figure, order: Order) -> Vec<Discrepancy> {
    // A copy repeats its original, which is here; their differences are a variance. A
    // relabelling relay's figure is another key's (its own discrepancy says so).
    let rs: Vec<&Reading> = f
        .readings
        .iter()
        .filter(|r| {
            !matches!(
                r.status,
                Status::Corrected { .. }
                    | Status::Copy { .. }
                    | Status::Retracted { .. }
                    | Status::Relabeled { .. }
            )
        })
        .collect();
    // An adversary's or ally's claim is a position in a dispute, not a count of the toll
    // another voice keeps: a later, lower count by another voice disagrees with it (a
    // conflict while both stand) and does not revise it down. So such claims are earlier
    // counts only for later counts of their own voice; every other count is an earlier
    // count for all.
    let disputant = |r: &Reading| matches!(r.source, Source::Adversary | Source::Ally);
    let tolls: Vec<&Reading> = rs.iter().copied().filter(|r| !disputant(r)).collect();
    let mut out = Vec::new();
    sweep(f, order, &tolls, &rs, &mut out);
    if tolls.len() < rs.len() {
        let mut by_voice = rs;
        by_voice.sort_by(|a, b| a.voice.cmp(&b.voice));
        for group in by_voice.chunk_by(|a, b| a.voice == b.voice) {
            let claims: Vec<&Reading> = group.iter().copied().filter(|r| disputant(r)).collect();
            if !claims.is_empty() {
                sweep(f, order, &claims, group, &mut out);
            }
        }
    }
    // A count below both kinds of earlier count is reported once, against the higher.
    out.sort_by(|a, b| match (a, b) {
        (
            Discrepancy::Decrease {
                later: la,
                earlier_range: ea,
                ..
            },
            Discrepancy::Decrease {
                later: lb,
                earlier_range: eb,
                ..
            },
        ) => la.cmp(lb).then(eb.lo().cmp(&ea.lo())),
        _ => std::cmp::Ordering::Equal,
    });
    out.dedup_by(|a, b| match (a, b) {
        (Discrepancy::Decrease { later: la, .. }, Discrepancy::Decrease { later: lb, .. }) => {
            la == lb
        }
        _ => false,
    });
    // A voice that keeps repeating its revised-down figure fell once: the same fall
    // (same earlier count, same later figure, one voice) is reported for the earliest
    // of the later counts only (Georgia: Russia's 283 wounded, given by its deputy
    // defence minister and again through the EU mission, after the 323). The readings'
    // times are looked up once, and only when some fall repeats: O(n log n).
    let mut falls: Vec<(usize, &Cite, CountRange, &Cite)> = out
        .iter()
        .enumerate()
        .filter_map(|(i, d)| match d {
            Discrepancy::Decrease {
                earlier,
                later,
                later_range,
                same_voice: true,
                ..
            } => Some((i, earlier, *later_range, later)),
            _ => None,
        })
        .collect();
    falls.sort_by(|a, b| (a.1, a.2).cmp(&(b.1, b.2)));
    if falls
        .windows(2)
        .any(|w| (w[0].1, w[0].2) == (w[1].1, w[1].2))
    {
        let when: HashMap<&Cite, (DateTime<FixedOffset>, DateTime<FixedOffset>)> = f
            .readings
            .iter()
            .map(|r| (&r.cite, (r.as_of.earliest(), r.as_of.latest())))
            .collect();
        let mut repeats: Vec<usize> = Vec::new();
        for group in falls.chunk_by(|a, b| (a.1, a.2) == (b.1, b.2)) {
            let keep = group
                .iter()
                .min_by(|a, b| (when.get(a.3), a.3).cmp(&(when.get(b.3), b.3)))
                .map(|x| x.0);
            repeats.extend(group.iter().map(|x| x.0).filter(|&i| Some(i) != keep));
        }
        repeats.sort_unstable();
        let mut i = 0;
        out.retain(|_| {
            i += 1;
            repeats.binary_search(&(i - 1)).is_err()
        });
    }
    out
}

/// For each count in `later`, the count in `earlier` that comes before it with the
/// highest floor, when that floor is above the count and one of the two no longer
/// stands. One sweep over the earlier counts sorted by end and the later ones by start.
fn sweep(
    f: &Figure,
    order: Order,
    earlier: &[&Reading],
    later: &[&Reading],
    out: &mut Vec<Discrepancy>,
) {
    let end_key = |r: &Reading| match order {
        Order::Strict => (r.as_of.latest(), r.as_of.latest()),
        Order::ByStart => (r.as_of.earliest(), r.as_of.latest()),
    };
    let mut by_end: Vec<&Reading> = earlier.to_vec();
    by_end.sort_by_key(|r| end_key(r));
    let mut by_start: Vec<&Reading> = later.to_vec();
    by_start.sort_by_key(|r| (r.as_of.earliest(), r.as_of.latest()));
    // In a numeric conflict, the highest current floor, and the highest of the other
    // voices: a later count below an earlier count of another voice that a current
    // count of a third voice (or the earlier's own) carries on is in that conflict
    // already, and is not reported again as a decrease. Two passes over the counts.
    let floor = |r: &Reading| r.bearing.map_or(r.range.lo(), |b| b.lo());
    let top = f
        .consensus
        .is_none()
        .then(|| f.live().max_by_key(|r| floor(r)))
        .flatten();
    let second = top.and_then(|t| f.live().filter(|r| r.voice != t.voice).map(floor).max());
    // The highest current floor of a voice other than `r`'s.
    let carried = |r: &Reading| match top {
        Some(t) if t.voice != r.voice => Some(floor(t)),
        Some(_) => second,
        None => None,
    };
    let mut p = 0;
    let mut highest: Option<&Reading> = None;
    for later in by_start {
        while p < by_end.len() && before(order, &by_end[p].as_of, &later.as_of) {
            if highest.is_none_or(|h| by_end[p].range.lo() > h.range.lo()) {
                highest = Some(by_end[p]);
            }
            p += 1;
        }
        let Some(earlier) = highest else { continue };
        let fell = later.range.hi().is_some_and(|hi| hi < earlier.range.lo());
        let in_the_conflict = earlier.voice != later.voice
            && later.status.is_live()
            && carried(later).is_some_and(|lo| lo >= earlier.range.lo());
        if fell && !(earlier.status.is_live() && later.status.is_live()) && !in_the_conflict {
            out.push(Discrepancy::Decrease {
                key: f.key.clone(),
                earlier: earlier.cite.clone(),
                earlier_range: earlier.range,
                later: later.cite.clone(),
                later_range: later.range,
                same_voice: earlier.voice == later.voice,
            });
        }
    }
}
