//! Structure-aware fuzzing: the input is a recipe (`contested::corpus::stress::recipe`)
//! for a dossier of up to thousands of claims, long relays, timing claims, denial chains
//! and revisions. Whatever it builds is refused with an explanation or loads, reconciles
//! and renders, with a text report linear in the input. Run with `-timeout=1` so any
//! input taking over a second is reported.
#![no_main]

use contested::Dossier;
use contested::corpus::stress::recipe;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let json = recipe(data, 300);
    match Dossier::from_json(&json) {
        Ok(d) => {
            let r = contested::reconcile::Reconciler::new().reconcile(&d);
            let text = r.to_string();
            assert!(
                text.len() <= 40 * json.len() + 20_000,
                "a {}-byte input gave a {}-byte report",
                json.len(),
                text.len()
            );
            for t in r.timings() {
                // Groups are linear: each claim in exactly one.
                let grouped: usize = t.groups().iter().map(|g| g.claims.len()).sum();
                assert_eq!(grouped, t.claims.len());
            }
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
});
