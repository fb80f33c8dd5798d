//! Retractions (DESIGN.md, "Who is speaking", rule 8; `Policy::retractions_withdraw`): a
//! voice's denial of its own claim withdraws it; another voice's denial disputes it.

use contested::reconcile::{Discrepancy, Policy, QuantityKey, Reconciler, Status};
use contested::{
    Actor, ActorKind, Category, Claim, ClaimBody, Dossier, Event, EventKind, Measure, Statement,
    TimeWindow, Whose,
};
use proptest::prelude::*;

fn day(d: u32) -> TimeWindow {
    TimeWindow::day(2023, 10, d).unwrap()
}

fn base() -> contested::DossierBuilder {
    Dossier::builder()
        .actor(Actor::new("israel", "Israel", ActorKind::State))
        .actor(Actor::new("adviser", "Adviser", ActorKind::Person).part_of("israel"))
        .actor(Actor::new("idf", "IDF", ActorKind::ArmedForce).part_of("israel"))
        .actor(Actor::new("gaza", "Gaza authorities", ActorKind::State))
        .actor(Actor::new("moh", "Ministry of Health", ActorKind::GovernmentBody).part_of("gaza"))
        .actor(Actor::new("pij", "PIJ", ActorKind::ArmedGroup))
        .event(
            Event::new("blast", "Hospital blast", EventKind::AerialAttack)
                .with_side("israel")
                .with_side("gaza"),
        )
}

fn killed(id: &str, words: &str) -> Claim {
    Claim::count(
        id,
        "blast",
        Measure::Killed,
        Whose::All,
        Category::Any,
        words.parse().unwrap(),
    )
}

fn denial(id: &str, of: &str) -> Claim {
    Claim::new(
        id,
        "blast",
        ClaimBody::Denial {
            denies: Some(of.into()),
            allegation: None,
            wording: Some("I mistakenly shared this information".into()),
        },
    )
}

fn blames(id: &str, who: &str) -> Claim {
    Claim::new(
        id,
        "blast",
        ClaimBody::Responsibility {
            initiator: who.into(),
            against: None,
            description: None,
        },
    )
}

/// A dossier of one-claim statements `(id, speaker, day, claim)`.
fn said(statements: Vec<(&str, &str, u32, Claim)>) -> Dossier {
    statements
        .into_iter()
        .fold(base(), |b, (id, speaker, d, claim)| {
            b.statement(Statement::new(id, speaker, day(d)).claim(claim))
        })
        .build()
        .unwrap()
}

fn key() -> QuantityKey {
    QuantityKey::new("blast", Measure::Killed, Whose::All, Category::Any)
}

/// A count its own voice withdraws stands no more: it is no conflict with the other
/// voice's count, and the figure is the other voice's. Another party's denial of it
/// would only have put it in dispute.
#[test]
fn a_retracted_count_stands_no_more() {
    let d = said(vec![
        ("s1", "adviser", 17, killed("c-adv", "12")),
        ("s2", "moh", 17, killed("c-moh", "471")),
        ("s3", "adviser", 17, denial("c-ret", "c-adv")),
    ]);
    let r = Reconciler::new().reconcile(&d);
    let f = r.figure(&key()).unwrap();
    let adv = f
        .readings
        .iter()
        .find(|x| x.cite.claim.as_str() == "c-adv")
        .unwrap();
    assert_eq!(adv.status, Status::Retracted { by: "c-ret".into() });
    assert!(f.consensus.is_some(), "no conflict with a withdrawn count");
    assert_eq!(f.best, 471);
    assert_eq!(
        r.retraction_of(&"c-adv".into()).map(|c| c.claim.as_str()),
        Some("c-ret")
    );
    assert!(r.to_string().contains("retracted by c-ret"));

    // Switched off, the denial is the voice's own and changes nothing: a conflict.
    let off = Reconciler::new()
        .policy(Policy::default().with_retractions_withdraw(false))
        .reconcile(&d);
    assert!(off.figure(&key()).unwrap().consensus.is_none());
    assert!(off.retracted().is_empty());

    // As of before the retraction was made, the count stood.
    let d2 = said(vec![
        ("s1", "adviser", 17, killed("c-adv", "12")),
        ("s3", "adviser", 19, denial("c-ret", "c-adv")),
    ]);
    let before = Reconciler::new()
        .as_of("2023-10-18T12:00:00+03:00".parse().unwrap())
        .reconcile(&d2);
    assert!(before.figure(&key()).unwrap().readings[0].status.is_live());
}

/// Another organ of the party withdrawing the claim is the party withdrawing it; another
/// party's denial is a dispute, not a withdrawal.
#[test]
fn only_the_claims_own_voice_withdraws_it() {
    let with = |denier: &str| {
        said(vec![
            ("s1", "adviser", 17, killed("c-adv", "12")),
            ("s2", denier, 18, denial("c-den", "c-adv")),
        ])
    };
    let r = Reconciler::new().reconcile(&with("idf"));
    assert!(matches!(
        r.figure(&key()).unwrap().readings[0].status,
        Status::Retracted { .. }
    ));
    let r = Reconciler::new().reconcile(&with("moh"));
    let f = r.figure(&key()).unwrap();
    assert!(f.readings[0].status.is_live());
    assert_eq!(f.denied.len(), 1);
    assert!(r.retracted().is_empty());
}

/// An adviser's blame, withdrawn within minutes, is no longer Israel's account, so it
/// makes no responsibility conflict with the ministry's account.
#[test]
fn a_retracted_account_is_no_position() {
    let d = said(vec![
        ("s1", "adviser", 17, blames("b-adv", "pij")),
        ("s2", "moh", 18, blames("b-moh", "israel")),
        ("s3", "adviser", 17, denial("b-ret", "b-adv")),
    ]);
    let conflicts = |r: &contested::reconcile::Reconciliation| {
        r.discrepancies()
            .iter()
            .filter(|x| matches!(x, Discrepancy::ResponsibilityConflict { .. }))
            .count()
    };
    assert_eq!(conflicts(&Reconciler::new().reconcile(&d)), 0);
    let off = Reconciler::new()
        .policy(Policy::default().with_retractions_withdraw(false))
        .reconcile(&d);
    assert_eq!(conflicts(&off), 1);
}

const SPEAKERS: [&str; 3] = ["adviser", "idf", "moh"];

proptest! {
    /// Law: a count is withdrawn exactly when a denial of it by its own voice (its
    /// speaker, or an organ of its party) was not made before it, and the policy reads
    /// retractions; a withdrawn count is never live and never in a conflict.
    #[test]
    fn a_count_is_withdrawn_exactly_by_its_own_voice(
        speaker in 0usize..3, denier in 0usize..3, said in 10u32..14, denied in 10u32..14,
        on in any::<bool>(), other in prop::option::of(0u64..100),
    ) {
        let mut b = base()
            .statement(Statement::new("s1", SPEAKERS[speaker], day(said)).claim(killed("c", "40")))
            .statement(Statement::new("s2", SPEAKERS[denier], day(denied)).claim(denial("d", "c")));
        if let Some(n) = other {
            b = b.statement(Statement::new("s3", "pij", day(said)).claim(killed("o", &n.to_string())));
        }
        let r = Reconciler::new()
            .policy(Policy::default().with_retractions_withdraw(on))
            .reconcile(&b.build().unwrap());
        let party = |s: usize| if s == 2 { "gaza" } else { "israel" };
        let own = speaker == denier || party(speaker) == party(denier);
        let expected = on && own && denied >= said;
        let f = r.figure(&key()).unwrap();
        let c = f.readings.iter().find(|x| x.cite.claim.as_str() == "c").unwrap();
        prop_assert_eq!(matches!(c.status, Status::Retracted { .. }), expected);
        prop_assert_eq!(r.retraction_of(&"c".into()).is_some(), expected);
        if expected {
            prop_assert!(!c.status.is_live());
            for x in r.discrepancies() {
                prop_assert!(!x.cites().iter().any(|cite| cite.claim.as_str() == "c" ), "{}", x);
            }
        }
    }
}
