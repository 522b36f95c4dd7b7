//! Word alignment between two quotations: how much of one is found, in order, in the other,
//! and where their wording differs. Built on `similar`'s diff of normalised tokens.

use serde::{Deserialize, Serialize};
use similar::{Algorithm, DiffOp, capture_diff_slices};

/// How a shorter token sequence sits inside a longer one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Overlap {
    /// Tokens of the shorter sequence found, in order, in the longer.
    pub matched: usize,
    /// The longest run of consecutive matching tokens.
    pub longest_run: usize,
    /// Span of the longer sequence between the first and last match.
    pub span: usize,
    /// Index in the longer sequence of the first match.
    pub first: usize,
}

impl Overlap {
    /// Share of `short_len` found, in a compact region of the longer text.
    pub fn coverage(&self, short_len: usize) -> f64 {
        if short_len == 0 {
            0.0
        } else {
            self.matched as f64 / short_len as f64
        }
    }

    pub fn compactness(&self) -> f64 {
        if self.span == 0 {
            0.0
        } else {
            self.matched as f64 / self.span as f64
        }
    }
}

/// Aligns `short` against `long` (normalised tokens, or their vocabulary ids). Matches of a single stray word between
/// long gaps do not count: only runs of two or more, or single words between runs.
pub fn overlap<T: PartialEq + std::hash::Hash + Eq + Ord>(short: &[T], long: &[T]) -> Overlap {
    let ops = capture_diff_slices(Algorithm::Myers, short, long);
    let runs: Vec<(usize, usize, usize)> = ops
        .iter()
        .filter_map(|op| match *op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => Some((old_index, new_index, len)),
            _ => None,
        })
        .collect();
    let mut matched = 0;
    let mut longest = 0;
    let mut first = None;
    let mut last_end = 0;
    for (i, &(_, new_index, len)) in runs.iter().enumerate() {
        let isolated = len == 1
            && runs.len() > 1
            && (i == 0 || new_index - (runs[i - 1].1 + runs[i - 1].2) > 3)
            && (i + 1 == runs.len() || runs[i + 1].1 - (new_index + 1) > 3);
        if isolated {
            continue;
        }
        matched += len;
        longest = longest.max(len);
        first.get_or_insert(new_index);
        last_end = new_index + len;
    }
    let first = first.unwrap_or(0);
    Overlap {
        matched,
        longest_run: longest,
        span: last_end.saturating_sub(first),
        first,
    }
}

/// One place where a source's wording differs from the canonical text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Difference {
    /// Words of the canonical text at this place ("" when the source adds words).
    pub canonical: String,
    /// The source's words here ("" when it leaves words out).
    pub source: String,
}

/// Word differences between a source and the canonical text, inside the stretch the source
/// quotes: words the source simply does not quote (before or after its fragment) are not
/// differences. `*_words` are display words, `*_norm` their normalised forms (same lengths).
pub fn differences(
    source_words: &[String],
    source_norm: &[String],
    canonical_words: &[String],
    canonical_norm: &[String],
) -> Vec<Difference> {
    let ops = capture_diff_slices(Algorithm::Myers, canonical_norm, source_norm);
    let first_eq = ops.iter().position(|op| matches!(op, DiffOp::Equal { .. }));
    let last_eq = ops
        .iter()
        .rposition(|op| matches!(op, DiffOp::Equal { .. }));
    let (Some(a), Some(b)) = (first_eq, last_eq) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for op in &ops[a..=b] {
        let (old, new) = match *op {
            DiffOp::Equal { .. } => continue,
            DiffOp::Delete {
                old_index, old_len, ..
            } => (old_index..old_index + old_len, 0..0),
            DiffOp::Insert {
                new_index, new_len, ..
            } => (0..0, new_index..new_index + new_len),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => (
                old_index..old_index + old_len,
                new_index..new_index + new_len,
            ),
        };
        out.push(Difference {
            canonical: run_text(&canonical_words[old]),
            source: run_text(&source_words[new]),
        });
    }
    out
}

/// A run of display words as text: words that carry their own separators ("putintrump.",
/// "launch, ") are joined as they are; a bare word gets a space after it.
fn run_text(words: &[String]) -> String {
    let mut out = String::new();
    for w in words {
        if out.ends_with(char::is_alphanumeric) {
            out.push(' ');
        }
        out.push_str(w);
    }
    let trimmed = crate::text::collapse_whitespace(&out);
    trimmed
        .trim_end_matches(|c: char| {
            !c.is_alphanumeric() && c != '’' && c != '\'' && c != ')' && c != ']'
        })
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<String> {
        crate::text::tokenize(s, 0)
            .into_iter()
            .map(|t| t.norm)
            .collect()
    }

    #[test]
    fn a_fragment_with_a_missing_word_is_covered() {
        let long = toks(
            "If we publish them it will dramatically improve the perception of our impartiality",
        );
        let short = toks("improve the perception of impartiality");
        let o = overlap(&short, &long);
        assert_eq!(o.matched, 5);
        assert!(o.coverage(short.len()) >= 0.99);
        assert!(o.compactness() > 0.8);
    }

    #[test]
    fn scattered_common_words_do_not_count() {
        let long = toks("the cat sat on the mat while a dog barked at the moon over the hill");
        let short = toks("the senate voted on the bill");
        let o = overlap(&short, &long);
        // "on the" is a real shared run; the isolated "the" is not counted.
        assert!(o.coverage(short.len()) <= 0.5, "{o:?}");
    }

    #[test]
    fn differences_inside_the_quoted_stretch_only() {
        let canon = toks("perceived as coming from a pro Trump pro Russia source");
        let src = toks("coming for a pro Trump pro Russia source");
        let d = differences(&src, &src, &canon, &canon);
        assert_eq!(
            d,
            vec![Difference {
                canonical: "from".into(),
                source: "for".into()
            }]
        );
    }

    #[test]
    fn added_and_omitted_words_are_differences() {
        let canon = toks("there are many great stories the press are missing");
        let src = toks("there are many great stories there the press missing");
        let d = differences(&src, &src, &canon, &canon);
        assert_eq!(d.len(), 2, "{d:?}");
    }
}
