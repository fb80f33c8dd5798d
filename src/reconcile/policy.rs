//! The reading policy: which earlier counts a later one replaces, what a count says about
//! the toll *now*, and which statements an as-of query sees. DESIGN.md ("Running tolls")
//! gives the reasoning behind each default.
//!
//! ```
//! use contested::reconcile::{AsOfRule, Order, Policy, Reconciler, Supersession};
//!
//! // The defaults: a party's organs revise its own losses together; windows that
//! // overlap are not ordered; third-party snapshots give way; earlier running counts
//! // of a growing measure are floors.
//! let p = Policy::default();
//! assert_eq!(p.supersession, Supersession::PartyForOwnLosses);
//! assert_eq!(p.order, Order::Strict);
//! assert!(p.snapshots_give_way && p.running_floors);
//! assert_eq!(p.as_of, AsOfRule::MayHaveBeenMade);
//!
//! // The rules of the bulk path: each speaker's latest statement, compared as stated.
//! let r = Reconciler::new().policy(Policy::per_speaker());
//! # let _ = r;
//! ```

use serde::{Deserialize, Serialize};

/// Whose later count replaces an earlier one (the unit of supersession).
///
/// ```
/// use contested::reconcile::Supersession;
///
/// assert_eq!(Supersession::default(), Supersession::PartyForOwnLosses);
/// ```
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Supersession {
    /// Only the same speaker (actor id) revises its own counts.
    Speaker,
    /// Any organ of a party revises any count that party gave.
    Party,
    /// A party's count of its *own* people is revised by any of its organs (a defence
    /// ministry's 175, then a health minister's 182, then a government release's 215);
    /// every other count only by the same speaker (one ministry's claim about an ally's
    /// dead does not revise another's).
    #[default]
    PartyForOwnLosses,
}

/// When one count of a voice comes after another.
///
/// ```
/// use contested::reconcile::Order;
///
/// assert_eq!(Order::default(), Order::Strict);
/// ```
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Order {
    /// B comes after A only when A's window ends before B's begins (or B's statement
    /// says it revises A's). A count known only to the day does not come before a
    /// timed count of that day; two counts known only within one week are both
    /// current until a revision link orders them.
    #[default]
    Strict,
    /// By the start of the window, then its end; only equal windows tie. This is the
    /// bulk path's order.
    ByStart,
}

/// Which statements an as-of query at `t` sees.
///
/// ```
/// use contested::reconcile::AsOfRule;
///
/// assert_eq!(AsOfRule::default(), AsOfRule::MayHaveBeenMade);
/// ```
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum AsOfRule {
    /// Statements whose window starts by `t`: they may have been made by then.
    #[default]
    MayHaveBeenMade,
    /// Statements whose window ends by `t`: they were certainly made by then. Never
    /// sees more than [`MayHaveBeenMade`](AsOfRule::MayHaveBeenMade).
    CertainlyMade,
}

/// How the reconciliation reads counts over time. See the [module docs](self).
///
/// ```
/// use contested::reconcile::{Policy, Supersession};
///
/// let p = Policy::default().with_supersession(Supersession::Speaker);
/// assert_eq!(p.supersession, Supersession::Speaker);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct Policy {
    /// Whose later count replaces an earlier one.
    pub supersession: Supersession,
    /// When one count comes after another.
    pub order: Order,
    /// Whether a third-party or unattributed count of a measure that only grows, not
    /// stated final, is history once a later count of the same key exists (an agency's
    /// first-day "4 dead" next to the parties' later 11 and 9). Its disagreement with
    /// counts about the same time is still reported.
    pub snapshots_give_way: bool,
    /// Whether a current count of a measure that only grows, not stated final, bears on
    /// the figure *now* only as a floor when a later count exists (its upper bound held
    /// at its own time).
    pub running_floors: bool,
    /// Which statements an as-of query sees.
    pub as_of: AsOfRule,
    /// Whether versions of one utterance (same speaker, same time, carried by different
    /// outlets) count once: the version closest to the origin stands, the others are
    /// [`Copy`](super::Status::Copy) and their differences a reporting variance only.
    pub relays_count_once: bool,
    /// Whether a party's admission of its own losses is a floor on its toll: the
    /// conservative figure is never below it, adversary counts wholly below it are not
    /// counted as support, and it wins ties between equally supported intervals.
    pub against_interest: bool,
    /// Whether a party's count of its own people that includes civilians (category
    /// `civilian`, `any` or `unknown`) is also such an admission. Off by default: a
    /// party's interest is to hide the losses of its forces, not the harm the adversary
    /// did to its civilians, so only counts of its combatants (`military` or a named
    /// unit) are read against interest. DESIGN.md ("Who is speaking", rule 3) gives the
    /// reasoning.
    pub civilians_against_interest: bool,
    /// Whether a voice's later count that only restates its previous one in vaguer words
    /// (bounded, and strictly containing it: "hundreds" years after "300", "several"
    /// after "7") leaves the previous one current and as said, rather than replacing it.
    /// The voice has not withdrawn the precise figure, so its position stays the
    /// narrower one, and a later count of another voice does not make it a running
    /// floor: it was still the voice's word at the time of the restatement.
    pub restatements_keep: bool,
    /// Whether a voice's count of a whole is also its word on each part's ceiling: a
    /// party that says "no casualties" has said none of the militants its adversary
    /// claims to have killed died. A part's count above it, by a voice of another
    /// origin, is then in conflict with it ([`Ceiling`](super::Ceiling)), the part's low
    /// goes down to the ceiling, and the part enters the part-whole sums disputed.
    /// DESIGN.md ("Who is speaking", rule 7) gives the reasoning.
    pub wholes_cap_parts: bool,
    /// Whether every unattributed count of a key ("sources said", no speaker named) is
    /// one voice in the support and corroboration counts, however many outlets carried
    /// such reports. Independence is a property of sources, and unnamed sources cannot
    /// be shown to be different ones (Balakot: the "over 300" and "300 to 350" that
    /// PenNews and Oneindia attributed to unnamed officials trace to one set of
    /// "sources"). Iraq Body Count's two-source rule asks for two *independent*
    /// sources. DESIGN.md ("Who is speaking", rule 2) gives the reasoning.
    pub anonymous_one_voice: bool,
    /// Whether a third party's count decides a tie between equally supported intervals
    /// only when its speaker neither hedged it ("reportedly", "probably", "at least 300
    /// were reported dead") nor is unnamed. A hedge is the speaker's own word that the
    /// figure is not theirs to vouch for: it stays testimony (it supports its interval
    /// like any count) but is no ground to choose between voices. Balakot: a former
    /// diplomat's "at least 300 were reported dead" decided the tie against Pakistan's
    /// "no casualties". DESIGN.md ("Who is speaking", rule 4) gives the reasoning.
    pub firm_third_parties: bool,
    /// Whether a voice whose current counts of a key disagree holds each of them as a
    /// separate position, rather than the hull between them. Russia's investigators'
    /// 162 South Ossetian dead and its diplomats' "at least 2,000" are two Russian
    /// positions at once; neither is Russia's word for 365, which the hull `162..`
    /// would count as support. Counts that overlap stay one position (their
    /// intersection). DESIGN.md ("Who is speaking", rule 2) gives the reasoning.
    pub positions_as_said: bool,
    /// Whether a denial of a claim by the claim's own voice (its speaker or another
    /// organ of its party), not made before it, withdraws the claim: a count so denied
    /// is [`Retracted`](super::Status::Retracted), an account is no longer the voice's
    /// position, and neither takes part in a conflict (an adviser's deleted post, "I
    /// mistakenly shared this information"). DESIGN.md ("Who is speaking", rule 8)
    /// gives the reasoning.
    pub retractions_withdraw: bool,
    /// Whether a party's admission of its own losses is the low end only, not the best
    /// estimate: among equally supported intervals, one holding an unhedged third
    /// party's count at or above the admission is preferred to the admission's own
    /// (parties under-report their own losses; an independent count consistent with the
    /// admission is the better estimate). Georgia 2008: Russia admits 4 aircraft lost,
    /// a Moscow think tank counts 6, Georgia claims 19 or more; the best is 6, the low
    /// still Russia's 4. DESIGN.md ("Who is speaking", rule 4) gives the reasoning.
    pub admissions_are_floors: bool,
    /// Days after an event's end (the end of its time window) after which a count of a
    /// measure that only grows is *settled*: read as its speaker's final word, as if
    /// stated final, not as a snapshot of a toll still growing. Deaths from wounds,
    /// bodies found and late reports raise a toll for days or weeks after the fighting
    /// (the common 30-day rule: a death within 30 days counts as caused by the event);
    /// a count made months later is a position on the finished toll. China's admission
    /// of 4 dead eight months after the Galwan clash is not "4 or more" beside TASS's
    /// later "at least 45": the two disagree. `None`: counts never settle by time (only
    /// a status word closes a series). An event with no time window never settles its
    /// counts. DESIGN.md ("Running tolls", rule 12) gives the reasoning.
    pub settles_after: Option<u32>,
    /// Whether a relay's count that gives a cited count's figure as a count of another
    /// measure ([`Discrepancy::RelabeledRelay`](super::Discrepancy::RelabeledRelay)) is
    /// set aside from that measure's figure ([`Status::Relabeled`](super::Status::Relabeled)):
    /// its only testimony is the cited count, of the cited measure, which the figures
    /// already hold. PTI's "35 dead and injured", quoting a US assessment of 35 dead, is
    /// then no casualty count in conflict with the Indian intercepts' 43 (Galwan 2020).
    /// DESIGN.md ("Relays and channels") gives the reasoning.
    pub relabels_set_aside: bool,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            supersession: Supersession::PartyForOwnLosses,
            order: Order::Strict,
            snapshots_give_way: true,
            running_floors: true,
            as_of: AsOfRule::MayHaveBeenMade,
            relays_count_once: true,
            against_interest: true,
            civilians_against_interest: false,
            restatements_keep: true,
            wholes_cap_parts: true,
            anonymous_one_voice: true,
            firm_third_parties: true,
            positions_as_said: true,
            retractions_withdraw: true,
            admissions_are_floors: true,
            settles_after: Some(30),
            relabels_set_aside: true,
        }
    }
}

impl Policy {
    /// The bulk path's rules: each speaker's latest statement (by start, then end) is
    /// live and every live count, every relayed version, is compared as stated.
    /// Explicit revision links still supersede.
    ///
    /// ```
    /// use contested::reconcile::{Order, Policy, Supersession};
    ///
    /// let p = Policy::per_speaker();
    /// assert_eq!((p.supersession, p.order), (Supersession::Speaker, Order::ByStart));
    /// assert!(!p.snapshots_give_way && !p.running_floors);
    /// ```
    pub fn per_speaker() -> Self {
        Policy {
            supersession: Supersession::Speaker,
            order: Order::ByStart,
            snapshots_give_way: false,
            running_floors: false,
            as_of: AsOfRule::MayHaveBeenMade,
            relays_count_once: false,
            against_interest: true,
            civilians_against_interest: false,
            restatements_keep: false,
            wholes_cap_parts: false,
            anonymous_one_voice: false,
            firm_third_parties: false,
            positions_as_said: false,
            retractions_withdraw: false,
            admissions_are_floors: false,
            settles_after: None,
            relabels_set_aside: false,
        }
    }

    /// With another unit of supersession.
    ///
    /// ```
    /// # use contested::reconcile::{Policy, Supersession};
    /// assert_eq!(Policy::default().with_supersession(Supersession::Party).supersession, Supersession::Party);
    /// ```
    pub fn with_supersession(mut self, s: Supersession) -> Self {
        self.supersession = s;
        self
    }

    /// With another order.
    ///
    /// ```
    /// # use contested::reconcile::{Order, Policy};
    /// assert_eq!(Policy::default().with_order(Order::ByStart).order, Order::ByStart);
    /// ```
    pub fn with_order(mut self, o: Order) -> Self {
        self.order = o;
        self
    }

    /// With snapshots giving way, or not.
    ///
    /// ```
    /// # use contested::reconcile::Policy;
    /// assert!(!Policy::default().with_snapshots_give_way(false).snapshots_give_way);
    /// ```
    pub fn with_snapshots_give_way(mut self, on: bool) -> Self {
        self.snapshots_give_way = on;
        self
    }

    /// With earlier running counts as floors, or as stated.
    ///
    /// ```
    /// # use contested::reconcile::Policy;
    /// assert!(!Policy::default().with_running_floors(false).running_floors);
    /// ```
    pub fn with_running_floors(mut self, on: bool) -> Self {
        self.running_floors = on;
        self
    }

    /// With relays of one utterance counted once, or each as stated.
    ///
    /// ```
    /// # use contested::reconcile::Policy;
    /// assert!(!Policy::default().with_relays_count_once(false).relays_count_once);
    /// ```
    pub fn with_relays_count_once(mut self, on: bool) -> Self {
        self.relays_count_once = on;
        self
    }

    /// With admissions against interest as floors, or not.
    ///
    /// ```
    /// # use contested::reconcile::Policy;
    /// assert!(!Policy::default().with_against_interest(false).against_interest);
    /// ```
    pub fn with_against_interest(mut self, on: bool) -> Self {
        self.against_interest = on;
        self
    }

    /// With or without reading a party's counts of its own civilians (and of all its
    /// people, civilians included) as admissions against interest.
    ///
    /// ```
    /// # use contested::reconcile::Policy;
    /// assert!(!Policy::default().civilians_against_interest);
    /// assert!(Policy::default().with_civilians_against_interest(true).civilians_against_interest);
    /// ```
    pub fn with_civilians_against_interest(mut self, on: bool) -> Self {
        self.civilians_against_interest = on;
        self
    }

    /// With or without keeping a count its voice later restated in vaguer words.
    ///
    /// ```
    /// # use contested::reconcile::Policy;
    /// assert!(Policy::default().restatements_keep);
    /// assert!(!Policy::default().with_restatements_keep(false).restatements_keep);
    /// ```
    pub fn with_restatements_keep(mut self, on: bool) -> Self {
        self.restatements_keep = on;
        self
    }

    /// With or without reading a voice's count of a whole as a ceiling on each part.
    ///
    /// ```
    /// # use contested::reconcile::Policy;
    /// assert!(Policy::default().wholes_cap_parts);
    /// assert!(!Policy::default().with_wholes_cap_parts(false).wholes_cap_parts);
    /// ```
    pub fn with_wholes_cap_parts(mut self, on: bool) -> Self {
        self.wholes_cap_parts = on;
        self
    }

    /// With or without counting every unattributed count of a key as one voice.
    ///
    /// ```
    /// # use contested::reconcile::Policy;
    /// assert!(Policy::default().anonymous_one_voice);
    /// assert!(!Policy::default().with_anonymous_one_voice(false).anonymous_one_voice);
    /// ```
    pub fn with_anonymous_one_voice(mut self, on: bool) -> Self {
        self.anonymous_one_voice = on;
        self
    }

    /// With or without requiring a third party's count to be unhedged to decide a tie.
    ///
    /// ```
    /// # use contested::reconcile::Policy;
    /// assert!(Policy::default().firm_third_parties);
    /// assert!(!Policy::default().with_firm_third_parties(false).firm_third_parties);
    /// ```
    pub fn with_firm_third_parties(mut self, on: bool) -> Self {
        self.firm_third_parties = on;
        self
    }

    /// With or without holding a voice's disagreeing counts as separate positions.
    ///
    /// ```
    /// # use contested::reconcile::Policy;
    /// assert!(Policy::default().positions_as_said);
    /// assert!(!Policy::default().with_positions_as_said(false).positions_as_said);
    /// ```
    pub fn with_positions_as_said(mut self, on: bool) -> Self {
        self.positions_as_said = on;
        self
    }

    /// With or without reading a voice's denial of its own claim as a retraction.
    ///
    /// ```
    /// # use contested::reconcile::Policy;
    /// assert!(Policy::default().retractions_withdraw);
    /// assert!(!Policy::default().with_retractions_withdraw(false).retractions_withdraw);
    /// ```
    pub fn with_retractions_withdraw(mut self, on: bool) -> Self {
        self.retractions_withdraw = on;
        self
    }

    /// With or without reading a party's admission as the low end only, so that an
    /// unhedged third party's count above it decides a tie.
    ///
    /// ```
    /// # use contested::reconcile::Policy;
    /// assert!(Policy::default().admissions_are_floors);
    /// assert!(!Policy::default().with_admissions_are_floors(false).admissions_are_floors);
    /// ```
    pub fn with_admissions_are_floors(mut self, on: bool) -> Self {
        self.admissions_are_floors = on;
        self
    }

    /// With counts settled so many days after their event's end, or never (`None`).
    ///
    /// ```
    /// # use contested::reconcile::Policy;
    /// assert_eq!(Policy::default().settles_after, Some(30));
    /// assert_eq!(Policy::default().with_settles_after(None).settles_after, None);
    /// ```
    pub fn with_settles_after(mut self, days: Option<u32>) -> Self {
        self.settles_after = days;
        self
    }

    /// With or without setting aside a relay's count that relabels its cited figure.
    ///
    /// ```
    /// # use contested::reconcile::Policy;
    /// assert!(Policy::default().relabels_set_aside);
    /// assert!(!Policy::default().with_relabels_set_aside(false).relabels_set_aside);
    /// ```
    pub fn with_relabels_set_aside(mut self, on: bool) -> Self {
        self.relabels_set_aside = on;
        self
    }

    /// With another as-of rule.
    ///
    /// ```
    /// # use contested::reconcile::{AsOfRule, Policy};
    /// assert_eq!(Policy::default().with_as_of(AsOfRule::CertainlyMade).as_of, AsOfRule::CertainlyMade);
    /// ```
    pub fn with_as_of(mut self, rule: AsOfRule) -> Self {
        self.as_of = rule;
        self
    }
}
