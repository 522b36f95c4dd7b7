//! Interning of normalised words: alignment runs a diff over every candidate pair, and
//! comparing integer ids is far cheaper than comparing strings.

use rustc_hash::FxHashMap;

use super::build::Words;

/// The id of a word that no unit holds: it equals no unit word, so it never matches one.
pub(super) const UNKNOWN: u32 = u32::MAX;

/// Normalised word -> id, over the words of all units.
pub(super) struct Vocab(FxHashMap<String, u32>);

impl Vocab {
    /// Builds the vocabulary of `words` and fills in each unit's `ids`.
    pub(super) fn intern(words: &mut [Words]) -> Vocab {
        let mut map: FxHashMap<String, u32> = FxHashMap::default();
        for w in words.iter_mut() {
            w.ids = w
                .norm
                .iter()
                .map(|t| match map.get(t.as_str()) {
                    Some(&id) => id,
                    None => {
                        let id = map.len() as u32;
                        map.insert(t.clone(), id);
                        id
                    }
                })
                .collect();
        }
        Vocab(map)
    }

    /// Ids of words from outside the units; words no unit has become `UNKNOWN`.
    pub(super) fn ids_of<T: AsRef<str>>(&self, norm: &[T]) -> Vec<u32> {
        norm.iter()
            .map(|t| self.0.get(t.as_ref()).copied().unwrap_or(UNKNOWN))
            .collect()
    }
}
