//! A faster reading of the serde form of [`Statement`], for the common case.
//!
//! `Claim` flattens an internally tagged `ClaimBody`, which makes serde buffer every claim
//! into an intermediate tree before reading it: a third of ingest time went there. This
//! reads the same JSON through mirror structs with no flattening, borrows timestamps and
//! estimates from the line, takes chrono's strict RFC 3339 parser first and builds
//! canonical estimates directly.
//!
//! It may only ever be *stricter* than the serde form, never more lenient or different:
//! whenever it fails (a field it cannot borrow, an unusual phrase, anything odd) it returns
//! `None` and the caller parses the line the ordinary way, which also gives the error.
//! Tests check that both readings agree on generated corpora.

use std::borrow::Cow;

use chrono::{DateTime, FixedOffset};
use serde::Deserialize;
use serde::de::{Deserializer, Error as _, SeqAccess, Visitor};

use crate::claim::{
    Boundary, BreakdownPart, Category, Claim, ClaimBody, CountClaim, Measure, Whose,
};
use crate::estimate::{Estimate, EstimateKind, ParseEstimateError};
use crate::event::EventKind;
use crate::id::{ActorId, ClaimId, EventId, StatementId};
use crate::statement::{Form, Hedge, Statement};
use crate::when::{Precision, TimeWindow};

/// The statement, or `None` to say "use the ordinary reading".
pub(super) fn parse(text: &str) -> Option<Statement> {
    let raw: RawStatement = serde_json::from_str(text).ok()?;
    Some(raw.into_statement())
}

/// Where and why the mirror fails to read a line, for a line serde's form also refused.
/// Serde loses the path inside a flattened claim (`claims[1]`); the mirror has none to
/// lose (`claims[1].estimate`), and its messages for estimates and windows are serde's.
pub(super) fn locate_error(text: &str) -> Option<(String, serde_json::Error)> {
    let mut de = serde_json::Deserializer::from_str(text);
    match serde_path_to_error::deserialize::<_, RawStatement>(&mut de) {
        Ok(_) => None,
        Err(e) => Some((e.path().to_string(), e.into_inner())),
    }
}

#[derive(Deserialize)]
struct RawStatement {
    id: StatementId,
    #[serde(default)]
    speaker: Option<ActorId>,
    made: Window,
    #[serde(default)]
    relay: Vec<ActorId>,
    form: Form,
    #[serde(default)]
    hedges: Vec<Hedge>,
    #[serde(default)]
    quote: Option<String>,
    #[serde(default)]
    about: Vec<EventId>,
    #[serde(default, deserialize_with = "claims")]
    claims: Vec<Claim>,
}

/// Converts each claim as it is read: collecting the large mirror structs first cost a
/// tenth of ingest time in moves.
fn claims<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Claim>, D::Error> {
    struct Claims;
    impl<'de> Visitor<'de> for Claims {
        type Value = Vec<Claim>;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a list of claims")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<Claim>, A::Error> {
            let mut out = Vec::new();
            while let Some(raw) = seq.next_element::<RawClaim>()? {
                let kind = raw.kind;
                out.push(raw.into_claim().ok_or_else(|| {
                    A::Error::custom(format_args!(
                        "a {kind:?} claim lacks a field its kind needs"
                    ))
                })?);
            }
            Ok(out)
        }
    }
    d.deserialize_seq(Claims)
}

/// As `when::RawWindow`, with faster timestamps.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWindow {
    earliest: Stamp,
    latest: Stamp,
    #[serde(default)]
    precision: Precision,
    #[serde(default)]
    phrase: Option<String>,
}

/// A [`TimeWindow`] read through [`RawWindow`], refused as `TimeWindow`'s serde refuses.
struct Window(TimeWindow);

impl<'de> Deserialize<'de> for Window {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = RawWindow::deserialize(d)?;
        let w = TimeWindow::new(raw.earliest.0, raw.latest.0)
            .map_err(D::Error::custom)?
            .with_precision(raw.precision);
        Ok(Window(match raw.phrase {
            Some(p) => w.with_phrase(p),
            None => w,
        }))
    }
}

/// chrono's serde reads timestamps with `FromStr` (a relaxed RFC 3339); its strict
/// parser is faster and agrees wherever it succeeds.
struct Stamp(DateTime<FixedOffset>);

impl<'de> Deserialize<'de> for Stamp {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = Cow::<'de, str>::deserialize(d)?;
        DateTime::parse_from_rfc3339(&s)
            .or_else(|_| s.parse())
            .map(Stamp)
            .map_err(D::Error::custom)
    }
}

/// An [`Estimate`], reading canonical words directly (see [`estimate`]).
struct Words(Estimate);

impl<'de> Deserialize<'de> for Words {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = Cow::<'de, str>::deserialize(d)?;
        estimate(&s).map(Words).map_err(D::Error::custom)
    }
}

#[derive(Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
enum Kind {
    Count,
    Responsibility,
    Action,
    Timing,
    Denial,
    MediationCredit,
}

/// Every field of every claim kind, unflattened. Fields of the other kinds are ignored
/// once read, as the serde form ignores them; reading them typed is only stricter.
#[derive(Deserialize)]
struct RawClaim {
    id: ClaimId,
    event: EventId,
    #[serde(rename = "type")]
    kind: Kind,
    measure: Option<Measure>,
    whose: Option<Whose>,
    category: Option<Category>,
    estimate: Option<Words>,
    #[serde(default)]
    breakdown: Vec<RawPart>,
    initiator: Option<ActorId>,
    against: Option<ActorId>,
    description: Option<String>,
    actor: Option<ActorId>,
    action: Option<EventKind>,
    target: Option<ActorId>,
    boundary: Option<Boundary>,
    window: Option<Window>,
    denies: Option<ClaimId>,
    wording: Option<String>,
    credited: Option<ActorId>,
}

#[derive(Deserialize)]
struct RawPart {
    unit: String,
    estimate: Words,
}

impl RawStatement {
    fn into_statement(self) -> Statement {
        Statement {
            id: self.id,
            speaker: self.speaker,
            made: self.made.0,
            relay: self.relay,
            form: self.form,
            hedges: self.hedges,
            quote: self.quote,
            about: self.about,
            claims: self.claims,
        }
    }
}

impl RawClaim {
    fn into_claim(self) -> Option<Claim> {
        let body = match self.kind {
            Kind::Count => {
                let breakdown = self
                    .breakdown
                    .into_iter()
                    .map(|p| BreakdownPart {
                        unit: p.unit,
                        estimate: p.estimate.0,
                    })
                    .collect();
                ClaimBody::Count(CountClaim {
                    measure: self.measure?,
                    whose: self.whose?,
                    category: self.category?,
                    estimate: self.estimate?.0,
                    breakdown,
                })
            }
            Kind::Responsibility => ClaimBody::Responsibility {
                initiator: self.initiator?,
                against: self.against,
                description: self.description,
            },
            Kind::Action => ClaimBody::Action {
                actor: self.actor?,
                action: self.action?,
                target: self.target,
                description: self.description,
            },
            Kind::Timing => ClaimBody::Timing {
                boundary: self.boundary?,
                window: self.window?.0,
            },
            Kind::Denial => ClaimBody::Denial {
                denies: self.denies?,
                wording: self.wording,
            },
            Kind::MediationCredit => ClaimBody::MediationCredit {
                credited: self.credited?,
            },
        };
        debug_assert_eq!(kind_of(&body), self.kind);
        Some(Claim {
            id: self.id,
            event: self.event,
            body,
        })
    }
}

/// Exhaustive on purpose: a new claim kind fails to compile here until the mirror knows it.
fn kind_of(body: &ClaimBody) -> Kind {
    match body {
        ClaimBody::Count(_) => Kind::Count,
        ClaimBody::Responsibility { .. } => Kind::Responsibility,
        ClaimBody::Action { .. } => Kind::Action,
        ClaimBody::Timing { .. } => Kind::Timing,
        ClaimBody::Denial { .. } => Kind::Denial,
        ClaimBody::MediationCredit { .. } => Kind::MediationCredit,
    }
}

/// Reads the canonical words of the common kinds directly. `Estimate::new(kind)` carries
/// `kind.canonical_words()`, and an estimate's words parse back to its kind, so when the
/// input *is* those words the result equals `input.parse()`. Anything else goes the
/// ordinary way.
fn estimate(words: &str) -> Result<Estimate, ParseEstimateError> {
    if let Some(kind) = canonical_kind(words)
        && let Ok(e) = Estimate::new(kind)
        && e.words() == words
    {
        return Ok(e);
    }
    words.parse()
}

fn canonical_kind(words: &str) -> Option<EstimateKind> {
    type Build = fn(u64) -> EstimateKind;
    const ONE: [(&str, Build); 8] = [
        ("at least ", EstimateKind::AtLeast),
        ("about ", EstimateKind::About),
        ("more than ", EstimateKind::MoreThan),
        ("up to ", EstimateKind::UpTo),
        ("at most ", EstimateKind::AtMost),
        ("fewer than ", EstimateKind::FewerThan),
        ("nearly ", EstimateKind::Nearly),
        ("", EstimateKind::Exact),
    ];
    if let Some(rest) = words.strip_prefix("between ") {
        let (a, b) = rest.split_once(" and ")?;
        return Some(EstimateKind::Between(number(a)?, number(b)?));
    }
    ONE.iter()
        .find_map(|(prefix, build)| Some(build(number(words.strip_prefix(prefix)?)?)))
}

/// Plain ASCII digits, as `u64::to_string` writes them.
fn number(s: &str) -> Option<u64> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_estimates_equal_parsed_ones() {
        for words in [
            "0",
            "50",
            "at least 49",
            "about 100",
            "more than 7",
            "up to 3",
            "at most 9",
            "fewer than 5",
            "nearly 10",
            "between 3 and 9",
            "18446744073709551615",
        ] {
            assert_eq!(estimate(words), words.parse(), "{words}");
            assert!(canonical_kind(words).is_some(), "{words}");
        }
        for words in [
            "050",
            "At least 49",
            "about  100",
            "2,000",
            "between 9 and 3",
            "fewer than 0",
            "nearly 0",
            " 5",
            "+5",
            "dozens",
            "18446744073709551616",
        ] {
            assert_eq!(estimate(words), words.parse(), "{words}");
        }
    }

    fn agree(line: &str) {
        let slow = serde_json::from_str::<Statement>(line).ok();
        let quick = parse(line);
        if quick.is_some() {
            assert_eq!(quick, slow, "{line}");
        }
    }

    #[test]
    fn every_claim_kind_agrees_with_serde() {
        let made = r#""made":{"earliest":"2022-09-13T00:10:00+04:00","latest":"2022-09-13T01:00:00+04:00","precision":"hour","phrase":"shortly after midnight"}"#;
        let claims = [
            r#"{"id":"c","event":"e","type":"count","measure":"killed","whose":{"party":"am"},"category":{"unit":"army"},"estimate":"about 2,000","breakdown":[{"unit":"a","estimate":"at least 3"}]}"#,
            r#"{"id":"c","event":"e","type":"count","measure":"killed","whose":"all","category":"any","estimate":"\u0035\u0030"}"#,
            r#"{"id":"c","event":"e","type":"responsibility","initiator":"az","against":null,"description":"a \"large-scale\" provocation"}"#,
            r#"{"id":"c","event":"e","type":"action","actor":"az","action":"artillery_fire","target":"am"}"#,
            r#"{"id":"c","event":"e","type":"timing","boundary":"onset","window":{"earliest":"2022-09-12T21:00:00Z","latest":"2022-09-13T06:00:00+04:00"}}"#,
            r#"{"id":"c","event":"e","type":"denial","denies":"d","wording":"fake news","extra":[1,2]}"#,
            r#"{"id":"c","event":"e","type":"mediation_credit","credited":"russia"}"#,
            r#"{"id":"c","event":"e","type":"count","measure":"killed","whose":"all","category":"any","estimate":"50","initiator":5}"#,
            r#"{"id":"c","event":"e","type":"count","measure":null,"whose":"all","category":"any","estimate":"50"}"#,
            r#"{"id":"c","event":"e","type":"count","whose":"all","category":"any","estimate":"50","breakdown":null}"#,
            r#"{"id":"c","event":"e","type":"timing","boundary":"onset","window":{"earliest":"2022-09-13 01:00:00 UTC","latest":"2022-09-13T06:00:00+04:00"}}"#,
            r#"{"id":"c","event":"e","type":"timing","boundary":"end","window":{"earliest":"2022-09-13T01:00:00Z","latest":"2022-09-13T06:00:00Z","junk":1}}"#,
            r#"{"id":"c","event":"e","type":"gossip"}"#,
        ];
        for c in claims {
            agree(&format!(
                r#"{{"id":"s","speaker":"am",{made},"form":"direct_quote","hedges":["reportedly",{{"other":"it is said"}}],"quote":"x","relay":["r"],"about":["e"],"claims":[{c}]}}"#
            ));
        }
        agree(&format!(
            r#"{{"id":"s",{made},"form":"unattributed","unknown":{{"deep":[null]}}}}"#
        ));
        agree(&format!(
            r#"{{"id":"s",{made},"form":"unattributed"}} trailing"#
        ));
    }

    #[cfg(feature = "corpus")]
    #[test]
    fn generated_corpora_read_the_same_both_ways() {
        use crate::corpus::{Corpus, CorpusSpec};
        for seed in 0..4 {
            let corpus = Corpus::new(
                CorpusSpec::new(2_000)
                    .with_seed(seed)
                    .with_breakdown_share(0.3),
            )
            .unwrap();
            for s in corpus.statements() {
                let line = serde_json::to_string(&s).unwrap();
                assert_eq!(parse(&line).as_ref(), Some(&s), "{line}");
            }
        }
    }
}
