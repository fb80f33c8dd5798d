//! Figures: per quantity key, each party's position, the envelope, the consensus, the
//! best-supported interval and the conservative figure.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::claim::{Category, Measure, Whose};
use crate::estimate::Estimate;
use crate::id::{ActorId, ClaimId, EventId};
use crate::range::CountRange;
use crate::reconcile::evidence::{Cite, Origin, Voice};
use crate::reconcile::interval::Support;
use crate::reconcile::shared::Shared;
use crate::reconcile::voices::{Corroboration, TieBreak};
use crate::relay::Relay;
use crate::status::CountStatus;
use crate::when::TimeWindow;

/// What a figure counts: event × measure × whose × category.
///
/// ```
/// use contested::{Category, Measure, Whose};
/// use contested::reconcile::QuantityKey;
///
/// let k = QuantityKey::new("clash", Measure::Killed, Whose::party("armenia"), Category::Military);
/// assert_eq!(k.to_string(), "clash/killed/armenia/military");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct QuantityKey {
    /// The event.
    pub event: EventId,
    /// What is counted.
    pub measure: Measure,
    /// Whose people.
    pub whose: Whose,
    /// Which people.
    pub category: Category,
}

impl QuantityKey {
    /// A key.
    pub fn new(
        event: impl Into<EventId>,
        measure: Measure,
        whose: Whose,
        category: Category,
    ) -> Self {
        QuantityKey {
            event: event.into(),
            measure,
            whose,
            category,
        }
    }

    /// The key of a count claim; `None` for other claims.
    ///
    /// ```
    /// use contested::{Category, Claim, Estimate, Measure, Whose};
    /// use contested::reconcile::QuantityKey;
    ///
    /// let c = Claim::count("c", "clash", Measure::Killed, Whose::All, Category::Any, Estimate::exact(3));
    /// assert_eq!(QuantityKey::of(&c).unwrap().to_string(), "clash/killed/all/any");
    /// ```
    pub fn of(claim: &crate::claim::Claim) -> Option<QuantityKey> {
        claim.body.count().map(|c| {
            QuantityKey::new(
                claim.event.clone(),
                c.measure.clone(),
                c.whose.clone(),
                c.category.clone(),
            )
        })
    }

    pub(crate) fn with_category(&self, category: Category) -> Self {
        QuantityKey {
            category,
            ..self.clone()
        }
    }
}

impl fmt::Display for QuantityKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}/{}/{}/{}",
            self.event, self.measure, self.whose, self.category
        )
    }
}

/// Whose figure a reading is, relative to whose people it counts.
///
/// ```
/// use contested::reconcile::Source;
///
/// assert_eq!(Source::SelfReport.to_string(), "self-report");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Source {
    /// The speaker's party counts its own people.
    SelfReport,
    /// A disputant (a side of the event, or a member of one of its coalitions) counts
    /// another side's people, or everyone's.
    Adversary,
    /// A coalition partner counts a partner's people (Russia counting South Ossetia's
    /// dead): neither an admission against interest nor an independent figure.
    Ally,
    /// Anyone else with a name: mediators, international organisations, NGOs,
    /// investigators, media.
    ThirdParty,
    /// No speaker named: "troops were reportedly ...".
    Unattributed,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Source::SelfReport => "self-report",
            Source::Adversary => "adversary claim",
            Source::Ally => "ally's claim",
            Source::ThirdParty => "third-party figure",
            Source::Unattributed => "unattributed report",
        })
    }
}

/// Whether a reading still stands, and if not, why.
///
/// ```
/// use contested::reconcile::Status;
///
/// assert!(Status::Live.is_live());
/// assert_eq!(Status::Corrected { by: "c2".into() }.replaced_by().map(|c| c.as_str()), Some("c2"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Status {
    /// The voice's current word on the key.
    Live,
    /// Revised by a later count of the same voice (kept as history, never deleted).
    Superseded {
        /// The claim that superseded it.
        by: ClaimId,
    },
    /// Named as revised by a later statement ([`Statement::revises`](crate::Statement::revises)).
    Corrected {
        /// The claim of the revising statement on this key.
        by: ClaimId,
    },
    /// Another outlet's version of the same utterance (same speaker, same time): one
    /// voice, not two; the version closest to the origin stands for it.
    Copy {
        /// The version that stands.
        of: ClaimId,
    },
    /// A third-party or unattributed snapshot of a running count, given way to a later
    /// count of the key ([`Policy::snapshots_give_way`](super::Policy::snapshots_give_way)).
    Overtaken {
        /// The latest count on the key.
        by: ClaimId,
    },
    /// Withdrawn by its own voice: a denial of it by its speaker or another organ of its
    /// party ([`Policy::retractions_withdraw`](super::Policy::retractions_withdraw)).
    Retracted {
        /// The denial that withdrew it.
        by: ClaimId,
    },
    /// A relay's count that gives a cited count's figure as a count of this measure
    /// ([`Discrepancy::RelabeledRelay`](super::Discrepancy::RelabeledRelay)): no testimony
    /// of this measure, set aside ([`Policy::relabels_set_aside`](super::Policy::relabels_set_aside)).
    Relabeled {
        /// The cited count whose figure it relabels.
        of: ClaimId,
    },
}

impl Status {
    /// Whether the reading is live.
    pub fn is_live(&self) -> bool {
        matches!(self, Status::Live)
    }

    /// The claim that replaced it, unless it is live.
    pub fn replaced_by(&self) -> Option<&ClaimId> {
        match self {
            Status::Live => None,
            Status::Superseded { by }
            | Status::Corrected { by }
            | Status::Overtaken { by }
            | Status::Retracted { by }
            | Status::Relabeled { of: by }
            | Status::Copy { of: by } => Some(by),
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Status::Live => f.write_str("live"),
            Status::Superseded { by } => write!(f, "superseded by {by}"),
            Status::Corrected { by } => write!(f, "corrected by {by}"),
            Status::Overtaken { by } => write!(f, "overtaken by {by}"),
            Status::Copy { of } => write!(f, "a copy of {of}"),
            Status::Retracted { by } => write!(f, "retracted by {by}"),
            Status::Relabeled { of } => write!(f, "relabels {of}: set aside"),
        }
    }
}

/// One figure reported on a key: a count claim, or one part of a reported breakdown.
///
/// ```
/// # use contested::reconcile::Reconciler;
/// # let d = contested::Dossier::default();
/// let r = Reconciler::new().reconcile(&d);
/// assert!(r.figures().iter().all(|f| f.readings.iter().any(|x| x.status.is_live())));
/// ```
#[derive(Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Reading {
    /// The claim and statement.
    pub cite: Cite,
    /// For a breakdown part, the unit; `None` for the claim's own figure.
    pub part_of_breakdown: Option<String>,
    /// The speaker's party.
    pub party: Option<ActorId>,
    /// Self-report, adversary claim or third-party figure.
    pub source: Source,
    /// The words reported.
    pub estimate: Estimate,
    /// The range the words stand for.
    pub range: CountRange,
    /// When it was said.
    pub made: TimeWindow,
    /// The time the count is as of: the claim's own `as_of`, else when it was said.
    pub as_of: TimeWindow,
    /// Where the count stands in its series (running, final, unstated).
    pub count_status: CountStatus,
    /// Whether the count was made (as of) more than the policy's settling time after
    /// its event ended, with no word that it is still running: it is read as final
    /// ([`Policy::settles_after`](super::Policy::settles_after)).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub settled: bool,
    /// The voice whose later counts supersede this one (see [`Supersession`](super::Supersession)).
    pub voice: Voice,
    /// Where its figure comes from, for counting independent support.
    pub origin: Origin,
    /// Whether its statement cites another for its figures (a relay of the origin's
    /// words rather than the origin's own).
    pub cited: bool,
    /// A joint statement's other speakers (shared with its statement's claims).
    pub co_speakers: Shared<Vec<ActorId>>,
    /// Who relayed it: its statement's relay graph (see [`crate::relay`]), shared with
    /// the statement's other claims rather than copied.
    pub relay: Shared<Vec<Relay>>,
    /// Whether the statement was hedged or unattributed.
    pub hedged: bool,
    /// Live, or why not.
    pub status: Status,
    /// What a live reading says about the figure now: its range, or only its floor
    /// when it is an earlier running count of a measure that only grows
    /// ([`Policy::running_floors`](super::Policy::running_floors)). `None` when not live.
    pub bearing: Option<CountRange>,
    /// The voice's previous count that this one restates in vaguer words (this one a
    /// bounded range strictly containing it: "hundreds" after "300"), whose range it then
    /// bears ([`Policy::restatements_keep`](super::Policy::restatements_keep)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restates: Option<ClaimId>,
}

impl Reading {
    /// Whether the count closes its series: stated final, or settled (made long after
    /// its event ended, [`Policy::settles_after`](super::Policy::settles_after)). Such a
    /// count is never a snapshot that gives way, nor a running floor.
    ///
    /// ```
    /// use contested::{Actor, ActorKind, Category, Claim, Dossier, Event, EventKind, Measure, Statement, TimeWindow, Whose};
    /// use contested::reconcile::Reconciler;
    ///
    /// let at = |t: &str| TimeWindow::instant(t.parse().unwrap());
    /// let c = |id: &str, n: &str| Claim::count(id, "e", Measure::Killed, Whose::party("b"), Category::Military, n.parse().unwrap());
    /// let d = Dossier::builder()
    ///     .actor(Actor::new("a", "A", ActorKind::State))
    ///     .actor(Actor::new("b", "B", ActorKind::State))
    ///     .event(Event::new("e", "E", EventKind::Clash).with_when(at("2020-06-15T22:00:00Z")))
    ///     .statement(Statement::new("early", "b", at("2020-06-16T10:00:00Z")).claim(c("k1", "4")))
    ///     .statement(Statement::new("late", "b", at("2021-02-19T10:00:00Z")).claim(c("k2", "4")))
    ///     .build()?;
    /// let r = Reconciler::new().reconcile(&d);
    /// let f = &r.figures()[0];
    /// let closes: Vec<bool> = f.readings.iter().map(|r| r.closes_series()).collect();
    /// assert_eq!(closes, [false, true]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn closes_series(&self) -> bool {
        self.count_status.is_final() || self.settled
    }
}

impl Clone for Reading {
    /// A copy that shares the statement's relays.
    fn clone(&self) -> Self {
        Reading {
            cite: self.cite.clone(),
            part_of_breakdown: self.part_of_breakdown.clone(),
            party: self.party.clone(),
            source: self.source,
            estimate: self.estimate.clone(),
            range: self.range,
            made: self.made.clone(),
            as_of: self.as_of.clone(),
            count_status: self.count_status,
            settled: self.settled,
            voice: self.voice.clone(),
            origin: self.origin.clone(),
            cited: self.cited,
            co_speakers: Shared::share(&self.co_speakers),
            relay: Shared::share(&self.relay),
            hedged: self.hedged,
            status: self.status.clone(),
            bearing: self.bearing,
            restates: self.restates.clone(),
        }
    }
}

/// A voice's position on a key: the current figure and its revision history.
///
/// ```
/// use contested::{Actor, ActorKind, Category, Claim, Dossier, Event, EventKind, Measure, Statement, TimeWindow, Whose};
/// use contested::reconcile::Reconciler;
///
/// let at = |s: &str| TimeWindow::instant(s.parse().unwrap());
/// let killed = |id: &str, n: &str| Claim::count(id, "e", Measure::Killed, Whose::All, Category::Any, n.parse().unwrap());
/// let d = Dossier::builder()
///     .actor(Actor::new("a", "A", ActorKind::State))
///     .event(Event::new("e", "E", EventKind::Clash))
///     .statement(Statement::new("s1", "a", at("2022-09-13T10:00:00Z")).claim(killed("c1", "49")))
///     .statement(Statement::new("s2", "a", at("2022-09-14T10:00:00Z")).claim(killed("c2", "105")))
///     .build()?;
/// let r = Reconciler::new().reconcile(&d);
/// let p = &r.figures()[0].positions[0];
/// assert_eq!(p.current, ["c2".into()]);
/// assert_eq!(p.history, ["c1".into(), "c2".into()]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Position {
    /// The voice: a speaker, a party, or an unattributed statement.
    pub voice: Voice,
    /// The speaker of its latest count (`None`: an unattributed report).
    pub speaker: Option<ActorId>,
    /// The speaker's party.
    pub party: Option<ActorId>,
    /// The live readings (several when one statement time has several; none when an
    /// unattributed or third-party snapshot has given way).
    pub current: Vec<ClaimId>,
    /// Every reading of this voice on the key, oldest first.
    pub history: Vec<ClaimId>,
}

/// Everything known about one key.
///
/// # Rules
///
/// - **positions**: per speaker, the readings of the latest statement are live; earlier
///   ones are superseded (kept in `readings` and `history`). Statements are ordered by
///   the start of their time window, then its end; equal windows are all live.
/// - **envelope**: the hull of the live ranges (Iraq Body Count's min / max).
/// - **consensus**: the intersection of the live ranges, `None` when they conflict.
/// - **best_supported**: Marzullo's interval over the live ranges; `outside` lists the
///   live claims that do not contain it.
/// - **bounds**: the consensus narrowed by part-whole propagation (`None` when the key is
///   in a numeric or part-whole conflict).
/// - **low / best / high** (after UCDP): take the best-supported interval, narrowed by
///   `bounds` where they meet. `low` is its lower bound, which is also the
///   **conservative** figure (ACLED's rule: the lowest credible figure); `high` its upper
///   bound (`None`: unbounded); `best` the lower median of the nominal numbers of the
///   live readings that support it, clamped into it.
///
/// `Display` gives the key and the three numbers on one line, and says when the live
/// readings conflict.
///
/// ```
/// use contested::{Actor, ActorKind, Category, Claim, Dossier, Event, EventKind, Measure, Statement, TimeWindow, Whose};
/// use contested::reconcile::Reconciler;
///
/// let at = |s: &str| TimeWindow::instant(s.parse().unwrap());
/// let killed = |id: &str, n: &str| Claim::count(id, "e", Measure::Killed, Whose::All, Category::Any, n.parse().unwrap());
/// let d = Dossier::builder()
///     .actor(Actor::new("a", "A", ActorKind::State))
///     .actor(Actor::new("b", "B", ActorKind::State))
///     .event(Event::new("e", "E", EventKind::Clash))
///     .statement(Statement::new("s1", "a", at("2022-09-13T10:00:00Z")).claim(killed("c1", "at least 49")))
///     .statement(Statement::new("s2", "b", at("2022-09-13T11:00:00Z")).claim(killed("c2", "between 40 and 60")))
///     .build()?;
/// let r = Reconciler::new().reconcile(&d);
/// let f = &r.figures()[0];
/// assert_eq!((f.low, f.best, f.high), (49, 49, Some(60)));
/// assert_eq!(f.live().count(), 2);
/// assert_eq!(f.to_string(), "e/killed/all/any: best 49, low 49, high 60 (2 live readings)");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Figure {
    /// What is counted.
    pub key: QuantityKey,
    /// Every reading, live and superseded, by speaker then time.
    pub readings: Vec<Reading>,
    /// Each speaker's position.
    pub positions: Vec<Position>,
    /// The hull of the live ranges.
    pub envelope: CountRange,
    /// The intersection of the live ranges, if any.
    pub consensus: Option<CountRange>,
    /// The interval most live ranges agree on.
    pub best_supported: Support,
    /// Live claims outside the best-supported interval.
    pub outside: Vec<Cite>,
    /// The consensus after part-whole propagation.
    pub bounds: Option<CountRange>,
    /// UCDP-style low estimate, also the conservative figure.
    pub low: u64,
    /// UCDP-style best estimate.
    pub best: u64,
    /// UCDP-style high estimate (`None`: unbounded).
    pub high: Option<u64>,
    /// How many independent voices stand behind the current counts.
    pub corroboration: Corroboration,
    /// For a party's own losses, the highest count the party itself currently admits: a
    /// floor on the conservative figure (a statement against interest).
    pub admitted: Option<u64>,
    /// How a tie between equally supported intervals was broken, if there was one.
    pub tie: Option<TieBreak>,
    /// The current counts whose lower bound is the conservative figure (empty when it
    /// was derived through part-whole sums).
    pub conservative_by: Vec<Cite>,
    /// The current counts a voice of another origin denies by name ("the figure of
    /// 2,000 killed is very doubtful"), each with the denial: the denied claim and the
    /// denial's citation. A denied count is disputed, so it does not settle other
    /// figures through part-whole sums (DESIGN.md, "Who is speaking").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub denied: Vec<(ClaimId, Cite)>,
    /// Counts of a whole this key is part of, by voices of other origins that give no
    /// count of it, that leave no room for some of its current counts: each voice's word
    /// that the part is at most so many. The low is never above the lowest of them
    /// (unless the party admits more of its own losses), the key is in a
    /// [`CeilingConflict`](super::Discrepancy::CeilingConflict), and it enters the
    /// part-whole sums disputed (DESIGN.md, "Who is speaking", rule 7).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ceilings: Vec<super::Ceiling>,
    /// Current counts that entered the part-whole sums as their floor only: bounded,
    /// not final, of a measure that only grows, and certainly earlier than a current
    /// count of a whole or a part of this key, which their ceiling held no longer
    /// ([`stale`](super::stale); DESIGN.md, "Running tolls", rule 7). Each with the
    /// latest count of such a related key that it met; sorted by claim.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub floors_in_sums: Vec<(ClaimId, Cite)>,
    /// When counts of this key entered the sums as their floors (`floors_in_sums`) and
    /// the sums, which hold at the later time, put the key above the figure's low: those
    /// bounds. The low (and the best, when below) is raised to their low; when their low
    /// is above the high, the counts were outrun (the toll grew past them) and the high
    /// is theirs (DESIGN.md, "Running tolls", rule 7). The sums never lower the figure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raised_by_sums: Option<CountRange>,
}

impl fmt::Display for Figure {
    /// `KEY: best B, low L, high H (N live readings)`, with `high unbounded` when there
    /// is no upper bound and `, in conflict` when the live readings admit no common range.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: best {}, low {}, ", self.key, self.best, self.low)?;
        match self.high {
            Some(h) => write!(f, "high {h}")?,
            None => f.write_str("high unbounded")?,
        }
        let live = self.live().count();
        write!(
            f,
            " ({live} live reading{})",
            if live == 1 { "" } else { "s" }
        )?;
        if self.consensus.is_none() {
            f.write_str(", in conflict")?;
        }
        Ok(())
    }
}

impl Figure {
    /// The live readings.
    pub fn live(&self) -> impl Iterator<Item = &Reading> {
        self.readings.iter().filter(|r| r.status.is_live())
    }

    /// Whether every current count is denied by another voice ([`Figure::denied`]):
    /// then no count of it is credible as a floor, and the low is what the part-whole
    /// sums allow, or 0.
    ///
    /// ```
    /// # use contested::reconcile::Reconciler;
    /// let r = Reconciler::new().reconcile(&contested::Dossier::default());
    /// assert!(r.figures().iter().all(|f| !f.wholly_denied()));
    /// ```
    pub fn wholly_denied(&self) -> bool {
        !self.denied.is_empty()
            && self
                .live()
                .all(|r| self.denied.iter().any(|(c, _)| *c == r.cite.claim))
    }

    /// The conservative figure: the lowest credible count (see [`Figure`]'s rules).
    pub fn conservative(&self) -> u64 {
        self.low
    }
}

mod build;
pub(crate) use build::{complete, figure, for_each_key, raise, readings_by_key};
