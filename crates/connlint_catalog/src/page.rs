//! Apideck's response envelopes, and pages of records with opaque cursors.
//!
//! A cursor names the id of a page's first record (base64url of `c1:` and the id). Records are
//! sorted by id, so a page is "the next `limit` matching records whose id is at or after the
//! cursor's": the same cursor gives the same page while the files do not change, and after a
//! change it still starts where it did (no record is skipped or repeated because another was
//! added or removed before it).

use crate::record::ConnectorRecord;
use base64::Engine as _;
use serde::Serialize;

/// The smallest, default and largest `limit`.
pub const MIN_LIMIT: usize = 1;
pub const DEFAULT_LIMIT: usize = 20;
pub const MAX_LIMIT: usize = 200;

const CURSOR_PREFIX: &str = "c1:";

/// `GET /connector/connectors`: `{status_code, status, data, meta, links}`.
#[derive(Debug, Serialize)]
pub struct ListEnvelope<'r> {
    pub status_code: u16,
    pub status: &'static str,
    pub data: Vec<&'r ConnectorRecord>,
    pub meta: Meta,
    pub links: Links,
}

#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Meta {
    pub items_on_page: usize,
    pub cursors: Cursors,
}

#[derive(Debug, Default, Serialize, PartialEq, Eq)]
pub struct Cursors {
    pub previous: Option<String>,
    pub current: Option<String>,
    pub next: Option<String>,
}

/// The URLs of the previous, current and next pages.
#[derive(Debug, Default, Serialize, PartialEq, Eq)]
pub struct Links {
    pub previous: Option<String>,
    pub current: Option<String>,
    pub next: Option<String>,
}

/// `GET /connector/connectors/{id}`: `{status_code, status, data}`.
#[derive(Debug, Serialize)]
pub struct GetEnvelope<'r> {
    pub status_code: u16,
    pub status: &'static str,
    pub data: &'r ConnectorRecord,
}

impl<'r> GetEnvelope<'r> {
    pub fn new(record: &'r ConnectorRecord) -> Self {
        GetEnvelope { status_code: 200, status: "OK", data: record }
    }
}

/// Every record on one page, with no cursors: the command line's list.
pub fn whole_list<'r>(records: Vec<&'r ConnectorRecord>) -> ListEnvelope<'r> {
    ListEnvelope {
        status_code: 200,
        status: "OK",
        meta: Meta { items_on_page: records.len(), cursors: Cursors::default() },
        data: records,
        links: Links::default(),
    }
}

/// Why a page cannot be given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageError {
    /// `limit` is not a whole number from 1 to 200.
    Limit(String),
    /// The cursor was not made by this catalog.
    Cursor(String),
}

impl std::fmt::Display for PageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PageError::Limit(text) => write!(f, "limit must be a whole number from {MIN_LIMIT} to {MAX_LIMIT}, not `{text}`"),
            PageError::Cursor(text) => write!(f, "`{text}` is not a cursor of this catalog"),
        }
    }
}

/// `limit` from a query string; absent is the default (20).
pub fn parse_limit(text: Option<&str>) -> Result<usize, PageError> {
    match text {
        None => Ok(DEFAULT_LIMIT),
        Some(t) => t.parse::<usize>().ok().filter(|n| (MIN_LIMIT..=MAX_LIMIT).contains(n)).ok_or_else(|| PageError::Limit(t.to_string())),
    }
}

/// The cursor of the page that starts at `id`.
pub fn cursor_for(id: &str) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{CURSOR_PREFIX}{id}"))
}

/// The id a cursor names.
pub fn decode_cursor(cursor: &str) -> Result<String, PageError> {
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(cursor).map_err(|_| PageError::Cursor(cursor.to_string()))?;
    String::from_utf8(bytes)
        .ok()
        .and_then(|text| text.strip_prefix(CURSOR_PREFIX).map(String::from))
        .ok_or_else(|| PageError::Cursor(cursor.to_string()))
}

/// One page of `matching` (sorted by id): up to `limit` records from the cursor's id on, with
/// the cursors of this page and of its neighbours. `link` makes a page's URL from its cursor.
pub fn page<'r>(
    matching: &[&'r ConnectorRecord],
    cursor: Option<&str>,
    limit: usize,
    link: impl Fn(&str) -> String,
) -> Result<ListEnvelope<'r>, PageError> {
    let start = match cursor {
        None => 0,
        Some(c) => {
            let id = decode_cursor(c)?;
            matching.partition_point(|r| r.id.as_str() < id.as_str())
        }
    };
    let end = (start + limit).min(matching.len());
    let data: Vec<&ConnectorRecord> = matching[start..end].to_vec();
    let cursor_at = |index: usize| matching.get(index).map(|r| cursor_for(&r.id));
    let cursors = Cursors {
        previous: (start > 0).then(|| cursor_at(start.saturating_sub(limit))).flatten(),
        current: cursor_at(start),
        next: cursor_at(end),
    };
    let links = Links {
        previous: cursors.previous.as_deref().map(&link),
        current: cursors.current.as_deref().map(&link),
        next: cursors.next.as_deref().map(&link),
    };
    Ok(ListEnvelope { status_code: 200, status: "OK", meta: Meta { items_on_page: data.len(), cursors }, data, links })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_and_cursors() {
        assert_eq!(parse_limit(None), Ok(20));
        assert_eq!(parse_limit(Some("200")), Ok(200));
        assert_eq!(parse_limit(Some("0")), Err(PageError::Limit("0".into())));
        assert_eq!(parse_limit(Some("201")), Err(PageError::Limit("201".into())));
        assert_eq!(parse_limit(Some("ten")), Err(PageError::Limit("ten".into())));
        assert_eq!(parse_limit(Some("-1")), Err(PageError::Limit("-1".into())));
        let cursor = cursor_for("certified-connectors+office-365-outlook");
        assert_eq!(decode_cursor(&cursor).as_deref(), Ok("certified-connectors+office-365-outlook"));
        assert_eq!(decode_cursor("not a cursor"), Err(PageError::Cursor("not a cursor".into())));
        // Valid base64url, but not one of ours.
        assert_eq!(decode_cursor("aGVsbG8"), Err(PageError::Cursor("aGVsbG8".into())));
    }
}
