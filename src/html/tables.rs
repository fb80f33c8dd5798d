//! The page's tables: each chart's numbers (its text alternative), the accounts, the
//! mediators, and every statement with its claims, anchored by id.

use maud::{Markup, html};

use crate::claim::{Claim, ClaimBody};
use crate::html::escape::{claim_anchor, clean, statement_anchor};
use crate::html::timeline::colour_class;
use crate::html::view::{Chart, View, when_label};
use crate::statement::Statement;

/// A link to a statement, and the claim inside it.
pub(crate) fn cite_link(claim: &str, statement: &str) -> Markup {
    html! {
        a href=(format!("#{}", claim_anchor(claim))) { code { (clean(claim)) } }
        " in "
        a href=(format!("#{}", statement_anchor(statement))) { code { (clean(statement)) } }
    }
}

/// An actor as `Name` with its id, or "unattributed".
pub(crate) fn actor(v: &View, id: Option<&str>) -> Markup {
    match id {
        None => html! { em { "unattributed" } },
        Some(id) => {
            let name = v.name(id);
            html! {
                (clean(&name))
                @if name != id { " " span.id { "(" (clean(id)) ")" } }
            }
        }
    }
}

fn relay(paths: &[Vec<&str>]) -> Markup {
    html! {
        @if paths.is_empty() { "direct" }
        @else {
            @for (k, chain) in paths.iter().enumerate() {
                @if k > 0 { "; " }
                @for (i, a) in chain.iter().enumerate() {
                    @if i > 0 { " \u{2192} " }
                    code { (clean(a)) }
                }
            }
        }
    }
}

/// The numbers behind one chart, as a table: the text alternative to the picture.
pub(crate) fn chart_table(v: &View, c: &Chart) -> Markup {
    html! {
        table.data {
            caption { "Readings on " code { (clean(&c.key)) } }
            thead { tr {
                th scope="col" { "speaker" } th scope="col" { "voice" } th scope="col" { "words" }
                th scope="col" { "range" } th scope="col" { "made" } th scope="col" { "status" }
                th scope="col" { "claim" }
            } }
            tbody {
                @for m in &c.marks {
                    tr class=(if m.live() { "" } else { "old" }) {
                        td { span class=(format!("swatch {}", colour_class(v, m.party))) {} " " (actor(v, m.speaker)) }
                        td { (m.voice.label()) }
                        td { "\u{201c}" (clean(m.words)) "\u{201d}"
                            @if let Some(p) = m.part { " (part " (clean(p)) ")" } }
                        td.num { (m.range) }
                        td { (clean(&when_label(m.made))) }
                        td {
                            @match &m.replaced {
                                Some(status) => { (clean(status)) },
                                None if m.current => { "current" },
                                None => { "live" },
                            }
                            @if m.conflicted { " " strong { "(! in conflict)" } }
                            @if m.hedged { ", hedged" }
                            @if m.settled { ", settled (made long after the event: final)" }
                            @if let Some(r) = m.restates { ", restates " code { (clean(r)) } }
                            @for d in &m.denied_by { ", denied by " code { (clean(d)) } }
                            @for c in &m.capped_by { ", capped by " code { (clean(c)) } " (a whole)" }
                            @if let Some(l) = m.floor_in_sums { ", a floor in the sums (" code { (clean(l)) } " is later)" }
                        }
                        td { (cite_link(m.claim, m.statement)) }
                    }
                }
            }
            tfoot {
                tr { th scope="row" colspan="3" { "low / best / high" }
                     td.num colspan="4" { (c.low) " / " (c.best) " / " (c.high.map_or("unbounded".to_owned(), |h| h.to_string())) } }
                tr { th scope="row" colspan="3" { "consensus" }
                     td.num colspan="4" { @match c.consensus { Some(r) => (r), None => strong { "none (numeric conflict)" } } } }
                tr { th scope="row" colspan="3" { "envelope (all live readings)" } td.num colspan="4" { (c.envelope) } }
                tr { th scope="row" colspan="3" { "best supported" }
                     td.num colspan="4" { (c.best_supported) " by " (c.support) " of " (c.live) " live" } }
                @if let Some(b) = c.bounds {
                    tr { th scope="row" colspan="3" { "part-whole bounds" } td.num colspan="4" { (b) } }
                }
            }
        }
    }
}

/// Who blamed whom, who said who did what, who denied what, who credited whom.
pub(crate) fn accounts(v: &View) -> Markup {
    html! {
        @if v.accounts.is_empty() {
            p { "No responsibility, action, denial or credit claims." }
        } @else {
            table.data {
                thead { tr {
                    th scope="col" { "event" } th scope="col" { "speaker" } th scope="col" { "says" }
                    th scope="col" { "words" } th scope="col" { "via" } th scope="col" { "claim" }
                } }
                tbody {
                    @for a in &v.accounts {
                        tr {
                            td { code { (clean(a.event)) } }
                            td { (actor(v, a.speaker)) @if a.hedged { " (hedged)" } }
                            td {
                                @match a.kind {
                                    "blames" => { "blames " (actor(v, a.subject)) @if let Some(o) = a.object { " (against " (actor(v, Some(o))) ")" } },
                                    "denies" => {
                                        @if let Some(o) = a.object { "denies claim " a href=(format!("#{}", claim_anchor(o))) { code { (clean(o)) } } }
                                        @else { "denies an allegation" @if a.subject.is_some() { " by " (actor(v, a.subject)) } }
                                    },
                                    "credits" => { "credits " (actor(v, a.subject)) " with brokering" },
                                    _ => {
                                        (actor(v, a.subject)) ": " (clean(a.action.as_deref().unwrap_or("acted")))
                                        @if let Some(o) = a.object { " against " (actor(v, Some(o))) }
                                    },
                                }
                                @if let Some(d) = a.retracted_by {
                                    " (retracted by " a href=(format!("#{}", claim_anchor(d))) { code { (clean(d)) } } ")"
                                }
                            }
                            td { @if let Some(w) = a.words { "\u{201c}" (clean(w)) "\u{201d}" } }
                            td { (relay(&a.relay)) }
                            td { (cite_link(a.claim, a.statement)) }
                        }
                    }
                }
            }
        }
    }
}

/// Each mediator's appeals, even-handedness, agreements, deployments and ties.
pub(crate) fn mediators(v: &View) -> Markup {
    html! {
        @if v.mediators.is_empty() {
            p { "No mediators." }
        } @else {
            table.data {
                thead { tr {
                    th scope="col" { "mediator" } th scope="col" { "even-handed" } th scope="col" { "appeals" }
                    th scope="col" { "brokered, deployed, convened, ties" }
                } }
                tbody {
                    @for m in v.mediators {
                        tr {
                            td { (actor(v, Some(m.actor.as_str()))) }
                            td { @if m.even_handed { "yes" } @else { strong { "no" } } }
                            td {
                                @if m.appeals.is_empty() { "none" }
                                ul.plain { @for a in &m.appeals { li {
                                    (actor(v, a.speaker.as_ref().map(|s| s.as_str())))
                                    " to "
                                    @for (i, x) in a.addressees.iter().enumerate() {
                                        @if i > 0 { " and " } (actor(v, Some(x.as_str())))
                                    }
                                    ": urged "
                                    (clean(&a.urged.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")))
                                    @if let Some(b) = &a.blamed { "; blamed " strong { (actor(v, Some(b.as_str()))) } }
                                    @if let Some(q) = &a.quote { "; \u{201c}" (clean(q)) "\u{201d}" }
                                    " (" a href=(format!("#{}", statement_anchor(a.statement.as_str()))) { code { (clean(a.statement.as_str())) } } ")"
                                } } }
                            }
                            td { ul.plain {
                                @for b in &m.brokered { li { "brokered " code { (clean(b.as_str())) } } }
                                @for e in &m.facilitated { li { "facilitated " code { (clean(e.as_str())) } " (no credit)" } }
                                @for d in &m.deployments { li { "deployed \u{201c}" (clean(d.count.words())) "\u{201d} (" (d.range) ") " (clean(&d.role)) " in " code { (clean(d.event.as_str())) } } }
                                @for c in &m.consultations { li { "convened " code { (clean(c.as_str())) } } }
                                @for t in &m.ties { li { (t.kind.to_string().replace('_', " ")) " tie to " (actor(v, Some(t.party.as_str()))) ": " (clean(&t.description)) } }
                            } }
                        }
                    }
                }
            }
        }
    }
}

fn claim_summary(v: &View, c: &Claim) -> Markup {
    match &c.body {
        ClaimBody::Count(n) => html! {
            (n.measure) ", " (clean(&n.whose.to_string())) ", " (clean(&n.category.to_string()))
            ": \u{201c}" (clean(n.estimate.words())) "\u{201d}"
            @if !n.breakdown.is_empty() {
                " = "
                @for (i, p) in n.breakdown.iter().enumerate() {
                    @if i > 0 { " + " }
                    "\u{201c}" (clean(p.estimate.words())) "\u{201d} " (clean(&p.unit))
                }
            }
        },
        ClaimBody::Responsibility {
            initiator,
            against,
            description,
        } => html! {
            (actor(v, Some(initiator.as_str()))) " started it"
            @if let Some(a) = against { " against " (actor(v, Some(a.as_str()))) }
            @if let Some(d) = description { ": \u{201c}" (clean(d)) "\u{201d}" }
        },
        ClaimBody::Action {
            actor: who,
            action,
            target,
            description,
        } => html! {
            (actor(v, Some(who.as_str()))) ": " (action)
            @if let Some(t) = target { " against " (actor(v, Some(t.as_str()))) }
            @if let Some(d) = description { ": \u{201c}" (clean(d)) "\u{201d}" }
        },
        ClaimBody::Timing { boundary, window } => html! {
            (boundary) " " (clean(&when_label(window)))
        },
        ClaimBody::Denial {
            denies,
            allegation,
            wording,
        } => html! {
            "denies "
            @if let Some(d) = denies { a href=(format!("#{}", claim_anchor(d.as_str()))) { code { (clean(d.as_str())) } } }
            @else if let Some(al) = allegation { (clean(&al.to_string())) }
            @if let Some(w) = wording { ": \u{201c}" (clean(w)) "\u{201d}" }
        },
        ClaimBody::MediationCredit { credited } => html! {
            "brokered by " (actor(v, Some(credited.as_str())))
        },
        ClaimBody::Relative(r) => html! { (clean(&r.to_string())) },
    }
}

fn statement(v: &View, s: &Statement) -> Markup {
    let counted = v.as_of.is_none_or(|t| s.made_by(t));
    let speaker = s.speaker.as_ref().map(|a| a.as_str());
    html! {
        article.statement id=(statement_anchor(s.id.as_str())) class=(if counted { "" } else { "later" }) {
            h3 {
                code { (clean(s.id.as_str())) } " \u{2014} " (actor(v, speaker))
            }
            dl.facts {
                dt { "made" } dd { (clean(&when_label(&s.made))) }
                dt { "form" } dd { (s.form.to_string().replace('_', " ")) }
                @if let Some(c) = &s.channel {
                    dt { "channel" } dd { (clean(&c.to_string())) }
                }
                dt { "relay" } dd { (relay(&super::view::relay_paths(&s.relay))) }
                @if !s.hedges.is_empty() {
                    dt { "hedges" } dd { (clean(&s.hedges.iter().map(ToString::to_string).collect::<Vec<_>>().join(", "))) }
                }
                @if !s.about.is_empty() {
                    dt { "about" } dd { @for (i, e) in s.about.iter().enumerate() { @if i > 0 { ", " } code { (clean(e.as_str())) } } }
                }
                @if !counted { dt { "as of" } dd { strong { "made after the as-of time: not counted" } } }
            }
            @if let Some(q) = &s.quote {
                blockquote { "\u{201c}" (clean(q)) "\u{201d}" }
            }
            @if !s.claims.is_empty() {
                ul.claims {
                    @for c in &s.claims {
                        li id=(claim_anchor(c.id.as_str())) {
                            code { (clean(c.id.as_str())) } " "
                            span.kind { (c.body.kind_name().replace('_', " ")) }
                            " (" code { (clean(c.event.as_str())) } "): "
                            (claim_summary(v, c))
                        }
                    }
                }
            }
        }
    }
}

/// Every statement of the dossier, in file order.
pub(crate) fn statements(v: &View) -> Markup {
    html! {
        @for s in v.dossier.statements() { (statement(v, s)) }
        @if v.dossier.statements().is_empty() { p { "No statements." } }
    }
}
