//! Closeness: truth discovery for range claims, with numeric closeness and copy-robust
//! voices.

use compact_str::CompactString;

use super::{
    ClaimGraph, Convergence, ObjectEstimate, Outcome, UNBOUNDED, ln1, spec, ties, weights,
};
use crate::range::CountRange;

/// Range- and closeness-aware truth discovery, the default [`Method`](super::Method).
///
/// # Model
///
/// Each *voice* (a source, or a group of sources with identical claim sets; see
/// [`ClaimGraph`]) has an accuracy `a`, the probability that what it claims holds. The
/// claims on one object are read as independent testimony about which value is true, as
/// in the Accu model of Dong, Berti-Equille and Srivastava (VLDB 2009), extended from
/// equal-or-not values to ranges and numeric closeness:
///
/// - **candidates**: the ends of the claimed ranges (the score below is largest at one
///   of them);
/// - **vote** of a claim `c` on range `r` by voice `v`: `spec(r) · max(0, ln(a_v / (1 −
///   a_v)))`, the log-odds of the voice weighted by the claim's
///   [`specificity`](super::specificity), so "at least 49" weighs less than "49"
///   and a voice no better than chance has no say;
/// - **support** of a candidate `x`: `S(x) = Σ_c vote(c) · close(x, r_c)`, where
///   `close` is 1 inside the range and `exp(−d / scale)` outside it, `d` being the
///   distance in natural-log units (`scale = ln 1.1`: a value 10 % off gets
///   `e⁻¹` of the vote, 1 % off 0.90, a factor 10 off nothing measurable). A value near
///   a claim is partly supported by it; vandalism orders of magnitude away is not;
/// - **posterior**: `P(x) = exp S(x) / (Σ_y exp S(y) + 1)`. The `+ 1` is "a value nobody
///   claimed" with no support, so one claim by a voice of accuracy `a` gets `P = a`,
///   exactly Bayes' rule; agreeing voices multiply their odds;
/// - **estimate**: the candidate with the largest support (ties: the smallest); its
///   range is the intersection of the claims containing it, its confidence the
///   posterior mass of the candidates inside that range;
/// - **accuracy update**: each claim's score is `Σ_x P(x) · close(x, r_c)`, how likely
///   it is to hold, and `a_v = (k · a₀ + Σ spec · score) / (k + Σ spec)` over the voice's
///   claims on *contested* objects (those another voice also spoke about). A claim nobody
///   else made can be neither confirmed nor refuted, so it is not evidence either way.
///
/// The prior `a₀ = 0.8` (Accu's initial accuracy) weighs as `k = 2` claims: a voice seen
/// once and contradicted drops to 0.53, not to 0.
///
/// # Convergence
///
/// All accuracies are updated together from the previous ones. The iteration stops when
/// no accuracy changes by more than [`tolerance`](Self::tolerance) (10⁻⁶), or after
/// [`max_iterations`](Self::max_iterations) (10,000; the fixed point is usually reached in tens of iterations, but
/// slowly, linearly, when a voice sits near the no-vote threshold `a = 0.5`, or when
/// voices can trade accuracy between them with little change in the estimates: a
/// 17-claim input found by the property tests drifts for 1,003 rounds before it
/// settles). `Convergence` in the outcome says whether the bound was reached first.
///
/// ```
/// use contested::CountRange;
/// use contested::reliability::{Claims, Closeness};
///
/// let mut c = Claims::new();
/// // Three independent voices near 710,000; a vandal at 89 billion.
/// for (s, n) in [("a", 710_000), ("b", 712_000), ("c", 710_000), ("v", 89_152_658_754)] {
///     c.add(s, "austin-2006", CountRange::exact(n));
/// }
/// let outcome = Closeness::default().run(&c.build()?);
/// assert_eq!(outcome.estimate("austin-2006").unwrap().value(), 710_000);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct Closeness {
    /// `a₀`, the prior accuracy of every voice (0.8).
    pub prior_accuracy: f64,
    /// `k`, how many claims the prior weighs (2).
    pub prior_weight: f64,
    /// The width of numeric closeness in natural-log units (`ln 1.1`, the default
    /// 10 % tolerance of "about").
    pub scale: f64,
    /// Stop when no accuracy changes by more than this (10⁻⁶).
    pub tolerance: f64,
    /// The iteration bound (10,000).
    pub max_iterations: u32,
}

impl Default for Closeness {
    fn default() -> Self {
        Closeness {
            prior_accuracy: 0.8,
            prior_weight: 2.0,
            scale: 1.1f64.ln(),
            tolerance: 1e-6,
            max_iterations: 10_000,
        }
    }
}

/// Accuracies are kept inside `[1 − MAX_ACC, MAX_ACC]` so log-odds stay finite.
const MAX_ACC: f64 = 1.0 - 1e-9;

/// Reused buffers for one object's candidates.
#[derive(Default)]
struct Scratch {
    /// (value, ln(value + 1)), sorted by value.
    cands: Vec<(u64, f64)>,
    support: Vec<f64>,
    post: Vec<f64>,
    vote: Vec<f64>,
}

impl Scratch {
    /// The candidates after `value` whose support ties with the best (candidates are
    /// sorted, so `value`, the first tied one, is the smallest).
    fn tied(&self, value: u64) -> Box<[u64]> {
        let max = self
            .support
            .iter()
            .copied()
            .fold(f64::NEG_INFINITY, f64::max);
        self.cands
            .iter()
            .zip(&self.support)
            .filter(|&(&(x, _), &s)| x > value && ties(s, max))
            .map(|(&(x, _), _)| x)
            .collect()
    }
}

/// What one object's pass found.
struct Found {
    value: u64,
    range: CountRange,
    confidence: f64,
}

impl Closeness {
    /// Runs the method on `graph`.
    ///
    /// ```
    /// # use contested::{CountRange, reliability::{Claims, Closeness}};
    /// let mut c = Claims::new();
    /// c.add("a", "x", CountRange::exact(1));
    /// let outcome = Closeness::default().run(&c.build()?);
    /// // One claim by an unknown voice: the prior accuracy.
    /// assert!((outcome.estimate("x").unwrap().confidence() - 0.8).abs() < 1e-9);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn run(&self, graph: &ClaimGraph) -> Outcome {
        let n = graph.source_count();
        let prior = self.prior_accuracy.clamp(1.0 - MAX_ACC, MAX_ACC);
        let k = if self.prior_weight.is_finite() {
            self.prior_weight.max(0.0)
        } else {
            0.0
        };
        let scale = if self.scale > 0.0 {
            self.scale
        } else {
            f64::MIN_POSITIVE
        };
        let inv_scale = 1.0 / scale;
        let logs = Logs::new(graph);
        let contested = contested_objects(graph);
        let mut acc = vec![prior; n];
        let mut log_odds = vec![0.0; n];
        let mut num = vec![0.0; n];
        let mut den = vec![0.0; n];
        let mut scratch = Scratch::default();
        let mut conv = Convergence {
            iterations: 0,
            converged: contested.is_empty(),
            last_change: 0.0,
        };
        while !conv.converged && conv.iterations < self.max_iterations {
            for (lo, &a) in log_odds.iter_mut().zip(&acc) {
                *lo = (a / (1.0 - a)).ln().max(0.0);
            }
            num.fill(0.0);
            den.fill(0.0);
            for &o in &contested {
                object(graph, &logs, o as usize, &log_odds, inv_scale, &mut scratch);
                for f in graph.facts_of(o as usize) {
                    let s = logs.spec[f];
                    let score: f64 = scratch
                        .cands
                        .iter()
                        .zip(&scratch.post)
                        .map(|(&(_, lx), &p)| p * logs.near(lx, f, inv_scale))
                        .sum();
                    for c in graph.claims_of(f) {
                        if graph.counts(c) {
                            let src = graph.claim_source[c] as usize;
                            num[src] += s * score.min(1.0);
                            den[src] += s;
                        }
                    }
                }
            }
            let mut change: f64 = 0.0;
            for s in 0..n {
                if graph.voice[s] as usize != s {
                    continue;
                }
                let new = ((k * prior + num[s]) / (k + den[s])).clamp(1.0 - MAX_ACC, MAX_ACC);
                let new = if new.is_nan() { prior } else { new };
                change = change.max((new - acc[s]).abs());
                acc[s] = new;
            }
            conv.iterations += 1;
            conv.last_change = change;
            conv.converged = change <= self.tolerance;
        }
        for (lo, &a) in log_odds.iter_mut().zip(&acc) {
            *lo = (a / (1.0 - a)).ln().max(0.0);
        }
        let estimates = (0..graph.object_count())
            .filter(|&o| !graph.facts_of(o).is_empty())
            .map(|o| {
                let found = object(graph, &logs, o, &log_odds, inv_scale, &mut scratch);
                ObjectEstimate {
                    object: CompactString::from(graph.objects[o].as_str()),
                    value: found.value,
                    tied: scratch.tied(found.value),
                    confidence: found.confidence,
                    range: found.range,
                }
            })
            .collect();
        Outcome {
            estimates,
            weights: weights(graph, |s| acc[graph.voice[s] as usize]),
            convergence: conv,
        }
    }
}

/// Per fact: the logarithms of its ends and its specificity, computed once per run.
struct Logs {
    lo: Vec<f64>,
    /// `+∞` for an unbounded range.
    hi: Vec<f64>,
    spec: Vec<f64>,
}

impl Logs {
    fn new(graph: &ClaimGraph) -> Self {
        let n = graph.fact_count();
        let (mut lo, mut hi, mut sp) = (
            Vec::with_capacity(n),
            Vec::with_capacity(n),
            Vec::with_capacity(n),
        );
        for f in 0..n {
            let (l, h) = (graph.fact_lo[f], graph.fact_hi[f]);
            lo.push(ln1(l));
            hi.push(if h == UNBOUNDED {
                f64::INFINITY
            } else {
                ln1(h)
            });
            sp.push(spec(l, h));
        }
        Logs { lo, hi, spec: sp }
    }

    /// [`closeness`](super::closeness) of a candidate with logarithm `lx` to fact `f`.
    fn near(&self, lx: f64, f: usize, inv_scale: f64) -> f64 {
        let d = if lx < self.lo[f] {
            self.lo[f] - lx
        } else if lx > self.hi[f] {
            lx - self.hi[f]
        } else {
            return 1.0;
        };
        let e = d * inv_scale;
        // exp(-40) < 10^-17: nothing a sum of votes could notice.
        if e > 40.0 { 0.0 } else { (-e).exp() }
    }
}

/// Scores the candidates of object `o` into `sc` (posterior in `post`) and returns its
/// estimate.
fn object(
    graph: &ClaimGraph,
    logs: &Logs,
    o: usize,
    log_odds: &[f64],
    inv_scale: f64,
    sc: &mut Scratch,
) -> Found {
    let facts = graph.facts_of(o);
    sc.cands.clear();
    sc.vote.clear();
    for f in facts.clone() {
        let (lo, hi) = (graph.fact_lo[f], graph.fact_hi[f]);
        sc.cands.push((lo, logs.lo[f]));
        if hi != lo && hi != UNBOUNDED {
            sc.cands.push((hi, logs.hi[f]));
        }
        let odds: f64 = graph
            .claims_of(f)
            .filter(|&c| graph.counts(c))
            .map(|c| log_odds[graph.claim_source[c] as usize])
            .sum();
        sc.vote.push(logs.spec[f] * odds);
    }
    sc.cands.sort_unstable_by_key(|&(x, _)| x);
    sc.cands.dedup_by_key(|&mut (x, _)| x);
    sc.support.clear();
    for &(_, lx) in &sc.cands {
        let s: f64 = facts
            .clone()
            .zip(&sc.vote)
            .map(|(f, &w)| {
                if w == 0.0 {
                    0.0
                } else {
                    w * logs.near(lx, f, inv_scale)
                }
            })
            .sum();
        sc.support.push(s);
    }
    let max = sc.support.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    // Candidates are sorted, so the first tied one is the smallest.
    let best = sc.support.iter().position(|&s| ties(s, max)).unwrap_or(0);
    let value = sc.cands[best].0;
    sc.post.clear();
    sc.post.extend(sc.support.iter().map(|&s| (s - max).exp()));
    let z: f64 = sc.post.iter().sum::<f64>() + (-max).exp();
    sc.post.iter_mut().for_each(|p| *p /= z);
    let range = facts
        .clone()
        .map(|f| graph.fact_range(f))
        .filter(|r| r.contains(value))
        .fold(CountRange::UNKNOWN, |acc, r| {
            acc.intersect(&r).unwrap_or(acc)
        });
    let confidence = sc
        .cands
        .iter()
        .zip(&sc.post)
        .filter(|((x, _), _)| range.contains(*x))
        .map(|(_, p)| p)
        .sum::<f64>()
        .clamp(0.0, 1.0);
    Found {
        value,
        range,
        confidence,
    }
}

/// The objects on which at least two voices spoke.
fn contested_objects(graph: &ClaimGraph) -> Vec<u32> {
    (0..graph.object_count())
        .filter(|&o| {
            let facts = graph.facts_of(o);
            if facts.is_empty() {
                return false;
            }
            let claims =
                graph.fact_claims[facts.start] as usize..graph.fact_claims[facts.end] as usize;
            let first = graph.voice[graph.claim_source[claims.start] as usize];
            claims
                .clone()
                .any(|c| graph.voice[graph.claim_source[c] as usize] != first)
        })
        .map(|o| o as u32)
        .collect()
}
