//! The server's stdio transport. lsp-server's own stops reading at the first message whose body
//! is not JSON-RPC; this one skips such a message (its `Content-Length` framing keeps the stream
//! in step), tells the client through `window/logMessage`, and reads on, so that one bad message
//! does not end an editor's session.

use crossbeam_channel::{bounded, Receiver, Sender};
use lsp_server::{Message, Notification};
use lsp_types::notification::{LogMessage, Notification as _};
use lsp_types::{LogMessageParams, MessageType};
use std::io::{self, BufRead, Write};
use std::thread::JoinHandle;

/// The reader and writer threads of a stdio connection.
pub struct StdioThreads {
    reader: JoinHandle<()>,
    writer: JoinHandle<io::Result<()>>,
}

impl StdioThreads {
    /// Waits for the writer to flush what the server sent. The reader is left to end with the
    /// process: it may be blocked on a standard input that the client keeps open.
    pub fn join_writer(self) -> io::Result<()> {
        drop(self.reader);
        self.writer.join().unwrap_or_else(|_| Err(io::Error::other("the writer thread panicked")))
    }
}

/// Channels to and from the client over standard input and output.
pub fn stdio() -> (Sender<Message>, Receiver<Message>, StdioThreads) {
    let (to_client, outgoing) = bounded::<Message>(0);
    let (incoming, from_client) = bounded::<Message>(0);
    let writer = std::thread::spawn(move || {
        let stdout = io::stdout();
        let mut stdout = stdout.lock();
        for message in outgoing {
            message.write(&mut stdout)?;
        }
        stdout.flush()
    });
    let reader_log = to_client.clone();
    let reader = std::thread::spawn(move || {
        let stdin = io::stdin();
        read_messages(&mut stdin.lock(), &incoming, &reader_log);
    });
    (to_client, from_client, StdioThreads { reader, writer })
}

/// Reads messages until the input ends, `exit` arrives, or the server stops listening.
pub fn read_messages(input: &mut impl BufRead, incoming: &Sender<Message>, to_client: &Sender<Message>) {
    loop {
        match Message::read(input) {
            Ok(None) => return,
            Ok(Some(message)) => {
                let is_exit = matches!(&message, Message::Notification(n) if n.method == "exit");
                if incoming.send(message).is_err() || is_exit {
                    return;
                }
            }
            // A body that is not a JSON-RPC message, or a broken header line: the rest of the
            // stream can still be read.
            Err(error) if error.kind() == io::ErrorKind::InvalidData => {
                let params = LogMessageParams {
                    typ: MessageType::ERROR,
                    message: format!("connlint: skipped a malformed message: {}", shorten(&error.to_string())),
                };
                let _ = to_client.send(Message::Notification(Notification::new(LogMessage::METHOD.to_string(), params)));
            }
            Err(_) => return,
        }
    }
}

fn shorten(text: &str) -> String {
    match text.char_indices().nth(200) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_string(),
    }
}
