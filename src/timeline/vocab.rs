//! Interning of normalised words: alignment runs a diff over every candidate pair, and
//! comparing integer ids is far cheaper than comparing strings.

use rustc_hash::FxHashMap;

/// The id of a word that no unit holds: it equals no unit word, so it never matches one.
pub(super) const UNKNOWN: u32 = u32::MAX;

/// Normalised word -> id, over the words of all units.
#[derive(Default)]
pub(super) struct Vocab(FxHashMap<Box<str>, u32>);

impl Vocab {
    /// The ids of a unit's words, giving new words the next ids.
    pub(super) fn intern(&mut self, norm: &[String]) -> Vec<u32> {
        norm.iter()
            .map(|t| match self.0.get(t.as_str()) {
                Some(&id) => id,
                None => {
                    let id = self.0.len() as u32;
                    self.0.insert(t.as_str().into(), id);
                    id
                }
            })
            .collect()
    }

    /// Ids of words from outside the units; words no unit has become `UNKNOWN`.
    pub(super) fn ids_of<T: AsRef<str>>(&self, norm: &[T]) -> Vec<u32> {
        norm.iter()
            .map(|t| self.0.get(t.as_ref()).copied().unwrap_or(UNKNOWN))
            .collect()
    }
}
