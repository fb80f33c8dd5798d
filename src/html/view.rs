//! The one place that reads a [`Reconciliation`]: it turns figures, readings and
//! discrepancies into the plain view the page is drawn from. When the reconciliation
//! gains per-figure series, voice classes or corroboration, only this file changes.

use std::collections::{BTreeMap, BTreeSet, HashSet};

use chrono::{DateTime, FixedOffset};

use crate::claim::ClaimBody;
use crate::dossier::Dossier;
use crate::range::CountRange;
use crate::reconcile::{
    Cite, Discrepancy, Figure, MediatorSummary, Reading, Reconciliation, Source,
};
use crate::when::{Precision, TimeWindow};

/// Whose voice a reading is, relative to the people it counts. Derived from
/// [`Source`] and whether the statement names a speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Voice {
    /// A party counting its own people.
    Own,
    /// A side of the event counting another side's people, or everyone's.
    Adversary,
    /// Anyone else who is named.
    ThirdParty,
    /// Nobody named.
    Unattributed,
}

impl Voice {
    fn of(r: &Reading) -> Voice {
        if r.cite.speaker.is_none() {
            return Voice::Unattributed;
        }
        match r.source {
            Source::SelfReport => Voice::Own,
            Source::Adversary => Voice::Adversary,
            _ => Voice::ThirdParty,
        }
    }

    pub(crate) const ALL: [Voice; 4] = [
        Voice::Own,
        Voice::Adversary,
        Voice::ThirdParty,
        Voice::Unattributed,
    ];

    pub(crate) fn label(self) -> &'static str {
        match self {
            Voice::Own => "own count",
            Voice::Adversary => "adversary's count",
            Voice::ThirdParty => "third party",
            Voice::Unattributed => "unattributed",
        }
    }

    /// The CSS class, also the marker shape's name.
    pub(crate) fn class(self) -> &'static str {
        match self {
            Voice::Own => "own",
            Voice::Adversary => "adv",
            Voice::ThirdParty => "third",
            Voice::Unattributed => "unattr",
        }
    }
}

/// One reading as the chart draws it.
#[derive(Debug)]
pub(crate) struct Mark<'a> {
    pub claim: &'a str,
    pub statement: &'a str,
    pub speaker: Option<&'a str>,
    pub party: Option<&'a str>,
    pub words: &'a str,
    pub range: CountRange,
    pub nominal: u64,
    pub made: &'a TimeWindow,
    /// Paths from the speaker to each outlet of the record (at most eight).
    pub relay: Vec<Vec<&'a str>>,
    pub voice: Voice,
    pub superseded_by: Option<&'a str>,
    /// What replaced it, as the status says ("overtaken by c9", "relabels c4: set
    /// aside"); `None` when live.
    pub replaced: Option<String>,
    pub part: Option<&'a str>,
    pub hedged: bool,
    /// Made long after its event ended: read as final (`Reading::settled`).
    pub settled: bool,
    /// Cited by a numeric or part-whole conflict as a claim that does not fit.
    pub conflicted: bool,
    /// The speaker's current reading on this key.
    pub current: bool,
    /// The denials of this reading by other voices (their claim ids).
    pub denied_by: Vec<&'a str>,
    /// The counts of a whole, by other voices, that leave no room for this reading
    /// (their claim ids; see `Figure::ceilings`).
    pub capped_by: Vec<&'a str>,
    /// The later count of a whole or part that made this reading a floor in the sums
    /// (its claim id; see `Figure::floors_in_sums`).
    pub floor_in_sums: Option<&'a str>,
    /// The earlier word of its voice this reading restates in vaguer words.
    pub restates: Option<&'a str>,
}

impl Mark<'_> {
    pub(crate) fn live(&self) -> bool {
        self.superseded_by.is_none()
    }
}

/// One quantity key: its readings and summaries.
#[derive(Debug)]
pub(crate) struct Chart<'a> {
    pub key: String,
    pub event: &'a str,
    pub event_name: &'a str,
    pub measure: String,
    pub whose: String,
    pub category: String,
    pub marks: Vec<Mark<'a>>,
    pub low: u64,
    pub best: u64,
    pub high: Option<u64>,
    /// Who said each headline number (speaker labels); empty when it is derived.
    pub low_by: Vec<String>,
    pub best_by: Vec<String>,
    pub high_by: Vec<String>,
    pub envelope: CountRange,
    pub consensus: Option<CountRange>,
    pub best_supported: CountRange,
    pub support: usize,
    pub live: usize,
    /// The consensus after part-whole sums, when the sums narrowed it.
    pub bounds: Option<CountRange>,
    /// The part-whole bounds, holding later than its counts, that raised the figure
    /// (`Figure::raised_by_sums`).
    pub raised: Option<CountRange>,
    pub numeric_conflict: bool,
    pub part_whole_conflict: bool,
}

/// One discrepancy: its kind, its sentence, and the statements it cites.
#[derive(Debug)]
pub(crate) struct Finding<'a> {
    pub kind: String,
    pub text: String,
    pub cites: Vec<&'a Cite>,
}

/// One non-count claim for the accounts table.
#[derive(Debug)]
pub(crate) struct AccountRow<'a> {
    pub event: &'a str,
    pub claim: &'a str,
    pub statement: &'a str,
    pub speaker: Option<&'a str>,
    /// Paths from the speaker to each outlet of the record (at most eight).
    pub relay: Vec<Vec<&'a str>>,
    pub hedged: bool,
    pub kind: &'static str,
    /// For an action, what was done ("artillery fire").
    pub action: Option<String>,
    pub subject: Option<&'a str>,
    pub object: Option<&'a str>,
    pub words: Option<&'a str>,
    /// The denial by which the claim's own voice withdrew it (its claim id).
    pub retracted_by: Option<&'a str>,
}

/// An event with figures or findings.
#[derive(Debug)]
pub(crate) struct EventRow<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub sides: Vec<&'a str>,
    pub when: Option<&'a TimeWindow>,
    pub place: Option<&'a str>,
}

/// Everything the page shows.
#[derive(Debug)]
pub(crate) struct View<'a> {
    pub dossier: &'a Dossier,
    pub as_of: Option<DateTime<FixedOffset>>,
    pub interpretation: String,
    pub events: Vec<EventRow<'a>>,
    /// Parties in a fixed order: a party's colour is its index here.
    pub parties: Vec<&'a str>,
    pub charts: Vec<Chart<'a>>,
    pub constraints: Vec<(String, bool)>,
    pub findings: Vec<Finding<'a>>,
    pub accounts: Vec<AccountRow<'a>>,
    pub mediators: &'a [MediatorSummary],
    /// Relative claims checked against the figures.
    pub relative: &'a [crate::reconcile::relative::RelativeCheck],
}

impl<'a> View<'a> {
    pub(crate) fn new(dossier: &'a Dossier, r: &'a Reconciliation) -> View<'a> {
        let ev = r.evidence();
        let mut conflicted: HashSet<&str> = HashSet::new();
        let mut pw_keys: HashSet<String> = HashSet::new();
        for d in r.discrepancies() {
            match d {
                Discrepancy::NumericConflict { outside, .. } => {
                    conflicted.extend(outside.iter().map(|c| c.claim.as_str()));
                }
                Discrepancy::CeilingConflict { ceiling, .. } => {
                    conflicted.extend(ceiling.above.iter().map(|c| c.claim.as_str()));
                }
                Discrepancy::PartWholeConflict {
                    constraints,
                    claims,
                } => {
                    conflicted.extend(claims.iter().map(|c| c.claim.as_str()));
                    for c in constraints {
                        pw_keys.insert(c.whole.to_string());
                        pw_keys.extend(c.parts.iter().map(ToString::to_string));
                    }
                }
                _ => {}
            }
        }
        let charts: Vec<Chart<'a>> = r
            .figures()
            .iter()
            .map(|f| chart(f, r, &conflicted, &pw_keys))
            .collect();

        // The sides of events first, then any other party that speaks on a figure.
        let sides: BTreeSet<&str> = ev
            .events()
            .values()
            .flat_map(|e| e.sides.iter().map(|s| s.as_str()))
            .collect();
        let others: BTreeSet<&str> = charts
            .iter()
            .flat_map(|c| c.marks.iter().filter_map(|m| m.party))
            .filter(|p| !sides.contains(p))
            .collect();
        let parties: Vec<&str> = sides.into_iter().chain(others).collect();

        let mut shown: BTreeSet<&str> = charts.iter().map(|c| c.event).collect();
        let findings: Vec<Finding<'a>> = r
            .discrepancies()
            .iter()
            .map(|d| {
                if let Some(e) = discrepancy_event(d) {
                    shown.insert(e);
                }
                Finding {
                    kind: d.kind_name().replace('_', " "),
                    text: d.to_string(),
                    cites: d.cites(),
                }
            })
            .collect();
        let events = shown
            .into_iter()
            .map(|id| {
                let full = dossier.events().iter().find(|e| e.id.as_str() == id);
                let info = ev.events().iter().find(|(k, _)| k.as_str() == id);
                EventRow {
                    id,
                    name: info.map_or(id, |(_, i)| i.name.as_str()),
                    sides: info.map_or_else(Vec::new, |(_, i)| {
                        i.sides.iter().map(|s| s.as_str()).collect()
                    }),
                    when: full.and_then(|e| e.when.as_ref()),
                    place: full.and_then(|e| e.place.as_deref()),
                }
            })
            .collect();

        let mut accounts: Vec<AccountRow<'a>> = ev
            .claims()
            .iter()
            .filter_map(|c| {
                let action = match &c.body {
                    ClaimBody::Action { action, .. } => Some(action.to_string().replace('_', " ")),
                    _ => None,
                };
                let (kind, subject, object, words) = match &c.body {
                    ClaimBody::Responsibility {
                        initiator,
                        against,
                        description,
                    } => (
                        "blames",
                        Some(initiator.as_str()),
                        against.as_ref().map(|a| a.as_str()),
                        description.as_deref(),
                    ),
                    ClaimBody::Action {
                        actor,
                        target,
                        description,
                        ..
                    } => (
                        "says acted",
                        Some(actor.as_str()),
                        target.as_ref().map(|a| a.as_str()),
                        description.as_deref(),
                    ),
                    ClaimBody::Denial {
                        denies,
                        allegation,
                        wording,
                    } => (
                        "denies",
                        allegation
                            .as_ref()
                            .and_then(|a| a.by.as_ref())
                            .map(|a| a.as_str()),
                        denies.as_ref().map(|d| d.as_str()),
                        wording
                            .as_deref()
                            .or(allegation.as_ref().and_then(|a| a.quote.as_deref())),
                    ),
                    ClaimBody::MediationCredit { credited } => {
                        ("credits", Some(credited.as_str()), None, None)
                    }
                    _ => return None,
                };
                Some(AccountRow {
                    event: c.event.as_str(),
                    claim: c.claim.as_str(),
                    statement: c.statement.as_str(),
                    speaker: c.speaker.as_ref().map(|s| s.as_str()),
                    relay: relay_paths(&c.relay),
                    hedged: !c.hedges.is_empty(),
                    kind,
                    action,
                    subject,
                    object,
                    words,
                    retracted_by: r.retraction_of(&c.claim).map(|d| d.claim.as_str()),
                })
            })
            .collect();
        // Grouped by event, then in the order things were said.
        accounts
            .sort_by(|a, b| (a.event, a.statement, a.claim).cmp(&(b.event, b.statement, b.claim)));

        View {
            dossier,
            as_of: ev.as_of(),
            interpretation: format!(
                "\u{201c}about N\u{201d} read as N \u{b1} {}% (at least \u{b1}{})",
                ev.interpretation().tolerance_percent(),
                ev.interpretation().min_tolerance()
            ),
            events,
            parties,
            charts,
            constraints: r
                .constraints()
                .iter()
                .map(|c| (c.constraint.to_string(), c.is_consistent()))
                .collect(),
            findings,
            accounts,
            mediators: r.mediators(),
            relative: r.relative(),
        }
    }

    /// An actor's display name, falling back to its id.
    pub(crate) fn name<'s>(&'s self, id: &'s str) -> std::borrow::Cow<'s, str> {
        self.dossier
            .actor(&id.into())
            .map_or(std::borrow::Cow::Borrowed(id), |a| match &a.holder {
                Some(_) => std::borrow::Cow::Owned(a.label()),
                None => std::borrow::Cow::Borrowed(a.name.as_str()),
            })
    }

    /// A party's colour index.
    pub(crate) fn colour(&self, party: Option<&str>) -> Option<usize> {
        party.and_then(|p| self.parties.iter().position(|q| *q == p))
    }
}

fn discrepancy_event(d: &Discrepancy) -> Option<&str> {
    match d {
        Discrepancy::ResponsibilityConflict { event, .. }
        | Discrepancy::Denial { event, .. }
        | Discrepancy::TimingConflict { event, .. }
        | Discrepancy::MediationCreditConflict { event, .. } => Some(event.as_str()),
        Discrepancy::NumericConflict { key, .. }
        | Discrepancy::ReportingVariance { key, .. }
        | Discrepancy::RelabeledRelay { key, .. }
        | Discrepancy::SplitVoice { key, .. } => Some(key.event.as_str()),
        Discrepancy::RelativeConflict { subject, .. } => Some(subject.event.as_str()),
        _ => None,
    }
}

fn chart<'a>(
    f: &'a Figure,
    r: &'a Reconciliation,
    conflicted: &HashSet<&str>,
    pw_keys: &HashSet<String>,
) -> Chart<'a> {
    let current: HashSet<&str> = f
        .positions
        .iter()
        .flat_map(|p| p.current.iter().map(|c| c.as_str()))
        .collect();
    let marks: Vec<Mark<'a>> = f
        .readings
        .iter()
        .map(|rd| Mark {
            claim: rd.cite.claim.as_str(),
            statement: rd.cite.statement.as_str(),
            speaker: rd.cite.speaker.as_ref().map(|s| s.as_str()),
            party: rd.party.as_ref().map(|p| p.as_str()),
            words: rd.estimate.words(),
            range: rd.range,
            nominal: rd.estimate.nominal(),
            made: &rd.made,
            relay: relay_paths(&rd.relay),
            voice: Voice::of(rd),
            // Superseded, corrected, overtaken or a copy: drawn faded, naming what replaced it.
            superseded_by: rd.status.replaced_by().map(|by| by.as_str()),
            replaced: (!rd.status.is_live()).then(|| rd.status.to_string()),
            part: rd.part_of_breakdown.as_deref(),
            hedged: rd.hedged,
            settled: rd.settled,
            conflicted: rd.status.is_live() && conflicted.contains(rd.cite.claim.as_str()),
            current: rd.status.is_live() && current.contains(rd.cite.claim.as_str()),
            denied_by: f
                .denied
                .iter()
                .filter(|(c, _)| *c == rd.cite.claim)
                .map(|(_, by)| by.claim.as_str())
                .collect(),
            capped_by: f
                .ceilings
                .iter()
                .filter(|c| c.above.iter().any(|a| a.claim == rd.cite.claim))
                .map(|c| c.by.claim.as_str())
                .collect(),
            floor_in_sums: f
                .floors_in_sums
                .iter()
                .find(|(c, _)| *c == rd.cite.claim)
                .map(|(_, later)| later.claim.as_str()),
            restates: rd.restates.as_ref().map(|c| c.as_str()),
        })
        .collect();
    let who = |pick: &dyn Fn(&Mark) -> bool| -> Vec<String> {
        let set: BTreeSet<String> = marks
            .iter()
            .filter(|m| m.live() && pick(m))
            .map(|m| m.speaker.unwrap_or("unattributed").to_owned())
            .collect();
        set.into_iter().collect()
    };
    let key = f.key.to_string();
    let event_name = r
        .evidence()
        .events()
        .get(&f.key.event)
        .map_or(f.key.event.as_str(), |e| e.name.as_str());
    Chart {
        low_by: who(&|m| m.range.lo() == f.low),
        best_by: who(&|m| m.nominal == f.best),
        high_by: match f.high {
            Some(h) => who(&|m| m.range.hi() == Some(h)),
            None => Vec::new(),
        },
        part_whole_conflict: pw_keys.contains(&key),
        key,
        event: f.key.event.as_str(),
        event_name,
        measure: f.key.measure.to_string(),
        whose: f.key.whose.to_string(),
        category: f.key.category.to_string(),
        marks,
        low: f.low,
        best: f.best,
        high: f.high,
        envelope: f.envelope,
        consensus: f.consensus,
        best_supported: f.best_supported.range,
        support: f.best_supported.support,
        live: f.live().count(),
        bounds: f.bounds.filter(|b| Some(*b) != f.consensus),
        raised: f.raised_by_sums,
        numeric_conflict: f.consensus.is_none(),
    }
}

/// When something was said, as finely as it is known.
pub(crate) fn when_label(w: &TimeWindow) -> String {
    let fmt = |t: DateTime<FixedOffset>| {
        if w.precision() >= Precision::Day {
            t.format("%Y-%m-%d").to_string()
        } else {
            t.format("%Y-%m-%d %H:%M").to_string()
        }
    };
    let (a, b) = (fmt(w.earliest()), fmt(w.latest()));
    let mut s = if a == b { a } else { format!("{a} to {b}") };
    if let Some(p) = w.phrase() {
        s.push_str(&format!(" (\u{201c}{p}\u{201d})"));
    }
    s
}

/// Groups marks by the party whose current position they are, for the chart's labels.
pub(crate) fn current_positions<'m>(marks: &'m [Mark<'m>]) -> BTreeMap<&'m str, Vec<&'m Mark<'m>>> {
    let mut out: BTreeMap<&str, Vec<&Mark>> = BTreeMap::new();
    for m in marks.iter().filter(|m| m.current && m.part.is_none()) {
        out.entry(m.speaker.unwrap_or("unattributed"))
            .or_default()
            .push(m);
    }
    out
}

/// A statement's relay paths as text, at most eight of them.
pub(crate) fn relay_paths(relays: &[crate::relay::Relay]) -> Vec<Vec<&str>> {
    crate::relay::paths(relays, 8)
        .into_iter()
        .map(|p| p.into_iter().map(|a| a.as_str()).collect())
        .collect()
}
