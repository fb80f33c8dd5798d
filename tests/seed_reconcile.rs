//! The seed report's reconciliation: the results the design notes require, asserted.

#[allow(dead_code)]
#[path = "../examples/armenia_azerbaijan_2022.rs"]
mod seed;

use contested::reconcile::{Discrepancy, QuantityKey, Reconciler, Reconciliation, Rule, Source};
use contested::{Category, CountRange, Dossier, Measure, Urge, Whose};

fn dossier() -> Dossier {
    seed::seed_dossier().unwrap_or_else(|e| panic!("the seed dossier must build: {e}"))
}

fn reconciled() -> Reconciliation {
    Reconciler::new().reconcile(&dossier())
}

fn killed(whose: Whose) -> QuantityKey {
    QuantityKey::new(
        "clash-2022-09-13",
        Measure::Killed,
        whose,
        Category::Military,
    )
}

#[test]
fn azerbaijan_self_reports_fifty() {
    let r = reconciled();
    let f = r
        .figure(&killed(Whose::party("azerbaijan")))
        .expect("Azerbaijan's figure");
    let live: Vec<_> = f.live().collect();
    assert_eq!(live.len(), 1);
    assert_eq!(live[0].source, Source::SelfReport);
    assert_eq!(live[0].estimate.words(), "50");
    assert_eq!(f.consensus, Some(CountRange::exact(50)));
    assert_eq!((f.low, f.best, f.high), (50, 50, Some(50)));
}

#[test]
fn armenia_at_least_49_narrowed_from_above_by_the_total() {
    let r = reconciled();
    let f = r
        .figure(&killed(Whose::party("armenia")))
        .expect("Armenia's figure");
    assert_eq!(f.live().next().map(|x| x.source), Some(Source::SelfReport));
    assert_eq!(f.consensus, Some(CountRange::at_least(49)));
    // "about 100" is 90..=110; minus Azerbaijan's 50 leaves at most 60.
    assert_eq!(f.bounds, CountRange::new(49, Some(60)).ok());
    assert_eq!((f.low, f.high), (49, Some(60)));
}

#[test]
fn total_about_100_is_consistent_with_50_plus_49() {
    let r = reconciled();
    let f = r.figure(&killed(Whose::All)).expect("the total");
    assert_eq!(f.live().next().map(|x| x.source), Some(Source::ThirdParty));
    assert_eq!(f.consensus, CountRange::new(90, Some(110)).ok());
    assert_eq!(f.bounds, CountRange::new(99, Some(110)).ok());
    assert_eq!(f.best, 100);
    let sides = r
        .constraints()
        .iter()
        .find(|c| c.constraint.rule == Rule::Sides && c.constraint.whole == killed(Whose::All))
        .expect("the total over the sides is checked");
    assert!(sides.is_consistent());
    assert!(
        !r.discrepancies().iter().any(|d| matches!(
            d,
            Discrepancy::NumericConflict { .. } | Discrepancy::PartWholeConflict { .. }
        )),
        "the figures agree"
    );
}

#[test]
fn responsibility_is_contested_each_side_blaming_the_other() {
    let r = reconciled();
    let accounts = r
        .discrepancies()
        .iter()
        .find_map(|d| match d {
            Discrepancy::ResponsibilityConflict { event, accounts }
                if event.as_str() == "clash-2022-09-13" =>
            {
                Some(accounts)
            }
            _ => None,
        })
        .expect("a responsibility conflict over the clash");
    let named: Vec<(&str, Vec<&str>)> = accounts
        .iter()
        .map(|a| {
            (
                a.actor.as_str(),
                a.claims
                    .iter()
                    .filter_map(|c| c.speaker.as_ref().map(|s| s.as_str()))
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        named,
        [("armenia", vec!["az-mfa"]), ("azerbaijan", vec!["am-mod"])]
    );
}

#[test]
fn onset_windows_overlap_shortly_after_midnight() {
    let r = reconciled();
    let onset = r
        .timings()
        .iter()
        .find(|t| t.event.as_str() == "clash-2022-09-13")
        .expect("onset timing");
    assert_eq!(onset.claims.len(), 2);
    let overlap = onset.overlap.as_ref().expect("the windows overlap");
    assert_eq!(overlap.earliest().to_rfc3339(), "2022-09-13T00:00:00+04:00");
    assert_eq!(overlap.latest().to_rfc3339(), "2022-09-13T01:00:00+04:00");
    assert!(
        !r.discrepancies()
            .iter()
            .any(|d| matches!(d, Discrepancy::TimingConflict { .. }))
    );
}

#[test]
fn hedged_unattributed_advance_is_kept_with_its_hedge() {
    let r = reconciled();
    let rec = r
        .evidence()
        .claims()
        .iter()
        .find(|c| c.claim.as_str() == "advance-attempted")
        .expect("the troop claim");
    assert_eq!(rec.speaker, None);
    assert_eq!(rec.relay, ["agencies".into()]);
    assert!(!rec.hedges.is_empty());
    let text = r.to_string();
    assert!(
        text.contains("unattributed via agencies, hedged: reportedly"),
        "{text}"
    );
}

#[test]
fn four_mediators_each_even_handed() {
    let r = reconciled();
    let ms: Vec<&str> = r.mediators().iter().map(|m| m.actor.as_str()).collect();
    assert_eq!(ms, ["intl-community", "russia", "un-sg", "unsc"]);
    assert!(r.mediators().iter().all(|m| m.even_handed));
    let russia = &r.mediators()[1];
    assert_eq!(
        russia.appeals[0].urged,
        [Urge::DeEscalation, Urge::Restraint]
    );
    assert_eq!(russia.brokered, ["agreement-2020".into()]);
    assert_eq!(
        russia.deployments[0].range,
        CountRange::new(1800, Some(2200)).expect("range")
    );
    assert!(russia.ties.len() >= 2);
    let un = &r.mediators()[2];
    assert_eq!(
        un.appeals[0].relay,
        ["un-sg-spokesman".into(), "agencies".into()]
    );
    assert!(un.appeals[0].urged.contains(&Urge::Dialogue));
    assert_eq!(r.mediators()[0].appeals[0].urged, [Urge::Calm]);
    assert_eq!(
        r.mediators()[3].consultations,
        ["unsc-consultations".into()]
    );
}

#[test]
fn the_reconciliation_round_trips_and_the_report_shows_the_key_lines() {
    let r = reconciled();
    let back: Reconciliation = serde_json::from_str(&r.to_json()).expect("round trip");
    assert_eq!(back, r);
    let text = r.to_string();
    for line in [
        "narrowed by part-whole sums to 49..=60",
        "consistent: 99..=110 = 49..=60 + 50",
        "agree: windows overlap in 2022-09-13T00:00:00+04:00 .. 2022-09-13T01:00:00+04:00",
        "responsibility conflict over clash-2022-09-13",
        "deployed \"roughly 2,000\" (1800..=2200) peacekeepers",
    ] {
        assert!(text.contains(line), "missing {line:?} in\n{text}");
    }
}

#[test]
fn as_of_before_tuesday_sees_nothing_of_the_clash() {
    let r = Reconciler::new()
        .as_of("2022-09-12T23:00:00+04:00".parse().expect("time"))
        .reconcile(&dossier());
    assert!(r.figures().is_empty());
    assert!(r.discrepancies().is_empty());
}

#[test]
fn every_seed_figure_is_single_source_with_its_voice_class() {
    use contested::reconcile::{Corroboration, Source};
    let r = reconciled();
    for f in r.figures() {
        assert!(
            matches!(f.corroboration, Corroboration::SingleSource { .. }),
            "{}",
            f.key
        );
    }
    let am = r.figure(&killed(Whose::party("armenia"))).unwrap();
    assert!(am.live().all(|x| x.source == Source::SelfReport));
    assert_eq!(am.admitted, Some(49));
    let text = r.to_string();
    assert!(text.contains("single source (armenia)"));
    assert!(text.contains("[self-report]"));
    assert!(text.contains("[third-party figure]"));
}
