//! Extreme inputs: the largest counts, the deepest nesting, the longest relay chains,
//! the emptiest and the largest dossiers. Each must be handled correctly, quickly and
//! without exhausting the stack.

use std::time::{Duration, Instant};

use contested::{
    Actor, ActorId, ActorKind, Category, Claim, ClaimBody, ClaimId, CountRange, Dossier,
    DossierBuilder, Estimate, EstimateKind, Event, EventId, EventKind, LoadError, Measure,
    ParseEstimateError, Problem, Statement, StatementId, TimeWindow, Whose,
};

const MAX: u64 = u64::MAX;

fn made() -> TimeWindow {
    TimeWindow::instant("2022-09-13T12:00:00+04:00".parse().unwrap())
}

/// Runs `f` on a thread with a small stack, to show it does not recurse with the input.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap()
}

/// A wall-clock bound generous enough for a debug build on a busy shared machine (each
/// case takes well under 3 s of CPU): it catches quadratic blow-ups, not slowdowns.
fn assert_quick(what: &str, took: Duration) {
    assert!(took < Duration::from_secs(60), "{what} took {took:?}");
}

#[test]
fn largest_counts_survive_text_and_json() {
    let max_text = MAX.to_string();
    let phrases = [
        max_text.clone(),
        format!("at least {max_text}"),
        format!("more than {}", MAX - 1),
        format!("at most {max_text}"),
        format!("fewer than {max_text}"),
        format!("up to {max_text}"),
        format!("between 0 and {max_text}"),
        format!("between {max_text} and {max_text}"),
        format!("about {max_text}"),
        format!("nearly {max_text}"),
        "~18,446,744,073,709,551,615".to_owned(),
    ];
    let mut b = Dossier::builder().event(Event::new("e", "E", EventKind::Clash));
    let mut s = Statement::unattributed("s", made()).about("e");
    for (i, p) in phrases.iter().enumerate() {
        let e: Estimate = p.parse().unwrap_or_else(|err| panic!("{p}: {err}"));
        let r = e.default_range();
        assert!(r.lo() <= r.hi().unwrap_or(MAX), "{p}: {r}");
        assert_eq!(e.to_string().parse::<Estimate>().unwrap(), e);
        let json = serde_json::to_string(&e).unwrap();
        assert_eq!(serde_json::from_str::<Estimate>(&json).unwrap(), e);
        s = s.claim(Claim::count(
            ClaimId::new(format!("c{i}")),
            "e",
            Measure::Killed,
            Whose::All,
            Category::Any,
            e,
        ));
    }
    b = b.statement(s);
    let d = b.build().unwrap();
    assert_eq!(Dossier::from_json(&d.to_json()).unwrap(), d);

    // The readings at the top edge saturate rather than wrap.
    let range = |p: &str| p.parse::<Estimate>().unwrap().default_range();
    assert_eq!(
        range(&format!("more than {}", MAX - 1)),
        CountRange::at_least(MAX)
    );
    // No count is more than the largest: the phrase describes none.
    assert!(matches!(
        format!("more than {max_text}").parse::<Estimate>(),
        Err(ParseEstimateError::EmptyRange { .. })
    ));
    assert_eq!(range(&format!("about {max_text}")).hi(), Some(MAX));
    assert_eq!(range(&format!("fewer than {max_text}")).hi(), Some(MAX - 1));
    assert_eq!(
        range(&format!("nearly {max_text}")).hi(),
        Some(MAX - 1),
        "nearly N stays below N"
    );

    // One past the top is refused, with the number named.
    let err = "18446744073709551616".parse::<Estimate>().unwrap_err();
    assert!(
        matches!(err, ParseEstimateError::NumberTooLarge { .. }),
        "{err}"
    );
    assert!(err.to_string().contains("18446744073709551616"));
}

#[test]
fn largest_ranges_survive_text_json_and_arithmetic() {
    for r in [
        CountRange::exact(MAX),
        CountRange::at_least(MAX),
        CountRange::new(0, Some(MAX)).unwrap(),
        CountRange::new(MAX - 1, Some(MAX)).unwrap(),
    ] {
        assert_eq!(r.to_string().parse::<CountRange>().unwrap(), r);
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(serde_json::from_str::<CountRange>(&json).unwrap(), r);
        // Sums saturate or become unbounded; differences never underflow.
        let sum = r.plus(&r);
        assert!(sum.lo() >= r.lo() && sum.contains(sum.lo()));
        let _ = (r.minus(&r), r.width(), r.hull(&CountRange::UNKNOWN));
    }
    assert_eq!(
        CountRange::exact(MAX).plus(&CountRange::exact(MAX)),
        CountRange::at_least(MAX)
    );
    assert_eq!(
        serde_json::from_str::<CountRange>(r#"{"lo":18446744073709551615}"#).unwrap(),
        CountRange::at_least(MAX)
    );
    assert!(serde_json::from_str::<CountRange>(r#"{"lo":18446744073709551616}"#).is_err());
    assert_eq!(
        EstimateKind::Between(MAX, MAX).canonical_words(),
        format!("between {MAX} and {MAX}")
    );
}

fn chain_of_actors(n: usize, children_first: bool) -> Vec<Actor> {
    let mut actors: Vec<Actor> = (0..n)
        .map(|i| {
            let a = Actor::new(
                ActorId::new(format!("a{i}")),
                format!("Actor {i}"),
                ActorKind::GovernmentBody,
            );
            match i.checked_sub(1) {
                Some(p) => a.part_of(ActorId::new(format!("a{p}"))),
                None => a,
            }
        })
        .collect();
    if children_first {
        actors.reverse();
    }
    actors
}

#[test]
fn five_thousand_nested_actors_validate_fast_on_a_small_stack() {
    for children_first in [false, true] {
        let (took, deepest_party, reloaded) = on_small_stack(move || {
            let actors = chain_of_actors(5_000, children_first);
            let start = Instant::now();
            let d = actors
                .into_iter()
                .fold(Dossier::builder(), DossierBuilder::actor)
                .build()
                .unwrap();
            let took = start.elapsed();
            let party = d.party_of(&"a4999".into()).unwrap().id.clone();
            let reloaded = Dossier::from_json(&d.to_json()).unwrap() == d;
            (took, party, reloaded)
        });
        assert_quick("validating a 5,000-actor chain", took);
        assert_eq!(deepest_party.as_str(), "a0");
        assert!(reloaded);
    }
}

#[test]
fn a_five_thousand_actor_cycle_is_reported_once_without_recursion() {
    let errs = on_small_stack(|| {
        let mut actors = chain_of_actors(5_000, false);
        actors[0] = actors[0].clone().part_of("a4999");
        actors
            .into_iter()
            .fold(Dossier::builder(), DossierBuilder::actor)
            .build()
            .unwrap_err()
    });
    assert_eq!(errs.errors().len(), 1);
    match &errs.errors()[0].problem {
        Problem::NestingCycle { cycle } => assert_eq!(cycle.len(), 5_001),
        other => panic!("unexpected {other}"),
    }
}

#[test]
fn five_thousand_nested_events_and_claims_about_the_deepest() {
    let took = on_small_stack(|| {
        let mut b = Dossier::builder();
        for i in 0..5_000usize {
            let e = Event::new(
                EventId::new(format!("e{i}")),
                format!("Event {i}"),
                EventKind::Other,
            );
            b = b.event(match i.checked_sub(1) {
                Some(p) => e.within(EventId::new(format!("e{p}"))),
                None => e,
            });
        }
        // A statement about the outermost event, claiming 1,000 times about the innermost:
        // each claim walks the whole chain.
        let mut s = Statement::unattributed("s", made()).about("e0");
        for j in 0..1_000 {
            s = s.claim(Claim::count(
                ClaimId::new(format!("c{j}")),
                "e4999",
                Measure::Killed,
                Whose::All,
                Category::Any,
                Estimate::exact(j),
            ));
        }
        let start = Instant::now();
        let d = b.statement(s).build().unwrap();
        let took = start.elapsed();
        assert_eq!(d.claims().count(), 1_000);
        took
    });
    assert_quick("5,000 nested events x 1,000 claims", took);
}

fn outlets(n: usize) -> Vec<Actor> {
    (0..n)
        .map(|i| {
            Actor::new(
                ActorId::new(format!("outlet{i}")),
                format!("Outlet {i}"),
                ActorKind::Outlet,
            )
        })
        .collect()
}

#[test]
fn a_relay_chain_of_a_thousand_outlets() {
    let mut b = Dossier::builder().actor(Actor::new("speaker", "Speaker", ActorKind::Person));
    let mut s = Statement::new("s", "speaker", made());
    for a in outlets(1_000) {
        s = s.relayed_by(a.id.clone());
        b = b.actor(a);
    }
    let start = Instant::now();
    let d = b.clone().statement(s.clone()).build().unwrap();
    assert_quick("a 1,000-outlet relay", start.elapsed());
    assert_eq!(d.statements()[0].relay.len(), 1_000);
    assert_eq!(Dossier::from_json(&d.to_json()).unwrap(), d);

    // The same chain looping back to the speaker at the very end is caught, and named.
    let looped = s.relayed_by("speaker");
    let errs = b.statement(looped).build().unwrap_err();
    assert_eq!(errs.errors().len(), 1);
    assert_eq!(errs.errors()[0].path, "statements[0].relay[1000]");
    assert!(
        matches!(&errs.errors()[0].problem, Problem::RelayCycle { actor, .. } if actor == "speaker")
    );
}

#[test]
fn the_empty_dossier() {
    let d = Dossier::builder().build().unwrap();
    assert_eq!(d, Dossier::default());
    assert_eq!(Dossier::from_json("{}").unwrap(), d);
    assert_eq!(Dossier::from_json(&d.to_json()).unwrap(), d);
    assert_eq!(
        Dossier::from_json(r#"{"actors":[],"events":[],"statements":[],"mediators":[]}"#).unwrap(),
        d
    );
    assert_eq!(d.claims().count(), 0);
    assert!(d.party_of(&"nobody".into()).is_none());
    assert!(d.resolve("").is_none());
    assert!(d.claim(&"c".into()).is_none());
    assert!(d.statement(&StatementId::new("s")).is_none());
    // Not a dossier at all: refused with a message, never a panic. A JSON array is not a
    // dossier either, though serde's derive alone would read one positionally.
    for text in [
        "",
        " ",
        "null",
        "0",
        "\"\"",
        "[]",
        "[1]",
        "{\"actors\":null}",
    ] {
        let err = Dossier::from_json(text).unwrap_err();
        assert!(matches!(err, LoadError::Json { .. }), "{text:?}: {err}");
        assert!(!err.to_string().is_empty());
    }
}

#[test]
fn deeply_nested_json_is_refused_not_a_stack_overflow() {
    let result = on_small_stack(|| {
        let depth = 100_000;
        let text = format!("{{\"title\":{}{}}}", "[".repeat(depth), "]".repeat(depth));
        Dossier::from_json(&text)
            .map(|_| ())
            .map_err(|e| e.to_string())
    });
    let err = result.unwrap_err();
    assert!(!err.is_empty());
}

#[test]
fn megabyte_phrases_are_refused_quickly() {
    let start = Instant::now();
    let digits = "9".repeat(1 << 20);
    assert!(matches!(
        digits.parse::<Estimate>(),
        Err(ParseEstimateError::NumberTooLarge { .. })
    ));
    assert!(digits.parse::<CountRange>().is_err());
    let spaces = " ".repeat(1 << 20);
    assert_eq!(spaces.parse::<Estimate>(), Err(ParseEstimateError::Empty));
    let commas = format!("about 1{}", ",000".repeat(1 << 16));
    assert!(commas.parse::<Estimate>().is_err());
    assert_quick("megabyte phrases", start.elapsed());
}

#[test]
fn a_dossier_of_twenty_thousand_statements_builds_and_round_trips() {
    let n = 20_000usize;
    let parties = ["armenia", "azerbaijan"];
    let mut b = Dossier::builder()
        .actor(Actor::new("armenia", "Armenia", ActorKind::State))
        .actor(Actor::new("azerbaijan", "Azerbaijan", ActorKind::State))
        .actor(Actor::new("agencies", "Agencies", ActorKind::Agency))
        .event(
            Event::new("clash", "Border clashes", EventKind::Clash)
                .with_side("armenia")
                .with_side("azerbaijan"),
        );
    for i in 0..n {
        let speaker = parties[i % 2];
        let mut s = Statement::new(StatementId::new(format!("s{i}")), speaker, made())
            .relayed_by("agencies")
            .about("clash")
            .claim(Claim::count(
                ClaimId::new(format!("s{i}.killed")),
                "clash",
                Measure::Killed,
                Whose::party(speaker),
                Category::Military,
                Estimate::about(i as u64),
            ));
        if i > 0 {
            s = s.claim(Claim::new(
                ClaimId::new(format!("s{i}.denial")),
                "clash",
                ClaimBody::Denial {
                    denies: Some(ClaimId::new(format!("s{}.killed", i - 1))),
                    allegation: None,
                    wording: None,
                },
            ));
        }
        b = b.statement(s);
    }
    let start = Instant::now();
    let d = b.build().unwrap();
    assert_quick("building 20,000 statements", start.elapsed());
    assert_eq!(d.claims().count(), 2 * n - 1);

    let start = Instant::now();
    let json = d.to_json();
    let again = Dossier::from_json(&json).unwrap();
    assert_quick("round-tripping 20,000 statements", start.elapsed());
    assert_eq!(again, d);
    assert!(again.claim(&"s19999.denial".into()).is_some());
}
