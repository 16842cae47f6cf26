//! MD5's compression function written in the Q_t notation of docs/attack.md §2: the state words
//! Q_{-3}..Q_64, one forward step, its inverse, and whole-block helpers.
//!
//! The attack reasons about Q_t (the value each step produces), not about the rolling a, b, c,
//! d of a textbook MD5, because every bit condition of the tables is a condition on some Q_t.
//! A trace is stored as `[u32; 68]` with Q_t at index `t + 3` (see [`at`]).

/// A chaining value in MD5's own word order (a, b, c, d); the digest is their little-endian bytes.
pub type Cv = [u32; 4];

/// A full trace Q_{-3}..Q_64, Q_t at index `t + 3`.
pub type Trace = [u32; 68];

/// MD5's initial chaining value.
pub const IV: Cv = [0x6745_2301, 0xefcd_ab89, 0x98ba_dcfe, 0x1032_5476];

/// AC_t = floor(2^32 · |sin(t + 1)|).
pub const AC: [u32; 64] = [
    0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
    0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
    0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
    0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
    0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
    0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
    0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
    0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
];

/// Rotation of step t.
pub const RC: [u32; 64] = {
    const ROUNDS: [[u32; 4]; 4] = [
        [7, 12, 17, 22],
        [5, 9, 14, 20],
        [4, 11, 16, 23],
        [6, 10, 15, 21],
    ];
    let mut out = [0; 64];
    let mut t = 0;
    while t < 64 {
        out[t] = ROUNDS[t / 16][t % 4];
        t += 1;
    }
    out
};

/// Index k(t) of the message word used in step t.
pub const WORD: [usize; 64] = {
    let mut out = [0; 64];
    let mut t = 0;
    while t < 64 {
        out[t] = match t / 16 {
            0 => t,
            1 => (1 + 5 * t) % 16,
            2 => (5 + 3 * t) % 16,
            _ => (7 * t) % 16,
        };
        t += 1;
    }
    out
};

/// Position of Q_t in a [`Trace`].
#[inline(always)]
pub const fn at(t: i32) -> usize {
    (t + 3) as usize
}

/// The boolean function of step t on x = Q_t, y = Q_{t-1}, z = Q_{t-2}.
#[inline(always)]
pub fn boolean(t: usize, x: u32, y: u32, z: u32) -> u32 {
    match t / 16 {
        // Written with one fewer operation than the textbook forms; same truth tables.
        0 => z ^ (x & (y ^ z)),
        1 => y ^ (z & (x ^ y)),
        2 => x ^ y ^ z,
        _ => y ^ (x | !z),
    }
}

/// Forward step t: Q_{t+1} from Q_{t-3}, Q_t, Q_{t-1}, Q_{t-2} and the message word W_t.
#[inline(always)]
pub fn step(t: usize, qm3: u32, q: u32, q1: u32, q2: u32, w: u32) -> u32 {
    // The sum of the words that are not on the critical path comes first.
    let rest = w.wrapping_add(AC[t]).wrapping_add(qm3);
    q.wrapping_add(boolean(t, q, q1, q2).wrapping_add(rest).rotate_left(RC[t]))
}

/// Inverse step t: the message word W_t that makes step t produce `next` = Q_{t+1}.
#[inline(always)]
pub fn inverse(t: usize, next: u32, q: u32, q1: u32, q2: u32, qm3: u32) -> u32 {
    next.wrapping_sub(q)
        .rotate_right(RC[t])
        .wrapping_sub(boolean(t, q, q1, q2))
        .wrapping_sub(qm3)
        .wrapping_sub(AC[t])
}

/// T_t, the sum of step t before its rotation, recovered from the trace.
#[inline(always)]
pub fn t_sum(t: usize, q: &Trace, m: &[u32; 16]) -> u32 {
    let i = at(t as i32);
    boolean(t, q[i], q[i - 1], q[i - 2])
        .wrapping_add(q[i - 3])
        .wrapping_add(AC[t])
        .wrapping_add(m[WORD[t]])
}

/// Forward step t on a trace: writes Q_{t+1}.
#[inline(always)]
pub fn step_at(t: usize, q: &mut Trace, m: &[u32; 16]) {
    let i = at(t as i32);
    q[i + 1] = step(t, q[i - 3], q[i], q[i - 1], q[i - 2], m[WORD[t]]);
}

/// Inverse step t on a trace, for t in 0..16 (where W_t = m_t).
#[inline(always)]
pub fn word_at(t: usize, q: &Trace) -> u32 {
    let i = at(t as i32);
    inverse(t, q[i + 1], q[i], q[i - 1], q[i - 2], q[i - 3])
}

/// Q_{-3}..Q_0 of a chaining value: (a, d, c, b), docs/attack.md §2.
pub fn trace_start(cv: &Cv) -> Trace {
    let mut q = [0; 68];
    q[0] = cv[0];
    q[1] = cv[3];
    q[2] = cv[2];
    q[3] = cv[1];
    q
}

/// The full trace of one block compressed from `cv`.
pub fn states(cv: &Cv, m: &[u32; 16]) -> Trace {
    let mut q = trace_start(cv);
    for t in 0..64 {
        step_at(t, &mut q, m);
    }
    q
}

/// The chaining value after a trace: (a + Q61, b + Q64, c + Q63, d + Q62).
pub fn output(cv: &Cv, q: &Trace) -> Cv {
    [
        cv[0].wrapping_add(q[at(61)]),
        cv[1].wrapping_add(q[at(64)]),
        cv[2].wrapping_add(q[at(63)]),
        cv[3].wrapping_add(q[at(62)]),
    ]
}

/// One MD5 compression.
pub fn compress(cv: &Cv, m: &[u32; 16]) -> Cv {
    output(cv, &states(cv, m))
}

/// The 16 little-endian words of a 64-byte block.
pub fn words(block: &[u8]) -> [u32; 16] {
    debug_assert_eq!(block.len(), 64);
    let mut m = [0; 16];
    for (w, b) in m.iter_mut().zip(block.chunks_exact(4)) {
        *w = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
    }
    m
}

/// The 64 bytes of 16 words.
pub fn bytes(m: &[u32; 16]) -> [u8; 64] {
    let mut out = [0; 64];
    for (b, w) in out.chunks_exact_mut(4).zip(m) {
        b.copy_from_slice(&w.to_le_bytes());
    }
    out
}

/// The chaining value after `blocks` (whole 64-byte blocks, no MD5 length padding), from the IV.
pub fn chaining_value(blocks: &[u8]) -> Cv {
    debug_assert_eq!(blocks.len() % 64, 0);
    blocks
        .chunks_exact(64)
        .fold(IV, |cv, block| compress(&cv, &words(block)))
}

/// The digest-order bytes of a chaining value (what an MD5 of exactly these blocks would print).
pub fn cv_bytes(cv: &Cv) -> [u8; 16] {
    let mut out = [0; 16];
    for (b, w) in out.chunks_exact_mut(4).zip(cv) {
        b.copy_from_slice(&w.to_le_bytes());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Rng;

    #[test]
    fn constants_follow_their_definitions() {
        for (t, &ac) in AC.iter().enumerate() {
            let want = ((t as f64 + 1.0).sin().abs() * 4_294_967_296.0) as u32;
            assert_eq!(ac, want, "AC_{t}");
        }
        assert_eq!(&RC[16..20], &[5, 9, 14, 20]);
        assert_eq!((WORD[16], WORD[35], WORD[63]), (1, 14, 9));
    }

    #[test]
    fn step_and_inverse_round_trip() {
        let mut rng = Rng::new(11);
        for _ in 0..20_000 {
            let t = rng.range(0, 63) as usize;
            let [qm3, q, q1, q2, w] = std::array::from_fn(|_| rng.next_u32());
            let next = step(t, qm3, q, q1, q2, w);
            assert_eq!(inverse(t, next, q, q1, q2, qm3), w, "step {t}");
        }
    }

    #[test]
    fn first_sixteen_inverse_steps_recover_the_block() {
        let mut rng = Rng::new(12);
        for _ in 0..200 {
            let cv: Cv = std::array::from_fn(|_| rng.next_u32());
            let m: [u32; 16] = std::array::from_fn(|_| rng.next_u32());
            let q = states(&cv, &m);
            for (t, &w) in m.iter().enumerate() {
                assert_eq!(word_at(t, &q), w);
            }
        }
    }

    #[test]
    fn byte_and_word_conversions_invert() {
        let mut block = [0u8; 64];
        Rng::new(3).fill(&mut block);
        assert_eq!(bytes(&words(&block)), block);
    }
}
