//! Time and peak memory of each stress family at three growing sizes, so anyone can see
//! whether cost grows linearly (issue 12).
//!
//! ```text
//! cargo run --release --features corpus --example stress
//! cargo run --release --features corpus --example stress -- timing relay   # some families
//! cargo run --release --features corpus --example stress -- --scale 2       # sizes doubled
//! ```
//!
//! Each case runs in a child process of this program (so each peak is its own): it builds
//! the input with `contested::corpus::stress`, loads it (`Dossier::from_json`, or
//! `ingest_into` under skip-and-report for the denial chain), reconciles it, and renders
//! the text report and the JSON. It prints wall time per stage, the sizes of input and
//! output, and the child's peak resident memory (`VmHWM` from `/proc/self/status`) once
//! reconciled and again once both renderings have been held.

use std::process::{Command, ExitCode};
use std::time::Instant;

use contested::Dossier;
use contested::corpus::stress;
use contested::ingest::{OnError, ingest_into};
use contested::reconcile::Reconciler;

/// Family, what it is, and its three sizes at scale 1.
const FAMILIES: [(&str, &str, [usize; 3]); 8] = [
    (
        "timing",
        "n timing claims, half disjoint from the rest",
        [250, 500, 1_000],
    ),
    (
        "relay",
        "one statement relayed by n outlets",
        [25_000, 50_000, 100_000],
    ),
    (
        "wide",
        "20,000 outlets relaying one statement of n claims",
        [100, 200, 400],
    ),
    (
        "denials",
        "JSON Lines chain of n denials, the first line bad",
        [1_000, 2_000, 4_000],
    ),
    (
        "agreeing",
        "n agreeing counts and one outlier",
        [10_000, 20_000, 40_000],
    ),
    (
        "sides",
        "one event with n sides and a total",
        [1_000, 2_000, 4_000],
    ),
    (
        "partwhole",
        "n agencies agreeing on 50 = 40 + 30",
        [1_000, 2_000, 4_000],
    ),
    (
        "citations",
        "n statements, each citing the one before",
        [5_000, 10_000, 20_000],
    ),
];

fn peak_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

fn ms(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1e3
}

/// One case, in this process: prints one row.
fn run_one(family: &str, n: usize) -> Result<(), String> {
    let t = Instant::now();
    let (input, dossier) = if family == "denials" {
        let (context, jsonl) = stress::denial_chain(n);
        let context = Dossier::from_json(&context).map_err(|e| e.to_string())?;
        let t0 = Instant::now();
        let (d, skipped) = ingest_into(&context, jsonl.as_bytes(), OnError::SkipAndReport)
            .map_err(|e| e.to_string())?;
        assert_eq!(skipped.len(), n);
        let load = ms(t0);
        ((jsonl.len(), load), d)
    } else {
        let json = match family {
            "timing" => stress::timing_claims(n),
            "relay" => stress::long_relay(n),
            "wide" => stress::wide_relay(20_000, n),
            "agreeing" => stress::agreeing_claims(n),
            "sides" => stress::many_sides(n),
            "partwhole" => stress::part_whole_conflict(n),
            "citations" => stress::citation_chain(n),
            other => return Err(format!("unknown family {other}")),
        };
        let t0 = Instant::now();
        let d = Dossier::from_json(&json).map_err(|e| e.to_string())?;
        ((json.len(), ms(t0)), d)
    };
    let (bytes, load) = input;
    let t1 = Instant::now();
    let r = Reconciler::new().reconcile(&dossier);
    let reconcile = ms(t1);
    let peak_reconciled = peak_kib();
    let t2 = Instant::now();
    let text = r.to_string().len();
    let json = r.to_json().len();
    let render = ms(t2);
    println!(
        "| {family} | {n} | {:.2} | {load:.0} | {reconcile:.0} | {render:.0} | {:.2} | {:.2} | {:.0} | {:.0} | {:.0} |",
        bytes as f64 / 1e6,
        text as f64 / 1e6,
        json as f64 / 1e6,
        ms(t),
        peak_reconciled as f64 / 1024.0,
        peak_kib() as f64 / 1024.0,
    );
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, family, n] = args.as_slice()
        && flag == "--one"
    {
        let n = n.parse().unwrap_or(0);
        return match run_one(family, n) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("{family} {n}: {e}");
                ExitCode::FAILURE
            }
        };
    }
    let mut scale = 1.0f64;
    let mut only = Vec::new();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--scale" => scale = it.next().and_then(|s| s.parse().ok()).unwrap_or(1.0),
            f => only.push(f.to_owned()),
        }
    }
    let Ok(me) = std::env::current_exe() else {
        eprintln!("cannot find this program to run its cases");
        return ExitCode::FAILURE;
    };
    println!(
        "| family | n | input MB | load ms | reconcile ms | render ms | text MB | JSON MB | total ms | peak MiB, reconciled | peak MiB, rendered |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    let mut ok = true;
    for (family, _what, sizes) in FAMILIES {
        if !only.is_empty() && !only.iter().any(|o| o == family) {
            continue;
        }
        for n in sizes {
            let n = ((n as f64) * scale).round() as usize;
            let status = Command::new(&me)
                .args(["--one", family, &n.to_string()])
                .status();
            ok &= status.is_ok_and(|s| s.success());
        }
    }
    for (family, what, _) in FAMILIES {
        eprintln!("{family}: {what}");
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
