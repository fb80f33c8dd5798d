//! Who is speaking: relays counted once, independent corroboration, statements against
//! interest, ties, and accounts by party (DESIGN.md, "Who is speaking").

use contested::reconcile::{
    Corroboration, Discrepancy, Origin, Policy, QuantityKey, Reconciler, Reconciliation, Status,
};
use contested::{
    Actor, ActorKind, Category, Claim, ClaimBody, Dossier, Event, EventKind, Measure, Statement,
    TimeWindow, Whose,
};
use proptest::prelude::*;

fn day(d: u32) -> TimeWindow {
    TimeWindow::new(
        format!("2020-01-{d:02}T00:00:00+03:00").parse().unwrap(),
        format!("2020-01-{d:02}T23:59:59+03:00").parse().unwrap(),
    )
    .unwrap()
}

fn killed(id: &str, whose: Whose, words: &str) -> Claim {
    Claim::count(
        id,
        "strike",
        Measure::Killed,
        whose,
        Category::Military,
        words.parse().unwrap(),
    )
}

fn usa() -> Whose {
    Whose::party("usa")
}

fn key() -> QuantityKey {
    QuantityKey::new("strike", Measure::Killed, usa(), Category::Military)
}

fn base() -> contested::DossierBuilder {
    let outlets = ["reuters", "afp", "mehr", "irib", "ap", "cnn"];
    outlets
        .iter()
        .fold(Dossier::builder(), |b, o| {
            b.actor(Actor::new(*o, *o, ActorKind::Outlet))
        })
        .actor(Actor::new("usa", "United States", ActorKind::State))
        .actor(Actor::new("us-dod", "Pentagon", ActorKind::GovernmentBody).part_of("usa"))
        .actor(Actor::new("us-centcom", "CENTCOM", ActorKind::ArmedForce).part_of("usa"))
        .actor(Actor::new("iran", "Iran", ActorKind::State))
        .actor(Actor::new("irgc", "IRGC", ActorKind::ArmedForce).part_of("iran"))
        .actor(
            Actor::new(
                "ir-fm",
                "Iranian Foreign Ministry",
                ActorKind::GovernmentBody,
            )
            .part_of("iran"),
        )
        .actor(Actor::new("iraq", "Iraq", ActorKind::State))
        .actor(Actor::new("hrw", "Human Rights Watch", ActorKind::Ngo))
        .actor(Actor::new(
            "amnesty",
            "Amnesty International",
            ActorKind::Ngo,
        ))
        .actor(Actor::new("france", "France", ActorKind::State))
        .actor(Actor::new(
            "eu",
            "European Union",
            ActorKind::Intergovernmental,
        ))
        .event(
            Event::new("strike", "Missile strike", EventKind::Clash)
                .with_side("iran")
                .with_side("usa"),
        )
}

fn figure(r: &Reconciliation) -> &contested::reconcile::Figure {
    r.figure(&key()).expect("figure")
}

/// One IRGC statement carried by two chains with different qualifiers is one voice:
/// a reporting variance, never also a numeric conflict; the version nearest the origin
/// stands.
#[test]
fn relays_of_one_statement_count_once() {
    let d = base()
        .statement(
            Statement::new("a3", "irgc", day(8))
                .relayed_by("irib")
                .relayed_by("reuters")
                .claim(killed("a3-k", usa(), "at least 80")),
        )
        .statement(
            Statement::new("a4", "irgc", day(8))
                .relayed_by("irib")
                .relayed_by("mehr")
                .relayed_by("afp")
                .claim(killed("a4-k", usa(), "over 90")),
        )
        .build()
        .unwrap();
    let r = Reconciler::new().reconcile(&d);
    let f = figure(&r);
    let a4 = f
        .readings
        .iter()
        .find(|x| x.cite.claim.as_str() == "a4-k")
        .unwrap();
    assert_eq!(a4.status, Status::Copy { of: "a3-k".into() });
    assert_eq!(f.best_supported.support, 1);
    assert!(
        matches!(&f.corroboration, Corroboration::SingleSource { origin } if *origin == Origin::Party("iran".into()))
    );
    let kinds: Vec<&str> = r.discrepancies().iter().map(|d| d.kind_name()).collect();
    assert_eq!(kinds, ["reporting_variance"]);
    // Read as stated, the copies would be two live counts.
    let as_stated = Reconciler::new()
        .policy(Policy::default().with_relays_count_once(false))
        .reconcile(&d);
    assert_eq!(figure(&as_stated).live().count(), 2);
}

/// Two agencies repeating one ministry's figure are one voice; two independent voices
/// agreeing corroborate it; disagreeing current voices contest it.
#[test]
fn corroboration_counts_independent_voices() {
    let agree = base()
        .statement(Statement::new("dod", "us-dod", day(10)).claim(killed("dod-k", usa(), "0")))
        .statement(
            Statement::new("cnn", "cnn", day(10))
                .citing("dod")
                .claim(killed("cnn-k", usa(), "0")),
        )
        .build()
        .unwrap();
    let r = Reconciler::new().reconcile(&agree);
    assert!(matches!(
        figure(&r).corroboration,
        Corroboration::SingleSource { .. }
    ));
    assert_eq!(figure(&r).best_supported.support, 1);

    let independent = base()
        .statement(Statement::new("dod", "us-dod", day(10)).claim(killed("dod-k", usa(), "0")))
        .statement(Statement::new("iq", "iraq", day(10)).claim(killed("iq-k", usa(), "0")))
        .build()
        .unwrap();
    let r = Reconciler::new().reconcile(&independent);
    assert_eq!(
        figure(&r).corroboration,
        Corroboration::Corroborated { voices: 2 }
    );

    let contested = base()
        .statement(Statement::new("dod", "us-dod", day(10)).claim(killed("dod-k", usa(), "0")))
        .statement(Statement::new("ir", "irgc", day(10)).claim(killed(
            "ir-k",
            usa(),
            "at least 80",
        )))
        .build()
        .unwrap();
    let r = Reconciler::new().reconcile(&contested);
    assert_eq!(
        figure(&r).corroboration,
        Corroboration::Contested { voices: 2 }
    );
}

/// Organs of one party are one voice for support: the Pentagon and CENTCOM agreeing is
/// not corroboration.
#[test]
fn a_partys_organs_are_one_voice() {
    let d = base()
        .statement(Statement::new("dod", "us-dod", day(10)).claim(killed("dod-k", usa(), "0")))
        .statement(Statement::new("cc", "us-centcom", day(10)).claim(killed("cc-k", usa(), "0")))
        .build()
        .unwrap();
    let r = Reconciler::new().reconcile(&d);
    assert!(matches!(
        figure(&r).corroboration,
        Corroboration::SingleSource { .. }
    ));
}

/// A party's admission of its own losses is a floor: an adversary's lower claim never
/// lowers it, and in a conflict it is the conservative figure.
#[test]
fn an_admission_against_interest_is_a_floor() {
    let d = base()
        .statement(Statement::new("dod", "us-dod", day(10)).claim(killed(
            "dod-k",
            usa(),
            "at least 5",
        )))
        .statement(Statement::new("ir", "irgc", day(10)).claim(killed("ir-k", usa(), "2")))
        .statement(Statement::new("iq", "iraq", day(10)).claim(killed("iq-k", usa(), "2")))
        .build()
        .unwrap();
    let r = Reconciler::new().reconcile(&d);
    let f = figure(&r);
    assert_eq!(f.admitted, Some(5));
    assert_eq!(f.conservative(), 5);
    assert_eq!(f.conservative_by[0].claim.as_str(), "dod-k");
    // Without the rule, the lower figures win as the lowest credible count.
    let off = Reconciler::new()
        .policy(Policy::default().with_against_interest(false))
        .reconcile(&d);
    assert_eq!(figure(&off).conservative(), 2);
}

/// A party at odds with itself (two organs, the same day: "up to 10" and "about 1000")
/// admits the higher floor; a tie between its two positions goes to the one that holds
/// the admission, not to the first that holds any of its counts, so the best figure
/// lies in the interval chosen (a generated dossier found the best outside it).
#[test]
fn a_tie_goes_to_the_interval_of_the_admission_itself() {
    let d = base()
        .statement(Statement::new("dod", "us-dod", day(10)).claim(killed(
            "dod-k",
            usa(),
            "up to 10",
        )))
        .statement(Statement::new("cc", "us-centcom", day(10)).claim(killed(
            "cc-k",
            usa(),
            "about 1000",
        )))
        .build()
        .unwrap();
    let r = Reconciler::new().reconcile(&d);
    let f = figure(&r);
    assert_eq!(f.admitted, Some(900));
    let tie = f.tie.as_ref().expect("two positions of one voice tie");
    assert!(tie.rule.contains("admission"), "{}", tie.rule);
    assert_eq!(f.best_supported.range.to_string(), "900..=1100");
    assert!(f.best_supported.range.contains(f.best), "{f}");
}

/// A party's count of its own civilians is its case against the adversary, not an
/// admission: it sets no floor and wins no tie, unless the policy says otherwise. Its
/// count of its own soldiers, beside it, still is one.
#[test]
fn a_count_of_ones_own_civilians_is_no_admission() {
    let civ = |id: &str, words: &str| {
        Claim::count(
            id,
            "strike",
            Measure::Killed,
            usa(),
            Category::Civilian,
            words.parse().unwrap(),
        )
    };
    let d = base()
        .statement(
            Statement::new("dod", "us-dod", day(10))
                .claim(civ("dod-c", "300"))
                .claim(killed("dod-k", usa(), "300")),
        )
        .statement(
            Statement::new("hr", "hrw", day(10))
                .claim(civ("hr-c", "at least 12"))
                .claim(killed("hr-k", usa(), "at least 12")),
        )
        .statement(
            Statement::new("ir", "irgc", day(10))
                .claim(civ("ir-c", "600"))
                .claim(killed("ir-k", usa(), "600")),
        )
        .build()
        .unwrap();
    let civilians = QuantityKey::new("strike", Measure::Killed, usa(), Category::Civilian);
    let r = Reconciler::new().reconcile(&d);
    let f = r.figure(&civilians).expect("civilian figure");
    assert_eq!(f.admitted, None);
    assert_eq!(f.conservative(), 12, "{r}");
    let tie = f.tie.as_ref().expect("a tie between 300 and 600");
    assert!(!tie.rule.contains("admission"), "{}", tie.rule);
    // The same words about its soldiers are an admission.
    let m = figure(&r);
    assert_eq!(m.admitted, Some(300));
    assert_eq!(m.conservative(), 300);
    // With the switch on, the civilian count is read as the soldiers' count is.
    let on = Reconciler::new()
        .policy(Policy::default().with_civilians_against_interest(true))
        .reconcile(&d);
    let f = on.figure(&civilians).expect("civilian figure");
    assert_eq!(f.admitted, Some(300));
    assert_eq!(f.conservative(), 300);
}

/// A count another origin denies by name is disputed: the report names the denial, and
/// the count does not settle other figures through the sums (Iran's "2,000" in all,
/// denied by an NGO, is no part-whole conflict with the sides' own 60 and 40). A denial
/// by the count's own origin puts nothing in dispute.
#[test]
fn a_denied_count_settles_nothing_by_arithmetic() {
    let all = |id: &str, words: &str| killed(id, Whose::All, words);
    let deny = |id: &str, target: &str| {
        Claim::new(
            id,
            "strike",
            ClaimBody::Denial {
                denies: Some(target.into()),
                allegation: None,
                wording: Some("very doubtful".into()),
            },
        )
    };
    let with_denial = |denier: &str, denial: Claim| {
        base()
            .statement(Statement::new("ir", "irgc", day(10)).claim(all("ir-all", "2000")))
            .statement(Statement::new("ir2", "irgc", day(10)).claim(killed(
                "ir-own",
                Whose::party("iran"),
                "40",
            )))
            .statement(Statement::new("dod", "us-dod", day(10)).claim(killed("dod-k", usa(), "60")))
            .statement(Statement::new("deny", denier, day(11)).claim(denial))
            .build()
            .unwrap()
    };
    let dossier = |denier: &str| with_denial(denier, deny("deny-all", "ir-all"));
    let part_whole = |r: &Reconciliation| {
        r.discrepancies()
            .iter()
            .any(|d| matches!(d, Discrepancy::PartWholeConflict { .. }))
    };
    let key = QuantityKey::new("strike", Measure::Killed, Whose::All, Category::Military);
    // Denied by a third party: disputed, and no conflict with the sides' counts.
    let r = Reconciler::new().reconcile(&dossier("hrw"));
    let f = r.figure(&key).expect("the total");
    assert_eq!(f.denied.len(), 1);
    assert_eq!(f.denied[0].0.as_str(), "ir-all");
    assert_eq!(f.denied[0].1.claim.as_str(), "deny-all");
    // Every count of the total is denied: the low is what the sides' counts allow.
    assert!(f.wholly_denied());
    assert_eq!((f.low, f.best, f.high), (100, 2000, Some(2000)));
    assert!(f.conservative_by.is_empty());
    assert!(!part_whole(&r), "{r}");
    assert!(
        r.to_string().contains("ir-all is denied by deny-all"),
        "{r}"
    );
    assert!(r.disputed().iter().any(|(k, e)| *k == key && e.lo() == 0));
    // Denied by its own origin (another IRGC statement): nothing in dispute. It is a
    // retraction (rule 8): the total is withdrawn, so no longer conflicts with its
    // parts; read without retractions, it does, as before.
    let own = Reconciler::new().reconcile(&dossier("irgc"));
    let f = own.figure(&key).expect("the total");
    assert!(f.denied.is_empty());
    assert!(matches!(f.readings[0].status, Status::Retracted { .. }));
    assert!(!part_whole(&own), "{own}");
    let own = Reconciler::new()
        .policy(Policy::default().with_retractions_withdraw(false))
        .reconcile(&dossier("irgc"));
    assert!(own.figure(&key).expect("the total").denied.is_empty());
    assert!(part_whole(&own), "{own}");
    // A denial that describes the allegation ("Iran's casualty claims are false")
    // instead of naming the claim disputes every count it fits, here Iran's total and
    // its own 40, not the Pentagon's 60.
    let described = with_denial(
        "hrw",
        Claim::new(
            "deny-all",
            "strike",
            ClaimBody::Denial {
                denies: None,
                allegation: Some(
                    contested::Allegation::new()
                        .by("irgc")
                        .of_measure(Measure::Killed),
                ),
                wording: None,
            },
        ),
    );
    let r = Reconciler::new().reconcile(&described);
    assert_eq!(r.figure(&key).expect("the total").denied.len(), 1);
    let iran = QuantityKey::new(
        "strike",
        Measure::Killed,
        Whose::party("iran"),
        Category::Military,
    );
    assert_eq!(r.figure(&iran).expect("Iran's own").denied.len(), 1);
    assert!(figure(&r).denied.is_empty());
    assert!(!part_whole(&r), "{r}");
}

/// A tie between equally supported intervals is broken by a named rule, never silently.
#[test]
fn ties_name_their_rule() {
    let d = base()
        .statement(Statement::new("dod", "us-dod", day(10)).claim(killed("dod-k", usa(), "4")))
        .statement(Statement::new("ir", "irgc", day(10)).claim(killed(
            "ir-k",
            usa(),
            "at least 19",
        )))
        .build()
        .unwrap();
    let r = Reconciler::new().reconcile(&d);
    let f = figure(&r);
    let tie = f.tie.as_ref().expect("a tie");
    assert_eq!(tie.candidates.len(), 2);
    assert!(tie.rule.contains("admission"), "{}", tie.rule);
    assert_eq!(f.best_supported.range.to_string(), "4");
    assert!(
        r.to_string()
            .contains("tie between 4, 19..: chose the interval holding the party's own admission")
    );
}

/// Blame of an organ or unit is blame of its party; one statement crediting two
/// mediators is joint credit, not a conflict with itself.
#[test]
fn accounts_are_by_party_and_joint_credit_is_no_conflict() {
    let blame = |id: &str, initiator: &str| {
        Claim::new(
            id,
            "strike",
            ClaimBody::Responsibility {
                initiator: initiator.into(),
                against: None,
                description: None,
            },
        )
    };
    let credit = |id: &str, who: &str| {
        Claim::new(
            id,
            "strike",
            ClaimBody::MediationCredit {
                credited: who.into(),
            },
        )
    };
    let d = base()
        .statement(Statement::new("s1", "us-dod", day(8)).claim(blame("b1", "irgc")))
        .statement(Statement::new("s2", "hrw", day(9)).claim(blame("b2", "iran")))
        .statement(
            Statement::new("s3", "iraq", day(9))
                .claim(credit("c1", "france"))
                .claim(credit("c2", "eu")),
        )
        .build()
        .unwrap();
    let r = Reconciler::new().reconcile(&d);
    assert!(r.discrepancies().is_empty(), "{:?}", r.discrepancies());
}

fn relay_statement(i: usize, chain: &[&str], words: &str) -> Statement {
    chain
        .iter()
        .fold(Statement::new(format!("r{i}"), "irgc", day(8)), |s, o| {
            s.relayed_by(*o)
        })
        .claim(killed(&format!("r{i}-k"), usa(), words))
}

fn summary(r: &Reconciliation) -> (Option<contested::CountRange>, usize, u64, Option<u64>) {
    let f = figure(r);
    (f.bounds, f.best_supported.support, f.low, f.high)
}

const CHAINS: [&[&str]; 4] = [
    &["irib"],
    &["irib", "reuters"],
    &["irib", "mehr", "afp"],
    &["ap"],
];

proptest! {
    /// Adding a relay of an existing statement (same speaker, same time, same figure,
    /// another chain of outlets) never changes a figure's bounds or support.
    #[test]
    fn another_relay_changes_nothing(n in 0u64..200, others in 0usize..3, chain in 0usize..4) {
        let words = n.to_string();
        let mut b = base()
            .statement(Statement::new("dod", "us-dod", day(8)).claim(killed("dod-k", usa(), "at least 1")))
            .statement(relay_statement(0, CHAINS[0], &words));
        for i in 0..others {
            b = b.statement(relay_statement(i + 1, CHAINS[(i + 1) % 4], &words));
        }
        let before = Reconciler::new().reconcile(&b.clone().build().unwrap());
        let after = Reconciler::new()
            .reconcile(&b.statement(relay_statement(9, CHAINS[chain], &words)).build().unwrap());
        prop_assert_eq!(summary(&before), summary(&after));
    }

    /// A statement that cites another adds no independent support, whatever it says.
    #[test]
    fn a_citation_adds_no_support(n in 0u64..200, m in 0u64..200) {
        let b = base()
            .statement(Statement::new("ir", "irgc", day(8)).claim(killed("ir-k", usa(), &n.to_string())))
            .statement(Statement::new("dod", "us-dod", day(8)).claim(killed("dod-k", usa(), "at least 1")));
        let before = Reconciler::new().reconcile(&b.clone().build().unwrap());
        let cited = b
            .statement(Statement::new("cnn", "cnn", day(8)).citing("ir").claim(killed("cnn-k", usa(), &m.to_string())))
            .build()
            .unwrap();
        let after = Reconciler::new().reconcile(&cited);
        let origins = |r: &Reconciliation| figure(r).live().map(|x| x.origin.clone()).collect::<std::collections::BTreeSet<_>>();
        prop_assert_eq!(origins(&before), origins(&after));
        prop_assert_eq!(figure(&after).best_supported.support, figure(&before).best_supported.support);
    }

    /// Which relay statement comes first in the file changes nothing.
    #[test]
    fn permuting_relays_changes_nothing(words in prop::collection::vec(0u64..50, 2..5), rot in 0usize..5) {
        let stmts: Vec<Statement> = words.iter().enumerate()
            .map(|(i, n)| relay_statement(i, CHAINS[i % 4], &n.to_string()))
            .collect();
        let mut rotated = stmts.clone();
        rotated.rotate_left(rot % stmts.len());
        let build = |ss: &[Statement]| ss.iter().cloned().fold(base(), |b, s| b.statement(s)).build().unwrap();
        prop_assert_eq!(Reconciler::new().reconcile(&build(&stmts)), Reconciler::new().reconcile(&build(&rotated)));
    }
}

#[test]
fn variance_is_never_doubled_as_conflict_in_the_cases() {
    for case in [
        "al_asad_2020",
        "al_ahli_2023",
        "mariupol_theatre_2022",
        "georgia_2008",
        "balakot_2019",
    ] {
        let d = Dossier::from_json_file(format!("examples/data/cases/{case}.json")).unwrap();
        let r = Reconciler::new().reconcile(&d);
        for d in r.discrepancies() {
            if let Discrepancy::ReportingVariance { key, versions, .. } = d {
                // Only the version that stands can take part in a numeric conflict.
                let f = r.figure(key).unwrap();
                let live: Vec<_> = versions
                    .iter()
                    .filter(|v| {
                        f.readings
                            .iter()
                            .any(|x| x.cite == v.cite && x.status.is_live())
                    })
                    .collect();
                assert!(
                    live.len() <= 1,
                    "{case}: {key} has {} live versions",
                    live.len()
                );
            }
        }
    }
}

/// Per-voice weights (off by default) decide the best-supported interval between voices
/// that disagree; learned reliabilities convert to them.
#[test]
fn voice_weights_from_reliability_decide_between_voices() {
    use contested::reconcile::VoiceWeights;
    use contested::reliability::{Claims, Method};
    let d = base()
        .statement(Statement::new("a", "hrw", day(10)).claim(killed("a-k", usa(), "3")))
        .statement(Statement::new("b", "amnesty", day(10)).claim(killed("b-k", usa(), "3")))
        .statement(Statement::new("c", "eu", day(10)).claim(killed("c-k", usa(), "9")))
        .build()
        .unwrap();
    let plain = Reconciler::new().reconcile(&d);
    assert_eq!(figure(&plain).best_supported.range.to_string(), "3");
    let weighted = Reconciler::new()
        .voice_weights(
            VoiceWeights::new()
                .with("hrw", 0.2)
                .with("amnesty", 0.2)
                .with("eu", 0.9),
        )
        .reconcile(&d);
    assert_eq!(figure(&weighted).best_supported.range.to_string(), "9");
    assert_eq!(weighted.evidence().voice_weights().get("eu"), 900);
    // From a reliability run: every source gets a weight in [0, 1000].
    let mut claims = Claims::new();
    claims.add("hrw", "x", contested::CountRange::exact(3));
    claims.add("amnesty", "x", contested::CountRange::exact(3));
    claims.add("eu", "x", contested::CountRange::exact(9));
    let outcome = Method::default().run(&claims.build().unwrap());
    let w = VoiceWeights::from(outcome.weights());
    for v in ["hrw", "amnesty", "eu"] {
        assert!(w.get(v) <= 1000);
    }
    let r = Reconciler::new().voice_weights(w).reconcile(&d);
    assert_eq!(figure(&r).best_supported.range.to_string(), "3");
}

/// A first-day "no one was hurt" of a toll that later grows is read as a floor of 0: it
/// rules nothing out, so it neither corroborates the adversary's "tens" nor adds support
/// to any interval; and a party's "none" admits nothing against interest.
#[test]
fn a_count_that_rules_nothing_out_is_no_support_and_no_admission() {
    let d = base()
        .statement(Statement::new("dod", "us-dod", day(8)).claim(killed("dod-k", usa(), "0")))
        .statement(Statement::new("ir", "irgc", day(9)).claim(killed("ir-k", usa(), "tens")))
        .build()
        .unwrap();
    let r = Reconciler::new().reconcile(&d);
    let f = figure(&r);
    let dod = f
        .readings
        .iter()
        .find(|x| x.cite.claim.as_str() == "dod-k")
        .unwrap();
    assert_eq!(dod.bearing, Some(contested::CountRange::UNKNOWN));
    assert_eq!(f.best_supported.support, 1);
    assert_eq!(f.best_supported.range.to_string(), "10..=99");
    assert!(
        matches!(&f.corroboration, Corroboration::SingleSource { origin } if *origin == Origin::Party("iran".into())),
        "{:?}",
        f.corroboration
    );
    assert_eq!(f.admitted, None);
    assert!(!r.to_string().contains("admits at least 0"));
}

/// A party's own "none" against the adversary's figure: a tie, broken as the lowest
/// interval, not as an admission (there is none).
#[test]
fn a_partys_none_breaks_no_tie_as_an_admission() {
    let d = base()
        .statement(Statement::new("dod", "us-dod", day(10)).claim(killed("dod-k", usa(), "0")))
        .statement(Statement::new("ir", "irgc", day(10)).claim(killed(
            "ir-k",
            usa(),
            "at least 80",
        )))
        .build()
        .unwrap();
    let r = Reconciler::new().reconcile(&d);
    let f = figure(&r);
    assert_eq!(f.admitted, None);
    let tie = f.tie.as_ref().expect("a tie");
    assert!(tie.rule.contains("lowest interval"), "{}", tie.rule);
    assert_eq!(f.conservative(), 0);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Law: a voice whose count rules nothing out (a first-day "0" of a toll, later
    /// counted by others) changes neither the best-supported interval, nor its support,
    /// nor the corroboration of the counts that do say something.
    #[test]
    fn a_vacuous_voice_changes_no_support(lo in 0u64..60, width in 0u64..40, other in 0u64..120) {
        let informative = base()
            .statement(Statement::new("ir", "irgc", day(9)).claim(killed("ir-k", usa(), &format!("{lo} to {}", lo + width))))
            .statement(Statement::new("hrw", "hrw", day(9)).claim(killed("hrw-k", usa(), &other.to_string())));
        let without = informative.clone().build().unwrap();
        let with = informative
            .statement(Statement::new("fr", "france", day(8)).claim(killed("fr-k", usa(), "0")))
            .build()
            .unwrap();
        let (a, b) = (Reconciler::new().reconcile(&without), Reconciler::new().reconcile(&with));
        let (fa, fb) = (figure(&a), figure(&b));
        prop_assert_eq!(&fa.best_supported, &fb.best_supported);
        prop_assert_eq!(&fa.corroboration, &fb.corroboration);
    }
}

proptest! {
    /// A floor alone corroborates a figure only when its words reach it: "at least m"
    /// beside another voice's exact n is a second voice for n when m is within the
    /// "about" tolerance below n, and no voice at all for it when m is far below.
    #[test]
    fn a_distant_floor_corroborates_nothing(n in 20u64..5000, m in 0u64..5000) {
        prop_assume!(m <= n && m > 0);
        let d = base()
            .statement(Statement::new("ir", "irgc", day(10)).claim(killed("ir-k", usa(), &n.to_string())))
            .statement(Statement::new("hr", "hrw", day(10)).claim(killed("hr-k", usa(), &format!("at least {m}"))))
            .build()
            .unwrap();
        let r = Reconciler::new().reconcile(&d);
        let f = figure(&r);
        let tolerance = contested::Interpretation::default().tolerance(m);
        let reaches = m.saturating_add(tolerance) >= n;
        match &f.corroboration {
            Corroboration::Corroborated { voices } => prop_assert!(reaches && *voices == 2),
            Corroboration::SingleSource { origin } => {
                prop_assert!(!reaches);
                prop_assert_eq!(origin, &Origin::Party("iran".into()));
            }
            other => prop_assert!(false, "{:?}", other),
        }
        // Either way the figure is the one voice's n: a floor below it moves nothing.
        prop_assert_eq!(f.best, n);
    }
}

/// Reuters and AFP each carrying unnamed "sources" for 50 US dead.
fn two_unnamed_reports(b: contested::DossierBuilder) -> contested::DossierBuilder {
    b.statement(
        Statement::unattributed("u1", day(10))
            .relayed_by("reuters")
            .claim(killed("u1-k", usa(), "50")),
    )
    .statement(
        Statement::unattributed("u2", day(10))
            .relayed_by("afp")
            .claim(killed("u2-k", usa(), "50")),
    )
}

/// Unnamed sources are one voice (Who is speaking, rule 2, `Policy::anonymous_one_voice`):
/// Reuters and AFP each quoting unnamed "sources" for 50 do not outvote Human Rights
/// Watch's 80, nor corroborate each other; counted by outlet, they did both.
#[test]
fn unnamed_sources_are_one_voice() {
    let d = two_unnamed_reports(base())
        .statement(Statement::new("hr", "hrw", day(10)).claim(killed("hr-k", usa(), "80")))
        .build()
        .unwrap();
    let r = Reconciler::new().reconcile(&d);
    let f = figure(&r);
    assert_eq!(f.best_supported.support, 1);
    assert_eq!(f.best, 80, "a tie, which the third party's count decides");
    let by_outlet = Reconciler::new()
        .policy(Policy::default().with_anonymous_one_voice(false))
        .reconcile(&d);
    let f = figure(&by_outlet);
    assert_eq!((f.best_supported.support, f.best), (2, 50));

    // Alone, the two reports are a single source.
    let d = two_unnamed_reports(base()).build().unwrap();
    let r = Reconciler::new().reconcile(&d);
    assert!(matches!(
        figure(&r).corroboration,
        Corroboration::SingleSource { .. }
    ));
}

/// A hedged third-party count supports its interval but decides no tie (Who is speaking,
/// rule 4, `Policy::firm_third_parties`): Iran's 80 against Human Rights Watch's 120
/// "reportedly" is a tie the conservative rule breaks; unhedged, HRW's count breaks it.
#[test]
fn a_hedged_third_party_decides_no_tie() {
    let with = |hedged: bool| {
        let hrw = Statement::new("hr", "hrw", day(10)).claim(killed("hr-k", usa(), "120"));
        let hrw = if hedged {
            hrw.with_hedge(contested::Hedge::Reportedly)
        } else {
            hrw
        };
        base()
            .statement(Statement::new("ir", "irgc", day(10)).claim(killed("ir-k", usa(), "80")))
            .statement(hrw)
            .build()
            .unwrap()
    };
    let r = Reconciler::new().reconcile(&with(true));
    let f = figure(&r);
    assert_eq!(f.best, 80);
    assert_eq!(
        f.tie.as_ref().map(|t| t.rule.as_str()),
        Some("the lowest interval (the conservative choice: the third party's count is hedged)")
    );
    let r = Reconciler::new().reconcile(&with(false));
    assert_eq!(figure(&r).best, 120);
    let r = Reconciler::new()
        .policy(Policy::default().with_firm_third_parties(false))
        .reconcile(&with(true));
    assert_eq!(figure(&r).best, 120);
}

/// A voice holds what it said, not what lies between (Who is speaking, rule 2,
/// `Policy::positions_as_said`): the IRGC's 50 and the foreign ministry's 200 US dead
/// are two Iranian positions at once (two organs, a count of the adversary's dead: no
/// supersession), and neither is Iran's word for France's "reportedly" 120. Held as
/// the hull `50..=200`, Iran "supported" 120, and 120 won with two voices.
#[test]
fn a_voice_holds_each_of_its_disagreeing_counts() {
    let d = base()
        .statement(Statement::new("ir1", "irgc", day(10)).claim(killed("ir1-k", usa(), "50")))
        .statement(Statement::new("ir2", "ir-fm", day(10)).claim(killed("ir2-k", usa(), "200")))
        .statement(
            Statement::new("fr", "france", day(10))
                .claim(killed("fr-k", usa(), "120"))
                .with_hedge(contested::Hedge::Reportedly),
        )
        .build()
        .unwrap();
    let r = Reconciler::new().reconcile(&d);
    let f = figure(&r);
    assert_eq!(f.best_supported.support, 1);
    let tie = f.tie.as_ref().expect("a three-way tie");
    assert_eq!(tie.candidates.len(), 3);
    assert_eq!(f.best, 50, "the conservative choice: France hedged");
    assert!(matches!(
        f.corroboration,
        Corroboration::Contested { voices: 2 }
    ));

    let hull = Reconciler::new()
        .policy(Policy::default().with_positions_as_said(false))
        .reconcile(&d);
    let f = figure(&hull);
    assert_eq!((f.best_supported.support, f.best), (2, 120));
}

/// Words for a count, from a seed: exact, "about", a range, or a floor.
fn words(kind: u8, n: u64, width: u64) -> String {
    match kind % 4 {
        0 => n.to_string(),
        1 => format!("about {}", n.max(10)),
        2 => format!("{n} to {}", n + width),
        _ => format!("at least {n}"),
    }
}

const SPEAKERS: [&str; 5] = ["irgc", "ir-fm", "hrw", "france", "us-dod"];

/// One to six `(speaker, kind, n, width)` for [`of_counts`].
fn some_counts() -> impl Strategy<Value = Vec<(usize, u8, u64, u64)>> {
    proptest::collection::vec((0usize..5, any::<u8>(), 0u64..300, 0u64..100), 1..7)
}

/// Each origin's current counts' intersection (`None`: they have no value in common).
fn meets(
    f: &contested::reconcile::Figure,
) -> std::collections::BTreeMap<&Origin, Option<contested::CountRange>> {
    let mut meet: std::collections::BTreeMap<&Origin, Option<contested::CountRange>> =
        Default::default();
    for x in f.live() {
        let Some(b) = x.bearing else { continue };
        let e = meet.entry(&x.origin).or_insert(Some(b));
        *e = e.and_then(|m| m.intersect(&b));
    }
    meet
}

/// One statement per `(speaker, kind, n, width)`, all of one day, each a count of US dead.
fn of_counts(counts: &[(usize, u8, u64, u64)]) -> Dossier {
    counts
        .iter()
        .enumerate()
        .fold(base(), |b, (i, &(sp, kind, n, w))| {
            b.statement(
                Statement::new(format!("s{i}"), SPEAKERS[sp], day(10)).claim(killed(
                    &format!("c{i}"),
                    usa(),
                    &words(kind, n, w),
                )),
            )
        })
        .build()
        .unwrap()
}

proptest! {
    /// Law: every voice counted in the best-supported interval said something that holds
    /// it: the support is at most the number of origins with a current count containing
    /// the interval.
    #[test]
    fn a_voice_supports_only_what_one_of_its_counts_holds(
        counts in some_counts()
    ) {
        let r = Reconciler::new().reconcile(&of_counts(&counts));
        let f = figure(&r);
        let run = f.best_supported.range;
        let mut holding: Vec<&Origin> = f
            .live()
            .filter(|x| x.bearing.is_some_and(|b| b.contains_range(&run)))
            .map(|x| &x.origin)
            .collect();
        holding.sort();
        holding.dedup();
        prop_assert!(f.best_supported.support <= holding.len(),
            "support {} for {} but only {:?} hold it", f.best_supported.support, run, holding);
    }

    /// Law: the rule acts only on a voice at odds with itself. When each origin's
    /// current counts have a value in common, holding positions as said changes nothing.
    #[test]
    fn positions_as_said_change_nothing_for_a_consistent_voice(
        counts in some_counts()
    ) {
        let d = of_counts(&counts);
        let on = Reconciler::new().reconcile(&d);
        let off = Reconciler::new().policy(Policy::default().with_positions_as_said(false)).reconcile(&d);
        let f = figure(&on);
        let by_origin = meets(f);
        let consistent = by_origin.values().all(Option::is_some);
        if consistent {
            prop_assert_eq!(f, figure(&off));
        } else {
            // And it never lets a voice count twice.
            prop_assert!(f.best_supported.support <= by_origin.len());
        }
    }
}

/// An admission is the low end, not the best estimate (Who is speaking, rule 4,
/// `Policy::admissions_are_floors`): the Pentagon admits 4 dead, Human Rights Watch
/// counts 6, Iran claims 200. The three tie; the low is the admission, the best the
/// independent count above it. Read the other way the admission decides the tie.
#[test]
fn an_admission_is_the_low_end_not_the_best() {
    let d = base()
        .statement(Statement::new("ir", "irgc", day(10)).claim(killed("ir-k", usa(), "200")))
        .statement(Statement::new("dod", "us-dod", day(10)).claim(killed("dod-k", usa(), "4")))
        .statement(Statement::new("hr", "hrw", day(10)).claim(killed("hr-k", usa(), "6")))
        .build()
        .unwrap();
    let r = Reconciler::new().reconcile(&d);
    let f = figure(&r);
    assert_eq!((f.low, f.best, f.high), (4, 6, Some(200)));
    assert_eq!(f.admitted, Some(4));
    let off = Reconciler::new()
        .policy(Policy::default().with_admissions_are_floors(false))
        .reconcile(&d);
    assert_eq!(figure(&off).best, 4);
    // A third party below the admission decides nothing: the admission's interval stands.
    let d = base()
        .statement(Statement::new("ir", "irgc", day(10)).claim(killed("ir-k", usa(), "200")))
        .statement(Statement::new("dod", "us-dod", day(10)).claim(killed("dod-k", usa(), "4")))
        .statement(Statement::new("hr", "hrw", day(10)).claim(killed("hr-k", usa(), "2")))
        .build()
        .unwrap();
    assert_eq!(figure(&Reconciler::new().reconcile(&d)).best, 4);
}

proptest! {
    /// Law: neither the low nor the best figure is ever below what the party admits,
    /// whichever interval a tie went to.
    #[test]
    fn the_best_is_never_below_the_admission(
        counts in some_counts()
    ) {
        let r = Reconciler::new().reconcile(&of_counts(&counts));
        let f = figure(&r);
        if let Some(a) = f.admitted {
            prop_assert!(f.best >= a, "{}", f);
            prop_assert!(f.low >= a, "{}", f);
        }
    }
}

proptest! {
    /// Law: a split voice is reported exactly for the origins whose current counts have
    /// no value in common; its positions are disjoint, lowest first, and each is held
    /// by current counts of that origin that contain it.
    #[test]
    fn a_split_voice_is_reported_exactly_when_a_voice_is_at_odds_with_itself(
        counts in some_counts()
    ) {
        let r = Reconciler::new().reconcile(&of_counts(&counts));
        let f = figure(&r);
        let meet = meets(f);
        let at_odds: Vec<&Origin> = meet.iter().filter(|(_, m)| m.is_none()).map(|(o, _)| *o).collect();
        let split: Vec<&Origin> = r.discrepancies().iter().filter_map(|d| match d {
            Discrepancy::SplitVoice { origin, positions, .. } => {
                assert!(positions.len() > 1);
                assert!(positions.windows(2).all(|w| w[0].range.hi().is_some_and(|h| h < w[1].range.lo())));
                for p in positions {
                    assert!(!p.claims.is_empty());
                    for c in &p.claims {
                        let x = f.live().find(|x| x.cite == *c).expect("a current count");
                        assert_eq!(&x.origin, origin);
                        assert!(x.bearing.is_some_and(|b| b.contains_range(&p.range)));
                    }
                }
                Some(origin)
            }
            _ => None,
        }).collect();
        prop_assert_eq!(split, at_odds);
    }
}
