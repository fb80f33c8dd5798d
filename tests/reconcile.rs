//! Reconciliation scenarios: each discrepancy kind with a case that shows it and one that
//! must not, revisions with as-of queries, and part-whole propagation.

use contested::reconcile::{Discrepancy, Policy, QuantityKey, Reconciler, Rule, Source, Status};
use contested::{
    Actor, ActorKind, Boundary, BreakdownPart, Category, Claim, ClaimBody, CountClaim, CountRange,
    Dossier, DossierBuilder, Event, EventKind, Measure, Precision, Statement, TimeWindow, Whose,
};

fn t(s: &str) -> chrono::DateTime<chrono::FixedOffset> {
    s.parse().expect("test timestamps are valid")
}

fn day(d: &str) -> TimeWindow {
    TimeWindow::new(
        t(&format!("{d}T00:00:00+04:00")),
        t(&format!("{d}T23:59:59+04:00")),
    )
    .expect("a day is a window")
}

fn base() -> DossierBuilder {
    Dossier::builder()
        .actor(Actor::new("armenia", "Armenia", ActorKind::State))
        .actor(Actor::new("azerbaijan", "Azerbaijan", ActorKind::State))
        .actor(
            Actor::new(
                "am-mod",
                "Armenian Defense Ministry",
                ActorKind::GovernmentBody,
            )
            .part_of("armenia"),
        )
        .actor(Actor::new("agencies", "Agencies", ActorKind::Agency))
        .actor(Actor::new("outlet-a", "Outlet A", ActorKind::Outlet))
        .actor(Actor::new("outlet-b", "Outlet B", ActorKind::Outlet))
        .actor(Actor::new("russia", "Russia", ActorKind::State))
        .actor(Actor::new("turkey", "Turkey", ActorKind::State))
        .event(
            Event::new("clash", "Border clashes", EventKind::Clash)
                .with_side("armenia")
                .with_side("azerbaijan"),
        )
        .event(Event::new("deal", "Ceasefire", EventKind::Agreement))
}

fn killed(id: &str, whose: Whose, est: &str) -> Claim {
    Claim::count(
        id,
        "clash",
        Measure::Killed,
        whose,
        Category::Military,
        est.parse().expect("test estimates parse"),
    )
}

fn key(whose: Whose) -> QuantityKey {
    QuantityKey::new("clash", Measure::Killed, whose, Category::Military)
}

fn kinds(r: &contested::reconcile::Reconciliation) -> Vec<&'static str> {
    r.discrepancies().iter().map(|d| d.kind_name()).collect()
}

fn seed_like() -> Dossier {
    base()
        .statement(
            Statement::new("az-1", "azerbaijan", day("2022-09-13"))
                .relayed_by("agencies")
                .claim(killed("az-k", Whose::party("azerbaijan"), "50")),
        )
        .statement(
            Statement::new("am-1", "am-mod", day("2022-09-13"))
                .relayed_by("agencies")
                .claim(killed("am-k", Whose::party("armenia"), "at least 49")),
        )
        .statement(
            Statement::new("ag-1", "agencies", day("2022-09-13")).claim(killed(
                "all-k",
                Whose::All,
                "about 100",
            )),
        )
        .build()
        .expect("valid")
}

#[test]
fn seed_figures_sources_and_narrowing() {
    let r = Reconciler::new().reconcile(&seed_like());
    let az = r
        .figure(&key(Whose::party("azerbaijan")))
        .expect("az figure");
    assert_eq!(az.readings[0].source, Source::SelfReport);
    assert_eq!((az.low, az.best, az.high), (50, 50, Some(50)));

    let am = r.figure(&key(Whose::party("armenia"))).expect("am figure");
    assert_eq!(am.readings[0].source, Source::SelfReport);
    assert_eq!(
        am.readings[0].party.as_ref().map(|p| p.as_str()),
        Some("armenia")
    );
    assert_eq!(am.consensus, Some(CountRange::at_least(49)));
    assert_eq!(am.bounds, CountRange::new(49, Some(60)).ok());
    assert_eq!((am.low, am.best, am.high), (49, 49, Some(60)));

    let all = r.figure(&key(Whose::All)).expect("total figure");
    assert_eq!(all.readings[0].source, Source::ThirdParty);
    assert_eq!(all.consensus, CountRange::new(90, Some(110)).ok());
    assert_eq!(all.bounds, CountRange::new(99, Some(110)).ok());
    assert_eq!((all.low, all.best, all.high), (99, 100, Some(110)));

    let sides = r
        .constraints()
        .iter()
        .find(|c| c.constraint.rule == Rule::Sides)
        .expect("the sides sum is used");
    assert!(sides.is_consistent());
    assert!(r.discrepancies().is_empty(), "{:?}", r.discrepancies());
}

#[test]
fn adversary_claim_is_classified() {
    let d = base()
        .statement(
            Statement::new("am-2", "armenia", day("2022-09-13")).claim(killed(
                "am-on-az",
                Whose::party("azerbaijan"),
                "more than 200",
            )),
        )
        .build()
        .expect("valid");
    let r = Reconciler::new().reconcile(&d);
    let f = r.figure(&key(Whose::party("azerbaijan"))).expect("figure");
    assert_eq!(f.readings[0].source, Source::Adversary);
}

#[test]
fn numeric_conflict_shown_and_not() {
    let conflicting = base()
        .statement(
            Statement::new("az-1", "azerbaijan", day("2022-09-13")).claim(killed(
                "az-k",
                Whose::party("azerbaijan"),
                "50",
            )),
        )
        .statement(
            Statement::new("am-1", "armenia", day("2022-09-13")).claim(killed(
                "am-on-az",
                Whose::party("azerbaijan"),
                "more than 200",
            )),
        )
        .statement(
            Statement::new("ag-1", "agencies", day("2022-09-13")).claim(killed(
                "ag-on-az",
                Whose::party("azerbaijan"),
                "about 52",
            )),
        )
        .build()
        .expect("valid");
    let r = Reconciler::new().reconcile(&conflicting);
    let d = r
        .discrepancies()
        .iter()
        .find_map(|d| match d {
            Discrepancy::NumericConflict {
                best_supported,
                outside,
                claims,
                ..
            } => Some((best_supported, outside, claims)),
            _ => None,
        })
        .expect("numeric conflict");
    assert_eq!(*d.0, CountRange::exact(50));
    assert_eq!(d.1.len(), 1);
    assert_eq!(d.1[0].claim.as_str(), "am-on-az");
    assert_eq!(d.2.len(), 3);
    let f = r.figure(&key(Whose::party("azerbaijan"))).expect("figure");
    assert_eq!(f.consensus, None);
    assert_eq!(f.bounds, None);
    // "about 52": tolerance ceil(5.2) = 6, so 46..=58.
    assert_eq!(f.envelope, CountRange::at_least(46));

    // Overlapping figures: no conflict.
    let r = Reconciler::new().reconcile(&seed_like());
    assert!(!kinds(&r).contains(&"numeric_conflict"));
}

#[test]
fn revisions_supersede_and_as_of_sees_the_past() {
    let d = base()
        .statement(
            Statement::new("am-1", "armenia", day("2022-09-13")).claim(killed(
                "k1",
                Whose::party("armenia"),
                "at least 49",
            )),
        )
        .statement(
            Statement::new("am-2", "armenia", day("2022-09-14")).claim(killed(
                "k2",
                Whose::party("armenia"),
                "105",
            )),
        )
        .statement(
            Statement::new("am-3", "armenia", day("2022-09-16")).claim(killed(
                "k3",
                Whose::party("armenia"),
                "207",
            )),
        )
        .build()
        .expect("valid");
    let now = Reconciler::new().reconcile(&d);
    let f = now.figure(&key(Whose::party("armenia"))).expect("figure");
    assert_eq!(f.consensus, Some(CountRange::exact(207)));
    assert_eq!(f.positions.len(), 1);
    assert_eq!(f.positions[0].current, ["k3".into()]);
    assert_eq!(
        f.positions[0].history,
        ["k1".into(), "k2".into(), "k3".into()]
    );
    let superseded: Vec<_> = f
        .readings
        .iter()
        .filter(|r| r.status == Status::Superseded { by: "k3".into() })
        .collect();
    assert_eq!(superseded.len(), 2, "revisions are kept, not deleted");
    assert!(
        now.discrepancies().is_empty(),
        "a revision is not a conflict"
    );

    let mid = Reconciler::new()
        .as_of(t("2022-09-15T12:00:00+04:00"))
        .reconcile(&d);
    let f = mid.figure(&key(Whose::party("armenia"))).expect("figure");
    assert_eq!(f.consensus, Some(CountRange::exact(105)));
    assert_eq!(f.readings.len(), 2);

    let first = Reconciler::new()
        .as_of(t("2022-09-13T12:00:00+04:00"))
        .reconcile(&d);
    let f = first.figure(&key(Whose::party("armenia"))).expect("figure");
    assert_eq!(f.consensus, Some(CountRange::at_least(49)));

    let before = Reconciler::new()
        .as_of(t("2022-09-12T12:00:00+04:00"))
        .reconcile(&d);
    assert!(before.figures().is_empty());
}

fn breakdown(total: &str, parts: &[(&str, &str)]) -> Claim {
    let mut c = CountClaim::new(
        Measure::Killed,
        Whose::party("azerbaijan"),
        Category::Military,
        total.parse().expect("estimate"),
    );
    for (unit, n) in parts {
        c = c.with_part(BreakdownPart::new(*unit, n.parse().expect("estimate")));
    }
    Claim::new("az-k", "clash", ClaimBody::Count(c))
}

#[test]
fn breakdown_that_contradicts_its_total_is_a_minimal_conflict() {
    let d = base()
        .statement(
            Statement::new("az-1", "azerbaijan", day("2022-09-13"))
                .claim(breakdown("50", &[("army", "42"), ("border service", "10")])),
        )
        .build()
        .expect("valid");
    let r = Reconciler::new().reconcile(&d);
    let (constraints, claims) = r
        .discrepancies()
        .iter()
        .find_map(|d| match d {
            Discrepancy::PartWholeConflict {
                constraints,
                claims,
            } => Some((constraints, claims)),
            _ => None,
        })
        .expect("part-whole conflict");
    assert_eq!(claims.len(), 1);
    assert_eq!(claims[0].claim.as_str(), "az-k");
    assert!(matches!(constraints[0].rule, Rule::Breakdown { .. }));

    // 42 + 8 = 50 holds, and the parts are figures of their own.
    let d = base()
        .statement(
            Statement::new("az-1", "azerbaijan", day("2022-09-13"))
                .claim(breakdown("50", &[("army", "42"), ("border service", "8")])),
        )
        .build()
        .expect("valid");
    let r = Reconciler::new().reconcile(&d);
    assert!(r.discrepancies().is_empty(), "{:?}", r.discrepancies());
    let army = QuantityKey::new(
        "clash",
        Measure::Killed,
        Whose::party("azerbaijan"),
        Category::unit("army"),
    );
    assert_eq!(
        r.figure(&army).expect("part figure").consensus,
        Some(CountRange::exact(42))
    );
}

#[test]
fn sides_sum_conflict_names_a_minimal_set() {
    // 50 + at least 49 cannot be "fewer than 60" in total; Russia's unrelated figure is
    // not part of the minimal set.
    let d = base()
        .statement(
            Statement::new("az-1", "azerbaijan", day("2022-09-13")).claim(killed(
                "az-k",
                Whose::party("azerbaijan"),
                "50",
            )),
        )
        .statement(
            Statement::new("am-1", "armenia", day("2022-09-13")).claim(killed(
                "am-k",
                Whose::party("armenia"),
                "at least 49",
            )),
        )
        .statement(
            Statement::new("ag-1", "agencies", day("2022-09-13")).claim(killed(
                "all-k",
                Whose::All,
                "fewer than 60",
            )),
        )
        .statement(
            Statement::new("ru-1", "russia", day("2022-09-13")).claim(killed(
                "ru-k",
                Whose::All,
                "at least 10",
            )),
        )
        .build()
        .expect("valid");
    let r = Reconciler::new().reconcile(&d);
    let claims = r
        .discrepancies()
        .iter()
        .find_map(|d| match d {
            Discrepancy::PartWholeConflict { claims, .. } => Some(claims),
            _ => None,
        })
        .expect("part-whole conflict");
    let ids: Vec<&str> = claims.iter().map(|c| c.claim.as_str()).collect();
    assert_eq!(ids, ["all-k", "am-k", "az-k"]);
    assert!(r.figure(&key(Whose::All)).expect("total").bounds.is_none());
}

fn blame(id: &str, initiator: &str) -> Claim {
    Claim::new(
        id,
        "clash",
        ClaimBody::Responsibility {
            initiator: initiator.into(),
            against: None,
            description: None,
        },
    )
}

#[test]
fn responsibility_conflict_shown_and_not() {
    let d = base()
        .statement(
            Statement::new("am-1", "am-mod", day("2022-09-13")).claim(blame("b1", "azerbaijan")),
        )
        .statement(
            Statement::new("az-1", "azerbaijan", day("2022-09-13")).claim(blame("b2", "armenia")),
        )
        .build()
        .expect("valid");
    let r = Reconciler::new().reconcile(&d);
    match r.discrepancies() {
        [Discrepancy::ResponsibilityConflict { accounts, .. }] => {
            assert_eq!(accounts.len(), 2);
            assert_eq!(accounts[0].actor.as_str(), "armenia");
            assert_eq!(accounts[0].claims[0].claim.as_str(), "b2");
        }
        other => panic!("expected one responsibility conflict, got {other:?}"),
    }
    let agree = base()
        .statement(
            Statement::new("am-1", "am-mod", day("2022-09-13")).claim(blame("b1", "azerbaijan")),
        )
        .statement(
            Statement::new("ru-1", "russia", day("2022-09-13")).claim(blame("b2", "azerbaijan")),
        )
        .build()
        .expect("valid");
    assert!(
        Reconciler::new()
            .reconcile(&agree)
            .discrepancies()
            .is_empty()
    );
}

fn onset(id: &str, from: &str, to: &str) -> Claim {
    Claim::new(
        id,
        "clash",
        ClaimBody::Timing {
            boundary: Boundary::Onset,
            window: TimeWindow::new(t(from), t(to))
                .expect("window")
                .with_precision(Precision::Hour),
        },
    )
}

#[test]
fn timing_agreement_and_conflict() {
    let agree = base()
        .statement(
            Statement::new("am-1", "am-mod", day("2022-09-13")).claim(onset(
                "o1",
                "2022-09-13T00:00:00+04:00",
                "2022-09-13T01:00:00+04:00",
            )),
        )
        .statement(
            Statement::new("az-1", "azerbaijan", day("2022-09-13")).claim(onset(
                "o2",
                "2022-09-12T21:00:00+04:00",
                "2022-09-13T06:00:00+04:00",
            )),
        )
        .build()
        .expect("valid");
    let r = Reconciler::new().reconcile(&agree);
    assert!(r.discrepancies().is_empty());
    let overlap = r.timings()[0].overlap.clone().expect("overlap");
    assert_eq!(overlap.earliest(), t("2022-09-13T00:00:00+04:00"));
    assert_eq!(overlap.latest(), t("2022-09-13T01:00:00+04:00"));

    let disagree = base()
        .statement(
            Statement::new("am-1", "am-mod", day("2022-09-13")).claim(onset(
                "o1",
                "2022-09-13T00:00:00+04:00",
                "2022-09-13T01:00:00+04:00",
            )),
        )
        .statement(
            Statement::new("az-1", "azerbaijan", day("2022-09-13")).claim(onset(
                "o2",
                "2022-09-12T21:00:00+04:00",
                "2022-09-12T23:00:00+04:00",
            )),
        )
        .build()
        .expect("valid");
    let r = Reconciler::new().reconcile(&disagree);
    assert_eq!(kinds(&r), ["timing_conflict"]);
    assert!(r.timings()[0].overlap.is_none());
}

#[test]
fn denial_is_reported_and_cites_both_sides() {
    let d = base()
        .statement(
            Statement::new("am-1", "am-mod", day("2022-09-13")).claim(killed(
                "am-on-az",
                Whose::party("azerbaijan"),
                "more than 200",
            )),
        )
        .statement(
            Statement::new("az-1", "azerbaijan", day("2022-09-13")).claim(Claim::new(
                "deny",
                "clash",
                ClaimBody::Denial {
                    denies: Some("am-on-az".into()),
                    allegation: None,
                    wording: Some("fake news".into()),
                },
            )),
        )
        .build()
        .expect("valid");
    let r = Reconciler::new().reconcile(&d);
    match r.discrepancies() {
        [Discrepancy::Denial { by, denied, .. }] => {
            assert_eq!(by.claim.as_str(), "deny");
            assert_eq!(denied.as_ref().map(|c| c.statement.as_str()), Some("am-1"));
        }
        other => panic!("expected one denial, got {other:?}"),
    }
    assert!(!kinds(&Reconciler::new().reconcile(&seed_like())).contains(&"denial"));
}

fn credit(id: &str, who: &str) -> Claim {
    Claim::new(
        id,
        "deal",
        ClaimBody::MediationCredit {
            credited: who.into(),
        },
    )
}

#[test]
fn mediation_credit_conflict_shown_and_not() {
    let d = base()
        .statement(
            Statement::new("ru-1", "russia", day("2022-09-13")).claim(credit("c1", "russia")),
        )
        .statement(
            Statement::new("tr-1", "turkey", day("2022-09-13")).claim(credit("c2", "turkey")),
        )
        .build()
        .expect("valid");
    assert_eq!(
        kinds(&Reconciler::new().reconcile(&d)),
        ["mediation_credit_conflict"]
    );
    let d = base()
        .statement(
            Statement::new("ru-1", "russia", day("2022-09-13")).claim(credit("c1", "russia")),
        )
        .statement(
            Statement::new("ag-1", "agencies", day("2022-09-13")).claim(credit("c2", "russia")),
        )
        .build()
        .expect("valid");
    assert!(Reconciler::new().reconcile(&d).discrepancies().is_empty());
}

#[test]
fn reporting_variance_shown_and_not() {
    let d = base()
        .statement(
            Statement::new("az-a", "azerbaijan", day("2022-09-13"))
                .relayed_by("outlet-a")
                .claim(killed("az-a-k", Whose::party("azerbaijan"), "50")),
        )
        .statement(
            Statement::new("az-b", "azerbaijan", day("2022-09-13"))
                .relayed_by("outlet-b")
                .claim(killed("az-b-k", Whose::party("azerbaijan"), "about 50")),
        )
        .build()
        .expect("valid");
    let r = Reconciler::new().reconcile(&d);
    match r.discrepancies() {
        [
            Discrepancy::ReportingVariance {
                versions, speaker, ..
            },
        ] => {
            assert_eq!(speaker.as_str(), "azerbaijan");
            assert_eq!(versions.len(), 2);
        }
        other => panic!("expected reporting variance, got {other:?}"),
    }
    // The same figure through two outlets is no variance.
    let d = base()
        .statement(
            Statement::new("az-a", "azerbaijan", day("2022-09-13"))
                .relayed_by("outlet-a")
                .claim(killed("az-a-k", Whose::party("azerbaijan"), "50")),
        )
        .statement(
            Statement::new("az-b", "azerbaijan", day("2022-09-13"))
                .relayed_by("outlet-b")
                .claim(killed("az-b-k", Whose::party("azerbaijan"), "50")),
        )
        .build()
        .expect("valid");
    assert!(Reconciler::new().reconcile(&d).discrepancies().is_empty());
}

#[test]
fn result_round_trips_through_serde_and_renders() {
    let r = Reconciler::new().reconcile(&seed_like());
    let back: contested::reconcile::Reconciliation =
        serde_json::from_str(&r.to_json()).expect("round trip");
    assert_eq!(back, r);
    let text = r.to_string();
    assert!(text.contains("clash/killed/armenia/military"), "{text}");
    assert!(
        text.contains("narrowed by part-whole sums to 49..=60"),
        "{text}"
    );
}

#[test]
fn sources_display_as_analysts_say_them() {
    assert_eq!(Source::SelfReport.to_string(), "self-report");
    assert_eq!(Source::Adversary.to_string(), "adversary claim");
    assert_eq!(Source::ThirdParty.to_string(), "third-party figure");
}

#[test]
fn conservative_figure_is_the_low_estimate() {
    let r = Reconciler::new().reconcile(&seed_like());
    let total = r.figure(&key(Whose::All)).expect("total");
    assert_eq!(total.conservative(), 99);
    assert_eq!(total.conservative(), total.low);
    let az = r.figure(&key(Whose::party("azerbaijan"))).expect("az");
    assert_eq!(az.conservative(), 50);
}

#[test]
fn readings_are_flagged_hedged_when_hedged_or_unattributed() {
    let d = base()
        .statement(
            Statement::new("plain", "azerbaijan", day("2022-09-13")).claim(killed(
                "k-plain",
                Whose::party("azerbaijan"),
                "50",
            )),
        )
        .statement(
            Statement::new("hedged", "armenia", day("2022-09-13"))
                .with_hedge(contested::Hedge::Allegedly)
                .claim(killed("k-hedged", Whose::party("azerbaijan"), "50")),
        )
        .statement(
            Statement::unattributed("anon", day("2022-09-13"))
                .relayed_by("agencies")
                .claim(killed("k-anon", Whose::party("azerbaijan"), "50")),
        )
        .build()
        .expect("valid");
    let r = Reconciler::new().reconcile(&d);
    let f = r.figure(&key(Whose::party("azerbaijan"))).expect("figure");
    let hedged: Vec<(&str, bool)> = f
        .readings
        .iter()
        .map(|x| (x.cite.claim.as_str(), x.hedged))
        .collect();
    assert!(hedged.contains(&("k-plain", false)), "{hedged:?}");
    assert!(hedged.contains(&("k-hedged", true)), "{hedged:?}");
    assert!(hedged.contains(&("k-anon", true)), "{hedged:?}");
}

#[test]
fn discrepancies_list_every_claim_they_cite() {
    let d = base()
        .statement(
            Statement::new("am-1", "am-mod", day("2022-09-13")).claim(blame("b1", "azerbaijan")),
        )
        .statement(
            Statement::new("az-1", "azerbaijan", day("2022-09-13")).claim(blame("b2", "armenia")),
        )
        .build()
        .expect("valid");
    let r = Reconciler::new().reconcile(&d);
    let mut cited: Vec<&str> = r.discrepancies()[0]
        .cites()
        .iter()
        .map(|c| c.claim.as_str())
        .collect();
    cited.sort_unstable();
    assert_eq!(cited, ["b1", "b2"]);
}

#[test]
fn one_outlet_relaying_two_figures_is_no_reporting_variance() {
    // Same speaker, same time, same outlet, different figures: a conflict in what the
    // speaker said (a voice at odds with itself), not a difference between outlets.
    let d = base()
        .statement(
            Statement::new("az-a", "azerbaijan", day("2022-09-13"))
                .relayed_by("outlet-a")
                .claim(killed("az-a-k", Whose::party("azerbaijan"), "50")),
        )
        .statement(
            Statement::new("az-b", "azerbaijan", day("2022-09-13"))
                .relayed_by("outlet-a")
                .claim(killed("az-b-k", Whose::party("azerbaijan"), "70")),
        )
        .build()
        .expect("valid");
    assert_eq!(
        kinds(&Reconciler::new().reconcile(&d)),
        ["numeric_conflict", "split_voice"]
    );
}

fn count(id: &str, measure: Measure, whose: Whose, category: Category, est: &str) -> Claim {
    Claim::count(
        id,
        "clash",
        measure,
        whose,
        category,
        est.parse().expect("estimate"),
    )
}

/// Each ceiling conflict as (the whole's claim, the part's claims above it).
fn ceilings(r: &contested::reconcile::Reconciliation) -> Vec<(String, Vec<String>)> {
    r.discrepancies()
        .iter()
        .filter_map(|d| match d {
            Discrepancy::CeilingConflict { ceiling, .. } => Some((
                ceiling.by.claim.to_string(),
                ceiling.above.iter().map(|c| c.claim.to_string()).collect(),
            )),
            _ => None,
        })
        .collect()
}

/// Without ceilings: a part above another voice's whole is then a part-whole conflict.
fn no_ceilings() -> Reconciler {
    Reconciler::new().policy(Policy::default().with_wholes_cap_parts(false))
}

fn part_whole(r: &contested::reconcile::Reconciliation) -> Vec<(Vec<Rule>, Vec<String>)> {
    r.discrepancies()
        .iter()
        .filter_map(|d| match d {
            Discrepancy::PartWholeConflict {
                constraints,
                claims,
            } => Some((
                constraints.iter().map(|c| c.rule.clone()).collect(),
                claims.iter().map(|c| c.claim.to_string()).collect(),
            )),
            _ => None,
        })
        .collect()
}

#[test]
fn casualties_are_killed_plus_wounded() {
    let military = Category::Military;
    let az = || Whose::party("azerbaijan");
    let d = base()
        .statement(
            Statement::new("s1", "azerbaijan", day("2022-09-13")).claim(count(
                "cas",
                Measure::Casualties,
                az(),
                military.clone(),
                "20",
            )),
        )
        .statement(
            Statement::new("s2", "armenia", day("2022-09-13")).claim(count(
                "kil",
                Measure::Killed,
                az(),
                military.clone(),
                "at least 5",
            )),
        )
        .statement(
            Statement::new("s3", "russia", day("2022-09-13")).claim(count(
                "wou",
                Measure::Wounded,
                az(),
                military.clone(),
                "at least 1",
            )),
        )
        .build()
        .expect("valid");
    let r = Reconciler::new().reconcile(&d);
    let wounded = QuantityKey::new("clash", Measure::Wounded, az(), military.clone());
    assert_eq!(
        r.figure(&wounded).expect("wounded").bounds,
        CountRange::new(1, Some(15)).ok()
    );
    assert!(
        r.constraints()
            .iter()
            .any(|c| c.constraint.rule == Rule::Measure && c.is_consistent())
    );

    // 8 killed and 5 wounded cannot be "about 10" casualties (9..=11).
    let d = base()
        .statement(
            Statement::new("s1", "azerbaijan", day("2022-09-13")).claim(count(
                "cas",
                Measure::Casualties,
                az(),
                military.clone(),
                "about 10",
            )),
        )
        .statement(
            Statement::new("s2", "armenia", day("2022-09-13")).claim(count(
                "kil",
                Measure::Killed,
                az(),
                military.clone(),
                "8",
            )),
        )
        .statement(
            Statement::new("s3", "russia", day("2022-09-13")).claim(count(
                "wou",
                Measure::Wounded,
                az(),
                military.clone(),
                "5",
            )),
        )
        .build()
        .expect("valid");
    let r = Reconciler::new().reconcile(&d);
    assert_eq!(
        part_whole(&r),
        [(
            vec![Rule::Measure],
            vec!["cas".into(), "kil".into(), "wou".into()]
        )]
    );
    let check = r
        .constraints()
        .iter()
        .find(|c| c.constraint.rule == Rule::Measure)
        .expect("the casualties sum");
    assert!(!check.is_consistent());
    assert_eq!(
        check.constraint.to_string(),
        "clash/casualties/azerbaijan/military = clash/killed/azerbaijan/military + clash/wounded/azerbaijan/military"
    );
    assert_eq!(check.constraint.rule.to_string(), "measure is a sum");
}

#[test]
fn killed_or_missing_is_killed_plus_missing() {
    let az = || Whose::party("azerbaijan");
    let d = base()
        .statement(
            Statement::new("s1", "azerbaijan", day("2022-09-13")).claim(count(
                "kom",
                Measure::KilledOrMissing,
                az(),
                Category::Military,
                "at most 10",
            )),
        )
        .statement(
            Statement::new("s2", "armenia", day("2022-09-13")).claim(count(
                "mis",
                Measure::Missing,
                az(),
                Category::Military,
                "at least 12",
            )),
        )
        .build()
        .expect("valid");
    let r = no_ceilings().reconcile(&d);
    assert_eq!(
        part_whole(&r),
        [(vec![Rule::Measure], vec!["kom".into(), "mis".into()])]
    );
    // Under the default policy Azerbaijan's "at most 10" is its word that at most 10
    // are missing: a ceiling conflict with Armenia's count, not a sum to settle.
    let r = Reconciler::new().reconcile(&d);
    assert_eq!(ceilings(&r), [("kom".into(), vec!["mis".into()])]);
    assert!(part_whole(&r).is_empty());
}

#[test]
fn any_category_is_military_plus_civilian() {
    let am = || Whose::party("armenia");
    let d = base()
        .statement(
            Statement::new("s1", "armenia", day("2022-09-13")).claim(count(
                "any",
                Measure::Killed,
                am(),
                Category::Any,
                "30",
            )),
        )
        .statement(
            Statement::new("s2", "azerbaijan", day("2022-09-13")).claim(count(
                "mil",
                Measure::Killed,
                am(),
                Category::Military,
                "at least 25",
            )),
        )
        .statement(
            Statement::new("s3", "russia", day("2022-09-13")).claim(count(
                "civ",
                Measure::Killed,
                am(),
                Category::Civilian,
                "at least 10",
            )),
        )
        .build()
        .expect("valid");
    let r = Reconciler::new().reconcile(&d);
    assert_eq!(
        part_whole(&r),
        [(
            vec![Rule::Category],
            vec!["any".into(), "civ".into(), "mil".into()]
        )]
    );
    assert_eq!(Rule::Category.to_string(), "any = military + civilian");
    assert_eq!(Rule::Sides.to_string(), "total over the sides");
}

#[test]
fn sides_sums_need_sides_and_a_side() {
    // An event without sides has no sides sum; a figure for a non-side party joins none.
    let d = base()
        .event(Event::new("sideless", "Sideless", EventKind::Clash))
        .statement(
            Statement::new("s1", "agencies", day("2022-09-13"))
                .claim(Claim::count(
                    "t",
                    "sideless",
                    Measure::Killed,
                    Whose::All,
                    Category::Military,
                    "5".parse().expect("e"),
                ))
                .claim(Claim::count(
                    "p",
                    "sideless",
                    Measure::Killed,
                    Whose::party("armenia"),
                    Category::Military,
                    "9".parse().expect("e"),
                )),
        )
        .statement(
            Statement::new("s2", "agencies", day("2022-09-14"))
                .claim(count(
                    "all",
                    Measure::Killed,
                    Whose::All,
                    Category::Military,
                    "5",
                ))
                .claim(count(
                    "ru",
                    Measure::Killed,
                    Whose::party("russia"),
                    Category::Military,
                    "9",
                )),
        )
        .build()
        .expect("valid");
    let r = Reconciler::new().reconcile(&d);
    assert!(r.constraints().is_empty(), "{:?}", r.constraints());
    assert!(r.discrepancies().is_empty());

    // With a side's figure, the sum is used, whichever key is claimed first.
    let d = base()
        .statement(
            Statement::new("s1", "agencies", day("2022-09-13"))
                .claim(count(
                    "am",
                    Measure::Killed,
                    Whose::party("armenia"),
                    Category::Military,
                    "9",
                ))
                .claim(count(
                    "all",
                    Measure::Killed,
                    Whose::All,
                    Category::Military,
                    "5",
                )),
        )
        .build()
        .expect("valid");
    let r = Reconciler::new().reconcile(&d);
    assert_eq!(
        part_whole(&r),
        [(vec![Rule::Sides], vec!["all".into(), "am".into()])]
    );
}

#[test]
fn independent_contradictions_are_reported_apart() {
    let d = base()
        .event(
            Event::new("clash-2", "Second clash", EventKind::Clash)
                .with_side("armenia")
                .with_side("azerbaijan"),
        )
        .statement(
            Statement::new("s1", "azerbaijan", day("2022-09-13"))
                .claim(breakdown("50", &[("army", "42"), ("border service", "10")])),
        )
        .statement(
            Statement::new("s2", "armenia", day("2022-09-13"))
                .claim(Claim::count(
                    "x-all",
                    "clash-2",
                    Measure::Killed,
                    Whose::All,
                    Category::Military,
                    "3".parse().expect("e"),
                ))
                .claim(Claim::count(
                    "x-am",
                    "clash-2",
                    Measure::Killed,
                    Whose::party("armenia"),
                    Category::Military,
                    "7".parse().expect("e"),
                )),
        )
        .build()
        .expect("valid");
    let r = Reconciler::new().reconcile(&d);
    let found = part_whole(&r);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found.iter().any(|(_, c)| c == &["az-k".to_string()]));
    assert!(
        found
            .iter()
            .any(|(_, c)| c == &["x-all".to_string(), "x-am".to_string()])
    );
}

#[test]
fn three_part_breakdowns_narrow_each_part_by_the_others() {
    let mut c = CountClaim::new(
        Measure::Killed,
        Whose::party("azerbaijan"),
        Category::Military,
        "50".parse().expect("estimate"),
    );
    for (unit, n) in [
        ("army", "at least 1"),
        ("border service", "10"),
        ("police", "20"),
    ] {
        c = c.with_part(BreakdownPart::new(unit, n.parse().expect("estimate")));
    }
    let d = base()
        .statement(
            Statement::new("s", "azerbaijan", day("2022-09-13")).claim(Claim::new(
                "az-k",
                "clash",
                ClaimBody::Count(c),
            )),
        )
        .build()
        .expect("valid");
    let r = Reconciler::new().reconcile(&d);
    let army = QuantityKey::new(
        "clash",
        Measure::Killed,
        Whose::party("azerbaijan"),
        Category::unit("army"),
    );
    assert_eq!(
        r.figure(&army).expect("army").bounds,
        Some(CountRange::exact(20))
    );
}

#[test]
fn narrowing_travels_through_linked_sums() {
    // all/any = 100 and all/civilian = 40 fix all/military at 60, which bounds
    // Armenia's military figure through the sides sum.
    let d = base()
        .statement(
            Statement::new("s", "agencies", day("2022-09-13"))
                .claim(count(
                    "am",
                    Measure::Killed,
                    Whose::party("armenia"),
                    Category::Military,
                    "at least 10",
                ))
                .claim(count(
                    "az",
                    Measure::Killed,
                    Whose::party("azerbaijan"),
                    Category::Military,
                    "at least 5",
                ))
                .claim(count(
                    "any",
                    Measure::Killed,
                    Whose::All,
                    Category::Any,
                    "100",
                ))
                .claim(count(
                    "civ",
                    Measure::Killed,
                    Whose::All,
                    Category::Civilian,
                    "40",
                )),
        )
        .build()
        .expect("valid");
    let r = Reconciler::new().reconcile(&d);
    let am = key(Whose::party("armenia"));
    assert_eq!(
        r.figure(&am).expect("am").bounds,
        CountRange::new(10, Some(55)).ok()
    );
}

#[test]
fn measure_sums_are_found_from_any_two_of_their_keys() {
    let az = || Whose::party("azerbaijan");
    let one = |a: (&str, Measure, &str), b: (&str, Measure, &str)| {
        let d = base()
            .statement(
                Statement::new("s1", "azerbaijan", day("2022-09-13")).claim(count(
                    a.0,
                    a.1,
                    az(),
                    Category::Military,
                    a.2,
                )),
            )
            .statement(
                Statement::new("s2", "armenia", day("2022-09-13")).claim(count(
                    b.0,
                    b.1,
                    az(),
                    Category::Military,
                    b.2,
                )),
            )
            .build()
            .expect("valid");
        // The sums are what is tested: a ceiling would report the conflicts instead.
        no_ceilings().reconcile(&d)
    };
    // Whole and first part.
    let r = one(
        ("cas", Measure::Casualties, "at most 10"),
        ("kil", Measure::Killed, "at least 12"),
    );
    assert_eq!(
        part_whole(&r),
        [(vec![Rule::Measure], vec!["cas".into(), "kil".into()])]
    );
    let r = one(
        ("kom", Measure::KilledOrMissing, "at most 3"),
        ("kil", Measure::Killed, "5"),
    );
    assert_eq!(
        part_whole(&r),
        [(vec![Rule::Measure], vec!["kil".into(), "kom".into()])]
    );
    // Two parts, no whole: the sum is used (and bounds the unclaimed whole).
    let r = one(
        ("kil", Measure::Killed, "5"),
        ("wou", Measure::Wounded, "7"),
    );
    let check = r
        .constraints()
        .iter()
        .find(|c| c.constraint.rule == Rule::Measure)
        .expect("casualties = killed + wounded");
    assert_eq!(check.whole, Some(CountRange::exact(12)));
    let r = one(
        ("kil", Measure::Killed, "5"),
        ("mis", Measure::Missing, "2"),
    );
    let check = r
        .constraints()
        .iter()
        .find(|c| c.constraint.rule == Rule::Measure)
        .expect("killed or missing = killed + missing");
    assert_eq!(check.whole, Some(CountRange::exact(7)));
}

#[test]
fn narrowing_found_late_is_carried_back_to_sums_already_revised() {
    // The sides sum is revised first, while Azerbaijan's military figure is still open;
    // the category sum then fixes it at 50 - 20 = 30, and the sides sum must be revised
    // again to bound Armenia by 100 - 30.
    let d = base()
        .statement(
            Statement::new("s", "agencies", day("2022-09-13"))
                .claim(count(
                    "all-mil",
                    Measure::Killed,
                    Whose::All,
                    Category::Military,
                    "at most 100",
                ))
                .claim(count(
                    "am-mil",
                    Measure::Killed,
                    Whose::party("armenia"),
                    Category::Military,
                    "at least 10",
                ))
                .claim(count(
                    "az-any",
                    Measure::Killed,
                    Whose::party("azerbaijan"),
                    Category::Any,
                    "50",
                ))
                .claim(count(
                    "az-civ",
                    Measure::Killed,
                    Whose::party("azerbaijan"),
                    Category::Civilian,
                    "20",
                )),
        )
        .build()
        .expect("valid");
    let r = Reconciler::new().reconcile(&d);
    let am = key(Whose::party("armenia"));
    assert_eq!(
        r.figure(&am).expect("am").bounds,
        CountRange::new(10, Some(70)).ok()
    );
}

#[test]
fn a_figure_displays_its_key_and_numbers_and_says_when_readings_conflict() {
    use contested::{
        Actor, ActorKind, Category, Claim, Dossier, Event, EventKind, Measure, Statement,
        TimeWindow, Whose,
    };
    let at = |s: &str| TimeWindow::instant(s.parse().expect("a time"));
    let killed = |id: &str, n: &str| {
        Claim::count(
            id,
            "e",
            Measure::Killed,
            Whose::All,
            Category::Any,
            n.parse().expect("an estimate"),
        )
    };
    let d = Dossier::builder()
        .actor(Actor::new("a", "A", ActorKind::State))
        .actor(Actor::new("b", "B", ActorKind::State))
        .event(Event::new("e", "E", EventKind::Clash))
        .statement(
            Statement::new("s1", "a", at("2022-09-13T10:00:00Z"))
                .claim(killed("c1", "at least 100")),
        )
        .statement(Statement::new("s2", "b", at("2022-09-13T11:00:00Z")).claim(killed("c2", "12")))
        .build()
        .expect("valid");
    let r = Reconciler::new().reconcile(&d);
    let text = r.figures()[0].to_string();
    assert!(text.starts_with("e/killed/all/any: best "), "{text}");
    assert!(text.ends_with("(2 live readings), in conflict"), "{text}");
    let d = Dossier::builder()
        .actor(Actor::new("a", "A", ActorKind::State))
        .event(Event::new("e", "E", EventKind::Clash))
        .statement(
            Statement::new("s1", "a", at("2022-09-13T10:00:00Z"))
                .claim(killed("c1", "at least 100")),
        )
        .build()
        .expect("valid");
    let r = Reconciler::new().reconcile(&d);
    assert_eq!(
        r.figures()[0].to_string(),
        "e/killed/all/any: best 100, low 100, high unbounded (1 live reading)"
    );
}

/// In a dispute each count stands for the end of the envelope it gives, so a part-whole
/// conflict cites the count whose bound it needs (DESIGN.md, "Part-whole propagation",
/// "Who a disputed key's bounds come from"): Armenia's "tens" of Azerbaijani casualties
/// cannot hold with Azerbaijan's own 110 wounded of the same day, and the conflict cites
/// those two, not Armenia's own "some 200" wounded, which merely shares the envelope.
#[test]
fn a_disputed_keys_conflict_cites_the_count_whose_bound_it_needs() {
    let az = || Whose::party("azerbaijan");
    let d = base()
        .statement(
            Statement::new("s1", "armenia", day("2022-09-13")).claim(count(
                "am-200",
                Measure::Wounded,
                az(),
                Category::Military,
                "some 200",
            )),
        )
        .statement(
            Statement::new("s2", "am-mod", day("2022-09-13")).claim(count(
                "am-tens",
                Measure::Casualties,
                az(),
                Category::Military,
                "tens",
            )),
        )
        .statement(
            Statement::new("s3", "azerbaijan", day("2022-09-13")).claim(count(
                "az-110",
                Measure::Wounded,
                az(),
                Category::Military,
                "110",
            )),
        )
        .build()
        .expect("valid");
    let r = Reconciler::new().reconcile(&d);
    let conflicts = part_whole(&r);
    assert_eq!(conflicts.len(), 1, "{conflicts:?}");
    let cited = &conflicts[0].1;
    assert!(cited.contains(&"az-110".to_string()) && cited.contains(&"am-tens".to_string()));
    assert!(!cited.contains(&"am-200".to_string()), "{cited:?}");
}
