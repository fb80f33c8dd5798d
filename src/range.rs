//! Integer ranges of counts, possibly unbounded above.
//!
//! ```
//! use contested::CountRange;
//!
//! let armenia: CountRange = "49..".parse()?;
//! let total: CountRange = "90..=110".parse()?;
//! let azerbaijan = CountRange::exact(50);
//! // HC4 revise: Armenia <= total - Azerbaijan.
//! let narrowed = armenia.intersect(&total.minus(&azerbaijan).unwrap()).unwrap();
//! assert_eq!(narrowed.to_string(), "49..=60");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::RangeError;

/// A non-empty range of counts `lo..=hi`, or `lo..` when unbounded above.
///
/// # Invariant
///
/// `lo <= hi` whenever `hi` is bounded; the constructors refuse anything else, and
/// deserialization goes through [`CountRange::new`], so no inverted range can exist.
///
/// All arithmetic saturates or becomes unbounded; nothing wraps and nothing panics.
///
/// ```
/// use contested::CountRange;
///
/// let r = CountRange::new(40, Some(60))?;
/// assert!(r.contains(50));
/// assert_eq!(r.to_string().parse::<CountRange>()?, r);
/// assert!(CountRange::new(60, Some(40)).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(try_from = "crate::objects::ObjectOnly<RawRange>", into = "RawRange")]
pub struct CountRange {
    lo: u64,
    hi: Option<u64>,
}

#[derive(Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct RawRange {
    lo: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    hi: Option<u64>,
}

impl TryFrom<crate::objects::ObjectOnly<RawRange>> for CountRange {
    type Error = RangeError;
    /// A range is read only from a JSON object, never from an array of its fields.
    fn try_from(raw: crate::objects::ObjectOnly<RawRange>) -> Result<Self, RangeError> {
        CountRange::try_from(raw.0)
    }
}

impl TryFrom<RawRange> for CountRange {
    type Error = RangeError;
    fn try_from(raw: RawRange) -> Result<Self, RangeError> {
        CountRange::new(raw.lo, raw.hi)
    }
}

impl From<CountRange> for RawRange {
    fn from(r: CountRange) -> Self {
        RawRange { lo: r.lo, hi: r.hi }
    }
}

impl Default for CountRange {
    /// The range that says nothing: `0..`.
    fn default() -> Self {
        CountRange::UNKNOWN
    }
}

impl CountRange {
    /// `0..`: any count at all.
    pub const UNKNOWN: CountRange = CountRange { lo: 0, hi: None };

    /// `lo..=hi`, or `lo..` when `hi` is `None`.
    ///
    /// # Errors
    ///
    /// [`RangeError::Inverted`] when `hi < lo`.
    ///
    /// ```
    /// # use contested::CountRange;
    /// assert_eq!(CountRange::new(3, None)?.to_string(), "3..");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(lo: u64, hi: Option<u64>) -> Result<Self, RangeError> {
        match hi {
            Some(h) if h < lo => Err(RangeError::Inverted { lo, hi: h }),
            _ => Ok(CountRange { lo, hi }),
        }
    }

    /// Exactly `n`.
    ///
    /// ```
    /// # use contested::CountRange;
    /// assert!(CountRange::exact(50).is_exact());
    /// ```
    pub const fn exact(n: u64) -> Self {
        CountRange { lo: n, hi: Some(n) }
    }

    /// `n..`.
    ///
    /// ```
    /// # use contested::CountRange;
    /// assert_eq!(CountRange::at_least(49).hi(), None);
    /// ```
    pub const fn at_least(n: u64) -> Self {
        CountRange { lo: n, hi: None }
    }

    /// `0..=n`.
    ///
    /// ```
    /// # use contested::CountRange;
    /// assert_eq!(CountRange::at_most(7).lo(), 0);
    /// ```
    pub const fn at_most(n: u64) -> Self {
        CountRange { lo: 0, hi: Some(n) }
    }

    /// The lowest count in the range.
    ///
    /// ```
    /// # use contested::CountRange;
    /// assert_eq!(CountRange::exact(5).lo(), 5);
    /// ```
    pub const fn lo(&self) -> u64 {
        self.lo
    }

    /// The highest count, or `None` when unbounded above.
    ///
    /// ```
    /// # use contested::CountRange;
    /// assert_eq!(CountRange::exact(5).hi(), Some(5));
    /// ```
    pub const fn hi(&self) -> Option<u64> {
        self.hi
    }

    /// Whether the range holds exactly one count.
    ///
    /// ```
    /// # use contested::CountRange;
    /// assert!(!CountRange::at_least(5).is_exact());
    /// ```
    pub const fn is_exact(&self) -> bool {
        matches!(self.hi, Some(h) if h == self.lo)
    }

    /// Whether `n` lies in the range.
    ///
    /// ```
    /// # use contested::CountRange;
    /// assert!(CountRange::at_least(5).contains(u64::MAX));
    /// ```
    pub const fn contains(&self, n: u64) -> bool {
        n >= self.lo
            && match self.hi {
                Some(h) => n <= h,
                None => true,
            }
    }

    /// Whether every count of `other` lies in `self`.
    ///
    /// ```
    /// # use contested::CountRange;
    /// assert!(CountRange::at_least(5).contains_range(&CountRange::exact(9)));
    /// assert!(!CountRange::exact(9).contains_range(&CountRange::at_least(5)));
    /// ```
    pub fn contains_range(&self, other: &CountRange) -> bool {
        other.lo >= self.lo
            && match (self.hi, other.hi) {
                (None, _) => true,
                (Some(_), None) => false,
                (Some(a), Some(b)) => b <= a,
            }
    }

    /// The counts in both ranges, or `None` when they are disjoint.
    ///
    /// ```
    /// # use contested::CountRange;
    /// let a = CountRange::at_least(49);
    /// assert_eq!(a.intersect(&CountRange::at_most(60)), Some(CountRange::new(49, Some(60))?));
    /// assert_eq!(a.intersect(&CountRange::exact(3)), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn intersect(&self, other: &CountRange) -> Option<CountRange> {
        let lo = self.lo.max(other.lo);
        let hi = match (self.hi, other.hi) {
            (None, h) | (h, None) => h,
            (Some(a), Some(b)) => Some(a.min(b)),
        };
        CountRange::new(lo, hi).ok()
    }

    /// The smallest range holding both.
    ///
    /// ```
    /// # use contested::CountRange;
    /// assert_eq!(CountRange::exact(3).hull(&CountRange::exact(9)).to_string(), "3..=9");
    /// ```
    pub fn hull(&self, other: &CountRange) -> CountRange {
        let hi = match (self.hi, other.hi) {
            (Some(a), Some(b)) => Some(a.max(b)),
            _ => None,
        };
        CountRange {
            lo: self.lo.min(other.lo),
            hi,
        }
    }

    /// Every sum `a + b` with `a` in `self` and `b` in `other`.
    ///
    /// The lower bound saturates at `u64::MAX`; an upper bound that would overflow
    /// becomes unbounded. Both keep the result a superset of the true sums.
    ///
    /// ```
    /// # use contested::CountRange;
    /// let sum = CountRange::exact(50).plus(&CountRange::at_least(49));
    /// assert_eq!(sum.to_string(), "99..");
    /// assert_eq!(CountRange::exact(u64::MAX).plus(&CountRange::exact(1)).hi(), None);
    /// ```
    pub fn plus(&self, other: &CountRange) -> CountRange {
        let hi = match (self.hi, other.hi) {
            (Some(a), Some(b)) => a.checked_add(b),
            _ => None,
        };
        CountRange {
            lo: self.lo.saturating_add(other.lo),
            hi,
        }
    }

    /// Every non-negative difference `t - b` with `t` in `self` and `b` in `other`: the
    /// HC4 projection `[t̲ - b̄, t̄ - b̲]` clipped at zero. `None` when every `t` is
    /// smaller than every `b`.
    ///
    /// ```
    /// # use contested::CountRange;
    /// let total = CountRange::new(90, Some(110))?;
    /// assert_eq!(total.minus(&CountRange::exact(50)).unwrap().to_string(), "40..=60");
    /// assert_eq!(CountRange::exact(3).minus(&CountRange::exact(9)), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn minus(&self, other: &CountRange) -> Option<CountRange> {
        let lo = match other.hi {
            Some(b) => self.lo.saturating_sub(b),
            None => 0,
        };
        let hi = match self.hi {
            Some(t) => Some(t.checked_sub(other.lo)?),
            None => None,
        };
        CountRange::new(lo, hi).ok()
    }

    /// The number of counts in the range minus one, or `None` when unbounded.
    ///
    /// ```
    /// # use contested::CountRange;
    /// assert_eq!(CountRange::new(3, Some(9))?.width(), Some(6));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn width(&self) -> Option<u64> {
        self.hi.map(|h| h - self.lo)
    }
}

impl fmt::Display for CountRange {
    /// `50`, `49..` or `90..=110`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.hi {
            Some(h) if h == self.lo => write!(f, "{h}"),
            Some(h) => write!(f, "{}..={h}", self.lo),
            None => write!(f, "{}..", self.lo),
        }
    }
}

impl FromStr for CountRange {
    type Err = RangeError;

    /// Parses what [`Display`](fmt::Display) writes: `50`, `49..`, `90..=110`.
    fn from_str(s: &str) -> Result<Self, RangeError> {
        let bad = || RangeError::Syntax {
            input: s.to_owned(),
        };
        let num = |t: &str| t.trim().parse::<u64>().map_err(|_| bad());
        let t = s.trim();
        if let Some((lo, hi)) = t.split_once("..=") {
            CountRange::new(num(lo)?, Some(num(hi)?))
        } else if let Some(lo) = t.strip_suffix("..") {
            Ok(CountRange::at_least(num(lo)?))
        } else {
            Ok(CountRange::exact(num(t)?))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minus_with_unbounded_subtrahend_starts_at_zero() {
        let t = CountRange::new(90, Some(110)).unwrap();
        assert_eq!(
            t.minus(&CountRange::at_least(49)).unwrap().to_string(),
            "0..=61"
        );
    }

    #[test]
    fn minus_of_unbounded_total_is_unbounded() {
        let t = CountRange::at_least(10);
        assert_eq!(t.minus(&CountRange::exact(4)).unwrap().to_string(), "6..");
    }

    #[test]
    fn parse_rejects_garbage_and_inverted() {
        assert!(matches!(
            "x".parse::<CountRange>(),
            Err(RangeError::Syntax { .. })
        ));
        assert!(matches!(
            "9..=3".parse::<CountRange>(),
            Err(RangeError::Inverted { lo: 9, hi: 3 })
        ));
    }

    #[test]
    fn serde_refuses_inverted() {
        let e = serde_json::from_str::<CountRange>(r#"{"lo":9,"hi":3}"#).unwrap_err();
        assert!(e.to_string().contains("9"), "{e}");
        let ok: CountRange = serde_json::from_str(r#"{"lo":3}"#).unwrap();
        assert_eq!(ok, CountRange::at_least(3));
    }
}
