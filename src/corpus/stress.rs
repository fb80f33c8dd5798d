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

/// `n` agencies each giving the same three counts of one clash between `a` and `b`: 50
/// military dead in all, 40 of `a`'s and 30 of `b`'s. Every key agrees with itself, but
/// 40 + 30 is not 50: one part-whole conflict backed by `3n` agreeing claims.
///
/// ```
/// # use contested::{corpus::stress, reconcile::{Discrepancy, Reconciler}, Dossier};
/// let d = Dossier::from_json(&stress::part_whole_conflict(3))?;
/// let r = Reconciler::new().reconcile(&d);
/// assert!(r.discrepancies().iter().any(|d| d.kind_name() == "part_whole_conflict"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn part_whole_conflict(n: usize) -> String {
    let mut out = String::with_capacity(600 * n + 300);
    out.push_str(
        r#"{"actors":[{"id":"a","name":"A","kind":"state"},{"id":"b","name":"B","kind":"state"}"#,
    );
    for i in 0..n {
        out.push(',');
        actor(&mut out, &format!("x{i}"), "agency");
    }
    out.push_str(
        r#"],"events":[{"id":"e","name":"E","kind":"clash","sides":["a","b"]}],"statements":["#,
    );
    list(&mut out, n, |o, i| {
        let _ = write!(o, r#"{{"id":"s{i}","speaker":"x{i}","form":"paraphrase","#);
        made(o, T);
        o.push_str(r#","claims":["#);
        count(o, &format!("t{i}"), "e", r#""all""#, r#""military""#, "50");
        o.push(',');
        count(
            o,
            &format!("a{i}"),
            "e",
            r#"{"party":"a"}"#,
            r#""military""#,
            "40",
        );
        o.push(',');
        count(
            o,
            &format!("b{i}"),
            "e",
            r#"{"party":"b"}"#,
            r#""military""#,
            "30",
        );
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

/// `n` statements, each citing the one before it ("according to ..."), each with one
/// count: a citation chain whose origin is the first statement's speaker.
///
/// ```
/// # use contested::{corpus::stress, Dossier};
/// let d = Dossier::from_json(&stress::citation_chain(4))?;
/// assert_eq!(d.statements()[3].cites[0].as_str(), "s2");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn citation_chain(n: usize) -> String {
    let mut out = String::with_capacity(250 * n + 200);
    out.push_str(r#"{"actors":["#);
    list(&mut out, n, |o, i| actor(o, &format!("x{i}"), "agency"));
    out.push_str(r#"],"events":[{"id":"e","name":"E","kind":"clash"}],"statements":["#);
    list(&mut out, n, |o, i| {
        let _ = write!(o, r#"{{"id":"s{i}","speaker":"x{i}","form":"paraphrase","#);
        made(o, T);
        if i > 0 {
            let _ = write!(o, r#","cites":["s{}"]"#, i - 1);
        }
        o.push_str(r#","claims":["#);
        count(o, &format!("c{i}"), "e", r#""all""#, r#""any""#, "50");
        o.push_str("]}");
    });
    out.push_str("]}");
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

/// Reads fuzz input as a recipe, a byte at a time; once it runs out, bytes come from a
/// splitmix64 stream seeded by the input, so a short input still describes a large,
/// varied dossier.
struct Recipe<'a> {
    bytes: &'a [u8],
    at: usize,
    state: u64,
}

impl Recipe<'_> {
    fn byte(&mut self) -> usize {
        let b = match self.bytes.get(self.at) {
            Some(&b) => b,
            None => {
                self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
                let mut z = self.state;
                z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
                z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
                (z ^ (z >> 31)) as u8
            }
        };
        self.at += 1;
        usize::from(b)
    }

    /// A size from 0 to `max`, from two bytes.
    fn size(&mut self, max: usize) -> usize {
        let n = self.byte() << 8 | self.byte();
        if max == 0 { 0 } else { n % (max + 1) }
    }
}

/// A dossier built from arbitrary bytes, for structure-aware fuzzing: the bytes choose
/// how many actors, events and statements there are, how long each relay chain is, and
/// what each claim says (counts, timings, denials of earlier claims, blame), with
/// revisions of earlier statements. `scale` bounds the counts and the whole (relay
/// entries plus claims plus statements stay under `8 * scale + 16`), so one recipe can
/// reach thousands of claims, long relays and wide timing conflicts. Most recipes are
/// valid dossiers; some are not (a relay loop, a revision of a later statement), to
/// exercise validation.
///
/// ```
/// use contested::{corpus::stress, Dossier};
///
/// let json = stress::recipe(&[7, 1, 200, 3, 0, 9, 250, 4, 4, 1], 100);
/// assert!(json.starts_with('{'));
/// let _ = Dossier::from_json(&json); // valid or explained, never a panic
/// ```
pub fn recipe(bytes: &[u8], scale: usize) -> String {
    let seed = bytes.iter().fold(0xCBF2_9CE4_8422_2325u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01B3)
    });
    let mut r = Recipe {
        bytes,
        at: 0,
        state: seed,
    };
    let scale = scale.max(1);
    let mut budget = 8 * scale + 16;
    let actors = 2 + r.size(scale);
    let events = 1 + r.byte() % 4;
    let statements = r.size(scale);
    let mut out = String::with_capacity(64 * budget);
    out.push_str(r#"{"actors":["#);
    list(&mut out, actors, |o, i| {
        let kind = ["state", "agency", "outlet", "armed_group"][i % 4];
        let _ = write!(o, r#"{{"id":"a{i}","name":"A{i}","kind":"{kind}""#);
        if i >= 2 && i % 5 == 0 {
            let _ = write!(o, r#","part_of":"a{}""#, i % 2);
        }
        o.push('}');
    });
    out.push_str(r#"],"events":["#);
    let sides = 2 + r.size(actors.saturating_sub(2).min(scale));
    list(&mut out, events, |o, i| {
        let _ = write!(o, r#"{{"id":"e{i}","name":"E","kind":"clash","sides":["#);
        let step = 5;
        list(o, sides.min(actors), |o, k| {
            // Ids that are not outlets' parts: a0, a1, then every fifth actor onwards.
            let a = if k < 2 { k } else { (k * step + 1) % actors };
            let _ = write!(o, r#""a{a}""#);
        });
        o.push_str("]}");
    });
    out.push_str(r#"],"statements":["#);
    let mut claim_ids: Vec<String> = Vec::new();
    let mut made: Vec<usize> = Vec::new();
    let mut first = true;
    for i in 0..statements {
        if budget == 0 {
            break;
        }
        budget -= 1;
        if !first {
            out.push(',');
        }
        first = false;
        let speaker = r.byte() % actors;
        let hour = r.byte() % 48;
        // Denials name claims of earlier statements (a statement denying itself is
        // refused), except when the recipe asks for an invalid file.
        let earlier = claim_ids.len();
        let t = |h: usize| format!("2022-09-{:02}T{:02}:00:00+04:00", 13 + h / 24, h % 24);
        let _ = write!(
            out,
            r#"{{"id":"s{i}","speaker":"a{speaker}","form":"paraphrase","made":{{"earliest":"{}","latest":"{}"}}"#,
            t(hour),
            t(hour + r.byte() % 3)
        );
        let flags = r.byte();
        let relay = if flags & 1 == 1 {
            r.size((actors - 1).min(budget))
        } else {
            flags >> 6
        }
        .min(actors - 1)
        .min(budget);
        budget -= relay;
        if relay > 0 {
            out.push_str(r#","relay":["#);
            list(&mut out, relay, |o, k| {
                let _ = write!(o, r#""a{}""#, (speaker + 1 + k) % actors);
            });
            if flags == 255 {
                let _ = write!(out, r#","a{speaker}""#);
            }
            out.push(']');
        }
        if flags & 2 == 2 && i > 0 {
            // A revision of a statement made no later than this one.
            let k = r.size(i - 1);
            if made[k] <= hour || flags == 255 {
                let _ = write!(out, r#","revises":["s{k}"]"#);
            }
        }
        made.push(hour);
        let claims = if flags & 4 == 4 {
            1 + r.size(scale.min(budget))
        } else {
            1 + r.byte() % 4
        }
        .min(budget.max(1));
        budget = budget.saturating_sub(claims);
        out.push_str(r#","claims":["#);
        for j in 0..claims {
            if j > 0 {
                out.push(',');
            }
            let id = format!("c{i}_{j}");
            let event = r.byte() % events;
            let _ = write!(out, r#"{{"id":"{id}","event":"e{event}","#);
            match r.byte() % 6 {
                0 | 1 => {
                    let n = r.size(500);
                    let words = match r.byte() % 5 {
                        0 => format!("{n}"),
                        1 => format!("at least {n}"),
                        2 => format!("about {n}"),
                        3 => format!("between {n} and {}", n + r.byte()),
                        _ => format!("up to {n}"),
                    };
                    let whose = if r.byte().is_multiple_of(2) {
                        r#""all""#.to_owned()
                    } else {
                        format!(r#"{{"party":"a{}"}}"#, r.byte() % 2)
                    };
                    let category = ["\"any\"", "\"military\"", "\"civilian\""][r.byte() % 3];
                    let _ = write!(
                        out,
                        r#""count":{{"measure":"killed","whose":{whose},"category":{category},"estimate":"{words}"}}}}"#
                    );
                }
                2 | 3 => {
                    let from = r.byte() % 48;
                    let to = from + r.byte() % 6;
                    let boundary = if r.byte().is_multiple_of(4) {
                        "end"
                    } else {
                        "onset"
                    };
                    let _ = write!(
                        out,
                        r#""timing":{{"boundary":"{boundary}","window":{{"earliest":"{}","latest":"{}"}}}}}}"#,
                        t(from),
                        t(to)
                    );
                }
                4 if earlier > 0 => {
                    let k = r.size(earlier - 1);
                    let _ = write!(out, r#""denial":{{"denies":"{}"}}}}"#, claim_ids[k]);
                }
                _ => {
                    let _ = write!(
                        out,
                        r#""responsibility":{{"initiator":"a{}"}}}}"#,
                        r.byte() % actors
                    );
                }
            }
            claim_ids.push(id);
        }
        out.push_str("]}");
    }
    out.push_str("]}");
    out
}
