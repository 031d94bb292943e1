//! The layout contract of the generated Rust file, checked on every output
//! the tests generate: it parses (syn), indentation is four spaces a level,
//! no line has trailing white space or a tab, and a line is over 100 columns
//! only because of one string literal and one name: what remains of it
//! without them is within 60 columns. A doc line over the limit has no
//! place within it where the writer could break before a letter.

/// The widest a line may be.
pub const WIDTH: usize = 100;

/// The string literals and identifiers of a code line, as text.
fn tokens(line: &str) -> (Vec<&str>, Vec<&str>) {
    let (mut literals, mut names) = (Vec::new(), Vec::new());
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'"' {
            let start = i;
            i += 1;
            while i < bytes.len() && bytes[i] != b'"' {
                i += if bytes[i] == b'\\' { 2 } else { 1 };
            }
            i = (i + 1).min(bytes.len());
            literals.push(&line[start..i]);
        } else if bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_' {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                i += 1;
            }
            names.push(&line[start..i]);
        } else {
            i += 1;
        }
    }
    (literals, names)
}

fn width(s: &str) -> usize {
    s.chars().count()
}

/// Panics, naming `what` and the line, where `text` breaks the contract.
pub fn check(what: &str, text: &str) {
    if let Err(e) = syn::parse_file(text) {
        panic!("{what}: the generated Rust does not parse: {e}");
    }
    for (n, line) in text.lines().enumerate() {
        let at = format!("{what}:{}: `{line}`", n + 1);
        assert!(!line.ends_with(' ') && !line.contains('\t'), "{at}: trailing space or tab");
        let indent = line.len() - line.trim_start_matches(' ').len();
        let code = line.trim_start();
        if !code.starts_with('"') && !code.starts_with("//") {
            assert_eq!(indent % 4, 0, "{at}: indentation");
        }
        if width(line) <= WIDTH || line.starts_with("// @generated") {
            continue;
        }
        if let Some(doc) = code.strip_prefix("/// ") {
            // A break is a space after a non-space, before a letter.
            let chars: Vec<char> = doc.chars().collect();
            let room = WIDTH - indent - 4;
            let breakable = (1..chars.len().min(room + 1))
                .any(|i| chars[i] == ' ' && chars[i - 1] != ' ' && chars.get(i + 1).is_some_and(|c| c.is_alphabetic()));
            assert!(!breakable, "{at}: a doc line over {WIDTH} columns that could break");
            continue;
        }
        let (literals, names) = tokens(line);
        let longest = |v: &[&str]| v.iter().map(|t| width(t)).max().unwrap_or(0);
        let rest = width(line) - longest(&literals) - longest(&names);
        assert!(rest <= 60, "{at}: over {WIDTH} columns, and not for one literal and one name");
    }
}
