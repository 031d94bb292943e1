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

/// Splits `template` into literal text and placeholders, in order.
pub(crate) fn split(template: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = 0;
    let mut search = 0;
    while let Some(open) = pair(&template[search..], '{').map(|i| i + search) {
        let Some(close) = pair(&template[open + 2..], '}').map(|i| i + open + 2) else {
            break;
        };
        let inner = &template[open + 2..close];
        if pair(inner, '{').is_some() {
            // `{{ {{name}}`: the inner pair is the placeholder.
            search = open + 2 + inner.rfind("{{").unwrap_or(0);
            continue;
        }
        if rest < open {
            out.push(Piece::Literal(&template[rest..open]));
        }
        out.push(Piece::Placeholder { name: inner.trim(), raw: &template[open..close + 2] });
        rest = close + 2;
        search = rest;
    }
    if rest < template.len() {
        out.push(Piece::Literal(&template[rest..]));
    }
    out
}

/// Where `c` first appears twice in a row in `text` (`{{`, `}}`): a
/// search for one character, which is much cheaper than one for a string.
fn pair(text: &str, c: char) -> Option<usize> {
    let mut from = 0;
    while let Some(at) = text[from..].find(c).map(|i| i + from) {
        if text[at + 1..].starts_with(c) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::{split, Piece};

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
