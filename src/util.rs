//! Small helpers with no better home.

/// Levenshtein distance between two short strings.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The candidate closest to `word`, if it is close enough to be a plausible misspelling.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, c)| *d <= limit || c.contains(word) || word.contains(c))
        .min_by_key(|(d, c)| (*d, *c))
        .map(|(_, c)| c)
}

/// True for an identifier written in UPPER_SNAKE_CASE (a constant by convention).
pub fn is_upper_constant(name: &str) -> bool {
    name.len() >= 2
        && name.chars().any(|c| c.is_ascii_uppercase())
        && name
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

/// True when `word` occurs in `text` as a whole word (ASCII case-insensitive).
pub fn contains_word(text: &str, word: &str) -> bool {
    let hay = text.as_bytes();
    let needle = word.as_bytes();
    if needle.is_empty() || hay.len() < needle.len() {
        return false;
    }
    let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    (0..=hay.len() - needle.len()).any(|i| {
        hay[i..i + needle.len()].eq_ignore_ascii_case(needle)
            && (i == 0 || !is_word(hay[i - 1]))
            && hay.get(i + needle.len()).is_none_or(|b| !is_word(*b))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        assert_eq!(
            closest(
                "sql-interpolaton",
                ["sql-interpolation", "tls-verify-disabled"]
            ),
            Some("sql-interpolation")
        );
        assert_eq!(closest("zzz", ["sql-interpolation"]), None);
        assert!(contains_word("select * FROM t", "from"));
        assert!(!contains_word("fromage", "from"));
        assert!(is_upper_constant("USERS_TABLE"));
        assert!(!is_upper_constant("Users"));
    }
}
