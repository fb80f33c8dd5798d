//! The two folds (a speaker's position, a key's summary), their fixed-width Arrow
//! encodings, and the generic `Accumulator` / `GroupsAccumulator` over them.
//!
//! Every state column is a primitive (`Int64`, `UInt32`, `UInt64`): seven columns, 40
//! bytes of values per group and position plus validity bits. Upper bounds are null when
//! unbounded; a consensus is null when empty; a group with no input yet has a null
//! `live` (and its other columns null).

use std::mem::size_of;
use std::sync::Arc;

use contested::CountRange;
use contested::reconcile::bulk::{BulkPosition, BulkReading, KeySummary};
use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, BooleanArray, Int64Array, PrimitiveArray, StructArray, UInt32Array,
    UInt64Array,
};
use datafusion::arrow::buffer::NullBuffer;
use datafusion::arrow::datatypes::{
    ArrowPrimitiveType, DataType, Field, FieldRef, Fields, Int64Type, UInt32Type, UInt64Type,
};
use datafusion::common::ScalarValue;
use datafusion::error::Result;
use datafusion::logical_expr::{Accumulator, EmitTo, GroupsAccumulator};

use crate::Error;

/// Name of the position aggregate.
///
/// ```
/// assert_eq!(contested_datafusion::position_udaf().name(), contested_datafusion::POSITION);
/// ```
pub const POSITION: &str = "contested_position";
/// Name of the summary aggregate.
///
/// ```
/// assert_eq!(contested_datafusion::summary_udaf().name(), contested_datafusion::SUMMARY);
/// ```
pub const SUMMARY: &str = "contested_summary";

/// Fields of a position (the output struct of `contested_position`, and its state).
pub(crate) fn position_fields() -> Fields {
    Fields::from(vec![
        Field::new("made", DataType::Int64, true),
        Field::new("live", DataType::UInt32, true),
        Field::new("revisions", DataType::UInt32, true),
        Field::new("envelope_lo", DataType::UInt64, true),
        Field::new("envelope_hi", DataType::UInt64, true),
        Field::new("consensus_lo", DataType::UInt64, true),
        Field::new("consensus_hi", DataType::UInt64, true),
    ])
}

/// Fields of a key summary state (the output struct adds `conflict`).
pub(crate) fn summary_state_fields() -> Fields {
    Fields::from(vec![
        Field::new("live", DataType::UInt32, true),
        Field::new("superseded", DataType::UInt32, true),
        Field::new("speakers", DataType::UInt32, true),
        Field::new("envelope_lo", DataType::UInt64, true),
        Field::new("envelope_hi", DataType::UInt64, true),
        Field::new("consensus_lo", DataType::UInt64, true),
        Field::new("consensus_hi", DataType::UInt64, true),
    ])
}

/// Fields of the output struct of `contested_summary`.
pub(crate) fn summary_fields() -> Fields {
    let mut f: Vec<FieldRef> = summary_state_fields().iter().cloned().collect();
    f.push(Arc::new(Field::new("conflict", DataType::Boolean, true)));
    Fields::from(f)
}

/// A typed view of one column, or a typed error naming it.
fn column<'a, T: ArrowPrimitiveType>(
    function: &'static str,
    name: &str,
    a: &'a ArrayRef,
) -> Result<&'a PrimitiveArray<T>, Error> {
    a.as_primitive_opt::<T>().ok_or_else(|| Error::Type {
        function,
        column: name.to_owned(),
        expected: T::DATA_TYPE,
        got: a.data_type().clone(),
    })
}

fn arity(function: &'static str, what: &'static str, expected: usize, got: usize) -> Result<()> {
    if got == expected {
        Ok(())
    } else {
        Err(Error::Arity {
            function,
            what,
            expected,
            got,
        }
        .into())
    }
}

/// The value at `row`, `None` when null.
#[inline]
fn get<T: ArrowPrimitiveType>(a: &PrimitiveArray<T>, row: usize) -> Option<T::Native> {
    (row < a.len() && a.is_valid(row)).then(|| a.value(row))
}

/// A required value at `row`.
#[inline]
fn need<T: ArrowPrimitiveType>(
    function: &'static str,
    column: &'static str,
    a: &PrimitiveArray<T>,
    row: usize,
) -> Result<T::Native, Error> {
    get(a, row).ok_or(Error::NullValue {
        function,
        column,
        row,
    })
}

#[inline]
fn range(
    function: &'static str,
    row: usize,
    lo: u64,
    hi: Option<u64>,
) -> Result<CountRange, Error> {
    CountRange::new(lo, hi).map_err(|_| Error::Inverted {
        function,
        row,
        lo,
        hi: hi.unwrap_or(u64::MAX),
    })
}

/// Whether row `i` passes the optional filter.
#[inline]
fn kept(filter: Option<&BooleanArray>, i: usize) -> bool {
    filter.is_none_or(|f| i < f.len() && f.is_valid(i) && f.value(i))
}

/// A mergeable per-group value with a fixed-width Arrow encoding.
pub(crate) trait Fold: Copy + Send + Sync + std::fmt::Debug + 'static {
    /// The function name, for errors.
    const FUNCTION: &'static str;
    /// The value of no input.
    fn empty() -> Self;
    /// Whether this is [`empty`](Self::empty).
    fn is_empty(&self) -> bool;
    /// Combines with a value over disjoint input (neither empty).
    fn absorb(&mut self, o: &Self);
    /// The state fields (names prefixed with the aggregate's name).
    fn state_fields(name: &str) -> Vec<FieldRef>;
    /// The state columns of `items`.
    fn to_state(items: &[Self]) -> Vec<ArrayRef>;
    /// Appends the values of state columns (empty for a null row).
    fn from_state(cols: &[ArrayRef], out: &mut Vec<Self>) -> Result<()>;
    /// Appends the value of each input row alone (empty where the filter drops it).
    fn from_input(
        cols: &[ArrayRef],
        filter: Option<&BooleanArray>,
        out: &mut Vec<Self>,
    ) -> Result<()>;
    /// The output type.
    fn output_type() -> DataType;
    /// The output column (null for empty).
    fn evaluate(items: &[Self]) -> Result<ArrayRef>;

    /// Merges `o` into `slot`, either possibly empty.
    #[inline]
    fn merge_into(slot: &mut Self, o: &Self) {
        if o.is_empty() {
        } else if slot.is_empty() {
            *slot = *o;
        } else {
            slot.absorb(o);
        }
    }
}

fn prefixed(name: &str, fields: &Fields) -> Vec<FieldRef> {
    fields
        .iter()
        .map(|f| {
            Arc::new(
                f.as_ref()
                    .clone()
                    .with_name(format!("{name}[{}]", f.name())),
            )
        })
        .collect()
}

fn validity<F: Fold>(items: &[F]) -> Option<NullBuffer> {
    let nulls = NullBuffer::from_iter(items.iter().map(|x| !x.is_empty()));
    (nulls.null_count() > 0).then_some(nulls)
}

/// Reads the seven position columns (state columns or the fields of a position struct).
///
/// Rows null in `parent` (a struct's own validity) are empty, whatever their fields hold.
fn positions_from(
    function: &'static str,
    names: &Fields,
    cols: &[ArrayRef],
    parent: Option<&NullBuffer>,
    out: &mut Vec<BulkPosition>,
) -> Result<()> {
    arity(function, "state columns", 7, cols.len())?;
    let n = |i: usize| names.get(i).map_or("?", |f| f.name().as_str());
    let made = column::<Int64Type>(function, n(0), &cols[0])?;
    let live = column::<UInt32Type>(function, n(1), &cols[1])?;
    let revisions = column::<UInt32Type>(function, n(2), &cols[2])?;
    let env_lo = column::<UInt64Type>(function, n(3), &cols[3])?;
    let env_hi = column::<UInt64Type>(function, n(4), &cols[4])?;
    let cons_lo = column::<UInt64Type>(function, n(5), &cols[5])?;
    let cons_hi = column::<UInt64Type>(function, n(6), &cols[6])?;
    out.reserve(live.len());
    for row in 0..live.len() {
        let parent_null = parent.is_some_and(|p| row >= p.len() || p.is_null(row));
        let Some(live) = get(live, row).filter(|&l| l > 0 && !parent_null) else {
            out.push(PositionFold::empty());
            continue;
        };
        let envelope = range(
            function,
            row,
            need(function, "envelope_lo", env_lo, row)?,
            get(env_hi, row),
        )?;
        let consensus = match get(cons_lo, row) {
            Some(lo) => Some(range(function, row, lo, get(cons_hi, row))?),
            None => None,
        };
        out.push(BulkPosition::from_parts(
            0,
            0,
            need(function, "made", made, row)?,
            live,
            need(function, "revisions", revisions, row)?,
            envelope,
            consensus,
        ));
    }
    Ok(())
}

fn position_columns(items: &[BulkPosition]) -> Vec<ArrayRef> {
    let some = |p: &BulkPosition| !p.is_empty();
    let made: Int64Array = items.iter().map(|p| some(p).then_some(p.made)).collect();
    let live: UInt32Array = items.iter().map(|p| some(p).then_some(p.live)).collect();
    let revisions: UInt32Array = items
        .iter()
        .map(|p| some(p).then_some(p.revisions))
        .collect();
    let env_lo: UInt64Array = items
        .iter()
        .map(|p| some(p).then(|| p.envelope().lo()))
        .collect();
    let env_hi: UInt64Array = items
        .iter()
        .map(|p| some(p).then(|| p.envelope().hi()).flatten())
        .collect();
    let cons_lo: UInt64Array = items
        .iter()
        .map(|p| some(p).then(|| p.consensus().map(|c| c.lo())).flatten())
        .collect();
    let cons_hi: UInt64Array = items
        .iter()
        .map(|p| {
            some(p)
                .then(|| p.consensus().and_then(|c| c.hi()))
                .flatten()
        })
        .collect();
    vec![
        Arc::new(made),
        Arc::new(live),
        Arc::new(revisions),
        Arc::new(env_lo),
        Arc::new(env_hi),
        Arc::new(cons_lo),
        Arc::new(cons_hi),
    ]
}

/// One speaker's position on one key: [`BulkPosition`] with the group's key and speaker
/// left at 0 (DataFusion holds them as the group).
pub(crate) type PositionFold = BulkPosition;

impl Fold for BulkPosition {
    const FUNCTION: &'static str = POSITION;

    fn empty() -> Self {
        BulkPosition::from_parts(0, 0, 0, 0, 0, CountRange::UNKNOWN, None)
    }

    #[inline]
    fn is_empty(&self) -> bool {
        self.live == 0
    }

    #[inline]
    fn absorb(&mut self, o: &Self) {
        BulkPosition::absorb(self, o);
    }

    fn state_fields(name: &str) -> Vec<FieldRef> {
        prefixed(name, &position_fields())
    }

    fn to_state(items: &[Self]) -> Vec<ArrayRef> {
        position_columns(items)
    }

    fn from_state(cols: &[ArrayRef], out: &mut Vec<Self>) -> Result<()> {
        positions_from(POSITION, &position_fields(), cols, None, out)
    }

    fn from_input(
        cols: &[ArrayRef],
        filter: Option<&BooleanArray>,
        out: &mut Vec<Self>,
    ) -> Result<()> {
        arity(POSITION, "arguments", 3, cols.len())?;
        let made = column::<Int64Type>(POSITION, "made", &cols[0])?;
        let lo = column::<UInt64Type>(POSITION, "lo", &cols[1])?;
        let hi = column::<UInt64Type>(POSITION, "hi", &cols[2])?;
        out.reserve(made.len());
        for row in 0..made.len() {
            if !kept(filter, row) {
                out.push(Self::empty());
                continue;
            }
            let made = need(POSITION, "made", made, row)?;
            let r = range(POSITION, row, need(POSITION, "lo", lo, row)?, get(hi, row))?;
            out.push(BulkPosition::of(&BulkReading::new(0, 0, made, r)));
        }
        Ok(())
    }

    fn output_type() -> DataType {
        DataType::Struct(position_fields())
    }

    fn evaluate(items: &[Self]) -> Result<ArrayRef> {
        Ok(Arc::new(StructArray::try_new(
            position_fields(),
            position_columns(items),
            validity(items),
        )?))
    }
}

/// A key's summary over some of its speakers: [`KeySummary`] with the key left at 0.
pub(crate) type SummaryFold = KeySummary;

fn summary_columns(items: &[KeySummary]) -> Vec<ArrayRef> {
    let some = |k: &KeySummary| !Fold::is_empty(k);
    let live: UInt32Array = items.iter().map(|k| some(k).then_some(k.live)).collect();
    let superseded: UInt32Array = items
        .iter()
        .map(|k| some(k).then_some(k.superseded))
        .collect();
    let speakers: UInt32Array = items
        .iter()
        .map(|k| some(k).then_some(k.speakers))
        .collect();
    let env_lo: UInt64Array = items
        .iter()
        .map(|k| some(k).then_some(k.envelope.lo()))
        .collect();
    let env_hi: UInt64Array = items
        .iter()
        .map(|k| some(k).then(|| k.envelope.hi()).flatten())
        .collect();
    let cons_lo: UInt64Array = items
        .iter()
        .map(|k| some(k).then(|| k.consensus.map(|c| c.lo())).flatten())
        .collect();
    let cons_hi: UInt64Array = items
        .iter()
        .map(|k| some(k).then(|| k.consensus.and_then(|c| c.hi())).flatten())
        .collect();
    vec![
        Arc::new(live),
        Arc::new(superseded),
        Arc::new(speakers),
        Arc::new(env_lo),
        Arc::new(env_hi),
        Arc::new(cons_lo),
        Arc::new(cons_hi),
    ]
}

impl Fold for KeySummary {
    const FUNCTION: &'static str = SUMMARY;

    fn empty() -> Self {
        KeySummary::from_parts(0, 0, 0, 0, CountRange::UNKNOWN, None)
    }

    #[inline]
    fn is_empty(&self) -> bool {
        self.speakers == 0
    }

    #[inline]
    fn absorb(&mut self, o: &Self) {
        KeySummary::absorb(self, o);
    }

    fn state_fields(name: &str) -> Vec<FieldRef> {
        prefixed(name, &summary_state_fields())
    }

    fn to_state(items: &[Self]) -> Vec<ArrayRef> {
        summary_columns(items)
    }

    fn from_state(cols: &[ArrayRef], out: &mut Vec<Self>) -> Result<()> {
        arity(SUMMARY, "state columns", 7, cols.len())?;
        let live = column::<UInt32Type>(SUMMARY, "live", &cols[0])?;
        let superseded = column::<UInt32Type>(SUMMARY, "superseded", &cols[1])?;
        let speakers = column::<UInt32Type>(SUMMARY, "speakers", &cols[2])?;
        let env_lo = column::<UInt64Type>(SUMMARY, "envelope_lo", &cols[3])?;
        let env_hi = column::<UInt64Type>(SUMMARY, "envelope_hi", &cols[4])?;
        let cons_lo = column::<UInt64Type>(SUMMARY, "consensus_lo", &cols[5])?;
        let cons_hi = column::<UInt64Type>(SUMMARY, "consensus_hi", &cols[6])?;
        out.reserve(speakers.len());
        for row in 0..speakers.len() {
            let Some(speakers) = get(speakers, row).filter(|&s| s > 0) else {
                out.push(Self::empty());
                continue;
            };
            let envelope = range(
                SUMMARY,
                row,
                need(SUMMARY, "envelope_lo", env_lo, row)?,
                get(env_hi, row),
            )?;
            let consensus = match get(cons_lo, row) {
                Some(lo) => Some(range(SUMMARY, row, lo, get(cons_hi, row))?),
                None => None,
            };
            out.push(KeySummary::from_parts(
                0,
                need(SUMMARY, "live", live, row)?,
                need(SUMMARY, "superseded", superseded, row)?,
                speakers,
                envelope,
                consensus,
            ));
        }
        Ok(())
    }

    fn from_input(
        cols: &[ArrayRef],
        filter: Option<&BooleanArray>,
        out: &mut Vec<Self>,
    ) -> Result<()> {
        arity(SUMMARY, "arguments", 1, cols.len())?;
        let Some(s) = cols[0].as_struct_opt() else {
            return Err(Error::Type {
                function: SUMMARY,
                column: "position".into(),
                expected: PositionFold::output_type(),
                got: cols[0].data_type().clone(),
            }
            .into());
        };
        let mut positions = Vec::with_capacity(s.len());
        positions_from(
            SUMMARY,
            &position_fields(),
            s.columns(),
            s.nulls(),
            &mut positions,
        )?;
        out.reserve(positions.len());
        for (row, p) in positions.iter().enumerate() {
            if !kept(filter, row) || p.is_empty() {
                out.push(Self::empty());
            } else {
                out.push(KeySummary::of_position(p));
            }
        }
        Ok(())
    }

    fn output_type() -> DataType {
        DataType::Struct(summary_fields())
    }

    fn evaluate(items: &[Self]) -> Result<ArrayRef> {
        let mut cols = summary_columns(items);
        let conflict: BooleanArray = items
            .iter()
            .map(|k| (!Fold::is_empty(k)).then(|| k.is_conflict()))
            .collect();
        cols.push(Arc::new(conflict));
        Ok(Arc::new(StructArray::try_new(
            summary_fields(),
            cols,
            validity(items),
        )?))
    }
}

/// The accumulator of one group (no GROUP BY, windows, and DataFusion's fallbacks).
#[derive(Debug)]
pub(crate) struct One<F: Fold> {
    value: F,
    buf: Vec<F>,
}

impl<F: Fold> One<F> {
    pub(crate) fn new() -> Self {
        One {
            value: F::empty(),
            buf: Vec::new(),
        }
    }
}

impl<F: Fold> Accumulator for One<F> {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        self.buf.clear();
        F::from_input(values, None, &mut self.buf)?;
        for x in &self.buf {
            F::merge_into(&mut self.value, x);
        }
        Ok(())
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        ScalarValue::try_from_array(&F::evaluate(std::slice::from_ref(&self.value))?, 0)
    }

    fn size(&self) -> usize {
        size_of::<Self>() + self.buf.capacity() * size_of::<F>()
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        F::to_state(std::slice::from_ref(&self.value))
            .iter()
            .map(|a| ScalarValue::try_from_array(a, 0))
            .collect()
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        self.buf.clear();
        F::from_state(states, &mut self.buf)?;
        for x in &self.buf {
            F::merge_into(&mut self.value, x);
        }
        Ok(())
    }
}

/// The accumulator of many groups: one value per group index, in a vector.
#[derive(Debug)]
pub(crate) struct Groups<F: Fold> {
    slots: Vec<F>,
    buf: Vec<F>,
}

impl<F: Fold> Groups<F> {
    pub(crate) fn new() -> Self {
        Groups {
            slots: Vec::new(),
            buf: Vec::new(),
        }
    }

    fn fold(&mut self, group_indices: &[usize], total_num_groups: usize) -> Result<()> {
        if self.slots.len() < total_num_groups {
            self.slots.resize(total_num_groups, F::empty());
        }
        for (g, x) in group_indices.iter().zip(&self.buf) {
            let Some(slot) = self.slots.get_mut(*g) else {
                return Err(datafusion::error::DataFusionError::Internal(format!(
                    "{}: group index {g} beyond {total_num_groups} groups",
                    F::FUNCTION
                )));
            };
            F::merge_into(slot, x);
        }
        Ok(())
    }
}

impl<F: Fold> GroupsAccumulator for Groups<F> {
    fn update_batch(
        &mut self,
        values: &[ArrayRef],
        group_indices: &[usize],
        opt_filter: Option<&BooleanArray>,
        total_num_groups: usize,
    ) -> Result<()> {
        self.buf.clear();
        F::from_input(values, opt_filter, &mut self.buf)?;
        self.fold(group_indices, total_num_groups)
    }

    fn evaluate(&mut self, emit_to: EmitTo) -> Result<ArrayRef> {
        F::evaluate(&emit_to.take_needed(&mut self.slots))
    }

    fn state(&mut self, emit_to: EmitTo) -> Result<Vec<ArrayRef>> {
        Ok(F::to_state(&emit_to.take_needed(&mut self.slots)))
    }

    fn merge_batch(
        &mut self,
        values: &[ArrayRef],
        group_indices: &[usize],
        total_num_groups: usize,
    ) -> Result<()> {
        self.buf.clear();
        F::from_state(values, &mut self.buf)?;
        self.fold(group_indices, total_num_groups)
    }

    fn convert_to_state(
        &self,
        values: &[ArrayRef],
        opt_filter: Option<&BooleanArray>,
    ) -> Result<Vec<ArrayRef>> {
        let mut rows = Vec::new();
        F::from_input(values, opt_filter, &mut rows)?;
        Ok(F::to_state(&rows))
    }

    fn size(&self) -> usize {
        (self.slots.capacity() + self.buf.capacity()) * size_of::<F>()
    }
}
