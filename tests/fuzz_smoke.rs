//! A fuzz harness that runs on stable, as an ordinary test: arbitrary bytes, near-valid
//! JSON (a valid dossier mutated byte by byte, or node by node) and arbitrary phrases go
//! to every parser of the crate, which must never panic, must explain every refusal, and
//! must round-trip whatever it accepts.
//!
//! Each property runs `CONTESTED_FUZZ_CASES` cases (default below, a few seconds in
//! debug). For a long run, with overflow checks on:
//!
//! ```text
//! CONTESTED_FUZZ_CASES=200000 CARGO_PROFILE_RELEASE_DEBUG_ASSERTIONS=true \
//!   CARGO_PROFILE_RELEASE_OVERFLOW_CHECKS=true cargo test --release --all-features --test fuzz_smoke
//! ```
//!
//! Inputs that ever broke something are kept in `tests/fuzz_regressions.rs`.

use contested::{Actor, Occurrence};
use contested::{
    ActorId, ActorKind, Appeal, Boundary, BreakdownPart, Category, Claim, ClaimBody, ClaimId,
    ContextRelation, CountClaim, CountRange, Deployment, Dossier, Estimate, Event, EventId,
    EventKind, Form, Hedge, Interpretation, LoadError, Measure, Mediator, Precision, Statement,
    StatementId, Tie, TieKind, TimeWindow, Urge, VagueWord, Whose,
};
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::Value;

/// Cases per property: enough to matter, small enough for a debug `cargo test`.
const DEFAULT_CASES: u32 = 1500;

fn config() -> ProptestConfig {
    let cases = std::env::var("CONTESTED_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_CASES);
    ProptestConfig {
        cases,
        failure_persistence: None,
        max_shrink_iters: 2000,
        ..ProptestConfig::default()
    }
}

fn t(s: &str) -> chrono::DateTime<chrono::FixedOffset> {
    s.parse().unwrap()
}

/// A valid dossier using every kind of item and claim: the corpus the mutators start from.
fn seed_dossier() -> Dossier {
    let day = TimeWindow::new(
        t("2022-09-13T00:00:00+04:00"),
        t("2022-09-13T23:59:59+04:00"),
    )
    .unwrap()
    .with_precision(Precision::Day)
    .with_phrase("Tuesday");
    let night = TimeWindow::new(
        t("2022-09-12T21:00:00+04:00"),
        t("2022-09-13T06:00:00+04:00"),
    )
    .unwrap()
    .with_precision(Precision::PartOfDay)
    .with_phrase("late Monday night and early Tuesday morning");
    Dossier::builder()
        .title("Border clashes, 2022-09-13")
        .source("Agencies")
        .actor(Actor::new("armenia", "Armenia", ActorKind::State))
        .actor(Actor::new("azerbaijan", "Azerbaijan", ActorKind::State).with_alias("Baku"))
        .actor(
            Actor::new(
                "am-mod",
                "Armenian Defense Ministry",
                ActorKind::GovernmentBody,
            )
            .part_of("armenia"),
        )
        .actor(
            Actor::new(
                "az-mfa",
                "Azerbaijani Foreign Ministry",
                ActorKind::GovernmentBody,
            )
            .part_of("azerbaijan"),
        )
        .actor(Actor::new(
            "un",
            "United Nations",
            ActorKind::Intergovernmental,
        ))
        .actor(Actor::new("un-sg", "UN Secretary-General", ActorKind::Person).part_of("un"))
        .actor(Actor::new("spox", "his spokesman", ActorKind::Person).speaks_for("un-sg"))
        .actor(Actor::new("russia", "Russia", ActorKind::State).with_alias("Moscow"))
        .actor(Actor::new("agencies", "Agencies", ActorKind::Agency))
        .event(
            Event::new("clash", "Border clashes", EventKind::Clash)
                .with_side("armenia")
                .with_side("azerbaijan")
                .with_when(night.clone())
                .with_place("Armenia–Azerbaijan border")
                .with_context("war-2020", ContextRelation::Background),
        )
        .event(
            Event::new("shelling", "Artillery and drones", EventKind::ArtilleryFire)
                .within("clash"),
        )
        .event(Event::new("war-2020", "The 2020 war", EventKind::War))
        .event(Event::new(
            "deal-2020",
            "Russia-brokered agreement",
            EventKind::Agreement,
        ))
        .event(
            Event::new(
                "unsc",
                "Security Council consultations",
                EventKind::Consultation,
            )
            .scheduled(),
        )
        .statement(
            Statement::new("am-1", "am-mod", day.clone())
                .relayed_by("agencies")
                .about("clash")
                .claim(Claim::count(
                    "am-killed",
                    "clash",
                    Measure::Killed,
                    Whose::party("armenia"),
                    Category::Military,
                    "at least 49".parse().unwrap(),
                ))
                .claim(Claim::new(
                    "am-blame",
                    "shelling",
                    ClaimBody::Action {
                        actor: "azerbaijan".into(),
                        action: EventKind::ArtilleryFire,
                        target: Some("armenia".into()),
                        description: Some("artillery and drones".into()),
                    },
                ))
                .claim(Claim::new(
                    "am-onset",
                    "clash",
                    ClaimBody::Timing {
                        boundary: Boundary::Onset,
                        window: TimeWindow::instant(t("2022-09-13T00:05:00+04:00")),
                    },
                )),
        )
        .statement(
            Statement::new("az-1", "az-mfa", day.clone())
                .with_form(Form::DirectQuote)
                .with_quote("large-scale provocation")
                .about("clash")
                .claim(Claim::new(
                    "az-blame",
                    "clash",
                    ClaimBody::Responsibility {
                        initiator: "armenia".into(),
                        against: Some("azerbaijan".into()),
                        description: Some("a large-scale provocation".into()),
                    },
                ))
                .claim(Claim::new(
                    "az-deny",
                    "clash",
                    ClaimBody::Denial {
                        denies: Some("am-blame".into()),
                        allegation: None,
                        wording: Some("fake news".into()),
                    },
                ))
                .claim(Claim::new(
                    "az-killed",
                    "clash",
                    ClaimBody::Count(
                        CountClaim::new(
                            Measure::Killed,
                            Whose::party("azerbaijan"),
                            Category::Military,
                            Estimate::exact(50),
                        )
                        .with_part(BreakdownPart::new("army", Estimate::exact(42)))
                        .with_part(BreakdownPart::new("border service", Estimate::exact(8))),
                    ),
                )),
        )
        .statement(
            Statement::unattributed("agencies-1", day.clone())
                .relayed_by("agencies")
                .with_hedge(Hedge::Reportedly)
                .with_hedge(Hedge::Other("unconfirmed".into()))
                .claim(Claim::count(
                    "total",
                    "clash",
                    Measure::Killed,
                    Whose::All,
                    Category::Any,
                    "about 100".parse().unwrap(),
                ))
                .claim(Claim::new(
                    "credit",
                    "deal-2020",
                    ClaimBody::MediationCredit {
                        credited: "russia".into(),
                    },
                )),
        )
        .statement(Statement::new("sg-1", "spox", day).relayed_by("agencies"))
        .mediator(
            Mediator::new("un-sg")
                .with_appeal(Appeal::new(
                    "sg-1",
                    ["armenia", "azerbaijan"],
                    [Urge::Restraint, Urge::Other("dialogue".into())],
                ))
                .with_consultation("unsc"),
        )
        .mediator(
            Mediator::new("russia")
                .with_brokered("deal-2020")
                .with_deployment(Deployment::new(
                    "deal-2020",
                    "roughly 2,000".parse().unwrap(),
                    "peacekeepers",
                ))
                .with_tie(Tie::new(
                    "armenia",
                    TieKind::MilitaryBase,
                    "a military base",
                )),
        )
        .build()
        .unwrap()
}

/// Everything a loaded dossier offers must work without panicking, and it must
/// round-trip.
fn exercise(d: &Dossier) -> Result<(), TestCaseError> {
    let again = Dossier::from_json(&d.to_json());
    prop_assert!(
        again.as_ref().is_ok_and(|a| a == d),
        "accepted dossier does not round-trip: {:?}",
        again.err()
    );
    for a in d.actors() {
        let party = d.party_of(&a.id);
        prop_assert!(
            party.is_some_and(
                |p| p.part_of.is_none() || d.actor(p.part_of.as_ref().unwrap()).is_none()
            )
        );
        for name in std::iter::once(a.name.as_str()).chain(a.aliases.iter().map(String::as_str)) {
            let _ = d.resolve(name);
        }
    }
    for (s, c) in d.claims() {
        prop_assert!(d.claim(&c.id).is_some_and(|(st, _)| st.id == s.id));
        if let Some(count) = c.body.count() {
            let _ = count.estimate.default_range();
            let _ = count.estimate.range(
                &Interpretation::default()
                    .with_tolerance_percent(u32::MAX)
                    .with_min_tolerance(u64::MAX),
            );
        }
    }
    for e in d.events() {
        prop_assert!(d.event(&e.id).is_some());
    }
    // Every accepted dossier reconciles, under the default and an extreme
    // interpretation, renders, and its result round-trips.
    let r = contested::reconcile::Reconciler::new().reconcile(d);
    prop_assert!(!r.to_string().is_empty());
    let back: Result<contested::reconcile::Reconciliation, _> = serde_json::from_str(&r.to_json());
    prop_assert!(
        back.is_ok_and(|b| b == r),
        "reconciliation does not round-trip"
    );
    let wide = contested::reconcile::Reconciler::new()
        .interpretation(
            Interpretation::default()
                .with_tolerance_percent(u32::MAX)
                .with_min_tolerance(u64::MAX),
        )
        .reconcile(d);
    // The envelope is over what each live count bears on the figure now: its range, or
    // for a count floored by an earlier running count of a measure that only grows, that
    // floor and up (DESIGN.md, "Figures").
    for f in wide.figures() {
        for reading in f.live() {
            let bears = reading.bearing.unwrap_or(reading.range);
            prop_assert!(
                f.envelope.contains_range(&bears),
                "{}: envelope {} does not contain {} ({})",
                f.key,
                f.envelope,
                bears,
                reading.cite.claim
            );
        }
    }
    Ok(())
}

/// A refusal must say something.
fn explained(e: &LoadError) -> Result<(), TestCaseError> {
    prop_assert!(!e.to_string().trim().is_empty(), "empty error: {:?}", e);
    if let LoadError::Invalid(errs) = e {
        prop_assert!(!errs.errors().is_empty());
        for v in errs.errors() {
            prop_assert!(!v.path.is_empty() && !v.problem.to_string().is_empty());
        }
    }
    Ok(())
}

fn load(json: &str) -> Result<(), TestCaseError> {
    match Dossier::from_json(json) {
        Ok(d) => exercise(&d),
        Err(e) => explained(&e),
    }
}

// ---------------------------------------------------------------- byte mutations

const TOKENS: &[&str] = &[
    "\"",
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "null",
    "true",
    "0",
    "-1",
    "1e999",
    "18446744073709551615",
    "18446744073709551616",
    "\"\"",
    "\" x \"",
    "\"armenia\"",
    "\"clash\"",
    "\"am-blame\"",
    "\"type\"",
    "\"count\"",
    "\"denial\"",
    "\"party\"",
    "\"part_of\"",
    "\"speaks_for\"",
    "\"hi\"",
    "\"lo\"",
    "\"about 1e3\"",
    "\"between 9 and 3\"",
    "\"2022-09-13T25:00:00+04:00\"",
    "\"9999-12-31T23:59:59-23:59\"",
    "\\u0000",
    "\\ud800",
    "é",
    "İ",
    "\u{feff}",
    "[[[[[[[[",
];

#[derive(Debug, Clone)]
enum ByteOp {
    Flip(Index, u8),
    Insert(Index, Vec<u8>),
    Token(Index, Index),
    Delete(Index, usize),
    Duplicate(Index, Index, usize),
}

fn byte_op() -> impl Strategy<Value = ByteOp> {
    prop_oneof![
        1 => (any::<Index>(), any::<u8>()).prop_map(|(i, b)| ByteOp::Flip(i, b)),
        1 => (any::<Index>(), proptest::collection::vec(any::<u8>(), 1..6)).prop_map(|(i, b)| ByteOp::Insert(i, b)),
        3 => (any::<Index>(), any::<Index>()).prop_map(|(i, t)| ByteOp::Token(i, t)),
        1 => (any::<Index>(), 1usize..40).prop_map(|(i, n)| ByteOp::Delete(i, n)),
        1 => (any::<Index>(), any::<Index>(), 1usize..60).prop_map(|(i, j, n)| ByteOp::Duplicate(i, j, n)),
    ]
}

fn apply_bytes(mut b: Vec<u8>, ops: &[ByteOp]) -> Vec<u8> {
    for op in ops {
        let len = b.len().max(1);
        match op {
            ByteOp::Flip(i, x) => {
                if !b.is_empty() {
                    let i = i.index(b.len());
                    b[i] ^= x | 1;
                }
            }
            ByteOp::Insert(i, bytes) => {
                let at = i.index(len + 1).min(b.len());
                b.splice(at..at, bytes.iter().copied());
            }
            ByteOp::Token(i, tok) => {
                let at = i.index(len + 1).min(b.len());
                b.splice(at..at, TOKENS[tok.index(TOKENS.len())].bytes());
            }
            ByteOp::Delete(i, n) => {
                let at = i.index(len).min(b.len());
                let end = (at + n).min(b.len());
                b.drain(at..end);
            }
            ByteOp::Duplicate(from, to, n) => {
                let from = from.index(len).min(b.len());
                let end = (from + n).min(b.len());
                let chunk: Vec<u8> = b[from..end].to_vec();
                let at = to.index(len + 1).min(b.len());
                b.splice(at..at, chunk);
            }
        }
    }
    b
}

// ---------------------------------------------------------------- JSON tree mutations

#[derive(Debug, Clone)]
enum TreeOp {
    /// Replace the node with an interesting value.
    Replace(Index, Index),
    /// Replace the node with a copy of another node (ids into other places: cycles,
    /// dangling and duplicate references).
    Copy(Index, Index),
    /// Remove the node from its object or array.
    Remove(Index),
    /// Duplicate an array element in place.
    Duplicate(Index),
}

fn tree_op() -> impl Strategy<Value = TreeOp> {
    prop_oneof![
        2 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| TreeOp::Replace(a, b)),
        3 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| TreeOp::Copy(a, b)),
        1 => any::<Index>().prop_map(TreeOp::Remove),
        1 => any::<Index>().prop_map(TreeOp::Duplicate),
    ]
}

fn interesting() -> Vec<Value> {
    let texts = [
        "",
        " ",
        " armenia",
        "armenia ",
        "all",
        "party:all",
        "unit:any",
        "count",
        "denial",
        "onset",
        "between 9 and 3",
        "nearly 0",
        "fewer than 0",
        "more than 18446744073709551615",
        "about 18,446,744,073,709,551,615",
        "18446744073709551616",
        "2,00",
        "~",
        "dozens",
        "2022-09-13T00:00:00+04:00",
        "2022-09-12T00:00:00Z",
        "9999-12-31T23:59:59+23:59",
        "0000-01-01T00:00:00-23:59",
        "minute",
        "fortnight",
        "part_of",
        "speaks_for",
    ];
    let mut v: Vec<Value> = texts.iter().map(|s| Value::from(*s)).collect();
    v.extend([
        Value::Null,
        Value::Bool(true),
        Value::from(0),
        Value::from(-1),
        Value::from(u64::MAX),
        Value::from(1.5),
        Value::Array(vec![]),
        serde_json::json!({}),
        serde_json::json!({"lo": 9, "hi": 3}),
        serde_json::json!({"party": "armenia"}),
        serde_json::json!({"earliest": "2022-09-13T02:00:00+04:00", "latest": "2022-09-13T01:00:00+04:00"}),
    ]);
    v
}

/// Every JSON pointer in `v`, root first.
fn pointers(v: &Value, at: String, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                let escaped = k.replace('~', "~0").replace('/', "~1");
                pointers(child, format!("{at}/{escaped}"), out);
            }
        }
        Value::Array(a) => {
            for (i, child) in a.iter().enumerate() {
                pointers(child, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

fn parent_and_last(ptr: &str) -> Option<(&str, String)> {
    let (parent, last) = ptr.rsplit_once('/')?;
    Some((parent, last.replace("~1", "/").replace("~0", "~")))
}

fn apply_tree(mut doc: Value, ops: &[TreeOp]) -> Value {
    let pool = interesting();
    for op in ops {
        let mut ptrs = Vec::new();
        pointers(&doc, String::new(), &mut ptrs);
        let pick = |i: &Index| ptrs[i.index(ptrs.len())].clone();
        match op {
            TreeOp::Replace(at, with) => {
                if let Some(node) = doc.pointer_mut(&pick(at)) {
                    *node = pool[with.index(pool.len())].clone();
                }
            }
            TreeOp::Copy(at, from) => {
                let copy = doc.pointer(&pick(from)).cloned();
                if let (Some(copy), Some(node)) = (copy, doc.pointer_mut(&pick(at))) {
                    *node = copy;
                }
            }
            TreeOp::Remove(at) => {
                let ptr = pick(at);
                if let Some((parent, last)) = parent_and_last(&ptr) {
                    match doc.pointer_mut(parent) {
                        Some(Value::Object(m)) => {
                            m.remove(&last);
                        }
                        Some(Value::Array(a)) => {
                            if let Ok(i) = last.parse::<usize>()
                                && i < a.len()
                            {
                                a.remove(i);
                            }
                        }
                        _ => {}
                    }
                }
            }
            TreeOp::Duplicate(at) => {
                let ptr = pick(at);
                if let Some((parent, last)) = parent_and_last(&ptr)
                    && let Some(Value::Array(a)) = doc.pointer_mut(parent)
                    && let Ok(i) = last.parse::<usize>()
                    && i < a.len()
                {
                    let copy = a[i].clone();
                    a.insert(i, copy);
                }
            }
        }
    }
    doc
}

// ---------------------------------------------------------------- phrase fuzzing

const WORDS: &[&str] = &[
    // Ratio words ("more than double", "a third of", "2.5 times as many as").
    "double",
    "twice",
    "half",
    "third",
    "times",
    "percent",
    "%",
    "-fold",
    "of",
    "as many as",
    "5/2",
    "2.5",
    "at",
    "least",
    "most",
    "more",
    "fewer",
    "less",
    "than",
    "no",
    "or",
    "over",
    "under",
    "up",
    "to",
    "exceeds",
    "in",
    "excess",
    "of",
    "between",
    "and",
    "about",
    "around",
    "some",
    "circa",
    "c.",
    "~",
    "nearly",
    "almost",
    "a",
    "dozen",
    "dozens",
    "scores",
    "tens",
    "hundreds",
    "thousands",
    "0",
    "1",
    "9",
    "49",
    "100",
    "2,000",
    ",",
    "000",
    "007",
    "18446744073709551615",
    "18446744073709551616",
    "99999999999999999999999",
    "-",
    "–",
    "..",
    "..=",
    "=",
    "+",
    "party:",
    "unit:",
    "all",
    "any",
    "İ",
    "ǅ",
    "\u{a0}",
    "\t",
    "\n",
    "",
    "K",
    "killed",
];

fn phrase() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::collection::vec((any::<Index>(), any::<Index>()), 0..6).prop_map(|parts| {
            let seps = ["", " ", "  ", "\t", ","];
            parts
                .iter()
                .map(|(w, s)| format!("{}{}", WORDS[w.index(WORDS.len())], seps[s.index(seps.len())]))
                .collect::<String>()
        }),
        1 => any::<String>(),
        1 => "[0-9, .=~–-]{0,30}",
    ]
}

fn check_estimate(s: &str) -> Result<(), TestCaseError> {
    match s.parse::<Estimate>() {
        Ok(e) => {
            prop_assert!(e.kind().is_satisfiable());
            prop_assert_eq!(
                e.to_string().parse::<Estimate>().ok(),
                Some(e.clone()),
                "{:?}",
                s
            );
            let json = serde_json::to_string(&e).unwrap();
            prop_assert_eq!(
                serde_json::from_str::<Estimate>(&json).ok(),
                Some(e.clone())
            );
            let r = e.default_range();
            prop_assert!(r.contains(r.lo()));
            for how in [
                Interpretation::default()
                    .with_tolerance_percent(0)
                    .with_min_tolerance(0),
                Interpretation::default().with_tolerance_percent(u32::MAX),
                Interpretation::default().with_min_tolerance(u64::MAX),
            ] {
                let r = e.range(&how);
                prop_assert!(r.contains(r.lo()));
            }
        }
        Err(err) => prop_assert!(!err.to_string().is_empty()),
    }
    Ok(())
}

fn check_range(s: &str) -> Result<(), TestCaseError> {
    match s.parse::<CountRange>() {
        Ok(r) => {
            prop_assert_eq!(r.to_string().parse::<CountRange>().ok(), Some(r));
            let _ = (
                r.width(),
                r.plus(&r),
                r.minus(&r),
                r.hull(&CountRange::UNKNOWN),
            );
            prop_assert_eq!(r.intersect(&r), Some(r));
        }
        Err(err) => prop_assert!(!err.to_string().is_empty()),
    }
    Ok(())
}

fn check_small_parsers(s: &str) -> Result<(), TestCaseError> {
    fn said<T, E: std::fmt::Display>(r: Result<T, E>) -> Result<Option<T>, TestCaseError> {
        match r {
            Ok(v) => Ok(Some(v)),
            Err(e) => {
                prop_assert!(!e.to_string().is_empty());
                Ok(None)
            }
        }
    }
    if let Some(id) = said(s.parse::<ActorId>())? {
        prop_assert!(id.is_well_formed() && id.to_string() == s);
    }
    said(s.parse::<EventId>())?;
    said(s.parse::<StatementId>())?;
    said(s.parse::<ClaimId>())?;
    if let Some(m) = said(s.parse::<Measure>())? {
        prop_assert_eq!(m.to_string().parse::<Measure>().ok(), Some(m));
    }
    said(s.parse::<Boundary>())?;
    if let Some(c) = said(s.parse::<Category>())? {
        prop_assert_eq!(c.to_string().parse::<Category>().ok(), Some(c));
    }
    if let Some(w) = said(s.parse::<Whose>())? {
        prop_assert_eq!(w.to_string().parse::<Whose>().ok(), Some(w));
    }
    said(s.parse::<Precision>())?;
    said(s.parse::<VagueWord>())?;
    if let Some(r) = said(s.parse::<contested::Ratio>())? {
        prop_assert_eq!(r.to_string().parse::<contested::Ratio>().ok(), Some(r));
        let how = Interpretation::default().with_tolerance_percent(u32::MAX);
        for (x, y) in [
            (CountRange::UNKNOWN, CountRange::exact(u64::MAX)),
            (CountRange::exact(u64::MAX), CountRange::UNKNOWN),
        ] {
            let _ = contested::reconcile::relative::implied(r, x, y, &how);
        }
    }
    // The same text as JSON values of each serde type.
    let as_json = serde_json::to_string(s).unwrap();
    let _ = serde_json::from_str::<Estimate>(&as_json).map_err(|e| e.to_string());
    let _ = serde_json::from_str::<Whose>(&as_json).map_err(|e| e.to_string());
    let _ = serde_json::from_str::<Occurrence>(&as_json).map_err(|e| e.to_string());
    let _ = serde_json::from_str::<contested::Ratio>(&as_json).map_err(|e| e.to_string());
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let text = String::from_utf8_lossy(&bytes);
        load(&text)?;
        check_estimate(&text)?;
        check_range(&text)?;
        check_small_parsers(&text)?;
    }

    #[test]
    fn mutated_dossier_bytes_never_panic(ops in proptest::collection::vec(byte_op(), 1..6)) {
        let seed = seed_dossier().to_json().into_bytes();
        let mutated = apply_bytes(seed, &ops);
        load(&String::from_utf8_lossy(&mutated))?;
    }

    #[test]
    fn mutated_dossier_trees_never_panic(ops in proptest::collection::vec(tree_op(), 1..5), compact in any::<bool>()) {
        let doc: Value = serde_json::from_str(&seed_dossier().to_json()).unwrap();
        let doc = apply_tree(doc, &ops);
        let text = if compact { doc.to_string() } else { serde_json::to_string_pretty(&doc).unwrap() };
        load(&text)?;
    }

    #[test]
    fn phrases_never_panic(s in phrase()) {
        check_estimate(&s)?;
        check_range(&s)?;
        check_small_parsers(&s)?;
    }

    #[test]
    fn json_of_every_value_type_never_panics(v in proptest::sample::select(interesting()), wrap in 0u8..4) {
        let text = match wrap {
            0 => v.to_string(),
            1 => serde_json::json!({"lo": v, "hi": 3}).to_string(),
            2 => serde_json::json!({"earliest": v, "latest": "2022-09-13T01:00:00+04:00"}).to_string(),
            _ => serde_json::json!([v]).to_string(),
        };
        let _ = serde_json::from_str::<CountRange>(&text).map_err(|e| e.to_string());
        let _ = serde_json::from_str::<TimeWindow>(&text).map_err(|e| e.to_string());
        let _ = serde_json::from_str::<Interpretation>(&text).map_err(|e| e.to_string());
        let _ = serde_json::from_str::<Category>(&text).map_err(|e| e.to_string());
        let _ = serde_json::from_str::<Hedge>(&text).map_err(|e| e.to_string());
        load(&text)?;
    }
}

#[cfg(feature = "proptest")]
proptest! {
    #![proptest_config(ProptestConfig { cases: config().cases / 5, ..config() })]

    /// Generated dossiers, not just the seed, mutated node by node.
    #[test]
    fn mutated_generated_dossiers_never_panic(
        d in contested::strategy::dossier(contested::strategy::DossierShape::default()),
        ops in proptest::collection::vec(tree_op(), 1..4),
    ) {
        let doc: Value = serde_json::from_str(&d.to_json()).unwrap();
        load(&apply_tree(doc, &ops).to_string())?;
    }
}

#[test]
fn the_seed_dossier_is_valid_and_round_trips() {
    let d = seed_dossier();
    assert_eq!(Dossier::from_json(&d.to_json()).unwrap(), d);
    let _ = ClaimBody::MediationCredit {
        credited: "russia".into(),
    };
    let _: EventId = "x".into();
}

// ---------------------------------------------------------------- structure-aware shapes

/// Dossiers built from byte recipes (`contested::corpus::stress::recipe`): many actors,
/// long relays, wide statements, timing claims, denial chains, revisions. Beyond
/// `load`'s checks, the text report must stay linear in the input: a blow-up like every
/// disjoint timing pair, or every outlet printed per claim, fails here.
#[cfg(feature = "corpus")]
fn check_recipe(bytes: &[u8], scale: usize) -> Result<(), TestCaseError> {
    let json = contested::corpus::stress::recipe(bytes, scale);
    match Dossier::from_json(&json) {
        Ok(d) => {
            exercise(&d)?;
            let text = contested::reconcile::Reconciler::new()
                .reconcile(&d)
                .to_string();
            prop_assert!(
                text.len() <= 40 * json.len() + 20_000,
                "a {}-byte input gave a {}-byte report",
                json.len(),
                text.len()
            );
        }
        Err(e) => explained(&e)?,
    }
    Ok(())
}

#[cfg(feature = "corpus")]
proptest! {
    #![proptest_config(ProptestConfig { cases: config().cases / 5, ..config() })]

    #[test]
    fn stress_recipes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..256)) {
        check_recipe(&bytes, 40)?;
    }
}

// The long run, at thousands of claims, relays and timing claims per dossier:
//
// ```text
// CONTESTED_FUZZ_CASES=2000 CONTESTED_FUZZ_SCALE=3000 cargo test --release --all-features \
//   --test fuzz_smoke -- --ignored stress_recipes_at_scale
// ```
#[cfg(feature = "corpus")]
proptest! {
    #![proptest_config(ProptestConfig { cases: config().cases / 10, ..config() })]

    #[test]
    #[ignore = "long: thousands of items per case; run in release, see TESTING.md"]
    fn stress_recipes_at_scale(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let scale = std::env::var("CONTESTED_FUZZ_SCALE")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(3_000);
        check_recipe(&bytes, scale)?;
    }
}
