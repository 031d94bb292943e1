//! Numbers in decimal without the formatting machinery: the outputs'
//! tables hold thousands of them.

/// `n` in decimal, written into the end of `digits`.
pub(crate) fn decimal(mut n: usize, digits: &mut [u8; 20]) -> &str {
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + u8::try_from(n % 10).unwrap_or(0);
        n /= 10;
        if n == 0 {
            break;
        }
    }
    std::str::from_utf8(&digits[at..]).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn numbers_are_their_decimal_text() {
        for n in [0, 7, 10, 409, 65_535, usize::MAX] {
            assert_eq!(super::decimal(n, &mut [0; 20]), n.to_string());
        }
    }
}
