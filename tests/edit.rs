//! Editing a loaded dossier: `Dossier::add_statement` checks only the new statement, and
//! refuses exactly what a full validation of the dossier with it would refuse, with the
//! same paths. The dossier is unchanged when it refuses.

use contested::{
    Actor, ActorKind, Category, Claim, ClaimBody, Dossier, Estimate, Event, EventKind, Measure,
    Statement, TimeWindow, ValidationErrors, Whose,
};

fn at(s: &str) -> TimeWindow {
    TimeWindow::instant(s.parse().expect("valid time"))
}

fn killed(id: &str, event: &str) -> Claim {
    Claim::count(
        id,
        event,
        Measure::Killed,
        Whose::All,
        Category::Any,
        Estimate::exact(1),
    )
}

fn context() -> Dossier {
    Dossier::builder()
        .actor(Actor::new("armenia", "Armenia", ActorKind::State))
        .actor(Actor::new("azerbaijan", "Azerbaijan", ActorKind::State))
        .event(Event::new("clash", "Border clashes", EventKind::Clash))
        .event(Event::new("other", "Elsewhere", EventKind::Clash))
        .statement(
            Statement::new("s1", "armenia", at("2022-09-13T10:00:00Z"))
                .about("clash")
                .claim(killed("c1", "clash")),
        )
        .build()
        .expect("valid")
}

/// The problems as a sorted list of lines: the order of problems within one phase of
/// validation is not part of the contract.
fn lines(e: &ValidationErrors) -> Vec<String> {
    let mut v: Vec<String> = e.errors().iter().map(ToString::to_string).collect();
    v.sort();
    v
}

#[test]
fn every_statement_of_the_examples_adds_one_by_one_to_the_same_dossier() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data");
    let files = std::fs::read_dir(&root)
        .and_then(|top| Ok(top.chain(std::fs::read_dir(root.join("cases"))?)))
        .expect("examples/data and its cases exist");
    let mut added = 0;
    for entry in files {
        let path = entry.expect("readable").path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let full = Dossier::from_json_file(&path).expect("a valid dossier");
        // Actors and events one by one too, each after what it refers to.
        let mut d = Dossier::default();
        let mut b = Dossier::builder();
        let mut actors: Vec<_> = full.actors().to_vec();
        while !actors.is_empty() {
            let before = actors.len();
            actors.retain(|a| {
                let ready = a.part_of.as_ref().is_none_or(|p| d.actor(p).is_some());
                if ready {
                    d.add_actor(a.clone())
                        .unwrap_or_else(|e| panic!("{}: {}: {e}", path.display(), a.id));
                    b = b.clone().actor(a.clone());
                }
                !ready
            });
            assert!(
                actors.len() < before,
                "{}: actors refer in a cycle",
                path.display()
            );
        }
        let mut events: Vec<_> = full.events().to_vec();
        while !events.is_empty() {
            let before = events.len();
            events.retain(|e| {
                let ready = e.parent.as_ref().is_none_or(|p| d.event(p).is_some())
                    && e.context
                        .iter()
                        .all(|c| d.event(&c.event).is_some() || c.event == e.id);
                if ready {
                    d.add_event(e.clone())
                        .unwrap_or_else(|err| panic!("{}: {}: {err}", path.display(), e.id));
                    b = b.clone().event(e.clone());
                }
                !ready
            });
            assert!(
                events.len() < before,
                "{}: events refer in a cycle",
                path.display()
            );
        }
        assert_eq!(d, b.clone().build().expect("valid"), "{}", path.display());
        for s in full.statements() {
            d.add_statement(s.clone())
                .unwrap_or_else(|e| panic!("{}: {}: {e}", path.display(), s.id));
            b = b.statement(s.clone());
            added += 1;
        }
        assert_eq!(d, b.build().expect("valid"), "{}", path.display());
    }
    assert!(added > 50, "{added}");
}

#[test]
fn a_bad_statement_is_refused_as_full_validation_refuses_it_and_changes_nothing() {
    let bad = [
        // Ids: malformed, taken, a claim id taken elsewhere or twice in the statement.
        Statement::new(" s2", "armenia", at("2022-09-13T11:00:00Z")),
        Statement::new("s1", "armenia", at("2022-09-13T11:00:00Z")),
        Statement::new("s2", "armenia", at("2022-09-13T11:00:00Z")).claim(killed("c1", "clash")),
        Statement::new("s2", "armenia", at("2022-09-13T11:00:00Z"))
            .claim(killed("c2", "clash"))
            .claim(killed("c2", "clash")),
        // References: speaker, relay (and a loop), about, a claim's event, whose.
        Statement::new("s2", "nobody", at("2022-09-13T11:00:00Z")),
        Statement::new("s2", "armenia", at("2022-09-13T11:00:00Z"))
            .relayed_by("azerbaijan")
            .relayed_by("azerbaijan")
            .relayed_by("nowhere"),
        Statement::new("s2", "armenia", at("2022-09-13T11:00:00Z")).about("nope"),
        Statement::new("s2", "armenia", at("2022-09-13T11:00:00Z"))
            .about("clash")
            .claim(killed("c2", "other"))
            .claim(killed("c3", "nope")),
        Statement::new("s2", "armenia", at("2022-09-13T11:00:00Z")).claim(Claim::count(
            "c2",
            "clash",
            Measure::Killed,
            Whose::party("nobody"),
            Category::Any,
            Estimate::exact(1),
        )),
        // Denials: of nothing, of its own claim.
        Statement::new("s2", "armenia", at("2022-09-13T11:00:00Z")).claim(Claim::new(
            "c2",
            "clash",
            ClaimBody::Denial {
                denies: Some("c9".into()),
                allegation: None,
                wording: None,
            },
        )),
        Statement::new("s2", "armenia", at("2022-09-13T11:00:00Z"))
            .claim(killed("c2", "clash"))
            .claim(Claim::new(
                "c3",
                "clash",
                ClaimBody::Denial {
                    denies: Some("c2".into()),
                    allegation: None,
                    wording: None,
                },
            )),
        // Links: unknown, through itself, revising a later statement.
        Statement::new("s2", "armenia", at("2022-09-13T11:00:00Z")).citing("s9"),
        Statement::new("s2", "armenia", at("2022-09-13T11:00:00Z"))
            .citing("s2")
            .revising("s2"),
        Statement::new("s2", "armenia", at("2022-09-12T11:00:00Z")).revising("s1"),
        // A status the words contradict.
        Statement::new("s2", "armenia", at("2022-09-13T11:00:00Z")).claim(Claim::count(
            "c2",
            "clash",
            Measure::Killed,
            Whose::All,
            Category::Any,
            "at least 64 (final)".parse().expect("an estimate"),
        )),
    ];
    let before = context();
    for s in bad {
        let full = before
            .to_builder()
            .statement(s.clone())
            .build()
            .expect_err("full validation refuses it");
        let mut d = before.clone();
        let incremental = d
            .add_statement(s.clone())
            .expect_err("add_statement refuses it");
        assert_eq!(lines(&incremental), lines(&full), "{}", s.id);
        assert_eq!(d, before, "{}: the dossier changed", s.id);
        // And the refused statement left nothing behind: a good one with its ids adds.
        let mut d2 = before.clone();
        let _ = d2.add_statement(s);
        d2.add_statement(
            Statement::new("s2", "armenia", at("2022-09-13T11:00:00Z"))
                .claim(killed("c2", "clash"))
                .claim(killed("c3", "clash")),
        )
        .expect("the ids of a refused statement are free");
    }
}

#[test]
fn an_added_statement_is_found_and_reconciled() {
    let mut d = context();
    d.add_statement(
        Statement::new("s2", "azerbaijan", at("2022-09-13T11:00:00Z"))
            .citing("s1")
            .claim(killed("c2", "clash")),
    )
    .expect("valid");
    assert_eq!(d.statement(&"s2".into()).map(|s| s.claims.len()), Some(1));
    assert!(d.claim(&"c2".into()).is_some());
    let again = Dossier::from_json(&d.to_json()).expect("valid");
    assert_eq!(again, d);
}

#[test]
fn statements_written_as_json_lines_read_back_equal_even_with_newlines_in_strings() {
    use contested::ingest::{JsonLines, OnError, ingest_into, write_statements};
    let mut d = context();
    d.add_statement(
        Statement::new("s2", "azerbaijan", at("2022-09-13T11:00:00Z"))
            .with_quote("line one\nline two\r\n\u{2028}end")
            .claim(killed("c2", "clash")),
    )
    .expect("valid");
    let mut out = Vec::new();
    write_statements(&mut out, d.statements()).expect("a Vec takes it");
    let text = String::from_utf8(out.clone()).expect("UTF-8");
    assert_eq!(text.lines().count(), 2, "{text}");
    let back: Vec<Statement> = JsonLines::new(&out[..])
        .collect::<Result<_, _>>()
        .expect("reads back");
    assert_eq!(back, d.statements());
    // Into an empty context with the same actors and events: the same dossier.
    let empty = Dossier::builder()
        .actor(Actor::new("armenia", "Armenia", ActorKind::State))
        .actor(Actor::new("azerbaijan", "Azerbaijan", ActorKind::State))
        .event(Event::new("clash", "Border clashes", EventKind::Clash))
        .event(Event::new("other", "Elsewhere", EventKind::Clash));
    let (again, skipped) =
        ingest_into(&empty.build().expect("valid"), &out[..], OnError::Stop).expect("ingests");
    assert!(skipped.is_empty());
    assert_eq!(again, d);
}

#[test]
fn a_bad_actor_or_event_is_refused_as_full_validation_refuses_it_and_changes_nothing() {
    use contested::event::ContextRelation;
    let actors = [
        Actor::new(" x", "X", ActorKind::Other),
        Actor::new("armenia", "Armenia again", ActorKind::State),
        Actor::new("am-mod", "Ministry", ActorKind::GovernmentBody).part_of("nowhere"),
        Actor::new("loop", "Loop", ActorKind::Other).part_of("loop"),
        Actor::new("x", "Azerbaijan", ActorKind::Other),
        Actor::new("y", "Y", ActorKind::Other)
            .with_alias("ARMENIA")
            .with_alias("clash"),
        Actor::new("armenia", "Armenia", ActorKind::State).part_of("armenia"),
    ];
    let before = context();
    for a in actors {
        let full = before
            .to_builder()
            .actor(a.clone())
            .build()
            .expect_err("full validation refuses it");
        let mut d = before.clone();
        let incremental = d.add_actor(a.clone()).expect_err("add_actor refuses it");
        assert_eq!(lines(&incremental), lines(&full), "{}", a.id);
        assert_eq!(d, before, "{}: the dossier changed", a.id);
    }
    let events = [
        Event::new(" e", "E", EventKind::Clash),
        Event::new("clash", "Again", EventKind::Clash),
        Event::new("e", "E", EventKind::Clash).within("nowhere"),
        Event::new("e", "E", EventKind::Clash).within("e"),
        Event::new("e", "E", EventKind::Clash)
            .with_side("nobody")
            .with_side("armenia"),
        Event::new("e", "E", EventKind::Clash).with_context("nope", ContextRelation::Background),
    ];
    for e in events {
        let full = before
            .to_builder()
            .event(e.clone())
            .build()
            .expect_err("full validation refuses it");
        let mut d = before.clone();
        let incremental = d.add_event(e.clone()).expect_err("add_event refuses it");
        assert_eq!(lines(&incremental), lines(&full), "{}", e.id);
        assert_eq!(d, before, "{}: the dossier changed", e.id);
    }
    // An added actor and event can be referred to at once.
    let mut d = before.clone();
    d.add_actor(Actor::new("am-mod", "Ministry", ActorKind::GovernmentBody).part_of("armenia"))
        .expect("valid");
    d.add_event(Event::new("shelling", "Shelling", EventKind::ArtilleryFire).within("clash"))
        .expect("valid");
    d.add_statement(
        Statement::new("s2", "am-mod", at("2022-09-13T11:00:00Z"))
            .about("clash")
            .claim(killed("c2", "shelling")),
    )
    .expect("valid");
    assert_eq!(
        d.party_of(&"am-mod".into()).map(|a| a.id.as_str()),
        Some("armenia")
    );
    assert_eq!(Dossier::from_json(&d.to_json()).expect("valid"), d);
}
