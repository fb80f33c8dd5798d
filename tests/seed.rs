//! The seed report (Armenia–Azerbaijan border fighting, 2022-09-13): the example's Rust
//! encoding, the committed JSON file, and every fact of the report, checked one by one.

// The example's `main` and printing helpers are not used here.
#[allow(dead_code)]
#[path = "../examples/armenia_azerbaijan_2022.rs"]
mod seed;

use chrono::{DateTime, FixedOffset};
use contested::{
    ActorId, ActorKind, Boundary, Category, Claim, ClaimBody, ContextRelation, CountClaim,
    CountRange, Dossier, EstimateKind, EventId, EventKind, Form, Hedge, Measure, Nesting,
    Occurrence, Precision, Statement, TieKind, TimeWindow, Urge, Whose,
};

fn dossier() -> Dossier {
    seed::seed_dossier().unwrap_or_else(|e| panic!("the seed dossier must build: {e}"))
}

fn data_file() -> String {
    format!("{}/{}", env!("CARGO_MANIFEST_DIR"), seed::DATA_FILE)
}

fn t(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).unwrap_or_else(|e| panic!("{s}: {e}"))
}

fn claim<'d>(d: &'d Dossier, id: &str) -> (&'d Statement, &'d Claim) {
    d.claim(&id.into())
        .unwrap_or_else(|| panic!("no claim `{id}`"))
}

fn count<'d>(d: &'d Dossier, id: &str) -> &'d CountClaim {
    claim(d, id)
        .1
        .body
        .count()
        .unwrap_or_else(|| panic!("`{id}` is not a count"))
}

fn statement<'d>(d: &'d Dossier, id: &str) -> &'d Statement {
    d.statement(&id.into())
        .unwrap_or_else(|| panic!("no statement `{id}`"))
}

fn party(d: &Dossier, s: &Statement) -> Option<String> {
    s.speaker
        .as_ref()
        .and_then(|sp| d.party_of(sp))
        .map(|p| p.id.to_string())
}

fn ids<'a>(v: impl IntoIterator<Item = &'a ActorId>) -> Vec<&'a str> {
    v.into_iter().map(ActorId::as_str).collect()
}

fn tuesday() -> TimeWindow {
    TimeWindow::new(
        t("2022-09-13T00:00:00+04:00"),
        t("2022-09-13T23:59:59+04:00"),
    )
    .unwrap()
    .with_precision(Precision::Day)
    .with_phrase("Tuesday")
}

// ------------------------------------------------------------------ encodings agree

#[test]
fn rust_encoding_equals_the_committed_json_file() {
    let from_file =
        Dossier::from_json_file(data_file()).unwrap_or_else(|e| panic!("{}: {e}", seed::DATA_FILE));
    assert_eq!(
        dossier(),
        from_file,
        "regenerate with `cargo run --example armenia_azerbaijan_2022 -- --json > {}`",
        seed::DATA_FILE
    );
}

#[test]
fn json_round_trips() {
    let d = dossier();
    let json = d.to_json();
    let again = Dossier::from_json(&json).unwrap();
    assert_eq!(again, d);
    assert_eq!(again.to_json(), json);
}

#[test]
fn builder_round_trips() {
    let d = dossier();
    assert_eq!(d.to_builder().build().unwrap(), d);
}

// ------------------------------------------------------------------ actors

#[test]
fn actors_nest_into_their_parties() {
    let d = dossier();
    let party_of = |id: &str| d.party_of(&id.into()).map(|a| a.id.to_string());
    for (actor, party) in [
        ("armenia", "armenia"),
        ("am-mod", "armenia"),
        ("am-forces", "armenia"),
        ("azerbaijan", "azerbaijan"),
        ("az-mfa", "azerbaijan"),
        ("az-forces", "azerbaijan"),
        ("russia", "russia"),
        ("ru-mfa", "russia"),
        ("ru-peacekeepers", "russia"),
        ("un", "un"),
        ("un-sg", "un"),
        ("un-sg-spokesman", "un"),
        ("unsc", "un"),
        ("intl-community", "intl-community"),
        ("agencies", "agencies"),
        ("nk-armenian-forces", "nk-armenian-forces"),
    ] {
        assert_eq!(party_of(actor).as_deref(), Some(party), "party of {actor}");
    }
    let spokesman = d.actor(&"un-sg-spokesman".into()).unwrap();
    assert_eq!(spokesman.nesting, Nesting::SpeaksFor);
    assert_eq!(spokesman.part_of.as_ref().unwrap().as_str(), "un-sg");
    assert_eq!(d.resolve("Moscow").unwrap().id.as_str(), "russia");
    assert_eq!(d.resolve("Antonio Guterres").unwrap().id.as_str(), "un-sg");
    let kind = |id: &str| d.actor(&id.into()).unwrap().kind;
    assert_eq!(kind("agencies"), ActorKind::Agency);
    assert_eq!(kind("intl-community"), ActorKind::Collective);
    assert_eq!(kind("un-sg"), ActorKind::Person);
    assert_eq!(kind("unsc"), ActorKind::Intergovernmental);
    assert_eq!(kind("az-forces"), ActorKind::ArmedForce);
    assert_eq!(kind("nk-armenian-forces"), ActorKind::ArmedForce);
}

// ------------------------------------------------------------------ counts

#[test]
fn azerbaijan_self_reports_exactly_50_soldiers_killed() {
    let d = dossier();
    let c = count(&d, "az-killed");
    assert_eq!(c.measure, Measure::Killed);
    assert_eq!(c.whose, Whose::party("azerbaijan"));
    assert_eq!(c.category, Category::Military);
    assert_eq!(c.estimate.kind(), EstimateKind::Exact(50));
    assert_eq!(c.estimate.words(), "50");
    assert_eq!(c.estimate.default_range(), CountRange::exact(50));
    let (s, cl) = claim(&d, "az-killed");
    assert_eq!(cl.event.as_str(), "clash-2022-09-13");
    assert_eq!(party(&d, s).as_deref(), Some("azerbaijan"));
    assert_eq!(ids(s.outlets()), ["agencies"]);
}

#[test]
fn armenia_reports_at_least_49_of_its_soldiers_killed() {
    let d = dossier();
    let c = count(&d, "am-killed");
    assert_eq!(c.measure, Measure::Killed);
    assert_eq!(c.whose, Whose::party("armenia"));
    assert_eq!(c.category, Category::Military);
    assert_eq!(c.estimate.kind(), EstimateKind::AtLeast(49));
    assert_eq!(c.estimate.words(), "at least 49");
    assert_eq!(c.estimate.default_range(), CountRange::at_least(49));
    let (s, _) = claim(&d, "am-killed");
    assert_eq!(party(&d, s).as_deref(), Some("armenia"));
}

#[test]
fn agencies_report_about_100_soldiers_killed_in_total() {
    let d = dossier();
    let c = count(&d, "agencies-killed-total");
    assert_eq!(c.measure, Measure::Killed);
    assert_eq!(c.whose, Whose::All);
    assert_eq!(c.category, Category::Military);
    assert_eq!(c.estimate.kind(), EstimateKind::About(100));
    assert!(c.estimate.words().eq_ignore_ascii_case("about 100"));
    assert_eq!(c.estimate.default_range().to_string(), "90..=110");
    let (s, _) = claim(&d, "agencies-killed-total");
    assert_eq!(s.speaker.as_ref().unwrap().as_str(), "agencies");
    assert!(s.relay.is_empty());
    // 50 + 49.. is 99.., inside 90..=110: consistent, and it caps Armenia's figure at 60.
    let sum = count(&d, "az-killed")
        .estimate
        .default_range()
        .plus(&count(&d, "am-killed").estimate.default_range());
    assert!(sum.intersect(&c.estimate.default_range()).is_some());
}

#[test]
fn there_are_exactly_four_counts() {
    let d = dossier();
    let mut counts: Vec<&str> = d
        .claims()
        .filter(|(_, c)| c.body.count().is_some())
        .map(|(_, c)| c.id.as_str())
        .collect();
    counts.sort_unstable();
    assert_eq!(
        counts,
        [
            "agencies-killed-total",
            "am-killed",
            "az-killed",
            "bg-peacekeepers"
        ]
    );
}

// ------------------------------------------------------------------ blame and actions

fn responsibility(c: &Claim) -> (&str, Option<&str>, Option<&str>) {
    match &c.body {
        ClaimBody::Responsibility {
            initiator,
            against,
            description,
        } => (
            initiator.as_str(),
            against.as_ref().map(ActorId::as_str),
            description.as_deref(),
        ),
        other => panic!("{} is {}", c.id, other.kind_name()),
    }
}

fn action(c: &Claim) -> (&str, EventKind, Option<&str>, &str) {
    match &c.body {
        ClaimBody::Action {
            actor,
            action,
            target,
            description,
        } => (
            actor.as_str(),
            *action,
            target.as_ref().map(ActorId::as_str),
            description.as_deref().unwrap_or(""),
        ),
        other => panic!("{} is {}", c.id, other.kind_name()),
    }
}

#[test]
fn armenian_defense_ministry_blames_azerbaijan() {
    let d = dossier();
    let (s, c) = claim(&d, "am-mod-blame");
    assert_eq!(s.speaker.as_ref().unwrap().as_str(), "am-mod");
    assert_eq!(party(&d, s).as_deref(), Some("armenia"));
    assert_eq!(s.form, Form::Paraphrase);
    assert_eq!(ids(s.outlets()), ["agencies"]);
    let (initiator, against, _) = responsibility(c);
    assert_eq!((initiator, against), ("azerbaijan", Some("armenia")));
}

#[test]
fn azerbaijani_foreign_ministry_blames_armenia_for_a_large_scale_provocation() {
    let d = dossier();
    let (s, c) = claim(&d, "az-mfa-blame");
    assert_eq!(s.speaker.as_ref().unwrap().as_str(), "az-mfa");
    assert_eq!(party(&d, s).as_deref(), Some("azerbaijan"));
    assert_eq!(s.quote.as_deref(), Some("large-scale provocation"));
    assert_eq!(
        responsibility(c),
        (
            "armenia",
            Some("azerbaijan"),
            Some("large-scale provocation")
        )
    );
}

#[test]
fn each_side_names_the_other_as_initiator() {
    let d = dossier();
    let mut blame: Vec<(String, &str)> = d
        .claims()
        .filter(|(_, c)| matches!(c.body, ClaimBody::Responsibility { .. }))
        .map(|(s, c)| (party(&d, s).unwrap(), responsibility(c).0))
        .collect();
    blame.sort_unstable();
    assert_eq!(
        blame,
        [
            ("armenia".to_owned(), "azerbaijan"),
            ("azerbaijan".to_owned(), "armenia")
        ]
    );
}

#[test]
fn armenian_account_of_artillery_and_drones() {
    let d = dossier();
    let (_, art) = claim(&d, "am-mod-artillery");
    assert_eq!(art.event.as_str(), "artillery-bombardment");
    let (actor, kind, target, words) = action(art);
    assert_eq!(
        (actor, kind, target),
        ("az-forces", EventKind::ArtilleryFire, Some("armenia"))
    );
    assert!(words.contains("artillery bombardment"), "{words}");
    let (_, drones) = claim(&d, "am-mod-drones");
    assert_eq!(drones.event.as_str(), "drone-attacks");
    let (actor, kind, target, _) = action(drones);
    assert_eq!(
        (actor, kind, target),
        ("az-forces", EventKind::AerialAttack, Some("armenia"))
    );
    let (s, decreased) = claim(&d, "am-mod-shelling-decreased");
    assert_eq!(s.id.as_str(), "am-mod-account");
    assert!(
        action(decreased)
            .3
            .contains("shelling decreased throughout the day")
    );
    for e in ["artillery-bombardment", "drone-attacks"] {
        let ev = d.event(&e.into()).unwrap();
        assert_eq!(ev.parent.as_ref().unwrap().as_str(), "clash-2022-09-13");
    }
}

#[test]
fn azerbaijani_account_of_mines_and_shots() {
    let d = dossier();
    let (s, mines) = claim(&d, "az-mfa-mines");
    assert_eq!(s.id.as_str(), "az-mfa-account");
    assert_eq!(mines.event.as_str(), "mines-planted");
    let (actor, kind, _, words) = action(mines);
    assert_eq!((actor, kind), ("am-forces", EventKind::MinesLaid));
    assert_eq!(words, "mines were planted");
    let (_, shots) = claim(&d, "az-mfa-shots");
    assert_eq!(shots.event.as_str(), "shots-fired");
    let (actor, kind, target, words) = action(shots);
    assert_eq!(
        (actor, kind, target),
        ("am-forces", EventKind::ShotsFired, Some("az-forces"))
    );
    assert!(words.contains("toward Azerbaijani military targets"));
    assert_eq!(
        d.party_of(&"am-forces".into()).unwrap().id.as_str(),
        "armenia"
    );
}

#[test]
fn unattributed_hedged_ground_advance() {
    let d = dossier();
    let s = statement(&d, "advance-reportedly");
    assert_eq!(s.speaker, None);
    assert_eq!(s.form, Form::Unattributed);
    assert_eq!(s.hedges, [Hedge::Reportedly]);
    assert!(s.is_hedged());
    assert_eq!(ids(s.outlets()), ["agencies"]);
    assert_eq!(s.claims.len(), 1);
    let c = &s.claims[0];
    assert_eq!(c.id.as_str(), "advance-attempted");
    assert_eq!(c.event.as_str(), "ground-advance");
    let (actor, kind, target, words) = action(c);
    assert_eq!(
        (actor, kind, target),
        ("az-forces", EventKind::GroundAdvance, Some("armenia"))
    );
    assert!(words.contains("march into Armenian territory"));
    // The only unattributed statement, and the only hedged one.
    assert_eq!(
        d.statements()
            .iter()
            .filter(|s| s.speaker.is_none())
            .count(),
        1
    );
    assert_eq!(d.statements().iter().filter(|s| s.is_hedged()).count(), 1);
}

// ------------------------------------------------------------------ timing

fn timing(c: &Claim) -> (Boundary, &TimeWindow) {
    match &c.body {
        ClaimBody::Timing { boundary, window } => (*boundary, window),
        other => panic!("{} is {}", c.id, other.kind_name()),
    }
}

#[test]
fn onset_windows_in_utc_plus_4_and_their_overlap() {
    let d = dossier();
    let (b, am) = timing(claim(&d, "am-mod-onset").1);
    assert_eq!(b, Boundary::Onset);
    assert_eq!(am.earliest(), t("2022-09-13T00:00:00+04:00"));
    assert_eq!(am.latest(), t("2022-09-13T01:00:00+04:00"));
    assert_eq!(am.precision(), Precision::Hour);
    assert_eq!(am.phrase(), Some("shortly after midnight"));
    let (b, az) = timing(claim(&d, "az-mfa-onset").1);
    assert_eq!(b, Boundary::Onset);
    assert_eq!(az.earliest(), t("2022-09-12T21:00:00+04:00"));
    assert_eq!(az.latest(), t("2022-09-13T06:00:00+04:00"));
    assert_eq!(az.precision(), Precision::PartOfDay);
    assert_eq!(
        az.phrase(),
        Some("late Monday night and early Tuesday morning")
    );
    for w in [am, az] {
        assert_eq!(w.earliest().offset().local_minus_utc(), 4 * 3600);
        assert_eq!(w.latest().offset().local_minus_utc(), 4 * 3600);
    }
    // The windows overlap: the Armenian one lies inside the Azerbaijani one.
    assert_eq!(am.overlap(az), Some(am.clone().without_phrase()));
    assert_eq!(
        claim(&d, "am-mod-onset").1.event.as_str(),
        "clash-2022-09-13"
    );
    assert_eq!(
        claim(&d, "az-mfa-onset").1.event.as_str(),
        "clash-2022-09-13"
    );
}

#[test]
fn statements_were_made_on_tuesday_in_utc_plus_4() {
    let d = dossier();
    for s in d.statements() {
        assert_eq!(s.made, tuesday(), "statement {}", s.id);
    }
}

// ------------------------------------------------------------------ events

#[test]
fn the_clash_and_its_components() {
    let d = dossier();
    let clash = d.event(&"clash-2022-09-13".into()).unwrap();
    assert_eq!(clash.kind, EventKind::Clash);
    assert_eq!(ids(&clash.sides), ["armenia", "azerbaijan"]);
    assert_eq!(clash.place.as_deref(), Some("Armenia–Azerbaijan border"));
    let when = clash.when.as_ref().unwrap();
    assert_eq!(when.earliest(), t("2022-09-12T21:00:00+04:00"));
    assert_eq!(when.latest(), t("2022-09-13T23:59:59+04:00"));
    let mut parts: Vec<(&str, EventKind)> = d
        .events()
        .iter()
        .filter(|e| e.parent.as_ref() == Some(&clash.id))
        .map(|e| (e.id.as_str(), e.kind))
        .collect();
    parts.sort_unstable();
    assert_eq!(
        parts,
        [
            ("artillery-bombardment", EventKind::ArtilleryFire),
            ("drone-attacks", EventKind::AerialAttack),
            ("ground-advance", EventKind::GroundAdvance),
            ("mines-planted", EventKind::MinesLaid),
            ("shots-fired", EventKind::ShotsFired),
        ]
    );
    let context: Vec<(&str, ContextRelation)> = clash
        .context
        .iter()
        .map(|l| (l.event.as_str(), l.relation))
        .collect();
    assert_eq!(
        context,
        [
            ("nk-dispute", ContextRelation::Dispute),
            ("war-1994", ContextRelation::Background),
            ("war-2020", ContextRelation::Background),
            ("agreement-2020", ContextRelation::Agreement),
            ("ru-peacekeeping", ContextRelation::Background),
            ("unsc-consultations", ContextRelation::Response),
        ]
    );
}

#[test]
fn background_nagorno_karabakh_and_the_1994_war() {
    let d = dossier();
    let nk = d.event(&"nk-dispute".into()).unwrap();
    assert_eq!(nk.kind, EventKind::Situation);
    assert!(nk.place.as_deref().unwrap().contains("part of Azerbaijan"));
    let war = d.event(&"war-1994".into()).unwrap();
    assert_eq!(war.kind, EventKind::War);
    let (b, end) = timing(claim(&d, "bg-war-1994-end").1);
    assert_eq!(b, Boundary::End);
    assert_eq!(end.earliest(), t("1994-01-01T00:00:00+04:00"));
    assert_eq!(end.latest(), t("1994-12-31T23:59:59+04:00"));
    assert_eq!(end.precision(), Precision::Year);
    let (actor, _, _, words) = action(claim(&d, "bg-nk-rule").1);
    assert_eq!(actor, "nk-armenian-forces");
    assert!(words.contains("backed by Armenia since 1994"));
}

#[test]
fn background_the_2020_war_agreement_and_peacekeepers() {
    let d = dossier();
    let war = d.event(&"war-2020".into()).unwrap();
    assert_eq!(war.kind, EventKind::War);
    assert_eq!(ids(&war.sides), ["armenia", "azerbaijan"]);
    let when = war.when.as_ref().unwrap();
    assert_eq!(when.precision(), Precision::Year);
    assert!(when.contains(t("2020-10-01T00:00:00+04:00")));
    let (actor, _, _, words) = action(claim(&d, "bg-az-regained").1);
    assert_eq!(actor, "azerbaijan");
    assert!(words.contains("regained large portions of Nagorno-Karabakh"));

    let agreement = d.event(&"agreement-2020".into()).unwrap();
    assert_eq!(agreement.kind, EventKind::Agreement);
    let (s, credit) = claim(&d, "bg-agreement-credit");
    assert_eq!(s.speaker.as_ref().unwrap().as_str(), "agencies");
    assert_eq!(
        credit.body,
        ClaimBody::MediationCredit {
            credited: "russia".into()
        }
    );
    assert_eq!(credit.event.as_str(), "agreement-2020");

    let pk = d.event(&"ru-peacekeeping".into()).unwrap();
    assert_eq!(pk.kind, EventKind::Deployment);
    assert_eq!(pk.context[0].event.as_str(), "agreement-2020");
    let c = count(&d, "bg-peacekeepers");
    assert_eq!(
        (&c.measure, &c.whose, &c.category),
        (
            &Measure::Deployed,
            &Whose::party("russia"),
            &Category::Military
        )
    );
    assert_eq!(c.estimate.kind(), EstimateKind::About(2000));
    assert_eq!(c.estimate.words(), "roughly 2,000");
    assert_eq!(c.estimate.default_range().to_string(), "1800..=2200");
}

#[test]
fn security_council_consultations_are_scheduled_for_wednesday() {
    let d = dossier();
    let e = d.event(&"unsc-consultations".into()).unwrap();
    assert_eq!(e.kind, EventKind::Consultation);
    assert_eq!(e.occurrence, Occurrence::Scheduled);
    let when = e.when.as_ref().unwrap();
    assert_eq!(when.earliest(), t("2022-09-14T00:00:00+04:00"));
    assert_eq!(when.latest(), t("2022-09-14T23:59:59+04:00"));
    assert_eq!(when.phrase(), Some("Wednesday"));
    let s = statement(&d, "unsc-scheduled");
    assert_eq!(s.speaker.as_ref().unwrap().as_str(), "agencies");
    assert!(s.about.contains(&EventId::from("unsc-consultations")));
}

// ------------------------------------------------------------------ mediators

#[test]
fn four_mediators_each_even_handed() {
    let d = dossier();
    let actors: Vec<&str> = d.mediators().iter().map(|m| m.actor.as_str()).collect();
    assert_eq!(actors, ["russia", "intl-community", "un-sg", "unsc"]);
    let urged = |m: &str| -> Vec<Urge> {
        let med = d.mediator(&m.into()).unwrap();
        med.appeals.iter().flat_map(|a| a.urged.clone()).collect()
    };
    assert_eq!(urged("russia"), [Urge::DeEscalation, Urge::Restraint]);
    assert_eq!(urged("intl-community"), [Urge::Calm]);
    assert_eq!(
        urged("un-sg"),
        [
            Urge::DeEscalation,
            Urge::Restraint,
            Urge::Dialogue,
            Urge::ImplementAgreements
        ]
    );
    assert!(urged("unsc").is_empty());
    for m in d.mediators() {
        for a in &m.appeals {
            assert_eq!(ids(&a.addressees), ["armenia", "azerbaijan"], "{}", m.actor);
            assert_eq!(a.blamed, None, "{}", m.actor);
            // The appeal's speaker belongs to the mediator's party.
            let s = statement(&d, a.statement.as_str());
            assert_eq!(party(&d, s), party_of_actor(&d, &m.actor));
        }
    }
}

fn party_of_actor(d: &Dossier, id: &ActorId) -> Option<String> {
    d.party_of(id).map(|a| a.id.to_string())
}

#[test]
fn russian_foreign_ministry_appeal_is_a_direct_quote() {
    let d = dossier();
    let s = statement(&d, "ru-mfa-appeal");
    assert_eq!(s.speaker.as_ref().unwrap().as_str(), "ru-mfa");
    assert_eq!(s.form, Form::DirectQuote);
    assert_eq!(
        s.quote.as_deref(),
        Some("to refrain from further escalation and show restraint")
    );
    assert_eq!(s.made, tuesday());
}

#[test]
fn russia_brokered_deployed_and_is_tied_to_both() {
    let d = dossier();
    let ru = d.mediator(&"russia".into()).unwrap();
    assert_eq!(ru.brokered, [EventId::from("agreement-2020")]);
    assert_eq!(ru.deployments.len(), 1);
    let dep = &ru.deployments[0];
    assert_eq!(dep.event.as_str(), "ru-peacekeeping");
    assert_eq!(dep.role, "peacekeepers");
    assert_eq!(dep.count.words(), "roughly 2,000");
    assert_eq!(dep.count.kind(), EstimateKind::About(2000));
    let ties: Vec<(&str, TieKind)> = ru.ties.iter().map(|t| (t.party.as_str(), t.kind)).collect();
    assert_eq!(
        ties,
        [
            ("armenia", TieKind::MilitaryBase),
            ("armenia", TieKind::Economic),
            ("armenia", TieKind::Security),
            ("azerbaijan", TieKind::Cooperation),
        ]
    );
    assert!(ru.ties[3].description.contains("oil-rich Azerbaijan"));
}

#[test]
fn un_secretary_general_speaks_through_his_spokesman() {
    let d = dossier();
    let s = statement(&d, "un-sg-appeal");
    assert_eq!(s.speaker.as_ref().unwrap().as_str(), "un-sg");
    assert_eq!(ids(s.outlets()), ["un-sg-spokesman", "agencies"]);
    assert_eq!(s.form, Form::DirectQuote);
    assert_eq!(
        s.quote.as_deref(),
        Some(
            "to take immediate steps to deescalate tensions, exercise maximum restraint \
             and resolve any outstanding issues through dialogue"
        )
    );
    assert_eq!(party(&d, s).as_deref(), Some("un"));
}

#[test]
fn international_community_urged_calm() {
    let d = dossier();
    let s = statement(&d, "intl-calm");
    assert_eq!(s.speaker.as_ref().unwrap().as_str(), "intl-community");
    assert_eq!(ids(s.outlets()), ["agencies"]);
}

#[test]
fn security_council_convenes_the_consultations() {
    let d = dossier();
    let unsc = d.mediator(&"unsc".into()).unwrap();
    assert_eq!(unsc.consultations, [EventId::from("unsc-consultations")]);
    assert!(unsc.appeals.is_empty());
}
