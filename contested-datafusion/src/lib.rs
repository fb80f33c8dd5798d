//! contested's bulk reconciliation rules as Apache DataFusion aggregate functions, with
//! Parquet I/O: summarise more claims than one machine holds, on DataFusion (or a
//! distributed engine built on it) with exactly the rules of
//! [`BulkLedger::summarize`](contested::reconcile::bulk::BulkLedger::summarize)
//! (`Policy::per_speaker()`: each speaker's latest readings per key are live, earlier
//! ones are revisions; envelope = hull of the live ranges, consensus = their
//! intersection, conflict = empty consensus).
//!
//! - [`position_udaf`] `contested_position(made, lo, hi)`, grouped by `(key, speaker)`:
//!   a speaker's position, whose partial state is seven fixed-width columns merged by
//!   the crate's own [`BulkPosition::absorb`](contested::reconcile::bulk::BulkPosition::absorb);
//! - [`summary_udaf`] `contested_summary(position)`, grouped by `key`: the key's
//!   summary, merged by [`KeySummary::absorb`](contested::reconcile::bulk::KeySummary::absorb);
//! - [`io`]: readings and their dictionary (key and speaker names) as Parquet files;
//! - `ballista` (feature `ballista`, off by default): the registry calls that give a
//!   Ballista scheduler, its executors and a client the two functions.
//!
//! Both aggregates implement `Accumulator` and `GroupsAccumulator` (with
//! `convert_to_state`), so two-phase (partial → repartition → final) and adaptive
//! (partial aggregation skipped on high-cardinality input) plans give the same result.
//!
//! ```
//! use contested::CountRange;
//! use contested::reconcile::bulk::{BulkLedger, BulkReading};
//! use datafusion::prelude::SessionContext;
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let readings = vec![
//!     BulkReading::new(0, 1, 10, CountRange::at_least(49)),
//!     BulkReading::new(0, 1, 20, CountRange::exact(50)),
//!     BulkReading::new(0, 2, 15, "45..=60".parse()?),
//!     BulkReading::new(1, 1, 10, CountRange::exact(3)),
//!     BulkReading::new(1, 2, 10, CountRange::exact(9)),
//! ];
//! let ctx = SessionContext::new();
//! contested_datafusion::register(&ctx);
//! ctx.register_batch("readings", contested_datafusion::io::readings_batch(&readings))?;
//! let got = contested_datafusion::summaries(&ctx, "readings").await?;
//! assert_eq!(got, BulkLedger::from_vec(readings).summarize().into_keys());
//! # Ok(())
//! # }
//! ```

#![deny(missing_docs)]

#[cfg(feature = "ballista")]
pub mod ballista;
mod error;
mod fold;
pub mod io;
mod udaf;

use contested::CountRange;
use contested::reconcile::bulk::KeySummary;
use datafusion::arrow::array::{Array, AsArray, RecordBatch};
use datafusion::arrow::datatypes::{UInt32Type, UInt64Type};
use datafusion::prelude::SessionContext;

pub use error::Error;
pub use fold::{POSITION, SUMMARY};
pub use udaf::{position_udaf, register, summary_udaf, udafs};

/// The README's examples, run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

/// The two-level query of per-key summaries over a table of readings in
/// [`io::readings_schema`]: `{table}` stands for the table name.
///
/// ```
/// assert!(contested_datafusion::SUMMARY_SQL.contains("GROUP BY key, speaker"));
/// ```
pub const SUMMARY_SQL: &str = "SELECT key, contested_summary(position) AS summary \
     FROM (SELECT key, speaker, contested_position(made, lo, hi) AS position \
           FROM {table} GROUP BY key, speaker) \
     GROUP BY key ORDER BY key";

/// [`SUMMARY_SQL`] over `table` (an SQL table reference, used as written).
///
/// ```
/// assert!(contested_datafusion::summary_sql("t").contains("FROM t GROUP BY key, speaker"));
/// ```
pub fn summary_sql(table: &str) -> String {
    SUMMARY_SQL.replace("{table}", table)
}

/// Runs [`summary_sql`] on `ctx` (where [`register`] was called) and returns the
/// summaries ordered by key, as [`BulkLedger::summarize`] would.
///
/// [`BulkLedger::summarize`]: contested::reconcile::bulk::BulkLedger::summarize
///
/// # Errors
///
/// [`Error::DataFusion`] when the query fails (an unknown table, a bad reading: the
/// aggregate's own [`Error`] is inside as `DataFusionError::External`), and as
/// [`decode_summaries`].
///
/// ```
/// # #[tokio::main(flavor = "current_thread")]
/// # async fn main() {
/// let ctx = datafusion::prelude::SessionContext::new();
/// contested_datafusion::register(&ctx);
/// assert!(contested_datafusion::summaries(&ctx, "missing").await.is_err());
/// # }
/// ```
pub async fn summaries(ctx: &SessionContext, table: &str) -> Result<Vec<KeySummary>, Error> {
    let batches = ctx.sql(&summary_sql(table)).await?.collect().await?;
    decode_summaries(&batches)
}

/// The summaries in the output of [`SUMMARY_SQL`] (columns `key` u32 and `summary`, the
/// struct of [`summary_udaf`]), in row order.
///
/// # Errors
///
/// [`Error::MissingColumn`], [`Error::Type`], [`Error::NullValue`] or
/// [`Error::Inverted`] when the batches are not such an output.
///
/// ```
/// assert!(contested_datafusion::decode_summaries(&[]).unwrap().is_empty());
/// ```
pub fn decode_summaries(batches: &[RecordBatch]) -> Result<Vec<KeySummary>, Error> {
    const WHAT: &str = "decode_summaries";
    let mut out = Vec::new();
    for b in batches {
        let col = |name: &'static str| {
            b.column_by_name(name).ok_or_else(|| Error::MissingColumn {
                path: "query output".into(),
                column: name,
            })
        };
        let key = col("key")?;
        let key = key
            .as_primitive_opt::<UInt32Type>()
            .ok_or_else(|| Error::Type {
                function: WHAT,
                column: "key".into(),
                expected: datafusion::arrow::datatypes::DataType::UInt32,
                got: key.data_type().clone(),
            })?;
        let s = col("summary")?;
        let s = s.as_struct_opt().ok_or_else(|| Error::Type {
            function: WHAT,
            column: "summary".into(),
            expected: datafusion::arrow::datatypes::DataType::Struct(fold::summary_fields()),
            got: s.data_type().clone(),
        })?;
        let field = |name: &'static str| {
            s.column_by_name(name).ok_or_else(|| Error::MissingColumn {
                path: "query output: summary".into(),
                column: name,
            })
        };
        let u32s = |name: &'static str| -> Result<_, Error> {
            let a = field(name)?;
            a.as_primitive_opt::<UInt32Type>()
                .ok_or_else(|| Error::Type {
                    function: WHAT,
                    column: name.into(),
                    expected: datafusion::arrow::datatypes::DataType::UInt32,
                    got: a.data_type().clone(),
                })
        };
        let u64s = |name: &'static str| -> Result<_, Error> {
            let a = field(name)?;
            a.as_primitive_opt::<UInt64Type>()
                .ok_or_else(|| Error::Type {
                    function: WHAT,
                    column: name.into(),
                    expected: datafusion::arrow::datatypes::DataType::UInt64,
                    got: a.data_type().clone(),
                })
        };
        let (live, superseded, speakers) = (u32s("live")?, u32s("superseded")?, u32s("speakers")?);
        let (env_lo, env_hi) = (u64s("envelope_lo")?, u64s("envelope_hi")?);
        let (cons_lo, cons_hi) = (u64s("consensus_lo")?, u64s("consensus_hi")?);
        for row in 0..b.num_rows() {
            let need = |a: &dyn Array, column: &'static str| {
                if a.is_valid(row) && !s.is_null(row) {
                    Ok(())
                } else {
                    Err(Error::NullValue {
                        function: WHAT,
                        column,
                        row,
                    })
                }
            };
            need(key, "key")?;
            need(live, "live")?;
            need(superseded, "superseded")?;
            need(speakers, "speakers")?;
            need(env_lo, "envelope_lo")?;
            let range = |lo: u64, hi: Option<u64>| {
                CountRange::new(lo, hi).map_err(|_| Error::Inverted {
                    function: WHAT,
                    row,
                    lo,
                    hi: hi.unwrap_or(u64::MAX),
                })
            };
            let hi =
                |a: &datafusion::arrow::array::UInt64Array| a.is_valid(row).then(|| a.value(row));
            let envelope = range(env_lo.value(row), hi(env_hi))?;
            let consensus = match hi(cons_lo) {
                Some(lo) => Some(range(lo, hi(cons_hi))?),
                None => None,
            };
            out.push(KeySummary::from_parts(
                key.value(row),
                live.value(row),
                superseded.value(row),
                speakers.value(row),
                envelope,
                consensus,
            ));
        }
    }
    Ok(out)
}
