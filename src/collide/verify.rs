//! The checks a result passes before anyone sees it (docs/attack.md §9), and the checks of a Q
//! trace against a table that the tests and debug builds run.
//!
//! `check_pair` trusts nothing the search computed: it recomputes every chaining value from the
//! bytes, and the MD5 of both files with the independent `md-5` implementation.

use super::md5q::{Cv, Trace, at, chaining_value, compress, t_sum, words};
use super::path::{DCV1, DM1, DM2, sub_cv};
use super::tables::{RowMask, TRow, Table};
use crate::fingerprint::md5;

/// Whether Q rows `rows` and the T rows of the steps that produce them hold on a trace.
pub fn trace_conditions(
    q_rows: &[RowMask; 68],
    t_rows: &[TRow; 64],
    q: &Trace,
    m: &[u32; 16],
    rows: std::ops::RangeInclusive<i32>,
) -> Result<(), String> {
    for t in rows.clone() {
        let row = &q_rows[at(t)];
        // Rows −3 and −2 cannot refer to states before the chaining value (the tables have none).
        let prev = if t > -3 { q[at(t) - 1] } else { 0 };
        let prev2 = if t > -2 { q[at(t) - 2] } else { 0 };
        let bad = (q[at(t)] ^ row.want(prev, prev2)) & row.cond;
        if bad != 0 {
            return Err(format!("Q{t} violates its conditions at bits {bad:08x}"));
        }
        if t >= 1 {
            let step = (t - 1) as usize;
            let tc = t_rows[step];
            let bad = (t_sum(step, q, m) ^ tc.value) & tc.mask;
            if bad != 0 {
                return Err(format!("T{step} violates its conditions at bits {bad:08x}"));
            }
        }
    }
    Ok(())
}

/// Whether the other message's trace differs from the base's exactly as the table's D and A
/// rows say, on every row −3..64.
pub fn trace_differences(table: &Table, base: &Trace, other: &Trace) -> Result<(), String> {
    for t in -3..=64 {
        let (b, o) = (base[at(t)], other[at(t)]);
        let additive = o.wrapping_sub(b);
        if additive != table.a[at(t)] {
            return Err(format!(
                "δQ{t} = {additive:08x}, the path wants {:08x}",
                table.a[at(t)]
            ));
        }
        let d = table.d[at(t)];
        let differs = b ^ o;
        let plus_ok = d.plus & (b | !o) == 0;
        let minus_ok = d.minus & (!b | o) == 0;
        let star_ok = d.star & !differs == 0;
        let rest_ok = differs & !(d.plus | d.minus | d.star | d.maybe) == 0;
        if !(plus_ok && minus_ok && star_ok && rest_ok) {
            return Err(format!(
                "Q{t}: signed bit differences do not follow the path"
            ));
        }
    }
    Ok(())
}

/// The chaining values of a collision, block by block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PairValues {
    pub cv0: Cv,
    pub cv1x: Cv,
    pub cv1y: Cv,
    pub cv2: Cv,
}

/// Checks a pair from scratch (docs/attack.md §9): the two files `prefix ‖ x` and `prefix ‖ y`
/// differ, by exactly δM1 and δM2, leave δCV1 after block 1, equal chaining values after block 2,
/// and have equal MD5s.
pub fn check_pair(
    padded_prefix: &[u8],
    x: &[u8; 128],
    y: &[u8; 128],
) -> Result<PairValues, String> {
    if !padded_prefix.len().is_multiple_of(64) {
        return Err(format!(
            "prefix of {} bytes is not padded to whole blocks",
            padded_prefix.len()
        ));
    }
    let (x1, x2) = (words(&x[..64]), words(&x[64..]));
    let (y1, y2) = (words(&y[..64]), words(&y[64..]));
    for (block, (xs, ys, dm)) in [(&x1, &y1, &DM1), (&x2, &y2, &DM2)].into_iter().enumerate() {
        for k in 0..16 {
            if ys[k].wrapping_sub(xs[k]) != dm[k] {
                return Err(format!(
                    "block {}, word {k}: Y − X is not the attack's message difference",
                    block + 1
                ));
            }
        }
    }
    let cv0 = chaining_value(padded_prefix);
    let (cv1x, cv1y) = (compress(&cv0, &x1), compress(&cv0, &y1));
    if sub_cv(&cv1y, &cv1x) != DCV1 {
        return Err("the chaining values after block 1 do not differ by δCV1".into());
    }
    let (cv2x, cv2y) = (compress(&cv1x, &x2), compress(&cv1y, &y2));
    if cv2x != cv2y {
        return Err("the chaining values after block 2 differ".into());
    }
    let file = |suffix: &[u8; 128]| [padded_prefix, &suffix[..]].concat();
    let (fx, fy) = (file(x), file(y));
    if md5(&fx) != md5(&fy) {
        return Err("the two files have different MD5s".into());
    }
    Ok(PairValues {
        cv0,
        cv1x,
        cv1y,
        cv2: cv2x,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_pair_rejects_blocks_without_the_attack_differences() {
        let prefix = [0u8; 64];
        let x = [7u8; 128];
        let err = check_pair(&prefix, &x, &x).unwrap_err();
        assert!(err.contains("word 4"), "{err}");
        assert!(
            check_pair(&prefix[..10], &x, &x)
                .unwrap_err()
                .contains("padded")
        );
        // The right word differences on random blocks: the chaining values give it away.
        let mut y = x;
        let dm: Vec<u32> = DM1.iter().chain(&DM2).copied().collect();
        for (k, d) in dm.iter().enumerate() {
            let w = u32::from_le_bytes(y[4 * k..4 * k + 4].try_into().unwrap()).wrapping_add(*d);
            y[4 * k..4 * k + 4].copy_from_slice(&w.to_le_bytes());
        }
        let err = check_pair(&prefix, &x, &y).unwrap_err();
        assert!(err.contains("δCV1"), "{err}");
    }
}
