//! The bulk engine agrees with the rich `Reconciler` on every dossier: envelope,
//! consensus, live / superseded counts and each speaker's position.

use contested::reconcile::bulk::{BulkLedger, BulkPosition, Voice};
use contested::reconcile::{Policy, Reconciler, Status};
use contested::{
    Actor, ActorKind, BreakdownPart, Category, Claim, ClaimBody, CountClaim, CountRange, Dossier,
    Estimate, Event, EventKind, Interpretation, Measure, Statement, TimeWindow, Whose,
};
use proptest::prelude::*;

/// The bulk engine reads `lo..=u64::MAX` as `lo..` (the same counts).
fn norm(r: CountRange) -> CountRange {
    match r.hi() {
        Some(u64::MAX) => CountRange::at_least(r.lo()),
        _ => r,
    }
}

fn hour(h: u32) -> chrono::DateTime<chrono::FixedOffset> {
    format!("2022-09-13T{h:02}:00:00+04:00")
        .parse()
        .expect("valid time")
}

/// Asserts that bulk and rich reconciliation agree on `d`, as of `as_of` if given, under
/// the subset of the rules the bulk path implements: `Policy::per_speaker()` (DESIGN.md,
/// "Bulk path").
fn agree(d: &Dossier, as_of: Option<u32>) {
    let mut rec = Reconciler::new().policy(Policy::per_speaker());
    if let Some(h) = as_of {
        rec = rec.as_of(hour(h));
    }
    let rich = rec.reconcile(d);
    let (ledger, names) = BulkLedger::from_evidence(rich.evidence()).expect("small dossier");
    if as_of.is_none() {
        let (again, _) =
            BulkLedger::from_dossier(d, &Interpretation::default()).expect("small dossier");
        assert_eq!(again, ledger);
    }
    let mut seen: Vec<(u32, Vec<BulkPosition>)> = Vec::new();
    let mut keys = Vec::new();
    ledger.for_each_key(|k, ps| {
        keys.push(*k);
        seen.push((k.key, ps.to_vec()));
    });
    assert_eq!(keys.len(), rich.figures().len());
    for (f, k) in rich.figures().iter().zip(&keys) {
        assert_eq!(names.key_id(&f.key), Some(k.key), "keys in the same order");
        let live = f.live().count();
        assert_eq!(k.live as usize, live, "{}", f.key);
        assert_eq!(k.superseded as usize, f.readings.len() - live, "{}", f.key);
        assert_eq!(k.speakers as usize, f.positions.len(), "{}", f.key);
        assert_eq!(k.envelope, norm(f.envelope), "{}", f.key);
        assert_eq!(k.consensus, f.consensus.map(norm), "{}", f.key);
        let (_, ps) = seen.iter().find(|(id, _)| *id == k.key).expect("visited");
        for pos in &f.positions {
            assert!(!matches!(pos.voice, Voice::Party(_)), "per speaker");
            let id = names.voice_id(&pos.voice).expect("interned");
            let p = ps.iter().find(|p| p.speaker == id).expect("position");
            let current_readings = f
                .readings
                .iter()
                .filter(|r| r.status == Status::Live && pos.current.contains(&r.cite.claim))
                .count();
            assert_eq!(p.live as usize, current_readings, "{}", f.key);
            let in_history = f
                .readings
                .iter()
                .filter(|r| pos.history.contains(&r.cite.claim))
                .count();
            assert_eq!(p.revisions as usize, in_history - current_readings);
        }
    }
}

fn actors() -> contested::DossierBuilder {
    Dossier::builder()
        .actor(Actor::new("a0", "A0", ActorKind::State))
        .actor(Actor::new("a1", "A1", ActorKind::State))
        .actor(Actor::new("mod0", "Ministry of A0", ActorKind::GovernmentBody).part_of("a0"))
        .actor(Actor::new("agency", "Agency", ActorKind::Agency))
        .event(
            Event::new("e0", "Clash", EventKind::Clash)
                .with_side("a0")
                .with_side("a1"),
        )
        .event(Event::new("e1", "Shelling", EventKind::Clash))
}

const SPEAKERS: [Option<&str>; 5] = [Some("a0"), Some("a1"), Some("mod0"), Some("agency"), None];
const PHRASES: [&str; 10] = [
    "50",
    "at least 49",
    "about 100",
    "between 40 and 60",
    "fewer than 30",
    "dozens",
    "more than 70",
    "nearly 300",
    "12",
    "up to 55",
];

#[derive(Debug, Clone)]
struct ClaimSpec {
    event: usize,
    measure: usize,
    whose: usize,
    category: usize,
    phrase: usize,
    part: Option<usize>,
}

#[derive(Debug, Clone)]
struct StatementSpec {
    speaker: usize,
    start: u32,
    len: u32,
    claims: Vec<ClaimSpec>,
}

fn claim_spec() -> impl Strategy<Value = ClaimSpec> {
    (
        0..2usize,
        0..2usize,
        0..3usize,
        0..2usize,
        0..PHRASES.len(),
        prop::option::weighted(0.2, 0..PHRASES.len()),
    )
        .prop_map(
            |(event, measure, whose, category, phrase, part)| ClaimSpec {
                event,
                measure,
                whose,
                category,
                phrase,
                part,
            },
        )
}

fn statement_spec() -> impl Strategy<Value = StatementSpec> {
    (
        0..SPEAKERS.len(),
        0..4u32,
        0..2u32,
        prop::collection::vec(claim_spec(), 1..4),
    )
        .prop_map(|(speaker, start, len, claims)| StatementSpec {
            speaker,
            start,
            len,
            claims,
        })
}

fn build(specs: &[StatementSpec]) -> Dossier {
    let mut b = actors();
    for (i, s) in specs.iter().enumerate() {
        let made = TimeWindow::new(hour(s.start), hour(s.start + s.len)).expect("ordered");
        let sid = format!("s{i}");
        let mut st = match SPEAKERS[s.speaker] {
            Some(sp) => Statement::new(sid.as_str(), sp, made),
            None => Statement::unattributed(sid.as_str(), made),
        };
        for (j, c) in s.claims.iter().enumerate() {
            let whose = [Whose::All, Whose::party("a0"), Whose::party("a1")][c.whose].clone();
            let category = [Category::Military, Category::Any][c.category].clone();
            let measure = [Measure::Killed, Measure::Wounded][c.measure].clone();
            let est: Estimate = PHRASES[c.phrase].parse().expect("phrase parses");
            let mut cc = CountClaim::new(measure, whose, category, est);
            if let Some(p) = c.part {
                cc = cc.with_part(BreakdownPart::new(
                    "army",
                    PHRASES[p].parse().expect("phrase parses"),
                ));
            }
            st = st.claim(Claim::new(
                format!("c{i}-{j}").as_str(),
                ["e0", "e1"][c.event],
                ClaimBody::Count(cc),
            ));
        }
        b = b.statement(st);
    }
    b.build().expect("generated dossiers are valid")
}

#[test]
fn seed_like_dossier_with_revision_and_conflict() {
    let spec = |speaker, start, len, whose, phrase| StatementSpec {
        speaker,
        start,
        len,
        claims: vec![ClaimSpec {
            event: 0,
            measure: 0,
            whose,
            category: 0,
            phrase,
            part: None,
        }],
    };
    let d = build(&[
        spec(0, 1, 0, 1, 0), // a0: 50 of its own
        spec(1, 1, 0, 2, 1), // a1: at least 49 of its own
        spec(3, 2, 0, 0, 2), // agency: about 100 in all
        spec(2, 3, 0, 1, 4), // mod0 (party a0): fewer than 30 of a0's: conflicts with 50
        spec(0, 3, 1, 1, 3), // a0 revises to 40..=60
        spec(4, 2, 0, 0, 7), // unattributed: nearly 300 in all: conflicts
        spec(4, 2, 0, 0, 2), // another unattributed statement: never supersedes
    ]);
    agree(&d, None);
    agree(&d, Some(2));
    let (l, _) = BulkLedger::from_dossier(&d, &Interpretation::default()).expect("small");
    let s = l.summarize();
    assert_eq!(s.revisions(), 1);
    assert_eq!(s.conflicts(), 2);
}

#[test]
fn empty_dossier() {
    agree(&Dossier::default(), None);
    agree(&actors().build().expect("valid"), None);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn bulk_equals_rich(specs in prop::collection::vec(statement_spec(), 1..14), as_of in prop::option::of(0..5u32)) {
        let d = build(&specs);
        agree(&d, None);
        agree(&d, as_of);
    }
}
