//! RFC 5322 messages for [`Notice`](super::Notice)s, built with `mail-builder` (the only module
//! that knows it): UTF-8 headers encoded as needed, a plain-text body, a `Message-ID` derived
//! from the notice (stable across runs), `X-Unsent: 1` so mail programs open the file as a
//! draft. Nothing is sent.

use mail_builder::MessageBuilder;
use mail_builder::headers::raw::Raw;

use super::Notice;

/// The notice as an `.eml` message with `subject` and plain-text `body`; `date` is the
/// message date in seconds since the Unix epoch. `None` when the recipient or the director has
/// no email address.
pub fn eml(notice: &Notice, subject: &str, body: &str, date: i64) -> Option<Vec<u8>> {
    let to = notice.to.email.clone()?;
    let from = notice.from.email.clone()?;
    let id = format!("{}.{}@mentor-records", notice.stem, notice.due);
    MessageBuilder::new()
        .from((notice.from.name.clone(), from))
        .to((notice.to.name.clone(), to))
        .subject(subject.to_owned())
        .message_id(id)
        .date(date)
        .header("X-Unsent", Raw::new("1"))
        .text_body(body.to_owned())
        .write_to_vec()
        .ok()
}
