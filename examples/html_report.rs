//! Render a dossier's reconciliation as a self-contained HTML page.
//!
//! ```text
//! cargo run --features html --example html_report -- FILE.json [--as-of RFC3339-TIME] > report.html
//! ```
//!
//! Writes the page to standard output. `-` reads the dossier from standard input. A file
//! that cannot be read or is not a valid dossier is reported with every problem found,
//! and the program exits with status 1 (2 for bad arguments; `--help` prints this usage
//! and exits 0).

use std::io::{Read, Write};
use std::process::ExitCode;

use contested::Dossier;
use contested::reconcile::Reconciler;

const USAGE: &str =
    "usage: html_report FILE.json|- [--as-of RFC3339-TIME] [--title TEXT] > report.html

Renders the dossier's reconciliation as one self-contained HTML page (inline CSS and
SVG, no script, no network) on standard output.

  --as-of TIME   count only statements that may have been made by TIME
                 (e.g. 2022-09-14T00:00:00+04:00)
  --title TEXT   the page title (default: the dossier's title)
  -h, --help     print this help and exit

exit status: 0 written, 1 unreadable or invalid dossier, 2 bad arguments";

struct Args {
    file: String,
    reconciler: Reconciler,
    title: Option<String>,
}

/// The arguments, or `None` when help was asked for.
fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Option<Args>, String> {
    let mut file = None;
    let mut title = None;
    let mut reconciler = Reconciler::new();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-h" | "--help" => return Ok(None),
            "--as-of" => {
                let v = args
                    .next()
                    .ok_or("--as-of needs a time, e.g. 2022-09-14T00:00:00+04:00")?;
                let t = v
                    .parse()
                    .map_err(|e| format!("--as-of {v:?} is not an RFC 3339 time: {e}"))?;
                reconciler = reconciler.as_of(t);
            }
            "--title" => title = Some(args.next().ok_or("--title needs a text")?),
            flag if flag.starts_with("--") => {
                return Err(format!("unknown option {flag}\n{USAGE}"));
            }
            path if file.is_none() => file = Some(path.to_owned()),
            extra => return Err(format!("unexpected argument {extra:?}\n{USAGE}")),
        }
    }
    Ok(Some(Args {
        file: file.ok_or(USAGE)?,
        reconciler,
        title,
    }))
}

fn load(file: &str) -> Result<Dossier, String> {
    if file == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| format!("-: {e}"))?;
        Dossier::from_json(&text).map_err(|e| format!("-: {e}"))
    } else {
        Dossier::from_json_file(file).map_err(|e| format!("{file}: {e}"))
    }
}

fn main() -> ExitCode {
    let Args {
        file,
        reconciler,
        title,
    } = match parse_args(std::env::args().skip(1)) {
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Ok(Some(args)) => args,
        Err(msg) => {
            eprintln!("{msg}");
            return ExitCode::from(2);
        }
    };
    let dossier = match load(&file) {
        Ok(d) => d,
        Err(msg) => {
            eprintln!("{msg}");
            return ExitCode::from(1);
        }
    };
    let result = reconciler.reconcile(&dossier);
    let mut page = contested::html::Page::new(&dossier, &result);
    if let Some(t) = title {
        page = page.title(t);
    }
    let mut out = std::io::stdout().lock();
    if let Err(e) = out
        .write_all(page.render().as_bytes())
        .and_then(|()| out.flush())
    {
        eprintln!("writing the page: {e}");
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}
