use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::hash::HashMap;
use connlint_core::model::swagger::Method;
use std::borrow::Cow;

declare_rule! {
    /// ## What it does
    /// Reports an operation whose path can match the same URL as another path with an
    /// operation of the same method, because a segment that is a whole variable in one path
    /// is a fixed word in the other (`/items/{id}` and `/items/count`). Paths that differ only
    /// in variable names are reported by `path-duplicate` instead. The later operation is
    /// reported.
    ///
    /// ## Why is this bad?
    /// A request for `/items/count` also fits `/items/{id}` with `id = "count"`; which
    /// operation handles it depends on the router. It usually works, which is why this is a
    /// warning, but an item whose id happens to be `count` cannot be fetched.
    ///
    /// ## Example
    /// ```json
    /// { "paths": { "/items/{id}": { "get": { "operationId": "GetItem" } },
    ///              "/items/count": { "get": { "operationId": "CountItems" } } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "paths": { "/items/{id}": { "get": { "operationId": "GetItem" } },
    ///              "/itemcount": { "get": { "operationId": "CountItems" } } } }
    /// ```
    pub PathPartialDuplicate {
        id: "path-partial-duplicate",
        category: Paths,
        severity: Warning,
        profile: Base,
        ms_names: ["PartialDuplicateOperationPath"],
        summary: "Two paths with the same method can match the same URL",
        visits: [Connector],
    }
}

/// Normalized paths of one method and length, as a tree of segments (`{}` for a variable).
#[derive(Default)]
struct Trie<'s> {
    nodes: Vec<TrieNode<'s>>,
}

#[derive(Default)]
struct TrieNode<'s> {
    literals: HashMap<&'s str, usize>,
    variable: Option<usize>,
    /// The first operation whose path ends here.
    first: Option<usize>,
}

impl<'s> Trie<'s> {
    fn insert(&mut self, shape: &'s [Cow<'s, str>], op: usize) {
        if self.nodes.is_empty() {
            self.nodes.push(TrieNode::default());
        }
        let mut node = 0;
        for segment in shape {
            let existing = if segment == "{}" { self.nodes[node].variable } else { self.nodes[node].literals.get(&**segment).copied() };
            node = match existing {
                Some(next) => next,
                None => {
                    let next = self.nodes.len();
                    self.nodes.push(TrieNode::default());
                    match &**segment {
                        "{}" => self.nodes[node].variable = Some(next),
                        segment => {
                            self.nodes[node].literals.insert(segment, next);
                        }
                    }
                    next
                }
            };
        }
        self.nodes[node].first.get_or_insert(op);
    }

    /// The first earlier operation whose path [`overlap`]s `shape`.
    fn first_overlap(&self, shape: &[Cow<'_, str>]) -> Option<usize> {
        if self.nodes.is_empty() {
            return None;
        }
        let mut best: Option<usize> = None;
        // (node, depth, whether every segment so far was the same).
        let mut stack = vec![(0usize, 0usize, true)];
        while let Some((node, depth, same)) = stack.pop() {
            let n = &self.nodes[node];
            let Some(segment) = shape.get(depth) else {
                if !same {
                    best = match (best, n.first) {
                        (Some(a), Some(b)) => Some(a.min(b)),
                        (a, b) => a.or(b),
                    };
                }
                continue;
            };
            if segment == "{}" {
                stack.extend(n.literals.values().map(|&c| (c, depth + 1, false)));
                stack.extend(n.variable.map(|c| (c, depth + 1, same)));
            } else {
                stack.extend(n.literals.get(&**segment).map(|&c| (c, depth + 1, same)));
                stack.extend(n.variable.map(|c| (c, depth + 1, false)));
            }
        }
        best
    }
}

/// Each operation `i` (in order) whose path [`overlap`]s an earlier one's with the same method,
/// with the first such earlier operation `j`: `(i, j)`.
fn first_overlaps(shapes: &[Vec<Cow<'_, str>>], methods: &[Method]) -> Vec<(usize, usize)> {
    // Most connectors have a few dozen operations: comparing each with the earlier ones costs
    // less than building the trees, which take a map for each segment.
    if shapes.len() <= PAIRWISE_UP_TO {
        first_overlaps_pairwise(shapes, methods)
    } else {
        first_overlaps_by_tries(shapes, methods)
    }
}

fn first_overlaps_pairwise(shapes: &[Vec<Cow<'_, str>>], methods: &[Method]) -> Vec<(usize, usize)> {
    (0..shapes.len())
        .filter_map(|i| (0..i).find(|&j| methods[j] == methods[i] && overlap(&shapes[j], &shapes[i])).map(|j| (i, j)))
        .collect()
}

/// Comparing every pair is quadratic (100,000 operations took minutes): the earlier paths go
/// into a tree of segments per method and length, which each path is matched against.
fn first_overlaps_by_tries(shapes: &[Vec<Cow<'_, str>>], methods: &[Method]) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut tries: HashMap<(Method, usize), Trie> = HashMap::default();
    for (i, shape) in shapes.iter().enumerate() {
        let trie = tries.entry((methods[i], shape.len())).or_default();
        let clash = trie.first_overlap(shape);
        trie.insert(shape, i);
        if let Some(j) = clash {
            found.push((i, j));
        }
    }
    found
}

/// The most operations whose paths are compared pair by pair (see [`first_overlaps`]).
const PAIRWISE_UP_TO: usize = 64;

/// Whether two normalized paths can match one URL without being the same template.
fn overlap(a: &[Cow<'_, str>], b: &[Cow<'_, str>]) -> bool {
    a.len() == b.len() && a != b && a.iter().zip(b).all(|(x, y)| x == y || x == "{}" || y == "{}")
}

impl Rule for PathPartialDuplicate {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        let shapes = cx.semantic().path_shapes();
        let methods: Vec<Method> = swagger.operations.iter().map(|op| op.method).collect();
        for (i, j) in first_overlaps(shapes, &methods) {
            let op = &swagger.operations[i];
            debug_assert!(overlap(&shapes[j], &shapes[i]));
            cx.report_swagger(
                op.span(),
                format!(
                    "`{} {}` can match the same URL as `{}`, which also has a `{}` operation",
                    op.method.as_str().to_uppercase(),
                    op.path_str(),
                    swagger.operations[j].path_str(),
                    op.method.as_str()
                ),
            )
            .help("make the paths differ in a fixed segment, e.g. `/items/{id}` and `/itemcount`");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_the_later_method() {
        let text = r#"{"paths": {
  "/items/{id}": {"get": {}, "delete": {}},
  "/items/count": {
    "get": {},
    "post": {}
  }
}}"#;
        assert_eq!(
            messages(&PathPartialDuplicate, swagger(text)),
            ["4:5 `GET /items/count` can match the same URL as `/items/{id}`, which also has a `get` operation"]
        );
    }

    #[test]
    fn silent_on_distinct_shapes_and_exact_duplicates() {
        let text = r#"{"paths": {
  "/items/{id}": {"get": {}},
  "/items/{id}/parts": {"get": {}},
  "/items/{itemId}": {"get": {}},
  "/things/v{n}.json": {"get": {}},
  "/orders/count": {"get": {}}
}}"#;
        assert_silent(&PathPartialDuplicate, swagger(text));
    }

    #[test]
    fn many_operations_are_matched_through_the_trees() {
        // More operations than are compared pair by pair: the overlap of the last is found
        // among a hundred others all the same.
        let text = super::super::many_paths_then(r#""/items7/count": {"get": {}}"#);
        assert_eq!(
            messages(&PathPartialDuplicate, swagger(&text)),
            ["102:19 `GET /items7/count` can match the same URL as `/items7/{id}`, which also has a `get` operation"]
        );
    }

    #[test]
    fn pairs_and_trees_find_the_same_first_overlaps() {
        // Shapes made of few words and variables, so that many overlap and many are equal.
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n) as usize
        };
        let words = ["{}", "a", "b", "{}.json", "c"];
        let methods = [Method::Get, Method::Post, Method::Delete];
        let mut overlaps = 0;
        for round in 0..200 {
            let count = 1 + next(40);
            let shapes: Vec<Vec<Cow<str>>> =
                (0..count).map(|_| (0..1 + next(3)).map(|_| Cow::Borrowed(words[next(words.len() as u64)])).collect()).collect();
            let of: Vec<Method> = (0..count).map(|_| methods[next(methods.len() as u64)]).collect();
            let pairwise = first_overlaps_pairwise(&shapes, &of);
            assert_eq!(pairwise, first_overlaps_by_tries(&shapes, &of), "round {round}");
            overlaps += pairwise.len();
        }
        // The comparison is worth something only if the shapes overlap often.
        assert!(overlaps > 500, "{overlaps} overlaps");
    }
}
