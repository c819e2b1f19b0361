//! Printing an output tree as JSON: two-space indent, members in the tree's order, a newline at
//! the end (the layout of the files in Microsoft's connector repository).

use crate::json::owned::{Member, Node, Value};
use crate::json::push_string;
use std::fmt::Write;

/// The JSON text of `node`.
pub fn to_json(node: &Node) -> String {
    let mut out = String::new();
    // Iterative, so no input depth can overflow the stack: each frame is a container and how
    // many of its children were written.
    enum Frame<'n> {
        Array(&'n [Node], usize),
        Object(&'n [Member], usize),
    }
    let mut stack: Vec<Frame<'_>> = Vec::new();
    let indent = |out: &mut String, depth: usize| {
        out.push('\n');
        for _ in 0..depth {
            out.push_str("  ");
        }
    };
    let mut next = Some(node);
    loop {
        if let Some(node) = next.take() {
            match &node.value {
                Value::Null => out.push_str("null"),
                Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
                Value::Number(n) => write_number(&mut out, n.value, n.is_integer),
                Value::String(s) => push_string(&mut out, s),
                Value::Array(items) if items.is_empty() => out.push_str("[]"),
                Value::Object(members) if members.is_empty() => out.push_str("{}"),
                Value::Array(items) => {
                    out.push('[');
                    stack.push(Frame::Array(items, 0));
                }
                Value::Object(members) => {
                    out.push('{');
                    stack.push(Frame::Object(members, 0));
                }
            }
        }
        let depth = stack.len();
        let Some(top) = stack.last_mut() else { break };
        match top {
            Frame::Array(items, i) => {
                if *i < items.len() {
                    if *i > 0 {
                        out.push(',');
                    }
                    indent(&mut out, depth);
                    next = Some(&items[*i]);
                    *i += 1;
                } else {
                    stack.pop();
                    indent(&mut out, depth - 1);
                    out.push(']');
                }
            }
            Frame::Object(members, i) => {
                if *i < members.len() {
                    if *i > 0 {
                        out.push(',');
                    }
                    indent(&mut out, depth);
                    push_string(&mut out, &members[*i].key.text);
                    out.push_str(": ");
                    next = Some(&members[*i].value);
                    *i += 1;
                } else {
                    stack.pop();
                    indent(&mut out, depth - 1);
                    out.push('}');
                }
            }
        }
    }
    out.push('\n');
    out
}

fn write_number(out: &mut String, value: f64, is_integer: bool) {
    if !value.is_finite() {
        // YAML's `.inf` and `.nan` have no JSON form.
        out.push_str("null");
    } else if is_integer && value.abs() < 9_007_199_254_740_992.0 {
        let _ = write!(out, "{}", value as i64);
    } else {
        let _ = write!(out, "{value}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_through_the_reader() {
        let text = "{\n  \"a\": [\n    1,\n    2.5,\n    \"x\\\"\\n\\u0001\"\n  ],\n  \"b\": {},\n  \"c\": [],\n  \"d\": null,\n  \"e\": true\n}\n";
        let root = crate::json::parse(text).root.unwrap();
        assert_eq!(to_json(&root), text);
    }

    #[test]
    fn deep_trees_are_written_without_recursion() {
        let mut node = Node { span: Default::default(), value: Value::Null };
        for _ in 0..2_000 {
            node = Node { span: Default::default(), value: Value::Array(vec![node]) };
        }
        // A recursive writer needs far more than 64 KiB of stack for 2,000 levels.
        let written = std::thread::Builder::new()
            .stack_size(64 * 1024)
            .spawn(move || (to_json(&node).matches('[').count(), node))
            .unwrap()
            .join()
            .unwrap();
        assert_eq!(written.0, 2_000);
    }
}
