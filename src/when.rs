//! Uncertain time windows: "shortly after midnight", "late Monday night", "on Tuesday".
//!
//! ```
//! use contested::{Precision, TimeWindow};
//!
//! let armenian = TimeWindow::new("2022-09-13T00:00:00+04:00".parse()?, "2022-09-13T01:00:00+04:00".parse()?)?
//!     .with_precision(Precision::Hour)
//!     .with_phrase("shortly after midnight");
//! let azerbaijani = TimeWindow::new("2022-09-12T21:00:00+04:00".parse()?, "2022-09-13T06:00:00+04:00".parse()?)?
//!     .with_phrase("late Monday night and early Tuesday morning");
//! assert_eq!(armenian.overlap(&azerbaijani), Some(armenian.clone().without_phrase()));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::WindowError;

/// How finely a time window is known, after UCDP's `date_prec` and ACLED's `time_precision`.
///
/// ```
/// use contested::Precision;
///
/// assert!(Precision::Hour < Precision::Day);
/// assert_eq!("day".parse::<Precision>()?, Precision::Day);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Precision {
    /// Known to the minute.
    Minute,
    /// Known to the hour.
    Hour,
    /// A part of a day: "late Monday night", "early Tuesday morning".
    PartOfDay,
    /// Known to the day (UCDP precision 1).
    #[default]
    Day,
    /// Known to within a few days, "2–6 days" (UCDP precision 2).
    Days,
    /// Known to the week (UCDP 3).
    Week,
    /// Known to the month (UCDP 4).
    Month,
    /// Known to the year (UCDP 5).
    Year,
}

impl Precision {
    const ALL: [(Precision, &'static str); 8] = [
        (Precision::Minute, "minute"),
        (Precision::Hour, "hour"),
        (Precision::PartOfDay, "part_of_day"),
        (Precision::Day, "day"),
        (Precision::Days, "days"),
        (Precision::Week, "week"),
        (Precision::Month, "month"),
        (Precision::Year, "year"),
    ];

    /// The lower-case name used in JSON and [`Display`](fmt::Display).
    ///
    /// ```
    /// # use contested::Precision;
    /// assert_eq!(Precision::PartOfDay.name(), "part_of_day");
    /// ```
    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(p, _)| *p == self)
            .map_or("day", |(_, n)| n)
    }
}

impl fmt::Display for Precision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Precision {
    type Err = WindowError;
    fn from_str(s: &str) -> Result<Self, WindowError> {
        Self::ALL
            .iter()
            .find(|(_, n)| n.eq_ignore_ascii_case(s.trim()))
            .map(|(p, _)| *p)
            .ok_or_else(|| WindowError::Precision {
                input: s.to_owned(),
            })
    }
}

/// A closed window `earliest..=latest` in which something happened, with how precisely it
/// is known and the words it came from.
///
/// # Invariant
///
/// `earliest <= latest`; [`TimeWindow::new`] and deserialization refuse an inverted window.
///
/// # Reading dates as people write them
///
/// [`FromStr`](std::str::FromStr) reads the EDTF (ISO 8601-2) level-0 forms and the
/// level-1 qualifiers, and the form [`Display`](fmt::Display) writes:
///
/// | text | window | precision |
/// |---|---|---|
/// | `2022` | the whole year | year |
/// | `2022-09` | the whole month | month |
/// | `2022-09-13` | the whole day | day |
/// | `2022-09-13T10:00:00+04:00` | that instant | minute |
/// | `2022-09-12/2022-09-14` | start of the first to end of the last | the coarser |
/// | `2022-09-13?`, `2022-09~`, `2022%` | as without the qualifier, which is kept | |
///
/// Dates without an offset are read in UTC (a day is `00:00:00Z ..= 23:59:59Z`); use
/// [`in_offset`](Self::in_offset) to read the same wall-clock window in another zone.
/// The qualifier (uncertain `?`, approximate `~`, both `%`) does not widen the window:
/// EDTF says how a date is doubted, not by how much.
///
/// ```
/// use contested::{Precision, Qualifier, TimeWindow};
///
/// let day: TimeWindow = "2022-09-13".parse()?;
/// assert_eq!(day.latest().to_rfc3339(), "2022-09-13T23:59:59+00:00");
/// let month: TimeWindow = "2022-09~".parse()?;
/// assert_eq!((month.precision(), month.qualifier()), (Precision::Month, Some(Qualifier::Approximate)));
/// assert_eq!(month.to_string().parse::<TimeWindow>()?, month);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(try_from = "crate::objects::ObjectOnly<RawWindow>", into = "RawWindow")]
pub struct TimeWindow {
    earliest: DateTime<FixedOffset>,
    latest: DateTime<FixedOffset>,
    precision: Precision,
    phrase: Option<String>,
    qualifier: Option<Qualifier>,
}

#[derive(Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct RawWindow {
    #[serde(deserialize_with = "rfc3339")]
    earliest: DateTime<FixedOffset>,
    #[serde(deserialize_with = "rfc3339")]
    latest: DateTime<FixedOffset>,
    #[serde(default)]
    precision: Precision,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    phrase: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    qualifier: Option<Qualifier>,
}

/// Reads a timestamp with chrono's strict RFC 3339 parser, which is several times faster
/// than the lenient one serde uses by default (this is the hottest field of bulk ingest);
/// anything it refuses goes to the lenient parser, so no accepted input changes.
fn rfc3339<'de, D: serde::Deserializer<'de>>(d: D) -> Result<DateTime<FixedOffset>, D::Error> {
    struct V;
    impl serde::de::Visitor<'_> for V {
        type Value = DateTime<FixedOffset>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an RFC 3339 timestamp such as 2022-09-13T00:00:00+04:00")
        }
        fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Self::Value, E> {
            DateTime::parse_from_rfc3339(s)
                .or_else(|_| s.parse::<DateTime<FixedOffset>>())
                .map_err(E::custom)
        }
    }
    d.deserialize_str(V)
}

impl TryFrom<crate::objects::ObjectOnly<RawWindow>> for TimeWindow {
    type Error = WindowError;
    /// A window is read only from a JSON object, never from an array of its fields.
    fn try_from(raw: crate::objects::ObjectOnly<RawWindow>) -> Result<Self, WindowError> {
        TimeWindow::try_from(raw.0)
    }
}

impl TryFrom<RawWindow> for TimeWindow {
    type Error = WindowError;
    fn try_from(raw: RawWindow) -> Result<Self, WindowError> {
        let mut w = TimeWindow::new(raw.earliest, raw.latest)?.with_precision(raw.precision);
        w.qualifier = raw.qualifier;
        Ok(match raw.phrase {
            Some(p) => w.with_phrase(p),
            None => w,
        })
    }
}

impl From<TimeWindow> for RawWindow {
    fn from(w: TimeWindow) -> Self {
        RawWindow {
            earliest: w.earliest,
            latest: w.latest,
            precision: w.precision,
            phrase: w.phrase,
            qualifier: w.qualifier,
        }
    }
}

impl TimeWindow {
    /// The window `earliest..=latest`, with [`Precision::Day`] and no phrase.
    ///
    /// # Errors
    ///
    /// [`WindowError::Inverted`] when `latest` is before `earliest`.
    ///
    /// ```
    /// # use contested::TimeWindow;
    /// let t = "2022-09-13T00:00:00+04:00".parse()?;
    /// assert!(TimeWindow::new(t, t).is_ok());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(
        earliest: DateTime<FixedOffset>,
        latest: DateTime<FixedOffset>,
    ) -> Result<Self, WindowError> {
        if latest < earliest {
            return Err(WindowError::Inverted {
                earliest: earliest.to_rfc3339(),
                latest: latest.to_rfc3339(),
            });
        }
        Ok(TimeWindow {
            earliest,
            latest,
            precision: Precision::Day,
            phrase: None,
            qualifier: None,
        })
    }

    /// The single instant `at`, with [`Precision::Minute`].
    ///
    /// ```
    /// # use contested::TimeWindow;
    /// let w = TimeWindow::instant("2022-09-13T12:00:00+04:00".parse()?);
    /// assert_eq!(w.earliest(), w.latest());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn instant(at: DateTime<FixedOffset>) -> Self {
        TimeWindow {
            earliest: at,
            latest: at,
            precision: Precision::Minute,
            phrase: None,
            qualifier: None,
        }
    }

    /// The same window with another precision.
    ///
    /// ```
    /// # use contested::{Precision, TimeWindow};
    /// let w = TimeWindow::instant("2022-09-13T12:00:00+04:00".parse()?).with_precision(Precision::Hour);
    /// assert_eq!(w.precision(), Precision::Hour);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_precision(mut self, precision: Precision) -> Self {
        self.precision = precision;
        self
    }

    /// The same window, remembering the words it came from.
    ///
    /// ```
    /// # use contested::TimeWindow;
    /// let w = TimeWindow::instant("2022-09-13T12:00:00+04:00".parse()?).with_phrase("at noon");
    /// assert_eq!(w.phrase(), Some("at noon"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_phrase(mut self, phrase: impl Into<String>) -> Self {
        self.phrase = Some(phrase.into());
        self
    }

    /// The same window without its phrase.
    ///
    /// ```
    /// # use contested::TimeWindow;
    /// let w = TimeWindow::instant("2022-09-13T12:00:00+04:00".parse()?).with_phrase("noon");
    /// assert_eq!(w.without_phrase().phrase(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn without_phrase(mut self) -> Self {
        self.phrase = None;
        self
    }

    /// The earliest moment the window allows.
    ///
    /// ```
    /// # use contested::TimeWindow;
    /// let t = "2022-09-13T12:00:00+04:00".parse()?;
    /// assert_eq!(TimeWindow::instant(t).earliest(), t);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn earliest(&self) -> DateTime<FixedOffset> {
        self.earliest
    }

    /// The latest moment the window allows.
    ///
    /// ```
    /// # use contested::TimeWindow;
    /// let t = "2022-09-13T12:00:00+04:00".parse()?;
    /// assert_eq!(TimeWindow::instant(t).latest(), t);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn latest(&self) -> DateTime<FixedOffset> {
        self.latest
    }

    /// How precisely the window is known.
    ///
    /// ```
    /// # use contested::{Precision, TimeWindow};
    /// let t = "2022-09-13T12:00:00+04:00".parse()?;
    /// assert_eq!(TimeWindow::new(t, t)?.precision(), Precision::Day);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn precision(&self) -> Precision {
        self.precision
    }

    /// The words the window came from, if kept.
    ///
    /// ```
    /// # use contested::TimeWindow;
    /// let t = "2022-09-13T12:00:00+04:00".parse()?;
    /// assert_eq!(TimeWindow::instant(t).phrase(), None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn phrase(&self) -> Option<&str> {
        self.phrase.as_deref()
    }

    /// Whether the instant `t` lies in the window.
    ///
    /// ```
    /// # use contested::TimeWindow;
    /// let w = TimeWindow::new("2022-09-13T00:00:00+04:00".parse()?, "2022-09-13T23:59:59+04:00".parse()?)?;
    /// assert!(w.contains("2022-09-13T08:00:00Z".parse()?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn contains(&self, t: DateTime<FixedOffset>) -> bool {
        self.earliest <= t && t <= self.latest
    }

    /// The moments both windows allow, or `None` when they are disjoint. The overlap
    /// keeps the finer precision and no phrase.
    ///
    /// ```
    /// # use contested::TimeWindow;
    /// let a = TimeWindow::new("2022-09-13T00:00:00+04:00".parse()?, "2022-09-13T02:00:00+04:00".parse()?)?;
    /// let b = TimeWindow::new("2022-09-13T01:00:00+04:00".parse()?, "2022-09-13T05:00:00+04:00".parse()?)?;
    /// assert_eq!(a.overlap(&b).unwrap().earliest(), b.earliest());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn overlap(&self, other: &TimeWindow) -> Option<TimeWindow> {
        let earliest = self.earliest.max(other.earliest);
        let latest = self.latest.min(other.latest);
        let w = TimeWindow::new(earliest, latest).ok()?;
        Some(w.with_precision(self.precision.min(other.precision)))
    }

    /// The EDTF qualifier the window was written with, if any.
    ///
    /// ```
    /// # use contested::{Qualifier, TimeWindow};
    /// assert_eq!("2022-09-13?".parse::<TimeWindow>()?.qualifier(), Some(Qualifier::Uncertain));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn qualifier(&self) -> Option<Qualifier> {
        self.qualifier
    }

    /// The same window with an EDTF qualifier (or none).
    ///
    /// ```
    /// # use contested::{Qualifier, TimeWindow};
    /// let w = TimeWindow::day(2022, 9, 13)?.with_qualifier(Some(Qualifier::Approximate));
    /// assert_eq!(w.qualifier(), Some(Qualifier::Approximate));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_qualifier(mut self, qualifier: Option<Qualifier>) -> Self {
        self.qualifier = qualifier;
        self
    }
}

impl fmt::Display for TimeWindow {
    /// `2022-09-13T00:00:00+04:00 .. 2022-09-13T01:00:00+04:00 (hour, "shortly after midnight")`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.earliest == self.latest {
            write!(f, "{}", self.earliest.to_rfc3339())?;
        } else {
            write!(
                f,
                "{} .. {}",
                self.earliest.to_rfc3339(),
                self.latest.to_rfc3339()
            )?;
        }
        write!(f, " ({}", self.precision)?;
        if let Some(q) = self.qualifier {
            write!(f, ", {q}")?;
        }
        if let Some(p) = &self.phrase {
            write!(f, ", {p:?}")?;
        }
        f.write_str(")")
    }
}

/// An EDTF level-1 qualifier: how a date is doubted.
///
/// ```
/// use contested::Qualifier;
///
/// assert_eq!(Qualifier::Uncertain.symbol(), '?');
/// assert_eq!("approximate".parse::<Qualifier>()?, Qualifier::Approximate);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Qualifier {
    /// `?`: the source is not sure of the date.
    Uncertain,
    /// `~`: the date is about right ("around the 13th").
    Approximate,
    /// `%`: both uncertain and approximate.
    UncertainApproximate,
}

impl Qualifier {
    const ALL: [(Qualifier, char, &'static str); 3] = [
        (Qualifier::Uncertain, '?', "uncertain"),
        (Qualifier::Approximate, '~', "approximate"),
        (
            Qualifier::UncertainApproximate,
            '%',
            "uncertain_approximate",
        ),
    ];

    /// The EDTF symbol: `?`, `~` or `%`.
    ///
    /// ```
    /// # use contested::Qualifier;
    /// assert_eq!(Qualifier::UncertainApproximate.symbol(), '%');
    /// ```
    pub fn symbol(self) -> char {
        Self::ALL
            .iter()
            .find(|(q, ..)| *q == self)
            .map_or('?', |(_, c, _)| *c)
    }

    /// The qualifier an EDTF symbol stands for.
    ///
    /// ```
    /// # use contested::Qualifier;
    /// assert_eq!(Qualifier::from_symbol('~'), Some(Qualifier::Approximate));
    /// assert_eq!(Qualifier::from_symbol('!'), None);
    /// ```
    pub fn from_symbol(c: char) -> Option<Qualifier> {
        Self::ALL.iter().find(|(_, s, _)| *s == c).map(|(q, ..)| *q)
    }

    /// The snake-case name used in JSON and [`Display`](fmt::Display).
    ///
    /// ```
    /// # use contested::Qualifier;
    /// assert_eq!(Qualifier::Uncertain.name(), "uncertain");
    /// ```
    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(q, ..)| *q == self)
            .map_or("uncertain", |(.., n)| n)
    }
}

impl fmt::Display for Qualifier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Qualifier {
    type Err = WindowError;
    fn from_str(s: &str) -> Result<Self, WindowError> {
        let s = s.trim();
        Self::ALL
            .iter()
            .find(|(_, c, n)| n.eq_ignore_ascii_case(s) || s.chars().eq([*c]))
            .map(|(q, ..)| *q)
            .ok_or_else(|| WindowError::Syntax {
                input: s.to_owned(),
                reason: SyntaxReason::Qualifier,
            })
    }
}

impl Precision {
    /// The precision of a UCDP GED `date_prec` code: 1 day, 2 a few days ("2–6 days"),
    /// 3 week, 4 month, 5 year.
    ///
    /// # Errors
    ///
    /// [`WindowError::UcdpPrecision`] for any other code.
    ///
    /// ```
    /// # use contested::Precision;
    /// assert_eq!(Precision::from_ucdp(2)?, Precision::Days);
    /// assert!(Precision::from_ucdp(6).is_err());
    /// # Ok::<(), contested::WindowError>(())
    /// ```
    pub fn from_ucdp(code: u8) -> Result<Precision, WindowError> {
        Ok(match code {
            1 => Precision::Day,
            2 => Precision::Days,
            3 => Precision::Week,
            4 => Precision::Month,
            5 => Precision::Year,
            _ => return Err(WindowError::UcdpPrecision { code }),
        })
    }

    /// The UCDP GED `date_prec` code of this precision; finer than a day is 1.
    ///
    /// ```
    /// # use contested::Precision;
    /// assert_eq!(Precision::Month.ucdp(), 4);
    /// assert_eq!(Precision::Hour.ucdp(), 1);
    /// ```
    pub fn ucdp(self) -> u8 {
        match self {
            Precision::Minute | Precision::Hour | Precision::PartOfDay | Precision::Day => 1,
            Precision::Days => 2,
            Precision::Week => 3,
            Precision::Month => 4,
            Precision::Year => 5,
        }
    }
}

const UTC: FixedOffset = match FixedOffset::east_opt(0) {
    Some(z) => z,
    None => unreachable!(),
};

/// `date`'s midnight, in `offset`.
fn start_of(date: NaiveDate, offset: FixedOffset) -> Option<DateTime<FixedOffset>> {
    date.and_hms_opt(0, 0, 0)?
        .and_local_timezone(offset)
        .single()
}

/// The last second of `date`, in `offset`.
fn end_of(date: NaiveDate, offset: FixedOffset) -> Option<DateTime<FixedOffset>> {
    date.and_hms_opt(23, 59, 59)?
        .and_local_timezone(offset)
        .single()
}

impl TimeWindow {
    /// The whole calendar days `first..=last` in UTC, with `precision`.
    fn days(
        first: Option<NaiveDate>,
        last: Option<NaiveDate>,
        precision: Precision,
        what: impl Fn() -> String,
    ) -> Result<TimeWindow, WindowError> {
        let out = || WindowError::OutOfRange { date: what() };
        let (first, last) = (first.ok_or_else(&out)?, last.ok_or_else(&out)?);
        let earliest = start_of(first, UTC).ok_or_else(&out)?;
        let latest = end_of(last, UTC).ok_or_else(&out)?;
        Ok(TimeWindow::new(earliest, latest)?.with_precision(precision))
    }

    /// The whole day `year-month-day`, `00:00:00 ..= 23:59:59` UTC, with [`Precision::Day`].
    /// Use [`in_offset`](Self::in_offset) for a day in another zone.
    ///
    /// # Errors
    ///
    /// [`WindowError::OutOfRange`] when there is no such date.
    ///
    /// ```
    /// # use contested::TimeWindow;
    /// let d = TimeWindow::day(2022, 9, 13)?;
    /// assert_eq!(d.earliest().to_rfc3339(), "2022-09-13T00:00:00+00:00");
    /// assert!(TimeWindow::day(2022, 2, 30).is_err());
    /// # Ok::<(), contested::WindowError>(())
    /// ```
    pub fn day(year: i32, month: u32, day: u32) -> Result<TimeWindow, WindowError> {
        let d = NaiveDate::from_ymd_opt(year, month, day);
        TimeWindow::days(d, d, Precision::Day, || {
            format!("{year:04}-{month:02}-{day:02}")
        })
    }

    /// The whole month, UTC, with [`Precision::Month`].
    ///
    /// # Errors
    ///
    /// [`WindowError::OutOfRange`] when there is no such month.
    ///
    /// ```
    /// # use contested::TimeWindow;
    /// let m = TimeWindow::month(2024, 2)?;
    /// assert_eq!(m.latest().to_rfc3339(), "2024-02-29T23:59:59+00:00");
    /// # Ok::<(), contested::WindowError>(())
    /// ```
    pub fn month(year: i32, month: u32) -> Result<TimeWindow, WindowError> {
        let first = NaiveDate::from_ymd_opt(year, month, 1);
        let last = first.and_then(|_| {
            let (y, m) = if month == 12 {
                (year.checked_add(1)?, 1)
            } else {
                (year, month + 1)
            };
            NaiveDate::from_ymd_opt(y, m, 1)?.pred_opt()
        });
        TimeWindow::days(first, last, Precision::Month, || {
            format!("{year:04}-{month:02}")
        })
    }

    /// The whole year, UTC, with [`Precision::Year`].
    ///
    /// # Errors
    ///
    /// [`WindowError::OutOfRange`] for a year chrono cannot represent.
    ///
    /// ```
    /// # use contested::TimeWindow;
    /// let y = TimeWindow::year(2022)?;
    /// assert_eq!(y.earliest().to_rfc3339(), "2022-01-01T00:00:00+00:00");
    /// # Ok::<(), contested::WindowError>(())
    /// ```
    pub fn year(year: i32) -> Result<TimeWindow, WindowError> {
        TimeWindow::days(
            NaiveDate::from_ymd_opt(year, 1, 1),
            NaiveDate::from_ymd_opt(year, 12, 31),
            Precision::Year,
            || format!("{year:04}"),
        )
    }

    /// From the start of `from` to the end of `to`, with the coarser of their precisions
    /// (an EDTF interval `from/to`). The qualifier is kept when both share it.
    ///
    /// # Errors
    ///
    /// [`WindowError::Inverted`] when `to` ends before `from` starts.
    ///
    /// ```
    /// # use contested::{Precision, TimeWindow};
    /// let w = TimeWindow::interval(&TimeWindow::day(2022, 9, 12)?, &TimeWindow::day(2022, 9, 14)?)?;
    /// assert_eq!(w.to_string().parse::<TimeWindow>()?, w);
    /// assert_eq!(w.precision(), Precision::Day);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn interval(from: &TimeWindow, to: &TimeWindow) -> Result<TimeWindow, WindowError> {
        let w = TimeWindow::new(from.earliest, to.latest)?
            .with_precision(from.precision.max(to.precision));
        Ok(if from.qualifier == to.qualifier {
            w.with_qualifier(from.qualifier)
        } else {
            w
        })
    }

    /// The same wall-clock window read in `offset`: `TimeWindow::day(2022, 9, 13)?` in
    /// `+04:00` is `2022-09-13T00:00:00+04:00 ..= 2022-09-13T23:59:59+04:00`.
    ///
    /// # Errors
    ///
    /// [`WindowError::OutOfRange`] when the shifted window cannot be represented.
    ///
    /// ```
    /// use contested::{FixedOffset, TimeWindow};
    ///
    /// let baku = FixedOffset::east_opt(4 * 3600).expect("a valid offset");
    /// let d = TimeWindow::day(2022, 9, 13)?.in_offset(baku)?;
    /// assert_eq!(d.earliest().to_rfc3339(), "2022-09-13T00:00:00+04:00");
    /// # Ok::<(), contested::WindowError>(())
    /// ```
    pub fn in_offset(mut self, offset: FixedOffset) -> Result<TimeWindow, WindowError> {
        let shift = |t: DateTime<FixedOffset>| {
            t.naive_local()
                .and_local_timezone(offset)
                .single()
                .ok_or_else(|| WindowError::OutOfRange {
                    date: t.to_rfc3339(),
                })
        };
        self.earliest = shift(self.earliest)?;
        self.latest = shift(self.latest)?;
        Ok(self)
    }
}

impl std::str::FromStr for TimeWindow {
    type Err = WindowError;

    /// Reads the EDTF forms in [`TimeWindow`]'s table, or what `Display` writes.
    fn from_str(s: &str) -> Result<TimeWindow, WindowError> {
        let text = s.trim();
        let syntax = |reason| WindowError::Syntax {
            input: text.to_owned(),
            reason,
        };
        if let Some(open) = text.find(" (") {
            return parse_display(text, open).ok_or_else(|| syntax(SyntaxReason::Display));
        }
        match text.split_once('/') {
            Some((a, b)) => {
                let (a, b) = (parse_edtf(a.trim(), text)?, parse_edtf(b.trim(), text)?);
                TimeWindow::interval(&a, &b)
            }
            None => parse_edtf(text, text),
        }
    }
}

/// Why a text is not a time window.
///
/// ```
/// use contested::{SyntaxReason, TimeWindow, WindowError};
///
/// match "2022-9-13".parse::<TimeWindow>() {
///     Err(WindowError::Syntax { reason, .. }) => assert_eq!(reason, SyntaxReason::Date),
///     other => panic!("unexpected {other:?}"),
/// }
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SyntaxReason {
    /// Not `YYYY`, `YYYY-MM`, `YYYY-MM-DD` or an RFC 3339 timestamp.
    Date,
    /// Not one of `?`, `~`, `%` (or their names).
    Qualifier,
    /// Looks like the `Display` form (`A .. B (day)`) but is not.
    Display,
}

impl fmt::Display for SyntaxReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SyntaxReason::Date => {
                "expected YYYY, YYYY-MM, YYYY-MM-DD or an RFC 3339 time such as \
                 2022-09-13T10:00:00+04:00, optionally followed by ?, ~ or %, or an interval A/B"
            }
            SyntaxReason::Qualifier => "expected a qualifier: ?, ~ or %",
            SyntaxReason::Display => {
                "expected TIME (PRECISION[, QUALIFIER][, \"PHRASE\"]) or TIME .. TIME (...)"
            }
        })
    }
}

/// One EDTF date or timestamp, with an optional trailing qualifier.
fn parse_edtf(part: &str, whole: &str) -> Result<TimeWindow, WindowError> {
    let bad = || WindowError::Syntax {
        input: whole.to_owned(),
        reason: SyntaxReason::Date,
    };
    let (body, qualifier) = match part.chars().last().and_then(Qualifier::from_symbol) {
        Some(q) => (&part[..part.len() - 1], Some(q)),
        None => (part, None),
    };
    let digits = |t: &str, n: usize| t.len() == n && t.bytes().all(|b| b.is_ascii_digit());
    let fields: Vec<&str> = body.split('-').collect();
    let window = if body.contains('T') {
        let t = DateTime::parse_from_rfc3339(body)
            .or_else(|_| body.parse::<DateTime<FixedOffset>>())
            .or_else(|_| {
                chrono::NaiveDateTime::parse_from_str(body, "%Y-%m-%dT%H:%M:%S")
                    .map(|n| n.and_utc().fixed_offset())
            })
            .map_err(|_| bad())?;
        TimeWindow::instant(t)
    } else {
        let num = |t: &str| t.parse::<u32>().map_err(|_| bad());
        match fields.as_slice() {
            [y] if digits(y, 4) => TimeWindow::year(num(y)? as i32)?,
            [y, m] if digits(y, 4) && digits(m, 2) => TimeWindow::month(num(y)? as i32, num(m)?)?,
            [y, m, d] if digits(y, 4) && digits(m, 2) && digits(d, 2) => {
                TimeWindow::day(num(y)? as i32, num(m)?, num(d)?)?
            }
            _ => return Err(bad()),
        }
    };
    Ok(window.with_qualifier(qualifier))
}

/// `A (p[, q][, "phrase"])` or `A .. B (...)`, as `Display` writes; `open` is where ` (` is.
fn parse_display(text: &str, open: usize) -> Option<TimeWindow> {
    let (times, rest) = text.split_at(open);
    let inner = rest.strip_prefix(" (")?.strip_suffix(')')?;
    let (a, b) = times.split_once(" .. ").unwrap_or((times, times));
    let earliest = DateTime::parse_from_rfc3339(a.trim()).ok()?;
    let latest = DateTime::parse_from_rfc3339(b.trim()).ok()?;
    let (head, phrase) = match inner.find(", \"") {
        Some(i) => (
            &inner[..i],
            Some(unescape(
                inner[i + 2..].strip_prefix('"')?.strip_suffix('"')?,
            )?),
        ),
        None => (inner, None),
    };
    let mut parts = head.split(", ");
    let precision = parts.next()?.parse().ok()?;
    let qualifier = match parts.next() {
        Some(q) => Some(q.parse().ok()?),
        None => None,
    };
    if parts.next().is_some() {
        return None;
    }
    let mut w = TimeWindow::new(earliest, latest)
        .ok()?
        .with_precision(precision)
        .with_qualifier(qualifier);
    w.phrase = phrase;
    Some(w)
}

/// Undoes the escapes of `{:?}` on a string.
fn unescape(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            '0' => out.push('\0'),
            'u' => {
                let rest = chars.as_str().strip_prefix('{')?;
                let close = rest.find('}')?;
                out.push(char::from_u32(
                    u32::from_str_radix(&rest[..close], 16).ok()?,
                )?);
                chars = rest[close + 1..].chars();
            }
            other => out.push(other),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DateTime<FixedOffset> {
        s.parse().unwrap()
    }

    #[test]
    fn inverted_window_is_refused_by_new_and_serde() {
        let a = t("2022-09-13T02:00:00+04:00");
        let b = t("2022-09-13T01:00:00+04:00");
        assert!(matches!(
            TimeWindow::new(a, b),
            Err(WindowError::Inverted { .. })
        ));
        let json =
            r#"{"earliest":"2022-09-13T02:00:00+04:00","latest":"2022-09-13T01:00:00+04:00"}"#;
        let err = serde_json::from_str::<TimeWindow>(json).unwrap_err();
        assert!(err.to_string().contains("before"), "{err}");
    }

    #[test]
    fn disjoint_windows_have_no_overlap() {
        let a = TimeWindow::new(t("2022-09-12T00:00:00Z"), t("2022-09-12T01:00:00Z")).unwrap();
        let b = TimeWindow::new(t("2022-09-12T02:00:00Z"), t("2022-09-12T03:00:00Z")).unwrap();
        assert_eq!(a.overlap(&b), None);
        assert_eq!(b.overlap(&a), None);
    }

    #[test]
    fn edtf_forms_round_trip_through_display() {
        for text in [
            "2022",
            "2022-09",
            "2022-09-13",
            "2022-09-13?",
            "2022-09~",
            "2022%",
            "2022-09-13T10:00:00+04:00",
            "2022-09-13T10:00:00Z",
            "2022-09-13T10:00:00",
            "2022-09-12/2022-09-14",
            "2022-09-12~/2022-09-14~",
            "2022-09/2022-09-14T10:00:00+04:00",
        ] {
            let w: TimeWindow = text.parse().unwrap_or_else(|e| panic!("{text}: {e}"));
            let again: TimeWindow = w.to_string().parse().unwrap_or_else(|e| panic!("{w}: {e}"));
            assert_eq!(again, w, "{text}");
        }
        let w = TimeWindow::day(2022, 9, 13)
            .unwrap()
            .with_phrase("late \"Monday\" night\n\u{1}");
        assert_eq!(w.to_string().parse::<TimeWindow>().unwrap(), w);
    }

    #[test]
    fn bad_dates_are_errors_not_panics() {
        for text in [
            "",
            "2022-9-13",
            "2022-13",
            "2022-02-30",
            "22",
            "2022-09-13??",
            "/",
            "2022/",
            "2022-09-14/2022-09-12",
            "x (day)",
            "2022-09-13T00:00:00Z (fortnight)",
            "99999",
            "2022-09-13T25:00:00Z",
            "é",
            "2022-09-13T00:00:00Z (day",
        ] {
            assert!(text.parse::<TimeWindow>().is_err(), "{text}");
        }
    }

    #[test]
    fn ucdp_codes_map_one_to_one() {
        for code in 1..=5 {
            assert_eq!(Precision::from_ucdp(code).unwrap().ucdp(), code);
        }
        assert!(Precision::from_ucdp(0).is_err());
    }

    #[test]
    fn precision_round_trips() {
        for (p, _) in Precision::ALL {
            assert_eq!(p.to_string().parse::<Precision>().unwrap(), p);
        }
        assert!("fortnight".parse::<Precision>().is_err());
    }
}
