use crate::change::{Change, Side};
use crate::context::ChangeCx;
use crate::declare_rule;
use crate::rule::ChangeRule;
use connlint_core::json::Node;
use connlint_core::model::swagger::{Operation, Swagger};
use connlint_core::Span;

declare_rule! {
    /// ## What it does
    /// Reports an operation with a request body that no longer lists a MIME type its old
    /// `consumes` (its own, else the document's) had.
    ///
    /// ## Why is this bad?
    /// Existing flows send bodies in the content type they were built with. An API that no
    /// longer declares it may reject those requests.
    ///
    /// ## Example
    /// Old: `"consumes": ["application/json", "application/x-www-form-urlencoded"]`; new: `"consumes": ["application/json"]`.
    ///
    /// Use instead: keep accepting the old content types.
    pub RequestContentTypeRemoved {
        id: "request-content-type-removed",
        category: Breaking,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "A request content type was removed from an operation that takes a body",
        visits: [Change],
    }
}

/// The effective MIME types of `key` (`consumes` or `produces`) and the node that sets them.
pub(crate) fn media_types<'a>(swagger: &Swagger<'a>, op: &Operation<'a>, key: &str) -> (Vec<&'a str>, Option<&'a Node>) {
    let node = op.node.get(key).or_else(|| swagger.root.get(key));
    let types = node.and_then(Node::as_array).unwrap_or_default().iter().filter_map(Node::as_str).collect();
    (types, node)
}

/// Reports the MIME types of `key` that `old` had and `new` lacks.
pub(crate) fn report_removed(
    change: &Change<'_, '_>,
    cx: &mut ChangeCx<'_>,
    op: &crate::change::OperationPair<'_, '_>,
    key: &str,
    what: &str,
) {
    let (Some(old_swagger), Some(new_swagger)) = (change.old_swagger(), change.new_swagger()) else { return };
    let (before, old_node) = media_types(old_swagger, op.old, key);
    let (after, new_node) = media_types(new_swagger, op.new, key);
    let removed: Vec<&str> = before.iter().copied().filter(|t| !after.contains(t)).collect();
    if removed.is_empty() || after.is_empty() {
        return;
    }
    let span = |node: Option<&Node>, o: &Operation<'_>| -> Span { node.map_or(o.span(), |n| n.span) };
    let list = removed.iter().map(|t| format!("`{t}`")).collect::<Vec<_>>().join(", ");
    let message = format!("operation `{}` no longer {what} {list}; existing flows that rely on it may fail", op.key);
    cx.report(change.new_at(span(new_node, op.new)), Some(change.at(Side::Old, span(old_node, op.old))), message)
        .help(format!("keep the old content types in `{key}`"));
}

impl ChangeRule for RequestContentTypeRemoved {
    fn check_change(&self, change: &Change<'_, '_>, cx: &mut ChangeCx<'_>) {
        let Some(new_swagger) = change.new_swagger() else { return };
        for op in &change.operations {
            if op.new.effective_parameters(new_swagger).any(|p| p.is_in("body") || p.is_in("formData")) {
                report_removed(change, cx, op, "consumes", "accepts request bodies of type");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::testing::*;

    #[test]
    fn fires_on_the_new_consumes_list() {
        let old = doc("{\"operationId\": \"Add\", \"parameters\": [{\"name\": \"b\", \"in\": \"body\", \"schema\": {}}],\n \"consumes\": [\"application/json\", \"text/plain\"]}");
        let new = doc("{\"operationId\": \"Add\", \"parameters\": [{\"name\": \"b\", \"in\": \"body\", \"schema\": {}}],\n \"consumes\": [\"application/json\"]}");
        assert_eq!(
            changes(&RequestContentTypeRemoved, &old, &new),
            ["new 4:14 /paths/~1items/post/consumes operation `Add` no longer accepts request bodies of type `text/plain`; existing flows that rely on it may fail [related old 4:14 /paths/~1items/post/consumes]"]
        );
    }

    #[test]
    fn silent_without_a_body_or_when_the_document_level_list_is_kept() {
        let old = "{\"consumes\": [\"application/json\"], \"paths\": {\"/a\": {\"post\": {\"operationId\": \"Add\", \"parameters\": [{\"name\": \"b\", \"in\": \"body\"}]}, \"get\": {\"operationId\": \"Get\", \"consumes\": [\"text/plain\"]}}}}";
        let new = "{\"paths\": {\"/a\": {\"post\": {\"operationId\": \"Add\", \"consumes\": [\"application/json\"], \"parameters\": [{\"name\": \"b\", \"in\": \"body\"}]}, \"get\": {\"operationId\": \"Get\", \"consumes\": [\"application/json\"]}}}}";
        assert_no_change(&RequestContentTypeRemoved, old, new);
    }
}
