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
//! Which sums are used is decided on each event's lattice of keys (`lattice`): those on
//! a path between two reported figures, through keys nobody reported if need be.
//!
//! # Solving
//!
//! Each linked group is solved by the most exact method its shape allows
//! ([`Exactness`]): interval propagation (HC4) on a tree, where it is exact; a maximum
//! flow on a network (`flow`), exact over the integers by total unimodularity; otherwise
//! HC4 then a search over the integers (`search`: domain splitting with HC4 at every
//! node, a fixed budget of nodes per group), exact where it proves its answer, and HC4's
//! sound but possibly loose bounds where it cannot.
//!
//! For `T = A₁ + … + Aₖ`, HC4 narrows `T ⊆ [ΣA̲ᵢ, ΣĀᵢ]` and
//! `Aᵢ ⊆ [T̲ - Σⱼ≠ᵢĀⱼ, T̄ - Σⱼ≠ᵢA̲ⱼ]`, clipped at 0. Each step only removes counts that no
//! solution can take, so it is sound.
//!
//! # Conflicts
//!
//! Keys in a numeric conflict enter with the envelope of their current counts. When a
//! group has no solution, a minimal set of claims that cannot all hold is found: on a
//! network by the flow's incremental deletion filter over the claims behind the violated
//! cut, elsewhere by QuickXplain. Removing any one of its claims restores consistency.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::claim::{Category, ClaimBody, CountClaim, Measure, Whose};
use crate::id::{ClaimId, EventId};
use crate::range::CountRange;
use crate::reconcile::evidence::{Cite, Evidence};
use crate::reconcile::figure::{Figure, QuantityKey};
use crate::reconcile::flow;
use crate::reconcile::shared::Shared;

mod conflict;
mod explain;
mod search;
use crate::reconcile::lattice::{self, Lattice};

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
/// let c = Constraint::new(k(Whose::All), vec![k(Whose::party("am")), k(Whose::party("az"))], Rule::Sides);
/// assert_eq!(c.to_string(), "clash/killed/all/military = clash/killed/am/military + clash/killed/az/military");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Constraint {
    /// The whole.
    pub whole: QuantityKey,
    /// The parts.
    pub parts: Vec<QuantityKey>,
    /// Why the sum holds.
    pub rule: Rule,
}

impl Constraint {
    /// The sum `whole = parts[0] + parts[1] + …`, holding because of `rule`.
    ///
    /// ```
    /// use contested::{Category, Measure, Whose};
    /// use contested::reconcile::{Constraint, QuantityKey, Rule};
    ///
    /// let k = |c| QuantityKey::new("e", Measure::Killed, Whose::All, c);
    /// let c = Constraint::new(k(Category::Any), vec![k(Category::Military), k(Category::Civilian)], Rule::Category);
    /// assert_eq!(c.parts.len(), 2);
    /// ```
    pub fn new(whole: QuantityKey, parts: Vec<QuantityKey>, rule: Rule) -> Constraint {
        Constraint { whole, parts, rule }
    }
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

/// How exact the bounds of a linked group of keys are, and how its feasibility was
/// decided (see DESIGN.md, "Part-whole propagation").
///
/// ```
/// use contested::reconcile::Exactness;
///
/// assert_eq!(Exactness::Flow.to_string(), "exact (network flow)");
/// assert_eq!(Exactness::Search.to_string(), "exact (search)");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Exactness {
    /// The sums share no cycle: interval propagation to its fixed point gives the exact
    /// integer bounds, and finds every contradiction.
    Tree,
    /// The sums form a network (after flipping some): a maximum flow decided
    /// feasibility and gave the exact integer bounds.
    Flow,
    /// Neither, but a search over the integers (domain splitting with interval
    /// propagation, within a fixed budget of nodes) decided feasibility and gave the
    /// exact integer bounds; also a derived whole whose linked parts the search summed.
    Search,
    /// The search could not prove its answer (its budget ran out, the group is too
    /// large, or keys with no upper bound leave a bound or a contradiction open): the
    /// bounds are sound (no solution is cut off) but may be wider than the exact ones,
    /// and a contradiction that interval propagation cannot see is missed.
    Bounds,
}

impl fmt::Display for Exactness {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Exactness::Tree => "exact (tree)",
            Exactness::Flow => "exact (network flow)",
            Exactness::Search => "exact (search)",
            Exactness::Bounds => "sound bounds, may not be tightest",
        })
    }
}

/// How a constraint came out after propagation.
///
/// ```
/// # use contested::reconcile::Reconciler;
/// let r = Reconciler::new().reconcile(&contested::Dossier::default());
/// assert!(r.constraints().is_empty());
/// ```
#[derive(Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct ConstraintCheck {
    /// The constraint (stored once, and shared with every [`Derived`] figure it gives).
    #[cfg_attr(feature = "schema", schemars(with = "Constraint"))]
    pub constraint: Shared<Constraint>,
    /// The whole's bounds after propagation (`None`: its group conflicts).
    pub whole: Option<CountRange>,
    /// Each part's bounds after propagation, in order.
    pub parts: Vec<Option<CountRange>>,
    /// How exact the bounds of the constraint's linked group are.
    pub exactness: Exactness,
}

/// Clones by sharing the constraint.
impl Clone for ConstraintCheck {
    fn clone(&self) -> Self {
        ConstraintCheck {
            constraint: Shared::share(&self.constraint),
            whole: self.whole,
            parts: self.parts.clone(),
            exactness: self.exactness,
        }
    }
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

/// A claim in the network (its ranges are [`Network::ranges`]).
struct Element {
    cite: Cite,
}

/// Variables, sums and elements of one linked group.
type Group = (Vec<usize>, Vec<usize>, Vec<usize>);

struct Sum {
    whole: usize,
    parts: Vec<usize>,
    /// `whole - Σ parts` as (variable, coefficient), a variable named twice combined,
    /// zero coefficients dropped, sorted by variable.
    row: Vec<(usize, i64)>,
    owner: Option<usize>,
    constraint: Shared<Constraint>,
}

/// `whole - Σ parts` with repeated variables combined, in O(k log k).
fn row_of(whole: usize, parts: &[usize]) -> Vec<(usize, i64)> {
    // The terms, sorted and combined in place: one allocation per row.
    let mut row: Vec<(usize, i64)> = Vec::with_capacity(parts.len() + 1);
    row.push((whole, 1));
    row.extend(parts.iter().map(|&p| (p, -1)));
    row.sort_unstable_by_key(|t| t.0);
    row.dedup_by(|later, kept| {
        let same = later.0 == kept.0;
        if same {
            kept.1 += later.1;
        }
        same
    });
    row.retain(|&(_, c)| c != 0);
    row
}

/// The constraint network over the evidence's figures.
pub(crate) struct Network {
    keys: Vec<QuantityKey>,
    sums: Vec<Sum>,
    elements: Vec<Element>,
    /// Each element's ranges on the variables it bounds, in compressed sparse rows:
    /// element `e`'s are `ranges[range_start[e]..range_start[e + 1]]` (see
    /// [`Network::ranges`]), one array for every claim instead of a list each.
    range_start: Vec<usize>,
    ranges: Vec<(usize, CountRange)>,
    /// The sums each variable is in, in compressed sparse rows: variable `v`'s are
    /// `var_sums[var_sum_start[v]..var_sum_start[v + 1]]`, in order of sum (see
    /// [`Network::sums_of`]). Two arrays instead of a list per variable: a million
    /// small lists cost more to allocate and free than everything else done with them.
    var_sum_start: Vec<usize>,
    var_sums: Vec<usize>,
    /// Keys in a numeric conflict, entered with the envelope of their current counts.
    disputed: BTreeMap<QuantityKey, CountRange>,
    /// Measure sums whose whole nobody reported, `whole = a + b` with both parts
    /// reported: derived after solving, from the parts' bounds.
    after: Vec<(Constraint, Vec<usize>)>,
    /// Per figure given to `build`, in its order: its variable.
    figure_var: Vec<usize>,
    /// Per sum: the first sum with the same row, when there is another (n agencies each
    /// reporting the same breakdown give n copies of one row: only one live copy is
    /// revised or solved, so they cost one row, not n).
    twin: Vec<Option<usize>>,
    /// `run`'s queue of sums and list of variables narrowed, kept from one run to the
    /// next (it runs once per group and once per check of the conflict searches).
    work: RefCell<(VecDeque<usize>, Vec<usize>)>,
}

/// What every batch of events shares, made once per reconciliation rather than once
/// per batch (each is as large as the dossier's measures or claims).
pub(crate) struct Common<'e> {
    /// The measure sums (`casualties = killed + wounded`, ...).
    measure_sums: Vec<(Measure, Vec<Measure>)>,
    /// The few count claims that report a breakdown, by id.
    breakdowns: HashMap<&'e ClaimId, &'e CountClaim>,
}

impl<'e> Common<'e> {
    pub(crate) fn new(ev: &'e Evidence) -> Self {
        Common {
            measure_sums: crate::measure::sums(&ev.measures),
            breakdowns: ev
                .claims
                .iter()
                .filter_map(|c| match &c.body {
                    ClaimBody::Count(count) if !count.breakdown.is_empty() => {
                        Some((&c.claim, count))
                    }
                    _ => None,
                })
                .collect(),
        }
    }
}

/// How many figures a batch of events gathers before its network is built and solved:
/// enough that the per-batch work is amortised, few enough that the batch's network
/// (about a kilobyte per claim) stays in cache and its memory is reused by the next
/// batch instead of a dossier-sized network being touched once and freed.
pub(crate) const BATCH_FIGURES: usize = 2048;

/// Part-whole propagation over all the figures (ordered by key): the events in
/// batches, each batch's network built, solved and dropped before the next (sums never
/// cross events, so no group spans two batches). A network numbers its keys, sums and
/// groups event by event, so the batches' lists, put end to end, are what one network
/// of every event gives, whatever the batch size; only the measure sums nobody reported,
/// which a network checks after all its others, are kept aside and put after every
/// batch's.
pub(crate) fn propagate(figures: &[Figure], ev: &Evidence, batch: usize) -> Outcome {
    let common = Common::new(ev);
    let mut out = Outcome {
        figure_bounds: Vec::with_capacity(figures.len()),
        checks: Vec::new(),
        contradictions: Vec::new(),
        derived: Vec::new(),
        disputed: Vec::new(),
        after_from: (0, 0),
    };
    let mut after_checks = Vec::new();
    let mut after_derived = Vec::new();
    let mut rest = figures;
    while !rest.is_empty() {
        // Whole events, at least `batch` figures (or what is left).
        let mut end = batch.max(1).min(rest.len());
        while end < rest.len() && rest[end].key.event == rest[end - 1].key.event {
            end += 1;
        }
        let (batch, next) = rest.split_at(end);
        rest = next;
        let mut o = Network::build(batch, ev, &common).solve();
        let (checks, derived) = o.after_from;
        out.figure_bounds.append(&mut o.figure_bounds);
        after_checks.extend(o.checks.drain(checks..));
        out.checks.append(&mut o.checks);
        after_derived.extend(o.derived.drain(derived..));
        out.derived.append(&mut o.derived);
        out.contradictions.append(&mut o.contradictions);
        // Sorted: each batch's are, and the batches come in order of key. (Appending
        // ordered maps merged the whole map so far once per batch.)
        out.disputed.append(&mut o.disputed);
    }
    out.after_from = (out.checks.len(), out.derived.len());
    out.checks.append(&mut after_checks);
    out.derived.append(&mut after_derived);
    out
}

pub(crate) struct Outcome {
    /// Per figure given to [`Network::build`], in its order: `None` when its key is in
    /// no sum, `Some(None)` when its group has no solution, else its bounds.
    pub figure_bounds: Vec<Option<Option<CountRange>>>,
    pub checks: Vec<ConstraintCheck>,
    pub contradictions: Vec<Contradiction>,
    pub derived: Vec<Derived>,
    /// Ordered by key.
    pub disputed: Vec<(QuantityKey, CountRange)>,
    /// Where the checks and derived figures of the measure sums nobody reported
    /// (`after`) start: [`propagate`] puts every batch's after the others'.
    pub after_from: (usize, usize),
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
#[derive(Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Derived {
    /// The key.
    pub key: QuantityKey,
    /// Its bounds from the sums.
    pub bounds: CountRange,
    /// The sums it takes part in (each the constraint of its [`ConstraintCheck`],
    /// shared, not copied).
    #[cfg_attr(feature = "schema", schemars(with = "Vec<Constraint>"))]
    pub via: Vec<Shared<Constraint>>,
}

/// Clones by sharing the constraints.
impl Clone for Derived {
    fn clone(&self) -> Self {
        Derived {
            key: self.key.clone(),
            bounds: self.bounds,
            via: self.via.iter().map(Shared::share).collect(),
        }
    }
}

impl Network {
    pub(crate) fn build(figures: &[Figure], ev: &Evidence, common: &Common<'_>) -> Network {
        // Every map below holds one event's keys and claims at a time (sums never cross
        // events): cleared per event, they stay small and in cache however large the
        // dossier, so the cost per claim does not grow with it.
        let mut var_of: HashMap<QuantityKey, usize> = HashMap::new();
        // The large lists are made at the size they reach (every figure is a key, at most
        // every claim an element with a range) rather than grown by doubling, which
        // copied each of them about once more and touched fresh pages to do so.
        let mut keys: Vec<QuantityKey> = Vec::with_capacity(figures.len());
        fn var(
            k: &QuantityKey,
            keys: &mut Vec<QuantityKey>,
            var_of: &mut HashMap<QuantityKey, usize>,
        ) -> usize {
            // Looked up before cloning: most calls find the key.
            if let Some(&v) = var_of.get(k) {
                return v;
            }
            keys.push(k.clone());
            var_of.insert(k.clone(), keys.len() - 1);
            keys.len() - 1
        }
        // Where someone counts the unknown category, any = military + civilian + unknown.
        let measure_sums = &common.measure_sums;
        let unknown: BTreeSet<(EventId, Measure, Whose)> = figures
            .iter()
            .filter(|f| f.key.category == Category::Unknown)
            .map(|f| {
                (
                    f.key.event.clone(),
                    f.key.measure.clone(),
                    f.key.whose.clone(),
                )
            })
            .collect();
        let breakdowns = &common.breakdowns;
        // At most one element, and one range, per reading.
        let readings: usize = figures.iter().map(|f| f.readings.len()).sum();
        let mut elements: Vec<Element> = Vec::with_capacity(readings);
        // Elements are numbered in order of first appearance, so the map's own order
        // never shows.
        let mut element_of: HashMap<ClaimId, usize> = HashMap::new();
        fn element(
            cite: &Cite,
            elements: &mut Vec<Element>,
            element_of: &mut HashMap<ClaimId, usize>,
        ) -> usize {
            if let Some(&e) = element_of.get(&cite.claim) {
                return e;
            }
            elements.push(Element { cite: cite.clone() });
            element_of.insert(cite.claim.clone(), elements.len() - 1);
            elements.len() - 1
        }
        // A sum is known by its whole and rule (the parts follow from them; a breakdown's
        // rule names its claim), so telling sums apart never compares their part lists.
        let mut done: HashSet<(usize, Rule)> = HashSet::new();
        // One sum per breakdown at most, before the lattice's (which come after).
        let mut sums = Vec::with_capacity(breakdowns.len());
        let mut disputed = BTreeMap::new();
        let push_sum = |whole: QuantityKey,
                        parts: Vec<QuantityKey>,
                        rule: Rule,
                        owner: Option<usize>,
                        keys: &mut Vec<QuantityKey>,
                        var_of: &mut HashMap<QuantityKey, usize>,
                        done: &mut HashSet<(usize, Rule)>,
                        sums: &mut Vec<Sum>| {
            let w = var(&whole, keys, var_of);
            if !done.insert((w, rule.clone())) {
                return false;
            }
            let ps: Vec<usize> = parts.iter().map(|p| var(p, keys, var_of)).collect();
            sums.push(Sum {
                whole: w,
                row: row_of(w, &ps),
                parts: ps,
                owner,
                constraint: Shared::new(Constraint { whole, parts, rule }),
            });
            true
        };
        // Figures come ordered by key, so each event's figures are one run; the
        // breakdown sums of a run are the sums pushed while reading it.
        struct Run<'f> {
            figures: &'f [Figure],
            first_figure: usize,
            breakdowns: std::ops::Range<usize>,
            /// Its lattice sums, which come after its breakdowns.
            lattice: std::ops::Range<usize>,
        }
        // An event's lattice sums come after its breakdowns and the keys they make after
        // its figures' and breakdowns' keys, so that the network is numbered event by
        // event (what a batch of events gives is then the same whatever the batch; see
        // `propagate`). They are pushed on lists of their own, numbered in them, keys
        // tagged with `LATE`, and moved and renumbered at the event's end. Their keys are
        // found by lattice number (`id_var`), not hashed: the only keys of the event's
        // map in its lattice are its figures' (breakdown parts are units).
        const LATE: usize = 1 << (usize::BITS - 1);
        let mut late_keys: Vec<QuantityKey> = Vec::new();
        let mut late_sums: Vec<Sum> = Vec::new();
        let mut extra: HashMap<usize, usize> = HashMap::new();
        let mut id_var: Vec<usize> = Vec::new();
        // The batch's events, from its first.
        let mut events = match figures.first() {
            Some(f) => ev.events.range::<EventId, _>(&f.key.event..),
            None => ev.events.range::<EventId, _>(..),
        }
        .peekable();
        let mut runs: Vec<Run<'_>> = Vec::new();
        let mut relevance = lattice::Relevance::default();
        let mut figure_var: Vec<usize> = Vec::with_capacity(figures.len());
        // The event's (element, variable, range) triples, put in element order at its end.
        let mut pending: Vec<(usize, usize, CountRange)> = Vec::new();
        let mut range_start: Vec<usize> = Vec::with_capacity(readings + 1);
        range_start.push(0);
        let mut ranges: Vec<(usize, CountRange)> = Vec::with_capacity(readings);
        for run in figures.chunk_by(|a, b| a.key.event == b.key.event) {
            var_of.clear();
            element_of.clear();
            done.clear();
            let first_sum = sums.len();
            let first_figure = figure_var.len();
            let first_element = elements.len();
            for f in run {
                let v = var(&f.key, &mut keys, &mut var_of);
                figure_var.push(v);
                // A disputed key enters with the envelope of its current counts, so the
                // dispute is neither dropped nor settled by arithmetic. A count another
                // origin denies is disputed too, with no figure on the other side: the
                // key enters with the envelope of its undenied counts (unbounded when
                // every count is denied), so a denied figure settles nothing.
                let envelope = if !f.denied.is_empty() {
                    let undenied = f
                        .live()
                        .filter(|r| !f.denied.iter().any(|(c, _)| *c == r.cite.claim))
                        .filter_map(|r| r.bearing)
                        .reduce(|a, b| a.hull(&b));
                    let e = undenied.unwrap_or(CountRange::UNKNOWN);
                    disputed.insert(f.key.clone(), e);
                    Some(e)
                } else if f.consensus.is_none() || !f.ceilings.is_empty() {
                    disputed.insert(f.key.clone(), f.envelope);
                    Some(f.envelope)
                } else {
                    None
                };
                // A voice's count of a whole caps its word on this part: the envelope
                // reaches down to the lowest ceiling, so the dispute is not settled by
                // the sums either (the ceiling is reported as a conflict of its own).
                let envelope = match (envelope, f.ceilings.iter().map(|c| c.at_most).min()) {
                    (Some(e), Some(u)) => {
                        let e = e.hull(&CountRange::new(0, Some(u)).unwrap_or(e));
                        disputed.insert(f.key.clone(), e);
                        Some(e)
                    }
                    (e, _) => e,
                };
                for r in f.live() {
                    let e = element(&r.cite, &mut elements, &mut element_of);
                    let said = r.bearing.unwrap_or(r.range);
                    // A count certainly earlier than a count of a whole or part of this
                    // key held its ceiling only at its time (see `stale`).
                    // `floors_in_sums` is sorted by claim: a lookup, not a scan per count.
                    let floored = f
                        .floors_in_sums
                        .binary_search_by(|(c, _)| c.cmp(&r.cite.claim))
                        .is_ok();
                    let said = if floored {
                        CountRange::at_least(said.lo())
                    } else {
                        said
                    };
                    // In a dispute each count stands for the end of the envelope it gives
                    // (the lowest floor, the highest ceiling), so a conflict cites the
                    // count whose bound it needs; together they still make the envelope.
                    // A denied count stands for nothing.
                    let range = match envelope {
                        Some(_) if f.denied.iter().any(|(c, _)| *c == r.cite.claim) => {
                            CountRange::UNKNOWN
                        }
                        Some(env) => {
                            let lo = if said.lo() == env.lo() { env.lo() } else { 0 };
                            let hi = if said.hi() == env.hi() {
                                env.hi()
                            } else {
                                None
                            };
                            CountRange::new(lo, hi).unwrap_or(env)
                        }
                        None => said,
                    };
                    pending.push((e, v, range));
                }
                for r in f.live().filter(|r| r.part_of_breakdown.is_none()) {
                    if let Some(c) = breakdowns.get(&r.cite.claim) {
                        let mut parts: Vec<QuantityKey> = c
                            .breakdown
                            .iter()
                            .map(|p| f.key.with_category(Category::Unit(p.unit.clone())))
                            .collect();
                        // "40 dead, including 10 at the market": the parts are lower bounds,
                        // with an unnamed remainder.
                        if c.partial {
                            parts.push(f.key.with_category(Category::Unit(format!(
                                "rest of {}",
                                r.cite.claim
                            ))));
                        }
                        let owner = element(&r.cite, &mut elements, &mut element_of);
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
            // The event's elements are the last made (claims never cross events): their
            // ranges go in, each element's in the order given (a stable sort).
            pending.sort_by_key(|&(e, _, _)| e);
            let mut p = 0;
            for e in first_element..elements.len() {
                while let Some(&(_, v, r)) = pending.get(p).filter(|t| t.0 == e) {
                    ranges.push((v, r));
                    p += 1;
                }
                range_start.push(ranges.len());
            }
            pending.clear();
            let mut run = Run {
                figures: run,
                first_figure,
                breakdowns: first_sum..sums.len(),
                lattice: 0..0,
            };
            // The event's lattice sums, kept when they lie on a path between two
            // reported figures (see `lattice`), judged on dense indices (the lattice's
            // own, then the breakdowns' other keys). Sums in a fixed order: nothing
            // depends on hashing.
            let event = &run.figures[0].key.event;
            let reported: Vec<&QuantityKey> = run.figures.iter().map(|f| &f.key).collect();
            // The events come in id order, as the evidence's map has them: found by
            // walking it alongside, not by a search from its root per event.
            debug_assert!(runs.last().is_none_or(|r| r.figures[0].key.event < *event));
            while events.next_if(|(id, _)| *id < event).is_some() {}
            let sides = events
                .next_if(|(id, _)| *id == event)
                .map_or(&[][..], |(_, e)| e.sides.as_slice());
            let lat = Lattice::new(event, sides, &reported, &unknown, measure_sums);
            let candidates = lat.candidates();
            extra.clear();
            let mut vertex = |v: usize, keys: &[QuantityKey]| match lat.id(&keys[v]) {
                Some(id) => id,
                None => {
                    let next = lat.len() + extra.len();
                    *extra.entry(v).or_insert(next)
                }
            };
            let mut members: Vec<Vec<usize>> =
                Vec::with_capacity(run.breakdowns.len() + candidates.len());
            for b in run.breakdowns.clone() {
                let s = &sums[b];
                members.push(
                    std::iter::once(s.whole)
                        .chain(s.parts.iter().copied())
                        .map(|v| vertex(v, &keys))
                        .collect(),
                );
            }
            let mut terminal_ids: Vec<usize> = figure_var
                [run.first_figure..run.first_figure + run.figures.len()]
                .iter()
                .map(|&v| vertex(v, &keys))
                .collect();
            let n = lat.len() + extra.len();
            // The candidates' member lists move into `members`, their rules kept beside.
            let (rules, candidate_members): (Vec<Rule>, Vec<Vec<usize>>) =
                candidates.into_iter().unzip();
            members.extend(candidate_members);
            terminal_ids.sort_unstable();
            let mut terminal = vec![false; n];
            for t in terminal_ids {
                terminal[t] = true;
            }
            let keep = relevance.relevant(n, &members, &terminal);
            id_var.clear();
            id_var.resize(lat.len(), usize::MAX);
            for &v in &figure_var[run.first_figure..run.first_figure + run.figures.len()] {
                if let Some(id) = lat.id(&keys[v]) {
                    id_var[id] = v;
                }
            }
            // As `push_sum`, by lattice number: the whole's variable first (made even if
            // the sum is a duplicate), then the parts'.
            let mut var_at = |id: usize| {
                if id_var[id] == usize::MAX {
                    late_keys.push(lat.key(id));
                    id_var[id] = (late_keys.len() - 1) | LATE;
                }
                id_var[id]
            };
            let candidates = rules.into_iter().zip(&members[run.breakdowns.len()..]);
            for (i, (rule, m)) in candidates.enumerate() {
                if keep[run.breakdowns.len() + i] {
                    let w = var_at(m[0]);
                    if !done.insert((w, rule.clone())) {
                        continue;
                    }
                    let ps: Vec<usize> = m[1..].iter().map(|&id| var_at(id)).collect();
                    late_sums.push(Sum {
                        whole: w,
                        row: row_of(w, &ps),
                        parts: ps,
                        owner: None,
                        constraint: Shared::new(Constraint {
                            whole: lat.key(m[0]),
                            parts: m[1..].iter().map(|&id| lat.key(id)).collect(),
                            rule,
                        }),
                    });
                }
            }
            // The event's lattice sums and their new keys after its others, numbered as
            // if pushed there (a tagged number sorts after every untagged one, and the
            // tagged ones by their place, so each row's order is kept).
            let base = keys.len();
            let renumber = |v: &mut usize| {
                if *v & LATE != 0 {
                    *v = base + (*v & !LATE);
                }
            };
            for s in &mut late_sums {
                renumber(&mut s.whole);
                s.parts.iter_mut().for_each(renumber);
                s.row.iter_mut().for_each(|(v, _)| renumber(v));
            }
            keys.append(&mut late_keys);
            run.lattice = sums.len()..sums.len() + late_sums.len();
            sums.append(&mut late_sums);
            runs.push(run);
        }
        let mut var_sum_start = vec![0usize; keys.len() + 1];
        for s in &sums {
            for &v in std::iter::once(&s.whole).chain(&s.parts) {
                var_sum_start[v + 1] += 1;
            }
        }
        for v in 0..keys.len() {
            var_sum_start[v + 1] += var_sum_start[v];
        }
        let mut fill = var_sum_start.clone();
        let mut var_sums = vec![0usize; var_sum_start[keys.len()]];
        for (i, s) in sums.iter().enumerate() {
            for &v in std::iter::once(&s.whole).chain(&s.parts) {
                var_sums[fill[v]] = i;
                fill[v] += 1;
            }
        }
        drop(fill);
        // Measure wholes nobody reported, where every part is: derived after solving.
        // An event's map of keys is filled only when one of its keys is the first part
        // of such a sum (most events have none), and lists are made only for a sum whose
        // every part was found.
        let mut after = Vec::new();
        let mut set: HashMap<&QuantityKey, usize> = HashMap::new();
        let mut found: Vec<(&QuantityKey, usize)> = Vec::new();
        for run in &runs {
            let event = &run.figures[0].key.event;
            let mut filled = false;
            for (w, parts) in measure_sums {
                if run.figures.iter().any(|f| f.key.measure == *w) {
                    continue;
                }
                let Some((first, rest)) = parts.split_first() else {
                    continue;
                };
                'key: for k in run
                    .figures
                    .iter()
                    .map(|f| &f.key)
                    .filter(|k| k.measure == *first)
                {
                    if !std::mem::replace(&mut filled, true) {
                        set.clear();
                        set.extend(
                            run.figures
                                .iter()
                                .map(|f| &f.key)
                                .zip(figure_var[run.first_figure..].iter().copied()),
                        );
                    }
                    found.clear();
                    for m in rest {
                        let kp = QuantityKey {
                            measure: m.clone(),
                            ..k.clone()
                        };
                        match set.get_key_value(&kp) {
                            Some((&kp, &vp)) => found.push((kp, vp)),
                            None => continue 'key,
                        }
                    }
                    let keys: Vec<QuantityKey> = std::iter::once(k)
                        .chain(found.iter().map(|&(kp, _)| kp))
                        .cloned()
                        .collect();
                    let vars: Vec<usize> = std::iter::once(set[k])
                        .chain(found.iter().map(|&(_, vp)| vp))
                        .collect();
                    let whole = QuantityKey {
                        measure: w.clone(),
                        ..k.clone()
                    };
                    debug_assert_eq!(&whole.event, event);
                    after.push((Constraint::new(whole, keys, Rule::Measure), vars));
                }
            }
        }
        drop(set);
        // Identical rows have the same variables, so the same event: each event's sums
        // (its breakdowns, then its lattice sums, in order of index) are compared in a
        // map of their own, which stays small and in cache.
        let mut first: HashMap<&[(usize, i64)], usize> = HashMap::new();
        let mut twin = vec![None; sums.len()];
        let mut has_twin = vec![false; sums.len()];
        for run in &runs {
            first.clear();
            for i in run.breakdowns.clone().chain(run.lattice.clone()) {
                let f = *first.entry(sums[i].row.as_slice()).or_insert(i);
                if f != i {
                    twin[i] = Some(f);
                    has_twin[f] = true;
                }
            }
        }
        for (i, t) in twin.iter_mut().enumerate() {
            if has_twin[i] {
                *t = Some(i);
            }
        }
        drop(first);
        Network {
            work: RefCell::default(),
            keys,
            figure_var,
            sums,
            elements,
            range_start,
            ranges,
            var_sum_start,
            var_sums,
            disputed,
            after,
            twin,
        }
    }

    /// Element `e`'s ranges, in the order they were given.
    fn ranges(&self, e: usize) -> &[(usize, CountRange)] {
        &self.ranges[self.range_start[e]..self.range_start[e + 1]]
    }

    /// The sums variable `v` is in, in order of sum.
    fn sums_of(&self, v: usize) -> &[usize] {
        &self.var_sums[self.var_sum_start[v]..self.var_sum_start[v + 1]]
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
        // Groups indexed by their root, in order of root (as an ordered map by root
        // would give), without a map: a slot per root, sorted once at the end.
        let mut slot = vec![usize::MAX; n];
        let mut groups: Vec<(usize, Group)> = Vec::new();
        let mut group_of = |r: usize, groups: &mut Vec<(usize, Group)>| {
            if slot[r] == usize::MAX {
                slot[r] = groups.len();
                groups.push((r, Group::default()));
            }
            slot[r]
        };
        let mut sum_root = Vec::with_capacity(self.sums.len());
        for s in &self.sums {
            let r = find(&mut parent, s.whole);
            group_of(r, &mut groups);
            sum_root.push(r);
        }
        // Each group's lists are made at their size (counted first), not grown from
        // empty: there are as many groups as linked events, each with three lists.
        let mut var_root = vec![usize::MAX; n];
        let mut counts = vec![(0usize, 0usize); groups.len()];
        for (v, root) in var_root.iter_mut().enumerate() {
            let r = find(&mut parent, v);
            // A variable in no sum is a group of its own with no sums: dropped below,
            // so not made.
            if slot[r] != usize::MAX {
                *root = r;
                counts[slot[r]].0 += 1;
            }
        }
        for &r in &sum_root {
            counts[slot[r]].1 += 1;
        }
        for ((_, g), &(vars, sums)) in groups.iter_mut().zip(&counts) {
            g.0.reserve_exact(vars);
            g.1.reserve_exact(sums);
        }
        for (i, &r) in sum_root.iter().enumerate() {
            groups[slot[r]].1.1.push(i);
        }
        for (v, &r) in var_root.iter().enumerate() {
            if r != usize::MAX {
                groups[slot[r]].1.0.push(v);
            }
        }
        // The sums each element owns, in order of sum, in compressed rows (one list for
        // every element, not one per element that owns a sum).
        let mut owned_start = vec![0usize; self.elements.len() + 1];
        for s in &self.sums {
            if let Some(o) = s.owner {
                owned_start[o + 1] += 1;
            }
        }
        for e in 0..self.elements.len() {
            owned_start[e + 1] += owned_start[e];
        }
        let mut owned = vec![0usize; owned_start[self.elements.len()]];
        let mut fill = owned_start.clone();
        for (i, s) in self.sums.iter().enumerate() {
            if let Some(o) = s.owner {
                owned[fill[o]] = i;
                fill[o] += 1;
            }
        }
        drop(fill);
        let mut roots: Vec<usize> = Vec::new();
        // (group, element) in order of element, then moved into the groups' lists.
        let mut elem_group: Vec<(usize, usize)> = Vec::new();
        for i in 0..self.elements.len() {
            roots.clear();
            roots.extend(self.ranges(i).iter().map(|(v, _)| find(&mut parent, *v)));
            for &s in &owned[owned_start[i]..owned_start[i + 1]] {
                roots.push(find(&mut parent, self.sums[s].whole));
            }
            roots.sort_unstable();
            roots.dedup();
            for &r in &roots {
                if slot[r] != usize::MAX {
                    elem_group.push((slot[r], i));
                }
            }
        }
        let mut elems = vec![0usize; groups.len()];
        for &(g, _) in &elem_group {
            elems[g] += 1;
        }
        for ((_, g), &count) in groups.iter_mut().zip(&elems) {
            g.2.reserve_exact(count);
        }
        for (g, i) in elem_group {
            groups[g].1.2.push(i);
        }
        groups.sort_unstable_by_key(|(r, _)| *r);
        groups.into_iter().map(|(_, g)| g).collect()
    }

    /// Each variable of the group at the intersection of the active elements' ranges
    /// (its raw domain); `false` when two of them are disjoint.
    fn raw(&self, (vars, _, elems): &Group, active: &[bool], dom: &mut [CountRange]) -> bool {
        for &v in vars {
            dom[v] = CountRange::UNKNOWN;
        }
        for &e in elems {
            if !active[e] {
                continue;
            }
            for &(v, r) in self.ranges(e) {
                match dom[v].intersect(&r) {
                    Some(x) => dom[v] = x,
                    None => return false,
                }
            }
        }
        true
    }

    /// Which sums of a group are live, one copy of each row: a sum is live when its
    /// owner (if any) is active, and of identical rows only the first live one counts.
    fn live_sums(&self, sums: &[usize], active: &[bool]) -> Live {
        let mut reps: HashMap<usize, usize> = HashMap::new();
        for &s in sums {
            if let Some(class) = self.twin[s]
                && self.sums[s].owner.is_none_or(|o| active[o])
            {
                reps.entry(class).or_insert(s);
            }
        }
        Live { reps }
    }

    /// Propagates one group with the active elements: `None` when it has no solution,
    /// `Some(true)` at a fixed point, `Some(false)` when the revision budget ran out
    /// first (the bounds are sound, maybe not the tightest).
    fn run(
        &self,
        group: &Group,
        active: &[bool],
        dom: &mut [CountRange],
        queued: &mut [bool],
    ) -> Option<bool> {
        if !self.raw(group, active, dom) {
            return None;
        }
        let sums = &group.1;
        let reps = self.live_sums(sums, active);
        let live = |s: usize| reps.is_live(self, s, active);
        let mut work = self.work.borrow_mut();
        let (queue, changed) = &mut *work;
        queue.clear();
        for &s in sums.iter() {
            if live(s) {
                queue.push_back(s);
                queued[s] = true;
            }
        }
        let mut budget = 64usize.saturating_mul(sums.len()).saturating_add(64);
        let mut ok = Some(true);
        while let Some(s) = queue.pop_front() {
            queued[s] = false;
            if budget == 0 {
                ok = Some(false);
                break;
            }
            budget -= 1;
            let sum = &self.sums[s];
            changed.clear();
            match revise(sum, dom, changed) {
                None => {
                    ok = None;
                    break;
                }
                Some(()) => {
                    for &v in changed.iter() {
                        for &t in self.sums_of(v) {
                            if !queued[t] && live(t) {
                                queued[t] = true;
                                queue.push_back(t);
                            }
                        }
                    }
                }
            }
        }
        for s in queue.drain(..) {
            queued[s] = false;
        }
        ok
    }

    /// The live sums of a group as rows over its variables (`local[v]` numbers them),
    /// `whole - Σ parts`, with a variable named twice in one sum combined; and which sum
    /// each row is.
    #[allow(clippy::type_complexity)]
    fn rows(
        &self,
        (_, sums, _): &Group,
        active: &[bool],
        local: &[usize],
    ) -> (Vec<Vec<(usize, i64)>>, Vec<usize>) {
        // At most one row per sum: made at that size, not grown.
        let mut rows = Vec::with_capacity(sums.len());
        let mut which = Vec::with_capacity(sums.len());
        let reps = self.live_sums(sums, active);
        for &s in sums {
            let sum = &self.sums[s];
            if !reps.is_live(self, s, active) {
                continue;
            }
            let row: Vec<(usize, i64)> = sum.row.iter().map(|&(v, c)| (local[v], c)).collect();
            rows.push(row);
            which.push(s);
        }
        (rows, which)
    }

    /// Whether the active claims and live sums of a group can all hold: the exact flow
    /// check when the sums have a cycle and form a network, else interval propagation
    /// (exact on a tree; on other shapes sound but blind to some contradictions).
    /// `forest`: the group's sums with every claim active form a forest, so any subset
    /// of them does too and propagation decides at once.
    fn holds(
        &self,
        group: &Group,
        active: &[bool],
        dom: &mut [CountRange],
        queued: &mut [bool],
        local: &[usize],
        forest: bool,
    ) -> bool {
        if forest {
            return self.run(group, active, dom, queued).is_some();
        }
        let (rows, _) = self.rows(group, active, local);
        let forest = is_forest(group.0.len(), &rows);
        if !forest && let Some(g) = flow::recognize(group.0.len(), &rows) {
            if !self.raw(group, active, dom) {
                return false;
            }
            let raw: Vec<CountRange> = group.0.iter().map(|&v| dom[v]).collect();
            return flow::feasible(&g, &raw);
        }
        match self.run(group, active, dom, queued) {
            None => false,
            Some(true) if forest => true,
            // Neither shape: the exact search decides, where it can; where it cannot,
            // propagation's answer stands (sound, as the group's own check).
            Some(_) => {
                let sound: Vec<CountRange> = group.0.iter().map(|&v| dom[v]).collect();
                !search::refuted(&rows, &sound)
            }
        }
    }

    pub(crate) fn solve(mut self) -> Outcome {
        let mut dom = vec![CountRange::UNKNOWN; self.keys.len()];
        let mut queued = vec![false; self.sums.len()];
        let mut active = vec![false; self.elements.len()];
        let mut local = vec![usize::MAX; self.keys.len()];
        // Per variable: `None` outside every group, `Some(None)` in a group with no
        // solution, else its bounds. Indexed, so no key is looked up or cloned here.
        let mut bounds: Vec<Option<Option<CountRange>>> = vec![None; self.keys.len()];
        let mut contradictions = Vec::new();
        let mut group_ok = vec![true; self.keys.len()];
        let mut exactness = vec![Exactness::Tree; self.keys.len()];
        let mut group_of = vec![usize::MAX; self.keys.len()];
        let groups = self.components();
        for (gi, (vars, _, _)) in groups.iter().enumerate() {
            for &v in vars {
                group_of[v] = gi;
            }
        }
        // The derived measure wholes with two parts or more in one group, as (group,
        // derived sum), in order of group: their exact range is sought with the group's.
        let mut linked: Vec<(usize, usize)> = Vec::new();
        for (ai, (_, parts)) in self.after.iter().enumerate() {
            for (i, &a) in parts.iter().enumerate() {
                let g = group_of[a];
                if g != usize::MAX
                    && !parts[..i].iter().any(|&b| group_of[b] == g)
                    && parts[i + 1..].iter().any(|&b| group_of[b] == g)
                {
                    linked.push((g, ai));
                }
            }
        }
        linked.sort_unstable();
        let mut next_linked = 0;
        // Per (derived sum, group): the exact range of the sum of its parts in the group.
        let mut linked_ranges: HashMap<(usize, usize), (CountRange, Exactness)> = HashMap::new();
        for (gi, group) in groups.into_iter().enumerate() {
            let (vars, _, elems) = &group;
            for (i, &v) in vars.iter().enumerate() {
                local[v] = i;
            }
            for &e in elems {
                active[e] = true;
            }
            let (rows, which) = self.rows(&group, &active, &local);
            // Whether the group's rows form a forest, asked once (it was asked up to three
            // times of the same rows).
            let forest = is_forest(vars.len(), &rows);
            let graph = if forest {
                None
            } else {
                flow::recognize(vars.len(), &rows)
            };
            // A network is decided by the flow on the claims' own ranges (so a cut names
            // the claims' bounds); interval propagation would only creep round its
            // cycles. Other groups are propagated.
            let (mut shape, verdict) = match &graph {
                Some(g) => {
                    let verdict = if self.raw(&group, &active, &mut dom) {
                        let raw: Vec<CountRange> = vars.iter().map(|&v| dom[v]).collect();
                        flow::solve(g, &raw).map(Some).map_err(Some)
                    } else {
                        Err(None)
                    };
                    (Exactness::Flow, verdict)
                }
                None => {
                    let fixed_point = self.run(&group, &active, &mut dom, &mut queued);
                    match fixed_point {
                        Some(true) if forest => (Exactness::Tree, Ok(None)),
                        // A contradiction propagation proves is exact whatever the shape
                        // (it is where the search would stop at its root).
                        None if forest => (Exactness::Tree, Err(None)),
                        None => (Exactness::Search, Err(None)),
                        // Neither a tree nor a network: propagation's bounds are sound
                        // but maybe loose, so the group is searched over the integers.
                        Some(_) => {
                            let sound: Vec<CountRange> = vars.iter().map(|&v| dom[v]).collect();
                            match search::solve(&rows, &sound) {
                                search::Answer::Exact(exact) => {
                                    for (&v, b) in vars.iter().zip(exact) {
                                        dom[v] = b;
                                    }
                                    (Exactness::Search, Ok(None))
                                }
                                search::Answer::Infeasible => (Exactness::Search, Err(None)),
                                search::Answer::Unknown { .. } => (Exactness::Bounds, Ok(None)),
                            }
                        }
                    }
                }
            };
            match verdict {
                Ok(circulation) => {
                    if let (Some(mut c), Some(g)) = (circulation, &graph) {
                        let raw: Vec<CountRange> = vars.iter().map(|&v| dom[v]).collect();
                        if vars.len() <= EXACT_BOUNDS_KEYS {
                            for (k, &v) in vars.iter().enumerate() {
                                if let Some(arc) = g.arcs[k] {
                                    dom[v] = c.bounds(k, arc, raw[k]);
                                }
                            }
                        } else {
                            // One max flow per key would be quadratic in the group:
                            // feasibility stays exact, bounds come from propagation.
                            shape = Exactness::Bounds;
                            self.run(&group, &active, &mut dom, &mut queued);
                        }
                    }
                    for &v in vars {
                        exactness[v] = shape;
                        bounds[v] = Some(Some(dom[v]));
                    }
                    // Derived wholes whose parts the group links: the exact range of
                    // their sum over its solutions, by the search, with the keys' exact
                    // bounds as its box (every solution lies in it). A group whose own
                    // bounds are not exact is not searched again.
                    let first = next_linked;
                    while linked.get(next_linked).is_some_and(|&(g, _)| g == gi) {
                        next_linked += 1;
                    }
                    if first < next_linked && shape != Exactness::Bounds {
                        // A sum the group already holds as a row (`dm = killed + missing`
                        // beside the built-in killed or missing) is that row's whole, whose
                        // exact bounds are known; the others are searched together.
                        let mut searched: Vec<usize> = Vec::new();
                        let mut sums: Vec<Vec<usize>> = Vec::new();
                        for &(_, ai) in &linked[first..next_linked] {
                            let mut parts: Vec<usize> = self.after[ai]
                                .1
                                .iter()
                                .filter(|&&v| group_of[v] == gi)
                                .map(|&v| local[v])
                                .collect();
                            parts.sort_unstable();
                            match row_whole(&rows, &parts) {
                                Some(w) => {
                                    linked_ranges.insert((ai, gi), (dom[vars[w]], shape));
                                }
                                None => {
                                    searched.push(ai);
                                    sums.push(parts);
                                }
                            }
                        }
                        if !sums.is_empty() {
                            let exact: Vec<CountRange> = vars.iter().map(|&v| dom[v]).collect();
                            if let Some(found) = search::sum_ranges(&rows, &exact, &sums) {
                                for (ai, r) in searched.into_iter().zip(found) {
                                    linked_ranges.insert((ai, gi), (r, Exactness::Search));
                                }
                            }
                        }
                    }
                }
                Err(cut) => {
                    let flow_set = match (cut, &graph) {
                        (Some(cut), Some(_)) => {
                            let candidates = self.cut_claims(&group, &active, &dom, &cut, &which);
                            self.flow_conflict(&group, &mut active, &local, &candidates)
                        }
                        _ => None,
                    };
                    for &e in elems {
                        active[e] = false;
                    }
                    let (minimal, constraints) = match flow_set {
                        Some(found) => found,
                        None => {
                            // QuickXplain (Junker 2004): a minimal set of claims that
                            // cannot all hold, in O(k log(n / k)) checks for k claims in
                            // it.
                            let minimal = self.quick_xplain(
                                &group,
                                &mut active,
                                &mut dom,
                                &mut queued,
                                &local,
                                elems,
                                false,
                                forest,
                            );
                            for &e in &minimal {
                                active[e] = true;
                            }
                            let constraints =
                                self.conflict_sums(&group, &active, &local, &minimal, &mut dom);
                            for &e in &minimal {
                                active[e] = false;
                            }
                            (minimal, constraints)
                        }
                    };
                    let mut claims: Vec<Cite> = minimal
                        .iter()
                        .map(|&e| self.elements[e].cite.clone())
                        .collect();
                    claims.sort();
                    contradictions.push(Contradiction {
                        constraints,
                        claims,
                    });
                    while linked.get(next_linked).is_some_and(|&(g, _)| g == gi) {
                        next_linked += 1;
                    }
                    for &v in vars {
                        group_ok[v] = false;
                        exactness[v] = shape;
                        bounds[v] = Some(None);
                    }
                }
            }
            for &e in elems {
                active[e] = false;
            }
        }
        let mut reported = vec![false; self.keys.len()];
        for &(v, _) in &self.ranges {
            reported[v] = true;
        }
        // The keys move into the derived figures (nothing reads them after this): no
        // copy of each, and the others are freed here rather than with the network.
        let keys = std::mem::take(&mut self.keys);
        let mut derived: Vec<Derived> = keys
            .into_iter()
            .enumerate()
            .filter(|&(v, _)| group_ok[v] && !reported[v])
            .filter_map(|(v, k)| {
                let b = bounds[v].flatten()?;
                // A key the sums leave at 0.. says nothing: not reported as derived.
                if b == CountRange::UNKNOWN {
                    return None;
                }
                Some(Derived {
                    key: k,
                    bounds: b,
                    via: self
                        .sums_of(v)
                        .iter()
                        .map(|&s| Shared::share(&self.sums[s].constraint))
                        .collect(),
                })
            })
            .collect();
        // The sums' constraints move into the checks: no copy of every key of every sum.
        let sums = std::mem::take(&mut self.sums);
        let mut checks: Vec<ConstraintCheck> = sums
            .into_iter()
            .map(|s| {
                let get = |v: usize| {
                    if group_ok[v] {
                        Some(bounds[v].flatten().unwrap_or_default())
                    } else {
                        None
                    }
                };
                ConstraintCheck {
                    whole: get(s.whole),
                    parts: s.parts.iter().map(|&p| get(p)).collect(),
                    exactness: exactness[s.whole],
                    constraint: s.constraint,
                }
            })
            .collect();
        let after_from = (checks.len(), derived.len());
        self.derive_after(
            &bounds,
            &mut checks,
            &mut derived,
            &exactness,
            &group_of,
            &linked_ranges,
        );
        Outcome {
            figure_bounds: self.figure_var.iter().map(|&v| bounds[v]).collect(),
            checks,
            contradictions,
            derived,
            disputed: std::mem::take(&mut self.disputed).into_iter().collect(),
            after_from,
        }
    }

    /// The measure wholes nobody reported, from their parts' bounds: in the network, or
    /// a part's own figures when it is in no sum. The parts fall into independent sets
    /// (those of one group; each part in no group alone), so the whole's exact range is
    /// the sum of each set's exact range: a part alone in its group has its own exact
    /// bounds; two parts or more in one group take the range of their sum over the
    /// group's solutions (`linked`, keyed by derived sum and group, with how it was
    /// found: the group's own exact bounds of a whole whose row has those parts, or the
    /// search, `Exactness::Search`). Where the search did not prove it, the sum of their
    /// bounds contains the range and is marked `Bounds`.
    fn derive_after(
        &self,
        bounds: &[Option<Option<CountRange>>],
        checks: &mut Vec<ConstraintCheck>,
        derived: &mut Vec<Derived>,
        exactness: &[Exactness],
        group_of: &[usize],
        linked: &HashMap<(usize, usize), (CountRange, Exactness)>,
    ) {
        if self.after.is_empty() {
            return;
        }
        // One per variable (the keys themselves have moved into the derived figures).
        let mut raw = vec![Some(CountRange::UNKNOWN); bounds.len()];
        // Every element's ranges, in element order.
        for &(v, r) in &self.ranges {
            raw[v] = raw[v].and_then(|d| d.intersect(&r));
        }
        for (ai, (c, vars)) in self.after.iter().enumerate() {
            let range = |v: usize| match bounds[v] {
                Some(in_network) => in_network,
                None => raw[v],
            };
            let Some(ranges) = vars.iter().map(|&v| range(v)).collect::<Option<Vec<_>>>() else {
                continue;
            };
            let mut whole = CountRange::exact(0);
            let mut exact = Exactness::Tree;
            for (i, &v) in vars.iter().enumerate() {
                let g = group_of[v];
                let same = |&b: &usize| g != usize::MAX && group_of[b] == g;
                if vars[..i].iter().any(same) {
                    // Summed with the first part of its group.
                    continue;
                }
                let (r, e) = if g == usize::MAX {
                    (ranges[i], Exactness::Tree)
                } else if !vars[i + 1..].iter().any(same) {
                    (ranges[i], exactness[v])
                } else if let Some(&found) = linked.get(&(ai, g)) {
                    found
                } else {
                    let outer = vars
                        .iter()
                        .zip(&ranges)
                        .filter(|(b, _)| same(b))
                        .fold(CountRange::exact(0), |sum, (_, r)| sum.plus(r));
                    (outer, Exactness::Bounds)
                };
                whole = whole.plus(&r);
                exact = exact.max(e);
            }
            let c = Shared::new(c.clone());
            checks.push(ConstraintCheck {
                constraint: Shared::share(&c),
                whole: Some(whole),
                parts: ranges.into_iter().map(Some).collect(),
                exactness: exact,
            });
            if whole != CountRange::UNKNOWN {
                derived.push(Derived {
                    key: c.whole.clone(),
                    bounds: whole,
                    via: vec![c],
                });
            }
        }
    }
}

/// The live sums of a group during one check (see `Network::live_sums`).
struct Live {
    /// Per class of identical rows: its live representative.
    reps: HashMap<usize, usize>,
}

impl Live {
    fn is_live(&self, net: &Network, s: usize, active: &[bool]) -> bool {
        match net.twin[s] {
            None => net.sums[s].owner.is_none_or(|o| active[o]),
            Some(class) => self.reps.get(&class) == Some(&s),
        }
    }
}

/// Groups of up to this many keys get exact bounds from the flow, one max flow per key
/// and bound; larger networks keep exact feasibility but propagation's bounds.
const EXACT_BOUNDS_KEYS: usize = 512;

/// The whole of a row `whole - Σ parts` whose parts are exactly `parts` (sorted, each
/// once), if the rows hold one. A row names each key once, so a row of one `+1` and
/// `parts.len()` terms of `-1`, each one of `parts`, has exactly those parts.
fn row_whole(rows: &[Vec<(usize, i64)>], parts: &[usize]) -> Option<usize> {
    rows.iter().find_map(|row| {
        if row.len() != parts.len() + 1 {
            return None;
        }
        let mut whole = None;
        for &(k, c) in row {
            match c {
                1 if whole.is_none() => whole = Some(k),
                -1 if parts.binary_search(&k).is_ok() => {}
                _ => return None,
            }
        }
        whole
    })
}

/// Whether the rows, as a bipartite graph of keys and sums, have no cycle (a key named
/// twice in one sum is a cycle).
fn is_forest(keys: usize, rows: &[Vec<(usize, i64)>]) -> bool {
    let mut parent: Vec<usize> = (0..keys + rows.len()).collect();
    fn find(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for (r, row) in rows.iter().enumerate() {
        for &(k, c) in row {
            if c != 1 && c != -1 {
                return false;
            }
            let (a, b) = (find(&mut parent, k), find(&mut parent, keys + r));
            if a == b {
                return false;
            }
            parent[a] = b;
        }
    }
    true
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
