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
//!
//! Construction always ends: every loop is bounded (a fixed list of
//! layouts and seeds, displacements below `u16::MAX`). It succeeds for
//! any set of distinct keys whose hashes differ for some seed tried; when
//! none does, [`build`] returns `None` and the emitter falls back to a
//! `match` on the string, which is correct for any set of codes.


const K: u64 = 0x9E37_79B9_7F4A_7C15;

/// The hash of a wire code: eight bytes at a time (the last word padded
/// with zeros), the length mixed in first, and a full 64-bit finaliser so
/// that every input bit reaches every output bit. Each step is a bijection
/// of the state for a fixed word and of the word for a fixed state, so two
/// codes of one length that differ only in their last byte always differ
/// in the state before finalising.
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
    h = (h ^ u64::from_le_bytes(word)).wrapping_mul(K).rotate_left(23);
    mix(h)
}

/// A bijective 64-bit finaliser (`MurmurHash3`'s).
fn mix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    h ^= h >> 33;
    h = h.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
    h ^ (h >> 33)
}

/// `x` scaled into `0..n` by its high bits (below `n`, so it fits).
#[allow(clippy::cast_possible_truncation)]
fn range(x: u64, n: usize) -> usize {
    ((u128::from(x) * n as u128) >> 64) as usize
}

fn bucket(h: u64, buckets: usize) -> usize {
    range(h, buckets)
}

/// The slot of a key of hash `h` in a bucket of displacement `d`. The hash
/// is mixed again with the displacement, so keys that share a bucket (and
/// so the high bits `bucket` reads) still spread over all slots, and each
/// displacement places them afresh.
fn slot(h: u64, d: u16, slots: usize) -> usize {
    range(mix(h ^ u64::from(d).wrapping_mul(K)), slots)
}

/// The tables for a set of distinct keys.
pub(crate) struct Table {
    pub seed: u64,
    /// One displacement per bucket.
    pub displacements: Vec<u16>,
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

/// A table shape to try: keys per bucket, slots per key (as a fraction),
/// and the seeds to try it with.
struct Layout {
    keys_per_bucket: usize,
    /// Slots are `n + n * extra_slots / 4`.
    extra_slots: usize,
    seeds: std::ops::Range<u64>,
}

/// Dense tables first; if no seed places every key, sparser ones, whose
/// buckets are smaller and whose slots are half empty, on fresh seeds.
const LAYOUTS: [Layout; 2] = [
    Layout { keys_per_bucket: 4, extra_slots: 1, seeds: 0..32 },
    Layout { keys_per_bucket: 1, extra_slots: 4, seeds: 32..64 },
];

/// Builds the tables for `keys` (distinct), or `None` if no layout and
/// seed places every key (then the caller uses another lookup).
pub(crate) fn build(keys: &[&str]) -> Option<Table> {
    build_with(keys, &LAYOUTS)
}

fn build_with(keys: &[&str], layouts: &[Layout]) -> Option<Table> {
    let n = keys.len();
    u32::try_from(n).ok().filter(|&n| n < u32::MAX)?;
    layouts.iter().find_map(|layout| {
        let buckets = n.div_ceil(layout.keys_per_bucket).max(1);
        let slots = (n + n * layout.extra_slots / 4).max(1);
        layout.seeds.clone().find_map(|seed| place(keys, seed, buckets, slots))
    })
}

/// One attempt: every bucket, largest first, gets the first displacement
/// that puts all its keys in free slots. `None` if some bucket has none,
/// or if two keys hash alike (no displacement could part them).
fn place(keys: &[&str], seed: u64, buckets: usize, slots: usize) -> Option<Table> {
    let hashes: Vec<u64> = keys.iter().map(|k| hash(k.as_bytes(), seed)).collect();
    // The map type the lowering's code index has: no sort of its own is
    // compiled into build scripts for this.
    let mut by_hash: rustc_hash::FxHashMap<u64, u32> = rustc_hash::FxHashMap::default();
    by_hash.reserve(hashes.len());
    for (i, &h) in (0u32..).zip(&hashes) {
        if by_hash.insert(h, i).is_some() {
            return None;
        }
    }
    let mut members: Vec<Vec<u32>> = vec![Vec::new(); buckets];
    for (i, &h) in (0u32..).zip(&hashes) {
        members[bucket(h, buckets)].push(i);
    }
    // The non-empty buckets by size, largest first, in bucket order among
    // equals: a counting sort (stable, linear).
    let largest = members.iter().map(Vec::len).max().unwrap_or(0);
    let mut by_size: Vec<Vec<usize>> = vec![Vec::new(); largest + 1];
    for (b, m) in members.iter().enumerate() {
        by_size[m.len()].push(b);
    }
    let mut order: Vec<usize> = Vec::with_capacity(buckets);
    for same_size in by_size[1..].iter().rev() {
        order.extend_from_slice(same_size);
    }
    let mut taken = vec![u32::MAX; slots];
    let mut displacements = vec![0u16; buckets];
    let mut placed = Vec::new();
    for b in order {
        let d = (0..u16::MAX).find(|&d| {
            placed.clear();
            members[b].iter().all(|&i| {
                let s = slot(hashes[i as usize], d, slots);
                let free = taken[s] == u32::MAX && !placed.contains(&s);
                placed.push(s);
                free
            })
        })?;
        for (&i, &s) in members[b].iter().zip(&placed) {
            taken[s] = i;
        }
        displacements[b] = d;
    }
    Some(Table { seed, displacements, slots: taken })
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
        h = (h ^ u64::from_le_bytes(word)).wrapping_mul(K).rotate_left(23);
        Self::wire_mix(h)
    }

    /// A bijective 64-bit finaliser.
    fn wire_mix(mut h: u64) -> u64 {
        h ^= h >> 33;
        h = h.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
        h ^= h >> 33;
        h = h.wrapping_mul(0xC4CE_B9FE_1A85_EC53);
        h ^ (h >> 33)
    }

    /// The slot of a wire code of hash `h` in a bucket of displacement `d`.
    fn wire_slot(h: u64, d: u16, slots: usize) -> usize {
        let mixed = Self::wire_mix(h ^ u64::from(d).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        Self::wire_range(mixed, slots)
    }

    /// `x` scaled into `0..n` by its high bits.
    #[allow(clippy::cast_possible_truncation)]
    fn wire_range(x: u64, n: usize) -> usize {
        ((u128::from(x) * n as u128) >> 64) as usize
    }
";

#[cfg(test)]
#[path = "../../../tests/support/code_families.rs"]
mod code_families;

#[cfg(test)]
mod tests {
    use super::code_families::{near_misses, Family, SIZES};
    use super::*;

    fn assert_lookup(table: &Table, keys: &[&str], what: &str) {
        for (i, k) in keys.iter().enumerate() {
            assert_eq!(table.candidate(k), Some(i), "{what}: {k:?}");
        }
        let set: std::collections::HashSet<&str> = keys.iter().copied().collect();
        for k in keys {
            for miss in near_misses(k) {
                if !set.contains(miss.as_str()) {
                    assert!(table.candidate(&miss).is_none_or(|c| keys[c] != miss), "{what}: {miss:?} found");
                }
            }
        }
    }

    /// The shapes that defeated the old hash (sequential codes differing in
    /// their last partial word) and their kin, at every size of the sweep.
    #[test]
    fn every_family_at_every_size_builds_and_finds_itself() {
        for family in Family::ALL {
            for &n in SIZES {
                let keys = family.codes(n);
                let refs: Vec<&str> = keys.iter().map(String::as_str).collect();
                let what = format!("{family:?} at {}", refs.len());
                let table = build(&refs).unwrap_or_else(|| panic!("{what}: no table"));
                assert_eq!(table.seed, 0, "{what}: the first seed of the dense layout fits");
                assert_lookup(&table, &refs, &what);
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 48, ..proptest::prelude::ProptestConfig::default() })]

        /// Sequential codes with any prefix, suffix, start and zero padding.
        #[test]
        fn any_sequential_family_builds(
            prefix in "[A-Z0-9_.-]{0,40}",
            suffix in "[A-Z_.-]{0,12}",
            start in 0usize..1_000_000,
            width in 0usize..9,
            n in 129usize..3_000,
        ) {
            let keys: Vec<String> = (start..start + n).map(|i| format!("{prefix}{i:0width$}{suffix}")).collect();
            let refs: Vec<&str> = keys.iter().map(String::as_str).collect();
            let table = build(&refs).expect("a table");
            assert_lookup(&table, &refs, &format!("{prefix}{{i:0{width}}}{suffix} from {start}, {n} codes"));
        }
    }

    #[test]
    fn the_sparse_layout_works_alone_and_no_layout_means_none() {
        let keys = Family::Prefixed.codes(1_000);
        let refs: Vec<&str> = keys.iter().map(String::as_str).collect();
        let table = build_with(&refs, &LAYOUTS[1..]).expect("a sparse table");
        assert_eq!((table.displacements.len(), table.slots.len()), (1_000, 2_000));
        assert_lookup(&table, &refs, "sparse");
        assert!(build_with(&refs, &[]).is_none());
    }

    /// Keys whose hashes agree cannot be parted by any displacement: the
    /// seed is given up at once, not after 65,535 displacements.
    #[test]
    fn equal_hashes_skip_the_seed() {
        let keys = ["A", "B"];
        assert!(place(&keys, 0, 1, 2).is_some());
        let twice = ["A", "A"];
        assert!(place(&twice, 0, 1, 2).is_none());
    }

    #[test]
    fn hash_reads_every_byte() {
        assert_ne!(hash(b"ABCDEFGHI", 0), hash(b"ABCDEFGHJ", 0));
        assert_ne!(hash(b"", 0), hash(b"\0", 0));
        assert_ne!(hash(b"AB", 0), hash(b"AB", 1));
        // The last partial word reaches the high bits that pick the bucket.
        let high: std::collections::HashSet<u64> = (b'0'..=b'9').map(|c| hash(&[b'E', b'R', b'R', b'_', c], 0) >> 56).collect();
        assert!(high.len() > 5, "{high:?}");
    }
}
