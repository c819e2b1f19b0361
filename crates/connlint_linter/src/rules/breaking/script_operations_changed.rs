use crate::change::{operation_key, Change, Loc};
use crate::context::ChangeCx;
use crate::declare_rule;
use crate::rule::ChangeRule;
use connlint_core::model::api_properties::ApiProperties;
use connlint_core::model::swagger::Swagger;
use connlint_core::{ConnectorModel, Span};

declare_rule! {
    /// ## What it does
    /// Reports an operation that now goes through the custom code (`script.csx`) and did not
    /// before, or the other way round. An empty or missing `scriptOperations` with a script
    /// means every operation goes through it.
    ///
    /// ## Why is this bad?
    /// The script can rewrite requests and responses completely. Moving an operation in or out
    /// of it changes what existing flows send and receive, without any change in the swagger.
    ///
    /// ## Example
    /// Old: `"scriptOperations": ["GetItem"]`; new: `"scriptOperations": ["GetItem", "ListItems"]`.
    ///
    /// Use instead: keep the list, and make sure the script returns exactly what the direct call
    /// returned.
    pub ScriptOperationsChanged {
        id: "script-operations-changed",
        category: Breaking,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "An operation was added to or removed from scriptOperations",
        visits: [Change],
    }
}

/// Whether operation `id` goes through the script, and the span to point at for it.
fn through_script(model: &ConnectorModel<'_>, props: Option<&ApiProperties<'_>>, swagger: &Swagger<'_>, id: &str) -> (bool, Option<Span>) {
    let list = props.and_then(|p| p.script_operations.as_ref());
    match list {
        Some(list) if !list.value.is_empty() => match list.value.iter().find(|s| s.value == id) {
            Some(item) => (true, Some(item.span)),
            None => (false, Some(list.span)),
        },
        _ => (model.script().is_some() && swagger.operation_by_id(id).is_some(), list.map(|l| l.span)),
    }
}

impl ChangeRule for ScriptOperationsChanged {
    fn check_change(&self, change: &Change<'_, '_>, cx: &mut ChangeCx<'_>) {
        let (Some(old_swagger), Some(new_swagger)) = (change.old_swagger(), change.new_swagger()) else { return };
        let (old_props, new_props) = (change.old_api_properties(), change.new_api_properties());
        for op in &change.operations {
            if op.new.operation_id.is_none() {
                continue;
            }
            let id = operation_key(op.new);
            let (before, old_span) = through_script(change.old, old_props, old_swagger, &id);
            let (after, new_span) = through_script(change.new, new_props, new_swagger, &id);
            if before == after {
                continue;
            }
            let old_at = old_span.map_or(change.old_at(op.old.span()), |s| change.old_props_at(s));
            let new_at: Loc = new_span.map_or(change.new_at(op.new.span()), |s| change.new_props_at(s));
            let message = if after {
                format!("operation `{id}` now goes through the custom code; what existing flows send and receive may change")
            } else {
                format!("operation `{id}` no longer goes through the custom code; existing flows lose what the script did for it")
            };
            cx.report(new_at, Some(old_at), message)
                .help("make sure the operation's requests and responses stay the same for existing flows");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::testing::*;

    const SWAGGER: &str = "{\"paths\": {\"/a\": {\"get\": {\"operationId\": \"GetItem\"}, \"post\": {\"operationId\": \"AddItem\"}}}}";

    #[test]
    fn fires_for_an_operation_added_to_the_list_and_one_taken_out() {
        let old = "{\"properties\": {\"scriptOperations\": [\"GetItem\"]}}";
        let new = "{\"properties\": {\"scriptOperations\": [\"AddItem\",\n \"Other\"]}}";
        assert_eq!(
            changes_with(&ScriptOperationsChanged, (SWAGGER, Some(old)), (SWAGGER, Some(new))),
            [
                "new props 1:37 /properties/scriptOperations operation `GetItem` no longer goes through the custom code; existing flows lose what the script did for it [related old 1:38 /properties/scriptOperations/0]",
                "new props 1:38 /properties/scriptOperations/0 operation `AddItem` now goes through the custom code; what existing flows send and receive may change [related old 1:37 /properties/scriptOperations]",
            ]
        );
    }

    #[test]
    fn silent_when_the_list_is_reordered() {
        let old = "{\"properties\": {\"scriptOperations\": [\"GetItem\", \"AddItem\"]}}";
        let new = "{\"properties\": {\"scriptOperations\": [\"AddItem\", \"GetItem\"]}}";
        assert!(changes_with(&ScriptOperationsChanged, (SWAGGER, Some(old)), (SWAGGER, Some(new))).is_empty());
    }
}
