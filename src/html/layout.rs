//! The page: head and inline style, then overview, discrepancies, figures, accounts,
//! mediators and statements, in that order (what a reader wants first comes first).

use maud::{DOCTYPE, Markup, PreEscaped, html};

use crate::html::escape::{clean, figure_anchor};
use crate::html::tables::{self, actor, cite_link};
use crate::html::timeline::{self, colour_class};
use crate::html::view::{Chart, View, Voice, when_label};

const STYLE: &str = include_str!("style.css");

/// The whole document.
pub(crate) fn page(v: &View, title: &str) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                // No script, no network: nothing on the page may run or fetch anything.
                meta http-equiv="Content-Security-Policy"
                    content="default-src 'none'; style-src 'unsafe-inline'; img-src data:";
                meta name="generator" content=(concat!("contested ", env!("CARGO_PKG_VERSION")));
                title { (clean(title)) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                (defs())
                header {
                    h1 { (clean(title)) }
                    @if let Some(src) = v.dossier.source() { p.meta { "Source: " (clean(src)) } }
                    p.meta {
                        @match v.as_of { Some(t) => { "As of " (t.to_rfc3339()) }, None => { "All statements" } }
                        ". " (v.interpretation) "."
                    }
                    nav aria-label="Sections" { ul {
                        li { a href="#overview" { "Overview" } }
                        li { a href="#discrepancies" { "Discrepancies (" (v.findings.len()) ")" } }
                        li { a href="#figures" { "Figures (" (v.charts.len()) ")" } }
                        li { a href="#accounts" { "Accounts" } }
                        li { a href="#mediators" { "Mediators" } }
                        li { a href="#statements" { "Statements (" (v.dossier.statements().len()) ")" } }
                    } }
                }
                main {
                    (overview(v))
                    (discrepancies(v))
                    (figures(v))
                    (relative(v))
                    section #accounts { h2 { "Accounts" } (tables::accounts(v)) }
                    section #mediators { h2 { "Mediators" } (tables::mediators(v)) }
                    section #statements { h2 { "Statements" } (tables::statements(v)) }
                }
            }
        }
    }
}

/// The hatch pattern the charts' part-whole band uses, defined once for the page.
fn defs() -> Markup {
    html! {
        svg width="0" height="0" style="position:absolute" aria-hidden="true" focusable="false" {
            defs {
                pattern #hatch width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)" {
                    rect width="6" height="6" fill="#f5f5f5" {}
                    line x1="0" y1="0" x2="0" y2="6" stroke="#666" stroke-width="1.5" {}
                }
            }
        }
    }
}

fn who_said(v: &View, who: &[String]) -> Markup {
    html! {
        @if who.is_empty() { em { "derived" } }
        @else { @for (i, w) in who.iter().enumerate() { @if i > 0 { ", " } (actor(v, (w != "unattributed").then_some(w.as_str()))) } }
    }
}

fn overview(v: &View) -> Markup {
    html! {
        section #overview {
            h2 { "Overview" }
            @if v.events.is_empty() { p { "No figures and no discrepancies." } }
            @for e in &v.events {
                h3 { (clean(e.name)) " " span.id { "(" code { (clean(e.id)) } ")" } }
                p {
                    @if e.sides.is_empty() { "No sides recorded." }
                    @else {
                        "Sides: "
                        @for (i, s) in e.sides.iter().enumerate() {
                            @if i > 0 { " vs " }
                            span class=(format!("swatch {}", colour_class(v, Some(s)))) {} " " (actor(v, Some(s)))
                        }
                        "."
                    }
                    @if let Some(w) = e.when { " When: " (clean(&when_label(w))) "." }
                    @if let Some(p) = e.place { " Where: " (clean(p)) "." }
                }
                @let charts: Vec<&Chart> = v.charts.iter().filter(|c| c.event == e.id).collect();
                @if !charts.is_empty() {
                    table.data {
                        caption { "Headline figures" }
                        thead { tr {
                            th scope="col" { "figure" } th scope="col" { "low (conservative)" }
                            th scope="col" { "best" } th scope="col" { "high" } th scope="col" { "status" }
                        } }
                        tbody { @for c in charts { tr {
                            th scope="row" { a href=(format!("#{}", figure_anchor(&c.key))) { (figure_name(c)) } }
                            td { strong { (c.low) } br; small { (who_said(v, &c.low_by)) } }
                            td { (c.best) br; small { (who_said(v, &c.best_by)) } }
                            td { @match c.high { Some(h) => { (h) br; small { (who_said(v, &c.high_by)) } }, None => { "unbounded" } } }
                            td { (status(c)) }
                        } } }
                    }
                }
            }
            @if !v.constraints.is_empty() {
                h3 { "Part-whole sums" }
                ul { @for (c, ok) in &v.constraints {
                    li { code { (clean(c)) } " \u{2014} " @if *ok { "consistent" } @else { span.conflict { "! conflict" } } }
                } }
            }
        }
    }
}

fn figure_name(c: &Chart) -> Markup {
    html! { (clean(&c.measure)) ", " (clean(&c.whose)) ", " (clean(&c.category)) }
}

fn status(c: &Chart) -> Markup {
    html! {
        @if c.numeric_conflict { span.conflict { "! numeric conflict" } }
        @else if c.part_whole_conflict { span.conflict { "! part-whole conflict" } }
        @else if let Some(b) = c.bounds { "narrowed by sums to " (b) }
        @else if let Some(b) = c.raised { "raised by later sums to " (b) }
        @else { "consistent" }
    }
}

fn discrepancies(v: &View) -> Markup {
    html! {
        section #discrepancies {
            h2 { "Discrepancies" }
            @if v.findings.is_empty() { p { "None: every figure has a consensus and every account agrees." } }
            @for (i, d) in v.findings.iter().enumerate() {
                div.finding id=(format!("d-{i}")) {
                    span.kind { "! " (d.kind) } ": " (clean(&d.text))
                    @if !d.cites.is_empty() {
                        br; "Cites: "
                        @for (j, c) in d.cites.iter().enumerate() {
                            @if j > 0 { "; " }
                            (cite_link(c.claim.as_str(), c.statement.as_str()))
                        }
                    }
                }
            }
        }
    }
}

/// Relative claims ("more than double ours") and what each implies, with the claims
/// behind it; nothing when the dossier has none.
fn relative(v: &View) -> Markup {
    html! {
        @if !v.relative.is_empty() {
            section #relative {
                h2 { "Relative figures" }
                ul.plain {
                    @for r in v.relative {
                        li {
                            (clean(&r.to_string()))
                            br; "Said in " (cite_link(r.claim.claim.as_str(), r.claim.statement.as_str()))
                            @if !r.behind.is_empty() {
                                "; figures from "
                                @for (j, c) in r.behind.iter().enumerate() {
                                    @if j > 0 { ", " }
                                    (cite_link(c.claim.as_str(), c.statement.as_str()))
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn legend(v: &View) -> Markup {
    let sample = |voice: Voice| {
        let class = format!("mark {} cx", voice.class());
        html! {
            svg.timeline.legend-sample width="18" height="18" viewBox="0 0 18 18" aria-hidden="true" {
                g class=(class) {
                    @match voice {
                        Voice::Own => circle.shape cx="9" cy="9" r="5.5" {},
                        Voice::Adversary => rect.shape x="4" y="4" width="10" height="10" {},
                        Voice::ThirdParty => polygon.shape points="9,2.5 3,13.5 15,13.5" {},
                        Voice::Unattributed => polygon.shape.hollow points="9,2.5 15,9 9,15.5 3,9" {},
                    }
                }
            }
        }
    };
    html! {
        div.legend role="note" aria-label="How to read the charts" {
            @for voice in Voice::ALL { span { (sample(voice)) " " (voice.label()) } }
            @for p in &v.parties { span { span class=(format!("swatch {}", colour_class(v, Some(p)))) {} " " (actor(v, Some(p))) } }
            span { "faded, dashed: superseded" }
            span { "ringed: current position" }
            span { "arrow: open-ended" }
            span { "!: in conflict" }
            span { "grey band: low\u{2013}high; dashed line: conservative figure; hatched: part-whole bounds" }
        }
    }
}

fn figures(v: &View) -> Markup {
    html! {
        section #figures {
            h2 { "Figures over time" }
            @if v.charts.is_empty() { p { "No count claims." } }
            @else { (legend(v)) }
            @for c in &v.charts {
                @let anchor = figure_anchor(&c.key);
                @let caption = format!("{anchor}-cap");
                div.figure id=(anchor) {
                    div {
                        h3 id=(caption) {
                            (clean(c.event_name)) ": " (figure_name(c))
                            " \u{2014} low " (c.low) ", best " (c.best) ", high "
                            (c.high.map_or("unbounded".to_owned(), |h| h.to_string()))
                            ", " (c.marks.len()) @if c.marks.len() == 1 { " reading" } @else { " readings" }
                            @if c.numeric_conflict { ", " span.conflict { "numeric conflict" } }
                            @if c.part_whole_conflict { ", " span.conflict { "part-whole conflict" } }
                        }
                        (timeline::render(v, c, &caption))
                    }
                    div { (tables::chart_table(v, c)) }
                }
            }
        }
    }
}
