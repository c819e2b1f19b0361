use super::report_removed;
use crate::change::Change;
use crate::context::ChangeCx;
use crate::declare_rule;
use crate::rule::ChangeRule;

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
