//! Reconciliation throughput: `cargo bench --bench reconcile`.
//!
//! - `bulk/summarize`: the compact engine at 10^3, 10^5, 10^6 readings (keys = n / 10).
//! - `rich/reconcile`: `Reconciler::reconcile` on a generated dossier at 10^3, 10^4 claims.
//! - `rich/part_whole`: 1 000 events, each with sides' totals and per-side military and
//!   civilian claims, linked by part-whole sums that propagation must solve.
use std::hint::black_box;

use contested::reconcile::Reconciler;
use contested::reconcile::bulk::{BulkLedger, BulkReading};
use contested::{
    Actor, ActorKind, Category, Claim, CountRange, Dossier, Estimate, Event, EventKind, Measure,
    Statement, TimeWindow, Whose,
};
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};

/// splitmix64.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn readings(n: u64) -> Vec<BulkReading> {
    let keys = (n / 10).max(1);
    (0..n)
        .map(|i| {
            let h = mix(i);
            let key = (h % keys) as u32;
            let truth = 10 + mix(u64::from(key)) % 1000;
            let lo = truth - (h >> 32) % 5;
            BulkReading::new(
                key,
                ((h >> 40) % 16) as u32,
                ((h >> 20) % 1000) as i64,
                CountRange::new(lo, Some(truth + (h >> 48) % 5)).unwrap_or_default(),
            )
        })
        .collect()
}

fn bulk(c: &mut Criterion) {
    let mut g = c.benchmark_group("bulk");
    g.sample_size(10);
    for n in [1_000u64, 100_000, 1_000_000] {
        let rs = readings(n);
        g.throughput(Throughput::Elements(n));
        g.bench_function(format!("summarize/{n}"), |b| {
            b.iter_batched(
                || BulkLedger::from_vec(rs.clone()),
                |l| black_box(l.summarize()),
                BatchSize::LargeInput,
            )
        });
    }
    g.finish();
}

fn at(h: u64) -> TimeWindow {
    let t = format!("2022-09-{:02}T{:02}:00:00+04:00", 1 + (h / 24) % 28, h % 24);
    TimeWindow::instant(t.parse().unwrap_or_default())
}

const PHRASES: [&str; 6] = [
    "50",
    "at least 49",
    "about 100",
    "between 40 and 60",
    "dozens",
    "up to 70",
];

/// `n` count claims by 8 speakers about n / 10 events, one claim per statement.
fn dossier(n: u64) -> Dossier {
    let events = (n / 10).max(1);
    let mut b = Dossier::builder();
    for a in 0..8 {
        b = b.actor(Actor::new(
            format!("a{a}").as_str(),
            format!("Actor {a}"),
            ActorKind::State,
        ));
    }
    for e in 0..events {
        b = b.event(
            Event::new(format!("e{e}").as_str(), "E", EventKind::Clash)
                .with_side("a0")
                .with_side("a1"),
        );
    }
    for i in 0..n {
        let h = mix(i);
        let est: Estimate = PHRASES[(h % 6) as usize]
            .parse()
            .unwrap_or(Estimate::exact(1));
        let whose = if (h >> 8).is_multiple_of(2) {
            Whose::All
        } else {
            Whose::party("a0")
        };
        let claim = Claim::count(
            format!("c{i}").as_str(),
            format!("e{}", (h >> 16) % events).as_str(),
            Measure::Killed,
            whose,
            Category::Military,
            est,
        );
        let speaker = format!("a{}", (h >> 24) % 8);
        b = b.statement(
            Statement::new(
                format!("s{i}").as_str(),
                speaker.as_str(),
                at((h >> 32) % 100),
            )
            .claim(claim),
        );
    }
    b.build().expect("generated dossiers are valid")
}

/// 1 000 events: each side's military and civilian killed, each side's total, and the
/// total over both sides, from different speakers.
fn part_whole(events: u64) -> Dossier {
    let mut b = Dossier::builder()
        .actor(Actor::new("a", "A", ActorKind::State))
        .actor(Actor::new("b", "B", ActorKind::State))
        .actor(Actor::new("agency", "Agency", ActorKind::Agency));
    let mut i = 0u64;
    for e in 0..events {
        let ev = format!("e{e}");
        b = b.event(
            Event::new(ev.as_str(), "E", EventKind::Clash)
                .with_side("a")
                .with_side("b"),
        );
        let mut claims: Vec<(&str, Whose, Category, Estimate)> = Vec::new();
        for side in ["a", "b"] {
            claims.push((
                side,
                Whose::party(side),
                Category::Military,
                Estimate::exact(40),
            ));
            claims.push((
                side,
                Whose::party(side),
                Category::Civilian,
                Estimate::at_least(5),
            ));
            claims.push((side, Whose::party(side), Category::Any, Estimate::about(50)));
        }
        claims.push(("agency", Whose::All, Category::Any, Estimate::about(100)));
        for (speaker, whose, category, est) in claims {
            let claim = Claim::count(
                format!("c{i}").as_str(),
                ev.as_str(),
                Measure::Killed,
                whose,
                category,
                est,
            );
            b = b.statement(
                Statement::new(format!("s{i}").as_str(), speaker, at(i % 100)).claim(claim),
            );
            i += 1;
        }
    }
    b.build().expect("generated dossiers are valid")
}

fn rich(c: &mut Criterion) {
    let mut g = c.benchmark_group("rich");
    g.sample_size(10);
    for n in [1_000u64, 10_000] {
        let d = dossier(n);
        g.throughput(Throughput::Elements(n));
        g.bench_function(format!("reconcile/{n}"), |b| {
            b.iter(|| black_box(Reconciler::new().reconcile(black_box(&d))))
        });
    }
    let d = part_whole(1_000);
    g.throughput(Throughput::Elements(d.claims().count() as u64));
    g.bench_function("part_whole/1000_events", |b| {
        b.iter(|| black_box(Reconciler::new().reconcile(black_box(&d))))
    });
    g.finish();
}

criterion_group!(benches, bulk, rich);
criterion_main!(benches);
