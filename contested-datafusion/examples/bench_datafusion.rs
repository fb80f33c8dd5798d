//! Throughput and memory of the DataFusion aggregates beside the bulk path, on the
//! corpus of the core's `examples/bench_reconcile.rs` (same generator and defaults).
//!
//! ```text
//! cargo run --release --example bench_datafusion -- --claims 10000000 --runs 3
//! cargo run --release --example bench_datafusion -- --claims 10000000 --runs 3 --parquet /tmp/cdf
//! ```
//!
//! Flags: `--claims N` (default 1 000 000), `--keys K` (default N / 10), `--speakers S`
//! (16), `--revise P` (30), `--conflict C` (5), `--runs R` (3), `--seed X` (42),
//! `--partitions P` (DataFusion `target_partitions`, default the number of cores),
//! `--parquet DIR` (write the readings as P Parquet files there and query those instead of
//! in-memory batches).
//!
//! For each path it reports the median and minimum wall time, claims per second, and the
//! peak resident memory (`VmHWM`, reset through `/proc/self/clear_refs` before each run)
//! above the resident size just before the run, per claim: the working memory of the
//! run, beside the input each path holds before it starts (the bulk ledger, 32 B/claim,
//! built untimed before each run because `summarize` consumes it; DataFusion's Arrow
//! batches, or Parquet files on disk). Both results are checked equal.

use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use contested::CountRange;
use contested::reconcile::bulk::{BulkLedger, BulkReading, KeySummary};
use datafusion::arrow::array::RecordBatch;
use datafusion::datasource::MemTable;
use datafusion::prelude::{ParquetReadOptions, SessionConfig, SessionContext};

/// splitmix64, as in the core's bench_reconcile.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }

    fn below(&mut self, n: u64) -> u64 {
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
    partitions: usize,
    parquet: Option<String>,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args {
        claims: 1_000_000,
        keys: None,
        speakers: 16,
        revise: 30,
        conflict: 5,
        runs: 3,
        seed: 42,
        partitions: std::thread::available_parallelism().map_or(1, |n| n.get()),
        parquet: None,
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
            "--partitions" => {
                a.partitions = usize::try_from(num("--partitions")?.max(1)).unwrap_or(1)
            }
            "--parquet" => a.parquet = Some(it.next().ok_or("--parquet needs a directory")?),
            other => return Err(format!("unknown flag {other}")),
        }
    }
    Ok(a)
}

/// The corpus of bench_reconcile, as a vector.
fn generate(a: &Args) -> Vec<BulkReading> {
    let keys = a
        .keys
        .unwrap_or((a.claims / 10).max(1))
        .min(u64::from(u32::MAX) + 1);
    let mut rng = SplitMix(a.seed);
    let mut out = Vec::with_capacity(usize::try_from(a.claims).unwrap_or(0));
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
        out.push(BulkReading::new(key as u32, speaker as u32, made, range));
    }
    out
}

fn status_kib(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn reset_hwm() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// Runs `setup` (untimed) then `f` on its output, `runs` times; returns the sorted
/// times, the largest peak resident size above the size after setup (KiB), and the
/// last value.
fn measure<I, T>(
    runs: usize,
    mut setup: impl FnMut() -> I,
    mut f: impl FnMut(I) -> Result<T, String>,
) -> Result<(Vec<Duration>, u64, T), String> {
    let mut times = Vec::with_capacity(runs);
    let mut peak_above = 0u64;
    let mut last = None;
    for _ in 0..runs {
        let input = setup();
        let before = status_kib("VmRSS:").unwrap_or(0);
        let can_reset = reset_hwm();
        let start = Instant::now();
        let v = f(input)?;
        times.push(start.elapsed());
        if can_reset && let Some(p) = status_kib("VmHWM:") {
            peak_above = peak_above.max(p.saturating_sub(before));
        }
        last = Some(v);
    }
    times.sort();
    last.map(|v| (times, peak_above, v))
        .ok_or_else(|| "no run".into())
}

fn report(name: &str, times: &[Duration], peak_kib: u64, claims: f64) -> f64 {
    let median = times[times.len() / 2].as_secs_f64();
    println!(
        "{name:<22} median {:.3} s (min {:.3} s)  {:.2} M claims/s  peak +{:.1} B/claim",
        median,
        times[0].as_secs_f64(),
        claims / median / 1e6,
        (peak_kib * 1024) as f64 / claims
    );
    median
}

fn main() -> ExitCode {
    let a = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!(
                "{e}\nusage: bench_datafusion [--claims N] [--keys K] [--speakers S] [--revise P] [--conflict C] [--runs R] [--seed X] [--partitions P] [--parquet DIR]"
            );
            return ExitCode::from(2);
        }
    };
    match run(&a) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

fn run(a: &Args) -> Result<(), String> {
    let readings = generate(a);
    let n = readings.len().max(1) as f64;

    // The bulk path: a ledger built untimed before each run (summarize consumes it).
    let (bulk_times, bulk_peak, want) = measure(
        a.runs,
        || BulkLedger::from_vec(readings.clone()),
        |l| Ok(l.summarize().into_keys()),
    )?;

    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| e.to_string())?;
    let config = SessionConfig::new().with_target_partitions(a.partitions);
    let ctx = SessionContext::new_with_config(config);
    contested_datafusion::register(&ctx);
    let source = match &a.parquet {
        Some(dir) => {
            let dir = std::path::Path::new(dir);
            let _ = std::fs::remove_dir_all(dir);
            let per = readings.len().div_ceil(a.partitions).max(1);
            for (i, chunk) in readings.chunks(per).enumerate() {
                contested_datafusion::io::write_readings(
                    chunk,
                    &dir.join(format!("part-{i:04}.parquet")),
                )
                .map_err(|e| e.to_string())?;
            }
            let path = dir
                .to_str()
                .ok_or("the Parquet directory is not UTF-8")?
                .to_owned();
            rt.block_on(ctx.register_parquet("readings", &path, ParquetReadOptions::default()))
                .map_err(|e| e.to_string())?;
            format!(
                "Parquet ({} files in {})",
                readings.len().div_ceil(per),
                dir.display()
            )
        }
        None => {
            let batches: Vec<RecordBatch> = readings
                .chunks(8192)
                .map(contested_datafusion::io::readings_batch)
                .collect();
            let bytes: usize = batches.iter().map(RecordBatch::get_array_memory_size).sum();
            let mut parts: Vec<Vec<RecordBatch>> = vec![Vec::new(); a.partitions];
            for (i, b) in batches.into_iter().enumerate() {
                parts[i % a.partitions].push(b);
            }
            let table = MemTable::try_new(contested_datafusion::io::readings_schema(), parts)
                .map_err(|e| e.to_string())?;
            ctx.register_table("readings", Arc::new(table))
                .map_err(|e| e.to_string())?;
            format!(
                "Arrow batches in memory (MemTable, 8192 rows per batch, {:.1} B/claim held)",
                bytes as f64 / n
            )
        }
    };
    drop(readings);
    let (df_times, df_peak, got): (_, _, Vec<KeySummary>) = measure(
        a.runs,
        || (),
        |()| {
            rt.block_on(contested_datafusion::summaries(&ctx, "readings"))
                .map_err(|e| e.to_string())
        },
    )?;

    println!("claims                 {}", a.claims);
    println!("keys                   {}", want.len());
    println!(
        "conflicts              {}",
        want.iter().filter(|k| k.is_conflict()).count()
    );
    println!("runs                   {}", a.runs);
    println!(
        "DataFusion input       {source}, target_partitions {}",
        a.partitions
    );
    println!("bulk input             BulkLedger, 32.0 B/claim held");
    let b = report("bulk summarize (1 thread)", &bulk_times, bulk_peak, n);
    let d = report("DataFusion two-level SQL", &df_times, df_peak, n);
    println!(
        "ratio                  DataFusion takes {:.1}x the bulk path's time",
        d / b
    );
    println!(
        "results equal          {}",
        if got == want { "yes" } else { "NO" }
    );
    if got != want {
        return Err("the DataFusion result differs from BulkLedger::summarize".into());
    }
    Ok(())
}
