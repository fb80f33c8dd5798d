//! Statements: one speech act each, with who said it, when, through whom it reached the
//! record, in what form, with which hedges, and the claims it makes.
//!
//! ```
//! use contested::{Form, Hedge, Statement, TimeWindow};
//!
//! let made = TimeWindow::new("2022-09-13T00:00:00+04:00".parse()?, "2022-09-13T23:59:59+04:00".parse()?)?;
//! let s = Statement::unattributed("troops-advancing", made)
//!     .relayed_by("agencies")
//!     .with_hedge(Hedge::Reportedly);
//! assert_eq!(s.form, Form::Unattributed);
//! assert!(s.is_hedged());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::claim::Claim;
use crate::id::{ActorId, EventId, StatementId};
use crate::names::named_enum;
use crate::relay::{Channel, Relay};
use crate::when::TimeWindow;

/// How a statement reached the record.
///
/// ```
/// use contested::Form;
///
/// assert_eq!(Form::DirectQuote.to_string(), "direct_quote");
/// assert_eq!("paraphrase".parse::<Form>()?, Form::Paraphrase);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Form {
    /// The speaker's own words, in quotation marks.
    DirectQuote,
    /// "According to the ministry, ..."
    Paraphrase,
    /// No speaker named: "troops were reportedly ...".
    Unattributed,
}

named_enum!(Form {
    DirectQuote => "direct_quote",
    Paraphrase => "paraphrase",
    Unattributed => "unattributed",
});

impl Default for Form {
    /// [`Paraphrase`](Form::Paraphrase), as [`Statement::new`] sets it and as JSON reads
    /// a statement with no `form`.
    ///
    /// ```
    /// assert_eq!(contested::Form::default(), contested::Form::Paraphrase);
    /// ```
    fn default() -> Self {
        Form::Paraphrase
    }
}

/// A word that weakens a statement, after Wikidata's sourcing circumstances.
///
/// ```
/// use contested::Hedge;
///
/// assert_eq!(Hedge::Reportedly.to_string(), "reportedly");
/// assert_eq!("Reportedly".parse::<Hedge>()?, Hedge::Reportedly);
/// assert_eq!("so they say".parse::<Hedge>()?, Hedge::Other("so they say".into()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # JSON
///
/// A named hedge is its name; free text is `{"other": "..."}`, and is written so. JSON
/// also accepts any plain string, read as `FromStr` reads it: a name in any ASCII case,
/// and anything else as [`Hedge::Other`]. So the words `Display` prints load back.
///
/// ```
/// # use contested::Hedge;
/// let hs: Vec<Hedge> = serde_json::from_str(r#"["reportedly", "Allegedly", "so they say", {"other": "appears"}]"#)?;
/// assert_eq!(hs, [Hedge::Reportedly, Hedge::Allegedly, Hedge::Other("so they say".into()), Hedge::Other("appears".into())]);
/// assert_eq!(serde_json::to_string(&hs[2])?, r#"{"other":"so they say"}"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(with = "HedgeJson"))]
#[serde(rename_all = "snake_case", remote = "Self")]
#[non_exhaustive]
pub enum Hedge {
    /// "reportedly"
    Reportedly,
    /// "allegedly"
    Allegedly,
    /// "presumably"
    Presumably,
    /// "unconfirmed"
    Unconfirmed,
    /// "disputed"
    Disputed,
    /// Another hedging word, as written.
    Other(String),
}

crate::names::display_json!(Hedge, "a hedge word, or {\"other\": words}");

/// The JSON forms of a [`Hedge`], for the schema: a name or words as `Display` prints
/// them, or the tagged object.
#[cfg(feature = "schema")]
#[derive(schemars::JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum HedgeJson {
    Words(String),
    Tagged { other: String },
}

impl fmt::Display for Hedge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Hedge::Reportedly => "reportedly",
            Hedge::Allegedly => "allegedly",
            Hedge::Presumably => "presumably",
            Hedge::Unconfirmed => "unconfirmed",
            Hedge::Disputed => "disputed",
            Hedge::Other(w) => w,
        })
    }
}

impl Hedge {
    /// Every hedge with a name of its own (all but [`Hedge::Other`]).
    ///
    /// ```
    /// # use contested::Hedge;
    /// assert!(Hedge::NAMED.contains(&Hedge::Reportedly));
    /// ```
    pub const NAMED: [Hedge; 5] = [
        Hedge::Reportedly,
        Hedge::Allegedly,
        Hedge::Presumably,
        Hedge::Unconfirmed,
        Hedge::Disputed,
    ];
}

impl std::str::FromStr for Hedge {
    type Err = std::convert::Infallible;

    /// A known hedge by name (ignoring ASCII case), anything else as [`Hedge::Other`].
    /// `Display` then gives the same text back.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        Ok(Hedge::NAMED
            .into_iter()
            .find(|h| h.to_string().eq_ignore_ascii_case(t))
            .unwrap_or_else(|| Hedge::Other(t.to_owned())))
    }
}

/// One speech act.
///
/// Who *said* it ([`speaker`](Self::speaker), UCDP's `source_original`) is kept apart from
/// who *relayed* it ([`relay`](Self::relay), UCDP's `source_office`). Relays form a
/// graph ([`crate::relay`]): each names what it carried on, the origin or an earlier
/// relay; a plain list of outlet ids, `["un-sg-spokesman", "agencies"]`, is a chain from
/// the speaker outward, as it always was. [`channel`](Self::channel) says where the
/// speaker said it.
///
/// ```
/// use contested::{Form, Statement, TimeWindow};
///
/// let made = TimeWindow::instant("2022-09-13T10:00:00+04:00".parse()?);
/// let s = Statement::new("am-mod-1", "am-mod", made).with_form(Form::Paraphrase).about("clash");
/// assert_eq!(s.speaker.as_ref().unwrap().as_str(), "am-mod");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Statement {
    /// Unique among the dossier's statements.
    pub id: StatementId,
    /// Who said it; `None` for an unattributed statement. For a joint statement, the
    /// first speaker named.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<ActorId>,
    /// The other speakers of a joint statement ("a joint statement of the foreign
    /// ministers of ..."), each distinct and never the speaker. Every speaker's party
    /// speaks of its own people when the statement counts them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub co_speakers: Vec<ActorId>,
    /// When it was made.
    pub made: TimeWindow,
    /// Where the speaker said it: a press conference, a ministry website, a post.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<Channel>,
    /// The outlets that carried it on, each naming what it relayed (see
    /// [`crate::relay`]); a bare outlet relays the one before it, so a list of bare
    /// outlets is a chain from the speaker outward.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relay: Vec<Relay>,
    /// In what form it reached the record. In JSON it may be left out: it is then
    /// [`Form::default`], `paraphrase`, as [`Statement::new`] sets it. A statement with no
    /// speaker says `"form": "unattributed"` (as [`Statement::unattributed`] sets it).
    #[serde(default)]
    pub form: Form,
    /// Hedging words.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hedges: Vec<Hedge>,
    /// The words, where quoted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// The events it speaks of. A claim must be about one of them or a component of one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub about: Vec<EventId>,
    /// The claims it makes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<Claim>,
    /// Earlier statements this one revises, corrects or updates ("64 killed, not 74 as
    /// announced"). Their counts of the keys this statement counts are superseded by
    /// this statement's, whatever the windows say, and a fall from them is a stated
    /// correction rather than a discrepancy. Each must be an earlier statement: one
    /// whose window starts no later than this one ends; links never form a cycle.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub revises: Vec<StatementId>,
    /// Statements this one takes its figures from ("according to the health
    /// ministry"): it adds no independent support to what they say. Links never form
    /// a cycle.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cites: Vec<StatementId>,
    /// Where it was read: references, addresses of articles, archive copies.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<String>,
}

impl Statement {
    /// A paraphrased statement by `speaker`, relayed by nobody, with no claims.
    ///
    /// ```
    /// # use contested::{Form, Statement, TimeWindow};
    /// let s = Statement::new("s", "armenia", TimeWindow::instant("2022-09-13T10:00:00Z".parse()?));
    /// assert_eq!(s.form, Form::Paraphrase);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(id: impl Into<StatementId>, speaker: impl Into<ActorId>, made: TimeWindow) -> Self {
        Statement {
            id: id.into(),
            speaker: Some(speaker.into()),
            co_speakers: Vec::new(),
            made,
            channel: None,
            relay: Vec::new(),
            form: Form::Paraphrase,
            hedges: Vec::new(),
            quote: None,
            about: Vec::new(),
            claims: Vec::new(),
            revises: Vec::new(),
            cites: Vec::new(),
            sources: Vec::new(),
        }
    }

    /// A statement with no named speaker.
    ///
    /// ```
    /// # use contested::{Form, Statement, TimeWindow};
    /// let s = Statement::unattributed("s", TimeWindow::instant("2022-09-13T10:00:00Z".parse()?));
    /// assert_eq!((s.form, s.speaker), (Form::Unattributed, None));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn unattributed(id: impl Into<StatementId>, made: TimeWindow) -> Self {
        Statement {
            speaker: None,
            form: Form::Unattributed,
            ..Statement::new(id, "", made)
        }
    }

    /// With another form.
    ///
    /// ```
    /// # use contested::{Form, Statement, TimeWindow};
    /// let s = Statement::new("s", "a", TimeWindow::instant("2022-09-13T10:00:00Z".parse()?)).with_form(Form::DirectQuote);
    /// assert_eq!(s.form, Form::DirectQuote);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_form(mut self, form: Form) -> Self {
        self.form = form;
        self
    }

    /// With one more outlet relaying the last relay (or the origin when there is none):
    /// the outer end of a chain.
    ///
    /// ```
    /// # use contested::{Statement, TimeWindow};
    /// let s = Statement::new("s", "a", TimeWindow::instant("2022-09-13T10:00:00Z".parse()?)).relayed_by("agencies");
    /// assert_eq!(s.relay.len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn relayed_by(mut self, outlet: impl Into<ActorId>) -> Self {
        self.relay.push(Relay::new(outlet));
        self
    }

    /// With one more relay, saying what it relayed ([`Relay::of_origin`] for a parallel
    /// outlet).
    ///
    /// ```
    /// # use contested::{Relay, Statement, TimeWindow};
    /// let s = Statement::new("s", "ru-mod", TimeWindow::instant("2022-09-13T10:00:00Z".parse()?))
    ///     .with_relay(Relay::of_origin("tass"))
    ///     .with_relay(Relay::of_origin("reuters"));
    /// assert_eq!(contested::relay::distance(&s.relay), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_relay(mut self, relay: Relay) -> Self {
        self.relay.push(relay);
        self
    }

    /// Said through `channel`.
    ///
    /// ```
    /// # use contested::{Channel, ChannelKind, Statement, TimeWindow};
    /// let s = Statement::new("s", "am-mod", TimeWindow::instant("2022-09-13T10:00:00Z".parse()?))
    ///     .with_channel(Channel::new(ChannelKind::SocialMedia).with_url("https://t.me/mod/1"));
    /// assert_eq!(s.channel.unwrap().to_string(), "social media <https://t.me/mod/1>");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_channel(mut self, channel: Channel) -> Self {
        self.channel = Some(channel);
        self
    }

    /// The outlets that relayed it, in list order.
    ///
    /// ```
    /// # use contested::{Statement, TimeWindow};
    /// let s = Statement::new("s", "a", TimeWindow::instant("2022-09-13T10:00:00Z".parse()?)).relayed_by("agencies");
    /// assert_eq!(s.outlets().map(|a| a.as_str()).collect::<Vec<_>>(), ["agencies"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn outlets(&self) -> impl Iterator<Item = &ActorId> {
        self.relay.iter().map(|r| &r.outlet)
    }

    /// Made jointly with `speaker` as well (see [`co_speakers`](field@Statement::co_speakers)).
    ///
    /// ```
    /// # use contested::{Statement, TimeWindow};
    /// let s = Statement::new("joint", "ru-mfa", TimeWindow::instant("2022-09-13T10:00:00Z".parse()?))
    ///     .jointly_with("tr-mfa");
    /// let all: Vec<&str> = s.speakers().map(|a| a.as_str()).collect();
    /// assert_eq!(all, ["ru-mfa", "tr-mfa"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn jointly_with(mut self, speaker: impl Into<ActorId>) -> Self {
        self.co_speakers.push(speaker.into());
        self
    }

    /// Every speaker: the speaker, then the co-speakers of a joint statement.
    ///
    /// ```
    /// # use contested::{Statement, TimeWindow};
    /// let s = Statement::unattributed("u", TimeWindow::instant("2022-09-13T10:00:00Z".parse()?));
    /// assert_eq!(s.speakers().count(), 0);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn speakers(&self) -> impl Iterator<Item = &ActorId> {
        self.speaker.iter().chain(&self.co_speakers)
    }

    /// With one more hedge.
    ///
    /// ```
    /// # use contested::{Hedge, Statement, TimeWindow};
    /// let s = Statement::new("s", "a", TimeWindow::instant("2022-09-13T10:00:00Z".parse()?)).with_hedge(Hedge::Allegedly);
    /// assert!(s.is_hedged());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_hedge(mut self, hedge: Hedge) -> Self {
        self.hedges.push(hedge);
        self
    }

    /// With the words quoted.
    ///
    /// ```
    /// # use contested::{Statement, TimeWindow};
    /// let s = Statement::new("s", "a", TimeWindow::instant("2022-09-13T10:00:00Z".parse()?)).with_quote("show restraint");
    /// assert_eq!(s.quote.as_deref(), Some("show restraint"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_quote(mut self, quote: impl Into<String>) -> Self {
        self.quote = Some(quote.into());
        self
    }

    /// Speaking of one more event.
    ///
    /// ```
    /// # use contested::{Statement, TimeWindow};
    /// let s = Statement::new("s", "a", TimeWindow::instant("2022-09-13T10:00:00Z".parse()?)).about("clash");
    /// assert_eq!(s.about.len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn about(mut self, event: impl Into<EventId>) -> Self {
        self.about.push(event.into());
        self
    }

    /// Making one more claim.
    ///
    /// ```
    /// # use contested::{Category, Claim, Estimate, Measure, Statement, TimeWindow, Whose};
    /// let s = Statement::new("s", "a", TimeWindow::instant("2022-09-13T10:00:00Z".parse()?))
    ///     .about("e")
    ///     .claim(Claim::count("c", "e", Measure::Killed, Whose::All, Category::Any, Estimate::exact(3)));
    /// assert_eq!(s.claims.len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn claim(mut self, claim: Claim) -> Self {
        self.claims.push(claim);
        self
    }

    /// Revising an earlier statement (see [`revises`](field@Statement::revises)).
    ///
    /// ```
    /// # use contested::{Statement, TimeWindow};
    /// let s = Statement::new("ru-4", "ru-mod", TimeWindow::instant("2008-08-20T12:00:00+04:00".parse()?))
    ///     .revising("ru-2");
    /// assert_eq!(s.revises[0].as_str(), "ru-2");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn revising(mut self, earlier: impl Into<StatementId>) -> Self {
        self.revises.push(earlier.into());
        self
    }

    /// Citing another statement as the origin of its figures (see
    /// [`cites`](field@Statement::cites)).
    ///
    /// ```
    /// # use contested::{Statement, TimeWindow};
    /// let s = Statement::new("afp-1", "afp", TimeWindow::instant("2023-10-17T20:00:00Z".parse()?))
    ///     .citing("moh-1");
    /// assert_eq!(s.cites.len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn citing(mut self, origin: impl Into<StatementId>) -> Self {
        self.cites.push(origin.into());
        self
    }

    /// With one more source reference.
    ///
    /// ```
    /// # use contested::{Statement, TimeWindow};
    /// let s = Statement::new("s", "a", TimeWindow::instant("2022-09-13T10:00:00Z".parse()?))
    ///     .with_source("https://example.org/report");
    /// assert_eq!(s.sources.len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_source(mut self, source: impl Into<String>) -> Self {
        self.sources.push(source.into());
        self
    }

    /// Whether any hedge weakens it.
    ///
    /// ```
    /// # use contested::{Statement, TimeWindow};
    /// assert!(!Statement::new("s", "a", TimeWindow::instant("2022-09-13T10:00:00Z".parse()?)).is_hedged());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_hedged(&self) -> bool {
        !self.hedges.is_empty()
    }

    /// Whether the statement may have been made by `t`: its window starts at or before `t`.
    /// This is the rule as-of queries use.
    ///
    /// ```
    /// # use contested::{Statement, TimeWindow};
    /// let s = Statement::new("s", "a", TimeWindow::instant("2022-09-13T10:00:00Z".parse()?));
    /// assert!(s.made_by("2022-09-13T10:00:00Z".parse()?));
    /// assert!(!s.made_by("2022-09-13T09:59:59Z".parse()?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn made_by(&self, t: DateTime<FixedOffset>) -> bool {
        self.made.earliest() <= t
    }

    /// Whether the statement was certainly made by `t`: its window ends at or before
    /// `t`. Implies [`made_by`](Self::made_by).
    ///
    /// ```
    /// # use contested::{Statement, TimeWindow};
    /// let day = TimeWindow::new("2022-09-13T00:00:00Z".parse()?, "2022-09-13T23:59:59Z".parse()?)?;
    /// let s = Statement::new("s", "a", day);
    /// assert!(s.made_by("2022-09-13T12:00:00Z".parse()?));
    /// assert!(!s.certainly_made_by("2022-09-13T12:00:00Z".parse()?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn certainly_made_by(&self, t: DateTime<FixedOffset>) -> bool {
        self.made.latest() <= t
    }
}
