//! Exports for the kernel benchmark: JavaScript writes a chunk into `buffer(n)` and calls
//! `update(n)`, as the worker copies each slice of a file into its buffer and hashes it there.
//! Edition 2021, so that `no_mangle` needs no `unsafe`; the module has no other exports.

use md5::{Digest, Md5};
use std::sync::Mutex;

static BUFFER: Mutex<Vec<u8>> = Mutex::new(Vec::new());
static HASHER: Mutex<Option<Md5>> = Mutex::new(None);
static DIGEST: Mutex<[u8; 16]> = Mutex::new([0; 16]);

/// The address of a buffer of `n` bytes, for JavaScript to fill.
#[no_mangle]
pub extern "C" fn buffer(n: usize) -> usize {
    let mut buffer = BUFFER.lock().unwrap();
    buffer.resize(n, 0);
    buffer.as_ptr() as usize
}

#[no_mangle]
pub extern "C" fn init() {
    *HASHER.lock().unwrap() = Some(Md5::new());
}

/// Hashes the first `n` bytes of the buffer.
#[no_mangle]
pub extern "C" fn update(n: usize) {
    let buffer = BUFFER.lock().unwrap();
    HASHER.lock().unwrap().as_mut().unwrap().update(&buffer[..n]);
}

/// Finishes; returns the address of the 16-byte digest.
#[no_mangle]
pub extern "C" fn finish() -> usize {
    let digest = HASHER.lock().unwrap().take().unwrap().finalize();
    let mut out = DIGEST.lock().unwrap();
    out.copy_from_slice(&digest);
    out.as_ptr() as usize
}
