//! Measures JSON Lines ingest throughput on a file held in memory, single-threaded.
//!
//! ```text
//! cargo run --release --features corpus --example gen_corpus -- --claims 20000 --seed 1 c.jsonl
//! cargo run --release --example ingest_file -- c.jsonl 15
//! ```
//!
//! Prints each run's MB/s (10^6 bytes per second), the median and the best (the best is
//! the steadier figure on a machine shared with other work).

use std::process::ExitCode;
use std::time::Instant;

use contested::ingest::JsonLines;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: ingest_file FILE.jsonl [RUNS]");
        return ExitCode::FAILURE;
    };
    let runs: usize = args
        .next()
        .and_then(|r| r.parse().ok())
        .unwrap_or(11)
        .max(1);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("ingest_file: cannot read {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut rates = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        let (mut ok, mut bad) = (0usize, 0usize);
        for s in JsonLines::new(&bytes[..]) {
            match s {
                Ok(s) => ok += s.claims.len(),
                Err(_) => bad += 1,
            }
        }
        let secs = start.elapsed().as_secs_f64();
        let rate = bytes.len() as f64 / secs / 1e6;
        println!("{rate:8.1} MB/s  ({ok} claims, {bad} bad lines, {secs:.4} s)");
        rates.push(rate);
    }
    rates.sort_by(f64::total_cmp);
    println!(
        "median {:.1} MB/s, best {:.1} MB/s over {runs} runs of {} bytes",
        rates[runs / 2],
        rates[runs - 1],
        bytes.len()
    );
    ExitCode::SUCCESS
}
