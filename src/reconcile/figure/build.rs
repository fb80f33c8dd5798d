//! How a key's figure is built from its readings: each reading classified, the policy's
//! supersession, corrections, retractions and snapshots applied, the summaries computed,
//! and low / best / high completed after the part-whole sums (DESIGN.md, "Running
//! tolls" and "Who is speaking").

use chrono::{DateTime, FixedOffset};
use foldhash::{HashMap, HashMapExt};

use crate::claim::{Category, ClaimBody, CountClaim, Measure, Whose};
use crate::id::{ActorId, ClaimId, EventId, StatementId};
use crate::range::CountRange;
use crate::reconcile::evidence::{ClaimRecord, Evidence};
use crate::reconcile::interval;
use crate::reconcile::series::{
    before, continuable, origin_floors, origin_ids, own_floors, repeats, same_time_disagreement,
    same_time_dispute, successors, when,
};
use crate::reconcile::shared::Shared;
use crate::reconcile::voices;

use super::{Figure, Position, QuantityKey, Reading, Source, Status};

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
        let event = ev.events.get(*id);
        let (sides, coalitions) = event.map_or((&[][..], &[][..]), |e| {
            (e.sides.as_slice(), e.coalitions.as_slice())
        });
        // Counts as of a time after this are settled (Running tolls, rule 12).
        let settles = ev
            .policy
            .settles_after
            .zip(event.and_then(|e| e.ended))
            .and_then(|(days, ended)| {
                ended.checked_add_signed(chrono::TimeDelta::days(i64::from(days)))
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
                    let r = reading(ev, rec, count, part, sides, coalitions, settles);
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
/// breakdown, on an event with `sides` and `coalitions`, before supersession; counts
/// as of a time after `settles` are settled.
fn reading(
    ev: &Evidence,
    rec: &ClaimRecord,
    count: &CountClaim,
    part: Option<usize>,
    sides: &[ActorId],
    coalitions: &[Vec<ActorId>],
    settles: Option<DateTime<FixedOffset>>,
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
    let count_status = count.status();
    // Certainly after the settling time, and not said to be still running.
    let settled = !count_status.is_running() && settles.is_some_and(|t| as_of.earliest() > t);
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
        count_status,
        settled,
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
    retracted: &crate::reconcile::retraction::Retractions<'_>,
    relabels: &crate::reconcile::relabel::Relabels,
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

    // A relay that gave a cited figure as a count of this measure says nothing of it:
    // the figure is the cited count's, of its own measure.
    if policy.relabels_set_aside && !relabels.is_empty() {
        for (r, _) in &mut readings {
            if let Some(of) = relabels.of(&r.cite.claim) {
                r.status = Status::Relabeled { of: of.clone() };
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
            && !r.closes_series()
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
            && !r.closes_series()
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
            if grows && policy.running_floors && earlier && !r.closes_series() && may_floor {
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
