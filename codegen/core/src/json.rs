//! The little JSON reading lowering needs: is an example a JSON object,
//! what are its keys, and which of them hold strings. Strict RFC 8259, as
//! `serde_json` reads it (no comments or trailing commas, surrogate pairs
//! checked, nesting at most 128 deep, the last of duplicate keys wins), so
//! that build scripts need not compile serde and `serde_json` for it.

/// A top-level JSON object's members in document order: each key with its
/// value if that is a string. A key may repeat; its last value is the one
/// that counts (as for `serde_json`). `None` when `text` is not exactly one
/// valid JSON object.
pub(crate) fn members(text: &str) -> Option<Vec<(String, Option<String>)>> {
    let mut p = Parser { s: text.as_bytes(), at: 0, depth: 0, leaves: None };
    p.ws();
    if p.peek()? != b'{' {
        return None;
    }
    let mut members = Vec::new();
    p.object(Some(&mut members), "")?;
    p.ws();
    (p.at == p.s.len()).then_some(members)
}

/// [`members`] as a map: each key (sorted) with its last value.
#[cfg(test)]
fn object(text: &str) -> Option<std::collections::BTreeMap<String, Option<String>>> {
    members(text).map(|m| m.into_iter().collect())
}

/// A scalar value of a JSON object, as [`leaves`] gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Leaf {
    Text(String),
    /// A number, as written.
    Number(String),
    /// `true`, `false` or `null`.
    Other,
}

/// Every scalar of a JSON object down to three levels, with its dotted
/// path (`header.resultCode`) and its own key (keys may hold dots:
/// `@odata.type`), in document order. `None` when `text` is
/// not exactly one valid JSON object.
pub(crate) fn leaves(text: &str) -> Option<Vec<(String, String, Leaf)>> {
    let mut p = Parser { s: text.as_bytes(), at: 0, depth: 0, leaves: Some(Vec::new()) };
    p.ws();
    if p.peek()? != b'{' {
        return None;
    }
    p.object(None, "")?;
    p.ws();
    if p.at != p.s.len() {
        return None;
    }
    p.leaves
}

/// A value as far as lowering cares.
enum Value {
    Text(String),
    Number(String),
    Other,
}

struct Parser<'a> {
    s: &'a [u8],
    at: usize,
    depth: usize,
    /// Scalars with their paths, when asked for ([`leaves`]).
    leaves: Option<Vec<(String, String, Leaf)>>,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.at).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let c = self.peek()?;
        self.at += 1;
        Some(c)
    }

    fn eat(&mut self, c: u8) -> Option<()> {
        (self.next()? == c).then_some(())
    }

    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// A value: its text if it is a string.
    fn value(&mut self) -> Option<Value> {
        self.ws();
        match self.peek()? {
            b'{' => {
                // Past the leaves' depth (or inside an array): not recorded.
                let leaves = self.leaves.take();
                let read = self.object(None, "");
                self.leaves = leaves;
                read.map(|()| Value::Other)
            }
            b'[' => self.array().map(|()| Value::Other),
            b'"' => self.string().map(Value::Text),
            b't' => self.literal(b"true").map(|()| Value::Other),
            b'f' => self.literal(b"false").map(|()| Value::Other),
            b'n' => self.literal(b"null").map(|()| Value::Other),
            b'-' | b'0'..=b'9' => {
                let start = self.at;
                self.number()?;
                Some(Value::Number(String::from_utf8_lossy(&self.s[start..self.at]).into_owned()))
            }
            _ => None,
        }
    }

    fn enter(&mut self) -> Option<()> {
        self.depth += 1;
        (self.depth < 128).then_some(())
    }

    fn object(&mut self, mut out: Option<&mut Vec<(String, Option<String>)>>, prefix: &str) -> Option<()> {
        self.enter()?;
        self.eat(b'{')?;
        self.ws();
        if self.peek()? == b'}' {
            self.at += 1;
            self.depth -= 1;
            return Some(());
        }
        loop {
            self.ws();
            let key = self.string()?;
            self.ws();
            self.eat(b':')?;
            self.ws();
            // Nested objects are walked for their leaves, three levels at most.
            let nested = self.leaves.is_some() && self.depth < 3 && self.peek() == Some(b'{');
            let value = if nested {
                self.object(None, &format!("{prefix}{key}."))?;
                Value::Other
            } else {
                self.value()?
            };
            if let Some(leaves) = &mut self.leaves {
                match &value {
                    Value::Text(t) => leaves.push((format!("{prefix}{key}"), key.clone(), Leaf::Text(t.clone()))),
                    Value::Number(n) => leaves.push((format!("{prefix}{key}"), key.clone(), Leaf::Number(n.clone()))),
                    Value::Other if !nested => leaves.push((format!("{prefix}{key}"), key.clone(), Leaf::Other)),
                    Value::Other => {}
                }
            }
            if let Some(members) = out.as_deref_mut() {
                members.push((key, match value {
                    Value::Text(text) => Some(text),
                    Value::Number(_) | Value::Other => None,
                }));
            }
            self.ws();
            match self.next()? {
                b',' => {}
                b'}' => break,
                _ => return None,
            }
        }
        self.depth -= 1;
        Some(())
    }

    fn array(&mut self) -> Option<()> {
        self.enter()?;
        self.eat(b'[')?;
        self.ws();
        if self.peek()? == b']' {
            self.at += 1;
            self.depth -= 1;
            return Some(());
        }
        loop {
            self.value()?;
            self.ws();
            match self.next()? {
                b',' => {}
                b']' => break,
                _ => return None,
            }
        }
        self.depth -= 1;
        Some(())
    }

    fn literal(&mut self, word: &[u8]) -> Option<()> {
        let end = self.at.checked_add(word.len())?;
        (self.s.get(self.at..end)? == word).then(|| self.at = end)
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
        self.at - start
    }

    fn number(&mut self) -> Option<()> {
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        match self.peek()? {
            b'0' => self.at += 1,
            b'1'..=b'9' => {
                self.digits();
            }
            _ => return None,
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if self.digits() == 0 {
                return None;
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if self.digits() == 0 {
                return None;
            }
        }
        Some(())
    }

    fn hex4(&mut self) -> Option<u32> {
        let end = self.at.checked_add(4)?;
        let digits = std::str::from_utf8(self.s.get(self.at..end)?).ok()?;
        if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        self.at = end;
        u32::from_str_radix(digits, 16).ok()
    }

    fn string(&mut self) -> Option<String> {
        self.eat(b'"')?;
        let mut out = Vec::new();
        loop {
            match self.next()? {
                b'"' => return String::from_utf8(out).ok(),
                b'\\' => {
                    let c = match self.next()? {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let first = self.hex4()?;
                            let code = match first {
                                0xD800..=0xDBFF => {
                                    self.eat(b'\\')?;
                                    self.eat(b'u')?;
                                    let low = self.hex4()?;
                                    if !(0xDC00..=0xDFFF).contains(&low) {
                                        return None;
                                    }
                                    0x10000 + ((first - 0xD800) << 10) + (low - 0xDC00)
                                }
                                0xDC00..=0xDFFF => return None,
                                _ => first,
                            };
                            char::from_u32(code)?
                        }
                        _ => return None,
                    };
                    let mut buf = [0; 4];
                    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                }
                0..=0x1F => return None,
                b => out.push(b),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{leaves, object, Leaf};

    #[test]
    fn leaves_with_paths() {
        let l: Vec<(String, Leaf)> = leaves("{\"header\": {\"isSuccessful\": false, \"resultCode\": 5030001, \"resultMessage\": \"Down\"}, \"x\": [1]}")
            .unwrap()
            .into_iter()
            .map(|(p, _, l)| (p, l))
            .collect();
        assert_eq!(
            l,
            vec![
                ("header.isSuccessful".to_owned(), Leaf::Other),
                ("header.resultCode".to_owned(), Leaf::Number("5030001".to_owned())),
                ("header.resultMessage".to_owned(), Leaf::Text("Down".to_owned())),
                ("x".to_owned(), Leaf::Other),
            ]
        );
        assert_eq!(leaves("{\"a\": {\"b\": {\"c\": {\"d\": 1}}}}").unwrap(), vec![("a.b.c".to_owned(), "c".to_owned(), Leaf::Other)]);
        assert_eq!(leaves("{\"e\": {\"@odata.type\": \"x\"}}").unwrap()[0].1, "@odata.type");
        assert_eq!(leaves("{\"a\": 1} x"), None);
    }

    #[test]
    fn objects_with_their_string_values() {
        let map = object(" {\"code\": \"A\\u00e9\\ud83d\\ude00\", \"n\": -1.5e3, \"x\": [true, null, {}], \"code\": \"B\"}\n").unwrap();
        assert_eq!(map.len(), 3);
        assert_eq!(map["code"].as_deref(), Some("B"));
        assert_eq!(map["n"], None);
        assert_eq!(object("{}").unwrap().len(), 0);
        assert_eq!(object("{\"a\":\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"}").unwrap()["a"].as_deref(), Some("\"\\/\u{8}\u{c}\n\r\t"));
    }

    #[test]
    fn what_serde_json_rejects_is_rejected() {
        for bad in [
            "", "[]", "\"s\"", "{", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "{\"a\":01}", "{\"a\":1.}", "{\"a\":.5}",
            "{\"a\":1e}", "{\"a\":+1}", "{\"a\":tru}", "{\"a\":\"\\x\"}", "{\"a\":\"\\ud800\"}", "{\"a\":\"\\udc00\"}",
            "{\"a\":\"\t\"}", "{} {}", "{\"a\":1} x", "// c\n{}", "{\"a\":[1,]}", "{\"a\":\"\\u12\"}",
        ] {
            assert!(object(bad).is_none(), "{bad:?}");
        }
        let deep = format!("{{\"a\":{}{}}}", "[".repeat(126), "]".repeat(126));
        assert!(object(&deep).is_some());
        let deeper = format!("{{\"a\":{}{}}}", "[".repeat(127), "]".repeat(127));
        assert!(object(&deeper).is_none());
    }

    /// Every one-byte deletion and insertion of a few samples: accepted
    /// exactly when `serde_json` reads an object, with the same keys and
    /// string values.
    #[test]
    fn agrees_with_serde_json_on_mutations() {
        let samples = [
            "{\"code\": \"E1\", \"message\": \"a \\u00e9 \\\" b\", \"n\": [1, -2.5e+3, true, null, {\"k\": {}}]}",
            "{ \"errorCode\" : 10 , \"msg\":\"x\\ud83d\\ude00\" }",
        ];
        let inserts = ['"', '\\', ',', ':', '{', '}', '[', ']', '0', '-', 'e', '.', 'u', ' ', '\n', '\t', 'x'];
        for sample in samples {
            let mut variants = vec![sample.to_owned()];
            for (i, _) in sample.char_indices() {
                let mut deleted = sample.to_owned();
                deleted.remove(i);
                variants.push(deleted);
                for c in inserts {
                    let mut inserted = sample.to_owned();
                    inserted.insert(i, c);
                    variants.push(inserted);
                }
            }
            for text in variants {
                let ours = object(&text);
                let theirs = match serde_json::from_str::<serde_json::Value>(&text) {
                    Ok(serde_json::Value::Object(map)) => Some(
                        map.into_iter()
                            .map(|(k, v)| (k, v.as_str().map(str::to_owned)))
                            .collect::<std::collections::BTreeMap<_, _>>(),
                    ),
                    _ => None,
                };
                assert_eq!(ours, theirs, "{text:?}");
            }
        }
    }
}
