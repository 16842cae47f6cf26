//! GIF's LZW compression of palette indices (via `weezl`).
//!
//! Eight-bit indices, so the minimum code size is 8; GIF packs codes least significant bit
//! first. The stream starts with a clear code and ends with the end-of-information code, as
//! every decoder expects. Splitting it into sub-blocks is the layout's job, not this one's.

use weezl::{BitOrder, encode::Encoder};

/// LZW minimum code size for 256-colour pictures.
pub const MIN_CODE_SIZE: u8 = 8;

/// The LZW data for a picture's indices, rows in order (no interlacing).
pub fn compress(indices: &[u8]) -> Result<Vec<u8>, String> {
    Encoder::new(BitOrder::Lsb, MIN_CODE_SIZE)
        .encode(indices)
        .map_err(|e| format!("LZW compression failed: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use weezl::decode::Decoder;

    #[test]
    fn round_trips_through_a_decoder() {
        let indices: Vec<u8> = (0..50_000u32).map(|i| (i * i % 251) as u8).collect();
        let data = compress(&indices).unwrap();
        let back = Decoder::new(BitOrder::Lsb, MIN_CODE_SIZE)
            .decode(&data)
            .unwrap();
        assert_eq!(back, indices);
    }

    #[test]
    fn starts_with_a_clear_code() {
        // Code 256 in 9 bits, LSB first: the first byte is its low 8 bits, 0x00. The layout
        // search must know that a skipping parser can never land on it.
        let data = compress(&[7; 100]).unwrap();
        assert_eq!(data[0], 0x00);
        assert!(
            data.len() < 40,
            "a flat run compresses well: {} bytes",
            data.len()
        );
    }
}
