//! The physical plan aggregates in two phases (the partial states really are merged),
//! and bad input fails with the crate's typed errors instead of a panic.

mod common;

use contested::CountRange;
use contested::reconcile::bulk::BulkReading;
use datafusion::physical_plan::displayable;

use common::*;

#[test]
fn plan_has_partial_and_final_aggregation() {
    let dir = fresh_dir("plan");
    let readings: Vec<BulkReading> = (0..400u32)
        .map(|i| {
            BulkReading::new(
                i % 37,
                i % 5,
                i64::from(i % 3),
                CountRange::exact(u64::from(i % 11)),
            )
        })
        .collect();
    write_pieces(&dir, &readings, &[100, 200, 300]);
    let text = runtime().block_on(async {
        let ctx = session(4, 64, false);
        register_dir(&ctx, &dir).await;
        let plan = ctx
            .sql(&contested_datafusion::summary_sql("readings"))
            .await
            .expect("plans")
            .create_physical_plan()
            .await
            .expect("physical plan");
        displayable(plan.as_ref()).indent(true).to_string()
    });
    let _ = std::fs::remove_dir_all(&dir);
    for f in ["contested_position", "contested_summary"] {
        let lines: Vec<&str> = text
            .lines()
            .filter(|l| l.contains("AggregateExec") && l.contains(f))
            .collect();
        assert!(
            lines.iter().any(|l| l.contains("mode=Partial")),
            "no partial {f} aggregation in\n{text}"
        );
        assert!(
            lines.iter().any(|l| l.contains("mode=Final")),
            "no final {f} aggregation in\n{text}"
        );
    }
    assert!(
        text.contains("RepartitionExec"),
        "no repartition between phases in\n{text}"
    );
}

fn query_error(sql: &str) -> datafusion::error::DataFusionError {
    runtime().block_on(async {
        let ctx = session(2, 8, false);
        match ctx.sql(sql).await {
            Err(e) => e,
            Ok(df) => df.collect().await.expect_err("the query must fail"),
        }
    })
}

fn inner(e: &datafusion::error::DataFusionError) -> Option<&contested_datafusion::Error> {
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(x) = cur {
        if let Some(found) = x.downcast_ref::<contested_datafusion::Error>() {
            return Some(found);
        }
        cur = x.source();
    }
    None
}

#[test]
fn inverted_range_is_a_typed_error() {
    let e = query_error(
        "SELECT contested_position(made, lo, hi) FROM (VALUES (1, 9, 3)) AS t(made, lo, hi)",
    );
    assert!(
        matches!(
            inner(&e),
            Some(contested_datafusion::Error::Inverted { lo: 9, hi: 3, .. })
        ),
        "{e}"
    );
}

#[test]
fn null_made_is_a_typed_error() {
    let e = query_error(
        "SELECT contested_position(made, lo, hi) FROM (VALUES (CAST(NULL AS BIGINT), 1, 3)) AS t(made, lo, hi)",
    );
    assert!(
        matches!(
            inner(&e),
            Some(contested_datafusion::Error::NullValue { column: "made", .. })
        ),
        "{e}"
    );
}

#[test]
fn wrong_arguments_are_plan_errors() {
    let e = query_error("SELECT contested_position(1, 2) FROM (VALUES (1)) AS t(x)");
    assert!(e.to_string().contains("expected 3"), "{e}");
    let e = query_error("SELECT contested_summary(x) FROM (VALUES (1)) AS t(x)");
    assert!(e.to_string().contains("contested_summary"), "{e}");
}

#[test]
fn dossier_round_trip_maps_ids_back() {
    use contested::reconcile::bulk::BulkLedger;
    use contested::{Dossier, Interpretation};
    use contested_datafusion::io::{Dictionary, READINGS_DIR, write_dossier};

    let d = Dossier::from_json(include_str!(
        "../../examples/data/armenia_azerbaijan_2022-09-13.json"
    ))
    .expect("seed dossier");
    let dir = fresh_dir("dossier");
    let (written, names) = write_dossier(&d, &Interpretation::default(), &dir, 3).expect("write");
    assert_eq!(Dictionary::read(&dir).expect("read dictionary"), names);
    let (ledger, _) = BulkLedger::from_dossier(&d, &Interpretation::default()).expect("ledger");
    assert_eq!(written.readings, ledger.len() as u64);
    let want = ledger.summarize().into_keys();
    let got = runtime().block_on(async {
        let ctx = session(3, 8192, false);
        register_dir(&ctx, &dir.join(READINGS_DIR)).await;
        contested_datafusion::summaries(&ctx, "readings").await
    });
    let _ = std::fs::remove_dir_all(&dir);
    let got = got.expect("query");
    assert_eq!(got, want);
    for k in &got {
        assert!(names.key(k.key).is_some(), "key {} has no name", k.key);
    }
}

#[test]
fn summary_fields_are_sql_values() {
    let readings = vec![
        BulkReading::new(0, 1, 10, CountRange::exact(3)),
        BulkReading::new(0, 2, 10, CountRange::exact(9)),
        BulkReading::new(1, 1, 10, CountRange::exact(4)),
    ];
    let counts = runtime().block_on(async {
        let ctx = session(2, 8, false);
        ctx.register_batch(
            "readings",
            contested_datafusion::io::readings_batch(&readings),
        )
        .expect("register");
        let inner = contested_datafusion::summary_sql("readings").replace(" ORDER BY key", "");
        let mut counts = Vec::new();
        // `summary['conflict']` needs DataFusion's nested_expressions feature, left out.
        for filter in [
            "get_field(summary, 'conflict')",
            "NOT get_field(summary, 'conflict')",
        ] {
            let sql = format!("SELECT key FROM ({inner}) WHERE {filter}");
            let b = ctx
                .sql(&sql)
                .await
                .expect(filter)
                .collect()
                .await
                .expect(filter);
            counts.push(b.iter().map(|b| b.num_rows()).sum::<usize>());
        }
        counts
    });
    assert_eq!(counts, [1, 1]);
}
