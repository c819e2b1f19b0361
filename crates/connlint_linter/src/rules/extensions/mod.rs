//! Rules of the `extensions` category.

pub mod api_annotation_status;
pub mod dynamic_extension_on_parameter;
pub mod dynamic_literal_type_mismatch;
pub mod dynamic_parameter_ambiguous;
pub mod dynamic_parameter_unknown;
pub mod dynamic_properties_path_mismatch;
pub mod dynamic_reference_needs_list;
pub mod dynamic_reference_type_mismatch;
pub mod dynamic_required_parameter_missing;
pub mod dynamic_response_path_invalid;
pub mod dynamic_source_internal;
pub mod dynamic_source_optional;
pub mod dynamic_tree_missing;
pub mod extension_placement;
pub mod notification_extension_invalid;
pub mod notification_url_invalid;
pub mod notification_url_position;
pub mod operation_reference_unknown;
pub mod pageable_next_link_name;
pub mod selected_item_value_path_position;
pub mod trigger_output_schema_missing;
pub mod trigger_value;
pub mod unknown_extension;
pub mod url_encoding_on_query;
pub mod url_encoding_value;
pub mod visibility_value;
pub mod webhook_incomplete;

use crate::suggest;

/// The allowed value that `value` probably meant: same text in another case or with spaces
/// around it, else the closest by edit distance.
pub(crate) fn enum_suggestion(value: &str, allowed: &[&'static str]) -> Option<&'static str> {
    let trimmed = value.trim();
    allowed.iter().copied().find(|a| a.eq_ignore_ascii_case(trimmed)).or_else(|| suggest::closest(trimmed, allowed.iter().copied()))
}

/// `a`, `b` and `c` with backquotes, for messages.
pub(crate) fn all_of(items: &[&str]) -> String {
    one_of(items).rsplit_once(" or ").map_or_else(|| one_of(items), |(head, last)| format!("{head} and {last}"))
}

/// `a`, `b` or `c` with backquotes, for messages.
pub(crate) fn one_of(allowed: &[&str]) -> String {
    let quoted: Vec<String> = allowed.iter().map(|a| format!("`{a}`")).collect();
    match quoted.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        None => String::new(),
    }
}

pub(crate) mod calls {
    //! Calls from one place of the swagger to an operation: the dynamic extensions, the
    //! capabilities and the notification and operation-context extensions, and the lookup of
    //! `/`-separated property paths in the called operation's success response.

    use connlint_core::json::{Member, Node};
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
        pub node: &'a Node,
        pub operation_id: Option<Str<'a>>,
        pub parameters: Option<&'a Node>,
        /// The operation the holder belongs to (index into `Swagger::operations`), when known.
        pub source: Option<usize>,
        /// The parameter object or schema that carries the extension (dynamic extensions only).
        pub holder: Option<&'a Node>,
    }

    impl<'a> Call<'a> {
        fn new(kind: CallKind, node: &'a Node, source: Option<usize>) -> Option<Self> {
            node.as_object()?;
            let operation_id = node.get("operationId").and_then(|n| n.as_str().map(|s| Spanned::new(s, n.span)));
            let parameters = node.get("parameters").filter(|n| n.as_object().is_some());
            Some(Self { kind, node, operation_id, parameters, source, holder: None })
        }

        /// The members of `parameters`.
        pub(crate) fn parameter_members(&self) -> &'a [Member] {
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
    pub(crate) fn parameter_objects<'a>(swagger: &Swagger<'a>) -> Vec<(&'a Node, Option<usize>)> {
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

    /// Every call in the swagger, in source order.
    /// [`calls`] of the connector's swagger, computed once per connector and shared by the
    /// rules that need it.
    pub(crate) fn cached_calls<'m, 'a>(cx: &crate::context::Context<'m, 'a>) -> &'m [Call<'a>] {
        let derived = cx.derived;
        match cx.swagger() {
            Some(swagger) => derived.calls.get_or_init(|| calls(swagger)),
            None => &[],
        }
    }

    pub(crate) fn calls<'a>(swagger: &Swagger<'a>) -> Vec<Call<'a>> {
        let mut holders = parameter_objects(swagger);
        swagger.visit_schemas(|v| holders.push((v.node, v.operation)));
        let mut out = Vec::new();
        for (holder, source) in holders {
            for (key, kind) in [
                ("x-ms-dynamic-values", CallKind::DynamicValues),
                ("x-ms-dynamic-list", CallKind::DynamicList),
                ("x-ms-dynamic-schema", CallKind::DynamicSchema),
                ("x-ms-dynamic-properties", CallKind::DynamicProperties),
            ] {
                out.extend(holder.get(key).and_then(|n| Call::new(kind, n, source)).map(|c| Call { holder: Some(holder), ..c }));
            }
            if let Some(tree) = holder.get("x-ms-dynamic-tree") {
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

    /// Follows `$ref`s; `None` when one does not resolve.
    pub(crate) fn deref<'a>(swagger: &Swagger<'a>, node: &'a Node) -> Option<&'a Node> {
        match node.get("$ref").and_then(Node::as_str) {
            Some(target) => swagger.resolve_ref(target).ok(),
            None => Some(node),
        }
    }

    /// The schema of the operation's success response: `200` if it has one, else the first
    /// other `2xx` response with a schema.
    pub(crate) fn success_schema<'a>(swagger: &Swagger<'a>, op: &Operation<'a>) -> Option<&'a Node> {
        let success = || op.responses.iter().filter(|r| r.is_success());
        let response = success().find(|r| r.code() == "200" && r.schema.is_some()).or_else(|| success().find(|r| r.schema.is_some()))?;
        deref(swagger, response.schema?)
    }

    /// What a property path leads to.
    #[derive(Debug)]
    pub(crate) enum Lookup<'a> {
        /// The schema at the end of the path (`$ref`s followed).
        Found(&'a Node),
        /// `segment` (the `index`-th, from 0) is not a property of a schema whose properties
        /// are all known; `known` lists them.
        Missing { segment: String, index: usize, known: Vec<String> },
        /// The schema is dynamic, free-form or not resolvable: nothing can be said.
        Unknown,
    }

    /// How many `allOf`/`items` levels are followed at one step before giving up.
    const MAX_STEP_DEPTH: usize = 16;

    fn is_array(schema: &Node) -> bool {
        schema.get("type").and_then(Node::as_str) == Some("array")
            || (schema.get("type").is_none() && schema.get("items").is_some_and(|i| i.as_object().is_some()))
    }

    /// Whether the schema is an array: `Some(false)` when it declares another type.
    pub(crate) fn array_kind(schema: &Node) -> Option<bool> {
        if is_array(schema) {
            return Some(true);
        }
        schema.get("type").and_then(Node::as_str).map(|_| false)
    }

    /// Whether a schema's shape is decided at run time or not fixed.
    fn is_open(schema: &Node) -> bool {
        ["x-ms-dynamic-schema", "x-ms-dynamic-properties", "anyOf", "oneOf"].iter().any(|k| schema.get(k).is_some())
            || schema.get("additionalProperties").is_some_and(|a| a.as_bool() != Some(false))
    }

    /// Looks up one property in `schema` (through `$ref`, array `items` and `allOf`).
    fn property<'a>(swagger: &Swagger<'a>, schema: &'a Node, name: &str) -> Result<&'a Node, Option<Vec<String>>> {
        let mut schema = deref(swagger, schema).ok_or(None)?;
        let mut depth = 0;
        while is_array(schema) && schema.get("properties").is_none() {
            depth += 1;
            let items = schema.get("items").filter(|i| i.as_object().is_some()).ok_or(None)?;
            schema = deref(swagger, items).ok_or(None)?;
            if depth > MAX_STEP_DEPTH {
                return Err(None);
            }
        }
        let mut pending = vec![(schema, 0usize)];
        let mut known = Vec::new();
        let mut open = false;
        while let Some((s, level)) = pending.pop() {
            if is_open(s) {
                open = true;
            }
            if let Some(props) = s.get("properties").and_then(Node::as_object) {
                if let Some(m) = props.iter().find(|m| &*m.key.text == name) {
                    return Ok(&m.value);
                }
                known.extend(props.iter().map(|m| m.key.text.to_string()));
            }
            if let Some(all) = s.get("allOf").and_then(Node::as_array) {
                if level >= MAX_STEP_DEPTH {
                    return Err(None);
                }
                for part in all {
                    pending.push((deref(swagger, part).ok_or(None)?, level + 1));
                }
            }
        }
        if open || known.is_empty() {
            Err(None)
        } else {
            Err(Some(known))
        }
    }

    /// Follows a `/`-separated property path (no leading `/`; empty means `schema` itself)
    /// from `schema`, stepping into array items where the path goes on below an array.
    pub(crate) fn lookup<'a>(swagger: &Swagger<'a>, schema: &'a Node, path: &str) -> Lookup<'a> {
        let mut current = schema;
        for (index, segment) in path.split('/').filter(|s| !s.is_empty()).enumerate() {
            if segment.contains(['{', '}', '(', ')', ' ']) {
                return Lookup::Unknown;
            }
            match property(swagger, current, segment) {
                Ok(next) => current = next,
                Err(Some(known)) => return Lookup::Missing { segment: segment.to_string(), index, known },
                Err(None) => return Lookup::Unknown,
            }
        }
        deref(swagger, current).map_or(Lookup::Unknown, Lookup::Found)
    }

    /// The item schema of an array schema (itself when it is not an array).
    pub(crate) fn items_of<'a>(swagger: &Swagger<'a>, schema: &'a Node) -> Option<&'a Node> {
        let schema = deref(swagger, schema)?;
        if is_array(schema) {
            return deref(swagger, schema.get("items")?);
        }
        Some(schema)
    }
}

pub(crate) mod sources {
    //! What the entries of a call's `parameters` stand for: a literal value, or a reference to a
    //! parameter or body property of the operation that makes the call (the source); and which
    //! parameter or body property of the called operation (the target) each entry fills.

    use super::calls::{deref, Call};
    use connlint_core::json::{Key, Member, Node};
    use connlint_core::model::extensions::{visibility_of, Visibility};
    use connlint_core::model::swagger::{Operation, Parameter, Swagger};
    use connlint_core::model::{members, Spanned, Str};

    /// How deep body schemas are searched, and how many properties at most are collected.
    const MAX_DEPTH: usize = 16;
    const MAX_PROPERTIES: usize = 4096;

    /// One entry's value.
    #[derive(Debug, Clone, Copy)]
    pub(crate) enum EntryValue<'a> {
        /// A bare value or `{"value": ...}`.
        Literal(&'a Node),
        /// `{"parameter": "name"}`.
        Parameter(Str<'a>),
        /// `{"parameterReference": "path"}`.
        ParameterReference(Str<'a>),
        /// Anything else (an object of another shape, a non-string reference).
        Other,
    }

    /// What an entry of a call's `parameters` holds.
    pub(crate) fn entry_value(member: &Member) -> EntryValue<'_> {
        let value = &member.value;
        if value.as_object().is_none() {
            return EntryValue::Literal(value);
        }
        let text = |key: &str| value.get(key).and_then(|n| n.as_str().map(|s| Spanned::new(s, n.span)));
        if let Some(literal) = value.get("value") {
            EntryValue::Literal(literal)
        } else if let Some(name) = text("parameter") {
            EntryValue::Parameter(name)
        } else if let Some(path) = text("parameterReference") {
            EntryValue::ParameterReference(path)
        } else {
            EntryValue::Other
        }
    }

    /// A property somewhere in an operation's body schema.
    #[derive(Debug, Clone)]
    pub(crate) struct BodyProperty<'a> {
        /// The `/`-separated path from the body's root (without the body parameter's name).
        pub path: String,
        pub key: &'a Key,
        /// The property's schema (`$ref` followed).
        pub schema: &'a Node,
        /// Whether it is required at every level from the body parameter down.
        pub required: bool,
        /// Whether it or one of its ancestors (the body parameter included) is internal.
        pub internal: bool,
    }

    pub(crate) fn is_internal(node: &Node) -> bool {
        matches!(visibility_of(node), Some((Some(Visibility::Internal), _)))
    }

    /// Every property of the operation's body schema (through `$ref`, `allOf` and array items).
    pub(crate) fn body_properties<'a>(swagger: &Swagger<'a>, op: &Operation<'a>) -> Vec<BodyProperty<'a>> {
        let mut out = Vec::new();
        for body in op.effective_parameters(swagger).filter(|p| p.is_in("body")) {
            let (Some(node), Some(schema)) = (body.node, body.schema) else { continue };
            let Some(schema) = deref(swagger, schema) else { continue };
            let mut stack = vec![(schema, String::new(), body.is_required(), is_internal(node) || is_internal(schema), 0usize)];
            while let Some((schema, prefix, required, internal, depth)) = stack.pop() {
                if depth > MAX_DEPTH || out.len() > MAX_PROPERTIES {
                    continue;
                }
                let mut parts = vec![schema];
                let mut i = 0;
                while i < parts.len() && parts.len() < 64 {
                    let part = parts[i];
                    for sub in part.get("allOf").and_then(Node::as_array).unwrap_or_default() {
                        parts.extend(deref(swagger, sub));
                    }
                    if part.get("properties").is_none() {
                        parts.extend(part.get("items").filter(|n| n.as_object().is_some()).and_then(|n| deref(swagger, n)));
                    }
                    i += 1;
                }
                let required_names: Vec<&str> =
                    parts.iter().filter_map(|p| p.get("required").and_then(Node::as_array)).flatten().filter_map(Node::as_str).collect();
                for m in parts.iter().filter_map(|p| p.get("properties")).flat_map(members).rev() {
                    let Some(prop) = deref(swagger, &m.value) else { continue };
                    let path = if prefix.is_empty() { m.key.text.to_string() } else { format!("{prefix}/{}", m.key.text) };
                    let required = required && required_names.contains(&&*m.key.text);
                    let internal = internal || is_internal(&m.value) || is_internal(prop);
                    out.push(BodyProperty { path: path.clone(), key: &m.key, schema: prop, required, internal });
                    stack.push((prop, path, required, internal, depth + 1));
                }
            }
        }
        out
    }

    /// The JSON type a parameter declares (its schema's for a body parameter).
    pub(crate) fn parameter_type<'a>(swagger: &Swagger<'a>, p: &Parameter<'a>) -> Option<&'a str> {
        if p.is_in("body") {
            return p.schema.and_then(|s| deref(swagger, s)).and_then(|s| s.get("type")).and_then(Node::as_str);
        }
        p.ty.map(|t| t.value)
    }

    /// A parameter or body property at one end of a call.
    #[derive(Debug, Clone)]
    pub(crate) struct Slot<'a> {
        /// `parameter `x`` or `body property `a/b``, for messages.
        pub what: String,
        pub ty: Option<&'a str>,
        pub required: bool,
        pub has_default: bool,
        pub internal: bool,
    }

    impl<'a> Slot<'a> {
        fn of_parameter(swagger: &Swagger<'a>, p: &Parameter<'a>, name: &str) -> Self {
            let node = p.node.unwrap_or(p.site);
            Slot {
                what: format!("parameter `{name}`"),
                ty: parameter_type(swagger, p),
                required: p.is_required(),
                has_default: p.default.is_some(),
                internal: is_internal(node),
            }
        }

        fn of_property(prop: &BodyProperty<'a>) -> Self {
            Slot {
                what: format!("body property `{}`", prop.path),
                ty: prop.schema.get("type").and_then(Node::as_str),
                required: prop.required,
                has_default: prop.schema.get("default").is_some(),
                internal: prop.internal,
            }
        }
    }

    /// What a `{"parameter": "name"}` reference names in the source operation.
    #[derive(Debug, Clone)]
    pub(crate) enum Source<'a> {
        /// A parameter of the operation, and no body property has that name.
        Parameter(Slot<'a>),
        /// Only body properties (or a path into a parameter) match.
        Property(Slot<'a>),
        /// Both a parameter and a body property have that name.
        Ambiguous,
        /// Nothing matches.
        NotFound,
    }

    /// Resolves `{"parameter": name}` (`by_path` false) or `{"parameterReference": name}`
    /// (`by_path` true) against the source operation.
    pub(crate) fn resolve_source<'a>(swagger: &Swagger<'a>, op: &Operation<'a>, name: &str, by_path: bool) -> Source<'a> {
        let params: Vec<&Parameter<'a>> = op.effective_parameters(swagger).filter(|p| p.name.is_some_and(|n| n.value == name)).collect();
        if by_path || name.contains('/') {
            if let [p] = params.as_slice() {
                return Source::Parameter(Slot::of_parameter(swagger, p, name));
            }
            let Some((first, rest)) = name.split_once('/') else { return Source::NotFound };
            let is_body = op.effective_parameters(swagger).any(|p| p.is_in("body") && p.name.is_some_and(|n| n.value == first));
            if !is_body {
                return Source::NotFound;
            }
            let props = body_properties(swagger, op);
            return props.iter().find(|p| p.path == rest).map_or(Source::NotFound, |p| Source::Property(Slot::of_property(p)));
        }
        let props = body_properties(swagger, op);
        let matching: Vec<&BodyProperty<'a>> = props.iter().filter(|p| &*p.key.text == name).collect();
        match (params.as_slice(), matching.as_slice()) {
            ([], []) => Source::NotFound,
            ([p], []) => Source::Parameter(Slot::of_parameter(swagger, p, name)),
            ([], [prop]) => Source::Property(Slot::of_property(prop)),
            ([], _) => Source::Ambiguous,
            (_, []) => Source::NotFound,
            _ => Source::Ambiguous,
        }
    }

    /// The parameter or body property of the called operation that the entry `key` fills:
    /// a parameter of that name, else a top-level body property or a `body/path`. `None` when
    /// nothing or more than one thing matches.
    pub(crate) fn resolve_target<'a>(swagger: &Swagger<'a>, op: &Operation<'a>, key: &str) -> Option<Slot<'a>> {
        let params: Vec<&Parameter<'a>> = op.effective_parameters(swagger).filter(|p| p.name.is_some_and(|n| n.value == key)).collect();
        let props = body_properties(swagger, op);
        let top_level = props.iter().filter(|p| p.path == key).count();
        match params.as_slice() {
            [p] if top_level == 0 => return Some(Slot::of_parameter(swagger, p, key)),
            [] => {}
            _ => return None,
        }
        let path = match key.split_once('/') {
            Some((first, rest))
                if op.effective_parameters(swagger).any(|p| p.is_in("body") && p.name.is_some_and(|n| n.value == first)) =>
            {
                rest
            }
            _ => key,
        };
        let mut found = props.iter().filter(|p| p.path == path);
        match (found.next(), found.next()) {
            (Some(prop), None) => Some(Slot::of_property(prop)),
            _ => None,
        }
    }

    /// One entry of a call's `parameters`, with what it fills and where its value comes from.
    #[derive(Debug, Clone)]
    pub(crate) struct Entry<'a> {
        pub call: Call<'a>,
        pub member: &'a Member,
        pub value: EntryValue<'a>,
        /// The called operation's parameter or body property, when exactly one matches.
        pub target: Option<Slot<'a>>,
        /// For a reference, the source operation's parameter or property, when exactly one matches.
        pub source: Option<Slot<'a>>,
    }

    /// [`entries`] of the connector's swagger, computed once per connector.
    pub(crate) fn cached_entries<'m, 'a>(cx: &crate::context::Context<'m, 'a>) -> &'m [Entry<'a>] {
        let derived = cx.derived;
        match cx.swagger() {
            Some(swagger) => derived.call_entries.get_or_init(|| entries(swagger, super::calls::cached_calls(cx))),
            None => &[],
        }
    }

    /// Every entry of every call that passes parameters to a known operation.
    pub(crate) fn entries<'a>(swagger: &Swagger<'a>, calls: &[Call<'a>]) -> Vec<Entry<'a>> {
        let mut out = Vec::new();
        for call in calls.iter().cloned() {
            if !call.kind.passes_parameters() {
                continue;
            }
            let Some(target_op) = call.target(swagger) else { continue };
            let source_op = call.source.map(|i| &swagger.operations[i]);
            for member in call.parameter_members() {
                let value = entry_value(member);
                let source = match (value, source_op) {
                    (EntryValue::Parameter(name), Some(op)) => resolve_source(swagger, op, name.value, false),
                    (EntryValue::ParameterReference(path), Some(op)) => resolve_source(swagger, op, path.value, true),
                    _ => Source::NotFound,
                };
                let source = match source {
                    Source::Parameter(slot) | Source::Property(slot) => Some(slot),
                    Source::Ambiguous | Source::NotFound => None,
                };
                let target = resolve_target(swagger, target_op, &member.key.text);
                out.push(Entry { call: call.clone(), member, value, target, source });
            }
        }
        out
    }

    /// Whether two declared JSON types can carry the same values (`integer` fits `number`).
    pub(crate) fn types_compatible(source: &str, target: &str) -> bool {
        source == target || matches!((source, target), ("integer", "number") | ("number", "integer"))
    }
}

pub(crate) mod webhooks {
    //! The webhook trigger pattern: the input body property marked `x-ms-notification-url`,
    //! and which operations are webhook registrations.

    use super::calls::deref;
    use connlint_core::json::{Key, Member, Node};
    use connlint_core::model::extensions::{visibility_of, Visibility};
    use connlint_core::model::members;
    use connlint_core::model::swagger::{Operation, Swagger};

    /// How deep the body schema is searched (through `$ref`s) for the property.
    const MAX_DEPTH: usize = 16;

    /// A body property marked `x-ms-notification-url: true`.
    #[derive(Debug, Clone)]
    pub(crate) struct UrlProperty<'a> {
        /// The property's name.
        pub key: &'a Key,
        /// The `x-ms-notification-url` member.
        pub marker: &'a Member,
        /// The property's schema (`$ref` followed).
        pub schema: &'a Node,
        /// Whether it or one of its ancestors (the body parameter included) is internal.
        pub internal: bool,
        /// The first level on the way down that is not required, if any.
        pub unrequired: Option<&'a Key>,
    }

    fn is_internal(node: &Node) -> bool {
        matches!(visibility_of(node), Some((Some(Visibility::Internal), _)))
    }

    /// The `x-ms-notification-url: true` properties in the operation's body schema.
    pub(crate) fn url_properties<'a>(swagger: &Swagger<'a>, op: &Operation<'a>) -> Vec<UrlProperty<'a>> {
        let mut out = Vec::new();
        for body in op.effective_parameters(swagger).filter(|p| p.is_in("body")) {
            let (Some(node), Some(schema)) = (body.node, body.schema) else { continue };
            let Some(schema) = deref(swagger, schema) else { continue };
            let mut stack: Vec<(&'a Node, bool, Option<&'a Key>, usize)> =
                vec![(schema, is_internal(node) || is_internal(schema), None, 0)];
            while let Some((schema, internal, unrequired, depth)) = stack.pop() {
                if depth > MAX_DEPTH {
                    continue;
                }
                // The schema and its allOf parts, merged.
                let mut parts = vec![schema];
                let mut i = 0;
                while i < parts.len() && parts.len() < 64 {
                    for part in parts[i].get("allOf").and_then(Node::as_array).unwrap_or_default() {
                        parts.extend(deref(swagger, part));
                    }
                    i += 1;
                }
                let required: Vec<&str> =
                    parts.iter().filter_map(|p| p.get("required").and_then(Node::as_array)).flatten().filter_map(Node::as_str).collect();
                for m in parts.iter().filter_map(|p| p.get("properties")).flat_map(members).rev() {
                    let Some(prop) = deref(swagger, &m.value) else { continue };
                    let internal = internal || is_internal(&m.value) || is_internal(prop);
                    let unrequired = unrequired.or((!required.contains(&&*m.key.text)).then_some(&m.key));
                    let marker = m.value.member("x-ms-notification-url").or_else(|| prop.member("x-ms-notification-url"));
                    if let Some(marker) = marker.filter(|mk| mk.value.as_bool() == Some(true)) {
                        out.push(UrlProperty { key: &m.key, marker, schema: prop, internal, unrequired });
                    }
                    stack.push((prop, internal, unrequired, depth + 1));
                }
            }
        }
        out.sort_by_key(|u| u.key.span.start);
        out.dedup_by_key(|u| u.key.span.start);
        out
    }

    /// Whether the operation registers a webhook: a trigger whose path item has
    /// `x-ms-notification-content` or whose body has a notification-URL property.
    pub(crate) fn is_webhook<'a>(swagger: &Swagger<'a>, op: &Operation<'a>) -> bool {
        op.is_trigger()
            && (swagger.paths[op.path_index].notification_content.is_some()
                || swagger.paths[op.path_index].node.get("x-ms-notification-content").is_some()
                || !url_properties(swagger, op).is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_case_spacing_and_typos() {
        let values = ["important", "advanced", "internal"];
        assert_eq!(enum_suggestion("Advanced", &values), Some("advanced"));
        assert_eq!(enum_suggestion("internal ", &values), Some("internal"));
        assert_eq!(enum_suggestion("importnat", &values), Some("important"));
        assert_eq!(enum_suggestion("none", &values), None);
        assert_eq!(one_of(&values), "`important`, `advanced` or `internal`");
        assert_eq!(one_of(&["single", "double"]), "`single` or `double`");
    }
}
