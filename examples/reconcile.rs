//! Reconcile any dossier file: a short program to copy. The `contested` command
//! (`cargo install --path contested-cli`, then `contested reconcile --help`) does the same
//! with stdin, days as `--as-of` and located errors.
//!
//! ```text
//! cargo run --example reconcile -- FILE.json [--json] [--as-of 2022-09-14T00:00:00+04:00] [--tolerance 10] [--max-bytes N]
//! ```
//!
//! Reads at most 256 MiB (`LoadOptions::COMMAND_LINE_MAX_BYTES`) unless `--max-bytes`
//! says otherwise, so `/dev/zero` is an error, not an exhausted machine.
//!
//! Prints the text report, or the reconciliation as JSON with `--json`. A file that cannot
//! be read, is not valid JSON, or is not a valid dossier is reported with the JSON path
//! and every problem found, and the program exits with status 1 (2 for bad arguments).

use std::process::ExitCode;

use contested::reconcile::Reconciler;
use contested::{Dossier, Interpretation, LoadOptions};

const USAGE: &str =
    "usage: reconcile FILE.json [--json] [--as-of WHEN] [--tolerance PERCENT] [--max-bytes N]

  --json               print the reconciliation as JSON
  --as-of WHEN         only statements that may have been made by WHEN: a time
                       (2022-09-14T00:00:00+04:00) or a day, month or year (its end, UTC)
  --tolerance PERCENT  how wide \"about N\" is, in percent of N (default 10)
  --max-bytes N        read at most N bytes (default 268435456, 256 MiB)

Exit status: 0 success, 1 bad input, 2 bad arguments.";

struct Args {
    file: String,
    json: bool,
    reconciler: Reconciler,
    load: LoadOptions,
}

/// The arguments, or `None` when help was asked for.
fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Option<Args>, String> {
    let mut file = None;
    let mut json = false;
    let mut reconciler = Reconciler::new();
    let mut load = LoadOptions::default().max_bytes(LoadOptions::COMMAND_LINE_MAX_BYTES);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--json" => json = true,
            "--as-of" => {
                let v = args
                    .next()
                    .ok_or("--as-of needs a time, e.g. 2022-09-14T00:00:00+04:00")?;
                let t = v
                    .parse::<contested::TimeWindow>()
                    .map_err(|e| format!("--as-of: {e}"))?;
                reconciler = reconciler.as_of(t.latest());
            }
            "--tolerance" => {
                let v = args.next().ok_or("--tolerance needs a percentage")?;
                let p: u32 = v
                    .parse()
                    .map_err(|e| format!("--tolerance {v:?} is not a whole percentage: {e}"))?;
                reconciler =
                    reconciler.interpretation(Interpretation::default().with_tolerance_percent(p));
            }
            "--max-bytes" => {
                let v = args.next().ok_or("--max-bytes needs a number of bytes")?;
                let n: u64 = v
                    .parse()
                    .map_err(|e| format!("--max-bytes {v:?} is not a number of bytes: {e}"))?;
                load = load.max_bytes(n);
            }
            "-h" | "--help" => return Ok(None),
            flag if flag.starts_with("--") => {
                return Err(format!("unknown option {flag}\n{USAGE}"));
            }
            path if file.is_none() => file = Some(path.to_owned()),
            extra => return Err(format!("unexpected argument {extra:?}\n{USAGE}")),
        }
    }
    Ok(Some(Args {
        file: file.ok_or(USAGE)?,
        json,
        reconciler,
        load,
    }))
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(Some(a)) => a,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(msg) => {
            eprintln!("{msg}");
            return ExitCode::from(2);
        }
    };
    let dossier = match Dossier::from_json_file_with(&args.file, &args.load) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{}: {e}", args.file);
            return ExitCode::from(1);
        }
    };
    let result = args.reconciler.reconcile(&dossier);
    let text = if args.json {
        format!("{}\n", result.to_json())
    } else {
        result.to_string()
    };
    // A reader that stops early (`| head`) closes the pipe: that is no failure.
    use std::io::Write;
    match std::io::stdout().write_all(text.as_bytes()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("writing the report: {e}");
            ExitCode::from(1)
        }
        _ => ExitCode::SUCCESS,
    }
}
