//! User-defined measures (issue 11, item 2): a dossier-level registry, validated so that
//! names are new, parts resolve and sums never cycle.

use contested::measure::{MeasureRef, resolve};
use contested::{Dossier, Measure, MeasureDef, Problem};

fn errors(defs: Vec<MeasureDef>) -> Vec<(String, Problem)> {
    defs.into_iter()
        .fold(Dossier::builder(), |b, m| b.measure(m))
        .build()
        .map(|_| Vec::new())
        .unwrap_or_else(|e| {
            e.errors()
                .iter()
                .map(|e| (e.path.clone(), e.problem.clone()))
                .collect()
        })
}

#[test]
fn a_registry_loads_from_json_strictly() {
    let json = r#"{"measures":[
        {"name":"seriously_injured","description":"injured, hospitalised"},
        {"name":"killed_or_seriously_injured","sum_of":["killed","seriously_injured"]}]}"#;
    let d = Dossier::from_json(json).unwrap();
    assert_eq!(d.measures().len(), 2);
    assert_eq!(
        resolve(d.measures(), "seriously_injured"),
        Some(MeasureRef::Defined(0))
    );
    assert_eq!(
        resolve(d.measures(), "killed"),
        Some(MeasureRef::BuiltIn(Measure::Killed))
    );
    assert_eq!(Dossier::from_json(&d.to_json()).unwrap(), d);
    // Unknown fields and positional arrays are refused.
    assert!(Dossier::from_json(r#"{"measures":[{"name":"x","parts":["a","b"]}]}"#).is_err());
    assert!(Dossier::from_json(r#"{"measures":[["x"]]}"#).is_err());
    // A dossier without a registry writes none.
    assert!(!Dossier::default().to_json().contains("measures"));
}

#[test]
fn every_problem_has_its_path() {
    let got = errors(vec![
        MeasureDef::new("Bad Name"),
        MeasureDef::new("killed"),
        MeasureDef::new("dup"),
        MeasureDef::new("dup"),
        MeasureDef::new("short").sum_of(["killed"]),
        MeasureDef::new("twice").sum_of(["killed", "killed"]),
        MeasureDef::new("selfish").sum_of(["selfish", "killed"]),
        MeasureDef::new("unknown_part").sum_of(["killed", "nothing"]),
    ]);
    let at = |path: &str| {
        got.iter()
            .find(|(p, _)| p == path)
            .map(|(_, pr)| pr.clone())
            .unwrap_or_else(|| panic!("nothing at {path}: {got:?}"))
    };
    assert!(matches!(
        at("measures[0].name"),
        Problem::MalformedMeasure { .. }
    ));
    assert!(matches!(
        at("measures[1].name"),
        Problem::BuiltInMeasure { .. }
    ));
    assert!(matches!(
        at("measures[3].name"),
        Problem::DuplicateId {
            kind: contested::IdKind::Measure,
            ..
        }
    ));
    assert!(matches!(at("measures[4].sum_of"), Problem::ShortSum { .. }));
    assert!(matches!(
        at("measures[5].sum_of[1]"),
        Problem::RepeatedPart { .. }
    ));
    assert!(matches!(
        at("measures[6].sum_of[0]"),
        Problem::RepeatedPart { .. }
    ));
    assert!(matches!(
        at("measures[7].sum_of[1]"),
        Problem::UnknownMeasure { .. }
    ));
}

#[test]
fn a_cycle_through_three_sums_is_named() {
    let got = errors(vec![
        MeasureDef::new("a").sum_of(["killed", "b"]),
        MeasureDef::new("b").sum_of(["c", "wounded"]),
        MeasureDef::new("c").sum_of(["missing", "a"]),
    ]);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].0, "measures[0].sum_of[1]");
    assert_eq!(
        got[0].1,
        Problem::MeasureCycle {
            cycle: vec!["a".into(), "b".into(), "c".into(), "a".into()]
        }
    );
}

#[test]
fn a_long_chain_of_sums_is_accepted() {
    // m_k = m_{k-1} + killed: 20,000 nested sums, no cycle; one pass.
    let mut defs = vec![MeasureDef::new("m0")];
    for k in 1..20_000 {
        defs.push(
            MeasureDef::new(format!("m{k}")).sum_of([format!("m{}", k - 1), "killed".into()]),
        );
    }
    // The search visits each measure and part once (no wall-clock assert: a quadratic
    // search would make this test take minutes, which the suite's time shows).
    assert!(errors(defs).is_empty());
}
