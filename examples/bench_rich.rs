//! Time of the rich reconciliation (`Reconciler::reconcile`, whole), on the synthetic
//! corpus and on one event with many sides, with time per claim.
//!
//! ```text
//! cargo run --release --features corpus --example bench_rich -- --claims 100000 --events 10000 --runs 3
//! cargo run --release --features corpus --example bench_rich -- --sides 800 --runs 5
//! ```
//!
//! The corpus is `contested::corpus` (the same as `gen_corpus`); the sides case has one
//! event with `S` sides, each side's military, civilian and any killed reported by the
//! side itself, the total by an agency, and one side's figures contradicting the total,
//! so the minimal conflicting set is searched for. Reports the median and minimum of the
//! runs' wall time and of their CPU time (building the dossier is not timed).

use std::process::ExitCode;
use std::time::Instant;

use contested::corpus::{Corpus, CorpusSpec};
use contested::reconcile::Reconciler;
use contested::{
    Actor, ActorKind, Category, Claim, Dossier, Event, EventKind, Measure, Statement, TimeWindow,
    Whose,
};

const USAGE: &str =
    "usage: bench_rich [--claims N] [--events E] [--sides S] [--runs R] [--json OUT.json]";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench_rich: {e}");
            ExitCode::from(2)
        }
    }
}

fn corpus(claims: usize, events: usize) -> Result<Dossier, Box<dyn std::error::Error>> {
    let c = Corpus::new(CorpusSpec::new(claims).with_events(events))?;
    let mut b = c.context().to_builder();
    for s in c.statements() {
        b = b.statement(s);
    }
    Ok(b.build()?)
}

fn sides(n: usize) -> Result<Dossier, Box<dyn std::error::Error>> {
    let t = TimeWindow::instant("2022-09-13T10:00:00Z".parse()?);
    let mut b = Dossier::builder().actor(Actor::new("agency", "Agency", ActorKind::Agency));
    let mut ev = Event::new("e", "Many sides", EventKind::Clash);
    for i in 0..n {
        b = b.actor(Actor::new(
            format!("p{i}"),
            format!("P{i}"),
            ActorKind::State,
        ));
        ev = ev.with_side(format!("p{i}"));
    }
    b = b.event(ev);
    let count = |id: String, whose: Whose, cat: Category, n: u64| {
        Claim::count(
            id,
            "e",
            Measure::Killed,
            whose,
            cat,
            contested::Estimate::exact(n),
        )
    };
    for i in 0..n {
        let w = Whose::party(format!("p{i}"));
        b = b.statement(
            Statement::new(format!("s{i}"), format!("p{i}"), t.clone())
                .claim(count(format!("m{i}"), w.clone(), Category::Military, 2))
                .claim(count(format!("c{i}"), w.clone(), Category::Civilian, 1))
                .claim(count(format!("a{i}"), w, Category::Any, 3)),
        );
    }
    // The total is one short of the sum: a part-whole contradiction to explain.
    let total = 3 * n as u64 - 1;
    b = b.statement(Statement::new("total", "agency", t).claim(count(
        "t".into(),
        Whose::All,
        Category::Any,
        total,
    )));
    Ok(b.build()?)
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let (mut claims, mut events, mut side_count, mut runs) = (None, 1000usize, None, 3usize);
    let mut json: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut v = || {
            args.next()
                .ok_or_else(|| format!("{a} needs a value\n{USAGE}"))
        };
        match a.as_str() {
            "--claims" => claims = Some(v()?.parse::<usize>()?),
            "--events" => events = v()?.parse()?,
            "--sides" => side_count = Some(v()?.parse::<usize>()?),
            "--runs" => runs = v()?.parse()?,
            "--json" => json = Some(v()?),
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            _ => return Err(format!("unexpected argument {a:?}\n{USAGE}").into()),
        }
    }
    let (label, d) = match (claims, side_count) {
        (_, Some(s)) => (format!("{s} sides"), sides(s)?),
        (c, None) => {
            let c = c.unwrap_or(10_000);
            (
                format!("{c} claims over {events} events"),
                corpus(c, events)?,
            )
        }
    };
    let n = d.claims().count();
    let mut times = Vec::with_capacity(runs);
    let mut cpu = Vec::with_capacity(runs);
    let mut discrepancies = 0;
    for _ in 0..runs.max(1) {
        let (start, cpu_start) = (Instant::now(), thread_cpu());
        let r = Reconciler::new().reconcile(&d);
        times.push(start.elapsed().as_secs_f64());
        if let (Some(a), Some(b)) = (cpu_start, thread_cpu()) {
            cpu.push(b - a);
        }
        discrepancies = r.discrepancies().len();
        if let Some(path) = &json {
            // The last run's result, so that a change meant only to be faster can be
            // checked to leave the output byte for byte unchanged.
            std::fs::write(path, serde_json::to_string_pretty(&r)?)?;
        }
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    // The thread's CPU time too: on a shared machine the wall time of one binary varies
    // by a third from run to run, its CPU time much less.
    cpu.sort_by(f64::total_cmp);
    let cpu = match (cpu.get(cpu.len() / 2), cpu.first()) {
        (Some(m), Some(least)) => format!(", cpu median {m:.3} s, min {least:.3} s"),
        _ => String::new(),
    };
    println!(
        "{label}: {n} claims, median {:.3} s, min {:.3} s, {:.2} us/claim, {discrepancies} discrepancies{cpu}",
        median,
        times[0],
        median * 1e6 / n.max(1) as f64
    );
    Ok(())
}

/// This thread's CPU time in seconds (Linux: the first field of
/// `/proc/thread-self/schedstat`, nanoseconds on a CPU); `None` elsewhere.
fn thread_cpu() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns as f64 * 1e-9)
}
