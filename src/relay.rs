//! How a statement reached the record: the channel the speaker used (a press
//! conference, a ministry website, a post) and the outlets that carried it on, as a
//! graph: each relay names what it relayed, the origin or an earlier relay, so two
//! outlets that each carried the same ministry statement are parallel, not a chain.
//!
//! ```
//! use contested::{Channel, ChannelKind, Relay, Statement, TimeWindow};
//!
//! let made = TimeWindow::instant("2022-09-13T10:00:00+04:00".parse()?);
//! // The ministry posts on its website; TASS and Reuters each carry the post; AFP takes
//! // it from Reuters.
//! let s = Statement::new("ru-mod-1", "ru-mod", made)
//!     .with_channel(Channel::new(ChannelKind::MinistryWebsite).with_url("https://mil.ru/"))
//!     .relayed_by("tass")
//!     .with_relay(Relay::of_origin("reuters"))
//!     .with_relay(Relay::new("afp").from_outlet("reuters"));
//! let paths: Vec<String> = contested::relay::paths(&s.relay, 8)
//!     .iter()
//!     .map(|p| p.iter().map(|a| a.as_str()).collect::<Vec<_>>().join(" > "))
//!     .collect();
//! assert_eq!(paths, ["tass", "reuters > afp"]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # JSON
//!
//! A relay is either an actor id (the old form: it relays the relay before it, or the
//! origin when it is first, so a list of ids is a chain, as it always was) or an object
//! with `outlet`, and optionally `from` (`"origin"`, the index of an earlier relay, or
//! the outlet id of an earlier relay; when absent, the relay before, as for a bare id)
//! and `channel`. A channel is a kind's name (what [`ChannelKind`]'s `Display` prints;
//! any other words are kept as [`ChannelKind::Other`]) or an object with `kind`, and
//! optionally `url` and `published` (RFC 3339).
//!
//! ```
//! use contested::Statement;
//!
//! let s: Statement = serde_json::from_str(r#"{
//!     "id": "s", "speaker": "ru-mod", "form": "paraphrase",
//!     "made": {"earliest": "2022-09-13T10:00:00+04:00", "latest": "2022-09-13T10:00:00+04:00"},
//!     "channel": {"kind": "press conference", "published": "2022-09-13T10:05:00+04:00"},
//!     "relay": ["tass", {"outlet": "reuters", "from": "origin", "channel": "wire"},
//!               {"outlet": "afp", "from": "reuters"}]
//! }"#)?;
//! assert_eq!(s.relay.len(), 3);
//! assert_eq!(s.relay[2].from, Some(contested::RelayFrom::Outlet("reuters".into())));
//! // Written back, a plain chain link is a bare id again.
//! assert!(serde_json::to_string(&s)?.contains(r#""relay":["tass","#));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;

use chrono::{DateTime, FixedOffset};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};

use crate::id::ActorId;

/// The kind of medium or venue that carried words: where the speaker said them, or how
/// an outlet carried them on.
///
/// `Display` prints the words JSON accepts; anything else parses as
/// [`ChannelKind::Other`], kept as written.
///
/// ```
/// use contested::ChannelKind;
///
/// assert_eq!(ChannelKind::PressConference.to_string(), "press conference");
/// assert_eq!("Press_Conference".parse::<ChannelKind>()?, ChannelKind::PressConference);
/// assert_eq!("embassy press review".parse::<ChannelKind>()?, ChannelKind::Other("embassy press review".into()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(with = "String"))]
#[non_exhaustive]
pub enum ChannelKind {
    /// A session of a parliament or its committee.
    Parliament,
    /// A press conference or media briefing.
    PressConference,
    /// A written press release or official statement.
    PressRelease,
    /// A ministry's or government's website.
    MinistryWebsite,
    /// A social-media post.
    SocialMedia,
    /// State television.
    StateTv,
    /// Television (not state-run, or not known to be).
    Television,
    /// Radio.
    Radio,
    /// A newspaper or news site.
    Newspaper,
    /// A news-agency wire.
    Wire,
    /// An interview.
    Interview,
    /// A report (an NGO's, a mission's, an investigation's).
    Report,
    /// A meeting of an international body (the Security Council).
    Meeting,
    /// Anything else, as written.
    Other(String),
}

impl ChannelKind {
    /// Every kind with a name of its own (all but [`ChannelKind::Other`]).
    ///
    /// ```
    /// # use contested::ChannelKind;
    /// assert!(ChannelKind::NAMED.contains(&ChannelKind::StateTv));
    /// ```
    pub const NAMED: [ChannelKind; 13] = [
        ChannelKind::Parliament,
        ChannelKind::PressConference,
        ChannelKind::PressRelease,
        ChannelKind::MinistryWebsite,
        ChannelKind::SocialMedia,
        ChannelKind::StateTv,
        ChannelKind::Television,
        ChannelKind::Radio,
        ChannelKind::Newspaper,
        ChannelKind::Wire,
        ChannelKind::Interview,
        ChannelKind::Report,
        ChannelKind::Meeting,
    ];

    fn name(&self) -> &str {
        match self {
            ChannelKind::Parliament => "parliament",
            ChannelKind::PressConference => "press conference",
            ChannelKind::PressRelease => "press release",
            ChannelKind::MinistryWebsite => "ministry website",
            ChannelKind::SocialMedia => "social media",
            ChannelKind::StateTv => "state TV",
            ChannelKind::Television => "television",
            ChannelKind::Radio => "radio",
            ChannelKind::Newspaper => "newspaper",
            ChannelKind::Wire => "wire",
            ChannelKind::Interview => "interview",
            ChannelKind::Report => "report",
            ChannelKind::Meeting => "meeting",
            ChannelKind::Other(s) => s,
        }
    }
}

impl fmt::Display for ChannelKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for ChannelKind {
    type Err = std::convert::Infallible;

    /// A named kind, ignoring ASCII case and reading `_` or `-` as a space
    /// (`"press_conference"`, `"State TV"`); anything else as [`ChannelKind::Other`].
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        let norm = |w: &str| {
            w.chars()
                .map(|c| match c {
                    '_' | '-' => ' ',
                    c => c.to_ascii_lowercase(),
                })
                .collect::<String>()
        };
        let n = norm(t);
        Ok(ChannelKind::NAMED
            .into_iter()
            .find(|k| norm(k.name()) == n)
            .unwrap_or_else(|| ChannelKind::Other(t.to_owned())))
    }
}

impl Serialize for ChannelKind {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for ChannelKind {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        // Infallible.
        Ok(s.parse().unwrap_or_else(|e| match e {}))
    }
}

/// Where words were carried: the kind of medium or venue, with the address and the time
/// of publication when known.
///
/// ```
/// use contested::{Channel, ChannelKind};
///
/// let c = Channel::new(ChannelKind::SocialMedia)
///     .with_url("https://x.com/mod/status/1")
///     .published("2022-09-13T10:05:00+04:00".parse()?);
/// assert_eq!(c.to_string(), "social media <https://x.com/mod/status/1> at 2022-09-13T10:05:00+04:00");
/// // A bare kind is the short JSON form.
/// let wire: Channel = serde_json::from_str(r#""wire""#)?;
/// assert_eq!(wire, Channel::new(ChannelKind::Wire));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(with = "ChannelSchema"))]
#[non_exhaustive]
pub struct Channel {
    /// The kind of medium or venue.
    pub kind: ChannelKind,
    /// Its address: a post, a page, a recording.
    pub url: Option<String>,
    /// When it was published there.
    pub published: Option<DateTime<FixedOffset>>,
}

impl Channel {
    /// A channel of `kind`, with no address or time.
    ///
    /// ```
    /// # use contested::{Channel, ChannelKind};
    /// assert_eq!(Channel::new(ChannelKind::Parliament).url, None);
    /// ```
    pub fn new(kind: ChannelKind) -> Self {
        Channel {
            kind,
            url: None,
            published: None,
        }
    }

    /// With its address.
    ///
    /// ```
    /// # use contested::{Channel, ChannelKind};
    /// assert!(Channel::new(ChannelKind::Wire).with_url("https://example.org").url.is_some());
    /// ```
    pub fn with_url(mut self, url: impl Into<String>) -> Self {
        self.url = Some(url.into());
        self
    }

    /// Published at `at`.
    ///
    /// ```
    /// # use contested::{Channel, ChannelKind};
    /// let c = Channel::new(ChannelKind::Wire).published("2022-09-13T10:05:00Z".parse()?);
    /// assert!(c.published.is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn published(mut self, at: DateTime<FixedOffset>) -> Self {
        self.published = Some(at);
        self
    }
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.kind)?;
        if let Some(u) = &self.url {
            write!(f, " <{u}>")?;
        }
        if let Some(p) = &self.published {
            write!(f, " at {}", p.to_rfc3339())?;
        }
        Ok(())
    }
}

impl Serialize for Channel {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.url.is_none() && self.published.is_none() {
            return self.kind.serialize(s);
        }
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("kind", &self.kind)?;
        if let Some(u) = &self.url {
            m.serialize_entry("url", u)?;
        }
        if let Some(p) = &self.published {
            m.serialize_entry("published", p)?;
        }
        m.end()
    }
}

/// The JSON forms of a channel, for the schema.
#[cfg(feature = "schema")]
#[derive(schemars::JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum ChannelSchema {
    Kind(ChannelKind),
    Full(ChannelObject),
}

#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct ChannelObject {
    kind: ChannelKind,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    published: Option<DateTime<FixedOffset>>,
}

impl<'de> Deserialize<'de> for Channel {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Channel;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a channel kind or an object with `kind`, `url`, `published`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Channel, E> {
                Ok(Channel::new(v.parse().unwrap_or_else(|e| match e {})))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Channel, A::Error> {
                let o = ChannelObject::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Channel {
                    kind: o.kind,
                    url: o.url,
                    published: o.published,
                })
            }
        }
        d.deserialize_any(V)
    }
}

/// What a relay carried on: the speaker's own words, or what an earlier relay carried.
///
/// JSON: `"origin"`, an index into the statement's `relay` list, or the outlet id of an
/// earlier relay (an actor whose id is `origin` is named by index).
///
/// ```
/// use contested::RelayFrom;
///
/// assert_eq!(serde_json::from_str::<RelayFrom>(r#""origin""#)?, RelayFrom::Origin);
/// assert_eq!(serde_json::from_str::<RelayFrom>("0")?, RelayFrom::Index(0));
/// assert_eq!(serde_json::from_str::<RelayFrom>(r#""reuters""#)?, RelayFrom::Outlet("reuters".into()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(with = "RelayFromSchema"))]
#[non_exhaustive]
pub enum RelayFrom {
    /// The speaker's own words.
    Origin,
    /// The relay at this index of the statement's list; it must come earlier.
    Index(usize),
    /// The earlier relay by this outlet.
    Outlet(ActorId),
}

/// The JSON forms of a relay's source, for the schema.
#[cfg(feature = "schema")]
#[derive(schemars::JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum RelayFromSchema {
    Index(usize),
    /// `"origin"` or an outlet id.
    Name(String),
}

impl Serialize for RelayFrom {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            RelayFrom::Origin => s.serialize_str("origin"),
            RelayFrom::Index(i) => s.serialize_u64(*i as u64),
            RelayFrom::Outlet(a) => a.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for RelayFrom {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = RelayFrom;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(r#""origin", the index of an earlier relay, or its outlet id"#)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RelayFrom, E> {
                usize::try_from(v)
                    .map(RelayFrom::Index)
                    .map_err(|_| E::custom("relay index too large"))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RelayFrom, E> {
                u64::try_from(v)
                    .map_err(|_| E::custom("a relay index is not negative"))
                    .and_then(|v| self.visit_u64(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RelayFrom, E> {
                Ok(if v == "origin" {
                    RelayFrom::Origin
                } else {
                    RelayFrom::Outlet(ActorId::from(v))
                })
            }
        }
        d.deserialize_any(V)
    }
}

/// One outlet carrying a statement on: who, from what, through which channel.
///
/// ```
/// use contested::{Channel, ChannelKind, Relay, RelayFrom};
///
/// let r = Relay::of_origin("reuters").via(Channel::new(ChannelKind::Wire));
/// assert_eq!(r.from, Some(RelayFrom::Origin));
/// // A bare relay continues the chain: it relays the relay before it.
/// assert_eq!(Relay::new("agencies").from, None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(with = "RelaySchema"))]
#[non_exhaustive]
pub struct Relay {
    /// The outlet.
    pub outlet: ActorId,
    /// What it relayed; `None`: the relay before it in the list, or the origin when it is
    /// the first (the meaning of the old linear list).
    pub from: Option<RelayFrom>,
    /// How it carried it.
    pub channel: Option<Channel>,
}

impl Relay {
    /// `outlet` relaying the relay before it (or the origin when first).
    ///
    /// ```
    /// # use contested::Relay;
    /// assert_eq!(Relay::new("agencies").outlet.as_str(), "agencies");
    /// ```
    pub fn new(outlet: impl Into<ActorId>) -> Self {
        Relay {
            outlet: outlet.into(),
            from: None,
            channel: None,
        }
    }

    /// `outlet` relaying the speaker's own words: parallel to any other such relay.
    ///
    /// ```
    /// # use contested::{Relay, RelayFrom};
    /// assert_eq!(Relay::of_origin("tass").from, Some(RelayFrom::Origin));
    /// ```
    pub fn of_origin(outlet: impl Into<ActorId>) -> Self {
        Relay {
            from: Some(RelayFrom::Origin),
            ..Relay::new(outlet)
        }
    }

    /// Relaying what the earlier relay at `index` carried.
    ///
    /// ```
    /// # use contested::{Relay, RelayFrom};
    /// assert_eq!(Relay::new("afp").from_index(0).from, Some(RelayFrom::Index(0)));
    /// ```
    pub fn from_index(mut self, index: usize) -> Self {
        self.from = Some(RelayFrom::Index(index));
        self
    }

    /// Relaying what the earlier relay by `outlet` carried.
    ///
    /// ```
    /// # use contested::{Relay, RelayFrom};
    /// assert_eq!(Relay::new("afp").from_outlet("reuters").from, Some(RelayFrom::Outlet("reuters".into())));
    /// ```
    pub fn from_outlet(mut self, outlet: impl Into<ActorId>) -> Self {
        self.from = Some(RelayFrom::Outlet(outlet.into()));
        self
    }

    /// Carried through `channel`.
    ///
    /// ```
    /// # use contested::{Channel, ChannelKind, Relay};
    /// assert!(Relay::new("rt").via(Channel::new(ChannelKind::StateTv)).channel.is_some());
    /// ```
    pub fn via(mut self, channel: Channel) -> Self {
        self.channel = Some(channel);
        self
    }

    /// Whether it is an old-style chain link: a bare outlet with nothing else said.
    fn is_bare(&self) -> bool {
        self.from.is_none() && self.channel.is_none()
    }
}

impl From<ActorId> for Relay {
    fn from(outlet: ActorId) -> Self {
        Relay::new(outlet)
    }
}

impl From<&str> for Relay {
    fn from(outlet: &str) -> Self {
        Relay::new(outlet)
    }
}

impl fmt::Display for Relay {
    /// The outlet, with its channel in parentheses when given.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.outlet)?;
        if let Some(c) = &self.channel {
            write!(f, " ({c})")?;
        }
        Ok(())
    }
}

impl Serialize for Relay {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.is_bare() {
            return self.outlet.serialize(s);
        }
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("outlet", &self.outlet)?;
        if let Some(from) = &self.from {
            m.serialize_entry("from", from)?;
        }
        if let Some(c) = &self.channel {
            m.serialize_entry("channel", c)?;
        }
        m.end()
    }
}

/// The JSON forms of a relay, for the schema.
#[cfg(feature = "schema")]
#[derive(schemars::JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum RelaySchema {
    Outlet(ActorId),
    Full(RelayObject),
}

#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
struct RelayObject {
    outlet: ActorId,
    // Absent when written (the schema describes written and read JSON alike).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    from: Option<RelayFrom>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    channel: Option<Channel>,
}

impl<'de> Deserialize<'de> for Relay {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Relay;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an outlet's actor id or an object with `outlet`, `from`, `channel`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Relay, E> {
                Ok(Relay::new(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Relay, A::Error> {
                let o = RelayObject::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Relay {
                    outlet: o.outlet,
                    from: o.from,
                    channel: o.channel,
                })
            }
        }
        d.deserialize_any(V)
    }
}

/// Why a relay's `from` names nothing it may relay.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FromProblem {
    /// An index not before the relay itself.
    NotEarlier,
    /// An outlet that carries no earlier relay of the statement.
    NoSuchOutlet,
}

/// What each relay relayed: `None` for the origin, `Some(j)` for relay `j < i`. A bad
/// `from` reads as the origin and is refused by validation (`Problem::RelayFromUnknown`).
/// Linear in the number of relays.
///
/// ```
/// use contested::Relay;
/// use contested::relay::parents;
///
/// let rs = [Relay::new("a"), Relay::new("b"), Relay::of_origin("c"), Relay::new("d").from_outlet("a")];
/// assert_eq!(parents(&rs), [None, Some(0), None, Some(0)]);
/// ```
pub fn parents(relays: &[Relay]) -> Vec<Option<usize>> {
    parents_checked(relays).0
}

pub(crate) fn parents_checked(relays: &[Relay]) -> (Vec<Option<usize>>, Vec<(usize, FromProblem)>) {
    let mut by_outlet: std::collections::HashMap<&ActorId, usize> =
        std::collections::HashMap::with_capacity(relays.len());
    let mut out = Vec::with_capacity(relays.len());
    let mut problems = Vec::new();
    for (i, r) in relays.iter().enumerate() {
        let p = match &r.from {
            None => i.checked_sub(1),
            Some(RelayFrom::Origin) => None,
            Some(RelayFrom::Index(j)) if *j < i => Some(*j),
            Some(RelayFrom::Index(_)) => {
                problems.push((i, FromProblem::NotEarlier));
                None
            }
            Some(RelayFrom::Outlet(a)) => match by_outlet.get(a) {
                Some(&j) => Some(j),
                None => {
                    problems.push((i, FromProblem::NoSuchOutlet));
                    None
                }
            },
        };
        out.push(p);
        by_outlet.entry(&r.outlet).or_insert(i);
    }
    (out, problems)
}

/// The outlets that first carried the speaker's words: relays of the origin, in list
/// order. Parallel outlets of one origin are all here; they are one voice.
///
/// ```
/// use contested::Relay;
/// use contested::relay::first_carriers;
///
/// let rs = [Relay::new("tass"), Relay::of_origin("reuters"), Relay::new("afp")];
/// let firsts: Vec<&str> = first_carriers(&rs).map(|a| a.as_str()).collect();
/// assert_eq!(firsts, ["tass", "reuters"]);
/// ```
pub fn first_carriers(relays: &[Relay]) -> impl Iterator<Item = &ActorId> {
    parents(relays)
        .into_iter()
        .zip(relays)
        .filter(|(p, _)| p.is_none())
        .map(|(_, r)| &r.outlet)
}

/// How far the record is from the speaker: the fewest hops from the origin to an outlet
/// that nothing relays further (for a chain, its length; for parallel outlets of the
/// origin, 1; for no relay, 0).
///
/// ```
/// use contested::Relay;
/// use contested::relay::distance;
///
/// assert_eq!(distance(&[Relay::new("spokesman"), Relay::new("agencies")]), 2);
/// assert_eq!(distance(&[Relay::new("tass"), Relay::of_origin("reuters")]), 1);
/// assert_eq!(distance(&[]), 0);
/// ```
pub fn distance(relays: &[Relay]) -> usize {
    let parents = parents(relays);
    let mut depth = vec![0usize; relays.len()];
    let mut has_child = vec![false; relays.len()];
    for (i, p) in parents.iter().enumerate() {
        depth[i] = p.map_or(1, |j| depth[j].saturating_add(1));
        if let Some(j) = p {
            has_child[*j] = true;
        }
    }
    (0..relays.len())
        .filter(|&i| !has_child[i])
        .map(|i| depth[i])
        .min()
        .unwrap_or(0)
}

/// The paths from the origin to each outlet that nothing relays further, in list order,
/// at most `max` of them: `[["spokesman", "agencies"]]` for a chain,
/// `[["tass"], ["reuters"]]` for two parallel outlets.
///
/// ```
/// use contested::Relay;
/// use contested::relay::paths;
///
/// let rs = [Relay::new("spokesman"), Relay::new("agencies"), Relay::new("afp").from_index(0)];
/// let p = paths(&rs, 8);
/// assert_eq!(p.len(), 2);
/// assert_eq!(p[1].iter().map(|a| a.as_str()).collect::<Vec<_>>(), ["spokesman", "afp"]);
/// ```
pub fn paths(relays: &[Relay], max: usize) -> Vec<Vec<&ActorId>> {
    let parents = parents(relays);
    let mut has_child = vec![false; relays.len()];
    for j in parents.iter().flatten() {
        has_child[*j] = true;
    }
    (0..relays.len())
        .filter(|&i| !has_child[i])
        .take(max)
        .map(|leaf| {
            let mut path = Vec::new();
            let mut cur = Some(leaf);
            // Parents are always earlier, so the walk ends.
            while let Some(i) = cur {
                path.push(&relays[i].outlet);
                cur = parents[i];
            }
            path.reverse();
            path
        })
        .collect()
}

/// The number of outlets that nothing relays further.
pub(crate) fn leaves(relays: &[Relay]) -> usize {
    let parents = parents(relays);
    let mut has_child = vec![false; relays.len()];
    for j in parents.iter().flatten() {
        has_child[*j] = true;
    }
    has_child.iter().filter(|h| !**h).count()
}

/// The relays as text: each path from the origin to an outlet that nothing relays
/// further, outlets joined by ` > `, paths by ` | `. At most `max` paths are shown and a
/// path of more than eight outlets is cut in the middle, so the text stays short
/// whatever the input (a chain of 20,000 outlets prints six names and its length).
///
/// ```
/// use contested::Relay;
/// use contested::relay::describe;
///
/// assert_eq!(describe(&[Relay::new("spokesman"), Relay::new("agencies")], 8), "spokesman > agencies");
/// assert_eq!(describe(&[Relay::new("tass"), Relay::of_origin("reuters")], 8), "tass | reuters");
/// assert_eq!(describe(&[Relay::new("tass"), Relay::of_origin("reuters")], 1), "tass | … (2 paths)");
/// ```
pub fn describe(relays: &[Relay], max: usize) -> String {
    const SHOWN: usize = 8;
    let names = |part: &[&ActorId]| {
        part.iter()
            .map(|a| a.as_str())
            .collect::<Vec<_>>()
            .join(" > ")
    };
    let mut out: Vec<String> = paths(relays, max)
        .iter()
        .map(|p| match p.len() {
            n if n <= SHOWN => names(p),
            n => format!(
                "{} > … > {} ({n} outlets)",
                names(&p[..3]),
                names(&p[n - 2..])
            ),
        })
        .collect();
    let total = leaves(relays);
    if total > out.len() {
        out.push(format!("… ({total} paths)"));
    }
    out.join(" | ")
}
