//! Typed errors of the aggregate functions and of the Parquet I/O.

use std::path::PathBuf;

use datafusion::arrow::datatypes::DataType;
use datafusion::error::DataFusionError;

/// What went wrong, and where.
///
/// Errors raised inside a query reach the caller as
/// [`DataFusionError::External`] wrapping this type, so they can be downcast:
///
/// ```
/// use contested_datafusion::Error;
///
/// let e = Error::NullValue { function: "contested_position", column: "lo", row: 3 };
/// assert_eq!(e.to_string(), "contested_position: lo is null in row 3 of the batch");
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A required value (a reading's `made` or `lo`, or part of a state) is null.
    #[error("{function}: {column} is null in row {row} of the batch")]
    NullValue {
        /// The aggregate function or file reader that met it.
        function: &'static str,
        /// The column.
        column: &'static str,
        /// The row within its batch.
        row: usize,
    },
    /// A range whose upper bound is below its lower bound.
    #[error("{function}: range {lo}..={hi} is inverted in row {row} of the batch")]
    Inverted {
        /// The aggregate function or file reader that met it.
        function: &'static str,
        /// The row within its batch.
        row: usize,
        /// Lower bound.
        lo: u64,
        /// Upper bound.
        hi: u64,
    },
    /// A function got the wrong number of arguments, or a state the wrong number of
    /// columns.
    #[error("{function}: expected {expected} {what}, got {got}")]
    Arity {
        /// The aggregate function.
        function: &'static str,
        /// "arguments" or "state columns".
        what: &'static str,
        /// How many it takes.
        expected: usize,
        /// How many it got.
        got: usize,
    },
    /// A column (argument, state or file column) of the wrong type.
    #[error("{function}: {column} is {got}, expected {expected}")]
    Type {
        /// The aggregate function or file reader that met it.
        function: &'static str,
        /// The column.
        column: String,
        /// The type it takes.
        expected: DataType,
        /// The type it got.
        got: DataType,
    },
    /// A file column is missing.
    #[error("{path}: no column {column}")]
    MissingColumn {
        /// The file.
        path: PathBuf,
        /// The column.
        column: &'static str,
    },
    /// A file could not be created, opened or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// A Parquet file could not be written or read.
    #[error("{path}: {source}")]
    Parquet {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: datafusion::parquet::errors::ParquetError,
    },
    /// An Arrow batch could not be built or read.
    #[error("{path}: {source}")]
    Arrow {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: datafusion::arrow::error::ArrowError,
    },
    /// A row of a file breaks the documented schema (a bad reading, an unreadable
    /// dictionary entry, a gap in the ids).
    #[error("{path}: row {row}: {what}")]
    BadRow {
        /// The file.
        path: PathBuf,
        /// The row in the file (from 0).
        row: u64,
        /// What is wrong.
        what: String,
    },
    /// The dossier could not be turned into a bulk ledger.
    #[error(transparent)]
    Bulk(#[from] contested::reconcile::bulk::BulkError),
    /// A query failed.
    #[error(transparent)]
    DataFusion(#[from] DataFusionError),
}

impl From<Error> for DataFusionError {
    fn from(e: Error) -> Self {
        match e {
            Error::DataFusion(d) => d,
            other => DataFusionError::External(Box::new(other)),
        }
    }
}
