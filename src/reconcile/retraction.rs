//! Retractions: a voice withdrawing its own claim (DESIGN.md, "Who is speaking", rule 8).
//!
//! A denial that names a claim (`Denial::denies`) by the claim's own voice (its speaker,
//! or another organ of its party) and not made before it is a retraction: the claim is
//! withdrawn. A count so withdrawn is [`Status::Retracted`](super::Status::Retracted),
//! an account (blame, an action, mediation credit, a timing) is no longer the voice's
//! position, and neither takes part in any conflict. A denial by another voice puts a
//! claim in dispute instead (rule 6).
//!
//! ```
//! use contested::{Actor, ActorKind, Category, Claim, ClaimBody, Dossier, Event, EventKind,
//!     Measure, Statement, TimeWindow, Whose};
//! use contested::reconcile::{QuantityKey, Reconciler, Status};
//!
//! let day = |d| TimeWindow::day(2023, 10, d);
//! let dossier = Dossier::builder()
//!     .actor(Actor::new("israel", "Israel", ActorKind::State))
//!     .actor(Actor::new("adviser", "Adviser", ActorKind::Person).part_of("israel"))
//!     .event(Event::new("blast", "Blast", EventKind::AerialAttack))
//!     .statement(Statement::new("s1", "adviser", day(17)?).claim(Claim::count(
//!         "c1", "blast", Measure::Killed, Whose::All, Category::Any, "12".parse()?)))
//!     .statement(Statement::new("s2", "adviser", day(18)?).claim(Claim::new(
//!         "c2", "blast", ClaimBody::Denial { denies: Some("c1".into()), allegation: None,
//!             wording: Some("I mistakenly shared this".into()) })))
//!     .build()?;
//! let r = Reconciler::new().reconcile(&dossier);
//! let key = QuantityKey::new("blast", Measure::Killed, Whose::All, Category::Any);
//! let f = r.figure(&key).unwrap();
//! assert_eq!(f.readings[0].status, Status::Retracted { by: "c2".into() });
//! assert_eq!(f.live().count(), 0);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::{HashMap, HashSet};

use crate::claim::ClaimBody;
use crate::id::ClaimId;
use crate::reconcile::evidence::{Cite, ClaimRecord, Evidence};

/// The claims withdrawn by their own voice, each with the retraction that withdrew it
/// (the first by claim id when several did).
#[derive(Debug, Default)]
pub(crate) struct Retractions<'e> {
    by: HashMap<&'e ClaimId, &'e ClaimRecord>,
    /// Every denial that is a retraction (several may withdraw one claim).
    denials: HashSet<&'e ClaimId>,
}

impl<'e> Retractions<'e> {
    /// Every retraction in the evidence (none when the policy does not read them):
    /// one look-up per denial that names a claim, so `O(d log n)` for `d` denials among
    /// `n` claims.
    pub(crate) fn find(ev: &'e Evidence) -> Self {
        let mut by: HashMap<&ClaimId, &ClaimRecord> = HashMap::new();
        let mut denials = HashSet::new();
        if !ev.policy.retractions_withdraw {
            return Retractions { by, denials };
        }
        for d in &ev.claims {
            let ClaimBody::Denial {
                denies: Some(target),
                ..
            } = &d.body
            else {
                continue;
            };
            let Ok(i) = ev.claims.binary_search_by(|c| c.claim.cmp(target)) else {
                continue;
            };
            let c = &ev.claims[i];
            if own_voice(d, c) && d.made.latest() >= c.made.earliest() {
                // Claims are in id order, so the first retraction found is kept.
                by.entry(&c.claim).or_insert(d);
                denials.insert(&d.claim);
            }
        }
        Retractions { by, denials }
    }

    /// The retraction of `claim`, if its voice withdrew it.
    pub(crate) fn of(&self, claim: &ClaimId) -> Option<&'e ClaimRecord> {
        self.by.get(claim).copied()
    }

    /// Whether `denial` is a retraction (of a claim by its own voice).
    pub(crate) fn is_retraction(&self, denial: &ClaimId) -> bool {
        self.denials.contains(denial)
    }

    /// Every retracted claim with a citation of its retraction, sorted by claim.
    pub(crate) fn list(&self) -> Vec<(ClaimId, Cite)> {
        let mut out: Vec<(ClaimId, Cite)> = self
            .by
            .iter()
            .map(|(c, d)| ((*c).clone(), d.cite()))
            .collect();
        out.sort();
        out
    }

    /// Whether nothing was retracted.
    pub(crate) fn is_empty(&self) -> bool {
        self.by.is_empty()
    }
}

/// Whether `d` speaks with the voice of `c`: the same speaker, or organs of one party
/// (the crate's unit of independence, `Origin`).
fn own_voice(d: &ClaimRecord, c: &ClaimRecord) -> bool {
    (d.speaker.is_some() && d.speaker == c.speaker) || (d.party.is_some() && d.party == c.party)
}
