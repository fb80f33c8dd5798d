//! Writes a synthetic corpus as JSON Lines, and its context dossier beside it.
//!
//! ```text
//! cargo run --release --features corpus --example gen_corpus -- --claims 20000 --seed 7 out.jsonl
//! ```
//!
//! Writes `out.jsonl` (the statements) and `out.context.json` (the actors and events they
//! refer to), which `contested::ingest::ingest_into` reads back together.

use std::fs::File;
use std::io::BufWriter;
use std::path::PathBuf;
use std::process::ExitCode;

use contested::corpus::{Corpus, CorpusSpec};

const USAGE: &str = "usage: gen_corpus [--claims N] [--seed S] [--events N] [--speakers N] \
[--parties N] [--conflict-share F] [--revision-share F] [--breakdown-share F] OUT.jsonl";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_corpus: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let mut spec = CorpusSpec::default();
    let mut out: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || {
            args.next()
                .ok_or_else(|| format!("{arg} needs a value\n{USAGE}"))
        };
        match arg.as_str() {
            "--claims" => spec.claims = value()?.parse()?,
            "--seed" => spec.seed = value()?.parse()?,
            "--events" => spec.events = value()?.parse()?,
            "--speakers" => spec.speakers = value()?.parse()?,
            "--parties" => spec.parties = value()?.parse()?,
            "--conflict-share" => spec.conflict_share = value()?.parse()?,
            "--revision-share" => spec.revision_share = value()?.parse()?,
            "--breakdown-share" => spec.breakdown_share = value()?.parse()?,
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            _ if out.is_none() && !arg.starts_with('-') => out = Some(PathBuf::from(arg)),
            _ => return Err(format!("unexpected argument {arg:?}\n{USAGE}").into()),
        }
    }
    let out = out.ok_or(USAGE)?;
    let corpus = Corpus::new(spec)?;
    let statements = corpus.write_jsonl(BufWriter::new(File::create(&out)?))?;
    let context = out.with_extension("context.json");
    std::fs::write(&context, corpus.context().to_json())?;
    let bytes = std::fs::metadata(&out)?.len();
    eprintln!(
        "wrote {statements} statements ({} claims, {bytes} bytes) to {}, context to {}",
        corpus.spec().claims,
        out.display(),
        context.display()
    );
    Ok(())
}
