//! Finds where a JSON path (`statements[0].claims[1].event`) sits in a JSON text, so
//! validation problems, which know only their path, can be reported as `FILE:LINE:COL`.

/// One step of a path: an object key or an array index.
#[derive(Debug, PartialEq)]
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// Splits `a.b[2].c` into steps; `.` (the document itself) has none.
fn steps(path: &str) -> Vec<Step<'_>> {
    let mut out = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (key, mut rest) = match part.find('[') {
            Some(i) => part.split_at(i),
            None => (part, ""),
        };
        if !key.is_empty() {
            out.push(Step::Key(key));
        }
        while let Some(close) = rest.find(']') {
            if let Ok(i) = rest[1..close].parse() {
                out.push(Step::Index(i));
            }
            rest = &rest[close + 1..];
        }
    }
    out
}

/// The 1-based line and column (in characters) of the value at `path`, or of the deepest
/// part of the path that exists (a missing field is reported at its object).
pub fn locate(text: &str, path: &str) -> (usize, usize) {
    let b = text.as_bytes();
    let mut pos = skip_ws(b, 0);
    for step in steps(path) {
        match find_step(b, pos, &step) {
            Some(p) => pos = p,
            None => break,
        }
    }
    line_col(text, pos)
}

/// The 1-based line and character column of byte offset `pos`.
fn line_col(text: &str, pos: usize) -> (usize, usize) {
    let before = text.get(..pos).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[start..].chars().count() + 1)
}

fn skip_ws(b: &[u8], mut pos: usize) -> usize {
    while pos < b.len() && b[pos].is_ascii_whitespace() {
        pos += 1;
    }
    pos
}

/// The end (one past the closing quote) of the string starting at `pos`.
fn skip_string(b: &[u8], mut pos: usize) -> usize {
    pos += 1;
    while pos < b.len() {
        match b[pos] {
            b'\\' => pos += 2,
            b'"' => return pos + 1,
            _ => pos += 1,
        }
    }
    b.len()
}

/// The end of the value starting at `pos`. Nesting is counted, not recursed into.
fn skip_value(b: &[u8], mut pos: usize) -> usize {
    let mut depth = 0usize;
    while pos < b.len() {
        match b[pos] {
            b'"' => {
                pos = skip_string(b, pos);
                if depth == 0 {
                    return pos;
                }
                continue;
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                if depth <= 1 {
                    return pos + 1;
                }
                depth -= 1;
            }
            b',' if depth == 0 => return pos,
            c if depth == 0 && c.is_ascii_whitespace() => return pos,
            _ => {}
        }
        pos += 1;
    }
    b.len()
}

/// The start of the member or element `step` of the container at `pos`.
fn find_step(b: &[u8], pos: usize, step: &Step<'_>) -> Option<usize> {
    let (open, close) = match step {
        Step::Key(_) => (b'{', b'}'),
        Step::Index(_) => (b'[', b']'),
    };
    if b.get(pos) != Some(&open) {
        return None;
    }
    let mut p = skip_ws(b, pos + 1);
    let mut index = 0;
    while p < b.len() && b[p] != close {
        if let Step::Key(want) = step {
            let end = skip_string(b, p);
            let key = b.get(p + 1..end.saturating_sub(1))?;
            p = skip_ws(b, end);
            if b.get(p) != Some(&b':') {
                return None;
            }
            p = skip_ws(b, p + 1);
            if key == want.as_bytes() {
                return Some(p);
            }
        } else if let Step::Index(want) = step {
            if index == *want {
                return Some(p);
            }
            index += 1;
        }
        p = skip_ws(b, skip_value(b, p));
        if b.get(p) == Some(&b',') {
            p = skip_ws(b, p + 1);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_nested_values_and_falls_back_to_the_deepest_found() {
        let text = "{\n  \"a\": [1, {\"b\": \"x,]\"}],\n  \"c\": {\"d\": 2}\n}";
        assert_eq!(locate(text, "a[1].b"), (2, 18));
        assert_eq!(locate(text, "c.d"), (3, 14));
        assert_eq!(locate(text, "c.missing"), (3, 8));
        assert_eq!(locate(text, "."), (1, 1));
    }

    #[test]
    fn never_panics_on_odd_text() {
        for text in ["", "{", "[\"", "{\"a\"", "{\"a\":[1,", "\u{e9}"] {
            let _ = locate(text, "a[3].b");
        }
    }
}
