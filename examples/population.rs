//! Truth discovery on a claims CSV (the Population set of Pasternack and Roth, 2010).
//!
//! ```sh
//! cargo run --release --example population -- data/population/claims.csv > estimates.csv
//! cargo run --release --example population -- data/population/claims.csv --method investment
//! cargo run --release --example population -- data/population/claims.csv \
//!     --gold data/population/truth-dev.csv
//! ```

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Write};
use std::process::ExitCode;
use std::time::Instant;

use contested::Interpretation;
use contested::reliability::csv::{ReadError, Records};
use contested::reliability::{ClaimGraph, Claims, Method, Outcome, TruthFinder};

const USAGE: &str = "\
Usage: population CLAIMS.csv [--method NAME] [--gold GOLD.csv]

Runs a truth-discovery method on CLAIMS.csv (`-` reads standard input; columns
ObjectID, PropertyID, PropertyValue, SourceID; an object is the pair ObjectID,
PropertyID) and prints one row per object: ObjectID,PropertyID,PropertyValue,Confidence.

Options:
  --method NAME   closeness (default), truthfinder or investment
  --gold FILE     instead of estimates, print exact accuracy (ties broken by the smallest
                  value, and expected over a uniform choice among the tied values), MAE
                  and RMSE against the gold values in FILE (columns ObjectID,
                  PropertyID, PropertyValue), for every method or for --method NAME
  -h, --help      print this help

Exit status: 0 on success, 1 when a file cannot be read, 2 on bad arguments.
";

struct Args {
    claims: String,
    method: Option<Method>,
    gold: Option<String>,
}

fn parse_args() -> Result<Option<Args>, String> {
    let mut args = std::env::args().skip(1);
    let (mut claims, mut method, mut gold) = (None, None, None);
    while let Some(a) = args.next() {
        match a.as_str() {
            "-h" | "--help" => return Ok(None),
            "--method" => {
                let name = args.next().ok_or("--method needs a NAME")?;
                method = Some(name.parse::<Method>().map_err(|e| e.to_string())?);
            }
            "--gold" => gold = Some(args.next().ok_or("--gold needs a FILE")?),
            _ if a.starts_with('-') && a != "-" => return Err(format!("unknown option {a}")),
            _ if claims.is_none() => claims = Some(a),
            _ => return Err(format!("unexpected argument {a}")),
        }
    }
    let claims = claims.ok_or("missing CLAIMS.csv")?;
    Ok(Some(Args {
        claims,
        method,
        gold,
    }))
}

/// The claims as a graph, with objects keyed by their index in `pairs` (first
/// appearance order), so that (ObjectID, PropertyID) never needs a separator.
struct Loaded {
    graph: ClaimGraph,
    pairs: Vec<(String, String)>,
    index: HashMap<(String, String), usize>,
}

fn load(path: &str) -> Result<Loaded, String> {
    let at = |e: ReadError| format!("{path}:{}:{}: {}", e.line, e.column, e.problem);
    let input: Box<dyn io::BufRead> = if path == "-" {
        Box::new(io::stdin().lock())
    } else {
        Box::new(BufReader::new(
            File::open(path).map_err(|e| format!("{path}: {e}"))?,
        ))
    };
    let records = Records::claims(input, Interpretation::default()).map_err(at)?;
    let mut claims = Claims::new();
    let mut pairs = Vec::new();
    let mut index = HashMap::new();
    let mut key = String::new();
    for r in records {
        let r = r.map_err(at)?;
        let pair = (r.object_id, r.property_id);
        let next = pairs.len();
        let i = *index.entry(pair.clone()).or_insert_with(|| {
            pairs.push(pair);
            next
        });
        key.clear();
        key.push_str(&i.to_string());
        claims.add(r.source.as_deref().unwrap_or(""), &key, r.value);
    }
    let graph = claims.build().map_err(|e| format!("{path}: {e}"))?;
    Ok(Loaded {
        graph,
        pairs,
        index,
    })
}

fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

fn print_estimates(loaded: &Loaded, outcome: &Outcome) -> io::Result<()> {
    let mut out = BufWriter::new(io::stdout().lock());
    writeln!(out, "ObjectID,PropertyID,PropertyValue,Confidence")?;
    for (i, (object, property)) in loaded.pairs.iter().enumerate() {
        if let Some(e) = outcome.estimate(&i.to_string()) {
            writeln!(
                out,
                "{},{},{},{:.6}",
                quote(object),
                quote(property),
                e.value(),
                e.confidence()
            )?;
        }
    }
    out.flush()
}

fn evaluate(loaded: &Loaded, gold_path: &str, only: Option<Method>) -> Result<(), String> {
    let at = |e: ReadError| format!("{gold_path}:{}:{}: {}", e.line, e.column, e.problem);
    let file = File::open(gold_path).map_err(|e| format!("{gold_path}: {e}"))?;
    let gold: Vec<_> = Records::gold(BufReader::new(file), Interpretation::default())
        .map_err(at)?
        .collect::<Result<_, _>>()
        .map_err(at)?;
    let methods: Vec<(String, Method)> = match only {
        Some(m) => vec![(m.to_string(), m)],
        None => vec![
            ("closeness".into(), Method::default()),
            (
                "investment".into(),
                "investment".parse().unwrap_or_default(),
            ),
            (
                "truthfinder".into(),
                "truthfinder".parse().unwrap_or_default(),
            ),
            (
                "truthfinder (no implication)".into(),
                Method::TruthFinder(TruthFinder::without_implication()),
            ),
        ],
    };
    println!(
        "{} gold objects; {} claims, {} sources ({} voices), {} objects",
        gold.len(),
        loaded.graph.claim_count(),
        loaded.graph.source_count(),
        loaded.graph.voice_count(),
        loaded.graph.object_count()
    );
    println!(
        "| method | accuracy (smallest-value ties) | accuracy (expected) | MAE | RMSE | ties | iterations | time |"
    );
    println!("|---|---|---|---|---|---|---|---|");
    for (name, method) in methods {
        let start = Instant::now();
        let outcome = method.run(&loaded.graph);
        let time = start.elapsed();
        let (mut right, mut abs, mut sq, mut n) = (0usize, 0.0f64, 0.0f64, 0usize);
        // Expected accuracy: 1/|tied| credit when the gold value is among the tied
        // values, as in the shared README; `tied` counts gold objects with a tie.
        let (mut expected, mut tied) = (0.0f64, 0usize);
        for g in &gold {
            let key = (g.object_id.clone(), g.property_id.clone());
            let value = loaded
                .index
                .get(&key)
                .and_then(|i| outcome.estimate(&i.to_string()));
            let Some(e) = value else { continue };
            let (v, truth) = (e.value(), g.value.lo());
            right += usize::from(v == truth);
            tied += usize::from(!e.tied().is_empty());
            if v == truth || e.tied().contains(&truth) {
                expected += 1.0 / (1 + e.tied().len()) as f64;
            }
            let err = v.abs_diff(truth) as f64;
            abs += err;
            sq += err * err;
            n += 1;
        }
        let c = outcome.convergence();
        println!(
            "| {name} | {:.4} | {:.4} | {:.1} | {:.1} | {tied} | {}{} | {:.1} ms |",
            right as f64 / gold.len().max(1) as f64,
            expected / gold.len().max(1) as f64,
            abs / n.max(1) as f64,
            (sq / n.max(1) as f64).sqrt(),
            c.iterations,
            if c.converged { "" } else { " (bound)" },
            time.as_secs_f64() * 1e3
        );
    }
    Ok(())
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(Some(a)) => a,
        Ok(None) => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("population: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let result = load(&args.claims).and_then(|loaded| match &args.gold {
        Some(gold) => evaluate(&loaded, gold, args.method),
        None => {
            let outcome = args.method.unwrap_or_default().run(&loaded.graph);
            match print_estimates(&loaded, &outcome) {
                // A closed pipe (`| head`) is the reader's choice, not a failure.
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
                r => r.map_err(|e| format!("stdout: {e}")),
            }
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("population: {e}");
            ExitCode::from(1)
        }
    }
}
