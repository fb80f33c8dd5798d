//! The timeline chart of one quantity key, as inline SVG: time across, counts up.
//!
//! Each reading is a vertical bar over its range, at a place inside the window its
//! statement was made in (a thin horizontal whisker spans the window), with a marker at
//! its nominal number. Colour tells the party; the marker's shape tells the voice (●
//! own, ■ adversary, ▲ third party, ◇ unattributed), so nothing depends on colour
//! alone. Superseded readings are faded and dashed; open-ended ranges end in an arrow;
//! readings a conflict cites carry a "!" glyph; each speaker's current reading is ringed
//! and labelled at the right. Behind them: the low–high band, the conservative (low)
//! line, and the part-whole bounds, hatched.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::{DateTime, Duration, FixedOffset};
use maud::{Markup, html};

use crate::html::escape::{claim_anchor, clean};
use crate::html::view::{Chart, Mark, View, Voice, current_positions, when_label};

const W: f64 = 800.0;
const H: f64 = 280.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 220.0;
const TOP: f64 = 26.0;
const BOTTOM: f64 = 36.0;

/// A number for an SVG attribute, one decimal.
struct N(f64);

impl std::fmt::Display for N {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:.1}", self.0)
    }
}

struct Scale {
    t0: DateTime<FixedOffset>,
    secs: f64,
    ymax: f64,
}

impl Scale {
    fn new(c: &Chart) -> Scale {
        let t0 = c.marks.iter().map(|m| m.made.earliest()).min();
        let t1 = c.marks.iter().map(|m| m.made.latest()).max();
        let (mut t0, mut t1) = match (t0, t1) {
            (Some(a), Some(b)) => (a, b),
            _ => {
                let epoch = DateTime::UNIX_EPOCH.fixed_offset();
                (epoch, epoch)
            }
        };
        if t1 - t0 < Duration::hours(2) {
            t0 -= Duration::hours(1);
            t1 += Duration::hours(1);
        }
        let pad = (t1 - t0) / 25;
        let (t0, t1) = (t0 - pad, t1 + pad);
        let mut top = c.high.unwrap_or(c.low).max(c.best);
        for m in &c.marks {
            top = top.max(m.range.lo()).max(m.nominal);
            if let Some(h) = m.range.hi() {
                top = top.max(h);
            }
        }
        if let Some(b) = c.bounds {
            top = top.max(b.lo()).max(b.hi().unwrap_or(0));
        }
        let ymax = nice_ceiling((top as f64 * 1.15).max(1.0));
        Scale {
            t0,
            secs: (t1 - t0).num_seconds().max(1) as f64,
            ymax,
        }
    }

    fn x(&self, t: DateTime<FixedOffset>) -> f64 {
        LEFT + (t - self.t0).num_seconds() as f64 / self.secs * (W - LEFT - RIGHT)
    }

    fn y(&self, n: u64) -> f64 {
        let v = (n as f64).min(self.ymax);
        H - BOTTOM - v / self.ymax * (H - TOP - BOTTOM)
    }
}

/// The smallest 1, 2 or 5 × 10ᵏ at or above `v`.
fn nice_ceiling(v: f64) -> f64 {
    let k = 10f64.powf(v.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * k)
        .find(|x| *x >= v)
        .unwrap_or(10.0 * k)
}

fn y_ticks(ymax: f64) -> Vec<u64> {
    let step = nice_ceiling(ymax / 5.0).max(1.0);
    let mut out = Vec::new();
    let mut v = 0.0;
    while v <= ymax + 0.5 {
        out.push(v.round() as u64);
        v += step;
    }
    out
}

/// Round moments across the chart: the smallest step (an hour to a year) giving at most
/// six, aligned to the chart's own time zone, each with its label.
fn time_ticks(s: &Scale) -> Vec<(DateTime<FixedOffset>, String)> {
    const HOUR: i64 = 3_600;
    const DAY: i64 = 24 * HOUR;
    let steps = [
        HOUR,
        3 * HOUR,
        6 * HOUR,
        12 * HOUR,
        DAY,
        2 * DAY,
        7 * DAY,
        14 * DAY,
        30 * DAY,
        91 * DAY,
        365 * DAY,
    ];
    let span = s.secs as i64;
    let step = steps
        .into_iter()
        .find(|st| span / st <= 6)
        .unwrap_or(span / 6 + 1);
    let offset = i64::from(s.t0.offset().local_minus_utc());
    let local = s.t0.timestamp() + offset;
    let first = local.div_euclid(step) * step + step - offset;
    let mut out = Vec::new();
    let mut t = first;
    while t <= s.t0.timestamp() + span {
        if let Some(at) = DateTime::from_timestamp(t, 0) {
            let at = at.with_timezone(s.t0.offset());
            let label = if step < DAY {
                at.format("%m-%d %H:%M").to_string()
            } else {
                at.format("%Y-%m-%d").to_string()
            };
            out.push((at, label));
        }
        t += step;
    }
    out
}

/// The text of a mark's tooltip: words, range, speaker, voice, relays, date, status.
fn title(v: &View, m: &Mark) -> String {
    let mut s = format!("\u{201c}{}\u{201d} ({})", m.words, m.range);
    if let Some(p) = m.part {
        let _ = write!(s, ", part {p} of a breakdown");
    }
    match m.speaker {
        Some(sp) => {
            let _ = write!(s, " said by {} ({sp})", v.name(sp));
        }
        None => s.push_str(", unattributed"),
    }
    let _ = write!(s, ", {}", m.voice.label());
    if !m.relay.is_empty() {
        let paths: Vec<String> = m.relay.iter().map(|p| p.join(" > ")).collect();
        let _ = write!(s, "; via {}", paths.join(" | "));
    }
    let _ = write!(s, "; made {}", when_label(m.made));
    if m.hedged {
        s.push_str("; hedged");
    }
    match &m.replaced {
        Some(status) => {
            let _ = write!(s, "; {status}");
        }
        None if m.current => s.push_str("; current position"),
        None => s.push_str("; live"),
    }
    if m.conflicted {
        s.push_str("; in conflict");
    }
    let _ = write!(s, "; claim {}, statement {}", m.claim, m.statement);
    clean(&s).into_owned()
}

/// The marker of a voice, centred on (x, y).
fn shape(voice: Voice, x: f64, y: f64) -> Markup {
    match voice {
        Voice::Own => html! { circle.shape cx=(N(x)) cy=(N(y)) r="5.5" {} },
        Voice::Adversary => {
            html! { rect.shape x=(N(x - 5.0)) y=(N(y - 5.0)) width="10" height="10" {} }
        }
        Voice::ThirdParty => html! {
            polygon.shape points=(format!("{},{} {},{} {},{}", N(x), N(y - 6.5), N(x - 6.0), N(y + 4.5), N(x + 6.0), N(y + 4.5))) {}
        },
        Voice::Unattributed => html! {
            polygon.shape.hollow points=(format!("{},{} {},{} {},{} {},{}", N(x), N(y - 6.5), N(x + 6.0), N(y), N(x), N(y + 6.5), N(x - 6.0), N(y))) {}
        },
    }
}

/// The colour class of a party.
pub(crate) fn colour_class(v: &View, party: Option<&str>) -> String {
    match v.colour(party) {
        Some(i) => format!("c{}", i % 8),
        None => "cx".to_owned(),
    }
}

/// Where each mark goes across: readings made in the same window share it evenly.
fn dodge(c: &Chart, s: &Scale) -> Vec<f64> {
    let mut groups: BTreeMap<(DateTime<FixedOffset>, DateTime<FixedOffset>), Vec<usize>> =
        BTreeMap::new();
    for (i, m) in c.marks.iter().enumerate() {
        groups
            .entry((m.made.earliest(), m.made.latest()))
            .or_default()
            .push(i);
    }
    let mut xs = vec![0.0; c.marks.len()];
    for ((a, b), idx) in groups {
        let (x0, x1) = (s.x(a), s.x(b));
        let n = idx.len() as f64;
        for (k, i) in idx.into_iter().enumerate() {
            xs[i] = if x1 - x0 >= 14.0 * n {
                x0 + (k as f64 + 1.0) / (n + 1.0) * (x1 - x0)
            } else {
                (x0 + x1) / 2.0 + (k as f64 - (n - 1.0) / 2.0) * 14.0
            };
        }
    }
    xs
}

/// The chart of one key. `caption` is the id of the text that describes it.
pub(crate) fn render(v: &View, c: &Chart, caption: &str) -> Markup {
    let s = Scale::new(c);
    let xs = dodge(c, &s);
    let (pl, pr, pt, pb) = (LEFT, W - RIGHT, TOP, H - BOTTOM);
    let y_hi = |h: Option<u64>| h.map_or(pt, |h| s.y(h));
    let labels = position_labels(v, c, &s);
    html! {
        svg.timeline xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby=(caption)
            viewBox=(format!("0 0 {W} {H}")) width=(W) height=(H) {
            // Bands first, so marks are drawn over them.
            @if let Some(h) = c.high {
                rect.band-range x=(N(pl)) y=(N(s.y(h))) width=(N(pr - pl)) height=(N((s.y(c.low) - s.y(h)).max(1.0))) {}
            }
            @if let Some(b) = c.bounds {
                rect.band-bounds x=(N(pl)) y=(N(y_hi(b.hi()))) width=(N(pr - pl)) height=(N((s.y(b.lo()) - y_hi(b.hi())).max(1.0))) {}
                // Inside a band tall enough for it, else just above it.
                @let ly = if s.y(b.lo()) - y_hi(b.hi()) >= 14.0 { y_hi(b.hi()) + 11.0 } else { y_hi(b.hi()) - 3.0 };
                text.band-label x=(N(pl + 4.0)) y=(N(ly)) { "part-whole bounds " (b) }
            }
            line.low x1=(N(pl)) x2=(N(pr)) y1=(N(s.y(c.low))) y2=(N(s.y(c.low))) {}
            text.band-label x=(N(pr - 4.0)) y=(N(s.y(c.low) - 4.0)) text-anchor="end" { "low (conservative) " (c.low) }
            // Axes.
            line.axis x1=(N(pl)) x2=(N(pl)) y1=(N(pt)) y2=(N(pb)) {}
            line.axis x1=(N(pl)) x2=(N(pr)) y1=(N(pb)) y2=(N(pb)) {}
            @for t in y_ticks(s.ymax) {
                line.grid x1=(N(pl)) x2=(N(pr)) y1=(N(s.y(t))) y2=(N(s.y(t))) {}
                text.tick x=(N(pl - 6.0)) y=(N(s.y(t) + 4.0)) text-anchor="end" { (t) }
            }
            @for (t, label) in time_ticks(&s).into_iter().filter(|(t, _)| s.x(*t) >= pl + 24.0) {
                line.axis x1=(N(s.x(t))) x2=(N(s.x(t))) y1=(N(pb)) y2=(N(pb + 4.0)) {}
                text.tick x=(N(s.x(t))) y=(N(pb + 16.0)) text-anchor="middle" { (label) }
            }
            text.axis-label x=(N(pl)) y=(N(pt - 10.0)) { (clean(&c.measure)) " (count)" }
            text.axis-label x=(N(pr)) y=(N(H - 4.0)) text-anchor="end" { "statement made (time)" }
            @if c.numeric_conflict || c.part_whole_conflict {
                text.conflict-label x=(N(pl + 90.0)) y=(N(pt - 10.0)) {
                    "! " @if c.numeric_conflict { "numeric conflict" } @else { "part-whole conflict" }
                }
            }
            // Marks: superseded first, so live ones sit on top.
            @for (i, m) in c.marks.iter().enumerate().filter(|(_, m)| !m.live()).chain(c.marks.iter().enumerate().filter(|(_, m)| m.live())) {
                (mark(v, m, xs[i], &s))
            }
            // Current positions, labelled at the right.
            @for (y_mark, y_label, text, class) in &labels {
                line.leader x1=(N(pr)) x2=(N(pr + 8.0)) y1=(N(*y_mark)) y2=(N(*y_label)) {}
                text.pos-label class=(class) x=(N(pr + 10.0)) y=(N(*y_label + 4.0)) { (text) }
            }
        }
    }
}

fn mark(v: &View, m: &Mark, x: f64, s: &Scale) -> Markup {
    let (x0, x1) = (s.x(m.made.earliest()), s.x(m.made.latest()));
    let ylo = s.y(m.range.lo());
    let yhi = m.range.hi().map_or(TOP, |h| s.y(h));
    let yn = s
        .y(m.nominal
            .max(m.range.lo())
            .min(m.range.hi().unwrap_or(u64::MAX)));
    let mut class = format!("mark {} {}", m.voice.class(), colour_class(v, m.party));
    if !m.live() {
        class.push_str(" old");
    }
    if m.current {
        class.push_str(" current");
    }
    html! {
        a href=(format!("#{}", claim_anchor(m.claim))) {
            g class=(class) {
                title { (title(v, m)) }
                line.window x1=(N(x0)) x2=(N(x1.max(x0 + 1.0))) y1=(N(yn)) y2=(N(yn)) {}
                line.bar x1=(N(x)) x2=(N(x)) y1=(N(ylo)) y2=(N(yhi)) {}
                @if m.range.hi().is_none() {
                    polygon.arrow points=(format!("{},{} {},{} {},{}", N(x), N(TOP - 6.0), N(x - 5.0), N(TOP + 2.0), N(x + 5.0), N(TOP + 2.0))) {}
                } @else {
                    line.cap x1=(N(x - 4.0)) x2=(N(x + 4.0)) y1=(N(yhi)) y2=(N(yhi)) {}
                }
                line.cap x1=(N(x - 4.0)) x2=(N(x + 4.0)) y1=(N(ylo)) y2=(N(ylo)) {}
                @if m.current {
                    circle.ring cx=(N(x)) cy=(N(yn)) r="9" {}
                }
                (shape(m.voice, x, yn))
                @if m.conflicted {
                    text.bang x=(N(x + 8.0)) y=(N(yn - 6.0)) { "!" }
                }
            }
        }
    }
}

/// One label per speaker with a current position, spread so labels never overlap.
fn position_labels(v: &View, c: &Chart, s: &Scale) -> Vec<(f64, f64, String, String)> {
    let mut out: Vec<(f64, f64, String, String)> = current_positions(&c.marks)
        .into_iter()
        .map(|(who, ms)| {
            let m = ms[0];
            let words: Vec<String> = ms
                .iter()
                .map(|m| format!("\u{201c}{}\u{201d}", m.words))
                .collect();
            let name: std::borrow::Cow<'_, str> = if who == "unattributed" {
                who.into()
            } else {
                v.name(who)
            };
            // The words first: they are what a reader compares across speakers.
            let mut text = format!("{} \u{2014} {}", clean(&words.join(", ")), clean(&name));
            if text.chars().count() > 32 {
                text = text.chars().take(31).collect::<String>() + "\u{2026}";
            }
            let y = s.y(m.nominal.max(m.range.lo()));
            (y, y, text, colour_class(v, m.party))
        })
        .collect();
    out.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut last = f64::NEG_INFINITY;
    for l in &mut out {
        l.1 = l.1.max(last + 13.0);
        last = l.1;
    }
    // Labels pushed below the chart slide back up, keeping their spacing.
    let overflow = last - (H - 8.0);
    if overflow > 0.0 {
        for l in &mut out {
            l.1 -= overflow;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_numbers() {
        assert_eq!(nice_ceiling(115.0), 200.0);
        assert_eq!(nice_ceiling(57.5), 100.0);
        assert_eq!(nice_ceiling(1.0), 1.0);
        assert_eq!(y_ticks(100.0), [0, 20, 40, 60, 80, 100]);
    }
}
