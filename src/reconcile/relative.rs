//! Relative claims resolved against the figures: "their losses are more than double
//! ours" checked against what the reconciliation found for both quantities.
//!
//! A relative claim relates its subject `x` to the quantity it names `y` by a
//! [`Ratio`] with factor `n/d`, over whole counts (DESIGN.md, "Relative claims"):
//!
//! | comparison | holds when |
//! |---|---|
//! | equal | `x·d` is within `d` of `n·y`: `x` is `n·y/d` rounded down or up |
//! | at least / more than | `x·d ≥ n·y` / `x·d > n·y` |
//! | at most / less than | `x·d ≤ n·y` / `x·d < n·y` |
//! | about | `x` is within the interpretation's tolerance of "about" of `n·y/d`: its percentage `t` and its minimum `m` both allowed, and rounding |
//!
//! [`implied`] decides whether some `x` in the subject's range and some `y` in the
//! other's satisfy it, exactly, and gives the ranges they leave.
//!
//! ```
//! use contested::{CountRange, Interpretation};
//! use contested::reconcile::relative::implied;
//!
//! let how = Interpretation::default();
//! // "More than double our 50": theirs is at least 101.
//! let (theirs, ours) = implied("more than double".parse()?, CountRange::UNKNOWN, CountRange::exact(50), &how).unwrap();
//! assert_eq!(theirs.to_string(), "101..");
//! assert_eq!(ours, CountRange::exact(50));
//! // Against a count of 80 it cannot hold.
//! assert!(implied("more than double".parse()?, CountRange::exact(80), CountRange::exact(50), &how).is_none());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeMap;
use std::fmt;

use foldhash::HashMap;
use serde::{Deserialize, Serialize};

use crate::claim::ClaimBody;
use crate::estimate::Interpretation;
use crate::id::ClaimId;
use crate::range::CountRange;
use crate::reconcile::discrepancy::Discrepancy;
use crate::reconcile::evidence::{Cite, Evidence, Voice};
use crate::reconcile::figure::{Figure, QuantityKey};
use crate::reconcile::propagate::Derived;
use crate::reconcile::series::before;
use crate::relative::{Comparison, Ratio};

/// What a relative claim came to.
///
/// ```
/// use contested::CountRange;
/// use contested::reconcile::relative::RelativeOutcome;
///
/// let o = RelativeOutcome::Holds { subject: CountRange::at_least(101), reference: CountRange::exact(50) };
/// assert!(o.holds());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "outcome", rename_all = "snake_case")]
#[non_exhaustive]
pub enum RelativeOutcome {
    /// The relation can hold: the ranges it leaves each quantity, within what the
    /// figures give them.
    Holds {
        /// The subject's range implied by the relation and both figures (the hull of
        /// every count consistent with them).
        subject: CountRange,
        /// The compared quantity's range left by the relation and both figures.
        reference: CountRange,
    },
    /// No count in the subject's range and the other's satisfies it: reported as a
    /// [`Discrepancy::RelativeConflict`].
    Conflict,
    /// Nothing counts the quantity compared with (no figure, nothing derived), so the
    /// claim constrains nothing.
    Unresolved,
    /// A later relative claim of the same voice about the same two quantities replaced
    /// it (the rule of counts: [`Supersession`](super::Supersession), [`Order`](super::Order)),
    /// so it is history and is not checked.
    Superseded {
        /// The claim that replaced it.
        by: ClaimId,
    },
}

impl RelativeOutcome {
    /// Whether the relation can hold.
    ///
    /// ```
    /// # use contested::reconcile::relative::RelativeOutcome;
    /// assert!(!RelativeOutcome::Conflict.holds());
    /// ```
    pub fn holds(&self) -> bool {
        matches!(self, RelativeOutcome::Holds { .. })
    }
}

/// One relative claim checked against the figures.
///
/// ```
/// use contested::{Actor, ActorKind, Category, Claim, ClaimBody, Dossier, Event, EventKind,
///     Measure, Quantity, RelativeClaim, Statement, TimeWindow, Whose};
/// use contested::reconcile::{Reconciler, relative::RelativeOutcome};
///
/// let day = TimeWindow::day(2022, 9, 13)?;
/// let killed = |w: &str| Quantity::new(Measure::Killed, Whose::party(w), Category::Military);
/// let d = Dossier::builder()
///     .actor(Actor::new("am", "Armenia", ActorKind::State))
///     .actor(Actor::new("az", "Azerbaijan", ActorKind::State))
///     .event(Event::new("clash", "Clash", EventKind::Clash).with_side("am").with_side("az"))
///     .statement(Statement::new("s1", "az", day.clone())
///         .claim(Claim::count("az-k", "clash", Measure::Killed, Whose::party("az"), Category::Military, "50".parse()?))
///         .claim(Claim::new("az-rel", "clash", ClaimBody::Relative(RelativeClaim::new(
///             Measure::Killed, Whose::party("am"), Category::Military, "more than double".parse()?, killed("az"))))))
///     .build()?;
/// let r = Reconciler::new().reconcile(&d);
/// let check = &r.relative()[0];
/// assert_eq!(check.claim.claim.as_str(), "az-rel");
/// assert!(matches!(check.outcome, RelativeOutcome::Holds { subject, .. } if subject.to_string() == "101.."));
/// assert_eq!(check.behind[0].claim.as_str(), "az-k");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct RelativeCheck {
    /// The relative claim.
    pub claim: Cite,
    /// Its ratio.
    pub ratio: Ratio,
    /// The quantity it states.
    pub subject: QuantityKey,
    /// What the figures give the subject: its consensus after part-whole bounds, the
    /// envelope of its current counts when they are in conflict, its derived bounds, or
    /// `0..` when nothing counts it.
    pub subject_range: CountRange,
    /// The quantity it is compared with.
    pub reference: QuantityKey,
    /// What the figures give it, read as for the subject (`None`: nothing counts it).
    pub reference_range: Option<CountRange>,
    /// The result.
    pub outcome: RelativeOutcome,
    /// The current claims behind both ranges (through the sums, for a derived range),
    /// ordered by claim id.
    pub behind: Vec<Cite>,
}

impl fmt::Display for RelativeCheck {
    /// `CLAIM: SUBJECT is RATIO REFERENCE (REF_RANGE) => SUBJECT in RANGE`, or why not.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} is {} {}",
            self.claim.claim, self.subject, self.ratio, self.reference
        )?;
        if let Some(r) = self.reference_range {
            write!(f, " ({r})")?;
        }
        match &self.outcome {
            RelativeOutcome::Holds { subject, .. } => {
                write!(f, " => {} in {subject}", self.subject)
            }
            RelativeOutcome::Conflict => write!(
                f,
                ": cannot hold with {} in {}",
                self.subject, self.subject_range
            ),
            RelativeOutcome::Unresolved => write!(f, ": nothing counts {}", self.reference),
            RelativeOutcome::Superseded { by } => write!(f, ": superseded by {by}"),
        }
    }
}

/// The relation as two linear bounds over whole counts: `q·x ≥ p·y − c` (lower) and
/// `q·x ≤ p·y + c` (upper), `q > 0` and `p > 0`.
struct Linear {
    q: i128,
    lower: Option<(i128, i128)>,
    upper: Option<(i128, i128)>,
}

fn linear(ratio: Ratio, how: &Interpretation) -> Linear {
    let n = i128::from(ratio.factor.numerator());
    let d = i128::from(ratio.factor.denominator());
    match ratio.comparison {
        Comparison::AtLeast => Linear {
            q: d,
            lower: Some((n, 0)),
            upper: None,
        },
        Comparison::MoreThan => Linear {
            q: d,
            lower: Some((n, -1)),
            upper: None,
        },
        Comparison::AtMost => Linear {
            q: d,
            lower: None,
            upper: Some((n, 0)),
        },
        Comparison::LessThan => Linear {
            q: d,
            lower: None,
            upper: Some((n, -1)),
        },
        Comparison::About => {
            let t = i128::from(how.tolerance_percent());
            let m = i128::from(how.min_tolerance());
            let q = 100 * d;
            // The minimum tolerance and the rounding to a whole count, in units of 1/q:
            // at most 2^39 · 2^64 + 2^39, far inside i128.
            let slack = q * m + q - 1;
            Linear {
                q,
                lower: (t < 100).then(|| (n * (100 - t), slack)),
                upper: Some((n * (100 + t), slack)),
            }
        }
        // Equal, and any comparison added later reads as equal with rounding.
        _ => Linear {
            q: d,
            lower: Some((n, d - 1)),
            upper: Some((n, d - 1)),
        },
    }
}

fn floor_div(a: i128, b: i128) -> i128 {
    a.div_euclid(b)
}

fn ceil_div(a: i128, b: i128) -> i128 {
    -(-a).div_euclid(b)
}

/// A bound as a count: negative is 0, beyond `u64::MAX` saturates.
fn count(v: i128) -> u64 {
    u64::try_from(v.max(0)).unwrap_or(u64::MAX)
}

/// Whether the relation `subject RATIO reference` can hold for some count of each in the
/// given ranges, and if so the ranges it leaves them: `(subject, reference)`. The
/// reference's range is exact (every count in it has a subject count that fits); the
/// subject's is the hull of the counts that fit (a triple of 1..=2 is 3 or 6, given as
/// `3..=6`). `None` when no pair fits. Exact in 128-bit integers, with no rounding of
/// the factor; a bound past `u64::MAX` saturates.
///
/// ```
/// use contested::{CountRange, Interpretation};
/// use contested::reconcile::relative::implied;
///
/// let how = Interpretation::default();
/// // "Half of 49": 24 or 25.
/// let (x, _) = implied("half of".parse()?, CountRange::UNKNOWN, CountRange::exact(49), &how).unwrap();
/// assert_eq!(x.to_string(), "24..=25");
/// // "At least three times ours", theirs at most 100: ours at most 33.
/// let (_, y) = implied("at least three times".parse()?, CountRange::new(0, Some(100))?, CountRange::UNKNOWN, &how).unwrap();
/// assert_eq!(y.to_string(), "0..=33");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn implied(
    ratio: Ratio,
    subject: CountRange,
    reference: CountRange,
    how: &Interpretation,
) -> Option<(CountRange, CountRange)> {
    let Linear { q, lower, upper } = linear(ratio, how);
    let (xl, xh) = (i128::from(subject.lo()), subject.hi().map(i128::from));
    let (mut yl, mut yh) = (i128::from(reference.lo()), reference.hi().map(i128::from));
    // The least y whose largest fitting x reaches the subject's floor, and the largest y
    // whose least fitting x stays under its ceiling: both exact, since for whole x,
    // floor(z) >= xl iff z >= xl and ceil(z) <= xh iff z <= xh.
    if let Some((p, c)) = upper {
        yl = yl.max(ceil_div(q * xl - c, p));
    }
    if let (Some((p, c)), Some(xh)) = (lower, xh) {
        let top = floor_div(q * xh + c, p);
        yh = Some(yh.map_or(top, |h| h.min(top)));
    }
    if yh.is_some_and(|h| h < yl) || xh.is_some_and(|h| h < xl) {
        return None;
    }
    // For each fitting y the fitting x are non-empty and their ends grow with y, so the
    // subject's hull runs from the least x of the least y to the largest x of the largest.
    let x_lo = match lower {
        Some((p, c)) => xl.max(p.checked_mul(yl).map_or(xl, |py| ceil_div(py - c, q))),
        None => xl,
    };
    let x_hi = match (upper, yh) {
        (Some((p, c)), Some(yh)) => {
            let u = p.checked_mul(yh).map(|py| floor_div(py + c, q));
            match (u, xh) {
                (Some(u), Some(h)) => Some(u.min(h)),
                (Some(u), None) => Some(u),
                (None, h) => h,
            }
        }
        _ => xh,
    };
    let range = |lo: i128, hi: Option<i128>| {
        let hi = hi.and_then(|h| u64::try_from(h).ok());
        let lo = count(lo);
        CountRange::new(lo, hi).ok()
    };
    Some((range(x_lo, x_hi)?, range(yl, yh)?))
}

/// Where a key's range comes from: its figure, or the sums that derive it.
fn range_of<'a>(
    key: &QuantityKey,
    figures: &'a [Figure],
    derived: &HashMap<&QuantityKey, &'a Derived>,
) -> Option<(CountRange, Vec<&'a Figure>)> {
    let figure = |k: &QuantityKey| {
        figures
            .binary_search_by(|f| f.key.cmp(k))
            .ok()
            .map(|i| &figures[i])
    };
    if let Some(f) = figure(key) {
        return Some((f.bounds.unwrap_or(f.envelope), vec![f]));
    }
    let d = *derived.get(key)?;
    let behind = d
        .via
        .iter()
        .flat_map(|c| std::iter::once(&c.whole).chain(&c.parts))
        .filter_map(figure)
        .collect();
    Some((d.bounds, behind))
}

/// For each relative claim (by index into `ev.claims`), the claim that supersedes it:
/// within one voice (as for counts, under the policy's supersession rule, "own" when the
/// subject is the speaker's party's people) and one pair of quantities, every claim made
/// before the voice's latest (under the policy's order) is replaced by it. Claims that
/// cannot be ordered all stand. A statement that names earlier ones as revised
/// (`Statement::revises`) replaces their relative claims about the pairs it speaks of,
/// whoever made them, as it does their counts. O(n log n) in the relative claims.
fn superseded(ev: &Evidence) -> HashMap<usize, ClaimId> {
    use crate::claim::Whose;
    let mut keyed: Vec<(Voice, QuantityKey, QuantityKey, usize)> = Vec::new();
    for (i, rec) in ev.claims.iter().enumerate() {
        let ClaimBody::Relative(rel) = &rec.body else {
            continue;
        };
        let own =
            matches!((&rel.whose, &rec.party), (Whose::Party(w), Some(p)) if ev.party_of(w) == p);
        keyed.push((
            rec.voice_under(ev.policy.supersession, own),
            QuantityKey::new(
                rec.event.clone(),
                rel.measure.clone(),
                rel.whose.clone(),
                rel.category.clone(),
            ),
            QuantityKey::new(
                rel.of.event.clone().unwrap_or_else(|| rec.event.clone()),
                rel.of.measure.clone(),
                rel.of.whose.clone(),
                rel.of.category.clone(),
            ),
            i,
        ));
    }
    let mut out = HashMap::default();
    if keyed.len() < 2 {
        return out;
    }
    // Explicit revisions first: (revised statement, subject, reference) -> the reviser.
    let mut revised: HashMap<(&crate::id::StatementId, &QuantityKey, &QuantityKey), &ClaimId> =
        HashMap::default();
    for (_, subject, reference, i) in &keyed {
        for t in ev.claims[*i].revises.iter() {
            revised
                .entry((t, subject, reference))
                .or_insert(&ev.claims[*i].claim);
        }
    }
    if !revised.is_empty() {
        for (_, subject, reference, i) in &keyed {
            if let Some(by) = revised.get(&(&ev.claims[*i].statement, subject, reference)) {
                out.insert(*i, (*by).clone());
            }
        }
    }
    let made = |i: usize| ev.claims[i].made_key();
    keyed.sort_by(|a, b| {
        (&a.0, &a.1, &a.2)
            .cmp(&(&b.0, &b.1, &b.2))
            .then(made(a.3).cmp(&made(b.3)))
            .then(ev.claims[a.3].claim.cmp(&ev.claims[b.3].claim))
    });
    for group in keyed.chunk_by(|a, b| (&a.0, &a.1, &a.2) == (&b.0, &b.1, &b.2)) {
        // Sorted by time: the last is the latest; among equal windows the first by id.
        let last = made(group[group.len() - 1].3);
        let latest = group.iter().position(|g| made(g.3) == last).unwrap_or(0);
        let top = &ev.claims[group[latest].3];
        for g in group {
            if before(ev.policy.order, &ev.claims[g.3].made, &top.made) {
                out.entry(g.3).or_insert_with(|| top.claim.clone());
            }
        }
    }
    out
}

/// Every relative claim of the evidence checked against the figures, and a conflict
/// for each that cannot hold. Relative claims do not feed the part-whole sums; a voice's
/// earlier relative claim about the same two quantities is superseded by its latest and
/// not checked ([`RelativeOutcome::Superseded`]).
pub(crate) fn resolve(
    ev: &Evidence,
    figures: &[Figure],
    derived: &[Derived],
) -> (Vec<RelativeCheck>, Vec<Discrepancy>) {
    let mut checks = Vec::new();
    let mut conflicts = Vec::new();
    // Derived figures by key, hashed once (a scan per relative claim would be quadratic).
    let derived: HashMap<&QuantityKey, &Derived> = if ev
        .claims
        .iter()
        .any(|c| matches!(c.body, ClaimBody::Relative(_)))
    {
        derived.iter().map(|d| (&d.key, d)).collect()
    } else {
        HashMap::default()
    };
    let superseded = superseded(ev);
    for (i, rec) in ev.claims.iter().enumerate() {
        let ClaimBody::Relative(rel) = &rec.body else {
            continue;
        };
        let subject = QuantityKey::new(
            rec.event.clone(),
            rel.measure.clone(),
            rel.whose.clone(),
            rel.category.clone(),
        );
        let reference = QuantityKey::new(
            rel.of.event.clone().unwrap_or_else(|| rec.event.clone()),
            rel.of.measure.clone(),
            rel.of.whose.clone(),
            rel.of.category.clone(),
        );
        let (subject_range, mut behind_figures) =
            range_of(&subject, figures, &derived).unwrap_or((CountRange::UNKNOWN, Vec::new()));
        let referenced = range_of(&reference, figures, &derived);
        let reference_range = referenced.as_ref().map(|(r, _)| *r);
        if let Some((_, fs)) = referenced {
            behind_figures.extend(fs);
        }
        let mut behind: BTreeMap<ClaimId, Cite> = BTreeMap::new();
        for f in behind_figures {
            for r in f.live() {
                behind
                    .entry(r.cite.claim.clone())
                    .or_insert_with(|| r.cite.clone());
            }
        }
        let behind: Vec<Cite> = behind.into_values().collect();
        let outcome = match reference_range {
            _ if superseded.contains_key(&i) => RelativeOutcome::Superseded {
                by: superseded[&i].clone(),
            },
            None => RelativeOutcome::Unresolved,
            Some(y) => match implied(rel.ratio, subject_range, y, &ev.interpretation) {
                Some((subject, reference)) => RelativeOutcome::Holds { subject, reference },
                None => RelativeOutcome::Conflict,
            },
        };
        if let (RelativeOutcome::Conflict, Some(reference_range)) = (&outcome, reference_range) {
            conflicts.push(Discrepancy::RelativeConflict {
                claim: rec.cite(),
                ratio: rel.ratio,
                subject: subject.clone(),
                subject_range,
                reference: reference.clone(),
                reference_range,
                behind: behind.clone(),
            });
        }
        checks.push(RelativeCheck {
            claim: rec.cite(),
            ratio: rel.ratio,
            subject,
            subject_range,
            reference,
            reference_range,
            outcome,
            behind,
        });
    }
    (checks, conflicts)
}
