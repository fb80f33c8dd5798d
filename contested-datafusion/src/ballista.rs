//! The functions on [Ballista](https://datafusion.apache.org/ballista/) 55, distributed
//! DataFusion (feature `ballista`, off by default).
//!
//! A Ballista query is planned three times, in three places, and each needs the two
//! functions by name:
//!
//! 1. the **client** plans the SQL into a logical plan: [`register`](crate::register)
//!    on the `SessionContext` it got from Ballista ([`remote`], [`standalone`]);
//! 2. the **scheduler** decodes that logical plan (aggregates travel by name), makes the
//!    physical plan and cuts it into stages at each shuffle: its session builder
//!    ([`scheduler_session_builder`], Ballista's `default_session_builder` plus the two
//!    functions) in `SchedulerConfig::override_session_builder`;
//! 3. each **executor** decodes the physical plan of its stage's tasks, looking the
//!    aggregates up in its `BallistaFunctionRegistry`: [`executor_function_registry`]
//!    (Ballista's default registry plus the two functions) in
//!    `ExecutorProcessConfig::override_function_registry`.
//!
//! An executor without them fails the job: not finding `contested_position` in its
//! registry, DataFusion's protobuf decoder asks the physical extension codec, which
//! answers "PhysicalExtensionCodec is not provided for aggregate function
//! contested_position" (`tests/ballista.rs`, `executor_without_the_functions_fails`).
//! No extension codec is needed: both functions are plain `AggregateUDF`s without
//! parameters, which DataFusion's protobuf codec writes as their name and reads back
//! through the registry. Between stages the partial states (seven fixed-width columns)
//! travel as Arrow IPC like any other column.
//!
//! A scheduler process:
//!
//! ```no_run
//! use std::sync::Arc;
//! use ballista_scheduler::cluster::BallistaCluster;
//! use ballista_scheduler::config::SchedulerConfig;
//! use ballista_scheduler::scheduler_process::start_server;
//!
//! # #[tokio::main]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let config = SchedulerConfig::default().with_override_session_builder(Arc::new(
//!     contested_datafusion::ballista::scheduler_session_builder,
//! ));
//! let cluster = BallistaCluster::new_from_config(&config).await?;
//! start_server(cluster, "0.0.0.0:50050".parse()?, Arc::new(config)).await?;
//! # Ok(())
//! # }
//! ```
//!
//! An executor process:
//!
//! ```no_run
//! use std::sync::Arc;
//! use ballista_executor::executor_process::{ExecutorProcessConfig, start_executor_process};
//!
//! # #[tokio::main]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let config = ExecutorProcessConfig {
//!     scheduler_host: "scheduler.example".into(),
//!     scheduler_port: 50050,
//!     override_function_registry: Some(Arc::new(
//!         contested_datafusion::ballista::executor_function_registry(),
//!     )),
//!     ..ExecutorProcessConfig::default()
//! };
//! start_executor_process(Arc::new(config)).await?;
//! # Ok(())
//! # }
//! ```
//!
//! A client, and the query ([`remote`]: `SessionContext::remote_with_state`, then
//! [`register`](crate::register) on the context it returns):
//!
//! ```no_run
//! use ballista::prelude::SessionConfigExt;
//! use datafusion::prelude::{ParquetReadOptions, SessionConfig};
//!
//! # #[tokio::main]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let ctx = contested_datafusion::ballista::remote(
//!     "df://scheduler.example:50050",
//!     SessionConfig::new_with_ballista(),
//! )
//! .await?;
//! ctx.register_parquet("readings", "/data/readings/", ParquetReadOptions::default()).await?;
//! let summaries = contested_datafusion::summaries(&ctx, "readings").await?;
//! # Ok(())
//! # }
//! ```
//!
//! The client must register the functions on the context that `remote_with_state` or
//! `standalone_with_state` returns, not (only) on the state handed in: Ballista 55's
//! `SessionStateExt::upgrade_for_ballista`, which both call, rebuilds the state with
//! `.with_aggregate_functions(ballista_aggregate_functions())`, which replaces the
//! state's aggregate functions by Ballista's defaults (ballista-core 55.0.0,
//! `src/extension.rs`); the SQL then fails to plan with "Invalid function
//! 'contested_position'".
//!
//! In one process, [`standalone`]: Ballista's `standalone` mode, a scheduler and an
//! executor in this process, both given the functions of the state handed in
//! (`new_standalone_scheduler_from_state`, `new_standalone_executor_from_state`), which
//! is what `tests/ballista.rs` runs.

use ::ballista::prelude::SessionContextExt;
use ballista_core::extension::SessionConfigExt;
use ballista_core::registry::BallistaFunctionRegistry;
use datafusion::common::Result;
use datafusion::execution::{FunctionRegistry, SessionState, SessionStateBuilder};
use datafusion::prelude::{SessionConfig, SessionContext};

use crate::udafs;

/// Registers [`position_udaf`](crate::position_udaf) and
/// [`summary_udaf`](crate::summary_udaf) on `state` (a client's or a scheduler's).
///
/// # Errors
///
/// As `SessionState::register_udaf` (in DataFusion 55, never).
pub fn register_udafs(state: &mut SessionState) -> Result<()> {
    for f in udafs() {
        state.register_udaf(f)?;
    }
    Ok(())
}

/// The scheduler's session builder: Ballista's `default_session_builder` (its default
/// functions, optimizer rules and runtime) with the two functions registered. For
/// `SchedulerConfig::with_override_session_builder(Arc::new(scheduler_session_builder))`,
/// or `ballista_scheduler::standalone::new_standalone_scheduler_with_builder`.
///
/// # Errors
///
/// As `default_session_builder` (building the runtime environment).
///
/// ```
/// use datafusion::execution::FunctionRegistry;
/// use ballista::prelude::SessionConfigExt;
///
/// let state = contested_datafusion::ballista::scheduler_session_builder(
///     datafusion::prelude::SessionConfig::new_with_ballista(),
/// )?;
/// assert!(state.udaf("contested_summary").is_ok());
/// assert!(state.udaf("count").is_ok());
/// # Ok::<(), datafusion::error::DataFusionError>(())
/// ```
pub fn scheduler_session_builder(config: SessionConfig) -> Result<SessionState> {
    let mut state = ballista_core::utils::default_session_builder(config)?;
    register_udafs(&mut state)?;
    Ok(state)
}

/// An executor's function registry: Ballista's default (DataFusion's scalar, aggregate,
/// window and higher-order functions) with the two functions added. For
/// `ExecutorProcessConfig::override_function_registry` (as an `Arc`), or
/// `ballista_executor::new_standalone_executor_from_builder`.
///
/// ```
/// use datafusion::execution::FunctionRegistry;
///
/// let registry = contested_datafusion::ballista::executor_function_registry();
/// assert!(registry.udaf("contested_position").is_ok());
/// assert!(registry.udaf("sum").is_ok());
/// ```
pub fn executor_function_registry() -> BallistaFunctionRegistry {
    let mut registry = BallistaFunctionRegistry::default();
    for f in udafs() {
        registry.aggregate_functions.insert(f.name().to_string(), f);
    }
    registry
}

/// A session state with DataFusion's default features, `config` upgraded for Ballista
/// (`SessionConfigExt::upgrade_for_ballista`), file-stream work stealing off
/// (`datafusion.execution.enable_file_stream_work_stealing = false`, which DataFusion
/// 55's documentation of that option asks of Ballista, as it runs each partition as an
/// isolated task) and the two functions registered: for
/// `SessionContext::standalone_with_state(state)`, which gives the in-process scheduler
/// and executor this state's functions. Ballista drops them from the client's own
/// state (see the [module](self) docs): [`standalone`] and [`remote`] register them
/// again on the context.
///
/// # Errors
///
/// As [`register_udafs`].
///
/// ```
/// use datafusion::execution::FunctionRegistry;
///
/// let state = contested_datafusion::ballista::client_state(Default::default())?;
/// assert!(state.udaf("contested_summary").is_ok());
/// assert!(!state.config().options().execution.enable_file_stream_work_stealing);
/// # Ok::<(), datafusion::error::DataFusionError>(())
/// ```
pub fn client_state(config: SessionConfig) -> Result<SessionState> {
    let mut config = config.upgrade_for_ballista();
    config
        .options_mut()
        .execution
        .enable_file_stream_work_stealing = false;
    let mut state = SessionStateBuilder::new()
        .with_default_features()
        .with_config(config)
        .build();
    register_udafs(&mut state)?;
    Ok(state)
}

/// A client of Ballista's standalone mode: a scheduler and an executor started in this
/// process (on the current tokio runtime) with [`client_state`]`(config)`'s functions,
/// and the context connected to them with the two functions registered.
///
/// # Errors
///
/// As `SessionContext::standalone_with_state` (the scheduler or the executor does not
/// start).
pub async fn standalone(config: SessionConfig) -> Result<SessionContext> {
    let ctx = SessionContext::standalone_with_state(client_state(config)?).await?;
    crate::register(&ctx);
    Ok(ctx)
}

/// A client of the Ballista scheduler at `url` (`df://host:port`) whose executors know
/// the two functions ([`scheduler_session_builder`], [`executor_function_registry`]),
/// with the two functions registered.
///
/// # Errors
///
/// As `SessionContext::remote_with_state` (a bad URL).
pub async fn remote(url: &str, config: SessionConfig) -> Result<SessionContext> {
    let ctx = SessionContext::remote_with_state(url, client_state(config)?).await?;
    crate::register(&ctx);
    Ok(ctx)
}
