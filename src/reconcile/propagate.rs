//! Part-whole propagation: sums that link keys, narrowed to a fixed point with interval
//! bounds (HC4 revise), and a minimal set of claims behind any contradiction.
//!
//! # Constraints
//!
//! Between keys of one event, every one of these holds by definition:
//!
//! - **sides**: the count over all (`whose = all`) is the sum over the event's sides;
//! - **category**: `any` = `military` + `civilian`;
//! - **measure**: `killed_or_missing` = `killed` + `missing`, `casualties` = `killed` +
//!   `wounded`;
//! - **breakdown**: a claim's figure is the sum of the parts it reports (42 army + 8 border
//!   service = 50); this constraint stands or falls with the claim.
//!
//! A constraint is used when at least two of its keys have figures (or it is a
//! breakdown); a key it mentions without figures starts at `0..`.
//!
//! # Revise
//!
//! For `T = A₁ + … + Aₖ`: `T ⊆ [ΣA̲ᵢ, ΣĀᵢ]` and `Aᵢ ⊆ [T̲ - Σⱼ≠ᵢĀⱼ, T̄ - Σⱼ≠ᵢA̲ⱼ]`, clipped at 0.
//! Each step only removes counts that no solution can take, so propagation is sound: no
//! assignment satisfying every claim and constraint is cut off. Revision runs to a fixed
//! point, or for at most 64 revisions per constraint, after which the bounds are still
//! sound but may not be the tightest.
//!
//! # Conflicts
//!
//! Keys in a numeric conflict (no consensus) take no part. When a linked group of keys
//! has no solution, the claims of the group are filtered one by one (deletion filter): a
//! claim is dropped for good when the rest still conflict. What remains is minimal:
//! removing any one of its claims restores consistency.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::claim::{Category, ClaimBody, Measure, Whose};
use crate::id::{ClaimId, EventId};
use crate::range::CountRange;
use crate::reconcile::evidence::{Cite, Evidence};
use crate::reconcile::figure::{Figure, QuantityKey};

/// Why a sum holds.
///
/// ```
/// use contested::reconcile::Rule;
///
/// assert_eq!(Rule::Sides.to_string(), "total over the sides");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Rule {
    /// The count over all is the sum over the event's sides.
    Sides,
    /// `any` = `military` + `civilian`.
    Category,
    /// `killed_or_missing` = `killed` + `missing`, or `casualties` = `killed` + `wounded`.
    Measure,
    /// A breakdown reported by a claim.
    Breakdown {
        /// The claim reporting it.
        claim: ClaimId,
    },
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rule::Sides => f.write_str("total over the sides"),
            Rule::Category => f.write_str("any = military + civilian"),
            Rule::Measure => f.write_str("measure is a sum"),
            Rule::Breakdown { claim } => write!(f, "breakdown reported by {claim}"),
        }
    }
}

/// A sum linking keys: `whole = parts[0] + parts[1] + …`.
///
/// ```
/// use contested::{Category, Measure, Whose};
/// use contested::reconcile::{Constraint, QuantityKey, Rule};
///
/// let k = |w| QuantityKey::new("clash", Measure::Killed, w, Category::Military);
/// let c = Constraint { whole: k(Whose::All), parts: vec![k(Whose::party("am")), k(Whose::party("az"))], rule: Rule::Sides };
/// assert_eq!(c.to_string(), "clash/killed/all/military = clash/killed/am/military + clash/killed/az/military");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Constraint {
    /// The whole.
    pub whole: QuantityKey,
    /// The parts.
    pub parts: Vec<QuantityKey>,
    /// Why the sum holds.
    pub rule: Rule,
}

impl fmt::Display for Constraint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} =", self.whole)?;
        for (i, p) in self.parts.iter().enumerate() {
            write!(f, "{} {p}", if i == 0 { "" } else { " +" })?;
        }
        Ok(())
    }
}

/// How a constraint came out after propagation.
///
/// ```
/// # use contested::reconcile::Reconciler;
/// let r = Reconciler::new().reconcile(&contested::Dossier::default());
/// assert!(r.constraints().is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct ConstraintCheck {
    /// The constraint.
    pub constraint: Constraint,
    /// The whole's bounds after propagation (`None`: its group conflicts).
    pub whole: Option<CountRange>,
    /// Each part's bounds after propagation, in order.
    pub parts: Vec<Option<CountRange>>,
}

impl ConstraintCheck {
    /// Whether propagation found the constraint's group consistent.
    pub fn is_consistent(&self) -> bool {
        self.whole.is_some()
    }
}

/// A contradiction found by propagation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Contradiction {
    pub constraints: Vec<Constraint>,
    pub claims: Vec<Cite>,
}

struct Element {
    cite: Cite,
    ranges: Vec<(usize, CountRange)>,
}

/// Variables, sums and elements of one linked group.
type Group = (Vec<usize>, Vec<usize>, Vec<usize>);

struct Sum {
    whole: usize,
    parts: Vec<usize>,
    owner: Option<usize>,
    constraint: Constraint,
}

/// The constraint network over the evidence's figures.
pub(crate) struct Network {
    keys: Vec<QuantityKey>,
    sums: Vec<Sum>,
    elements: Vec<Element>,
    var_sums: Vec<Vec<usize>>,
    /// Keys in a numeric conflict, entered with the envelope of their current counts.
    disputed: BTreeMap<QuantityKey, CountRange>,
}

pub(crate) struct Outcome {
    pub bounds: BTreeMap<QuantityKey, Option<CountRange>>,
    pub checks: Vec<ConstraintCheck>,
    pub contradictions: Vec<Contradiction>,
    pub derived: Vec<Derived>,
    pub disputed: BTreeMap<QuantityKey, CountRange>,
}

/// A figure nobody reported, derived through part-whole sums from figures that were:
/// "148 killed or missing, including 4 civilians killed and 3 civilians missing" gives
/// 141 servicemen killed or missing.
///
/// ```
/// use contested::{Actor, ActorKind, Category, Claim, Dossier, Event, EventKind, Measure, Statement, TimeWindow, Whose};
/// use contested::reconcile::Reconciler;
///
/// let t = TimeWindow::instant("2022-09-13T10:00:00Z".parse()?);
/// let c = |id: &str, cat, n: &str| Claim::count(id, "e", Measure::Killed, Whose::All, cat, n.parse().unwrap());
/// let d = Dossier::builder()
///     .actor(Actor::new("a", "A", ActorKind::State))
///     .event(Event::new("e", "E", EventKind::Clash))
///     .statement(Statement::new("s", "a", t).claim(c("all", Category::Any, "23")).claim(c("mil", Category::Military, "8")))
///     .build()?;
/// let r = Reconciler::new().reconcile(&d);
/// let civilians = &r.derived()[0];
/// assert_eq!((civilians.key.to_string(), civilians.bounds.to_string()), ("e/killed/all/civilian".into(), "15".into()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Derived {
    /// The key.
    pub key: QuantityKey,
    /// Its bounds from the sums.
    pub bounds: CountRange,
    /// The sums it takes part in.
    pub via: Vec<Constraint>,
}

/// The sums `key` takes part in, but those whose whole and rule `done` already holds
/// (so a sum over thousands of sides is built once, not once per side).
fn candidate_sums(
    key: &QuantityKey,
    sides: &[crate::id::ActorId],
    is_side: bool,
    with_unknown: bool,
    done: &HashSet<(QuantityKey, Rule)>,
) -> Vec<(QuantityKey, Vec<QuantityKey>, Rule)> {
    let mut out = Vec::new();
    let whole = key.with_whose(Whose::All);
    let in_sides_sum = match &key.whose {
        Whose::All => !sides.is_empty(),
        Whose::Party(_) => is_side,
    };
    if in_sides_sum && !done.contains(&(whole.clone(), Rule::Sides)) {
        let parts = sides
            .iter()
            .map(|s| key.with_whose(Whose::Party(s.clone())))
            .collect::<Vec<_>>();
        out.push((whole, parts, Rule::Sides));
    }
    if matches!(
        key.category,
        Category::Any | Category::Military | Category::Civilian | Category::Unknown
    ) {
        let mut parts = vec![
            key.with_category(Category::Military),
            key.with_category(Category::Civilian),
        ];
        // UCDP's deaths_unknown: any = military + civilian + unknown, when someone
        // counts the unknown; otherwise the two named categories make up the whole.
        if with_unknown {
            parts.push(key.with_category(Category::Unknown));
        }
        out.push((key.with_category(Category::Any), parts, Rule::Category));
    }
    for whole in [Measure::KilledOrMissing, Measure::Casualties] {
        if let Some((a, b)) = whole.parts()
            && (key.measure == whole || key.measure == a || key.measure == b)
        {
            out.push((
                key.with_measure(whole),
                vec![key.with_measure(a), key.with_measure(b)],
                Rule::Measure,
            ));
        }
    }
    out
}

impl Network {
    pub(crate) fn build(figures: &[Figure], ev: &Evidence) -> Network {
        let mut var_of: HashMap<QuantityKey, usize> = HashMap::new();
        let mut keys: Vec<QuantityKey> = Vec::new();
        fn var(
            k: &QuantityKey,
            keys: &mut Vec<QuantityKey>,
            var_of: &mut HashMap<QuantityKey, usize>,
        ) -> usize {
            *var_of.entry(k.clone()).or_insert_with(|| {
                keys.push(k.clone());
                keys.len() - 1
            })
        }
        let mut informed: HashSet<QuantityKey> = figures.iter().map(|f| f.key.clone()).collect();
        // Where someone counts the unknown category, any = military + civilian + unknown.
        let unknown: BTreeSet<(EventId, Measure, Whose)> = figures
            .iter()
            .filter(|f| f.key.category == Category::Unknown)
            .map(|f| (f.key.event.clone(), f.key.measure, f.key.whose.clone()))
            .collect();
        let mut elements: Vec<Element> = Vec::new();
        let mut element_of: BTreeMap<ClaimId, usize> = BTreeMap::new();
        let mut element = |cite: &Cite, elements: &mut Vec<Element>| -> usize {
            *element_of.entry(cite.claim.clone()).or_insert_with(|| {
                elements.push(Element {
                    cite: cite.clone(),
                    ranges: Vec::new(),
                });
                elements.len() - 1
            })
        };
        // A sum is known by its whole and rule (the parts follow from them; a breakdown's
        // rule names its claim), so telling sums apart never compares their part lists.
        let mut done: HashSet<(QuantityKey, Rule)> = HashSet::new();
        let mut sums = Vec::new();
        let mut disputed = BTreeMap::new();
        let push_sum = |whole: QuantityKey,
                        parts: Vec<QuantityKey>,
                        rule: Rule,
                        owner: Option<usize>,
                        keys: &mut Vec<QuantityKey>,
                        var_of: &mut HashMap<QuantityKey, usize>,
                        done: &mut HashSet<(QuantityKey, Rule)>,
                        sums: &mut Vec<Sum>| {
            if !done.insert((whole.clone(), rule.clone())) {
                return false;
            }
            let w = var(&whole, keys, var_of);
            let ps = parts.iter().map(|p| var(p, keys, var_of)).collect();
            sums.push(Sum {
                whole: w,
                parts: ps,
                owner,
                constraint: Constraint { whole, parts, rule },
            });
            true
        };
        for f in figures {
            let v = var(&f.key, &mut keys, &mut var_of);
            // A disputed key enters with the envelope of its current counts, so the
            // dispute is neither dropped nor settled by arithmetic.
            let envelope = if f.consensus.is_none() {
                disputed.insert(f.key.clone(), f.envelope);
                Some(f.envelope)
            } else {
                None
            };
            for r in f.live() {
                let e = element(&r.cite, &mut elements);
                let range = envelope.unwrap_or(r.bearing.unwrap_or(r.range));
                elements[e].ranges.push((v, range));
            }
            for r in f.live().filter(|r| r.part_of_breakdown.is_none()) {
                let rec = ev
                    .claims
                    .binary_search_by(|c| c.claim.cmp(&r.cite.claim))
                    .ok()
                    .map(|i| &ev.claims[i]);
                if let Some(ClaimBody::Count(c)) = rec.map(|c| &c.body)
                    && !c.breakdown.is_empty()
                {
                    let mut parts: Vec<QuantityKey> = c
                        .breakdown
                        .iter()
                        .map(|p| f.key.with_category(Category::Unit(p.unit.clone())))
                        .collect();
                    // "40 dead, including 10 at the market": the parts are lower bounds,
                    // with an unnamed remainder.
                    if c.partial {
                        parts.push(
                            f.key
                                .with_category(Category::Unit(format!("rest of {}", r.cite.claim))),
                        );
                    }
                    let owner = element(&r.cite, &mut elements);
                    let rule = Rule::Breakdown {
                        claim: r.cite.claim.clone(),
                    };
                    push_sum(
                        f.key.clone(),
                        parts,
                        rule,
                        Some(owner),
                        &mut keys,
                        &mut var_of,
                        &mut done,
                        &mut sums,
                    );
                }
            }
        }
        // Chaining: a sum is instantiated when two of its keys are known, reported or
        // derived through sums already instantiated; its other keys are then derived in
        // turn. The keys of an event form a finite lattice (measures x sides x
        // categories), so this ends, each key examined a bounded number of times.
        // In key order (a stack, so reversed): the sums and their order never depend on
        // hashing.
        let mut work: Vec<QuantityKey> = figures.iter().rev().map(|f| f.key.clone()).collect();
        let mut side_sets: BTreeMap<EventId, BTreeSet<crate::id::ActorId>> = BTreeMap::new();
        while let Some(k) = work.pop() {
            let sides = ev
                .events
                .get(&k.event)
                .map(|e| e.sides.as_slice())
                .unwrap_or(&[]);
            let with_unknown = unknown.contains(&(k.event.clone(), k.measure, k.whose.clone()));
            let is_side = match &k.whose {
                Whose::Party(p) => side_sets
                    .entry(k.event.clone())
                    .or_insert_with(|| sides.iter().cloned().collect())
                    .contains(p),
                Whose::All => false,
            };
            for (whole, parts, rule) in candidate_sums(&k, sides, is_side, with_unknown, &done) {
                let known = std::iter::once(&whole)
                    .chain(&parts)
                    .filter(|x| informed.contains(*x))
                    .count();
                if known < 2 {
                    continue;
                }
                let all: Vec<QuantityKey> = std::iter::once(whole.clone())
                    .chain(parts.clone())
                    .collect();
                if push_sum(
                    whole,
                    parts,
                    rule,
                    None,
                    &mut keys,
                    &mut var_of,
                    &mut done,
                    &mut sums,
                ) {
                    for x in all {
                        if informed.insert(x.clone()) {
                            work.push(x);
                        }
                    }
                }
            }
        }
        let mut var_sums = vec![Vec::new(); keys.len()];
        for (i, s) in sums.iter().enumerate() {
            var_sums[s.whole].push(i);
            for &p in &s.parts {
                var_sums[p].push(i);
            }
        }
        Network {
            keys,
            sums,
            elements,
            var_sums,
            disputed,
        }
    }

    /// Groups of variables linked by sums, with their sums and elements.
    fn components(&self) -> Vec<Group> {
        let n = self.keys.len();
        let mut parent: Vec<usize> = (0..n).collect();
        fn find(parent: &mut [usize], mut x: usize) -> usize {
            while parent[x] != x {
                parent[x] = parent[parent[x]];
                x = parent[x];
            }
            x
        }
        for s in &self.sums {
            for &p in &s.parts {
                let (a, b) = (find(&mut parent, s.whole), find(&mut parent, p));
                if a != b {
                    parent[a] = b;
                }
            }
        }
        let mut groups: BTreeMap<usize, Group> = BTreeMap::new();
        for v in 0..n {
            let r = find(&mut parent, v);
            groups.entry(r).or_default().0.push(v);
        }
        for (i, s) in self.sums.iter().enumerate() {
            let r = find(&mut parent, s.whole);
            groups.entry(r).or_default().1.push(i);
        }
        let mut owned: Vec<Vec<usize>> = vec![Vec::new(); self.elements.len()];
        for (i, s) in self.sums.iter().enumerate() {
            if let Some(o) = s.owner {
                owned[o].push(i);
            }
        }
        for (i, e) in self.elements.iter().enumerate() {
            let mut roots: Vec<usize> = e
                .ranges
                .iter()
                .map(|(v, _)| find(&mut parent, *v))
                .collect();
            for &s in &owned[i] {
                roots.push(find(&mut parent, self.sums[s].whole));
            }
            roots.sort_unstable();
            roots.dedup();
            for r in roots {
                groups.entry(r).or_default().2.push(i);
            }
        }
        groups.into_values().filter(|g| !g.1.is_empty()).collect()
    }

    /// Propagates one group with the active elements; `false` when it has no solution.
    fn run(
        &self,
        (vars, sums, elems): &Group,
        active: &[bool],
        dom: &mut [CountRange],
        queued: &mut [bool],
    ) -> bool {
        for &v in vars {
            dom[v] = CountRange::UNKNOWN;
        }
        for &e in elems {
            if !active[e] {
                continue;
            }
            for &(v, r) in &self.elements[e].ranges {
                match dom[v].intersect(&r) {
                    Some(x) => dom[v] = x,
                    None => return false,
                }
            }
        }
        let live = |s: &Sum| s.owner.is_none_or(|o| active[o]);
        let mut queue: VecDeque<usize> = VecDeque::new();
        for &s in sums.iter() {
            if live(&self.sums[s]) {
                queue.push_back(s);
                queued[s] = true;
            }
        }
        let mut budget = 64usize.saturating_mul(sums.len()).saturating_add(64);
        let mut changed = Vec::new();
        let mut ok = true;
        while let Some(s) = queue.pop_front() {
            queued[s] = false;
            if budget == 0 {
                break;
            }
            budget -= 1;
            let sum = &self.sums[s];
            changed.clear();
            match revise(sum, dom, &mut changed) {
                None => {
                    ok = false;
                    break;
                }
                Some(()) => {
                    for &v in &changed {
                        for &t in &self.var_sums[v] {
                            if !queued[t] && live(&self.sums[t]) {
                                queued[t] = true;
                                queue.push_back(t);
                            }
                        }
                    }
                }
            }
        }
        for s in queue {
            queued[s] = false;
        }
        ok
    }

    /// QuickXplain over `candidates`, with `active` holding the background: the subset of
    /// candidates that, added to the background, cannot hold, minimal under the
    /// propagation oracle. Leaves `active` as it found it.
    fn quick_xplain(
        &self,
        group: &Group,
        active: &mut [bool],
        dom: &mut [CountRange],
        queued: &mut [bool],
        candidates: &[usize],
        background_changed: bool,
    ) -> Vec<usize> {
        if background_changed && !self.run(group, active, dom, queued) {
            return Vec::new();
        }
        if candidates.len() <= 1 {
            return candidates.to_vec();
        }
        let (c1, c2) = candidates.split_at(candidates.len() / 2);
        for &e in c1 {
            active[e] = true;
        }
        let d2 = self.quick_xplain(group, active, dom, queued, c2, !c1.is_empty());
        for &e in c1 {
            active[e] = false;
        }
        for &e in &d2 {
            active[e] = true;
        }
        let d1 = self.quick_xplain(group, active, dom, queued, c1, !d2.is_empty());
        for &e in &d2 {
            active[e] = false;
        }
        let mut out = d1;
        out.extend(d2);
        out
    }

    pub(crate) fn solve(&self) -> Outcome {
        let mut dom = vec![CountRange::UNKNOWN; self.keys.len()];
        let mut queued = vec![false; self.sums.len()];
        let mut active = vec![false; self.elements.len()];
        let mut bounds = BTreeMap::new();
        let mut contradictions = Vec::new();
        let mut group_ok = vec![true; self.keys.len()];
        for group in self.components() {
            let (vars, sums, elems) = &group;
            for &e in elems {
                active[e] = true;
            }
            let ok = self.run(&group, &active, &mut dom, &mut queued);
            if ok {
                for &v in vars {
                    bounds.insert(self.keys[v].clone(), Some(dom[v]));
                }
            } else {
                // QuickXplain (Junker 2004): a minimal set of claims that cannot all hold,
                // in O(k log(n / k)) propagations for k claims in it, where a deletion
                // filter needs n.
                for &e in elems {
                    active[e] = false;
                }
                let minimal =
                    self.quick_xplain(&group, &mut active, &mut dom, &mut queued, elems, false);
                for &e in &minimal {
                    active[e] = true;
                }
                let mut claims: Vec<Cite> = elems
                    .iter()
                    .filter(|&&e| active[e])
                    .map(|&e| self.elements[e].cite.clone())
                    .collect();
                claims.sort();
                let constraints = sums
                    .iter()
                    .map(|&s| &self.sums[s])
                    .filter(|s| s.owner.is_none_or(|o| active[o]))
                    .map(|s| s.constraint.clone())
                    .collect();
                contradictions.push(Contradiction {
                    constraints,
                    claims,
                });
                for &v in vars {
                    group_ok[v] = false;
                    bounds.insert(self.keys[v].clone(), None);
                }
            }
            for &e in elems {
                active[e] = false;
            }
        }
        let checks = self
            .sums
            .iter()
            .map(|s| {
                let get = |v: usize| {
                    if group_ok[v] {
                        Some(dom_of(&bounds, &self.keys[v]))
                    } else {
                        None
                    }
                };
                ConstraintCheck {
                    constraint: s.constraint.clone(),
                    whole: get(s.whole),
                    parts: s.parts.iter().map(|&p| get(p)).collect(),
                }
            })
            .collect();
        let reported: BTreeSet<&QuantityKey> = self
            .elements
            .iter()
            .flat_map(|e| e.ranges.iter().map(|(v, _)| &self.keys[*v]))
            .collect();
        let derived = self
            .keys
            .iter()
            .enumerate()
            .filter(|(v, k)| group_ok[*v] && !reported.contains(k))
            .filter_map(|(v, k)| {
                let b = bounds.get(k).copied().flatten()?;
                Some(Derived {
                    key: k.clone(),
                    bounds: b,
                    via: self.var_sums[v]
                        .iter()
                        .map(|&s| self.sums[s].constraint.clone())
                        .collect(),
                })
            })
            .collect();
        Outcome {
            bounds,
            checks,
            contradictions,
            derived,
            disputed: self.disputed.clone(),
        }
    }
}

fn dom_of(bounds: &BTreeMap<QuantityKey, Option<CountRange>>, k: &QuantityKey) -> CountRange {
    bounds.get(k).copied().flatten().unwrap_or_default()
}

/// One HC4 revision of `whole = Σ parts`, in one pass over the parts with no allocation:
/// the sum of every part's bounds is taken once (in `u128`, so it cannot overflow), and
/// each part's "others" is that sum less its own bounds. Pushes the variables narrowed
/// onto `changed`; `None` when a domain empties.
fn revise(sum: &Sum, dom: &mut [CountRange], changed: &mut Vec<usize>) -> Option<()> {
    let (mut lo, mut hi, mut open) = (0u128, 0u128, 0usize);
    for &p in &sum.parts {
        lo += u128::from(dom[p].lo());
        match dom[p].hi() {
            Some(h) => hi += u128::from(h),
            None => open += 1,
        }
    }
    let range = |lo: u128, hi: Option<u128>| {
        // Saturate as `CountRange::plus` does: a floor past u64::MAX stays at the top, a
        // ceiling past it is no ceiling (sound: it cuts nothing off).
        let lo = u64::try_from(lo).unwrap_or(u64::MAX);
        let hi = hi.and_then(|h| u64::try_from(h).ok());
        CountRange::new(lo, hi.map(|h| h.max(lo))).unwrap_or(CountRange::at_least(lo))
    };
    let total = range(lo, (open == 0).then_some(hi));
    let whole = dom[sum.whole].intersect(&total)?;
    if whole != dom[sum.whole] {
        dom[sum.whole] = whole;
        changed.push(sum.whole);
    }
    for &p in &sum.parts {
        // A part narrowed earlier in this loop (or named twice) has a domain inside the
        // one summed above: subtracting it, saturating, can only widen "others", which
        // stays sound.
        let (plo, phi) = (dom[p].lo(), dom[p].hi());
        let others_open = open.saturating_sub(usize::from(phi.is_none()));
        let others_hi = (others_open == 0).then(|| hi.saturating_sub(phi.map_or(0, u128::from)));
        let others = range(lo.saturating_sub(u128::from(plo)), others_hi);
        let narrowed = dom[p].intersect(&whole.minus(&others)?)?;
        if narrowed != dom[p] {
            dom[p] = narrowed;
            changed.push(p);
        }
    }
    Some(())
}
