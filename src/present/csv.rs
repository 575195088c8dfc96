//! CSV fields (RFC 4180) for the CSV renderers of `mentor status` and `mentor due`. Formatting
//! only: no records, no rules, no I/O.

/// One CSV field, quoted when it holds a comma, a quote, a line break, or leading or trailing
/// spaces; quotes inside are doubled (RFC 4180).
///
/// A field that a spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`, a tab
/// or a carriage return, as a name or message taken from the records may) gets a leading `'`
/// first, so it opens as text (OWASP's advice against CSV injection). Status produces no
/// negative numbers, and dates start with a digit, so no real value is changed.
pub fn csv_field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{value}"))
    } else {
        std::borrow::Cow::Borrowed(value)
    };
    let needs_quotes =
        value.contains([',', '"', '\n', '\r']) || value.starts_with(' ') || value.ends_with(' ');
    if needs_quotes {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value.into_owned()
    }
}

#[cfg(test)]
mod tests {
    use test_case::test_case;

    use super::*;

    #[test_case("plain", "plain"; "plain text")]
    #[test_case("a, b", "\"a, b\""; "comma")]
    #[test_case("say \"hi\"", "\"say \"\"hi\"\"\""; "quotes doubled")]
    #[test_case("two\nlines", "\"two\nlines\""; "line break")]
    #[test_case(" padded", "\" padded\""; "leading space")]
    #[test_case("", ""; "empty")]
    #[test_case("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""; "formula")]
    #[test_case("=1+1", "'=1+1"; "equals")]
    #[test_case("+1", "'+1"; "plus")]
    #[test_case("-2+3", "'-2+3"; "minus")]
    #[test_case("@SUM(A1)", "'@SUM(A1)"; "at")]
    #[test_case("\t=1", "'\t=1"; "tab")]
    #[test_case("\r=1", "\"'\r=1\""; "carriage return, quoted")]
    #[test_case("=a, b", "\"'=a, b\""; "formula with a comma, quoted")]
    #[test_case("a=b-c", "a=b-c"; "operators inside are text")]
    #[test_case("2026-01-01", "2026-01-01"; "date")]
    fn quotes_csv_fields(value: &str, expected: &str) {
        assert_eq!(csv_field(value), expected);
    }
}
