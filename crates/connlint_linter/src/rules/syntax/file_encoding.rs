use crate::context::Context;
use crate::declare_rule;
use crate::rule::Rule;
use connlint_core::{Encoding, FileId, FileRole, Span};

declare_rule! {
    /// ## What it does
    /// Reports a connector file that is not UTF-8: either bytes that are not valid UTF-8 (the
    /// file was most likely saved as Windows-1252 or Latin-1) or a UTF-16 file. A UTF-8 byte
    /// order mark is accepted.
    ///
    /// ## Why is this bad?
    /// JSON must be exchanged as UTF-8 (RFC 8259), and paconn and Microsoft's pipeline read the
    /// files as UTF-8: accented letters, `©` or `™` saved in another encoding turn into
    /// replacement characters in titles and descriptions, or make the file unreadable. connlint
    /// reads such a file byte per character (Latin-1) so the other rules still run.
    ///
    /// ## Severity
    /// An error because Microsoft's tooling cannot read such a file. Reproduce: save a swagger
    /// whose title contains `é` as Latin-1 and run `paconn validate`; paconn decodes the file as
    /// UTF-8 and stops with a `UnicodeDecodeError` before anything is sent. Encoding damage in the
    /// pipeline: https://github.com/microsoft/PowerPlatformConnectors/pull/619.
    ///
    /// ## Example
    /// This file, saved in Windows-1252, stores `é` as the single byte `0xE9`, which is not UTF-8:
    /// ```json
    /// { "info": { "title": "Contoso", "description": "Café orders" } }
    /// ```
    /// Use instead: the same text saved as UTF-8, where `é` is the two bytes `0xC3 0xA9`:
    /// ```json
    /// { "info": { "title": "Contoso", "description": "Café orders" } }
    /// ```
    pub FileEncoding {
        id: "file-encoding",
        category: Syntax,
        severity: Error,
        profile: Base,
        ms_names: [],
        summary: "A connector file is not encoded as UTF-8",
        visits: [Connector],
    }
}

impl Rule for FileEncoding {
    fn check_connector(&self, cx: &mut Context<'_, '_>) {
        let connector = cx.connector();
        for (i, file) in connector.files.iter().enumerate() {
            if file.role == FileRole::Icon {
                continue;
            }
            let file_id = FileId(i as u32);
            match file.source.encoding() {
                Encoding::Utf8 | Encoding::Utf8Bom => {}
                Encoding::Latin1 { first_invalid } => {
                    let text = file.source.text();
                    // Every original byte became one character, so the byte offset in the
                    // original file is a character index in the decoded text.
                    let (span, byte) = match text.char_indices().nth(first_invalid as usize) {
                        Some((at, c)) => (Span::new(at as u32, (at + c.len_utf8()) as u32), format!(" (byte 0x{:02X})", c as u32)),
                        None => (Span::empty(text.len() as u32), String::new()),
                    };
                    cx.report(file_id, span, format!("this file is not valid UTF-8{byte}; connlint read it as Latin-1"))
                        .help("save it as UTF-8 (VS Code: \"Reopen with Encoding\" to find the right one, then \"Save with Encoding\")");
                }
                Encoding::Utf16 => {
                    cx.report(file_id, Span::empty(0), "this file is encoded as UTF-16; connector files must be UTF-8")
                        .help("save the file as UTF-8 (in VS Code: \"Save with Encoding\" → UTF-8)");
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::*;

    #[test]
    fn points_at_the_first_byte_that_is_not_utf8() {
        // Line 3 holds "Caf" then 0xE9; a second Latin-1 byte earlier on line 2 would be reported
        // first, so the fixture has one valid multi-byte character before the invalid byte.
        let bytes = b"{\n  \"title\": \"\xC2\xA9 Contoso\",\n  \"description\": \"Caf\xE9 \xE8\"\n}".to_vec();
        let c = TestConnector::default().file(FileRole::Swagger, "apiDefinition.swagger.json", &bytes);
        assert_eq!(messages(&FileEncoding, c), ["3:22 this file is not valid UTF-8 (byte 0xE9); connlint read it as Latin-1"]);
    }

    #[test]
    fn reports_latin1_in_the_script_too() {
        let c = swagger("{}").file(FileRole::Script, "script.csx", b"// \xA9 Contoso\nclass Script {}");
        assert_eq!(positions(&FileEncoding, c), ["script.csx:1:4"]);
    }

    #[test]
    fn reports_utf16_at_the_start() {
        let bytes: Vec<u8> = [0xFF, 0xFE].into_iter().chain("{\n}".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let c = TestConnector::default().with_api_properties("{}").file(FileRole::Swagger, "apiDefinition.swagger.json", &bytes);
        assert_eq!(messages(&FileEncoding, c), ["1:1 this file is encoded as UTF-16; connector files must be UTF-8"]);
    }

    #[test]
    fn accepts_utf8_with_and_without_bom() {
        let with_bom = b"\xEF\xBB\xBF{\"title\": \"Caf\xC3\xA9 \xE2\x84\xA2\"}";
        let c =
            TestConnector::default().file(FileRole::Swagger, "apiDefinition.swagger.json", with_bom).with_api_properties("{\"a\": \"é\"}");
        assert_silent(&FileEncoding, c);
    }

    #[test]
    fn ignores_the_icon() {
        assert_silent(&FileEncoding, swagger("{}").file(FileRole::Icon, "icon.png", b"\x89PNG\r\n\x1a\n\xFF\xFE"));
    }
}
