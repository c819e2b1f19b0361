//! "Did you mean" suggestions by edit distance.

/// Optimal string alignment distance (Levenshtein plus adjacent transpositions), by characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    let mut rows = vec![0usize; (a.len() + 1) * width];
    let at = |i: usize, j: usize| i * width + j;
    for i in 0..=a.len() {
        rows[at(i, 0)] = i;
    }
    for j in 0..=b.len() {
        rows[at(0, j)] = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[at(i - 1, j)] + 1).min(rows[at(i, j - 1)] + 1).min(rows[at(i - 1, j - 1)] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[at(i - 2, j - 2)] + 1);
            }
            rows[at(i, j)] = best;
        }
    }
    rows[at(a.len(), b.len())]
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
    candidates
        .into_iter()
        .filter(|c| near_in_length(c))
        .map(|c| (edit_distance(&lower, &c.to_lowercase()), c))
        .filter(|&(d, c)| d <= limit && c != word)
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
    fn closest_respects_the_limit_and_ignores_case() {
        let known = ["x-ms-summary", "x-ms-visibility"];
        assert_eq!(closest("x-ms-visbility", known), Some("x-ms-visibility"));
        assert_eq!(closest("X-MS-SUMMARY", known), Some("x-ms-summary"));
        assert_eq!(closest("x-ms-something-else", known), None);
        assert_eq!(closest("x-ms-summary", known), None);
    }
}
