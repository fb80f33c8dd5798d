//! Time of adding one statement to a loaded dossier: `Dossier::add_statement` (checks the
//! new statement only) against rebuilding (`to_builder().statement(..).build()`, which
//! clones and revalidates everything), on the synthetic corpus.
//!
//! ```text
//! cargo run --release --features corpus --example bench_edit -- --claims 100000 --runs 20
//! ```
//!
//! The dossier holds every corpus statement but the last; each run adds that one to a
//! fresh copy (the copy is not timed). Reports the median and minimum of the runs.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use contested::corpus::{Corpus, CorpusSpec};

const USAGE: &str = "usage: bench_edit [--claims N] [--runs R]";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bench_edit: {e}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let mut claims = 100_000;
    let mut runs = 20;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or(USAGE);
        match a.as_str() {
            "--claims" => claims = value()?.parse()?,
            "--runs" => runs = value()?.parse::<usize>()?.max(1),
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            _ => return Err(USAGE.into()),
        }
    }
    let corpus = Corpus::new(CorpusSpec::new(claims))?;
    let mut statements: Vec<_> = corpus.statements().collect();
    let last = statements.pop().ok_or("an empty corpus")?;
    let mut b = corpus.context().to_builder();
    for s in statements {
        b = b.statement(s);
    }
    let dossier = b.build()?;
    let n_claims = dossier.claims().count();

    let mut incremental = Vec::new();
    let mut rebuild = Vec::new();
    for _ in 0..runs {
        let mut d = dossier.clone();
        let t = Instant::now();
        d.add_statement(last.clone())?;
        incremental.push(t.elapsed());

        let t = Instant::now();
        let d2 = dossier.to_builder().statement(last.clone()).build()?;
        rebuild.push(t.elapsed());
        assert_eq!(d, d2);
    }
    println!(
        "{} statements, {n_claims} claims; one statement added ({runs} runs, median / min):",
        dossier.statements().len()
    );
    let (m, lo) = stats(&mut incremental);
    println!("  add_statement          {m:>12.3?} / {lo:.3?}");
    let (m, lo) = stats(&mut rebuild);
    println!("  to_builder + build     {m:>12.3?} / {lo:.3?}");
    Ok(())
}

fn stats(v: &mut [Duration]) -> (Duration, Duration) {
    v.sort();
    (v[v.len() / 2], v[0])
}
