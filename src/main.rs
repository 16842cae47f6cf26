//! The page's entry point: mounts the Yew app. Natively there is nothing to run.

#[cfg(target_arch = "wasm32")]
fn main() {
    hashwall::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("hashwall runs in the browser: use scripts/run.sh to serve it.");
}
