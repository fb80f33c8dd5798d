//! Input echoed in error messages, cut to a short excerpt: a 100 MB phrase once gave
//! 200 MB of error text.

/// How many characters of echoed input an error keeps.
pub(crate) const EXCERPT_CHARS: usize = 64;

/// `s` itself when it has at most `max` characters, else its first `max` characters,
/// an ellipsis and its length: `"aaaa… (104857600 bytes)"`.
pub(crate) fn excerpt_of(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        None => s.to_owned(),
        Some((cut, _)) => format!("{}… ({} bytes)", &s[..cut], s.len()),
    }
}

/// [`excerpt_of`] at [`EXCERPT_CHARS`].
pub(crate) fn excerpt(s: &str) -> String {
    excerpt_of(s, EXCERPT_CHARS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_input_is_kept_and_long_input_is_cut_with_its_length() {
        assert_eq!(excerpt("at least 49"), "at least 49");
        let long = "é".repeat(100);
        let cut = excerpt(&long);
        assert!(cut.starts_with(&"é".repeat(64)));
        assert!(cut.ends_with("… (200 bytes)"), "{cut}");
        assert_eq!(excerpt(&"x".repeat(64)), "x".repeat(64));
    }
}
