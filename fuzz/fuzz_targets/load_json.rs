//! Any bytes given to `Dossier::from_reader_with` are either refused with an explanation
//! or accepted as a dossier that writes back to itself, reconciles, and renders a text
//! report with no raw control character or bidirectional override from the input.
#![no_main]

use contested::{Dossier, LoadOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let options = LoadOptions::default().max_bytes(1 << 20);
    match Dossier::from_reader_with(data, &options) {
        Ok(d) => {
            let again = Dossier::from_json(&d.to_json()).expect("an accepted dossier reloads");
            assert_eq!(again, d);
            for a in d.actors() {
                assert!(d.party_of(&a.id).is_some());
            }
            // Whatever loads, reconciles and renders, safely for a terminal.
            let r = contested::reconcile::Reconciler::new().reconcile(&d);
            let text = r.to_string();
            assert!(!text.is_empty());
            assert!(
                !text
                    .chars()
                    .any(|c| (c.is_control() && c != '\n') || ('\u{202A}'..='\u{202E}').contains(&c)),
                "a raw control or override in the report"
            );
        }
        Err(e) => {
            let msg = e.to_string();
            assert!(!msg.is_empty());
            // Echoed input is cut short: no error is much longer than its input allows.
            assert!(msg.len() <= 100 * data.len() + 2_000, "{} bytes of error", msg.len());
        }
    }
});
