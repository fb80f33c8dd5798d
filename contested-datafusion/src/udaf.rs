//! The aggregate functions `contested_position` and `contested_summary`.

use datafusion::arrow::datatypes::{DataType, FieldRef};
use datafusion::error::Result;
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::utils::AggregateOrderSensitivity;
use datafusion::logical_expr::{
    Accumulator, AggregateUDF, AggregateUDFImpl, GroupsAccumulator, Signature, Volatility,
};
use datafusion::prelude::SessionContext;

use crate::Error;
use crate::fold::{Fold, Groups, One, POSITION, PositionFold, SUMMARY, SummaryFold};

/// `contested_position(made, lo, hi)`: one speaker's position on one key, to be grouped
/// by `(key, speaker)`.
///
/// Arguments are cast to `made BIGINT` (`Int64`, later is larger), `lo BIGINT UNSIGNED`
/// and `hi BIGINT UNSIGNED` (`UInt64`; null is unbounded above). A null `made` or `lo`,
/// or `hi < lo`, fails the query with [`Error::NullValue`] / [`Error::Inverted`].
///
/// The result is a struct `{made, live, revisions, envelope_lo, envelope_hi,
/// consensus_lo, consensus_hi}`: the speaker's latest time, how many readings it made
/// then (live), how many earlier ones they revised, and the hull and intersection of the
/// live ranges (`envelope_hi` / `consensus_hi` null when unbounded, both consensus
/// bounds null when the live ranges are disjoint). Its partial state is those seven
/// fixed-width columns; partial states merge with
/// [`BulkPosition::absorb`](contested::reconcile::bulk::BulkPosition::absorb), the
/// crate's own merge.
///
/// ```
/// let f = contested_datafusion::position_udaf();
/// assert_eq!(f.name(), "contested_position");
/// ```
pub fn position_udaf() -> AggregateUDF {
    AggregateUDF::new_from_impl(PositionUdaf::new())
}

/// `contested_summary(position)`: a key's summary from its speakers' positions (the
/// output of [`position_udaf`], one row per speaker), to be grouped by `key`.
///
/// The result is a struct `{live, superseded, speakers, envelope_lo, envelope_hi,
/// consensus_lo, consensus_hi, conflict}` equal to the crate's
/// [`KeySummary`](contested::reconcile::bulk::KeySummary) (see
/// [`summaries`](crate::summaries) to get them as such). Partial states merge with
/// [`KeySummary::absorb`](contested::reconcile::bulk::KeySummary::absorb).
///
/// ```
/// let f = contested_datafusion::summary_udaf();
/// assert_eq!(f.name(), "contested_summary");
/// ```
pub fn summary_udaf() -> AggregateUDF {
    AggregateUDF::new_from_impl(SummaryUdaf::new())
}

/// Registers [`position_udaf`] and [`summary_udaf`] on `ctx`.
///
/// ```
/// use datafusion::execution::FunctionRegistry;
/// use datafusion::prelude::SessionContext;
///
/// let ctx = SessionContext::new();
/// contested_datafusion::register(&ctx);
/// assert!(ctx.udaf("contested_summary").is_ok());
/// ```
pub fn register(ctx: &SessionContext) {
    ctx.register_udaf(position_udaf());
    ctx.register_udaf(summary_udaf());
}

/// Every aggregate function of this crate, for registries other than a
/// `SessionContext` (a `SessionStateBuilder`, a distributed executor's function
/// registry).
///
/// ```
/// assert_eq!(contested_datafusion::udafs().len(), 2);
/// ```
pub fn udafs() -> Vec<std::sync::Arc<AggregateUDF>> {
    vec![
        std::sync::Arc::new(position_udaf()),
        std::sync::Arc::new(summary_udaf()),
    ]
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct PositionUdaf {
    signature: Signature,
}

impl PositionUdaf {
    fn new() -> Self {
        PositionUdaf {
            signature: Signature::user_defined(Volatility::Immutable),
        }
    }
}

fn is_integer(t: &DataType) -> bool {
    t.is_integer() || matches!(t, DataType::Null)
}

impl AggregateUDFImpl for PositionUdaf {
    fn name(&self) -> &str {
        POSITION
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        if arg_types.len() != 3 {
            return Err(Error::Arity {
                function: POSITION,
                what: "arguments (made, lo, hi)",
                expected: 3,
                got: arg_types.len(),
            }
            .into());
        }
        for (t, (name, want)) in arg_types.iter().zip([
            ("made", DataType::Int64),
            ("lo", DataType::UInt64),
            ("hi", DataType::UInt64),
        ]) {
            if !is_integer(t) {
                return Err(Error::Type {
                    function: POSITION,
                    column: name.into(),
                    expected: want,
                    got: t.clone(),
                }
                .into());
            }
        }
        Ok(vec![DataType::Int64, DataType::UInt64, DataType::UInt64])
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(PositionFold::output_type())
    }

    fn accumulator(&self, _acc_args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        Ok(Box::new(One::<PositionFold>::new()))
    }

    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        Ok(PositionFold::state_fields(args.name))
    }

    fn groups_accumulator_supported(&self, _args: AccumulatorArgs) -> bool {
        true
    }

    fn create_groups_accumulator(
        &self,
        _args: AccumulatorArgs,
    ) -> Result<Box<dyn GroupsAccumulator>> {
        Ok(Box::new(Groups::<PositionFold>::new()))
    }

    fn order_sensitivity(&self) -> AggregateOrderSensitivity {
        AggregateOrderSensitivity::Insensitive
    }
}

#[derive(Debug, PartialEq, Eq, Hash)]
struct SummaryUdaf {
    signature: Signature,
}

impl SummaryUdaf {
    fn new() -> Self {
        SummaryUdaf {
            signature: Signature::user_defined(Volatility::Immutable),
        }
    }
}

impl AggregateUDFImpl for SummaryUdaf {
    fn name(&self) -> &str {
        SUMMARY
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match arg_types {
            [t] if *t == PositionFold::output_type() => Ok(vec![t.clone()]),
            [t] => Err(Error::Type {
                function: SUMMARY,
                column: "position".into(),
                expected: PositionFold::output_type(),
                got: t.clone(),
            }
            .into()),
            ts => Err(Error::Arity {
                function: SUMMARY,
                what: "arguments (position)",
                expected: 1,
                got: ts.len(),
            }
            .into()),
        }
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(SummaryFold::output_type())
    }

    fn accumulator(&self, _acc_args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        Ok(Box::new(One::<SummaryFold>::new()))
    }

    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        Ok(SummaryFold::state_fields(args.name))
    }

    fn groups_accumulator_supported(&self, _args: AccumulatorArgs) -> bool {
        true
    }

    fn create_groups_accumulator(
        &self,
        _args: AccumulatorArgs,
    ) -> Result<Box<dyn GroupsAccumulator>> {
        Ok(Box::new(Groups::<SummaryFold>::new()))
    }

    fn order_sensitivity(&self) -> AggregateOrderSensitivity {
        AggregateOrderSensitivity::Insensitive
    }
}
