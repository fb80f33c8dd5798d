//! Mediator summaries: who appealed to whom for what, whether even-handed, and what they
//! brokered, deployed and convened.

use serde::{Deserialize, Serialize};

use crate::estimate::Estimate;
use crate::id::{ActorId, EventId, StatementId};
use crate::mediator::{Tie, Urge};
use crate::range::CountRange;
use crate::reconcile::evidence::Evidence;
use crate::when::TimeWindow;

/// One appeal as the summary shows it.
///
/// ```
/// use contested::{Actor, ActorKind, Appeal, Dossier, Mediator, Statement, TimeWindow, Urge};
/// use contested::reconcile::Reconciler;
///
/// let d = Dossier::builder()
///     .actor(Actor::new("am", "Armenia", ActorKind::State))
///     .actor(Actor::new("az", "Azerbaijan", ActorKind::State))
///     .actor(Actor::new("ru", "Russia", ActorKind::State))
///     .statement(Statement::new("ru-1", "ru", TimeWindow::instant("2022-09-13T10:00:00+04:00".parse()?)).with_quote("show restraint"))
///     .mediator(Mediator::new("ru").with_appeal(Appeal::new("ru-1", ["am", "az"], [Urge::Restraint])))
///     .build()?;
/// let r = Reconciler::new().reconcile(&d);
/// let m = &r.mediators()[0];
/// assert!(m.even_handed);
/// assert_eq!(m.appeals[0].quote.as_deref(), Some("show restraint"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct AppealSummary {
    /// The statement that made it.
    pub statement: StatementId,
    /// Who said it.
    pub speaker: Option<ActorId>,
    /// Who relayed it (see [`crate::relay`]).
    pub relay: Vec<crate::relay::Relay>,
    /// When.
    pub made: TimeWindow,
    /// To whom.
    pub addressees: Vec<ActorId>,
    /// What was urged.
    pub urged: Vec<Urge>,
    /// Whom it blamed, if anyone.
    pub blamed: Option<ActorId>,
    /// The words, where quoted.
    pub quote: Option<String>,
}

/// A deployment with the range its count stands for.
///
/// ```
/// use contested::{Actor, ActorKind, Deployment, Dossier, Event, EventKind, Mediator};
/// use contested::reconcile::Reconciler;
///
/// let d = Dossier::builder()
///     .actor(Actor::new("ru", "Russia", ActorKind::State))
///     .event(Event::new("pk", "Peacekeeping deployment", EventKind::Deployment))
///     .mediator(Mediator::new("ru").with_deployment(Deployment::new("pk", "roughly 2,000".parse()?, "peacekeepers")))
///     .build()?;
/// let r = Reconciler::new().reconcile(&d);
/// let dep = &r.mediators()[0].deployments[0];
/// assert_eq!(dep.range.to_string(), "1800..=2200");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct DeploymentSummary {
    /// The deployment event.
    pub event: EventId,
    /// In what role.
    pub role: String,
    /// The count as reported.
    pub count: Estimate,
    /// The range it stands for.
    pub range: CountRange,
}

/// A mediator's role, summarised.
///
/// # Even-handedness
///
/// A mediator is even-handed when none of its appeals blamed anyone and each addressed
/// at least two parties. One that made no appeal (it only convened consultations, say)
/// named no culprit and is even-handed too.
///
/// ```
/// # use contested::reconcile::Reconciler;
/// let r = Reconciler::new().reconcile(&contested::Dossier::default());
/// assert!(r.mediators().is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct MediatorSummary {
    /// The mediator.
    pub actor: ActorId,
    /// Its appeals live as of the reconciliation's time.
    pub appeals: Vec<AppealSummary>,
    /// Whether it is even-handed.
    pub even_handed: bool,
    /// Agreements it brokered.
    pub brokered: Vec<EventId>,
    /// Events it facilitated (no credit for an agreement).
    pub facilitated: Vec<EventId>,
    /// Its deployments.
    pub deployments: Vec<DeploymentSummary>,
    /// Consultations it convened.
    pub consultations: Vec<EventId>,
    /// Its ties to the parties.
    pub ties: Vec<Tie>,
}

pub(crate) fn summarise(ev: &Evidence) -> Vec<MediatorSummary> {
    ev.mediators
        .iter()
        .map(|m| {
            let appeals: Vec<AppealSummary> = m
                .appeals
                .iter()
                .filter_map(|a| {
                    let s = ev.appeal_statements.get(&a.statement)?;
                    Some(AppealSummary {
                        statement: a.statement.clone(),
                        speaker: s.speaker.clone(),
                        relay: s.relay.clone(),
                        made: s.made.clone(),
                        addressees: a.addressees.clone(),
                        urged: a.urged.clone(),
                        blamed: a.blamed.clone(),
                        quote: s.quote.clone(),
                    })
                })
                .collect();
            let even_handed = appeals.iter().all(|a| {
                let mut who = a.addressees.clone();
                who.sort();
                who.dedup();
                a.blamed.is_none() && who.len() >= 2
            });
            MediatorSummary {
                actor: m.actor.clone(),
                appeals,
                even_handed,
                brokered: m.brokered.clone(),
                facilitated: m.facilitated.clone(),
                deployments: m
                    .deployments
                    .iter()
                    .map(|d| DeploymentSummary {
                        event: d.event.clone(),
                        role: d.role.clone(),
                        count: d.count.clone(),
                        range: d.count.range(&ev.interpretation),
                    })
                    .collect(),
                consultations: m.consultations.clone(),
                ties: m.ties.clone(),
            }
        })
        .collect()
}
