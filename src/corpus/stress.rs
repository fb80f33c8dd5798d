//! Inputs that once made the library slow, huge or misleading, at any size, for the
//! stress example (`examples/stress.rs`), the hardening tests and fuzzing seeds.
//!
//! Each function returns the dossier as JSON text (so loading is part of what is
//! measured), except [`denial_chain`], which returns a context dossier and JSON Lines.
//! Every id is ASCII and every file is valid unless said otherwise.
//!
//! ```
//! use contested::corpus::stress;
//! use contested::Dossier;
//!
//! let d = Dossier::from_json(&stress::timing_claims(10))?;
//! assert_eq!(d.claims().count(), 10);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt::Write as _;

const T: &str = "2022-09-13T12:00:00+04:00";

fn actor(out: &mut String, id: &str, kind: &str) {
    let _ = write!(out, r#"{{"id":"{id}","name":"{id}","kind":"{kind}"}}"#);
}

fn made(out: &mut String, t: &str) {
    let _ = write!(out, r#""made":{{"earliest":"{t}","latest":"{t}"}}"#);
}

fn count(out: &mut String, id: &str, event: &str, whose: &str, category: &str, estimate: &str) {
    let _ = write!(
        out,
        r#"{{"id":"{id}","event":"{event}","count":{{"measure":"killed","whose":{whose},"category":{category},"estimate":"{estimate}"}}}}"#
    );
}

/// Joins `n` items written by `item` with commas.
fn list(out: &mut String, n: usize, mut item: impl FnMut(&mut String, usize)) {
    for i in 0..n {
        if i > 0 {
            out.push(',');
        }
        item(out, i);
    }
}

/// `n` agencies each giving one onset for one event, alternately 01:00 and 05:00: two
/// groups of disjoint windows, so about n²/4 disjoint pairs.
///
/// ```
/// # use contested::{corpus::stress, reconcile::Reconciler, Dossier};
/// let d = Dossier::from_json(&stress::timing_claims(6))?;
/// let r = Reconciler::new().reconcile(&d);
/// assert_eq!(r.timings()[0].disjoint_pairs().count(), 9);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn timing_claims(n: usize) -> String {
    let mut out = String::with_capacity(200 * n + 200);
    out.push_str(r#"{"actors":["#);
    list(&mut out, n, |o, i| actor(o, &format!("x{i}"), "agency"));
    out.push_str(r#"],"events":[{"id":"e","name":"E","kind":"clash"}],"statements":["#);
    list(&mut out, n, |o, i| {
        let t = if i % 2 == 1 {
            "2022-09-13T01:00:00+04:00"
        } else {
            "2022-09-13T05:00:00+04:00"
        };
        let _ = write!(o, r#"{{"id":"s{i}","speaker":"x{i}","form":"paraphrase","#);
        made(o, T);
        let _ = write!(
            o,
            r#","claims":[{{"id":"c{i}","event":"e","timing":{{"boundary":"onset","window":{{"earliest":"{t}","latest":"{t}"}}}}}}]}}"#
        );
    });
    out.push_str("]}");
    out
}

/// One statement relayed through `outlets` outlets, carrying `claims` counts (each of
/// its own unit, so each is its own figure).
///
/// ```
/// # use contested::{corpus::stress, Dossier};
/// let d = Dossier::from_json(&stress::wide_relay(50, 3))?;
/// assert_eq!(d.statements()[0].relay.len(), 50);
/// assert_eq!(d.claims().count(), 3);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn wide_relay(outlets: usize, claims: usize) -> String {
    let mut out = String::with_capacity(60 * outlets + 150 * claims + 200);
    out.push_str(r#"{"actors":["#);
    actor(&mut out, "x", "agency");
    for i in 0..outlets {
        out.push(',');
        actor(&mut out, &format!("o{i}"), "outlet");
    }
    out.push_str(r#"],"events":[{"id":"e","name":"E","kind":"clash"}],"statements":[{"id":"s","speaker":"x","form":"paraphrase","#);
    made(&mut out, T);
    out.push_str(r#","relay":["#);
    list(&mut out, outlets, |o, i| {
        let _ = write!(o, r#""o{i}""#);
    });
    out.push_str(r#"],"claims":["#);
    list(&mut out, claims, |o, j| {
        count(
            o,
            &format!("c{j}"),
            "e",
            r#""all""#,
            &format!(r#"{{"unit":"u{j}"}}"#),
            "5",
        )
    });
    out.push_str("]}]}");
    out
}

/// One statement relayed through `n` outlets, with one claim: the relay-loop check.
///
/// ```
/// # use contested::{corpus::stress, Dossier};
/// assert!(Dossier::from_json(&stress::long_relay(100)).is_ok());
/// ```
pub fn long_relay(n: usize) -> String {
    wide_relay(n, 1)
}

/// `n` agreeing counts ("50", each by its own agency) and one far-off count ("500"): a
/// numeric conflict among many agreeing claims.
///
/// ```
/// # use contested::{corpus::stress, reconcile::Reconciler, Dossier};
/// let d = Dossier::from_json(&stress::agreeing_claims(5))?;
/// assert_eq!(Reconciler::new().reconcile(&d).discrepancies().len(), 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn agreeing_claims(n: usize) -> String {
    let mut out = String::with_capacity(300 * n + 300);
    out.push_str(r#"{"actors":["#);
    list(&mut out, n + 1, |o, i| actor(o, &format!("x{i}"), "agency"));
    out.push_str(r#"],"events":[{"id":"e","name":"E","kind":"clash"}],"statements":["#);
    list(&mut out, n + 1, |o, i| {
        let _ = write!(o, r#"{{"id":"s{i}","speaker":"x{i}","form":"paraphrase","#);
        made(o, T);
        o.push_str(r#","claims":["#);
        let est = if i == n { "500" } else { "50" };
        count(o, &format!("c{i}"), "e", r#""all""#, r#""any""#, est);
        o.push_str("]}");
    });
    out.push_str("]}");
    out
}

/// One event with `n` sides, each counting its own military dead ("at least 1"), and an
/// agency's consistent total: part-whole sums over many parts.
///
/// ```
/// # use contested::{corpus::stress, Dossier};
/// let d = Dossier::from_json(&stress::many_sides(4))?;
/// assert_eq!(d.events()[0].sides.len(), 4);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn many_sides(n: usize) -> String {
    let mut out = String::with_capacity(300 * n + 300);
    out.push_str(r#"{"actors":["#);
    list(&mut out, n, |o, i| actor(o, &format!("p{i}"), "state"));
    if n > 0 {
        out.push(',');
    }
    actor(&mut out, "agency", "agency");
    out.push_str(r#"],"events":[{"id":"e","name":"E","kind":"clash","sides":["#);
    list(&mut out, n, |o, i| {
        let _ = write!(o, r#""p{i}""#);
    });
    out.push_str(r#"]}],"statements":["#);
    for i in 0..n {
        let _ = write!(
            out,
            r#"{{"id":"s{i}","speaker":"p{i}","form":"paraphrase","#
        );
        made(&mut out, T);
        out.push_str(r#","claims":["#);
        count(
            &mut out,
            &format!("c{i}"),
            "e",
            &format!(r#"{{"party":"p{i}"}}"#),
            r#""military""#,
            "at least 1",
        );
        out.push_str("]},");
    }
    out.push_str(r#"{"id":"sall","speaker":"agency","form":"paraphrase","#);
    made(&mut out, T);
    out.push_str(r#","claims":["#);
    count(
        &mut out,
        "call",
        "e",
        r#""all""#,
        r#""military""#,
        &format!("about {}", 2 * n),
    );
    out.push_str("]}]}");
    out
}

/// A context dossier (one agency `x`, one event `e`) and `n` JSON Lines statements, each
/// denying the claim of the line before; the first line names an unknown speaker, so
/// under skip-and-report every line is left out, each because of the one before.
///
/// ```
/// use contested::{corpus::stress, ingest::{ingest_into, OnError}, Dossier};
///
/// let (context, jsonl) = stress::denial_chain(5);
/// let context = Dossier::from_json(&context)?;
/// let (d, skipped) = ingest_into(&context, jsonl.as_bytes(), OnError::SkipAndReport)?;
/// assert!(d.statements().is_empty());
/// assert_eq!(skipped.len(), 5);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn denial_chain(n: usize) -> (String, String) {
    let context = r#"{"actors":[{"id":"x","name":"X","kind":"agency"}],"events":[{"id":"e","name":"E","kind":"clash"}]}"#;
    let mut out = String::with_capacity(220 * n);
    for i in 0..n {
        let speaker = if i == 0 { "nobody" } else { "x" };
        let _ = write!(
            out,
            r#"{{"id":"s{i}","speaker":"{speaker}","form":"paraphrase","#
        );
        made(&mut out, T);
        if i == 0 {
            out.push_str(r#","claims":[{"id":"c0","event":"e","timing":{"boundary":"onset","window":{"earliest":"2022-09-13T01:00:00+04:00","latest":"2022-09-13T01:00:00+04:00"}}}]}"#);
        } else {
            let _ = write!(
                out,
                r#","claims":[{{"id":"c{i}","event":"e","denial":{{"denies":"c{}"}}}}]}}"#,
                i - 1
            );
        }
        out.push('\n');
    }
    (context.to_owned(), out)
}
