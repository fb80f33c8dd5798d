//! Errors: one umbrella [`Error`](enum@Error) for `?`, and specific types where callers match.
//!
//! # Where, in every error
//!
//! - **Lines and columns** are 1-based. A column counts bytes within its line, as
//!   serde_json does. [`IngestError`](crate::ingest::IngestError) columns are never 0;
//!   [`LoadError::Json`] passes serde_json's column on, which is 0 only for an error
//!   found before the first character of a line (text cut short after a newline).
//! - **Paths** are JSON paths from the document (a dossier) or the record (a JSON Lines
//!   line): `statements[2].claims[0].count.estimate`; `.` is the document or record itself.
//!   An unknown field's path ends at the field (`claims[0].evnt`). Where the parser stops
//!   at no nameable place (text cut short after a value), the path is the innermost
//!   container it was in; it never contains `?`.
//! - **Kinds** are enums to match on ([`JsonCategory`], [`IdKind`], [`Vocabulary`],
//!   [`StatusConflict`]); JSON errors of both [`LoadError::Json`] and
//!   [`IngestError::Json`](crate::ingest::IngestError::Json) carry their category.
//! - **File names** are never part of an error: the caller knows the file and prints it
//!   once (`FILE:LINE:COL: message`, as the `contested` command does).
//! - **Causes** are chained with [`source`](std::error::Error::source) and not repeated
//!   in the message, so error reporters that print the chain print each cause once.

use thiserror::Error;

/// A count range that cannot exist or cannot be read.
///
/// ```
/// use contested::{CountRange, RangeError};
///
/// assert_eq!(CountRange::new(9, Some(3)), Err(RangeError::Inverted { lo: 9, hi: 3 }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum RangeError {
    /// The upper bound is below the lower bound.
    #[error("inverted range: upper bound {hi} is below lower bound {lo}")]
    Inverted {
        /// The lower bound given.
        lo: u64,
        /// The upper bound given.
        hi: u64,
    },
    /// The text is not `N`, `N..` or `A..=B`.
    #[error("cannot read {input:?} as a count range (expected `N`, `N..` or `A..=B`)")]
    Syntax {
        /// The text given.
        input: String,
    },
}

/// Text that cannot be an id: empty, or with leading or trailing whitespace.
///
/// ```
/// use contested::ActorId;
///
/// let err = "".parse::<ActorId>().unwrap_err();
/// assert_eq!(err.to_string(), "invalid actor id \"\": ids are non-empty with no surrounding whitespace");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("invalid {kind} id {input:?}: ids are non-empty with no surrounding whitespace")]
#[non_exhaustive]
pub struct IdError {
    /// Which kind of id.
    pub kind: IdKind,
    /// The text given.
    pub input: String,
}

/// Which kind of id an [`IdError`], a [`Problem::MalformedId`] or a
/// [`Problem::DuplicateId`] is about.
///
/// ```
/// use contested::{ActorId, IdKind};
///
/// assert_eq!(" x".parse::<ActorId>().unwrap_err().kind, IdKind::Actor);
/// assert_eq!(IdKind::Claim.to_string(), "claim");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum IdKind {
    /// An [`ActorId`](crate::ActorId).
    Actor,
    /// An [`EventId`](crate::EventId).
    Event,
    /// A [`StatementId`](crate::StatementId).
    Statement,
    /// A [`ClaimId`](crate::ClaimId).
    Claim,
    /// A [`Mediator`](crate::Mediator), known by its actor's id (in
    /// [`Problem::DuplicateId`] only: it has no id type of its own).
    Mediator,
    /// A user-defined measure ([`MeasureDef`](crate::MeasureDef)), known by its name (in
    /// [`Problem::DuplicateId`] only).
    Measure,
}

impl std::fmt::Display for IdKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            IdKind::Actor => "actor",
            IdKind::Event => "event",
            IdKind::Statement => "statement",
            IdKind::Claim => "claim",
            IdKind::Mediator => "mediator",
            IdKind::Measure => "measure",
        })
    }
}

/// What kind of JSON error: the text is not JSON, the JSON has the wrong shape or values,
/// or the text ends too early. After `serde_json::error::Category`, which it mirrors so
/// matching on it does not tie callers to serde_json's version.
///
/// ```
/// use contested::JsonCategory;
/// use contested::ingest::{IngestError, JsonLines};
///
/// let err = JsonLines::new(&b"{\"id\": 7}\n"[..]).next().unwrap().unwrap_err();
/// assert!(matches!(err, IngestError::Json { category: JsonCategory::Data, .. }));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum JsonCategory {
    /// Not well-formed JSON.
    Syntax,
    /// Well-formed JSON of the wrong shape or with a bad value (an unknown field, an
    /// inverted window, a misspelled kind).
    Data,
    /// The text ends in the middle of a value.
    Eof,
    /// The text could not be read.
    Io,
}

impl JsonCategory {
    /// The category of a serde_json error.
    pub(crate) fn of(e: &serde_json::Error) -> JsonCategory {
        match e.classify() {
            serde_json::error::Category::Syntax => JsonCategory::Syntax,
            serde_json::error::Category::Data => JsonCategory::Data,
            serde_json::error::Category::Eof => JsonCategory::Eof,
            serde_json::error::Category::Io => JsonCategory::Io,
        }
    }
}

impl std::fmt::Display for JsonCategory {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            JsonCategory::Syntax => "syntax",
            JsonCategory::Data => "data",
            JsonCategory::Eof => "end of input",
            JsonCategory::Io => "i/o",
        })
    }
}

/// A time window that cannot exist or cannot be read.
///
/// ```
/// use contested::{TimeWindow, WindowError};
///
/// let late = "2022-09-13T02:00:00+04:00".parse()?;
/// let early = "2022-09-13T01:00:00+04:00".parse()?;
/// assert!(matches!(TimeWindow::new(late, early), Err(WindowError::Inverted { .. })));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum WindowError {
    /// `latest` is before `earliest`.
    #[error("inverted time window: latest {latest} is before earliest {earliest}")]
    Inverted {
        /// The earliest moment given, RFC 3339.
        earliest: String,
        /// The latest moment given, RFC 3339.
        latest: String,
    },
    /// Not a known [`Precision`](crate::Precision) name.
    #[error(
        "unknown precision {input:?} (expected minute, hour, part_of_day, day, days, week, month or year)"
    )]
    Precision {
        /// The text given.
        input: String,
    },
    /// Text that is not a time window ([`TimeWindow`](crate::TimeWindow)'s `FromStr`).
    #[error("cannot read {input:?} as a time: {reason}")]
    Syntax {
        /// The text given.
        input: String,
        /// What was expected.
        reason: crate::when::SyntaxReason,
    },
    /// A date that does not exist (`2022-02-30`) or cannot be represented.
    #[error("no such date: {date}")]
    OutOfRange {
        /// The date as given.
        date: String,
    },
    /// A UCDP `date_prec` code other than 1 to 5.
    #[error("unknown UCDP date_prec code {code} (expected 1 to 5)")]
    UcdpPrecision {
        /// The code given.
        code: u8,
    },
}

/// Text that is not a known name of a vocabulary item (a measure, an actor kind, a form, ...).
///
/// ```
/// use contested::Measure;
///
/// let err = "slain!".parse::<Measure>().unwrap_err();
/// assert_eq!(err.to_string(), "unknown Measure \"slain!\"");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("unknown {what} {input:?}")]
#[non_exhaustive]
pub struct NameError {
    /// What was being read.
    pub what: Vocabulary,
    /// The text given.
    pub input: String,
}

/// Which vocabulary a [`NameError`] is about: one variant per vocabulary type, shown as
/// the type's name.
///
/// ```
/// use contested::{Measure, Vocabulary};
///
/// assert_eq!("slain!".parse::<Measure>().unwrap_err().what, Vocabulary::Measure);
/// assert_eq!(Vocabulary::EventKind.to_string(), "EventKind");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Vocabulary {
    /// [`ActorKind`](crate::ActorKind).
    ActorKind,
    /// [`Nesting`](crate::Nesting).
    Nesting,
    /// [`EventKind`](crate::EventKind).
    EventKind,
    /// [`Occurrence`](crate::event::Occurrence).
    Occurrence,
    /// [`ContextRelation`](crate::event::ContextRelation).
    ContextRelation,
    /// [`TieKind`](crate::mediator::TieKind).
    TieKind,
    /// [`Measure`](crate::Measure).
    Measure,
    /// [`Boundary`](crate::Boundary).
    Boundary,
    /// [`Category`](crate::Category).
    Category,
    /// [`CountStatus`](crate::status::CountStatus).
    CountStatus,
    /// [`Form`](crate::statement::Form).
    Form,
    /// [`ClaimKind`](crate::ClaimKind).
    ClaimKind,
}

impl std::fmt::Display for Vocabulary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The type's name, as messages have always shown it.
        std::fmt::Debug::fmt(self, f)
    }
}

/// Why a count's status and its estimate cannot both hold ([`Problem::StatusContradiction`]).
///
/// ```
/// use contested::StatusConflict;
///
/// assert_eq!(StatusConflict::OpenEndedFinal.to_string(), "a final figure is not open-ended");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum StatusConflict {
    /// The status field says one thing and the estimate's words another ("final" and
    /// "so far").
    WordsSayOtherwise,
    /// A final count with an open-ended estimate ("final: at least 64").
    OpenEndedFinal,
}

impl std::fmt::Display for StatusConflict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            StatusConflict::WordsSayOtherwise => "the words say otherwise",
            StatusConflict::OpenEndedFinal => "a final figure is not open-ended",
        })
    }
}

/// One problem found by dossier validation, with where it is.
///
/// `path` is the JSON path of the offending field (`statements[2].claims[0].event`), so a
/// user can find it in a file as in code; the [`Problem`] names the ids involved.
///
/// ```
/// use contested::{Actor, ActorKind, Dossier, Problem};
///
/// let errs = Dossier::builder()
///     .actor(Actor::new("am-mod", "Armenian Defense Ministry", ActorKind::GovernmentBody).part_of("armenia"))
///     .build()
///     .unwrap_err();
/// assert_eq!(errs.errors()[0].path, "actors[0].part_of");
/// assert!(matches!(errs.errors()[0].problem, Problem::UnknownActor { .. }));
/// assert_eq!(errs.to_string(), "1 problem in dossier:\n  actors[0].part_of: unknown actor `armenia`");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{path}: {problem}")]
#[non_exhaustive]
pub struct ValidationError {
    /// The JSON path of the field at fault.
    pub path: String,
    /// What is wrong.
    pub problem: Problem,
}

/// What is wrong with a dossier.
///
/// ```
/// use contested::{IdKind, Problem};
///
/// let p = Problem::DuplicateId { kind: IdKind::Event, id: "clash".into(), first: "events[0].id".into() };
/// assert_eq!(p.to_string(), "duplicate event id `clash` (first at events[0].id)");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum Problem {
    /// An id that is empty or has surrounding whitespace.
    #[error("malformed {kind} id {id:?}: ids are non-empty with no surrounding whitespace")]
    MalformedId {
        /// Actor, event, statement or claim.
        kind: IdKind,
        /// The id.
        id: String,
    },
    /// Two items of one kind share an id.
    #[error("duplicate {kind} id `{id}` (first at {first})")]
    DuplicateId {
        /// Actor, event, statement, claim or mediator.
        kind: IdKind,
        /// The id.
        id: String,
        /// The path of the first item with that id.
        first: String,
    },
    /// A reference to an actor the dossier does not hold.
    #[error("unknown actor `{id}`")]
    UnknownActor {
        /// The id referred to.
        id: String,
    },
    /// A reference to an event the dossier does not hold.
    #[error("unknown event `{id}`")]
    UnknownEvent {
        /// The id referred to.
        id: String,
    },
    /// A reference to a statement the dossier does not hold.
    #[error("unknown statement `{id}`")]
    UnknownStatement {
        /// The id referred to.
        id: String,
    },
    /// A reference to a claim the dossier does not hold.
    #[error("unknown claim `{id}`")]
    UnknownClaim {
        /// The id referred to.
        id: String,
    },
    /// Actors nest in a cycle.
    #[error("actors nest in a cycle: {}", cycle.join(" -> "))]
    NestingCycle {
        /// The actor ids around the cycle, starting and ending with the same one.
        cycle: Vec<String>,
    },
    /// Events are components of each other in a cycle.
    #[error("events are parts of each other in a cycle: {}", cycle.join(" -> "))]
    ParentCycle {
        /// The event ids around the cycle, starting and ending with the same one.
        cycle: Vec<String>,
    },
    /// A relay chain passes through the same actor twice, or back through the speaker.
    #[error("relay chain of statement `{statement}` loops through `{actor}`")]
    RelayCycle {
        /// The statement.
        statement: String,
        /// The actor met twice.
        actor: String,
    },
    /// A relay's `from` names nothing it may relay: an index not before its own, or an
    /// outlet that carries no earlier relay of the statement.
    #[error(
        "relay `{outlet}` of statement `{statement}` relays {from}, which is not an earlier relay"
    )]
    RelayFromUnknown {
        /// The statement.
        statement: String,
        /// The relaying outlet.
        outlet: String,
        /// What it names (an index or an outlet id).
        from: String,
    },
    /// A denial that names neither a claim (`denies`) nor an allegation.
    #[error("denial `{claim}` denies nothing: give `denies` (a claim id) or `allegation`")]
    EmptyDenial {
        /// The denial.
        claim: String,
    },
    /// A statement names co-speakers but no speaker.
    #[error(
        "statement `{statement}` has co-speakers but no speaker; name the first speaker in `speaker`"
    )]
    JointWithoutSpeaker {
        /// The statement.
        statement: String,
    },
    /// A joint statement names one speaker twice.
    #[error("statement `{statement}` names speaker `{actor}` twice")]
    DuplicateSpeaker {
        /// The statement.
        statement: String,
        /// The speaker named twice.
        actor: String,
    },
    /// An actor is in two coalitions of one event, or twice in one.
    #[error("actor `{actor}` is in more than one coalition of event `{event}`")]
    CoalitionOverlap {
        /// The event.
        event: String,
        /// The actor.
        actor: String,
    },
    /// A defined measure's name is not a snake-case word.
    #[error("measure name {name:?} is not a snake-case word (a-z, 0-9, _, starting with a letter)")]
    MalformedMeasure {
        /// The name.
        name: String,
    },
    /// A defined measure takes a built-in measure's name.
    #[error("measure `{name}` is built in; define it under another name")]
    BuiltInMeasure {
        /// The name.
        name: String,
    },
    /// A sum names a measure that is neither built in nor defined.
    #[error("unknown measure `{name}`")]
    UnknownMeasure {
        /// The name.
        name: String,
    },
    /// A sum with a single part.
    #[error("measure `{name}` is the sum of one measure; a sum has at least two parts")]
    ShortSum {
        /// The measure.
        name: String,
    },
    /// A sum names a part twice, or itself.
    #[error("measure `{name}` names `{part}` twice or as a part of itself")]
    RepeatedPart {
        /// The measure.
        name: String,
        /// The part.
        part: String,
    },
    /// Defined measures are sums of each other in a cycle.
    #[error("measures are sums of each other in a cycle: {}", cycle.join(" -> "))]
    MeasureCycle {
        /// The measure names around the cycle, starting and ending with the same one.
        cycle: Vec<String>,
    },
    /// A statement with a speaker's form but no speaker.
    #[error("statement `{statement}` has no speaker but its form is {form}; use form unattributed")]
    MissingSpeaker {
        /// The statement.
        statement: String,
        /// Its form.
        form: String,
    },
    /// A claim about an event its statement does not speak of (nor any event containing it).
    #[error("claim `{claim}` is about event `{event}`, but statement `{statement}` speaks only of {}", about.join(", "))]
    NotAbout {
        /// The claim.
        claim: String,
        /// The event it is about.
        event: String,
        /// The statement making it.
        statement: String,
        /// The events the statement speaks of: the first eight, then `… and N more`.
        about: Vec<String>,
    },
    /// A statement made before the event it reports on had begun (and the event was not
    /// scheduled).
    #[error(
        "statement `{statement}` (made by {made}) cannot report on event `{event}`, which began {began}"
    )]
    BeforeEvent {
        /// The statement.
        statement: String,
        /// The event.
        event: String,
        /// The latest the statement was made, RFC 3339.
        made: String,
        /// The earliest the event began, RFC 3339.
        began: String,
    },
    /// A claim denies itself or another claim of its own statement.
    #[error("claim `{claim}` denies claim `{denied}` of its own statement")]
    SelfDenial {
        /// The denying claim.
        claim: String,
        /// The claim denied.
        denied: String,
    },
    /// A relative claim compares with a quantity the dossier cannot hold: its event or
    /// its party is unknown.
    #[error("relative claim `{claim}` compares with {quantity}, but {missing} is unknown")]
    UnknownQuantity {
        /// The relative claim.
        claim: String,
        /// The quantity compared with, as `event/measure/whose/category`.
        quantity: String,
        /// What is unknown: "event `x`" or "actor `y`".
        missing: String,
    },
    /// A relative claim compares a quantity with itself.
    #[error("relative claim `{claim}` compares {quantity} with itself")]
    RelativeToItself {
        /// The relative claim.
        claim: String,
        /// The quantity, as `event/measure/whose/category`.
        quantity: String,
    },
    /// A statement revises one that came after it.
    #[error(
        "statement `{statement}` (made by {made}) cannot revise statement `{revised}`, made from {revised_from} on"
    )]
    RevisesLater {
        /// The revising statement.
        statement: String,
        /// The statement it says it revises.
        revised: String,
        /// The latest the revising statement was made, RFC 3339.
        made: String,
        /// The earliest the revised statement was made, RFC 3339.
        revised_from: String,
    },
    /// Statements revise or cite each other in a cycle.
    #[error("statements {link} each other in a cycle: {}", cycle.join(" -> "))]
    LinkCycle {
        /// The kind of link.
        link: StatementLink,
        /// The statement ids around the cycle, starting and ending with the same one.
        cycle: Vec<String>,
    },
    /// A count's status contradicts its estimate or its own words.
    #[error("count claim `{claim}` is {status} but its estimate is {estimate:?}: {why}")]
    StatusContradiction {
        /// The claim.
        claim: String,
        /// The status in effect.
        status: String,
        /// The estimate's words.
        estimate: String,
        /// Why the two cannot both hold.
        why: StatusConflict,
    },
    /// One alias or name means two actors.
    #[error("name {name:?} means both `{first}` and `{second}`")]
    AmbiguousName {
        /// The name.
        name: String,
        /// One actor.
        first: String,
        /// The other.
        second: String,
    },
}

/// A link from one statement to others.
///
/// ```
/// use contested::error::StatementLink;
///
/// assert_eq!(StatementLink::Revises.to_string(), "revise");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum StatementLink {
    /// [`Statement::revises`](crate::Statement::revises).
    Revises,
    /// [`Statement::cites`](crate::Statement::cites).
    Cites,
}

impl std::fmt::Display for StatementLink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            StatementLink::Revises => "revise",
            StatementLink::Cites => "cite",
        })
    }
}

/// Every problem found in a dossier: validation reports them all at once, not the first.
///
/// ```
/// use contested::{Dossier, Event, EventKind};
///
/// let errs = Dossier::builder()
///     .event(Event::new("e", "E", EventKind::Clash).with_side("x").within("nowhere"))
///     .build()
///     .unwrap_err();
/// assert_eq!(errs.errors().len(), 2);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub struct ValidationErrors(pub(crate) Vec<ValidationError>);

impl ValidationErrors {
    /// The problems, in document order.
    ///
    /// ```
    /// # use contested::{Dossier, Event, EventKind};
    /// let errs = Dossier::builder().event(Event::new("", "E", EventKind::Clash)).build().unwrap_err();
    /// assert_eq!(errs.errors()[0].path, "events[0].id");
    /// ```
    pub fn errors(&self) -> &[ValidationError] {
        &self.0
    }
}

impl std::fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.0.len();
        write!(
            f,
            "{n} problem{} in dossier:",
            if n == 1 { "" } else { "s" }
        )?;
        for e in &self.0 {
            write!(f, "\n  {e}")?;
        }
        Ok(())
    }
}

/// A dossier file that could not be loaded.
///
/// ```
/// use contested::{Dossier, LoadError};
///
/// let err = Dossier::from_json(r#"{"actors": [{"id": "a", "name": "A", "kind": "planet"}]}"#).unwrap_err();
/// match &err {
///     LoadError::Json { path, .. } => assert_eq!(path, "actors[0].kind"),
///     other => panic!("unexpected {other}"),
/// }
/// ```
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum LoadError {
    /// The text is not JSON, or a field does not have the expected shape. An unknown
    /// field or variant is printed with the closest known name ([`with_hint`]).
    #[error("{path}: {} (line {line}, column {column})", with_hint(message))]
    Json {
        /// The JSON path of the field at fault (`.` for the document itself).
        path: String,
        /// What serde reported.
        message: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// Not JSON, wrong shape or value, or cut short. serde's error is not kept as a
        /// [`source`](std::error::Error::source): its text is `message` (and the
        /// position), which a reporter printing the chain would print twice.
        category: JsonCategory,
    },
    /// The JSON is well formed but the dossier is not valid.
    #[error(transparent)]
    Invalid(#[from] ValidationErrors),
    /// The file could not be read. The cause is the [`source`](std::error::Error::source),
    /// not repeated in the message.
    #[error("cannot read {path}")]
    Io {
        /// The file's path.
        path: String,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The input is not UTF-8: the position of the first bad byte.
    #[error("invalid UTF-8 at line {line}, column {column} (byte offset {offset})")]
    Utf8 {
        /// 1-based line.
        line: usize,
        /// 1-based column, in bytes from the line's start.
        column: usize,
        /// 0-based offset of the first bad byte in the input.
        offset: usize,
    },
    /// The input is longer than [`LoadOptions::max_bytes`](crate::dossier::LoadOptions::max_bytes);
    /// reading stopped there.
    #[error("input is larger than the limit of {limit} bytes")]
    TooLarge {
        /// The limit in force, in bytes.
        limit: u64,
    },
}

/// Any error of this crate, for `?`.
///
/// ```
/// fn load() -> Result<contested::Dossier, contested::Error> {
///     let d = contested::Dossier::from_json("{}")?;
///     Ok(d)
/// }
/// assert!(load()?.statements().is_empty());
/// # Ok::<(), contested::Error>(())
/// ```
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum Error {
    /// A count range.
    #[error(transparent)]
    Range(#[from] RangeError),
    /// A time window.
    #[error(transparent)]
    Window(#[from] WindowError),
    /// An id.
    #[error(transparent)]
    Id(#[from] IdError),
    /// An estimate phrase.
    #[error(transparent)]
    Estimate(#[from] crate::estimate::ParseEstimateError),
    /// A vocabulary name (measure, kind, form, ...).
    #[error(transparent)]
    Name(#[from] NameError),
    /// Dossier validation.
    #[error(transparent)]
    Validation(#[from] ValidationErrors),
    /// Loading a dossier.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// A timestamp that is not RFC 3339 (from `str::parse::<DateTime<FixedOffset>>`);
    /// chrono's reason is the [`source`](std::error::Error::source).
    #[error("not an RFC 3339 timestamp")]
    Time(#[from] chrono::ParseError),
    /// Streaming JSON Lines ingest.
    #[error(transparent)]
    Ingest(#[from] crate::ingest::IngestError),
    /// Building a bulk ledger.
    #[error(transparent)]
    Bulk(#[from] crate::reconcile::bulk::BulkError),
    /// Generating a synthetic corpus.
    #[cfg(feature = "corpus")]
    #[cfg_attr(docsrs, doc(cfg(feature = "corpus")))]
    #[error(transparent)]
    Corpus(#[from] crate::corpus::CorpusError),
}

/// serde's message for an unknown field or variant, with the closest known name instead
/// of the list when one is close: "unknown field `breakdwon`, did you mean `breakdown`?".
/// Any other message is returned as it is.
///
/// [`LoadError::Json`] and [`IngestError::Json`](crate::ingest::IngestError::Json) print
/// their messages through it.
///
/// ```
/// use contested::error::with_hint;
///
/// let serde = "unknown field `breakdwon`, expected one of `measure`, `whose`, `breakdown`";
/// assert_eq!(with_hint(serde), "unknown field `breakdwon`, did you mean `breakdown`?");
/// assert_eq!(with_hint("unknown field `zzz`, expected `id`"), "unknown field `zzz`, expected `id`");
/// ```
pub fn with_hint(message: &str) -> String {
    hint(message).unwrap_or_else(|| message.to_owned())
}

fn hint(message: &str) -> Option<String> {
    let (head, expected) = message.split_once(", expected ")?;
    let what = ["unknown field `", "unknown variant `"]
        .into_iter()
        .find(|p| head.starts_with(p))?;
    let given = head.strip_prefix(what)?.strip_suffix('`')?;
    let best = expected
        .split('`')
        .skip(1)
        .step_by(2)
        .map(|known| (distance(given, known), known))
        .min()?;
    let limit = (given.chars().count() / 3).max(2);
    (best.0 <= limit).then(|| format!("{head}, did you mean `{}`?", best.1))
}

/// Edit distance counting a swap of two neighbours as one edit (optimal string alignment).
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for (i, row) in d.chunks_mut(w).enumerate() {
        row[0] = i;
    }
    for (j, cell) in d.iter_mut().take(w).enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[(i - 1) * w + j] + 1)
                .min(d[i * w + j - 1] + 1)
                .min(d[(i - 1) * w + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[(i - 2) * w + j - 2] + 1);
            }
            d[i * w + j] = v;
        }
    }
    d[a.len() * w + b.len()]
}

#[cfg(test)]
mod tests {
    use super::{distance, with_hint};

    #[test]
    fn distance_counts_swaps_as_one() {
        assert_eq!(distance("breakdwon", "breakdown"), 1);
        assert_eq!(distance("side", "sides"), 1);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("part-of", "part_of"), 1);
    }

    #[test]
    fn hints_only_close_names() {
        assert_eq!(
            with_hint("unknown variant `clsh`, expected one of `clash`, `war`"),
            "unknown variant `clsh`, did you mean `clash`?"
        );
        let far = "unknown field `colour`, expected one of `id`, `name`";
        assert_eq!(with_hint(far), far);
        assert_eq!(with_hint("missing field `id`"), "missing field `id`");
        assert_eq!(
            with_hint("unknown field `x`, there are no fields"),
            "unknown field `x`, there are no fields"
        );
    }
}
