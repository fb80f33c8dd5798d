//! A value stored once and referenced by many records.

use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A value stored once and shared by reference count: a statement's relay chain, hedges
/// and links, held by the [`ClaimRecord`](super::ClaimRecord) of each of its claims. One
/// statement relayed through 20,000 outlets with 1,000 claims used to copy the chain
/// 1,000 times (1.7 GB); now every record points at one chain.
///
/// It reads as the value inside (`Deref`), compares, hashes and serializes as that value
/// (so JSON is unchanged), and [`Shared::share`] is the cheap copy.
///
/// It is deliberately not `Clone`: `.clone()` on a `Shared<Vec<T>>` reaches the `Vec`
/// inside and gives an owned copy of it, as it did when these fields were plain vectors,
/// so code that cloned a record's relay into a `Vec` keeps compiling and meaning the
/// same. Records themselves clone by sharing.
///
/// ```
/// use contested::reconcile::Shared;
/// use contested::ActorId;
///
/// let relay = Shared::new(vec![ActorId::from("agencies"), ActorId::from("outlet")]);
/// let again = Shared::share(&relay);
/// assert!(Shared::ptr_eq(&relay, &again));
/// assert_eq!(relay.len(), 2);
/// let owned: Vec<ActorId> = relay.clone(); // a copy of the list, as before
/// assert_eq!(relay, owned);
/// assert_eq!(serde_json::to_string(&relay)?, r#"["agencies","outlet"]"#);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Default)]
pub struct Shared<T>(Arc<T>);

impl<T> Shared<T> {
    /// Stores `value` for sharing.
    ///
    /// ```
    /// # use contested::reconcile::Shared;
    /// assert_eq!(*Shared::new(3), 3);
    /// ```
    pub fn new(value: T) -> Self {
        Shared(Arc::new(value))
    }

    /// Another reference to the same value: no copy.
    ///
    /// ```
    /// # use contested::reconcile::Shared;
    /// let a = Shared::new(vec![1, 2]);
    /// assert!(Shared::ptr_eq(&a, &Shared::share(&a)));
    /// ```
    pub fn share(this: &Self) -> Self {
        Shared(Arc::clone(&this.0))
    }

    /// Whether two references point at one stored value.
    ///
    /// ```
    /// # use contested::reconcile::Shared;
    /// assert!(!Shared::ptr_eq(&Shared::new(1), &Shared::new(1)));
    /// ```
    pub fn ptr_eq(a: &Self, b: &Self) -> bool {
        Arc::ptr_eq(&a.0, &b.0)
    }
}

/// Displays as the value inside.
impl<T: std::fmt::Display> std::fmt::Display for Shared<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> From<T> for Shared<T> {
    fn from(value: T) -> Self {
        Shared::new(value)
    }
}

impl<T: PartialEq> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Shared::ptr_eq(self, other) || *self.0 == *other.0
    }
}

impl<T: PartialEq> PartialEq<T> for Shared<T> {
    fn eq(&self, other: &T) -> bool {
        *self.0 == *other
    }
}

impl<T: PartialEq<U>, U, const N: usize> PartialEq<[U; N]> for Shared<Vec<T>> {
    fn eq(&self, other: &[U; N]) -> bool {
        self.0.as_slice() == other
    }
}

impl<T: PartialEq<U>, U> PartialEq<&[U]> for Shared<Vec<T>> {
    fn eq(&self, other: &&[U]) -> bool {
        self.0.as_slice() == *other
    }
}

impl<T: Eq> Eq for Shared<T> {}

impl<T: Hash> Hash for Shared<T> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.hash(state);
    }
}

impl<T: Serialize> Serialize for Shared<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Shared<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::deserialize(d).map(Shared::new)
    }
}

impl<'a, T> IntoIterator for &'a Shared<Vec<T>> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}
