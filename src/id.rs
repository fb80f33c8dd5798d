//! Newtype identifiers, one per kind of item, so an actor id can never be passed where
//! an event id is wanted.
//!
//! ```
//! use contested::{ActorId, EventId};
//!
//! let armenia = ActorId::new("armenia");
//! let clash: EventId = "border-clash".parse()?;
//! assert_eq!(armenia.as_str(), "armenia");
//! assert_eq!(clash.to_string(), "border-clash");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::borrow::Borrow;
use std::fmt;
use std::str::FromStr;

use compact_str::CompactString;
use serde::{Deserialize, Serialize};

use crate::error::{IdError, IdKind};

macro_rules! define_id {
    ($(#[$doc:meta])* $name:ident, $what:literal, $kind:ident) => {
        $(#[$doc])*
        ///
        /// An id is any non-empty text without leading or trailing whitespace. [`new`](Self::new)
        /// takes any text so ids read naturally in code; [`FromStr`] and dossier validation
        /// refuse an empty or padded one.
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
        #[serde(transparent)]
        pub struct $name(#[cfg_attr(feature = "schema", schemars(with = "String"))] CompactString);

        impl $name {
            #[doc = concat!("A new ", $what, " id.")]
            ///
            /// ```
            #[doc = concat!("# use contested::", stringify!($name), ";")]
            #[doc = concat!("assert_eq!(", stringify!($name), "::new(\"x\").as_str(), \"x\");")]
            /// ```
            pub fn new(id: impl Into<String>) -> Self {
                $name(CompactString::from(id.into()))
            }

            /// The id as text.
            ///
            /// ```
            #[doc = concat!("# use contested::", stringify!($name), ";")]
            #[doc = concat!("assert_eq!(", stringify!($name), "::new(\"x\").as_str(), \"x\");")]
            /// ```
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// Whether the id is well formed: non-empty, no surrounding whitespace.
            ///
            /// ```
            #[doc = concat!("# use contested::", stringify!($name), ";")]
            #[doc = concat!("assert!(!", stringify!($name), "::new(\" x\").is_well_formed());")]
            /// ```
            pub fn is_well_formed(&self) -> bool {
                !self.0.is_empty() && self.0.trim() == self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl FromStr for $name {
            type Err = IdError;
            fn from_str(s: &str) -> Result<Self, IdError> {
                let id = $name(CompactString::from(s));
                if id.is_well_formed() {
                    Ok(id)
                } else {
                    Err(IdError { kind: IdKind::$kind, input: crate::excerpt::excerpt(s) })
                }
            }
        }

        impl Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                $name(CompactString::from(s))
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                $name(CompactString::from(s))
            }
        }
    };
}

define_id!(
    /// Identifies an [`Actor`](crate::Actor).
    ActorId,
    "actor",
    Actor
);
define_id!(
    /// Identifies an [`Event`](crate::Event).
    EventId,
    "event",
    Event
);
define_id!(
    /// Identifies a [`Statement`](crate::Statement).
    StatementId,
    "statement",
    Statement
);
define_id!(
    /// Identifies a [`Claim`](crate::Claim), unique across a whole dossier.
    ClaimId,
    "claim",
    Claim
);
