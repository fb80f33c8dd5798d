//! The readable text report: `Display` for [`Reconciliation`].
//!
//! Everything in it that came from input (ids, names, words, quotes, phrases) is written
//! through an escaping writer, so control characters (ESC, newline, ...) and bidirectional
//! overrides show as `\u{..}` escapes instead of acting on the terminal or forging report
//! lines. The JSON form ([`Reconciliation::to_json`]) stays exact.

use std::fmt::{self, Write};

use crate::claim::ClaimBody;
use crate::id::ActorId;
use crate::reconcile::evidence::{Cite, ClaimRecord, Evidence};
use crate::reconcile::{Corroboration, Reconciliation, Status};
use crate::relay::Relay;
use crate::status::CountStatus;

/// Whether a character must not reach a terminal as itself: C0 and C1 controls (ESC,
/// newline, carriage return, tab, DEL, CSI, ...), zero-width and bidirectional marks,
/// embeddings, overrides and isolates, line and paragraph separators, invisible operators
/// and the byte-order mark.
pub(crate) fn unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{2069}'
                | '\u{FEFF}'
        )
}

/// Writes `s` with every [`unsafe_char`] as an escape: `\n`, `\r`, `\t`, or `\u{1b}`.
pub(crate) fn write_escaped(w: &mut impl Write, s: &str) -> fmt::Result {
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if unsafe_char(c) {
            w.write_str(&s[start..i])?;
            match c {
                '\n' => w.write_str("\\n")?,
                '\r' => w.write_str("\\r")?,
                '\t' => w.write_str("\\t")?,
                _ => write!(w, "\\u{{{:x}}}", u32::from(c))?,
            }
            start = i + c.len_utf8();
        }
    }
    w.write_str(&s[start..])
}

/// A writer that escapes everything written through it. Each report line is written
/// through one, and only the report's own line ends bypass it, so nothing nested (a
/// citation's ids, a discrepancy's words, a window's phrase) can reach the terminal raw.
pub(crate) struct Escape<'a, 'b>(pub(crate) &'a mut fmt::Formatter<'b>);

impl Write for Escape<'_, '_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        write_escaped(self.0, s)
    }
}

/// One report line: its text escaped, then a real line end.
macro_rules! emit {
    ($f:expr, $($arg:tt)*) => {{
        write!(Escape(&mut *$f), $($arg)*)?;
        $f.write_str("\n")
    }};
}

/// ` via a > b > c`, parallel outlets as ` via a | b` (see [`crate::relay::describe`]);
/// a long chain shows its first and last outlets and its length, and at most eight paths
/// are shown, so a statement relayed through 20,000 outlets does not print them once per
/// claim (the JSON keeps every outlet).
fn relay(relays: &[Relay]) -> String {
    if relays.is_empty() {
        String::new()
    } else {
        format!(" via {}", crate::relay::describe(relays, 8))
    }
}

/// ` jointly with b, c` for a joint statement's other speakers (at most eight named).
fn jointly(ev: &Evidence, co: &[ActorId]) -> String {
    if co.is_empty() {
        return String::new();
    }
    let names: Vec<String> = co.iter().take(8).map(|a| named(ev, a)).collect();
    let mut s = format!(" jointly with {}", names.join(", "));
    if co.len() > names.len() {
        let _ = write!(s, " and {} more", co.len() - names.len());
    }
    s
}

/// An actor as the report names it: its id, or for an office that names its holder the
/// office and the holder with the id after them, `U.N. Secretary-General (Antonio
/// Guterres) [un-sg]`.
fn named(ev: &Evidence, id: &ActorId) -> String {
    match ev.office(id) {
        Some(label) => format!("{label} [{id}]"),
        None => id.to_string(),
    }
}

/// A citation as [`Cite`]'s `Display` writes it, with the speaker [`named`].
fn cite(ev: &Evidence, c: &Cite) -> String {
    match &c.speaker {
        Some(s) if ev.office(s).is_some() => {
            format!(
                "{} (statement {} by {})",
                c.claim,
                c.statement,
                named(ev, s)
            )
        }
        _ => c.to_string(),
    }
}

fn who(ev: &Evidence, rec: &ClaimRecord) -> String {
    let mut s = match (&rec.speaker, &rec.party) {
        (Some(sp), Some(p)) if sp != p => format!("{} ({p})", named(ev, sp)),
        (Some(sp), _) => named(ev, sp),
        (None, _) => "unattributed".to_owned(),
    };
    s.push_str(&jointly(ev, &rec.co_speakers));
    s.push_str(&relay(&rec.relay));
    if !rec.hedges.is_empty() {
        let hs: Vec<String> = rec.hedges.iter().map(ToString::to_string).collect();
        let _ = write!(s, ", hedged: {}", hs.join(", "));
    }
    s
}

/// When a statement was made, as finely as it is known: a date for a day or coarser.
fn made(w: &crate::when::TimeWindow) -> String {
    if w.precision() >= crate::when::Precision::Day {
        w.earliest().format("%Y-%m-%d").to_string()
    } else {
        w.earliest().to_rfc3339()
    }
}

/// ` against X: "the words"`, each part only when known.
fn against_and_words(against: Option<&ActorId>, words: Option<&str>) -> String {
    let mut s = String::new();
    if let Some(a) = against {
        let _ = write!(s, " against {a}");
    }
    if let Some(w) = words {
        let _ = write!(s, ": \"{w}\"");
    }
    s
}

fn opt_hi(h: Option<u64>) -> String {
    h.map_or_else(|| "unbounded".to_owned(), |h| h.to_string())
}

impl fmt::Display for Reconciliation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ev = &self.evidence;
        emit!(f, "RECONCILIATION")?;
        match ev.as_of {
            Some(t) => emit!(f, "as of {}", t.to_rfc3339())?,
            None => emit!(f, "as of: all statements")?,
        }
        emit!(
            f,
            "\"about N\" read as N ± {}% (at least ±{})",
            ev.interpretation.tolerance_percent(),
            ev.interpretation.min_tolerance()
        )?;

        let p = &ev.policy;
        emit!(
            f,
            "counts read with supersession by {:?}, order {:?}, snapshots give way: {}, earlier running counts as floors: {}, vaguer restatements keep the figure: {}, counts settle: {}",
            p.supersession,
            p.order,
            p.snapshots_give_way,
            p.running_floors,
            p.restatements_keep,
            match p.settles_after {
                Some(days) => format!("{days} days after their event's end"),
                None => "never (only a final word closes a series)".to_owned(),
            }
        )?;
        emit!(
            f,
            "voices weighed with relays counted once: {}, unnamed sources one voice: {}, only unhedged third parties break ties: {}, wholes cap their parts: {}, positions as said: {}, retractions withdraw: {}, relabelling relays set aside: {}",
            p.relays_count_once,
            p.anonymous_one_voice,
            p.firm_third_parties,
            p.wholes_cap_parts,
            p.positions_as_said,
            p.retractions_withdraw,
            p.relabels_set_aside
        )?;
        emit!(
            f,
            "admissions against interest: {}{}",
            match (p.against_interest, p.civilians_against_interest) {
                (false, _) => "none",
                (true, false) => "a party's own combatants",
                (true, true) => "a party's own people",
            },
            if p.against_interest && p.admissions_are_floors {
                ", the low end (a third party's count above one breaks a tie)"
            } else {
                ""
            }
        )?;

        f.write_str("\nFIGURES\n")?;
        if self.figures.is_empty() {
            emit!(f, "  (no count claims)")?;
        }
        for fig in &self.figures {
            emit!(f, "  {}", fig.key)?;
            for r in &fig.readings {
                let part = r
                    .part_of_breakdown
                    .as_ref()
                    .map(|u| format!(" [part {u}]"))
                    .unwrap_or_default();
                let speaker = r
                    .cite
                    .speaker
                    .as_ref()
                    .map_or("unattributed".to_owned(), |sp| named(ev, sp))
                    + &jointly(ev, &r.co_speakers);
                let status = match (&r.status, r.bearing, &r.restates) {
                    (Status::Live, Some(b), Some(by)) => {
                        format!(" (restates {by}: bears now as {b})")
                    }
                    (Status::Live, Some(b), None) if b != r.range => {
                        format!(" (bears now as {b})")
                    }
                    (Status::Live, _, _) => String::new(),
                    (other, _, _) => format!(" ({other})"),
                };
                let series = match (r.count_status, r.settled) {
                    (CountStatus::Unstated, true) => ", settled".to_owned(),
                    (CountStatus::Unstated, false) => String::new(),
                    (s, _) => format!(", {s}"),
                };
                let as_of = if r.as_of == r.made {
                    String::new()
                } else {
                    format!(", as of {}", made(&r.as_of))
                };
                emit!(
                    f,
                    "    {speaker}{}: \"{}\" -> {} [{}{}{series}]{part}{status}  ({}, made {}{as_of})",
                    relay(&r.relay),
                    r.estimate,
                    r.range,
                    r.source,
                    if r.hedged { ", hedged" } else { "" },
                    r.cite.claim,
                    made(&r.made),
                )?;
            }
            for p in fig.positions.iter().filter(|p| p.history.len() > 1) {
                let steps: Vec<String> = p
                    .history
                    .iter()
                    .filter_map(|c| fig.readings.iter().find(|r| &r.cite.claim == c))
                    .map(|r| format!("\"{}\" ({})", r.estimate, made(&r.as_of)))
                    .collect();
                let current: Vec<&str> = p.current.iter().map(|c| c.as_str()).collect();
                emit!(
                    f,
                    "    series of {}: {}; current: {}",
                    p.voice,
                    steps.join(" -> "),
                    if current.is_empty() {
                        "none (given way)".to_owned()
                    } else {
                        current.join(", ")
                    }
                )?;
            }
            match fig.consensus {
                Some(c) => emit!(f, "    envelope {}, consensus {c}", fig.envelope)?,
                None => emit!(
                    f,
                    "    envelope {}, NO CONSENSUS (numeric conflict)",
                    fig.envelope
                )?,
            }
            emit!(
                f,
                "    best supported {} by {} independent voice{} ({} current count{}); {}",
                fig.best_supported.range,
                fig.best_supported.support,
                if fig.best_supported.support == 1 {
                    ""
                } else {
                    "s"
                },
                fig.live().count(),
                if fig.live().count() == 1 { "" } else { "s" },
                fig.corroboration
            )?;
            // Support counts every voice whose range holds the interval; corroboration
            // only those whose words reach the figure. Say why the two numbers differ.
            if let Corroboration::Corroborated { voices } = fig.corroboration {
                let more = fig.best_supported.support.saturating_sub(voices);
                if more > 0 {
                    emit!(
                        f,
                        "    {more} more voice{} only allow{} it: a floor below a figure is not testimony of it",
                        if more == 1 { "" } else { "s" },
                        if more == 1 { "s" } else { "" },
                    )?;
                }
            }
            if let Some(t) = &fig.tie {
                let c: Vec<String> = t.candidates.iter().map(ToString::to_string).collect();
                emit!(f, "    tie between {}: chose {}", c.join(", "), t.rule)?;
            }
            for (claim, by) in &fig.denied {
                emit!(f, "    {claim} is denied by {}", cite(ev, by))?;
            }
            for (c, later) in &fig.floors_in_sums {
                emit!(
                    f,
                    "    {c} enters the part-whole sums as its floor: {} counts a whole or part of this key later",
                    cite(ev, later)
                )?;
            }
            for c in &fig.ceilings {
                let above: Vec<&str> = c.above.iter().map(|a| a.claim.as_str()).collect();
                emit!(
                    f,
                    "    {} puts the whole {} at most at {}: no room for {}",
                    cite(ev, &c.by),
                    c.whole,
                    c.at_most,
                    above.join(", ")
                )?;
            }
            if let Some(a) = fig.admitted {
                emit!(
                    f,
                    "    the party itself admits at least {a} (against interest): a floor"
                )?;
            }
            if let (Some(b), Some(c)) = (fig.bounds, fig.consensus)
                && b != c
            {
                emit!(f, "    narrowed by part-whole sums to {b}")?;
            }
            if let Some(b) = fig.raised_by_sums {
                let outrun = if fig
                    .consensus
                    .is_some_and(|c| c.hi().is_some_and(|h| h < b.lo()))
                {
                    ": its counts were outrun"
                } else {
                    ""
                };
                emit!(
                    f,
                    "    raised by part-whole sums that hold later to {b}{outrun}"
                )?;
            }
            emit!(
                f,
                "    low {} / best {} / high {}  (conservative figure: {})",
                fig.low,
                fig.best,
                opt_hi(fig.high),
                fig.conservative()
            )?;
            let by: Vec<String> = fig.conservative_by.iter().map(|c| cite(ev, c)).collect();
            if !by.is_empty() {
                let capped = fig.ceilings.iter().any(|c| c.at_most == fig.low);
                let why = match (fig.consensus, fig.admitted) {
                    _ if capped => "the most another voice's count of a whole leaves for it",
                    (Some(_), _) => "the low end of the interval the current counts allow",
                    (None, Some(_)) => {
                        "the party's own admission, the lowest credible count in a conflict"
                    }
                    (None, None) => "the lowest floor any current voice gives, in a conflict",
                };
                emit!(
                    f,
                    "    conservative because it is {why}, said by {}",
                    by.join("; ")
                )?;
            } else if fig.wholly_denied() {
                emit!(
                    f,
                    "    conservative because every current count is denied by another voice: the low is what the part-whole sums allow (0 when none bound it)"
                )?;
            } else if fig.raised_by_sums.is_some() {
                emit!(
                    f,
                    "    conservative because the later counts of its wholes or parts leave no less (the measure only grows)"
                )?;
            } else if fig.consensus.is_some() {
                emit!(
                    f,
                    "    conservative figure narrowed from {} by part-whole sums",
                    fig.best_supported.range
                )?;
            }
        }

        if !self.constraints.is_empty() {
            f.write_str("\nPART-WHOLE SUMS\n")?;
            for c in &self.constraints {
                emit!(f, "  {} ({})", c.constraint, c.constraint.rule)?;
                match &c.whole {
                    Some(w) => {
                        let parts: Vec<String> = c
                            .parts
                            .iter()
                            .map(|p| p.map_or("?".to_owned(), |p| p.to_string()))
                            .collect();
                        emit!(
                            f,
                            "    consistent: {w} = {} [{}]",
                            parts.join(" + "),
                            c.exactness
                        )?;
                    }
                    None => emit!(f, "    CONFLICT (see discrepancies)")?,
                }
            }
        }

        if !self.derived.is_empty() {
            writeln!(
                f,
                "\nDERIVED FIGURES (nobody reported them; the sums give them)"
            )?;
            for d in &self.derived {
                let via: Vec<String> = d.via.iter().map(|c| c.rule.to_string()).collect();
                writeln!(f, "  {} = {}  (via {})", d.key, d.bounds, via.join("; "))?;
            }
        }
        if !self.disputed.is_empty() {
            writeln!(f, "\nDISPUTED FIGURES IN THE SUMS")?;
            for (k, e) in &self.disputed {
                let fig = self
                    .figures
                    .binary_search_by(|x| x.key.cmp(k))
                    .ok()
                    .map(|i| &self.figures[i]);
                let denied = fig.is_some_and(|x| !x.denied.is_empty());
                let of = match (denied, fig.is_some_and(|x| !x.ceilings.is_empty())) {
                    (true, false) => "its current counts that no other voice denies",
                    (true, true) => {
                        "its current counts that no other voice denies and of the ceilings other voices' wholes put on it"
                    }
                    (false, true) => {
                        "its current counts and of the ceilings other voices' wholes put on it"
                    }
                    (false, false) => "its current counts",
                };
                writeln!(
                    f,
                    "  {k} entered the sums as {e}, the envelope of {of} (not settled by arithmetic)"
                )?;
            }
        }

        if !self.timings.is_empty() {
            f.write_str("\nTIMING\n")?;
            for t in &self.timings {
                emit!(f, "  {} of {}", t.boundary, t.event)?;
                for c in &t.claims {
                    emit!(f, "    {}: {}", cite(ev, &c.cite), c.window)?;
                }
                match &t.overlap {
                    Some(o) if t.claims.len() > 1 => emit!(f, "    agree: windows overlap in {o}")?,
                    Some(_) => {}
                    None => emit!(f, "    CONFLICT: windows do not overlap")?,
                }
            }
        }

        let accounts: Vec<&ClaimRecord> = ev
            .claims
            .iter()
            .filter(|c| {
                matches!(
                    c.body,
                    ClaimBody::Responsibility { .. }
                        | ClaimBody::Action { .. }
                        | ClaimBody::MediationCredit { .. }
                )
            })
            .collect();
        if !accounts.is_empty() {
            f.write_str("\nACCOUNTS\n")?;
            for c in accounts {
                let what = match &c.body {
                    ClaimBody::Responsibility {
                        initiator,
                        against,
                        description,
                    } => format!(
                        "{initiator} started it{}",
                        against_and_words(against.as_ref(), description.as_deref())
                    ),
                    ClaimBody::Action {
                        actor,
                        action,
                        target,
                        description,
                    } => format!(
                        "{actor}: {action}{}",
                        against_and_words(target.as_ref(), description.as_deref())
                    ),
                    ClaimBody::MediationCredit { credited } => format!("brokered by {credited}"),
                    _ => String::new(),
                };
                let withdrawn = self
                    .retraction_of(&c.claim)
                    .map(|d| format!(", retracted by {}", d.claim))
                    .unwrap_or_default();
                emit!(
                    f,
                    "  [{}] {} says {what}  ({}{withdrawn})",
                    c.event,
                    who(ev, c),
                    c.claim
                )?;
            }
        }

        if !self.relative.is_empty() {
            f.write_str("\nRELATIVE FIGURES\n")?;
            for r in &self.relative {
                emit!(f, "  {r}")?;
            }
        }

        if !self.retracted.is_empty() {
            f.write_str("\nRETRACTED (withdrawn by their own voice)\n")?;
            for (c, by) in &self.retracted {
                emit!(f, "  {c} retracted by {}", cite(ev, by))?;
            }
        }

        f.write_str("\nDISCREPANCIES\n")?;
        if self.discrepancies.is_empty() {
            emit!(f, "  none")?;
        }
        let name = |a: &ActorId| named(ev, a);
        for d in &self.discrepancies {
            emit!(f, "  - {}", d.named(&name))?;
        }

        if !self.mediators.is_empty() {
            f.write_str("\nMEDIATORS\n")?;
            for m in &self.mediators {
                let stance = if m.even_handed {
                    "even-handed"
                } else {
                    "not even-handed"
                };
                emit!(f, "  {} ({stance})", named(ev, &m.actor))?;
                for a in &m.appeals {
                    let to: Vec<&str> = a.addressees.iter().map(|x| x.as_str()).collect();
                    let urged: Vec<String> = a.urged.iter().map(ToString::to_string).collect();
                    let speaker = a
                        .speaker
                        .as_ref()
                        .map_or("unattributed".to_owned(), |sp| named(ev, sp));
                    write!(
                        Escape(f),
                        "    appeal by {speaker}{} to {}: urged {}",
                        relay(&a.relay),
                        to.join(" and "),
                        urged.join(", ")
                    )?;
                    if let Some(b) = &a.blamed {
                        write!(Escape(f), "; blamed {b}")?;
                    }
                    if let Some(q) = &a.quote {
                        write!(Escape(f), "; \"{q}\"")?;
                    }
                    f.write_str("\n")?;
                }
                for b in &m.brokered {
                    emit!(f, "    brokered {b}")?;
                }
                for e in &m.facilitated {
                    emit!(f, "    facilitated {e} (no credit)")?;
                }
                for d in &m.deployments {
                    emit!(
                        f,
                        "    deployed \"{}\" ({}) {} in {}",
                        d.count,
                        d.range,
                        d.role,
                        d.event
                    )?;
                }
                for c in &m.consultations {
                    emit!(f, "    consultations: {c}")?;
                }
                for t in &m.ties {
                    emit!(f, "    tie to {}: {}", t.party, t.description)?;
                }
            }
        }
        Ok(())
    }
}
