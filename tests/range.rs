//! CountRange arithmetic and accessors, edge by edge.

use contested::CountRange;

fn r(s: &str) -> CountRange {
    s.parse().expect("valid range")
}

#[test]
fn exactness() {
    assert!(CountRange::exact(7).is_exact());
    assert!(!r("3..=4").is_exact());
    assert!(!CountRange::at_least(3).is_exact());
    assert!(CountRange::at_most(0).is_exact(), "0..=0 holds one count");
}

#[test]
fn width_counts_the_gap() {
    assert_eq!(r("3..=9").width(), Some(6));
    assert_eq!(CountRange::exact(5).width(), Some(0));
    assert_eq!(r("10..=11").width(), Some(1));
    assert_eq!(r("0..=4").width(), Some(4));
    assert_eq!(CountRange::at_least(3).width(), None);
}

#[test]
fn plus_of_bounded_ranges_is_bounded() {
    assert_eq!(r("1..=2").plus(&r("10..=20")), r("11..=22"));
    assert_eq!(
        r("1..=2").plus(&CountRange::at_least(10)),
        CountRange::at_least(11)
    );
    assert_eq!(
        CountRange::at_least(1).plus(&r("1..=2")),
        CountRange::at_least(2)
    );
    // Overflow of the upper bound becomes unbounded; the lower bound saturates.
    assert_eq!(
        CountRange::exact(u64::MAX).plus(&CountRange::exact(u64::MAX)),
        CountRange::at_least(u64::MAX)
    );
}

#[test]
fn minus_is_the_hc4_projection() {
    assert_eq!(
        r("90..=110").minus(&CountRange::exact(50)),
        Some(r("40..=60"))
    );
    assert_eq!(r("90..=110").minus(&r("0..=200")), Some(r("0..=110")));
    assert_eq!(CountRange::exact(3).minus(&CountRange::exact(4)), None);
    assert_eq!(
        CountRange::at_least(3).minus(&CountRange::at_least(1)),
        Some(CountRange::at_least(0))
    );
}

#[test]
fn intersect_hull_contains() {
    assert_eq!(
        r("1..=5").intersect(&r("5..=9")),
        Some(CountRange::exact(5))
    );
    assert_eq!(r("1..=4").intersect(&r("5..=9")), None);
    assert_eq!(r("1..=4").hull(&r("8..")), CountRange::at_least(1));
    assert!(r("1..=9").contains_range(&r("2..=3")));
    assert!(!r("1..=9").contains_range(&r("2..")));
    assert!(CountRange::at_least(0).contains_range(&r("2..")));
    assert!(!r("1..=9").contains(10) && r("1..=9").contains(9) && !r("1..=9").contains(0));
}

#[test]
fn display_and_parse_round_trip() {
    for s in ["0", "7", "3..", "3..=9", "0..=18446744073709551615"] {
        assert_eq!(r(s).to_string(), s);
    }
    assert!("9..=3".parse::<CountRange>().is_err());
    assert!("..3".parse::<CountRange>().is_err());
}
