//! Times the truth-discovery methods on the Population set and on synthetic claims.
//!
//! ```sh
//! cargo run --release --example bench_reliability -- --runs 5
//! cargo run --release --example bench_reliability -- --claims 10000000 --runs 3 --skip-population
//! ```
//!
//! Synthetic claims: `claims / 10` objects with a hidden true count (log-uniform from 10
//! to 10⁷), 10,000 sources with accuracies from 0.5 to 0.95, each claim by a random
//! source: the truth with the source's accuracy, else a value 1–5 % off (80 %), a vandal
//! value 1000 times off (10 %) or "at least" a tenth of the truth (10 %). Single thread.
//! Peak memory is `VmHWM` of `/proc/self/status`, reset before each run through
//! `/proc/self/clear_refs`, minus the resident size when the program started; it covers
//! generation (the `Claims` builder), `build` and the method.

use std::io::BufReader;
use std::time::{Duration, Instant};

use contested::reliability::csv::Records;
use contested::reliability::{ClaimGraph, Claims, Method};
use contested::{CountRange, Interpretation};

const USAGE: &str = "\
Usage: bench_reliability [--population PATH] [--claims N] [--runs R] [--method NAME]
                         [--skip-population]

  --population PATH   the claims CSV (default data/population/claims.csv)
  --claims N          synthetic claims (default 10000000; 0 skips the synthetic run)
  --runs R            runs per measurement, the median is printed (default 5)
  --method NAME       the method for the synthetic run (default closeness)
  --accuracy N        instead, score every method against the known truth of N
                      synthetic claims, without and with copied sources
";

/// Prints a line to standard output. A closed pipe (`| head`) is the reader's choice and
/// ends the program quietly; any other write error ends it with status 1.
macro_rules! say {
    ($($t:tt)*) => {{
        use std::io::Write;
        if let Err(e) = writeln!(std::io::stdout().lock(), $($t)*) {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                std::process::exit(0);
            }
            eprintln!("bench_reliability: stdout: {e}");
            std::process::exit(1);
        }
    }};
}

struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn status_kib(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

/// CPU time (user + system) of this single-threaded process so far, from
/// `/proc/self/stat` in clock ticks of 10 ms (`CLK_TCK` is 100 on Linux). On a shared
/// machine it is the fairer figure: wall time also counts the time other processes held
/// the core.
fn cpu() -> Duration {
    std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            let rest = &s[s.rfind(')')? + 1..];
            let f: Vec<&str> = rest.split_whitespace().collect();
            // Fields 14 and 15 of stat(5), counted from the state field (3).
            Some(f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?)
        })
        .map_or(Duration::ZERO, |ticks| Duration::from_millis(ticks * 10))
}

fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn load_population(path: &str) -> Result<ClaimGraph, String> {
    let file = std::fs::File::open(path).map_err(|e| format!("{path}: {e}"))?;
    let records = Records::claims(BufReader::new(file), Interpretation::default())
        .map_err(|e| format!("{path}:{}:{}: {}", e.line, e.column, e.problem))?;
    let mut claims = Claims::new();
    let mut key = String::new();
    for r in records {
        let r = r.map_err(|e| format!("{path}:{}:{}: {}", e.line, e.column, e.problem))?;
        key.clear();
        key.push_str(&r.object_id);
        key.push('\u{1f}');
        key.push_str(&r.property_id);
        claims.add(r.source.as_deref().unwrap_or(""), &key, r.value);
    }
    claims.build().map_err(|e| e.to_string())
}

fn population(path: &str, runs: usize) -> Result<(), String> {
    let (mut load, mut load_cpu) = (Vec::new(), Vec::new());
    let mut graph = None;
    for _ in 0..runs {
        let (t, c) = (Instant::now(), cpu());
        graph = Some(load_population(path)?);
        load.push(t.elapsed());
        load_cpu.push(cpu().saturating_sub(c));
    }
    let graph = graph.ok_or("no run")?;
    say!(
        "population: {} claims, {} sources, {} objects; read + build {:.1} ms, CPU {:.0} ms \
         (medians of {runs})",
        graph.claim_count(),
        graph.source_count(),
        graph.object_count(),
        ms(median(load)),
        ms(median(load_cpu))
    );
    for name in Method::NAMES {
        let m: Method = name.parse().map_err(|e| format!("{e}"))?;
        let (mut times, mut cpus) = (Vec::new(), Vec::new());
        let mut iterations = 0;
        for _ in 0..runs {
            let (t, c) = (Instant::now(), cpu());
            let out = m.run(&graph);
            times.push(t.elapsed());
            cpus.push(cpu().saturating_sub(c));
            iterations = out.convergence().iterations;
        }
        say!(
            "population: {name:12} {:7.1} ms, CPU {:4.0} ms (medians of {runs}), {iterations} iterations",
            ms(median(times)),
            ms(median(cpus))
        );
    }
    Ok(())
}

/// An object's hidden true count, log-uniform from 10 to 10⁷, drawn from its index so
/// it never needs storing.
fn truth_of(o: u64, seed: u64) -> u64 {
    (10.0 * 1e6f64.powf(SplitMix(o ^ seed.rotate_left(17)).unit())) as u64
}

/// One claim by a source of the given accuracy about an object with this truth.
fn draw(rng: &mut SplitMix, accuracy: f64, truth: u64) -> CountRange {
    if rng.unit() < accuracy {
        return CountRange::exact(truth);
    }
    let r = rng.unit();
    if r < 0.8 {
        let sign = if rng.next() & 1 == 0 { 1.0 } else { -1.0 };
        let off = 1.0 + (0.01 + 0.04 * rng.unit()) * sign;
        CountRange::exact((truth as f64 * off) as u64)
    } else if r < 0.9 {
        CountRange::exact(truth.saturating_mul(1000))
    } else {
        CountRange::at_least(truth / 10)
    }
}

/// The claims in object-round-robin order (each claim about a different object than the
/// one before, the worst order for caches), with ids interned once up front
/// ([`Claims::add_keyed`]), as a bulk loader would.
fn synthetic(n: usize, seed: u64) -> Claims {
    let objects = (n / 10).max(1) as u64;
    let sources = 10_000u64;
    let mut rng = SplitMix(seed);
    let accuracy: Vec<f64> = (0..sources).map(|_| 0.5 + 0.45 * rng.unit()).collect();
    let mut claims = Claims::new();
    claims.reserve(n);
    let source_keys: Vec<_> = (0..sources)
        .map(|s| claims.source_key(&format!("src{s}")))
        .collect();
    let object_keys: Vec<_> = (0..objects)
        .map(|o| claims.object_key(&format!("q{o}")))
        .collect();
    for i in 0..n as u64 {
        // Objects take turns; each one's truth is drawn from its index.
        let o = i % objects;
        let s = rng.next() % sources;
        let range = draw(&mut rng, accuracy[s as usize], truth_of(o, seed));
        claims.add_keyed(source_keys[s as usize], object_keys[o as usize], range);
    }
    claims
}

/// Accuracy against the known truth of a synthetic set: `n` claims, `n / 10` objects,
/// `n / 100` sources, and then every source less accurate than 0.6 copied under three
/// new ids (identical claim sets).
fn synthetic_accuracy(n: usize, seed: u64) {
    let objects = (n / 10).max(1) as u64;
    let sources = (n / 100).max(10) as u64;
    let mut rng = SplitMix(seed);
    let accuracy: Vec<f64> = (0..sources).map(|_| 0.5 + 0.45 * rng.unit()).collect();
    let mut raw = Vec::with_capacity(n);
    for i in 0..n as u64 {
        let o = i % objects;
        let s = rng.next() % sources;
        raw.push((
            s,
            o,
            draw(&mut rng, accuracy[s as usize], truth_of(o, seed)),
        ));
    }
    for copied in [false, true] {
        let mut claims = Claims::new();
        for &(s, o, r) in &raw {
            claims.add(&format!("src{s}"), &format!("q{o}"), r);
            if copied && accuracy[s as usize] < 0.6 {
                for k in 0..3 {
                    claims.add(&format!("copy{k}-of-src{s}"), &format!("q{o}"), r);
                }
            }
        }
        let graph = claims.build().expect("small");
        for name in Method::NAMES {
            let m: Method = name.parse().expect("a known name");
            let out = m.run(&graph);
            let (mut right, mut abs) = (0usize, 0.0f64);
            for o in 0..objects {
                let truth = truth_of(o, seed);
                let v = out.estimate(&format!("q{o}")).map_or(0, |e| e.value());
                right += usize::from(v == truth);
                abs += v.abs_diff(truth) as f64;
            }
            say!(
                "accuracy: {} claims, {} sources{}: {name:12} accuracy {:.4}, MAE {:.1}",
                graph.claim_count(),
                graph.source_count(),
                if copied { " (with copies)" } else { "" },
                right as f64 / objects as f64,
                abs / objects as f64
            );
        }
    }
}

fn main() {
    let base = status_kib("VmRSS:");
    let mut args = std::env::args().skip(1);
    let (mut path, mut n, mut runs, mut method, mut skip) = (
        "data/population/claims.csv".to_owned(),
        10_000_000usize,
        5usize,
        Method::default(),
        false,
    );
    while let Some(a) = args.next() {
        let mut value = |what: &str| {
            args.next().unwrap_or_else(|| {
                eprintln!("bench_reliability: {a} needs {what}\n\n{USAGE}");
                std::process::exit(2)
            })
        };
        let bad = |e: String| -> ! {
            eprintln!("bench_reliability: {e}\n\n{USAGE}");
            std::process::exit(2)
        };
        match a.as_str() {
            "-h" | "--help" => {
                print!("{USAGE}");
                return;
            }
            "--population" => path = value("a PATH"),
            "--claims" => n = value("N").parse().unwrap_or_else(|e| bad(format!("{e}"))),
            "--runs" => runs = value("R").parse().unwrap_or_else(|e| bad(format!("{e}"))),
            "--method" => {
                method = value("NAME")
                    .parse()
                    .unwrap_or_else(|e| bad(format!("{e}")))
            }
            "--skip-population" => skip = true,
            "--accuracy" => {
                let n = value("N").parse().unwrap_or_else(|e| bad(format!("{e}")));
                synthetic_accuracy(n, 0x5eed);
                return;
            }
            _ => bad(format!("unknown argument {a}")),
        }
    }
    let runs = runs.max(1);
    if !skip && let Err(e) = population(&path, runs) {
        eprintln!("bench_reliability: {e}");
        std::process::exit(1);
    }
    if n == 0 {
        return;
    }
    let (mut add, mut build, mut run, mut peak) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut cpu_add, mut cpu_total) = (Vec::new(), Vec::new());
    for r in 0..runs {
        reset_peak();
        let (t, c) = (Instant::now(), cpu());
        let claims = synthetic(n, 0x5eed + r as u64);
        add.push(t.elapsed());
        cpu_add.push(cpu().saturating_sub(c));
        let (t, c) = (Instant::now(), cpu());
        let graph = claims.build().expect("fits in 32-bit indices");
        build.push(t.elapsed());
        let t = Instant::now();
        let out = method.run(&graph);
        run.push(t.elapsed());
        cpu_total.push(cpu().saturating_sub(c));
        let hwm = status_kib("VmHWM:");
        peak.push(hwm.saturating_sub(base) as f64 * 1024.0 / n as f64);
        say!(
            "synthetic run {r}: {} claims, {} objects, {} facts; generate + add {:.2} s (CPU {:.2} s), \
             build {:.2} s, {method} {:.2} s (build + method CPU {:.2} s), {} iterations{}; peak {:.1} B/claim",
            graph.claim_count(),
            graph.object_count(),
            graph.fact_count(),
            add[r].as_secs_f64(),
            cpu_add[r].as_secs_f64(),
            build[r].as_secs_f64(),
            run[r].as_secs_f64(),
            cpu_total[r].as_secs_f64(),
            out.convergence().iterations,
            if out.convergence().converged {
                ""
            } else {
                " (bound)"
            },
            peak[r]
        );
    }
    peak.sort_by(f64::total_cmp);
    let total: Vec<Duration> = build.iter().zip(&run).map(|(a, b)| *a + *b).collect();
    say!(
        "synthetic: {n} claims: generate + add {:.2} s (CPU {:.2} s), build {:.2} s + {method} \
         {:.2} s = {:.2} s (CPU {:.2} s) (medians of {runs}); peak {:.1} B/claim (median)",
        median(add).as_secs_f64(),
        median(cpu_add).as_secs_f64(),
        median(build).as_secs_f64(),
        median(run).as_secs_f64(),
        median(total).as_secs_f64(),
        median(cpu_total).as_secs_f64(),
        peak[peak.len() / 2]
    );
}
