//! Any text given to `Dossier::from_json` is either refused with an explanation or
//! accepted as a dossier that writes back to itself and reconciles.
#![no_main]

use contested::Dossier;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Dossier::from_json(text) {
        Ok(d) => {
            let again = Dossier::from_json(&d.to_json()).expect("an accepted dossier reloads");
            assert_eq!(again, d);
            for a in d.actors() {
                assert!(d.party_of(&a.id).is_some());
            }
            // Whatever loads, reconciles and renders.
            let r = contested::reconcile::Reconciler::new().reconcile(&d);
            assert!(!r.to_string().is_empty());
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
});
