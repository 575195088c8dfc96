//! JSON Lines output: one object per diagnostic (`"type": "diagnostic"`), then a summary object
//! (`"type": "summary"`). Lines and columns are 1-based.

use serde::Serialize;

use super::{Diagnostic, Summary};

#[derive(Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum Message<'a> {
    Diagnostic {
        #[serde(flatten)]
        diagnostic: &'a Diagnostic,
        name: &'static str,
    },
    Summary(&'a Summary),
}

/// Renders diagnostics and the summary as JSON Lines.
pub fn render(diagnostics: &[Diagnostic], summary: &Summary) -> String {
    let mut out = String::new();
    for d in diagnostics {
        // A confidential finding (M213) names its place by line and column only: its pointer
        // would spell out the name of the field that holds the note.
        let redacted;
        let diagnostic = if d.code.is_confidential() && d.pointer.is_some() {
            redacted = Diagnostic {
                pointer: None,
                ..d.clone()
            };
            &redacted
        } else {
            d
        };
        push(
            &mut out,
            &Message::Diagnostic {
                diagnostic,
                name: d.code.name(),
            },
        );
    }
    push(&mut out, &Message::Summary(summary));
    out
}

fn push(out: &mut String, message: &Message<'_>) {
    // Serialising these plain structs cannot fail; an empty line would be the only symptom.
    out.push_str(&serde_json::to_string(message).unwrap_or_default());
    out.push('\n');
}
