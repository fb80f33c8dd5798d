//! The wholes of a key: the keys of its event that a part-whole sum puts above it (its
//! measure's sums, everyone for a party, `any` for a category), for the rules that read
//! a count of a whole against counts of its parts voice by voice or time by time
//! ([`ceiling`](super::ceiling), [`stale`](super::stale)).

use super::evidence::Evidence;
use super::figure::{Figure, QuantityKey};
use crate::claim::{Category, Measure, Whose};

/// The sum measures `measure` is a part of, followed through sums of sums (at most as
/// deep as there are sums), itself excluded.
fn measure_wholes(measure: &Measure, sums: &[(Measure, Vec<Measure>)]) -> Vec<Measure> {
    let mut out: Vec<Measure> = Vec::new();
    let mut i = 0;
    let mut at = measure.clone();
    loop {
        for (w, parts) in sums {
            if parts.contains(&at) && *w != *measure && !out.contains(w) {
                out.push(w.clone());
            }
        }
        if i >= out.len() || out.len() > sums.len() {
            return out;
        }
        at = out[i].clone();
        i += 1;
    }
}

/// The wholes of a key that a sum links it to, itself excluded, as (measure, whose,
/// category) of the same event: the same measure or a sum measure it is a part of;
/// its party or everyone; its category, or `any` for military, civilian and unknown. A
/// breakdown's unit names no category, so it has no whole here.
fn wholes<'a>(
    key: &'a QuantityKey,
    above: &'a [Measure],
    all: &'a Whose,
    any: &'a Category,
) -> impl Iterator<Item = (&'a Measure, &'a Whose, &'a Category)> {
    let whose: [Option<&Whose>; 2] = match key.whose {
        Whose::All => [Some(all), None],
        Whose::Party(_) => [Some(&key.whose), Some(all)],
    };
    let categories: [Option<&Category>; 2] = match key.category {
        Category::Military | Category::Civilian | Category::Unknown => {
            [Some(&key.category), Some(any)]
        }
        Category::Any => [Some(any), None],
        Category::Unit(_) => [None, None],
    };
    std::iter::once(&key.measure)
        .chain(above)
        .flat_map(move |m| {
            whose
                .into_iter()
                .flatten()
                .flat_map(move |w| categories.into_iter().flatten().map(move |c| (m, w, c)))
        })
        .filter(move |&(m, w, c)| (m, w, c) != (&key.measure, &key.whose, &key.category))
}

/// The pairs `(part, whole)` of indices into `figures` (ordered by key, as a
/// reconciliation's are) of every part and each of its wholes that has a figure, parts
/// in order: found once, for every rule that reads them. Each key has a bounded number of wholes (two whose, two categories, and
/// its measure with the sum measures above it), found by binary search among its
/// event's keys, measure by measure: linear in the figures, up to a log factor.
pub(crate) fn pairs(ev: &Evidence, figures: &[Figure]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let sums = crate::measure::sums(&ev.measures);
    let (all, any) = (Whose::All, Category::Any);
    let mut above_measures: Vec<(&Measure, Vec<Measure>)> = Vec::new();
    let mut first = 0;
    for run in figures.chunk_by(|a, b| a.key.event == b.key.event) {
        for (i, part) in run.iter().enumerate() {
            let m = &part.key.measure;
            let above: &[Measure] = match above_measures.iter().position(|(x, _)| *x == m) {
                Some(j) => &above_measures[j].1,
                None => {
                    above_measures.push((m, measure_wholes(m, &sums)));
                    &above_measures[above_measures.len() - 1].1
                }
            };
            // The wholes come measure by measure: each measure's keys are found once,
            // then each whole among them (whose and category compare cheaper than keys).
            let mut slice: Option<(&Measure, usize, &[Figure])> = None;
            for (wm, ww, wc) in wholes(&part.key, above, &all, &any) {
                let (lo, keys) = match slice {
                    Some((sm, lo, keys)) if sm == wm => (lo, keys),
                    _ => {
                        let lo = run.partition_point(|f| f.key.measure < *wm);
                        let n = run[lo..].partition_point(|f| f.key.measure == *wm);
                        let keys = &run[lo..lo + n];
                        slice = Some((wm, lo, keys));
                        (lo, keys)
                    }
                };
                if let Ok(j) =
                    keys.binary_search_by(|f| (&f.key.whose, &f.key.category).cmp(&(ww, wc)))
                {
                    out.push((first + i, first + lo + j));
                }
            }
        }
        first += run.len();
    }
    out
}
