//! Who is speaking: copies of one utterance, independent origins, statements against
//! interest, and how ties between equally supported intervals are broken (DESIGN.md,
//! "Who is speaking").

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::claim::{Category, Whose};
use crate::range::CountRange;
use crate::reconcile::evidence::{Cite, Origin};
use crate::reconcile::figure::{Reading, Source, Status};
use crate::reconcile::interval::{self, Support};
use crate::reconcile::policy::Policy;
use crate::reconcile::shared::Shared;

/// How many independent voices stand behind a figure, after Iraq Body Count's two-source
/// rule and Airwars' grading.
///
/// ```
/// use contested::reconcile::Corroboration;
///
/// assert_eq!(Corroboration::Corroborated { voices: 2 }.to_string(), "corroborated by 2 independent voices");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Corroboration {
    /// One independent voice (however many outlets relayed it).
    SingleSource {
        /// The voice.
        origin: Origin,
    },
    /// Several independent voices agree on a common count.
    Corroborated {
        /// How many.
        voices: usize,
    },
    /// The current counts have no count in common.
    Contested {
        /// How many independent voices take part.
        voices: usize,
    },
}

impl std::fmt::Display for Corroboration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Corroboration::SingleSource { origin } => write!(f, "single source ({origin})"),
            Corroboration::Corroborated { voices } => {
                write!(f, "corroborated by {voices} independent voices")
            }
            Corroboration::Contested { voices } => {
                write!(f, "contested among {voices} independent voices")
            }
        }
    }
}

/// Per-voice weights for the best-supported interval (off unless given): how much each
/// independent origin's count counts, in thousandths (0 to 1000; a voice not listed
/// counts 1000). Learned weights from [`reliability`](crate::reliability) convert with
/// `From`.
///
/// ```
/// use contested::reconcile::{Reconciler, VoiceWeights};
///
/// let w = VoiceWeights::new().with("tabloid", 0.2).with("wire-service", 0.9);
/// assert_eq!(w.get("tabloid"), 200);
/// assert_eq!(w.get("anyone-else"), 1000);
/// let r = Reconciler::new().voice_weights(w);
/// # let _ = r;
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct VoiceWeights(BTreeMap<String, u16>);

impl VoiceWeights {
    /// No weights: every voice counts fully.
    pub fn new() -> Self {
        VoiceWeights::default()
    }

    /// With `voice` (a party or outlet id, as in [`Origin::Party`]) weighted `weight`,
    /// clamped to `[0, 1]` (NaN counts as 0).
    pub fn with(mut self, voice: impl Into<String>, weight: f64) -> Self {
        let w = if weight.is_nan() {
            0.0
        } else {
            weight.clamp(0.0, 1.0)
        };
        // In [0, 1000] after the clamp, so the cast is exact enough and cannot wrap.
        self.0.insert(voice.into(), (w * 1000.0).round() as u16);
        self
    }

    /// The weight of `voice` in thousandths (1000 when not listed).
    pub fn get(&self, voice: &str) -> u64 {
        self.0.get(voice).map_or(1000, |&w| u64::from(w))
    }

    /// Whether no voice is weighted.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn of(&self, origin: &Origin) -> u64 {
        match origin {
            Origin::Party(a) => self.get(a.as_str()),
            Origin::Statement(_) => 1000,
        }
    }
}

impl From<&crate::reliability::Weights> for VoiceWeights {
    /// Each source's estimated reliability as its weight.
    fn from(w: &crate::reliability::Weights) -> Self {
        w.iter().fold(VoiceWeights::new(), |acc, (source, r)| {
            acc.with(source, r.reliability)
        })
    }
}

/// How a tie between equally supported intervals was broken, for the report.
///
/// ```
/// use contested::reconcile::Reconciler;
///
/// let r = Reconciler::new().reconcile(&contested::Dossier::default());
/// assert!(r.figures().iter().all(|f| f.tie.as_ref().is_none_or(|t| t.candidates.len() > 1)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct TieBreak {
    /// The tied intervals, lowest first.
    pub candidates: Vec<CountRange>,
    /// The rule that chose among them.
    pub rule: String,
}

/// Marks every live copy of one utterance but one: readings of a key by the same speaker
/// with the same statement window, carried through different relay chains, are versions
/// of one statement as different outlets carried it. The version kept is the one closest to the origin (the fewest
/// hops from the speaker to an outlet of the record, [`crate::relay::distance`]), then the one most versions agree on, then the first by claim id.
///
/// The live readings are grouped by a stable sort on (speaker, window), each group's in
/// the readings' order, rather than in an ordered map with a list per group: a key's
/// readings are mostly alone in their group, and a group of one has no copies.
pub(crate) fn mark_copies(readings: &mut [(Reading, usize)]) {
    let mut keyed: Vec<((&str, i64, i64), usize)> = readings
        .iter()
        .enumerate()
        .filter_map(|(i, (r, _))| match (&r.cite.speaker, r.status.is_live()) {
            (Some(sp), true) => Some((
                (
                    sp.as_str(),
                    r.made.earliest().timestamp(),
                    r.made.latest().timestamp(),
                ),
                i,
            )),
            _ => None,
        })
        .collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    let mut copies: Vec<(usize, Cite)> = Vec::new();
    for group in keyed.chunk_by(|a, b| a.0 == b.0) {
        if group.len() < 2 {
            continue;
        }
        let members: Vec<usize> = group.iter().map(|&(_, i)| i).collect();
        let agreeing = |i: usize| {
            members
                .iter()
                .filter(|&&j| readings[j].0.range == readings[i].0.range)
                .count()
        };
        // Hops from the speaker to the record, once per member (relays are a graph).
        let hops: BTreeMap<usize, usize> = members
            .iter()
            .map(|&i| (i, crate::relay::distance(&readings[i].0.relay)))
            .collect();
        let Some(&keep) = members.iter().min_by(|&&a, &&b| {
            let (ra, rb) = (&readings[a].0, &readings[b].0);
            hops[&a]
                .cmp(&hops[&b])
                .then(agreeing(b).cmp(&agreeing(a)))
                .then(ra.cite.claim.cmp(&rb.cite.claim))
        }) else {
            continue;
        };
        // The same outlet carrying two figures is two utterances, not two versions.
        let kept = readings[keep].0.cite.clone();
        let kept_relay = Shared::share(&readings[keep].0.relay);
        for &i in &members {
            let r = &readings[i].0;
            if i != keep && r.cite.statement != kept.statement && r.relay != kept_relay {
                copies.push((i, kept.clone()));
            }
        }
    }
    for (i, of) in copies {
        readings[i].0.status = Status::Copy { of: of.claim };
    }
}

/// One independent voice's current position on a key (see [`positions_by_origin`]).
#[derive(Debug, Clone)]
pub(crate) struct Stance {
    /// The origin (for the one anonymous voice, the first of its origins).
    pub(crate) origin: Origin,
    /// The intersection of the live bearings behind it, or their hull when they
    /// disagree and are held as one position.
    pub(crate) range: CountRange,
    /// Its source (of its first counted reading).
    pub(crate) source: Source,
    /// Whether every count behind it is hedged or unattributed.
    pub(crate) hedged: bool,
}

/// Each independent origin's current positions on a key, grouped by origin (an
/// origin's positions are adjacent, lowest first, and disjoint). The origin's own counts
/// speak for it; statements citing it only when it has none here. When its counts
/// have a value in common, it holds one position, their intersection. When they do not:
/// with `as_said` ([`Policy::positions_as_said`](super::Policy::positions_as_said)) it
/// holds several positions, each the intersection of counts taken by floor while they
/// have a value in common (so every position lies within each count behind it, and
/// the positions are disjoint): it supports only what it said, never the values
/// between two of its disagreeing counts. Without, it holds their hull.
/// With `anonymous_one` ([`Policy::anonymous_one_voice`](super::Policy::anonymous_one_voice)),
/// every unattributed count is of one voice, named by the first of their origins: two
/// outlets quoting unnamed "sources" cannot be shown to quote different ones.
///
/// The readings with a bearing are grouped by a stable sort on their origin (each
/// origin's in the readings' order), which gives the origins in the order an ordered map
/// of them did, without building one (nor a set of the origins with counts of their own)
/// for every figure. An origin's counts are sorted by their floor only when they
/// disagree, so the rule costs `O(n log n)` in the key's readings.
pub(crate) fn positions_by_origin(
    readings: &[Reading],
    anonymous_one: bool,
    as_said: bool,
) -> Vec<Stance> {
    // `None` for the one anonymous voice, which sorts first.
    fn voice(r: &Reading, anonymous_one: bool) -> Option<&Origin> {
        (!(anonymous_one && r.source == Source::Unattributed)).then_some(&r.origin)
    }
    let mut by: Vec<&Reading> = readings.iter().filter(|r| r.bearing.is_some()).collect();
    by.sort_by(|a, b| voice(a, anonymous_one).cmp(&voice(b, anonymous_one)));
    let mut out = Vec::new();
    for group in by.chunk_by(|a, b| voice(a, anonymous_one) == voice(b, anonymous_one)) {
        let direct = group.iter().any(|r| !r.cited);
        // No list of the counted readings unless they disagree: this runs for every
        // origin of every figure.
        let counted = group.iter().copied().filter(|r| !(r.cited && direct));
        let origin = &group[0].origin;
        match stance(origin, counted.clone()) {
            Some(one) => out.push(one),
            None if as_said => {
                // Disagreeing counts: taken by floor, each count joins the position
                // before it while they have a value in common, else starts a new one.
                // A new position's floor is above every earlier position's ceiling, so
                // the positions are disjoint and the origin counts once at any value.
                let mut sorted: Vec<&Reading> = counted.collect();
                sorted.sort_by_key(|r| r.bearing.map(|b| b.lo()));
                let mut current: Option<Stance> = None;
                for r in sorted {
                    let Some(b) = r.bearing else { continue };
                    match current
                        .as_mut()
                        .and_then(|c| c.range.intersect(&b).map(|m| (c, m)))
                    {
                        Some((c, meet)) => {
                            c.range = meet;
                            c.hedged &= r.hedged;
                        }
                        None => {
                            out.extend(current.take());
                            current = Some(Stance {
                                origin: origin.clone(),
                                range: b,
                                source: r.source,
                                hedged: r.hedged,
                            });
                        }
                    }
                }
                out.extend(current);
            }
            None => out.extend(hull(origin, counted)),
        }
    }
    out
}

/// The voices of a key at odds with themselves under `policy` (each origin holding
/// several positions, [`positions_by_origin`] with `as_said`), each with its positions
/// and the current counts behind each: the readings of that voice whose bearing holds
/// the position. Nothing is built for a key whose voices each hold one position.
pub(crate) fn splits(
    readings: &[Reading],
    policy: &Policy,
) -> Vec<(Origin, Vec<crate::reconcile::discrepancy::SplitPosition>)> {
    let positions = positions_by_origin(readings, policy.anonymous_one_voice, true);
    let mut out = Vec::new();
    for group in positions.chunk_by(|a, b| a.origin == b.origin) {
        if group.len() < 2 {
            continue;
        }
        // The one anonymous voice is named by its first origin; its counts are every
        // unattributed count.
        let anonymous = policy.anonymous_one_voice && group[0].source == Source::Unattributed;
        let of_voice = |r: &&Reading| {
            if anonymous {
                r.source == Source::Unattributed
            } else {
                r.origin == group[0].origin
                    && (r.source != Source::Unattributed || !policy.anonymous_one_voice)
            }
        };
        let split = group
            .iter()
            .map(|p| {
                let claims = readings
                    .iter()
                    .filter(|r| r.status.is_live())
                    .filter(of_voice)
                    .filter(|r| r.bearing.is_some_and(|b| b.contains_range(&p.range)))
                    .map(|r| r.cite.clone())
                    .collect();
                crate::reconcile::discrepancy::SplitPosition::new(p.range, claims)
            })
            .collect();
        out.push((group[0].origin.clone(), split));
    }
    out
}

/// The position of counts that have a value in common: their intersection, with the
/// source of the first and whether all are hedged. `None` when they have none (or there
/// are no counts).
fn stance<'r>(
    origin: &Origin,
    mut counted: impl Iterator<Item = &'r Reading> + Clone,
) -> Option<Stance> {
    let first = counted.clone().next()?;
    let mut meet = first.bearing?;
    let mut hedged = true;
    for r in counted.by_ref() {
        meet = meet.intersect(&r.bearing?)?;
        hedged &= r.hedged;
    }
    Some(Stance {
        origin: origin.clone(),
        range: meet,
        source: first.source,
        hedged,
    })
}

/// The hull of counts held as one position although they disagree.
fn hull<'r>(origin: &Origin, counted: impl Iterator<Item = &'r Reading> + Clone) -> Option<Stance> {
    let first = counted.clone().next()?;
    let range = counted
        .clone()
        .filter_map(|r| r.bearing)
        .reduce(|a, b| a.hull(&b))?;
    Some(Stance {
        origin: origin.clone(),
        range,
        source: first.source,
        hedged: counted.into_iter().all(|r| r.hedged),
    })
}

/// The admitted floor: the highest lower bound among a party's own current counts of
/// its own people (a statement against interest), when `whose` is a party and the
/// category counts its combatants (`military`, a named unit), or any category when
/// `civilians` is on. A floor of 0 admits nothing ("no losses" is a position, not an
/// admission against interest), so it is `None`.
pub(crate) fn admitted_floor(
    whose: &Whose,
    category: &Category,
    civilians: bool,
    readings: &[Reading],
) -> Option<u64> {
    if !matches!(whose, Whose::Party(_)) {
        return None;
    }
    if !civilians && !matches!(category, Category::Military | Category::Unit(_)) {
        return None;
    }
    readings
        .iter()
        .filter(|r| r.source == Source::SelfReport)
        .filter_map(|r| r.bearing)
        .map(|b| b.lo())
        .max()
        .filter(|&floor| floor > 0)
}

/// Whether a position says anything about the count: `0..` (an earlier running "none" of
/// a growing measure read as a floor, "an unknown number") rules nothing out, so it
/// supports no interval more than another and corroborates nothing.
fn informative(range: &CountRange) -> bool {
    *range != CountRange::UNKNOWN
}

/// What a position's words reach: itself when it has a ceiling; for a floor alone ("at
/// least a dozen", "more than 300") the values from the floor to the floor's "about"
/// reach (`reach`, the interpretation's tolerance above it). A floor is compatible with
/// every figure above it, but it is testimony only of the values near it: Amnesty's
/// "at least a dozen" identified dead neither corroborates AP's "about 600" nor makes it
/// an interval a third party holds.
pub(crate) fn reach(range: &CountRange, tolerance: impl Fn(u64) -> u64) -> CountRange {
    match range.hi() {
        Some(_) => *range,
        None => {
            let lo = range.lo();
            CountRange::new(lo, Some(lo.saturating_add(tolerance(lo)))).unwrap_or(*range)
        }
    }
}

/// The best-supported interval over independent origins, with how a tie was broken.
/// Positions that rule nothing out (`0..`) are not counted: they would support every
/// interval alike, inflate its support and "hold" any interval for the tie rules.
/// Adversary positions wholly below the party's admitted floor are not counted: an
/// adversary's claim never lowers what a party admits about its own losses. Among tied
/// intervals the policy prefers, in order: with `admissions_are_floors`, one holding a
/// third party's count at or above the party's own admission (the admission is the low
/// end, not the best estimate); one holding the party's own admission (when
/// it admits losses: a party's "none" is a position, not a statement against interest), one
/// holding a third party's count (with `firm_third_parties`, one its speaker did not hedge
/// and that names its speaker), the lowest (ACLED's conservative choice).
pub(crate) fn best_supported(
    positions: &[Stance],
    admitted: Option<u64>,
    policy: &Policy,
    weights: &VoiceWeights,
    tolerance: impl Fn(u64) -> u64,
) -> (Support, Option<TieBreak>) {
    let against_interest = policy.against_interest;
    let firm_third_parties = policy.firm_third_parties;
    let counted: Vec<&Stance> = positions
        .iter()
        .filter(
            |Stance {
                 range: r,
                 source: s,
                 ..
             }| {
                informative(r)
                    && !(against_interest
                        && matches!(s, Source::Adversary | Source::Ally)
                        && admitted.is_some_and(|f| r.hi().is_some_and(|h| h < f)))
            },
        )
        .collect();
    // One voice, each counting one: its position is the one run, supported once (what
    // the sweep below gives for a single range), with nothing to break a tie between.
    if let ([one], true) = (counted.as_slice(), weights.is_empty()) {
        return (
            Support {
                range: one.range,
                support: 1,
            },
            None,
        );
    }
    let runs = if weights.is_empty() {
        let ranges: Vec<CountRange> = counted.iter().map(|p| p.range).collect();
        interval::best_supported_runs(&ranges)
    } else {
        let weighted: Vec<(CountRange, u64)> = counted
            .iter()
            .map(|p| (p.range, weights.of(&p.origin)))
            .collect();
        interval::best_supported_runs_weighted(&weighted)
    };
    let fallback = Support {
        range: CountRange::UNKNOWN,
        support: 0,
    };
    if runs.len() < 2 {
        return (runs.into_iter().next().unwrap_or(fallback), None);
    }
    // A voice holds a run that lies within what it said; a floor alone, only a run its
    // words reach, not every run above it.
    let holds_any = |run: &Support, source: Source, firm: bool| {
        counted.iter().any(|p| {
            let r = &p.range;
            p.source == source
                && !(firm && source == Source::ThirdParty && p.hedged)
                && match r.hi() {
                    Some(_) => r.contains_range(&run.range),
                    None => reach(r, &tolerance).intersect(&run.range).is_some(),
                }
        })
    };
    let holds = |run: &Support, source: Source| holds_any(run, source, firm_third_parties);
    // Third parties' intervals at or above what the party admits.
    let above_admission = |r: &&Support| {
        policy.admissions_are_floors
            && against_interest
            && admitted.is_some_and(|floor| r.range.lo() >= floor)
            && holds(r, Source::ThirdParty)
    };
    let (pick, rule) = if let Some(p) = runs.iter().find(above_admission) {
        if runs.iter().filter(above_admission).count() > 1 {
            (
                *p,
                "the lowest interval holding a third party's count at or above the party's own admission (an admission is the low end; third parties disagree)",
            )
        } else {
            (
                *p,
                "the interval holding a third party's count at or above the party's own admission (an admission is the low end)",
            )
        }
    } else if let Some(p) = runs.iter().find(|r| {
        // The admission's interval: held by the party's own count and not below what it
        // admits (a party at odds with itself also holds intervals below its admission,
        // which are not its admission).
        against_interest
            && admitted.is_some_and(|floor| r.range.hi().is_none_or(|h| h >= floor))
            && holds(r, Source::SelfReport)
    }) {
        (*p, "the interval holding the party's own admission")
    } else if let Some(p) = runs.iter().find(|r| holds(r, Source::ThirdParty)) {
        // When third parties disagree among themselves, say so: the lowest of theirs.
        if runs.iter().filter(|r| holds(r, Source::ThirdParty)).count() > 1 {
            (
                *p,
                "the lowest interval holding a third party's count (third parties disagree)",
            )
        } else {
            (*p, "the interval holding a third party's count")
        }
    } else {
        // Third parties that only hedged still say where they stand.
        let hedged = runs
            .iter()
            .filter(|r| holds_any(r, Source::ThirdParty, false))
            .count();
        let rule = match hedged {
            0 => "the lowest interval (the conservative choice)",
            1 => "the lowest interval (the conservative choice: the third party's count is hedged)",
            _ => {
                "the lowest interval (the conservative choice: third parties disagree, and each hedged)"
            }
        };
        (runs[0], rule)
    };
    let tie = TieBreak {
        candidates: runs.iter().map(|r| r.range).collect(),
        rule: rule.to_owned(),
    };
    (pick, Some(tie))
}

/// The corroboration of a key's current counts, by the voices whose positions rule
/// something out: "0 wounded" said on the first day, read now as a floor of 0 beside a
/// later "tens", neither corroborates nor contests it. When no position is informative,
/// every position is counted (there is nothing else to go by).
pub(crate) fn corroboration(
    positions: &[Stance],
    consensus: Option<CountRange>,
    tolerance: impl Fn(u64) -> u64,
) -> Corroboration {
    let informative: Vec<Stance> = positions
        .iter()
        .filter(|p| informative(&p.range))
        .cloned()
        .collect();
    let positions = if informative.is_empty() {
        positions
    } else {
        &informative[..]
    };
    // Agreement is corroboration only from the voices whose words reach the figure
    // agreed on: a floor far below it is compatible with it, not testimony of it.
    let reaching: Vec<Stance> = match consensus {
        Some(c) => positions
            .iter()
            .filter(|p| reach(&p.range, &tolerance).intersect(&c).is_some())
            .cloned()
            .collect(),
        None => Vec::new(),
    };
    let positions = if reaching.is_empty() {
        positions
    } else {
        &reaching[..]
    };
    // An origin holding several positions is one voice (its positions are adjacent).
    let voices = positions.chunk_by(|a, b| a.origin == b.origin).count();
    match (positions.first(), voices, consensus) {
        (Some(one), 1, _) => Corroboration::SingleSource {
            origin: one.origin.clone(),
        },
        (_, n, Some(_)) if n > 0 => Corroboration::Corroborated { voices: n },
        (_, n, _) => Corroboration::Contested { voices: n },
    }
}
