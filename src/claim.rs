//! Claims: single propositions about an event, made by a statement.
//!
//! ```
//! use contested::{Category, Claim, Estimate, Measure, Whose};
//!
//! let c = Claim::count("az-killed", "clash", Measure::Killed, Whose::party("azerbaijan"),
//!     Category::Military, Estimate::exact(50));
//! assert_eq!(c.body.count().unwrap().estimate.to_string(), "50");
//! ```

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::NameError;
use crate::estimate::Estimate;
use crate::id::{ActorId, ClaimId, EventId};
use crate::names::named_enum;
use crate::status::CountStatus;
use crate::when::TimeWindow;

/// What is counted: a built-in measure, or one the dossier defines by name
/// ([`MeasureDef`](crate::MeasureDef)).
///
/// ```
/// use contested::Measure;
///
/// assert_eq!("killed_or_missing".parse::<Measure>()?, Measure::KilledOrMissing);
/// assert_eq!(Measure::Casualties.parts(), Some((Measure::Killed, Measure::Wounded)));
/// // Any other snake-case name is a defined measure; a dossier refuses one it does not
/// // define (`Problem::UnknownMeasure`, at the claim's `measure`).
/// assert_eq!("seriously_injured".parse::<Measure>()?, Measure::defined("seriously_injured"));
/// assert!("two words".parse::<Measure>().is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// In JSON a measure is its name, as `Display` prints it: a built-in one (`killed`,
/// `wounded` or `injured`, `missing`, `captured`, `killed_or_missing`, `casualties`,
/// `deployed`, `aircraft_lost`, `vehicles_lost`, `bodies_recovered`, `detained`,
/// `displaced`, `evacuated`) or the snake-case name of a measure defined in the
/// dossier's `measures` (`"seriously_injured"`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(with = "MeasureJson"))]
#[non_exhaustive]
pub enum Measure {
    /// Killed.
    Killed,
    /// Wounded (JSON also accepts `injured`).
    Wounded,
    /// Missing.
    Missing,
    /// Captured.
    Captured,
    /// Killed or missing: killed + missing.
    KilledOrMissing,
    /// Casualties: killed + wounded.
    Casualties,
    /// Deployed (troops, peacekeepers).
    Deployed,
    /// Aircraft lost: shot down, crashed or destroyed on the ground.
    AircraftLost,
    /// Vehicles lost: tanks, armoured vehicles, trucks.
    VehiclesLost,
    /// Bodies recovered, handed over or examined (a morgue's count is not a toll).
    BodiesRecovered,
    /// Detained or arrested (people can be released).
    Detained,
    /// Displaced from their homes (people can return).
    Displaced,
    /// Evacuated.
    Evacuated,
    /// A measure defined by the dossier ([`MeasureDef`](crate::MeasureDef)), by its
    /// snake-case name. Whether it only grows and what it is the sum of are in its
    /// definition.
    Defined(String),
}

/// The JSON form of a [`Measure`], for the schema: a snake-case name.
#[cfg(feature = "schema")]
#[derive(schemars::JsonSchema)]
#[allow(dead_code)]
struct MeasureJson(#[schemars(regex(pattern = r"^[a-z][a-z0-9_]*$"))] String);

const BUILT_IN: [(Measure, &str); 13] = [
    (Measure::Killed, "killed"),
    (Measure::Wounded, "wounded"),
    (Measure::Missing, "missing"),
    (Measure::Captured, "captured"),
    (Measure::KilledOrMissing, "killed_or_missing"),
    (Measure::Casualties, "casualties"),
    (Measure::Deployed, "deployed"),
    (Measure::AircraftLost, "aircraft_lost"),
    (Measure::VehiclesLost, "vehicles_lost"),
    (Measure::BodiesRecovered, "bodies_recovered"),
    (Measure::Detained, "detained"),
    (Measure::Displaced, "displaced"),
    (Measure::Evacuated, "evacuated"),
];

impl Measure {
    /// Every built-in measure, in order.
    ///
    /// ```
    /// # use contested::Measure;
    /// assert_eq!(Measure::ALL[0], Measure::Killed);
    /// assert!(Measure::ALL.iter().all(Measure::is_built_in));
    /// ```
    pub const ALL: &'static [Measure] = &[
        Measure::Killed,
        Measure::Wounded,
        Measure::Missing,
        Measure::Captured,
        Measure::KilledOrMissing,
        Measure::Casualties,
        Measure::Deployed,
        Measure::AircraftLost,
        Measure::VehiclesLost,
        Measure::BodiesRecovered,
        Measure::Detained,
        Measure::Displaced,
        Measure::Evacuated,
    ];

    /// A measure defined by the dossier, by name.
    ///
    /// ```
    /// # use contested::Measure;
    /// assert_eq!(Measure::defined("ksi").to_string(), "ksi");
    /// ```
    pub fn defined(name: impl Into<String>) -> Self {
        Measure::Defined(name.into())
    }

    /// The snake-case name used in JSON and [`Display`](std::fmt::Display).
    ///
    /// ```
    /// # use contested::Measure;
    /// assert_eq!(Measure::KilledOrMissing.name(), "killed_or_missing");
    /// ```
    pub fn name(&self) -> &str {
        match self {
            Measure::Defined(n) => n,
            m => BUILT_IN.iter().find(|(b, _)| b == m).map_or("", |(_, n)| n),
        }
    }

    /// The built-in measure of this name (any case; `injured` is `wounded`), if there is
    /// one.
    ///
    /// ```
    /// # use contested::Measure;
    /// assert_eq!(Measure::built_in("Injured"), Some(Measure::Wounded));
    /// assert_eq!(Measure::built_in("seriously_injured"), None);
    /// ```
    pub fn built_in(name: &str) -> Option<Measure> {
        let name = name.trim();
        if name.eq_ignore_ascii_case("injured") {
            return Some(Measure::Wounded);
        }
        BUILT_IN
            .iter()
            .find(|(_, n)| n.eq_ignore_ascii_case(name))
            .map(|(m, _)| m.clone())
    }

    /// Whether it is one of the built-in measures (not defined by a dossier).
    ///
    /// ```
    /// # use contested::Measure;
    /// assert!(Measure::Killed.is_built_in());
    /// assert!(!Measure::defined("ksi").is_built_in());
    /// ```
    pub fn is_built_in(&self) -> bool {
        !matches!(self, Measure::Defined(_))
    }

    /// Whether the measure only grows over the life of one event: the dead, the
    /// wounded, bodies recovered, aircraft and vehicles lost, people evacuated, and
    /// casualties (killed + wounded). A later count of such a measure can only be
    /// higher, so an earlier running count is a floor on it; a fall needs a stated
    /// correction. The missing are found or reclassified, the captured and detained
    /// released, the displaced return, deployments end: those can fall, and so can
    /// killed-or-missing. A defined measure says so in its definition
    /// ([`MeasureDef::only_grows`](crate::MeasureDef::only_grows)); without the
    /// dossier this is `false` for it.
    ///
    /// ```
    /// # use contested::Measure;
    /// assert!(Measure::Killed.only_grows());
    /// assert!(!Measure::Missing.only_grows());
    /// ```
    pub fn only_grows(&self) -> bool {
        matches!(
            self,
            Measure::Killed
                | Measure::Wounded
                | Measure::Casualties
                | Measure::AircraftLost
                | Measure::VehiclesLost
                | Measure::BodiesRecovered
                | Measure::Evacuated
        )
    }

    /// For a built-in measure that is a sum of two others, those two (a defined sum's
    /// parts are in its definition, [`MeasureDef::sum_of`](crate::MeasureDef::sum_of)).
    ///
    /// ```
    /// # use contested::Measure;
    /// assert_eq!(Measure::KilledOrMissing.parts(), Some((Measure::Killed, Measure::Missing)));
    /// assert_eq!(Measure::Killed.parts(), None);
    /// ```
    pub fn parts(&self) -> Option<(Measure, Measure)> {
        match self {
            Measure::KilledOrMissing => Some((Measure::Killed, Measure::Missing)),
            Measure::Casualties => Some((Measure::Killed, Measure::Wounded)),
            _ => None,
        }
    }
}

impl fmt::Display for Measure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Measure {
    type Err = NameError;

    /// A built-in measure's name (any case), else a snake-case name (`[a-z][a-z0-9_]*`)
    /// as a defined measure.
    fn from_str(s: &str) -> Result<Measure, NameError> {
        if let Some(m) = Measure::built_in(s) {
            return Ok(m);
        }
        let name = s.trim();
        if crate::measure::well_formed(name) {
            Ok(Measure::Defined(name.to_owned()))
        } else {
            Err(NameError {
                what: crate::error::Vocabulary::Measure,
                input: crate::excerpt::excerpt(s),
            })
        }
    }
}

impl Serialize for Measure {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for Measure {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Measure, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Measure;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a measure's name: a built-in one (\"killed\", \"wounded\", ...) or a defined measure's snake-case name")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Measure, E> {
                s.parse().map_err(E::custom)
            }
        }
        d.deserialize_str(V)
    }
}

/// Whose people are counted: one party's, or everyone's.
///
/// ```
/// use contested::Whose;
///
/// assert_eq!(Whose::party("armenia").to_string(), "armenia");
/// assert_eq!("all".parse::<Whose>()?, Whose::All);
/// // JSON: "all" or {"party": id}, as written; a plain actor id (what Display prints)
/// // loads too.
/// assert_eq!(serde_json::from_str::<Whose>(r#""armenia""#)?, Whose::party("armenia"));
/// assert_eq!(serde_json::to_string(&Whose::party("armenia"))?, r#"{"party":"armenia"}"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(with = "WhoseJson"))]
#[serde(rename_all = "snake_case", remote = "Self")]
#[non_exhaustive]
pub enum Whose {
    /// Everyone involved, over all sides.
    All,
    /// One party's people.
    Party(ActorId),
}

crate::names::display_json!(Whose, "\"all\", an actor id, or {\"party\": id}");

/// The JSON forms of a [`Whose`], for the schema: a name or words as `Display` prints
/// them, or the tagged object.
#[cfg(feature = "schema")]
#[derive(schemars::JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum WhoseJson {
    Words(String),
    Tagged { party: String },
}

impl Whose {
    /// One party's people.
    ///
    /// ```
    /// # use contested::Whose;
    /// assert!(matches!(Whose::party("x"), Whose::Party(_)));
    /// ```
    pub fn party(id: impl Into<ActorId>) -> Self {
        Whose::Party(id.into())
    }
}

impl fmt::Display for Whose {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Whose::All => f.write_str("all"),
            // `party:` keeps ids that would otherwise read back differently.
            Whose::Party(p) if p.as_str() == "all" || p.as_str().starts_with("party:") => {
                write!(f, "party:{p}")
            }
            Whose::Party(p) => write!(f, "{p}"),
        }
    }
}

impl FromStr for Whose {
    type Err = crate::error::IdError;
    /// `all`, or an actor id. An actor whose id is `all` is written `party:all`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s == "all" {
            Ok(Whose::All)
        } else {
            Ok(Whose::Party(s.strip_prefix("party:").unwrap_or(s).parse()?))
        }
    }
}

/// Which people are counted.
///
/// ```
/// use contested::Category;
///
/// assert_eq!("border service".parse::<Category>()?, Category::unit("border service"));
/// assert_eq!(Category::Military.to_string(), "military");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Category {
    /// Military and civilian together.
    Any,
    /// Soldiers and other combatants.
    Military,
    /// Civilians.
    Civilian,
    /// People whose status is not known (UCDP's `deaths_unknown`).
    Unknown,
    /// A named unit or group within a breakdown: "army", "border service".
    Unit(String),
}

impl Category {
    /// A named unit.
    ///
    /// ```
    /// # use contested::Category;
    /// assert_eq!(Category::unit("army"), Category::Unit("army".into()));
    /// ```
    pub fn unit(name: impl Into<String>) -> Self {
        Category::Unit(name.into())
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Category::Any => f.write_str("any"),
            Category::Military => f.write_str("military"),
            Category::Civilian => f.write_str("civilian"),
            Category::Unknown => f.write_str("unknown"),
            // `unit:` keeps names that would otherwise read back differently (or not at all).
            Category::Unit(u)
                if u.is_empty()
                    || u.starts_with("unit:")
                    || ["any", "military", "civilian", "unknown"].contains(&u.as_str()) =>
            {
                write!(f, "unit:{u}")
            }
            Category::Unit(u) => f.write_str(u),
        }
    }
}

impl FromStr for Category {
    type Err = NameError;
    /// `any`, `military`, `civilian`, `unknown`, or a unit name (`unit:NAME` when the
    /// name is one of those).
    fn from_str(s: &str) -> Result<Self, NameError> {
        match s {
            "" => Err(NameError {
                what: crate::error::Vocabulary::Category,
                input: s.to_owned(),
            }),
            "any" => Ok(Category::Any),
            "military" => Ok(Category::Military),
            "civilian" => Ok(Category::Civilian),
            "unknown" => Ok(Category::Unknown),
            _ => Ok(Category::Unit(
                s.strip_prefix("unit:").unwrap_or(s).to_owned(),
            )),
        }
    }
}

/// One part of a reported breakdown: "42 army" in "42 army + 8 border service = 50".
///
/// ```
/// use contested::{BreakdownPart, Estimate};
///
/// let p = BreakdownPart::new("army", Estimate::exact(42));
/// assert_eq!(p.unit, "army");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct BreakdownPart {
    /// The unit's name; it becomes the key's [`Category::Unit`].
    pub unit: String,
    /// Its figure.
    pub estimate: Estimate,
}

impl BreakdownPart {
    /// A part of a breakdown.
    ///
    /// ```
    /// # use contested::{BreakdownPart, Estimate};
    /// assert_eq!(BreakdownPart::new("navy", Estimate::exact(1)).estimate, Estimate::exact(1));
    /// ```
    pub fn new(unit: impl Into<String>, estimate: Estimate) -> Self {
        BreakdownPart {
            unit: unit.into(),
            estimate,
        }
    }
}

/// A figure: measure × whose × category × estimate, with an optional breakdown whose
/// parts sum to it.
///
/// ```
/// use contested::{BreakdownPart, Category, CountClaim, Estimate, Measure, Whose};
///
/// let c = CountClaim::new(Measure::Killed, Whose::party("azerbaijan"), Category::Military, Estimate::exact(50))
///     .with_part(BreakdownPart::new("army", Estimate::exact(42)))
///     .with_part(BreakdownPart::new("border service", Estimate::exact(8)));
/// assert_eq!(c.breakdown.len(), 2);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct CountClaim {
    /// What is counted.
    pub measure: Measure,
    /// Whose people.
    pub whose: Whose,
    /// Which people.
    pub category: Category,
    /// The figure as reported.
    pub estimate: Estimate,
    /// Parts that sum to this figure, as reported.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "crate::objects::list"
    )]
    pub breakdown: Vec<BreakdownPart>,
    /// Where the count stands in its series. When [`Unstated`](CountStatus::Unstated),
    /// the estimate's words may still say it ("so far"); see [`CountClaim::status`].
    #[serde(default, skip_serializing_if = "is_unstated")]
    pub status: CountStatus,
    /// The time the count is *as of* ("as of Wednesday morning"), when it is not the
    /// time the statement was made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<TimeWindow>,
    /// Whether the breakdown names only some of the parts ("40 dead, including 10 at the
    /// market and 7 at the school"): the parts are then lower bounds and the rest is an
    /// unnamed remainder. Has no effect without a breakdown.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub partial: bool,
}

fn is_unstated(s: &CountStatus) -> bool {
    *s == CountStatus::Unstated
}

impl CountClaim {
    /// A figure with no breakdown.
    ///
    /// ```
    /// # use contested::{Category, CountClaim, Estimate, Measure, Whose};
    /// let c = CountClaim::new(Measure::Killed, Whose::All, Category::Any, Estimate::about(100));
    /// assert!(c.breakdown.is_empty());
    /// ```
    pub fn new(measure: Measure, whose: Whose, category: Category, estimate: Estimate) -> Self {
        CountClaim {
            measure,
            whose,
            category,
            estimate,
            breakdown: Vec::new(),
            status: CountStatus::Unstated,
            as_of: None,
            partial: false,
        }
    }

    /// With a breakdown that names only some of the parts ("including ...").
    ///
    /// ```
    /// # use contested::{BreakdownPart, Category, CountClaim, Estimate, Measure, Whose};
    /// let c = CountClaim::new(Measure::Killed, Whose::All, Category::Any, Estimate::exact(40))
    ///     .with_part(BreakdownPart::new("market", Estimate::exact(10)))
    ///     .partial();
    /// assert!(c.partial);
    /// ```
    pub fn partial(mut self) -> Self {
        self.partial = true;
        self
    }

    /// With a status.
    ///
    /// ```
    /// # use contested::{Category, CountClaim, CountStatus, Estimate, Measure, Whose};
    /// let c = CountClaim::new(Measure::Killed, Whose::All, Category::Any, Estimate::exact(2))
    ///     .with_status(CountStatus::Final);
    /// assert_eq!(c.status(), CountStatus::Final);
    /// ```
    pub fn with_status(mut self, status: CountStatus) -> Self {
        self.status = status;
        self
    }

    /// As of a time other than the statement's.
    ///
    /// ```
    /// # use contested::{Category, CountClaim, Estimate, Measure, TimeWindow, Whose};
    /// let t = TimeWindow::instant("2008-08-13T08:00:00+04:00".parse()?);
    /// let c = CountClaim::new(Measure::Killed, Whose::All, Category::Any, Estimate::exact(74))
    ///     .with_as_of(t.clone());
    /// assert_eq!(c.as_of, Some(t));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_as_of(mut self, when: TimeWindow) -> Self {
        self.as_of = Some(when);
        self
    }

    /// The status in effect: the [`status`](field@CountClaim::status) field when given,
    /// else the status the estimate's words name ("at least 140 so far" is running).
    ///
    /// ```
    /// # use contested::{Category, CountClaim, CountStatus, Measure, Whose};
    /// let c = CountClaim::new(Measure::Killed, Whose::All, Category::Any, "19 so far".parse()?);
    /// assert_eq!(c.status(), CountStatus::Running);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn status(&self) -> CountStatus {
        match self.status {
            CountStatus::Unstated => self.estimate.status(),
            s => s,
        }
    }

    /// With one more breakdown part.
    ///
    /// ```
    /// # use contested::{BreakdownPart, Category, CountClaim, Estimate, Measure, Whose};
    /// let c = CountClaim::new(Measure::Killed, Whose::All, Category::Any, Estimate::exact(2))
    ///     .with_part(BreakdownPart::new("a", Estimate::exact(1)));
    /// assert_eq!(c.breakdown.len(), 1);
    /// ```
    pub fn with_part(mut self, part: BreakdownPart) -> Self {
        self.breakdown.push(part);
        self
    }
}

/// Which end of an event a timing claim places.
///
/// ```
/// use contested::Boundary;
///
/// assert_eq!(Boundary::Onset.to_string(), "onset");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Boundary {
    /// When it began.
    Onset,
    /// When it ended.
    End,
}

named_enum!(Boundary { Onset => "onset", End => "end" });

/// What a claim asserts.
///
/// ```
/// use contested::{ClaimBody, Estimate};
///
/// let body = ClaimBody::Responsibility { initiator: "azerbaijan".into(), against: Some("armenia".into()), description: None };
/// assert_eq!(body.kind_name(), "responsibility");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ClaimBody {
    /// A figure.
    #[serde(deserialize_with = "crate::objects::object")]
    Count(CountClaim),
    /// Who started it or is to blame (CAMEO 1123, accuse of aggression).
    Responsibility {
        /// Who is said to have initiated.
        initiator: ActorId,
        /// Against whom, if said.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        against: Option<ActorId>,
        /// The words used: "a large-scale provocation".
        #[serde(default, skip_serializing_if = "Option::is_none")]
        description: Option<String>,
    },
    /// An actor did something to a target ("unleashing an artillery bombardment").
    Action {
        /// Who acted.
        actor: ActorId,
        /// The action, as an event kind (artillery fire, aerial attack, ...).
        action: crate::event::EventKind,
        /// Against whom, if said.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        target: Option<ActorId>,
        /// The words used.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        description: Option<String>,
    },
    /// When the event began or ended.
    Timing {
        /// Which end.
        boundary: Boundary,
        /// The window claimed.
        window: TimeWindow,
    },
    /// A denial (CAMEO 016) of another claim, or of an allegation the dossier does not
    /// record as a claim ("reports that our aircraft was shot down are false"). At least
    /// one of `denies` and `allegation` is given; the allegation is about the claim's
    /// event.
    Denial {
        /// The claim denied, when the dossier holds it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        denies: Option<ClaimId>,
        /// The allegation denied, as the denial describes it.
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            deserialize_with = "crate::objects::optional_object"
        )]
        allegation: Option<Allegation>,
        /// The words used: "fake news".
        #[serde(default, skip_serializing_if = "Option::is_none")]
        wording: Option<String>,
    },
    /// Who brokered the agreement the claim is about.
    MediationCredit {
        /// Who is credited.
        credited: ActorId,
    },
    /// A figure stated relative to another ("more than double our losses").
    #[serde(deserialize_with = "crate::objects::object")]
    Relative(crate::relative::RelativeClaim),
}

/// The kinds of claim, by name: what an [`Allegation`] says it was.
///
/// ```
/// use contested::ClaimKind;
///
/// assert_eq!(ClaimKind::MediationCredit.to_string(), "mediation_credit");
/// assert_eq!("Count".parse::<ClaimKind>()?, ClaimKind::Count);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ClaimKind {
    /// A figure.
    Count,
    /// Who started it.
    Responsibility,
    /// Who did what to whom.
    Action,
    /// When it began or ended.
    Timing,
    /// A denial.
    Denial,
    /// Who brokered it.
    MediationCredit,
    /// A figure relative to another.
    Relative,
}

named_enum!(ClaimKind {
    Count => "count",
    Responsibility => "responsibility",
    Action => "action",
    Timing => "timing",
    Denial => "denial",
    MediationCredit => "mediation_credit",
    Relative => "relative",
});

/// An allegation a denial answers, as the denial describes it: the words it quotes,
/// whose allegation it was when said, and what sort of claim it would be. It is about the
/// denial's event. Reconciliation pairs it with the claims the dossier does record that
/// fit this description, or reports it as a denial with nothing to pair.
///
/// ```
/// use contested::{Allegation, Claim, ClaimBody, ClaimKind, Measure};
///
/// // "Reports that our aircraft was shot down are false."
/// let a = Allegation::new()
///     .quoting("our aircraft was shot down")
///     .by("pakistan")
///     .of_measure(Measure::AircraftLost);
/// assert_eq!(a.kind, Some(ClaimKind::Count));
/// let denial = Claim::new("in-deny", "dogfight", ClaimBody::Denial {
///     denies: None, allegation: Some(a), wording: Some("false".into()) });
/// let json = serde_json::to_string(&denial)?;
/// assert!(json.contains(r#""allegation":{"quote":"our aircraft was shot down","by":"pakistan","kind":"count","measure":"aircraft_lost"}"#));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Allegation {
    /// The allegation's words, as the denial quotes or sums them up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// Whose allegation it was, when the denial says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<ActorId>,
    /// What sort of claim it would be, when clear.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<ClaimKind>,
    /// For a figure, what it counted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure: Option<Measure>,
}

impl Allegation {
    /// An allegation described by nothing yet: it is about the denial's event.
    ///
    /// ```
    /// # use contested::Allegation;
    /// assert_eq!(Allegation::new().by, None);
    /// ```
    pub fn new() -> Self {
        Allegation::default()
    }

    /// With its words.
    ///
    /// ```
    /// # use contested::Allegation;
    /// assert_eq!(Allegation::new().quoting("fake").quote.as_deref(), Some("fake"));
    /// ```
    pub fn quoting(mut self, words: impl Into<String>) -> Self {
        self.quote = Some(words.into());
        self
    }

    /// Made by `actor`.
    ///
    /// ```
    /// # use contested::Allegation;
    /// assert_eq!(Allegation::new().by("pakistan").by.unwrap().as_str(), "pakistan");
    /// ```
    pub fn by(mut self, actor: impl Into<ActorId>) -> Self {
        self.by = Some(actor.into());
        self
    }

    /// Of this kind of claim.
    ///
    /// ```
    /// # use contested::{Allegation, ClaimKind};
    /// assert_eq!(Allegation::new().of_kind(ClaimKind::Action).kind, Some(ClaimKind::Action));
    /// ```
    pub fn of_kind(mut self, kind: ClaimKind) -> Self {
        self.kind = Some(kind);
        self
    }

    /// A figure of `measure` (its kind is then [`ClaimKind::Count`]).
    ///
    /// ```
    /// # use contested::{Allegation, ClaimKind, Measure};
    /// let a = Allegation::new().of_measure(Measure::Killed);
    /// assert_eq!((a.kind, a.measure), (Some(ClaimKind::Count), Some(Measure::Killed)));
    /// ```
    pub fn of_measure(mut self, measure: Measure) -> Self {
        self.kind = Some(ClaimKind::Count);
        self.measure = Some(measure);
        self
    }

    /// Whether a claim of `body` could be this allegation, as far as the description
    /// goes (who made it is matched by the reconciliation, which knows parties).
    ///
    /// ```
    /// # use contested::{Allegation, Category, ClaimBody, CountClaim, Estimate, Measure, Whose};
    /// let body = ClaimBody::Count(CountClaim::new(Measure::AircraftLost, Whose::party("india"), Category::Military, Estimate::exact(2)));
    /// assert!(Allegation::new().of_measure(Measure::AircraftLost).fits(&body));
    /// assert!(!Allegation::new().of_measure(Measure::Killed).fits(&body));
    /// ```
    pub fn fits(&self, body: &ClaimBody) -> bool {
        let kind = body.kind();
        if self.kind.is_some_and(|k| k != kind) {
            return false;
        }
        // A denial answers an assertion, not another denial, unless the description says.
        if self.kind.is_none() && kind == ClaimKind::Denial {
            return false;
        }
        match (&self.measure, body.count()) {
            (Some(m), Some(c)) => c.measure == *m,
            (Some(_), None) => false,
            (None, _) => true,
        }
    }
}

impl fmt::Display for Allegation {
    /// `an allegation by X of a count of killed ("words")`, with what is known.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an allegation")?;
        if let Some(b) = &self.by {
            write!(f, " by {b}")?;
        }
        match (self.kind, &self.measure) {
            (_, Some(m)) => write!(f, " of a count of {m}")?,
            (Some(k), None) => write!(f, " of {}", k.name().replace('_', " "))?,
            (None, None) => {}
        }
        if let Some(q) = &self.quote {
            write!(f, " ({q:?})")?;
        }
        Ok(())
    }
}

impl ClaimBody {
    /// The claim's kind.
    ///
    /// ```
    /// # use contested::{ClaimBody, ClaimKind};
    /// assert_eq!(ClaimBody::MediationCredit { credited: "russia".into() }.kind(), ClaimKind::MediationCredit);
    /// ```
    pub fn kind(&self) -> ClaimKind {
        match self {
            ClaimBody::Count(_) => ClaimKind::Count,
            ClaimBody::Responsibility { .. } => ClaimKind::Responsibility,
            ClaimBody::Action { .. } => ClaimKind::Action,
            ClaimBody::Timing { .. } => ClaimKind::Timing,
            ClaimBody::Denial { .. } => ClaimKind::Denial,
            ClaimBody::MediationCredit { .. } => ClaimKind::MediationCredit,
            ClaimBody::Relative(_) => ClaimKind::Relative,
        }
    }

    /// The snake-case name of the claim's kind, as in JSON's `type`.
    ///
    /// ```
    /// # use contested::ClaimBody;
    /// assert_eq!(ClaimBody::MediationCredit { credited: "russia".into() }.kind_name(), "mediation_credit");
    /// ```
    pub fn kind_name(&self) -> &'static str {
        match self {
            ClaimBody::Count(_) => "count",
            ClaimBody::Responsibility { .. } => "responsibility",
            ClaimBody::Action { .. } => "action",
            ClaimBody::Timing { .. } => "timing",
            ClaimBody::Denial { .. } => "denial",
            ClaimBody::MediationCredit { .. } => "mediation_credit",
            ClaimBody::Relative(_) => "relative",
        }
    }

    /// The relative figure, if this is one.
    ///
    /// ```
    /// # use contested::{Category, ClaimBody, Measure, Quantity, RelativeClaim, Whose};
    /// let b = ClaimBody::Relative(RelativeClaim::new(Measure::Killed, Whose::All, Category::Civilian,
    ///     "half".parse()?, Quantity::new(Measure::Killed, Whose::All, Category::Any)));
    /// assert!(b.relative().is_some() && b.count().is_none());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn relative(&self) -> Option<&crate::relative::RelativeClaim> {
        match self {
            ClaimBody::Relative(r) => Some(r),
            _ => None,
        }
    }

    /// The figure, if this is a count.
    ///
    /// ```
    /// # use contested::{Category, ClaimBody, CountClaim, Estimate, Measure, Whose};
    /// let b = ClaimBody::Count(CountClaim::new(Measure::Killed, Whose::All, Category::Any, Estimate::exact(1)));
    /// assert!(b.count().is_some());
    /// ```
    pub fn count(&self) -> Option<&CountClaim> {
        match self {
            ClaimBody::Count(c) => Some(c),
            _ => None,
        }
    }
}

/// One proposition about one event.
///
/// ```
/// use contested::{Claim, ClaimBody};
///
/// let c = Claim::new("az-blame", "clash", ClaimBody::Responsibility {
///     initiator: "armenia".into(), against: Some("azerbaijan".into()),
///     description: Some("large-scale provocation".into()) });
/// assert_eq!(c.event.as_str(), "clash");
/// ```
///
/// # JSON
///
/// A claim is an object with its `id`, its `event`, and one key naming its kind whose
/// value holds the body, so an error inside the body is reported with its exact path
/// (`statements[0].claims[1].count.estimate`):
///
/// ```
/// use contested::Claim;
///
/// let c: Claim = serde_json::from_str(r#"{"id": "c", "event": "clash",
///     "count": {"measure": "killed", "whose": "all", "category": "military", "estimate": "about 100"}}"#)?;
/// assert_eq!(c.body.kind_name(), "count");
/// assert_eq!(serde_json::from_str::<Claim>(&serde_json::to_string(&c)?)?, c);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[non_exhaustive]
pub struct Claim {
    /// Unique across the dossier.
    pub id: ClaimId,
    /// The event the claim is about.
    pub event: EventId,
    /// What it asserts.
    #[serde(flatten)]
    pub body: ClaimBody,
}

impl Claim {
    /// A claim.
    ///
    /// ```
    /// # use contested::{Claim, ClaimBody};
    /// let c = Claim::new("c", "e", ClaimBody::MediationCredit { credited: "russia".into() });
    /// assert_eq!(c.id.as_str(), "c");
    /// ```
    pub fn new(id: impl Into<ClaimId>, event: impl Into<EventId>, body: ClaimBody) -> Self {
        Claim {
            id: id.into(),
            event: event.into(),
            body,
        }
    }

    /// A count claim with no breakdown.
    ///
    /// ```
    /// # use contested::{Category, Claim, Estimate, Measure, Whose};
    /// let c = Claim::count("c", "e", Measure::Killed, Whose::All, Category::Any, Estimate::about(100));
    /// assert!(c.body.count().is_some());
    /// ```
    pub fn count(
        id: impl Into<ClaimId>,
        event: impl Into<EventId>,
        measure: Measure,
        whose: Whose,
        category: Category,
        estimate: Estimate,
    ) -> Self {
        Claim::new(
            id,
            event,
            ClaimBody::Count(CountClaim::new(measure, whose, category, estimate)),
        )
    }
}

impl<'de> Deserialize<'de> for Claim {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_map(body_de::ClaimVisitor)
    }
}

/// Reads a claim's body from the value under its kind's key, straight from the input
/// (no buffering), so path-tracking deserializers see every field.
mod body_de {
    use std::fmt;

    use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, Visitor};
    use serde::{Deserialize, Deserializer};

    use super::{Claim, ClaimBody};

    /// The fields of a claim: its id, its event, and one key per kind of body.
    const FIELDS: &[&str] = &[
        "id",
        "event",
        "count",
        "responsibility",
        "action",
        "timing",
        "denial",
        "mediation_credit",
        "relative",
    ];
    const KINDS: &[&str] = FIELDS.split_at(2).1;

    pub(super) struct ClaimVisitor;

    impl<'de> Visitor<'de> for ClaimVisitor {
        type Value = Claim;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a claim: {\"id\", \"event\", and one of count, responsibility, action, timing, denial, mediation_credit, relative}")
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Claim, A::Error> {
            let mut id = None;
            let mut event = None;
            let mut body = None;
            while let Some(key) = map.next_key_seed(Key)? {
                match key.as_str() {
                    "id" if id.is_none() => id = Some(map.next_value()?),
                    "event" if event.is_none() => event = Some(map.next_value()?),
                    "id" | "event" => {
                        return Err(de::Error::custom(format_args!("duplicate field `{key}`")));
                    }
                    kind if KINDS.contains(&kind) => {
                        if body.is_some() {
                            return Err(de::Error::custom(format_args!(
                                "a claim has one kind, but `{kind}` follows another"
                            )));
                        }
                        body = Some(map.next_value_seed(BodySeed(kind))?);
                    }
                    // `Key` refused every other name while reading it.
                    _ => {}
                }
            }
            Ok(Claim {
                id: id.ok_or_else(|| de::Error::missing_field("id"))?,
                event: event.ok_or_else(|| de::Error::missing_field("event"))?,
                body: body.ok_or_else(|| {
                    de::Error::custom("missing the claim's kind: one of count, responsibility, action, timing, denial, mediation_credit, relative")
                })?,
            })
        }
    }

    /// A claim's key, refused while it is read when it is none of [`FIELDS`], so that
    /// path-tracking deserializers place the error at the key (`claims[0].evnt`), as for
    /// every derived record.
    struct Key;

    impl<'de> DeserializeSeed<'de> for Key {
        type Value = String;
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<String, D::Error> {
            d.deserialize_identifier(self)
        }
    }

    impl Visitor<'_> for Key {
        type Value = String;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a claim field name")
        }

        fn visit_str<E: de::Error>(self, key: &str) -> Result<String, E> {
            if FIELDS.contains(&key) {
                Ok(key.to_owned())
            } else {
                Err(E::unknown_field(key, FIELDS))
            }
        }
    }

    struct BodySeed<'k>(&'k str);

    impl<'de> DeserializeSeed<'de> for BodySeed<'_> {
        type Value = ClaimBody;
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<ClaimBody, D::Error> {
            ClaimBody::deserialize(Variant {
                name: self.0,
                content: d,
            })
        }
    }

    /// A deserializer that presents `content` as the variant `name` of an enum.
    struct Variant<'k, D> {
        name: &'k str,
        content: D,
    }

    impl<'de, D: Deserializer<'de>> Deserializer<'de> for Variant<'_, D> {
        type Error = D::Error;

        fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
            visitor.visit_enum(self)
        }

        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
            bytes byte_buf option unit unit_struct newtype_struct seq tuple
            tuple_struct map struct enum identifier ignored_any
        }
    }

    impl<'de, D: Deserializer<'de>> de::EnumAccess<'de> for Variant<'_, D> {
        type Error = D::Error;
        type Variant = Content<D>;

        fn variant_seed<V: DeserializeSeed<'de>>(
            self,
            seed: V,
        ) -> Result<(V::Value, Content<D>), D::Error> {
            let name: de::value::StrDeserializer<'_, D::Error> = self.name.into_deserializer();
            Ok((seed.deserialize(name)?, Content(self.content)))
        }
    }

    /// The variant's content, read directly from the underlying deserializer.
    struct Content<D>(D);

    impl<'de, D: Deserializer<'de>> de::VariantAccess<'de> for Content<D> {
        type Error = D::Error;

        fn unit_variant(self) -> Result<(), D::Error> {
            de::IgnoredAny::deserialize(self.0).map(|_| ())
        }

        fn newtype_variant_seed<T: DeserializeSeed<'de>>(
            self,
            seed: T,
        ) -> Result<T::Value, D::Error> {
            seed.deserialize(self.0)
        }

        fn tuple_variant<V: Visitor<'de>>(
            self,
            len: usize,
            visitor: V,
        ) -> Result<V::Value, D::Error> {
            self.0.deserialize_tuple(len, visitor)
        }

        fn struct_variant<V: Visitor<'de>>(
            self,
            fields: &'static [&'static str],
            visitor: V,
        ) -> Result<V::Value, D::Error> {
            // Not `deserialize_struct`, which also reads an array of the fields in order.
            let _ = fields;
            self.0.deserialize_map(visitor)
        }
    }
}
