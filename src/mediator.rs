//! Mediators: third parties' roles in a dispute: appeals, brokered agreements,
//! deployments, consultations, and their ties to each party.
//!
//! ```
//! use contested::{Appeal, Mediator, Tie, TieKind, Urge};
//!
//! let russia = Mediator::new("russia")
//!     .with_appeal(Appeal::new("ru-mfa-appeal", ["armenia", "azerbaijan"], [Urge::DeEscalation, Urge::Restraint]))
//!     .with_brokered("agreement-2020")
//!     .with_tie(Tie::new("armenia", TieKind::MilitaryBase, "hosts a Russian military base"));
//! assert_eq!(russia.appeals[0].addressees.len(), 2);
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::estimate::Estimate;
use crate::id::{ActorId, EventId, StatementId};
use crate::names::named_enum;

/// What a mediator urged (CAMEO 0256, appeal for de-escalation, and kin).
///
/// ```
/// use contested::Urge;
///
/// assert_eq!(Urge::DeEscalation.to_string(), "de-escalation");
/// assert_eq!("de-escalation".parse::<Urge>()?, Urge::DeEscalation);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # JSON
///
/// A named urge is its JSON name (`"de_escalation"`); free text is `{"other": "..."}`,
/// and is written so. JSON also accepts any plain string, read as `FromStr` reads it:
/// the words `Display` prints (`"de-escalation"`, `"implementing agreements"`) in any
/// ASCII case, and anything else as [`Urge::Other`].
///
/// ```
/// # use contested::Urge;
/// let us: Vec<Urge> = serde_json::from_str(r#"["de_escalation", "de-escalation", "Implementing agreements", "avoid escalation"]"#)?;
/// assert_eq!(us, [Urge::DeEscalation, Urge::DeEscalation, Urge::ImplementAgreements, Urge::Other("avoid escalation".into())]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(with = "UrgeJson"))]
#[serde(rename_all = "snake_case", remote = "Self")]
#[non_exhaustive]
pub enum Urge {
    /// Restraint.
    Restraint,
    /// De-escalation.
    DeEscalation,
    /// Dialogue.
    Dialogue,
    /// Calm.
    Calm,
    /// Implementing earlier agreements.
    ImplementAgreements,
    /// A ceasefire.
    Ceasefire,
    /// Something else, as written.
    Other(String),
}

crate::names::display_json!(Urge, "an urge, or {\"other\": words}");

/// The JSON forms of a [`Urge`], for the schema: a name or words as `Display` prints
/// them, or the tagged object.
#[cfg(feature = "schema")]
#[derive(schemars::JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum UrgeJson {
    Words(String),
    Tagged { other: String },
}

impl fmt::Display for Urge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Urge::Restraint => "restraint",
            Urge::DeEscalation => "de-escalation",
            Urge::Dialogue => "dialogue",
            Urge::Calm => "calm",
            Urge::ImplementAgreements => "implementing agreements",
            Urge::Ceasefire => "ceasefire",
            Urge::Other(s) => s,
        })
    }
}

impl Urge {
    /// Every urge with a name of its own (all but [`Urge::Other`]).
    ///
    /// ```
    /// # use contested::Urge;
    /// assert!(Urge::NAMED.contains(&Urge::Calm));
    /// ```
    pub const NAMED: [Urge; 6] = [
        Urge::Restraint,
        Urge::DeEscalation,
        Urge::Dialogue,
        Urge::Calm,
        Urge::ImplementAgreements,
        Urge::Ceasefire,
    ];
}

impl std::str::FromStr for Urge {
    type Err = std::convert::Infallible;

    /// A known urge by its [`Display`](fmt::Display) text (ignoring ASCII case), anything
    /// else as [`Urge::Other`].
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        Ok(Urge::NAMED
            .into_iter()
            .find(|u| u.to_string().eq_ignore_ascii_case(t))
            .unwrap_or_else(|| Urge::Other(t.to_owned())))
    }
}

/// An appeal: a statement addressed to parties urging something.
///
/// ```
/// use contested::{Appeal, Urge};
///
/// let a = Appeal::new("intl-calm", ["armenia", "azerbaijan"], [Urge::Calm]);
/// assert_eq!(a.blamed, None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Appeal {
    /// The statement that made the appeal (for who said it, when, through whom).
    pub statement: StatementId,
    /// To whom it was addressed.
    pub addressees: Vec<ActorId>,
    /// What was urged.
    pub urged: Vec<Urge>,
    /// The party the appeal blamed, if it named one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blamed: Option<ActorId>,
}

impl Appeal {
    /// An appeal that blames nobody.
    ///
    /// ```
    /// # use contested::{Appeal, Urge};
    /// assert_eq!(Appeal::new("s", ["a"], [Urge::Restraint]).urged, [Urge::Restraint]);
    /// ```
    pub fn new<A, U>(
        statement: impl Into<StatementId>,
        addressees: impl IntoIterator<Item = A>,
        urged: impl IntoIterator<Item = U>,
    ) -> Self
    where
        A: Into<ActorId>,
        U: Into<Urge>,
    {
        Appeal {
            statement: statement.into(),
            addressees: addressees.into_iter().map(Into::into).collect(),
            urged: urged.into_iter().map(Into::into).collect(),
            blamed: None,
        }
    }

    /// The same appeal, naming a culprit.
    ///
    /// ```
    /// # use contested::{Appeal, Urge};
    /// assert!(Appeal::new("s", ["a"], [Urge::Restraint]).blaming("a").blamed.is_some());
    /// ```
    pub fn blaming(mut self, party: impl Into<ActorId>) -> Self {
        self.blamed = Some(party.into());
        self
    }
}

/// A deployment with a count: "roughly 2,000 soldiers ... as peacekeepers".
///
/// ```
/// use contested::{Deployment, Estimate};
///
/// let d = Deployment::new("peacekeeping-2020", "about 2,000".parse()?, "peacekeepers");
/// assert_eq!(d.count.default_range().lo(), 1800);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Deployment {
    /// The deployment event.
    pub event: EventId,
    /// How many were deployed.
    pub count: Estimate,
    /// In what role: "peacekeepers".
    pub role: String,
}

impl Deployment {
    /// A deployment.
    ///
    /// ```
    /// # use contested::{Deployment, Estimate};
    /// assert_eq!(Deployment::new("d", Estimate::exact(5), "observers").role, "observers");
    /// ```
    pub fn new(event: impl Into<EventId>, count: Estimate, role: impl Into<String>) -> Self {
        Deployment {
            event: event.into(),
            count,
            role: role.into(),
        }
    }
}

/// What binds a mediator to a party.
///
/// ```
/// use contested::TieKind;
///
/// assert_ne!(TieKind::Economic, TieKind::Security);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum TieKind {
    /// A military base on the party's soil.
    MilitaryBase,
    /// Economic ties.
    Economic,
    /// Security ties or an alliance.
    Security,
    /// Close cooperation of another sort.
    Cooperation,
    /// Anything else.
    Other,
}

named_enum!(TieKind {
    MilitaryBase => "military_base",
    Economic => "economic",
    Security => "security",
    Cooperation => "cooperation",
    Other => "other",
});

/// A tie between a mediator and a party.
///
/// ```
/// use contested::{Tie, TieKind};
///
/// let t = Tie::new("azerbaijan", TieKind::Cooperation, "close cooperation with oil-rich Azerbaijan");
/// assert_eq!(t.party.as_str(), "azerbaijan");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Tie {
    /// The party.
    pub party: ActorId,
    /// What sort of tie.
    pub kind: TieKind,
    /// The words of the report.
    pub description: String,
}

impl Tie {
    /// A tie.
    ///
    /// ```
    /// # use contested::{Tie, TieKind};
    /// assert_eq!(Tie::new("a", TieKind::Economic, "trade").kind, TieKind::Economic);
    /// ```
    pub fn new(party: impl Into<ActorId>, kind: TieKind, description: impl Into<String>) -> Self {
        Tie {
            party: party.into(),
            kind,
            description: description.into(),
        }
    }
}

/// A third party's role in the dispute. At most one per actor in a dossier.
///
/// ```
/// use contested::Mediator;
///
/// let unsc = Mediator::new("unsc").with_consultation("unsc-consultations");
/// assert_eq!(unsc.consultations.len(), 1);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Mediator {
    /// The mediating actor.
    pub actor: ActorId,
    /// Its appeals.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "crate::objects::list"
    )]
    pub appeals: Vec<Appeal>,
    /// Agreements it brokered (events of kind agreement).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub brokered: Vec<EventId>,
    /// Events it facilitated without brokering them: the ICRC facilitating an exchange
    /// of bodies, a state hosting talks. Not a credit for any agreement, and never a
    /// mediation-credit claim.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub facilitated: Vec<EventId>,
    /// Its deployments.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "crate::objects::list"
    )]
    pub deployments: Vec<Deployment>,
    /// Consultations it convened or scheduled.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub consultations: Vec<EventId>,
    /// Its ties to the parties.
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "crate::objects::list"
    )]
    pub ties: Vec<Tie>,
}

impl Mediator {
    /// A mediator with no recorded role yet.
    ///
    /// ```
    /// # use contested::Mediator;
    /// assert!(Mediator::new("russia").appeals.is_empty());
    /// ```
    pub fn new(actor: impl Into<ActorId>) -> Self {
        Mediator {
            actor: actor.into(),
            appeals: Vec::new(),
            brokered: Vec::new(),
            facilitated: Vec::new(),
            deployments: Vec::new(),
            consultations: Vec::new(),
            ties: Vec::new(),
        }
    }

    /// With one more appeal.
    ///
    /// ```
    /// # use contested::{Appeal, Mediator, Urge};
    /// assert_eq!(Mediator::new("m").with_appeal(Appeal::new("s", ["a"], [Urge::Calm])).appeals.len(), 1);
    /// ```
    pub fn with_appeal(mut self, appeal: Appeal) -> Self {
        self.appeals.push(appeal);
        self
    }

    /// With one more facilitated event (see [`facilitated`](field@Mediator::facilitated)).
    ///
    /// ```
    /// # use contested::Mediator;
    /// let icrc = Mediator::new("icrc").facilitating("bodies-exchange");
    /// assert!(icrc.brokered.is_empty() && icrc.facilitated.len() == 1);
    /// ```
    pub fn facilitating(mut self, event: impl Into<EventId>) -> Self {
        self.facilitated.push(event.into());
        self
    }

    /// With one more brokered agreement.
    ///
    /// ```
    /// # use contested::Mediator;
    /// assert_eq!(Mediator::new("m").with_brokered("deal").brokered.len(), 1);
    /// ```
    pub fn with_brokered(mut self, agreement: impl Into<EventId>) -> Self {
        self.brokered.push(agreement.into());
        self
    }

    /// With one more deployment.
    ///
    /// ```
    /// # use contested::{Deployment, Estimate, Mediator};
    /// let m = Mediator::new("m").with_deployment(Deployment::new("d", Estimate::exact(5), "observers"));
    /// assert_eq!(m.deployments.len(), 1);
    /// ```
    pub fn with_deployment(mut self, deployment: Deployment) -> Self {
        self.deployments.push(deployment);
        self
    }

    /// With one more consultation.
    ///
    /// ```
    /// # use contested::Mediator;
    /// assert_eq!(Mediator::new("m").with_consultation("c").consultations.len(), 1);
    /// ```
    pub fn with_consultation(mut self, event: impl Into<EventId>) -> Self {
        self.consultations.push(event.into());
        self
    }

    /// With one more tie.
    ///
    /// ```
    /// # use contested::{Mediator, Tie, TieKind};
    /// assert_eq!(Mediator::new("m").with_tie(Tie::new("a", TieKind::Economic, "trade")).ties.len(), 1);
    /// ```
    pub fn with_tie(mut self, tie: Tie) -> Self {
        self.ties.push(tie);
        self
    }
}
