//! Proptest strategies that build only **valid** values, for property tests of your own
//! (feature `proptest`).
//!
//! Every strategy here maps fixed random choices onto a value through the crate's own
//! constructors, and repairs nothing afterwards: so a shrunk value is as valid as the
//! first one, and a failing case shrinks to a small, still-valid dossier. The
//! [`Arbitrary`] impls of [`Estimate`], [`EstimateKind`], [`CountRange`], [`TimeWindow`]
//! and [`Dossier`] delegate to the functions below.
//!
//! ```
//! use contested::Dossier;
//! use contested::strategy::{dossier, Conflict, DossierShape};
//! use proptest::prelude::*;
//!
//! proptest!(ProptestConfig::with_cases(16), |(d in dossier(DossierShape::default().conflict(Conflict::Consistent)))| {
//!     prop_assert_eq!(Dossier::from_json(&d.to_json())?, d);
//! });
//! ```
//!
//! # What is generated
//!
//! | function | values |
//! |---|---|
//! | [`count`] | a `u64`, biased to small figures and to `0`, `1`, `u64::MAX - 1`, `u64::MAX` |
//! | [`count_range`] | any [`CountRange`], bounded or not |
//! | [`estimate_kind`] | every satisfiable [`EstimateKind`] |
//! | [`estimate`] | every kind, in every phrasing the parser knows (`"49 or more"`, `"~2,000"`, `"40–60"`) |
//! | [`estimate_containing`] | an estimate whose default range holds a given count |
//! | [`time_window`] | `earliest <= latest`, 1990–2040, UTC+4 most often, also other offsets |
//! | [`actor_forest`] | actors nested by *part of* / *speaks for*, acyclic, parents listed before or after children |
//! | [`events`] | events with sides, coalitions, parents (acyclic), context links, windows |
//! | [`measure_registry`] | user-defined measures, some sums of built-in or earlier ones (acyclic) |
//! | [`claim`] | every [`ClaimBody`] kind that the given actors and claims allow |
//! | [`channel`] | a channel of every named kind or free text, with or without address and time |
//! | [`statement`] | a statement, sometimes joint (co-speakers), with a channel and a relay graph (chains, parallel outlets, relays of earlier relays; no actor twice, never the speaker) and claims |
//! | [`dossier`], [`dossier_with_truth`] | a whole dossier that passes validation, shaped by [`DossierShape`] |

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, FixedOffset, Offset, Utc};
use proptest::arbitrary::Arbitrary;
use proptest::collection::{SizeRange, vec};
use proptest::option;
use proptest::prelude::*;
use proptest::sample::{Index, select};

use crate::actor::{Actor, ActorKind};
use crate::claim::{
    Allegation, Boundary, BreakdownPart, Category, Claim, ClaimBody, ClaimKind, CountClaim,
    Measure, Whose,
};
use crate::dossier::{Dossier, DossierBuilder};
use crate::error::ValidationErrors;
use crate::estimate::{Estimate, EstimateKind, Interpretation, VagueWord};
use crate::event::{ContextRelation, Event, EventKind, Occurrence};
use crate::id::{ActorId, ClaimId, EventId, StatementId};
use crate::measure::MeasureDef;
use crate::mediator::{Appeal, Deployment, Mediator, Tie, TieKind, Urge};
use crate::range::CountRange;
use crate::reconcile::QuantityKey;
use crate::relative::{Comparison, Factor, Quantity, Ratio, RelativeClaim};
use crate::relay::{Channel, ChannelKind, Relay, RelayFrom};
use crate::statement::{Form, Hedge, Statement};
use crate::status::CountStatus;
use crate::when::{Precision, TimeWindow};

// ---------------------------------------------------------------- vocabularies

const ACTOR_KINDS: [ActorKind; 12] = [
    ActorKind::State,
    ActorKind::GovernmentBody,
    ActorKind::ArmedForce,
    ActorKind::Intergovernmental,
    ActorKind::Person,
    ActorKind::Outlet,
    ActorKind::Agency,
    ActorKind::Collective,
    ActorKind::Ngo,
    ActorKind::ArmedGroup,
    ActorKind::DeFactoAuthority,
    ActorKind::Other,
];

const EVENT_KINDS: [EventKind; 12] = [
    EventKind::Clash,
    EventKind::War,
    EventKind::ArtilleryFire,
    EventKind::AerialAttack,
    EventKind::ShotsFired,
    EventKind::MinesLaid,
    EventKind::GroundAdvance,
    EventKind::Agreement,
    EventKind::Deployment,
    EventKind::Consultation,
    EventKind::Situation,
    EventKind::Other,
];

const RELATIONS: [ContextRelation; 5] = [
    ContextRelation::Background,
    ContextRelation::Response,
    ContextRelation::Dispute,
    ContextRelation::Agreement,
    ContextRelation::Related,
];

const PRECISIONS: [Precision; 8] = [
    Precision::Minute,
    Precision::Hour,
    Precision::PartOfDay,
    Precision::Day,
    Precision::Days,
    Precision::Week,
    Precision::Month,
    Precision::Year,
];

const TIE_KINDS: [TieKind; 5] = [
    TieKind::MilitaryBase,
    TieKind::Economic,
    TieKind::Security,
    TieKind::Cooperation,
    TieKind::Other,
];

const FORMS: [Form; 3] = [Form::DirectQuote, Form::Paraphrase, Form::Unattributed];

/// Name stems; every generated name ends in the actor's rank, so names never clash.
const NAMES: [&str; 8] = [
    "State",
    "Defense Ministry",
    "Foreign Ministry",
    "Armed Forces",
    "Spokesman",
    "News Agency",
    "Министерство обороны",
    "Azərbaycan",
];

const UNITS: [&str; 5] = ["army", "border service", "navy", "police", "any"];

const PHRASES: [&str; 6] = [
    "shortly after midnight",
    "late Monday night",
    "early Tuesday morning",
    "on Tuesday",
    "a large-scale provocation",
    "fake news",
];

/// Saturating sums of this many truths stay exact: at most 3 sides x 2 categories x 2
/// measure parts add up.
const MAX_TRUTH: u64 = u64::MAX / 16;

/// How many independent true counts a dossier draws; keys share them by hash.
const TRUTH_SLOTS: usize = 16;

// ---------------------------------------------------------------- small helpers

/// `idx` into a collection of `len`, or `None` when it is empty (`Index::index` would panic).
fn pick(idx: Index, len: usize) -> Option<usize> {
    (len > 0).then(|| idx.index(len))
}

/// Fisher-Yates with pre-drawn choices, so the order is part of the shrinkable input.
fn shuffle<T>(items: &mut [T], swaps: &[Index]) {
    for i in (1..items.len()).rev() {
        if let Some(s) = swaps.get(i) {
            items.swap(i, s.index(i + 1));
        }
    }
}

fn free_text() -> BoxedStrategy<String> {
    prop_oneof![
        3 => select(PHRASES.to_vec()).prop_map(str::to_owned),
        2 => "\\PC{0,24}",
        1 => vec(any::<char>(), 0..8).prop_map(String::from_iter),
    ]
    .boxed()
}

fn with_commas(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

// ---------------------------------------------------------------- counts and estimates

/// A count: mostly small figures, sometimes large, sometimes the edges `0`, `1`,
/// `u64::MAX - 1` and `u64::MAX`. Shrinks towards `0`.
///
/// ```
/// use contested::strategy::count;
/// use proptest::prelude::*;
///
/// proptest!(ProptestConfig::with_cases(16), |(n in count())| {
///     prop_assert!(n.checked_add(0).is_some());
/// });
/// ```
pub fn count() -> BoxedStrategy<u64> {
    prop_oneof![
        4 => 0..=100u64,
        3 => 0..=100_000u64,
        1 => any::<u64>(),
        1 => select(vec![0, 1, u64::MAX - 1, u64::MAX]),
    ]
    .boxed()
}

/// Any [`CountRange`]: `lo..=hi` with `lo <= hi`, or `lo..`. Exact ranges (`hi == lo`)
/// and the `u64::MAX` edges are common.
///
/// ```
/// use contested::CountRange;
/// use contested::strategy::count_range;
/// use proptest::prelude::*;
///
/// proptest!(ProptestConfig::with_cases(16), |(r in count_range())| {
///     prop_assert!(r.contains(r.lo()));
///     prop_assert_eq!(r.to_string().parse::<CountRange>()?, r);
/// });
/// ```
pub fn count_range() -> BoxedStrategy<CountRange> {
    (count(), option::of(count()))
        .prop_map(|(lo, width)| {
            CountRange::new(lo, width.map(|w| lo.saturating_add(w)))
                .unwrap_or(CountRange::at_least(lo))
        })
        .boxed()
}

/// The random choices behind one estimate; resolved freely or around a true count.
#[derive(Debug, Clone)]
struct EstimateSeed {
    sel: u8,
    a: u64,
    b: u64,
    phrasing: Index,
}

fn estimate_seed() -> impl Strategy<Value = EstimateSeed> {
    (0u8..10, count(), count(), any::<Index>()).prop_map(|(sel, a, b, phrasing)| EstimateSeed {
        sel,
        a,
        b,
        phrasing,
    })
}

impl EstimateSeed {
    fn vague(&self) -> VagueWord {
        VagueWord::ALL[(self.b % VagueWord::ALL.len() as u64) as usize]
    }

    /// Any satisfiable kind.
    fn kind(&self) -> EstimateKind {
        let (a, b) = (self.a, self.b);
        match self.sel {
            0 => EstimateKind::Exact(a),
            1 => EstimateKind::AtLeast(a),
            2 => EstimateKind::MoreThan(a.min(u64::MAX - 1)),
            3 => EstimateKind::AtMost(a),
            4 => EstimateKind::FewerThan(a.max(1)),
            5 => EstimateKind::UpTo(a),
            6 => EstimateKind::Between(a.min(b), a.max(b)),
            7 => EstimateKind::About(a),
            8 => EstimateKind::Nearly(a.max(1)),
            _ => EstimateKind::Vague(self.vague()),
        }
    }

    /// A kind whose default range holds `t`; `Exact(t)` when the chosen one cannot.
    fn kind_containing(&self, t: u64) -> EstimateKind {
        let (a, b) = (self.a, self.b);
        let tol = Interpretation::default().tolerance(t);
        let off = a % (tol / 2 + 1);
        let kind = match self.sel {
            0 => EstimateKind::Exact(t),
            1 => EstimateKind::AtLeast(t.saturating_sub(a)),
            2 if t > 0 => EstimateKind::MoreThan((t - 1).saturating_sub(a)),
            3 => EstimateKind::AtMost(t.saturating_add(a)),
            4 => EstimateKind::FewerThan(t.saturating_add(1).saturating_add(a)),
            5 => EstimateKind::UpTo(t.saturating_add(a)),
            6 => EstimateKind::Between(t.saturating_sub(a), t.saturating_add(b)),
            7 if b % 2 == 0 => EstimateKind::About(t.saturating_add(off)),
            7 => EstimateKind::About(t.saturating_sub(off)),
            8 => EstimateKind::Nearly(t.saturating_add(1).saturating_add(off)),
            9 => {
                let preferred = self.vague();
                let word = std::iter::once(preferred)
                    .chain(VagueWord::ALL)
                    .find(|w| w.default_range().contains(t));
                word.map_or(EstimateKind::About(t), EstimateKind::Vague)
            }
            _ => EstimateKind::Exact(t),
        };
        match Estimate::new(kind) {
            Ok(e) if e.default_range().contains(t) => kind,
            _ => EstimateKind::Exact(t),
        }
    }

    /// `kind` in one of the phrasings the parser reads, or its canonical words.
    fn phrase(&self, kind: EstimateKind) -> Estimate {
        match self.words(kind).parse::<Estimate>() {
            Ok(e) if e.kind() == kind => e,
            _ => Estimate::new(kind).unwrap_or_else(|_| Estimate::exact(0)),
        }
    }

    /// `kind` in one of the phrasings listed in the estimate module's table.
    fn words(&self, kind: EstimateKind) -> String {
        let templates: &[&str] = match kind {
            EstimateKind::Exact(_) => &["{n}"],
            EstimateKind::AtLeast(_) => &[
                "at least {n}",
                "{n} or more",
                "no fewer than {n}",
                "no less than {n}",
                "At least {n}",
            ],
            EstimateKind::MoreThan(_) => &[
                "more than {n}",
                "over {n}",
                "exceeds {n}",
                "in excess of {n}",
                "More than {n}",
            ],
            EstimateKind::AtMost(_) => &["at most {n}", "no more than {n}"],
            EstimateKind::FewerThan(_) => &["fewer than {n}", "less than {n}", "under {n}"],
            EstimateKind::UpTo(_) => &["up to {n}", "Up to {n}"],
            EstimateKind::Between(..) => &[
                "between {a} and {b}",
                "{a} to {b}",
                "{a}-{b}",
                "{a}\u{2013}{b}",
                "{a} - {b}",
            ],
            EstimateKind::About(_) => &[
                "about {n}",
                "around {n}",
                "roughly {n}",
                "approximately {n}",
                "some {n}",
                "circa {n}",
                "c. {n}",
                "c.{n}",
                "~{n}",
                "~ {n}",
            ],
            EstimateKind::Nearly(_) => &["nearly {n}", "almost {n}"],
            EstimateKind::Vague(_) => &["{w}", "{W}"],
            EstimateKind::Best { best, low, .. } if best == low => &[
                "best {n} ({a} to {b})",
                "Best {n} ({a}-{b})",
                "between {a} and {b}, at the low end",
                "{a}\u{2013}{b} at the lower end",
            ],
            EstimateKind::Best { best, high, .. } if best == high => &[
                "best {n} ({a} to {b})",
                "Best {n} ({a}-{b})",
                "between {a} and {b}, at the high end",
                "{a} to {b}, at the upper end",
            ],
            EstimateKind::Best { .. } => &["best {n} ({a} to {b})", "Best {n} ({a}-{b})"],
        };
        let i = self.phrasing.index(templates.len() * 2);
        let fmt = |n: u64| {
            if i % 2 == 1 {
                with_commas(n)
            } else {
                n.to_string()
            }
        };
        let (n, a, b, w) = match kind {
            EstimateKind::Exact(n)
            | EstimateKind::AtLeast(n)
            | EstimateKind::MoreThan(n)
            | EstimateKind::AtMost(n)
            | EstimateKind::FewerThan(n)
            | EstimateKind::UpTo(n)
            | EstimateKind::About(n)
            | EstimateKind::Nearly(n) => (n, n, n, ""),
            EstimateKind::Between(a, b) => (a, a, b, ""),
            EstimateKind::Best { best, low, high } => (best, low, high, ""),
            EstimateKind::Vague(w) => (0, 0, 0, w.as_str()),
        };
        let mut capital = w.to_owned();
        if let Some(first) = capital.get_mut(..1) {
            first.make_ascii_uppercase();
        }
        templates[i / 2]
            .replace("{n}", &fmt(n))
            .replace("{a}", &fmt(a))
            .replace("{b}", &fmt(b))
            .replace("{w}", w)
            .replace("{W}", &capital)
    }

    fn free(&self) -> Estimate {
        self.phrase(self.kind())
    }

    fn containing(&self, t: u64) -> Estimate {
        self.phrase(self.kind_containing(t))
    }
}

/// Every satisfiable [`EstimateKind`]: all ten variants, with `FewerThan` and `Nearly`
/// at least 1 and `Between(a, b)` with `a <= b`. Shrinks towards `Exact(0)`.
///
/// ```
/// use contested::Estimate;
/// use contested::strategy::estimate_kind;
/// use proptest::prelude::*;
///
/// proptest!(ProptestConfig::with_cases(16), |(k in estimate_kind())| {
///     prop_assert!(k.is_satisfiable());
///     prop_assert_eq!(Estimate::new(k)?.kind(), k);
/// });
/// ```
pub fn estimate_kind() -> BoxedStrategy<EstimateKind> {
    estimate_seed().prop_map(|s| s.kind()).boxed()
}

/// Every [`Estimate`]: every kind of [`estimate_kind`], written in any phrasing the
/// parser reads ("49 or more", "In excess of 1,000", "40–60", "~ 50", "Dozens"), so
/// [`Estimate::words`] varies while the kind is what was drawn.
///
/// ```
/// use contested::Estimate;
/// use contested::strategy::estimate;
/// use proptest::prelude::*;
///
/// proptest!(ProptestConfig::with_cases(16), |(e in estimate())| {
///     prop_assert_eq!(e.words().parse::<Estimate>()?, e.clone());
///     prop_assert_eq!(serde_json::from_str::<Estimate>(&serde_json::to_string(&e)?)?, e);
/// });
/// ```
pub fn estimate() -> BoxedStrategy<Estimate> {
    estimate_seed().prop_map(|s| s.free()).boxed()
}

/// Estimates whose [default range](Estimate::default_range) holds `truth`: every kind
/// that can, with `Exact(truth)` standing in where a drawn kind cannot (`more than` of
/// 0, a vague word whose range misses `truth`).
///
/// ```
/// use contested::strategy::estimate_containing;
/// use proptest::prelude::*;
///
/// proptest!(ProptestConfig::with_cases(16), |(e in estimate_containing(49))| {
///     prop_assert!(e.default_range().contains(49));
/// });
/// ```
pub fn estimate_containing(truth: u64) -> BoxedStrategy<Estimate> {
    estimate_seed()
        .prop_map(move |s| s.containing(truth))
        .boxed()
}

// ---------------------------------------------------------------- time

fn offset() -> impl Strategy<Value = FixedOffset> {
    const DAY_MINUTES: i32 = 24 * 60 - 1;
    prop_oneof![
        3 => Just(4 * 3600),
        2 => select(vec![0, 3 * 3600, -5 * 3600, 5 * 3600 + 1800, 5 * 3600 + 2700, 14 * 3600, -12 * 3600, -(9 * 3600 + 1800)]),
        1 => (-DAY_MINUTES..=DAY_MINUTES).prop_map(|m| m * 60),
    ]
    .prop_map(|secs| FixedOffset::east_opt(secs).unwrap_or_else(|| Utc.fix()))
}

/// 1990-01-01T00:00:00Z.
const ERA_START: i64 = 631_152_000;
/// Fifty years.
const ERA_SECONDS: i64 = 50 * 365 * 86_400;

/// Time windows with `earliest <= latest`, whole seconds between 1990 and 2040, written
/// in UTC+4 (the seed report's zone) most often and in other offsets (UTC, UTC-5,
/// UTC+5:30, UTC+14, any whole minute) otherwise. Instants, hours, days, months and
/// years wide; any [`Precision`]; a phrase or none.
///
/// ```
/// use contested::TimeWindow;
/// use contested::strategy::time_window;
/// use proptest::prelude::*;
///
/// proptest!(ProptestConfig::with_cases(16), |(w in time_window())| {
///     prop_assert!(w.earliest() <= w.latest());
///     prop_assert_eq!(serde_json::from_str::<TimeWindow>(&serde_json::to_string(&w)?)?, w);
/// });
/// ```
pub fn time_window() -> BoxedStrategy<TimeWindow> {
    let length = prop_oneof![
        2 => Just(0i64),
        2 => 0..=6 * 3600i64,
        2 => 0..=31 * 86_400i64,
        1 => 0..=2 * 365 * 86_400i64,
    ];
    (
        ERA_START..ERA_START + ERA_SECONDS,
        length,
        offset(),
        select(PRECISIONS.to_vec()),
        option::of(free_text()),
    )
        .prop_map(|(start, len, off, precision, phrase)| {
            let at = |secs: i64| {
                DateTime::from_timestamp(secs, 0)
                    .unwrap_or_default()
                    .with_timezone(&off)
            };
            let (earliest, latest) = (at(start), at(start + len));
            let w = TimeWindow::new(earliest, latest)
                .unwrap_or_else(|_| TimeWindow::instant(earliest))
                .with_precision(precision);
            match phrase {
                Some(p) => w.with_phrase(p),
                None => w,
            }
        })
        .boxed()
}

/// `w` stretched so that its latest moment is no earlier than `at`.
fn stretch_to(w: TimeWindow, at: DateTime<FixedOffset>) -> TimeWindow {
    if w.latest() >= at {
        return w;
    }
    let latest = at.with_timezone(&w.latest().offset().fix());
    match TimeWindow::new(w.earliest(), latest) {
        Ok(stretched) => {
            let stretched = stretched.with_precision(w.precision());
            match w.phrase() {
                Some(p) => stretched.with_phrase(p),
                None => stretched,
            }
        }
        Err(_) => w,
    }
}

// ---------------------------------------------------------------- actors

#[derive(Debug, Clone)]
struct ActorSeed {
    kind: ActorKind,
    parent: Option<Index>,
    speaks_for: bool,
    name: Index,
    aliases: usize,
    swap: Index,
}

fn actor_seed() -> impl Strategy<Value = ActorSeed> {
    (
        select(ACTOR_KINDS.to_vec()),
        option::weighted(0.6, any::<Index>()),
        prop::bool::weighted(0.2),
        any::<Index>(),
        0usize..=2,
        any::<Index>(),
    )
        .prop_map(
            |(kind, parent, speaks_for, name, aliases, swap)| ActorSeed {
                kind,
                parent,
                speaks_for,
                name,
                aliases,
                swap,
            },
        )
}

/// Actor `k` (by rank) nests only in an actor of lower rank, so nesting is acyclic; the
/// list is then shuffled, so parents come before or after their children.
fn resolve_actors(seeds: &[ActorSeed]) -> Vec<Actor> {
    let mut actors: Vec<Actor> = seeds
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let name = format!("{} {k}", NAMES[s.name.index(NAMES.len())]);
            let mut a = Actor::new(ActorId::new(format!("a{k}")), name, s.kind);
            if let Some(p) = s.parent.and_then(|p| pick(p, k)) {
                let parent = ActorId::new(format!("a{p}"));
                a = if s.speaks_for {
                    a.speaks_for(parent)
                } else {
                    a.part_of(parent)
                };
            }
            for j in 0..s.aliases {
                a = a.with_alias(format!("alias {k}.{j}"));
            }
            // An office held by a named person.
            if s.kind == ActorKind::Person {
                a = a.held_by(format!("holder {k}"));
            }
            a
        })
        .collect();
    let swaps: Vec<Index> = seeds.iter().map(|s| s.swap).collect();
    shuffle(&mut actors, &swaps);
    actors
}

/// `n` actors with unique ids (`a0`, `a1`, ...), unique names and aliases (every person
/// an office with its holder named), about 60% of
/// them nested (*part of*, sometimes *speaks for*) in another. The nesting is a forest
/// (acyclic); the list order is shuffled, so a parent may be listed before or after its
/// children. Any number of roots; every [`ActorKind`].
///
/// ```
/// use contested::Dossier;
/// use contested::strategy::actor_forest;
/// use proptest::prelude::*;
///
/// proptest!(ProptestConfig::with_cases(16), |(actors in actor_forest(0..10))| {
///     let d = actors.iter().cloned().fold(Dossier::builder(), |b, a| b.actor(a)).build()?;
///     for a in &actors {
///         prop_assert!(d.party_of(&a.id).unwrap().part_of.is_none());
///     }
/// });
/// ```
pub fn actor_forest(n: impl Into<SizeRange>) -> BoxedStrategy<Vec<Actor>> {
    vec(actor_seed(), n)
        .prop_map(|seeds| resolve_actors(&seeds))
        .boxed()
}

// ---------------------------------------------------------------- events

#[derive(Debug, Clone)]
struct EventSeed {
    kind: EventKind,
    scheduled: bool,
    when: Option<TimeWindow>,
    place: Option<String>,
    sides: Vec<Index>,
    parent: Option<Index>,
    context: Vec<(Index, ContextRelation)>,
    swap: Index,
    /// One coalition's members, drawn from the actors.
    coalition: Option<Vec<Index>>,
}

fn event_seed() -> impl Strategy<Value = EventSeed> {
    (
        select(EVENT_KINDS.to_vec()),
        prop::bool::weighted(0.15),
        option::weighted(0.7, time_window()),
        option::of(free_text()),
        vec(any::<Index>(), 0..=3),
        option::weighted(0.4, any::<Index>()),
        vec((any::<Index>(), select(RELATIONS.to_vec())), 0..=2),
        any::<Index>(),
        option::weighted(0.15, vec(any::<Index>(), 1..=3)),
    )
        .prop_map(
            |(kind, scheduled, when, place, sides, parent, context, swap, coalition)| EventSeed {
                coalition,
                kind,
                scheduled,
                when,
                place,
                sides,
                parent,
                context,
                swap,
            },
        )
}

fn resolve_events(seeds: &[EventSeed], actors: &[ActorId]) -> Vec<Event> {
    let n = seeds.len();
    let mut events: Vec<Event> = seeds
        .iter()
        .enumerate()
        .map(|(k, s)| {
            let mut e = Event::new(EventId::new(format!("e{k}")), format!("Event {k}"), s.kind);
            if s.scheduled {
                e = e.scheduled();
            }
            if let Some(w) = &s.when {
                e = e.with_when(w.clone());
            }
            if let Some(p) = &s.place {
                e = e.with_place(p.clone());
            }
            for side in &s.sides {
                if let Some(a) = pick(*side, actors.len()).map(|i| &actors[i])
                    && !e.sides.contains(a)
                {
                    e = e.with_side(a.clone());
                }
            }
            if let Some(members) = &s.coalition {
                let mut c: Vec<ActorId> = Vec::new();
                for m in members {
                    if let Some(a) = pick(*m, actors.len()).map(|i| &actors[i])
                        && !c.contains(a)
                    {
                        c.push(a.clone());
                    }
                }
                if !c.is_empty() {
                    e = e.with_coalition(c);
                }
            }
            if let Some(p) = s.parent.and_then(|p| pick(p, k)) {
                e = e.within(EventId::new(format!("e{p}")));
            }
            for (target, relation) in &s.context {
                if let Some(t) = pick(*target, n).filter(|&t| t != k) {
                    e = e.with_context(EventId::new(format!("e{t}")), *relation);
                }
            }
            e
        })
        .collect();
    let swaps: Vec<Index> = seeds.iter().map(|s| s.swap).collect();
    shuffle(&mut events, &swaps);
    events
}

/// `n` events with unique ids (`e0`, `e1`, ...) of every [`EventKind`], some scheduled,
/// most with a [`time_window`], with up to three distinct sides drawn from `actors`, a
/// parent for about 40% (acyclic; listed before or after the child) and context links to
/// other events. With no actors, no event has sides.
///
/// ```
/// use contested::Dossier;
/// use contested::strategy::{actor_forest, events};
/// use proptest::prelude::*;
///
/// let both = actor_forest(1..5).prop_flat_map(|actors| {
///     let evs = events(0..6, &actors);
///     (Just(actors), evs)
/// });
/// proptest!(ProptestConfig::with_cases(16), |((actors, evs) in both)| {
///     let b = actors.into_iter().fold(Dossier::builder(), |b, a| b.actor(a));
///     prop_assert!(evs.into_iter().fold(b, |b, e| b.event(e)).build().is_ok());
/// });
/// ```
pub fn events(n: impl Into<SizeRange>, actors: &[Actor]) -> BoxedStrategy<Vec<Event>> {
    let ids: Vec<ActorId> = actors.iter().map(|a| a.id.clone()).collect();
    vec(event_seed(), n)
        .prop_map(move |seeds| resolve_events(&seeds, &ids))
        .boxed()
}

// ---------------------------------------------------------------- claims

#[derive(Debug, Clone)]
enum BodySeed {
    Count {
        measure: Measure,
        whose: Option<Index>,
        category: (u8, Index),
        estimate: EstimateSeed,
        breakdown: Vec<(Index, EstimateSeed)>,
        status: CountStatus,
        as_of: Option<TimeWindow>,
    },
    Responsibility {
        initiator: Index,
        against: Option<Index>,
        description: Option<String>,
    },
    Action {
        actor: Index,
        action: EventKind,
        target: Option<Index>,
        description: Option<String>,
    },
    Timing {
        boundary: Boundary,
        window: TimeWindow,
    },
    Denial {
        /// Whether it names a claim (when there is one to name).
        names_claim: bool,
        denies: Index,
        allegation: Option<AllegationSeed>,
        wording: Option<String>,
    },
    Credit {
        credited: Index,
    },
}

#[derive(Debug, Clone)]
struct ClaimSeed {
    event: Index,
    body: BodySeed,
}

/// The measures the dossier strategies define, added to a dossier's registry when one of
/// its claims counts one: a plain measure that only grows and a sum of a built-in and a
/// defined one, so generated dossiers exercise defined measures in validation, in
/// part-whole sums and in running counts.
fn defined_measures() -> [MeasureDef; 2] {
    [
        MeasureDef::new("seriously_injured").growing(true),
        MeasureDef::new("killed_or_seriously_injured").sum_of(["killed", "seriously_injured"]),
    ]
}

/// A built-in measure or one of [`defined_measures`].
fn any_measure() -> impl Strategy<Value = Measure> + Clone {
    let mut all = Measure::ALL.to_vec();
    all.extend(defined_measures().map(|d| Measure::Defined(d.name)));
    select(all)
}

fn body_seed() -> impl Strategy<Value = BodySeed> {
    let count = (
        any_measure(),
        option::weighted(0.7, any::<Index>()),
        (0u8..4, any::<Index>()),
        estimate_seed(),
        vec((any::<Index>(), estimate_seed()), 0..=2),
        count_status(),
        option::weighted(0.2, time_window()),
    )
        .prop_map(
            |(measure, whose, category, estimate, breakdown, status, as_of)| BodySeed::Count {
                measure,
                whose,
                category,
                estimate,
                breakdown,
                status,
                as_of,
            },
        );
    let responsibility = (
        any::<Index>(),
        option::of(any::<Index>()),
        option::of(free_text()),
    )
        .prop_map(
            |(initiator, against, description)| BodySeed::Responsibility {
                initiator,
                against,
                description,
            },
        );
    let action = (
        any::<Index>(),
        select(EVENT_KINDS.to_vec()),
        option::of(any::<Index>()),
        option::of(free_text()),
    )
        .prop_map(|(actor, action, target, description)| BodySeed::Action {
            actor,
            action,
            target,
            description,
        });
    let timing = (select(Boundary::ALL), time_window())
        .prop_map(|(boundary, window)| BodySeed::Timing { boundary, window });
    let allegation = (
        option::of(free_text()),
        option::of(any::<Index>()),
        option::of(select(ClaimKind::ALL)),
        option::weighted(0.3, any_measure()),
    );
    let denial = (
        any::<bool>(),
        any::<Index>(),
        option::weighted(0.5, allegation),
        option::of(free_text()),
    )
        .prop_map(
            |(names_claim, denies, allegation, wording)| BodySeed::Denial {
                names_claim,
                denies,
                allegation,
                wording,
            },
        );
    let credit = any::<Index>().prop_map(|credited| BodySeed::Credit { credited });
    prop_oneof![
        5 => count,
        1 => responsibility,
        1 => action,
        1 => timing,
        1 => denial,
        1 => credit,
    ]
}

/// Every [`CountStatus`]: unstated (most often), running or final.
///
/// ```
/// use contested::strategy::count_status;
/// use proptest::prelude::*;
///
/// proptest!(|(s in count_status())| {
///     prop_assert!(contested::CountStatus::ALL.contains(&s));
/// });
/// ```
pub fn count_status() -> BoxedStrategy<CountStatus> {
    prop_oneof![
        3 => Just(CountStatus::Unstated),
        1 => Just(CountStatus::Running),
        1 => Just(CountStatus::Final),
    ]
    .boxed()
}

/// A count with a status and as-of time; a final status is dropped where the estimate
/// is open-ended (validation refuses "final: at least N") or its words name another.
fn with_series(c: CountClaim, status: CountStatus, as_of: &Option<TimeWindow>) -> CountClaim {
    use crate::estimate::EstimateKind;
    let open = matches!(
        c.estimate.kind(),
        EstimateKind::AtLeast(_) | EstimateKind::MoreThan(_)
    );
    let said = c.estimate.status();
    let status = if (status.is_final() && open) || (said != CountStatus::Unstated && said != status)
    {
        CountStatus::Unstated
    } else {
        status
    };
    let c = c.with_status(status);
    match as_of {
        Some(w) => c.with_as_of(w.clone()),
        None => c,
    }
}

fn claim_seed() -> impl Strategy<Value = ClaimSeed> {
    (any::<Index>(), body_seed()).prop_map(|(event, body)| ClaimSeed { event, body })
}

/// How count claims get their figures.
#[derive(Debug, Clone)]
enum Figures {
    /// Any estimate, any key, breakdowns allowed.
    Free,
    /// Figures around hidden true counts; keys limited to `All`, the event's sides and
    /// the three plain categories, so part-whole sums hold too.
    Truthful(TruthTable),
}

/// Hidden true counts: one per atomic key (a side's military or civilian killed,
/// wounded, ...), drawn from a few slots by hash; totals are the sums of their parts.
#[derive(Debug, Clone)]
struct TruthTable {
    slots: Vec<u64>,
}

fn truth_table() -> impl Strategy<Value = TruthTable> {
    let truth = prop_oneof![4 => 0..=100u64, 3 => 0..=100_000u64, 1 => 0..=MAX_TRUTH];
    vec(truth, TRUTH_SLOTS).prop_map(|slots| TruthTable { slots })
}

impl TruthTable {
    fn atomic(
        &self,
        event: &EventId,
        measure: &Measure,
        whose: &Whose,
        category: &Category,
    ) -> u64 {
        // FNV-1a: stable across runs and platforms, unlike the std hasher.
        let key = format!("{event}\u{0}{measure}\u{0}{whose:?}\u{0}{category:?}");
        let h = key.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        let i = (h % self.slots.len().max(1) as u64) as usize;
        self.slots.get(i).copied().unwrap_or(0)
    }

    /// The true count of a key: `All` is the sum over the event's sides (when it has
    /// any), `Any` is military + civilian, composite measures the sum of their parts.
    fn truth(&self, event: &Event, measure: &Measure, whose: &Whose, category: &Category) -> u64 {
        if *whose == Whose::All && !event.sides.is_empty() {
            return event.sides.iter().fold(0u64, |sum, side| {
                sum.saturating_add(self.truth(
                    event,
                    measure,
                    &Whose::Party(side.clone()),
                    category,
                ))
            });
        }
        if *category == Category::Any {
            return self
                .truth(event, measure, whose, &Category::Military)
                .saturating_add(self.truth(event, measure, whose, &Category::Civilian));
        }
        if let Some((p, q)) = measure.parts() {
            return self
                .truth(event, &p, whose, category)
                .saturating_add(self.truth(event, &q, whose, category));
        }
        if let Measure::Defined(name) = measure
            && let Some(def) = defined_measures().into_iter().find(|d| d.name == *name)
            && !def.sum_of.is_empty()
        {
            return def.sum_of.iter().fold(0u64, |sum, part| {
                let part: Measure = part.parse().unwrap_or(Measure::Killed);
                sum.saturating_add(self.truth(event, &part, whose, category))
            });
        }
        self.atomic(&event.id, measure, whose, category)
    }
}

/// What a claim may refer to.
struct Cast<'a> {
    actors: &'a [ActorId],
    deniable: &'a [ClaimId],
}

impl Cast<'_> {
    fn actor(&self, idx: Index) -> Option<ActorId> {
        pick(idx, self.actors.len()).map(|i| self.actors[i].clone())
    }
}

fn resolve_body(
    seed: &BodySeed,
    event: &Event,
    cast: &Cast<'_>,
    figures: &Figures,
    fallback: &TimeWindow,
) -> ClaimBody {
    let timing = || ClaimBody::Timing {
        boundary: Boundary::Onset,
        window: fallback.clone(),
    };
    match seed {
        BodySeed::Count {
            measure,
            whose,
            category,
            estimate,
            breakdown,
            status,
            as_of,
        } => match figures {
            Figures::Free => {
                let whose = whose
                    .and_then(|w| cast.actor(w))
                    .map_or(Whose::All, Whose::Party);
                let category = match category.0 {
                    0 => Category::Any,
                    1 => Category::Military,
                    2 => Category::Civilian,
                    3 if category.1.index(4) == 0 => Category::Unknown,
                    _ => Category::unit(UNITS[category.1.index(UNITS.len())]),
                };
                let mut c = CountClaim::new(measure.clone(), whose, category, estimate.free());
                for (unit, e) in breakdown {
                    c = c.with_part(BreakdownPart::new(UNITS[unit.index(UNITS.len())], e.free()));
                }
                ClaimBody::Count(with_series(c, *status, as_of))
            }
            Figures::Truthful(table) => {
                let whose = whose
                    .and_then(|w| pick(w, event.sides.len()))
                    .map_or(Whose::All, |i| Whose::Party(event.sides[i].clone()));
                let category = match category.0 % 3 {
                    0 => Category::Any,
                    1 => Category::Military,
                    _ => Category::Civilian,
                };
                let t = table.truth(event, measure, &whose, &category);
                let c = CountClaim::new(measure.clone(), whose, category, estimate.containing(t));
                ClaimBody::Count(with_series(c, *status, as_of))
            }
        },
        BodySeed::Responsibility {
            initiator,
            against,
            description,
        } => match cast.actor(*initiator) {
            Some(initiator) => ClaimBody::Responsibility {
                initiator,
                against: against.and_then(|a| cast.actor(a)),
                description: description.clone(),
            },
            None => timing(),
        },
        BodySeed::Action {
            actor,
            action,
            target,
            description,
        } => match cast.actor(*actor) {
            Some(actor) => ClaimBody::Action {
                actor,
                action: *action,
                target: target.and_then(|t| cast.actor(t)),
                description: description.clone(),
            },
            None => timing(),
        },
        BodySeed::Timing { boundary, window } => ClaimBody::Timing {
            boundary: *boundary,
            window: window.clone(),
        },
        BodySeed::Denial {
            names_claim,
            denies,
            allegation,
            wording,
        } => {
            let denies = pick(*denies, cast.deniable.len())
                .filter(|_| *names_claim || allegation.is_none())
                .map(|i| cast.deniable[i].clone());
            let allegation = allegation.as_ref().map(|(quote, by, kind, measure)| {
                let mut a = Allegation::new();
                a.quote = quote.clone();
                a.by = by.and_then(|b| cast.actor(b));
                a.kind = *kind;
                if let Some(m) = measure {
                    a = a.of_measure(m.clone());
                }
                a
            });
            if denies.is_none() && allegation.is_none() {
                timing()
            } else {
                ClaimBody::Denial {
                    denies,
                    allegation,
                    wording: wording.clone(),
                }
            }
        }
        BodySeed::Credit { credited } => match cast.actor(*credited) {
            Some(credited) => ClaimBody::MediationCredit { credited },
            None => timing(),
        },
    }
}

fn fallback_window() -> TimeWindow {
    TimeWindow::instant(
        DateTime::from_timestamp(ERA_START, 0)
            .unwrap_or_default()
            .fixed_offset(),
    )
}

/// Claims of every [`ClaimBody`] kind about `event`: counts (any measure, whose from
/// `actors` or all, any category including units, any [`estimate`], sometimes a
/// breakdown), responsibility and actions naming `actors`, timing windows, denials of
/// one of `deniable`, mediation credit. Kinds that need an actor (or a deniable claim)
/// become timing claims when `actors` (or `deniable`) is empty.
///
/// ```
/// use contested::{Actor, ActorKind};
/// use contested::strategy::claim;
/// use proptest::prelude::*;
///
/// let actors = [Actor::new("am", "Armenia", ActorKind::State)];
/// proptest!(ProptestConfig::with_cases(16), |(c in claim("c1", "clash", &actors, &["c0".into()]))| {
///     prop_assert_eq!(c.event.as_str(), "clash");
/// });
/// ```
pub fn claim(
    id: impl Into<ClaimId>,
    event: impl Into<EventId>,
    actors: &[Actor],
    deniable: &[ClaimId],
) -> BoxedStrategy<Claim> {
    let id = id.into();
    let event = Event::new(event.into(), "", EventKind::Other);
    let actors: Vec<ActorId> = actors.iter().map(|a| a.id.clone()).collect();
    let deniable = deniable.to_vec();
    body_seed()
        .prop_map(move |seed| {
            let cast = Cast {
                actors: &actors,
                deniable: &deniable,
            };
            let body = resolve_body(&seed, &event, &cast, &Figures::Free, &fallback_window());
            Claim::new(id.clone(), event.id.clone(), body)
        })
        .boxed()
}

// ---------------------------------------------------------------- relative claims

const COMPARISONS: [Comparison; 6] = [
    Comparison::Equal,
    Comparison::About,
    Comparison::AtLeast,
    Comparison::AtMost,
    Comparison::MoreThan,
    Comparison::LessThan,
];

/// Any [`Ratio`]: every comparison, and factors that are mostly the common ones
/// (double, half, a third, three times) and otherwise any fraction of two numbers from
/// 1 to 1,000 or, rarely, up to `u32::MAX`. Shrinks towards "the same as".
///
/// ```
/// use contested::Ratio;
/// use contested::strategy::ratio;
/// use proptest::prelude::*;
///
/// proptest!(ProptestConfig::with_cases(16), |(r in ratio())| {
///     prop_assert_eq!(r.to_string().parse::<Ratio>()?, r);
/// });
/// ```
pub fn ratio() -> BoxedStrategy<Ratio> {
    let common = select(vec![(1, 1), (2, 1), (1, 2), (1, 3), (3, 1), (1, 4), (2, 3)]);
    let part = prop_oneof![4 => 1u32..=1000, 1 => 1u32..=u32::MAX];
    let factor = prop_oneof![3 => common, 2 => (part.clone(), part)];
    (select(COMPARISONS.to_vec()), factor)
        .prop_map(|(c, (n, d))| Ratio::new(c, Factor::new(n, d).unwrap_or(Factor::ONE)))
        .boxed()
}

/// A phrase in any wording the grammar reads, with the [`Ratio`] it means: synonyms of
/// each comparison ("no fewer than", "over", "roughly"), of each factor ("twice",
/// "two times", "2-fold", "200 percent of", "a half"), number words, decimals,
/// fractions and trailing words ("as many as"), in any ASCII case; comparatives ("three
/// times more than", "at least five times fewer than") and vague factors ("several
/// times").
///
/// ```
/// use contested::Ratio;
/// use contested::strategy::ratio_phrase;
/// use proptest::prelude::*;
///
/// proptest!(ProptestConfig::with_cases(16), |((words, r) in ratio_phrase())| {
///     prop_assert_eq!(words.parse::<Ratio>()?, r);
/// });
/// ```
pub fn ratio_phrase() -> BoxedStrategy<(String, Ratio)> {
    const SAY: [(&str, Comparison); 12] = [
        ("", Comparison::Equal),
        ("about ", Comparison::About),
        ("roughly ", Comparison::About),
        ("at least ", Comparison::AtLeast),
        ("no fewer than ", Comparison::AtLeast),
        ("at most ", Comparison::AtMost),
        ("up to ", Comparison::AtMost),
        ("more than ", Comparison::MoreThan),
        ("over ", Comparison::MoreThan),
        ("upwards of ", Comparison::MoreThan),
        ("less than ", Comparison::LessThan),
        ("fewer than ", Comparison::LessThan),
    ];
    const FACTORS: [(&str, u32, u32); 16] = [
        ("double", 2, 1),
        ("twice", 2, 1),
        ("two times", 2, 1),
        ("2-fold", 2, 1),
        ("200 percent of", 2, 1),
        ("triple", 3, 1),
        ("three times", 3, 1),
        ("half", 1, 2),
        ("a half of", 1, 2),
        ("50% of", 1, 2),
        ("a third of", 1, 3),
        ("two thirds of", 2, 3),
        ("a quarter of", 1, 4),
        ("2.5 times", 5, 2),
        ("forty times", 40, 1),
        ("the same as", 1, 1),
    ];
    const TAILS: [&str; 3] = ["", " as many as", " as much as"];
    let fixed = (select(FACTORS.to_vec()), select(TAILS.to_vec())).prop_map(|((w, n, d), t)| {
        // A tail after "of" would read "of as many as": keep the words as said.
        let t = if w.ends_with(" of") { "" } else { t };
        (format!("{w}{t}"), n, d)
    });
    let numeric = (1u32..=100_000, 1u32..=1000, any::<bool>()).prop_map(|(n, d, times)| {
        if times || n >= d {
            (format!("{n}/{d} times"), n, d)
        } else {
            (format!("{n}/{d} of"), n, d)
        }
    });
    let plain = (
        select(SAY.to_vec()),
        prop_oneof![fixed, numeric],
        any::<bool>(),
    )
        .prop_map(|((say, c), (words, n, d), upper)| {
            let phrase = format!("{say}{words}");
            let phrase = if upper {
                phrase.to_ascii_uppercase()
            } else {
                phrase
            };
            let r = Ratio::new(c, Factor::new(n, d).unwrap_or(Factor::ONE));
            (phrase, r)
        });
    // "N times more than" keeps the factor; "N times fewer than" inverts it and turns
    // the comparison round; "several times" is at least 3.
    const MORE: [&str; 4] = ["more than", "higher than", "greater", "larger than"];
    const FEWER: [&str; 4] = ["fewer than", "less than", "smaller", "lower than"];
    let turn = |c: Comparison| match c {
        Comparison::AtLeast => Comparison::AtMost,
        Comparison::AtMost => Comparison::AtLeast,
        Comparison::MoreThan => Comparison::LessThan,
        Comparison::LessThan => Comparison::MoreThan,
        c => c,
    };
    let comparative = (
        select(SAY.to_vec()),
        2u32..=1000,
        any::<bool>(),
        any::<Index>(),
    )
        .prop_map(move |((say, c), n, fewer, w)| {
            let times = Factor::times(n).unwrap_or(Factor::ONE);
            if fewer {
                let word = FEWER[w.index(FEWER.len())];
                let third = Factor::new(1, n).unwrap_or(Factor::ONE);
                (format!("{say}{n} times {word}"), Ratio::new(turn(c), third))
            } else {
                let word = MORE[w.index(MORE.len())];
                (format!("{say}{n} times {word}"), Ratio::new(c, times))
            }
        });
    let vague = select(vec![
        ("several times", Comparison::AtLeast, 3, 1),
        ("a few times more than", Comparison::AtLeast, 2, 1),
        ("many times", Comparison::AtLeast, 2, 1),
        ("several times fewer than", Comparison::AtMost, 1, 3),
        ("multiple-fold", Comparison::AtLeast, 2, 1),
    ])
    .prop_map(|(w, c, n, d)| {
        (
            w.to_owned(),
            Ratio::new(c, Factor::new(n, d).unwrap_or(Factor::ONE)),
        )
    });
    prop_oneof![6 => plain, 2 => comparative, 1 => vague].boxed()
}

/// A [`RelativeClaim`] about the people of `actors` (or everyone): any measure and
/// category for its subject and for the quantity it names, any [`ratio`], never the
/// same quantity on both sides (which validation refuses), and of the claim's own event.
///
/// ```
/// use contested::{Actor, ActorKind, Claim, ClaimBody};
/// use contested::strategy::relative_claim;
/// use proptest::prelude::*;
///
/// let actors = [Actor::new("am", "Armenia", ActorKind::State)];
/// proptest!(ProptestConfig::with_cases(16), |(r in relative_claim(&actors))| {
///     let c = Claim::new("c", "clash", ClaimBody::Relative(r));
///     prop_assert_eq!(serde_json::from_str::<Claim>(&serde_json::to_string(&c)?)?, c);
/// });
/// ```
pub fn relative_claim(actors: &[Actor]) -> BoxedStrategy<RelativeClaim> {
    let ids: Vec<ActorId> = actors.iter().map(|a| a.id.clone()).collect();
    let whose = move |i: Option<Index>| match i.and_then(|i| pick(i, ids.len())) {
        Some(k) => Whose::Party(ids[k].clone()),
        None => Whose::All,
    };
    let side = (
        select(Measure::ALL),
        option::weighted(0.8, any::<Index>()),
        select(vec![
            Category::Any,
            Category::Military,
            Category::Civilian,
            Category::Unknown,
        ]),
    );
    (side.clone(), side, ratio())
        .prop_map(move |((m, w, c), (om, ow, oc), r)| {
            let of = Quantity::new(om.clone(), whose(ow), oc);
            let (w, c) = (whose(w), c);
            // The same quantity on both sides is refused: compare with another category.
            let of = if (&m, &w, &c) == (&of.measure, &of.whose, &of.category) {
                let other = if c == Category::Any {
                    Category::Military
                } else {
                    Category::Any
                };
                Quantity::new(om, of.whose, other)
            } else {
                of
            };
            RelativeClaim::new(m, w, c, r, of)
        })
        .boxed()
}

// ---------------------------------------------------------------- measures

/// A registry of `n` user-defined measures (`m0`, `m1`, ...) that passes validation: some
/// are sums of two or three distinct parts, each part a built-in measure or an earlier
/// defined one, so sums never cycle.
///
/// ```
/// use contested::Dossier;
/// use contested::strategy::measure_registry;
/// use proptest::prelude::*;
///
/// proptest!(ProptestConfig::with_cases(32), |(defs in measure_registry(0..8))| {
///     let d = defs.iter().cloned().fold(Dossier::builder(), |b, m| b.measure(m)).build()?;
///     prop_assert_eq!(Dossier::from_json(&d.to_json())?, d);
/// });
/// ```
pub fn measure_registry(n: impl Into<SizeRange>) -> BoxedStrategy<Vec<MeasureDef>> {
    vec(
        (
            option::weighted(0.5, vec(any::<Index>(), 2..=3)),
            option::of(free_text()),
            any::<bool>(),
        ),
        n,
    )
    .prop_map(|seeds| {
        let mut out: Vec<MeasureDef> = Vec::new();
        for (k, (parts, description, grows)) in seeds.into_iter().enumerate() {
            let mut m = MeasureDef::new(format!("m{k}")).growing(grows);
            m.description = description;
            let mut names: Vec<String> = Vec::new();
            for idx in parts.into_iter().flatten() {
                // Built-in measures, then the measures defined before this one.
                let i = idx.index(Measure::ALL.len() + k);
                let name = match Measure::ALL.get(i) {
                    Some(b) => b.name().to_owned(),
                    None => format!("m{}", i - Measure::ALL.len()),
                };
                if !names.contains(&name) {
                    names.push(name);
                }
            }
            if names.len() >= 2 {
                m.sum_of = names;
            }
            out.push(m);
        }
        out
    })
    .boxed()
}

// ---------------------------------------------------------------- statements

/// An allegation's words, alleger, kind and measure.
type AllegationSeed = (
    Option<String>,
    Option<Index>,
    Option<ClaimKind>,
    Option<Measure>,
);

#[derive(Debug, Clone)]
struct StatementSeed {
    speaker: Option<Index>,
    form: Form,
    /// Each relay's outlet, what it relays (see [`relay_from`]) and its channel.
    relay: Vec<(Index, Index, Option<Channel>)>,
    channel: Option<Channel>,
    /// A joint statement's other speakers.
    co_speakers: Vec<Index>,
    hedges: Vec<Hedge>,
    quote: Option<String>,
    made: TimeWindow,
    about: Vec<Index>,
    claims: Vec<ClaimSeed>,
    sources: Vec<String>,
    /// Links to earlier statements: `true` revises, `false` cites.
    links: Vec<(bool, Index)>,
}

fn hedge() -> impl Strategy<Value = Hedge> {
    prop_oneof![
        select(Hedge::NAMED.to_vec()),
        free_text().prop_map(Hedge::Other),
    ]
}

/// What a relay relays, given the relays before it: the one before (a chain link), the
/// origin (a parallel outlet), or an earlier relay by index or by outlet.
fn relay_from(choice: Index, earlier: &[Relay]) -> Option<RelayFrom> {
    match choice.index(4) {
        0 => None,
        1 => Some(RelayFrom::Origin),
        2 => pick(choice, earlier.len()).map(RelayFrom::Index),
        _ => pick(choice, earlier.len()).map(|j| RelayFrom::Outlet(earlier[j].outlet.clone())),
    }
}

/// A channel: every named kind, or free text that names none; with or without an
/// address and a publication time.
///
/// ```
/// use contested::Channel;
/// use contested::strategy::channel;
/// use proptest::prelude::*;
///
/// proptest!(ProptestConfig::with_cases(32), |(c in channel())| {
///     let back: Channel = serde_json::from_str(&serde_json::to_string(&c)?)?;
///     prop_assert_eq!(back, c);
/// });
/// ```
pub fn channel() -> BoxedStrategy<Channel> {
    let kind = prop_oneof![
        4 => select(ChannelKind::NAMED.to_vec()),
        1 => free_text()
            .prop_map(|t| t.trim().to_owned())
            .prop_filter_map("free text naming a kind", |t| {
                match t.parse::<ChannelKind>() {
                    Ok(ChannelKind::Other(_)) => Some(ChannelKind::Other(t)),
                    _ => None,
                }
            }),
    ];
    (
        kind,
        option::weighted(0.3, free_text()),
        option::weighted(0.3, time_window()),
    )
        .prop_map(|(kind, url, at)| {
            let mut c = Channel::new(kind);
            c.url = url;
            c.published = at.map(|w| w.earliest());
            c
        })
        .boxed()
}

fn statement_seed(claims: SizeRange) -> impl Strategy<Value = StatementSeed> {
    (
        option::weighted(0.85, any::<Index>()),
        select(FORMS.to_vec()),
        vec(
            (
                any::<Index>(),
                any::<Index>(),
                option::weighted(0.3, channel()),
            ),
            0..=3,
        ),
        vec(hedge(), 0..=2),
        option::of(free_text()),
        time_window(),
        vec(any::<Index>(), 0..=2),
        vec(claim_seed(), claims),
        vec(free_text(), 0..=1),
        vec((any::<bool>(), any::<Index>()), 0..=1),
        (
            option::weighted(0.3, channel()),
            prop_oneof![4 => Just(Vec::new()), 1 => vec(any::<Index>(), 1..=2)],
        ),
    )
        .prop_map(
            |(
                speaker,
                form,
                relay,
                hedges,
                quote,
                made,
                about,
                claims,
                sources,
                links,
                (channel, co_speakers),
            )| {
                StatementSeed {
                    co_speakers,
                    speaker,
                    form,
                    relay,
                    channel,
                    hedges,
                    quote,
                    made,
                    about,
                    claims,
                    sources,
                    links,
                }
            },
        )
}

/// A statement's people and events, before its claims.
struct Frame {
    speaker: Option<ActorId>,
    co_speakers: Vec<ActorId>,
    relay: Vec<Relay>,
    about: Vec<EventId>,
    /// The events its claims may be about: those it speaks of and their components, or
    /// every event when it speaks of none.
    allowed: Vec<usize>,
}

fn frame(seed: &StatementSeed, actors: &[ActorId], events: &[Event]) -> Frame {
    let speaker = seed
        .speaker
        .and_then(|i| pick(i, actors.len()))
        .map(|i| actors[i].clone());
    // Draw relays without replacement from everyone but the speaker.
    let mut pool: Vec<&ActorId> = actors
        .iter()
        .filter(|a| Some(*a) != speaker.as_ref())
        .collect();
    let mut co_speakers = Vec::new();
    if speaker.is_some() {
        for idx in &seed.co_speakers {
            match pick(*idx, pool.len()) {
                Some(i) => co_speakers.push(pool.remove(i).clone()),
                None => break,
            }
        }
    }
    let mut relay: Vec<Relay> = Vec::new();
    for (idx, from, channel) in &seed.relay {
        match pick(*idx, pool.len()) {
            Some(i) => {
                let mut r = Relay::new(pool.remove(i).clone());
                r.from = relay_from(*from, &relay);
                r.channel = channel.clone();
                relay.push(r);
            }
            None => break,
        }
    }
    let mut about_ix: Vec<usize> = Vec::new();
    for idx in &seed.about {
        if let Some(i) = pick(*idx, events.len())
            && !about_ix.contains(&i)
        {
            about_ix.push(i);
        }
    }
    let allowed = if about_ix.is_empty() {
        (0..events.len()).collect()
    } else {
        let by_id: HashMap<&EventId, usize> =
            events.iter().enumerate().map(|(i, e)| (&e.id, i)).collect();
        (0..events.len())
            .filter(|&e| {
                // Bounded walk up the parents, safe even if the caller's events loop.
                let mut cur = Some(e);
                for _ in 0..=events.len() {
                    match cur {
                        Some(c) if about_ix.contains(&c) => return true,
                        Some(c) => {
                            cur = events[c]
                                .parent
                                .as_ref()
                                .and_then(|p| by_id.get(p).copied())
                        }
                        None => return false,
                    }
                }
                false
            })
            .collect()
    };
    Frame {
        speaker,
        co_speakers,
        relay,
        about: about_ix.iter().map(|&i| events[i].id.clone()).collect(),
        allowed,
    }
}

fn claim_ids(id: &StatementId, seed: &StatementSeed, frame: &Frame) -> Vec<ClaimId> {
    if frame.allowed.is_empty() {
        return Vec::new();
    }
    (0..seed.claims.len())
        .map(|j| ClaimId::new(format!("{id}.c{j}")))
        .collect()
}

fn resolve_statement(
    seed: &StatementSeed,
    id: StatementId,
    frame: Frame,
    events: &[Event],
    cast: &Cast<'_>,
    figures: &Figures,
) -> Statement {
    let mut s = match frame.speaker {
        Some(sp) => Statement::new(id, sp, seed.made.clone()).with_form(match seed.form {
            Form::Unattributed => Form::Paraphrase,
            f => f,
        }),
        None => Statement::unattributed(id, seed.made.clone()),
    };
    s.relay = frame.relay;
    s.co_speakers = frame.co_speakers;
    s.channel = seed.channel.clone();
    s.sources = seed.sources.clone();
    s.hedges = seed.hedges.clone();
    s.quote = seed.quote.clone();
    s.about = frame.about;
    if !frame.allowed.is_empty() {
        for (j, c) in seed.claims.iter().enumerate() {
            let ev = &events[frame.allowed[c.event.index(frame.allowed.len())]];
            let body = resolve_body(&c.body, ev, cast, figures, &seed.made);
            s.claims.push(Claim::new(
                ClaimId::new(format!("{}.c{j}", s.id)),
                ev.id.clone(),
                body,
            ));
        }
    }
    s
}

/// Stretches `s.made` so that it is not before any happened event its claims are about.
/// Revision and citation links to earlier statements in the list (so links never cycle),
/// a revision only where the earlier one may have been made first.
fn link_statements(mut statements: Vec<Statement>, seeds: &[StatementSeed]) -> Vec<Statement> {
    for i in 0..statements.len() {
        for &(revise, idx) in seeds.get(i).map_or(&[][..], |s| &s.links) {
            let Some(j) = pick(idx, i) else { continue };
            let (earlier, this) = (statements[j].clone(), &mut statements[i]);
            if revise && earlier.made.earliest() <= this.made.latest() {
                if !this.revises.contains(&earlier.id) {
                    this.revises.push(earlier.id);
                }
            } else if !revise && !this.cites.contains(&earlier.id) {
                this.cites.push(earlier.id);
            }
        }
    }
    statements
}

fn made_after_events(mut s: Statement, events: &[Event]) -> Statement {
    let began = s
        .claims
        .iter()
        .filter_map(|c| events.iter().find(|e| e.id == c.event))
        .filter(|e| e.occurrence == Occurrence::Happened)
        .filter_map(|e| e.when.as_ref().map(TimeWindow::earliest))
        .max();
    if let Some(at) = began {
        s.made = stretch_to(s.made, at);
    }
    s
}

/// Statements with id `id` by a speaker from `actors` (or unattributed), relayed through
/// up to three distinct actors (never the speaker), hedged or not, speaking of up to two
/// of `events`, and making `claims` claims (ids `{id}.c0`, `{id}.c1`, ... as [`claim`]
/// makes them) about those events or their components. `made` is stretched where needed
/// so that the statement is not made before a happened event it reports on.
///
/// ```
/// use contested::{Actor, ActorId, ActorKind, Event, EventKind};
/// use contested::strategy::statement;
/// use proptest::prelude::*;
///
/// let actors: Vec<Actor> = (0..4).map(|i| Actor::new(ActorId::new(format!("a{i}")), format!("A{i}"), ActorKind::Outlet)).collect();
/// let events = [Event::new("clash", "Clash", EventKind::Clash)];
/// proptest!(ProptestConfig::with_cases(16), |(s in statement("s", &actors, &events, 0..4, &[]))| {
///     let mut seen: Vec<_> = s.speaker.iter().collect();
///     for r in &s.relay {
///         prop_assert!(!seen.contains(&&r.outlet));
///         seen.push(&r.outlet);
///     }
/// });
/// ```
pub fn statement(
    id: impl Into<StatementId>,
    actors: &[Actor],
    events: &[Event],
    claims: impl Into<SizeRange>,
    deniable: &[ClaimId],
) -> BoxedStrategy<Statement> {
    let id = id.into();
    let actors: Vec<ActorId> = actors.iter().map(|a| a.id.clone()).collect();
    let events = events.to_vec();
    let deniable = deniable.to_vec();
    statement_seed(claims.into())
        .prop_map(move |seed| {
            let frame = frame(&seed, &actors, &events);
            let cast = Cast {
                actors: &actors,
                deniable: &deniable,
            };
            let s = resolve_statement(&seed, id.clone(), frame, &events, &cast, &Figures::Free);
            made_after_events(s, &events)
        })
        .boxed()
}

// ---------------------------------------------------------------- mediators

/// An appeal's statement, addressees, urges and culprit.
type AppealSeed = (Index, Vec<Index>, Vec<Urge>, Option<Index>);

#[derive(Debug, Clone)]
struct MediatorSeed {
    actor: Index,
    appeals: Vec<AppealSeed>,
    brokered: Vec<Index>,
    facilitated: Vec<Index>,
    deployments: Vec<(Index, EstimateSeed, String)>,
    consultations: Vec<Index>,
    ties: Vec<(Index, TieKind, String)>,
}

fn urge() -> impl Strategy<Value = Urge> {
    prop_oneof![
        4 => select(Urge::NAMED.to_vec()),
        1 => free_text().prop_map(Urge::Other),
    ]
}

fn mediator_seed() -> impl Strategy<Value = MediatorSeed> {
    (
        any::<Index>(),
        vec(
            (
                any::<Index>(),
                vec(any::<Index>(), 0..=3),
                vec(urge(), 0..=3),
                option::weighted(0.2, any::<Index>()),
            ),
            0..=2,
        ),
        (vec(any::<Index>(), 0..=1), vec(any::<Index>(), 0..=1)),
        vec((any::<Index>(), estimate_seed(), free_text()), 0..=1),
        vec(any::<Index>(), 0..=1),
        vec(
            (any::<Index>(), select(TIE_KINDS.to_vec()), free_text()),
            0..=2,
        ),
    )
        .prop_map(
            |(actor, appeals, (brokered, facilitated), deployments, consultations, ties)| {
                MediatorSeed {
                    actor,
                    appeals,
                    brokered,
                    facilitated,
                    deployments,
                    consultations,
                    ties,
                }
            },
        )
}

fn resolve_mediators(
    seeds: &[MediatorSeed],
    actors: &[ActorId],
    events: &[EventId],
    statements: &[StatementId],
) -> Vec<Mediator> {
    let mut pool: Vec<&ActorId> = actors.iter().collect();
    let actor = |i: Index| pick(i, actors.len()).map(|i| actors[i].clone());
    let event = |i: Index| pick(i, events.len()).map(|i| events[i].clone());
    let mut out = Vec::new();
    for s in seeds {
        let Some(who) = pick(s.actor, pool.len()).map(|i| pool.remove(i).clone()) else {
            break;
        };
        let mut m = Mediator::new(who);
        for (st, addressees, urged, blamed) in &s.appeals {
            if let Some(st) = pick(*st, statements.len()).map(|i| statements[i].clone()) {
                let mut to: Vec<ActorId> = Vec::new();
                for a in addressees.iter().filter_map(|&a| actor(a)) {
                    if !to.contains(&a) {
                        to.push(a);
                    }
                }
                let mut appeal = Appeal::new(st, to, urged.clone());
                if let Some(b) = blamed.and_then(actor) {
                    appeal = appeal.blaming(b);
                }
                m = m.with_appeal(appeal);
            }
        }
        for e in s.brokered.iter().filter_map(|&e| event(e)) {
            m = m.with_brokered(e);
        }
        for e in s.facilitated.iter().filter_map(|&e| event(e)) {
            m = m.facilitating(e);
        }
        for (e, est, role) in &s.deployments {
            if let Some(e) = event(*e) {
                m = m.with_deployment(Deployment::new(e, est.free(), role.clone()));
            }
        }
        for e in s.consultations.iter().filter_map(|&e| event(e)) {
            m = m.with_consultation(e);
        }
        for (party, kind, description) in &s.ties {
            if let Some(p) = actor(*party) {
                m = m.with_tie(Tie::new(p, *kind, description.clone()));
            }
        }
        out.push(m);
    }
    out
}

// ---------------------------------------------------------------- dossiers

/// Whether the count claims of a generated dossier agree.
///
/// Only count claims are governed: responsibility, timing and denial claims are drawn
/// freely in every mode, so those disputes can occur in any of them.
///
/// ```
/// use contested::strategy::{Conflict, DossierShape};
///
/// assert_eq!(DossierShape::default().conflict, Conflict::Any);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum Conflict {
    /// Figures drawn freely: any estimate on any key, breakdowns included. They may or
    /// may not agree, and the [`Truth`] is empty.
    #[default]
    Any,
    /// Every count claim holds a hidden true count. One true count is drawn per atomic
    /// key (one side's military or civilian killed, wounded, missing, captured or
    /// deployed); the others are sums: `Whose::All` is the sum over the event's sides
    /// (when it has any), `Category::Any` is military + civilian, casualties are killed +
    /// wounded and killed-or-missing is killed + missing. So neither the figures on one
    /// key nor the part-whole sums across keys conflict. Counts name only the event's
    /// sides (or all) and the three plain categories, without breakdowns. The truths are
    /// in [`Truth::get`].
    Consistent,
    /// As [`Consistent`](Conflict::Consistent), plus one pair of count claims on one key
    /// whose default ranges are disjoint ([`Truth::conflict`]); the first of the pair
    /// holds the truth, the second does not. Needs an event and a statement, so the
    /// shape's minimum of each is raised to 1.
    Conflicting,
}

/// How big a generated dossier is and whether its figures agree; for [`dossier`].
///
/// Each count is a [`SizeRange`] (`3`, `0..5`, `1..=10`); the builder methods take
/// anything that converts into one. Claims per statement count the drawn claims: a
/// [`Conflict::Conflicting`] dossier has two more, the conflicting pair. A statement
/// claims nothing when the dossier has no event.
///
/// ```
/// use contested::strategy::{Conflict, DossierShape};
///
/// let shape = DossierShape::default()
///     .actors(2..=8)
///     .events(1..=3)
///     .statements(5)
///     .claims_per_statement(1..=3)
///     .mediators(0..=1)
///     .conflict(Conflict::Conflicting);
/// assert_eq!(shape.statements.start(), 5);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct DossierShape {
    /// How many actors (default `0..=6`).
    pub actors: SizeRange,
    /// How many events (default `0..=4`).
    pub events: SizeRange,
    /// How many statements (default `0..=6`).
    pub statements: SizeRange,
    /// How many claims each statement makes (default `0..=4`).
    pub claims_per_statement: SizeRange,
    /// How many mediators, at most one per actor (default `0..=2`).
    pub mediators: SizeRange,
    /// Whether the count claims agree (default [`Conflict::Any`]).
    pub conflict: Conflict,
}

impl Default for DossierShape {
    /// Small dossiers, quick to generate and to shrink: up to 6 actors, 4 events, 6
    /// statements of up to 4 claims, 2 mediators; figures drawn freely.
    fn default() -> Self {
        DossierShape {
            actors: (0..=6).into(),
            events: (0..=4).into(),
            statements: (0..=6).into(),
            claims_per_statement: (0..=4).into(),
            mediators: (0..=2).into(),
            conflict: Conflict::Any,
        }
    }
}

impl DossierShape {
    /// Sets how many actors.
    ///
    /// ```
    /// # use contested::strategy::DossierShape;
    /// assert_eq!(DossierShape::default().actors(3).actors.end_incl(), 3);
    /// ```
    #[must_use]
    pub fn actors(mut self, n: impl Into<SizeRange>) -> Self {
        self.actors = n.into();
        self
    }

    /// Sets how many events.
    ///
    /// ```
    /// # use contested::strategy::DossierShape;
    /// assert_eq!(DossierShape::default().events(1..3).events.end_incl(), 2);
    /// ```
    #[must_use]
    pub fn events(mut self, n: impl Into<SizeRange>) -> Self {
        self.events = n.into();
        self
    }

    /// Sets how many statements.
    ///
    /// ```
    /// # use contested::strategy::DossierShape;
    /// assert_eq!(DossierShape::default().statements(0..=2).statements.end_incl(), 2);
    /// ```
    #[must_use]
    pub fn statements(mut self, n: impl Into<SizeRange>) -> Self {
        self.statements = n.into();
        self
    }

    /// Sets how many claims each statement makes.
    ///
    /// ```
    /// # use contested::strategy::DossierShape;
    /// assert_eq!(DossierShape::default().claims_per_statement(2).claims_per_statement.start(), 2);
    /// ```
    #[must_use]
    pub fn claims_per_statement(mut self, n: impl Into<SizeRange>) -> Self {
        self.claims_per_statement = n.into();
        self
    }

    /// Sets how many mediators (never more than there are actors).
    ///
    /// ```
    /// # use contested::strategy::DossierShape;
    /// assert_eq!(DossierShape::default().mediators(0).mediators.end_incl(), 0);
    /// ```
    #[must_use]
    pub fn mediators(mut self, n: impl Into<SizeRange>) -> Self {
        self.mediators = n.into();
        self
    }

    /// Sets whether the count claims agree.
    ///
    /// ```
    /// # use contested::strategy::{Conflict, DossierShape};
    /// assert_eq!(DossierShape::default().conflict(Conflict::Consistent).conflict, Conflict::Consistent);
    /// ```
    #[must_use]
    pub fn conflict(mut self, conflict: Conflict) -> Self {
        self.conflict = conflict;
        self
    }
}

/// What [`dossier_with_truth`] knows about the dossier it made: the hidden true count
/// of every key its count claims are about, and the pair of conflicting claims.
///
/// ```
/// use contested::reconcile::QuantityKey;
/// use contested::strategy::{dossier_with_truth, Conflict, DossierShape};
/// use proptest::prelude::*;
///
/// let shape = DossierShape::default().conflict(Conflict::Consistent);
/// proptest!(ProptestConfig::with_cases(16), |((d, truth) in dossier_with_truth(shape.clone()))| {
///     for (_, c) in d.claims() {
///         if let (Some(key), Some(count)) = (QuantityKey::of(c), c.body.count()) {
///             prop_assert!(count.estimate.default_range().contains(truth.get(&key).unwrap()));
///         }
///     }
/// });
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Truth {
    counts: BTreeMap<QuantityKey, u64>,
    conflict: Option<(ClaimId, ClaimId)>,
}

impl Truth {
    /// The true count of `key`, for every key a count claim of the dossier is about.
    /// Empty under [`Conflict::Any`].
    ///
    /// ```
    /// # use contested::strategy::Truth;
    /// assert!(Truth::default().iter().next().is_none());
    /// ```
    pub fn get(&self, key: &QuantityKey) -> Option<u64> {
        self.counts.get(key).copied()
    }

    /// Every key with its true count, in key order.
    ///
    /// ```
    /// # use contested::strategy::Truth;
    /// assert_eq!(Truth::default().iter().count(), 0);
    /// ```
    pub fn iter(&self) -> impl Iterator<Item = (&QuantityKey, u64)> {
        self.counts.iter().map(|(k, &v)| (k, v))
    }

    /// Under [`Conflict::Conflicting`], the ids of the two count claims on one key whose
    /// default ranges are disjoint: the first holds the truth, the second does not.
    ///
    /// ```
    /// # use contested::strategy::Truth;
    /// assert_eq!(Truth::default().conflict(), None);
    /// ```
    pub fn conflict(&self) -> Option<(&ClaimId, &ClaimId)> {
        self.conflict.as_ref().map(|(a, b)| (a, b))
    }
}

#[derive(Debug, Clone)]
struct ConflictSeed {
    first: Index,
    second: Index,
    event: Index,
    measure: Measure,
    whose: Index,
    category: u8,
    holds: EstimateSeed,
    misses: EstimateSeed,
}

fn conflict_seed() -> impl Strategy<Value = ConflictSeed> {
    (
        any::<Index>(),
        any::<Index>(),
        any::<Index>(),
        any_measure(),
        any::<Index>(),
        0u8..3,
        estimate_seed(),
        estimate_seed(),
    )
        .prop_map(
            |(first, second, event, measure, whose, category, holds, misses)| ConflictSeed {
                first,
                second,
                event,
                measure,
                whose,
                category,
                holds,
                misses,
            },
        )
}

/// An estimate disjoint from `r`, or `None` when `r` is `0..`.
fn outside(r: CountRange, seed: &EstimateSeed) -> Option<Estimate> {
    let below = r.lo().checked_sub(1).map(|p| match seed.sel % 5 {
        0 => EstimateKind::Exact(p.saturating_sub(seed.a)),
        1 => EstimateKind::AtMost(p),
        2 => EstimateKind::FewerThan(r.lo()),
        3 => EstimateKind::UpTo(p),
        _ => EstimateKind::Between(p.saturating_sub(seed.a), p),
    });
    let above = r
        .hi()
        .and_then(|h| h.checked_add(1))
        .map(|q| match seed.sel % 4 {
            0 => EstimateKind::Exact(q.saturating_add(seed.a)),
            1 => EstimateKind::AtLeast(q),
            2 => EstimateKind::MoreThan(q - 1),
            _ => EstimateKind::Between(q, q.saturating_add(seed.a)),
        });
    let kind = match (below, above) {
        (Some(b), Some(a)) => {
            if seed.b.is_multiple_of(2) {
                b
            } else {
                a
            }
        }
        (b, a) => b.or(a)?,
    };
    let e = seed.phrase(kind);
    e.default_range().intersect(&r).is_none().then_some(e)
}

/// The pair of disjoint count claims, appended to two statements that can speak of
/// one event (one statement when no two can).
fn add_conflict(
    seed: &ConflictSeed,
    statements: &mut [Statement],
    allowed: &[Vec<usize>],
    events: &[Event],
    table: &TruthTable,
) -> Option<(ClaimId, ClaimId)> {
    let speaking: Vec<usize> = (0..statements.len())
        .filter(|&i| !allowed[i].is_empty())
        .collect();
    let first = speaking[pick(seed.first, speaking.len())?];
    let ev_ix = allowed[first][pick(seed.event, allowed[first].len())?];
    let event = &events[ev_ix];
    let others: Vec<usize> = speaking
        .iter()
        .copied()
        .filter(|&i| i != first && allowed[i].contains(&ev_ix))
        .collect();
    let second = pick(seed.second, others.len()).map_or(first, |i| others[i]);

    let whose = pick(seed.whose, event.sides.len() + 1)
        .and_then(|i| i.checked_sub(1))
        .map_or(Whose::All, |i| Whose::Party(event.sides[i].clone()));
    let category = match seed.category {
        0 => Category::Any,
        1 => Category::Military,
        _ => Category::Civilian,
    };
    let t = table.truth(event, &seed.measure, &whose, &category);
    let mut holds = seed.holds.containing(t);
    let misses = match outside(holds.default_range(), &seed.misses) {
        Some(m) => m,
        None => {
            holds = Estimate::exact(t);
            let other = if t > 0 { t - 1 } else { t + 1 };
            Estimate::exact(other)
        }
    };
    let a = ClaimId::new(format!("{}.conflict-a", statements[first].id));
    let b = ClaimId::new(format!("{}.conflict-b", statements[second].id));
    let count = |id: &ClaimId, e: Estimate| {
        Claim::count(
            id.clone(),
            event.id.clone(),
            seed.measure.clone(),
            whose.clone(),
            category.clone(),
            e,
        )
    };
    statements[first].claims.push(count(&a, holds));
    statements[second].claims.push(count(&b, misses));
    Some((a, b))
}

type DossierSeeds = (
    Vec<ActorSeed>,
    Vec<EventSeed>,
    Vec<StatementSeed>,
    Vec<MediatorSeed>,
    TruthTable,
    ConflictSeed,
    (Option<String>, Option<String>),
);

fn at_least_one(r: &SizeRange) -> SizeRange {
    let (lo, hi) = r.start_end_incl();
    (lo.max(1)..=hi.max(1)).into()
}

/// Builds the dossier the seeds describe; `Err` only through a bug in this module
/// (the unit tests check that it never happens).
fn assemble(seeds: DossierSeeds, conflict: Conflict) -> Result<(Dossier, Truth), ValidationErrors> {
    let (actor_seeds, event_seeds, statement_seeds, mediator_seeds, table, conflict_seed, meta) =
        seeds;
    let actors = resolve_actors(&actor_seeds);
    let actor_ids: Vec<ActorId> = actors.iter().map(|a| a.id.clone()).collect();
    let events = resolve_events(&event_seeds, &actor_ids);
    let figures = match conflict {
        Conflict::Any => Figures::Free,
        Conflict::Consistent | Conflict::Conflicting => Figures::Truthful(table.clone()),
    };

    let ids: Vec<StatementId> = (0..statement_seeds.len())
        .map(|i| StatementId::new(format!("s{i}")))
        .collect();
    let frames: Vec<Frame> = statement_seeds
        .iter()
        .map(|s| frame(s, &actor_ids, &events))
        .collect();
    let allowed: Vec<Vec<usize>> = frames.iter().map(|f| f.allowed.clone()).collect();
    let claim_ids: Vec<Vec<ClaimId>> = statement_seeds
        .iter()
        .zip(&ids)
        .zip(&frames)
        .map(|((s, id), f)| claim_ids(id, s, f))
        .collect();
    let mut statements: Vec<Statement> = Vec::with_capacity(statement_seeds.len());
    for (i, (seed, frame)) in statement_seeds.iter().zip(frames).enumerate() {
        // A statement may deny any claim but its own.
        let deniable: Vec<ClaimId> = claim_ids
            .iter()
            .enumerate()
            .filter(|&(k, _)| k != i)
            .flat_map(|(_, c)| c.iter().cloned())
            .collect();
        let cast = Cast {
            actors: &actor_ids,
            deniable: &deniable,
        };
        statements.push(resolve_statement(
            seed,
            ids[i].clone(),
            frame,
            &events,
            &cast,
            &figures,
        ));
    }

    let mut truth = Truth::default();
    if conflict == Conflict::Conflicting {
        truth.conflict = add_conflict(&conflict_seed, &mut statements, &allowed, &events, &table);
    }
    if conflict != Conflict::Any {
        let by_id: HashMap<&EventId, &Event> = events.iter().map(|e| (&e.id, e)).collect();
        for s in &statements {
            for c in &s.claims {
                if let (Some(key), Some(count), Some(ev)) =
                    (QuantityKey::of(c), c.body.count(), by_id.get(&c.event))
                {
                    let t = table.truth(ev, &count.measure, &count.whose, &count.category);
                    truth.counts.insert(key, t);
                }
            }
        }
    }

    let counts_defined = statements.iter().flat_map(|s| &s.claims).any(|c| {
        let measure = match &c.body {
            ClaimBody::Count(count) => Some(&count.measure),
            ClaimBody::Denial {
                allegation: Some(a),
                ..
            } => a.measure.as_ref(),
            _ => None,
        };
        measure.is_some_and(|m| !m.is_built_in())
    });
    let statements: Vec<Statement> = statements
        .into_iter()
        .map(|s| made_after_events(s, &events))
        .collect();
    let statements = link_statements(statements, &statement_seeds);
    let event_ids: Vec<EventId> = events.iter().map(|e| e.id.clone()).collect();
    let mediators = resolve_mediators(&mediator_seeds, &actor_ids, &event_ids, &ids);

    let mut b = Dossier::builder();
    if let Some(t) = meta.0 {
        b = b.title(t);
    }
    if let Some(s) = meta.1 {
        b = b.source(s);
    }
    let b = actors.into_iter().fold(b, DossierBuilder::actor);
    let b = events.into_iter().fold(b, DossierBuilder::event);
    let b = statements.into_iter().fold(b, DossierBuilder::statement);
    let b = mediators.into_iter().fold(b, DossierBuilder::mediator);
    let b = if counts_defined {
        defined_measures()
            .into_iter()
            .fold(b, DossierBuilder::measure)
    } else {
        b
    };
    Ok((b.build()?, truth))
}

fn dossier_seeds(shape: &DossierShape) -> impl Strategy<Value = DossierSeeds> + use<> {
    let needs_one = shape.conflict == Conflict::Conflicting;
    let events = if needs_one {
        at_least_one(&shape.events)
    } else {
        shape.events.clone()
    };
    let statements = if needs_one {
        at_least_one(&shape.statements)
    } else {
        shape.statements.clone()
    };
    (
        vec(actor_seed(), shape.actors.clone()),
        vec(event_seed(), events),
        vec(
            statement_seed(shape.claims_per_statement.clone()),
            statements,
        ),
        vec(mediator_seed(), shape.mediators.clone()),
        truth_table(),
        conflict_seed(),
        (option::of(free_text()), option::of(free_text())),
    )
}

/// Dossiers that pass validation, shaped by `shape`, with what is known of their
/// figures: see [`Conflict`] for the hidden truths and the conflicting pair.
///
/// Actors come from [`actor_forest`], events from [`events`], statements from
/// [`statement`] (ids `s0`, `s1`, ...; denials name claims of other statements), and
/// mediators (one per actor at most) appeal through those statements, broker, deploy
/// and consult on those events, and have ties to those actors.
///
/// ```
/// use contested::strategy::{dossier_with_truth, Conflict, DossierShape};
/// use proptest::prelude::*;
///
/// let shape = DossierShape::default().conflict(Conflict::Conflicting);
/// proptest!(ProptestConfig::with_cases(16), |((d, truth) in dossier_with_truth(shape.clone()))| {
///     let (a, b) = truth.conflict().unwrap();
///     let range = |id| d.claim(id).unwrap().1.body.count().unwrap().estimate.default_range();
///     prop_assert_eq!(range(a).intersect(&range(b)), None);
/// });
/// ```
pub fn dossier_with_truth(shape: DossierShape) -> BoxedStrategy<(Dossier, Truth)> {
    let conflict = shape.conflict;
    dossier_seeds(&shape)
        .prop_filter_map(
            "contested::strategy built an invalid dossier (a bug: please report it)",
            move |seeds| assemble(seeds, conflict).ok(),
        )
        .boxed()
}

/// Dossiers that pass validation, shaped by `shape`; [`dossier_with_truth`] without the
/// truth.
///
/// ```
/// use contested::Dossier;
/// use contested::strategy::{dossier, DossierShape};
/// use proptest::prelude::*;
///
/// proptest!(ProptestConfig::with_cases(16), |(d in dossier(DossierShape::default().statements(1..4)))| {
///     prop_assert!(!d.statements().is_empty());
///     prop_assert_eq!(d.to_builder().build()?, d);
/// });
/// ```
pub fn dossier(shape: DossierShape) -> BoxedStrategy<Dossier> {
    dossier_with_truth(shape).prop_map(|(d, _)| d).boxed()
}

// ---------------------------------------------------------------- reading policy

/// Any reading [`Policy`](crate::reconcile::Policy): every switch and every choice of
/// supersession, order and as-of rule, so a law can be held under every policy a user
/// can set, not only the default. Shrinks towards the default's first variants.
///
/// ```
/// use contested::reconcile::Reconciler;
/// use contested::strategy::{dossier, policy, DossierShape};
/// use proptest::prelude::*;
///
/// proptest!(ProptestConfig::with_cases(8), |(p in policy(), d in dossier(DossierShape::default().statements(0..=4)))| {
///     let r = Reconciler::new().policy(p).reconcile(&d);
///     prop_assert!(r.figures().iter().all(|f| f.low <= f.best));
/// });
/// ```
pub fn policy() -> BoxedStrategy<crate::reconcile::Policy> {
    use crate::reconcile::{AsOfRule, Order, Policy, Supersession};
    (
        select(vec![
            Supersession::PartyForOwnLosses,
            Supersession::Party,
            Supersession::Speaker,
        ]),
        select(vec![Order::Strict, Order::ByStart]),
        select(vec![AsOfRule::MayHaveBeenMade, AsOfRule::CertainlyMade]),
        any::<[bool; 13]>(),
        select(vec![None, Some(0), Some(30), Some(365)]),
    )
        .prop_map(|(supersession, order, as_of, b, settles_after)| {
            Policy::default()
                .with_supersession(supersession)
                .with_order(order)
                .with_as_of(as_of)
                .with_snapshots_give_way(b[0])
                .with_running_floors(b[1])
                .with_relays_count_once(b[2])
                .with_against_interest(b[3])
                .with_civilians_against_interest(b[4])
                .with_restatements_keep(b[5])
                .with_wholes_cap_parts(b[6])
                .with_anonymous_one_voice(b[7])
                .with_firm_third_parties(b[8])
                .with_positions_as_said(b[9])
                .with_retractions_withdraw(b[10])
                .with_admissions_are_floors(b[11])
                .with_settles_after(settles_after)
                .with_relabels_set_aside(b[12])
        })
        .boxed()
}

// ---------------------------------------------------------------- Arbitrary

impl Arbitrary for CountRange {
    type Parameters = ();
    type Strategy = BoxedStrategy<CountRange>;

    /// [`count_range`].
    fn arbitrary_with((): ()) -> Self::Strategy {
        count_range()
    }
}

impl Arbitrary for EstimateKind {
    type Parameters = ();
    type Strategy = BoxedStrategy<EstimateKind>;

    /// [`estimate_kind`].
    fn arbitrary_with((): ()) -> Self::Strategy {
        estimate_kind()
    }
}

impl Arbitrary for Estimate {
    type Parameters = ();
    type Strategy = BoxedStrategy<Estimate>;

    /// [`estimate`].
    fn arbitrary_with((): ()) -> Self::Strategy {
        estimate()
    }
}

impl Arbitrary for TimeWindow {
    type Parameters = ();
    type Strategy = BoxedStrategy<TimeWindow>;

    /// [`time_window`].
    fn arbitrary_with((): ()) -> Self::Strategy {
        time_window()
    }
}

impl Arbitrary for Dossier {
    type Parameters = DossierShape;
    type Strategy = BoxedStrategy<Dossier>;

    /// [`dossier`] of the given shape (by default, [`DossierShape::default`]).
    fn arbitrary_with(shape: DossierShape) -> Self::Strategy {
        dossier(shape)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::test_runner::{Config, TestRunner};

    fn runner(cases: u32) -> TestRunner {
        TestRunner::new(Config {
            cases,
            failure_persistence: None,
            ..Config::default()
        })
    }

    /// The filter in `dossier_with_truth` must never fire: build every seed directly.
    #[test]
    fn every_seed_assembles_into_a_valid_dossier() {
        for conflict in [Conflict::Any, Conflict::Consistent, Conflict::Conflicting] {
            let shape = DossierShape::default()
                .actors(0..=8)
                .events(0..=5)
                .conflict(conflict);
            runner(200)
                .run(&dossier_seeds(&shape), |seeds| {
                    match assemble(seeds, conflict) {
                        Ok((d, truth)) => {
                            prop_assert_eq!(
                                truth.conflict().is_some(),
                                conflict == Conflict::Conflicting
                            );
                            prop_assert_eq!(Dossier::from_json(&d.to_json()).ok(), Some(d));
                        }
                        Err(e) => prop_assert!(false, "{conflict:?}: {e}"),
                    }
                    Ok(())
                })
                .unwrap();
        }
    }

    #[test]
    fn phrasings_all_parse_to_their_kind() {
        runner(2000)
            .run(&estimate_seed(), |s| {
                // Every template must parse as written: the fallback to canonical words
                // is only a guard.
                let kind = s.kind();
                let words = s.words(kind);
                prop_assert_eq!(words.parse::<Estimate>()?.kind(), kind, "{}", words);
                prop_assert_eq!(s.free().to_string(), words);
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn containing_holds_its_truth_even_at_the_edges() {
        for t in [
            0,
            1,
            2,
            9,
            10,
            11,
            99,
            1000,
            MAX_TRUTH,
            u64::MAX - 1,
            u64::MAX,
        ] {
            runner(300)
                .run(&estimate_seed(), |s| {
                    prop_assert!(s.containing(t).default_range().contains(t), "{t}: {s:?}");
                    Ok(())
                })
                .unwrap();
        }
    }

    #[test]
    fn commas_group_thousands() {
        assert_eq!(with_commas(0), "0");
        assert_eq!(with_commas(999), "999");
        assert_eq!(with_commas(1000), "1,000");
        assert_eq!(with_commas(u64::MAX), "18,446,744,073,709,551,615");
    }
}
