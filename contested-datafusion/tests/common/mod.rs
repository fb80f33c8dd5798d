//! Shared helpers of the integration tests: generated readings, Parquet data sets in a
//! temporary directory, and sessions with a given partitioning.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use contested::reconcile::bulk::BulkReading;
use datafusion::prelude::{ParquetReadOptions, SessionConfig, SessionContext};
use proptest::prelude::*;

/// Readings on few keys, speakers and times, so that revisions, ties and conflicts are
/// common; now and then the extreme bounds and times.
pub fn reading() -> impl Strategy<Value = BulkReading> {
    let made = prop_oneof![8 => 0i64..4, 1 => Just(i64::MIN), 1 => Just(i64::MAX)];
    let lo = prop_oneof![9 => 0u64..20, 1 => Just(u64::MAX)];
    (
        0u32..12,
        0u32..4,
        made,
        lo,
        prop::option::weighted(0.8, 0u64..12),
    )
        .prop_map(|(key, speaker, made, lo, width)| {
            let hi = width.map(|w| lo.saturating_add(w));
            BulkReading::from_bounds(key, speaker, made, lo, hi).unwrap_or_else(|_| {
                BulkReading::new(key, speaker, made, contested::CountRange::UNKNOWN)
            })
        })
}

/// A fresh empty directory under the system's temporary directory.
pub fn fresh_dir(what: &str) -> PathBuf {
    static N: AtomicU64 = AtomicU64::new(0);
    let dir = std::env::temp_dir().join(format!(
        "contested-datafusion-{what}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temporary directory");
    dir
}

/// Writes `readings` cut at `cuts` (sorted positions) into one Parquet file per piece.
pub fn write_pieces(dir: &Path, readings: &[BulkReading], cuts: &[usize]) {
    let mut start = 0;
    let mut ends: Vec<usize> = cuts.iter().map(|&c| c.min(readings.len())).collect();
    ends.push(readings.len());
    for (i, end) in ends.into_iter().enumerate() {
        let end = end.max(start);
        let path = dir.join(format!("part-{i:04}.parquet"));
        contested_datafusion::io::write_readings(&readings[start..end], &path).expect("write");
        start = end;
    }
}

/// A session with the functions registered, `target_partitions` and `batch_size` set;
/// with `skip_partial`, partial aggregation is told to give up at once (the adaptive
/// path through `convert_to_state`).
pub fn session(partitions: usize, batch: usize, skip_partial: bool) -> SessionContext {
    let mut config = SessionConfig::new()
        .with_target_partitions(partitions)
        .with_batch_size(batch);
    if skip_partial {
        let e = &mut config.options_mut().execution;
        e.skip_partial_aggregation_probe_ratio_threshold = 0.0;
        e.skip_partial_aggregation_probe_rows_threshold = 0;
    }
    let ctx = SessionContext::new_with_config(config);
    contested_datafusion::register(&ctx);
    ctx
}

/// Registers the Parquet files of `dir` as table `readings`.
pub async fn register_dir(ctx: &SessionContext, dir: &Path) {
    ctx.register_parquet(
        "readings",
        dir.to_str().expect("utf-8 path"),
        ParquetReadOptions::default(),
    )
    .await
    .expect("register parquet");
}

/// A multi-threaded runtime for the tests.
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime")
}
