//! The keywords of a schema object that rules look for, sorted out once per schema (see
//! [`SchemaKeywords`]), and the members that hold its nested schemas ([`SchemaParts`]).

use crate::json::{Key, Member, Node};
use std::ops::ControlFlow;

/// JSON Schema keywords that Swagger 2.0 schemas do not have and Power Platform does not
/// support: `keyword-not-supported` reports them, and `unknown-property` leaves them to it.
pub const UNSUPPORTED_KEYWORDS: [&str; 15] = [
    "oneOf",
    "anyOf",
    "not",
    "uniqueItems",
    "const",
    "if",
    "then",
    "else",
    "contains",
    "propertyNames",
    "dependencies",
    "patternProperties",
    "additionalItems",
    "$schema",
    "$id",
];

/// Which of the keywords that rules look for a schema object has. It is found in the pass over
/// each schema's members that the swagger model makes anyway when it collects the schemas to
/// visit (`SchemaVisit::keywords`), so that the rules that look at every schema return at once
/// from one that lacks their keyword, instead of searching its members again: most schemas are
/// a `type` with a `description`, and twenty rules visit each.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SchemaKeywords(u32);

impl SchemaKeywords {
    pub const TYPE: Self = Self(1);
    pub const FORMAT: Self = Self(1 << 1);
    pub const ENUM: Self = Self(1 << 2);
    pub const REQUIRED: Self = Self(1 << 3);
    pub const PROPERTIES: Self = Self(1 << 4);
    pub const ALL_OF: Self = Self(1 << 5);
    pub const DEFAULT: Self = Self(1 << 6);
    pub const EXAMPLE: Self = Self(1 << 7);
    pub const DISCRIMINATOR: Self = Self(1 << 8);
    /// Any of `minimum`, `maximum`, their `exclusive` flags, `minItems`, `maxItems`,
    /// `minLength`, `maxLength`, `minProperties`, `maxProperties` and `multipleOf`.
    pub const BOUNDS: Self = Self(1 << 9);
    /// Any of [`UNSUPPORTED_KEYWORDS`].
    pub const UNSUPPORTED: Self = Self(1 << 10);
    pub const X_MS_EDITOR: Self = Self(1 << 11);
    pub const X_MS_CAPABILITIES: Self = Self(1 << 12);
    pub const X_MS_ENUM_VALUES: Self = Self(1 << 13);
    pub const PATTERN: Self = Self(1 << 14);
    /// Any of the dynamic extensions: `x-ms-dynamic-values`, `-list`, `-schema`, `-properties`
    /// and `-tree`.
    pub const X_MS_DYNAMIC: Self = Self(1 << 15);
    /// Keywords not looked for: any rule's may be there.
    pub const UNKNOWN: Self = Self(u32::MAX);
    /// How many keywords of note there are: the bits below this one.
    pub const COUNT: usize = 16;

    /// The keyword a member's key is, if it is one of those.
    pub fn of_key(key: &str) -> Self {
        match key {
            "type" => Self::TYPE,
            "format" => Self::FORMAT,
            "enum" => Self::ENUM,
            "required" => Self::REQUIRED,
            "properties" => Self::PROPERTIES,
            "allOf" => Self::ALL_OF,
            "default" => Self::DEFAULT,
            "example" => Self::EXAMPLE,
            "discriminator" => Self::DISCRIMINATOR,
            "minimum" | "maximum" | "exclusiveMinimum" | "exclusiveMaximum" | "minItems" | "maxItems" | "minLength" | "maxLength"
            | "minProperties" | "maxProperties" | "multipleOf" => Self::BOUNDS,
            "x-ms-editor" => Self::X_MS_EDITOR,
            "x-ms-capabilities" => Self::X_MS_CAPABILITIES,
            "x-ms-enum-values" => Self::X_MS_ENUM_VALUES,
            "pattern" => Self::PATTERN,
            "x-ms-dynamic-values" | "x-ms-dynamic-list" | "x-ms-dynamic-schema" | "x-ms-dynamic-properties" | "x-ms-dynamic-tree" => {
                Self::X_MS_DYNAMIC
            }
            _ if UNSUPPORTED_KEYWORDS.contains(&key) => Self::UNSUPPORTED,
            _ => Self(0),
        }
    }

    /// Whether any of `keywords` is here.
    pub fn any(self, keywords: Self) -> bool {
        self.0 & keywords.0 != 0
    }

    /// The index of each keyword of note in the set (below [`SchemaKeywords::COUNT`]), and
    /// whether that is all of it: [`SchemaKeywords::UNKNOWN`] is more.
    pub fn indices(self) -> (impl Iterator<Item = usize>, bool) {
        let known = (1u32 << Self::COUNT) - 1;
        let mut bits = self.0 & known;
        let each = std::iter::from_fn(move || {
            (bits != 0).then(|| {
                let index = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                index
            })
        });
        (each, self.0 & !known == 0)
    }
}

impl std::ops::BitOr for SchemaKeywords {
    type Output = Self;

    fn bitor(self, other: Self) -> Self {
        Self(self.0 | other.0)
    }
}

impl std::ops::BitOrAssign for SchemaKeywords {
    fn bitor_assign(&mut self, other: Self) {
        self.0 |= other.0;
    }
}

/// The members of a schema object that name or hold other schemas, found in one pass over its
/// members (the last of duplicate keys, as [`Node::get`] finds it): what the model's walk over
/// every schema and the rules that expand schemas (their size, their depth) follow.
#[derive(Debug, Clone, Copy, Default)]
pub struct SchemaParts<'a> {
    pub reference: Option<&'a Node<'a>>,
    pub properties: Option<&'a Node<'a>>,
    pub items: Option<&'a Node<'a>>,
    pub additional_properties: Option<&'a Node<'a>>,
    pub all_of: Option<&'a Node<'a>>,
    pub any_of: Option<&'a Node<'a>>,
    pub one_of: Option<&'a Node<'a>>,
}

impl<'a> SchemaParts<'a> {
    /// The parts among `members`; `each_key` sees every member's key, for what else a caller
    /// sorts out in the same pass (the model, a schema's [`SchemaKeywords`]).
    #[inline]
    pub fn of(members: &'a [Member<'a>], mut each_key: impl FnMut(&str)) -> Self {
        let mut parts = Self::default();
        for m in members {
            let key = &*m.key.text;
            each_key(key);
            let slot = match key {
                "$ref" => &mut parts.reference,
                "properties" => &mut parts.properties,
                "items" => &mut parts.items,
                "additionalProperties" => &mut parts.additional_properties,
                "allOf" => &mut parts.all_of,
                "anyOf" => &mut parts.any_of,
                "oneOf" => &mut parts.one_of,
                _ => continue,
            };
            *slot = Some(&m.value);
        }
        parts
    }

    /// Calls `visit` with each nested schema, in order: each property's (with its name), the
    /// items (one schema or each of a list), `additionalProperties`, then the parts of `allOf`,
    /// `anyOf` and `oneOf`, until it breaks. Values that are not objects
    /// (`"additionalProperties": false`) are among them. A loop over each part rather than an
    /// iterator: a chain of iterators over the parts took 1% more of all instructions.
    pub fn try_each_nested<B>(self, mut visit: impl FnMut(&'a Node<'a>, Option<&'a Key<'a>>) -> ControlFlow<B>) -> ControlFlow<B> {
        for m in self.properties.and_then(Node::as_object).unwrap_or_default() {
            visit(&m.value, Some(&m.key))?;
        }
        if let Some(items) = self.items {
            for item in items.as_array().unwrap_or(std::slice::from_ref(items)) {
                visit(item, None)?;
            }
        }
        if let Some(extra) = self.additional_properties {
            visit(extra, None)?;
        }
        for list in [self.all_of, self.any_of, self.one_of] {
            for part in list.and_then(Node::as_array).unwrap_or_default() {
                visit(part, None)?;
            }
        }
        ControlFlow::Continue(())
    }

    /// [`SchemaParts::try_each_nested`], to the end.
    pub fn each_nested(self, mut visit: impl FnMut(&'a Node<'a>, Option<&'a Key<'a>>)) {
        let _ = self.try_each_nested(|node, name| {
            visit(node, name);
            ControlFlow::<()>::Continue(())
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_name_their_keywords_case_sensitively() {
        use SchemaKeywords as K;
        for keyword in UNSUPPORTED_KEYWORDS {
            assert_eq!(SchemaKeywords::of_key(keyword), K::UNSUPPORTED, "{keyword}");
        }
        for bound in ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minItems", "maxItems", "minLength", "maxLength"] {
            assert_eq!(SchemaKeywords::of_key(bound), K::BOUNDS, "{bound}");
        }
        for dynamic in ["x-ms-dynamic-values", "x-ms-dynamic-list", "x-ms-dynamic-schema", "x-ms-dynamic-properties", "x-ms-dynamic-tree"] {
            assert_eq!(SchemaKeywords::of_key(dynamic), K::X_MS_DYNAMIC, "{dynamic}");
        }
        assert_eq!(SchemaKeywords::of_key("x-ms-dynamic-value"), SchemaKeywords::default(), "not a dynamic extension");
        assert_eq!(SchemaKeywords::of_key("Type"), SchemaKeywords::default(), "keywords are case-sensitive");
        assert!([K::TYPE, K::PATTERN, K::X_MS_ENUM_VALUES].iter().all(|&k| K::UNKNOWN.any(k)), "unknown keywords may be any");
        let (indices, complete) = (K::TYPE | K::X_MS_DYNAMIC | K::ENUM).indices();
        assert_eq!((indices.collect::<Vec<_>>(), complete), (vec![0, 2, 15], true), "type, enum and the dynamic extensions");
        let (indices, complete) = K::UNKNOWN.indices();
        assert_eq!((indices.count(), complete), (K::COUNT, false));
        assert_eq!(K::default().indices().0.count(), 0);
    }
}
