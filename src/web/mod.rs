//! Browser glue shared by the page and its workers: talking to workers, reading and keeping
//! files. Compiled only for wasm32; the pure core never sees any of it.

pub mod analyser;
pub mod blob_store;
pub mod browser_decode;
pub mod download;
pub mod fetch;
pub mod storage;
pub mod text;
pub mod worker_client;
pub mod worker_main;
