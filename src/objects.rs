//! Items read only from JSON objects.
//!
//! serde's struct derive also reads a JSON array of the fields in order, so
//! `"actors": [["a", "A", "state"]]` was an actor although the top level of a dossier
//! refused `[]`. Every list of model items (actors, events, statements, mediators and
//! their nested records) and every JSON Lines record goes through [`ObjectOnly`], whose
//! visitor implements `visit_map` alone. Fields are then read straight from the map, so
//! path-tracking deserializers still see every field. Single nested records go through
//! [`object`] (a count) or read their raw form as an `ObjectOnly` (a time window, a
//! range); a claim's kinds are read with `deserialize_map` (src/claim.rs).

use std::fmt;
use std::marker::PhantomData;

use serde::de::{MapAccess, SeqAccess, Visitor, value::MapAccessDeserializer};
use serde::{Deserialize, Deserializer};

/// A `T` read only from a JSON object.
pub(crate) struct ObjectOnly<T>(pub(crate) T);

impl<'de, T: Deserialize<'de>> Deserialize<'de> for ObjectOnly<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Object<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for Object<T> {
            type Value = T;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object with named fields")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
                T::deserialize(MapAccessDeserializer::new(map))
            }
        }
        d.deserialize_map(Object(PhantomData)).map(ObjectOnly)
    }
}

/// For `#[serde(deserialize_with = "crate::objects::object")]`: a `T` that must be a
/// JSON object.
pub(crate) fn object<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    ObjectOnly::deserialize(d).map(|ObjectOnly(t)| t)
}

/// For `#[serde(default, deserialize_with = "crate::objects::optional_object")]`: an
/// optional `T` that, when given, must be a JSON object (or `null`).
pub(crate) fn optional_object<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<ObjectOnly<T>>::deserialize(d).map(|o| o.map(|ObjectOnly(t)| t))
}

/// For `#[serde(deserialize_with = "crate::objects::list")]`: a JSON array whose
/// elements must each be an object.
pub(crate) fn list<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct List<T>(PhantomData<T>);
    impl<'de, T: Deserialize<'de>> Visitor<'de> for List<T> {
        type Value = Vec<T>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("an array of JSON objects")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            // The hint is the input's claim, not a promise: cap what is reserved up front.
            let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
            while let Some(ObjectOnly(item)) = seq.next_element::<ObjectOnly<T>>()? {
                out.push(item);
            }
            Ok(out)
        }
    }
    d.deserialize_seq(List(PhantomData))
}
