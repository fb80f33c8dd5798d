//! Denied counts: a count another voice denies is disputed (DESIGN.md, "Who is
//! speaking", rule 6; `Figure::denied`).

use foldhash::{HashMap, HashMapExt};

use crate::claim::{Allegation, ClaimBody, ClaimKind};
use crate::id::{ClaimId, EventId};
use crate::reconcile::discrepancy::MATCHES_SHOWN;
use crate::reconcile::evidence::{Cite, ClaimRecord, Evidence, Origin};
use crate::reconcile::figure::{Figure, Reading};

/// Marks the live counts of every figure that a claim of another origin denies: by name
/// (`Denial::denies`), or by describing the allegation (`Denial::allegation`) when the
/// description fits the count as it fits one in the denial discrepancy (a count, of its
/// measure when one is named, by the alleger's party when named, else by any party but
/// the denier's, said no later than the denial). A party denying the adversary's figure,
/// an NGO calling a figure doubtful. A denial by the count's own origin is a revision,
/// not a dispute, and is left to `revises`. Nothing is built when no claim is a denial;
/// otherwise linear in the claims plus, per live count, the allegation denials of its
/// event (the bound the denial discrepancy already has, which scans an event's claims
/// per such denial), and at most [`MATCHES_SHOWN`] denials are kept per count.
pub(crate) fn attach_denials(ev: &Evidence, figures: &mut [Figure]) {
    let mut by_name: HashMap<&ClaimId, Vec<&ClaimRecord>> = HashMap::new();
    let mut by_allegation: HashMap<&EventId, Vec<(&ClaimRecord, &Allegation)>> = HashMap::new();
    for rec in &ev.claims {
        match &rec.body {
            ClaimBody::Denial {
                denies: Some(d), ..
            } => by_name.entry(d).or_default().push(rec),
            // Words alone pair with nothing (as in the discrepancy).
            ClaimBody::Denial {
                denies: None,
                allegation: Some(a),
                ..
            } if a.by.is_some() || a.kind.is_some() => {
                by_allegation.entry(&rec.event).or_default().push((rec, a))
            }
            _ => {}
        }
    }
    if by_name.is_empty() && by_allegation.is_empty() {
        return;
    }
    // Who denies: the denier's own party. A statement that cites another takes that
    // statement's origin for the figures it relays, but its denial of them is its own
    // (Human Rights Watch citing the ministry's 471 in order to doubt it).
    let own = |d: &ClaimRecord, r: &Reading| match &d.party {
        Some(p) => r.origin == Origin::Party(p.clone()),
        None => r.origin == d.origin,
    };
    for f in figures {
        let alleged = by_allegation.get(&f.key.event);
        let mut denied: Vec<(ClaimId, Cite)> = Vec::new();
        for r in f.live() {
            // At most MATCHES_SHOWN denials are kept per count (one is enough to put it
            // in dispute; the list is for the reader), so a thousand denials of every
            // report cost no memory per count beyond that.
            let start = denied.len();
            if let Some(ds) = by_name.get(&r.cite.claim) {
                denied.extend(
                    ds.iter()
                        .filter(|d| !own(d, r))
                        .take(MATCHES_SHOWN)
                        .map(|d| (r.cite.claim.clone(), d.cite())),
                );
            }
            for (d, a) in alleged.into_iter().flatten() {
                if denied.len() - start >= MATCHES_SHOWN {
                    break;
                }
                let fits = a.kind.is_none_or(|k| k == ClaimKind::Count)
                    && a.measure.as_ref().is_none_or(|m| *m == f.key.measure)
                    && r.made.earliest() <= d.made.latest()
                    && match (a.by.as_ref().map(|b| ev.party_of(b)), &r.party) {
                        (Some(p), Some(q)) => p == q,
                        (Some(_), None) => false,
                        (None, q) => q.is_none() || *q != d.party,
                    };
                if fits && !own(d, r) {
                    denied.push((r.cite.claim.clone(), d.cite()));
                }
            }
        }
        denied.sort();
        denied.dedup();
        f.denied = denied;
    }
}
