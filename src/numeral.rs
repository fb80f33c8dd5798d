//! Numbers as reports write them in words: "three", "forty-two", "a hundred", "two
//! dozen", "three thousand five hundred", "1.2 million", "2.5 thousand". Input is
//! already lower-case with single spaces ([`crate::estimate`] normalises it).
//!
//! Grammar: an optional leading `a` or digits (with a decimal point only before a scale
//! word), then number words in English order: units after tens ("forty two", also
//! "forty-two"), `hundred` after a unit, `dozen` after a unit or `a`, scale words
//! (`thousand`, `million`, `billion`) after any of those, `and` after `hundred` or a
//! scale. Anything else is not a numeral, so "two three" or "25 70" are refused.

const UNITS: [&str; 10] = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
];
const TEENS: [&str; 10] = [
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: [&str; 8] = [
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

#[derive(Clone, Copy, PartialEq, Eq)]
enum Last {
    Start,
    A,
    Digits,
    Unit,
    Teen,
    Ten,
    Hundred,
    Dozen,
    Scale,
    And,
}

/// The value of a numeral in words, or `None` when `s` is not one (or overflows `u64`).
/// A plain digit string is not a numeral here: the estimate parser reads those itself.
pub(crate) fn parse(s: &str) -> Option<u64> {
    let tokens: Vec<&str> = s.split([' ', '-']).filter(|t| !t.is_empty()).collect();
    if tokens.is_empty() || (tokens.len() == 1 && tokens[0].bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let (mut total, mut current) = (0u64, 0u64);
    // Digits with a decimal part, kept as (whole, fraction digits) until a scale word.
    let mut decimal: Option<(u64, &str)> = None;
    let mut last = Last::Start;
    for (i, &t) in tokens.iter().enumerate() {
        if let Some(v) = UNITS.iter().position(|w| *w == t) {
            if !matches!(
                last,
                Last::Start | Last::Ten | Last::Hundred | Last::Scale | Last::And
            ) {
                return None;
            }
            current = current.checked_add(v as u64)?;
            last = Last::Unit;
        } else if let Some(v) = TEENS.iter().position(|w| *w == t) {
            if !matches!(last, Last::Start | Last::Hundred | Last::Scale | Last::And) {
                return None;
            }
            current = current.checked_add(10 + v as u64)?;
            last = Last::Teen;
        } else if let Some(v) = TENS.iter().position(|w| *w == t) {
            if !matches!(last, Last::Start | Last::Hundred | Last::Scale | Last::And) {
                return None;
            }
            current = current.checked_add(20 + 10 * v as u64)?;
            last = Last::Ten;
        } else if t == "a" {
            if last != Last::Start {
                return None;
            }
            current = 1;
            last = Last::A;
        } else if t == "and" {
            if !matches!(last, Last::Hundred | Last::Scale) {
                return None;
            }
            last = Last::And;
        } else if t == "hundred" || t == "dozen" {
            if !matches!(
                last,
                Last::A | Last::Unit | Last::Teen | Last::Ten | Last::Digits
            ) || decimal.is_some()
            {
                return None;
            }
            let factor = if t == "hundred" { 100 } else { 12 };
            current = current.checked_mul(factor)?;
            last = if t == "hundred" {
                Last::Hundred
            } else {
                Last::Dozen
            };
        } else if let Some(scale) = match t {
            "thousand" => Some(1_000u64),
            "million" => Some(1_000_000),
            "billion" => Some(1_000_000_000),
            _ => None,
        } {
            if matches!(last, Last::Start | Last::Scale | Last::And) {
                return None;
            }
            let value = match decimal.take() {
                Some((whole, frac)) => scaled(whole, frac, scale)?,
                None => current.checked_mul(scale)?,
            };
            total = total.checked_add(value)?;
            current = 0;
            last = Last::Scale;
        } else if i == 0 && is_digits(t) {
            match t.split_once('.') {
                Some((w, f)) => decimal = Some((w.parse().ok()?, f)),
                None => current = t.replace(',', "").parse().ok()?,
            }
            last = Last::Digits;
        } else {
            return None;
        }
    }
    // Digits stand alone only before a scale, "hundred" or "dozen".
    if decimal.is_some() || last == Last::Digits || last == Last::A || last == Last::And {
        return None;
    }
    total.checked_add(current)
}

/// Digits with optional comma groups, or one decimal point.
fn is_digits(t: &str) -> bool {
    let mut dots = 0;
    !t.is_empty()
        && t.bytes().all(|b| match b {
            b'.' => {
                dots += 1;
                dots == 1
            }
            b',' => true,
            _ => b.is_ascii_digit(),
        })
        && t.bytes().next().is_some_and(|b| b.is_ascii_digit())
        && t.bytes().last().is_some_and(|b| b.is_ascii_digit())
}

/// `whole.frac × scale`, when that is a whole number ("1.2 million"; not "1.2345 thousand").
fn scaled(whole: u64, frac: &str, scale: u64) -> Option<u64> {
    if frac.is_empty() || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let denom = 10u64.checked_pow(u32::try_from(frac.len()).ok()?)?;
    let f: u64 = frac.parse().ok()?;
    let frac_part = f.checked_mul(scale)?;
    if frac_part % denom != 0 {
        return None;
    }
    whole.checked_mul(scale)?.checked_add(frac_part / denom)
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn words_and_scales() {
        for (s, n) in [
            ("three", 3),
            ("forty-two", 42),
            ("forty two", 42),
            ("a hundred", 100),
            ("one hundred and five", 105),
            ("two dozen", 24),
            ("a dozen", 12),
            ("three thousand five hundred", 3500),
            ("1.2 million", 1_200_000),
            ("2 million", 2_000_000),
            ("2.5 thousand", 2500),
            ("twelve", 12),
            ("nineteen hundred", 1900),
        ] {
            assert_eq!(parse(s), Some(n), "{s}");
        }
    }

    #[test]
    fn not_numerals() {
        for s in [
            "",
            "50",
            "two three",
            "25 70",
            "forty fifty",
            "1.2",
            "1.23456 thousand",
            "and",
            "a",
            "hundred and",
            "18446744073709551615 thousand",
        ] {
            assert_eq!(parse(s), None, "{s}");
        }
    }
}
