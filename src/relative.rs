//! Relative figures: "more than double our losses", "half of", "three times as many as".
//!
//! A [`RelativeClaim`] says how one quantity compares with another by a [`Ratio`]: an
//! exact rational [`Factor`] (numerator over denominator, never a float) and a
//! [`Comparison`]. The reconciliation resolves it against the figures of both
//! quantities (`contested::reconcile::relative`).
//!
//! ```
//! use contested::{Comparison, Ratio};
//!
//! let r: Ratio = "more than double".parse()?;
//! assert_eq!(r.comparison, Comparison::MoreThan);
//! assert_eq!((r.factor.numerator(), r.factor.denominator()), (2, 1));
//! assert_eq!("Twice as many as".parse::<Ratio>()?, "double".parse()?);
//! assert_eq!("a third of".parse::<Ratio>()?.to_string(), "a third of");
//! assert_eq!("at least 2.5 times".parse::<Ratio>()?.to_string(), "at least 5/2 times");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Grammar
//!
//! Case and runs of whitespace are ignored. A phrase is an optional comparison, a
//! factor, and optional trailing words.
//!
//! - Comparison: none (equal, allowing rounding to a whole count), `about`, `around`,
//!   `roughly`, `approximately`, `some` ([`Comparison::About`]); `at least`,
//!   `no less than`, `no fewer than`, `not less than` ([`Comparison::AtLeast`]);
//!   `at most`, `no more than`, `not more than`, `up to` ([`Comparison::AtMost`]);
//!   `more than`, `over`, `upwards of`, `greater than` ([`Comparison::MoreThan`]);
//!   `less than`, `fewer than`, `under`, `below` ([`Comparison::LessThan`]).
//! - Factor: `the same as`, `equal to` (1); `double`, `twice`, `two-fold` (2);
//!   `triple`, `treble`, `thrice` (3); `quadruple` (4); `half`, `one half` (1/2);
//!   `a third`, `one third` (1/3); `a quarter`, `one quarter`, `a fourth` (1/4);
//!   `two thirds` (2/3); `three quarters` (3/4); `N times` and `N-fold`, where `N` is
//!   digits, a decimal (`2.5`), a fraction (`5/2`) or a number in words (`three`,
//!   `forty`); `N percent` or `N%` (N/100); a fraction `N/D` alone.
//! - Vague factors: `several times` (at least 3, the least count "several" stands for in
//!   the estimate grammar), `a few times`, `many times`, `multiple times` (at least 2);
//!   `-fold` as well. No comparison words before them.
//! - Trailing words: `as many as`, `as much as`, `as many`, `as much`, `that of`, `of`;
//!   or, after a factor above one, a comparative: `more`, `greater`, `higher`, `larger`,
//!   `bigger` (with or without `than`) keep the factor ("three times more than" is three
//!   times, as reporting and translations use it); `fewer`, `less`, `smaller`, `lower`
//!   invert it and the comparison ("at least three times fewer than" is at most a
//!   third of).
//!
//! [`Display`](fmt::Display) writes one canonical phrase per value, which reads back
//! to the same value: `the same as`, `double`, `N times`, `half`, `a third of`,
//! `a quarter of`, `N/D of` (below one) or `N/D times` (above one), after the
//! comparison's words.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::claim::{Category, Measure, Whose};
use crate::excerpt::excerpt;
use crate::id::EventId;

/// A positive exact rational factor, kept in lowest terms: `numerator / denominator`.
///
/// ```
/// use contested::Factor;
///
/// let f = Factor::new(4, 2)?;
/// assert_eq!((f.numerator(), f.denominator()), (2, 1));
/// assert!(Factor::new(0, 1).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Factor {
    num: u32,
    den: u32,
}

impl Factor {
    /// One: "the same as".
    pub const ONE: Factor = Factor { num: 1, den: 1 };

    /// `numerator / denominator`, reduced to lowest terms.
    ///
    /// # Errors
    ///
    /// [`ParseRatioError::ZeroFactor`] when either is zero.
    ///
    /// ```
    /// # use contested::Factor;
    /// assert_eq!(Factor::new(6, 4)?, Factor::new(3, 2)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(numerator: u32, denominator: u32) -> Result<Self, ParseRatioError> {
        if numerator == 0 || denominator == 0 {
            return Err(ParseRatioError::ZeroFactor {
                input: format!("{numerator}/{denominator}"),
            });
        }
        let g = gcd(numerator, denominator);
        Ok(Factor {
            num: numerator / g,
            den: denominator / g,
        })
    }

    /// A whole factor `n` ("three times").
    ///
    /// # Errors
    ///
    /// [`ParseRatioError::ZeroFactor`] when `n` is zero.
    ///
    /// ```
    /// # use contested::Factor;
    /// assert_eq!(Factor::times(3)?.numerator(), 3);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn times(n: u32) -> Result<Self, ParseRatioError> {
        Factor::new(n, 1)
    }

    /// The numerator, in lowest terms.
    ///
    /// ```
    /// # use contested::Factor;
    /// assert_eq!(Factor::new(2, 4)?.numerator(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn numerator(self) -> u32 {
        self.num
    }

    /// The denominator, in lowest terms (1 for a whole factor).
    ///
    /// ```
    /// # use contested::Factor;
    /// assert_eq!(Factor::new(2, 4)?.denominator(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn denominator(self) -> u32 {
        self.den
    }
}

fn gcd(mut a: u32, mut b: u32) -> u32 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

impl fmt::Display for Factor {
    /// The canonical factor words, with the trailing `of` of a fraction: `double`,
    /// `3 times`, `half`, `a third of`, `2/3 of`, `5/2 times`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.num, self.den) {
            (1, 1) => f.write_str("the same as"),
            (2, 1) => f.write_str("double"),
            (n, 1) => write!(f, "{n} times"),
            (1, 2) => f.write_str("half"),
            (1, 3) => f.write_str("a third of"),
            (1, 4) => f.write_str("a quarter of"),
            (n, d) if n < d => write!(f, "{n}/{d} of"),
            (n, d) => write!(f, "{n}/{d} times"),
        }
    }
}

/// How a quantity compares with the factor times the other.
///
/// ```
/// use contested::Comparison;
///
/// assert_eq!(Comparison::AtLeast.to_string(), "at least");
/// assert_eq!(Comparison::Equal.to_string(), "");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[non_exhaustive]
pub enum Comparison {
    /// Equal, allowing the rounding a whole count needs ("half of 49" is 24 or 25).
    #[default]
    Equal,
    /// About equal, within the interpretation's tolerance of "about".
    About,
    /// At least.
    AtLeast,
    /// At most.
    AtMost,
    /// Strictly more.
    MoreThan,
    /// Strictly less.
    LessThan,
}

impl fmt::Display for Comparison {
    /// The canonical words, empty for [`Comparison::Equal`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Comparison::Equal => "",
            Comparison::About => "about",
            Comparison::AtLeast => "at least",
            Comparison::AtMost => "at most",
            Comparison::MoreThan => "more than",
            Comparison::LessThan => "less than",
        })
    }
}

/// A comparison and a factor: "more than double", "half", "at least 3 times". Serializes
/// as its canonical words; reads any phrase of the [grammar](self#grammar).
///
/// ```
/// use contested::{Comparison, Factor, Ratio};
///
/// let r = Ratio::new(Comparison::AtLeast, Factor::new(1, 2)?);
/// assert_eq!(r.to_string(), "at least half");
/// assert_eq!(r.to_string().parse::<Ratio>()?, r);
/// assert_eq!(serde_json::to_string(&r)?, r#""at least half""#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
#[non_exhaustive]
pub struct Ratio {
    /// How the quantity compares.
    pub comparison: Comparison,
    /// By what factor of the other.
    pub factor: Factor,
}

impl Ratio {
    /// A ratio.
    ///
    /// ```
    /// # use contested::{Comparison, Factor, Ratio};
    /// assert_eq!(Ratio::new(Comparison::MoreThan, Factor::times(2)?).to_string(), "more than double");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(comparison: Comparison, factor: Factor) -> Self {
        Ratio { comparison, factor }
    }
}

impl fmt::Display for Ratio {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.comparison != Comparison::Equal {
            write!(f, "{} ", self.comparison)?;
        }
        write!(f, "{}", self.factor)
    }
}

impl From<Ratio> for String {
    fn from(r: Ratio) -> String {
        r.to_string()
    }
}

impl TryFrom<String> for Ratio {
    type Error = ParseRatioError;
    fn try_from(s: String) -> Result<Self, ParseRatioError> {
        s.parse()
    }
}

/// Why a phrase could not be read as a [`Ratio`].
///
/// ```
/// use contested::{ParseRatioError, Ratio};
///
/// let err = "more than dubble".parse::<Ratio>().unwrap_err();
/// assert!(matches!(err, ParseRatioError::UnknownWord { word: 3, .. }));
/// assert!(err.to_string().contains("dubble"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum ParseRatioError {
    /// The input is empty or only whitespace.
    #[error("empty ratio: expected a phrase such as \"more than double\"")]
    Empty,
    /// A word the grammar does not expect where it stands.
    #[error("ratio {input:?}: word {word} ({text:?}) is not understood")]
    UnknownWord {
        /// The input, trimmed, cut to an excerpt with its length when long.
        input: String,
        /// Which word (1-based) was not understood.
        word: usize,
        /// That word.
        text: String,
    },
    /// A factor of zero, or one with a zero denominator.
    #[error("ratio {input:?}: the factor must be above zero")]
    ZeroFactor {
        /// The input or the fraction.
        input: String,
    },
    /// A factor whose numerator or denominator does not fit 32 bits.
    #[error("ratio {input:?}: the factor is too large")]
    TooLarge {
        /// The input, trimmed, cut to an excerpt with its length when long.
        input: String,
    },
}

const COMPARISONS: [(&[&str], Comparison); 22] = [
    (&["no", "fewer", "than"], Comparison::AtLeast),
    (&["no", "less", "than"], Comparison::AtLeast),
    (&["not", "less", "than"], Comparison::AtLeast),
    (&["at", "least"], Comparison::AtLeast),
    (&["no", "more", "than"], Comparison::AtMost),
    (&["not", "more", "than"], Comparison::AtMost),
    (&["at", "most"], Comparison::AtMost),
    (&["up", "to"], Comparison::AtMost),
    (&["more", "than"], Comparison::MoreThan),
    (&["greater", "than"], Comparison::MoreThan),
    (&["upwards", "of"], Comparison::MoreThan),
    (&["over"], Comparison::MoreThan),
    (&["less", "than"], Comparison::LessThan),
    (&["fewer", "than"], Comparison::LessThan),
    (&["under"], Comparison::LessThan),
    (&["below"], Comparison::LessThan),
    (&["about"], Comparison::About),
    (&["around"], Comparison::About),
    (&["roughly"], Comparison::About),
    (&["approximately"], Comparison::About),
    (&["some"], Comparison::About),
    (&["approx."], Comparison::About),
];

const FIXED: [(&[&str], u32, u32); 21] = [
    (&["the", "same", "as"], 1, 1),
    (&["the", "same"], 1, 1),
    (&["equal", "to"], 1, 1),
    (&["double"], 2, 1),
    (&["twice"], 2, 1),
    (&["twofold"], 2, 1),
    (&["triple"], 3, 1),
    (&["treble"], 3, 1),
    (&["thrice"], 3, 1),
    (&["threefold"], 3, 1),
    (&["quadruple"], 4, 1),
    (&["one", "half"], 1, 2),
    (&["a", "half"], 1, 2),
    (&["half"], 1, 2),
    (&["a", "third"], 1, 3),
    (&["one", "third"], 1, 3),
    (&["two", "thirds"], 2, 3),
    (&["a", "quarter"], 1, 4),
    (&["one", "quarter"], 1, 4),
    (&["a", "fourth"], 1, 4),
    (&["three", "quarters"], 3, 4),
];

const TRAILING: [&[&str]; 6] = [
    &["as", "many", "as"],
    &["as", "much", "as"],
    &["as", "many"],
    &["as", "much"],
    &["that", "of"],
    &["of"],
];

/// Vague multipliers ("several times more"), read as at least the least count the word
/// stands for in the estimate grammar ("several" is 3 to 9, "a few" 2 to 5); "many" and
/// "multiple" say no more than "more than once", so 2. Followed by `times` or `fold`.
const VAGUE: [(&[&str], u32); 4] = [
    (&["several"], 3),
    (&["a", "few"], 2),
    (&["many"], 2),
    (&["multiple"], 2),
];

/// Comparatives after a factor above one: "three times more than" (read as three times,
/// as the phrase is used in reporting and in translations of "в три раза больше", not
/// as four) and "three times fewer than" (a third of).
const MORE: [&[&str]; 10] = [
    &["more", "than"],
    &["greater", "than"],
    &["higher", "than"],
    &["larger", "than"],
    &["bigger", "than"],
    &["more"],
    &["greater"],
    &["higher"],
    &["larger"],
    &["bigger"],
];
const FEWER: [&[&str]; 8] = [
    &["fewer", "than"],
    &["less", "than"],
    &["smaller", "than"],
    &["lower", "than"],
    &["fewer"],
    &["less"],
    &["smaller"],
    &["lower"],
];

/// Words that end a numeric factor, with the denominator they give it.
const FACTOR_ENDS: [(&str, u32); 4] = [("times", 1), ("fold", 1), ("percent", 100), ("%", 100)];

impl FromStr for Ratio {
    type Err = ParseRatioError;

    /// Reads a phrase of the [grammar](self#grammar).
    fn from_str(s: &str) -> Result<Self, ParseRatioError> {
        let input = || excerpt(s.trim());
        let lower = s
            .to_lowercase()
            .replace('%', " % ")
            .replace("-fold", " fold");
        let words: Vec<&str> = lower.split_whitespace().collect();
        if words.is_empty() {
            return Err(ParseRatioError::Empty);
        }
        let unknown = |at: usize| ParseRatioError::UnknownWord {
            input: input(),
            word: at + 1,
            text: words.get(at).copied().unwrap_or("").to_owned(),
        };
        let starts = |at: usize, phrase: &[&str]| words[at..].starts_with(phrase);
        let mut at = 0;
        let mut comparison = Comparison::Equal;
        if let Some((p, c)) = COMPARISONS.iter().find(|(p, _)| starts(0, p)) {
            comparison = *c;
            at = p.len();
        }
        let vague = VAGUE.iter().find(|(p, _)| {
            starts(at, p) && matches!(words.get(at + p.len()), Some(&("times" | "fold")))
        });
        let factor = if let Some((p, n)) = vague {
            // "Several times": at least the word's least count. A comparison before it
            // ("more than several times") says nothing the grammar can keep exact.
            if comparison != Comparison::Equal {
                return Err(unknown(at));
            }
            comparison = Comparison::AtLeast;
            at += p.len() + 1;
            Factor::times(*n)?
        } else if let Some((p, n, d)) = FIXED.iter().find(|(p, _, _)| starts(at, p)) {
            at += p.len();
            // "two times" and "two thirds" share a first word with nothing else here.
            Factor::new(*n, *d)?
        } else if let Some(end) = (at..words.len()).find(|&i| {
            FACTOR_ENDS.iter().any(|(w, _)| *w == words[i])
                || (words[i] == "per" && words.get(i + 1) == Some(&"cent"))
        }) {
            if end == at {
                return Err(unknown(at));
            }
            let (num, den) = number(&words[at..end]).ok_or_else(|| unknown(at))?;
            let scale = FACTOR_ENDS
                .iter()
                .find(|(w, _)| *w == words[end])
                .map_or(100, |(_, d)| *d);
            at = end + if words[end] == "per" { 2 } else { 1 };
            fraction(num, den.checked_mul(u64::from(scale)), s)?
        } else if let Some((num, den)) = words.get(at).and_then(|w| slash(w)) {
            at += 1;
            fraction(num, Some(den), s)?
        } else {
            return Err(unknown(at));
        };
        let mut factor = factor;
        if let Some(t) = MORE.iter().find(|t| starts(at, t)) {
            if factor.num <= factor.den {
                return Err(unknown(at));
            }
            at += t.len();
        } else if let Some(t) = FEWER.iter().find(|t| starts(at, t)) {
            // "Three times fewer": a third; the bound turns round with the factor
            // ("at least three times fewer" is at most a third).
            if factor.num <= factor.den {
                return Err(unknown(at));
            }
            at += t.len();
            factor = Factor {
                num: factor.den,
                den: factor.num,
            };
            comparison = match comparison {
                Comparison::AtLeast => Comparison::AtMost,
                Comparison::AtMost => Comparison::AtLeast,
                Comparison::MoreThan => Comparison::LessThan,
                Comparison::LessThan => Comparison::MoreThan,
                c => c,
            };
        } else if let Some(t) = TRAILING.iter().find(|t| starts(at, t)) {
            at += t.len();
        }
        if at < words.len() {
            return Err(unknown(at));
        }
        Ok(Ratio { comparison, factor })
    }
}

/// `num / den` as a [`Factor`], refusing zero and what does not fit 32 bits.
fn fraction(num: u64, den: Option<u64>, s: &str) -> Result<Factor, ParseRatioError> {
    let too_large = || ParseRatioError::TooLarge {
        input: excerpt(s.trim()),
    };
    let den = den.ok_or_else(too_large)?;
    if num == 0 || den == 0 {
        return Err(ParseRatioError::ZeroFactor {
            input: excerpt(s.trim()),
        });
    }
    let g = gcd64(num, den);
    let (n, d) = (num / g, den / g);
    Factor::new(
        u32::try_from(n).map_err(|_| too_large())?,
        u32::try_from(d).map_err(|_| too_large())?,
    )
}

fn gcd64(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// A number as `numerator / denominator`: digits, a decimal, a fraction `N/D`, or a
/// numeral in words.
fn number(words: &[&str]) -> Option<(u64, u64)> {
    if let [w] = words {
        if !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()) {
            return Some((w.parse().ok()?, 1));
        }
        if let Some(f) = slash(w) {
            return Some(f);
        }
        if let Some((whole, frac)) = w.split_once('.')
            && !whole.is_empty()
            && !frac.is_empty()
            && frac.len() <= 9
            && (whole.bytes().chain(frac.bytes())).all(|b| b.is_ascii_digit())
        {
            let den = 10u64.checked_pow(u32::try_from(frac.len()).ok()?)?;
            let num = whole
                .parse::<u64>()
                .ok()?
                .checked_mul(den)?
                .checked_add(frac.parse().ok()?)?;
            return Some((num, den));
        }
    }
    crate::numeral::parse(&words.join(" ")).map(|n| (n, 1))
}

/// `N/D` in digits.
fn slash(w: &str) -> Option<(u64, u64)> {
    let (n, d) = w.split_once('/')?;
    let digits = |x: &str| !x.is_empty() && x.bytes().all(|b| b.is_ascii_digit());
    if digits(n) && digits(d) {
        Some((n.parse().ok()?, d.parse().ok()?))
    } else {
        None
    }
}

/// The quantity a relative claim is measured against: a measure, whose people and which,
/// of the claim's own event unless another is named.
///
/// ```
/// use contested::{Category, Measure, Quantity, Whose};
///
/// let ours = Quantity::new(Measure::Killed, Whose::party("azerbaijan"), Category::Military);
/// assert_eq!(ours.event, None);
/// assert_eq!(ours.in_event("clash").event.unwrap().as_str(), "clash");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Quantity {
    /// The event, when not the claim's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<EventId>,
    /// What is counted.
    pub measure: Measure,
    /// Whose people.
    pub whose: Whose,
    /// Which people.
    pub category: Category,
}

impl Quantity {
    /// A quantity of the claim's own event.
    ///
    /// ```
    /// # use contested::{Category, Measure, Quantity, Whose};
    /// assert_eq!(Quantity::new(Measure::Killed, Whose::All, Category::Any).measure, Measure::Killed);
    /// ```
    pub fn new(measure: Measure, whose: Whose, category: Category) -> Self {
        Quantity {
            event: None,
            measure,
            whose,
            category,
        }
    }

    /// Of another event.
    ///
    /// ```
    /// # use contested::{Category, Measure, Quantity, Whose};
    /// let q = Quantity::new(Measure::Killed, Whose::All, Category::Any).in_event("war-2020");
    /// assert_eq!(q.event.unwrap().as_str(), "war-2020");
    /// ```
    pub fn in_event(mut self, event: impl Into<EventId>) -> Self {
        self.event = Some(event.into());
        self
    }
}

/// A figure stated relative to another: "Armenia's losses are more than double ours".
/// The subject (measure, whose, category) is of the claim's event; `of` is the quantity
/// it is compared with.
///
/// ```
/// use contested::{Category, Claim, ClaimBody, Measure, Quantity, RelativeClaim, Whose};
///
/// let body = RelativeClaim::new(Measure::Killed, Whose::party("armenia"), Category::Military,
///     "more than double".parse()?,
///     Quantity::new(Measure::Killed, Whose::party("azerbaijan"), Category::Military));
/// let c = Claim::new("az-rel", "clash", ClaimBody::Relative(body));
/// let json = serde_json::to_string(&c)?;
/// assert!(json.contains(r#""ratio":"more than double""#));
/// assert_eq!(serde_json::from_str::<Claim>(&json)?, c);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct RelativeClaim {
    /// What is counted.
    pub measure: Measure,
    /// Whose people.
    pub whose: Whose,
    /// Which people.
    pub category: Category,
    /// How it compares with `of`.
    pub ratio: Ratio,
    /// What it is compared with.
    #[serde(deserialize_with = "crate::objects::object")]
    pub of: Quantity,
}

impl RelativeClaim {
    /// `measure / whose / category` is `ratio` of `of`.
    ///
    /// ```
    /// # use contested::{Category, Measure, Quantity, RelativeClaim, Whose};
    /// let r = RelativeClaim::new(Measure::Killed, Whose::All, Category::Civilian, "half".parse()?,
    ///     Quantity::new(Measure::Killed, Whose::All, Category::Any));
    /// assert_eq!(r.ratio.to_string(), "half");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        measure: Measure,
        whose: Whose,
        category: Category,
        ratio: Ratio,
        of: Quantity,
    ) -> Self {
        RelativeClaim {
            measure,
            whose,
            category,
            ratio,
            of,
        }
    }
}

impl fmt::Display for Quantity {
    /// `measure/whose/category`, after `event/` when it names an event.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(e) = &self.event {
            write!(f, "{e}/")?;
        }
        write!(f, "{}/{}/{}", self.measure, self.whose, self.category)
    }
}

impl fmt::Display for RelativeClaim {
    /// `killed/armenia/military is more than double killed/azerbaijan/military`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}/{}/{} is {} {}",
            self.measure, self.whose, self.category, self.ratio, self.of
        )
    }
}
