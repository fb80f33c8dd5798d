//! Any phrase given to the estimate and range parsers is either refused with an
//! explanation or accepted as a value whose text reads back to itself.
#![no_main]

use contested::{CountRange, Estimate, Interpretation};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    match text.parse::<Estimate>() {
        Ok(e) => {
            assert_eq!(e.to_string().parse::<Estimate>().ok(), Some(e.clone()));
            let r = e.default_range();
            assert!(r.contains(r.lo()));
            let wide = Interpretation::default().with_tolerance_percent(u32::MAX);
            let _ = e.range(&wide);
        }
        Err(err) => assert!(!err.to_string().is_empty()),
    }
    match text.parse::<CountRange>() {
        Ok(r) => {
            assert_eq!(r.to_string().parse::<CountRange>().ok(), Some(r));
            let _ = (r.plus(&r), r.minus(&r), r.width());
        }
        Err(err) => assert!(!err.to_string().is_empty()),
    }
});
