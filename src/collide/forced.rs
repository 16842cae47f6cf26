//! Bytes of block 1 held to chosen values: the option that lets a collision block carry a file
//! format's bytes, e.g. a JPEG marker `FF FE` at bytes 57–58, right before the byte whose top
//! bit the collision flips (issue 14).
//!
//! Bytes 56..58 are the low three bytes of message word m14. m14 depends only on Q11..Q15
//! (step 14) and no tunnel changes those, so the search draws m14 with the forced bytes set,
//! computes the Q15 it implies and keeps it when row 15's conditions hold (about 6 bits: 1 try
//! in 64), then goes on as usual. Every later word is computed from the states, so the
//! forced bytes survive to the final block. Byte 59 carries the difference δm14 = 2^31 and
//! is never forced.

use std::fmt;

/// Which bytes of block 1 may be forced (the low three bytes of m14).
pub const FORCEABLE: std::ops::RangeInclusive<usize> = 56..=58;

/// For each forced byte of block 1, the values it may take.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Forced {
    bytes: Vec<(usize, Vec<u8>)>,
}

/// Why a forced-bytes option was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ForcedError(pub String);

impl fmt::Display for ForcedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ForcedError {}

impl Forced {
    /// Bytes (offsets in the 64-byte block 1) and their allowed values.
    pub fn new(bytes: Vec<(usize, Vec<u8>)>) -> Result<Forced, ForcedError> {
        let refuse = |why: String| Err(ForcedError(why));
        for (i, (at, values)) in bytes.iter().enumerate() {
            if !FORCEABLE.contains(at) {
                return refuse(format!(
                    "byte {at} cannot be forced: only bytes 56–58 of block 1 (the low bytes of m14) can"
                ));
            }
            if values.is_empty() {
                return refuse(format!("byte {at} has no allowed value"));
            }
            if bytes[..i].iter().any(|(other, _)| other == at) {
                return refuse(format!("byte {at} is forced twice"));
            }
        }
        Ok(Forced { bytes })
    }

    /// Reads `57=ff,58=fe|e3-ef`: offset `=` values in hex, alternatives split by `|`, ranges
    /// by `-`.
    pub fn parse(spec: &str) -> Result<Forced, ForcedError> {
        let bad = |part: &str| ForcedError(format!("{part:?} is not OFFSET=hex[|hex|hex-hex…]"));
        let mut bytes = Vec::new();
        for part in spec.split(',').filter(|p| !p.trim().is_empty()) {
            let (at, values) = part.split_once('=').ok_or_else(|| bad(part))?;
            let at = at.trim().parse::<usize>().map_err(|_| bad(part))?;
            let mut allowed = Vec::new();
            for alt in values.split('|') {
                let hex = |h: &str| u8::from_str_radix(h.trim(), 16).map_err(|_| bad(part));
                let (lo, hi) = match alt.split_once('-') {
                    Some((lo, hi)) => (hex(lo)?, hex(hi)?),
                    None => (hex(alt)?, hex(alt)?),
                };
                if lo > hi {
                    return Err(bad(part));
                }
                for v in lo..=hi {
                    if !allowed.contains(&v) {
                        allowed.push(v);
                    }
                }
            }
            bytes.push((at, allowed));
        }
        Forced::new(bytes)
    }

    /// m14 from a random word with each forced byte replaced by one of its allowed values
    /// (chosen by `pick`, one random word per forced byte).
    pub(super) fn m14(&self, random: u32, mut pick: impl FnMut() -> u32) -> u32 {
        let mut m14 = random;
        for (at, values) in &self.bytes {
            let shift = 8 * (at - 56) as u32;
            let value = values[pick() as usize % values.len()];
            m14 = (m14 & !(0xff << shift)) | (u32::from(value) << shift);
        }
        m14
    }

    /// Whether `block` (block 1, or a whole file's bytes from block 1 on) carries every forced
    /// byte.
    pub fn holds(&self, block: &[u8]) -> bool {
        self.bytes
            .iter()
            .all(|(at, values)| block.get(*at).is_some_and(|b| values.contains(b)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_option_reads_values_alternatives_and_ranges() {
        let f = Forced::parse("57=ff,58=fe|e3-e5").unwrap();
        assert_eq!(
            f,
            Forced::new(vec![(57, vec![0xff]), (58, vec![0xfe, 0xe3, 0xe4, 0xe5])]).unwrap()
        );
        let mut block = [0u8; 64];
        assert!(!f.holds(&block));
        (block[57], block[58]) = (0xff, 0xe4);
        assert!(f.holds(&block));
        block[58] = 0xe6;
        assert!(!f.holds(&block));
        for bad in [
            "59=ff",
            "55=00",
            "57=",
            "57=zz",
            "57=f0-e0",
            "x=ff",
            "57=ff,57=fe",
        ] {
            assert!(Forced::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn m14_carries_the_forced_bytes_and_keeps_the_rest() {
        let f = Forced::parse("56=01,58=e3-ef").unwrap();
        let mut picks = 0u32;
        for random in [0u32, u32::MAX, 0x1234_5678] {
            let m14 = f.m14(random, || {
                picks += 7;
                picks
            });
            let bytes = m14.to_le_bytes();
            assert_eq!(bytes[0], 0x01);
            assert!((0xe3..=0xef).contains(&bytes[2]));
            assert_eq!(bytes[1], random.to_le_bytes()[1]);
            assert_eq!(bytes[3], random.to_le_bytes()[3]);
        }
    }
}
