//! Throughput and memory of the bulk reconciliation engine.
//!
//! ```text
//! cargo run --release --example bench_reconcile -- --claims 10000000 --keys 1000000 --runs 5
//! cargo run --release --features rayon --example bench_reconcile -- --claims 10000000 --keys 1000000 --runs 5 --parallel
//! cargo run --release --example bench_reconcile -- --dossier FILE.json --runs 5
//! ```
//!
//! Flags: `--claims N` (default 1 000 000), `--keys K` (default N / 10), `--speakers S`
//! (default 16), `--revise P` (percent of readings by the key's regular speaker, who thus
//! revises; default 30), `--conflict C` (percent of keys with a disjoint outlier reading;
//! default 5), `--runs R` (default 5), `--seed X`, `--parallel` (rayon feature),
//! `--merge` (summarise two halves into states and merge them, the partition-merge
//! route), `--dossier FILE` (reconcile a JSON dossier's count claims through the adapter).
//!
//! The corpus is generated afresh before every run (untimed: `summarize` consumes its
//! ledger) by a hand-written splitmix64, so runs are deterministic; keys come out in
//! random order. Reports the median and minimum wall time of `summarize`, claims per
//! second, the ledger's own bytes per claim, and the process's peak resident memory
//! (`VmHWM`, reset before each run through `/proc/self/clear_refs` where allowed).

use std::process::ExitCode;
use std::time::{Duration, Instant};

use contested::reconcile::bulk::{BulkLedger, BulkReading, BulkSummary};
use contested::{CountRange, Dossier, Interpretation};

/// splitmix64: tiny, fast, good enough for synthetic data.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }

    fn below(&mut self, n: u64) -> u64 {
        // Multiply-shift: unbiased enough for a benchmark, no division.
        ((u128::from(self.next()) * u128::from(n.max(1))) >> 64) as u64
    }
}

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[derive(Debug, Clone)]
struct Args {
    claims: u64,
    keys: Option<u64>,
    speakers: u64,
    revise: u64,
    conflict: u64,
    runs: usize,
    seed: u64,
    parallel: bool,
    merge: bool,
    dossier: Option<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        claims: 1_000_000,
        keys: None,
        speakers: 16,
        revise: 30,
        conflict: 5,
        runs: 5,
        seed: 42,
        parallel: false,
        merge: false,
        dossier: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut num = |name: &str| -> Result<u64, String> {
            it.next()
                .and_then(|v| v.replace('_', "").parse().ok())
                .ok_or(format!("{name} needs a number"))
        };
        match flag.as_str() {
            "--claims" => a.claims = num("--claims")?,
            "--keys" => a.keys = Some(num("--keys")?.max(1)),
            "--speakers" => a.speakers = num("--speakers")?.clamp(1, u64::from(u32::MAX)),
            "--revise" => a.revise = num("--revise")?.min(100),
            "--conflict" => a.conflict = num("--conflict")?.min(100),
            "--runs" => a.runs = usize::try_from(num("--runs")?.max(1)).unwrap_or(1),
            "--seed" => a.seed = num("--seed")?,
            "--parallel" => a.parallel = true,
            "--merge" => a.merge = true,
            "--dossier" => a.dossier = Some(it.next().ok_or("--dossier needs a file")?),
            other => return Err(format!("unknown flag {other}")),
        }
    }
    Ok(a)
}

/// N readings over K keys: each key has a true figure; readings bracket it (10% "at least"),
/// `revise`% come from the key's regular speaker at a random time (so most of them
/// revise), and on `conflict`% of keys one reading in eight is a disjoint outlier.
fn generate(a: &Args) -> BulkLedger {
    let keys = a
        .keys
        .unwrap_or((a.claims / 10).max(1))
        .min(u64::from(u32::MAX) + 1);
    let mut rng = SplitMix(a.seed);
    let mut ledger = BulkLedger::new();
    for _ in 0..a.claims {
        let key = rng.below(keys);
        let h = mix(key ^ a.seed);
        let truth = 10 + h % 1000;
        let speaker = if rng.below(100) < a.revise {
            (h >> 20) % a.speakers
        } else {
            rng.below(a.speakers)
        };
        let made = rng.below(1_000_000) as i64;
        let roll = rng.next();
        let range = if (h >> 40) % 100 < a.conflict && roll.is_multiple_of(8) {
            CountRange::exact(truth * 3 + 100)
        } else {
            let lo = truth - (roll >> 8) % 5;
            if (roll >> 16).is_multiple_of(10) {
                CountRange::at_least(lo)
            } else {
                CountRange::new(lo, Some(truth + (roll >> 24) % 5)).unwrap_or(CountRange::UNKNOWN)
            }
        };
        // key < 2^32 by construction.
        ledger.push(BulkReading::new(key as u32, speaker as u32, made, range));
    }
    ledger
}

fn vm_hwm_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn vm_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Resets the peak to the current resident size (Linux >= 4.0).
fn reset_hwm() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

fn run(a: &Args, ledger: BulkLedger) -> Result<BulkSummary, String> {
    if a.merge {
        let mut left = BulkLedger::new();
        let mut right = BulkLedger::new();
        for (i, r) in ledger.iter().enumerate() {
            if i % 2 == 0 {
                left.push(*r)
            } else {
                right.push(*r)
            }
        }
        drop(ledger);
        return Ok(left.state().merge(right.state()).finish());
    }
    if a.parallel {
        #[cfg(feature = "rayon")]
        return Ok(ledger.summarize_parallel());
        #[cfg(not(feature = "rayon"))]
        return Err("--parallel needs --features rayon".into());
    }
    Ok(ledger.summarize())
}

fn main() -> ExitCode {
    let a = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!(
                "{e}\nusage: bench_reconcile [--claims N] [--keys K] [--speakers S] [--revise P] [--conflict C] [--runs R] [--seed X] [--parallel] [--merge] [--dossier FILE]"
            );
            return ExitCode::from(2);
        }
    };
    let dossier = match &a.dossier {
        Some(path) => match Dossier::from_json_file(path) {
            Ok(d) => Some(d),
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::FAILURE;
            }
        },
        None => None,
    };
    let build = || -> BulkLedger {
        match &dossier {
            Some(d) => BulkLedger::from_dossier(d, &Interpretation::default())
                .map(|(l, _)| l)
                .unwrap_or_default(),
            None => generate(&a),
        }
    };
    #[cfg(feature = "rayon")]
    let threads = rayon::current_num_threads();
    #[cfg(not(feature = "rayon"))]
    let threads = 1;
    let baseline_kib = vm_rss_kib().unwrap_or(0);
    let mut times: Vec<Duration> = Vec::with_capacity(a.runs);
    let mut peaks: Vec<u64> = Vec::new();
    let mut last: Option<(BulkSummary, usize, usize)> = None;
    for _ in 0..a.runs {
        let can_reset = reset_hwm();
        let gen_start = Instant::now();
        let ledger = build();
        let generated = gen_start.elapsed();
        let (len, bytes) = (ledger.len(), ledger.memory_bytes());
        let start = Instant::now();
        let summary = match run(&a, ledger) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::from(2);
            }
        };
        times.push(start.elapsed());
        if can_reset && let Some(p) = vm_hwm_kib() {
            peaks.push(p);
        }
        eprintln!(
            "run: generate {:.3}s, summarize {:.3}s",
            generated.as_secs_f64(),
            start.elapsed().as_secs_f64()
        );
        last = Some((summary, len, bytes));
    }
    let Some((s, len, bytes)) = last else {
        return ExitCode::FAILURE;
    };
    times.sort();
    let median = times[times.len() / 2];
    let n = len.max(1) as f64;
    let mode = if a.merge {
        "state merge (2 halves)"
    } else if a.parallel {
        "parallel"
    } else {
        "sequential"
    };
    println!("mode                 {mode} ({threads} rayon threads available)");
    println!("claims               {}", s.claims());
    println!("keys                 {}", s.key_count());
    println!("conflicts            {}", s.conflicts());
    println!("revisions            {}", s.revisions());
    println!("runs                 {}", times.len());
    println!(
        "median wall time     {:.3} s (min {:.3} s)",
        median.as_secs_f64(),
        times[0].as_secs_f64()
    );
    println!(
        "claims/s (median)    {:.1} M",
        n / median.as_secs_f64() / 1e6
    );
    println!(
        "ledger bytes/claim   {:.1} ({} bytes held)",
        bytes as f64 / n,
        bytes
    );
    let peak = peaks.iter().max().copied().or_else(vm_hwm_kib).unwrap_or(0);
    println!(
        "peak RSS (VmHWM)     {:.1} MiB = {:.1} bytes/claim (process start {:.1} MiB{})",
        peak as f64 / 1024.0,
        (peak.saturating_sub(baseline_kib) * 1024) as f64 / n,
        baseline_kib as f64 / 1024.0,
        if peaks.is_empty() {
            "; peak over all runs"
        } else {
            "; per-run peak, start excluded"
        }
    );
    ExitCode::SUCCESS
}
