use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::hash::HashMap;
use connlint_core::json::Node;
use connlint_core::model::keywords::SchemaParts;
use connlint_core::model::members;
use connlint_core::model::swagger::{Operation, Response, Swagger};
use connlint_core::Span;
use std::ops::ControlFlow;

declare_rule! {
    /// ## What it does
    /// Measures every request and response body schema with its `$ref`s expanded, and reports
    /// one that nests deeper than 32 levels or expands to more than 1,000 schema objects; and
    /// reports a document with more than 10,000 schema objects in all (counted as written,
    /// without expanding references). A reference loop counts its first pass only.
    ///
    /// Microsoft does not publish its limits; 32 levels, 1,000 schemas per body (as `operation-schema-too-large` allows per
    /// operation) and 10,000 per
    /// document are connlint's provisional limits, above anything in the certified
    /// connectors.
    ///
    /// ## Why is this bad?
    /// The designer expands body schemas into input fields and dynamic content. Very deep or
    /// very large schemas make it slow or make the import fail; Microsoft's validator rejects
    /// them.
    ///
    /// ## Severity
    /// Schemas nested too deeply or with too many nodes are refused: `SchemaTooDeep`,
    /// `BodySchemaCountExceedsMaxAllowed` and `TotalSchemaCountExceedsMaxAllowed`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    /// The limits are unpublished; connlint's provisional ones are above every certified connector.
    ///
    /// ## Example
    /// A response schema whose definitions reference each other 40 levels deep.
    ///
    /// Use instead: flatten the schema, or describe rarely used parts as `"type": "object"`.
    pub SchemaTooLarge {
        id: "schema-too-large",
        category: Schemas,
        severity: Error,
        profile: Base,
        ms_names: ["SchemaTooDeep", "BodySchemaCountExceedsMaxAllowed", "TotalSchemaCountExceedsMaxAllowed"],
        summary: "A body schema is too deep or too large, or the document has too many schemas",
        visits: [Connector],
    }
}

pub(crate) const MAX_DEPTH: u32 = 32;
pub(crate) const MAX_BODY_SCHEMAS: u64 = 1_000;
pub(crate) const MAX_TOTAL_SCHEMAS: u64 = 10_000;

/// Depth and size of schemas with references expanded, memoized per reference target.
struct Measure<'s, 'a> {
    swagger: &'s Swagger<'a>,
    memo: HashMap<&'a str, (u32, u64)>,
    active: Vec<&'a str>,
    /// Set when a limit was passed and the walk stopped early; such results are not memoized,
    /// and the walk of the current body ends as soon as possible.
    over: bool,
}

impl<'a> Measure<'_, 'a> {
    /// (depth, count) of `node`, both capped just above the limits. `level` bounds the
    /// recursion, and the walk stops once a limit is passed, so its cost stays linear in the
    /// size of the document.
    fn measure(&mut self, node: &'a Node<'a>, level: u32) -> (u32, u64) {
        if level > MAX_DEPTH + 1 {
            self.over = true;
            return (1, 1);
        }
        if let Some(target) = node.get("$ref").and_then(Node::as_str) {
            if let Some(known) = self.memo.get(target) {
                return *known;
            }
            if self.active.contains(&target) {
                return (0, 0);
            }
            let Ok(resolved) = self.swagger.resolve_ref(target) else { return (0, 0) };
            self.active.push(target);
            let result = self.measure(resolved, level);
            self.active.pop();
            if !self.over {
                self.memo.insert(target, result);
            }
            return result;
        }
        let (mut depth, mut count) = (0u32, 1u64);
        // The schemas directly under `node` that are objects, in order, until the limit is passed.
        let _ = SchemaParts::of(members(node), |_| {}).try_each_nested(|child, _| {
            if child.as_object().is_none() {
                return ControlFlow::Continue(());
            }
            let (d, c) = self.measure(child, level + 1);
            depth = depth.max(d);
            count = (count + c).min(MAX_BODY_SCHEMAS + 1);
            if count > MAX_BODY_SCHEMAS {
                self.over = true;
            }
            if self.over {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        });
        ((depth + 1).min(MAX_DEPTH + 2), count)
    }
}

impl Rule for SchemaTooLarge {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        let mut total = 0u64;
        swagger.visit_schemas(|_| total += 1);
        if total > MAX_TOTAL_SCHEMAS {
            cx.report_swagger(
                Span::empty(swagger.root.span.start),
                format!("the document has {total} schema objects; the limit is {MAX_TOTAL_SCHEMAS}"),
            )
            .help("split the connector, or remove unused definitions");
        }
        let mut measure = Measure { swagger, memo: HashMap::default(), active: Vec::new(), over: false };
        // Each body with what names it in a report (`None`: the request body), named only when
        // reported.
        let mut bodies = Vec::new();
        for op in &swagger.operations {
            for p in op.parameters.iter().filter(|p| p.is_in("body")) {
                if let Some(schema) = p.schema {
                    bodies.push((schema, op, None));
                }
            }
            for r in op.responses.iter().filter(|r| r.reference.is_none()) {
                if let Some(schema) = r.schema {
                    bodies.push((schema, op, Some(r)));
                }
            }
        }
        let what = |op: &Operation<'_>, response: Option<&Response<'_>>| match response {
            None => format!("the request body of `{}`", op.display_name()),
            Some(r) => format!("response `{}` of `{}`", r.code(), op.display_name()),
        };
        for (schema, op, response) in bodies {
            // Depth counts nesting levels below the body's root.
            measure.over = false;
            let (depth, count) = measure.measure(schema, 0);
            if depth > MAX_DEPTH + 1 {
                let what = what(op, response);
                cx.report_swagger(schema.span, format!("the schema of {what} nests more than {MAX_DEPTH} levels deep"))
                    .help("flatten the schema, or stop describing deep parts and use `\"type\": \"object\"`");
            } else if count > MAX_BODY_SCHEMAS {
                let what = what(op, response);
                cx.report_swagger(schema.span, format!("the schema of {what} expands to more than {MAX_BODY_SCHEMAS} schema objects"))
                    .help("describe only the fields users need, or use `x-ms-dynamic-schema`");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    /// Definitions D0 -> D1 -> ... -> D{n-1}, each one level deeper.
    fn chain(n: usize) -> String {
        let defs: Vec<String> = (0..n)
            .map(|i| {
                if i + 1 < n {
                    format!("\"D{i}\": {{\"properties\": {{\"next\": {{\"$ref\": \"#/definitions/D{}\"}}}}}}", i + 1)
                } else {
                    format!("\"D{i}\": {{\"type\": \"string\"}}")
                }
            })
            .collect();
        format!(
            "{{\"paths\": {{\"/a\": {{\"get\": {{\"operationId\": \"A\", \"responses\": {{\"200\": {{\"description\": \"OK\",\n\"schema\": {{\"$ref\": \"#/definitions/D0\"}}}}}}}}}}}},\n\"definitions\": {{{}}}}}",
            defs.join(", ")
        )
    }

    #[test]
    fn fires_past_the_depth_limit() {
        assert_eq!(
            messages(&SchemaTooLarge, swagger(&chain(34))),
            ["2:11 the schema of response `200` of `A` nests more than 32 levels deep"]
        );
    }

    fn body(properties: usize) -> String {
        let properties: Vec<String> = (0..properties).map(|i| format!("\"p{i}\": {{\"type\": \"string\"}}")).collect();
        format!(
            "{{\"paths\": {{\"/a\": {{\"post\": {{\"operationId\": \"A\", \"parameters\": [{{\"name\": \"b\", \"in\": \"body\",\n\"schema\": {{\"properties\": {{{}}}}}}}]}}}}}}}}",
            properties.join(", ")
        )
    }

    #[test]
    fn fires_past_the_body_count() {
        // The root and 1,000 properties: 1,001 schemas.
        assert_eq!(
            messages(&SchemaTooLarge, swagger(&body(1000))),
            ["2:11 the schema of the request body of `A` expands to more than 1000 schema objects"]
        );
    }

    fn definitions(count: usize) -> String {
        let defs: Vec<String> = (0..count).map(|i| format!("\"D{i}\": {{\"type\": \"string\"}}")).collect();
        format!("{{\"definitions\": {{{}}}}}", defs.join(", "))
    }

    #[test]
    fn fires_past_the_document_count() {
        assert_eq!(
            messages(&SchemaTooLarge, swagger(&definitions(10_001))),
            ["1:1 the document has 10001 schema objects; the limit is 10000"]
        );
        assert_silent(&SchemaTooLarge, swagger(&definitions(10_000)));
    }

    #[test]
    fn a_branching_reference_graph_is_measured_quickly() {
        // D{i} refers twice to D{i+1}: 2^30 paths if references were expanded naively.
        let defs: Vec<String> = (0..30)
            .map(|i| {
                format!(
                    "\"D{i}\": {{\"properties\": {{\"a\": {{\"$ref\": \"#/definitions/D{n}\"}}, \"b\": {{\"$ref\": \"#/definitions/D{n}\"}}}}}}",
                    n = i + 1
                )
            })
            .chain(std::iter::once("\"D30\": {\"type\": \"string\"}".to_string()))
            .collect();
        let text = format!(
            "{{\"paths\": {{\"/a\": {{\"get\": {{\"operationId\": \"A\", \"responses\": {{\"200\": {{\"description\": \"OK\",\n\"schema\": {{\"$ref\": \"#/definitions/D0\"}}}}}}}}}}}},\n\"definitions\": {{{}}}}}",
            defs.join(", ")
        );
        let started = std::time::Instant::now();
        assert_eq!(
            messages(&SchemaTooLarge, swagger(&text)),
            ["2:11 the schema of response `200` of `A` expands to more than 1000 schema objects"]
        );
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
    }

    #[test]
    fn silent_at_the_limits_and_on_reference_loops() {
        assert_silent(&SchemaTooLarge, swagger(&chain(33)));
        assert_silent(&SchemaTooLarge, swagger(&body(999)));
        let text = r##"{"paths": {"/a": {"get": {"responses": {"200": {"description": "OK", "schema": {"$ref": "#/definitions/N"}}}}}},
            "definitions": {"N": {"properties": {"children": {"type": "array", "items": {"$ref": "#/definitions/N"}}}}}}"##;
        assert_silent(&SchemaTooLarge, swagger(text));
    }
}
