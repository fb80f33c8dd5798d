//! Investment (Pasternack and Roth, COLING 2010), a baseline.

use super::{ClaimGraph, Confidence, Convergence, Outcome, outcome_from_facts};

/// Investment: sources invest their trust uniformly in their claims and are paid back in
/// proportion to their share of each claim's investment; a claim's belief grows
/// non-linearly with what was invested in it.
///
/// J. Pasternack and D. Roth, "Knowing What to Believe (when you already know
/// something)", COLING 2010, section 4.2. With `C(s)` the claims of source `s` and
/// `S(c)` the sources of claim `c` (a *claim* here is a distinct `(object, range)`):
///
/// ```text
/// T⁰(s) = 1                 B⁰(c) = |S(c)| / Σ_{c' same object} |S(c')|   (voted prior)
/// Tⁱ(s) = Σ_{c ∈ C(s)} Bⁱ⁻¹(c) · (Tⁱ⁻¹(s)/|C(s)|) / Σ_{r ∈ S(c)} Tⁱ⁻¹(r)/|C(r)|
/// Bⁱ(c) = ( Σ_{s ∈ S(c)} Tⁱ(s)/|C(s)| )^g
/// ```
///
/// then trust and belief are each divided by their maximum, as in the `truthdiscovery`
/// Python package whose scores the documentation compares against. Every source counts,
/// copies included: the paper has no copy rule.
///
/// # Convergence
///
/// The paper runs a fixed number of iterations; so does this, [`iterations`](Self::iterations)
/// (20), stopping earlier only when no trust changes by more than 10⁻¹² (a fixed point).
///
/// ```
/// use contested::CountRange;
/// use contested::reliability::{Claims, Investment, Method};
///
/// let mut c = Claims::new();
/// c.add("a", "x", CountRange::exact(1)).add("b", "x", CountRange::exact(1));
/// c.add("z", "x", CountRange::exact(9));
/// let outcome = Method::Investment(Investment::default()).run(&c.build()?);
/// assert_eq!(outcome.estimate("x").unwrap().value(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct Investment {
    /// The exponent `g` of the belief function (1.2 in the paper).
    pub g: f64,
    /// How many iterations to run (20, the paper's and the package's default).
    pub iterations: u32,
}

impl Default for Investment {
    fn default() -> Self {
        Investment {
            g: 1.2,
            iterations: 20,
        }
    }
}

impl Investment {
    /// Runs Investment on `graph`.
    ///
    /// ```
    /// # use contested::{CountRange, reliability::{Claims, Investment}};
    /// let mut c = Claims::new();
    /// c.add("a", "x", CountRange::exact(1));
    /// let outcome = Investment::default().run(&c.build()?);
    /// assert_eq!(outcome.weights().weight("a"), Some(1.0));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn run(&self, graph: &ClaimGraph) -> Outcome {
        let n_facts = graph.fact_count();
        let inv_count: Vec<f64> = graph
            .source_claims
            .iter()
            .map(|&n| 1.0 / f64::from(n.max(1)))
            .collect();
        let mut trust = vec![1.0; graph.source_count()];
        let mut belief = vec![0.0; n_facts];
        for o in 0..graph.object_count() {
            let facts = graph.facts_of(o);
            let total = graph.fact_claims[facts.end] - graph.fact_claims[facts.start];
            for f in facts {
                belief[f] = graph.claims_of(f).len() as f64 / f64::from(total);
            }
        }
        let mut new_trust = vec![0.0; trust.len()];
        let mut invested = vec![0.0; n_facts];
        let mut conv = Convergence {
            iterations: 0,
            converged: false,
            last_change: f64::INFINITY,
        };
        while conv.iterations < self.iterations {
            for (f, inv) in invested.iter_mut().enumerate() {
                *inv = graph
                    .claims_of(f)
                    .map(|c| {
                        let s = graph.claim_source[c] as usize;
                        trust[s] * inv_count[s]
                    })
                    .sum();
            }
            new_trust.fill(0.0);
            for (f, &inv) in invested.iter().enumerate() {
                if inv <= 0.0 {
                    continue; // nobody invests: no return (the package stops here)
                }
                for c in graph.claims_of(f) {
                    let s = graph.claim_source[c] as usize;
                    new_trust[s] += belief[f] * trust[s] * inv_count[s] / inv;
                }
            }
            for (f, b) in belief.iter_mut().enumerate() {
                let sum: f64 = graph
                    .claims_of(f)
                    .map(|c| {
                        let s = graph.claim_source[c] as usize;
                        new_trust[s] * inv_count[s]
                    })
                    .sum();
                *b = sum.powf(self.g);
            }
            scale_to_max(&mut new_trust);
            scale_to_max(&mut belief);
            conv.last_change = new_trust
                .iter()
                .zip(&trust)
                .map(|(a, b)| (a - b).abs())
                .fold(0.0, f64::max);
            std::mem::swap(&mut trust, &mut new_trust);
            conv.iterations += 1;
            if conv.last_change <= 1e-12 {
                break;
            }
        }
        conv.converged = true;
        outcome_from_facts(graph, &belief, Confidence::Share, |s| trust[s], conv)
    }
}

fn scale_to_max(v: &mut [f64]) {
    let max = v.iter().copied().fold(0.0, f64::max);
    if max > 0.0 && max.is_finite() {
        v.iter_mut().for_each(|x| *x /= max);
    }
}
