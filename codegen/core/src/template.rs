//! Message templates: `Illegal state: {{Error Message}}`.
//!
//! A placeholder is `{{`, a name, `}}`. A `{{` with no closing `}}` is
//! literal text. Names are trimmed; an empty name is still reported as a
//! placeholder so that the lowering can diagnose it.

/// A piece of a template, borrowing from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Piece<'a> {
    /// Literal text.
    Literal(&'a str),
    /// A placeholder: its trimmed name, and its whole text as written
    /// (`{{ Name }}`), braces included.
    Placeholder { name: &'a str, raw: &'a str },
}

/// Splits `template` into literal text and placeholders, in order (an
/// iterator: no allocation per template).
pub(crate) fn split(template: &str) -> Pieces<'_> {
    Pieces { template, rest: 0, search: 0, pending: None }
}

/// The pieces of a template, as [`split`] yields them.
pub(crate) struct Pieces<'a> {
    template: &'a str,
    /// Where the literal text not yet yielded starts.
    rest: usize,
    /// Where the search for the next `{{` starts; past the end once no
    /// placeholder is left.
    search: usize,
    /// A placeholder to yield after the literal text before it.
    pending: Option<Piece<'a>>,
}

impl<'a> Iterator for Pieces<'a> {
    type Item = Piece<'a>;

    fn next(&mut self) -> Option<Piece<'a>> {
        if let Some(piece) = self.pending.take() {
            return Some(piece);
        }
        let t = self.template;
        while let Some(open) = t.get(self.search..).and_then(|from| pair(from, b'{')).map(|i| i + self.search) {
            let Some(close) = pair(&t[open + 2..], b'}').map(|i| i + open + 2) else {
                break;
            };
            let inner = &t[open + 2..close];
            if pair(inner, b'{').is_some() {
                // `{{ {{name}}`: the inner pair is the placeholder.
                self.search = open + 2 + inner.rfind("{{").unwrap_or(0);
                continue;
            }
            let placeholder = Piece::Placeholder { name: inner.trim(), raw: &t[open..close + 2] };
            let literal = self.rest;
            self.rest = close + 2;
            self.search = self.rest;
            if literal < open {
                self.pending = Some(placeholder);
                return Some(Piece::Literal(&t[literal..open]));
            }
            return Some(placeholder);
        }
        self.search = usize::MAX;
        if self.rest < t.len() {
            let literal = self.rest;
            self.rest = t.len();
            return Some(Piece::Literal(&t[literal..]));
        }
        None
    }
}

/// Where the ASCII byte `c` first appears twice in a row in `text` (`{{`,
/// `}}`). A loop over the bytes by index: an ASCII byte is never part of
/// another character in UTF-8, templates are short, and where a build
/// script runs unoptimised a `str` search costs layers of calls.
fn pair(text: &str, c: u8) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = 0;
    while at + 1 < bytes.len() {
        if bytes[at] == c && bytes[at + 1] == c {
            return Some(at);
        }
        at += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::Piece;

    fn split(template: &str) -> Vec<Piece<'_>> {
        super::split(template).collect()
    }

    #[test]
    fn splits_placeholders() {
        assert_eq!(
            split("Illegal state: {{Error Message}}"),
            vec![
                Piece::Literal("Illegal state: "),
                Piece::Placeholder { name: "Error Message", raw: "{{Error Message}}" }
            ]
        );
        assert_eq!(
            split("{{a}}{{ b }}!"),
            vec![
                Piece::Placeholder { name: "a", raw: "{{a}}" },
                Piece::Placeholder { name: "b", raw: "{{ b }}" },
                Piece::Literal("!")
            ]
        );
    }

    proptest::proptest! {
        #[test]
        fn a_pair_is_the_first_two_in_a_row(text in "[{}a 한]{0,24}") {
            proptest::prop_assert_eq!(super::pair(&text, b'{'), text.find("{{"));
            proptest::prop_assert_eq!(super::pair(&text, b'}'), text.find("}}"));
        }
    }

    #[test]
    fn unclosed_and_nested_braces_are_literal() {
        assert_eq!(split("a {{ b"), vec![Piece::Literal("a {{ b")]);
        assert_eq!(split("}} x"), vec![Piece::Literal("}} x")]);
        assert_eq!(
            split("{{ {{x}}"),
            vec![Piece::Literal("{{ "), Piece::Placeholder { name: "x", raw: "{{x}}" }]
        );
        assert_eq!(split(""), vec![]);
    }
}
