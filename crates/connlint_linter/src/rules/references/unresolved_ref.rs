use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::hash::HashMap;
use connlint_core::json::{push_pointer_token, unescape_pointer_token, Node, SyntaxErrorKind};
use connlint_core::model::swagger::{RefError, Swagger};

declare_rule! {
    /// ## What it does
    /// Reports a local `$ref` (one starting with `#`) anywhere in the swagger that cannot be
    /// followed: its target does not exist, it is not a valid JSON pointer (RFC 6901: `#/`
    /// then names separated by `/`, with `~` written `~0` and `/` written `~1`), or it leads
    /// into a loop of definitions that are only references to each other. A `$ref` whose
    /// value is not a string is reported too. Examples, defaults and enum values are data
    /// and are not looked at. References to other files are the job of `external-ref`.
    ///
    /// ## Why is this bad?
    /// Power Platform resolves every reference when the connector is imported; one that leads
    /// nowhere makes the import fail (sometimes with an unhelpful server error), and
    /// Microsoft's Swagger Validator rejects the connector.
    ///
    /// ## Severity
    /// A `$ref` with no target (or a malformed pointer, or a loop) is refused, as
    /// `SchemaReferenceNotFound`, `ParameterReferenceNotFound`, `ResponseReferenceNotFound`,
    /// `JsonPointerNotValid` or `SchemaRefLoopNotAllowed`
    /// (https://learn.microsoft.com/connectors/custom-connectors/certification-swagger-validator-rules).
    /// A missing definition once made the service fail with HTTP 500:
    /// https://github.com/microsoft/PowerPlatformConnectors/issues/155.
    ///
    /// ## Example
    /// ```json
    /// { "responses": { "200": { "description": "OK", "schema": { "$ref": "#/definitions/Itme" } } } }
    /// ```
    /// Use instead:
    /// ```json
    /// { "responses": { "200": { "description": "OK", "schema": { "$ref": "#/definitions/Item" } } } }
    /// ```
    pub UnresolvedRef {
        id: "unresolved-ref",
        category: References,
        severity: Error,
        profile: Base,
        ms_names: [
            "SchemaReferenceNotFound",
            "ParameterReferenceNotFound",
            "ResponseReferenceNotFound",
            "JsonPointerNotValid",
            "SchemaRefLoopNotAllowed",
        ],
        summary: "A local $ref cannot be resolved",
        visits: [Connector],
    }
}

impl Rule for UnresolvedRef {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let Some(swagger) = cx.swagger() else { return };
        // Most documents refer to the same few targets many times: resolve each target once.
        let refs = &cx.semantic().keywords().refs;
        let mut outcomes: HashMap<&str, Option<RefError>> = HashMap::with_capacity_and_hasher(refs.len(), Default::default());
        let truncated = cx.connector().file(swagger.file).json().is_some_and(|json| json.errors.iter().any(|e| loses_text(&e.kind)));
        for member in refs {
            let value = &member.value;
            let Some(target) = value.as_str() else {
                cx.report_swagger(value.span, format!("`$ref` must be a string, found {}", value.json_type().name()))
                    .help("write the reference as a string such as `\"#/definitions/Item\"`");
                continue;
            };
            if target.is_empty() {
                cx.report_swagger(value.span, "`$ref` is empty")
                    .help("write the reference to a definition, such as `\"#/definitions/Item\"`");
                continue;
            }
            if !target.starts_with('#') {
                continue; // `external-ref`
            }
            let outcome = outcomes.entry(target).or_insert_with(|| swagger.resolve_ref(target).err());
            match outcome {
                None | Some(RefError::External) => {}
                Some(RefError::NotFound) if truncated => {}
                Some(RefError::NotFound) => {
                    let diagnostic = cx.report_swagger(value.span, format!("`$ref` target `{target}` does not exist in this file"));
                    match suggest_target(swagger, target) {
                        Some(fix) => diagnostic.help(format!("did you mean `{fix}`?")),
                        None => diagnostic.help("check the spelling of the target, or add the missing definition"),
                    };
                }
                Some(RefError::InvalidPointer) => {
                    cx.report_swagger(value.span, format!("`$ref` `{target}` is not a valid JSON pointer")).help(
                        "write `#/` then the names separated by `/`, such as `#/definitions/Item`; inside a name write `~` as `~0` and `/` as `~1`",
                    );
                }
                Some(RefError::Cycle) => {
                    cx.report_swagger(
                        value.span,
                        format!("`$ref` `{target}` leads into a loop of references that never reaches a definition"),
                    )
                    .help("make one definition in the chain a real schema instead of another bare `$ref`");
                }
            }
        }
    }
}

/// Whether the reader may have dropped part of the document at this syntax error.
fn loses_text(kind: &SyntaxErrorKind) -> bool {
    use SyntaxErrorKind::*;
    matches!(
        kind,
        EmptyDocument
            | UnexpectedEnd { .. }
            | UnexpectedCharacter { .. }
            | MismatchedBracket { .. }
            | TrailingContent
            | TooDeep
            | UnterminatedString
            // YAML: reading stops at a syntax error, and a refused alias leaves a null.
            | YamlSyntax(_)
            | AliasExpansionTooLarge { .. }
    )
}

/// For a target that does not exist: the same pointer with its first missing name replaced by
/// the closest existing one, if that pointer resolves.
fn suggest_target(swagger: &Swagger<'_>, target: &str) -> Option<String> {
    let fragment = target.strip_prefix("#/")?;
    let tokens: Vec<&str> = fragment.split('/').collect();
    let mut node: &Node = swagger.root;
    for (i, raw) in tokens.iter().enumerate() {
        let token = unescape_pointer_token(raw);
        if let Some(child) = node.get(&token) {
            node = child;
            continue;
        }
        let members = node.as_object()?;
        let found = crate::suggest::closest(&token, members.iter().map(|m| &*m.key.text))?;
        let mut fixed = String::from("#");
        for (j, t) in tokens.iter().enumerate() {
            if j == i {
                push_pointer_token(&mut fixed, found);
            } else {
                fixed.push('/');
                fixed.push_str(t);
            }
        }
        return swagger.resolve_ref(&fixed).is_ok().then_some(fixed);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn fires_on_each_kind_of_broken_reference() {
        let text = r##"{
  "paths": {"/a": {"get": {"parameters": [{"$ref": "#/parameters/nope"}], "responses": {"default": {"$ref": "#/responses/Err"}}}}},
  "definitions": {
    "Item": {"type": "object", "properties": {"bad": {"$ref": "#definitions/Item"}, "tilde": {"$ref": "#/definitions/a~2b"}}},
    "Loop": {"$ref": "#/definitions/Loop2"},
    "Loop2": {"$ref": "#/definitions/Loop"},
    "Num": {"$ref": 5},
    "Empty": {"items": {"$ref": ""}}
  }
}"##;
        assert_eq!(
            messages(&UnresolvedRef, swagger(text)),
            [
                "2:52 `$ref` target `#/parameters/nope` does not exist in this file",
                "2:109 `$ref` target `#/responses/Err` does not exist in this file",
                "4:63 `$ref` `#definitions/Item` is not a valid JSON pointer",
                "4:103 `$ref` `#/definitions/a~2b` is not a valid JSON pointer",
                "5:22 `$ref` `#/definitions/Loop2` leads into a loop of references that never reaches a definition",
                "6:23 `$ref` `#/definitions/Loop` leads into a loop of references that never reaches a definition",
                "7:21 `$ref` must be a string, found a number",
                "8:33 `$ref` is empty",
            ]
        );
    }

    #[test]
    fn suggests_a_close_target() {
        let text = r##"{
  "definitions": {"Item": {"type": "object"}, "A": {"$ref": "#/definitions/Itme"}, "B": {"$ref": "#/definition/Item"}, "C": {"$ref": "#/definitions/Zebra"}}
}"##;
        let helps: Vec<_> = run(&UnresolvedRef, swagger(text)).into_iter().map(|f| f.help.unwrap_or_default()).collect();
        assert_eq!(
            helps,
            [
                "did you mean `#/definitions/Item`?",
                "did you mean `#/definitions/Item`?",
                "check the spelling of the target, or add the missing definition",
            ]
        );
    }

    #[test]
    fn a_missing_target_is_not_reported_when_part_of_the_file_was_lost() {
        // The stray `}` ends the document early and what follows may not be read, so a
        // missing target is not reported (it may be in the lost part). A malformed pointer
        // still is.
        let text = "{\"x\": {\"$ref\": \"#bad\"}, \"y\": {\"$ref\": \"#/definitions/Gone\"}}}\n\"definitions\": {\"Other\": {}}}";
        assert_eq!(messages(&UnresolvedRef, swagger(text)), ["1:16 `$ref` `#bad` is not a valid JSON pointer"]);
        // A trailing comma loses nothing: the missing target is reported.
        let text = r##"{"definitions": {"A": {"$ref": "#/definitions/B"},}}"##;
        assert_eq!(positions(&UnresolvedRef, swagger(text)), ["apiDefinition.swagger.json:1:32"]);
    }

    #[test]
    fn a_missing_target_is_not_reported_when_a_yaml_file_stops_at_an_error() {
        let text = "definitions:\n  A:\n    $ref: '#/definitions/B'\n  C: [unclosed\n  B:\n    type: object\n";
        let connector = TestConnector::default().file(connlint_core::FileRole::Swagger, "apiDefinition.swagger.yaml", text.as_bytes());
        assert_eq!(messages(&UnresolvedRef, connector), Vec::<String>::new());
        // Without the error, the same target is found.
        let text = "definitions:\n  A:\n    $ref: '#/definitions/B'\n  B:\n    type: object\n";
        let connector = TestConnector::default().file(connlint_core::FileRole::Swagger, "apiDefinition.swagger.yaml", text.as_bytes());
        assert_eq!(messages(&UnresolvedRef, connector), Vec::<String>::new());
        let text = "definitions:\n  A:\n    $ref: '#/definitions/Gone'\n";
        let connector = TestConnector::default().file(connlint_core::FileRole::Swagger, "apiDefinition.swagger.yaml", text.as_bytes());
        assert_eq!(positions(&UnresolvedRef, connector), ["apiDefinition.swagger.yaml:3:11"]);
    }

    #[test]
    fn silent_on_valid_external_and_data_references() {
        let text = r##"{
  "paths": {"/a": {"get": {"parameters": [{"$ref": "#/parameters/p"}], "responses": {"200": {"$ref": "#/responses/Ok"}}}}},
  "parameters": {"p": {"name": "p", "in": "query"}},
  "responses": {"Ok": {"description": "OK", "schema": {"$ref": "#/definitions/a~1b"}}},
  "definitions": {
    "a/b": {"type": "object", "properties": {"$ref": {"type": "string"}, "self": {"$ref": "#/definitions/a~1b"}}, "example": {"$ref": "#/nowhere"}},
    "Alias": {"$ref": "#/definitions/a~1b"},
    "Space": {"$ref": "#/definitions/With%20Space"},
    "With Space": {"type": "string", "default": {"$ref": 1}, "enum": [{"$ref": "#/x"}]},
    "Ext": {"$ref": "common.json#/definitions/Error"},
    "Root": {"$ref": "#"}
  }
}"##;
        assert_silent(&UnresolvedRef, swagger(text));
    }
}
