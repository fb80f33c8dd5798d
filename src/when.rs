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

use chrono::{DateTime, FixedOffset};
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
    /// Known to the week (UCDP 3).
    Week,
    /// Known to the month (UCDP 4).
    Month,
    /// Known to the year (UCDP 5).
    Year,
}

impl Precision {
    const ALL: [(Precision, &'static str); 7] = [
        (Precision::Minute, "minute"),
        (Precision::Hour, "hour"),
        (Precision::PartOfDay, "part_of_day"),
        (Precision::Day, "day"),
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
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "RawWindow", into = "RawWindow")]
pub struct TimeWindow {
    earliest: DateTime<FixedOffset>,
    latest: DateTime<FixedOffset>,
    precision: Precision,
    phrase: Option<String>,
}

#[derive(Serialize, Deserialize)]
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

impl TryFrom<RawWindow> for TimeWindow {
    type Error = WindowError;
    fn try_from(raw: RawWindow) -> Result<Self, WindowError> {
        let w = TimeWindow::new(raw.earliest, raw.latest)?.with_precision(raw.precision);
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
        if let Some(p) = &self.phrase {
            write!(f, ", {p:?}")?;
        }
        f.write_str(")")
    }
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
    fn precision_round_trips() {
        for (p, _) in Precision::ALL {
            assert_eq!(p.to_string().parse::<Precision>().unwrap(), p);
        }
        assert!("fortnight".parse::<Precision>().is_err());
    }
}
