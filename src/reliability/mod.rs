//! Source reliability and truth discovery: which sources to trust, learned from many
//! count claims over many quantities.
//!
//! ```
//! use contested::CountRange;
//! use contested::reliability::{Claims, Method};
//!
//! let mut claims = Claims::new();
//! // Two outlets agree on two events; a third is far off on both.
//! for (source, a, b) in [("wire", 50, 12), ("daily", 50, 12), ("blog", 5_000, 1)] {
//!     claims.add(source, "event-1", CountRange::exact(a));
//!     claims.add(source, "event-2", CountRange::exact(b));
//! }
//! // The blog alone reports event 3; "at least 40" from the wire is a weaker claim.
//! claims.add("blog", "event-3", CountRange::exact(400));
//! claims.add("wire", "event-3", CountRange::at_least(40));
//! let outcome = Method::default().run(&claims.build()?);
//!
//! assert_eq!(outcome.estimate("event-1").unwrap().value(), 50);
//! let w = outcome.weights();
//! assert!(w.weight("wire").unwrap() > w.weight("blog").unwrap());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Overview
//!
//! - [`Claims`] collects `(source, object, range)` claims (by name, or by keys interned
//!   once with [`Claims::add_keyed`] for bulk input); ranges come from
//!   [`Estimate::range`](crate::Estimate::range) under an
//!   [`Interpretation`](crate::Interpretation), so "at least 49" is `49..`.
//!   [`Claims::build`] interns and sorts them into a canonical [`ClaimGraph`], and
//!   groups sources with identical claim sets into one voice (the copy rule, see
//!   [`ClaimGraph`]).
//! - A [`Method`] runs on the graph and returns an [`Outcome`]: per object an
//!   [`ObjectEstimate`] (value, confidence, range), per source a
//!   [`SourceReliability`] (reliability in `[0, 1]`, evidence, claims), gathered in
//!   [`Weights`] whose [`Weights::weight`] a reconciliation can use to weigh voices.
//! - Methods: [`Closeness`] (the default, designed for ranges and numeric closeness),
//!   and two baselines implemented after their papers, [`TruthFinder`] (Yin, Han and Yu,
//!   KDD 2007) and [`Investment`] (Pasternack and Roth, COLING 2010).
//! - [`csv`] reads claims and gold values from the quoted CSV of the truth-discovery
//!   data sets (the Population set of Pasternack and Roth).
//!
//! Every method iterates to a fixed point under a documented criterion and a bound on
//! iterations ([`Convergence`]). Results depend only on the set of claims, never on the
//! order they were added in. Measured accuracy is in `docs/reliability.md`.
//!
//! # Ties
//!
//! Every method scores candidate values of an object; values whose score is within a
//! relative 10⁻⁹ of the best are tied, and the smallest tied value wins (the
//! conservative figure, and the rule of the published baselines). The others are kept in
//! [`ObjectEstimate::tied`], so an evaluation can also give the expected accuracy of a
//! uniformly random choice among the tied values.

mod claims;
mod closeness;
pub mod csv;
mod investment;
mod outcome;
mod truthfinder;

use std::fmt;
use std::str::FromStr;

pub use claims::{BuildError, ClaimGraph, Claims, MIN_COPY_CLAIMS, ObjectKey, SourceKey};
pub use closeness::Closeness;
pub use investment::Investment;
pub use outcome::{Convergence, ObjectEstimate, Outcome, SourceReliability, Weights};
pub use truthfinder::TruthFinder;

use crate::range::CountRange;
use claims::UNBOUNDED;

/// A truth-discovery method with its parameters.
///
/// Names for [`FromStr`] and [`Display`](fmt::Display): `closeness`, `truthfinder`,
/// `investment` (each with its default parameters).
///
/// ```
/// use contested::reliability::{Investment, Method};
///
/// let m: Method = "investment".parse()?;
/// assert_eq!(m, Method::Investment(Investment::default()));
/// assert_eq!(m.to_string(), "investment");
/// assert_eq!(Method::default().to_string(), "closeness");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum Method {
    /// Range- and closeness-aware voting with copy-robust voices: [`Closeness`].
    Closeness(Closeness),
    /// TruthFinder (Yin, Han and Yu, KDD 2007): [`TruthFinder`].
    TruthFinder(TruthFinder),
    /// Investment (Pasternack and Roth, COLING 2010): [`Investment`].
    Investment(Investment),
}

impl Default for Method {
    /// [`Closeness`] with its default parameters.
    fn default() -> Self {
        Method::Closeness(Closeness::default())
    }
}

impl Method {
    /// The names [`FromStr`] accepts.
    pub const NAMES: [&'static str; 3] = ["closeness", "truthfinder", "investment"];

    /// Runs the method on `graph`.
    ///
    /// ```
    /// # use contested::{CountRange, reliability::{Claims, Method}};
    /// let mut c = Claims::new();
    /// c.add("a", "x", CountRange::exact(3));
    /// for name in Method::NAMES {
    ///     let m: Method = name.parse()?;
    ///     assert_eq!(m.run(&c.clone().build()?).estimate("x").unwrap().value(), 3);
    /// }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn run(&self, graph: &ClaimGraph) -> Outcome {
        match self {
            Method::Closeness(m) => m.run(graph),
            Method::TruthFinder(m) => m.run(graph),
            Method::Investment(m) => m.run(graph),
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Method::Closeness(_) => "closeness",
            Method::TruthFinder(_) => "truthfinder",
            Method::Investment(_) => "investment",
        })
    }
}

/// A method name that is not one of [`Method::NAMES`].
///
/// ```
/// # use contested::reliability::Method;
/// let err = "sums".parse::<Method>().unwrap_err();
/// assert!(err.to_string().contains("closeness"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown method {name:?} (expected closeness, truthfinder or investment)")]
#[non_exhaustive]
pub struct UnknownMethod {
    /// The name given.
    pub name: String,
}

impl FromStr for Method {
    type Err = UnknownMethod;
    fn from_str(s: &str) -> Result<Self, UnknownMethod> {
        match s.trim().to_ascii_lowercase().as_str() {
            "closeness" => Ok(Method::Closeness(Closeness::default())),
            "truthfinder" => Ok(Method::TruthFinder(TruthFinder::default())),
            "investment" => Ok(Method::Investment(Investment::default())),
            _ => Err(UnknownMethod { name: s.to_owned() }),
        }
    }
}

/// How much a claimed range says, in `(0, 1]`: `1 / (1 + w)` where `w` is the range's
/// width in natural-log units, `ln((hi + 1) / (lo + 1))`. An exact count says 1;
/// "about 100" (`90..=110`) 0.83; a range spanning a factor `e` says 0.5. An unbounded
/// `lo..` is read as spanning a factor 10 (one order of magnitude), 0.30: it rules out
/// everything below `lo`, and little above it is as plausible as what lies near it.
///
/// ```
/// use contested::CountRange;
/// use contested::reliability::specificity;
///
/// assert_eq!(specificity(CountRange::exact(50)), 1.0);
/// let about = specificity(CountRange::new(90, Some(110))?);
/// assert!(about > 0.8 && about < 0.85);
/// assert!(specificity(CountRange::at_least(49)) < about);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn specificity(range: CountRange) -> f64 {
    spec(range.lo(), range.hi().unwrap_or(UNBOUNDED))
}

pub(crate) fn spec(lo: u64, hi: u64) -> f64 {
    if lo == hi {
        return 1.0;
    }
    let w = if hi == UNBOUNDED {
        std::f64::consts::LN_10
    } else {
        ln1(hi) - ln1(lo)
    };
    1.0 / (1.0 + w)
}

/// `ln(n + 1)`, exact enough for every `u64`.
pub(crate) fn ln1(n: u64) -> f64 {
    (n as f64).ln_1p()
}

/// How close `v` is to the range `lo..=hi` (`hi == UNBOUNDED` for `lo..`): 1 inside,
/// else `exp(-d / scale)` with `d` the distance to the nearest end in natural-log units.
pub(crate) fn closeness(v: u64, lo: u64, hi: u64, scale: f64) -> f64 {
    let d = if v < lo {
        ln1(lo) - ln1(v)
    } else if v > hi {
        ln1(v) - ln1(hi)
    } else {
        return 1.0;
    };
    (-d / scale).exp()
}

/// Closeness between two ranges: 1 when they overlap, else by their gap.
pub(crate) fn range_closeness(a: (u64, u64), b: (u64, u64), scale: f64) -> f64 {
    if a.0 > b.1 {
        closeness(a.0, b.0, b.1, scale)
    } else if b.0 > a.1 {
        closeness(b.0, a.0, a.1, scale)
    } else {
        1.0
    }
}

/// Whether `score` ties with `best` under the relative 10⁻⁹ rule.
pub(crate) fn ties(score: f64, best: f64) -> bool {
    best - score <= 1e-9 * best.abs()
}

/// How a fact-scoring baseline turns the winning score into a confidence.
#[derive(Clone, Copy)]
pub(crate) enum Confidence {
    /// The score is already a confidence in `[0, 1]`.
    Score,
    /// The winner's share of the object's total score.
    Share,
}

/// For the fact-scoring baselines: per object, the best fact (ties: smallest range),
/// its confidence, and per source the evidence of [`SourceReliability`].
pub(crate) fn outcome_from_facts(
    graph: &ClaimGraph,
    fact_score: &[f64],
    confidence: Confidence,
    trust: impl Fn(usize) -> f64,
    convergence: Convergence,
) -> Outcome {
    let estimates = graph
        .objects
        .iter()
        .enumerate()
        .filter_map(|(o, name)| {
            let facts = graph.facts_of(o);
            let best = facts
                .clone()
                .map(|f| fact_score[f])
                .fold(f64::NEG_INFINITY, f64::max);
            // Facts are sorted by range, so the first tied fact has the smallest value.
            let f = facts.clone().find(|&f| ties(fact_score[f], best))?;
            let conf = match confidence {
                Confidence::Score => fact_score[f],
                Confidence::Share => {
                    let total: f64 = facts.clone().map(|g| fact_score[g].max(0.0)).sum();
                    if total > 0.0 {
                        fact_score[f] / total
                    } else {
                        0.0
                    }
                }
            };
            let value = graph.fact_lo[f];
            // Facts are sorted by (lo, hi): tied values ascend; equal ends count once.
            let mut tied: Vec<u64> = facts
                .clone()
                .skip_while(|&g| g <= f)
                .filter(|&g| ties(fact_score[g], best) && graph.fact_lo[g] > value)
                .map(|g| graph.fact_lo[g])
                .collect();
            tied.dedup();
            Some(ObjectEstimate {
                object: name.clone(),
                value,
                tied: tied.into_boxed_slice(),
                confidence: if conf.is_nan() {
                    0.0
                } else {
                    conf.clamp(0.0, 1.0)
                },
                range: graph.fact_range(f),
            })
        })
        .collect();
    Outcome {
        estimates,
        weights: weights(graph, trust),
        convergence,
    }
}

/// Per source: its reliability from `trust`, clamped into `[0, 1]`, with its evidence
/// and claim count.
pub(crate) fn weights(graph: &ClaimGraph, trust: impl Fn(usize) -> f64) -> Weights {
    let evidence = evidence(graph);
    let values = (0..graph.source_count())
        .map(|s| {
            let t = trust(s);
            SourceReliability {
                reliability: if t.is_nan() { 0.0 } else { t.clamp(0.0, 1.0) },
                evidence: evidence[graph.voice[s] as usize],
                claims: graph.source_claims[s],
            }
        })
        .collect();
    Weights {
        sources: graph.sources.clone(),
        values,
    }
}

/// Per voice, the specificity-weighted count of its claims on objects another voice
/// also spoke about.
fn evidence(graph: &ClaimGraph) -> Vec<f64> {
    let mut out = vec![0.0; graph.source_count()];
    for o in 0..graph.object_count() {
        let facts = graph.facts_of(o);
        if facts.is_empty() {
            continue;
        }
        let claims = graph.fact_claims[facts.start] as usize..graph.fact_claims[facts.end] as usize;
        let first = graph.voice[graph.claim_source[claims.start] as usize];
        if claims
            .clone()
            .all(|c| graph.voice[graph.claim_source[c] as usize] == first)
        {
            continue;
        }
        for f in facts {
            let s = spec(graph.fact_lo[f], graph.fact_hi[f]);
            for c in graph.claims_of(f) {
                if graph.counts(c) {
                    out[graph.claim_source[c] as usize] += s;
                }
            }
        }
    }
    out
}
