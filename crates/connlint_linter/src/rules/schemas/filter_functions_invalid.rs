use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::model::keywords::SchemaKeywords;
use connlint_core::model::swagger::{SchemaRole, SchemaVisit};

declare_rule! {
    /// ## What it does
    /// Checks the `filterFunctions` list of a schema's `x-ms-capabilities`: it must not be
    /// empty, must not repeat a function, must name known OData filter functions, and must not
    /// appear in a request body schema (it describes how response fields can be filtered).
    ///
    /// The accepted functions are provisional, since Microsoft does not publish the list: the
    /// OData comparison and logical operators (`eq`, `ne`, `gt`, `ge`, `lt`, `le`, `and`, `or`,
    /// `not`, `in`), the string functions (`contains`, `startswith`, `endswith`, `length`,
    /// `indexof`, `substring`, `substringof`, `tolower`, `toupper`, `trim`, `concat`,
    /// `replace`), the date functions (`year`, `month`, `day`, `hour`, `minute`, `second`,
    /// `date`, `time`, `now`, `totaloffsetminutes`, `totalseconds`), arithmetic (`add`, `sub`,
    /// `mul`, `div`, `mod`, `negate`, `round`, `floor`, `ceiling`), and `sum`, `min`, `max`,
    /// `average`, `countdistinct`, `null`.
    ///
    /// ## Why is this bad?
    /// The platform builds filter queries from this list; an empty, repeated or unknown entry
    /// breaks delegation, and Microsoft's validator rejects each case.
    ///
    /// ## Severity
    /// The validator checks `filterFunctions`: `FilterFunctionsPropertyEmpty`,
    /// `FilterFunctionsPropertyHasDuplicates`, `FilterFunctionsPropertyInInputSchema` and
    /// `FilterFunctionsPropertyInvalidValue`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    ///
    /// ## Example
    /// ```json
    /// { "type": "string", "x-ms-capabilities": { "filterFunctions": ["eq", "eq", "like"] } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "type": "string", "x-ms-capabilities": { "filterFunctions": ["eq", "startswith"] } }
    /// ```
    pub FilterFunctionsInvalid {
        id: "filter-functions-invalid",
        category: Schemas,
        severity: Error,
        profile: Base,
        ms_names: [
            "FilterFunctionsPropertyEmpty",
            "FilterFunctionsPropertyHasDuplicates",
            "FilterFunctionsPropertyInInputSchema",
            "FilterFunctionsPropertyInvalidValue"
        ],
        summary: "A filterFunctions list is empty, repeats or misnames a function, or is on an input",
        visits: [Schema],
    }
}

const FUNCTIONS: [&str; 50] = [
    "eq",
    "ne",
    "gt",
    "ge",
    "lt",
    "le",
    "and",
    "or",
    "not",
    "in",
    "contains",
    "startswith",
    "endswith",
    "length",
    "indexof",
    "substring",
    "substringof",
    "tolower",
    "toupper",
    "trim",
    "concat",
    "replace",
    "year",
    "month",
    "day",
    "hour",
    "minute",
    "second",
    "date",
    "time",
    "now",
    "totaloffsetminutes",
    "totalseconds",
    "add",
    "sub",
    "mul",
    "div",
    "mod",
    "negate",
    "round",
    "floor",
    "ceiling",
    "sum",
    "min",
    "max",
    "average",
    "countdistinct",
    "null",
    "isof",
    "cast",
];

impl Rule for FilterFunctionsInvalid {
    fn schema_keywords(&self) -> Option<SchemaKeywords> {
        Some(SchemaKeywords::X_MS_CAPABILITIES)
    }

    fn check_schema(&self, schema: &SchemaVisit<'_>, cx: &mut Context<'_, '_>) {
        let Some(member) = schema.node.get("x-ms-capabilities").and_then(|c| c.member("filterFunctions")) else { return };
        if schema.role == SchemaRole::Input {
            cx.report_swagger(member.key.span, "`filterFunctions` is used in a request body schema")
                .help("declare filter functions on response schemas only");
        }
        let Some(list) = member.value.as_array() else { return };
        if list.is_empty() {
            cx.report_swagger(member.value.span, "`filterFunctions` is empty").help("list the functions the field supports, or remove it");
        }
        let mut seen: Vec<&str> = Vec::new();
        for item in list {
            let Some(name) = item.as_str() else { continue };
            if seen.contains(&name) {
                cx.report_swagger(item.span, format!("`filterFunctions` lists `{name}` twice")).help("remove the repetition");
                continue;
            }
            seen.push(name);
            if !FUNCTIONS.contains(&name) {
                let diagnostic = cx.report_swagger(item.span, format!("`{name}` is not a known filter function"));
                match crate::suggest::closest(name, FUNCTIONS.iter().copied()) {
                    Some(near) => diagnostic.help(format!("did you mean `{near}`?")),
                    None => diagnostic.help("use OData filter functions such as `eq`, `startswith` or `contains`"),
                };
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_each_problem() {
        let text = "{\"definitions\": {\"D\": {\"properties\": {\n  \"a\": {\"x-ms-capabilities\": {\"filterFunctions\": []}},\n  \"b\": {\"x-ms-capabilities\": {\"filterFunctions\": [\"eq\", \"eq\", \"startwith\"]}}\n}}}}";
        assert_eq!(
            messages(&FilterFunctionsInvalid, swagger(text)),
            [
                "2:50 `filterFunctions` is empty",
                "3:57 `filterFunctions` lists `eq` twice",
                "3:63 `startwith` is not a known filter function",
            ]
        );
        let text = "{\"paths\": {\"/a\": {\"post\": {\"parameters\": [{\"name\": \"b\", \"in\": \"body\", \"schema\": {\"x-ms-capabilities\": {\"filterFunctions\": [\"eq\"]}}}]}}}}";
        assert_eq!(messages(&FilterFunctionsInvalid, swagger(text)), ["1:104 `filterFunctions` is used in a request body schema"]);
    }

    #[test]
    fn silent_on_valid_lists() {
        let text = r#"{"definitions": {"D": {"x-ms-capabilities": {"filterFunctions": ["eq", "startswith", "contains"]}, "properties": {"filterFunctions": {}}}}}"#;
        assert_silent(&FilterFunctionsInvalid, swagger(text));
    }
}
