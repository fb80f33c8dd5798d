//! User-defined measures: a dossier-level registry of measures the built-in
//! [`Measure`] set does not name ("bodies handed over", "killed or
//! seriously injured"), each optionally the sum of other measures, built-in or defined.
//!
//! ```
//! use contested::{Dossier, MeasureDef};
//!
//! let d = Dossier::builder()
//!     .measure(MeasureDef::new("seriously_injured"))
//!     .measure(MeasureDef::new("killed_or_seriously_injured").sum_of(["killed", "seriously_injured"]))
//!     .build()?;
//! let ksi = d.measure_def("killed_or_seriously_injured").unwrap();
//! assert_eq!(ksi.sum_of.len(), 2);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Validation
//!
//! Names are snake-case words (`[a-z0-9_]`, starting with a letter), unique, and never a
//! built-in measure's name. Every part of a sum is a built-in measure or a defined one,
//! a sum has at least two parts, none twice and never itself, and sums never form a
//! cycle (`a = b + c`, `b = a + d` is refused with the cycle named), so a sum of sums
//! always unfolds to built-in or plain defined measures.
//!
//! ```
//! use contested::{Dossier, MeasureDef, Problem};
//!
//! let err = Dossier::builder()
//!     .measure(MeasureDef::new("a").sum_of(["b", "killed"]))
//!     .measure(MeasureDef::new("b").sum_of(["a", "wounded"]))
//!     .build()
//!     .unwrap_err();
//! assert!(matches!(&err.errors()[0].problem, Problem::MeasureCycle { cycle } if cycle == &["a", "b", "a"]));
//! assert_eq!(err.errors()[0].path, "measures[0].sum_of[0]");
//! ```

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::claim::Measure;
use crate::error::{IdKind, Problem};
use crate::excerpt::excerpt;

/// A measure defined by the dossier: its name, what it counts, and the measures it is the
/// sum of, if any.
///
/// ```
/// use contested::MeasureDef;
///
/// let m = MeasureDef::new("bodies_handed_over").described("bodies handed over to the other side");
/// assert!(m.sum_of.is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct MeasureDef {
    /// Its name: snake-case, unique, not a built-in measure's.
    pub name: String,
    /// What it counts, in words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The measures it is the sum of (built-in names or defined ones); empty when it is
    /// not a sum.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sum_of: Vec<String>,
    /// Whether a count of it only grows over the life of one event, as a toll does
    /// ([`Measure::only_grows`]): then an earlier running count is a floor on a later
    /// one, and a fall without a stated correction is a discrepancy. `false` by default
    /// (people released, returned or found make a count fall); a sum whose parts all
    /// only grow only grows whatever this says.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub only_grows: bool,
}

impl MeasureDef {
    /// A measure that is not a sum.
    ///
    /// ```
    /// # use contested::MeasureDef;
    /// assert_eq!(MeasureDef::new("detained_at_checkpoints").name, "detained_at_checkpoints");
    /// ```
    pub fn new(name: impl Into<String>) -> Self {
        MeasureDef {
            name: name.into(),
            description: None,
            sum_of: Vec::new(),
            only_grows: false,
        }
    }

    /// Saying whether a count of it only grows over an event's life (see
    /// [`MeasureDef::only_grows`](MeasureDef#structfield.only_grows)).
    ///
    /// ```
    /// # use contested::MeasureDef;
    /// assert!(MeasureDef::new("bodies_handed_over").growing(true).only_grows);
    /// ```
    pub fn growing(mut self, only_grows: bool) -> Self {
        self.only_grows = only_grows;
        self
    }

    /// With what it counts, in words.
    ///
    /// ```
    /// # use contested::MeasureDef;
    /// assert!(MeasureDef::new("x").described("x things").description.is_some());
    /// ```
    pub fn described(mut self, words: impl Into<String>) -> Self {
        self.description = Some(words.into());
        self
    }

    /// As the sum of `parts`.
    ///
    /// ```
    /// # use contested::MeasureDef;
    /// assert_eq!(MeasureDef::new("ksi").sum_of(["killed", "seriously_injured"]).sum_of.len(), 2);
    /// ```
    pub fn sum_of<S: Into<String>>(mut self, parts: impl IntoIterator<Item = S>) -> Self {
        self.sum_of = parts.into_iter().map(Into::into).collect();
        self
    }
}

/// A part of a sum, resolved: a built-in measure or the index of a defined one.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum MeasureRef {
    /// A built-in measure.
    BuiltIn(Measure),
    /// The defined measure at this index of the registry.
    Defined(usize),
}

/// What a defined measure unfolds to, for part-whole sums: each part, resolved. `None`
/// for a name that is neither built in nor defined (validation refuses those).
///
/// ```
/// use contested::{Measure, MeasureDef};
/// use contested::measure::{resolve, MeasureRef};
///
/// let defs = [MeasureDef::new("si"), MeasureDef::new("ksi").sum_of(["killed", "si"])];
/// assert_eq!(resolve(&defs, "killed"), Some(MeasureRef::BuiltIn(Measure::Killed)));
/// assert_eq!(resolve(&defs, "si"), Some(MeasureRef::Defined(0)));
/// assert_eq!(resolve(&defs, "nothing"), None);
/// ```
pub fn resolve(defs: &[MeasureDef], name: &str) -> Option<MeasureRef> {
    if let Some(m) = Measure::built_in(name) {
        return Some(MeasureRef::BuiltIn(m));
    }
    defs.iter()
        .position(|d| d.name == name)
        .map(MeasureRef::Defined)
}

pub(crate) fn well_formed(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// Every problem of a registry, with its path. Linear in the registry's size (the cycle
/// search visits each defined measure and each part once).
pub(crate) fn check(defs: &[MeasureDef]) -> Vec<(String, Problem)> {
    let mut out = Vec::new();
    let mut first: HashMap<&str, usize> = HashMap::with_capacity(defs.len());
    for (i, d) in defs.iter().enumerate() {
        let path = format!("measures[{i}].name");
        if !well_formed(&d.name) {
            out.push((
                path,
                Problem::MalformedMeasure {
                    name: excerpt(&d.name),
                },
            ));
        } else if Measure::built_in(&d.name).is_some() {
            out.push((
                path,
                Problem::BuiltInMeasure {
                    name: d.name.clone(),
                },
            ));
        } else if let Some(&j) = first.get(d.name.as_str()) {
            out.push((
                path,
                Problem::DuplicateId {
                    kind: IdKind::Measure,
                    id: excerpt(&d.name),
                    first: format!("measures[{j}].name"),
                },
            ));
        } else {
            first.insert(&d.name, i);
        }
    }
    // Parts resolve, are not the measure itself and are not repeated; a sum has two.
    let mut edges: Vec<Vec<(usize, usize)>> = vec![Vec::new(); defs.len()];
    for (i, d) in defs.iter().enumerate() {
        if d.sum_of.len() == 1 {
            out.push((
                format!("measures[{i}].sum_of"),
                Problem::ShortSum {
                    name: excerpt(&d.name),
                },
            ));
        }
        let mut seen = std::collections::HashSet::new();
        for (k, part) in d.sum_of.iter().enumerate() {
            let path = format!("measures[{i}].sum_of[{k}]");
            if !seen.insert(part.as_str()) || *part == d.name {
                out.push((
                    path,
                    Problem::RepeatedPart {
                        name: excerpt(&d.name),
                        part: excerpt(part),
                    },
                ));
                continue;
            }
            match Measure::built_in(part) {
                Some(_) => {}
                None => match first.get(part.as_str()) {
                    Some(&j) => edges[i].push((j, k)),
                    None => out.push((
                        path,
                        Problem::UnknownMeasure {
                            name: excerpt(part),
                        },
                    )),
                },
            }
        }
    }
    // Cycles among sums: iterative depth-first search, one cycle reported per tree.
    const NEW: u8 = 0;
    const ON: u8 = 1;
    const DONE: u8 = 2;
    let mut state = vec![NEW; defs.len()];
    for root in 0..defs.len() {
        if state[root] != NEW {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
        state[root] = ON;
        let mut reported = false;
        while let Some(&mut (v, ref mut next)) = stack.last_mut() {
            if let Some(&(w, _)) = edges[v].get(*next) {
                *next += 1;
                match state[w] {
                    NEW => {
                        state[w] = ON;
                        stack.push((w, 0));
                    }
                    ON if !reported => {
                        reported = true;
                        let from = stack.iter().position(|&(u, _)| u == w).unwrap_or(0);
                        let mut cycle: Vec<String> = stack[from..]
                            .iter()
                            .map(|&(u, _)| excerpt(&defs[u].name))
                            .collect();
                        cycle.push(excerpt(&defs[w].name));
                        out.push((
                            format!(
                                "measures[{w}].sum_of[{}]",
                                first_edge(&edges, w, &stack, from)
                            ),
                            Problem::MeasureCycle { cycle },
                        ));
                    }
                    _ => {}
                }
            } else {
                state[v] = DONE;
                stack.pop();
            }
        }
    }
    out
}

/// The measure a part's name stands for: the built-in one of that name, else the
/// defined one.
fn part(name: &str) -> Measure {
    Measure::built_in(name).unwrap_or_else(|| Measure::Defined(name.to_owned()))
}

/// Every measure sum in force, `(whole, parts)`: the built-in ones (killed or missing,
/// casualties) and each defined measure with parts. Linear in the registry.
///
/// ```
/// use contested::{Measure, MeasureDef};
/// use contested::measure::sums;
///
/// let defs = [MeasureDef::new("ksi").sum_of(["killed", "seriously_injured"]),
///             MeasureDef::new("seriously_injured")];
/// let all = sums(&defs);
/// assert_eq!(all.len(), 3);
/// assert_eq!(all[2], (Measure::defined("ksi"),
///                     vec![Measure::Killed, Measure::defined("seriously_injured")]));
/// ```
pub fn sums(defs: &[MeasureDef]) -> Vec<(Measure, Vec<Measure>)> {
    let built_in = [Measure::KilledOrMissing, Measure::Casualties]
        .into_iter()
        .filter_map(|w| w.parts().map(|(a, b)| (w, vec![a, b])));
    let defined = defs.iter().filter(|d| d.sum_of.len() >= 2).map(|d| {
        (
            Measure::Defined(d.name.clone()),
            d.sum_of.iter().map(|p| part(p)).collect(),
        )
    });
    built_in.chain(defined).collect()
}

/// Whether a count of `measure` only grows over an event's life, with the registry in
/// hand: a built-in measure by [`Measure::only_grows`]; a defined one when its definition
/// says so or when it is a sum whose parts all only grow. A name the registry does not
/// define does not grow. Each call follows parts at most `defs.len()` deep, so a registry
/// that was never validated (a cycle) cannot make it loop.
///
/// ```
/// use contested::{Measure, MeasureDef};
/// use contested::measure::only_grows;
///
/// let defs = [MeasureDef::new("handed_over").growing(true),
///             MeasureDef::new("dead_or_handed_over").sum_of(["killed", "handed_over"]),
///             MeasureDef::new("held")];
/// assert!(only_grows(&defs, &Measure::defined("dead_or_handed_over")));
/// assert!(!only_grows(&defs, &Measure::defined("held")));
/// assert!(only_grows(&defs, &Measure::Killed));
/// ```
pub fn only_grows(defs: &[MeasureDef], measure: &Measure) -> bool {
    fn go(defs: &[MeasureDef], name: &str, depth: usize) -> bool {
        if let Some(m) = Measure::built_in(name) {
            return m.only_grows();
        }
        let Some(d) = defs.iter().find(|d| d.name == name) else {
            return false;
        };
        d.only_grows
            || (depth < defs.len()
                && d.sum_of.len() >= 2
                && d.sum_of.iter().all(|p| go(defs, p, depth + 1)))
    }
    match measure {
        Measure::Defined(name) => go(defs, name, 0),
        m => m.only_grows(),
    }
}

/// The part index by which the cycle leaves `w`: its edge to the next measure on the
/// stack (or back to itself).
fn first_edge(
    edges: &[Vec<(usize, usize)>],
    w: usize,
    stack: &[(usize, usize)],
    from: usize,
) -> usize {
    let next = stack.get(from + 1).map_or(w, |&(u, _)| u);
    edges[w]
        .iter()
        .find(|&&(t, _)| t == next)
        .map_or(0, |&(_, k)| k)
}
