//! Discrepancies: typed disagreements between claims, each citing the statements behind it.

use std::collections::BTreeMap;

use foldhash::{HashMap, HashMapExt};
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::claim::{Allegation, Boundary, ClaimBody};
use crate::id::{ActorId, ClaimId, EventId};
use crate::range::CountRange;
use crate::reconcile::evidence::{Cite, ClaimRecord, Evidence, MadeKey, Origin, voices};
use crate::reconcile::figure::{Figure, QuantityKey, Reading};
use crate::reconcile::propagate::{Constraint, Contradiction};
use crate::reconcile::shared::Shared;
use crate::relay::Relay;

pub use super::timing::{TimedCite, TimingGroup, TimingSummary};

/// One account in a responsibility or credit dispute: a party named (through itself or
/// one of its organs or units), and the claims naming it.
///
/// ```
/// use contested::reconcile::Account;
///
/// let a = Account::new("azerbaijan", vec![]);
/// assert_eq!(a.actor.as_str(), "azerbaijan");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Account {
    /// The party named (as initiator, or as broker).
    pub actor: ActorId,
    /// The claims naming it.
    pub claims: Vec<Cite>,
}

impl Account {
    /// The account of `actor` given by `claims`.
    ///
    /// ```
    /// # use contested::reconcile::{Account, Cite};
    /// let a = Account::new("armenia", vec![Cite::new("c", "s", None)]);
    /// assert_eq!(a.claims.len(), 1);
    /// ```
    pub fn new(actor: impl Into<ActorId>, claims: Vec<Cite>) -> Self {
        Account {
            actor: actor.into(),
            claims,
        }
    }
}

/// One of the positions a voice at odds with itself holds at once
/// ([`Discrepancy::SplitVoice`]): the range, and the current counts behind it.
///
/// ```
/// use contested::reconcile::{Cite, SplitPosition};
/// # use contested::CountRange;
/// let p = SplitPosition::new(CountRange::exact(162), vec![Cite::new("G29-killed", "G29", None)]);
/// assert_eq!(p.claims.len(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct SplitPosition {
    /// What the counts behind it have in common.
    pub range: CountRange,
    /// The current counts behind it.
    pub claims: Vec<Cite>,
}

impl SplitPosition {
    /// The position `range`, held by the counts `claims`.
    pub fn new(range: CountRange, claims: Vec<Cite>) -> Self {
        SplitPosition { range, claims }
    }
}

/// One version of a figure as relayed by one set of outlets.
///
/// ```
/// use contested::reconcile::Version;
/// # use contested::CountRange;
/// let v = Version::new(contested::reconcile::Cite::new("c", "s", None), vec![], "50", CountRange::exact(50));
/// assert_eq!(v.words, "50");
/// ```
#[derive(Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Version {
    /// The claim.
    pub cite: Cite,
    /// The outlets that relayed it (its statement's relays, shared).
    pub relay: Shared<Vec<Relay>>,
    /// The words relayed.
    pub words: String,
    /// The range they stand for.
    pub range: CountRange,
}

impl Version {
    /// The version `cite` relayed through `relay` as `words`, standing for `range`.
    ///
    /// ```
    /// # use contested::reconcile::{Cite, Version};
    /// # use contested::{CountRange, Relay};
    /// let v = Version::new(Cite::new("c", "s", None), vec![Relay::new("agencies")], "about 50", CountRange::new(45, Some(55))?);
    /// assert_eq!(v.relay.len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(cite: Cite, relay: Vec<Relay>, words: impl Into<String>, range: CountRange) -> Self {
        Version {
            cite,
            relay: relay.into(),
            words: words.into(),
            range,
        }
    }
}

impl Clone for Version {
    /// A copy that shares the relays.
    fn clone(&self) -> Self {
        Version {
            cite: self.cite.clone(),
            relay: Shared::share(&self.relay),
            words: self.words.clone(),
            range: self.range,
        }
    }
}

/// A disagreement between claims.
///
/// ```
/// use contested::reconcile::Discrepancy;
///
/// fn kind(d: &Discrepancy) -> &'static str { d.kind_name() }
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Discrepancy {
    /// The live figures on a key have no count in common.
    NumericConflict {
        /// The key.
        key: QuantityKey,
        /// Every live claim on it.
        claims: Vec<Cite>,
        /// The interval most claims agree on.
        best_supported: CountRange,
        /// The claims outside that interval.
        outside: Vec<Cite>,
    },
    /// Figures linked by part-whole sums cannot all hold.
    PartWholeConflict {
        /// The sums involved.
        constraints: Vec<Constraint>,
        /// A minimal set of claims that cannot all hold: removing any one restores
        /// consistency.
        claims: Vec<Cite>,
    },
    /// A voice's count of a whole leaves no room for other voices' counts of one of its
    /// parts: "no casualties" against "more than 300 militants killed" (see
    /// [`Ceiling`](super::Ceiling)).
    CeilingConflict {
        /// The part's key.
        key: QuantityKey,
        /// The count of the whole, and the part's counts above it.
        ceiling: super::Ceiling,
    },
    /// Different parties are named as having started it (Airwars: "contested"), by
    /// different voices. Accounts are by party: an organ or unit counts for its party.
    ResponsibilityConflict {
        /// The event.
        event: EventId,
        /// Each actor named, with who named it.
        accounts: Vec<Account>,
    },
    /// A claim denies another, or an allegation the dossier may not record.
    Denial {
        /// The event.
        event: EventId,
        /// The denying claim.
        by: Cite,
        /// The claim denied, when the denial names one.
        denies: Option<ClaimId>,
        /// The denied claim's citation, when it is in the evidence.
        denied: Option<Cite>,
        /// The allegation denied, as the denial describes it.
        allegation: Option<Allegation>,
        /// For an allegation with no claim named: the live claims of the event that fit
        /// its description (of its kind and measure; made by the alleger's party when it
        /// is named, else by any party but the denier's; said no later than the denial;
        /// none when it names neither alleger nor kind), at most
        /// [`MATCHES_SHOWN`] of them. Empty: a denial with nothing to pair.
        matches: Vec<Cite>,
        /// How many claims fit, all told (more than `matches` holds when over the cap).
        matching: usize,
    },
    /// Claimed windows for the same end of an event do not overlap.
    ///
    /// The claims are summarised as the fewest groups whose windows share a moment
    /// (see [`TimingGroup`]), so the finding grows with the number of claims, not with
    /// the number of disjoint pairs. Every disjoint pair is available on request from
    /// [`TimingSummary::disjoint_pairs`].
    TimingConflict {
        /// The event.
        event: EventId,
        /// Which end.
        boundary: Boundary,
        /// The live claims split into groups that each share a moment, in time order;
        /// at least two.
        groups: Vec<TimingGroup>,
    },
    /// Different parties are credited with brokering the same agreement, by different
    /// voices (one statement crediting two mediators is joint credit, not a conflict).
    MediationCreditConflict {
        /// The agreement.
        event: EventId,
        /// Each actor credited, with who credited it.
        accounts: Vec<Account>,
    },
    /// A count of a measure that only grows is lower than an earlier count of the same
    /// key, and no statement says it corrects it ("at least 500", then 471). Reported
    /// when at least one of the two no longer stands (two current positions that
    /// cannot both hold are a [`NumericConflict`](Discrepancy::NumericConflict)).
    Decrease {
        /// The key.
        key: QuantityKey,
        /// The earlier count.
        earlier: Cite,
        /// Its range.
        earlier_range: CountRange,
        /// The later, lower count.
        later: Cite,
        /// Its range.
        later_range: CountRange,
        /// Whether both are of one voice (a revision down without a stated correction)
        /// rather than of two (a later count below another's earlier floor).
        same_voice: bool,
    },
    /// A relative claim ("more than double ours") cannot hold with the figures of the
    /// two quantities it relates (DESIGN.md, "Relative claims").
    RelativeConflict {
        /// The relative claim.
        claim: Cite,
        /// Its ratio.
        ratio: crate::relative::Ratio,
        /// The quantity it states.
        subject: QuantityKey,
        /// What the figures give it (`0..` when nothing counts it).
        subject_range: CountRange,
        /// The quantity it is compared with.
        reference: QuantityKey,
        /// What the figures give that.
        reference_range: CountRange,
        /// The current claims behind both ranges, by claim id.
        behind: Vec<Cite>,
    },
    /// One independent voice holds several positions on a key at once: its current
    /// counts have no value in common (an intra-party split: Russia's investigators'
    /// 162 South Ossetian dead beside its diplomats' "at least 2,000"). Found when
    /// [`Policy::positions_as_said`](super::Policy::positions_as_said) is on.
    SplitVoice {
        /// The key.
        key: QuantityKey,
        /// The voice.
        origin: Origin,
        /// Its positions, lowest first, each with the current counts behind it.
        positions: Vec<SplitPosition>,
    },
    /// A statement that takes its figures from another (`cites`) gives one of them as a
    /// count of another measure: the cited statement counts `measure` with that figure
    /// and nothing of the relay's measure for those people ("35 dead and injured" for a
    /// report of 35 dead): the label is the relay's, not the origin's, and the relayed
    /// count is set aside from its figure ([`Policy::relabels_set_aside`](super::Policy::relabels_set_aside);
    /// DESIGN.md, "Relays and channels").
    RelabeledRelay {
        /// The key the relay gives the figure.
        key: QuantityKey,
        /// The relay's count.
        claim: Cite,
        /// The count of the cited statement it takes its figure from.
        cited: Cite,
        /// What the cited statement counts.
        measure: crate::claim::Measure,
        /// The figure, as a range.
        range: CountRange,
    },
    /// One speaker's figure, said at one time, relayed differently by different outlets.
    ReportingVariance {
        /// The key.
        key: QuantityKey,
        /// The speaker.
        speaker: ActorId,
        /// The versions relayed.
        versions: Vec<Version>,
    },
}

impl Discrepancy {
    /// The snake-case name of the kind, as in JSON's `kind`.
    ///
    /// ```
    /// # use contested::reconcile::Discrepancy;
    /// let d = Discrepancy::ResponsibilityConflict { event: "e".into(), accounts: vec![] };
    /// assert_eq!(d.kind_name(), "responsibility_conflict");
    /// ```
    pub fn kind_name(&self) -> &'static str {
        match self {
            Discrepancy::NumericConflict { .. } => "numeric_conflict",
            Discrepancy::PartWholeConflict { .. } => "part_whole_conflict",
            Discrepancy::CeilingConflict { .. } => "ceiling_conflict",
            Discrepancy::ResponsibilityConflict { .. } => "responsibility_conflict",
            Discrepancy::Denial { .. } => "denial",
            Discrepancy::TimingConflict { .. } => "timing_conflict",
            Discrepancy::MediationCreditConflict { .. } => "mediation_credit_conflict",
            Discrepancy::ReportingVariance { .. } => "reporting_variance",
            Discrepancy::RelabeledRelay { .. } => "relabeled_relay",
            Discrepancy::Decrease { .. } => "decrease",
            Discrepancy::RelativeConflict { .. } => "relative_conflict",
            Discrepancy::SplitVoice { .. } => "split_voice",
        }
    }

    /// Every claim the discrepancy cites.
    ///
    /// ```
    /// # use contested::reconcile::Discrepancy;
    /// let d = Discrepancy::ResponsibilityConflict { event: "e".into(), accounts: vec![] };
    /// assert!(d.cites().is_empty());
    /// ```
    pub fn cites(&self) -> Vec<&Cite> {
        match self {
            Discrepancy::NumericConflict { claims, .. }
            | Discrepancy::PartWholeConflict { claims, .. } => claims.iter().collect(),
            Discrepancy::CeilingConflict { ceiling, .. } => {
                std::iter::once(&ceiling.by).chain(&ceiling.above).collect()
            }
            Discrepancy::ResponsibilityConflict { accounts, .. }
            | Discrepancy::MediationCreditConflict { accounts, .. } => {
                accounts.iter().flat_map(|a| &a.claims).collect()
            }
            Discrepancy::Denial {
                by,
                denied,
                matches,
                ..
            } => std::iter::once(by).chain(denied).chain(matches).collect(),
            Discrepancy::TimingConflict { groups, .. } => groups
                .iter()
                .flat_map(|g| g.claims.iter().map(|c| &c.cite))
                .collect(),
            Discrepancy::ReportingVariance { versions, .. } => {
                versions.iter().map(|v| &v.cite).collect()
            }
            Discrepancy::Decrease { earlier, later, .. } => vec![earlier, later],
            Discrepancy::RelabeledRelay { claim, cited, .. } => vec![claim, cited],
            Discrepancy::RelativeConflict { claim, behind, .. } => {
                std::iter::once(claim).chain(behind).collect()
            }
            Discrepancy::SplitVoice { positions, .. } => {
                positions.iter().flat_map(|p| &p.claims).collect()
            }
        }
    }
}

impl fmt::Display for Discrepancy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, &|a: &ActorId| a.to_string())
    }
}

/// A discrepancy written with each actor named by a function (see
/// [`Discrepancy::named`]).
struct Named<'a> {
    discrepancy: &'a Discrepancy,
    name: &'a dyn Fn(&ActorId) -> String,
}

impl fmt::Display for Named<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.discrepancy.write(f, self.name)
    }
}

/// A citation as [`Cite`]'s `Display` writes it, with its speaker named by `name`.
fn cite_named(c: &Cite, name: &dyn Fn(&ActorId) -> String) -> String {
    match &c.speaker {
        Some(s) => format!("{} (statement {} by {})", c.claim, c.statement, name(s)),
        None => c.to_string(),
    }
}

impl Discrepancy {
    /// The discrepancy as `Display` writes it, with every actor named by `name` rather
    /// than by its id: the text report names an office with its holder this way
    /// ("U.N. Secretary-General (Antonio Guterres) [un-sg]").
    ///
    /// ```
    /// use contested::reconcile::{Cite, Discrepancy, QuantityKey};
    /// use contested::{Category, Measure, Whose};
    ///
    /// let d = Discrepancy::Decrease {
    ///     key: QuantityKey::new("e", Measure::Killed, Whose::All, Category::Any),
    ///     earlier: Cite::new("c1", "s1", Some("un-sg".into())),
    ///     earlier_range: contested::CountRange::exact(10),
    ///     later: Cite::new("c2", "s2", Some("un-sg".into())),
    ///     later_range: contested::CountRange::exact(8),
    ///     same_voice: true,
    /// };
    /// let named = d.named(&|a| format!("the Secretary-General [{a}]")).to_string();
    /// assert!(named.contains("c2 (statement s2 by the Secretary-General [un-sg])"));
    /// assert_eq!(d.named(&|a| a.to_string()).to_string(), d.to_string());
    /// ```
    pub fn named<'a>(&'a self, name: &'a dyn Fn(&ActorId) -> String) -> impl fmt::Display + 'a {
        Named {
            discrepancy: self,
            name,
        }
    }

    fn write(&self, f: &mut fmt::Formatter<'_>, name: &dyn Fn(&ActorId) -> String) -> fmt::Result {
        let list = |cs: &[Cite]| {
            cs.iter()
                .map(|c| cite_named(c, name))
                .collect::<Vec<_>>()
                .join("; ")
        };
        let accounts = |acc: &[Account]| {
            acc.iter()
                .map(|a| format!("{} per {}", name(&a.actor), list(&a.claims)))
                .collect::<Vec<_>>()
                .join(" | ")
        };
        let list_timed = |cs: &[TimedCite]| {
            cs.iter()
                .map(|c| cite_named(&c.cite, name))
                .collect::<Vec<_>>()
                .join("; ")
        };
        match self {
            Discrepancy::NumericConflict {
                key,
                claims,
                best_supported,
                outside,
            } => write!(
                f,
                "numeric conflict on {key}: no count fits all of {}; best supported {best_supported}, outside it: {}",
                list(claims),
                list(outside)
            ),
            Discrepancy::PartWholeConflict {
                constraints,
                claims,
            } => {
                let cs: Vec<String> = constraints.iter().map(ToString::to_string).collect();
                write!(
                    f,
                    "part-whole conflict: {} cannot all hold under {}",
                    list(claims),
                    cs.join(", ")
                )
            }
            Discrepancy::CeilingConflict { key, ceiling } => write!(
                f,
                "ceiling conflict on {key}: {} puts the whole {} at most at {}, below {}",
                cite_named(&ceiling.by, name),
                ceiling.whole,
                ceiling.at_most,
                list(&ceiling.above)
            ),
            Discrepancy::ResponsibilityConflict { event, accounts: a } => {
                write!(f, "responsibility conflict over {event}: {}", accounts(a))
            }
            Discrepancy::RelabeledRelay {
                key,
                claim,
                cited,
                measure,
                range,
            } => write!(
                f,
                "relabeled relay on {key}: {} gives the figure of {} ({range}) as {}, which the statement it cites counts as {measure}",
                cite_named(claim, name),
                cite_named(cited, name),
                key.measure,
            ),
            Discrepancy::SplitVoice {
                key,
                origin,
                positions,
            } => {
                let ps: Vec<String> = positions
                    .iter()
                    .map(|p| format!("{} ({})", p.range, list(&p.claims)))
                    .collect();
                write!(
                    f,
                    "split voice on {key}: {origin} holds {} at once",
                    ps.join(" and ")
                )
            }
            Discrepancy::Denial {
                event,
                by,
                denies,
                allegation,
                matches,
                matching,
                ..
            } => {
                write!(f, "denial over {event}: {} denies ", cite_named(by, name))?;
                match (denies, allegation) {
                    (Some(d), _) => write!(f, "{d}"),
                    (None, Some(a)) if matches.is_empty() => {
                        write!(f, "{a}, which no claim records")
                    }
                    (None, Some(a)) => {
                        let ids: Vec<&str> = matches.iter().map(|c| c.claim.as_str()).collect();
                        write!(f, "{a}, matching {}", ids.join(", "))?;
                        if *matching > matches.len() {
                            write!(f, " and {} more", matching - matches.len())?;
                        }
                        Ok(())
                    }
                    (None, None) => f.write_str("nothing named"),
                }
            }
            Discrepancy::TimingConflict {
                event,
                boundary,
                groups,
            } => {
                write!(
                    f,
                    "timing conflict over the {boundary} of {event}: no moment fits every window; {} groups that each agree:",
                    groups.len()
                )?;
                for (i, g) in groups.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" vs")?;
                    }
                    write!(f, " [{}: {}]", g.overlap, list_timed(&g.claims))?;
                }
                Ok(())
            }
            Discrepancy::MediationCreditConflict { event, accounts: a } => {
                write!(f, "mediation-credit conflict over {event}: {}", accounts(a))
            }
            Discrepancy::Decrease {
                key,
                earlier,
                earlier_range,
                later,
                later_range,
                same_voice,
            } => {
                if *same_voice {
                    write!(
                        f,
                        "decrease on {key}: {} ({later_range}) is below the earlier {} ({earlier_range}) of the same voice, with no stated correction",
                        cite_named(later, name),
                        cite_named(earlier, name),
                    )
                } else {
                    // Two voices: no one revised anything; the toll cannot have fallen,
                    // so they disagree.
                    write!(
                        f,
                        "decrease on {key}: {} ({later_range}) is below {} ({earlier_range}), an earlier count by another voice: a toll that only grows cannot have fallen, so they disagree",
                        cite_named(later, name),
                        cite_named(earlier, name),
                    )
                }
            }
            Discrepancy::RelativeConflict {
                claim,
                ratio,
                subject,
                subject_range,
                reference,
                reference_range,
                behind,
            } => write!(
                f,
                "relative conflict: {} says {subject} is {ratio} {reference}, but {subject} is {subject_range} and {reference} is {reference_range}{}",
                cite_named(claim, name),
                if behind.is_empty() {
                    String::new()
                } else {
                    format!(" (per {})", list(behind))
                }
            ),
            Discrepancy::ReportingVariance {
                key,
                speaker,
                versions,
            } => {
                write!(
                    f,
                    "reporting variance on {key}: {}'s figure relayed as",
                    name(speaker)
                )?;
                for v in versions {
                    let relay = crate::relay::describe(&v.relay, 8);
                    write!(f, " {:?} via [{}] ({});", v.words, relay, v.cite.claim)?;
                }
                Ok(())
            }
        }
    }
}

/// The latest claims of each voice in `group`, under the rule that a later statement of
/// the same speaker supersedes an earlier one.
pub(crate) fn latest_per_voice<'a>(group: &mut [&'a ClaimRecord]) -> Vec<&'a ClaimRecord> {
    let mut out = Vec::with_capacity(group.len());
    for (run, latest) in voices(group, |c| *c, |a, b| a.claim.cmp(&b.claim)) {
        out.extend(
            group[run]
                .iter()
                .copied()
                .filter(|c| c.made_key() == latest),
        );
    }
    out
}

pub(crate) fn find<'e>(
    ev: &'e Evidence,
    retracted: &super::retraction::Retractions<'e>,
    relabels: &super::relabel::Relabels,
    figures: &[Figure],
    contradictions: Vec<Contradiction>,
) -> (Vec<Discrepancy>, Vec<TimingSummary>) {
    let mut out = Vec::new();
    for f in figures {
        if f.consensus.is_none() {
            out.push(Discrepancy::NumericConflict {
                key: f.key.clone(),
                claims: f.live().map(|r| r.cite.clone()).collect(),
                best_supported: f.best_supported.range,
                outside: f.outside.clone(),
            });
        }
    }
    for f in figures {
        out.extend(f.ceilings.iter().map(|c| Discrepancy::CeilingConflict {
            key: f.key.clone(),
            ceiling: c.clone(),
        }));
    }
    for c in contradictions {
        out.push(Discrepancy::PartWholeConflict {
            constraints: c.constraints,
            claims: c.claims,
        });
    }

    // The claims of each event, for pairing allegations with what the dossier records:
    // made at the first denial that needs them (most dossiers have none), and hashed,
    // since they are only looked up (an ordered map of every claim walked its root for
    // each of them).
    let mut by_event: Option<ClaimsByEvent<'_>> = None;
    // Group the non-count claims by event and kind.
    let mut blame: BTreeMap<&EventId, Vec<&ClaimRecord>> = BTreeMap::new();
    let mut credit: BTreeMap<&EventId, Vec<&ClaimRecord>> = BTreeMap::new();
    // A voice's denial of its own claim is a retraction, not a dispute between voices
    // (`Reconciliation::retracted` lists it).
    let mut timing: BTreeMap<(&EventId, Boundary), Vec<&ClaimRecord>> = BTreeMap::new();
    for rec in &ev.claims {
        match &rec.body {
            ClaimBody::Responsibility { .. } => blame.entry(&rec.event).or_default().push(rec),
            ClaimBody::MediationCredit { .. } => credit.entry(&rec.event).or_default().push(rec),
            ClaimBody::Timing { boundary, .. } => {
                timing.entry((&rec.event, *boundary)).or_default().push(rec)
            }
            ClaimBody::Denial {
                denies, allegation, ..
            } if !retracted.is_retraction(&rec.claim) => {
                let denied = denies.as_ref().and_then(|d| {
                    ev.claims
                        .binary_search_by(|c| c.claim.cmp(d))
                        .ok()
                        .map(|i| ev.claims[i].cite())
                });
                let (matches, matching) = match (denies, allegation) {
                    (None, Some(a)) => {
                        let by_event = by_event.get_or_insert_with(|| {
                            let mut m = ClaimsByEvent::new();
                            for rec in &ev.claims {
                                m.entry(&rec.event).or_default().push(rec);
                            }
                            m
                        });
                        allegation_matches(ev, by_event, rec, a)
                    }
                    _ => (Vec::new(), 0),
                };
                out.push(Discrepancy::Denial {
                    event: rec.event.clone(),
                    by: rec.cite(),
                    denies: denies.clone(),
                    denied,
                    allegation: allegation.clone(),
                    matches,
                    matching,
                });
            }
            _ => {}
        }
    }
    // Accounts are by party: blaming "Azerbaijani forces" and blaming "Azerbaijan" is
    // one account (the claims keep the actor named).
    let accounts = |live: &[&ClaimRecord], actor: fn(&ClaimRecord) -> Option<&ActorId>| {
        let mut by: BTreeMap<&ActorId, Vec<Cite>> = BTreeMap::new();
        for rec in live {
            if let Some(a) = actor(rec) {
                by.entry(ev.party_of(a)).or_default().push(rec.cite());
            }
        }
        by.into_iter()
            .map(|(a, claims)| Account {
                actor: a.clone(),
                claims,
            })
            .collect::<Vec<_>>()
    };
    // A dispute needs two voices: one statement naming two parties (a joint credit) is
    // not a conflict with itself.
    let voices = |live: &[&ClaimRecord]| {
        live.iter()
            .map(|r| &r.origin)
            .collect::<std::collections::BTreeSet<_>>()
            .len()
    };
    // An account its own voice withdrew is no longer its position: left out after the
    // voice's latest word is found (withdrawing a word does not restore the one before).
    let standing = |mut live: Vec<&'e ClaimRecord>| {
        if !retracted.is_empty() {
            live.retain(|r| retracted.of(&r.claim).is_none());
        }
        live
    };
    for (event, mut group) in blame {
        let live = standing(latest_per_voice(&mut group));
        let acc = accounts(&live, |r| match &r.body {
            ClaimBody::Responsibility { initiator, .. } => Some(initiator),
            _ => None,
        });
        if acc.len() > 1 && voices(&live) > 1 {
            out.push(Discrepancy::ResponsibilityConflict {
                event: event.clone(),
                accounts: acc,
            });
        }
    }
    for (event, mut group) in credit {
        let live = standing(latest_per_voice(&mut group));
        let acc = accounts(&live, |r| match &r.body {
            ClaimBody::MediationCredit { credited } => Some(credited),
            _ => None,
        });
        if acc.len() > 1 && voices(&live) > 1 {
            out.push(Discrepancy::MediationCreditConflict {
                event: event.clone(),
                accounts: acc,
            });
        }
    }
    let mut timings = Vec::new();
    for ((event, boundary), mut group) in timing {
        let claims: Vec<TimedCite> = standing(latest_per_voice(&mut group))
            .into_iter()
            .filter_map(|r| match &r.body {
                ClaimBody::Timing { window, .. } => Some(TimedCite {
                    cite: r.cite(),
                    window: window.clone(),
                }),
                _ => None,
            })
            .collect();
        let summary = TimingSummary::new(event.clone(), boundary, claims);
        if summary.overlap.is_none() && summary.claims.len() > 1 {
            out.push(Discrepancy::TimingConflict {
                event: event.clone(),
                boundary,
                groups: summary.groups(),
            });
        }
        timings.push(summary);
    }
    out.extend(reporting_variance(figures));
    out.extend(relabels.discrepancies().cloned());
    if ev.policy.positions_as_said {
        for f in figures.iter().filter(|f| f.consensus.is_none()) {
            for (origin, positions) in super::voices::splits(&f.readings, &ev.policy) {
                out.push(Discrepancy::SplitVoice {
                    key: f.key.clone(),
                    origin,
                    positions,
                });
            }
        }
    }
    for f in figures {
        if ev.only_grows(&f.key.measure) {
            out.extend(super::decrease::decreases(f, ev.policy.order));
        }
    }
    (out, timings)
}

/// Same speaker, same key, same statement time, different relay chains, different figures.
///
/// The readings are grouped by a stable sort of (speaker, statement time, position), the
/// order an ordered map of the groups gave, and a group's versions are written only when
/// it is a variance: most readings are alone in their group.
fn reporting_variance(figures: &[Figure]) -> Vec<Discrepancy> {
    let mut out = Vec::new();
    let mut group: Vec<(&ActorId, MadeKey, &Reading)> = Vec::new();
    // A key with one reading has no two versions to compare.
    for f in figures.iter().filter(|f| f.readings.len() > 1) {
        group.clear();
        group.extend(
            f.readings
                .iter()
                .filter(|r| r.part_of_breakdown.is_none())
                .filter_map(|r| {
                    let sp = r.cite.speaker.as_ref()?;
                    Some((sp, (r.made.earliest(), r.made.latest()), r))
                }),
        );
        group.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
        for same in group.chunk_by(|a, b| (a.0, a.1) == (b.0, b.1)) {
            let first = same[0].2;
            // More than one relay chain and more than one range among the versions.
            let relays = same
                .iter()
                .any(|v| v.2.relay.as_slice() != first.relay.as_slice());
            let ranges = same.iter().any(|v| v.2.range != first.range);
            if relays && ranges {
                out.push(Discrepancy::ReportingVariance {
                    key: f.key.clone(),
                    speaker: same[0].0.clone(),
                    versions: same
                        .iter()
                        .map(|&(_, _, r)| Version {
                            cite: r.cite.clone(),
                            relay: Shared::share(&r.relay),
                            words: r.estimate.words().to_owned(),
                            range: r.range,
                        })
                        .collect(),
                });
            }
        }
    }
    out
}

/// Every claim of each event, in the evidence's order.
type ClaimsByEvent<'e> = HashMap<&'e EventId, Vec<&'e ClaimRecord>>;

/// How many claims matching an allegation a [`Discrepancy::Denial`] lists.
pub const MATCHES_SHOWN: usize = 8;

/// The live claims of the denial's event that fit the allegation it denies (none when
/// the description names neither the alleger nor a kind): of the described kind and
/// measure, by the named alleger's party (or, when none is named, by
/// any party but the denier's; unattributed claims fit only then), said no later than the
/// denial. At most [`MATCHES_SHOWN`], with the total.
fn allegation_matches(
    ev: &Evidence,
    by_event: &ClaimsByEvent<'_>,
    denial: &ClaimRecord,
    a: &Allegation,
) -> (Vec<Cite>, usize) {
    // Words alone are not compared: an allegation described only by its words pairs
    // with nothing, rather than with every claim of the event.
    if a.by.is_none() && a.kind.is_none() {
        return (Vec::new(), 0);
    }
    let alleger = a.by.as_ref().map(|b| ev.party_of(b));
    let fits = |c: &&&ClaimRecord| {
        c.claim != denial.claim
            && c.made.earliest() <= denial.made.latest()
            && a.fits(&c.body)
            && match (alleger, &c.party) {
                (Some(p), Some(q)) => p == q,
                (Some(_), None) => false,
                (None, q) => q.is_none() || *q != denial.party,
            }
    };
    let Some(claims) = by_event.get(&denial.event) else {
        return (Vec::new(), 0);
    };
    let mut shown = Vec::new();
    let mut total = 0;
    for c in claims.iter().filter(fits) {
        total += 1;
        if shown.len() < MATCHES_SHOWN {
            shown.push(c.cite());
        }
    }
    (shown, total)
}
