//! The `contested` command as a user runs it: exit codes, stdout, stderr.

use std::io::Write;
use std::process::{Command, Output, Stdio};

const SEED: &str = "../examples/data/armenia_azerbaijan_2022-09-13.json";

fn contested(args: &[&str]) -> Output {
    contested_with_stdin(args, "")
}

fn contested_with_stdin(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_contested"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child
        .stdin
        .take()
        .expect("piped")
        .write_all(stdin.as_bytes())
        .expect("stdin takes the input");
    child.wait_with_output().expect("the binary ends")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn help_goes_to_stdout_with_exit_0_and_documents_exit_codes() {
    for args in [
        &["--help"][..],
        &["reconcile", "--help"],
        &["help", "validate"],
    ] {
        let o = contested(args);
        assert_eq!(o.status.code(), Some(0), "{args:?}");
        let out = stdout(&o);
        assert!(out.contains("Usage: contested"), "{out}");
        assert!(out.contains("2  usage"), "{out}");
        assert!(o.stderr.is_empty());
    }
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(contested(&[]).status.code(), Some(2));
    assert_eq!(contested(&["reconcile"]).status.code(), Some(2));
    assert_eq!(
        contested(&["reconcile", SEED, "--bogus"]).status.code(),
        Some(2)
    );
    let o = contested(&["reconcile", SEED, "--as-of", "next tuesday"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--as-of"), "{}", stderr(&o));
}

#[test]
fn reconcile_prints_the_text_report() {
    let o = contested(&["reconcile", SEED]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("RECONCILIATION"));
}

#[test]
fn reconcile_as_of_a_time_json_and_tolerance() {
    let o = contested(&[
        "reconcile",
        SEED,
        "--json",
        "--as-of=2022-09-14T00:00:00+04:00",
        "--tolerance",
        "20",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON on stdout");
    assert!(v["figures"].is_array());
}

/// `--policy` takes the named policies or a JSON file of `Policy` fields; a bad file is a
/// usage error naming the file and the place.
#[test]
fn reconcile_with_a_policy() {
    let dir = std::env::temp_dir().join(format!("contested-cli-policy-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let good = dir.join("policy.json");
    std::fs::write(
        &good,
        r#"{"running_floors": false, "restatements_keep": false}"#,
    )
    .expect("written");
    let bad = dir.join("bad.json");
    std::fs::write(&bad, "{\n  \"running_floor\": false\n}").expect("written");
    let case = "../examples/data/cases/mariupol_theatre_2022.json";
    let default = stdout(&contested(&["reconcile", case]));
    assert!(default.contains("restates M11b-killed"));
    let o = contested(&["reconcile", case, "--policy", good.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!stdout(&o).contains("restates M11b-killed"));
    assert!(stdout(&o).contains("earlier running counts as floors: false"));
    let o = contested(&["reconcile", SEED, "--policy", "per-speaker"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = contested(&["reconcile", SEED, "--policy", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("running_floor"), "{}", stderr(&o));
    assert!(stderr(&o).contains("line 2"), "{}", stderr(&o));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn reconcile_as_of_a_day_means_its_end() {
    let o = contested(&["reconcile", SEED, "--as-of", "2022-09-14"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("as of 2022-09-14T23:59:59+00:00"),
        "{}",
        stdout(&o)
    );
    let early = contested(&["reconcile", SEED, "--as-of", "2022-09-12"]);
    assert_eq!(early.status.code(), Some(0));
    assert_ne!(stdout(&early), stdout(&o));
}

#[test]
fn reconcile_reads_stdin() {
    let seed = std::fs::read_to_string(SEED).unwrap();
    let o = contested_with_stdin(&["reconcile", "-"], &seed);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).starts_with("RECONCILIATION"));
}

#[test]
fn a_missing_file_is_bad_input_named_once() {
    let o = contested(&["reconcile", "no/such/file.json"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.starts_with("no/such/file.json: cannot read"), "{err}");
    assert_eq!(err.matches("no/such/file.json").count(), 1, "{err}");
}

#[test]
fn validate_accepts_the_seed() {
    let o = contested(&["validate", SEED]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
}

#[test]
fn validate_reports_every_problem_with_file_line_column_and_path() {
    let text = "{\"actors\": [{\"id\": \"a\", \"name\": \"A\", \"kind\": \"state\", \"part_of\": \"x\"}],\n\
                \"events\": [{\"id\": \"e\", \"name\": \"E\", \"kind\": \"clash\", \"sides\": [\"q\"]}]}";
    let o = contested_with_stdin(&["validate", "-"], text);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines,
        [
            "<stdin>:1:66: actors[0].part_of: unknown actor `x`",
            "<stdin>:2:64: events[0].sides[0]: unknown actor `q`",
        ],
        "{err}"
    );
}

#[test]
fn validate_reports_json_errors_at_their_place() {
    let o = contested_with_stdin(&["validate", "-"], "{\"actors\": [\n  1]}");
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.starts_with("<stdin>:2:3: actors[0]: invalid type"),
        "{err}"
    );
}

#[test]
fn export_csv_has_one_row_per_figure() {
    let o = contested(&["export", "csv", SEED]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("key,low,best,high,sources,status"));
    assert!(
        out.contains("clash-2022-09-13/killed/azerbaijan/military,50,50,50,az-losses,agreed"),
        "{out}"
    );
}

#[test]
fn ingest_adds_statements_and_reports_bad_lines() {
    let dir = std::env::temp_dir().join(format!("contested-cli-ingest-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let context = dir.join("context.json");
    std::fs::write(
        &context,
        r#"{"actors": [{"id": "am", "name": "Armenia", "kind": "state"}],
            "events": [{"id": "clash", "name": "Clash", "kind": "clash"}]}"#,
    )
    .unwrap();
    let made = r#"{"earliest":"2022-09-13T10:00:00Z","latest":"2022-09-13T10:00:00Z"}"#;
    let jsonl = format!(
        "{{\"id\":\"s1\",\"speaker\":\"am\",\"made\":{made},\"form\":\"paraphrase\"}}\n\
         {{\"id\":\"s2\",\"speaker\":\"ru\",\"made\":{made},\"form\":\"paraphrase\"}}\n"
    );
    let ctx = context.to_str().unwrap();

    let o = contested_with_stdin(&["ingest", ctx, "-"], &jsonl);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o).trim_end(),
        "<stdin>:2:22: speaker: unknown actor `ru`"
    );

    let o = contested_with_stdin(&["ingest", ctx, "-", "--skip-bad"], &jsonl);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("<stdin>:2:"));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["statements"].as_array().map(Vec::len), Some(1));
    std::fs::remove_dir_all(&dir).ok();
}

const UCDP: &str = "tests/fixtures/ucdp_ged.csv";
const ACLED: &str = "tests/fixtures/acled.csv";

/// The CSV rows of `contested export csv` for a dossier given on stdin, by key.
fn export(dossier: &[u8]) -> std::collections::BTreeMap<String, Vec<String>> {
    let o = contested_with_stdin(
        &["export", "csv", "-"],
        std::str::from_utf8(dossier).unwrap(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    stdout(&o)
        .lines()
        .skip(1)
        .map(|l| {
            let cells: Vec<String> = l.split(',').map(str::to_owned).collect();
            (cells[0].clone(), cells[1..].to_vec())
        })
        .collect()
}

#[test]
fn import_ucdp_gives_a_valid_dossier_with_one_statement_per_source() {
    let o = contested(&["import", "ucdp", UCDP]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["events"].as_array().map(Vec::len), Some(2));
    // Row 1 names two original sources: two statements, each relayed by the office.
    let statements = v["statements"].as_array().unwrap();
    assert_eq!(statements.len(), 3);
    assert_eq!(statements[0]["speaker"], "armenian-defense-ministry");
    assert_eq!(statements[0]["relay"][0], "agencies");
    assert_eq!(v["events"][1]["when"]["precision"], "days");
    let again = contested_with_stdin(&["validate", "-"], &stdout(&o));
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
}

#[test]
fn ucdp_to_dossier_to_csv_keeps_low_best_and_high() {
    let o = contested(&["import", "ucdp", UCDP]);
    let rows = export(&o.stdout);
    assert_eq!(
        rows["ucdp-900001/killed/all/any"][..3],
        ["95", "100", "110"]
    );
    // The parts keep UCDP's deaths_a / deaths_b as their best figures.
    assert_eq!(
        rows["ucdp-900001/killed/government-of-armenia/military"][1],
        "49"
    );
    assert_eq!(
        rows["ucdp-900001/killed/government-of-azerbaijan/military"][1],
        "50"
    );
    assert_eq!(rows["ucdp-900002/killed/all/any"][..3], ["6", "6", "6"]);
    assert_eq!(
        rows["ucdp-900002/killed/government-of-azerbaijan/military"][..3],
        ["3", "3", "3"]
    );
}

#[test]
fn import_acled_reads_both_date_forms_and_splits_sources() {
    let o = contested(&["import", "acled", ACLED]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["events"][0]["kind"], "clash");
    assert_eq!(v["events"][1]["when"]["precision"], "week");
    assert_eq!(v["statements"].as_array().map(Vec::len), Some(3));
    let rows = export(&o.stdout);
    assert_eq!(rows["acled-ARM1001/killed/all/any"][..3], ["49", "49", ""]);
}

#[test]
fn import_reports_missing_columns_and_bad_cells_with_their_line() {
    let o = contested_with_stdin(&["import", "ucdp", "-"], "id,best\n1,2\n");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("<stdin>:1:1: missing column `low`"),
        "{}",
        stderr(&o)
    );
    let text = std::fs::read_to_string(UCDP)
        .unwrap()
        .replace(",100,110,95,", ",100,110,x,");
    let o = contested_with_stdin(&["import", "ucdp", "-"], &text);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o).trim_end(),
        "<stdin>:2:1: column `low`: \"x\" is not a whole number"
    );
}

#[test]
fn validate_names_a_misspelled_field_and_suggests_the_right_one() {
    let text = "{\"actors\": [\n  {\"id\": \"a\", \"name\": \"A\", \"kind\": \"state\", \"part-of\": \"b\"}]}";
    let o = contested_with_stdin(&["validate", "-"], text);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.starts_with("<stdin>:2:")
            && err.contains("actors[0].part-of: unknown field `part-of`, did you mean `part_of`?"),
        "{err}"
    );
}

#[test]
fn schema_prints_the_dossier_schema_by_default() {
    for args in [&["schema"][..], &["schema", "dossier"]] {
        let o = contested(args);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
        assert_eq!(v["$schema"], "https://json-schema.org/draft/2020-12/schema");
        assert_eq!(v["title"], "Dossier");
    }
    let o = contested(&["schema", "statement"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(v["title"], "Statement");
    assert_eq!(contested(&["schema", "tables"]).status.code(), Some(2));
}

#[test]
fn schema_reconciliation_is_the_generated_file_and_describes_reconcile_json() {
    let o = contested(&["schema", "reconciliation"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let on_disk = std::fs::read_to_string("../docs/schema/reconciliation.json").expect("generated");
    assert_eq!(stdout(&o), on_disk);
    let schema: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
    assert_eq!(schema["title"], "Reconciliation");
    // Every top-level field `reconcile --json` prints is one the schema names, and no more.
    let out = contested(&["reconcile", SEED, "--json"]);
    let result: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let printed: Vec<&String> = result.as_object().expect("an object").keys().collect();
    let described: Vec<&String> = schema["properties"]
        .as_object()
        .expect("properties")
        .keys()
        .collect();
    assert_eq!(printed, described);
}

#[test]
fn reconcile_certain_sees_no_more_than_may_have_been_made() {
    // Seed statements are known to the day (2022-09-13, +04:00). At noon UTC that day
    // they may have been made, but not certainly.
    let may = contested(&["reconcile", SEED, "--as-of", "2022-09-13T12:00:00Z"]);
    let certain = contested(&[
        "reconcile",
        SEED,
        "--as-of",
        "2022-09-13T12:00:00Z",
        "--certain",
    ]);
    assert_eq!(may.status.code(), Some(0), "{}", stderr(&may));
    assert_eq!(certain.status.code(), Some(0), "{}", stderr(&certain));
    assert!(stdout(&may).contains("am-killed"));
    assert!(!stdout(&certain).contains("am-killed"));
}

#[test]
fn report_writes_a_self_contained_html_page() {
    let dir = std::env::temp_dir().join(format!("contested-report-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let page = dir.join("seed.html");
    let o = contested(&["report", SEED, "--html", page.to_str().expect("utf-8 path")]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let html = std::fs::read_to_string(&page).expect("page written");
    assert!(
        html.starts_with("<!DOCTYPE html>"),
        "{}",
        &html[..60.min(html.len())]
    );
    assert!(html.contains("clash-2022-09-13/killed/armenia/military"));
    assert!(!html.contains("<script"));
    let to_stdout = contested(&["report", SEED, "--html", "-"]);
    assert_eq!(stdout(&to_stdout), html);
    let _ = std::fs::remove_dir_all(&dir);
}
