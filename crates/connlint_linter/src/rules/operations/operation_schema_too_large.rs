use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use crate::semantic::Expansions;
use connlint_core::json::Node;
use connlint_core::model::members;
use connlint_core::model::swagger::{Operation, Swagger};

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
        visits: [Operation],
    }
}

/// How deep the expansion goes (nesting plus references) before it stops; bounds the
/// recursion whatever the document looks like.
const MAX_EXPANSION_DEPTH: usize = 512;

/// Counts schemas, remembering what each `$ref` target expands to.
struct Counter<'s, 'a> {
    swagger: &'s Swagger<'a>,
    memo: &'s mut Expansions<'a>,
    /// Whether the expansion being measured met a reference back into itself.
    looped: bool,
    /// The deepest `depth` that `count` was called with in the expansion being measured.
    deepest: usize,
    /// Nesting of the expansions being measured, which bounds the recursion (each starts again
    /// at depth 1).
    nested: usize,
}

impl<'a> Counter<'_, 'a> {
    /// Counts the schemas under `node` against `budget`; stops when the budget is spent.
    fn count(&mut self, node: &'a Node, refs: &mut Vec<&'a str>, budget: &mut usize, depth: usize) {
        self.deepest = self.deepest.max(depth);
        if *budget == 0 || node.as_object().is_none() || depth > MAX_EXPANSION_DEPTH {
            return;
        }
        // One pass over the members; the last of duplicate keys counts, as with `get`.
        let [mut reference, mut props, mut items, mut extra, mut all_of, mut any_of, mut one_of] = [None; 7];
        for m in members(node) {
            let slot = match &*m.key.text {
                "$ref" => &mut reference,
                "properties" => &mut props,
                "items" => &mut items,
                "additionalProperties" => &mut extra,
                "allOf" => &mut all_of,
                "anyOf" => &mut any_of,
                "oneOf" => &mut one_of,
                _ => continue,
            };
            *slot = Some(&m.value);
        }
        if let Some(target) = reference.and_then(Node::as_str) {
            if refs.contains(&target) {
                self.looped = true;
                *budget -= 1;
                return;
            }
            let Ok(resolved) = self.swagger.resolve_ref(target) else {
                *budget -= 1;
                return;
            };
            // Where the target's expansion is the same everywhere, and no deeper than the depth
            // left here, what it spends is known.
            if let Some((spent, deepest)) = self.expansion(target, resolved).filter(|&(_, deepest)| depth + deepest <= MAX_EXPANSION_DEPTH)
            {
                *budget = budget.saturating_sub(spent);
                self.deepest = self.deepest.max(depth + deepest);
                return;
            }
            refs.push(target);
            self.count(resolved, refs, budget, depth + 1);
            refs.pop();
            return;
        }
        *budget -= 1;
        if let Some(props) = props {
            for m in members(props) {
                self.count(&m.value, refs, budget, depth + 1);
            }
        }
        if let Some(items) = items {
            match items.as_array() {
                Some(list) => list.iter().for_each(|n| self.count(n, refs, budget, depth + 1)),
                None => self.count(items, refs, budget, depth + 1),
            }
        }
        if let Some(extra) = extra {
            self.count(extra, refs, budget, depth + 1);
        }
        for list in [all_of, any_of, one_of] {
            for n in list.and_then(Node::as_array).unwrap_or_default() {
                self.count(n, refs, budget, depth + 1);
            }
        }
    }

    /// What expanding `target` (resolved to `resolved`) spends, and how many levels below the
    /// reference it reaches, when that is the same wherever the reference is met: measured
    /// once on its own, it met no reference back into itself (so none into whatever expansion
    /// it is met in either: that would loop back to it), and it ended before the budget did.
    fn expansion(&mut self, target: &'a str, resolved: &'a Node) -> Option<(usize, usize)> {
        if let Some(known) = self.memo.get(target) {
            return *known;
        }
        if self.nested >= MAX_EXPANSION_DEPTH {
            return None;
        }
        let outer = (self.looped, self.deepest);
        (self.looped, self.deepest) = (false, 0);
        self.nested += 1;
        let start = MAX_OPERATION_SCHEMAS + 1;
        let mut budget = start;
        self.count(resolved, &mut vec![target], &mut budget, 1);
        self.nested -= 1;
        let same_everywhere = !self.looped && budget > 0 && self.deepest <= MAX_EXPANSION_DEPTH;
        let result = same_everywhere.then_some((start - budget, self.deepest));
        (self.looped, self.deepest) = outer;
        self.memo.insert(target, result);
        result
    }
}

impl Rule for OperationSchemaTooLarge {
    fn check_operation(&self, op: &Operation<'_>, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        let semantic = cx.semantic();
        // The swagger's own operation, whose schemas live as long as the memo's keys.
        let Some(op) = semantic.operation_index(op).map(|i| &swagger.operations[i]) else { return };
        let start = MAX_OPERATION_SCHEMAS + 1;
        let mut budget = start;
        let mut memo = semantic.expansions().lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut counter = Counter { swagger, memo: &mut memo, looped: false, deepest: 0, nested: 0 };
        let roots = op.effective_parameters(swagger).filter_map(|p| p.schema).chain(op.responses.iter().filter_map(|r| r.schema));
        for root in roots {
            counter.count(root, &mut Vec::new(), &mut budget, 0);
        }
        drop(memo);
        if budget == 0 {
            cx.report_swagger(op.span(), format!("operation `{}` expands to more than {MAX_OPERATION_SCHEMAS} schemas", op.display_name()))
                .help("return smaller models (fewer nested and related objects), or split the operation");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

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
}
