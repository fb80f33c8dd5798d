//! Reconciliation: from a dossier's claims to the defensible range of every figure, how
//! the figures constrain each other, how they were revised, and every discrepancy, each
//! traced to the statements behind it.
//!
//! This module depends on the model; the model never depends on it.
//!
//! ```
//! use contested::{Actor, ActorKind, Category, Claim, Dossier, Estimate, Event, EventKind,
//!     Measure, Statement, TimeWindow, Whose};
//! use contested::reconcile::{QuantityKey, Reconciler};
//!
//! let day = TimeWindow::new("2022-09-13T00:00:00+04:00".parse()?, "2022-09-13T23:59:59+04:00".parse()?)?;
//! let killed = |id: &str, whose: Whose, e: &str| Claim::count(id, "clash", Measure::Killed, whose, Category::Military, e.parse().unwrap());
//! let d = Dossier::builder()
//!     .actor(Actor::new("armenia", "Armenia", ActorKind::State))
//!     .actor(Actor::new("azerbaijan", "Azerbaijan", ActorKind::State))
//!     .actor(Actor::new("agencies", "Agencies", ActorKind::Agency))
//!     .event(Event::new("clash", "Border clashes", EventKind::Clash).with_side("armenia").with_side("azerbaijan"))
//!     .statement(Statement::new("az", "azerbaijan", day.clone()).claim(killed("az-k", Whose::party("azerbaijan"), "50")))
//!     .statement(Statement::new("am", "armenia", day.clone()).claim(killed("am-k", Whose::party("armenia"), "at least 49")))
//!     .statement(Statement::new("ag", "agencies", day).claim(killed("all-k", Whose::All, "about 100")))
//!     .build()?;
//! let r = Reconciler::new().reconcile(&d);
//! let armenia = r.figure(&QuantityKey::new("clash", Measure::Killed, Whose::party("armenia"), Category::Military)).unwrap();
//! assert_eq!(armenia.consensus.unwrap().to_string(), "49..");
//! assert_eq!(armenia.bounds.unwrap().to_string(), "49..=60"); // narrowed by "about 100" - 50
//! assert!(r.discrepancies().is_empty());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Running tolls
//!
//! A toll is a running count revised over days by many organs of one party. Under the
//! default [`Policy`], a party's own count is one series whoever of its organs gives it;
//! the latest count is current and an earlier one is history, not a conflict; a status
//! word ("so far", "final") is part of the claim (DESIGN.md, "Running tolls").
//!
//! ```
//! use contested::{Actor, ActorKind, Category, Claim, Dossier, Event, EventKind, Measure,
//!     Statement, TimeWindow, Whose};
//! use contested::reconcile::{QuantityKey, Reconciler, Status};
//!
//! let day = |d: u32| TimeWindow::day(2008, 8, d);
//! let killed = |id: &str, n: &str| Claim::count(id, "war", Measure::Killed, Whose::party("georgia"), Category::Any, n.parse().unwrap());
//! let d = Dossier::builder()
//!     .actor(Actor::new("georgia", "Georgia", ActorKind::State))
//!     .actor(Actor::new("ge-health", "Health Ministry", ActorKind::GovernmentBody).part_of("georgia"))
//!     .actor(Actor::new("ge-gov", "Government", ActorKind::GovernmentBody).part_of("georgia"))
//!     .event(Event::new("war", "War", EventKind::Clash).with_side("georgia"))
//!     .statement(Statement::new("s1", "ge-health", day(13)?).claim(killed("k1", "175 so far")))
//!     .statement(Statement::new("s2", "ge-gov", day(19)?).claim(killed("k2", "215")))
//!     .build()?;
//! let r = Reconciler::new().reconcile(&d);
//! let f = r.figure(&QuantityKey::new("war", Measure::Killed, Whose::party("georgia"), Category::Any)).unwrap();
//! assert_eq!(f.readings[0].status, Status::Superseded { by: "k2".into() });
//! assert_eq!((f.low, f.high), (215, Some(215)));
//! assert!(r.discrepancies().is_empty());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod bulk;
pub mod ceiling;
mod decrease;
mod denial;
pub mod discrepancy;
pub mod evidence;
pub mod figure;
mod flow;
pub mod interval;
mod lattice;
pub mod mediation;
pub mod policy;
pub mod propagate;
mod relabel;
pub mod relative;
mod report;
mod retraction;
mod series;
mod shared;
pub mod stale;
pub mod timing;
pub mod voices;
mod wholes;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::dossier::Dossier;
use crate::estimate::Interpretation;
use crate::id::ClaimId;
use crate::range::CountRange;

pub use ceiling::Ceiling;
pub use discrepancy::{
    Account, Discrepancy, MATCHES_SHOWN, SplitPosition, TimedCite, TimingGroup, TimingSummary,
    Version,
};
pub use evidence::{AppealStatement, Cite, ClaimRecord, EventInfo, Evidence, Origin, Voice};
pub use figure::{Figure, Position, QuantityKey, Reading, Source, Status};
pub use mediation::{AppealSummary, DeploymentSummary, MediatorSummary};
pub use policy::{AsOfRule, Order, Policy, Supersession};
pub use propagate::{Constraint, ConstraintCheck, Derived, Exactness, Rule};
pub use shared::Shared;
pub use voices::{Corroboration, TieBreak, VoiceWeights};

/// Options for a reconciliation: the as-of time and how estimates are read.
///
/// ```
/// use contested::Interpretation;
/// use contested::reconcile::Reconciler;
///
/// let r = Reconciler::new()
///     .as_of("2022-09-14T00:00:00+04:00".parse()?)
///     .interpretation(Interpretation::default().with_tolerance_percent(20));
/// assert!(r.reconcile(&contested::Dossier::default()).figures().is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Reconciler {
    as_of: Option<DateTime<FixedOffset>>,
    interpretation: Interpretation,
    policy: Policy,
    weights: VoiceWeights,
}

impl Reconciler {
    /// All statements, default interpretation.
    pub fn new() -> Self {
        Reconciler::default()
    }

    /// Only statements that may have been made by `t` count
    /// (see [`Statement::made_by`](crate::Statement::made_by)).
    pub fn as_of(mut self, t: DateTime<FixedOffset>) -> Self {
        self.as_of = Some(t);
        self
    }

    /// Reads counts over time under `policy` (see [`Policy`] for the defaults).
    ///
    /// ```
    /// use contested::reconcile::{Policy, Reconciler, Supersession};
    ///
    /// let r = Reconciler::new().policy(Policy::default().with_supersession(Supersession::Speaker));
    /// # let _ = r;
    /// ```
    pub fn policy(mut self, policy: Policy) -> Self {
        self.policy = policy;
        self
    }

    /// Only statements *certainly* made by the as-of time count (their window ends by
    /// then), instead of those that may have been ([`AsOfRule`]).
    ///
    /// ```
    /// use contested::reconcile::Reconciler;
    ///
    /// let r = Reconciler::new().as_of("2022-09-14T00:00:00+04:00".parse()?).certainly_made();
    /// # let _ = r;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn certainly_made(mut self) -> Self {
        self.policy.as_of = AsOfRule::CertainlyMade;
        self
    }

    /// Weighs each independent voice's count by `weights` when finding the best-supported
    /// interval (and so the best figure); off by default, every voice counting one. The
    /// weights may come from [`reliability`](crate::reliability): `(&outcome.weights()).into()`.
    ///
    /// ```
    /// use contested::reconcile::{Reconciler, VoiceWeights};
    ///
    /// let r = Reconciler::new().voice_weights(VoiceWeights::new().with("rumour-mill", 0.1));
    /// # let _ = r;
    /// ```
    pub fn voice_weights(mut self, weights: VoiceWeights) -> Self {
        self.weights = weights;
        self
    }

    /// Reads estimates under `how`.
    pub fn interpretation(mut self, how: Interpretation) -> Self {
        self.interpretation = how;
        self
    }

    /// Reconciles a dossier. Infallible: a validated dossier always reconciles.
    pub fn reconcile(&self, dossier: &Dossier) -> Reconciliation {
        let mut ev = Evidence::gather(
            dossier,
            self.as_of,
            self.interpretation.clone(),
            self.policy,
        );
        ev.weights = self.weights.clone();
        Reconciliation::from_evidence(ev)
    }
}

/// The result of a reconciliation. Serializes with serde; `Display` renders a readable
/// text report.
///
/// Everything in it is computed from its [`Evidence`], so two reconciliations of
/// disjoint sets of statements [merge](Reconciliation::merge) into the reconciliation of
/// their union.
///
/// ```
/// use contested::{Dossier, reconcile::{Discrepancy, Reconciler}};
///
/// let d = Dossier::from_json_file("examples/data/armenia_azerbaijan_2022-09-13.json")?;
/// let r = Reconciler::new().reconcile(&d);
/// // One figure per key, with low / best / high; discrepancies between the accounts.
/// assert!(r.figures().iter().all(|f| f.low <= f.best));
/// assert!(r.discrepancies().iter().any(|x| matches!(x, Discrepancy::ResponsibilityConflict { .. })));
/// // The text report, and JSON for other tools (its schema: `contested::schema::reconciliation`).
/// assert!(r.to_string().contains("killed"));
/// let json: serde_json::Value = serde_json::from_str(&r.to_json())?;
/// assert_eq!(json["figures"].as_array().map(Vec::len), Some(r.figures().len()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Reconciliation {
    /// What it was computed from: the as-of time, interpretation, policy, events,
    /// parties, one record per claim, and the mediators.
    evidence: Evidence,
    /// One figure per quantity key, ordered by key.
    figures: Vec<Figure>,
    /// Every part-whole sum used, with the bounds propagation found.
    constraints: Vec<ConstraintCheck>,
    /// Figures nobody reported, derived through part-whole sums.
    derived: Vec<Derived>,
    /// Keys in a numeric conflict, each with the envelope of its current counts.
    disputed: Vec<(QuantityKey, CountRange)>,
    /// Every disagreement found, tagged by `kind`.
    discrepancies: Vec<Discrepancy>,
    /// Every relative claim checked against the figures of the two quantities it relates.
    #[serde(default)]
    relative: Vec<relative::RelativeCheck>,
    /// Claimed timings per event and boundary, with their overlap.
    timings: Vec<TimingSummary>,
    /// The mediators, summarised.
    mediators: Vec<MediatorSummary>,
    /// Claims withdrawn by their own voice, each with the denial that withdrew it,
    /// sorted by claim ([`Policy::retractions_withdraw`]).
    #[serde(default)]
    retracted: Vec<(ClaimId, Cite)>,
}

impl Reconciliation {
    fn from_evidence(evidence: Evidence) -> Self {
        Self::from_evidence_in(evidence, propagate::BATCH_FIGURES)
    }

    /// As `from_evidence`, the part-whole sums solved in batches of events of at least
    /// `batch` figures (the result does not depend on it: tested).
    fn from_evidence_in(evidence: Evidence, batch: usize) -> Self {
        // Each key's figure is made as soon as its readings are, while they are in cache.
        // Made at about its size (a figure per key, most keys one claim's) rather than
        // grown by doubling, which copied every figure (about 500 bytes) once more.
        let mut figures: Vec<Figure> = Vec::with_capacity(evidence.claims.len());
        let retractions = retraction::Retractions::find(&evidence);
        let relabels = relabel::Relabels::find(&evidence);
        figure::for_each_key(&evidence, |k, rs| {
            figures.push(figure::figure(k, rs, &evidence, &retractions, &relabels));
        });
        let retracted = retractions.list();
        denial::attach_denials(&evidence, &mut figures);
        // Each key's wholes, for the rules that read counts of a whole against counts of
        // its parts: found once.
        let pairs = if evidence.policy.wholes_cap_parts || evidence.policy.running_floors {
            wholes::pairs(&evidence, &figures)
        } else {
            Vec::new()
        };
        ceiling::attach(&evidence, &mut figures, &pairs);
        stale::attach(&evidence, &mut figures, &pairs);
        let outcome = propagate::propagate(&figures, &evidence, batch);
        for (f, b) in figures.iter_mut().zip(&outcome.figure_bounds) {
            // Bounds the sums leave as they were change nothing: low, best and high are
            // already those of `figure`. A figure with a denied count entered the sums
            // without it, so the sums' bounds are not bounds on what it says; nor are
            // they when a count of it entered as its floor, the sums holding at a later
            // time than it.
            if f.consensus.is_some()
                && f.denied.is_empty()
                && f.ceilings.is_empty()
                && f.floors_in_sums.is_empty()
                && let Some(b) = b
                && *b != f.bounds
            {
                f.bounds = *b;
                figure::complete(f, &evidence);
            } else if f.consensus.is_some()
                && f.denied.is_empty()
                && f.ceilings.is_empty()
                && !f.floors_in_sums.is_empty()
                && let Some(Some(b)) = b
            {
                // The sums hold later, and the measure only grows: what they put below
                // the key holds now, so they raise the figure; what they put above it
                // may not have held at its counts' time, so they never lower it.
                figure::raise(f, *b);
            }
            // When every current count is denied, none is credible as a floor: the low
            // is what the sums allow without them (0 when nothing bounds the key).
            if f.wholly_denied() {
                let floor = b.flatten().map_or(0, |b| b.lo()).min(f.low);
                if floor < f.low {
                    f.low = floor;
                    f.conservative_by.clear();
                }
            }
            ceiling::lower(f);
        }
        let (mut discrepancies, timings) = discrepancy::find(
            &evidence,
            &retractions,
            &relabels,
            &figures,
            outcome.contradictions,
        );
        let (relative, conflicts) = relative::resolve(&evidence, &figures, &outcome.derived);
        discrepancies.extend(conflicts);
        let mediators = mediation::summarise(&evidence);
        Reconciliation {
            evidence,
            figures,
            constraints: outcome.checks,
            derived: outcome.derived,
            disputed: outcome.disputed,
            discrepancies,
            relative,
            timings,
            mediators,
            retracted,
        }
    }

    /// The reconciliation of the union of the statements behind `self` and `other`,
    /// which must be disjoint (a claim in both counts once). The as-of time and
    /// interpretation are `self`'s.
    ///
    /// ```
    /// # use contested::{Dossier, reconcile::Reconciler};
    /// let a = Reconciler::new().reconcile(&Dossier::default());
    /// assert_eq!(a.merge(&a), a);
    /// ```
    pub fn merge(&self, other: &Reconciliation) -> Reconciliation {
        Reconciliation::from_evidence(self.evidence.merge(&other.evidence))
    }

    /// The evidence it was computed from.
    pub fn evidence(&self) -> &Evidence {
        &self.evidence
    }

    /// One figure per quantity key, ordered by key.
    pub fn figures(&self) -> &[Figure] {
        &self.figures
    }

    /// The figure for a key.
    pub fn figure(&self, key: &QuantityKey) -> Option<&Figure> {
        self.figures
            .binary_search_by(|f| f.key.cmp(key))
            .ok()
            .map(|i| &self.figures[i])
    }

    /// Every part-whole sum used, with the bounds propagation found: event by event
    /// (in id order), each event's breakdowns before the sums between its keys, and
    /// last the measure wholes nobody reported (killed or missing from killed and
    /// missing).
    pub fn constraints(&self) -> &[ConstraintCheck] {
        &self.constraints
    }

    /// Figures nobody reported, derived through part-whole sums (see [`Derived`]):
    /// event by event, then the measure wholes nobody reported.
    pub fn derived(&self) -> &[Derived] {
        &self.derived
    }

    /// Keys in a numeric conflict, with the envelope of their current counts: the
    /// reading of them the part-whole sums used.
    pub fn disputed(&self) -> &[(QuantityKey, CountRange)] {
        &self.disputed
    }

    /// Every discrepancy found.
    pub fn discrepancies(&self) -> &[Discrepancy] {
        &self.discrepancies
    }

    /// Every relative claim ("more than double ours") checked against the figures: the
    /// range it implies for the quantity it states, a conflict, or nothing to check
    /// against (see [`relative`]).
    pub fn relative(&self) -> &[relative::RelativeCheck] {
        &self.relative
    }

    /// Claimed timings, per event and boundary, with their overlap.
    pub fn timings(&self) -> &[TimingSummary] {
        &self.timings
    }

    /// Every claim withdrawn by its own voice (a denial of it by its speaker or another
    /// organ of its party, not made before it), with the denial that withdrew it,
    /// sorted by claim. Such a count is [`Status::Retracted`]; such an account takes
    /// part in no conflict ([`Policy::retractions_withdraw`]).
    ///
    /// ```
    /// # use contested::reconcile::Reconciler;
    /// let r = Reconciler::new().reconcile(&contested::Dossier::default());
    /// assert!(r.retracted().is_empty());
    /// assert!(r.retraction_of(&"c1".into()).is_none());
    /// ```
    pub fn retracted(&self) -> &[(ClaimId, Cite)] {
        &self.retracted
    }

    /// The denial that withdrew `claim`, when its own voice withdrew it.
    pub fn retraction_of(&self, claim: &ClaimId) -> Option<&Cite> {
        self.retracted
            .binary_search_by(|(c, _)| c.cmp(claim))
            .ok()
            .map(|i| &self.retracted[i].1)
    }

    /// The mediators, summarised.
    pub fn mediators(&self) -> &[MediatorSummary] {
        &self.mediators
    }

    /// The reconciliation as pretty JSON.
    pub fn to_json(&self) -> String {
        // Plain data with string keys: serialization cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// Solving the sums in batches of events gives what one network of every event gives.
#[cfg(test)]
mod batches {
    use super::*;

    fn compare(d: &Dossier) {
        let ev = || Evidence::gather(d, None, Interpretation::default(), Policy::default());
        let whole = Reconciliation::from_evidence_in(ev(), usize::MAX);
        for batch in [1, 2, 5, 64] {
            let batched = Reconciliation::from_evidence_in(ev(), batch);
            assert!(batched == whole, "batches of {batch} differ");
        }
    }

    /// A network numbers its keys, sums and groups event by event: here event `a`'s
    /// derived figure (from its lattice) comes before event `b`'s (a breakdown's unnamed
    /// remainder), in one batch or two.
    #[test]
    fn derived_figures_come_event_by_event() -> Result<(), Box<dyn std::error::Error>> {
        use crate::{
            Actor, ActorKind, BreakdownPart, Category, Claim, ClaimBody, CountClaim, Estimate,
            Event, EventKind, Measure, Statement, TimeWindow, Whose,
        };
        let t = TimeWindow::instant("2022-09-13T10:00:00Z".parse()?);
        let count = |id: &str, event: &str, cat, n| {
            Claim::count(
                id,
                event,
                Measure::Killed,
                Whose::All,
                cat,
                Estimate::exact(n),
            )
        };
        let partial = CountClaim::new(
            Measure::Killed,
            Whose::All,
            Category::Any,
            Estimate::exact(40),
        )
        .with_part(BreakdownPart::new("market", Estimate::exact(10)))
        .partial();
        let d = Dossier::builder()
            .actor(Actor::new("x", "X", ActorKind::State))
            .event(Event::new("a", "A", EventKind::Clash))
            .event(Event::new("b", "B", EventKind::Clash))
            .statement(
                Statement::new("s", "x", t)
                    .claim(count("all", "a", Category::Any, 23))
                    .claim(count("mil", "a", Category::Military, 8))
                    .claim(Claim::new("b40", "b", ClaimBody::Count(partial))),
            )
            .build()?;
        let r = Reconciler::new().reconcile(&d);
        let derived: Vec<String> = r.derived().iter().map(|x| x.key.to_string()).collect();
        assert_eq!(
            derived,
            ["a/killed/all/civilian", "b/killed/all/rest of b40"]
        );
        compare(&d);
        Ok(())
    }

    #[cfg(feature = "corpus")]
    #[test]
    fn batches_of_a_corpus_give_one_networks_outcome() -> Result<(), Box<dyn std::error::Error>> {
        use crate::corpus::{Corpus, CorpusSpec};
        // Enough events (with breakdowns, lattice sums and conflicts) that every list is
        // made of many batches' pieces.
        let c = Corpus::new(CorpusSpec::new(4000).with_events(400))?;
        let mut b = c.context().to_builder();
        for s in c.statements() {
            b = b.statement(s);
        }
        let d = b.build()?;
        let r = Reconciler::new().reconcile(&d);
        assert!(!r.constraints().is_empty() && !r.derived().is_empty());
        assert!(
            r.discrepancies()
                .iter()
                .any(|x| matches!(x, Discrepancy::PartWholeConflict { .. }))
        );
        compare(&d);
        Ok(())
    }

    #[cfg(feature = "proptest")]
    proptest::proptest! {
        #![proptest_config(proptest::test_runner::Config::with_cases(64))]
        #[test]
        fn batches_give_one_networks_outcome(
            d in crate::strategy::dossier(crate::strategy::DossierShape::default())
        ) {
            compare(&d);
        }
    }
}
