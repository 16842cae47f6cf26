//! A condition table made ready for the search: its message and chaining-value differences, the
//! tunnels derived from it by the rules of docs/attack.md §7.3, and a check that it has the shape
//! the search engine relies on.
//!
//! Deriving the tunnels instead of listing them keeps one source of truth: a wrong table then
//! shows up as a wrong tunnel set in the tests, not as a silently slow search.

use super::md5q::{Cv, at, trace_start};
use super::tables::{RowMask, TRow, Table, TableError, Tables, Variant};
use super::verify::trace_conditions;

/// Y − X message difference of block 1 (word-wise, mod 2^32): m4 +2^31, m11 +2^15, m14 +2^31.
pub const DM1: [u32; 16] = diff(1 << 15);
/// Y − X message difference of block 2: m4 +2^31, m11 −2^15, m14 +2^31.
pub const DM2: [u32; 16] = diff((1u32 << 15).wrapping_neg());
/// CV1y − CV1x, the chaining-value difference block 1 must leave (docs/attack.md §1).
pub const DCV1: Cv = [0x8000_0000, 0x8200_0000, 0x8200_0000, 0x8200_0000];

const fn diff(m11: u32) -> [u32; 16] {
    let mut d = [0; 16];
    d[4] = 1 << 31;
    d[11] = m11;
    d[14] = 1 << 31;
    d
}

/// Word-wise `a + d`.
pub fn add_words(a: &[u32; 16], d: &[u32; 16]) -> [u32; 16] {
    std::array::from_fn(|i| a[i].wrapping_add(d[i]))
}

/// Word-wise `a + d` on chaining values.
pub fn add_cv(a: &Cv, d: &Cv) -> Cv {
    std::array::from_fn(|i| a[i].wrapping_add(d[i]))
}

/// Word-wise `a − b` on chaining values.
pub fn sub_cv(a: &Cv, b: &Cv) -> Cv {
    std::array::from_fn(|i| a[i].wrapping_sub(b[i]))
}

/// Bits that can be flipped without disturbing the message words already verified
/// (docs/attack.md §7.3).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tunnels {
    /// Q4 bits; they change m3, m4, m7.
    pub q4: u32,
    /// Whether flipping a Q4-tunnel bit also changes m5 (then Q21 is rechecked per value).
    pub q4_changes_m5: bool,
    /// Q9 bits of the Q9/Q10 tunnel.
    pub q9q10_q9: u32,
    /// Q10 bits of the Q9/Q10 tunnel.
    pub q9q10_q10: u32,
    /// Q9 bits of the innermost tunnel; they change only m8, m9, m12.
    pub q9: u32,
}

impl Tunnels {
    /// The tunnels of a table, by the rules of docs/attack.md §7.3 (round-1 F: x selects y or z).
    pub fn derive(table: &Table) -> Tunnels {
        let row = |t: i32| -> &RowMask { &table.q[at(t)] };
        // Q9[i] changes neither m10 (Q10[i] = 0: F(Q10, Q9, Q8) reads Q8) nor m11
        // (Q11[i] = 1: F(Q11, Q10, Q9) reads Q10).
        let q9 = row(9).free() & row(10).fixed0() & row(11).fixed1;
        // Q10[i] does not change m11 when Q11[i] = 0; nothing after Q11 may relate to it.
        let q9q10_q10 = row(10).free() & row(11).fixed0() & !row(12).related2();
        // Q9[i] with Q11[i] = 1 keeps m11; Q10[i] may read it (m10 is recomputed anyway) but
        // must not be tied to it.
        let q9q10_q9 = row(9).free() & row(11).fixed1 & !row(10).fixed0() & !row(10).related1();
        // Q4[i] keeps m6 when Q6[i] = 1 (F(Q6, Q5, Q4) reads Q5); Q5 must not be tied to it.
        let q4 = row(4).free() & row(6).fixed1 & !row(5).related1() & !row(6).related2();
        // With Q5[i] = 0, F(Q5, Q4, Q3) reads Q3 and m5 stays; otherwise it changes.
        let q4_changes_m5 = q4 & !row(5).fixed0() != 0;
        Tunnels {
            q4,
            q4_changes_m5,
            q9q10_q9,
            q9q10_q10,
            q9,
        }
    }
}

/// One table, compiled for the search.
#[derive(Clone, Debug)]
pub struct Path {
    pub name: &'static str,
    /// Q rows, Q_t at index t + 3.
    pub rows: [RowMask; 68],
    /// T rows of steps 0..63.
    pub t: [TRow; 64],
    pub tunnels: Tunnels,
    /// Other − base message difference.
    pub dm: [u32; 16],
}

impl Path {
    /// Compiles a table whose other message is base + `dm`.
    ///
    /// The engine skips rows 25..47 and checks T only at steps 22 and 34 (where every table
    /// has them, docs/attack.md §6.1); a table with conditions elsewhere is refused, not half-used.
    pub fn compile(table: &Table, dm: [u32; 16]) -> Result<Path, TableError> {
        let refuse = |reason: String| TableError {
            table: table.name,
            line: 0,
            reason,
        };
        if let Some(t) = (25..=47).find(|&t| table.q[at(t)].cond != 0) {
            return Err(refuse(format!(
                "row {t} has conditions; the search expects none in rows 25..47"
            )));
        }
        if let Some(t) = (0..64).find(|&t| table.t[t].mask != 0 && t != 22 && t != 34) {
            return Err(refuse(format!(
                "T condition at step {t}; the search checks only steps 22 and 34"
            )));
        }
        let tunnels = Tunnels::derive(table);
        Ok(Path {
            name: table.name,
            rows: table.q,
            t: table.t,
            tunnels,
            dm,
        })
    }

    #[inline(always)]
    pub fn row(&self, t: i32) -> &RowMask {
        &self.rows[at(t)]
    }
}

/// The six compiled paths.
#[derive(Clone, Debug)]
pub struct Paths {
    pub block1: Path,
    /// Indexed by `Variant as usize`.
    pub block2: [Path; 5],
}

impl Paths {
    pub fn compile(tables: &Tables) -> Result<Paths, TableError> {
        let b2 = |v: Variant| {
            // The Stevens paths describe Y, whose "other" (X) differs by the block-1 δM.
            let dm = if v.base_is_y() { DM1 } else { DM2 };
            Path::compile(tables.block2(v), dm)
        };
        Ok(Paths {
            block1: Path::compile(&tables.block1, DM1)?,
            block2: [
                b2(Variant::W)?,
                b2(Variant::S00)?,
                b2(Variant::S01)?,
                b2(Variant::S10)?,
                b2(Variant::S11)?,
            ],
        })
    }

    pub fn block2(&self, v: Variant) -> &Path {
        &self.block2[v as usize]
    }

    /// The block-2 path whose rows −3..0 accept the chaining values after block 1
    /// (docs/attack.md §5.1), given file X's value; file Y's is X's + δCV1. At most one path
    /// matches.
    pub fn variant_for(&self, cv1x: &Cv) -> Option<Variant> {
        let cv1y = add_cv(cv1x, &DCV1);
        Variant::ALL.into_iter().find(|&v| {
            let base = if v.base_is_y() { &cv1y } else { cv1x };
            cv_rows_hold(self.block2(v), base)
        })
    }
}

/// Whether rows −3..0 of a path hold for a chaining value (docs/attack.md §6.5).
pub fn cv_rows_hold(path: &Path, cv: &Cv) -> bool {
    trace_conditions(&path.rows, &path.t, &trace_start(cv), &[0; 16], -3..=0).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::collide::tables::tables;

    fn bits(list: &[u32]) -> u32 {
        list.iter().fold(0, |m, &b| m | 1 << b)
    }

    fn paths() -> Paths {
        Paths::compile(tables().unwrap()).unwrap()
    }

    #[test]
    fn derived_tunnels_equal_the_lists_of_spec_7_and_8() {
        let p = paths();
        let t = p.block1.tunnels;
        assert_eq!(t.q4, bits(&[2, 27, 28, 29]));
        assert!(!t.q4_changes_m5);
        assert_eq!((t.q9q10_q9, t.q9q10_q10), (bits(&[13]), bits(&[5, 6])));
        assert_eq!(
            t.q9,
            bits(&[1, 2, 4, 8, 9, 10, 11, 14, 16, 19, 20, 21, 23, 25, 26, 27])
        );

        let want = [
            (
                Variant::W,
                bits(&[13, 14, 15, 22, 23, 24]),
                bits(&[14, 19]),
                bits(&[5, 27, 28]),
                bits(&[2, 3, 4, 10, 18, 20, 21, 22, 29, 30]),
            ),
            (
                Variant::S00,
                0,
                bits(&[13]),
                bits(&[5, 27]),
                bits(&[1, 4, 8, 10, 11, 16, 20, 21, 26]),
            ),
            (
                Variant::S01,
                0,
                bits(&[13, 31]),
                bits(&[4, 5, 27]),
                bits(&[1, 8, 10, 11, 16, 20, 21, 26, 30]),
            ),
            // docs/attack.md §8 (like the reference tool) lists no Q4 tunnel for S10, but the rule
            // of §7.3 gives bit 28 (see the Our notes there): Q4[28] free, Q5[28] free and untied,
            // Q6[28] = 1. Flipping it changes m3, m4, m5, m7 and nothing before step 20, like W's
            // Q4 tunnel, so we use it (Q21 is rechecked per value).
            (
                Variant::S10,
                bits(&[28]),
                bits(&[9]),
                bits(&[2, 27]),
                bits(&[1, 3, 5, 10, 16, 20, 21, 22, 26, 29]),
            ),
            (
                Variant::S11,
                0,
                bits(&[7, 9, 31]),
                bits(&[27]),
                bits(&[1, 4, 10, 11, 16, 20, 21, 22, 26]),
            ),
        ];
        for (v, q4, q9q10_q9, q9q10_q10, q9) in want {
            let t = p.block2(v).tunnels;
            assert_eq!(
                t,
                Tunnels {
                    q4,
                    q4_changes_m5: q4 != 0,
                    q9q10_q9,
                    q9q10_q10,
                    q9
                },
                "{v}"
            );
        }
    }

    #[test]
    fn variant_rule_of_the_tables_matches_spec_5_1() {
        // docs/attack.md §5.1 written out on CV1x, compared with rows −3..0 of the five tables.
        fn by_hand(cv: &Cv) -> Option<Variant> {
            let [_, b, c, d] = *cv;
            let bit = |x: u32, i: u32| (x >> i) & 1;
            let msb = bit(b, 31) == bit(c, 31) && bit(b, 31) == bit(d, 31);
            if msb
                && bit(b, 25) == 0
                && bit(c, 25) == 1
                && bit(d, 25) == 0
                && bit(b, 26) == 0
                && bit(c, 26) == 0
                && bit(b, 5) == 0
            {
                return Some(Variant::W);
            }
            if msb
                && bit(b, 25) == 0
                && bit(c, 25) == 0
                && bit(d, 25) == 0
                && bit(c, 0) == bit(b, 0)
            {
                return Some(
                    [Variant::S00, Variant::S01, Variant::S10, Variant::S11]
                        [(bit(b, 6) * 2 + bit(b, 0)) as usize],
                );
            }
            None
        }
        let p = paths();
        let mut rng = crate::rng::Rng::new(77);
        let mut seen = std::collections::HashSet::new();
        for _ in 0..200_000 {
            let cv: Cv = std::array::from_fn(|_| rng.next_u32());
            let want = by_hand(&cv);
            assert_eq!(p.variant_for(&cv), want, "{cv:08x?}");
            seen.insert(want);
        }
        assert_eq!(seen.len(), 6, "every variant and 'none' occurred");
    }

    #[test]
    fn cv_rows_do_not_look_before_the_chaining_value() {
        let p = paths();
        for path in std::iter::once(&p.block1).chain(&p.block2) {
            assert_eq!(
                path.row(-3).related1() | path.row(-3).related2() | path.row(-2).related2(),
                0,
                "{}",
                path.name
            );
        }
    }
}
