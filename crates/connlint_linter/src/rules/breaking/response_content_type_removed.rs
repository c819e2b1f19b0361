use super::report_removed;
use crate::change::Change;
use crate::context::ChangeCx;
use crate::declare_rule;
use crate::rule::ChangeRule;

declare_rule! {
    /// ## What it does
    /// Reports an operation with a response body that no longer lists a MIME type its old
    /// `produces` (its own, else the document's) had.
    ///
    /// ## Why is this bad?
    /// Flows read the response in the content type they were built with; when the API stops
    /// producing it, the steps that parse the response fail.
    ///
    /// ## Example
    /// Old: `"produces": ["application/json", "text/csv"]`; new: `"produces": ["application/json"]`.
    ///
    /// Use instead: keep producing the old content types.
    pub ResponseContentTypeRemoved {
        id: "response-content-type-removed",
        category: Breaking,
        severity: Warning,
        profile: Base,
        ms_names: [],
        summary: "A response content type was removed from an operation that returns a body",
        visits: [Change],
    }
}

impl ChangeRule for ResponseContentTypeRemoved {
    fn check_change(&self, change: &Change<'_, '_>, cx: &mut ChangeCx<'_>) {
        for op in &change.operations {
            if op.new_response.is_some_and(|r| r.schema.is_some()) {
                report_removed(change, cx, op, "produces", "returns responses of type");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::testing::*;

    #[test]
    fn fires_on_the_new_produces_list() {
        let old = doc("{\"operationId\": \"Get\", \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {}}},\n \"produces\": [\"application/json\", \"text/csv\"]}");
        let new = doc("{\"operationId\": \"Get\", \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {}}},\n \"produces\": [\"application/json\"]}");
        assert_eq!(
            changes(&ResponseContentTypeRemoved, &old, &new),
            ["new 4:14 /paths/~1items/post/produces operation `Get` no longer returns responses of type `text/csv`; existing flows that rely on it may fail [related old 4:14 /paths/~1items/post/produces]"]
        );
    }

    #[test]
    fn silent_without_a_response_body_or_with_the_same_types_reordered() {
        let old = doc("{\"operationId\": \"Get\", \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {}}}, \"produces\": [\"a/b\", \"c/d\"]}");
        let new = doc("{\"operationId\": \"Get\", \"responses\": {\"200\": {\"description\": \"OK\", \"schema\": {}}}, \"produces\": [\"c/d\", \"a/b\"]}");
        assert_no_change(&ResponseContentTypeRemoved, &old, &new);
        let empty =
            doc("{\"operationId\": \"Get\", \"responses\": {\"204\": {\"description\": \"OK\"}}, \"produces\": [\"a/b\", \"c/d\"]}");
        let fewer = doc("{\"operationId\": \"Get\", \"responses\": {\"204\": {\"description\": \"OK\"}}, \"produces\": [\"a/b\"]}");
        assert_no_change(&ResponseContentTypeRemoved, &empty, &fewer);
    }
}
