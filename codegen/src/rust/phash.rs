//! A perfect hash of the wire codes, found at generation time and emitted
//! as plain tables: the generated `from_wire` hashes a string once, reads
//! one displacement and one slot, and compares one string. No runtime
//! dependency, and a few integer tables instead of a `match` on strings
//! (whose compile time grows badly with the number of codes).
//!
//! The scheme is "hash and displace" (as in CHD and PTHash): a key's hash
//! picks a bucket; each bucket has a displacement, chosen here so that
//! every key of the bucket lands in a free slot; a slot holds the index of
//! its key. [`RUNTIME`] is the same hash and placement as Rust source for
//! the generated file; the functions below must stay in step with it (the
//! tests compile and run the generated code on every code).

const K: u64 = 0x9E37_79B9_7F4A_7C15;

/// The hash of a wire code. Eight bytes at a time, the length mixed in.
pub(crate) fn hash(bytes: &[u8], seed: u64) -> u64 {
    let mut h = (((bytes.len() as u64) << 8) ^ seed).wrapping_mul(K);
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        h = (h ^ u64::from_le_bytes(word)).wrapping_mul(K).rotate_left(23);
    }
    let rest = chunks.remainder();
    let mut word = [0u8; 8];
    word[..rest.len()].copy_from_slice(rest);
    h = (h ^ u64::from_le_bytes(word)).wrapping_mul(K);
    h ^ (h >> 32)
}

/// `x` scaled into `0..n` by its high bits (below `n`, so it fits).
#[allow(clippy::cast_possible_truncation)]
fn range(x: u64, n: usize) -> usize {
    ((u128::from(x) * n as u128) >> 64) as usize
}

fn bucket(h: u64, buckets: usize) -> usize {
    range(h, buckets)
}

fn slot(h: u64, displacement: u32, slots: usize) -> usize {
    range(h.rotate_left(32) ^ u64::from(displacement).wrapping_mul(K), slots)
}

/// The tables for a set of distinct keys.
pub(crate) struct Table {
    pub seed: u64,
    /// One displacement per bucket.
    pub displacements: Vec<u32>,
    /// The key index in each slot, `u32::MAX` where empty.
    pub slots: Vec<u32>,
}

impl Table {
    /// The index of `key` among the keys the table was built from, if it
    /// is one of them (the caller compares the key itself).
    #[cfg(test)]
    fn candidate(&self, key: &str) -> Option<usize> {
        let h = hash(key.as_bytes(), self.seed);
        let d = self.displacements[bucket(h, self.displacements.len())];
        let at = self.slots[slot(h, d, self.slots.len())];
        (at != u32::MAX).then_some(at as usize)
    }
}

/// Builds the tables for `keys` (distinct), or `None` if no seed tried
/// works (which distinct keys do not provoke in practice).
pub(crate) fn build(keys: &[&str]) -> Option<Table> {
    let n = keys.len();
    let buckets = n.div_ceil(4).max(1);
    let slots = (n + n / 4).max(1);
    'seeds: for seed in 0..64u64 {
        let hashes: Vec<u64> = keys.iter().map(|k| hash(k.as_bytes(), seed)).collect();
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); buckets];
        for (i, &h) in hashes.iter().enumerate() {
            members[bucket(h, buckets)].push(i);
        }
        let mut order: Vec<usize> = (0..buckets).collect();
        order.sort_by_key(|&b| std::cmp::Reverse(members[b].len()));
        let mut taken = vec![u32::MAX; slots];
        let mut displacements = vec![0u32; buckets];
        let mut placed = Vec::new();
        for b in order {
            if members[b].is_empty() {
                break;
            }
            let mut found = false;
            for d in 0..u32::from(u16::MAX) {
                placed.clear();
                let fits = members[b].iter().all(|&i| {
                    let s = slot(hashes[i], d, slots);
                    let free = taken[s] == u32::MAX && !placed.contains(&s);
                    placed.push(s);
                    free
                });
                if fits {
                    for (&i, &s) in members[b].iter().zip(&placed) {
                        taken[s] = u32::try_from(i).ok()?;
                    }
                    displacements[b] = d;
                    found = true;
                    break;
                }
            }
            if !found {
                continue 'seeds;
            }
        }
        return Some(Table { seed, displacements, slots: taken });
    }
    None
}

/// The generated file's copy of [`hash`] and the placement, as private
/// associated functions of the code enum.
pub(crate) const RUNTIME: &str = "
    /// The hash of a wire code for the perfect-hash tables.
    fn wire_hash(bytes: &[u8], seed: u64) -> u64 {
        const K: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut h = (((bytes.len() as u64) << 8) ^ seed).wrapping_mul(K);
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            h = (h ^ u64::from_le_bytes(word)).wrapping_mul(K).rotate_left(23);
        }
        let rest = chunks.remainder();
        let mut word = [0u8; 8];
        word[..rest.len()].copy_from_slice(rest);
        h = (h ^ u64::from_le_bytes(word)).wrapping_mul(K);
        h ^ (h >> 32)
    }

    /// `x` scaled into `0..n` by its high bits.
    #[allow(clippy::cast_possible_truncation)]
    fn wire_range(x: u64, n: usize) -> usize {
        ((u128::from(x) * n as u128) >> 64) as usize
    }
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_finds_itself_and_others_miss() {
        for n in [1, 2, 3, 8, 100, 1_000, 20_000] {
            let keys: Vec<String> = (0..n).map(|i| format!("CODE_{i}_X")).collect();
            let refs: Vec<&str> = keys.iter().map(String::as_str).collect();
            let table = build(&refs).expect("a table");
            for (i, k) in refs.iter().enumerate() {
                assert_eq!(table.candidate(k), Some(i), "n = {n}");
            }
            for i in 0..n {
                let miss = format!("CODE_{i}_Y");
                assert!(table.candidate(&miss).is_none_or(|c| refs[c] != miss));
            }
        }
    }

    #[test]
    fn hash_reads_every_byte() {
        assert_ne!(hash(b"ABCDEFGHI", 0), hash(b"ABCDEFGHJ", 0));
        assert_ne!(hash(b"", 0), hash(b"\0", 0));
        assert_ne!(hash(b"AB", 0), hash(b"AB", 1));
    }
}
