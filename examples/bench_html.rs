//! How long the HTML report takes to render: the seed dossier, and a generated dossier of
//! 10,000 count claims (with revisions, conflicts and unattributed reports).
//!
//! ```text
//! cargo run --release --features html --example bench_html [-- --runs 9 --claims 10000 --out big.html]
//! ```
//!
//! `--out FILE` also writes the generated dossier's page, to open in a browser.
//!
//! Prints, for each dossier, the median and minimum render time over the runs (the
//! reconciliation is computed once, untimed, and its time printed apart), and the page
//! size. Targets: seed under 10 ms, 10,000 claims under 1 s.

use std::time::{Duration, Instant};

use contested::reconcile::{Reconciler, Reconciliation};
use contested::{
    Actor, ActorKind, Category, Claim, Dossier, Estimate, Event, EventKind, Hedge, Measure,
    Statement, TimeWindow, Whose,
};

const SEED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/examples/data/armenia_azerbaijan_2022-09-13.json"
);

/// splitmix64: a fixed, dependency-free generator, so every run renders the same dossier.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// `claims` count claims over 50 events, 6 parties with 3 speakers each, keys of
/// event × measure × whose × category; 30% of statements revise an earlier figure, 10%
/// of keys carry a disjoint outlier, 5% of statements are unattributed and hedged.
fn generated(claims: usize) -> Dossier {
    let mut rng = Rng(42);
    let parties = 6;
    let mut b = Dossier::builder().title(format!("Generated: {claims} count claims"));
    for p in 0..parties {
        b = b.actor(Actor::new(
            format!("p{p}"),
            format!("Party {p}"),
            ActorKind::State,
        ));
        for s in 0..3 {
            b = b.actor(
                Actor::new(
                    format!("p{p}s{s}"),
                    format!("Speaker {s} of party {p}"),
                    ActorKind::GovernmentBody,
                )
                .part_of(format!("p{p}")),
            );
        }
    }
    b = b.actor(Actor::new("agency", "Agency", ActorKind::Agency));
    let events = 50;
    let start: chrono::DateTime<chrono::FixedOffset> = "2022-01-01T00:00:00+00:00".parse().unwrap();
    for e in 0..events {
        let (a, c) = (e % parties, (e + 1) % parties);
        b = b.event(
            Event::new(format!("e{e}"), format!("Clash {e}"), EventKind::Clash)
                .with_side(format!("p{a}"))
                .with_side(format!("p{c}")),
        );
    }
    let measures = [Measure::Killed, Measure::Wounded, Measure::Missing];
    for i in 0..claims {
        let e = rng.below(events as u64) as usize;
        let sides = [e % parties, (e + 1) % parties];
        let whose = match rng.below(3) {
            0 => Whose::All,
            k => Whose::party(format!("p{}", sides[k as usize - 1])),
        };
        let category =
            [Category::Military, Category::Civilian, Category::Any][rng.below(3) as usize].clone();
        let mi = rng.below(3);
        let measure = measures[mi as usize].clone();
        let truth = 10 + (e as u64 * 7 + mi * 13) % 90;
        let n = if rng.below(10) == 0 {
            truth * 3 + 5
        } else {
            truth
        };
        let estimate: Estimate = match rng.below(4) {
            0 => Estimate::exact(n),
            1 => Estimate::at_least(n.saturating_sub(rng.below(5))),
            2 => Estimate::about(n),
            _ => format!("between {} and {}", n.saturating_sub(3), n + 3)
                .parse()
                .unwrap(),
        };
        let hours = rng.below(24 * 14) as i64 + e as i64 * 24;
        let made = TimeWindow::instant(start + chrono::Duration::hours(hours));
        let claim = Claim::count(
            format!("c{i}"),
            format!("e{e}"),
            measure,
            whose,
            category,
            estimate,
        );
        let statement = if rng.below(20) == 0 {
            Statement::unattributed(format!("s{i}"), made)
                .relayed_by("agency")
                .with_hedge(Hedge::Reportedly)
        } else {
            let speaker = if rng.below(5) == 0 {
                "agency".to_owned()
            } else {
                format!("p{}s{}", sides[rng.below(2) as usize], rng.below(3))
            };
            Statement::new(format!("s{i}"), speaker, made)
        };
        b = b.statement(statement.about(format!("e{e}")).claim(claim));
    }
    b.build().expect("the generated dossier is valid")
}

fn time_renders(d: &Dossier, r: &Reconciliation, runs: usize) -> (Duration, Duration, usize) {
    let mut times = Vec::with_capacity(runs);
    let mut size = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let page = contested::html::render(d, r);
        times.push(t.elapsed());
        size = page.len();
        std::hint::black_box(page);
    }
    times.sort();
    (times[times.len() / 2], times[0], size)
}

fn report(name: &str, d: &Dossier, runs: usize, target: Duration, out: Option<&str>) {
    let t = Instant::now();
    let r = Reconciler::new().reconcile(d);
    let reconcile = t.elapsed();
    let (median, min, size) = time_renders(d, &r, runs);
    println!(
        "{name}: {} claims, {} figures; reconcile {:.2} ms (untimed below); render median {:.2} ms, min {:.2} ms over {runs} runs; page {} KiB; target < {} ms: {}",
        d.claims().count(),
        r.figures().len(),
        reconcile.as_secs_f64() * 1e3,
        median.as_secs_f64() * 1e3,
        min.as_secs_f64() * 1e3,
        size / 1024,
        target.as_millis(),
        if median < target { "met" } else { "MISSED" },
    );
    if let Some(path) = out {
        std::fs::write(path, contested::html::render(d, &r))
            .unwrap_or_else(|e| panic!("{path}: {e}"));
    }
}

fn main() {
    let mut runs = 9;
    let mut claims = 10_000;
    let mut out = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = |flag: &str| -> usize {
            args.next()
                .and_then(|v| v.parse().ok())
                .unwrap_or_else(|| panic!("{flag} needs a whole number"))
        };
        match a.as_str() {
            "--runs" => runs = value("--runs").max(1),
            "--claims" => claims = value("--claims"),
            "--out" => out = Some(args.next().expect("--out needs a file")),
            "-h" | "--help" => {
                println!("usage: bench_html [--runs N] [--claims N] [--out FILE.html]");
                return;
            }
            other => panic!("unknown argument {other:?}"),
        }
    }
    let seed = Dossier::from_json_file(SEED).expect("the seed dossier loads");
    report("seed", &seed, runs, Duration::from_millis(10), None);
    report(
        "generated",
        &generated(claims),
        runs,
        Duration::from_secs(1),
        out.as_deref(),
    );
}
