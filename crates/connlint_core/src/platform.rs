//! Facts about Power Platform that more than one layer needs: the converter avoids what the
//! rules report, so both read the same lists from here.

/// Header names the platform sets itself, so a connector cannot declare them as parameters.
/// Microsoft does not publish its list; this one is inferred (the catalog's candidates plus the
/// HTTP hop-by-hop headers). None of them is declared as a header parameter in the certified
/// corpus except `Content-Length`, once.
pub const RESERVED_HEADERS: &[&str] = &[
    "Authorization",
    "Proxy-Authorization",
    "Host",
    "Content-Length",
    "Connection",
    "Transfer-Encoding",
    "Keep-Alive",
    "Upgrade",
    "Expect",
    "TE",
];

/// Characters an operation's `summary` may not contain.
pub const SUMMARY_RESTRICTED_CHARACTERS: [char; 8] = ['/', '\\', '<', '>', '*', '%', '&', '?'];
