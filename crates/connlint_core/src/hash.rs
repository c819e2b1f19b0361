//! The hash maps and sets of the analysis that runs on every connector (references, paths,
//! operation ids, duplicate values).
//!
//! Their keys are short texts from the connector, and building and probing them with the
//! standard library's SipHash took about 3% of the instructions of linting one large connector.
//! aHash is several times faster on short keys and, like SipHash, is seeded at random for each
//! process, so a file cannot be written to make its keys collide.

/// A `HashMap` with aHash's randomly seeded hasher. Make one with `HashMap::default()`.
pub type HashMap<K, V> = std::collections::HashMap<K, V, ahash::RandomState>;

/// A `HashSet` with aHash's randomly seeded hasher. Make one with `HashSet::default()`.
pub type HashSet<T> = std::collections::HashSet<T, ahash::RandomState>;
