//! Actors and roles (issue 11, item 6): an office with its holder, a facilitator that is
//! not a broker, and announcements of scheduled events.

use contested::reconcile::Reconciler;
use contested::{
    Actor, ActorKind, Category, Claim, Dossier, Event, EventKind, Measure, Mediator, Problem,
    Statement, TimeWindow, Whose,
};

fn at(s: &str) -> TimeWindow {
    TimeWindow::instant(s.parse().unwrap())
}

#[test]
fn an_office_is_shown_with_its_holder_and_answers_to_the_holder() {
    let d = Dossier::builder()
        .actor(Actor::new(
            "un",
            "United Nations",
            ActorKind::Intergovernmental,
        ))
        .actor(
            Actor::new("un-sg", "U.N. Secretary-General", ActorKind::Person)
                .part_of("un")
                .held_by("Antonio Guterres"),
        )
        .build()
        .unwrap();
    let sg = d.resolve("antonio guterres").unwrap();
    assert_eq!(sg.label(), "U.N. Secretary-General (Antonio Guterres)");
    // A holder's name that is another actor's name is ambiguous, reported at `holder`.
    let err = Dossier::builder()
        .actor(Actor::new(
            "guterres",
            "Antonio Guterres",
            ActorKind::Person,
        ))
        .actor(
            Actor::new("un-sg", "U.N. Secretary-General", ActorKind::Person)
                .held_by("Antonio Guterres"),
        )
        .build()
        .unwrap_err();
    assert!(
        err.errors()
            .iter()
            .any(|e| e.path == "actors[1].holder"
                && matches!(e.problem, Problem::AmbiguousName { .. })),
        "{err}"
    );
}

#[test]
fn a_facilitator_is_not_credited_with_brokering() {
    let d = Dossier::builder()
        .actor(Actor::new("icrc", "ICRC", ActorKind::Ngo))
        .event(Event::new(
            "exchange",
            "Exchange of bodies",
            EventKind::Other,
        ))
        .mediator(Mediator::new("icrc").facilitating("exchange"))
        .build()
        .unwrap();
    let r = Reconciler::new().reconcile(&d);
    let m = &r.mediators()[0];
    assert!(m.brokered.is_empty());
    assert_eq!(m.facilitated, ["exchange".into()]);
    assert!(r.to_string().contains("facilitated exchange (no credit)"));
    // An unknown facilitated event is refused with its path.
    let err = Dossier::builder()
        .actor(Actor::new("icrc", "ICRC", ActorKind::Ngo))
        .mediator(Mediator::new("icrc").facilitating("nowhere"))
        .build()
        .unwrap_err();
    assert_eq!(err.errors()[0].path, "mediators[0].facilitated[0]");
}

#[test]
fn an_announcement_may_predate_a_scheduled_event_but_not_a_happened_one() {
    let talks = |e: Event| {
        Dossier::builder()
            .actor(Actor::new("ru", "Russia", ActorKind::State))
            .event(e.with_when(at("2022-09-20T10:00:00+04:00")))
            .statement(
                Statement::new("ru-1", "ru", at("2022-09-13T10:00:00+04:00"))
                    .about("talks")
                    .claim(Claim::count(
                        "ru-1.delegates",
                        "talks",
                        Measure::Deployed,
                        Whose::party("ru"),
                        Category::Any,
                        "12".parse().unwrap(),
                    )),
            )
            .build()
    };
    assert!(talks(Event::new("talks", "Talks", EventKind::Consultation).scheduled()).is_ok());
    let err = talks(Event::new("talks", "Talks", EventKind::Consultation)).unwrap_err();
    assert!(matches!(
        err.errors()[0].problem,
        Problem::BeforeEvent { .. }
    ));
}

#[test]
fn the_text_report_names_an_office_with_its_holder_wherever_it_names_the_speaker() {
    let d = Dossier::builder()
        .actor(Actor::new(
            "un",
            "United Nations",
            ActorKind::Intergovernmental,
        ))
        .actor(
            Actor::new("un-sg", "U.N. Secretary-General", ActorKind::Person)
                .part_of("un")
                .held_by("Antonio Guterres"),
        )
        .actor(Actor::new("am", "Armenia", ActorKind::State))
        .event(Event::new("clash", "Clash", EventKind::Clash).with_side("am"))
        .statement(
            Statement::new("s1", "un-sg", at("2022-09-13T12:00:00Z")).claim(Claim::count(
                "sg-k",
                "clash",
                Measure::Killed,
                Whose::All,
                Category::Any,
                "about 100".parse().unwrap(),
            )),
        )
        .mediator(Mediator::new("un-sg"))
        .build()
        .unwrap();
    let r = Reconciler::new().reconcile(&d);
    let label = "U.N. Secretary-General (Antonio Guterres) [un-sg]";
    assert_eq!(
        r.evidence().office(&"un-sg".into()),
        Some("U.N. Secretary-General (Antonio Guterres)")
    );
    let report = r.to_string();
    // The figure's reading and the mediator both name the office with its holder.
    assert!(
        report.contains(&format!("    {label}: \"about 100\"")),
        "{report}"
    );
    assert!(
        report.contains(&format!("  {label} (even-handed)")),
        "{report}"
    );
    assert!(
        report.contains(&format!("said by sg-k (statement s1 by {label})")),
        "{report}"
    );
    // An actor without a holder is still named by its id alone, and the JSON keeps the
    // label once, in the evidence.
    assert!(!report.contains("United Nations"), "{report}");
    let json: serde_json::Value = serde_json::from_str(&r.to_json()).unwrap();
    assert_eq!(
        json["evidence"]["offices"]["un-sg"],
        "U.N. Secretary-General (Antonio Guterres)"
    );
    // Merging keeps the label.
    assert_eq!(
        r.merge(&Reconciler::new().reconcile(&Dossier::default())),
        r
    );
}

#[test]
fn a_discrepancy_names_an_office_with_its_holder() {
    let d = Dossier::builder()
        .actor(
            Actor::new("un-sg", "U.N. Secretary-General", ActorKind::Person)
                .held_by("Antonio Guterres"),
        )
        .actor(Actor::new("am", "Armenia", ActorKind::State))
        .event(Event::new("clash", "Clash", EventKind::Clash).with_side("am"))
        .statement(
            Statement::new("s1", "un-sg", at("2022-09-13T12:00:00Z")).claim(Claim::count(
                "sg-k",
                "clash",
                Measure::Killed,
                Whose::All,
                Category::Any,
                "about 100".parse().unwrap(),
            )),
        )
        .statement(
            Statement::new("s2", "am", at("2022-09-13T12:00:00Z")).claim(Claim::count(
                "am-k",
                "clash",
                Measure::Killed,
                Whose::All,
                Category::Any,
                "at least 150".parse().unwrap(),
            )),
        )
        .build()
        .unwrap();
    let r = Reconciler::new().reconcile(&d);
    let report = r.to_string();
    let conflict = report
        .lines()
        .find(|l| l.starts_with("  - numeric conflict on clash/killed/all/any"))
        .unwrap_or_else(|| panic!("no numeric conflict in:\n{report}"));
    assert!(
        conflict
            .contains("sg-k (statement s1 by U.N. Secretary-General (Antonio Guterres) [un-sg])"),
        "{conflict}"
    );
    // An actor with no office is named by its id, as `Display` writes it.
    assert!(conflict.contains("am-k (statement s2 by am)"), "{conflict}");
    // `Display` of the discrepancy itself stays id-only (it has no evidence to hand).
    let plain = r.discrepancies()[0].to_string();
    assert!(plain.contains("sg-k (statement s1 by un-sg)"), "{plain}");
}
