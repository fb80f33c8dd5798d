//! Where a count stands in its series: "so far" and "preliminary" against "final".
//!
//! Real tolls are running counts: "3 killed" on the first day and "19 killed" two days
//! later are the same toll at two times. Reports say where a figure stands with a few
//! words, and those words change what the figure means: a *running* count of a measure
//! that only grows is a floor on the final toll, while a *final* figure closes the
//! series. [`CountStatus`] keeps that, and [`CountStatus::split`] reads it off the words
//! people use, so `"at least 140 so far"` is the estimate `at least 140` with status
//! [`Running`](CountStatus::Running).
//!
//! ```
//! use contested::CountStatus;
//!
//! assert_eq!(CountStatus::split("at least 140 so far"), ("at least 140", Some(CountStatus::Running)));
//! assert_eq!(CountStatus::split("120 (not final)"), ("120", Some(CountStatus::Running)));
//! assert_eq!(CountStatus::split("final toll: 412"), ("412", Some(CountStatus::Final)));
//! assert_eq!(CountStatus::split("about 100"), ("about 100", None));
//! ```

use serde::{Deserialize, Serialize};

use crate::names::named_enum;

/// Where a count stands in its series.
///
/// The default, [`Unstated`](CountStatus::Unstated), is what most reports give: a count
/// as of the time it was said, which for a measure that only grows
/// ([`Measure::only_grows`](crate::Measure::only_grows)) the reconciliation reads like a
/// running count once a later count exists (see DESIGN.md, "Running tolls").
///
/// ```
/// use contested::CountStatus;
///
/// assert_eq!(CountStatus::default(), CountStatus::Unstated);
/// assert_eq!("running".parse::<CountStatus>()?, CountStatus::Running);
/// assert_eq!(CountStatus::Final.to_string(), "final");
/// assert!(CountStatus::Final.is_final());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum CountStatus {
    /// No word says where the count stands.
    #[default]
    Unstated,
    /// Still counting: "so far", "preliminary", "at the moment", "not final", "interim",
    /// "as of now", "provisional".
    Running,
    /// The series is closed: "final", "confirmed", "complete", "full".
    Final,
}

named_enum!(CountStatus {
    Unstated => "unstated",
    Running => "running",
    Final => "final",
});

/// Words that put a count in a series, longest first within each status so that
/// "not final" is read before "final".
const WORDS: &[(&str, CountStatus)] = &[
    ("not final", CountStatus::Running),
    ("not yet final", CountStatus::Running),
    ("not complete", CountStatus::Running),
    ("incomplete", CountStatus::Running),
    ("so far", CountStatus::Running),
    ("thus far", CountStatus::Running),
    ("to date", CountStatus::Running),
    ("as of now", CountStatus::Running),
    ("for now", CountStatus::Running),
    ("at the moment", CountStatus::Running),
    ("at present", CountStatus::Running),
    ("currently", CountStatus::Running),
    ("for the time being", CountStatus::Running),
    ("preliminary", CountStatus::Running),
    ("provisional", CountStatus::Running),
    ("interim", CountStatus::Running),
    ("initial", CountStatus::Running),
    ("running", CountStatus::Running),
    ("final toll", CountStatus::Final),
    ("final figure", CountStatus::Final),
    ("final count", CountStatus::Final),
    ("final", CountStatus::Final),
    ("confirmed", CountStatus::Final),
    ("complete", CountStatus::Final),
    ("full", CountStatus::Final),
];

impl CountStatus {
    /// Whether the status closes the series.
    ///
    /// ```
    /// # use contested::CountStatus;
    /// assert!(!CountStatus::Running.is_final());
    /// ```
    pub fn is_final(self) -> bool {
        self == CountStatus::Final
    }

    /// Whether the count is known to be still open.
    ///
    /// ```
    /// # use contested::CountStatus;
    /// assert!(CountStatus::Running.is_running());
    /// assert!(!CountStatus::Unstated.is_running());
    /// ```
    pub fn is_running(self) -> bool {
        self == CountStatus::Running
    }

    /// Splits a status phrase off the start or end of a quantity phrase, ignoring ASCII
    /// case, and returns the rest (trimmed, with a separating comma, colon or the
    /// parentheses around the status removed) and the status it named. The words
    /// `toll`, `figure` and `count` after a leading status are part of it ("final
    /// toll: 412"). Returns the input unchanged and `None` when no status word is there.
    ///
    /// ```
    /// use contested::CountStatus;
    ///
    /// assert_eq!(CountStatus::split("Preliminary: 19"), ("19", Some(CountStatus::Running)));
    /// assert_eq!(CountStatus::split("64, so far"), ("64", Some(CountStatus::Running)));
    /// assert_eq!(CountStatus::split("412 (confirmed)"), ("412", Some(CountStatus::Final)));
    /// // A status word inside the phrase is not a status.
    /// assert_eq!(CountStatus::split("fully 40"), ("fully 40", None));
    /// ```
    pub fn split(words: &str) -> (&str, Option<CountStatus>) {
        let t = words.trim();
        // Every status word has a letter, and a word matches only letter for letter
        // (ASCII case ignored): words with no ASCII letter, as most counts are ("19",
        // "1,200"), name no status. Read once per reading, so the scan of every word at
        // either end is skipped where it cannot find anything.
        if !t.bytes().any(|b| b.is_ascii_alphabetic()) {
            return (t, None);
        }
        // Likewise at each end: a word can end the phrase only if the phrase's last
        // letter (inside any parenthesis) is the word's, and start it only if its first
        // letter is ("at least 6" can only start with one beginning with an `a`). Each
        // word's letters are compared before the word is.
        let letter = |b: Option<&u8>| {
            b.filter(|b| b.is_ascii_alphabetic())
                .map(u8::to_ascii_lowercase)
        };
        let inner = t.strip_suffix(')').map_or(t, str::trim_end);
        let (last, first) = (
            letter(inner.as_bytes().last()),
            letter(t.as_bytes().first()),
        );
        for &(w, status) in WORDS {
            let b = w.as_bytes();
            if last == b.last().copied()
                && let Some(rest) = strip_suffix_word(t, w)
            {
                let rest = rest.trim_end();
                let rest = rest
                    .strip_suffix('(')
                    .or_else(|| rest.strip_suffix(','))
                    .or_else(|| rest.strip_suffix(';'))
                    .unwrap_or(rest)
                    .trim_end();
                if !rest.is_empty() {
                    return (rest, Some(status));
                }
            }
            if first == b.first().copied()
                && let Some(rest) = strip_prefix_word(t, w)
            {
                let rest = rest.trim_start();
                let rest = ["toll", "figure", "count", "figures", "data"]
                    .iter()
                    .find_map(|n| strip_prefix_word(rest, n))
                    .unwrap_or(rest)
                    .trim_start();
                let rest = rest
                    .strip_prefix(':')
                    .or_else(|| rest.strip_prefix(','))
                    .unwrap_or(rest)
                    .trim_start();
                if !rest.is_empty() {
                    return (rest, Some(status));
                }
            }
        }
        (t, None)
    }
}

/// `s` without a trailing word `w` (ASCII case ignored), also when the word is in
/// parentheses; the word must stand alone.
fn strip_suffix_word<'a>(s: &'a str, w: &str) -> Option<&'a str> {
    let s = s.strip_suffix(')').map_or(s, str::trim_end);
    let cut = s.len().checked_sub(w.len())?;
    let (head, tail) = (s.get(..cut)?, s.get(cut..)?);
    (tail.eq_ignore_ascii_case(w) && head.ends_with([' ', '(', ',', ';'])).then_some(head)
}

/// `s` without a leading word `w` (ASCII case ignored); the word must stand alone.
fn strip_prefix_word<'a>(s: &'a str, w: &str) -> Option<&'a str> {
    let (head, tail) = (s.get(..w.len())?, s.get(w.len()..)?);
    (head.eq_ignore_ascii_case(w) && tail.starts_with([' ', ':', ','])).then_some(tail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_every_word_at_either_end() {
        for &(w, status) in WORDS {
            assert_eq!(CountStatus::split(&format!("49 {w}")), ("49", Some(status)));
            assert_eq!(
                CountStatus::split(&format!("49 ({w})")),
                ("49", Some(status))
            );
            assert_eq!(
                CountStatus::split(&format!("{w}: 49")),
                ("49", Some(status))
            );
            assert_eq!(CountStatus::split(&format!("{w} 49")), ("49", Some(status)));
        }
    }

    #[test]
    fn every_status_word_has_a_letter() {
        // `split` compares a word only where the phrase's first (or last) letter is the
        // word's, lower case, and skips phrases without any ASCII letter.
        assert!(WORDS.iter().all(|(w, _)| {
            let b = w.as_bytes();
            b[0].is_ascii_lowercase() && b[b.len() - 1].is_ascii_lowercase()
        }));
        assert_eq!(
            CountStatus::split("FINAL: 7"),
            ("7", Some(CountStatus::Final))
        );
        assert_eq!(
            CountStatus::split("7 (So Far)"),
            ("7", Some(CountStatus::Running))
        );
        assert_eq!(CountStatus::split("at least 6"), ("at least 6", None));
        assert_eq!(
            CountStatus::split("6 (final)"),
            ("6", Some(CountStatus::Final))
        );
        assert_eq!(CountStatus::split(" 1,200 "), ("1,200", None));
    }

    #[test]
    fn a_status_word_alone_or_inside_is_not_split() {
        assert_eq!(CountStatus::split("final"), ("final", None));
        assert_eq!(CountStatus::split("about 100"), ("about 100", None));
        assert_eq!(CountStatus::split("fullest 3"), ("fullest 3", None));
        assert_eq!(
            CountStatus::split("é 3 so far"),
            ("é 3", Some(CountStatus::Running))
        );
    }
}
