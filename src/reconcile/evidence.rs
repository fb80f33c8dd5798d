//! The evidence a reconciliation is computed from: every live claim with its attribution,
//! the events' sides, and the mediators' records, in a canonical order.
//!
//! Evidence is the mergeable summary of the partition-merge law: the union of the
//! evidence of two disjoint sets of statements is the evidence of their union, so every
//! derived result can be recomputed from merged evidence.

use std::collections::BTreeMap;

use foldhash::HashMap;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::claim::{ClaimBody, Measure};
use crate::dossier::Dossier;
use crate::estimate::Interpretation;
use crate::id::{ActorId, ClaimId, EventId, StatementId};
use crate::measure::MeasureDef;
use crate::mediator::Mediator;
use crate::relay::Relay;
use crate::statement::{Form, Hedge, Statement};
use crate::when::TimeWindow;

use super::policy::{AsOfRule, Policy, Supersession};
use super::voices::VoiceWeights;

use super::shared::Shared;

/// One claim as the reconciliation sees it: what it says, and who said it, when, how.
///
/// ```
/// use contested::reconcile::Reconciler;
/// # use contested::{Actor, ActorKind, Dossier, Event, EventKind, Statement, Claim, ClaimBody, TimeWindow};
/// # let d = Dossier::builder()
/// #     .actor(Actor::new("a", "A", ActorKind::State))
/// #     .event(Event::new("e", "E", EventKind::Clash))
/// #     .statement(Statement::new("s", "a", TimeWindow::instant("2022-09-13T10:00:00Z".parse()?))
/// #         .claim(Claim::new("c", "e", ClaimBody::Responsibility { initiator: "a".into(), against: None, description: None })))
/// #     .build()?;
/// let r = Reconciler::new().reconcile(&d);
/// let rec = &r.evidence().claims()[0];
/// assert_eq!((rec.claim.as_str(), rec.party.as_ref().map(|p| p.as_str())), ("c", Some("a")));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct ClaimRecord {
    /// The claim.
    pub claim: ClaimId,
    /// The statement making it.
    pub statement: StatementId,
    /// The event it is about.
    pub event: EventId,
    /// Who said it (`None`: unattributed); for a joint statement, its first speaker.
    pub speaker: Option<ActorId>,
    /// A joint statement's other speakers (its statement's, shared).
    #[serde(default, skip_serializing_if = "is_empty")]
    pub co_speakers: Shared<Vec<ActorId>>,
    /// The speaker's party: the outermost actor it belongs to.
    pub party: Option<ActorId>,
    /// Who relayed it (its statement's relay graph, see [`crate::relay`]), stored once
    /// for all of the statement's claims.
    pub relay: Shared<Vec<Relay>>,
    /// When it was said.
    pub made: TimeWindow,
    /// How it reached the record.
    pub form: Form,
    /// Hedging words (its statement's, shared).
    pub hedges: Shared<Vec<Hedge>>,
    /// What it asserts.
    pub body: ClaimBody,
    /// The statements its statement revises (shared).
    #[serde(default, skip_serializing_if = "is_empty")]
    pub revises: Shared<Vec<StatementId>>,
    /// Where its figures come from, for independence (see [`Origin`]).
    pub origin: Origin,
    /// The statements its statement takes its figures from (shared).
    #[serde(default, skip_serializing_if = "is_empty")]
    pub cites: Shared<Vec<StatementId>>,
}

fn is_empty<T>(v: &Shared<Vec<T>>) -> bool {
    v.is_empty()
}

/// What a statement's claims share: stored once per statement.
struct StatementShared {
    co_speakers: Shared<Vec<ActorId>>,
    relay: Shared<Vec<Relay>>,
    hedges: Shared<Vec<Hedge>>,
    revises: Shared<Vec<StatementId>>,
    cites: Shared<Vec<StatementId>>,
    origin: Origin,
    party: Option<ActorId>,
}

/// One empty list of each kind, shared by every statement that has none (most have no
/// co-speakers, hedges, revisions or citations): a statement's lists are stored once
/// for its claims, and an empty one need not be stored once per statement either.
struct Empties {
    co_speakers: Shared<Vec<ActorId>>,
    relay: Shared<Vec<Relay>>,
    hedges: Shared<Vec<Hedge>>,
    revises: Shared<Vec<StatementId>>,
    cites: Shared<Vec<StatementId>>,
}

impl Empties {
    fn new() -> Self {
        Empties {
            co_speakers: Shared::new(Vec::new()),
            relay: Shared::new(Vec::new()),
            hedges: Shared::new(Vec::new()),
            revises: Shared::new(Vec::new()),
            cites: Shared::new(Vec::new()),
        }
    }
}

/// `list` stored for sharing, or the shared `empty` one when it is empty.
fn stored<T: Clone>(list: &[T], empty: &Shared<Vec<T>>) -> Shared<Vec<T>> {
    if list.is_empty() {
        Shared::share(empty)
    } else {
        Shared::new(list.to_vec())
    }
}

impl StatementShared {
    fn of(dossier: &Dossier, s: &Statement, origin: Origin, empty: &Empties) -> Self {
        StatementShared {
            co_speakers: stored(&s.co_speakers, &empty.co_speakers),
            relay: stored(&s.relay, &empty.relay),
            hedges: stored(&s.hedges, &empty.hedges),
            revises: stored(&s.revises, &empty.revises),
            cites: stored(&s.cites, &empty.cites),
            origin,
            party: s
                .speaker
                .as_ref()
                .and_then(|sp| dossier.party_of(sp))
                .map(|a| a.id.clone()),
        }
    }
}

impl Clone for ClaimRecord {
    /// A copy that shares the statement's relay chain, hedges and links.
    fn clone(&self) -> Self {
        ClaimRecord {
            claim: self.claim.clone(),
            statement: self.statement.clone(),
            event: self.event.clone(),
            speaker: self.speaker.clone(),
            co_speakers: Shared::share(&self.co_speakers),
            party: self.party.clone(),
            relay: Shared::share(&self.relay),
            made: self.made.clone(),
            form: self.form,
            hedges: Shared::share(&self.hedges),
            body: self.body.clone(),
            revises: Shared::share(&self.revises),
            origin: self.origin.clone(),
            cites: Shared::share(&self.cites),
        }
    }
}

impl ClaimRecord {
    fn new(s: &Statement, shared: &StatementShared, c: &crate::claim::Claim) -> Self {
        ClaimRecord {
            origin: shared.origin.clone(),
            claim: c.id.clone(),
            statement: s.id.clone(),
            event: c.event.clone(),
            speaker: s.speaker.clone(),
            co_speakers: Shared::share(&shared.co_speakers),
            party: shared.party.clone(),
            relay: Shared::share(&shared.relay),
            made: s.made.clone(),
            form: s.form,
            hedges: Shared::share(&shared.hedges),
            body: c.body.clone(),
            revises: Shared::share(&shared.revises),
            cites: Shared::share(&shared.cites),
        }
    }

    /// The voice of a claim under `rule`, given whether it counts the speaker's own
    /// party's people.
    pub(crate) fn voice_under(&self, rule: Supersession, own: bool) -> Voice {
        match (&self.speaker, &self.party) {
            (None, _) => Voice::Unattributed(self.statement.clone()),
            (Some(_), Some(p))
                if rule == Supersession::Party
                    || (rule == Supersession::PartyForOwnLosses && own) =>
            {
                Voice::Party(p.clone())
            }
            (Some(s), _) => Voice::Speaker(s.clone()),
        }
    }

    /// Who the claim is attributed to for supersession: the speaker, or for an
    /// unattributed claim its own statement (unattributed claims never supersede each
    /// other).
    pub(crate) fn voice(&self) -> (&str, &str) {
        match &self.speaker {
            Some(s) => ("speaker", s.as_str()),
            None => ("statement", self.statement.as_str()),
        }
    }

    /// The order of statements in time: earliest start, then latest end.
    pub(crate) fn made_key(&self) -> MadeKey {
        (self.made.earliest(), self.made.latest())
    }

    /// A citation of this claim.
    pub fn cite(&self) -> Cite {
        Cite {
            claim: self.claim.clone(),
            statement: self.statement.clone(),
            speaker: self.speaker.clone(),
        }
    }
}

/// The time a statement was made, for ordering: earliest start, then latest end.
pub(crate) type MadeKey = (DateTime<FixedOffset>, DateTime<FixedOffset>);

/// The supersession rule, in one place: sorts `items` by voice, then by when their
/// statement was made, then by `tie`, and returns each voice's run with the time of its
/// latest statement. Items of a run made at that time are live; the rest are superseded.
pub(crate) fn voices<'e, T>(
    items: &mut [T],
    rec: impl Fn(&T) -> &'e ClaimRecord,
    tie: impl Fn(&T, &T) -> std::cmp::Ordering,
) -> Vec<(std::ops::Range<usize>, MadeKey)> {
    items.sort_by(|a, b| {
        let (ra, rb) = (rec(a), rec(b));
        ra.voice()
            .cmp(&rb.voice())
            .then(ra.made_key().cmp(&rb.made_key()))
            .then_with(|| tie(a, b))
    });
    let mut runs = Vec::new();
    let mut i = 0;
    while i < items.len() {
        let voice = rec(&items[i]).voice();
        let mut j = i + 1;
        while j < items.len() && rec(&items[j]).voice() == voice {
            j += 1;
        }
        runs.push((i..j, rec(&items[j - 1]).made_key()));
        i = j;
    }
    runs
}

/// Whose later counts supersede a count: a speaker, a whole party, or (for an
/// unattributed report, which nothing supersedes) its own statement.
///
/// ```
/// use contested::reconcile::Voice;
///
/// assert_eq!(Voice::Party("georgia".into()).to_string(), "party georgia");
/// assert_ne!(Voice::Speaker("x".into()), Voice::Unattributed("x".into()));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Voice {
    /// A named speaker.
    Speaker(ActorId),
    /// Every organ of a party.
    Party(ActorId),
    /// The statement of an unattributed claim.
    Unattributed(StatementId),
}

impl std::fmt::Display for Voice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Voice::Speaker(a) => write!(f, "{a}"),
            Voice::Party(p) => write!(f, "party {p}"),
            Voice::Unattributed(s) => write!(f, "unattributed ({s})"),
        }
    }
}

/// Where a statement's figures come from, for counting independent support: the party
/// of its speaker (organs of one party are one voice: they share its interest and often
/// its sources), or for an unattributed report the party of the first outlet that
/// carried it, or failing that the statement itself. A statement that cites another
/// ([`Statement::cites`](crate::Statement::cites)) has that statement's origin: copying
/// is not corroboration (Iraq Body Count's two-source rule).
///
/// ```
/// use contested::reconcile::Origin;
///
/// assert_eq!(Origin::Party("hrw".into()).to_string(), "hrw");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Origin {
    /// A party or an outlet (the outermost actor).
    Party(ActorId),
    /// An unattributed statement that names no outlet.
    Statement(StatementId),
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Origin::Party(a) => write!(f, "{a}"),
            Origin::Statement(s) => write!(f, "statement {s}"),
        }
    }
}

impl Origin {
    /// The origin of every statement, following first citations back. Each statement's
    /// chain is walked only as far as a statement whose origin is already known, so the
    /// whole is linear in statements: a chain of 20,000 citations took 9 s when each
    /// statement walked it to its start. Links never cycle in a validated dossier; a walk
    /// that meets its own path stops there anyway.
    fn all(dossier: &Dossier) -> Vec<Origin> {
        let statements = dossier.statements();
        let index: HashMap<&StatementId, usize> = statements
            .iter()
            .enumerate()
            .map(|(i, s)| (&s.id, i))
            .collect();
        let next = |i: usize| {
            statements[i]
                .cites
                .first()
                .and_then(|id| index.get(id).copied())
        };
        let mut origin: Vec<Option<Origin>> = vec![None; statements.len()];
        let mut on_path = vec![false; statements.len()];
        let mut path = Vec::new();
        for start in 0..statements.len() {
            let mut cur = start;
            let found = loop {
                if let Some(o) = &origin[cur] {
                    break o.clone();
                }
                path.push(cur);
                on_path[cur] = true;
                match next(cur) {
                    Some(n) if !on_path[n] => cur = n,
                    _ => break Origin::own(dossier, &statements[cur]),
                }
            };
            for &p in &path {
                on_path[p] = false;
                origin[p] = Some(found.clone());
            }
            path.clear();
        }
        origin
            .into_iter()
            .zip(statements)
            .map(|(o, s)| o.unwrap_or_else(|| Origin::own(dossier, s)))
            .collect()
    }

    /// The origin of a statement that cites nothing: its speaker's party, else its first
    /// outlet's, else itself.
    fn own(dossier: &Dossier, s: &Statement) -> Origin {
        let party = |a: &ActorId| {
            dossier
                .party_of(a)
                .map_or_else(|| a.clone(), |p| p.id.clone())
        };
        // Parallel outlets of the origin carried one report: the first of them stands
        // for it, so they count once.
        match (&s.speaker, crate::relay::first_carriers(&s.relay).next()) {
            (Some(sp), _) => Origin::Party(party(sp)),
            (None, Some(outlet)) => Origin::Party(party(outlet)),
            (None, None) => Origin::Statement(s.id.clone()),
        }
    }
}

/// A reference to the claim and statement behind a finding.
///
/// ```
/// use contested::reconcile::Cite;
///
/// let c = Cite::new("am-killed", "am-1", Some("armenia".into()));
/// assert_eq!(c.to_string(), "am-killed (statement am-1 by armenia)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Cite {
    /// The claim.
    pub claim: ClaimId,
    /// The statement making it.
    pub statement: StatementId,
    /// Who said it.
    pub speaker: Option<ActorId>,
}

impl Cite {
    /// The claim `claim` of statement `statement`, said by `speaker` (`None`:
    /// unattributed).
    ///
    /// ```
    /// # use contested::reconcile::Cite;
    /// assert_eq!(Cite::new("c", "s", None).to_string(), "c (statement s, unattributed)");
    /// ```
    pub fn new(
        claim: impl Into<ClaimId>,
        statement: impl Into<StatementId>,
        speaker: Option<ActorId>,
    ) -> Self {
        Cite {
            claim: claim.into(),
            statement: statement.into(),
            speaker,
        }
    }
}

impl std::fmt::Display for Cite {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.speaker {
            Some(s) => write!(f, "{} (statement {} by {s})", self.claim, self.statement),
            None => write!(
                f,
                "{} (statement {}, unattributed)",
                self.claim, self.statement
            ),
        }
    }
}

/// What the reconciliation needs to know of an event.
///
/// ```
/// # use contested::reconcile::EventInfo;
/// let e = EventInfo::new("Border clashes", vec!["armenia".into()]);
/// assert_eq!(e.sides.len(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct EventInfo {
    /// Its name.
    pub name: String,
    /// Its disputants.
    pub sides: Vec<ActorId>,
    /// Its coalitions, each as the set of its members' parties.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub coalitions: Vec<Vec<ActorId>>,
    /// When it had ended at the latest (the end of its time window), if known: counts
    /// made long after it are settled ([`Policy::settles_after`](super::Policy::settles_after)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ended: Option<DateTime<FixedOffset>>,
}

impl EventInfo {
    /// An event named `name` with disputants `sides`.
    ///
    /// ```
    /// # use contested::reconcile::EventInfo;
    /// assert!(EventInfo::new("Border clashes", vec![]).sides.is_empty());
    /// ```
    pub fn new(name: impl Into<String>, sides: Vec<ActorId>) -> Self {
        EventInfo {
            name: name.into(),
            sides,
            coalitions: Vec::new(),
            ended: None,
        }
    }
}

/// The canonical, mergeable input of a reconciliation. See the [module docs](self).
///
/// ```
/// use contested::{Dossier, reconcile::Reconciler};
///
/// let r = Reconciler::new().reconcile(&Dossier::default());
/// assert!(r.evidence().claims().is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Evidence {
    /// Statements made after this time were left out (`null`: none were).
    pub(crate) as_of: Option<DateTime<FixedOffset>>,
    /// How estimate phrases were read as ranges.
    pub(crate) interpretation: Interpretation,
    /// The reconciliation rules in force.
    pub(crate) policy: Policy,
    /// Per-voice weights, when any were given.
    #[serde(default, skip_serializing_if = "VoiceWeights::is_empty")]
    pub(crate) weights: VoiceWeights,
    /// What the reconciliation knows of each event, by id.
    pub(crate) events: BTreeMap<EventId, EventInfo>,
    /// Each actor's party, for grouping accounts by party.
    pub(crate) parties: BTreeMap<ActorId, ActorId>,
    /// Each office that names the person holding it, with its label (the office and the
    /// holder, "U.N. Secretary-General (Antonio Guterres)"), for naming speakers.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub(crate) offices: BTreeMap<ActorId, String>,
    /// One record per claim counted.
    pub(crate) claims: Vec<ClaimRecord>,
    /// The dossier's mediators.
    pub(crate) mediators: Vec<Mediator>,
    /// The statements the mediators' appeals were made in, by id.
    pub(crate) appeal_statements: BTreeMap<StatementId, AppealStatement>,
    /// The measures the dossier defines: what they are the sums of and whether they only
    /// grow, for counts of them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) measures: Vec<MeasureDef>,
}

/// Who made an appeal, when, through whom: the parts of its statement a mediator summary
/// shows.
///
/// ```
/// # use contested::reconcile::AppealStatement;
/// # use contested::TimeWindow;
/// let a = AppealStatement::new(Some("russia-mfa".into()), vec![], TimeWindow::instant("2022-09-13T10:00:00Z".parse()?), None);
/// assert!(a.relay.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct AppealStatement {
    /// Who said it.
    pub speaker: Option<ActorId>,
    /// Who relayed it (see [`crate::relay`]).
    pub relay: Vec<Relay>,
    /// When.
    pub made: TimeWindow,
    /// The words, where quoted.
    pub quote: Option<String>,
}

impl AppealStatement {
    /// An appeal made by `speaker`, relayed by `relay`, at `made`, in the words `quote`.
    ///
    /// ```
    /// # use contested::reconcile::AppealStatement;
    /// # use contested::TimeWindow;
    /// let a = AppealStatement::new(None, vec![], TimeWindow::day(2022, 9, 13)?, Some("calm".into()));
    /// assert_eq!(a.quote.as_deref(), Some("calm"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        speaker: Option<ActorId>,
        relay: Vec<Relay>,
        made: TimeWindow,
        quote: Option<String>,
    ) -> Self {
        AppealStatement {
            speaker,
            relay,
            made,
            quote,
        }
    }
}

impl Evidence {
    pub(crate) fn gather(
        dossier: &Dossier,
        as_of: Option<DateTime<FixedOffset>>,
        interpretation: Interpretation,
        policy: Policy,
    ) -> Self {
        let live = |s: &Statement| {
            as_of.is_none_or(|t| match policy.as_of {
                AsOfRule::MayHaveBeenMade => s.made_by(t),
                AsOfRule::CertainlyMade => s.certainly_made_by(t),
            })
        };
        let events = dossier
            .events()
            .iter()
            .map(|e| {
                let party = |a: &ActorId| {
                    dossier
                        .party_of(a)
                        .map_or_else(|| a.clone(), |p| p.id.clone())
                };
                let info = EventInfo {
                    name: e.name.clone(),
                    sides: e.sides.clone(),
                    coalitions: e
                        .coalitions
                        .iter()
                        .map(|c| c.iter().map(party).collect())
                        .collect(),
                    ended: e.when.as_ref().map(TimeWindow::latest),
                };
                (e.id.clone(), info)
            })
            .collect();
        // The records are made in claim-id order, their canonical order (`normalize`),
        // from a list of (id, statement, claim) put in that order first: sorting the
        // records themselves (nearly 500 bytes each) moved every one of them a few times
        // and took a scratch buffer half their size (a quarter of a gigabyte at 10^6
        // claims). The sort is stable, so of two claims with one id the first in the
        // dossier comes first, as before.
        let origins = Origin::all(dossier);
        let empty = Empties::new();
        let statements = dossier.statements();
        let shared: Vec<Option<StatementShared>> = statements
            .iter()
            .zip(origins)
            .map(|(s, origin)| live(s).then(|| StatementShared::of(dossier, s, origin, &empty)))
            .collect();
        // Each id's first eight bytes ride along as a number (big-endian, zero-padded),
        // which orders as the bytes do: most comparisons end there, without following
        // the two references into the dossier (a cache miss each at 10^6 claims); ties
        // compare the ids themselves, so the order is the ids' own.
        let prefix = |id: &ClaimId| {
            let mut b = [0u8; 8];
            let s = id.as_str().as_bytes();
            let n = s.len().min(8);
            b[..n].copy_from_slice(&s[..n]);
            u64::from_be_bytes(b)
        };
        let mut order: Vec<(u64, &ClaimId, usize, usize)> = statements
            .iter()
            .enumerate()
            .filter(|(i, _)| shared[*i].is_some())
            .flat_map(|(i, s)| {
                s.claims
                    .iter()
                    .enumerate()
                    .map(move |(j, c)| (prefix(&c.id), &c.id, i, j))
            })
            .collect();
        order.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)));
        order.dedup_by(|a, b| a.1 == b.1);
        let mut claims: Vec<ClaimRecord> = Vec::with_capacity(order.len());
        for &(_, _, i, j) in &order {
            let s = &statements[i];
            if let Some(shared) = &shared[i] {
                claims.push(ClaimRecord::new(s, shared, &s.claims[j]));
            }
        }
        drop(order);
        drop(shared);
        let mut appeal_statements = BTreeMap::new();
        let mediators = dossier
            .mediators()
            .iter()
            .map(|m| {
                let mut m = m.clone();
                m.appeals.retain(|a| {
                    let Some(s) = dossier.statement(&a.statement) else {
                        return false;
                    };
                    if !live(s) {
                        return false;
                    }
                    appeal_statements.insert(
                        s.id.clone(),
                        AppealStatement {
                            speaker: s.speaker.clone(),
                            relay: s.relay.clone(),
                            made: s.made.clone(),
                            quote: s.quote.clone(),
                        },
                    );
                    true
                });
                m
            })
            .collect();
        let parties = dossier
            .actors()
            .iter()
            .filter_map(|a| Some((a.id.clone(), dossier.party_of(&a.id)?.id.clone())))
            .collect();
        let offices = dossier
            .actors()
            .iter()
            .filter(|a| a.holder.is_some())
            .map(|a| (a.id.clone(), a.label()))
            .collect();
        let mut ev = Evidence {
            as_of,
            interpretation,
            policy,
            weights: VoiceWeights::new(),
            parties,
            offices,
            events,
            claims,
            mediators,
            appeal_statements,
            measures: dossier.measures().to_vec(),
        };
        ev.normalize();
        ev
    }

    /// Sorts everything into canonical order and removes exact duplicates.
    fn normalize(&mut self) {
        // Already in order when just gathered: a sort would still take its scratch.
        if !self.claims.is_sorted_by(|a, b| a.claim <= b.claim) {
            self.claims.sort_by(|a, b| a.claim.cmp(&b.claim));
        }
        self.claims.dedup_by(|a, b| a.claim == b.claim);
        self.mediators.sort_by(|a, b| a.actor.cmp(&b.actor));
        let mut merged: Vec<Mediator> = Vec::with_capacity(self.mediators.len());
        for m in self.mediators.drain(..) {
            match merged.last_mut() {
                Some(last) if last.actor == m.actor => {
                    for a in m.appeals {
                        if !last.appeals.contains(&a) {
                            last.appeals.push(a);
                        }
                    }
                }
                _ => merged.push(m),
            }
        }
        for m in &mut merged {
            m.appeals.sort_by(|a, b| a.statement.cmp(&b.statement));
        }
        self.mediators = merged;
        self.measures.sort_by(|a, b| a.name.cmp(&b.name));
        self.measures.dedup_by(|a, b| a.name == b.name);
    }

    /// The union of two bodies of evidence about disjoint sets of statements. The
    /// as-of time and interpretation are `self`'s.
    pub(crate) fn merge(&self, other: &Evidence) -> Evidence {
        let mut ev = self.clone();
        for (id, info) in &other.events {
            ev.events.entry(id.clone()).or_insert_with(|| info.clone());
        }
        for (a, p) in &other.parties {
            ev.parties.entry(a.clone()).or_insert_with(|| p.clone());
        }
        for (a, l) in &other.offices {
            ev.offices.entry(a.clone()).or_insert_with(|| l.clone());
        }
        for m in &other.measures {
            if !ev.measures.iter().any(|x| x.name == m.name) {
                ev.measures.push(m.clone());
            }
        }
        ev.claims.extend(other.claims.iter().cloned());
        ev.mediators.extend(other.mediators.iter().cloned());
        for (id, s) in &other.appeal_statements {
            ev.appeal_statements
                .entry(id.clone())
                .or_insert_with(|| s.clone());
        }
        ev.normalize();
        ev
    }

    /// Every live claim, ordered by claim id.
    pub fn claims(&self) -> &[ClaimRecord] {
        &self.claims
    }

    /// The as-of time, if one was set.
    pub fn as_of(&self) -> Option<DateTime<FixedOffset>> {
        self.as_of
    }

    /// The party of an actor (itself when it nests in nothing; itself when unknown).
    pub fn party_of<'a>(&'a self, actor: &'a ActorId) -> &'a ActorId {
        self.parties.get(actor).unwrap_or(actor)
    }

    /// An office's label with the person holding it ("U.N. Secretary-General (Antonio
    /// Guterres)"), for an actor that names its holder ([`Actor::holder`](crate::Actor::holder)).
    ///
    /// ```
    /// use contested::{Actor, ActorKind, Dossier};
    /// use contested::reconcile::Reconciler;
    ///
    /// let d = Dossier::builder()
    ///     .actor(Actor::new("un-sg", "U.N. Secretary-General", ActorKind::Person).held_by("Antonio Guterres"))
    ///     .build()?;
    /// let r = Reconciler::new().reconcile(&d);
    /// assert_eq!(r.evidence().office(&"un-sg".into()), Some("U.N. Secretary-General (Antonio Guterres)"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn office(&self, actor: &ActorId) -> Option<&str> {
        self.offices.get(actor).map(String::as_str)
    }

    /// The measures the dossier defines, ordered by name (see [`crate::measure`]).
    ///
    /// ```
    /// use contested::{Dossier, MeasureDef};
    /// use contested::reconcile::Reconciler;
    ///
    /// let d = Dossier::builder().measure(MeasureDef::new("handed_over").growing(true)).build()?;
    /// let r = Reconciler::new().reconcile(&d);
    /// assert!(r.evidence().measures()[0].only_grows);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn measures(&self) -> &[MeasureDef] {
        &self.measures
    }

    /// Whether counts of `measure` only grow ([`crate::measure::only_grows`] with the
    /// dossier's definitions).
    pub(crate) fn only_grows(&self, measure: &Measure) -> bool {
        crate::measure::only_grows(&self.measures, measure)
    }

    /// The per-voice weights the best-supported intervals were found with (empty: none).
    pub fn voice_weights(&self) -> &VoiceWeights {
        &self.weights
    }

    /// The policy counts were read under.
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// The interpretation estimates were read under.
    pub fn interpretation(&self) -> &Interpretation {
        &self.interpretation
    }

    /// The events, by id.
    pub fn events(&self) -> &BTreeMap<EventId, EventInfo> {
        &self.events
    }

    /// The mediators, by actor, with only the appeals live as of the as-of time.
    pub fn mediators(&self) -> &[Mediator] {
        &self.mediators
    }

    /// Who made each live appeal.
    pub fn appeal_statements(&self) -> &BTreeMap<StatementId, AppealStatement> {
        &self.appeal_statements
    }
}
