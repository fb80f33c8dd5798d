//! Every validation problem and every load error, each with the path it must name.

use contested::{
    Actor, ActorKind, Appeal, Category, Claim, ClaimBody, Dossier, DossierBuilder, Event,
    EventKind, IdKind, LoadError, Measure, Mediator, Problem, Statement, TimeWindow, Urge,
    ValidationErrors, Vocabulary, Whose,
};

fn at(s: &str) -> TimeWindow {
    TimeWindow::instant(s.parse().expect("valid time"))
}

fn base() -> DossierBuilder {
    Dossier::builder()
        .actor(Actor::new("armenia", "Armenia", ActorKind::State))
        .actor(Actor::new("azerbaijan", "Azerbaijan", ActorKind::State))
        .event(Event::new("clash", "Border clashes", EventKind::Clash))
}

fn errors(b: DossierBuilder) -> ValidationErrors {
    b.build().expect_err("the dossier must be refused")
}

fn only(b: DossierBuilder) -> (String, Problem) {
    let errs = errors(b);
    assert_eq!(errs.errors().len(), 1, "{errs}");
    let e = &errs.errors()[0];
    (e.path.clone(), e.problem.clone())
}

fn killed(id: &str, event: &str) -> Claim {
    Claim::count(
        id,
        event,
        Measure::Killed,
        Whose::All,
        Category::Any,
        contested::Estimate::exact(1),
    )
}

#[test]
fn malformed_ids() {
    let (path, p) = only(base().actor(Actor::new(" padded", "X", ActorKind::Other)));
    assert_eq!(path, "actors[2].id");
    assert!(matches!(
        p,
        Problem::MalformedId {
            kind: IdKind::Actor,
            ..
        }
    ));
    let (path, _) =
        only(base().statement(Statement::new("", "armenia", at("2022-09-13T10:00:00Z"))));
    assert_eq!(path, "statements[0].id");
}

#[test]
fn duplicate_ids_name_the_first() {
    let (path, p) = only(base().event(Event::new("clash", "Again", EventKind::Clash)));
    assert_eq!(path, "events[1].id");
    assert_eq!(
        p,
        Problem::DuplicateId {
            kind: IdKind::Event,
            id: "clash".into(),
            first: "events[0].id".into()
        }
    );
    // Claim ids are unique across statements.
    let (path, p) = only(
        base()
            .statement(
                Statement::new("s1", "armenia", at("2022-09-13T10:00:00Z"))
                    .claim(killed("c", "clash")),
            )
            .statement(
                Statement::new("s2", "armenia", at("2022-09-13T11:00:00Z"))
                    .claim(killed("c", "clash")),
            ),
    );
    assert_eq!(path, "statements[1].claims[0].id");
    assert!(matches!(
        p,
        Problem::DuplicateId {
            kind: IdKind::Claim,
            ..
        }
    ));
    let (path, p) = only(
        base()
            .mediator(Mediator::new("armenia"))
            .mediator(Mediator::new("armenia")),
    );
    assert_eq!(path, "mediators[1].actor");
    assert!(matches!(
        p,
        Problem::DuplicateId {
            kind: IdKind::Mediator,
            ..
        }
    ));
}

#[test]
fn dangling_references_of_every_kind() {
    let errs = errors(
        base()
            .event(
                Event::new("e2", "E2", EventKind::Clash)
                    .with_side("nobody")
                    .within("nowhere")
                    .with_context("missing", contested::ContextRelation::Background),
            )
            .statement(
                Statement::new("s", "ghost", at("2022-09-13T10:00:00Z"))
                    .relayed_by("phantom-outlet")
                    .about("clash")
                    .claim(killed("c1", "unknown-event"))
                    .claim(Claim::new(
                        "c2",
                        "clash",
                        ClaimBody::Denial {
                            denies: Some("no-such-claim".into()),
                            allegation: None,
                            wording: None,
                        },
                    )),
            )
            .mediator(Mediator::new("ru").with_appeal(Appeal::new(
                "no-statement",
                ["x"],
                [Urge::Calm],
            ))),
    );
    let got: Vec<(&str, String)> = errs
        .errors()
        .iter()
        .map(|e| (e.path.as_str(), e.problem.to_string()))
        .collect();
    let want = [
        ("events[1].sides[0]", "unknown actor `nobody`"),
        ("events[1].context[0].event", "unknown event `missing`"),
        ("events[1].parent", "unknown event `nowhere`"),
        ("statements[0].speaker", "unknown actor `ghost`"),
        ("statements[0].relay[0]", "unknown actor `phantom-outlet`"),
        (
            "statements[0].claims[0].event",
            "unknown event `unknown-event`",
        ),
        (
            "statements[0].claims[1].denial.denies",
            "unknown claim `no-such-claim`",
        ),
        ("mediators[0].actor", "unknown actor `ru`"),
        (
            "mediators[0].appeals[0].statement",
            "unknown statement `no-statement`",
        ),
        ("mediators[0].appeals[0].addressees[0]", "unknown actor `x`"),
    ];
    for (path, msg) in want {
        assert!(
            got.iter().any(|(p, m)| *p == path && m == msg),
            "missing {path}: {msg} in\n{errs}"
        );
    }
    assert_eq!(got.len(), want.len(), "{errs}");
}

#[test]
fn nesting_cycle() {
    let (path, p) = only(
        Dossier::builder()
            .actor(Actor::new("a", "A", ActorKind::Other).part_of("b"))
            .actor(Actor::new("b", "B", ActorKind::Other).part_of("c"))
            .actor(Actor::new("c", "C", ActorKind::Other).part_of("a")),
    );
    assert_eq!(path, "actors[0].part_of");
    assert_eq!(
        p,
        Problem::NestingCycle {
            cycle: vec!["a".into(), "b".into(), "c".into(), "a".into()]
        }
    );
    let (_, p) =
        only(Dossier::builder().actor(Actor::new("a", "A", ActorKind::Other).part_of("a")));
    assert!(matches!(p, Problem::NestingCycle { .. }));
}

#[test]
fn parent_cycle() {
    let (path, p) = only(
        Dossier::builder()
            .event(Event::new("x", "X", EventKind::Clash).within("y"))
            .event(Event::new("y", "Y", EventKind::Clash).within("x")),
    );
    assert_eq!(path, "events[0].parent");
    assert!(matches!(p, Problem::ParentCycle { .. }));
}

#[test]
fn relay_cycles() {
    let (path, p) = only(
        base()
            .actor(Actor::new("ag", "Agencies", ActorKind::Agency))
            .statement(
                Statement::new("s", "armenia", at("2022-09-13T10:00:00Z"))
                    .relayed_by("ag")
                    .relayed_by("ag"),
            ),
    );
    assert_eq!(path, "statements[0].relay[1]");
    assert!(matches!(p, Problem::RelayCycle { .. }));
    let (path, _) = only(base().statement(
        Statement::new("s", "armenia", at("2022-09-13T10:00:00Z")).relayed_by("armenia"),
    ));
    assert_eq!(path, "statements[0].relay[0]");
}

#[test]
fn missing_speaker() {
    let s = Statement::unattributed("s", at("2022-09-13T10:00:00Z"))
        .with_form(contested::Form::DirectQuote);
    let (path, p) = only(base().statement(s));
    assert_eq!(path, "statements[0].speaker");
    assert!(matches!(p, Problem::MissingSpeaker { .. }));
}

#[test]
fn claim_about_an_event_the_statement_cannot_be_about() {
    let b = base()
        .event(Event::new("war", "War", EventKind::War))
        .event(Event::new("artillery", "Artillery", EventKind::ArtilleryFire).within("clash"));
    // A component of an event spoken of is fine.
    assert!(
        b.clone()
            .statement(
                Statement::new("s", "armenia", at("2022-09-13T10:00:00Z"))
                    .about("clash")
                    .claim(killed("c", "artillery"))
            )
            .build()
            .is_ok()
    );
    let (path, p) = only(
        b.statement(
            Statement::new("s", "armenia", at("2022-09-13T10:00:00Z"))
                .about("clash")
                .claim(killed("c", "war")),
        ),
    );
    assert_eq!(path, "statements[0].claims[0].event");
    assert!(matches!(p, Problem::NotAbout { .. }));
}

#[test]
fn statement_before_the_event() {
    let later =
        Event::new("later", "Later clash", EventKind::Clash).with_when(at("2022-10-01T00:00:00Z"));
    let (path, p) = only(base().event(later.clone()).statement(
        Statement::new("s", "armenia", at("2022-09-13T10:00:00Z")).claim(killed("c", "later")),
    ));
    assert_eq!(path, "statements[0].claims[0].event");
    assert!(matches!(p, Problem::BeforeEvent { .. }));
    // Unless the event is scheduled.
    assert!(
        base()
            .event(later.scheduled())
            .statement(
                Statement::new("s", "armenia", at("2022-09-13T10:00:00Z"))
                    .claim(killed("c", "later"))
            )
            .build()
            .is_ok()
    );
}

#[test]
fn self_denial() {
    let s = Statement::new("s", "armenia", at("2022-09-13T10:00:00Z"))
        .claim(killed("c1", "clash"))
        .claim(Claim::new(
            "c2",
            "clash",
            ClaimBody::Denial {
                denies: Some("c1".into()),
                allegation: None,
                wording: None,
            },
        ));
    let (path, p) = only(base().statement(s));
    assert_eq!(path, "statements[0].claims[1].denial.denies");
    assert!(matches!(p, Problem::SelfDenial { .. }));
}

#[test]
fn ambiguous_alias() {
    let (path, p) = only(
        base().actor(Actor::new("moscow-city", "City", ActorKind::Other).with_alias("Armenia")),
    );
    assert_eq!(path, "actors[2].aliases[0]");
    assert!(matches!(p, Problem::AmbiguousName { .. }));
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let errs = errors(
        Dossier::builder()
            .actor(Actor::new("", "Empty", ActorKind::Other))
            .event(Event::new("e", "E", EventKind::Clash).with_side("x"))
            .event(Event::new("e", "E again", EventKind::Clash)),
    );
    assert_eq!(errs.errors().len(), 3, "{errs}");
}

fn load_err(json: &str) -> (String, String) {
    match Dossier::from_json(json) {
        Err(LoadError::Json { path, message, .. }) => (path, message),
        other => panic!("expected a JSON error, got {other:?}"),
    }
}

#[test]
fn json_errors_carry_the_path_of_the_bad_field() {
    let (path, msg) = load_err(
        r#"{"events": [{"id": "e", "name": "E", "kind": "clash",
            "when": {"earliest": "2022-09-13T02:00:00+04:00", "latest": "2022-09-13T01:00:00+04:00"}}]}"#,
    );
    assert_eq!(path, "events[0].when");
    assert!(msg.contains("inverted time window"), "{msg}");

    let (path, msg) = load_err(
        r#"{"statements": [{"id": "s", "made": {"earliest": "2022-09-13T00:00:00Z", "latest": "2022-09-13T00:00:00Z"},
            "form": "paraphrase", "claims": [{"id": "c", "event": "e",
            "count": {"measure": "killed", "whose": "all", "category": "any", "estimate": "between 9 and 3"}}]}]}"#,
    );
    assert_eq!(path, "statements[0].claims[0].count.estimate");
    assert!(msg.contains("between 9 and 3"), "{msg}");

    let (path, msg) = load_err(
        r#"{"statements": [{"id": "s", "made": {"earliest": "2022-09-13T00:00:00Z", "latest": "2022-09-13T00:00:00Z"},
            "form": "paraphrase", "claims": [{"id": "c", "event": "e",
            "count": {"measure": "killed", "whose": "all", "category": "any", "estimate": 50}}]}]}"#,
    );
    assert_eq!(path, "statements[0].claims[0].count.estimate");
    assert!(msg.contains("expected a quantity phrase"), "{msg}");

    let (path, _) = load_err(r#"{"actors": [{"id": "a", "name": "A", "kind": "planet"}]}"#);
    assert_eq!(path, "actors[0].kind");
    let (path, _) = load_err(r#"{"actors": [], "colour": "red"}"#);
    assert_eq!(path, "colour");
    let (path, _) = load_err(r#"{"actors": [{"id": "a", "name": "A", "kind": "state"}]} trailing"#);
    assert_eq!(path, ".");
    let (_, msg) = load_err("not json");
    assert!(!msg.is_empty());
    let (path, _) = load_err(
        r#"{"statements": [{"id": "s", "made": {"earliest": "2022-09-13T00:00:00Z", "latest": "2022-09-13T00:00:00Z"},
            "form": "paraphrase", "claims": [{"id": "c", "event": "e", "count": {"measure": "killed", "whose": "all", "category": "any",
            "estimate": "1"}, "timing": {}}]}]}"#,
    );
    assert_eq!(path, "statements[0].claims[0]");
}

#[test]
fn json_validation_problems_are_listed_with_paths() {
    let err = Dossier::from_json(
        r#"{"actors": [{"id": "a", "name": "A", "kind": "state", "part_of": "zz"}]}"#,
    )
    .expect_err("dangling");
    assert_eq!(
        err.to_string(),
        "1 problem in dossier:\n  actors[0].part_of: unknown actor `zz`"
    );
}

#[test]
fn io_errors_name_the_file() {
    let err = Dossier::from_json_file("/definitely/not/here.json").expect_err("missing file");
    assert!(
        err.to_string().contains("/definitely/not/here.json"),
        "{err}"
    );
}

#[test]
fn error_kinds_are_values_to_match_on() {
    // Which vocabulary a bad name is in, and which kind of id is malformed, are enums
    // (they were `&'static str`), and they still read as before.
    let err = "slain!".parse::<Measure>().unwrap_err();
    assert_eq!(err.what, Vocabulary::Measure);
    assert_eq!(err.to_string(), "unknown Measure \"slain!\"");
    assert_eq!(
        "".parse::<Category>().unwrap_err().what,
        Vocabulary::Category
    );
    assert_eq!(
        "planet".parse::<ActorKind>().unwrap_err().what,
        Vocabulary::ActorKind
    );
    let (_, p) = only(base().actor(Actor::new(" padded", "X", ActorKind::Other)));
    assert_eq!(
        p.to_string(),
        "malformed actor id \" padded\": ids are non-empty with no surrounding whitespace"
    );
    assert_eq!(IdKind::Mediator.to_string(), "mediator");
}
