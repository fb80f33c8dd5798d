//! What a method returns: each object's estimate and each source's reliability.

use std::fmt;

use compact_str::CompactString;

use crate::range::CountRange;

/// The most likely value of one object, with its confidence and range.
///
/// ```
/// use contested::CountRange;
/// use contested::reliability::{Claims, Method};
///
/// let mut claims = Claims::new();
/// claims.add("a", "x", CountRange::exact(7)).add("b", "x", CountRange::exact(7));
/// let outcome = Method::default().run(&claims.build()?);
/// let x = outcome.estimate("x").unwrap();
/// assert_eq!((x.object(), x.value(), x.range()), ("x", 7, CountRange::exact(7)));
/// assert!(x.confidence() > 0.5 && x.confidence() <= 1.0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ObjectEstimate {
    pub(crate) object: CompactString,
    pub(crate) value: u64,
    pub(crate) confidence: f64,
    pub(crate) range: CountRange,
    /// The other values tied with `value`, ascending; empty (no allocation) when none.
    pub(crate) tied: Box<[u64]>,
}

impl ObjectEstimate {
    /// The object's id.
    ///
    /// ```
    /// # use contested::{CountRange, reliability::{Claims, Method}};
    /// # let mut c = Claims::new();
    /// # c.add("a", "x", CountRange::exact(7));
    /// let outcome = Method::default().run(&c.build()?);
    /// assert_eq!(outcome.estimates()[0].object(), "x");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn object(&self) -> &str {
        &self.object
    }

    /// The most likely value. For a winning range claim that is the lower end of the
    /// range (the conservative figure), unless a narrower claim inside it wins.
    ///
    /// ```
    /// # use contested::{CountRange, reliability::{Claims, Method}};
    /// # let mut c = Claims::new();
    /// c.add("a", "x", CountRange::at_least(49));
    /// let outcome = Method::default().run(&c.build()?);
    /// assert_eq!(outcome.estimate("x").unwrap().value(), 49);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn value(&self) -> u64 {
        self.value
    }

    /// How strongly the method believes [`value`](Self::value), in `[0, 1]`. Its meaning
    /// depends on the method: a posterior probability for
    /// [`Closeness`](super::Closeness), the value's share of the object's total belief
    /// for [`Investment`](super::Investment), the confidence score `s(f)` of
    /// [`TruthFinder`](super::TruthFinder).
    ///
    /// ```
    /// # use contested::{CountRange, reliability::{Claims, Method}};
    /// # let mut c = Claims::new();
    /// c.add("a", "x", CountRange::exact(3));
    /// let outcome = Method::default().run(&c.build()?);
    /// assert!((0.0..=1.0).contains(&outcome.estimate("x").unwrap().confidence()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn confidence(&self) -> f64 {
        self.confidence
    }

    /// The counts every claim holding the value agrees on: the intersection of the
    /// claimed ranges that contain [`value`](Self::value).
    ///
    /// ```
    /// # use contested::{CountRange, reliability::{Claims, Method}};
    /// # let mut c = Claims::new();
    /// c.add("a", "x", CountRange::at_least(49)).add("b", "x", CountRange::new(40, Some(60))?);
    /// let outcome = Method::default().run(&c.build()?);
    /// assert_eq!(outcome.estimate("x").unwrap().range().to_string(), "49..=60");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn range(&self) -> CountRange {
        self.range
    }

    /// The other candidate values whose score tied with [`value`](Self::value) under
    /// the relative 10⁻⁹ rule (see the [module](super) documentation), ascending and
    /// all larger than `value`, which won as the smallest. Empty when the best value
    /// was unique. With the gold value known, `1 / (1 + tied().len())` is the credit a
    /// uniformly random choice among the tied values would earn: the *expected
    /// accuracy* of the shared baselines.
    ///
    /// ```
    /// # use contested::{CountRange, reliability::{Claims, Method}};
    /// # let mut c = Claims::new();
    /// // Two equally unknown sources, one claim each: nothing tells them apart.
    /// c.add("a", "x", CountRange::exact(7)).add("b", "x", CountRange::exact(9));
    /// let outcome = Method::default().run(&c.build()?);
    /// let x = outcome.estimate("x").unwrap();
    /// assert_eq!((x.value(), x.tied()), (7, &[9][..]));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn tied(&self) -> &[u64] {
        &self.tied
    }
}

/// How reliable one source was found to be, and how much evidence backs it.
///
/// ```
/// # use contested::{CountRange, reliability::{Claims, Method}};
/// let mut c = Claims::new();
/// c.add("a", "x", CountRange::exact(1)).add("b", "x", CountRange::exact(1));
/// let outcome = Method::default().run(&c.build()?);
/// let a = outcome.weights().source("a").unwrap();
/// assert_eq!(a.claims(), 1);
/// assert!(a.evidence() > 0.0 && a.reliability() > 0.5);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SourceReliability {
    pub(crate) reliability: f64,
    pub(crate) evidence: f64,
    pub(crate) claims: u32,
}

impl SourceReliability {
    /// The reliability, in `[0, 1]`.
    ///
    /// ```
    /// # use contested::{CountRange, reliability::{Claims, Method}};
    /// # let mut c = Claims::new();
    /// # c.add("a", "x", CountRange::exact(1));
    /// let w = Method::default().run(&c.build()?).weights().source("a").unwrap();
    /// assert!((0.0..=1.0).contains(&w.reliability()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn reliability(&self) -> f64 {
        self.reliability
    }

    /// The evidence behind the reliability: the claims this source made on objects that
    /// another voice also spoke about, each weighted by its specificity (an exact claim
    /// counts 1, a wider one less; see [`specificity`](super::specificity)). A claim
    /// nobody else made can be neither confirmed nor refuted, so it counts 0.
    ///
    /// ```
    /// # use contested::{CountRange, reliability::{Claims, Method}};
    /// # let mut c = Claims::new();
    /// c.add("a", "x", CountRange::exact(1));
    /// let w = Method::default().run(&c.build()?).weights().source("a").unwrap();
    /// assert_eq!(w.evidence(), 0.0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn evidence(&self) -> f64 {
        self.evidence
    }

    /// How many claims the source made.
    ///
    /// ```
    /// # use contested::{CountRange, reliability::{Claims, Method}};
    /// # let mut c = Claims::new();
    /// c.add("a", "x", CountRange::exact(1)).add("a", "y", CountRange::exact(2));
    /// let w = Method::default().run(&c.build()?).weights().source("a").unwrap();
    /// assert_eq!(w.claims(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn claims(&self) -> u32 {
        self.claims
    }
}

/// Per-source weights in `[0, 1]`: what a reconciliation can use to weigh voices.
///
/// Sources are sorted by id; look-ups are binary searches.
///
/// ```
/// use contested::CountRange;
/// use contested::reliability::{Claims, Method};
///
/// let mut c = Claims::new();
/// for (s, n) in [("a", 10), ("b", 10), ("vandal", 10_000)] {
///     c.add(s, "x", CountRange::exact(n));
/// }
/// for (s, n) in [("a", 5), ("b", 5), ("vandal", 1)] {
///     c.add(s, "y", CountRange::exact(n));
/// }
/// // Without this, "a" and "b" would have identical claim sets: one voice.
/// c.add("b", "z", CountRange::exact(3));
/// let outcome = Method::default().run(&c.build()?);
/// let w = outcome.weights();
/// assert!(w.weight("a").unwrap() > w.weight("vandal").unwrap());
/// assert_eq!(w.weight("nobody"), None);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Weights {
    pub(crate) sources: Vec<CompactString>,
    pub(crate) values: Vec<SourceReliability>,
}

impl Weights {
    /// The weight of `source`, in `[0, 1]`, or `None` for a source that made no claim.
    ///
    /// ```
    /// # use contested::{CountRange, reliability::{Claims, Method}};
    /// # let mut c = Claims::new();
    /// # c.add("a", "x", CountRange::exact(1));
    /// let outcome = Method::default().run(&c.build()?);
    /// assert!(outcome.weights().weight("a").is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn weight(&self, source: &str) -> Option<f64> {
        self.source(source).map(|r| r.reliability)
    }

    /// The full record of `source`.
    ///
    /// ```
    /// # use contested::{CountRange, reliability::{Claims, Method}};
    /// # let mut c = Claims::new();
    /// # c.add("a", "x", CountRange::exact(1));
    /// let outcome = Method::default().run(&c.build()?);
    /// assert_eq!(outcome.weights().source("a").unwrap().claims(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn source(&self, source: &str) -> Option<SourceReliability> {
        let i = self
            .sources
            .binary_search_by(|s| s.as_str().cmp(source))
            .ok()?;
        Some(self.values[i])
    }

    /// Every source with its record, sorted by id.
    ///
    /// ```
    /// # use contested::{CountRange, reliability::{Claims, Method}};
    /// # let mut c = Claims::new();
    /// # c.add("b", "x", CountRange::exact(1)).add("a", "x", CountRange::exact(1));
    /// let outcome = Method::default().run(&c.build()?);
    /// let ids: Vec<&str> = outcome.weights().iter().map(|(s, _)| s).collect();
    /// assert_eq!(ids, ["a", "b"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, SourceReliability)> + '_ {
        self.sources
            .iter()
            .map(|s| s.as_str())
            .zip(self.values.iter().copied())
    }

    /// How many sources.
    ///
    /// ```
    /// # use contested::{CountRange, reliability::{Claims, Method}};
    /// # let mut c = Claims::new();
    /// # c.add("a", "x", CountRange::exact(1));
    /// assert_eq!(Method::default().run(&c.build()?).weights().len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether there is no source.
    ///
    /// ```
    /// # use contested::reliability::{Claims, Method};
    /// assert!(Method::default().run(&Claims::new().build()?).weights().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }
}

/// How the iteration ended.
///
/// ```
/// # use contested::{CountRange, reliability::{Claims, Method}};
/// # let mut c = Claims::new();
/// # c.add("a", "x", CountRange::exact(1));
/// let outcome = Method::default().run(&c.build()?);
/// let conv = outcome.convergence();
/// // Nothing is contested: nothing to iterate.
/// assert!(conv.converged && conv.iterations == 0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct Convergence {
    /// Iterations run (each updates every reliability and every belief once).
    pub iterations: u32,
    /// Whether the method's convergence criterion was met within its iteration bound.
    pub converged: bool,
    /// The last change measured by the criterion.
    pub last_change: f64,
}

/// Each object's estimate and each source's reliability, from one method.
///
/// ```
/// # use contested::{CountRange, reliability::{Claims, Method}};
/// let mut c = Claims::new();
/// c.add("a", "x", CountRange::exact(1)).add("a", "y", CountRange::exact(2));
/// let outcome = Method::default().run(&c.build()?);
/// assert_eq!(outcome.estimates().len(), 2);
/// println!("{outcome}");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub(crate) estimates: Vec<ObjectEstimate>,
    pub(crate) weights: Weights,
    pub(crate) convergence: Convergence,
}

impl Outcome {
    /// One estimate per object, sorted by object id.
    ///
    /// ```
    /// # use contested::{CountRange, reliability::{Claims, Method}};
    /// # let mut c = Claims::new();
    /// # c.add("a", "x", CountRange::exact(1));
    /// assert_eq!(Method::default().run(&c.build()?).estimates()[0].value(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn estimates(&self) -> &[ObjectEstimate] {
        &self.estimates
    }

    /// The estimate of `object`, if any claim was about it.
    ///
    /// ```
    /// # use contested::{CountRange, reliability::{Claims, Method}};
    /// # let mut c = Claims::new();
    /// # c.add("a", "x", CountRange::exact(1));
    /// let outcome = Method::default().run(&c.build()?);
    /// assert!(outcome.estimate("x").is_some() && outcome.estimate("y").is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn estimate(&self, object: &str) -> Option<&ObjectEstimate> {
        let i = self
            .estimates
            .binary_search_by(|e| e.object.as_str().cmp(object))
            .ok()?;
        Some(&self.estimates[i])
    }

    /// Each source's reliability.
    ///
    /// ```
    /// # use contested::{CountRange, reliability::{Claims, Method}};
    /// # let mut c = Claims::new();
    /// # c.add("a", "x", CountRange::exact(1));
    /// assert_eq!(Method::default().run(&c.build()?).weights().len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn weights(&self) -> &Weights {
        &self.weights
    }

    /// Takes the weights, dropping the estimates.
    ///
    /// ```
    /// # use contested::{CountRange, reliability::{Claims, Method}};
    /// # let mut c = Claims::new();
    /// # c.add("a", "x", CountRange::exact(1));
    /// let weights = Method::default().run(&c.build()?).into_weights();
    /// assert!(weights.weight("a").is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn into_weights(self) -> Weights {
        self.weights
    }

    /// How the iteration ended.
    ///
    /// ```
    /// # use contested::{CountRange, reliability::{Claims, Method}};
    /// # let mut c = Claims::new();
    /// # c.add("a", "x", CountRange::exact(1));
    /// assert!(Method::default().run(&c.build()?).convergence().converged);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn convergence(&self) -> Convergence {
        self.convergence
    }
}

impl fmt::Display for Outcome {
    /// One line per object (`object: value (range), confidence`), then the iterations.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for e in &self.estimates {
            writeln!(
                f,
                "{}: {} ({}), confidence {:.4}",
                e.object, e.value, e.range, e.confidence
            )?;
        }
        let c = self.convergence;
        write!(
            f,
            "{} iterations, {}, last change {:.3e}",
            c.iterations,
            if c.converged {
                "converged"
            } else {
                "not converged"
            },
            c.last_change
        )
    }
}
