//! Families of wire-code sets for the lookup tests: the shapes real error
//! codes take (sequential numbers with and without a prefix or suffix,
//! long shared prefixes, codes that differ only in their last bytes,
//! dotted and kebab names) and random ones, at any size. Used by the
//! perfect-hash unit tests (`core/src/rust/phash.rs`, through `#[path]`) and by
//! the tests that compile and run the generated lookup.

#![allow(dead_code)]

/// Sizes from just past the `match` limit (128) to 20,000, including the
/// sizes at which the first hash failed (129, 131, 135, 300, 500, 1,000).
pub const SIZES: &[usize] = &[129, 130, 131, 135, 200, 257, 300, 500, 1_000, 4_099, 20_000];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// `100000`, `100001`, ...
    Numbers,
    /// `ERR_000`, `ERR_001`, ... (zero-padded to three digits and more).
    Prefixed,
    /// `E000000`, ...
    PrefixedWide,
    /// `ERR_CODE_E00000`, ...
    PrefixedLong,
    /// `E1_FAILED`, `E2_FAILED`, ...
    Suffixed,
    /// One 41-byte prefix, then the number.
    SharedLongPrefix,
    /// A fixed stem, then `k` letters: the codes differ only in their last
    /// `k` bytes (1..=7), for stems of every length modulo 8.
    LastBytes(usize),
    /// `billing3.invoice17.overdue`
    Dotted,
    /// `invalid-field-17`
    Kebab,
    /// Random upper-case letters and digits, 1 to 40 bytes, starting with a
    /// letter (no separators, so no two codes share an identifier).
    Random,
}

impl Family {
    pub const ALL: [Family; 16] = [
        Family::Numbers,
        Family::Prefixed,
        Family::PrefixedWide,
        Family::PrefixedLong,
        Family::Suffixed,
        Family::SharedLongPrefix,
        Family::LastBytes(1),
        Family::LastBytes(2),
        Family::LastBytes(3),
        Family::LastBytes(4),
        Family::LastBytes(5),
        Family::LastBytes(6),
        Family::LastBytes(7),
        Family::Dotted,
        Family::Kebab,
        Family::Random,
    ];

    /// `n` distinct codes of this family (fewer for `LastBytes(k)` when its
    /// `26^k` tails run out).
    #[must_use]
    pub fn codes(self, n: usize) -> Vec<String> {
        match self {
            Family::Numbers => (0..n).map(|i| (100_000 + i).to_string()).collect(),
            Family::Prefixed => (0..n).map(|i| format!("ERR_{i:03}")).collect(),
            Family::PrefixedWide => (0..n).map(|i| format!("E{i:06}")).collect(),
            Family::PrefixedLong => (0..n).map(|i| format!("ERR_CODE_E{i:05}")).collect(),
            Family::Suffixed => (0..n).map(|i| format!("E{i}_FAILED")).collect(),
            Family::SharedLongPrefix => (0..n).map(|i| format!("THE_SERVICE_REJECTED_THE_REQUEST_BECAUSE_{i}")).collect(),
            Family::LastBytes(k) => {
                let tails = 26usize.saturating_pow(u32::try_from(k).unwrap_or(u32::MAX));
                (0..n.min(tails))
                    .map(|i| {
                        // Stems of 9 + i % 8 bytes: every length modulo 8.
                        let mut code = "STEM_CODE_______"[..9 + k % 8].to_owned();
                        let mut rest = i;
                        for _ in 0..k {
                            code.push(char::from(b'A' + u8::try_from(rest % 26).unwrap_or(0)));
                            rest /= 26;
                        }
                        code
                    })
                    .collect()
            }
            Family::Dotted => (0..n).map(|i| format!("billing{}.invoice{}.overdue", i % 13, i / 13)).collect(),
            Family::Kebab => (0..n).map(|i| format!("invalid-field-{i}")).collect(),
            Family::Random => {
                let mut state = 0x2545_F491_4F6C_DD1D_u64 ^ n as u64;
                let mut next = move || {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    state
                };
                let mut seen = std::collections::BTreeSet::new();
                let mut codes = Vec::with_capacity(n);
                while codes.len() < n {
                    let len = 1 + usize::try_from(next() % 40).unwrap_or(0);
                    let code: String = (0..len)
                        .map(|at| {
                            let r = usize::try_from(next() % 36).unwrap_or(0);
                            let r = if at == 0 { r % 26 } else { r };
                            char::from(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"[r])
                        })
                        .collect();
                    if seen.insert(code.clone()) {
                        codes.push(code);
                    }
                }
                codes
            }
        }
    }
}

/// Strings one edit away from `code` (a byte added, dropped or changed, the
/// case changed, a space or NUL appended). The caller drops those that are
/// codes of the set themselves.
#[must_use]
pub fn near_misses(code: &str) -> Vec<String> {
    let mut out = vec![format!("{code}X"), format!("{code} "), format!("{code}\0"), format!("X{code}"), code.to_lowercase()];
    if let Some((at, last)) = code.char_indices().last() {
        out.push(code[..at].to_owned());
        let changed = if last == 'Z' { 'Y' } else { char::from_u32(u32::from(last) + 1).unwrap_or('A') };
        out.push(format!("{}{changed}", &code[..at]));
    }
    out.retain(|m| m != code);
    out
}
