//! The dossier: a validated container of actors, events, statements (with their claims)
//! and mediators, which round-trips through JSON.
//!
//! ```
//! use contested::{Actor, ActorKind, Category, Claim, Dossier, Estimate, Event, EventKind,
//!     Measure, Statement, TimeWindow, Whose};
//!
//! let made = TimeWindow::instant("2022-09-13T12:00:00+04:00".parse()?);
//! let dossier = Dossier::builder()
//!     .actor(Actor::new("azerbaijan", "Azerbaijan", ActorKind::State))
//!     .actor(Actor::new("az-mod", "Azerbaijani Defense Ministry", ActorKind::GovernmentBody).part_of("azerbaijan"))
//!     .event(Event::new("clash", "Border clashes", EventKind::Clash))
//!     .statement(Statement::new("az-1", "az-mod", made).about("clash").claim(
//!         Claim::count("az-killed", "clash", Measure::Killed, Whose::party("azerbaijan"),
//!             Category::Military, Estimate::exact(50))))
//!     .build()?;
//! assert_eq!(dossier.party_of(&"az-mod".into()).map(|a| a.id.as_str()), Some("azerbaijan"));
//! let again = Dossier::from_json(&dossier.to_json())?;
//! assert_eq!(again, dossier);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::actor::Actor;
use crate::claim::{Claim, ClaimBody, Measure};
use crate::error::{IdKind, LoadError, Problem, StatusConflict, ValidationError, ValidationErrors};
use crate::event::{Event, Occurrence};
use crate::excerpt::excerpt;
use crate::id::{ActorId, ClaimId, EventId, StatementId};
use crate::mediator::Mediator;
use crate::statement::{Form, Statement};

/// The plain data of a dossier, as it is written in JSON. [`Dossier`] is this, validated.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct DossierData {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    source: Option<String>,
    #[serde(default, deserialize_with = "crate::objects::list")]
    actors: Vec<Actor>,
    #[serde(default, deserialize_with = "crate::objects::list")]
    events: Vec<Event>,
    #[serde(default, deserialize_with = "crate::objects::list")]
    statements: Vec<Statement>,
    #[serde(default, deserialize_with = "crate::objects::list")]
    mediators: Vec<Mediator>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "crate::objects::list"
    )]
    measures: Vec<crate::measure::MeasureDef>,
}

/// A validated collection of actors, events, statements and mediators.
///
/// # Invariants
///
/// Every id is well formed and unique within its kind (claim ids across the whole
/// dossier), every reference resolves, actor nesting and event parenthood are acyclic,
/// no relay chain loops, and every claim is about an event its statement can speak of.
/// Both ways in, [`Dossier::builder`] and deserialization, check all of this once.
///
/// Equality compares content in order; two dossiers holding the same items in another
/// order are different dossiers but reconcile to the same result.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(try_from = "DossierData", into = "DossierData")]
pub struct Dossier {
    data: DossierData,
    index: Index,
}

impl PartialEq for Dossier {
    fn eq(&self, other: &Self) -> bool {
        self.data == other.data
    }
}

impl Eq for Dossier {}

#[derive(Debug, Clone, Default)]
struct Index {
    actors: HashMap<ActorId, usize>,
    events: HashMap<EventId, usize>,
    statements: HashMap<StatementId, usize>,
    claims: HashMap<ClaimId, (usize, usize)>,
    /// For each actor, the index of its outermost actor.
    party: Vec<usize>,
    /// For each event, the index of the event it is a component of.
    eparent: Vec<Option<usize>>,
    names: HashMap<String, usize>,
    /// The names of the measures the dossier defines.
    measures: std::collections::HashSet<String>,
}

impl TryFrom<DossierData> for Dossier {
    type Error = ValidationErrors;
    fn try_from(data: DossierData) -> Result<Self, ValidationErrors> {
        let index = validate(&data)?;
        Ok(Dossier { data, index })
    }
}

impl From<Dossier> for DossierData {
    fn from(d: Dossier) -> Self {
        d.data
    }
}

impl Default for Dossier {
    /// The empty dossier.
    fn default() -> Self {
        Dossier {
            data: DossierData::default(),
            index: Index::default(),
        }
    }
}

/// Builds a [`Dossier`]; items may be added in any order, and [`build`](Self::build)
/// validates once.
///
/// ```
/// use contested::{Actor, ActorKind, Dossier};
///
/// let d = Dossier::builder()
///     .title("Border clashes, 2022-09-13")
///     .actor(Actor::new("am-mod", "Armenian Defense Ministry", ActorKind::GovernmentBody).part_of("armenia"))
///     .actor(Actor::new("armenia", "Armenia", ActorKind::State))
///     .build()?;
/// assert_eq!(d.actors().len(), 2);
/// # Ok::<(), contested::ValidationErrors>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct DossierBuilder {
    data: DossierData,
}

impl DossierBuilder {
    /// Sets the title.
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.data.title = Some(title.into());
        self
    }

    /// Sets the source (publication, URL, or free text).
    pub fn source(mut self, source: impl Into<String>) -> Self {
        self.data.source = Some(source.into());
        self
    }

    /// Adds an actor.
    pub fn actor(mut self, actor: Actor) -> Self {
        self.data.actors.push(actor);
        self
    }

    /// Adds an event.
    pub fn event(mut self, event: Event) -> Self {
        self.data.events.push(event);
        self
    }

    /// Adds a statement with its claims.
    pub fn statement(mut self, statement: Statement) -> Self {
        self.data.statements.push(statement);
        self
    }

    /// With one more defined measure (see [`crate::measure`]).
    ///
    /// ```
    /// # use contested::{Dossier, MeasureDef};
    /// let d = Dossier::builder().measure(MeasureDef::new("bodies_handed_over")).build()?;
    /// assert_eq!(d.measures().len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn measure(mut self, measure: crate::measure::MeasureDef) -> Self {
        self.data.measures.push(measure);
        self
    }

    /// Adds a mediator.
    pub fn mediator(mut self, mediator: Mediator) -> Self {
        self.data.mediators.push(mediator);
        self
    }

    /// Validates and builds.
    ///
    /// # Errors
    ///
    /// Every problem found, each with its JSON path (see [`Problem`]).
    pub fn build(self) -> Result<Dossier, ValidationErrors> {
        Dossier::try_from(self.data)
    }
}

impl Dossier {
    /// A builder for a new dossier.
    ///
    /// ```
    /// # use contested::Dossier;
    /// assert!(Dossier::builder().build()?.actors().is_empty());
    /// # Ok::<(), contested::ValidationErrors>(())
    /// ```
    pub fn builder() -> DossierBuilder {
        DossierBuilder::default()
    }

    /// A builder holding this dossier's items, to add more and validate again.
    ///
    /// ```
    /// # use contested::{Actor, ActorKind, Dossier};
    /// let d = Dossier::default().to_builder().actor(Actor::new("a", "A", ActorKind::State)).build()?;
    /// assert_eq!(d.actors().len(), 1);
    /// # Ok::<(), contested::ValidationErrors>(())
    /// ```
    pub fn to_builder(&self) -> DossierBuilder {
        DossierBuilder {
            data: self.data.clone(),
        }
    }

    /// Reads and validates a dossier from JSON.
    ///
    /// # Errors
    ///
    /// [`LoadError::Json`] with the JSON path, line and column of a malformed field, or
    /// [`LoadError::Invalid`] listing every validation problem.
    ///
    /// ```
    /// # use contested::{Dossier, LoadError};
    /// let err = Dossier::from_json(r#"{"events":[{"id":"e","name":"E","kind":"clash","parent":"x"}]}"#).unwrap_err();
    /// assert!(matches!(err, LoadError::Invalid(_)));
    /// assert_eq!(err.to_string(), "1 problem in dossier:\n  events[0].parent: unknown event `x`");
    /// ```
    pub fn from_json(json: &str) -> Result<Dossier, LoadError> {
        // A leading byte-order mark (as Windows editors write) is not part of the JSON.
        let json = json.strip_prefix('\u{FEFF}').unwrap_or(json);
        let mut de = serde_json::Deserializer::from_str(json);
        let ObjectOnly(data) = serde_path_to_error::deserialize(&mut de).map_err(json_error)?;
        de.end().map_err(|e| LoadError::Json {
            path: ".".to_owned(),
            line: e.line(),
            column: e.column(),
            message: strip_position(&e.to_string()),
            category: crate::error::JsonCategory::of(&e),
        })?;
        Ok(Dossier::try_from(data)?)
    }

    /// Reads and validates a dossier from a JSON file.
    ///
    /// # Errors
    ///
    /// As [`from_json`](Self::from_json), plus [`LoadError::Io`] when the file cannot be read.
    ///
    /// ```no_run
    /// let d = contested::Dossier::from_json_file("examples/data/armenia_azerbaijan_2022-09-13.json")?;
    /// # Ok::<(), contested::LoadError>(())
    /// ```
    pub fn from_json_file(path: impl AsRef<std::path::Path>) -> Result<Dossier, LoadError> {
        Dossier::from_json_file_with(path, &LoadOptions::default())
    }

    /// Reads and validates a dossier from a JSON file, under `options`.
    ///
    /// # Errors
    ///
    /// As [`from_reader_with`](Self::from_reader_with), with the file's path in
    /// [`LoadError::Io`].
    ///
    /// ```no_run
    /// use contested::{Dossier, dossier::LoadOptions};
    ///
    /// let options = LoadOptions::default().max_bytes(LoadOptions::COMMAND_LINE_MAX_BYTES);
    /// let d = Dossier::from_json_file_with("examples/data/armenia_azerbaijan_2022-09-13.json", &options)?;
    /// # Ok::<(), contested::LoadError>(())
    /// ```
    pub fn from_json_file_with(
        path: impl AsRef<std::path::Path>,
        options: &LoadOptions,
    ) -> Result<Dossier, LoadError> {
        let path = path.as_ref();
        let file = std::fs::File::open(path).map_err(|source| LoadError::Io {
            path: path.display().to_string(),
            source,
        })?;
        let bytes = read_limited(file, options, &path.display().to_string())?;
        Dossier::from_json_bytes(&bytes)
    }

    /// Reads and validates a dossier from any reader (a file, standard input, a socket),
    /// refusing input longer than [`LoadOptions::max_bytes`] without reading more than one
    /// byte past the limit.
    ///
    /// The input must be UTF-8 (an error gives the line and column of the first bad
    /// byte); a leading byte-order mark is skipped.
    ///
    /// # Errors
    ///
    /// [`LoadError::TooLarge`] past the limit, [`LoadError::Utf8`] for bytes that are not
    /// UTF-8, [`LoadError::Io`] (path `<reader>`) when reading fails, and otherwise as
    /// [`from_json`](Self::from_json).
    ///
    /// ```
    /// use contested::{Dossier, LoadError, dossier::LoadOptions};
    ///
    /// let d = Dossier::from_reader_with(&b"\xEF\xBB\xBF{}"[..], &LoadOptions::default())?;
    /// assert!(d.statements().is_empty());
    ///
    /// let small = LoadOptions::default().max_bytes(4);
    /// let err = Dossier::from_reader_with(&b"{ \"actors\": [] }"[..], &small).unwrap_err();
    /// assert!(matches!(err, LoadError::TooLarge { limit: 4 }));
    ///
    /// let err = Dossier::from_reader_with(&b"{\n  \"title\": \"\xFF\"}"[..], &LoadOptions::default()).unwrap_err();
    /// assert_eq!(err.to_string(), "invalid UTF-8 at line 2, column 13 (byte offset 14)");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_reader_with(
        reader: impl std::io::Read,
        options: &LoadOptions,
    ) -> Result<Dossier, LoadError> {
        let bytes = read_limited(reader, options, "<reader>")?;
        Dossier::from_json_bytes(&bytes)
    }

    fn from_json_bytes(bytes: &[u8]) -> Result<Dossier, LoadError> {
        let text = std::str::from_utf8(bytes).map_err(|e| utf8_error(bytes, e.valid_up_to()))?;
        Dossier::from_json(text)
    }

    /// The dossier as pretty-printed JSON, which [`from_json`](Self::from_json) reads back
    /// to an equal dossier.
    ///
    /// ```
    /// # use contested::Dossier;
    /// assert_eq!(Dossier::from_json(&Dossier::default().to_json())?, Dossier::default());
    /// # Ok::<(), contested::LoadError>(())
    /// ```
    pub fn to_json(&self) -> String {
        // Serializing plain data with string keys cannot fail.
        serde_json::to_string_pretty(&self.data).unwrap_or_default()
    }

    /// Adds a statement (with its claims), checking only what it touches: its own ids
    /// against the dossier's, its references, its claims, and its links, in time linear
    /// in the statement. The dossier is unchanged when the statement is refused.
    ///
    /// The problems are those [`DossierBuilder::build`] would report for the same
    /// dossier with the statement at the end, with the same paths
    /// (`statements[N]...`, `N` the number of statements before it). Nothing already in
    /// a valid dossier refers to a statement it does not hold, so a new statement can
    /// close no cycle but one through itself, and the checks of the rest still hold.
    ///
    /// # Errors
    ///
    /// Every problem of the statement.
    ///
    /// ```
    /// use contested::{Actor, ActorKind, Dossier, Problem, Statement, TimeWindow};
    ///
    /// let made = TimeWindow::instant("2022-09-13T12:00:00+04:00".parse()?);
    /// let mut d = Dossier::builder().actor(Actor::new("a", "A", ActorKind::State)).build()?;
    /// d.add_statement(Statement::new("s1", "a", made.clone()))?;
    /// let err = d.add_statement(Statement::new("s1", "nobody", made)).unwrap_err();
    /// assert_eq!(err.errors()[0].path, "statements[1].id");
    /// assert!(matches!(err.errors()[1].problem, Problem::UnknownActor { .. }));
    /// assert_eq!(d.statements().len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn add_statement(&mut self, statement: Statement) -> Result<(), ValidationErrors> {
        use crate::error::StatementLink;
        let i = self.data.statements.len();
        let s = &statement;
        let mut ck = Checker { errors: Vec::new() };
        let path = format!("statements[{i}].id");
        ck.id_ok(
            path.clone(),
            IdKind::Statement,
            s.id.as_str(),
            s.id.is_well_formed(),
        );
        if let Some(&k) = self.index.statements.get(&s.id) {
            ck.push(
                path,
                Problem::DuplicateId {
                    kind: IdKind::Statement,
                    id: excerpt(s.id.as_str()),
                    first: format!("statements[{k}].id"),
                },
            );
        }
        let mut added: Vec<ClaimId> = Vec::new();
        for (j, c) in s.claims.iter().enumerate() {
            let path = format!("statements[{i}].claims[{j}].id");
            ck.id_ok(
                path.clone(),
                IdKind::Claim,
                c.id.as_str(),
                c.id.is_well_formed(),
            );
            match self.index.claims.entry(c.id.clone()) {
                Entry::Occupied(o) => {
                    let (si, sj) = *o.get();
                    ck.push(
                        path,
                        Problem::DuplicateId {
                            kind: IdKind::Claim,
                            id: excerpt(c.id.as_str()),
                            first: format!("statements[{si}].claims[{sj}].id"),
                        },
                    );
                }
                Entry::Vacant(v) => {
                    // In the index while checking, so a denial of a claim of this very
                    // statement is found (and refused as a self-denial).
                    v.insert((i, j));
                    added.push(c.id.clone());
                }
            }
        }
        // A valid dossier's events have no cycle of parenthood.
        check_statement(
            &mut ck,
            &self.index,
            &self.data,
            &self.index.eparent,
            false,
            i,
            s,
        );
        for link in [StatementLink::Revises, StatementLink::Cites] {
            let (field, targets) = match link {
                StatementLink::Revises => ("revises", &s.revises),
                StatementLink::Cites => ("cites", &s.cites),
            };
            let mut looped = false;
            for (k, t) in targets.iter().enumerate() {
                let path = format!("statements[{i}].{field}[{k}]");
                if *t == s.id {
                    if !looped {
                        looped = true;
                        ck.push(
                            format!("statements[{i}].{field}"),
                            Problem::LinkCycle {
                                link,
                                cycle: vec![s.id.to_string(), s.id.to_string()],
                            },
                        );
                    }
                    continue;
                }
                match self.index.statements.get(t) {
                    None => ck.push(
                        path,
                        Problem::UnknownStatement {
                            id: excerpt(t.as_str()),
                        },
                    ),
                    Some(&ti) => {
                        let earlier = &self.data.statements[ti];
                        if link == StatementLink::Revises
                            && earlier.made.earliest() > s.made.latest()
                        {
                            ck.push(
                                path,
                                Problem::RevisesLater {
                                    statement: s.id.to_string(),
                                    revised: t.to_string(),
                                    made: s.made.latest().to_rfc3339(),
                                    revised_from: earlier.made.earliest().to_rfc3339(),
                                },
                            );
                        }
                    }
                }
            }
        }
        if !ck.errors.is_empty() {
            for id in added {
                self.index.claims.remove(&id);
            }
            return Err(ValidationErrors(ck.errors));
        }
        self.index.statements.insert(statement.id.clone(), i);
        self.data.statements.push(statement);
        Ok(())
    }

    /// Adds an actor, checking only what it touches: its id against the dossier's, the
    /// actor it is part of, and its names against the names already known, in time
    /// linear in the actor. The problems and paths are those of
    /// [`DossierBuilder::build`] with the actor at the end; the dossier is unchanged when
    /// it refuses. Nothing in a valid dossier refers to an actor it does not hold, so
    /// only an actor part of itself can close a cycle.
    ///
    /// # Errors
    ///
    /// Every problem of the actor.
    ///
    /// ```
    /// use contested::{Actor, ActorKind, Dossier};
    ///
    /// let mut d = Dossier::builder().actor(Actor::new("armenia", "Armenia", ActorKind::State)).build()?;
    /// d.add_actor(Actor::new("am-mod", "Armenian Defense Ministry", ActorKind::GovernmentBody).part_of("armenia"))?;
    /// assert_eq!(d.party_of(&"am-mod".into()).map(|a| a.id.as_str()), Some("armenia"));
    /// assert!(d.add_actor(Actor::new("x", "armenia", ActorKind::Other)).is_err()); // a name taken
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn add_actor(&mut self, actor: Actor) -> Result<(), ValidationErrors> {
        let i = self.data.actors.len();
        let a = &actor;
        let mut ck = Checker { errors: Vec::new() };
        let path = format!("actors[{i}].id");
        ck.id_ok(
            path.clone(),
            IdKind::Actor,
            a.id.as_str(),
            a.id.is_well_formed(),
        );
        let duplicate = self.index.actors.get(&a.id).copied();
        if let Some(k) = duplicate {
            ck.push(
                path,
                Problem::DuplicateId {
                    kind: IdKind::Actor,
                    id: excerpt(a.id.as_str()),
                    first: format!("actors[{k}].id"),
                },
            );
        }
        let mut party = i;
        if let Some(p) = &a.part_of {
            if *p == a.id && duplicate.is_none() {
                ck.push(
                    format!("actors[{i}].part_of"),
                    Problem::NestingCycle {
                        cycle: vec![a.id.to_string(), a.id.to_string()],
                    },
                );
            } else {
                ck.actor_ref(&self.index, || format!("actors[{i}].part_of"), p);
                if let Some(&pi) = self.index.actors.get(p) {
                    party = self.index.party[pi];
                }
            }
        }
        let mut new_names: Vec<String> = Vec::new();
        for (k, name) in a.names().enumerate() {
            let key = name.trim().to_ascii_lowercase();
            match self.index.names.get(&key) {
                // As in full validation: a duplicate actor is not also ambiguous with
                // the actor it duplicates.
                Some(&o) if self.data.actors[o].id != a.id => {
                    let path = match k {
                        0 => format!("actors[{i}].id"),
                        1 => format!("actors[{i}].name"),
                        _ => format!("actors[{i}].aliases[{}]", k - 2),
                    };
                    ck.push(
                        path,
                        Problem::AmbiguousName {
                            name: name.to_owned(),
                            first: self.data.actors[o].id.to_string(),
                            second: a.id.to_string(),
                        },
                    );
                }
                Some(_) => {}
                None if !new_names.contains(&key) => new_names.push(key),
                None => {}
            }
        }
        if !ck.errors.is_empty() {
            return Err(ValidationErrors(ck.errors));
        }
        self.index.actors.insert(actor.id.clone(), i);
        self.index.party.push(party);
        for key in new_names {
            self.index.names.insert(key, i);
        }
        self.data.actors.push(actor);
        Ok(())
    }

    /// Adds an event, checking only what it touches: its id against the dossier's, its
    /// sides, context and parent, in time linear in the event. The problems and paths
    /// are those of [`DossierBuilder::build`] with the event at the end; the dossier is
    /// unchanged when it refuses.
    ///
    /// # Errors
    ///
    /// Every problem of the event.
    ///
    /// ```
    /// use contested::{Dossier, Event, EventKind};
    ///
    /// let mut d = Dossier::builder().event(Event::new("war", "The war", EventKind::Other)).build()?;
    /// d.add_event(Event::new("clash", "Border clashes", EventKind::Clash).within("war"))?;
    /// assert!(d.add_event(Event::new("clash", "Again", EventKind::Clash)).is_err());
    /// assert_eq!(d.events().len(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn add_event(&mut self, event: Event) -> Result<(), ValidationErrors> {
        let i = self.data.events.len();
        let e = &event;
        let mut ck = Checker { errors: Vec::new() };
        let path = format!("events[{i}].id");
        ck.id_ok(
            path.clone(),
            IdKind::Event,
            e.id.as_str(),
            e.id.is_well_formed(),
        );
        let duplicate = self.index.events.get(&e.id).copied();
        if let Some(k) = duplicate {
            ck.push(
                path,
                Problem::DuplicateId {
                    kind: IdKind::Event,
                    id: excerpt(e.id.as_str()),
                    first: format!("events[{k}].id"),
                },
            );
        }
        for (k, side) in e.sides.iter().enumerate() {
            ck.actor_ref(&self.index, || format!("events[{i}].sides[{k}]"), side);
        }
        for (k, link) in e.context.iter().enumerate() {
            if link.event != e.id || duplicate.is_some() {
                ck.event_ref(
                    &self.index,
                    || format!("events[{i}].context[{k}].event"),
                    &link.event,
                );
            }
        }
        let mut parent = None;
        if let Some(p) = &e.parent {
            if *p == e.id && duplicate.is_none() {
                ck.push(
                    format!("events[{i}].parent"),
                    Problem::ParentCycle {
                        cycle: vec![e.id.to_string(), e.id.to_string()],
                    },
                );
            } else if ck.event_ref(&self.index, || format!("events[{i}].parent"), p) {
                parent = self.index.events.get(p).copied();
            }
        }
        if !ck.errors.is_empty() {
            return Err(ValidationErrors(ck.errors));
        }
        self.index.events.insert(event.id.clone(), i);
        self.index.eparent.push(parent);
        self.data.events.push(event);
        Ok(())
    }

    /// The title, if set.
    pub fn title(&self) -> Option<&str> {
        self.data.title.as_deref()
    }

    /// The source, if set.
    pub fn source(&self) -> Option<&str> {
        self.data.source.as_deref()
    }

    /// Every actor, in the order given.
    pub fn actors(&self) -> &[Actor] {
        &self.data.actors
    }

    /// Every event, in the order given.
    pub fn events(&self) -> &[Event] {
        &self.data.events
    }

    /// Every statement, in the order given.
    pub fn statements(&self) -> &[Statement] {
        &self.data.statements
    }

    /// The measures the dossier defines (see [`crate::measure`]).
    ///
    /// ```
    /// # use contested::Dossier;
    /// assert!(Dossier::default().measures().is_empty());
    /// ```
    pub fn measures(&self) -> &[crate::measure::MeasureDef] {
        &self.data.measures
    }

    /// The defined measure named `name`, if any.
    ///
    /// ```
    /// # use contested::{Dossier, MeasureDef};
    /// let d = Dossier::builder().measure(MeasureDef::new("detained_briefly")).build()?;
    /// assert!(d.measure_def("detained_briefly").is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn measure_def(&self, name: &str) -> Option<&crate::measure::MeasureDef> {
        self.data.measures.iter().find(|m| m.name == name)
    }

    /// Every mediator, in the order given.
    pub fn mediators(&self) -> &[Mediator] {
        &self.data.mediators
    }

    /// Every claim with the statement that makes it.
    ///
    /// ```
    /// # use contested::Dossier;
    /// assert_eq!(Dossier::default().claims().count(), 0);
    /// ```
    pub fn claims(&self) -> impl Iterator<Item = (&Statement, &Claim)> {
        self.data
            .statements
            .iter()
            .flat_map(|s| s.claims.iter().map(move |c| (s, c)))
    }

    /// The actor with this id.
    pub fn actor(&self, id: &ActorId) -> Option<&Actor> {
        self.index.actors.get(id).map(|&i| &self.data.actors[i])
    }

    /// The event with this id.
    pub fn event(&self, id: &EventId) -> Option<&Event> {
        self.index.events.get(id).map(|&i| &self.data.events[i])
    }

    /// The statement with this id.
    pub fn statement(&self, id: &StatementId) -> Option<&Statement> {
        self.index
            .statements
            .get(id)
            .map(|&i| &self.data.statements[i])
    }

    /// The claim with this id and the statement that makes it.
    ///
    /// ```
    /// # use contested::Dossier;
    /// assert!(Dossier::default().claim(&"nope".into()).is_none());
    /// ```
    pub fn claim(&self, id: &ClaimId) -> Option<(&Statement, &Claim)> {
        self.index.claims.get(id).map(|&(s, c)| {
            let st = &self.data.statements[s];
            (st, &st.claims[c])
        })
    }

    /// The mediator record of this actor.
    pub fn mediator(&self, actor: &ActorId) -> Option<&Mediator> {
        self.data.mediators.iter().find(|m| &m.actor == actor)
    }

    /// The party an actor belongs to: the outermost actor of its nesting chain (itself
    /// when it nests in nothing). `None` for an unknown id.
    ///
    /// ```
    /// # use contested::{Actor, ActorKind, Dossier};
    /// let d = Dossier::builder()
    ///     .actor(Actor::new("un", "United Nations", ActorKind::Intergovernmental))
    ///     .actor(Actor::new("un-sg", "UN Secretary-General", ActorKind::Person).part_of("un"))
    ///     .actor(Actor::new("spox", "his spokesman", ActorKind::Person).speaks_for("un-sg"))
    ///     .build()?;
    /// assert_eq!(d.party_of(&"spox".into()).unwrap().id.as_str(), "un");
    /// # Ok::<(), contested::ValidationErrors>(())
    /// ```
    pub fn party_of(&self, actor: &ActorId) -> Option<&Actor> {
        let &i = self.index.actors.get(actor)?;
        Some(&self.data.actors[self.index.party[i]])
    }

    /// The actor a name means: an id, a name or an alias, ignoring ASCII case.
    ///
    /// ```
    /// # use contested::{Actor, ActorKind, Dossier};
    /// let d = Dossier::builder().actor(Actor::new("russia", "Russia", ActorKind::State).with_alias("Moscow")).build()?;
    /// assert_eq!(d.resolve("moscow").unwrap().id.as_str(), "russia");
    /// assert!(d.resolve("Kremlin").is_none());
    /// # Ok::<(), contested::ValidationErrors>(())
    /// ```
    pub fn resolve(&self, name: &str) -> Option<&Actor> {
        let key = name.trim().to_ascii_lowercase();
        self.index.names.get(&key).map(|&i| &self.data.actors[i])
    }
}

/// A dossier read only from a JSON object. serde's struct derive would also read a
/// JSON array of the fields in order (so `[]` was an empty dossier), which no user of a
/// file format expects.
struct ObjectOnly(DossierData);

impl<'de> Deserialize<'de> for ObjectOnly {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Object;
        impl<'de> serde::de::Visitor<'de> for Object {
            type Value = DossierData;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(
                    "a dossier: a JSON object with actors, events, statements and mediators",
                )
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<DossierData, A::Error> {
                DossierData::deserialize(serde::de::value::MapAccessDeserializer::new(map))
            }
        }
        d.deserialize_map(Object).map(ObjectOnly)
    }
}

/// How to load a dossier or a JSON Lines stream: today, how much to read at most.
///
/// The library's default is no limit; a program reading files from others should set
/// one. The command line applies [`COMMAND_LINE_MAX_BYTES`](Self::COMMAND_LINE_MAX_BYTES)
/// (256 MiB) unless told otherwise, so reading `/dev/zero` ends with an error instead of
/// exhausting memory.
///
/// ```
/// use contested::dossier::LoadOptions;
///
/// let options = LoadOptions::default().max_bytes(1 << 20);
/// assert_eq!(options.limit(), Some(1 << 20));
/// assert_eq!(LoadOptions::default().limit(), None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub struct LoadOptions {
    /// The most bytes to read (`None`: no limit).
    pub max_bytes: Option<u64>,
}

impl LoadOptions {
    /// The limit the command line applies by default: 256 MiB, far above any real
    /// dossier (the 100,000-claim benchmark corpus is about 25 MB).
    pub const COMMAND_LINE_MAX_BYTES: u64 = 256 << 20;

    /// Refuses input longer than `limit` bytes.
    ///
    /// ```
    /// # use contested::dossier::LoadOptions;
    /// assert_eq!(LoadOptions::default().max_bytes(10).max_bytes, Some(10));
    /// ```
    #[must_use]
    pub fn max_bytes(mut self, limit: u64) -> Self {
        self.max_bytes = Some(limit);
        self
    }

    /// The limit in force, if any.
    ///
    /// ```
    /// # use contested::dossier::LoadOptions;
    /// assert_eq!(LoadOptions::default().limit(), None);
    /// ```
    pub fn limit(&self) -> Option<u64> {
        self.max_bytes
    }
}

/// Reads all of `reader`, or fails once it has given more than the limit.
fn read_limited(
    reader: impl std::io::Read,
    options: &LoadOptions,
    path: &str,
) -> Result<Vec<u8>, LoadError> {
    use std::io::Read as _;
    let mut bytes = Vec::new();
    let io = |source| LoadError::Io {
        path: path.to_owned(),
        source,
    };
    match options.max_bytes {
        Some(limit) => {
            reader
                .take(limit.saturating_add(1))
                .read_to_end(&mut bytes)
                .map_err(io)?;
            if bytes.len() as u64 > limit {
                return Err(LoadError::TooLarge { limit });
            }
        }
        None => {
            let mut reader = reader;
            reader.read_to_end(&mut bytes).map_err(io)?;
        }
    }
    Ok(bytes)
}

/// The line and column of byte `offset`, for an input that stops being UTF-8 there.
pub(crate) fn utf8_error(bytes: &[u8], offset: usize) -> LoadError {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    LoadError::Utf8 {
        line,
        column: offset - line_start + 1,
        offset,
    }
}

fn json_error(e: serde_path_to_error::Error<serde_json::Error>) -> LoadError {
    let path = json_path(e.path());
    let inner = e.into_inner();
    LoadError::Json {
        path,
        line: inner.line(),
        column: inner.column(),
        message: strip_position(&inner.to_string()),
        category: crate::error::JsonCategory::of(&inner),
    }
}

/// A path as the errors document it: serde_path_to_error writes `?` for a place it could
/// not name (text cut short after a value, before the next key); such trailing places
/// are left out, so the path is the last container named, or `.` for the document.
pub(crate) fn json_path(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let segments: Vec<&Segment> = path.iter().collect();
    let known = segments
        .iter()
        .rposition(|s| !matches!(s, Segment::Unknown))
        .map_or(0, |i| i + 1);
    if known == 0 {
        return ".".to_owned();
    }
    let mut out = String::new();
    for (i, s) in segments[..known].iter().enumerate() {
        if i > 0 && !matches!(s, Segment::Seq { .. }) {
            out.push('.');
        }
        out.push_str(&s.to_string());
    }
    out
}

/// serde_json appends " at line L column C"; the error keeps those as fields instead.
/// serde's messages echo the input (`unknown variant `...``, `invalid type: string
/// "..."`), so a long message is cut to an excerpt with its length.
pub(crate) fn strip_position(msg: &str) -> String {
    let msg = match msg.rfind(" at line ") {
        Some(i) => &msg[..i],
        None => msg,
    };
    crate::excerpt::excerpt_of(msg, MESSAGE_CHARS)
}

/// The longest serde message kept whole: room for the list of expected variants.
const MESSAGE_CHARS: usize = 400;

struct Checker {
    errors: Vec<ValidationError>,
}

impl Checker {
    fn push(&mut self, path: impl Into<String>, problem: Problem) {
        self.errors.push(ValidationError {
            path: path.into(),
            problem,
        });
    }

    fn id_ok(&mut self, path: String, kind: IdKind, id: &str, well_formed: bool) {
        if !well_formed {
            self.push(
                path,
                Problem::MalformedId {
                    kind,
                    id: excerpt(id),
                },
            );
        }
    }

    fn actor_ref(&mut self, index: &Index, path: impl FnOnce() -> String, id: &ActorId) {
        if !index.actors.contains_key(id) {
            self.push(
                path(),
                Problem::UnknownActor {
                    id: excerpt(id.as_str()),
                },
            );
        }
    }

    /// A defined measure a claim counts is in the dossier's registry.
    fn measure_ref(&mut self, index: &Index, path: impl FnOnce() -> String, m: &Measure) {
        if let Measure::Defined(name) = m
            && !index.measures.contains(name)
        {
            self.push(
                path(),
                Problem::UnknownMeasure {
                    name: excerpt(name),
                },
            );
        }
    }

    fn event_ref(&mut self, index: &Index, path: impl FnOnce() -> String, id: &EventId) -> bool {
        let known = index.events.contains_key(id);
        if !known {
            self.push(
                path(),
                Problem::UnknownEvent {
                    id: excerpt(id.as_str()),
                },
            );
        }
        known
    }
}

/// Registers `id` at `path`, reporting a duplicate against the first holder.
fn register<K: std::hash::Hash + Eq + std::fmt::Display, V: Copy>(
    map: &mut HashMap<K, V>,
    first_paths: &mut HashMap<String, String>,
    checker: &mut Checker,
    kind: IdKind,
    id: K,
    value: V,
    path: String,
) {
    let key = format!("{kind}\u{0}{id}");
    match map.entry(id) {
        Entry::Occupied(o) => {
            let first = first_paths.get(&key).cloned().unwrap_or_default();
            checker.push(
                path,
                Problem::DuplicateId {
                    kind,
                    id: excerpt(&o.key().to_string()),
                    first,
                },
            );
        }
        Entry::Vacant(v) => {
            v.insert(value);
            first_paths.insert(key, path);
        }
    }
}

/// For a forest given by parent links, the root of every node, and every cycle found
/// (as node indices, first repeated last). Runs in linear time, without recursion, so a
/// nesting chain of any depth is safe.
pub(crate) fn roots(parent: &[Option<usize>]) -> (Vec<usize>, Vec<Vec<usize>>) {
    const NEW: u8 = 0;
    const ON_PATH: u8 = 1;
    const DONE: u8 = 2;
    let n = parent.len();
    let mut state = vec![NEW; n];
    let mut root: Vec<usize> = (0..n).collect();
    let mut cycles = Vec::new();
    let mut path = Vec::new();
    for start in 0..n {
        if state[start] != NEW {
            continue;
        }
        path.clear();
        let mut cur = start;
        let found_root = loop {
            match state[cur] {
                DONE => break root[cur],
                ON_PATH => {
                    // A cycle: from the first visit of `cur` to the end of the path.
                    let from = path.iter().position(|&p| p == cur).unwrap_or(0);
                    let mut cycle: Vec<usize> = path[from..].to_vec();
                    cycle.push(cur);
                    cycles.push(cycle);
                    break cur;
                }
                _ => {
                    state[cur] = ON_PATH;
                    path.push(cur);
                    match parent[cur] {
                        Some(p) => cur = p,
                        None => break cur,
                    }
                }
            }
        };
        for &p in &path {
            state[p] = DONE;
            root[p] = found_root;
        }
    }
    (root, cycles)
}

fn validate(data: &DossierData) -> Result<Index, ValidationErrors> {
    let mut ck = Checker { errors: Vec::new() };
    let mut index = Index::default();
    let mut first = HashMap::new();
    index.measures = data.measures.iter().map(|m| m.name.clone()).collect();

    // Ids: well formed and unique.
    for (i, a) in data.actors.iter().enumerate() {
        let path = format!("actors[{i}].id");
        ck.id_ok(
            path.clone(),
            IdKind::Actor,
            a.id.as_str(),
            a.id.is_well_formed(),
        );
        register(
            &mut index.actors,
            &mut first,
            &mut ck,
            IdKind::Actor,
            a.id.clone(),
            i,
            path,
        );
    }
    for (i, e) in data.events.iter().enumerate() {
        let path = format!("events[{i}].id");
        ck.id_ok(
            path.clone(),
            IdKind::Event,
            e.id.as_str(),
            e.id.is_well_formed(),
        );
        register(
            &mut index.events,
            &mut first,
            &mut ck,
            IdKind::Event,
            e.id.clone(),
            i,
            path,
        );
    }
    for (i, s) in data.statements.iter().enumerate() {
        let path = format!("statements[{i}].id");
        ck.id_ok(
            path.clone(),
            IdKind::Statement,
            s.id.as_str(),
            s.id.is_well_formed(),
        );
        register(
            &mut index.statements,
            &mut first,
            &mut ck,
            IdKind::Statement,
            s.id.clone(),
            i,
            path,
        );
        for (j, c) in s.claims.iter().enumerate() {
            let path = format!("statements[{i}].claims[{j}].id");
            ck.id_ok(
                path.clone(),
                IdKind::Claim,
                c.id.as_str(),
                c.id.is_well_formed(),
            );
            register(
                &mut index.claims,
                &mut first,
                &mut ck,
                IdKind::Claim,
                c.id.clone(),
                (i, j),
                path,
            );
        }
    }
    let mut mediators: HashMap<ActorId, usize> = HashMap::new();
    for (i, m) in data.mediators.iter().enumerate() {
        let path = format!("mediators[{i}].actor");
        register(
            &mut mediators,
            &mut first,
            &mut ck,
            IdKind::Mediator,
            m.actor.clone(),
            i,
            path,
        );
    }

    // Actors: nesting resolves, has no cycle; names are unambiguous.
    let mut parent = Vec::with_capacity(data.actors.len());
    for (i, a) in data.actors.iter().enumerate() {
        parent.push(match &a.part_of {
            Some(p) => {
                ck.actor_ref(&index, || format!("actors[{i}].part_of"), p);
                index.actors.get(p).copied()
            }
            None => None,
        });
    }
    let (party, cycles) = roots(&parent);
    for cycle in cycles {
        let first_i = cycle[0];
        ck.push(
            format!("actors[{first_i}].part_of"),
            Problem::NestingCycle {
                cycle: cycle
                    .iter()
                    .map(|&i| data.actors[i].id.to_string())
                    .collect(),
            },
        );
    }
    index.party = party;
    for (i, a) in data.actors.iter().enumerate() {
        for (k, name) in a.names().enumerate() {
            let key = name.trim().to_ascii_lowercase();
            match index.names.entry(key) {
                // A duplicate actor is reported once, as a duplicate, not also as
                // ambiguous with itself.
                Entry::Occupied(o) if *o.get() != i && data.actors[*o.get()].id != a.id => {
                    let path = match k {
                        0 => format!("actors[{i}].id"),
                        1 => format!("actors[{i}].name"),
                        _ if k - 2 < a.aliases.len() => {
                            format!("actors[{i}].aliases[{}]", k - 2)
                        }
                        _ => format!("actors[{i}].holder"),
                    };
                    ck.push(
                        path,
                        Problem::AmbiguousName {
                            name: name.to_owned(),
                            first: data.actors[*o.get()].id.to_string(),
                            second: a.id.to_string(),
                        },
                    );
                }
                Entry::Occupied(_) => {}
                Entry::Vacant(v) => {
                    v.insert(i);
                }
            }
        }
    }

    // Events: references resolve, parenthood has no cycle.
    let mut eparent = Vec::with_capacity(data.events.len());
    for (i, e) in data.events.iter().enumerate() {
        for (k, side) in e.sides.iter().enumerate() {
            ck.actor_ref(&index, || format!("events[{i}].sides[{k}]"), side);
        }
        let mut in_coalition: HashSet<&ActorId> = HashSet::new();
        for (k, members) in e.coalitions.iter().enumerate() {
            for (n, m) in members.iter().enumerate() {
                ck.actor_ref(&index, || format!("events[{i}].coalitions[{k}][{n}]"), m);
                if !in_coalition.insert(m) {
                    ck.push(
                        format!("events[{i}].coalitions[{k}][{n}]"),
                        Problem::CoalitionOverlap {
                            event: e.id.to_string(),
                            actor: excerpt(m.as_str()),
                        },
                    );
                }
            }
        }
        for (k, link) in e.context.iter().enumerate() {
            ck.event_ref(
                &index,
                || format!("events[{i}].context[{k}].event"),
                &link.event,
            );
        }
        eparent.push(match &e.parent {
            Some(p) if ck.event_ref(&index, || format!("events[{i}].parent"), p) => {
                index.events.get(p).copied()
            }
            _ => None,
        });
    }
    let (_, ecycles) = roots(&eparent);
    let has_event_cycle = !ecycles.is_empty();
    for cycle in ecycles {
        ck.push(
            format!("events[{}].parent", cycle[0]),
            Problem::ParentCycle {
                cycle: cycle
                    .iter()
                    .map(|&i| data.events[i].id.to_string())
                    .collect(),
            },
        );
    }

    // Statements and their claims.
    for (i, s) in data.statements.iter().enumerate() {
        check_statement(&mut ck, &index, data, &eparent, has_event_cycle, i, s);
    }

    check_links(&mut ck, &index, data);
    index.eparent = eparent;

    // Mediators.
    for (i, m) in data.mediators.iter().enumerate() {
        ck.actor_ref(&index, || format!("mediators[{i}].actor"), &m.actor);
        for (k, a) in m.appeals.iter().enumerate() {
            if !index.statements.contains_key(&a.statement) {
                ck.push(
                    format!("mediators[{i}].appeals[{k}].statement"),
                    Problem::UnknownStatement {
                        id: excerpt(a.statement.as_str()),
                    },
                );
            }
            for (n, who) in a.addressees.iter().enumerate() {
                ck.actor_ref(
                    &index,
                    || format!("mediators[{i}].appeals[{k}].addressees[{n}]"),
                    who,
                );
            }
            if let Some(b) = &a.blamed {
                ck.actor_ref(&index, || format!("mediators[{i}].appeals[{k}].blamed"), b);
            }
        }
        for (k, e) in m.brokered.iter().enumerate() {
            ck.event_ref(&index, || format!("mediators[{i}].brokered[{k}]"), e);
        }
        for (k, e) in m.facilitated.iter().enumerate() {
            ck.event_ref(&index, || format!("mediators[{i}].facilitated[{k}]"), e);
        }
        for (k, d) in m.deployments.iter().enumerate() {
            ck.event_ref(
                &index,
                || format!("mediators[{i}].deployments[{k}].event"),
                &d.event,
            );
        }
        for (k, e) in m.consultations.iter().enumerate() {
            ck.event_ref(&index, || format!("mediators[{i}].consultations[{k}]"), e);
        }
        for (k, t) in m.ties.iter().enumerate() {
            ck.actor_ref(
                &index,
                || format!("mediators[{i}].ties[{k}].party"),
                &t.party,
            );
        }
    }

    for (path, problem) in crate::measure::check(&data.measures) {
        ck.push(path, problem);
    }

    if ck.errors.is_empty() {
        Ok(index)
    } else {
        Err(ValidationErrors(ck.errors))
    }
}

fn check_statement(
    ck: &mut Checker,
    index: &Index,
    data: &DossierData,
    eparent: &[Option<usize>],
    has_event_cycle: bool,
    i: usize,
    s: &Statement,
) {
    match &s.speaker {
        Some(sp) => ck.actor_ref(index, || format!("statements[{i}].speaker"), sp),
        None if s.form != Form::Unattributed => ck.push(
            format!("statements[{i}].speaker"),
            Problem::MissingSpeaker {
                statement: s.id.to_string(),
                form: s.form.to_string(),
            },
        ),
        None => {}
    }
    if s.speaker.is_none() && !s.co_speakers.is_empty() {
        ck.push(
            format!("statements[{i}].co_speakers"),
            Problem::JointWithoutSpeaker {
                statement: s.id.to_string(),
            },
        );
    }
    // A set, not a list: a relay chain of 100,000 outlets was checked in quadratic time.
    let mut seen: HashSet<&ActorId> = s.speaker.iter().collect();
    for (k, sp) in s.co_speakers.iter().enumerate() {
        ck.actor_ref(index, || format!("statements[{i}].co_speakers[{k}]"), sp);
        if !seen.insert(sp) {
            ck.push(
                format!("statements[{i}].co_speakers[{k}]"),
                Problem::DuplicateSpeaker {
                    statement: s.id.to_string(),
                    actor: excerpt(sp.as_str()),
                },
            );
        }
    }
    // Relays are a graph whose edges point to earlier relays only, so it has no cycle by
    // construction; an outlet still appears once per statement, never as the speaker.
    for (k, r) in s.relay.iter().enumerate() {
        let outlet = &r.outlet;
        let path = || {
            if r.from.is_none() && r.channel.is_none() {
                format!("statements[{i}].relay[{k}]")
            } else {
                format!("statements[{i}].relay[{k}].outlet")
            }
        };
        ck.actor_ref(index, path, outlet);
        if !seen.insert(outlet) {
            ck.push(
                format!("statements[{i}].relay[{k}]"),
                Problem::RelayCycle {
                    statement: s.id.to_string(),
                    actor: outlet.to_string(),
                },
            );
        }
    }
    for (k, _) in crate::relay::parents_checked(&s.relay).1 {
        let from = match &s.relay[k].from {
            Some(crate::relay::RelayFrom::Index(j)) => j.to_string(),
            Some(crate::relay::RelayFrom::Outlet(a)) => format!("`{}`", excerpt(a.as_str())),
            _ => String::new(),
        };
        ck.push(
            format!("statements[{i}].relay[{k}].from"),
            Problem::RelayFromUnknown {
                statement: s.id.to_string(),
                outlet: excerpt(s.relay[k].outlet.as_str()),
                from,
            },
        );
    }
    let mut about = Within::default();
    for (k, e) in s.about.iter().enumerate() {
        if ck.event_ref(index, || format!("statements[{i}].about[{k}]"), e) {
            about.known.insert(index.events[e], true);
        }
    }
    for (j, c) in s.claims.iter().enumerate() {
        let path = |field: &str| format!("statements[{i}].claims[{j}].{field}");
        if !ck.event_ref(index, || path("event"), &c.event) {
            continue;
        }
        let ev = index.events[&c.event];
        if !s.about.is_empty() && !has_event_cycle && !about.within(ev, eparent) {
            ck.push(
                path("event"),
                Problem::NotAbout {
                    claim: c.id.to_string(),
                    event: c.event.to_string(),
                    statement: s.id.to_string(),
                    about: about_list(&s.about),
                },
            );
        }
        let event = &data.events[ev];
        if let (Occurrence::Happened, Some(when)) = (event.occurrence, &event.when)
            && when.earliest() > s.made.latest()
        {
            ck.push(
                path("event"),
                Problem::BeforeEvent {
                    statement: s.id.to_string(),
                    event: event.id.to_string(),
                    made: s.made.latest().to_rfc3339(),
                    began: when.earliest().to_rfc3339(),
                },
            );
        }
        check_claim_refs(ck, index, i, j, c);
    }
}

/// Revision and citation links: they resolve, revisions point backwards, and neither
/// kind forms a cycle. One pass over the links of each kind (iterative depth-first
/// search), so linear in statements plus links.
fn check_links(ck: &mut Checker, index: &Index, data: &DossierData) {
    use crate::error::StatementLink;
    let n = data.statements.len();
    for link in [StatementLink::Revises, StatementLink::Cites] {
        let field = match link {
            StatementLink::Revises => "revises",
            StatementLink::Cites => "cites",
        };
        let mut next: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (i, s) in data.statements.iter().enumerate() {
            let targets = match link {
                StatementLink::Revises => &s.revises,
                StatementLink::Cites => &s.cites,
            };
            for (k, t) in targets.iter().enumerate() {
                let Some(&ti) = index.statements.get(t) else {
                    ck.push(
                        format!("statements[{i}].{field}[{k}]"),
                        Problem::UnknownStatement {
                            id: excerpt(t.as_str()),
                        },
                    );
                    continue;
                };
                let earlier = &data.statements[ti];
                if link == StatementLink::Revises && earlier.made.earliest() > s.made.latest() {
                    ck.push(
                        format!("statements[{i}].{field}[{k}]"),
                        Problem::RevisesLater {
                            statement: s.id.to_string(),
                            revised: t.to_string(),
                            made: s.made.latest().to_rfc3339(),
                            revised_from: earlier.made.earliest().to_rfc3339(),
                        },
                    );
                }
                next[i].push(ti);
            }
        }
        for cycle in link_cycles(&next) {
            ck.push(
                format!("statements[{}].{field}", cycle[0]),
                Problem::LinkCycle {
                    link,
                    cycle: cycle
                        .iter()
                        .map(|&i| data.statements[i].id.to_string())
                        .collect(),
                },
            );
        }
    }
}

/// Cycles of a directed graph, at most one per tree of an iterative depth-first search,
/// each closed (its first node repeated at the end). Empty exactly when there is none.
fn link_cycles(next: &[Vec<usize>]) -> Vec<Vec<usize>> {
    const NEW: u8 = 0;
    const OPEN: u8 = 1;
    const DONE: u8 = 2;
    let mut state = vec![NEW; next.len()];
    let mut cycles = Vec::new();
    let mut stack: Vec<(usize, usize)> = Vec::new();
    for start in 0..next.len() {
        if state[start] != NEW {
            continue;
        }
        state[start] = OPEN;
        stack.push((start, 0));
        let mut reported = false;
        while let Some(&mut (v, ref mut k)) = stack.last_mut() {
            if let Some(&w) = next[v].get(*k) {
                *k += 1;
                match state[w] {
                    NEW => {
                        state[w] = OPEN;
                        stack.push((w, 0));
                    }
                    OPEN if !reported => {
                        // One cycle per search tree keeps the report (and its cost)
                        // linear; fixing it reveals any other.
                        reported = true;
                        let from = stack.iter().rposition(|&(u, _)| u == w).unwrap_or(0);
                        let mut cycle: Vec<usize> = stack[from..].iter().map(|&(u, _)| u).collect();
                        cycle.push(w);
                        cycles.push(cycle);
                    }
                    _ => {}
                }
            } else {
                state[v] = DONE;
                stack.pop();
            }
        }
    }
    cycles
}

fn check_claim_refs(ck: &mut Checker, index: &Index, i: usize, j: usize, c: &Claim) {
    let path = |field: &str| format!("statements[{i}].claims[{j}].{field}");
    match &c.body {
        ClaimBody::Count(count) => {
            ck.measure_ref(index, || path("count.measure"), &count.measure);
            if let crate::claim::Whose::Party(p) = &count.whose {
                ck.actor_ref(index, || path("count.whose.party"), p);
            }
            check_status(ck, c, count, || path("count.status"));
        }
        ClaimBody::Responsibility {
            initiator, against, ..
        } => {
            ck.actor_ref(index, || path("initiator"), initiator);
            if let Some(a) = against {
                ck.actor_ref(index, || path("against"), a);
            }
        }
        ClaimBody::Action { actor, target, .. } => {
            ck.actor_ref(index, || path("actor"), actor);
            if let Some(t) = target {
                ck.actor_ref(index, || path("target"), t);
            }
        }
        ClaimBody::Timing { .. } => {}
        ClaimBody::Denial {
            denies, allegation, ..
        } => {
            if denies.is_none() && allegation.is_none() {
                ck.push(
                    path("denial"),
                    Problem::EmptyDenial {
                        claim: c.id.to_string(),
                    },
                );
            }
            if let Some(by) = allegation.as_ref().and_then(|a| a.by.as_ref()) {
                ck.actor_ref(index, || path("denial.allegation.by"), by);
            }
            if let Some(m) = allegation.as_ref().and_then(|a| a.measure.as_ref()) {
                ck.measure_ref(index, || path("denial.allegation.measure"), m);
            }
            if let Some(denies) = denies {
                match index.claims.get(denies) {
                    None => ck.push(
                        path("denial.denies"),
                        Problem::UnknownClaim {
                            id: excerpt(denies.as_str()),
                        },
                    ),
                    Some(&(si, _)) if si == i => ck.push(
                        path("denial.denies"),
                        Problem::SelfDenial {
                            claim: c.id.to_string(),
                            denied: denies.to_string(),
                        },
                    ),
                    Some(_) => {}
                }
            }
        }
        ClaimBody::MediationCredit { credited } => {
            ck.actor_ref(index, || path("credited"), credited);
        }
        ClaimBody::Relative(rel) => check_relative(ck, index, c, rel, path),
    }
}

/// A relative claim's parties exist, and so does the quantity it compares with (its
/// event and party, each problem naming the claim), which is not its own subject.
fn check_relative(
    ck: &mut Checker,
    index: &Index,
    c: &Claim,
    rel: &crate::relative::RelativeClaim,
    path: impl Fn(&str) -> String,
) {
    use crate::claim::Whose;
    ck.measure_ref(index, || path("relative.measure"), &rel.measure);
    ck.measure_ref(index, || path("relative.of.measure"), &rel.of.measure);
    if let Whose::Party(p) = &rel.whose {
        ck.actor_ref(index, || path("relative.whose"), p);
    }
    let of = &rel.of;
    let event = of.event.as_ref().unwrap_or(&c.event);
    let quantity = || format!("{event}/{}/{}/{}", of.measure, of.whose, of.category);
    if !index.events.contains_key(event) {
        ck.push(
            path("relative.of.event"),
            Problem::UnknownQuantity {
                claim: c.id.to_string(),
                quantity: quantity(),
                missing: format!("event `{}`", excerpt(event.as_str())),
            },
        );
    }
    if let Whose::Party(p) = &of.whose
        && !index.actors.contains_key(p)
    {
        ck.push(
            path("relative.of.whose"),
            Problem::UnknownQuantity {
                claim: c.id.to_string(),
                quantity: quantity(),
                missing: format!("actor `{}`", excerpt(p.as_str())),
            },
        );
    }
    if *event == c.event
        && of.measure == rel.measure
        && of.whose == rel.whose
        && of.category == rel.category
    {
        ck.push(
            path("relative.of"),
            Problem::RelativeToItself {
                claim: c.id.to_string(),
                quantity: quantity(),
            },
        );
    }
}

/// A final count is a closed figure: it cannot be open-ended ("final: at least 64"),
/// and a status field cannot say the opposite of the estimate's own words.
fn check_status(
    ck: &mut Checker,
    c: &Claim,
    count: &crate::claim::CountClaim,
    path: impl FnOnce() -> String,
) {
    use crate::estimate::EstimateKind;
    use crate::status::CountStatus;
    let said = count.estimate.status();
    let why = if count.status != CountStatus::Unstated
        && said != CountStatus::Unstated
        && said != count.status
    {
        Some(StatusConflict::WordsSayOtherwise)
    } else if count.status().is_final()
        && matches!(
            count.estimate.kind(),
            EstimateKind::AtLeast(_) | EstimateKind::MoreThan(_)
        )
    {
        Some(StatusConflict::OpenEndedFinal)
    } else {
        None
    };
    if let Some(why) = why {
        ck.push(
            path(),
            Problem::StatusContradiction {
                claim: c.id.to_string(),
                status: count.status().to_string(),
                estimate: count.estimate.words().to_owned(),
                why,
            },
        );
    }
}

/// A statement's `about` list as a problem names it: in full when short, else its first
/// eight and how many more, so 1,000 claims outside a 1,000-event list give 1,000 short
/// messages rather than a million ids.
fn about_list(about: &[EventId]) -> Vec<String> {
    const SHOWN: usize = 8;
    let mut out: Vec<String> = about.iter().take(SHOWN).map(ToString::to_string).collect();
    if about.len() > SHOWN {
        out.push(format!("… and {} more", about.len() - SHOWN));
    }
    out
}

/// Which events lie within a statement's `about` list (are one of them or a component of
/// one), remembered as they are found: each event's chain of parents is walked once per
/// statement, however many claims ask and however long the list, so a statement's check
/// is linear in its claims plus the depth of its events.
#[derive(Default)]
struct Within {
    known: HashMap<usize, bool>,
}

impl Within {
    /// Whether `ev` is within. Parenthood is acyclic here (the caller checks), so the
    /// walk ends.
    fn within(&mut self, ev: usize, eparent: &[Option<usize>]) -> bool {
        let mut path = Vec::new();
        let mut cur = Some(ev);
        let found = loop {
            match cur {
                None => break false,
                Some(e) => {
                    if let Some(&k) = self.known.get(&e) {
                        break k;
                    }
                    path.push(e);
                    cur = eparent[e];
                }
            }
        };
        for e in path {
            self.known.insert(e, found);
        }
        found
    }
}

impl Dossier {
    /// Reads and validates a dossier from any reader (a file, a socket, standard input).
    ///
    /// # Errors
    ///
    /// As [`from_json`](Self::from_json), plus [`LoadError::Io`] (with the path `-`) when
    /// the reader fails or the text is not UTF-8.
    ///
    /// ```
    /// let d = contested::Dossier::from_reader(&b"{\"title\": \"T\"}"[..])?;
    /// assert_eq!(d.title(), Some("T"));
    /// # Ok::<(), contested::LoadError>(())
    /// ```
    pub fn from_reader(mut reader: impl std::io::Read) -> Result<Dossier, LoadError> {
        let mut text = String::new();
        reader
            .read_to_string(&mut text)
            .map_err(|source| LoadError::Io {
                path: "-".to_owned(),
                source,
            })?;
        Dossier::from_json(&text)
    }

    /// Writes the dossier as pretty-printed JSON, as [`to_json`](Self::to_json) gives it.
    ///
    /// # Errors
    ///
    /// The writer's error.
    ///
    /// ```
    /// let mut out = Vec::new();
    /// contested::Dossier::default().to_writer(&mut out)?;
    /// assert_eq!(contested::Dossier::from_reader(&out[..])?, contested::Dossier::default());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_writer(&self, mut writer: impl std::io::Write) -> std::io::Result<()> {
        writer.write_all(self.to_json().as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::roots;

    #[test]
    fn roots_of_a_chain_and_a_cycle() {
        let parent = [None, Some(0), Some(1), Some(4), Some(3)];
        let (root, cycles) = roots(&parent);
        assert_eq!(&root[..3], &[0, 0, 0]);
        assert_eq!(cycles, vec![vec![3, 4, 3]]);
    }

    #[test]
    fn roots_of_a_deep_chain_is_linear_and_safe() {
        let n = 100_000;
        let parent: Vec<Option<usize>> = (0..n).map(|i: usize| i.checked_sub(1)).collect();
        let (root, cycles) = roots(&parent);
        assert!(cycles.is_empty());
        assert!(root.iter().all(|&r| r == 0));
    }
}
