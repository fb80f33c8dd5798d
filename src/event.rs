//! Events: the border fighting, its component actions, and the background events it
//! is understood against.
//!
//! ```
//! use contested::{Event, EventKind, ContextRelation};
//!
//! let clash = Event::new("clash-2022-09-13", "Armenia–Azerbaijan border clashes", EventKind::Clash)
//!     .with_side("armenia")
//!     .with_side("azerbaijan")
//!     .with_place("Armenia–Azerbaijan border")
//!     .with_context("war-2020", ContextRelation::Background);
//! assert_eq!(clash.sides.len(), 2);
//! ```

use serde::{Deserialize, Serialize};

use crate::id::{ActorId, EventId};
use crate::names::named_enum;
use crate::when::TimeWindow;

/// What sort of event, with the CAMEO codes it corresponds to where there is one.
///
/// ```
/// use contested::EventKind;
///
/// assert_eq!(EventKind::ArtilleryFire.cameo(), Some("194"));
/// assert_eq!("ground_advance".parse::<EventKind>()?, EventKind::GroundAdvance);
/// assert_eq!(EventKind::GroundAdvance.to_string(), "ground_advance");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EventKind {
    /// An armed clash between forces.
    Clash,
    /// A war.
    War,
    /// Artillery fire or bombardment (CAMEO 194).
    ArtilleryFire,
    /// Drone or air attacks (CAMEO 195).
    AerialAttack,
    /// Small-arms fire.
    ShotsFired,
    /// Mines laid.
    MinesLaid,
    /// Troops advancing or attempting to cross.
    GroundAdvance,
    /// A ceasefire or peace agreement (CAMEO 0871 / 057).
    Agreement,
    /// A deployment, e.g. of peacekeepers (CAMEO 074).
    Deployment,
    /// Consultations or a meeting (CAMEO 04).
    Consultation,
    /// A disputed territory's status, a standing situation.
    Situation,
    /// Anything else.
    Other,
}

impl EventKind {
    /// The CAMEO event code this kind corresponds to, if one fits.
    ///
    /// ```
    /// # use contested::EventKind;
    /// assert_eq!(EventKind::Deployment.cameo(), Some("074"));
    /// assert_eq!(EventKind::Other.cameo(), None);
    /// ```
    pub fn cameo(self) -> Option<&'static str> {
        match self {
            EventKind::Clash | EventKind::War => Some("19"),
            EventKind::ArtilleryFire => Some("194"),
            EventKind::AerialAttack => Some("195"),
            EventKind::ShotsFired => Some("190"),
            EventKind::MinesLaid => Some("190"),
            EventKind::GroundAdvance => Some("192"),
            EventKind::Agreement => Some("057"),
            EventKind::Deployment => Some("074"),
            EventKind::Consultation => Some("04"),
            EventKind::Situation | EventKind::Other => None,
        }
    }
}

named_enum!(EventKind {
    Clash => "clash",
    War => "war",
    ArtilleryFire => "artillery_fire",
    AerialAttack => "aerial_attack",
    ShotsFired => "shots_fired",
    MinesLaid => "mines_laid",
    GroundAdvance => "ground_advance",
    Agreement => "agreement",
    Deployment => "deployment",
    Consultation => "consultation",
    Situation => "situation",
    Other => "other",
});

/// Whether an event has happened or is only scheduled.
///
/// A statement can speak of a scheduled event before it takes place; of an event that
/// has happened, only after it began.
///
/// ```
/// use contested::Occurrence;
///
/// assert_eq!(Occurrence::default(), Occurrence::Happened);
/// ```
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Occurrence {
    /// It happened (or is happening).
    #[default]
    Happened,
    /// It is scheduled: "scheduled closed consultations Wednesday".
    Scheduled,
}

named_enum!(Occurrence { Happened => "happened", Scheduled => "scheduled" });

/// How a context event bears on an event.
///
/// ```
/// use contested::ContextRelation;
///
/// assert_ne!(ContextRelation::Background, ContextRelation::Response);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ContextRelation {
    /// History the event is read against (the 1994 war, the 2020 war).
    Background,
    /// Something that arose from this event (Security Council consultations).
    Response,
    /// A standing situation the event is part of (the Nagorno-Karabakh dispute).
    Dispute,
    /// An agreement the event bears on.
    Agreement,
    /// Related in another way.
    Related,
}

named_enum!(ContextRelation {
    Background => "background",
    Response => "response",
    Dispute => "dispute",
    Agreement => "agreement",
    Related => "related",
});

/// A link from an event to another that gives it context.
///
/// ```
/// use contested::{ContextLink, ContextRelation};
///
/// let l = ContextLink::new("war-2020", ContextRelation::Background);
/// assert_eq!(l.event.as_str(), "war-2020");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ContextLink {
    /// The event giving context.
    pub event: EventId,
    /// How it bears on this one.
    pub relation: ContextRelation,
}

impl ContextLink {
    /// A link to `event`.
    ///
    /// ```
    /// # use contested::{ContextLink, ContextRelation};
    /// assert_eq!(ContextLink::new("x", ContextRelation::Related).relation, ContextRelation::Related);
    /// ```
    pub fn new(event: impl Into<EventId>, relation: ContextRelation) -> Self {
        ContextLink {
            event: event.into(),
            relation,
        }
    }
}

/// Something that happened or is scheduled.
///
/// ```
/// use contested::{Event, EventKind, Precision, TimeWindow};
///
/// let day = TimeWindow::new("2022-09-13T00:00:00+04:00".parse()?, "2022-09-13T23:59:59+04:00".parse()?)?
///     .with_precision(Precision::Day)
///     .with_phrase("Tuesday");
/// let clash = Event::new("clash", "Border clashes", EventKind::Clash).with_when(day);
/// assert!(clash.when.is_some());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Event {
    /// Unique among the dossier's events.
    pub id: EventId,
    /// A short name.
    pub name: String,
    /// What sort of event.
    pub kind: EventKind,
    /// Happened or scheduled.
    #[serde(default)]
    pub occurrence: Occurrence,
    /// When it happened, as known to the dossier's author (claims about its timing are
    /// separate, and may disagree).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<TimeWindow>,
    /// Where.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    /// The disputants, undirected (ACLED's actor1 / actor2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sides: Vec<ActorId>,
    /// Actors that stand together on one side: a state and the de facto authority it
    /// backs, allied forces. Each is a set of actors (by their parties); a member need
    /// not be listed in [`sides`](Self::sides), and counts as a disputant all the same.
    /// An actor is in at most one coalition of an event.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub coalitions: Vec<Vec<ActorId>>,
    /// The event this one is a component of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<EventId>,
    /// Events that give this one context.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "crate::objects::list"
    )]
    pub context: Vec<ContextLink>,
}

impl Event {
    /// An event with no time, place, sides, parent or context.
    ///
    /// ```
    /// # use contested::{Event, EventKind};
    /// assert!(Event::new("e", "E", EventKind::Other).sides.is_empty());
    /// ```
    pub fn new(id: impl Into<EventId>, name: impl Into<String>, kind: EventKind) -> Self {
        Event {
            id: id.into(),
            name: name.into(),
            kind,
            occurrence: Occurrence::Happened,
            when: None,
            place: None,
            sides: Vec::new(),
            coalitions: Vec::new(),
            parent: None,
            context: Vec::new(),
        }
    }

    /// With a time window.
    ///
    /// ```
    /// # use contested::{Event, EventKind, TimeWindow};
    /// let e = Event::new("e", "E", EventKind::Other).with_when(TimeWindow::instant("2020-01-01T00:00:00Z".parse()?));
    /// assert!(e.when.is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_when(mut self, when: TimeWindow) -> Self {
        self.when = Some(when);
        self
    }

    /// Marked as scheduled rather than happened.
    ///
    /// ```
    /// # use contested::{Event, EventKind, Occurrence};
    /// assert_eq!(Event::new("e", "E", EventKind::Consultation).scheduled().occurrence, Occurrence::Scheduled);
    /// ```
    pub fn scheduled(mut self) -> Self {
        self.occurrence = Occurrence::Scheduled;
        self
    }

    /// With a place.
    ///
    /// ```
    /// # use contested::{Event, EventKind};
    /// assert_eq!(Event::new("e", "E", EventKind::Other).with_place("border").place.as_deref(), Some("border"));
    /// ```
    pub fn with_place(mut self, place: impl Into<String>) -> Self {
        self.place = Some(place.into());
        self
    }

    /// With one more side.
    ///
    /// ```
    /// # use contested::{Event, EventKind};
    /// assert_eq!(Event::new("e", "E", EventKind::Clash).with_side("a").sides.len(), 1);
    /// ```
    pub fn with_side(mut self, side: impl Into<ActorId>) -> Self {
        self.sides.push(side.into());
        self
    }

    /// With one more coalition: `members` stand together on one side.
    ///
    /// ```
    /// # use contested::{Event, EventKind};
    /// let war = Event::new("war", "War", EventKind::Clash)
    ///     .with_side("georgia")
    ///     .with_side("russia")
    ///     .with_coalition(["russia", "south-ossetia"]);
    /// assert_eq!(war.coalitions[0].len(), 2);
    /// ```
    pub fn with_coalition<A: Into<ActorId>>(
        mut self,
        members: impl IntoIterator<Item = A>,
    ) -> Self {
        self.coalitions
            .push(members.into_iter().map(Into::into).collect());
        self
    }

    /// As a component of `parent`.
    ///
    /// ```
    /// # use contested::{Event, EventKind};
    /// assert!(Event::new("e", "E", EventKind::ArtilleryFire).within("clash").parent.is_some());
    /// ```
    pub fn within(mut self, parent: impl Into<EventId>) -> Self {
        self.parent = Some(parent.into());
        self
    }

    /// With one more context link.
    ///
    /// ```
    /// # use contested::{ContextRelation, Event, EventKind};
    /// let e = Event::new("e", "E", EventKind::Clash).with_context("war", ContextRelation::Background);
    /// assert_eq!(e.context.len(), 1);
    /// ```
    pub fn with_context(mut self, event: impl Into<EventId>, relation: ContextRelation) -> Self {
        self.context.push(ContextLink::new(event, relation));
        self
    }
}
