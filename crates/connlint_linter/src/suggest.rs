//! "Did you mean" suggestions by edit distance.

/// Optimal string alignment distance (Levenshtein plus adjacent transpositions), by characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    distance_within(&a, &b, usize::MAX, &mut Vec::new()).expect("no distance exceeds usize::MAX")
}

/// [`edit_distance`] of `a` and `b` (as characters) if it is at most `limit`, else `None`;
/// `rows` is scratch space. It stops as soon as two rows in a row exceed the limit
/// everywhere: every later cell comes from one of the two rows above it (or from its left
/// neighbour, which is as large) plus at least 0, so the distance exceeds the limit too.
fn distance_within(a: &[char], b: &[char], limit: usize, rows: &mut Vec<usize>) -> Option<usize> {
    let width = b.len() + 1;
    rows.clear();
    rows.resize((a.len() + 1) * width, 0);
    let at = |i: usize, j: usize| i * width + j;
    for i in 0..=a.len() {
        rows[at(i, 0)] = i;
    }
    for j in 0..=b.len() {
        rows[at(0, j)] = j;
    }
    let mut previous_min = 0;
    for i in 1..=a.len() {
        let mut row_min = rows[at(i, 0)];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[at(i - 1, j)] + 1).min(rows[at(i, j - 1)] + 1).min(rows[at(i - 1, j - 1)] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[at(i - 2, j - 2)] + 1);
            }
            rows[at(i, j)] = best;
            row_min = row_min.min(best);
        }
        if row_min > limit && previous_min > limit {
            return None;
        }
        previous_min = row_min;
    }
    Some(rows[at(a.len(), b.len())]).filter(|&d| d <= limit)
}

/// The candidate closest to `word` (ignoring case), if it is close enough to be a likely typo:
/// at most 2 edits, and fewer than a third of the word's length.
pub fn closest<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let lower = word.to_lowercase();
    let lower_len = lower.chars().count();
    let limit = 2.min(word.chars().count().div_ceil(3)).max(1);
    // The distance is at least the difference in length: most candidates are too long or too
    // short to be within the limit, and need no distance computed (nor a lowercase copy).
    let near_in_length = |c: &str| !c.is_ascii() || c.len().abs_diff(lower_len) <= limit;
    // The word's characters, a candidate's and the table are made once and reused: a
    // candidate costs no allocation, and its distance stops once it cannot be within the limit.
    let lower: Vec<char> = lower.chars().collect();
    let mut other: Vec<char> = Vec::new();
    let mut rows = Vec::new();
    candidates
        .into_iter()
        .filter(|c| near_in_length(c))
        .filter_map(|c| {
            other.clear();
            if c.is_ascii() {
                other.extend(c.bytes().map(|b| char::from(b.to_ascii_lowercase())));
            } else {
                other.extend(c.to_lowercase().chars());
            }
            Some((distance_within(&lower, &other, limit, &mut rows)?, c))
        })
        .filter(|&(_, c)| c != word)
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(edit_distance("x-ms-visibilty", "x-ms-visibility"), 1);
        assert_eq!(edit_distance("x-ms-sumamry", "x-ms-summary"), 1);
        assert_eq!(edit_distance("x-ms-summmary", "x-ms-summary"), 1);
        assert_eq!(edit_distance("abc", "abc"), 0);
        assert_eq!(edit_distance("", "ab"), 2);
    }

    #[test]
    fn distance_within_agrees_with_edit_distance() {
        let words = ["", "a", "ab", "ba", "abc", "acb", "x-ms-visibility", "x-ms-visibilty", "x-ms-summary", "x-ms-sumamry", "descripton"];
        let mut rows = Vec::new();
        for a in words {
            for b in words {
                let (ac, bc): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
                for limit in 0..4 {
                    let d = edit_distance(a, b);
                    assert_eq!(distance_within(&ac, &bc, limit, &mut rows), (d <= limit).then_some(d), "{a} {b} {limit}");
                }
            }
        }
    }

    #[test]
    fn closest_respects_the_limit_and_ignores_case() {
        let known = ["x-ms-summary", "x-ms-visibility"];
        assert_eq!(closest("x-ms-visbility", known), Some("x-ms-visibility"));
        assert_eq!(closest("X-MS-SUMMARY", known), Some("x-ms-summary"));
        assert_eq!(closest("x-ms-something-else", known), None);
        assert_eq!(closest("x-ms-summary", known), None);
    }
}
