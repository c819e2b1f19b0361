//! What the swagger means beyond its shape, computed once per connector and shared by the
//! rules and the diff: the call graph of the dynamic extensions, capabilities and
//! notifications ([`calls`]), what each parameter of a call stands for ([`sources`]), the
//! properties of body schemas ([`body`]), webhooks ([`webhooks`]), what operations return
//! ([`responses`]), the members of note of the swagger's keyword objects ([`keywords`]) and the
//! shapes of operation paths ([`paths`]).
//!
//! Rules reach the cached facts through [`crate::context::Context::semantic`]. Schema reading
//! (`$ref`, `allOf`, items, limits) is [`connlint_core::model::schema`]'s; the success response
//! is [`connlint_core::model::swagger::Operation::success_response`]; internal visibility is
//! [`connlint_core::model::extensions::is_internal`]. This module uses no rule module.

pub(crate) mod body;
pub(crate) mod calls;
pub(crate) mod keywords;
pub(crate) mod paths;
pub(crate) mod responses;
pub(crate) mod sources;
pub(crate) mod webhooks;

use body::BodyProperty;
use calls::Call;
use connlint_core::json::Node;
use connlint_core::model::swagger::{Operation, Swagger};
use keywords::Keywords;
use sources::Entry;
use std::borrow::Cow;
use std::sync::OnceLock;
use webhooks::UrlProperty;

/// The facts of one connector, each computed on first use.
#[derive(Default)]
pub(crate) struct Facts<'a> {
    /// The objects that may hold a dynamic extension, with their operation.
    holders: OnceLock<Vec<(&'a Node<'a>, Option<usize>)>>,
    /// The same objects, in the order of their place in the document.
    holders_by_position: OnceLock<Vec<&'a Node<'a>>>,
    /// Every call that a dynamic extension, capability or notification makes.
    calls: OnceLock<Vec<Call<'a>>>,
    /// Every parameter passed by those calls, resolved against both operations.
    entries: OnceLock<Vec<Entry<'a>>>,
    /// The properties of each operation's body, by operation index, each found on first use.
    body_properties: OnceLock<Vec<OnceLock<Vec<BodyProperty<'a>>>>>,
    /// The notification-URL properties of each operation's body, by operation index.
    url_properties: OnceLock<Vec<Vec<UrlProperty<'a>>>>,
    /// The members of note of the swagger's keyword objects, so that the rules that look at
    /// every object share one walk.
    keywords: OnceLock<Keywords<'a>>,
    /// The normalized segments of each operation's path, by operation index.
    path_shapes: OnceLock<Vec<Vec<Cow<'a, str>>>>,
}

/// The semantic facts of the connector a rule is looking at.
#[derive(Clone, Copy)]
pub struct Semantic<'m, 'a> {
    swagger: Option<&'m Swagger<'a>>,
    facts: &'m Facts<'a>,
}

impl<'m, 'a> Semantic<'m, 'a> {
    pub(crate) fn new(swagger: Option<&'m Swagger<'a>>, facts: &'m Facts<'a>) -> Self {
        Semantic { swagger, facts }
    }

    /// The members several rules look for in the swagger's keyword objects, in walk order (see
    /// [`Keywords`]); none without a swagger.
    pub(crate) fn keywords(self) -> &'m Keywords<'a> {
        static NONE: Keywords<'static> = Keywords {
            refs: Vec::new(),
            ref_objects: Vec::new(),
            combinators: Vec::new(),
            extensions: Vec::new(),
            external_docs: Vec::new(),
            unique_arrays: Vec::new(),
            selected_item_value_paths: Vec::new(),
        };
        match self.swagger {
            Some(swagger) => self.facts.keywords.get_or_init(|| Keywords::of(swagger.root)),
            None => &NONE,
        }
    }

    /// The normalized segments of each operation's path, by operation index (see
    /// [`paths::normalized_segments`]).
    pub(crate) fn path_shapes(self) -> &'m [Vec<Cow<'a, str>>] {
        match self.swagger {
            Some(swagger) => self.facts.path_shapes.get_or_init(|| paths::shapes(swagger)),
            None => &[],
        }
    }

    /// The parameter objects and schemas, which may hold dynamic extensions, with the
    /// operation each is in (see [`calls::holders`]).
    pub(crate) fn holders(self) -> &'m [(&'a Node<'a>, Option<usize>)] {
        match self.swagger {
            Some(swagger) => self.facts.holders.get_or_init(|| calls::holders(swagger)),
            None => &[],
        }
    }

    /// [`Semantic::holders`] in the order of their place in the document (a schema reached from
    /// several places comes as often, one after the other).
    pub(crate) fn holders_by_position(self) -> &'m [&'a Node<'a>] {
        self.facts.holders_by_position.get_or_init(|| {
            let mut nodes: Vec<&'a Node<'a>> = self.holders().iter().map(|&(node, _)| node).collect();
            nodes.sort_by_key(|n| n.span.start);
            nodes
        })
    }

    /// Every call in the swagger, in source order (see [`calls::calls`]).
    pub(crate) fn calls(self) -> &'m [Call<'a>] {
        match self.swagger {
            Some(swagger) => self.facts.calls.get_or_init(|| calls::calls(self.holders(), swagger)),
            None => &[],
        }
    }

    /// Every entry of every call that passes parameters to a known operation (see
    /// [`sources::entries`]).
    pub(crate) fn entries(self) -> &'m [Entry<'a>] {
        match self.swagger {
            Some(swagger) => self.facts.entries.get_or_init(|| sources::entries(swagger, self.calls(), |op| self.body_properties(op))),
            None => &[],
        }
    }

    /// The properties of `op`'s body schemas, with their paths (see [`body::body_properties`]).
    /// A call's entries look up the properties of both operations, and many calls name the
    /// same operation, so each operation's are found once and kept.
    pub(crate) fn body_properties(self, op: &Operation<'_>) -> &'m [BodyProperty<'a>] {
        let (Some(swagger), Some(index)) = (self.swagger, self.operation_index(op)) else { return &[] };
        let all = self.facts.body_properties.get_or_init(|| swagger.operations.iter().map(|_| OnceLock::new()).collect());
        all[index].get_or_init(|| body::body_properties(swagger, &swagger.operations[index]))
    }

    /// The index of `op` in the swagger's operations. Rules are given those: its address gives
    /// its index, and otherwise its place in the document does.
    pub(crate) fn operation_index(self, op: &Operation<'_>) -> Option<usize> {
        let operations = &self.swagger?.operations;
        let size = std::mem::size_of::<Operation<'_>>();
        let offset = (op as *const Operation<'_>).cast::<u8>() as usize;
        let offset = offset.wrapping_sub(operations.as_ptr().cast::<u8>() as usize);
        let same = |o: &Operation<'_>| std::ptr::eq((o as *const Operation<'_>).cast::<u8>(), (op as *const Operation<'_>).cast::<u8>());
        Some(offset / size)
            .filter(|&i| offset.is_multiple_of(size) && operations.get(i).is_some_and(same))
            .or_else(|| operations.iter().position(|o| o.node.span == op.node.span && o.method == op.method))
    }

    /// The `x-ms-notification-url: true` properties of `op`'s body (see
    /// [`webhooks::url_properties`]). Several rules ask for every operation's, and each answer
    /// walks the body schemas, so they are found for all operations at once and kept.
    pub(crate) fn url_properties(self, op: &Operation<'_>) -> &'m [UrlProperty<'a>] {
        let (Some(swagger), Some(index)) = (self.swagger, self.operation_index(op)) else { return &[] };
        let operations = &swagger.operations;
        let all = self.facts.url_properties.get_or_init(|| operations.iter().map(|o| webhooks::url_properties(swagger, o)).collect());
        &all[index]
    }
}
