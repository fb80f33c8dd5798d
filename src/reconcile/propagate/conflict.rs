//! Minimal conflicting sets: which claims and sums a part-whole contradiction rests on.

use std::collections::BTreeSet;

use foldhash::{HashMap, HashMapExt};

use crate::range::CountRange;
use crate::reconcile::flow;

use super::{Constraint, Group, Network, is_forest, search};

impl Network {
    /// QuickXplain over `candidates`, with `active` holding the background: the subset of
    /// candidates that, added to the background, cannot hold, minimal under the
    /// propagation oracle. Leaves `active` as it found it.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn quick_xplain(
        &self,
        group: &Group,
        active: &mut [bool],
        dom: &mut [CountRange],
        queued: &mut [bool],
        local: &[usize],
        candidates: &[usize],
        background_changed: bool,
        forest: bool,
    ) -> Vec<usize> {
        if background_changed && !self.holds(group, active, dom, queued, local, forest) {
            return Vec::new();
        }
        if candidates.len() <= 1 {
            return candidates.to_vec();
        }
        let (c1, c2) = candidates.split_at(candidates.len() / 2);
        for &e in c1 {
            active[e] = true;
        }
        let d2 = self.quick_xplain(
            group,
            active,
            dom,
            queued,
            local,
            c2,
            !c1.is_empty(),
            forest,
        );
        for &e in c1 {
            active[e] = false;
        }
        for &e in &d2 {
            active[e] = true;
        }
        let d1 = self.quick_xplain(
            group,
            active,
            dom,
            queued,
            local,
            c1,
            !d2.is_empty(),
            forest,
        );
        for &e in &d2 {
            active[e] = false;
        }
        let mut out = d1;
        out.extend(d2);
        out
    }

    /// A minimal conflicting set among `candidates` (claims that together violate a cut
    /// of the group's network) by the flow's exact deletion filter, with the sums of the
    /// cut the set violates; `None` when the candidates' own sums are not a network.
    /// Leaves `active` all false for the group.
    pub(super) fn flow_conflict(
        &self,
        group: &Group,
        active: &mut [bool],
        local: &[usize],
        candidates: &[usize],
    ) -> Option<(Vec<usize>, Vec<Constraint>)> {
        let (vars, _, elems) = group;
        for &e in elems {
            active[e] = false;
        }
        for &e in candidates {
            active[e] = true;
        }
        let (rows, which) = self.rows(group, active, local);
        for &e in candidates {
            active[e] = false;
        }
        let g = flow::recognize(vars.len(), &rows)?;
        let mut owned: HashMap<usize, Vec<usize>> = HashMap::new();
        for (r, &s) in which.iter().enumerate() {
            if let Some(o) = self.sums[s].owner {
                owned.entry(o).or_default().push(r);
            }
        }
        let bounding: Vec<flow::Bounding> = candidates
            .iter()
            .map(|&e| flow::Bounding {
                ranges: self
                    .ranges(e)
                    .iter()
                    .filter(|&&(v, _)| local.get(v).is_some_and(|&k| vars.get(k) == Some(&v)))
                    .map(|&(v, r)| (local[v], r))
                    .collect(),
                rows: owned.remove(&e).unwrap_or_default(),
            })
            .collect();
        let (kept, cut) = flow::minimal_conflict(&g, &bounding)?;
        // The kept claims' domains, and the keys they bound.
        let mut dom = vec![CountRange::UNKNOWN; vars.len()];
        let mut terminal = vec![false; vars.len()];
        let mut disjoint = false;
        for &i in &kept {
            for &(k, r) in &bounding[i].ranges {
                terminal[k] = true;
                match dom[k].intersect(&r) {
                    Some(x) => dom[k] = x,
                    None => disjoint = true,
                }
            }
        }
        let cut = if disjoint {
            cut
        } else {
            irreducible_network_rows(vars.len(), &rows, &dom, &terminal, cut)
        };
        let mut constraints: Vec<Constraint> = cut
            .into_iter()
            .map(|r| self.sums[which[r]].constraint.clone())
            .collect();
        constraints.sort();
        Some((
            kept.into_iter().map(|i| candidates[i]).collect(),
            constraints,
        ))
    }

    /// The claims behind a violated cut: for each key whose lower bound enters it, a
    /// claim setting that bound; for each upper bound leaving it, likewise; and the
    /// claims whose breakdowns are among its sums. `dom` holds the raw domains.
    pub(super) fn cut_claims(
        &self,
        (vars, _, elems): &Group,
        active: &[bool],
        dom: &[CountRange],
        cut: &flow::Cut,
        which: &[usize],
    ) -> Vec<usize> {
        let mut out: BTreeSet<usize> = BTreeSet::new();
        // Each key's active claims, indexed once: a cut crosses many keys, and scanning
        // the group's claims for each would be quadratic (800 sides: 801 keys x 2,401
        // claims).
        let mut bounding: HashMap<usize, Vec<(usize, CountRange)>> = HashMap::new();
        for &e in elems.iter().filter(|&&e| active[e]) {
            for &(v, r) in self.ranges(e) {
                bounding.entry(v).or_default().push((e, r));
            }
        }
        let setter = |v: usize, lower: bool| {
            bounding.get(&v)?.iter().find_map(|&(e, r)| {
                let sets = if lower {
                    r.lo() == dom[v].lo()
                } else {
                    r.hi() == dom[v].hi()
                };
                sets.then_some(e)
            })
        };
        for &k in &cut.lower {
            out.extend(setter(vars[k], true));
        }
        for &k in &cut.upper {
            out.extend(setter(vars[k], false));
        }
        for &r in &cut.rows {
            out.extend(self.sums[which[r]].owner);
        }
        out.into_iter().collect()
    }

    /// The sums a contradiction among the `minimal` claims rests on: on a tree, the
    /// sums on the paths between the keys those claims bound; on a network, the rows of
    /// the violated cut; otherwise an irreducible set of the live sums by the exact
    /// search (the deletion filter of `search::needed_rows` up to `search::FILTER_ROWS`
    /// rows, QuickXplain above, `explain::quick`; every live sum when the search cannot
    /// decide).
    pub(super) fn conflict_sums(
        &self,
        group: &Group,
        active: &[bool],
        local: &[usize],
        minimal: &[usize],
        dom: &mut [CountRange],
    ) -> Vec<Constraint> {
        let (vars, _, _) = group;
        let (rows, which) = self.rows(group, active, local);
        // The group's keys the kept claims bound (an element may bound keys of other
        // groups too).
        let terminal = || {
            let mut terminal = vec![false; vars.len()];
            for &e in minimal {
                for &(v, _) in self.ranges(e) {
                    if let Some(&k) = local.get(v)
                        && vars.get(k) == Some(&v)
                    {
                        terminal[k] = true;
                    }
                }
            }
            terminal
        };
        let keep: Vec<usize> = if is_forest(vars.len(), &rows) {
            steiner_rows(vars.len(), &rows, &terminal())
        } else if let Some(g) = flow::recognize(vars.len(), &rows) {
            self.raw(group, active, dom);
            let raw: Vec<CountRange> = vars.iter().map(|&v| dom[v]).collect();
            match flow::solve(&g, &raw) {
                Err(cut) => {
                    irreducible_network_rows(vars.len(), &rows, &raw, &terminal(), cut.rows)
                }
                Ok(_) => (0..rows.len()).collect(),
            }
        } else {
            // Neither shape: the rows the contradiction needs, by the exact search.
            self.raw(group, active, dom);
            let raw: Vec<CountRange> = vars.iter().map(|&v| dom[v]).collect();
            let terminal = terminal();
            search::needed_rows(&rows, &raw, &terminal)
                .or_else(|| super::explain::quick(&rows, &raw, &terminal))
                .unwrap_or_else(|| (0..rows.len()).collect())
        };
        let mut out: Vec<Constraint> = keep
            .into_iter()
            .map(|r| self.sums[which[r]].constraint.clone())
            .collect();
        out.sort();
        out
    }
}

/// Of a network's rows `cited` (a violated cut), a set that still has no solution with
/// `dom` and from which dropping any one row leaves one: a deletion filter with the exact
/// flow check as oracle. The rows of a network are a network with any of them dropped
/// (the same signs serve), and a row dropped only widens the set of solutions, so each
/// row kept was needed when tested and stays needed. A violated cut's rows have no
/// solution by themselves (their sum bounds only the keys crossing the cut), but may
/// have more than they need: a smaller set inside the cut can be violated too. Rows
/// through more keys outside `terminal` (the keys the claims bound) are tested first, as
/// in `search::needed_rows`. One max flow per row of a cut of two rows or more; a row
/// whose test cannot be made is kept.
fn irreducible_network_rows(
    keys: usize,
    rows: &[Vec<(usize, i64)>],
    dom: &[CountRange],
    terminal: &[bool],
    mut cited: Vec<usize>,
) -> Vec<usize> {
    if cited.len() <= 1 {
        return cited;
    }
    let others = |r: usize| search::outside(&rows[r], terminal);
    cited.sort_by_key(|&r| std::cmp::Reverse(others(r)));
    // The rows still kept, in the order tested: each test takes one out and puts it back
    // if it was needed (moved, not copied).
    let mut kept: Vec<Vec<(usize, i64)>> = cited.iter().map(|&r| rows[r].clone()).collect();
    let mut p = 0;
    while p < cited.len() {
        let row = kept.remove(p);
        let holds = flow::recognize(keys, &kept).map(|g| flow::feasible(&g, dom));
        if holds == Some(false) {
            cited.remove(p);
        } else {
            kept.insert(p, row);
            p += 1;
        }
    }
    cited
}

/// On a forest of keys and rows: the rows left after pruning, again and again, every
/// leaf that is not a terminal key: the rows on the paths between terminals.
fn steiner_rows(keys: usize, rows: &[Vec<(usize, i64)>], terminal: &[bool]) -> Vec<usize> {
    let n = keys + rows.len();
    let mut adj: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (r, row) in rows.iter().enumerate() {
        for &(k, _) in row {
            adj[k].push(keys + r);
            adj[keys + r].push(k);
        }
    }
    let mut degree: Vec<usize> = adj.iter().map(Vec::len).collect();
    let mut gone = vec![false; n];
    let mut stack: Vec<usize> = (0..n)
        .filter(|&x| degree[x] <= 1 && !(x < keys && terminal[x]))
        .collect();
    while let Some(x) = stack.pop() {
        if gone[x] {
            continue;
        }
        gone[x] = true;
        for &y in &adj[x] {
            if !gone[y] {
                degree[y] -= 1;
                if degree[y] <= 1 && !(y < keys && terminal[y]) {
                    stack.push(y);
                }
            }
        }
    }
    (0..rows.len()).filter(|&r| !gone[keys + r]).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(lo: u64, hi: Option<u64>) -> CountRange {
        CountRange::new(lo, hi).unwrap()
    }

    /// A conflict of the generated corpus (10^5 claims, event e3731): an early claim
    /// "1090 wounded = 962 national guard + 43 police + 85 army", whose counts are floors
    /// where a later count of the key exists, and a later "1090 = 852 army + 238 border
    /// service". The violated cut the flow finds holds both breakdowns, but the early one
    /// alone already fails with the later whole and army (962 + 43 + 852 > 1090).
    #[test]
    fn a_violated_cut_can_hold_a_row_the_contradiction_does_not_need() {
        // Keys: 0 any, 1 national guard, 2 police, 3 army, 4 border service.
        let rows = vec![
            vec![(0, 1), (1, -1), (2, -1), (3, -1)],
            vec![(0, 1), (3, -1), (4, -1)],
        ];
        let g = flow::recognize(5, &rows).expect("two breakdowns of one whole: a network");
        let early = flow::Bounding {
            ranges: vec![
                (0, r(1090, None)),
                (1, r(962, Some(962))),
                (2, r(43, Some(43))),
                (3, r(85, None)),
            ],
            rows: vec![0],
        };
        let late = flow::Bounding {
            ranges: vec![
                (0, r(1090, Some(1090))),
                (3, r(852, Some(852))),
                (4, r(238, Some(238))),
            ],
            rows: vec![1],
        };
        let (kept, cut) = flow::minimal_conflict(&g, &[early, late]).expect("no solution");
        assert_eq!(kept, [0, 1]);
        assert_eq!(cut, [0, 1], "the cut holds both rows");
        let dom = [
            r(1090, Some(1090)),
            r(962, Some(962)),
            r(43, Some(43)),
            r(852, Some(852)),
            r(238, Some(238)),
        ];
        let terminal = [true; 5];
        assert_eq!(
            irreducible_network_rows(5, &rows, &dom, &terminal, cut),
            [0]
        );
        // And the row kept is needed: with no row the domains hold.
        let none = flow::recognize(5, &[]).expect("no rows: a network");
        assert!(flow::feasible(&none, &dom));
    }
}
