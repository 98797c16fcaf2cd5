//! Small helpers with no better home.

/// Disjoint sets over `0..n` (union-find without recursion); each set is named by its
/// lowest member.
pub struct Groups {
    parent: Vec<usize>,
}

impl Groups {
    pub fn new(n: usize) -> Groups {
        Groups {
            parent: (0..n).collect(),
        }
    }

    /// The lowest member of `at`'s set.
    pub fn find(&self, mut at: usize) -> usize {
        while self.parent[at] != at {
            at = self.parent[at];
        }
        at
    }

    /// Puts `a` and `b` in one set.
    pub fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.parent[a.max(b)] = a.min(b);
        }
    }

    /// Each member's set, by its lowest member.
    pub fn lowest_members(&self) -> Vec<usize> {
        (0..self.parent.len()).map(|at| self.find(at)).collect()
    }
}

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

/// The position of the first `needle` byte at or after `from`.
pub fn find_byte(bytes: &[u8], from: usize, needle: u8) -> Option<usize> {
    bytes
        .get(from..)?
        .iter()
        .position(|b| *b == needle)
        .map(|p| p + from)
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

/// The lower-case words of an identifier: `userRepository` → `["user", "repository"]`,
/// `db_session` → `["db", "session"]`, `pgPool` → `["pg", "pool"]`, `DB` → `["db"]`.
pub fn identifier_words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = name.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            continue;
        }
        let boundary = c.is_uppercase()
            && !current.is_empty()
            && (chars
                .get(i.wrapping_sub(1))
                .is_some_and(|p| p.is_lowercase() || p.is_ascii_digit())
                || chars.get(i + 1).is_some_and(|n| n.is_lowercase()));
        if boundary {
            words.push(std::mem::take(&mut current));
        }
        current.extend(c.to_lowercase());
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

/// `a|b|c` of literal names from several lists, escaped for a pattern.
pub fn alternation(lists: &[&[&str]]) -> String {
    let names: Vec<String> = lists
        .iter()
        .flat_map(|l| l.iter())
        .map(|n| regex::escape(n))
        .collect();
    names.join("|")
}

/// True when the compiled shape occurs in the text, or when it could not be compiled (then
/// nothing can be ruled out).
pub fn shape_matches(shape: &Option<regex::bytes::Regex>, text: &[u8]) -> bool {
    shape.as_ref().is_none_or(|re| re.is_match(text))
}

/// Compiles a prefilter pattern over a file's bytes in ASCII mode (`(?-u)`): Unicode word
/// classes and boundaries would keep the regex engine off its fast path on non-ASCII text.
/// Any byte of a non-ASCII character counts as a non-word byte, so `\b` matches more, never
/// less.
pub fn byte_pattern(pattern: &str) -> Option<regex::bytes::Regex> {
    regex::bytes::Regex::new(&format!("(?-u){pattern}")).ok()
}

/// Byte ranges merged into sorted, disjoint ones, to ask quickly whether a position falls
/// in any of them.
pub struct RangeSet(Vec<std::ops::Range<usize>>);

impl RangeSet {
    pub fn new(mut ranges: Vec<std::ops::Range<usize>>) -> RangeSet {
        ranges.sort_by_key(|r| r.start);
        let mut merged: Vec<std::ops::Range<usize>> = Vec::with_capacity(ranges.len());
        for r in ranges {
            match merged.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => merged.push(r),
            }
        }
        RangeSet(merged)
    }

    /// True when `re` matches inside one of the ranges. Each range is searched on its own,
    /// with the text before it as context for `\b` and other look-arounds: the cost is that
    /// of the ranges, not of the whole text.
    pub fn any_match_inside(&self, re: &regex::bytes::Regex, text: &[u8]) -> bool {
        self.0
            .iter()
            .filter(|r| r.start <= r.end && r.end <= text.len())
            .any(|r| re.is_match_at(&text[..r.end], r.start))
    }

    /// True when `range` shares at least one byte with the set (or, when empty, sits inside it).
    pub fn overlaps(&self, range: std::ops::Range<usize>) -> bool {
        // The last merged range starting at or before the end of `range`.
        let i = self
            .0
            .partition_point(|r| r.start < range.end.max(range.start + 1));
        i > 0 && self.0[i - 1].end > range.start
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_are_named_by_their_lowest_member() {
        let mut groups = Groups::new(6);
        groups.join(4, 2);
        groups.join(5, 4);
        groups.join(3, 1);
        assert_eq!(groups.lowest_members(), vec![0, 1, 2, 1, 2, 2]);
        groups.join(5, 3);
        assert_eq!(groups.lowest_members(), vec![0, 1, 1, 1, 1, 1]);
        assert_eq!(groups.find(0), 0);
    }

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
        assert_eq!(identifier_words("userRepository"), ["user", "repository"]);
        assert_eq!(identifier_words("db_session"), ["db", "session"]);
        assert_eq!(identifier_words("DBPool"), ["db", "pool"]);
        assert_eq!(identifier_words("pgPool2"), ["pg", "pool2"]);
    }

    #[test]
    fn range_set_overlaps() {
        let set = RangeSet::new(vec![10..20, 15..30, 40..50]);
        assert!(set.overlaps(25..26));
        assert!(set.overlaps(5..11));
        assert!(!set.overlaps(30..40));
        assert!(set.overlaps(49..60));
        assert!(!set.overlaps(0..10));
        assert!(!set.overlaps(50..51));
    }
}

/// A hasher for maps keyed by the project's own paths and names, which a run builds and
/// probes thousands of times: a multiply-and-rotate over eight bytes at a time (the
/// construction of rustc's `FxHasher`), several times cheaper than the standard library's
/// SipHash on short keys. Not resistant to chosen collisions; a colliding repository only
/// makes its own run slower.
#[derive(Clone, Copy, Default)]
pub struct FastHasher {
    hash: u64,
}

impl FastHasher {
    const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(Self::SEED);
    }
}

impl std::hash::Hasher for FastHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word) ^ ((rest.len() as u64) << 59));
        }
    }

    #[inline]
    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    #[inline]
    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    #[inline]
    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    #[inline]
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

/// `HashMap`/`HashSet` state hashing with `FastHasher`.
pub type FastState = std::hash::BuildHasherDefault<FastHasher>;

/// A `HashMap` hashing with `FastHasher` (keys from the project's own files and paths).
pub type FastMap<K, V> = std::collections::HashMap<K, V, FastState>;

/// A `HashSet` hashing with `FastHasher`.
pub type FastSet<T> = std::collections::HashSet<T, FastState>;

/// The hash a file's content is known by.
///
/// Sixteen bytes at a time, each block folded into the state by a 64×64→128-bit multiply
/// whose halves are xored (the construction of wyhash): several times quicker than SipHash,
/// which matters for a cold run that hashes every file and for the checksum of the cache
/// file itself. Not meant to resist a crafted collision: a file that collides keeps the
/// result of the content it replaced, nothing more.
pub fn content_hash(bytes: &[u8]) -> u64 {
    const K0: u64 = 0xa076_1d64_78bd_642f;
    const K1: u64 = 0xe703_7ed1_a0b4_28db;
    const K2: u64 = 0x8ebc_6af0_9c88_c6e3;
    const K3: u64 = 0x5899_65cc_7537_4cc3;
    fn fold(a: u64, b: u64) -> u64 {
        let product = u128::from(a) * u128::from(b);
        (product as u64) ^ ((product >> 64) as u64)
    }
    fn word(bytes: &[u8]) -> u64 {
        let mut word = [0u8; 8];
        for (to, from) in word.iter_mut().zip(bytes) {
            *to = *from;
        }
        u64::from_le_bytes(word)
    }
    let len = bytes.len() as u64;
    let mut state = fold(len ^ K0, K1);
    let mut blocks = bytes.chunks_exact(16);
    for block in &mut blocks {
        let (a, b) = block.split_at(8);
        state = fold(word(a) ^ K1, word(b) ^ state);
    }
    let rest = blocks.remainder();
    let (a, b) = rest.split_at(rest.len().min(8));
    state = fold(word(a) ^ K2 ^ rest.len() as u64, word(b) ^ state ^ K3);
    fold(state ^ K0, len ^ K2)
}
