//! Dates as people write them: no text panics, and every window reads back from its
//! `Display`.

use contested::TimeWindow;
use proptest::prelude::*;

proptest! {
    #[test]
    fn any_text_parses_or_fails_without_panicking(text in "\\PC{0,40}") {
        if let Ok(w) = text.parse::<TimeWindow>() {
            prop_assert_eq!(w.to_string().parse::<TimeWindow>().ok(), Some(w));
        }
    }

    #[test]
    fn edtf_like_text_round_trips(
        y in 0i32..10000, m in 0u32..14, d in 0u32..33,
        form in 0usize..4, q in prop::sample::select(vec!["", "?", "~", "%"]),
    ) {
        let text = match form {
            0 => format!("{y:04}{q}"),
            1 => format!("{y:04}-{m:02}{q}"),
            2 => format!("{y:04}-{m:02}-{d:02}{q}"),
            _ => format!("{y:04}-{m:02}-{d:02}T{:02}:00:00+04:00", d % 24),
        };
        if let Ok(w) = text.parse::<TimeWindow>() {
            prop_assert!(w.earliest() <= w.latest());
            prop_assert_eq!(w.to_string().parse::<TimeWindow>().ok(), Some(w));
        }
    }
}

#[cfg(feature = "proptest")]
proptest! {
    #[test]
    fn generated_windows_round_trip_through_display(w in any::<TimeWindow>()) {
        prop_assert_eq!(w.to_string().parse::<TimeWindow>().ok(), Some(w));
    }
}
