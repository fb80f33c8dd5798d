//! Inputs that once made the library slow, huge or misleading (issue 12): output that
//! grows with the input, not with pairs of it; linear validation and ingest, checked by
//! comparing sizes, never by the clock.
#![cfg(feature = "corpus")]

use contested::Dossier;
use contested::corpus::stress;
use contested::reconcile::{Discrepancy, Reconciler};

fn load(json: &str) -> Dossier {
    Dossier::from_json(json).expect("stress inputs are valid")
}

#[test]
fn a_timing_conflict_is_reported_as_groups_not_pairs() {
    let d = load(&stress::timing_claims(40));
    let r = Reconciler::new().reconcile(&d);
    let groups = r
        .discrepancies()
        .iter()
        .find_map(|d| match d {
            Discrepancy::TimingConflict { groups, .. } => Some(groups),
            _ => None,
        })
        .expect("a timing conflict");
    assert_eq!(groups.len(), 2);
    assert_eq!(groups[0].claims.len(), 20);
    assert_eq!(groups[1].claims.len(), 20);
    for g in groups {
        assert!(
            g.claims
                .iter()
                .all(|c| c.window.contains(g.overlap.earliest()))
        );
    }
    // Every claim is cited once, and the full detail is still there on request.
    assert_eq!(r.discrepancies()[0].cites().len(), 40);
    assert_eq!(r.timings()[0].disjoint_pairs().count(), 400);
}

#[test]
fn timing_reports_grow_linearly() {
    let size = |n: usize| {
        let r = Reconciler::new().reconcile(&load(&stress::timing_claims(n)));
        (r.to_string().len(), r.to_json().len())
    };
    let (text1, json1) = size(200);
    let (text2, json2) = size(400);
    // Twice the claims: about twice the output (every disjoint pair would be four times).
    assert!(text2 * 10 < text1 * 25, "text {text1} -> {text2}");
    assert!(json2 * 10 < json1 * 25, "json {json1} -> {json2}");
}

#[test]
fn timing_groups_are_the_fewest_that_each_share_a_moment() {
    // Staircase windows [i, i + 2] hours: consecutive ones overlap, every third is disjoint.
    use contested::reconcile::{Cite, TimedCite, TimingSummary};
    use contested::{Boundary, TimeWindow};
    let h = |i: i64| {
        chrono::DateTime::parse_from_rfc3339("2022-09-13T00:00:00Z").unwrap()
            + chrono::Duration::hours(i)
    };
    let claims: Vec<TimedCite> = (0..9)
        .map(|i| TimedCite {
            cite: Cite {
                claim: format!("c{i}").into(),
                statement: format!("s{i}").into(),
                speaker: None,
            },
            window: TimeWindow::new(h(i), h(i + 2)).unwrap(),
        })
        .collect();
    let t = TimingSummary::new("e", Boundary::Onset, claims);
    let groups = t.groups();
    // Windows 0, 3 and 6 are pairwise disjoint, so no fewer than three groups exist.
    assert_eq!(groups.len(), 3);
    let sizes: Vec<usize> = groups.iter().map(|g| g.claims.len()).collect();
    assert_eq!(sizes, [3, 3, 3]);
    let brute = t.disjoint_pairs().count();
    assert_eq!(
        brute,
        (0..9)
            .map(|i: i64| (0..9).filter(|&j: &i64| j > i + 2).count())
            .sum::<usize>()
    );
}
