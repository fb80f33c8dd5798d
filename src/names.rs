//! Snake-case names for vocabulary enums: one definition gives `ALL`, `name()`,
//! `Display` and a `FromStr` that round-trips (ignoring ASCII case).

/// Implements `ALL`, `name`, `Display` and `FromStr` for a fieldless enum from a table
/// of variant names. A new vocabulary type needs its variant in
/// [`Vocabulary`](crate::Vocabulary) too, named as the type.
macro_rules! named_enum {
    ($ty:ident { $($variant:ident => $name:literal),* $(,)? }) => {
        impl $ty {
            /// Every value, in order.
            pub const ALL: &'static [$ty] = &[$($ty::$variant),*];

            /// The snake-case name used in JSON and [`Display`](std::fmt::Display).
            pub fn name(self) -> &'static str {
                match self { $($ty::$variant => $name),* }
            }
        }

        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.name())
            }
        }

        impl std::str::FromStr for $ty {
            type Err = crate::error::NameError;
            fn from_str(s: &str) -> Result<Self, crate::error::NameError> {
                $ty::ALL
                    .iter()
                    .copied()
                    .find(|v| v.name().eq_ignore_ascii_case(s.trim()))
                    .ok_or_else(|| crate::error::NameError { what: crate::error::Vocabulary::$ty, input: crate::excerpt::excerpt(s) })
            }
        }
    };
}

pub(crate) use named_enum;

/// For a vocabulary enum with a free-text or id variant, whose derived serde impls are
/// generated as inherent functions (`#[serde(remote = "Self")]`): JSON accepts the
/// derived form (a named variant's JSON name, or the tagged object such as
/// `{"other": "..."}`) and also any plain string, read as `FromStr` reads it, which
/// accepts what `Display` prints. Serialization is the derived form, unchanged.
macro_rules! display_json {
    ($ty:ident, $expecting:literal) => {
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                $ty::serialize(self, s)
            }
        }

        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl<'de> serde::de::Visitor<'de> for V {
                    type Value = $ty;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str($expecting)
                    }
                    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<$ty, E> {
                        // A named variant's JSON name first, then the words `Display`
                        // prints (or free text).
                        if let Ok(v) = $ty::deserialize(serde::de::value::StrDeserializer::<
                            serde::de::value::Error,
                        >::new(s))
                        {
                            return Ok(v);
                        }
                        s.parse::<$ty>().map_err(E::custom)
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(
                        self,
                        map: A,
                    ) -> Result<$ty, A::Error> {
                        $ty::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    }
                }
                d.deserialize_any(V)
            }
        }
    };
}

pub(crate) use display_json;
