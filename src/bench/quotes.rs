//! The quotes the search benches run over, and the queries typed into them.

use std::io::Write;
use std::path::Path;

use super::{BenchError, Rng};

/// Exactly `count` quotes from `pool`: the pool itself first, then, if it is too small,
/// copies with the words rotated (copy `r` starts at its `r`-th word), so that the copies
/// are new strings over the same words. Returns the quotes and how many copies were needed.
pub fn quote_set(pool: &[String], count: usize) -> (Vec<String>, usize) {
    let mut out = Vec::with_capacity(count);
    let mut copy = 0;
    while out.len() < count && !pool.is_empty() {
        for q in pool.iter().take(count - out.len()) {
            out.push(if copy == 0 {
                q.clone()
            } else {
                rotate_words(q, copy)
            });
        }
        copy += 1;
    }
    (out, copy.max(1))
}

fn rotate_words(text: &str, by: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() {
        return text.to_string();
    }
    let k = by % words.len();
    let mut rotated = words[k..].to_vec();
    rotated.extend_from_slice(&words[..k]);
    rotated.join(" ")
}

/// One quote a line (line breaks inside a quote become spaces), as fzf and sk read them.
pub fn write_lines(quotes: &[String], path: &Path) -> Result<(), BenchError> {
    let file = std::fs::File::create(path).map_err(BenchError::io(path))?;
    let mut out = std::io::BufWriter::new(file);
    for q in quotes {
        let line: String = q
            .chars()
            .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
            .collect();
        writeln!(out, "{line}").map_err(BenchError::io(path))?;
    }
    out.flush().map_err(BenchError::io(path))
}

/// Queries someone would type: words (and a two-word phrase) that occur in the quotes, plus
/// `typos` of them with two neighbouring letters swapped. Deterministic.
pub fn pick_queries(quotes: &[String], words: usize, typos: usize) -> Vec<String> {
    let mut rng = Rng::new(2005);
    let mut picked: Vec<String> = Vec::new();
    for _ in 0..words * 200 {
        if picked.len() == words || quotes.is_empty() {
            break;
        }
        let quote: Vec<&str> = quotes[rng.below(quotes.len())].split_whitespace().collect();
        if quote.len() < 2 {
            continue;
        }
        let at = rng.below(quote.len() - 1);
        let word = |w: &str| w.len() >= 5 && w.chars().all(|c| c.is_ascii_alphabetic());
        if !word(quote[at]) {
            continue;
        }
        let query = if picked.len() % 3 == 2 && word(quote[at + 1]) {
            format!("{} {}", quote[at], quote[at + 1])
        } else {
            quote[at].to_string()
        };
        let query = query.to_lowercase();
        if !picked.contains(&query) {
            picked.push(query);
        }
    }
    let typoed: Vec<String> = picked
        .iter()
        .filter(|q| !q.contains(' '))
        .take(typos)
        .map(|q| {
            let mut b = q.clone().into_bytes();
            b.swap(2, 3);
            String::from_utf8(b).unwrap_or_else(|_| q.clone())
        })
        .collect();
    picked.extend(typoed);
    picked
}

/// Every prefix of `query` by chars: what the search box holds after each keystroke.
pub fn keystrokes(query: &str) -> Vec<&str> {
    query
        .char_indices()
        .map(|(i, c)| &query[..i + c.len_utf8()])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_pool_is_copied_with_rotated_words() {
        let pool = vec!["a b c".to_string(), "d e".to_string()];
        let (set, copies) = quote_set(&pool, 5);
        assert_eq!(set, vec!["a b c", "d e", "b c a", "e d", "c a b"]);
        assert_eq!(copies, 3);
        assert_eq!(quote_set(&pool, 1), (vec!["a b c".to_string()], 1));
    }

    #[test]
    fn queries_come_from_the_quotes_and_typos_follow() {
        let quotes: Vec<String> = (0..50)
            .map(|i| format!("the minister said {i} budget deficits would shrink"))
            .collect();
        let q = pick_queries(&quotes, 3, 1);
        assert_eq!(q.len(), 4, "{q:?}");
        for word in &q[..3] {
            assert!(quotes[0].contains(word.as_str()), "{word}");
        }
        assert!(
            !quotes[0].contains(q[3].as_str()),
            "the typo is not in the text: {}",
            q[3]
        );
        assert_eq!(keystrokes("gö!"), vec!["g", "gö", "gö!"]);
    }
}
