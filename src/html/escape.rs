//! Text from a dossier is data, never markup: maud escapes `& < > "` in every
//! interpolation; this file adds what HTML escaping does not cover.
//!
//! - Control characters (an ANSI `ESC [31m`, a NUL) and bidirectional overrides
//!   (U+202E turns "txt.exe" into "exe.txt" on screen) are shown as visible `⟨U+202E⟩`
//!   tokens, so a hostile id can neither hide nor reorder text around it.
//! - Ids become fragment anchors through an injective encoding into `[A-Za-z0-9_-]`, so
//!   any id, spaces and quotes included, gives a valid, unique `id` attribute.

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether a character must not reach the page as itself.
fn is_unsafe(c: char) -> bool {
    c.is_control() && c != '\n' && c != '\t'
        || matches!(
            c,
            '\u{061C}'             // Arabic letter mark
            | '\u{200B}'..='\u{200F}' // zero-width spaces and joiners, LRM, RLM
            | '\u{2028}'..='\u{202E}' // separators, embeddings and overrides
            | '\u{2060}'..='\u{2069}' // word joiner, invisible operators, isolates
            | '\u{FEFF}'           // zero-width no-break space
        )
}

/// `s` with every control, invisible or bidirectional-formatting character replaced by a
/// visible `⟨U+XXXX⟩` token. Borrowed when there is nothing to replace (the usual case).
pub(crate) fn clean(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if is_unsafe(c) {
            let _ = write!(out, "⟨U+{:04X}⟩", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A fragment id for an item: `prefix` then `raw` with every byte outside
/// `[A-Za-z0-9-]` written as `_XX` (hex). Injective for a fixed prefix.
pub(crate) fn anchor(prefix: &str, raw: &str) -> String {
    let mut out = String::with_capacity(prefix.len() + raw.len() + 1);
    out.push_str(prefix);
    out.push('-');
    for b in raw.bytes() {
        if b.is_ascii_alphanumeric() || b == b'-' {
            out.push(b as char);
        } else {
            let _ = write!(out, "_{b:02X}");
        }
    }
    out
}

/// The fragment id of a statement.
pub(crate) fn statement_anchor(id: &str) -> String {
    anchor("s", id)
}

/// The fragment id of a claim.
pub(crate) fn claim_anchor(id: &str) -> String {
    anchor("c", id)
}

/// The fragment id of a figure (by its key's text).
pub(crate) fn figure_anchor(key: &str) -> String {
    anchor("f", key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_makes_controls_and_overrides_visible() {
        assert!(matches!(clean("at least 49"), Cow::Borrowed(_)));
        assert_eq!(clean("a\u{1b}[31mb"), "a⟨U+001B⟩[31mb");
        assert_eq!(clean("x\u{202E}yz"), "x⟨U+202E⟩yz");
        assert_eq!(clean("\u{2066}i\u{2069}"), "⟨U+2066⟩i⟨U+2069⟩");
    }

    #[test]
    fn anchors_are_injective_and_plain() {
        assert_eq!(statement_anchor("am-losses"), "s-am-losses");
        assert_eq!(claim_anchor("<x y>"), "c-_3Cx_20y_3E");
        assert_ne!(anchor("s", "a_20"), anchor("s", "a "));
        assert!(
            anchor("s", "\"'\u{202E}")
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        );
    }
}
