//! `contested`: reconcile, validate, import and export dossiers of disputed events.
//!
//! A thin command line over the `contested` library. Run `contested --help` for the
//! commands, their options and the exit codes.

use std::io::Write;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use contested::reconcile::{Policy, Reconciler};
use contested::{Dossier, Interpretation};

mod diag;
mod export;
mod import;
mod locate;

use diag::{Diag, Input};

const EXIT_CODES: &str = "\
Exit status:
  0  success
  1  bad input: a file that cannot be read, is not valid JSON or CSV, or is not a valid
     dossier; every problem is printed to stderr as FILE:LINE:COL: message
  2  usage: an unknown option, a missing or malformed argument

FILE may be `-` for standard input.";

/// Model disputed events: reconcile who claimed what, through whom, into defensible figures.
#[derive(Debug, Parser)]
#[command(name = "contested", version, after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Reconcile a dossier: figures with low / best / high, part-whole bounds, discrepancies.
    #[command(after_help = EXIT_CODES)]
    Reconcile {
        /// The dossier, JSON (`-` for standard input).
        file: String,
        /// Print the reconciliation as JSON instead of the text report.
        #[arg(long)]
        json: bool,
        /// Count only statements that may have been made by then: an RFC 3339 time
        /// (2022-09-14T00:00:00+04:00), or a day, month or year (2022-09-14, 2022-09,
        /// 2022: its end, in UTC), or an interval A/B (the end of B).
        #[arg(long, value_name = "WHEN")]
        as_of: Option<String>,
        /// Count only statements certainly made by --as-of (their whole window before it),
        /// instead of those that may have been.
        #[arg(long, requires = "as_of")]
        certain: bool,
        /// How wide "about N" is, in percent of N (default 10).
        #[arg(long, value_name = "PERCENT")]
        tolerance: Option<u32>,
        /// The reading policy: `default`, `per-speaker` (each speaker's latest count as
        /// stated), or a JSON file of `Policy` fields, e.g. `{"running_floors": false}`
        /// (fields left out keep their defaults; an unknown field is an error). The
        /// fields are those of the library's `reconcile::Policy`, explained in DESIGN.md
        /// ("Running tolls", "Who is speaking").
        #[arg(long, value_name = "POLICY")]
        policy: Option<String>,
    },
    /// Reconcile a dossier and write a self-contained HTML report page (no script, no
    /// network), with a timeline of every figure.
    #[command(after_help = EXIT_CODES)]
    Report {
        /// The dossier, JSON (`-` for standard input).
        file: String,
        /// Where to write the page (`-` for standard output).
        #[arg(long, value_name = "OUT.html")]
        html: String,
        /// As for `reconcile`.
        #[arg(long, value_name = "WHEN")]
        as_of: Option<String>,
        /// As for `reconcile`.
        #[arg(long, requires = "as_of")]
        certain: bool,
        /// As for `reconcile`.
        #[arg(long, value_name = "POLICY")]
        policy: Option<String>,
    },
    /// Check a dossier and print every problem with its place; exit 1 when there is any.
    #[command(after_help = EXIT_CODES)]
    Validate {
        /// The dossier, JSON (`-` for standard input).
        file: String,
    },
    /// Print a JSON Schema (2020-12) on standard output.
    #[command(after_help = EXIT_CODES)]
    Schema {
        /// Which document the schema describes.
        #[arg(value_enum, default_value_t = SchemaOf::Dossier)]
        of: SchemaOf,
    },
    /// Convert another dataset's CSV into a dossier (JSON on standard output).
    #[command(subcommand, after_help = EXIT_CODES)]
    Import(ImportFormat),
    /// Reconcile a dossier and write its figures in another format.
    #[command(subcommand, after_help = EXIT_CODES)]
    Export(ExportFormat),
    /// Add statements from JSON Lines to a context dossier; print the dossier as JSON.
    ///
    /// Bad lines are printed to stderr as FILE:LINE:COL: message. Without --skip-bad the
    /// first bad line stops the run (exit 1); with it, bad lines are left out and reported,
    /// and the exit status is 0.
    #[command(after_help = EXIT_CODES)]
    Ingest {
        /// The context dossier (actors, events, and any statements), JSON.
        context: String,
        /// The statements, one JSON object per line (`-` for standard input).
        statements: String,
        /// Leave bad lines out (and report them) instead of stopping at the first.
        #[arg(long)]
        skip_bad: bool,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum SchemaOf {
    /// A dossier file.
    Dossier,
    /// One statement: an item of a dossier's `statements`, or one JSON Lines record.
    Statement,
    /// The output of `contested reconcile --json`.
    Reconciliation,
}

#[derive(Debug, Subcommand)]
enum ImportFormat {
    /// UCDP Georeferenced Event Dataset (GED) CSV, one event per row (docs/ucdp.md).
    #[command(after_help = EXIT_CODES)]
    Ucdp {
        /// The CSV file (`-` for standard input).
        file: String,
    },
    /// ACLED CSV export, one event per row (docs/acled.md).
    #[command(after_help = EXIT_CODES)]
    Acled {
        /// The CSV file (`-` for standard input).
        file: String,
    },
}

#[derive(Debug, Subcommand)]
enum ExportFormat {
    /// One CSV row per figure: key, low, best, high, sources, status.
    ///
    /// `high` is empty when unbounded; `sources` lists the statements of the live
    /// readings, space-separated; `status` is `agreed` when the live readings and the
    /// part-whole sums admit a common range, `conflict` otherwise.
    #[command(after_help = EXIT_CODES)]
    Csv {
        /// The dossier, JSON (`-` for standard input).
        file: String,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Input(diags)) => {
            let mut err = std::io::stderr().lock();
            for d in diags {
                let _ = writeln!(err, "{d}");
            }
            ExitCode::from(1)
        }
        Err(Failure::Usage(msg)) => {
            eprintln!("error: {msg}");
            ExitCode::from(2)
        }
    }
}

/// Why a command failed: its input (exit 1) or how it was called (exit 2).
enum Failure {
    Input(Vec<Diag>),
    Usage(String),
}

impl From<Diag> for Failure {
    fn from(d: Diag) -> Self {
        Failure::Input(vec![d])
    }
}

fn run(command: Command) -> Result<(), Failure> {
    match command {
        Command::Reconcile {
            file,
            json,
            as_of,
            certain,
            tolerance,
            policy,
        } => {
            let dossier = load(&Input::read(&file)?)?;
            let reconciler = reconciler(as_of.as_deref(), certain, tolerance, policy.as_deref())?;
            let result = reconciler.reconcile(&dossier);
            if json {
                out(&format!("{}\n", result.to_json()))
            } else {
                out(&result.to_string())
            }
        }
        Command::Report {
            file,
            html,
            as_of,
            certain,
            policy,
        } => {
            let dossier = load(&Input::read(&file)?)?;
            let result =
                reconciler(as_of.as_deref(), certain, None, policy.as_deref())?.reconcile(&dossier);
            let page = contested::html::render(&dossier, &result);
            if html == "-" {
                out(&page)
            } else {
                std::fs::write(&html, page)
                    .map_err(|e| Diag::whole(&html, format!("cannot write: {e}")).into())
            }
        }
        Command::Validate { file } => {
            load(&Input::read(&file)?)?;
            Ok(())
        }
        Command::Schema { of } => schema(of),
        Command::Import(ImportFormat::Ucdp { file }) => {
            let dossier = import::ucdp(&Input::read(&file)?).map_err(Failure::Input)?;
            out(&format!("{}\n", dossier.to_json()))
        }
        Command::Import(ImportFormat::Acled { file }) => {
            let dossier = import::acled(&Input::read(&file)?).map_err(Failure::Input)?;
            out(&format!("{}\n", dossier.to_json()))
        }
        Command::Export(ExportFormat::Csv { file }) => {
            let dossier = load(&Input::read(&file)?)?;
            let result = Reconciler::new().reconcile(&dossier);
            out(&export::csv(&result).map_err(|e| Diag::whole("-", e))?)
        }
        Command::Ingest {
            context,
            statements,
            skip_bad,
        } => ingest(&context, &statements, skip_bad),
    }
}

/// Builds the reconciler the options ask for.
fn reconciler(
    as_of: Option<&str>,
    certain: bool,
    tolerance: Option<u32>,
    policy: Option<&str>,
) -> Result<Reconciler, Failure> {
    let mut r = Reconciler::new();
    // The policy first: --certain then sets its as-of rule.
    match policy {
        None | Some("default") => {}
        Some("per-speaker") => r = r.policy(Policy::per_speaker()),
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| Failure::Usage(format!("--policy {path}: {e}")))?;
            let p: Policy = serde_json::from_str(&text).map_err(|e| {
                Failure::Usage(format!(
                    "--policy {path}: line {}, column {}: {e}",
                    e.line(),
                    e.column()
                ))
            })?;
            r = r.policy(p);
        }
    }
    if let Some(p) = tolerance {
        r = r.interpretation(Interpretation::default().with_tolerance_percent(p));
    }
    if let Some(when) = as_of {
        // A day, month or year as-of means its end: everything said that day counts.
        let t = when
            .parse::<contested::TimeWindow>()
            .map_err(|e| Failure::Usage(format!("--as-of: {e}")))?;
        r = r.as_of(t.latest());
    }
    if certain {
        r = r.certainly_made();
    }
    Ok(r)
}

/// Reads a dossier, turning every problem into a located diagnostic.
fn load(input: &Input) -> Result<Dossier, Failure> {
    Dossier::from_json(&input.text).map_err(|e| Failure::Input(diag::load_error(input, &e)))
}

fn ingest(context: &str, statements: &str, skip_bad: bool) -> Result<(), Failure> {
    use contested::ingest::{OnError, ingest_into};
    if context == "-" && statements == "-" {
        return Err(Failure::Usage(
            "only one of CONTEXT and STATEMENTS can be standard input".to_owned(),
        ));
    }
    let context = Input::read(context)?;
    let dossier = load(&context)?;
    let lines = Input::read(statements)?;
    let on_error = if skip_bad {
        OnError::SkipAndReport
    } else {
        OnError::Stop
    };
    match ingest_into(&dossier, lines.text.as_bytes(), on_error) {
        Ok((dossier, skipped)) => {
            let mut err = std::io::stderr().lock();
            for e in &skipped {
                let _ = writeln!(err, "{}", diag::ingest_error(&lines, e));
            }
            out(&format!("{}\n", dossier.to_json()))
        }
        Err(e) => Err(diag::ingest_error(&lines, &e).into()),
    }
}

fn schema(of: SchemaOf) -> Result<(), Failure> {
    let text = match of {
        SchemaOf::Dossier => contested::schema::dossier(),
        SchemaOf::Statement => contested::schema::statement(),
        SchemaOf::Reconciliation => contested::schema::reconciliation(),
    };
    out(&format!("{text}\n"))
}

/// Writes to stdout; a closed pipe (`| head`) is not an error worth a message.
fn out(text: &str) -> Result<(), Failure> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Diag::whole("<stdout>", format!("cannot write: {e}")).into())
        }
        _ => Ok(()),
    }
}
