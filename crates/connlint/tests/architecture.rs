//! No import cycles between the modules of any crate of the workspace.
//!
//! The check reads the Rust sources of every crate target in the workspace (`src/lib.rs`,
//! `src/main.rs` and `src/bin/*.rs` of each member) and builds a graph of module dependencies:
//!
//! - **Modules** are found by following `mod name;` declarations from the crate root (to
//!   `name.rs` or `name/mod.rs`); inline `mod name { … }` blocks (test modules) are part of the
//!   file they are written in, but paths in them are resolved from where they are (`super::` in
//!   a file's `mod tests` is the file's module).
//! - **Nodes** are file modules cut to their first [`DEPTH`] segments: `source`, `model`,
//!   `model::swagger`, `rules::extensions` (every rule file of `rules/extensions/` is part of that
//!   node). The crate root is a node too, but it cannot be in a cycle (see below).
//! - **Edges**: module `a` depends on module `b` when `a`'s code names an item of `b` through a
//!   path: `use crate::b::…`, `crate::b::f()` in code, `super::…`, `self::…`, a child module's
//!   name (`origin::Origin` in `source`), or a name imported from a module (`use crate::json;`
//!   then `json::parse`). A name the crate root re-exports (`crate::Span`) counts as the module
//!   it comes from. Comments, doc comments and string literals are ignored.
//! - **Containment is not a dependency.** A `mod` declaration is not an edge, and neither is a
//!   module using its own submodules (`source` using `source::origin`, `model` using
//!   `model::swagger`): a module with submodules is one unit whose parts are its submodules. A
//!   submodule using its parent's items (`super::FileId`) *is* an edge, child → parent; so a
//!   cycle is always between modules that do not contain one another (siblings, or unrelated
//!   modules), and the crate root, which contains every module, is in none.
//!
//! Cycles are the strongly connected components of that graph with more than one node, found
//! with Tarjan's algorithm. Each is reported with one concrete cycle through it and, for each
//! step, the file and line of a path that makes the edge.
//!
//! Test code counts (`#[cfg(test)]` modules, and the linter's `testing` harness).
//!
//! No crate may have one: the linter's last cycles (rule → diff → engine → rule among them) were
//! removed by issue 15, and there is no allowlist.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// Nodes are module paths cut to this many segments.
const DEPTH: usize = 2;

type ModPath = Vec<String>;

fn show(path: &[String]) -> String {
    if path.is_empty() {
        "crate".to_string()
    } else {
        path.join("::")
    }
}

// ---------------------------------------------------------------------------------------------
// Tokens

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tok {
    Ident(String),
    /// `::`
    Sep,
    Open,
    Close,
    Semi,
    Comma,
    Star,
    Other,
}

/// The tokens of Rust source that matter for paths, each with its 1-based line. Comments,
/// string, byte-string, raw-string and character literals are dropped; lifetimes are kept
/// apart from character literals.
fn tokenize(text: &str) -> Vec<(Tok, u32)> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut line = 1u32;
    let count_lines = |from: usize, to: usize| b[from..to].iter().filter(|&&c| c == b'\n').count() as u32;
    let is_ident_start = |c: u8| c == b'_' || c.is_ascii_alphabetic() || c >= 0x80;
    let is_ident = |c: u8| c == b'_' || c.is_ascii_alphanumeric() || c >= 0x80;
    while i < b.len() {
        let c = b[i];
        let start = i;
        match c {
            b'\n' => {
                line += 1;
                i += 1;
            }
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let mut depth = 0;
                while i < b.len() {
                    if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
                        depth += 1;
                        i += 2;
                    } else if b[i] == b'*' && b.get(i + 1) == Some(&b'/') {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        i += 1;
                    }
                }
                line += count_lines(start, i);
            }
            b'"' => {
                i = skip_string(b, i + 1);
                line += count_lines(start, i);
            }
            b'\'' => {
                // A character literal (`'a'`, `'\n'`, `'\u{1F600}'`) or a lifetime (`'a`).
                if b.get(i + 1) == Some(&b'\\') {
                    i += 2;
                    while i < b.len() && b[i] != b'\'' {
                        i += 1;
                    }
                    i += 1;
                } else {
                    let len = text[i + 1..].chars().next().map_or(1, char::len_utf8);
                    if b.get(i + 1 + len) == Some(&b'\'') {
                        i += 2 + len;
                    } else {
                        i += 1;
                        while i < b.len() && is_ident(b[i]) {
                            i += 1;
                        }
                    }
                }
            }
            c if is_ident_start(c) => {
                // Raw strings and byte/C strings: r"…", r#"…"#, b"…", br"…", c"…".
                let mut j = i;
                if matches!(b[j], b'b' | b'c') && matches!(b.get(j + 1), Some(b'r' | b'"' | b'\'')) {
                    j += 1;
                }
                if b[j] == b'r' && matches!(b.get(j + 1), Some(b'"' | b'#')) {
                    let mut hashes = 0;
                    let mut k = j + 1;
                    while b.get(k) == Some(&b'#') {
                        hashes += 1;
                        k += 1;
                    }
                    if b.get(k) == Some(&b'"') {
                        let closing: Vec<u8> = std::iter::once(b'"').chain(std::iter::repeat_n(b'#', hashes)).collect();
                        let rest = &b[k + 1..];
                        let end = rest
                            .windows(closing.len())
                            .position(|w| w == closing.as_slice())
                            .map_or(b.len(), |p| k + 1 + p + closing.len());
                        i = end;
                        line += count_lines(start, i);
                        continue;
                    }
                    if hashes == 1 && b.get(k).is_some_and(|&c| is_ident_start(c)) {
                        // A raw identifier: r#type.
                        i = k;
                        while i < b.len() && is_ident(b[i]) {
                            i += 1;
                        }
                        out.push((Tok::Ident(text[k..i].to_string()), line));
                        continue;
                    }
                }
                if j > i || (b[i] == b'b' && b.get(i + 1) == Some(&b'"')) {
                    match b.get(j) {
                        Some(b'"') => {
                            i = skip_string(b, j + 1);
                            line += count_lines(start, i);
                            continue;
                        }
                        Some(b'\'') => {
                            i = j + 1;
                            if b.get(i) == Some(&b'\\') {
                                i += 1;
                            }
                            i += 1;
                            while i < b.len() && b[i] != b'\'' {
                                i += 1;
                            }
                            i += 1;
                            continue;
                        }
                        _ => {}
                    }
                }
                while i < b.len() && is_ident(b[i]) {
                    i += 1;
                }
                out.push((Tok::Ident(text[start..i].to_string()), line));
            }
            b'0'..=b'9' => {
                while i < b.len() && is_ident(b[i]) {
                    i += 1;
                }
            }
            b':' if b.get(i + 1) == Some(&b':') => {
                out.push((Tok::Sep, line));
                i += 2;
            }
            b'$' if text[i + 1..].starts_with("crate") => {
                out.push((Tok::Ident("crate".into()), line));
                i += 6;
            }
            _ => {
                let tok = match c {
                    b'{' => Tok::Open,
                    b'}' => Tok::Close,
                    b';' => Tok::Semi,
                    b',' => Tok::Comma,
                    b'*' => Tok::Star,
                    _ => Tok::Other,
                };
                if !c.is_ascii_whitespace() {
                    out.push((tok, line));
                }
                i += text[i..].chars().next().map_or(1, char::len_utf8);
            }
        }
    }
    out
}

/// The index just past the closing quote of a string whose content starts at `i`.
fn skip_string(b: &[u8], mut i: usize) -> usize {
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'"' => return i + 1,
            _ => i += 1,
        }
    }
    b.len()
}

// ---------------------------------------------------------------------------------------------
// Modules

/// One file of a crate, with the module it is.
struct SourceFile {
    module: ModPath,
    path: PathBuf,
    tokens: Vec<(Tok, u32)>,
}

/// A crate's modules and their dependency edges.
#[derive(Default)]
struct Graph {
    /// Every module, file and inline, mapped to its node.
    modules: BTreeMap<ModPath, ModPath>,
    /// `node → node → (file, line)` of the first path that makes the edge.
    edges: BTreeMap<ModPath, BTreeMap<ModPath, (PathBuf, u32)>>,
}

fn node_of(module: &[String]) -> ModPath {
    module.iter().take(DEPTH).cloned().collect()
}

/// Reads the crate whose root file is `root` (through `read`, so tests can give files in memory).
fn load_crate(root: &Path, read: &dyn Fn(&Path) -> Option<String>) -> Graph {
    let mut files = Vec::new();
    let mut graph = Graph::default();
    // (module, file, folder its `mod x;` children are in)
    let mut pending = vec![(Vec::new(), root.to_path_buf(), root.parent().unwrap().to_path_buf())];
    while let Some((module, path, child_dir)) = pending.pop() {
        let Some(text) = read(&path) else { panic!("cannot read {}", path.display()) };
        let tokens = tokenize(&text);
        graph.modules.insert(module.clone(), node_of(&module));
        // Inline modules: (depth of their `{`, name, folder of their children).
        let mut stack: Vec<(usize, ModPath, PathBuf)> = vec![(0, module.clone(), child_dir.clone())];
        let mut depth = 0;
        for (i, (tok, _)) in tokens.iter().enumerate() {
            match tok {
                Tok::Open => depth += 1,
                Tok::Close => {
                    if stack.len() > 1 && stack.last().unwrap().0 == depth {
                        stack.pop();
                    }
                    depth -= 1;
                }
                Tok::Ident(kw) if kw == "mod" => {
                    let (Some((Tok::Ident(name), _)), Some((next, _))) = (tokens.get(i + 1), tokens.get(i + 2)) else { continue };
                    let (_, parent, dir) = stack.last().unwrap().clone();
                    let mut child = parent.clone();
                    child.push(name.clone());
                    match next {
                        Tok::Semi => {
                            // `name.rs` or `name/mod.rs`; either way its children are in `name/`.
                            let flat = dir.join(format!("{name}.rs"));
                            let file = if read(&flat).is_some() { flat } else { dir.join(name).join("mod.rs") };
                            pending.push((child, file, dir.join(name)));
                        }
                        Tok::Open => {
                            // Its node is the file's; its `{` is the next token.
                            graph.modules.insert(child.clone(), node_of(&module));
                            stack.push((depth + 1, child, dir.join(name)));
                        }
                        _ => {}
                    }
                }
                _ => {}
            }
        }
        files.push(SourceFile { module, path, tokens });
    }
    // The root first: its re-exports are needed to resolve `crate::Name`.
    files.sort_by_key(|f| f.module.len());
    let mut reexports: HashMap<String, ModPath> = HashMap::new();
    for file in &files {
        collect_edges(file, &mut graph, &mut reexports);
    }
    graph
}

/// Paths named in a file: `(module the path is written in, segments, line, imported name)`.
/// The imported name is set for the leaves of `use` trees (`as` renames included).
type Named = (ModPath, Vec<String>, u32, Option<String>);

fn paths_in(file: &SourceFile, graph: &Graph) -> Vec<Named> {
    let tokens = &file.tokens;
    let mut out = Vec::new();
    let mut stack: Vec<(usize, ModPath)> = vec![(0, file.module.clone())];
    let mut depth = 0;
    let mut i = 0;
    while i < tokens.len() {
        let current = stack.last().unwrap().1.clone();
        match &tokens[i].0 {
            Tok::Open => depth += 1,
            Tok::Close => {
                if stack.len() > 1 && stack.last().unwrap().0 == depth {
                    stack.pop();
                }
                depth -= 1;
            }
            Tok::Ident(kw) if kw == "mod" => {
                if let (Some((Tok::Ident(name), _)), Some((Tok::Open, _))) = (tokens.get(i + 1), tokens.get(i + 2)) {
                    let mut child = current.clone();
                    child.push(name.clone());
                    if graph.modules.contains_key(&child) {
                        stack.push((depth + 1, child));
                    }
                }
                i += 2;
                continue;
            }
            Tok::Ident(kw) if kw == "use" => {
                let mut j = i + 1;
                if tokens.get(j).map(|t| &t.0) == Some(&Tok::Sep) {
                    j += 1;
                }
                let mut leaves = Vec::new();
                j = use_tree(tokens, j, Vec::new(), &mut leaves);
                for (segments, line, name) in leaves {
                    out.push((current.clone(), segments, line, name));
                }
                i = j;
                continue;
            }
            Tok::Ident(first) if tokens.get(i + 1).map(|t| &t.0) == Some(&Tok::Sep) => {
                let after_sep = i > 0 && tokens[i - 1].0 == Tok::Sep;
                let line = tokens[i].1;
                let mut segments = vec![first.clone()];
                let mut j = i + 1;
                while tokens.get(j).map(|t| &t.0) == Some(&Tok::Sep) {
                    match tokens.get(j + 1) {
                        Some((Tok::Ident(s), _)) => segments.push(s.clone()),
                        _ => break,
                    }
                    j += 2;
                }
                if !after_sep {
                    out.push((current.clone(), segments, line, None));
                }
                i = j;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// Parses a use tree from `i`; pushes each leaf path with its line and the name it imports.
/// Returns the index after the tree (past the `;` for a top-level tree).
fn use_tree(tokens: &[(Tok, u32)], mut i: usize, prefix: Vec<String>, leaves: &mut Vec<(Vec<String>, u32, Option<String>)>) -> usize {
    let mut path = prefix;
    loop {
        match tokens.get(i) {
            Some((Tok::Ident(s), line)) => {
                let line = *line;
                if s == "self" && !path.is_empty() {
                    // `a::{self, …}`: `a` itself.
                    let name = path.last().cloned();
                    i += 1;
                    let name = rename(tokens, &mut i).or(name);
                    leaves.push((path.clone(), line, name));
                    return finish_leaf(tokens, i);
                }
                path.push(s.clone());
                i += 1;
                if tokens.get(i).map(|t| &t.0) == Some(&Tok::Sep) {
                    i += 1;
                    continue;
                }
                let name = rename(tokens, &mut i).or(Some(s.clone()));
                leaves.push((path.clone(), line, name.filter(|n| n != "_")));
                return finish_leaf(tokens, i);
            }
            Some((Tok::Star, line)) => {
                leaves.push((path.clone(), *line, None));
                return finish_leaf(tokens, i + 1);
            }
            Some((Tok::Open, _)) => {
                i += 1;
                while !matches!(tokens.get(i), None | Some((Tok::Close, _))) {
                    i = use_tree(tokens, i, path.clone(), leaves);
                }
                return finish_leaf(tokens, i + 1);
            }
            _ => return i + 1,
        }
    }
}

/// `as name` after a use leaf.
fn rename(tokens: &[(Tok, u32)], i: &mut usize) -> Option<String> {
    match (tokens.get(*i), tokens.get(*i + 1)) {
        (Some((Tok::Ident(kw), _)), Some((Tok::Ident(name), _))) if kw == "as" => {
            *i += 2;
            Some(name.clone())
        }
        _ => None,
    }
}

/// Skips the `,` or `;` after a leaf; stops before a `}`.
fn finish_leaf(tokens: &[(Tok, u32)], i: usize) -> usize {
    match tokens.get(i) {
        Some((Tok::Comma | Tok::Semi, _)) => i + 1,
        _ => i,
    }
}

/// The module a path leads into when it is a path into this crate, and whether the whole path
/// names that module (rather than an item in it).
fn resolve(
    graph: &Graph,
    current: &[String],
    segments: &[String],
    aliases: &HashMap<(ModPath, String), ModPath>,
    reexports: &HashMap<String, ModPath>,
) -> Option<(ModPath, bool)> {
    let mut base: ModPath;
    let mut rest = segments;
    match segments[0].as_str() {
        "crate" => {
            base = Vec::new();
            rest = &segments[1..];
        }
        "self" => {
            base = current.to_vec();
            rest = &segments[1..];
        }
        "super" => {
            base = current.to_vec();
            while rest.first().map(String::as_str) == Some("super") {
                base.pop()?;
                rest = &rest[1..];
            }
        }
        first => {
            if graph.modules.contains_key(&with(current, first)) {
                base = current.to_vec();
            } else if let Some(module) = aliases.get(&(current.to_vec(), first.to_string())) {
                base = module.clone();
                rest = &segments[1..];
            } else {
                return None;
            }
        }
    }
    while let Some(next) = rest.first() {
        if !graph.modules.contains_key(&with(&base, next)) {
            break;
        }
        base = with(&base, next);
        rest = &rest[1..];
    }
    if base.is_empty() {
        if let Some(module) = rest.first().and_then(|name| reexports.get(name)) {
            return Some((module.clone(), false));
        }
    }
    Some((base, rest.is_empty()))
}

fn collect_edges(file: &SourceFile, graph: &mut Graph, reexports: &mut HashMap<String, ModPath>) {
    let named = paths_in(file, graph);
    let mut aliases: HashMap<(ModPath, String), ModPath> = HashMap::new();
    // Imports first, so that a module imported below its use in the file still resolves.
    for (current, segments, _, name) in &named {
        let Some(name) = name else { continue };
        let Some((module, whole)) = resolve(graph, current, segments, &aliases, reexports) else { continue };
        if whole {
            aliases.insert((current.clone(), name.clone()), module);
        } else if current.is_empty() {
            reexports.insert(name.clone(), module);
        }
    }
    for (current, segments, line, _) in &named {
        let Some((target, _)) = resolve(graph, current, segments, &aliases, reexports) else { continue };
        let from = graph.modules[current].clone();
        let to = graph.modules.get(&target).cloned().unwrap_or_else(|| node_of(&target));
        // A module's own parts are not its dependencies.
        if to.starts_with(&from) {
            continue;
        }
        graph.edges.entry(from).or_default().entry(to).or_insert((file.path.clone(), *line));
    }
}

fn with(module: &[String], name: &str) -> ModPath {
    let mut path = module.to_vec();
    path.push(name.to_string());
    path
}

// ---------------------------------------------------------------------------------------------
// Cycles

/// Strongly connected components with more than one node (Tarjan's algorithm), each sorted,
/// sorted by their first node.
fn cycles(graph: &Graph) -> Vec<Vec<ModPath>> {
    let nodes: BTreeSet<ModPath> = graph
        .modules
        .values()
        .cloned()
        .chain(graph.edges.iter().flat_map(|(from, to)| std::iter::once(from.clone()).chain(to.keys().cloned())))
        .collect();
    let nodes: Vec<ModPath> = nodes.into_iter().collect();
    let index_of: HashMap<&ModPath, usize> = nodes.iter().enumerate().map(|(i, n)| (n, i)).collect();
    let successors: Vec<Vec<usize>> =
        nodes.iter().map(|n| graph.edges.get(n).map_or(Vec::new(), |to| to.keys().map(|t| index_of[t]).collect())).collect();
    let mut tarjan = Tarjan {
        successors: &successors,
        index: vec![None; nodes.len()],
        low: vec![0; nodes.len()],
        on_stack: vec![false; nodes.len()],
        stack: Vec::new(),
        next: 0,
        components: Vec::new(),
    };
    for v in 0..nodes.len() {
        if tarjan.index[v].is_none() {
            tarjan.visit(v);
        }
    }
    let mut out: Vec<Vec<ModPath>> = tarjan
        .components
        .into_iter()
        .filter(|c| c.len() > 1)
        .map(|c| {
            let mut c: Vec<ModPath> = c.into_iter().map(|i| nodes[i].clone()).collect();
            c.sort();
            c
        })
        .collect();
    out.sort();
    out
}

struct Tarjan<'g> {
    successors: &'g [Vec<usize>],
    index: Vec<Option<usize>>,
    low: Vec<usize>,
    on_stack: Vec<bool>,
    stack: Vec<usize>,
    next: usize,
    components: Vec<Vec<usize>>,
}

impl Tarjan<'_> {
    fn visit(&mut self, v: usize) {
        self.index[v] = Some(self.next);
        self.low[v] = self.next;
        self.next += 1;
        self.stack.push(v);
        self.on_stack[v] = true;
        for &w in &self.successors[v] {
            match self.index[w] {
                None => {
                    self.visit(w);
                    self.low[v] = self.low[v].min(self.low[w]);
                }
                Some(iw) if self.on_stack[w] => self.low[v] = self.low[v].min(iw),
                Some(_) => {}
            }
        }
        if Some(self.low[v]) == self.index[v] {
            let mut component = Vec::new();
            loop {
                let w = self.stack.pop().unwrap();
                self.on_stack[w] = false;
                component.push(w);
                if w == v {
                    break;
                }
            }
            self.components.push(component);
        }
    }
}

/// One shortest cycle through the first node of `component`, as edges with their evidence.
fn describe(graph: &Graph, component: &[ModPath], root: &Path) -> String {
    let members: BTreeSet<&ModPath> = component.iter().collect();
    let start = &component[0];
    // Breadth-first from `start` back to `start`, inside the component.
    let mut came_from: BTreeMap<&ModPath, &ModPath> = BTreeMap::new();
    let mut queue = std::collections::VecDeque::from([start]);
    let mut end = None;
    'search: while let Some(node) = queue.pop_front() {
        for next in graph.edges.get(node).into_iter().flat_map(|e| e.keys()).filter(|n| members.contains(n)) {
            if next == start {
                end = Some(node);
                break 'search;
            }
            if !came_from.contains_key(next) {
                came_from.insert(next, node);
                queue.push_back(next);
            }
        }
    }
    // Back from the last node to `start`, then turned around and closed.
    let mut path = vec![start];
    let mut node = end.expect("a component has a cycle");
    while node != start {
        path.push(node);
        node = came_from[node];
    }
    path.push(start);
    path.reverse();
    let mut text = format!("cycle {{{}}}:", component.iter().map(|c| show(c)).collect::<Vec<_>>().join(", "));
    for step in path.windows(2) {
        let (file, line) = &graph.edges[step[0]][step[1]];
        let file = file.strip_prefix(root).unwrap_or(file);
        text.push_str(&format!("\n    {} -> {}  ({}:{line})", show(step[0]), show(step[1]), file.display()));
    }
    text
}

// ---------------------------------------------------------------------------------------------
// The workspace

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).ancestors().nth(2).unwrap().to_path_buf()
}

/// `(crate name, root file)` of every library and binary target in the workspace.
fn crate_roots(root: &Path) -> Vec<(String, PathBuf)> {
    let mut members: Vec<PathBuf> = std::fs::read_dir(root.join("crates")).unwrap().map(|e| e.unwrap().path()).collect();
    members.push(root.join("benches"));
    members.sort();
    let mut roots = Vec::new();
    for member in members {
        let manifest = std::fs::read_to_string(member.join("Cargo.toml")).unwrap();
        let name = manifest.lines().find_map(|l| l.strip_prefix("name = ")).unwrap().trim_matches('"').to_string();
        for file in ["src/lib.rs", "src/main.rs"] {
            if member.join(file).is_file() {
                roots.push((name.clone(), member.join(file)));
            }
        }
        if let Ok(bins) = std::fs::read_dir(member.join("src/bin")) {
            let mut bins: Vec<PathBuf> = bins.map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "rs")).collect();
            bins.sort();
            roots.extend(bins.into_iter().map(|b| (name.clone(), b)));
        }
    }
    roots
}

#[test]
fn no_module_cycles_in_any_crate() {
    let root = workspace_root();
    let read = |p: &Path| std::fs::read_to_string(p).ok();
    let roots = crate_roots(&root);
    for name in ["connlint_core", "connlint_linter", "connlint"] {
        assert!(roots.iter().any(|(n, _)| n == name), "crate {name} not found");
    }
    let mut failures = Vec::new();
    for (name, file) in &roots {
        let target = file.strip_prefix(&root).unwrap().display().to_string();
        let graph = load_crate(file, &read);
        let found = cycles(&graph);
        eprintln!("{name} ({target}): {} modules, {} strongly connected components with a cycle", graph.modules.len(), found.len());
        for component in found {
            failures.push(format!("{name} ({target}): {}", describe(&graph, &component, &root)));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The linter's shared analysis (`semantic`) and the context that rules run in use no rule
/// module: rules depend on them, never the other way round.
#[test]
fn the_semantic_layer_and_the_context_use_no_rule_module() {
    let root = workspace_root();
    let (_, lib) = crate_roots(&root).into_iter().find(|(n, f)| n == "connlint_linter" && f.ends_with("src/lib.rs")).unwrap();
    let graph = load_crate(&lib, &|p: &Path| std::fs::read_to_string(p).ok());
    assert!(graph.modules.keys().any(|m| m.first().is_some_and(|s| s == "semantic")), "no `semantic` module found");
    let mut wrong = Vec::new();
    for (from, to) in graph.edges.iter().flat_map(|(from, tos)| tos.iter().map(move |(to, at)| (from, (to, at)))) {
        let (to, (file, line)) = to;
        if from.first().is_some_and(|m| m == "semantic" || m == "context") && to.first().is_some_and(|m| m == "rules") {
            wrong.push(format!("{} -> {} ({}:{line})", show(from), show(to), file.display()));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

// ---------------------------------------------------------------------------------------------
// The checker on small crates

fn check_files(files: &[(&str, &str)]) -> Vec<Vec<String>> {
    let files: HashMap<PathBuf, String> = files.iter().map(|(p, t)| (Path::new("/c/src").join(p), t.to_string())).collect();
    let graph = load_crate(Path::new("/c/src/lib.rs"), &|p: &Path| files.get(p).cloned());
    cycles(&graph).iter().map(|c| c.iter().map(|m| show(m)).collect()).collect()
}

#[test]
fn checker_finds_a_cycle_through_three_modules() {
    let found = check_files(&[
        ("lib.rs", "mod a; mod b; mod c;"),
        ("a.rs", "use crate::b::B;"),
        ("b.rs", "pub fn f() { crate::c::g(); }"),
        ("c.rs", "use super::a;\nfn h() { a::x(); }"),
    ]);
    assert_eq!(found, [["a", "b", "c"]]);
}

#[test]
fn checker_reports_no_chain_and_ignores_comments_strings_and_extern_paths() {
    let found = check_files(&[
        ("lib.rs", "mod a; mod b; mod c;"),
        ("a.rs", "use crate::b::{self, B};\nfn f() { b::g(); }"),
        ("b.rs", "use crate::c::*;\n// use crate::a::A;\n/* crate::a::A */ const S: &str = \"crate::a::A\";"),
        ("c.rs", "use std::path::Path; const R: &str = r#\"crate::a\"#; fn l<'a>(x: &'a str) -> char { 'a' }"),
    ]);
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn checker_lets_modules_use_their_parts_but_not_siblings_each_other() {
    // `m` uses its part `m::p`, and `m::p` uses `m`: one unit, no cycle.
    let contained = check_files(&[
        ("lib.rs", "pub mod m;"),
        ("m/mod.rs", "mod p; mod q;\npub use p::P;\npub struct H;\nfn f() { q::g(); }"),
        ("m/p.rs", "use super::H;"),
        ("m/q.rs", "use super::p::P;"),
    ]);
    assert!(contained.is_empty(), "{contained:?}");
    // Two parts of `m` that use each other are a cycle.
    let siblings = check_files(&[
        ("lib.rs", "pub mod m;"),
        ("m/mod.rs", "mod p; mod q;"),
        ("m/p.rs", "use super::q::Q;"),
        ("m/q.rs", "fn f() { super::p::g(); }"),
    ]);
    assert_eq!(siblings, [["m::p", "m::q"]]);
}

#[test]
fn checker_resolves_test_modules_root_reexports_and_imported_modules() {
    // `super::` in a file's test module is the file's module; test code counts.
    let in_tests = check_files(&[
        ("lib.rs", "mod a; mod b;"),
        ("a.rs", "#[cfg(test)]\nmod tests {\n    use super::super::b::B;\n}"),
        ("b.rs", "use crate::a::A;"),
    ]);
    assert_eq!(in_tests, [["a", "b"]]);
    // `crate::Thing` is the module the root re-exports it from.
    let reexported =
        check_files(&[("lib.rs", "mod a; mod b;\npub use b::Thing;"), ("a.rs", "use crate::Thing;"), ("b.rs", "use crate::a::A;")]);
    assert_eq!(reexported, [["a", "b"]]);
    // `use crate::m;` then `m::deep::f()` depends on `m::deep`.
    let imported = check_files(&[
        ("lib.rs", "mod a; mod m;"),
        ("a.rs", "use crate::m as mm;\nfn f() { mm::deep::f(); }"),
        ("m/mod.rs", "pub mod deep;"),
        ("m/deep.rs", "use crate::a::A;"),
    ]);
    assert_eq!(imported, [["a", "m::deep"]]);
}

#[test]
fn checker_folds_deeper_modules_into_their_node() {
    // `r::x::y` is part of node `r::x`, which uses `e`, which uses `r::x`.
    let found = check_files(&[
        ("lib.rs", "mod e; mod r;"),
        ("e.rs", "use crate::r::x;"),
        ("r/mod.rs", "mod x;"),
        ("r/x/mod.rs", "mod y;"),
        ("r/x/y.rs", "use crate::e::E;"),
    ]);
    assert_eq!(found, [["e", "r::x"]]);
}

/// Analysis that several rules share lives in `semantic` or in `connlint_core`'s model, not in
/// a rule: outside its tests, the code of a rule category names no other category. (A test
/// may run another category's rule beside its own, to show that the two do not overlap.)
#[test]
fn rule_categories_use_no_other_category_outside_their_tests() {
    let rules = workspace_root().join("crates/connlint_linter/src/rules");
    let mut categories: Vec<String> = std::fs::read_dir(&rules)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    categories.sort();
    assert!(categories.len() > 10 && categories.iter().any(|c| c == "references"), "{categories:?}");
    let mut wrong = Vec::new();
    for category in &categories {
        for entry in std::fs::read_dir(rules.join(category)).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            // The code before the file's test module; comments are not code.
            let code = text.split("#[cfg(test)]").next().unwrap_or_default();
            for (number, line) in code.lines().enumerate().filter(|(_, l)| !l.trim_start().starts_with("//")) {
                for (at, _) in line.match_indices("crate::rules::") {
                    let named: String =
                        line[at + "crate::rules::".len()..].chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                    if named != *category && named != "fixable" {
                        wrong.push(format!("{}:{}: {}", path.display(), number + 1, line.trim()));
                    }
                }
                if line.contains("super::super::") {
                    wrong.push(format!("{}:{}: {}", path.display(), number + 1, line.trim()));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "rule categories that use another category:\n{}", wrong.join("\n"));
}
