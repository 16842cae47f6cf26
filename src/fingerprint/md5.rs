//! Streaming MD5 over RustCrypto's `md-5`.
//!
//! Files can be far larger than memory in a browser tab, so hashing is incremental: the
//! caller feeds chunks in order and reads the digest at the end. The result is the same
//! whatever the chunking.

use md5::Digest as _;
use std::fmt;

/// A 16-byte MD5 digest, shown as the usual 32 lowercase hex digits.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Digest(pub [u8; 16]);

impl Digest {
    /// The 32-digit lowercase hex form.
    pub fn hex(&self) -> String {
        self.to_string()
    }

    /// Parses 32 hex digits (either case, surrounding whitespace ignored).
    pub fn from_hex(text: &str) -> Result<Self, String> {
        let text = text.trim();
        if text.len() != 32 || !text.is_ascii() {
            return Err(format!("an MD5 is 32 hex digits, got {:?}", text));
        }
        let mut out = [0u8; 16];
        for (i, byte) in out.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16)
                .map_err(|_| format!("not a hex MD5: {:?}", text))?;
        }
        Ok(Self(out))
    }
}

impl fmt::Display for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // md-5 0.11 returns a hybrid_array, which has no LowerHex: format by hand.
        for b in self.0 {
            write!(f, "{b:02x}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Digest({self})")
    }
}

impl serde::Serialize for Digest {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.hex())
    }
}

impl<'de> serde::Deserialize<'de> for Digest {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Self::from_hex(&text).map_err(serde::de::Error::custom)
    }
}

/// An MD5 computation fed chunk by chunk.
#[derive(Clone, Default)]
pub struct Md5Stream {
    inner: md5::Md5,
    len: u64,
}

impl Md5Stream {
    /// A fresh computation.
    pub fn new() -> Self {
        Self::default()
    }

    /// Feeds the next chunk of the file.
    pub fn update(&mut self, chunk: &[u8]) {
        self.inner.update(chunk);
        self.len += chunk.len() as u64;
    }

    /// Bytes fed so far.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// True until a non-empty chunk has been fed.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The digest of everything fed.
    pub fn finish(self) -> Digest {
        Digest(self.inner.finalize().into())
    }
}

/// MD5 of a whole buffer.
pub fn md5(data: &[u8]) -> Digest {
    let mut s = Md5Stream::new();
    s.update(data);
    s.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::Rng;

    // RFC 1321, appendix A.5.
    const RFC1321: [(&str, &str); 7] = [
        ("", "d41d8cd98f00b204e9800998ecf8427e"),
        ("a", "0cc175b9c0f1b6a831c399e269772661"),
        ("abc", "900150983cd24fb0d6963f7d28e17f72"),
        ("message digest", "f96b697d7cb7938d525a2f31aaf161d0"),
        (
            "abcdefghijklmnopqrstuvwxyz",
            "c3fcd3d76192e4007dfb496cca67e13b",
        ),
        (
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
            "d174ab98d277d9f5a5611c2c9f419d9f",
        ),
        (
            "12345678901234567890123456789012345678901234567890123456789012345678901234567890",
            "57edf4a22be3c955ac49da2e2107b67a",
        ),
    ];

    #[test]
    fn rfc1321_vectors() {
        for (input, want) in RFC1321 {
            assert_eq!(md5(input.as_bytes()).hex(), want, "MD5({input:?})");
        }
    }

    #[test]
    fn chunked_equals_whole_for_random_splits() {
        let mut rng = Rng::new(0x5eed);
        for round in 0..200 {
            let len = rng.range(0, 3000) as usize;
            let mut data = vec![0u8; len];
            rng.fill(&mut data);
            let whole = md5(&data);
            let mut s = Md5Stream::new();
            let mut at = 0;
            while at < len {
                let step = rng.range(0, 200).min((len - at) as u64) as usize;
                s.update(&data[at..at + step]);
                at += step;
            }
            assert_eq!(s.len(), len as u64);
            assert_eq!(s.finish(), whole, "round {round}, len {len}");
        }
    }

    #[test]
    fn hex_round_trip_and_rejects_garbage() {
        let d = md5(b"hashwall");
        assert_eq!(Digest::from_hex(&d.hex().to_uppercase()).unwrap(), d);
        assert!(Digest::from_hex("xyz").is_err());
        assert!(Digest::from_hex(&"g".repeat(32)).is_err());
        let json = serde_json::to_string(&d).unwrap();
        assert_eq!(serde_json::from_str::<Digest>(&json).unwrap(), d);
    }

    #[test]
    fn sixteen_mib_of_generated_data() {
        // Expected digest computed independently with Python's hashlib over the same bytes.
        let mut data = vec![0u8; 16 << 20];
        for (i, b) in data.iter_mut().enumerate() {
            *b = (i.wrapping_mul(31) ^ (i >> 8)) as u8;
        }
        let mut s = Md5Stream::new();
        for chunk in data.chunks(1 << 20) {
            s.update(chunk);
        }
        let streamed = s.finish();
        assert_eq!(streamed, md5(&data));
        assert_eq!(streamed.hex(), "bc8b2ee4a8184985ecfbd52ed90885af");
    }
}
