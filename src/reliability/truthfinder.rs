//! TruthFinder (Yin, Han and Yu, KDD 2007), a baseline.

use super::{ClaimGraph, Confidence, Convergence, Outcome, outcome_from_facts, range_closeness};

/// TruthFinder: a fact is confident when trustworthy sources provide it (and similar
/// facts support it); a source is trustworthy when its facts are confident.
///
/// X. Yin, J. Han and P. S. Yu, "Truth Discovery with Multiple Conflicting Information
/// Providers on the Web", KDD 2007, section 3. With `F(w)` the facts of source `w`,
/// `W(f)` the sources of fact `f` (a distinct `(object, range)`):
///
/// ```text
/// τ(w)  = −ln(1 − t(w))                               t⁰(w) = initial_trust
/// σ(f)  = Σ_{w ∈ W(f)} τ(w)
/// σ*(f) = σ(f) + ρ · Σ_{f' ≠ f, same object} σ(f') · imp(f' → f)
/// s(f)  = 1 / (1 + exp(−γ · σ*(f)))
/// t(w)  = Σ_{f ∈ F(w)} s(f) / |F(w)|
/// ```
///
/// The implication between two facts about one object is `imp(f' → f) = sim(f', f) −
/// base_sim` (the paper's form, base_sim = 0.5), with `sim` the crate's numeric
/// closeness: 1 for overlapping ranges, else `exp(−d / scale)` with `d` the gap between
/// them in natural-log units (`scale = ln 1.1`, a 10 % difference; the default tolerance
/// of "about"). With [`influence`](Self::influence) 0 this is exactly the `truthdiscovery`
/// package's TruthFinder, which has no implication by default.
///
/// # Convergence
///
/// As in the paper: stop when the trust vector changes direction by less than
/// [`threshold`](Self::threshold), measured as `1 − cos(tⁱ, tⁱ⁻¹)`, or after
/// [`max_iterations`](Self::max_iterations). Trust is kept below `1 − 10⁻¹⁵` so that
/// `τ` stays finite.
///
/// ```
/// use contested::CountRange;
/// use contested::reliability::{Claims, Method, TruthFinder};
///
/// let mut c = Claims::new();
/// c.add("a", "x", CountRange::exact(100)).add("b", "x", CountRange::exact(101));
/// c.add("z", "x", CountRange::exact(5));
/// let outcome = Method::TruthFinder(TruthFinder::default()).run(&c.build()?);
/// assert_eq!(outcome.estimate("x").unwrap().value(), 100);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct TruthFinder {
    /// `t⁰`, every source's initial trust (0.9 in the paper).
    pub initial_trust: f64,
    /// `ρ`, the weight of implication between facts (0.5).
    pub influence: f64,
    /// `γ`, the dampening factor (0.3).
    pub dampening: f64,
    /// `base_sim`, the similarity above which a fact supports another (0.5).
    pub base_similarity: f64,
    /// The width of numeric closeness in natural-log units (`ln 1.1`).
    pub scale: f64,
    /// Stop when `1 − cos` of successive trust vectors is below this (0.001).
    pub threshold: f64,
    /// The iteration bound (100).
    pub max_iterations: u32,
}

impl Default for TruthFinder {
    fn default() -> Self {
        TruthFinder {
            initial_trust: 0.9,
            influence: 0.5,
            dampening: 0.3,
            base_similarity: 0.5,
            scale: 1.1f64.ln(),
            threshold: 0.001,
            max_iterations: 100,
        }
    }
}

const MAX_TRUST: f64 = 1.0 - 1e-15;

impl TruthFinder {
    /// The package's TruthFinder: no implication between facts (`ρ = 0`).
    ///
    /// ```
    /// # use contested::reliability::TruthFinder;
    /// assert_eq!(TruthFinder::without_implication().influence, 0.0);
    /// ```
    pub fn without_implication() -> Self {
        TruthFinder {
            influence: 0.0,
            ..Self::default()
        }
    }

    /// Runs TruthFinder on `graph`.
    ///
    /// ```
    /// # use contested::{CountRange, reliability::{Claims, TruthFinder}};
    /// let mut c = Claims::new();
    /// c.add("a", "x", CountRange::exact(1));
    /// let outcome = TruthFinder::default().run(&c.build()?);
    /// assert!(outcome.convergence().converged);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn run(&self, graph: &ClaimGraph) -> Outcome {
        let n_facts = graph.fact_count();
        let mut trust = vec![self.initial_trust.clamp(0.0, MAX_TRUST); graph.source_count()];
        let mut sigma = vec![0.0; n_facts];
        let mut conf = vec![0.0; n_facts];
        let mut sum = vec![0.0; trust.len()];
        let mut conv = Convergence {
            iterations: 0,
            converged: false,
            last_change: f64::INFINITY,
        };
        while conv.iterations < self.max_iterations {
            for (f, sg) in sigma.iter_mut().enumerate() {
                *sg = graph
                    .claims_of(f)
                    .map(|c| -(1.0 - trust[graph.claim_source[c] as usize]).ln())
                    .sum();
            }
            for o in 0..graph.object_count() {
                let facts = graph.facts_of(o);
                for f in facts.clone() {
                    let mut adjusted = sigma[f];
                    if self.influence != 0.0 && facts.len() > 1 {
                        let me = (graph.fact_lo[f], graph.fact_hi[f]);
                        let implied: f64 = facts
                            .clone()
                            .filter(|&g| g != f)
                            .map(|g| {
                                let sim = range_closeness(
                                    (graph.fact_lo[g], graph.fact_hi[g]),
                                    me,
                                    self.scale,
                                );
                                sigma[g] * (sim - self.base_similarity)
                            })
                            .sum();
                        adjusted += self.influence * implied;
                    }
                    conf[f] = 1.0 / (1.0 + (-self.dampening * adjusted).exp());
                }
            }
            sum.fill(0.0);
            for (f, &s) in conf.iter().enumerate() {
                for c in graph.claims_of(f) {
                    sum[graph.claim_source[c] as usize] += s;
                }
            }
            let (mut dot, mut old2, mut new2) = (0.0, 0.0, 0.0);
            for (s, t) in trust.iter_mut().enumerate() {
                let new = (sum[s] / f64::from(graph.source_claims[s].max(1))).min(MAX_TRUST);
                dot += new * *t;
                old2 += *t * *t;
                new2 += new * new;
                *t = new;
            }
            conv.iterations += 1;
            conv.last_change = if old2 > 0.0 && new2 > 0.0 {
                (1.0 - dot / (old2.sqrt() * new2.sqrt())).max(0.0)
            } else {
                0.0
            };
            if conv.last_change < self.threshold {
                conv.converged = true;
                break;
            }
        }
        outcome_from_facts(graph, &conf, Confidence::Score, |s| trust[s], conv)
    }
}
