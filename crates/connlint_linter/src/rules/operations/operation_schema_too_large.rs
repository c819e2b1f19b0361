use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::hash::HashMap;
use connlint_core::json::Node;
use connlint_core::model::keywords::SchemaParts;
use connlint_core::model::members;
use connlint_core::model::swagger::Swagger;

/// Microsoft does not publish its limit. 1,000 is provisional: the largest operation in the
/// certified corpus expands to 690 schemas.
pub(crate) const MAX_OPERATION_SCHEMAS: usize = 1000;

declare_rule! {
    /// ## What it does
    /// Counts the schema objects an operation expands to: its body parameter schemas and its
    /// response schemas, with every `$ref` followed (a reference back into a schema that is
    /// already being expanded counts once and stops there), through `properties`, `items`,
    /// `additionalProperties`, `allOf`, `anyOf` and `oneOf`. Reports the operation when the
    /// count exceeds 1,000. Microsoft's validator has a limit but does not publish it; 1,000
    /// is a provisional limit above the largest operation in the certified corpus (690).
    /// Turn the rule off if your platform accepts more.
    ///
    /// ## Why is this bad?
    /// The designers expand the whole schema to build the action's fields and dynamic
    /// content; huge schemas make the action slow or impossible to load, and Microsoft
    /// rejects operations over its limit.
    ///
    /// ## Severity
    /// One operation that expands to too many schemas is refused as
    /// `OperationSchemaCountExceedsMaxAllowed`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules);
    /// the limit is unpublished, and connlint's provisional one is above every certified connector.
    ///
    /// ## Example
    /// ```json
    /// { "responses": { "200": { "description": "OK", "schema": { "$ref": "#/definitions/EverythingWithEveryRelationExpanded" } } } }
    /// ```
    /// Use instead: return a smaller model, and fetch related objects with their own operations.
    /// ```json
    /// { "responses": { "200": { "description": "OK", "schema": { "$ref": "#/definitions/ItemSummary" } } } }
    /// ```
    pub OperationSchemaTooLarge {
        id: "operation-schema-too-large",
        category: Operations,
        severity: Error,
        profile: Base,
        ms_names: ["OperationSchemaCountExceedsMaxAllowed"],
        summary: "An operation's request and response schemas expand to more than 1,000 schemas",
        visits: [Connector],
    }
}

/// How deep the expansion goes (nesting plus references) before it stops; bounds the
/// recursion whatever the document looks like.
const MAX_EXPANSION_DEPTH: usize = 512;

/// Counts the schemas an operation's schemas expand to, `$ref`s followed, down from `budget`.
struct Expansion<'s, 'a> {
    swagger: &'s Swagger<'a>,
    /// The `$ref` targets being expanded, outermost first: one met again is a cycle, cut there.
    refs: Vec<&'a str>,
    /// How many more schemas may be counted before the limit is passed (0: it is).
    budget: usize,
    /// Definitions expanded in full, with how many schemas they are and how many levels they
    /// go below their root, for every later `$ref` to them in this connector. Only an expansion
    /// that nothing cut (no cycle, depth limit or spent budget) is kept: such a definition is on
    /// no cycle, so no `$ref` in it can be one being expanded around it, and it counts the same
    /// wherever it is used (as long as it stays within the depth limit there).
    expanded: HashMap<&'a str, (usize, usize)>,
    /// Whether something cut the expansion under way.
    cut: bool,
    /// The deepest level counted in the expansion under way.
    deepest: usize,
}

impl<'s, 'a> Expansion<'s, 'a> {
    fn new(swagger: &'s Swagger<'a>) -> Self {
        Expansion { swagger, refs: Vec::new(), budget: 0, expanded: HashMap::default(), cut: false, deepest: 0 }
    }

    fn count(&mut self, node: &'a Node<'a>, depth: usize) {
        if self.budget == 0 || node.as_object().is_none() {
            return;
        }
        if depth > MAX_EXPANSION_DEPTH {
            self.cut = true;
            return;
        }
        self.deepest = self.deepest.max(depth);
        let parts = SchemaParts::of(members(node), |_| {});
        if let Some(target) = parts.reference.and_then(Node::as_str) {
            self.follow(target, depth);
            return;
        }
        self.budget -= 1;
        parts.each_nested(|nested, _| self.count(nested, depth + 1));
    }

    /// Counts the definition `target`, named by a `$ref` at `depth`: the cycle it closes and a
    /// reference that leads nowhere count as one schema each.
    fn follow(&mut self, target: &'a str, depth: usize) {
        if self.refs.contains(&target) {
            self.cut = true;
            self.budget -= 1;
            return;
        }
        if let Some(&(schemas, below)) = self.expanded.get(target) {
            if depth + 1 + below <= MAX_EXPANSION_DEPTH {
                self.budget = self.budget.saturating_sub(schemas);
                self.deepest = self.deepest.max(depth + 1 + below);
                return;
            }
        }
        let Ok(resolved) = self.swagger.resolve_ref(target) else {
            self.budget -= 1;
            return;
        };
        let (budget_before, cut_around) = (self.budget, std::mem::replace(&mut self.cut, false));
        let deepest_around = std::mem::replace(&mut self.deepest, depth + 1);
        self.refs.push(target);
        self.count(resolved, depth + 1);
        self.refs.pop();
        if !self.cut && self.budget > 0 {
            self.expanded.insert(target, (budget_before - self.budget, self.deepest - (depth + 1)));
        }
        self.cut |= cut_around;
        self.deepest = self.deepest.max(deepest_around);
    }
}

impl Rule for OperationSchemaTooLarge {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        let mut expansion = Expansion::new(swagger);
        for op in &swagger.operations {
            expansion.budget = MAX_OPERATION_SCHEMAS + 1;
            let roots = op.effective_parameters(swagger).filter_map(|p| p.schema).chain(op.responses.iter().filter_map(|r| r.schema));
            for root in roots {
                expansion.count(root, 0);
            }
            if expansion.budget == 0 {
                cx.report_swagger(
                    op.span(),
                    format!("operation `{}` expands to more than {MAX_OPERATION_SCHEMAS} schemas", op.display_name()),
                )
                .help("return smaller models (fewer nested and related objects), or split the operation");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    /// The expansion with no memory: every `$ref` expanded anew wherever it is met. The
    /// reference that the kept sizes must agree with.
    fn count_anew<'a>(swagger: &Swagger<'a>, node: &'a Node<'a>, refs: &mut Vec<&'a str>, budget: &mut usize, depth: usize) {
        if *budget == 0 || node.as_object().is_none() || depth > MAX_EXPANSION_DEPTH {
            return;
        }
        if let Some(target) = node.get("$ref").and_then(Node::as_str) {
            match swagger.resolve_ref(target) {
                Ok(resolved) if !refs.contains(&target) => {
                    refs.push(target);
                    count_anew(swagger, resolved, refs, budget, depth + 1);
                    refs.pop();
                }
                _ => *budget -= 1,
            }
            return;
        }
        *budget -= 1;
        let children = node.get("properties").map(members).unwrap_or_default().iter().map(|m| &m.value);
        let items = node.get("items").map(|items| items.as_array().unwrap_or(std::slice::from_ref(items))).unwrap_or_default();
        let extra = node.get("additionalProperties").into_iter();
        let lists = ["allOf", "anyOf", "oneOf"].into_iter().flat_map(|k| node.get(k).and_then(Node::as_array).unwrap_or_default());
        for child in children.chain(items).chain(extra).chain(lists) {
            count_anew(swagger, child, refs, budget, depth + 1);
        }
    }

    /// Counts each of `roots` (pointers into the swagger `text`) from `budget`, with one
    /// expansion kept across them and anew each time; both must end with the same budget.
    /// Returns how many definitions were kept.
    fn agree(text: &str, roots: &[String], budget: usize) -> usize {
        let connector = swagger(text).build();
        let model = connector.model();
        let swagger = model.swagger.as_ref().expect("a swagger");
        let mut expansion = Expansion::new(swagger);
        for root in roots {
            let node = swagger.root.pointer(root).expect("the root exists");
            expansion.budget = budget;
            expansion.count(node, 0);
            let mut anew = budget;
            count_anew(swagger, node, &mut Vec::new(), &mut anew, 0);
            assert_eq!(expansion.budget, anew, "root {root} with budget {budget} in {text}");
        }
        expansion.expanded.len()
    }

    #[test]
    fn definitions_kept_once_expanded_count_as_expanded_anew() {
        // Definitions that refer to each other at random (cycles, shared parts, references to
        // nothing, chains of names), as properties, items, `allOf` parts and
        // `additionalProperties`.
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        let mut kept = 0;
        for _ in 0..400 {
            let n = 2 + next(7);
            let definitions: Vec<String> = (0..n)
                .map(|i| {
                    // Now and then a definition that is only another's name (`$ref`s in a chain).
                    if next(6) == 0 {
                        return format!("\"D{i}\": {{\"$ref\": \"#/definitions/D{}\"}}", next(n + 1));
                    }
                    let properties: Vec<String> = (0..next(5))
                        .map(|p| {
                            let target = format!("{{\"$ref\": \"#/definitions/D{}\"}}", next(n + 1));
                            let value = match next(5) {
                                0 => "{\"type\": \"string\"}".to_string(),
                                1 => target,
                                2 => format!("{{\"type\": \"array\", \"items\": {target}}}"),
                                3 => format!("{{\"allOf\": [{target}, {{\"properties\": {{\"x\": {{}}}}}}]}}"),
                                _ => format!("{{\"additionalProperties\": {target}}}"),
                            };
                            format!("\"p{p}\": {value}")
                        })
                        .collect();
                    format!("\"D{i}\": {{\"properties\": {{{}}}}}", properties.join(", "))
                })
                .collect();
            let text = format!("{{\"paths\": {{}}, \"definitions\": {{{}}}}}", definitions.join(", "));
            let roots: Vec<String> = (0..4).map(|_| format!("/definitions/D{}", next(n))).collect();
            for budget in [3, 12, 1001] {
                kept += agree(&text, &roots, budget);
            }
        }
        assert!(kept > 500, "definitions were kept and used ({kept})");
    }

    #[test]
    fn a_kept_definition_too_deep_where_it_is_used_again_is_expanded_anew() {
        // A chain of 300 definitions, two levels each (the property, then the definition it
        // names): from `D150` the chain ends within the depth limit, from `D0` it does not, and
        // `D150`'s kept size does not hold 300 levels further down.
        let definitions: Vec<String> =
            (0..300).map(|i| format!("\"D{i}\": {{\"properties\": {{\"next\": {{\"$ref\": \"#/definitions/D{}\"}}}}}}", i + 1)).collect();
        let text = format!("{{\"paths\": {{}}, \"definitions\": {{{}, \"D300\": {{}}}}}}", definitions.join(", "));
        let roots = ["/definitions/D150".to_string(), "/definitions/D0".to_string(), "/definitions/D150".to_string()];
        assert!(agree(&text, &roots, 10_000) > 0);
    }

    /// A definition `D0` with `fan` references to `D1`, each with `fan` to `D2`, ... `depth` levels.
    fn tree(fan: usize, depth: usize) -> String {
        let defs: Vec<String> = (0..depth)
            .map(|d| {
                let props: Vec<String> = (0..fan).map(|i| format!("\"p{i}\": {{\"$ref\": \"#/definitions/D{}\"}}", d + 1)).collect();
                format!("\"D{d}\": {{\"type\": \"object\", \"properties\": {{{}}}}}", props.join(", "))
            })
            .collect();
        format!(
            "{{\"paths\": {{\"/a\": {{\n  \"get\": {{\"operationId\": \"Big\", \"responses\": {{\"200\": {{\"description\": \"ok\", \"schema\": {{\"$ref\": \"#/definitions/D0\"}}}}}}}}}}}},\n\"definitions\": {{{}, \"D{depth}\": {{\"type\": \"string\"}}}}}}",
            defs.join(", ")
        )
    }

    #[test]
    fn fires_when_references_multiply() {
        // 1 + 10 + 100 + 1000 schemas.
        assert_eq!(messages(&OperationSchemaTooLarge, swagger(&tree(10, 3))), ["2:3 operation `Big` expands to more than 1000 schemas"]);
    }

    #[test]
    fn silent_below_the_limit_and_on_recursion() {
        // Fan 9, depth 3: 1 + 9 + 81 + 729 = 820 schemas.
        assert_silent(&OperationSchemaTooLarge, swagger(&tree(9, 3)));
        let text = r##"{"paths": {"/a": {"get": {"responses": {"200": {"description": "ok", "schema": {"$ref": "#/definitions/Node"}}}}}},
"definitions": {"Node": {"type": "object", "properties": {"children": {"type": "array", "items": {"$ref": "#/definitions/Node"}}}}}}"##;
        assert_silent(&OperationSchemaTooLarge, swagger(text));
    }

    #[test]
    fn a_shared_definition_counts_in_full_in_every_operation_that_returns_it() {
        // `Item` is 1 + 300 schemas; `One` returns it once (silent), `Four` four times over.
        let fields: Vec<String> = (0..300).map(|i| format!("\"f{i}\": {{\"type\": \"string\"}}")).collect();
        let text = format!(
            "{{\"paths\": {{\"/a\": {{\n  \"get\": {{\"operationId\": \"One\", \"responses\": {{\"200\": {{\"description\": \"ok\", \"schema\": {{\"$ref\": \"#/definitions/Item\"}}}}}}}},\n  \"post\": {{\"operationId\": \"Four\", \"responses\": {{\"200\": {{\"description\": \"ok\", \"schema\": {{\"properties\": {{{}}}}}}}}}}}}}}},\n\"definitions\": {{\"Item\": {{\"properties\": {{{}}}}}}}}}",
            (0..4).map(|i| format!("\"i{i}\": {{\"$ref\": \"#/definitions/Item\"}}")).collect::<Vec<_>>().join(", "),
            fields.join(", ")
        );
        assert_eq!(messages(&OperationSchemaTooLarge, swagger(&text)), ["3:3 operation `Four` expands to more than 1000 schemas"]);
    }
}
