//! Actors: states, ministries, armed forces, intergovernmental bodies, people in roles,
//! news outlets and loose collectives, nested by *part of* / *speaks for*.
//!
//! ```
//! use contested::{Actor, ActorKind};
//!
//! let russia = Actor::new("russia", "Russia", ActorKind::State).with_alias("Moscow");
//! let mfa = Actor::new("russia-mfa", "Russian Foreign Ministry", ActorKind::GovernmentBody)
//!     .part_of("russia");
//! assert_eq!(mfa.part_of.as_ref().map(|p| p.as_str()), Some("russia"));
//! assert!(russia.answers_to("moscow"));
//! ```

use serde::{Deserialize, Serialize};

use crate::id::ActorId;
use crate::names::named_enum;

/// What sort of actor this is.
///
/// ```
/// use contested::ActorKind;
///
/// assert!(ActorKind::Outlet.is_media());
/// assert!(!ActorKind::State.is_media());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ActorKind {
    /// A state: Armenia, Azerbaijan, Russia.
    State,
    /// A government body: a defense or foreign ministry.
    GovernmentBody,
    /// An armed force or armed group.
    ArmedForce,
    /// An intergovernmental body: the UN, its Security Council.
    Intergovernmental,
    /// A person, usually in a role: the UN Secretary-General, a spokesman.
    Person,
    /// A news outlet.
    Outlet,
    /// A news agency ("- Agencies").
    Agency,
    /// A loose collective: "the international community".
    Collective,
    /// A non-governmental organisation, think tank or investigator: Human Rights
    /// Watch, Amnesty International, a university research group.
    Ngo,
    /// A non-state armed group: a militia, an insurgency, a designated group.
    ArmedGroup,
    /// An authority in control of territory without general recognition: the de facto
    /// government of a breakaway region.
    DeFactoAuthority,
    /// Anything else.
    Other,
}

named_enum!(ActorKind {
    State => "state",
    GovernmentBody => "government_body",
    ArmedForce => "armed_force",
    Intergovernmental => "intergovernmental",
    Person => "person",
    Outlet => "outlet",
    Agency => "agency",
    Collective => "collective",
    Ngo => "ngo",
    ArmedGroup => "armed_group",
    DeFactoAuthority => "de_facto_authority",
    Other => "other",
});

named_enum!(Nesting { PartOf => "part_of", SpeaksFor => "speaks_for" });

impl ActorKind {
    /// Whether the actor relays news rather than taking part: outlets and agencies.
    ///
    /// ```
    /// # use contested::ActorKind;
    /// assert!(ActorKind::Agency.is_media());
    /// ```
    pub fn is_media(self) -> bool {
        matches!(self, ActorKind::Outlet | ActorKind::Agency)
    }
}

/// How an actor sits inside the one it nests in.
///
/// ```
/// use contested::Nesting;
///
/// assert_eq!(Nesting::default(), Nesting::PartOf);
/// ```
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Nesting {
    /// A component: a ministry of a state, a council of an organisation.
    #[default]
    PartOf,
    /// A voice: a spokesman speaks for the Secretary-General.
    SpeaksFor,
}

/// Someone who acts, speaks or relays.
///
/// Claims are grouped by *party*: the outermost actor of the nesting chain
/// (see [`Dossier::party_of`](crate::Dossier::party_of)).
///
/// ```
/// use contested::{Actor, ActorKind, Nesting};
///
/// let spokesman = Actor::new("un-sg-spokesman", "Spokesman for the Secretary-General", ActorKind::Person)
///     .speaks_for("un-sg");
/// assert_eq!(spokesman.nesting, Nesting::SpeaksFor);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Actor {
    /// Unique among the dossier's actors.
    pub id: ActorId,
    /// The name used in reports.
    pub name: String,
    /// What sort of actor.
    pub kind: ActorKind,
    /// The actor this one nests in, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part_of: Option<ActorId>,
    /// How this actor nests in [`part_of`](Self::part_of).
    #[serde(default, skip_serializing_if = "is_default")]
    pub nesting: Nesting,
    /// Other names that mean this actor ("Moscow" for Russia).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// For an office, the person holding it when the dossier's statements were made
    /// ("Antonio Guterres" for the U.N. Secretary-General). Shown with the office
    /// wherever the speaker is named ([`label`](Actor::label)), and answered to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holder: Option<String>,
}

fn is_default<T: Default + PartialEq>(t: &T) -> bool {
    *t == T::default()
}

impl Actor {
    /// A top-level actor with no aliases.
    ///
    /// ```
    /// # use contested::{Actor, ActorKind};
    /// let a = Actor::new("armenia", "Armenia", ActorKind::State);
    /// assert_eq!(a.part_of, None);
    /// ```
    pub fn new(id: impl Into<ActorId>, name: impl Into<String>, kind: ActorKind) -> Self {
        Actor {
            id: id.into(),
            name: name.into(),
            kind,
            part_of: None,
            nesting: Nesting::PartOf,
            aliases: Vec::new(),
            holder: None,
        }
    }

    /// This actor as a component of `parent`.
    ///
    /// ```
    /// # use contested::{Actor, ActorKind};
    /// let mod_ = Actor::new("am-mod", "Armenian Defense Ministry", ActorKind::GovernmentBody).part_of("armenia");
    /// assert_eq!(mod_.part_of.unwrap().as_str(), "armenia");
    /// ```
    pub fn part_of(mut self, parent: impl Into<ActorId>) -> Self {
        self.part_of = Some(parent.into());
        self.nesting = Nesting::PartOf;
        self
    }

    /// This actor as the voice of `principal`.
    ///
    /// ```
    /// # use contested::{Actor, ActorKind, Nesting};
    /// let s = Actor::new("s", "Spokesman", ActorKind::Person).speaks_for("un-sg");
    /// assert_eq!(s.nesting, Nesting::SpeaksFor);
    /// ```
    pub fn speaks_for(mut self, principal: impl Into<ActorId>) -> Self {
        self.part_of = Some(principal.into());
        self.nesting = Nesting::SpeaksFor;
        self
    }

    /// This actor with one more alias.
    ///
    /// ```
    /// # use contested::{Actor, ActorKind};
    /// let r = Actor::new("russia", "Russia", ActorKind::State).with_alias("Moscow");
    /// assert_eq!(r.aliases, ["Moscow"]);
    /// ```
    pub fn with_alias(mut self, alias: impl Into<String>) -> Self {
        self.aliases.push(alias.into());
        self
    }

    /// This office as held by `person`.
    ///
    /// ```
    /// # use contested::{Actor, ActorKind};
    /// let sg = Actor::new("un-sg", "U.N. Secretary-General", ActorKind::Person).held_by("Antonio Guterres");
    /// assert_eq!(sg.label(), "U.N. Secretary-General (Antonio Guterres)");
    /// assert!(sg.answers_to("antonio guterres"));
    /// ```
    pub fn held_by(mut self, person: impl Into<String>) -> Self {
        self.holder = Some(person.into());
        self
    }

    /// The name to show: the name, with the person holding the office when known.
    ///
    /// ```
    /// # use contested::{Actor, ActorKind};
    /// assert_eq!(Actor::new("ru", "Russia", ActorKind::State).label(), "Russia");
    /// ```
    pub fn label(&self) -> String {
        match &self.holder {
            Some(h) if h != &self.name => format!("{} ({h})", self.name),
            _ => self.name.clone(),
        }
    }

    /// Whether `name` is this actor's id, name, an alias or its office holder, ignoring
    /// ASCII case.
    ///
    /// ```
    /// # use contested::{Actor, ActorKind};
    /// let r = Actor::new("russia", "Russia", ActorKind::State).with_alias("Moscow");
    /// assert!(r.answers_to("MOSCOW") && r.answers_to("russia") && !r.answers_to("Kremlin"));
    /// ```
    pub fn answers_to(&self, name: &str) -> bool {
        self.names().any(|n| n.eq_ignore_ascii_case(name.trim()))
    }

    /// The id, the name, every alias and the office holder.
    pub(crate) fn names(&self) -> impl Iterator<Item = &str> {
        [self.id.as_str(), self.name.as_str()]
            .into_iter()
            .chain(self.aliases.iter().map(String::as_str))
            .chain(self.holder.as_deref())
    }
}
