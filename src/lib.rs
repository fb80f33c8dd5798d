//! # contested
//!
//! Model disputed events: who claimed what about an event, through whom, when, and how
//! the claims fit together.
//!
//! ```
//! use contested::{Actor, ActorKind, Category, Claim, Dossier, Estimate, Event, EventKind,
//!     Measure, Statement, TimeWindow, Whose};
//!
//! let tuesday = TimeWindow::new("2022-09-13T00:00:00+04:00".parse()?, "2022-09-13T23:59:59+04:00".parse()?)?;
//! let dossier = Dossier::builder()
//!     .actor(Actor::new("armenia", "Armenia", ActorKind::State))
//!     .actor(Actor::new("azerbaijan", "Azerbaijan", ActorKind::State))
//!     .event(Event::new("clash", "Border clashes", EventKind::Clash).with_side("armenia").with_side("azerbaijan"))
//!     .statement(Statement::new("az", "azerbaijan", tuesday.clone()).about("clash").claim(
//!         Claim::count("az-killed", "clash", Measure::Killed, Whose::party("azerbaijan"), Category::Military, Estimate::exact(50))))
//!     .statement(Statement::new("am", "armenia", tuesday).about("clash").claim(
//!         Claim::count("am-killed", "clash", Measure::Killed, Whose::party("armenia"), Category::Military, "at least 49".parse()?)))
//!     .build()?;
//! assert_eq!(dossier.claims().count(), 2);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Overview
//!
//! - [`Actor`]s nest (*part of*, *speaks for*); claims are grouped by *party*, the
//!   outermost actor ([`Dossier::party_of`]).
//! - [`Event`]s have an uncertain [`TimeWindow`], a place, sides, a parent and context.
//! - [`Statement`]s keep who said it apart from who relayed it, the [`Form`], the
//!   [`Hedge`]s, and the [`Claim`]s made.
//! - [`Estimate`]s turn "about 100" or "at least 49" into a [`CountRange`] under a
//!   documented, configurable [`Interpretation`].
//! - [`RelativeClaim`]s state a figure as a [`Ratio`] of another ("more than double
//!   ours", "a third of"), an exact fraction checked against both figures.
//! - [`Mediator`]s record appeals, brokered agreements, deployments, consultations, ties.
//! - A [`Dossier`] validates all references once, reports every problem with its JSON path,
//!   and round-trips through JSON; [`ingest`] streams statements from JSON Lines.
//! - [`reconcile`] computes each figure's defensible range, part-whole bounds, revisions,
//!   discrepancies and mediator summaries; [`reconcile::bulk`] does the count summaries for
//!   millions of claims a second.
//! - [`reliability`] learns which sources to trust from many claims over many quantities
//!   (TruthFinder, Investment, and Closeness for range claims), with per-source weights.
//!
//! # Crate features
//!
//! - `proptest`: public proptest strategies for users' own property tests.
//!   [`strategy`] builds only valid values (estimates, windows, actor forests, whole
//!   dossiers with consistent or conflicting figures), and `Arbitrary` is implemented for
//!   `Estimate`, `EstimateKind`, `CountRange`, `TimeWindow` and `Dossier`.
//! - `corpus`: the `corpus` module, a deterministic synthetic corpus generator (a context dossier
//!   and statements as JSON Lines) for benchmarks and load tests; no extra dependency.
//! - `rayon`: `reconcile::bulk::BulkLedger::summarize_parallel`, the bulk path on rayon's
//!   thread pool.
//! - `html`: [`html`], a self-contained HTML report page (figure timelines in SVG, tables,
//!   statements), templated with maud.
//! - `schema`: `JsonSchema` impls (schemars) on the model and the reconciliation output,
//!   and the `schema` module: the JSON Schema (2020-12) of dossiers, statements and
//!   reconciliations.
#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(missing_docs)]
#![warn(missing_debug_implementations)]
#![forbid(unsafe_code)]

pub mod actor;
pub mod claim;
pub mod dossier;
pub mod error;
pub mod estimate;
pub mod event;
mod excerpt;
pub mod id;
pub mod ingest;
pub mod measure;
pub mod mediator;
mod names;
mod numeral;

mod objects;
pub mod range;
pub mod reconcile;
pub mod relative;
pub mod relay;
pub mod reliability;
pub mod statement;
pub mod status;
#[cfg(feature = "proptest")]
#[cfg_attr(docsrs, doc(cfg(feature = "proptest")))]
pub mod strategy;
pub mod when;

#[cfg(feature = "corpus")]
#[cfg_attr(docsrs, doc(cfg(feature = "corpus")))]
pub mod corpus;
#[cfg(feature = "html")]
#[cfg_attr(docsrs, doc(cfg(feature = "html")))]
pub mod html;

#[cfg(feature = "schema")]
#[cfg_attr(docsrs, doc(cfg(feature = "schema")))]
pub mod schema;

pub use actor::{Actor, ActorKind, Nesting};
pub use claim::{
    Allegation, Boundary, BreakdownPart, Category, Claim, ClaimBody, ClaimKind, CountClaim,
    Measure, Whose,
};
pub use dossier::{Dossier, DossierBuilder, LoadOptions};
pub use error::{
    Error, IdError, IdKind, JsonCategory, LoadError, NameError, Problem, RangeError,
    StatusConflict, ValidationError, ValidationErrors, Vocabulary, WindowError,
};
pub use estimate::{Estimate, EstimateKind, Interpretation, ParseEstimateError, VagueWord};
pub use event::{ContextLink, ContextRelation, Event, EventKind, Occurrence};
pub use id::{ActorId, ClaimId, EventId, StatementId};
pub use measure::MeasureDef;
pub use mediator::{Appeal, Deployment, Mediator, Tie, TieKind, Urge};
pub use range::CountRange;
pub use relative::{Comparison, Factor, ParseRatioError, Quantity, Ratio, RelativeClaim};
pub use relay::{Channel, ChannelKind, Relay, RelayFrom};
pub use statement::{Form, Hedge, Statement};
pub use status::CountStatus;
pub use when::{Precision, Qualifier, SyntaxReason, TimeWindow};

/// chrono's types in the public API (`TimeWindow::new`, `Reconciler::as_of`), so users
/// need not depend on chrono themselves.
pub use chrono::{DateTime, FixedOffset};

/// The README's example, compiled and run as a doctest so the README stays true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
