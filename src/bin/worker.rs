//! The Web Worker's entry point: heavy work off the page's main thread.

#[cfg(target_arch = "wasm32")]
fn main() {
    hashwall::web::worker_main::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the worker runs in the browser only.");
}
