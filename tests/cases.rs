//! The real disputes of `examples/data/cases/` (see its README.md): every file loads,
//! validates and reconciles without panicking, and the data holds what the shared case
//! notes report. These tests check the encoding only, never reconciliation outcomes.

use contested::reconcile::Reconciler;
use contested::{ClaimBody, CountClaim, CountStatus, Dossier, Measure, Statement, Whose};

fn path(name: &str) -> String {
    format!("{}/examples/data/cases/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn load(name: &str) -> Dossier {
    Dossier::from_json_file(path(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn statement<'d>(d: &'d Dossier, id: &str) -> &'d Statement {
    d.statement(&id.into())
        .unwrap_or_else(|| panic!("no statement `{id}`"))
}

fn count<'d>(d: &'d Dossier, id: &str) -> &'d CountClaim {
    d.claim(&id.into())
        .unwrap_or_else(|| panic!("no claim `{id}`"))
        .1
        .body
        .count()
        .unwrap_or_else(|| panic!("`{id}` is not a count"))
}

/// The claim is a count of `measure` for `whose` with exactly these words.
fn assert_count(d: &Dossier, id: &str, measure: Measure, whose: &str, words: &str) {
    let c = count(d, id);
    assert_eq!(c.measure, measure, "{id}: measure");
    let w: Whose = whose.parse().expect("whose");
    assert_eq!(c.whose, w, "{id}: whose");
    assert_eq!(c.estimate.to_string(), words, "{id}: estimate words");
}

fn revises(d: &Dossier, id: &str) -> Vec<String> {
    statement(d, id)
        .revises
        .iter()
        .map(ToString::to_string)
        .collect()
}

fn cites(d: &Dossier, id: &str) -> Vec<String> {
    statement(d, id)
        .cites
        .iter()
        .map(ToString::to_string)
        .collect()
}

fn denies(d: &Dossier, id: &str) -> String {
    match &d.claim(&id.into()).expect("claim").1.body {
        ClaimBody::Denial {
            denies: Some(denies),
            ..
        } => denies.to_string(),
        other => panic!("`{id}` is a {} claim, not a denial", other.kind_name()),
    }
}

const FILES: [&str; 6] = [
    "georgia_2008.json",
    "balakot_2019.json",
    "al_asad_2020.json",
    "mariupol_theatre_2022.json",
    "al_ahli_2023.json",
    "galwan_2020.json",
];

#[test]
fn every_case_file_loads_and_reconciles() {
    let dir = format!("{}/examples/data/cases", env!("CARGO_MANIFEST_DIR"));
    let mut seen = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("cases dir") {
        let p = entry.expect("entry").path();
        if p.extension().is_some_and(|e| e == "json") {
            let d = Dossier::from_json_file(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            let r = Reconciler::new().reconcile(&d);
            // The text report must render too.
            assert!(!r.to_string().is_empty(), "{}", p.display());
            seen.push(p.file_name().unwrap().to_string_lossy().into_owned());
        }
    }
    seen.sort();
    let mut want: Vec<String> = FILES.iter().map(|s| s.to_string()).collect();
    want.sort();
    assert_eq!(seen, want);
}

#[test]
fn every_statement_has_sources_and_a_row_id() {
    for (file, prefix) in FILES.iter().zip(["G", "B", "A", "M", "H", "GV"]) {
        let d = load(file);
        for s in d.statements() {
            assert!(s.id.as_str().starts_with(prefix), "{file}: {}", s.id);
            assert!(!s.sources.is_empty(), "{file}: {} has no source", s.id);
        }
    }
}

#[test]
fn georgia_2008() {
    let d = load("georgia_2008.json");
    assert_eq!(d.statements().len(), 54);
    // 107, G24b-denial (the denial of an unrecorded allegation) and
    // G32a-friendly-fire-share (CAST's "half of the lost planes", a relative claim).
    assert_eq!(d.claims().count(), 109);
    // The Georgian own-loss series (killed/georgia/any and its parts).
    assert_count(&d, "G15-killed", Measure::Killed, "georgia", "175");
    assert_eq!(count(&d, "G15-killed").status(), CountStatus::Running);
    assert_count(&d, "G18-killed", Measure::Killed, "georgia", "182");
    assert_count(&d, "G19-killed", Measure::Killed, "georgia", "215");
    assert_count(&d, "G23-killed", Measure::Killed, "georgia", "215");
    assert_count(&d, "G24-killed-military", Measure::Killed, "georgia", "169");
    assert_count(&d, "G25-killed", Measure::Killed, "georgia", "295");
    assert_count(
        &d,
        "G27a-killed-civilian",
        Measure::Killed,
        "georgia",
        "188",
    );
    assert_count(
        &d,
        "G35a-killed-civilian",
        Measure::Killed,
        "georgia",
        "228",
    );
    assert_count(&d, "G38-killed", Measure::Killed, "georgia", "about 400");
    assert_eq!(count(&d, "G35a-killed-military").breakdown.len(), 2);
    // Russian own losses, with the explicit correction "64, not 74".
    assert_count(&d, "G9-killed", Measure::Killed, "russia", "18");
    assert_count(&d, "G14-killed", Measure::Killed, "russia", "at least 74");
    assert!(count(&d, "G14-killed").as_of.is_some());
    assert_count(&d, "G20-killed", Measure::Killed, "russia", "64");
    assert_count(&d, "G31-killed", Measure::Killed, "russia", "64");
    assert_count(&d, "G34-killed", Measure::Killed, "russia", "67");
    assert_count(&d, "G35b-killed", Measure::Killed, "russia", "67");
    assert_count(
        &d,
        "G37-peacekeepers-killed",
        Measure::Killed,
        "russia",
        "10",
    );
    // Russian aircraft: Georgia's tally against Russia's own 4 and CAST's 6.
    for (id, words) in [
        ("G2-aircraft", "3"),
        ("G3-aircraft", "6"),
        ("G10a-aircraft", "10"),
        ("G8-aircraft", "12"),
        ("G10b-aircraft", "at least 19"),
        ("G10c-aircraft", "4"),
        ("G32a-aircraft", "6"),
        ("G33-aircraft", "4"),
    ] {
        assert_count(&d, id, Measure::AircraftLost, "russia", words);
    }
    // South Ossetian toll: the high band against the investigators and the SO's own 365.
    assert_count(
        &d,
        "G1-killed",
        Measure::Killed,
        "south-ossetia",
        "more than 1,400",
    );
    assert_count(
        &d,
        "G4-killed",
        Measure::Killed,
        "south-ossetia",
        "at least 2,000",
    );
    assert_count(
        &d,
        "G11-killed",
        Measure::Killed,
        "south-ossetia",
        "about 1,600",
    );
    assert_count(&d, "G21-killed", Measure::Killed, "south-ossetia", "1,492");
    assert_count(
        &d,
        "G22-killed",
        Measure::Killed,
        "south-ossetia",
        "133 so far",
    );
    assert_eq!(count(&d, "G22-killed").status(), CountStatus::Running);
    assert_count(&d, "G29-killed", Measure::Killed, "south-ossetia", "162");
    assert_count(&d, "G35c-killed", Measure::Killed, "south-ossetia", "365");
    assert_count(&d, "G6-killed", Measure::Killed, "all", "at least 2,000");
    // HRW's 44 is a morgue count, not a toll.
    assert_count(
        &d,
        "G16b-bodies",
        Measure::BodiesRecovered,
        "south-ossetia",
        "at least 44",
    );
    assert_eq!(cites(&d, "G17"), ["G16b"]);
    assert_eq!(cites(&d, "G28"), ["G16b"]);
    // Revision links where the case notes put them.
    assert_eq!(revises(&d, "G20"), ["G14"]);
    assert_eq!(revises(&d, "G21"), ["G1"]);
    assert_eq!(revises(&d, "G25"), ["G24a"]);
    assert_eq!(revises(&d, "G29"), ["G22"]);
    assert_eq!(revises(&d, "G34"), ["G20", "G31"]);
    assert_eq!(revises(&d, "G35c"), ["G21"]);
    assert_eq!(denies(&d, "G2b-denial"), "G2-aircraft");
    assert_eq!(denies(&d, "G32b-denial"), "G32a-friendly-fire");
    // "Half of the lost planes were downed by friendly fire": half of Russia's aircraft
    // lost, as a relative claim beside the action claim Russia denies.
    let share = d
        .claim(&"G32a-friendly-fire-share".into())
        .expect("claim")
        .1
        .body
        .relative()
        .expect("a relative claim");
    assert_eq!(share.ratio.to_string(), "half");
    assert_eq!(share.measure, Measure::AircraftLost);
    assert_eq!(
        share.of.to_string(),
        "aircraft_lost/russia/military",
        "of Russia's own aircraft lost"
    );
    // The fact-finding mission's figures are each side's own, relayed.
    for (id, speaker) in [
        ("G35a", "georgia"),
        ("G35b", "russia"),
        ("G35c", "south-ossetia"),
    ] {
        let s = statement(&d, id);
        assert_eq!(s.speaker.as_ref().unwrap().as_str(), speaker);
        assert_eq!(s.relay[0].outlet.as_str(), "iiffmcg");
    }
    assert_eq!(d.mediators().len(), 1);
    // Channels where the reports name them; G3a's two outlets carried the briefing in
    // parallel.
    let channel = |id: &str| {
        statement(&d, id)
            .channel
            .as_ref()
            .map(|c| c.kind.to_string())
    };
    assert_eq!(channel("G3a").as_deref(), Some("press conference"));
    assert_eq!(channel("G24b").as_deref(), Some("parliament"));
    assert_eq!(
        contested::relay::parents(&statement(&d, "G3a").relay),
        [None, None]
    );
    // Bakradze's denial of an accusation no claim records: reported, paired with none.
    let r = Reconciler::new().reconcile(&d);
    let denial = r
        .discrepancies()
        .iter()
        .find_map(|x| match x {
            contested::reconcile::Discrepancy::Denial {
                by,
                denies,
                allegation,
                matches,
                ..
            } if by.claim.as_str() == "G24b-denial" => Some((denies, allegation, matches)),
            _ => None,
        })
        .expect("G24b's denial is reported");
    assert_eq!(denial.0, &None);
    assert_eq!(
        denial.1.as_ref().and_then(|a| a.quote.as_deref()),
        Some("the authorities are distorting figures")
    );
    assert!(denial.2.is_empty());
}

#[test]
fn balakot_2019() {
    let d = load("balakot_2019.json");
    assert_eq!(d.statements().len(), 33);
    assert_eq!(d.claims().count(), 47);
    // No official Indian figure: Gokhale's statement has no count.
    assert!(
        statement(&d, "B3")
            .claims
            .iter()
            .all(|c| c.body.count().is_none())
    );
    assert_count(&d, "B4a-killed", Measure::Killed, "jem", "more than 300");
    assert!(statement(&d, "B4a").speaker.is_none());
    assert_count(&d, "B5-killed", Measure::Killed, "jem", "350");
    assert_eq!(
        statement(&d, "B5").speaker.as_ref().unwrap().as_str(),
        "newsx"
    );
    assert_count(&d, "B19a-killed", Measure::Killed, "jem", "more than 250");
    for id in ["B1-killed", "B6-killed", "B8-killed"] {
        assert_count(&d, id, Measure::Killed, "all", "0");
    }
    assert_count(&d, "B7b-wounded", Measure::Wounded, "pakistan", "1");
    assert_count(&d, "B26-killed", Measure::Killed, "all", "at least 300");
    // Aircraft.
    assert_count(&d, "B11-aircraft", Measure::AircraftLost, "india", "2");
    assert_count(&d, "B15b-aircraft", Measure::AircraftLost, "india", "2");
    assert_count(&d, "B14-own-aircraft", Measure::AircraftLost, "india", "1");
    assert_count(
        &d,
        "B14-pak-aircraft",
        Measure::AircraftLost,
        "pakistan",
        "1",
    );
    assert_count(
        &d,
        "B12-own-aircraft",
        Measure::AircraftLost,
        "pakistan",
        "0",
    );
    assert_count(
        &d,
        "B21-pak-aircraft",
        Measure::AircraftLost,
        "pakistan",
        "0",
    );
    assert_count(&d, "B25a-killed", Measure::Killed, "india", "6");
    // Pilots: 1 -> 2 -> 1, the last an explicit correction.
    assert_count(&d, "B11-captured", Measure::Captured, "india", "1");
    assert_count(&d, "B12-captured", Measure::Captured, "india", "2");
    assert_count(&d, "B15a-captured", Measure::Captured, "india", "1");
    assert_eq!(revises(&d, "B15a"), ["B12"]);
    assert_eq!(denies(&d, "B9-denies-350"), "B5-killed");
    assert_eq!(denies(&d, "B18-denies-B12"), "B12-own-aircraft");
    assert_eq!(cites(&d, "B22"), ["B21"]);
    assert_eq!(d.mediators().len(), 1);
    assert_eq!(d.mediators()[0].appeals.len(), 2);
}

#[test]
fn al_asad_2020() {
    let d = load("al_asad_2020.json");
    assert_eq!(d.statements().len(), 19);
    assert_eq!(d.claims().count(), 25);
    assert_count(&d, "A3-killed", Measure::Killed, "usa", "at least 80");
    assert_count(&d, "A4-killed", Measure::Killed, "usa", "over 80");
    assert_count(&d, "A4-wounded", Measure::Wounded, "usa", "some 200");
    assert_count(&d, "A6-casualties", Measure::Casualties, "usa", "0");
    assert_count(&d, "A11-killed", Measure::Killed, "usa", "0");
    assert_count(&d, "A8-casualties", Measure::Casualties, "usa", "tens");
    // The first figure is people flown out for screening, not diagnosed injuries.
    assert_count(&d, "A11-evacuated", Measure::Evacuated, "usa", "11");
    assert_eq!(count(&d, "A11-evacuated").breakdown.len(), 2);
    for (id, words) in [
        ("A14-wounded", "34"),
        ("A15-wounded", "50"),
        ("A16a-wounded", "64"),
        ("A17-wounded", "109"),
        ("A18-wounded", "110"),
    ] {
        assert_count(&d, id, Measure::Wounded, "usa", words);
    }
    assert_eq!(count(&d, "A15-wounded").status(), CountStatus::Running);
    assert_eq!(count(&d, "A17-wounded").status(), CountStatus::Running);
    assert_eq!(revises(&d, "A15"), ["A14"]);
    assert_eq!(revises(&d, "A16a"), ["A15"]);
    assert_eq!(revises(&d, "A17"), ["A16a"]);
    assert_eq!(revises(&d, "A18"), ["A17"]);
    assert_eq!(denies(&d, "A8-denies-intent"), "A7-intent");
    assert_eq!(denies(&d, "A9-denies-intent"), "A7-intent");
    // One anonymous IRGC source behind A3 and A4.
    assert_eq!(statement(&d, "A3").speaker, statement(&d, "A4").speaker);
}

#[test]
fn mariupol_theatre_2022() {
    let d = load("mariupol_theatre_2022.json");
    assert_eq!(d.statements().len(), 19);
    assert_eq!(d.claims().count(), 25);
    assert_count(&d, "M10-killed", Measure::Killed, "ukraine", "about 300");
    assert_count(&d, "M11b-killed", Measure::Killed, "ukraine", "300");
    assert_count(&d, "M12-killed", Measure::Killed, "ukraine", "about 600");
    assert_count(
        &d,
        "M13a-killed",
        Measure::Killed,
        "ukraine",
        "at least a dozen",
    );
    assert_count(&d, "M14b-killed", Measure::Killed, "ukraine", "hundreds");
    // "130 rescued": one count relayed.
    assert_count(
        &d,
        "M4-rescued",
        Measure::Evacuated,
        "ukraine",
        "130 so far",
    );
    assert_eq!(cites(&d, "M6"), ["M4"]);
    assert_eq!(cites(&d, "M9"), ["M4"]);
    assert_eq!(cites(&d, "M11b"), ["M10"]);
    // Russia gives no figure.
    for id in ["M3a", "M3b", "M15"] {
        assert!(
            statement(&d, id)
                .claims
                .iter()
                .all(|c| c.body.count().is_none())
        );
    }
    assert_eq!(denies(&d, "M3a-denies-M1"), "M1-bombing");
    assert_eq!(denies(&d, "M11a-denies-M3a"), "M3a-blame");
    assert_eq!(denies(&d, "M13a-denies-M3a"), "M3a-blame");
    assert_eq!(denies(&d, "M12-denies-M3b"), "M3b-hostages");
    // Occupancy figures are not counts of anything.
    for id in ["M2", "M5"] {
        assert!(statement(&d, id).claims.is_empty());
    }
}

#[test]
fn al_ahli_2023() {
    let d = load("al_ahli_2023.json");
    assert_eq!(d.statements().len(), 26);
    assert_eq!(d.claims().count(), 43);
    assert_count(
        &d,
        "H1-killed",
        Measure::Killed,
        "all",
        "between 200 and 300",
    );
    assert_count(&d, "H2-killed", Measure::Killed, "all", "at least 500");
    assert_count(&d, "H3-killed", Measure::Killed, "all", "more than 300");
    assert_count(&d, "H13-killed", Measure::Killed, "all", "471");
    assert_count(&d, "H14-killed", Measure::Killed, "all", "at least 471");
    assert_count(&d, "H13-wounded", Measure::Wounded, "all", "more than 314");
    assert_count(&d, "H14-wounded", Measure::Wounded, "all", "342");
    assert_count(
        &d,
        "H17-killed",
        Measure::Killed,
        "all",
        "between 10 and 50",
    );
    assert_count(
        &d,
        "H18-killed",
        Measure::Killed,
        "all",
        "between 100 and 300",
    );
    assert_eq!(count(&d, "H18-killed").status(), CountStatus::Running);
    assert_eq!(revises(&d, "H2"), ["H1"]);
    assert_eq!(revises(&d, "H13"), ["H2"]);
    assert_eq!(revises(&d, "H7b"), ["H7a"]);
    assert_eq!(revises(&d, "H11"), ["H6", "H8"]);
    assert_eq!(denies(&d, "H7b-retraction"), "H7a-strike");
    assert_eq!(denies(&d, "H10-denies-H8"), "H8-blame");
    assert_eq!(cites(&d, "H22"), ["H14"]);
    // France gave no number.
    assert!(
        statement(&d, "H19")
            .claims
            .iter()
            .all(|c| c.body.count().is_none())
    );
    // The same speaker, the ministry, for H1, H2 and H14; its spokesman for H13.
    for id in ["H1", "H2", "H14"] {
        assert_eq!(
            statement(&d, id).speaker.as_ref().unwrap().as_str(),
            "gaza-moh"
        );
    }
    assert_eq!(
        d.party_of(statement(&d, "H13").speaker.as_ref().unwrap())
            .unwrap()
            .id
            .as_str(),
        "gaza-authorities"
    );
}

#[test]
fn galwan_2020() {
    let d = load("galwan_2020.json");
    assert_eq!(d.statements().len(), 11);
    assert_eq!(d.claims().count(), 13);
    // The Indian Army's same-day revision, 3 then 20.
    let gv2 = d
        .statements()
        .iter()
        .find(|s| s.id.as_str() == "GV2")
        .unwrap();
    assert_eq!(
        gv2.revises.iter().map(|r| r.as_str()).collect::<Vec<_>>(),
        ["GV1"]
    );
    // PTI's "35 dead and injured" cites the US figure it relays.
    let gv5 = d
        .statements()
        .iter()
        .find(|s| s.id.as_str() == "GV5")
        .unwrap();
    assert_eq!(
        gv5.cites.iter().map(|r| r.as_str()).collect::<Vec<_>>(),
        ["GV4"]
    );
}
