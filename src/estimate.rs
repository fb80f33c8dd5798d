//! Quantity phrases from reports — "at least 49", "about 100", "dozens" — and the
//! count ranges they stand for.
//!
//! An [`Estimate`] keeps the words it was read from (so nothing the source said is
//! lost) together with a structured [`EstimateKind`]. Turning it into a
//! [`CountRange`] is a separate, explicit step that takes an [`Interpretation`]:
//! how wide "about" is and what "dozens" means are judgement calls, so they are
//! configurable rather than baked in.
//!
//! ```
//! use contested::{CountRange, Estimate, Interpretation};
//!
//! let e: Estimate = "At least 49".parse()?;
//! assert_eq!(e.words(), "At least 49");
//! assert_eq!(e.default_range(), CountRange::at_least(49));
//!
//! let about: Estimate = "about 2,000".parse()?;
//! assert_eq!(about.default_range().to_string(), "1800..=2200");
//! let loose = Interpretation::default().with_tolerance_percent(25);
//! assert_eq!(about.range(&loose).to_string(), "1500..=2500");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Phrases
//!
//! Matching ignores case, surrounding whitespace and repeated inner whitespace.
//! Numbers are plain digits or digits with comma thousands separators (`2,000`,
//! `1,000,000`); malformed separators (`2,00`), signs, and trailing words
//! (`50 soldiers`) are refused.
//!
//! | phrase | kind | default range |
//! |---|---|---|
//! | `N` | [`Exact`](EstimateKind::Exact) | `N..=N` |
//! | `at least N`, `N or more`, `no fewer than N`, `no less than N` | [`AtLeast`](EstimateKind::AtLeast) | `N..` |
//! | `more than N`, `over N`, `exceeds N`, `in excess of N` | [`MoreThan`](EstimateKind::MoreThan) | `N+1..`; `N = u64::MAX` is an error |
//! | `at most N`, `no more than N` | [`AtMost`](EstimateKind::AtMost) | `0..=N` |
//! | `up to N` | [`UpTo`](EstimateKind::UpTo) | `0..=N` |
//! | `fewer than N`, `less than N`, `under N` | [`FewerThan`](EstimateKind::FewerThan) | `0..=N-1`; `N = 0` is an error |
//! | `between A and B`, `A to B`, `A-B`, `A–B` (en dash) | [`Between`](EstimateKind::Between) | `A..=B`; `A > B` is an error |
//! | `about N`, `around N`, `roughly N`, `approximately N`, `some N`, `circa N`, `c. N`, `~N` | [`About`](EstimateKind::About) | `N-t..=N+t` |
//! | `nearly N`, `almost N` | [`Nearly`](EstimateKind::Nearly) | `N-t..=N-1` (with `t >= 1`); `N = 0` is an error |
//! | `a dozen`, `dozens`, `scores`, `tens`, `hundreds`, `thousands`, `tens of thousands`, `hundreds of thousands`, `millions` (also `... of`), `a few`, `several`, `a handful` | [`Vague`](EstimateKind::Vague) | see below |
//! | `A or B` ("two or three") | [`Between`](EstimateKind::Between) | `A..=B`; `A > B` is an error |
//! | `several dozen`, `a few dozen`, `several hundred`, `a few hundred`, `several thousand`, `a few thousand`, `several million`, `a few million` | [`Between`](EstimateKind::Between) | `several` 3 to 9, `a few` 2 to 5 of the unit: `36..=108`, `24..=60`, ... |
//! | `none`, `no one`, `nobody` | [`Exact`](EstimateKind::Exact) | `0..=0` |
//! | `half a dozen` | [`About`](EstimateKind::About) | as `about 6` |
//! | `>N`, `upwards of N`, `well over N`, `just over N` | [`MoreThan`](EstimateKind::MoreThan) | as `more than N` |
//! | `>=N`, `≥N`, `N+`, `N-plus`, `N plus`, `reaches N`, `reached N`, `has reached N`, `rose to N`, `a minimum of N` | [`AtLeast`](EstimateKind::AtLeast) | `N..` |
//! | `<N`, `just under N` | [`FewerThan`](EstimateKind::FewerThan) | as `fewer than N` |
//! | `<=N`, `≤N`, `N or fewer`, `N or less`, `a maximum of N` | [`AtMost`](EstimateKind::AtMost) | `0..=N` |
//! | `as many as N` | [`UpTo`](EstimateKind::UpTo) | `0..=N` |
//! | `N or so`, `an estimated N`, `estimated N` | [`About`](EstimateKind::About) | as `about N` |
//! | `close to N`, `nearing N`, `approaching N` | [`Nearly`](EstimateKind::Nearly) | as `nearly N` |
//!
//! Any `N` may also be written in words: `three`, `forty-two`, `a hundred`, `two dozen`,
//! `three thousand five hundred`, `1.2 million`; ranges take words too (`twenty to
//! thirty`). A status word at either end (`so far`, `preliminary`, `(not final)`,
//! `final`) is kept in the words and read by [`Estimate::status`], not by the range.
//! | `best N (A to B)`, `best N (A-B)`, `best N (A–B)` | [`Best`](EstimateKind::Best) | `A..=B`, best guess `N`; `A <= N <= B` |
//! | `between A and B, at the low end` (also `at the lower end`; any range form) | [`Best`](EstimateKind::Best) | `A..=B`, best guess `A` |
//! | `between A and B, at the high end` (also `at the upper end`) | [`Best`](EstimateKind::Best) | `A..=B`, best guess `B` |
//!
//! The tolerance `t` for `N` is [`Interpretation::tolerance`]: by default 10% of
//! `N` rounded up, and never less than 1. Subtraction saturates at 0 and addition
//! at `u64::MAX`, so every `u64` is safe.
//!
//! # Vague words
//!
//! | word | default range | reading |
//! |---|---|---|
//! | `a dozen` | `10..=14` | "about twelve" |
//! | `dozens` | `12..=99` | at least a dozen, fewer than a hundred |
//! | `scores` | `40..=99` | at least two score |
//! | `tens` | `10..=99` | |
//! | `hundreds` | `100..=999` | |
//! | `thousands` | `1000..=9999` | |
//! | `a few` | `2..=5` | |
//! | `several` | `3..=9` | more than a couple, fewer than ten |
//! | `a handful` | `2..=5` | |
//! | `tens of thousands` | `10000..=99999` | |
//! | `hundreds of thousands` | `100000..=999999` | |
//! | `millions` | `1000000..=9999999` | |
//!
//! The **lower bound** of each range is the conservative figure a cautious user
//! would report. It is chosen to agree with the point values in ACLED's codebook
//! for vague fatality reports (tens = 10, dozens = 12, hundreds = 100), so taking
//! `range.lo()` reproduces ACLED's coding. Literally, "dozens" suggests 24 or more;
//! use [`Interpretation::with_vague`] if you prefer that reading.
//!
//! # Equality
//!
//! Two estimates are equal when both their kind and their words match:
//! `"at least 49"` and `"49 or more"` have the same kind but are different
//! estimates, because a report that used different words is a different report.

use std::fmt;
use std::str::FromStr;

use compact_str::CompactString;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::excerpt::excerpt;
use crate::range::CountRange;
use crate::status::CountStatus;

/// A non-numeric quantity word such as "dozens".
///
/// Displays and parses as its lower-case words (`"a dozen"`, `"dozens"`, ...);
/// parsing ignores case and surrounding whitespace.
///
/// ```
/// use contested::VagueWord;
///
/// let w: VagueWord = "Dozens".parse()?;
/// assert_eq!(w, VagueWord::Dozens);
/// assert_eq!(VagueWord::ADozen.to_string(), "a dozen");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VagueWord {
    /// "a dozen": about twelve.
    ADozen,
    /// "dozens".
    Dozens,
    /// "scores" (a score is twenty).
    Scores,
    /// "tens".
    Tens,
    /// "hundreds".
    Hundreds,
    /// "thousands".
    Thousands,
    /// "a few".
    AFew,
    /// "several".
    Several,
    /// "a handful".
    AHandful,
    /// "tens of thousands".
    TensOfThousands,
    /// "hundreds of thousands".
    HundredsOfThousands,
    /// "millions".
    Millions,
}

impl VagueWord {
    /// Every vague word, in declaration order.
    ///
    /// ```
    /// # use contested::VagueWord;
    /// assert!(VagueWord::ALL.contains(&VagueWord::Scores));
    /// ```
    pub const ALL: [VagueWord; 12] = [
        VagueWord::ADozen,
        VagueWord::Dozens,
        VagueWord::Scores,
        VagueWord::Tens,
        VagueWord::Hundreds,
        VagueWord::Thousands,
        VagueWord::AFew,
        VagueWord::Several,
        VagueWord::AHandful,
        VagueWord::TensOfThousands,
        VagueWord::HundredsOfThousands,
        VagueWord::Millions,
    ];

    /// The canonical lower-case words, as [`Display`](fmt::Display) writes them.
    ///
    /// ```
    /// # use contested::VagueWord;
    /// assert_eq!(VagueWord::Thousands.as_str(), "thousands");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            VagueWord::ADozen => "a dozen",
            VagueWord::Dozens => "dozens",
            VagueWord::Scores => "scores",
            VagueWord::Tens => "tens",
            VagueWord::Hundreds => "hundreds",
            VagueWord::Thousands => "thousands",
            VagueWord::AFew => "a few",
            VagueWord::Several => "several",
            VagueWord::AHandful => "a handful",
            VagueWord::TensOfThousands => "tens of thousands",
            VagueWord::HundredsOfThousands => "hundreds of thousands",
            VagueWord::Millions => "millions",
        }
    }

    /// The range under [`Interpretation::default`]; see the [module docs](self).
    ///
    /// ```
    /// # use contested::VagueWord;
    /// assert_eq!(VagueWord::Hundreds.default_range().to_string(), "100..=999");
    /// assert_eq!(VagueWord::Dozens.default_range().lo(), 12);
    /// ```
    pub fn default_range(self) -> CountRange {
        match self {
            VagueWord::ADozen => span(10, 14),
            VagueWord::Dozens => span(12, 99),
            VagueWord::Scores => span(40, 99),
            VagueWord::Tens => span(10, 99),
            VagueWord::Hundreds => span(100, 999),
            VagueWord::Thousands => span(1000, 9999),
            VagueWord::AFew => span(2, 5),
            VagueWord::Several => span(3, 9),
            VagueWord::AHandful => span(2, 5),
            VagueWord::TensOfThousands => span(10_000, 99_999),
            VagueWord::HundredsOfThousands => span(100_000, 999_999),
            VagueWord::Millions => span(1_000_000, 9_999_999),
        }
    }
}

impl fmt::Display for VagueWord {
    /// Writes [`VagueWord::as_str`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for VagueWord {
    type Err = ParseEstimateError;

    /// Reads the words [`Display`](fmt::Display) writes, ignoring case and extra
    /// whitespace.
    fn from_str(s: &str) -> Result<Self, ParseEstimateError> {
        let norm = normalize(s);
        if norm.is_empty() {
            return Err(ParseEstimateError::Empty);
        }
        VagueWord::ALL
            .into_iter()
            .find(|w| w.as_str() == norm)
            .ok_or_else(|| ParseEstimateError::UnknownPhrase {
                input: s.trim().to_owned(),
            })
    }
}

/// `min(a, b)..=max(a, b)`; total, so no error path is needed.
/// The centre of a vague word's range: the geometric mean of its ends, rounded to the
/// nearest integer. A word of magnitude ("dozens", "hundreds") names an order of
/// magnitude, not a point on a line: the value whose worst ratio to any count in the
/// range is smallest is `√(lo · hi)` ("a dozen", 10 to 14: 12; "dozens", 12 to 99: 34;
/// "hundreds": 316). A range from 0 has no such centre, so its midpoint is taken; an
/// open range has none at all, so its floor. Computed in `u128`: never overflows.
fn centre(r: CountRange) -> u64 {
    let Some(hi) = r.hi() else {
        return r.lo();
    };
    let lo = r.lo();
    if lo == 0 {
        return hi / 2;
    }
    let n = u128::from(lo) * u128::from(hi);
    // The integer square root by Newton's method from above, then to the nearest:
    // (k + 1/2)² = k² + k + 1/4, so n is nearer k + 1 when n - k² > k.
    let mut k = n;
    let mut next = (k + n / k) / 2;
    while next < k {
        k = next;
        next = (k + n / k) / 2;
    }
    let k = if n - k * k > k { k + 1 } else { k };
    // Between lo and hi, so it fits.
    u64::try_from(k).unwrap_or(hi).clamp(lo, hi)
}

fn span(a: u64, b: u64) -> CountRange {
    let (lo, hi) = (a.min(b), a.max(b));
    CountRange::new(lo, Some(hi)).unwrap_or(CountRange::exact(lo))
}

/// The structured meaning of a quantity phrase; see the [module docs](self) for
/// the phrases that produce each kind.
///
/// ```
/// use contested::{Estimate, EstimateKind, VagueWord};
///
/// assert_eq!("over 10".parse::<Estimate>()?.kind(), EstimateKind::MoreThan(10));
/// assert_eq!("40-60".parse::<Estimate>()?.kind(), EstimateKind::Between(40, 60));
/// assert_eq!("Dozens".parse::<Estimate>()?.kind(), EstimateKind::Vague(VagueWord::Dozens));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EstimateKind {
    /// Exactly `N`: "50".
    Exact(u64),
    /// `N` or more: "at least N".
    AtLeast(u64),
    /// Strictly more than `N`: "more than N".
    MoreThan(u64),
    /// `N` or fewer: "at most N".
    AtMost(u64),
    /// Strictly fewer than `N`: "fewer than N". `N` must be at least 1.
    FewerThan(u64),
    /// "up to N": the same range as [`AtMost`](EstimateKind::AtMost), kept apart
    /// because reports use it for a ceiling claim ("up to 300 feared dead").
    UpTo(u64),
    /// From `A` to `B` inclusive: "between A and B". `A <= B`.
    Between(u64, u64),
    /// Roughly `N`: "about N".
    About(u64),
    /// A little under `N`: "nearly N". `N` must be at least 1.
    Nearly(u64),
    /// A word with no number: "dozens".
    Vague(VagueWord),
    /// A best guess within a range, as UCDP codes its `best`, `low` and `high`:
    /// "best 100 (95 to 110)". `low <= best <= high`.
    Best {
        /// The most likely count.
        best: u64,
        /// The lowest credible count.
        low: u64,
        /// The highest credible count.
        high: u64,
    },
}

impl EstimateKind {
    /// The canonical words for this kind: `"50"`, `"at least 49"`, `"between 3 and 9"`.
    ///
    /// ```
    /// # use contested::EstimateKind;
    /// assert_eq!(EstimateKind::Nearly(100).canonical_words(), "nearly 100");
    /// ```
    pub fn canonical_words(self) -> String {
        match self {
            EstimateKind::Exact(n) => n.to_string(),
            EstimateKind::AtLeast(n) => format!("at least {n}"),
            EstimateKind::MoreThan(n) => format!("more than {n}"),
            EstimateKind::AtMost(n) => format!("at most {n}"),
            EstimateKind::FewerThan(n) => format!("fewer than {n}"),
            EstimateKind::UpTo(n) => format!("up to {n}"),
            EstimateKind::Between(a, b) => format!("between {a} and {b}"),
            EstimateKind::Best { best, low, high } => format!("best {best} ({low} to {high})"),
            EstimateKind::About(n) => format!("about {n}"),
            EstimateKind::Nearly(n) => format!("nearly {n}"),
            EstimateKind::Vague(w) => w.as_str().to_owned(),
        }
    }

    /// Whether the kind describes at least one count: `false` exactly for
    /// `Between(a, b)` with `a > b`, `FewerThan(0)` and `Nearly(0)`.
    ///
    /// ```
    /// # use contested::EstimateKind;
    /// assert!(EstimateKind::Between(3, 9).is_satisfiable());
    /// assert!(!EstimateKind::FewerThan(0).is_satisfiable());
    /// ```
    pub const fn is_satisfiable(self) -> bool {
        !matches!(
            self,
            EstimateKind::FewerThan(0) | EstimateKind::Nearly(0) | EstimateKind::MoreThan(u64::MAX)
        ) && !matches!(self, EstimateKind::Between(a, b) if a > b)
            && !matches!(self, EstimateKind::Best { best, low, high } if low > best || best > high)
    }
}

/// How to turn an [`Estimate`] into a [`CountRange`]: the width of "about" and the
/// ranges of the vague words.
///
/// The [`Default`] is the table in the [module docs](self): tolerance 10% rounded
/// up, at least 1. Setters consume and return `self` for chaining.
///
/// ```
/// use contested::{CountRange, Estimate, Interpretation, VagueWord};
///
/// let how = Interpretation::default()
///     .with_tolerance_percent(20)
///     .with_min_tolerance(5)
///     .with_vague(VagueWord::Dozens, CountRange::new(24, Some(99))?);
/// assert_eq!(Estimate::about(10).range(&how).to_string(), "5..=15");
/// assert_eq!("dozens".parse::<Estimate>()?.range(&how).lo(), 24);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
pub struct Interpretation {
    tolerance_percent: u32,
    min_tolerance: u64,
    a_dozen: CountRange,
    dozens: CountRange,
    scores: CountRange,
    tens: CountRange,
    hundreds: CountRange,
    thousands: CountRange,
    a_few: CountRange,
    several: CountRange,
    a_handful: CountRange,
    tens_of_thousands: CountRange,
    hundreds_of_thousands: CountRange,
    millions: CountRange,
}

impl Default for Interpretation {
    /// Tolerance 10%, at least 1, and the vague-word table in the [module docs](self).
    fn default() -> Self {
        Interpretation {
            tolerance_percent: 10,
            min_tolerance: 1,
            a_dozen: VagueWord::ADozen.default_range(),
            dozens: VagueWord::Dozens.default_range(),
            scores: VagueWord::Scores.default_range(),
            tens: VagueWord::Tens.default_range(),
            hundreds: VagueWord::Hundreds.default_range(),
            thousands: VagueWord::Thousands.default_range(),
            a_few: VagueWord::AFew.default_range(),
            several: VagueWord::Several.default_range(),
            a_handful: VagueWord::AHandful.default_range(),
            tens_of_thousands: VagueWord::TensOfThousands.default_range(),
            hundreds_of_thousands: VagueWord::HundredsOfThousands.default_range(),
            millions: VagueWord::Millions.default_range(),
        }
    }
}

impl Interpretation {
    /// Sets the tolerance of "about" to `percent` of `N`, rounded up. Values above
    /// 100 are allowed; the range's lower end then saturates at 0.
    ///
    /// ```
    /// # use contested::{Estimate, Interpretation};
    /// let how = Interpretation::default().with_tolerance_percent(50);
    /// assert_eq!(Estimate::about(100).range(&how).to_string(), "50..=150");
    /// ```
    #[must_use]
    pub fn with_tolerance_percent(mut self, percent: u32) -> Self {
        self.tolerance_percent = percent;
        self
    }

    /// Sets the smallest tolerance, whatever the percentage gives. With 0 (and 0%),
    /// "about N" means exactly `N`.
    ///
    /// ```
    /// # use contested::{Estimate, Interpretation};
    /// let how = Interpretation::default().with_min_tolerance(3);
    /// assert_eq!(Estimate::about(5).range(&how).to_string(), "2..=8");
    /// ```
    #[must_use]
    pub fn with_min_tolerance(mut self, min: u64) -> Self {
        self.min_tolerance = min;
        self
    }

    /// Sets the range that the vague word `word` stands for.
    ///
    /// ```
    /// # use contested::{CountRange, Estimate, Interpretation, VagueWord};
    /// let how = Interpretation::default().with_vague(VagueWord::Tens, CountRange::at_least(10));
    /// assert_eq!("tens".parse::<Estimate>()?.range(&how), CountRange::at_least(10));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    #[must_use]
    pub fn with_vague(mut self, word: VagueWord, range: CountRange) -> Self {
        *self.vague_slot(word) = range;
        self
    }

    /// The tolerance percentage.
    ///
    /// ```
    /// # use contested::Interpretation;
    /// assert_eq!(Interpretation::default().tolerance_percent(), 10);
    /// ```
    pub fn tolerance_percent(&self) -> u32 {
        self.tolerance_percent
    }

    /// The smallest tolerance.
    ///
    /// ```
    /// # use contested::Interpretation;
    /// assert_eq!(Interpretation::default().min_tolerance(), 1);
    /// ```
    pub fn min_tolerance(&self) -> u64 {
        self.min_tolerance
    }

    /// The range the vague word `word` stands for.
    ///
    /// ```
    /// # use contested::{Interpretation, VagueWord};
    /// assert_eq!(Interpretation::default().vague(VagueWord::Scores).to_string(), "40..=99");
    /// ```
    pub fn vague(&self, word: VagueWord) -> CountRange {
        match word {
            VagueWord::ADozen => self.a_dozen,
            VagueWord::Dozens => self.dozens,
            VagueWord::Scores => self.scores,
            VagueWord::Tens => self.tens,
            VagueWord::Hundreds => self.hundreds,
            VagueWord::Thousands => self.thousands,
            VagueWord::AFew => self.a_few,
            VagueWord::Several => self.several,
            VagueWord::AHandful => self.a_handful,
            VagueWord::TensOfThousands => self.tens_of_thousands,
            VagueWord::HundredsOfThousands => self.hundreds_of_thousands,
            VagueWord::Millions => self.millions,
        }
    }

    fn vague_slot(&mut self, word: VagueWord) -> &mut CountRange {
        match word {
            VagueWord::ADozen => &mut self.a_dozen,
            VagueWord::Dozens => &mut self.dozens,
            VagueWord::Scores => &mut self.scores,
            VagueWord::Tens => &mut self.tens,
            VagueWord::Hundreds => &mut self.hundreds,
            VagueWord::Thousands => &mut self.thousands,
            VagueWord::AFew => &mut self.a_few,
            VagueWord::Several => &mut self.several,
            VagueWord::AHandful => &mut self.a_handful,
            VagueWord::TensOfThousands => &mut self.tens_of_thousands,
            VagueWord::HundredsOfThousands => &mut self.hundreds_of_thousands,
            VagueWord::Millions => &mut self.millions,
        }
    }

    /// The tolerance `t` for "about n": `ceil(n * percent / 100)`, raised to the
    /// minimum tolerance, capped at `u64::MAX`. Computed in `u128`, so it never
    /// overflows.
    ///
    /// ```
    /// # use contested::Interpretation;
    /// let how = Interpretation::default();
    /// assert_eq!(how.tolerance(100), 10);
    /// assert_eq!(how.tolerance(101), 11); // 10.1 rounds up
    /// assert_eq!(how.tolerance(3), 1); // the minimum
    /// assert_eq!(how.tolerance(u64::MAX), u64::MAX / 10 + 1);
    /// ```
    pub fn tolerance(&self, n: u64) -> u64 {
        let scaled = u128::from(n) * u128::from(self.tolerance_percent);
        let t = scaled.div_ceil(100);
        u64::try_from(t).unwrap_or(u64::MAX).max(self.min_tolerance)
    }
}

/// Why a phrase could not be read as an [`Estimate`].
///
/// ```
/// use contested::{Estimate, ParseEstimateError};
///
/// let err = "between 9 and 3".parse::<Estimate>().unwrap_err();
/// assert!(matches!(err, ParseEstimateError::EmptyRange { .. }));
/// assert!(err.to_string().contains("between 9 and 3"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum ParseEstimateError {
    /// The input is empty or only whitespace.
    #[error("empty estimate: expected a quantity phrase such as \"at least 49\"")]
    Empty,
    /// The input is not a phrase this module knows (including a number followed by
    /// other words, such as "50 soldiers").
    #[error("unknown quantity phrase {input:?}")]
    UnknownPhrase {
        /// The input, trimmed, cut to an excerpt with its length when long.
        input: String,
    },
    /// A known phrase lacks its number: "at least", "between 3".
    #[error("quantity phrase {input:?} is missing a number")]
    MissingNumber {
        /// The input, trimmed, cut to an excerpt with its length when long.
        input: String,
    },
    /// Where a number belongs there is something else: "at least x", "2,00".
    #[error(
        "quantity phrase {input:?}: {text:?} is not a number (digits, optionally with comma thousands separators)"
    )]
    InvalidNumber {
        /// The input, trimmed, cut to an excerpt with its length when long.
        input: String,
        /// The part that should have been a number (lower-cased, whitespace collapsed),
        /// cut to an excerpt when long.
        text: String,
    },
    /// The number does not fit in a `u64`.
    #[error("quantity phrase {input:?}: {text:?} is too large (the maximum is {max})", max = u64::MAX)]
    NumberTooLarge {
        /// The input, trimmed, cut to an excerpt with its length when long.
        input: String,
        /// The number as written, cut to an excerpt when long.
        text: String,
    },
    /// The phrase describes no count at all: "between 9 and 3", "fewer than 0",
    /// "nearly 0", "more than 18446744073709551615" (no count is above `u64::MAX`).
    #[error("quantity phrase {input:?} describes no possible count")]
    EmptyRange {
        /// The input, trimmed (or the canonical words of a refused kind).
        input: String,
    },
    /// A negative number: "-1", "at least -5". Counts are never negative.
    #[error("quantity phrase {input:?}: a count cannot be negative")]
    Negative {
        /// The input, trimmed, cut to an excerpt with its length when long.
        input: String,
    },
}

/// A quantity phrase from a report, with the words it came from.
///
/// # Invariant
///
/// The kind always describes at least one count ([`EstimateKind::is_satisfiable`]);
/// [`Estimate::new`], parsing and deserialization all refuse anything else. The
/// words always parse back to the same kind, so `Display` then `FromStr` gives back
/// an equal estimate.
///
/// Serializes as its words (`"at least 49"`) and deserializes by parsing them.
///
/// ```
/// use contested::{CountRange, Estimate, EstimateKind};
///
/// let e: Estimate = "  More than 1,000 ".parse()?;
/// assert_eq!(e.kind(), EstimateKind::MoreThan(1000));
/// assert_eq!(e.words(), "More than 1,000");
/// assert_eq!(e.default_range(), CountRange::at_least(1001));
/// assert_eq!(e.to_string().parse::<Estimate>()?, e);
/// assert_eq!(serde_json::to_string(&e)?, r#""More than 1,000""#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(into = "String")]
pub struct Estimate {
    kind: EstimateKind,
    words: CompactString,
}

impl Estimate {
    /// An estimate of kind `kind`, with its canonical words
    /// ([`EstimateKind::canonical_words`]).
    ///
    /// # Errors
    ///
    /// [`ParseEstimateError::EmptyRange`] when the kind describes no count:
    /// `Between(a, b)` with `a > b`, `FewerThan(0)`, `Nearly(0)`, `MoreThan(u64::MAX)`.
    ///
    /// ```
    /// use contested::{Estimate, EstimateKind};
    ///
    /// let e = Estimate::new(EstimateKind::AtLeast(49))?;
    /// assert_eq!(e.words(), "at least 49");
    /// assert!(Estimate::new(EstimateKind::Between(9, 3)).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(kind: EstimateKind) -> Result<Self, ParseEstimateError> {
        let words = kind.canonical_words();
        if kind.is_satisfiable() {
            Ok(Estimate {
                kind,
                words: words.into(),
            })
        } else {
            Err(ParseEstimateError::EmptyRange { input: words })
        }
    }

    /// Exactly `n`, with words `"n"`.
    ///
    /// ```
    /// # use contested::Estimate;
    /// assert_eq!(Estimate::exact(50).to_string(), "50");
    /// ```
    pub fn exact(n: u64) -> Self {
        Self::infallible(EstimateKind::Exact(n))
    }

    /// `n` or more, with words `"at least n"`.
    ///
    /// ```
    /// # use contested::Estimate;
    /// assert_eq!(Estimate::at_least(49).to_string(), "at least 49");
    /// ```
    pub fn at_least(n: u64) -> Self {
        Self::infallible(EstimateKind::AtLeast(n))
    }

    /// Roughly `n`, with words `"about n"`.
    ///
    /// ```
    /// # use contested::Estimate;
    /// assert_eq!(Estimate::about(100).default_range().to_string(), "90..=110");
    /// ```
    pub fn about(n: u64) -> Self {
        Self::infallible(EstimateKind::About(n))
    }

    /// For kinds that are satisfiable for every argument.
    fn infallible(kind: EstimateKind) -> Self {
        Estimate {
            kind,
            words: CompactString::from(kind.canonical_words()),
        }
    }

    /// The structured meaning.
    ///
    /// ```
    /// # use contested::{Estimate, EstimateKind};
    /// assert_eq!("under 5".parse::<Estimate>()?.kind(), EstimateKind::FewerThan(5));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn kind(&self) -> EstimateKind {
        self.kind
    }

    /// The words, as given (trimmed) or canonical for constructed estimates.
    ///
    /// ```
    /// # use contested::Estimate;
    /// assert_eq!("~ 50".parse::<Estimate>()?.words(), "~ 50");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn words(&self) -> &str {
        &self.words
    }

    /// The status its words name, if any: `"19 so far"` is
    /// [`Running`](CountStatus::Running), `"final: 412"` [`Final`](CountStatus::Final).
    ///
    /// ```
    /// use contested::{CountStatus, Estimate};
    ///
    /// assert_eq!("19 so far".parse::<Estimate>()?.status(), CountStatus::Running);
    /// assert_eq!("19".parse::<Estimate>()?.status(), CountStatus::Unstated);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn status(&self) -> CountStatus {
        CountStatus::split(&self.words)
            .1
            .unwrap_or(CountStatus::Unstated)
    }

    /// The counts the estimate allows under `how`; see the [module docs](self) for
    /// the table. Never panics, never overflows, never empty.
    ///
    /// `more than u64::MAX` saturates to `u64::MAX..`.
    ///
    /// ```
    /// use contested::{Estimate, Interpretation};
    ///
    /// let how = Interpretation::default().with_tolerance_percent(5);
    /// assert_eq!("nearly 200".parse::<Estimate>()?.range(&how).to_string(), "190..=199");
    /// assert_eq!("about 200".parse::<Estimate>()?.range(&how).to_string(), "190..=210");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn range(&self, how: &Interpretation) -> CountRange {
        match self.kind {
            EstimateKind::Exact(n) => CountRange::exact(n),
            EstimateKind::AtLeast(n) => CountRange::at_least(n),
            EstimateKind::MoreThan(n) => CountRange::at_least(n.saturating_add(1)),
            EstimateKind::AtMost(n) | EstimateKind::UpTo(n) => CountRange::at_most(n),
            EstimateKind::FewerThan(n) => CountRange::at_most(n.saturating_sub(1)),
            EstimateKind::Between(a, b) => span(a, b),
            EstimateKind::Best { low, high, .. } => span(low, high),
            EstimateKind::About(n) => {
                let t = how.tolerance(n);
                span(n.saturating_sub(t), n.saturating_add(t))
            }
            EstimateKind::Nearly(n) => {
                let t = how.tolerance(n).max(1);
                span(n.saturating_sub(t), n.saturating_sub(1))
            }
            EstimateKind::Vague(w) => how.vague(w),
        }
    }

    /// The number the words name, for a point figure: `N` for `N`, `about N`, `at least N`,
    /// `at most N` and `up to N`; `N + 1` for `more than N`; `N - 1` for `fewer than N`
    /// and `nearly N`; the midpoint for `between A and B`; `N` for `best N (A to B)`; and
    /// for a vague word the centre of its default range, the geometric mean of its ends
    /// ("a dozen" 12, "dozens" 34, "hundreds" 316: a word of magnitude names an order of
    /// magnitude, and `√(lo · hi)` is the value whose worst ratio to any count the word
    /// allows is smallest; [`Estimate::central`] takes the range from an
    /// interpretation). Saturating, never panics.
    ///
    /// ```
    /// # use contested::Estimate;
    /// assert_eq!("about 100".parse::<Estimate>()?.nominal(), 100);
    /// assert_eq!("between 40 and 61".parse::<Estimate>()?.nominal(), 50);
    /// assert_eq!("a dozen".parse::<Estimate>()?.nominal(), 12);
    /// assert_eq!("dozens".parse::<Estimate>()?.nominal(), 34);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn nominal(&self) -> u64 {
        self.central(&Interpretation::default())
    }

    /// [`Estimate::nominal`], with a vague word's range as `how` reads it: the centre
    /// of that range (its geometric mean; its midpoint when it starts at 0, its floor
    /// when it is open). The best figure of a reconciliation takes each count's number
    /// this way.
    ///
    /// ```
    /// # use contested::{Estimate, Interpretation, VagueWord, CountRange};
    /// let how = Interpretation::default().with_vague(VagueWord::Dozens, CountRange::new(24, Some(96))?);
    /// assert_eq!("dozens".parse::<Estimate>()?.central(&how), 48);
    /// assert_eq!("about 100".parse::<Estimate>()?.central(&how), 100);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn central(&self, how: &Interpretation) -> u64 {
        match self.kind {
            EstimateKind::Exact(n)
            | EstimateKind::AtLeast(n)
            | EstimateKind::AtMost(n)
            | EstimateKind::UpTo(n)
            | EstimateKind::About(n) => n,
            EstimateKind::MoreThan(n) => n.saturating_add(1),
            EstimateKind::FewerThan(n) | EstimateKind::Nearly(n) => n.saturating_sub(1),
            EstimateKind::Between(a, b) => a + (b.saturating_sub(a)) / 2,
            EstimateKind::Best { best, .. } => best,
            EstimateKind::Vague(w) => centre(how.vague(w)),
        }
    }

    /// [`Estimate::range`] under [`Interpretation::default`].
    ///
    /// ```
    /// # use contested::Estimate;
    /// assert_eq!("a dozen".parse::<Estimate>()?.default_range().to_string(), "10..=14");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn default_range(&self) -> CountRange {
        self.range(&Interpretation::default())
    }
}

impl fmt::Display for Estimate {
    /// Writes the words.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.words)
    }
}

impl FromStr for Estimate {
    type Err = ParseEstimateError;

    /// Reads a phrase from the table in the [module docs](self), keeping the trimmed
    /// input as the words.
    fn from_str(s: &str) -> Result<Self, ParseEstimateError> {
        let input = s.trim();
        let kind = parse_kind(input)?;
        if kind.is_satisfiable() {
            Ok(Estimate {
                kind,
                words: CompactString::from(input),
            })
        } else {
            Err(ParseEstimateError::EmptyRange {
                input: excerpt(input),
            })
        }
    }
}

impl TryFrom<String> for Estimate {
    type Error = ParseEstimateError;

    /// Parses the string, as [`FromStr`] does.
    fn try_from(s: String) -> Result<Self, ParseEstimateError> {
        s.parse()
    }
}

impl From<Estimate> for String {
    /// The estimate's words.
    fn from(e: Estimate) -> Self {
        e.words.into()
    }
}

impl<'de> Deserialize<'de> for Estimate {
    /// Parses the words, as [`FromStr`] does, straight from the input text.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Words;
        impl serde::de::Visitor<'_> for Words {
            type Value = Estimate;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a quantity phrase such as \"at least 49\" or \"about 100\"")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Estimate, E> {
                s.parse().map_err(E::custom)
            }
        }
        d.deserialize_str(Words)
    }
}

/// Lower-case, with whitespace runs collapsed to one space and the ends trimmed.
fn normalize(s: &str) -> CompactString {
    // One pass into an inline string: quantity phrases are short, so this allocates
    // nothing on the hot path of bulk ingest; ASCII (nearly every phrase) skips Unicode
    // case mapping.
    let mut out = CompactString::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        if word.is_ascii() {
            out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            out.extend(word.chars().flat_map(char::to_lowercase));
        }
    }
    out
}

/// Words after a range that put its best guess at one end (`true`: the low end).
const END_SUFFIXES: [(&str, bool); 4] = [
    (" at the low end", true),
    (" at the lower end", true),
    (" at the high end", false),
    (" at the upper end", false),
];

/// A phrase prefix, whether it may touch the number, and the kind it builds.
type Prefix = (&'static str, bool, fn(u64) -> EstimateKind);

/// Prefixes taking one number, with the kind each builds. Prefixes marked `true`
/// may be written directly against the number ("~50", "c.50").
const PREFIXES: &[Prefix] = &[
    (">=", true, EstimateKind::AtLeast),
    ("\u{2265}", true, EstimateKind::AtLeast),
    ("<=", true, EstimateKind::AtMost),
    ("\u{2264}", true, EstimateKind::AtMost),
    (">", true, EstimateKind::MoreThan),
    ("<", true, EstimateKind::FewerThan),
    ("at least", false, EstimateKind::AtLeast),
    ("a minimum of", false, EstimateKind::AtLeast),
    ("has reached", false, EstimateKind::AtLeast),
    ("reached", false, EstimateKind::AtLeast),
    ("reaches", false, EstimateKind::AtLeast),
    ("rose to", false, EstimateKind::AtLeast),
    ("upwards of", false, EstimateKind::MoreThan),
    ("well over", false, EstimateKind::MoreThan),
    ("just over", false, EstimateKind::MoreThan),
    ("more then", false, EstimateKind::MoreThan),
    ("as many as", false, EstimateKind::UpTo),
    ("a maximum of", false, EstimateKind::AtMost),
    ("just under", false, EstimateKind::FewerThan),
    ("an estimated", false, EstimateKind::About),
    ("estimated", false, EstimateKind::About),
    ("close to", false, EstimateKind::Nearly),
    ("nearing", false, EstimateKind::Nearly),
    ("approaching", false, EstimateKind::Nearly),
    ("no fewer than", false, EstimateKind::AtLeast),
    ("no less than", false, EstimateKind::AtLeast),
    ("more than", false, EstimateKind::MoreThan),
    ("over", false, EstimateKind::MoreThan),
    ("exceeds", false, EstimateKind::MoreThan),
    ("in excess of", false, EstimateKind::MoreThan),
    ("at most", false, EstimateKind::AtMost),
    ("no more than", false, EstimateKind::AtMost),
    ("up to", false, EstimateKind::UpTo),
    ("fewer than", false, EstimateKind::FewerThan),
    ("less than", false, EstimateKind::FewerThan),
    ("under", false, EstimateKind::FewerThan),
    ("about", false, EstimateKind::About),
    ("around", false, EstimateKind::About),
    ("roughly", false, EstimateKind::About),
    ("approximately", false, EstimateKind::About),
    ("some", false, EstimateKind::About),
    ("circa", false, EstimateKind::About),
    ("c.", true, EstimateKind::About),
    ("~", true, EstimateKind::About),
    ("nearly", false, EstimateKind::Nearly),
    ("almost", false, EstimateKind::Nearly),
];

/// The rest of "best N (A to B)" after "best ".
fn parse_best(
    rest: &str,
    input: &str,
    num: &dyn Fn(&str) -> Result<u64, ParseEstimateError>,
) -> Result<EstimateKind, ParseEstimateError> {
    let unknown = || ParseEstimateError::UnknownPhrase {
        input: input.to_owned(),
    };
    let (best, range) = rest.split_once('(').ok_or_else(unknown)?;
    let range = range.trim().strip_suffix(')').ok_or_else(unknown)?;
    let (low, high) = range
        .split_once(" to ")
        .or_else(|| range.split_once('-'))
        .or_else(|| range.split_once('\u{2013}'))
        .ok_or_else(unknown)?;
    Ok(EstimateKind::Best {
        best: num(best.trim())?,
        low: num(low.trim())?,
        high: num(high.trim())?,
    })
}

/// Why a piece of text is not a `u64`.
enum NumberError {
    Missing,
    Invalid,
    TooLarge,
}

/// Whether `t` could only have been meant as a number: digits and commas.
fn numberish(t: &str) -> bool {
    t.chars().all(|c| c.is_ascii_digit() || c == ',')
}

/// Whether `t` is a minus sign (hyphen, or U+2212) and then a number: "-1".
fn negative(t: &str) -> bool {
    t.strip_prefix('-')
        .or_else(|| t.strip_prefix('\u{2212}'))
        .is_some_and(|rest| {
            let rest = rest.trim_start();
            !rest.is_empty() && numberish(rest)
        })
}

/// Reads digits with optional comma thousands separators ("2,000").
fn parse_number(t: &str) -> Result<u64, NumberError> {
    if t.is_empty() {
        return Err(NumberError::Missing);
    }
    let mut groups = t.split(',');
    let first = groups.next().unwrap_or_default();
    let first_ok = !first.is_empty() && (first.len() <= 3 || !t.contains(','));
    let rest_ok = groups.all(|g| g.len() == 3);
    if !first_ok || !rest_ok || !numberish(t) {
        return Err(NumberError::Invalid);
    }
    t.bytes()
        .filter(u8::is_ascii_digit)
        .try_fold(0u64, |acc, d| {
            acc.checked_mul(10)?.checked_add(u64::from(d - b'0'))
        })
        .ok_or(NumberError::TooLarge)
}

/// "several dozen", "a few hundred", "several thousand": `several` (3 to 9) or `a few`
/// (2 to 5) of a unit (a dozen, a hundred, a thousand, a million), as the range of
/// those multiples. The default ranges of the two words are used whatever the
/// interpretation says of them alone: the product is a range of its own.
fn counted_units(bare: &str) -> Option<EstimateKind> {
    let (word, unit) = bare.split_once(' ')?;
    let (word, unit) = match (word, unit) {
        ("a", rest) => ("a few", rest.strip_prefix("few ")?),
        (w, rest) => (w, rest),
    };
    let (lo, hi) = match word {
        "several" => (3, 9),
        "a few" => (2, 5),
        _ => return None,
    };
    let unit: u64 = match unit {
        "dozen" => 12,
        "hundred" => 100,
        "thousand" => 1_000,
        "million" => 1_000_000,
        _ => return None,
    };
    Some(EstimateKind::Between(lo * unit, hi * unit))
}

fn parse_kind(input: &str) -> Result<EstimateKind, ParseEstimateError> {
    parse_kind_at(input, true)
}

/// `ends`: whether "at the low end" may follow (once: the range before it is read
/// without, so no input recurses more than one level).
fn parse_kind_at(input: &str, ends: bool) -> Result<EstimateKind, ParseEstimateError> {
    // A status word ("so far", "preliminary", "final") says where the count stands in
    // its series, not how large it is: the kind is read from the rest.
    let norm = normalize(CountStatus::split(input).0);
    if norm.is_empty() {
        return Err(ParseEstimateError::Empty);
    }
    let num = |t: &str| -> Result<u64, ParseEstimateError> {
        if negative(t) {
            return Err(ParseEstimateError::Negative {
                input: excerpt(input),
            });
        }
        let words = || crate::numeral::parse(t).ok_or(NumberError::Invalid);
        parse_number(t)
            .or_else(|e| match e {
                NumberError::Invalid => words(),
                e => Err(e),
            })
            .map_err(|e| match e {
                NumberError::Missing => ParseEstimateError::MissingNumber {
                    input: excerpt(input),
                },
                NumberError::Invalid => ParseEstimateError::InvalidNumber {
                    input: excerpt(input),
                    text: excerpt(t),
                },
                NumberError::TooLarge => ParseEstimateError::NumberTooLarge {
                    input: excerpt(input),
                    text: excerpt(t),
                },
            })
    };

    // "between 100 and 300, at the low end": the range, with its best guess at one end.
    for (suffix, low_end) in END_SUFFIXES.into_iter().filter(|_| ends) {
        if let Some(rest) = norm.strip_suffix(suffix) {
            let rest = rest.trim_end().trim_end_matches(',').trim_end();
            return match parse_kind_at(rest, false)? {
                EstimateKind::Between(low, high) => Ok(EstimateKind::Best {
                    best: if low_end { low } else { high },
                    low,
                    high,
                }),
                _ => Err(ParseEstimateError::UnknownPhrase {
                    input: excerpt(input),
                }),
            };
        }
    }

    // "hundreds of", "tens of": the word without "of".
    let bare = norm.strip_suffix(" of").unwrap_or(&norm);
    if let Some(w) = VagueWord::ALL.into_iter().find(|w| w.as_str() == bare) {
        return Ok(EstimateKind::Vague(w));
    }

    // "none", "no one": nobody.
    if matches!(bare, "none" | "no one" | "nobody") {
        return Ok(EstimateKind::Exact(0));
    }
    // "half a dozen": about six.
    if bare == "half a dozen" {
        return Ok(EstimateKind::About(6));
    }
    // "several dozen", "a few hundred": the word's default count of the unit.
    if let Some(kind) = counted_units(bare) {
        return Ok(kind);
    }

    // "60+", "100-plus", "100 plus", "50 or so", "20 or fewer".
    for (suffix, make) in [
        ("+", EstimateKind::AtLeast as fn(u64) -> EstimateKind),
        ("-plus", EstimateKind::AtLeast),
        (" plus", EstimateKind::AtLeast),
        (" or so", EstimateKind::About),
        (" or fewer", EstimateKind::AtMost),
        (" or less", EstimateKind::AtMost),
    ] {
        if let Some(n) = norm.strip_suffix(suffix)
            && !n.is_empty()
        {
            return num(n.trim_end()).map(make);
        }
    }

    for &(prefix, glued, make) in PREFIXES {
        if let Some(rest) = norm.strip_prefix(prefix)
            && (glued || rest.is_empty() || rest.starts_with(' '))
        {
            return num(rest.trim_start()).map(make);
        }
    }

    if let Some(rest) = norm.strip_prefix("between")
        && (rest.is_empty() || rest.starts_with(' '))
    {
        let rest = rest.trim_start();
        let halves = rest
            .split_once(" and ")
            .or_else(|| rest.strip_suffix(" and").map(|a| (a, "")));
        return match halves {
            Some((a, b)) => Ok(EstimateKind::Between(num(a)?, num(b)?)),
            None if numberish(rest) => {
                // "between" or "between 3": check the first number, then report the
                // missing second one.
                if !rest.is_empty() {
                    num(rest)?;
                }
                Err(ParseEstimateError::MissingNumber {
                    input: excerpt(input),
                })
            }
            None => Err(ParseEstimateError::InvalidNumber {
                input: excerpt(input),
                text: excerpt(rest),
            }),
        };
    }

    if let Some(rest) = norm.strip_prefix("best ") {
        return parse_best(rest, input, &num);
    }

    if let Some(n) = norm.strip_suffix(" or more") {
        return num(n).map(EstimateKind::AtLeast);
    }

    if negative(&norm) {
        return Err(ParseEstimateError::Negative {
            input: excerpt(input),
        });
    }

    // A number in words, whole ("forty-two", "1.2 million"), before "-" is read as a
    // range.
    if let Some(n) = crate::numeral::parse(&norm) {
        return Ok(EstimateKind::Exact(n));
    }

    let pair = norm
        .split_once(" to ")
        .or_else(|| norm.split_once(" or "))
        .or_else(|| norm.split_once('-'))
        .or_else(|| norm.split_once('\u{2013}'));
    if let Some((a, b)) = pair {
        let (a, b) = (a.trim(), b.trim());
        let wordy = |t: &str| numberish(t) || crate::numeral::parse(t).is_some();
        if wordy(a) && wordy(b) {
            return Ok(EstimateKind::Between(num(a)?, num(b)?));
        }
    }

    if numberish(&norm) {
        return num(&norm).map(EstimateKind::Exact);
    }

    Err(ParseEstimateError::UnknownPhrase {
        input: excerpt(input),
    })
}
