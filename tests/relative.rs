//! Relative claims (issue 11): "more than double our losses", "half of", "three times".
//! The phrase grammar and its round trips, the JSON form and its errors, validation,
//! and the resolution against the figures: concrete cases and the laws (an exact pair
//! that satisfies the relation never conflicts; the implied ranges are exactly what both
//! figures and the relation allow, by brute force).

use contested::reconcile::relative::{RelativeOutcome, implied};
use contested::reconcile::{Discrepancy, Reconciler};
use contested::strategy::{ratio, ratio_phrase, relative_claim};
use contested::{
    Actor, ActorKind, Category, Claim, ClaimBody, Comparison, CountRange, Dossier, Event,
    EventKind, Factor, Interpretation, LoadError, Measure, ParseRatioError, Problem, Quantity,
    Ratio, RelativeClaim, Statement, TimeWindow, Whose,
};
use proptest::prelude::*;

fn r(s: &str) -> Ratio {
    s.parse().unwrap_or_else(|e| panic!("{s:?}: {e}"))
}

fn f(n: u32, d: u32) -> Factor {
    Factor::new(n, d).unwrap()
}

#[test]
fn every_phrase_of_the_grammar_reads_as_its_ratio() {
    use Comparison::*;
    let cases: &[(&str, Comparison, u32, u32)] = &[
        ("double", Equal, 2, 1),
        ("twice", Equal, 2, 1),
        ("Twice as many as", Equal, 2, 1),
        ("two times", Equal, 2, 1),
        ("2 times", Equal, 2, 1),
        ("two-fold", Equal, 2, 1),
        ("2-fold", Equal, 2, 1),
        ("more than double", MoreThan, 2, 1),
        ("more than twice as many as", MoreThan, 2, 1),
        ("over double", MoreThan, 2, 1),
        ("at least twice as many as", AtLeast, 2, 1),
        ("no fewer than twice", AtLeast, 2, 1),
        ("half", Equal, 1, 2),
        ("half of", Equal, 1, 2),
        ("a half of", Equal, 1, 2),
        ("one half", Equal, 1, 2),
        ("less than half", LessThan, 1, 2),
        ("a third of", Equal, 1, 3),
        ("one third of", Equal, 1, 3),
        ("two thirds of", Equal, 2, 3),
        ("a quarter of", Equal, 1, 4),
        ("three quarters of", Equal, 3, 4),
        ("three times", Equal, 3, 1),
        ("three times as many as", Equal, 3, 1),
        ("triple", Equal, 3, 1),
        ("thrice", Equal, 3, 1),
        ("quadruple", Equal, 4, 1),
        ("10 times", Equal, 10, 1),
        ("forty times", Equal, 40, 1),
        ("2.5 times", Equal, 5, 2),
        ("about 1.5 times", About, 3, 2),
        ("roughly double", About, 2, 1),
        ("at most a third of", AtMost, 1, 3),
        ("up to half", AtMost, 1, 2),
        ("150 percent of", Equal, 3, 2),
        ("150 per cent of", Equal, 3, 2),
        ("40% of", Equal, 2, 5),
        ("3/4 of", Equal, 3, 4),
        ("5/2 times", Equal, 5, 2),
        ("the same as", Equal, 1, 1),
        ("about the same as", About, 1, 1),
        ("  MORE   THAN   DOUBLE ", MoreThan, 2, 1),
        // Comparatives after a factor: "N times more" is N times, "N times fewer" 1/N.
        ("three times more than", Equal, 3, 1),
        ("3 times higher than", Equal, 3, 1),
        ("twice more", Equal, 2, 1),
        ("five-fold greater than", Equal, 5, 1),
        ("three times fewer than", Equal, 1, 3),
        ("10 times smaller than", Equal, 1, 10),
        ("about four times lower than", About, 1, 4),
        ("at least three times fewer than", AtMost, 1, 3),
        ("more than 2 times less than", LessThan, 1, 2),
        // Vague factors: at least the least count of the word.
        ("several times", AtLeast, 3, 1),
        ("several times more than", AtLeast, 3, 1),
        ("several times fewer than", AtMost, 1, 3),
        ("a few times", AtLeast, 2, 1),
        ("many times higher than", AtLeast, 2, 1),
        ("multiple-fold", AtLeast, 2, 1),
    ];
    for &(words, c, n, d) in cases {
        assert_eq!(r(words), Ratio::new(c, f(n, d)), "{words:?}");
    }
}

#[test]
fn display_is_canonical() {
    for (words, shown) in [
        ("twice as many as", "double"),
        ("more than twice", "more than double"),
        ("three times", "3 times"),
        ("half of", "half"),
        ("one third", "a third of"),
        ("a fourth of", "a quarter of"),
        ("two thirds", "2/3 of"),
        ("2.5 times", "5/2 times"),
        ("equal to", "the same as"),
        ("some 4 times", "about 4 times"),
    ] {
        assert_eq!(r(words).to_string(), shown, "{words:?}");
    }
}

#[test]
fn phrases_not_understood_are_refused_with_the_word() {
    assert_eq!("".parse::<Ratio>(), Err(ParseRatioError::Empty));
    assert_eq!("   ".parse::<Ratio>(), Err(ParseRatioError::Empty));
    let err = "more than dubble".parse::<Ratio>().unwrap_err();
    assert!(
        matches!(&err, ParseRatioError::UnknownWord { word: 3, text, .. } if text == "dubble"),
        "{err:?}"
    );
    // A comparative needs a factor above one; a vague factor takes no comparison.
    for (words, word) in [
        ("half more than", 2),
        ("the same as fewer", 4),
        ("more than several times", 3),
    ] {
        let err = words.parse::<Ratio>().unwrap_err();
        assert!(
            matches!(&err, ParseRatioError::UnknownWord { word: w, .. } if *w == word),
            "{words:?}: {err:?}"
        );
    }
    let err = "double our losses".parse::<Ratio>().unwrap_err();
    assert!(
        matches!(&err, ParseRatioError::UnknownWord { word: 2, .. }),
        "{err:?}"
    );
    assert!(matches!(
        "zero times".parse::<Ratio>(),
        Err(ParseRatioError::ZeroFactor { .. })
    ));
    assert!(matches!(
        "0/3 of".parse::<Ratio>(),
        Err(ParseRatioError::ZeroFactor { .. })
    ));
    assert!(matches!(
        "5000000000 times".parse::<Ratio>(),
        Err(ParseRatioError::TooLarge { .. })
    ));
    assert!(matches!(
        "times".parse::<Ratio>(),
        Err(ParseRatioError::UnknownWord { word: 1, .. })
    ));
    assert!(Factor::new(3, 0).is_err());
}

proptest! {
    #[test]
    fn display_and_from_str_round_trip(x in ratio()) {
        prop_assert_eq!(x.to_string().parse::<Ratio>()?, x);
        let json = serde_json::to_string(&x)?;
        prop_assert_eq!(serde_json::from_str::<Ratio>(&json)?, x);
    }

    /// Any input is read or refused, never a panic; what is read prints back to itself.
    #[test]
    fn any_text_is_read_or_refused(s in "\\PC{0,40}|((about|at least|more than|less than|over) )?([0-9]{1,12}([./][0-9]{1,4})?|two|three|a third|half|double)( times| percent| fold|%| of| as many as)?") {
        if let Ok(x) = s.parse::<Ratio>() {
            prop_assert_eq!(x.to_string().parse::<Ratio>()?, x);
        }
    }

    #[test]
    fn every_wording_reads_as_what_it_means((words, x) in ratio_phrase()) {
        let read = words.parse::<Ratio>()?;
        prop_assert_eq!(read, x);
        prop_assert_eq!(read.to_string().parse::<Ratio>()?, x);
    }
}

// ---------------------------------------------------------------- dossiers

fn day() -> TimeWindow {
    TimeWindow::day(2022, 9, 13).unwrap()
}

fn killed(id: &str, whose: &str, words: &str) -> Claim {
    Claim::count(
        id,
        "clash",
        Measure::Killed,
        Whose::party(whose),
        Category::Military,
        words.parse().unwrap(),
    )
}

/// "`whose`'s dead are `ratio` `of`'s", said by Azerbaijan.
fn relative(id: &str, whose: &str, ratio: &str, of: Quantity) -> Claim {
    Claim::new(
        id,
        "clash",
        ClaimBody::Relative(RelativeClaim::new(
            Measure::Killed,
            Whose::party(whose),
            Category::Military,
            r(ratio),
            of,
        )),
    )
}

fn dead_of(whose: &str) -> Quantity {
    Quantity::new(Measure::Killed, Whose::party(whose), Category::Military)
}

fn base() -> contested::DossierBuilder {
    Dossier::builder()
        .actor(Actor::new("am", "Armenia", ActorKind::State))
        .actor(Actor::new("az", "Azerbaijan", ActorKind::State))
        .event(
            Event::new("clash", "Border clashes", EventKind::Clash)
                .with_side("am")
                .with_side("az"),
        )
}

/// Azerbaijan: "we lost 50; Armenia lost more than double that"; Armenia gives its own.
fn border(armenia: Option<&str>) -> Dossier {
    let mut b = base().statement(
        Statement::new("s-az", "az", day())
            .claim(killed("az-k", "az", "50"))
            .claim(relative("az-rel", "am", "more than double", dead_of("az"))),
    );
    if let Some(words) = armenia {
        b = b.statement(Statement::new("s-am", "am", day()).claim(killed("am-k", "am", words)));
    }
    b.build().unwrap()
}

fn conflicts(d: &Dossier) -> Vec<Discrepancy> {
    Reconciler::new()
        .reconcile(d)
        .discrepancies()
        .iter()
        .filter(|x| matches!(x, Discrepancy::RelativeConflict { .. }))
        .cloned()
        .collect()
}

#[test]
fn a_consistent_relative_claim_implies_a_range_traced_to_its_claims() {
    let d = border(Some("120"));
    let rec = Reconciler::new().reconcile(&d);
    assert!(conflicts(&d).is_empty());
    let check = &rec.relative()[0];
    assert_eq!(check.claim.claim.as_str(), "az-rel");
    assert_eq!(check.subject_range, CountRange::exact(120));
    assert_eq!(check.reference_range, Some(CountRange::exact(50)));
    assert_eq!(
        check.outcome,
        RelativeOutcome::Holds {
            subject: CountRange::exact(120),
            reference: CountRange::exact(50)
        }
    );
    let behind: Vec<&str> = check.behind.iter().map(|c| c.claim.as_str()).collect();
    assert_eq!(behind, ["am-k", "az-k"]);
    let report = rec.to_string();
    assert!(report.contains("RELATIVE FIGURES"), "{report}");
    assert!(
        report.contains(
            "az-rel: clash/killed/am/military is more than double clash/killed/az/military"
        ),
        "{report}"
    );
}

#[test]
fn with_nothing_else_counting_the_subject_the_relation_gives_its_range() {
    let d = border(None);
    let rec = Reconciler::new().reconcile(&d);
    assert!(conflicts(&d).is_empty());
    assert!(
        matches!(rec.relative()[0].outcome, RelativeOutcome::Holds { subject, .. } if subject == CountRange::at_least(101))
    );
    // Relative claims do not enter the part-whole sums or make figures of their own.
    assert!(
        rec.figures()
            .iter()
            .all(|f| f.key.whose != Whose::party("am"))
    );
}

#[test]
fn an_impossible_relative_claim_is_a_conflict_citing_every_claim_behind_it() {
    let d = border(Some("at most 80"));
    let found = conflicts(&d);
    assert_eq!(found.len(), 1, "{found:?}");
    let Discrepancy::RelativeConflict {
        claim,
        subject_range,
        reference_range,
        behind,
        ratio,
        ..
    } = &found[0]
    else {
        unreachable!()
    };
    assert_eq!(claim.claim.as_str(), "az-rel");
    assert_eq!(*ratio, r("more than double"));
    assert_eq!(*subject_range, CountRange::new(0, Some(80)).unwrap());
    assert_eq!(*reference_range, CountRange::exact(50));
    let ids: Vec<&str> = found[0].cites().iter().map(|c| c.claim.as_str()).collect();
    assert_eq!(ids, ["az-rel", "am-k", "az-k"]);
    assert_eq!(behind.len(), 2);
    assert_eq!(found[0].kind_name(), "relative_conflict");
    let rec = Reconciler::new().reconcile(&d);
    assert_eq!(rec.relative()[0].outcome, RelativeOutcome::Conflict);
    let report = rec.to_string();
    assert!(report.contains("relative conflict: az-rel"), "{report}");
    let json: serde_json::Value = serde_json::from_str(&rec.to_json()).unwrap();
    assert!(
        json["discrepancies"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x["kind"] == "relative_conflict" && x["ratio"] == "more than double")
    );
}

#[test]
fn a_disputed_figure_is_read_as_the_envelope_of_its_counts() {
    // Armenia says 90, a third party 130: the envelope 90..=130 leaves room for > 100.
    let d = base()
        .actor(Actor::new("ngo", "Monitor", ActorKind::Ngo))
        .statement(
            Statement::new("s-az", "az", day())
                .claim(killed("az-k", "az", "50"))
                .claim(relative("az-rel", "am", "more than double", dead_of("az"))),
        )
        .statement(Statement::new("s-am", "am", day()).claim(killed("am-k", "am", "90")))
        .statement(Statement::new("s-ngo", "ngo", day()).claim(killed("ngo-k", "am", "130")))
        .build()
        .unwrap();
    let rec = Reconciler::new().reconcile(&d);
    assert!(conflicts(&d).is_empty());
    let check = &rec.relative()[0];
    assert_eq!(check.subject_range, CountRange::new(90, Some(130)).unwrap());
    assert!(
        matches!(check.outcome, RelativeOutcome::Holds { subject, .. } if subject == CountRange::new(101, Some(130)).unwrap())
    );
}

#[test]
fn a_quantity_nobody_counts_leaves_the_claim_unresolved() {
    let d = base()
        .statement(
            Statement::new("s-az", "az", day())
                .claim(relative("az-rel", "am", "half", dead_of("az")))
                .claim(killed("am-k", "am", "10")),
        )
        .build()
        .unwrap();
    let rec = Reconciler::new().reconcile(&d);
    assert_eq!(rec.relative()[0].outcome, RelativeOutcome::Unresolved);
    assert_eq!(rec.relative()[0].reference_range, None);
    assert!(conflicts(&d).is_empty());
    assert!(
        rec.to_string()
            .contains("nothing counts clash/killed/az/military")
    );
}

#[test]
fn an_unknown_referenced_key_is_a_validation_error_naming_the_claim() {
    let other_event = dead_of("az").in_event("no-such-event");
    let err = base()
        .statement(
            Statement::new("s-az", "az", day())
                .claim(killed("az-k", "az", "50"))
                .claim(relative("az-rel", "am", "double", other_event)),
        )
        .build()
        .unwrap_err();
    let e = &err.errors()[0];
    assert_eq!(e.path, "statements[0].claims[1].relative.of.event");
    assert!(
        matches!(&e.problem, Problem::UnknownQuantity { claim, missing, .. }
            if claim == "az-rel" && missing == "event `no-such-event`"),
        "{e:?}"
    );
    assert!(err.to_string().contains("az-rel"), "{err}");

    let err = base()
        .statement(Statement::new("s-az", "az", day()).claim(relative(
            "az-rel",
            "am",
            "double",
            dead_of("nobody"),
        )))
        .build()
        .unwrap_err();
    let e = &err.errors()[0];
    assert_eq!(e.path, "statements[0].claims[0].relative.of.whose");
    assert!(
        matches!(&e.problem, Problem::UnknownQuantity { claim, quantity, .. }
            if claim == "az-rel" && quantity == "clash/killed/nobody/military"),
        "{e:?}"
    );

    let err = base()
        .statement(Statement::new("s-az", "az", day()).claim(relative(
            "az-rel",
            "am",
            "double",
            dead_of("am"),
        )))
        .build()
        .unwrap_err();
    assert!(matches!(
        &err.errors()[0].problem,
        Problem::RelativeToItself { claim, .. } if claim == "az-rel"
    ));
    assert_eq!(err.errors()[0].path, "statements[0].claims[0].relative.of");
}

#[test]
fn json_is_strict_and_names_the_path() {
    let d = border(Some("120"));
    let json = d.to_json();
    assert!(json.contains(r#""ratio": "more than double""#), "{json}");
    assert_eq!(Dossier::from_json(&json).unwrap(), d);
    let path = |text: String| match Dossier::from_json(&text) {
        Err(LoadError::Json { path, message, .. }) => (path, message),
        other => panic!("expected a JSON error, got {other:?}"),
    };
    let (p, m) = path(json.replace(
        r#""ratio": "more than double""#,
        r#""ratio": "more than dubble""#,
    ));
    assert_eq!(p, "statements[0].claims[1].relative.ratio");
    assert!(m.contains("dubble"), "{m}");
    let (p, m) = path(json.replace(
        r#""ratio": "more than double""#,
        r#""ratio": "double", "ratoi": 1"#,
    ));
    assert!(p.starts_with("statements[0].claims[1].relative"), "{p}");
    assert!(m.contains("ratoi"), "{m}");
    let mut v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let of = v["statements"][0]["claims"][1]["relative"]["of"].take();
    let values: Vec<serde_json::Value> = of.as_object().unwrap().values().cloned().collect();
    v["statements"][0]["claims"][1]["relative"]["of"] = values.into();
    let (p, _) = path(v.to_string());
    assert_eq!(p, "statements[0].claims[1].relative.of");
}

// ---------------------------------------------------------------- laws

/// The definition the resolution must follow (DESIGN.md, "Relative claims"), written
/// out plainly: x stands in relation `ratio` to y.
fn holds(ratio: Ratio, x: u64, y: u64, how: &Interpretation) -> bool {
    let (n, d) = (
        i128::from(ratio.factor.numerator()),
        i128::from(ratio.factor.denominator()),
    );
    let (x, y) = (i128::from(x), i128::from(y));
    let (t, m) = (
        i128::from(how.tolerance_percent()),
        i128::from(how.min_tolerance()),
    );
    match ratio.comparison {
        Comparison::Equal => (x * d - n * y).abs() < d,
        Comparison::AtLeast => x * d >= n * y,
        Comparison::MoreThan => x * d > n * y,
        Comparison::AtMost => x * d <= n * y,
        Comparison::LessThan => x * d < n * y,
        Comparison::About => {
            let q = 100 * d;
            let slack = q * m + q - 1;
            (t >= 100 || q * x >= n * (100 - t) * y - slack) && q * x <= n * (100 + t) * y + slack
        }
        _ => unreachable!("a comparison this test does not know"),
    }
}

fn small_ratio() -> impl Strategy<Value = Ratio> {
    (
        prop::sample::select(vec![
            Comparison::Equal,
            Comparison::About,
            Comparison::AtLeast,
            Comparison::AtMost,
            Comparison::MoreThan,
            Comparison::LessThan,
        ]),
        1u32..=7,
        1u32..=7,
    )
        .prop_map(|(c, n, d)| Ratio::new(c, f(n, d)))
}

/// A range within 0..=40, bounded or open.
fn small_range() -> impl Strategy<Value = CountRange> {
    (0u64..=40, 0u64..=40, any::<bool>()).prop_map(|(a, b, open)| {
        let (lo, hi) = (a.min(b), a.max(b));
        CountRange::new(lo, (!open).then_some(hi)).unwrap()
    })
}

fn interpretation() -> impl Strategy<Value = Interpretation> {
    (prop_oneof![0u32..=50, Just(100), Just(120)], 0u64..=3).prop_map(|(t, m)| {
        Interpretation::default()
            .with_tolerance_percent(t)
            .with_min_tolerance(m)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Against enumeration: the relation can hold exactly when some pair fits; the
    /// reference's range is exactly the counts some subject count fits; the subject's is
    /// the hull of the counts that fit, so it holds every value consistent with both.
    /// Open ranges are searched up to `REACH`, past every bounded implied ceiling these
    /// factors (at most 7) and tolerances (at most 50%, or 100% and more) can give.
    #[test]
    fn implied_ranges_are_exactly_what_both_figures_allow(
        ratio in small_ratio(), x in small_range(), y in small_range(), how in interpretation()
    ) {
        const REACH: u64 = 700;
        let top = |c: CountRange| c.hi().unwrap_or(REACH);
        let mut xs: Option<(u64, u64)> = None;
        let mut ys = std::collections::BTreeSet::new();
        for xv in x.lo()..=top(x) {
            for yv in y.lo()..=top(y) {
                if holds(ratio, xv, yv, &how) {
                    xs = Some(xs.map_or((xv, xv), |(a, b)| (a.min(xv), b.max(xv))));
                    ys.insert(yv);
                }
            }
        }
        let got = implied(ratio, x, y, &how);
        match (got, xs) {
            (None, None) => {}
            (Some((gx, gy)), Some((xlo, xhi))) => {
                let (ylo, yhi) = (*ys.first().unwrap(), *ys.last().unwrap());
                prop_assert_eq!(gx.lo(), xlo, "subject floor");
                prop_assert_eq!(gy.lo(), ylo, "reference floor");
                // A bounded implied ceiling is exact; an open one only for an open figure.
                match gx.hi() {
                    Some(h) => prop_assert_eq!(h, xhi, "subject ceiling"),
                    None => prop_assert!(x.hi().is_none(), "an open subject ceiling"),
                }
                match gy.hi() {
                    Some(h) => {
                        prop_assert_eq!(h, yhi, "reference ceiling");
                        // Every count between the ends fits some subject count.
                        prop_assert_eq!(ys.len() as u64, h - ylo + 1, "reference gaps");
                    }
                    None => prop_assert!(y.hi().is_none(), "an open reference ceiling"),
                }
            }
            (got, xs) => prop_assert!(false, "implied {:?}, enumeration {:?}", got, xs),
        }
    }

    /// Never a panic or overflow at the edges of u64, and the implied ranges lie within
    /// the figures'.
    #[test]
    fn implied_ranges_stay_within_the_figures(
        ratio in ratio(), x in contested::strategy::count_range(), y in contested::strategy::count_range()
    ) {
        for how in [Interpretation::default(), Interpretation::default().with_tolerance_percent(u32::MAX).with_min_tolerance(u64::MAX)] {
            if let Some((gx, gy)) = implied(ratio, x, y, &how) {
                prop_assert!(gx.lo() >= x.lo() && gy.lo() >= y.lo());
                if let Some(h) = x.hi() { prop_assert!(gx.hi().is_some_and(|g| g <= h)); }
                if let Some(h) = y.hi() { prop_assert!(gy.hi().is_some_and(|g| g <= h)); }
            }
        }
    }

    /// Two exact figures that satisfy the relation arithmetically never conflict, and two
    /// that do not always do.
    #[test]
    fn exact_figures_conflict_exactly_when_the_arithmetic_fails(
        ratio in small_ratio(), x in 0u64..=200, y in 0u64..=200
    ) {
        let d = base()
            .statement(
                Statement::new("s-az", "az", day())
                    .claim(killed("az-k", "az", &y.to_string()))
                    .claim(Claim::new("az-rel", "clash", ClaimBody::Relative(RelativeClaim::new(
                        Measure::Killed, Whose::party("am"), Category::Military, ratio, dead_of("az"))))),
            )
            .statement(Statement::new("s-am", "am", day()).claim(killed("am-k", "am", &x.to_string())))
            .build()?;
        let found = conflicts(&d);
        let fits = holds(ratio, x, y, &Interpretation::default());
        prop_assert_eq!(found.is_empty(), fits, "{} vs {} {} {}", x, ratio, y, fits);
    }

    /// Generated relative claims load back from JSON and reconcile without a panic.
    #[test]
    fn generated_relative_claims_round_trip_and_reconcile(
        rel in relative_claim(&[Actor::new("am", "Armenia", ActorKind::State), Actor::new("az", "Azerbaijan", ActorKind::State)]),
        y in 0u64..=1000,
    ) {
        let d = base()
            .statement(Statement::new("s", "az", day())
                .claim(Claim::count("k", "clash", rel.of.measure.clone(), rel.of.whose.clone(), rel.of.category.clone(), y.to_string().parse()?))
                .claim(Claim::new("rel", "clash", ClaimBody::Relative(rel))))
            .build()?;
        prop_assert_eq!(Dossier::from_json(&d.to_json())?, d.clone());
        let rec = Reconciler::new().reconcile(&d);
        prop_assert_eq!(rec.relative().len(), 1);
        prop_assert!(rec.relative()[0].outcome != RelativeOutcome::Unresolved);
    }
}

#[test]
fn adding_a_statement_checks_its_relative_claims_as_full_validation_does() {
    let mut d = base()
        .statement(Statement::new("s-az", "az", day()).claim(killed("az-k", "az", "50")))
        .build()
        .unwrap();
    let bad = Statement::new("s-am", "am", day()).claim(relative(
        "am-rel",
        "am",
        "half",
        dead_of("az").in_event("elsewhere"),
    ));
    let err = d.add_statement(bad).unwrap_err();
    assert_eq!(
        err.errors()[0].path,
        "statements[1].claims[0].relative.of.event"
    );
    assert!(matches!(
        &err.errors()[0].problem,
        Problem::UnknownQuantity { claim, .. } if claim == "am-rel"
    ));
    assert_eq!(d.statements().len(), 1);
    d.add_statement(Statement::new("s-am", "am", day()).claim(relative(
        "am-rel",
        "am",
        "half",
        dead_of("az"),
    )))
    .unwrap();
    let rec = Reconciler::new().reconcile(&d);
    assert!(
        matches!(rec.relative()[0].outcome, RelativeOutcome::Holds { subject, .. } if subject == CountRange::exact(25))
    );
}

#[cfg(feature = "html")]
#[test]
fn the_html_page_lists_relative_figures_with_links_to_their_claims() {
    let d = border(Some("at most 80"));
    let r = Reconciler::new().reconcile(&d);
    let page = contested::html::render(&d, &r);
    assert!(page.contains("<h2>Relative figures</h2>"), "no section");
    assert!(
        page.contains("az-rel: clash/killed/am/military is more than double"),
        "no line"
    );
    // The conflict is among the discrepancies too, like every other kind.
    assert!(page.contains("! relative conflict"), "no finding");
    // No section when the dossier has no relative claim.
    let plain = base()
        .statement(Statement::new("s", "az", day()).claim(killed("k", "az", "50")))
        .build()
        .unwrap();
    let page = contested::html::render(&plain, &Reconciler::new().reconcile(&plain));
    assert!(!page.contains("Relative figures"));
}

// ---------------------------------------------------------------- supersession

fn on(d: u32) -> TimeWindow {
    TimeWindow::day(2022, 9, d).unwrap()
}

/// Azerbaijan says it lost 50, then speaks of Armenia's dead relative to its own on
/// each of `said` (day, ratio, speaker); Armenia admits `armenia`.
fn revised(said: &[(u32, &str, &str)], armenia: &str) -> Dossier {
    let mut b = base()
        .actor(Actor::new("az-mod", "Azerbaijani MoD", ActorKind::Agency).part_of("az"))
        .statement(Statement::new("s-az", "az", on(13)).claim(killed("az-k", "az", "50")))
        .statement(Statement::new("s-am", "am", on(13)).claim(killed("am-k", "am", armenia)));
    for (i, (day, ratio, speaker)) in said.iter().enumerate() {
        b = b.statement(
            Statement::new(format!("s{i}"), *speaker, on(*day)).claim(relative(
                &format!("rel{i}"),
                "am",
                ratio,
                dead_of("az"),
            )),
        );
    }
    b.build().unwrap()
}

#[test]
fn a_voice_s_later_relative_claim_supersedes_its_earlier_one_on_the_same_pair() {
    // "More than double ours" on the 13th, "about the same" on the 15th; Armenia's 49
    // contradicts only the first, which no longer stands.
    let d = revised(
        &[
            (13, "more than double", "az"),
            (15, "about the same as", "az"),
        ],
        "49",
    );
    let rec = Reconciler::new().reconcile(&d);
    assert!(conflicts(&d).is_empty(), "{:?}", conflicts(&d));
    let first = rec
        .relative()
        .iter()
        .find(|c| c.claim.claim.as_str() == "rel0")
        .unwrap();
    assert_eq!(
        first.outcome,
        RelativeOutcome::Superseded { by: "rel1".into() }
    );
    assert!(rec.to_string().contains("rel0: clash/killed/am/military is more than double clash/killed/az/military (50): superseded by rel1"), "{rec}");
    let last = rec
        .relative()
        .iter()
        .find(|c| c.claim.claim.as_str() == "rel1")
        .unwrap();
    assert!(last.outcome.holds());
    // Reversed in time, the impossible claim is the current one and conflicts.
    let d = revised(
        &[
            (15, "more than double", "az"),
            (13, "about the same as", "az"),
        ],
        "49",
    );
    assert_eq!(conflicts(&d).len(), 1);
}

#[test]
fn relative_claims_of_different_voices_or_not_ordered_in_time_all_stand() {
    // Two speakers of one party: each speaks for itself under the default rule.
    let d = revised(
        &[
            (13, "more than double", "az-mod"),
            (15, "about the same as", "az"),
        ],
        "49",
    );
    assert_eq!(conflicts(&d).len(), 1);
    // One voice, the same day twice: neither comes before the other.
    let d = revised(
        &[
            (13, "more than double", "az"),
            (13, "about the same as", "az"),
        ],
        "49",
    );
    assert_eq!(conflicts(&d).len(), 1);
    assert!(
        Reconciler::new()
            .reconcile(&d)
            .relative()
            .iter()
            .all(|c| !matches!(c.outcome, RelativeOutcome::Superseded { .. }))
    );
}

#[test]
fn a_statement_that_revises_another_replaces_its_relative_claims_on_the_same_pair() {
    // Two organs, same day, so neither time nor voice orders them; the second says it
    // revises the first.
    let d = base()
        .actor(Actor::new("az-mod", "Azerbaijani MoD", ActorKind::Agency).part_of("az"))
        .statement(Statement::new("s-az", "az", on(13)).claim(killed("az-k", "az", "50")))
        .statement(Statement::new("s-am", "am", on(13)).claim(killed("am-k", "am", "49")))
        .statement(Statement::new("s0", "az-mod", on(13)).claim(relative(
            "rel0",
            "am",
            "more than double",
            dead_of("az"),
        )))
        .statement(
            Statement::new("s1", "az", on(13))
                .revising("s0")
                .claim(relative("rel1", "am", "about the same as", dead_of("az"))),
        )
        .build()
        .unwrap();
    assert!(conflicts(&d).is_empty(), "{:?}", conflicts(&d));
    let rec = Reconciler::new().reconcile(&d);
    let first = rec
        .relative()
        .iter()
        .find(|c| c.claim.claim.as_str() == "rel0")
        .unwrap();
    assert_eq!(
        first.outcome,
        RelativeOutcome::Superseded { by: "rel1".into() }
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Law: a relative claim said earlier by the same voice about the same two
    /// quantities changes no discrepancy: the later one stands for the voice.
    #[test]
    fn an_earlier_relative_claim_of_the_same_voice_changes_no_discrepancy(
        first in small_ratio(),
        last in small_ratio(),
        armenia in 0u64..200,
    ) {
        let only = revised(&[(15, &last.to_string(), "az")], &armenia.to_string());
        let both = revised(&[(13, &first.to_string(), "az"), (15, &last.to_string(), "az")], &armenia.to_string());
        let rename = |d: Vec<Discrepancy>| d.into_iter().map(|x| x.to_string().replace("rel1", "rel0").replace("statement s1 ", "statement s0 ")).collect::<Vec<_>>();
        prop_assert_eq!(
            rename(Reconciler::new().reconcile(&both).discrepancies().to_vec()),
            rename(Reconciler::new().reconcile(&only).discrepancies().to_vec())
        );
    }
}
