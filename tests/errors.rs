//! The umbrella error: `?` works for every public error, and causes are chained once.

use std::error::Error as _;

use contested::ingest::{JsonLines, OnError, read_statements};
use contested::reconcile::bulk::BulkLedger;
use contested::{Dossier, Error, Interpretation, JsonCategory, LoadError};

fn ingest_with_question_mark() -> Result<usize, Error> {
    let report = read_statements(&b"{\"id\": 7}\n"[..], OnError::Stop)?;
    Ok(report.statements.len())
}

fn bulk_with_question_mark() -> Result<(), Error> {
    let _ledger = BulkLedger::from_dossier(&Dossier::default(), &Interpretation::default())?;
    Ok(())
}

#[test]
fn ingest_and_bulk_errors_convert_with_question_mark() {
    assert!(matches!(ingest_with_question_mark(), Err(Error::Ingest(_))));
    assert!(bulk_with_question_mark().is_ok());
}

#[test]
fn io_causes_are_chained_not_repeated() {
    let err = Dossier::from_json_file("no/such/dossier.json").unwrap_err();
    let cause = err
        .source()
        .expect("the io error is the source")
        .to_string();
    assert!(matches!(err, LoadError::Io { .. }));
    assert!(!err.to_string().contains(&cause), "{err} repeats {cause}");

    let time = "yesterday"
        .parse::<contested::DateTime<contested::FixedOffset>>()
        .map_err(Error::from)
        .unwrap_err();
    let cause = time.source().expect("chrono's reason").to_string();
    assert!(!time.to_string().contains(&cause));
}

#[test]
fn json_lines_errors_are_classified_with_columns_from_1() {
    let cases: [(&[u8], JsonCategory); 3] = [
        (b"{\"id\": 7}\n", JsonCategory::Data),
        (b"{\"id\" 7}\n", JsonCategory::Syntax),
        (b"{\"id\": \"s\"\n", JsonCategory::Eof),
    ];
    for (line, want) in cases {
        match JsonLines::new(line).next() {
            Some(Err(contested::ingest::IngestError::Json { ref path, .. }))
                if path.contains('?') =>
            {
                panic!("{path}: a place the path cannot name is left out, never `?`")
            }
            Some(Err(contested::ingest::IngestError::Json {
                category, column, ..
            })) => {
                assert_eq!(category, want, "{:?}", String::from_utf8_lossy(line));
                assert!(column >= 1);
            }
            other => panic!("unexpected {other:?}"),
        }
    }
}

#[test]
fn dossier_json_errors_are_classified_like_json_lines_errors() {
    let cases: [(&str, JsonCategory, &str); 5] = [
        (r#"{"title": 7}"#, JsonCategory::Data, "title"),
        (r#"{"title" 7}"#, JsonCategory::Syntax, "."),
        (r#"{"title": "t""#, JsonCategory::Eof, "."),
        (r#"{"title": "t"} trailing"#, JsonCategory::Syntax, "."),
        (
            r#"{"actors": [{"id": "a", "name": "A", "kind": "planet"}]}"#,
            JsonCategory::Data,
            "actors[0].kind",
        ),
    ];
    for (text, want, want_path) in cases {
        match Dossier::from_json(text) {
            Err(LoadError::Json {
                category,
                path,
                line,
                column,
                ..
            }) => {
                assert_eq!((category, path.as_str()), (want, want_path), "{text}");
                assert_eq!(line, 1, "{text}");
                assert!(column >= 1, "{text}: column {column}");
            }
            other => panic!("{text}: unexpected {other:?}"),
        }
    }
}
