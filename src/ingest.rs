//! Streaming ingest of statements from JSON Lines.
//!
//! # Format
//!
//! One record per line, each record one [`Statement`] with its claims, written exactly as
//! serde writes a `contested::Statement` (the same form a statement takes inside a
//! dossier's `statements` array). Speakers, relays and events are referred to by id; the
//! actors and events themselves live in a *context* [`Dossier`] (see [`ingest_into`]).
//!
//! - Lines end in `\n` or `\r\n`; the last line may lack its line ending.
//! - Blank lines (empty or only whitespace) are skipped but still counted, so line numbers
//!   in errors are the file's own, 1-based.
//! - Each line must be valid UTF-8 and hold exactly one JSON object; anything after the
//!   object on the same line is an error.
//! - A line longer than [`JsonLines::DEFAULT_MAX_LINE_BYTES`] (configurable with
//!   [`JsonLines::with_max_line_bytes`]) is refused without being held in memory whole.
//!
//! ```text
//! {"id":"az-1","speaker":"az-mod","made":{"earliest":"2022-09-13T10:00:00+04:00","latest":"2022-09-13T10:00:00+04:00","precision":"minute"},"form":"paraphrase","about":["clash"],"claims":[{"id":"az-killed","event":"clash","count":{"measure":"killed","whose":{"party":"azerbaijan"},"category":"military","estimate":"50"}}]}
//! {"id":"am-1","speaker":"am-mod","made":{"earliest":"2022-09-13T11:00:00+04:00","latest":"2022-09-13T11:00:00+04:00"},"form":"direct_quote","relay":["agencies"],"about":["clash"],"claims":[{"id":"am-killed","event":"clash","count":{"measure":"killed","whose":{"party":"armenia"},"category":"military","estimate":"at least 49"}}]}
//! ```
//!
//! # Reading
//!
//! [`JsonLines`] is an iterator that reads one line at a time into a buffer it reuses, so
//! a file of any size is read in constant memory (beyond the statements you keep).
//! [`read_statements`] collects them, stopping at the first bad line or skipping bad lines
//! and reporting them, as [`OnError`] says. [`ingest_into`] also validates the statements
//! against a context dossier.
//!
//! ```
//! use contested::ingest::{read_statements, OnError};
//!
//! let jsonl = r#"{"id":"s1","speaker":"am-mod","made":{"earliest":"2022-09-13T10:00:00Z","latest":"2022-09-13T10:00:00Z"},"form":"paraphrase"}
//!
//! {"id":"s2","speaker":"am-mod","made":{"earliest":"2022-09-13T11:00:00Z","latest":"2022-09-13T10:00:00Z"},"form":"paraphrase"}
//! {"id":"s3","speaker":"az-mod","made":{"earliest":"2022-09-13T12:00:00Z","latest":"2022-09-13T12:00:00Z"},"form":"paraphrase","claims":[{"id":"c","event":"clash","count":{"measure":"killed","whose":"all","category":"any","estimate":"about 100"}}]}
//! "#;
//! let report = read_statements(jsonl.as_bytes(), OnError::SkipAndReport)?;
//! assert_eq!(report.statements.len(), 2);
//! assert_eq!(report.skipped.len(), 1);
//! let err = &report.skipped[0];
//! assert_eq!((err.line(), err.path()), (3, Some("made")));
//! assert!(err.to_string().starts_with("line 3: made: inverted time window"));
//!
//! // Stopping at the first bad line instead:
//! let err = read_statements(jsonl.as_bytes(), OnError::Stop).unwrap_err();
//! assert_eq!(err.line(), 3);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Writing
//!
//! [`write_statements`] writes statements in this format, one compact record a line (a
//! newline inside a string is escaped), so what it writes reads back to equal statements.

use std::fmt;
use std::io::{self, BufRead};

use thiserror::Error;

use crate::dossier::{Dossier, LoadOptions};
use crate::error::{Problem, ValidationErrors};
use crate::objects::ObjectOnly;
use crate::statement::Statement;

/// Why one line of a JSON Lines stream could not become a [`Statement`], or why the stream
/// could not be read.
///
/// Every variant names the 1-based line; JSON and validation errors also name the JSON path
/// of the field at fault *inside the record* (`claims[0].count.estimate`, or `.` for the record
/// itself).
///
/// ```
/// use contested::ingest::{IngestError, JsonLines};
///
/// let mut lines = JsonLines::new(&b"\n{\"id\": 7}\n"[..]);
/// match lines.next() {
///     Some(Err(IngestError::Json { line, path, .. })) => assert_eq!((line, path.as_str()), (2, "id")),
///     other => panic!("unexpected {other:?}"),
/// }
/// ```
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum IngestError {
    /// The line is not JSON, or a field does not have the expected shape or value.
    #[error("line {line}: {path}: {message} (column {column})")]
    Json {
        /// 1-based line number.
        line: usize,
        /// The JSON path inside the record (`.` for the record itself).
        path: String,
        /// 1-based column within the line.
        column: usize,
        /// What serde reported, without its position, with the closest known name for an
        /// unknown field or variant ([`with_hint`](crate::error::with_hint)).
        message: String,
        /// Not JSON, wrong shape or value, or cut short.
        category: crate::error::JsonCategory,
    },
    /// The line is not valid UTF-8.
    #[error("line {line}: invalid UTF-8 at byte {column}")]
    Utf8 {
        /// 1-based line number.
        line: usize,
        /// 1-based byte offset of the first invalid byte within the line.
        column: usize,
    },
    /// The line is longer than the limit; it was skipped without being held whole.
    #[error("line {line}: longer than the limit of {limit} bytes")]
    LineTooLong {
        /// 1-based line number.
        line: usize,
        /// The limit in force, in bytes.
        limit: usize,
    },
    /// The statement is well formed but does not fit the context dossier: an unknown
    /// speaker or event, a duplicate id, ... (only from [`ingest_into`]).
    #[error("line {line}: {path}: {problem}")]
    Invalid {
        /// 1-based line number.
        line: usize,
        /// The JSON path inside the record.
        path: String,
        /// What is wrong (boxed: it is large, and rare).
        problem: Box<Problem>,
    },
    /// The context dossier and the statements together are invalid in a way that cannot be
    /// pinned on one line (only from [`ingest_into`]).
    #[error(transparent)]
    Context(ValidationErrors),
    /// The stream could not be read. Reading stops here. The cause is the
    /// [`source`](std::error::Error::source), not repeated in the message.
    #[error("line {line}: cannot read")]
    Io {
        /// 1-based number of the line being read.
        line: usize,
        /// The underlying error.
        #[source]
        source: io::Error,
    },
    /// The stream is longer than [`LoadOptions::max_bytes`]; reading stopped at the
    /// limit, within this line, and always stops here.
    #[error("line {line}: input is larger than the limit of {limit} bytes")]
    TooLarge {
        /// 1-based number of the line being read.
        line: usize,
        /// The limit in force, in bytes.
        limit: u64,
    },
}

impl IngestError {
    /// The 1-based line the error is about (0 for [`IngestError::Context`]).
    ///
    /// ```
    /// # use contested::ingest::JsonLines;
    /// let err = JsonLines::new(&b"{}\n"[..]).next().unwrap().unwrap_err();
    /// assert_eq!(err.line(), 1);
    /// ```
    pub fn line(&self) -> usize {
        match self {
            IngestError::Json { line, .. }
            | IngestError::Utf8 { line, .. }
            | IngestError::LineTooLong { line, .. }
            | IngestError::Invalid { line, .. }
            | IngestError::Io { line, .. }
            | IngestError::TooLarge { line, .. } => *line,
            IngestError::Context(_) => 0,
        }
    }

    /// The JSON path inside the record, for JSON and validation errors.
    ///
    /// ```
    /// # use contested::ingest::JsonLines;
    /// let err = JsonLines::new(&b"not json\n"[..]).next().unwrap().unwrap_err();
    /// assert_eq!(err.path(), Some("."));
    /// ```
    pub fn path(&self) -> Option<&str> {
        match self {
            IngestError::Json { path, .. } | IngestError::Invalid { path, .. } => Some(path),
            _ => None,
        }
    }
}

/// What to do with a line that cannot be read as a statement.
///
/// An I/O error always stops reading: the rest of the stream cannot be trusted.
///
/// ```
/// use contested::ingest::OnError;
///
/// assert_eq!(OnError::default(), OnError::Stop);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum OnError {
    /// Stop at the first bad line and return its error.
    #[default]
    Stop,
    /// Skip bad lines, keep reading, and report each skipped line's error.
    SkipAndReport,
}

/// An iterator over the statements of a JSON Lines stream, one line at a time.
///
/// Yields one `Result` per non-blank line. After a bad line it goes on with the next one;
/// after an I/O error it ends. The line buffer is reused, so memory stays bounded by the
/// longest line (at most [`max_line_bytes`](Self::max_line_bytes)).
///
/// ```
/// use contested::ingest::JsonLines;
///
/// let text = "{\"id\":\"s\",\"speaker\":\"a\",\"made\":{\"earliest\":\"2022-09-13T10:00:00Z\",\"latest\":\"2022-09-13T10:00:00Z\"},\"form\":\"paraphrase\"}\n";
/// let statements: Vec<_> = JsonLines::new(text.as_bytes()).collect::<Result<_, _>>()?;
/// assert_eq!(statements[0].id.as_str(), "s");
/// # Ok::<(), contested::ingest::IngestError>(())
/// ```
pub struct JsonLines<R> {
    reader: R,
    buf: Vec<u8>,
    line: usize,
    max_line_bytes: usize,
    max_bytes: Option<u64>,
    read_bytes: u64,
    done: bool,
}

impl<R> fmt::Debug for JsonLines<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JsonLines")
            .field("line", &self.line)
            .field("max_line_bytes", &self.max_line_bytes)
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

impl<R: BufRead> JsonLines<R> {
    /// The default longest line accepted: 16 MiB.
    pub const DEFAULT_MAX_LINE_BYTES: usize = 16 << 20;

    /// Reads statements from `reader`. Wrap a file in a [`std::io::BufReader`].
    ///
    /// ```
    /// # use contested::ingest::JsonLines;
    /// assert!(JsonLines::new(&b"\n\n"[..]).next().is_none());
    /// ```
    pub fn new(reader: R) -> Self {
        JsonLines {
            reader,
            buf: Vec::new(),
            line: 0,
            max_line_bytes: Self::DEFAULT_MAX_LINE_BYTES,
            max_bytes: None,
            read_bytes: 0,
            done: false,
        }
    }

    /// Refuses lines longer than `limit` bytes (line ending excluded) with
    /// [`IngestError::LineTooLong`], reading past them without holding them whole.
    ///
    /// ```
    /// # use contested::ingest::{IngestError, JsonLines};
    /// let mut lines = JsonLines::new(&b"{\"id\":\"far too long\"}\n"[..]).with_max_line_bytes(8);
    /// assert!(matches!(lines.next(), Some(Err(IngestError::LineTooLong { line: 1, limit: 8 }))));
    /// assert!(lines.next().is_none());
    /// ```
    #[must_use]
    pub fn with_max_line_bytes(mut self, limit: usize) -> Self {
        self.max_line_bytes = limit;
        self
    }

    /// Stops with [`IngestError::TooLarge`] once the stream has given more than
    /// `limit` bytes in all, reading at most one byte past it.
    ///
    /// ```
    /// # use contested::ingest::{IngestError, JsonLines};
    /// let mut lines = JsonLines::new(&b"\n\n\n\n"[..]).with_max_bytes(2);
    /// assert!(matches!(lines.next(), Some(Err(IngestError::TooLarge { line: 3, limit: 2 }))));
    /// assert!(lines.next().is_none());
    /// ```
    #[must_use]
    pub fn with_max_bytes(mut self, limit: u64) -> Self {
        self.max_bytes = Some(limit);
        self
    }

    /// The longest line accepted, in bytes.
    ///
    /// ```
    /// # use contested::ingest::JsonLines;
    /// assert_eq!(JsonLines::new(&b""[..]).max_line_bytes(), JsonLines::<&[u8]>::DEFAULT_MAX_LINE_BYTES);
    /// ```
    pub fn max_line_bytes(&self) -> usize {
        self.max_line_bytes
    }

    /// The 1-based number of the last line read (0 before the first).
    ///
    /// ```
    /// # use contested::ingest::JsonLines;
    /// let mut lines = JsonLines::new(&b"\n\n"[..]);
    /// assert!(lines.next().is_none());
    /// assert_eq!(lines.line_number(), 2);
    /// ```
    pub fn line_number(&self) -> usize {
        self.line
    }

    /// The reader, positioned after the last line read.
    ///
    /// ```
    /// # use contested::ingest::JsonLines;
    /// let rest: &[u8] = JsonLines::new(&b"\nleft"[..]).into_inner();
    /// assert_eq!(rest, b"\nleft");
    /// ```
    pub fn into_inner(self) -> R {
        self.reader
    }

    /// Reads the next line into `buf`, without its line ending. `Ok(false)` at the end.
    fn read_line(&mut self) -> Result<bool, IngestError> {
        self.buf.clear();
        // One byte over the limit tells a line at the limit from a longer one.
        let mut cap = u64::try_from(self.max_line_bytes)
            .unwrap_or(u64::MAX)
            .saturating_add(2);
        if let Some(limit) = self.max_bytes {
            cap = cap.min(limit.saturating_sub(self.read_bytes).saturating_add(1));
        }
        let n = io::Read::take(&mut self.reader, cap)
            .read_until(b'\n', &mut self.buf)
            .map_err(|source| self.io_error(source))?;
        if n == 0 {
            return Ok(false);
        }
        self.line += 1;
        self.read_bytes = self.read_bytes.saturating_add(n as u64);
        if let Some(limit) = self.max_bytes
            && self.read_bytes > limit
        {
            self.done = true;
            return Err(IngestError::TooLarge {
                line: self.line,
                limit,
            });
        }
        // A byte-order mark before the first record (as Windows editors write) is
        // skipped.
        if self.line == 1 && self.buf.starts_with(b"\xEF\xBB\xBF") {
            self.buf.drain(..3);
        }
        let ended = self.buf.last() == Some(&b'\n');
        if ended {
            self.buf.pop();
            if self.buf.last() == Some(&b'\r') {
                self.buf.pop();
            }
        }
        if self.buf.len() > self.max_line_bytes {
            if !ended {
                self.reader
                    .skip_until(b'\n')
                    .map_err(|source| self.io_error(source))?;
            }
            return Err(IngestError::LineTooLong {
                line: self.line,
                limit: self.max_line_bytes,
            });
        }
        Ok(true)
    }

    fn io_error(&mut self, source: io::Error) -> IngestError {
        self.done = true;
        IngestError::Io {
            line: self.line + 1,
            source,
        }
    }
}

impl<R: BufRead> Iterator for JsonLines<R> {
    type Item = Result<Statement, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.done {
                return None;
            }
            match self.read_line() {
                Ok(false) => {
                    self.done = true;
                    return None;
                }
                Ok(true) => {}
                Err(e) => return Some(Err(e)),
            }
            if self.buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Some(parse_line(&self.buf, self.line));
        }
    }
}

/// One record to a statement. A line that fails is read a second time, tracking the JSON
/// path, to say where it went wrong; good lines pay nothing for that.
fn parse_line(bytes: &[u8], line: usize) -> Result<Statement, IngestError> {
    let text = std::str::from_utf8(bytes).map_err(|e| IngestError::Utf8 {
        line,
        column: e.valid_up_to() + 1,
    })?;
    // A record is an object: serde's derive would also read an array of the fields.
    match serde_json::from_str::<ObjectOnly<Statement>>(text) {
        Ok(ObjectOnly(s)) => Ok(s),
        Err(_) => parse_with_path(text, line),
    }
}

fn parse_with_path(text: &str, line: usize) -> Result<Statement, IngestError> {
    let mut de = serde_json::Deserializer::from_str(text);
    let ObjectOnly(statement) = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = crate::dossier::json_path(e.path());
        json_error(line, path, e.into_inner())
    })?;
    de.end().map_err(|e| json_error(line, ".".to_owned(), e))?;
    Ok(statement)
}

fn json_error(line: usize, path: String, e: serde_json::Error) -> IngestError {
    IngestError::Json {
        line,
        path,
        column: e.column().max(1),
        message: crate::error::with_hint(&crate::dossier::strip_position(&e.to_string())),
        category: crate::error::JsonCategory::of(&e),
    }
}

/// The statements read from a stream, and the errors of the lines skipped.
///
/// ```
/// use contested::ingest::{read_statements, OnError};
///
/// let report = read_statements(&b"\n"[..], OnError::SkipAndReport)?;
/// assert!(report.statements.is_empty() && report.skipped.is_empty());
/// assert_eq!(report.lines, 1);
/// # Ok::<(), contested::ingest::IngestError>(())
/// ```
#[derive(Debug, Default)]
#[non_exhaustive]
pub struct IngestReport {
    /// The statements read, in stream order.
    pub statements: Vec<Statement>,
    /// The skipped lines' errors, in stream order (always empty under [`OnError::Stop`]).
    pub skipped: Vec<IngestError>,
    /// How many lines were read, blank ones included.
    pub lines: usize,
}

/// Reads every statement of a JSON Lines stream.
///
/// # Errors
///
/// Under [`OnError::Stop`], the first bad line's error. Under [`OnError::SkipAndReport`],
/// bad lines land in [`IngestReport::skipped`] instead; only an [`IngestError::Io`] is
/// returned, since reading cannot go on after it.
///
/// ```
/// use contested::ingest::{read_statements, IngestError, OnError};
///
/// let err = read_statements(&b"{\"id\":\"s\"}\n"[..], OnError::Stop).unwrap_err();
/// assert!(matches!(err, IngestError::Json { line: 1, .. }));
/// assert!(err.to_string().contains("missing field `made`"));
/// ```
pub fn read_statements<R: BufRead>(
    reader: R,
    on_error: OnError,
) -> Result<IngestReport, IngestError> {
    read_statements_with(reader, on_error, &LoadOptions::default())
}

/// [`read_statements`] under `options` (a limit on the bytes read).
///
/// # Errors
///
/// As [`read_statements`], and [`IngestError::TooLarge`] past the limit, whatever
/// `on_error` says.
///
/// ```
/// use contested::ingest::{read_statements_with, IngestError, OnError};
/// use contested::LoadOptions;
///
/// let err = read_statements_with(&b"\n\n{}\n"[..], OnError::SkipAndReport, &LoadOptions::default().max_bytes(2))
///     .unwrap_err();
/// assert!(matches!(err, IngestError::TooLarge { limit: 2, .. }));
/// ```
pub fn read_statements_with<R: BufRead>(
    reader: R,
    on_error: OnError,
    options: &LoadOptions,
) -> Result<IngestReport, IngestError> {
    let mut lines = limited(JsonLines::new(reader), options);
    let mut report = IngestReport::default();
    for item in lines.by_ref() {
        match item {
            Ok(s) => report.statements.push(s),
            Err(e @ (IngestError::Io { .. } | IngestError::TooLarge { .. })) => return Err(e),
            Err(e) if on_error == OnError::Stop => return Err(e),
            Err(e) => report.skipped.push(e),
        }
    }
    report.lines = lines.line_number();
    Ok(report)
}

/// Reads every statement of a JSON Lines stream and adds them to a copy of `context` (a
/// dossier holding the actors and events they refer to), validating them together.
///
/// Returns the new dossier and the errors of the lines left out. A statement that fails
/// validation is reported as [`IngestError::Invalid`] with its line and the path inside its
/// record; under [`OnError::SkipAndReport`] it is left out and the rest are validated again
/// without it (so a claim denying a claim of a left-out statement is left out too).
///
/// # Errors
///
/// As [`read_statements`]; under [`OnError::Stop`] also the first invalid statement's
/// [`IngestError::Invalid`]; and [`IngestError::Context`] when a problem cannot be pinned
/// on an ingested line (the context itself is invalid, which a [`Dossier`] never is).
///
/// ```
/// use contested::{Actor, ActorKind, Dossier, Event, EventKind};
/// use contested::ingest::{ingest_into, OnError};
///
/// let context = Dossier::builder()
///     .actor(Actor::new("armenia", "Armenia", ActorKind::State))
///     .event(Event::new("clash", "Border clashes", EventKind::Clash))
///     .build()?;
/// let made = r#"{"earliest":"2022-09-13T10:00:00Z","latest":"2022-09-13T10:00:00Z"}"#;
/// let jsonl = format!(
///     "{{\"id\":\"s1\",\"speaker\":\"armenia\",\"made\":{made},\"form\":\"paraphrase\",\"about\":[\"clash\"]}}\n\
///      {{\"id\":\"s2\",\"speaker\":\"russia\",\"made\":{made},\"form\":\"paraphrase\"}}\n");
/// let (dossier, skipped) = ingest_into(&context, jsonl.as_bytes(), OnError::SkipAndReport)?;
/// assert_eq!(dossier.statements().len(), 1);
/// assert_eq!(skipped[0].to_string(), "line 2: speaker: unknown actor `russia`");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn ingest_into<R: BufRead>(
    context: &Dossier,
    reader: R,
    on_error: OnError,
) -> Result<(Dossier, Vec<IngestError>), IngestError> {
    ingest_into_with(context, reader, on_error, &LoadOptions::default())
}

/// [`ingest_into`] under `options` (a limit on the bytes read).
///
/// # Errors
///
/// As [`ingest_into`], and [`IngestError::TooLarge`] past the limit, whatever
/// `on_error` says.
///
/// ```
/// use contested::ingest::{ingest_into_with, IngestError, OnError};
/// use contested::{Dossier, LoadOptions};
///
/// let options = LoadOptions::default().max_bytes(LoadOptions::COMMAND_LINE_MAX_BYTES);
/// let (d, skipped) = ingest_into_with(&Dossier::default(), &b"\n"[..], OnError::Stop, &options)?;
/// assert!(d.statements().is_empty() && skipped.is_empty());
/// # Ok::<(), IngestError>(())
/// ```
pub fn ingest_into_with<R: BufRead>(
    context: &Dossier,
    reader: R,
    on_error: OnError,
    options: &LoadOptions,
) -> Result<(Dossier, Vec<IngestError>), IngestError> {
    let mut lines = limited(JsonLines::new(reader), options);
    let mut skipped = Vec::new();
    let mut read: Vec<(usize, Statement)> = Vec::new();
    while let Some(item) = lines.next() {
        match item {
            Ok(s) => read.push((lines.line_number(), s)),
            Err(e @ (IngestError::Io { .. } | IngestError::TooLarge { .. })) => return Err(e),
            Err(e) if on_error == OnError::Stop => return Err(e),
            Err(e) => skipped.push(e),
        }
    }
    let base = context.statements().len();
    // Usually two validations: everything, then what is left once the bad lines and every
    // line that leans on one (a denial of its claim, a revision or citation of it) are
    // left out, found in one pass over the links. A 10,000-line chain of denials used to
    // take 10,000 rounds, one per link.
    let errors = match build(context, &read) {
        Ok(dossier) => {
            skipped.sort_by_key(IngestError::line);
            return Ok((dossier, skipped));
        }
        Err(errors) => errors,
    };
    let (bad, mut invalid) = pin_on_lines(errors, base, &read)?;
    if on_error == OnError::Stop {
        invalid.sort_by_key(IngestError::line);
        // A failed build always has an error, so this returns.
        if let Some(first) = invalid.into_iter().next() {
            return Err(first);
        }
    } else {
        skipped.extend(invalid);
    }
    let mut left_out = vec![false; read.len()];
    for k in bad {
        left_out[k] = true;
    }
    skipped.extend(Links::of(context, &read).cascade(&mut left_out, &read));
    let mut k = 0;
    read.retain(|_| {
        let keep = !left_out[k];
        k += 1;
        keep
    });
    // Each further round (which the cascade leaves nothing for, as far as validation
    // goes today) leaves out at least one statement, so this ends.
    loop {
        let errors = match build(context, &read) {
            Ok(dossier) => {
                skipped.sort_by_key(IngestError::line);
                return Ok((dossier, skipped));
            }
            Err(errors) => errors,
        };
        let (mut bad, invalid) = pin_on_lines(errors, base, &read)?;
        skipped.extend(invalid);
        bad.sort_unstable();
        bad.dedup();
        let mut k = 0;
        read.retain(|_| {
            let keep = bad.binary_search(&k).is_err();
            k += 1;
            keep
        });
    }
}

fn limited<R: BufRead>(lines: JsonLines<R>, options: &LoadOptions) -> JsonLines<R> {
    match options.max_bytes {
        Some(limit) => lines.with_max_bytes(limit),
        None => lines,
    }
}

fn build(context: &Dossier, read: &[(usize, Statement)]) -> Result<Dossier, ValidationErrors> {
    let mut builder = context.to_builder();
    for (_, s) in read {
        builder = builder.statement(s.clone());
    }
    builder.build()
}

/// Each validation error as the line it is about (with the indices of those lines in
/// `read`), or the whole set as a context error when one cannot be pinned on a line.
fn pin_on_lines(
    errors: ValidationErrors,
    base: usize,
    read: &[(usize, Statement)],
) -> Result<(Vec<usize>, Vec<IngestError>), IngestError> {
    let mut bad = Vec::new();
    let mut invalid = Vec::new();
    for e in errors.errors() {
        let Some((k, path)) = locate(&e.path, base, read.len()) else {
            return Err(IngestError::Context(errors));
        };
        invalid.push(IngestError::Invalid {
            line: read[k].0,
            path,
            problem: Box::new(on_lines(&e.problem, base, read)),
        });
        bad.push(k);
    }
    Ok((bad, invalid))
}

/// Which ingested statements lean on which: a claim denying another's claim, a
/// revision or a citation of another statement. Only references that resolve to an
/// ingested statement (and not to one of the context's) count.
struct Links {
    /// For each ingested statement, the ingested statements leaning on it, with the path
    /// (inside the leaning record) and the problem it will have once this one is gone.
    dependents: Vec<Vec<(usize, String, crate::error::Problem)>>,
}

impl Links {
    fn of(context: &Dossier, read: &[(usize, Statement)]) -> Links {
        use crate::error::Problem;
        use std::collections::HashMap;
        let mut statements: HashMap<&str, usize> = HashMap::new();
        let mut claims: HashMap<&str, usize> = HashMap::new();
        for (k, (_, s)) in read.iter().enumerate() {
            if context.statement(&s.id).is_none() {
                statements.entry(s.id.as_str()).or_insert(k);
            }
            for c in &s.claims {
                if context.claim(&c.id).is_none() {
                    claims.entry(c.id.as_str()).or_insert(k);
                }
            }
        }
        let mut dependents = vec![Vec::new(); read.len()];
        for (k, (_, s)) in read.iter().enumerate() {
            for (j, c) in s.claims.iter().enumerate() {
                if let crate::claim::ClaimBody::Denial {
                    denies: Some(denies),
                    ..
                } = &c.body
                    && let Some(&on) = claims.get(denies.as_str())
                    && on != k
                {
                    dependents[on].push((
                        k,
                        format!("claims[{j}].denial.denies"),
                        Problem::UnknownClaim {
                            id: crate::excerpt::excerpt(denies.as_str()),
                        },
                    ));
                }
            }
            for (field, targets) in [("revises", &s.revises), ("cites", &s.cites)] {
                for (n, t) in targets.iter().enumerate() {
                    if let Some(&on) = statements.get(t.as_str())
                        && on != k
                    {
                        dependents[on].push((
                            k,
                            format!("{field}[{n}]"),
                            Problem::UnknownStatement {
                                id: crate::excerpt::excerpt(t.as_str()),
                            },
                        ));
                    }
                }
            }
        }
        Links { dependents }
    }

    /// Leaves out every statement that leans, directly or through others, on one already
    /// left out, and returns their errors: each statement and each link is visited once.
    fn cascade(&self, left_out: &mut [bool], read: &[(usize, Statement)]) -> Vec<IngestError> {
        let mut queue: Vec<usize> = (0..left_out.len()).filter(|&k| left_out[k]).collect();
        let mut errors = Vec::new();
        while let Some(on) = queue.pop() {
            for (k, path, problem) in &self.dependents[on] {
                if !left_out[*k] {
                    left_out[*k] = true;
                    queue.push(*k);
                    errors.push(IngestError::Invalid {
                        line: read[*k].0,
                        path: path.clone(),
                        problem: Box::new(problem.clone()),
                    });
                }
            }
        }
        errors
    }
}

/// A problem as a JSON Lines user reads it: a duplicate of an ingested statement or
/// claim says the line of the first holder, not its place in the combined dossier.
fn on_lines(
    problem: &crate::error::Problem,
    base: usize,
    read: &[(usize, Statement)],
) -> crate::error::Problem {
    use crate::error::Problem;
    match problem {
        Problem::DuplicateId { kind, id, first } => match locate(first, base, read.len()) {
            Some((k, path)) => Problem::DuplicateId {
                kind: *kind,
                id: id.clone(),
                first: format!("line {}: {path}", read[k].0),
            },
            None => problem.clone(),
        },
        other => other.clone(),
    }
}

/// `statements[i].rest` for an ingested statement `i - base` to `(i - base, "rest")`.
fn locate(path: &str, base: usize, count: usize) -> Option<(usize, String)> {
    let rest = path.strip_prefix("statements[")?;
    let close = rest.find(']')?;
    let i: usize = rest[..close].parse().ok()?;
    let k = i.checked_sub(base).filter(|&k| k < count)?;
    let inner = rest[close + 1..].strip_prefix('.').unwrap_or(".");
    Some((k, inner.to_owned()))
}

/// Writes statements as JSON Lines, one record per line, in the form [`JsonLines`] reads
/// back (the serde form of [`Statement`]).
///
/// # Errors
///
/// The writer's error.
///
/// ```
/// use contested::{Statement, TimeWindow};
/// use contested::ingest::{write_statements, read_statements, OnError};
///
/// let s = Statement::new("s1", "am-mod", TimeWindow::day(2022, 9, 13)?);
/// let mut out = Vec::new();
/// write_statements(&mut out, [&s])?;
/// assert_eq!(out.iter().filter(|&&b| b == b'\n').count(), 1);
/// assert_eq!(read_statements(&out[..], OnError::Stop)?.statements, vec![s]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_statements<'a, W: io::Write>(
    mut writer: W,
    statements: impl IntoIterator<Item = &'a Statement>,
) -> io::Result<()> {
    for s in statements {
        serde_json::to_writer(&mut writer, s)?;
        writer.write_all(b"\n")?;
    }
    Ok(())
}
