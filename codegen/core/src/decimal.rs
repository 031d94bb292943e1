//! Numbers in decimal without the formatting machinery: the outputs'
//! tables hold thousands of them.

/// `n` in decimal, written into the end of `digits` (for the templates'
/// writers, which take a `&str`).
#[cfg(any(feature = "templates", test))]
pub(crate) fn decimal(n: usize, digits: &mut [u8; 20]) -> &str {
    let at = digits_of(n, digits);
    std::str::from_utf8(&digits[at..]).unwrap_or_default()
}

/// `n` in decimal, appended to `out`: a character a digit, without the
/// UTF-8 check [`decimal`]'s `&str` costs.
pub(crate) fn push_decimal(out: &mut String, n: usize) {
    let mut digits = [0; 20];
    let at = digits_of(n, &mut digits);
    for &digit in &digits[at..] {
        out.push(char::from(digit));
    }
}

/// Writes the ASCII digits of `n` into the end of `digits`; where they start.
fn digits_of(mut n: usize, digits: &mut [u8; 20]) -> usize {
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + u8::try_from(n % 10).unwrap_or(0);
        n /= 10;
        if n == 0 {
            break;
        }
    }
    at
}

#[cfg(test)]
mod tests {
    #[test]
    fn numbers_are_their_decimal_text() {
        for n in [0, 7, 10, 409, 65_535, usize::MAX] {
            assert_eq!(super::decimal(n, &mut [0; 20]), n.to_string());
            let mut out = "x".to_owned();
            super::push_decimal(&mut out, n);
            assert_eq!(out, format!("x{n}"));
        }
    }
}
