//! Inputs that once made the library slow, huge or misleading (issue 12): output that
//! grows with the input, not with pairs of it; linear validation and ingest, checked by
//! comparing sizes, never by the clock.
#![cfg(feature = "corpus")]

use contested::Dossier;
use contested::corpus::stress;
use contested::reconcile::{Discrepancy, Reconciler};

fn load(json: &str) -> Dossier {
    Dossier::from_json(json).expect("stress inputs are valid")
}

#[test]
fn a_timing_conflict_is_reported_as_groups_not_pairs() {
    let d = load(&stress::timing_claims(40));
    let r = Reconciler::new().reconcile(&d);
    let groups = r
        .discrepancies()
        .iter()
        .find_map(|d| match d {
            Discrepancy::TimingConflict { groups, .. } => Some(groups),
            _ => None,
        })
        .expect("a timing conflict");
    assert_eq!(groups.len(), 2);
    assert_eq!(groups[0].claims.len(), 20);
    assert_eq!(groups[1].claims.len(), 20);
    for g in groups {
        assert!(
            g.claims
                .iter()
                .all(|c| c.window.contains(g.overlap.earliest()))
        );
    }
    // Every claim is cited once, and the full detail is still there on request.
    assert_eq!(r.discrepancies()[0].cites().len(), 40);
    assert_eq!(r.timings()[0].disjoint_pairs().count(), 400);
}

#[test]
fn timing_reports_grow_linearly() {
    let size = |n: usize| {
        let r = Reconciler::new().reconcile(&load(&stress::timing_claims(n)));
        (r.to_string().len(), r.to_json().len())
    };
    let (text1, json1) = size(200);
    let (text2, json2) = size(400);
    // Twice the claims: about twice the output (every disjoint pair would be four times).
    assert!(text2 * 10 < text1 * 25, "text {text1} -> {text2}");
    assert!(json2 * 10 < json1 * 25, "json {json1} -> {json2}");
}

#[test]
fn timing_groups_are_the_fewest_that_each_share_a_moment() {
    // Staircase windows [i, i + 2] hours: consecutive ones overlap, every third is disjoint.
    use contested::reconcile::{Cite, TimedCite, TimingSummary};
    use contested::{Boundary, TimeWindow};
    let h = |i: i64| {
        chrono::DateTime::parse_from_rfc3339("2022-09-13T00:00:00Z").unwrap()
            + chrono::Duration::hours(i)
    };
    let claims: Vec<TimedCite> = (0..9)
        .map(|i| {
            TimedCite::new(
                Cite::new(format!("c{i}"), format!("s{i}"), None),
                TimeWindow::new(h(i), h(i + 2)).unwrap(),
            )
        })
        .collect();
    let t = TimingSummary::new("e", Boundary::Onset, claims);
    let groups = t.groups();
    // Windows 0, 3 and 6 are pairwise disjoint, so no fewer than three groups exist.
    assert_eq!(groups.len(), 3);
    let sizes: Vec<usize> = groups.iter().map(|g| g.claims.len()).collect();
    assert_eq!(sizes, [3, 3, 3]);
    let brute = t.disjoint_pairs().count();
    assert_eq!(
        brute,
        (0..9)
            .map(|i: i64| (0..9).filter(|&j: &i64| j > i + 2).count())
            .sum::<usize>()
    );
}

#[test]
fn a_chain_of_denials_is_left_out_in_one_pass() {
    use contested::ingest::{IngestError, OnError, ingest_into};
    // 20,000 lines: one validation round per link (the old way) would take minutes even
    // in release; the cascade takes two validations.
    let n = 20_000;
    let (context, jsonl) = stress::denial_chain(n);
    let context = load(&context);
    let (d, skipped) =
        ingest_into(&context, jsonl.as_bytes(), OnError::SkipAndReport).expect("reads");
    assert!(d.statements().is_empty());
    assert_eq!(skipped.len(), n);
    let lines: Vec<usize> = skipped.iter().map(IngestError::line).collect();
    assert_eq!(lines, (1..=n).collect::<Vec<_>>());
    assert_eq!(
        skipped[0].to_string(),
        "line 1: speaker: unknown actor `nobody`"
    );
    assert_eq!(
        skipped[1].to_string(),
        "line 2: claims[0].denial.denies: unknown claim `c0`"
    );
}

#[test]
fn a_chain_of_denials_keeps_the_lines_that_lean_on_nothing_bad() {
    use contested::ingest::{OnError, ingest_into};
    let (context, jsonl) = stress::denial_chain(6);
    let context = load(&context);
    // Line 4 denies c2 no longer: it denies the context-free claim of a good line 7.
    let mut lines: Vec<String> = jsonl.lines().map(str::to_owned).collect();
    lines[3] = lines[3].replace("\"denies\":\"c2\"", "\"denies\":\"c6\"");
    lines.push(
        lines[1]
            .replace("\"s1\"", "\"s6\"")
            .replace("\"c1\"", "\"c6\"")
            .replace("\"denies\":\"c0\"", "\"denies\":\"c5\""),
    );
    let jsonl = lines.join("\n");
    let (d, skipped) =
        ingest_into(&context, jsonl.as_bytes(), OnError::SkipAndReport).expect("reads");
    let skipped: Vec<usize> = skipped.iter().map(|e| e.line()).collect();
    // 1 is bad, 2 and 3 lean on it; 4 leans on 7, which leans on 6, which leans on 5,
    // which leans on 4: a denial cycle of good lines, all kept.
    assert_eq!(skipped, [1, 2, 3]);
    assert_eq!(d.statements().len(), 4);
}

#[test]
fn a_duplicate_statement_in_json_lines_names_the_line_of_the_first() {
    use contested::ingest::{OnError, ingest_into};
    let (context, jsonl) = stress::denial_chain(2);
    let context = load(&context);
    let second = jsonl.lines().nth(1).expect("two lines").to_owned();
    let jsonl = format!("{second}\n\n{}\n", second.replace("\"c1\"", "\"c9\""));
    let jsonl = jsonl.replace("\"denies\":\"c0\"", "\"denies\":\"c1\"");
    let (_, skipped) =
        ingest_into(&context, jsonl.as_bytes(), OnError::SkipAndReport).expect("reads");
    let messages: Vec<String> = skipped.iter().map(ToString::to_string).collect();
    assert!(
        messages
            .iter()
            .any(|m| m == "line 3: id: duplicate statement id `s1` (first at line 1: id)"),
        "{messages:?}"
    );
}

#[test]
fn a_long_relay_chain_is_checked_in_one_pass() {
    // 100,000 outlets took 8 to 13 s to load in release (a list search per outlet).
    let d = load(&stress::long_relay(100_000));
    assert_eq!(d.statements()[0].relay.len(), 100_000);
    // A loop at the very end is still found.
    let looped = stress::long_relay(1_000).replace(r#""o999"]"#, r#""o999","o0"]"#);
    let err = Dossier::from_json(&looped).expect_err("a relay loop");
    assert!(
        err.to_string().contains("statements[0].relay[1000]"),
        "{err}"
    );
}

#[test]
fn a_duplicate_actor_is_reported_once() {
    let json =
        r#"{"actors":[{"id":"a","name":"A","kind":"state"},{"id":"a","name":"A","kind":"state"}]}"#;
    let err = Dossier::from_json(json).expect_err("a duplicate");
    let text = err.to_string();
    assert!(text.contains("duplicate actor id `a`"), "{text}");
    assert!(!text.contains("ambiguous"), "{text}");
}

#[test]
fn claims_deep_under_a_long_about_list_are_checked_once_per_event() {
    // A 2,000-deep chain of events, 1,000 claims on the deepest, the statement about
    // 1,000 unrelated events and then the root: each claim walked the chain and searched
    // the list at every step.
    let depth = 2_000;
    let mut events = vec![r#"{"id":"e0","name":"E","kind":"war"}"#.to_owned()];
    events.extend((1..depth).map(|i| {
        format!(
            r#"{{"id":"e{i}","name":"E","kind":"clash","parent":"e{}"}}"#,
            i - 1
        )
    }));
    events.extend((0..1_000).map(|i| format!(r#"{{"id":"u{i}","name":"U","kind":"clash"}}"#)));
    let about: Vec<String> = (0..1_000)
        .map(|i| format!(r#""u{i}""#))
        .chain([r#""e0""#.to_owned()])
        .collect();
    let claims: Vec<String> = (0..1_000)
        .map(|j| {
            format!(
                r#"{{"id":"c{j}","event":"e{}","count":{{"measure":"killed","whose":"all","category":"any","estimate":"5"}}}}"#,
                depth - 1
            )
        })
        .collect();
    let json = format!(
        r#"{{"actors":[{{"id":"x","name":"X","kind":"agency"}}],"events":[{}],"statements":[{{"id":"s","speaker":"x","form":"paraphrase","made":{{"earliest":"2022-09-13T12:00:00Z","latest":"2022-09-13T12:00:00Z"}},"about":[{}],"claims":[{}]}}]}}"#,
        events.join(","),
        about.join(","),
        claims.join(",")
    );
    assert_eq!(load(&json).claims().count(), 1_000);
    let not_about = json.replace(r#","e0"]"#, "]");
    let err = Dossier::from_json(&not_about).expect_err("not about");
    let text = err.to_string();
    assert_eq!(text.matches("speaks only of").count(), 1_000);
    // Each names the list's start and its length, not its thousand ids.
    assert!(text.contains("u7, … and 992 more"), "{}", &text[..300]);
    assert!(text.len() < 1_000 * 300, "{} bytes", text.len());
}

#[test]
fn the_text_report_escapes_what_came_from_input() {
    use contested::{
        Actor, ActorKind, Boundary, Category, Claim, ClaimBody, Event, EventKind, Measure,
        Statement, TimeWindow, Whose,
    };
    let at = |s: &str| TimeWindow::instant(s.parse().expect("a time"));
    let evil = |tag: &str| format!("{tag}\u{1b}[2J\u{9b}31m\nFORGED LINE\u{202E}txt\u{2066}");
    let (a, b, e) = (evil("A"), evil("B"), evil("E"));
    let d = Dossier::builder()
        .actor(Actor::new(a.clone(), evil("name"), ActorKind::State))
        .actor(Actor::new(b.clone(), "B", ActorKind::Agency))
        .event(Event::new(e.clone(), evil("event"), EventKind::Clash).with_side(a.clone()))
        .statement(
            Statement::new(evil("S1"), a.clone(), at("2022-09-13T08:00:00Z"))
                .relayed_by(b.clone())
                .with_quote(evil("quote"))
                .claim(Claim::count(
                    evil("C1"),
                    e.clone(),
                    Measure::Killed,
                    Whose::party(a.clone()),
                    Category::Unit(evil("unit")),
                    "50".parse().expect("an estimate"),
                ))
                .claim(Claim::new(
                    evil("T1"),
                    e.clone(),
                    ClaimBody::Timing {
                        boundary: Boundary::Onset,
                        window: at("2022-09-13T01:00:00Z").with_phrase(evil("phrase")),
                    },
                ))
                .claim(Claim::new(
                    evil("R1"),
                    e.clone(),
                    ClaimBody::Responsibility {
                        initiator: a.as_str().into(),
                        against: None,
                        description: Some(evil("words")),
                    },
                )),
        )
        .statement(
            Statement::new(evil("S2"), b.clone(), at("2022-09-13T09:00:00Z"))
                .claim(Claim::count(
                    evil("C2"),
                    e.clone(),
                    Measure::Killed,
                    Whose::party(a.clone()),
                    Category::Unit(evil("unit")),
                    "500".parse().expect("an estimate"),
                ))
                .claim(Claim::new(
                    evil("T2"),
                    e.clone(),
                    ClaimBody::Timing {
                        boundary: Boundary::Onset,
                        window: at("2022-09-13T05:00:00Z"),
                    },
                ))
                .claim(Claim::new(
                    evil("D2"),
                    e.clone(),
                    ClaimBody::Denial {
                        denies: Some(evil("R1").into()),
                        allegation: None,
                        wording: Some(evil("denial")),
                    },
                )),
        )
        .build()
        .expect("hostile but valid");
    let r = Reconciler::new().reconcile(&d);
    let text = r.to_string();
    for c in ['\u{1b}', '\u{9b}', '\u{202E}', '\u{2066}', '\r'] {
        assert!(!text.contains(c), "a raw {c:?} in the report");
    }
    assert!(
        !text.lines().any(|l| l.starts_with("FORGED")),
        "an id forged a report line"
    );
    assert!(text.contains(r"A\u{1b}[2J\u{9b}31m\nFORGED LINE\u{202e}txt\u{2066}"));
    assert!(text.contains("timing conflict"));
    // The JSON is exact.
    let exact = serde_json::to_string(&a).expect("a string");
    assert!(r.to_json().contains(exact.trim_matches('"')));
}

#[test]
fn estimate_errors_say_what_is_wrong_and_echo_little() {
    use contested::{Estimate, ParseEstimateError};
    let err = "-1".parse::<Estimate>().unwrap_err();
    assert!(matches!(err, ParseEstimateError::Negative { .. }), "{err}");
    assert_eq!(
        err.to_string(),
        r#"quantity phrase "-1": a count cannot be negative"#
    );
    assert!(matches!(
        "at least -5".parse::<Estimate>(),
        Err(ParseEstimateError::Negative { .. })
    ));
    let err = "more than 18446744073709551615"
        .parse::<Estimate>()
        .unwrap_err();
    assert!(
        matches!(err, ParseEstimateError::EmptyRange { .. }),
        "{err}"
    );
    assert!("more than 18446744073709551614".parse::<Estimate>().is_ok());
    // A megabyte phrase gives a short message that says how long the input was.
    let huge = format!("at least {}", "x".repeat(1 << 20));
    let err = huge.parse::<Estimate>().unwrap_err().to_string();
    assert!(err.len() < 400, "{} bytes of error", err.len());
    assert!(err.contains(&format!("({} bytes)", huge.len())), "{err}");
    let json = format!(
        r#"{{"actors":[{{"id":"a","name":"A","kind":"{}"}}]}}"#,
        "planet".repeat(100_000)
    );
    let err = Dossier::from_json(&json).unwrap_err().to_string();
    assert!(err.len() < 1_000, "{} bytes of error", err.len());
}

#[test]
fn positional_arrays_are_refused_for_nested_items_too() {
    let made = r#"{"earliest":"2022-09-13T12:00:00Z","latest":"2022-09-13T12:00:00Z"}"#;
    let cases = [
        (r#"{"actors":[["a","A","state"]]}"#.to_owned(), "actors[0]"),
        (r#"{"events":[["e","E","clash"]]}"#.to_owned(), "events[0]"),
        (
            format!(
                r#"{{"actors":[{{"id":"a","name":"A","kind":"state"}}],"statements":[["s","a",{made},[],"paraphrase"]]}}"#
            ),
            "statements[0]",
        ),
        (
            format!(
                r#"{{"actors":[{{"id":"a","name":"A","kind":"state"}}],"events":[{{"id":"e","name":"E","kind":"clash"}}],"statements":[{{"id":"s","speaker":"a","made":{made},"form":"paraphrase","claims":[["c","e"]]}}]}}"#
            ),
            "statements[0].claims[0]",
        ),
        (r#"{"mediators":[["a"]]}"#.to_owned(), "mediators[0]"),
    ];
    for (json, path) in cases {
        match Dossier::from_json(&json) {
            Err(contested::LoadError::Json {
                path: p, message, ..
            }) => {
                assert_eq!(p, path, "{json}: {message}");
                assert!(message.contains("invalid type: sequence"), "{message}");
            }
            other => panic!("{json}: {other:?}"),
        }
    }
    let record = format!(r#"["s","a",{made},[],"paraphrase"]"#);
    let err = contested::ingest::JsonLines::new(record.as_bytes())
        .next()
        .expect("a line")
        .unwrap_err();
    assert!(err.to_string().contains("invalid type: sequence"), "{err}");
}

#[test]
fn invalid_utf8_and_a_byte_order_mark() {
    use contested::{LoadError, LoadOptions};
    let bad = b"{\n \"title\": \"caf\xE9\"\n}";
    match Dossier::from_reader_with(&bad[..], &LoadOptions::default()) {
        Err(LoadError::Utf8 {
            line,
            column,
            offset,
        }) => {
            assert_eq!((line, column, offset), (2, 15, 16));
        }
        other => panic!("{other:?}"),
    }
    let dir = std::env::temp_dir().join(format!("contested-hardening-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp dir");
    let file = dir.join("bad.json");
    std::fs::write(&file, bad).expect("written");
    let err = Dossier::from_json_file(&file).unwrap_err();
    assert!(err.to_string().contains("line 2, column 15"), "{err}");
    // A leading BOM is skipped, in a file, a string and JSON Lines alike.
    std::fs::write(&file, b"\xEF\xBB\xBF{\"title\": \"t\"}").expect("written");
    assert_eq!(
        Dossier::from_json_file(&file)
            .expect("a BOM is fine")
            .title(),
        Some("t")
    );
    assert!(Dossier::from_json("\u{FEFF}{}").is_ok());
    let (context, jsonl) = stress::denial_chain(2);
    let jsonl = format!(
        "\u{FEFF}{}",
        jsonl
            .lines()
            .nth(1)
            .expect("a line")
            .replace("c0", "nothing")
    );
    let first = contested::ingest::JsonLines::new(jsonl.as_bytes())
        .next()
        .expect("a line");
    assert!(first.is_ok(), "{first:?}");
    let _ = context;
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn loading_stops_at_the_size_limit() {
    use contested::ingest::{IngestError, OnError, ingest_into_with};
    use contested::{LoadError, LoadOptions};
    let json = stress::timing_claims(100);
    let options = LoadOptions::default().max_bytes(1_000);
    // An endless input: reading stops one byte past the limit.
    let zeros = std::io::repeat(0);
    assert!(matches!(
        Dossier::from_reader_with(zeros, &options),
        Err(LoadError::TooLarge { limit: 1_000 })
    ));
    assert!(matches!(
        Dossier::from_reader_with(json.as_bytes(), &options),
        Err(LoadError::TooLarge { .. })
    ));
    let exact = LoadOptions::default().max_bytes(json.len() as u64);
    assert!(Dossier::from_reader_with(json.as_bytes(), &exact).is_ok());
    let (context, jsonl) = stress::denial_chain(100);
    let context = load(&context);
    let endless = std::io::BufReader::new(std::io::Read::chain(
        jsonl.as_bytes(),
        std::io::repeat(b'\n'),
    ));
    match ingest_into_with(&context, endless, OnError::SkipAndReport, &options) {
        Err(IngestError::TooLarge { limit, .. }) => assert_eq!(limit, 1_000),
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_statements_relay_chain_is_stored_once_for_all_its_claims() {
    use contested::reconcile::Shared;
    let d = load(&stress::wide_relay(2_000, 50));
    let r = Reconciler::new().reconcile(&d);
    let claims = r.evidence().claims();
    assert_eq!(claims.len(), 50);
    assert!(
        claims
            .iter()
            .all(|c| Shared::ptr_eq(&c.relay, &claims[0].relay))
    );
    assert!(
        claims
            .iter()
            .all(|c| Shared::ptr_eq(&c.hedges, &claims[0].hedges))
    );
    assert_eq!(claims[0].relay.len(), 2_000);
    // Cloning the evidence shares too.
    let again = r.evidence().clone();
    assert!(Shared::ptr_eq(&again.claims()[7].relay, &claims[0].relay));
    // The JSON keeps every outlet of every claim; the text names the chain's ends.
    let text = r.to_string();
    assert!(
        text.contains("via o0 > o1 > o2 > … > o1998 > o1999 (2000 outlets)"),
        "{}",
        &text[..2000.min(text.len())]
    );
    assert!(text.len() < 50 * 1_000, "{} bytes", text.len());
}

#[test]
fn fuzz_recipes_reach_the_stress_shapes() {
    // The structure-aware fuzz generator must reach thousands of claims, long relays and
    // many timing claims, and mostly valid files, or fuzzing never meets these shapes.
    let mut x: u64 = 1;
    let (mut valid, mut claims, mut relay, mut timing) = (0, 0, 0, 0);
    for _ in 0..20 {
        let bytes: Vec<u8> = (0..256)
            .map(|_| {
                x = x
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                (x >> 33) as u8
            })
            .collect();
        if let Ok(d) = Dossier::from_json(&stress::recipe(&bytes, 1_000)) {
            valid += 1;
            claims = claims.max(d.claims().count());
            relay = relay.max(
                d.statements()
                    .iter()
                    .map(|s| s.relay.len())
                    .max()
                    .unwrap_or(0),
            );
            timing = timing.max(
                d.claims()
                    .filter(|(_, c)| matches!(c.body, contested::ClaimBody::Timing { .. }))
                    .count(),
            );
        }
    }
    assert!(valid >= 10, "{valid} of 20 valid");
    assert!(
        claims >= 1_000 && relay >= 300 && timing >= 300,
        "{claims} {relay} {timing}"
    );
}

#[test]
fn a_long_citation_chain_has_one_origin_found_in_one_walk() {
    use contested::reconcile::Origin;
    // Each statement used to walk the chain to its start: 20,000 took 9 s in release.
    let d = load(&stress::citation_chain(10_000));
    let r = Reconciler::new().reconcile(&d);
    let claims = r.evidence().claims();
    assert_eq!(claims.len(), 10_000);
    assert!(
        claims
            .iter()
            .all(|c| c.origin == Origin::Party("x0".into()))
    );
}

#[test]
fn validation_errors_echo_ids_as_excerpts() {
    let long = "x".repeat(1 << 20);
    let json = format!(
        r#"{{"actors":[{{"id":"{long} ","name":"A","kind":"state"}}],"events":[{{"id":"e","name":"E","kind":"clash","sides":["{long}"]}}]}}"#
    );
    let err = Dossier::from_json(&json).unwrap_err().to_string();
    assert!(err.len() < 2_000, "{} bytes of error", err.len());
    assert!(err.contains(&format!("({} bytes)", long.len())), "{err}");
    let id = format!("{long} ").parse::<contested::ActorId>();
    if let Err(e) = id {
        assert!(e.to_string().len() < 300, "{} bytes", e.to_string().len());
    }
    let name = "X"
        .repeat(1 << 20)
        .parse::<contested::Measure>()
        .unwrap_err();
    assert!(name.to_string().len() < 300);
}
