//! Timing claims: the windows claimed for one end of an event, whether they share a
//! moment, and the fewest groups that do when they do not (DESIGN.md, "Discrepancies").

use serde::{Deserialize, Serialize};

use crate::claim::Boundary;
use crate::id::EventId;
use crate::reconcile::evidence::Cite;
use crate::when::TimeWindow;

/// A timing claim with its window.
///
/// ```
/// # use contested::reconcile::{Cite, TimedCite};
/// # use contested::TimeWindow;
/// let t = TimedCite::new(Cite::new("c", "s", None), TimeWindow::instant("2022-09-13T00:30:00+04:00".parse()?));
/// assert_eq!(t.cite.claim.as_str(), "c");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct TimedCite {
    /// The claim.
    pub cite: Cite,
    /// The window it claims.
    pub window: TimeWindow,
}

impl TimedCite {
    /// The timing claim `cite`, claiming `window`.
    ///
    /// ```
    /// # use contested::reconcile::{Cite, TimedCite};
    /// # use contested::TimeWindow;
    /// let t = TimedCite::new(Cite::new("c", "s", None), TimeWindow::day(2022, 9, 13)?);
    /// assert_eq!(t.window, TimeWindow::day(2022, 9, 13)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(cite: Cite, window: TimeWindow) -> Self {
        TimedCite { cite, window }
    }
}

/// Timing windows claimed for one end of one event, and whether they agree.
///
/// ```
/// # use contested::reconcile::Reconciler;
/// let r = Reconciler::new().reconcile(&contested::Dossier::default());
/// assert!(r.timings().is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct TimingSummary {
    /// The event.
    pub event: EventId,
    /// Which end.
    pub boundary: Boundary,
    /// The live claims and their windows.
    pub claims: Vec<TimedCite>,
    /// The moments every window allows (`None`: they conflict).
    pub overlap: Option<TimeWindow>,
}

impl TimingSummary {
    /// Every pair of claims whose windows are disjoint, on request: there can be about
    /// n²/4 of them for n claims, which is why a
    /// [`TimingConflict`](crate::reconcile::Discrepancy::TimingConflict) reports groups instead. The
    /// pairs are produced lazily, in the order of [`claims`](Self::claims).
    ///
    /// ```
    /// # use contested::reconcile::{Cite, TimedCite, TimingSummary};
    /// # use contested::{Boundary, TimeWindow};
    /// let at = |id: &str, t: &str| -> Result<TimedCite, Box<dyn std::error::Error>> {
    ///     Ok(TimedCite::new(Cite::new(id, id, None), TimeWindow::instant(t.parse()?)))
    /// };
    /// let t = TimingSummary::new("clash", Boundary::Onset, vec![
    ///     at("a", "2022-09-13T01:00:00Z")?,
    ///     at("b", "2022-09-13T05:00:00Z")?,
    ///     at("c", "2022-09-13T05:00:00Z")?,
    /// ]);
    /// assert!(t.overlap.is_none());
    /// let pairs: Vec<(&str, &str)> = t
    ///     .disjoint_pairs()
    ///     .map(|(x, y)| (x.cite.claim.as_str(), y.cite.claim.as_str()))
    ///     .collect();
    /// assert_eq!(pairs, [("a", "b"), ("a", "c")]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn disjoint_pairs(&self) -> impl Iterator<Item = (&TimedCite, &TimedCite)> + '_ {
        self.claims.iter().enumerate().flat_map(move |(i, a)| {
            self.claims[i + 1..]
                .iter()
                .filter(move |b| a.window.overlap(&b.window).is_none())
                .map(move |b| (a, b))
        })
    }

    /// A summary of `claims` about one end of `event`, with their common overlap.
    ///
    /// ```
    /// # use contested::reconcile::TimingSummary;
    /// # use contested::Boundary;
    /// let t = TimingSummary::new("clash", Boundary::Onset, vec![]);
    /// assert!(t.overlap.is_none() && t.groups().is_empty());
    /// ```
    pub fn new(event: impl Into<EventId>, boundary: Boundary, claims: Vec<TimedCite>) -> Self {
        let overlap = claims.split_first().and_then(|(first, rest)| {
            rest.iter()
                .try_fold(first.window.clone().without_phrase(), |acc, c| {
                    acc.overlap(&c.window)
                })
        });
        TimingSummary {
            event: event.into(),
            boundary,
            claims,
            overlap,
        }
    }

    /// The claims split into the fewest groups whose windows each share a moment, in
    /// time order: one group when they all agree, at least two in a conflict.
    ///
    /// A sweep by end time: the window that ends first opens a group at its end, and
    /// every window not yet grouped that has begun by then joins it. The windows that
    /// open groups are pairwise disjoint, so no split into fewer groups exists. Each
    /// claim is in exactly one group, and the cost is O(n log n).
    ///
    /// ```
    /// # use contested::reconcile::TimingSummary;
    /// # use contested::Boundary;
    /// assert!(TimingSummary::new("clash", Boundary::Onset, vec![]).groups().is_empty());
    /// ```
    pub fn groups(&self) -> Vec<TimingGroup> {
        let n = self.claims.len();
        let mut by_end: Vec<usize> = (0..n).collect();
        by_end.sort_by_key(|&i| (self.claims[i].window.latest(), i));
        let mut by_start: Vec<usize> = (0..n).collect();
        by_start.sort_by_key(|&i| (self.claims[i].window.earliest(), i));
        let mut grouped = vec![false; n];
        let mut next_start = 0;
        let mut out = Vec::new();
        for &opener in &by_end {
            if grouped[opener] {
                continue;
            }
            let at = self.claims[opener].window.latest();
            let mut members = Vec::new();
            while next_start < n && self.claims[by_start[next_start]].window.earliest() <= at {
                let i = by_start[next_start];
                next_start += 1;
                if !grouped[i] {
                    grouped[i] = true;
                    members.push(i);
                }
            }
            members.sort_unstable();
            let overlap = members
                .iter()
                .map(|&i| self.claims[i].window.clone().without_phrase())
                .reduce(|acc, w| acc.overlap(&w).unwrap_or(acc))
                .unwrap_or_else(|| TimeWindow::instant(at));
            out.push(TimingGroup {
                overlap,
                claims: members
                    .into_iter()
                    .map(|i| self.claims[i].clone())
                    .collect(),
            });
        }
        out
    }
}

/// Timing claims that agree with each other: every window in the group contains
/// [`overlap`](Self::overlap).
///
/// ```
/// # use contested::reconcile::TimingGroup;
/// # use contested::TimeWindow;
/// let g = TimingGroup::new(TimeWindow::instant("2022-09-13T01:00:00Z".parse()?), vec![]);
/// assert!(g.claims.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct TimingGroup {
    /// The moments every window of the group allows.
    pub overlap: TimeWindow,
    /// The claims, in the order of the summary's claims.
    pub claims: Vec<TimedCite>,
}

impl TimingGroup {
    /// The group of `claims`, all of whose windows contain `overlap`.
    ///
    /// ```
    /// # use contested::reconcile::TimingGroup;
    /// # use contested::TimeWindow;
    /// let g = TimingGroup::new(TimeWindow::day(2022, 9, 13)?, vec![]);
    /// assert!(g.claims.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(overlap: TimeWindow, claims: Vec<TimedCite>) -> Self {
        TimingGroup { overlap, claims }
    }
}
