//! Claims from many sources about many quantities, interned into a canonical graph.

use std::collections::HashMap;
use std::fmt;

use compact_str::CompactString;

use crate::range::CountRange;

/// `hi` of an unbounded range. `u64::MAX..` and `u64::MAX..=u64::MAX` hold the same
/// counts, so the sentinel loses nothing.
pub(crate) const UNBOUNDED: u64 = u64::MAX;

/// Identical claim sets of at least this many claims are one voice (see [`ClaimGraph`]).
pub const MIN_COPY_CLAIMS: usize = 2;

/// A builder of count claims: who (a source id) claimed what range for which quantity
/// (an object id).
///
/// Ids are interned, so adding a claim costs one hash look-up per id and 24 bytes; with
/// keys interned beforehand ([`Claims::source_key`], [`Claims::add_keyed`]) it costs no
/// look-up at all. A source that claims the same range twice on one object counts once. Call
/// [`Claims::build`] to get the canonical [`ClaimGraph`] the methods run on.
///
/// ```
/// use contested::CountRange;
/// use contested::reliability::{Claims, Method};
///
/// let mut claims = Claims::new();
/// claims.add("armenia-mod", "killed", CountRange::at_least(49));
/// claims.add("agency-a", "killed", CountRange::exact(50));
/// claims.add("agency-b", "killed", CountRange::exact(50));
/// let graph = claims.build()?;
/// let outcome = Method::default().run(&graph);
/// assert_eq!(outcome.estimate("killed").unwrap().value(), 50);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct Claims {
    sources: Interner,
    objects: Interner,
    raw: Vec<RawClaim>,
    too_many: bool,
    foreign_key: bool,
    /// Tags the keys this builder hands out, so a key from another builder is refused.
    nonce: u32,
}

static NONCE: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

fn next_nonce() -> u32 {
    NONCE.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

impl Default for Claims {
    fn default() -> Self {
        Claims {
            sources: Interner::default(),
            objects: Interner::default(),
            raw: Vec::new(),
            too_many: false,
            foreign_key: false,
            nonce: next_nonce(),
        }
    }
}

impl Clone for Claims {
    /// A copy with a fresh key tag: the two builders may intern different ids from now
    /// on, so neither accepts the other's keys, even those handed out before the clone.
    fn clone(&self) -> Self {
        Claims {
            sources: self.sources.clone(),
            objects: self.objects.clone(),
            raw: self.raw.clone(),
            too_many: self.too_many,
            foreign_key: self.foreign_key,
            nonce: next_nonce(),
        }
    }
}

/// A source id interned by one [`Claims`] builder, for [`Claims::add_keyed`].
///
/// ```
/// # use contested::reliability::Claims;
/// let mut c = Claims::new();
/// assert_eq!(c.source_key("wire"), c.source_key("wire"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SourceKey {
    id: u32,
    nonce: u32,
}

/// An object id interned by one [`Claims`] builder, for [`Claims::add_keyed`].
///
/// ```
/// # use contested::reliability::Claims;
/// let mut c = Claims::new();
/// assert_ne!(c.object_key("a"), c.object_key("b"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ObjectKey {
    id: u32,
    nonce: u32,
}

/// Why [`Claims::build`] failed.
///
/// ```
/// use contested::CountRange;
/// use contested::reliability::{BuildError, Claims};
///
/// let mut a = Claims::new();
/// let mut b = Claims::new();
/// let (s, o) = (a.source_key("s"), a.object_key("o"));
/// b.add_keyed(s, o, CountRange::exact(1));
/// assert_eq!(b.build().unwrap_err(), BuildError::ForeignKey);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// More claims, sources or objects than 32-bit indices allow.
    #[error("too many claims, sources or objects: at most 4,294,967,294 of each")]
    TooLarge,
    /// A key given to [`Claims::add_keyed`] came from another builder.
    #[error("a source or object key came from another Claims builder")]
    ForeignKey,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct RawClaim {
    object: u32,
    lo: u64,
    hi: u64,
    source: u32,
}

#[derive(Debug, Clone, Default)]
struct Interner {
    ids: HashMap<CompactString, u32, Seeded>,
}

/// A fast string hash for interning: 8 bytes per folded 128-bit multiply, with a random
/// seed per builder (from std's `RandomState`) so that inputs cannot be crafted to
/// collide in advance. SipHash took a quarter of the time of adding 10^7 claims. The
/// ids it assigns never reach a result: [`Claims::build`] renumbers by sorted name.
#[derive(Debug, Clone, Copy)]
struct Seeded(u64);

impl Default for Seeded {
    fn default() -> Self {
        use std::hash::BuildHasher;
        Seeded(std::collections::hash_map::RandomState::new().hash_one(0x5eed_u64))
    }
}

impl std::hash::BuildHasher for Seeded {
    type Hasher = FoldHasher;
    fn build_hasher(&self) -> FoldHasher {
        FoldHasher(self.0)
    }
}

#[derive(Debug, Clone, Copy)]
struct FoldHasher(u64);

const K: u64 = 0x9e37_79b9_7f4a_7c15;

fn fold(a: u64, b: u64) -> u64 {
    let p = u128::from(a) * u128::from(b);
    (p as u64) ^ ((p >> 64) as u64)
}

impl std::hash::Hasher for FoldHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.0 = fold(self.0 ^ u64::from_le_bytes(w), K);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.0 = fold(
                self.0 ^ u64::from_le_bytes(w) ^ ((rest.len() as u64) << 59),
                K,
            );
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.0 = fold(self.0 ^ u64::from(i), K);
    }
    fn finish(&self) -> u64 {
        fold(self.0, K ^ 0xff51_afd7_ed55_8ccd)
    }
}

impl Interner {
    fn get(&mut self, name: &str) -> Option<u32> {
        if let Some(&id) = self.ids.get(name) {
            return Some(id);
        }
        let id = u32::try_from(self.ids.len())
            .ok()
            .filter(|&i| i < u32::MAX)?;
        self.ids.insert(CompactString::from(name), id);
        Some(id)
    }

    /// The names sorted, and for each old id its rank among them.
    fn into_sorted(self) -> (Vec<CompactString>, Vec<u32>) {
        let mut named: Vec<(CompactString, u32)> = self.ids.into_iter().collect();
        named.sort_unstable();
        let mut rank = vec![0u32; named.len()];
        let mut names = Vec::with_capacity(named.len());
        for (new, (name, old)) in named.into_iter().enumerate() {
            rank[old as usize] = new as u32; // < u32::MAX by construction
            names.push(name);
        }
        (names, rank)
    }
}

impl Claims {
    /// An empty builder.
    ///
    /// ```
    /// # use contested::reliability::Claims;
    /// assert!(Claims::new().is_empty());
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Records that `source` claimed `range` for `object`.
    ///
    /// ```
    /// # use contested::{CountRange, Estimate, Interpretation};
    /// # use contested::reliability::Claims;
    /// let about: Estimate = "about 100".parse()?;
    /// let mut claims = Claims::new();
    /// claims
    ///     .add("agency", "total-killed", about.range(&Interpretation::default()))
    ///     .add("ministry", "total-killed", CountRange::exact(97));
    /// assert_eq!(claims.len(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn add(&mut self, source: &str, object: &str, range: CountRange) -> &mut Self {
        let (Some(source), Some(object)) = (self.sources.get(source), self.objects.get(object))
        else {
            self.too_many = true;
            return self;
        };
        if self.raw.len() >= u32::MAX as usize - 1 {
            self.too_many = true;
            return self;
        }
        self.raw.push(RawClaim {
            object,
            lo: range.lo(),
            hi: range.hi().unwrap_or(UNBOUNDED),
            source,
        });
        self
    }

    /// Interns `source` once, for [`add_keyed`](Self::add_keyed).
    ///
    /// ```
    /// # use contested::reliability::Claims;
    /// let mut c = Claims::new();
    /// let wire = c.source_key("wire");
    /// assert_eq!(c.source_key("wire"), wire);
    /// ```
    pub fn source_key(&mut self, source: &str) -> SourceKey {
        SourceKey {
            id: self.sources.get(source).unwrap_or(u32::MAX),
            nonce: self.nonce,
        }
    }

    /// Interns `object` once, for [`add_keyed`](Self::add_keyed).
    ///
    /// ```
    /// # use contested::reliability::Claims;
    /// let mut c = Claims::new();
    /// let x = c.object_key("x");
    /// assert_eq!(c.object_key("x"), x);
    /// ```
    pub fn object_key(&mut self, object: &str) -> ObjectKey {
        ObjectKey {
            id: self.objects.get(object).unwrap_or(u32::MAX),
            nonce: self.nonce,
        }
    }

    /// [`add`](Self::add) with ids interned beforehand: the fast path for bulk input,
    /// where each id is looked up once rather than once per claim. A key from another
    /// builder makes [`build`](Self::build) fail with [`BuildError::ForeignKey`].
    ///
    /// ```
    /// # use contested::{CountRange, reliability::Claims};
    /// let mut c = Claims::new();
    /// let (wire, x) = (c.source_key("wire"), c.object_key("x"));
    /// c.add_keyed(wire, x, CountRange::exact(3)).add_keyed(wire, x, CountRange::exact(3));
    /// assert_eq!(c.build()?.claim_count(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn add_keyed(
        &mut self,
        source: SourceKey,
        object: ObjectKey,
        range: CountRange,
    ) -> &mut Self {
        if source.nonce != self.nonce || object.nonce != self.nonce {
            self.foreign_key = true;
            return self;
        }
        if source.id == u32::MAX || object.id == u32::MAX || self.raw.len() >= u32::MAX as usize - 1
        {
            self.too_many = true;
            return self;
        }
        self.raw.push(RawClaim {
            object: object.id,
            lo: range.lo(),
            hi: range.hi().unwrap_or(UNBOUNDED),
            source: source.id,
        });
        self
    }

    /// How many claims were added (before duplicates are dropped).
    ///
    /// ```
    /// # use contested::{CountRange, reliability::Claims};
    /// let mut c = Claims::new();
    /// c.add("s", "o", CountRange::exact(1));
    /// assert_eq!(c.len(), 1);
    /// ```
    pub fn len(&self) -> usize {
        self.raw.len()
    }

    /// Whether no claim was added.
    ///
    /// ```
    /// # use contested::reliability::Claims;
    /// assert!(Claims::new().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.raw.is_empty()
    }

    /// Reserves room for `n` more claims.
    ///
    /// ```
    /// # use contested::reliability::Claims;
    /// let mut c = Claims::new();
    /// c.reserve(1000);
    /// assert!(c.is_empty());
    /// ```
    pub fn reserve(&mut self, n: usize) {
        self.raw.reserve(n);
    }

    /// The canonical graph: sources and objects sorted by id, claims sorted by object,
    /// range and source, repeated claims dropped, and copies grouped into voices.
    ///
    /// Every method works on this canonical form in a fixed order, so the order in which
    /// claims were added cannot change any result, not even in the last bit.
    ///
    /// # Errors
    ///
    /// [`BuildError::TooLarge`] when there were 2^32 - 1 or more claims, sources or
    /// objects; [`BuildError::ForeignKey`] when a key came from another builder.
    ///
    /// ```
    /// # use contested::{CountRange, reliability::Claims};
    /// let mut c = Claims::new();
    /// c.add("s", "o", CountRange::exact(1)).add("s", "o", CountRange::exact(1));
    /// assert_eq!(c.build()?.claim_count(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn build(self) -> Result<ClaimGraph, BuildError> {
        if self.foreign_key {
            return Err(BuildError::ForeignKey);
        }
        if self.too_many {
            return Err(BuildError::TooLarge);
        }
        let (sources, source_rank) = self.sources.into_sorted();
        let (objects, object_rank) = self.objects.into_sorted();
        let mut raw = self.raw;
        for c in &mut raw {
            c.source = source_rank[c.source as usize];
            c.object = object_rank[c.object as usize];
        }
        drop((source_rank, object_rank));
        raw.sort_unstable();
        raw.dedup();
        Ok(ClaimGraph::from_sorted(sources, objects, &raw))
    }
}

/// The canonical claim graph: objects, their distinct claimed ranges (*facts*), the
/// claims behind each fact, and the *voice* of each source.
///
/// # Voices: the copy rule
///
/// Sources whose claim sets are identical (the same ranges for the same objects) and hold
/// at least [`MIN_COPY_CLAIMS`] claims are one voice: a source that repeats another's
/// claims under a new id adds no corroboration. [`Method::Closeness`](super::Method)
/// counts each voice once; the baselines (TruthFinder, Investment) see every source, as
/// in their papers. One shared claim is not enough: two occasional sources that agree on
/// the only figure each gave look exactly like independent corroboration, and treating
/// them as copies would erase all agreement between occasional sources.
///
/// ```
/// use contested::{CountRange, reliability::Claims};
///
/// let mut c = Claims::new();
/// for s in ["a", "copy-of-a"] {
///     c.add(s, "x", CountRange::exact(1)).add(s, "y", CountRange::exact(2));
/// }
/// c.add("b", "x", CountRange::exact(1));
/// let g = c.build()?;
/// assert_eq!(g.voice_count(), 2);
/// assert_eq!(g.fact_count(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone)]
pub struct ClaimGraph {
    pub(crate) sources: Vec<CompactString>,
    pub(crate) objects: Vec<CompactString>,
    /// Per object, its facts are `object_facts[o]..object_facts[o + 1]`.
    pub(crate) object_facts: Vec<u32>,
    /// Per fact, its claims are `fact_claims[f]..fact_claims[f + 1]`.
    pub(crate) fact_claims: Vec<u32>,
    pub(crate) fact_lo: Vec<u64>,
    pub(crate) fact_hi: Vec<u64>,
    /// The source of each claim; claims are sorted by (object, range, source).
    pub(crate) claim_source: Vec<u32>,
    /// Per source, how many claims it made.
    pub(crate) source_claims: Vec<u32>,
    /// Per source, its voice: the smallest source index with the identical claim set.
    pub(crate) voice: Vec<u32>,
}

impl fmt::Debug for ClaimGraph {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClaimGraph")
            .field("sources", &self.sources.len())
            .field("voices", &self.voice_count())
            .field("objects", &self.objects.len())
            .field("facts", &self.fact_count())
            .field("claims", &self.claim_count())
            .finish()
    }
}

impl ClaimGraph {
    fn from_sorted(
        sources: Vec<CompactString>,
        objects: Vec<CompactString>,
        raw: &[RawClaim],
    ) -> Self {
        let mut object_facts = Vec::with_capacity(objects.len() + 1);
        let mut fact_claims = Vec::new();
        let (mut fact_lo, mut fact_hi) = (Vec::new(), Vec::new());
        let mut claim_source = Vec::with_capacity(raw.len());
        let mut source_claims = vec![0u32; sources.len()];
        let mut prev: Option<(u32, u64, u64)> = None;
        let mut next_object = 0u32;
        for (i, c) in raw.iter().enumerate() {
            if prev != Some((c.object, c.lo, c.hi)) {
                while next_object <= c.object {
                    object_facts.push(fact_lo.len() as u32);
                    next_object += 1;
                }
                fact_claims.push(i as u32);
                fact_lo.push(c.lo);
                fact_hi.push(c.hi);
                prev = Some((c.object, c.lo, c.hi));
            }
            claim_source.push(c.source);
            source_claims[c.source as usize] += 1;
        }
        while (next_object as usize) <= objects.len() {
            object_facts.push(fact_lo.len() as u32);
            next_object += 1;
        }
        fact_claims.push(raw.len() as u32);
        let mut g = ClaimGraph {
            voice: (0..sources.len() as u32).collect(),
            sources,
            objects,
            object_facts,
            fact_claims,
            fact_lo,
            fact_hi,
            claim_source,
            source_claims,
        };
        g.group_copies();
        g
    }

    /// Finds identical claim sets: hash each source's facts in canonical order, sort
    /// sources by (size, hash), and compare candidates exactly.
    fn group_copies(&mut self) {
        let n = self.sources.len();
        let mut hash = vec![0u64; n];
        for f in 0..self.fact_count() {
            for c in self.claims_of(f) {
                let s = self.claim_source[c] as usize;
                hash[s] = mix(hash[s] ^ f as u64);
            }
        }
        let mut order: Vec<u32> = (0..n as u32)
            .filter(|&s| self.source_claims[s as usize] as usize >= MIN_COPY_CLAIMS)
            .collect();
        order.sort_unstable_by_key(|&s| (self.source_claims[s as usize], hash[s as usize], s));
        let same_key = |a: u32, b: u32| {
            self.source_claims[a as usize] == self.source_claims[b as usize]
                && hash[a as usize] == hash[b as usize]
        };
        let mut groups = Vec::new();
        let mut start = 0;
        while start < order.len() {
            let mut end = start + 1;
            while end < order.len() && same_key(order[start], order[end]) {
                end += 1;
            }
            if end - start > 1 {
                groups.push(order[start..end].to_vec());
            }
            start = end;
        }
        if groups.is_empty() {
            return;
        }
        let facts_of = self.facts_by_source(groups.iter().flatten().copied());
        for group in groups {
            // Hash collisions are possible: each member joins the first earlier member
            // whose facts are equal (members are in increasing source order).
            for (i, &s) in group.iter().enumerate() {
                if let Some(&rep) = group[..i].iter().find(|&&r| facts_of[&r] == facts_of[&s]) {
                    self.voice[s as usize] = self.voice[rep as usize];
                }
            }
        }
    }

    fn facts_by_source(&self, wanted: impl Iterator<Item = u32>) -> HashMap<u32, Vec<u32>> {
        let mut out: HashMap<u32, Vec<u32>> = wanted.map(|s| (s, Vec::new())).collect();
        for f in 0..self.fact_count() {
            for c in self.claims_of(f) {
                if let Some(v) = out.get_mut(&self.claim_source[c]) {
                    v.push(f as u32);
                }
            }
        }
        out
    }

    pub(crate) fn facts_of(&self, object: usize) -> std::ops::Range<usize> {
        self.object_facts[object] as usize..self.object_facts[object + 1] as usize
    }

    pub(crate) fn claims_of(&self, fact: usize) -> std::ops::Range<usize> {
        self.fact_claims[fact] as usize..self.fact_claims[fact + 1] as usize
    }

    pub(crate) fn fact_range(&self, fact: usize) -> CountRange {
        let hi = self.fact_hi[fact];
        let hi = (hi != UNBOUNDED).then_some(hi);
        CountRange::new(self.fact_lo[fact], hi).unwrap_or(CountRange::UNKNOWN)
    }

    /// Whether a claim is counted by voice-aware methods: its source is its voice.
    pub(crate) fn counts(&self, claim: usize) -> bool {
        let s = self.claim_source[claim];
        self.voice[s as usize] == s
    }

    /// How many distinct claims (source, object, range).
    ///
    /// ```
    /// # use contested::{CountRange, reliability::Claims};
    /// let mut c = Claims::new();
    /// c.add("s", "o", CountRange::exact(1)).add("t", "o", CountRange::exact(1));
    /// assert_eq!(c.build()?.claim_count(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn claim_count(&self) -> usize {
        self.claim_source.len()
    }

    /// How many distinct (object, range) pairs.
    ///
    /// ```
    /// # use contested::{CountRange, reliability::Claims};
    /// let mut c = Claims::new();
    /// c.add("s", "o", CountRange::exact(1)).add("t", "o", CountRange::exact(1));
    /// assert_eq!(c.build()?.fact_count(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn fact_count(&self) -> usize {
        self.fact_lo.len()
    }

    /// How many objects (quantities).
    ///
    /// ```
    /// # use contested::{CountRange, reliability::Claims};
    /// let mut c = Claims::new();
    /// c.add("s", "o", CountRange::exact(1));
    /// assert_eq!(c.build()?.object_count(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn object_count(&self) -> usize {
        self.objects.len()
    }

    /// How many sources.
    ///
    /// ```
    /// # use contested::{CountRange, reliability::Claims};
    /// let mut c = Claims::new();
    /// c.add("s", "o", CountRange::exact(1));
    /// assert_eq!(c.build()?.source_count(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn source_count(&self) -> usize {
        self.sources.len()
    }

    /// How many voices: sources, with identical claim sets counted once.
    ///
    /// ```
    /// # use contested::{CountRange, reliability::Claims};
    /// let mut c = Claims::new();
    /// for s in ["a", "b"] {
    ///     c.add(s, "x", CountRange::exact(1)).add(s, "y", CountRange::exact(1));
    /// }
    /// assert_eq!(c.build()?.voice_count(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn voice_count(&self) -> usize {
        self.voice
            .iter()
            .enumerate()
            .filter(|&(s, &v)| v as usize == s)
            .count()
    }

    /// The object ids, sorted.
    ///
    /// ```
    /// # use contested::{CountRange, reliability::Claims};
    /// let mut c = Claims::new();
    /// c.add("s", "b", CountRange::exact(1)).add("s", "a", CountRange::exact(1));
    /// assert_eq!(c.build()?.objects().collect::<Vec<_>>(), ["a", "b"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn objects(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        self.objects.iter().map(|s| s.as_str())
    }

    /// The source ids, sorted.
    ///
    /// ```
    /// # use contested::{CountRange, reliability::Claims};
    /// let mut c = Claims::new();
    /// c.add("t", "o", CountRange::exact(1)).add("s", "o", CountRange::exact(1));
    /// assert_eq!(c.build()?.sources().collect::<Vec<_>>(), ["s", "t"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn sources(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        self.sources.iter().map(|s| s.as_str())
    }
}

/// splitmix64's finaliser: a cheap, well-mixed fold for claim-set fingerprints.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}
