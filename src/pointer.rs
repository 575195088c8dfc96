//! JSON Pointers (RFC 6901) as the diagnostics use them: `/meetings/2/date` names a field of a
//! record's front matter. Owns the escaping of one reference token (`~` as `~0`, `/` as `~1`)
//! and its inverse, so that the YAML span index, the schema validator and the rules that name a
//! field build and read pointers the same way.
//!
//! A leaf: text in, text out; uses no other module.

/// Escapes a key for a JSON Pointer (`~` -> `~0`, `/` -> `~1`).
pub fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// The key an escaped reference token stands for (`~1` -> `/`, `~0` -> `~`): the inverse of
/// [`escape`].
pub fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

#[cfg(test)]
mod tests {
    use test_case::test_case;

    use super::*;

    #[test_case("date", "date"; "plain")]
    #[test_case("a/b", "a~1b"; "slash")]
    #[test_case("a~b", "a~0b"; "tilde")]
    #[test_case("~1", "~01"; "an escape sequence stays literal")]
    fn escapes_and_unescapes_a_key(key: &str, token: &str) {
        assert_eq!(escape(key), token);
        assert_eq!(unescape(token), key);
    }
}
