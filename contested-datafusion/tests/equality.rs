//! The DataFusion result equals `BulkLedger::summarize()` exactly, for generated
//! readings split into several Parquet files, at every `target_partitions` in
//! {1, 2, 3, 8, 16} and `batch_size` in {1, 7, 8192}, with partial aggregation kept
//! and skipped (the adaptive path through `convert_to_state`).

mod common;

use contested::CountRange;
use contested::reconcile::bulk::{BulkLedger, BulkPosition, KeySummary};
use datafusion::arrow::array::{Array, AsArray, RecordBatch};
use datafusion::arrow::datatypes::{Int64Type, UInt32Type, UInt64Type};
use proptest::prelude::*;

use common::*;

const PARTITIONS: [usize; 5] = [1, 2, 3, 8, 16];
const BATCHES: [usize; 3] = [1, 7, 8192];

proptest! {
    // Each case runs 30 queries (planning dominates in a debug build): 8 cases keep the
    // suite to seconds on an idle machine while every case still splits into up to 5 files.
    #![proptest_config(ProptestConfig::with_cases(8))]

    #[test]
    fn datafusion_equals_bulk_summarize(
        readings in prop::collection::vec(reading(), 0..150),
        cuts in prop::collection::vec(0usize..150, 1..5),
    ) {
        let mut cuts = cuts;
        cuts.sort_unstable();
        let dir = fresh_dir("eq");
        write_pieces(&dir, &readings, &cuts);
        let want = BulkLedger::from_vec(readings.clone()).summarize().into_keys();
        let rt = runtime();
        for partitions in PARTITIONS {
            for batch in BATCHES {
                for skip in [false, true] {
                    let got: Vec<KeySummary> = rt.block_on(async {
                        let ctx = session(partitions, batch, skip);
                        register_dir(&ctx, &dir).await;
                        contested_datafusion::summaries(&ctx, "readings").await
                    }).map_err(|e| TestCaseError::fail(e.to_string()))?;
                    prop_assert_eq!(&got, &want, "partitions {} batch {} skip {}", partitions, batch, skip);
                }
            }
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// Without GROUP BY the plain `Accumulator` runs (its state and merge too, across
    /// partitions): the summary of each key alone, and each position alone.
    #[test]
    fn ungrouped_accumulators_agree(
        readings in prop::collection::vec(reading(), 1..80),
        cuts in prop::collection::vec(0usize..80, 1..4),
    ) {
        let mut cuts = cuts;
        cuts.sort_unstable();
        let dir = fresh_dir("one");
        write_pieces(&dir, &readings, &cuts);
        let state = BulkLedger::from_vec(readings.clone()).state();
        let want = BulkLedger::from_vec(readings).summarize().into_keys();
        let rt = runtime();
        for partitions in [1, 3] {
            let got = rt.block_on(async {
                let ctx = session(partitions, 7, false);
                register_dir(&ctx, &dir).await;
                let mut got = Vec::new();
                for k in want.iter().take(6) {
                    let sql = format!(
                        "SELECT CAST({} AS INT UNSIGNED) AS key, contested_summary(position) AS summary \
                         FROM (SELECT speaker, contested_position(made, lo, hi) AS position \
                               FROM readings WHERE key = {} GROUP BY speaker)",
                        k.key, k.key
                    );
                    let b = ctx.sql(&sql).await?.collect().await?;
                    got.extend(contested_datafusion::decode_summaries(&b)?);
                }
                Ok::<_, contested_datafusion::Error>(got)
            }).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(&got[..], &want[..want.len().min(6)]);
            // Positions, ungrouped: as the crate's BulkPosition has it.
            for p in state.positions().iter().take(4) {
                let b = rt.block_on(async {
                    let ctx = session(partitions, 7, false);
                    register_dir(&ctx, &dir).await;
                    let sql = format!(
                        "SELECT contested_position(made, lo, hi) AS p FROM readings \
                         WHERE key = {} AND speaker = {}",
                        p.key, p.speaker
                    );
                    ctx.sql(&sql).await?.collect().await
                }).map_err(|e| TestCaseError::fail(e.to_string()))?;
                prop_assert_eq!(position_of(&b, p.key, p.speaker), Some(*p));
            }
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}

/// The one position in the output of an ungrouped `contested_position`.
fn position_of(batches: &[RecordBatch], key: u32, speaker: u32) -> Option<BulkPosition> {
    let b = batches.iter().find(|b| b.num_rows() > 0)?;
    let s = b.column(0).as_struct_opt()?;
    let u64s = |name: &str| {
        s.column_by_name(name)
            .and_then(|c| c.as_primitive_opt::<UInt64Type>().cloned())
    };
    let u32s = |name: &str| {
        s.column_by_name(name)
            .and_then(|c| c.as_primitive_opt::<UInt32Type>().cloned())
    };
    let made = s
        .column_by_name("made")?
        .as_primitive_opt::<Int64Type>()?
        .value(0);
    let opt = |a: &datafusion::arrow::array::UInt64Array| a.is_valid(0).then(|| a.value(0));
    let (el, eh, cl, ch) = (
        u64s("envelope_lo")?,
        u64s("envelope_hi")?,
        u64s("consensus_lo")?,
        u64s("consensus_hi")?,
    );
    let envelope = CountRange::new(el.value(0), opt(&eh)).ok()?;
    let consensus = match opt(&cl) {
        Some(lo) => Some(CountRange::new(lo, opt(&ch)).ok()?),
        None => None,
    };
    Some(BulkPosition::from_parts(
        key,
        speaker,
        made,
        u32s("live")?.value(0),
        u32s("revisions")?.value(0),
        envelope,
        consensus,
    ))
}
