//! The 64-byte GIF prefix that precedes the collision blocks.
//!
//! Everything before the collision must be identical in both files, and the canvas size is
//! part of it: one collision serves every pair of pictures of that canvas. The prefix ends
//! inside a comment extension whose last sub-block length, 0x7B = 123, covers collision
//! bytes 0..=122, so collision byte 123 (the last one fastcoll changes, by XOR 0x80) is read
//! as the next sub-block length: `v` in one file and `v + 128` in the other.

/// Length of the prefix: one MD5 block, so the collision starts on a block boundary.
pub const PREFIX_LEN: usize = 64;
/// Offset of the differing length byte inside the 128 collision bytes.
pub const SWITCH_BYTE: usize = 123;

/// The prefix for a canvas of `width`×`height`, with `nonce` written into the comment.
///
/// The nonce changes the chaining value before the collision, so a search can pick one
/// that suits the attack (docs/attack.md §10.3) without changing anything a decoder shows.
pub fn gif_prefix(width: u16, height: u16, nonce: u32) -> [u8; PREFIX_LEN] {
    let mut p = Vec::with_capacity(PREFIX_LEN);
    p.extend_from_slice(b"GIF89a");
    p.extend_from_slice(&width.to_le_bytes());
    p.extend_from_slice(&height.to_le_bytes());
    // No global colour table: each picture brings its own local palette.
    p.extend_from_slice(&[0x00, 0x00, 0x00]);
    p.extend_from_slice(&[0x21, 0xFE]);
    const TEXT_LEN: usize = 47;
    p.push(TEXT_LEN as u8);
    let mut text = format!("hashwall same-MD5 GIF {width}x{height} #{nonce} ").into_bytes();
    text.resize(TEXT_LEN, b'.');
    p.extend_from_slice(&text);
    p.push(SWITCH_BYTE as u8);
    p.try_into().expect("the prefix layout adds up to 64 bytes")
}

/// The two sub-block lengths a collision produces at the switch byte, shorter first.
///
/// Returns `None` unless the blocks differ there by exactly 0x80 and the shorter length leaves room
/// for the 4 collision bytes after the switch byte (docs/how-it-works.md §4, pitfall 4).
pub fn switch_lengths(block_x: &[u8; 128], block_y: &[u8; 128]) -> Option<(u8, u8)> {
    let (x, y) = (block_x[SWITCH_BYTE], block_y[SWITCH_BYTE]);
    if x ^ y != 0x80 {
        return None;
    }
    let short = x.min(y);
    (short >= 4).then_some((short, short + 128))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_reference_prefix_layout() {
        // First prefix of data/fastcoll/gif-reference-collisions.txt (512×512, nonce 0).
        let want = "4749463839610002000200000021fe2f6861736877616c6c2073616d652d4d443520\
                    4749462035313278353132202330202e2e2e2e2e2e2e2e2e2e2e2e2e2e7b";
        let got: String = gif_prefix(512, 512, 0)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn nonce_changes_only_the_comment() {
        let (a, b) = (gif_prefix(640, 480, 1), gif_prefix(640, 480, 99));
        assert_eq!(a[..16], b[..16]);
        assert_ne!(a, b);
        assert_eq!(a[63], 0x7B);
    }

    #[test]
    fn switch_lengths_need_xor_0x80_and_room() {
        let mut x = [0u8; 128];
        let mut y = [0u8; 128];
        x[SWITCH_BYTE] = 0x94;
        y[SWITCH_BYTE] = 0x14;
        assert_eq!(switch_lengths(&x, &y), Some((0x14, 0x94)));
        y[SWITCH_BYTE] = 0x82;
        x[SWITCH_BYTE] = 0x02;
        assert_eq!(switch_lengths(&x, &y), None, "v < 4 leaves no room");
        y[SWITCH_BYTE] = 0x15;
        assert_eq!(switch_lengths(&x, &y), None);
    }
}
