//! Calls from one place of the swagger to an operation: the dynamic extensions
//! (`x-ms-dynamic-values`, `-list`, `-schema`, `-properties`, `-tree`), the capabilities
//! (`testConnection`, `file-picker`) and the notification and operation-context extensions.

use connlint_core::json::{Member, Node};
use connlint_core::model::keywords::SchemaKeywords;
use connlint_core::model::swagger::{Operation, Swagger};
use connlint_core::model::{members, Spanned, Str};

/// Which extension makes a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CallKind {
    DynamicValues,
    DynamicList,
    DynamicSchema,
    DynamicProperties,
    DynamicTreeOpen,
    DynamicTreeBrowse,
    TestConnection,
    FilePickerOpen,
    FilePickerBrowse,
    Notification,
    OperationContext,
}

impl CallKind {
    pub(crate) fn label(self) -> &'static str {
        match self {
            CallKind::DynamicValues => "`x-ms-dynamic-values`",
            CallKind::DynamicList => "`x-ms-dynamic-list`",
            CallKind::DynamicSchema => "`x-ms-dynamic-schema`",
            CallKind::DynamicProperties => "`x-ms-dynamic-properties`",
            CallKind::DynamicTreeOpen => "`x-ms-dynamic-tree` `open`",
            CallKind::DynamicTreeBrowse => "`x-ms-dynamic-tree` `browse`",
            CallKind::TestConnection => "`x-ms-capabilities` `testConnection`",
            CallKind::FilePickerOpen => "`x-ms-capabilities` `file-picker` `open`",
            CallKind::FilePickerBrowse => "`x-ms-capabilities` `file-picker` `browse`",
            CallKind::Notification => "`x-ms-notification`",
            CallKind::OperationContext => "`x-ms-operation-context` `simulate`",
        }
    }

    /// Whether the call's `parameters` map names to values that the platform fills in
    /// (the dynamic extensions and capabilities); the notification and operation-context
    /// calls have no parameters of their own.
    pub(crate) fn passes_parameters(self) -> bool {
        !matches!(self, CallKind::Notification | CallKind::OperationContext)
    }
}

/// One call: the extension, the object that holds it and the call object itself.
#[derive(Debug, Clone)]
pub(crate) struct Call<'a> {
    pub kind: CallKind,
    /// The object with `operationId` and `parameters`.
    pub node: &'a Node<'a>,
    pub operation_id: Option<Str<'a>>,
    pub parameters: Option<&'a Node<'a>>,
    /// The operation the holder belongs to (index into `Swagger::operations`), when known.
    pub source: Option<usize>,
    /// The parameter object or schema that carries the extension (dynamic extensions only).
    pub holder: Option<&'a Node<'a>>,
}

impl<'a> Call<'a> {
    fn new(kind: CallKind, node: &'a Node<'a>, source: Option<usize>) -> Option<Self> {
        node.as_object()?;
        let operation_id = node.get("operationId").and_then(|n| n.as_str().map(|s| Spanned::new(s, n.span)));
        let parameters = node.get("parameters").filter(|n| n.as_object().is_some());
        Some(Self { kind, node, operation_id, parameters, source, holder: None })
    }

    /// The members of `parameters`.
    pub(crate) fn parameter_members(&self) -> &'a [Member<'a>] {
        self.parameters.map(members).unwrap_or_default()
    }

    /// The called operation, when the operationId names one.
    pub(crate) fn target<'s>(&self, swagger: &'s Swagger<'a>) -> Option<&'s Operation<'a>> {
        swagger.operation_by_id(self.operation_id?.value)
    }

    /// A string member of the call object (`value-path`, `itemsPath` ...).
    pub(crate) fn str(&self, key: &str) -> Option<Str<'a>> {
        self.node.get(key).and_then(|n| n.as_str().map(|s| Spanned::new(s, n.span)))
    }
}

/// The parameter objects written in the swagger (not the `$ref`s to them), with their operation.
pub(crate) fn parameter_objects<'a>(swagger: &Swagger<'a>) -> Vec<(&'a Node<'a>, Option<usize>)> {
    let mut out = Vec::new();
    if let Some(global) = swagger.parameters {
        out.extend(members(global).iter().map(|m| (&m.value, None)));
    }
    for path in &swagger.paths {
        out.extend(path.parameters.iter().filter(|p| p.reference.is_none()).map(|p| (p.site, None)));
    }
    for (i, op) in swagger.operations.iter().enumerate() {
        out.extend(op.parameters.iter().filter(|p| p.reference.is_none()).map(|p| (p.site, Some(i))));
    }
    out.retain(|(n, _)| n.as_object().is_some());
    out
}

/// The objects that may hold a dynamic extension: the parameter objects (see
/// [`parameter_objects`]), then the schemas with a dynamic extension in
/// [`Swagger::visit_schemas`] order (a schema reached from several places comes once for
/// each), with the operation each is in. The schema visits know their keys, so the many
/// schemas without one are left out here rather than searched by every reader.
pub(crate) fn holders<'a>(swagger: &Swagger<'a>) -> Vec<(&'a Node<'a>, Option<usize>)> {
    let mut holders = parameter_objects(swagger);
    swagger.visit_schemas_with(SchemaKeywords::X_MS_DYNAMIC, |v| holders.push((v.node, v.operation)));
    holders
}

/// Every call in the swagger, in source order, made by the `holders`.
pub(crate) fn calls<'a>(holders: &[(&'a Node<'a>, Option<usize>)], swagger: &Swagger<'a>) -> Vec<Call<'a>> {
    let mut out = Vec::new();
    for &(holder, source) in holders {
        // Every schema and parameter is a holder: its members are read once for all five.
        let [values, list, schema, properties, tree] = holder.get_each([
            "x-ms-dynamic-values",
            "x-ms-dynamic-list",
            "x-ms-dynamic-schema",
            "x-ms-dynamic-properties",
            "x-ms-dynamic-tree",
        ]);
        for (node, kind) in [
            (values, CallKind::DynamicValues),
            (list, CallKind::DynamicList),
            (schema, CallKind::DynamicSchema),
            (properties, CallKind::DynamicProperties),
        ] {
            out.extend(node.and_then(|n| Call::new(kind, n, source)).map(|c| Call { holder: Some(holder), ..c }));
        }
        if let Some(tree) = tree {
            for (key, kind) in [("open", CallKind::DynamicTreeOpen), ("browse", CallKind::DynamicTreeBrowse)] {
                out.extend(tree.get(key).and_then(|n| Call::new(kind, n, source)).map(|c| Call { holder: Some(holder), ..c }));
            }
        }
    }
    if let Some(caps) = swagger.root.get("x-ms-capabilities") {
        out.extend(caps.get("testConnection").and_then(|n| Call::new(CallKind::TestConnection, n, None)));
        if let Some(picker) = caps.get("file-picker") {
            out.extend(picker.get("open").and_then(|n| Call::new(CallKind::FilePickerOpen, n, None)));
            out.extend(picker.get("browse").and_then(|n| Call::new(CallKind::FilePickerBrowse, n, None)));
        }
    }
    for (i, op) in swagger.operations.iter().enumerate() {
        out.extend(op.node.get("x-ms-notification").and_then(|n| Call::new(CallKind::Notification, n, Some(i))));
        if let Some(simulate) = op.node.get("x-ms-operation-context").and_then(|c| c.get("simulate")) {
            out.extend(Call::new(CallKind::OperationContext, simulate, Some(i)));
        }
    }
    out.sort_by_key(|c| c.node.span.start);
    out
}
