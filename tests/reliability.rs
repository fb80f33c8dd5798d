//! Laws of `contested::reliability`: order independence, copies are not corroboration,
//! unanimity, bounds, convergence; and the CSV reader's errors.

use contested::reliability::csv::{ReadProblem, Records};
use contested::reliability::{Claims, Closeness, Investment, Method, Outcome, TruthFinder};
use contested::{CountRange, Interpretation};
use proptest::prelude::*;

type Raw = Vec<(String, String, CountRange)>;

/// A claimed range: mostly exact values near 100 or 1000, some far off, some ranges.
fn range() -> impl Strategy<Value = CountRange> {
    prop_oneof![
        6 => prop::sample::select(vec![5u64, 99, 100, 101, 1000, 1010, 1_000_000]).prop_map(CountRange::exact),
        1 => (0u64..2000).prop_map(CountRange::at_least),
        1 => (0u64..2000, 0u64..500).prop_map(|(lo, w)| CountRange::new(lo, Some(lo + w)).unwrap()),
        1 => Just(CountRange::exact(u64::MAX)),
    ]
}

/// Claims by up to 8 sources on up to 6 objects, one claim per (source, object).
fn claims() -> impl Strategy<Value = Raw> {
    prop::collection::btree_map((0u8..8, 0u8..6), range(), 1..30).prop_map(|m| {
        m.into_iter()
            .map(|((s, o), r)| (format!("s{s}"), format!("o{o}"), r))
            .collect()
    })
}

fn methods() -> [Method; 4] {
    [
        Method::default(),
        Method::TruthFinder(TruthFinder::default()),
        Method::TruthFinder(TruthFinder::without_implication()),
        Method::Investment(Investment::default()),
    ]
}

fn run(method: &Method, raw: &Raw) -> Outcome {
    let mut claims = Claims::new();
    for (s, o, r) in raw {
        claims.add(s, o, *r);
    }
    method.run(&claims.build().unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// The order of claims (and so of sources and objects) changes nothing, not a bit.
    #[test]
    fn order_changes_nothing(raw in claims(), seed in any::<u64>()) {
        let mut shuffled = raw.clone();
        // Fisher-Yates with a splitmix64 stream.
        let mut z = seed;
        for i in (1..shuffled.len()).rev() {
            z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let j = ((z ^ (z >> 31)) % (i as u64 + 1)) as usize;
            shuffled.swap(i, j);
        }
        shuffled.reverse();
        for m in methods() {
            prop_assert_eq!(run(&m, &raw), run(&m, &shuffled), "{}", m);
        }
    }

    /// Reliabilities and confidences are within [0, 1]; every object has an estimate
    /// inside its reported range; iterations stay within the bound.
    #[test]
    fn bounds_hold(raw in claims()) {
        for m in methods() {
            let out = run(&m, &raw);
            for (_, w) in out.weights().iter() {
                prop_assert!((0.0..=1.0).contains(&w.reliability()), "{m}: {w:?}");
                prop_assert!(w.evidence() >= 0.0);
            }
            let objects: std::collections::BTreeSet<_> = raw.iter().map(|c| &c.1).collect();
            prop_assert_eq!(out.estimates().len(), objects.len());
            for e in out.estimates() {
                prop_assert!((0.0..=1.0).contains(&e.confidence()), "{m}: {e:?}");
                prop_assert!(e.range().contains(e.value()), "{m}: {e:?}");
            }
            let bound = match m {
                Method::Closeness(c) => c.max_iterations,
                Method::TruthFinder(t) => t.max_iterations,
                Method::Investment(i) => i.iterations,
                _ => u32::MAX,
            };
            prop_assert!(out.convergence().iterations <= bound);
        }
    }

    /// Tied values ascend, all above the winning value (the smallest tied), and each is
    /// an end of a range claimed on the object.
    #[test]
    fn tied_values_ascend_above_the_value_and_were_claimed(raw in claims()) {
        for m in methods() {
            let out = run(&m, &raw);
            for e in out.estimates() {
                let mut last = e.value();
                for &t in e.tied() {
                    prop_assert!(t > last, "{m}: {e:?}");
                    last = t;
                    let claimed = raw.iter().any(|(_, o, r)| {
                        o == e.object() && (r.lo() == t || r.hi() == Some(t))
                    });
                    prop_assert!(claimed, "{m}: {e:?}");
                }
            }
        }
    }

    /// Closeness reaches its fixed point well within its bound on these inputs.
    #[test]
    fn closeness_converges(raw in claims()) {
        let c = run(&Method::default(), &raw).convergence();
        prop_assert!(c.converged, "{c:?}");
    }

    /// An object on which every claim gives the same count gets that count.
    #[test]
    fn unanimous_object_gets_its_value(raw in claims(), n in 1usize..5, v in any::<u64>()) {
        let mut raw = raw;
        for i in 0..n {
            raw.push((format!("s{i}"), "unanimous".to_owned(), CountRange::exact(v)));
        }
        for m in methods() {
            let out = run(&m, &raw);
            let e = out.estimate("unanimous").unwrap();
            prop_assert_eq!(e.value(), v, "{}", m);
        }
    }

    /// Copies are not corroboration: adding any number of sources that repeat one
    /// source's claim set (of at least two claims) changes no estimate under Closeness,
    /// and each copy gets the weight of the source it copies.
    #[test]
    fn copies_change_no_estimate(raw in claims(), victim in 0u8..8, copies in 1usize..4) {
        let original = format!("s{victim}");
        let mine: Vec<_> = raw.iter().filter(|c| c.0 == original).cloned().collect();
        prop_assume!(mine.len() >= contested::reliability::MIN_COPY_CLAIMS);
        let mut copied = raw.clone();
        for k in 0..copies {
            for (_, o, r) in &mine {
                copied.push((format!("copy{k}"), o.clone(), *r));
            }
        }
        let (before, after) = (run(&Method::default(), &raw), run(&Method::default(), &copied));
        // Values and ranges are equal; confidences may differ in the last bits, because a
        // copy whose id sorts first becomes the voice's representative and so changes
        // the order of a floating-point sum.
        prop_assert_eq!(before.estimates().len(), after.estimates().len());
        for (b, a) in before.estimates().iter().zip(after.estimates()) {
            prop_assert_eq!((b.object(), b.value(), b.range()), (a.object(), a.value(), a.range()));
            prop_assert!((b.confidence() - a.confidence()).abs() <= 1e-12, "{b:?} {a:?}");
        }
        let w = after.weights();
        for k in 0..copies {
            prop_assert_eq!(w.weight(&format!("copy{k}")), w.weight(&original));
        }
        for (s, r) in before.weights().iter() {
            let d = (r.reliability() - w.weight(s).unwrap()).abs();
            prop_assert!(d <= 1e-9, "{s}: {d}");
        }
    }

    /// A source that is wrong on X, copied under new ids, does not outvote two
    /// independent sources that agree on X, whatever else was claimed.
    #[test]
    fn copied_wrong_value_loses_to_two_independent_voices(
        raw in claims(), copies in 1usize..5, wrong in 0u64..10_000, right in 0u64..10_000,
    ) {
        prop_assume!(wrong != right);
        let mut raw: Raw = raw;
        // A's claim set: wrong on X, and one more claim on its own object.
        let a = [("x", CountRange::exact(wrong)), ("a-only", CountRange::exact(7))];
        for k in 0..=copies {
            for (o, r) in a {
                raw.push((format!("a{k}"), o.to_owned(), r));
            }
        }
        raw.push(("b".into(), "x".into(), CountRange::exact(right)));
        raw.push(("c".into(), "x".into(), CountRange::exact(right)));
        raw.push(("c".into(), "c-only".into(), CountRange::exact(3)));
        let out = run(&Method::default(), &raw);
        prop_assert_eq!(out.estimate("x").unwrap().value(), right);
    }

    /// The reader never panics, whatever the bytes.
    #[test]
    fn reader_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let head = b"ObjectID,PropertyID,PropertyValue,SourceID\n".to_vec();
        for input in [bytes.clone(), [head, bytes].concat()] {
            if let Ok(records) = Records::claims(input.as_slice(), Interpretation::default()) {
                for r in records {
                    let _ = r;
                }
            }
        }
    }
}

/// Two unknown sources with one claim each on one object: nothing tells them apart,
/// so every method ties them, reports the other value as tied and picks the smaller.
#[test]
fn symmetric_dispute_is_a_reported_tie() {
    let raw: Raw = vec![
        ("a".into(), "x".into(), CountRange::exact(9)),
        ("b".into(), "x".into(), CountRange::exact(7)),
    ];
    for m in methods() {
        let out = run(&m, &raw);
        let e = out.estimate("x").unwrap();
        assert_eq!((e.value(), e.tied()), (7, &[9][..]), "{m}");
    }
}

#[test]
fn weaker_claim_weighs_less() {
    // "At least 49" holds at 60 too: the two claims agree there, and the exact figure is
    // the estimate, with the exact claim's range.
    let mut c = Claims::new();
    c.add("a", "x", CountRange::at_least(49))
        .add("b", "x", CountRange::exact(60));
    let out = Method::default().run(&c.build().unwrap());
    let x = out.estimate("x").unwrap();
    assert_eq!((x.value(), x.range()), (60, CountRange::exact(60)));
    // Exact 40 against "at least 49", two unknown voices of equal standing: the exact
    // claim says more, so it weighs more, and wins.
    let mut c = Claims::new();
    c.add("a", "y", CountRange::at_least(49))
        .add("b", "y", CountRange::exact(40));
    let out = Method::default().run(&c.build().unwrap());
    assert_eq!(out.estimate("y").unwrap().value(), 40);
    assert!(contested::reliability::specificity(CountRange::at_least(49)) < 1.0);
}

#[test]
fn vandalism_orders_of_magnitude_off_does_not_win() {
    // Mexico City, 2005: three vandals (1, 5, 27) beside two editors near 8.7 million.
    let mut c = Claims::new();
    for (s, n) in [
        ("v1", 1),
        ("v2", 5),
        ("v3", 27),
        ("e1", 8_720_916),
        ("e2", 8_700_000),
    ] {
        c.add(s, "mexico city 2005", CountRange::exact(n));
    }
    let out = Closeness::default().run(&c.build().unwrap());
    let e = out.estimate("mexico city 2005").unwrap();
    assert!(e.value() >= 8_700_000, "{e:?}");
}

#[test]
fn population_file_reads_whole() {
    let f = std::fs::File::open(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/population/claims.csv"
    ))
    .unwrap();
    let mut claims = Claims::new();
    for r in Records::claims(std::io::BufReader::new(f), Interpretation::default()).unwrap() {
        let r = r.unwrap();
        let key = format!("{}\u{1f}{}", r.object_id, r.property_id);
        claims.add(r.source.as_deref().unwrap(), &key, r.value);
    }
    let g = claims.build().unwrap();
    assert_eq!(
        (g.claim_count(), g.source_count(), g.object_count()),
        (49_955, 4_264, 42_832)
    );
    assert_eq!(g.fact_count(), 44_590);
}

fn read_err(input: &str) -> (u64, u64, ReadProblem) {
    let e = Records::claims(input.as_bytes(), Interpretation::default())
        .and_then(|r| r.collect::<Result<Vec<_>, _>>().map(|_| ()))
        .unwrap_err();
    (e.line, e.column, e.problem)
}

#[test]
fn reader_errors_name_line_and_column() {
    let h = "ObjectID,PropertyID,PropertyValue,SourceID\n";
    let (l, c, p) = read_err(&format!("{h}a,b,12,s\n\"a\",b,1x,s\n"));
    assert!(
        matches!(p, ReadProblem::Value { .. }) && (l, c) == (3, 7),
        "{l}:{c} {p}"
    );
    let (l, c, p) = read_err(&format!("{h}a,b,12\n"));
    assert!(
        matches!(
            p,
            ReadProblem::FieldCount {
                expected: 4,
                found: 3
            }
        ) && (l, c) == (2, 5)
    );
    let (l, c, p) = read_err(&format!("{h}a,b\"x,12,s\n"));
    assert!(
        matches!(p, ReadProblem::StrayQuote) && (l, c) == (2, 4),
        "{l}:{c} {p}"
    );
    let (l, c, p) = read_err(&format!("{h}a,b,12,\"s\n"));
    assert!(
        matches!(p, ReadProblem::UnclosedQuote) && (l, c) == (2, 8),
        "{l}:{c} {p}"
    );
    let (l, c, p) = read_err(&format!("{h}a,,12,s\n"));
    assert!(matches!(p, ReadProblem::Empty { name: "PropertyID" }) && (l, c) == (2, 3));
    let (l, c, p) = read_err("ObjectID,PropertyID,SourceID\n");
    assert!(
        matches!(
            p,
            ReadProblem::MissingColumn {
                name: "PropertyValue"
            }
        ) && (l, c) == (1, 1)
    );
    let (_, _, p) = read_err("");
    assert!(matches!(p, ReadProblem::NoHeader));
    let (l, c, p) = read_err(&format!("{h}é,b,99999999999999999999,s\n"));
    assert!(
        matches!(p, ReadProblem::Value { .. }) && (l, c) == (2, 5),
        "{l}:{c} {p}"
    );
}

#[test]
fn reader_handles_quotes_blank_lines_and_crlf() {
    let data = "ObjectID,PropertyID,PropertyValue,SourceID\r\n\r\n\
                \"a, \"\"quoted\"\"\nname\",p,at least 49,\"s\"\r\n\
                b,p,40..=60,t";
    let rs: Vec<_> = Records::claims(data.as_bytes(), Interpretation::default())
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(rs.len(), 2);
    assert_eq!(rs[0].object_id, "a, \"quoted\"\nname");
    assert_eq!(rs[0].value, CountRange::at_least(49));
    assert_eq!(
        (rs[1].value.to_string(), rs[1].line),
        ("40..=60".to_owned(), 5)
    );
}

#[test]
fn keyed_adds_equal_named_adds_and_foreign_keys_are_refused() {
    let mut named = Claims::new();
    let mut keyed = Claims::new();
    for (s, o, n) in [("a", "x", 1), ("b", "x", 2), ("a", "y", 3), ("c", "x", 1)] {
        named.add(s, o, CountRange::exact(n));
        let (sk, ok) = (keyed.source_key(s), keyed.object_key(o));
        keyed.add_keyed(sk, ok, CountRange::exact(n));
    }
    let m = Method::default();
    assert_eq!(
        m.run(&named.build().unwrap()),
        m.run(&keyed.clone().build().unwrap())
    );
    // A clone has its own key tag: keys from the original are refused.
    let mut other = keyed.clone();
    let (sk, ok) = (keyed.source_key("a"), keyed.object_key("x"));
    other.add_keyed(sk, ok, CountRange::exact(1));
    assert_eq!(
        other.build().unwrap_err(),
        contested::reliability::BuildError::ForeignKey
    );
}
