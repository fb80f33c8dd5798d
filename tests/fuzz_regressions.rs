//! Inputs found by the fuzz harness (`tests/fuzz_smoke.rs`) that once broke a law of the
//! crate, kept so they stay fixed. Each test names what was found and how.

use contested::{ActorId, Category, Whose};

/// Found by `phrases_never_panic` (200,000-case run): `"unit:"` parsed as a unit with an
/// empty name, which displayed as `""`, which does not parse: Display/FromStr did not
/// round-trip.
#[test]
fn unit_with_empty_name_round_trips() {
    let c: Category = "unit:".parse().unwrap();
    assert_eq!(c, Category::unit(""));
    assert_eq!(c.to_string(), "unit:");
    assert_eq!(c.to_string().parse::<Category>().unwrap(), c);
}

/// Same family as the above, found by reading the fix: a unit named `unit:x` displayed
/// as `unit:x`, which reads back as the unit `x`.
#[test]
fn unit_whose_name_starts_with_the_prefix_round_trips() {
    for name in [
        "unit:x",
        "unit:",
        "unit:unit:any",
        "any",
        "military",
        "civilian",
    ] {
        let c = Category::unit(name);
        assert_eq!(c.to_string().parse::<Category>().unwrap(), c, "{name:?}");
    }
}

/// Same law for `Whose`: the party `all` displayed as `all`, which reads back as
/// everyone (its docs promised `party:all`), and `party:x` lost its prefix.
#[test]
fn party_named_all_or_with_the_prefix_round_trips() {
    for id in ["all", "party:all", "party:x", "armenia"] {
        let w = Whose::Party(ActorId::new(id));
        assert_eq!(w.to_string().parse::<Whose>().unwrap(), w, "{id:?}");
    }
    assert_eq!(Whose::party("all").to_string(), "party:all");
    assert_eq!("all".parse::<Whose>().unwrap(), Whose::All);
}
