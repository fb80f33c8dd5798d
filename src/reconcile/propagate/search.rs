//! Exact integer search for linked groups of no special shape (see DESIGN.md,
//! "Exactness: three shapes"): domain splitting with interval propagation at every node,
//! complete on bounded domains, with a fixed budget of nodes per group.
//!
//! The rows are `Σ cᵢ xᵢ = 0` over non-negative integer keys with interval domains. Every
//! step is exact over the integers: propagation only removes values no integer solution
//! takes (bounds are rounded inward), a leaf is a full assignment checked against every
//! row in `i128`, and a split loses nothing. So on bounded domains the search decides
//! feasibility, and a search that tries one key's values from its low end (high end)
//! first finds that key's least (greatest) value in any solution.
//!
//! A key with no upper bound is searched up to a cap, and an answer that rests on the
//! cap is used only when something independent of the cap proves it: a least value
//! equal to the sound lower bound propagation gave, a greatest value equal to its sound
//! upper bound, no upper bound at all when an integer ray (a non-negative integer
//! solution of the rows that is zero on every bounded key) raises the key. Otherwise,
//! and when the budget runs out, the answer is [`Answer::Unknown`] and the caller keeps
//! propagation's sound bounds.

use crate::range::CountRange;

/// Nodes (propagations) one group may spend, over every search it runs: feasibility,
/// each bound not already attained by a solution found, and the rays.
pub(crate) const NODE_BUDGET: u64 = 4096;

/// Groups of more keys are not searched (the cost of one node grows with the group).
pub(crate) const SEARCH_KEYS: usize = 256;

/// Coefficients beyond this size are not searched (they stay far inside `i128`).
const MAX_COEFFICIENT: i64 = 1 << 10;

/// An upper bound of `u64::MAX` reads as none (a relaxation: it is never tighter).
const OPEN: u64 = u64::MAX;

/// What no upper bound counts as in a row's sums.
const BIG: i128 = 1 << 100;

/// What the search proved about a group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Answer {
    /// No integer solution.
    Infeasible,
    /// Each key's exact integer bounds (the least and greatest value it takes in an
    /// integer solution; no upper bound when it has none).
    Exact(Vec<CountRange>),
    /// Not proved within the budget or without the cap; `witnessed` when an integer
    /// solution was found (so the group is feasible).
    Unknown { witnessed: bool },
}

/// A closed interval of counts during the search (every domain made finite).
type Dom = (u64, u64);

struct Search<'a> {
    rows: &'a [Vec<(usize, i64)>],
    /// Rows each key is in, in compressed rows: key `k`'s rows are
    /// `occurs[occurs_start[k]..occurs_start[k + 1]]` (two allocations, not one per key).
    occurs_start: Vec<usize>,
    occurs: Vec<usize>,
    nodes: u64,
    /// Least and greatest value each key took in a solution found.
    seen: Option<(Vec<u64>, Vec<u64>)>,
    /// Propagation's work lists, kept between nodes (no allocation per node).
    queued: Vec<bool>,
    queue: std::collections::VecDeque<usize>,
    changed: Vec<usize>,
}

/// What the search is after: any solution, or one key's least or greatest value.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Goal {
    Any,
    Least(usize),
    Greatest(usize),
}

/// The outcome of one search.
enum Found {
    Solution(Vec<u64>),
    None,
    OutOfBudget,
}

fn floor_div(a: i128, b: i128) -> i128 {
    let q = a / b;
    if (a % b != 0) && ((a < 0) != (b < 0)) {
        q - 1
    } else {
        q
    }
}

fn ceil_div(a: i128, b: i128) -> i128 {
    let q = a / b;
    if (a % b != 0) && ((a < 0) == (b < 0)) {
        q + 1
    } else {
        q
    }
}

impl<'a> Search<'a> {
    fn new(keys: usize, rows: &'a [Vec<(usize, i64)>]) -> Search<'a> {
        // Counted, then filled: a key named twice in one row is listed once
        // (`last` remembers the row each key was last listed for).
        let mut occurs_start = vec![0usize; keys + 1];
        let mut last = vec![usize::MAX; keys];
        for (r, row) in rows.iter().enumerate() {
            for &(k, _) in row {
                if k < keys && last[k] != r {
                    last[k] = r;
                    occurs_start[k + 1] += 1;
                }
            }
        }
        for k in 0..keys {
            occurs_start[k + 1] += occurs_start[k];
        }
        let mut occurs = vec![0usize; occurs_start[keys]];
        let mut next = occurs_start.clone();
        last.fill(usize::MAX);
        for (r, row) in rows.iter().enumerate() {
            for &(k, _) in row {
                if k < keys && last[k] != r {
                    last[k] = r;
                    occurs[next[k]] = r;
                    next[k] += 1;
                }
            }
        }
        Search {
            rows,
            occurs_start,
            occurs,
            nodes: 0,
            seen: None,
            queued: vec![false; rows.len()],
            // Every row is queued at the first propagation: room for them at once.
            queue: std::collections::VecDeque::with_capacity(rows.len()),
            changed: Vec::new(),
        }
    }

    /// One revision of row `r`: each key narrowed to the integers its row allows given
    /// the others' domains. `false` when a domain empties (or the row cannot hold).
    fn revise(row: &[(usize, i64)], d: &mut [Dom], changed: &mut Vec<usize>) -> bool {
        fn term(d: &[Dom], k: usize, c: i64) -> (i128, i128) {
            let (lo, hi) = d[k];
            // No upper bound is far above any sum of finite terms (at most 2⁶⁴ · 2¹⁰ ·
            // 2⁹ < 2⁸³), and a row of them stays inside i128 (2¹⁰⁰ · 2¹⁰ · 2⁹ < 2¹²⁰):
            // a bound it enters stays above 2⁶⁴, which reads back as none.
            let (lo, hi) = (
                i128::from(lo),
                if hi == OPEN { BIG } else { i128::from(hi) },
            );
            // A domain is never empty (lo ≤ hi), so for 1 and -1, nearly every
            // coefficient, the term's bounds need no product or comparison.
            match c {
                1 => (lo, hi),
                -1 => (-hi, -lo),
                _ => {
                    let (a, b) = (i128::from(c) * lo, i128::from(c) * hi);
                    (a.min(b), a.max(b))
                }
            }
        }
        let (mut smin, mut smax) = (0i128, 0i128);
        for &(k, c) in row {
            let (a, b) = term(d, k, c);
            smin += a;
            smax += b;
        }
        if smin > 0 || smax < 0 {
            return false;
        }
        for &(k, c) in row {
            let (a, b) = term(d, k, c);
            // c·x = -(others), others in [smin - a, smax - b].
            let (ylo, yhi) = (-(smax - b), -(smin - a));
            // Almost every coefficient is 1 or -1 (a sum's whole and parts), where the
            // rounded quotients below are the bounds themselves or their negations: no
            // `i128` division (a library call, the costliest step of a revision).
            let (lo, hi) = match c {
                1 => (ylo, yhi),
                -1 => (-yhi, -ylo),
                _ => {
                    let c = i128::from(c);
                    if c > 0 {
                        (ceil_div(ylo, c), floor_div(yhi, c))
                    } else {
                        (ceil_div(yhi, c), floor_div(ylo, c))
                    }
                }
            };
            let (olo, ohi) = d[k];
            let nlo = lo.max(i128::from(olo));
            let nhi = hi.min(i128::from(ohi));
            if nlo > nhi {
                return false;
            }
            // Both inside the old domain, so they fit a u64.
            let n = (
                u64::try_from(nlo).unwrap_or(olo),
                u64::try_from(nhi).unwrap_or(ohi),
            );
            if n != (olo, ohi) {
                d[k] = n;
                changed.push(k);
            }
        }
        true
    }

    /// Interval propagation to a fixed point, or until its budget of revisions runs out
    /// (still sound). `false` when some domain empties.
    fn propagate(&mut self, d: &mut [Dom], start: Option<usize>) -> bool {
        let Search {
            rows,
            occurs_start,
            occurs,
            queued,
            queue,
            changed,
            ..
        } = self;
        queue.clear();
        match start {
            Some(k) => {
                for &r in &occurs[occurs_start[k]..occurs_start[k + 1]] {
                    queued[r] = true;
                    queue.push_back(r);
                }
            }
            None => {
                queued.fill(true);
                queue.extend(0..rows.len());
            }
        }
        let mut budget = 64usize.saturating_mul(rows.len()).saturating_add(64);
        let mut ok = true;
        while let Some(r) = queue.pop_front() {
            queued[r] = false;
            if budget == 0 {
                break;
            }
            budget -= 1;
            changed.clear();
            if !Search::revise(&rows[r], d, changed) {
                ok = false;
                break;
            }
            for &k in changed.iter() {
                for &t in &occurs[occurs_start[k]..occurs_start[k + 1]] {
                    if !queued[t] {
                        queued[t] = true;
                        queue.push_back(t);
                    }
                }
            }
        }
        for &r in queue.iter() {
            queued[r] = false;
        }
        ok
    }

    /// Whether the assignment satisfies every row, exactly.
    fn satisfies(&self, x: impl Fn(usize) -> u64) -> bool {
        self.rows.iter().all(|row| {
            row.iter()
                .map(|&(k, c)| i128::from(c) * i128::from(x(k)))
                .sum::<i128>()
                == 0
        })
    }

    /// Depth-first search in `d` for a solution: for a key's least (greatest) value, its
    /// domain is split first and its lower (upper) half tried first, so the first
    /// solution found is extreme in it. `budget`: the most nodes it may spend in all.
    /// `settled`: `d` is already propagated (the root box, propagated once for every
    /// search from it).
    fn dfs(&mut self, d: Vec<Dom>, goal: Goal, budget: u64, settled: bool) -> Found {
        // A node: its domains, the key just split (propagation starts from its rows),
        // and whether it is already propagated.
        let mut stack: Vec<(Vec<Dom>, Option<usize>, bool)> = vec![(d, None, settled)];
        // The extreme sought is usually propagation's own bound: its first split tries
        // that one value alone, before bisecting the rest.
        let mut first_split = true;
        let mut first_node = true;
        while let Some((mut d, split, settled)) = stack.pop() {
            if self.nodes >= budget {
                return Found::OutOfBudget;
            }
            self.nodes += 1;
            if !settled && !self.propagate(&mut d, split) {
                continue;
            }
            // Probes: every key at its low end, or at its high end, taken when it solves
            // the rows and is extreme for the goal.
            let (low_fits, high_fits) = match goal {
                Goal::Any => (true, true),
                Goal::Least(v) => (true, d[v].0 == d[v].1),
                Goal::Greatest(v) => (d[v].0 == d[v].1, true),
            };
            if low_fits && self.satisfies(|k| d[k].0) {
                return Found::Solution(d.iter().map(|&(lo, _)| lo).collect());
            }
            if high_fits && self.satisfies(|k| d[k].1) {
                return Found::Solution(d.iter().map(|&(_, hi)| hi).collect());
            }
            // At the first node, one dive: each key in turn set to its low end (the target
            // to its extreme), propagating after each; no backtracking. It finds a
            // solution in most groups at a cost of one propagation per key.
            if std::mem::take(&mut first_node)
                && let Some(x) = self.dive(&d, goal, budget)
            {
                return Found::Solution(x);
            }
            let target = match goal {
                Goal::Least(v) | Goal::Greatest(v) if d[v].0 < d[v].1 => Some(v),
                _ => None,
            };
            // Otherwise the key with the narrowest domain not yet a single value.
            let branch = target.or_else(|| {
                (0..d.len())
                    .filter(|&k| d[k].0 < d[k].1)
                    .min_by_key(|&k| d[k].1 - d[k].0)
            });
            let Some(k) = branch else {
                // Every key is one value and the probe found it does not solve the rows.
                continue;
            };
            let (lo, hi) = d[k];
            let greatest = goal == Goal::Greatest(k);
            let mid = if target.is_some() && std::mem::take(&mut first_split) {
                if greatest { hi - 1 } else { lo }
            } else {
                lo + (hi - lo) / 2
            };
            let mut lower = d.clone();
            lower[k] = (lo, mid);
            d[k] = (mid + 1, hi);
            let upper = d;
            // The half tried first is pushed last.
            if greatest {
                stack.push((lower, Some(k), false));
                stack.push((upper, Some(k), false));
            } else {
                stack.push((upper, Some(k), false));
                stack.push((lower, Some(k), false));
            }
        }
        Found::None
    }

    /// A solution found by fixing each key in turn to its low end (the goal's key first,
    /// to its extreme), propagating after each; `None` at the first domain emptied. Each
    /// step counts as a node.
    fn dive(&mut self, d: &[Dom], goal: Goal, budget: u64) -> Option<Vec<u64>> {
        let mut d = d.to_vec();
        let first = match goal {
            Goal::Any => None,
            Goal::Least(v) | Goal::Greatest(v) => Some(v),
        };
        for k in first.into_iter().chain(0..d.len()) {
            if d[k].0 == d[k].1 {
                continue;
            }
            if self.nodes >= budget {
                return None;
            }
            self.nodes += 1;
            d[k] = if goal == Goal::Greatest(k) {
                (d[k].1, d[k].1)
            } else {
                (d[k].0, d[k].0)
            };
            if !self.propagate(&mut d, Some(k)) {
                return None;
            }
        }
        self.satisfies(|k| d[k].0)
            .then(|| d.iter().map(|&(lo, _)| lo).collect())
    }

    /// Records a solution's values.
    fn saw(&mut self, x: &[u64]) {
        match &mut self.seen {
            None => self.seen = Some((x.to_vec(), x.to_vec())),
            Some((lo, hi)) => {
                for (k, &v) in x.iter().enumerate() {
                    lo[k] = lo[k].min(v);
                    hi[k] = hi[k].max(v);
                }
            }
        }
    }
}

/// The cap for keys with no upper bound: well above every finite bound, so a solution
/// that exists is usually found under it (it is never needed for a proof).
fn cap(dom: &[CountRange]) -> u64 {
    let most = dom
        .iter()
        .map(|d| d.hi().unwrap_or(d.lo()))
        .max()
        .unwrap_or(0);
    let n = u64::try_from(dom.len()).unwrap_or(u64::MAX);
    most.saturating_add(1)
        .saturating_mul(n.saturating_add(1))
        .saturating_mul(4)
        .min(1 << 62)
        .max(most)
}

/// Interval propagation with no cap (a key with no upper bound kept so): the sound
/// bounds it leaves, or `None` when some domain empties, a proof that the group has no
/// integer solution. A key it gives a ceiling is bounded from then on.
fn settle(s: &mut Search<'_>, dom: &[CountRange]) -> Option<Vec<CountRange>> {
    let mut d: Vec<Dom> = dom
        .iter()
        .map(|d| (d.lo(), d.hi().unwrap_or(OPEN)))
        .collect();
    if !s.propagate(&mut d, None) {
        return None;
    }
    // Each stays inside its domain as given, so it is a range.
    Some(
        d.iter()
            .zip(dom)
            .map(|(&(lo, hi), given)| {
                CountRange::new(lo, (hi != OPEN).then_some(hi)).unwrap_or(*given)
            })
            .collect(),
    )
}

/// Decides a group exactly: `rows` over `dom.len()` keys, `dom` the sound bounds
/// propagation gave them (so a least value equal to `dom`'s low end is proved without
/// the cap).
pub(crate) fn solve(rows: &[Vec<(usize, i64)>], dom: &[CountRange]) -> Answer {
    solve_keys(rows, dom, |_| true)
}

/// The exact range of each of `sums` (each a list of distinct keys of the group) over
/// the group's integer solutions: the least and greatest value of the sum in any
/// solution, no upper bound when it has none. `dom`: sound bounds of the group's keys,
/// as for [`solve`]. `None` when the group is not proved to have a solution or a range
/// is not proved (the budget, the cap, a group too large): the caller keeps the sum of
/// the keys' bounds, which contains the range.
///
/// Each sum is a new key `z` with the row `z - Σ keys = 0`; `z` is bounded by nothing
/// else, so the solutions of the group are unchanged and `z`'s exact bounds, found as
/// [`solve`] finds any key's, are the sum's range. One search for all the sums of a
/// group, within one budget of [`NODE_BUDGET`] nodes.
pub(crate) fn sum_ranges(
    rows: &[Vec<(usize, i64)>],
    dom: &[CountRange],
    sums: &[Vec<usize>],
) -> Option<Vec<CountRange>> {
    let n = dom.len();
    let mut all: Vec<Vec<(usize, i64)>> = Vec::with_capacity(rows.len() + sums.len());
    all.extend(rows.iter().cloned());
    let mut wide = dom.to_vec();
    for (i, keys) in sums.iter().enumerate() {
        let z = n + i;
        let mut row = vec![(z, 1)];
        row.extend(keys.iter().map(|&k| (k, -1)));
        // The sum of the keys' bounds: sound, so the search's floor for `z`.
        wide.push(
            keys.iter()
                .map(|&k| dom.get(k).copied().unwrap_or(CountRange::UNKNOWN))
                .fold(CountRange::exact(0), |a, b| a.plus(&b)),
        );
        all.push(row);
    }
    // Rows the group's imply, for propagation to see what the search would otherwise
    // have to find by splitting: where a sum row `w = Σ Q` of the group and a sum `z = Σ
    // P` nest, `w = z + Σ (Q \ P)` (P inside Q) or `z = w + Σ (P \ Q)` (Q inside P).
    // They hold in every solution, so the solutions and the exact bounds are unchanged.
    for (i, keys) in sums.iter().enumerate() {
        let z = n + i;
        for row in rows {
            let mut wholes = row.iter().filter(|t| t.1 == 1);
            let (Some(&(w, _)), None) = (wholes.next(), wholes.next()) else {
                continue;
            };
            if row.iter().any(|t| t.1 != 1 && t.1 != -1) {
                continue;
            }
            let q = |k: usize| row.iter().any(|&(j, c)| j == k && c == -1);
            let in_p = |k: usize| keys.contains(&k);
            let q_len = row.len() - 1;
            if keys.iter().all(|&k| q(k)) && q_len > keys.len() {
                let mut implied = vec![(w, 1), (z, -1)];
                implied.extend(
                    row.iter()
                        .filter(|t| t.1 == -1 && !in_p(t.0))
                        .map(|t| (t.0, -1)),
                );
                all.push(implied);
            } else if row.iter().filter(|t| t.1 == -1).all(|t| in_p(t.0)) && keys.len() > q_len {
                let mut implied = vec![(z, 1), (w, -1)];
                implied.extend(keys.iter().filter(|&&k| !q(k)).map(|&k| (k, -1)));
                all.push(implied);
            }
        }
    }
    match solve_keys(&all, &wide, |k| k >= n) {
        Answer::Exact(b) => Some(b[n..].to_vec()),
        Answer::Infeasible | Answer::Unknown { .. } => None,
    }
}

/// As [`solve`], proving the bounds of the keys `wanted` says only (the others are left
/// at the sound bounds propagation gave them).
fn solve_keys(
    rows: &[Vec<(usize, i64)>],
    dom: &[CountRange],
    wanted: impl Fn(usize) -> bool,
) -> Answer {
    let n = dom.len();
    let unknown = Answer::Unknown { witnessed: false };
    if !searchable(rows, n) {
        return unknown;
    }
    let rows = with_implied(rows);
    let mut s = Search::new(n, &rows);
    let Some(settled) = settle(&mut s, dom) else {
        return Answer::Infeasible;
    };
    let dom = &settled[..];
    let unbounded: Vec<bool> = dom.iter().map(|d| d.hi().is_none()).collect();
    let open = unbounded.iter().any(|&u| u);
    let mut boxed = boxed(dom);
    if !s.propagate(&mut boxed, None) {
        // Emptied under the cap: a proof only when nothing was capped.
        return if open { unknown } else { Answer::Infeasible };
    }
    match s.dfs(boxed.clone(), Goal::Any, NODE_BUDGET, true) {
        Found::Solution(x) => s.saw(&x),
        Found::None if !open => return Answer::Infeasible,
        Found::None | Found::OutOfBudget => return unknown,
    }
    let witnessed = Answer::Unknown { witnessed: true };
    let mut out = Vec::with_capacity(n);
    for v in 0..n {
        if !wanted(v) {
            out.push(dom[v]);
            continue;
        }
        let attained = |s: &Search<'_>, lower: bool| {
            s.seen.as_ref().map(|(lo, hi)| {
                if lower {
                    lo[v] == dom[v].lo()
                } else {
                    Some(hi[v]) == dom[v].hi()
                }
            }) == Some(true)
        };
        // Least value.
        let lo = if attained(&s, true) {
            dom[v].lo()
        } else {
            match s.dfs(boxed.clone(), Goal::Least(v), NODE_BUDGET, true) {
                Found::Solution(x) => {
                    s.saw(&x);
                    // Under the cap, the least is proved only on bounded domains.
                    if open && x[v] != dom[v].lo() {
                        return witnessed;
                    }
                    x[v]
                }
                Found::None | Found::OutOfBudget => return witnessed,
            }
        };
        // Greatest value: none, when a ray raises the key (checked below).
        let hi = if unbounded[v] {
            None
        } else if attained(&s, false) {
            dom[v].hi()
        } else {
            match s.dfs(boxed.clone(), Goal::Greatest(v), NODE_BUDGET, true) {
                Found::Solution(x) => {
                    s.saw(&x);
                    if open && Some(x[v]) != dom[v].hi() {
                        return witnessed;
                    }
                    Some(x[v])
                }
                Found::None | Found::OutOfBudget => return witnessed,
            }
        };
        match CountRange::new(lo, hi) {
            Ok(r) => out.push(r),
            Err(_) => return witnessed,
        }
    }
    // Each key with no upper bound needs a ray that raises it: a non-negative integer
    // solution of the rows, zero on every bounded key. The sum of rays is a ray, so one
    // ray covers every key it raises.
    let mut raised = vec![false; n];
    let ray_cap = cap(&[]).max(64);
    for v in 0..n {
        if !unbounded[v] || raised[v] || !wanted(v) {
            continue;
        }
        let mut cone: Vec<Dom> = unbounded
            .iter()
            .map(|&u| if u { (0, ray_cap) } else { (0, 0) })
            .collect();
        cone[v] = (1, ray_cap);
        match s.dfs(cone, Goal::Any, NODE_BUDGET, false) {
            Found::Solution(d) => {
                for (k, &x) in d.iter().enumerate() {
                    raised[k] |= x > 0;
                }
            }
            Found::None | Found::OutOfBudget => return witnessed,
        }
    }
    Answer::Exact(out)
}

/// Whether a group has an integer solution: `Some(false)` proved none (every domain
/// bounded), `Some(true)` found one, `None` not decided within the budget or under the
/// cap. `dom`: sound bounds, as for [`solve`]. The reconciliation asks only whether a
/// group is [`refuted`]; this full answer is for the tests.
#[cfg(test)]
pub(crate) fn feasible(rows: &[Vec<(usize, i64)>], dom: &[CountRange]) -> Option<bool> {
    let n = dom.len();
    if !searchable(rows, n) {
        return None;
    }
    let rows = with_implied(rows);
    let mut s = Search::new(n, &rows);
    let Some(settled) = settle(&mut s, dom) else {
        return Some(false);
    };
    let dom = &settled[..];
    let open = dom.iter().any(|d| d.hi().is_none());
    match s.dfs(boxed(dom), Goal::Any, NODE_BUDGET, false) {
        Found::Solution(_) => Some(true),
        Found::None if !open => Some(false),
        Found::None | Found::OutOfBudget => None,
    }
}

/// Whether a group is proved to have no integer solution (`feasible` would be
/// `Some(false)`).
/// Under a key with no upper bound that propagation leaves open, the search can only
/// find a solution, never prove there is none, so it is not run: the answer is `false`
/// either way, and a search that would only spend its budget to say so is skipped (the
/// minimal-conflict filters ask this for every claim and every sum they test).
pub(crate) fn refuted(rows: &[Vec<(usize, i64)>], dom: &[CountRange]) -> bool {
    let n = dom.len();
    if !searchable(rows, n) {
        return false;
    }
    let rows = with_implied(rows);
    let mut s = Search::new(n, &rows);
    let Some(settled) = settle(&mut s, dom) else {
        return true;
    };
    if settled.iter().any(|d| d.hi().is_none()) {
        return false;
    }
    matches!(
        s.dfs(boxed(&settled), Goal::Any, NODE_BUDGET, false),
        Found::None
    )
}

/// How many of a row's keys are not `terminal` (the keys the conflicting claims bound):
/// the filters test rows through more such keys first, so that of two ways to show a
/// contradiction the one through the claims' own keys is kept.
pub(crate) fn outside(row: &[(usize, i64)], terminal: &[bool]) -> usize {
    row.iter()
        .filter(|&&(k, _)| !terminal.get(k).copied().unwrap_or(false))
        .count()
}

/// Rows of a group beyond which a contradiction cites all of them (each is tested).
pub(crate) const FILTER_ROWS: usize = 64;

/// Of a group's rows, a set that still has no integer solution with `dom` and from
/// which dropping any one row leaves a solution, found by a deletion filter with the
/// exact check as oracle (a row dropped only widens the set of solutions, so each row
/// kept was needed when tested and stays needed). `None` when the group is not proved
/// to have no solution, or has more than [`FILTER_ROWS`] rows. A row is kept when its
/// test is undecided, so what is returned always has no solution.
///
/// `terminal`: the keys the conflicting claims bound. Rows through more other keys are
/// tested first, so of two ways to show the contradiction the one through the claims'
/// own keys is kept ("all = a + b" rather than the same through every category).
pub(crate) fn needed_rows(
    rows: &[Vec<(usize, i64)>],
    dom: &[CountRange],
    terminal: &[bool],
) -> Option<Vec<usize>> {
    if rows.len() > FILTER_ROWS || !refuted(rows, dom) {
        return None;
    }
    let mut order: Vec<usize> = (0..rows.len()).collect();
    let others = |r: usize| outside(&rows[r], terminal);
    order.sort_by_key(|&r| std::cmp::Reverse(others(r)));
    let mut keep = vec![true; rows.len()];
    for r in order {
        keep[r] = false;
        let rest: Vec<Vec<(usize, i64)>> = rows
            .iter()
            .zip(&keep)
            .filter(|&(_, &k)| k)
            .map(|(row, _)| row.clone())
            .collect();
        if !refuted(&rest, dom) {
            keep[r] = true;
        }
    }
    Some((0..rows.len()).filter(|&r| keep[r]).collect())
}

/// Whether a group is small enough, and its coefficients, to be searched.
/// Rows of a group up to which [`with_implied`] adds the rows two of them imply.
const IMPLY_ROWS: usize = 64;

/// The rows with, added, the difference (or sum) of each two of them that cancels two
/// keys or more: `x = a + b + c` and `x = a + d` give `d = b + c`. Each holds in every
/// solution of the two, so the solutions, the exact bounds and every answer are
/// unchanged; what changes is what propagation sees. Interval propagation cannot cancel
/// a key against itself: where `x` and `a` have no upper bound, the two rows above with
/// `b = c = 2` and `d ≥ 5` have no solution, but propagation under the cap only lowers
/// `x`'s and `a`'s ceilings one unit per revision from the cap down, and the search
/// spent its whole budget of nodes without a proof (a group of the 10^5 corpus). The
/// implied row shows it at once (`d = 4`).
///
/// Only rows that cancel two keys or more and are shorter than the longer of the two
/// are added: a row over fewer keys says more about each, while one as long as both
/// (`x + e = b + d` from `x = a + b + c` and `d = a + c + e`) only makes every node
/// of the search dearer (a group of the 10^4 corpus that runs out of budget either way
/// cost 17 % more instructions with such a row). Coefficients stay within the search's
/// limit, each row is added once (rows equal up to sign are one), and only for groups
/// of at most [`IMPLY_ROWS`] rows: at most `IMPLY_ROWS² / 2` pairs, each compared in the
/// rows' length.
fn with_implied(rows: &[Vec<(usize, i64)>]) -> std::borrow::Cow<'_, [Vec<(usize, i64)>]> {
    use std::borrow::Cow;
    if rows.len() < 2 || rows.len() > IMPLY_ROWS {
        return Cow::Borrowed(rows);
    }
    // Each row sorted by key with its coefficients summed, the first made positive: two
    // rows that are one equation compare equal.
    fn normal(row: &[(usize, i64)]) -> Vec<(usize, i64)> {
        let mut r: Vec<(usize, i64)> = row.to_vec();
        r.sort_unstable();
        let mut out: Vec<(usize, i64)> = Vec::with_capacity(r.len());
        for (k, c) in r {
            match out.last_mut() {
                Some((lk, lc)) if *lk == k => *lc = lc.saturating_add(c),
                _ => out.push((k, c)),
            }
        }
        out.retain(|&(_, c)| c != 0);
        if out.first().is_some_and(|&(_, c)| c < 0) {
            for t in &mut out {
                t.1 = -t.1;
            }
        }
        out
    }
    // How many keys subtracting (same coefficient) and adding (opposite) the two rows
    // cancel. Rows are short: a scan of one for each key of the other, no allocation
    // (nearly every group has no pair that cancels two keys).
    fn cancelled(a: &[(usize, i64)], b: &[(usize, i64)]) -> (usize, usize) {
        let (mut same, mut opposite) = (0usize, 0usize);
        for &(k, c) in a {
            if let Some(&(_, d)) = b.iter().find(|t| t.0 == k) {
                if c == d {
                    same += 1;
                } else if c == -d {
                    opposite += 1;
                }
            }
        }
        (same, opposite)
    }
    // `a ± b` when it cancels two keys or more and is no longer than the longer of the
    // two, normalised; `None` otherwise.
    fn combine(a: &[(usize, i64)], b: &[(usize, i64)]) -> Option<Vec<(usize, i64)>> {
        let (same, opposite) = cancelled(a, b);
        let sign = match (same.max(opposite) >= 2, same >= opposite) {
            (false, _) => return None,
            (true, true) => -1,
            (true, false) => 1,
        };
        let combined: Vec<(usize, i64)> = a
            .iter()
            .copied()
            .chain(b.iter().map(|&(k, c)| (k, sign * c)))
            .collect();
        let row = normal(&combined);
        (!row.is_empty()
            && row.len() <= a.len().max(b.len())
            && row.iter().all(|&(_, c)| c.abs() <= MAX_COEFFICIENT))
        .then_some(row)
    }
    let mut seen: Option<std::collections::HashSet<Vec<(usize, i64)>>> = None;
    let mut added: Vec<Vec<(usize, i64)>> = Vec::new();
    // Rows as long as their longer source: not added (they make every node dearer and
    // say no more by themselves), but combined once more with the rows given, which
    // finds what three rows imply: `x = a + b + c`, `y = a + c + d` and `x = y + e` give
    // `x + d = y + b` (as long as the first), then `e + d = b`.
    let mut level: Vec<Vec<(usize, i64)>> = Vec::new();
    for (i, a) in rows.iter().enumerate() {
        for b in &rows[i + 1..] {
            let Some(row) = combine(a, b) else {
                continue;
            };
            let seen = seen.get_or_insert_with(|| rows.iter().map(|r| normal(r)).collect());
            if seen.insert(row.clone()) {
                if row.len() < a.len().max(b.len()) {
                    added.push(row);
                } else if level.len() < IMPLY_ROWS {
                    level.push(row);
                }
            }
        }
    }
    for a in &level {
        for b in rows {
            let Some(row) = combine(a, b) else {
                continue;
            };
            if row.len() < a.len().max(b.len()) {
                let seen = seen.get_or_insert_with(|| rows.iter().map(|r| normal(r)).collect());
                if seen.insert(row.clone()) {
                    added.push(row);
                }
            }
        }
    }
    if added.is_empty() {
        return Cow::Borrowed(rows);
    }
    let mut all = rows.to_vec();
    all.extend(added);
    Cow::Owned(all)
}

fn searchable(rows: &[Vec<(usize, i64)>], n: usize) -> bool {
    n <= SEARCH_KEYS
        && rows
            .iter()
            .flatten()
            .all(|&(k, c)| k < n && c.unsigned_abs() <= MAX_COEFFICIENT.unsigned_abs())
}

/// The domains made finite: a key with no upper bound gets the cap.
fn boxed(dom: &[CountRange]) -> Vec<Dom> {
    let top = cap(dom);
    dom.iter()
        .map(|d| (d.lo(), d.hi().unwrap_or(top.max(d.lo()))))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(lo: u64, hi: Option<u64>) -> CountRange {
        CountRange::new(lo, hi).unwrap()
    }

    #[test]
    fn a_parity_contradiction_propagation_cannot_see() {
        // t = a + b, a = b (a one-part breakdown), t = 2x + 1 has no solution: t in 3..=3.
        let rows = vec![vec![(0, 1), (1, -1), (2, -1)], vec![(1, 1), (2, -1)]];
        let dom = vec![r(3, Some(3)), r(0, Some(3)), r(0, Some(3))];
        assert_eq!(solve(&rows, &dom), Answer::Infeasible);
    }

    #[test]
    fn an_unbounded_key_is_proved_unbounded_by_a_ray() {
        // t = a + b with a at least 2: t and b have no upper bound.
        let rows = vec![vec![(0, 1), (1, -1), (2, -1)]];
        let dom = vec![r(2, None), r(2, Some(2)), r(0, None)];
        assert_eq!(
            solve(&rows, &dom),
            Answer::Exact(vec![r(2, None), r(2, Some(2)), r(0, None)])
        );
    }

    #[test]
    fn parity_is_undecided_with_no_ceiling_or_past_the_budget_and_proved_otherwise() {
        // t = a + b, a = b (t even) and t = c + e, e = c + f, f = 1 (t odd). Propagation
        // sees nothing; with every key but f unbounded no cap can prove the
        // contradiction (DESIGN.md: there is no small cap in general), so the answer is
        // left to propagation. Give t a ceiling and the search proves it.
        let rows = vec![
            vec![(0, 1), (1, -1), (2, -1)],
            vec![(1, 1), (2, -1)],
            vec![(0, 1), (3, -1), (4, -1)],
            vec![(3, -1), (4, 1), (5, -1)],
        ];
        let mut dom = vec![r(0, None); 6];
        dom[5] = r(1, Some(1));
        assert_eq!(solve(&rows, &dom), Answer::Unknown { witnessed: false });
        assert_eq!(feasible(&rows, &dom), None);
        dom[0] = r(0, Some(20));
        assert_eq!(solve(&rows, &dom), Answer::Infeasible);
        assert_eq!(feasible(&rows, &dom), Some(false));
        // A ceiling far up: proving it means trying every value of t, past the budget.
        dom[0] = r(0, Some(100_000));
        assert_eq!(solve(&rows, &dom), Answer::Unknown { witnessed: false });
    }

    #[test]
    fn two_sums_of_one_whole_cancel_what_they_share() {
        // A group of the generated 10^5 corpus (keys renumbered as found there): x0 =
        // x1 + x2 + x3 and x0 = x1 + x4 with x2 = x3 = 2 leave x4 = 4, but x4 is 5..=146.
        // x0 and x1 have no ceiling, so propagation under the cap lowered their ceilings
        // one unit per revision and the search spent its whole budget with no proof. The
        // implied row x4 = x2 + x3 proves it before any split.
        let rows = vec![
            vec![(0, 1), (1, -1), (2, -1), (3, -1)],
            vec![(0, 1), (1, -1), (4, -1)],
            vec![(1, -1), (2, -1), (4, -1), (5, 1)],
            vec![(0, 1), (6, -1), (9, -1)],
            vec![(5, 1), (8, -1), (10, -1)],
            vec![(7, -1), (11, 1), (12, -1)],
            vec![(0, 1), (5, -1), (11, -1)],
            vec![(6, 1), (7, -1), (10, -1)],
            vec![(8, -1), (9, 1), (12, -1)],
        ];
        let dom = vec![
            r(7971, None),
            r(7967, None),
            r(2, Some(2)),
            r(2, Some(2)),
            r(5, Some(146)),
            r(7906, None),
            r(65, None),
            r(65, None),
            r(154, None),
            r(154, None),
            r(0, None),
            r(65, None),
            r(0, None),
        ];
        assert_eq!(solve(&rows, &dom), Answer::Infeasible);
        assert!(refuted(&rows, &dom));
        let implied = with_implied(&rows);
        assert!(
            implied.contains(&vec![(2, 1), (3, 1), (4, -1)]),
            "{:?}",
            &implied[rows.len()..]
        );
    }

    #[test]
    fn three_rows_that_cancel_an_open_key_give_a_floor() {
        // A group of the generated 10^4 corpus: x0 = x1 + x2 + x3, x4 = x1 + x3 + x5 and
        // x0 = x4 + x11 give x2 = x5 + x11, so x2 (1..=10, x5 = 7) is at least 7; x3 has
        // no ceiling, so propagation alone never sees it, and the search for x2's least
        // value spent the whole budget (`Unknown`). The row of the first two (as long as
        // them) combined with the third finds it.
        let rows = vec![
            vec![(0, 1), (1, -1), (2, -1), (3, -1)],
            vec![(1, -1), (3, -1), (4, 1), (5, -1)],
            vec![(0, 1), (8, -1), (9, -1)],
            vec![(4, 1), (6, -1), (10, -1)],
            vec![(7, -1), (11, 1), (12, -1)],
            vec![(0, 1), (4, -1), (11, -1)],
            vec![(6, -1), (7, -1), (9, 1)],
            vec![(8, 1), (10, -1), (12, -1)],
        ];
        let mut dom = vec![r(0, None); 13];
        dom[0] = r(2365, None);
        dom[1] = r(15, Some(15));
        dom[2] = r(1, Some(10));
        dom[3] = r(2340, None);
        dom[4] = r(2362, None);
        dom[5] = r(7, Some(7));
        dom[8] = r(2365, Some(2891));
        dom[10] = r(0, Some(2891));
        dom[12] = r(0, Some(2891));
        match solve(&rows, &dom) {
            Answer::Exact(b) => assert_eq!(b[2], r(7, Some(10))),
            other => panic!("{other:?}"),
        }
        let implied = with_implied(&rows);
        assert!(
            implied[rows.len()..].contains(&vec![(2, 1), (5, -1), (11, -1)]),
            "{:?}",
            &implied[rows.len()..]
        );
    }

    use proptest::prelude::*;

    use crate::reconcile::flow::tests::solutions;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        /// The rows two rows imply hold in every integer solution of the rows (so adding
        /// them changes no answer), and the rows given come first, unchanged.
        #[test]
        fn implied_rows_hold_in_every_solution(rows in systems(), dom in domains(false)) {
            let implied = with_implied(&rows);
            prop_assert_eq!(&implied[..rows.len()], &rows[..]);
            for x in solutions(5, &rows, &dom, 7) {
                for row in implied.iter() {
                    let v: i128 = row.iter().map(|&(k, c)| i128::from(c) * i128::from(x[k])).sum();
                    prop_assert_eq!(v, 0, "{:?} fails {:?}", row, x);
                }
            }
        }
    }

    /// Sum systems over five keys, `whole - Σ parts`, a key in up to every row: trees,
    /// cycles, networks and the shapes that are neither (a key in three sums, a
    /// one-part breakdown `a = b`, a part named twice) all come up.
    fn systems() -> impl Strategy<Value = Vec<Vec<(usize, i64)>>> {
        let row = (0usize..5, proptest::collection::vec(0usize..5, 1..=3));
        proptest::collection::vec(row, 1..=6).prop_map(|rs| {
            rs.into_iter()
                .filter(|(w, ps)| !ps.contains(w))
                .map(|(w, ps)| {
                    let mut r: Vec<(usize, i64)> = vec![(w, 1)];
                    for p in ps {
                        match r.iter_mut().find(|t| t.0 == p) {
                            Some(t) => t.1 -= 1,
                            None => r.push((p, -1)),
                        }
                    }
                    r.sort_unstable();
                    r
                })
                .collect()
        })
    }

    fn domains(unbounded: bool) -> impl Strategy<Value = Vec<CountRange>> {
        proptest::collection::vec((0u64..=3, 0u64..=7, proptest::bool::weighted(0.3)), 5).prop_map(
            move |v| {
                v.into_iter()
                    .map(|(lo, w, open)| {
                        if unbounded && open {
                            r(lo, None)
                        } else {
                            r(lo, Some((lo + w).min(7)))
                        }
                    })
                    .collect()
            },
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        /// On bounded domains the search is exact: no solution exactly when brute force
        /// over the integers finds none, and each key's bounds exactly the least and
        /// greatest value it takes in one.
        #[test]
        fn search_is_exact_against_brute_force(rows in systems(), dom in domains(false)) {
            let all = solutions(5, &rows, &dom, 7);
            match solve(&rows, &dom) {
                Answer::Infeasible => prop_assert!(all.is_empty(), "{:?} solves", all.first()),
                Answer::Exact(b) => {
                    prop_assert!(!all.is_empty());
                    for k in 0..5 {
                        let lo = all.iter().map(|x| x[k]).min().unwrap();
                        let hi = all.iter().map(|x| x[k]).max().unwrap();
                        prop_assert_eq!(b[k], r(lo, Some(hi)), "key {}", k);
                    }
                }
                Answer::Unknown { .. } => prop_assert!(false, "undecided on five bounded keys"),
            }
            prop_assert_eq!(feasible(&rows, &dom), Some(!all.is_empty()));
            prop_assert_eq!(refuted(&rows, &dom), all.is_empty());
        }
    }

    /// Two sums of keys (non-empty subsets of the five, as bit masks).
    fn sums() -> impl Strategy<Value = Vec<Vec<usize>>> {
        proptest::collection::vec(1u8..32, 1..=2).prop_map(|masks| {
            masks
                .into_iter()
                .map(|m| (0..5).filter(|k| m >> k & 1 == 1).collect())
                .collect()
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]
        /// On bounded domains the range of a sum of keys is exact: the least and greatest
        /// value of the sum in any integer solution, by brute force, and no range when
        /// there is no solution.
        #[test]
        fn sum_ranges_are_exact_against_brute_force(rows in systems(), dom in domains(false), sums in sums()) {
            let all = solutions(5, &rows, &dom, 7);
            match sum_ranges(&rows, &dom, &sums) {
                None => prop_assert!(all.is_empty(), "undecided on five bounded keys"),
                Some(b) => {
                    prop_assert!(!all.is_empty());
                    prop_assert_eq!(b.len(), sums.len());
                    for (keys, got) in sums.iter().zip(b) {
                        let value = |x: &Vec<u64>| keys.iter().map(|&k| x[k]).sum::<u64>();
                        let lo = all.iter().map(value).min().unwrap();
                        let hi = all.iter().map(value).max().unwrap();
                        prop_assert_eq!(got, r(lo, Some(hi)), "sum of {:?}", keys);
                    }
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        /// With some keys unbounded above, a range of a sum the search proves contains
        /// every value the sum takes in a solution brute force finds (below 12).
        #[test]
        fn sum_ranges_with_open_keys_contain_every_solution(rows in systems(), dom in domains(true), sums in sums()) {
            let all = solutions(5, &rows, &dom, 11);
            if let Some(b) = sum_ranges(&rows, &dom, &sums) {
                for (keys, got) in sums.iter().zip(b) {
                    for x in &all {
                        let v = keys.iter().map(|&k| x[k]).sum::<u64>();
                        prop_assert!(got.contains(v), "sum of {:?} = {} outside {}", keys, v, got);
                    }
                }
            }
        }

        /// With some keys unbounded above, what the search proves is true: no solution
        /// means brute force finds none either (below 12), and exact bounds contain every
        /// solution it finds.
        #[test]
        fn search_with_open_keys_proves_only_what_holds(rows in systems(), dom in domains(true)) {
            let all = solutions(5, &rows, &dom, 11);
            match solve(&rows, &dom) {
                Answer::Infeasible => prop_assert!(all.is_empty(), "{:?} solves", all.first()),
                Answer::Exact(b) => {
                    for x in &all {
                        for k in 0..5 {
                            prop_assert!(b[k].contains(x[k]), "key {} = {} outside {}", k, x[k], b[k]);
                        }
                    }
                }
                Answer::Unknown { .. } => {}
            }
            if feasible(&rows, &dom) == Some(false) {
                prop_assert!(all.is_empty());
            }
            // `refuted` skips only the searches that could not refute.
            prop_assert_eq!(refuted(&rows, &dom), feasible(&rows, &dom) == Some(false));
        }
    }
}
