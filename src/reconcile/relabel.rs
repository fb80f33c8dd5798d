//! Relays that relabel a figure (DESIGN.md, "Relays and channels", rule "A relay that
//! changes what is counted"): a statement that takes its figures from another
//! ([`Statement::cites`](crate::Statement::cites)) and gives one of them as a count of
//! another measure ("35 dead and injured" for a report of 35 dead; "471 casualties" for
//! 471 killed).

use foldhash::{HashMap, HashMapExt, HashSet};

use crate::claim::{Category, ClaimBody, CountClaim, Measure, Whose};
use crate::id::{ClaimId, EventId, StatementId};
use crate::range::CountRange;
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

    /// The discrepancies, one per relabelling count and measure it relabels.
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
/// Linear in the claims (after sorting the cited statements' counts): the statements
/// cited are collected first (most dossiers cite none), their counts are indexed by
/// statement, people and figure, and each citing count looks up only its own people's
/// counts, so a statement cited by many claims is not scanned once per claim. The
/// findings are at most one per citing count and measure.
fn relabeled(ev: &Evidence) -> Vec<Discrepancy> {
    let citing: Vec<&ClaimRecord> = ev
        .claims
        .iter()
        .filter(|r| !r.cites.is_empty() && matches!(r.body, ClaimBody::Count(_)))
        .collect();
    if citing.is_empty() {
        return Vec::new();
    }
    let cited: HashSet<&StatementId> = citing.iter().flat_map(|r| r.cites.iter()).collect();
    // The people a count is about, in one statement.
    type People<'e> = (&'e StatementId, &'e EventId, &'e Whose, &'e Category);
    fn people<'e>(statement: &'e StatementId, r: &'e ClaimRecord, c: &'e CountClaim) -> People<'e> {
        (statement, &r.event, &c.whose, &c.category)
    }
    // Of each cited statement's people: the measures it counts, and for each figure the
    // first count of each measure with that figure.
    let mut measures: HashMap<People<'_>, Vec<&Measure>> = HashMap::new();
    let mut by_figure: HashMap<(People<'_>, CountRange), Vec<&ClaimRecord>> = HashMap::new();
    for r in ev.claims.iter().filter(|r| cited.contains(&r.statement)) {
        let ClaimBody::Count(t) = &r.body else {
            continue;
        };
        let p = people(&r.statement, r, t);
        let ms = measures.entry(p).or_default();
        if !ms.contains(&&t.measure) {
            ms.push(&t.measure);
        }
        let list = by_figure
            .entry((p, t.estimate.range(&ev.interpretation)))
            .or_default();
        if !list
            .iter()
            .any(|o| matches!(&o.body, ClaimBody::Count(u) if u.measure == t.measure))
        {
            list.push(r);
        }
    }
    let mut out = Vec::new();
    for r in citing {
        let ClaimBody::Count(c) = &r.body else {
            continue;
        };
        let said = c.estimate.range(&ev.interpretation);
        for s in r.cites.iter() {
            let p = people(s, r, c);
            // The cited statement counts this measure itself: no relabelling to find.
            if measures.get(&p).is_none_or(|ms| ms.contains(&&c.measure)) {
                continue;
            }
            for o in by_figure.get(&(p, said)).into_iter().flatten() {
                let ClaimBody::Count(t) = &o.body else {
                    continue;
                };
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
    out
}
