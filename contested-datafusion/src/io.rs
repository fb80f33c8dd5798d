//! Parquet files of bulk readings, and the dictionary that names their ids.
//!
//! # Layout of a data set directory
//!
//! | file | columns | one row per |
//! |---|---|---|
//! | `readings/*.parquet` | [`readings_schema`]: `key` u32, `speaker` u32, `made` i64, `lo` u64, `hi` u64 (null: unbounded) | reading |
//! | `keys.parquet` | `key` u32, `label` utf8 (`event/measure/whose/category`), `json` utf8 (the serde form of [`QuantityKey`]) | key id, dense from 0 |
//! | `speakers.parquet` | `speaker` u32, `label` utf8 (the voice as written in reports), `json` utf8 (the serde form of [`Voice`]) | speaker id, dense from 0 |
//! | `times.parquet` | `made` i64 (a rank), `earliest` utf8 and `latest` utf8 (RFC 3339) | time rank, dense from 0 |
//!
//! The readings may be split into any number of files (DataFusion reads the directory
//! as one table, a file or more per partition). The three dictionary files hold the
//! [`Interner`] of [`BulkLedger::from_dossier`]: results keyed by `key` and `speaker`
//! map back to quantity keys and actor ids through [`Dictionary`], or in SQL by joining
//! `keys.parquet`.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use contested::reconcile::QuantityKey;
use contested::reconcile::bulk::{BulkLedger, BulkReading, Interner, Voice};
use contested::{DateTime, Dossier, FixedOffset, Interpretation};
use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, Int64Array, RecordBatch, StringArray, UInt32Array, UInt64Array,
};
use datafusion::arrow::datatypes::{
    ArrowPrimitiveType, DataType, Field, Int64Type, Schema, SchemaRef, UInt32Type, UInt64Type,
};
use datafusion::parquet::arrow::ArrowWriter;
use datafusion::parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

use crate::Error;

/// Rows per record batch and Parquet row group written.
const BATCH: usize = 1 << 16;

/// The readings directory inside a data set directory.
///
/// ```
/// assert_eq!(contested_datafusion::io::READINGS_DIR, "readings");
/// ```
pub const READINGS_DIR: &str = "readings";
/// The key dictionary file inside a data set directory.
///
/// ```
/// assert_eq!(contested_datafusion::io::KEYS_FILE, "keys.parquet");
/// ```
pub const KEYS_FILE: &str = "keys.parquet";
/// The speaker dictionary file inside a data set directory.
///
/// ```
/// assert_eq!(contested_datafusion::io::SPEAKERS_FILE, "speakers.parquet");
/// ```
pub const SPEAKERS_FILE: &str = "speakers.parquet";
/// The time-rank dictionary file inside a data set directory.
///
/// ```
/// assert_eq!(contested_datafusion::io::TIMES_FILE, "times.parquet");
/// ```
pub const TIMES_FILE: &str = "times.parquet";

/// The Arrow schema of reading files: `key` u32, `speaker` u32, `made` i64, `lo` u64, all
/// non-null, and `hi` u64, null when unbounded above.
///
/// ```
/// let s = contested_datafusion::io::readings_schema();
/// let names: Vec<&str> = s.fields().iter().map(|f| f.name().as_str()).collect();
/// assert_eq!(names, ["key", "speaker", "made", "lo", "hi"]);
/// ```
pub fn readings_schema() -> SchemaRef {
    Arc::new(Schema::new(vec![
        Field::new("key", DataType::UInt32, false),
        Field::new("speaker", DataType::UInt32, false),
        Field::new("made", DataType::Int64, false),
        Field::new("lo", DataType::UInt64, false),
        Field::new("hi", DataType::UInt64, true),
    ]))
}

/// One record batch of `readings` in [`readings_schema`].
///
/// ```
/// use contested::CountRange;
/// use contested::reconcile::bulk::BulkReading;
///
/// let b = contested_datafusion::io::readings_batch(&[BulkReading::new(1, 2, 3, CountRange::at_least(4))]);
/// assert_eq!((b.num_rows(), b.column(4).null_count()), (1, 1));
/// ```
pub fn readings_batch(readings: &[BulkReading]) -> RecordBatch {
    let key: UInt32Array = readings.iter().map(BulkReading::key).collect();
    let speaker: UInt32Array = readings.iter().map(BulkReading::speaker).collect();
    let made: Int64Array = readings.iter().map(BulkReading::made).collect();
    let lo: UInt64Array = readings.iter().map(|r| r.range().lo()).collect();
    let hi: UInt64Array = readings.iter().map(|r| r.range().hi()).collect();
    let columns: Vec<ArrayRef> = vec![
        Arc::new(key),
        Arc::new(speaker),
        Arc::new(made),
        Arc::new(lo),
        Arc::new(hi),
    ];
    // The columns match the schema in number, type and nullability by construction.
    RecordBatch::try_new(readings_schema(), columns)
        .unwrap_or_else(|_| RecordBatch::new_empty(readings_schema()))
}

fn create(path: &Path) -> Result<File, Error> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| Error::Io {
            path: dir.to_path_buf(),
            source,
        })?;
    }
    File::create(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })
}

fn write_batches(
    path: &Path,
    schema: SchemaRef,
    batches: impl IntoIterator<Item = RecordBatch>,
) -> Result<(), Error> {
    let pq = |source| Error::Parquet {
        path: path.to_path_buf(),
        source,
    };
    let mut w = ArrowWriter::try_new(create(path)?, schema, None).map_err(pq)?;
    for b in batches {
        w.write(&b).map_err(pq)?;
    }
    w.close().map_err(pq)?;
    Ok(())
}

/// Writes `readings` to one Parquet file in [`readings_schema`] (creating its
/// directory), and returns how many were written.
///
/// # Errors
///
/// [`Error::Io`] or [`Error::Parquet`] naming the file.
///
/// ```
/// use contested::CountRange;
/// use contested::reconcile::bulk::{BulkLedger, BulkReading};
///
/// let dir = std::env::temp_dir().join(format!("contested-df-doc-{}", std::process::id()));
/// let ledger: BulkLedger = [BulkReading::new(0, 1, 10, CountRange::exact(5))].into_iter().collect();
/// let file = dir.join("readings/part-0.parquet");
/// assert_eq!(contested_datafusion::io::write_readings(ledger.iter(), &file)?, 1);
/// let back = contested_datafusion::io::read_readings(&file)?;
/// assert_eq!(back.summarize(), ledger.summarize());
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_readings<'a>(
    readings: impl IntoIterator<Item = &'a BulkReading>,
    path: &Path,
) -> Result<u64, Error> {
    let mut n = 0u64;
    let mut chunk = Vec::with_capacity(BATCH);
    let pq = |source| Error::Parquet {
        path: path.to_path_buf(),
        source,
    };
    let mut w = ArrowWriter::try_new(create(path)?, readings_schema(), None).map_err(pq)?;
    for r in readings {
        chunk.push(*r);
        n = n.saturating_add(1);
        if chunk.len() == BATCH {
            w.write(&readings_batch(&chunk)).map_err(pq)?;
            chunk.clear();
        }
    }
    if !chunk.is_empty() {
        w.write(&readings_batch(&chunk)).map_err(pq)?;
    }
    w.close().map_err(pq)?;
    Ok(n)
}

fn open(path: &Path) -> Result<ParquetRecordBatchReaderBuilder<File>, Error> {
    let f = File::open(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    ParquetRecordBatchReaderBuilder::try_new(f).map_err(|source| Error::Parquet {
        path: path.to_path_buf(),
        source,
    })
}

/// Every record batch of a Parquet file.
fn read_batches(path: &Path) -> Result<Vec<RecordBatch>, Error> {
    let reader = open(path)?
        .with_batch_size(BATCH)
        .build()
        .map_err(|source| Error::Parquet {
            path: path.to_path_buf(),
            source,
        })?;
    reader
        .map(|b| {
            b.map_err(|source| Error::Arrow {
                path: path.to_path_buf(),
                source,
            })
        })
        .collect()
}

fn file_column<'a, T: ArrowPrimitiveType>(
    path: &Path,
    b: &'a RecordBatch,
    name: &'static str,
) -> Result<&'a datafusion::arrow::array::PrimitiveArray<T>, Error> {
    let c = b.column_by_name(name).ok_or_else(|| Error::MissingColumn {
        path: path.to_path_buf(),
        column: name,
    })?;
    c.as_primitive_opt::<T>().ok_or_else(|| Error::Type {
        function: "contested_datafusion::io",
        column: format!("{}: {name}", path.display()),
        expected: T::DATA_TYPE,
        got: c.data_type().clone(),
    })
}

fn string_column<'a>(
    path: &Path,
    b: &'a RecordBatch,
    name: &'static str,
) -> Result<&'a StringArray, Error> {
    let c = b.column_by_name(name).ok_or_else(|| Error::MissingColumn {
        path: path.to_path_buf(),
        column: name,
    })?;
    c.as_string_opt::<i32>().ok_or_else(|| Error::Type {
        function: "contested_datafusion::io",
        column: format!("{}: {name}", path.display()),
        expected: DataType::Utf8,
        got: c.data_type().clone(),
    })
}

fn bad(path: &Path, row: u64, what: impl Into<String>) -> Error {
    Error::BadRow {
        path: path.to_path_buf(),
        row,
        what: what.into(),
    }
}

/// Reads a Parquet file of readings (in [`readings_schema`]; other columns are ignored)
/// into a ledger.
///
/// # Errors
///
/// [`Error::Io`], [`Error::Parquet`] or [`Error::Arrow`] naming the file,
/// [`Error::MissingColumn`] or [`Error::Type`] for a column not as documented, and
/// [`Error::BadRow`] with the row for a null required value or `hi < lo`.
///
/// ```
/// let missing = std::path::Path::new("no/such/file.parquet");
/// let e = contested_datafusion::io::read_readings(missing).unwrap_err();
/// assert!(e.to_string().starts_with("no/such/file.parquet"));
/// ```
pub fn read_readings(path: &Path) -> Result<BulkLedger, Error> {
    let mut ledger = BulkLedger::new();
    let mut row = 0u64;
    for b in read_batches(path)? {
        let key = file_column::<UInt32Type>(path, &b, "key")?;
        let speaker = file_column::<UInt32Type>(path, &b, "speaker")?;
        let made = file_column::<Int64Type>(path, &b, "made")?;
        let lo = file_column::<UInt64Type>(path, &b, "lo")?;
        let hi = file_column::<UInt64Type>(path, &b, "hi")?;
        for i in 0..b.num_rows() {
            let required = [
                key.is_null(i),
                speaker.is_null(i),
                made.is_null(i),
                lo.is_null(i),
            ];
            if let Some(c) = required.iter().position(|&n| n) {
                let name = ["key", "speaker", "made", "lo"]
                    .get(c)
                    .copied()
                    .unwrap_or("?");
                return Err(bad(path, row, format!("{name} is null")));
            }
            let r = BulkReading::from_bounds(
                key.value(i),
                speaker.value(i),
                made.value(i),
                lo.value(i),
                hi.is_valid(i).then(|| hi.value(i)),
            )
            .map_err(|e| bad(path, row, e.to_string()))?;
            ledger.push(r);
            row = row.saturating_add(1);
        }
    }
    Ok(ledger)
}

/// What the ids of a data set stand for: the [`Interner`] of
/// [`BulkLedger::from_dossier`], as read back from its three dictionary files.
///
/// ```
/// use contested_datafusion::io::Dictionary;
///
/// let d = Dictionary::default();
/// assert_eq!((d.key(0), d.voice(0), d.made(0)), (None, None, None));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dictionary {
    keys: Vec<QuantityKey>,
    voices: Vec<Voice>,
    times: Vec<(DateTime<FixedOffset>, DateTime<FixedOffset>)>,
}

impl Dictionary {
    /// The dictionary of an interner.
    ///
    /// ```
    /// # use contested_datafusion::io::Dictionary;
    /// assert!(Dictionary::of(&Default::default()).keys().is_empty());
    /// ```
    pub fn of(names: &Interner) -> Self {
        let voices = (0u32..).map_while(|i| names.voice(i).cloned()).collect();
        let times = (0i64..).map_while(|i| names.made(i)).collect();
        Dictionary {
            keys: names.keys().to_vec(),
            voices,
            times,
        }
    }

    /// The quantity key with id `id`.
    ///
    /// ```
    /// # use contested_datafusion::io::Dictionary;
    /// assert_eq!(Dictionary::default().key(3), None);
    /// ```
    pub fn key(&self, id: u32) -> Option<&QuantityKey> {
        self.keys.get(usize::try_from(id).ok()?)
    }

    /// Every quantity key, by id.
    ///
    /// ```
    /// # use contested_datafusion::io::Dictionary;
    /// assert!(Dictionary::default().keys().is_empty());
    /// ```
    pub fn keys(&self) -> &[QuantityKey] {
        &self.keys
    }

    /// The voice (actor, party or unattributed statement) with speaker id `id`.
    ///
    /// ```
    /// # use contested_datafusion::io::Dictionary;
    /// assert_eq!(Dictionary::default().voice(0), None);
    /// ```
    pub fn voice(&self, id: u32) -> Option<&Voice> {
        self.voices.get(usize::try_from(id).ok()?)
    }

    /// Every voice, by speaker id.
    ///
    /// ```
    /// # use contested_datafusion::io::Dictionary;
    /// assert!(Dictionary::default().voices().is_empty());
    /// ```
    pub fn voices(&self) -> &[Voice] {
        &self.voices
    }

    /// The time window (earliest, latest) of time rank `made`.
    ///
    /// ```
    /// # use contested_datafusion::io::Dictionary;
    /// assert_eq!(Dictionary::default().made(0), None);
    /// ```
    pub fn made(&self, made: i64) -> Option<(DateTime<FixedOffset>, DateTime<FixedOffset>)> {
        self.times.get(usize::try_from(made).ok()?).copied()
    }

    /// Writes `keys.parquet`, `speakers.parquet` and `times.parquet` into `dir`
    /// (creating it).
    ///
    /// # Errors
    ///
    /// [`Error::Io`] or [`Error::Parquet`] naming the file; [`Error::BadRow`] when an id
    /// does not fit its column (more than 2^32 keys or speakers).
    ///
    /// ```
    /// # use contested_datafusion::io::Dictionary;
    /// let dir = std::env::temp_dir().join(format!("contested-df-dict-{}", std::process::id()));
    /// Dictionary::default().write(&dir)?;
    /// assert_eq!(Dictionary::read(&dir)?, Dictionary::default());
    /// # std::fs::remove_dir_all(&dir)?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn write(&self, dir: &Path) -> Result<(), Error> {
        let json = |path: &Path, row: usize, v: Result<String, serde_json::Error>| {
            v.map_err(|e| bad(path, row as u64, e.to_string()))
        };
        let ids = |path: &Path, n: usize| -> Result<UInt32Array, Error> {
            u32::try_from(n)
                .map(|n| (0..n).collect())
                .map_err(|_| bad(path, n as u64, "more than 2^32 ids"))
        };
        let path = dir.join(KEYS_FILE);
        let label: StringArray = self.keys.iter().map(|k| Some(k.to_string())).collect();
        let js: StringArray = self
            .keys
            .iter()
            .enumerate()
            .map(|(i, k)| json(&path, i, serde_json::to_string(k)).map(Some))
            .collect::<Result<_, _>>()?;
        let schema = Arc::new(Schema::new(vec![
            Field::new("key", DataType::UInt32, false),
            Field::new("label", DataType::Utf8, false),
            Field::new("json", DataType::Utf8, false),
        ]));
        let cols: Vec<ArrayRef> = vec![
            Arc::new(ids(&path, self.keys.len())?),
            Arc::new(label),
            Arc::new(js),
        ];
        let b = batch(&path, schema.clone(), cols)?;
        write_batches(&path, schema, [b])?;

        let path = dir.join(SPEAKERS_FILE);
        let label: StringArray = self.voices.iter().map(|v| Some(v.to_string())).collect();
        let js: StringArray = self
            .voices
            .iter()
            .enumerate()
            .map(|(i, v)| json(&path, i, serde_json::to_string(v)).map(Some))
            .collect::<Result<_, _>>()?;
        let schema = Arc::new(Schema::new(vec![
            Field::new("speaker", DataType::UInt32, false),
            Field::new("label", DataType::Utf8, false),
            Field::new("json", DataType::Utf8, false),
        ]));
        let cols: Vec<ArrayRef> = vec![
            Arc::new(ids(&path, self.voices.len())?),
            Arc::new(label),
            Arc::new(js),
        ];
        let b = batch(&path, schema.clone(), cols)?;
        write_batches(&path, schema, [b])?;

        let path = dir.join(TIMES_FILE);
        let made: Int64Array = (0..self.times.len() as i64).collect();
        let earliest: StringArray = self
            .times
            .iter()
            .map(|(a, _)| Some(a.to_rfc3339()))
            .collect();
        let latest: StringArray = self
            .times
            .iter()
            .map(|(_, b)| Some(b.to_rfc3339()))
            .collect();
        let schema = Arc::new(Schema::new(vec![
            Field::new("made", DataType::Int64, false),
            Field::new("earliest", DataType::Utf8, false),
            Field::new("latest", DataType::Utf8, false),
        ]));
        let cols: Vec<ArrayRef> = vec![Arc::new(made), Arc::new(earliest), Arc::new(latest)];
        let b = batch(&path, schema.clone(), cols)?;
        write_batches(&path, schema, [b])
    }

    /// Reads the three dictionary files of `dir`.
    ///
    /// # Errors
    ///
    /// As [`read_readings`], and [`Error::BadRow`] when ids are not dense from 0 in
    /// order or a `json` / time value does not parse.
    ///
    /// ```
    /// # use contested_datafusion::io::Dictionary;
    /// assert!(Dictionary::read(std::path::Path::new("no/such/dir")).is_err());
    /// ```
    pub fn read(dir: &Path) -> Result<Dictionary, Error> {
        let mut d = Dictionary::default();
        let path = dir.join(KEYS_FILE);
        for b in read_batches(&path)? {
            let id = file_column::<UInt32Type>(&path, &b, "key")?;
            let js = string_column(&path, &b, "json")?;
            for i in 0..b.num_rows() {
                let row = d.keys.len() as u64;
                dense(&path, row, id, i)?;
                let k = serde_json::from_str(text(js, i))
                    .map_err(|e| bad(&path, row, format!("json: {e}")))?;
                d.keys.push(k);
            }
        }
        let path = dir.join(SPEAKERS_FILE);
        for b in read_batches(&path)? {
            let id = file_column::<UInt32Type>(&path, &b, "speaker")?;
            let js = string_column(&path, &b, "json")?;
            for i in 0..b.num_rows() {
                let row = d.voices.len() as u64;
                dense(&path, row, id, i)?;
                let v = serde_json::from_str(text(js, i))
                    .map_err(|e| bad(&path, row, format!("json: {e}")))?;
                d.voices.push(v);
            }
        }
        let path = dir.join(TIMES_FILE);
        for b in read_batches(&path)? {
            let made = file_column::<Int64Type>(&path, &b, "made")?;
            let earliest = string_column(&path, &b, "earliest")?;
            let latest = string_column(&path, &b, "latest")?;
            for i in 0..b.num_rows() {
                let row = d.times.len() as u64;
                if made.is_null(i) || u64::try_from(made.value(i)).ok() != Some(row) {
                    return Err(bad(&path, row, format!("made is not {row}")));
                }
                let t = |a: &StringArray| {
                    let s = text(a, i);
                    DateTime::parse_from_rfc3339(s)
                        .map_err(|e| bad(&path, row, format!("{s:?}: {e}")))
                };
                d.times.push((t(earliest)?, t(latest)?));
            }
        }
        Ok(d)
    }
}

/// The string at row `i`, empty when null.
fn text(a: &StringArray, i: usize) -> &str {
    if a.is_valid(i) { a.value(i) } else { "" }
}

fn dense(
    path: &Path,
    row: u64,
    id: &datafusion::arrow::array::PrimitiveArray<UInt32Type>,
    i: usize,
) -> Result<(), Error> {
    if id.is_null(i) || u64::from(id.value(i)) != row {
        return Err(bad(
            path,
            row,
            format!("id is not {row} (ids are dense from 0)"),
        ));
    }
    Ok(())
}

fn batch(path: &Path, schema: SchemaRef, cols: Vec<ArrayRef>) -> Result<RecordBatch, Error> {
    RecordBatch::try_new(schema, cols).map_err(|source| Error::Arrow {
        path: path.to_path_buf(),
        source,
    })
}

/// Where [`write_dataset`] put a data set.
///
/// ```
/// # use contested_datafusion::io::Written;
/// let w = Written::default();
/// assert_eq!(w.readings, 0);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Written {
    /// The reading files, in order.
    pub files: Vec<PathBuf>,
    /// How many readings were written.
    pub readings: u64,
}

/// Writes a ledger as a data set directory: its readings split into `parts` files
/// `readings/part-NNNN.parquet` (at least one, possibly empty) of about equal size,
/// and the dictionary of `names` beside them.
///
/// # Errors
///
/// As [`write_readings`] and [`Dictionary::write`].
///
/// ```
/// use contested::{Dossier, Interpretation};
/// use contested::reconcile::bulk::BulkLedger;
/// use contested_datafusion::io::{write_dataset, Dictionary};
///
/// let d = Dossier::from_json_file(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/armenia_azerbaijan_2022-09-13.json"))?;
/// let (ledger, names) = BulkLedger::from_dossier(&d, &Interpretation::default())?;
/// let dir = std::env::temp_dir().join(format!("contested-df-set-{}", std::process::id()));
/// let w = write_dataset(&ledger, &names, &dir, 2)?;
/// assert_eq!((w.files.len(), w.readings), (2, ledger.len() as u64));
/// assert_eq!(Dictionary::read(&dir)?, Dictionary::of(&names));
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_dataset(
    ledger: &BulkLedger,
    names: &Interner,
    dir: &Path,
    parts: usize,
) -> Result<Written, Error> {
    let parts = parts.max(1);
    let per = ledger.len().div_ceil(parts).max(1);
    let mut w = Written::default();
    let mut it = ledger.iter();
    for p in 0..parts {
        let path = dir.join(READINGS_DIR).join(format!("part-{p:04}.parquet"));
        w.readings = w
            .readings
            .saturating_add(write_readings(it.by_ref().take(per), &path)?);
        w.files.push(path);
    }
    Dictionary::of(names).write(dir)?;
    Ok(w)
}

/// [`write_dataset`] of a dossier's count readings under `how` (see
/// [`BulkLedger::from_dossier`]); returns the dictionary too.
///
/// # Errors
///
/// [`Error::Bulk`] for more than 2^32 keys or speakers, and as [`write_dataset`].
///
/// ```
/// use contested::{Dossier, Interpretation};
///
/// let d = Dossier::from_json_file(concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/armenia_azerbaijan_2022-09-13.json"))?;
/// let dir = std::env::temp_dir().join(format!("contested-df-dossier-{}", std::process::id()));
/// let (w, names) = contested_datafusion::io::write_dossier(&d, &Interpretation::default(), &dir, 1)?;
/// assert!(w.readings > 0 && !names.keys().is_empty());
/// # std::fs::remove_dir_all(&dir)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_dossier(
    dossier: &Dossier,
    how: &Interpretation,
    dir: &Path,
    parts: usize,
) -> Result<(Written, Dictionary), Error> {
    let (ledger, names) = BulkLedger::from_dossier(dossier, how)?;
    let w = write_dataset(&ledger, &names, dir, parts)?;
    Ok((w, Dictionary::of(&names)))
}
