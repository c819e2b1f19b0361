use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
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

/// Counts the schemas under `node` against `budget`; stops when the budget is spent.
fn count<'a>(swagger: &Swagger<'a>, node: &'a Node<'a>, refs: &mut Vec<&'a str>, budget: &mut usize, depth: usize) {
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
            *budget -= 1;
            return;
        }
        let Ok(resolved) = swagger.resolve_ref(target) else {
            *budget -= 1;
            return;
        };
        refs.push(target);
        count(swagger, resolved, refs, budget, depth + 1);
        refs.pop();
        return;
    }
    *budget -= 1;
    if let Some(props) = props {
        for m in members(props) {
            count(swagger, &m.value, refs, budget, depth + 1);
        }
    }
    if let Some(items) = items {
        match items.as_array() {
            Some(list) => list.iter().for_each(|n| count(swagger, n, refs, budget, depth + 1)),
            None => count(swagger, items, refs, budget, depth + 1),
        }
    }
    if let Some(extra) = extra {
        count(swagger, extra, refs, budget, depth + 1);
    }
    for list in [all_of, any_of, one_of] {
        for n in list.and_then(Node::as_array).unwrap_or_default() {
            count(swagger, n, refs, budget, depth + 1);
        }
    }
}

impl Rule for OperationSchemaTooLarge {
    fn check_operation(&self, op: &Operation<'_>, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        let start = MAX_OPERATION_SCHEMAS + 1;
        let mut budget = start;
        let roots = op.effective_parameters(swagger).filter_map(|p| p.schema).chain(op.responses.iter().filter_map(|r| r.schema));
        for root in roots {
            count(swagger, root, &mut Vec::new(), &mut budget, 0);
        }
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
