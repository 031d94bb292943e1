//! Escaping of spec text for the generated TypeScript and YAML.
//!
//! Spec text reaches the output in two places only: string literals and
//! comments. [`string_literal`] makes a double-quoted literal that is valid
//! JSON, TypeScript and YAML alike; [`comment`] makes text that can sit in a
//! `//` line comment or a `/** ... */` `JSDoc` block without ending it,
//! starting a `JSDoc` tag, or hiding code behind bidirectional controls.

use crate::safety::next_special;

/// What a literal or comment writes as an escape: the one list of
/// [`crate::safety::never_raw`], which covers what YAML does not allow in a
/// stream even quoted (YAML 1.2 `c-printable` complement) and what
/// JavaScript or editors treat as line breaks.
fn needs_unicode_escape(c: char) -> bool {
    crate::safety::never_raw(c)
}

/// What an escaper writes for a character.
enum Escape {
    /// This text.
    Text(&'static str),
    /// The character's code point, as [`Code`] says.
    Code,
}

/// How a code point is written: `\uXXXX` (JSON) or `\u{XXXX}`.
#[derive(Clone, Copy)]
enum Code {
    Bare,
    Braced,
}

/// Writes `s` with each character `escape` picks replaced. `escape` sees
/// the character and the one after it, for the characters [`next_special`]
/// finds (with `extra`); the runs between are written whole.
fn write_escaped(
    f: &mut dyn std::fmt::Write,
    s: &str,
    extra: [u8; 2],
    code: Code,
    escape: impl Fn(char, Option<char>) -> Option<Escape>,
) -> std::fmt::Result {
    let bytes = s.as_bytes();
    let mut plain = 0;
    let mut at = next_special(bytes, 0, extra);
    while at < bytes.len() {
        let c = s[at..].chars().next().unwrap_or(' ');
        let after = at + c.len_utf8();
        if let Some(escape) = escape(c, s[after..].chars().next()) {
            f.write_str(&s[plain..at])?;
            match (escape, code) {
                (Escape::Text(text), _) => f.write_str(text)?,
                (Escape::Code, Code::Bare) => write!(f, "\\u{:04X}", u32::from(c))?,
                (Escape::Code, Code::Braced) => write!(f, "\\u{{{:04X}}}", u32::from(c))?,
            }
            plain = after;
        }
        at = next_special(bytes, after, extra);
    }
    f.write_str(&s[plain..])
}

/// `Display` and askama's `FastWritable` (which askama writes straight
/// into the output, without a `Formatter` around it) for the values that
/// write themselves through their `write` method.
macro_rules! writes_itself {
    ($($name:ident),*) => {$(
        impl<S: AsRef<str>> std::fmt::Display for $name<S> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.write(f)
            }
        }

        impl<S: AsRef<str>> askama::FastWritable for $name<S> {
            fn write_into(&self, dest: &mut dyn std::fmt::Write, _: &dyn askama::Values) -> askama::Result<()> {
                Ok(self.write(dest)?)
            }
        }
    )*};
}

writes_itself!(StringLiteral, InQuotes, Comment, TsProperty);

/// `s` as a double-quoted string literal, valid in TypeScript, JSON and YAML
/// (as a YAML key, too). Quotes, backslashes, control characters, line and
/// paragraph separators, bidirectional controls and characters YAML
/// forbids are escaped as `\uXXXX`; all other non-ASCII text stays UTF-8.
#[must_use]
pub fn string_literal(s: &str) -> String {
    StringLiteral(s).to_string()
}

/// [`string_literal`] as a value that writes itself: the templates write
/// it straight into the output, with the runs that need no escape written
/// whole.
pub struct StringLiteral<S>(pub S);

/// The ASCII bytes a string literal escapes besides controls and DEL.
const LITERAL_EXTRA: [u8; 2] = [b'"', b'\\'];

impl<S: AsRef<str>> StringLiteral<S> {
    fn write(&self, f: &mut dyn std::fmt::Write) -> std::fmt::Result {
        f.write_char('"')?;
        InQuotes(self.0.as_ref()).write(f)?;
        f.write_char('"')
    }
}

/// The text between the quotes of [`StringLiteral`]: the templates write
/// the quotes themselves, as part of the text around.
pub struct InQuotes<S>(pub S);

/// Whether `s` goes inside a string literal as it is (most codes, names
/// and messages): [`InQuotes`] and [`Escaped::in_quotes`] test it.
fn plain_in_quotes(s: &str) -> bool {
    next_special(s.as_bytes(), 0, LITERAL_EXTRA) == s.len()
}

impl<S: AsRef<str>> InQuotes<S> {
    pub(super) fn write(&self, f: &mut dyn std::fmt::Write) -> std::fmt::Result {
        let s = self.0.as_ref();
        if plain_in_quotes(s) {
            return f.write_str(s);
        }
        write_escaped(f, s, LITERAL_EXTRA, Code::Bare, |c, _| match c {
            '"' => Some(Escape::Text("\\\"")),
            '\\' => Some(Escape::Text("\\\\")),
            '\n' => Some(Escape::Text("\\n")),
            '\r' => Some(Escape::Text("\\r")),
            '\t' => Some(Escape::Text("\\t")),
            c if needs_unicode_escape(c) => Some(Escape::Code),
            _ => None,
        })
    }
}

/// `s` as text for one line of a comment: line breaks become spaces, `*/`
/// becomes `*\/`, `@` becomes `\@` (so no `JSDoc` tag or `{@link}` starts),
/// and control, bidirectional and invisible characters are written as
/// visible `\u{XXXX}` text. The result never contains a line break.
#[must_use]
pub fn comment(s: &str) -> String {
    Comment(s).to_string()
}

/// [`comment`] as a value that writes itself, like [`StringLiteral`].
pub struct Comment<S>(pub S);

impl<S: AsRef<str>> Comment<S> {
    fn write(&self, f: &mut dyn std::fmt::Write) -> std::fmt::Result {
        // Every character that becomes white space is white space itself,
        // so trimming the input trims the output.
        let s = self.0.as_ref().trim_end();
        write_escaped(f, s, [b'*', b'@'], Code::Braced, |c, next| match c {
            '\r' if next == Some('\n') => Some(Escape::Text("")),
            '\r' | '\n' | '\t' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => Some(Escape::Text(" ")),
            '*' if next == Some('/') => Some(Escape::Text("*\\")),
            '@' => Some(Escape::Text("\\@")),
            c if needs_unicode_escape(c) => Some(Escape::Code),
            _ => None,
        })
    }
}

/// A TypeScript property name for `name`: bare when it is an ASCII
/// identifier, a quoted string otherwise, and computed (`["__proto__"]`) for
/// `__proto__`, which as a plain key would set an object literal's prototype.
#[must_use]
pub fn ts_property(name: &str) -> String {
    TsProperty(name).to_string()
}

/// [`ts_property`] as a value that writes itself, like [`StringLiteral`].
pub struct TsProperty<S>(pub S);

/// Whether `name` is a TypeScript property name as it is: an ASCII
/// identifier other than `__proto__`. [`TsProperty`] and
/// [`Escaped::ts_property`] test it.
fn bare_property(name: &str) -> bool {
    name != "__proto__" && crate::ident::is_ascii_ident(name)
}

impl<S: AsRef<str>> TsProperty<S> {
    fn write(&self, f: &mut dyn std::fmt::Write) -> std::fmt::Result {
        let name = self.0.as_ref();
        if bare_property(name) {
            f.write_str(name)
        } else if name == "__proto__" {
            f.write_char('[')?;
            StringLiteral(name).write(f)?;
            f.write_char(']')
        } else {
            StringLiteral(name).write(f)
        }
    }
}

/// Spec text escaped once for its place in the output, then written as it
/// is wherever the templates repeat it (a code's wire text is quoted eight
/// times across the two files): only the escapers here make one, so spec
/// text still reaches the output only through them. Borrowed where the
/// text needs no escape, as most does.
pub(super) struct Escaped<'a>(std::borrow::Cow<'a, str>);

impl<'a> Escaped<'a> {
    /// [`InQuotes`]: the text inside a double-quoted string literal.
    pub(super) fn in_quotes(s: &'a str) -> Self {
        if plain_in_quotes(s) {
            return Escaped(s.into());
        }
        Escaped(InQuotes(s).to_string().into())
    }

    /// [`TsProperty`]: a TypeScript property name.
    pub(super) fn ts_property(name: &'a str) -> Self {
        if bare_property(name) {
            return Escaped(name.into());
        }
        Escaped(TsProperty(name).to_string().into())
    }

    /// The same text, owning it (for text made on the spot).
    pub(super) fn into_owned(self) -> Escaped<'static> {
        Escaped(self.0.into_owned().into())
    }
}

impl std::fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl askama::FastWritable for Escaped<'_> {
    fn write_into(&self, dest: &mut dyn std::fmt::Write, _: &dyn askama::Values) -> askama::Result<()> {
        Ok(dest.write_str(&self.0)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_literals_escape_breakers_and_keep_unicode() {
        assert_eq!(string_literal(r#"a"b\c"#), r#""a\"b\\c""#);
        assert_eq!(string_literal("line\nbreak\r\t"), r#""line\nbreak\r\t""#);
        assert_eq!(string_literal("`${x}` {{Y}} </script> #: - {a}"), "\"`${x}` {{Y}} </script> #: - {a}\"");
        assert_eq!(string_literal("잔액 부족 💸"), "\"잔액 부족 💸\"");
        assert_eq!(string_literal("a\u{202E}b\u{2028}c\u{7F}\u{85}\u{FEFF}"), r#""a\u202Eb\u2028c\u007F\u0085\uFEFF""#);
        assert_eq!(string_literal("\0\u{1B}"), r#""\u0000\u001B""#);
    }

    #[test]
    fn plain_literals_of_every_length_are_quoted() {
        for len in 0..80 {
            let text: String = "ab c~!".chars().cycle().take(len).collect();
            assert_eq!(string_literal(&text), format!("\"{text}\""), "{len}");
            let with_quote = format!("{text}\"");
            assert_eq!(string_literal(&with_quote), format!("\"{text}\\\"\""), "{len}");
        }
    }

    #[test]
    fn string_literals_are_json() {
        let hostile = "q\"uote */ \\ \n\u{202E}\u{2066} 한국어 🚀 ${`}` \u{0}\u{9F}";
        let lit = string_literal(hostile);
        let back: String = serde_json::from_str(&lit).unwrap();
        assert_eq!(back, hostile);
    }

    #[test]
    fn comments_cannot_be_escaped_from() {
        assert_eq!(comment("ends */ here"), "ends *\\/ here");
        assert_eq!(comment("**/"), "**\\/");
        assert_eq!(comment("two\nlines\r\nthree\rfour\u{2028}five"), "two lines three four five");
        assert_eq!(comment("@param x {@link y}"), "\\@param x {\\@link y}");
        assert_eq!(comment("a\u{202E}b\u{2066}c"), "a\\u{202E}b\\u{2066}c");
        assert_eq!(comment("tail  \n"), "tail");
        assert_eq!(comment("한국어 😀"), "한국어 😀");
        for nasty in ["*/", "*\n/", "\n*/", "x*/*/", "\u{2028}"] {
            let c = comment(nasty);
            assert!(!c.contains("*/") && !c.contains('\n') && !c.contains('\u{2028}'), "{nasty:?} -> {c:?}");
        }
    }

    /// Text mixing the breakers with arbitrary Unicode.
    fn hostile_text() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let piece = prop_oneof![
            Just("*/".to_owned()),
            Just("/*".to_owned()),
            Just("${".to_owned()),
            Just("`".to_owned()),
            Just("\"".to_owned()),
            Just("\\".to_owned()),
            Just("@".to_owned()),
            Just("\r\n".to_owned()),
            Just("\u{2028}".to_owned()),
            Just("\u{202E}".to_owned()),
            Just("\u{FEFF}".to_owned()),
            any::<char>().prop_map(String::from),
            "[가-힣😀-🙏]{1,3}",
        ];
        proptest::collection::vec(piece, 0..24).prop_map(|pieces| pieces.concat())
    }

    proptest::proptest! {
        #[test]
        fn any_text_round_trips_through_a_literal(text in hostile_text()) {
            let lit = string_literal(&text);
            let back: String = serde_json::from_str(&lit).unwrap();
            proptest::prop_assert_eq!(&back, &text);
            proptest::prop_assert!(!lit[1..lit.len() - 1].chars().any(needs_unicode_escape));
        }

        #[test]
        fn text_escaped_once_is_what_the_escapers_write(text in hostile_text()) {
            // The templates write `Escaped` where they once ran the filters.
            proptest::prop_assert_eq!(Escaped::in_quotes(&text).to_string(), InQuotes(&text).to_string());
            proptest::prop_assert_eq!(Escaped::ts_property(&text).to_string(), ts_property(&text));
        }

        #[test]
        fn no_text_escapes_a_comment(text in hostile_text()) {
            let c = comment(&text);
            proptest::prop_assert!(!c.contains("*/"));
            proptest::prop_assert!(!c.chars().any(|ch| needs_unicode_escape(ch) || ch == '\u{85}'), "{:?}", c);
            proptest::prop_assert!(!c.chars().zip(c.chars().skip(1)).any(|(a, b)| a != '\\' && b == '@'));
            proptest::prop_assert!(!c.starts_with('@'));
        }
    }

    #[test]
    fn property_names() {
        assert_eq!(ts_property("code"), "code");
        assert_eq!(ts_property("NOT_FOUND"), "NOT_FOUND");
        assert_eq!(ts_property("error-code"), "\"error-code\"");
        assert_eq!(ts_property("__proto__"), "[\"__proto__\"]");
        for name in ["code", "NOT_FOUND", "error-code", "__proto__", "a\"b"] {
            assert_eq!(Escaped::ts_property(name).to_string(), ts_property(name), "{name}");
            assert_eq!(Escaped::in_quotes(name).to_string(), InQuotes(name).to_string(), "{name}");
        }
    }
}
