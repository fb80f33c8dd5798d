//! Reading claims and gold values from the quoted CSV of truth-discovery data sets.
//!
//! The format is that of the Population set (Pasternack and Roth, COLING 2010): a header
//! row naming the columns, then one record per row, fields quoted or not (RFC 4180:
//! `""` is a quote inside a quoted field, which may span lines). Columns are found by
//! name, in any order; other columns are ignored.
//!
//! | column | claims | gold | content |
//! |---|---|---|---|
//! | `ObjectID` | required | required | the entity, e.g. `cleveland, ohio` |
//! | `PropertyID` | required | required | the property, e.g. `Population2000` |
//! | `PropertyValue` | required | required | a count, a range (`49..`, `40..=60`) or words (`about 100`) |
//! | `SourceID` | required | — | who claimed it |
//!
//! An object is the pair (`ObjectID`, `PropertyID`). Values in words become ranges under
//! the [`Interpretation`] given.
//!
//! ```
//! use contested::Interpretation;
//! use contested::reliability::csv::Records;
//!
//! let data = "\"ObjectID\",\"PropertyID\",\"PropertyValue\",\"SourceID\"\n\
//!             \"cleveland, ohio\",\"Population2000\",\"478403\",\"12: Ann\"\n\
//!             \"gary, indiana\",Population2000,about 100000,\"0 (1.2.3.4)\"\n";
//! let records = Records::claims(data.as_bytes(), Interpretation::default())?
//!     .collect::<Result<Vec<_>, _>>()?;
//! assert_eq!(records[0].object_id, "cleveland, ohio");
//! assert_eq!(records[0].value.to_string(), "478403");
//! assert_eq!(records[1].value.to_string(), "90000..=110000");
//! assert_eq!(records[1].source.as_deref(), Some("0 (1.2.3.4)"));
//!
//! let bad = "ObjectID,PropertyID,PropertyValue,SourceID\nx,y,twelve and a half,s\n";
//! let err = Records::claims(bad.as_bytes(), Interpretation::default())?
//!     .collect::<Result<Vec<_>, _>>()
//!     .unwrap_err();
//! assert_eq!((err.line, err.column), (2, 5));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;
use std::io::BufRead;

use crate::estimate::{Estimate, Interpretation};
use crate::range::CountRange;

/// Why a file could not be read, and where: the line and column (both from 1, the
/// column counted in characters) of the field at fault.
///
/// ```
/// use contested::Interpretation;
/// use contested::reliability::csv::{ReadProblem, Records};
///
/// let err = Records::gold("ObjectID,PropertyValue\n".as_bytes(), Interpretation::default())
///     .unwrap_err();
/// assert!(matches!(err.problem, ReadProblem::MissingColumn { name: "PropertyID" }));
/// assert_eq!(err.to_string(), "line 1, column 1: no column named PropertyID in the header");
/// ```
#[derive(Debug, thiserror::Error)]
#[error("line {line}, column {column}: {problem}")]
#[non_exhaustive]
pub struct ReadError {
    /// The line, from 1.
    pub line: u64,
    /// The column in characters, from 1.
    pub column: u64,
    /// What was wrong.
    #[source]
    pub problem: ReadProblem,
}

/// What was wrong with a CSV file.
///
/// ```
/// # use contested::reliability::csv::ReadProblem;
/// let p = ReadProblem::UnclosedQuote;
/// assert_eq!(p.to_string(), "a quoted field is not closed before the end of the file");
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReadProblem {
    /// The reader failed.
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    /// The input has no header row.
    #[error("the file is empty: expected a header row")]
    NoHeader,
    /// A required column is missing from the header.
    #[error("no column named {name} in the header")]
    MissingColumn {
        /// The missing column.
        name: &'static str,
    },
    /// A record has more or fewer fields than the header.
    #[error("{found} fields where the header has {expected}")]
    FieldCount {
        /// The header's field count.
        expected: usize,
        /// This record's.
        found: usize,
    },
    /// A quote inside an unquoted field, or text after a closing quote.
    #[error("a stray quote: quote the whole field and write a quote inside it as \"\"")]
    StrayQuote,
    /// A quoted field runs to the end of the file.
    #[error("a quoted field is not closed before the end of the file")]
    UnclosedQuote,
    /// A field is not UTF-8.
    #[error("the field is not valid UTF-8")]
    InvalidUtf8,
    /// An id field is empty.
    #[error("{name} is empty")]
    Empty {
        /// The column.
        name: &'static str,
    },
    /// A value is neither a count, a range nor an estimate in words.
    #[error("{text:?} is not a count, a range (49.., 40..=60) or an estimate (about 100)")]
    Value {
        /// The field's text.
        text: String,
    },
}

/// One row: a claim (with its source) or a gold value (without).
///
/// ```
/// # use contested::{CountRange, reliability::csv::Record};
/// let r = Record::new("gary, indiana", "Population2000", CountRange::exact(102746));
/// assert_eq!(r.source, None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Record {
    /// `ObjectID`.
    pub object_id: String,
    /// `PropertyID`.
    pub property_id: String,
    /// `PropertyValue`, as a range.
    pub value: CountRange,
    /// `SourceID`, for claims.
    pub source: Option<String>,
    /// The line the record starts on.
    pub line: u64,
}

impl Record {
    /// A record without a source, on line 0.
    ///
    /// ```
    /// # use contested::{CountRange, reliability::csv::Record};
    /// assert_eq!(Record::new("a", "b", CountRange::exact(1)).object_id, "a");
    /// ```
    pub fn new(object_id: &str, property_id: &str, value: CountRange) -> Self {
        Record {
            object_id: object_id.to_owned(),
            property_id: property_id.to_owned(),
            value,
            source: None,
            line: 0,
        }
    }
}

/// The records of a CSV file, read one at a time.
///
/// # Errors
///
/// Each item is a [`ReadError`] naming the line and column of the first problem; after
/// an error the iterator ends.
///
/// ```
/// use contested::Interpretation;
/// use contested::reliability::csv::Records;
///
/// let data = "ObjectID,PropertyID,PropertyValue\nx,y,12\n";
/// let gold: Vec<_> = Records::gold(data.as_bytes(), Interpretation::default())?
///     .collect::<Result<_, _>>()?;
/// assert_eq!(gold[0].value.to_string(), "12");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Records<R> {
    rows: Rows<R>,
    how: Interpretation,
    width: usize,
    /// Indices of ObjectID, PropertyID, PropertyValue and, for claims, SourceID.
    at: [usize; 4],
    with_source: bool,
    done: bool,
}

impl<R> fmt::Debug for Records<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Records")
            .field("line", &self.rows.line)
            .field("with_source", &self.with_source)
            .finish_non_exhaustive()
    }
}

const NAMES: [&str; 4] = ["ObjectID", "PropertyID", "PropertyValue", "SourceID"];

impl<R: BufRead> Records<R> {
    /// Claims: the header must name `ObjectID`, `PropertyID`, `PropertyValue` and
    /// `SourceID`.
    ///
    /// # Errors
    ///
    /// A [`ReadError`] when the header cannot be read or lacks a column.
    ///
    /// ```
    /// # use contested::{Interpretation, reliability::csv::Records};
    /// assert!(Records::claims("ObjectID,PropertyID,PropertyValue\n".as_bytes(),
    ///     Interpretation::default()).is_err());
    /// ```
    pub fn claims(reader: R, how: Interpretation) -> Result<Self, ReadError> {
        Self::open(reader, how, true)
    }

    /// Gold values: the header must name `ObjectID`, `PropertyID` and `PropertyValue`.
    ///
    /// # Errors
    ///
    /// A [`ReadError`] when the header cannot be read or lacks a column.
    ///
    /// ```
    /// # use contested::{Interpretation, reliability::csv::Records};
    /// assert!(Records::gold("".as_bytes(), Interpretation::default()).is_err());
    /// ```
    pub fn gold(reader: R, how: Interpretation) -> Result<Self, ReadError> {
        Self::open(reader, how, false)
    }

    fn open(reader: R, how: Interpretation, with_source: bool) -> Result<Self, ReadError> {
        let mut rows = Rows::new(reader);
        if !rows.next_row()? {
            return Err(rows.error_at(1, 1, ReadProblem::NoHeader));
        }
        let mut at = [0; 4];
        let wanted = if with_source { 4 } else { 3 };
        for (slot, name) in at.iter_mut().zip(NAMES).take(wanted) {
            *slot = (0..rows.len())
                .find(|&i| rows.field(i) == name)
                .ok_or_else(|| rows.error_at(1, 1, ReadProblem::MissingColumn { name }))?;
        }
        Ok(Records {
            width: rows.len(),
            rows,
            how,
            at,
            with_source,
            done: false,
        })
    }

    fn record(&mut self) -> Result<Option<Record>, ReadError> {
        if !self.rows.next_row()? {
            return Ok(None);
        }
        let rows = &self.rows;
        if rows.len() != self.width {
            let last = rows.len() - 1;
            return Err(rows.error(
                last,
                ReadProblem::FieldCount {
                    expected: self.width,
                    found: rows.len(),
                },
            ));
        }
        let id = |k: usize| -> Result<String, ReadError> {
            let text = rows.field(self.at[k]);
            if text.is_empty() {
                return Err(rows.error(self.at[k], ReadProblem::Empty { name: NAMES[k] }));
            }
            Ok(text.to_owned())
        };
        let text = rows.field(self.at[2]);
        let value = text
            .parse::<CountRange>()
            .ok()
            .or_else(|| text.parse::<Estimate>().ok().map(|e| e.range(&self.how)))
            .ok_or_else(|| {
                rows.error(
                    self.at[2],
                    ReadProblem::Value {
                        text: text.to_owned(),
                    },
                )
            })?;
        Ok(Some(Record {
            object_id: id(0)?,
            property_id: id(1)?,
            value,
            source: if self.with_source { Some(id(3)?) } else { None },
            line: rows.starts[0].0,
        }))
    }
}

impl<R: BufRead> Iterator for Records<R> {
    type Item = Result<Record, ReadError>;
    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let r = self.record().transpose();
        if !matches!(r, Some(Ok(_))) {
            self.done = true;
        }
        r
    }
}

/// An RFC 4180 row splitter that remembers where each field starts.
struct Rows<R> {
    reader: R,
    buf: Vec<u8>,
    /// The fields of the current row, concatenated; field `i` ends at `ends[i]`.
    text: String,
    ends: Vec<usize>,
    /// (line, column) of each field's first character.
    starts: Vec<(u64, u64)>,
    /// Lines read so far.
    line: u64,
}

#[derive(Clone, Copy, PartialEq)]
enum State {
    Start,
    Unquoted,
    Quoted,
    QuoteInQuoted,
}

impl<R: BufRead> Rows<R> {
    fn new(reader: R) -> Self {
        Rows {
            reader,
            buf: Vec::new(),
            text: String::new(),
            ends: Vec::new(),
            starts: Vec::new(),
            line: 0,
        }
    }

    fn len(&self) -> usize {
        self.ends.len()
    }

    fn field(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.text[start..self.ends[i]]
    }

    fn error_at(&self, line: u64, column: u64, problem: ReadProblem) -> ReadError {
        ReadError {
            line,
            column,
            problem,
        }
    }

    fn error(&self, field: usize, problem: ReadProblem) -> ReadError {
        let (line, column) = self.starts[field];
        self.error_at(line, column, problem)
    }

    /// Reads the next non-blank row; `false` at the end of the input.
    fn next_row(&mut self) -> Result<bool, ReadError> {
        self.text.clear();
        self.ends.clear();
        self.starts.clear();
        let mut field: Vec<u8> = Vec::new();
        let mut state = State::Start;
        loop {
            let mut line = std::mem::take(&mut self.buf);
            line.clear();
            let n = self
                .reader
                .read_until(b'\n', &mut line)
                .map_err(|e| self.error_at(self.line + 1, 1, ReadProblem::Io(e)))?;
            if n == 0 {
                self.buf = line;
                return match state {
                    State::Quoted => {
                        let (l, c) = *self.starts.last().unwrap_or(&(self.line, 1));
                        Err(self.error_at(l, c, ReadProblem::UnclosedQuote))
                    }
                    _ if self.starts.is_empty() => Ok(false),
                    _ => self.finish(&mut field, state, 1).map(|()| true),
                };
            }
            self.line += 1;
            if self.starts.is_empty() && matches!(line.as_slice(), b"\n" | b"\r\n") {
                self.buf = line;
                continue; // a blank line between rows
            }
            let mut column = 0u64;
            let mut ended = false;
            for (i, &b) in line.iter().enumerate() {
                if b & 0xC0 != 0x80 {
                    column += 1;
                }
                let eol = b == b'\n' || (b == b'\r' && line.get(i + 1) == Some(&b'\n'));
                match state {
                    State::Quoted if b == b'"' => state = State::QuoteInQuoted,
                    State::Quoted => field.push(b),
                    _ if eol => {
                        self.finish(&mut field, state, column)?;
                        ended = true;
                        break;
                    }
                    State::Start => {
                        self.starts.push((self.line, column));
                        match b {
                            b'"' => state = State::Quoted,
                            b',' => self.end_field(&mut field)?,
                            _ => {
                                field.push(b);
                                state = State::Unquoted;
                            }
                        }
                    }
                    State::QuoteInQuoted if b == b'"' => {
                        field.push(b'"');
                        state = State::Quoted;
                    }
                    State::Unquoted | State::QuoteInQuoted if b == b',' => {
                        self.end_field(&mut field)?;
                        state = State::Start;
                    }
                    State::Unquoted if b != b'"' => field.push(b),
                    State::Unquoted | State::QuoteInQuoted => {
                        self.buf = line;
                        return Err(self.error_at(self.line, column, ReadProblem::StrayQuote));
                    }
                }
            }
            self.buf = line;
            if ended {
                return Ok(true);
            }
            // No line break seen: either a quoted field goes on over it (the break is
            // kept in the field), or this was the last line without a final break.
            if state != State::Quoted {
                self.finish(&mut field, state, column + 1)?;
                return Ok(true);
            }
        }
    }

    /// Ends the row: a row ending in a comma has one more, empty field.
    fn finish(&mut self, field: &mut Vec<u8>, state: State, column: u64) -> Result<(), ReadError> {
        if state == State::Start {
            self.starts.push((self.line, column));
        }
        self.end_field(field)
    }

    fn end_field(&mut self, field: &mut Vec<u8>) -> Result<(), ReadError> {
        let at = self.ends.len();
        match std::str::from_utf8(field) {
            Ok(s) => self.text.push_str(s),
            Err(_) => return Err(self.error(at, ReadProblem::InvalidUtf8)),
        }
        self.ends.push(self.text.len());
        field.clear();
        Ok(())
    }
}
