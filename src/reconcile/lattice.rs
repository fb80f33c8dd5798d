//! Which sums to instantiate: the keys of an event form a lattice (whose × category ×
//! measure), and a sum matters when it lies on a path between two reported figures.
//!
//! # The lattice of an event
//!
//! Each dimension holds the values the event's figures use, closed under its sum: when
//! two of a sum's members are reported (two sides, or a side and the total; two of any,
//! military, civilian), all its members join, since the figures are then tied through
//! it. A measure sum joins when its whole is reported with one of its parts (killed or
//! missing, and killed). A whole measure nobody reported adds no constraint (its plane
//! is the sum of two others), so it is not put in the lattice, only derived after
//! solving where both parts are reported: "5 killed and 7 wounded" gives 12 casualties. Every sum over the lattice is a candidate:
//! totals over the sides, `any = military + civilian (+ unknown)`, and the measure sums.
//!
//! # Which candidates are kept
//!
//! A candidate constrains the reported figures only if it lies on a simple path between
//! two of them in the graph of keys and sums. Every key of the lattice is a sum of its
//! finest cells (one side, one of military/civilian/unknown, one of killed/missing/
//! wounded), so a part of the graph hanging off the rest at one key or one sum can take
//! any value that key takes (put it all in one cell): it never bears on the figures.
//! The simple paths between two vertices run through the biconnected components on the
//! path between them in the block-cut tree (Hopcroft & Tarjan 1973), so the blocks kept
//! are those left after pruning, again and again, every leaf of the block-cut tree that
//! holds no reported key of its own, and then every part of the tree holding fewer than
//! two. Linear in the size of the lattice.
//!
//! "23 killed, 8 of them soldiers" ties `any` and `military` through one sum: 15
//! civilians. "At most 5 killed in all" and "at least 10 of our soldiers killed" are tied
//! through the total over the sides and our `any = military + civilian`, though the key
//! between them (all our dead) is reported by nobody: that is a contradiction found.

use std::collections::BTreeSet;

use crate::claim::{Category, Measure, Whose};
use crate::id::{ActorId, EventId};
use crate::reconcile::figure::QuantityKey;
use crate::reconcile::propagate::Rule;

/// One event's lattice: the values of each dimension, each closed under its sum, and
/// which sums apply. A key is numbered `(w · C + c) · M + m`.
pub(crate) struct Lattice<'a> {
    event: &'a EventId,
    sides: &'a [ActorId],
    whose: Vec<Whose>,
    cats: Vec<Category>,
    measures: Vec<Measure>,
    sides_sum: bool,
    category_sum: bool,
    /// Per (whose, measure) index: whether `any` also takes in `unknown` there.
    unknown: Vec<bool>,
    /// The measure sums in force, `(whole, parts)` ([`crate::measure::sums`]).
    measure_sums: &'a [(Measure, Vec<Measure>)],
}

impl<'a> Lattice<'a> {
    /// The lattice spanned by an event's reported keys.
    pub fn new(
        event: &'a EventId,
        sides: &'a [ActorId],
        reported: &[&QuantityKey],
        unknown: &BTreeSet<(EventId, Measure, Whose)>,
        measure_sums: &'a [(Measure, Vec<Measure>)],
    ) -> Lattice<'a> {
        let named = |c: &Category| {
            matches!(
                c,
                Category::Any | Category::Military | Category::Civilian | Category::Unknown
            )
        };
        // Sorted lists, not ordered sets: a handful of values each, made once per event.
        fn sorted<T: Ord>(mut v: Vec<T>) -> Vec<T> {
            v.sort_unstable();
            v.dedup();
            v
        }
        let mut whose = sorted(reported.iter().map(|k| k.whose.clone()).collect());
        let in_sides_sum = whose
            .iter()
            .filter(|w| match w {
                Whose::All => true,
                Whose::Party(p) => sides.contains(p),
            })
            .count();
        let sides_sum = !sides.is_empty() && in_sides_sum >= 2;
        if sides_sum {
            whose.push(Whose::All);
            whose.extend(sides.iter().cloned().map(Whose::Party));
            whose = sorted(whose);
        }
        let mut cats = sorted(
            reported
                .iter()
                .map(|k| k.category.clone())
                .filter(named)
                .collect(),
        );
        let category_sum = cats.len() >= 2;
        if category_sum {
            cats.extend([Category::Any, Category::Military, Category::Civilian]);
            cats = sorted(cats);
        }
        // A measure sum joins when its whole is reported with one of its parts. A whole
        // nobody reported (casualties, when only killed and wounded are) adds no
        // constraint: its plane is the sum of two others. It is derived after solving
        // (`Network::after`), not added as a copy of two planes.
        let mut measures = sorted(reported.iter().map(|k| k.measure.clone()).collect());
        let has = |ms: &[Measure], m: &Measure| ms.binary_search(m).is_ok();
        loop {
            let before = measures.len();
            for (w, parts) in measure_sums {
                if has(&measures, w) && parts.iter().any(|p| has(&measures, p)) {
                    measures.extend(parts.iter().cloned());
                    measures = sorted(measures);
                }
            }
            if measures.len() == before {
                break;
            }
        }
        let unknown = whose
            .iter()
            .flat_map(|w| {
                measures
                    .iter()
                    .map(move |m| unknown.contains(&(event.clone(), m.clone(), w.clone())))
            })
            .collect();
        Lattice {
            event,
            sides,
            whose,
            cats,
            measures,
            sides_sum,
            category_sum,
            unknown,
            measure_sums,
        }
    }

    /// Number of keys.
    pub fn len(&self) -> usize {
        self.whose.len() * self.cats.len() * self.measures.len()
    }

    fn at(&self, w: usize, c: usize, m: usize) -> usize {
        (w * self.cats.len() + c) * self.measures.len() + m
    }

    /// A key's number, if the key is in the lattice.
    pub fn id(&self, k: &QuantityKey) -> Option<usize> {
        if &k.event != self.event {
            return None;
        }
        let w = self.whose.binary_search(&k.whose).ok()?;
        let c = self.cats.iter().position(|c| *c == k.category)?;
        let m = self.measures.iter().position(|m| *m == k.measure)?;
        Some(self.at(w, c, m))
    }

    /// The key numbered `id`.
    pub fn key(&self, id: usize) -> QuantityKey {
        let m = id % self.measures.len();
        let c = (id / self.measures.len()) % self.cats.len();
        let w = id / self.measures.len() / self.cats.len();
        QuantityKey {
            event: self.event.clone(),
            measure: self.measures[m].clone(),
            whose: self.whose[w].clone(),
            category: self.cats[c].clone(),
        }
    }

    /// Every sum over the lattice, as its rule and key numbers (the whole first).
    pub fn candidates(&self) -> Vec<(Rule, Vec<usize>)> {
        let mut out = Vec::new();
        let cat = |c: &Category| self.cats.iter().position(|x| x == c);
        if self.sides_sum
            && let Ok(all) = self.whose.binary_search(&Whose::All)
        {
            let side_idx: Vec<usize> = self
                .sides
                .iter()
                .filter_map(|s| self.whose.binary_search(&Whose::Party(s.clone())).ok())
                .collect();
            for c in 0..self.cats.len() {
                for m in 0..self.measures.len() {
                    let mut members = Vec::with_capacity(side_idx.len() + 1);
                    members.push(self.at(all, c, m));
                    members.extend(side_idx.iter().map(|&w| self.at(w, c, m)));
                    out.push((Rule::Sides, members));
                }
            }
        }
        if self.category_sum
            && let (Some(any), Some(mil), Some(civ)) = (
                cat(&Category::Any),
                cat(&Category::Military),
                cat(&Category::Civilian),
            )
        {
            let unk = cat(&Category::Unknown);
            for w in 0..self.whose.len() {
                for m in 0..self.measures.len() {
                    // Room for the fourth member, so that adding it never reallocates.
                    let mut members = Vec::with_capacity(4);
                    members.extend([self.at(w, any, m), self.at(w, mil, m), self.at(w, civ, m)]);
                    // UCDP's deaths_unknown: any = military + civilian + unknown, where
                    // someone counts the unknown; otherwise the two named categories
                    // make up the whole.
                    if let Some(u) = unk
                        && self.unknown[w * self.measures.len() + m]
                    {
                        members.push(self.at(w, u, m));
                    }
                    out.push((Rule::Category, members));
                }
            }
        }
        let meas = |x: &Measure| self.measures.iter().position(|m| m == x);
        let mut idx: Vec<usize> = Vec::new();
        for (whole, parts) in self.measure_sums {
            let Some(wi) = meas(whole) else { continue };
            idx.clear();
            idx.extend(parts.iter().filter_map(meas));
            if idx.len() < parts.len() {
                continue;
            }
            for w in 0..self.whose.len() {
                for c in 0..self.cats.len() {
                    let mut members = Vec::with_capacity(parts.len() + 1);
                    members.push(self.at(w, c, wi));
                    members.extend(idx.iter().map(|&m| self.at(w, c, m)));
                    out.push((Rule::Measure, members));
                }
            }
        }
        out
    }
}

/// An undirected graph in compressed sparse rows: the neighbours of `v` are
/// `to[start[v]..start[v + 1]]`. One allocation per array, however many vertices: the
/// graphs here are small (tens of vertices per event) and many (one per event), so
/// a `Vec` per vertex cost more in allocation than the search itself. Refilled in place
/// for each event (`fill`), so its arrays are allocated once for all events.
#[derive(Default)]
struct Csr {
    start: Vec<usize>,
    to: Vec<usize>,
}

impl Csr {
    /// Makes it the graph on `n` vertices with the given undirected edges (each listed
    /// once); `next` is scratch.
    fn fill(&mut self, n: usize, edges: &[(usize, usize)], next: &mut Vec<usize>) {
        let start = &mut self.start;
        start.clear();
        start.resize(n + 1, 0);
        for &(a, b) in edges {
            start[a + 1] += 1;
            start[b + 1] += 1;
        }
        for v in 0..n {
            start[v + 1] += start[v];
        }
        next.clear();
        next.extend_from_slice(start);
        let to = &mut self.to;
        to.clear();
        to.resize(start[n], 0);
        // Neighbours in the order the edges were given, as the per-vertex lists had them.
        for &(a, b) in edges {
            to[next[a]] = b;
            next[a] += 1;
            to[next[b]] = a;
            next[b] += 1;
        }
    }

    fn len(&self) -> usize {
        self.start.len() - 1
    }

    fn degree(&self, v: usize) -> usize {
        self.start[v + 1] - self.start[v]
    }

    fn neighbours(&self, v: usize) -> &[usize] {
        &self.to[self.start[v]..self.start[v + 1]]
    }
}

/// The working lists of [`Relevance::relevant`], kept from one event to the next: an
/// event's graph is small (tens of vertices), and its twenty-odd lists, allocated
/// afresh for each of 10^5 events, cost more than the search itself.
#[derive(Default)]
pub(crate) struct Relevance {
    edges: Vec<(usize, usize)>,
    members: Vec<usize>,
    adj: Csr,
    tree: Csr,
    next: Vec<usize>,
    blocks: Blocks,
    in_blocks: Vec<u32>,
    art_node: Vec<usize>,
    tree_edges: Vec<(usize, usize)>,
    own: Vec<usize>,
    degree: Vec<usize>,
    gone: Vec<bool>,
    stack: Vec<usize>,
    seen: Vec<bool>,
    part: Vec<usize>,
    kept: Vec<bool>,
}

/// `v` cleared and filled with `n` copies of `x`.
fn reset<T: Clone>(v: &mut Vec<T>, n: usize, x: T) {
    v.clear();
    v.resize(n, x);
}

impl Relevance {
    /// Which of `sums` (each a list of key indices below `keys`) lie on a simple path
    /// between two keys marked `terminal`.
    pub(crate) fn relevant(
        &mut self,
        keys: usize,
        sums: &[Vec<usize>],
        terminal: &[bool],
    ) -> &[bool] {
        let n = keys + sums.len();
        // Bipartite graph: key k is vertex k, sum s is vertex keys + s.
        let (edges, m) = (&mut self.edges, &mut self.members);
        edges.clear();
        for (s, members) in sums.iter().enumerate() {
            m.clear();
            m.extend_from_slice(members);
            m.sort_unstable();
            m.dedup();
            edges.extend(m.iter().map(|&k| (k, keys + s)));
        }
        self.adj.fill(n, edges, &mut self.next);
        self.blocks.find(&self.adj);
        let (block_start, block_members) = (&self.blocks.start, &self.blocks.members);
        let blocks = block_start.len() - 1;
        let block_list = || {
            block_start
                .windows(2)
                .map(|w| &block_members[w[0]..w[1]])
                .enumerate()
        };
        // Block-cut tree: blocks 0..B, then articulation vertices.
        let in_blocks = &mut self.in_blocks;
        reset(in_blocks, n, 0);
        for &v in block_members {
            in_blocks[v] += 1;
        }
        let art_node = &mut self.art_node;
        reset(art_node, n, usize::MAX);
        let mut nodes = blocks;
        for v in 0..n {
            if in_blocks[v] > 1 {
                art_node[v] = nodes;
                nodes += 1;
            }
        }
        let (tree_edges, own) = (&mut self.tree_edges, &mut self.own);
        tree_edges.clear();
        reset(own, nodes, 0);
        for (b, block) in block_list() {
            for &v in block {
                if art_node[v] != usize::MAX {
                    tree_edges.push((b, art_node[v]));
                } else if v < keys && terminal[v] {
                    own[b] += 1;
                }
            }
        }
        for v in 0..keys {
            if art_node[v] != usize::MAX && terminal[v] {
                own[art_node[v]] += 1;
            }
        }
        self.tree.fill(nodes, tree_edges, &mut self.next);
        let tree = &self.tree;
        // Prune leaves holding no terminal of their own, again and again.
        let degree = &mut self.degree;
        degree.clear();
        degree.extend((0..tree.len()).map(|x| tree.degree(x)));
        let gone = &mut self.gone;
        reset(gone, nodes, false);
        let stack = &mut self.stack;
        stack.clear();
        stack.extend((0..nodes).filter(|&x| degree[x] <= 1 && own[x] == 0));
        while let Some(x) = stack.pop() {
            if gone[x] {
                continue;
            }
            gone[x] = true;
            for &y in tree.neighbours(x) {
                if !gone[y] {
                    degree[y] -= 1;
                    if degree[y] <= 1 && own[y] == 0 {
                        stack.push(y);
                    }
                }
            }
        }
        // Then every part of the tree holding fewer than two terminals.
        let (seen, part) = (&mut self.seen, &mut self.part);
        reset(seen, nodes, false);
        for start in 0..nodes {
            if gone[start] || seen[start] {
                continue;
            }
            part.clear();
            part.push(start);
            seen[start] = true;
            let mut i = 0;
            while i < part.len() {
                let x = part[i];
                i += 1;
                for &y in tree.neighbours(x) {
                    if !gone[y] && !seen[y] {
                        seen[y] = true;
                        part.push(y);
                    }
                }
            }
            if part.iter().map(|&x| own[x]).sum::<usize>() < 2 {
                for &x in part.iter() {
                    gone[x] = true;
                }
            }
        }
        // A sum is kept when one of its blocks is.
        let kept = &mut self.kept;
        reset(kept, sums.len(), false);
        for (b, block) in block_list() {
            if gone[b] {
                continue;
            }
            for &v in block {
                if v >= keys {
                    kept[v - keys] = true;
                }
            }
        }
        kept
    }
}

/// Which of `sums` (each a list of key indices below `keys`) lie on a simple path
/// between two keys marked `terminal` ([`Relevance::relevant`] with lists of its own).
#[cfg(test)]
pub(crate) fn relevant(keys: usize, sums: &[Vec<usize>], terminal: &[bool]) -> Vec<bool> {
    Relevance::default().relevant(keys, sums, terminal).to_vec()
}

/// The biconnected components of a simple undirected graph, by Tarjan's algorithm run
/// iteratively (no recursion, so no depth limit): block `b`'s vertices are
/// `members[start[b]..start[b + 1]]`. The lists are kept for the next graph.
#[derive(Default)]
struct Blocks {
    start: Vec<usize>,
    members: Vec<usize>,
    disc: Vec<usize>,
    low: Vec<usize>,
    edges: Vec<(usize, usize)>,
    /// (vertex, parent, next neighbour index)
    stack: Vec<(usize, usize, usize)>,
    mark: Vec<usize>,
}

impl Blocks {
    /// Finds the blocks of `adj`.
    fn find(&mut self, adj: &Csr) {
        let n = adj.len();
        let Blocks {
            start,
            members,
            disc,
            low,
            edges,
            stack,
            mark,
        } = self;
        reset(disc, n, 0);
        reset(low, n, 0);
        let mut time = 1usize;
        start.clear();
        start.push(0);
        members.clear();
        edges.clear();
        stack.clear();
        reset(mark, n, usize::MAX);
        for root in 0..n {
            if disc[root] != 0 || adj.degree(root) == 0 {
                continue;
            }
            disc[root] = time;
            low[root] = time;
            time += 1;
            stack.push((root, usize::MAX, 0));
            while let Some(&mut (u, parent, ref mut i)) = stack.last_mut() {
                let next = adj.neighbours(u);
                if *i < next.len() {
                    let v = next[*i];
                    *i += 1;
                    if disc[v] == 0 {
                        edges.push((u, v));
                        disc[v] = time;
                        low[v] = time;
                        time += 1;
                        stack.push((v, u, 0));
                    } else if v != parent && disc[v] < disc[u] {
                        edges.push((u, v));
                        low[u] = low[u].min(disc[v]);
                    }
                } else {
                    stack.pop();
                    if let Some(&(p, _, _)) = stack.last() {
                        low[p] = low[p].min(low[u]);
                        if low[u] >= disc[p] {
                            // Pop the block's edges down to (p, u).
                            let id = start.len() - 1;
                            while let Some((a, b)) = edges.pop() {
                                for x in [a, b] {
                                    if mark[x] != id {
                                        mark[x] = id;
                                        members.push(x);
                                    }
                                }
                                if (a, b) == (p, u) {
                                    break;
                                }
                            }
                            start.push(members.len());
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_through_an_unreported_key_is_kept() {
        // keys: 0 all/any (reported), 1 am/any, 2 az/any, 3 am/mil (reported), 4 am/civ
        // sums: 0: all = am + az; 1: am/any = am/mil + am/civ; 2: an unrelated sum
        // hanging off az: az/any = 5 + 6.
        let sums = vec![vec![0, 1, 2], vec![1, 3, 4], vec![2, 5, 6]];
        let mut t = vec![false; 7];
        t[0] = true;
        t[3] = true;
        assert_eq!(relevant(7, &sums, &t), vec![true, true, false]);
    }

    #[test]
    fn one_reported_key_keeps_nothing() {
        // A 2x2 grid (a cycle) with one reported key.
        let sums = vec![vec![0, 1, 2], vec![3, 4, 5], vec![0, 3, 6], vec![1, 4, 7]];
        let mut t = vec![false; 8];
        t[0] = true;
        assert_eq!(relevant(8, &sums, &t), vec![false; 4]);
        t[4] = true;
        assert!(relevant(8, &sums, &t).iter().all(|&k| k));
    }
}
