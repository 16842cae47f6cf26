//! The collision classes the detector knows, and the check of one block against them.
//!
//! A class is what every collision of one attack has in common: the message-word difference
//! δM of its first block, the chaining-value difference δIHV that block leaves, and the state
//! differences its differential path fixes in round 4. Both files of a pair look the same from
//! inside one file: the sister of a block is the block with ±δM applied (+ for the first block
//! of file X and the second of file Y, − for the other two), and
//!
//! - a **near-collision** (first) block: compress(h, B ± δM) = compress(h, B) ± δIHV;
//! - a **collision** (second) block: compress(h ∓ δIHV, B ± δM) = compress(h, B).
//!
//! Counter-cryptanalysis (Stevens, CRYPTO 2013) avoids recomputing the sister in full: from a
//! step where the path fixes the state difference, the sister's state is the block's own state
//! plus that difference, so only the steps after it need computing. Here that step is 48, the
//! start of round 4, where both classes' paths fix δQ45..δQ48 and keep δQ49..δQ60 at 2^31 (one
//! bit condition per step). Four sister steps and one comparison reject all but about one random
//! block in 16 per class; the survivors run to step 63 and must show exactly the class's output
//! difference (about 1 random block in 100,000 does); those are confirmed by the two full
//! compressions above, which are the definition, so a report never rests on the shortcut.
//!
//! Stevens' detector also runs the sister backwards from its starting step to find the sister's
//! chaining value, so it needs no δIHV and also catches variants of an attack. Knowing each
//! class's δIHV, we skip the backward steps and confirm with it directly; the price is that a
//! variant with another δIHV or another round-4 path goes unnoticed.

use super::compress::Taps;
use crate::collide::md5q::{self, Cv, WORD};
use crate::collide::path::{DCV1, DM1, add_cv, add_words, sub_cv};
use serde::{Deserialize, Serialize};
use std::fmt;

const MSB: u32 = 1 << 31;

/// An attack whose blocks the detector recognises.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CollisionClass {
    /// Wang et al.'s two-block identical-prefix differential (2004): δm4 = δm14 = 2^31,
    /// δm11 = +2^15 in the first block and −2^15 in the second. Made by fastcoll, HashClash,
    /// hashwall's own `collide`, and Wang's published pairs.
    Fastcoll,
    /// Stevens' UniColl (HashClash `poc_no.sh`): δm2 = +2^8 in the first block (+1 in its byte 9)
    /// and −2^8 in the second. Used by corkami's JPEG/PNG/PDF pairs and Citizen Lab's WeChat pair.
    Unicoll,
}

impl CollisionClass {
    /// Every class, in the order they are checked.
    pub const ALL: [CollisionClass; 2] = [CollisionClass::Fastcoll, CollisionClass::Unicoll];

    /// Its name in JSON and messages.
    pub fn name(self) -> &'static str {
        match self {
            CollisionClass::Fastcoll => "fastcoll",
            CollisionClass::Unicoll => "unicoll",
        }
    }
}

impl fmt::Display for CollisionClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Which block of a two-block collision a detected block is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// The first block: its sister, from the same chaining value, ends exactly the class's
    /// δIHV away. The collision is not complete yet.
    NearCollision,
    /// The second block: its sister, from a chaining value the class's δIHV away, ends on the
    /// same chaining value. From here on, the two files hash alike.
    Collision,
}

impl Role {
    pub fn name(self) -> &'static str {
        match self {
            Role::NearCollision => "near-collision",
            Role::Collision => "collision",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A class as differences (file Y − file X, word-wise mod 2^32).
pub(crate) struct Class {
    pub kind: CollisionClass,
    /// δM of the first block; the second block's is −δM.
    pub dm: [u32; 16],
    /// δIHV after the first block, in MD5's (a, b, c, d) order.
    pub dcv: Cv,
    /// δQ45..δQ48 of the path, the same in both blocks (each is 0 or 2^31, whose sign is moot).
    pub window: [u32; 4],
}

/// Fastcoll's path: δQ35..δQ61 = 2^31 in both blocks (so in all 61 pairs of the tests, which
/// would not be detected if δQ45..δQ52 differed).
const FASTCOLL: Class = Class {
    kind: CollisionClass::Fastcoll,
    dm: DM1,
    dcv: DCV1,
    window: [MSB; 4],
};

/// UniColl's path: δQ27..δQ47 = 0; step 47 reads m2 and rotates its 2^8 by 23 into δQ48 = 2^31,
/// which stays to Q62; step 62 reads m2 again (2^8 rotated by 15: 2^23). Hence δIHV =
/// (2^31, 2^31 + 2^23, 2^31 + 2^23, 2^31), as both published pairs in the tests show.
const UNICOLL: Class = Class {
    kind: CollisionClass::Unicoll,
    dm: {
        let mut d = [0; 16];
        d[2] = 1 << 8;
        d
    },
    dcv: [MSB, MSB | 1 << 23, MSB | 1 << 23, MSB],
    window: [0, 0, 0, MSB],
};

pub(crate) const CLASSES: [Class; 2] = [FASTCOLL, UNICOLL];

/// The sister's block: `m + δM`, or `m − δM` when `minus`.
pub(crate) fn sister_words(m: &[u32; 16], dm: &[u32; 16], minus: bool) -> [u32; 16] {
    let d: [u32; 16] = std::array::from_fn(|k| if minus { dm[k].wrapping_neg() } else { dm[k] });
    add_words(m, &d)
}

/// `d` or `−d`.
fn signed(d: &Cv, minus: bool) -> Cv {
    if minus { sub_cv(&[0; 4], d) } else { *d }
}

/// A chaining value's words in Q order: (a, d, c, b) are fed forward from Q61, Q62, Q63, Q64.
fn q_order(cv: &Cv) -> [u32; 4] {
    [cv[0], cv[3], cv[2], cv[1]]
}

/// Checks one block (words `m`, compressed from `cv` to `out` with inner states `taps`) against
/// every class, and calls `found` for each confirmed detection.
#[inline(always)]
pub fn check(
    cv: &Cv,
    m: &[u32; 16],
    out: &Cv,
    taps: &Taps,
    found: &mut impl FnMut(CollisionClass, Role),
) {
    for class in &CLASSES {
        if let Some(sister) = opening(class, m, taps) {
            let signs = closing(class, m, taps, sister);
            for (minus, candidate) in [false, true].into_iter().zip(signs) {
                if candidate {
                    confirm(class, cv, m, out, minus, found);
                }
            }
        }
    }
}

/// The sister's steps 48..=51 from the path's window; `Some(Q49..=Q52 of the sister)` when each
/// differs from the block's own by 2^31, as the path requires (about one block in 16 by chance).
///
/// The words read by steps 48..=60 carry differences of 0 or 2^31 in both classes, so the sister
/// of either sign reads the same ones (`dm_is_sign_free_in_round_4_until_step_60`).
#[inline(always)]
pub(crate) fn opening(class: &Class, m: &[u32; 16], taps: &Taps) -> Option<[u32; 4]> {
    let w = |t: usize| m[WORD[t]].wrapping_add(class.dm[WORD[t]]);
    let [s45, s46, s47, s48] =
        std::array::from_fn(|k| taps.q(45 + k).wrapping_add(class.window[k]));
    let s49 = md5q::step(48, s45, s48, s47, s46, w(48));
    let s50 = md5q::step(49, s46, s49, s48, s47, w(49));
    let s51 = md5q::step(50, s47, s50, s49, s48, w(50));
    let s52 = md5q::step(51, s48, s51, s50, s49, w(51));
    let off = |s: u32, t: usize| s ^ taps.q(t) ^ MSB;
    let bad = off(s49, 49) | off(s50, 50) | off(s51, 51) | off(s52, 52);
    (bad == 0).then_some([s49, s50, s51, s52])
}

/// The rest of the sister for a block that passed [`opening`]: steps 52..=60 once, 61..=63 for
/// each sign. For the signs `[+, −]`, whether the output difference is exactly the class's (the
/// candidates for the full confirmation).
#[cold]
#[inline(never)]
pub(crate) fn closing(class: &Class, m: &[u32; 16], taps: &Taps, sister: [u32; 4]) -> [bool; 2] {
    let q58_61 = run(sister, 52..61, &sister_words(m, &class.dm, false));
    [false, true].map(|minus| {
        let end = run(q58_61, 61..64, &sister_words(m, &class.dm, minus));
        let diff: [u32; 4] = std::array::from_fn(|k| end[k].wrapping_sub(taps.end[k]));
        diff == q_order(&signed(&class.dcv, minus))
    })
}

/// Steps `steps` from the four states Q_{t−3}..Q_t before the first one; the last four after.
fn run(mut q: [u32; 4], steps: std::ops::Range<usize>, m: &[u32; 16]) -> [u32; 4] {
    for t in steps {
        let next = md5q::step(t, q[0], q[3], q[2], q[1], m[WORD[t]]);
        q = [q[1], q[2], q[3], next];
    }
    q
}

/// The definition of the class, by two full compressions of the sister.
fn confirm(
    class: &Class,
    cv: &Cv,
    m: &[u32; 16],
    out: &Cv,
    minus: bool,
    found: &mut impl FnMut(CollisionClass, Role),
) {
    let sister = sister_words(m, &class.dm, minus);
    let dcv = signed(&class.dcv, minus);
    if md5q::compress(cv, &sister) == add_cv(out, &dcv) {
        found(class.kind, Role::NearCollision);
    }
    if md5q::compress(&sub_cv(cv, &dcv), &sister) == *out {
        found(class.kind, Role::Collision);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::compress::compress;
    use crate::rng::Rng;

    #[test]
    fn dm_is_sign_free_in_round_4_until_step_60() {
        for class in &CLASSES {
            for &k in &WORD[48..=60] {
                assert_eq!(
                    class.dm[k],
                    class.dm[k].wrapping_neg(),
                    "{} m{k}",
                    class.kind
                );
            }
            // The window's differences are sign-free too.
            assert!(class.window.iter().all(|&d| d == 0 || d == MSB));
        }
    }

    /// The shortcut computes the same sister states as a full compression that starts from a
    /// chaining value whose trace has the window difference (built backwards from the window).
    #[test]
    fn shortcut_sister_equals_the_full_sister_trace() {
        let mut rng = Rng::new(0x5157e5);
        for class in &CLASSES {
            for _ in 0..500 {
                let cv: Cv = std::array::from_fn(|_| rng.next_u32());
                let m: [u32; 16] = std::array::from_fn(|_| rng.next_u32());
                let (_, taps) = compress(&cv, &m);
                // The sister whose state at step 48 is the block's plus the window difference:
                // run MD5 backwards from there with the sister's words to its chaining value.
                let sister = sister_words(&m, &class.dm, false);
                let mut q = [0u32; 68];
                for k in 0..4 {
                    q[md5q::at(45 + k as i32)] = taps.q(45 + k).wrapping_add(class.window[k]);
                }
                for t in (0..48).rev() {
                    let i = md5q::at(t as i32);
                    q[i - 3] = md5q::inverse(t, q[i + 1], q[i], q[i - 1], q[i - 2], 0)
                        .wrapping_sub(sister[WORD[t]]);
                }
                let start: Cv = [q[0], q[3], q[2], q[1]];
                let full = md5q::states(&start, &sister);
                for t in 45..=48 {
                    assert_eq!(full[md5q::at(t)], q[md5q::at(t)]);
                }
                let want: [u32; 4] = std::array::from_fn(|k| full[md5q::at(49 + k as i32)]);
                let path_holds = (49..=52).all(|t| full[md5q::at(t)] ^ taps.q(t as usize) == MSB);
                assert_eq!(opening(class, &m, &taps), path_holds.then_some(want));
                let end = run(run(want, 52..61, &sister), 61..64, &sister);
                if path_holds {
                    assert_eq!(end, std::array::from_fn(|k| full[md5q::at(61 + k as i32)]));
                }
            }
        }
    }

    /// How far random blocks get: the opening rejects all but about 1 in 16 per class (the cost
    /// of the scan rests on it), and the closing lets next to none reach the full confirmation.
    #[test]
    fn random_blocks_stop_early() {
        let mut rng = Rng::new(16);
        let n = 400_000;
        for class in &CLASSES {
            let (mut opened, mut candidates) = (0, 0);
            for _ in 0..n {
                let cv: Cv = std::array::from_fn(|_| rng.next_u32());
                let m: [u32; 16] = std::array::from_fn(|_| rng.next_u32());
                let (_, taps) = compress(&cv, &m);
                if let Some(sister) = opening(class, &m, &taps) {
                    opened += 1;
                    candidates += closing(class, &m, &taps, sister)
                        .iter()
                        .filter(|&&c| c)
                        .count();
                }
            }
            let rate = opened as f64 / n as f64;
            eprintln!(
                "{}: opened {opened}, candidates {candidates} of {n}",
                class.kind
            );
            assert!((0.05..0.075).contains(&rate), "{}: {rate}", class.kind);
            assert!(candidates * 2000 < n, "{}: {candidates}", class.kind);
        }
    }
}
