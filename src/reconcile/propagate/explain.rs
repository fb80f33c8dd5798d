//! The sums a contradiction in a large group needs: QuickXplain (U. Junker,
//! "QUICKXPLAIN: Preferred Explanations and Relaxations for Over-Constrained Problems",
//! AAAI 2004) with the exact check (`search::refuted`) as oracle.
//!
//! The deletion filter (`search::needed_rows`) tests every row once, so it is kept to
//! groups of at most `search::FILTER_ROWS` rows. QuickXplain finds an irreducible set of
//! `k` rows among `n` with `O(k log(n / k))` tests, by splitting the rows in halves and
//! looking for the conflict in the first half with the second as background and the
//! other way round, so a contradiction among a few sums of a group of thousands cites
//! those few. Each test is the exact check, so the set found has no integer solution and
//! drops to one with any row removed, as long as the check decides every test; the
//! result is checked once more at the end, and a group whose tests run past
//! [`TESTS`] is left to cite every row.

use crate::range::CountRange;
use crate::reconcile::propagate::search;

/// Tests of the exact check one explanation may make (each a search over the group).
pub(crate) const TESTS: usize = 512;

/// Of a group's `rows`, an irreducible set with no integer solution under `dom`, the
/// rows through fewer keys outside `terminal` (the keys the conflicting claims bound)
/// preferred; `None` when the rows are not proved to have no solution or the tests run
/// out. For groups of more than `search::FILTER_ROWS` rows (smaller ones use the
/// deletion filter).
pub(crate) fn quick(
    rows: &[Vec<(usize, i64)>],
    dom: &[CountRange],
    terminal: &[bool],
) -> Option<Vec<usize>> {
    if rows.len() <= search::FILTER_ROWS || !search::refuted(rows, dom) {
        return None;
    }
    let others = |r: usize| search::outside(&rows[r], terminal);
    // Preferred rows first: QuickXplain keeps the earliest rows it can.
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by_key(|&r| others(r));
    let mut tests = 0usize;
    let mut oracle = |set: &[usize]| -> Option<bool> {
        tests += 1;
        if tests > TESTS {
            return None;
        }
        let chosen: Vec<Vec<(usize, i64)>> = set.iter().map(|&r| rows[r].clone()).collect();
        Some(search::refuted(&chosen, dom))
    };
    let mut found = explain(&mut oracle, &[], false, &order)?;
    found.sort_unstable();
    let chosen: Vec<Vec<(usize, i64)>> = found.iter().map(|&r| rows[r].clone()).collect();
    search::refuted(&chosen, dom).then_some(found)
}

/// QuickXplain's recursion: the rows of `candidates` that, with `background`, have no
/// solution, given that `background` with all of `candidates` has none. `changed`: the
/// background grew since the caller's test. `None` when the oracle gave up.
fn explain(
    refuted: &mut impl FnMut(&[usize]) -> Option<bool>,
    background: &[usize],
    changed: bool,
    candidates: &[usize],
) -> Option<Vec<usize>> {
    if changed && refuted(background)? {
        return Some(Vec::new());
    }
    if candidates.len() == 1 {
        return Some(candidates.to_vec());
    }
    let (first, second) = candidates.split_at(candidates.len() / 2);
    let with_first: Vec<usize> = background.iter().chain(first).copied().collect();
    let d2 = explain(refuted, &with_first, !first.is_empty(), second)?;
    let with_d2: Vec<usize> = background.iter().chain(&d2).copied().collect();
    let d1 = explain(refuted, &with_d2, !d2.is_empty(), first)?;
    Some(d1.into_iter().chain(d2).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A chain of 100 sums `x_i = x_{i+1} + y_i`, plus one contradiction `x_0 = a + b`
    /// with `a` at least 10 and `x_0` at most 5: the contradiction cites that one sum.
    #[test]
    fn a_large_group_cites_the_sums_the_contradiction_needs() {
        let n = 100;
        // Keys: x_0..=x_n (0..=n), y_0..y_n (n+1..=2n), a (2n+1), b (2n+2).
        let mut rows: Vec<Vec<(usize, i64)>> = (0..n)
            .map(|i| vec![(i, 1), (i + 1, -1), (n + 1 + i, -1)])
            .collect();
        rows.push(vec![(0, 1), (2 * n + 1, -1), (2 * n + 2, -1)]);
        let mut dom = vec![CountRange::new(0, Some(1000)).unwrap(); 2 * n + 3];
        dom[0] = CountRange::new(0, Some(5)).unwrap();
        dom[2 * n + 1] = CountRange::new(10, Some(20)).unwrap();
        let mut terminal = vec![false; dom.len()];
        terminal[0] = true;
        terminal[2 * n + 1] = true;
        assert_eq!(quick(&rows, &dom, &terminal), Some(vec![n]));
        // Satisfiable: no explanation.
        dom[2 * n + 1] = CountRange::new(0, Some(5)).unwrap();
        assert_eq!(quick(&rows, &dom, &terminal), None);
    }

    /// Every set found has no solution and loses that with any one row dropped, on
    /// random groups of 80 to 100 rows of 2 or 3 keys among 12 (the oracle is exact
    /// there: all keys bounded).
    #[test]
    fn what_it_finds_is_irreducible() {
        use proptest::prelude::*;
        use proptest::test_runner::{Config, TestRunner};
        let mut runner = TestRunner::new(Config::with_cases(64));
        let row = (0usize..12, 0usize..12, prop::option::of(0usize..12));
        let strategy = (
            prop::collection::vec(row, 80..100),
            prop::collection::vec((0u64..20, 0u64..20), 12),
        );
        runner
            .run(&strategy, |(rs, bounds)| {
                let rows: Vec<Vec<(usize, i64)>> = rs
                    .iter()
                    .filter_map(|&(w, p, q)| {
                        let mut r = vec![(w, 1), (p, -1)];
                        if let Some(q) = q {
                            r.push((q, -1));
                        }
                        let mut keys: Vec<usize> = r.iter().map(|&(k, _)| k).collect();
                        keys.sort_unstable();
                        keys.dedup();
                        (keys.len() == r.len()).then_some(r)
                    })
                    .collect();
                let dom: Vec<CountRange> = bounds
                    .iter()
                    .map(|&(a, b)| CountRange::new(a.min(b), Some(a.max(b))).unwrap())
                    .collect();
                let terminal = vec![false; dom.len()];
                if let Some(found) = quick(&rows, &dom, &terminal) {
                    let set = |skip: Option<usize>| -> Vec<Vec<(usize, i64)>> {
                        found
                            .iter()
                            .filter(|&&r| Some(r) != skip)
                            .map(|&r| rows[r].clone())
                            .collect()
                    };
                    prop_assert!(search::refuted(&set(None), &dom));
                    for &r in &found {
                        prop_assert_eq!(search::feasible(&set(Some(r)), &dom), Some(true));
                    }
                }
                Ok(())
            })
            .unwrap();
    }
}
