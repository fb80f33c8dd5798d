//! The seed report: Armenia–Azerbaijan border fighting, Tuesday 2022-09-13.
//!
//! Encodes every fact of the news report (`shared/seed/report-2022-09-13.txt`, "– Agencies")
//! as a [`Dossier`] with the public builder API, then prints it readably: who said what
//! about which event, grouped by party, with relay chains, form, hedges and each claim;
//! then the mediators and the background events.
//!
//! ```text
//! cargo run --example armenia_azerbaijan_2022            # readable report
//! cargo run --example armenia_azerbaijan_2022 -- --json  # the dossier as JSON
//! ```
//!
//! The JSON output is committed as `examples/data/armenia_azerbaijan_2022-09-13.json`;
//! `tests/seed.rs` checks that it equals this encoding.
//!
//! Both countries keep UTC+4, so every time is written with `+04:00`. A statement made
//! "on Tuesday" gets the day window 2022-09-13T00:00:00+04:00 ..= 23:59:59+04:00.
//!
//! Copying this file into another crate needs `contested`, `chrono`, `serde` and
//! `serde_json` as dependencies.

use std::collections::HashMap;
use std::process::ExitCode;

use chrono::{DateTime, FixedOffset};
use contested::reconcile::Reconciler;
use contested::{
    Actor, ActorId, ActorKind, Appeal, Boundary, Category, Claim, ClaimBody, ContextRelation,
    Deployment, Dossier, Event, EventId, EventKind, Form, Hedge, Measure, Mediator, Precision,
    Statement, Tie, TieKind, TimeWindow, Urge, Whose,
};

/// The path of the committed JSON encoding, relative to the crate root.
pub const DATA_FILE: &str = "examples/data/armenia_azerbaijan_2022-09-13.json";

/// An RFC 3339 timestamp.
fn at(rfc3339: &str) -> Result<DateTime<FixedOffset>, contested::Error> {
    Ok(DateTime::parse_from_rfc3339(rfc3339)?)
}

/// The window `from ..= to`, with its precision and the report's words.
fn window(
    from: &str,
    to: &str,
    precision: Precision,
    phrase: &str,
) -> Result<TimeWindow, contested::Error> {
    Ok(TimeWindow::new(at(from)?, at(to)?)?
        .with_precision(precision)
        .with_phrase(phrase))
}

/// A whole calendar day in UTC+4 (`date` is `YYYY-MM-DD`).
fn day(date: &str, phrase: &str) -> Result<TimeWindow, contested::Error> {
    window(
        &format!("{date}T00:00:00+04:00"),
        &format!("{date}T23:59:59+04:00"),
        Precision::Day,
        phrase,
    )
}

/// A whole calendar year in UTC+4.
fn year(y: u32, phrase: &str) -> Result<TimeWindow, contested::Error> {
    window(
        &format!("{y}-01-01T00:00:00+04:00"),
        &format!("{y}-12-31T23:59:59+04:00"),
        Precision::Year,
        phrase,
    )
}

/// An action claim: `actor` did `action` (to `target`), in the report's words.
fn action(
    id: &str,
    event: &str,
    actor: &str,
    action: EventKind,
    target: Option<&str>,
    words: &str,
) -> Claim {
    Claim::new(
        id,
        event,
        ClaimBody::Action {
            actor: actor.into(),
            action,
            target: target.map(ActorId::from),
            description: Some(words.to_owned()),
        },
    )
}

/// The seed report's dossier.
///
/// # Errors
///
/// Only if the encoding itself is wrong: a malformed timestamp or estimate, or a
/// reference the dossier's validation refuses.
pub fn seed_dossier() -> Result<Dossier, contested::Error> {
    let tuesday = day("2022-09-13", "Tuesday")?;
    let both = ["armenia", "azerbaijan"];

    let dossier = Dossier::builder()
        .title("About 100 soldiers killed in Armenia–Azerbaijan border fighting")
        .source("News report, Tuesday 2022-09-13, – Agencies (shared/seed/report-2022-09-13.txt)")
        // ---------------------------------------------------------------- actors
        .actor(Actor::new("armenia", "Armenia", ActorKind::State))
        .actor(Actor::new("azerbaijan", "Azerbaijan", ActorKind::State))
        .actor(
            Actor::new(
                "am-mod",
                "Armenian Defense Ministry",
                ActorKind::GovernmentBody,
            )
            .part_of("armenia"),
        )
        .actor(Actor::new("am-forces", "Armenian forces", ActorKind::ArmedForce).part_of("armenia"))
        .actor(
            Actor::new(
                "az-mfa",
                "Azerbaijani Foreign Ministry",
                ActorKind::GovernmentBody,
            )
            .part_of("azerbaijan")
            .with_alias("foreign ministry of Azerbaijan"),
        )
        .actor(
            Actor::new("az-forces", "Azerbaijani forces", ActorKind::ArmedForce)
                .part_of("azerbaijan")
                .with_alias("Azerbaijani troops"),
        )
        // "ruled by ethnic Armenian forces backed by Armenia": backed, not part of, so
        // they are their own party.
        .actor(Actor::new(
            "nk-armenian-forces",
            "Ethnic Armenian forces in Nagorno-Karabakh",
            ActorKind::ArmedForce,
        ))
        .actor(Actor::new("russia", "Russia", ActorKind::State).with_alias("Moscow"))
        .actor(
            Actor::new(
                "ru-mfa",
                "Russian Foreign Ministry",
                ActorKind::GovernmentBody,
            )
            .part_of("russia"),
        )
        .actor(
            Actor::new(
                "ru-peacekeepers",
                "Russian peacekeepers",
                ActorKind::ArmedForce,
            )
            .part_of("russia"),
        )
        .actor(Actor::new("un", "United Nations", ActorKind::Intergovernmental).with_alias("U.N."))
        .actor(
            Actor::new("un-sg", "U.N. Secretary-General", ActorKind::Person)
                .part_of("un")
                .with_alias("Antonio Guterres")
                .held_by("Antonio Guterres"),
        )
        .actor(
            Actor::new(
                "un-sg-spokesman",
                "Spokesman for the U.N. Secretary-General",
                ActorKind::Person,
            )
            .speaks_for("un-sg"),
        )
        .actor(
            Actor::new(
                "unsc",
                "U.N. Security Council",
                ActorKind::Intergovernmental,
            )
            .part_of("un"),
        )
        .actor(Actor::new(
            "intl-community",
            "The international community",
            ActorKind::Collective,
        ))
        .actor(Actor::new("agencies", "Agencies", ActorKind::Agency))
        // ---------------------------------------------------------------- events
        .event(
            Event::new(
                "clash-2022-09-13",
                "Armenia–Azerbaijan border fighting",
                EventKind::Clash,
            )
            .with_side("armenia")
            .with_side("azerbaijan")
            .with_place("Armenia–Azerbaijan border")
            .with_when(window(
                "2022-09-12T21:00:00+04:00",
                "2022-09-13T23:59:59+04:00",
                Precision::PartOfDay,
                "late Monday night through Tuesday",
            )?)
            .with_context("nk-dispute", ContextRelation::Dispute)
            .with_context("war-1994", ContextRelation::Background)
            .with_context("war-2020", ContextRelation::Background)
            .with_context("agreement-2020", ContextRelation::Agreement)
            .with_context("ru-peacekeeping", ContextRelation::Background)
            .with_context("unsc-consultations", ContextRelation::Response),
        )
        .event(
            Event::new(
                "artillery-bombardment",
                "Artillery bombardment",
                EventKind::ArtilleryFire,
            )
            .within("clash-2022-09-13")
            .with_place("several areas of Armenian territory"),
        )
        .event(
            Event::new("drone-attacks", "Drone attacks", EventKind::AerialAttack)
                .within("clash-2022-09-13")
                .with_place("several areas of Armenian territory"),
        )
        .event(
            Event::new("mines-planted", "Mines planted", EventKind::MinesLaid)
                .within("clash-2022-09-13"),
        )
        .event(
            Event::new(
                "shots-fired",
                "Shots fired toward Azerbaijani military targets",
                EventKind::ShotsFired,
            )
            .within("clash-2022-09-13"),
        )
        .event(
            Event::new(
                "ground-advance",
                "Attempted march into Armenian territory",
                EventKind::GroundAdvance,
            )
            .within("clash-2022-09-13")
            .with_place("Armenian territory"),
        )
        .event(
            Event::new(
                "nk-dispute",
                "Decades-long dispute over Nagorno-Karabakh",
                EventKind::Situation,
            )
            .with_side("armenia")
            .with_side("azerbaijan")
            .with_place("Nagorno-Karabakh, part of Azerbaijan")
            .with_context("war-1994", ContextRelation::Background)
            .with_context("war-2020", ContextRelation::Background),
        )
        .event(
            // Only its end is reported ("concluded in 1994"): see claim `bg-war-1994-end`.
            Event::new(
                "war-1994",
                "Separatist war in Nagorno-Karabakh",
                EventKind::War,
            )
            .with_place("Nagorno-Karabakh"),
        )
        .event(
            Event::new(
                "war-2020",
                "Six-week war over Nagorno-Karabakh",
                EventKind::War,
            )
            .with_side("armenia")
            .with_side("azerbaijan")
            .with_place("Nagorno-Karabakh")
            .with_when(year(2020, "a six-week conflict in 2020")?),
        )
        .event(
            Event::new(
                "agreement-2020",
                "2020 peace agreement brokered by Russia",
                EventKind::Agreement,
            )
            .with_side("armenia")
            .with_side("azerbaijan")
            .with_when(year(2020, "2020")?)
            .with_context("war-2020", ContextRelation::Background),
        )
        .event(
            Event::new(
                "ru-peacekeeping",
                "Russian peacekeeping deployment in Nagorno-Karabakh",
                EventKind::Deployment,
            )
            .with_place("Nagorno-Karabakh")
            .with_context("agreement-2020", ContextRelation::Agreement),
        )
        .event(
            Event::new(
                "unsc-consultations",
                "U.N. Security Council closed consultations on the renewed fighting",
                EventKind::Consultation,
            )
            .scheduled()
            .with_when(day("2022-09-14", "Wednesday")?),
        )
        // ------------------------------------------------- statements by the parties
        .statement(
            Statement::new("az-losses", "azerbaijan", tuesday.clone())
                .relayed_by("agencies")
                .about("clash-2022-09-13")
                .claim(Claim::count(
                    "az-killed",
                    "clash-2022-09-13",
                    Measure::Killed,
                    Whose::party("azerbaijan"),
                    Category::Military,
                    "50".parse()?,
                )),
        )
        .statement(
            Statement::new("am-losses", "armenia", tuesday.clone())
                .relayed_by("agencies")
                .about("clash-2022-09-13")
                .claim(Claim::count(
                    "am-killed",
                    "clash-2022-09-13",
                    Measure::Killed,
                    Whose::party("armenia"),
                    Category::Military,
                    "at least 49".parse()?,
                )),
        )
        .statement(
            Statement::new("am-mod-account", "am-mod", tuesday.clone())
                .relayed_by("agencies")
                .about("clash-2022-09-13")
                .claim(Claim::new(
                    "am-mod-onset",
                    "clash-2022-09-13",
                    ClaimBody::Timing {
                        boundary: Boundary::Onset,
                        window: window(
                            "2022-09-13T00:00:00+04:00",
                            "2022-09-13T01:00:00+04:00",
                            Precision::Hour,
                            "shortly after midnight",
                        )?,
                    },
                ))
                .claim(Claim::new(
                    "am-mod-blame",
                    "clash-2022-09-13",
                    ClaimBody::Responsibility {
                        initiator: "azerbaijan".into(),
                        against: Some("armenia".into()),
                        description: Some(
                            "the battle broke out with Azerbaijani forces unleashing an \
                             artillery bombardment and drone attacks"
                                .to_owned(),
                        ),
                    },
                ))
                .claim(action(
                    "am-mod-artillery",
                    "artillery-bombardment",
                    "az-forces",
                    EventKind::ArtilleryFire,
                    Some("armenia"),
                    "Azerbaijani forces unleashing an artillery bombardment in several areas \
                     of Armenian territory",
                ))
                .claim(action(
                    "am-mod-drones",
                    "drone-attacks",
                    "az-forces",
                    EventKind::AerialAttack,
                    Some("armenia"),
                    "Azerbaijani forces unleashing drone attacks in several areas of \
                     Armenian territory",
                ))
                .claim(action(
                    "am-mod-shelling-decreased",
                    "artillery-bombardment",
                    "az-forces",
                    EventKind::ArtilleryFire,
                    Some("armenia"),
                    "the amount of shelling decreased throughout the day",
                )),
        )
        .statement(
            Statement::unattributed("advance-reportedly", tuesday.clone())
                .relayed_by("agencies")
                .with_hedge(Hedge::Reportedly)
                .about("clash-2022-09-13")
                .claim(action(
                    "advance-attempted",
                    "ground-advance",
                    "az-forces",
                    EventKind::GroundAdvance,
                    Some("armenia"),
                    "Azerbaijani troops were reportedly still attempting to march into \
                     Armenian territory",
                )),
        )
        .statement(
            Statement::new("az-mfa-account", "az-mfa", tuesday.clone())
                .relayed_by("agencies")
                .with_quote("large-scale provocation")
                .about("clash-2022-09-13")
                .claim(Claim::new(
                    "az-mfa-onset",
                    "clash-2022-09-13",
                    ClaimBody::Timing {
                        boundary: Boundary::Onset,
                        window: window(
                            "2022-09-12T21:00:00+04:00",
                            "2022-09-13T06:00:00+04:00",
                            Precision::PartOfDay,
                            "late Monday night and early Tuesday morning",
                        )?,
                    },
                ))
                .claim(Claim::new(
                    "az-mfa-blame",
                    "clash-2022-09-13",
                    ClaimBody::Responsibility {
                        initiator: "armenia".into(),
                        against: Some("azerbaijan".into()),
                        description: Some("large-scale provocation".to_owned()),
                    },
                ))
                .claim(action(
                    "az-mfa-mines",
                    "mines-planted",
                    "am-forces",
                    EventKind::MinesLaid,
                    Some("azerbaijan"),
                    "mines were planted",
                ))
                .claim(action(
                    "az-mfa-shots",
                    "shots-fired",
                    "am-forces",
                    EventKind::ShotsFired,
                    Some("az-forces"),
                    "shots were fired toward Azerbaijani military targets",
                )),
        )
        // ------------------------------------------------- third parties' appeals
        .statement(
            Statement::new("ru-mfa-appeal", "ru-mfa", tuesday.clone())
                .relayed_by("agencies")
                .with_form(Form::DirectQuote)
                .with_quote("to refrain from further escalation and show restraint")
                .about("clash-2022-09-13"),
        )
        .statement(
            Statement::new("intl-calm", "intl-community", tuesday.clone())
                .relayed_by("agencies")
                .about("clash-2022-09-13"),
        )
        .statement(
            Statement::new("un-sg-appeal", "un-sg", tuesday.clone())
                .relayed_by("un-sg-spokesman")
                .relayed_by("agencies")
                .with_form(Form::DirectQuote)
                .with_quote(
                    "to take immediate steps to deescalate tensions, exercise maximum \
                     restraint and resolve any outstanding issues through dialogue",
                )
                .about("clash-2022-09-13"),
        )
        // ------------------------------------------------- the agencies' own reporting
        .statement(
            Statement::new("agencies-toll", "agencies", tuesday.clone())
                .about("clash-2022-09-13")
                .claim(Claim::count(
                    "agencies-killed-total",
                    "clash-2022-09-13",
                    Measure::Killed,
                    Whose::All,
                    Category::Military,
                    "About 100".parse()?,
                )),
        )
        .statement(
            Statement::new("agencies-nk-background", "agencies", tuesday.clone())
                .about("nk-dispute")
                .about("war-1994")
                .claim(action(
                    "bg-nk-rule",
                    "nk-dispute",
                    "nk-armenian-forces",
                    EventKind::Other,
                    None,
                    "Nagorno-Karabakh, which is a part of Azerbaijan, has been ruled by \
                     ethnic Armenian forces backed by Armenia since 1994",
                ))
                .claim(Claim::new(
                    "bg-war-1994-end",
                    "war-1994",
                    ClaimBody::Timing {
                        boundary: Boundary::End,
                        window: year(1994, "concluded in 1994")?,
                    },
                )),
        )
        .statement(
            Statement::new("agencies-2020-background", "agencies", tuesday.clone())
                .about("war-2020")
                .about("agreement-2020")
                .about("ru-peacekeeping")
                .claim(action(
                    "bg-az-regained",
                    "war-2020",
                    "azerbaijan",
                    EventKind::Other,
                    None,
                    "Azerbaijan regained large portions of Nagorno-Karabakh",
                ))
                .claim(Claim::new(
                    "bg-agreement-credit",
                    "agreement-2020",
                    ClaimBody::MediationCredit {
                        credited: "russia".into(),
                    },
                ))
                .claim(Claim::count(
                    "bg-peacekeepers",
                    "ru-peacekeeping",
                    Measure::Deployed,
                    Whose::party("russia"),
                    Category::Military,
                    "roughly 2,000".parse()?,
                )),
        )
        .statement(
            Statement::new("unsc-scheduled", "agencies", tuesday)
                .about("unsc-consultations")
                .about("clash-2022-09-13"),
        )
        // ---------------------------------------------------------------- mediators
        .mediator(
            Mediator::new("russia")
                .with_appeal(Appeal::new(
                    "ru-mfa-appeal",
                    both,
                    [Urge::DeEscalation, Urge::Restraint],
                ))
                .with_brokered("agreement-2020")
                .with_deployment(Deployment::new(
                    "ru-peacekeeping",
                    "roughly 2,000".parse()?,
                    "peacekeepers",
                ))
                .with_tie(Tie::new(
                    "armenia",
                    TieKind::MilitaryBase,
                    "Armenia hosts a Russian military base",
                ))
                .with_tie(Tie::new(
                    "armenia",
                    TieKind::Economic,
                    "strong economic ties with Armenia",
                ))
                .with_tie(Tie::new(
                    "armenia",
                    TieKind::Security,
                    "strong security ties with Armenia",
                ))
                .with_tie(Tie::new(
                    "azerbaijan",
                    TieKind::Cooperation,
                    "has been developing close cooperation with oil-rich Azerbaijan",
                )),
        )
        .mediator(Mediator::new("intl-community").with_appeal(Appeal::new(
            "intl-calm",
            both,
            [Urge::Calm],
        )))
        .mediator(Mediator::new("un-sg").with_appeal(Appeal::new(
            "un-sg-appeal",
            both,
            [
                Urge::DeEscalation,
                Urge::Restraint,
                Urge::Dialogue,
                Urge::ImplementAgreements,
            ],
        )))
        .mediator(Mediator::new("unsc").with_consultation("unsc-consultations"))
        .build()?;
    Ok(dossier)
}

/// The snake-case name an enum value has in JSON (`artillery_fire`, `military_base`).
fn name<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => "?".to_owned(),
    }
}

/// "Name (id)" for an actor, or the bare id if it is unknown.
fn actor_label(d: &Dossier, id: &ActorId) -> String {
    d.actor(id)
        .map_or_else(|| id.to_string(), |a| format!("{} ({})", a.label(), a.id))
}

/// "Name (id)" for an event, or the bare id if it is unknown.
fn event_label(d: &Dossier, id: &EventId) -> String {
    d.event(id)
        .map_or_else(|| id.to_string(), |e| format!("{} ({})", e.name, e.id))
}

fn print_statement(d: &Dossier, s: &Statement) {
    let speaker = s
        .speaker
        .as_ref()
        .map_or_else(|| "no named speaker".to_owned(), |sp| actor_label(d, sp));
    println!("  [{}] {speaker}", s.id);
    println!("      made:   {}", s.made);
    if !s.relay.is_empty() {
        let chain: Vec<String> = s.relay.iter().map(|r| actor_label(d, &r.outlet)).collect();
        println!("      via:    {}", chain.join(" -> "));
    }
    println!("      form:   {}", s.form);
    if s.is_hedged() {
        let hedges: Vec<String> = s.hedges.iter().map(ToString::to_string).collect();
        println!("      hedges: {}", hedges.join(", "));
    }
    if let Some(q) = &s.quote {
        println!("      quote:  \u{201c}{q}\u{201d}");
    }
    if !s.about.is_empty() {
        let about: Vec<String> = s.about.iter().map(|e| event_label(d, e)).collect();
        println!("      about:  {}", about.join("; "));
    }
    for c in &s.claims {
        print_claim(d, c);
    }
}

fn print_claim(d: &Dossier, c: &Claim) {
    let event = event_label(d, &c.event);
    match &c.body {
        ClaimBody::Count(count) => {
            println!(
                "      - {} count on {event}: {} / whose {} / {}: \u{201c}{}\u{201d} = {}",
                c.id,
                count.measure,
                count.whose,
                count.category,
                count.estimate,
                count.estimate.default_range(),
            );
            for part in &count.breakdown {
                println!(
                    "          part {}: \u{201c}{}\u{201d} = {}",
                    part.unit,
                    part.estimate,
                    part.estimate.default_range()
                );
            }
        }
        ClaimBody::Responsibility {
            initiator,
            against,
            description,
        } => {
            print!(
                "      - {} blame on {event}: initiator {}",
                c.id,
                actor_label(d, initiator)
            );
            if let Some(a) = against {
                print!(", against {}", actor_label(d, a));
            }
            match description {
                Some(words) => println!(": \u{201c}{words}\u{201d}"),
                None => println!(),
            }
        }
        ClaimBody::Action {
            actor,
            action,
            target,
            description,
        } => {
            print!(
                "      - {} action on {event}: {} {}",
                c.id,
                actor_label(d, actor),
                name(action)
            );
            if let Some(t) = target {
                print!(" -> {}", actor_label(d, t));
            }
            match description {
                Some(words) => println!(": \u{201c}{words}\u{201d}"),
                None => println!(),
            }
        }
        ClaimBody::Timing { boundary, window } => {
            println!("      - {} timing of {event}: {boundary} {window}", c.id);
        }
        ClaimBody::Denial {
            denies,
            allegation,
            wording,
        } => {
            match (denies, allegation) {
                (Some(denies), _) => {
                    print!("      - {} denial on {event}: denies claim {denies}", c.id)
                }
                (None, Some(a)) => print!("      - {} denial on {event}: denies {a}", c.id),
                (None, None) => print!("      - {} denial on {event}", c.id),
            }
            match wording {
                Some(words) => println!(": \u{201c}{words}\u{201d}"),
                None => println!(),
            }
        }
        ClaimBody::MediationCredit { credited } => {
            println!(
                "      - {} mediation credit for {event}: {}",
                c.id,
                actor_label(d, credited)
            );
        }
        other => println!("      - {} {} on {event}", c.id, other.kind_name()),
    }
}

fn print_event(d: &Dossier, e: &Event, indent: &str) {
    println!(
        "{indent}{} [{}{}]",
        event_label(d, &e.id),
        name(&e.kind),
        if e.occurrence == contested::Occurrence::Scheduled {
            ", scheduled"
        } else {
            ""
        }
    );
    if let Some(w) = &e.when {
        println!("{indent}    when:  {w}");
    }
    if let Some(p) = &e.place {
        println!("{indent}    place: {p}");
    }
    if !e.sides.is_empty() {
        let sides: Vec<String> = e.sides.iter().map(|s| actor_label(d, s)).collect();
        println!("{indent}    sides: {}", sides.join(" vs "));
    }
}

/// Prints the dossier: statements grouped by party (unattributed last), the mediators,
/// and the events with their background.
pub fn print_dossier(d: &Dossier) {
    if let Some(t) = d.title() {
        println!("{t}");
        println!("{}", "=".repeat(t.chars().count()));
    }
    if let Some(s) = d.source() {
        println!("Source: {s}");
    }

    // Statements by party, parties in order of first appearance.
    println!("\nWHO SAID WHAT, BY PARTY");
    let mut parties: Vec<Option<&Actor>> = Vec::new();
    let mut groups: HashMap<Option<&ActorId>, Vec<&Statement>> = HashMap::new();
    for s in d.statements() {
        let party = s.speaker.as_ref().and_then(|sp| d.party_of(sp));
        let key = party.map(|p| &p.id);
        if !groups.contains_key(&key) && party.is_some() {
            parties.push(party);
        }
        groups.entry(key).or_default().push(s);
    }
    parties.push(None);
    for party in parties {
        let Some(statements) = groups.get(&party.map(|p| &p.id)) else {
            continue;
        };
        match party {
            Some(p) => println!("\n{} ({}, {})", p.name, p.id, name(&p.kind)),
            None => println!("\nUnattributed"),
        }
        for s in statements {
            print_statement(d, s);
        }
    }

    println!("\nMEDIATORS");
    for m in d.mediators() {
        println!("\n{}", actor_label(d, &m.actor));
        for a in &m.appeals {
            let by = d
                .statement(&a.statement)
                .and_then(|s| s.speaker.as_ref())
                .map_or_else(|| "?".to_owned(), |sp| actor_label(d, sp));
            let to: Vec<String> = a.addressees.iter().map(|p| actor_label(d, p)).collect();
            let urged: Vec<String> = a.urged.iter().map(ToString::to_string).collect();
            println!("  appeal [{}] by {by}", a.statement);
            println!("      to:     {}", to.join(", "));
            println!("      urging: {}", urged.join(", "));
            match &a.blamed {
                Some(b) => println!("      blaming {}", actor_label(d, b)),
                None => println!("      naming no culprit"),
            }
        }
        for e in &m.brokered {
            println!("  brokered: {}", event_label(d, e));
        }
        for dep in &m.deployments {
            println!(
                "  deployed: \u{201c}{}\u{201d} = {} {} ({})",
                dep.count,
                dep.count.default_range(),
                dep.role,
                event_label(d, &dep.event)
            );
        }
        for e in &m.consultations {
            let when = d
                .event(e)
                .and_then(|ev| ev.when.as_ref())
                .map_or_else(String::new, |w| format!(", {w}"));
            println!("  consultations: {}{when}", event_label(d, e));
        }
        for t in &m.ties {
            println!(
                "  tie to {}: {}: {}",
                actor_label(d, &t.party),
                name(&t.kind),
                t.description
            );
        }
    }

    // Main events: top-level events no other event gives as context.
    let is_context = |id: &EventId| {
        d.events()
            .iter()
            .any(|e| e.context.iter().any(|l| &l.event == id))
    };
    println!("\nEVENTS");
    for e in d
        .events()
        .iter()
        .filter(|e| e.parent.is_none() && !is_context(&e.id))
    {
        println!();
        print_event(d, e, "  ");
        for part in d
            .events()
            .iter()
            .filter(|p| p.parent.as_ref() == Some(&e.id))
        {
            println!("    component:");
            print_event(d, part, "      ");
        }
        for link in &e.context {
            println!(
                "      context ({}): {}",
                name(&link.relation),
                event_label(d, &link.event)
            );
        }
    }

    println!("\nBACKGROUND EVENTS");
    for e in d
        .events()
        .iter()
        .filter(|e| e.parent.is_none() && is_context(&e.id))
    {
        println!();
        print_event(d, e, "  ");
        for link in &e.context {
            println!(
                "      context ({}): {}",
                name(&link.relation),
                event_label(d, &link.event)
            );
        }
    }
}

fn main() -> ExitCode {
    let dossier = match seed_dossier() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    if std::env::args().skip(1).any(|a| a == "--json") {
        println!("{}", dossier.to_json());
        return ExitCode::SUCCESS;
    }
    print_dossier(&dossier);

    // Then what the claims add up to: each figure's defensible range, the part-whole
    // sums that narrow them, the timing windows, the accounts, every discrepancy, and the
    // mediators.
    println!();
    print!("{}", Reconciler::new().reconcile(&dossier));

    ExitCode::SUCCESS
}
