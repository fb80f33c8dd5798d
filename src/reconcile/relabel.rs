//! Relays that relabel a figure (DESIGN.md, "Relays and channels", rule "A relay that
//! changes what is counted"): a statement that takes its figures from another
//! ([`Statement::cites`](crate::Statement::cites)) and gives one of them as a count of
//! another measure ("35 dead and injured" for a report of 35 dead; "471 casualties" for
//! 471 killed).

use foldhash::{HashMap, HashMapExt};

use crate::claim::{ClaimBody, CountClaim};
use crate::id::{ClaimId, StatementId};
use crate::reconcile::discrepancy::Discrepancy;
use crate::reconcile::evidence::{ClaimRecord, Evidence};
use crate::reconcile::figure::QuantityKey;

/// The relabelling relays of a reconciliation, found once: the discrepancies, and for
/// the figures each relabelling count with the cited count it takes its figure from.
pub(crate) struct Relabels {
    found: Vec<Discrepancy>,
    /// (relabelling claim, cited claim), sorted by the first.
    by_claim: Vec<(ClaimId, ClaimId)>,
}

impl Relabels {
    /// Every relabelling relay of the evidence ([`relabeled`]).
    pub(crate) fn find(ev: &Evidence) -> Relabels {
        let found = relabeled(ev);
        let mut by_claim: Vec<(ClaimId, ClaimId)> = found
            .iter()
            .filter_map(|d| match d {
                Discrepancy::RelabeledRelay { claim, cited, .. } => {
                    Some((claim.claim.clone(), cited.claim.clone()))
                }
                _ => None,
            })
            .collect();
        by_claim.sort();
        by_claim.dedup_by(|a, b| a.0 == b.0);
        Relabels { found, by_claim }
    }

    /// The cited count whose figure `claim` relabels, if it does.
    pub(crate) fn of(&self, claim: &ClaimId) -> Option<&ClaimId> {
        self.by_claim
            .binary_search_by(|(c, _)| c.cmp(claim))
            .ok()
            .map(|i| &self.by_claim[i].1)
    }

    /// Whether there are none (most dossiers).
    pub(crate) fn is_empty(&self) -> bool {
        self.by_claim.is_empty()
    }

    /// The discrepancies, one per relabelling count and cited count.
    pub(crate) fn discrepancies(&self) -> impl Iterator<Item = &Discrepancy> {
        self.found.iter()
    }
}

/// Every count of a citing statement whose figure is a count of the cited statement with
/// the same event, whose and category but another measure, when the cited statement
/// counts nothing of the citing count's own measure there: the relay changed what the
/// figure counts. Compared by the range the words stand for, so "35" and "35" match and
/// "about 35" and "35" do not.
///
/// Linear in the claims: the statements cited are collected first (most dossiers cite
/// none), then the claims of those statements, then each citing count is compared with
/// the cited statement's counts of its event.
fn relabeled(ev: &Evidence) -> Vec<Discrepancy> {
    let citing: Vec<&ClaimRecord> = ev
        .claims
        .iter()
        .filter(|r| !r.cites.is_empty() && matches!(r.body, ClaimBody::Count(_)))
        .collect();
    if citing.is_empty() {
        return Vec::new();
    }
    let mut cited: HashMap<&StatementId, Vec<&ClaimRecord>> = HashMap::new();
    for r in &citing {
        for s in r.cites.iter() {
            cited.entry(s).or_default();
        }
    }
    for r in &ev.claims {
        if let Some(list) = cited.get_mut(&r.statement) {
            list.push(r);
        }
    }
    let range = |c: &CountClaim| c.estimate.range(&ev.interpretation);
    let mut out = Vec::new();
    for r in citing {
        let ClaimBody::Count(c) = &r.body else {
            continue;
        };
        let said = range(c);
        let same_people = |o: &&ClaimRecord| match &o.body {
            ClaimBody::Count(t) => {
                o.event == r.event && t.whose == c.whose && t.category == c.category
            }
            _ => false,
        };
        for s in r.cites.iter() {
            let others: Vec<&ClaimRecord> = cited
                .get(s)
                .map(|v| v.iter().copied().filter(same_people).collect())
                .unwrap_or_default();
            // The cited statement counts this measure itself: no relabelling to find.
            let counts_own = others
                .iter()
                .any(|o| matches!(&o.body, ClaimBody::Count(t) if t.measure == c.measure));
            if counts_own {
                continue;
            }
            for o in others {
                let ClaimBody::Count(t) = &o.body else {
                    continue;
                };
                if t.measure != c.measure && range(t) == said {
                    out.push(Discrepancy::RelabeledRelay {
                        key: QuantityKey::new(
                            r.event.clone(),
                            c.measure.clone(),
                            c.whose.clone(),
                            c.category.clone(),
                        ),
                        claim: r.cite(),
                        cited: o.cite(),
                        measure: t.measure.clone(),
                        range: said,
                    });
                }
            }
        }
    }
    out
}
