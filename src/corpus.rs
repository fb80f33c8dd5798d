//! A deterministic synthetic corpus: a context [`Dossier`] of parties, speakers and events,
//! and a stream of [`Statement`]s about them, for benchmarks, load tests and demos.
//! Enabled by the `corpus` feature.
//!
//! ```
//! use contested::corpus::{Corpus, CorpusSpec};
//! use contested::ingest::{ingest_into, OnError};
//!
//! let corpus = Corpus::new(CorpusSpec::new(200).with_seed(7))?;
//! let mut jsonl = Vec::new();
//! corpus.write_jsonl(&mut jsonl)?;
//! let (dossier, skipped) = ingest_into(corpus.context(), &jsonl[..], OnError::Stop)?;
//! assert!(skipped.is_empty());
//! assert_eq!(dossier.claims().count(), 200);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # What it generates
//!
//! - **Context**: `parties` states (`p0`, `p1`, ...), `speakers` speakers (`s0`, ...) each
//!   part of a party (round-robin), two news agencies (`agency0`, `agency1`), and `events`
//!   clashes (`e0`, ...), one a day from 2022-01-01, each with two distinct parties as sides.
//! - **Statements**: each by one speaker (about 5% unattributed and hedged "reportedly")
//!   about one event, made 1 to 72 hours after it began, sometimes relayed by an agency,
//!   carrying 1 to 5 claims; the total number of claims is exactly
//!   [`claims`](CorpusSpec::claims).
//! - **Claims**: mostly counts of a *quantity key* (event × measure killed / wounded /
//!   missing × whose: a side or all × category military / civilian / any). Each key has a
//!   hidden true figure; phrases are exact (`"50"`), `"at least N"`, `"about N"`,
//!   `"more than N"`, `"between A and B"` or `"up to N"`, chosen so that every claim on a key
//!   contains its figure. A [`conflict_share`](CorpusSpec::conflict_share) of keys are
//!   *conflicted*: speakers of the event's first side report bounded figures around the
//!   truth, everyone else figures above twice it, so the two groups are disjoint. A
//!   [`breakdown_share`](CorpusSpec::breakdown_share) of counts are exact with a breakdown
//!   into 2 or 3 units summing to the total. A [`revision_share`](CorpusSpec::revision_share)
//!   of speakers later re-state some of their keys with a higher figure (a later statement,
//!   one claim). About one claim in ten is a responsibility or timing claim instead.
//!
//! The same spec always gives the same bytes: the generator uses its own splitmix64
//! generator, never the system's randomness, and no hash maps.

pub mod stress;

use std::collections::VecDeque;
use std::io::{self, Write};

use chrono::{DateTime, Duration, FixedOffset};
use thiserror::Error;

use crate::actor::{Actor, ActorKind};
use crate::claim::{
    Boundary, BreakdownPart, Category, Claim, ClaimBody, CountClaim, Measure, Whose,
};
use crate::dossier::Dossier;
use crate::error::ValidationErrors;
use crate::estimate::{Estimate, EstimateKind};
use crate::event::{Event, EventKind};
use crate::id::{ActorId, ClaimId, EventId, StatementId};
use crate::statement::{Form, Hedge, Statement};
use crate::when::{Precision, TimeWindow};

/// What corpus to generate. Start from [`CorpusSpec::new`] (or [`Default`]) and adjust
/// with the `with_*` setters or by assigning fields.
///
/// ```
/// use contested::corpus::CorpusSpec;
///
/// let spec = CorpusSpec::new(20_000).with_seed(42).with_conflict_share(0.3);
/// assert_eq!((spec.claims, spec.seed), (20_000, 42));
/// ```
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct CorpusSpec {
    /// The exact number of claims to generate.
    pub claims: usize,
    /// How many events (at least 1).
    pub events: usize,
    /// How many speakers (at least 2).
    pub speakers: usize,
    /// How many parties the speakers are grouped into (at least 2).
    pub parties: usize,
    /// The seed: the same spec gives the same corpus.
    pub seed: u64,
    /// The share of quantity keys with disjoint figures, in `0.0..=1.0`.
    pub conflict_share: f64,
    /// The share of speakers who later revise figures, in `0.0..=1.0`.
    pub revision_share: f64,
    /// The share of count claims carrying a breakdown, in `0.0..=1.0`.
    pub breakdown_share: f64,
}

impl Default for CorpusSpec {
    /// 1,000 claims about 20 events by 24 speakers of 4 parties, seed 0, a fifth of keys
    /// conflicted, a tenth of speakers revising, a tenth of counts broken down.
    fn default() -> Self {
        CorpusSpec {
            claims: 1_000,
            events: 20,
            speakers: 24,
            parties: 4,
            seed: 0,
            conflict_share: 0.2,
            revision_share: 0.1,
            breakdown_share: 0.1,
        }
    }
}

impl CorpusSpec {
    /// The [`Default`] spec with `claims` claims.
    ///
    /// ```
    /// # use contested::corpus::CorpusSpec;
    /// assert_eq!(CorpusSpec::new(5).claims, 5);
    /// ```
    pub fn new(claims: usize) -> Self {
        CorpusSpec {
            claims,
            ..CorpusSpec::default()
        }
    }

    /// With another seed.
    ///
    /// ```
    /// # use contested::corpus::CorpusSpec;
    /// assert_eq!(CorpusSpec::new(5).with_seed(9).seed, 9);
    /// ```
    #[must_use]
    pub fn with_seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// With `events` events.
    ///
    /// ```
    /// # use contested::corpus::CorpusSpec;
    /// assert_eq!(CorpusSpec::new(5).with_events(3).events, 3);
    /// ```
    #[must_use]
    pub fn with_events(mut self, events: usize) -> Self {
        self.events = events;
        self
    }

    /// With `speakers` speakers grouped into `parties` parties.
    ///
    /// ```
    /// # use contested::corpus::CorpusSpec;
    /// let spec = CorpusSpec::new(5).with_speakers(10, 3);
    /// assert_eq!((spec.speakers, spec.parties), (10, 3));
    /// ```
    #[must_use]
    pub fn with_speakers(mut self, speakers: usize, parties: usize) -> Self {
        self.speakers = speakers;
        self.parties = parties;
        self
    }

    /// With another share of conflicted keys.
    ///
    /// ```
    /// # use contested::corpus::CorpusSpec;
    /// assert_eq!(CorpusSpec::new(5).with_conflict_share(0.5).conflict_share, 0.5);
    /// ```
    #[must_use]
    pub fn with_conflict_share(mut self, share: f64) -> Self {
        self.conflict_share = share;
        self
    }

    /// With another share of revising speakers.
    ///
    /// ```
    /// # use contested::corpus::CorpusSpec;
    /// assert_eq!(CorpusSpec::new(5).with_revision_share(0.0).revision_share, 0.0);
    /// ```
    #[must_use]
    pub fn with_revision_share(mut self, share: f64) -> Self {
        self.revision_share = share;
        self
    }

    /// With another share of broken-down counts.
    ///
    /// ```
    /// # use contested::corpus::CorpusSpec;
    /// assert_eq!(CorpusSpec::new(5).with_breakdown_share(1.0).breakdown_share, 1.0);
    /// ```
    #[must_use]
    pub fn with_breakdown_share(mut self, share: f64) -> Self {
        self.breakdown_share = share;
        self
    }
}

/// Which [`CorpusSpec`] field a [`CorpusError`] is about, shown as its name.
///
/// ```
/// use contested::corpus::SpecField;
///
/// assert_eq!(SpecField::ConflictShare.to_string(), "conflict_share");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SpecField {
    /// [`CorpusSpec::conflict_share`].
    ConflictShare,
    /// [`CorpusSpec::revision_share`].
    RevisionShare,
    /// [`CorpusSpec::breakdown_share`].
    BreakdownShare,
    /// [`CorpusSpec::events`].
    Events,
    /// [`CorpusSpec::speakers`].
    Speakers,
    /// [`CorpusSpec::parties`].
    Parties,
}

impl std::fmt::Display for SpecField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            SpecField::ConflictShare => "conflict_share",
            SpecField::RevisionShare => "revision_share",
            SpecField::BreakdownShare => "breakdown_share",
            SpecField::Events => "events",
            SpecField::Speakers => "speakers",
            SpecField::Parties => "parties",
        })
    }
}

/// A spec that cannot be generated.
///
/// ```
/// use contested::corpus::{Corpus, CorpusError, CorpusSpec};
///
/// let err = Corpus::new(CorpusSpec::new(10).with_conflict_share(1.5)).unwrap_err();
/// assert_eq!(err.to_string(), "conflict_share must be within 0.0..=1.0, not 1.5");
/// ```
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum CorpusError {
    /// A share outside `0.0..=1.0` (or not a number).
    #[error("{field} must be within 0.0..=1.0, not {value}")]
    Share {
        /// Which field.
        field: SpecField,
        /// The value given.
        value: f64,
    },
    /// Too few of something.
    #[error("{field} must be at least {min}, not {value}")]
    TooFew {
        /// Which field.
        field: SpecField,
        /// The least allowed.
        min: usize,
        /// The value given.
        value: usize,
    },
    /// The generated context dossier did not validate (a bug in the generator).
    #[error("generated context is invalid: {0}")]
    Context(ValidationErrors),
}

/// A generator for one [`CorpusSpec`]: its context dossier, and its statements as often as
/// asked, always the same.
///
/// ```
/// use contested::corpus::{Corpus, CorpusSpec};
///
/// let corpus = Corpus::new(CorpusSpec::new(50))?;
/// assert_eq!(corpus.context().events().len(), 20);
/// let claims: usize = corpus.statements().map(|s| s.claims.len()).sum();
/// assert_eq!(claims, 50);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Corpus {
    spec: CorpusSpec,
    context: Dossier,
    /// For each speaker, the index of its party.
    speaker_party: Vec<usize>,
    /// For each event, its two sides (party indexes) and when it began.
    events: Vec<([usize; 2], DateTime<FixedOffset>)>,
}

impl Corpus {
    /// Checks the spec and builds the context dossier.
    ///
    /// # Errors
    ///
    /// [`CorpusError::Share`] for a share outside `0.0..=1.0`, [`CorpusError::TooFew`] for
    /// fewer than 1 event, 2 speakers or 2 parties.
    ///
    /// ```
    /// # use contested::corpus::{Corpus, CorpusError, CorpusSpec};
    /// let err = Corpus::new(CorpusSpec::new(10).with_events(0)).unwrap_err();
    /// assert!(matches!(err, CorpusError::TooFew { field: contested::corpus::SpecField::Events, .. }));
    /// assert_eq!(err.to_string(), "events must be at least 1, not 0");
    /// ```
    pub fn new(spec: CorpusSpec) -> Result<Corpus, CorpusError> {
        for (field, value) in [
            (SpecField::ConflictShare, spec.conflict_share),
            (SpecField::RevisionShare, spec.revision_share),
            (SpecField::BreakdownShare, spec.breakdown_share),
        ] {
            if !(0.0..=1.0).contains(&value) {
                return Err(CorpusError::Share { field, value });
            }
        }
        for (field, min, value) in [
            (SpecField::Events, 1, spec.events),
            (SpecField::Speakers, 2, spec.speakers),
            (SpecField::Parties, 2, spec.parties),
        ] {
            if value < min {
                return Err(CorpusError::TooFew { field, min, value });
            }
        }
        let base = DateTime::parse_from_rfc3339("2022-01-01T00:00:00+04:00")
            .unwrap_or_else(|_| DateTime::UNIX_EPOCH.fixed_offset());
        let mut rng = Rng::new(spec.seed ^ 0xC0_4E_7E_57);
        let mut builder = Dossier::builder().title(format!(
            "Synthetic corpus: {} claims, seed {}",
            spec.claims, spec.seed
        ));
        for p in 0..spec.parties {
            builder = builder.actor(Actor::new(
                party_id(p),
                format!("Party {p}"),
                ActorKind::State,
            ));
        }
        let speaker_party: Vec<usize> = (0..spec.speakers).map(|s| s % spec.parties).collect();
        for (s, &p) in speaker_party.iter().enumerate() {
            let kind = if s % 3 == 0 {
                ActorKind::GovernmentBody
            } else {
                ActorKind::ArmedForce
            };
            builder = builder.actor(
                Actor::new(speaker_id(s), format!("Speaker {s}"), kind).part_of(party_id(p)),
            );
        }
        for a in 0..AGENCIES {
            builder = builder.actor(Actor::new(
                agency_id(a),
                format!("Agency {a}"),
                ActorKind::Agency,
            ));
        }
        let mut events = Vec::with_capacity(spec.events);
        for e in 0..spec.events {
            let a = rng.below(spec.parties);
            let b = (a + 1 + rng.below(spec.parties - 1)) % spec.parties;
            let start = base + Duration::days(i64::try_from(e).unwrap_or(i64::MAX / 2) % 3650);
            let when = TimeWindow::new(start, start + Duration::hours(6))
                .map(|w| w.with_precision(Precision::PartOfDay))
                .unwrap_or_else(|_| TimeWindow::instant(start));
            builder = builder.event(
                Event::new(event_id(e), format!("Clash {e}"), EventKind::Clash)
                    .with_when(when)
                    .with_side(party_id(a))
                    .with_side(party_id(b)),
            );
            events.push(([a, b], start));
        }
        let context = builder.build().map_err(CorpusError::Context)?;
        Ok(Corpus {
            spec,
            context,
            speaker_party,
            events,
        })
    }

    /// The spec.
    ///
    /// ```
    /// # use contested::corpus::{Corpus, CorpusSpec};
    /// assert_eq!(Corpus::new(CorpusSpec::new(3))?.spec().claims, 3);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn spec(&self) -> &CorpusSpec {
        &self.spec
    }

    /// The context: parties, speakers, agencies and events, no statements.
    ///
    /// ```
    /// # use contested::corpus::{Corpus, CorpusSpec};
    /// let corpus = Corpus::new(CorpusSpec::new(3).with_speakers(6, 2))?;
    /// assert_eq!(corpus.context().actors().len(), 2 + 6 + 2);
    /// assert!(corpus.context().statements().is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn context(&self) -> &Dossier {
        &self.context
    }

    /// The statements, generated on the fly.
    ///
    /// ```
    /// # use contested::corpus::{Corpus, CorpusSpec};
    /// let corpus = Corpus::new(CorpusSpec::new(30))?;
    /// assert!(corpus.statements().eq(corpus.statements()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn statements(&self) -> Statements<'_> {
        Statements {
            corpus: self,
            rng: Rng::new(self.spec.seed),
            left: self.spec.claims,
            next_statement: 0,
            next_claim: 0,
            pending: VecDeque::new(),
        }
    }

    /// Writes the statements as JSON Lines, one statement a line, each line ending in `\n`.
    /// Returns how many statements were written. Wrap unbuffered writers in a
    /// [`std::io::BufWriter`].
    ///
    /// # Errors
    ///
    /// Any error of the writer.
    ///
    /// ```
    /// # use contested::corpus::{Corpus, CorpusSpec};
    /// let mut out = Vec::new();
    /// let n = Corpus::new(CorpusSpec::new(30))?.write_jsonl(&mut out)?;
    /// assert_eq!(out.iter().filter(|&&b| b == b'\n').count(), n);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn write_jsonl<W: Write>(&self, mut out: W) -> io::Result<usize> {
        let mut n = 0;
        for s in self.statements() {
            serde_json::to_writer(&mut out, &s)?;
            out.write_all(b"\n")?;
            n += 1;
        }
        out.flush()?;
        Ok(n)
    }
}

const AGENCIES: usize = 2;
const UNITS: [&str; 4] = ["army", "border service", "national guard", "police"];

fn party_id(p: usize) -> ActorId {
    ActorId::new(format!("p{p}"))
}

fn speaker_id(s: usize) -> ActorId {
    ActorId::new(format!("s{s}"))
}

fn agency_id(a: usize) -> ActorId {
    ActorId::new(format!("agency{a}"))
}

fn event_id(e: usize) -> EventId {
    EventId::new(format!("e{e}"))
}

/// splitmix64: tiny, fast, and good enough for synthetic data; also used as a hash.
#[derive(Debug, Clone)]
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }

    /// Uniform enough in `0..n` for small `n`; 0 when `n` is 0.
    fn below(&mut self, n: usize) -> usize {
        let n64 = u64::try_from(n).unwrap_or(u64::MAX);
        if n64 == 0 {
            return 0;
        }
        usize::try_from(self.next_u64() % n64).unwrap_or(0)
    }

    /// In `lo..=hi`.
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next_u64() % (hi - lo + 1)
    }

    fn chance(&mut self, p: f64) -> bool {
        unit(self.next_u64()) < p
    }
}

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A value in `0.0..1.0` from 53 random bits.
fn unit(x: u64) -> f64 {
    (x >> 11) as f64 / (1u64 << 53) as f64
}

/// A count key within an event: measure, whose (`None` for all), category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Key {
    measure: usize,
    /// 0 or 1: a side; 2: all.
    whose: usize,
    category: usize,
}

const MEASURES: [Measure; 3] = [Measure::Killed, Measure::Wounded, Measure::Missing];
const CATEGORIES: [Category; 3] = [Category::Military, Category::Civilian, Category::Any];

/// Whether a figure is a speaker's first on its key or a later revision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    First,
    Revision,
}

/// A revision waiting to be emitted: after statement `due`, speaker re-states key.
#[derive(Debug, Clone)]
struct Revision {
    due: usize,
    speaker: usize,
    event: usize,
    key: Key,
    made: DateTime<FixedOffset>,
}

/// The statements of a [`Corpus`], generated one at a time.
///
/// ```
/// # use contested::corpus::{Corpus, CorpusSpec};
/// let corpus = Corpus::new(CorpusSpec::new(10))?;
/// let first = corpus.statements().next().unwrap();
/// assert!((1..=5).contains(&first.claims.len()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Statements<'a> {
    corpus: &'a Corpus,
    rng: Rng,
    left: usize,
    next_statement: usize,
    next_claim: usize,
    pending: VecDeque<Revision>,
}

impl Iterator for Statements<'_> {
    type Item = Statement;

    fn next(&mut self) -> Option<Statement> {
        if self.left == 0 {
            return None;
        }
        let due = self
            .pending
            .front()
            .is_some_and(|r| r.due <= self.next_statement);
        let revision = if due { self.pending.pop_front() } else { None };
        let statement = match revision {
            Some(r) => self.revision(r),
            None => self.fresh(),
        };
        self.next_statement += 1;
        Some(statement)
    }
}

impl Statements<'_> {
    fn statement_id(&self) -> StatementId {
        StatementId::new(format!("st{}", self.next_statement))
    }

    fn claim_id(&mut self) -> ClaimId {
        self.next_claim += 1;
        ClaimId::new(format!("c{}", self.next_claim - 1))
    }

    fn fresh(&mut self) -> Statement {
        let spec = &self.corpus.spec;
        let event = self.rng.below(spec.events);
        let (sides, start) = self.corpus.events[event];
        let made =
            start + Duration::minutes(i64::try_from(self.rng.range(60, 72 * 60)).unwrap_or(60));
        let unattributed = self.rng.chance(0.05);
        let speaker = self.rng.below(spec.speakers);
        let mut s = if unattributed {
            Statement::unattributed(self.statement_id(), TimeWindow::instant(made))
                .with_hedge(Hedge::Reportedly)
        } else {
            let form = if self.rng.chance(0.3) {
                Form::DirectQuote
            } else {
                Form::Paraphrase
            };
            Statement::new(
                self.statement_id(),
                speaker_id(speaker),
                TimeWindow::instant(made),
            )
            .with_form(form)
        };
        if self.rng.chance(0.3) {
            s = s.relayed_by(agency_id(self.rng.below(AGENCIES)));
        }
        s = s.about(event_id(event));
        let wanted = (1 + self.rng.below(5)).min(self.left);
        let mut keys: Vec<Key> = Vec::with_capacity(wanted);
        let speaker_party = (!unattributed).then(|| self.corpus.speaker_party[speaker]);
        for _ in 0..wanted {
            if self.rng.chance(0.1) {
                let claim = self.other_claim(event, sides, made);
                s = s.claim(claim);
                continue;
            }
            let key = loop {
                let k = Key {
                    measure: self.rng.below(MEASURES.len()),
                    whose: self.rng.below(3),
                    category: self.rng.below(CATEGORIES.len()),
                };
                if !keys.contains(&k) {
                    break k;
                }
            };
            keys.push(key);
            let low_group = speaker_party == Some(sides[0]);
            let estimate_claim = self.count_claim(event, sides, key, low_group, Stage::First);
            s = s.claim(estimate_claim);
        }
        self.left -= s.claims.len();
        if !unattributed && self.speaker_revises(speaker) {
            for &key in keys.iter().take(1) {
                let due = self.next_statement + 1 + self.rng.below(20);
                let later =
                    made + Duration::hours(i64::try_from(self.rng.range(1, 48)).unwrap_or(1));
                self.pending.push_back(Revision {
                    due,
                    speaker,
                    event,
                    key,
                    made: later,
                });
            }
        }
        s
    }

    fn revision(&mut self, r: Revision) -> Statement {
        let (sides, _) = self.corpus.events[r.event];
        let low_group = self.corpus.speaker_party[r.speaker] == sides[0];
        let claim = self.count_claim(r.event, sides, r.key, low_group, Stage::Revision);
        self.left -= 1;
        Statement::new(
            self.statement_id(),
            speaker_id(r.speaker),
            TimeWindow::instant(r.made),
        )
        .about(event_id(r.event))
        .claim(claim)
    }

    fn speaker_revises(&self, speaker: usize) -> bool {
        let h = mix(self.corpus.spec.seed ^ mix(0x5EED_0000 + speaker as u64));
        unit(h) < self.corpus.spec.revision_share
    }

    /// The key's hidden figure and whether it is conflicted; pure in (seed, event, key).
    fn truth(&self, event: usize, key: Key) -> (u64, bool) {
        let code = ((event as u64) << 16)
            | ((key.measure as u64) << 8)
            | ((key.whose as u64) << 4)
            | key.category as u64;
        let h = mix(self.corpus.spec.seed ^ mix(code));
        // Mostly small figures, sometimes hundreds or thousands.
        let magnitude = [20u64, 100, 500, 3000][usize::try_from(h % 4).unwrap_or(0)];
        let figure = 1 + (h >> 8) % magnitude;
        let conflicted = unit(mix(h)) < self.corpus.spec.conflict_share;
        (figure, conflicted)
    }

    fn count_claim(
        &mut self,
        event: usize,
        sides: [usize; 2],
        key: Key,
        low_group: bool,
        stage: Stage,
    ) -> Claim {
        let (mut truth, conflicted) = self.truth(event, key);
        if stage == Stage::Revision {
            // Tolls are revised upward as reports arrive.
            truth += 1 + self.rng.range(0, truth / 2);
        }
        let whose = match key.whose {
            w @ (0 | 1) => Whose::party(party_id(sides[w])),
            _ => Whose::All,
        };
        let breakdown = stage == Stage::First && self.rng.chance(self.corpus.spec.breakdown_share);
        let estimate = if conflicted && !low_group {
            // Above twice the truth, while the low group stays within 1.1 × truth + 1.
            let high = 2 * truth + 2 + self.rng.range(0, truth);
            if breakdown || self.rng.chance(0.5) {
                Estimate::exact(high)
            } else {
                Estimate::at_least(high)
            }
        } else if breakdown || conflicted {
            self.bounded_phrase(truth, breakdown)
        } else {
            self.phrase(truth)
        };
        let mut count = CountClaim::new(
            MEASURES[key.measure].clone(),
            whose,
            CATEGORIES[key.category].clone(),
            estimate,
        );
        if breakdown && let EstimateKind::Exact(total) = count.estimate.kind() {
            count = with_breakdown(count, total, &mut self.rng);
        }
        Claim::new(self.claim_id(), event_id(event), ClaimBody::Count(count))
    }

    /// An exact or bounded phrase containing `truth`, within `0..=1.1 * truth + 1`.
    fn bounded_phrase(&mut self, truth: u64, exact: bool) -> Estimate {
        if exact || self.rng.chance(0.5) {
            Estimate::exact(truth)
        } else {
            Estimate::about(truth)
        }
    }

    /// Any phrase whose default range contains `truth`.
    fn phrase(&mut self, truth: u64) -> Estimate {
        let rng = &mut self.rng;
        let kind = match rng.below(6) {
            0 => EstimateKind::Exact(truth),
            1 => EstimateKind::AtLeast(truth - rng.range(0, truth / 4)),
            2 => EstimateKind::About(truth),
            3 if truth >= 2 => EstimateKind::MoreThan(truth - 1 - rng.range(0, (truth - 1) / 4)),
            4 => EstimateKind::Between(
                truth - rng.range(0, truth / 5),
                truth + rng.range(1, truth / 5 + 1),
            ),
            5 => EstimateKind::UpTo(truth + rng.range(0, truth / 5)),
            _ => EstimateKind::Exact(truth),
        };
        let estimate = Estimate::new(kind).unwrap_or_else(|_| Estimate::exact(truth));
        // Now and then the words of a wire report rather than the canonical ones.
        match (kind, rng.below(4)) {
            (EstimateKind::AtLeast(n), 0) => {
                format!("no fewer than {n}").parse().unwrap_or(estimate)
            }
            (EstimateKind::About(n), 0) => format!("roughly {n}").parse().unwrap_or(estimate),
            (EstimateKind::Between(a, b), 0) => format!("{a}-{b}").parse().unwrap_or(estimate),
            _ => estimate,
        }
    }

    fn other_claim(
        &mut self,
        event: usize,
        sides: [usize; 2],
        made: DateTime<FixedOffset>,
    ) -> Claim {
        let blamed = self.rng.below(2);
        let body = if self.rng.chance(0.5) {
            ClaimBody::Responsibility {
                initiator: party_id(sides[blamed]),
                against: Some(party_id(sides[1 - blamed])),
                description: Some("a large-scale provocation".to_owned()),
            }
        } else {
            let (_, start) = self.corpus.events[event];
            let early = start - Duration::hours(i64::try_from(self.rng.range(0, 3)).unwrap_or(0));
            let late = (start + Duration::hours(i64::try_from(self.rng.range(1, 6)).unwrap_or(1)))
                .min(made);
            let window = TimeWindow::new(early, late.max(early))
                .map(|w| {
                    w.with_precision(Precision::Hour)
                        .with_phrase("shortly after midnight")
                })
                .unwrap_or_else(|_| TimeWindow::instant(early));
            ClaimBody::Timing {
                boundary: Boundary::Onset,
                window,
            }
        };
        Claim::new(self.claim_id(), event_id(event), body)
    }
}

/// Splits an exact total into 2 or 3 exact unit parts summing to it.
fn with_breakdown(count: CountClaim, total: u64, rng: &mut Rng) -> CountClaim {
    let parts = 2 + rng.below(2);
    let mut left = total;
    let first_unit = rng.below(UNITS.len());
    let mut count = count;
    for i in 0..parts {
        let share = if i + 1 == parts {
            left
        } else {
            rng.range(0, left)
        };
        left -= share;
        let unit = UNITS[(first_unit + i) % UNITS.len()];
        count = count.with_part(BreakdownPart::new(unit, Estimate::exact(share)));
    }
    count
}
