//! Exact part-whole checks where the sums form a network: feasibility, a violated cut,
//! and each key's exact bounds, by maximum flow.
//!
//! # When sums are a network
//!
//! Each sum `whole = p₁ + … + pₖ` is a row `whole - p₁ - … - pₖ = 0`. Flip the sign of
//! some rows so that every key has at most one `+1` and at most one `-1` among the rows
//! it appears in: then each row is a node, each key an arc (from the row where it is `-1`
//! to the row where it is `+1`, or to and from a ground node when it appears once), and
//! the sums say that flow is conserved at every node. Finding the signs is a two-colouring
//! of the rows (a key in two rows with the same coefficient needs opposite signs, with
//! opposite coefficients equal ones), done in one pass; it fails when a key is in three
//! rows or more, or a cycle of rows needs an odd number of flips.
//!
//! Totals over the sides, `any = military + civilian` (with `unknown`), a breakdown of
//! either, and the whose × category grid they make together are networks; so are cycles
//! of breakdowns (`X = Y + W`, `Y = X + Z`). The three-way grid of measures, sides and
//! categories is not, in general.
//!
//! # Why the answer is exact
//!
//! A network matrix is totally unimodular, so with integer bounds the polytope
//! `{x : Ax = 0, l ≤ x ≤ u}` has integer vertices: the linear relaxation and the integer
//! problem have the same feasibility and the same bounds for every key. Feasibility is
//! Hoffman's circulation theorem, decided by one maximum flow: a circulation within the
//! bounds exists iff for every set of nodes `S` the lower bounds of the arcs entering `S`
//! sum to no more than the upper bounds of the arcs leaving it; when the flow falls
//! short, the nodes still reachable from the source give such an `S`, and its crossing
//! arcs are the claims and sums behind the contradiction. A key's largest value is its
//! value in a feasible circulation plus the most flow that can return around it (a
//! maximum flow in the residual graph without the arc itself), and its smallest likewise.
//!
//! # Cost
//!
//! Feasibility is one maximum flow (Dinic's algorithm: O(V² E) in general, and a few
//! phases on these shallow graphs, whose longest path crosses each kind of sum once). A
//! bound is one more maximum flow, run only when interval propagation's bound is not
//! already attained by the feasible circulation found, so a key whose bound propagation
//! already got right costs nothing more.

use crate::range::CountRange;

const INF: u64 = u64::MAX;

/// Arcs of a network: each key's (tail, head) node, or `None` when it is in no row.
pub(crate) struct Graph {
    /// Number of nodes; the last is the ground node.
    nodes: usize,
    /// Per key: the arc it is, if it appears in a row.
    pub arcs: Vec<Option<(usize, usize)>>,
}

/// Finds row signs making `rows` a network, or `None` when there are none.
///
/// `rows[r]` lists `(key, coefficient)`, with a key at most once per row; coefficients
/// other than ±1 are not a network.
pub(crate) fn recognize(keys: usize, rows: &[Vec<(usize, i64)>]) -> Option<Graph> {
    // Per key: the rows it appears in (at most two), with its coefficient. Fixed-size
    // slots and the rows' links in compressed sparse rows, not a list per key and per
    // row: this runs for every group and every conflict check, on a few tens of keys.
    let mut occ: Vec<[(usize, i64); 2]> = vec![[(0, 0); 2]; keys];
    let mut count = vec![0u8; keys];
    for (r, row) in rows.iter().enumerate() {
        for &(k, c) in row {
            if c != 1 && c != -1 {
                return None;
            }
            if count[k] == 2 {
                return None;
            }
            occ[k][usize::from(count[k])] = (r, c);
            count[k] += 1;
        }
    }
    let occ = |k: usize| &occ[k][..usize::from(count[k])];
    // Two-colour the rows: a key in rows a, b with coefficients ca, cb needs
    // sign(a)·ca = -sign(b)·cb. Row `a`'s links are `link[start[a]..start[a + 1]]`, in
    // the order of the keys that make them.
    let mut start = vec![0usize; rows.len() + 1];
    for k in 0..keys {
        if let [(a, _), (b, _)] = occ(k) {
            start[a + 1] += 1;
            start[b + 1] += 1;
        }
    }
    for r in 0..rows.len() {
        start[r + 1] += start[r];
    }
    let mut fill = start.clone();
    let mut link = vec![(0usize, 0i64); start[rows.len()]];
    for k in 0..keys {
        if let [(a, ca), (b, cb)] = occ(k) {
            // sign(b) = -sign(a)·ca·cb
            let rel = -ca * cb;
            link[fill[*a]] = (*b, rel);
            fill[*a] += 1;
            link[fill[*b]] = (*a, rel);
            fill[*b] += 1;
        }
    }
    let mut sign = vec![0i64; rows.len()];
    let mut stack = Vec::new();
    for first in 0..rows.len() {
        if sign[first] != 0 {
            continue;
        }
        sign[first] = 1;
        stack.push(first);
        while let Some(a) = stack.pop() {
            for &(b, rel) in &link[start[a]..start[a + 1]] {
                let want = sign[a] * rel;
                if sign[b] == 0 {
                    sign[b] = want;
                    stack.push(b);
                } else if sign[b] != want {
                    return None;
                }
            }
        }
    }
    let ground = rows.len();
    let arcs = (0..keys)
        .map(|k| {
            let o = occ(k);
            // +1 after signing: the arc enters the row; -1: it leaves it.
            let mut tail = ground;
            let mut head = ground;
            for &(r, c) in o {
                if sign[r] * c > 0 {
                    head = r;
                } else {
                    tail = r;
                }
            }
            (!o.is_empty()).then_some((tail, head))
        })
        .collect();
    Some(Graph {
        nodes: rows.len() + 1,
        arcs,
    })
}

/// Dinic's maximum flow on `u64` capacities (`INF` for none).
struct MaxFlow {
    head: Vec<usize>,
    to: Vec<usize>,
    cap: Vec<u64>,
    next: Vec<usize>,
    level: Vec<u32>,
    it: Vec<usize>,
    /// The breadth-first searches' queue, kept between searches: a bound query runs
    /// many of them on a small graph, and a new queue for each cost more than the search.
    queue: Vec<usize>,
}

const NIL: usize = usize::MAX;

impl MaxFlow {
    /// A graph on `n` nodes with room for `edges` edges (each with its reverse).
    fn new(n: usize, edges: usize) -> MaxFlow {
        MaxFlow {
            head: vec![NIL; n],
            to: Vec::with_capacity(2 * edges),
            cap: Vec::with_capacity(2 * edges),
            next: Vec::with_capacity(2 * edges),
            level: vec![0; n],
            it: vec![0; n],
            queue: Vec::with_capacity(n),
        }
    }

    /// Adds `a → b` with capacity `c`; returns the edge index (its reverse is `^ 1`).
    fn edge(&mut self, a: usize, b: usize, c: u64) -> usize {
        let e = self.to.len();
        for (from, to, cap) in [(a, b, c), (b, a, 0)] {
            self.to.push(to);
            self.cap.push(cap);
            self.next.push(self.head[from]);
            self.head[from] = self.to.len() - 1;
        }
        e
    }

    fn bfs(&mut self, s: usize, t: usize) -> bool {
        self.level.iter_mut().for_each(|l| *l = u32::MAX);
        self.level[s] = 0;
        // First in, first out: the queue is read from `front` on.
        self.queue.clear();
        self.queue.push(s);
        let mut front = 0;
        while let Some(&a) = self.queue.get(front) {
            front += 1;
            let mut e = self.head[a];
            while e != NIL {
                let b = self.to[e];
                if self.cap[e] > 0 && self.level[b] == u32::MAX {
                    self.level[b] = self.level[a] + 1;
                    if b == t {
                        // Every node closer to `s` than `t` is levelled by now (first in,
                        // first out), and no node at `t`'s level or beyond lies on a
                        // shortest path to it: the blocking flow pushes the same paths
                        // as after a full levelling, with less of the graph walked.
                        return true;
                    }
                    self.queue.push(b);
                }
                e = self.next[e];
            }
        }
        self.level[t] != u32::MAX
    }

    fn dfs(&mut self, a: usize, t: usize, limit: u64) -> u64 {
        if a == t {
            return limit;
        }
        while self.it[a] != NIL {
            let e = self.it[a];
            let b = self.to[e];
            if self.cap[e] > 0 && self.level[b] == self.level[a] + 1 {
                let got = self.dfs(b, t, limit.min(self.cap[e]));
                if got > 0 {
                    if self.cap[e] != INF {
                        self.cap[e] -= got;
                    }
                    if self.cap[e ^ 1] != INF {
                        self.cap[e ^ 1] = self.cap[e ^ 1].saturating_add(got);
                    }
                    return got;
                }
            }
            self.it[a] = self.next[e];
        }
        0
    }

    /// Pushes up to `limit` from `s` to `t`; returns how much went.
    fn run(&mut self, s: usize, t: usize, limit: u64) -> u64 {
        let mut total = 0u64;
        while total < limit && self.bfs(s, t) {
            self.it.clone_from(&self.head);
            loop {
                let got = self.dfs(s, t, limit - total);
                if got == 0 {
                    break;
                }
                total = total.saturating_add(got);
                if total >= limit {
                    break;
                }
            }
        }
        total
    }

    /// Pushes up to `limit` from `s` to `t` one shortest augmenting path at a time, each
    /// search stopping as soon as it reaches `t`: for the small top-ups of the deletion
    /// filter, where a Dinic phase would first level the whole graph.
    fn augment(&mut self, s: usize, t: usize, limit: u64, via: &mut Vec<usize>) -> u64 {
        let mut total = 0u64;
        while total < limit {
            via.clear();
            via.resize(self.head.len(), NIL);
            self.queue.clear();
            self.queue.push(s);
            let mut front = 0;
            let mut found = false;
            'search: while let Some(&a) = self.queue.get(front) {
                front += 1;
                let mut e = self.head[a];
                while e != NIL {
                    let b = self.to[e];
                    if self.cap[e] > 0 && b != s && via[b] == NIL {
                        via[b] = e;
                        if b == t {
                            found = true;
                            break 'search;
                        }
                        self.queue.push(b);
                    }
                    e = self.next[e];
                }
            }
            if !found {
                break;
            }
            let mut push = limit - total;
            let mut v = t;
            while v != s {
                let e = via[v];
                push = push.min(self.cap[e]);
                v = self.to[e ^ 1];
            }
            let mut v = t;
            while v != s {
                let e = via[v];
                if self.cap[e] != INF {
                    self.cap[e] -= push;
                }
                if self.cap[e ^ 1] != INF {
                    self.cap[e ^ 1] = self.cap[e ^ 1].saturating_add(push);
                }
                v = self.to[e ^ 1];
            }
            total = total.saturating_add(push);
        }
        total
    }

    /// Nodes reachable from `s` in the residual graph.
    fn reachable(&self, s: usize) -> Vec<bool> {
        let mut seen = vec![false; self.head.len()];
        seen[s] = true;
        let mut stack = vec![s];
        while let Some(a) = stack.pop() {
            let mut e = self.head[a];
            while e != NIL {
                let b = self.to[e];
                if self.cap[e] > 0 && !seen[b] {
                    seen[b] = true;
                    stack.push(b);
                }
                e = self.next[e];
            }
        }
        seen
    }
}

/// A violated cut: the keys whose lower bounds enter it and whose upper bounds leave it,
/// and the rows on its side away from the ground node.
#[derive(Debug)]
pub(crate) struct Cut {
    /// Keys whose lower bound is part of the contradiction.
    pub lower: Vec<usize>,
    /// Keys whose upper bound is part of the contradiction.
    pub upper: Vec<usize>,
    /// Rows whose sums, added up, give the violated inequality.
    pub rows: Vec<usize>,
}

/// A feasible circulation with its residual network, ready for bound queries.
pub(crate) struct Circulation {
    flow: Vec<u64>,
    net: MaxFlow,
    /// The residual capacities of the circulation, restored after each trial push.
    base: Vec<u64>,
    /// Per key: its forward edge in `net`.
    edge: Vec<Option<usize>>,
}

/// The flow network of a circulation with bounds: each key's arc carries its lower
/// bound as a demand on its head and a supply at its tail (edges from the source and to
/// the sink), and the room above it as capacity. With `relaxable`, each arc also gets a
/// reverse edge and each row a pair of edges to ground, all at zero capacity, for the
/// deletion filter to open.
struct Built {
    net: MaxFlow,
    /// Per key: its forward edge (`NIL` when in no row).
    fwd: Vec<usize>,
    /// Per key: its reverse edge (`NIL` unless relaxable).
    back: Vec<usize>,
    /// Per row: its edges to and from ground (empty unless relaxable).
    free: Vec<(usize, usize)>,
    /// What must flow from the source for every lower bound to be met.
    need: u128,
    source: usize,
    sink: usize,
}

fn build(g: &Graph, dom: &[CountRange], relaxable: bool) -> Built {
    let n = g.nodes;
    let (source, sink) = (n, n + 1);
    let keys = g.arcs.len();
    // Per key one arc (two when relaxable), per row two to ground when relaxable, and at
    // most one to the source or sink per node.
    let edges = keys * (1 + usize::from(relaxable)) + 2 * n * usize::from(relaxable) + n;
    let mut net = MaxFlow::new(n + 2, edges);
    let mut excess = vec![0i128; n];
    let mut fwd = vec![NIL; keys];
    let mut back = vec![NIL; keys];
    for (k, arc) in g.arcs.iter().enumerate() {
        if let Some((a, b)) = *arc {
            let (l, u) = (dom[k].lo(), dom[k].hi());
            excess[b] += i128::from(l);
            excess[a] -= i128::from(l);
            fwd[k] = net.edge(a, b, u.map_or(INF, |u| u - l));
            if relaxable {
                // Room to fall below the lower bound once a claim setting it is dropped.
                back[k] = net.edge(b, a, 0);
            }
        }
    }
    let ground = n - 1;
    let free = if relaxable {
        // A dropped breakdown frees its row: its node may then exchange any flow with
        // ground.
        (0..ground)
            .map(|v| (net.edge(v, ground, 0), net.edge(ground, v, 0)))
            .collect()
    } else {
        Vec::new()
    };
    let mut need: u128 = 0;
    for (v, &x) in excess.iter().enumerate() {
        let c = u64::try_from(x.unsigned_abs()).unwrap_or(INF - 1);
        if x > 0 {
            net.edge(source, v, c);
            need += u128::from(c);
        } else if x < 0 {
            net.edge(v, sink, c);
        }
    }
    Built {
        net,
        fwd,
        back,
        free,
        need,
        source,
        sink,
    }
}

/// Whether keys with bounds `dom` can satisfy every row of `g`: [`solve`]'s verdict
/// without its circulation or cut, for the many checks of a conflict search.
pub(crate) fn feasible(g: &Graph, dom: &[CountRange]) -> bool {
    let Built {
        mut net,
        need,
        source,
        sink,
        ..
    } = build(g, dom, false);
    let limit = u64::try_from(need).unwrap_or(INF - 1);
    u128::from(net.run(source, sink, limit)) >= need
}

/// Decides whether keys with bounds `dom` can satisfy every row of `g`: a circulation,
/// or the cut that proves there is none. A key in no row only needs a non-empty domain
/// (which `dom` is).
pub(crate) fn solve(g: &Graph, dom: &[CountRange]) -> Result<Circulation, Cut> {
    let n = g.nodes;
    let Built {
        mut net,
        fwd,
        need,
        source: s,
        sink: t,
        ..
    } = build(g, dom, false);
    let edge: Vec<Option<usize>> = fwd.iter().map(|&e| (e != NIL).then_some(e)).collect();
    let limit = u64::try_from(need).unwrap_or(INF - 1);
    let got = net.run(s, t, limit);
    if u128::from(got) < need {
        let seen = net.reachable(s);
        let ground_in = seen[n - 1];
        let side = |v: usize| seen[v] != ground_in;
        let mut cut = Cut {
            lower: Vec::new(),
            upper: Vec::new(),
            rows: (0..n - 1).filter(|&v| side(v)).collect(),
        };
        // The side away from ground, A: arcs entering A bring their lower bounds, arcs
        // leaving A are capped by their upper bounds. When ground is reachable the
        // source side is the complement, and the roles swap.
        let a_is_source_side = !ground_in;
        for (k, arc) in g.arcs.iter().enumerate() {
            if let Some((a, b)) = *arc {
                let (ta, tb) = (side(a), side(b));
                let entering = !ta && tb;
                let leaving = ta && !tb;
                let (lower, upper) = if a_is_source_side {
                    (entering, leaving)
                } else {
                    (leaving, entering)
                };
                if lower && dom[k].lo() > 0 {
                    cut.lower.push(k);
                }
                if upper {
                    cut.upper.push(k);
                }
            }
        }
        return Err(cut);
    }
    let flow = g
        .arcs
        .iter()
        .enumerate()
        .map(|(k, _)| match edge[k] {
            Some(e) => {
                let u = dom[k].hi().map_or(INF, |u| u - dom[k].lo());
                let used = if u == INF {
                    // Reverse capacity holds the flow sent.
                    net.cap[e ^ 1]
                } else {
                    u - net.cap[e]
                };
                dom[k].lo().saturating_add(used)
            }
            None => dom[k].lo(),
        })
        .collect();
    // Drop the source and sink edges' residual: bound queries run between real nodes,
    // and no augmenting path may use s or t (all their edges are saturated or unused;
    // cut them to be sure).
    for v in [s, t] {
        let mut e = net.head[v];
        while e != NIL {
            net.cap[e] = 0;
            net.cap[e ^ 1] = 0;
            e = net.next[e];
        }
    }
    let base = net.cap.clone();
    Ok(Circulation {
        flow,
        net,
        base,
        edge,
    })
}

impl Circulation {
    /// Key `k`'s exact bounds given its domain `d` and arc `(a, b)`: how far its flow can
    /// rise (flow returning from `b` to `a` around it) and fall (flow rerouted from `a` to
    /// `b`). Only searches past `known`, bounds already proven (interval propagation's,
    /// which contain the exact ones).
    pub fn bounds(&mut self, k: usize, arc: (usize, usize), d: CountRange) -> CountRange {
        let Some(e) = self.edge[k] else {
            return d;
        };
        let f = self.flow[k];
        let (a, b) = arc;
        // Take the arc out while searching around it; each trial push starts from the
        // circulation's residual capacities and is undone after.
        self.net.cap[e] = 0;
        self.net.cap[e ^ 1] = 0;
        let hi = match d.hi() {
            Some(h) if h == f => Some(h),
            h => {
                let room = h.map_or(INF, |h| h - f);
                let up = self.net.run(b, a, room);
                self.restore(e);
                if up == INF && h.is_none() {
                    None
                } else {
                    Some(f.saturating_add(up))
                }
            }
        };
        let lo = if d.lo() == f {
            f
        } else {
            let down = self.net.run(a, b, f - d.lo());
            self.restore(e);
            f - down
        };
        self.net.cap.copy_from_slice(&self.base);
        CountRange::new(lo, hi.map(|h| h.max(lo))).unwrap_or(d)
    }

    /// Back to the circulation's residual, with arc `e` still taken out.
    fn restore(&mut self, e: usize) {
        self.net.cap.copy_from_slice(&self.base);
        self.net.cap[e] = 0;
        self.net.cap[e ^ 1] = 0;
    }
}

/// What one claim contributes to a network: a range on each key it bounds, and the rows
/// (its breakdown) that stand or fall with it.
pub(crate) struct Bounding {
    /// `(key, range)` for each key it bounds.
    pub ranges: Vec<(usize, CountRange)>,
    /// Rows it owns.
    pub rows: Vec<usize>,
}

/// A minimal set of claims that cannot all hold, by a deletion filter whose every test is
/// exact: dropping a claim only widens domains or frees a row, which only adds capacity
/// to the flow network, so each test continues the maximum flow from where the last
/// left off (and is undone by restoring the capacities when the claim turns out to be
/// needed). Each claim kept was needed when tested, and the rest only shrank after, so
/// the set is irreducible: dropping any one of its claims leaves a feasible network.
///
/// Returns the indices kept (ascending) and the rows of the cut that the kept claims
/// violate; `None` when `claims` together can hold after all.
pub(crate) fn minimal_conflict(g: &Graph, claims: &[Bounding]) -> Option<(Vec<usize>, Vec<usize>)> {
    let keys = g.arcs.len();
    let mut alive = vec![true; claims.len()];
    let mut by_key: Vec<Vec<usize>> = vec![Vec::new(); keys];
    for (c, b) in claims.iter().enumerate() {
        for &(k, _) in &b.ranges {
            by_key[k].push(c);
        }
    }
    let domain = |k: usize, alive: &[bool]| {
        by_key[k]
            .iter()
            .filter(|&&c| alive[c])
            .flat_map(|&c| claims[c].ranges.iter().filter(|r| r.0 == k).map(|r| r.1))
            .try_fold(CountRange::UNKNOWN, |d, r| d.intersect(&r))
    };
    let dom: Vec<CountRange> = (0..keys)
        .map(|k| domain(k, &alive).unwrap_or(CountRange::exact(0)))
        .collect();
    let ground = g.nodes - 1;
    let Built {
        mut net,
        fwd,
        back,
        free,
        need,
        source: s,
        sink: t,
    } = build(g, &dom, true);
    let limit = |got: u128| u64::try_from(need - got).unwrap_or(INF - 1);
    let mut got = u128::from(net.run(s, t, limit(0)));
    if got >= need {
        return None;
    }
    let mut dom = dom;
    let mut saved = net.cap.clone();
    let mut via = Vec::new();
    for c in 0..claims.len() {
        alive[c] = false;
        let mut widened = Vec::new();
        for &(k, _) in &claims[c].ranges {
            let Some(wide) = domain(k, &alive) else {
                continue;
            };
            if fwd[k] == NIL || wide == dom[k] {
                continue;
            }
            let (l, u) = (dom[k].lo(), dom[k].hi());
            if wide.lo() < l {
                net.cap[back[k]] = net.cap[back[k]].saturating_add(l - wide.lo());
            }
            match (wide.hi(), u) {
                (None, Some(_)) => net.cap[fwd[k]] = INF,
                (Some(h), Some(u)) if h > u && net.cap[fwd[k]] != INF => {
                    net.cap[fwd[k]] = net.cap[fwd[k]].saturating_add(h - u);
                }
                _ => {}
            }
            widened.push((k, wide));
        }
        for &r in &claims[c].rows {
            net.cap[free[r].0] = INF;
            net.cap[free[r].1] = INF;
        }
        let more = u128::from(net.augment(s, t, limit(got), &mut via));
        if got + more >= need {
            // Needed: without it the rest can hold. Undo.
            alive[c] = true;
            net.cap.copy_from_slice(&saved);
        } else {
            got += more;
            for (k, wide) in widened {
                dom[k] = wide;
            }
            saved.copy_from_slice(&net.cap);
        }
    }
    let seen = net.reachable(s);
    let ground_in = seen[ground];
    let rows = (0..ground).filter(|&v| seen[v] != ground_in).collect();
    let kept = (0..claims.len()).filter(|&c| alive[c]).collect();
    Some((kept, rows))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn r(lo: u64, hi: Option<u64>) -> CountRange {
        CountRange::new(lo, hi).unwrap()
    }

    #[test]
    fn cycle_of_breakdowns_is_infeasible() {
        // keys: X=0, Y=1, W=2, Z=3; X = Y + W; Y = X + Z.
        let rows = vec![
            vec![(0, 1), (1, -1), (2, -1)],
            vec![(1, 1), (0, -1), (3, -1)],
        ];
        let g = recognize(4, &rows).expect("a network");
        let dom = [
            CountRange::UNKNOWN,
            CountRange::UNKNOWN,
            r(1, None),
            r(1, None),
        ];
        let Err(cut) = solve(&g, &dom) else {
            panic!("infeasible")
        };
        assert_eq!(cut.lower, vec![2, 3]);
        assert!(cut.upper.is_empty());
    }

    #[test]
    fn grid_bounds_are_exact() {
        // 2x2 grid: a b / c d with row sums r1 = a + b, r2 = c + d, column sums
        // k1 = a + c, k2 = b + d, total = r1 + r2 = k1 + k2.
        // keys: a0 b1 c2 d3 r1=4 r2=5 k1=6 k2=7 t=8
        let rows = vec![
            vec![(4, 1), (0, -1), (1, -1)],
            vec![(5, 1), (2, -1), (3, -1)],
            vec![(6, 1), (0, -1), (2, -1)],
            vec![(7, 1), (1, -1), (3, -1)],
            vec![(8, 1), (4, -1), (5, -1)],
            vec![(8, 1), (6, -1), (7, -1)],
        ];
        let g = recognize(9, &rows).expect("a network");
        let mut dom = vec![CountRange::UNKNOWN; 9];
        dom[4] = r(5, Some(5));
        dom[5] = r(5, Some(5));
        dom[6] = r(5, Some(5));
        dom[7] = r(5, Some(5));
        dom[0] = r(0, Some(1));
        let Ok(mut c) = solve(&g, &dom) else {
            panic!("feasible")
        };
        // d = r2 - c = r2 - (k1 - a) = a: at most 1.
        let d = c.bounds(3, g.arcs[3].unwrap(), dom[3]);
        assert_eq!(d, r(0, Some(1)));
        let b = c.bounds(1, g.arcs[1].unwrap(), dom[1]);
        assert_eq!(b, r(4, Some(5)));
    }

    #[test]
    fn three_rows_is_not_a_network() {
        let rows = vec![vec![(0, 1)], vec![(0, -1)], vec![(0, -1)]];
        assert!(recognize(1, &rows).is_none());
    }

    use proptest::prelude::*;

    /// Every assignment of `0..=top` to the keys satisfying the rows and the domains
    /// (the brute force the flow's and the search's tests check against).
    pub(crate) fn solutions(
        keys: usize,
        rows: &[Vec<(usize, i64)>],
        dom: &[CountRange],
        top: u64,
    ) -> Vec<Vec<u64>> {
        let mut out = Vec::new();
        let mut x = vec![0u64; keys];
        loop {
            let fits = (0..keys).all(|k| dom[k].contains(x[k]))
                && rows
                    .iter()
                    .all(|row| row.iter().map(|&(k, c)| c * x[k] as i64).sum::<i64>() == 0);
            if fits {
                out.push(x.clone());
            }
            let mut k = 0;
            loop {
                if k == keys {
                    return out;
                }
                x[k] += 1;
                if x[k] <= top {
                    break;
                }
                x[k] = 0;
                k += 1;
            }
        }
    }

    /// Sum systems over five keys: trees, cycles and grids all come up.
    fn systems() -> impl Strategy<Value = (Vec<Vec<(usize, i64)>>, Vec<CountRange>)> {
        let row = (
            0usize..5,
            proptest::sample::subsequence((0usize..5).collect::<Vec<_>>(), 1..=3),
        );
        let rows = proptest::collection::vec(row, 2..=5).prop_map(|rs| {
            rs.into_iter()
                .filter(|(w, ps)| !ps.contains(w))
                .map(|(w, ps)| {
                    let mut r = vec![(w, 1)];
                    r.extend(ps.into_iter().map(|p| (p, -1)));
                    r
                })
                .collect::<Vec<_>>()
        });
        let dom = proptest::collection::vec((0u64..=3, 0u64..=8), 5).prop_map(|v| {
            v.into_iter()
                .map(|(lo, w)| r(lo, Some((lo + w).min(8))))
                .collect()
        });
        (rows, dom)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1024))]
        /// On a network, the flow decides feasibility exactly as brute force over the
        /// integers does, and each key's bounds are exactly the least and greatest
        /// values it takes in an integer solution (total unimodularity).
        #[test]
        fn flow_is_exact_against_brute_force((rows, dom) in systems()) {
            let Some(g) = recognize(5, &rows) else { return Ok(()); };
            let all = solutions(5, &rows, &dom, 8);
            match solve(&g, &dom) {
                Err(cut) => {
                    prop_assert!(all.is_empty(), "cut {cut:?} but {:?} solves", all.first());
                }
                Ok(mut c) => {
                    prop_assert!(!all.is_empty());
                    for k in 0..5 {
                        let lo = all.iter().map(|x| x[k]).min().unwrap();
                        let hi = all.iter().map(|x| x[k]).max().unwrap();
                        let got = match g.arcs[k] {
                            Some(arc) => c.bounds(k, arc, dom[k]),
                            None => dom[k],
                        };
                        prop_assert_eq!(got, r(lo, Some(hi)), "key {}", k);
                    }
                }
            }
        }
    }
}
