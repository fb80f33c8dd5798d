//! Joint statements and coalitions (issue 11, item 4): several speakers for one
//! statement, an event side that is a set of actors, and whose figure a count is.

use contested::reconcile::{QuantityKey, Reconciler, Source};
use contested::{
    Actor, ActorKind, Category, Claim, Dossier, Event, EventKind, Measure, Problem, Statement,
    TimeWindow, Whose,
};

fn at(d: u32) -> TimeWindow {
    TimeWindow::instant(format!("2008-08-{d:02}T12:00:00+04:00").parse().unwrap())
}

fn killed(id: &str, whose: &str, words: &str) -> Claim {
    Claim::count(
        id,
        "war",
        Measure::Killed,
        Whose::party(whose),
        Category::Any,
        words.parse().unwrap(),
    )
}

fn base(war: Event) -> contested::DossierBuilder {
    Dossier::builder()
        .actor(Actor::new("georgia", "Georgia", ActorKind::State))
        .actor(Actor::new("russia", "Russia", ActorKind::State))
        .actor(Actor::new("ru-mfa", "Russian MFA", ActorKind::GovernmentBody).part_of("russia"))
        .actor(Actor::new(
            "south-ossetia",
            "South Ossetia (de facto)",
            ActorKind::DeFactoAuthority,
        ))
        .actor(Actor::new("hrw", "Human Rights Watch", ActorKind::Ngo))
        .actor(Actor::new("france", "France", ActorKind::State))
        .event(war)
}

fn war() -> Event {
    Event::new("war", "War", EventKind::Clash)
        .with_side("georgia")
        .with_side("russia")
}

fn source(d: &Dossier, whose: &str, claim: &str) -> Source {
    let r = Reconciler::new().reconcile(d);
    let key = QuantityKey::new("war", Measure::Killed, Whose::party(whose), Category::Any);
    r.figure(&key)
        .unwrap()
        .readings
        .iter()
        .find(|x| x.cite.claim.as_str() == claim)
        .unwrap()
        .source
}

#[test]
fn a_coalition_partner_counting_a_partner_is_an_ally_and_a_member_is_a_disputant() {
    let d = base(war().with_coalition(["russia", "south-ossetia"]))
        .statement(
            Statement::new("ru", "ru-mfa", at(10))
                .about("war")
                .claim(killed("ru-so", "south-ossetia", "at least 2000"))
                .claim(killed("ru-ge", "georgia", "3000")),
        )
        .statement(
            Statement::new("so", "south-ossetia", at(11))
                .about("war")
                .claim(killed("so-ge", "georgia", "4000"))
                .claim(killed("so-so", "south-ossetia", "1492")),
        )
        .build()
        .unwrap();
    assert_eq!(source(&d, "south-ossetia", "ru-so"), Source::Ally);
    assert_eq!(source(&d, "south-ossetia", "so-so"), Source::SelfReport);
    // South Ossetia is not in `sides`, but as a coalition member it is a disputant.
    assert_eq!(source(&d, "georgia", "so-ge"), Source::Adversary);
    assert_eq!(source(&d, "georgia", "ru-ge"), Source::Adversary);
    // Without the coalition, South Ossetia would be a third party.
    let d = base(war())
        .statement(
            Statement::new("so", "south-ossetia", at(11))
                .about("war")
                .claim(killed("so-ge", "georgia", "4000")),
        )
        .build()
        .unwrap();
    assert_eq!(source(&d, "georgia", "so-ge"), Source::ThirdParty);
}

#[test]
fn a_joint_statement_admits_the_losses_of_every_speaker_s_party() {
    let d = base(war())
        .statement(
            Statement::new("joint", "france", at(12))
                .jointly_with("ru-mfa")
                .about("war")
                .claim(killed("j-ru", "russia", "64")),
        )
        .build()
        .unwrap();
    // Counting Russia's dead, with Russia's ministry among the speakers: a self-report.
    assert_eq!(source(&d, "russia", "j-ru"), Source::SelfReport);
    let r = Reconciler::new().reconcile(&d);
    assert!(r.to_string().contains("france jointly with ru-mfa"), "{r}");
    // JSON round trip.
    let again = Dossier::from_json(&d.to_json()).unwrap();
    assert_eq!(again, d);
    let v: serde_json::Value = serde_json::from_str(&d.to_json()).unwrap();
    assert_eq!(
        v["statements"][0]["co_speakers"],
        serde_json::json!(["ru-mfa"])
    );
}

#[test]
fn joint_speakers_and_coalitions_are_validated_with_their_paths() {
    let err = base(
        war()
            .with_coalition(["russia", "ghost"])
            .with_coalition(["russia"]),
    )
    .statement(
        Statement::new("j", "france", at(12))
            .jointly_with("france")
            .jointly_with("nobody"),
    )
    .statement({
        let mut s = Statement::unattributed("u", at(12));
        s.co_speakers.push("hrw".into());
        s
    })
    .build()
    .unwrap_err();
    let got: Vec<(&str, String)> = err
        .errors()
        .iter()
        .map(|e| (e.path.as_str(), format!("{:?}", e.problem)))
        .collect();
    let has = |path: &str, pred: fn(&Problem) -> bool| {
        err.errors()
            .iter()
            .any(|e| e.path == path && pred(&e.problem))
    };
    assert!(
        has("events[0].coalitions[0][1]", |p| matches!(
            p,
            Problem::UnknownActor { .. }
        )),
        "{got:?}"
    );
    assert!(
        has("events[0].coalitions[1][0]", |p| matches!(
            p,
            Problem::CoalitionOverlap { .. }
        )),
        "{got:?}"
    );
    assert!(
        has("statements[0].co_speakers[0]", |p| matches!(
            p,
            Problem::DuplicateSpeaker { .. }
        )),
        "{got:?}"
    );
    assert!(
        has("statements[0].co_speakers[1]", |p| matches!(
            p,
            Problem::UnknownActor { .. }
        )),
        "{got:?}"
    );
    assert!(
        has("statements[1].co_speakers", |p| matches!(
            p,
            Problem::JointWithoutSpeaker { .. }
        )),
        "{got:?}"
    );
}
