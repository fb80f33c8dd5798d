//! Figures: per quantity key, each party's position, the envelope, the consensus, the
//! best-supported interval and the conservative figure.

use foldhash::{HashMap, HashMapExt};

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::claim::{Allegation, Category, ClaimBody, ClaimKind, CountClaim, Measure, Whose};
use crate::estimate::Estimate;
use crate::id::{ActorId, ClaimId, EventId, StatementId};
use crate::range::CountRange;
use crate::reconcile::discrepancy::MATCHES_SHOWN;
use crate::reconcile::evidence::{Cite, ClaimRecord, Evidence, Origin, Voice};
use crate::reconcile::interval::{self, Support};
use crate::reconcile::series::{
    before, continuable, origin_floors, origin_ids, own_floors, repeats, same_time_disagreement,
    same_time_dispute, successors, when,
};
use crate::reconcile::shared::Shared;
use crate::reconcile::voices::{self, Corroboration, TieBreak};
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

/// Classifies a reading on `whose` by a statement whose speakers belong to `parties`
/// (the speaker's first, then a joint statement's other speakers'), for an event with
/// `sides` and `coalitions` (of parties): a self-report when any speaker's party counts
/// its own people, an ally's claim when one counts a coalition partner's, an adversary
/// claim when a speaker's party is a disputant (a side or a coalition member).
pub(crate) fn classify(
    parties: &[&ActorId],
    whose: &Whose,
    sides: &[ActorId],
    coalitions: &[Vec<ActorId>],
) -> Source {
    if parties.is_empty() {
        return Source::Unattributed;
    }
    let partners =
        |p: &ActorId, q: &ActorId| coalitions.iter().any(|c| c.contains(p) && c.contains(q));
    if let Whose::Party(q) = whose {
        if parties.contains(&q) {
            return Source::SelfReport;
        }
        if parties.iter().any(|p| partners(p, q)) {
            return Source::Ally;
        }
    }
    let disputant = |p: &ActorId| sides.contains(p) || coalitions.iter().any(|c| c.contains(p));
    if parties.iter().any(|p| disputant(p)) {
        Source::Adversary
    } else {
        Source::ThirdParty
    }
}

/// The count readings of the evidence, grouped by key in key order, each key's readings
/// in the order of the evidence's claims, before supersession.
pub(crate) fn readings_by_key(ev: &Evidence) -> Vec<(QuantityKey, Vec<(Reading, usize)>)> {
    let mut out = Vec::new();
    for_each_key(ev, |key, readings| out.push((key, readings)));
    out
}

/// Calls `each` with every key's count readings, keys in key order, each key's readings
/// in the order of the evidence's claims (with its index there), before supersession.
///
/// Keys begin with their event, so the count claims are first put in event order by a
/// counting sort on each event's rank among the event ids (stable: each event keeps its
/// claims in the evidence's order), then each event's few keys are sorted on their own.
/// A reading is made only once its key's place is known, straight into a list of the
/// key's size, and the caller takes each key while it is in cache: no list of every
/// reading is built, moved and scattered (at 10^6 claims that list alone was over half a
/// gigabyte), and no comparison of keys ever spans the whole dossier.
pub(crate) fn for_each_key(
    ev: &Evidence,
    mut each: impl FnMut(QuantityKey, Vec<(Reading, usize)>),
) {
    // Each event's rank in id order, with its sides, hashed once. An event a claim names
    // but the evidence does not know (merged or hand-made evidence) is ranked among the
    // others by its id all the same.
    let mut ids: Vec<&EventId> = ev.events.keys().collect();
    let mut rank: HashMap<&EventId, usize> = HashMap::with_capacity(ids.len());
    let counts = || {
        ev.claims
            .iter()
            .enumerate()
            .filter(|(_, rec)| matches!(rec.body, ClaimBody::Count(_)))
    };
    let unknown: Vec<&EventId> = {
        rank.extend(ids.iter().enumerate().map(|(i, &id)| (id, i)));
        counts()
            .map(|(_, rec)| &rec.event)
            .filter(|e| !rank.contains_key(e))
            .collect()
    };
    if !unknown.is_empty() {
        ids.extend(unknown);
        ids.sort_unstable();
        ids.dedup();
        rank.clear();
        rank.extend(ids.iter().enumerate().map(|(i, &id)| (id, i)));
    }
    let ranked: Vec<(usize, usize)> = counts().map(|(i, rec)| (rank[&rec.event], i)).collect();
    drop(rank);
    let mut start = vec![0usize; ids.len() + 1];
    for &(r, _) in &ranked {
        start[r + 1] += 1;
    }
    for r in 0..ids.len() {
        start[r + 1] += start[r];
    }
    let mut next = start.clone();
    let mut order = vec![0usize; ranked.len()];
    for (r, i) in ranked {
        order[next[r]] = i;
        next[r] += 1;
    }
    drop(next);

    // Per event: its readings' keys, claims and parts (`None`: the claim's own figure),
    // sorted by key (stably: equal keys keep the claims' order); then each key's run.
    let mut entries: Vec<(QuantityKey, usize, Option<usize>)> = Vec::new();
    let mut runs: Vec<usize> = Vec::new();
    for (r, id) in ids.iter().enumerate() {
        let claims = &order[start[r]..start[r + 1]];
        if claims.is_empty() {
            continue;
        }
        let (sides, coalitions) = ev.events.get(*id).map_or((&[][..], &[][..]), |e| {
            (e.sides.as_slice(), e.coalitions.as_slice())
        });
        for &idx in claims {
            let ClaimBody::Count(count) = &ev.claims[idx].body else {
                continue;
            };
            let key = QuantityKey::new(
                ev.claims[idx].event.clone(),
                count.measure.clone(),
                count.whose.clone(),
                count.category.clone(),
            );
            // The claim's own figure, then its breakdown's parts.
            let own = entries.len();
            entries.push((key, idx, None));
            for (p, part) in count.breakdown.iter().enumerate() {
                let pk = entries[own]
                    .0
                    .with_category(Category::Unit(part.unit.clone()));
                entries.push((pk, idx, Some(p)));
            }
        }
        // One event's keys: ordered, and equal, as the rest of the key is (their event
        // ids, equal, need not be compared again and again).
        fn rest(k: &QuantityKey) -> (&Measure, &Whose, &Category) {
            (&k.measure, &k.whose, &k.category)
        }
        entries.sort_by(|a, b| rest(&a.0).cmp(&rest(&b.0)));
        runs.clear();
        let mut i = 0;
        while i < entries.len() {
            let mut j = i + 1;
            while j < entries.len() && rest(&entries[j].0) == rest(&entries[i].0) {
                j += 1;
            }
            runs.push(j - i);
            i = j;
        }
        let mut drained = entries.drain(..);
        for &n in &runs {
            let mut readings = Vec::with_capacity(n);
            let mut key = None;
            for (k, idx, part) in drained.by_ref().take(n) {
                let rec = &ev.claims[idx];
                if let ClaimBody::Count(count) = &rec.body {
                    let r = reading(ev, rec, count, part, sides, coalitions);
                    readings.push((r, idx));
                }
                key.get_or_insert(k);
            }
            if let Some(key) = key {
                each(key, readings);
            }
        }
    }
}

/// The reading of a count claim's own figure (`part`: `None`) or of a part of its
/// breakdown, on an event with `sides` and `coalitions`, before supersession.
fn reading(
    ev: &Evidence,
    rec: &ClaimRecord,
    count: &CountClaim,
    part: Option<usize>,
    sides: &[ActorId],
    coalitions: &[Vec<ActorId>],
) -> Reading {
    // A list of the parties only for a joint statement: most have one speaker.
    let own = rec.party.as_ref();
    let joint: Vec<&ActorId>;
    let parties: &[&ActorId] = if rec.co_speakers.is_empty() {
        own.as_slice()
    } else {
        joint = own
            .into_iter()
            .chain(rec.co_speakers.iter().map(|a| ev.party_of(a)))
            .collect();
        &joint
    };
    let source = classify(parties, &count.whose, sides, coalitions);
    let voice = rec.voice_under(ev.policy.supersession, source == Source::SelfReport);
    let as_of = count.as_of.clone().unwrap_or_else(|| rec.made.clone());
    let (estimate, unit) = match part.map(|p| &count.breakdown[p]) {
        Some(p) => (&p.estimate, Some(p.unit.clone())),
        None => (&count.estimate, None),
    };
    Reading {
        cite: rec.cite(),
        part_of_breakdown: unit,
        party: rec.party.clone(),
        source,
        estimate: estimate.clone(),
        range: estimate.range(&ev.interpretation),
        made: rec.made.clone(),
        as_of,
        count_status: count.status(),
        voice,
        origin: rec.origin.clone(),
        cited: !rec.cites.is_empty(),
        co_speakers: Shared::share(&rec.co_speakers),
        relay: Shared::share(&rec.relay),
        hedged: !rec.hedges.is_empty() || rec.speaker.is_none(),
        status: Status::Live,
        bearing: None,
        restates: None,
    }
}

/// Applies the policy's supersession, corrections and snapshot rule to one key's
/// readings and computes every summary (bounds and low / best / high are completed
/// after propagation). See DESIGN.md, "Running tolls". Sorting dominates: O(n log n).
pub(crate) fn figure(
    key: QuantityKey,
    mut readings: Vec<(Reading, usize)>,
    ev: &Evidence,
    retracted: &super::retraction::Retractions<'_>,
) -> Figure {
    let policy = ev.policy;
    let grows = ev.only_grows(&key.measure);
    readings.sort_by(|(a, _), (b, _)| {
        a.voice
            .cmp(&b.voice)
            .then(when(a).cmp(&when(b)))
            .then(a.cite.claim.cmp(&b.cite.claim))
            .then(a.part_of_breakdown.cmp(&b.part_of_breakdown))
    });

    // 1. Within a voice, a count is superseded by the voice's latest count when it comes
    //    before it; counts that cannot be ordered are all current.
    // One position per voice (readings are sorted by voice), allocated at its size: a
    // figure's lists are kept in the result, so room for four where one is usual costs
    // memory for as long as the reconciliation lives.
    let voices = readings
        .windows(2)
        .filter(|w| w[0].0.voice != w[1].0.voice)
        .count()
        + usize::from(!readings.is_empty());
    let mut positions: Vec<Position> = Vec::with_capacity(voices);
    // Per reading: the range of the previous word it restates, and that word's claim.
    // (By position: the restated word's first reading, whose status decides at the end.)
    let mut restating: Vec<Option<(CountRange, usize)>> = vec![None; readings.len()];
    let mut i = 0;
    while i < readings.len() {
        let mut j = i + 1;
        while j < readings.len() && readings[j].0.voice == readings[i].0.voice {
            j += 1;
        }
        // Sorted by time within the voice: the last is the latest; among equal windows,
        // the first by claim id names the superseder.
        let mut latest = j - 1;
        while latest > i && when(&readings[latest - 1].0) == when(&readings[j - 1].0) {
            latest -= 1;
        }
        // Only the window and the id of the latest are needed, not the whole reading.
        let (top_when, top_claim) = {
            let top = &readings[latest].0;
            (top.as_of.clone(), top.cite.claim.clone())
        };
        // The voice's previous word: the counts at the latest time before the top's.
        let mut prev = latest;
        while prev > i && when(&readings[prev - 1].0) == when(&readings[latest - 1].0) {
            prev -= 1;
        }
        // A top that only restates the previous word in vaguer words (every top count
        // bounded and strictly containing every previous one: "hundreds" after "300")
        // says what the previous word said: it bears as their meet.
        if policy.restatements_keep
            && prev < latest
            && before(policy.order, &readings[latest - 1].0.as_of, &top_when)
        {
            let said = readings[prev..latest]
                .iter()
                .try_fold(None::<CountRange>, |acc, (p, _)| match acc {
                    None => Some(Some(p.range)),
                    Some(m) => m.intersect(&p.range).map(Some),
                })
                .flatten();
            if let Some(said) = said
                && readings[latest..j].iter().all(|(t, _)| {
                    t.range.hi().is_some()
                        && readings[prev..latest]
                            .iter()
                            .all(|(p, _)| t.range != p.range && t.range.contains_range(&p.range))
                })
            {
                for slot in &mut restating[latest..j] {
                    *slot = Some((said, prev));
                }
            }
        }
        for (r, _) in &mut readings[i..j] {
            if before(policy.order, &r.as_of, &top_when) {
                r.status = Status::Superseded {
                    by: top_claim.clone(),
                };
            }
        }
        positions.push(Position {
            voice: readings[i].0.voice.clone(),
            speaker: readings[latest].0.cite.speaker.clone(),
            party: readings[latest].0.party.clone(),
            current: Vec::new(),
            history: readings[i..j]
                .iter()
                .map(|(r, _)| r.cite.claim.clone())
                .collect(),
        });
        i = j;
    }

    // 2. Explicit revisions: a statement naming an earlier one as revised replaces that
    //    statement's counts of this key, whoever gave them.
    let mut revised_by: HashMap<&StatementId, &ClaimId> = HashMap::new();
    for (r, idx) in &readings {
        for t in &ev.claims[*idx].revises {
            revised_by.entry(t).or_insert(&r.cite.claim);
        }
    }
    // Most keys have no revisions: nothing to look up then.
    if !revised_by.is_empty() {
        let corrections: Vec<Option<ClaimId>> = readings
            .iter()
            .map(|(r, _)| revised_by.get(&r.cite.statement).map(|c| (*c).clone()))
            .collect();
        for ((r, _), by) in readings.iter_mut().zip(corrections) {
            if let Some(by) = by {
                r.status = Status::Corrected { by };
            }
        }
    }

    // A count its own voice withdrew stands no more.
    if !retracted.is_empty() {
        for (r, _) in &mut readings {
            if let Some(d) = retracted.of(&r.cite.claim) {
                r.status = Status::Retracted {
                    by: d.claim.clone(),
                };
            }
        }
    }

    // Copies of one utterance carried by several outlets are one voice.
    if policy.relays_count_once {
        voices::mark_copies(&mut readings);
    }

    // 3. Snapshots give way: an outside count of a running toll is history once a later
    //    count of the key could be its continuation (at or above its floor). A later,
    //    lower count cannot continue it; they disagree instead.
    let snapshot = |r: &Reading| {
        (r.source == Source::ThirdParty || r.cite.speaker.is_none())
            && r.status.is_live()
            && !r.count_status.is_final()
    };
    // Only worth the searches when some count is a snapshot (most keys have none).
    if grows
        && policy.snapshots_give_way
        && readings.len() > 1
        && readings.iter().any(|(r, _)| snapshot(r))
    {
        let counted: Vec<&Reading> = readings
            .iter()
            .map(|(r, _)| r)
            .filter(|r| !matches!(r.status, Status::Corrected { .. }))
            .collect();
        let disputed = same_time_disagreement(&counted);
        // A repetition of what its origin had said before is no continuation.
        let fresh: Vec<bool> = repeats(&counted, &origin_ids(&counted), policy.order)
            .into_iter()
            .map(|r| !r)
            .collect();
        let successors = successors(&counted, policy.order, &fresh);
        let mut next: HashMap<&ClaimId, ClaimId> = HashMap::new();
        for (r, s) in counted.iter().zip(successors) {
            if let Some(s) = s {
                next.insert(&r.cite.claim, s.cite.claim.clone());
            }
        }
        // Nothing can be overtaken without a successor (a key with one count has none).
        if !next.is_empty() {
            let overtaken: Vec<Option<ClaimId>> = readings
                .iter()
                .map(|(r, _)| {
                    (snapshot(r) && !disputed.contains(&r.cite))
                        .then(|| next.get(&r.cite.claim).cloned())
                        .flatten()
                })
                .collect();
            for ((r, _), by) in readings.iter_mut().zip(overtaken) {
                if let Some(by) = by {
                    r.status = Status::Overtaken { by };
                }
            }
        }
    }

    // 4. What each live count says now: an earlier running count of a growing measure
    //    only its floor.
    let latest_live = readings
        .iter()
        .filter(|(r, _)| r.status.is_live())
        .max_by_key(|(r, _)| when(r))
        .map(|(r, _)| r.as_of.clone());
    // A voice's own earlier counts of a growing measure (not corrected) are floors on
    // its later ones: "at least 30" on the 10th after "40" on the 8th means 40 or more.
    let floors = own_floors(&readings, policy.order);
    // A live count that disagrees with a live count of another origin about the same
    // time was a position in a dispute, not a tally waiting to grow: it keeps its upper
    // bound, as rule 6 keeps such a snapshot live, so a later count does not hide the
    // dispute. (Organs of one party differing on one day are a tally, not a dispute.)
    let floored = |r: &Reading| {
        r.status.is_live()
            && !r.count_status.is_final()
            && latest_live
                .as_ref()
                .is_some_and(|l| before(policy.order, &r.as_of, l))
    };
    // And a count becomes a floor only when a later live count could continue it (at or
    // above its floor), the test rule 6 applies to snapshots: growth needs a sign. A
    // count that every later count undercuts stands as said (Georgia 2008: CAST's 6
    // aircraft of July 2009 is not made "6 or more" by Russia's 4 of August 2009).
    // Only worth the search when some count would be floored (most keys have none).
    // Per reading (by position): whether it may be floored at all.
    let may_floor: Vec<bool> =
        if grows && policy.running_floors && readings.iter().any(|(r, _)| floored(r)) {
            let live: Vec<&Reading> = readings
                .iter()
                .map(|(r, _)| r)
                .filter(|r| r.status.is_live())
                .collect();
            // Repetition is judged against everything the origin said (its superseded
            // counts too), not only what is live.
            let all: Vec<&Reading> = readings.iter().map(|(r, _)| r).collect();
            let all_origins = origin_ids(&all);
            let repeated = repeats(&all, &all_origins, policy.order);
            let (mut fresh, mut origins) = (Vec::new(), Vec::new());
            for (((r, _), rep), o) in readings.iter().zip(&repeated).zip(&all_origins) {
                if r.status.is_live() {
                    fresh.push(!rep);
                    origins.push(*o);
                }
            }
            // A count below what its own origin said, live, before it is that origin
            // disagreeing with itself (Russia's investigators' 162 South Ossetian dead
            // after its diplomats' "at least 2,000"): reading it as a floor would settle
            // the split for the earlier, higher claim.
            let fell: Vec<bool> = origin_floors(&live, &origins, policy.order)
                .into_iter()
                .zip(&live)
                .map(|(f, r)| f.is_some_and(|f| r.range.hi().is_some_and(|h| h < f)))
                .collect();
            let mut flags = continuable(&live, &origins, policy.order, &fresh)
                .into_iter()
                .zip(same_time_dispute(&live, &origins))
                .zip(fell)
                .map(|((continued, disputed), fell)| continued && !disputed && !fell);
            readings
                .iter()
                .map(|(r, _)| r.status.is_live() && flags.next().unwrap_or(false))
                .collect()
        } else {
            vec![false; readings.len()]
        };
    // A restatement says what the word it restates said, unless a statement has since
    // corrected that word: then the vaguer words are all that stands.
    let restating: Vec<Option<(CountRange, ClaimId)>> = restating
        .into_iter()
        .map(|x| {
            x.and_then(|(said, p)| {
                let word = &readings[p].0;
                (!matches!(word.status, Status::Corrected { .. }))
                    .then(|| (said, word.cite.claim.clone()))
            })
        })
        .collect();
    for ((((r, _), floor), may_floor), restated) in readings
        .iter_mut()
        .zip(floors)
        .zip(may_floor)
        .zip(restating)
    {
        if !r.status.is_live() {
            continue;
        }
        let said = match restated {
            Some((said, by)) => {
                r.restates = Some(by);
                said
            }
            None => r.range,
        };
        let earlier = latest_live
            .as_ref()
            .is_some_and(|l| before(policy.order, &r.as_of, l));
        let mut bearing =
            if grows && policy.running_floors && earlier && !r.count_status.is_final() && may_floor
            {
                CountRange::at_least(said.lo())
            } else {
                said
            };
        if grows && policy.running_floors {
            // A fall below the floor is a decrease (reported), not narrowed away.
            bearing = bearing
                .intersect(&CountRange::at_least(floor))
                .unwrap_or(bearing);
        }
        r.bearing = Some(bearing);
    }
    let mut k = 0;
    for p in &mut positions {
        let n = p.history.len();
        p.current = exact(
            readings[k..k + n]
                .iter()
                .filter(|(r, _)| r.status.is_live())
                .map(|(r, _)| r.cite.claim.clone()),
        );
        k += n;
    }

    let readings: Vec<Reading> = readings.into_iter().map(|(r, _)| r).collect();
    let live: Vec<CountRange> = readings.iter().filter_map(|r| r.bearing).collect();
    // Every key has at least one reading; one of them stays live unless every reading
    // was corrected, in which case the summaries are of nothing.
    let envelope = interval::envelope(&live).unwrap_or_default();
    // With nothing current (every count corrected or replaced by counts of other keys or
    // times), the key has no current figure: anything is possible, and nothing conflicts.
    let consensus = if live.is_empty() {
        Some(CountRange::UNKNOWN)
    } else {
        interval::consensus(&live)
    };
    let origins = voices::positions_by_origin(
        &readings,
        policy.anonymous_one_voice,
        policy.positions_as_said,
    );
    let admitted = voices::admitted_floor(
        &key.whose,
        &key.category,
        policy.civilians_against_interest,
        &readings,
    );
    let tolerance = |n: u64| ev.interpretation.tolerance(n);
    let (best_supported, tie) =
        voices::best_supported(&origins, admitted, &policy, &ev.weights, tolerance);
    let corroboration = voices::corroboration(&origins, consensus, tolerance);
    let outside = exact(
        readings
            .iter()
            .filter(|r| {
                r.bearing
                    .is_some_and(|b| !b.contains_range(&best_supported.range))
            })
            .map(|r| r.cite.clone()),
    );
    let mut f = Figure {
        key,
        readings,
        positions,
        envelope,
        consensus,
        best_supported,
        outside,
        bounds: consensus,
        low: 0,
        best: 0,
        high: None,
        corroboration,
        admitted: admitted.filter(|_| policy.against_interest),
        tie,
        conservative_by: Vec::new(),
        denied: Vec::new(),
        ceilings: Vec::new(),
        floors_in_sums: Vec::new(),
        raised_by_sums: None,
    };
    complete(&mut f, ev);
    f
}

/// Fills low / best / high. When the current counts agree, from the best-supported
/// interval narrowed by the bounds and raised to the party's admitted floor. When they
/// conflict, after UCDP: low is the lowest credible count (the party's own admission
/// when there is one, else the lowest floor any voice gives), high the highest ceiling
/// (unbounded when any voice's is), best the best-supported interval's median, clamped.
/// The median is of the supporting counts' numbers (`Estimate::central` under the
/// evidence's interpretation: a
/// vague word's centre), each inside the interval,
/// from the counts that bear in full (a running count reduced to its floor has no point
/// estimate left) unless none does. Names whose counts the low is.
pub(crate) fn complete(f: &mut Figure, ev: &Evidence) {
    let how = &ev.interpretation;
    let best = f.best_supported.range;
    let mut refined = f.bounds.and_then(|b| b.intersect(&best)).unwrap_or(best);
    if let Some(floor) = f.admitted
        && let Some(r) = refined.intersect(&CountRange::at_least(floor))
    {
        refined = r;
    }
    if f.consensus.is_none() {
        let positions = voices::positions_by_origin(
            &f.readings,
            ev.policy.anonymous_one_voice,
            ev.policy.positions_as_said,
        );
        let lowest = positions.iter().map(|p| p.range.lo()).min();
        let highest = positions
            .iter()
            .map(|p| p.range.hi())
            .try_fold(0u64, |acc, h| h.map(|h| acc.max(h)));
        let lo = f.admitted.or(lowest).unwrap_or(refined.lo());
        if let Ok(r) = CountRange::new(lo, highest.map(|h| h.max(lo))) {
            refined = r;
        }
    }
    // The best figure is the median of what the counts supporting the best-supported
    // interval say, each taken inside that interval. An earlier running count that now
    // bears only as its floor has no point estimate any more (its own was history):
    // its nominal counts only when no count bears in full.
    let inside = |n: u64| n.max(best.lo()).min(best.hi().unwrap_or(u64::MAX));
    let supporting = || {
        f.live()
            .filter(|r| r.bearing.is_some_and(|b| b.contains_range(&best)))
    };
    // A floor alone ("at least a dozen") says nothing of the values above it: its
    // nominal counts only when it lies inside the interval, never raised into it.
    let mut nominals: Vec<u64> = supporting()
        .filter(|r| r.bearing == Some(r.range))
        .filter(|r| r.range.hi().is_some() || best.contains(r.estimate.central(how)))
        .map(|r| inside(r.estimate.central(how)))
        .collect();
    if nominals.is_empty() {
        nominals = supporting()
            .map(|r| inside(r.estimate.central(how)))
            .collect();
    }
    let median = interval::lower_median(&mut nominals).unwrap_or(refined.lo());
    f.low = refined.lo();
    f.high = refined.hi();
    f.best = median
        .max(refined.lo())
        .min(refined.hi().unwrap_or(u64::MAX));
    let low = f.low;
    f.conservative_by = exact(
        f.readings
            .iter()
            .filter(|r| r.status.is_live() && r.bearing.is_some_and(|b| b.lo() == low))
            .map(|r| r.cite.clone()),
    );
}

/// Raises a figure whose counts entered the sums as their floors to the sums' low
/// (`Figure::raised_by_sums`): the low, and the best when below it; when the sums' low is
/// above the high, the high is the sums' high (the counts were outrun). Nothing changes
/// when the sums' low is not above the figure's.
pub(crate) fn raise(f: &mut Figure, sums: CountRange) {
    if sums.lo() <= f.low {
        return;
    }
    f.low = sums.lo();
    if f.high.is_some_and(|h| h < f.low) {
        f.high = sums.hi();
    }
    f.best = f.best.max(f.low);
    f.conservative_by.clear();
    f.raised_by_sums = Some(sums);
}

/// The items of a filtered iterator in a list allocated at its size: counted first (the
/// filters are cheap), where `collect` would start at room for four and grow.
fn exact<T>(items: impl Iterator<Item = T> + Clone) -> Vec<T> {
    let mut out = Vec::with_capacity(items.clone().count());
    out.extend(items);
    out
}

/// Marks the live counts of every figure that a claim of another origin denies: by name
/// (`Denial::denies`), or by describing the allegation (`Denial::allegation`) when the
/// description fits the count as it fits one in the denial discrepancy (a count, of its
/// measure when one is named, by the alleger's party when named, else by any party but
/// the denier's, said no later than the denial). A party denying the adversary's figure,
/// an NGO calling a figure doubtful. A denial by the count's own origin is a revision,
/// not a dispute, and is left to `revises`. Nothing is built when no claim is a denial;
/// otherwise linear in the claims plus, per live count, the allegation denials of its
/// event (the bound the denial discrepancy already has, which scans an event's claims
/// per such denial), and at most [`MATCHES_SHOWN`] denials are kept per count.
pub(crate) fn attach_denials(ev: &Evidence, figures: &mut [Figure]) {
    let mut by_name: HashMap<&ClaimId, Vec<&ClaimRecord>> = HashMap::new();
    let mut by_allegation: HashMap<&EventId, Vec<(&ClaimRecord, &Allegation)>> = HashMap::new();
    for rec in &ev.claims {
        match &rec.body {
            ClaimBody::Denial {
                denies: Some(d), ..
            } => by_name.entry(d).or_default().push(rec),
            // Words alone pair with nothing (as in the discrepancy).
            ClaimBody::Denial {
                denies: None,
                allegation: Some(a),
                ..
            } if a.by.is_some() || a.kind.is_some() => {
                by_allegation.entry(&rec.event).or_default().push((rec, a))
            }
            _ => {}
        }
    }
    if by_name.is_empty() && by_allegation.is_empty() {
        return;
    }
    // Who denies: the denier's own party. A statement that cites another takes that
    // statement's origin for the figures it relays, but its denial of them is its own
    // (Human Rights Watch citing the ministry's 471 in order to doubt it).
    let own = |d: &ClaimRecord, r: &Reading| match &d.party {
        Some(p) => r.origin == Origin::Party(p.clone()),
        None => r.origin == d.origin,
    };
    for f in figures {
        let alleged = by_allegation.get(&f.key.event);
        let mut denied: Vec<(ClaimId, Cite)> = Vec::new();
        for r in f.live() {
            // At most MATCHES_SHOWN denials are kept per count (one is enough to put it
            // in dispute; the list is for the reader), so a thousand denials of every
            // report cost no memory per count beyond that.
            let start = denied.len();
            if let Some(ds) = by_name.get(&r.cite.claim) {
                denied.extend(
                    ds.iter()
                        .filter(|d| !own(d, r))
                        .take(MATCHES_SHOWN)
                        .map(|d| (r.cite.claim.clone(), d.cite())),
                );
            }
            for (d, a) in alleged.into_iter().flatten() {
                if denied.len() - start >= MATCHES_SHOWN {
                    break;
                }
                let fits = a.kind.is_none_or(|k| k == ClaimKind::Count)
                    && a.measure.as_ref().is_none_or(|m| *m == f.key.measure)
                    && r.made.earliest() <= d.made.latest()
                    && match (a.by.as_ref().map(|b| ev.party_of(b)), &r.party) {
                        (Some(p), Some(q)) => p == q,
                        (Some(_), None) => false,
                        (None, q) => q.is_none() || *q != d.party,
                    };
                if fits && !own(d, r) {
                    denied.push((r.cite.claim.clone(), d.cite()));
                }
            }
        }
        denied.sort();
        denied.dedup();
        f.denied = denied;
    }
}
