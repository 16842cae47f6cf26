//! The documents worker's entry point: reads the text of PDF and Word files, loaded by the
//! page on the first document (see index.html and `web::worker_client`).

#[cfg(target_arch = "wasm32")]
fn main() {
    hashwall::web::worker_main::start_documents();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the documents worker runs in the browser only.");
}
